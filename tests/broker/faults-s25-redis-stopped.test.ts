/**
 * redis-server SIGSTOPped (hung, not refusing: the kernel still accepts connections and buffers every
 * command) under two broker processes, then SIGCONT, when it runs every buffered command late (session
 * 25). The partition test (faults-redis) drops what the proxy held and the DEBUG SLEEP test
 * (ops-s17-slow-store) delays one process's commands; here the real server stops for both instances at
 * once, with their sweeps, fleet cards and readiness probes queued behind the exchanges.
 * What must hold: every exchange and every /readyz answers within its deadline (the 2 s command
 * deadline, plus slack), 503 ERR_STATE_UNAVAILABLE, nothing minted at GitHub; after SIGCONT the gates
 * the server applied late are undone or swept, so each step is granted once (never twice) on retry,
 * and both instances are ready again by themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

// The command deadline (2 s) plus room for a machine at load 16.
const ANSWER_WITHIN_MS = 2000 + 8000;

let rig: Rig;
let a: BrokerProcess;
let b: BrokerProcess;
let redisPid = 0;

beforeAll(async () => {
  rig = await startRig({ stopped: 330001 });
  [a, b] = await Promise.all([rig.spawn('a'), rig.spawn('b')]);
  const info = await rig.redis.client().info('server');
  redisPid = Number(/process_id:(\d+)/.exec(info)![1]);
}, 90_000);

afterAll(async () => {
  // Never leave the server stopped (its stop would wait forever).
  if (redisPid) process.kill(redisPid, 'SIGCONT');
  await rig?.close();
}, 60_000);

const timed = async <T>(f: () => Promise<T>) => {
  const t0 = Date.now();
  const r = await f();
  return { r, ms: Date.now() - t0 };
};

describe('redis-server stopped (SIGSTOP) mid-burst under two broker processes', () => {
  it('every answer within its deadline, 503 and nothing minted; after SIGCONT each step is granted once', async () => {
    // Warm: both instances grant, and their connections are up.
    expect((await rig.exchange(a, await rig.oidc('stopped', 'warm-a'), 'release')).status).toBe(200);
    expect((await rig.exchange(b, await rig.oidc('stopped', 'warm-b'), 'release')).status).toBe(200);
    const mintedBefore = rig.gh.state.tokens.length;

    process.kill(redisPid, 'SIGSTOP');
    const runs = Array.from({ length: 8 }, (_, i) => `stopped-${i}`);
    const during = await Promise.all([
      ...runs.map(async (run, i) =>
        timed(async () => rig.exchange(i % 2 ? b : a, await rig.oidc('stopped', run), 'release')),
      ),
    ]);
    const ready = await Promise.all([a, b].map((p) => timed(() => fetch(`${p.url}/readyz`))));
    for (const { r, ms } of during) {
      expect(r.status).toBe(503);
      expect(r.body.error).toBe('temporarily_unavailable');
      expect(String(r.body.error_description)).toMatch(/^ERR_STATE_UNAVAILABLE/);
      expect(r.body.access_token).toBeUndefined();
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    for (const { r, ms } of ready) {
      expect(r.status).toBe(503);
      await r.text();
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    // Write-ahead: no intent could be acknowledged, so nothing was minted at GitHub.
    expect(rig.gh.state.tokens.length).toBe(mintedBefore);

    // The server runs again, and with it every command buffered while it was stopped.
    process.kill(redisPid, 'SIGCONT');
    await until(
      async () =>
        (await Promise.all([a, b].map(async (p) => (await fetch(`${p.url}/readyz`)).status))).every(
          (s) => s === 200,
        ),
      30_000,
      'both ready again',
    );

    // Each refused step retried until granted: once, never twice (a late gate's claim is given back by
    // the undo or the sweep, or counts as the step's one claim: never a second credential).
    const grants = new Map<string, number>();
    for (const [i, run] of runs.entries()) {
      const at = i % 2 ? a : b;
      await until(
        async () => {
          const r = await rig.exchange(at, await rig.oidc('stopped', run), 'release');
          if (r.status === 200) grants.set(run, (grants.get(run) ?? 0) + 1);
          return r.status === 200;
        },
        60_000,
        `${run} granted after SIGCONT`,
      );
      const again = await rig.exchange(i % 2 ? b : a, await rig.oidc('stopped', run), 'release');
      expect(String(again.body.error_description)).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    }
    expect([...grants.values()]).toEqual(Array(runs.length).fill(1));
    // Every GitHub token minted since is delivered or revoked (none left standing undelivered).
    const delivered = new Set(rig.secrets);
    await until(
      () => rig.gh.state.tokens.every((t) => delivered.has(t.token) || t.revoked),
      15_000,
      'undelivered tokens revoked',
    );
    // The log holds one grant line per granted run, none for the refused tries.
    const lines = rig.audit('a', 'b').filter((e) => e.type === 'credential.granted');
    for (const run of runs) expect(lines.filter((e) => e.run_id === runIdOf(run))).toHaveLength(1);
    // What the operator saw: each instance said the store failed.
    for (const p of [a, b]) expect(p.stderr() + p.stdout()).toMatch(/ERR_STATE_UNAVAILABLE/);
  }, 180_000);
});
