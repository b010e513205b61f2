/**
 * Any audience other than `github`: an ES256 JWT signed by the broker, verifiable with its JWKS. With
 * the `spiffe` profile it is a JWT-SVID: `sub` is the step's SPIFFE ID, one audience, the header
 * carries only `alg`, `kid` and `typ`, and it is signed by a key published with `use: jwt-svid`.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from '../signing-key.js';
import { AWS_TAGS_CLAIM, awsSessionTags, spiffeIdOf, type AudienceJwtOptions } from './jwt-profiles.js';

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
  /** Absent: the default profile, no session tags. */
  profile?: AudienceJwtOptions & { trustDomain?: string; svidKey?: SigningKey };
}): Promise<{ token: string; jti: string; expiresAt: number }> {
  const jti = randomUUID();
  const expiresAt = opts.now + opts.ttl;
  const spiffe = opts.profile?.profile === 'spiffe';
  if (spiffe && (!opts.profile?.trustDomain || !opts.profile.svidKey))
    throw new Error('the spiffe profile needs spiffe.trust-domain and its signing key');
  const key = spiffe ? opts.profile!.svidKey! : opts.key;
  const token = await new SignJWT({
    ...opts.extra,
    scope: opts.scope,
    ...opts.context,
    ...(opts.profile?.awsSessionTags ? { [AWS_TAGS_CLAIM]: awsSessionTags(opts.context) } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setIssuer(opts.issuer)
    // JWT-SVID.md §3: `aud` SHOULD be one value; a string keeps verifiers that expect one happy.
    .setAudience(opts.audience)
    .setSubject(spiffe ? spiffeIdOf(opts.profile!.trustDomain!, opts.context) : opts.subject)
    .setJti(jti)
    .setIssuedAt(opts.now)
    .setNotBefore(opts.now)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return { token, jti, expiresAt };
}
