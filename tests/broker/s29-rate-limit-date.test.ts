/**
 * Session 29: GitHub's (or a middlebox's) `Date` far behind on a rate-limited answer, under a broker
 * process on Redis. Session 28 waited the longer of the reset read on the broker's clock and on the
 * `Date`'s; a `Date` at the epoch made that ~1.8e9 s. The exchange answered that as its Retry-After,
 * and the revocation queue held every revocation of the App behind it (revocation.ts `limitedUntil`),
 * so a job end's revocation was given up at once ("gave up after 1 attempt(s)") and the next one was
 * never sent to GitHub. Now a reading on GitHub's clock past its hourly window is ignored: the wait is
 * the reset on the broker's clock (here 600 s ahead), and both revocations stay pending.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const EPOCH_DATE = 'Thu, 01 Jan 1970 00:00:00 GMT';
const AHEAD = 600;

/** A primary rate limit: nothing left, the window resets AHEAD s from now, GitHub's clock at the epoch. */
const limitedAnswer = () => ({
  count: 1,
  status: 403,
  body: { message: 'API rate limit exceeded for installation ID 70.' },
  headers: {
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + AHEAD),
    date: EPOCH_DATE,
  },
});

describe('a rate-limited answer whose Date is at the epoch', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ datewait: 392901 });
    a = await rig.spawn('date-a');
  }, 60_000);
  afterAll(async () => {
    rig.gh.standin.fail('DELETE', '/installation/token', { count: 0 });
    rig.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', { count: 0 });
    await rig?.close();
  }, 60_000);

  const lines = (grant: string) =>
    rig.audit('date-a').filter((e) => e.grant_id === grant && e.type !== 'credential.granted');
  const grantOf = (run: string) =>
    String(
      rig.audit('date-a').find((e) => e.type === 'credential.granted' && e.run_id === runIdOf(run))!.grant_id,
    );

  it('an exchange is refused with the reset on the broker’s clock as Retry-After, not 1.8e9 s', async () => {
    rig.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', limitedAnswer());
    const res = await fetch(`${a.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: await rig.oidc('datewait', 's29-date-refused'),
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'github',
        job: 'publish',
        step: 'release',
      }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(503);
    expect(String(body.error_description)).toMatch(/^ERR_GITHUB_RATE_LIMITED: /);
    // Whole seconds, at most the 600 s the reset is ahead (less by however long the call took).
    const after = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(after)).toBe(true);
    expect(after).toBeLessThanOrEqual(AHEAD);
    expect(after).toBeGreaterThan(0);
  });

  it('revocations stay pending behind the reset, neither given up nor held for decades', async () => {
    const runs = ['s29-date-first', 's29-date-second'];
    for (const run of runs)
      expect((await rig.exchange(a, await rig.oidc('datewait', run), 'release')).status).toBe(200);
    const [first, second] = runs.map(grantOf) as [string, string];
    rig.gh.standin.fail('DELETE', '/installation/token', limitedAnswer());
    for (const run of runs) {
      const end = await a.post('/revoke', { subject_token: await rig.oidc('datewait', run), job: 'publish' });
      expect([end.status, end.body.revocation_pending]).toEqual([200, 1]);
    }
    await until(() => lines(second).length > 0, 20_000, 'the second revocation’s line');
    for (const g of [first, second])
      expect(lines(g)).toEqual([
        expect.objectContaining({ type: 'credential.revocation_pending', reason: 'REVOCATION_PENDING' }),
      ]);
    // The second was not sent (the App waits for the reset): until a time within the hour.
    const detail = String(lines(second)[0]!.detail);
    const waitUntil = Date.parse(/wait until (\S+) \(rate limit\)/.exec(detail)![1]!);
    expect(waitUntil - Date.now()).toBeLessThan((AHEAD + 5) * 1000);
    expect(rig.gh.state.tokens.slice(-2).map((t) => t.revoked)).toEqual([false, false]);
  });
});
