/**
 * The GC work per exchange of each server of a burst, from V8's --trace-gc-nvp lines: bytes
 * promoted to the old generation, bytes the scavenger copied within the young one, bytes
 * allocated, and (load-dependent) pause time. Bytes moved do not follow the machine's load the way
 * exchanges/s and pauses do, so they compare two trees on a shared machine.
 *
 *   BENCH_NODE_ARGS=--trace-gc-nvp npx tsx bench/broker-cluster.ts --only a --rounds 1 > RUN.out 2> RUN.gc
 *   npx tsx bench/gc-nvp.ts RUN.gc RUN.out
 *
 * `--only a` only: the first process that reports a GC is the minimal server (it is started, and
 * answers its warm-up, before the broker), the second the broker. Each process's busiest isolate is
 * its main thread (the others are tsx's loader and the audit writer). Exchanges per process are the
 * timed round's answers plus the warm-up (one exchange, then WARM_UP_PER_PROCESS).
 */
import { readFileSync } from 'node:fs';

/** bench/broker-cluster.ts: one exchange, then 6 x 256 connections, per process. */
const WARM_UP_PER_PROCESS = 1 + 6 * 256;

const [gcFile, outFile] = process.argv.slice(2);
if (!gcFile || !outFile) throw new Error('usage: npx tsx bench/gc-nvp.ts RUN.gc RUN.out');

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
  console.log(
    `${roles[i]}: ${n} exchanges, ${scavenges} scavenges, ${gcs.length - scavenges} other GCs; per exchange: ` +
      `promoted ${kb('promoted')}, survived in new space ${kb('new_space_survived')}, allocated ${kb('allocated')}; ` +
      `pauses ${((sum('pause') * 1000) / n).toFixed(0)} µs (load-dependent)`,
  );
});
