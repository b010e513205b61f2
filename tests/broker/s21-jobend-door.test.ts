/**
 * Session 21: the job end (`POST /revoke subject_token=`) is a door an OIDC token opens, like the
 * exchange, but it charged no bucket. Every fresh token of a repository's jobs (GitHub signs as many
 * as a job asks for; without `owner-ids`, any repository on GitHub can ask) marked a jti, wrote a
 * job-end mark kept a day, listed the store twice and wrote a job.ended line, without end: on memory
 * state the used-jti map fills (503 ERR_STATE_FULL for every repository), on Redis every instance
 * pays the listings. And one token replayed there was an unthrottled stream of refusals, where the
 * exchange's replays have their own bucket. Now a job end charges a bucket of its own (the
 * per-repository limit, apart from the exchanges so that neither starves the other), replays charge
 * the replay bucket, and a job end refused 429 has not used its token, so the client's retry works.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';

let s: Stack;
let run = 21_000;
const LIMIT = 4;
const REPLAYS = 3;

beforeAll(async () => {
  s = await startStack({ rate: LIMIT, replayRate: REPLAYS });
});
afterAll(() => closeCheckingAudit(s));

const jobEndWith = (token: string) => s.post('/revoke', { subject_token: token });
const freshToken = (claims: Record<string, unknown> = {}) =>
  s.issuer.mint(
    { run_id: String(++run), check_run_id: String(90_000 + run), ...claims },
    // Issued on the broker's clock, which the cases move forward.
    { issuedAtOffset: s.clock.offset },
  );
/** Moves the broker's clock past every bucket's window, so each case starts with full buckets. */
const nextWindow = () => {
  s.clock.offset += 120;
};

describe('the job-end door is metered like the exchange', () => {
  it('fresh tokens of one repository: the per-repository limit, then 429 ERR_RATE_LIMITED naming the job end, audited', async () => {
    nextWindow();
    const answers = [];
    for (let i = 0; i < LIMIT + 3; i++) answers.push(await jobEndWith(await freshToken()));
    expect(answers.slice(0, LIMIT).map((r) => r.status)).toEqual(Array(LIMIT).fill(200));
    for (const r of answers.slice(LIMIT)) {
      expect([r.status, errorCode(r)]).toEqual([429, 'ERR_RATE_LIMITED']);
      expect(String(r.body.error_description)).toMatch(
        /^ERR_RATE_LIMITED: rate limit of 4 per 60s reached for job ends of octo-org\/octo-repo; retry after \d+s/,
      );
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const limited = s.audit.events.filter(
      (e) => e.type === 'credential.rate_limited' && String(e.detail).includes('job end'),
    );
    expect(limited).toHaveLength(3);
    expect(limited[0]).toMatchObject({ repository: 'octo-org/octo-repo', reason: 'ERR_RATE_LIMITED' });
  });

  it('a job end refused 429 has not used its token: the same token ends the job once the bucket refills', async () => {
    nextWindow();
    for (let i = 0; i < LIMIT; i++) expect((await jobEndWith(await freshToken())).status).toBe(200);
    const token = await freshToken();
    expect((await jobEndWith(token)).status).toBe(429);
    nextWindow();
    const retried = await jobEndWith(token);
    expect([retried.status, retried.body.complete]).toEqual([200, true]);
  });

  it('job ends and exchanges have a bucket each: a flood of job ends does not starve the exchanges, nor the reverse', async () => {
    nextWindow();
    for (let i = 0; i < LIMIT + 1; i++) await jobEndWith(await freshToken());
    const ex = await s.token(s.exchangeForm(await freshToken(), { audience: HOOKS, step: 'notify' }));
    expect(ex.status).toBe(200);
    nextWindow();
    for (let i = 0; i < LIMIT + 1; i++)
      await s.token(s.exchangeForm(await freshToken(), { audience: HOOKS, step: 'notify' }));
    expect((await jobEndWith(await freshToken())).status).toBe(200);
  });

  it('one job-end token replayed: ERR_OIDC_REPLAYED, then the replay bucket (429 ERR_REPLAY_RATE_LIMITED)', async () => {
    nextWindow();
    const token = await freshToken();
    expect((await jobEndWith(token)).status).toBe(200);
    const codes = [];
    for (let i = 0; i < REPLAYS + 3; i++) {
      const r = await jobEndWith(token);
      codes.push([r.status, errorCode(r)]);
    }
    expect(codes.slice(0, REPLAYS)).toEqual(Array(REPLAYS).fill([400, 'ERR_OIDC_REPLAYED']));
    expect(codes.slice(REPLAYS)).toEqual(Array(3).fill([429, 'ERR_REPLAY_RATE_LIMITED']));
    // One line per refusal, attributed (before, the HTTP edge wrote a second, anonymous one per replay).
    const refused = s.audit.events.filter(
      (e) =>
        e.type === 'credential.refused' &&
        (e.reason === 'ERR_OIDC_REPLAYED' || e.reason === 'ERR_REPLAY_RATE_LIMITED') &&
        String(e.detail).startsWith('job-end revocation'),
    );
    expect(refused).toHaveLength(REPLAYS + 3);
    expect(refused.every((e) => e.repository === 'octo-org/octo-repo' && e.run_id === String(run))).toBe(
      true,
    );
    expect(
      s.audit.events.filter((e) => e.type === 'credential.refused' && e.repository === undefined),
    ).toHaveLength(0);
  });
});

describe("the job end's job= is a job id, as the exchange's", () => {
  for (const [name, job] of [
    ['a bidirectional override', 'publish\u202egnp.exe'],
    ['zero-width characters', 'pub\u200blish'],
    ['a 5,000-character name', 'j'.repeat(5000)],
    ['a new line', 'publish\nforged'],
  ] as const)
    it(`${name}: refused ERR_PARAM_INVALID before the token is read (the token still ends the job)`, async () => {
      nextWindow();
      const token = await freshToken();
      const r = await s.post('/revoke', { subject_token: token, job });
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
      expect(String(r.body.error_description)).toMatch(/^ERR_PARAM_INVALID: parameter 'job' /);
      expect(s.audit.events.some((e) => e.type === 'job.ended' && e.job === job)).toBe(false);
      const ok = await s.post('/revoke', { subject_token: token, job: 'publish' });
      expect([ok.status, (ok.body.subject as Record<string, unknown>).job]).toEqual([200, 'publish']);
    });
});
