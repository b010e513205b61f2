/**
 * RS256 compact JWT verification on node:crypto, step for step what jose's `jwtVerify` does for
 * `algorithms: ['RS256']` (jose 6: jws_verify.js, validate.js, key.js, jwt_claims_set.js), in the
 * same order and with jose's own error classes, so verify.ts maps refusals exactly as before:
 * - three segments; the protected header strict base64url, strict UTF-8, a JSON object;
 * - `crit`: a non-empty array of non-empty strings naming only `b64`, present in the header; `b64`
 *   then a boolean, and `false` refused (JWTs must not use unencoded payloads);
 * - `alg` a non-empty string on the allow-list (RS256 only);
 * - the key from the issuer's key resolver (jose's JWKS selection by kid, kty, use, key_ops, alg),
 *   checked as jose checks it: a public RSASSA-PKCS1-v1_5 SHA-256 CryptoKey usable for verify, a
 *   modulus of 2048 bits or more;
 * - the signature strict base64url, verified (RSASSA-PKCS1-v1_5 over SHA-256) on libuv's pool;
 * - then the claims: strict UTF-8 JSON object; `iss`, `aud`, `iat`, `exp` present; `iss` one of the
 *   expected; `aud` the audience or an array holding it; `iat`, `nbf`, `exp` numbers; `nbf` not after
 *   now + tolerance; `exp` after now - tolerance.
 * Why not jose: its verification costs the event loop 46–57 µs per token (JavaScript base64,
 * WebCrypto's argument handling) against about 15 for this; the semantics are held to jose's by a
 * differential test over generated tokens (tests/oidc/rs256.test.ts).
 */
import { KeyObject, verify as verifySignature, webcrypto } from 'node:crypto';
import { errors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { CompactParts } from './compact.js';

const strict = new TextDecoder('utf-8', { fatal: true });
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** jose's base64url decoder refuses what is not base64url; Buffer's would skip it silently. */
function decode(part: string, label: string): Buffer {
  if (!BASE64URL.test(part) || part.length % 4 === 1)
    throw new errors.JWSInvalid(`Failed to base64url decode the ${label}`);
  return Buffer.from(part, 'base64url');
}

/** A plain JSON object (jose's isObject: not an array, not null). */
export function objectOfText(text: string): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function objectOf(bytes: Buffer): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return undefined;
  }
  return objectOfText(text);
}

/**
 * The header's (0) or payload's (1) text as the claims are read (strict base64url, strict UTF-8), or
 * undefined: objectOfText of it is the object protectedHeaderOf reads, and a caller that also
 * scans the text (duplicate names) decodes it once. compactJws has held the parts to base64url
 * (the check `decode` makes), so they are not scanned again: a GitHub token's payload is about 1 kB.
 */
export function segmentText(parts: CompactParts, i: 0 | 1): string | undefined {
  try {
    return strict.decode(Buffer.from(parts[i], 'base64url'));
  } catch {
    return undefined;
  }
}

/** The protected header as jose reads it, or jose's JWSInvalid. */
export function protectedHeaderOf(part: string): Record<string, unknown> {
  let bytes: Buffer;
  try {
    bytes = decode(part, 'protected header');
  } catch {
    throw new errors.JWSInvalid('JWS Protected Header is invalid');
  }
  const h = objectOf(bytes);
  if (!h) throw new errors.JWSInvalid('JWS Protected Header is invalid');
  return h;
}

/** jose's validateCrit + validateB64 for a compact JWS (only `b64` is recognized): the `b64` value. */
function checkCrit(header: Record<string, unknown>): boolean {
  const crit = header.crit;
  if (crit === undefined) return true;
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string' || c.length === 0))
    throw new errors.JWSInvalid(
      '"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present',
    );
  for (const p of crit as string[]) {
    if (p !== 'b64') throw new errors.JOSENotSupported(`Extension Header Parameter "${p}" is not recognized`);
    if (!Object.hasOwn(header, p) || header[p] === undefined)
      throw new errors.JWSInvalid(`Extension Header Parameter "${p}" is missing`);
  }
  if (!crit.includes('b64')) return true;
  if (typeof header.b64 !== 'boolean')
    throw new errors.JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
  return header.b64;
}

const keyObjects = new WeakMap<object, KeyObject>();

/** jose's prepareKey + checkCryptoKey + checkModulusLength for RS256 verification. */
function verificationKey(input: unknown): KeyObject {
  // jose's isCryptoKey (the class is not exported by node:crypto in every Node version).
  if ((input as { [Symbol.toStringTag]?: string } | undefined)?.[Symbol.toStringTag] !== 'CryptoKey')
    throw new TypeError('Key for the RS256 algorithm must be of type CryptoKey');
  const key = input as webcrypto.CryptoKey;
  if (key.type !== 'public')
    throw new TypeError('CryptoKey instances must be of type "public" for the RS256 algorithm');
  const alg = key.algorithm as webcrypto.RsaHashedKeyAlgorithm;
  if (alg.name !== 'RSASSA-PKCS1-v1_5')
    throw new TypeError(
      'CryptoKey does not support this operation, its algorithm.name must be RSASSA-PKCS1-v1_5',
    );
  if (alg.hash?.name !== 'SHA-256')
    throw new TypeError('CryptoKey does not support this operation, its algorithm.hash must be SHA-256');
  if (!key.usages.includes('verify'))
    throw new TypeError('CryptoKey does not support this operation, its usages must include verify.');
  if (typeof alg.modulusLength !== 'number' || alg.modulusLength < 2048)
    throw new TypeError('RS256 requires key modulusLength to be 2048 bits or larger');
  let k = keyObjects.get(key);
  if (!k) keyObjects.set(key, (k = KeyObject.from(key)));
  return k;
}

export interface Rs256Options {
  readonly issuer: string;
  readonly audience: string;
  /** Seconds (jose's clockTolerance). */
  readonly clockTolerance: number;
  /** Unix seconds. */
  readonly now: number;
  /**
   * The header and payload segments as the caller already read them (segmentText and objectOfText:
   * the same strict reading), so they are not parsed twice. The payload is used only
   * after the signature over its segment has been verified.
   */
  readonly header?: Record<string, unknown>;
  readonly payload?: Record<string, unknown>;
  /**
   * `token`'s parts as compactJws returned them: not split again, and the payload's and the
   * signature's characters not checked again (compactJws's base64url check covers both).
   */
  readonly parts?: CompactParts;
}

/** Verifies a compact RS256 JWT; resolves to its claims or rejects with jose's error for the failure. */
export async function verifyRs256(
  token: string,
  keys: JWTVerifyGetKey,
  o: Rs256Options,
): Promise<JWTPayload> {
  const parts = o.parts ?? token.split('.');
  if (parts.length !== 3) throw new errors.JWSInvalid('Invalid Compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = o.header ?? protectedHeaderOf(h);
  const b64 = checkCrit(header);
  const alg = header.alg;
  if (typeof alg !== 'string' || !alg)
    throw new errors.JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid');
  if (alg !== 'RS256')
    throw new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  // The payload of a compact JWS is ASCII (jose's encodeAsciiMember); it is decoded after the signature.
  if (!o.parts && !/^\p{ASCII}*$/u.test(p))
    throw new errors.JWSInvalid('The payload is not a valid base64url string');
  // jose's order: the key resolved, the signature decoded, then the key checked.
  const resolved = await keys(header as never, { payload: p, signature: s, protected: h });
  const signature = o.parts ? Buffer.from(s, 'base64url') : decode(s, 'signature');
  const key = verificationKey(resolved);
  const valid = await new Promise<boolean>((resolve, reject) =>
    verifySignature('sha256', Buffer.from(`${h}.${p}`, 'latin1'), key, signature, (err, ok) =>
      err ? reject(new errors.JWSSignatureVerificationFailed(undefined, { cause: err })) : resolve(ok),
    ),
  );
  if (!valid) throw new errors.JWSSignatureVerificationFailed();
  // An unencoded payload (b64: false) is verified as it stands, then refused: jose's order.
  if (!b64) throw new errors.JWTInvalid('JWTs MUST NOT use unencoded payload');
  const claims = o.payload ?? objectOf(decode(p, 'payload'));
  if (!claims) throw new errors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  return claimsChecked(claims, o);
}

/** jose's validateClaimsSet with issuer, audience, requiredClaims ['exp', 'iat'] and clockTolerance. */
function claimsChecked(c: Record<string, unknown>, o: Rs256Options): JWTPayload {
  const failed = (msg: string, claim: string, reason: string) =>
    new errors.JWTClaimValidationFailed(msg, c, claim, reason);
  // jose checks presence in this order: iss, aud, iat, exp.
  for (const claim of ['iss', 'aud', 'iat', 'exp'])
    if (!Object.hasOwn(c, claim)) throw failed(`missing required "${claim}" claim`, claim, 'missing');
  if (c.iss !== o.issuer) throw failed('unexpected "iss" claim value', 'iss', 'check_failed');
  const aud = c.aud;
  if (!(typeof aud === 'string' ? aud === o.audience : Array.isArray(aud) && aud.includes(o.audience)))
    throw failed('unexpected "aud" claim value', 'aud', 'check_failed');
  const number = (claim: 'iat' | 'nbf' | 'exp') => {
    const v = c[claim];
    if (v !== undefined && typeof v !== 'number')
      throw failed(`"${claim}" claim must be a number`, claim, 'invalid');
    return v as number | undefined;
  };
  number('iat');
  const nbf = number('nbf');
  if (nbf !== undefined && nbf > o.now + o.clockTolerance)
    throw failed('"nbf" claim timestamp check failed', 'nbf', 'check_failed');
  const exp = number('exp');
  if (exp !== undefined && exp <= o.now - o.clockTolerance)
    throw new errors.JWTExpired('"exp" claim timestamp check failed', c, 'exp', 'check_failed');
  return c as JWTPayload;
}
