/**
 * OIDC token verification, the same code for the broker and `stepwarden verify`. The order matters:
 * size and shape, then the algorithm and issuer from the unverified header and payload (so nothing
 * is fetched for an issuer we do not trust), then the signature with the issuer's keys, then claims.
 */
import { createLocalJWKSet, errors as joseErrors, type JSONWebKeySet, type JWTPayload } from 'jose';
import { eventNameProblem, NUMERIC_ID_CLAIMS, numericIdProblem, type GithubOidcClaims } from './claims.js';
import { asciiLower } from '../conditions/glob.js';
import { shown } from '../conditions/verdict.js';
import { compactJws } from './compact.js';
import { duplicateMember } from './json-members.js';
import { issuerKeys, IssuerKeysError } from './keys.js';
import { objectOfText, segmentText, verifyRs256 } from './rs256.js';
import { steadySeconds } from '../clock/steady.js';

/**
 * A token's value in a refusal, quoted: shown() (bounded, every invisible character written out), also
 * for a header member or claim read before the signature is checked, which anyone can write.
 */
function quoted(v: unknown): string {
  return `"${shown(typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)))}"`;
}

export interface OidcVerifierOptions {
  /** Trusted issuers, exact match; keys come from each issuer's discovery document and JWKS. */
  readonly issuers: readonly string[];
  /** The `aud` the token must carry (exact match against a string or one of an array). */
  readonly audience: string;
  /** A fixed key set instead of discovery (`verify --jwks FILE`). */
  readonly jwks?: JSONWebKeySet;
  /** Leeway for exp/nbf/iat, seconds (default 60). */
  readonly clockToleranceSeconds?: number;
  /** The clock, in Unix seconds (default: now). `verify --at` fixes it. */
  readonly now?: () => number;
  /** Deadline of one discovery + JWKS fetch, ms (default 10 s; the broker's `timeouts.upstream`). */
  readonly fetchTimeoutMs?: number;
  /** How long fetched keys are used before they are fetched again, ms (default 10 min). */
  readonly keysMaxAgeMs?: number;
  /** Injected fetch for discovery/JWKS (tests); default global fetch. */
  readonly fetch?: typeof fetch;
  /** Shortest time between two JWKS refreshes of one issuer, ms (default 30 s). */
  readonly refreshCooldownMs?: number;
  /**
   * Longest accepted `exp - iat`, and oldest accepted `iat` (seconds, default 3600). GitHub's tokens
   * live minutes; a token valid for hours was not minted by GitHub's issuer for a job.
   */
  readonly maxTokenLifetimeSeconds?: number;
}

/** A refusal with a stable code (ERR_OIDC_*) and, where it applies, the claim concerned. */
export class OidcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly claim?: string,
  ) {
    super(message);
    this.name = 'OidcError';
  }

  /**
   * Set when the refusal came after the issuer's signature verified: the claims are the issuer's
   * word (refused for what they say: expired, another audience, a lifetime GitHub never gives), so a
   * refusal can say which repository and run the token came from. Never a token.
   */
  signedClaims?: Record<string, unknown>;
}

export interface OidcVerifier {
  /** Resolves to the verified claims or rejects with an OidcError. Never logs the token. */
  verify(token: string): Promise<GithubOidcClaims>;
  /** The leeway applied to exp/nbf/iat: a `jti` must be remembered until `exp` plus this. */
  readonly clockToleranceSeconds?: number;
}

/** Default longest lifetime (and oldest `iat`) of an accepted OIDC token, seconds. */
export const DEFAULT_MAX_TOKEN_LIFETIME = 3600;

/** GitHub's tokens are about 1.5 KB; anything far larger is refused before any parsing. */
export const MAX_TOKEN_BYTES = 16 * 1024;
/**
 * Longest accepted `jti`, characters. GitHub's is a UUID (36); the jti keys the replay store (a
 * Redis key, an audit field), so a token may not fill it with kilobytes.
 */
export const MAX_JTI_LENGTH = 128;
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/**
 * A control character (Unicode Cc: C0, DEL, C1). Not `\p{Cc}` with the `u` flag, which costs more per
 * token (all Cc characters are one UTF-16 unit). Neither global nor sticky: test() keeps no state.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not after a high one (non-Unicode regex). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** ES2024's String.prototype.isWellFormed (Node 20 has it; the project's lib is ES2023). */
type WellFormed = string & { isWellFormed(): boolean };
/** Claims every GitHub token carries: these, and the numeric ids NUMERIC_ID_CLAIMS marks required. */
const REQUIRED_CLAIMS = [
  'sub',
  'jti',
  'repository',
  'repository_owner',
  ...(Object.keys(NUMERIC_ID_CLAIMS) as (keyof typeof NUMERIC_ID_CLAIMS)[]).filter(
    (c) => NUMERIC_ID_CLAIMS[c],
  ),
];

/**
 * Claims GitHub sends as strings (ids, booleans and attempts included). One of another type is not
 * GitHub's: read as "absent" by a condition, an `environment: ["production"]` would skip the job's
 * `environments` bound that a string naming it would fail, so the token is refused instead.
 */
const STRING_CLAIMS = [
  ...(Object.keys(NUMERIC_ID_CLAIMS) as (keyof typeof NUMERIC_ID_CLAIMS)[]),
  'sub',
  'jti',
  'actor',
  'base_ref',
  'head_ref',
  'enterprise',
  'environment',
  'environment_node_id',
  'event_name',
  'job_workflow_ref',
  'job_workflow_sha',
  'ref',
  'ref_type',
  'repository',
  'repository_owner',
  'repository_visibility',
  'runner_environment',
  'sha',
  'workflow',
  'workflow_ref',
  'workflow_sha',
] as const;

/**
 * `owner/name` as GitHub allows them: no `.`/`..` segment, no encoded or extra slash, no control
 * characters. The repository names a path (manifests, caches, API URLs), so anything else is refused.
 */
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}\/[A-Za-z0-9._-]{1,100}$/;

/**
 * What makes `text` unfit for a claim or its name, or undefined: its first control character or
 * unpaired surrogate and where (`control character U+000A at index 3`); the index only on a refusal.
 */
function textProblem(text: string): string | undefined {
  const control = CONTROL.test(text);
  if (!control && (text as WellFormed).isWellFormed()) return undefined;
  const at = control ? text.search(CONTROL) : text.search(LONE_SURROGATE);
  const unit = `U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}`;
  return `${control ? 'control character' : 'an unpaired surrogate'} ${unit} at index ${at}`;
}

/** Time claims are integers (NumericDate); `1e400` parses to Infinity and `1.5` is not a time. */
function assertTimeClaims(payload: Record<string, unknown>): void {
  for (const c of ['exp', 'iat', 'nbf'] as const) {
    const v = payload[c];
    if (v === undefined && c === 'nbf') continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      throw new OidcError(
        'ERR_OIDC_TIME_INVALID',
        `claim '${c}' is not a time (an integer number of seconds): ${quoted(v)}`,
        c,
      );
  }
}

/** Shape checks of the GitHub claims the broker builds keys and paths from. */
export function assertClaimShapes(payload: Record<string, unknown>): void {
  for (const c of STRING_CLAIMS) {
    const v = payload[c];
    if (v !== undefined && typeof v !== 'string')
      throw new OidcError(
        'ERR_OIDC_CLAIM_INVALID',
        `claim '${c}' is a${Array.isArray(v) ? 'n array' : ` ${v === null ? 'null' : typeof v}`}, not a string as GitHub sends it`,
        c,
      );
  }
  // Every string claim may become a key, a label or audit text (`sub` is copied into broker JWTs):
  // GitHub's values are printable, and a control character there says another thing to each reader.
  // for…in and test(): a third of the instructions of Object.entries and search() (callgrind,
  // docs/performance.md, session 26); the index is looked for only on a refusal.
  // An unpaired surrogate (JSON's `"\ud800"`: valid JSON, valid UTF-8 on the wire) is written as
  // U+FFFD wherever a claim goes as bytes (Redis keys, the audit file): two values become one there and
  // stay two in the memory store (session 27). isWellFormed() is native and answers a one-byte string
  // at once; the index is looked for only on a refusal.
  // A claim's name is text too (an audience's `claims:` copies it, the audit names it): GitHub's are
  // snake_case ASCII, so a name with a control character is refused, named with every one written out.
  for (const c in payload) {
    const nameProblem = textProblem(c);
    if (nameProblem) {
      const name = shown(c.slice(0, 64));
      throw new OidcError(
        'ERR_OIDC_CLAIM_INVALID',
        `claim name '${name}' holds ${nameProblem}; GitHub's claim names are printable ASCII`,
        name,
      );
    }
    const v = payload[c];
    if (typeof v !== 'string') continue;
    const problem = textProblem(v);
    if (!problem) continue;
    throw new OidcError(
      'ERR_OIDC_CLAIM_INVALID',
      `claim '${shown(c.slice(0, 64))}' holds ${problem}; GitHub's claims are printable, well-formed text`,
      c.slice(0, 64),
    );
  }
  if (typeof payload.jti === 'string' && payload.jti.length > MAX_JTI_LENGTH)
    throw new OidcError(
      'ERR_OIDC_CLAIM_INVALID',
      `claim 'jti' is ${payload.jti.length} characters, longer than ${MAX_JTI_LENGTH} (GitHub's is a UUID)`,
      'jti',
    );
  // Ids key the run blocks, run indexes and audit; GitHub's are canonical decimal (claims.ts).
  let c: keyof typeof NUMERIC_ID_CLAIMS;
  for (c in NUMERIC_ID_CLAIMS) {
    const v = payload[c];
    if (v === undefined && !NUMERIC_ID_CLAIMS[c]) continue;
    const problem = numericIdProblem(c, v);
    if (problem) throw new OidcError('ERR_OIDC_CLAIM_INVALID', problem, c);
  }
  // Exact comparisons downstream (triggers, outside events, dispatches): another case or a space
  // would be an event none of them knows, so a `Pull_Request_Target` passed the explicit trigger gate.
  const event = payload.event_name;
  const eventProblem = typeof event === 'string' ? eventNameProblem(event) : undefined;
  if (eventProblem) throw new OidcError('ERR_OIDC_CLAIM_INVALID', eventProblem, 'event_name');
  const repo = payload.repository as string;
  const [owner, name] = repo.split('/');
  if (!REPOSITORY.test(repo) || /^\.+$/.test(name ?? ''))
    throw new OidcError(
      'ERR_OIDC_CLAIM_INVALID',
      `claim 'repository' ${quoted(repo)} is not an owner/name GitHub allows`,
      'repository',
    );
  // ASCII case only: `toLowerCase` folds U+212A (Kelvin sign) into `k`.
  if (asciiLower(String(payload.repository_owner)) !== asciiLower(owner!))
    throw new OidcError(
      'ERR_OIDC_CLAIM_INVALID',
      `claim 'repository_owner' does not match the owner of 'repository'`,
      'repository_owner',
    );
  assertSubjectRepository(payload);
}

/**
 * A `sub` that starts with GitHub's `repo:` key names the token's repository (ASCII case only) and,
 * in the immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID`, its ids. The broker copies `sub` into the
 * JWTs it signs, whose relying parties may authorize on it; a custom template without the `repo` key
 * first says nothing here (its other claims are checked on their own).
 */
function assertSubjectRepository(payload: Record<string, unknown>): void {
  const sub = payload.sub as string;
  if (!sub.startsWith('repo:')) return;
  const end = sub.indexOf(':', 5);
  const value = end < 0 ? sub.slice(5) : sub.slice(5, end);
  const m = /^([^/@]+)(?:@([0-9]+))?\/([^/@]+)(?:@([0-9]+))?$/.exec(value);
  const ok =
    m !== null &&
    asciiLower(`${m[1]}/${m[3]}`) === asciiLower(String(payload.repository)) &&
    (m[2] === undefined || m[2] === payload.repository_owner_id) &&
    (m[4] === undefined || m[4] === payload.repository_id);
  if (!ok)
    throw new OidcError(
      'ERR_OIDC_CLAIM_INVALID',
      `claim 'sub' ${quoted(sub)} names another repository than 'repository' ${quoted(payload.repository)} (or its ids)`,
      'sub',
    );
}

/** http:// is accepted only for loopback issuers (local stand-ins and tests). */
export function assertIssuerUrl(issuer: string): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new OidcError('ERR_OIDC_CONFIG', `issuer '${issuer}' is not a URL`);
  }
  const loopback =
    url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return;
  throw new OidcError(
    'ERR_OIDC_CONFIG',
    `issuer '${issuer}' must use https:// (http:// only for loopback addresses)`,
  );
}

/**
 * The issuer's key set is at fault, not the token: the broker answers 503 (the issuer must fix its
 * set, or be reachable again) and audits an error, not a refusal of the token.
 */
export const ISSUER_FAULT_CODES: ReadonlySet<string> = new Set([
  'ERR_OIDC_JWKS_UNAVAILABLE',
  'ERR_OIDC_JWKS_AMBIGUOUS',
]);

/** jose's refusal as the broker's code; `kid` is the token's header member (for the ambiguity). */
function mapJoseError(err: unknown, kid?: unknown): OidcError {
  if (err instanceof OidcError) return err;
  // Two usable RS256 keys under the token's kid: the set says two things about one name. Trying each
  // in turn would accept a token signed by either, so one stray or planted key is enough; refused as
  // the set's fault (it was ERR_OIDC_MALFORMED, which blamed the token and sent responders to it).
  if (err instanceof joseErrors.JWKSMultipleMatchingKeys)
    return new OidcError(
      'ERR_OIDC_JWKS_AMBIGUOUS',
      `the issuer's key set publishes more than one RS256 verification key under kid ${quoted(String(kid).slice(0, 64))}; the broker does not try them in turn, so no token with this kid verifies until the issuer publishes one key per kid (the token itself may be sound; it was not used)`,
      'kid',
    );
  if (err instanceof IssuerKeysError) return new OidcError(err.code, err.message);
  if (err instanceof joseErrors.JWTExpired)
    return new OidcError('ERR_OIDC_EXPIRED', `token expired (exp ${String(err.payload.exp)})`, 'exp');
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud')
      return new OidcError(
        'ERR_OIDC_AUDIENCE',
        `aud ${quoted(err.payload.aud)} is not the expected audience`,
        'aud',
      );
    if (err.claim === 'nbf')
      return new OidcError(
        'ERR_OIDC_NOT_YET_VALID',
        `token not valid before ${String(err.payload.nbf)}`,
        'nbf',
      );
    if (err.claim === 'iss')
      return new OidcError('ERR_OIDC_ISSUER', `iss ${quoted(err.payload.iss)} is not trusted`, 'iss');
    return new OidcError(
      'ERR_OIDC_CLAIM_INVALID',
      `claim '${err.claim}' is invalid: ${err.reason}`,
      err.claim,
    );
  }
  if (err instanceof joseErrors.JWKSNoMatchingKey)
    return new OidcError(
      'ERR_OIDC_KID_UNKNOWN',
      "no key of the issuer matches the token's kid (after one refresh)",
    );
  if (err instanceof joseErrors.JWSSignatureVerificationFailed)
    return new OidcError('ERR_OIDC_SIGNATURE', 'signature verification failed');
  if (err instanceof joseErrors.JOSEAlgNotAllowed)
    return new OidcError('ERR_OIDC_ALG', 'algorithm not allowed (RS256 only)');
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid)
    return new OidcError(
      'ERR_OIDC_JWKS_UNAVAILABLE',
      `the issuer's key set could not be used: ${err.message}`,
    );
  if (err instanceof joseErrors.JOSEError)
    return new OidcError('ERR_OIDC_MALFORMED', `token rejected: ${err.code}`);
  return new OidcError(
    'ERR_OIDC_JWKS_UNAVAILABLE',
    `the issuer's keys could not be fetched: ${(err as Error).message}`,
  );
}

export function createOidcVerifier(options: OidcVerifierOptions): OidcVerifier {
  for (const i of options.issuers) assertIssuerUrl(i);
  const tolerance = options.clockToleranceSeconds ?? 60;
  const maxLifetime = options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME;
  // Never back: a wall clock stepped back must not make an expired (and forgotten) token valid again.
  const now = options.now ?? steadySeconds;
  const doFetch = options.fetch ?? fetch;
  const local = options.jwks ? createLocalJWKSet(options.jwks) : undefined;
  // Discovery and keys per issuer, each with its own cache, deadline and single refresh (keys.ts).
  const keysFor = issuerKeys({
    fetch: doFetch,
    ...(options.fetchTimeoutMs !== undefined ? { timeoutMs: options.fetchTimeoutMs } : {}),
    ...(options.keysMaxAgeMs !== undefined ? { maxAgeMs: options.keysMaxAgeMs } : {}),
    ...(options.refreshCooldownMs !== undefined ? { cooldownMs: options.refreshCooldownMs } : {}),
    ...(options.now ? { now: () => options.now!() * 1000 } : {}),
    assertUrl: assertIssuerUrl,
  });

  return {
    clockToleranceSeconds: tolerance,
    async verify(token: string): Promise<GithubOidcClaims> {
      if (typeof token !== 'string' || token.length === 0)
        throw new OidcError('ERR_OIDC_MALFORMED', 'no token');
      if (Buffer.byteLength(token) > MAX_TOKEN_BYTES)
        throw new OidcError('ERR_OIDC_TOO_LARGE', `token larger than ${MAX_TOKEN_BYTES} bytes`);
      const compact = compactJws(token);
      if (compact.problem !== undefined) throw new OidcError('ERR_OIDC_MALFORMED', compact.problem);
      const { parts } = compact;
      // Read unverified, only to choose and gate; read as jose reads them (strict base64url and
      // UTF-8), and the claims are trusted only once verifyRs256 has checked the signature over them.
      // Each segment decoded once: its text is scanned for duplicate names below.
      const headerText = segmentText(parts, 0);
      const payloadText = segmentText(parts, 1);
      const header = headerText === undefined ? undefined : objectOfText(headerText);
      const unverified = payloadText === undefined ? undefined : objectOfText(payloadText);
      if (!header || !unverified)
        throw new OidcError('ERR_OIDC_MALFORMED', 'header or payload is not base64url JSON');
      if (header.alg !== 'RS256')
        throw new OidcError('ERR_OIDC_ALG', `alg ${quoted(header.alg)} is not allowed (RS256 only)`, 'alg');
      // The key is the issuer's JWKS entry named by kid (GitHub always sends one), never one picked
      // because it is the only key of its type, and never a key the header carries (jwk, jku, x5u, x5c).
      if (typeof header.kid !== 'string' || header.kid === '')
        throw new OidcError(
          'ERR_OIDC_KID_MISSING',
          "the token's header has no kid naming a key of the issuer's JWKS",
          'kid',
        );
      // Explicit typing (RFC 8725 §3.11): GitHub's ID tokens say `typ: JWT` and nothing about their
      // content; another type (an access token, a JOSE object) or a nested token is not one of them.
      // `typ` is optional in RFC 7519, so a header without one is judged on everything else.
      if (
        (header.typ !== undefined && (typeof header.typ !== 'string' || asciiLower(header.typ) !== 'jwt')) ||
        header.cty !== undefined
      )
        throw new OidcError(
          'ERR_OIDC_TYP',
          `the token's header says typ ${header.typ === undefined ? '(none)' : quoted(header.typ)}${header.cty !== undefined ? ` and cty ${quoted(header.cty)}` : ''}; an OIDC ID token is typ JWT with no cty`,
          'typ',
        );
      // Two equal header names: JSON.parse keeps the last (`alg`, `kid`), another reader the first.
      const twiceInHeader = duplicateMember(headerText!, Object.keys(header).length);
      if (twiceInHeader !== undefined)
        throw new OidcError(
          'ERR_OIDC_MALFORMED',
          `header member ${quoted(twiceInHeader.slice(0, 64))} appears more than once`,
        );
      const iss = unverified.iss;
      if (typeof iss !== 'string' || !options.issuers.includes(iss)) {
        throw new OidcError(
          'ERR_OIDC_ISSUER',
          `iss ${quoted(iss)} is not a trusted issuer (${options.issuers.join(', ')})`,
          'iss',
        );
      }
      // Before the signature: jose accepts any number (Infinity too) as a time.
      assertTimeClaims(unverified as Record<string, unknown>);
      let payload;
      try {
        const keys = local ?? (await keysFor(iss));
        // jose's jwtVerify semantics (algorithms [RS256], issuer, audience, required exp and iat,
        // clockTolerance) on node:crypto: rs256.ts, held to jose by tests/oidc/rs256.test.ts.
        payload = await verifyRs256(token, keys, {
          issuer: iss,
          audience: options.audience,
          clockTolerance: tolerance,
          now: now(),
          header,
          payload: unverified,
          parts,
        });
      } catch (err) {
        const e = mapJoseError(err, header.kid);
        // jose's claim checks (exp, nbf, aud) run only once the signature has verified; claims given
        // twice would say two things, so they are not carried.
        if (
          (err instanceof joseErrors.JWTExpired || err instanceof joseErrors.JWTClaimValidationFailed) &&
          duplicateMember(payloadText!, Object.keys(unverified).length) === undefined
        )
          e.signedClaims = unverified;
        throw e;
      }
      // Two equal claim names: JSON.parse keeps the last, another reader of the token may keep the first.
      const twice = duplicateMember(payloadText!, Object.keys(unverified).length);
      if (twice !== undefined)
        throw new OidcError(
          'ERR_OIDC_CLAIM_INVALID',
          `claim ${quoted(twice.slice(0, 64))} appears more than once in the token`,
          twice.slice(0, 64),
        );
      // From here the claims are the issuer's word (the signature verified; no claim is given twice): a
      // refusal carries them, so the broker's line can say which repository and run it came from.
      try {
        return signedChecks(payload, now(), tolerance, maxLifetime, options.audience);
      } catch (err) {
        if (err instanceof OidcError) err.signedClaims = payload as Record<string, unknown>;
        throw err;
      }
    },
  };
}

/** The checks of a token whose signature verified, in order: its claims, or an OidcError. */
function signedChecks(
  payload: JWTPayload,
  now: number,
  tolerance: number,
  maxLifetime: number,
  audience: string,
): GithubOidcClaims {
  // One relying party per token (GitHub's getIDToken takes one audience): a token also meant
  // for another audience could be exchanged here by that party, or by anyone it leaks to.
  if (Array.isArray(payload.aud) && payload.aud.length !== 1)
    throw new OidcError(
      'ERR_OIDC_AUDIENCE',
      `aud names ${payload.aud.length} audiences; a token for the broker names only ${JSON.stringify(audience)}`,
      'aud',
    );
  if (typeof payload.iat === 'number' && payload.iat > now + tolerance) {
    throw new OidcError('ERR_OIDC_IAT_FUTURE', `iat ${payload.iat} is in the future`, 'iat');
  }
  const exp = payload.exp!;
  const iat = payload.iat!;
  if (iat < now - maxLifetime - tolerance)
    throw new OidcError(
      'ERR_OIDC_TOO_OLD',
      `iat ${iat} is more than ${maxLifetime}s (+${tolerance}s tolerance) in the past`,
      'iat',
    );
  const nbf = typeof payload.nbf === 'number' ? payload.nbf : iat;
  if (exp <= iat || exp <= nbf)
    throw new OidcError(
      'ERR_OIDC_LIFETIME',
      `the token expires (exp ${exp}) before it is issued or valid (iat ${iat}, nbf ${nbf})`,
      'exp',
    );
  if (exp - iat > maxLifetime)
    throw new OidcError(
      'ERR_OIDC_LIFETIME',
      `token lifetime exp - iat = ${exp - iat}s is above the maximum of ${maxLifetime}s`,
      'exp',
    );
  for (const c of REQUIRED_CLAIMS) {
    const v = (payload as Record<string, unknown>)[c];
    if (typeof v !== 'string' || v === '')
      throw new OidcError('ERR_OIDC_CLAIM_MISSING', `required claim '${c}' is missing or not a string`, c);
  }
  assertClaimShapes(payload as Record<string, unknown>);
  return payload as unknown as GithubOidcClaims;
}

export interface Subject {
  readonly owner: string;
  readonly repo: string;
  readonly ownerId?: string;
  readonly repoId?: string;
  /** What follows the repository: `ref:refs/heads/main`, `environment:prod`, `pull_request`… */
  readonly context: string;
}

/**
 * Reads both `sub` formats: classic `repo:OWNER/REPO:CONTEXT` and GitHub's immutable
 * `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT`. Returns undefined for anything else (custom templates).
 */
export function parseSubject(sub: string): Subject | undefined {
  const m = /^repo:([^/@:]+)(?:@(\d+))?\/([^/@:]+)(?:@(\d+))?:(.+)$/.exec(sub);
  if (!m) return undefined;
  return {
    owner: m[1]!,
    repo: m[3]!,
    ...(m[2] ? { ownerId: m[2] } : {}),
    ...(m[4] ? { repoId: m[4] } : {}),
    context: m[5]!,
  };
}
