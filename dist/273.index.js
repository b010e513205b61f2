export const id = 273;
export const ids = [273];
export const modules = {

/***/ 8381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JC: () => (/* binding */ steadyNowMs),
/* harmony export */   dR: () => (/* binding */ monotonicMs),
/* harmony export */   eo: () => (/* binding */ steadySeconds),
/* harmony export */   my: () => (/* binding */ monotonicSeconds)
/* harmony export */ });
/* unused harmony export steadyClock */
/**
 * The broker's clock: wall time that never goes back. A wall clock stepped back (an NTP step, a VM
 * restored from a snapshot, an operator's `date -s`, a spoofed time server) made expired OIDC tokens
 * valid again after their `jti` had been forgotten (a replay), showed expired credentials as active
 * at /introspect, and put revocation deadlines off by the size of the step. This clock follows the
 * wall forward, and when the wall steps back it keeps counting from where it was by the monotonic
 * clock until the wall catches up.
 *
 * The cost of "never back": a wall clock set far ahead by mistake and then corrected keeps this
 * process ahead until it is restarted (every OIDC token then looks expired: fail closed, and loud).
 */
/** A clock in milliseconds over `wall` (ms since the epoch) and `mono` (ms, any origin, never back). */
function steadyClock(wall = () => Date.now(), mono = () => performance.now()) {
    let last = -Infinity;
    let lastMono = 0;
    return () => {
        const m = mono();
        // The monotonic clock's progress since the last reading, never negative.
        const carried = last + Math.max(0, m - lastMono);
        last = Math.max(wall(), carried);
        lastMono = m;
        return last;
    };
}
/** The process's one steady clock (ms), shared by the verifier, the service and the memory store. */
const steadyNowMs = steadyClock();
/** Whole seconds since the epoch on the steady clock (what the broker compares `exp` and deadlines to). */
const steadySeconds = () => Math.floor(steadyNowMs() / 1000);
/**
 * Seconds on the monotonic clock (any origin): for durations and refill rates, which a wall clock
 * stepped back would make negative (a token bucket then loses what it held) or a step forward huge.
 */
const monotonicSeconds = () => performance.now() / 1000;
/**
 * Milliseconds on the monotonic clock (any origin): for cache ages. A cache whose freshness was
 * measured on the wall clock stayed fresh for as long as a step back (session 37: a narrowed manifest
 * or organization policy not read again for the step's size).
 */
const monotonicMs = () => performance.now();


/***/ }),

/***/ 7459:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ compactJws)
/* harmony export */ });
/**
 * The text of a compact JWS, held to one shape before any reader sees it: GitHub's ID tokens (verify.ts)
 * and the broker's own JWTs (chained subjects, introspected tokens, introspection clients' bearers),
 * which jose reads. jose decodes a part with `atob`, which skips whitespace (a space inside the
 * signature part verified, checked on jose 6.2), and its TextDecoder drops a leading byte order mark,
 * so one signed token had several spellings, each a different key to the store's token hash and a
 * different answer from a stricter reader; so did the unused bits of a part's last character. One
 * pre-check, one refusal text.
 */
const PART = /^[A-Za-z0-9_-]*$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LABELS = ['header', 'payload', 'signature'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * Whether `part` (already base64url characters) is the one spelling of its bytes. Its last character
 * carries 2 (length % 4 = 2) or 4 (length % 4 = 3) bits past the last byte: every decoder here (atob
 * in jose, Buffer in rs256.ts) drops them, so an RS256 or ES256 signature (256 or 64 bytes, length %
 * 4 = 2) had 16 spellings that all verified, 16 store token hashes for one credential (session 28).
 * A length % 4 = 1 holds 6 bits, no byte: no encoder writes it (jose refuses it, Buffer drops it).
 */
function canonical(part) {
    const rest = part.length % 4;
    if (rest === 0)
        return true;
    if (rest === 1)
        return false;
    const last = ALPHABET.indexOf(part[part.length - 1]);
    return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}
/** The three parts of `token`, or the problem with its text (never the text itself). */
function compactJws(token) {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => PART.test(p)))
        return { problem: 'not a compact JWS (three base64url parts)' };
    for (let i = 0; i < 3; i++)
        if (!canonical(parts[i]))
            return {
                problem: `the token's ${LABELS[i]} part is not canonical base64url (a character past its last byte, or bits set past it)`,
            };
    // A part whose JSON starts with a byte order mark: TextDecoder (in rs256.ts and in jose) drops it, a
    // stricter JWT reader refuses the token, so the same signed bytes would mean a token to one relying
    // party and none to another. Neither GitHub's JSON nor the broker's carries one.
    for (let i = 0; i < 2; i++)
        if (Buffer.from(parts[i].slice(0, 4), 'base64url').subarray(0, 3).equals(BOM))
            return { problem: `the token's ${LABELS[i]} starts with a byte order mark (U+FEFF)` };
    return { parts: parts };
}


/***/ }),

/***/ 728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ duplicateMember)
/* harmony export */ });
/**
 * Duplicate member names in a JSON object's text. JSON.parse keeps the last of two equal names
 * silently, so two readers of the same text (a proxy, a log parser, another verifier) can disagree on
 * what a token or a request says. RFC 7519 \u00a74 lets a JWT parser reject duplicate claim names, and
 * RFC 6749 \u00a73.2 says a request parameter must not appear twice: both are refused, whatever the order.
 */
/**
 * The index of the `"` that closes the string opened at `i` (text.length when none). `slash`: the
 * first backslash at or after `i`, or -1. Strings are skipped with indexOf (native), not a character
 * at a time: a token's claims are mostly strings (session 30, about 4 \u00b5s a 1 kB payload before).
 */
function closingQuote(text, i, slash) {
    let j = text.indexOf('"', i + 1);
    if (j === -1)
        return text.length;
    if (slash === -1 || slash > j)
        return j;
    // A backslash before it in the string: a quote after an odd run of backslashes is escaped.
    for (;;) {
        let k = j - 1;
        while (text.charCodeAt(k) === 92 /* \ */)
            k--;
        if ((j - 1 - k) % 2 === 0)
            return j;
        j = text.indexOf('"', j + 1);
        if (j === -1)
            return text.length;
    }
}
/** The number of members at the top level of the JSON object `text` (its `:` outside strings). */
function topLevelMembers(text) {
    let depth = 0;
    let count = 0;
    let slash = text.indexOf('\\');
    const n = text.length;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 34 /* " */) {
            if (slash !== -1 && slash < i)
                slash = text.indexOf('\\', i);
            i = closingQuote(text, i, slash);
        }
        else if (c === 123 /* { */ || c === 91 /* [ */)
            depth++;
        else if (c === 125 /* } */ || c === 93 /* ] */)
            depth--;
        else if (c === 58 /* : */ && depth === 1)
            count++;
    }
    return count;
}
/**
 * The first member name that occurs twice at the top level of `text` (decoded, so `"\u006aob"` and
 * `"job"` are the same name), or undefined. `text` must already be valid JSON (JSON.parse succeeded):
 * the scan trusts its strings to be closed. `keys`: the number of own keys JSON.parse gave for it,
 * when the caller has them: as many members as keys means no name came twice (JSON.parse keeps one
 * key per name, `__proto__` included), and only a count is made, with no set of names.
 */
function duplicateMember(text, keys) {
    if (keys !== undefined && topLevelMembers(text) === keys)
        return undefined;
    const seen = new Set();
    let depth = 0;
    let expectKey = false;
    let slash = text.indexOf('\\');
    const n = text.length;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 34 /* " */) {
            if (slash !== -1 && slash < i)
                slash = text.indexOf('\\', i);
            const j = closingQuote(text, i, slash);
            if (depth === 1 && expectKey) {
                const escaped = slash !== -1 && slash < j;
                const name = escaped ? JSON.parse(text.slice(i, j + 1)) : text.slice(i + 1, j);
                if (seen.has(name))
                    return name;
                seen.add(name);
                expectKey = false;
            }
            i = j;
        }
        else if (c === 123 /* { */ || c === 91 /* [ */) {
            depth++;
            if (depth === 1)
                expectKey = c === 123;
        }
        else if (c === 125 /* } */ || c === 93 /* ] */)
            depth--;
        else if (c === 44 /* , */ && depth === 1)
            expectKey = true;
    }
    return undefined;
}


/***/ }),

/***/ 5456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mt: () => (/* binding */ MAX_DISCOVERY_BYTES),
/* harmony export */   V5: () => (/* binding */ MAX_JWKS_BYTES),
/* harmony export */   YY: () => (/* binding */ issuerKeys),
/* harmony export */   eG: () => (/* binding */ IssuerKeysError),
/* harmony export */   iX: () => (/* binding */ fetchIssuerJson)
/* harmony export */ });
/* unused harmony export DEFAULT_KEY_FETCH_TIMEOUT_MS */
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6687);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5674);
/* harmony import */ var _clock_steady_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8381);
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


/** Default deadline of one refresh (discovery + JWKS), ms. */
const DEFAULT_KEY_FETCH_TIMEOUT_MS = 10_000;
/**
 * Largest discovery document read, bytes. Real ones are 1-3 KB (GitHub's, Google's, Entra's); the
 * bound is there so that an issuer, or anything in front of it, answering an endless or huge body
 * cannot make the broker buffer it (before session 37 only the refresh deadline bounded it: at
 * loopback speed that is gigabytes in 10 s).
 */
const MAX_DISCOVERY_BYTES = 256 * 1024;
/**
 * Largest JWKS body read, bytes: about 35,000 RSA-2048 keys (real issuers publish fewer than ten;
 * session 36's 10,000-key set, 4.5 MB, still loads). Parsed, such a set costs the heap roughly ten
 * times its size once per refresh, which is the most an issuer can now make a refresh cost.
 */
const MAX_JWKS_BYTES = 16 * 1024 * 1024;
/**
 * GETs one JSON document of an issuer (discovery or JWKS), read with a byte bound and the caller's
 * deadline: a declared length over the bound is refused before reading, a body that runs past it is
 * cut there (the connection closed, nothing more buffered). Every failure is an IssuerKeysError
 * naming `what` (which names the issuer). The readiness probe's warm fetch uses it too (one reader).
 */
async function fetchIssuerJson(doFetch, url, o) {
    const { signal, what, maxBytes } = o;
    const tooLarge = () => new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} is larger than ${maxBytes} bytes: reading stopped there, the keys cached before are kept`);
    let res;
    try {
        res = await doFetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'error' });
        if (!res.ok)
            throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} answered ${res.status}`);
        const declared = Number(res.headers.get('content-length') ?? NaN);
        if (declared > maxBytes)
            throw tooLarge();
        const chunks = [];
        let size = 0;
        if (res.body) {
            const reader = res.body.getReader();
            // The deadline is raced here, not left to fetch: a body that started and then stalled was not
            // cut by the signal fetch was given (session 37: the refresh, single-flight, hung for good, and
            // every token of the issuer waited on it once the cached keys aged out).
            let onAbort;
            const aborted = new Promise((_, reject) => {
                onAbort = () => reject(signal.reason);
                signal.addEventListener('abort', onAbort, { once: true });
            });
            aborted.catch(() => undefined);
            if (signal.aborted)
                onAbort();
            try {
                for (;;) {
                    const { done, value } = await Promise.race([reader.read(), aborted]);
                    if (done)
                        break;
                    size += value.byteLength;
                    if (size > maxBytes)
                        throw tooLarge();
                    chunks.push(value);
                }
            }
            catch (err) {
                await reader.cancel().catch(() => undefined);
                throw err;
            }
            finally {
                signal.removeEventListener('abort', onAbort);
            }
        }
        // TextDecoder drops a BOM as res.json() did.
        return JSON.parse(new TextDecoder().decode(Buffer.concat(chunks, size)));
    }
    catch (err) {
        if (res?.body && !res.body.locked)
            await res.body.cancel().catch(() => undefined);
        if (err instanceof IssuerKeysError)
            throw err;
        if (signal.aborted)
            throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} did not answer within ${o.timeoutMs / 1000}s`);
        throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} failed: ${err.message}`);
    }
}
/** A key-loading failure; verify.ts turns it into an OidcError with the same code. */
class IssuerKeysError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'IssuerKeysError';
    }
}
/**
 * The set's keys by kid, each kid's own handed to jose: jose scans every key of a set for each token,
 * and an issuer publishing 10,000 keys cost each verification about 3 ms (session 36). Equivalent for a
 * token that names a kid (verify.ts requires one): jose keeps only keys whose kid equals it; a token
 * without one meets the whole set, as before.
 */
function byKid(set) {
    const all = (0,jose__WEBPACK_IMPORTED_MODULE_1__/* .createLocalJWKSet */ .w)(set);
    const groups = new Map();
    for (const k of set.keys) {
        if (typeof k?.kid !== 'string')
            continue;
        const group = groups.get(k.kid);
        if (group)
            group.push(k);
        else
            groups.set(k.kid, [k]);
    }
    const sets = new Map([...groups].map(([kid, keys]) => [kid, (0,jose__WEBPACK_IMPORTED_MODULE_1__/* .createLocalJWKSet */ .w)({ keys })]));
    const none = (0,jose__WEBPACK_IMPORTED_MODULE_1__/* .createLocalJWKSet */ .w)({ keys: [] });
    return (header, token) => typeof header.kid === 'string' ? (sets.get(header.kid) ?? none)(header, token) : all(header, token);
}
/** Returns the key resolver of one trusted issuer (the caller has checked the issuer is trusted). */
function issuerKeys(options) {
    const doFetch = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? DEFAULT_KEY_FETCH_TIMEOUT_MS;
    const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    const cooldownMs = options.cooldownMs ?? 30_000;
    const maxJwksBytes = options.maxJwksBytes ?? MAX_JWKS_BYTES;
    // Never back: a wall clock stepped back would keep a JWKS (and a key the issuer dropped) past its age.
    const now = options.now ?? _clock_steady_js__WEBPACK_IMPORTED_MODULE_0__/* .steadyNowMs */ .JC;
    const resolvers = new Map();
    const getJson = (url, signal, what, maxBytes) => fetchIssuerJson(doFetch, url, { signal, what, maxBytes, timeoutMs });
    async function load(issuer, st) {
        const signal = AbortSignal.timeout(timeoutMs);
        // Discovery is redone with every refresh, so a moved jwks_uri is followed; a failed discovery
        // falls back to the last known jwks_uri.
        let jwksUri = st.jwksUri;
        try {
            const doc = (await getJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, signal, `discovery of ${issuer}`, MAX_DISCOVERY_BYTES));
            if (typeof doc?.jwks_uri !== 'string')
                throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `discovery of ${issuer} has no jwks_uri`);
            options.assertUrl(doc.jwks_uri);
            jwksUri = doc.jwks_uri;
        }
        catch (err) {
            if (!jwksUri || signal.aborted)
                throw err;
        }
        const set = (await getJson(jwksUri, signal, `the JWKS of ${issuer}`, maxJwksBytes));
        if (!set || !Array.isArray(set.keys))
            throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `the JWKS of ${issuer} has no keys array`);
        st.jwksUri = jwksUri;
        st.keys = byKid(set);
        st.expiresAt = now() + maxAgeMs;
    }
    /** One refresh per issuer at a time; callers of the same issuer share it. */
    function refresh(issuer, st, byKid) {
        if (!st.pending) {
            if (byKid)
                st.lastKidRefresh = now();
            st.pending = load(issuer, st).finally(() => {
                st.pending = undefined;
            });
        }
        return st.pending;
    }
    return (issuer) => {
        let resolver = resolvers.get(issuer);
        if (resolver)
            return resolver;
        const st = { expiresAt: 0, lastKidRefresh: -Infinity };
        resolver = async (header, token) => {
            if (!st.keys || now() >= st.expiresAt)
                await refresh(issuer, st, false);
            try {
                return await st.keys(header, token);
            }
            catch (err) {
                // Two keys under the kid (verify.ts: ERR_OIDC_JWKS_AMBIGUOUS) are read again the same way: an
                // issuer that repairs its set is believed at the next token, not when the cached copy ages out.
                const ambiguous = err instanceof jose__WEBPACK_IMPORTED_MODULE_2__/* .JWKSMultipleMatchingKeys */ .$4;
                if (!(err instanceof jose__WEBPACK_IMPORTED_MODULE_2__/* .JWKSNoMatchingKey */ .BT) && !ambiguous)
                    throw err;
                // A rotated key is picked up by one refresh; a flood of made-up kids gets one per cooldown.
                if (now() - st.lastKidRefresh < cooldownMs && !st.pending) {
                    if (ambiguous)
                        throw err;
                    throw new IssuerKeysError('ERR_OIDC_KID_UNKNOWN', "no key of the issuer matches the token's kid (keys refreshed recently)");
                }
                try {
                    await refresh(issuer, st, true);
                }
                catch (e) {
                    // The cached set still says two things: that, not the failed refresh, is the refusal.
                    if (ambiguous)
                        throw err;
                    throw new IssuerKeysError('ERR_OIDC_KID_UNKNOWN', `no cached key of the issuer matches the token's kid, and the refresh failed: ${e.message}`);
                }
                try {
                    return await st.keys(header, token);
                }
                catch (e) {
                    if (e instanceof jose__WEBPACK_IMPORTED_MODULE_2__/* .JWKSNoMatchingKey */ .BT)
                        throw new IssuerKeysError('ERR_OIDC_KID_UNKNOWN', "no key of the issuer matches the token's kid (after one refresh)");
                    throw e;
                }
            }
        };
        resolvers.set(issuer, resolver);
        return resolver;
    };
}


/***/ }),

/***/ 5273:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oX: () => (/* binding */ GITHUB_ISSUER),
  IX: () => (/* binding */ ISSUER_FAULT_CODES),
  uv: () => (/* binding */ OidcError),
  Dq: () => (/* binding */ assertClaimShapes),
  HB: () => (/* binding */ assertIssuerUrl),
  wQ: () => (/* binding */ createOidcVerifier)
});

// UNUSED EXPORTS: DEFAULT_MAX_TOKEN_LIFETIME, MAX_JTI_LENGTH, MAX_TOKEN_BYTES, parseSubject

// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/util/errors.js
var errors = __webpack_require__(5674);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwks/local.js
var jwks_local = __webpack_require__(6687);
// EXTERNAL MODULE: ./shared/oidc/claims.ts
var claims = __webpack_require__(953);
// EXTERNAL MODULE: ./shared/conditions/glob.ts
var glob = __webpack_require__(6863);
// EXTERNAL MODULE: ./shared/conditions/verdict.ts
var verdict = __webpack_require__(9084);
// EXTERNAL MODULE: ./shared/oidc/compact.ts
var oidc_compact = __webpack_require__(7459);
// EXTERNAL MODULE: ./shared/oidc/json-members.ts
var json_members = __webpack_require__(728);
// EXTERNAL MODULE: ./shared/oidc/keys.ts
var keys = __webpack_require__(5456);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./shared/oidc/rs256.ts
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
 * Why not jose: its verification costs the event loop 46\u201357 \u00b5s per token (JavaScript base64,
 * WebCrypto's argument handling) against about 15 for this; the semantics are held to jose's by a
 * differential test over generated tokens (tests/oidc/rs256.test.ts).
 */


const strict = new TextDecoder('utf-8', { fatal: true });
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** jose's base64url decoder refuses what is not base64url; Buffer's would skip it silently. */
function decode(part, label) {
    if (!BASE64URL.test(part) || part.length % 4 === 1)
        throw new errors/* JWSInvalid */.Ye(`Failed to base64url decode the ${label}`);
    return Buffer.from(part, 'base64url');
}
/** A plain JSON object (jose's isObject: not an array, not null). */
function objectOfText(text) {
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    return v !== null && typeof v === 'object' && !Array.isArray(v)
        ? v
        : undefined;
}
function objectOf(bytes) {
    let text;
    try {
        text = strict.decode(bytes);
    }
    catch {
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
function segmentText(parts, i) {
    try {
        return strict.decode(Buffer.from(parts[i], 'base64url'));
    }
    catch {
        return undefined;
    }
}
/** The protected header as jose reads it, or jose's JWSInvalid. */
function protectedHeaderOf(part) {
    let bytes;
    try {
        bytes = decode(part, 'protected header');
    }
    catch {
        throw new errors/* JWSInvalid */.Ye('JWS Protected Header is invalid');
    }
    const h = objectOf(bytes);
    if (!h)
        throw new errors/* JWSInvalid */.Ye('JWS Protected Header is invalid');
    return h;
}
/** jose's validateCrit + validateB64 for a compact JWS (only `b64` is recognized): the `b64` value. */
function checkCrit(header) {
    const crit = header.crit;
    if (crit === undefined)
        return true;
    if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string' || c.length === 0))
        throw new errors/* JWSInvalid */.Ye('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
    for (const p of crit) {
        if (p !== 'b64')
            throw new errors/* JOSENotSupported */.T0(`Extension Header Parameter "${p}" is not recognized`);
        if (!Object.hasOwn(header, p) || header[p] === undefined)
            throw new errors/* JWSInvalid */.Ye(`Extension Header Parameter "${p}" is missing`);
    }
    if (!crit.includes('b64'))
        return true;
    if (typeof header.b64 !== 'boolean')
        throw new errors/* JWSInvalid */.Ye('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return header.b64;
}
const keyObjects = new WeakMap();
/** jose's prepareKey + checkCryptoKey + checkModulusLength for RS256 verification. */
function verificationKey(input) {
    // jose's isCryptoKey (the class is not exported by node:crypto in every Node version).
    if (input?.[Symbol.toStringTag] !== 'CryptoKey')
        throw new TypeError('Key for the RS256 algorithm must be of type CryptoKey');
    const key = input;
    if (key.type !== 'public')
        throw new TypeError('CryptoKey instances must be of type "public" for the RS256 algorithm');
    const alg = key.algorithm;
    if (alg.name !== 'RSASSA-PKCS1-v1_5')
        throw new TypeError('CryptoKey does not support this operation, its algorithm.name must be RSASSA-PKCS1-v1_5');
    if (alg.hash?.name !== 'SHA-256')
        throw new TypeError('CryptoKey does not support this operation, its algorithm.hash must be SHA-256');
    if (!key.usages.includes('verify'))
        throw new TypeError('CryptoKey does not support this operation, its usages must include verify.');
    if (typeof alg.modulusLength !== 'number' || alg.modulusLength < 2048)
        throw new TypeError('RS256 requires key modulusLength to be 2048 bits or larger');
    let k = keyObjects.get(key);
    if (!k)
        keyObjects.set(key, (k = external_node_crypto_.KeyObject.from(key)));
    return k;
}
/** Verifies a compact RS256 JWT; resolves to its claims or rejects with jose's error for the failure. */
async function verifyRs256(token, keys, o) {
    const parts = o.parts ?? token.split('.');
    if (parts.length !== 3)
        throw new errors/* JWSInvalid */.Ye('Invalid Compact JWS');
    const [h, p, s] = parts;
    const header = o.header ?? protectedHeaderOf(h);
    const b64 = checkCrit(header);
    const alg = header.alg;
    if (typeof alg !== 'string' || !alg)
        throw new errors/* JWSInvalid */.Ye('JWS "alg" (Algorithm) Header Parameter missing or invalid');
    if (alg !== 'RS256')
        throw new errors/* JOSEAlgNotAllowed */.Rb('"alg" (Algorithm) Header Parameter value not allowed');
    // The payload of a compact JWS is ASCII (jose's encodeAsciiMember); it is decoded after the signature.
    if (!o.parts && !/^\p{ASCII}*$/u.test(p))
        throw new errors/* JWSInvalid */.Ye('The payload is not a valid base64url string');
    // jose's order: the key resolved, the signature decoded, then the key checked.
    const resolved = await keys(header, { payload: p, signature: s, protected: h });
    const signature = o.parts ? Buffer.from(s, 'base64url') : decode(s, 'signature');
    const key = verificationKey(resolved);
    const valid = await new Promise((resolve, reject) => (0,external_node_crypto_.verify)('sha256', Buffer.from(`${h}.${p}`, 'latin1'), key, signature, (err, ok) => err ? reject(new errors/* JWSSignatureVerificationFailed */.h2(undefined, { cause: err })) : resolve(ok)));
    if (!valid)
        throw new errors/* JWSSignatureVerificationFailed */.h2();
    // An unencoded payload (b64: false) is verified as it stands, then refused: jose's order.
    if (!b64)
        throw new errors/* JWTInvalid */.Dp('JWTs MUST NOT use unencoded payload');
    const claims = o.payload ?? objectOf(decode(p, 'payload'));
    if (!claims)
        throw new errors/* JWTInvalid */.Dp('JWT Claims Set must be a top-level JSON object');
    return claimsChecked(claims, o);
}
/** jose's validateClaimsSet with issuer, audience, requiredClaims ['exp', 'iat'] and clockTolerance. */
function claimsChecked(c, o) {
    const failed = (msg, claim, reason) => new errors/* JWTClaimValidationFailed */.ie(msg, c, claim, reason);
    // jose checks presence in this order: iss, aud, iat, exp.
    for (const claim of ['iss', 'aud', 'iat', 'exp'])
        if (!Object.hasOwn(c, claim))
            throw failed(`missing required "${claim}" claim`, claim, 'missing');
    if (c.iss !== o.issuer)
        throw failed('unexpected "iss" claim value', 'iss', 'check_failed');
    const aud = c.aud;
    if (!(typeof aud === 'string' ? aud === o.audience : Array.isArray(aud) && aud.includes(o.audience)))
        throw failed('unexpected "aud" claim value', 'aud', 'check_failed');
    const number = (claim) => {
        const v = c[claim];
        if (v !== undefined && typeof v !== 'number')
            throw failed(`"${claim}" claim must be a number`, claim, 'invalid');
        return v;
    };
    number('iat');
    const nbf = number('nbf');
    if (nbf !== undefined && nbf > o.now + o.clockTolerance)
        throw failed('"nbf" claim timestamp check failed', 'nbf', 'check_failed');
    const exp = number('exp');
    if (exp !== undefined && exp <= o.now - o.clockTolerance)
        throw new errors/* JWTExpired */.n('"exp" claim timestamp check failed', c, 'exp', 'check_failed');
    return c;
}

// EXTERNAL MODULE: ./shared/clock/steady.ts
var steady = __webpack_require__(8381);
;// CONCATENATED MODULE: ./shared/oidc/verify.ts
/**
 * OIDC token verification, the same code for the broker and `stepwarden verify`. The order matters:
 * size and shape, then the algorithm and issuer from the unverified header and payload (so nothing
 * is fetched for an issuer we do not trust), then the signature with the issuer's keys, then claims.
 */









/**
 * A token's value in a refusal, quoted: shown() (bounded, every invisible character written out), also
 * for a header member or claim read before the signature is checked, which anyone can write.
 */
function quoted(v) {
    return `"${(0,verdict/* shown */.SP)(typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)))}"`;
}
/** A refusal with a stable code (ERR_OIDC_*) and, where it applies, the claim concerned. */
class OidcError extends Error {
    code;
    claim;
    constructor(code, message, claim) {
        super(message);
        this.code = code;
        this.claim = claim;
        this.name = 'OidcError';
    }
    /**
     * Set when the refusal came after the issuer's signature verified: the claims are the issuer's
     * word (refused for what they say: expired, another audience, a lifetime GitHub never gives), so a
     * refusal can say which repository and run the token came from. Never a token.
     */
    signedClaims;
}
/** Default longest lifetime (and oldest `iat`) of an accepted OIDC token, seconds. */
const DEFAULT_MAX_TOKEN_LIFETIME = 3600;
/** GitHub's tokens are about 1.5 KB; anything far larger is refused before any parsing. */
const MAX_TOKEN_BYTES = 16 * 1024;
/**
 * Longest accepted `jti`, characters. GitHub's is a UUID (36); the jti keys the replay store (a
 * Redis key, an audit field), so a token may not fill it with kilobytes.
 */
const MAX_JTI_LENGTH = 128;
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/**
 * A control character (Unicode Cc: C0, DEL, C1). Not `\p{Cc}` with the `u` flag, which costs more per
 * token (all Cc characters are one UTF-16 unit). Neither global nor sticky: test() keeps no state.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not after a high one (non-Unicode regex). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Claims every GitHub token carries: these, and the numeric ids NUMERIC_ID_CLAIMS marks required. */
const REQUIRED_CLAIMS = [
    'sub',
    'jti',
    'repository',
    'repository_owner',
    ...Object.keys(claims/* NUMERIC_ID_CLAIMS */.C8).filter((c) => claims/* NUMERIC_ID_CLAIMS */.C8[c]),
];
/**
 * Claims GitHub sends as strings (ids, booleans and attempts included). One of another type is not
 * GitHub's: read as "absent" by a condition, an `environment: ["production"]` would skip the job's
 * `environments` bound that a string naming it would fail, so the token is refused instead.
 */
const STRING_CLAIMS = [
    ...Object.keys(claims/* NUMERIC_ID_CLAIMS */.C8),
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
];
/**
 * `owner/name` as GitHub allows them: no `.`/`..` segment, no encoded or extra slash, no control
 * characters. The repository names a path (manifests, caches, API URLs), so anything else is refused.
 */
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}\/[A-Za-z0-9._-]{1,100}$/;
/**
 * What makes `text` unfit for a claim or its name, or undefined: its first control character or
 * unpaired surrogate and where (`control character U+000A at index 3`); the index only on a refusal.
 */
function textProblem(text) {
    const control = CONTROL.test(text);
    if (!control && text.isWellFormed())
        return undefined;
    const at = control ? text.search(CONTROL) : text.search(LONE_SURROGATE);
    const unit = `U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}`;
    return `${control ? 'control character' : 'an unpaired surrogate'} ${unit} at index ${at}`;
}
/** Time claims are integers (NumericDate); `1e400` parses to Infinity and `1.5` is not a time. */
function assertTimeClaims(payload) {
    for (const c of ['exp', 'iat', 'nbf']) {
        const v = payload[c];
        if (v === undefined && c === 'nbf')
            continue;
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
            throw new OidcError('ERR_OIDC_TIME_INVALID', `claim '${c}' is not a time (an integer number of seconds): ${quoted(v)}`, c);
    }
}
/** Shape checks of the GitHub claims the broker builds keys and paths from. */
function assertClaimShapes(payload) {
    for (const c of STRING_CLAIMS) {
        const v = payload[c];
        if (v !== undefined && typeof v !== 'string')
            throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim '${c}' is a${Array.isArray(v) ? 'n array' : ` ${v === null ? 'null' : typeof v}`}, not a string as GitHub sends it`, c);
    }
    // Every string claim may become a key, a label or audit text (`sub` is copied into broker JWTs):
    // GitHub's values are printable, and a control character there says another thing to each reader.
    // for\u2026in and test(): a third of the instructions of Object.entries and search() (callgrind,
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
            const name = (0,verdict/* shown */.SP)(c.slice(0, 64));
            throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim name '${name}' holds ${nameProblem}; GitHub's claim names are printable ASCII`, name);
        }
        const v = payload[c];
        if (typeof v !== 'string')
            continue;
        const problem = textProblem(v);
        if (!problem)
            continue;
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim '${(0,verdict/* shown */.SP)(c.slice(0, 64))}' holds ${problem}; GitHub's claims are printable, well-formed text`, c.slice(0, 64));
    }
    if (typeof payload.jti === 'string' && payload.jti.length > MAX_JTI_LENGTH)
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim 'jti' is ${payload.jti.length} characters, longer than ${MAX_JTI_LENGTH} (GitHub's is a UUID)`, 'jti');
    // Ids key the run blocks, run indexes and audit; GitHub's are canonical decimal (claims.ts).
    let c;
    for (c in claims/* NUMERIC_ID_CLAIMS */.C8) {
        const v = payload[c];
        if (v === undefined && !claims/* NUMERIC_ID_CLAIMS */.C8[c])
            continue;
        const problem = (0,claims/* numericIdProblem */.IR)(c, v);
        if (problem)
            throw new OidcError('ERR_OIDC_CLAIM_INVALID', problem, c);
    }
    // Exact comparisons downstream (triggers, outside events, dispatches): another case or a space
    // would be an event none of them knows, so a `Pull_Request_Target` passed the explicit trigger gate.
    const event = payload.event_name;
    const eventProblem = typeof event === 'string' ? (0,claims/* eventNameProblem */.pZ)(event) : undefined;
    if (eventProblem)
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', eventProblem, 'event_name');
    const repo = payload.repository;
    const [owner, name] = repo.split('/');
    if (!REPOSITORY.test(repo) || /^\.+$/.test(name ?? ''))
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim 'repository' ${quoted(repo)} is not an owner/name GitHub allows`, 'repository');
    // ASCII case only: `toLowerCase` folds U+212A (Kelvin sign) into `k`.
    if ((0,glob/* asciiLower */.F)(String(payload.repository_owner)) !== (0,glob/* asciiLower */.F)(owner))
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim 'repository_owner' does not match the owner of 'repository'`, 'repository_owner');
    assertSubjectRepository(payload);
}
/**
 * A `sub` that starts with GitHub's `repo:` key names the token's repository (ASCII case only) and,
 * in the immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID`, its ids. The broker copies `sub` into the
 * JWTs it signs, whose relying parties may authorize on it; a custom template without the `repo` key
 * first says nothing here (its other claims are checked on their own).
 */
function assertSubjectRepository(payload) {
    const sub = payload.sub;
    if (!sub.startsWith('repo:'))
        return;
    const end = sub.indexOf(':', 5);
    const value = end < 0 ? sub.slice(5) : sub.slice(5, end);
    const m = /^([^/@]+)(?:@([0-9]+))?\/([^/@]+)(?:@([0-9]+))?$/.exec(value);
    const ok = m !== null &&
        (0,glob/* asciiLower */.F)(`${m[1]}/${m[3]}`) === (0,glob/* asciiLower */.F)(String(payload.repository)) &&
        (m[2] === undefined || m[2] === payload.repository_owner_id) &&
        (m[4] === undefined || m[4] === payload.repository_id);
    if (!ok)
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim 'sub' ${quoted(sub)} names another repository than 'repository' ${quoted(payload.repository)} (or its ids)`, 'sub');
}
/** http:// is accepted only for loopback issuers (local stand-ins and tests). */
function assertIssuerUrl(issuer) {
    let url;
    try {
        url = new URL(issuer);
    }
    catch {
        throw new OidcError('ERR_OIDC_CONFIG', `issuer '${issuer}' is not a URL`);
    }
    const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback))
        return;
    throw new OidcError('ERR_OIDC_CONFIG', `issuer '${issuer}' must use https:// (http:// only for loopback addresses)`);
}
/**
 * The issuer's key set is at fault, not the token: the broker answers 503 (the issuer must fix its
 * set, or be reachable again) and audits an error, not a refusal of the token.
 */
const ISSUER_FAULT_CODES = new Set([
    'ERR_OIDC_JWKS_UNAVAILABLE',
    'ERR_OIDC_JWKS_AMBIGUOUS',
]);
/** jose's refusal as the broker's code; `kid` is the token's header member (for the ambiguity). */
function mapJoseError(err, kid) {
    if (err instanceof OidcError)
        return err;
    // Two usable RS256 keys under the token's kid: the set says two things about one name. Trying each
    // in turn would accept a token signed by either, so one stray or planted key is enough; refused as
    // the set's fault (it was ERR_OIDC_MALFORMED, which blamed the token and sent responders to it).
    if (err instanceof errors/* JWKSMultipleMatchingKeys */.$4)
        return new OidcError('ERR_OIDC_JWKS_AMBIGUOUS', `the issuer's key set publishes more than one RS256 verification key under kid ${quoted(String(kid).slice(0, 64))}; the broker does not try them in turn, so no token with this kid verifies until the issuer publishes one key per kid (the token itself may be sound; it was not used)`, 'kid');
    if (err instanceof keys/* IssuerKeysError */.eG)
        return new OidcError(err.code, err.message);
    if (err instanceof errors/* JWTExpired */.n)
        return new OidcError('ERR_OIDC_EXPIRED', `token expired (exp ${String(err.payload.exp)})`, 'exp');
    if (err instanceof errors/* JWTClaimValidationFailed */.ie) {
        if (err.claim === 'aud')
            return new OidcError('ERR_OIDC_AUDIENCE', `aud ${quoted(err.payload.aud)} is not the expected audience`, 'aud');
        if (err.claim === 'nbf')
            return new OidcError('ERR_OIDC_NOT_YET_VALID', `token not valid before ${String(err.payload.nbf)}`, 'nbf');
        if (err.claim === 'iss')
            return new OidcError('ERR_OIDC_ISSUER', `iss ${quoted(err.payload.iss)} is not trusted`, 'iss');
        return new OidcError('ERR_OIDC_CLAIM_INVALID', `claim '${err.claim}' is invalid: ${err.reason}`, err.claim);
    }
    if (err instanceof errors/* JWKSNoMatchingKey */.BT)
        return new OidcError('ERR_OIDC_KID_UNKNOWN', "no key of the issuer matches the token's kid (after one refresh)");
    if (err instanceof errors/* JWSSignatureVerificationFailed */.h2)
        return new OidcError('ERR_OIDC_SIGNATURE', 'signature verification failed');
    if (err instanceof errors/* JOSEAlgNotAllowed */.Rb)
        return new OidcError('ERR_OIDC_ALG', 'algorithm not allowed (RS256 only)');
    if (err instanceof errors/* JWKSTimeout */.xb || err instanceof errors/* JWKSInvalid */.Dm)
        return new OidcError('ERR_OIDC_JWKS_UNAVAILABLE', `the issuer's key set could not be used: ${err.message}`);
    if (err instanceof errors/* JOSEError */.i4)
        return new OidcError('ERR_OIDC_MALFORMED', `token rejected: ${err.code}`);
    return new OidcError('ERR_OIDC_JWKS_UNAVAILABLE', `the issuer's keys could not be fetched: ${err.message}`);
}
function createOidcVerifier(options) {
    for (const i of options.issuers)
        assertIssuerUrl(i);
    const tolerance = options.clockToleranceSeconds ?? 60;
    const maxLifetime = options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME;
    // Never back: a wall clock stepped back must not make an expired (and forgotten) token valid again.
    const now = options.now ?? steady/* steadySeconds */.eo;
    const doFetch = options.fetch ?? fetch;
    const local = options.jwks ? (0,jwks_local/* createLocalJWKSet */.w)(options.jwks) : undefined;
    // Discovery and keys per issuer, each with its own cache, deadline and single refresh (keys.ts).
    const keysFor = (0,keys/* issuerKeys */.YY)({
        fetch: doFetch,
        ...(options.fetchTimeoutMs !== undefined ? { timeoutMs: options.fetchTimeoutMs } : {}),
        ...(options.keysMaxAgeMs !== undefined ? { maxAgeMs: options.keysMaxAgeMs } : {}),
        ...(options.refreshCooldownMs !== undefined ? { cooldownMs: options.refreshCooldownMs } : {}),
        ...(options.now ? { now: () => options.now() * 1000 } : {}),
        assertUrl: assertIssuerUrl,
    });
    return {
        clockToleranceSeconds: tolerance,
        async verify(token) {
            if (typeof token !== 'string' || token.length === 0)
                throw new OidcError('ERR_OIDC_MALFORMED', 'no token');
            if (Buffer.byteLength(token) > MAX_TOKEN_BYTES)
                throw new OidcError('ERR_OIDC_TOO_LARGE', `token larger than ${MAX_TOKEN_BYTES} bytes`);
            const compact = (0,oidc_compact/* compactJws */.W)(token);
            if (compact.problem !== undefined)
                throw new OidcError('ERR_OIDC_MALFORMED', compact.problem);
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
                throw new OidcError('ERR_OIDC_KID_MISSING', "the token's header has no kid naming a key of the issuer's JWKS", 'kid');
            // Explicit typing (RFC 8725 \u00a73.11): GitHub's ID tokens say `typ: JWT` and nothing about their
            // content; another type (an access token, a JOSE object) or a nested token is not one of them.
            // `typ` is optional in RFC 7519, so a header without one is judged on everything else.
            if ((header.typ !== undefined && (typeof header.typ !== 'string' || (0,glob/* asciiLower */.F)(header.typ) !== 'jwt')) ||
                header.cty !== undefined)
                throw new OidcError('ERR_OIDC_TYP', `the token's header says typ ${header.typ === undefined ? '(none)' : quoted(header.typ)}${header.cty !== undefined ? ` and cty ${quoted(header.cty)}` : ''}; an OIDC ID token is typ JWT with no cty`, 'typ');
            // Two equal header names: JSON.parse keeps the last (`alg`, `kid`), another reader the first.
            const twiceInHeader = (0,json_members/* duplicateMember */.k)(headerText, Object.keys(header).length);
            if (twiceInHeader !== undefined)
                throw new OidcError('ERR_OIDC_MALFORMED', `header member ${quoted(twiceInHeader.slice(0, 64))} appears more than once`);
            const iss = unverified.iss;
            if (typeof iss !== 'string' || !options.issuers.includes(iss)) {
                throw new OidcError('ERR_OIDC_ISSUER', `iss ${quoted(iss)} is not a trusted issuer (${options.issuers.join(', ')})`, 'iss');
            }
            // Before the signature: jose accepts any number (Infinity too) as a time.
            assertTimeClaims(unverified);
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
            }
            catch (err) {
                const e = mapJoseError(err, header.kid);
                // jose's claim checks (exp, nbf, aud) run only once the signature has verified; claims given
                // twice would say two things, so they are not carried.
                if ((err instanceof errors/* JWTExpired */.n || err instanceof errors/* JWTClaimValidationFailed */.ie) &&
                    (0,json_members/* duplicateMember */.k)(payloadText, Object.keys(unverified).length) === undefined)
                    e.signedClaims = unverified;
                throw e;
            }
            // Two equal claim names: JSON.parse keeps the last, another reader of the token may keep the first.
            const twice = (0,json_members/* duplicateMember */.k)(payloadText, Object.keys(unverified).length);
            if (twice !== undefined)
                throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim ${quoted(twice.slice(0, 64))} appears more than once in the token`, twice.slice(0, 64));
            // From here the claims are the issuer's word (the signature verified; no claim is given twice): a
            // refusal carries them, so the broker's line can say which repository and run it came from.
            try {
                return signedChecks(payload, now(), tolerance, maxLifetime, options.audience);
            }
            catch (err) {
                if (err instanceof OidcError)
                    err.signedClaims = payload;
                throw err;
            }
        },
    };
}
/** The checks of a token whose signature verified, in order: its claims, or an OidcError. */
function signedChecks(payload, now, tolerance, maxLifetime, audience) {
    // One relying party per token (GitHub's getIDToken takes one audience): a token also meant
    // for another audience could be exchanged here by that party, or by anyone it leaks to.
    if (Array.isArray(payload.aud) && payload.aud.length !== 1)
        throw new OidcError('ERR_OIDC_AUDIENCE', `aud names ${payload.aud.length} audiences; a token for the broker names only ${JSON.stringify(audience)}`, 'aud');
    if (typeof payload.iat === 'number' && payload.iat > now + tolerance) {
        throw new OidcError('ERR_OIDC_IAT_FUTURE', `iat ${payload.iat} is in the future`, 'iat');
    }
    const exp = payload.exp;
    const iat = payload.iat;
    if (iat < now - maxLifetime - tolerance)
        throw new OidcError('ERR_OIDC_TOO_OLD', `iat ${iat} is more than ${maxLifetime}s (+${tolerance}s tolerance) in the past`, 'iat');
    const nbf = typeof payload.nbf === 'number' ? payload.nbf : iat;
    if (exp <= iat || exp <= nbf)
        throw new OidcError('ERR_OIDC_LIFETIME', `the token expires (exp ${exp}) before it is issued or valid (iat ${iat}, nbf ${nbf})`, 'exp');
    if (exp - iat > maxLifetime)
        throw new OidcError('ERR_OIDC_LIFETIME', `token lifetime exp - iat = ${exp - iat}s is above the maximum of ${maxLifetime}s`, 'exp');
    for (const c of REQUIRED_CLAIMS) {
        const v = payload[c];
        if (typeof v !== 'string' || v === '')
            throw new OidcError('ERR_OIDC_CLAIM_MISSING', `required claim '${c}' is missing or not a string`, c);
    }
    assertClaimShapes(payload);
    return payload;
}
/**
 * Reads both `sub` formats: classic `repo:OWNER/REPO:CONTEXT` and GitHub's immutable
 * `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT`. Returns undefined for anything else (custom templates).
 */
function parseSubject(sub) {
    const m = /^repo:([^/@:]+)(?:@(\d+))?\/([^/@:]+)(?:@(\d+))?:(.+)$/.exec(sub);
    if (!m)
        return undefined;
    return {
        owner: m[1],
        repo: m[3],
        ...(m[2] ? { ownerId: m[2] } : {}),
        ...(m[4] ? { repoId: m[4] } : {}),
        context: m[5],
    };
}


/***/ })

};
