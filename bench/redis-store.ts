/**
 * Benchmark of the Redis store alone: what the exchange's store steps for a broker JWT (screenGate
 * and putDelivered, as the service calls them for an exchange decided without GitHub; `--apart`: the
 * screen and the gate apart, as for one that read GitHub; `--separate`: put then deliver) cost the broker's process in CPU, with `--concurrency`
 * exchanges in flight, against a local redis-server started here (no persistence). A steadier figure
 * than the cluster bench's for comparing store code: no HTTP, no JOSE, no audit; the CPU time is this
 * process's (process.cpuUsage), the server's from /proc.
 *
 * Run:  npx tsx bench/redis-store.ts [--exchanges 20000] [--concurrency 128] [--rounds 3] [--apart] [--separate]
 * Sweep: npx tsx bench/redis-store.ts --sweep [--exchanges 5000] [--steps | --per-entry]: the revocation
 *        sweep of that many due broker JWTs, each of its own run (the batch's hold and expiry steps,
 *        session 34; `--per-entry`: without them, each entry held and expired on its own, session
 *        33's path; `--steps`: without expireAlone either, the step-by-step path; `--held`: the
 *        batch as due, holdMany and expireAloneMany, sessions 34-41; by default takeDue, one step,
 *        session 42), with the round trips' commands counted at redis-server.
 * Outside server: BENCH_REDIS_PORT=P [BENCH_REDIS_PID=PID] npx tsx bench/redis-store.ts ... drives a
 *        redis-server already listening on 127.0.0.1:P (e.g. under callgrind; session 37).
 * Never part of `npm test`.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { redisBinary, startBenchRedis } from './redis-server.js';
import { memoryAuditSink } from '../shared/broker/audit-log.js';
import { Revoker } from '../shared/broker/revocation.js';
import { RedisStore } from '../shared/broker/state/redis.js';
import { SecretBox } from '../shared/broker/state/secret-box.js';
import {
  gatesOf,
  jobEndKey,
  type CredentialRecord,
  type GateRequest,
  type Store,
} from '../shared/broker/state/store.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const CHECK_RUN = '4242';

const { values } = parseArgs({
  options: {
    exchanges: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '128' },
    rounds: { type: 'string', default: '3' },
    // The screen and the gate composed from the single steps (seen, rateLimit, admit, claim,
    // intend: seven round trips, as before the scripts), for comparison.
    steps: { type: 'boolean', default: false },
    // The screen then the gate, two scripts (an exchange whose decision read GitHub; every
    // exchange before session 28), instead of screenGate.
    apart: { type: 'boolean', default: false },
    // put then deliver (a GitHub token's path; every credential's before session 13) instead of
    // putDelivered (a broker JWT's one step after its audit line), for comparison.
    separate: { type: 'boolean', default: false },
    sweep: { type: 'boolean', default: false },
    'per-entry': { type: 'boolean', default: false },
    // The sweep's batch as sessions 34-41 took it (due, holdMany, expireAloneMany: three round trips)
    // instead of takeDue's one.
    held: { type: 'boolean', default: false },
  },
});
const total = Number(values.exchanges);
const concurrency = Number(values.concurrency);

const serverCpuMs = (pid: number) => {
  if (!pid) return 0;
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};

const bin = redisBinary();
if (!bin) throw new Error('no redis-server or valkey-server installed');
// BENCH_REDIS_PORT (and BENCH_REDIS_PID, for its CPU): a redis-server started outside, e.g. under
// `valgrind --tool=callgrind` to count its instructions an exchange (session 37); the store's command
// deadline is then ten minutes, as the server runs fifty times slower.
const outside = process.env.BENCH_REDIS_PORT;
const redis = outside
  ? {
      port: Number(outside),
      proc: { pid: Number(process.env.BENCH_REDIS_PID ?? 0), kill: () => true } as unknown as ChildProcess,
    }
  : await startBenchRedis(bin);
const { port, proc: server } = redis;
const store = await RedisStore.connect(`redis://127.0.0.1:${port}`, {
  box: SecretBox.fromText(randomBytes(32).toString('hex'), 'bench'),
  ...(outside ? { commandTimeoutMs: 600_000 } : {}),
});

if (values.sweep) {
  await sweepBench();
  process.exit(0);
}

/** Commands redis-server has run so far (INFO commandstats, summed). */
async function commandsRun(): Promise<number> {
  return Object.values(await commandCalls()).reduce((n, c) => n + c, 0);
}

/** Calls of each command redis-server has run so far (INFO commandstats), scripts' own included. */
async function commandCalls(): Promise<Record<string, number>> {
  const info = await (store as unknown as { redis: { info(s: string): Promise<string> } }).redis.info(
    'commandstats',
  );
  return Object.fromEntries(
    [...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]),
  );
}

/** Bytes redis-server has read from and written to its clients so far (INFO stats). */
async function netBytes(): Promise<{ in: number; out: number }> {
  const info = await (store as unknown as { redis: { info(s: string): Promise<string> } }).redis.info(
    'stats',
  );
  const of = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { in: of('total_net_input_bytes'), out: of('total_net_output_bytes') };
}

/** The sweep of `total` due broker JWTs, each the only credential of its run. */
async function sweepBench(): Promise<void> {
  const perEntry = values.steps || values['per-entry'];
  const swept =
    perEntry || values.held
      ? (Object.assign(Object.create(store), {
          takeDue: undefined,
          ...(perEntry ? { holdMany: undefined, expireAloneMany: undefined } : {}),
          ...(values.steps ? { expireAlone: undefined } : {}),
        }) as Store)
      : store;
  console.log(
    `sweep of due broker JWTs, ${values.steps ? 'step by step (no expireAlone)' : perEntry ? 'per entry (hold, expireAlone)' : values.held ? 'by batch (due, holdMany, expireAloneMany)' : 'by batch (takeDue)'}`,
  );
  try {
    for (let round = 0; round <= Number(values.rounds); round++) {
      const n = round === 0 ? Math.min(total, 1000) : total; // round 0: warm-up, not reported
      const now = Math.floor(Date.now() / 1000);
      for (let i = 0; i < n; i++) {
        const runId = `sweep-${round}-${i}`;
        await store.put({
          grantId: randomUUID(),
          tokenHash: randomBytes(32).toString('hex'),
          kind: 'jwt',
          repository: 'octo-org/octo-repo',
          repositoryId: '100001',
          workflow: 'release.yml',
          job: 'publish',
          step: 'notify',
          runId,
          runAttempt: '1',
          audience: 'https://hooks.example.internal',
          scope: 'notify:send',
          sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
          issuer: 'https://token.actions.githubusercontent.com',
          issuedAt: now - 120,
          expiresAt: now - 60,
          claimKey: `claim:100001:${runId}:1:release.yml:publish:notify:https://hooks.example.internal`,
        });
      }
      const revoker = new Revoker({
        store: swept,
        audit: memoryAuditSink(),
        githubFor: () => undefined,
        now: () => Math.floor(Date.now() / 1000),
      });
      const calls0 = await commandCalls();
      const c0 = await commandsRun();
      const cpu0 = process.cpuUsage();
      const s0 = serverCpuMs(server.pid!);
      const t0 = performance.now();
      let done = 0;
      for (let k; (k = await revoker.sweep(100)) > 0;) done += k;
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const s = serverCpuMs(server.pid!) - s0;
      const commands = (await commandsRun()) - c0 - 1;
      const calls = await commandCalls();
      // Script calls (round trips of the sweep's steps) and each command's share, per credential.
      const per = Object.entries(calls)
        .map(([k, v]) => [k, (v - (calls0[k] ?? 0)) / n] as const)
        .filter(([k, v]) => v > 0.005 && k !== 'info')
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ');
      if (done !== n) throw new Error(`swept ${done} of ${n}`);
      if (round > 0)
        console.log(
          `round ${round}: ${n} credentials in ${ms.toFixed(0)} ms (${((ms * 1000) / n).toFixed(0)} µs each), ` +
            `broker process ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms, redis-server ${(s / n).toFixed(3)} ms, ` +
            `${(commands / n).toFixed(2)} commands per credential\n  by command: ${per}`,
        );
    }
  } finally {
    await store.close();
    server.kill('SIGTERM');
  }
}

const gates = gatesOf(
  values.steps
    ? (Object.assign(Object.create(store), {
        screen: undefined,
        gate: undefined,
        screenGate: undefined,
      }) as Store)
    : store,
);
console.log(
  `${values.steps ? 'single steps (seen, rateLimit, admit, claim, intend)' : values.apart ? 'scripts (screen, gate)' : 'one script (screenGate)'}, then ${values.separate ? 'put, deliver' : 'putDelivered'}, ${concurrency} exchanges in flight`,
);

/** One exchange's store steps, in the service's order, for a fresh run. */
async function exchange(i: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const runId = `bench-${i}-${randomUUID().slice(0, 8)}`;
  const jtiKey = `https://token.actions.githubusercontent.com:${randomUUID()}`;
  const place = {
    repository: 'octo-org/octo-repo',
    repositoryId: '100001',
    workflow: 'release.yml',
    job: 'publish',
    step: 'notify',
    runId,
    runAttempt: '1',
    audience: 'https://hooks.example.internal',
  };
  const screening = { jtiKey, rateKey: 'rate:bench', limit: 1e9, windowSeconds: 1, now };
  const grantId = randomUUID();
  const claimKey = `claim:${place.repositoryId}:${runId}:1:release.yml:publish:notify:${place.audience}`;
  const req: GateRequest = {
    jtiKey,
    jtiTtlSeconds: 3660,
    subject: { repository: place.repository, workflow: place.workflow, runId },
    // As the service passes it for a token with check_run_id (github.com's always carry one).
    jobEndKey: jobEndKey({ ...place, issuer: ISSUER, checkRunId: CHECK_RUN }),
    claimTtlSeconds: 86400,
    uses: 1,
    intent: { grantId, claimKey, deadline: now + 60, sweepAt: now + 30, ...place },
  };
  let gate;
  if (values.apart || values.steps) {
    const screen = await gates.screen(screening);
    if (screen.seen || !screen.allowed) throw new Error('screen refused');
    gate = await gates.gate(req);
  } else {
    const both = await gates.screenGate(screening, req);
    if (both.screen.seen || !both.screen.allowed) throw new Error('screen refused');
    gate = both.gate;
  }
  if (!gate?.intended) throw new Error('gate refused');
  const record: CredentialRecord = {
    grantId,
    tokenHash: randomBytes(32).toString('hex'),
    kind: 'jwt',
    ...place,
    scope: 'notify:send',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    issuer: ISSUER,
    checkRunId: CHECK_RUN,
    issuedAt: now,
    expiresAt: now + 60,
    claimKey,
    deliverBy: now + 30,
  };
  if (values.separate) {
    await store.put(record);
    const d = await store.deliver(grantId, req.jobEndKey);
    if (!d.delivered) throw new Error('not delivered');
  } else await store.putDelivered(record, req.jobEndKey);
}

try {
  for (let round = 0; round <= Number(values.rounds); round++) {
    const n = round === 0 ? Math.min(total, 5000) : total; // round 0: warm-up, not reported
    let next = 0;
    const cpu0 = process.cpuUsage();
    const s0 = serverCpuMs(server.pid!);
    const b0 = await netBytes();
    const c0 = await commandCalls();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) await exchange(next++);
      }),
    );
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const s = serverCpuMs(server.pid!) - s0;
    const b1 = await netBytes();
    const c1 = await commandCalls();
    // The bench's own INFO calls left out: every other command is the exchanges'.
    const ran = (name: string) => ((c1[name] ?? 0) - (c0[name] ?? 0)) / n;
    const commands = Object.keys(c1)
      .filter((name) => name !== 'info')
      .reduce((sum, name) => sum + ran(name), 0);
    if (round > 0)
      console.log(
        `round ${round}: ${n} exchanges in ${ms.toFixed(0)} ms (${((n * 1000) / ms).toFixed(0)}/s), ` +
          `broker process ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms/exchange, redis-server ${(s / n).toFixed(3)} ms/exchange, ` +
          `${((b1.in - b0.in) / n).toFixed(0)} bytes sent and ${((b1.out - b0.out) / n).toFixed(0)} received per exchange, ` +
          `${commands.toFixed(2)} commands (evalsha ${ran('evalsha').toFixed(2)})`,
      );
    if (round > 0 && process.env.BENCH_COMMANDS)
      console.log(
        Object.keys(c1)
          .filter((name) => name !== 'info' && ran(name) > 0.005)
          .map((name) => `${name} ${ran(name).toFixed(2)}`)
          .join(', '),
      );
  }
} finally {
  await store.close();
  server.kill('SIGTERM');
}
