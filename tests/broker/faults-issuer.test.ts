/**
 * The OIDC issuer's discovery/JWKS down (503) or hanging (never answers), with the issuer stand-in's
 * outage modes: cached keys keep working until they expire, unknown kids are refused, a pending
 * fetch is cut at its deadline and never holds up another issuer; through the broker, an issuer
 * that cannot be reached is a 503 with a code and nothing granted.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createOidcVerifier, OidcError, type OidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { startStack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

// Deadlines are real time; a loaded CI machine needs room around them.
jest.setTimeout(30_000);

const AUD = 'https://broker.example.com';
const FETCH_DEADLINE_MS = 2000;
const SLACK_MS = 2500;
/** A verifier that would wait this long for a hung fetch; "no wait" is checked against half of it. */
const LONG_DEADLINE_MS = 6000;

let a: OidcIssuer;
let b: OidcIssuer;

beforeAll(async () => {
  [a, b] = await Promise.all([startOidcIssuer({ audience: AUD }), startOidcIssuer({ audience: AUD })]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

function verifier(over: Partial<Parameters<typeof createOidcVerifier>[0]> = {}): OidcVerifier {
  return createOidcVerifier({
    issuers: [a.url, b.url],
    audience: AUD,
    fetchTimeoutMs: FETCH_DEADLINE_MS,
    ...over,
  });
}

async function outcome(v: OidcVerifier, token: string): Promise<{ code: string; ms: number }> {
  const t0 = Date.now();
  try {
    await v.verify(token);
    return { code: 'ok', ms: Date.now() - t0 };
  } catch (err) {
    if (!(err instanceof OidcError)) throw err;
    return { code: err.code, ms: Date.now() - t0 };
  }
}

describe.each(['down', 'hang'] as const)('issuer %s', (mode) => {
  afterAll(() => a.setMode('up'));

  it('cached keys keep working, without a fetch, while the issuer is out', async () => {
    a.setMode('up');
    const v = verifier({ fetchTimeoutMs: LONG_DEADLINE_MS });
    expect((await outcome(v, await a.mint())).code).toBe('ok');
    const [fetches, discoveries] = [a.jwksFetches, a.discoveryFetches];
    a.setMode(mode);
    const r = await outcome(v, await a.mint());
    expect(r.code).toBe('ok');
    expect(r.ms).toBeLessThan(LONG_DEADLINE_MS / 2);
    expect([a.jwksFetches, a.discoveryFetches]).toEqual([fetches, discoveries]);
  });

  it('an unknown kid is refused: at once within the cooldown, and within the deadline when it tries a refresh', async () => {
    a.setMode('up');
    const cooled = verifier({ fetchTimeoutMs: LONG_DEADLINE_MS });
    expect((await outcome(cooled, await a.mint())).code).toBe('ok');
    // The cooldown counts from the last refresh an unknown kid caused (session 25: not from the first
    // read, so a key rotated right after it is fetched): one made-up kid while the issuer is up.
    expect((await outcome(cooled, await a.mint({}, { kid: 'starts-the-cooldown' }))).code).toBe(
      'ERR_OIDC_KID_UNKNOWN',
    );
    a.setMode(mode);
    const quick = await outcome(cooled, await a.mint({}, { kid: 'made-up' }));
    expect(quick.code).toBe('ERR_OIDC_KID_UNKNOWN');
    expect(quick.ms).toBeLessThan(LONG_DEADLINE_MS / 2);

    a.setMode('up');
    const eager = verifier({ refreshCooldownMs: 0 });
    expect((await outcome(eager, await a.mint())).code).toBe('ok');
    a.setMode(mode);
    const tried = await outcome(eager, await a.mint({}, { kid: 'made-up-too' }));
    expect(tried.code).toBe('ERR_OIDC_KID_UNKNOWN');
    expect(tried.ms).toBeLessThan(FETCH_DEADLINE_MS + SLACK_MS);
    // The failed refresh dropped nothing: the known key still verifies.
    expect((await outcome(eager, await a.mint())).code).toBe('ok');
  });

  it('expired keys are not used: refused with ERR_OIDC_JWKS_UNAVAILABLE within the deadline, until the issuer is back', async () => {
    a.setMode('up');
    const v = verifier({ keysMaxAgeMs: 300 });
    expect((await outcome(v, await a.mint())).code).toBe('ok');
    a.setMode(mode);
    await new Promise((r) => setTimeout(r, 400));
    const r = await outcome(v, await a.mint());
    expect(r.code).toBe('ERR_OIDC_JWKS_UNAVAILABLE');
    expect(r.ms).toBeLessThan(FETCH_DEADLINE_MS + SLACK_MS);
    a.setMode('up');
    expect((await outcome(v, await a.mint())).code).toBe('ok');
  });

  it('a pending fetch of one issuer never blocks another issuer; callers of the hung one share one fetch', async () => {
    a.setMode(mode);
    const v = verifier({ fetchTimeoutMs: LONG_DEADLINE_MS });
    const fetchesBefore = a.jwksFetches;
    const discoveriesBefore = a.discoveryFetches;
    const [t1, t2] = [await a.mint(), await a.mint()];
    const pendingA = [outcome(v, t1), outcome(v, t2)];
    await new Promise((r) => setTimeout(r, 50));
    const other = await outcome(v, await b.mint());
    expect(other.code).toBe('ok');
    expect(other.ms).toBeLessThan(LONG_DEADLINE_MS / 2);
    const [r1, r2] = await Promise.all(pendingA);
    for (const r of [r1!, r2!]) {
      expect(r.code).toBe('ERR_OIDC_JWKS_UNAVAILABLE');
      expect(r.ms).toBeLessThan(LONG_DEADLINE_MS + SLACK_MS);
    }
    // Discovery answers first: down refuses there (no JWKS fetch), hang never gets past it.
    expect(a.jwksFetches - fetchesBefore).toBe(0);
    expect(a.discoveryFetches - discoveriesBefore).toBe(1);
    a.setMode('up');
  });
});

describe('issuer out, through the broker', () => {
  it('an issuer that cannot be reached is a 503 temporarily_unavailable with a code, nothing granted', async () => {
    const s = await startStack({ verifier: { fetchTimeoutMs: FETCH_DEADLINE_MS } });
    try {
      s.issuer.setMode('hang');
      const oidc = await s.issuer.mint({ run_id: runIdOf('iss-out') });
      const t0 = Date.now();
      const r = await s.token(s.exchangeForm(oidc));
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: 'temporarily_unavailable' });
      expect(r.body.error_description).toMatch(/^ERR_OIDC_JWKS_UNAVAILABLE: .*within 2s/);
      expect(Date.now() - t0).toBeLessThan(FETCH_DEADLINE_MS + SLACK_MS);
      expect(s.gh.state.tokens).toHaveLength(0);
      // The token was not burnt: once the issuer is back, the same token is exchanged.
      s.issuer.setMode('up');
      const again = await s.token(s.exchangeForm(oidc));
      expect(again.status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
