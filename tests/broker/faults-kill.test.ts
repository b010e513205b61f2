/**
 * A broker process killed (SIGKILL) mid-exchange, on Redis state: whatever it left (a write-ahead
 * intent, or a stored credential it never delivered) is swept by the next instance at start, with
 * its audit line, revoked upstream where the broker held the token, the claim given back once —
 * and the step's retry is granted exactly once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { holdNext } from '../support/github.js';
import { startRedisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { sleep, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const REPOS = { held: 310001, stored: 310002, jwt: 310003 };
// In-flight window: 2 × the upstream deadline + 5 s (server.ts).
const EXTRA = 'timeouts: { upstream: 4, headers: 10, body: 10, keep-alive: 5 }\n';
const WINDOW_MS = (2 * 4 + 5) * 1000;

let rig: Rig;
let proxy: RedisProxy;

beforeAll(async () => {
  rig = await startRig(REPOS);
  proxy = await startRedisProxy(rig.redis.port);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await rig?.close();
}, 60_000);

const granted = (runId: string) =>
  rig
    .audit()
    .filter((e) => e.type === 'credential.granted' && e.run_id === runIdOf(runId) && e.step === 'release');

/**
 * The step's retry as the action makes it: a 503 (nothing granted, "retry") is asked again with a
 * fresh OIDC token. The GitHub stand-in runs in the jest process; on a loaded machine its answer to
 * the mint can pass the brokers' 4 s upstream deadline (kept short so the in-flight window is), and
 * that 503 is not what these tests are about: the claim given back is (a second 200 would show it
 * was not, a 400 that it was never given back).
 */
async function retried(
  at: Parameters<Rig['exchange']>[0],
  repo: string,
  runId: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  for (let i = 0; ; i++) {
    const r = await rig.exchange(at, await rig.oidc(repo, runId), 'release');
    if (r.status !== 503 || i === 4) return r;
  }
}

/** GitHub tokens minted since `from` and still live: every one a client got, none left behind. */
const liveSince = (from: number) => rig.gh.state.tokens.slice(from).filter((t) => !t.revoked);

/** Starts an exchange that the test will not see answered: its promise resolves to the outcome. */
function inFlight(p: Promise<{ status: number }>): Promise<string> {
  return p.then(
    (r) => `answered ${r.status}`,
    () => 'connection lost',
  );
}

describe('a broker killed mid-exchange (SIGKILL), redis state', () => {
  it('while GitHub holds the installation-token call: the next instance sweeps the intent at start, gives the claim back, the retry is granted once', async () => {
    const a = await rig.spawn('held-a', { extra: EXTRA });
    const raw = rig.redis.client();
    // GitHub holds the mint until the broker is dead (a 1.5 s hold was shorter than the intent poll
    // plus the kill at load 27: the killed broker's token was minted).
    const mintCall = holdNext(rig.gh.standin, 'POST', '/app/installations/{installation_id}/access_tokens');
    const minted = rig.gh.state.tokens.length;
    const outcome = inFlight(rig.exchange(a, await rig.oidc('held', 'held-1'), 'release'));
    let intents: string[] = [];
    try {
      await until(async () => (intents = await raw.keys('stepwarden:intent:*')).length > 0, 10_000, 'intent');
      await mintCall.arrived;
      await a.stop('SIGKILL');
      expect(await outcome).toBe('connection lost');
      await sleep(2000); // the stand-in sees its client gone
    } finally {
      mintCall.release();
    }
    const grant = intents[0]!.slice('stepwarden:intent:'.length);
    // The intent and its claim outlive the process; the stand-in, finding its client gone, mints nothing.
    expect(await raw.exists(`stepwarden:intent:${grant}`)).toBe(1);
    expect(await raw.zscore('stepwarden:queue', grant)).not.toBeNull();
    await sleep(100);
    expect(rig.gh.state.tokens.length).toBe(minted);

    await sleep(WINDOW_MS); // nothing runs while the window passes: the intent is overdue at start
    const b = await rig.spawn('held-b', { extra: EXTRA });
    await until(() => rig.audit('held-b').some((e) => e.grant_id === grant), 20_000, 'sweep line');
    expect(rig.audit('held-b').filter((e) => e.grant_id === grant)).toEqual([
      expect.objectContaining({
        type: 'credential.revoked',
        reason: 'INTENT_ABANDONED',
        run_id: runIdOf('held-1'),
        step: 'release',
      }),
    ]);
    expect(await raw.exists(`stepwarden:intent:${grant}`)).toBe(0);
    expect(await raw.zscore('stepwarden:queue', grant)).toBeNull();
    expect(granted('held-1')).toEqual([]);

    // The claim was given back: the step's retry gets its single-use credential once, not twice.
    rig.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', { count: 0 });
    const retry = await retried(b, 'held', 'held-1');
    expect([retry.status, retry.body.error_description]).toEqual([200, undefined]);
    const again = await rig.exchange(b, await rig.oidc('held', 'held-1'), 'release');
    expect(again.status).toBe(400);
    expect(again.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    await until(() => granted('held-1').length === 1, 20_000, 'granted line');
    expect(liveSince(minted)).toHaveLength(1);
    await b.stop();
  }, 120_000);

  it('after storing the credential, before delivering it: its audit line is on disk, and the next instance revokes it at GitHub at start', async () => {
    // The broker's store connection goes through a proxy that stops at deliver() (the script call that
    // names both the record and the blocks): the credential is minted, stored and audited, not returned.
    const c = await rig.spawn('stored-c', { state: proxy.url, extra: EXTRA });
    const raw = rig.redis.client();
    const minted = rig.gh.state.tokens.length;
    const held = proxy.holdWhen(
      (chunk) => chunk.includes('stepwarden:rec:') && chunk.includes('stepwarden:blocks'),
    );
    const outcome = inFlight(rig.exchange(c, await rig.oidc('stored', 'stored-1'), 'release'));
    await held;
    await c.stop('SIGKILL');
    expect(await outcome).toBe('connection lost');

    expect(rig.gh.state.tokens.length).toBe(minted + 1);
    const token = rig.gh.state.tokens.at(-1)!;
    expect(token.revoked).toBe(false);
    const grant = await raw.get(`stepwarden:tok:${createHash('sha256').update(token.token).digest('hex')}`);
    expect(grant).toBeTruthy();
    // Write-ahead: the grant's line reached the disk before the credential could leave.
    expect(granted('stored-1')).toEqual([expect.objectContaining({ grant_id: grant })]);
    // Queued at its in-flight window, long before its ttl (300 s).
    const due = Number(await raw.zscore('stepwarden:queue', grant!));
    expect(due).toBeLessThan(Date.now() / 1000 + 60);

    await sleep(Math.max(0, due * 1000 - Date.now()) + 1000);
    const d = await rig.spawn('stored-d', { extra: EXTRA });
    await until(() => token.revoked, 20_000, 'upstream revocation');
    await until(() => rig.audit('stored-d').some((e) => e.grant_id === grant), 20_000, 'sweep line');
    expect(rig.audit('stored-d').filter((e) => e.grant_id === grant)).toEqual([
      expect.objectContaining({
        type: 'credential.revoked',
        outcome: 'success',
        reason: 'EXCHANGE_INTERRUPTED',
      }),
    ]);
    const rec = await raw.hgetall(`stepwarden:rec:${grant}`);
    expect(rec.revocation).toBe('"done"');
    expect(rec.secret).toBeUndefined();

    // Nobody received it, so its claim is back: the retry is granted once.
    expect((await retried(d, 'stored', 'stored-1')).status).toBe(200);
    expect(
      (await rig.exchange(d, await rig.oidc('stored', 'stored-1'), 'release')).body.error_description,
    ).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    await d.stop();
  }, 120_000);

  it('a broker JWT, after its audit line, before its one store step (putDelivered): nothing stored or returned; the next instance sweeps the intent at start and gives the claim back', async () => {
    // The proxy stops at the script call that names both the record and the blocks: for a broker JWT
    // that is putDelivered, which comes after the granted line is on disk.
    const c = await rig.spawn('jwt-c', { state: proxy.url, extra: EXTRA });
    const raw = rig.redis.client();
    const held = proxy.holdWhen(
      (chunk) => chunk.includes('stepwarden:rec:') && chunk.includes('stepwarden:blocks'),
    );
    const outcome = inFlight(rig.exchange(c, await rig.oidc('jwt', 'jwt-1'), 'notify'));
    await held;
    await c.stop('SIGKILL');
    expect(await outcome).toBe('connection lost');

    const lines = rig.audit().filter((e) => e.type === 'credential.granted' && e.run_id === runIdOf('jwt-1'));
    expect(lines).toHaveLength(1);
    const grant = String(lines[0]!.grant_id);
    // Not stored (so never live at introspection); its intent is queued at the in-flight window.
    expect(await raw.exists(`stepwarden:rec:${grant}`)).toBe(0);
    expect(await raw.exists(`stepwarden:intent:${grant}`)).toBe(1);
    const due = Number(await raw.zscore('stepwarden:queue', grant));
    expect(due).toBeLessThan(Date.now() / 1000 + 60);
    const [claimKey] = await raw.keys(`stepwarden:claim:*:${runIdOf('jwt-1')}:*`);
    expect(await raw.smembers(claimKey!)).toEqual([grant]);

    await sleep(Math.max(0, due * 1000 - Date.now()) + 1000);
    const d = await rig.spawn('jwt-d', { extra: EXTRA });
    await until(() => rig.audit('jwt-d').some((e) => e.grant_id === grant), 20_000, 'sweep line');
    expect(rig.audit('jwt-d').filter((e) => e.grant_id === grant)).toEqual([
      expect.objectContaining({
        type: 'credential.revoked',
        reason: 'INTENT_ABANDONED',
        run_id: runIdOf('jwt-1'),
        step: 'notify',
      }),
    ]);
    expect(await raw.exists(`stepwarden:intent:${grant}`)).toBe(0);
    expect(await raw.zscore('stepwarden:queue', grant)).toBeNull();
    expect(await raw.smembers(claimKey!)).toEqual([]);
    await d.stop();
  }, 120_000);
});
