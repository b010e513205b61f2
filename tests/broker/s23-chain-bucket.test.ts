/**
 * Session 23, hostile review of the broker: a broker JWT is a bearer credential handed to a relying
 * party (a webhook receiver, a deploy service), outside the repository. Chained exchanges were charged
 * to the repository's exchange bucket (`rate:ISS:REPOSITORY_ID`), so that relying party, anything that
 * logs its requests, or whoever found the JWT could chain children from it until the bucket was empty
 * and keep it empty while the JWT lived (up to an hour): every workflow of the repository was then
 * refused `429 ERR_RATE_LIMITED` at its OIDC exchanges. Now chained exchanges charge a bucket of their
 * own (`chain:ISS:REPOSITORY_ID`, the per-repository limit), as job ends do since session 21: the
 * state a chain flood can write stays bounded, and the repository's exchanges are not starved by it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';

let s: Stack;
let run = 23_000;
const LIMIT = 4;
const JWT = 'urn:ietf:params:oauth:token-type:jwt';

beforeAll(async () => {
  s = await startStack({ rate: LIMIT });
});
afterAll(() => closeCheckingAudit(s));

const freshToken = () => s.issuer.mint({ run_id: String(++run) }, { issuedAtOffset: s.clock.offset });
const exchange = async () => s.token(s.exchangeForm(await freshToken(), { audience: HOOKS, step: 'notify' }));
const chain = (subject: string) =>
  s.token({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: subject,
    subject_token_type: JWT,
  });
/** Moves the broker's clock past every bucket's window, so each case starts with full buckets. */
const nextWindow = () => {
  s.clock.offset += 120;
};

describe('chained exchanges have a bucket of their own', () => {
  it("a relying party chaining one JWT until 429 leaves the repository's OIDC exchanges served", async () => {
    nextWindow();
    const parent = await exchange();
    expect(parent.status).toBe(200);
    const jwt = parent.body.access_token as string;
    const answers = [];
    for (let i = 0; i < LIMIT + 3; i++) answers.push(await chain(jwt));
    // The chain bucket alone: LIMIT children (the parent's exchange was the other bucket's), then 429
    // (the bucket refills one child per 15 s: over a slow machine's pause one more may pass, never two).
    expect(answers.slice(0, LIMIT).map((r) => r.status)).toEqual(Array(LIMIT).fill(200));
    const refused = answers.slice(LIMIT).filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    const last = refused[0]!;
    expect(errorCode(last)).toBe('ERR_RATE_LIMITED');
    expect(String(last.body.error_description)).toMatch(
      /^ERR_RATE_LIMITED: rate limit of 4 per 60s reached for chained exchanges of octo-org\/octo-repo; retry after \d+s/,
    );
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // The workflows of the repository still exchange their OIDC tokens (before: 429 until the JWT expired).
    const ok = [];
    for (let i = 0; i < LIMIT - 1; i++) ok.push((await exchange()).status);
    expect(ok).toEqual(Array(LIMIT - 1).fill(200));
    // Each refusal is one line, attributed to the credential presented.
    const limited = s.audit.events.filter(
      (e) => e.type === 'credential.rate_limited' && String(e.detail).includes('chained'),
    );
    expect(limited).toHaveLength(refused.length);
    expect(limited[0]).toMatchObject({
      repository: 'octo-org/octo-repo',
      repository_id: '100001',
      details: { parent_grant_id: parent.body.grant_id },
    });
  });

  it('the chain bucket still bounds what a flood writes: LIMIT children per window, whatever the parents', async () => {
    nextWindow();
    const parents = [];
    for (let i = 0; i < 2; i++) parents.push((await exchange()).body.access_token as string);
    const statuses = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await chain(parents[i % 2]!)).status);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT).filter((x) => x === 429).length).toBeGreaterThanOrEqual(2);
  });

  it("exchanges past the repository's limit do not stop a live JWT's chained exchange, nor the reverse", async () => {
    nextWindow();
    const jwt = (await exchange()).body.access_token as string;
    const flood = [];
    for (let i = 0; i < LIMIT + 2; i++) flood.push((await exchange()).status);
    expect(flood).toContain(429);
    expect((await chain(jwt)).status).toBe(200);
  });
});
