/**
 * Issuer keys for OIDC verification: discovery, then the JWKS, cached per issuer. What an outage of
 * the issuer does to the broker is decided here:
 * - keys are used from memory until they expire (`maxAgeMs`), without any fetch, so an issuer that
 *   is down or hanging changes nothing for tokens signed with a known key until then;
 * - an unknown `kid` triggers one refresh per cooldown; if that refresh fails or finds no such key,
 *   the token is refused (the cached keys stay as they were);
 * - every fetch has a deadline (`timeoutMs`, discovery and JWKS together), and one refresh per
 *   issuer is in flight at a time; issuers never wait on each other.
 * After expiry the keys are refreshed before use; if that fails, tokens of that issuer are refused
 * with ERR_OIDC_JWKS_UNAVAILABLE until the issuer answers again.
 */
import {
  createLocalJWKSet,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  type CompactJWSHeaderParameters,
  type FlattenedJWSInput,
} from 'jose';
import { steadyNowMs } from '../clock/steady.js';

/** Default deadline of one refresh (discovery + JWKS), ms. */
export const DEFAULT_KEY_FETCH_TIMEOUT_MS = 10_000;

export interface IssuerKeysOptions {
  /** Injected fetch (tests); default global fetch. */
  readonly fetch?: typeof fetch;
  /** Deadline of one refresh, ms (default 10 s). */
  readonly timeoutMs?: number;
  /** How long fetched keys are used without asking the issuer again, ms (default 10 min). */
  readonly maxAgeMs?: number;
  /** Shortest time between two refreshes caused by unknown kids, ms (default 30 s). */
  readonly cooldownMs?: number;
  /** The clock, ms (default: the steady clock, shared/clock/steady.ts). */
  readonly now?: () => number;
  /** Largest JWKS body read, bytes (default MAX_JWKS_BYTES; tests). */
  readonly maxJwksBytes?: number;
}

/**
 * Largest discovery document read, bytes. Real ones are 1-3 KB (GitHub's, Google's, Entra's); the
 * bound is there so that an issuer, or anything in front of it, answering an endless or huge body
 * cannot make the broker buffer it (before session 37 only the refresh deadline bounded it: at
 * loopback speed that is gigabytes in 10 s).
 */
export const MAX_DISCOVERY_BYTES = 256 * 1024;
/**
 * Largest JWKS body read, bytes: about 35,000 RSA-2048 keys (real issuers publish fewer than ten;
 * session 36's 10,000-key set, 4.5 MB, still loads). Parsed, such a set costs the heap roughly ten
 * times its size once per refresh, which is the most an issuer can now make a refresh cost.
 */
export const MAX_JWKS_BYTES = 16 * 1024 * 1024;

/**
 * GETs one JSON document of an issuer (discovery or JWKS), read with a byte bound and the caller's
 * deadline: a declared length over the bound is refused before reading, a body that runs past it is
 * cut there (the connection closed, nothing more buffered). Every failure is an IssuerKeysError
 * naming `what` (which names the issuer). The readiness probe's warm fetch uses it too (one reader).
 */
export async function fetchIssuerJson(
  doFetch: typeof fetch,
  url: string,
  o: { signal: AbortSignal; what: string; maxBytes: number; timeoutMs: number },
): Promise<unknown> {
  const { signal, what, maxBytes } = o;
  const tooLarge = () =>
    new IssuerKeysError(
      'ERR_OIDC_JWKS_UNAVAILABLE',
      `${what} is larger than ${maxBytes} bytes: reading stopped there, the keys cached before are kept`,
    );
  let res: Response | undefined;
  try {
    res = await doFetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'error' });
    if (!res.ok) throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} answered ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      // The deadline is raced here, not left to fetch: a body that started and then stalled was not
      // cut by the signal fetch was given (session 37: the refresh, single-flight, hung for good, and
      // every token of the issuer waited on it once the cached keys aged out).
      let onAbort!: () => void;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason as Error);
        signal.addEventListener('abort', onAbort, { once: true });
      });
      aborted.catch(() => undefined);
      if (signal.aborted) onAbort();
      try {
        for (;;) {
          const { done, value } = await Promise.race([reader.read(), aborted]);
          if (done) break;
          size += value.byteLength;
          if (size > maxBytes) throw tooLarge();
          chunks.push(value);
        }
      } catch (err) {
        await reader.cancel().catch(() => undefined);
        throw err;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    }
    // TextDecoder drops a BOM as res.json() did.
    return JSON.parse(new TextDecoder().decode(Buffer.concat(chunks, size)));
  } catch (err) {
    if (res?.body && !res.body.locked) await res.body.cancel().catch(() => undefined);
    if (err instanceof IssuerKeysError) throw err;
    if (signal.aborted)
      throw new IssuerKeysError(
        'ERR_OIDC_JWKS_UNAVAILABLE',
        `${what} did not answer within ${o.timeoutMs / 1000}s`,
      );
    throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} failed: ${(err as Error).message}`);
  }
}

/** A key-loading failure; verify.ts turns it into an OidcError with the same code. */
export class IssuerKeysError extends Error {
  constructor(
    readonly code: 'ERR_OIDC_JWKS_UNAVAILABLE' | 'ERR_OIDC_KID_UNKNOWN',
    message: string,
  ) {
    super(message);
    this.name = 'IssuerKeysError';
  }
}

interface IssuerState {
  jwksUri?: string;
  keys?: JWTVerifyGetKey;
  /** Keys are used without a fetch until then (ms). */
  expiresAt: number;
  /**
   * Start of the last refresh an unknown kid caused (ms): the cooldown counts from it alone. Counted
   * from any fetch (the first, the re-read at the cache's age), a key the issuer rotated within the
   * cooldown after one of those had its sound tokens refused (ERR_OIDC_KID_UNKNOWN, 400) until it ended.
   */
  lastKidRefresh: number;
  pending?: Promise<void>;
}

/**
 * The set's keys by kid, each kid's own handed to jose: jose scans every key of a set for each token,
 * and an issuer publishing 10,000 keys cost each verification about 3 ms (session 36). Equivalent for a
 * token that names a kid (verify.ts requires one): jose keeps only keys whose kid equals it; a token
 * without one meets the whole set, as before.
 */
function byKid(set: JSONWebKeySet): JWTVerifyGetKey {
  const all = createLocalJWKSet(set);
  const groups = new Map<string, JWK[]>();
  for (const k of set.keys) {
    if (typeof k?.kid !== 'string') continue;
    const group = groups.get(k.kid);
    if (group) group.push(k);
    else groups.set(k.kid, [k]);
  }
  const sets = new Map([...groups].map(([kid, keys]) => [kid, createLocalJWKSet({ keys })]));
  const none = createLocalJWKSet({ keys: [] });
  return (header, token) =>
    typeof header.kid === 'string' ? (sets.get(header.kid) ?? none)(header, token) : all(header, token);
}

/** Returns the key resolver of one trusted issuer (the caller has checked the issuer is trusted). */
export function issuerKeys(
  options: IssuerKeysOptions & { assertUrl: (url: string) => void },
): (issuer: string) => JWTVerifyGetKey {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEY_FETCH_TIMEOUT_MS;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const maxJwksBytes = options.maxJwksBytes ?? MAX_JWKS_BYTES;
  // Never back: a wall clock stepped back would keep a JWKS (and a key the issuer dropped) past its age.
  const now = options.now ?? steadyNowMs;
  const resolvers = new Map<string, JWTVerifyGetKey>();

  const getJson = (url: string, signal: AbortSignal, what: string, maxBytes: number) =>
    fetchIssuerJson(doFetch, url, { signal, what, maxBytes, timeoutMs });

  async function load(issuer: string, st: IssuerState): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    // Discovery is redone with every refresh, so a moved jwks_uri is followed; a failed discovery
    // falls back to the last known jwks_uri.
    let jwksUri = st.jwksUri;
    try {
      const doc = (await getJson(
        `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
        signal,
        `discovery of ${issuer}`,
        MAX_DISCOVERY_BYTES,
      )) as { jwks_uri?: unknown };
      if (typeof doc?.jwks_uri !== 'string')
        throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `discovery of ${issuer} has no jwks_uri`);
      options.assertUrl(doc.jwks_uri);
      jwksUri = doc.jwks_uri;
    } catch (err) {
      if (!jwksUri || signal.aborted) throw err;
    }
    const set = (await getJson(jwksUri, signal, `the JWKS of ${issuer}`, maxJwksBytes)) as JSONWebKeySet;
    if (!set || !Array.isArray(set.keys))
      throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `the JWKS of ${issuer} has no keys array`);
    st.jwksUri = jwksUri;
    st.keys = byKid(set);
    st.expiresAt = now() + maxAgeMs;
  }

  /** One refresh per issuer at a time; callers of the same issuer share it. */
  function refresh(issuer: string, st: IssuerState, byKid: boolean): Promise<void> {
    if (!st.pending) {
      if (byKid) st.lastKidRefresh = now();
      st.pending = load(issuer, st).finally(() => {
        st.pending = undefined;
      });
    }
    return st.pending;
  }

  return (issuer: string): JWTVerifyGetKey => {
    let resolver = resolvers.get(issuer);
    if (resolver) return resolver;
    const st: IssuerState = { expiresAt: 0, lastKidRefresh: -Infinity };
    resolver = async (header: CompactJWSHeaderParameters, token: FlattenedJWSInput) => {
      if (!st.keys || now() >= st.expiresAt) await refresh(issuer, st, false);
      try {
        return await st.keys!(header, token);
      } catch (err) {
        // Two keys under the kid (verify.ts: ERR_OIDC_JWKS_AMBIGUOUS) are read again the same way: an
        // issuer that repairs its set is believed at the next token, not when the cached copy ages out.
        const ambiguous = err instanceof joseErrors.JWKSMultipleMatchingKeys;
        if (!(err instanceof joseErrors.JWKSNoMatchingKey) && !ambiguous) throw err;
        // A rotated key is picked up by one refresh; a flood of made-up kids gets one per cooldown.
        if (now() - st.lastKidRefresh < cooldownMs && !st.pending) {
          if (ambiguous) throw err;
          throw new IssuerKeysError(
            'ERR_OIDC_KID_UNKNOWN',
            "no key of the issuer matches the token's kid (keys refreshed recently)",
          );
        }
        try {
          await refresh(issuer, st, true);
        } catch (e) {
          // The cached set still says two things: that, not the failed refresh, is the refusal.
          if (ambiguous) throw err;
          throw new IssuerKeysError(
            'ERR_OIDC_KID_UNKNOWN',
            `no cached key of the issuer matches the token's kid, and the refresh failed: ${(e as Error).message}`,
          );
        }
        try {
          return await st.keys!(header, token);
        } catch (e) {
          if (e instanceof joseErrors.JWKSNoMatchingKey)
            throw new IssuerKeysError(
              'ERR_OIDC_KID_UNKNOWN',
              "no key of the issuer matches the token's kid (after one refresh)",
            );
          throw e;
        }
      }
    };
    resolvers.set(issuer, resolver);
    return resolver;
  };
}
