export const id = 881;
export const ids = [881];
export const modules = {

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
