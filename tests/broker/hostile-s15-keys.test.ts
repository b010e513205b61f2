/**
 * Hostile review (session 15), held (no change): an issuer key set with an RSA and an EC key under one
 * `kid`, or two RSA keys under one `kid`, verified through the broker's OIDC verifier (a fixed key set,
 * as `stepwarden verify --jwks` reads one). The EC key is never a candidate for RS256; two RSA keys of
 * one kid are refused rather than tried in turn (the issuer's set says two things); a key whose `alg`
 * or `use` says otherwise is not used.
 */
import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createOidcVerifier } from '../../shared/oidc/verify.js';

const ISS = 'https://token.actions.githubusercontent.com';

describe('one kid, several keys in the issuer set', () => {
  it('RSA beside EC: verified with the RSA key; EC alone, RS512 or use enc: no key; two RSA: refused', async () => {
    const [rsa, other, ec] = await Promise.all([
      generateKeyPair('RS256', { extractable: true }),
      generateKeyPair('RS256', { extractable: true }),
      generateKeyPair('ES256', { extractable: true }),
    ]);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      iss: ISS,
      aud: 'a',
      sub: 'repo:o/r:ref:refs/heads/main',
      jti: 'j',
      repository: 'o/r',
      repository_id: '1',
      repository_owner: 'o',
      repository_owner_id: '2',
      run_id: '3',
      run_attempt: '1',
      iat: now,
      nbf: now,
      exp: now + 300,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'K', typ: 'JWT' })
      .sign(rsa.privateKey);
    const key = async (k: CryptoKey, extra: Partial<JWK> = {}) => ({
      ...(await exportJWK(k)),
      kid: 'K',
      ...extra,
    });
    const [r, o, e] = await Promise.all([key(rsa.publicKey), key(other.publicKey), key(ec.publicKey)]);
    const verdict = (keys: JWK[]) =>
      createOidcVerifier({ issuers: [ISS], audience: 'a', jwks: { keys } })
        .verify(token)
        .then(
          () => 'verified',
          (err: { code?: string }) => err.code,
        );
    expect(await verdict([e, r])).toBe('verified');
    expect(await verdict([r, e])).toBe('verified');
    expect(await verdict([e])).toBe('ERR_OIDC_KID_UNKNOWN');
    expect(await verdict([{ ...r, alg: 'RS512' }])).toBe('ERR_OIDC_KID_UNKNOWN');
    expect(await verdict([{ ...r, use: 'enc' }])).toBe('ERR_OIDC_KID_UNKNOWN');
    expect(await verdict([o, r])).toBe('ERR_OIDC_JWKS_AMBIGUOUS');
    expect(await verdict([r, o])).toBe('ERR_OIDC_JWKS_AMBIGUOUS');
  });
});
