export const id = 365;
export const ids = [365,881,698];
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

/***/ 5653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ readEventPayload)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/** The event payload the runner writes at GITHUB_EVENT_PATH, for entry points that read it. */

/** The parsed payload, or undefined when there is none or it cannot be read (callers fall back). */
async function readEventPayload(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    try {
        return JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 1698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ writeStepSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7728);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
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
    const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync)(path);
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
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_APPEND | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_NONBLOCK);
        // Swapped between lstat and open: judge what was opened.
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.fstatSync)(fd).isFile())
            throw new Replaced('changed while it was opened');
        const buf = Buffer.from(markdown, 'utf8');
        for (let n = 0; n < buf.length;)
            n += (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.writeSync)(fd, buf, n, buf.length - n);
        return 'written';
    }
    catch (err) {
        const why = err instanceof Replaced ? err.message : `cannot be written (${err.message})`;
        _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.error(`stepwarden: the step summary file ${path} ${why}: a step of this job replaced it, so the summary is in this log instead`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(markdown);
        return 'refused';
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.closeSync)(fd);
    }
}


/***/ }),

/***/ 3652:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ow: () => (/* binding */ repositoryFacts),
/* harmony export */   QO: () => (/* binding */ parseWorkflowRef),
/* harmony export */   Y0: () => (/* binding */ readRunningWorkflows),
/* harmony export */   u$: () => (/* binding */ EnforceSourceError),
/* harmony export */   v6: () => (/* binding */ readRepoFile)
/* harmony export */ });
/* unused harmony exports sourceError, MAX_ACTION_FILES */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _workflow_access_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6518);
/* harmony import */ var _workflow_parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4709);
/* harmony import */ var _workflow_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2884);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7521);
/* harmony import */ var _workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3246);
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
    return { owner: m[1], repo: m[2], path: m[3], file: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(m[3]), ref: m[4] };
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
        const path = `${_workflow_load_js__WEBPACK_IMPORTED_MODULE_3__/* .WORKFLOWS_DIR */ .xs}/${file}`;
        const text = await readRepoFile(gh, { owner: wref.owner, repo: wref.repo, path, ref: sha });
        if (text === undefined && file === wref.file)
            throw new EnforceSourceError(`cannot read the running workflow ${path} of ${wref.owner}/${wref.repo} at ${sha}: not found (HTTP 404)`, 'the token must read this repository (contents: read); a workflow from another repository (a ruleset-required workflow) needs a token that can read that repository', 404);
        return text === undefined
            ? { file, path, triggers: [], jobs: [], error: { message: `not found at ${sha}`, line: 1 } }
            : (0,_workflow_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseWorkflow */ .hM)(file, path, text);
    };
    const models = new Map();
    let frontier = [wref.file];
    for (let level = 1; level <= MAX_LEVELS && frontier.length > 0; level++) {
        const batch = frontier.filter((f) => !models.has(f)).slice(0, MAX_FILES - models.size);
        for (const m of await Promise.all(batch.map(read)))
            models.set(m.file, m);
        frontier = [
            ...new Set(batch.flatMap((f) => (models.get(f)?.jobs ?? []).flatMap((j) => {
                const callee = j.uses && (0,_workflow_access_js__WEBPACK_IMPORTED_MODULE_1__/* .localWorkflowFile */ .nk)(j.uses.uses);
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
        return (0,_workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_5__/* .caseFoldedAction */ .zD)(dir, list);
    };
    const withActions = await (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_4__/* .withCompositeActions */ .B1)([...models.values()], actionFile);
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


/***/ }),

/***/ 4881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HK: () => (/* binding */ DEFAULT_UPSTREAM_TIMEOUT_MS),
/* harmony export */   Hy: () => (/* binding */ UpstreamTimeoutError),
/* harmony export */   S9: () => (/* binding */ UpstreamRateLimitedError),
/* harmony export */   ao: () => (/* binding */ githubResponseObservers),
/* harmony export */   octokit: () => (/* binding */ octokit),
/* harmony export */   runnerOctokit: () => (/* binding */ runnerOctokit)
/* harmony export */ });
/* unused harmony exports rateLimitWait, UpstreamNotJsonError, resilience, StepwardenOctokit */
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(891);
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


/***/ })

};
