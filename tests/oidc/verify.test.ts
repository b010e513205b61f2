import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SignJWT, exportSPKI, generateKeyPair, importJWK, type JWK } from 'jose';
import { createOidcVerifier, OidcError, parseSubject, type OidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';

const AUD = 'https://broker.example.com';
let issuer: OidcIssuer;
let verifier: OidcVerifier;

beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  verifier = createOidcVerifier({ issuers: [issuer.url], audience: AUD, refreshCooldownMs: 0 });
});
afterAll(() => issuer.close());

async function refused(token: string, v: OidcVerifier = verifier): Promise<OidcError> {
  try {
    await v.verify(token);
  } catch (err) {
    expect(err).toBeInstanceOf(OidcError);
    // The refusal never carries the token.
    if (token.length > 8) expect((err as Error).message).not.toContain(token);
    return err as OidcError;
  }
  throw new Error('expected a refusal');
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('OIDC verification', () => {
  it('accepts a token from a trusted issuer and returns its claims', async () => {
    const claims = await verifier.verify(await issuer.mint({ repository: 'o/r' }));
    expect(claims.repository).toBe('o/r');
    expect(claims.run_attempt).toBe('1');
  });

  it.each([
    ['expired', { expiresIn: -3600 }, 'ERR_OIDC_EXPIRED'],
    ['not yet valid', { issuedAtOffset: 3600 }, 'ERR_OIDC_NOT_YET_VALID'],
  ])('refuses an %s token', async (_n, opts, code) => {
    expect((await refused(await issuer.mint({}, opts))).code).toBe(code);
  });

  it('refuses the wrong audience and names the claim', async () => {
    const e = await refused(await issuer.mint({ aud: 'https://other.example.com' }));
    expect([e.code, e.claim]).toEqual(['ERR_OIDC_AUDIENCE', 'aud']);
  });

  it('refuses an untrusted issuer without fetching anything from it', async () => {
    const other = await startOidcIssuer({ audience: AUD });
    const e = await refused(await other.mint());
    expect(e.code).toBe('ERR_OIDC_ISSUER');
    expect(other.jwksFetches).toBe(0);
    await other.close();
  });

  it('refuses a token that names a trusted issuer but is signed by another key (forged)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect((await refused(await issuer.mint({}, { key: privateKey }))).code).toBe('ERR_OIDC_SIGNATURE');
  });

  it('refuses alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: issuer.url, aud: AUD })}.`;
    expect((await refused(token)).code).toBe('ERR_OIDC_ALG');
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const jwk = issuer.jwks().keys[0] as JWK;
    const pem = await exportSPKI((await importJWK(jwk, 'RS256')) as never);
    const token = await new SignJWT({ iss: issuer.url, aud: AUD, sub: 'x' })
      .setProtectedHeader({ alg: 'HS256', kid: jwk.kid! })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem));
    expect((await refused(token)).code).toBe('ERR_OIDC_ALG');
  });

  it('refuses other asymmetric algorithms (RS256 only)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    expect((await refused(await issuer.mint({}, { alg: 'ES256', key: privateKey }))).code).toBe(
      'ERR_OIDC_ALG',
    );
  });

  it('refreshes keys on an unknown kid: a rotated key is accepted, a made-up kid refused', async () => {
    const before = issuer.jwksFetches;
    await issuer.rotate();
    await verifier.verify(await issuer.mint());
    expect(issuer.jwksFetches).toBeGreaterThan(before);
    expect((await refused(await issuer.mint({}, { kid: 'no-such-kid' }))).code).toBe('ERR_OIDC_KID_UNKNOWN');
  });

  it('rate-limits key refreshes: a flood of unknown kids fetches the JWKS at most once per cooldown', async () => {
    const slow = createOidcVerifier({ issuers: [issuer.url], audience: AUD, refreshCooldownMs: 60_000 });
    await slow.verify(await issuer.mint());
    const before = issuer.jwksFetches;
    for (let i = 0; i < 5; i++) await refused(await issuer.mint({}, { kid: `unknown-${i}` }), slow);
    expect(issuer.jwksFetches - before).toBeLessThanOrEqual(1);
  });

  it('refuses oversized and malformed tokens before any crypto', async () => {
    expect((await refused('a'.repeat(20_000))).code).toBe('ERR_OIDC_TOO_LARGE');
    expect((await refused('not-a-jwt')).code).toBe('ERR_OIDC_MALFORMED');
    expect((await refused('a.b')).code).toBe('ERR_OIDC_MALFORMED');
    expect((await refused('###.###.###')).code).toBe('ERR_OIDC_MALFORMED');
    expect((await refused(`${b64({ alg: 'RS256' })}.bm90IGpzb24.x`)).code).toBe('ERR_OIDC_MALFORMED');
  });

  it('refuses a token missing a required GitHub claim', async () => {
    const e = await refused(await issuer.mint({ repository_id: undefined as unknown as string }));
    expect([e.code, e.claim]).toEqual(['ERR_OIDC_CLAIM_MISSING', 'repository_id']);
  });

  it('verifies against a saved key set at a fixed time (verify --jwks --at)', async () => {
    const token = await issuer.mint({}, { expiresIn: 60 });
    const offline = createOidcVerifier({
      issuers: [issuer.url],
      audience: AUD,
      jwks: issuer.jwks(),
      now: () => Math.floor(Date.now() / 1000) + 30,
    });
    await expect(offline.verify(token)).resolves.toMatchObject({ repository: 'octo-org/octo-repo' });
    const later = createOidcVerifier({
      issuers: [issuer.url],
      audience: AUD,
      jwks: issuer.jwks(),
      now: () => Math.floor(Date.now() / 1000) + 3600,
    });
    expect((await refused(token, later)).code).toBe('ERR_OIDC_EXPIRED');
  });

  it('accepts GitHub-shaped key sets (x5c, x5t, hex thumbprint kid) alongside UUID kids', async () => {
    const jwk = {
      ...issuer.jwks().keys[0]!,
      kid: 'cc413527173d0b1d8ccbd43c0b1c8bc7b6b27bff',
      x5t: 'zEE1JxcD1Fw',
      x5c: ['MIIDrDCCApSgAwIBAgIQ'],
    };
    const v = createOidcVerifier({ issuers: [issuer.url], audience: AUD, jwks: { keys: [jwk] } });
    await expect(v.verify(await issuer.mint({}, { kid: jwk.kid }))).resolves.toBeTruthy();
  });

  it('accepts http:// issuers only on loopback', () => {
    expect(() => createOidcVerifier({ issuers: ['http://evil.example.com'], audience: AUD })).toThrow(
      /https/,
    );
    expect(() => createOidcVerifier({ issuers: ['http://127.0.0.1:1'], audience: AUD })).not.toThrow();
  });

  it('never verifies, and never throws anything but OidcError, on arbitrary input (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.tuple(fc.string(), fc.string(), fc.string()).map((p) => p.join('.')),
        ),
        async (s) => {
          await refused(s);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseSubject', () => {
  it('reads the classic and the immutable formats', () => {
    expect(parseSubject('repo:octo-org/octo-repo:ref:refs/heads/main')).toEqual({
      owner: 'octo-org',
      repo: 'octo-repo',
      context: 'ref:refs/heads/main',
    });
    expect(parseSubject('repo:octo-org@200001/octo-repo@100001:environment:prod')).toEqual({
      owner: 'octo-org',
      ownerId: '200001',
      repo: 'octo-repo',
      repoId: '100001',
      context: 'environment:prod',
    });
    expect(parseSubject('job_workflow_ref:o/r/.github/workflows/x.yml@main')).toBeUndefined();
  });
});
