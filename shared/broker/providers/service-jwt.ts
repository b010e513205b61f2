/** Any audience other than `github`: an ES256 JWT signed by the broker, verifiable with its JWKS. */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from '../signing-key.js';

export interface WorkloadContext {
  readonly repository: string;
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly run_id: string;
  readonly run_attempt: string;
}

export async function mintServiceJwt(opts: {
  key: SigningKey;
  issuer: string;
  audience: string;
  subject: string;
  scope: string;
  ttl: number;
  now: number;
  context: WorkloadContext;
  /** Further claims (a chained credential's `act`). */
  extra?: Record<string, unknown>;
}): Promise<{ token: string; jti: string; expiresAt: number }> {
  const jti = randomUUID();
  const expiresAt = opts.now + opts.ttl;
  const token = await new SignJWT({ ...opts.extra, scope: opts.scope, ...opts.context })
    .setProtectedHeader({ alg: 'ES256', kid: opts.key.kid, typ: 'JWT' })
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setSubject(opts.subject)
    .setJti(jti)
    .setIssuedAt(opts.now)
    .setNotBefore(opts.now)
    .setExpirationTime(expiresAt)
    .sign(opts.key.privateKey);
  return { token, jti, expiresAt };
}
