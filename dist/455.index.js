export const id = 455;
export const ids = [455];
export const modules = {

/***/ 45461:
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

/***/ 73836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionCommand: () => (/* binding */ actionCommand)
});

// EXTERNAL MODULE: ./shared/cli/command.ts
var command = __webpack_require__(310);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./shared/render/escape.ts
var render_escape = __webpack_require__(64732);
;// CONCATENATED MODULE: ./shared/actions/annotations.ts
/**
 * The one way an action writes what GitHub's UI shows as an annotation or a step's failure
 * (`::error`, `::warning`, `::notice`; setFailed is an `::error` too). A message carries workflow,
 * manifest, trail or broker values, and the UI draws their bidirectional controls and zero-width
 * characters: each message and title passes visibleText here (session 34 wrapped each call site in
 * check, enforce and exchange; actions/audit's stayed raw, session 35), so a new call site cannot forget
 * it. tests/hostile-faces-s35/s35-f-annotation-wrapper scans shared/ for any other call.
 */


// The file stays as written: it locates the annotation (GitHub matches it to the path), it is not prose.
const props = (p) => p && p.title !== undefined ? { ...p, title: (0,render_escape/* visibleText */.Q6)(p.title) } : p;
const annotations = {
    error: (message, p) => core/* error */.z3((0,render_escape/* visibleText */.Q6)(message), props(p)),
    warning: (message, p) => core/* warning */.$e((0,render_escape/* visibleText */.Q6)(message), props(p)),
    notice: (message, p) => core/* notice */.lm((0,render_escape/* visibleText */.Q6)(message), props(p)),
    setFailed: (message) => core/* setFailed */.C1((0,render_escape/* visibleText */.Q6)(message)),
};

// EXTERNAL MODULE: ./shared/github/octokit.ts
var octokit = __webpack_require__(64881);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./shared/check/load.ts
var load = __webpack_require__(41321);
// EXTERNAL MODULE: ./shared/manifest/errors.ts
var manifest_errors = __webpack_require__(66831);
// EXTERNAL MODULE: ./shared/render/github.ts
var github = __webpack_require__(84496);
// EXTERNAL MODULE: ./shared/render/markdown.ts
var markdown = __webpack_require__(12190);
// EXTERNAL MODULE: ./shared/render/sarif.ts
var sarif = __webpack_require__(30194);
// EXTERNAL MODULE: ./shared/cli/version.ts
var version = __webpack_require__(42571);
// EXTERNAL MODULE: ./shared/cli/output-file.ts
var output_file = __webpack_require__(8377);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./shared/actions/summary.ts
/**
 * The step summary file, written as a file any earlier step (or a process it left running) can have
 * replaced. `core.summary` follows a symbolic link there (the text lands in whatever file it names) and
 * blocks on a FIFO until something reads it (the step hangs until the job's timeout, the summary never
 * shows). Only a regular file is written here, opened without following a link and without blocking;
 * anything else is refused with an error annotation, and the summary goes to the log instead.
 */



/** What was found at the path instead of a regular file. */
class Replaced extends Error {
}
function kind(path) {
    const st = (0,external_node_fs_.lstatSync)(path);
    if (st.isFile())
        return undefined;
    return st.isSymbolicLink() ? 'a symbolic link' : st.isFIFO() ? 'a FIFO' : 'not a regular file';
}
/** Appends `markdown` to `$GITHUB_STEP_SUMMARY`; 'none' when the variable is unset (not in a runner). */
function writeStepSummary(markdown, env = process.env) {
    const path = env.GITHUB_STEP_SUMMARY;
    if (!path)
        return 'none';
    let fd;
    try {
        const what = kind(path);
        if (what)
            throw new Replaced(`is ${what}`);
        fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_APPEND | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
        // Swapped between lstat and open: judge what was opened.
        if (!(0,external_node_fs_.fstatSync)(fd).isFile())
            throw new Replaced('changed while it was opened');
        const buf = Buffer.from(markdown, 'utf8');
        for (let n = 0; n < buf.length;)
            n += (0,external_node_fs_.writeSync)(fd, buf, n, buf.length - n);
        return 'written';
    }
    catch (err) {
        const why = err instanceof Replaced ? err.message : `cannot be written (${err.message})`;
        annotations.error(`stepwarden: the step summary file ${path} ${why}: a step of this job replaced it, so the summary is in this log instead`);
        core/* info */.pq(markdown);
        return 'refused';
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./shared/actions/check.ts
/**
 * The required check (root action.yml): inputs -> checkDirectory -> summary, annotations, SARIF,
 * outputs. It only reads workflow files as data, so it is safe under pull_request_target and
 * merge_group: no code from the pull request runs.
 */












/** `owner/.github:path/to/policy.yml` names a file in an organization repository, read through the API. */
function parseRepoFileRef(ref) {
    const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+):(.+)$/.exec(ref);
    return m ? { owner: m[1], repo: m[2], path: m[3] } : undefined;
}
async function fetchRepoFile(ref, token, baseUrl) {
    const gh = (0,octokit/* octokit */.A8)({ auth: token, ...(baseUrl ? { baseUrl } : {}) });
    const res = await gh.rest.repos.getContent({ owner: ref.owner, repo: ref.repo, path: ref.path });
    const data = res.data;
    if (typeof data.content !== 'string')
        throw new Error(`${ref.owner}/${ref.repo}:${ref.path} is not a file`);
    return Buffer.from(data.content, data.encoding ?? 'base64').toString('utf8');
}
const checkAction = {
    summary: 'The required check: all workflows vs the manifest (root action.yml)',
    async run(_argv, io) {
        const workspace = io.env.GITHUB_WORKSPACE ?? io.cwd;
        const dir = (0,external_node_path_.resolve)(workspace, core/* getInput */.V4('path') || '.');
        const manifest = core/* getInput */.V4('manifest');
        const orgPolicy = core/* getInput */.V4('org-policy');
        const token = core/* getInput */.V4('token');
        if (token)
            core/* setSecret */.Pq(token);
        const sarifFile = core/* getInput */.V4('sarif-file');
        const failOn = core/* getInput */.V4('fail-on') || 'error';
        if (!['error', 'warning', 'never'].includes(failOn)) {
            annotations.setFailed(`fail-on must be error, warning or never, not '${failOn}'`);
            return 2;
        }
        let orgPolicyText;
        const remote = orgPolicy ? parseRepoFileRef(orgPolicy) : undefined;
        if (remote) {
            if (!token) {
                annotations.setFailed(`org-policy '${orgPolicy}' is read through the API and needs the token input`);
                return 2;
            }
            try {
                orgPolicyText = { text: await fetchRepoFile(remote, token, io.env.GITHUB_API_URL), file: orgPolicy };
            }
            catch (err) {
                const status = err.status;
                annotations.setFailed(`cannot read org-policy '${orgPolicy}'${status ? ` (HTTP ${status})` : ''}: ${err.message}. ` +
                    'The token needs contents: read on that repository (for an organization .github repository, a GitHub App token).');
                return 2;
            }
        }
        let result;
        try {
            result = await (0,load/* checkDirectory */.W3)({
                dir,
                ...(manifest ? { manifest: (0,external_node_path_.resolve)(dir, manifest) } : {}),
                ...(orgPolicy && !remote ? { orgPolicy: (0,external_node_path_.resolve)(workspace, orgPolicy) } : {}),
                ...(orgPolicyText ? { orgPolicyText } : {}),
            });
        }
        catch (err) {
            if (err instanceof manifest_errors/* ManifestError */.Sh) {
                const missing = err.code === 'ERR_MANIFEST_MISSING';
                const what = err.code === 'ERR_ORG_POLICY_INVALID' ? 'organization policy' : 'manifest';
                const title = missing ? 'stepwarden missing manifest' : `stepwarden invalid ${what}`;
                for (const p of err.problems)
                    annotations.error(`${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`, {
                        file: p.file,
                        startLine: p.line,
                        title,
                    });
                annotations.setFailed(missing
                    ? 'cannot judge: there is no access manifest; run `stepwarden init` to write one (see the annotation)'
                    : `cannot judge: the ${what} is invalid (${err.code}); see the annotations`);
                return 2;
            }
            throw err;
        }
        const errors = result.findings.filter((f) => f.severity === 'error').length;
        const warnings = result.findings.length - errors;
        // The toolkit's own commands, so escaping of file names and messages is the toolkit's.
        for (const a of (0,github/* annotationsOf */.Ih)(result, sarifFile ? `the job summary and ${sarifFile}` : 'the job summary'))
            annotations[a.level](a.message, a.properties);
        // Outside a runner (no summary file) the annotations and outputs are the report.
        writeStepSummary((0,markdown/* renderMarkdown */.G)(result));
        if (sarifFile) {
            const path = (0,external_node_path_.resolve)(workspace, sarifFile);
            await (0,output_file/* writeOutputFile */.B)(path, (0,sarif/* renderSarif */.WH)(result, version/* VERSION */.x), { mkdirs: true });
            core/* setOutput */.uH('sarif-file', path);
        }
        core/* setOutput */.uH('errors', String(errors));
        core/* setOutput */.uH('warnings', String(warnings));
        const failed = (failOn === 'error' && errors > 0) || (failOn === 'warning' && errors + warnings > 0);
        if (failed) {
            annotations.setFailed(`stepwarden: ${errors} error(s), ${warnings} warning(s); see the annotations and the job summary`);
            return 1;
        }
        return 0;
    },
};

// EXTERNAL MODULE: ./shared/audit/trail.ts
var audit_trail = __webpack_require__(19134);
// EXTERNAL MODULE: ./shared/actions/broker-client.ts
var broker_client = __webpack_require__(45461);
;// CONCATENATED MODULE: ./shared/actions/oidc-token.ts
/**
 * The actions' OIDC tokens for the broker: a fresh one per broker attempt, masked the moment it
 * exists. The broker uses a token's jti once, even when its answer never arrived (an instance killed
 * mid-call), so a retry with the same token is a replay; broker-client.ts `post()` calls the supplier
 * once per attempt (the exchange and the job end alike: one retry loop).
 */

/** A supplier of fresh OIDC tokens for `audience`, each masked (`core.setSecret`) before it is returned. */
function maskedIdTokens(audience, idToken = (a) => core/* getIDToken */.V9(a)) {
    return async () => {
        const token = await idToken(audience);
        core/* setSecret */.Pq(token);
        return token;
    };
}

// EXTERNAL MODULE: ./shared/workflow/own-action.ts
var own_action = __webpack_require__(28817);
;// CONCATENATED MODULE: ./shared/actions/exchange.ts
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
    if ((0,own_action/* unnamedStep */.rr)(step))
        throw new Error(own_action/* UNNAMED_STEP */.Y2);
    return step;
}
const exchangeAction = {
    summary: 'OIDC token -> broker -> step-scoped credential (masked output)',
    async run(_argv, io) {
        const brokerUrl = core/* getInput */.V4('broker-url', { required: true });
        const audience = core/* getInput */.V4('audience', { required: true });
        const scope = core/* getInput */.V4('scope');
        const oidcAudience = core/* getInput */.V4('oidc-audience') || brokerUrl;
        let step;
        try {
            step = stepName(core/* getInput */.V4('step'));
        }
        catch (err) {
            annotations.setFailed(err.message);
            return 2;
        }
        const job = io.env.GITHUB_JOB ?? '';
        if (!io.env.ACTIONS_ID_TOKEN_REQUEST_URL) {
            annotations.setFailed("no OIDC token available: the job needs 'permissions: id-token: write' (ACTIONS_ID_TOKEN_REQUEST_URL is not set)");
            return 1;
        }
        const fresh = maskedIdTokens(oidcAudience);
        // A fresh token per attempt (broker-client.ts exchange): a retry with a used jti is a replay.
        let first = await fresh();
        const oidc = async () => {
            const token = first ?? (await fresh());
            first = undefined;
            return token;
        };
        try {
            const result = await (0,broker_client/* exchange */.cv)(brokerUrl, { subjectToken: oidc, audience, scope, job, step });
            // Masked before anything else touches it: outputs, logs and the trail never see it in clear.
            core/* setSecret */.Pq(result.access_token);
            core/* setOutput */.uH('token', result.access_token);
            const expiresAt = new Date(Date.now() + result.expires_in * 1000).toISOString();
            core/* setOutput */.uH('expires-at', expiresAt);
            core/* setOutput */.uH('grant-id', result.grant_id);
            core/* setOutput */.uH('scope', result.scope);
            (0,audit_trail/* appendTrail */.vy)(io.env, {
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
            core/* info */.pq(`stepwarden: ${audience} credential for step '${step}' (scope '${result.scope}', ${result.expires_in}s, grant ${result.grant_id})`);
            return 0;
        }
        catch (err) {
            const e = err instanceof broker_client/* BrokerClientError */.lb ? err : new broker_client/* BrokerClientError */.lb(0, 'error', err.message);
            (0,audit_trail/* appendTrail */.vy)(io.env, {
                type: 'credential.refused',
                outcome: 'denied',
                reason: e.code,
                detail: e.description,
                step,
                audience,
                ...(scope ? { scope } : {}),
            });
            // The step name is a workflow value, shown in GitHub's UI: invisible characters written out.
            annotations.setFailed(`the broker refused the credential for step '${step}': ${e.description}`);
            return 1;
        }
    },
};

;// CONCATENATED MODULE: ./shared/actions/revoke.ts
/** The last step of actions/run (`if: always()`): revoke the credential so it lives as long as the command. */




const revokeAction = {
    summary: 'Revoke one credential at the broker (used by actions/run, always)',
    async run(_argv, io) {
        const brokerUrl = core/* getInput */.V4('broker-url', { required: true });
        const token = core/* getInput */.V4('token');
        const grantId = core/* getInput */.V4('grant-id');
        const step = core/* getInput */.V4('step');
        if (!token) {
            core/* info */.pq('stepwarden: nothing to revoke (no credential was issued)');
            return 0;
        }
        core/* setSecret */.Pq(token);
        const audience = core/* getInput */.V4('audience');
        const scope = core/* getInput */.V4('scope');
        const where = {
            ...(step ? { step } : {}),
            ...(grantId ? { grant_id: grantId } : {}),
            ...(audience ? { audience } : {}),
            ...(scope ? { scope } : {}),
        };
        // actions/run passes its command's outcome: the credential's one use, recorded before it ends.
        const outcome = core/* getInput */.V4('command-outcome');
        if (outcome === 'success' || outcome === 'failure' || outcome === 'cancelled')
            (0,audit_trail/* appendTrail */.vy)(io.env, {
                type: 'credential.used',
                outcome: outcome === 'success' ? 'success' : 'error',
                ...(outcome !== 'success' ? { reason: `COMMAND_${outcome.toUpperCase()}` } : {}),
                ...where,
            });
        try {
            const n = await (0,broker_client/* revokeToken */.w$)(brokerUrl, token);
            (0,audit_trail/* appendTrail */.vy)(io.env, {
                type: 'credential.revoked',
                outcome: 'success',
                reason: 'REVOKED_AFTER_COMMAND',
                ...where,
            });
            core/* info */.pq(`stepwarden: credential ${grantId || ''} revoked (${n})`);
            return 0;
        }
        catch (err) {
            (0,audit_trail/* appendTrail */.vy)(io.env, {
                type: 'credential.revoked',
                outcome: 'error',
                reason: 'ERR_REVOKE_FAILED',
                detail: err.message,
                ...where,
            });
            annotations.warning(`stepwarden: revocation failed, the broker will expire the credential at its ttl: ${err.message}`);
            return 0;
        }
    },
};

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./shared/diff/render.ts
var render = __webpack_require__(89966);
;// CONCATENATED MODULE: ./shared/diff/comment.ts

const RESOLVED_BODY = `${render/* MARKER */.tl}\n## stepwarden access diff\n\n\u2705 Resolved: this pull request no longer changes any job's access.\n`;
/** The login comments are expected from: the token's user, else the given app bot login. */
async function commentAuthor(gh, fallback) {
    try {
        const me = await gh.rest.users.getAuthenticated();
        return me.data.login;
    }
    catch {
        // Installation tokens (GITHUB_TOKEN, GitHub Apps) cannot read /user; their comments are the bot's.
        return fallback;
    }
}
async function upsertComment(gh, t, body, author) {
    let previous = {};
    try {
        const all = (await gh.paginate(gh.rest.issues.listComments, {
            owner: t.owner,
            repo: t.repo,
            issue_number: t.number,
            per_page: 100,
        }));
        const mine = all.filter((c) => c.user?.login === author && (c.body ?? '').startsWith(render/* MARKER */.tl));
        const current = mine.at(-1);
        if (current?.body !== undefined)
            previous = { previous: current.body };
        let minimized = 0;
        for (const stale of mine.slice(0, -1)) {
            await minimize(gh, stale.node_id);
            minimized++;
        }
        if (body === undefined) {
            if (!current || current.body === RESOLVED_BODY)
                return { action: 'none', minimized, ...previous };
            await gh.rest.issues.updateComment({
                owner: t.owner,
                repo: t.repo,
                comment_id: current.id,
                body: RESOLVED_BODY,
            });
            await minimize(gh, current.node_id);
            return { action: 'resolved', id: current.id, minimized: minimized + 1, ...previous };
        }
        if (current) {
            if (current.body !== body)
                await gh.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: current.id, body });
            return { action: 'updated', id: current.id, minimized, ...previous };
        }
        const created = await gh.rest.issues.createComment({
            owner: t.owner,
            repo: t.repo,
            issue_number: t.number,
            body,
        });
        return { action: 'created', id: created.data.id, minimized };
    }
    catch (err) {
        const status = err.status;
        if (status === 403 || status === 404) {
            return {
                action: 'not-posted',
                reason: status === 403
                    ? 'the token is read-only here (pull requests from forks get a read-only GITHUB_TOKEN under pull_request): use the two-stage pattern in docs/access-diff.md'
                    : 'the pull request was not found with this token',
                minimized: 0,
                ...previous,
            };
        }
        throw err;
    }
}
async function minimize(gh, nodeId) {
    await gh.graphql(`mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }`, { id: nodeId });
}

// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/workflow/load.ts
var workflow_load = __webpack_require__(92884);
// EXTERNAL MODULE: ./shared/diff/cross-check.ts
var cross_check = __webpack_require__(97789);
// EXTERNAL MODULE: ./shared/diff/entries.ts
var diff_entries = __webpack_require__(78920);
// EXTERNAL MODULE: ./shared/diff/source.ts
var source = __webpack_require__(60319);
// EXTERNAL MODULE: ./shared/workflow/composite.ts
var composite = __webpack_require__(57521);
// EXTERNAL MODULE: ./shared/diff/local-gate.ts
var local_gate = __webpack_require__(22979);
// EXTERNAL MODULE: ./shared/diff/repo-files.ts
var repo_files = __webpack_require__(58124);
;// CONCATENATED MODULE: ./shared/diff/github-source.ts
/**
 * Repository states read through the git data API at a commit: one recursive tree request per side,
 * then one blob request per distinct workflow file (a file unchanged between base and head is read
 * once). Safe under pull_request_target: the head's files are only read as data, never checked out or
 * run. Nothing the tree lists under `.github/workflows` is dropped: a symbolic link, a submodule, a
 * file over 1 MiB or beyond the file limit becomes an error model, which the diff reports as
 * "cannot judge".
 */








/** Blob requests in flight at once (GitHub's secondary limits punish bursts). */
const CONCURRENCY = 8;
async function tree(gh, owner, repo, sha, recursive) {
    const res = await gh.rest.git.getTree({
        owner,
        repo,
        tree_sha: sha,
        ...(recursive ? { recursive: '1' } : {}),
    });
    return { entries: res.data.tree, truncated: res.data.truncated };
}
/**
 * The entries at the root, under `.github` and under `.github/workflows`: one recursive request;
 * when GitHub truncates it (very large repositories), a walk of the three trees instead.
 */
async function relevantEntries(gh, owner, repo, sha) {
    const full = await tree(gh, owner, repo, sha, true);
    if (!full.truncated)
        return { entries: full.entries, complete: true };
    const out = [];
    let at = { sha, prefix: '' };
    for (const name of ['.github', 'workflows', '']) {
        const level = await tree(gh, owner, repo, at.sha, false);
        const entries = level.entries.map((e) => ({ ...e, path: `${at.prefix}${e.path}` }));
        out.push(...entries);
        if (!name)
            break;
        const next = entries.find((e) => e.path === `${at.prefix}${name}` && e.type === 'tree');
        if (!next)
            break;
        at = { sha: next.sha, prefix: `${next.path}/` };
    }
    return { entries: out, complete: false };
}
async function blobText(gh, owner, repo, sha, cache) {
    let text = cache.get(sha);
    if (!text) {
        text = gh.rest.git.getBlob({ owner, repo, file_sha: sha }).then((res) => {
            const d = res.data;
            return d.encoding === 'base64' ? Buffer.from(d.content, 'base64').toString('utf8') : d.content;
        });
        cache.set(sha, text);
    }
    return text;
}
/** Runs `fn` over `items` with at most `limit` in flight, keeping order. */
async function pool(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}
async function readStateFromApi(gh, owner, repo, sha, opts = {}) {
    const cache = opts.cache ?? new Map();
    const { entries, complete } = await relevantEntries(gh, owner, repo, sha);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const label = sha.slice(0, 7);
    const { toRead, errors } = (0,diff_entries/* selectWorkflowEntries */.G)(entries);
    const readSpecial = async (path) => {
        const e = byPath.get(path);
        if (!e)
            return {};
        const why = (0,diff_entries/* unreadableFile */._s)(e, path);
        if (why)
            return { error: why };
        return { text: await blobText(gh, owner, repo, e.sha, cache) };
    };
    const [files, manifest, org] = await Promise.all([
        pool(toRead, CONCURRENCY, async (e) => ({
            path: e.path,
            text: await blobText(gh, owner, repo, e.sha, cache),
        })),
        readSpecial(schema/* MANIFEST_PATH */.U4),
        opts.orgPolicyPath ? readSpecial(opts.orgPolicyPath) : Promise.resolve(undefined),
    ]);
    const textOf = new Map(files.map((f) => [f.path, f.text]));
    // Local composite actions, from the same tree (a recursive tree lists no path through a linked
    // directory; a linked action file is a blob of mode 120000, not read). A truncated tree holds only
    // the root, .github and .github/workflows: composites elsewhere are then not followed.
    const list = (0,diff_entries/* treeLister */.qn)(byPath.values());
    const actionFile = async (dir) => {
        for (const name of ['action.yml', 'action.yaml']) {
            const path = dir ? `${dir}/${name}` : name;
            const e = byPath.get(path);
            if (!e)
                continue;
            if ((0,diff_entries/* unreadableFile */._s)(e, path))
                return (0,diff_entries/* heldActionProblem */.h7)(dir, (p) => byPath.get(p));
            return { path, text: await blobText(gh, owner, repo, e.sha, cache) };
        }
        // Not there: maybe behind a linked directory, which a recursive tree does not list through, or
        // named in another case than the tree holds it (session 21).
        return (0,diff_entries/* heldActionProblem */.h7)(dir, (p) => byPath.get(p), list);
    };
    const models = await (0,composite/* withCompositeActions */.B1)((0,workflow_load/* parseWorkflows */.w_)(files).map((m) => (0,cross_check/* crossChecked */.q)(m, textOf.get(m.path) ?? '')), actionFile);
    const orgPolicy = opts.orgPolicyPath === undefined
        ? undefined
        : org?.error
            ? { file: opts.orgPolicyPath, error: { message: org.error, line: 1 } }
            : (0,source/* orgPolicyOf */.K1)(org?.text, opts.orgPolicyPath);
    // The gate's files from the same tree; a truncated tree lists no file below the root's levels.
    const gateFiles = new Map();
    let gateFilesError;
    for (const d of [...(0,local_gate/* localGates */.a6)(models).keys()].flatMap(local_gate/* gateFileDirs */.k9)) {
        const below = entries.filter((e) => e.path.startsWith(`${d}/`) && e.type !== 'tree');
        for (const e of below)
            gateFiles.set(e.path, e.sha);
        if (below.length === 0 && byPath.get(d)?.type === 'tree')
            gateFilesError = `the files of the gate this repository carries (${d}/) are not listed: the repository's tree is too large for one request`;
    }
    // The repository's files, when a job computes a value from run-time outputs; a truncated tree does
    // not list them all.
    const filesDigest = !(0,repo_files/* readsRunTimeOutputs */.UN)(models)
        ? undefined
        : complete
            ? (0,repo_files/* repositoryFilesDigest */.ew)(entries.filter((e) => e.type !== 'tree'))
            : (0,repo_files/* unlistedFiles */.cu)(label);
    return {
        label,
        workflows: [...models, ...errors],
        ...(gateFilesError ? { gateFilesError } : { gateFiles }),
        ...(filesDigest !== undefined ? { filesDigest } : {}),
        ...(manifest.error
            ? { manifestError: `${label}: ${manifest.error}`, manifestErrorLine: 1 }
            : (0,source/* manifestOf */.$V)(manifest.text, label)),
        ...(orgPolicy ? { orgPolicy } : {}),
    };
}
/** Both sides of a pull request, sharing blobs: an unchanged file costs one request, not two. */
async function readPullRequestStates(gh, owner, repo, baseSha, headSha, opts = {}) {
    const cache = new Map();
    return Promise.all([
        readStateFromApi(gh, owner, repo, baseSha, { ...opts, cache }),
        readStateFromApi(gh, owner, repo, headSha, { ...opts, cache }),
    ]);
}

// EXTERNAL MODULE: ./shared/diff/states.ts
var states = __webpack_require__(80172);
;// CONCATENATED MODULE: ./shared/actions/access-diff.ts
/**
 * actions/access-diff: the PR's access diff as one sticky comment and the job summary.
 * mode auto    (pull_request / pull_request_target): compute and post.
 * mode compute (pull_request from a fork, no secrets): compute, write the diff as JSON for an artifact.
 * mode post    (workflow_run): find the pull request through the API (by the run's head repository,
 *              branch and commit; it must belong to this repository), recompute the diff from its
 *              commits, and refuse an artifact that says otherwise.
 * Files that cannot be read are "cannot judge" entries; an invalid head manifest fails with exit 2.
 */













const changeSchema = schemas/* strictObject */.rej({
    workflow: schemas/* string */.YjP().max(300),
    job: schemas/* string */.YjP().max(300).nullable(),
    kind: schemas/* enum */.k5n([
        'workflow',
        'job',
        'permission',
        'secret',
        'environment',
        'trigger',
        'action',
        'credential',
        'manifest',
        'policy',
        'unreadable',
    ]),
    subject: schemas/* string */.YjP().max(500),
    before: schemas/* string */.YjP().max(1000).nullable(),
    after: schemas/* string */.YjP().max(1000).nullable(),
    effect: schemas/* enum */.k5n(['widened', 'narrowed', 'cannot-judge']),
    file: schemas/* string */.YjP().max(300).optional(),
    line: schemas/* number */.aig().int().positive().optional(),
    // A workflow name, as `workflow` (200 had refused a rename the compute job wrote).
    renamedFrom: schemas/* string */.YjP().max(300).optional(),
});
/** The artifact of mode compute: untrusted in mode post, so size-capped, schema-checked and re-computed. */
const artifactSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(1),
    headSha: schemas/* string */.YjP().regex(/^[0-9a-f]{40}$/),
    changes: schemas/* array */.YOg(changeSchema).max(5000),
});
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;
const SHA = /^[0-9a-f]{40}$/;
/**
 * Why this run must not write the comment, or undefined: the pull request is no longer open at the
 * commit this run judged. Runs of two pushes race; the older one finishing last would otherwise
 * replace the newer diff (a widening shown as "Resolved"). Read just before posting; without the head's
 * branch (not a pull_request payload) it cannot be asked, and the comment names its commit anyway.
 */
async function staleReason(gh, owner, repo, t) {
    if (!t.head)
        return undefined;
    const res = await gh.rest.pulls.list({ owner, repo, state: 'open', head: t.head, per_page: 100 });
    const pr = res.data.find((p) => p.number === t.number);
    if (!pr)
        return `pull request #${t.number} is no longer open with its head at ${t.head}`;
    if (pr.head.sha !== t.headSha)
        return `pull request #${t.number} moved on to ${pr.head.sha.slice(0, 12)} while this run judged ${t.headSha.slice(0, 12)}; the run of the newer commit writes the comment`;
    return undefined;
}
class Refusal extends Error {
}
/**
 * The open pull request of this repository whose head is the workflow run's commit. For a fork,
 * `workflow_run.pull_requests` is empty, so it is looked up by the head repository's owner and
 * branch; either way the answer must have its base in this repository and its head at the run's
 * commit (a same-named branch of another fork, or a pull request of another repository, is refused).
 */
async function findPullRequest(gh, owner, repo, run) {
    const headSha = run.head_sha ?? '';
    const headRepo = run.head_repository?.full_name;
    const headOwner = run.head_repository?.owner?.login;
    if (!SHA.test(headSha) || !run.head_branch || !headRepo || !headOwner)
        throw new Refusal('mode post runs on workflow_run of a pull_request run; the event lacks head_sha, head_branch or head_repository');
    const res = await gh.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${headOwner}:${run.head_branch}`,
        per_page: 100,
    });
    const self = `${owner}/${repo}`.toLowerCase();
    const matches = res.data.filter((p) => p.base.repo.full_name.toLowerCase() === self &&
        p.head.sha === headSha &&
        p.head.repo?.full_name.toLowerCase() === headRepo.toLowerCase());
    if (matches.length === 0)
        throw new Refusal(`no open pull request of ${owner}/${repo} has its head at ${headSha} (${headRepo}:${run.head_branch}); nothing to comment on`);
    if (matches.length > 1)
        throw new Refusal(`${matches.length} open pull requests of ${owner}/${repo} have their head at ${headSha} (#${matches.map((p) => p.number).join(', #')}); refusing to guess`);
    const pr = matches[0];
    return { number: pr.number, baseSha: pr.base.sha, headSha, head: `${headOwner}:${run.head_branch}` };
}
/** Reads the artifact as untrusted data: size, JSON, shape, and the commit it claims. */
async function readArtifact(path, headSha) {
    const text = await (0,promises_.readFile)(path, 'utf8').catch(() => undefined);
    if (text === undefined)
        throw new Refusal(`no diff artifact at ${path}`);
    if (Buffer.byteLength(text) > MAX_ARTIFACT_BYTES)
        throw new Refusal('the diff artifact is larger than 2 MiB; refusing it');
    let parsed;
    try {
        parsed = artifactSchema.safeParse(JSON.parse(text));
    }
    catch {
        throw new Refusal('the diff artifact is not JSON');
    }
    if (!parsed.success)
        throw new Refusal(`the diff artifact does not have the expected shape: ${parsed.error.issues[0]?.message}`);
    if (parsed.data.headSha !== headSha)
        throw new Refusal('the diff artifact is for another commit than the workflow run');
    return parsed.data.changes;
}
const changeKey = (c) => JSON.stringify([c.effect, c.kind, c.workflow, c.job, c.subject, c.before, c.after]);
/** The artifact's changes, as a multiset, equal the recomputed ones. */
function sameChanges(a, b) {
    if (a.length !== b.length)
        return false;
    const x = a.map(changeKey).sort();
    const y = b.map(changeKey).sort();
    return x.every((k, i) => k === y[i]);
}
const count = (changes, effect) => changes.filter((c) => c.effect === effect).length;
const accessDiffAction = {
    summary: "Pull requests: access diff as one sticky comment (never runs the head's code)",
    async run(_argv, io) {
        const token = core/* getInput */.V4('token', { required: true });
        core/* setSecret */.Pq(token);
        const mode = core/* getInput */.V4('mode') || 'auto';
        const failOn = core/* getInput */.V4('fail-on');
        const approveLabel = core/* getInput */.V4('approve-label') || 'access-approved';
        const orgPolicyPath = core/* getInput */.V4('org-policy').replace(/^\.\//, '') || undefined;
        const artifactPath = (0,external_node_path_.resolve)(io.env.GITHUB_WORKSPACE ?? io.cwd, core/* getInput */.V4('artifact-path') || 'stepwarden-access-diff.json');
        const author = core/* getInput */.V4('comment-author') || 'github-actions[bot]';
        if (!['auto', 'compute', 'post'].includes(mode))
            return fail(`mode must be auto, compute or post, not '${mode}'`);
        if (failOn && failOn !== 'widened')
            return fail(`fail-on takes widened, not '${failOn}'`);
        if (orgPolicyPath && (orgPolicyPath.includes(':') || orgPolicyPath.startsWith('/')))
            return fail(`org-policy takes a path in this repository (e.g. stepwarden/org-policy.yml), not '${orgPolicyPath}': the diff compares the policy in the repository that holds it`);
        const [owner, repo] = (io.env.GITHUB_REPOSITORY ?? '/').split('/');
        const event = JSON.parse(await (0,promises_.readFile)(io.env.GITHUB_EVENT_PATH ?? '', 'utf8').catch(() => '{}'));
        const gh = (0,octokit/* runnerOctokit */.MF)(token, io.env);
        const compute = async (baseSha, headSha) => {
            const [base, head] = await readPullRequestStates(gh, owner, repo, baseSha, headSha, {
                ...(orgPolicyPath ? { orgPolicyPath } : {}),
            });
            return (0,states/* diffStates */.o)(base, head);
        };
        let result;
        let target;
        let mismatch;
        try {
            if (mode === 'post') {
                const run = event.workflow_run;
                if (!run)
                    throw new Refusal('mode post runs on workflow_run; the event has no workflow_run');
                target = await findPullRequest(gh, owner, repo, run);
                const claimed = await readArtifact(artifactPath, target.headSha);
                // The compute job ran the fork's workflow: what it uploaded is a claim, checked against the
                // diff recomputed here from the pull request's own commits (read as data through the API).
                result = await compute(target.baseSha, target.headSha);
                if (!sameChanges(claimed, result.changes))
                    mismatch = `the diff artifact does not match the diff recomputed from the pull request's commits (artifact: ${count(claimed, 'widened')} widened, ${claimed.length} changes; recomputed: ${count(result.changes, 'widened')} widened, ${result.changes.length} changes); refusing the artifact and posting the recomputed diff`;
            }
            else {
                const pr = event.pull_request;
                if (!pr)
                    throw new Refusal('access-diff runs on pull_request or pull_request_target (no pull_request in the event)');
                const headOwner = pr.head.repo?.owner?.login;
                target = {
                    number: pr.number,
                    baseSha: pr.base.sha,
                    headSha: pr.head.sha,
                    ...(headOwner && pr.head.ref ? { head: `${headOwner}:${pr.head.ref}` } : {}),
                };
                result = await compute(target.baseSha, target.headSha);
            }
        }
        catch (err) {
            if (err instanceof Refusal)
                return fail(err.message);
            const status = err.status;
            return fail(`cannot read the pull request's files through the API${status ? ` (HTTP ${status})` : ''}: ${err.message}. The token needs contents: read${mode === 'post' ? ' (the post job recomputes the diff: give it `permissions: { actions: read, contents: read, pull-requests: write }`)' : ''}`);
        }
        const { changes } = result;
        const server = io.env.GITHUB_SERVER_URL ?? 'https://github.com';
        const body = (0,render/* renderDiffMarkdown */.rw)(changes, {
            blobBase: `${server}/${owner}/${repo}/blob/${target.headSha}`,
            headSha: target.headSha,
            digest: true,
        });
        core/* setOutput */.uH('widened', String(count(changes, 'widened')));
        core/* setOutput */.uH('narrowed', String(count(changes, 'narrowed')));
        core/* setOutput */.uH('cannot-judge', String(count(changes, 'cannot-judge')));
        let outcome;
        if (mode === 'compute') {
            await (0,output_file/* writeOutputFile */.B)(artifactPath, JSON.stringify({ version: 1, headSha: target.headSha, changes }), {
                mkdirs: true,
            });
            core/* setOutput */.uH('artifact-path', artifactPath);
        }
        else {
            let stale;
            try {
                stale = await staleReason(gh, owner, repo, target);
            }
            catch (err) {
                const status = err.status;
                stale = `the pull request's current head could not be read${status ? ` (HTTP ${status})` : ''}, so this run cannot tell whether a newer one has commented`;
            }
            outcome = stale
                ? { action: 'not-posted', reason: stale, minimized: 0 }
                : await upsertComment(gh, { owner, repo, number: target.number }, changes.length ? body : undefined, await commentAuthor(gh, author));
            core/* setOutput */.uH('comment', outcome.action);
        }
        const note = outcome?.action === 'not-posted'
            ? `\n> [!WARNING]\n> The comment could not be posted: ${(0,render_escape/* escapeMarkdown */.FV)(outcome.reason)}.\n`
            : mode === 'compute'
                ? `\n_Computed for a separate workflow_run job to post (two-stage pattern, docs/access-diff.md)._\n`
                : '';
        const refused = mismatch ? `\n> [!CAUTION]\n> ${(0,render_escape/* escapeMarkdown */.FV)(mismatch)}.\n` : '';
        writeStepSummary(`${body}${note}${refused}`, io.env);
        if (mismatch)
            return fail(mismatch);
        if (result.invalidHead)
            return fail(`cannot judge this pull request: its ${changes.find((c) => c.effect === 'cannot-judge')?.subject ?? 'manifest'} is invalid (see the comment); fix it in the pull request`);
        if (failOn === 'widened' && (0,states/* failsOnWidened */.t)(changes)) {
            const unjudged = count(changes, 'cannot-judge');
            if (unjudged > 0) {
                // No label approves what nobody could read.
                return fail(`${unjudged} file(s) cannot be judged (see the comment's "Cannot judge" section): make them readable workflow files under 1 MiB`);
            }
            // Nor a widening the comment could not show: cut at GitHub's comment limit, it lists only the
            // widened rows that fit, and a label applied after reading it approved the rest unseen; a row
            // whose value is clipped (a new job described past 900 characters) hides its tail the same way.
            const hidden = (0,render/* widenedNotShown */.Pu)(changes, body);
            if (hidden > 0) {
                return fail(`${hidden} widened change(s) are not shown whole in the comment (rows cut at GitHub's 65,536-character limit, or a value too long for its row, such as a new job described past 900 characters), so no '${approveLabel}' label can approve them: split the pull request (or the new job) so that each part's widening fits in one comment (\`stepwarden diff BASE HEAD --format json\` lists them all)`);
            }
            const labels = mode === 'compute'
                ? []
                : (await gh.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: target.number })).data.map((l) => l.name);
            if (!labels.includes(approveLabel)) {
                annotations.setFailed(`access widens (${count(changes, 'widened')} changes) without the '${approveLabel}' label: a person must approve it`);
                return 1;
            }
            // The label stays on the pull request across pushes: it approves the widening the comment showed
            // when it was read, not one pushed after it. The comment a person last read (before this run
            // wrote it) must show the same widening as this commit's.
            const shown = outcome && 'previous' in outcome ? (0,render/* digestOf */.ol)(outcome.previous) : undefined;
            if (shown !== (0,render/* widenedDigest */.$3)(changes)) {
                const removed = await gh.rest.issues
                    .removeLabel({ owner, repo, issue_number: target.number, name: approveLabel })
                    .then(() => true, () => false);
                annotations.setFailed(`access widens (${count(changes, 'widened')} changes) differently from what the comment showed when the '${approveLabel}' label was applied (a later push changed the widening)${removed ? '; the label was removed' : ''}: a person must read the updated comment and apply the label again`);
                return 1;
            }
        }
        return 0;
    },
};
function fail(message) {
    annotations.setFailed(message);
    return 2;
}

// EXTERNAL MODULE: ./shared/audit/anomalies.ts
var anomalies = __webpack_require__(22791);
// EXTERNAL MODULE: ./shared/audit/event.ts
var audit_event = __webpack_require__(24098);
// EXTERNAL MODULE: ./shared/check/rules/missing-enforce.ts
var missing_enforce = __webpack_require__(42958);
;// CONCATENATED MODULE: ./shared/audit/job-steps.ts
/**
 * Which steps ran in this job, from GitHub's Jobs API (`GET .../runs/{run_id}/attempts/{n}/jobs`), so a
 * grant the broker issued under a step name that never ran stands out. Pure. The API names steps by
 * their display name (`name:`, else GitHub's `Run <uses or command>`), never by their `id:`, which is
 * what a grant is keyed by; the running workflow file maps one to the other when it can be read.
 */

/**
 * This job among the run attempt's jobs: by the check run id of the verified OIDC token (the Jobs API
 * job id is the check run id), else by its name when exactly one job carries it; otherwise none, with
 * why.
 */
function findJob(jobs, by) {
    if (by.checkRunId) {
        const id = by.checkRunId;
        const job = jobs.find((j) => String(j.id) === id || (j.check_run_url ?? '').endsWith(`/check-runs/${id}`));
        return job ? { job } : { why: `no job of this run attempt has check run id ${id}` };
    }
    const named = jobs.filter((j) => j.name === by.name);
    if (named.length === 1)
        return { job: named[0] };
    return {
        why: named.length
            ? `${named.length} jobs are named '${by.name}' and the OIDC token names no check run`
            : `no job named '${by.name}' in this run attempt (a job with \`name:\` or a matrix leg needs the token's check_run_id)`,
    };
}
/**
 * The name the Jobs API shows for job `id` of the workflow: its `name:` (as GitHub reads it, literals
 * folded), else its id; `{ why }` when that name cannot be known before the run. Without a check run id
 * the job is found by this name: GITHUB_JOB is the id, and a job with a `name:` of its own shows under
 * that name, so the only job *named* like the id may be another one (a job a pull request added with
 * `name: <id>`), whose rows would be read as this job's. The same holds for the names GitHub makes up:
 * a matrix leg shows as `<name> (<values>)` and a job of a called workflow as `<caller> / <name>`, so
 * neither is looked up under its own name either.
 */
function jobShownName(job, id, called = false) {
    const name = job?.name ?? id;
    if (job?.name?.includes('${{'))
        return { why: "the job's `name:` holds an expression" };
    if (called)
        return { why: `the job runs in a called workflow, which the Jobs API shows as '<caller> / ${name}'` };
    if (job?.matrix !== undefined)
        return { why: `the job runs as matrix legs, which the Jobs API shows as '${name} (\u2026)'` };
    return name;
}
/** A step that started (or finished) and was not skipped. */
const ran = (s) => s.status !== 'queued' && s.status !== 'pending' && s.conclusion !== 'skipped';
/** GitHub's display name of a step without `name:`. */
function defaultNames(s) {
    if (s.uses)
        return [`Run ${s.uses}`];
    const first = (s.run ?? '')
        .split('\n')
        .find((l) => l.trim())
        ?.trim();
    return first ? [`Run ${first}`] : [];
}
/**
 * Did step `id` run? true / false; `shared` when several rows of the Jobs API show its display name and
 * they disagree (one ran, another did not), so the step's own row cannot be told (the API names steps
 * by display name only, and any step can take another's: a grant's step skipped while a step a pull
 * request added under the same name ran read as "ran"); undefined when the API's names cannot be tied
 * to the id (a name with an expression, a default name GitHub words differently). Without the workflow
 * (`steps` undefined) only an API step named exactly `id` counts, and anything else cannot be told.
 */
function stepRan(job, id, steps) {
    const api = job.steps ?? [];
    const byName = (n) => api.filter((s) => s.name === n);
    if (!steps)
        return rowsRan(byName(id), id);
    const model = steps.find((s) => s.id === id);
    // The workflow has no step with this id: nothing of that name can have run in this job.
    if (!model)
        return false;
    if (model.name !== undefined) {
        if (model.name.includes('${{'))
            return undefined;
        return rowsRan(byName(model.name), model.name);
    }
    const names = defaultNames(model);
    return rowsRan(names.flatMap(byName), names[0]);
}
/** The rows a step's display name has: all ran, none did, or they disagree (cannot be told apart). */
function rowsRan(rows, name) {
    if (!rows.length)
        return undefined;
    const n = rows.filter(ran).length;
    return n === rows.length ? true : n === 0 ? false : { shared: name, rows: rows.length };
}
/** The display name GitHub gives a step: its `name:` (undefined when it has an expression), else the default. */
function displayName(s) {
    if (s.name !== undefined)
        return s.name.includes('${{') ? undefined : s.name;
    return defaultNames(s)[0];
}
/** One gate step against the Jobs API's rows. */
function judgeGateStep(job, gate, at) {
    const label = gate.id ? `'${gate.id}'` : `${gate.index + 1}`;
    const where = { line: gate.line };
    const name = displayName(gate);
    if (name === undefined)
        return {
            state: 'unnamed',
            ...where,
            why: `the gate step ${label} (${at}:${gate.line}) has a \`name:\` with an expression, so its row in the Jobs API cannot be told by name (fix: give it a plain \`name:\` or none)`,
        };
    const rows = (job.steps ?? []).filter((s) => s.name === name);
    const named = { ...where, name };
    if (rows.length > 1)
        return {
            state: 'unnamed',
            ...named,
            why: `${rows.length} steps of the job show as '${name}' in the Jobs API, so the gate step ${label} (${at}:${gate.line}) and the others cannot be told apart (fix: give the gate a \`name:\` no other step has)`,
        };
    const row = rows[0];
    // Steps run one after another: a gate not completed by the time the audit step runs never finished.
    if (!row || row.status !== 'completed')
        return {
            state: 'not-run',
            ...named,
            why: `the gate step ${label} '${name}' (${at}:${gate.line}) never ran${row ? ' to its end' : ''}: the Jobs API lists ${row ? `it as ${row.status}` : 'no step of that name in this job'}`,
        };
    const conclusion = { ...named, conclusion: row.conclusion };
    // A success that a failure would have shown too: `continue-on-error`, audit mode, or inputs and
    // environment the workflow bends (the same reading as missing-enforce and the access diff).
    const masks = [
        gate.continueOnError && gate.continueOnError.value !== 'false'
            ? `continue-on-error: ${gate.continueOnError.value}`
            : '',
        (0,missing_enforce/* gateModeNotEnforce */.uq)(gate) ? `mode: ${(0,missing_enforce/* gateModeNotEnforce */.uq)(gate).value}` : '',
        (0,missing_enforce/* gateInputProblem */.HH)(gate) ? `with: ${(0,missing_enforce/* gateInputProblem */.HH)(gate).value}` : '',
        gate.redirectingEnv?.length ? `env: ${gate.redirectingEnv.map((e) => e.value).join(', ')}` : '',
    ].filter(Boolean);
    if (row.conclusion === 'skipped')
        return {
            state: 'skipped',
            ...conclusion,
            why: `the gate step ${label} '${name}' (${at}:${gate.line}) was skipped${gate.if ? ` (\`if: ${gate.if.value}\`)` : ''}: the job ran without its gate (fix: remove the gate's \`if:\`)`,
        };
    if (masks.length)
        return {
            state: 'masked',
            ...conclusion,
            why: `the gate step ${label} '${name}' (${at}:${gate.line}) has ${masks.join(', ')}, so its \`${row.conclusion ?? row.status}\` in the Jobs API ${row.conclusion === 'success' ? 'does not say the job was allowed' : 'did not stop the job'} (fix: remove it; the gate must be able to stop the job)`,
        };
    if (row.conclusion === 'success')
        return {
            state: 'passed',
            ...conclusion,
            why: `the Jobs API shows the gate step ${label} '${name}' (${at}:${gate.line}) concluded success`,
        };
    return {
        state: 'failed',
        ...conclusion,
        why: `the Jobs API shows the gate step ${label} '${name}' (${at}:${gate.line}) concluded ${row.conclusion ?? 'without a conclusion'}`,
    };
}
/**
 * The enforce gate of this job as the Jobs API saw it run: every step of the workflow's job (at the
 * verified sha) that is stepwarden's actions/enforce (`isEnforceStep`, any ref), each tied to its one
 * row by display name. The first that did not pass decides; `no-gate` when the job has no gate step of
 * its own (a gate inside a local composite action shows in the Jobs API only as the composite's step,
 * whose success says nothing of an inner `if:` or `continue-on-error`; missing-enforce does not count
 * it either). `at`: the workflow file, for the words.
 */
function judgeGate(job, steps, at) {
    const gates = steps.filter((s) => (0,missing_enforce/* isEnforceStep */.zS)(s.uses));
    if (!gates.length)
        return {
            state: 'no-gate',
            why: `job has no actions/enforce step of its own in ${at} (a gate inside a composite action cannot be confirmed)`,
        };
    const judged = gates.map((g) => judgeGateStep(job, g, at));
    return judged.find((j) => j.state !== 'passed') ?? judged[0];
}

// EXTERNAL MODULE: ./shared/audit/report.ts
var audit_report = __webpack_require__(24678);
// EXTERNAL MODULE: ./shared/audit/render-markdown.ts
var render_markdown = __webpack_require__(91660);
// EXTERNAL MODULE: ./shared/audit/run-events.ts
var run_events = __webpack_require__(40433);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./shared/audit/classify.ts
var classify = __webpack_require__(54850);
;// CONCATENATED MODULE: ./shared/audit/verify.ts
/**
 * The job summary trusts the broker, not the job's trail. Every step of a job can write the trail
 * under $RUNNER_TEMP, so at job end the audit action asks the broker for every credential it issued
 * for this run attempt and job (and matrix leg), and this pure function turns that answer into the
 * workload events of the report. Trail lines are kept only where they are a step's own report of
 * something the broker cannot know (a refusal, a command's outcome, the gate's verdict) and labelled so;
 * a trail line that claims what the broker's record contradicts or does not hold is **unverified**.
 */



/** One credential as the broker's /revoke (`subject_token=`) lists it (the one schema for the answer). */
const brokerCredentialSchema = schemas/* object */.Ikc({
    grant_id: schemas/* string */.YjP().min(1),
    job: schemas/* string */.YjP().optional(),
    step: schemas/* string */.YjP(),
    audience: schemas/* string */.YjP(),
    scope: schemas/* string */.YjP(),
    check_run_id: schemas/* string */.YjP().optional(),
    issued_at: iso/* datetime */.w$({ offset: true }),
    expires_at: iso/* datetime */.w$({ offset: true }),
    revoked_at: iso/* datetime */.w$({ offset: true }).optional(),
    /** Why a credential revoked earlier was (the store's word): `REVOKED_BY_ADMIN` is the kill switch. */
    revoked_reason: schemas/* string */.YjP().regex(audit_event/* REASON_CODE */.xj).optional(),
    state: schemas/* enum */.k5n(['revoked-now', 'revoked-earlier', 'expired', 'revocation-failed', 'live']),
});
/** The broker's answer at job end. */
const brokerListingSchema = schemas/* object */.Ikc({
    revoked: schemas/* number */.aig().int().nonnegative(),
    credentials: schemas/* array */.YOg(brokerCredentialSchema).max(10_000),
    /** False: the broker's store lists only what this call revoked (older credentials are not shown). */
    complete: schemas/* boolean */.zMY(),
    /** The claims of the OIDC token the broker verified (GitHub-signed run facts). */
    subject: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
});
/**
 * Trail lines that are a step's own report of what the broker cannot list: refusals, rate limits and
 * second claims (the broker logs them, but its store keeps no record of a refused request) and a
 * command's outcome. They only ever make a job look worse, so they are shown, marked as reported.
 */
const STEP_REPORTS = new Set([
    'credential.refused',
    'credential.rate_limited',
    'credential.claimed_twice',
]);
/** Written only by the audit action itself, from the API and the runner's context: never read back. */
const AUDIT_OWN = new Set([
    'run.started',
    'run.approval',
    'admin.change',
    'admin.revoke',
    'github.activity',
    'job.summary',
]);
/** The run context a broker-built event carries (so it is classified like the step's own line). */
const PLACE = [...audit_event/* RUN_CONTEXT_FIELDS */.U0, 'repository_id'];
function brokerEvents(c, ctx) {
    const base = {
        v: audit_event/* AUDIT_EVENT_VERSION */.cZ,
        source: 'broker',
        ...(0,audit_event/* pickFields */.$3)(ctx, PLACE),
        ...(c.job ? { job: c.job } : {}),
        step: c.step,
        audience: c.audience,
        scope: c.scope,
        grant_id: c.grant_id,
    };
    const issued = Date.parse(c.issued_at);
    const expires = Date.parse(c.expires_at);
    const out = [
        {
            ...base,
            time: c.issued_at,
            type: 'credential.granted',
            outcome: 'success',
            ttl: Math.max(0, Math.round((expires - issued) / 1000)),
            expires_at: c.expires_at,
        },
    ];
    const at = c.revoked_at ?? c.expires_at;
    if (c.state === 'revoked-now')
        out.push({
            ...base,
            time: at,
            type: 'credential.revoked',
            outcome: 'success',
            reason: 'REVOKED_AT_JOB_END',
        });
    else if (c.state === 'revoked-earlier')
        out.push({
            ...base,
            time: at,
            // Expired by the sweep: the same line as a credential the sweep had not reached yet.
            type: c.revoked_reason === 'TTL_PASSED' ? 'credential.expired' : 'credential.revoked',
            outcome: 'success',
            // The broker's word on who ended it: the kill switch (REVOKED_BY_ADMIN) is administrator activity.
            reason: c.revoked_reason ?? 'REVOKED_BEFORE_JOB_END',
        });
    else if (c.state === 'expired')
        out.push({
            ...base,
            time: c.expires_at,
            type: 'credential.expired',
            outcome: 'success',
            reason: 'TTL_PASSED',
        });
    else if (c.state === 'revocation-failed')
        out.push({
            ...base,
            time: at,
            type: 'credential.revoked',
            outcome: 'error',
            reason: 'ERR_REVOKE_FAILED',
        });
    return out.map((e) => audit_event/* auditEventSchema */.RX.parse(e));
}
/** ASCII case folding only (repository names; Unicode folding would match a look-alike). */
const fold = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
/** The run, attempt or job a trail line names that is not the audited one, or undefined. */
function otherPlace(e, ctx) {
    if (e.repository !== undefined &&
        ctx.repository !== undefined &&
        fold(e.repository) !== fold(ctx.repository))
        return `repository '${e.repository}'`;
    if (e.run_id !== undefined && ctx.run_id !== undefined && e.run_id !== ctx.run_id)
        return `run ${e.run_id}`;
    if (e.run_attempt !== undefined && ctx.run_attempt !== undefined && e.run_attempt !== ctx.run_attempt)
        return `attempt ${e.run_attempt}`;
    if (e.job !== undefined && ctx.job !== undefined && e.job !== ctx.job)
        return `job '${e.job}'`;
    return undefined;
}
/**
 * What a trail line may not say of itself: the place, and how the run was set in motion (GitHub's
 * access type decides whether a dispatch was a person's or a script's, classify.ts classifyRun).
 */
const RUN_FACTS = [...PLACE, 'access_type'];
/** The event without any run-context field (a line's own say on where and by whom is dropped). */
function withoutPlace(e) {
    const out = { ...e };
    for (const k of RUN_FACTS)
        delete out[k];
    return out;
}
/** Why the broker's record does not bear a credential line out, or undefined when it does. */
function contradiction(e, c) {
    if (!e.grant_id)
        return 'names no grant id, so the broker cannot confirm it';
    if (!c)
        return 'the broker issued no credential with this grant id for this job';
    if (e.step !== undefined && e.step !== c.step)
        return `the broker issued this grant to step '${c.step}', not '${e.step}'`;
    if (e.audience !== undefined && e.audience !== c.audience)
        return `the broker issued this grant for audience '${c.audience}', not '${e.audience}'`;
    switch (e.type) {
        case 'credential.revoked':
            if (e.outcome !== 'success')
                return undefined;
            if (c.state === 'revoked-earlier')
                return undefined;
            return c.state === 'revoked-now' || c.state === 'revocation-failed'
                ? 'the broker still held it live at job end (the audit step revoked it)'
                : `the broker's record says ${c.state}`;
        case 'credential.expired':
            return c.state === 'expired' || (c.state === 'revoked-earlier' && c.revoked_reason === 'TTL_PASSED')
                ? undefined
                : `the broker's record says ${c.state}`;
        default:
            return undefined;
    }
}
function verifyJob(input) {
    const { broker, ctx } = input;
    const byGrant = new Map((broker?.credentials ?? []).map((c) => [c.grant_id, c]));
    const events = [];
    const unverified = [];
    const attempts = new Map();
    for (const { line, event: written } of input.trail) {
        const mark = (why) => unverified.push({
            line,
            type: written.type,
            ...(0,audit_event/* pickFields */.$3)(written, ['step', 'grant_id', 'reason']),
            why,
        });
        if (AUDIT_OWN.has(written.type)) {
            mark('only the audit step writes this, from the API and the runner: a step of the job wrote it');
            continue;
        }
        // A line copied from another run's, attempt's or job's trail would be shown as this job's; one that
        // named another run also made the report a multi-run log, which drops the run, gate and
        // verification lines from the summary.
        const elsewhere = otherPlace(written, ctx);
        if (elsewhere) {
            mark(`it names ${elsewhere}: a line of another run, attempt or job`);
            continue;
        }
        // Only the broker (the kill switch) and the audit step record what people did.
        if ((0,classify/* classify */.L8)(written).class === 'administrator') {
            mark("it records a person's act (a kill-switch revocation), which only the broker can: a step of the job wrote it");
            continue;
        }
        // The place and who set the run in motion are this job's verified facts, never the line's own.
        // Nor is its `source`: a line of the trail was written by a step, whatever it claims (a `broker`
        // source would earn it the summary's \u2705).
        const e = { ...withoutPlace(written), ...(0,audit_event/* pickFields */.$3)(ctx, RUN_FACTS), source: 'action' };
        if (STEP_REPORTS.has(e.type) || e.type === 'job.enforced') {
            events.push(e);
            continue;
        }
        // credential.granted / used / revoked / expired: the broker's record decides.
        if (!broker) {
            events.push(e);
            continue;
        }
        const known = e.grant_id ? byGrant.get(e.grant_id) : undefined;
        // A store that lists only what the call revoked cannot contradict a grant it does not list: the
        // line is shown as the trail's word (the summary says ended credentials were not listed).
        if (!known && e.grant_id && !broker.complete) {
            events.push(e);
            continue;
        }
        const why = contradiction(e, known);
        if (why)
            mark(why);
        // A command's outcome is the step's word about a credential the broker confirms it issued.
        else if (e.type === 'credential.used')
            events.push(e);
        // So are the HTTP retries its exchange took (they only ever add a `retries` anomaly).
        else if (e.type === 'credential.granted' && e.attempts && e.grant_id)
            attempts.set(e.grant_id, e.attempts);
    }
    const unknownSteps = [];
    for (const c of broker?.credentials ?? []) {
        const [granted, ...rest] = brokerEvents(c, ctx);
        const n = attempts.get(c.grant_id);
        events.push(n ? { ...granted, attempts: n } : granted, ...rest);
        const ran = input.stepRan?.(c.step);
        if (ran === false)
            unknownSteps.push({ ...c, why: 'which did not run in this job: another step holds or held it' });
        // A step sharing the name that ran proves nothing: it may be the one that claimed the grant.
        else if (typeof ran === 'object')
            unknownSteps.push({
                ...c,
                why: `but ${ran.rows} steps of the job show as '${ran.shared}' in the Jobs API and not all of them ran, so whether step '${c.step}' ran cannot be told: another step may hold or have held it (fix: give step '${c.step}' a \`name:\` no other step has)`,
            });
    }
    events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    const where = (0,audit_event/* pickFields */.$3)(ctx, ['repository', 'workflow', 'job', 'run_id', 'run_attempt']);
    const anomalies = [];
    for (const c of unknownSteps)
        anomalies.push({
            kind: 'claimed-by-unknown-step',
            severity: 'error',
            ...where,
            ...(c.job ? { job: c.job } : {}),
            step: c.step,
            value: 1,
            threshold: 0,
            first: c.issued_at,
            last: c.revoked_at ?? c.issued_at,
            detail: `grant ${c.grant_id} (${c.audience}${c.scope ? ` ${c.scope}` : ''}) was claimed under step '${c.step}', ${c.why} (${c.state})`,
        });
    if (unverified.length)
        anomalies.push({
            kind: 'unverified-trail-line',
            severity: 'error',
            ...where,
            value: unverified.length,
            threshold: 0,
            first: input.now,
            last: input.now,
            detail: `${unverified.length} trail line(s) not confirmed (first: line ${unverified[0].line}, ${unverified[0].type}: ${unverified[0].why})`,
        });
    return { events, unverified, anomalies, unknownSteps };
}
/**
 * The broker-unanswered anomaly: a broker was configured and did not answer. A step of the job can
 * cause that (point ACTIONS_ID_TOKEN_REQUEST_URL elsewhere through GITHUB_ENV, block the broker's
 * host), and then the summary is the trail's word and no credential was revoked at job end: an error,
 * so `fail-on: anomaly` fails closed.
 */
function brokerAnomaly(ctx, why, now) {
    return jobAnomaly('broker-unanswered', ctx, `no answer from the broker (${why}): the workload section is the trail's word, and credentials still live were not revoked at job end (they end at their ttl)`, now);
}
/** The trail-unreadable anomaly for a TrailError. */
function trailAnomaly(ctx, message, now) {
    return jobAnomaly('trail-unreadable', ctx, message, now);
}
/**
 * The gate's anomalies (session 15): the Jobs API's view of the gate step (`judgeGate`) against the
 * trail's worst verdict. Any gate state but `passed` is `gate-not-passed` (a job without a gate step
 * of its own has none to pass); a trail verdict the Jobs API does not bear out is
 * `unconfirmed-gate-verdict`. Both errors, so `fail-on: anomaly` fails on them.
 */
function gateAnomalies(gate, reported, ctx, now) {
    const out = [];
    if (gate.state !== 'passed' && gate.state !== 'no-gate')
        out.push(jobAnomaly('gate-not-passed', ctx, gate.why, now));
    // A denial beside a gate that did not pass is already gate-not-passed; beside a gate that passed, or
    // no gate at all, it is a line no gate wrote.
    const disagrees = reported !== undefined &&
        (gate.state === 'passed' || gate.state === 'no-gate'
            ? gate.state === 'no-gate' || reported !== 'success'
            : reported === 'success');
    if (disagrees)
        out.push(jobAnomaly('unconfirmed-gate-verdict', ctx, `the trail reports the gate ${reported === 'success' ? 'allowed the job' : reported === 'error' ? 'could not judge the job' : 'denied the job'}, but ${gate.state === 'no-gate' ? `the ${gate.why}` : gate.why}: a step of the job wrote that line`, now));
    return out.map((a) => (gate.name ? { ...a, step: gate.name } : a));
}
/** An error anomaly of the whole job, seen once now. */
function jobAnomaly(kind, ctx, detail, now) {
    return {
        kind,
        severity: 'error',
        ...(0,audit_event/* pickFields */.$3)(ctx, ['repository', 'workflow', 'job', 'run_id', 'run_attempt']),
        value: 1,
        threshold: 0,
        first: now,
        last: now,
        detail,
    };
}

// EXTERNAL MODULE: ./shared/workflow/access.ts
var access = __webpack_require__(56518);
// EXTERNAL MODULE: ./shared/workflow/parse.ts + 3 modules
var parse = __webpack_require__(54709);
// EXTERNAL MODULE: ./shared/workflow/case-fold.ts
var case_fold = __webpack_require__(63246);
;// CONCATENATED MODULE: ./shared/enforce/github-source.ts
/**
 * What the enforce gate reads, through the contents API over an injected Octokit: the running workflow
 * file and its local callees at GITHUB_WORKFLOW_SHA, the manifest and org policy at a ref. The gate is
 * the first step of a job, before any checkout, so nothing here touches the workspace. Every failure
 * becomes an EnforceSourceError that says what could not be read and what to do.
 */






/** The gate cannot judge: the reason and the fix, both safe to print (never a token). */
class EnforceSourceError extends Error {
    fix;
    status;
    code = 'ERR_ENFORCE_UNAVAILABLE';
    constructor(message, fix, status) {
        super(message);
        this.fix = fix;
        this.status = status;
        this.name = 'EnforceSourceError';
    }
}
/**
 * Undefined when `value` does not name one workflow file. A file name may hold `@` (git allows it):
 * `o/r/.github/workflows/release.yml@x.yml@refs/heads/f` is the file `release.yml@x.yml`, which the
 * first `@` would read as `release.yml` at the ref `x.yml@refs/heads/f`, and the gate would judge the
 * listed `release.yml` at the run's commit while `release.yml@x.yml` runs. Such a reference is
 * refused (the gate cannot judge it) rather than split one way or the other (session 13).
 */
function parseWorkflowRef(value) {
    const m = /^([^/\s]+)\/([^/\s]+)\/(\.github\/workflows\/[^/@\s]+\.ya?ml)@(\S+)$/.exec(value);
    if (!m || /^[^/\s]*\.ya?ml@/i.test(m[4]))
        return undefined;
    return { owner: m[1], repo: m[2], path: m[3], file: (0,external_node_path_.basename)(m[3]), ref: m[4] };
}
const TOKEN_FIX = 'give the job `permissions: { contents: read }` (with `id-token: write` if it also uses the broker); the gate reads the workflow and the manifest through the API';
/** An API failure as a reason and a fix; 404 is the caller's to word (missing file vs missing repository). */
function sourceError(err, what) {
    if (err instanceof EnforceSourceError)
        return err;
    const status = err.status;
    if (status === 401)
        return new EnforceSourceError(`cannot read ${what}: the token was refused (HTTP 401)`, 'pass the job token (the default `token: ${{ github.token }}`) or a valid GitHub App token', 401);
    if (status === 403)
        return new EnforceSourceError(`cannot read ${what}: the token lacks contents: read (HTTP 403)`, TOKEN_FIX, 403);
    if (status === 404)
        return new EnforceSourceError(`cannot read ${what}: not found (HTTP 404)`, 'check the ref and path; a token without access to a private repository also gets 404', 404);
    return new EnforceSourceError(`cannot read ${what}: ${status ? `GitHub answered HTTP ${status}` : err.message}`, 're-run the job; when it persists, check https://www.githubstatus.com or the GITHUB_API_URL of the runner', status);
}
const label = (f) => `${f.path} of ${f.owner}/${f.repo}${f.ref ? ` at ${f.ref}` : ''}`;
/** The contents API's answer for a path, or undefined when GitHub says it is not there (404). */
async function getContent(gh, f) {
    try {
        const res = await gh.rest.repos.getContent({
            owner: f.owner,
            repo: f.repo,
            path: f.path,
            ...(f.ref ? { ref: f.ref } : {}),
        });
        return res.data;
    }
    catch (err) {
        if (err.status === 404)
            return undefined;
        throw sourceError(err, label(f));
    }
}
/** A file's text, or undefined when GitHub says it is not there (404). Other failures throw. */
async function readRepoFile(gh, f) {
    const data = (await getContent(gh, f));
    if (data === undefined)
        return undefined;
    if (Array.isArray(data) || data.type !== 'file')
        throw new EnforceSourceError(`${label(f)} is not a file`, 'point the input at a file');
    // Above 1 MB the contents API leaves `content` empty (encoding `none`): no workflow or manifest is that big.
    if (data.encoding !== 'base64' || typeof data.content !== 'string')
        throw new EnforceSourceError(`${label(f)} is too large to read`, 'keep the file under 1 MB');
    return Buffer.from(data.content, 'base64').toString('utf8');
}
/**
 * The contents API lists at most 1,000 entries of a directory (docs.github.com, "Get repository
 * content"): a listing that long may hide a name, so it is taken as cut short.
 */
const CONTENTS_LIST_LIMIT = 1000;
/** What the contents API says a path is, or undefined for 404; `''` asks for the repository root. */
async function pathAnswer(gh, f) {
    const data = (await getContent(gh, f));
    if (data === undefined)
        return undefined;
    if (Array.isArray(data))
        return { kind: 'dir', names: data.flatMap((e) => (typeof e.name === 'string' ? [e.name] : [])) };
    return { kind: typeof data.type === 'string' ? data.type : 'unknown entry' };
}
/** github.com follows reusable workflows ten levels deep; and a sane bound on files read. */
const MAX_LEVELS = 10;
const MAX_FILES = 50;
/**
 * Local composite action files read by the gate (two tries per action: .yml, .yaml). Past it the
 * gate cannot judge the job (it refused to guess before session 13 only for the static check: the
 * gate added nothing more and allowed the job, so an action past the budget ran unjudged).
 */
const MAX_ACTION_FILES = 50;
/**
 * The running workflow and every local reusable workflow it reaches, parsed, all at `sha` (a local
 * `uses: ./.github/workflows/x.yml` always runs from the caller's commit). A missing running file is
 * an error; a missing callee becomes an error model, reported by the check's `invalid-workflow`.
 */
async function readRunningWorkflows(gh, wref, sha) {
    const read = async (file) => {
        const path = `${workflow_load/* WORKFLOWS_DIR */.xs}/${file}`;
        const text = await readRepoFile(gh, { owner: wref.owner, repo: wref.repo, path, ref: sha });
        if (text === undefined && file === wref.file)
            throw new EnforceSourceError(`cannot read the running workflow ${path} of ${wref.owner}/${wref.repo} at ${sha}: not found (HTTP 404)`, 'the token must read this repository (contents: read); a workflow from another repository (a ruleset-required workflow) needs a token that can read that repository', 404);
        return text === undefined
            ? { file, path, triggers: [], jobs: [], error: { message: `not found at ${sha}`, line: 1 } }
            : (0,parse/* parseWorkflow */.hM)(file, path, text);
    };
    const models = new Map();
    let frontier = [wref.file];
    for (let level = 1; level <= MAX_LEVELS && frontier.length > 0; level++) {
        const batch = frontier.filter((f) => !models.has(f)).slice(0, MAX_FILES - models.size);
        for (const m of await Promise.all(batch.map(read)))
            models.set(m.file, m);
        frontier = [
            ...new Set(batch.flatMap((f) => (models.get(f)?.jobs ?? []).flatMap((j) => {
                const callee = j.uses && (0,access/* localWorkflowFile */.nk)(j.uses.uses);
                return callee && !models.has(callee) ? [callee] : [];
            }))),
        ];
    }
    // The actions of local composite actions the jobs run, read at the same commit, at most
    // MAX_ACTION_FILES files. Past that the job cannot be judged: nothing more added would let an
    // action outside `allowed-actions` run behind enough local actions (of any job of the file), with
    // the gate's "allowed" and only an `unread-local-action` warning.
    let budget = MAX_ACTION_FILES;
    let over;
    // A path's contents-API answer (its kind, and a directory's entry names), asked once per run: every
    // missing action under `.github/actions/` would otherwise ask for `.github` and `.github/actions`
    // again, and a dozen actions an earlier step makes put a judged job past the budget (session 20).
    // Each new look-up counts against the budget; past it the job is not judged (refused).
    const looked = new Map();
    const lookUp = (path) => {
        let hit = looked.get(path);
        if (!hit) {
            if (budget-- <= 0) {
                over ??= path || '(the repository root)';
                return undefined;
            }
            hit = pathAnswer(gh, { owner: wref.owner, repo: wref.repo, path, ref: sha });
            looked.set(path, hit);
        }
        return hit;
    };
    // Past the budget nothing is listed: `over` is set and the job is not judged (refused below).
    const list = async (path) => {
        const a = await lookUp(path);
        return a?.names ? { names: a.names, full: a.names.length >= CONTENTS_LIST_LIMIT } : undefined;
    };
    const actionFile = async (dir) => {
        for (const name of ['action.yml', 'action.yaml']) {
            if (budget-- <= 0) {
                over ??= dir ? `${dir}/${name}` : name;
                return undefined;
            }
            const path = dir ? `${dir}/${name}` : name;
            const text = await readRepoFile(gh, { owner: wref.owner, repo: wref.repo, path, ref: sha }).catch((err) => {
                // There, but not read: over the contents API's 1 MB (the runner reads 10 MiB), a link
                // out of the repository or to a directory, a directory. GitHub may run it: refused
                // (unreadable-local-action, an error), never taken for an action an earlier step makes.
                if (err instanceof EnforceSourceError && err.status === undefined)
                    return {
                        refused: `${err.message}: the gate reads action files through the contents API, which serves a regular file of the repository under 1 MB`,
                    };
                throw err;
            });
            if (typeof text === 'object')
                return { path, refused: text.refused };
            if (text !== undefined)
                return { path, text };
        }
        // Neither file: the contents API answers a path through a linked directory with 404 too, and the
        // runner follows that link in the checkout. The directory and those above it are asked for one
        // by one until one is missing (no action there) or a link (refused).
        const parts = dir ? dir.split('/') : [];
        for (let i = 1; i <= parts.length; i++) {
            const path = parts.slice(0, i).join('/');
            const answer = lookUp(path);
            if (!answer)
                return undefined;
            const kind = (await answer)?.kind;
            if (kind === undefined)
                break;
            if (kind !== 'dir' && kind !== 'file')
                return {
                    path,
                    refused: `${label({ owner: wref.owner, repo: wref.repo, path, ref: sha })} is a ${kind}, which the runner follows in the checkout and the contents API does not: the gate cannot read the action behind it`,
                };
        }
        // Missing as named: held in another case, which a macOS or Windows runner runs? Each parent
        // directory (the root too) is listed once per run, inside the budget (session 21).
        return (0,case_fold/* caseFoldedAction */.zD)(dir, list);
    };
    const withActions = await (0,composite/* withCompositeActions */.B1)([...models.values()], actionFile);
    if (over !== undefined)
        throw new EnforceSourceError(`the jobs of ${wref.path} at ${sha} run more local action files than the gate reads at job start (${MAX_ACTION_FILES}; the first not read: ${over}), so it cannot judge what the job runs`, 'use fewer local composite actions in this workflow (each job of the file counts), or move jobs into workflows of their own; `stepwarden check` reads them all');
    return withActions;
}
/**
 * `GET /repos/{owner}/{repo}` (metadata, which every job token can read). The event payload carries
 * the same facts, but the payload is a file in the runner's temp directory that can be rewritten
 * before the first step runs; the gate compares it against this answer instead of believing it.
 */
async function repositoryFacts(gh, owner, repo) {
    try {
        const { data } = await gh.rest.repos.get({ owner, repo });
        return {
            id: data.id,
            ownerId: data.owner.id,
            fullName: data.full_name,
            defaultBranch: data.default_branch,
        };
    }
    catch (err) {
        throw sourceError(err, `the repository ${owner}/${repo}`);
    }
}

;// CONCATENATED MODULE: ./shared/actions/event-payload.ts
/** The event payload the runner writes at GITHUB_EVENT_PATH, for entry points that read it. */

/** The parsed payload, or undefined when there is none or it cannot be read (callers fall back). */
async function readEventPayload(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    try {
        return JSON.parse(await (0,promises_.readFile)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./shared/actions/audit.ts
/**
 * actions/audit (last step, `if: always()`): asks the broker (fresh OIDC token, used once) for every
 * credential it issued for this run attempt and job, which revokes every live one; takes who or what
 * started the run, access-rule changes and environment approvals from the verified token, the API and
 * the runner, and which steps ran from the Jobs API; then writes the job summary that keeps workload
 * activity apart from administrator activity. The job's trail, which every step can write, is checked
 * against all that: what is not confirmed is shown as unverified, never as fact. Uploads nothing;
 * `trail-path` copies the trail for an artifact upload.
 */






















/** Grants of the trail with no revocation or expiry after them. */
function liveGrants(events) {
    const live = new Map();
    for (const e of events) {
        if (e.type === 'credential.granted' && e.outcome === 'success' && e.grant_id)
            live.set(e.grant_id, e);
        else if ((e.type === 'credential.revoked' && e.outcome === 'success') || e.type === 'credential.expired')
            if (e.grant_id)
                live.delete(e.grant_id);
    }
    return [...live.values()];
}
function thresholds() {
    return (0,anomalies/* parseThresholds */.S)(
    // An empty input is an unset one, as the runner passes every input.
    (k) => core/* getInput */.V4(k) || undefined, (k) => `input '${k}'`);
}
const httpStatus = (err) => err.status;
const failure = (err) => {
    const status = httpStatus(err);
    return `${status ? `HTTP ${status}: ` : ''}${err.message}`;
};
/** The broker's answer at job end (its call revokes every live credential of the job), or why none. */
async function askBroker(env, brokerUrl, oidcAudience) {
    if (!brokerUrl)
        return { why: 'no broker-url' };
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL)
        return { why: "no OIDC token: the job needs 'permissions: id-token: write'" };
    try {
        // A fresh OIDC token per attempt (the broker uses one once), masked as it is made; retried on
        // unreachable, 429 and 5xx after the broker's Retry-After (broker-client.ts post(), one loop).
        const body = await (0,broker_client/* endJob */.Lt)(brokerUrl, maskedIdTokens(oidcAudience), env.GITHUB_JOB ?? '');
        const parsed = brokerListingSchema.safeParse(body);
        if (!parsed.success)
            return { why: 'the broker answered without a credential list (a broker older than this action?)' };
        // The token came from ACTIONS_ID_TOKEN_REQUEST_URL, which a step can redirect (GITHUB_ENV): a token
        // of another run would list another job's credentials as this one's.
        const sub = parsed.data.subject;
        const other = [
            ['run', sub.run_id, env.GITHUB_RUN_ID],
            ['repository', sub.repository?.toLowerCase(), env.GITHUB_REPOSITORY?.toLowerCase()],
        ].find(([, signed, runner]) => signed && runner && signed !== runner);
        if (other) {
            annotations.error(`stepwarden: the OIDC token the runner handed out is for ${other[0]} '${other[1]}', not this job's '${other[2]}': a step redirected the token request; the broker's answer is not used`);
            return { why: `the OIDC token is for another ${other[0]}` };
        }
        return { listing: parsed.data };
    }
    catch (err) {
        return { why: `the broker failed: ${err.message}` };
    }
}
/** The run context, with every fact the broker verified in GitHub's signed token in place of the env's. */
function verifiedContext(env, subject) {
    const ctx = (0,audit_trail/* runContext */.pO)(env);
    if (!subject)
        return ctx;
    const s = subject;
    return {
        ...ctx,
        ...(s.repository ? { repository: s.repository } : {}),
        ...(s.repository_id ? { repository_id: s.repository_id } : {}),
        ...(s.workflow ? { workflow: s.workflow } : {}),
        ...(s.run_id ? { run_id: s.run_id } : {}),
        ...(s.run_attempt ? { run_attempt: Number(s.run_attempt) || 1 } : {}),
        ...(s.event_name ? { event_name: s.event_name } : {}),
        ...(s.ref ? { ref: s.ref } : {}),
        ...(s.sha ? { sha: s.sha } : {}),
        ...(s.actor ? { actor: (0,audit_event/* actorFromLogin */.ri)(s.actor, s.actor_id) } : {}),
    };
}
/** Environment approvals of the run (Actions API), or why they could not be read. */
async function approvals(env, ctx, token, now) {
    if (!token)
        return { why: 'no token' };
    const [owner, repo] = (ctx.repository ?? '').split('/');
    if (!owner || !repo || !ctx.run_id)
        return { why: 'no repository or run id' };
    try {
        const gh = (0,octokit/* runnerOctokit */.MF)(token, env);
        const res = await gh.rest.actions.getReviewsForRun({ owner, repo, run_id: Number(ctx.run_id) });
        return { events: (0,run_events/* approvalEvents */.zq)(ctx, res.data, now) };
    }
    catch (err) {
        const status = httpStatus(err);
        annotations.warning(`stepwarden: environment approvals not read${status ? ` (HTTP ${status})` : ''}: ${err.message}. ` +
            "The token needs 'actions: read'; the summary lists no approvals.");
        return { why: `approvals not read${status ? ` (HTTP ${status})` : ''}` };
    }
}
/** The running workflow's steps of this job (for the Jobs API's display names) and its path, when readable. */
async function workflowSteps(env, token, subject) {
    const ref = subject?.job_workflow_ref ?? subject?.workflow_ref ?? env.GITHUB_WORKFLOW_REF ?? '';
    const wref = parseWorkflowRef(ref);
    const sha = subject?.job_workflow_sha ?? subject?.workflow_sha ?? env.GITHUB_WORKFLOW_SHA ?? wref?.ref;
    if (!wref || !sha || !env.GITHUB_JOB)
        return undefined;
    try {
        const text = await readRepoFile((0,octokit/* runnerOctokit */.MF)(token, env), {
            owner: wref.owner,
            repo: wref.repo,
            path: wref.path,
            ref: sha,
        });
        if (text === undefined)
            return undefined;
        const job = (0,parse/* parseWorkflow */.hM)(wref.file, wref.path, text).jobs.find((j) => j.id === env.GITHUB_JOB);
        // A job of a called workflow: the token's job_workflow_ref names another file than its workflow_ref.
        const called = !!subject?.job_workflow_ref && subject.job_workflow_ref !== subject.workflow_ref;
        return job ? { steps: job.steps, path: wref.path, shown: jobShownName(job, job.id, called) } : undefined;
    }
    catch {
        return undefined;
    }
}
/** Which of the job's steps ran (Jobs API), as a function of a grant's step name; or why unknown. */
async function jobSteps(env, ctx, token, subject) {
    if (!token)
        return { why: 'no token to read the Jobs API' };
    const [owner, repo] = (ctx.repository ?? '').split('/');
    if (!owner || !repo || !ctx.run_id)
        return { why: 'no repository or run id' };
    let jobs;
    try {
        const gh = (0,octokit/* runnerOctokit */.MF)(token, env);
        jobs = (await gh.paginate(gh.rest.actions.listJobsForWorkflowRunAttempt, {
            owner,
            repo,
            run_id: Number(ctx.run_id),
            attempt_number: ctx.run_attempt ?? 1,
            per_page: 100,
        }));
    }
    catch (err) {
        annotations.warning(`stepwarden: the job's steps were not read from the Jobs API (${failure(err)}); grants claimed under a step that never ran cannot be told. The token needs 'actions: read'.`);
        return { why: `the Jobs API was not read (${httpStatus(err) ?? 'error'})` };
    }
    const read = await workflowSteps(env, token, subject);
    // Found by name only without a check run id: under the name GitHub shows (the job's `name:`), never
    // another job that took the id as its `name:`; a `name:` with an expression finds none.
    const shown = read ? read.shown : env.GITHUB_JOB;
    if (!subject?.check_run_id && typeof shown === 'object')
        return {
            why: `${shown.why} (${read.path}) and the OIDC token names no check run, so its row in the Jobs API cannot be told`,
        };
    const found = findJob(jobs, {
        ...(subject?.check_run_id ? { checkRunId: subject.check_run_id } : {}),
        ...(typeof shown === 'string' && shown ? { name: shown } : {}),
    });
    if (!('job' in found))
        return { why: found.why };
    const steps = read?.steps;
    return {
        ran: (step) => stepRan(found.job, step, steps),
        mapped: steps !== undefined,
        // Which step is the gate, and whether a success means "allowed", only the workflow can say.
        ...(read ? { gate: judgeGate(found.job, read.steps, read.path) } : {}),
    };
}
/** Appends to the trail unless it was found tampered with (never through a link, never into a directory). */
function appender(env, trailError) {
    let usable = !trailError || trailError.code === 'ERR_TRAIL_MISSING';
    return (write) => {
        if (!usable)
            return;
        try {
            write();
        }
        catch (err) {
            usable = false;
            annotations.warning(`stepwarden: the job's trail cannot be written: ${err.message}`);
        }
    };
}
const auditAction = {
    summary: 'Job end: revoke leftovers, write the job summary (workload vs administrator)',
    async run(_argv, io) {
        const env = io.env;
        const brokerUrl = core/* getInput */.V4('broker-url');
        const oidcAudience = core/* getInput */.V4('oidc-audience') || brokerUrl;
        const token = core/* getInput */.V4('token');
        if (token)
            core/* setSecret */.Pq(token);
        const copyTo = core/* getInput */.V4('trail-path');
        const manifest = core/* getInput */.V4('manifest') || schema/* MANIFEST_PATH */.U4;
        const failOn = core/* getInput */.V4('fail-on') || 'never';
        if (!['never', 'anomaly'].includes(failOn)) {
            annotations.setFailed(`fail-on must be never or anomaly, not '${failOn}'`);
            return 2;
        }
        // Session 23: a job end that failed leaves the job's credentials live until their ttl; by default
        // that fails the step (after the summary), whatever fail-on says. `warn`: the warning only.
        const jobEndFailure = core/* getInput */.V4('job-end-failure') || 'fail';
        if (!['fail', 'warn'].includes(jobEndFailure)) {
            annotations.setFailed(`job-end-failure must be fail or warn, not '${jobEndFailure}'`);
            return 2;
        }
        let limits;
        let path;
        try {
            limits = thresholds();
            path = (0,audit_trail/* trailPath */.yg)(env);
        }
        catch (err) {
            annotations.setFailed(err.message);
            return 2;
        }
        const now = new Date().toISOString();
        // The trail: any step of the job can have written, deleted or replaced it.
        let trail = { events: [], lines: [], malformed: [] };
        let trailError;
        try {
            trail = (0,audit_trail/* readTrail */.hd)(path);
        }
        catch (err) {
            if (!(err instanceof audit_trail/* TrailError */.$Y))
                throw err;
            trailError = err;
            annotations.error(`stepwarden: ${err.message}`);
        }
        const append = appender(env, trailError);
        // The broker's record (this call also revokes every credential of the job still live).
        const answer = await askBroker(env, brokerUrl, oidcAudience);
        const listing = 'listing' in answer ? answer.listing : undefined;
        if (!listing) {
            const live = liveGrants(trail.events).length;
            if (!brokerUrl)
                annotations.warning(`stepwarden: ${live} credential(s) still live at job end and no broker-url to revoke them; they expire at their ttl. Nothing in the summary is checked against the broker.`);
            else {
                const text = `stepwarden: job-end revocation and the broker's record failed (${answer.why}); the job's credentials stay live until the broker expires them at their ttl, and the summary shows the trail's word only`;
                if (jobEndFailure === 'fail')
                    annotations.error(text);
                else
                    annotations.warning(text);
            }
        }
        else if (listing.revoked)
            core/* info */.pq(`stepwarden: the broker revoked ${listing.revoked} credential(s) still live at job end`);
        const ctx = verifiedContext(env, listing?.subject);
        // Run-level and administrator facts: never from the trail.
        let payload = await readEventPayload(env);
        const mismatch = listing ? (0,run_events/* payloadMismatch */.NY)(ctx.event_name, payload, listing.subject) : undefined;
        if (mismatch) {
            annotations.error(`stepwarden: the event payload at GITHUB_EVENT_PATH does not match the run GitHub signed (${mismatch}): a step rewrote it; its inputs and pushed files are not shown`);
            payload = undefined;
        }
        const first = listing?.credentials[0]?.issued_at ?? now;
        const runEvents = [
            (0,run_events/* runStartedEvent */.Pp)(ctx, payload, first < now ? first : now),
            ...(0,run_events/* accessChangeEvents */.Gn)(ctx, ctx.event_name, payload, manifest, now),
        ];
        const reviews = await approvals(env, ctx, token, now);
        if ('events' in reviews)
            runEvents.push(...reviews.events);
        const steps = await jobSteps(env, ctx, token, listing?.subject);
        const checked = verifyJob({
            trail: trail.lines,
            ...(listing ? { broker: listing } : {}),
            ...('ran' in steps ? { stepRan: steps.ran } : {}),
            ctx,
            now,
        });
        const extra = [
            ...checked.anomalies,
            ...(trailError ? [trailAnomaly(ctx, trailError.message, now)] : []),
            ...(brokerUrl && 'why' in answer ? [brokerAnomaly(ctx, answer.why, now)] : []),
        ];
        const built = (0,audit_report/* buildReport */.F)([...runEvents, ...checked.events], { thresholds: limits });
        // The trail's verdict (the worst of its lines) against the gate's step in the Jobs API.
        const gate = 'gate' in steps ? steps.gate : undefined;
        if (gate)
            extra.push(...gateAnomalies(gate, built.gate?.outcome, ctx, now));
        const report = {
            ...built,
            anomalies: [...built.anomalies, ...extra],
            totals: {
                ...built.totals,
                anomalies: built.totals.anomalies + extra.length,
                malformed: built.totals.malformed + trail.malformed.length,
            },
            verification: {
                ...verification(listing, answer, reviews, steps, checked.unverified, trailError, mismatch),
                ...(gate ? { gate } : {}),
            },
        };
        for (const u of checked.unknownSteps)
            annotations.error(`stepwarden: the broker issued grant ${u.grant_id} under step '${u.step}', ${u.why} (${u.state})`);
        for (const e of runEvents)
            append(() => (0,audit_trail/* appendTrailEvent */.jr)(env, e));
        for (const c of listing?.credentials ?? [])
            if (c.state === 'revoked-now' || c.state === 'revocation-failed')
                append(() => (0,audit_trail/* appendTrail */.vy)(env, {
                    type: 'credential.revoked',
                    outcome: c.state === 'revoked-now' ? 'success' : 'error',
                    reason: c.state === 'revoked-now' ? 'REVOKED_AT_JOB_END' : 'ERR_REVOKE_FAILED',
                    detail: 'still live at job end; revoked by the broker for the audit step',
                    step: c.step,
                    audience: c.audience,
                    grant_id: c.grant_id,
                }));
        append(() => (0,audit_trail/* appendTrail */.vy)(env, {
            type: 'job.summary',
            outcome: 'success',
            details: {
                workload: report.totals.workload,
                administrator: report.totals.administrator,
                anomalies: report.totals.anomalies,
                refusals: report.totals.refusals,
                unverified: checked.unverified.length,
                verified_by_broker: !!listing,
            },
        }));
        if (trail.malformed.length)
            annotations.warning(`stepwarden: ${trail.malformed.length} unreadable trail line(s): ${trail.malformed.slice(0, 10).join(', ')}`);
        if (checked.unverified.length)
            annotations.warning(`stepwarden: ${checked.unverified.length} trail line(s) the broker's record does not confirm; the summary shows them as unverified`);
        const markdown = (0,render_markdown/* renderAuditMarkdown */.ti)(report, { version: version/* VERSION */.x });
        if (writeStepSummary(markdown, env) === 'none')
            core/* info */.pq(markdown);
        if (copyTo && !trailError) {
            const dest = (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE ?? io.cwd, copyTo);
            await (0,output_file/* writeOutputFile */.B)(dest, (0,external_node_fs_.readFileSync)(path, 'utf8'), { mkdirs: true });
            core/* setOutput */.uH('trail-path', dest);
        }
        const t = report.totals;
        core/* setOutput */.uH('workload', String(t.workload));
        core/* setOutput */.uH('administrator', String(t.administrator));
        core/* setOutput */.uH('anomalies', String(t.anomalies));
        core/* setOutput */.uH('refusals', String(t.refusals));
        core/* setOutput */.uH('live-at-end', String(t.live_at_end));
        core/* setOutput */.uH('unverified', String(checked.unverified.length));
        if (brokerUrl && !listing && jobEndFailure === 'fail') {
            annotations.setFailed("stepwarden: the job end failed, so this job's credentials were not revoked (they end at their ttl); see the error above. job-end-failure: warn makes this a warning");
            return 3;
        }
        if (failOn === 'anomaly' && t.anomalies > 0) {
            annotations.setFailed(`stepwarden: ${t.anomalies} anomaly(ies) in this job; see the job summary`);
            return 1;
        }
        // Without a broker every fact fail-on could fail on is the trail's word: a step that erased its
        // lines would pass. (A broker-url that went unanswered is a broker-unanswered anomaly above.)
        if (failOn === 'anomaly' && !brokerUrl) {
            annotations.setFailed("stepwarden: fail-on: anomaly needs broker-url: without the broker's record, no anomaly means only that the job's trail, which every step of the job can write, shows none. Set broker-url (and 'permissions: id-token: write'), or fail-on: never for a summary that is the trail's word");
            return 2;
        }
        return 0;
    },
};
/** The summary's one line: what was checked against what, and what was not. */
function verification(listing, answer, reviews, steps, unverified, trailError, payloadProblem) {
    const verified = [];
    const notVerified = [];
    if (listing) {
        verified.push(`the broker's record of every credential of this run attempt and job${listing.subject.check_run_id ? ` (check run ${listing.subject.check_run_id}: this matrix leg only)` : ''}`, "the run's repository, attempt, event, ref and actor in the OIDC token GitHub signed (checked by the broker)");
        if (!listing.complete)
            notVerified.push('credentials revoked or expired before job end (the broker cannot list them)');
    }
    else
        notVerified.push(`credentials (${'why' in answer ? answer.why : 'no broker answer'}: the workload section is the trail's word)`, "the run's facts (taken from the runner's environment)");
    if ('mapped' in steps)
        verified.push(`the steps that ran in the Jobs API${steps.mapped ? ' (named through the workflow file)' : ' (by step name only)'}`);
    else
        notVerified.push(`whether each grant's step ran (${steps.why})`);
    const gateChecked = 'mapped' in steps && steps.gate !== undefined;
    if (gateChecked)
        verified.push("the enforce gate's step in the Jobs API (passed, failed, skipped or never ran)");
    if ('events' in reviews)
        verified.push('environment approvals in the Actions API');
    else
        notVerified.push(`environment approvals (${reviews.why})`);
    notVerified.push(gateChecked
        ? "refusals, commands' outcomes and the gate's reasons (reported by the job's steps in the trail)"
        : "refusals, commands' outcomes and the gate's verdict (reported by the job's steps in the trail)", payloadProblem
        ? 'the event payload, ignored: it does not match the signed run'
        : listing
            ? 'dispatch inputs and pushed files (the event payload; its repository, ref and commit match the signed run)'
            : 'dispatch inputs and pushed files (the event payload)');
    return {
        verified,
        notVerified,
        brokerConfirmed: !!listing,
        unverified,
        ...(trailError ? { trailError: trailError.message } : {}),
    };
}

;// CONCATENATED MODULE: ./shared/enforce/facts.ts
/** Each disagreement with the API, as one phrase; empty when every stated fact agrees. */
function factConflicts(api, claims) {
    const out = [];
    const given = (v) => v !== undefined && v !== null && v !== '';
    for (const c of claims) {
        if (given(c.id) && String(c.id) !== String(api.id))
            out.push(`${c.source} says repository id ${String(c.id)}, the API says ${api.id}`);
        if (given(c.ownerId) && String(c.ownerId) !== String(api.ownerId))
            out.push(`${c.source} says owner id ${String(c.ownerId)}, the API says ${api.ownerId}`);
        if (given(c.fullName) && String(c.fullName).toLowerCase() !== api.fullName.toLowerCase())
            out.push(`${c.source} says repository ${String(c.fullName)}, the API says ${api.fullName}`);
        if (given(c.defaultBranch) && String(c.defaultBranch) !== api.defaultBranch)
            out.push(`${c.source} says default branch '${String(c.defaultBranch)}', the API says '${api.defaultBranch}'`);
    }
    return out;
}
/**
 * Whether `ref` names code the change under test controls rather than the default branch: the run's
 * branch (short, `heads/\u2026` or full), any pull request ref (`refs/pull/N/merge|head`, short or full:
 * every pull request's author writes them), or one of the run's commits. Reading the manifest there
 * lets the change widen its own gate.
 */
function isOwnRef(ref, run) {
    const norm = (r) => r.replace(/^refs\//, '').replace(/^heads\//, '');
    const target = norm(ref.trim());
    if (target === run.defaultBranch)
        return false;
    // Any pull request's refs, not only this run's: whoever opens a pull request (from a fork too)
    // writes its `refs/pull/N/head`, so `manifest-ref: refs/pull/999/head` read a manifest the author
    // of pull request 999 wrote (session 8).
    if (/^pull\/[^/]+\/(?:merge|head)$/i.test(target))
        return true;
    const own = new Set();
    for (const r of run.refs) {
        if (!r)
            continue;
        own.add(norm(r));
        // refs/pull/7/merge and refs/pull/7/head are the same pull request's code.
        const pr = /^pull\/(\d+)\/(?:merge|head)$/.exec(norm(r));
        if (pr)
            for (const k of ['merge', 'head'])
                own.add(`pull/${pr[1]}/${k}`);
    }
    if (own.has(target))
        return true;
    const lower = target.toLowerCase();
    return run.shas.some((s) => !!s && s.length >= 7 && lower.length >= 7 && s.toLowerCase().startsWith(lower));
}

// EXTERNAL MODULE: ./shared/check/rules/disallowed-trigger.ts
var disallowed_trigger = __webpack_require__(15104);
// EXTERNAL MODULE: ./shared/check/rules/unused-grant.ts
var unused_grant = __webpack_require__(33248);
// EXTERNAL MODULE: ./shared/check/run.ts + 1 modules
var run = __webpack_require__(25470);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(13966);
// EXTERNAL MODULE: ./shared/manifest/own.ts
var own = __webpack_require__(67894);
;// CONCATENATED MODULE: ./shared/enforce/verdict.ts








/** The problem of a job that is not in the running workflow file or its local callees. */
const UNKNOWN_JOB = 'unknown-job';
/** Rules whose static findings do not describe one running job (replaced or meaningless here). */
const DROPPED = new Set([unused_grant/* unusedGrant */.V.meta.id, disallowed_trigger/* disallowedTrigger */.P.meta.id]);
/** github.com runs reusable workflows up to ten levels deep, as resolveAccess follows them. */
const verdict_MAX_LEVELS = 10;
/** Files reachable from the running workflow through local `uses: ./.github/workflows/x.yml` calls. */
function reachableFiles(byFile, start) {
    const seen = new Set([start]);
    let frontier = [start];
    for (let level = 1; level < verdict_MAX_LEVELS && frontier.length > 0; level++) {
        const next = [];
        for (const file of frontier)
            for (const job of byFile.get(file)?.jobs ?? []) {
                const callee = job.uses && (0,access/* localWorkflowFile */.nk)(job.uses.uses);
                if (callee && byFile.has(callee) && !seen.has(callee)) {
                    seen.add(callee);
                    next.push(callee);
                }
            }
        frontier = next;
    }
    return seen;
}
/**
 * Whether the running job is within the manifest. GitHub sets GITHUB_WORKFLOW_REF to the caller file
 * and GITHUB_JOB to the callee job (actions/runner#2577), so the file the job is defined in comes from
 * the OIDC token's `job_workflow_ref` when the caller has one (`jobWorkflow`): that file's job only.
 * Without it the job is every candidate GITHUB_JOB can name \u2014 the running file's own job with that id
 * and every job with that id in a local reusable workflow reached from it \u2014 each judged, any error
 * denying (fail closed); and when the running workflow calls a remote reusable workflow, whose jobs
 * may share the id, the job is refused as unknown (see identifyJob).
 */
function enforceJob(input) {
    const { workflow, job, event } = input;
    const base = { workflow, job, event };
    const byFile = new Map(input.workflows.map((w) => [w.file, w]));
    const running = byFile.get(workflow);
    if (!running) {
        return verdictOf(base, [
            {
                rule: UNKNOWN_JOB,
                severity: 'error',
                message: `the running workflow '${workflow}' was not read, so job '${job}' cannot be judged`,
                file: `.github/workflows/${workflow}`,
                line: 1,
            },
        ]);
    }
    const reachable = reachableFiles(byFile, workflow);
    const identity = identifyJob(input, running, reachable, byFile);
    if (identity.problem)
        return verdictOf(base, [identity.problem]);
    // In this run a callee only runs as a callee, for the caller's event: its own `on:` does not apply.
    // Made call-only, it is judged solely through callers from the running file, never on its own.
    const asRun = input.workflows
        .filter((w) => reachable.has(w.file))
        .map((w) => w.file === workflow || w.error
        ? w
        : { ...w, triggers: [{ value: 'workflow_call', line: w.triggers[0]?.line ?? 1 }] });
    const policy = (0,effective_policy/* effectivePolicy */.Ci)(input.manifest.manifest, input.org?.value);
    const candidates = (0,access/* resolveAccess */.pQ)(asRun, policy.repositoryDefault).filter((a) => a.job === job &&
        (a.via !== undefined || a.workflow === workflow) &&
        (identity.file === undefined ||
            (a.workflow === identity.file && (a.via !== undefined) === (identity.file !== workflow))));
    const result = (0,run/* runCheck */.k_)({
        workflows: asRun,
        jobs: candidates,
        manifest: input.manifest,
        ...(input.org ? { org: input.org } : {}),
    });
    // Known to be one file's job: findings about a same-named job of another file are not about it.
    const files = identity.file ? new Set([identity.file]) : reachable;
    const problems = result.findings.filter((f) => concernsJob(f, input, files, candidates)).map(problem);
    if (candidates.length === 0 && !running.error)
        problems.push(unknownJob(input, running, reachable));
    const trigger = triggerProblem(input, running, policy);
    if (trigger)
        problems.push(trigger);
    return verdictOf(base, problems);
}
/**
 * A job's `uses:` whose jobs the gate does not read: anything but a local workflow file it reached. A
 * job-level `uses:` is always a workflow call, so no path shape is asked for: GitHub's reader
 * (`parseFileReference`) takes `o/r/.github//workflows/x.yml@v`, `o//r/\u2026`, `\u2026/workflows/./x.yml@v` and
 * `.//.github/workflows/x.yml` (a local path with a leading slash) alike, which a
 * `/.github/workflows/NAME@` pattern or the local-file reading did not see as a call (session 23).
 */
const unreadCall = (uses, reachable) => {
    const file = (0,access/* localWorkflowFile */.nk)(uses);
    return file === undefined || !reachable.has(file);
};
/**
 * Why the job's file is at another commit than the workflows the gate read, or undefined. A local
 * callee (`./`, `$/`) runs at the caller's commit; the same file called by full reference
 * (`owner/repo/.github/workflows/ci.yml@other`, the running file itself included) runs at another
 * one, under the same name. Judged by the token's `job_workflow_sha` when both commits are known,
 * else by the refs; with neither the gate cannot tell (fail closed).
 */
function otherCommit(jw, readAt) {
    if (!readAt)
        return 'at a commit the gate was not told it read';
    if (jw.sha && readAt.sha)
        return jw.sha === readAt.sha
            ? undefined
            : `at ${jw.sha} (job_workflow_sha), not ${readAt.sha} (GITHUB_WORKFLOW_SHA)`;
    return jw.ref === readAt.ref
        ? undefined
        : `at ${jw.ref} (job_workflow_ref), not ${readAt.ref} (GITHUB_WORKFLOW_REF)`;
}
/**
 * Which file defines the running job. With the OIDC token's `job_workflow_ref`, exactly that file:
 * the running file, a local callee reached from it, or else a job the gate cannot read (a reusable
 * workflow of another repository, or one called by full reference) \u2014 refused as unknown. Without
 * it, GITHUB_JOB alone names the job, which is ambiguous as soon as the running workflow calls a
 * remote reusable workflow (its jobs may share the id): refused as unknown too.
 */
function identifyJob(input, running, reachable, byFile) {
    const at = { rule: UNKNOWN_JOB, severity: 'error', file: running.path };
    const jw = input.jobWorkflow;
    if (jw) {
        const same = !input.repository || jw.repository.toLowerCase() === input.repository.toLowerCase();
        const elsewhen = same ? otherCommit(jw, input.readAt) : undefined;
        if (same && !elsewhen && (jw.file === input.workflow || reachable.has(jw.file)))
            return { file: jw.file };
        return {
            problem: {
                ...at,
                line: running.jobs[0]?.line ?? 1,
                message: !same
                    ? `job '${input.job}' is a job of the reusable workflow ${jw.repository}/.github/workflows/${jw.file}@${jw.ref} of another repository (job_workflow_ref); jobs of reusable workflows from other repositories cannot be judged`
                    : elsewhen
                        ? `job '${input.job}' is defined in ${jw.file} ${elsewhen}, so it is not the file read here; a workflow of this repository called by full reference (owner/repo/.github/workflows/${jw.file}@REF) cannot be judged: call it as ./.github/workflows/${jw.file}`
                        : `job '${input.job}' is defined in ${jw.file}@${jw.ref} (job_workflow_ref), which '${input.workflow}' does not call as a local reusable workflow (./.github/workflows/${jw.file}); it cannot be judged`,
            },
        };
    }
    const calls = [...reachable].flatMap((f) => (byFile.get(f)?.jobs ?? []).flatMap((j) => j.uses && unreadCall(j.uses.uses, reachable) ? [{ f, j }] : []));
    if (calls.length === 0)
        return {};
    const first = calls[0];
    return {
        problem: {
            ...at,
            file: byFile.get(first.f).path,
            line: first.j.uses.line,
            message: `'${input.workflow}' calls the reusable workflow ${first.j.uses.uses}${calls.length > 1 ? ` (and ${calls.length - 1} more)` : ''}, whose jobs may also be named '${input.job}', and without the job's OIDC token the gate cannot tell which job runs; give job '${input.job}' \`id-token: write\` in ${input.workflow} and in its manifest entry (the gate then reads its file from the token's job_workflow_ref), or move the call to its own workflow`,
        },
    };
}
/**
 * Which check findings are about the running job: its own (by workflow and job id, in the running
 * file or a reached callee), workflow-level ones of a file that holds it, and `defaults` findings
 * when the job is judged against `defaults`. Trigger findings go: the runtime decision replaces them.
 */
function concernsJob(f, input, reachable, candidates) {
    if (DROPPED.has(f.rule))
        return false;
    if (f.workflow !== null && !reachable.has(f.workflow))
        return false;
    if (f.job === input.job)
        return true;
    if (f.job !== null)
        return false;
    // A repository-wide finding (given once for several jobs: self-escalating-grant, an unbound
    // manifest) concerns every job.
    if (f.workflow === null && f.subject === 'repository')
        return true;
    if (f.workflow === null)
        return candidates.some((a) => !(0,own/* own */.Z)((0,own/* own */.Z)(input.manifest.manifest.workflows, a.workflow)?.jobs, a.job));
    // Workflow-level findings of a manifest entry (an org-forbidden trigger it lists) are trigger
    // findings too; only those in the workflow files that hold the job stay.
    const files = new Set([`.github/workflows/${input.workflow}`, ...candidates.map((a) => a.path)]);
    return files.has(f.file);
}
function problem(f) {
    return { rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line };
}
function unknownJob(input, running, reachable) {
    const ids = running.jobs.map((j) => j.id);
    const callees = [...reachable].filter((f) => f !== input.workflow);
    return {
        rule: UNKNOWN_JOB,
        severity: 'error',
        message: `job '${input.job}' is not in '${input.workflow}' (jobs: ${ids.join(', ') || 'none'})` +
            (callees.length ? ` nor in the local reusable workflows it calls (${callees.join(', ')})` : '') +
            '; GITHUB_JOB is the key under `jobs:`, and jobs of reusable workflows from other repositories cannot be judged',
        file: running.path,
        line: running.jobs[0]?.line ?? 1,
    };
}
/** The decision for the event actually running (the static rule judges every `on:` event instead). */
function triggerProblem(input, running, policy) {
    const entry = (0,own/* own */.Z)(input.manifest.manifest.workflows, input.workflow);
    const at = running.triggers.find((t) => t.value === input.event) ?? running.triggers[0];
    const where = { rule: disallowed_trigger/* disallowedTrigger */.P.meta.id, severity: disallowed_trigger/* disallowedTrigger */.P.meta.severity };
    const located = { file: running.path, line: at?.line ?? 1 };
    if (policy.forbiddenTriggers.includes(input.event))
        return {
            ...where,
            message: `workflow '${input.workflow}' is running on '${input.event}', which the organization policy forbids (${input.org?.file ?? 'organization policy'})`,
            ...located,
        };
    if ((0,effective_policy/* triggerAllowed */.Fq)(entry, input.event))
        return undefined;
    const why = entry?.triggers
        ? `its manifest entry allows only: ${entry.triggers.join(', ') || '(none)'}`
        : `'${input.event}' must be listed under triggers of '${input.workflow}' in the manifest`;
    return {
        ...where,
        message: `workflow '${input.workflow}' is running on '${input.event}'; ${why}`,
        ...located,
    };
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function verdictOf(base, problems) {
    const seen = new Set();
    const unique = problems
        .filter((p) => {
        const k = `${p.rule}\0${p.file}\0${p.line}\0${p.message}`;
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    })
        // Errors first (they decide), then file, line, rule, message: code-unit order, locale-free.
        .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
        cmp(a.file, b.file) ||
        a.line - b.line ||
        cmp(a.rule, b.rule) ||
        cmp(a.message, b.message));
    return { allowed: !unique.some((p) => p.severity === 'error'), problems: unique, ...base };
}
/** `file:line: message (rule)` per problem, then the fix; warnings are marked. For logs. */
function renderVerdict(v, opts = {}) {
    const errors = v.problems.filter((p) => p.severity === 'error').length;
    const warnings = v.problems.length - errors;
    // Printed to the runner log (`core.info`): values from the workflow are kept to one line each.
    const head = `stepwarden enforce: job '${(0,render_escape/* oneLine */.TN)(v.job)}' of ${(0,render_escape/* oneLine */.TN)(v.workflow)} on '${(0,render_escape/* oneLine */.TN)(v.event)}'`;
    const lines = [
        v.allowed
            ? `${head} is within the access manifest${warnings ? ` (${warnings} warning(s))` : ''}`
            : `${head} is outside the access manifest: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''}`,
        ...v.problems.map((p) => `${(0,render_escape/* oneLine */.TN)(p.file)}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${(0,render_escape/* oneLine */.TN)(p.message)} (${p.rule})`),
    ];
    if (v.problems.length > 0)
        lines.push(fixLine(opts));
    return `${lines.join('\n')}\n`;
}
/** The one-line fix: narrow the workflow, or declare the access where the gate reads it. */
function fixLine(opts = {}) {
    const where = opts.ref ? `on '${opts.ref}' (the default branch)` : 'on the default branch';
    return `Fix: edit the workflow so the job holds no more than declared, or declare the access in ${opts.manifest ?? schema/* MANIFEST_PATH */.U4} ${where}; a pull request cannot widen its own gate.`;
}

// EXTERNAL MODULE: ./shared/manifest/load.ts + 1 modules
var manifest_load = __webpack_require__(36454);
;// CONCATENATED MODULE: ./shared/actions/enforce.ts
/**
 * actions/enforce, the first step of a job: holds the running job (GITHUB_WORKFLOW_REF, GITHUB_JOB,
 * GITHUB_EVENT_NAME) against the manifest of the default branch, with its permissions read from the
 * workflow file at GITHUB_WORKFLOW_SHA. Outside the manifest the step fails, so the job stops; `mode:
 * audit` only warns. When it cannot judge, enforce mode fails closed. Every outcome is one trail line.
 */












const MODES = ['enforce', 'audit'];
/** Problems kept in one trail line; the count is always whole. */
const TRAIL_PROBLEMS = 50;
function need(env, name) {
    const v = env[name];
    if (!v)
        throw new EnforceSourceError(`${name} is not set`, 'run this action as a step of a GitHub Actions job (the runner sets it)');
    return v;
}
async function judge(io, token) {
    const env = io.env;
    const workflowRef = need(env, 'GITHUB_WORKFLOW_REF');
    const wref = parseWorkflowRef(workflowRef);
    if (!wref)
        throw new EnforceSourceError(`GITHUB_WORKFLOW_REF '${workflowRef}' does not name a workflow file`, 'expected owner/repo/.github/workflows/FILE.yml@REF, as the runner sets it');
    const job = need(env, 'GITHUB_JOB');
    const event = need(env, 'GITHUB_EVENT_NAME');
    const [owner, repo] = need(env, 'GITHUB_REPOSITORY').split('/');
    // The workflow as this run reads it; GHES before 3.9 lacks GITHUB_WORKFLOW_SHA, so the ref is next best.
    const sha = env.GITHUB_WORKFLOW_SHA || wref.ref;
    const gh = (0,octokit/* runnerOctokit */.MF)(token, env);
    const manifestPath = (core/* getInput */.V4('manifest') || schema/* MANIFEST_PATH */.U4).replace(/^\.\//, '');
    // The repository's facts from the API; every other source that states them must agree.
    const [facts, payload, claims] = await Promise.all([
        repositoryFacts(gh, owner, repo),
        readEventPayload(env),
        jobClaims(env),
    ]);
    const ev = (payload ?? {});
    const stated = [
        {
            source: 'the runner environment (GITHUB_REPOSITORY*)',
            fullName: env.GITHUB_REPOSITORY,
            id: env.GITHUB_REPOSITORY_ID,
            ownerId: env.GITHUB_REPOSITORY_OWNER_ID,
        },
        {
            source: 'the event payload (GITHUB_EVENT_PATH)',
            fullName: ev.repository?.full_name,
            id: ev.repository?.id,
            ownerId: ev.repository?.owner?.id,
            defaultBranch: ev.repository?.default_branch,
        },
    ];
    if (claims)
        stated.push({
            source: "the job's OIDC token",
            fullName: claims.repository,
            id: claims.repository_id,
            ownerId: claims.repository_owner_id,
        });
    const conflicts = factConflicts(facts, stated);
    if (claims?.workflow_ref !== undefined && claims.workflow_ref !== workflowRef)
        conflicts.push(`the job's OIDC token says workflow_ref ${String(claims.workflow_ref)}, GITHUB_WORKFLOW_REF says ${workflowRef}`);
    if (conflicts.length)
        throw refuse(conflicts);
    // The default branch, never the run's ref: a pull request that widens the manifest and its workflow
    // together must not pass its own gate (the broker reads manifests from the default branch too).
    const refInput = core/* getInput */.V4('manifest-ref').trim();
    const own = refInput &&
        isOwnRef(refInput, {
            defaultBranch: facts.defaultBranch,
            refs: [env.GITHUB_HEAD_REF, env.GITHUB_REF, env.GITHUB_REF_NAME, stringOr(ev.pull_request?.head?.ref)],
            // The event's `before` is the branch's previous head (a push; a pull request's `synchronize`):
            // its author's commit too, not only the head (session 30).
            shas: [env.GITHUB_SHA, sha, stringOr(ev.pull_request?.head?.sha), stringOr(ev.before)],
        });
    if (own)
        annotations.warning(`manifest-ref '${refInput}' is the run's own branch, pull request ref or commit: a change could widen its own gate there, so it is refused and the manifest is read from the default branch '${facts.defaultBranch}'`);
    const manifestRef = refInput && !own ? refInput : facts.defaultBranch;
    const orgInput = core/* getInput */.V4('org-policy');
    const orgRef = orgInput ? parseRepoFileRef(orgInput) : undefined;
    if (orgInput && !orgRef)
        throw new EnforceSourceError(`org-policy '${orgInput}' is not OWNER/REPO:PATH`, 'name the organization policy as OWNER/REPO:PATH (e.g. my-org/.github:stepwarden/org-policy.yml); the gate runs before checkout, so a workspace path cannot be read');
    const [workflows, manifestText, orgText] = await Promise.all([
        readRunningWorkflows(gh, wref, sha),
        readRepoFile(gh, { owner, repo, path: manifestPath, ref: manifestRef }),
        orgRef ? readRepoFile(gh, orgRef) : Promise.resolve(undefined),
    ]);
    if (manifestText === undefined)
        throw new EnforceSourceError(`no access manifest at ${manifestPath} on '${manifestRef}' of ${owner}/${repo}`, `merge one to '${manifestRef}' (\`stepwarden init\` writes one declaring what the workflows hold today); the gate never reads it from the run's own ref`, 404);
    if (orgRef && orgText === undefined)
        throw new EnforceSourceError(`no organization policy at ${orgInput}`, 'check the org-policy input; a private repository needs a token that can read it (a GitHub App token)', 404);
    const jobWorkflowRef = claims?.job_workflow_ref;
    const parsedJob = typeof jobWorkflowRef === 'string' ? parseWorkflowRef(jobWorkflowRef) : undefined;
    if (jobWorkflowRef !== undefined && !parsedJob)
        throw new EnforceSourceError(`the job's OIDC token has a job_workflow_ref that does not name a workflow file`, 'expected owner/repo/.github/workflows/FILE.yml@REF, as GitHub issues it');
    const jobSha = claims?.job_workflow_sha;
    const jobWorkflow = parsedJob && {
        repository: `${parsedJob.owner}/${parsedJob.repo}`,
        file: parsedJob.file,
        ref: parsedJob.ref,
        ...(typeof jobSha === 'string' && jobSha ? { sha: jobSha } : {}),
    };
    const manifest = (0,manifest_load/* loadManifest */.eY)(manifestText, manifestPath);
    const bound = manifest.manifest.repository;
    const manifestConflicts = factConflicts(facts, [
        {
            source: `${manifestPath} on '${manifestRef}'`,
            fullName: bound?.name,
            id: bound?.id,
            ownerId: bound?.['owner-id'],
        },
    ]);
    if (manifestConflicts.length)
        throw refuse(manifestConflicts);
    const org = orgText !== undefined ? (0,manifest_load/* loadOrgPolicy */.Vf)(orgText, orgInput) : undefined;
    const verdict = enforceJob({
        workflows,
        manifest,
        ...(org ? { org } : {}),
        workflow: wref.file,
        job,
        event,
        repository: facts.fullName,
        ...(jobWorkflow ? { jobWorkflow } : {}),
        readAt: { ref: wref.ref, ...(env.GITHUB_WORKFLOW_SHA ? { sha: env.GITHUB_WORKFLOW_SHA } : {}) },
    });
    return { verdict, manifestRef, manifestPath };
}
const stringOr = (v) => (typeof v === 'string' ? v : undefined);
function refuse(conflicts) {
    return new EnforceSourceError(`refusing to judge: the repository facts disagree: ${conflicts.join('; ')}`, 'the API is the source of truth; a rewritten event payload, a manifest copied from another repository (its `repository:` block) or a misconfigured runner causes this \u2014 fix the source that disagrees');
}
/** Audience of the token the gate asks for: not a broker's audience, so it cannot be replayed there. */
const ENFORCE_OIDC_AUDIENCE = 'stepwarden-enforce';
/**
 * The claims of the job's OIDC token, when the job can get one (`id-token: write`): the runner's
 * token endpoint answers for this job only, so `job_workflow_ref` names the file the job is defined
 * in, which no environment variable does. Decoded, not verified: it comes straight from the runner's
 * endpoint and is used to identify the job, never to grant anything. Masked by getIDToken.
 */
async function jobClaims(env) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
        return undefined;
    let token;
    try {
        token = await core/* getIDToken */.V9(ENFORCE_OIDC_AUDIENCE);
    }
    catch (err) {
        throw new EnforceSourceError(`the job's OIDC token could not be read: ${err.message}`, 're-run the job; without `id-token: write` the gate identifies the job by GITHUB_JOB alone');
    }
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        if (claims && typeof claims === 'object')
            return claims;
    }
    catch {
        // fall through
    }
    throw new EnforceSourceError("the job's OIDC token is not a JWT", 're-run the job');
}
/**
 * Appends the verdict to the job's trail. The runner masks the token in logs but not in files, so a
 * line that somehow quotes it (an upstream error message) has it cut out before it is written.
 */
function record(io, token, event) {
    const text = JSON.stringify(event);
    const safe = token && text.includes(token) ? JSON.parse(text.split(token).join('***')) : event;
    try {
        (0,audit_trail/* appendTrail */.vy)(io.env, safe);
    }
    catch (err) {
        // The verdict stands without its trail line; say so rather than change the outcome.
        annotations.warning(`stepwarden: the verdict was not written to the audit trail: ${err.message}`);
    }
}
const problemText = (p) => `${p.file}:${p.line}: ${p.message}`;
const enforceAction = {
    summary: 'First step of a job: hold the running job against the manifest (enforce | audit)',
    async run(_argv, io) {
        // Masked before anything else can print it.
        const token = core/* getInput */.V4('token');
        if (token)
            core/* setSecret */.Pq(token);
        const modeInput = core/* getInput */.V4('mode') || 'enforce';
        if (!MODES.includes(modeInput)) {
            annotations.setFailed(`mode must be one of ${MODES.join(', ')}, not '${modeInput}'`);
            return 2;
        }
        const mode = modeInput;
        const annotate = (severity, message, file, line, title) => 
        // Shown in GitHub's UI: annotations.ts writes a value's invisible characters out.
        annotations[mode === 'audit' ? 'warning' : severity](message, { file, startLine: line, title });
        let run;
        try {
            if (!token)
                throw new EnforceSourceError('no token', 'keep the default `token: ${{ github.token }}` input');
            run = await judge(io, token);
        }
        catch (thrown) {
            // Anything else that goes wrong (a bug included) is "cannot judge" too: the gate fails closed.
            const err = thrown instanceof EnforceSourceError || thrown instanceof manifest_errors/* ManifestError */.Sh
                ? thrown
                : new EnforceSourceError(`unexpected error: ${thrown.message}`, 'report it to stepwarden; set `mode: audit` to let jobs run meanwhile');
            const problems = err instanceof manifest_errors/* ManifestError */.Sh
                ? err.problems.map((p) => ({
                    rule: err.code,
                    severity: 'error',
                    message: `${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`,
                    file: p.file,
                    line: p.line,
                }))
                : [];
            const what = err instanceof manifest_errors/* ManifestError */.Sh
                ? `the ${err.code === 'ERR_ORG_POLICY_INVALID' ? 'organization policy' : 'access manifest'} is invalid (${err.code}); fix it on the default branch (see the annotations)`
                : `${err.message}. Fix: ${err.fix}`;
            const message = `stepwarden enforce cannot judge this job: ${what}`.replace(/\s+/g, ' ');
            for (const p of problems)
                annotate('error', p.message, p.file, p.line, 'stepwarden enforce: cannot judge');
            core/* setOutput */.uH('verdict', 'error');
            core/* setOutput */.uH('problems', String(Math.max(problems.length, 1)));
            record(io, token, {
                type: 'job.enforced',
                outcome: 'error',
                reason: 'ERR_ENFORCE_UNAVAILABLE',
                detail: message,
                details: {
                    mode,
                    problems: problems.length
                        ? problems.slice(0, TRAIL_PROBLEMS)
                        : [{ rule: 'ERR_ENFORCE_UNAVAILABLE', severity: 'error', message: err.message }],
                },
            });
            if (mode === 'audit') {
                annotations.warning(`${message} (audit mode: the job continues)`);
                return 0;
            }
            // Fail closed: a gate that cannot read its inputs must not wave the job through.
            annotations.setFailed(message);
            return 2;
        }
        const { verdict, manifestRef, manifestPath } = run;
        core/* info */.pq(renderVerdict(verdict, { manifest: manifestPath, ref: manifestRef }));
        for (const p of verdict.problems)
            annotate(p.severity, `${p.message} (${p.rule})`, p.file, p.line, `stepwarden enforce: ${p.rule}`);
        const errors = verdict.problems.filter((p) => p.severity === 'error');
        core/* setOutput */.uH('verdict', verdict.allowed ? 'allowed' : 'denied');
        core/* setOutput */.uH('problems', String(verdict.problems.length));
        const where = `job '${verdict.job}' of ${verdict.workflow} on '${verdict.event}'`;
        record(io, token, {
            type: 'job.enforced',
            outcome: verdict.allowed ? 'success' : 'denied',
            reason: verdict.allowed ? 'JOB_WITHIN_MANIFEST' : 'ERR_JOB_OUTSIDE_MANIFEST',
            detail: verdict.allowed
                ? `${where} is within the manifest on '${manifestRef}'`
                : `${where} is outside the manifest on '${manifestRef}': ${errors.length} error(s), first ${problemText(errors[0])}${mode === 'audit' ? ' (audit mode: not stopped)' : ''}`,
            details: { mode, problems: verdict.problems.slice(0, TRAIL_PROBLEMS) },
        });
        if (verdict.allowed)
            return 0;
        const first = errors.slice(0, 3).map(problemText).join('; ');
        const more = errors.length > 3 ? ` and ${errors.length - 3} more` : '';
        const message = `stepwarden: ${where} is outside the access manifest: ${first}${more}. ${fixLine({ manifest: manifestPath, ref: manifestRef })}`;
        if (mode === 'audit') {
            annotations.warning(`${message} (audit mode: the job continues)`);
            return 0;
        }
        annotations.setFailed(message);
        return 1;
    },
};

;// CONCATENATED MODULE: ./shared/actions/index.ts






const ACTIONS = {
    check: checkAction,
    exchange: exchangeAction,
    revoke: revokeAction,
    'access-diff': accessDiffAction,
    audit: auditAction,
    enforce: enforceAction,
};

// EXTERNAL MODULE: ./shared/cli/summaries.ts
var summaries = __webpack_require__(98467);
;// CONCATENATED MODULE: ./shared/cli/commands/action.ts



/** `stepwarden action NAME`: the entry the composite actions call (inputs come from INPUT_* env). */
const actionCommand = {
    name: 'action',
    summary: summaries/* SUMMARIES */.Z.action,
    help: `Usage: stepwarden action NAME

Runs the entry point of a stepwarden GitHub Action. The composite actions call this; inputs are read
from the INPUT_<NAME> environment variables exactly as the Actions runner sets them.

Actions:
${Object.entries(ACTIONS)
        .map(([n, a]) => `  ${n.padEnd(14)}${a.summary}`)
        .join('\n')}
`,
    async run(argv, io) {
        if ((0,command/* wantsHelp */.lx)(argv) || argv.length === 0) {
            io.stdout(this.help);
            return argv.length === 0 ? 2 : 0;
        }
        const [name, ...rest] = argv;
        const entry = name ? ACTIONS[name] : undefined;
        if (!entry)
            throw new command/* UsageError */.eb(`unknown action '${name}'; one of: ${Object.keys(ACTIONS).join(', ')}`);
        return entry.run(rest, io);
    },
};


/***/ }),

/***/ 64881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A8: () => (/* binding */ octokit),
/* harmony export */   HK: () => (/* binding */ DEFAULT_UPSTREAM_TIMEOUT_MS),
/* harmony export */   Hy: () => (/* binding */ UpstreamTimeoutError),
/* harmony export */   MF: () => (/* binding */ runnerOctokit),
/* harmony export */   S9: () => (/* binding */ UpstreamRateLimitedError),
/* harmony export */   ao: () => (/* binding */ githubResponseObservers)
/* harmony export */ });
/* unused harmony exports rateLimitWait, UpstreamNotJsonError, resilience, StepwardenOctokit */
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60891);
/**
 * The Octokit every stepwarden part uses, with one resilience layer for every caller: a deadline
 * per call (retries and waits included), retries of 5xx and network errors with backoff, and
 * GitHub's rate limits (429, or 403 with `retry-after` / `x-ratelimit-remaining: 0`) waited out only
 * when the wait ends before the deadline. A hung GitHub therefore costs a caller at most its
 * deadline, never a stalled request. (@octokit/plugin-throttling was dropped: its shared write queue
 * spaces all POST/DELETE calls a second apart, which would serialize a broker's exchanges;
 * @octokit/plugin-retry was replaced because its waits do not know a deadline.)
 */

/** Default deadline of one GitHub call, retries and waits included. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;
/** A call that did not finish before its deadline; `cause` is the last upstream error, if any. */
class UpstreamTimeoutError extends Error {
    timeoutMs;
    lastError;
    code = 'ERR_UPSTREAM_TIMEOUT';
    constructor(timeoutMs, lastError) {
        super(lastError
            ? `GitHub kept failing (last answer: ${describe(lastError)}) and a further try would end past the ${(timeoutMs / 1000).toFixed(1)}s deadline`
            : `GitHub did not answer within the ${(timeoutMs / 1000).toFixed(1)}s deadline`);
        this.timeoutMs = timeoutMs;
        this.lastError = lastError;
        this.name = 'UpstreamTimeoutError';
    }
}
/** GitHub asked for a wait that would end after the deadline: we refuse now instead of waiting. */
class UpstreamRateLimitedError extends Error {
    retryAfterSeconds;
    status;
    code = 'ERR_UPSTREAM_RATE_LIMITED';
    constructor(retryAfterSeconds, status) {
        super(`GitHub rate limit: retry after ${retryAfterSeconds}s (GitHub ${status})`);
        this.retryAfterSeconds = retryAfterSeconds;
        this.status = status;
        this.name = 'UpstreamRateLimitedError';
    }
}
/** `502 Bad Gateway`-style summary of an Octokit error (never its request, which holds the token). */
function describe(err) {
    const status = err.status;
    return `${typeof status === 'number' ? `${status} ` : ''}${err.message}`;
}
/**
 * GitHub's primary rate-limit window: limits are per hour and `x-ratelimit-reset` is when the current
 * window resets (docs.github.com, "Rate limits for the REST API"), so no reset is further ahead of
 * GitHub's own clock than this.
 */
const GITHUB_RATE_WINDOW_SECONDS = 3600;
/**
 * How long GitHub asks us to wait, or undefined when the error is not a rate limit: whole seconds, at
 * most an hour. A longer ask is not acted on as such (session 30): `Retry-After: 999\u20269` read as
 * Infinity (the broker's own Retry-After was `Infinity`, which its client reads as no wait) and a reset
 * a day ahead asked a day, each holding the App's revocations that long. GitHub's primary window is
 * an hour, and a token lives an hour: every token minted before the answer is dead before a longer
 * wait ends, so it would only hold tokens minted after it.
 */
function rateLimitWait(err, nowSeconds = Date.now() / 1000) {
    const asked = askedWait(err, nowSeconds);
    return asked === undefined ? undefined : Math.min(asked, GITHUB_RATE_WINDOW_SECONDS);
}
function askedWait(err, nowSeconds) {
    const e = err;
    const h = e.response?.headers ?? {};
    if (e.status !== 429 && e.status !== 403)
        return undefined;
    // GitHub sends delay-seconds and an epoch second. A value that is neither (negative, empty, a word:
    // only a middlebox sends it) made the wait negative or NaN, a retry at once while rate limited; it is
    // the minute GitHub asks for when no usable header says otherwise (below).
    const retryAfter = h['retry-after'];
    if (retryAfter !== undefined)
        return /^\s*\d+(\.\d+)?\s*$/.test(retryAfter) ? Math.ceil(Number(retryAfter)) || 1 : 60;
    if (h['x-ratelimit-remaining'] === '0' && h['x-ratelimit-reset']) {
        const reset = Number(h['x-ratelimit-reset']);
        if (!Number.isFinite(reset))
            return 60;
        // The reset is an epoch second of GitHub's clock; ours may be ahead (skew), and then the reset
        // reads as past and the call was retried after 1 s while still limited. GitHub's clock is in its
        // `Date` header (RFC 9110 \u00a76.6.1: an origin server with a clock sends it): the wait is the longer
        // of the two readings, so neither clock (nor a middlebox's Date) can shorten it. A reset past on
        // both clocks is a window that has rolled over: a second.
        // A reading on GitHub's clock more than its primary window (an hour) from the reset is not
        // GitHub's: a Date far behind (a middlebox's, one at the epoch) asked a wait as long as the
        // distance, ~1.8e9 s, and the revocation queue held every revocation of the App behind it; one
        // far ahead read a reset past on our clock as a rolled-over window, retried after a second. It is
        // ignored, as a missing Date. Whole seconds: the wait is the broker's Retry-After (RFC 9110
        // \u00a710.2.3 delay-seconds).
        const date = Date.parse(h['date'] ?? '');
        const theirs = reset - date / 1000;
        if (Number.isFinite(date) && Math.abs(theirs) <= GITHUB_RATE_WINDOW_SECONDS)
            return Math.ceil(Math.max(1, theirs, reset - nowSeconds));
        // No Date to tell skew from a rolled-over window: GitHub's rule when no usable header says how
        // long, the minute.
        return reset > nowSeconds ? Math.ceil(Math.max(1, reset - nowSeconds)) : 60;
    }
    // GitHub: a rate limit (403 with a secondary-limit message, or any 429) without either header means
    // "wait for at least one minute before retrying"; retrying sooner "may result in the banning of your
    // integration" (docs.github.com, REST API troubleshooting, "Rate limit errors"). A 429 is always a
    // rate limit, so it waits a minute too (it once retried after 1 s, three times within the deadline).
    if (e.status === 429 || /secondary rate limit/i.test(String(e.response?.data?.message ?? '')))
        return 60;
    return undefined;
}
/**
 * A 2xx answer whose body is not JSON (Octokit hands such a body over as text: an HTML page from a
 * proxy, a captive portal or a maintenance page, or JSON cut short). Every route stepwarden calls
 * answers JSON or nothing (204), so the answer is not GitHub's: retried like a 5xx, and named, so a
 * caller never reads it as an empty or missing answer ("no manifest", "a token wider than asked").
 */
class UpstreamNotJsonError extends Error {
    answered;
    contentType;
    code = 'ERR_UPSTREAM_NOT_JSON';
    constructor(answered, contentType) {
        super(`GitHub's answer (${answered}, ${contentType ? `content-type ${contentType.slice(0, 64)}` : 'no content-type'}) is not JSON: a proxy or a maintenance page answered instead of the API`);
        this.answered = answered;
        this.contentType = contentType;
        this.name = 'UpstreamNotJsonError';
    }
}
/** Throws UpstreamNotJsonError when a response carries a non-empty body that was not read as JSON. */
function requireJson(res) {
    const r = res;
    if (typeof r.data === 'string' && r.data !== '')
        throw new UpstreamNotJsonError(r.status ?? 0, String(r.headers?.['content-type'] ?? ''));
    return res;
}
/** 5xx answers, network errors (Octokit reports those as 500 without a response) and non-JSON answers are retried. */
function transient(err) {
    if (err instanceof UpstreamNotJsonError)
        return true;
    const status = err.status;
    return typeof status === 'number' && status >= 500;
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(t);
            resolve();
        };
        const t = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
    });
}
/**
 * The resilience layer as an Octokit plugin. Each call gets an AbortSignal that fires at its
 * deadline (the sooner of now + `timeoutMs` and a caller's `request.deadline`), passed to fetch, so
 * a hung connection is cut rather than left open.
 */
function resilience(octokit, options) {
    const { retries = 3, retryAfterSeconds = 1, maxWaitSeconds = 60, waitScale = 1, timeoutMs = DEFAULT_UPSTREAM_TIMEOUT_MS, } = options.resilience ?? {};
    octokit.hook.wrap('request', async (request, raw) => {
        const opts = raw;
        const start = Date.now();
        const end = Math.min(start + timeoutMs, opts.request?.deadline ?? Infinity);
        const budget = Math.max(0, end - start);
        const timer = new AbortController();
        const t = setTimeout(() => timer.abort(), budget);
        const signal = opts.request?.signal ? AbortSignal.any([timer.signal, opts.request.signal]) : timer.signal;
        opts.request = { ...opts.request, signal, deadline: end };
        let lastError;
        const timedOut = new Promise((_, reject) => signal.addEventListener('abort', () => reject(new UpstreamTimeoutError(budget, lastError)), {
            once: true,
        }));
        timedOut.catch(() => undefined);
        try {
            for (let attempt = 0;; attempt++) {
                if (signal.aborted)
                    throw new UpstreamTimeoutError(budget, lastError);
                try {
                    return requireJson(await Promise.race([request(opts), timedOut]));
                }
                catch (err) {
                    if (err instanceof UpstreamTimeoutError || signal.aborted)
                        throw new UpstreamTimeoutError(budget, lastError);
                    lastError = err;
                    const limited = rateLimitWait(err);
                    const wait = limited ?? (transient(err) ? (attempt + 1) ** 2 * retryAfterSeconds : undefined);
                    if (wait === undefined || attempt >= retries)
                        throw err;
                    if (limited !== undefined && limited > maxWaitSeconds)
                        throw new UpstreamRateLimitedError(limited, err.status);
                    const waitMs = wait * 1000 * waitScale;
                    // A wait that would end after the deadline is not started: the caller hears now.
                    if (Date.now() + waitMs >= end) {
                        if (limited !== undefined)
                            throw new UpstreamRateLimitedError(limited, err.status);
                        throw new UpstreamTimeoutError(budget, lastError);
                    }
                    await sleep(waitMs, signal);
                }
            }
        }
        finally {
            clearTimeout(t);
        }
    });
}
const StepwardenOctokit = _octokit_rest__WEBPACK_IMPORTED_MODULE_0__/* .Octokit */ .E.plugin(resilience);
const githubResponseObservers = new Set();
function observe(client) {
    const notify = (o, status, h = {}) => {
        if (githubResponseObservers.size === 0)
            return;
        const route = `${o.method ?? 'GET'} ${o.url ?? ''}`;
        const remaining = h['x-ratelimit-remaining'] === undefined ? undefined : String(h['x-ratelimit-remaining']);
        for (const f of githubResponseObservers)
            f(route, status, remaining);
    };
    client.hook.after('request', (res, o) => notify(o, res.status, res.headers));
    client.hook.error('request', (err, o) => {
        const e = err;
        notify(o, e.status ?? 0, e.response?.headers);
        throw err;
    });
    return client;
}
function octokit(opts) {
    return observe(new StepwardenOctokit({
        ...(opts.auth ? { auth: opts.auth } : {}),
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        userAgent: 'stepwarden',
        // Failed requests become typed errors for the caller (a refusal, a retry); no console noise.
        log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        resilience: {
            retries: opts.retries ?? 3,
            retryAfterSeconds: opts.retryAfterSeconds ?? 1,
            waitScale: opts.waitScale ?? 1,
            timeoutMs: opts.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
        },
    }));
}
/** The Octokit of a step: the given token, against the runner's API (GITHUB_API_URL, e.g. on GHES). */
function runnerOctokit(token, env) {
    return octokit({ auth: token, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) });
}


/***/ }),

/***/ 84496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ih: () => (/* binding */ annotationsOf),
/* harmony export */   up: () => (/* binding */ renderGithub)
/* harmony export */ });
/* unused harmony exports ANNOTATION_CAP, escapeData, escapeProperty, formatAnnotation */
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(64732);

const ANNOTATION_CAP = 10;
/** The workflow-command escaping of @actions/core (`escapeData` / `escapeProperty` in its command.js). */
function escapeData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/**
 * An annotation is read in GitHub's UI (the check run, beside the pull request's lines), not only in
 * the log: its message's invisible characters are written out (`visibleText`), so a value's
 * bidirectional controls or zero-width characters cannot draw one name as another (session 34).
 */
function annotation(f) {
    return {
        level: f.severity,
        message: (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .visibleText */ .Q6)(f.message),
        properties: { title: `stepwarden ${f.rule}`, file: f.file, startLine: Math.max(1, f.line) },
    };
}
/** At most ANNOTATION_CAP errors and warnings each, then one notice per severity with the overflow. */
function annotationsOf(result, fullListAt = 'the job summary') {
    const out = [];
    for (const severity of ['error', 'warning']) {
        const all = result.findings.filter((f) => f.severity === severity);
        out.push(...all.slice(0, ANNOTATION_CAP).map(annotation));
        if (all.length > ANNOTATION_CAP) {
            const more = all.length - ANNOTATION_CAP;
            out.push({
                level: 'notice',
                message: `${more} more ${severity}${more === 1 ? ' is' : 's are'} not annotated (GitHub shows ${ANNOTATION_CAP} per step); the full list is in ${fullListAt}`,
                properties: { title: 'stepwarden' },
            });
        }
    }
    return out;
}
/** One workflow command, encoded as `@actions/core` encodes it (property order: title, file, line). */
function formatAnnotation(a) {
    const props = [
        ['title', a.properties.title],
        ['file', a.properties.file],
        ['line', a.properties.startLine],
        ['endLine', a.properties.endLine],
        ['col', a.properties.startColumn],
        ['endColumn', a.properties.endColumn],
    ];
    const text = props
        .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(',');
    return `::${a.level}${text ? ` ${text}` : ''}::${escapeData(a.message)}`;
}
function renderGithub(result, fullListAt = 'the job summary') {
    const lines = annotationsOf(result, fullListAt).map(formatAnnotation);
    return lines.length ? `${lines.join('\n')}\n` : '';
}


/***/ }),

/***/ 12190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ renderMarkdown)
/* harmony export */ });
/* unused harmony export summaryCutNote */
/* harmony import */ var _check_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(64126);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(64732);


/** Rows shown before the rest of a rule's findings fold into `<details>`. */
const FOLD_AFTER = 20;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
function row(f) {
    return `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(`${f.file}:${f.line}`))} | ${f.job ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(f.job)) : ''} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(f.subject))} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(f.message, 1000))} |`;
}
const HEADER = ['| where | job | subject | finding |', '| --- | --- | --- | --- |'];
/** One job's row: effective access, what a reviewer compares the findings against. */
function jobRow(j) {
    const list = (xs) => xs.map((x) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(x))).join(' ');
    const name = (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(`${j.workflow} / ${j.job}`)) + (j.via ? ` via ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(j.via))}` : '');
    const perms = Object.entries(j.permissions).map(([s, l]) => `${s}: ${l}`);
    return `| ${name} | ${perms.length ? list(perms) : 'none'} | ${list(j.secrets)} | ${list(j.environments)} |`;
}
/** `<details>` left open in `text` (the note closes it). */
const openDetails = (text) => (text.match(/<details>/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length;
const cutNote = (n, open) => `${open > 0 ? '</details>\n\n' : ''}_Cut to stay under GitHub's job summary size limit: ${n} more lines. For the full list, write SARIF (input \`sarif-file\`) or run \`stepwarden check --format json\`._`;
/** The note after a cut summary: `n` lines cut, a `<details>` the kept text left open closed. */
const summaryCutNote = (n, kept) => cutNote(n, openDetails(kept));
/**
 * The summary's lines; each row (a finding or a job) is a function, made only if the cut reaches it.
 * A row is one line (every value in it is escaped, which flattens line breaks) and holds no
 * `<details>` or `</details>` (escaping writes every `<` as `&lt;`): what the cut counts of those is
 * in the other lines.
 */
function summaryLines(result) {
    const lines = [];
    // Text of our own, split as the whole text will be (an unknown rule id is written as it is).
    const text = (...ts) => {
        for (const t of ts)
            lines.push(...t.split('\n'));
    };
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.length - errors;
    text('## stepwarden check', '', errors
        ? `**${plural(errors, 'error')}**, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`
        : `No errors, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`, '');
    // Rule titles are our own markdown; unknown rule ids (a renderer must not drop findings it has no
    // metadata for) are escaped and go last.
    const byRule = new Map();
    for (const f of result.findings) {
        const list = byRule.get(f.rule);
        if (list)
            list.push(f);
        else
            byRule.set(f.rule, [f]);
    }
    const known = new Set(_check_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y.map((r) => r.meta.id));
    const groups = [
        ..._check_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y.map((r) => ({ id: r.meta.id, severity: r.meta.severity, title: r.meta.title })),
        ...[...byRule.keys()]
            .filter((id) => !known.has(id))
            .map((id) => ({ id, severity: 'error', title: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(id) })),
    ];
    const rows = (fs) => {
        for (const f of fs)
            lines.push(() => row(f));
    };
    for (const g of groups) {
        const fs = byRule.get(g.id);
        if (!fs)
            continue;
        // Same file: no collation to ask for (localeCompare of a string with itself is 0).
        const byFile = [...fs].sort((a, b) => a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file) || a.line - b.line);
        text(`### ${g.severity === 'error' ? '\u274c' : '\u26a0\ufe0f'} ${g.id} (${fs.length})`, '', `${g.title} \u2014 [rule docs](https://github.com/stepwarden/stepwarden/blob/main/docs/rules/${g.id}.md)`, '', ...HEADER);
        rows(byFile.slice(0, FOLD_AFTER));
        text('');
        if (byFile.length > FOLD_AFTER) {
            text(`<details><summary>${byFile.length - FOLD_AFTER} more</summary>`, '', ...HEADER);
            rows(byFile.slice(FOLD_AFTER));
            text('', '</details>', '');
        }
    }
    if (!result.findings.length)
        text('Every job holds only what the access manifest declares.', '');
    if (result.jobs.length) {
        text(`<details><summary>Effective access of ${plural(result.jobs.length, 'job')}</summary>`, '', '| job | GITHUB_TOKEN | secrets | environments |', '| --- | --- | --- | --- |');
        for (const j of result.jobs)
            lines.push(() => jobRow(j));
        text('', '</details>', '');
    }
    return lines;
}
/** The job-summary table: findings grouped by rule then file, then every job's access, cut under `limit` bytes. */
function renderMarkdown(result, limit = _escape_js__WEBPACK_IMPORTED_MODULE_1__/* .SUMMARY_LIMIT */ .Jt) {
    const lines = summaryLines(result);
    return (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .cutLinesToSize */ .Ac)(lines, limit, summaryCutNote, 
    // The whole text's open `<details>`: those of our own lines, as no row holds one.
    (total) => cutNote(total, openDetails(lines.filter((l) => typeof l === 'string').join('\n'))));
}


/***/ }),

/***/ 30194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WH: () => (/* binding */ renderSarif)
/* harmony export */ });
/* unused harmony exports DOCS_BASE, sarifText, fileUri, fingerprintsOf */
/* harmony import */ var _digest_sha256_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87348);
/* harmony import */ var _check_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(64126);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64732);



const DOCS_BASE = 'https://github.com/stepwarden/stepwarden/blob/main/docs/rules';
/** One run, every rule described (even without results, so closed alerts stay explained). */
function renderSarif(result, version) {
    const rules = _check_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .RULES */ .y.map((r) => ({
        id: r.meta.id,
        name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase()),
        shortDescription: { text: r.meta.title },
        fullDescription: { text: r.meta.summary },
        help: { text: r.meta.help, markdown: r.meta.help },
        helpUri: `${DOCS_BASE}/${r.meta.id}.md`,
        defaultConfiguration: { level: r.meta.severity },
        properties: { tags: ['security', 'ci', 'access'] },
    }));
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const fingerprints = fingerprintsOf(result.findings);
    // A file's URI once per file, not once per finding (thousands of findings, a few hundred files).
    const uris = new Map();
    const uriOf = (file) => {
        let uri = uris.get(file);
        if (uri === undefined)
            uris.set(file, (uri = fileUri(file)));
        return uri;
    };
    const results = result.findings.map((f, i) => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? 0,
        level: f.severity,
        // Shown as a code scanning alert: invisible characters written out (session 34).
        message: { text: sarifText((0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .visibleText */ .Q6)(f.message)) },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' },
                    region: { startLine: Math.max(1, f.line) },
                },
            },
        ],
        partialFingerprints: { 'stepwarden/v2': fingerprints[i] },
    }));
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'stepwarden',
                        version,
                        informationUri: 'https://github.com/stepwarden/stepwarden',
                        rules,
                    },
                },
                results,
            },
        ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
}
/**
 * Message text with its square brackets escaped (SARIF 2.1.0 \u00a73.11.6): unescaped, `[text](target)` in
 * a message is an embedded link, so a job id or `uses:` value written as `[Approve](https://\u2026)` would
 * be rendered as a link in the alert. Backslashes right before a bracket are doubled, so they stay
 * literal (a run of 2k+1 backslashes before a bracket reads as k backslashes and a literal bracket).
 */
function sarifText(text) {
    return text.replace(/(\\*)([[\]])/g, (_, slashes, bracket) => `${slashes}${slashes}\\${bracket}`);
}
/**
 * A repository path as a relative URI reference (SARIF's `uri`): every segment percent-encoded. Raw, a
 * workflow named `release.yml?x.yml` or `release.yml#.yml` is read by code scanning as `release.yml`
 * (query and fragment dropped), so its alert lands on another workflow; `a%2F..%2Frelease.yml` decodes
 * to a path outside its own; a space or a non-ASCII letter makes the URI invalid.
 */
function fileUri(path) {
    return path.split('/').map(encodeURIComponent).join('/');
}
/**
 * One fingerprint per finding, unique within the run and stable across runs and line moves: rule,
 * file, workflow, job and subject (not the line), plus the occurrence of that key in file order, so
 * two findings of one key (e.g. one job judged through two callers) stay two alerts. The file is in
 * the key because same-named jobs in different workflows are different alerts.
 */
function fingerprintsOf(findings) {
    const seen = new Map();
    return findings.map((f) => {
        const key = [f.rule, f.file, f.workflow ?? '', f.job ?? '', f.subject].join('\0');
        const occurrence = seen.get(key) ?? 0;
        seen.set(key, occurrence + 1);
        return (0,_digest_sha256_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256Hex */ .f)(`${key}\0${occurrence}`).slice(0, 32);
    });
}


/***/ })

};
