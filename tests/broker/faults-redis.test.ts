/**
 * Redis restarting, crashing or gone while a burst of exchanges runs at two broker processes: every
 * exchange is either granted (audit line, record, revocation deadline) or refused 503
 * temporarily_unavailable; no run gets its single-use grant twice; a GitHub token minted for a refused
 * exchange is revoked at once; a used jti stays used across the restart (AOF, appendfsync always);
 * the brokers recover by themselves when Redis is back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRedisProxy } from '../support/redis-proxy.js';
import { sleep, startRig, until, type Rig } from '../support/redis-rig.js';

const REPOS = { burst: 320001, crash: 320002, hung: 320003 };

let rig: Rig;
let a: BrokerProcess;
let b: BrokerProcess;

beforeAll(async () => {
  rig = await startRig(REPOS);
  [a, b] = await Promise.all([rig.spawn('a'), rig.spawn('b')]);
}, 60_000);

afterAll(async () => {
  await rig?.close();
}, 60_000);

interface Outcome {
  readonly runId: string;
  readonly oidc: string;
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Workers exchanging fresh runs' single-use grants, alternating brokers, until `stop()` resolves. */
async function burst(repo: keyof typeof REPOS, tag: string, stop: Promise<void>): Promise<Outcome[]> {
  let done = false;
  void stop.then(() => (done = true));
  const out: Outcome[] = [];
  let n = 0;
  const worker = async (w: number) => {
    while (!done) {
      const runId = `${tag}-${n++}`;
      const oidc = await rig.oidc(repo, runId);
      const r = await rig.exchange(w % 2 ? b : a, oidc, 'release');
      out.push({ runId, oidc, ...r });
      await sleep(15);
    }
  };
  await Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
  return out;
}

/** What every burst must satisfy, whatever Redis did during it. */
async function checkInvariants(outcomes: Outcome[]) {
  const raw = rig.redis.client();
  const granted = outcomes.filter((o) => o.status === 200);
  const refused = outcomes.filter((o) => o.status !== 200);
  for (const o of refused) {
    expect(o.status).toBe(503);
    expect(o.body.error).toBe('temporarily_unavailable');
    expect(o.body.error_description).toMatch(/^ERR_(STATE_UNAVAILABLE|EXCHANGE_INTERRUPTED)/);
  }
  // Granted: the audit line was on disk first, and the credential has its record and deadline.
  await until(
    () => {
      const lines = rig.audit('a', 'b');
      return granted.every((g) => lines.some((e) => e.grant_id === g.body.grant_id));
    },
    10_000,
    'granted lines',
  );
  for (const g of granted) {
    const grant = g.body.grant_id as string;
    const lines = rig.audit('a', 'b').filter((e) => e.grant_id === grant && e.type === 'credential.granted');
    expect(lines).toHaveLength(1);
    expect(await raw.hexists(`stepwarden:rec:${grant}`, 'deliverBy')).toBe(0);
    expect(await raw.hget(`stepwarden:rec:${grant}`, 'expiresAt')).toBeTruthy();
    expect(await raw.zscore('stepwarden:queue', grant)).not.toBeNull();
  }
  // Every GitHub token minted for a refused exchange is revoked upstream (at once, by the instance).
  // (Any client of the test, this burst or earlier.)
  const delivered = new Set(rig.secrets);
  await until(
    () => rig.gh.state.tokens.every((t) => delivered.has(t.token) || t.revoked),
    10_000,
    'undelivered tokens revoked',
  );
  for (const t of rig.gh.state.tokens) if (!delivered.has(t.token)) expect(t.revoked).toBe(true);
  return { granted, refused };
}

/** After Redis is back: a run refused during the fault may retry; no run ever gets two grants. */
async function retriesGrantOnce(outcomes: Outcome[], repo: keyof typeof REPOS) {
  const byRun = new Map<string, number>();
  for (const o of outcomes) if (o.status === 200) byRun.set(o.runId, (byRun.get(o.runId) ?? 0) + 1);
  for (const o of outcomes.filter((x) => x.status !== 200).slice(0, 20)) {
    const again = await rig.exchange(b, await rig.oidc(repo, o.runId), 'release');
    if (again.status === 200) byRun.set(o.runId, (byRun.get(o.runId) ?? 0) + 1);
    // A claim whose write Redis applied but whose answer was lost stays counted: refused, never
    // doubled; or held while that gate's intent is in flight (until the sweep takes it).
    else expect(again.body.error_description).toMatch(/^ERR_GRANT_(ALREADY_CLAIMED|IN_FLIGHT)/);
  }
  for (const o of outcomes.filter((x) => x.status === 200).slice(0, 10)) {
    const again = await rig.exchange(a, await rig.oidc(repo, o.runId), 'release');
    expect(again.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
  }
  expect([...byRun.values()].every((n) => n === 1)).toBe(true);
}

describe('redis faults mid-burst, two broker processes', () => {
  it('redis restarted mid-burst: granted or 503, nothing twice, nothing leaked; used jtis survive; both recover', async () => {
    let release!: () => void;
    const stop = new Promise<void>((r) => (release = r));
    const running = burst('burst', 'restart', stop);
    await sleep(400);
    // A restart (clean shutdown, then a start that takes a moment, as loading a real AOF does).
    await rig.redis.down('SIGTERM');
    await sleep(700);
    await rig.redis.up();
    await sleep(1500);
    release();
    const outcomes = await running;
    const { granted, refused } = await checkInvariants(outcomes);
    expect(granted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    // Persisted: a token exchanged before the restart is a replay after it, at either instance.
    const before = granted[0]!;
    const replay = await rig.exchange(a, before.oidc, 'release');
    expect(replay.status).toBe(400);
    expect(replay.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
    // Recovered: fresh exchanges at both.
    expect((await rig.exchange(a, await rig.oidc('burst', 'after-restart-a'))).status).toBe(200);
    expect((await rig.exchange(b, await rig.oidc('burst', 'after-restart-b'))).status).toBe(200);
    await retriesGrantOnce(outcomes, 'burst');
  }, 120_000);

  it('redis crashed (SIGKILL) and down for seconds mid-burst: every exchange meanwhile is 503 and mints nothing; back up, all recover', async () => {
    let release!: () => void;
    const stop = new Promise<void>((r) => (release = r));
    const running = burst('crash', 'crash', stop);
    await sleep(400);
    const preCrashOidc = await rig.oidc('crash', 'pre-crash');
    expect((await rig.exchange(a, preCrashOidc)).status).toBe(200);
    await rig.redis.down('SIGKILL');
    await sleep(300); // what was in flight at the crash settles
    const mintedWhileDown = rig.gh.state.tokens.length;
    const downSince = Date.now();
    await sleep(2500);
    const whileDown = await rig.exchange(b, await rig.oidc('crash', 'while-down'), 'release');
    expect(whileDown.status).toBe(503);
    expect(whileDown.body.error_description).toMatch(/^ERR_STATE_UNAVAILABLE/);
    // Write-ahead: no intent can be written, so nothing was minted at GitHub while the store was gone.
    expect(rig.gh.state.tokens.length).toBe(mintedWhileDown);
    const upAt = Date.now();
    await rig.redis.up();
    await sleep(1500);
    release();
    const outcomes = await running;
    const { granted, refused } = await checkInvariants(outcomes);
    expect(refused.length).toBeGreaterThan(0);
    expect(granted.length).toBeGreaterThan(0);
    // Nothing was granted while Redis was down.
    const grantedWhileDown = rig
      .audit('a', 'b')
      .filter((e) => e.type === 'credential.granted')
      .filter((e) => {
        const at = Date.parse(String(e.time));
        return at > downSince + 50 && at < upAt - 50;
      });
    expect(grantedWhileDown).toEqual([]);
    // appendfsync always: the jti acknowledged before the crash is still used after it.
    const replay = await rig.exchange(b, preCrashOidc, 'notify');
    expect(replay.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
    expect((await rig.exchange(a, await rig.oidc('crash', 'after-crash-a'))).status).toBe(200);
    expect((await rig.exchange(b, await rig.oidc('crash', 'after-crash-b'))).status).toBe(200);
    await retriesGrantOnce(outcomes, 'crash');
  }, 120_000);

  it('redis unreachable without refusing (packets unanswered, a partition): the exchange is cut by the command deadline, 503, nothing minted; the network back, it grants', async () => {
    const proxy = await startRedisProxy(rig.redis.port);
    const c = await rig.spawn('hung', { state: proxy.url });
    try {
      expect((await rig.exchange(c, await rig.oidc('hung', 'hung-0'))).status).toBe(200);
      const minted = rig.gh.state.tokens.length;
      // Every command from here on goes unanswered (the connection stays open).
      void proxy.holdWhen(() => true);
      const res = await rig.exchange(c, await rig.oidc('hung', 'hung-1'), 'release');
      expect(res.status).toBe(503);
      expect(res.body.error_description).toMatch(/^ERR_STATE_UNAVAILABLE: .*timed out/i);
      expect(rig.gh.state.tokens.length).toBe(minted);
      // The partition heals (connections reset, the client reconnects): the same step is granted once.
      proxy.cut();
      await until(
        async () => (await rig.exchange(c, await rig.oidc('hung', 'hung-1'), 'release')).status === 200,
        15_000,
        'recovered',
      );
      const again = await rig.exchange(c, await rig.oidc('hung', 'hung-1'), 'release');
      expect(again.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    } finally {
      await c.stop();
      await proxy.close();
    }
  }, 60_000);
});
