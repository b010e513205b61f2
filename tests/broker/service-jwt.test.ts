/** The broker's own ES256 signing (node:crypto, no jose builder) checked by jose, the verifier services use. */
import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { generateSigningKey } from '../../shared/broker/signing-key.js';
import { mintServiceJwt, signEs256 } from '../../shared/broker/providers/service-jwt.js';

const ISS = 'https://broker.example.internal';
const AUD = 'https://hooks.example.internal';
const context = {
  repository: 'octo-org/octo-repo',
  workflow: 'release.yml',
  job: 'publish',
  step: 'notify',
  run_id: '9001',
  run_attempt: '1',
};

describe('mintServiceJwt', () => {
  it('signs a JWT that jose verifies with the published key, with every claim and the header kid', async () => {
    const keys = await generateSigningKey();
    const now = Math.floor(Date.now() / 1000);
    const { token, jti, expiresAt } = await mintServiceJwt({
      key: keys.active(now),
      issuer: ISS,
      audience: AUD,
      subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      scope: 'notify:send',
      ttl: 60,
      now,
      context,
      extra: { act: { sub: 'parent' } },
    });
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: keys.published(now) }),
      { issuer: ISS, audience: AUD, algorithms: ['ES256'] },
    );
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: keys.active(now).kid, typ: 'JWT' });
    expect(payload).toEqual({
      act: { sub: 'parent' },
      scope: 'notify:send',
      ...context,
      iss: ISS,
      aud: AUD,
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      jti,
      iat: now,
      nbf: now,
      exp: expiresAt,
    });
    expect(expiresAt).toBe(now + 60);
  });

  it('a signature over other bytes does not verify (the token is bound to its header and claims)', async () => {
    const keys = await generateSigningKey();
    const now = Math.floor(Date.now() / 1000);
    const { privateKey } = keys.active(now);
    const a = await signEs256(
      { alg: 'ES256', kid: keys.active(now).kid },
      { iat: now, nbf: now, exp: now + 60, scope: 'a' },
      privateKey,
    );
    const b = await signEs256(
      { alg: 'ES256', kid: keys.active(now).kid },
      { iat: now, nbf: now, exp: now + 60, scope: 'b' },
      privateKey,
    );
    const forged = `${b.split('.').slice(0, 2).join('.')}.${a.split('.')[2]}`;
    await expect(
      jwtVerify(forged, createLocalJWKSet({ keys: keys.published(now) }), { algorithms: ['ES256'] }),
    ).rejects.toThrow();
    expect(decodeProtectedHeader(b).alg).toBe('ES256');
  });

  it('refuses a key that is not an ECDSA P-256 signing key, and times that are not integers', async () => {
    const now = 1_700_000_000;
    const { privateKey: p384 } = await generateKeyPair('ES384');
    const { privateKey: rsa } = await generateKeyPair('RS256');
    for (const key of [p384, rsa])
      await expect(signEs256({ alg: 'ES256' }, { iat: now, nbf: now, exp: now + 1 }, key)).rejects.toThrow(
        /ECDSA P-256/,
      );
    const { privateKey } = (await generateSigningKey()).active(now);
    await expect(
      signEs256({ alg: 'ES256' }, { iat: now + 0.5, nbf: now, exp: now + 1 }, privateKey),
    ).rejects.toThrow(/integer/);
  });
});
