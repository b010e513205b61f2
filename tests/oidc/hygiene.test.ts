import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOidcVerifier, OidcError, type OidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';

const AUD = 'https://broker.example.com';
let issuer: OidcIssuer;
let verifier: OidcVerifier;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  verifier = createOidcVerifier({ issuers: [issuer.url], audience: AUD });
});
afterAll(() => issuer.close());

async function codeOf(token: string, v: OidcVerifier = verifier): Promise<[string, string | undefined]> {
  try {
    await v.verify(token);
  } catch (err) {
    expect(err).toBeInstanceOf(OidcError);
    return [(err as OidcError).code, (err as OidcError).claim];
  }
  throw new Error('expected a refusal');
}

/** GitHub's claims as JSON text with `times` spliced in verbatim (so `1e400` stays `1e400`). */
function rawPayload(times: { exp: string; iat: string; nbf?: string }, over: Record<string, unknown> = {}) {
  const { exp: _e, iat: _i, nbf: _n, ...claims } = issuer.claims(over);
  const text = JSON.stringify(claims).slice(0, -1);
  const t = Object.entries(times)
    .map(([k, v]) => `"${k}":${v}`)
    .join(',');
  return `${text},${t}}`;
}

describe('OIDC token hygiene', () => {
  it('accepts a well-formed raw token (the raw minting itself is sound)', async () => {
    const t = now();
    const token = await issuer.mintRaw(rawPayload({ exp: String(t + 300), iat: String(t), nbf: String(t) }));
    await expect(verifier.verify(token)).resolves.toMatchObject({ repository: 'octo-org/octo-repo' });
  });

  it.each([
    ['exp 1e400 (Infinity)', (t: number) => ({ exp: '1e400', iat: `${t}` }), 'exp'],
    ['iat 1e400', (t: number) => ({ exp: `${t + 300}`, iat: '1e400' }), 'iat'],
    ['nbf -1e400', (t: number) => ({ exp: `${t + 300}`, iat: `${t}`, nbf: '-1e400' }), 'nbf'],
    ['a fractional exp', (t: number) => ({ exp: `${t + 300}.5`, iat: `${t}` }), 'exp'],
    ['a string exp', (t: number) => ({ exp: `"${t + 300}"`, iat: `${t}` }), 'exp'],
    ['a negative iat', (t: number) => ({ exp: `${t + 300}`, iat: '-1' }), 'iat'],
    ['an exp beyond a safe integer', (t: number) => ({ exp: '9007199254740993', iat: `${t}` }), 'exp'],
    ['a missing iat', (t: number) => ({ exp: `${t + 300}`, iat: 'null' }), 'iat'],
  ])('refuses %s as not a time', async (_n, times, claim) => {
    const token = await issuer.mintRaw(rawPayload(times(now())));
    expect(await codeOf(token)).toEqual(['ERR_OIDC_TIME_INVALID', claim]);
  });

  it('refuses exp - iat above the maximum (default one hour), and accepts it when configured higher', async () => {
    const long = await issuer.mint({}, { expiresIn: 3600 + 120 });
    expect(await codeOf(long)).toEqual(['ERR_OIDC_LIFETIME', 'exp']);
    const atMax = await issuer.mint({}, { expiresIn: 3600 });
    await expect(verifier.verify(atMax)).resolves.toBeTruthy();
    const lax = createOidcVerifier({ issuers: [issuer.url], audience: AUD, maxTokenLifetimeSeconds: 7200 });
    await expect(lax.verify(long)).resolves.toBeTruthy();
    const strict = createOidcVerifier({ issuers: [issuer.url], audience: AUD, maxTokenLifetimeSeconds: 300 });
    expect(await codeOf(await issuer.mint({}, { expiresIn: 600 }), strict)).toEqual([
      'ERR_OIDC_LIFETIME',
      'exp',
    ]);
  });

  it('refuses an iat older than the maximum lifetime (plus tolerance) even when exp is still ahead', async () => {
    const t = now();
    const old = await issuer.mintRaw(rawPayload({ exp: `${t + 60}`, iat: `${t - 3700}` }));
    expect(await codeOf(old)).toEqual(['ERR_OIDC_TOO_OLD', 'iat']);
    // Inside max + tolerance the age alone is not refused (the lifetime then is).
    const edge = await issuer.mintRaw(rawPayload({ exp: `${t + 60}`, iat: `${t - 3650}` }));
    expect(await codeOf(edge)).toEqual(['ERR_OIDC_LIFETIME', 'exp']);
  });

  it('exposes its clock tolerance so a jti is kept until exp plus the tolerance', () => {
    expect(createOidcVerifier({ issuers: [issuer.url], audience: AUD }).clockToleranceSeconds).toBe(60);
    expect(
      createOidcVerifier({ issuers: [issuer.url], audience: AUD, clockToleranceSeconds: 300 })
        .clockToleranceSeconds,
    ).toBe(300);
  });

  it.each([
    ['a .. repository', { repository: 'octo-org/..' }, 'repository'],
    ['a . repository', { repository: 'octo-org/.' }, 'repository'],
    ['an encoded slash', { repository: 'octo-org/a%2Fb' }, 'repository'],
    ['an extra segment', { repository: 'octo-org/a/b' }, 'repository'],
    ['a backslash', { repository: 'octo-org/a\\b' }, 'repository'],
    ['an owner that is not the repository owner', { repository_owner: 'someone-else' }, 'repository_owner'],
    ['a non-numeric repository_id', { repository_id: '100001 ' }, 'repository_id'],
    ['a non-numeric check_run_id', { check_run_id: '12ab' }, 'check_run_id'],
    ['a numeric (not string) check_run_id', { check_run_id: 12 }, 'check_run_id'],
  ])('refuses %s', async (_n, claims, claim) => {
    expect(await codeOf(await issuer.mint(claims as Record<string, string>))).toEqual([
      'ERR_OIDC_CLAIM_INVALID',
      claim,
    ]);
  });

  it('accepts repository names GitHub allows (dots, underscores, .github)', async () => {
    for (const repository of ['octo-org/.github', 'octo-org/a.b_c-d', 'octo_org/x'])
      await expect(verifier.verify(await issuer.mint({ repository }))).resolves.toMatchObject({ repository });
  });
});
