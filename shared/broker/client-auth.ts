/**
 * Who is calling the broker's non-exchange endpoints: a named admin token (kill switch,
 * introspection) or a broker-issued JWT of a service audience (introspection, RFC 7662 §2.1).
 * Admin tokens are stored as sha256 and compared in constant time; the name is the audit actor.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { compactJws } from '../oidc/compact.js';
import { ManifestError, type Problem } from '../manifest/errors.js';

export interface AdminToken {
  readonly name: string;
  /** sha256 hex of the token. */
  readonly sha256: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const HEX = /^[0-9a-f]{64}$/i;
const digest = (s: string) => createHash('sha256').update(s).digest('hex');

/** Shortest bearer token accepted in a file (`openssl rand -hex 32` gives 64). */
export const MIN_TOKEN_LENGTH = 32;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Why a bearer token the broker reads from a file (an admin token, the /metrics token) is too weak to
 * accept, or undefined. Only a plain admin token (`name token`) can be judged: a `name:sha256hex` line
 * shows nothing of its token but the hash of an empty one. Fewer than
 * 8 distinct characters in 32 or more is "obviously weak" (all one character, `abab…`, a date repeated):
 * 32 hex digits drawn at random have about 14 distinct ones.
 */
export function weakBearerToken(token: string): string | undefined {
  if (token.length < MIN_TOKEN_LENGTH)
    return `is ${token.length} characters long (at least ${MIN_TOKEN_LENGTH})`;
  if (new Set(token).size < 8) return `has only ${new Set(token).size} distinct character(s)`;
  return undefined;
}

/**
 * The admin tokens file: one token a line, `name:sha256hex` (preferred: the file holds no secret)
 * or `name token`; `#` comments and blank lines are skipped. A line without a name is refused, so
 * every kill switch is audited with the name of whoever holds the token; so is a plain token shorter
 * than 32 characters or obviously weak (at start and on every reload: the file is read by both).
 */
export function parseAdminTokens(text: string, file: string): AdminToken[] {
  const out: AdminToken[] = [];
  const problems: Problem[] = [];
  const names = new Set<string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const l = raw.trim();
    if (!l || l.startsWith('#')) continue;
    const hashed = /^([^\s:]+):([0-9a-fA-F]{64})$/.exec(l);
    const plain = /^(\S+)\s+(\S+)$/.exec(l);
    const m = hashed ?? plain;
    const line = i + 1;
    if (!m || !NAME.test(m[1]!)) {
      problems.push({
        file,
        line,
        message: 'an admin token line is `name:sha256hex` or `name token` (the name is the audit actor)',
        fix: 'prefix the token with a name, e.g. `alice:<sha256 of the token>`',
      });
      continue;
    }
    if (names.has(m[1]!)) {
      problems.push({
        file,
        line,
        message: `admin token name '${m[1]}' is used twice`,
        fix: 'give each token its own name',
      });
      continue;
    }
    const weak =
      plain && !hashed
        ? weakBearerToken(m[2]!)
        : hashed && m[2]!.toLowerCase() === EMPTY_SHA256
          ? 'is the sha256 of an empty token'
          : undefined;
    if (weak) {
      // Never the token itself: this message reaches stderr and the JSON log.
      problems.push({
        file,
        line,
        message: `admin token '${m[1]}' ${weak}: a token that can be guessed holds the kill switch and every introspection`,
        fix: 'make one with `openssl rand -hex 32` (and prefer the file to hold its hash: `name:$(printf %s "$TOKEN" | sha256sum | cut -c1-64)`)',
      });
      continue;
    }
    names.add(m[1]!);
    out.push({ name: m[1]!, sha256: (hashed ? m[2]! : digest(m[2]!)).toLowerCase() });
  }
  if (problems.length) throw new ManifestError(problems, 'ERR_CONFIG_INVALID');
  return out;
}

/** `name:hex` or bare `hex` (named `admin`) entries of BrokerDeps.adminTokenHashes. */
export function adminTokensOf(entries: readonly string[]): AdminToken[] {
  return entries.flatMap((e) => {
    const i = e.lastIndexOf(':');
    const [name, hash] = i > 0 ? [e.slice(0, i), e.slice(i + 1)] : ['admin', e];
    return HEX.test(hash) ? [{ name, sha256: hash.toLowerCase() }] : [];
  });
}

export function bearerOf(authorization: string | undefined): string | undefined {
  const m = authorization ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization) : null;
  return m?.[1];
}

/** The name of the admin token presented, compared against every entry in constant time. */
export function adminName(
  authorization: string | undefined,
  tokens: readonly AdminToken[],
): string | undefined {
  const token = bearerOf(authorization);
  if (!token || tokens.length === 0) return undefined;
  const given = Buffer.from(digest(token), 'hex');
  let found: string | undefined;
  for (const t of tokens) if (timingSafeEqual(Buffer.from(t.sha256, 'hex'), given)) found ??= t.name;
  return found;
}

/**
 * The service audience of a broker-issued JWT presented as a bearer token: signature by the broker's
 * key, the broker as issuer, not expired at `now`. Undefined for anything else. (Whether the JWT
 * itself was revoked is the caller's check, against the store.)
 */
export async function serviceAudienceOf(
  token: string,
  keys: JWK[],
  issuer: string,
  now: number,
): Promise<string | undefined> {
  // Held to the shape of GitHub's tokens first (compact.ts): jose alone reads a space or a BOM past.
  if (compactJws(token).problem !== undefined) return undefined;
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys }), {
      issuer,
      algorithms: ['ES256'],
      currentDate: new Date(now * 1000),
    });
    return typeof payload.aud === 'string' && payload.aud !== 'github' ? payload.aud : undefined;
  } catch {
    return undefined;
  }
}
