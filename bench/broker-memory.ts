/**
 * Live heap per exchange of a broker on memory state, measured in process after full GCs: what the
 * state the broker must keep (a used `jti` until exp + tolerance, a claim for the single-use window
 * of the run attempt, a credential record until its retention) costs per exchange, without V8's
 * headroom or the load generator in the figure.
 *
 * Run:  node --expose-gc --import tsx bench/broker-memory.ts [--exchanges 20000] [--concurrency 64]
 *       [--warm-up 2000]
 * Also prints the CPU time of the whole process per timed exchange (process.cpuUsage(), every thread).
 * BENCH_ALLOC_PROFILE=FILE also writes V8's sampling heap profile of the timed exchanges (every
 * allocation, collected or not) and prints the bytes allocated per exchange by source file; with
 * BENCH_ALLOC_SURVIVORS=1 only what outlived the scavenges (promoted), by function and line.
 *
 * One broker (startBroker from a config file, as deployed: directory manifests, file audit log,
 * metrics on), the local issuer stand-in minting GitHub-shaped tokens (5-minute lifetime), every
 * exchange a fresh run. Tokens are minted first and dropped before the last measurement; the
 * baseline is taken after a warm-up of the same kind. Never part of `npm test`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readBrokerConfig } from '../shared/broker/config.js';
import { startBroker } from '../shared/broker/server.js';
import { startOidcIssuer } from '../shared/standins/oidc-issuer.js';

const AUD = 'https://broker.bench.invalid';
const SERVICE = 'https://hooks.example.internal';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx bench/broker-memory.ts');

const { values } = parseArgs({
  options: {
    exchanges: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '64' },
    'warm-up': { type: 'string', default: '2000' },
  },
});
const total = Number(values.exchanges);
const concurrency = Number(values.concurrency);

const work = mkdtempSync(join(tmpdir(), 'sw-bench-memory-'));
const issuer = await startOidcIssuer({ audience: AUD });
mkdirSync(join(work, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
writeFileSync(
  join(work, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'),
  `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${SERVICE}, scope: [notify:send], ttl: 60 }
`,
);
writeFileSync(
  join(work, 'broker.yml'),
  [
    `listen: 127.0.0.1:0`,
    `url: ${AUD}`,
    `audience: ${AUD}`,
    `issuers: [${issuer.url}]`,
    'require-job-identity: false',
    `manifests: { source: directory, path: ./manifests }`,
    `signing: { key-file: ./key.json }`,
    `state: memory`,
    `rate-limit: { per-repository: 100000000/s }`,
    `audit: ./audit.jsonl`,
  ].join('\n'),
);
const broker = await startBroker(await readBrokerConfig(join(work, 'broker.yml'), work), {
  warn: () => undefined,
  logger: { log: () => undefined },
});
const url = new URL(`${broker.url}/token`);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

let minted = 0;
async function mint(n: number): Promise<string[]> {
  const out: string[] = [];
  while (out.length < n) {
    const batch = Math.min(64, n - out.length);
    out.push(
      ...(await Promise.all(
        Array.from({ length: batch }, () =>
          // GitHub's lifetime: exp - iat = 300 s (the stand-in's default).
          issuer.mint({ run_id: String(7_000_000_000 + minted++) }).then((t) =>
            new URLSearchParams({
              grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
              subject_token: t,
              subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
              audience: SERVICE,
              job: 'publish',
              step: 'notify',
            }).toString(),
          ),
        ),
      )),
    );
  }
  return out;
}

function post(body: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function drive(bodies: string[]): Promise<number> {
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) if ((await post(bodies[next++]!)) === 200) ok++;
    }),
  );
  return ok;
}

const survivors = process.env.BENCH_ALLOC_SURVIVORS === '1';

async function allocationProfile() {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync: write } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    // BENCH_ALLOC_SURVIVORS=1: only what outlived the scavenges (promoted, then dead or kept), by site.
    includeObjectsCollectedByMinorGC: !survivors,
  });
  return {
    /** Writes the profile; the sampled bytes by source file (the load generator's own included). */
    async stop(file: string): Promise<Map<string, number>> {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      write(file, JSON.stringify(profile));
      session.disconnect();
      const byFile = new Map<string, number>();
      type Node = (typeof profile)['head'];
      const walk = (n: Node) => {
        const file =
          n.callFrame.url.replace(/^.*?\/(shared|bench|node_modules)\//, '$1/') || n.callFrame.functionName;
        const where = survivors ? `${file} ${n.callFrame.functionName}:${n.callFrame.lineNumber + 1}` : file;
        byFile.set(where, (byFile.get(where) ?? 0) + n.selfSize);
        n.children.forEach(walk);
      };
      walk(profile.head);
      return byFile;
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 50));
    gc();
  }
  return process.memoryUsage().heapUsed;
};

try {
  const warm = await drive(await mint(Number(values['warm-up'])));
  const before = await settle();
  let bodies = await mint(total);
  // BENCH_ALLOC_PROFILE=FILE: V8's sampling heap profile of the timed exchanges, every allocation
  // kept (also what GC collected), so a .heapprofile shows who allocates per exchange, not who retains.
  const alloc = process.env.BENCH_ALLOC_PROFILE ? await allocationProfile() : undefined;
  const cpu = process.cpuUsage();
  const ok = await drive(bodies);
  const { user, system } = process.cpuUsage(cpu);
  const allocated = await alloc?.stop(process.env.BENCH_ALLOC_PROFILE!);
  bodies = [];
  const after = await settle();
  const perExchange = (after - before) / Math.max(1, ok);
  console.log(
    `memory state: ${warm} warm-up + ${ok} timed exchanges (of ${total}); live heap ${(before / 1048576).toFixed(1)} -> ${(after / 1048576).toFixed(1)} MB after full GCs: ${perExchange.toFixed(0)} bytes/exchange`,
  );
  // Every thread of this process (the load generator's requests too, the same in every tree): CPU
  // moves far less with the machine's load than exchanges/s.
  console.log(
    `cpu: ${((user + system) / 1000 / Math.max(1, ok)).toFixed(3)} ms/exchange over the timed exchanges (user ${(user / 1000 / Math.max(1, ok)).toFixed(3)}, system ${(system / 1000 / Math.max(1, ok)).toFixed(3)}), client side included`,
  );
  if (allocated) {
    const total = [...allocated.values()].reduce((a, b) => a + b, 0);
    console.log(
      `allocated (sampled): ${(total / Math.max(1, ok)).toFixed(0)} bytes/exchange, client side included; by file:`,
    );
    for (const [where, bytes] of [...allocated].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`  ${(bytes / Math.max(1, ok)).toFixed(0).padStart(7)}  ${where}`);
  }
  if (process.env.BENCH_HEAP_SNAPSHOT)
    (await import('node:v8')).writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
} finally {
  agent.destroy();
  await broker.close();
  await issuer.close();
  rmSync(work, { recursive: true, force: true });
}
