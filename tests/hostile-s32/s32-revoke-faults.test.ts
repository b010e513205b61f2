/**
 * Session 32: revocation that is true, under GitHub's faults, through a broker process on Redis and
 * the GitHub stand-in. `DELETE /installation/token` answering:
 * - 401 for a token minted moments ago: GitHub's replicas may not know a new installation token for
 *   a few seconds and answer 401 while it still becomes valid (octokit/auth-app retries a 401 for 5 s
 *   after a token's creation for this, auth-app.js#65). Such a 401 is not a revocation: the broker
 *   must ask again, and say `revoked` only once GitHub did revoke it;
 * - 401 for a token GitHub already let go (revoked by its holder) and older than that window: done at
 *   once, one line, no retry;
 * - 404, or 500 to a whole call (its three retries), before a 204: pending, retried, `revoked` only after the 204;
 * - 500 to the end of the token's own life: given up, and no call after the token's expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { sleep, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const DELETE = '/installation/token';
// The broker's window for a 401 on a fresh token (revocation.ts), and a margin for a loaded machine.
const FRESH_MS = 10_000;

describe('revocation under GitHub faults (s32)', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ revoke: 532401 });
    a = await rig.spawn('s32-revoke', { extra: 'timeouts: { upstream: 4 }\n' });
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    rig?.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await rig?.close();
  }, 120_000);

  const lines = (grant: string) =>
    rig.audit('s32-revoke').filter((e) => e.grant_id === grant && e.type !== 'credential.granted');
  /** A release token for `run`: the client's answer, its grant id and the stand-in's record of it. */
  async function minted(run: string) {
    const t0 = Date.now();
    const r = await rig.exchange(a, await rig.oidc('revoke', run), 'release');
    expect(r.status).toBe(200);
    const token = rig.gh.state.tokens.find((t) => t.token === r.body.access_token)!;
    const grant = String(
      rig.audit('s32-revoke').find((e) => e.type === 'credential.granted' && e.run_id === runIdOf(run))!
        .grant_id,
    );
    return { t0, token, grant };
  }
  const jobEnd = async (run: string) =>
    a.post('/revoke', { subject_token: await rig.oidc('revoke', run), job: 'publish' });
  /** Every DELETE that reaches the stand-in from now on, timed (the real answer follows). */
  const countDeletes = () => {
    const at: number[] = [];
    rig.gh.standin.fail('DELETE', DELETE, { count: 1_000_000, onArrive: () => at.push(Date.now()) });
    return at;
  };

  it('a 401 for a token minted moments ago (not replicated yet) is asked again, not taken as revoked', async () => {
    const { t0, token, grant } = await minted('s32-fresh-401');
    let arrived = 0;
    // One 401 with the token left live: a replica that has not seen it yet. The next call is real.
    rig.gh.standin.fail('DELETE', DELETE, { count: 1, status: 401, onArrive: () => (arrived = Date.now()) });
    const end = await jobEnd('s32-fresh-401');
    // The premise: the 401 came within the window a new token may be unknown to a replica.
    expect(arrived - t0).toBeLessThan(FRESH_MS);
    // Answered revoked only once GitHub did revoke it (asked again within the call).
    expect([end.status, end.body.revoked, end.body.revocation_pending, token.revoked]).toEqual([
      200,
      1,
      undefined,
      true,
    ]);
    await until(() => lines(grant).length > 0, 30_000, 'the revoked line');
    expect(lines(grant).map((e) => [e.type, e.reason])).toEqual([
      ['credential.revoked', 'REVOKED_AT_JOB_END'],
    ]);
  }, 180_000);

  it('a 401 for a token GitHub already let go, past that window: done at once, one line, one call', async () => {
    const { t0, token, grant } = await minted('s32-gone-401');
    // Revoked by its holder directly at GitHub: the broker's call will meet a real 401.
    const gone = await fetch(`${rig.gh.standin.url}${DELETE}`, {
      method: 'DELETE',
      headers: { authorization: `token ${token.token}` },
    });
    expect(gone.status).toBe(204);
    // Past the window (a time, not a synchronisation: the broker's rule is about the token's age).
    await sleep(Math.max(0, t0 + FRESH_MS + 1000 - Date.now()));
    const calls = countDeletes();
    expect((await jobEnd('s32-gone-401')).status).toBe(200);
    await until(() => lines(grant).length > 0, 30_000, 'the revocation line');
    expect(lines(grant).map((e) => [e.type, e.reason])).toEqual([
      ['credential.revoked', 'REVOKED_AT_JOB_END'],
    ]);
    expect(calls).toHaveLength(1);
  }, 180_000);

  it.each([
    ['404 twice', 404, 2],
    // The client retries a 5xx three times within one call: four make the call fail.
    ['500 to a whole call', 500, 4],
  ] as const)(
    '%s, then 204: pending, retried, revoked only after GitHub did',
    async (_w, status, count) => {
      const run = `s32-${status}`;
      const { token, grant } = await minted(run);
      rig.gh.standin.fail('DELETE', DELETE, { count, status });
      expect((await jobEnd(run)).body.revocation_pending).toBe(1);
      expect(token.revoked).toBe(false);
      expect(lines(grant).map((e) => e.type)).toEqual(['credential.revocation_pending']);
      await until(
        () => lines(grant).some((e) => e.type === 'credential.revoked'),
        90_000,
        'the revoked line',
      );
      expect(token.revoked).toBe(true);
      expect(lines(grant).map((e) => [e.type, e.reason])).toEqual([
        ['credential.revocation_pending', 'REVOCATION_PENDING'],
        ['credential.revoked', 'REVOKED_AFTER_RETRY'],
      ]);
    },
    180_000,
  );

  it("500 to the end of the token's life: given up once, and no call after its expiry", async () => {
    // GitHub says this one expires in 20 s.
    rig.gh.state.tokenAnswer = (answer) => ({
      ...answer,
      expires_at: new Date(Date.now() + 20_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    const { grant } = await minted('s32-dies');
    rig.gh.state.tokenAnswer = undefined;
    const expiry = Date.now() + 20_000;
    const calls: number[] = [];
    rig.gh.standin.fail('DELETE', DELETE, {
      count: 1_000_000,
      status: 500,
      onArrive: () => calls.push(Date.now()),
    });
    expect((await jobEnd('s32-dies')).body.revocation_pending).toBe(1);
    await until(
      () => lines(grant).some((e) => e.type === 'credential.revoke_failed'),
      90_000,
      'the give-up line',
    );
    // Watched a while past the expiry: nothing more is sent for a token GitHub no longer honours.
    await sleep(Math.max(0, expiry + 5000 - Date.now()));
    rig.gh.standin.fail('DELETE', DELETE, { count: 0 });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.filter((t) => t > expiry + 1000)).toEqual([]);
    expect(lines(grant).map((e) => [e.type, e.reason])).toEqual([
      ['credential.revocation_pending', 'REVOCATION_PENDING'],
      ['credential.revoke_failed', 'ERR_REVOKE_FAILED'],
    ]);
  }, 180_000);
});
