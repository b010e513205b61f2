/**
 * The issuer rotating its signing key (session 25). The broker caches the JWKS (10 min) and refreshes
 * it once per cooldown (30 s) for a token whose kid it does not know, so a flood of made-up kids costs
 * one fetch per cooldown. The cooldown was counted from any fetch, the first one and the scheduled
 * re-read at the cache's age included: a key rotated within 30 s of the broker's start or of that
 * re-read had every token signed by it refused 400 ERR_OIDC_KID_UNKNOWN (invalid_grant, not retried
 * by the actions), jobs failing for a sound token. Now only kid-miss refreshes start the cooldown.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createOidcVerifier, OidcError, type OidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

jest.setTimeout(60_000);

const AUD = 'https://broker.example.com';

let issuer: OidcIssuer;
beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
});
afterAll(async () => {
  await issuer.close();
});

async function code(v: OidcVerifier, token: string): Promise<string> {
  try {
    await v.verify(token);
    return 'ok';
  } catch (err) {
    if (err instanceof OidcError) return err.code;
    throw err;
  }
}

describe('a key rotated by the issuer', () => {
  it('right after the broker first read the keys: the new kid is fetched and its tokens verify', async () => {
    // The default cooldown (30 s): the rotation lands well inside it.
    const v = createOidcVerifier({ issuers: [issuer.url], audience: AUD });
    expect(await code(v, await issuer.mint())).toBe('ok');
    await issuer.rotate();
    expect(await code(v, await issuer.mint())).toBe('ok');
  });

  it('right after the scheduled re-read at the cache age: the new kid is fetched and its tokens verify', async () => {
    // The cache ages out after 5 s: long enough that the rotation below (an RSA key made) lands
    // before the next scheduled re-read even at load 16 (if it did not, the test would still pass:
    // the re-read would find the key; it can never fail by chance).
    const v = createOidcVerifier({ issuers: [issuer.url], audience: AUD, keysMaxAgeMs: 5000 });
    expect(await code(v, await issuer.mint())).toBe('ok');
    await new Promise((r) => setTimeout(r, 5200));
    // This verify re-reads the aged set (a scheduled refresh), then the issuer rotates.
    expect(await code(v, await issuer.mint())).toBe('ok');
    await issuer.rotate();
    expect(await code(v, await issuer.mint())).toBe('ok');
  });

  it('the flood bound holds: after a kid-miss refresh, made-up kids cost no fetch within the cooldown', async () => {
    const v = createOidcVerifier({ issuers: [issuer.url], audience: AUD });
    expect(await code(v, await issuer.mint())).toBe('ok');
    const before = issuer.jwksFetches;
    // The first made-up kid is worth one refresh (it could be a rotation)...
    expect(await code(v, await issuer.mint({}, { kid: 'made-up-0' }))).toBe('ERR_OIDC_KID_UNKNOWN');
    expect(issuer.jwksFetches).toBe(before + 1);
    // ...the next ones, within the cooldown, none.
    for (let i = 1; i <= 20; i++)
      expect(await code(v, await issuer.mint({}, { kid: `made-up-${i}` }))).toBe('ERR_OIDC_KID_UNKNOWN');
    expect(issuer.jwksFetches).toBe(before + 1);
    // And the known key still verifies without a fetch.
    expect(await code(v, await issuer.mint())).toBe('ok');
    expect(issuer.jwksFetches).toBe(before + 1);
  });
});

describe('through the broker, mid-burst', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  it('exchanges before, during and after a rotation are each granted once; none refused for the new kid', async () => {
    const exchange = async (runId: string) =>
      s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(runId) })));
    const first = await Promise.all(Array.from({ length: 8 }, (_, i) => exchange(`before-${i}`)));
    expect(first.map((r) => r.status)).toEqual(Array(8).fill(200));
    // Tokens minted under the old key, then the rotation, then tokens under the new key, sent together.
    const old = await Promise.all(
      Array.from({ length: 4 }, (_, i) => s.issuer.mint({ run_id: runIdOf(`old-${i}`) })),
    );
    await s.issuer.rotate();
    const fresh = await Promise.all(
      Array.from({ length: 8 }, (_, i) => s.issuer.mint({ run_id: runIdOf(`new-${i}`) })),
    );
    const during = await Promise.all([...old, ...fresh].map((t) => s.token(s.exchangeForm(t))));
    // The old key left the issuer's JWKS: its tokens are refused once the set is re-read (never
    // granted by a key the issuer withdrew); every new-key token is granted.
    const byKey = during.map((r) => (r.status === 200 ? 'granted' : errorCode(r)));
    expect(byKey.slice(4)).toEqual(Array(8).fill('granted'));
    for (const r of during.slice(0, 4))
      expect(['granted', 'ERR_OIDC_KID_UNKNOWN']).toContain(r.status === 200 ? 'granted' : errorCode(r));
    const after = await Promise.all(Array.from({ length: 4 }, (_, i) => exchange(`after-${i}`)));
    expect(after.map((r) => r.status)).toEqual(Array(4).fill(200));
  });
});
