export const id = 481;
export const ids = [481];
export const modules = {

/***/ 7728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ annotations)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4732);
/**
 * The one way an action writes what GitHub's UI shows as an annotation or a step's failure
 * (`::error`, `::warning`, `::notice`; setFailed is an `::error` too). A message carries workflow,
 * manifest, trail or broker values, and the UI draws their bidirectional controls and zero-width
 * characters: each message and title passes visibleText here (session 34 wrapped each call site in
 * check, enforce and exchange; actions/audit's stayed raw, session 35), so a new call site cannot forget
 * it. tests/hostile-faces-s35/s35-f-annotation-wrapper scans shared/ for any other call.
 */


// The file stays as written: it locates the annotation (GitHub matches it to the path), it is not prose.
const props = (p) => p && p.title !== undefined ? { ...p, title: (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(p.title) } : p;
const annotations = {
    error: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    warning: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    notice: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    setFailed: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message)),
};


/***/ }),

/***/ 5461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lt: () => (/* binding */ endJob),
/* harmony export */   cv: () => (/* binding */ exchange),
/* harmony export */   lb: () => (/* binding */ BrokerClientError),
/* harmony export */   q1: () => (/* binding */ revokeJob),
/* harmony export */   w$: () => (/* binding */ revokeToken)
/* harmony export */ });
/* unused harmony exports GRANT_TYPE, ID_TOKEN_TYPE, retryWaitMs, retryAfterSeconds, ATTEMPT_TIMEOUT_MS */
/**
 * The actions' side of the broker: RFC 8693 exchange and RFC 7009 revocation over HTTP, with bounded
 * retries on 429 (Retry-After) and 5xx, never on a 400 refusal.
 */
const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
class BrokerClientError extends Error {
    status;
    error;
    description;
    retryAfter;
    constructor(status, error, description, 
    /** Seconds the broker's `Retry-After` asked for (a 429), else undefined. */
    retryAfter) {
        super(`${error}: ${description}`);
        this.status = status;
        this.error = error;
        this.description = description;
        this.retryAfter = retryAfter;
        this.name = 'BrokerClientError';
    }
    /** The stable code at the front of the broker's error_description. */
    get code() {
        return /^(ERR_[A-Z0-9_]+)/.exec(this.description)?.[1] ?? this.error;
    }
}
/**
 * How long to wait before retry `attempt` (0 first): what the broker's `Retry-After` asked for (a
 * rate-limit window; at most a minute), else 0.5 s doubling. Every retry of a broker call (post()):
 * a retry inside the window is refused again.
 */
function retryWaitMs(attempt, retryAfter) {
    return retryAfter !== undefined && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 2 ** attempt * 500;
}
/**
 * Seconds a `Retry-After` header asks for (RFC 9110 \u00a710.2.3), else undefined: delay-seconds, or an
 * HTTP-date (what a proxy or load balancer in front of the broker may send on a 503: read as a number
 * it was NaN and the retries came 0.5/1/2 s later, inside the window). Several headers (fetch joins
 * them with ", ") of delay-seconds: the longest. A date past, a negative or unreadable value: undefined.
 */
function retryAfterSeconds(header, now = Date.now()) {
    const v = (header ?? '').trim();
    if (!v)
        return undefined;
    const parts = v.split(/\s*,\s*/);
    if (parts.every((x) => /^\d{1,9}(\.\d{1,6})?$/.test(x))) {
        const s = Math.max(...parts.map(Number));
        return s > 0 ? s : undefined;
    }
    // An HTTP-date names a weekday or month; a bare number such as "-5" or "1e9" is no date (Date.parse
    // would read "5" as a year).
    if (!/[A-Za-z]{3}/.test(v))
        return undefined;
    // Every HTTP-date is GMT (RFC 9110 \u00a75.6.7); asctime's form names no zone, and Date.parse reads a
    // zoneless date in the runner's local time (on a runner east of UTC, a wait shorter than asked).
    const at = Date.parse(/\b(GMT|UTC?|Z)\b|[+-]\d\d:?\d\d\b/i.test(v) ? v : `${v} GMT`);
    return Number.isFinite(at) && at > now ? (at - now) / 1000 : undefined;
}
/**
 * Deadline of one HTTP attempt, answer body included: above the broker's own upstream deadlines (10 s a
 * GitHub call by default, a few per exchange). Without it a broker, or anything between, that accepts
 * the connection and never answers (or trickles its body) held the step until the job's timeout.
 */
const ATTEMPT_TIMEOUT_MS = 60_000;
/** The answer's JSON object, or {} (an HTML error page of a proxy, an empty body). */
function jsonObject(text) {
    try {
        const v = JSON.parse(text);
        return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
    }
    catch {
        return {};
    }
}
/**
 * A refusal's text without the request's token in it: the answer is the broker's word, or that of
 * anything between (a proxy echoing the form), and it reaches the step's log, the job's trail and its
 * summary, where a runner mask does not reach.
 */
function unsaid(text, form) {
    return [form.subject_token, form.token].reduce((t, secret) => (secret ? t.split(secret).join('***') : t), text);
}
async function post(url, forms, opts = {}) {
    const retries = opts.retries ?? 3;
    const timeoutMs = opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
    for (let attempt = 0;; attempt++) {
        const form = typeof forms === 'function' ? await forms() : forms;
        let res;
        let text;
        try {
            // One deadline for the answer and its body: a body read cut by it is an unreachable broker.
            const signal = AbortSignal.timeout(timeoutMs);
            res = await fetch(url, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
                body: new URLSearchParams(form),
                signal,
            });
            text = await res.text();
        }
        catch (err) {
            if (attempt >= retries)
                throw new BrokerClientError(0, 'unreachable', err.name === 'TimeoutError'
                    ? `the broker at ${new URL(url).origin} did not answer within ${timeoutMs / 1000} s`
                    : `the broker at ${new URL(url).origin} could not be reached: ${err.message}`);
            await new Promise((r) => setTimeout(r, 2 ** attempt * 500 * (opts.waitScale ?? 1)));
            continue;
        }
        const body = jsonObject(text);
        if (res.ok)
            return { body, attempts: attempt + 1 };
        const retryable = res.status === 429 || res.status >= 500;
        const after = retryAfterSeconds(res.headers.get('retry-after'));
        if (!retryable || attempt >= retries)
            throw new BrokerClientError(res.status, unsaid(String(body.error ?? 'error'), form), unsaid(String(body.error_description ?? `HTTP ${res.status}`), form), after);
        await new Promise((r) => setTimeout(r, retryWaitMs(attempt, after) * (opts.waitScale ?? 1)));
    }
}
const tokenOf = async (t) => (typeof t === 'function' ? await t() : t);
/**
 * RFC 8693 exchange. A fresh token per attempt is the step's retry, which the broker holds (429
 * ERR_GRANT_IN_FLIGHT, Retry-After) until an abandoned exchange of the step is swept.
 */
async function exchange(brokerUrl, p, opts) {
    const { body, attempts } = await post(`${brokerUrl.replace(/\/$/, '')}/token`, async () => ({
        grant_type: GRANT_TYPE,
        subject_token: await tokenOf(p.subjectToken),
        subject_token_type: ID_TOKEN_TYPE,
        audience: p.audience,
        scope: p.scope,
        job: p.job,
        step: p.step,
    }), opts);
    return { ...body, attempts };
}
async function revokeToken(brokerUrl, token, opts) {
    const { body } = await post(`${brokerUrl.replace(/\/$/, '')}/revoke`, { token }, opts);
    return Number(body.revoked ?? 0);
}
async function revokeJob(brokerUrl, subjectToken, job, opts) {
    return Number((await endJob(brokerUrl, subjectToken, job, opts)).revoked ?? 0);
}
/**
 * Job end: revokes every live credential of the run attempt and job (and matrix leg) and answers the
 * broker's list of every credential it issued for them (never a token). Retried as the exchange is
 * (post(): unreachable, 429 and 5xx, three times, after the broker's Retry-After), with a fresh token
 * per attempt when `subjectToken` is a supplier: a wait inside the job-end bucket's window is refused
 * again and the job's credentials live to their ttl (session 22).
 */
async function endJob(brokerUrl, subjectToken, job, opts) {
    const { body } = await post(`${brokerUrl.replace(/\/$/, '')}/revoke`, async () => ({ subject_token: await tokenOf(subjectToken), job }), opts);
    return body;
}


/***/ }),

/***/ 1481:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exchangeAction: () => (/* binding */ exchangeAction),
/* harmony export */   stepName: () => (/* binding */ stepName)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7728);
/* harmony import */ var _audit_trail_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9134);
/* harmony import */ var _broker_client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5461);
/* harmony import */ var _oidc_token_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6325);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8817);
/**
 * actions/exchange (and the first step of actions/run): the job's OIDC token -> the broker -> a
 * step-scoped credential, masked the moment it exists, set as an output, recorded in the trail.
 */






/**
 * The step name the grant is keyed by: the `step` input, which defaults to `github.action` \u2014 the id
 * of the step that uses the action. A step without an id has a generated `__owner_repo` name that
 * no manifest can name, so it is refused with the fix.
 */
function stepName(input) {
    const step = input.trim();
    if ((0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_5__/* .unnamedStep */ .rr)(step))
        throw new Error(_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_5__/* .UNNAMED_STEP */ .Y2);
    return step;
}
const exchangeAction = {
    async run(_argv, io) {
        const brokerUrl = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('broker-url', { required: true });
        const audience = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('audience', { required: true });
        const scope = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('scope');
        const oidcAudience = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('oidc-audience') || brokerUrl;
        let step;
        try {
            step = stepName(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('step'));
        }
        catch (err) {
            _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed(err.message);
            return 2;
        }
        const job = io.env.GITHUB_JOB ?? '';
        if (!io.env.ACTIONS_ID_TOKEN_REQUEST_URL) {
            _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed("no OIDC token available: the job needs 'permissions: id-token: write' (ACTIONS_ID_TOKEN_REQUEST_URL is not set)");
            return 1;
        }
        const fresh = (0,_oidc_token_js__WEBPACK_IMPORTED_MODULE_4__/* .maskedIdTokens */ .R)(oidcAudience);
        // A fresh token per attempt (broker-client.ts exchange): a retry with a used jti is a replay.
        let first = await fresh();
        const oidc = async () => {
            const token = first ?? (await fresh());
            first = undefined;
            return token;
        };
        try {
            const result = await (0,_broker_client_js__WEBPACK_IMPORTED_MODULE_3__/* .exchange */ .cv)(brokerUrl, { subjectToken: oidc, audience, scope, job, step });
            // Masked before anything else touches it: outputs, logs and the trail never see it in clear.
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(result.access_token);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('token', result.access_token);
            const expiresAt = new Date(Date.now() + result.expires_in * 1000).toISOString();
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('expires-at', expiresAt);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('grant-id', result.grant_id);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('scope', result.scope);
            (0,_audit_trail_js__WEBPACK_IMPORTED_MODULE_2__/* .appendTrail */ .vy)(io.env, {
                type: 'credential.granted',
                outcome: 'success',
                step,
                audience,
                scope: result.scope,
                grant_id: result.grant_id,
                ttl: result.expires_in,
                expires_at: expiresAt,
                attempts: result.attempts,
            });
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`stepwarden: ${audience} credential for step '${step}' (scope '${result.scope}', ${result.expires_in}s, grant ${result.grant_id})`);
            return 0;
        }
        catch (err) {
            const e = err instanceof _broker_client_js__WEBPACK_IMPORTED_MODULE_3__/* .BrokerClientError */ .lb ? err : new _broker_client_js__WEBPACK_IMPORTED_MODULE_3__/* .BrokerClientError */ .lb(0, 'error', err.message);
            (0,_audit_trail_js__WEBPACK_IMPORTED_MODULE_2__/* .appendTrail */ .vy)(io.env, {
                type: 'credential.refused',
                outcome: 'denied',
                reason: e.code,
                detail: e.description,
                step,
                audience,
                ...(scope ? { scope } : {}),
            });
            // The step name is a workflow value, shown in GitHub's UI: invisible characters written out.
            _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed(`the broker refused the credential for step '${step}': ${e.description}`);
            return 1;
        }
    },
};


/***/ }),

/***/ 6325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ maskedIdTokens)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/**
 * The actions' OIDC tokens for the broker: a fresh one per broker attempt, masked the moment it
 * exists. The broker uses a token's jti once, even when its answer never arrived (an instance killed
 * mid-call), so a retry with the same token is a replay; broker-client.ts `post()` calls the supplier
 * once per attempt (the exchange and the job end alike: one retry loop).
 */

/** A supplier of fresh OIDC tokens for `audience`, each masked (`core.setSecret`) before it is returned. */
function maskedIdTokens(audience, idToken = (a) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getIDToken */ .V9(a)) {
    return async () => {
        const token = await idToken(audience);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(token);
        return token;
    };
}


/***/ }),

/***/ 4098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ pickFields),
/* harmony export */   RX: () => (/* binding */ auditEventSchema),
/* harmony export */   U0: () => (/* binding */ RUN_CONTEXT_FIELDS),
/* harmony export */   cZ: () => (/* binding */ AUDIT_EVENT_VERSION),
/* harmony export */   ri: () => (/* binding */ actorFromLogin),
/* harmony export */   xj: () => (/* binding */ REASON_CODE)
/* harmony export */ });
/* unused harmony exports AUDIT_EVENT_TYPES, ACTOR_TYPES, actorSchema, EVENT_SOURCES */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4377);
/**
 * The audit event: one JSON line, shared by the broker's log, the actions' local trail
 * (`$RUNNER_TEMP/stepwarden/audit.jsonl`) and the events `stepwarden audit` reads from GitHub's
 * organization audit-log exports. The zod schema is the source of truth; the JSON Schema in
 * `schema/audit-event.schema.json` is generated from it. Never carries a credential or token.
 *
 * Versioning: `v` changes when a field is removed or changes meaning. Added fields and event types keep
 * `v`, so readers ignore fields they do not know (the schema strips them) instead of refusing the line.
 */

const AUDIT_EVENT_VERSION = 1;
/** Every event type, with what it records (docs/audit.md is written from the same list). */
/** The fields that say which run an event belongs to (a step's line and the broker's agree on them). */
const RUN_CONTEXT_FIELDS = [
    'repository',
    'workflow',
    'job',
    'run_id',
    'run_attempt',
    'event_name',
    'ref',
    'sha',
    'actor',
    'triggering_actor',
];
const AUDIT_EVENT_TYPES = [
    'credential.granted', // broker issued a credential (or the exchange action received one)
    'credential.refused', // broker refused an exchange (reason carries the code)
    'credential.used', // a step ran its command with the credential (actions/run); outcome: the command's
    'credential.revoked', // revoked by /revoke, job-end cleanup or the kill switch (reason says which)
    'credential.expired', // TTL passed before revocation
    'credential.rate_limited',
    'credential.claimed_twice', // a second claim of a single-use grant: possible theft
    'credential.dry_run', // broker answered a dry run (would it be granted?); outcome says which, nothing issued
    'credential.revocation_pending', // revoked at the broker; GitHub's revocation failed and is being retried
    'credential.revoke_failed', // the upstream revocation was given up (the token expires by itself upstream)
    'job.enforced', // the enforce action's verdict for the running job
    'job.summary', // the audit action ran (job end)
    'job.ended', // the broker's job-end listing ran: the job closed (later exchanges refused) or, without a check run, listed only
    'audit.refusals_suppressed', // broker: one repository's refusals past its per-minute line budget, counted (by reason, distinct tokens, first and last)
    'admin.revoke', // kill switch on the broker
    'admin.unblock', // an admin lifted a kill-switch block
    'admin.unblock_requested', // an admin asked to lift a block: written and on disk before the lift (its admin.unblock line follows)
    'admin.change', // a change to workflows or the access manifest (pushed commits), or to access settings (org audit log)
    'run.started', // the run and who or what started it (event, actor, attempt)
    'run.approval', // an environment approval or rejection (Actions API: run approvals)
    'github.activity', // any other entry of a GitHub organization audit-log export
];
const ACTOR_TYPES = ['User', 'Bot'];
const actorSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    login: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** `Bot` for GitHub Apps and `*[bot]` logins, `User` otherwise. */
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(ACTOR_TYPES),
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
});
const EVENT_SOURCES = ['broker', 'action', 'cli', 'github-audit-log'];
/** The shape of a reason code (`ERR_OIDC_REPLAYED`, `REVOKED_BY_ADMIN`): what may be shown or counted as one. */
const REASON_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const auditEventSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    v: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(AUDIT_EVENT_VERSION),
    time: zod__WEBPACK_IMPORTED_MODULE_1__/* .datetime */ .w$({ offset: true }),
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(AUDIT_EVENT_TYPES),
    outcome: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['success', 'denied', 'error']),
    /** A stable code (e.g. `ERR_OIDC_REPLAYED`, `REVOKED_AT_JOB_END`); see docs/errors.md. */
    reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** Human text for `reason`: which claim, which rule, which manifest line. */
    detail: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    source: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(EVENT_SOURCES),
    repository: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    repository_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    workflow: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    job: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    step: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    run_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    run_attempt: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().optional(),
    event_name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    ref: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    sha: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    actor: actorSchema.optional(),
    triggering_actor: actorSchema.optional(),
    audience: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    scope: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    grant_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** Granted lifetime in seconds (on revocation: how long the credential lived). */
    ttl: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional(),
    expires_at: zod__WEBPACK_IMPORTED_MODULE_1__/* .datetime */ .w$({ offset: true }).optional(),
    /** HTTP attempts the exchange took (1: no retry). */
    attempts: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().optional(),
    /** The GitHub audit-log action (`repo.create`, `workflows.approve_workflow_job`\u2026), for imported entries. */
    action: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** GitHub's `programmatic_access_type` (`GitHub App server-to-server token`, `Personal access token (classic)`\u2026). */
    access_type: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** `workflow_dispatch` inputs, manual revocation targets, changed files, approval comments\u2026 */
    details: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()).optional(),
})
    .describe('stepwarden audit event (one JSON line)');
/** GitHub marks app actors with a `[bot]` suffix on the login. */
function actorFromLogin(login, id) {
    return { login, type: /\[bot\]$/i.test(login) ? 'Bot' : 'User', ...(id ? { id } : {}) };
}
/**
 * The named fields of an event that are set (empty strings count as unset), for the places a report
 * or an anomaly names.
 */
function pickFields(e, keys) {
    const out = {};
    for (const k of keys)
        if (e[k] !== undefined && e[k] !== '')
            out[k] = e[k];
    return out;
}


/***/ }),

/***/ 9134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ TrailError),
/* harmony export */   hd: () => (/* binding */ readTrail),
/* harmony export */   jr: () => (/* binding */ appendTrailEvent),
/* harmony export */   pO: () => (/* binding */ runContext),
/* harmony export */   vy: () => (/* binding */ appendTrail),
/* harmony export */   yg: () => (/* binding */ trailPath)
/* harmony export */ });
/* unused harmony export MAX_TRAIL_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4098);
/**
 * The job's local audit trail: `$RUNNER_TEMP/stepwarden/audit.jsonl`, one AuditEvent per line, shared
 * by the actions of one job (exchange, run, enforce, audit). Never holds a credential.
 */



function trailPath(env) {
    const temp = env.RUNNER_TEMP;
    if (!temp)
        throw new Error('RUNNER_TEMP is not set: the audit trail lives in the runner temp directory');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(temp, 'stepwarden', 'audit.jsonl');
}
/** The run context every trail line carries, from the runner's environment. */
function runContext(env) {
    const wfRef = env.GITHUB_WORKFLOW_REF ?? '';
    const file = /\/\.github\/workflows\/([^@/]+)@/.exec(wfRef)?.[1];
    return {
        ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
        ...(env.GITHUB_REPOSITORY_ID ? { repository_id: env.GITHUB_REPOSITORY_ID } : {}),
        ...(file ? { workflow: file } : {}),
        ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
        ...(env.GITHUB_RUN_ID ? { run_id: env.GITHUB_RUN_ID } : {}),
        ...(env.GITHUB_RUN_ATTEMPT ? { run_attempt: Number(env.GITHUB_RUN_ATTEMPT) || 1 } : {}),
        ...(env.GITHUB_EVENT_NAME ? { event_name: env.GITHUB_EVENT_NAME } : {}),
        ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
        ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
        ...(env.GITHUB_ACTOR ? { actor: (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .actorFromLogin */ .ri)(env.GITHUB_ACTOR, env.GITHUB_ACTOR_ID) } : {}),
        ...(env.GITHUB_TRIGGERING_ACTOR ? { triggering_actor: (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .actorFromLogin */ .ri)(env.GITHUB_TRIGGERING_ACTOR) } : {}),
    };
}
/** Appends one validated event (a line is written whole by one append, so lines never interleave). */
function appendTrail(env, event) {
    return appendTrailEvent(env, {
        v: _event_js__WEBPACK_IMPORTED_MODULE_2__/* .AUDIT_EVENT_VERSION */ .cZ,
        time: new Date().toISOString(),
        source: 'action',
        ...runContext(env),
        ...event,
    });
}
/**
 * Appends an event that is already whole (run-level events built by run-events.ts). Never through a
 * symbolic link: any step can replace the trail, and a link would make this write somewhere else.
 */
function appendTrailEvent(env, event) {
    const full = _event_js__WEBPACK_IMPORTED_MODULE_2__/* .auditEventSchema */ .RX.parse(event);
    const path = trailPath(env);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(path, '..'), { recursive: true });
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_APPEND | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW, 0o600);
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, `${JSON.stringify(full)}\n`);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    return full;
}
/** A job's trail is a few hundred lines; anything near this is not one the actions wrote. */
const MAX_TRAIL_BYTES = 16 * 1024 * 1024;
/** Why a trail could not be read: a stable code and a message that says what to look at. */
class TrailError extends Error {
    code;
    name = 'TrailError';
    constructor(code, message) {
        super(`${code}: ${message}`);
        this.code = code;
    }
}
/**
 * Reads the job's trail, which every step of the job can write: its type and size are checked with
 * `lstat` before anything is read, and the read is bounded, so a deleted trail, a directory, a symbolic
 * link or a 600 MB sparse file is a TrailError naming what was found, never an empty trail. Malformed
 * lines are skipped and counted.
 */
function readTrail(path, maxBytes = MAX_TRAIL_BYTES) {
    let st;
    try {
        // A linked directory would make the trail (and the audit's appends) live somewhere else.
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)).isSymbolicLink())
            throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail's directory ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)} is a symbolic link: a step of this job replaced it`);
        st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path);
    }
    catch (err) {
        if (err instanceof TrailError)
            throw err;
        if (err.code === 'ENOENT')
            throw new TrailError('ERR_TRAIL_MISSING', `no trail at ${path}: no stepwarden step wrote one in this job, or a step deleted it`);
        throw new TrailError('ERR_TRAIL_UNREADABLE', `cannot read the trail at ${path}: ${err.message}`);
    }
    if (!st.isFile())
        throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail at ${path} is ${st.isDirectory() ? 'a directory' : st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}: a step of this job replaced it`);
    if (st.size > maxBytes)
        throw new TrailError('ERR_TRAIL_TOO_LARGE', `the trail at ${path} is ${st.size.toLocaleString('en-US')} bytes, over the ${maxBytes.toLocaleString('en-US')} a job's trail can reach: a step of this job wrote it`);
    let text;
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (err) {
        throw new TrailError('ERR_TRAIL_UNREADABLE', `cannot open the trail at ${path}: ${err.message}`);
    }
    try {
        // Swapped between lstat and open: judge what was opened.
        const opened = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!opened.isFile() || opened.size > maxBytes)
            throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail at ${path} changed while it was read`);
        const buf = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
        let n = 0;
        for (let r; n < buf.length && (r = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, n, buf.length - n, null)) > 0;)
            n += r;
        if (n > maxBytes)
            throw new TrailError('ERR_TRAIL_TOO_LARGE', `the trail at ${path} grew past ${maxBytes} bytes while it was read`);
        text = buf.subarray(0, n).toString('utf8');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    const lines = [];
    const malformed = [];
    text.split('\n').forEach((line, i) => {
        if (!line.trim())
            return;
        try {
            const r = _event_js__WEBPACK_IMPORTED_MODULE_2__/* .auditEventSchema */ .RX.safeParse(JSON.parse(line));
            if (r.success)
                lines.push({ line: i + 1, event: r.data });
            else
                malformed.push(i + 1);
        }
        catch {
            malformed.push(i + 1);
        }
    });
    return { events: lines.map((l) => l.event), lines, malformed };
}


/***/ }),

/***/ 4732:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   Ac: () => (/* binding */ cutLinesToSize),
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Jt: () => (/* binding */ SUMMARY_LIMIT),
/* harmony export */   Q6: () => (/* binding */ visibleText),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   Vn: () => (/* binding */ cutToSize),
/* harmony export */   W$: () => (/* binding */ COMMENT_LIMIT),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   kH: () => (/* binding */ INVISIBLE),
/* harmony export */   yb: () => (/* binding */ codePoint)
/* harmony export */ });
/* unused harmony export escapeHtml */
/**
 * Escaping for text that reaches GitHub markdown (job summaries, PR comments) from users: branch names,
 * job names, inputs, logins. Everything user-controlled goes through here, never straight into markdown.
 */
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes and flattens to one line. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => HTML[c]).replace(/[\r\n]+/g, ' ');
}
/**
 * Every character a reader cannot see, or that changes how the text around it reads. One class for
 * every echo of a user's or a token's text (refusals, audit lines, logs, summaries, comments), so none
 * of them hides what another shows:
 * - controls (Cc): the runner splits its log on CR and LF (a line that then starts with `::` is a
 *   workflow command), terminals also on NEL, VT and FF; other C0/C1 controls and DEL move the cursor
 *   or recolour text;
 * - LS and PS (Zl, Zp): line breaks to terminals and editors;
 * - format characters (Cf): the bidirectional controls reorder the text after them ("Trojan
 *   Source"); zero-width space and joiners, word joiner, BOM, soft hyphen, the Mongolian vowel
 *   separator and the tag characters U+E0000..U+E007F are drawn as nothing, so a branch `main\u200b`
 *   would read as `main`;
 * - the other default-ignorable code points (variation selectors, Hangul fillers, combining grapheme
 *   joiner): drawn as nothing too;
 * - spaces other than U+0020 (Zs): `main\u00a0` reads as `main`;
 * - lone surrogates (Cs): written out as U+FFFD, so two different values would read alike.
 *
 * Built from a string, not written as a literal: V8 checks a literal's syntax again at every parse of
 * the code around it (the chunk's pre-parse, the module body's compile), and each check of a `\p{...}`
 * class builds its Unicode sets anew; `new RegExp` parses it once (docs/performance.md, session 37).
 */
const INVISIBLE = new RegExp(String.raw `[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}`, 'gu');
/** `\u200b`, or `\u{e0001}` beyond the BMP: a visible stand-in for one invisible character. */
function codePoint(c) {
    const n = c.codePointAt(0);
    return n > 0xffff ? `\\u{${n.toString(16)}}` : `\\u${n.toString(16).padStart(4, '0')}`;
}
/**
 * One log line, whatever the value holds: every control or line-break character becomes a visible
 * escape (`\n`, `\u2028`), so a job name, file name or `uses:` value from a workflow cannot start a
 * line of its own (`::error::`, `::add-mask::`, `::stop-commands::`) in a runner log. A backslash is
 * left as it is: the escapes are for a reader, not to be decoded.
 */
function oneLine(text) {
    return text.replace(INVISIBLE, (c) => c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : codePoint(c));
}
/**
 * Text shown in GitHub's UI as plain text (annotations, code scanning alerts), whose own encoding keeps
 * line breaks and tabs: every other invisible character (INVISIBLE) is written out as oneLine writes
 * it, so a bidirectional control cannot draw `prod\u202enoitc` as `production` (session 34).
 */
function visibleText(text) {
    return text.replace(INVISIBLE, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : codePoint(c)));
}
/**
 * Markdown-inert text for table cells, `<code>` and mid-line text: one line, markdown punctuation
 * (and `$`, GitHub's math) backslashed, then `&`, `<`, `>` as entities (in this order, so no entity
 * gets a backslash and shows literally), and `@mention` / `#123` / `GH-123` / `scheme://` / `www.`
 * auto-links and `:emoji:` shortcodes broken with a zero-width joiner
 * so no one is pinged or linked and no \u2705 is drawn (GitHub links a bare `www.host` without any scheme). Invisible
 * characters (INVISIBLE) of the text are written out as `\u202e`, `\u200b`.
 */
function escapeMarkdown(text) {
    const flat = text.replace(/[\r\n]+/g, ' ');
    // The text's own invisibles are written out piece by piece, before the joiners below are added (those
    // are ours and must stay invisible), and outside the backslashing (so `\u` is not doubled).
    let out = '';
    let last = 0;
    for (const m of flat.matchAll(INVISIBLE)) {
        out += markdownPiece(flat.slice(last, m.index)) + codePoint(m[0]);
        last = m.index + m[0].length;
    }
    return out + markdownPiece(flat.slice(last));
}
function markdownPiece(text) {
    return (text
        // An emoji shortcode (`:white_check_mark:`, `:x:`): GitHub draws it in summaries and comments
        // after the markdown is read (a backslash before its `_` does not stop it), so a step named
        // `Gate :white_check_mark:` would put a \u2705 where stepwarden shows none. A joiner after the
        // colon breaks the name; first, while the name is as written. All digits is a time (`10:00:05`)
        // far more often than `:100:`, which draws no verdict.
        .replace(/:(?!\d+:)(?=[\w+-]+:)/g, ':\u200d')
        // Only what can start markup mid-line: with `[` and `]` escaped no link or image can form, and
        // callers never place this text at the start of a line, so `-`, `+`, `.`, `!` need nothing.
        // `$` opens GitHub's math (`$\u2026$`, `$$\u2026$$`), which renders what follows as a formula.
        .replace(/([\\`*_[\]#|~$])/g, '\\$1')
        .replace(/[&<>]/g, (c) => HTML[c])
        .replace(/@/g, '@\u200d')
        .replace(/#(?=\d)/g, '#\u200d')
        // `GH-26` is an issue reference too: it links and leaves a "mentioned" event on that issue.
        .replace(/\b(gh)-(?=\d)/gi, '$1-\u200d')
        .replace(/:\/\//g, ':\u200d//')
        .replace(/(www)\./gi, '$1\u200d.'));
}
/**
 * At most `max` characters (never splitting a surrogate pair), with `\u2026` when cut. For one value in a
 * table cell: a job id, `uses:` value or step name of a megabyte (a workflow or trail line can hold
 * one) would otherwise fill the summary or comment by itself, and the cut to GitHub's limit would drop
 * every row after it.
 */
function clip(text, max = 256) {
    if (text.length <= max)
        return text;
    const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
    return `${text.slice(0, end)}\u2026`;
}
/**
 * Inline code that cannot be broken out of: `<code>` (a backtick span cannot hold every backtick
 * string) around escaped text; GitHub still parses markdown inside it, so escaping is the same.
 */
function code(text) {
    return `<code>${escapeMarkdown(text)}</code>`;
}
/**
 * Cuts text to at most `maxBytes` UTF-8 bytes (GitHub's limits count bytes, and the summary is full
 * of multi-byte emoji and escapes), on a line boundary, ending with a note that says what was cut.
 */
function cutToSize(text, maxBytes, note) {
    if (Buffer.byteLength(text, 'utf8') <= maxBytes)
        return text;
    const lines = text.split('\n');
    return keepLines(lines, lines.length, maxBytes, note, note(lines.length, text));
}
/**
 * `cutToSize(lines.join('\n') + '\n', maxBytes, note)` for text given line by line (no line holds
 * `\n`), making a row only while the text may still fit: on a large repository most of a summary's
 * rows fall past GitHub's limit, and escaping them was most of the summary's cost (session 30).
 * `reserve` is the note the cut text is given room for, `note(total lines, the whole text)` in
 * cutToSize: the caller makes it without the whole text (its rows are not made yet), so its note
 * must read nothing from the rows.
 */
function cutLinesToSize(lines, maxBytes, note, reserve) {
    const made = [];
    let bytes = 0;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const text = typeof line === 'string' ? line : line();
        made.push(text);
        // The whole text's bytes are its lines' and a line break after each (the last one included):
        // a break between lines cannot pair with a surrogate at either side.
        bytes += Buffer.byteLength(text, 'utf8') + 1;
        if (bytes > maxBytes) {
            // The text split at its line breaks has one line more, the empty one after the last break.
            const total = lines.length + 1;
            // The cut falls inside `made`: it keeps under `maxBytes` less the note, and `made` is above `maxBytes`.
            return keepLines(made, total, maxBytes, note, reserve(total));
        }
    }
    return `${made.join('\n')}\n`;
}
/** The lines that fit under `maxBytes` with room for `reserve` (plus slack for what it may close), and the note. */
function keepLines(lines, total, maxBytes, note, reserve) {
    const budget = maxBytes - Buffer.byteLength(`\n\n${reserve}\n`, 'utf8') - 64;
    let used = 0;
    let kept = 0;
    for (const line of lines) {
        const size = Buffer.byteLength(line, 'utf8') + 1;
        if (used + size > budget)
            break;
        used += size;
        kept++;
    }
    const keptText = lines.slice(0, kept).join('\n');
    return `${keptText}\n\n${note(total - kept, keptText)}\n`;
}
/** GitHub's per-step job summary limit (1 MiB, in bytes); we stay a margin below it. */
const SUMMARY_LIMIT = 1024 * 1024 - 1024;
/** GitHub's comment body limit (65,536 characters). */
const COMMENT_LIMIT = 65536;


/***/ }),

/***/ 8817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IE: () => (/* binding */ credentialAction),
/* harmony export */   Td: () => (/* binding */ ownAction),
/* harmony export */   Y2: () => (/* binding */ UNNAMED_STEP),
/* harmony export */   Zv: () => (/* binding */ TOKEN_SENDERS),
/* harmony export */   rr: () => (/* binding */ unnamedStep)
/* harmony export */ });
/* harmony import */ var _uses_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8632);
/**
 * stepwarden's own composite actions (`actions/run`, `actions/exchange`, `actions/enforce`,
 * `actions/audit`, \u2026) recognized in a `uses:` value, one way for every rule and for the access diff.
 * Before this module four recognizers differed in the local spellings they took, so a step could be a
 * credential step to one rule and not to another.
 *
 * Spellings (after `canonicalUses`, so `$/actions/run`, `./actions/../actions/run` and
 * `OWNER/stepwarden/actions//run@REF` are the same step):
 * - `OWNER/stepwarden/actions/NAME@REF`: any owner, so forks and mirrors that keep the name count;
 * - `./actions/NAME`, or a checkout of stepwarden inside the repository, `./PATH/stepwarden/actions/NAME`.
 * Names compare case-insensitively, as GitHub resolves them.
 *
 * With pinned repositories (`enforce-repositories` of the manifest and of the organization, each
 * list that is set), only `OWNER/REPO/actions/NAME@REF` of a repository in every list is stepwarden's:
 * a local path, which a pull request can write itself, then is not. Callers that recognize a step to
 * hold it to *more* rules (a credential step) ignore the pins; callers that exempt or trust a step
 * (the gate, the audit step's exemption) pass them.
 */

const REMOTE = /^([^/\s@]+)\/([^/\s@]+)\/actions\/([^/\s@]+)\/?@[^@\s]+$/i;
const LOCAL = /^\.\/(?:(?:[^@]*\/)?stepwarden\/)?actions\/([^/\s@]+)\/?$/i;
const UNPINNED_MAX = 4096;
/** `uses` -> ownAction's unpinned answer ('' for none). */
const unpinned = new Map();
/**
 * The action's folder name (lower case) when `uses` is one of stepwarden's actions, else undefined.
 * `pinned`: the lists of repositories (`owner/repo`) that alone may provide it; none means any
 * spelling above.
 */
function ownAction(uses, pinned = []) {
    if (!uses)
        return undefined;
    if (pinned.length === 0) {
        // Several rules ask this of every step of every job, and a repository repeats a few hundred
        // spellings thousands of times: the unpinned answer depends on the text alone. Bounded, as a
        // long-running process (the broker) sees spellings from many repositories.
        const known = unpinned.get(uses);
        if (known !== undefined)
            return known || undefined;
        const name = recognize(uses, pinned);
        if (unpinned.size >= UNPINNED_MAX)
            unpinned.clear();
        unpinned.set(uses, name ?? '');
        return name;
    }
    return recognize(uses, pinned);
}
function recognize(uses, pinned) {
    const canonical = (0,_uses_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalUses */ .ds)(uses);
    const remote = REMOTE.exec(canonical);
    if (pinned.length > 0) {
        if (!remote)
            return undefined;
        const repo = `${remote[1]}/${remote[2]}`.toLowerCase();
        return pinned.every((list) => list.some((r) => r.toLowerCase() === repo))
            ? remote[3].toLowerCase()
            : undefined;
    }
    if (remote)
        return remote[2].toLowerCase() === 'stepwarden' ? remote[3].toLowerCase() : undefined;
    return LOCAL.exec(canonical)?.[1].toLowerCase();
}
/** stepwarden's actions that post a fresh OIDC token of the job to `broker-url`. */
const TOKEN_SENDERS = new Set(['run', 'exchange', 'audit']);
/**
 * This repository's credential actions (`actions/run`, `actions/exchange`). Pins are not applied: a
 * step that may ask the broker for a credential is held to the manifest whoever provides it.
 */
function credentialAction(uses) {
    const name = ownAction(uses);
    return name === 'run' || name === 'exchange' ? name : undefined;
}
/**
 * What `actions/run` and `actions/exchange` say when their `step` input (default `github.action`, the
 * id of the step using them) cannot name a grant: empty, or a name the runner generates for a step
 * without an id (`__owner_repo`, `__run`, `__run_2`, and `run` itself). The action stops with it
 * before asking the broker; the check reports the same names (one rule for both faces).
 */
const UNNAMED_STEP = "cannot tell which step this is: give the step an 'id:' (it must match 'step:' of the credential grant in the manifest), or set the 'step' input";
/** Whether the credential actions refuse `step` (already trimmed, as `getInput` trims) as a grant's step name. */
function unnamedStep(step) {
    return !step || step.startsWith('__') || step === 'run' || /^__run(_\d+)?$/.test(step);
}


/***/ }),

/***/ 8632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VN: () => (/* binding */ usesKind),
/* harmony export */   ds: () => (/* binding */ canonicalUses),
/* harmony export */   ms: () => (/* binding */ localUses)
/* harmony export */ });
/* unused harmony export normalizePath */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/**
 * `uses:` references in one canonical spelling, so that rules recognizing a reference (the gate,
 * credential steps, local reusable workflows) cannot be walked around by another spelling of the same
 * thing. GitHub's workflow parser takes `./path` and `.\path` (the workspace at the running commit)
 * and `$/path` (the "self repository reference": this repository at the running commit, like `./`) as
 * local; the runner resolves `.`, `..` and doubled separators in a path like any file system path.
 */

/** `./path` with the path normalized, for a reference into this repository; undefined otherwise. */
function localUses(uses) {
    if (!(uses.startsWith('./') || uses.startsWith('.\\') || uses.startsWith('$/')))
        return undefined;
    return `./${normalizePath(uses.slice(2).replace(/\\/g, '/'))}`;
}
/** What `posix.normalize` changes in a path: a doubled `/`, a `.` or `..` segment. */
const UNNORMAL = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;
/**
 * `posix.normalize(path)`, without calling it for a path it leaves as it is (not empty, no doubled
 * `/`, no `.` or `..` segment): nearly every `uses:` path. Node's normalize is JavaScript that
 * walks the path a character at a time, about 18,000 instructions a call on the corpus check with
 * Turbofan off (session 30; `check` still runs it in V8's baseline tiers until it is hot), and `localUses` is asked several times a step (session 30).
 */
function normalizePath(path) {
    return path.length !== 0 && !UNNORMAL.test(path) ? path : node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(path);
}
/** `./path` is local (an action or workflow in this repository), `docker://` an image, anything else remote. */
function usesKind(uses) {
    if (localUses(uses) !== undefined)
        return 'local';
    if (uses.startsWith('docker://'))
        return 'docker';
    return 'remote';
}
/**
 * The spelling rules match against: a local reference normalized (`localUses`), a remote one as
 * `owner/repo/path@ref` with its path normalized (`actions/./run` and `actions//run` are `actions/run`
 * once the runner has the repository on disk), a docker reference as written.
 */
function canonicalUses(uses) {
    const local = localUses(uses);
    if (local !== undefined)
        return local;
    if (uses.startsWith('docker://'))
        return uses;
    const at = uses.indexOf('@');
    if (at < 0)
        return uses;
    const [owner, repo, ...path] = uses
        .slice(0, at)
        .split(/[\\/]/)
        .filter((s) => s.length > 0);
    if (!owner || !repo)
        return uses;
    const sub = path.length ? normalizePath(path.join('/')) : '';
    // A path that climbs out of the repository is not a path inside it: left as written.
    if (sub.startsWith('..'))
        return uses;
    return `${owner}/${repo}${sub && sub !== '.' ? `/${sub}` : ''}${uses.slice(at)}`;
}


/***/ }),

/***/ 4377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
