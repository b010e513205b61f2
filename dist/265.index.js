export const id = 265;
export const ids = [265];
export const modules = {

/***/ 2265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyCommand: () => (/* binding */ verifyCommand)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7961);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(310);
/* harmony import */ var _oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2195);




const verifyCommand = {
    name: 'verify',
    summary: 'Verify an OIDC token exactly as the broker does, and print its claims or why it is refused',
    help: `Usage: stepwarden verify TOKEN|- --audience AUD [options]

Verifies a GitHub Actions OIDC token with the broker's own code: RS256 only, a trusted issuer, keys
from the issuer's JWKS, aud, exp/nbf/iat with 60 s leeway, GitHub's required claims. '-' reads the
token from standard input. The token itself is never printed.

Options:
  --audience AUD       the aud the token must carry (required; --no-audience to skip, said in the output)
  --no-audience        do not check aud
  --issuer URL         trusted issuer (repeatable; default ${_oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_ISSUER */ .oX})
  --jwks FILE|URL      a saved key set instead of discovery
  --at UNIX_SECONDS    verify as of this time (tokens captured in the past)
  --format text|json   json: { "valid", "claims", "error", "code" }

Exit codes: 0 valid, 1 refused, 2 bad arguments.
`,
    async run(argv, io) {
        if ((0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .wantsHelp */ .lx)(argv)) {
            io.stdout(this.help);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        const parsed = (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommandArgs */ .Qx)('verify', argv, {
            audience: { type: 'string' },
            'no-audience': { type: 'boolean' },
            issuer: { type: 'string', multiple: true },
            jwks: { type: 'string' },
            at: { type: 'string' },
            format: { type: 'string', default: 'text' },
        }, true);
        const { values, positionals } = parsed;
        if (positionals.length !== 1)
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('give one token, or - to read it from standard input');
        if (!values.audience && !values['no-audience'])
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('--audience is required (or --no-audience to skip the aud check)');
        if (values.format !== 'text' && values.format !== 'json')
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--format must be text or json`);
        if (values.at !== undefined && !/^\d+$/.test(values.at))
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('--at takes Unix seconds');
        const token = (positionals[0] === '-' ? await io.readStdin() : positionals[0]).trim();
        let jwks;
        if (values.jwks) {
            const text = /^https?:\/\//.test(values.jwks)
                ? await (await fetch(values.jwks)).text()
                : await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(values.jwks, 'utf8');
            try {
                jwks = JSON.parse(text);
            }
            catch {
                throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--jwks ${values.jwks} is not a JSON key set`);
            }
        }
        let audience = values.audience ?? '';
        if (values['no-audience']) {
            // Checking nothing is not an option of the verifier: take the token's own aud and say so.
            try {
                const aud = (0,jose__WEBPACK_IMPORTED_MODULE_3__/* .decodeJwt */ .i)(token).aud;
                audience = Array.isArray(aud) ? (aud[0] ?? '') : (aud ?? '');
            }
            catch {
                audience = '';
            }
        }
        const at = values.at ? Number(values.at) : undefined;
        const verifier = (0,_oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .createOidcVerifier */ .wQ)({
            issuers: values.issuer ?? [_oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_ISSUER */ .oX],
            audience,
            ...(jwks ? { jwks } : {}),
            ...(at !== undefined ? { now: () => at } : {}),
        });
        const note = values['no-audience'] ? ' (aud was NOT checked)' : '';
        try {
            const claims = await verifier.verify(token);
            if (values.format === 'json')
                io.stdout(`${JSON.stringify({ valid: true, claims, audienceChecked: !values['no-audience'] }, null, 2)}\n`);
            else {
                io.stdout(`valid${note}\n`);
                for (const [k, v] of Object.entries(claims))
                    io.stdout(`  ${k.padEnd(22)} ${typeof v === 'string' ? v : JSON.stringify(v)}\n`);
            }
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        catch (err) {
            const e = err instanceof _oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .OidcError */ .uv ? err : new _oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .OidcError */ .uv('ERR_OIDC_MALFORMED', String(err));
            if (values.format === 'json')
                io.stdout(`${JSON.stringify({ valid: false, error: e.message, code: e.code, ...(e.claim ? { claim: e.claim } : {}) }, null, 2)}\n`);
            else
                io.stdout(`refused: ${e.code}: ${e.message}${note}\n`);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.findings;
        }
    },
};


/***/ }),

/***/ 2195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oX: () => (/* binding */ GITHUB_ISSUER),
  uv: () => (/* binding */ OidcError),
  HB: () => (/* binding */ assertIssuerUrl),
  wQ: () => (/* binding */ createOidcVerifier)
});

// UNUSED EXPORTS: DEFAULT_MAX_TOKEN_LIFETIME, MAX_TOKEN_BYTES, assertClaimShapes, parseSubject

// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/util/errors.js
var errors = __webpack_require__(5674);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwks/local.js
var jwks_local = __webpack_require__(6687);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwt/verify.js + 1 modules
var verify = __webpack_require__(5057);
;// CONCATENATED MODULE: ./shared/oidc/keys.ts
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
/** A key-loading failure; verify.ts turns it into an OidcError with the same code. */
class IssuerKeysError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'IssuerKeysError';
    }
}
/** Returns the key resolver of one trusted issuer (the caller has checked the issuer is trusted). */
function issuerKeys(options) {
    const doFetch = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? DEFAULT_KEY_FETCH_TIMEOUT_MS;
    const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    const cooldownMs = options.cooldownMs ?? 30_000;
    const now = options.now ?? Date.now;
    const resolvers = new Map();
    async function getJson(url, signal, what) {
        let res;
        try {
            res = await doFetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'error' });
            if (!res.ok) {
                await res.body?.cancel().catch(() => undefined);
                throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} answered ${res.status}`);
            }
            return await res.json();
        }
        catch (err) {
            if (err instanceof IssuerKeysError)
                throw err;
            if (signal.aborted)
                throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} did not answer within ${timeoutMs / 1000}s`);
            throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `${what} failed: ${err.message}`);
        }
    }
    async function load(issuer, st) {
        const signal = AbortSignal.timeout(timeoutMs);
        // Discovery is redone with every refresh, so a moved jwks_uri is followed; a failed discovery
        // falls back to the last known jwks_uri.
        let jwksUri = st.jwksUri;
        try {
            const doc = (await getJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, signal, `discovery of ${issuer}`));
            if (typeof doc?.jwks_uri !== 'string')
                throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `discovery of ${issuer} has no jwks_uri`);
            options.assertUrl(doc.jwks_uri);
            jwksUri = doc.jwks_uri;
        }
        catch (err) {
            if (!jwksUri || signal.aborted)
                throw err;
        }
        const set = (await getJson(jwksUri, signal, `the JWKS of ${issuer}`));
        if (!set || !Array.isArray(set.keys))
            throw new IssuerKeysError('ERR_OIDC_JWKS_UNAVAILABLE', `the JWKS of ${issuer} has no keys array`);
        st.jwksUri = jwksUri;
        st.keys = (0,jwks_local/* createLocalJWKSet */.w)(set);
        st.expiresAt = now() + maxAgeMs;
    }
    /** One refresh per issuer at a time; callers of the same issuer share it. */
    function refresh(issuer, st) {
        if (!st.pending) {
            st.lastRefresh = now();
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
        const st = { expiresAt: 0, lastRefresh: -Infinity };
        resolver = async (header, token) => {
            if (!st.keys || now() >= st.expiresAt)
                await refresh(issuer, st);
            try {
                return await st.keys(header, token);
            }
            catch (err) {
                if (!(err instanceof errors/* JWKSNoMatchingKey */.BT))
                    throw err;
                // A rotated key is picked up by one refresh; a flood of made-up kids gets one per cooldown.
                if (now() - st.lastRefresh < cooldownMs && !st.pending)
                    throw new IssuerKeysError('ERR_OIDC_KID_UNKNOWN', "no key of the issuer matches the token's kid (keys refreshed recently)");
                try {
                    await refresh(issuer, st);
                }
                catch (e) {
                    throw new IssuerKeysError('ERR_OIDC_KID_UNKNOWN', `no cached key of the issuer matches the token's kid, and the refresh failed: ${e.message}`);
                }
                try {
                    return await st.keys(header, token);
                }
                catch (e) {
                    if (e instanceof errors/* JWKSNoMatchingKey */.BT)
                        throw new IssuerKeysError('ERR_OIDC_KID_UNKNOWN', "no key of the issuer matches the token's kid (after one refresh)");
                    throw e;
                }
            }
        };
        resolvers.set(issuer, resolver);
        return resolver;
    };
}

;// CONCATENATED MODULE: ./shared/oidc/verify.ts
/**
 * OIDC token verification, the same code for the broker and `stepwarden verify`. The order matters:
 * size and shape, then the algorithm and issuer from the unverified header and payload (so nothing
 * is fetched for an issuer we do not trust), then the signature with the issuer's keys, then claims.
 */


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
}
/** Default longest lifetime (and oldest `iat`) of an accepted OIDC token, seconds. */
const DEFAULT_MAX_TOKEN_LIFETIME = 3600;
/** GitHub's tokens are about 1.5 KB; anything far larger is refused before any parsing. */
const MAX_TOKEN_BYTES = 16 * 1024;
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const REQUIRED_CLAIMS = [
    'sub',
    'jti',
    'repository',
    'repository_id',
    'repository_owner',
    'repository_owner_id',
    'run_id',
    'run_attempt',
];
/** Numeric-id claims: GitHub sends them as strings of digits; anything else is not GitHub's. */
const NUMERIC_ID_CLAIMS = ['repository_id', 'repository_owner_id', 'check_run_id'];
/**
 * `owner/name` as GitHub allows them: no `.`/`..` segment, no encoded or extra slash, no control
 * characters. The repository names a path (manifests, caches, API URLs), so anything else is refused.
 */
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}\/[A-Za-z0-9._-]{1,100}$/;
/** Time claims are integers (NumericDate); `1e400` parses to Infinity and `1.5` is not a time. */
function assertTimeClaims(payload) {
    for (const c of ['exp', 'iat', 'nbf']) {
        const v = payload[c];
        if (v === undefined && c === 'nbf')
            continue;
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
            throw new OidcError('ERR_OIDC_TIME_INVALID', `claim '${c}' is not a time (an integer number of seconds): ${JSON.stringify(v) ?? String(v)}`, c);
    }
}
/** Shape checks of the GitHub claims the broker builds keys and paths from. */
function assertClaimShapes(payload) {
    for (const c of NUMERIC_ID_CLAIMS) {
        const v = payload[c];
        if (v === undefined && c === 'check_run_id')
            continue;
        if (typeof v !== 'string' || !/^[0-9]{1,20}$/.test(v))
            throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim '${c}' is not a numeric id string`, c);
    }
    const repo = payload.repository;
    const [owner, name] = repo.split('/');
    if (!REPOSITORY.test(repo) || /^\.+$/.test(name ?? ''))
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim 'repository' ${JSON.stringify(repo.slice(0, 200))} is not an owner/name GitHub allows`, 'repository');
    if (String(payload.repository_owner).toLowerCase() !== owner.toLowerCase())
        throw new OidcError('ERR_OIDC_CLAIM_INVALID', `claim 'repository_owner' does not match the owner of 'repository'`, 'repository_owner');
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
/** A base64url part that decodes to a JSON object, or undefined. */
function jsonObjectOf(part) {
    // Four characters encode three bytes: a remainder of one is no base64url (jose refuses it as well).
    if (part.length % 4 === 1)
        return undefined;
    try {
        const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
        return v !== null && typeof v === 'object' && !Array.isArray(v)
            ? v
            : undefined;
    }
    catch {
        return undefined;
    }
}
function mapJoseError(err) {
    if (err instanceof OidcError)
        return err;
    if (err instanceof IssuerKeysError)
        return new OidcError(err.code, err.message);
    if (err instanceof errors/* JWTExpired */.n)
        return new OidcError('ERR_OIDC_EXPIRED', `token expired (exp ${String(err.payload.exp)})`, 'exp');
    if (err instanceof errors/* JWTClaimValidationFailed */.ie) {
        if (err.claim === 'aud')
            return new OidcError('ERR_OIDC_AUDIENCE', `aud ${JSON.stringify(err.payload.aud)} is not the expected audience`, 'aud');
        if (err.claim === 'nbf')
            return new OidcError('ERR_OIDC_NOT_YET_VALID', `token not valid before ${String(err.payload.nbf)}`, 'nbf');
        if (err.claim === 'iss')
            return new OidcError('ERR_OIDC_ISSUER', `iss ${JSON.stringify(err.payload.iss)} is not trusted`, 'iss');
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
    const now = options.now ?? (() => Math.floor(Date.now() / 1000));
    const doFetch = options.fetch ?? fetch;
    const local = options.jwks ? (0,jwks_local/* createLocalJWKSet */.w)(options.jwks) : undefined;
    // Discovery and keys per issuer, each with its own cache, deadline and single refresh (keys.ts).
    const keysFor = issuerKeys({
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
            const parts = token.split('.');
            if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)))
                throw new OidcError('ERR_OIDC_MALFORMED', 'not a compact JWS (three base64url parts)');
            // Read unverified, only to choose and gate (jose decodes and checks everything again below).
            // Buffer's base64url decoder is native; the parts were checked to hold base64url characters only.
            const header = jsonObjectOf(parts[0]);
            const unverified = jsonObjectOf(parts[1]);
            if (!header || !unverified)
                throw new OidcError('ERR_OIDC_MALFORMED', 'header or payload is not base64url JSON');
            if (header.alg !== 'RS256')
                throw new OidcError('ERR_OIDC_ALG', `alg '${String(header.alg)}' is not allowed (RS256 only)`, 'alg');
            const iss = unverified.iss;
            if (typeof iss !== 'string' || !options.issuers.includes(iss)) {
                throw new OidcError('ERR_OIDC_ISSUER', `iss ${JSON.stringify(iss)} is not a trusted issuer (${options.issuers.join(', ')})`, 'iss');
            }
            // Before the signature: jose accepts any number (Infinity too) as a time.
            assertTimeClaims(unverified);
            let payload;
            try {
                const keys = local ?? (await keysFor(iss));
                ({ payload } = await (0,verify/* jwtVerify */.V)(token, keys, {
                    algorithms: ['RS256'],
                    issuer: iss,
                    audience: options.audience,
                    clockTolerance: tolerance,
                    currentDate: new Date(now() * 1000),
                    requiredClaims: ['exp', 'iat'],
                }));
            }
            catch (err) {
                throw mapJoseError(err);
            }
            if (typeof payload.iat === 'number' && payload.iat > now() + tolerance) {
                throw new OidcError('ERR_OIDC_IAT_FUTURE', `iat ${payload.iat} is in the future`, 'iat');
            }
            const exp = payload.exp;
            const iat = payload.iat;
            if (iat < now() - maxLifetime - tolerance)
                throw new OidcError('ERR_OIDC_TOO_OLD', `iat ${iat} is more than ${maxLifetime}s (+${tolerance}s tolerance) in the past`, 'iat');
            if (exp - iat > maxLifetime)
                throw new OidcError('ERR_OIDC_LIFETIME', `token lifetime exp - iat = ${exp - iat}s is above the maximum of ${maxLifetime}s`, 'exp');
            for (const c of REQUIRED_CLAIMS) {
                const v = payload[c];
                if (typeof v !== 'string' || v === '')
                    throw new OidcError('ERR_OIDC_CLAIM_MISSING', `required claim '${c}' is missing or not a string`, c);
            }
            assertClaimShapes(payload);
            return payload;
        },
    };
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
