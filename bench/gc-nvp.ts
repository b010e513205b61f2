/**
 * The GC work per exchange of each server of a burst, from V8's --trace-gc-nvp lines: bytes
 * promoted to the old generation, bytes the scavenger copied within the young one, bytes
 * allocated, and (load-dependent) pause time. Bytes move far less with the machine's load than
 * exchanges/s and pauses do, so they compare two trees on a shared machine better.
 *
 *   BENCH_NODE_ARGS=--trace-gc-nvp npx tsx bench/broker-cluster.ts --only a --rounds 1 > RUN.out 2> RUN.gc
 *   npx tsx bench/gc-nvp.ts RUN.gc RUN.out
 *
 * `--only a` only: the first process that reports a GC is the minimal server (it is started, and
 * answers its warm-up, before the broker), the second the broker. Each process's busiest isolate is
 * its main thread (the others are tsx's loader and the audit writer). Exchanges per process are the
 * timed rounds' answers plus the warm-up. Bytes per exchange still move with throughput (exchanges
 * live connections / throughput, and per-second work is shared by fewer exchanges when it is low):
 * compare runs of similar exchanges/s, interleaved.
 */
import { readFileSync } from 'node:fs';

const [gcFile, outFile] = process.argv.slice(2);
if (!gcFile || !outFile) throw new Error('usage: npx tsx bench/gc-nvp.ts RUN.gc RUN.out');

/** bench/broker-cluster.ts's warm-up: one exchange, then 6 x connections, per process. */
const connections = Number(/burst: (\d+) connections/.exec(readFileSync(outFile, 'utf8'))?.[1] ?? NaN);
if (!Number.isInteger(connections)) throw new Error(`${outFile}: no "burst: N connections" line`);
const WARM_UP_PER_PROCESS = 1 + 6 * connections;

const answered = new Map<string, number>();
for (const m of readFileSync(outFile, 'utf8').matchAll(/^\s+(minimal|broker) x1 .*\((\d+) ok/gm))
  answered.set(m[1]!, (answered.get(m[1]!) ?? 0) + Number(m[2]));

type Fields = Record<string, string>;
const byProcess = new Map<string, Map<string, Fields[]>>();
for (const line of readFileSync(gcFile, 'utf8').split('\n')) {
  const m = /^\[(\d+):(0x[0-9a-f]+)\][^:]*: (pause=.*)/.exec(line);
  if (!m) continue;
  const fields = Object.fromEntries(
    m[3]!
      .split(' ')
      .filter((kv) => kv.includes('='))
      .map((kv) => kv.split('=') as [string, string]),
  );
  const isolates = byProcess.get(m[1]!) ?? new Map<string, Fields[]>();
  byProcess.set(m[1]!, isolates);
  isolates.set(m[2]!, [...(isolates.get(m[2]!) ?? []), fields]);
}

const roles = ['minimal', 'broker'];
[...byProcess.values()].slice(0, 2).forEach((isolates, i) => {
  const gcs = [...isolates.values()].sort((a, b) => b.length - a.length)[0]!;
  const n = (answered.get(roles[i]!) ?? 0) + WARM_UP_PER_PROCESS;
  const sum = (k: string) => gcs.reduce((a, f) => a + Number(f[k] ?? 0), 0);
  const kb = (k: string) => `${(sum(k) / n / 1024).toFixed(1)} KB`;
  const scavenges = gcs.filter((f) => f.gc === 's').length;
  // The heap after each scavenge less the one after the scavenge before (no other GC between): what
  // the old generation gained, promoted or allocated there directly (pretenured, large objects).
  let grown = 0;
  for (let j = 1; j < gcs.length; j++)
    if (gcs[j]!.gc === 's' && gcs[j - 1]!.gc === 's')
      grown += Number(gcs[j]!.total_size_after) - Number(gcs[j - 1]!.total_size_after);
  console.log(
    `${roles[i]}: ${n} exchanges, ${scavenges} scavenges, ${gcs.length - scavenges} other GCs; per exchange: ` +
      `promoted ${kb('promoted')}, survived in new space ${kb('new_space_survived')}, allocated ${kb('allocated')}, ` +
      `old generation grown ${(grown / n / 1024).toFixed(1)} KB between scavenges; ` +
      `pauses ${((sum('pause') * 1000) / n).toFixed(0)} µs (load-dependent)`,
  );
});
