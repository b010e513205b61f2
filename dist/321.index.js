export const id = 321;
export const ids = [321];
export const modules = {

/***/ 6442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L: () => (/* binding */ decide),
  B: () => (/* binding */ workflowOf)
});

// EXTERNAL MODULE: ./shared/permissions/app-permissions.ts
var app_permissions = __webpack_require__(1923);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(3966);
// EXTERNAL MODULE: ./shared/conditions/claims.ts
var conditions_claims = __webpack_require__(4120);
// EXTERNAL MODULE: ./shared/conditions/glob.ts
var glob = __webpack_require__(6863);
// EXTERNAL MODULE: ./shared/conditions/verdict.ts
var verdict = __webpack_require__(9084);
;// CONCATENATED MODULE: ./shared/conditions/evaluate.ts



const list = (xs) => xs.join(', ');
function run(c, input) {
    const raw = (0,conditions_claims/* claimString */.e)(input.claims, c.claim);
    const actual = raw === '' ? undefined : raw;
    const line = input.lineOf(c.path);
    const where = `(${input.file}:${line})`;
    const base = {
        condition: c.condition,
        origin: c.origin,
        claim: c.claim,
        actual: actual === undefined ? undefined : (0,verdict/* shown */.SP)(actual),
        expected: c.expected,
        file: input.file,
        line,
    };
    if (actual === undefined) {
        return {
            ...base,
            ok: false,
            code: verdict/* CONDITION_CODES */.d1.missing,
            message: `the token has no '${c.claim}' claim, which condition ${c.condition} needs ${where}`,
        };
    }
    if (c.test(actual))
        return { ...base, ok: true, message: `${c.okText((0,verdict/* shown */.SP)(actual))} ${where}` };
    return {
        ...base,
        ok: false,
        code: verdict/* CONDITION_CODES */.d1[c.codeKey],
        message: `${c.failText((0,verdict/* shown */.SP)(actual))} ${where}`,
    };
}
function patternCheck(condition, codeKey, claim, patterns, origin, path, nocase = false) {
    return {
        condition,
        codeKey,
        claim,
        expected: patterns,
        origin,
        path,
        test: (a) => (0,glob/* matchesAny */._I)(a, patterns, { nocase }),
        failText: (a) => `${condition} ${a} is not one of ${list(patterns)}`,
        okText: (a) => `${condition} ${a} matches ${list(patterns)}`,
    };
}
/** The checks one `when` block asks for, in a fixed order (the order refusals are reported in). */
function whenChecks(when, origin, path) {
    const out = [];
    if (when.ref)
        out.push(patternCheck('ref', 'ref', 'ref', when.ref, origin, [...path, 'ref']));
    if (when['ref-protected'] !== undefined) {
        const want = String(when['ref-protected']);
        out.push({
            condition: 'ref-protected',
            codeKey: 'ref-protected',
            claim: 'ref_protected',
            expected: [want],
            origin,
            path: [...path, 'ref-protected'],
            test: (a) => a === want,
            failText: (a) => `ref_protected is ${a}, not ${want}`,
            okText: (a) => `ref_protected is ${a}`,
        });
    }
    if (when.environment)
        // GitHub environment names ignore case.
        out.push(patternCheck('environment', 'environment', 'environment', when.environment, origin, [...path, 'environment'], true));
    if (when.event)
        out.push(patternCheck('event', 'event', 'event_name', when.event, origin, [...path, 'event']));
    if (when['runner-environment'])
        out.push(patternCheck('runner-environment', 'runner-environment', 'runner_environment', when['runner-environment'], origin, [...path, 'runner-environment']));
    if (when['actor-id']) {
        const ids = when['actor-id'];
        out.push({
            condition: 'actor-id',
            codeKey: 'actor-id',
            claim: 'actor_id',
            expected: ids,
            origin,
            path: [...path, 'actor-id'],
            // Exact: ids are numbers, never globs.
            test: (a) => ids.includes(a),
            failText: (a) => `actor-id ${a} is not one of ${list(ids)}`,
            okText: (a) => `actor-id ${a} is listed`,
        });
    }
    for (const [name, want] of Object.entries(when.claims ?? {})) {
        const patterns = typeof want === 'boolean' ? [String(want)] : Array.isArray(want) ? want : [want];
        out.push({
            ...patternCheck(`claims.${name}`, 'claims', name, patterns, origin, [...path, 'claims', name]),
            test: (a) => (typeof want === 'boolean' ? a === String(want) : (0,glob/* matchesAny */._I)(a, patterns)),
            failText: (a) => `claim ${name} ${a} is not one of ${list(patterns)}`,
            okText: (a) => `claim ${name} ${a} matches ${list(patterns)}`,
        });
    }
    return out;
}
/** Every condition that applies to a grant, each with its verdict; the first failure is the refusal. */
function evaluateConditions(input) {
    const checks = [];
    const job = input.job;
    if (job) {
        const envs = job.environments;
        // A token naming an environment outside the job's list is refused; a token without one is not
        // naming any (an `environment:` condition, when listed, requires one).
        const envClaim = (0,conditions_claims/* claimString */.e)(input.claims, 'environment');
        if (envClaim) {
            checks.push({
                condition: 'environments',
                codeKey: 'environments',
                claim: 'environment',
                expected: envs,
                origin: 'job',
                path: [...job.path, 'environments'],
                test: (a) => envs.some((e) => e.toLowerCase() === a.toLowerCase()),
                failText: (a) => envs.length
                    ? `environment ${a} is not one of the job's environments ${list(envs)}`
                    : `environment ${a} is not declared: the job lists no environments`,
                okText: (a) => `environment ${a} is declared by the job`,
            });
        }
        if (job.when)
            checks.push(...whenChecks(job.when, 'job', [...job.path, 'when']));
    }
    if (input.grant.when)
        checks.push(...whenChecks(input.grant.when, 'grant', [...input.grant.path, 'when']));
    if (!input.grant.when?.ref && !job?.when?.ref) {
        // Secure default: the branch the manifest was read from, exactly; never a pull request ref.
        const ref = `refs/heads/${input.defaultBranch}`;
        checks.unshift({
            condition: 'ref',
            codeKey: 'ref',
            claim: 'ref',
            expected: [ref],
            origin: 'default',
            path: input.grant.path,
            test: (a) => a === ref && (0,glob/* globMatch */.eu)(ref, a),
            failText: (a) => `ref ${a} is not one of ${ref} (the default branch; no when.ref)`,
            okText: (a) => `ref ${a} is the default branch (no when.ref)`,
        });
    }
    const verdicts = checks.map((c) => run(c, input));
    const refusal = verdicts.find((v) => !v.ok);
    return { verdicts, ...(refusal ? { refusal } : {}) };
}

// EXTERNAL MODULE: ./shared/conditions/narrow.ts
var narrow = __webpack_require__(4746);
// EXTERNAL MODULE: ./shared/conditions/reach.ts
var reach = __webpack_require__(278);
// EXTERNAL MODULE: ./shared/conditions/callers.ts
var callers = __webpack_require__(2721);
// EXTERNAL MODULE: ./shared/broker/errors.ts
var errors = __webpack_require__(5031);
;// CONCATENATED MODULE: ./shared/broker/decide.ts
/**
 * The grant decision, pure: verified claims + the request + the default-branch manifest (+ org
 * policy) -> what may be issued, or a refusal that says which claim, condition, rule and manifest
 * line. In order: the repository binding, which workflow file's grants apply (callers, trusted
 * reusable workflows), the trigger, the job and grant, the grant conditions (shared/conditions), the
 * requested scope, and the reach beyond the repository. State (jti once, claim counts, rate limits) is
 * the service's, not this function's.
 */









const appRank = (l) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);
/**
 * The workflow file whose grants a token claims (the manifest key its credentials are recorded,
 * revoked and audited under): `job_workflow_ref`'s file for the repository's own workflows (for a
 * reusable one, the callee), `workflow_ref`'s (the caller) when the running job belongs to another
 * repository, whose grants come from the caller's entry (`trusted-workflows`).
 */
function workflowOf(claims) {
    const parse = (ref) => /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+\.ya?ml)@/.exec(ref);
    const ref = claims.job_workflow_ref || claims.workflow_ref || '';
    const m = parse(ref);
    if (!m)
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_CLAIM_WORKFLOW_REF', `job_workflow_ref/workflow_ref '${ref}' does not name a workflow file`);
    const caller = parse(String(claims.workflow_ref ?? ''));
    if (caller && m[1].toLowerCase() !== String(claims.repository).toLowerCase())
        return { repository: caller[1], file: caller[2] };
    return { repository: m[1], file: m[2] };
}
function parseGithubScope(scope) {
    const out = {};
    for (const part of scope.split(/\s+/).filter(Boolean)) {
        const m = /^([a-z0-9_-]+):(read|write|admin)$/.exec(part);
        if (!m)
            throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_SYNTAX', `scope '${part}' is not PERMISSION:LEVEL (e.g. contents:write)`);
        const name = m[1].replace(/_/g, '-');
        if (!Object.hasOwn(app_permissions/* APP_PERMISSIONS */.d, name))
            throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_UNKNOWN', `'${m[1]}' is not a GitHub App permission`);
        out[name] = m[2];
    }
    return out;
}
function decide(input, 
/** Receives every condition verdict, also when the decision is a refusal (`explain`, `dry_run`). */
trace) {
    const { claims, request, manifest } = input;
    const m = manifest.manifest;
    const file = manifest.file;
    const at = (path) => `${file}:${manifest.lineOf(path)}`;
    const bound = m.repository;
    if (!bound?.id || !bound['owner-id']) {
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_MANIFEST_UNBOUND', `${file} has no repository.id and repository.owner-id; add them (GITHUB_REPOSITORY_ID, GITHUB_REPOSITORY_OWNER_ID) so grants bind to the repository, not its name`);
    }
    if (String(bound.id) !== claims.repository_id) {
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_REPOSITORY_ID_MISMATCH', `claim repository_id ${claims.repository_id} is not ${file}'s repository.id ${bound.id} (a renamed or re-created repository does not inherit grants)`);
    }
    if (String(bound['owner-id']) !== claims.repository_owner_id) {
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_OWNER_ID_MISMATCH', `claim repository_owner_id ${claims.repository_owner_id} is not ${file}'s repository.owner-id ${bound['owner-id']}`);
    }
    const resolved = (0,callers/* resolveWorkflow */.KV)(claims, m, input.callerJob, {
        job: request.job,
        step: request.step,
    });
    if (!resolved.ok)
        throw new errors/* BrokerRefusal */.E('invalid_grant', resolved.code, `${resolved.message}${resolved.path ? ` (${at(resolved.path)})` : ''}`);
    const wfFile = resolved.file;
    const has = (o, k) => (Object.hasOwn(o, k) ? o[k] : undefined);
    const entry = has(m.workflows, wfFile);
    if (!entry)
        throw new errors/* BrokerRefusal */.E('invalid_target', 'ERR_NO_GRANT', `${file} lists no workflow '${wfFile}'`);
    const event = (0,conditions_claims/* claimString */.e)(claims, 'event_name');
    if (!event)
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_CLAIM_MISSING', "the token has no 'event_name' claim, which the trigger check needs");
    // The run's event is the caller's: a reusable workflow is judged by its caller's triggers.
    const triggerEntry = resolved.kind === 'reusable' ? has(m.workflows, resolved.caller.file) : entry;
    const triggerFile = resolved.kind === 'reusable' ? resolved.caller.file : wfFile;
    // A refused trigger is thrown once the grant's conditions are in the trace (explain and dry_run
    // list every condition), and before any other refusal: the outcome is the same as throwing now.
    let eventRefusal;
    if (!(0,effective_policy/* triggerAllowed */.Fq)(triggerEntry, event))
        eventRefusal = new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_TRIGGER_NOT_ALLOWED', `event '${event}' is not allowed for ${triggerFile} (${at(['workflows', triggerFile, 'triggers'])})`);
    const policies = [...(input.org ? [input.org] : []), ...(input.orgs ?? [])];
    for (const o of policies)
        if (!eventRefusal && o.value['forbidden-triggers'].includes(event))
            eventRefusal = new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_ORG_CEILING', `event '${event}' is forbidden by the organization policy (${o.file}:${o.lineOf(['forbidden-triggers'])})`);
    const job = has(entry.jobs, request.job);
    if (eventRefusal && !job)
        throw eventRefusal;
    if (!job)
        throw new errors/* BrokerRefusal */.E('invalid_target', 'ERR_NO_GRANT', `${file} lists no job '${request.job}' in ${wfFile}`);
    const wantsGithub = request.audience === 'github';
    const index = job.credentials.findIndex((g) => g.step === request.step && (wantsGithub ? (0,schema/* isGithubGrant */.Ed)(g) : g.audience === request.audience));
    if (eventRefusal && index < 0)
        throw eventRefusal;
    if (index < 0) {
        throw new errors/* BrokerRefusal */.E('invalid_target', 'ERR_NO_GRANT', `${file} grants step '${request.step}' of job '${request.job}' in ${wfFile} no credential for audience '${request.audience}'`);
    }
    const jobPath = ['workflows', wfFile, 'jobs', request.job];
    const path = [...jobPath, 'credentials', index];
    const line = manifest.lineOf(path);
    const defaultBranch = input.defaultBranch ?? m.repository?.['default-branch'] ?? 'main';
    const conditions = evaluateConditions({
        claims,
        file,
        lineOf: manifest.lineOf,
        defaultBranch,
        job: { environments: job.environments, path: jobPath, ...(job.when ? { when: job.when } : {}) },
        grant: { path, ...(job.credentials[index].when ? { when: job.credentials[index].when } : {}) },
    });
    trace?.push(...conditions.verdicts);
    if (eventRefusal)
        throw eventRefusal;
    if (conditions.refusal)
        throw new errors/* BrokerRefusal */.E('invalid_grant', conditions.refusal.code, conditions.refusal.message);
    let grant = job.credentials[index];
    for (const o of policies) {
        const org = o.value;
        if (org['repository-manifests'] !== 'narrow-only')
            continue;
        const orgGrant = (0,narrow/* findOrgGrant */.C)(org, claims.repository, wfFile, request.job, request.step, grant.audience);
        if (!orgGrant)
            throw new errors/* BrokerRefusal */.E('invalid_target', 'ERR_NO_ORG_GRANT', `the organization policy (${o.file}) is narrow-only and grants no credential for ${claims.repository} ${wfFile} job '${request.job}' step '${request.step}' (audience ${request.audience}); the repository manifest (${file}:${line}) can only narrow an organization grant`);
        const orgConditions = evaluateConditions({
            claims,
            file: o.file,
            lineOf: o.lineOf,
            defaultBranch,
            grant: { path: orgGrant.path, ...(orgGrant.grant.when ? { when: orgGrant.grant.when } : {}) },
        });
        trace?.push(...orgConditions.verdicts);
        if (orgConditions.refusal)
            throw new errors/* BrokerRefusal */.E('invalid_grant', orgConditions.refusal.code, orgConditions.refusal.message);
        conditions.verdicts.push(...orgConditions.verdicts);
        grant = (0,narrow/* narrowGrant */.u)(grant, orgGrant.grant);
    }
    const verifiedCaller = typeof input.callerJob === 'string'
        ? input.callerJob
        : input.callerJob && 'job' in input.callerJob
            ? input.callerJob.job
            : undefined;
    const ttl = Math.min(grant.ttl, ...policies.map((o) => o.value['max-credential-ttl'] ?? Infinity));
    const common = {
        ttl,
        uses: grant.uses,
        workflow: wfFile,
        manifestLine: line,
        conditions: conditions.verdicts,
        ...(resolved.kind !== 'direct'
            ? {
                workflowRefs: {
                    caller: resolved.caller.raw,
                    callee: resolved.callee.raw,
                    kind: resolved.kind,
                    ...(verifiedCaller ? { callerJob: verifiedCaller } : {}),
                    ...(resolved.declaredBy
                        ? { allowedBy: at(resolved.declaredBy) }
                        : resolved.callerIndex !== undefined
                            ? { allowedBy: at(['workflows', resolved.file, 'callers', resolved.callerIndex]) }
                            : {}),
                },
            }
            : {}),
    };
    if ((0,schema/* isGithubGrant */.Ed)(grant)) {
        const granted = grant.permissions;
        const requested = request.scope.trim() ? parseGithubScope(request.scope) : granted;
        for (const [p, level] of Object.entries(requested)) {
            if (appRank(level) > appRank(granted[p])) {
                throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_NOT_GRANTED', `${p}:${level} is above the grant for step '${request.step}' (${p}: ${granted[p] ?? 'none'}, ${file}:${line})`);
            }
        }
        if (Object.keys(requested).length === 0 || grant.repositories.length === 0)
            throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_NOT_GRANTED', `the grant for step '${request.step}' covers nothing after narrowing (${file}:${line})`);
        for (const o of policies) {
            const cap = o.value['max-credential-permissions'];
            if (!cap)
                continue;
            for (const [p, level] of Object.entries(requested)) {
                if (appRank(level) > appRank(cap[p]))
                    throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_ORG_CEILING', `${p}:${level} is above the organization ceiling (${p}: ${cap[p] ?? 'none'}, ${o.file}:${o.lineOf(['max-credential-permissions'])})`);
            }
        }
        const repoName = claims.repository.split('/')[1];
        const repositories = [...new Set(grant.repositories.map((r) => (r === 'self' ? repoName : r)))];
        // Every policy must consent; without any policy, nothing beyond the repository is allowed.
        const problems = (policies.length ? policies : [undefined]).flatMap((o) => (0,reach/* reachProblems */.yo)({
            repository: claims.repository,
            repositories,
            permissions: requested,
            org: o?.value,
            ...(o ? { orgFile: o.file } : {}),
        }));
        const refused = problems.find((p) => p.mode === 'enforce');
        if (refused)
            throw new errors/* BrokerRefusal */.E('invalid_target', refused.code, `${refused.message} (${file}:${line})`);
        return {
            kind: 'github',
            permissions: requested,
            repositories,
            scope: Object.entries(requested)
                .map(([p, l]) => `${p}:${l}`)
                .join(' '),
            ...common,
            ...(problems.length ? { policyAudit: problems } : {}),
        };
    }
    const allowed = grant.scope;
    const requested = request.scope.trim() ? request.scope.split(/\s+/).filter(Boolean) : allowed;
    const extra = requested.filter((s) => !allowed.includes(s));
    if (extra.length)
        throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_NOT_GRANTED', `scope ${extra.join(' ')} is not granted to step '${request.step}' (${file}:${line} grants: ${allowed.join(' ') || '(none)'})`);
    return {
        kind: 'jwt',
        audience: grant.audience,
        scope: requested.join(' '),
        ...common,
    };
}


/***/ }),

/***/ 5031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ BrokerRefusal)
/* harmony export */ });
class BrokerRefusal extends Error {
    error;
    code;
    description;
    status;
    retryAfter;
    constructor(error, code, description, status = 400, retryAfter) {
        super(`${code}: ${description}`);
        this.error = error;
        this.code = code;
        this.description = description;
        this.status = status;
        this.retryAfter = retryAfter;
        this.name = 'BrokerRefusal';
    }
    /** Set once an audit line records this refusal, so the HTTP edge writes one for the others. */
    audited = false;
    /** The body of the refusal, per RFC 6749 §5.2. */
    toJSON() {
        return { error: this.error, error_description: `${this.code}: ${this.description}` };
    }
}


/***/ }),

/***/ 1321:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ readOrgPolicyFile),
/* harmony export */   W3: () => (/* binding */ checkDirectory),
/* harmony export */   Xm: () => (/* binding */ readWorkflowsSafely)
/* harmony export */ });
/* unused harmony export MAX_FILE_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _workflow_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2884);
/* harmony import */ var _workflow_parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4533);
/* harmony import */ var _manifest_load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(720);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6831);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7071);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5470);
/**
 * I/O edge of the check: read workflows, the manifest and the org policy from disk, then run the pure
 * check. Under `pull_request_target` the files come from an untrusted pull request head, so nothing
 * here follows a symbolic link: a link named `.github/workflows/x.yml` pointing at a runner file would
 * otherwise have its content quoted in a parse error, in public annotations.
 */









/** Larger than any real workflow or manifest; a bigger file is refused rather than parsed. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const LINK = 'is a symbolic link, which stepwarden does not follow';
/** Why a path is not read: a symbolic link, not a regular file, or too large; undefined when fine. */
function refusalSync(path) {
    const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path);
    if (st.isSymbolicLink())
        return LINK;
    if (!st.isFile())
        return 'is not a regular file';
    if (st.size > MAX_FILE_BYTES)
        return `is larger than ${MAX_FILE_BYTES} bytes`;
    return undefined;
}
const refusal = async (path) => refusalSync(path);
/** One buffer for every workflow read (grown up to MAX_FILE_BYTES + 1, to tell a too-large file). */
let scratch = Buffer.allocUnsafe(64 * 1024);
/**
 * Reads a file the directory listing named a regular file, without following a link: one open
 * (O_NOFOLLOW; O_NONBLOCK so a FIFO swapped in cannot hang the check), the reads, one close. No stat:
 * the reads stop past MAX_FILE_BYTES, so whatever the entry became, at most that much is read.
 */
function readRegularFile(file, path) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0));
    }
    catch (err) {
        if (err.code === 'ELOOP')
            throw new Error(`${path} ${LINK}`, { cause: err });
        throw err;
    }
    try {
        let len = 0;
        for (;;) {
            if (len === scratch.length) {
                const grown = Buffer.allocUnsafe(Math.min(scratch.length * 2, MAX_FILE_BYTES + 1));
                scratch.copy(grown, 0, 0, len);
                scratch = grown;
            }
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, scratch, len, scratch.length - len, null);
            if (n === 0)
                break;
            len += n;
            if (len > MAX_FILE_BYTES)
                throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
        }
        return scratch.toString('utf8', 0, len);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/**
 * Reads `.github/workflows/*.yml|yaml` below `repoDir` without following links. A refused or
 * unreadable file becomes an error model (reported by `invalid-workflow`), never content.
 */
async function readWorkflowsSafely(repoDir) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(repoDir, _workflow_load_js__WEBPACK_IMPORTED_MODULE_3__/* .WORKFLOWS_DIR */ .xs);
    // Each component of `.github/workflows` must be a real directory, not a link out of the repository.
    for (const part of ['.github', _workflow_load_js__WEBPACK_IMPORTED_MODULE_3__/* .WORKFLOWS_DIR */ .xs]) {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(repoDir, part)).catch(() => undefined);
        if (!st)
            return [];
        if (st.isSymbolicLink())
            return [
                {
                    file: part,
                    path: part,
                    triggers: [],
                    jobs: [],
                    error: { message: `${part} is a symbolic link, which stepwarden does not follow`, line: 1 },
                },
            ];
    }
    let entries;
    try {
        entries = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true })).filter((e) => (0,_workflow_load_js__WEBPACK_IMPORTED_MODULE_3__/* .isWorkflowFileName */ .hq)(e.name));
    }
    catch {
        return [];
    }
    const models = [];
    // Synchronous reads: for ~1,500 small files they are several times faster than 1,500 promises.
    // Each file is parsed as soon as it is read, so its text is garbage before the next one is read
    // (peak memory holds models, not every file's text). The directory listing says what each entry
    // is (no lstat per file); the open refuses a link that appeared since (O_NOFOLLOW).
    for (const entry of entries) {
        const name = entry.name;
        const path = `${_workflow_load_js__WEBPACK_IMPORTED_MODULE_3__/* .WORKFLOWS_DIR */ .xs}/${name}`;
        let text;
        try {
            if (entry.isSymbolicLink())
                throw new Error(`${path} ${LINK}`);
            if (!entry.isFile())
                throw new Error(`${path} is not a regular file`);
            text = readRegularFile((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name), path);
        }
        catch (err) {
            models.push({
                file: name,
                path,
                triggers: [],
                jobs: [],
                error: { message: `cannot read file: ${err.message}`, line: 1 },
            });
            continue;
        }
        models.push((0,_workflow_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .parseWorkflow */ .h)(name, path, text));
    }
    return models.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
async function readPolicyText(path, what, fix, code = 'ERR_MANIFEST_INVALID') {
    let why;
    try {
        why = await refusal(path);
    }
    catch {
        why = 'does not exist or cannot be read';
    }
    if (why === undefined) {
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8');
        }
        catch (err) {
            why = `cannot be read (${err.code ?? 'error'})`;
        }
    }
    throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh([{ file: path, line: 1, message: `the ${what} ${why}`, fix }], code);
}
/** Reads and validates an organization policy file (also used by the broker's config). */
async function readOrgPolicyFile(path) {
    const text = await readPolicyText(path, 'organization policy', 'check the --org-policy path', 'ERR_ORG_POLICY_INVALID');
    return (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_5__/* .loadOrgPolicy */ .Vf)(text, path);
}
/** Loads everything and runs the check. Manifest problems throw ManifestError (exit 2 at the edge). */
async function checkDirectory(opts) {
    const manifestPath = opts.manifest ?? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.dir, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_7__/* .MANIFEST_PATH */ .U4);
    // Findings name repository-relative paths, so SARIF and annotations resolve inside the repository.
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(opts.dir, manifestPath) || manifestPath;
    if (!opts.manifest && (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.dir, '.github')).catch(() => undefined))?.isSymbolicLink())
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh([
            {
                file,
                line: 1,
                message: '.github is a symbolic link, which stepwarden does not follow',
                fix: 'make .github a directory of the repository',
            },
        ]);
    let text;
    try {
        text = await readPolicyText(manifestPath, 'access manifest', 'run `stepwarden init` to write one that declares what the workflows hold today');
    }
    catch (err) {
        if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh && !(await exists(manifestPath)))
            throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh([
                {
                    file,
                    line: 1,
                    message: 'no access manifest here',
                    fix: 'run `stepwarden init` to write one that declares what the workflows hold today',
                },
            ], 'ERR_MANIFEST_MISSING');
        throw err;
    }
    // The workflows first, then the manifest: the manifest is 64,000 lines in a large repository, all
    // of it kept; parsed first, its promotion started V8's incremental marking during the workflow
    // reads, and every tree read while marking ran was kept until it ended (about 15 MB more peak RSS).
    const workflows = await readWorkflowsSafely(opts.dir);
    const manifest = (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_5__/* .loadManifest */ .eY)(text, file);
    const org = opts.orgPolicyText
        ? (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_5__/* .loadOrgPolicy */ .Vf)(opts.orgPolicyText.text, opts.orgPolicyText.file)
        : opts.orgPolicy
            ? await readOrgPolicyFile(opts.orgPolicy)
            : undefined;
    return (0,_run_js__WEBPACK_IMPORTED_MODULE_8__/* .runCheck */ .k)({ workflows, manifest, ...(org ? { org } : {}) });
}
async function exists(path) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 6187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y: () => (/* binding */ RULES)
});

// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(8276);
// EXTERNAL MODULE: ./shared/check/rule.ts
var check_rule = __webpack_require__(5347);
;// CONCATENATED MODULE: ./shared/check/rules/excess-permission.ts


const excessPermission = {
    meta: {
        id: 'excess-permission',
        severity: 'error',
        title: 'Job holds a GITHUB_TOKEN scope above its manifest grant',
        summary: "Scopes of the job's effective GITHUB_TOKEN above what the manifest (or `defaults`) grants the job: one finding per job, listing them.",
        help: `A job's token should hold only what its manifest entry declares. An omitted \`permissions:\` block gives the
repository default, which under the permissive (legacy) setting is write on almost every scope, so one compromised step
can push code, publish packages or approve pull requests.

**Fix:** add a \`permissions:\` block to the job (or lower it) so it asks for no more than the manifest grants; or, when the
job truly needs the access, declare it under \`workflows.<file>.jobs.<job>.permissions\` in \`.github/access-manifest.yml\`.

\`\`\`yaml
jobs:
  build:
    permissions:
      contents: read
\`\`\``,
    },
    check(ctx) {
        return ctx.jobs.flatMap((access) => {
            const { entry } = (0,check_rule/* manifestJob */.Vj)(ctx, access.workflow, access.job);
            const grantedMap = entry ? entry.permissions : ctx.manifest.manifest.defaults.permissions;
            // The scopes above the grant, before any text is built (most jobs have none).
            const over = scopes/* SCOPE_NAMES */._W.filter((s) => (0,scopes/* levelRank */.Le)(access.permissions[s]) > (0,scopes/* levelRank */.Le)(grantedMap[s] ?? 'none'));
            if (over.length === 0)
                return [];
            const granted = (0,scopes/* fromMap */.xY)(grantedMap);
            const grantText = entry
                ? `the manifest grants job '${access.job}'`
                : 'the manifest `defaults` grant (the job is not listed)';
            const why = access.permissionsSource === 'repository-default'
                ? ` because no permissions block is written and the repository default (${ctx.policy.repositoryDefault}) applies`
                : access.permissionsSource === 'caller'
                    ? ' inherited from its caller'
                    : '';
            // One finding per job, every scope in it: a job without a block would otherwise give one per scope.
            const held = over.map((s) => `${s}: ${access.permissions[s]}`).join(', ');
            const some = over.filter((s) => granted[s] !== 'none');
            const grants = some.length
                ? `${some.map((s) => `${s}: ${granted[s]}`).join(', ')}${some.length < over.length ? ' and none of the rest' : ''}`
                : over.length === 1
                    ? `${over[0]}: none`
                    : 'none of them';
            return [
                (0,check_rule/* finding */.gk)(this.meta, {
                    workflow: access.workflow,
                    job: access.job,
                    subject: over.join(', '),
                    file: access.path,
                    line: access.permissionsLine,
                    message: `job '${access.job}'${(0,check_rule/* viaText */.yo)(access)} holds ${held}${why}, but ${grantText} ${grants}`,
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/undeclared-secret.ts

const undeclaredSecret = {
    meta: {
        id: 'undeclared-secret',
        severity: 'error',
        title: 'Job references a secret its manifest entry does not declare',
        summary: 'A `secrets.NAME` reference (anywhere in the job, or in the workflow-level `env`) that the job does not declare.',
        help: `Every secret a job can read is a credential a compromised step can steal. Declaring them makes the set reviewable
and turns a new secret into a visible manifest change. \`*\` means the job reads the whole \`secrets\` context
(\`toJSON(secrets)\` or a computed index such as \`secrets[matrix.name]\`), which exposes every secret of the repository.

**Fix:** add the name to \`secrets:\` of the job in \`.github/access-manifest.yml\`, or remove the reference. Prefer a
step-scoped credential from the broker over a long-lived secret.`,
    },
    check(ctx) {
        return ctx.jobs.flatMap((access) => {
            const declared = (0,check_rule/* manifestJob */.Vj)(ctx, access.workflow, access.job).entry?.secrets ?? [];
            // Declaring `*` grants the whole secrets context, so every name is covered by it.
            if (declared.includes('*'))
                return [];
            return (0,check_rule/* uniqueCaseless */.v2)(access.secrets)
                .filter((s) => !(0,check_rule/* includesCaseless */.zR)(declared, s.value))
                .map((s) => (0,check_rule/* finding */.gk)(this.meta, {
                workflow: access.workflow,
                job: access.job,
                subject: s.value,
                file: access.path,
                line: s.line,
                message: s.value === '*'
                    ? `job '${access.job}'${(0,check_rule/* viaText */.yo)(access)} reads the whole secrets context (toJSON(secrets) or a computed index), exposing every secret; declare '*' only if that is intended`
                    : `job '${access.job}'${(0,check_rule/* viaText */.yo)(access)} references secret '${s.value}', which its manifest entry does not declare`,
            }));
        });
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/inherited-secrets.ts

const inheritedSecrets = {
    meta: {
        id: 'inherited-secrets',
        severity: 'error',
        title: 'Reusable workflow call passes every secret with `secrets: inherit`',
        summary: '`secrets: inherit` on a job whose manifest entry does not declare `inherit`.',
        help: `\`secrets: inherit\` hands every secret of the caller to the called workflow, including secrets added later.

**Fix:** pass only the secrets the callee needs (\`secrets: { NPM_TOKEN: \${{ secrets.NPM_TOKEN }} }\`), or declare
\`inherit\` under the job's \`secrets:\` in the manifest when that is a deliberate decision.`,
    },
    check(ctx) {
        return ctx.jobs
            .filter((a) => a.secretsInherit && !a.via)
            .filter((a) => !((0,check_rule/* manifestJob */.Vj)(ctx, a.workflow, a.job).entry?.secrets ?? []).includes('inherit'))
            .map((a) => (0,check_rule/* finding */.gk)(this.meta, {
            workflow: a.workflow,
            job: a.job,
            subject: 'inherit',
            file: a.path,
            line: a.secretsInherit.line,
            message: `job '${a.job}' passes every secret to '${a.actions.find((x) => x.on === 'job')?.uses ?? 'the called workflow'}' with secrets: inherit, which its manifest entry does not declare`,
        }));
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/undeclared-environment.ts

const undeclaredEnvironment = {
    meta: {
        id: 'undeclared-environment',
        severity: 'error',
        title: 'Job deploys to an environment its manifest entry does not declare',
        summary: 'An `environment:` (string or `{ name: }` form) the job does not declare.',
        help: `Environments carry their own secrets and protection rules; a job that names one gains its secrets.

**Fix:** declare the environment under the job's \`environments:\` in \`.github/access-manifest.yml\`, or remove it. An
expression such as \`\${{ inputs.target }}\` must be declared exactly as written, which makes the choice visible.`,
    },
    check(ctx) {
        return ctx.jobs.flatMap((a) => {
            const declared = (0,check_rule/* manifestJob */.Vj)(ctx, a.workflow, a.job).entry?.environments ?? [];
            return a.environments
                .filter((e) => !(0,check_rule/* includesCaseless */.zR)(declared, e.value))
                .map((e) => (0,check_rule/* finding */.gk)(this.meta, {
                workflow: a.workflow,
                job: a.job,
                subject: e.value,
                file: a.path,
                line: e.line,
                message: `job '${a.job}'${(0,check_rule/* viaText */.yo)(a)} uses environment '${e.value}', which its manifest entry does not declare`,
            }));
        });
    },
};

// EXTERNAL MODULE: ./shared/check/rules/disallowed-trigger.ts
var disallowed_trigger = __webpack_require__(5104);
// EXTERNAL MODULE: ./shared/check/rules/unpinned-action.ts
var unpinned_action = __webpack_require__(7351);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(3966);
;// CONCATENATED MODULE: ./shared/check/rules/disallowed-action.ts


const disallowedAction = {
    meta: {
        id: 'disallowed-action',
        severity: 'error',
        title: 'Action outside the allowed-actions list',
        summary: 'A `uses:` reference outside `allowed-actions` (of the manifest policy and/or the organization policy), when set.',
        help: `Each third-party action runs with the job's token and secrets. An allow-list keeps that set to vetted publishers.
When both the manifest and the organization list actions, a reference must match both.

**Fix:** replace the action with an allowed one, or add an \`owner/repo\` glob to \`policy.allowed-actions\` (within what the
organization allows).`,
    },
    check(ctx) {
        if (ctx.policy.allowedActions.length === 0)
            return [];
        return ctx.workflows.flatMap((wf) => wf.jobs.flatMap((job) => job.actions
            .filter((a) => !(0,effective_policy/* actionAllowed */.bV)(a.uses, ctx.policy.allowedActions))
            .map((a) => (0,check_rule/* finding */.gk)(this.meta, {
            workflow: wf.file,
            job: job.id,
            subject: a.uses,
            file: wf.path,
            line: a.line,
            message: `'${a.uses}' is not in allowed-actions (${ctx.policy.allowedActions.map((l) => l.join(', ')).join(' and ')})`,
        }))));
    },
};

// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
;// CONCATENATED MODULE: ./shared/check/rules/self-escalating-grant.ts


const PROTECTION = 'protect the default branch (required reviews, no direct pushes) and require code-owner review of .github/ (CODEOWNERS), so a credential cannot merge its own access change';
const selfEscalatingGrant = {
    meta: {
        id: 'self-escalating-grant',
        severity: 'warning',
        title: "Grant can rewrite its own repository's manifest or workflows",
        summary: 'Once per repository: every job or credential grant with `contents: write` or `workflows: write` on its own repository, which can rewrite the manifest or the workflows that decide its access.',
        help: `A token that can write \`.github/access-manifest.yml\` or \`.github/workflows/\` on the default branch can widen its own
access: the privilege-escalation pattern reported against octo-sts (octo-sts/app#887), where a trust policy in the
repository was writable by the identity it trusted.

**What protects against it:** branch protection or a ruleset on the default branch (required pull request reviews, no
direct pushes, no bypass for apps) and CODEOWNERS on \`.github/\` with required code-owner review. With those in place this
warning is informational; without them, narrow the grant (e.g. \`contents: read\`, or a separate repository for releases).`,
    },
    check(ctx) {
        const m = ctx.manifest;
        const own = ownRepositoryNames(m.manifest.repository?.name);
        // Every grant that can write its own repository; reported once, since the remedy (protection of
        // the default branch and of .github/) is one setting of the repository, not one per job.
        // Paths, not lines: a line costs a walk of the manifest, and only the first ten are shown.
        const hits = [];
        if (m.manifest.defaults.permissions.contents === 'write')
            hits.push({
                what: '`defaults` (contents: write, every job not listed)',
                workflow: null,
                job: null,
                path: ['defaults', 'permissions', 'contents'],
            });
        for (const [wf, entry] of Object.entries(m.manifest.workflows)) {
            for (const [job, j] of Object.entries(entry.jobs)) {
                if (j.permissions.contents === 'write')
                    hits.push({
                        what: `${wf} job '${job}' (contents: write)`,
                        workflow: wf,
                        job,
                        path: ['workflows', wf, 'jobs', job, 'permissions', 'contents'],
                    });
                j.credentials.forEach((g, i) => {
                    if (!(0,schema/* isGithubGrant */.Ed)(g) || !g.repositories.some((r) => own.has(r.toLowerCase())))
                        return;
                    const perms = ['contents', 'workflows'].filter((p) => g.permissions[p] === 'write');
                    if (perms.length)
                        hits.push({
                            what: `${wf} job '${job}' credential for step '${g.step}' (${perms.map((p) => `${p}: write`).join(', ')})`,
                            workflow: wf,
                            job,
                            path: ['workflows', wf, 'jobs', job, 'credentials', i, 'permissions', perms[0]],
                        });
                });
            }
        }
        if (hits.length === 0)
            return [];
        const shown = hits.slice(0, LISTED).map((h) => `${h.what} at line ${m.lineOf(h.path)}`);
        const more = hits.length > LISTED ? ` and ${hits.length - LISTED} more` : '';
        // A single grant names its job (the enforce gate shows it to that job); several are repository-wide.
        const one = hits.every((h) => h.workflow === hits[0].workflow && h.job === hits[0].job);
        const finding_ = (0,check_rule/* finding */.gk)(this.meta, {
            workflow: one ? hits[0].workflow : null,
            job: one ? hits[0].job : null,
            subject: 'repository',
            file: m.file,
            line: m.lineOf(hits[0].path),
            message: `${hits.length} grant${hits.length === 1 ? '' : 's'} can rewrite the access manifest or the workflows on ${hits.length === 1 ? 'its' : 'their'} own repository: ${shown.join('; ')}${more}; ${PROTECTION}`,
        });
        return [finding_];
    },
};
/** How many grants the one finding names before it counts the rest. */
const LISTED = 10;
/** `self`, and the manifest's own repository by `owner/name` or bare `name` (case-insensitive, as GitHub). */
function ownRepositoryNames(fullName) {
    const names = new Set(['self']);
    if (fullName) {
        names.add(fullName.toLowerCase());
        names.add(fullName.split('/')[1].toLowerCase());
    }
    return names;
}

;// CONCATENATED MODULE: ./shared/check/rules/org-ceiling.ts



const appRank = (l) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);
const orgCeiling = {
    meta: {
        id: 'org-ceiling',
        severity: 'error',
        title: 'Manifest grants above the organization ceiling',
        summary: 'A manifest grant above the organization policy: a GITHUB_TOKEN scope above `max-permissions`, a credential permission above `max-credential-permissions`, a `ttl` above `max-credential-ttl`, or a forbidden trigger.',
        help: `The organization policy caps every repository's manifest; a repository can only narrow it. The broker enforces the
same ceiling at exchange time, so a grant above it would never be issued anyway.

**Fix:** lower the grant in \`.github/access-manifest.yml\`, or ask the organization's platform team to raise the ceiling in
the organization policy.`,
    },
    check(ctx) {
        if (!ctx.org)
            return [];
        const out = [];
        const m = ctx.manifest;
        const org = ctx.org.value;
        const max = ctx.policy.maxPermissions;
        const permissionFindings = (perms, path, who, wf, job) => {
            if (!max)
                return;
            const set = (0,scopes/* fromMap */.xY)(perms);
            for (const s of scopes/* SCOPE_NAMES */._W) {
                if ((0,scopes/* levelRank */.Le)(set[s]) > (0,scopes/* levelRank */.Le)(max[s])) {
                    out.push((0,check_rule/* finding */.gk)(this.meta, {
                        workflow: wf,
                        job,
                        subject: s,
                        file: m.file,
                        line: m.lineOf([...path, s]),
                        message: `${who} is granted ${s}: ${set[s]}, above the organization ceiling ${s}: ${max[s]} (${ctx.org.file})`,
                    }));
                }
            }
        };
        permissionFindings(m.manifest.defaults.permissions, ['defaults', 'permissions'], '`defaults`', null, null);
        for (const [wf, entry] of Object.entries(m.manifest.workflows)) {
            for (const t of entry.triggers ?? []) {
                if (ctx.policy.forbiddenTriggers.includes(t)) {
                    out.push((0,check_rule/* finding */.gk)(this.meta, {
                        workflow: wf,
                        job: null,
                        subject: t,
                        file: m.file,
                        line: m.lineOf(['workflows', wf, 'triggers', entry.triggers.indexOf(t)]),
                        message: `workflow '${wf}' allows trigger '${t}', which the organization policy forbids`,
                    }));
                }
            }
            for (const [job, j] of Object.entries(entry.jobs)) {
                const base = ['workflows', wf, 'jobs', job];
                permissionFindings(j.permissions, [...base, 'permissions'], `job '${job}'`, wf, job);
                j.credentials.forEach((g, i) => credentialFindings(ctx, this, out, g, [...base, 'credentials', i], wf, job, org));
            }
        }
        return out;
    },
};
function credentialFindings(ctx, rule, out, g, path, wf, job, org) {
    const m = ctx.manifest;
    const maxTtl = ctx.policy.maxCredentialTtl;
    if (maxTtl !== undefined && g.ttl > maxTtl) {
        out.push((0,check_rule/* finding */.gk)(rule.meta, {
            workflow: wf,
            job,
            subject: 'ttl',
            file: m.file,
            line: m.lineOf([...path, 'ttl']),
            message: `credential for step '${g.step}' has ttl ${g.ttl}s, above the organization's max-credential-ttl ${maxTtl}s`,
        }));
    }
    const cap = org['max-credential-permissions'];
    if (cap && (0,schema/* isGithubGrant */.Ed)(g)) {
        for (const [perm, level] of Object.entries(g.permissions)) {
            if (appRank(level) > appRank(cap[perm])) {
                out.push((0,check_rule/* finding */.gk)(rule.meta, {
                    workflow: wf,
                    job,
                    subject: perm,
                    file: m.file,
                    line: m.lineOf([...path, 'permissions', perm]),
                    message: `credential for step '${g.step}' asks ${perm}: ${level}, above the organization ceiling ${perm}: ${cap[perm] ?? 'none'}`,
                }));
            }
        }
    }
}

// EXTERNAL MODULE: ./shared/check/rules/unused-grant.ts
var unused_grant = __webpack_require__(3248);
;// CONCATENATED MODULE: ./shared/check/rules/invalid-workflow.ts

const invalidWorkflow = {
    meta: {
        id: 'invalid-workflow',
        severity: 'error',
        title: 'Workflow file cannot be read or parsed',
        summary: 'A workflow file that cannot be read or parsed as a workflow (YAML syntax, no `on:` or `jobs:`).',
        help: `A file stepwarden cannot read cannot be judged, so it fails the check rather than passing unseen. The other workflow
files are still checked.

**Fix:** correct the YAML at the line shown (\`actionlint\` gives detailed syntax help).`,
    },
    check(ctx) {
        return ctx.workflows
            .filter((w) => w.error)
            .map((w) => (0,check_rule/* finding */.gk)(this.meta, {
            workflow: w.file,
            job: null,
            subject: w.file,
            file: w.path,
            line: w.error.line,
            message: `'${w.file}' cannot be checked: ${w.error.message}`,
        }));
    },
};

// EXTERNAL MODULE: ./shared/manifest/errors.ts
var errors = __webpack_require__(6831);
;// CONCATENATED MODULE: ./shared/check/rules/unknown-scope.ts



const unknownScope = {
    meta: {
        id: 'unknown-scope',
        severity: 'error',
        title: 'Unknown GITHUB_TOKEN scope or level in a workflow',
        summary: "A `permissions:` key GitHub's workflow schema does not know, a level the scope does not accept, or a malformed block.",
        help: `GitHub rejects a workflow with an unknown scope, so the job would not run at all; a typo such as \`content: write\` is
also a sign the intended restriction is not in effect.

**Fix:** use a scope from the table in docs/permissions.md with a level it accepts (\`read\`, \`write\` or \`none\`).`,
    },
    check(ctx) {
        const out = [];
        const visit = (wf, block, job) => {
            if (!block)
                return;
            if (block.invalid) {
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: wf.file,
                    job,
                    subject: 'permissions',
                    file: wf.path,
                    line: block.line,
                    message: block.invalid,
                }));
            }
            for (const e of block.entries) {
                if (!(0,scopes/* isScope */.T2)(e.scope)) {
                    const guess = (0,errors/* nearest */.pA)(e.scope, scopes/* SCOPE_NAMES */._W);
                    out.push((0,check_rule/* finding */.gk)(this.meta, {
                        workflow: wf.file,
                        job,
                        subject: e.scope,
                        file: wf.path,
                        line: e.line,
                        message: `unknown permission scope '${e.scope}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
                    }));
                }
                else if (!(0,scopes/* isLevel */.NW)(e.level) || !(0,scopes/* validLevels */.y7)(e.scope).includes(e.level)) {
                    out.push((0,check_rule/* finding */.gk)(this.meta, {
                        workflow: wf.file,
                        job,
                        subject: e.scope,
                        file: wf.path,
                        line: e.line,
                        message: `'${e.scope}: ${e.level}' is not a valid level; '${e.scope}' accepts ${(0,scopes/* validLevels */.y7)(e.scope).join(', ')}`,
                    }));
                }
            }
        };
        for (const wf of ctx.workflows) {
            visit(wf, wf.permissions, null);
            for (const j of wf.jobs)
                visit(wf, j.permissions, j.id);
        }
        return out;
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/missing-enforce.ts


/**
 * The gate: `./actions/enforce` in this repository, or `OWNER/stepwarden/actions/enforce@REF` (any
 * owner: forks and mirrors of stepwarden keep the repository name). An action named `enforce` in any
 * other repository is not the gate.
 */
function isEnforceStep(uses) {
    if (!uses)
        return false;
    return /^\.\/actions\/enforce\/?$/.test(uses) || /^[^/\s]+\/stepwarden\/actions\/enforce@\S+$/i.test(uses);
}
/** `actions/run` and `actions/exchange` of stepwarden: a step that claims a credential. */
const CREDENTIAL_STEP = /^(?:\.|[^/\s]+\/stepwarden)\/actions\/(?:run|exchange)(?:@\S+|\/?)$/i;
const missingEnforce = {
    meta: {
        id: 'missing-enforce',
        severity: 'error',
        title: 'Privileged job does not start with actions/enforce',
        summary: 'With `policy: { require-enforce: true }` (manifest or organization policy), a job that holds write permissions or credential grants does not have `actions/enforce` as its first step, or that step has `if:` or `continue-on-error`.',
        help: `\`actions/enforce\` stops a job that runs outside its manifest, but only when it runs first and cannot be skipped:
a step before it already holds the job's token and secrets, an \`if:\` can skip it, and \`continue-on-error\` turns its
denial into a warning.

**Fix:** make \`- uses: stepwarden/stepwarden/actions/enforce@<sha>\` the first step of every job with write permissions or
credential grants, with no \`if:\` and no \`continue-on-error\`. Jobs that call a reusable workflow have no steps: the
called workflow's jobs are checked instead. Enable the rule with \`policy: { require-enforce: true }\` in the manifest, or
\`require-enforce: true\` in the organization policy (which a manifest cannot switch off).`,
    },
    check(ctx) {
        const enabled = ctx.manifest.manifest.policy['require-enforce'] === true || ctx.org?.value['require-enforce'] === true;
        if (!enabled)
            return [];
        const models = new Map(ctx.workflows.map((w) => [w.file, w]));
        const out = [];
        const seen = new Set();
        for (const a of ctx.jobs) {
            const key = `${a.workflow}\0${a.job}`;
            if (seen.has(key))
                continue;
            const job = models.get(a.workflow)?.jobs.find((j) => j.id === a.job);
            // A reusable-workflow call runs no steps of its own; the callee's jobs are judged themselves.
            if (!job || job.uses)
                continue;
            const { entry } = (0,check_rule/* manifestJob */.Vj)(ctx, a.workflow, a.job);
            const writes = scopes/* SCOPE_NAMES */._W.filter((s) => a.permissions[s] === 'write');
            const grants = (entry?.credentials ?? []).map((g) => g.step);
            const claims = job.steps.filter((s) => CREDENTIAL_STEP.test(s.uses ?? '')).length;
            if (writes.length === 0 && grants.length === 0 && claims === 0)
                continue;
            seen.add(key);
            const why = [
                writes.length ? `holds ${writes.map((s) => `${s}: write`).join(', ')}` : '',
                grants.length ? `has credential grants (steps ${grants.join(', ')})` : '',
                !grants.length && claims ? 'claims credentials (actions/run or actions/exchange)' : '',
            ]
                .filter(Boolean)
                .join(' and ');
            const problem = gateProblem(job);
            if (!problem)
                continue;
            out.push((0,check_rule/* finding */.gk)(this.meta, {
                workflow: a.workflow,
                job: a.job,
                subject: problem.subject,
                file: a.path,
                line: problem.line,
                message: `job '${a.job}'${(0,check_rule/* viaText */.yo)(a)} ${why}, but ${problem.text}`,
            }));
        }
        return out;
    },
};
function gateProblem(job) {
    const first = job.steps[0];
    if (!first)
        return { subject: 'first-step', line: job.line, text: 'it has no steps, so no actions/enforce step' };
    if (!isEnforceStep(first.uses)) {
        const later = job.steps.find((s) => isEnforceStep(s.uses));
        return {
            subject: 'first-step',
            line: first.line,
            text: later
                ? `actions/enforce is step ${later.index + 1}, not the first: the steps before it run before the gate`
                : 'its first step is not actions/enforce',
        };
    }
    if (first.if)
        return {
            subject: 'if',
            line: first.if.line,
            text: `its actions/enforce step has \`if: ${first.if.value}\`, so the gate can be skipped`,
        };
    if (first.continueOnError && first.continueOnError.value !== 'false')
        return {
            subject: 'continue-on-error',
            line: first.continueOnError.line,
            text: 'its actions/enforce step has `continue-on-error`, so a denial does not stop the job',
        };
    return undefined;
}

// EXTERNAL MODULE: ./shared/workflow/access.ts
var access = __webpack_require__(6518);
;// CONCATENATED MODULE: ./shared/check/rules/nested-overreach.ts



/** The name GitHub puts in its error: the job's `name:` when it is plain text, else its id. */
function displayName(name, id) {
    return name !== undefined && !name.includes('${{') ? name : id;
}
/** The order GitHub lists scopes in its error (scopes it does not list come after, in ours). */
const GITHUB_ORDER = [
    'actions',
    'checks',
    'contents',
    'deployments',
    'discussions',
    'issues',
    'packages',
    'pages',
    'pull-requests',
    'repository-projects',
    'statuses',
    'security-events',
    'id-token',
];
const githubRank = (scope) => {
    const i = GITHUB_ORDER.indexOf(scope);
    return i === -1 ? GITHUB_ORDER.length + scopes/* SCOPE_NAMES */._W.indexOf(scope) : i;
};
/** The caller job's `uses:` as written: GitHub names the called workflow by it. */
function callerUses(workflows, path, job) {
    return workflows.find((w) => w.path === path)?.jobs.find((j) => j.id === job)?.uses?.uses;
}
const nestedOverreach = {
    meta: {
        id: 'nested-overreach',
        severity: 'error',
        title: 'Called workflow asks for more than its caller holds: GitHub refuses the run',
        summary: "A job of a called (reusable) workflow requests a GITHUB_TOKEN scope above what the calling job's token holds, so GitHub refuses to start the run.",
        help: `A reusable workflow runs on its caller job's token: its own \`permissions:\` block can narrow that token but never widen
it. When a called job asks for more, GitHub does not lower it silently: the whole run fails before any job starts, with
"The nested job 'deploy' is requesting 'actions: write', but is only allowed 'actions: read'." The finding points at the
caller's \`uses:\` line and names the callee's block.

One exception, which stepwarden applies: a reusable workflow of the same user, organization or enterprise may request
\`id-token: write\` when the caller writes no \`permissions:\` block and the repository default is permissive (GitHub
changelog, 2023-06-15).

**Fix:** grant the scope to the calling job (its \`permissions:\` block, or the workflow's) when the callee truly needs it,
and declare it in the manifest; or lower the callee's block to what the caller holds.

\`\`\`yaml
jobs:
  release:
    permissions:
      actions: write   # what the called workflow's job 'deploy' requests
    uses: ./.github/workflows/deploy.yml
\`\`\``,
    },
    check(ctx) {
        const overreach = ctx.overreach ?? (0,access/* resolveAccessDetailed */.dK)(ctx.workflows, ctx.policy.repositoryDefault).overreach;
        const byBlock = new Map();
        for (const o of overreach) {
            const k = JSON.stringify([o.caller.path, o.caller.job, o.callee.path, o.block, o.callee.job ?? '']);
            byBlock.set(k, [...(byBlock.get(k) ?? []), o]);
        }
        return [...byBlock.values()].map((list) => {
            const { caller, callee, block } = list[0];
            const ref = callerUses(ctx.workflows, caller.path, caller.job) ?? callee.workflow;
            const sorted = [...list].sort((a, b) => githubRank(a.scope) - githubRank(b.scope));
            const requested = sorted.map((o) => `${o.scope}: ${o.requested}`).join(', ');
            const allowed = sorted.map((o) => `${o.scope}: ${o.allowed}`).join(', ');
            const who = block === 'workflow'
                ? `The workflow '${ref}'`
                : `The nested job '${displayName(ctx.workflows.find((w) => w.path === callee.path)?.jobs.find((j) => j.id === callee.job)?.name, callee.job)}'`;
            const where = block === 'workflow'
                ? `the permissions block of ${callee.workflow} at ${callee.path}:${callee.line}`
                : `the permissions block of job '${callee.job}' at ${callee.path}:${callee.line}`;
            return (0,check_rule/* finding */.gk)(this.meta, {
                workflow: caller.workflow,
                job: caller.job,
                subject: block === 'workflow' ? callee.workflow : `${callee.workflow}/${callee.job}`,
                file: caller.path,
                line: caller.line,
                message: `Error calling workflow '${ref}'. ${who} is requesting '${requested}', but is only allowed '${allowed}'. ` +
                    `GitHub refuses to start the run: job '${caller.job}' (${caller.path}:${caller.line}) calls it, and the request is ${where}. ` +
                    `Fix: grant ${requested} to job '${caller.job}' (and in the manifest), or lower the callee's block to what the caller holds.`,
            });
        });
    },
};

// EXTERNAL MODULE: ./shared/conditions/glob.ts
var glob = __webpack_require__(6863);
;// CONCATENATED MODULE: ./shared/conditions/grants.ts
function credentialGrantPaths(m) {
    const out = [];
    for (const [workflow, entry] of Object.entries(m.workflows))
        for (const [job, j] of Object.entries(entry.jobs))
            j.credentials.forEach((grant, index) => {
                const jobPath = ['workflows', workflow, 'jobs', job];
                out.push({
                    workflow,
                    job,
                    grant,
                    index,
                    path: [...jobPath, 'credentials', index],
                    jobPath,
                    jobEnvironments: j.environments,
                    ...(j.when ? { jobWhen: j.when } : {}),
                });
            });
    return out;
}

;// CONCATENATED MODULE: ./shared/check/rules/unreachable-condition.ts



function refKinds(event) {
    if (event === 'pull_request')
        return ['pull'];
    if (event === 'release')
        return ['tag'];
    if (event === 'push' || event === 'create' || event === 'delete' || event === 'workflow_dispatch')
        return ['branch', 'tag'];
    // schedule, issues, pull_request_target, workflow_run, merge_group …: a branch.
    return ['branch'];
}
/** The ref kind a pattern can match, or undefined when it could match several. */
function patternKind(p) {
    if (p.startsWith('refs/heads/'))
        return 'branch';
    if (p.startsWith('refs/tags/'))
        return 'tag';
    if (p.startsWith('refs/pull/'))
        return 'pull';
    return undefined;
}
const unreachableCondition = {
    meta: {
        id: 'unreachable-condition',
        severity: 'error',
        title: "A credential grant's conditions can never match the workflow's triggers",
        summary: 'A `when` (or the default-branch default) that no run of the workflow can satisfy: its `event` matches none of the triggers, or its `ref` patterns match no ref the triggers produce (e.g. a pull_request-only workflow and the default branch).',
        help: `The broker evaluates every condition of a grant against the OIDC token of the run. A grant whose conditions cannot
hold for any trigger of its workflow is never issued: the step fails at run time instead of in review.

**Fix:** align \`when.event\` / \`when.ref\` with the workflow's \`on:\` (a grant without \`when.ref\` is claimable only from the
default branch; \`pull_request\` runs carry \`refs/pull/N/merge\`), or remove the grant.`,
    },
    check(ctx) {
        const out = [];
        const m = ctx.manifest;
        const models = new Map(ctx.workflows.map((w) => [w.file, w]));
        for (const g of credentialGrantPaths(m.manifest)) {
            const model = models.get(g.workflow);
            if (!model || model.error)
                continue;
            let triggers = [...new Set(model.triggers.map((t) => t.value))];
            // A reusable workflow runs with its caller's event and ref; nothing to judge here.
            if (triggers.length === 0 || triggers.includes('workflow_call'))
                continue;
            const whens = [];
            if (g.jobWhen)
                whens.push({ when: g.jobWhen, path: [...g.jobPath, 'when'] });
            if (g.grant.when)
                whens.push({ when: g.grant.when, path: [...g.path, 'when'] });
            const report = (subject, path, message) => out.push((0,check_rule/* finding */.gk)(this.meta, {
                workflow: g.workflow,
                job: g.job,
                subject,
                file: m.file,
                line: m.lineOf(path),
                message,
            }));
            let impossible = false;
            for (const w of whens) {
                if (!w.when.event)
                    continue;
                const narrowed = triggers.filter((t) => (0,glob/* matchesAny */._I)(t, w.when.event));
                if (narrowed.length === 0) {
                    report('event', [...w.path, 'event'], `credential for step '${g.grant.step}' requires event ${w.when.event.join(', ')}, but ${g.workflow} runs on ${triggers.join(', ')}: it can never be claimed. Fix: list one of the workflow's triggers in when.event`);
                    impossible = true;
                }
                triggers = narrowed;
            }
            if (impossible)
                continue;
            const push = model.pushFilters;
            const kinds = new Set(triggers.flatMap((t) => t === 'push' && push && (push.tags || push.branches)
                ? // `push: { tags: … }` alone runs on tags only, `branches:` alone on branches only.
                    [...(push.tags ? ['tag'] : []), ...(push.branches ? ['branch'] : [])]
                : refKinds(t)));
            const refs = whens.flatMap((w) => w.when.ref ? [{ patterns: w.when.ref, path: [...w.path, 'ref'] }] : []);
            const checks = refs.length ? refs : [{ patterns: ['refs/heads/<default branch>'], path: g.path }];
            for (const r of checks) {
                const ks = r.patterns.map(patternKind);
                if (ks.some((k) => k === undefined || kinds.has(k)))
                    continue;
                report('ref', r.path, `credential for step '${g.grant.step}' is claimable only from ${r.patterns.join(', ')}${refs.length ? '' : ' (no when.ref)'}, but ${g.workflow} runs only on ${triggers.join(', ')}, whose refs are ${[...kinds].map((k) => (k === 'pull' ? 'refs/pull/N/merge' : k === 'tag' ? 'tags' : 'branches')).join(', ')}. Fix: set when.ref to refs the triggers produce, or change the workflow's triggers`);
            }
        }
        return out;
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/unused-condition-environment.ts



const unusedConditionEnvironment = {
    meta: {
        id: 'unused-condition-environment',
        severity: 'error',
        title: 'A credential grant requires an environment its job never uses',
        summary: "A `when.environment` (on the grant or its job) that matches none of the job's `environment:` values: the token never carries it, so the grant is never issued.",
        help: `The OIDC token's \`environment\` claim is set only for a job that names an environment. A grant bound to \`production\`
in a job without \`environment: production\` is never issued, and the environment's protection rules (reviewers, branch
policies) are not what gates it.

**Fix:** add \`environment: <name>\` to the job in the workflow (and to its manifest \`environments\`), or correct the condition.`,
    },
    check(ctx) {
        const out = [];
        const m = ctx.manifest;
        for (const g of credentialGrantPaths(m.manifest)) {
            const accesses = ctx.jobs.filter((a) => a.workflow === g.workflow && a.job === g.job);
            if (accesses.length === 0)
                continue;
            // An expression (`${{ inputs.env }}`) could be anything: only literal names are judged.
            const used = accesses.flatMap((a) => a.environments.map((e) => e.value));
            if (used.some((e) => e.includes('${{')))
                continue;
            const sources = [
                ...(g.jobWhen?.environment
                    ? [{ patterns: g.jobWhen.environment, path: [...g.jobPath, 'when', 'environment'] }]
                    : []),
                ...(g.grant.when?.environment
                    ? [{ patterns: g.grant.when.environment, path: [...g.path, 'when', 'environment'] }]
                    : []),
            ];
            for (const s of sources) {
                if (used.some((e) => (0,glob/* matchesAny */._I)(e, s.patterns, { nocase: true })))
                    continue;
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: g.workflow,
                    job: g.job,
                    subject: s.patterns.join(', '),
                    file: m.file,
                    line: m.lineOf(s.path),
                    message: `credential for step '${g.grant.step}' requires environment ${s.patterns.join(', ')}, but job '${g.job}' of ${g.workflow} ${used.length ? `uses only ${used.join(', ')}` : 'uses no environment'}: it can never be claimed. Fix: add \`environment: ${s.patterns[0]}\` to the job, or correct when.environment`,
                }));
            }
        }
        return out;
    },
};

// EXTERNAL MODULE: ./shared/conditions/narrow.ts
var narrow = __webpack_require__(4746);
// EXTERNAL MODULE: ./shared/conditions/reach.ts
var reach = __webpack_require__(278);
;// CONCATENATED MODULE: ./shared/check/rules/org-reach.ts





const orgReach = {
    meta: {
        id: 'org-reach',
        severity: 'error',
        title: 'Credential grant reaches beyond the repository without organization consent',
        summary: "A grant's `repositories:` other than `self`, or an organization-level App permission (members, organization-*), that the organization policy does not allow for this repository; under `repository-manifests: narrow-only`, a grant the organization policy does not make.",
        help: `One repository's manifest must not mint tokens on other repositories or on the organization: the broker refuses
such a grant unless the organization policy allows it (\`allow-cross-repository\`, \`allow-organization-permissions\`). A
rule in \`mode: audit\` reports instead of refusing: the finding is then a warning.

**Fix:** remove the repository or permission from the grant, or ask the organization's platform team to allow it for this
repository in the organization policy.`,
    },
    check(ctx) {
        const out = [];
        const m = ctx.manifest;
        const org = ctx.org?.value;
        const repository = m.manifest.repository?.name ?? '';
        for (const g of credentialGrantPaths(m.manifest)) {
            if (org?.['repository-manifests'] === 'narrow-only' && repository) {
                if (!(0,narrow/* findOrgGrant */.C)(org, repository, g.workflow, g.job, g.grant.step, g.grant.audience))
                    out.push((0,check_rule/* finding */.gk)(this.meta, {
                        workflow: g.workflow,
                        job: g.job,
                        subject: g.grant.step,
                        file: m.file,
                        line: m.lineOf(g.path),
                        message: `the organization policy is narrow-only and makes no grant for step '${g.grant.step}' (${g.grant.audience}) of job '${g.job}' in ${g.workflow}: the broker will refuse it. Fix: ask for an organization grant, or remove this one`,
                    }));
            }
            if (!(0,schema/* isGithubGrant */.Ed)(g.grant))
                continue;
            const problems = (0,reach/* reachProblems */.yo)({
                repository: repository || '(repository.name unset)/(unknown)',
                repositories: g.grant.repositories,
                permissions: g.grant.permissions,
                org,
                ...(ctx.org ? { orgFile: ctx.org.file } : {}),
            });
            for (const p of problems) {
                const perm = p.subject.split(':')[0];
                const idx = g.grant.repositories.indexOf(p.subject);
                out.push({
                    ...(0,check_rule/* finding */.gk)(this.meta, {
                        workflow: g.workflow,
                        job: g.job,
                        subject: p.subject,
                        file: m.file,
                        line: m.lineOf(p.kind === 'cross-repository'
                            ? [...g.path, 'repositories', idx]
                            : [...g.path, 'permissions', perm]),
                        message: `${p.code}${p.mode === 'audit' ? ' (organization rule in mode: audit: reported, not refused)' : ''}: ${p.message}. Fix: remove it from the grant, or have the organization policy allow it`,
                    }),
                    ...(p.mode === 'audit' ? { severity: 'warning' } : {}),
                });
            }
        }
        return out;
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/unbound-manifest.ts


const unboundManifest = {
    meta: {
        id: 'unbound-manifest',
        severity: 'error',
        title: 'Credential grants in a manifest without repository.id and owner-id',
        summary: 'The manifest has credential grants but no `repository.id` / `repository.owner-id`: the broker refuses every exchange (ERR_MANIFEST_UNBOUND).',
        help: `The broker binds grants to the numeric repository and owner ids of the OIDC token, so that a deleted and re-created
(or renamed and re-registered) repository of the same name does not inherit them. Without the ids it issues nothing.

**Fix:** add \`repository: { id: <GITHUB_REPOSITORY_ID>, owner-id: <GITHUB_REPOSITORY_OWNER_ID> }\` to
\`.github/access-manifest.yml\` (\`gh api repos/OWNER/REPO --jq '.id, .owner.id'\`).`,
    },
    check(ctx) {
        const m = ctx.manifest;
        const repo = m.manifest.repository;
        if (repo?.id && repo['owner-id'])
            return [];
        const first = credentialGrantPaths(m.manifest)[0];
        if (!first)
            return [];
        const missing = [!repo?.id ? 'repository.id' : '', !repo?.['owner-id'] ? 'repository.owner-id' : '']
            .filter(Boolean)
            .join(' and ');
        // Once per repository: it is one fix, however many grants there are.
        return [
            (0,check_rule/* finding */.gk)(this.meta, {
                workflow: null,
                job: null,
                subject: 'repository',
                file: m.file,
                line: repo ? m.lineOf(['repository']) : m.lineOf(first.path),
                message: `the manifest has credential grants but no ${missing}: the broker refuses them all (ERR_MANIFEST_UNBOUND). Fix: add repository: { id: <GITHUB_REPOSITORY_ID>, owner-id: <GITHUB_REPOSITORY_OWNER_ID> }`,
            }),
        ];
    },
};

// EXTERNAL MODULE: ./shared/check/rules/credential-step.ts
var credential_step = __webpack_require__(4939);
;// CONCATENATED MODULE: ./shared/check/rules/unused-call.ts

/** `uses: ./.github/workflows/FILE`: a reusable workflow of this repository (the only form `calls:` names). */
const LOCAL_CALL = /^\.\/\.github\/workflows\/([^/@\s]+\.ya?ml)$/i;
/**
 * Whether a run of `from` can reach `target` through local reusable-workflow calls: true, false, or
 * undefined when a call on the way leaves the repository (or is an expression) and cannot be followed.
 */
function reaches(from, target, models) {
    const seen = new Set();
    const queue = [from];
    let unknown = false;
    while (queue.length) {
        const file = queue.shift();
        if (file === target)
            return true;
        if (seen.has(file))
            continue;
        seen.add(file);
        const model = models.get(file);
        if (!model || model.error) {
            unknown = true;
            continue;
        }
        for (const j of model.jobs) {
            if (!j.uses)
                continue;
            const local = LOCAL_CALL.exec(j.uses.uses);
            if (local)
                queue.push(local[1]);
            else
                unknown = true;
        }
    }
    return unknown ? undefined : false;
}
const unusedCall = {
    meta: {
        id: 'unused-call',
        severity: 'warning',
        title: "A job's `calls:` entry can never admit a call",
        summary: 'A `calls:` entry of a caller job that the broker can never match: the named workflow does not exist, the job does not call it (directly or through local reusable workflows), or a JOB / JOB/STEP it names is not a job of the called workflow or not a credential grant of that job.',
        help: `\`calls: { build.yml: [JOB | JOB/STEP] }\` on a caller job lets runs of the called workflow claim those grants
when the broker has verified that this job is the caller. An entry naming a workflow the job never calls, a job the
called workflow does not have, or a step without a credential grant admits nothing: the call is refused at run time,
and the entry reads as a permission nobody holds. A rename of the callee or of its jobs is the usual cause.

**Fix:** correct the entry to the file, job and step the job really calls (\`jobs.<id>.uses: ./.github/workflows/FILE\`),
or remove it.`,
    },
    check(ctx) {
        const out = [];
        const m = ctx.manifest;
        const models = new Map(ctx.workflows.map((w) => [w.file, w]));
        for (const [wf, entry] of Object.entries(m.manifest.workflows)) {
            const model = models.get(wf);
            if (!model || model.error)
                continue;
            for (const [job, j] of Object.entries(entry.jobs)) {
                if (!j.calls)
                    continue;
                // A job the workflow does not have is unused-grant's finding.
                const jobModel = model.jobs.find((x) => x.id === job);
                if (!jobModel)
                    continue;
                const base = ['workflows', wf, 'jobs', job, 'calls'];
                const report = (subject, path, message) => out.push((0,check_rule/* finding */.gk)(this.meta, { workflow: wf, job, subject, file: m.file, line: m.lineOf(path), message }));
                for (const [callee, targets] of Object.entries(j.calls)) {
                    const calleeModel = models.get(callee);
                    if (!calleeModel) {
                        report(callee, [...base, callee], `job '${job}' of ${wf} lists calls: ${callee}, which is not a workflow of this repository: the entry admits nothing. Fix: name the file the job's uses: calls, or remove the entry`);
                        continue;
                    }
                    const uses = jobModel.uses?.uses;
                    const local = uses ? LOCAL_CALL.exec(uses) : null;
                    const called = !uses ? false : local ? reaches(local[1], callee, models) : undefined;
                    if (called === false)
                        report(callee, [...base, callee], `job '${job}' of ${wf} lists calls: ${callee}, but ${uses ? `it calls ${uses}, which never reaches ${callee}` : 'it calls no reusable workflow (no jobs.<id>.uses)'}: the entry admits nothing. Fix: name the workflow the job calls, or remove the entry`);
                    if (calleeModel.error)
                        continue;
                    const calleeEntry = m.manifest.workflows[callee];
                    for (const [i, target] of targets.entries()) {
                        const [calleeJob, step] = target.split('/');
                        if (!calleeModel.jobs.some((x) => x.id === calleeJob)) {
                            report(`${callee}:${target}`, [...base, callee, i], `calls: ${callee}: ${target} names job '${calleeJob}', which ${callee} does not have (its jobs: ${calleeModel.jobs.map((x) => x.id).join(', ') || 'none'}). Fix: name one of its jobs, or remove the entry`);
                            continue;
                        }
                        if (step === undefined)
                            continue;
                        const grants = calleeEntry?.jobs[calleeJob]?.credentials ?? [];
                        if (!grants.some((g) => g.step === step))
                            report(`${callee}:${target}`, [...base, callee, i], `calls: ${callee}: ${target} names step '${step}', but the manifest gives job '${calleeJob}' of ${callee} ${grants.length ? `credentials only for ${grants.map((g) => g.step).join(', ')}` : 'no credentials'}. Fix: name a step with a credential grant, or JOB alone for all of them`);
                    }
                }
            }
        }
        return out;
    },
};

;// CONCATENATED MODULE: ./shared/check/registry.ts




















const RULES = [
    excessPermission,
    undeclaredSecret,
    inheritedSecrets,
    undeclaredEnvironment,
    disallowed_trigger/* disallowedTrigger */.P,
    unpinned_action/* unpinnedAction */.k,
    disallowedAction,
    selfEscalatingGrant,
    orgCeiling,
    unused_grant/* unusedGrant */.V,
    invalidWorkflow,
    unknownScope,
    missingEnforce,
    nestedOverreach,
    unreachableCondition,
    unusedConditionEnvironment,
    orgReach,
    unboundManifest,
    credential_step/* credentialStep */.p,
    unusedCall,
];


/***/ }),

/***/ 4939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ credentialAction),
/* harmony export */   p: () => (/* binding */ credentialStep)
/* harmony export */ });
/* harmony import */ var _broker_decide_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6442);
/* harmony import */ var _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5031);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5347);
/**
 * Every step that asks the broker for a credential (this repository's `actions/run` or
 * `actions/exchange`), held against the manifest with the broker's own decision function, so that a
 * setup the broker is certain to refuse fails the check instead of the release.
 */



/**
 * This repository's credential actions, recognized by path rather than by owner so that forks and
 * mirrors (`my-org/stepwarden`) count: `OWNER/stepwarden/actions/run@REF`, a local checkout of it
 * (`./actions/run`, `./.github/actions/stepwarden/actions/run`, `./vendor/stepwarden/actions/exchange`).
 * Names compare case-insensitively, as GitHub resolves them.
 */
const REMOTE = /^[^/@]+\/stepwarden\/actions\/(run|exchange)\/?@[^@]+$/i;
const LOCAL = /^\.\/(?:(?:[^@]*\/)?stepwarden\/)?actions\/(run|exchange)\/?$/i;
function credentialAction(uses) {
    const m = REMOTE.exec(uses) ?? LOCAL.exec(uses);
    return m ? m[1].toLowerCase() : undefined;
}
/** Refusals this rule reports; others (e.g. grant conditions on claims only a run has) are judged elsewhere. */
const STATIC_CODES = new Set([
    'ERR_NO_GRANT',
    'ERR_SCOPE_NOT_GRANTED',
    'ERR_SCOPE_SYNTAX',
    'ERR_SCOPE_UNKNOWN',
    'ERR_ORG_CEILING',
    'ERR_TRIGGER_NOT_ALLOWED',
]);
const PLACEHOLDER_REPOSITORY = 'owner/repository';
const DEFAULT_BRANCH = 'main';
const isExpression = (s) => s.includes('${{');
/**
 * The manifest the decision runs over: grant conditions removed (they need claims only a real run
 * has; the condition rules judge them) and, when unbound, placeholder ids (reported once, separately).
 */
function staticManifest(m) {
    const manifest = m.manifest;
    const repository = manifest.repository?.name ?? PLACEHOLDER_REPOSITORY;
    const id = String(manifest.repository?.id ?? 1);
    const ownerId = String(manifest.repository?.['owner-id'] ?? 1);
    const workflows = Object.fromEntries(Object.entries(manifest.workflows).map(([wf, entry]) => [
        wf,
        {
            ...entry,
            jobs: Object.fromEntries(Object.entries(entry.jobs).map(([job, j]) => [
                job,
                {
                    ...j,
                    credentials: j.credentials.map((g) => {
                        const copy = { ...g };
                        delete copy.when;
                        return copy;
                    }),
                },
            ])),
        },
    ]));
    const loaded = {
        ...m,
        lineOf: (p) => m.lineOf(p),
        manifest: {
            ...manifest,
            repository: {
                ...(manifest.repository ?? {}),
                name: repository,
                id: Number(id),
                'owner-id': Number(ownerId),
            },
            workflows,
        },
    };
    return { loaded, repository, id, ownerId };
}
function claimsFor(bound, workflow, caller, event) {
    const ref = (file) => `${bound.repository}/.github/workflows/${file}@refs/heads/${DEFAULT_BRANCH}`;
    const [owner] = bound.repository.split('/');
    return {
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'stepwarden-check',
        sub: `repo:${bound.repository}:ref:refs/heads/${DEFAULT_BRANCH}`,
        exp: 0,
        iat: 0,
        jti: 'check',
        repository: bound.repository,
        repository_id: bound.id,
        repository_owner: owner ?? '',
        repository_owner_id: bound.ownerId,
        run_id: '0',
        run_attempt: '1',
        // A run on the default branch: the broker's secure default for grants without `when.ref`
        // (grant conditions themselves are left to the condition rules).
        ref: `refs/heads/${DEFAULT_BRANCH}`,
        ref_type: 'branch',
        sha: '0'.repeat(40),
        workflow_sha: '0'.repeat(40),
        job_workflow_sha: '0'.repeat(40),
        workflow_ref: ref(caller ?? workflow),
        job_workflow_ref: ref(workflow),
        ...(event ? { event_name: event } : {}),
    };
}
/** The broker's verdict on one step under each event the workflow can run on: refused only if refused under all. */
function brokerVerdict(ctx, bound, wf, accesses, request) {
    const runs = accesses.length > 0
        ? accesses.map((a) => ({ caller: a.via?.workflow, events: a.triggers.map((t) => t.value) }))
        : [{ caller: undefined, events: wf.triggers.map((t) => t.value) }];
    const refusals = [];
    for (const run of runs) {
        // A callee's own trigger is `workflow_call`; the event the broker sees is the caller's.
        const events = run.events.filter((e) => e !== 'workflow_call');
        for (const event of events.length ? events : ['']) {
            try {
                (0,_broker_decide_js__WEBPACK_IMPORTED_MODULE_0__/* .decide */ .L)({
                    claims: claimsFor(bound, wf.file, run.caller, event),
                    defaultBranch: DEFAULT_BRANCH,
                    request,
                    manifest: bound.loaded,
                    ...(ctx.org ? { org: ctx.org } : {}),
                });
                return undefined;
            }
            catch (err) {
                if (!(err instanceof _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BrokerRefusal */ .E))
                    throw err;
                refusals.push(err);
            }
        }
    }
    const reported = refusals.filter((r) => STATIC_CODES.has(r.code));
    if (reported.length < refusals.length)
        return undefined; // refused only for reasons judged elsewhere
    // The most telling refusal: one about the grant or scope before one about the event.
    const best = reported.find((r) => r.code !== 'ERR_TRIGGER_NOT_ALLOWED') ?? reported[0];
    return best ? `the broker refuses it: ${best.code}: ${best.description}` : undefined;
}
function judgeStep(ctx, bound, wf, job, step, accesses) {
    const problems = [];
    const input = (k) => step.with?.[k]?.value;
    const named = input('step');
    const stepName = named !== undefined && named.trim() !== '' ? named.trim() : step.id;
    if (accesses.length === 0 || accesses.some((a) => a.permissions['id-token'] !== 'write')) {
        const without = accesses.find((a) => a.permissions['id-token'] !== 'write');
        problems.push(`job '${job.id}'${without?.via ? ` (called from ${without.via.workflow} job '${without.via.job}')` : ''} does not hold id-token: write, so the step gets no OIDC token to exchange; add \`permissions: { id-token: write }\` to the job`);
    }
    if (!stepName) {
        problems.push("the step has no `id:` and no `step:` input, so it cannot name its grant; give it an `id:` equal to the grant's `step:`");
        return { problems };
    }
    const audience = input('audience') ?? '';
    const scope = input('scope') ?? '';
    // A value computed at run time cannot be held against the manifest here; the broker still judges it.
    if (!audience || [audience, scope, stepName].some(isExpression))
        return { problems };
    const verdict = brokerVerdict(ctx, bound, wf, accesses, { audience, scope, job: job.id, step: stepName });
    if (verdict)
        problems.push(verdict);
    return { problems };
}
function accessesByJob(jobs) {
    const map = new Map();
    for (const a of jobs) {
        const k = `${a.workflow}\0${a.job}`;
        const list = map.get(k);
        if (list)
            list.push(a);
        else
            map.set(k, [a]);
    }
    return map;
}
const credentialStep = {
    meta: {
        id: 'credential-step',
        severity: 'error',
        title: 'Credential step the broker will refuse',
        summary: "A step using stepwarden's `actions/run` or `actions/exchange` that the broker is certain to refuse: no grant for its step, a scope or audience above the grant, no `id-token: write`, or a manifest without `repository.id`/`owner-id`.",
        help: `The broker decides every exchange from the default-branch manifest; the check runs the same decision function
(\`decide\` in shared/broker/decide.ts) over each step that uses \`OWNER/stepwarden/actions/run\` or
\`actions/exchange\` (any ref, any owner, or a local \`./actions/run\`), with the step's \`id\` (or \`step:\` input),
\`audience\` and \`scope\` inputs, the job id, and each event the workflow runs on. A step refused under every event
fails here rather than at release time.

Also held: the job must hold \`id-token: write\` (no OIDC token otherwise), and a manifest with credential grants must
bind them to the repository with \`repository.id\` and \`repository.owner-id\` (the broker refuses every exchange
otherwise; reported once by \`unbound-manifest\`). Inputs written as \`\${{ }}\` expressions are known only at run time and are left to the broker; grant
conditions (\`when:\`) are judged by their own rules.

**Fix:** give the step an \`id:\` equal to the grant's \`step:\`, ask for no more than the grant (\`scope: contents:read\`
under a \`contents: read\` grant), add \`permissions: { id-token: write }\` to the job, or widen the grant in
\`.github/access-manifest.yml\` when the step truly needs it.

\`\`\`yaml
# workflow
    permissions: { contents: read, id-token: write }
    steps:
      - id: publish
        uses: stepwarden/stepwarden/actions/run@<40-hex> # v0.1.0
        with: { audience: github, scope: contents:write, ... }
# manifest
        credentials:
          - step: publish
            audience: github
            permissions: { contents: write }
\`\`\``,
    },
    check(ctx) {
        const out = [];
        // Built only when a credential step exists: most repositories have none.
        let bound;
        let byJob;
        for (const wf of ctx.workflows) {
            for (const job of wf.jobs) {
                for (const step of job.steps) {
                    if (!step.uses || !credentialAction(step.uses))
                        continue;
                    bound ??= staticManifest(ctx.manifest);
                    byJob ??= accessesByJob(ctx.jobs);
                    const accesses = byJob.get(`${wf.file}\0${job.id}`) ?? [];
                    const { problems } = judgeStep(ctx, bound, wf, job, step, accesses);
                    if (problems.length === 0)
                        continue;
                    const name = step.with?.step?.value ?? step.id ?? `#${step.index}`;
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_2__/* .finding */ .gk)(this.meta, {
                        workflow: wf.file,
                        job: job.id,
                        subject: name,
                        file: wf.path,
                        line: step.line,
                        message: `step '${name}' of job '${job.id}' (${step.uses}): ${problems.join('; ')}`,
                    }));
                }
            }
        }
        // A manifest without repository ids is one finding of `unbound-manifest`, not one per step here.
        return out;
    },
};


/***/ }),

/***/ 5104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ disallowedTrigger)
/* harmony export */ });
/* harmony import */ var _manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3966);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5347);


const disallowedTrigger = {
    meta: {
        id: 'disallowed-trigger',
        severity: 'error',
        title: 'Workflow runs on an event its manifest entry does not allow',
        summary: `An \`on:\` event the workflow's \`triggers\` does not allow (when absent: every event but ${_manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .EXPLICIT_ONLY_TRIGGERS */ .yY.join(' and ')}), or one the organization forbids.`,
        help: `Triggers decide who can start a workflow and with what input. \`pull_request_target\` and \`workflow_run\` run with a
write token and secrets on behalf of untrusted pull requests, so they must be listed explicitly.

**Fix:** list the event under \`workflows.<file>.triggers\` in \`.github/access-manifest.yml\` (not possible for events the
organization policy forbids), or remove it from \`on:\`.`,
    },
    check(ctx) {
        return ctx.workflows.flatMap((wf) => {
            const entry = ctx.manifest.manifest.workflows[wf.file];
            return wf.triggers.flatMap((t) => {
                if (ctx.policy.forbiddenTriggers.includes(t.value)) {
                    return [
                        (0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                            workflow: wf.file,
                            job: null,
                            subject: t.value,
                            file: wf.path,
                            line: t.line,
                            message: `workflow '${wf.file}' runs on '${t.value}', which the organization policy forbids`,
                        }),
                    ];
                }
                if ((0,_manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .triggerAllowed */ .Fq)(entry, t.value))
                    return [];
                const why = entry?.triggers
                    ? `its manifest entry allows only: ${entry.triggers.join(', ') || '(none)'}`
                    : `'${t.value}' must be listed under triggers in the manifest`;
                return [
                    (0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                        workflow: wf.file,
                        job: null,
                        subject: t.value,
                        file: wf.path,
                        line: t.line,
                        message: `workflow '${wf.file}' runs on '${t.value}'; ${why}`,
                    }),
                ];
            });
        });
    },
};


/***/ }),

/***/ 3248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ unusedGrant)
/* harmony export */ });
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5347);


const unusedGrant = {
    meta: {
        id: 'unused-grant',
        severity: 'warning',
        title: 'Manifest grants more than the workflow uses',
        summary: 'Stale access: a scope granted above what the job holds, a declared secret or environment the job never uses, a credential for a step that does not exist, or a manifest entry for a workflow or job that does not exist.',
        help: `Access that nothing uses is the easiest to steal and the hardest to notice (OWASP NHI1, improper offboarding).

**Fix:** remove the grant from \`.github/access-manifest.yml\`. \`stepwarden init --stdout\` prints what the workflows hold
today, to compare.`,
    },
    check(ctx) {
        const out = [];
        const m = ctx.manifest;
        const workflows = new Map(ctx.workflows.map((w) => [w.file, w]));
        const accessesOf = new Map();
        for (const a of ctx.jobs) {
            const k = `${a.workflow}\0${a.job}`;
            const known = accessesOf.get(k);
            if (known)
                known.push(a);
            else
                accessesOf.set(k, [a]);
        }
        for (const [wf, entry] of Object.entries(m.manifest.workflows)) {
            const model = workflows.get(wf);
            if (!model) {
                out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                    workflow: wf,
                    job: null,
                    subject: wf,
                    file: m.file,
                    line: m.lineOf(['workflows', wf]),
                    message: `the manifest lists workflow '${wf}', which does not exist in .github/workflows`,
                }));
                continue;
            }
            if (model.error)
                continue;
            for (const [job, j] of Object.entries(entry.jobs)) {
                const base = ['workflows', wf, 'jobs', job];
                const jobModel = model.jobs.find((x) => x.id === job);
                const accesses = accessesOf.get(`${wf}\0${job}`) ?? [];
                if (!jobModel || accesses.length === 0) {
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                        workflow: wf,
                        job,
                        subject: job,
                        file: m.file,
                        line: m.lineOf(base),
                        message: `the manifest lists job '${job}' of '${wf}', which does not exist`,
                    }));
                    continue;
                }
                // Most jobs are judged once (no local caller): their own set is what they hold.
                let held = accesses[0].permissions;
                if (accesses.length > 1) {
                    held = (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .uniform */ .Pi)('none');
                    for (const a of accesses)
                        for (const s of _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .SCOPE_NAMES */ ._W)
                            held[s] = (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .maxLevel */ .Lf)(held[s], a.permissions[s]);
                }
                for (const [scope, level] of Object.entries(j.permissions)) {
                    if ((0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(level) > (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(held[scope])) {
                        out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                            workflow: wf,
                            job,
                            subject: scope,
                            file: m.file,
                            line: m.lineOf([...base, 'permissions', scope]),
                            message: `job '${job}' is granted ${scope}: ${level} but holds ${scope}: ${held[scope]}`,
                        }));
                    }
                }
                // What the job uses, gathered only when the manifest declares something of that kind.
                const referenced = j.secrets.length ? accesses.flatMap((a) => a.secrets.map((s) => s.value)) : [];
                const inherits = accesses.some((a) => a.secretsInherit);
                j.secrets.forEach((s, i) => {
                    const used = s === 'inherit' ? inherits : (0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .includesCaseless */ .zR)(referenced, s);
                    if (!used) {
                        out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                            workflow: wf,
                            job,
                            subject: s,
                            file: m.file,
                            line: m.lineOf([...base, 'secrets', i]),
                            message: s === 'inherit'
                                ? `job '${job}' may use secrets: inherit but does not`
                                : `job '${job}' declares secret '${s}' but never references it`,
                        }));
                    }
                });
                const envs = j.environments.length ? accesses.flatMap((a) => a.environments.map((e) => e.value)) : [];
                j.environments.forEach((e, i) => {
                    if (!(0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .includesCaseless */ .zR)(envs, e)) {
                        out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                            workflow: wf,
                            job,
                            subject: e,
                            file: m.file,
                            line: m.lineOf([...base, 'environments', i]),
                            message: `job '${job}' declares environment '${e}' but does not use it`,
                        }));
                    }
                });
                const stepNames = new Set();
                if (j.credentials.length)
                    for (const s of jobModel.steps) {
                        if (s.id)
                            stepNames.add(s.id);
                        if (s.name)
                            stepNames.add(s.name);
                    }
                j.credentials.forEach((g, i) => {
                    if (!stepNames.has(g.step)) {
                        out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                            workflow: wf,
                            job,
                            subject: g.step,
                            file: m.file,
                            line: m.lineOf([...base, 'credentials', i, 'step']),
                            message: `credential grant for step '${g.step}': job '${job}' has no step with that id or name`,
                        }));
                    }
                });
            }
        }
        return out;
    },
};


/***/ }),

/***/ 5470:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k: () => (/* binding */ runCheck)
});

// UNUSED EXPORTS: jobReport

// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(8276);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(3966);
// EXTERNAL MODULE: ./shared/workflow/access.ts
var access = __webpack_require__(6518);
;// CONCATENATED MODULE: ./shared/check/finding.ts
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** File, line, rule, subject, message: code-unit order, so output does not depend on the locale. */
function compareFindings(a, b) {
    return (cmp(a.file, b.file) ||
        a.line - b.line ||
        cmp(a.rule, b.rule) ||
        cmp(a.subject, b.subject) ||
        cmp(a.job ?? '', b.job ?? '') ||
        cmp(a.message, b.message));
}

// EXTERNAL MODULE: ./shared/check/registry.ts + 17 modules
var registry = __webpack_require__(6187);
;// CONCATENATED MODULE: ./shared/check/run.ts
/**
 * The check, pure: workflows + manifest (+ org policy) -> jobs and findings. Loading is the caller's.
 */





const unique = (xs) => [...new Set(xs)];
/** The JSON contract's view of one job: scopes above none, names deduplicated in order of appearance. */
function jobReport(a) {
    return {
        workflow: a.workflow,
        job: a.job,
        ...(a.via ? { via: `${a.via.workflow}/${a.via.job}` } : {}),
        permissions: (0,scopes/* compact */.oE)(a.permissions),
        secrets: unique(a.secrets.map((s) => s.value)),
        environments: unique(a.environments.map((e) => e.value)),
        triggers: unique(a.triggers.map((t) => t.value)),
        actions: unique(a.actions.map((x) => x.uses)),
    };
}
/**
 * The whole check, pure: every rule of the registry over one context, findings sorted by file, line,
 * rule and subject so that output is byte-stable whatever order files were read in.
 */
function runCheck(input) {
    const policy = (0,effective_policy/* effectivePolicy */.Ci)(input.manifest.manifest, input.org?.value);
    const resolved = input.jobs ? undefined : (0,access/* resolveAccessDetailed */.dK)(input.workflows, policy.repositoryDefault);
    const jobs = input.jobs ?? resolved.jobs;
    const ctx = {
        workflows: input.workflows,
        jobs,
        ...(resolved ? { overreach: resolved.overreach } : {}),
        manifest: input.manifest,
        policy,
        ...(input.org ? { org: input.org } : {}),
    };
    const findings = registry/* RULES */.y.flatMap((r) => r.check(ctx)).sort(compareFindings);
    return { jobs: jobs.map(jobReport), findings };
}


/***/ }),

/***/ 2721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KV: () => (/* binding */ resolveWorkflow),
/* harmony export */   gX: () => (/* binding */ callerJobNeeded)
/* harmony export */ });
/* unused harmony export parseWorkflowRef */
/* harmony import */ var _claims_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4120);

const REF = /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+\.ya?ml)@(.+)$/;
function parseWorkflowRef(raw) {
    const m = REF.exec(raw);
    return m ? { repository: m[1], file: m[2], ref: m[3], raw } : undefined;
}
const hasKey = (o, k) => o && Object.hasOwn(o, k) ? o[k] : undefined;
/** The same-repository reusable call a token makes (caller file != callee file, same ref), if any. */
function reusableCall(claims) {
    const repository = ((0,_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .claimString */ .e)(claims, 'repository') ?? '').toLowerCase();
    const caller = parseWorkflowRef((0,_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .claimString */ .e)(claims, 'workflow_ref') ?? '');
    const callee = parseWorkflowRef((0,_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .claimString */ .e)(claims, 'job_workflow_ref') ?? '');
    if (!caller || !callee || caller.file === callee.file)
        return undefined;
    if (caller.repository.toLowerCase() !== repository || callee.repository.toLowerCase() !== repository)
        return undefined;
    return { caller, callee };
}
/**
 * Whether deciding this token needs the calling job (a `callers: [FILE/JOB]` entry naming the caller
 * file, or a caller job's `calls:` naming the callee) and no bare `FILE` entry already admits it. The
 * broker then verifies the job before the decision instead of after it.
 */
function callerJobNeeded(claims, manifest) {
    const call = reusableCall(claims);
    if (!call)
        return false;
    const callers = hasKey(manifest.workflows, call.callee.file)?.callers ?? [];
    if (callers.includes(call.caller.file))
        return false;
    if (callers.some((c) => c.startsWith(`${call.caller.file}/`)))
        return true;
    const jobs = hasKey(manifest.workflows, call.caller.file)?.jobs ?? {};
    return Object.values(jobs).some((j) => hasKey(j.calls, call.callee.file) !== undefined);
}
/** The caller job's `calls:` entry that lets this callee grant through, as a key path. */
function declaredBy(manifest, callerFile, callerJob, calleeFile, grant) {
    if (!grant)
        return undefined;
    const job = hasKey(hasKey(manifest.workflows, callerFile)?.jobs, callerJob);
    const list = hasKey(job?.calls, calleeFile) ?? [];
    const i = list.findIndex((g) => g === grant.job || g === `${grant.job}/${grant.step}`);
    return i < 0 ? undefined : ['workflows', callerFile, 'jobs', callerJob, 'calls', calleeFile, i];
}
/**
 * `callerJob`: the caller's job when the broker verified it (check_run_id), or why it could not; a
 * `callers` entry naming a job, and a caller job's `calls:`, match only a verified one. `grant`: the
 * callee job and step the request claims (for `calls:`).
 */
function resolveWorkflow(claims, manifest, callerJob, grant) {
    const verified = typeof callerJob === 'string' ? callerJob : callerJob && 'job' in callerJob ? callerJob.job : undefined;
    const why = callerJob && typeof callerJob !== 'string' && 'unverified' in callerJob
        ? callerJob.unverified
        : undefined;
    const repository = (0,_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .claimString */ .e)(claims, 'repository') ?? '';
    const wfRaw = (0,_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .claimString */ .e)(claims, 'workflow_ref');
    const jobRaw = (0,_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .claimString */ .e)(claims, 'job_workflow_ref');
    if (!wfRaw || !jobRaw)
        return {
            ok: false,
            code: 'ERR_CLAIM_MISSING',
            message: `the token has no '${wfRaw ? 'job_workflow_ref' : 'workflow_ref'}' claim, which says which workflow runs`,
        };
    const caller = parseWorkflowRef(wfRaw);
    const callee = parseWorkflowRef(jobRaw);
    if (!caller || !callee)
        return {
            ok: false,
            code: 'ERR_CLAIM_WORKFLOW_REF',
            message: `${caller ? 'job_workflow_ref' : 'workflow_ref'} does not name a workflow file`,
        };
    const same = (a, b) => a.toLowerCase() === b.toLowerCase();
    if (!same(caller.repository, repository))
        return {
            ok: false,
            code: 'ERR_CLAIM_WORKFLOW_REF',
            message: `workflow_ref names ${caller.repository}, not the token's repository ${repository}`,
        };
    if (!same(callee.repository, repository)) {
        const index = manifest['trusted-workflows'].indexOf(callee.raw);
        if (index < 0)
            return {
                ok: false,
                code: 'ERR_FOREIGN_WORKFLOW',
                message: `the running job belongs to ${callee.repository}'s workflow ${callee.file}@${callee.ref}; add exactly '${callee.raw}' to trusted-workflows to let ${caller.file} run it with its grants`,
                path: ['trusted-workflows'],
            };
        return { ok: true, file: caller.file, kind: 'trusted', caller, callee, trustedIndex: index };
    }
    // `owner/repo/.github/workflows/x.yml@other-ref` from a default-branch run would run another
    // ref's code under the caller's `ref` claim: a same-repository callee must be at the caller's ref.
    if (callee.ref !== caller.ref)
        return {
            ok: false,
            code: 'ERR_WORKFLOW_REF_MISMATCH',
            message: `${caller.file} (at ${caller.ref}) runs ${callee.file} at another ref, ${callee.ref}: grants are issued only to workflow code at the run's own ref`,
        };
    if (caller.file === callee.file)
        return { ok: true, file: callee.file, kind: 'direct', caller, callee };
    const entry = hasKey(manifest.workflows, callee.file);
    const callers = entry?.callers ?? [];
    const index = callers.findIndex((c) => {
        const [file, job] = c.split('/');
        return file === caller.file && (job === undefined || job === verified);
    });
    if (index >= 0)
        return { ok: true, file: callee.file, kind: 'reusable', caller, callee, callerIndex: index };
    // Or the caller's own job entry declares the call and lets this grant through.
    const declared = verified ? declaredBy(manifest, caller.file, verified, callee.file, grant) : undefined;
    if (declared)
        return { ok: true, file: callee.file, kind: 'reusable', caller, callee, declaredBy: declared };
    const named = callers.filter((c) => c.startsWith(`${caller.file}/`));
    const declaring = Object.entries(hasKey(manifest.workflows, caller.file)?.jobs ?? {})
        .filter(([, j]) => hasKey(j.calls, callee.file) !== undefined)
        .map(([id]) => `${caller.file} job '${id}' calls:`);
    const jobBound = [...named, ...declaring];
    if (verified === undefined && jobBound.length)
        return {
            ok: false,
            code: 'ERR_CALLER_NOT_ALLOWED',
            message: `reusable workflow ${callee.file} is called by ${caller.file}; ${jobBound.join(', ')} admit${jobBound.length === 1 ? 's' : ''} only a verified caller job, and the broker could not verify which job of ${caller.file} calls (${why ?? 'no job identity'}). Fix: let the broker verify jobs (a token with check_run_id and a GitHub App with actions: read on the repository), or list the bare file '${caller.file}' in ${callee.file}'s callers to admit every job of it`,
            path: ['workflows', callee.file, 'callers'],
        };
    return {
        ok: false,
        code: 'ERR_CALLER_NOT_ALLOWED',
        message: `reusable workflow ${callee.file} is called by ${caller.file}${verified ? ` job '${verified}'` : ''}, which its callers list does not name${callers.length ? ` (callers: ${callers.join(', ')})` : ' (no callers: listed)'}${verified && grant ? ` and whose calls: does not let ${grant.job}/${grant.step} through` : ''}`,
        path: ['workflows', callee.file, 'callers'],
    };
}


/***/ }),

/***/ 4120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ claimString)
/* harmony export */ });
/**
 * Reading a claim for a condition: only strings (GitHub puts every claim, ids and booleans included, as
 * a string) and booleans count. Anything else, or an absent claim, is "not there": the condition fails.
 */
function claimString(claims, name) {
    if (!Object.hasOwn(claims, name))
        return undefined;
    const v = claims[name];
    if (typeof v === 'string')
        return v;
    if (typeof v === 'boolean')
        return v ? 'true' : 'false';
    return undefined;
}


/***/ }),

/***/ 4746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ findOrgGrant),
/* harmony export */   u: () => (/* binding */ narrowGrant)
/* harmony export */ });
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7071);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6863);


/** The organization grant for this repository, workflow file, job, step and audience, if any. */
function findOrgGrant(org, repository, workflow, job, step, audience) {
    for (const [i, g] of org.grants.entries()) {
        if (!(0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .globMatch */ .eu)(g.repository, repository, { nocase: true }) || g.workflow !== workflow || g.job !== job)
            continue;
        const j = g.credentials.findIndex((c) => c.step === step && c.audience === audience);
        if (j >= 0)
            return { grant: g.credentials[j], path: ['grants', i, 'credentials', j] };
    }
    return undefined;
}
const rank = (l) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);
/**
 * The narrower of a repository grant and the organization grant: permissions (lowest level, only
 * those both name), repositories and scopes (both list), ttl and uses (smaller). Conditions of both
 * apply; the caller evaluates each grant's `when`.
 */
function narrowGrant(repo, org) {
    const ttl = Math.min(repo.ttl, org.ttl);
    const uses = Math.min(repo.uses, org.uses);
    if ((0,_manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .isGithubGrant */ .Ed)(repo) && (0,_manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .isGithubGrant */ .Ed)(org)) {
        const a = repo.permissions;
        const b = org.permissions;
        const permissions = {};
        for (const [p, l] of Object.entries(a)) {
            if (!b[p])
                continue;
            permissions[p] = rank(l) <= rank(b[p]) ? l : b[p];
        }
        const repositories = repo.repositories.filter((r) => org.repositories.includes(r));
        return { ...repo, permissions, repositories, ttl, uses };
    }
    if (!(0,_manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .isGithubGrant */ .Ed)(repo) && !(0,_manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .isGithubGrant */ .Ed)(org)) {
        return { ...repo, scope: repo.scope.filter((s) => org.scope.includes(s)), ttl, uses };
    }
    return { ...repo, ttl, uses };
}


/***/ }),

/***/ 278:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   yo: () => (/* binding */ reachProblems)
/* harmony export */ });
/* unused harmony exports REPOSITORY_PERMISSIONS, isOrganizationPermission */
/* harmony import */ var _permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1923);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6863);
/**
 * Reach beyond the repository: credential grants covering other repositories, or App permissions of
 * organization (or user/enterprise) scope, need the organization policy's consent for the repository
 * that holds the manifest. Pure.
 */


/**
 * The App permissions that act on one repository. Everything else GitHub's OpenAPI description lists
 * (members, organization_*, enterprise_*, the user permissions) reaches beyond it. An allow-list, so a
 * permission GitHub adds later counts as beyond the repository until it is classified here.
 */
const REPOSITORY_PERMISSIONS = new Set([
    'actions',
    'administration',
    'artifact-metadata',
    'attestations',
    'checks',
    'code-quality',
    'codespaces',
    'contents',
    'dependabot-secrets',
    'deployments',
    'discussions',
    'environments',
    'issues',
    'merge-queues',
    'metadata',
    'packages',
    'pages',
    'pull-requests',
    'repository-custom-properties',
    'repository-hooks',
    'repository-projects',
    'secret-scanning-alerts',
    'secrets',
    'security-events',
    'single-file',
    'statuses',
    'vulnerability-alerts',
    'workflows',
]);
function isOrganizationPermission(name) {
    return Object.hasOwn(_permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_0__/* .APP_PERMISSIONS */ .d, name) && !REPOSITORY_PERMISSIONS.has(name);
}
const rank = (l) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);
/**
 * What a grant of `repository` (owner/repo) covering `repositories` (names; `self` already resolved
 * or not) with `permissions` reaches without the organization's consent. Without an org policy
 * nothing beyond the repository is allowed.
 */
function reachProblems(input) {
    const [owner = '', name = ''] = input.repository.split('/');
    const from = (pattern) => (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .globMatch */ .eu)(pattern, input.repository, { nocase: true });
    const out = [];
    const cross = input.org?.['allow-cross-repository'];
    const where = input.org
        ? `the organization policy${input.orgFile ? ` (${input.orgFile})` : ''}`
        : 'no organization policy';
    for (const r of input.repositories) {
        if (r === 'self' || r.toLowerCase() === name.toLowerCase())
            continue;
        const ok = cross?.allow.some((rule) => from(rule.from) && rule.to.some((t) => (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .globMatch */ .eu)(t, r, { nocase: true })));
        if (!ok)
            out.push({
                kind: 'cross-repository',
                subject: r,
                code: 'ERR_CROSS_REPOSITORY_NOT_ALLOWED',
                mode: cross?.mode ?? 'enforce',
                message: `${input.repository} may not hold credentials covering ${owner}/${r}: ${where} has no allow-cross-repository rule { from: ${input.repository}, to: [${r}] }`,
            });
    }
    const orgPerms = input.org?.['allow-organization-permissions'];
    for (const [p, level] of Object.entries(input.permissions)) {
        if (!isOrganizationPermission(p))
            continue;
        const ok = orgPerms?.allow.some((rule) => from(rule.from) && rank(level) <= rank(rule.permissions[p]));
        if (!ok)
            out.push({
                kind: 'organization-permission',
                subject: `${p}:${level}`,
                code: 'ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED',
                mode: orgPerms?.mode ?? 'enforce',
                message: `${p}: ${level} reaches beyond ${input.repository} (an organization-level permission): ${where} has no allow-organization-permissions rule for it`,
            });
    }
    return out;
}


/***/ }),

/***/ 9084:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   d1: () => (/* binding */ CONDITION_CODES),
/* harmony export */   gM: () => (/* binding */ renderVerdict)
/* harmony export */ });
/**
 * What a condition said about one token: every condition is reported with its verdict (for `explain`
 * and `dry_run`), and a failed one carries the stable code the broker refuses with.
 */
/** Stable refusal codes, one per condition (docs/errors.md). */
const CONDITION_CODES = {
    ref: 'ERR_CONDITION_REF',
    'ref-protected': 'ERR_CONDITION_REF_PROTECTED',
    environment: 'ERR_CONDITION_ENVIRONMENT',
    event: 'ERR_CONDITION_EVENT',
    'runner-environment': 'ERR_CONDITION_RUNNER_ENVIRONMENT',
    'actor-id': 'ERR_CONDITION_ACTOR_ID',
    claims: 'ERR_CONDITION_CLAIM',
    environments: 'ERR_ENVIRONMENT_NOT_DECLARED',
    missing: 'ERR_CLAIM_MISSING',
};
/** A claim value as it may appear in a message: bounded, control characters escaped. Never a token. */
function shown(value) {
    if (value === undefined)
        return '(absent)';
    // Control characters are escaped so a crafted claim cannot forge lines in a log or a terminal.
    let clean = '';
    for (const ch of value) {
        const c = ch.codePointAt(0);
        clean += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
    }
    return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
/** One line per verdict, for `explain` and logs: `✓ ref (grant) refs/heads/main matches … (file:line)`. */
function renderVerdict(v) {
    return `${v.ok ? 'ok  ' : 'FAIL'} ${v.condition} [${v.origin}] ${v.message}`;
}


/***/ })

};
