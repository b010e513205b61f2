/**
 * Session 39, the GitHub App's JWT against GitHub's clock. GitHub's docs ("Generating a JSON Web Token
 * (JWT) for a GitHub App"): `iat` in the past (60 s back is advised against drift), `exp` no more than
 * 10 minutes into the future. The broker signs iat = now - 60 and exp = now + 540, so a host clock
 * more than 60 s off GitHub's either way made every App JWT refused: no installation look-up, no mint,
 * no upstream revocation, and at start the misleading "the private key does not belong to GitHub App".
 * The App stand-in was laxer than GitHub (exp up to 15 minutes ahead, any iat), so nothing showed it.
 * GitHub's refusal names the claim and its answer carries GitHub's clock (`Date`): the App now learns
 * the difference from it and signs on GitHub's clock, as octokit's auth-app does.
 *
 * In-process: the stand-in judges on `new Date()` (GitHub's clock), the broker's App reads `Date.now()`,
 * which the test moves.
 */
import { describe, expect, it } from '@jest/globals';
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { githubClockAhead } from '../../shared/broker/providers/github-app.js';
import { appClockRig } from '../support/app-clock.js';

describe("the App's JWT and GitHub's clock (s39)", () => {
  const rig = appClockRig({
    one: { id: 539301, installationId: 81 },
    two: { id: 539302, installationId: 82 },
  });
  const app = () => rig.app({ retries: 0 });
  const realNow = rig.realNow;

  describe('the stand-in refuses what GitHub refuses, with GitHub’s words', () => {
    const call = async (claims: { iat?: number; exp?: number }) => {
      const jwt = await new SignJWT({ ...claims, iss: String(rig.gh().appId) })
        .setProtectedHeader({ alg: 'RS256' })
        .sign(createPrivateKey(rig.gh().privateKeyPem));
      const r = await fetch(`${rig.gh().standin.url}/app`, { headers: { authorization: `Bearer ${jwt}` } });
      return { status: r.status, message: ((await r.json()) as { message: string }).message };
    };
    const t = () => Math.floor(realNow() / 1000);
    it.each([
      [
        'exp 10 min 10 s ahead',
        () => ({ iat: t() - 60, exp: t() + 610 }),
        "'Expiration time' claim ('exp') is too far in the future",
      ],
      [
        'exp 15 min ahead (the old stand-in took it)',
        () => ({ iat: t() - 60, exp: t() + 899 }),
        "'Expiration time' claim ('exp') is too far in the future",
      ],
      [
        'exp passed',
        () => ({ iat: t() - 700, exp: t() - 5 }),
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      ],
      [
        'no exp',
        () => ({ iat: t() - 60 }),
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      ],
      [
        'iat 30 s ahead',
        () => ({ iat: t() + 30, exp: t() + 300 }),
        "'Issued at' claim ('iat') must be an Integer representing a time in the past",
      ],
      [
        'iat not an integer',
        () => ({ iat: t() - 60.5, exp: t() + 300 }),
        "'Issued at' claim ('iat') must be an Integer representing a time in the past",
      ],
    ])('%s: 401', async (_, claims, message) => {
      expect(await call(claims())).toEqual({ status: 401, message });
    });
    it('iat a minute back, exp nine minutes on: taken', async () => {
      expect((await call({ iat: t() - 60, exp: t() + 540 })).status).toBe(200);
    });
  });

  // Before: each case failed, GitHub answered 401 to every App call ("the private key does not belong
  // to GitHub App 12345 (GET /app answered 401)" at start, ERR_GITHUB_UNAVAILABLE-class refusals after).
  for (const [name, seconds] of [
    ['90 s ahead', 90],
    ['10 minutes behind', -600],
    ['an hour ahead', 3600],
    ['a day behind', -86_400],
  ] as const)
    it(`a broker clock ${name} of GitHub's: start, installation look-up and mint work`, async () => {
      rig.setOffset(seconds * 1000);
      const a = app();
      expect(await a.identity()).toEqual({ id: rig.gh().appId, slug: 'stepwarden-standin' });
      expect(await a.installationId('octo-org', 'one')).toBe(81);
      const minted = await a.createToken('octo-org', 'two', { contents: 'read' }, ['two']);
      expect(minted.token).toMatch(/^ghs_/);
    });

  it('a JWT refused for another reason is not retried on a clock it did not give', async () => {
    const other = rig.app({ appId: rig.gh().appId + 1, retries: 0 });
    const before = rig.gh().standin.requests.length;
    await expect(other.identity()).rejects.toThrow(/does not belong to GitHub App 12346/);
    expect(rig.gh().standin.requests.length - before).toBe(1);
  });

  it('the clock learned from GitHub is dropped when the host clock is right again', async () => {
    rig.setOffset(-300_000);
    const a = app();
    await a.identity();
    rig.setOffset(0);
    // A JWT made on the learned difference after the host clock was fixed has its iat 4 minutes ahead.
    const before = rig.gh().standin.requests.length;
    expect(await a.installationId('octo-org', 'one')).toBe(81);
    // At most one refused try, then it is learned again.
    expect(rig.gh().standin.requests.length - before).toBeLessThanOrEqual(2);
  });
});

describe('githubClockAhead: only GitHub naming an App JWT claim, with its clock, is a clock refusal', () => {
  const date = new Date(Date.UTC(2026, 0, 1, 0, 1, 30)).toUTCString();
  const host = Date.UTC(2026, 0, 1, 0, 0, 0);
  const err = (status: number, message: unknown, d: unknown = date) => ({
    status,
    response: { data: { message }, headers: { date: d } },
  });
  const IAT = "'Issued at' claim ('iat') must be an Integer representing a time in the past";
  it.each([
    ['the iat refusal', err(401, IAT), 90],
    ['the exp refusal', err(401, "'Expiration time' claim ('exp') is too far in the future"), 90],
    ['Bad credentials', err(401, 'Bad credentials'), undefined],
    ['the words inside another message', err(401, `nope: ${IAT}`), undefined],
    ['a 403 with the words', err(403, IAT), undefined],
    ['no Date', err(401, IAT, null), undefined],
    ['an unreadable Date', err(401, IAT, 'yesterday'), undefined],
    ['a message that is not text', err(401, { IAT }), undefined],
    ['not an HTTP error', new Error(IAT), undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_, e, want) => {
    expect(githubClockAhead(e, host)).toBe(want);
  });
});
