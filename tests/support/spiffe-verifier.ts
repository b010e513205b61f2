/**
 * A JWT-SVID verifier written from the SPIFFE specifications (standards/JWT-SVID.md, SPIFFE-ID.md,
 * SPIFFE_Trust_Domain_and_Bundle.md) and go-spiffe's behaviour, independent of the broker's code: it
 * is what a SPIFFE-aware relying party would run against our tokens. Test support, not product code.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';

export class SvidError extends Error {}

const ALGS = new Set(['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512']);
const HEADER_KEYS = new Set(['alg', 'kid', 'typ']);

/** SPIFFE-ID.md §2: scheme, trust domain, path segments; no query, fragment, port, user info or percent-encoding. */
export function parseSpiffeId(id: string): { trustDomain: string; path: string[] } {
  if (Buffer.byteLength(id) > 2048) throw new SvidError('SPIFFE ID longer than 2048 bytes');
  const m = /^spiffe:\/\/([^/]*)(\/.*)?$/.exec(id);
  if (!m) throw new SvidError(`not a spiffe:// URI: ${id}`);
  const td = m[1]!;
  if (!/^[a-z0-9._-]+$/.test(td)) throw new SvidError(`bad trust domain '${td}'`);
  const rest = m[2] ?? '';
  if (rest === '') return { trustDomain: td, path: [] };
  if (rest.endsWith('/')) throw new SvidError('trailing slash');
  const segs = rest.slice(1).split('/');
  for (const s of segs) {
    if (s === '' || s === '.' || s === '..') throw new SvidError(`bad path segment '${s}'`);
    if (!/^[A-Za-z0-9._-]+$/.test(s)) throw new SvidError(`bad characters in segment '${s}'`);
  }
  return { trustDomain: td, path: segs };
}

export interface SpiffeBundle {
  readonly keys: readonly JWK[];
}

export async function verifyJwtSvid(
  token: string,
  bundles: ReadonlyMap<string, SpiffeBundle>,
  audience: string,
  now = Math.floor(Date.now() / 1000),
): Promise<{ spiffeId: string; claims: Record<string, unknown> }> {
  const header = decodeProtectedHeader(token) as Record<string, unknown>;
  for (const k of Object.keys(header))
    if (!HEADER_KEYS.has(k)) throw new SvidError(`header '${k}' not allowed`);
  if (typeof header.alg !== 'string' || !ALGS.has(header.alg))
    throw new SvidError(`alg ${String(header.alg)}`);
  if (header.typ !== undefined && header.typ !== 'JWT' && header.typ !== 'JOSE')
    throw new SvidError(`typ ${String(header.typ)}`);
  if (typeof header.kid !== 'string' || header.kid === '') throw new SvidError('kid required');
  const unverified = decodeJwt(token);
  if (typeof unverified.sub !== 'string') throw new SvidError('sub required');
  const { trustDomain } = parseSpiffeId(unverified.sub);
  const bundle = bundles.get(trustDomain);
  if (!bundle) throw new SvidError(`no bundle for trust domain ${trustDomain}`);
  const jwk = bundle.keys.find((k) => k.kid === header.kid && k.use === 'jwt-svid');
  if (!jwk) throw new SvidError(`no jwt-svid key ${String(header.kid)} in the bundle of ${trustDomain}`);
  const { payload } = await compactVerify(token, await importJWK(jwk, header.alg));
  const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  const aud = claims.aud;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) throw new SvidError('aud');
  if (typeof claims.exp !== 'number') throw new SvidError('exp required');
  if (claims.exp <= now) throw new SvidError('expired');
  return { spiffeId: unverified.sub, claims };
}
