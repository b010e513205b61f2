export const id = 948;
export const ids = [948];
export const modules = {

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

/***/ 6948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  demoCommand: () => (/* binding */ demoCommand)
});

// EXTERNAL MODULE: ./shared/cli/command.ts
var command = __webpack_require__(310);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwt/verify.js
var verify = __webpack_require__(4605);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwks/local.js
var local = __webpack_require__(6687);
// EXTERNAL MODULE: ./shared/audit/report.ts
var audit_report = __webpack_require__(4678);
// EXTERNAL MODULE: ./shared/broker/audit-log.ts
var audit_log = __webpack_require__(4366);
// EXTERNAL MODULE: ./shared/broker/manifest-source.ts
var manifest_source = __webpack_require__(3903);
// EXTERNAL MODULE: ./shared/broker/providers/github-app.ts
var github_app = __webpack_require__(5506);
// EXTERNAL MODULE: ./shared/broker/job-identity.ts
var job_identity = __webpack_require__(6988);
// EXTERNAL MODULE: ./shared/broker/server.ts + 22 modules
var server = __webpack_require__(8507);
// EXTERNAL MODULE: ./shared/broker/signing-key.ts
var signing_key = __webpack_require__(6160);
// EXTERNAL MODULE: ./shared/broker/state/memory.ts + 1 modules
var memory = __webpack_require__(1504);
// EXTERNAL MODULE: ./shared/oidc/verify.ts + 1 modules
var oidc_verify = __webpack_require__(5273);
// EXTERNAL MODULE: ./shared/standins/http.ts
var http = __webpack_require__(6143);
;// CONCATENATED MODULE: ./shared/standins/github-api.ts

function compile(pattern) {
    const names = [];
    const source = pattern
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{([^}]+)\\?\}/g, (_, n) => {
        names.push(n);
        // A file path keeps its slashes (`contents/{path}`), every other parameter is one segment.
        return n === 'path' ? '(.+)' : '([^/]+)';
    })
        // It may be left out: `\u2026/contents` lists the repository root (GitHub: "If you omit the path
        // parameter, you will receive the contents of the repository's root directory").
        .replace(/\/\(\.\+\)$/, '(?:/(.*))?');
    return { regex: new RegExp(`^${source}$`), names };
}
async function startGithubStandin(opts = {}) {
    const routes = [];
    const faults = new Map();
    const requests = [];
    const shapeErrors = [];
    const srv = await (0,http/* listen */.KT)(async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://stand-in');
        const method = (req.method ?? 'GET').toUpperCase();
        let body;
        try {
            const text = await (0,http/* readBody */.x8)(req, 1024 * 1024);
            body = text ? JSON.parse(text) : undefined;
        }
        catch {
            (0,http/* sendJson */.jD)(res, 400, {
                message: 'Problems parsing JSON',
                documentation_url: 'https://docs.github.com/rest',
            });
            return;
        }
        for (const route of routes) {
            if (route.method !== method)
                continue;
            const m = route.regex.exec(url.pathname);
            if (!m)
                continue;
            const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
            const fault = faults.get(`${method} ${route.pattern}`);
            let out;
            const faulted = fault && fault.left > 0 ? fault : undefined;
            if (faulted) {
                faulted.left--;
                faulted.onArrive?.();
                if (faulted.delayMs)
                    await new Promise((r) => setTimeout(r, faulted.delayMs).unref());
                if (faulted.until)
                    await faulted.until.catch(() => undefined);
                if (res.destroyed)
                    return;
            }
            if (faulted?.status !== undefined) {
                out = {
                    status: faulted.status,
                    body: faulted.body ?? { message: 'Server Error' },
                    ...(faulted.headers ? { headers: faulted.headers } : {}),
                };
            }
            else {
                try {
                    out = await route.handler({
                        method,
                        path: url.pathname,
                        query: url.searchParams,
                        headers: req.headers,
                        body,
                        params,
                    });
                }
                catch (err) {
                    out = { status: 500, body: { message: `stand-in error: ${err.message}` } };
                }
                // Shapes are checked only for real answers, not for injected faults. A drift is answered as
                // a 500 and kept in `shapeErrors`, so a test fails loudly instead of hanging.
                try {
                    opts.validate?.({
                        method,
                        pattern: route.pattern,
                        status: out.status,
                        requestBody: body,
                        responseBody: out.body,
                    });
                }
                catch (err) {
                    shapeErrors.push(err.message);
                    out = { status: 500, body: { message: `stand-in shape error: ${err.message}` } };
                }
            }
            requests.push({ method, path: url.pathname, status: out.status, body });
            if (out.status === 204 || out.body === undefined) {
                res.writeHead(out.status, out.headers ?? {});
                res.end();
            }
            else {
                (0,http/* sendJson */.jD)(res, out.status, out.body, {
                    'x-github-api-version-selected': '2022-11-28',
                    ...out.headers,
                });
            }
            return;
        }
        requests.push({ method, path: url.pathname, status: 404, body });
        (0,http/* sendJson */.jD)(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    });
    const standin = {
        url: srv.url,
        requests,
        shapeErrors,
        route(method, pattern, handler) {
            const m = method.toUpperCase();
            const existing = routes.find((r) => r.method === m && r.pattern === pattern);
            if (existing)
                existing.handler = handler;
            else
                routes.push({ method: m, pattern, handler, ...compile(pattern) });
        },
        fail(method, pattern, fault) {
            faults.set(`${method.toUpperCase()} ${pattern}`, { ...fault, left: fault.count });
        },
        close: srv.close,
    };
    opts.routes?.(standin);
    return standin;
}

// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/lib/jws_verify.js
var jws_verify = __webpack_require__(9806);
;// CONCATENATED MODULE: ./node_modules/jose/dist/webapi/jws/compact/verify.js

async function compactVerify(jws, key, options) {
  const [result] = await (0,jws_verify/* verifyCompact */.BO)(jws, (0,jws_verify/* prepareVerify */.F_)(options), key);
  return result;
}


;// CONCATENATED MODULE: ./shared/standins/github-shapes.ts
/**
 * GitHub's object shapes for the stand-ins (repository, user), with every property GitHub's OpenAPI
 * description marks required. The URL fields are derived like GitHub's; the values are stand-in data.
 */
function simpleUser(login, id, baseUrl, type = 'User') {
    const url = `${baseUrl}/users/${login}`;
    return {
        login,
        id,
        node_id: `U_${id}`,
        avatar_url: `https://avatars.example.invalid/u/${id}`,
        gravatar_id: '',
        url,
        html_url: `https://github.com/${login}`,
        followers_url: `${url}/followers`,
        following_url: `${url}/following{/other_user}`,
        gists_url: `${url}/gists{/gist_id}`,
        starred_url: `${url}/starred{/owner}{/repo}`,
        subscriptions_url: `${url}/subscriptions`,
        organizations_url: `${url}/orgs`,
        repos_url: `${url}/repos`,
        events_url: `${url}/events{/privacy}`,
        received_events_url: `${url}/received_events`,
        type,
        site_admin: false,
    };
}
function repository(r, baseUrl) {
    const full = `${r.owner}/${r.name}`;
    const url = `${baseUrl}/repos/${full}`;
    const stamp = '2025-01-01T00:00:00Z';
    return {
        id: r.id,
        node_id: `R_${r.id}`,
        name: r.name,
        full_name: full,
        owner: simpleUser(r.owner, r.ownerId, baseUrl, 'Organization'),
        private: true,
        html_url: `https://github.com/${full}`,
        description: null,
        fork: false,
        url,
        archive_url: `${url}/{archive_format}{/ref}`,
        assignees_url: `${url}/assignees{/user}`,
        blobs_url: `${url}/git/blobs{/sha}`,
        branches_url: `${url}/branches{/branch}`,
        collaborators_url: `${url}/collaborators{/collaborator}`,
        comments_url: `${url}/comments{/number}`,
        commits_url: `${url}/commits{/sha}`,
        compare_url: `${url}/compare/{base}...{head}`,
        contents_url: `${url}/contents/{+path}`,
        contributors_url: `${url}/contributors`,
        deployments_url: `${url}/deployments`,
        downloads_url: `${url}/downloads`,
        events_url: `${url}/events`,
        forks_url: `${url}/forks`,
        git_commits_url: `${url}/git/commits{/sha}`,
        git_refs_url: `${url}/git/refs{/sha}`,
        git_tags_url: `${url}/git/tags{/sha}`,
        git_url: `git://github.com/${full}.git`,
        issue_comment_url: `${url}/issues/comments{/number}`,
        issue_events_url: `${url}/issues/events{/number}`,
        issues_url: `${url}/issues{/number}`,
        keys_url: `${url}/keys{/key_id}`,
        labels_url: `${url}/labels{/name}`,
        languages_url: `${url}/languages`,
        merges_url: `${url}/merges`,
        milestones_url: `${url}/milestones{/number}`,
        notifications_url: `${url}/notifications{?since,all,participating}`,
        pulls_url: `${url}/pulls{/number}`,
        releases_url: `${url}/releases{/id}`,
        ssh_url: `git@github.com:${full}.git`,
        stargazers_url: `${url}/stargazers`,
        statuses_url: `${url}/statuses/{sha}`,
        subscribers_url: `${url}/subscribers`,
        subscription_url: `${url}/subscription`,
        tags_url: `${url}/tags`,
        teams_url: `${url}/teams`,
        trees_url: `${url}/git/trees{/sha}`,
        clone_url: `https://github.com/${full}.git`,
        mirror_url: null,
        hooks_url: `${url}/hooks`,
        svn_url: `https://github.com/${full}`,
        homepage: null,
        language: null,
        forks_count: 0,
        forks: 0,
        stargazers_count: 0,
        watchers_count: 0,
        watchers: 0,
        size: 0,
        default_branch: r.defaultBranch,
        open_issues_count: 0,
        open_issues: 0,
        has_issues: true,
        has_projects: false,
        has_wiki: false,
        has_pages: false,
        has_downloads: false,
        has_discussions: false,
        archived: false,
        disabled: false,
        license: null,
        pushed_at: stamp,
        created_at: stamp,
        updated_at: stamp,
        network_count: 0,
        subscribers_count: 0,
    };
}
/** GitHub's `job` object (the Jobs API's `GET .../actions/jobs/{job_id}` shape). */
function jobObject(j, baseUrl) {
    const repoUrl = `${baseUrl}/repos/${j.owner}/${j.repo}`;
    const stamp = '2025-01-01T00:00:00Z';
    return {
        id: j.id,
        run_id: j.runId,
        run_url: `${repoUrl}/actions/runs/${j.runId}`,
        run_attempt: j.runAttempt,
        node_id: `CR_${j.id}`,
        head_sha: j.headSha ?? 'a'.repeat(40),
        url: `${repoUrl}/actions/jobs/${j.id}`,
        html_url: `https://github.com/${j.owner}/${j.repo}/actions/runs/${j.runId}/job/${j.id}`,
        status: j.status,
        conclusion: j.conclusion,
        created_at: stamp,
        started_at: stamp,
        completed_at: j.status === 'completed' ? stamp : null,
        name: j.name,
        steps: j.steps.map((st, i) => ({
            name: st.name,
            status: st.status,
            conclusion: st.conclusion,
            number: i + 1,
            started_at: st.status === 'queued' ? null : stamp,
            completed_at: st.status === 'completed' ? stamp : null,
        })),
        check_run_url: `${repoUrl}/check-runs/${j.id}`,
        labels: ['ubuntu-latest'],
        runner_id: 1,
        runner_name: 'GitHub Actions 1',
        runner_group_id: 1,
        runner_group_name: 'GitHub Actions',
        workflow_name: j.workflowName ?? 'release',
        head_branch: j.headBranch ?? 'main',
    };
}

;// CONCATENATED MODULE: ./shared/standins/github-app-routes.ts
/**
 * Stand-in routes for what the broker asks of GitHub as a GitHub App: repository lookup, the
 * installation of a repository, installation tokens (create and revoke), commits and file contents.
 * In-memory state; App JWTs are verified with the app's public key like GitHub does.
 */



const now = () => new Date();
const sha = (branch) => Buffer.from(branch.padEnd(20, '-')).toString('hex').slice(0, 40);
const notFound = {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
};
const unauthorized = {
    status: 401,
    body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
};
function bearer(req) {
    const h = req.headers.authorization;
    const m = typeof h === 'string' ? /^(?:bearer|token)\s+(.+)$/i.exec(h) : null;
    return m?.[1];
}
function repoJson(r, baseUrl) {
    return repository(r, baseUrl);
}
function githubAppRoutes(state, baseUrl) {
    const find = (owner, repo) => state.repos.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === repo.toLowerCase());
    /**
     * Undefined when the request carries a JWT of this App that GitHub would take; else GitHub's 401.
     * Times are judged as GitHub's docs say ("Generating a JSON Web Token (JWT) for a GitHub App": iat
     * in the past, exp no more than 10 minutes into the future) on the stand-in's clock, with GitHub's
     * own messages, which octokit's auth-app matches to learn GitHub's clock from the `Date` header.
     */
    const appAuth = async (req) => {
        const jwt = bearer(req);
        if (!jwt)
            return unauthorized;
        let payload;
        try {
            const { payload: raw } = await compactVerify(jwt, state.appPublicKey, { algorithms: ['RS256'] });
            payload = JSON.parse(new TextDecoder().decode(raw));
        }
        catch {
            return unauthorized;
        }
        const at = now().getTime() / 1000;
        const clock = (message) => ({
            status: 401,
            body: { message, documentation_url: 'https://docs.github.com/rest' },
        });
        if (typeof payload.exp !== 'number' || payload.exp <= at)
            return clock("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
        if (payload.exp > at + 600)
            return clock("'Expiration time' claim ('exp') is too far in the future");
        if (!Number.isInteger(payload.iat) || payload.iat > at)
            return clock("'Issued at' claim ('iat') must be an Integer representing a time in the past");
        return String(payload.iss) === String(state.appId) ? undefined : unauthorized;
    };
    const tokenFor = (req) => {
        const t = bearer(req);
        return state.tokens.find((x) => x.token === t && !x.revoked && new Date(x.expiresAt) > now());
    };
    return (s) => {
        // The authenticated App (GET /app): answers only a JWT signed by the App's own key.
        s.route('GET', '/app', async (req) => {
            const refused = await appAuth(req);
            if (refused)
                return refused;
            const at = '2024-01-01T00:00:00Z';
            return {
                status: 200,
                body: {
                    id: state.appId,
                    slug: 'stepwarden-standin',
                    node_id: `A_${state.appId}`,
                    owner: simpleUser('octo-org', 200001, baseUrl(), 'Organization'),
                    name: 'stepwarden stand-in',
                    description: 'local stand-in App',
                    external_url: 'https://stepwarden.invalid',
                    html_url: `${baseUrl()}/apps/stepwarden-standin`,
                    created_at: at,
                    updated_at: at,
                    permissions: state.installationPermissions,
                    events: [],
                },
            };
        });
        s.route('GET', '/repos/{owner}/{repo}', (req) => {
            const r = find(req.params.owner, req.params.repo);
            if (!r || !tokenFor(req))
                return r ? unauthorized : notFound;
            return { status: 200, body: repoJson(r, baseUrl()) };
        });
        s.route('GET', '/repos/{owner}/{repo}/installation', async (req) => {
            const refused = await appAuth(req);
            if (refused)
                return refused;
            const r = find(req.params.owner, req.params.repo);
            if (!r)
                return notFound;
            return {
                status: 200,
                body: {
                    id: r.installationId,
                    account: repoJson(r, baseUrl()).owner,
                    repository_selection: 'selected',
                    access_tokens_url: `${baseUrl()}/app/installations/${r.installationId}/access_tokens`,
                    repositories_url: `${baseUrl()}/installation/repositories`,
                    html_url: `https://github.com/organizations/${r.owner}/settings/installations/${r.installationId}`,
                    app_id: state.appId,
                    target_id: r.ownerId,
                    target_type: 'Organization',
                    permissions: state.installationPermissions,
                    events: [],
                    created_at: '2025-01-01T00:00:00Z',
                    updated_at: '2025-01-01T00:00:00Z',
                    single_file_name: null,
                    app_slug: 'stepwarden',
                    suspended_by: null,
                    suspended_at: null,
                },
            };
        });
        s.route('POST', '/app/installations/{installation_id}/access_tokens', async (req) => {
            const refused = await appAuth(req);
            if (refused)
                return refused;
            const id = Number(req.params.installation_id);
            const body = (req.body ?? {});
            const permissions = body.permissions ?? state.installationPermissions;
            for (const [p, l] of Object.entries(permissions)) {
                const has = state.installationPermissions[p];
                if (!has || (l === 'write' && has === 'read')) {
                    return {
                        status: 422,
                        body: {
                            message: `The permissions requested are not granted to this installation. (${p}: ${l})`,
                            documentation_url: 'https://docs.github.com/rest',
                        },
                    };
                }
            }
            const repos = (body.repositories ?? []).map((n) => state.repos.find((r) => r.name === n && r.installationId === id));
            if (repos.some((r) => !r))
                return {
                    status: 422,
                    body: {
                        message: 'There is at least one repository that does not exist or is not accessible to the parent installation.',
                        documentation_url: 'https://docs.github.com/rest',
                    },
                };
            const token = state.tokenFormat === 'long'
                ? `ghs_${(0,external_node_crypto_.randomBytes)(180).toString('base64url')}`
                : `ghs_${(0,external_node_crypto_.randomBytes)(27).toString('base64url').slice(0, 36)}`;
            // An hour on GitHub's clock (`now()`, what the stand-in judges JWTs and tokens by), not on the
            // process's `Date.now`, which a suite moves for the broker in the same process: a broker a day
            // behind got a token that, by GitHub's own clock, expired 23 hours before it was minted.
            const expiresAt = new Date(now().getTime() + ((state.clockOffsetSeconds ?? 0) + 3600) * 1000)
                .toISOString()
                .replace(/\.\d+Z$/, 'Z');
            state.tokens.push({
                token,
                installationId: id,
                permissions,
                repositories: body.repositories ?? [],
                expiresAt,
                revoked: false,
            });
            const answer = {
                token,
                expires_at: expiresAt,
                permissions,
                repository_selection: 'selected',
                repositories: repos.map((r) => repoJson(r, baseUrl())),
            };
            return { status: 201, body: state.tokenAnswer ? state.tokenAnswer(answer) : answer };
        });
        s.route('DELETE', '/installation/token', (req) => {
            const t = tokenFor(req);
            if (!t)
                return unauthorized;
            t.revoked = true;
            return { status: 204 };
        });
        s.route('GET', '/repos/{owner}/{repo}/commits/{ref}', (req) => {
            const r = find(req.params.owner, req.params.repo);
            if (!r || !tokenFor(req))
                return r ? unauthorized : notFound;
            if (!r.files[req.params.ref])
                return {
                    status: 422,
                    body: {
                        message: `No commit found for SHA: ${req.params.ref}`,
                        documentation_url: 'https://docs.github.com/rest',
                    },
                };
            const s = sha(req.params.ref);
            const url = `${baseUrl()}/repos/${r.owner}/${r.name}/commits/${s}`;
            return {
                status: 200,
                body: {
                    sha: s,
                    node_id: `C_${s}`,
                    url,
                    html_url: `https://github.com/${r.owner}/${r.name}/commit/${s}`,
                    comments_url: `${url}/comments`,
                    commit: {
                        url,
                        author: null,
                        committer: null,
                        message: 'stand-in commit',
                        comment_count: 0,
                        tree: { sha: sha('tree'), url: `${url}/tree` },
                    },
                    author: null,
                    committer: null,
                    parents: [],
                },
            };
        });
        s.route('GET', '/repos/{owner}/{repo}/contents/{path}', (req) => {
            const r = find(req.params.owner, req.params.repo);
            if (!r || !tokenFor(req))
                return r ? unauthorized : notFound;
            const ref = req.query.get('ref') ?? r.defaultBranch;
            const branch = Object.keys(r.files).find((b) => b === ref || sha(b) === ref);
            const text = branch ? r.files[branch][req.params.path] : undefined;
            if (text === undefined)
                return notFound;
            const size = Buffer.byteLength(text);
            // As GitHub: a file over 1 MB comes without its content (encoding `none`); raw media type not modelled.
            const large = size > 1024 * 1024;
            const content = large ? '' : Buffer.from(text).toString('base64');
            const path = req.params.path;
            return {
                status: 200,
                body: {
                    type: 'file',
                    encoding: large ? 'none' : 'base64',
                    size,
                    name: path.split('/').pop(),
                    path,
                    content,
                    sha: sha(path),
                    url: `${baseUrl()}/repos/${r.owner}/${r.name}/contents/${path}`,
                    git_url: null,
                    html_url: null,
                    download_url: null,
                    _links: { git: null, html: null, self: `${baseUrl()}/repos/${r.owner}/${r.name}/contents/${path}` },
                },
            };
        });
    };
}


// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/key/generate_key_pair.js
var generate_key_pair = __webpack_require__(9480);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/key/export.js
var key_export = __webpack_require__(7968);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwt/sign.js + 1 modules
var sign = __webpack_require__(2896);
;// CONCATENATED MODULE: ./shared/standins/oidc-issuer.ts
/**
 * A local OIDC issuer on 127.0.0.1 that mints GitHub-Actions-shaped ID tokens, for tests and
 * `stepwarden demo`. NOT GitHub: it has its own RSA keys and JWKS, and it can mint forged variants
 * (other algorithms, unknown kids, foreign keys, raw payload text) for security tests.
 */



async function newKey() {
    const { privateKey, publicKey } = await (0,generate_key_pair/* generateKeyPair */.T)('RS256', { extractable: true });
    const kid = (0,external_node_crypto_.randomUUID)();
    return { kid, privateKey, jwk: { ...(await (0,key_export/* exportJWK */.JU)(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}
/** Claims as GitHub documents them for a push to main of octo-org/octo-repo. */
function githubClaims(issuer, audience, over = {}) {
    const repository = over.repository ?? 'octo-org/octo-repo';
    const [owner] = repository.split('/');
    const workflow = over.workflow_file ?? 'release.yml';
    const ref = over.ref ?? 'refs/heads/main';
    const base = {
        iss: issuer,
        aud: audience,
        sub: `repo:${repository}:ref:${ref}`,
        jti: (0,external_node_crypto_.randomUUID)(),
        ref,
        // GitHub's kind of the ref (the broker refuses a ref_type that disagrees with ref).
        ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
        ref_protected: 'true',
        sha: 'a'.repeat(40),
        repository,
        repository_id: '100001',
        repository_owner: owner,
        repository_owner_id: '200001',
        repository_visibility: 'private',
        run_id: '9001',
        run_number: '42',
        run_attempt: '1',
        actor: 'octocat',
        actor_id: '583231',
        triggering_actor: 'octocat',
        workflow: 'release',
        workflow_ref: `${repository}/.github/workflows/${workflow}@${ref}`,
        workflow_sha: 'a'.repeat(40),
        job_workflow_ref: `${repository}/.github/workflows/${workflow}@${ref}`,
        job_workflow_sha: 'a'.repeat(40),
        event_name: 'push',
        runner_environment: 'github-hosted',
    };
    const { workflow_file: _ignored, ...rest } = over;
    return { ...base, ...rest };
}
async function startOidcIssuer(opts = {}) {
    let key = await newKey();
    let also = [];
    let fetches = 0;
    let discoveries = 0;
    let mode = 'up';
    let url = '';
    let runnerClaims = {};
    let mintFn = async () => '';
    const srv = await (0,http/* listen */.KT)((req, res) => {
        const full = new URL(req.url ?? '/', 'http://x');
        const path = full.pathname;
        if (path === '/_runner/idtoken') {
            if (!/^Bearer runner-request-token$/.test(String(req.headers.authorization ?? '')))
                return (0,http/* sendJson */.jD)(res, 401, { message: 'bad request token' });
            const aud = full.searchParams.get('audience');
            void mintFn({ ...runnerClaims, ...(aud ? { aud } : {}) }).then((value) => (0,http/* sendJson */.jD)(res, 200, { value }));
            return;
        }
        if (path === '/.well-known/openid-configuration')
            discoveries++;
        if (path.startsWith('/.well-known/') && mode !== 'up') {
            if (path === '/.well-known/jwks')
                fetches++;
            if (mode === 'down')
                (0,http/* sendJson */.jD)(res, 503, { error: 'unavailable' });
            return;
        }
        if (path === '/.well-known/openid-configuration') {
            (0,http/* sendJson */.jD)(res, 200, {
                issuer: url,
                jwks_uri: `${url}/.well-known/jwks`,
                subject_types_supported: ['public', 'pairwise'],
                response_types_supported: ['id_token'],
                claims_supported: [
                    'sub',
                    'aud',
                    'exp',
                    'iat',
                    'iss',
                    'jti',
                    'nbf',
                    'ref',
                    'repository',
                    'repository_id',
                    'repository_owner_id',
                    'run_id',
                    'run_attempt',
                    'actor',
                    'workflow',
                    'event_name',
                ],
                id_token_signing_alg_values_supported: ['RS256'],
                scopes_supported: ['openid'],
            });
        }
        else if (path === '/.well-known/jwks') {
            fetches++;
            (0,http/* sendJson */.jD)(res, 200, { keys: [key.jwk, ...also] });
        }
        else {
            (0,http/* sendJson */.jD)(res, 404, { error: 'not_found' });
        }
    }, opts.host, opts.port);
    url = srv.url;
    const issuer = {
        url,
        runnerTokenUrl: `${url}/_runner/idtoken`,
        setRunnerClaims(claims) {
            runnerClaims = claims;
        },
        get jwksFetches() {
            return fetches;
        },
        get discoveryFetches() {
            return discoveries;
        },
        setMode(m) {
            mode = m;
        },
        jwks: () => ({ keys: [key.jwk, ...also] }),
        publishAlso(keys) {
            also = [...keys];
        },
        async rotate() {
            key = await newKey();
        },
        async mint(claims = {}, mintOpts = {}) {
            const now = Math.floor(Date.now() / 1000) + (mintOpts.issuedAtOffset ?? 0);
            const payload = githubClaims(url, opts.audience ?? 'https://broker.example.com', claims);
            const jwt = new sign/* SignJWT */.P(payload)
                .setProtectedHeader({
                alg: mintOpts.alg ?? 'RS256',
                kid: mintOpts.kid ?? key.kid,
                typ: 'JWT',
                ...(mintOpts.alg === 'RS256' || !mintOpts.alg ? { x5t: 'stand-in' } : {}),
            })
                .setIssuedAt(now)
                .setNotBefore(now)
                .setExpirationTime(now + (mintOpts.expiresIn ?? 300));
            return jwt.sign(mintOpts.key ?? key.privateKey);
        },
        claims: (over = {}) => githubClaims(url, opts.audience ?? 'https://broker.example.com', over),
        async mintRaw(payloadJson, header = {}) {
            const head = Buffer.from(typeof header === 'string'
                ? header
                : JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })).toString('base64url');
            const input = `${head}.${Buffer.from(payloadJson).toString('base64url')}`;
            const sig = await globalThis.crypto.subtle.sign('RSASSA-PKCS1-v1_5', key.privateKey, new TextEncoder().encode(input));
            return `${input}.${Buffer.from(sig).toString('base64url')}`;
        },
        close: srv.close,
    };
    mintFn = (claims) => issuer.mint(claims);
    return issuer;
}

// EXTERNAL MODULE: ./shared/actions/broker-client.ts
var broker_client = __webpack_require__(5461);
;// CONCATENATED MODULE: ./shared/demo/run-demo.ts
/**
 * `stepwarden demo`: the whole stack on loopback in one process \u2014 a local OIDC issuer and a GitHub
 * REST stand-in (both NOT GitHub; see docs/standins.md), the broker with an embedded manifest \u2014 then
 * one release job's steps exchange, use and revoke credentials through the same client code the
 * actions use, including the refusals an attacker would meet. Prints every step and the audit lines.
 */


















const AUDIENCE = 'https://broker.demo.invalid';
const DEMO_MANIFEST = `version: 1
repository: { name: octo-org/demo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        environments: [production]
        credentials:
          - step: publish
            audience: github
            permissions: { contents: write }
            repositories: [self]
            ttl: 300
            when:
              ref: [refs/heads/main]
              environment: [production]
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
`;
/** Never prints a credential: only its kind, length and a hash-free label. */
const describe = (token) => `${token.startsWith('ghs_') ? 'GitHub installation token' : 'JWT'} (${token.length} chars, masked)`;
async function runDemo(opts) {
    const say = opts.out;
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'stepwarden-demo-'));
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(dir, 'octo-org/demo-repo/.github'), { recursive: true });
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'octo-org/demo-repo/.github/access-manifest.yml'), DEMO_MANIFEST);
    const issuer = await startOidcIssuer({ audience: AUDIENCE });
    const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('rsa', { modulusLength: 2048 });
    const state = {
        appId: 4242,
        appPublicKey: publicKey,
        repos: [
            {
                owner: 'octo-org',
                name: 'demo-repo',
                id: 100001,
                ownerId: 200001,
                defaultBranch: 'main',
                files: { main: { '.github/access-manifest.yml': DEMO_MANIFEST } },
                installationId: 1,
            },
        ],
        installationPermissions: { contents: 'write', metadata: 'read' },
        tokens: [],
    };
    let ghUrl = '';
    const gh = await startGithubStandin({ routes: githubAppRoutes(state, () => ghUrl) });
    ghUrl = gh.url;
    const audit = (0,audit_log/* memoryAuditSink */.wM)();
    const github = new github_app/* GithubApp */.XJ({ api: gh.url, appId: state.appId, privateKey });
    const broker = await (0,server/* startBrokerWith */.G7)({
        url: AUDIENCE,
        verifier: (0,oidc_verify/* createOidcVerifier */.wQ)({ issuers: [issuer.url], audience: AUDIENCE }),
        store: new memory/* MemoryStore */.ny(),
        key: await (0,signing_key/* generateSigningKey */.ID)(),
        manifests: (0,manifest_source/* directorySource */.X)(dir),
        audit,
        github,
        // The stand-in has no Jobs API and the demo's tokens no check_run_id: the demo asserts its job
        // (require-job-identity: false, which a production broker must not set; docs/broker.md).
        jobIdentity: new job_identity/* JobIdentityChecker */.jN(github, { require: false }),
        rateLimit: { limit: 600, windowSeconds: 60 },
        adminTokenHashes: [],
    });
    const stop = async () => {
        await broker.close();
        await gh.close();
        await issuer.close();
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    };
    const urls = { broker: broker.url, issuer: issuer.url, github: gh.url };
    say('stepwarden demo: everything below runs on 127.0.0.1 (the OIDC issuer and GitHub API are local stand-ins)');
    say(`  broker ${broker.url}   OIDC issuer ${issuer.url}   GitHub stand-in ${gh.url}`);
    say('  manifest (default branch of octo-org/demo-repo): job publish of release.yml may get');
    say('    step publish -> GitHub token contents:write for 300 s, only from refs/heads/main in environment production;');
    say('    step notify -> JWT notify:send for 60 s (default branch only)\n');
    const claims = {
        repository: 'octo-org/demo-repo',
        workflow_file: 'release.yml',
        run_id: '777',
        event_name: 'push',
        environment: 'production',
    };
    const oidc = () => issuer.mint(claims);
    let ok = true;
    const expectRefusal = async (label, fn) => {
        try {
            await fn();
            ok = false;
            say(`  \u2717 ${label}: was NOT refused`);
        }
        catch (err) {
            const e = err;
            say(`  \u2713 ${label}: refused \u2014 ${e.description}`);
        }
    };
    try {
        say('step publish (actions/run): exchange, run the command, revoke');
        const pub = await (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: await oidc(),
            audience: 'github',
            scope: 'contents:write',
            job: 'publish',
            step: 'publish',
        });
        say(`  \u2713 granted ${describe(pub.access_token)}, scope ${pub.scope}, ${pub.expires_in}s, grant ${pub.grant_id}`);
        say('  \u2026 the command runs with GH_TOKEN set \u2026');
        await (0,broker_client/* revokeToken */.w$)(broker.url, pub.access_token);
        const upstream = state.tokens.find((t) => t.token === pub.access_token);
        say(`  \u2713 revoked at the broker and upstream at GitHub: ${upstream?.revoked ? 'yes' : 'NO'}`);
        ok &&= upstream?.revoked === true;
        say('\nstep notify (actions/exchange): a broker-signed JWT for an internal service');
        const note = await (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: await oidc(),
            audience: 'https://hooks.example.internal',
            scope: 'notify:send',
            job: 'publish',
            step: 'notify',
        });
        const jwks = (await (await fetch(`${broker.url}/.well-known/jwks.json`)).json());
        const { payload } = await (0,verify/* jwtVerify */.V)(note.access_token, (0,local/* createLocalJWKSet */.w)(jwks), {
            audience: 'https://hooks.example.internal',
        });
        say(`  \u2713 granted ${describe(note.access_token)}; the service verifies it with the broker JWKS: sub ${payload.sub}, scope ${String(payload.scope)}`);
        say('\nwhat a compromised step meets');
        await expectRefusal('asking for more than the grant (administration:write)', async () => (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: await oidc(),
            audience: 'github',
            scope: 'contents:write administration:write',
            job: 'publish',
            step: 'publish',
        }, { retries: 0 }));
        await expectRefusal("claiming another step's grant a second time (possible theft)", async () => (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: await oidc(),
            audience: 'https://hooks.example.internal',
            job: 'publish',
            step: 'notify',
            scope: '',
        }, { retries: 0 }));
        const replayed = await issuer.mint({ ...claims, run_id: '778' });
        await (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: replayed,
            audience: 'https://hooks.example.internal',
            job: 'publish',
            step: 'notify',
            scope: '',
        });
        await expectRefusal('replaying an OIDC token', async () => (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: replayed,
            audience: 'https://hooks.example.internal',
            job: 'publish',
            step: 'notify',
            scope: '',
        }, { retries: 0 }));
        const attacker = 'refs/heads/attacker';
        await expectRefusal('an edited copy of release.yml pushed to a branch (grant condition: ref)', async () => (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: await issuer.mint({
                ...claims,
                run_id: '780',
                ref: attacker,
                workflow_ref: `octo-org/demo-repo/.github/workflows/release.yml@${attacker}`,
                job_workflow_ref: `octo-org/demo-repo/.github/workflows/release.yml@${attacker}`,
            }),
            audience: 'github',
            job: 'publish',
            step: 'publish',
            scope: '',
        }, { retries: 0 }));
        await expectRefusal('a pull_request_target run (trigger not in the manifest)', async () => (0,broker_client/* exchange */.cv)(broker.url, {
            subjectToken: await issuer.mint({ ...claims, run_id: '779', event_name: 'pull_request_target' }),
            audience: 'github',
            job: 'publish',
            step: 'publish',
            scope: '',
        }, { retries: 0 }));
        say('\njob end (actions/audit): revoke whatever is still live with a fresh OIDC token');
        const n = await (0,broker_client/* revokeJob */.q1)(broker.url, await oidc(), 'publish');
        say(`  \u2713 revoked ${n} leftover credential(s)`);
        await audit.flush();
        say('\nthe broker audit log (one JSON line per decision; no credential in any of them):');
        for (const e of audit.events) {
            say(`  ${e.time.slice(11, 19)} ${e.type.padEnd(24)} ${e.outcome.padEnd(7)} ${(e.step ?? '-').padEnd(8)} ${(e.reason ?? e.scope ?? '').slice(0, 60)}`);
        }
        // The same log through `stepwarden audit`: workload apart from administrator activity, anomalies.
        const report = (0,audit_report/* buildReport */.F)(audit.events);
        const kinds = [...new Set(report.anomalies.map((a) => a.kind))];
        say(`\nstepwarden audit of that log: ${report.totals.workload} workload events, ${report.totals.administrator} administrator events; anomalies: ${kinds.join(', ') || 'none'}`);
        const leaked = audit.events.some((e) => JSON.stringify(e).includes(pub.access_token) || JSON.stringify(e).includes(note.access_token));
        ok &&= !leaked;
        say(`\n${ok ? 'demo passed' : 'demo FAILED'}: ${audit.events.length} audit events. Next: 'stepwarden check examples/demo-repo', docs/broker.md.`);
    }
    catch (err) {
        ok = false;
        say(`demo failed: ${err.message}`);
    }
    if (!opts.keepRunning)
        await stop();
    return { ok, stop, urls };
}

// EXTERNAL MODULE: ./shared/cli/summaries.ts
var summaries = __webpack_require__(8467);
;// CONCATENATED MODULE: ./shared/cli/commands/demo.ts



const demoCommand = {
    name: 'demo',
    summary: summaries/* SUMMARIES */.Z.demo,
    help: `Usage: stepwarden demo [--keep-running]

Starts a local OIDC issuer and a GitHub REST stand-in (both local stand-ins, not GitHub), the broker
with an embedded manifest, then plays the steps of one release job: a GitHub token for one command,
revoked after; a JWT for an internal service; the refusals a compromised step meets (over-scoped
request, second claim, replayed token, disallowed trigger); the job-end revocation; and the audit log.
No network beyond 127.0.0.1; nothing is written outside a temporary directory. Exit 0 when every
step behaved as described.

Options:
  --keep-running   leave the stack up afterwards and print its URLs (Ctrl-C to stop)
`,
    async run(argv, io) {
        if ((0,command/* wantsHelp */.lx)(argv)) {
            io.stdout(this.help);
            return command/* EXIT */.dc.ok;
        }
        const { values } = (0,command/* parseCommandArgs */.Qx)('demo', argv, { 'keep-running': { type: 'boolean' } });
        const result = await runDemo({
            out: (l) => io.stdout(`${l}\n`),
            keepRunning: values['keep-running'] === true,
        });
        if (values['keep-running']) {
            io.stdout(`stack running: ${JSON.stringify(result.urls)} (Ctrl-C to stop)\n`);
            await new Promise((resolve) => process.once('SIGINT', () => void result.stop().then(resolve)));
        }
        return result.ok ? command/* EXIT */.dc.ok : command/* EXIT */.dc.findings;
    },
};


/***/ })

};
