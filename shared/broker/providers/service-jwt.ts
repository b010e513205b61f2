/**
 * Any audience other than `github`: an ES256 JWT signed by the broker, verifiable with its JWKS. With
 * the `spiffe` profile it is a JWT-SVID: `sub` is the step's SPIFFE ID, one audience, the header
 * carries only `alg`, `kid` and `typ`, and it is signed by a key published with `use: jwt-svid`.
 */
import { KeyObject, randomUUID, sign, type webcrypto } from 'node:crypto';
import type { CryptoKey } from 'jose';
import type { SigningKey } from '../signing-key.js';
import { AWS_TAGS_CLAIM, awsSessionTags, spiffeIdOf, type AudienceJwtOptions } from './jwt-profiles.js';
import type { CredentialPlace } from '../state/store.js';

export interface WorkloadContext {
  readonly repository: string;
  /**
   * The repository's numeric id (the token's `repository_id`, which the manifest binds): a relying
   * party that authorizes on `repository` alone cannot tell it from a repository re-created under the
   * name after a rename. Optional only for contexts built by hand (tests); the broker always sets it.
   */
  readonly repository_id?: string;
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly run_id: string;
  readonly run_attempt: string;
  /**
   * The issuer of the workload's OIDC token. Names, and ids, are each GitHub's own: with several
   * GitHubs served, `acme/app` of a GHES server is not github.com's, and only this tells them apart.
   */
  readonly oidc_issuer?: string;
  /**
   * The name of the workload's GitHub (`github.com`, a GHES host, `TENANT.ghe.com`), only when the
   * broker serves several: it then qualifies the SPIFFE ID (but github.com's) and is a session tag.
   */
  readonly github?: string;
}

/** Where a workload ran, beyond its place: the issuer of its token and, with several GitHubs, which one. */
export interface WorkloadOrigin {
  readonly oidc_issuer: string;
  readonly github?: string;
}

/** The claims a broker JWT carries about where it was issued, from the credential's place. */
export function workloadContextOf(p: CredentialPlace, origin?: WorkloadOrigin): WorkloadContext {
  return {
    repository: p.repository,
    repository_id: p.repositoryId,
    workflow: p.workflow,
    job: p.job,
    step: p.step,
    run_id: p.runId,
    run_attempt: p.runAttempt,
    ...origin,
  };
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
  // By assignment, in the order (and with the overrides) of the literal `{ ...extra, scope, ...context,
  // ...(tags ? { [AWS_TAGS_CLAIM]: tags } : {}), iss, aud, sub, jti, iat, nbf, exp }`: on Node 20 a
  // literal opening with the spread of a non-empty object and adding keys of its own takes V8's slow
  // path, about 20 µs for a chained credential's (`extra` = `{ act }`; service.ts exchangeNames).
  // `extra` and the context are the broker's own objects (no `__proto__` key, which Object.assign
  // would set as the prototype where a spread defines it).
  const payload: Record<string, unknown> = {};
  if (opts.extra) Object.assign(payload, opts.extra);
  payload.scope = opts.scope;
  Object.assign(payload, opts.context);
  if (opts.profile?.awsSessionTags) payload[AWS_TAGS_CLAIM] = awsSessionTags(opts.context);
  payload.iss = opts.issuer;
  // JWT-SVID.md §3: `aud` SHOULD be one value; a string keeps verifiers that expect one happy.
  payload.aud = opts.audience;
  payload.sub = spiffe ? spiffeIdOf(opts.profile!.trustDomain!, opts.context) : opts.subject;
  payload.jti = jti;
  payload.iat = opts.now;
  payload.nbf = opts.now;
  payload.exp = expiresAt;
  const token = await signEs256(headerOf(key), payload, key.privateKey);
  return { token, jti, expiresAt };
}

/** Each signing key as a KeyObject, checked once to be an ECDSA P-256 private key (jose checks on every sign). */
const es256Keys = new WeakMap<CryptoKey, KeyObject>();

function es256KeyObject(key: CryptoKey): KeyObject {
  let k = es256Keys.get(key);
  if (!k) {
    const alg = key.algorithm as { name?: string; namedCurve?: string };
    if (
      key.type !== 'private' ||
      alg.name !== 'ECDSA' ||
      alg.namedCurve !== 'P-256' ||
      !key.usages.includes('sign')
    )
      throw new TypeError('an ES256 signing key must be an ECDSA P-256 private key usable for sign');
    k = KeyObject.from(key as unknown as webcrypto.CryptoKey);
    es256Keys.set(key, k);
  }
  return k;
}

/**
 * The protected header of a key's JWTs, one per key (the same for every credential it signs), with
 * its base64url segment encoded once instead of at every exchange (signEs256 looks it up).
 */
const headers = new WeakMap<SigningKey, Readonly<Record<string, unknown>>>();
/** The segment of each header headerOf made (frozen, string values only: it cannot change). */
const segments = new WeakMap<object, string>();
function headerOf(key: SigningKey): Readonly<Record<string, unknown>> {
  let h = headers.get(key);
  if (!h) {
    h = Object.freeze({ alg: 'ES256', kid: key.kid, typ: 'JWT' });
    segments.set(h, Buffer.from(JSON.stringify(h)).toString('base64url'));
    headers.set(key, h);
  }
  return h;
}

/**
 * A compact JWS (RFC 7515) signed with ES256: ECDSA P-256 over SHA-256 with the raw r||s signature
 * RFC 7518 §3.4 asks for, the operation jose performs, but run by node:crypto on libuv's pool with a
 * callback and base64url by Buffer (native): the event loop's share of a signature drops from about
 * 30 µs (jose's builder, JavaScript base64, WebCrypto's argument handling) to under 10. Claims are
 * strings and integers the broker builds, never caller-chosen JSON.
 */
export async function signEs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: CryptoKey,
): Promise<string> {
  const keyObject = es256KeyObject(key);
  for (const c of ['iat', 'nbf', 'exp'] as const)
    if (!Number.isSafeInteger(payload[c])) throw new TypeError(`claim '${c}' must be an integer NumericDate`);
  const input = `${segments.get(header) ?? Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return new Promise((resolve, reject) =>
    sign('sha256', Buffer.from(input), { key: keyObject, dsaEncoding: 'ieee-p1363' }, (err, signature) =>
      err ? reject(err) : resolve(`${input}.${signature.toString('base64url')}`),
    ),
  );
}
