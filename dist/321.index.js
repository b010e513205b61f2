export const id = 321;
export const ids = [321];
export const modules = {

/***/ 56442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LD: () => (/* binding */ decide),
  zV: () => (/* binding */ identityTwin),
  B4: () => (/* binding */ workflowOf)
});

// EXTERNAL MODULE: ./shared/permissions/app-permissions.ts
var app_permissions = __webpack_require__(11923);
// EXTERNAL MODULE: ./shared/oidc/claims.ts
var oidc_claims = __webpack_require__(30953);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(13966);
// EXTERNAL MODULE: ./shared/conditions/claims.ts
var conditions_claims = __webpack_require__(14120);
// EXTERNAL MODULE: ./shared/conditions/callers.ts
var callers = __webpack_require__(2721);
// EXTERNAL MODULE: ./shared/conditions/glob.ts
var glob = __webpack_require__(56863);
// EXTERNAL MODULE: ./shared/conditions/ref.ts
var ref = __webpack_require__(39568);
// EXTERNAL MODULE: ./shared/conditions/verdict.ts
var verdict = __webpack_require__(29084);
;// CONCATENATED MODULE: ./shared/conditions/evaluate.ts





const list = (xs) => xs.join(', ');
function run(c, input) {
    const raw = (0,conditions_claims/* claimString */.e)(input.claims, c.claim);
    const actual = raw === '' ? undefined : raw;
    const line = input.lineOf(c.path);
    const where = `(${input.file}:${line})`;
    if (actual === undefined)
        return failed(c, input.file, line, undefined, verdict/* CONDITION_CODES */.d1.missing, `the token has no '${c.claim}' claim, which condition ${c.condition} needs ${where}`);
    const seen = (0,verdict/* shown */.SP)(actual);
    if (!c.test(actual))
        return failed(c, input.file, line, seen, verdict/* CONDITION_CODES */.d1[c.codeKey], `${c.failText(seen)} ${where}`);
    // Plain literals, not `{ ...base, ok, message }`: V8 11.3 (Node 20) builds a literal that opens with
    // a non-empty spread and adds keys on a slow path, 16.3 K instructions a verdict against 2.0 K, and
    // every exchange judges at least the default ref condition (session 32). Same keys, same order.
    return {
        condition: c.condition,
        origin: c.origin,
        claim: c.claim,
        actual: seen,
        expected: c.expected,
        file: input.file,
        line,
        ok: true,
        message: `${c.okText(seen)} ${where}`,
    };
}
/** A refused condition's verdict (the keys in the order of an accepted one's, `code` before `message`). */
function failed(c, file, line, actual, code, message) {
    return {
        condition: c.condition,
        origin: c.origin,
        claim: c.claim,
        actual,
        expected: c.expected,
        file,
        line,
        ok: false,
        code,
        message,
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
/**
 * The `ref` condition: the claim must match, and be a ref the code can run at (well formed, of the
 * kind `ref_type` says, the ref `workflow_ref` runs the workflow file at). A token whose `ref` says
 * one thing while its workflow runs at another is judged on neither.
 */
function refCheck(claims, patterns, origin, path, what) {
    const problem = (a) => (0,ref/* refProblem */.Tb)(a, (0,conditions_claims/* claimString */.e)(claims, 'ref_type'), (0,callers/* parseWorkflowRef */.QO)((0,conditions_claims/* claimString */.e)(claims, 'workflow_ref') ?? ''));
    return {
        condition: 'ref',
        codeKey: 'ref',
        claim: 'ref',
        expected: patterns,
        origin,
        path,
        test: (a) => problem(a) === undefined && what.matches(a),
        // `a` is the claim as shown (escaped, bounded): the problem is the raw claim's.
        failText: (a) => {
            const p = problem((0,conditions_claims/* claimString */.e)(claims, 'ref') ?? '');
            return p ? `ref ${a} ${p}` : what.failText(a);
        },
        okText: what.okText,
    };
}
/** The checks one `when` block asks for, in a fixed order (the order refusals are reported in). */
function whenChecks(when, origin, path, claims) {
    const out = [];
    if (when.ref) {
        const patterns = when.ref;
        out.push(refCheck(claims, patterns, origin, [...path, 'ref'], {
            matches: (a) => (0,glob/* matchesAny */._I)(a, patterns),
            failText: (a) => `ref ${a} is not one of ${list(patterns)}`,
            okText: (a) => `ref ${a} matches ${list(patterns)}`,
        }));
    }
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
    // A re-run keeps the first attempt's actor (GitHub: `actor`/`actor_id` are the account that
    // triggered the initial run), anyone with write access may start one, and the token has no claim
    // saying who did: on a later attempt those claims no longer say who started this run. A condition
    // on them holds for a first attempt only; a missing or odd attempt counts as a re-run (fail closed).
    const attempt = (0,conditions_claims/* claimString */.e)(claims, 'run_attempt');
    const firstAttempt = attempt === '1';
    const rerun = `this is run attempt ${(0,verdict/* shown */.SP)(attempt ?? '(absent)')}: a re-run keeps the first attempt's actor, anyone with write access can start one, and the token does not say who did, so a condition on the actor holds for a first attempt only. Fix: start a new run (push or dispatch) instead of re-running`;
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
            test: (a) => ids.includes(a) && firstAttempt,
            failText: (a) => ids.includes(a)
                ? `actor-id ${a} is listed, but ${rerun}`
                : `actor-id ${a} is not one of ${list(ids)}`,
            okText: (a) => `actor-id ${a} is listed (first attempt)`,
        });
    }
    for (const [name, want] of Object.entries(when.claims ?? {})) {
        const patterns = typeof want === 'boolean' ? [String(want)] : Array.isArray(want) ? want : [want];
        const matches = (a) => (typeof want === 'boolean' ? a === String(want) : (0,glob/* matchesAny */._I)(a, patterns));
        // The same claims `actor-id` reads, spelt as a claim condition: the same rule for re-runs. Also a
        // `sub` whose match depends on its actor parts (GitHub's sub customization can carry `actor:` and
        // `actor_id:`): judged on the token, not on the pattern's text, since a glob (`\u2026:*:alice`) picks
        // the actor without writing `actor:`, and `\u2026:actor:*` names the key but accepts anyone.
        const onActor = (a) => name === 'actor' ||
            name === 'actor_id' ||
            (name === 'sub' &&
                ACTOR_PART.test(a) &&
                !actorStandIns(patterns).every((x) => matches(a.replace(ACTOR_PARTS, (_m, pre, key) => `${pre}${key}:${x}`))));
        out.push({
            ...patternCheck(`claims.${name}`, 'claims', name, patterns, origin, [...path, 'claims', name]),
            test: (a) => matches(a) && (firstAttempt || !onActor(a)),
            // `a` is the claim as shown; the match is judged on the raw claim, as `test` does.
            failText: (a) => matches((0,conditions_claims/* claimString */.e)(claims, name) ?? '')
                ? `claim ${name} ${a} matches ${list(patterns)}, but ${rerun}`
                : `claim ${name} ${a} is not one of ${list(patterns)}`,
            okText: (a) => `claim ${name} ${a} matches ${list(patterns)}`,
        });
    }
    return out;
}
/**
 * The actors a `sub` pattern is tried with on a re-run, to hold "whoever the actor parts name": a
 * character no name holds, and every character a name can hold that the patterns write. One stand-in
 * was not enough: a deny pattern (`\u2026:actor:[^m]*`, `\u2026:*[^y]`) matches U+0000 yet picks actors; what
 * it excludes it must write (a class's characters, a range's ends), and a pattern matching one
 * character through `*`, `?` or such a class then fails for one of them.
 */
function actorStandIns(patterns) {
    return ['\u0000', ...new Set(patterns.join('').match(/[A-Za-z0-9_.-]/g) ?? [])];
}
/**
 * The actor parts of a customized `sub` (`\u2026:actor:alice`, `\u2026:actor_id:583231`); GitHub's names and ids
 * hold no `:`. Replaced by each of actorStandIns: a pattern that still matches every one names no actor.
 */
const ACTOR_PART = /(^|:)(actor|actor_id):[^:]*/;
const ACTOR_PARTS = new RegExp(ACTOR_PART.source, 'g');
/** Every condition that applies to a grant, each with its verdict; the first failure is the refusal. */
function evaluateConditions(input, refusalOnly = false) {
    const checks = [];
    const job = input.job;
    if (job) {
        const envs = job.environments;
        // A job that lists environments binds its grants to them: a token naming another is refused, and
        // so is a token naming none (a run of the job with its `environment:` removed on a branch would
        // otherwise skip the environment's protection rules and still be granted). A job that lists none
        // refuses a token that names one.
        const envClaim = (0,conditions_claims/* claimString */.e)(input.claims, 'environment');
        if (envClaim || envs.length > 0) {
            checks.push({
                condition: 'environments',
                codeKey: 'environments',
                claim: 'environment',
                expected: envs,
                origin: 'job',
                path: [...job.path, 'environments'],
                test: (a) => envs.some((e) => (0,glob/* asciiLower */.F)(e) === (0,glob/* asciiLower */.F)(a)),
                failText: (a) => envs.length
                    ? `environment ${a} is not one of the job's environments ${list(envs)}`
                    : `environment ${a} is not declared: the job lists no environments`,
                okText: (a) => `environment ${a} is declared by the job`,
            });
        }
        if (job.when)
            checks.push(...whenChecks(job.when, 'job', [...job.path, 'when'], input.claims));
    }
    if (input.grant.when)
        checks.push(...whenChecks(input.grant.when, 'grant', [...input.grant.path, 'when'], input.claims));
    const event = (0,conditions_claims/* claimString */.e)(input.claims, 'event_name');
    if (!input.grant.when?.event &&
        !job?.when?.event &&
        event !== undefined &&
        ref/* OUTSIDE_EVENTS */._g.includes(event)) {
        // Secure default: an event people outside the repository trigger on the default branch (a fork's
        // pull_request_target, a comment, the workflow_run after a fork's pull request) runs default-branch
        // code on their input; its grants are claimable only where a when.event names the event. Listed
        // only when it refuses, so the verdicts of every other run stay what they were.
        checks.unshift({
            condition: 'event',
            codeKey: 'event',
            claim: 'event_name',
            expected: [`not ${ref/* OUTSIDE_EVENTS */._g.join(', ')}`],
            origin: 'default',
            path: input.grant.path,
            test: (a) => !ref/* OUTSIDE_EVENTS */._g.includes(a),
            failText: (a) => `event ${a} is triggered from outside the repository (a fork's pull request, a comment, a later workflow run); name it in the grant's or job's when.event to let it claim this grant`,
            okText: (a) => `event ${a} is not one triggered from outside the repository (no when.event)`,
        });
    }
    if (!input.grant.when?.ref && !job?.when?.ref) {
        // Secure default: the branch the manifest was read from, exactly; never a pull request ref.
        const ref = `refs/heads/${input.defaultBranch}`;
        checks.unshift(refCheck(input.claims, [ref], 'default', input.grant.path, {
            matches: (a) => a === ref && (0,glob/* globMatch */.eu)(ref, a),
            failText: (a) => `ref ${a} is not one of ${ref} (the default branch; no when.ref)`,
            okText: (a) => `ref ${a} is the default branch (no when.ref)`,
        }));
    }
    if (refusalOnly) {
        // A real exchange reads only the refusal (the verdicts are shown by explain and dry runs): the
        // first check that fails, as run() judges it, and no message or line built for those that hold.
        for (const c of checks) {
            const raw = (0,conditions_claims/* claimString */.e)(input.claims, c.claim);
            if (raw === undefined || raw === '' || !c.test(raw))
                return { verdicts: [], refusal: run(c, input) };
        }
        return { verdicts: [] };
    }
    const verdicts = checks.map((c) => run(c, input));
    const refusal = verdicts.find((v) => !v.ok);
    return { verdicts, ...(refusal ? { refusal } : {}) };
}

// EXTERNAL MODULE: ./shared/conditions/narrow.ts
var narrow = __webpack_require__(84746);
// EXTERNAL MODULE: ./shared/conditions/reach.ts
var reach = __webpack_require__(278);
// EXTERNAL MODULE: ./shared/broker/errors.ts
var errors = __webpack_require__(5031);
// EXTERNAL MODULE: ./shared/broker/request.ts
var broker_request = __webpack_require__(643);
// EXTERNAL MODULE: ./shared/broker/providers/jwt-profiles.ts
var jwt_profiles = __webpack_require__(53849);
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
    if (caller && (0,glob/* asciiLower */.F)(m[1]) !== (0,glob/* asciiLower */.F)(String(claims.repository)))
        return { repository: caller[1], file: caller[2] };
    return { repository: m[1], file: m[2] };
}
function parseGithubScope(scope) {
    const out = {};
    for (const part of (0,broker_request/* scopeItems */.V0)(scope)) {
        const m = /^([a-z0-9_-]+):(read|write|admin)$/.exec(part);
        if (!m)
            throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_SYNTAX', `scope '${(0,verdict/* shown */.SP)(part)}' is not PERMISSION:LEVEL (e.g. contents:write)`);
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
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_REPOSITORY_ID_MISMATCH', `claim repository_id ${(0,verdict/* shown */.SP)(String(claims.repository_id))} is not ${file}'s repository.id ${bound.id} (a renamed or re-created repository does not inherit grants)`);
    }
    if (String(bound['owner-id']) !== claims.repository_owner_id) {
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_OWNER_ID_MISMATCH', `claim repository_owner_id ${(0,verdict/* shown */.SP)(String(claims.repository_owner_id))} is not ${file}'s repository.owner-id ${bound['owner-id']}`);
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
    // The verifier refuses it first; decide is pure and also judges claims that did not pass it (explain).
    const eventProblem = (0,oidc_claims/* eventNameProblem */.pZ)(event);
    if (eventProblem)
        throw new errors/* BrokerRefusal */.E('invalid_grant', 'ERR_OIDC_CLAIM_INVALID', eventProblem);
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
        throw new errors/* BrokerRefusal */.E('invalid_target', 'ERR_NO_GRANT', `${file} grants step '${(0,verdict/* shown */.SP)(request.step)}' of job '${request.job}' in ${wfFile} no credential for audience '${(0,verdict/* shown */.SP)(request.audience)}'`);
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
    }, !trace);
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
            throw new errors/* BrokerRefusal */.E('invalid_target', 'ERR_NO_ORG_GRANT', `the organization policy (${o.file}) is narrow-only and grants no credential for ${(0,verdict/* shown */.SP)(claims.repository)} ${wfFile} job '${request.job}' step '${(0,verdict/* shown */.SP)(request.step)}' (audience ${(0,verdict/* shown */.SP)(request.audience)}); the repository manifest (${file}:${line}) can only narrow an organization grant`);
        const orgConditions = evaluateConditions({
            claims,
            file: o.file,
            lineOf: o.lineOf,
            defaultBranch,
            grant: { path: orgGrant.path, ...(orgGrant.grant.when ? { when: orgGrant.grant.when } : {}) },
        }, !trace);
        trace?.push(...orgConditions.verdicts);
        if (orgConditions.refusal)
            throw new errors/* BrokerRefusal */.E('invalid_grant', orgConditions.refusal.code, orgConditions.refusal.message);
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
        const requested = (0,broker_request/* scopeItems */.V0)(request.scope).length ? parseGithubScope(request.scope) : granted;
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
        // The repository's own name in another ASCII case is `self` (one name, as the token spells it).
        const repositories = [
            ...new Set(grant.repositories.map((r) => r === 'self' || (0,glob/* asciiLower */.F)(r) === (0,glob/* asciiLower */.F)(repoName) ? repoName : r)),
        ];
        // Every policy must consent; without any policy, nothing beyond the repository is allowed.
        const problems = (policies.length ? policies : [undefined]).flatMap((o) => (0,reach/* reachProblems */.yo)({
            repository: claims.repository,
            repositoryId: claims.repository_id,
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
    // The manifest schema refuses these, but a manifest or organization grant may reach here without
    // it (a cache, a hand-built config): a value with a space would be issued as several scopes.
    const bad = allowed.find((v) => typeof v !== 'string' || !schema/* SCOPE_TOKEN */.Lj.test(v));
    if (bad !== undefined)
        throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_TOKEN', `the grant for step '${request.step}' (${file}:${line}) has the scope value ${JSON.stringify(String(bad)).slice(0, 80)}, which is not one RFC 6749 scope-token (printable ASCII without space, '"' or '\\'): it would be read as other scopes by the resource server; nothing was issued. Fix: split it into one list item per scope`);
    // Each scope once: `a a` is `a` (as a chained exchange reads it).
    const asked = (0,broker_request/* scopeItems */.V0)(request.scope);
    const requested = asked.length ? asked : allowed;
    const extra = requested.filter((s) => !allowed.includes(s));
    if (extra.length)
        throw new errors/* BrokerRefusal */.E('invalid_scope', 'ERR_SCOPE_NOT_GRANTED', `scope ${extra.map(verdict/* shown */.SP).join(' ')} is not granted to step '${request.step}' (${file}:${line} grants: ${allowed.join(' ') || '(none)'})`);
    const twin = identityTwin(m, grant.audience, wfFile, request.job, request.step);
    if (twin)
        throw new errors/* BrokerRefusal */.E('invalid_target', 'ERR_GRANT_IDENTITY_COLLISION', `step '${request.step}' of job '${request.job}' in ${wfFile} (${file}:${line}) would carry the same ${twin.as} as step '${twin.step}' of job '${twin.job}' in ${twin.workflow} (${at(twin.path)}) for audience ${grant.audience}: a relying party that authorizes on it could not tell the two steps apart; nothing was issued. Fix: rename the step (or job, or workflow file) to letters, digits, '.', '_' and '-'`);
    return {
        kind: 'jwt',
        audience: grant.audience,
        scope: requested.join(' '),
        ...common,
    };
}
/**
 * Per compiled manifest (the manifest sources keep one object per commit), the grants that collide:
 * computed at the first exchange of a commit in one pass, not a scan of every grant per exchange.
 */
const twinsByManifest = new WeakMap();
const twinKey = (audience, workflow, job, step) => JSON.stringify([audience, workflow, job, step]);
/**
 * Another service grant of the manifest, for the same audience, whose step would carry the same
 * identity in the broker's JWT: the SPIFFE ID's path (`spiffeSegment` drops what a SPIFFE path
 * segment cannot hold, so `Deploy prod` and `Deployprod` are one ID) or the AWS session tags
 * (`awsTagValue` turns what a tag cannot hold into `_`). Only a grant whose names change under one of
 * those mappings can collide (the plainly spelled one keeps its identity); its twin is the first
 * other grant, in manifest order, that meets it under a mapping its names change under.
 */
function identityTwin(m, audience, workflow, job, step) {
    let twins = twinsByManifest.get(m);
    if (!twins) {
        twins = identityTwins(m);
        twinsByManifest.set(m, twins);
    }
    // Almost every manifest has no colliding grant: its exchanges build no key (a JSON text of four
    // names, per exchange) to look up in an empty map.
    return twins.size ? twins.get(twinKey(audience, workflow, job, step)) : undefined;
}
function identityTwins(m) {
    const entries = [];
    for (const [w, entry] of Object.entries(m.workflows))
        for (const [j, jobEntry] of Object.entries(entry.jobs))
            for (const [i, g] of jobEntry.credentials.entries())
                if (!(0,schema/* isGithubGrant */.Ed)(g))
                    entries.push({
                        names: [w, j, g.step],
                        audience: g.audience,
                        order: entries.length,
                        path: ['workflows', w, 'jobs', j, 'credentials', i],
                    });
    const spiffeKey = (e) => JSON.stringify([e.audience, e.names.map(jwt_profiles/* spiffeSegment */.jp).join('/')]);
    const awsKey = (e) => JSON.stringify([e.audience, e.names.map(jwt_profiles/* awsTagValue */.Tm)]);
    const group = (key) => {
        const g = new Map();
        for (const e of entries)
            g.set(key(e), [...(g.get(key(e)) ?? []), e]);
        return g;
    };
    const bySpiffe = group(spiffeKey);
    const byAws = group(awsKey);
    const out = new Map();
    for (const e of entries) {
        const lossySpiffe = e.names.some((n) => (0,jwt_profiles/* spiffeSegment */.jp)(n) !== n);
        const lossyAws = e.names.some((n) => (0,jwt_profiles/* awsTagValue */.Tm)(n) !== n);
        if (!lossySpiffe && !lossyAws)
            continue;
        const spiffeMates = lossySpiffe ? bySpiffe.get(spiffeKey(e)) : [];
        const awsMates = lossyAws ? byAws.get(awsKey(e)) : [];
        const other = [...spiffeMates, ...awsMates].filter((o) => o !== e).sort((a, b) => a.order - b.order)[0];
        if (!other)
            continue;
        const [w, j, st] = other.names;
        out.set(twinKey(e.audience, ...e.names), {
            workflow: w,
            job: j,
            step: st,
            as: spiffeMates.includes(other) ? 'SPIFFE ID' : 'AWS session tags',
            path: other.path,
        });
    }
    return out;
}


/***/ }),

/***/ 5031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ BrokerRefusal),
/* harmony export */   l: () => (/* binding */ FileTooLargeRefusal)
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
    /** The body of the refusal, per RFC 6749 \u00a75.2. */
    toJSON() {
        return { error: this.error, error_description: `${this.code}: ${this.description}` };
    }
}
/**
 * GitHub's contents API serves a file over 1 MB with empty `content` (encoding `none`): read as empty,
 * it would be refused for the wrong reason ("has no job", "empty manifest"), so it is its own refusal.
 */
class FileTooLargeRefusal extends BrokerRefusal {
    where;
    size;
    constructor(where, size) {
        super('invalid_target', 'ERR_GITHUB_FILE_TOO_LARGE', `${where} is too large to read (${size === undefined ? 'over 1 MB' : `${size} bytes`}; GitHub's contents API serves a file's content only up to 1 MB); keep the file under 1 MB`);
        this.where = where;
        this.size = size;
        this.name = 'FileTooLargeRefusal';
    }
}


/***/ }),

/***/ 53849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A5: () => (/* binding */ optionsFor),
/* harmony export */   O8: () => (/* binding */ spiffeIdOf),
/* harmony export */   Tm: () => (/* binding */ awsTagValue),
/* harmony export */   jp: () => (/* binding */ spiffeSegment),
/* harmony export */   r8: () => (/* binding */ awsSessionTags),
/* harmony export */   v7: () => (/* binding */ AWS_TAGS_CLAIM),
/* harmony export */   wW: () => (/* binding */ TRUST_DOMAIN)
/* harmony export */ });
/* unused harmony export MAX_SPIFFE_ID_BYTES */
function optionsFor(p, audience) {
    const a = p?.audiences.get(audience);
    return { profile: a?.profile ?? p?.profile ?? 'default', awsSessionTags: a?.awsSessionTags ?? false };
}
/** SPIFFE-ID.md \u00a72.1: lower-case letters, digits, dots, dashes and underscores. */
const TRUST_DOMAIN = /^[a-z0-9._-]{1,255}$/;
const SEGMENT_CHARS = /[^A-Za-z0-9._-]/g;
/** Each of the six path segments is capped so the whole ID stays far under the 2,048-byte limit. */
const MAX_SEGMENT = 255;
const MAX_SPIFFE_ID_BYTES = 2048;
/** A path segment from an arbitrary string: characters outside `[A-Za-z0-9._-]` dropped; never empty, `.` or `..`. */
function spiffeSegment(s) {
    const kept = s.replace(SEGMENT_CHARS, '').slice(0, MAX_SEGMENT);
    return kept === '' || kept === '.' || kept === '..' ? '_' : kept;
}
/**
 * `spiffe://<trust-domain>/gh/<owner>/<repo>/<workflow>/<job>/<step>`; with `github` another GitHub's
 * than github.com (a broker serving several), `\u2026/gh/<github>/<owner>/\u2026`: owner and repository names
 * are each GitHub's own, so a GHES server's `acme/app` must not get github.com's ID. Seven segments
 * never equal six, and a GitHub name holds a dot, which no owner name does.
 */
function spiffeIdOf(trustDomain, c) {
    if (!TRUST_DOMAIN.test(trustDomain))
        throw new Error(`trust domain '${trustDomain}' is not a SPIFFE trust domain ([a-z0-9._-])`);
    const [owner = '', repo = ''] = c.repository.split('/');
    const site = c.github !== undefined && c.github !== 'github.com' ? [c.github] : [];
    const id = `spiffe://${trustDomain}/gh/${[...site, owner, repo, c.workflow, c.job, c.step].map(spiffeSegment).join('/')}`;
    if (Buffer.byteLength(id) > MAX_SPIFFE_ID_BYTES)
        throw new Error('SPIFFE ID over 2048 bytes');
    return id;
}
const AWS_TAGS_CLAIM = 'https://aws.amazon.com/tags';
/** AWS tag values: at most 256 characters of letters, digits, spaces and `_ . : / = + - @`. */
const AWS_TAG_VALUE = /[^\p{L}\p{N} _.:/=+\-@]/gu;
/**
 * At most 256 characters whether STS counts code points or UTF-16 units: whole code points are kept
 * while the UTF-16 length stays within 256 (`slice(0, 256)` could cut a letter outside the BMP in
 * half, leaving a lone surrogate STS refuses).
 */
function awsTagValue(s) {
    let out = '';
    for (const ch of s.replace(AWS_TAG_VALUE, '_')) {
        if (out.length + ch.length > 256)
            break;
        out += ch;
    }
    return out;
}
/** Session tags per step; transitive so a role chain keeps them. Each value is a one-element array, as STS reads it. */
function awsSessionTags(c) {
    const tags = {
        Repository: c.repository,
        // The id a name cannot be re-created with (an IAM condition on it survives a rename).
        ...(c.repository_id ? { RepositoryId: c.repository_id } : {}),
        Workflow: c.workflow,
        Job: c.job,
        Step: c.step,
        RunId: c.run_id,
        RunAttempt: c.run_attempt,
        // With several GitHubs served: names and ids above are each GitHub's own.
        ...(c.github !== undefined ? { GitHub: c.github } : {}),
    };
    return {
        principal_tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, [awsTagValue(v)]])),
        transitive_tag_keys: Object.keys(tags),
    };
}


/***/ }),

/***/ 643:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MT: () => (/* binding */ assertTokenParameters),
/* harmony export */   O9: () => (/* binding */ assertRequestFraming),
/* harmony export */   Qr: () => (/* binding */ bodyTypeOf),
/* harmony export */   V0: () => (/* binding */ scopeItems),
/* harmony export */   ZZ: () => (/* binding */ field),
/* harmony export */   Zw: () => (/* binding */ jobOf),
/* harmony export */   g7: () => (/* reexport safe */ _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__.g7),
/* harmony export */   gX: () => (/* binding */ exchangeRequestOf),
/* harmony export */   mr: () => (/* reexport safe */ _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__.mr),
/* harmony export */   sm: () => (/* binding */ assertParameterNames),
/* harmony export */   yJ: () => (/* binding */ ttlOf)
/* harmony export */ });
/* harmony import */ var _conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29084);
/* harmony import */ var _conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56863);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5031);
/* harmony import */ var _workflow_job_id_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93387);
/* harmony import */ var _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(16377);
/**
 * The shape of an exchange request's own fields, checked before anything is looked up with them.
 * `job` is a workflow job id (GitHub's grammar); `step`, `audience` and `scope` are bounded and free
 * of control characters. Look-ups with these strings use Map/Object.hasOwn (decide.ts), so names like
 * `__proto__` or `constructor` are merely jobs that no manifest lists.
 */



// GitHub's rule for a job id, one source for the broker, the manifest and the workflow reader;
// tests/broker/s22-job-id.test.ts holds it to the parser's IdBuilder.



/**
 * A request field as every exchange reads it: at most `max` characters, no C0 control or DEL (the
 * rule the chained exchange shares: `audience` and `scope` there are bounded the same way).
 */
function field(p, name, max, required) {
    const v = p.get(name) ?? '';
    if (required && !v)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_MISSING', `parameter '${name}' is required`);
    if (v.length > max || _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__/* .CONTROL */ .W3.test(v))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_INVALID', `parameter '${name}' is longer than ${max} characters or holds control characters`);
    return v;
}
/**
 * `job`: a workflow job id (GitHub's grammar), at the exchange and at the job end alike: it goes into
 * audit lines beside the attribution and into the job end's answer, so nothing else may ride on it.
 */
function jobOf(p, required) {
    const job = field(p, 'job', 100, required);
    if (job && !_workflow_job_id_js__WEBPACK_IMPORTED_MODULE_3__/* .JOB_ID */ .mu.test(job))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_INVALID', `parameter 'job' "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(job)}" is not a workflow job id (ASCII letters, digits, _ and -, starting with a letter or a single _, under 100 characters)`);
    return job;
}
function exchangeRequestOf(p) {
    const job = jobOf(p, true);
    return {
        audience: field(p, 'audience', _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_AUDIENCE */ .g7, true),
        scope: field(p, 'scope', _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_SCOPE */ .mr, false),
        job,
        step: field(p, 'step', _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_STEP */ .Kk, true),
    };
}
/**
 * `ttl`: a lifetime the client asks for, at most the grant's (or the parent's, chained). Decimal
 * digits only: Number() also reads `0x10`, `1e3`, ` 5 ` and `` as numbers. Undefined: not given.
 */
function ttlOf(p) {
    const raw = p.get('ttl');
    if (raw === null)
        return undefined;
    if (!/^[1-9][0-9]{0,9}$/.test(raw))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_INVALID', `ttl "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(raw.slice(0, 16))}" is not a positive whole number of seconds (decimal digits)`);
    return Number(raw);
}
/**
 * Every parameter name a broker endpoint reads (RFC 8693, RFC 7009, RFC 7662 and the admin ones) or
 * refuses by name.
 */
const KNOWN_PARAMETERS = [
    'grant_type',
    'subject_token',
    'subject_token_type',
    'audience',
    'scope',
    'job',
    'step',
    'dry_run',
    'ttl',
    'token',
    'token_type_hint',
    'repository',
    'workflow',
    'run_id',
    'requested_token_type',
    'repository_id',
    // Refused by name (assertTokenParameters): in another case they must not be ignored instead.
    'resource',
    'actor_token',
    'actor_token_type',
];
const KNOWN = new Set(KNOWN_PARAMETERS);
/**
 * Parameter names are case-sensitive (RFC 6749 \u00a73.2 leaves unknown names to be ignored): `Scope`
 * would be ignored here while a proxy or WAF that folds case reads it as `scope`, and `scope` beside
 * `SCOPE` is a parameter twice to such a reader. A name that differs from a known one only in ASCII
 * case, or from another name of the request, is refused rather than silently dropped.
 */
function assertParameterNames(p) {
    const seen = new Map();
    for (const k of p.keys()) {
        const folded = (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(k);
        const before = seen.get(folded);
        if (before !== undefined && before !== k)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_DUPLICATE', `parameters '${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(k.slice(0, 64))}' and '${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(before.slice(0, 64))}' differ only in case (one parameter given twice)`);
        seen.set(folded, k);
        const known = KNOWN.has(folded) ? folded : undefined;
        if (known !== undefined && known !== k)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_INVALID', `parameter names are case-sensitive: '${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(k.slice(0, 64))}' is not '${known}'`);
    }
}
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
/**
 * RFC 8693 parameters of `POST /token` the broker does not act on are refused, not ignored: an
 * `actor_token` (delegation) or `resource` the answer would silently leave out makes the client
 * believe it holds a credential it does not. `requested_token_type` is accepted when it names what
 * the exchange issues (an installation token for `github`, a JWT otherwise).
 */
function assertTokenParameters(p) {
    for (const name of ['actor_token', 'actor_token_type', 'resource'])
        if (p.has(name))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_UNSUPPORTED', `parameter '${name}' is not supported by this broker (no delegation, no resource indicators); name the service with audience`);
    const requested = p.get('requested_token_type');
    if (requested === null)
        return;
    const issues = p.get('audience') === 'github' ? ACCESS_TOKEN : JWT;
    if (requested !== issues)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_INVALID', `requested_token_type "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(requested.slice(0, 80))}" is not what this exchange issues (${issues})`);
}
/**
 * Request headers that say once how the body (or the caller) is to be read: `Content-Type`,
 * `Content-Encoding`, `Authorization` (RFC 9110 \u00a75.3: a field that is not a list must not be sent
 * twice). Node keeps the first of two and drops the rest, so a proxy, WAF or gateway keeping the last
 * read a form where the broker read JSON, or authenticated another bearer than the broker did. `Host`
 * too: RFC 9112 \u00a73.2 says a server MUST answer 400 to two, which Node takes (a proxy routing by the
 * last one sent the request to another place than the one it was logged for).
 */
const SINGLE_HEADERS = ['content-type', 'content-encoding', 'authorization', 'host'];
/**
 * What a POST of the broker carries besides its body, refused before the body is read: parameters
 * in the URL's query (the broker reads the body only, RFC 6749 \u00a73.2 / RFC 8693 \u00a72.1, so `?scope=` or
 * `?dry_run=true` beside a body was ignored while the client, a proxy or a log read it; a
 * `subject_token` there also sits in every access log), a header above given twice, and a
 * `Content-Encoding` other than identity or a `Transfer-Encoding` other than chunked (gzip bytes were
 * read as a form and refused for a missing `grant_type`, naming the wrong rule). `headers` is Node's
 * `headersDistinct`.
 */
function assertRequestFraming(url, headers, httpVersion = '1.1') {
    const q = url.indexOf('?');
    if (q >= 0 && q < url.length - 1)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_PARAM_INVALID', "parameters go in the request body (application/x-www-form-urlencoded, RFC 8693 \u00a72.1), not in the URL's query: the broker reads none of the query, which a proxy or log would");
    for (const name of SINGLE_HEADERS) {
        const values = headers[name];
        if (values !== undefined && values.length > 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_HEADER_DUPLICATE', `header '${name}' is given ${values.length} times (RFC 9110 \u00a75.3: once); a proxy keeping another of them than the broker would read the request differently`);
    }
    const coding = headers['content-encoding']?.[0];
    if (coding !== undefined && (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(coding.trim()) !== 'identity')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_CONTENT_TYPE', `content-encoding "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(coding.slice(0, 40))}" is not supported: send the body uncompressed`, 415);
    // Node de-chunks and leaves any other transfer coding in the bytes (`gzip, chunked` read as a form).
    const transfer = headers['transfer-encoding'];
    // RFC 9112 \u00a76.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing (1.0 has no chunked
    // coding; a 1.0 proxy or cache in front reads the body to the connection's end, chunk sizes and
    // all). Node de-chunks it anyway: the broker and the hop before it read two different bodies.
    if (transfer !== undefined && httpVersion !== '1.1')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_BODY', `an HTTP/${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(httpVersion.slice(0, 8))} request cannot carry Transfer-Encoding (RFC 9112 \u00a76.1); send HTTP/1.1, or a Content-Length`);
    if (transfer !== undefined && (transfer.length !== 1 || (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(transfer[0].trim()) !== 'chunked'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .E('invalid_request', 'ERR_CONTENT_TYPE', `transfer-encoding "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(transfer.join(', ').slice(0, 40))}" is not supported: only chunked is read; send the body uncompressed`, 415);
}
/**
 * The body's media type, exactly: `application/x-www-form-urlencoded` (RFC 8693) or `application/json`,
 * with no charset but UTF-8 (US-ASCII is a subset). `application/json-patch+json`, a form type with a
 * suffix, or `charset=utf-16` would otherwise be read as something they are not. Undefined: refuse.
 */
function bodyTypeOf(header) {
    const [type = '', ...params] = String(header ?? '').split(';');
    const kind = (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(type.trim());
    const form = kind === 'application/x-www-form-urlencoded';
    if (!form && kind !== 'application/json')
        return undefined;
    for (const raw of params) {
        const eq = raw.indexOf('=');
        const name = (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)((eq < 0 ? raw : raw.slice(0, eq)).trim());
        if (name === '' && eq < 0)
            continue;
        const value = (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)((eq < 0 ? '' : raw.slice(eq + 1)).trim().replace(/^"(.*)"$/, '$1'));
        if (name !== 'charset' || (value !== 'utf-8' && value !== 'us-ascii'))
            return undefined;
    }
    return form ? 'form' : 'json';
}
/**
 * The scopes a request asks for, each once, in order: RFC 6749 \u00a73.3's scope-tokens separated by
 * spaces (U+0020) and nothing else, for an exchange of an OIDC token and a chained one alike. A
 * no-break space or a line separator is part of a scope (then not held, or not PERMISSION:LEVEL), as a
 * relying party or a proxy reads it; splitting on JavaScript's `\s` made `a<U+2028>b` two held scopes
 * at one exchange and a scope not held at the other, and a scope of one no-break space the whole grant.
 */
function scopeItems(scope) {
    return [...new Set(scope.split(' ').filter(Boolean))];
}


/***/ }),

/***/ 41321:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ readOrgPolicyFile),
/* harmony export */   W3: () => (/* binding */ checkDirectory),
/* harmony export */   Xm: () => (/* binding */ readWorkflowsSafely),
/* harmony export */   ft: () => (/* binding */ directoryActionReader)
/* harmony export */ });
/* unused harmony export MAX_FILE_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _workflow_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(92884);
/* harmony import */ var _workflow_parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54709);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(57521);
/* harmony import */ var _workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(63246);
/* harmony import */ var _manifest_load_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(36454);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(66831);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7071);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(25470);
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
 * `forDiff` false: models without what only the access diff reads (parseWorkflow).
 */
async function readWorkflowsSafely(repoDir, forDiff = true) {
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
            // `dir` is a joined path and `name` a directory entry (no separator, not `.` or `..`): joined
            // by hand, as `join` would, without normalizing the whole path again for every file.
            text = readRegularFile(dir + node_path__WEBPACK_IMPORTED_MODULE_2__.sep + name, path);
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
        models.push((0,_workflow_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .parseWorkflow */ .hM)(name, path, text, forDiff));
    }
    return models.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/**
 * `DIR/action.yml` (or `action.yaml`) of a local action, read without following a link anywhere on its
 * path (`ActionFileReader`); undefined when there is none (the directory may be made by an earlier step,
 * e.g. a checkout of another repository: what is not in the repository cannot be judged here) or it is
 * not a plain file.
 */
function directoryActionReader(repoDir) {
    // Each directory's names, read once per reader: a name is taken as the repository holds it, never
    // through the file system's case folding (a macOS checkout finds `TOOLS` for `tools`; Linux does
    // not), so the check answers the same on every machine (session 21).
    const names = new Map();
    const namesOf = (rel) => {
        if (!names.has(rel)) {
            const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(repoDir, rel);
            names.set(rel, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false })?.isDirectory() ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(abs) : undefined);
        }
        return names.get(rel);
    };
    const list = async (rel) => {
        const n = namesOf(rel);
        return n ? { names: n } : undefined;
    };
    return async (rel) => {
        const parts = rel.split('/').filter((p) => p !== '');
        let dir = repoDir;
        for (const [i, part] of parts.entries()) {
            dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, part);
            // Not held under this name: missing (an earlier step may make it), or held in another case.
            if (!namesOf(parts.slice(0, i).join('/'))?.includes(part))
                return (0,_workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_6__/* .caseFoldedAction */ .zD)(rel, list);
            const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir, { throwIfNoEntry: false });
            if (!st)
                return undefined;
            const path = parts.slice(0, i + 1).join('/');
            if (st.isSymbolicLink())
                return { path, refused: `${path} is a symbolic link, which stepwarden does not follow` };
            if (!st.isDirectory())
                return { path, refused: `${path} is not a directory` };
        }
        for (const name of ['action.yml', 'action.yaml']) {
            if (!namesOf(parts.join('/'))?.includes(name))
                continue;
            const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
            const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(file, { throwIfNoEntry: false });
            if (!st)
                continue;
            const path = [...parts, name].join('/');
            if (!st.isFile())
                return {
                    path,
                    refused: `${path} is ${st.isSymbolicLink() ? 'a symbolic link, which stepwarden does not follow' : 'not a regular file'}`,
                };
            try {
                return { path, text: readRegularFile(file, path) };
            }
            catch (err) {
                const code = err.code;
                const own = err instanceof Error && err.message.startsWith(path);
                return { path, refused: own ? err.message : `${path} cannot be read${code ? ` (${code})` : ''}` };
            }
        }
        return (0,_workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_6__/* .caseFoldedAction */ .zD)(parts.join('/'), list);
    };
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
    throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .ManifestError */ .Sh([{ file: path, line: 1, message: `the ${what} ${why}`, fix }], code);
}
/** Reads and validates an organization policy file (also used by the broker's config). */
async function readOrgPolicyFile(path) {
    const text = await readPolicyText(path, 'organization policy', 'check the --org-policy path', 'ERR_ORG_POLICY_INVALID');
    return (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_7__/* .loadOrgPolicy */ .Vf)(text, path);
}
/** Loads everything and runs the check. Manifest problems throw ManifestError (exit 2 at the edge). */
async function checkDirectory(opts) {
    const manifestPath = opts.manifest ?? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.dir, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_9__/* .MANIFEST_PATH */ .U4);
    // Findings name repository-relative paths, so SARIF and annotations resolve inside the repository.
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(opts.dir, manifestPath) || manifestPath;
    if (!opts.manifest && (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(opts.dir, '.github')).catch(() => undefined))?.isSymbolicLink())
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .ManifestError */ .Sh([
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
        if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .ManifestError */ .Sh && !(await exists(manifestPath)))
            throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .ManifestError */ .Sh([
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
    const workflows = await (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__/* .withCompositeActions */ .B1)(
    // The rules read nothing of what only the diff reads (model.ts DIFF_ONLY_JOB_FIELDS).
    await readWorkflowsSafely(opts.dir, false), directoryActionReader(opts.dir));
    const manifest = (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_7__/* .loadManifest */ .eY)(text, file);
    const org = opts.orgPolicyText
        ? (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_7__/* .loadOrgPolicy */ .Vf)(opts.orgPolicyText.text, opts.orgPolicyText.file)
        : opts.orgPolicy
            ? await readOrgPolicyFile(opts.orgPolicy)
            : undefined;
    return (0,_run_js__WEBPACK_IMPORTED_MODULE_10__/* .runCheck */ .k_)({ workflows, manifest, ...(org ? { org } : {}) });
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

/***/ 64126:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y: () => (/* binding */ RULES)
});

// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(48276);
// EXTERNAL MODULE: ./shared/check/rule.ts
var check_rule = __webpack_require__(65347);
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
        const out = [];
        const jobs = ctx.jobs;
        for (let j = 0, nj = jobs.length; j < nj; j++) {
            const access = jobs[j];
            const entry = (0,check_rule/* manifestJob */.Vj)(ctx, access.workflow, access.job);
            const grantedMap = entry ? entry.permissions : ctx.manifest.manifest.defaults.permissions;
            // The scopes above the grant, before any text is built (most jobs have none: no list for them).
            let over;
            for (let i = 0; i < scopes/* SCOPE_NAMES */._W.length; i++) {
                const s = scopes/* SCOPE_NAMES */._W[i];
                const held = access.permissions[s];
                const grant = grantedMap[s] ?? 'none';
                // Equal levels first: most scopes of most jobs hold what they are granted (two calls saved).
                if (held !== grant && (0,scopes/* levelRank */.Le)(held) > (0,scopes/* levelRank */.Le)(grant))
                    (over ??= []).push(s);
            }
            if (over === undefined)
                continue;
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
            out.push((0,check_rule/* finding */.gk)(this.meta, {
                workflow: access.workflow,
                job: access.job,
                subject: over.join(', '),
                file: access.path,
                line: access.permissionsLine,
                message: `job '${access.job}'${(0,check_rule/* viaText */.yo)(access)} holds ${held}${why}, but ${grantText} ${grants}`,
            }));
        }
        return out;
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
            const declared = (0,check_rule/* manifestJob */.Vj)(ctx, access.workflow, access.job)?.secrets ?? [];
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

// EXTERNAL MODULE: ./shared/workflow/access.ts
var access = __webpack_require__(56518);
;// CONCATENATED MODULE: ./shared/check/rules/inherited-secrets.ts


const inheritedSecrets = {
    meta: {
        id: 'inherited-secrets',
        severity: 'error',
        title: 'Reusable workflow call passes every secret with `secrets: inherit`',
        summary: '`secrets: inherit` on a job whose manifest entry does not declare `inherit`.',
        help: `\`secrets: inherit\` hands every secret of the caller to the called workflow, including secrets added later.
A job of a local reusable workflow that passes them on with \`secrets: inherit\` to a workflow stepwarden cannot
read (another repository's, or this one's by full reference) needs \`inherit\` in its own entry too: the outer
caller's \`inherit\` covers the local workflow it calls, whose reads are judged by name, not a workflow beyond it.

**Fix:** pass only the secrets the callee needs (\`secrets: { NPM_TOKEN: \${{ secrets.NPM_TOKEN }} }\`), or declare
\`inherit\` under the job's \`secrets:\` in the manifest when that is a deliberate decision.`,
    },
    check(ctx) {
        const seen = new Set();
        return (ctx.jobs
            .filter((a) => a.secretsInherit)
            // A called job passing on to a local workflow passes only what its caller passed, and the
            // callee's reads are judged by name at its own entry (session 16). Onward to a workflow that
            // is not read here, nothing would judge them: the job's own entry must say `inherit`.
            .filter((a) => !a.via || !(0,access/* localWorkflowFile */.nk)(calleeOf(a) ?? ''))
            .filter((a) => !((0,check_rule/* manifestJob */.Vj)(ctx, a.workflow, a.job)?.secrets ?? []).includes('inherit'))
            // A called job reached from several callers is one finding.
            .filter((a) => {
            const key = `${a.workflow}\0${a.job}`;
            if (seen.has(key))
                return false;
            seen.add(key);
            return true;
        })
            .map((a) => (0,check_rule/* finding */.gk)(this.meta, {
            workflow: a.workflow,
            job: a.job,
            subject: 'inherit',
            file: a.path,
            line: a.secretsInherit.line,
            message: `job '${a.job}' ${a.via ? 'of a called workflow passes every secret it is given' : 'passes every secret'} to '${calleeOf(a) ?? 'the called workflow'}' with secrets: inherit, which its manifest entry does not declare`,
        })));
    },
};
const calleeOf = (a) => a.actions.find((x) => x.on === 'job')?.uses;

;// CONCATENATED MODULE: ./shared/check/rules/undeclared-environment.ts

const undeclaredEnvironment = {
    meta: {
        id: 'undeclared-environment',
        severity: 'error',
        title: 'Job deploys to an environment its manifest entry does not declare',
        summary: 'An `environment:` (string or `{ name: }` form) the job does not declare.',
        help: `Environments carry their own secrets and protection rules; a job that names one gains its secrets.

**Fix:** declare the environment under the job's \`environments:\` in \`.github/access-manifest.yml\`, or remove it. An
expression such as \`\${{ inputs.target }}\` must be declared exactly as written, which makes the choice visible. An
environment \`\${{ matrix.K }}\` whose strategy lists K's names literally is declared by those names (each of them), and so is a
reusable workflow's \`\${{ inputs.NAME }}\` by the string a local caller job's \`with:\` passes (or, when it passes nothing
for NAME, the input's string \`default:\`), for that caller's runs;
the expression as written declares it only for a job with no credential grants: the broker compares the OIDC token's
\`environment\` claim, which is the name, with the job's \`environments\`, and refuses the credentials of a run whose
name is not there.`,
    },
    check(ctx) {
        return ctx.jobs.flatMap((a) => {
            const entry = (0,check_rule/* manifestJob */.Vj)(ctx, a.workflow, a.job);
            const declared = entry?.environments ?? [];
            return a.environments.flatMap((e) => {
                const report = (message) => (0,check_rule/* finding */.gk)(this.meta, {
                    workflow: a.workflow,
                    job: a.job,
                    subject: e.value,
                    file: a.path,
                    line: e.line,
                    message,
                });
                // `${{ matrix.K }}` with literal names: the broker compares the token's `environment` (a
                // name, never the expression) with the declared ones, so the names are what declares it
                // (session 17). The expression as written still does for a job that asks for no credential.
                const names = e.value.includes('${{') ? a.environmentValues : undefined;
                if (!names) {
                    if ((0,check_rule/* includesCaseless */.zR)(declared, e.value))
                        return [];
                    return [
                        report(`job '${a.job}'${(0,check_rule/* viaText */.yo)(a)} uses environment '${e.value}', which its manifest entry does not declare`),
                    ];
                }
                const missing = [...new Set(names.map((n) => n.value))].filter((n) => !(0,check_rule/* includesCaseless */.zR)(declared, n));
                if (missing.length === 0)
                    return [];
                const credentials = (entry?.credentials.length ?? 0) > 0;
                if (!credentials && (0,check_rule/* includesCaseless */.zR)(declared, e.value))
                    return [];
                const all = [...new Set(names.map((n) => n.value))].join(', ');
                return [
                    report(`job '${a.job}'${(0,check_rule/* viaText */.yo)(a)} uses environment '${e.value}', which ${a.environmentBy === 'default' ? 'is, as that caller passes nothing for it, its input default' : a.environmentBy === 'caller' ? 'that caller passes as' : a.environmentBy === 'caller-matrix' ? "that caller's matrix passes as" : 'its matrix makes'} ${all}; its manifest entry does not declare ${missing.map((n) => `'${n}'`).join(', ')}${credentials
                        ? ": the broker compares the token's environment claim (the name, never the expression) with the declared environments and refuses the credentials of those runs"
                        : ''}. Fix: list ${missing.join(', ')} under the job's environments`),
                ];
            });
        });
    },
};

// EXTERNAL MODULE: ./shared/check/rules/disallowed-trigger.ts
var disallowed_trigger = __webpack_require__(15104);
// EXTERNAL MODULE: ./shared/check/rules/unpinned-action.ts
var unpinned_action = __webpack_require__(57351);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(13966);
;// CONCATENATED MODULE: ./shared/check/rules/disallowed-action.ts


const disallowedAction = {
    meta: {
        id: 'disallowed-action',
        severity: 'error',
        title: 'Action outside the allowed-actions list',
        summary: 'A `uses:` reference outside `allowed-actions` (of the manifest policy and/or the organization policy), when set.',
        help: `Each third-party action runs with the job's token and secrets. An allow-list keeps that set to vetted publishers.
When both the manifest and the organization list actions, a reference must match both.

A \`docker://\` image runs code like an action: once a list is set, it needs a \`docker://\` pattern of that list
(\`docker://ghcr.io/my-org/*\`), matched without its tag or digest; an \`owner/repo\` glob never admits an image.
The image of a local Docker action (\`image: docker://IMAGE\` in the \`action.yml\` of a \`uses: ./path\`) is held to
the list as that step's own \`uses:\`, and the finding names the action file's line.

**Fix:** replace the action with an allowed one, or add an \`owner/repo\` glob (or a \`docker://\` image glob) to
\`policy.allowed-actions\` (within what the organization allows).`,
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
            message: `'${a.uses}'${(0,check_rule/* viaAction */.Zi)(a)} is not in allowed-actions (${ctx.policy.allowedActions.map((l) => l.join(', ')).join(' and ')})`,
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
        summary: 'Once per repository: every job or credential grant with `contents: write` or `workflows: write` on its own repository, which can rewrite the manifest or the workflows that decide its access, every credential with `administration` or `repository-custom-properties` write on it, and every credential with an organization permission that changes who may do what (`organization-administration`, `members`, `organization-custom-roles`, `organization-custom-org-roles`, `organization-custom-properties`, `organization-personal-access-token-requests`), which can remove or get around the protection that guards them.',
        help: `A token that can write \`.github/access-manifest.yml\` or \`.github/workflows/\` on the default branch can widen its own
access: the privilege-escalation pattern reported against octo-sts (octo-sts/app#887), where a trust policy in the
repository was writable by the identity it trusted. A credential with \`administration: write\` on the repository can
delete or relax the branch protection and rulesets below, and so reaches the same end in two steps; so can one with
\`repository-custom-properties: write\` (an organization ruleset picks repositories by their properties), and, whatever
its \`repositories:\`, one with an organization permission that changes who may do what: \`organization-administration\`
(organization rulesets, the members' base permission), \`members\` (who is in the team that holds a role here or owns
\`.github/\` as code owner), \`organization-custom-roles\` and \`organization-custom-org-roles\` (what a role lets its
holders do, bypass included), \`organization-custom-properties\`, \`organization-personal-access-token-requests\`
(approving a personal access token's access).

**What protects against it:** branch protection or a ruleset on the default branch (required pull request reviews, no
direct pushes, no bypass for apps) and CODEOWNERS on \`.github/\` with required code-owner review. With those in place this
warning is informational; without them, narrow the grant (e.g. \`contents: read\`, or a separate repository for releases).`,
    },
    check(ctx) {
        const m = ctx.manifest;
        const own = ownRepositoryNames(m.manifest.repository?.name);
        // Every grant that can write its own repository; reported once, since the remedy (protection of
        // the default branch and of .github/) is one setting of the repository, not one per job.
        // Paths, not lines: a line costs a walk of the manifest, and only the first ten are shown. A hit
        // holds what names it; its words and path are made for those shown only (an `init`-written
        // manifest of a large repository grants `contents: write` to thousands of jobs).
        const hits = [];
        if (m.manifest.defaults.permissions.contents === 'write')
            hits.push({ workflow: null, job: null });
        const wfKeys = Object.keys(m.manifest.workflows);
        for (let wfI = 0; wfI < wfKeys.length; wfI++) {
            const wf = wfKeys[wfI];
            const entry = m.manifest.workflows[wf];
            const jobKeys = Object.keys(entry.jobs);
            for (let jobI = 0; jobI < jobKeys.length; jobI++) {
                const job = jobKeys[jobI];
                const j = entry.jobs[job];
                if (j.permissions.contents === 'write')
                    hits.push({ workflow: wf, job });
                const credentials = j.credentials;
                for (let i = 0; i < credentials.length; i++) {
                    const g = credentials[i];
                    if (!(0,schema/* isGithubGrant */.Ed)(g))
                        continue;
                    const onOwn = g.repositories.some((r) => own.has(r.toLowerCase()));
                    const perms = [...(onOwn ? SELF_ESCALATING : []), ...OWNER_WIDE].filter((p) => WRITING.has(g.permissions[p] ?? 'none'));
                    if (perms.length)
                        hits.push({ workflow: wf, job, grant: { g, i, perms } });
                }
            }
        }
        if (hits.length === 0)
            return [];
        const shown = hits.slice(0, LISTED).map((h) => `${what(h)} at line ${m.lineOf(path(h))}`);
        const more = hits.length > LISTED ? ` and ${hits.length - LISTED} more` : '';
        // A single grant names its job (the enforce gate shows it to that job); several are repository-wide.
        const one = hits.every((h) => h.workflow === hits[0].workflow && h.job === hits[0].job);
        const finding_ = (0,check_rule/* finding */.gk)(this.meta, {
            workflow: one ? hits[0].workflow : null,
            job: one ? hits[0].job : null,
            subject: 'repository',
            file: m.file,
            line: m.lineOf(path(hits[0])),
            message: `${hits.length} grant${hits.length === 1 ? '' : 's'} can rewrite the access manifest or the workflows on ${hits.length === 1 ? 'its' : 'their'} own repository: ${shown.join('; ')}${more}; ${PROTECTION}`,
        });
        return [finding_];
    },
};
/** How the finding names a hit. */
function what(h) {
    if (h.workflow === null)
        return '`defaults` (contents: write, every job not listed)';
    if (!h.grant)
        return `${h.workflow} job '${h.job}' (contents: write)`;
    const { g, perms } = h.grant;
    const levels = perms.map((p) => `${p}: ${g.permissions[p]}`);
    return `${h.workflow} job '${h.job}' credential for step '${g.step}' (${levels.join(', ')})`;
}
/** The manifest key path of a hit, for its line. */
function path(h) {
    if (h.workflow === null)
        return ['defaults', 'permissions', 'contents'];
    if (!h.grant)
        return ['workflows', h.workflow, 'jobs', h.job, 'permissions', 'contents'];
    return [
        'workflows',
        h.workflow,
        'jobs',
        h.job,
        'credentials',
        h.grant.i,
        'permissions',
        h.grant.perms[0],
    ];
}
/**
 * Credential permissions that, written on the own repository, reach its access decision: `contents` and
 * `workflows` rewrite the manifest and workflows; `administration` edits branch protection and rulesets,
 * the one safeguard this rule's warning relies on (found by the broker review, session 24). A job's
 * GITHUB_TOKEN has no `administration` scope, so the job check stays `contents` alone.
 */
const SELF_ESCALATING = ['contents', 'workflows', 'administration', 'repository-custom-properties'];
/**
 * Organization permissions that change who may do what in the owner's repositories, this one
 * included, whatever the grant's `repositories:` lists (an installation token's organization
 * permissions act on its owner): `organization-administration` (organization settings such as the
 * members' base repository permission, and organization rulesets), `members` (team membership, and
 * so who holds a team's role on this repository or is its code owner), `organization-custom-roles`
 * and `organization-custom-org-roles` (what a role lets its holders do, bypasses included),
 * `organization-custom-properties` (the properties organization rulesets pick repositories by, as
 * `repository-custom-properties` above for this repository) and
 * `organization-personal-access-token-requests` (approving a token's access). Session 24 left them
 * out because the organization policy lists the repositories that may hold them; that list says who
 * may hold one, not that holding one cannot undo the protection this warning relies on (session 25).
 */
const OWNER_WIDE = [
    'organization-administration',
    'members',
    'organization-custom-roles',
    'organization-custom-org-roles',
    'organization-custom-properties',
    'organization-personal-access-token-requests',
];
/** Levels that change settings (`organization-custom-properties` has `admin` above `write`). */
const WRITING = new Set(['write', 'admin']);
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
var unused_grant = __webpack_require__(33248);
// EXTERNAL MODULE: ./shared/workflow/uses.ts
var uses = __webpack_require__(68632);
;// CONCATENATED MODULE: ./shared/check/rules/invalid-workflow.ts



const invalidWorkflow = {
    meta: {
        id: 'invalid-workflow',
        severity: 'error',
        title: 'Workflow file cannot be read or parsed',
        summary: 'A workflow file that cannot be read or parsed as a workflow (YAML syntax, no `on:` or `jobs:`).',
        help: `A file stepwarden cannot read cannot be judged, so it fails the check rather than passing unseen. The other workflow
files are still checked. A file GitHub refuses is reported too, at the line GitHub's reader names: among others a job
id GitHub does not take (ASCII letters, digits, \`_\` and \`-\`, a letter or \`_\` first, fewer than 100 characters, not
\`__\` first: \`1_000\`, \`a.b\`, \`x y\` are refused; @actions/workflow-parser \`IdBuilder.tryAddKnownId\`), since such a
workflow never runs and a manifest cannot grant its jobs; and a step \`id:\` GitHub does not take (the same rule, not
empty, and once per job ignoring case: \`build\` then \`Build\` is refused, as GitHub's C# \`IdBuilder\` compares them).

A job calling a local reusable workflow GitHub cannot call is reported at the caller's \`uses:\` line (session 35): a file
that is not in \`.github/workflows\` (GitHub: "failed to fetch workflow: workflow was not found"), a path that is no
workflow file directly in that directory (GitHub reads no subdirectory), or a file without an \`on: workflow_call\`
trigger (GitHub: "workflow is not reusable as it is missing a \`on.workflow_call\` trigger"). GitHub refuses the caller's
whole file ("error parsing called workflow"), so none of its jobs run: the check does not pass a workflow that never runs.
A callee this reader refuses is reported as that file's own finding.

**Fix:** correct the YAML at the line shown (\`actionlint\` gives detailed syntax help).`,
    },
    check(ctx) {
        const out = [];
        // Indexed loops: the CLI runs with --no-opt, where a for-of is an iterator call per element.
        const workflows = ctx.workflows;
        // Built at the first local call only: nearly every repository has none.
        let byFile;
        const named = (file) => (byFile ??= new Map(workflows.map((m) => [m.file, m]))).get(file);
        for (let w = 0, nw = workflows.length; w < nw; w++) {
            const wf = workflows[w];
            if (wf.error)
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: wf.file,
                    job: null,
                    subject: wf.file,
                    file: wf.path,
                    line: wf.error.line,
                    message: `'${wf.file}' cannot be checked: ${wf.error.message}`,
                }));
            else
                uncallable(this.meta, wf, named, out);
        }
        return out;
    },
};
/**
 * Local calls GitHub refuses (session 35): it names only `./.github/workflows/FILE.yml` (case as held),
 * and only a file with an `on: workflow_call` trigger. A full reference to this repository names a
 * ref, whose files are not these: left to GitHub. The gate reads only the files a run reaches (a
 * missing callee is an error model there) and gives every callee `workflow_call`, so this says nothing
 * more there.
 */
function uncallable(meta, w, named, out) {
    const jobs = w.jobs;
    for (let j = 0, nj = jobs.length; j < nj; j++) {
        const job = jobs[j];
        const call = job.uses;
        if (!call || (0,uses/* localUses */.ms)(call.uses) === undefined)
            continue;
        const file = (0,access/* localWorkflowFile */.nk)(call.uses);
        const callee = file === undefined ? undefined : named(file);
        if (callee?.error)
            continue;
        const why = file === undefined
            ? 'which is no workflow file directly in .github/workflows (GitHub calls no other path: failed to fetch workflow)'
            : !callee
                ? `which is not in .github/workflows (GitHub: failed to fetch workflow: workflow was not found)`
                : callee.triggers.some((t) => t.value === 'workflow_call')
                    ? undefined
                    : 'which has no `on: workflow_call` trigger (GitHub: workflow is not reusable as it is missing a `on.workflow_call` trigger)';
        if (why)
            out.push((0,check_rule/* finding */.gk)(meta, {
                workflow: w.file,
                job: job.id,
                subject: call.uses,
                file: w.path,
                line: call.line,
                message: `'${w.file}' never runs: job '${job.id}' calls '${call.uses}', ${why}, and GitHub refuses the whole file ("error parsing called workflow"). Fix: call a file of .github/workflows that has \`on: workflow_call\`, in the case the repository holds it`,
            }));
    }
}

// EXTERNAL MODULE: ./shared/manifest/errors.ts
var errors = __webpack_require__(66831);
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

// EXTERNAL MODULE: ./shared/check/rules/missing-enforce.ts
var missing_enforce = __webpack_require__(42958);
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
        const overreach = ctx.overreach ??
            (0,access/* resolveAccessDetailed */.dK)(ctx.workflows, ctx.policy.repositoryDefault, {
                self: ctx.manifest.manifest.repository?.name,
            }).overreach;
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
var glob = __webpack_require__(56863);
// EXTERNAL MODULE: ./shared/conditions/ref.ts
var ref = __webpack_require__(39568);
;// CONCATENATED MODULE: ./shared/conditions/grants.ts
/**
 * Computed once per manifest object: four rules of one check ask for it, and the walk over every job
 * of a large manifest (2,870 on the bench corpus) is the same each time. A manifest is not changed
 * after it is loaded, and the list is frozen so that no caller can change another's.
 */
const GRANTS = new WeakMap();
function credentialGrantPaths(m) {
    let out = GRANTS.get(m);
    if (!out)
        GRANTS.set(m, (out = Object.freeze(grantPaths(m))));
    return out;
}
function grantPaths(m) {
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




/** Where a merge group runs: `refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>`, never the default branch. */
const QUEUE_PREFIX = 'refs/heads/gh-readonly-queue/';
/**
 * Whether a `refs/heads/\u2026` pattern may match a merge queue ref: not when it holds no glob character
 * and names another branch, nor when the text before its first glob character leaves the queue's
 * prefix; otherwise it may (a `*` never crosses `/`, but that is not relied on here).
 */
function mayMatchQueue(p) {
    const glob = p.search(/[*?[\\]/);
    const lead = glob < 0 ? p : p.slice(0, glob);
    return glob < 0
        ? lead.startsWith(QUEUE_PREFIX)
        : lead.startsWith(QUEUE_PREFIX) || QUEUE_PREFIX.startsWith(lead);
}
function refKinds(event) {
    // A merge group runs at its queue ref (GITHUB_REF "Ref of the merge group"), a branch no pattern of
    // another branch, the default one included, matches (session 33).
    if (event === 'merge_group')
        return ['queue'];
    // A review and a review comment run at the pull request's merge ref, as pull_request does (session 20:
    // read as a branch, a default-branch grant passed here and was refused on every run).
    if (event === 'pull_request' || event === 'pull_request_review' || event === 'pull_request_review_comment')
        return ['pull'];
    if (event === 'release')
        return ['tag'];
    // A deployment (and its statuses) runs at the branch or tag deployed, a package at its branch or tag
    // (session 20: a tag grant on a deployment was reported unreachable, and the broker grants it).
    if (event === 'push' ||
        event === 'create' ||
        event === 'delete' ||
        event === 'workflow_dispatch' ||
        event === 'deployment' ||
        event === 'deployment_status' ||
        event === 'registry_package')
        return ['branch', 'tag'];
    // schedule, issues, pull_request_target, workflow_run \u2026: a branch.
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
        summary: 'A `when` (or a default: the default branch, no events from outside the repository) that no run of the workflow can satisfy: its `event` matches none of the triggers, its `ref` patterns match no ref the triggers produce (e.g. a pull_request-only workflow and the default branch), or the workflow runs only on events from outside the repository (pull_request_target, issue_comment, workflow_run \u2026) and no `when.event` names them.',
        help: `The broker evaluates every condition of a grant against the OIDC token of the run. A grant whose conditions cannot
hold for any trigger of its workflow is never issued: the step fails at run time instead of in review.
A reusable workflow runs with the event and ref of the workflow that calls it (the outermost one of a chain): its
grants are judged against each caller's triggers, and reported only when no caller's run (nor a trigger of its own)
can satisfy them.
Events GitHub always runs at the default branch (\`schedule\`, \`repository_dispatch\`, \`workflow_run\`, \`issues\`,
\`issue_comment\`, \u2026) carry \`refs/heads/<default branch>\`: when the manifest names the branch
(\`repository.default-branch\`), a \`when.ref\` that cannot match it is reported for a workflow running only on them
(without the name the check does not guess it). A \`merge_group\` run carries its queue ref,
\`refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>\`, never the default branch: a workflow running only on it needs a
\`when.ref\` over those refs (\`refs/heads/gh-readonly-queue/*/*\`).

**Fix:** align \`when.event\` / \`when.ref\` with the workflow's \`on:\` (a grant without \`when.ref\` is claimable only from the
default branch; \`pull_request\` runs carry \`refs/pull/N/merge\`; a grant without \`when.event\` is not claimable on events
triggered from outside the repository, such as \`pull_request_target\`, \`issue_comment\` and \`workflow_run\`), or remove the grant.`,
    },
    check(ctx) {
        const out = [];
        const m = ctx.manifest;
        const models = new Map(ctx.workflows.map((w) => [w.file, w]));
        // Named by the manifest only: the check does not otherwise know the default branch's name.
        const defaultBranch = m.manifest.repository?.['default-branch'];
        for (const g of credentialGrantPaths(m.manifest)) {
            const model = models.get(g.workflow);
            if (!model || model.error)
                continue;
            const whens = [];
            if (g.jobWhen)
                whens.push({ when: g.jobWhen, path: [...g.jobPath, 'when'] });
            if (g.grant.when)
                whens.push({ when: g.grant.when, path: [...g.path, 'when'] });
            // Where runs of the grant's job come from: the workflow's own triggers, and for a reusable
            // workflow each outermost caller's (it runs with that workflow's event and ref; session 19:
            // skipped before, so a callee of an issue_comment-only caller passed).
            const sources = [];
            const own = [...new Set(model.triggers.map((t) => t.value))].filter((t) => t !== 'workflow_call');
            if (own.length)
                sources.push({ triggers: own, push: model.pushFilters, from: '' });
            if (model.triggers.some((t) => t.value === 'workflow_call')) {
                const seen = new Set();
                for (const a of ctx.jobs) {
                    if (a.workflow !== g.workflow || a.job !== g.job)
                        continue;
                    const top = a.callers?.[0] ?? a.via;
                    const caller = top ? models.get(top.workflow) : undefined;
                    if (!top || !caller || caller.error || seen.has(top.workflow))
                        continue;
                    seen.add(top.workflow);
                    const triggers = [...new Set(caller.triggers.map((t) => t.value))].filter((t) => t !== 'workflow_call');
                    if (triggers.length)
                        sources.push({ triggers, push: caller.pushFilters, from: `, called from ${top.workflow},` });
                }
            }
            // Nothing to judge (no triggers, or a callee nobody here calls); reachable from one source is reachable.
            if (sources.length === 0)
                continue;
            // Each trigger on its own: two triggers each refused for its own reason (tags only beside
            // issue_comment) leave no run, though the set as a whole passes each test (session 19).
            const perTrigger = sources.flatMap((src) => src.triggers.map((t) => ({
                t,
                src,
                problems: unreachable(g, whens, { ...src, triggers: [t] }, defaultBranch),
            })));
            if (perTrigger.some((x) => x.problems.length === 0))
                continue;
            const whole = unreachable(g, whens, sources[0], defaultBranch);
            const problems = whole.length
                ? whole
                : [
                    {
                        subject: 'event',
                        path: g.path,
                        message: `credential for step '${g.grant.step}' can never be claimed: each trigger is refused for its own reason: ${perTrigger
                            .map((x) => `on ${x.t}${x.src.from ? ` (${x.src.from.replace(/^, | ,$|,$/g, '')})` : ''}: it ${reason(x.problems[0].message)}`)
                            .join('; ')}. Fix: make the conditions hold for one trigger, or change the triggers`,
                    },
                ];
            for (const p of problems)
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: g.workflow,
                    job: g.job,
                    subject: p.subject,
                    file: m.file,
                    line: m.lineOf(p.path),
                    message: p.message,
                }));
        }
        return out;
    },
};
/** A problem's message as one reason among several: no subject, verdict or fix. */
const reason = (message) => message
    .replace(/ Fix: .*$/, '')
    .replace(/: it can never be claimed\.?$/, '')
    .replace(/\.$/, '')
    .replace(/^credential for step '[^']*' /, '');
/** Why no run of `src` can satisfy the grant's conditions (none: some run can). */
function unreachable(g, whens, src, defaultBranch) {
    const out = [];
    const runsOn = `${g.workflow}${src.from} runs`;
    let triggers = [...src.triggers];
    for (const w of whens) {
        if (!w.when.event)
            continue;
        const narrowed = triggers.filter((t) => (0,glob/* matchesAny */._I)(t, w.when.event));
        if (narrowed.length === 0)
            out.push({
                subject: 'event',
                path: [...w.path, 'event'],
                message: `credential for step '${g.grant.step}' requires event ${w.when.event.join(', ')}, but ${runsOn} on ${triggers.join(', ')}: it can never be claimed. Fix: list one of the workflow's triggers in when.event`,
            });
        triggers = narrowed;
    }
    if (out.length)
        return out;
    // The broker's default (shared/conditions/evaluate.ts): an event people outside the repository
    // trigger claims a grant only when a `when.event` names it (session 17).
    if (!whens.some((w) => w.when.event) && triggers.every((t) => ref/* OUTSIDE_EVENTS */._g.includes(t)))
        return [
            {
                subject: 'event',
                path: g.path,
                message: `credential for step '${g.grant.step}' has no when.event, so the broker refuses it on events triggered from outside the repository (a fork's pull request, a comment, a later workflow run), and ${runsOn} only on ${triggers.join(', ')}: it can never be claimed. Fix: name the event in the grant's (or job's) when.event once the step is safe on input from outside, or run the step on another trigger`,
            },
        ];
    const push = src.push;
    const kinds = new Set(triggers.flatMap((t) => t === 'push' && push && (push.tags || push.branches)
        ? // `push: { tags: \u2026 }` alone runs on tags only, `branches:` alone on branches only.
            [...(push.tags ? ['tag'] : []), ...(push.branches ? ['branch'] : [])]
        : refKinds(t)));
    const refs = whens.flatMap((w) => (w.when.ref ? [{ patterns: w.when.ref, path: [...w.path, 'ref'] }] : []));
    const checks = refs.length ? refs : [{ patterns: ['refs/heads/<default branch>'], path: g.path }];
    for (const r of checks) {
        const reaches = (p) => {
            const k = patternKind(p);
            return k === undefined || kinds.has(k) || (k === 'branch' && kinds.has('queue') && mayMatchQueue(p));
        };
        if (r.patterns.some(reaches))
            continue;
        out.push({
            subject: 'ref',
            path: r.path,
            message: `credential for step '${g.grant.step}' is claimable only from ${r.patterns.join(', ')}${refs.length ? '' : ' (no when.ref)'}, but ${runsOn} only on ${triggers.join(', ')}, whose refs are ${[...kinds].map((k) => (k === 'pull' ? 'refs/pull/N/merge' : k === 'tag' ? 'tags' : k === 'queue' ? `merge queue refs (${QUEUE_PREFIX}<base>/pr-<N>-<sha>)` : 'branches')).join(', ')}. Fix: set when.ref to refs the triggers produce, or change the workflow's triggers`,
        });
    }
    if (out.length)
        return out;
    // Events that always run at the default branch (schedule, issue_comment, workflow_run \u2026): with its
    // name in the manifest, a `when.ref` that cannot match it is refused on every such run (session 21;
    // the broker matches the token's ref, `refs/heads/<default branch>`, against the patterns).
    if (defaultBranch !== undefined && triggers.every((t) => ref/* DEFAULT_BRANCH_EVENTS */.pG.includes(t))) {
        const ref = `refs/heads/${defaultBranch}`;
        for (const r of refs) {
            if ((0,glob/* matchesAny */._I)(ref, r.patterns))
                continue;
            out.push({
                subject: 'ref',
                path: r.path,
                message: `credential for step '${g.grant.step}' is claimable only from ${r.patterns.join(', ')}, but ${runsOn} only on ${triggers.join(', ')}, which run at the default branch (${ref}, repository.default-branch): it can never be claimed. Fix: add ${ref} to when.ref, or run the step on a trigger that runs at the refs named`,
            });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./shared/check/rules/unused-condition-environment.ts



const unusedConditionEnvironment = {
    meta: {
        id: 'unused-condition-environment',
        severity: 'error',
        title: 'A credential grant requires an environment its job never uses',
        summary: "A `when.environment` (on the grant or its job) that matches none of the job's `environment:` values, or a job whose manifest `environments` list is not empty while the job uses no environment: the token never carries one, so the grant is never issued.",
        help: `The OIDC token's \`environment\` claim is set only for a job that names an environment. A grant bound to \`production\`
in a job without \`environment: production\` is never issued, and the environment's protection rules (reviewers, branch
policies) are not what gates it.

**Fix:** add \`environment: <name>\` to the job in the workflow (and to its manifest \`environments\`), or correct the condition.`,
    },
    check(ctx) {
        const out = [];
        const m = ctx.manifest;
        const unboundJobs = new Set();
        for (const g of credentialGrantPaths(m.manifest)) {
            const accesses = ctx.jobs.filter((a) => a.workflow === g.workflow && a.job === g.job);
            if (accesses.length === 0)
                continue;
            // An expression (`${{ inputs.env }}`) could be anything: only literal names are judged, and
            // the names a `${{ matrix.K }}` environment takes when the strategy lists them (session 17).
            const used = accesses.flatMap((a) => a.environments.flatMap((e) => e.value.includes('${{') && a.environmentValues
                ? a.environmentValues.map((v) => v.value)
                : [e.value]));
            if (used.some((e) => e.includes('${{')))
                continue;
            // The job's `environments` list binds its grants: a run that names no environment is refused.
            if (used.length === 0 && g.jobEnvironments.length > 0) {
                // Once per job: every grant of it is refused alike.
                const key = `${g.workflow}\0${g.job}`;
                if (unboundJobs.has(key))
                    continue;
                unboundJobs.add(key);
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: g.workflow,
                    job: g.job,
                    subject: g.jobEnvironments.join(', '),
                    file: m.file,
                    line: m.lineOf([...g.jobPath, 'environments']),
                    message: `job '${g.job}' lists environments ${g.jobEnvironments.join(', ')} in the manifest, but the job of ${g.workflow} uses no environment, so the broker refuses its credential grants on every run (ERR_CLAIM_MISSING, condition environments). Fix: add \`environment: ${g.jobEnvironments[0]}\` to the job, or remove the job's environments`,
                }));
                continue;
            }
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
var narrow = __webpack_require__(84746);
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
                // The manifest's own `repository.id`: what the broker compares with the token's repository_id.
                repositoryId: m.manifest.repository?.id === undefined ? undefined : String(m.manifest.repository.id),
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
var credential_step = __webpack_require__(74939);
// EXTERNAL MODULE: ./shared/broker/decide.ts + 1 modules
var decide = __webpack_require__(56442);
// EXTERNAL MODULE: ./shared/broker/errors.ts
var broker_errors = __webpack_require__(5031);
// EXTERNAL MODULE: ./shared/workflow/own-action.ts
var own_action = __webpack_require__(28817);
;// CONCATENATED MODULE: ./shared/check/rules/caller-job-verification.ts
/**
 * A reusable workflow's credential step that the broker grants only once it has verified the calling
 * job: `callers: [FILE/JOB]` and a caller job's `calls:` match a verified job only. credential-step
 * judges such a step with the job as the caller's `uses:` names it (session 17); whether the broker
 * can verify it is its deployment's (a token with check_run_id, a GitHub App with `actions: read`),
 * which the check cannot see, so it is said here, as a warning, rather than assumed (session 19).
 */





/** What the broker knows of the calling job when it cannot read the Jobs API. */
const UNVERIFIED = { unverified: 'the token has no check_run_id, or no GitHub App with actions: read' };
const callerJobVerification = {
    meta: {
        id: 'caller-job-verification',
        severity: 'warning',
        title: 'Credential step admitted only through a verified caller job',
        summary: "A reusable workflow's credential step whose caller is admitted only by `callers: [FILE/JOB]` or the caller job's `calls:`, which the broker matches only after verifying the calling job (the token's `check_run_id`, read with `actions: read`).",
        help: `The broker resolves a reusable workflow's grants from the run's caller (\`workflow_ref\`). A bare \`callers: [ci.yml]\`
admits every job of \`ci.yml\`; \`callers: [ci.yml/build]\` and a caller job's \`calls:\` admit one job, and the broker
knows which job calls only by verifying the job that asks: it reads the token's \`check_run_id\` through GitHub's Jobs
API with its GitHub App, which needs \`actions: read\` (and \`contents: read\`, to read the caller file) on the
repository. A token without \`check_run_id\` (GitHub Enterprise Server releases that do not issue it, or another
issuer) or an App without that permission leaves the job unverified, and every run is refused with
\`ERR_CALLER_NOT_ALLOWED\`. \`credential-step\` judges the step as if the job were verified; this warning says that
it depends on it. It is a warning because the check cannot see the broker's deployment.

**Fix:** give the broker's GitHub App \`actions: read\` and \`contents: read\` on the repository and run on an issuer
whose tokens carry \`check_run_id\` (github.com does); or, when every job of the caller may claim the grants, list
the bare file in the callee's \`callers:\`.

\`\`\`yaml
    deploy.yml:
      callers: [ci.yml/build]   # needs the broker to verify the job; [ci.yml] admits every job of ci.yml
\`\`\``,
    },
    check(ctx) {
        const out = [];
        let bound;
        let byJob;
        // Every step of every job, by index: no iterator per workflow, job and step (session 27).
        const workflows = ctx.workflows;
        for (let w = 0, nw = workflows.length; w < nw; w++) {
            const wf = workflows[w];
            const jobs = wf.jobs;
            for (let j = 0, nj = jobs.length; j < nj; j++) {
                const job = jobs[j];
                const steps = job.steps;
                for (let s = 0, ns = steps.length; s < ns; s++) {
                    const step = steps[s];
                    if (!step.uses || !(0,own_action/* credentialAction */.IE)(step.uses))
                        continue;
                    const request = (0,credential_step/* literalRequest */.Zw)(job, step);
                    if (!request)
                        continue;
                    bound ??= (0,credential_step/* staticManifest */.k4)(ctx.manifest, ctx.org);
                    byJob ??= (0,credential_step/* accessesByJob */.de)(ctx.jobs);
                    const told = new Set();
                    for (const a of byJob.get(wf.file)?.get(job.id) ?? []) {
                        // The run's caller is the outermost workflow of the chain (as credential-step).
                        const top = a.callers?.[0] ?? a.via;
                        if (!top)
                            continue;
                        const events = a.triggers.map((t) => t.value).filter((e) => e !== 'workflow_call');
                        const attempt = (callerJob, event) => {
                            try {
                                return (0,decide/* decide */.LD)({
                                    claims: (0,credential_step/* claimsFor */.LQ)(bound, wf.file, top.workflow, event),
                                    defaultBranch: credential_step/* DEFAULT_BRANCH */.nU,
                                    request,
                                    manifest: bound.loaded,
                                    callerJob,
                                    ...(bound.org ? { org: bound.org } : {}),
                                });
                            }
                            catch (err) {
                                if (!(err instanceof broker_errors/* BrokerRefusal */.E))
                                    throw err;
                                return err;
                            }
                        };
                        for (const event of events.length ? events : ['']) {
                            const verified = attempt({ job: top.job }, event);
                            if (verified instanceof broker_errors/* BrokerRefusal */.E)
                                continue;
                            const unverified = attempt(UNVERIFIED, event);
                            if (!(unverified instanceof broker_errors/* BrokerRefusal */.E) || unverified.code !== 'ERR_CALLER_NOT_ALLOWED')
                                break;
                            const key = `${top.workflow}\0${top.job}`;
                            if (told.has(key))
                                break;
                            told.add(key);
                            const by = verified.workflowRefs?.allowedBy;
                            out.push((0,check_rule/* finding */.gk)(this.meta, {
                                workflow: wf.file,
                                job: job.id,
                                subject: request.step,
                                file: wf.path,
                                line: step.line,
                                message: `step '${request.step}' of job '${job.id}', called from ${top.workflow} job '${top.job}', is admitted only through a job-bound entry (callers: FILE/JOB or the caller job's calls:${by ? `, ${by}` : ''}), which the broker matches only after verifying the calling job; without check_run_id in the job's OIDC token, or without actions: read (and contents: read) for the broker's GitHub App on the repository, every run is refused (ERR_CALLER_NOT_ALLOWED). Fix: grant the App those permissions, or list the bare '${top.workflow}' in ${wf.file}'s callers: to admit every job of it`,
                            }));
                            break;
                        }
                    }
                }
            }
        }
        return out;
    },
};

// EXTERNAL MODULE: ./shared/manifest/own.ts
var own = __webpack_require__(67894);
;// CONCATENATED MODULE: ./shared/check/rules/unused-call.ts



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
            // The calls the access resolver follows (`./.github/workflows/FILE` in any local spelling).
            const local = (0,access/* localWorkflowFile */.nk)(j.uses.uses);
            if (local)
                queue.push(local);
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
        const wfKeys = Object.keys(m.manifest.workflows);
        for (let wfI = 0; wfI < wfKeys.length; wfI++) {
            const wf = wfKeys[wfI];
            const entry = m.manifest.workflows[wf];
            const model = models.get(wf);
            if (!model || model.error)
                continue;
            const jobKeys = Object.keys(entry.jobs);
            for (let jobI = 0; jobI < jobKeys.length; jobI++) {
                const job = jobKeys[jobI];
                const j = entry.jobs[job];
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
                    const local = uses ? (0,access/* localWorkflowFile */.nk)(uses) : undefined;
                    const called = !uses ? false : local ? reaches(local, callee, models) : undefined;
                    if (called === false)
                        report(callee, [...base, callee], `job '${job}' of ${wf} lists calls: ${callee}, but ${uses ? `it calls ${uses}, which never reaches ${callee}` : 'it calls no reusable workflow (no jobs.<id>.uses)'}: the entry admits nothing. Fix: name the workflow the job calls, or remove the entry`);
                    if (calleeModel.error)
                        continue;
                    const calleeEntry = (0,own/* own */.Z)(m.manifest.workflows, callee);
                    for (const [i, target] of targets.entries()) {
                        const [calleeJob, step] = target.split('/');
                        if (!calleeModel.jobs.some((x) => x.id === calleeJob)) {
                            report(`${callee}:${target}`, [...base, callee, i], `calls: ${callee}: ${target} names job '${calleeJob}', which ${callee} does not have (its jobs: ${calleeModel.jobs.map((x) => x.id).join(', ') || 'none'}). Fix: name one of its jobs, or remove the entry`);
                            continue;
                        }
                        if (step === undefined)
                            continue;
                        const grants = (0,own/* own */.Z)(calleeEntry?.jobs, calleeJob)?.credentials ?? [];
                        if (!grants.some((g) => g.step === step))
                            report(`${callee}:${target}`, [...base, callee, i], `calls: ${callee}: ${target} names step '${step}', but the manifest gives job '${calleeJob}' of ${callee} ${grants.length ? `credentials only for ${grants.map((g) => g.step).join(', ')}` : 'no credentials'}. Fix: name a step with a credential grant, or JOB alone for all of them`);
                    }
                }
            }
        }
        return out;
    },
};

// EXTERNAL MODULE: ./shared/workflow/job-names.ts
var job_names = __webpack_require__(91348);
;// CONCATENATED MODULE: ./shared/check/rules/job-name-collision.ts



const jobNameCollision = {
    meta: {
        id: 'job-name-collision',
        severity: 'error',
        title: 'Job can be shown as another job that has credential grants, or under a cut name',
        summary: "A job whose name as GitHub shows it (its `name:` with expressions evaluated, else its id) can be another job's id or fit that job's `name:`, in a workflow where that other job has credential grants: the broker verifies a job by that name, so the first job's steps can claim the other's grants. A job with grants whose name GitHub always cuts (over 100 characters) is refused by the broker.",
        help: `The broker learns which job asks for a credential from the Jobs API: the job of the token's
\`check_run_id\` and its name as GitHub shows it. A job of the workflow the run started is job J when that name is J's id,
or fits J's \`name:\` (each \`\${{ }}\` as any text without \`/\`), with an optional matrix suffix \` (\u2026)\`. So a job
\`build\` with \`name: publish\`, or with a \`name:\` made only of expressions (\`\${{ inputs.label }}\`, which can
evaluate to \`publish\`), or a job \`prod-deploy\` beside a job \`name: \${{ matrix.env }}-deploy\`, is verified as the
other job, and its steps can claim that job's credential grants (with their own, weaker, conditions: no environment
approval, untrusted steps). The check reports each such pair where the other job has grants in the manifest;
the access diff shows a name change that makes a job shown as another as widened.

GitHub shows at most 100 characters of a job's name: a longer one is shown as its first 97 and \`...\`. What was
cut is unknown, so the broker refuses a shown name that looks cut (\`ERR_JOB_IDENTITY_AMBIGUOUS\`): it could be
another job's long name. The check reports a job with credential grants whose name (its \`name:\` with every
expression empty, else its id) is over 100 characters or ends in \`...\` at 97 or more: every exchange of its
steps would be refused. A name whose expressions or matrix values make it longer than 100 is refused at run
time with the same fix.

**Fix:** give the job a \`name:\` with a literal part the other job's id and name cannot have (\`Build \${{ matrix.os }}\`),
or no \`name:\`; do not name a job after another job's id. Keep a job's name, with its matrix values, to 100 characters.

\`\`\`yaml
jobs:
  build:
    name: Build \${{ matrix.os }}   # not: name: \${{ matrix.os }}, not: name: publish
  publish:
    steps:
      - id: release
        uses: stepwarden/stepwarden/actions/run@<40-hex>
\`\`\``,
    },
    check(ctx) {
        const out = [];
        for (const wf of ctx.workflows) {
            // A workflow the manifest does not list has no job with grants: nothing to build for it.
            if (wf.error || (0,own/* own */.Z)(ctx.manifest.manifest.workflows, wf.file) === undefined)
                continue;
            // Only jobs with grants are worth stealing; most workflows have none, and then nothing is computed.
            const granted = new Set(wf.jobs
                .filter((j) => ((0,check_rule/* manifestJob */.Vj)(ctx, wf.file, j.id)?.credentials.length ?? 0) > 0)
                .map((j) => j.id));
            if (granted.size === 0)
                continue;
            for (const job of wf.jobs) {
                // A job without grants has no exchange for the broker to refuse, and a cut name is refused
                // before any matching, so it cannot be verified as a job that has some.
                if (granted.has(job.id) && (0,job_names/* alwaysCut */.Uz)(job)) {
                    const shown = job.name !== undefined && job.name !== '' ? job.name : job.id;
                    out.push((0,check_rule/* finding */.gk)(this.meta, {
                        workflow: wf.file,
                        job: job.id,
                        subject: job.id,
                        file: wf.path,
                        line: job.line,
                        message: `job '${job.id}' is named with ${shown.length} characters ('${shown.slice(0, 40)}...'), ${shown.length > job_names/* NAME_CUT */.XV ? `which GitHub shows cut to ${job_names/* NAME_CUT */.XV - 3} and '...'` : "ending in '...' like a name GitHub cut"}: the broker cannot tell a cut name from another job's and refuses every credential exchange of its steps (ERR_JOB_IDENTITY_AMBIGUOUS); give '${job.id}' a name of at most ${job_names/* NAME_CUT */.XV} characters with its matrix values`,
                    }));
                }
                for (const other of (0,job_names/* shownAsJobs */.sg)(wf, job)) {
                    if (!granted.has(other))
                        continue;
                    const grants = (0,check_rule/* manifestJob */.Vj)(ctx, wf.file, other).credentials.map((g) => g.step);
                    out.push((0,check_rule/* finding */.gk)(this.meta, {
                        workflow: wf.file,
                        job: job.id,
                        subject: other,
                        file: wf.path,
                        line: job.line,
                        message: `job '${job.id}'${job.name !== undefined ? ` (name: ${job.name})` : ''} can be shown as job '${other}', which the broker verifies by that name: its steps can claim the credential grants of '${other}' (steps ${grants.join(', ')}); give '${job.id}' a name with a literal part that '${other}' cannot have`,
                    }));
                }
            }
        }
        return out;
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/grant-identity-collision.ts
/**
 * Service grants whose step would carry another grant's identity in the broker's JWT. The broker
 * refuses them (ERR_GRANT_IDENTITY_COLLISION); the decision is the broker's own `identityTwin`, so the
 * check cannot pass a grant the broker refuses or report one it grants.
 */




const grantIdentityCollision = {
    meta: {
        id: 'grant-identity-collision',
        severity: 'error',
        title: 'Credential grant with the same JWT identity as another grant',
        summary: "A service grant whose workflow, job and step names, as the broker's JWT carries them (SPIFFE ID path, AWS session tags), are another grant's of the same audience: the broker refuses every exchange of it (ERR_GRANT_IDENTITY_COLLISION).",
        help: `The broker's JWT names the step it was issued to in its SPIFFE ID
(\`spiffe://TD/gh/OWNER/REPO/WORKFLOW/JOB/STEP\`, each segment cut to \`[A-Za-z0-9._-]\`) and in its AWS session tags
(a character a tag cannot hold becomes \`_\`). So steps \`Deploy prod\` and \`Deployprod\` would get one SPIFFE ID, and
\`a!b\` and \`a_b\` one set of tags: a relying party that authorizes on them could not tell the narrow step from the
broad one. The broker refuses the grant whose names change under such a mapping and meet another grant's (for the
same audience); the grant spelled plainly keeps its identity. The check runs the broker's own decision over the
manifest and reports each refused grant at its line, naming the other.

**Fix:** rename the step (or the job, or the workflow file) to letters, digits, \`.\`, \`_\` and \`-\`, in the workflow
and in \`.github/access-manifest.yml\`.

\`\`\`yaml
        credentials:
          - { step: deploy-prod, audience: https://deploy.example, scope: [deploy] }   # not: step: Deploy prod
          - { step: Deployprod, audience: https://deploy.example, scope: [read] }
\`\`\``,
    },
    check(ctx) {
        const m = ctx.manifest;
        const out = [];
        for (const g of credentialGrantPaths(m.manifest)) {
            if ((0,schema/* isGithubGrant */.Ed)(g.grant))
                continue;
            const twin = (0,decide/* identityTwin */.zV)(m.manifest, g.grant.audience, g.workflow, g.job, g.grant.step);
            if (!twin)
                continue;
            const here = `${m.file}:${m.lineOf(g.path)}`;
            const there = `${m.file}:${m.lineOf(twin.path)}`;
            out.push((0,check_rule/* finding */.gk)(this.meta, {
                workflow: g.workflow,
                job: g.job,
                subject: g.grant.step,
                file: m.file,
                line: m.lineOf(g.path),
                message: `the grant for step '${g.grant.step}' of job '${g.job}' in ${g.workflow} (${here}) would carry the same ${twin.as} as step '${twin.step}' of job '${twin.job}' in ${twin.workflow} (${there}) for audience ${g.grant.audience}: the broker refuses every exchange of it (ERR_GRANT_IDENTITY_COLLISION). Fix: rename the step (or job, or workflow file) to letters, digits, '.', '_' and '-'`,
            }));
        }
        return out;
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/unread-local-action.ts

const unreadLocalAction = {
    meta: {
        id: 'unread-local-action',
        severity: 'warning',
        title: 'Local action the check cannot read',
        summary: 'A step uses a local action (`uses: ./path`) whose `action.yml` is not in the repository, is no action GitHub runs, lies outside the repository (`./../x`) or is nested more than 10 local composite actions deep: its steps (credential steps, the actions it uses) are not checked.',
        help: `The check reads each local action a job runs (\`uses: ./path\`) to judge the steps of composite actions as the
workflow's own: the actions they use (\`unpinned-action\`, \`disallowed-action\`) and their stepwarden credential steps
(\`credential-step\`). It reads them as it reads workflows: inside the repository, no symbolic link followed, a size
bound. When the file is missing (made by an earlier step, such as a checkout of another repository) or without
\`runs.using\`, nothing in it is judged, and this warning says so; GitHub fails the step when the file is not an action
it can run. A file the repository holds but the check cannot read (a link, too large, YAML it refuses) is
\`unreadable-local-action\`, an error: GitHub may run it. The same holds for a path that leaves the repository (\`uses: ./../x\`: a directory an
earlier step makes) and for composite actions nested deeper than the runner follows them (10 levels; the check reads that
deep). The access diff shows a local action that becomes unreadable as a widened row (\`read\` \u2192 \`not read: \u2026\`).

**Fix:** keep the action in the repository as a regular \`action.yml\` (not a link), or use it from its own repository
pinned to a commit (\`owner/repo/path@<40-hex>\`), which the other rules judge.`,
    },
    check(ctx) {
        const out = [];
        // One finding per job (issue 11 \u00a73: no floods), at its first unread action, naming each.
        const workflows = ctx.workflows;
        for (let w = 0, nw = workflows.length; w < nw; w++) {
            const wf = workflows[w];
            const jobs = wf.jobs;
            for (let j = 0, nj = jobs.length; j < nj; j++) {
                const job = jobs[j];
                // Nearly every job has none: no list filtered for it.
                if (!job.unreadActions?.length)
                    continue;
                // Actions the repository holds and that could not be read are unreadable-local-action's (an error).
                const unread = job.unreadActions.filter((u) => !u.held);
                const first = unread[0];
                if (!first)
                    continue;
                const each = unread.map((u) => `${u.uses} (line ${u.line}): ${u.problem}`).join('; ');
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: wf.file,
                    job: job.id,
                    subject: unread.map((u) => u.uses).join(', '),
                    file: wf.path,
                    line: first.line,
                    message: `job '${job.id}' runs local action${unread.length > 1 ? 's' : ''} the check cannot read, whose steps (credential steps, the actions they use) are not checked: ${each}. Fix: keep each in the repository as a regular action.yml, or use it pinned from its own repository`,
                }));
            }
        }
        return out;
    },
};

;// CONCATENATED MODULE: ./shared/check/rules/unreadable-local-action.ts

const unreadableLocalAction = {
    meta: {
        id: 'unreadable-local-action',
        severity: 'error',
        title: 'Local action in the repository the check cannot read',
        summary: 'A step uses a local action (`uses: ./path`) whose `action.yml` the repository holds but the check cannot read (a symbolic link, a file over the size bound, YAML it refuses, a path held only in another case): GitHub may run it, and its steps (the actions it uses, credential steps) are not checked.',
        help: `The check judges the steps of local composite actions as the workflow's own (\`unpinned-action\`,
\`disallowed-action\`, \`credential-step\`). It reads them without following a symbolic link, up to 4 MiB, with a YAML
reader that refuses what it cannot read exactly as GitHub does. GitHub's runner is less strict: it follows a link of the
checkout (\`action.yml -> ../real/action.yml\`, or the action's directory as a link), reads action files up to 10 MiB and
reads a tag it does not know (\`!foo x\`) as text. So such an action runs, and \`uses: evil/x@main\` inside it would pass
unseen; a pull request can write one. It is an error, not a warning: unlike a missing action (made by an earlier step at
run time, \`unread-local-action\`), this one is in the pull request.

A path the repository holds only in another case (\`uses: ./TOOLS/EVIL\` beside \`tools/evil/action.yml\`, or
\`./tools/evil\` holding \`Action.yml\`) is refused here too: a case-sensitive reader (Linux, git, the contents API)
finds nothing there, while a macOS or Windows runner, whose file systems ignore case, runs \`tools/evil\`. Each name is
compared as the repository holds it, so the check answers alike on every machine; the access diff and the gate refuse it too.

An action file whose steps GitHub's converter refuses is refused here too, naming what and where: a step \`id:\` outside
GitHub's id rule (ASCII letters, digits, \`_\`, \`-\`, a letter or \`_\` first, under 100 characters, not \`__\u2026\`, once per
action ignoring case: the rule held on workflow step ids), or a \`with:\` key the runner may read as another input. Its
steps are not judged: the finding says which id to rename.

**Fix:** make the action a regular \`action.yml\` in its directory (no symbolic link on its path), under 4 MiB, in plain
YAML (no custom tags), named in the case the repository holds it; or use it from its own repository pinned to a commit (\`owner/repo/path@<40-hex>\`).`,
    },
    check(ctx) {
        const out = [];
        // One finding per job, at its first such action, naming each (as unread-local-action).
        const workflows = ctx.workflows;
        for (let w = 0, nw = workflows.length; w < nw; w++) {
            const wf = workflows[w];
            const jobs = wf.jobs;
            for (let j = 0, nj = jobs.length; j < nj; j++) {
                const job = jobs[j];
                // Nearly every job has none: no list filtered for it.
                if (!job.unreadActions?.length)
                    continue;
                const held = job.unreadActions.filter((u) => u.held);
                const first = held[0];
                if (!first)
                    continue;
                const each = held.map((u) => `${u.uses} (line ${u.line}): ${u.problem}`).join('; ');
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: wf.file,
                    job: job.id,
                    subject: held.map((u) => u.uses).join(', '),
                    file: wf.path,
                    line: first.line,
                    message: `job '${job.id}' runs local action${held.length > 1 ? 's' : ''} of the repository the check cannot read, which GitHub may run unjudged: ${each}. Fix: make each a regular action.yml (no symbolic link on its path, under 4 MiB, plain YAML), or use it pinned from its own repository`,
                }));
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
    missing_enforce/* missingEnforce */.jK,
    nestedOverreach,
    unreachableCondition,
    unusedConditionEnvironment,
    orgReach,
    unboundManifest,
    credential_step/* credentialStep */.I6,
    callerJobVerification,
    unusedCall,
    jobNameCollision,
    grantIdentityCollision,
    unreadLocalAction,
    unreadableLocalAction,
];


/***/ }),

/***/ 65347:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vj: () => (/* binding */ manifestJob),
/* harmony export */   Zi: () => (/* binding */ viaAction),
/* harmony export */   gk: () => (/* binding */ finding),
/* harmony export */   v2: () => (/* binding */ uniqueCaseless),
/* harmony export */   yo: () => (/* binding */ viaText),
/* harmony export */   zR: () => (/* binding */ includesCaseless)
/* harmony export */ });
/* unused harmony export grantedPermissions */
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48276);
/* harmony import */ var _manifest_own_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(67894);


/**
 * The manifest entry of a job. Asked for every job by several rules: the entry alone, no object or
 * key path around it (a finding that needs the entry's line builds its path).
 */
function manifestJob(ctx, workflow, job) {
    return (0,_manifest_own_js__WEBPACK_IMPORTED_MODULE_1__/* .own */ .Z)((0,_manifest_own_js__WEBPACK_IMPORTED_MODULE_1__/* .own */ .Z)(ctx.manifest.manifest.workflows, workflow)?.jobs, job);
}
/** What the manifest grants a job's GITHUB_TOKEN (its own entry, else `defaults`). */
function grantedPermissions(ctx, workflow, job) {
    const entry = manifestJob(ctx, workflow, job);
    return fromMap(entry ? entry.permissions : ctx.manifest.manifest.defaults.permissions);
}
/**
 * ` (a step of the local composite action .github/actions/x/action.yml:7)` for a nested `uses:`, or
 * ` (the image of the local Docker action \u2026)` for a Docker action's `runs.image`.
 */
function viaAction(a) {
    if (!a.via)
        return '';
    const what = a.via.image ? 'the image of the local Docker action' : 'a step of the local composite action';
    return ` (${what} ${a.via.file}:${a.via.line})`;
}
/** `(called from ci.yml job build)` for jobs judged through a local caller. */
function viaText(access) {
    return access.via ? ` (called from ${access.via.workflow} job '${access.via.job}')` : '';
}
/**
 * A finding of the rule: its fields named one by one, in the JSON contract's order (a spread of `f`
 * copies through a generic path, and the unpinned-action rule alone makes thousands).
 */
function finding(meta, f) {
    return {
        rule: meta.id,
        severity: meta.severity,
        workflow: f.workflow,
        job: f.job,
        subject: f.subject,
        message: f.message,
        file: f.file,
        line: f.line,
    };
}
/** Unique by upper-cased value, first occurrence kept (GitHub secret and environment names ignore case). */
function uniqueCaseless(items) {
    const seen = new Set();
    return items.filter((i) => {
        const k = i.value.toUpperCase();
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}
function includesCaseless(list, value) {
    const v = value.toUpperCase();
    return list.some((x) => x.toUpperCase() === v);
}


/***/ }),

/***/ 74939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I6: () => (/* binding */ credentialStep),
/* harmony export */   IE: () => (/* reexport safe */ _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__.IE),
/* harmony export */   LQ: () => (/* binding */ claimsFor),
/* harmony export */   Zw: () => (/* binding */ literalRequest),
/* harmony export */   de: () => (/* binding */ accessesByJob),
/* harmony export */   k4: () => (/* binding */ staticManifest),
/* harmony export */   nU: () => (/* binding */ DEFAULT_BRANCH)
/* harmony export */ });
/* harmony import */ var _broker_decide_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56442);
/* harmony import */ var _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5031);
/* harmony import */ var _broker_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(643);
/* harmony import */ var _workflow_access_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(56518);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(28817);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(57521);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(65347);
/**
 * Every step that asks the broker for a credential (this repository's `actions/run` or
 * `actions/exchange`), held against the manifest with the broker's own decision function, so that a
 * setup the broker is certain to refuse fails the check instead of the release.
 */








/** Refusals this rule reports; others (e.g. grant conditions on claims only a run has) are judged elsewhere. */
const STATIC_CODES = new Set([
    'ERR_NO_GRANT',
    'ERR_SCOPE_NOT_GRANTED',
    'ERR_SCOPE_SYNTAX',
    'ERR_SCOPE_UNKNOWN',
    'ERR_ORG_CEILING',
    'ERR_TRIGGER_NOT_ALLOWED',
    // The caller file and job are read from the workflows (session 17).
    'ERR_CALLER_NOT_ALLOWED',
]);
const PLACEHOLDER_REPOSITORY = 'owner/repository';
const DEFAULT_BRANCH = 'main';
const isExpression = (s) => s.includes('${{');
/**
 * Every condition of a grant as one that holds for the check's claims: `when.event: ['*']` (any
 * event, which also lifts the default that refuses events from outside the repository unless a
 * `when.event` names them). The broker judges conditions before the scope, so a condition the
 * check's made-up claims miss would otherwise hide a scope no run can get (session 17).
 */
const ANY_RUN = { event: ['*'] };
/**
 * The manifest the decision runs over: every condition (the grant's and the job's `when`, the job's
 * `environments`) made to hold, since they need claims only a real run has and the condition rules
 * (unreachable-condition, undeclared-environment, unused-condition-environment) judge them; what
 * remains is what no claim changes: the grant for the step and audience, the scope, the triggers,
 * the organization ceiling. When unbound, placeholder ids (reported once, separately).
 */
function staticManifest(m, org) {
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
                    ...withoutWhen(j),
                    environments: [],
                    credentials: j.credentials.map((g) => ({ ...withoutWhen(g), when: ANY_RUN })),
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
    return { loaded, org: staticOrg(org), repository, id, ownerId };
}
/**
 * The organization policy the decision runs with: under `narrow-only` its grants' conditions are
 * taken as met, as the manifest's are (the broker evaluates them before narrowing the scope).
 */
function staticOrg(org) {
    if (!org || org.value['repository-manifests'] !== 'narrow-only')
        return org;
    const grants = org.value.grants.map((g) => ({
        ...g,
        credentials: g.credentials.map((c) => ({ ...withoutWhen(c), when: ANY_RUN })),
    }));
    return { file: org.file, lineOf: (p) => org.lineOf(p), value: { ...org.value, grants } };
}
function withoutWhen(o) {
    const copy = { ...o };
    delete copy.when;
    return copy;
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
        // No `environment`: the job's manifest `environments` are lifted (staticManifest), and whether
        // the job's `environment:` is declared is undeclared-environment's.
    };
}
/**
 * The broker's verdict on one step under each event the workflow can run on: refused only if refused
 * under all. A reusable workflow's step runs once per caller: a caller whose every run is refused is
 * reported by name even when another caller's run is granted (session 17).
 */
function brokerVerdict(bound, wf, accesses, request) {
    // A reusable workflow's run is the outermost caller's (`workflow_ref`, whose job the broker
    // verifies through check_run_id): the chain's first job, not the one that calls this file.
    const runs = accesses.length > 0
        ? accesses.map((a) => {
            const top = a.callers?.[0] ?? a.via;
            return { caller: top?.workflow, callerJob: top?.job, events: a.triggers.map((t) => t.value) };
        })
        : [{ caller: undefined, callerJob: undefined, events: wf.triggers.map((t) => t.value) }];
    // The broker reads the form before any grant (request.ts, its one rule): a part past its bounds or
    // holding a control character is refused whatever the manifest grants (session 27: a 300-character
    // `step:` with a grant of that name passed here).
    const shape = formRefusal(request);
    if (shape)
        return `the broker refuses it: ${shape.code}: ${shape.description}`;
    const verdicts = runs.map((run) => {
        const refusals = [];
        // A callee's own trigger is `workflow_call`; the event the broker sees is the caller's.
        const events = run.events.filter((e) => e !== 'workflow_call');
        for (const event of events.length ? events : ['']) {
            try {
                (0,_broker_decide_js__WEBPACK_IMPORTED_MODULE_0__/* .decide */ .LD)({
                    claims: claimsFor(bound, wf.file, run.caller, event),
                    defaultBranch: DEFAULT_BRANCH,
                    request,
                    manifest: bound.loaded,
                    // The calling job as the broker knows it once verified: `callers: [FILE/JOB]` and the
                    // caller job's `calls:` then admit (or refuse) it here as there.
                    ...(run.callerJob !== undefined ? { callerJob: { job: run.callerJob } } : {}),
                    ...(bound.org ? { org: bound.org } : {}),
                });
                return { run, granted: true, refusals };
            }
            catch (err) {
                if (!(err instanceof _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BrokerRefusal */ .E))
                    throw err;
                refusals.push(err);
            }
        }
        return { run, granted: false, refusals };
    });
    const told = (refusals) => {
        const reported = refusals.filter((r) => STATIC_CODES.has(r.code));
        if (reported.length === 0 || reported.length < refusals.length)
            return undefined; // judged elsewhere
        // The most telling refusal: one about the grant or scope before one about the event.
        const best = reported.find((r) => r.code !== 'ERR_TRIGGER_NOT_ALLOWED') ?? reported[0];
        return `${best.code}: ${best.description}`;
    };
    if (verdicts.every((v) => !v.granted)) {
        const why = told(verdicts.flatMap((v) => v.refusals));
        return why ? `the broker refuses it: ${why}` : undefined;
    }
    const byCaller = verdicts.flatMap((v) => {
        const why = v.granted || v.run.callerJob === undefined ? undefined : told(v.refusals);
        return why ? [`called from ${v.run.caller} job '${v.run.callerJob}', the broker refuses it: ${why}`] : [];
    });
    return byCaller.length ? byCaller.join('; ') : undefined;
}
/** The broker's refusal of the request's form as the action sends it, or undefined. */
function formRefusal(request) {
    try {
        (0,_broker_request_js__WEBPACK_IMPORTED_MODULE_2__/* .exchangeRequestOf */ .gX)(new URLSearchParams({ ...request }));
        return undefined;
    }
    catch (err) {
        if (err instanceof _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BrokerRefusal */ .E)
            return err;
        throw err;
    }
}
/** An input as the action reads it (`@actions/core` getInput): trimmed. */
const inputOf = (step, k) => step.with?.[k]?.value.trim();
/** The `step` input when given (even empty), else its default `github.action`: the step's id. */
const stepNameOf = (step) => step.with && Object.hasOwn(step.with, 'step') ? inputOf(step, 'step') : step.id;
/**
 * The request a workflow step sends the broker, when every part of it is written in the file and
 * the action would send it (an expression, a missing audience or a name the action refuses: none).
 */
function literalRequest(job, step) {
    if (step.withExpression)
        return undefined;
    const stepName = stepNameOf(step);
    const audience = inputOf(step, 'audience') ?? '';
    const scope = inputOf(step, 'scope') ?? '';
    if (!stepName || !audience || [audience, scope, stepName].some(isExpression) || (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__/* .unnamedStep */ .rr)(stepName))
        return undefined;
    return { audience, scope, job: job.id, step: stepName };
}
function judgeStep(ctx, bound, wf, job, step, accesses) {
    const problems = [];
    const input = (k) => inputOf(step, k);
    const stepName = stepNameOf(step);
    if (accesses.length === 0 || accesses.some((a) => a.permissions['id-token'] !== 'write')) {
        const without = accesses.find((a) => a.permissions['id-token'] !== 'write');
        problems.push(`job '${job.id}'${without?.via ? ` (called from ${without.via.workflow} job '${without.via.job}')` : ''} does not hold id-token: write, so the step gets no OIDC token to exchange; add \`permissions: { id-token: write }\` to the job`);
    }
    // `with:` as one expression: inputs known only at run time, left to the broker.
    if (step.withExpression)
        return { problems };
    if (stepName === undefined) {
        problems.push("the step has no `id:` and no `step:` input, so it cannot name its grant; give it an `id:` equal to the grant's `step:`");
        return { problems };
    }
    const audience = input('audience') ?? '';
    const scope = input('scope') ?? '';
    const parts = [audience, scope, stepName];
    if (parts.some(isExpression)) {
        // One `${{ matrix.K }}` whose values the file lists (parse.ts matrixInputs): each is a leg that
        // runs, judged as a literal (session 33); `${{ inputs.NAME }}`s a local caller passes as strings
        // likewise (session 34). Any other computed value cannot be held against the manifest here; the
        // broker still judges it.
        const expr = parts.find(isExpression);
        const values = job.matrixInputs?.[expr];
        if (!values || parts.some((p) => isExpression(p) && p !== expr)) {
            problems.push(...callerProblems(ctx, bound, wf, job, step, accesses, parts));
            return { problems };
        }
        for (const v of values) {
            const [a, sc, st] = parts.map((p) => (p === expr ? v.value.trim() : p));
            const leg = requestProblems(bound, wf, job, accesses, a, sc, st);
            if (leg)
                problems.push(`on the matrix leg where \`${expr}\` is '${v.value}' (line ${v.line}): ${leg}`);
        }
        return { problems };
    }
    const leg = requestProblems(bound, wf, job, accesses, audience, scope, stepName);
    if (leg)
        problems.push(leg);
    return { problems };
}
/**
 * A called job's request whose computed parts are each one `${{ inputs.NAME }}`: on a local caller's
 * runs each is the string that caller's `with:` passes (JobModel.callInputs), or for a name it does
 * not pass the callee input's string `default:` (access.ts callerInputs, session 35), so that caller's
 * request is written out in full and judged as a literal one (session 34). A caller passing one
 * `${{ matrix.K }}` whose values its strategy lists (JobModel.matrixInputs) asks with each on some
 * leg, judged leg by leg unless the callee step's or job's `if:` reads the inputs, which may skip that
 * very leg (session 36). A caller passing anything else (an expression, a number), or nothing where
 * there is no string default, leaves its runs to the broker.
 */
function callerProblems(ctx, bound, wf, job, step, accesses, parts) {
    const out = new Set();
    const byFile = new Map(ctx.workflows.map((w) => [w.file, w]));
    for (const a of accesses) {
        if (!a.via)
            continue;
        const via = a.via;
        const caller = byFile.get(via.workflow)?.jobs.find((j) => j.id === via.job);
        // Down the whole chain: a middle caller passes its own `${{ inputs.NAME }}` on (session 36).
        const inputs = (0,_workflow_access_js__WEBPACK_IMPORTED_MODULE_3__/* .chainInputs */ .$A)(byFile, a.callers ?? [via], wf);
        const read = parts.map((p) => (isExpression(p) ? (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__/* .inputRead */ .TW)(p, inputs) : undefined));
        if (parts.some((p, i) => isExpression(p) && read[i] === undefined))
            continue;
        const computed = [...new Set(read.flatMap((r) => (r && isExpression(r.value) ? [r.value.trim()] : [])))];
        const skippable = [step.if, job.if].some((c) => c && /inputs/i.test(c.value));
        const legs = computed.length === 0
            ? [undefined]
            : computed.length === 1 && !skippable
                ? caller?.matrixInputs?.[computed[0]]
                : undefined;
        if (!legs)
            continue;
        for (const leg of legs) {
            const value = (i) => (leg && read[i].value.trim() === computed[0] ? leg : read[i]);
            const [audience, scope, stepName] = parts.map((p, i) => (read[i] ? value(i).value.trim() : p));
            const why = requestProblems(bound, wf, job, [a], audience, scope, stepName);
            if (!why)
                continue;
            const passed = parts.flatMap((p, i) => read[i]
                ? [
                    read[i].default
                        ? `nothing for \`${p}\`, so its default '${read[i].value}' (${wf.path} line ${read[i].line})`
                        : value(i) !== read[i]
                            ? `\`${p}\` as \`${read[i].value}\` (line ${read[i].line}), on the matrix leg where it is '${value(i).value}' (line ${value(i).line})`
                            : `\`${p}\` as '${read[i].value}' (line ${read[i].line})`,
                ]
                : []);
            const outer = a.callers && a.callers.length > 1 ? a.callers[0] : undefined;
            const chain = outer
                ? ` (itself called from ${outer.workflow} job '${outer.job}', whose \`with:\` it passes on)`
                : '';
            out.add(`called from ${via.workflow} job '${via.job}'${chain}, which passes ${passed.join(', ')}: ${why}`);
        }
    }
    return [...out];
}
/** What the broker (or the action before it) certainly says to one request written out in full, if it refuses. */
function requestProblems(bound, wf, job, accesses, audience, scope, stepName) {
    if ((0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__/* .unnamedStep */ .rr)(stepName))
        return `the action refuses the step name '${stepName}' before asking the broker: ${_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__/* .UNNAMED_STEP */ .Y2}`;
    if (!audience)
        return "the action requires the `audience` input (`github`, or the service's audience as the grant names it) and stops without it; add it to the step's `with:`";
    return brokerVerdict(bound, wf, accesses, { audience, scope, job: job.id, step: stepName });
}
/**
 * A credential step inside a local composite action. Its `step` input defaults to `github.action`,
 * which the runner sets for a composite's steps from the scope the workflow step's `id:` opens: the
 * outer id (older runners) or `OUTER.INNER` (runners that use the fully qualified name). Refused only
 * when every name the runner may give it is refused; without an outer `id:` the scope is generated
 * (`__\u2026`), which the action refuses. Returns the first name tried and its problems.
 */
function judgeInner(ctx, bound, wf, job, a, accesses) {
    const via0 = a.via;
    // `with:` as one expression: known only at run time, left to the broker.
    if (via0.withExpression)
        return undefined;
    // `${{ inputs.NAME }}` read from the `with:` of the step that runs the action (session 25).
    const via = via0.with ? { ...via0, with: (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__/* .withInputsRead */ .EV)(via0.with, via0.inputs) } : via0;
    const named = via.with?.step?.value.trim();
    // A name the runner makes up (a nested composite step without an id): not certain, left to the broker.
    if (!named && via.outerUnknown)
        return undefined;
    const names = named
        ? [named]
        : via.outerId !== undefined
            ? [via.outerId, ...(via.id !== undefined ? [`${via.outerId}.${via.id}`] : [])]
            : [];
    const step = (id) => ({
        index: -1,
        line: a.line,
        ...(id !== undefined ? { id } : {}),
        ...(via.with
            ? { with: { ...via.with, ...(named || id === undefined ? {} : { step: { value: id, line: a.line } }) } }
            : {}),
    });
    if (names.length === 0) {
        const { problems } = judgeStep(ctx, bound, wf, job, step(undefined), accesses);
        problems.push('the workflow step that runs the composite action has no `id:`, so the runner names this step with a generated `__\u2026` scope the action refuses; give that step an `id:` (or this step a `step:` input) naming the grant');
        return { name: '(none)', problems: problems.filter((p) => !p.startsWith('the step has no `id:`')) };
    }
    // A request part still an expression is known only at run time: the action's files cannot say
    // what it asks, so it is said (a warning), never passed in silence (issue 11 \u00a72, session 25).
    const computed = ['audience', 'scope', 'step'].find((k) => via.with?.[k]?.value.includes('${{'));
    let first;
    for (const name of names) {
        const { problems } = judgeStep(ctx, bound, wf, job, step(name), accesses);
        if (problems.length === 0) {
            if (!computed)
                return undefined;
            const written = via0.with[computed];
            const passed = via.with[computed].value;
            const read = (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__/* .inputRead */ .TW)(written.value, via0.inputs);
            const source = read?.default
                ? `whose default in the action is '${passed}' (line ${read.line})`
                : passed === written.value
                    ? 'which the step running the action does not pass'
                    : `which the step running the action passes as '${passed}'`;
            return {
                name,
                problems: [
                    `it cannot be judged: its \`${computed}\` is '${written.value}' (action line ${written.line}), ${source}, known only at run time (the broker judges it then); pass that input as a literal in the step's \`with:\` (or write it in the action)`,
                ],
                cannotJudge: computed,
            };
        }
        first ??= { name, problems };
    }
    return first;
}
/**
 * The accesses of each job (a job called from several local callers is judged once per caller), by
 * workflow file, then job id: two look-ups of strings the model already holds (their hashes are
 * kept), where a key joined per access and per question was a new string to build and hash each time
 * (unused-grant asks for every job of the manifest).
 */
function accessesByJob(jobs) {
    const map = new Map();
    for (let i = 0; i < jobs.length; i++) {
        const a = jobs[i];
        let byId = map.get(a.workflow);
        if (!byId)
            map.set(a.workflow, (byId = new Map()));
        const list = byId.get(a.job);
        if (list)
            list.push(a);
        else
            byId.set(a.job, [a]);
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
fails here rather than at release time. Before any grant the broker reads the request's form with its own rule
(shared/broker/request.ts): a \`step\` or \`audience\` over 256 characters, a \`scope\` over 1,024, or a C0 control
character or DEL in any of them is \`ERR_PARAM_INVALID\` whatever the manifest grants, and is reported so here. Steps of local composite actions the job runs (\`uses: ./path\`, read from the
repository as workflows are: no link followed, a size bound) are held too, at the workflow step that runs the action:
their \`step\` input defaults to \`github.action\`, which the runner sets from the scope the workflow step's \`id:\` opens
(that id, or \`ID.INNER\` on runners that use the fully qualified name), so such a step is reported only when every
one of those names is refused (and always when the workflow step has no \`id:\` and the inner step no \`step:\` input).
A local action that cannot be read is \`unread-local-action\`.

Also held: the job must hold \`id-token: write\` (no OIDC token otherwise), and a manifest with credential grants must
bind them to the repository with \`repository.id\` and \`repository.owner-id\` (the broker refuses every exchange
otherwise; reported once by \`unbound-manifest\`). Inputs written as \`\${{ }}\` expressions are known only at run time and are left to the broker, except a whole \`\${{ matrix.K }}\` whose values the job's strategy lists as literal strings with no \`exclude:\` (each value is a leg that runs: each is judged, and a refused one is named with its line), and, in a reusable workflow, a whole \`\${{ inputs.NAME }}\` a local caller job passes as a YAML string in its \`with:\` (or, in a nested call, as its own \`\${{ inputs.NAME }}\` that its caller passes so), or as a whole \`\${{ matrix.K }}\` whose values its strategy lists as literal strings with no \`exclude:\` (that caller's runs ask with that string, or each value on some leg unless the called step's or job's \`if:\` reads the inputs: each such caller is judged, and a refused one is named with the value and its line; a caller passing an expression, a number or nothing is the broker's); in a local composite action a value that is one \`\${{ inputs.NAME }}\` (or \`inputs . NAME\`, \`inputs['NAME']\`, as GitHub's expression reader takes them) is read from the \`with:\` of the step that runs the action, or else from the action's \`inputs.NAME.default\` (at each level; a default written as an expression stays unknown), and one still unknown there is a warning that the step cannot be judged, never a silent pass. Grant
conditions (the grant's and the job's \`when:\`, the job's \`environments\`) are judged by their own rules
(\`unreachable-condition\`, \`undeclared-environment\`) and taken here as met: the broker judges them before the
scope, so a step asking above its grant is refused on every run, whatever they say.
A reusable workflow's step is judged with the calling job as the caller's \`uses:\` names it, as the broker knows
it once verified (\`check_run_id\`); a step that only a verified job admits is also \`caller-job-verification\`'s.

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
        const workflows = ctx.workflows;
        for (let wfI = 0; wfI < workflows.length; wfI++) {
            const wf = workflows[wfI];
            const jobs = wf.jobs;
            for (let jobI = 0; jobI < jobs.length; jobI++) {
                const job = jobs[jobI];
                const steps = job.steps;
                for (let stepI = 0; stepI < steps.length; stepI++) {
                    const step = steps[stepI];
                    if (!step.uses || !(0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__/* .credentialAction */ .IE)(step.uses))
                        continue;
                    bound ??= staticManifest(ctx.manifest, ctx.org);
                    byJob ??= accessesByJob(ctx.jobs);
                    const accesses = byJob.get(wf.file)?.get(job.id) ?? [];
                    const { problems } = judgeStep(ctx, bound, wf, job, step, accesses);
                    if (problems.length === 0)
                        continue;
                    const name = step.with?.step?.value ?? step.id ?? `#${step.index}`;
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .finding */ .gk)(this.meta, {
                        workflow: wf.file,
                        job: job.id,
                        subject: name,
                        file: wf.path,
                        line: step.line,
                        message: `step '${name}' of job '${job.id}' (${step.uses}): ${problems.join('; ')}`,
                    }));
                }
                // Credential steps inside the local composite actions the job runs (session 10).
                const actions = job.actions;
                for (let ai = 0; ai < actions.length; ai++) {
                    const a = actions[ai];
                    if (!a.via || !(0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__/* .credentialAction */ .IE)(a.uses))
                        continue;
                    bound ??= staticManifest(ctx.manifest, ctx.org);
                    byJob ??= accessesByJob(ctx.jobs);
                    const accesses = byJob.get(wf.file)?.get(job.id) ?? [];
                    const judged = judgeInner(ctx, bound, wf, job, a, accesses);
                    if (!judged)
                        continue;
                    const inner = a.via.id ?? `(no id) at ${a.via.file}:${a.via.line}`;
                    const found = (0,_rule_js__WEBPACK_IMPORTED_MODULE_6__/* .finding */ .gk)(this.meta, {
                        workflow: wf.file,
                        job: job.id,
                        subject: judged.name,
                        file: wf.path,
                        line: a.line,
                        message: `step '${inner}' of the local composite action ${a.via.file}:${a.via.line} (${a.uses}), run by step '${a.step ?? '?'}' of job '${job.id}', asks as '${judged.name}': ${judged.problems.join('; ')}`,
                    });
                    out.push(judged.cannotJudge ? { ...found, severity: 'warning' } : found);
                }
            }
        }
        // A manifest without repository ids is one finding of `unbound-manifest`, not one per step here.
        return out;
    },
};


/***/ }),

/***/ 15104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ disallowedTrigger)
/* harmony export */ });
/* harmony import */ var _manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(13966);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65347);
/* harmony import */ var _manifest_own_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67894);



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
            const entry = (0,_manifest_own_js__WEBPACK_IMPORTED_MODULE_2__/* .own */ .Z)(ctx.manifest.manifest.workflows, wf.file);
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

/***/ 42958:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FF: () => (/* binding */ runsAfterFailure),
/* harmony export */   HH: () => (/* binding */ gateInputProblem),
/* harmony export */   jK: () => (/* binding */ missingEnforce),
/* harmony export */   uq: () => (/* binding */ gateModeNotEnforce),
/* harmony export */   zS: () => (/* binding */ isEnforceStep)
/* harmony export */ });
/* unused harmony exports GATE_INPUTS, isAuditStep */
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48276);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28817);
/* harmony import */ var _workflow_status_functions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67006);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65347);




/**
 * The gate: stepwarden's `actions/enforce` (`ownAction`: `OWNER/stepwarden/actions/enforce@REF` of any
 * owner, or a local checkout of it). An action named `enforce` in any other repository is not the
 * gate. `repositories` (`enforce-repositories` of the manifest and the organization, each list that
 * is set): only `OWNER/REPO/actions/enforce@REF` of a repository in every list counts; a local one,
 * which a pull request can write itself, then does not.
 */
function isEnforceStep(uses, repositories = []) {
    return (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_1__/* .ownAction */ .Td)(uses, repositories) === 'enforce';
}
/** `actions/enforce`'s inputs (actions/enforce/action.yml), lower case. */
const GATE_INPUTS = new Set([
    'mode',
    'token',
    'manifest-ref',
    'manifest',
    'org-policy',
]);
/**
 * A `with:` of the gate that the faces cannot read as the runner will: one expression (GitHub's schema
 * allows it; the inputs, `mode` among them, are known only at run time), or a key that is not one of
 * the gate's inputs once ASCII case is folded (the model's `with` keys are): an expression key, or a
 * name such as `mod\u0435` that only another reader might fold to `mode` (.NET's OrdinalIgnoreCase,
 * which the runner compares input names with, folds more than ASCII). Fail closed: the gate is then
 * not armed. A misspelt input is reported too; the fix is to spell it as action.yml does.
 */
function gateInputProblem(step) {
    if (step.withExpression)
        return step.withExpression;
    for (const [k, v] of Object.entries(step.with ?? {}))
        if (!GATE_INPUTS.has(k))
            return { value: k, line: v.line };
    return undefined;
}
/**
 * The gate's `mode` when it is not the default `enforce` (audit, or an expression that may say audit:
 * such a gate only warns). Read as the action receives it: trimmed, and empty is the default (the
 * action reads `getInput('mode') || 'enforce'`).
 */
function gateModeNotEnforce(step) {
    const mode = step.with?.['mode'];
    const v = mode?.value.trim();
    return mode && v !== '' && v !== 'enforce' ? mode : undefined;
}
const missingEnforce = {
    meta: {
        id: 'missing-enforce',
        severity: 'error',
        title: 'Privileged job does not start with actions/enforce',
        summary: 'With `policy: { require-enforce: true }` (manifest or organization policy), a job that holds write permissions or credential grants does not have `actions/enforce` as its first step, that step has `if:`, `continue-on-error`, `mode` other than `enforce` or an `env:` that redirects it, or a later step runs after a failure (`always()`, `failure()`, `cancelled()`, `success()` other than `success() && \u2026`).',
        help: `\`actions/enforce\` stops a job that runs outside its manifest, but only when it runs first and cannot be skipped:
a step before it already holds the job's token and secrets, an \`if:\` can skip it, and \`continue-on-error\` turns its
denial into a warning.

**Fix:** make \`- uses: stepwarden/stepwarden/actions/enforce@<sha>\` the first step of every job with write permissions or
credential grants, with no \`if:\`, no \`continue-on-error\` and no \`mode: audit\`, set none of the runner's variables
(\`GITHUB_*\`, \`ACTIONS_*\`, \`RUNNER_*\`), \`NODE_OPTIONS\`, \`PATH\` or a proxy in the workflow, job or gate \`env:\` (they
point the gate at another API or token endpoint) nor in a job container's \`env:\` or \`options:\` (\`-e\`/\`--env\`; its
\`--env-file\`, \`-v\`/\`--volume\`/\`--mount\`/\`--tmpfs\`, \`--entrypoint\`, \`--health-cmd\`, a word docker reads as the image, an
option the check does not know, \`volumes:\`, or a container written as an expression other than a matrix of image names, each
of which can set variables or replace what the gate runs, also disarm it), give the job no service that reaches the runner's
host (\`volumes:\`, or \`options:\` with \`-v\`/\`--mount\`/\`--volumes-from\`, \`--env-file\`, \`--privileged\`, \`--cap-add\`,
\`--security-opt\`, \`--device\`, \`--pid\`/\`--ipc\`/\`--userns\`/\`--cgroupns\`, an option the check does not know, or a service
written as an expression other than a matrix of image names: services start before the first step and such a one can
rewrite the gate's files), and give no later step an \`if:\` that
runs after a failure (\`always()\`, \`failure()\`, \`cancelled()\`, or \`success()\` other than as the whole condition or
a term of a top-level \`&&\`, such as \`!success()\`; read with GitHub's lexer: a NEXT LINE written as \`\\N\` or \`\\x85\` in a
quoted \`if:\` is white space, so \`"always\\N()"\` is \`always()\`, while \`'always()'\` inside a string is no function;
\`\${{ 'always()' }}\` is the condition \`always()\`, and text around \`\${{ success() }}\` makes a non-empty string, true
after a failure): it would run after the gate stopped the job
(\`actions/audit\` is the exception: it revokes and reports). Jobs that call a reusable workflow have no steps: the
called workflow's jobs are checked instead. Enable the rule with \`policy: { require-enforce: true }\` in the manifest, or
\`require-enforce: true\` in the organization policy (which a manifest cannot switch off).

By default any \`OWNER/stepwarden/actions/enforce\` (forks, mirrors) and a local copy (\`./actions/enforce\`,
\`./PATH/stepwarden/actions/enforce\`) count as the gate, and a pull request could bring its own. Pin the gate with
\`enforce-repositories: [my-org/stepwarden]\` (manifest policy and/or organization policy): then only that repository's
\`actions/enforce\` counts, and only its \`actions/audit\` may run after a failure.`,
    },
    check(ctx) {
        if (!ctx.policy.requireEnforce)
            return [];
        const gates = ctx.policy.enforceRepositories;
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
            const entry = (0,_rule_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestJob */ .Vj)(ctx, a.workflow, a.job);
            const writes = _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .SCOPE_NAMES */ ._W.filter((s) => a.permissions[s] === 'write');
            const grants = (entry?.credentials ?? []).map((g) => g.step);
            const claims = job.steps.filter((s) => s.uses !== undefined && (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialAction */ .IE)(s.uses)).length;
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
            const problem = gateProblem(job, gates);
            if (!problem)
                continue;
            out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_3__/* .finding */ .gk)(this.meta, {
                workflow: a.workflow,
                job: a.job,
                subject: problem.subject,
                file: a.path,
                line: problem.line,
                message: `job '${a.job}'${(0,_rule_js__WEBPACK_IMPORTED_MODULE_3__/* .viaText */ .yo)(a)} ${why}, but ${problem.text}`,
            }));
        }
        return out;
    },
};
function gateProblem(job, gates) {
    const first = job.steps[0];
    if (!first)
        return { subject: 'first-step', line: job.line, text: 'it has no steps, so no actions/enforce step' };
    if (!isEnforceStep(first.uses, gates)) {
        const later = job.steps.find((s) => isEnforceStep(s.uses, gates));
        const counterfeit = !later && isEnforceStep(first.uses);
        return {
            subject: 'first-step',
            line: first.line,
            text: later
                ? `actions/enforce is step ${later.index + 1}, not the first: the steps before it run before the gate`
                : counterfeit
                    ? `its first step '${first.uses}' is not the actions/enforce of enforce-repositories (${gates.map((l) => l.join(', ')).join(' and ')})`
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
    const mode = gateModeNotEnforce(first);
    if (mode)
        return {
            subject: 'mode',
            line: mode.line,
            text: `its actions/enforce step has \`mode: ${mode.value}\`, which reports a job outside its manifest and does not stop it`,
        };
    const input = gateInputProblem(first);
    if (input)
        return {
            subject: 'with',
            line: input.line,
            text: first.withExpression
                ? `its actions/enforce step takes \`with: ${input.value}\`, inputs known only at run time, which can say \`mode: audit\` or another manifest`
                : `its actions/enforce step has the input '${input.value}', which is not one of ${[...GATE_INPUTS].join(', ')}: the runner may read it as one of them (an expression, or a name another reader folds to one)`,
        };
    // `env:` (workflow, job or step) naming the runner's variables, Node's loader or TLS settings, or a
    // proxy points the gate at another API, token endpoint or event payload.
    const env = first.redirectingEnv?.[0];
    if (env) {
        // The job container's options, volumes or expression (session 10) read apart from `env:` names.
        const all = first.redirectingEnv;
        const names = all.filter((e) => !/^(?:container|service)/.test(e.value));
        const container = all.filter((e) => e.value.startsWith('container'));
        // Services reaching the runner's host (session 11): they run before the first step.
        const services = all.filter((e) => /^service/.test(e.value));
        const parts = [
            ...(names.length
                ? [
                    `runs with \`env:\` ${names.map((e) => `'${e.value}'`).join(', ')} set by the workflow, which can point the gate at another API, token endpoint or event payload${names.some((e) => e.value.includes('${{')) ? " (a name written as an expression is known only at run time, and `${{ insert }}` sets any names: write each variable's name out)" : ''}`,
                ]
                : []),
            ...(container.length
                ? [
                    `runs in a job container whose ${container.map((e) => e.value).join('; ')}: set as \`env:\` is, or replacing what runs, they let the workflow decide what the gate reads and runs (fix: set the container's variables in its \`env:\`, none that redirects the gate, and drop that option, volume or expression)`,
                ]
                : []),
            ...(services.length
                ? [
                    `runs after the job's ${services.map((e) => e.value).join('; ')}: started before the first step, such a service can rewrite the gate's files or the event payload it reads (fix: drop the service's volumes and those options, or run it in a job without the gate's trust)`,
                ]
                : []),
        ];
        return { subject: 'env', line: env.line, text: `its actions/enforce step ${parts.join('; it also ')}` };
    }
    // The gate stops the job by failing; a later step whose `if:` runs after a failure (always(),
    // failure(), cancelled(), !success()) still runs with the job's token and secrets. actions/audit is
    // meant to run so (it revokes and reports).
    const after = job.steps.slice(1).find((s) => runsAfterFailure(s, gates));
    if (after?.if)
        return {
            subject: 'runs-after-denial',
            line: after.if.line,
            text: `step ${after.index + 1} has \`if: ${after.if.value}\`, so it runs after actions/enforce has stopped the job, with the job's token and secrets`,
        };
    return undefined;
}
/**
 * stepwarden's own actions/audit (`ownAction`), under the same pins as the gate: the exemption below
 * trusts it to run after a denial, so with `enforce-repositories` set a local copy, which a pull
 * request can write itself, is not exempt.
 */
function isAuditStep(uses, repositories = []) {
    return (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_1__/* .ownAction */ .Td)(uses, repositories) === 'audit';
}
/**
 * A step that still runs when an earlier step (the gate) failed the job: its `if:` uses always(),
 * failure(), cancelled() or !success(). actions/audit is meant to (it revokes and reports).
 * Shared by this rule and the access diff's view of the gate.
 */
function runsAfterFailure(step, repositories = []) {
    if (!step.if || !(0,_workflow_status_functions_js__WEBPACK_IMPORTED_MODULE_2__/* .ifRunsAfterFailure */ .Y)(step.if.value))
        return false;
    // The audit step is exempt only as it is: an `env:` that redirects it (`BASH_FUNC_node%%`,
    // `NODE_OPTIONS`, env-keys.ts) makes it run the workflow's code after the denial (session 9).
    return !isAuditStep(step.uses, repositories) || !!step.redirectingEnv?.length;
}


/***/ }),

/***/ 57351:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ isPinned),
/* harmony export */   k: () => (/* binding */ unpinnedAction)
/* harmony export */ });
/* harmony import */ var _workflow_uses_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68632);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65347);


const SHA = /@[0-9a-f]{40}$/;
const DIGEST = /@sha256:[0-9a-f]{64}$/;
/** Where the `@` of each pin stands, counted from the end: `@` + 40 hex, `@sha256:` + 64 hex. */
const SHA_AT = 41;
const DIGEST_AT = 72;
const AT = 0x40;
/**
 * Whether a `uses:` reference is pinned to an immutable version. Local paths need no pin.
 * Each expression matches only at the end of the text, so its `@` stands at a fixed distance from
 * the end: a reference without one there (a tag or a branch: about half the corpus's 14,000
 * references) is unpinned without running the expression, which tried each `@` of the text.
 */
function isPinned(uses) {
    if ((0,_workflow_uses_js__WEBPACK_IMPORTED_MODULE_0__/* .localUses */ .ms)(uses) !== undefined)
        return true; // this repository at the running commit
    if (uses.startsWith('docker://'))
        return uses.charCodeAt(uses.length - DIGEST_AT) === AT && DIGEST.test(uses);
    return uses.charCodeAt(uses.length - SHA_AT) === AT && SHA.test(uses);
}
const unpinnedAction = {
    meta: {
        id: 'unpinned-action',
        severity: 'error',
        title: 'Action or reusable workflow not pinned to a commit SHA',
        summary: 'A remote `uses:` not pinned to a full 40-hex commit SHA, or `docker://` without an `@sha256:` digest.',
        help: `Tags and branches move. In March 2025 the tags of \`tj-actions/changed-files\` were repointed to a commit that dumped
every secret of every job using it; jobs pinned to a commit SHA were not affected.

A local Docker action (\`uses: ./path\` whose \`action.yml\` says \`image: docker://IMAGE\`) pulls IMAGE as a
\`docker://\` step does, so it needs an \`@sha256:\` digest too; the finding names the action file's line. An
\`image: Dockerfile\` builds from the repository at the running commit: its \`FROM\` is not checked, as a job's
\`container:\` or \`services:\` image is not (pin them by digest yourself).

**Fix:** pin to the full commit SHA and keep the version in a comment (\`uses: actions/checkout@<40-hex> # v4.2.2\`);
Dependabot and Renovate update such pins. Set \`policy.require-pinned-actions: false\` in the manifest only if the
organization does not require pinning.`,
    },
    check(ctx) {
        if (!ctx.policy.requirePinnedActions)
            return [];
        // Every action of every job, by index into one list: no iterator or array per job (session 27).
        const out = [];
        const workflows = ctx.workflows;
        for (let w = 0, nw = workflows.length; w < nw; w++) {
            const wf = workflows[w];
            const jobs = wf.jobs;
            for (let j = 0, nj = jobs.length; j < nj; j++) {
                const job = jobs[j];
                const actions = job.actions;
                for (let i = 0, n = actions.length; i < n; i++) {
                    const a = actions[i];
                    if (isPinned(a.uses))
                        continue;
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                        workflow: wf.file,
                        job: job.id,
                        subject: a.uses,
                        file: wf.path,
                        line: a.line,
                        message: (a.kind === 'docker'
                            ? `'${a.uses}' is not pinned to an image digest (@sha256:...)`
                            : `'${a.uses}' is not pinned to a full commit SHA`) + (0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .viaAction */ .Zi)(a),
                    }));
                }
            }
        }
        return out;
    },
};


/***/ }),

/***/ 33248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ unusedGrant)
/* harmony export */ });
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48276);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65347);
/* harmony import */ var _credential_step_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74939);



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
        const accessesOf = (0,_credential_step_js__WEBPACK_IMPORTED_MODULE_2__/* .accessesByJob */ .de)(ctx.jobs);
        const wfKeys = Object.keys(m.manifest.workflows);
        for (let wfI = 0; wfI < wfKeys.length; wfI++) {
            const wf = wfKeys[wfI];
            const entry = m.manifest.workflows[wf];
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
            const accessesOfWorkflow = accessesOf.get(wf);
            const jobKeys = Object.keys(entry.jobs);
            for (let jobI = 0; jobI < jobKeys.length; jobI++) {
                const job = jobKeys[jobI];
                const j = entry.jobs[job];
                // Asked of every job of the manifest: no key path, set or callback unless there is a finding
                // or something of that kind to judge.
                const jobModel = jobById(model.jobs, job);
                const accesses = accessesOfWorkflow?.get(job) ?? NO_ACCESSES;
                if (!jobModel || accesses.length === 0) {
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                        workflow: wf,
                        job,
                        subject: job,
                        file: m.file,
                        line: m.lineOf(jobPath(wf, job)),
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
                // One finding per job, every scope in it (a `write-all` grant to a job holding little would
                // otherwise give one per scope), at the first such scope's line.
                // Indexed over the keys, a pair only for a scope above: asked of every job of the manifest.
                const granted = j.permissions;
                const grantedScopes = Object.keys(granted);
                // The list only for a job with a scope above (most have none).
                let above;
                for (let i = 0; i < grantedScopes.length; i++) {
                    const scope = grantedScopes[i];
                    const level = granted[scope];
                    if (level !== held[scope] && (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(level) > (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(held[scope]))
                        (above ??= []).push([scope, level]);
                }
                if (above) {
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                        workflow: wf,
                        job,
                        subject: above.map(([scope]) => scope).join(', '),
                        file: m.file,
                        line: m.lineOf(jobPath(wf, job, 'permissions', above[0][0])),
                        message: `job '${job}' is granted ${above.map(([s, l]) => `${s}: ${l}`).join(', ')} but holds ${above.map(([s]) => `${s}: ${held[s]}`).join(', ')}`,
                    }));
                }
                // What the job uses, gathered only when the manifest declares something of that kind.
                if (j.secrets.length) {
                    const referenced = accesses.flatMap((a) => a.secrets.map((s) => s.value));
                    const inherits = accesses.some((a) => a.secretsInherit);
                    j.secrets.forEach((s, i) => {
                        const used = s === 'inherit' ? inherits : (0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .includesCaseless */ .zR)(referenced, s);
                        if (!used) {
                            out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                                workflow: wf,
                                job,
                                subject: s,
                                file: m.file,
                                line: m.lineOf(jobPath(wf, job, 'secrets', i)),
                                message: s === 'inherit'
                                    ? `job '${job}' may use secrets: inherit but does not`
                                    : `job '${job}' declares secret '${s}' but never references it`,
                            }));
                        }
                    });
                }
                if (j.environments.length) {
                    // A name the job's matrix or a caller gives its expression is used too (sessions 17, 34, 36).
                    const envs = accesses.flatMap((a) => [
                        ...a.environments.map((e) => e.value),
                        ...(a.environmentValues ?? []).map((e) => e.value),
                    ]);
                    j.environments.forEach((e, i) => {
                        if (!(0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .includesCaseless */ .zR)(envs, e)) {
                            out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)(this.meta, {
                                workflow: wf,
                                job,
                                subject: e,
                                file: m.file,
                                line: m.lineOf(jobPath(wf, job, 'environments', i)),
                                message: `job '${job}' declares environment '${e}' but does not use it`,
                            }));
                        }
                    });
                }
                if (j.credentials.length) {
                    const stepNames = new Set();
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
                                line: m.lineOf(jobPath(wf, job, 'credentials', i, 'step')),
                                message: `credential grant for step '${g.step}': job '${job}' has no step with that id or name`,
                            }));
                        }
                    });
                }
            }
        }
        return out;
    },
};
const NO_ACCESSES = [];
/** The job of that id, by index (no callback per job). */
function jobById(jobs, id) {
    for (let i = 0; i < jobs.length; i++)
        if (jobs[i].id === id)
            return jobs[i];
    return undefined;
}
/** A job's key path in the manifest, and what follows it. */
function jobPath(wf, job, ...rest) {
    return ['workflows', wf, 'jobs', job, ...rest];
}


/***/ }),

/***/ 25470:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k_: () => (/* binding */ runCheck)
});

// UNUSED EXPORTS: jobReport, uniqueValues

// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(48276);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(13966);
// EXTERNAL MODULE: ./shared/workflow/access.ts
var access = __webpack_require__(56518);
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

// EXTERNAL MODULE: ./shared/check/registry.ts + 21 modules
var registry = __webpack_require__(64126);
;// CONCATENATED MODULE: ./shared/check/run.ts
/**
 * The check, pure: workflows + manifest (+ org policy) -> jobs and findings. Loading is the caller's.
 */





/**
 * The distinct values of `xs`, in order of first appearance, in one pass: no mapped array and no
 * set for the short lists nearly every job has (`includes` compares as a Set does, SameValueZero).
 */
function uniqueValues(xs, value) {
    const out = [];
    if (xs.length > 16) {
        const seen = new Set();
        for (let i = 0; i < xs.length; i++) {
            const v = value(xs[i]);
            if (!seen.has(v)) {
                seen.add(v);
                out.push(v);
            }
        }
        return out;
    }
    for (let i = 0; i < xs.length; i++) {
        const v = value(xs[i]);
        if (!out.includes(v))
            out.push(v);
    }
    return out;
}
const locatedValue = (x) => x.value;
const usesOf = (x) => x.uses;
/** The JSON contract's view of one job: scopes above none, names deduplicated in order of appearance. */
function jobReport(a) {
    const permissions = (0,scopes/* compact */.oE)(a.permissions);
    const secrets = uniqueValues(a.secrets, locatedValue);
    const environments = uniqueValues(a.environments, locatedValue);
    const triggers = uniqueValues(a.triggers, locatedValue);
    const actions = uniqueValues(a.actions, usesOf);
    // Two literals, not a spread of an optional `via`: the key order is the JSON contract's either way.
    return a.via
        ? {
            workflow: a.workflow,
            job: a.job,
            via: `${a.via.workflow}/${a.via.job}`,
            permissions,
            secrets,
            environments,
            triggers,
            actions,
        }
        : { workflow: a.workflow, job: a.job, permissions, secrets, environments, triggers, actions };
}
/**
 * The whole check, pure: every rule of the registry over one context, findings sorted by file, line,
 * rule and subject so that output is byte-stable whatever order files were read in.
 */
function runCheck(input) {
    const policy = (0,effective_policy/* effectivePolicy */.Ci)(input.manifest.manifest, input.org?.value);
    const resolved = input.jobs
        ? undefined
        : (0,access/* resolveAccessDetailed */.dK)(input.workflows, policy.repositoryDefault, {
            self: input.manifest.manifest.repository?.name,
        });
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
/* harmony export */   QO: () => (/* binding */ parseWorkflowRef),
/* harmony export */   gX: () => (/* binding */ callerJobNeeded)
/* harmony export */ });
/* harmony import */ var _claims_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14120);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56863);


const REF = /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+\.ya?ml)@(.+)$/;
/**
 * `o/r/.github/workflows/release.yml@x.yml@refs/heads/f` reads two ways: `release.yml` at
 * `x.yml@refs/heads/f`, or the file `release.yml@x.yml` (git allows `@` in a name) at `refs/heads/f`.
 * Split at the first `@` it would take `release.yml`'s grants for another file's job, so such a claim
 * names no workflow file (refused, as the enforce gate refuses it: shared/enforce/github-source.ts).
 */
const AMBIGUOUS_REF = /^[^/\s]*\.ya?ml@/i;
function parseWorkflowRef(raw) {
    const m = REF.exec(raw);
    if (!m || AMBIGUOUS_REF.test(m[3]))
        return undefined;
    return { repository: m[1], file: m[2], ref: m[3], raw };
}
const hasKey = (o, k) => o && Object.hasOwn(o, k) ? o[k] : undefined;
/** The same-repository reusable call a token makes (caller file != callee file, same ref), if any. */
function reusableCall(claims) {
    const repository = (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiLower */ .F)((0,_claims_js__WEBPACK_IMPORTED_MODULE_1__/* .claimString */ .e)(claims, 'repository') ?? '');
    const caller = parseWorkflowRef((0,_claims_js__WEBPACK_IMPORTED_MODULE_1__/* .claimString */ .e)(claims, 'workflow_ref') ?? '');
    const callee = parseWorkflowRef((0,_claims_js__WEBPACK_IMPORTED_MODULE_1__/* .claimString */ .e)(claims, 'job_workflow_ref') ?? '');
    if (!caller || !callee || caller.file === callee.file)
        return undefined;
    if ((0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiLower */ .F)(caller.repository) !== repository || (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiLower */ .F)(callee.repository) !== repository)
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
    const repository = (0,_claims_js__WEBPACK_IMPORTED_MODULE_1__/* .claimString */ .e)(claims, 'repository') ?? '';
    const wfRaw = (0,_claims_js__WEBPACK_IMPORTED_MODULE_1__/* .claimString */ .e)(claims, 'workflow_ref');
    const jobRaw = (0,_claims_js__WEBPACK_IMPORTED_MODULE_1__/* .claimString */ .e)(claims, 'job_workflow_ref');
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
    // ASCII case only: a Unicode fold (U+212A to k) must not make another repository's workflow ours.
    const same = (a, b) => (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiLower */ .F)(a) === (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiLower */ .F)(b);
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

/***/ 14120:
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

/***/ 84746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ findOrgGrant),
/* harmony export */   u: () => (/* binding */ narrowGrant)
/* harmony export */ });
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7071);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56863);


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
/* harmony export */   Df: () => (/* binding */ ORG_POLICY_REPO),
/* harmony export */   yo: () => (/* binding */ reachProblems)
/* harmony export */ });
/* unused harmony exports REPOSITORY_PERMISSIONS, isOrganizationPermission */
/* harmony import */ var _permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11923);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56863);
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
/**
 * The repository of the owner that holds the organization policy (`stepwarden/org-policy.yml`, read by
 * the broker with `org-policy: { source: github }`; also the owner's community files). A grant that can
 * write it can rewrite the policy and give its repository what the organization never consented to, so
 * a consent reaches it only by naming it: a glob (`*`, "every repository") does not.
 */
const ORG_POLICY_REPO = '.github';
/** Whether a consent's `to` entry reaches repository `r` (a name of the same owner). */
function reaches(to, r) {
    if ((0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(r) === ORG_POLICY_REPO)
        return (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(to) === ORG_POLICY_REPO;
    return (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .globMatch */ .eu)(to, r, { nocase: true });
}
const rank = (l) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);
/**
 * What a grant of `repository` (owner/repo) covering `repositories` (names; `self` already resolved
 * or not) with `permissions` reaches without the organization's consent. Without an org policy
 * nothing beyond the repository is allowed.
 */
function reachProblems(input) {
    const [owner = '', name = ''] = input.repository.split('/');
    // A rule names its repository by name (a glob) and, when it says `repository-id`, by id too: a
    // repository re-created or renamed into the name has another id and does not inherit the rule.
    const from = (rule) => (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .globMatch */ .eu)(rule.from, input.repository, { nocase: true }) &&
        (rule['repository-id'] === undefined || rule['repository-id'] === input.repositoryId);
    // A rule that names the repository but another id: said in the refusal, it is the telling case.
    const idMismatch = (rules) => {
        const r = rules?.find((x) => (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .globMatch */ .eu)(x.from, input.repository, { nocase: true }) &&
            x['repository-id'] !== undefined &&
            x['repository-id'] !== input.repositoryId);
        return r
            ? ` (a rule for ${r.from} names repository-id ${r['repository-id']}, but this repository's id is ${input.repositoryId ?? 'unknown'})`
            : '';
    };
    const out = [];
    const cross = input.org?.['allow-cross-repository'];
    const where = input.org
        ? `the organization policy${input.orgFile ? ` (${input.orgFile})` : ''}`
        : 'no organization policy';
    for (const r of input.repositories) {
        // ASCII case only: `String#toLowerCase` folds U+212A (Kelvin sign) into `k`, so `\u212Aube` was
        // taken for the repository `kube` itself and needed no consent.
        if (r === 'self' || (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(r) === (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(name))
            continue;
        const ok = cross?.allow.some((rule) => from(rule) && rule.to.some((t) => reaches(t, r)));
        const policyRepo = (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(r) === ORG_POLICY_REPO;
        // The policy repository matched by a glob only, or opened by `mode: audit` (session 24: a rollout
        // setting for consents must not let any repository rewrite the policy, and through it the
        // sections that are enforced): refused whatever the mode, saying why that is not consent.
        const byGlob = !ok &&
            policyRepo &&
            cross?.allow.some((rule) => from(rule) && rule.to.some((t) => (0,_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .globMatch */ .eu)(t, r, { nocase: true })));
        const mode = cross?.mode ?? 'enforce';
        if (!ok)
            out.push({
                kind: 'cross-repository',
                subject: r,
                code: 'ERR_CROSS_REPOSITORY_NOT_ALLOWED',
                mode: policyRepo ? 'enforce' : mode,
                message: byGlob || (policyRepo && mode === 'audit')
                    ? `${input.repository} may not hold credentials covering ${owner}/${r}: ${owner}/${ORG_POLICY_REPO} holds the organization policy: only a rule whose to: names '${ORG_POLICY_REPO}' itself (not a glob such as '*'${mode === 'audit' ? ", and not allow-cross-repository's mode: audit" : ''}) reaches it (${input.orgFile ?? 'the organization policy'})`
                    : `${input.repository} may not hold credentials covering ${owner}/${r}: ${where} has no allow-cross-repository rule { from: ${input.repository}, to: [${r}] }${idMismatch(cross?.allow)}`,
            });
    }
    const orgPerms = input.org?.['allow-organization-permissions'];
    for (const [p, level] of Object.entries(input.permissions)) {
        if (!isOrganizationPermission(p))
            continue;
        const ok = orgPerms?.allow.some((rule) => from(rule) && rank(level) <= rank(rule.permissions[p]));
        if (!ok)
            out.push({
                kind: 'organization-permission',
                subject: `${p}:${level}`,
                code: 'ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED',
                mode: orgPerms?.mode ?? 'enforce',
                message: `${p}: ${level} reaches beyond ${input.repository} (an organization-level permission): ${where} has no allow-organization-permissions rule for it${idMismatch(orgPerms?.allow)}`,
            });
    }
    return out;
}


/***/ }),

/***/ 39568:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tb: () => (/* binding */ refProblem),
/* harmony export */   _g: () => (/* binding */ OUTSIDE_EVENTS),
/* harmony export */   pG: () => (/* binding */ DEFAULT_BRANCH_EVENTS)
/* harmony export */ });
/* unused harmony export malformedRef */
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56863);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29084);


/**
 * Events people outside the repository trigger, each running default-branch code (with its secrets
 * and `id-token`) on their input: a fork's `pull_request_target`, the `workflow_run` after a fork's
 * pull request, comments, issues, discussions, forks and stars, wiki edits, and the statuses and checks
 * CI services post for a fork's pull request. A grant is claimable on them only
 * where a `when.event` (the grant's or its job's) names the event.
 */
const OUTSIDE_EVENTS = [
    'pull_request_target',
    'workflow_run',
    'issue_comment',
    'issues',
    'discussion',
    'discussion_comment',
    'fork',
    'watch',
    // Session 8: a public repository's wiki may be editable by any signed-in user (a setting the broker
    // cannot see); statuses and checks for a fork's pull request are posted by CI services and Apps
    // on the fork author's behalf. Each runs default-branch code with `id-token`.
    'gollum',
    'status',
    'check_run',
    'check_suite',
];
/**
 * Events whose runs are always at the default branch (`ref` = `refs/heads/<default branch>`: GitHub's
 * "Events that trigger workflows", GITHUB_REF "Default branch"). Only events the docs say so of are
 * listed: `workflow_dispatch` runs at the ref it is dispatched on, `pull_request_target` at the pull
 * request's base, `merge_group` at its queue ref; `delete` and `page_build` are left out (not relied on).
 * The check's unreachable-condition reads it when the manifest names the default branch.
 */
const DEFAULT_BRANCH_EVENTS = [
    'schedule',
    'repository_dispatch',
    'workflow_run',
    'issues',
    'issue_comment',
    'label',
    'milestone',
    'discussion',
    'discussion_comment',
    'fork',
    'watch',
    'gollum',
    'public',
    'project',
    'project_card',
    'project_column',
    'branch_protection_rule',
    'check_run',
    'check_suite',
    'status',
];
/**
 * Why `ref` is not a ref a run is at (git check-ref-format with a `refs/` prefix), or undefined.
 * Unicode letters are allowed (git allows them; a look-alike simply matches no pattern).
 */
function malformedRef(ref) {
    if (!ref.startsWith('refs/'))
        return 'does not start with refs/';
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref))
        return 'holds a space, a control character or one of ~ ^ : ? * [ \\ (git refuses them in ref names)';
    if (ref.includes('..'))
        return 'holds .. (git refuses it in ref names)';
    if (ref.includes('@{'))
        return 'holds @{ (git refuses it in ref names)';
    if (ref.endsWith('/') || ref.includes('//'))
        return 'has an empty path segment';
    if (ref.endsWith('.'))
        return 'ends with a dot';
    for (const segment of ref.split('/'))
        if (segment.startsWith('.') || segment.endsWith('.lock'))
            return `has a segment ${JSON.stringify((0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(segment))} starting with . or ending with .lock`;
    return undefined;
}
/**
 * Why a token's `ref` cannot be judged (malformed; `ref_type` names the other kind; `workflow_ref`
 * runs the workflow at another ref), or undefined. A missing `ref_type` or `workflow_ref` says
 * nothing against it (the workflow refs are required by the decision before any condition).
 */
function refProblem(ref, refType, workflowRef) {
    const malformed = malformedRef(ref);
    if (malformed)
        return `is not a well-formed ref: it ${malformed}`;
    const tag = ref.startsWith('refs/tags/');
    // Read as the kind it names in any ASCII case or padding: `BRANCH` beside a tag ref still says
    // the other kind (GitHub sends neither; it must not pass where `branch` is refused).
    const kind = refType === undefined ? undefined : (0,_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiLower */ .F)(refType.trim());
    if ((kind === 'tag' && !tag) || (kind === 'branch' && tag))
        return `is not a ${kind} (the token's ref_type ${JSON.stringify((0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(refType.slice(0, 16)))}), so the token does not say which ref runs`;
    if (workflowRef && workflowRef.ref !== ref)
        return `is not the ref the workflow runs at: workflow_ref runs ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(workflowRef.file)} at ${(0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(workflowRef.ref)}`;
    return undefined;
}


/***/ }),

/***/ 87348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ sha256Bytes),
/* harmony export */   f: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * SHA-256 of a string, one-shot `crypto.hash` where Node has it (20.12+): no Hash object per call
 * (about 0.9 \u00b5s against 2-2.6 for createHash().update().digest() on a 600-character token, session
 * 29). Hashed per exchange (the memory store's keys, each credential's token hash) and per SARIF
 * finding (its fingerprint): one piece for both.
 */

const oneShot = node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash;
/** The digest's 32 bytes. */
const sha256Bytes = oneShot
    ? (s) => oneShot('sha256', s, 'buffer')
    : (s) => node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('sha256').update(s).digest();
/** The digest in lower-case hex. */
const sha256Hex = oneShot
    ? (s) => oneShot('sha256', s, 'hex')
    : (s) => node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('sha256').update(s).digest('hex');


/***/ }),

/***/ 13966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ci: () => (/* binding */ effectivePolicy),
/* harmony export */   Fq: () => (/* binding */ triggerAllowed),
/* harmony export */   bV: () => (/* binding */ actionAllowed),
/* harmony export */   yY: () => (/* binding */ EXPLICIT_ONLY_TRIGGERS)
/* harmony export */ });
/* unused harmony exports actionName, dockerImageName */
/* harmony import */ var _conditions_glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56863);
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48276);
/* harmony import */ var _workflow_uses_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(68632);
/**
 * The policy a repository actually runs under: its manifest narrowed by the organization ceiling.
 * A repository manifest can only narrow the ceiling, never widen it. Pure.
 */



function effectivePolicy(manifest, org) {
    const both = (m, o) => [m, o].filter((l) => l !== undefined);
    return {
        repositoryDefault: manifest.policy['repository-default-permissions'],
        requirePinnedActions: manifest.policy['require-pinned-actions'] || (org?.['require-pinned-actions'] ?? false),
        allowedActions: both(manifest.policy['allowed-actions'], org?.['allowed-actions']),
        requireEnforce: manifest.policy['require-enforce'] === true || org?.['require-enforce'] === true,
        enforceRepositories: both(manifest.policy['enforce-repositories'], org?.['enforce-repositories']),
        forbiddenTriggers: org?.['forbidden-triggers'] ?? [],
        ...(org?.['max-permissions'] ? { maxPermissions: (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .fromMap */ .xY)(org['max-permissions']) } : {}),
        ...(org?.['max-credential-permissions']
            ? { maxCredentialPermissions: org['max-credential-permissions'] }
            : {}),
        ...(org?.['max-credential-ttl'] !== undefined ? { maxCredentialTtl: org['max-credential-ttl'] } : {}),
    };
}
/** Events that need an explicit listing: they run with write tokens and secrets on untrusted input. */
const EXPLICIT_ONLY_TRIGGERS = ['pull_request_target', 'workflow_run'];
/** Whether a workflow entry allows an event; without `triggers`, all but the explicit-only ones. */
function triggerAllowed(entry, event) {
    if (entry?.triggers)
        return entry.triggers.includes(event);
    return !EXPLICIT_ONLY_TRIGGERS.includes(event);
}
/** `owner/repo[/path]@ref` -> `owner/repo[/path]`; docker and local references are not matched. */
function actionName(uses) {
    if ((0,_workflow_uses_js__WEBPACK_IMPORTED_MODULE_2__/* .localUses */ .ms)(uses) !== undefined || uses.startsWith('docker://'))
        return undefined;
    const at = uses.indexOf('@');
    return at > 0 ? uses.slice(0, at) : uses;
}
/**
 * Case-insensitive like GitHub's owner/repo names; `*` never crosses `/`, so `actions/*` does not admit
 * `actions/x/evil`'s owner. The condition globs' matcher (docs/manifest.md, "Glob patterns"): until
 * session 21 these went to picomatch with its defaults, where braces expanded and a leading `!`
 * negated (`!evil/*` admitted every other action), forms the docs list for no pattern.
 */
const matcher = (pattern) => (s) => (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .globMatch */ .eu)(pattern, s, { nocase: true });
/**
 * `docker://[registry/]path[:tag][@digest]` -> `docker://[registry/]path`, lowercased (image names
 * are); undefined for anything else.
 */
function dockerImageName(uses) {
    if (!uses.startsWith('docker://'))
        return undefined;
    let ref = uses.slice('docker://'.length);
    const at = ref.indexOf('@');
    if (at !== -1)
        ref = ref.slice(0, at);
    // A tag is a `:` after the last `/` (a `:` before it is a registry port).
    const colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/'))
        ref = ref.slice(0, colon);
    return `docker://${ref.toLowerCase()}`;
}
/**
 * Whether a `uses:` reference is allowed by every list. A pattern matches the `owner/repo` part or the
 * whole `owner/repo/path` (so `github/codeql-action/*` admits `github/codeql-action/init`, and
 * `actions/checkout` admits only that repository \u2014 never `actions/checkout-evil`). A `docker://` image
 * runs code like an action does: once a list is set it needs a `docker://` pattern of that list
 * (`docker://ghcr.io/my-org/*`), matched against the image without its tag or digest. Local
 * references are this repository's own code and are not listed.
 */
function actionAllowed(uses, lists) {
    if (lists.length === 0)
        return true;
    const image = dockerImageName(uses);
    if (image !== undefined)
        return lists.every((patterns) => patterns.some((p) => p.toLowerCase().startsWith('docker://') && matcher(p)(image)));
    const name = actionName(uses);
    if (name === undefined)
        return true;
    const repo = name.split('/').slice(0, 2).join('/');
    return lists.every((patterns) => patterns.some((p) => matcher(p)(repo) || matcher(p)(name)));
}


/***/ }),

/***/ 66831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   pA: () => (/* binding */ nearest)
/* harmony export */ });
/* unused harmony export formatProblems */
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(64732);
/** Manifest and policy errors: every problem at once, each with file, line and the fix. */

/** A manifest, policy or config file that cannot be used; `code` says which kind. */
class ManifestError extends Error {
    problems;
    code;
    constructor(problems, code = 'ERR_MANIFEST_INVALID') {
        super(formatProblems(problems));
        this.problems = problems;
        this.code = code;
        this.name = 'ManifestError';
    }
}
function formatProblems(problems) {
    // One line per problem: keys and paths come from the (possibly hostile) file and reach runner logs.
    return problems
        .map((p) => (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(`${p.file}:${p.line}: ${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`))
        .join('\n');
}
/** Levenshtein distance, small inputs only (key names). */
function distance(a, b) {
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}
/** The closest valid name, when it is close enough to be a likely typo. */
function nearest(word, choices) {
    let best;
    let bestD = Infinity;
    for (const c of choices) {
        const d = distance(word.toLowerCase(), c.toLowerCase());
        if (d < bestD) {
            bestD = d;
            best = c;
        }
    }
    return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}


/***/ }),

/***/ 36454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  eY: () => (/* binding */ loadManifest),
  Vf: () => (/* binding */ loadOrgPolicy),
  yv: () => (/* binding */ loadYaml),
  WI: () => (/* binding */ readManifest)
});

// EXTERNAL MODULE: ./shared/yaml/own-key.ts
var own_key = __webpack_require__(90842);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(48276);
// EXTERNAL MODULE: ./shared/permissions/app-permissions.ts
var app_permissions = __webpack_require__(11923);
// EXTERNAL MODULE: ./shared/yaml/located.ts + 2 modules
var located = __webpack_require__(24325);
// EXTERNAL MODULE: ./shared/manifest/errors.ts
var errors = __webpack_require__(66831);
// EXTERNAL MODULE: ./shared/workflow/job-id.ts
var job_id = __webpack_require__(93387);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var manifest_schema = __webpack_require__(7071);
;// CONCATENATED MODULE: ./shared/manifest/fast-jobs.ts
/**
 * `manifestSchema.safeParse`, with the jobs of the one plain shape `stepwarden init` writes judged
 * here instead of by zod: `{ permissions: WORD, secrets?: [NAME, \u2026], environments?: [NAME, \u2026] }` under
 * a valid job id. zod's record and object paths cost about 10 \u00b5s a job without Turbofan (the check
 * runs without it, session 21), nearly as much for an empty job as for a full one, and an `init`-written
 * manifest of a large repository is thousands of such jobs (session 30).
 *
 * zod stays the judge: a job is taken here only when zod would accept it, and its output is what
 * zod's would be (tests/manifest/s30-fast-jobs compares the two over generated manifests, valid and
 * not). Anything else (a map of scopes, credentials, `when`, a key of another type, a value of
 * another kind) is left in the input zod reads. A valid job left out of zod's input adds no issue
 * and changes no other one's path or order, and the output's jobs are put back in their input order.
 */


/** `o[key] = value` as an own property, whatever the key (`__proto__` would set the prototype). */
const fast_jobs_define = (o, key, value) => Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
const isPlain = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
/** A list of non-empty strings, copied; undefined for anything else. */
function names(v) {
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype)
        return undefined;
    const out = [];
    for (let i = 0; i < v.length; i++) {
        if (!Object.hasOwn(v, i))
            return undefined;
        const s = v[i];
        if (typeof s !== 'string' || s.length === 0)
            return undefined;
        out.push(s);
    }
    return out;
}
/** What zod makes of a job of the plain shape (shape order, defaults filled); undefined for any other job. */
function plainJob(id, v) {
    if (!job_id/* JOB_ID */.mu.test(id) || (0,job_id/* jobIdProblem */.M3)(id) !== undefined || !isPlain(v))
        return undefined;
    let permissions;
    let secrets = [];
    let environments = [];
    const keys = Object.keys(v);
    // Own symbol keys or non-enumerable ones are nothing a YAML reader makes; zod would be asked.
    if (Reflect.ownKeys(v).length !== keys.length)
        return undefined;
    for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const value = v[key];
        if (key === 'permissions') {
            if (typeof value !== 'string' || !Object.hasOwn(manifest_schema/* PERMISSION_SHORTHANDS */.BR, value))
                return undefined;
            permissions = value;
        }
        else if (key === 'secrets' || key === 'environments') {
            const list = names(value);
            if (!list)
                return undefined;
            if (key === 'secrets')
                secrets = list;
            else
                environments = list;
        }
        else
            return undefined;
    }
    if (permissions === undefined)
        return undefined;
    return { permissions: (0,manifest_schema/* expandPermissionShorthand */.VQ)(permissions), secrets, environments, credentials: [] };
}
/**
 * What zod makes of a workflow entry that is nothing but plain jobs and, optionally, `triggers` (a
 * list of non-empty names): `{ triggers?, jobs }` in the shape's order, jobs in input order. Undefined
 * for any other entry, or when a job is not plain. Such entries are most of an `init`-written manifest:
 * taken whole, zod's record does not walk them at all (an entry with only its plain jobs taken still
 * cost an object, a record and an array parse apiece).
 */
function plainWorkflow(entry, jobs, ids, mine) {
    if (mine.size !== ids.length)
        return undefined;
    const keys = Object.keys(entry);
    if (Reflect.ownKeys(entry).length !== keys.length)
        return undefined;
    let triggers;
    for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (key === 'triggers') {
            triggers = names(entry[key]);
            if (!triggers)
                return undefined;
        }
        else if (key !== 'jobs')
            return undefined;
    }
    if (Reflect.ownKeys(jobs).length !== ids.length)
        return undefined;
    // Every id passed JOB_ID (plainJob), which refuses a leading `__`: none is `__proto__`, so a plain
    // store makes an own key (`define`'s descriptor costs a runtime call per job).
    const all = {};
    for (let j = 0; j < ids.length; j++)
        all[ids[j]] = mine.get(ids[j]);
    return triggers ? { triggers, jobs: all } : { jobs: all };
}
/** `manifestSchema.safeParse(data)`: the same success, data and issues. */
function parseManifestData(data) {
    if (!isPlain(data) || !Object.hasOwn(data, 'workflows') || !isPlain(data.workflows))
        return manifest_schema/* manifestSchema */.rc.safeParse(data);
    const workflows = data.workflows;
    const wfKeys = Object.keys(workflows);
    // Per workflow whose jobs were taken: its jobs' ids in input order, and the jobs taken.
    const taken = new Map();
    // Workflows taken whole, with zod's output for each.
    const whole = new Map();
    let reduced;
    for (let w = 0; w < wfKeys.length; w++) {
        const wf = wfKeys[w];
        const entry = workflows[wf];
        if (!isPlain(entry) || !Object.hasOwn(entry, 'jobs') || !isPlain(entry.jobs))
            continue;
        const jobs = entry.jobs;
        const ids = Object.keys(jobs);
        let mine;
        let left;
        for (let j = 0; j < ids.length; j++) {
            const id = ids[j];
            const job = plainJob(id, jobs[id]);
            if (job) {
                if (!mine) {
                    mine = new Map();
                    // The jobs before this one were left to zod.
                    left = {};
                    for (let k = 0; k < j; k++)
                        fast_jobs_define(left, ids[k], jobs[ids[k]]);
                }
                mine.set(id, job);
            }
            else if (left)
                fast_jobs_define(left, id, jobs[id]);
        }
        // A `__proto__` workflow is left to zod, which leaves it out of its output.
        const entire = wf === '__proto__' ? undefined : plainWorkflow(entry, jobs, ids, mine ?? new Map());
        if (entire) {
            whole.set(wf, entire);
            reduced ??= { ...workflows };
            delete reduced[wf];
            continue;
        }
        if (!mine)
            continue;
        taken.set(wf, { ids, jobs: mine });
        reduced ??= { ...workflows };
        fast_jobs_define(reduced, wf, { ...entry, jobs: left });
    }
    if (!reduced)
        return manifest_schema/* manifestSchema */.rc.safeParse(data);
    const result = manifest_schema/* manifestSchema */.rc.safeParse({ ...data, workflows: reduced });
    if (!result.success)
        return result;
    const out = result.data;
    for (const [wf, { ids, jobs }] of taken) {
        // A workflow zod left out of its output (a `__proto__` key) stays out.
        if (!Object.hasOwn(out.workflows, wf))
            continue;
        const judged = out.workflows[wf].jobs;
        const all = {};
        for (let j = 0; j < ids.length; j++) {
            const id = ids[j];
            const job = jobs.get(id);
            if (job)
                fast_jobs_define(all, id, job);
            // Likewise a job zod left out.
            else if (Object.hasOwn(judged, id))
                fast_jobs_define(all, id, judged[id]);
        }
        out.workflows[wf].jobs = all;
    }
    if (whole.size > 0) {
        // The workflows in their input order: those taken whole beside those zod judged.
        const judged = out.workflows;
        const all = {};
        for (let w = 0; w < wfKeys.length; w++) {
            const wf = wfKeys[w];
            const entire = whole.get(wf);
            if (entire)
                fast_jobs_define(all, wf, entire);
            else if (Object.hasOwn(judged, wf))
                fast_jobs_define(all, wf, judged[wf]);
        }
        out.workflows = all;
    }
    return result;
}

;// CONCATENATED MODULE: ./shared/manifest/load.ts
/**
 * Loading the manifest and the organization policy: YAML with positions -> zod validation -> plain
 * data plus a line look-up, or a ManifestError listing every problem with file, line and fix.
 */








/** Valid choices for an unknown key, from the schema's own tables where the path says which table. */
function keyChoices(path, schemaKeys) {
    const last = String(path[path.length - 1] ?? '');
    const inCredential = path.includes('credentials');
    if (last === 'permissions' || last === 'max-permissions') {
        return inCredential
            ? { choices: Object.keys(app_permissions/* APP_PERMISSIONS */.d), what: 'GitHub App permission' }
            : { choices: Object.keys(scopes/* SCOPES */.iW), what: 'scope' };
    }
    if (last === 'max-credential-permissions')
        return { choices: Object.keys(app_permissions/* APP_PERMISSIONS */.d), what: 'GitHub App permission' };
    return { choices: schemaKeys, what: 'key' };
}
function describeIssue(issue, file, src, knownKeys) {
    const path = issue.path;
    const where = path.map(String).join('.') || '(top level)';
    const line = (0,located/* lineAtPath */.f1)(src, path);
    switch (issue.code) {
        case 'unrecognized_keys':
            return issue.keys.map((key) => {
                const { choices, what } = keyChoices(path, knownKeys(path));
                const guess = (0,errors/* nearest */.pA)(key, choices);
                return {
                    file,
                    line: (0,located/* lineAtPath */.f1)(src, [...path, key]),
                    message: `unknown ${what} '${key}' in ${where}${guess ? ` (did you mean '${guess}'?)` : ''}`,
                    fix: `use one of: ${choices.join(', ')}`,
                };
            });
        case 'invalid_value': {
            const last = path[path.length - 1];
            const scopeName = typeof last === 'string' && (0,scopes/* isScope */.T2)(last) ? last : undefined;
            return [
                {
                    file,
                    line,
                    message: `invalid value at ${where}`,
                    fix: `use one of: ${issue.values.map((v) => String(v)).join(', ')}${scopeName ? ` (the levels '${scopeName}' accepts)` : ''}`,
                },
            ];
        }
        case 'invalid_type':
            return [
                {
                    file,
                    line,
                    message: `${where} must be ${article(issue.expected)}`,
                    fix: `write ${where} as ${article(issue.expected)}`,
                },
            ];
        case 'invalid_key': {
            // A key its record refuses (schema.ts jobKey): the refinement's words and fix, at the key's line.
            const inner = issue.issues.find((i) => i.code === 'custom') ?? issue.issues[0];
            if (inner)
                return describeIssue({ ...inner, path }, file, src, knownKeys);
            return [{ file, line, message: `${where}: ${issue.message}` }];
        }
        case 'custom': {
            // A refinement may carry its fix (schema.ts refuseGlobProblem).
            const fix = issue.params?.fix;
            return [
                { file, line, message: `${where}: ${issue.message}`, ...(typeof fix === 'string' ? { fix } : {}) },
            ];
        }
        default:
            return [{ file, line, message: `${where}: ${issue.message}` }];
    }
}
function article(expected) {
    if (expected === 'array')
        return 'a list';
    if (expected === 'object')
        return 'a mapping';
    return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
/** Keys a mapping at `path` accepts, read from the schema's shape (for "valid choices"). */
function shapeKeys(schema, path) {
    let s = schema;
    for (const key of path) {
        s = unwrap(s);
        const def = s.def;
        if (!def)
            return [];
        if (def.type === 'object' && def.shape)
            s = def.shape[String(key)];
        else if (def.type === 'record')
            s = def.valueType;
        else if (def.type === 'array')
            s = def.element;
        else
            return [];
    }
    s = unwrap(s);
    const shape = s?.def?.shape;
    return shape ? Object.keys(shape) : [];
}
function unwrap(s) {
    let cur = s;
    for (let i = 0; i < 8 && cur?.def; i++) {
        if (cur.def.type === 'optional' || cur.def.type === 'default' || cur.def.type === 'nullable')
            cur = cur.def.innerType;
        else if (cur.def.type === 'union' && cur.def.options?.[0]) {
            // The first mapping among the branches (a shorthand word has no keys to suggest).
            const options = cur.def.options;
            cur = options.find((o) => o?.def?.type === 'object') ?? options[0];
        }
        else
            break;
    }
    return cur;
}
function byLine(problems) {
    return [...problems].sort((a, b) => a.line - b.line);
}
/**
 * The value is what is validated and used; the tree only names lines, so it is built lazily, along
 * the paths a line look-up walks (a finding or an error), not for all of a 64,000-line manifest.
 */
function parseSource(text, file) {
    const parsed = (0,located/* parseLocatedYaml */.vJ)(text, { lazy: true });
    if (parsed.error)
        throw new errors/* ManifestError */.Sh([
            {
                file,
                line: parsed.error.line,
                message: parsed.error.kind === 'oversized'
                    ? `YAML not read: ${parsed.error.message}`
                    : `YAML syntax error: ${parsed.error.message}`,
            },
        ]);
    // zod leaves a `__proto__` key out of the maps it builds (so it cannot set a prototype): a job
    // with that valid id would lose its entry without a word. Refused by name instead.
    // A double-quoted key can spell it with escapes (`"__\x70roto__"`): any backslash walks too.
    const proto = text.includes('__proto__') || text.includes('\\') ? (0,own_key/* protoKeyPath */.l)(parsed.value) : undefined;
    if (proto)
        throw new errors/* ManifestError */.Sh([
            {
                file,
                line: (0,located/* lineAtPath */.f1)(parsed.root, proto),
                message: `the key '__proto__' (at ${proto.join('.')}) cannot be read safely: its entry would be dropped`,
                fix: 'rename it (for a job id, rename the job in its workflow too)',
            },
        ]);
    return { src: parsed.root, data: parsed.value };
}
function makeLoaded(value, file, src) {
    return { value, file, lineOf: (path) => (0,located/* lineAtPath */.f1)(src, path) };
}
/** The value at a key path, own keys only (a `__proto__` or `constructor` key is not walked into). */
function valueAt(data, path) {
    let node = data;
    for (const k of path) {
        if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, k))
            return undefined;
        node = node[k];
    }
    return node;
}
/** Union errors say little; re-validate a credential grant against the branch its `audience` selects. */
function grantIssues(data, path) {
    const node = valueAt(data, path);
    if (!node || typeof node !== 'object')
        return undefined;
    const audience = node.audience;
    const schema = audience === 'github' ? manifest_schema/* githubGrantSchema */.tn : manifest_schema/* serviceGrantSchema */.Xf;
    const r = schema.safeParse(node);
    if (r.success)
        return undefined;
    return r.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] }));
}
/**
 * A job's or the defaults' `permissions` is a map or a shorthand (a union): a mapping is judged as
 * a map, so its errors name the scope; anything else gets the choices.
 */
function permissionsProblems(data, path, file, src) {
    if (path[path.length - 1] !== 'permissions' || path.includes('credentials'))
        return undefined;
    const value = valueAt(data, path);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
        const r = manifest_schema/* permissionMapSchema */.h1.safeParse(value);
        if (r.success)
            return undefined;
        return r.error.issues.flatMap((i) => describeIssue({ ...i, path: [...path, ...i.path] }, file, src, (p) => shapeKeys(manifest_schema/* manifestSchema */.rc, p)));
    }
    const where = path.map(String).join('.');
    return [
        {
            file,
            line: (0,located/* lineAtPath */.f1)(src, path),
            message: `${where} must be a mapping of scopes or one of ${manifest_schema/* PERMISSION_SHORTHAND_NAMES */.tm.join(', ')}${typeof value === 'string' && /^[\w.-]{1,40}$/.test(value) ? `, not '${value}'` : ''}`,
            fix: `write scopes (e.g. \`${where.split('.').pop()}: { contents: read }\`) or one of: ${manifest_schema/* PERMISSION_SHORTHAND_NAMES */.tm.join(', ')}`,
        },
    ];
}
/** Parses and validates a manifest; throws ManifestError with every problem. Pure. */
function loadManifest(text, file) {
    const { src, data } = parseSource(text, file);
    const result = parseManifestData(data ?? {});
    const problems = [];
    if (!result.success) {
        for (const issue of result.error.issues) {
            const permissions = issue.code === 'invalid_union' ? permissionsProblems(data, issue.path, file, src) : undefined;
            if (permissions) {
                problems.push(...permissions);
                continue;
            }
            const specific = issue.code === 'invalid_union' && issue.path.includes('credentials')
                ? grantIssues(data, issue.path)
                : undefined;
            for (const i of specific ?? [issue])
                problems.push(...describeIssue(i, file, src, (p) => shapeKeys(manifest_schema/* manifestSchema */.rc, p)));
        }
        throw new errors/* ManifestError */.Sh(byLine(problems));
    }
    const manifest = result.data;
    // Asked of every job (thousands in a large manifest): by index, with no key path, set or callback
    // per job; a path is built only for a problem's line.
    const wfKeys = Object.keys(manifest.workflows);
    for (let w = 0; w < wfKeys.length; w++) {
        const wf = wfKeys[w];
        const jobs = manifest.workflows[wf].jobs;
        const jobKeys = Object.keys(jobs);
        for (let k = 0; k < jobKeys.length; k++) {
            const job = jobKeys[k];
            const j = jobs[job];
            const secrets = j.secrets;
            for (let i = 0; i < secrets.length; i++) {
                if (secrets[i].toUpperCase() === 'GITHUB_TOKEN') {
                    problems.push({
                        file,
                        line: (0,located/* lineAtPath */.f1)(src, ['workflows', wf, 'jobs', job, 'secrets', i]),
                        message: 'GITHUB_TOKEN is not a secret to declare',
                        fix: 'remove it; its access is declared with `permissions`',
                    });
                }
            }
            const credentials = j.credentials;
            if (credentials.length < 2)
                continue;
            const seen = new Set();
            for (let i = 0; i < credentials.length; i++) {
                const c = credentials[i];
                const key = `${c.step}\u0000${c.audience}`;
                if (seen.has(key)) {
                    problems.push({
                        file,
                        line: (0,located/* lineAtPath */.f1)(src, ['workflows', wf, 'jobs', job, 'credentials', i]),
                        message: `a second grant for step '${c.step}' and audience '${c.audience}'`,
                        fix: 'merge the two grants into one',
                    });
                }
                seen.add(key);
            }
        }
    }
    if (problems.length)
        throw new errors/* ManifestError */.Sh(byLine(problems));
    const loaded = makeLoaded(manifest, file, src);
    return { ...loaded, manifest };
}
/**
 * Any YAML file validated by a zod schema, with the same error quality as the manifest (file, line,
 * valid choices, nearest name): used for the organization policy and the broker config.
 */
function loadYaml(text, file, schema, code = 'ERR_MANIFEST_INVALID') {
    let parsed;
    try {
        parsed = parseSource(text, file);
    }
    catch (err) {
        if (err instanceof errors/* ManifestError */.Sh)
            throw new errors/* ManifestError */.Sh(err.problems, code);
        throw err;
    }
    const { src, data } = parsed;
    const result = schema.safeParse(data ?? {});
    if (!result.success) {
        throw new errors/* ManifestError */.Sh(byLine(result.error.issues.flatMap((i) => describeIssue(i, file, src, (p) => shapeKeys(schema, p)))), code);
    }
    return makeLoaded(result.data, file, src);
}
/** Parses and validates an organization policy; same error quality as the manifest. Pure. */
function loadOrgPolicy(text, file) {
    return loadYaml(text, file, manifest_schema/* orgPolicySchema */.Cq, 'ERR_ORG_POLICY_INVALID');
}
async function readManifest(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch {
        throw new errors/* ManifestError */.Sh([
            {
                file: path,
                line: 1,
                message: 'no access manifest here',
                fix: 'run `stepwarden init` to write one that declares what the workflows hold today',
            },
        ]);
    }
    return loadManifest(text, path);
}


/***/ }),

/***/ 67894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ own)
/* harmony export */ });
/**
 * Look-ups in manifest maps keyed by names from workflow files (file names, job ids). `constructor`,
 * `toString` and `__proto__` are valid job ids; a plain `map[id]` finds Object.prototype's members
 * for them, an "entry" without permissions that crashed the check. Only own keys are entries.
 */
function own(map, key) {
    return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}


/***/ }),

/***/ 56518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ chainInputs),
/* harmony export */   dK: () => (/* binding */ resolveAccessDetailed),
/* harmony export */   nk: () => (/* binding */ localWorkflowFile),
/* harmony export */   pQ: () => (/* binding */ resolveAccess)
/* harmony export */ });
/* unused harmony exports blockPermissions, callerInputs */
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48276);
/* harmony import */ var _uses_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(68632);
/* harmony import */ var _composite_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57521);
/* harmony import */ var _yaml_own_key_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90842);
/**
 * Effective access of every job of a repository: GitHub's permission rules applied, reusable workflows
 * resolved through their local callers. Pure: `resolveAccess(workflows, repositoryDefault)`.
 * Unknown scopes and invalid levels do not count toward the effective set; the `unknown-scope` rule reports them.
 */




/** A block as GitHub applies it: shorthand for every scope, or named scopes with the rest none. */
function blockPermissions(block) {
    if (block.shorthand)
        return (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .uniform */ .Pi)(block.shorthand === 'write-all' ? 'write' : 'read');
    if (block.invalid)
        return (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .uniform */ .Pi)('none');
    const map = {};
    for (const e of block.entries) {
        if ((0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .isScope */ .T2)(e.scope) && (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .isLevel */ .NW)(e.level) && (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .validLevels */ .y7)(e.scope).includes(e.level))
            map[e.scope] = e.level;
    }
    return (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .fromMap */ .xY)(map);
}
/** Job-level block replaces the workflow-level one entirely; no block anywhere is the repository default. */
function ownPermissions(wf, job, def) {
    if (job.permissions)
        return {
            set: blockPermissions(job.permissions),
            source: 'job',
            line: job.permissions.line,
            declared: true,
        };
    if (wf.permissions)
        return {
            set: blockPermissions(wf.permissions),
            source: 'workflow',
            line: wf.permissions.line,
            declared: true,
        };
    return { set: (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .repositoryDefault */ .Ek)(def), source: 'repository-default', line: job.line, declared: false };
}
/**
 * `./.github/workflows/x.yml` (optionally `@ref`, any local spelling) -> `x.yml`; other local paths are
 * not workflows. `self` (`owner/repo` of this repository): `OWNER/REPO/.github/workflows/x.yml@ref`
 * naming it is this repository's `x.yml` too (judged with the file as it is here: the caller's token
 * caps it whatever its version at `ref`).
 */
function localWorkflowFile(uses, self) {
    // `$/.github/workflows/x.yml` and `./.github/workflows/../workflows/x.yml` call the same file.
    const local = (0,_uses_js__WEBPACK_IMPORTED_MODULE_1__/* .localUses */ .ms)(uses);
    if (local === undefined) {
        if (!self)
            return undefined;
        const full = /^([^/\s]+\/[^/\s]+)\/\.github\/workflows\/([^/@\s]+\.ya?ml)@\S+$/.exec(uses.trim());
        return full && full[1].toLowerCase() === self.toLowerCase() ? full[2] : undefined;
    }
    const m = /^\.\/\.github\/workflows\/([^/@]+\.ya?ml)(@.*)?$/.exec(local);
    return m?.[1];
}
/**
 * A called job's `environment: ${{ inputs.NAME }}` on one local caller's runs: the string that caller's
 * `with:` passes (JobModel.callInputs), the name every such run's token carries, as a matrix's literal
 * names are (session 34). Anything else (an expression, a number, nothing, a name with edge spaces)
 * stays the expression.
 */
function calledEnvironment(job, caller, inputs) {
    if (job.environmentValues || job.environments.length !== 1)
        return {};
    if (!job.environments[0].value.includes('${{'))
        return {};
    const read = (0,_composite_js__WEBPACK_IMPORTED_MODULE_2__/* .inputRead */ .TW)(job.environments[0].value, inputs());
    // A caller's `${{ matrix.K }}` whose values its strategy lists: each is the name on some leg (session 36).
    const legs = read && !read.default && read.value.includes('${{');
    const names = legs
        ? caller.matrixInputs?.[read.value.trim()]
        : read && [{ value: read.value, line: read.line }];
    const named = (v) => !!v && v.trim() === v && !v.includes('${{');
    if (!read || !names?.every((n) => named(n.value)))
        return {};
    return {
        environmentValues: names.map((n) => ({ value: n.value, line: n.line })),
        environmentBy: read.default ? 'default' : legs ? 'caller-matrix' : 'caller',
    };
}
/**
 * What a callee's `${{ inputs.NAME }}` reads on one local caller's runs: the string the caller's `with:`
 * passes (JobModel.callInputs), else, for a name the caller does not pass at all, the callee's string
 * `default:` (WorkflowModel.callDefaults, marked `default`; session 35). A name passed as anything but
 * a string stays unknown.
 */
function callerInputs(caller, callee) {
    const defaults = callee.callDefaults;
    if (!defaults)
        return caller.callInputs;
    const out = {};
    for (const k of Object.keys(defaults))
        if (!caller.callPassed?.includes(k))
            (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_3__/* .setOwn */ .P)(out, k, defaults[k]);
    for (const [k, v] of Object.entries(caller.callInputs ?? {}))
        (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_3__/* .setOwn */ .P)(out, k, v);
    return out;
}
/**
 * What a called job's `${{ inputs.NAME }}` reads on the runs of one call chain (`chain`: the caller
 * jobs, the outermost first, the direct caller last, as JobAccess.callers): at each level what that
 * caller passes (callerInputs), where a value that is one `${{ inputs.NAME }}` is what the level above
 * passed down (GitHub evaluates it in that caller, whose own inputs it names; session 36). A value
 * the level above does not give stays the expression, which no one takes for a literal.
 */
function chainInputs(workflows, chain, callee) {
    let above;
    for (let i = 0; i < chain.length; i++) {
        const job = workflows.get(chain[i].workflow)?.jobs.find((j) => j.id === chain[i].job);
        const target = i + 1 < chain.length ? workflows.get(chain[i + 1].workflow) : callee;
        if (!job || !target)
            return undefined;
        const own = callerInputs(job, target);
        if (i === 0 || !own) {
            above = own;
            continue;
        }
        const out = {};
        for (const [k, v] of Object.entries(own)) {
            const up = !v.default && v.value.includes('${{') ? (0,_composite_js__WEBPACK_IMPORTED_MODULE_2__/* .inputRead */ .TW)(v.value, above) : undefined;
            // Only a literal is read down the chain (where it was written: the level above's line, never a
            // default here); an expression from above would be read against this level's matrix.
            (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_3__/* .setOwn */ .P)(out, k, up && !up.value.includes('${{') ? { value: up.value, line: up.line } : v);
        }
        above = out;
    }
    return above;
}
const isCallOnly = (wf) => wf.triggers.length > 0 && wf.triggers.every((t) => t.value === 'workflow_call');
function access(wf, job, perms, extra) {
    const environmentValues = extra.environmentValues ?? job.environmentValues;
    return {
        workflow: wf.file,
        path: wf.path,
        job: job.id,
        line: job.line,
        ...(extra.via ? { via: extra.via } : {}),
        ...(extra.callers ? { callers: extra.callers } : {}),
        ...(extra.noLocalCaller ? { noLocalCaller: true } : {}),
        permissions: perms.set,
        permissionsSource: perms.source,
        permissionsLine: perms.line,
        secrets: job.secrets,
        ...(job.secretsInherit ? { secretsInherit: job.secretsInherit } : {}),
        environments: job.environments,
        ...(environmentValues ? { environmentValues } : {}),
        ...(extra.environmentBy ? { environmentBy: extra.environmentBy } : {}),
        triggers: extra.triggers ?? wf.triggers,
        actions: job.actions,
    };
}
/**
 * github.com runs reusable workflows up to ten levels deep (the top-level caller and nine levels of
 * callees; GitHub Enterprise Server: four). Deeper chains fail on GitHub, so they are not followed;
 * cycles stop at the first repeated file.
 */
const MAX_LEVELS = 10;
/**
 * What a callee job may take from its caller. GitHub's one exception (changelog 2023-06-15, docs
 * "oidc-permissions-token"): a reusable workflow of the same user, organization or enterprise may
 * request `id-token: write` when the caller writes no `permissions:` block and the repository
 * default is permissive. Every callee resolved here is local (same repository), so same-organization.
 */
function allowedToCallee(caller, own, repositoryDefault) {
    if (repositoryDefault === 'permissive' &&
        caller.fromDefault &&
        own.declared &&
        own.set['id-token'] === 'write')
        return { ...caller.set, 'id-token': 'write' };
    return caller.set;
}
/**
 * Effective access of every job. Workflows callable only through `workflow_call` are judged once per
 * local caller job (capped by the caller's token), or with the repository default when no local
 * caller reaches them (`noLocalCaller`). Workflows with other triggers too are judged on their own as well.
 */
function resolveAccess(workflows, repositoryDefault, options = {}) {
    return resolveAccessDetailed(workflows, repositoryDefault, options).jobs;
}
/** `resolveAccess`, also listing nested jobs that ask for more than their caller holds. */
function resolveAccessDetailed(workflows, repositoryDefault, options = {}) {
    const byFile = new Map(workflows.filter((w) => !w.error).map((w) => [w.file, w]));
    const out = [];
    const overreach = [];
    const reached = new Set();
    const expand = (caller) => {
        const file = caller.job.uses && localWorkflowFile(caller.job.uses.uses, options.self);
        const callee = file ? byFile.get(file) : undefined;
        if (!callee || caller.level + 1 > MAX_LEVELS || caller.chain.has(callee.file))
            return;
        reached.add(callee.file);
        const chain = new Set([...caller.chain, callee.file]);
        const callerRef = {
            workflow: caller.wf.file,
            path: caller.wf.path,
            job: caller.job.id,
            line: caller.job.uses.line,
        };
        const report = (block, calleeJob, line, requested, allowed) => {
            for (const scope of _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .SCOPE_NAMES */ ._W)
                if ((0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(requested[scope]) > (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(allowed[scope]))
                    overreach.push({
                        caller: callerRef,
                        callee: {
                            workflow: callee.file,
                            path: callee.path,
                            ...(calleeJob !== undefined ? { job: calleeJob } : {}),
                            line,
                        },
                        block,
                        scope,
                        requested: requested[scope],
                        allowed: allowed[scope],
                    });
        };
        // GitHub judges the callee's workflow-level block once, whichever jobs inherit it.
        if (callee.permissions) {
            const requested = blockPermissions(callee.permissions);
            const own = {
                set: requested,
                source: 'workflow',
                line: callee.permissions.line,
                declared: true,
            };
            report('workflow', undefined, own.line, requested, allowedToCallee(caller, own, repositoryDefault));
        }
        // What the callee's `${{ inputs.NAME }}` read on this chain's runs (session 36), read only for a
        // job whose environment is an expression.
        let calleeInputs = null;
        const inputs = () => calleeInputs === null ? (calleeInputs = chainInputs(byFile, caller.callers, callee)) : calleeInputs;
        for (const job of callee.jobs) {
            const own = ownPermissions(callee, job, repositoryDefault);
            const allowed = allowedToCallee(caller, own, repositoryDefault);
            // The callee runs on the caller job's token: its own block can only narrow it.
            const set = own.declared ? (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .intersect */ .y$)(own.set, allowed) : caller.set;
            if (own.source === 'job')
                report('job', job.id, own.line, own.set, allowed);
            const perms = {
                set,
                source: own.declared ? own.source : 'caller',
                // A line in the callee's own file (findings name `path`): the job, as for the repository default.
                line: own.declared ? own.line : job.line,
            };
            out.push(access(callee, job, perms, {
                via: { workflow: caller.wf.file, job: caller.job.id, line: caller.job.uses.line },
                callers: caller.callers,
                triggers: caller.triggers,
                ...calledEnvironment(job, caller.job, inputs),
            }));
            expand({
                wf: callee,
                job,
                set,
                triggers: caller.triggers,
                level: caller.level + 1,
                chain,
                callers: [...caller.callers, { workflow: callee.file, job: job.id }],
                fromDefault: caller.fromDefault && !own.declared,
            });
        }
    };
    const judgeAlone = (wf, noLocalCaller) => {
        for (const job of wf.jobs) {
            const own = ownPermissions(wf, job, repositoryDefault);
            out.push(access(wf, job, own, noLocalCaller ? { noLocalCaller: true } : {}));
            expand({
                wf,
                job,
                set: own.set,
                triggers: wf.triggers,
                level: 1,
                chain: new Set([wf.file]),
                callers: [{ workflow: wf.file, job: job.id }],
                fromDefault: !own.declared,
            });
        }
    };
    const hasLocalCaller = new Set();
    for (const wf of byFile.values())
        for (const j of wf.jobs) {
            const callee = j.uses && localWorkflowFile(j.uses.uses, options.self);
            if (callee && callee !== wf.file && byFile.has(callee))
                hasLocalCaller.add(callee);
        }
    const callOnly = workflows.filter((wf) => !wf.error && isCallOnly(wf));
    for (const wf of workflows)
        if (!wf.error && !isCallOnly(wf))
            judgeAlone(wf, false);
    for (const wf of callOnly)
        if (!hasLocalCaller.has(wf.file))
            judgeAlone(wf, true);
    // Callers that are themselves only ever called in a cycle never run: judge those files alone.
    for (const wf of callOnly)
        if (!reached.has(wf.file) && hasLocalCaller.has(wf.file))
            judgeAlone(wf, true);
    return { jobs: out, overreach };
}


/***/ }),

/***/ 63246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   zD: () => (/* binding */ caseFoldedAction)
/* harmony export */ });
/* unused harmony exports foldName, caseVariant */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/**
 * A local action named in another case than the repository holds it (`uses: ./TOOLS/EVIL` beside
 * `tools/evil/action.yml`, or `./tools/evil` holding `Action.yml`). The contents API, git trees and a
 * Linux checkout are case-sensitive, so every face read a missing action (one an earlier step makes: a
 * warning, the gate allowing the job), while a macOS or Windows runner, whose file systems ignore case
 * by default, finds and runs `tools/evil` (session 20, left; session 21). One walk for every face:
 * each reads its own directory listings (disk, git tree, contents API) and asks this module.
 */

/**
 * How a case-insensitive file system may see a name: Unicode case (APFS folds case by Unicode's
 * tables, NTFS by its upcase table) and normal form (APFS ignores it). Both ways of casing are
 * applied, so a name any of them takes for another is caught; too broad is a refusal, never a pass.
 * Windows also drops a name's trailing dots and spaces when it normalizes a path (`./tools/evil.`
 * opens `tools\evil`; python/cpython#85681 shows the Win32 API doing it), so they are dropped here
 * too (session 22), unless nothing else is left.
 */
function foldName(name) {
    const folded = name.normalize('NFC').toUpperCase().toLowerCase();
    return folded.replace(/[. ]+$/, '') || folded;
}
/** The entry of `names` a case-insensitive file system would take for `name`, when none is `name` itself. */
function caseVariant(name, names) {
    if (names.includes(name))
        return undefined;
    const folded = foldName(name);
    return names.find((n) => foldName(n) === folded);
}
const ACTION_FILES = ['action.yml', 'action.yaml'];
/**
 * For a local action the reader found no `action.yml`/`action.yaml` for: the held path a
 * case-insensitive runner would take instead, as a refusal (`path`, `refused`), or undefined when
 * no entry matches but for case (the action is missing on every file system: one an earlier step
 * makes). `dir` is repository-relative and clean (`''` for the root). Each directory is listed at most
 * once here, from the root down, stopping at the first name not held in any case.
 */
async function caseFoldedAction(dir, list) {
    const parts = dir ? dir.split('/') : [];
    const refusal = (held, wanted) => ({
        path: held,
        refused: `the repository holds ${held}, not ${wanted}: the names differ only in case, so a runner on a case-insensitive file system (macOS, Windows) takes ${wanted} for ${held} and runs the action there, while a case-sensitive reader finds nothing to judge. Fix: write the path as the repository holds it (${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(held)}, not ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(wanted)})`,
    });
    let parent = '';
    for (const part of [...parts, undefined]) {
        const listing = await list(parent);
        if (!listing)
            return undefined;
        const wanted = part === undefined ? ACTION_FILES : [part];
        if (wanted.some((w) => listing.names.includes(w))) {
            if (part === undefined)
                return undefined;
            parent = parent ? `${parent}/${part}` : part;
            continue;
        }
        for (const w of wanted) {
            const held = caseVariant(w, listing.names);
            if (held !== undefined)
                return refusal(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(parent, held), node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(parent, w));
        }
        if (listing.full)
            return {
                path: parent || '.',
                refused: `${parent || 'the repository root'} lists more entries than the reader is given, so whether it holds ${node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(parent, wanted[0])} in another case (which a macOS or Windows runner would run) cannot be told. Fix: move the action to a smaller directory`,
            };
        return undefined;
    }
    return undefined;
}


/***/ }),

/***/ 57521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ withCompositeActions),
/* harmony export */   EV: () => (/* binding */ withInputsRead),
/* harmony export */   TT: () => (/* binding */ localActionDir),
/* harmony export */   TW: () => (/* binding */ inputRead)
/* harmony export */ });
/* unused harmony exports inputsWithDefaults, compositeUses, readComposite, MAX_COMPOSITE_DEPTH */
/* harmony import */ var _yaml_located_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24325);
/* harmony import */ var _yaml_own_key_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(90842);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79512);
/* harmony import */ var _literal_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70121);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(87438);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54709);
/* harmony import */ var _uses_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(68632);
/* harmony import */ var _digest_sha256_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(87348);
/**
 * Local composite actions (`uses: ./path` whose `action.yml` says `runs: { using: composite }`): their
 * steps run in the job, with its token and secrets, and GitHub's own allowed-actions policy covers the
 * actions they use. `compositeUses` is pure (action file text in, the `uses:` of its steps out);
 * `withCompositeActions` adds them to each job's actions through a reader the caller injects (a
 * directory, a git tree, the git data API), each of which reads no link and nothing outside the
 * repository.
 */








/**
 * A value that is one read of an input and nothing else, as GitHub's lexer reads it (actions/runner
 * src/Sdk/DTExpressions2/Expressions2/Tokens/LexicalAnalyzer.cs; actions/languageservices
 * expressions/src/lexer.ts alike): the named value `inputs` (any case: the parser's named values are
 * OrdinalIgnoreCase), then `.` NAME (a dereference: the keyword after it is a property name, GitHub's
 * keyword characters) or `[` 'STRING' `]` (an index: a single-quoted string, `''` one quote; a double
 * quote starts no string, so `inputs["x"]` does not lex and stays unknown). .NET white space is skipped
 * before every token (`Char.IsWhiteSpace`: `inputs . x`, `${{\Ninputs.x}}`; session 26 and 27). An
 * index holding a brace is not read (where the template reader ends the expression is not probed):
 * unknown, the warning. Around the braces JavaScript's white space: the value is then
 * `format(' {0}', \u2026)`, which the action trims with JavaScript's trim (`core.getInput`).
 */
const S = `${_template_js__WEBPACK_IMPORTED_MODULE_3__/* .NET_SPACE */ .pW}*`;
const ONE_INPUT = new RegExp(String.raw `^\s*\$\{\{${S}inputs${S}(?:\.${S}([A-Za-z_][A-Za-z0-9_-]*)|\[${S}'((?:[^'{}]|'')*)'${S}\])${S}\}\}\s*$`, 'i');
/** The input name one read of an input (`${{ inputs.NAME }}`, `${{ inputs['NAME'] }}`) names, else undefined. */
function oneInputName(written) {
    const m = ONE_INPUT.exec(written);
    return m ? (m[1] ?? m[2].replaceAll("''", "'")) : undefined;
}
/** What one read of an input (`written`, as oneInputName reads it) reads in `inputs`, if it is given there. */
function inputRead(written, inputs) {
    const name = oneInputName(written);
    if (name === undefined || !inputs)
        return undefined;
    return Object.entries(inputs).find(([n]) => n === (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiFold */ .hb)(name))?.[1];
}
/**
 * The inputs an action's steps read: what the step running it passes (`given`, names ASCII-folded),
 * and for every other input the action declares, its `default:` (actions/runner ActionRunner "Merge
 * the default inputs from the definition": `if (!inputs.ContainsKey(key))`, names case-insensitive).
 * `given` null: the step's `with:` is one expression, so any input may be passed: no default is read.
 */
function inputsWithDefaults(given, defaults) {
    if (given === null)
        return undefined;
    if (!defaults)
        return given;
    const out = {};
    for (const [k, v] of Object.entries(defaults))
        (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_7__/* .setOwn */ .P)(out, k, v);
    for (const [k, v] of Object.entries(given ?? {}))
        (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_7__/* .setOwn */ .P)(out, k, v);
    return out;
}
/**
 * `with` with each value that is one `${{ inputs.NAME }}` replaced by what `inputs` (the `with:` of
 * the step that runs the action) passes as NAME (input names are case-insensitive to the runner),
 * when it passes it; any other value as written. What stays an expression is known only at run time.
 */
function withInputsRead(withMap, inputs) {
    const out = {};
    for (const [k, v] of Object.entries(withMap)) {
        const given = inputRead(v.value, inputs);
        (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_7__/* .setOwn */ .P)(out, k, given ? { value: given.value, line: v.line } : v);
    }
    return out;
}
const get = (n, key) => n?.kind === 'map' ? n.entries.find((e) => e.key === key)?.value : undefined;
/**
 * The `uses:` of every step of a composite action, with its line in the action file; an empty list for
 * an action of another kind (node, docker) or a file that does not parse (GitHub fails the step then).
 */
function compositeUses(text) {
    return readComposite(text).uses;
}
/**
 * The `default:` of each input the action declares (names ASCII-folded; the first of names equal up to
 * case, as the runner keeps the first), when it is a string: a number or a boolean the runner's
 * `AssertString` refuses (the step fails), so it is left unknown here.
 */
function inputDefaults(root) {
    const inputs = get(root, 'inputs');
    if (inputs?.kind !== 'map')
        return undefined;
    const out = {};
    for (const e of inputs.entries) {
        const d = get(e.value, 'default');
        const k = (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiFold */ .hb)(e.key);
        if (d?.kind === 'scalar' && typeof d.value === 'string' && !Object.hasOwn(out, k))
            (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_7__/* .setOwn */ .P)(out, k, { value: d.value, line: d.line, default: true });
    }
    return Object.keys(out).length ? out : undefined;
}
/**
 * A Docker action's registry image (`runs.image: docker://IMAGE`): the runner pulls and runs it in the
 * job as it does a step's `uses: docker://IMAGE`, so it is held to the same rules (pinning, the allow
 * list; session 32). `image: Dockerfile` builds from the repository's files: no image of a registry.
 */
function dockerImage(runs, using) {
    const image = get(runs, 'image');
    if (String(using.value).toLowerCase() !== 'docker' || image?.kind !== 'scalar')
        return [];
    const m = typeof image.value === 'string' ? /^\s*docker:\/\/(.*?)\s*$/i.exec(image.value) : null;
    return m ? [{ uses: `docker://${m[1]}`, line: image.line, image: true }] : [];
}
/** As compositeUses, and why the file is not an action GitHub can run (`problem`), when it is not. */
function readComposite(text) {
    // A NUL or an inner U+FEFF, as in a workflow file (parse.ts): `\ufeffruns:` read here as an action
    // with no `runs:`, its steps unjudged, where a reader that drops a mark at a line start runs them.
    // NEL, LS or PS: a line break to the runner's reader, not to this one (session 34), as in a workflow.
    const stray = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .foreignBreakProblem */ .dw)(text) ?? (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .strayCharacter */ .dS)(text);
    if (stray)
        return { uses: [], unread: true, problem: stray.message };
    const parsed = (0,_yaml_located_js__WEBPACK_IMPORTED_MODULE_0__/* .parseLocatedYaml */ .vJ)(text);
    // Not read, rather than no action: GitHub's reader may take what this one refuses.
    if (parsed.error || !parsed.root)
        return {
            uses: [],
            unread: true,
            problem: parsed.error?.kind === 'oversized'
                ? `${parsed.error.message} (line ${parsed.error.line})`
                : `it is not YAML GitHub reads${parsed.error ? ` (line ${parsed.error.line})` : ''}`,
        };
    // The runner reads action files with the same template reader: `${{ 'x/y@v' }}` is `x/y@v`.
    const root = (0,_literal_js__WEBPACK_IMPORTED_MODULE_2__/* .mayFold */ .t6)(text) ? (0,_literal_js__WEBPACK_IMPORTED_MODULE_2__/* .foldLiterals */ .Uc)(parsed.root) : parsed.root;
    const runs = get(root, 'runs');
    const using = get(runs, 'using');
    if (using?.kind !== 'scalar')
        return { uses: [], problem: 'it has no `runs.using`' };
    if (String(using.value).toLowerCase() !== 'composite')
        return { uses: dockerImage(runs, using) };
    const steps = get(runs, 'steps');
    if (steps?.kind !== 'seq')
        return { uses: [], problem: 'its `runs.steps` is not a list of steps' };
    // A `with:` key the runner may hand to an action under another input's name (keys.ts): not judged.
    for (const [i, s] of (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .stepNodes */ .wH)(steps).entries()) {
        const bad = (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .runnerCasedWithKey */ .qQ)(get(s, 'with'), `step ${i + 1} of the action`);
        if (bad)
            return { uses: [], unread: true, problem: `${bad.message} (line ${bad.line})` };
    }
    // The runner converts an action's steps as a workflow's (ActionManifestManager.cs: `runs.steps` ->
    // WorkflowTemplateConverter.ConvertToSteps, IdBuilder per id, then Errors.Check(), which fails the
    // action's load): an id GitHub refuses makes an action it never runs (session 27).
    const badId = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .refusedStepId */ .ig)((0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .stepNodes */ .wH)(steps), { name: 'the action', kind: 'action' });
    if (badId)
        return {
            uses: [],
            unread: true,
            problem: `GitHub refuses this action: ${badId.message} (line ${badId.line})`,
        };
    const defaults = inputDefaults(root);
    return {
        ...(defaults ? { defaults } : {}),
        uses: (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .stepNodes */ .wH)(steps).flatMap((s) => {
            const u = get(s, 'uses');
            if (u?.kind !== 'scalar' || typeof u.value !== 'string')
                return [];
            const id = get(s, 'id');
            const inputs = {};
            (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .withInputs */ .dk)(get(s, 'with'), inputs);
            const env = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .redirectingKeys */ .Fn)(get(s, 'env'));
            return [
                {
                    uses: u.value,
                    line: u.line,
                    ...(id?.kind === 'scalar' && id.value !== null ? { id: String(id.value) } : {}),
                    ...inputs,
                    ...(env.length ? { env } : {}),
                },
            ];
        }),
    };
}
/**
 * Levels of local composite actions followed (a composite whose step uses another local composite, \u2026):
 * the runner's own limit, 10 (actions/runner docs/adrs/1144-composite-actions.md; deeper fails the job
 * at "Set up job"). Session 10 stopped at 5 in silence, so a step six levels down was never judged.
 */
const MAX_COMPOSITE_DEPTH = 10;
/** The repository-relative directory of a local `uses:`, or undefined (remote, or outside the repository). */
function localActionDir(uses) {
    const local = (0,_uses_js__WEBPACK_IMPORTED_MODULE_5__/* .localUses */ .ms)(uses);
    if (local === undefined)
        return undefined;
    // localUses has normalized the path already (posix.normalize is idempotent).
    const dir = local.slice(2).replace(/\/+$/, '');
    if (dir === '..' || dir.startsWith('../') || dir.startsWith('/'))
        return undefined;
    return dir === '.' ? '' : dir;
}
/**
 * Each job's actions with those of the local composite actions its steps run, followed up to
 * MAX_COMPOSITE_DEPTH levels (cycles stopped). A nested reference keeps the workflow step's line and
 * names the action file and line it is written at (`via`). Directories the reader has no action file
 * for (made by an earlier step, a link) add nothing.
 */
async function withCompositeActions(workflows, read) {
    const cache = new Map();
    const composite = (dir) => {
        let hit = cache.get(dir);
        if (!hit) {
            hit = read(dir).then((f) => {
                if (!f)
                    return { problem: 'no action.yml or action.yaml of the repository is there' };
                if ('refused' in f)
                    return { path: f.path, problem: f.refused, unread: true };
                const r = readComposite(f.text);
                return { path: f.path, ...r, digest: (0,_digest_sha256_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Hex */ .f)(f.text) };
            });
            cache.set(dir, hit);
        }
        return hit;
    };
    const nested = async (top, uses, depth, seen, out, unread, 
    // Each action file read, as `PATH DIGEST`: what the job's steps run, whose outputs they write.
    files, 
    // The runner's scope for this action's steps: the workflow step's id, then each composite step's
    // (`o.m`); undefined when generated (`__\u2026`, refused by the action); null when not knowable here
    // (a composite step without an id inside a scope that is not generated).
    outerId, 
    // The `with:` of the step that runs this action: what its `${{ inputs.NAME }}` reads with the
    // action's defaults; null when that `with:` is one expression (any input may be passed).
    given, 
    // The `env:` names that redirect this action's steps: the running workflow step's (its job's and
    // workflow's included) and each composite step's on the way down (session 32).
    redirect) => {
        const dir = localActionDir(uses);
        // What is not read is said (unread-local-action), never passed in silence (session 11): a path
        // that leaves the repository names a directory an earlier step makes; deeper than the runner's
        // limit GitHub fails the job, but nothing here can be sure its count is the runner's.
        const notRead = (problem) => unread.push({ uses, line: top.line, problem });
        if (dir === undefined) {
            if ((0,_uses_js__WEBPACK_IMPORTED_MODULE_5__/* .localUses */ .ms)(uses) !== undefined)
                notRead('its path leaves the repository (`..`): a directory the job makes, never read here');
            return;
        }
        if (seen.has(dir))
            return;
        if (depth > MAX_COMPOSITE_DEPTH) {
            notRead(`it is nested more than ${MAX_COMPOSITE_DEPTH} local composite actions deep`);
            return;
        }
        const action = await composite(dir);
        if (action.digest !== undefined)
            files.push(`${action.path} ${action.digest}`);
        // What the check cannot read it cannot judge: said, not passed in silence (session 10).
        if (action.problem)
            unread.push({
                uses,
                line: top.line,
                ...(action.path ? { file: action.path } : {}),
                problem: action.problem,
                // The repository holds it (a link, too large, YAML this reader refuses): unjudged code
                // GitHub may run, which fails the check (unreadable-local-action), unlike a missing file.
                ...(action.unread ? { held: true } : {}),
            });
        if (!('uses' in action))
            return;
        const inputs = inputsWithDefaults(given, action.defaults);
        const chain = new Set(seen).add(dir);
        for (const u of action.uses) {
            const env = u.env ? [...redirect, ...u.env] : redirect;
            out.push({
                uses: u.uses,
                line: top.line,
                kind: (0,_uses_js__WEBPACK_IMPORTED_MODULE_5__/* .usesKind */ .VN)(u.uses),
                on: 'step',
                ...(top.step !== undefined ? { step: top.step } : {}),
                via: {
                    file: action.path,
                    line: u.line,
                    ...(outerId === null ? { outerUnknown: true } : outerId !== undefined ? { outerId } : {}),
                    ...(u.id !== undefined ? { id: u.id } : {}),
                    ...(u.with ? { with: u.with } : {}),
                    ...(u.withExpression ? { withExpression: u.withExpression } : {}),
                    ...(inputs ? { inputs } : {}),
                    ...(u.image ? { image: true } : {}),
                    ...(env.length ? { redirectingEnv: env } : {}),
                },
            });
            const scope = outerId === undefined || outerId === null
                ? outerId
                : u.id !== undefined
                    ? `${outerId}.${u.id}`
                    : null;
            await nested(top, u.uses, depth + 1, chain, out, unread, files, scope, u.withExpression ? null : u.with && withInputsRead(u.with, inputs), env);
        }
    };
    const out = [];
    for (const wf of workflows) {
        if (wf.error) {
            out.push(wf);
            continue;
        }
        let changed = false;
        const jobs = [];
        for (const job of wf.jobs) {
            const extra = [];
            const unread = [];
            const files = [];
            for (const a of job.actions)
                if (a.on === 'step' && a.kind === 'local') {
                    // The workflow step that runs it: its `id:` names the composite's steps to the runner.
                    const st = job.steps.find((x) => x.uses === a.uses && (x.id ?? x.name ?? `#${x.index}`) === a.step);
                    await nested(a, a.uses, 1, new Set(), extra, unread, files, st?.id, st?.withExpression ? null : st?.with, st?.redirectingEnv ?? []);
                }
            if (extra.length || unread.length || files.length)
                changed = true;
            jobs.push(extra.length || unread.length || files.length
                ? {
                    ...job,
                    actions: [...job.actions, ...extra],
                    ...(unread.length ? { unreadActions: unread } : {}),
                    ...(files.length ? { localActions: (0,_digest_sha256_js__WEBPACK_IMPORTED_MODULE_6__/* .sha256Hex */ .f)(files.join('\n')) } : {}),
                }
                : job);
        }
        out.push(changed ? { ...wf, jobs } : wf);
    }
    return out;
}


/***/ }),

/***/ 91348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Di: () => (/* binding */ templateParts),
/* harmony export */   Uz: () => (/* binding */ alwaysCut),
/* harmony export */   XV: () => (/* binding */ NAME_CUT),
/* harmony export */   et: () => (/* binding */ hasLiteral),
/* harmony export */   sg: () => (/* binding */ shownAsJobs),
/* harmony export */   zn: () => (/* binding */ cutByGithub)
/* harmony export */ });
/* unused harmony export patternsMeet */
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87438);

/**
 * The literal parts of a template around its `${{ \u2026 }}` expressions (n expressions, n + 1 parts), as
 * GitHub's template reader finds them (shared/workflow/template.ts), so `${{ inputs.x || '}}' }}` is
 * one expression, which can be any text. The broker reads names by this too (job-identity.ts). A lazy
 * `\$\{\{[\s\S]*?\}\}` ended it at the quoted `}}`, leaving `' }}` as a literal part the name had to
 * show: that job was never seen as able to show `publish`, and its dispatch with `x=publish` was
 * verified as job `publish`.
 */
function templateParts(text) {
    return (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .splitTemplate */ .LL)(text).parts;
}
/** The template has a literal part besides whitespace (else it can be any text). */
function hasLiteral(text) {
    return templateParts(text).join('').trim() !== '';
}
/**
 * GitHub shows at most 100 characters of a job's own name: a longer one is cut to 97 and `...`, and
 * the Jobs API answers the cut name. The broker's job identity (shared/broker/job-identity.ts) and
 * the check's rule job-name-collision both judge by these two.
 */
const NAME_CUT = 100;
/**
 * GitHub may have cut the name (it ends with the `...` of a cut and is as long as one): the text
 * after the cut is unknown, so a `name:` whose expression absorbs `...` would take another job's long
 * name. Judged conservatively: any such name ending the shown name. The broker refuses it.
 */
function cutByGithub(own) {
    return own.length >= NAME_CUT - 3 && own.endsWith('...');
}
/**
 * Whether every name GitHub can show for `job` is one the broker refuses as cut (`cutByGithub`): its
 * `name:` (else its id) with each expression as the empty text, the shortest it can evaluate to, is
 * over `NAME_CUT` characters, or looks cut itself. An expression or a matrix suffix only makes a name
 * longer, except where it follows the `...`; what it evaluates to is not bounded here (the broker
 * refuses such a run with the fix).
 */
function alwaysCut(job) {
    const text = job.name !== undefined && job.name !== '' ? job.name : job.id;
    const parts = templateParts(text);
    const shortest = parts.join('');
    return shortest.length > NAME_CUT || (parts.at(-1).endsWith('...') && cutByGithub(shortest));
}
/** Past this many position pairs the answer is "may collide" (fail closed); real names are short. */
const MAX_STATES = 2_000_000;
function template(text, star) {
    const out = [];
    templateParts(text).forEach((part, i) => {
        if (i > 0)
            out.push({ star });
        for (const ch of part)
            out.push(ch);
    });
    return out;
}
const literal = (text) => [...text];
const suffixed = (t, star) => [...t, ' ', '(', { star }, ')'];
function takes(star, c) {
    if (star === 'any')
        return true;
    if (star === 'noslash')
        return c !== '/';
    return c !== '(' && c !== ')';
}
/** Whether some string fits both patterns. */
function patternsMeet(a, b) {
    const n = a.length;
    const m = b.length;
    // The literal characters before either side's first wildcard, and after its last, must agree:
    // most pairs of a workflow's jobs are told apart so, without the search's table (session 30).
    for (let i = 0; i < n && i < m; i++) {
        const x = a[i];
        const y = b[i];
        if (typeof x !== 'string' || typeof y !== 'string')
            break;
        if (x !== y)
            return false;
    }
    for (let i = n - 1, j = m - 1; i >= 0 && j >= 0; i--, j--) {
        const x = a[i];
        const y = b[j];
        if (typeof x !== 'string' || typeof y !== 'string')
            break;
        if (x !== y)
            return false;
    }
    if ((n + 1) * (m + 1) > MAX_STATES)
        return true;
    const seen = new Uint8Array((n + 1) * (m + 1));
    const stack = [0];
    seen[0] = 1;
    const push = (i, j) => {
        const k = i * (m + 1) + j;
        if (!seen[k]) {
            seen[k] = 1;
            stack.push(k);
        }
    };
    while (stack.length) {
        const k = stack.pop();
        const i = Math.floor(k / (m + 1));
        const j = k % (m + 1);
        if (i === n && j === m)
            return true;
        const x = a[i];
        const y = b[j];
        if (x !== undefined && typeof x !== 'string') {
            push(i + 1, j);
            if (typeof y === 'string' && takes(x.star, y))
                push(i, j + 1);
        }
        if (y !== undefined && typeof y !== 'string') {
            push(i, j + 1);
            if (typeof x === 'string' && takes(y.star, x))
                push(i + 1, j);
        }
        if (typeof x === 'string' && typeof y === 'string' && x === y)
            push(i + 1, j + 1);
    }
    return false;
}
/** Every name the Jobs API can show for `job` (any matrix suffix included: over-approximated). */
function shownPatterns(job) {
    const base = job.name !== undefined && job.name !== '' ? template(job.name, 'any') : literal(job.id);
    return [base, suffixed(base, 'any')];
}
/** Every name the broker verifies as job `job` (job-identity.ts `wholeNameMatches`). */
function judgedPatterns(job) {
    const bases = [literal(job.id)];
    if (job.name && hasLiteral(job.name))
        bases.push(template(job.name, 'noslash'));
    return bases.flatMap((b) => [b, suffixed(b, 'noparen')]);
}
/**
 * The ids of the other jobs of `wf` that `job` can be verified as by the broker (empty for a job that
 * calls a reusable workflow: its steps run in the callee). Files that are only ever called count too:
 * the broker judges their jobs on the whole shown name and refuses a name that fits two jobs (so the
 * other job's own requests are refused), except when it cannot read the file, where it falls back to
 * the last segment (and the job is verified as the other).
 */
function shownAsJobs(wf, job) {
    if (job.uses)
        return [];
    const shown = shownPatterns(job);
    return wf.jobs
        .filter((other) => other !== job && other.id !== job.id)
        .filter((other) => judgedOf(other).some((j) => shown.some((s) => patternsMeet(s, j))))
        .map((other) => other.id);
}
/**
 * `judgedPatterns`, made once per job: every job of a workflow is judged against every other, and
 * a workflow of thousands of jobs made each job's patterns again for each (session 30).
 */
const judged = new WeakMap();
function judgedOf(job) {
    let p = judged.get(job);
    if (!p)
        judged.set(job, (p = judgedPatterns(job)));
    return p;
}


/***/ }),

/***/ 70121:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T4: () => (/* binding */ foldLiteralsChecked),
/* harmony export */   Uc: () => (/* binding */ foldLiterals),
/* harmony export */   t6: () => (/* binding */ mayFold)
/* harmony export */ });
/* unused harmony export literalOf */
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87438);

const OPEN = '${{';
/**
 * Whether YAML text can hold a value that folds: one whose string reads `${{`, white space, `'`.
 * It may pass a text in which nothing folds, never skip one in which something does; it lets the
 * walk be skipped for nearly every file (16 of the 1,503 corpus workflows pass; 287 hold a backslash,
 * which passed them before session 33).
 * - A `$`, `{` or `'` a text does not show can only come from a double-quoted escape written with
 *   `\x`, `\u` or `\U` (YAML has no `\$`, `\{` or `\'`; `''` still shows a `'`): such a text passes.
 * - Otherwise the three signs are written, in order. Nothing can stand between `$`, `{` and `{` but
 *   an escaped line break with the next line's indentation (which a double-quoted scalar drops; a
 *   line fold leaves a space). Between `{{` and `'`: white space as .NET sees it (`\s` and U+0085
 *   NEXT LINE, which `trimAsNet` trims and `\s` does not hold: a workflow holding it raw is refused
 *   first, a foreign line break, but this filter does not lean on that), line breaks, folds, any escape
 *   (`\t`, `\N`, `\_`, `\L`, an escaped line break, ...; more than can make white space).
 */
const WRITTEN_OPEN = /\$(?:\\[\s\u0085]+)*\{(?:\\[\s\u0085]+)*\{(?:[\s\u0085]|\\[^])*'/;
/** WRITTEN_OPEN where the text holds no backslash: with `${{` to search for, the engine skips ahead. */
const PLAIN_OPEN = /\$\{\{[\s\u0085]*'/;
function mayFold(text) {
    // `includes` before any regular expression: the expressions' own scans of a whole file cost more
    // than the walk they save on the corpus (session 33).
    if (!text.includes('\\'))
        return PLAIN_OPEN.test(text);
    return text.includes('\\x') || text.includes('\\u') || text.includes('\\U') || WRITTEN_OPEN.test(text);
}
/**
 * The string GitHub reads for `raw`, when the whole of it is `${{ '\u2026' }}` (one expression that is
 * one string literal, `''` for a quote inside); undefined otherwise. Follows the reader's scan: the
 * expression ends at the first `}}` outside quotes, and is trimmed before it is read.
 */
function literalOf(raw) {
    if (!raw.startsWith(OPEN))
        return undefined;
    const end = (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .expressionClose */ .T5)(raw, OPEN.length);
    // Not closed, or text after the closing `}}` (then the value is a format() of several segments).
    if (end !== raw.length - 1)
        return undefined;
    // Trimmed as .NET trims (NEXT LINE too, a byte order mark not): the reader is GitHub's C# one.
    const expr = (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .trimAsNet */ .um)(raw.slice(OPEN.length, end - 1));
    if (!expr.startsWith("'"))
        return undefined;
    let out = '';
    let inString = false;
    for (let i = 0, iEnd = expr.length; i < iEnd; i++) {
        const c = expr[i];
        if (c === "'") {
            inString = !inString;
            if (inString && i !== 0)
                out += c;
        }
        else if (!inString)
            return undefined;
        else
            out += c;
    }
    // An unterminated literal is an expression error: GitHub keeps the value as written and refuses it.
    return inString ? undefined : out;
}
const fold = (v) => literalOf(v) ?? v;
/**
 * `root` with every string scalar and every mapping key read as GitHub's template reader reads it.
 * Nodes without such a value are returned as they are; a node reached through several aliases is
 * folded once (an alias bomb costs its distinct nodes).
 */
function foldLiterals(root) {
    return foldLiteralsChecked(root).root;
}
/**
 * foldLiterals, and the first key that, once folded, is another key of its mapping (up to ASCII case,
 * as GitHub's reader compares them: "'permissions' is already defined"). YAML saw two keys there;
 * GitHub refuses the file.
 */
function foldLiteralsChecked(root, options = {}) {
    // Most texts `mayFold` lets through hold no literal at all (a `\` in a shell line is enough): a tree
    // without aliases is first searched without allocating, and comes back as it is when nothing folds.
    if (options.unshared && !foldsAnywhere(root))
        return { root };
    let duplicate;
    const memo = new Map();
    const visit = (n) => {
        if (n.kind === 'scalar') {
            if (typeof n.value !== 'string' || !n.value.startsWith(OPEN))
                return n;
            const v = literalOf(n.value);
            return v === undefined ? n : { kind: 'scalar', line: n.line, value: v };
        }
        const known = memo.get(n);
        if (known)
            return known;
        // Marks the node as in progress: a cycle (not produced by YAML, but cheap to guard) keeps it as is.
        memo.set(n, n);
        let out = n;
        if (n.kind === 'seq') {
            const items = n.items.map(visit);
            if (items.some((x, i) => x !== n.items[i]))
                out = { kind: 'seq', line: n.line, items };
        }
        else {
            const entries = n.entries.map((e) => {
                const key = e.key.startsWith(OPEN) ? fold(e.key) : e.key;
                const value = visit(e.value);
                return key === e.key && value === e.value ? e : { ...e, key, value };
            });
            if (entries.some((x, i) => x.key !== n.entries[i].key)) {
                const seen = new Set();
                for (const e of entries) {
                    const k = asciiLower(e.key);
                    if (seen.has(k) && (!duplicate || e.keyLine < duplicate.line))
                        duplicate = { key: e.key, line: e.keyLine };
                    seen.add(k);
                }
            }
            if (entries.some((x, i) => x !== n.entries[i]))
                out = { kind: 'map', line: n.line, entries };
        }
        memo.set(n, out);
        return out;
    };
    const folded = visit(root);
    return duplicate ? { root: folded, duplicate } : { root: folded };
}
/** Whether a string scalar or a key of a tree without aliases (each node once) reads differently folded. */
function foldsAnywhere(root) {
    const stack = [root];
    while (stack.length) {
        const n = stack.pop();
        const kind = n.kind;
        if (kind === 'scalar') {
            const v = n.value;
            if (typeof v === 'string' && v.startsWith(OPEN) && literalOf(v) !== undefined)
                return true;
        }
        else if (kind === 'seq') {
            const items = n.items;
            for (let i = 0, iEnd = items.length; i < iEnd; i++)
                stack.push(items[i]);
        }
        else {
            const es = n.entries;
            for (let i = 0, iEnd = es.length; i < iEnd; i++) {
                const e = es[i];
                const k = e.key;
                if (k.startsWith(OPEN) && fold(k) !== k)
                    return true;
                stack.push(e.value);
            }
        }
    }
    return false;
}
const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());


/***/ }),

/***/ 92884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hq: () => (/* binding */ isWorkflowFileName),
/* harmony export */   w_: () => (/* binding */ parseWorkflows),
/* harmony export */   xs: () => (/* binding */ WORKFLOWS_DIR)
/* harmony export */ });
/* unused harmony export loadWorkflowsFromDir */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54709);
/** I/O edge: workflow files from a directory. Parsing stays in parse.ts. */



const WORKFLOWS_DIR = '.github/workflows';
/** GitHub reads only `.yml` and `.yaml` files in `.github/workflows`. */
function isWorkflowFileName(name) {
    return /\.ya?ml$/i.test(name);
}
/** Parses files already in memory (e.g. read from git objects by the diff). */
function parseWorkflows(files) {
    return [...files]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((f) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseWorkflow */ .hM)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(f.path), f.path, f.text));
}
/** Reads `.github/workflows/*.yml|yaml` below `repoDir`, sorted; an unreadable file becomes an error model. */
async function loadWorkflowsFromDir(repoDir) {
    const dir = join(repoDir, WORKFLOWS_DIR);
    let names;
    try {
        names = (await readdir(dir)).filter(isWorkflowFileName).sort();
    }
    catch {
        return [];
    }
    return Promise.all(names.map(async (name) => {
        const path = `${WORKFLOWS_DIR}/${name}`;
        try {
            return parseWorkflow(name, path, await readFile(join(dir, name), 'utf8'));
        }
        catch (err) {
            return {
                file: name,
                path,
                triggers: [],
                jobs: [],
                error: { message: `cannot read file: ${err.message}`, line: 1 },
            };
        }
    }));
}


/***/ }),

/***/ 45215:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VZ: () => (/* binding */ FORK_REACHABLE_TRIGGERS)
/* harmony export */ });
/* unused harmony exports DIFF_ONLY_JOB_FIELDS, DIFF_ONLY_WORKFLOW_FIELDS */
/**
 * The workflow model: what one workflow file says, as plain data with positions. Produced by
 * `parseWorkflow` (shared/workflow/parse.ts), consumed by the access resolver, rules, diff and enforce.
 * Lines are 1-based and point into the workflow file itself (an alias points at its anchor).
 */
/**
 * Events that run the default branch's workflow with its token and secrets for what someone outside
 * the repository does (a fork's pull request, a comment on one, an issue or a discussion anyone may
 * open): the job's `if:` on the event's fields (`head.repo.full_name`, `*.author_association`) is then
 * the guard. Not `pull_request_review(_comment)`: from a fork they run as `pull_request` does, with a
 * read-only token and no secrets.
 */
const FORK_REACHABLE_TRIGGERS = [
    'pull_request_target',
    'workflow_run',
    'issue_comment',
    'issues',
    'discussion',
    'discussion_comment',
];
/**
 * What only the access diff reads of a model: texts and digests of subtrees, and whether the job's
 * sources went through `needs` or its steps. `parseWorkflow(\u2026, forDiff = false)`, which the check asks
 * for, leaves these out (and `RunsOn.sources`); a rule that comes to read one must have the check ask
 * for the whole model (tests/workflow/s34-diff-only-fields holds both).
 */
const DIFF_ONLY_JOB_FIELDS = (/* unused pure expression or super */ null && ([
    'secretSources',
    'withSources',
    'environmentSources',
    'callWith',
    'ifSources',
    'container',
    'readsNeeds',
    'readsSteps',
]));
const DIFF_ONLY_WORKFLOW_FIELDS = (/* unused pure expression or super */ null && ([
    'triggerFilters',
    'callDigest',
]));


/***/ }),

/***/ 28817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IE: () => (/* binding */ credentialAction),
/* harmony export */   Td: () => (/* binding */ ownAction),
/* harmony export */   Y2: () => (/* binding */ UNNAMED_STEP),
/* harmony export */   Zv: () => (/* binding */ TOKEN_SENDERS),
/* harmony export */   rr: () => (/* binding */ unnamedStep)
/* harmony export */ });
/* harmony import */ var _uses_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68632);
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

/***/ 54709:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dw: () => (/* binding */ foreignBreakProblem),
  hM: () => (/* binding */ parseWorkflow),
  Fn: () => (/* binding */ redirectingKeys),
  ig: () => (/* binding */ refusedStepId),
  wH: () => (/* binding */ stepNodes),
  dS: () => (/* binding */ strayCharacter),
  dk: () => (/* binding */ withInputs)
});

// UNUSED EXPORTS: NeededJobs, firstForeignBreak, sourceText, usesKind

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./shared/digest/sha256.ts
var sha256 = __webpack_require__(87348);
// EXTERNAL MODULE: ./shared/workflow/job-id.ts
var job_id = __webpack_require__(93387);
;// CONCATENATED MODULE: ./shared/workflow/runner-text.ts
/**
 * The text the runner hands an action for a `with:` value YAML reads as a number, a boolean or null
 * (`INPUT_SCOPE` for `scope: 1e21`). The reader (actions/runner YamlObjectReader, both the workflow
 * parser's and the one the runner reads action.yml files with) makes a plain `1.0` a NumberToken of
 * the double 1, `True` a BooleanToken; the `step-with` schema takes strings only, so TemplateReader
 * converts the literal with `literal.ToString()` (NumberToken: `m_value.ToString("G15",
 * CultureInfo.InvariantCulture)`; BooleanToken: `true`/`false`; NullToken: empty), and
 * ConvertToStepInputs passes that string on. JavaScript's `String(n)` differs for exponents
 * (`1e+21` / `1E+21`, `0.00001` / `1E-05`), for more than 15 significant digits and for -0: the check
 * read another scope or audience than the action was given. docs/decisions.md, session 21, cites
 * the source lines. Pure.
 */
/** .NET's `double.ToString("G15", CultureInfo.InvariantCulture)` (.NET Core 3.0 and later, the runner's .NET 8). */
function dotnetG15(n) {
    if (Number.isNaN(n))
        return 'NaN';
    if (n === Infinity)
        return 'Infinity';
    if (n === -Infinity)
        return '-Infinity';
    // .NET Core 3.0+ keeps the sign of negative zero.
    if (n === 0)
        return Object.is(n, -0) ? '-0' : '0';
    // An integer of at most 15 digits is its digits (what the workflows hold: `node: 14`, `retries: 3`);
    // no exponent form and no rounding to build for it.
    if (Number.isInteger(n) && n > -1e15 && n < 1e15)
        return String(n);
    const sign = n < 0 ? '-' : '';
    // 15 significant digits, rounded from the exact binary value (as .NET Core 3.0+ does).
    const [mantissa, exp] = Math.abs(n).toExponential(14).split('e');
    const digits = mantissa.replace('.', '').replace(/0+$/, '');
    const e = Number(exp);
    // G: scientific unless the exponent is above -5 and below the precision (15).
    if (e < -4 || e >= 15) {
        const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
        return `${sign}${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    }
    if (e < 0)
        return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
    const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
    const frac = digits.slice(e + 1);
    return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}
/** A `with:` value as the runner passes it to the action. */
function runnerText(value) {
    if (value === null)
        return '';
    if (typeof value === 'number')
        return dotnetG15(value);
    return String(value);
}

// EXTERNAL MODULE: ./shared/yaml/located.ts + 2 modules
var located = __webpack_require__(24325);
// EXTERNAL MODULE: ./shared/yaml/own-key.ts
var own_key = __webpack_require__(90842);
// EXTERNAL MODULE: ./shared/workflow/model.ts
var model = __webpack_require__(45215);
// EXTERNAL MODULE: ./shared/workflow/keys.ts
var keys = __webpack_require__(79512);
;// CONCATENATED MODULE: ./shared/workflow/env-keys.ts
/**
 * `env:` names that change where a stepwarden action reads its facts or what code it runs: the
 * runner's own variables (`GITHUB_API_URL`, `GITHUB_EVENT_PATH`, `ACTIONS_ID_TOKEN_REQUEST_URL`,
 * `RUNNER_TEMP`), the loader and TLS settings of Node and the shell (`NODE_OPTIONS`,
 * `NODE_EXTRA_CA_CERTS`, `BASH_ENV`, `LD_PRELOAD`, `PATH`) and proxies. Set in the workflow, job or
 * step `env:` of the gate, they let the workflow point the gate at an API, token endpoint or manifest
 * of its choosing while it stays first and in enforce mode. `GITHUB_TOKEN` is left out: the gate
 * takes its token from its `token` input, and jobs commonly set it for other steps.
 */
/**
 * The gate runs `bash \u2026 && node \u2026` (`shell: bash`). Bash imports a function from a variable
 * `BASH_FUNC_NAME%%` (`BASH_FUNC_node%%='() { echo ok; }'` replaces `node`) and applies `SHELLOPTS`
 * and `BASHOPTS` at start-up (`SHELLOPTS=noexec` reads the script and runs none of it: exit 0); the
 * dynamic loader reads every `LD_*` (`LD_AUDIT` loads a library as `LD_PRELOAD` does) and macOS's
 * `DYLD_*`. Each makes the gate succeed without judging anything (session 9). Node also reads
 * `OPENSSL_CONF` (an OpenSSL configuration can load a provider module) and, from Node 24,
 * `NODE_USE_ENV_PROXY` (then the proxy variables apply to its fetch).
 */
const PREFIXES = ['github_', 'actions_', 'runner_', 'bash_func_', 'ld_', 'dyld_'];
const NAMES = new Set([
    'path',
    'bash_env',
    'shellopts',
    'bashopts',
    'env',
    'node_options',
    'node_extra_ca_certs',
    'node_tls_reject_unauthorized',
    'node_path',
    'http_proxy',
    'https_proxy',
    'all_proxy',
    'no_proxy',
    'openssl_conf',
    'openssl_modules',
    'node_use_env_proxy',
    'ssl_cert_file',
    'ssl_cert_dir',
]);
const MEMO_MAX = 4096;
const memo = new Map();
function redirectsAction(name) {
    // Asked for every `env:` name of every job and step, and the same few names recur across a
    // repository: the answer is remembered per name within this process (at most MEMO_MAX names).
    let answer = memo.get(name);
    if (answer === undefined) {
        const n = name.trim().toLowerCase();
        answer = n !== 'github_token' && (NAMES.has(n) || PREFIXES.some((p) => n.startsWith(p)));
        if (memo.size >= MEMO_MAX)
            memo.clear();
        memo.set(name, answer);
    }
    return answer;
}

;// CONCATENATED MODULE: ./shared/workflow/container-options.ts
/**
 * A job container's `options:` as `docker create` reads them. The runner pastes the string, as it
 * is, into one command line (actions/runner DockerCommandManager.DockerCreate: `--name \u2026`, then the
 * options, then `-e` per `env:` entry, the volumes, the entrypoint and the image) and starts docker
 * with it as one arguments string, which .NET splits (only space and tab separate; `"` quotes; `\`
 * escapes only before `"`). Docker's flag parser (pflag) then reads the words: `-e NAME=V`,
 * `--env=NAME=V`, `-eNAME=V`, `-ie NAME=V` set variables of every process of the container, the
 * gate's included, exactly as the container's `env:` does; `--env-file` sets names no file of the
 * repository shows; `-v`/`--mount`/`--tmpfs`/`--volumes-from` lay other files over the ones the gate
 * runs; `--entrypoint` and a bare word (read as the image, the runner's image then being its
 * command) replace what runs. Anything not read with certainty is reported as such (fail closed).
 */
/** Long options of `docker create` that take a value (docker CLI 27/28); `--name=value` or the next word. */
const VALUE = new Set([
    'add-host',
    'annotation',
    'attach',
    'blkio-weight',
    'blkio-weight-device',
    'cap-add',
    'cap-drop',
    'cgroup-parent',
    'cgroupns',
    'cidfile',
    'cpu-count',
    'cpu-percent',
    'cpu-period',
    'cpu-quota',
    'cpu-rt-period',
    'cpu-rt-runtime',
    'cpu-shares',
    'cpus',
    'cpuset-cpus',
    'cpuset-mems',
    'device',
    'device-cgroup-rule',
    'device-read-bps',
    'device-read-iops',
    'device-write-bps',
    'device-write-iops',
    'dns',
    'dns-opt',
    'dns-option',
    'dns-search',
    'domainname',
    'entrypoint',
    'env',
    'env-file',
    'expose',
    'gpus',
    'group-add',
    'health-cmd',
    'health-interval',
    'health-retries',
    'health-start-interval',
    'health-start-period',
    'health-timeout',
    'hostname',
    'io-maxbandwidth',
    'io-maxiops',
    'ip',
    'ip6',
    'ipc',
    'isolation',
    'kernel-memory',
    'label',
    'label-file',
    'link',
    'link-local-ip',
    'log-driver',
    'log-opt',
    'mac-address',
    'memory',
    'memory-reservation',
    'memory-swap',
    'memory-swappiness',
    'mount',
    'name',
    'net',
    'net-alias',
    'network',
    'network-alias',
    'oom-score-adj',
    'pid',
    'pids-limit',
    'platform',
    'publish',
    'pull',
    'restart',
    'runtime',
    'security-opt',
    'shm-size',
    'stop-signal',
    'stop-timeout',
    'storage-opt',
    'sysctl',
    'tmpfs',
    'ulimit',
    'user',
    'userns',
    'uts',
    'volume',
    'volume-driver',
    'volumes-from',
    'workdir',
]);
/** Long options that take no value (`--privileged`, `--privileged=false`). */
const FLAG = new Set([
    'disable-content-trust',
    'help',
    'init',
    'interactive',
    'no-healthcheck',
    'oom-kill-disable',
    'privileged',
    'publish-all',
    'quiet',
    'read-only',
    'rm',
    'tty',
    'use-api-socket',
]);
/** One-letter forms. */
const SHORT = {
    a: 'attach',
    c: 'cpu-shares',
    e: 'env',
    h: 'hostname',
    i: 'interactive',
    l: 'label',
    m: 'memory',
    p: 'publish',
    P: 'publish-all',
    q: 'quiet',
    t: 'tty',
    u: 'user',
    v: 'volume',
    w: 'workdir',
};
/** Options that lay files over the container's or replace what it runs. */
const REPLACES = {
    'env-file': 'sets variables from a file the workflow does not show',
    entrypoint: 'replaces what the container runs',
    volume: 'lays other files over the ones the gate runs',
    mount: 'lays other files over the ones the gate runs',
    tmpfs: 'lays other files over the ones the gate runs',
    'volumes-from': 'lays other files over the ones the gate runs',
    // Docker runs a health check however the entrypoint is set, from start-up: the workflow's command
    // inside the container that runs the gate, with the gate's files mounted under `/__w` (session 11).
    'health-cmd': "runs the workflow's command inside the container, beside the gate",
};
/**
 * Options through which a container reaches the runner's host: its files (where the gate was
 * downloaded, `_work/_actions`, and the docker socket), devices, processes or privileges. A service
 * runs its own image before the first step, so with one of these it can rewrite the gate (session 11).
 */
const HOST = {
    volume: "mounts files of the runner's host",
    mount: "mounts files of the runner's host",
    'volumes-from': 'mounts the volumes of another container',
    'env-file': "reads a file of the runner's host",
    privileged: "has every privilege over the runner's host",
    'cap-add': 'adds kernel privileges',
    'security-opt': 'changes the confinement',
    device: "reaches a device of the runner's host",
    'device-cgroup-rule': "reaches devices of the runner's host",
    pid: "shares the processes of the runner's host",
    ipc: "shares the memory of the runner's host",
    userns: "shares the users of the runner's host",
    cgroupns: "shares the control groups of the runner's host",
};
/** .NET's split of an arguments string (Process on Unix: ParseArgumentsIntoList); undefined when unsure. */
function splitArguments(s) {
    // Only space and tab separate; a newline or another control character would end up inside a word,
    // which no reader here can vouch for.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s))
        return undefined;
    const out = [];
    let i = 0;
    while (i < s.length) {
        while (i < s.length && (s[i] === ' ' || s[i] === '\t'))
            i++;
        if (i >= s.length)
            break;
        let word = '';
        let quoted = false;
        while (i < s.length) {
            let slashes = 0;
            while (s[i] === '\\') {
                slashes++;
                i++;
            }
            if (slashes > 0) {
                if (s[i] !== '"')
                    word += '\\'.repeat(slashes);
                else {
                    word += '\\'.repeat(slashes >> 1);
                    if (slashes % 2) {
                        word += '"';
                        i++;
                    }
                }
                continue;
            }
            const c = s[i];
            if (c === '"') {
                if (quoted && s[i + 1] === '"') {
                    word += '"';
                    i++;
                }
                else
                    quoted = !quoted;
                i++;
                continue;
            }
            if ((c === ' ' || c === '\t') && !quoted)
                break;
            word += c;
            i++;
        }
        // An unclosed quote runs to the end of the line: what was meant is not certain.
        if (quoted)
            return undefined;
        out.push(word);
    }
    return out;
}
/** Reads a container's `options:` string as docker does; see the file comment. */
function readContainerOptions(options) {
    const env = [];
    const hazards = [];
    const host = [];
    const unsure = (why) => {
        hazards.push(why);
        host.push(why);
    };
    if (options.includes('${{')) {
        unsure(`${options}: known only at run time`);
        return { env, hazards, host };
    }
    const words = splitArguments(options);
    if (!words) {
        unsure('cannot be split into words with certainty (an unclosed quote or a line break)');
        return { env, hazards, host };
    }
    const take = (name, value, shown) => {
        if (HOST[name])
            host.push(`${shown} ${HOST[name]}`);
        if (value === undefined)
            unsure(`${shown} without a value`);
        else if (name === 'env') {
            const n = value.split('=')[0];
            if (n.trim() === '')
                hazards.push(`${shown} ${value}: no variable name`);
            else
                env.push(n);
        }
        else if (REPLACES[name])
            hazards.push(`${shown} ${REPLACES[name]}`);
    };
    for (let k = 0; k < words.length; k++) {
        const w = words[k];
        if (w === '--' || !w.startsWith('-') || w === '-') {
            // Docker stops reading options at the first other word: it is the image, and the runner's
            // image and arguments become the command.
            hazards.push(`'${w}' is read as the image (or the command): it replaces what the container runs`);
            break;
        }
        if (w.startsWith('--')) {
            const eq = w.indexOf('=');
            const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
            if (FLAG.has(name)) {
                // `--privileged=false` is what docker does without it.
                if (HOST[name] && !/^=(?:false|0|f|F|FALSE|False)$/.test(eq < 0 ? '' : w.slice(eq)))
                    host.push(`--${name} ${HOST[name]}`);
                continue;
            }
            if (!VALUE.has(name)) {
                unsure(`'--${name}' is not an option this reader knows`);
                continue;
            }
            take(name, eq < 0 ? words[++k] : w.slice(eq + 1), `--${name}`);
            continue;
        }
        // `-it`, `-eNAME=V`, `-e=NAME=V`, `-ie NAME=V`: as pflag reads a group of one-letter options.
        for (let j = 1; j < w.length; j++) {
            const name = SHORT[w[j]];
            if (!name) {
                unsure(`'-${w[j]}' (in '${w}') is not an option this reader knows`);
                break;
            }
            const rest = w.slice(j + 1);
            if (FLAG.has(name)) {
                if (rest.startsWith('='))
                    break; // `-i=true`: the rest is its value
                continue;
            }
            take(name, rest === '' ? words[++k] : rest.startsWith('=') ? rest.slice(1) : rest, `-${w[j]}`);
            break;
        }
    }
    return { env, hazards, host };
}

// EXTERNAL MODULE: ./shared/workflow/literal.ts
var literal = __webpack_require__(70121);
// EXTERNAL MODULE: ./shared/workflow/secrets.ts
var workflow_secrets = __webpack_require__(23803);
// EXTERNAL MODULE: ./shared/workflow/uses.ts
var workflow_uses = __webpack_require__(68632);
// EXTERNAL MODULE: ./shared/workflow/own-action.ts
var own_action = __webpack_require__(28817);
// EXTERNAL MODULE: ./shared/workflow/template.ts
var template = __webpack_require__(87438);
;// CONCATENATED MODULE: ./shared/workflow/parse.ts
/**
 * Workflow file -> WorkflowModel. Pure and total: a file that does not parse comes back with `error`
 * set and no jobs, never as a throw, so one broken file cannot hide the findings of the others.
 * Reads YAML through the located tree of shared/yaml/located.ts (aliases resolved to their anchors).
 */















const isMap = (n) => n?.kind === 'map';
const isSeq = (n) => n?.kind === 'seq';
const isScalar = (n) => n?.kind === 'scalar';
const lineOf = (n) => n?.line ?? 1;
const NO_ENTRIES = [];
const NULL = { kind: 'scalar', line: 0, value: null };
const NO_ITEMS = [];
// The helpers below are called for every job, step and key: they test `kind` themselves rather than
// through isMap/isScalar, since under `--no-opt` each call is a real one (session 29).
function entries(node) {
    return node?.kind === 'map' ? node.entries : NO_ENTRIES;
}
function get(node, key) {
    if (node?.kind !== 'map')
        return undefined;
    const es = node.entries;
    for (let i = 0, iEnd = es.length; i < iEnd; i++)
        if (es[i].key === key)
            return es[i];
    return undefined;
}
function str(node) {
    if (node?.kind !== 'scalar')
        return undefined;
    const v = node.value;
    return v === null ? undefined : String(v);
}
/** A key's value as text: a scalar's string (`null` for an empty one), any other node's sourceText. */
const scalarText = (node) => (isScalar(node) ? String(node.value) : sourceText(node));
/**
 * `defaults.run.shell` of a workflow or job mapping, as text, when the key is there: `defaults` is
 * the mapping's `defaults:` value (its caller has found it in its own pass over the keys).
 */
function runShellOf(defaults) {
    const shell = get(get(defaults, 'run')?.value, 'shell');
    return shell ? scalarText(shell.value) : undefined;
}
function seqItems(node) {
    return node?.kind === 'seq' ? node.items : NO_ITEMS;
}
function permissionsBlock(node, keyLine) {
    if (isScalar(node)) {
        const v = node.value;
        if (v === 'read-all' || v === 'write-all')
            return { line: keyLine, shorthand: v, entries: [] };
        // `permissions:` with no value is null in YAML; GitHub rejects it like any other scalar.
        return {
            line: keyLine,
            entries: [],
            invalid: `permissions must be read-all, write-all or a mapping of scopes, not '${String(v)}'`,
        };
    }
    if (isMap(node)) {
        return {
            line: keyLine,
            entries: entries(node).map((e) => ({
                scope: e.key,
                level: str(e.value) ?? (isScalar(e.value) ? String(e.value.value) : e.value.kind),
                line: e.keyLine,
            })),
        };
    }
    return {
        line: keyLine,
        entries: [],
        invalid: 'permissions must be read-all, write-all or a mapping of scopes',
    };
}
function triggers(node) {
    if (isScalar(node)) {
        const s = str(node);
        return s ? [{ value: s, line: lineOf(node) }] : [];
    }
    if (isSeq(node)) {
        return seqItems(node).flatMap((i) => {
            const s = str(i);
            return s ? [{ value: s, line: lineOf(i) }] : [];
        });
    }
    if (isMap(node))
        return entries(node).map((e) => ({ value: e.key, line: e.keyLine }));
    return [];
}
/**
 * `on.workflow_call.inputs`' string defaults (WorkflowModel.callDefaults). Only a `type: string`
 * input's: GitHub reads a number's or a boolean's default through its type, left to the broker as a
 * caller's non-string `with:` is (session 34).
 */
function callDefaults(on) {
    return byFoldedName(get(get(on, 'workflow_call')?.value, 'inputs')?.value, (input) => {
        const d = get(input, 'default')?.value;
        return str(get(input, 'type')?.value) === 'string' && d?.kind === 'scalar' && typeof d.value === 'string'
            ? { value: d.value, line: lineOf(d), default: true }
            : undefined;
    });
}
function pushFilters(on) {
    const push = isMap(on) ? get(on, 'push')?.value : undefined;
    if (!isMap(push))
        return {};
    const list = (key) => {
        const v = get(push, key)?.value;
        return v === undefined
            ? undefined
            : isSeq(v)
                ? seqItems(v).flatMap((i) => str(i) ?? [])
                : [str(v) ?? ''].filter(Boolean);
    };
    const branches = list('branches');
    const tags = list('tags');
    return { pushFilters: { ...(branches ? { branches } : {}), ...(tags ? { tags } : {}) } };
}
/** The filters of each fork-reachable event of a mapping `on:` that has any (WorkflowModel.triggerFilters). */
function triggerFilters(on) {
    if (!isMap(on))
        return {};
    const out = {};
    // An event with no filters (`push:`, `push: {}`) has no entry: both read alike.
    const es = entries(on);
    for (let i = 0, iEnd = es.length; i < iEnd; i++) {
        const e = es[i];
        if (model/* FORK_REACHABLE_TRIGGERS */.VZ.includes(e.key) &&
            (entries(e.value).length || seqItems(e.value).length || str(e.value)))
            (0,own_key/* setOwn */.P)(out, e.key, sourceText(e.value));
    }
    return Object.keys(out).length ? { triggerFilters: out } : {};
}

function environments(node) {
    if (!node)
        return [];
    if (isScalar(node)) {
        const s = str(node);
        return s ? [{ value: s, line: lineOf(node) }] : [];
    }
    const name = get(node, 'name');
    const s = name ? str(name.value) : undefined;
    return s ? [{ value: s, line: lineOf(name.value) }] : [];
}
/**
 * A step's `with:` into `into`: `with` (inputs by ASCII-folded name) or `withExpression` (GitHub
 * accepts `with:` as one expression: its schema gives step-with a context). Written into the target,
 * not returned, so the model of a step allocates nothing for it beyond what it keeps. Also read for
 * the steps of local composite actions (composite.ts).
 */
function withInputs(node, into) {
    // Asked for every step: kinds tested here, not through isScalar/isMap/lineOf (session 32).
    if (node === undefined)
        return;
    if (node.kind === 'scalar') {
        const v = node.value;
        if (typeof v === 'string' && v.includes('${{'))
            into.withExpression = { value: v, line: node.line };
        return;
    }
    if (node.kind !== 'map')
        return;
    const out = {};
    const es = node.entries;
    for (let i = 0, iEnd = es.length; i < iEnd; i++) {
        const e = es[i];
        const ev = e.value;
        // As the runner passes it (runner-text.ts): `token:` with no value is '', `scope: 1e21` is
        // `1E+21`, `True` is `true`.
        const v = ev.kind === 'scalar' ? runnerText(ev.value) : undefined;
        // Input names are case-insensitive to the runner: `MODE: audit` sets `inputs.mode`.
        const k = (0,keys/* asciiFold */.hb)(e.key);
        if (v !== undefined && !Object.hasOwn(out, k))
            (0,own_key/* setOwn */.P)(out, k, { value: v, line: ev.line });
    }
    into.with = out;
}
/** A call's `with:` strings by folded name (JobModel.callInputs); a name given twice up to case is dropped. */
function callInputs(node) {
    return byFoldedName(node, (v) => v.kind === 'scalar' && typeof v.value === 'string' ? { value: v.value, line: v.line } : undefined);
}
/**
 * A map's values by name in ASCII lower case, each read by `read` (undefined: left out). A name given
 * twice up to case is neither (GitHub's reader refuses the file): callInputs and callDefaults alike.
 */
function byFoldedName(node, read) {
    if (node?.kind !== 'map')
        return undefined;
    const out = {};
    const seen = new Set();
    for (const e of node.entries) {
        const k = (0,keys/* asciiFold */.hb)(e.key);
        if (seen.has(k)) {
            delete out[k];
            continue;
        }
        seen.add(k);
        const v = read(e.value);
        if (v !== undefined)
            (0,own_key/* setOwn */.P)(out, k, v);
    }
    return Object.keys(out).length ? out : undefined;
}
/**
 * The job's steps in order, with the steps of a `parallel:` group (GitHub's workflow schema: a step
 * whose `parallel:` lists steps that run side by side) after the group's own entry. The group stays a
 * step (it has no `uses:`), so a job whose first step is a group does not start with its gate; every
 * nested `uses:` is judged like any other step's. Nested groups (GitHub refuses them) are read too; a
 * group reached again through an alias is not expanded again (its steps are already listed), so an
 * alias bomb of groups costs its distinct nodes.
 */
function stepNodes(node, out = [], seen) {
    const items = seqItems(node);
    for (let i = 0, iEnd = items.length; i < iEnd; i++) {
        const s = items[i];
        out.push(s);
        // `get(s, 'parallel')` written out: asked of every step of every job (session 32).
        let group;
        if (s.kind === 'map') {
            const es = s.entries;
            for (let k = 0, kEnd = es.length; k < kEnd; k++)
                if (es[k].key === 'parallel') {
                    group = es[k].value;
                    break;
                }
        }
        if (group?.kind !== 'seq')
            continue;
        // The set only when a job has a group (nearly none has).
        seen ??= new Set();
        if (!seen.has(group)) {
            seen.add(group);
            stepNodes(group, out, seen);
        }
    }
    return out;
}
/**
 * A subtree as text, for comparing two versions of it: keys and values in order, lines left out; a
 * collection reached again through an alias is written as a reference, so an alias bomb costs its
 * distinct nodes.
 */
function sourceText(node) {
    const seen = new Map();
    const out = [];
    const visit = (n) => {
        if (n.kind === 'scalar') {
            out.push(JSON.stringify(n.value));
            return;
        }
        const id = seen.get(n);
        if (id !== undefined) {
            out.push(`*${id}`);
            return;
        }
        seen.set(n, seen.size);
        if (n.kind === 'seq') {
            out.push('[');
            const items = n.items;
            for (let i = 0, iEnd = items.length; i < iEnd; i++) {
                visit(items[i]);
                out.push(',');
            }
            out.push(']');
        }
        else {
            out.push('{');
            const es = n.entries;
            for (let i = 0, iEnd = es.length; i < iEnd; i++) {
                const e = es[i];
                out.push(JSON.stringify(e.key), ':');
                visit(e.value);
                out.push(',');
            }
            out.push('}');
        }
    };
    if (node)
        visit(node);
    return out.join('');
}
/**
 * A job's `container:` as text: an image name as written, else the whole node, with the strategy when
 * it holds an expression, and the workflow's `on` when that reads `inputs` (a default picks the image).
 */
function containerText(node, strategy, on) {
    const text = sourceText(node);
    if (!text.includes('${{'))
        return isScalar(node) ? String(node.value) : text;
    const items = [node, strategy ?? NULL];
    if (/inputs/i.test(text))
        items.push(on ?? NULL);
    return sourceText({ kind: 'seq', line: 0, items });
}
/** Names of an `env:` mapping that redirect an action (env-keys.ts), with their lines. */
function redirectingKeys(node) {
    // Asked for every step, most of which have no `env:`: the node's kind tested here, not through
    // isScalar/entries (a call each under `--no-opt`; session 32).
    if (node === undefined)
        return [];
    if (node.kind === 'scalar') {
        // `env: ${{ fromJSON(\u2026) }}` can set any name.
        const v = node.value;
        return typeof v === 'string' && v.includes('${{') ? [{ value: v, line: node.line }] : [];
    }
    if (node.kind !== 'map')
        return [];
    // Asked for every step: no array unless some name redirects (nearly never).
    let out;
    // A key written as an expression (literals are folded already) is a name known only at run time:
    // `${{ format('NODE_{0}', 'OPTIONS') }}`, or `${{ insert }}`, which merges a whole mapping.
    const es = node.entries;
    for (let i = 0, iEnd = es.length; i < iEnd; i++) {
        const e = es[i];
        if (redirectsAction(e.key) || e.key.includes('${{'))
            (out ??= []).push({ value: e.key, line: e.keyLine });
    }
    return out ?? [];
}
/** A step key's value as written (`if:`, `continue-on-error:`), with the key's line. */
function asWritten(e) {
    return { value: str(e.value) ?? '(not a scalar)', line: e.keyLine };
}
function parseStep(s, index, outerEnv, actions) {
    // One pass over the step's keys (a mapping has no duplicate keys: js-yaml refuses them).
    let id;
    let name;
    let usesKey;
    let run;
    let ifKey;
    let continueKey;
    let withKey;
    let envKey;
    let shellKey;
    // `entries(s)` and `lineOf(s)` in place: a call each per step (session 32). A step is a node.
    const es = s.kind === 'map' ? s.entries : NO_ENTRIES;
    for (let i = 0, iEnd = es.length; i < iEnd; i++) {
        const e = es[i];
        const k = e.key;
        if (k === 'id')
            id ??= str(e.value);
        else if (k === 'name')
            name ??= str(e.value);
        else if (k === 'uses')
            usesKey ??= e;
        else if (k === 'run')
            run ??= str(e.value);
        else if (k === 'if')
            ifKey ??= e;
        else if (k === 'continue-on-error')
            continueKey ??= e;
        else if (k === 'with')
            withKey ??= e;
        else if (k === 'env')
            envKey ??= e;
        else if (k === 'shell')
            shellKey ??= e;
    }
    const stepUses = str(usesKey?.value);
    // Keys assigned in the model's order; only those present (no spread of a temporary per key).
    const step = { index, line: s.line };
    if (id !== undefined)
        step.id = id;
    if (name !== undefined)
        step.name = name;
    if (stepUses !== undefined)
        step.uses = stepUses;
    if (run !== undefined)
        step.run = run;
    if (ifKey)
        step.if = asWritten(ifKey);
    if (continueKey)
        step.continueOnError = asWritten(continueKey);
    if (shellKey)
        step.shell = scalarText(shellKey.value);
    withInputs(withKey?.value, step);
    const own = redirectingKeys(envKey?.value);
    if (outerEnv.length || own.length)
        step.redirectingEnv = [...outerEnv, ...own];
    if (stepUses) {
        actions.push({
            uses: stepUses,
            line: lineOf(usesKey.value),
            kind: (0,workflow_uses/* usesKind */.VN)(stepUses),
            on: 'step',
            step: step.id ?? step.name ?? `#${index}`,
        });
    }
    return step;
}
/**
 * What else of the job container sets variables of the gate's process or replaces what it runs:
 * `options:` as docker reads them (container-options.ts), `volumes:` (mounted as `-v`), a container
 * written as one expression (any `env:`, `options:` or `volumes:` at run time). Reported like `env:`
 * names, so both faces disarm the gate with one reason (session 10).
 */
function containerHazards(node, strategy) {
    if (!node)
        return [];
    if (isScalar(node))
        // Only a value that is one whole expression can be a mapping; `node:${{ matrix.v }}` is an image.
        return wholeExpression(node) && !matrixImage(node.value, strategy)
            ? [
                {
                    value: `container: ${node.value} (its env and options are known only at run time)`,
                    line: lineOf(node),
                },
            ]
            : [];
    const out = [];
    const options = get(node, 'options');
    if (options && !(isScalar(options.value) && options.value.value === null)) {
        const text = str(options.value);
        const read = text === undefined ? { env: [], hazards: ['not a string'] } : readContainerOptions(text);
        for (const n of read.env)
            if (redirectsAction(n))
                out.push({ value: `container options: -e ${n}`, line: options.keyLine });
        for (const h of read.hazards)
            out.push({ value: `container options: ${h}`, line: options.keyLine });
    }
    const volumes = get(node, 'volumes');
    if (volumes && !(isScalar(volumes.value) && !volumes.value.value))
        out.push({
            value: 'container volumes: lay other files over the ones the gate runs',
            line: volumes.keyLine,
        });
    return out;
}
/** A value that is one whole expression (`${{ fromJSON(vars.X) }}`), which can stand for a mapping. */
function wholeExpression(node) {
    return (isScalar(node) &&
        typeof node.value === 'string' &&
        /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(node.value) &&
        (node.value.match(/\$\{\{/g) ?? []).length === 1);
}
/**
 * What of the job's `services:` reaches the runner's host. The runner starts them (and waits for
 * their health checks) after "Set up job" downloaded the gate into `_work/_actions` and before the
 * first step; a service runs its own image, so one that mounts host files (`volumes:`, `-v`, the
 * docker socket), or has the host's privileges, devices or processes, can rewrite the gate or the
 * event payload it reads (session 11). A service of an image name only, ports, health checks or its
 * own `env:` reaches nothing of the host and is not reported.
 */
function serviceHazards(node, strategy) {
    if (!node || (isScalar(node) && !node.value))
        return [];
    const out = [];
    if (!isMap(node)) {
        out.push({
            value: `services: ${str(node) ?? '(not a mapping)'}: known only at run time`,
            line: lineOf(node),
        });
        return out;
    }
    for (const svc of entries(node)) {
        const name = `service '${svc.key}'`;
        const v = svc.value;
        if (wholeExpression(v)) {
            if (!matrixImage(v.value, strategy))
                out.push({ value: `${name}: ${v.value}: known only at run time`, line: svc.keyLine });
            continue;
        }
        if (!isMap(v))
            continue;
        const options = get(v, 'options');
        if (options && !(isScalar(options.value) && options.value.value === null)) {
            const text = str(options.value);
            const host = text === undefined ? ['not a string'] : readContainerOptions(text).host;
            for (const h of host)
                out.push({ value: `${name} options: ${h}`, line: options.keyLine });
        }
        const volumes = get(v, 'volumes');
        if (volumes && !(isScalar(volumes.value) && !volumes.value.value))
            out.push({ value: `${name} volumes: mount files of the runner's host`, line: volumes.keyLine });
    }
    return out;
}
/**
 * `container: ${{ matrix.K }}` where every value the file gives K (its list and `include` entries) is
 * a plain string: an image name, never a mapping with `env:` or `options:`.
 */
function matrixImage(expr, strategy) {
    const plain = (n) => isScalar(n) && typeof n.value === 'string' && !n.value.includes('${{');
    const values = matrixValues(expr, strategy);
    return !!values && values.length > 0 && values.every(plain);
}
/** The names `${{ matrix.K }}` (the whole of `expr`) can take when each is a literal string, else undefined. */
function matrixNames(expr, strategy) {
    const values = matrixValues(expr, strategy);
    if (!values?.length)
        return undefined;
    const out = [];
    for (const v of values) {
        const s = isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
        if (!s || s.includes('${{'))
            return undefined;
        out.push({ value: s, line: lineOf(v) });
    }
    return out;
}
/**
 * The values of each credential step's `step`, `scope` and `audience` input written as a whole
 * `${{ matrix.K }}` (matrixLegs): each one runs on some leg, so a refusal of it is certain.
 */
function matrixInputs(steps, strategy) {
    let out;
    for (const st of steps) {
        const w = st.with;
        // The inputs' text first: most steps of matrix jobs pass no such input.
        if (!w || !(w.step ?? w.scope ?? w.audience) || !st.uses || !(0,own_action/* credentialAction */.IE)(st.uses))
            continue;
        // A step whose `if:` reads the matrix may be skipped on the very leg the broker would refuse.
        if (st.if && /matrix/i.test(st.if.value))
            continue;
        for (const k of ['step', 'scope', 'audience']) {
            // Keyed as credential-step reads the input: trimmed, as the action's getInput does.
            const v = w[k]?.value.trim();
            if (!v?.includes('${{') || (out && Object.hasOwn(out, v)))
                continue;
            const values = matrixLegs(v, strategy);
            if (values)
                (out ??= Object.create(null))[v] = values;
        }
    }
    return out;
}
/**
 * A reusable-workflow call's `with:` values written as a whole `${{ matrix.K }}` (matrixLegs): GitHub
 * calls the workflow once per leg with that leg's value ("Using a matrix strategy with a reusable
 * workflow"), so a callee's `${{ inputs.NAME }}` is each value on some leg (session 36).
 */
function callMatrixInputs(callWith, strategy) {
    let out;
    for (const e of entries(callWith)) {
        const v = isScalar(e.value) && typeof e.value.value === 'string' ? e.value.value.trim() : undefined;
        if (!v?.includes('${{') || (out && Object.hasOwn(out, v)))
            continue;
        const values = matrixLegs(v, strategy);
        if (values)
            (out ??= Object.create(null))[v] = values;
    }
    return out;
}
/**
 * Every value of a whole `${{ matrix.K }}` when the strategy lists them all as literal strings and
 * has no `exclude` (which may drop a listed value from every leg); undefined otherwise.
 */
function matrixLegs(v, strategy) {
    const matrix = get(strategy, 'matrix')?.value;
    if (!isMap(matrix) || get(matrix, 'exclude') !== undefined)
        return undefined;
    // A key spelt in another case (`V:` beside `v:`) is read as K too, over-approximated
    // (matrixValues): which value a leg then gets is not certain, so none is judged.
    const key = MATRIX_VALUE.exec(v)?.[1];
    const keys = [matrix, ...seqItems(get(matrix, 'include')?.value)].flatMap((n) => isMap(n) ? n.entries.map((e) => e.key) : []);
    if (key &&
        keys.some((x) => x !== key && (x.toLowerCase() === key.toLowerCase() || x.toUpperCase() === key.toUpperCase())))
        return undefined;
    return matrixNames(v, strategy);
}
/**
 * Every value `${{ matrix.K }}` (the whole of `expr`) can take, from K's list and the `include`
 * entries (`exclude` only removes: over-approximated), or undefined when the file does not say (the
 * matrix or `include` written as an expression). A value that is no list and an `include` entry that
 * is no mapping read as null, which no caller takes for a literal.
 */
/**
 * `${{ matrix.K }}`: inside the braces .NET's white space, which GitHub's lexer skips
 * (`${{\Nmatrix.env}}`), and the context name in any case (named values are OrdinalIgnoreCase);
 * session 26. Around them JavaScript's trim, as before.
 */
const MATRIX_VALUE = new RegExp(String.raw `^\$\{\{${template/* NET_SPACE */.pW}*matrix\.([A-Za-z_][A-Za-z0-9_-]*)${template/* NET_SPACE */.pW}*\}\}$`, 'i');
function matrixValues(expr, strategy) {
    const m = MATRIX_VALUE.exec(expr.trim());
    const matrix = get(strategy, 'matrix')?.value;
    if (!m || !isMap(matrix))
        return undefined;
    const included = get(matrix, 'include')?.value;
    if (included !== undefined && !isSeq(included))
        return undefined;
    // GitHub reads `matrix.K` case-insensitively (`@actions/expressions` folds a dictionary's keys with
    // toLowerCase, the runner's with OrdinalIgnoreCase, which upper-cases): `ENV:` in an `include`
    // entry is `matrix.env` on its leg. Every key either folding takes for K counts: more values, never
    // fewer (tests/hostile-faces/s18-matrix-env-case.test.ts).
    const lower = m[1].toLowerCase();
    const upper = m[1].toUpperCase();
    const isK = (k) => k === m[1] || k.toLowerCase() === lower || k.toUpperCase() === upper;
    const of = (n) => (isMap(n) ? n.entries.filter((e) => isK(e.key)).map((e) => e.value) : []);
    return [
        ...of(matrix).flatMap((listed) => (isSeq(listed) ? listed.items : [NULL])),
        ...seqItems(included).flatMap((i) => (isMap(i) ? of(i) : [NULL])),
    ];
}
/**
 * When a step's `with:` holds an expression (`broker-url: ${{ matrix.broker }}`): what such an
 * expression can read in the files, as text (the job's strategy, the workflow's `on`, the workflow's
 * and the job's `env:`, and those steps' own `env:`). A change there changes the value the step
 * receives while its `with:` reads the same (session 28; the access diff compares it for where
 * stepwarden's steps send the job's OIDC token). Undefined when no step's `with:` holds one.
 */
function stepWithSources(steps, stepList, outer, needed, ownSteps, strategyReadsNeeds) {
    let items;
    let readsNeeds = false;
    let readsSteps = false;
    for (let i = 0, iEnd = steps.length; i < iEnd; i++) {
        const st = steps[i];
        // Only where the diff reads it: stepwarden's own steps (where a token goes, where the gate reads
        // the manifest) and local actions, whose steps may be stepwarden's reading this `with:` through
        // `inputs` (most steps' `with:` holds an expression, and the text would be made for nearly every
        // job the check reads).
        if (!st.uses || !((0,workflow_uses/* usesKind */.VN)(st.uses) === 'local' || (0,own_action/* ownAction */.Td)(st.uses) !== undefined))
            continue;
        let computed = st.withExpression !== undefined;
        if (computed && NEEDS_READ.test(st.withExpression.value))
            readsNeeds = true;
        if (computed && ENV_OR_STEPS_READ.test(st.withExpression.value))
            readsSteps = true;
        if (st.with)
            for (const k in st.with) {
                const v = st.with[k].value;
                if (!v.includes('${{'))
                    continue;
                computed = true;
                if (NEEDS_READ.test(v))
                    readsNeeds = true;
                if (ENV_OR_STEPS_READ.test(v))
                    readsSteps = true;
            }
        if (!computed)
            continue;
        items ??= outer.map((n) => n ?? NULL);
        items.push(get(stepList[i], 'env')?.value ?? NULL);
    }
    // A `needs.<job>.outputs` read is what the needed jobs write: their outputs, steps and scripts are
    // in the files too (session 29), so their text is part of what the expression reads.
    // An `env` or step output the job's `env:` or steps fill from `needs.<job>.outputs` (`B: ${{ needs.s.outputs.b }}`,
    // `echo "B=${{ needs.s.outputs.b }}" >> $GITHUB_ENV`) is what the needed jobs write (session 32).
    if (items && readsSteps && !readsNeeds)
        readsNeeds = NEEDS_READ.test(sourceText({ kind: 'seq', line: 0, items: [...items, ...stepList] }));
    if (items && (readsNeeds || strategyReadsNeeds()))
        items.push(...needed());
    // A `steps.<id>.outputs` read is what the job's steps write, their scripts included, and so is an
    // `env` read: an earlier step sets variables through $GITHUB_ENV (session 31).
    if (items && readsSteps)
        items.push(...ownSteps());
    return items && sourceText({ kind: 'seq', line: 0, items });
}
/** An expression that reads the `needs` context (names are case-insensitive in expressions). */
const NEEDS_READ = /\bneeds\b/i;
/** An expression that may read the `env` or `steps` context (a whole `run:` text is matched too: more rows, never fewer). */
const ENV_OR_STEPS_READ = /\b(?:env|steps)\b/i;
/**
 * What an expression reading `needs.<job>.outputs` reads in the files: the needed job's text and,
 * since its outputs may read its own needs, theirs in turn. Each job is one digest of its text and of
 * its needed jobs' digests (a hash over the `needs` graph, each job hashed once), so a reading job
 * carries one short value per job it names. Session 29 put the text of every needed job, transitively,
 * into each reading job's sources: a chain of jobs grew them with the square of its length (800 jobs
 * in a 1.9 MB file: 741 M characters and 24 s to parse; the broker parses the workflow files it reads
 * too). A change anywhere along the chain still changes the digest, which is all the diff compares.
 */
class NeededJobs {
    jobs;
    exact;
    folded;
    digests = new Map();
    constructor(jobs) {
        this.jobs = jobs;
    }
    /** The job node `name` finds: the exact key first (the first of that name), else in any case. */
    node(name) {
        if (!this.exact) {
            this.exact = new Map();
            this.folded = new Map();
            for (const e of entries(this.jobs)) {
                if (!this.exact.has(e.key))
                    this.exact.set(e.key, e.value);
                const f = e.key.toLowerCase();
                if (!this.folded.has(f))
                    this.folded.set(f, e.value);
            }
        }
        return this.exact.get(name) ?? this.folded.get(name.toLowerCase());
    }
    /** For the jobs `needs` names, in order: one scalar each, its name and digest ('null' when absent). */
    of(needs) {
        return needs.map((name) => {
            const node = this.node(name);
            return { kind: 'scalar', line: 0, value: `needs ${name} ${node ? this.digest(node) : 'null'}` };
        });
    }
    /**
     * A job's digest: its text, then each job it needs as `of` gives it. Iterative (a chain of
     * thousands of jobs would overflow the stack); a job met again while its own digest is being made
     * (a cycle, which GitHub refuses to run) stands as 'cycle'.
     */
    digest(start) {
        const busy = new Set();
        const stack = [start];
        while (stack.length) {
            const node = stack[stack.length - 1];
            if (this.digests.has(node)) {
                stack.pop();
                continue;
            }
            const names = needsOf(node);
            if (!busy.has(node)) {
                busy.add(node);
                for (const name of names) {
                    const n = this.node(name);
                    if (n && !this.digests.has(n) && !busy.has(n))
                        stack.push(n);
                }
                continue;
            }
            const hash = (0,external_node_crypto_.createHash)('sha256').update(sourceText(node));
            for (const name of names) {
                const n = this.node(name);
                hash.update(`\0${name} ${!n ? 'null' : (this.digests.get(n) ?? 'cycle')}`);
            }
            this.digests.set(node, hash.digest('hex'));
            busy.delete(node);
            stack.pop();
        }
        return this.digests.get(start);
    }
}
/** The names a job's `needs:` lists (a name or a list of names). */
function needsOf(job) {
    const n = get(job, 'needs')?.value;
    const out = [];
    for (const x of isScalar(n) ? [str(n)] : seqItems(n).map(str))
        if (x)
            out.push(x);
    return out;
}
/**
 * What `runs-on:` can send the job to: a label, a list of labels, a `group:`/`labels:` mapping, or a
 * whole `${{ matrix.K }}` whose values the strategy lists literally (each value read as `runs-on:`
 * itself). Anything else with an expression is kept as its text: which runner it names is known
 * only at run time.
 */
function runsOnChoices(node, strategy, viaMatrix = false) {
    const expression = () => [
        { expression: isScalar(node) ? String(node.value) : sourceText(node) },
    ];
    const labels = (n) => {
        const items = isSeq(n) ? n.items : [n];
        const out = items.map(str);
        return out.every((l) => l !== undefined && !l.includes('${{')) ? out : undefined;
    };
    if (isScalar(node)) {
        const v = str(node);
        if (v === undefined)
            return expression();
        if (!v.includes('${{'))
            return [{ labels: [v] }];
        const values = viaMatrix ? undefined : matrixValues(v, strategy);
        // A value that is itself no literal runner leaves the whole choice to run time.
        const resolved = values?.length ? values.flatMap((x) => runsOnChoices(x, strategy, true)) : [];
        return resolved.length && !resolved.some((c) => 'expression' in c) ? resolved : expression();
    }
    if (isSeq(node)) {
        const l = labels(node);
        return l ? [{ labels: l }] : expression();
    }
    if (isMap(node)) {
        const groupNode = get(node, 'group')?.value;
        const labelsNode = get(node, 'labels')?.value;
        const group = groupNode === undefined ? undefined : str(groupNode);
        const l = labelsNode === undefined ? [] : labels(labelsNode);
        if (!l || (groupNode !== undefined && (group === undefined || group.includes('${{'))))
            return expression();
        return [{ labels: l, ...(group !== undefined ? { group } : {}) }];
    }
    return expression();
}
function parseJob(id, keyLine, node, stepList, unshared, workflowEnv, on, workflowRedirecting = [], workflowShell, workflowEnvNode, neededJobs, forDiff = true) {
    // One pass over the job's keys, each the first of its name (as `get` finds it).
    let perm;
    let usesEntry;
    let containerEntry;
    let envEntry;
    let secretsEntry;
    let needsEntry;
    let environmentEntry;
    let withEntry;
    let nameEntry;
    let strategyEntry;
    let runsOnEntry;
    let ifEntry;
    let servicesEntry;
    let defaultsEntry;
    const es = entries(node);
    for (let i = 0, iEnd = es.length; i < iEnd; i++) {
        const e = es[i];
        switch (e.key) {
            case 'permissions':
                perm ??= e;
                break;
            case 'uses':
                usesEntry ??= e;
                break;
            case 'container':
                containerEntry ??= e;
                break;
            case 'env':
                envEntry ??= e;
                break;
            case 'secrets':
                secretsEntry ??= e;
                break;
            case 'needs':
                needsEntry ??= e;
                break;
            case 'environment':
                environmentEntry ??= e;
                break;
            case 'with':
                withEntry ??= e;
                break;
            case 'name':
                nameEntry ??= e;
                break;
            case 'strategy':
                strategyEntry ??= e;
                break;
            case 'runs-on':
                runsOnEntry ??= e;
                break;
            case 'if':
                ifEntry ??= e;
                break;
            case 'services':
                servicesEntry ??= e;
                break;
            case 'defaults':
                defaultsEntry ??= e;
                break;
        }
    }
    const usesValue = usesEntry ? str(usesEntry.value) : undefined;
    const actions = [];
    let uses;
    if (usesValue) {
        uses = { uses: usesValue, line: lineOf(usesEntry.value), kind: (0,workflow_uses/* usesKind */.VN)(usesValue), on: 'job' };
        actions.push(uses);
    }
    // The workflow's and the job's `env:` reach every step (the gate's included), and so does the job
    // container's own `env:` (steps run in it through `docker exec`, which inherits it).
    const containerNode = containerEntry?.value;
    const outerEnv = [
        ...workflowRedirecting,
        ...redirectingKeys(envEntry?.value),
        ...redirectingKeys(get(containerNode, 'env')?.value),
        ...containerHazards(containerNode, strategyEntry?.value),
        ...serviceHazards(servicesEntry?.value, strategyEntry?.value),
    ];
    const steps = new Array(stepList.length);
    for (let i = 0, iEnd = stepList.length; i < iEnd; i++)
        steps[i] = parseStep(stepList[i], i, outerEnv, actions);
    const inherit = secretsEntry && str(secretsEntry.value) === 'inherit' ? { line: secretsEntry.keyLine } : undefined;
    const computedSecrets = [];
    const secrets = (0,workflow_secrets/* secretsBelow */.FJ)(node, { unshared, computed: computedSecrets });
    for (let i = 0, iEnd = workflowEnv.length; i < iEnd; i++)
        secrets.push(workflowEnv[i]);
    const needsNode = needsEntry?.value;
    const needs = isScalar(needsNode)
        ? [str(needsNode)].filter(Boolean)
        : seqItems(needsNode)
            .map(str)
            .filter((x) => !!x);
    const envs = environments(environmentEntry?.value);
    const callWith = usesValue ? withEntry?.value : undefined;
    const strategy = strategyEntry?.value;
    const name = str(nameEntry?.value);
    // Keys assigned in the model's order, only those present (no temporary object per optional key).
    const job = { id, line: keyLine };
    if (name !== undefined)
        job.name = name;
    if (perm)
        job.permissions = permissionsBlock(perm.value, perm.keyLine);
    if (uses)
        job.uses = uses;
    job.secrets = secrets;
    if (inherit)
        job.secretsInherit = inherit;
    job.environments = envs;
    // What an expression of the job can read in the files (its matrix, the workflow's inputs): the
    // sources of an environment or a secret name it computes. Made once, when one of them asks.
    let sources;
    // The needed jobs, transitively, for an expression reading their outputs; noted for the diff, which
    // adds the workflows they call (session 30).
    let neededRead = false;
    const needed = () => {
        neededRead = true;
        return neededJobs ? neededJobs.of(needs) : [];
    };
    // The same for the job's own steps, whose outputs the local actions they run write too (session 31).
    let stepsRead = false;
    const ownSteps = () => {
        stepsRead = true;
        return stepList;
    };
    const sourcesText = () => (sources ??= sourceText({ kind: 'seq', line: 0, items: [strategy ?? NULL, on ?? NULL] }));
    // The same with `lead` first, and the jobs it needs when the expression reads their outputs: what
    // those jobs write is in the files too (session 29).
    // A matrix computed from a needed job's output (`fromJSON(needs.setup.outputs.m)`) is what that job
    // writes: an expression reading the strategy reads `needs` too (session 31).
    let strategyNeeds;
    const strategyReadsNeeds = () => (strategyNeeds ??= strategy !== undefined && NEEDS_READ.test(sourceText(strategy)));
    const sourcesReading = (expressionReadsNeeds, lead) => {
        const readsNeeds = expressionReadsNeeds || strategyReadsNeeds();
        return !readsNeeds && !lead
            ? sourcesText()
            : sourceText({
                kind: 'seq',
                line: 0,
                items: [
                    ...(lead ? [lead] : []),
                    strategy ?? NULL,
                    on ?? NULL,
                    // The needed jobs' scripts read the workflow's `env:` as well as their own (session 31).
                    ...(readsNeeds ? [workflowEnvNode ?? NULL, ...needed()] : []),
                ],
            });
    };
    // A secret name computed from a needed job's output is what that job writes (session 30): only an
    // expression naming a secret by computation and reading `needs` carries the needed jobs.
    // One reading `env` or a step's output reads the workflow's, the job's and the steps' `env:` and the
    // scripts that write the outputs, which are in the files too (session 31).
    if (forDiff && secrets.some((s) => s.value === workflow_secrets/* WHOLE_SECRETS */.M)) {
        const lead = computedSecrets.some((t) => ENV_OR_STEPS_READ.test(t))
            ? { kind: 'seq', line: 0, items: [workflowEnvNode ?? NULL, envEntry?.value ?? NULL, ...ownSteps()] }
            : undefined;
        // The `env:` and steps it reads may fill the value from a needed job's output (session 32).
        job.secretSources = sourcesReading(computedSecrets.some((t) => NEEDS_READ.test(t)) ||
            (lead !== undefined && NEEDS_READ.test(sourceText(lead))), lead);
    }
    const withSources = forDiff
        ? stepWithSources(steps, stepList, [strategy, on, workflowEnvNode, envEntry?.value], needed, ownSteps, strategyReadsNeeds)
        : undefined;
    if (withSources !== undefined)
        job.withSources = withSources;
    if (envs.some((e) => e.value.includes('${{'))) {
        // An environment named by a needed job's output is what that job writes (session 29).
        if (forDiff)
            job.environmentSources = sourcesReading(envs.some((e) => NEEDS_READ.test(e.value)));
        const values = envs.length === 1 && strategy ? matrixNames(envs[0].value, strategy) : undefined;
        if (values)
            job.environmentValues = values;
    }
    if (strategy) {
        const inputs = matrixInputs(steps, strategy);
        if (inputs)
            job.matrixInputs = inputs;
    }
    if (forDiff && callWith) {
        // A `with:` holding an expression passes on what the call job's matrix or its workflow's
        // `on` (an input's default, for a middle workflow of a nested call) says: those are its sources too,
        // and the jobs it needs when it reads their outputs (session 29).
        const text = sourceText(callWith);
        job.callWith = text.includes('${{') ? sourcesReading(NEEDS_READ.test(text), callWith) : text;
    }
    // The check reads these (credential-step, undeclared-environment): never a diff-only field.
    if (callWith) {
        const inputs = callInputs(callWith);
        if (inputs)
            job.callInputs = inputs;
        if (callWith.kind === 'map' && callWith.entries.length)
            job.callPassed = callWith.entries.map((e) => (0,keys/* asciiFold */.hb)(e.key));
        const legs = strategy && callMatrixInputs(callWith, strategy);
        if (legs)
            job.matrixInputs = legs;
    }
    const ifText = str(ifEntry?.value);
    if (ifText !== undefined)
        job.if = { value: ifText, line: ifEntry.keyLine };
    // A called job's `if: inputs.x` (or a step's, which guards credential steps) is decided by its
    // callers' `with:` or the input's default (session 25).
    const readsInputs = (t) => t !== undefined && /\binputs\b/i.test((0,template/* asLexed */.PM)(t));
    if (forDiff && (readsInputs(ifText) || steps.some((st) => readsInputs(st.if?.value))))
        job.ifSources = sourceText(on ?? NULL);
    const runShell = runShellOf(defaultsEntry?.value) ?? workflowShell;
    if (runShell !== undefined)
        job.runShell = runShell;
    if (runsOnEntry) {
        const choices = runsOnChoices(runsOnEntry.value, strategy);
        job.runsOn = {
            line: runsOnEntry.keyLine,
            choices,
            // What an expression of it reads in the files: the needed jobs too when it reads `needs` (session 29).
            ...(forDiff && choices.some((c) => 'expression' in c)
                ? { sources: sourcesReading(choices.some((c) => 'expression' in c && NEEDS_READ.test(c.expression))) }
                : {}),
        };
    }
    if (forDiff && containerNode && !(isScalar(containerNode) && !containerNode.value))
        job.container = containerText(containerNode, strategy, on);
    const matrix = get(strategy, 'matrix');
    if (matrix)
        job.matrix = matrix.keyLine;
    job.steps = steps;
    job.actions = actions;
    job.needs = needs;
    if (neededRead)
        job.readsNeeds = true;
    if (stepsRead)
        job.readsSteps = true;
    return job;
}
/**
 * NEL, LS and PS end a line for YamlDotNet (which GitHub's workflow reader is built on: its
 * `IsBreak`), not for YAML 1.2 readers (js-yaml, `@actions/workflow-parser`). `# note<LS>permissions:
 * write-all` is a comment to stepwarden and a key to GitHub: such a file is not judged.
 */
const FOREIGN_BREAKS = ['\u0085', '\u2028', '\u2029'];
/**
 * The first of those in `text`: where it is and which. Three `indexOf`s rather than one character
 * class: every workflow's whole text is searched, and a search for one character is native and
 * runs far faster than a regular expression's class (27 M instructions of the corpus check,
 * session 30; a one-byte text cannot hold U+2028 or U+2029, and V8 answers that at once).
 */
function firstForeignBreak(text) {
    let index = -1;
    let char = '';
    for (let i = 0; i < 3; i++) {
        const c = FOREIGN_BREAKS[i];
        const at = text.indexOf(c);
        if (at !== -1 && (index === -1 || at < index)) {
            index = at;
            char = c;
        }
    }
    return index === -1 ? undefined : { index, char };
}
const BREAK_NAMES = {
    '\u0085': 'U+0085 (NEXT LINE)',
    '\u2028': 'U+2028 (LINE SEPARATOR)',
    '\u2029': 'U+2029 (PARAGRAPH SEPARATOR)',
};
/**
 * The refusal of a text holding one of those, with its line: for workflow files and the local
 * composite action files the runner reads with the same YamlDotNet (composite.ts readComposite).
 */
function foreignBreakProblem(text) {
    const foreign = firstForeignBreak(text);
    if (!foreign)
        return undefined;
    const line = lineAt(text, foreign.index);
    return {
        message: `line ${line} holds ${BREAK_NAMES[foreign.char]}, a line break to GitHub's YAML reader (YamlDotNet) but not to YAML 1.2, so GitHub and stepwarden would read this file differently; delete it, or write it as an escape ("\\u${foreign.char.charCodeAt(0).toString(16).padStart(4, '0')}") inside a double-quoted string`,
        line,
    };
}
/**
 * NUL bytes and a byte order mark after the start: the YAML reader refused a NUL with "null byte is
 * not allowed" at line 1 whatever its line, and a file saved as UTF-16 (read as UTF-8: NULs between
 * its letters) the same way, which named neither the cause nor the fix; a U+FEFF inside the file is
 * drawn as nothing, so `\ufeffjobs:` read as "missing `jobs:`" at line 1. Each is refused with its
 * line and fix here, for every face (the check, the diff and the gate parse with this function), and
 * for the local composite action files they read (composite.ts readComposite, session 20).
 */
function strayCharacter(text) {
    const nul = text.indexOf('\0');
    if (nul >= 0) {
        let count = 0;
        for (let i = nul; i !== -1 && count < 64; i = text.indexOf('\0', i + 1))
            count++;
        // UTF-16 text of ASCII letters is every other byte NUL; a stray NUL is one or a few.
        if (count >= 8 && text.slice(0, 64).split('\0').length > 8)
            return {
                message: 'the file is not UTF-8: it holds a NUL byte between its letters, as UTF-16 text does; GitHub reads workflow files as UTF-8 and stepwarden cannot judge this one; save it as UTF-8',
                line: 1,
            };
        const line = lineAt(text, nul);
        return {
            message: `line ${line} holds a NUL byte (U+0000), which YAML does not allow in a file (GitHub's reader refuses it too); delete it, or write it as "\\0" inside a double-quoted string`,
            line,
        };
    }
    const bom = text.indexOf('\ufeff', 1);
    if (bom >= 0) {
        const line = lineAt(text, bom);
        return {
            message: `line ${line} holds U+FEFF (BYTE ORDER MARK) after the start of the file: it is drawn as nothing, so the key or value it sits in reads as another (\`\\ufeffjobs:\` is not \`jobs:\`); delete it`,
            line,
        };
    }
    return undefined;
}
function lineAt(text, index) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1))
        line++;
    return line;
}
/**
 * The first step id GitHub's converter refuses among `steps` (a workflow job's, or a composite
 * action's `runs.steps`: the runner converts both with WorkflowTemplateConverter.ConvertToSteps), as
 * "the id 'X' of step N of SCOPE is \u2026", with the id's line. The rule: the IdBuilder rule for job ids
 * (job-id.ts: ASCII letters, digits, `_`, `-`, a letter or `_` first, under 100 characters, not
 * `__\u2026`), not empty (the schemas' non-empty-string), once per scope ignoring case (the C# IdBuilder's
 * set is OrdinalIgnoreCase; session 26). The audit, the gate and the broker tell steps apart by id;
 * two alike would share one grant and one row. One function for both faces (session 27).
 */
function refusedStepId(steps, scope) {
    const ids = new Set();
    for (let i = 0, iEnd = steps.length; i < iEnd; i++) {
        const idEntry = get(steps[i], 'id');
        if (!idEntry)
            continue;
        const v = idEntry.value;
        const id = isScalar(v)
            ? v.value === null
                ? ''
                : String(v.value)
            : `(a ${v.kind === 'seq' ? 'list' : 'mapping'})`;
        const why = isScalar(v) ? ((0,keys/* invalidId */.pu)(id) ?? (0,job_id/* jobIdProblem */.M3)(id)) : 'an id is a string';
        const twice = ids.has(id.toLowerCase());
        ids.add(id.toLowerCase());
        if (why || twice)
            return {
                message: `the id '${id}' of step ${i + 1} of ${scope.name} ${why
                    ? `is invalid: ${why}`
                    : `is used by an earlier step of the ${scope.kind} (a step id may be used once)`}`,
                line: lineOf(idEntry.value),
            };
    }
    return undefined;
}
/**
 * A key GitHub's reader refuses where stepwarden reads access (see keys.ts): one outside GitHub's
 * schema for the workflow, a job, a step or an environment mapping (`Permissions:`, `USES:`), two keys
 * of one mapping equal up to case, an environment mapping without its `name`.
 */
function refusedKeys(root, on, jobs, jobSteps, unshared) {
    const dup = (0,keys/* caseDuplicate */.SF)(root, { unshared });
    const first = (a, b) => (b && (!a || b.line < a.line) ? b : a);
    let found = dup;
    found = first(found, (0,keys/* unknownKey */.a)(root, keys/* WORKFLOW_KEYS */.DN, 'the workflow'));
    found = first(found, (0,keys/* unknownEvent */.bK)(on.value, on.keyLine));
    // Each place's name (`step 3 of job 'build'`) is worded only for a key that is refused.
    const jobEntries = entries(jobs);
    for (let ji = 0, jiEnd = jobEntries.length; ji < jiEnd; ji++) {
        const j = jobEntries[ji];
        // GitHub's whole job-id rule (job-id.ts): a key its reader refuses (`1_000`, `a.b`, `__x`, 100
        // characters, a look-alike letter) makes the workflow one GitHub never runs.
        const badJobId = (0,job_id/* jobIdProblem */.M3)(j.key);
        if (badJobId)
            found = first(found, {
                message: `GitHub refuses this workflow: the job id '${j.key}' is invalid: ${badJobId}`,
                line: j.keyLine,
            });
        // One pass over the job's keys: the first outside the schema, and each key read below (the first
        // of its name, as `get` finds it).
        let bad;
        let secrets;
        let env;
        let strategy;
        let container;
        let services;
        const jes = entries(j.value);
        for (let i = 0, iEnd = jes.length; i < iEnd; i++) {
            const e = jes[i];
            const k = e.key;
            if (!bad && !keys/* JOB_KEYS */.Tn.has(k))
                bad = e;
            if (k === 'secrets')
                secrets ??= e;
            else if (k === 'environment')
                env ??= e;
            else if (k === 'strategy')
                strategy ??= e;
            else if (k === 'container')
                container ??= e;
            else if (k === 'services')
                services ??= e;
        }
        if (bad)
            found = first(found, (0,keys/* unknownKeyProblem */.xT)(bad, keys/* JOB_KEYS */.Tn, `the job '${j.key}'`));
        // `secrets:` of a reusable-workflow call is `inherit` or a mapping; GitHub refuses `Inherit`,
        // which a reader comparing with `inherit` would take for "passes no secret".
        if (isScalar(secrets?.value) && secrets.value.value !== 'inherit')
            found = first(found, {
                message: `GitHub refuses this workflow: \`secrets:\` of job '${j.key}' is '${String(secrets.value.value)}', neither \`inherit\` nor a mapping of secrets`,
                line: secrets.keyLine,
            });
        if (isMap(env?.value)) {
            found = first(found, (0,keys/* unknownKey */.a)(env.value, keys/* ENVIRONMENT_KEYS */.J$, `the environment of job '${j.key}'`));
            if (!get(env.value, 'name'))
                found = first(found, {
                    message: `GitHub refuses this workflow: the environment of job '${j.key}' is a mapping without \`name:\``,
                    line: env.keyLine,
                });
        }
        bad = (0,keys/* unknownKeyEntry */.E9)(strategy?.value, keys/* STRATEGY_KEYS */.BS);
        if (bad)
            found = first(found, (0,keys/* unknownKeyProblem */.xT)(bad, keys/* STRATEGY_KEYS */.BS, `the strategy of job '${j.key}'`));
        bad = (0,keys/* unknownKeyEntry */.E9)(container?.value, keys/* CONTAINER_KEYS */.RQ);
        if (bad)
            found = first(found, (0,keys/* unknownKeyProblem */.xT)(bad, keys/* CONTAINER_KEYS */.RQ, `the container of job '${j.key}'`));
        for (const svc of entries(services?.value)) {
            bad = (0,keys/* unknownKeyEntry */.E9)(svc.value, keys/* SERVICE_KEYS */.xI);
            if (bad)
                found = first(found, (0,keys/* unknownKeyProblem */.xT)(bad, keys/* SERVICE_KEYS */.xI, `the service '${svc.key}' of job '${j.key}'`));
        }
        const steps = jobSteps[ji];
        const badStepId = refusedStepId(steps, { name: `job '${j.key}'`, kind: 'job' });
        if (badStepId)
            found = first(found, {
                message: `GitHub refuses this workflow: ${badStepId.message}`,
                line: badStepId.line,
            });
        for (let i = 0, iEnd = steps.length; i < iEnd; i++) {
            // One pass over the step's keys: the first outside the schema, and the first `with:`.
            bad = undefined;
            let w;
            // `entries` in place: a call per step (session 32). A step is a node.
            const st = steps[i];
            const ses = st.kind === 'map' ? st.entries : NO_ENTRIES;
            for (let k = 0, kEnd = ses.length; k < kEnd; k++) {
                const e = ses[k];
                if (!bad && !keys/* STEP_KEYS */.KC.has(e.key))
                    bad = e;
                if (w === undefined && e.key === 'with')
                    w = e.value;
            }
            if (bad)
                found = first(found, (0,keys/* unknownKeyProblem */.xT)(bad, keys/* STEP_KEYS */.KC, `step ${i + 1} of job '${j.key}'`));
            // The place is worded only for a key that is refused.
            const cased = w?.kind === 'map' ? (0,keys/* runnerCasedEntry */.FH)(w) : undefined;
            if (cased)
                found = first(found, (0,keys/* runnerCasedProblem */.u_)(cased, `step ${i + 1} of job '${j.key}'`));
        }
    }
    return found;
}
/**
 * Parses one workflow file. `file` is the name under `.github/workflows` (the manifest key), `path`
 * the repository-relative path used in findings.
 * `forDiff` false leaves out what only the access diff reads (model.ts DIFF_ONLY_JOB_FIELDS and
 * DIFF_ONLY_WORKFLOW_FIELDS, `RunsOn.sources`: texts and digests of subtrees, about 105 M instructions
 * of the corpus check, session 34); every other field is the same. `check` asks for that; every other
 * caller gets the whole model.
 */
function parseWorkflow(file, path, text, forDiff = true) {
    const fail = (message, line) => ({
        file,
        path,
        triggers: [],
        jobs: [],
        error: { message, line },
    });
    const foreign = foreignBreakProblem(text);
    if (foreign)
        return fail(foreign.message, foreign.line);
    const stray = strayCharacter(text);
    if (stray)
        return fail(stray.message, stray.line);
    const parsed = (0,located/* parseLocatedYaml */.vJ)(text);
    if (parsed.error)
        return fail(parsed.error.kind === 'unlocatable' || parsed.error.kind === 'ambiguous'
            ? `YAML stepwarden cannot read as GitHub does: ${parsed.error.message}`
            : parsed.error.kind === 'oversized'
                ? `YAML not read: ${parsed.error.message} (GitHub's runner stops reading a template past 1,000,000 events too)`
                : `YAML syntax error: ${parsed.error.message}`, parsed.error.line);
    // Values and keys as GitHub's template reader reads them: `${{ 'write-all' }}` is `write-all`.
    const folded = parsed.root &&
        ((0,literal/* mayFold */.t6)(text)
            ? (0,literal/* foldLiteralsChecked */.T4)(parsed.root, { unshared: parsed.unshared === true })
            : { root: parsed.root });
    const root = folded?.root;
    if (folded?.duplicate)
        return fail(`GitHub refuses this workflow: two keys of one mapping are '${folded.duplicate.key}' once GitHub reads a key written \`\${{ '\u2026' }}\` as its string ("'${folded.duplicate.key}' is already defined"); write each key once`, folded.duplicate.line);
    if (!isMap(root))
        return fail('a workflow must be a YAML mapping with `on` and `jobs`', lineOf(root));
    // GitHub supports anchors and aliases but not YAML 1.1 `<<` merge keys (actions/runner#1182): such
    // a workflow is rejected, so it is reported as a file error rather than read the way js-yaml would.
    // The located parse notes the first `<<` key as it builds the tree (no second walk).
    const merge = parsed.mergeKeyLine;
    if (merge !== undefined)
        return fail(`YAML merge keys (\`<<\`) are not supported by GitHub Actions (line ${merge}); write the keys out, or alias a whole value (\`key: *anchor\`)`, merge);
    const again = parsed.redefinedAnchor;
    if (again)
        return fail(`the anchor &${again.name} is defined twice (lines ${again.first} and ${again.line}); YAML reads each alias as the definition before it, GitHub's reader as the last one in the file, so the two read this file differently: give each anchor its own name`, again.line);
    // The YAML 1.2 core schema keeps a bare `on` key a string, as GitHub does (YAML 1.1 made it `true`).
    const on = get(root, 'on');
    if (!on)
        return fail('missing `on:` (the events that trigger the workflow)', 1);
    const jobsEntry = get(root, 'jobs');
    if (!jobsEntry || !isMap(jobsEntry.value))
        return fail('missing or invalid `jobs:` mapping', jobsEntry?.keyLine ?? 1);
    // (A folded tree is new nodes: only the parse's own tree is known to hold each node once.)
    const unshared = parsed.unshared === true && root === parsed.root;
    // Each job's steps, listed once for the key check and the model.
    const jobSteps = entries(jobsEntry.value).map((e) => stepNodes(get(e.value, 'steps')?.value));
    const refused = refusedKeys(root, on, jobsEntry.value, jobSteps, unshared);
    if (refused)
        return fail(refused.message, refused.line);
    const envNode = get(root, 'env')?.value;
    const workflowEnv = (0,workflow_secrets/* secretsBelow */.FJ)(envNode, { unshared });
    const workflowRedirecting = redirectingKeys(envNode);
    const perm = get(root, 'permissions');
    const name = str(get(root, 'name')?.value);
    const workflowShell = runShellOf(get(root, 'defaults')?.value);
    const triggerList = triggers(on.value);
    const needed = new NeededJobs(jobsEntry.value);
    const model = {
        file,
        path,
        ...(name !== undefined ? { name } : {}),
        triggers: triggerList,
        ...pushFilters(on.value),
        ...(forDiff ? triggerFilters(on.value) : {}),
        ...(perm ? { permissions: permissionsBlock(perm.value, perm.keyLine) } : {}),
        jobs: entries(jobsEntry.value).map((e, i) => parseJob(e.key, e.keyLine, e.value, jobSteps[i], unshared, workflowEnv, on.value, workflowRedirecting, workflowShell, envNode, needed, forDiff)),
        ...(forDiff && triggerList.some((t) => t.value === 'workflow_call')
            ? { callDigest: (0,sha256/* sha256Hex */.f)(sourceText(root)) }
            : {}),
    };
    // Added only to a callee with string defaults (rare): every other model keeps the literal's shape.
    const defaults = callDefaults(on.value);
    return defaults ? { ...model, callDefaults: defaults } : model;
}


/***/ }),

/***/ 23803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FJ: () => (/* binding */ secretsBelow),
/* harmony export */   M: () => (/* binding */ WHOLE_SECRETS)
/* harmony export */ });
/* unused harmony exports secretNamesInExpression, secretNamesIn */
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87438);

/** The token every job gets anyway; it is not a secret a manifest declares. */
const IMPLICIT = 'GITHUB_TOKEN';
/** What a read of the whole context, or of a name computed at run time, is recorded as. */
const WHOLE_SECRETS = '*';
/**
 * The characters of a name: 1 at those that may start one (A-Z a-z _), 2 at those that may only go on
 * one (0-9 -). A table rather than functions of comparisons: `check` runs without Turbofan, where each
 * call and each comparison is a builtin call, and the scan asks for every character of every
 * expression that mentions `secrets` (session 32). A code past 127, or the NaN past the text's end,
 * reads undefined: neither.
 */
const IDENT = new Uint8Array(128);
for (let c = 65; c <= 90; c++)
    IDENT[c] = IDENT[c + 32] = 1;
IDENT[95] = 1;
for (let c = 48; c <= 57; c++)
    IDENT[c] = 2;
IDENT[45] = 2;
const isIdentStart = (c) => IDENT[c] === 1;
const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
function skipSpace(s, i) {
    while (i < s.length && isSpace(s.charCodeAt(i)))
        i++;
    return i;
}
/** End index (exclusive) of a quoted literal starting at `i`; `''` inside single quotes is an escaped quote. */
function skipQuoted(s, i) {
    const quote = s[i];
    let text = '';
    let j = i + 1;
    while (j < s.length) {
        const c = s[j];
        if (c === quote) {
            if (quote === "'" && s[j + 1] === "'") {
                text += "'";
                j += 2;
                continue;
            }
            return { end: j + 1, text };
        }
        text += c;
        j++;
    }
    return { end: j, text };
}
/** Secret names used in one expression body (no `${{ }}` around it). */
function secretNamesInExpression(expr) {
    const names = [];
    let i = 0;
    while (i < expr.length) {
        const c = expr.charCodeAt(i);
        if (c === 39 /* ' */ || c === 34 /* " */) {
            i = skipQuoted(expr, i).end;
            continue;
        }
        if (IDENT[c] !== 1) {
            i++;
            continue;
        }
        const start = i;
        for (let k = IDENT[expr.charCodeAt(++i)]; k === 1 || k === 2; k = IDENT[expr.charCodeAt(++i)])
            ;
        // `github.secrets` or `steps.secrets` are properties of other contexts, not the secrets context.
        // (A name of another length is not sliced and lower-cased to learn that.)
        const prev = start > 0 ? expr.charCodeAt(start - 1) : 0;
        if (prev === 46 /* . */ || i - start !== 7 || expr.slice(start, i).toLowerCase() !== 'secrets')
            continue;
        const j = skipSpace(expr, i);
        const next = expr[j];
        if (next === '.') {
            const k = skipSpace(expr, j + 1);
            let end = k;
            for (let c = IDENT[expr.charCodeAt(end)]; c === 1 || c === 2; c = IDENT[expr.charCodeAt(++end)])
                ;
            if (end > k && isIdentStart(expr.charCodeAt(k))) {
                names.push(expr.slice(k, end));
                i = end;
            }
            else {
                names.push(WHOLE_SECRETS); // `secrets.*`
                i = k;
            }
            continue;
        }
        if (next === '[') {
            const k = skipSpace(expr, j + 1);
            const q = expr[k];
            if (q === "'" || q === '"') {
                const lit = skipQuoted(expr, k);
                const close = skipSpace(expr, lit.end);
                if (expr[close] === ']') {
                    names.push(lit.text);
                    i = close + 1;
                    continue;
                }
            }
            names.push(WHOLE_SECRETS); // `secrets[matrix.name]`
            i = k;
            continue;
        }
        names.push(WHOLE_SECRETS); // `toJSON(secrets)`, bare `secrets`
    }
    return names.filter((n) => n.toUpperCase() !== IMPLICIT);
}
/** A string that does not match this names no secret. */
const SECRETS = /secrets/i;
/**
 * Names referenced in one string value, `*` for whole-context use. `bareExpression` is true for `if:`
 * values, which GitHub reads as an expression when they do not use `${{ }}`.
 */
function secretNamesIn(text, bareExpression = false) {
    // Cheap filter first: nearly every string in a workflow mentions no secret.
    if (!SECRETS.test(text))
        return [];
    if (!text.includes('${{'))
        return bareExpression ? secretNamesInExpression(text) : [];
    // Expressions end where GitHub's reader ends them: a `}}` inside a quoted string ends nothing
    // (`${{ format('}}{0}', secrets.X) }}` reads X; a first-`}}` scan stopped before it).
    const names = [];
    for (const body of (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .splitTemplate */ .LL)(text).expressions)
        names.push(...secretNamesInExpression(body));
    return names;
}
/**
 * Every secret reference below `node`, with the line of the string that holds it. Aliases share
 * nodes: a mapping or sequence reached a second time adds nothing new (its references, lines
 * included, are already in `out`), so it is not walked again. An alias bomb then costs its distinct
 * nodes, not its expansion, and no reference after it is lost: a budget that stopped the walk had let
 * `env: <bomb>` hide a `${{ secrets.X }}` in the steps below it. A tree without aliases (`unshared`,
 * a fast-path parse) holds each node once and is walked without the set.
 */
function secretsBelow(node, options = {}) {
    const out = [];
    walkSecrets(node, out, options.unshared ? undefined : new Set(), '', options.computed);
    return out;
}
/** Appends the names `text` holds to `out`; `text` itself to `computed` when one is `*`. */
function pushNames(names, line, text, out, computed) {
    for (const name of names) {
        out.push({ value: name, line });
        if (computed && name === WHOLE_SECRETS)
            computed.push(text);
    }
}
function walkSecrets(node, out, seen, key, computed) {
    if (!node)
        return;
    // A scalar's reading depends on its key (`if:` is an expression without `${{ }}`). Outside `if:` a
    // string without `${{` names nothing: tested before the call (cheaper than the regular expression),
    // so nearly every scalar costs no call and no empty array.
    if (node.kind === 'scalar') {
        const s = node.value;
        const bare = key === 'if';
        if (typeof s === 'string' && (bare || s.includes('${{')))
            stringSecrets(s, bare, node.line, out, computed);
        return;
    }
    if (seen) {
        if (seen.has(node))
            return;
        seen.add(node);
    }
    // A scalar child is judged in the loop, not through a call of this function: most nodes of a job
    // are scalars, and under `--no-opt` a call costs more than the filter (the scalar case above,
    // written out; session 33). The order of `out` is the walk's either way.
    if (node.kind === 'map') {
        const es = node.entries;
        for (let i = 0, iEnd = es.length; i < iEnd; i++) {
            const e = es[i];
            // A key that is an expression is evaluated where its mapping takes expressions (`env:`,
            // `with:`): `env: { ${{ secrets.X }}: v }` puts the secret in a variable's name.
            const k = e.key;
            if (k.includes('${{') && SECRETS.test(k))
                pushNames(secretNamesIn(k), e.keyLine, k, out, computed);
            const v = e.value;
            if (v.kind !== 'scalar')
                walkSecrets(v, out, seen, k, computed);
            else {
                const s = v.value;
                const bare = k === 'if';
                if (typeof s === 'string' && (bare || s.includes('${{')))
                    stringSecrets(s, bare, v.line, out, computed);
            }
        }
    }
    else {
        const items = node.items;
        for (let i = 0, iEnd = items.length; i < iEnd; i++) {
            const v = items[i];
            if (v.kind !== 'scalar')
                walkSecrets(v, out, seen, '', computed);
            else {
                const s = v.value;
                if (typeof s === 'string' && s.includes('${{'))
                    stringSecrets(s, false, v.line, out, computed);
            }
        }
    }
}
/** The names a string value that may name a secret holds (a key's reading: `bare` for `if:`), to `out`. */
function stringSecrets(s, bare, line, out, computed) {
    if (SECRETS.test(s))
        pushNames(secretNamesIn(s, bare), line, s, out, computed);
}


/***/ }),

/***/ 67006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ ifRunsAfterFailure)
/* harmony export */ });
/* unused harmony export lexExpression */
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87438);
/**
 * Whether an `if:` lets its step or job run after an earlier step (or a needed job) did not succeed,
 * read as GitHub reads it, with tokens, not text (session 26). Pure.
 *
 * GitHub's condition converter (actions/runner PipelineTemplateConverter.ConvertToIfCondition) parses
 * the condition and walks its tree for a *function* named `always`, `failure`, `cancelled` or
 * `success` (any case); with one the condition stands as written, without one it becomes
 * `success() && (COND)`. A function is a keyword the lexer (GitHub.DistributedTask.Expressions2
 * LexicalAnalyzer) sees followed by `(` after .NET white space, not after a `.`: so `'always()'` in a
 * string is no function and `always\N()` is one. Before session 26 regular expressions read the text
 * (`\b(always|failure|cancelled)\s*\(`): a string literal holding `always()` counted, and the diff
 * missed `!success()` in a job's `if:` (session 25, left).
 */

/** The lexer's token boundary (LexicalAnalyzer.TestTokenBoundary). */
const BOUNDARY = new Set(['(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|']);
const boundary = (c) => BOUNDARY.has(c) || (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .isNetSpace */ .Y8)(c);
/** ExpressionUtility.IsLegalKeyword: a letter or `_`, then letters, digits, `_` and `-` (ASCII). */
const KEYWORD = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const TWO = new Set(['!=', '>=', '<=', '==', '&&', '||']);
/**
 * The tokens of an expression as GitHub's C# lexer splits them, reduced to what the status-function
 * reading needs: functions by name, grouping and parameter parentheses, `&&`, `||`, and anything the
 * lexer cannot read (`unexpected`: GitHub refuses the expression).
 */
function lexExpression(text) {
    const out = [];
    let last; // the previous token's lexer kind, for `.` and `(` decisions
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if ((0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .isNetSpace */ .Y8)(c)) {
            i++;
            continue;
        }
        if (c === '(' || c === ')') {
            out.push({ kind: c === '(' ? 'open' : 'close' });
            last = c === '(' && last === 'function' ? 'start-parameters' : c;
            i++;
        }
        else if (c === '[' || c === ']' || c === ',' || c === '*') {
            // An index's brackets nest as parentheses do: an `||` inside one is not at the top.
            out.push({ kind: c === '[' ? 'open' : c === ']' ? 'close' : 'other' });
            last = c;
            i++;
        }
        else if (c === "'") {
            // `''` inside a string is a quote; an unclosed string is unexpected.
            let j = i + 1;
            let closed = false;
            while (j < text.length) {
                if (text[j] === "'") {
                    if (text[j + 1] !== "'") {
                        closed = true;
                        j++;
                        break;
                    }
                    j++;
                }
                j++;
            }
            out.push({ kind: closed ? 'other' : 'unexpected' });
            last = 'string';
            i = j;
        }
        else if ('!><=&|'.includes(c)) {
            const two = text.slice(i, i + 2);
            if (TWO.has(two)) {
                out.push({ kind: two === '&&' ? 'and' : two === '||' ? 'or' : 'other' });
                i += 2;
            }
            else if (c === '!' || c === '>' || c === '<') {
                out.push({ kind: 'other' });
                i++;
            }
            else {
                out.push({ kind: 'unexpected' });
                i++;
                while (i < text.length && !boundary(text[i]))
                    i++;
            }
            last = 'operator';
        }
        else if ((c === '.' && (last === undefined || [',', '(', '[', 'start-parameters', 'operator'].includes(last))) ||
            c === '-' ||
            c === '+' ||
            (c >= '0' && c <= '9')) {
            // A number (its validity does not matter here: a bad one is refused by GitHub as a whole).
            i++;
            while (i < text.length && (!boundary(text[i]) || text[i] === '.'))
                i++;
            out.push({ kind: 'other' });
            last = 'number';
        }
        else if (c === '.') {
            out.push({ kind: 'other' });
            last = 'dereference';
            i++;
        }
        else {
            const start = i++;
            while (i < text.length && !boundary(text[i]))
                i++;
            const word = text.slice(start, i);
            if (!KEYWORD.test(word)) {
                out.push({ kind: 'unexpected' });
                last = 'unexpected';
                continue;
            }
            let k = i;
            while (k < text.length && (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .isNetSpace */ .Y8)(text[k]))
                k++;
            const called = last !== 'dereference' && text[k] === '(';
            out.push(called ? { kind: 'function', name: word.toLowerCase() } : { kind: 'other' });
            last = called ? 'function' : 'keyword';
        }
    }
    return out;
}
const STATUS = new Set(['always', 'failure', 'cancelled', 'success']);
/** `success()`, or that in parentheses. */
function isBareSuccess(tokens) {
    let t = tokens;
    while (t.length > 3 && t[0].kind === 'open' && t.at(-1).kind === 'close')
        t = t.slice(1, -1);
    return (t.length === 3 &&
        t[0].kind === 'function' &&
        t[0].name === 'success' &&
        t[1].kind === 'open' &&
        t[2].kind === 'close');
}
/**
 * Whether the expression, once GitHub has added `success() && (\u2026)` or not, can be true after a
 * failure. Without a status function it cannot. With only `success()`, it cannot when `success()` is
 * itself one of the terms joined by `&&` at the top (no `||` there: `success() && a || b` is
 * `(success() && a) || b`). Anything GitHub's lexer cannot read counts as running (fail closed).
 */
function expressionRunsAfterFailure(expression) {
    const tokens = lexExpression(expression);
    if (tokens.some((t) => t.kind === 'unexpected'))
        return true;
    const status = tokens.filter((t) => t.kind === 'function' && STATUS.has(t.name));
    if (status.length === 0)
        return false;
    if (status.some((t) => t.name !== 'success'))
        return true;
    const terms = [[]];
    let depth = 0;
    for (const t of tokens) {
        if (t.kind === 'open')
            depth++;
        else if (t.kind === 'close')
            depth--;
        if (depth === 0 && t.kind === 'or')
            return true;
        if (depth === 0 && t.kind === 'and')
            terms.push([]);
        else
            terms.at(-1).push(t);
    }
    return !terms.some(isBareSuccess);
}
/**
 * Whether an `if:` value (as written in the file) runs its step after an earlier step failed, or its
 * job after a needed job did not succeed. GitHub's template reader (TemplateReader.ParseScalar) makes
 * the value one condition first: text without `${{` is the expression; one `${{ X }}` is X, or, when
 * X is one string literal, that string's text read as the expression; anything else is
 * `format('\u2026', X1, X2, \u2026)`, whose status functions are those of its parts and whose value is a
 * non-empty string, true whenever it is evaluated.
 */
function ifRunsAfterFailure(value) {
    if (!value.includes('${{'))
        return expressionRunsAfterFailure(value);
    const { parts, expressions } = (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .splitTemplate */ .LL)(value);
    if (expressions.length === 1 && parts.every((p) => p === '')) {
        const literal = stringLiteral(expressions[0]);
        return expressionRunsAfterFailure(literal ?? expressions[0]);
    }
    // GitHub refuses a part it cannot lex: counted as running (fail closed).
    return expressions.some((e) => lexExpression(e).some((t) => t.kind === 'unexpected' || (t.kind === 'function' && STATUS.has(t.name))));
}
/** The text of an expression that is one string literal (after .NET trimming), else undefined. */
function stringLiteral(expression) {
    const body = (0,_template_js__WEBPACK_IMPORTED_MODULE_0__/* .trimAsNet */ .um)(expression);
    if (!/^'(?:[^']|'')*'$/.test(body))
        return undefined;
    return body.slice(1, -1).replace(/''/g, "'");
}


/***/ }),

/***/ 87438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LL: () => (/* binding */ splitTemplate),
/* harmony export */   PM: () => (/* binding */ asLexed),
/* harmony export */   T5: () => (/* binding */ expressionClose),
/* harmony export */   Y8: () => (/* binding */ isNetSpace),
/* harmony export */   pW: () => (/* binding */ NET_SPACE),
/* harmony export */   um: () => (/* binding */ trimAsNet)
/* harmony export */ });
function splitTemplate(text) {
    const parts = [];
    const expressions = [];
    let from = 0;
    for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', from)) {
        parts.push(text.slice(from, open));
        const close = expressionClose(text, open + 3);
        if (close === -1) {
            expressions.push(text.slice(open + 3));
            from = text.length;
        }
        else {
            expressions.push(text.slice(open + 3, close - 1));
            from = close + 1;
        }
    }
    parts.push(text.slice(from));
    return { parts, expressions };
}
/** What the scan for an expression's end judges: a quote, a closing brace. */
const EXPRESSION_STOP = /['}]/g;
/**
 * Where the expression whose body starts at `from` (just after `${{`) ends, as GitHub's template
 * reader finds it: the index of the second `}` of the first `}}` outside a single-quoted string, or
 * -1 when it is left open. The one scan for splitTemplate and literal.ts's `literalOf`. By regular
 * expression, each quote and brace judged in order, not by a loop over every character: `check` runs
 * without Turbofan (session 21), where each character cost a property read and comparisons, builtin
 * calls all (session 30). Module-level and stateful (`lastIndex`): nothing yields between setting
 * and reading it.
 */
function expressionClose(text, from) {
    let quoted = false;
    EXPRESSION_STOP.lastIndex = from;
    while (EXPRESSION_STOP.test(text)) {
        const i = EXPRESSION_STOP.lastIndex - 1;
        if (text.charCodeAt(i) === 39)
            quoted = !quoted;
        else if (!quoted && text.charCodeAt(i - 1) === 125)
            return i;
    }
    return -1;
}
/**
 * An expression's text with its whitespace as GitHub's expression lexer reads it. That lexer
 * (actions/runner, GitHub.DistributedTask.Expressions2 LexicalAnalyzer: the skip between tokens, the
 * token boundary and the look-ahead that makes `always (` a function call) uses .NET's
 * `Char.IsWhiteSpace`, which holds U+0085 NEXT LINE; JavaScript's `\s` and `trim()` do not. A raw NEL
 * is refused when the file is read (parse.ts `strayCharacter`), but a double-quoted `\N`, `\x85` or
 * `\u0085` puts one in a value, and `if: "always\N()"` is `always()` to GitHub (session 25). Every
 * regular expression that looks for a function or an operator in an `if:` reads this text. Only for
 * such look-ups: a string literal keeps its NEL, so a value compared as written is not passed here.
 */
function asLexed(expression) {
    return expression.replace(/\u0085/g, ' ');
}
/**
 * .NET's `Char.IsWhiteSpace`: JavaScript's `\s` without U+FEFF (a format character to .NET) and with
 * U+0085 NEXT LINE. GitHub's template reader trims an expression with .NET's `String.Trim()` before
 * it tests for a string literal (actions/runner TemplateReader `ParseExpression`).
 */
const NET_SPACE = '[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const NET_TRIM = new RegExp(`^${NET_SPACE}+|${NET_SPACE}+$`, 'g');
const NET_SPACE_CHAR = new RegExp(`^${NET_SPACE}$`);
/** Whether one character is white space to .NET (`Char.IsWhiteSpace`), as GitHub's readers skip it. */
function isNetSpace(c) {
    return NET_SPACE_CHAR.test(c);
}
/** `text.trim()` as .NET trims: `${{\N'write'\N}}` is the literal `'write'` to GitHub (session 25). */
function trimAsNet(text) {
    return text.replace(NET_TRIM, '');
}


/***/ }),

/***/ 68632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VN: () => (/* binding */ usesKind),
/* harmony export */   ds: () => (/* binding */ canonicalUses),
/* harmony export */   ms: () => (/* binding */ localUses)
/* harmony export */ });
/* unused harmony export normalizePath */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
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
 * walks the path a character at a time, run without Turbofan here (session 21), about 18,000
 * instructions a call on the corpus check, and `localUses` is asked several times a step (session 30).
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

/***/ 24325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yx: () => (/* binding */ SCHEMA),
  f1: () => (/* binding */ lineAtPath),
  vJ: () => (/* binding */ parseLocatedYaml)
});

// UNUSED EXPORTS: IMPLICIT, MAX_EXPANDED_NODES, parseLocatedYamlReference, toValue

// EXTERNAL MODULE: ./shared/yaml/own-key.ts
var own_key = __webpack_require__(90842);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
;// CONCATENATED MODULE: ./shared/yaml/second-reader.ts
/**
 * A second reading of the documents the reference path reads: the `yaml` package, with the options
 * GitHub's own workflow parser (`@actions/workflow-parser`, `YamlObjectReader`) passes it. js-yaml and
 * the `yaml` package disagree on corners of YAML (a quoted scalar's spaces before a folded line break,
 * whitespace-only lines and explicit indentation in block scalars, an anchor redefined inside its own
 * node, a `%YAML 1.1` document's `on:`), and GitHub reads what the `yaml` package reads. The fast path
 * reads only constructs on which the two agree (tests/yaml/*-s7-* hold it to both); everything else
 * comes through here, and a document the two read differently is refused at the first line where they
 * part, never read the way only one of them reads it. Pure.
 */

let yamlPackage;
function yamlLib() {
    if (yamlPackage)
        return yamlPackage;
    yamlPackage = ( true
        ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundler's require: above
            __webpack_require__(38815)
        : 0);
    return yamlPackage;
}
const lineOfOffset = (text, offset) => {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
        line++;
    return line;
};
/**
 * The `yaml` package's words for a quoted scalar it ends before a line that goes on at or left of its
 * parent's column (its lexer stops the scalar there, unclosed): the fast path hands this refusal over
 * without running the `yaml` package (tests/yaml/refusal-s9-quote.test.ts holds the two to each other).
 */
const missingClosingQuote = (quote) => quote === 34 ? 'Missing closing "quote' : "Missing closing 'quote";
/**
 * The plain value the `yaml` package reads from `text` (a byte-order mark already removed), keys as
 * js-yaml stores them (`String(key)`); an error when it refuses the document, or when a key is a
 * collection (GitHub's reader has no name for such a key and refuses the file).
 */
function secondReading(text) {
    const { isAlias, isMap, isScalar, isSeq, parseDocument } = yamlLib();
    let doc;
    try {
        // Duplicate keys are found below, by name: the package's own check (`uniqueKeys: true`) compares
        // each key with every key before it, quadratic in a mapping's size (100,000 keys: minutes), and by
        // value, so `1:` beside `'1':` passed it though GitHub's template reader refuses the pair.
        doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    }
    catch (err) {
        return { error: { message: `the YAML cannot be read: ${err.message}`, line: 1 } };
    }
    const first = doc.errors[0];
    if (first)
        return {
            error: {
                message: first.message.split('\n')[0],
                line: lineOfOffset(text, first.pos[0]),
            },
        };
    // One value per node, so an alias shares its anchor's value (and an alias bomb costs its nodes).
    const memo = new Map();
    let badKey;
    let unresolved;
    let duplicate;
    const value = (n) => {
        if (n === null || n === undefined)
            return null;
        if (isAlias(n)) {
            // An alias to no anchor: the `yaml` package reports no error, but GitHub's reader yields no
            // value for it and the template reader refuses the file; so does this reading.
            const target = n.resolve(doc);
            if (target === undefined)
                unresolved ??= n.range ? lineOfOffset(text, n.range[0]) : 1;
            return value(target);
        }
        if (isScalar(n))
            return n.value === undefined ? null : n.value;
        if (memo.has(n))
            return memo.get(n);
        if (isSeq(n)) {
            const out = [];
            memo.set(n, out);
            for (const item of n.items)
                out.push(value(item));
            return out;
        }
        if (isMap(n)) {
            const out = {};
            memo.set(n, out);
            const names = new Set();
            for (const pair of n.items) {
                // An alias as a key has no name to GitHub's reader either (`pair.key.value` is undefined
                // there: "Unexpected value 'undefined'"), though YAML resolves it.
                const k = pair.key;
                if (isAlias(k) || (k !== null && k !== undefined && !isScalar(k))) {
                    const range = k.range;
                    badKey ??= range ? lineOfOffset(text, range[0]) : 1;
                    continue;
                }
                const raw = k === null || k === undefined ? null : k.value;
                const name = String(raw === undefined ? null : raw);
                if (names.has(name)) {
                    const range = k?.range;
                    duplicate ??= range ? lineOfOffset(text, range[0]) : 1;
                }
                names.add(name);
                Object.defineProperty(out, name, {
                    value: value(pair.value),
                    enumerable: true,
                    writable: true,
                    configurable: true,
                });
            }
            return out;
        }
        return null;
    };
    // An empty document: js-yaml composes nothing (undefined), as the located reader reports it.
    if (doc.contents === null)
        return { value: undefined };
    let v;
    try {
        v = value(doc.contents);
    }
    catch (err) {
        return { error: { message: `the YAML cannot be read: ${err.message}`, line: 1 } };
    }
    if (duplicate !== undefined)
        return { error: { message: 'Map keys must be unique', line: duplicate } };
    if (unresolved !== undefined)
        return { error: { message: 'an alias names no anchor', line: unresolved } };
    if (badKey !== undefined)
        return {
            error: {
                message: 'a mapping key is a mapping, a sequence or an alias; GitHub reads only keys written out as scalars',
                line: badKey,
            },
        };
    return { value: v };
}
/**
 * The first path at which two plain values differ, or undefined when they are equal. Compares each
 * pair of collections once (values share nodes through aliases), so an alias bomb costs its nodes.
 */
function firstDifference(a, b) {
    const seen = new Map();
    const walk = (x, y, at) => {
        if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object')
            return Object.is(x, y) ? undefined : at;
        if (seen.get(x) === y)
            return undefined;
        seen.set(x, y);
        if (Array.isArray(x) !== Array.isArray(y))
            return at;
        if (Array.isArray(x)) {
            const ys = y;
            for (let i = 0; i < Math.min(x.length, ys.length); i++) {
                const d = walk(x[i], ys[i], [...at, i]);
                if (d)
                    return d;
            }
            return x.length === ys.length ? undefined : [...at, Math.min(x.length, ys.length)];
        }
        const xo = x;
        const yo = y;
        const xk = Object.keys(xo);
        const yk = Object.keys(yo);
        for (const k of xk) {
            if (!Object.prototype.hasOwnProperty.call(yo, k))
                return [...at, k];
            const d = walk(xo[k], yo[k], [...at, k]);
            if (d)
                return d;
        }
        for (const k of yk)
            if (!Object.prototype.hasOwnProperty.call(xo, k))
                return at;
        return undefined;
    };
    return walk(a, b, []);
}

;// CONCATENATED MODULE: ./shared/yaml/fast.ts


/** Why the fast path gives a document back: thrown, caught once per document. */
const BAIL = Symbol('bail');
const NONE = [];
/**
 * A block collection further right than this is the reference's. The column bounds the nesting (each
 * level stands right of its parent, a sequence under a key at most at its column), so the reader's
 * recursion stops well before the call stack would, whatever the engine has compiled by then: whether
 * a 3,000-level document overflowed had depended on how warm the reader was.
 */
const DEEPEST = 256;
/** Longer keys are the reference's (see keyEnd). */
const LONG_KEY = 1000;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;
/*
 * The scans below find their next character of interest with a regular expression started at an
 * index (`lastIndex`) instead of a loop of `charCodeAt`: `check` runs without Turbofan (session 21),
 * where such a loop costs a builtin call and several compare calls per character, while the regular
 * expression runs as native code (irregexp is not Turbofan). The loop's answer is kept exactly: each
 * match is judged by the same tests in the same order, and one past the line's end stops the scan.
 * Module-level and stateful (`lastIndex`), which is safe because a reader never yields between
 * setting it and reading it.
 */
/** A run of spaces from `lastIndex` (never past a line's end: that is a line break or the text's end). */
const SPACES = / */y;
/**
 * What can end a plain scalar's line (`: `, ` #`), and the line break, so that no scan runs past its
 * line: without it a long text without either character would be scanned to its end once a line,
 * quadratic in the text's length. The line break takes the next line's indentation with it: a scan
 * that reaches it has found where the next line's content starts (`rSpaceEnd`), which the reader
 * asks next, and no `SPACES` scan is made for that line (session 31).
 */
const PLAIN_STOP = /[:#]|\n */g;
/** What can end or refuse a plain key (`: `, ` #`, a flow indicator), and the line break (as above). */
const KEY_STOP = /[:#[\]{},\n]/g;
/**
 * What ends or refuses a plain scalar inside a flow collection (`,`, a bracket, ` #`, `:`), and the
 * line break (as above).
 */
const FLOW_STOP = /[,[\]{}#:\n]/g;
/** What a single-quoted scalar's content stops at (its quote), and the line break (as above). */
const SINGLE_STOP = /['\n]/g;
/** What a double-quoted scalar's content stops at (its quote, an escape), and the line break. */
const DOUBLE_STOP = /["\\\n]/g;
// The same test js-yaml makes on the whole input before it reads anything.
const NON_PRINTABLE = 
// eslint-disable-next-line no-control-regex
/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** A cheaper first test: every character NON_PRINTABLE could match (emoji pairs too). */
// eslint-disable-next-line no-control-regex
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
/**
 * First characters a plain scalar or key may not start with here (js-yaml's indicators, and more): 1
 * at their code, read as `INDICATOR[c] === 1` (a code past 127, or the NaN past the text's end, reads
 * undefined). A table rather than a function of nineteen comparisons, each a builtin call under
 * `--no-opt`, made for every key and plain scalar (session 29).
 */
const INDICATOR = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`')
    INDICATOR[c.charCodeAt(0)] = 1;
/**
 * Characters that can start a plain scalar resolving to something other than a string (core schema):
 * 1 at their code (2 for the letters, below). A table, not a function of comparisons: under `--no-opt` each `===` or `<=` is a
 * builtin call, and a key or scalar starting with a letter outside the list made all eleven (about
 * 250,000 calls on the corpus check; session 29).
 */
const MAY_RESOLVE = new Uint8Array(128);
for (const c of '0123456789+-.~')
    MAY_RESOLVE[c.charCodeAt(0)] = 1;
/**
 * A plain scalar starting with a letter resolves (core schema) only when it is one of these words:
 * null and the booleans, three spellings each; numbers start with a digit, a sign or a dot, and `~`
 * is one character. Their first letters are 2 in `MAY_RESOLVE`: such a scalar (`name`, `needs`,
 * `node-version`, `types`, `false`) is looked up here first instead of being offered to each of the
 * schema's types, a call and several property reads apiece under `--no-opt` (session 30).
 */
const CORE_WORDS = new Set([
    'null',
    'Null',
    'NULL',
    'true',
    'True',
    'TRUE',
    'false',
    'False',
    'FALSE',
]);
for (const w of CORE_WORDS)
    MAY_RESOLVE[w.charCodeAt(0)] = 2;
/** js-yaml's one-character escapes of a double-quoted scalar. */
const ESCAPES = {
    '0': '\x00',
    a: '\x07',
    b: '\x08',
    t: '\x09',
    '\t': '\x09',
    n: '\x0A',
    v: '\x0B',
    f: '\x0C',
    r: '\x0D',
    e: '\x1B',
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    N: '\x85',
    _: '\xA0',
    L: '\u2028',
    P: '\u2029',
};
const HEX_LENGTH = { x: 2, u: 4, U: 8 };
/** The escape at `i` (a backslash) of a double-quoted scalar, decoded as js-yaml does; an unknown one is the reference's. */
function escapeAt(s, i) {
    const c = s[i + 1];
    if (c === undefined)
        throw BAIL;
    const simple = ESCAPES[c];
    if (simple !== undefined)
        return { text: simple, length: 2 };
    const len = HEX_LENGTH[c];
    if (len === undefined)
        throw BAIL;
    const hex = s.slice(i + 2, i + 2 + len);
    if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex))
        throw BAIL;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff)
        throw BAIL;
    return { text: String.fromCodePoint(code), length: 2 + len };
}
/** The content of a one-line double-quoted scalar, escapes decoded. */
function unescapeDouble(s) {
    let out = '';
    let from = 0;
    for (let i = s.indexOf('\\'); i !== -1; i = s.indexOf('\\', from)) {
        const e = escapeAt(s, i);
        out += s.slice(from, i) + e.text;
        from = i + e.length;
    }
    return out + s.slice(from);
}
const INDENT_CUTS = [];
/**
 * `text` with up to `n` spaces cut from the start of each line, a line starting at the text's start
 * or after `\n` only. Not `^` with the `m` flag: that also starts a line after U+2028 or U+2029,
 * which are content to YAML (session 19). The expression starts with `\n`, which V8 scans for fast.
 */
function cutIndent(text, n) {
    if (n === 0)
        return text;
    let from = 0;
    while (from < n && text.charCodeAt(from) === SPACE)
        from++;
    const rest = from === 0 ? text : text.slice(from);
    return rest.replace((INDENT_CUTS[n] ??= new RegExp(`\\n {1,${n}}`, 'g')), '\n');
}
/*
 * The reader's state: module variables, not the fields of an object, set afresh by `start` for each
 * text. `check` runs without Turbofan (session 21), where every `this.x` (a field, or a method
 * looked up to be called) is an inline-cache lookup through a builtin call (`LoadIC`, about 57
 * instructions) that Turbofan would have folded into one load; a module variable is a slot of the
 * module's context, read and written in place, and a module function is called without a lookup
 * (session 29: a reader class had 7 million such lookups on the corpus check). Safe because a read
 * never yields and never starts another read before it ends: `read` is synchronous, and nothing it
 * calls (the implicit types of js-yaml's schema) reads YAML. A read that throws leaves the state
 * behind; the next `start` sets every variable.
 */
/** The text being read, the implicit types of its schema, and whether a located tree is built. */
let rText = '';
let rImplicit = [];
let rTree = false;
/**
 * The text's tabs not yet found inside a scalar's content (`plainTabs`, `blockScalar`); one left
 * when the document is read stands where the readers treat it as white space (indentation,
 * separation, before a comment): the reference's.
 */
let rTabs = 0;
/**
 * Start and end of the current line (the end before its `\r\n` or `\n`, or the text's end), where
 * its line break is (or the text's length), its number, its indent.
 */
let rLs = 0;
let rLe = 0;
let rNl = -1;
let rLn = 0;
let rInd = 0;
let rEof = false;
/** The text's length, and whether it holds a CR at all (else no line end is looked at for one). */
let rLength = 0;
let rCr = false;
/**
 * `spacesFrom(rSpaceAt)`, when a scan has already found it (`PLAIN_STOP`'s line break): a fact
 * about the text, so it holds whenever it is asked, and `start` forgets it with the text.
 */
let rSpaceAt = -1;
let rSpaceEnd = -1;
/**
 * Tree mode: the entries of the block mappings and the items of the block sequences being read,
 * innermost last; each takes its own off the top when it ends (`take`). An array of exactly its
 * length for each node, instead of a growing `[]` per node (whose first push alone reserves 17
 * slots): the corpus's trees hold about 33,000 mappings and 6,400 sequences, and the garbage
 * collector is the check's largest single cost. `top` is its length in use: the array itself is
 * never shortened (V8 shrinks the store of an array cut to half its length, and the next node
 * would grow it again). A document the reader gives up on (`BAIL`) drops the reader with it. A node
 * is put on it in place (`pending[rTop++] = node`), not by a method: a call per node.
 */
let rPending = NONE;
let rTop = 0;
/** What `pending` holds from `base` to `top`, as an array of its own; `top` goes back to `base`. */
function take(base) {
    const out = rPending.slice(base, rTop);
    rTop = base;
    return out;
}
/** The line of the node last built (what a parent records for it in value mode). */
let rLastLine = 0;
/** Value mode: where each mapping and sequence of the value stands. */
let rLines = new Map();
/**
 * Sets every variable of the reader for a new text. `tree`: build located nodes (the workflow reader
 * walks them). Otherwise build the plain value (what js-yaml composes) and record lines in `rLines`,
 * for documents whose tree only names lines. A fresh `rPending` per text: a stack kept from the last
 * text would hold its nodes alive.
 */
function start(text, implicit, tree, tabs, cr) {
    rText = text;
    rLength = text.length;
    rCr = cr;
    rSpaceAt = -1;
    rSpaceEnd = -1;
    rImplicit = implicit;
    rTree = tree;
    rTabs = tabs;
    rLs = 0;
    rLe = 0;
    rNl = -1;
    rLn = 0;
    rInd = 0;
    rEof = false;
    rPending = [];
    rTop = 0;
    rLastLine = 0;
    rLines = new Map();
    rLowComment = 0x7fffffff;
    rKeyAt = -1;
    rKeyColon = -1;
    rRefusal = undefined;
    rAt = 0;
    nextLine();
}
/*
 * The per-line and per-node paths below read each variable of the reader once into a local (`t`,
 * `ls`, `le`, \u2026) and write it back once (session 28, when they were fields: a local is a register).
 */
function nextLine() {
    const prev = rNl;
    const length = rLength;
    if (prev >= length) {
        rEof = true;
        return;
    }
    const ls = prev + 1;
    rLs = ls;
    rLn++;
    let nl = rText.indexOf('\n', ls);
    if (nl === -1)
        nl = length;
    rNl = nl;
    // A CR LF line end (a lone CR is refused up front); a text without a CR is not asked.
    rLe = rCr && nl > ls && rText.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}
/** The first index from `i` (at most the line's end) that is not a space. */
function spacesFrom(i) {
    if (i === rSpaceAt)
        return rSpaceEnd;
    const t = rText;
    if (t.charCodeAt(i) !== SPACE)
        return i;
    SPACES.lastIndex = i;
    SPACES.test(t);
    return SPACES.lastIndex;
}
/**
 * Moves to the next line with content (not blank, not only a comment); sets `ind`. `spacesFrom`'s
 * scan is written out here: every line the reader reads passes here, and a call costs more than the
 * test under `--no-opt` (session 32). Its hint (`rSpaceAt`) is not asked: the line after a plain
 * scalar is read by `inline`'s own loop, which asks it, and a cached answer is the scan's anyway.
 */
function skipBlank() {
    const t = rText;
    while (!rEof) {
        const ls = rLs;
        const le = rLe;
        let i = ls;
        if (t.charCodeAt(ls) === SPACE) {
            SPACES.lastIndex = ls;
            SPACES.test(t);
            i = SPACES.lastIndex;
        }
        if (i < le && t.charCodeAt(i) !== HASH) {
            rInd = i - ls;
            return;
        }
        if (i < le && i - ls < rLowComment)
            rLowComment = i - ls;
        nextLine();
    }
}
/** The least column of a comment line `skipBlank` passed since it was last reset (to a large value). */
let rLowComment = 0x7fffffff;
/** The line a node that reads nothing gets in the reference: where the next content starts. */
function emptyLine() {
    return rLn;
}
function scalar(value, line) {
    rLastLine = line;
    return rTree ? { kind: 'scalar', line, value } : value;
}
/**
 * Refuses a key already in the mapping (js-yaml does: a duplicated key is its error to report): the
 * mapping's keys are `keys` from `from` to `n`, one every `step` slots (tree mode: the entries on top
 * of `pending`; value mode: the first of each four slots there, see `map`).
 */
function unique(key, keys, from, n, step, seen) {
    if (key === '<<')
        throw BAIL; // a merge key (or a key so named): the reference's
    if (seen) {
        if (seen.has(key))
            throw BAIL;
        seen.add(key);
        return seen;
    }
    // The slots of one mapping are all keys (value mode, a flow mapping) or all entries (tree mode's
    // block mapping): asked once, not of each slot (a `typeof` and a compare, a builtin call apiece
    // under `--no-opt`; session 32).
    if (n > from && typeof keys[from] === 'string') {
        for (let i = from; i < n; i += step)
            if (keys[i] === key)
                throw BAIL;
    }
    else
        for (let i = from; i < n; i += step)
            if (keys[i].key === key)
                throw BAIL;
    if (n - from < 16 * step)
        return undefined;
    const all = new Set([key]);
    for (let i = from; i < n; i += step) {
        const k = keys[i];
        all.add(typeof k === 'string' ? k : k.key);
    }
    return all;
}
function resolvePlain(s) {
    // `charCodeAt` past 127 indexes past the table (undefined), as does the NaN of an empty string.
    const may = s.length === 0 ? 1 : MAY_RESOLVE[s.charCodeAt(0)];
    if (may === 1 || (may === 2 && CORE_WORDS.has(s))) {
        const implicit = rImplicit;
        for (let i = 0; i < implicit.length; i++) {
            const type = implicit[i];
            if (type.resolve(s))
                return type.construct(s);
        }
    }
    return s;
}
function fast_document() {
    const t = rText;
    skipBlank();
    if (rEof)
        throw BAIL;
    // One leading `---` line (alone, or with a comment) is allowed; anything else at column 0
    // starting with `---`/`...`, or a directive, is the reference's.
    if (rInd === 0 && t.startsWith('---', rLs)) {
        const rest = restIsBlank(rLs + 3);
        if (!rest)
            throw BAIL;
        nextLine();
        skipBlank();
        if (rEof)
            throw BAIL;
    }
    if (rInd !== 0)
        throw BAIL;
    const p = rLs;
    let root;
    if (isDash(p))
        root = seq(0);
    else if (keyEnd(p) !== -1)
        root = map(0, p);
    else
        throw BAIL;
    if (!rEof || rTabs !== 0)
        throw BAIL;
    return root;
}
/** The current line starts with a document marker (`---` or `...`): js-yaml ends a quoted scalar there in an error. */
function atMarker() {
    const t = rText;
    const c = t.charCodeAt(rLs);
    return ((c === DASH || c === 46) &&
        t.charCodeAt(rLs + 1) === c &&
        t.charCodeAt(rLs + 2) === c &&
        (rLs + 3 === rLe || t.charCodeAt(rLs + 3) === SPACE));
}
/** From `i` to the end of the line: only spaces, then optionally a comment. */
function restIsBlank(i) {
    const t = rText;
    if (i < rLe && t.charCodeAt(i) !== SPACE)
        return false;
    while (i < rLe && t.charCodeAt(i) === SPACE)
        i++;
    return i === rLe || t.charCodeAt(i) === HASH;
}
/** `-` followed by a space or the end of the line. */
function isDash(p) {
    const t = rText;
    if (t.charCodeAt(p) !== DASH)
        return false;
    const le = rLe;
    return p + 1 === le || t.charCodeAt(p + 1) === SPACE;
}
/**
 * Where the `:` of a key starting at `p` is, or -1 when the line holds no key there: a plain key
 * (no indicator first, no `[]{},`), or a quoted one on its own, followed by `:` and a space or the
 * end of the line. The last answer is kept: a mapping's first key is asked for twice (to see that
 * a mapping starts there, then to read it), and `p` alone fixes the line it is asked on.
 */
function keyEnd(p) {
    if (p === rKeyAt)
        return rKeyColon;
    // A marker at column 0 that goes on (`... a: b`) ends the document: js-yaml and the `yaml` package
    // refuse what follows; read as a key `... a` it was accepted here. The reference's.
    if (p === rLs && atMarker())
        throw BAIL;
    // Where the `:` is (the search once a function of its own, `findKeyColon`, called only from here:
    // a call per key and per line that may start one, session 32).
    const t = rText;
    const le = rLe;
    const c = t.charCodeAt(p);
    let colon = -1;
    if (c === 39 || c === 34) {
        const close = quoteEnd(p);
        if (close !== -1) {
            let i = close + 1;
            while (i < le && t.charCodeAt(i) === SPACE)
                i++;
            if (i < le && t.charCodeAt(i) === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SPACE))
                colon = i;
        }
    }
    else if (INDICATOR[c] !== 1) {
        KEY_STOP.lastIndex = p + 1;
        while (KEY_STOP.test(t)) {
            const i = KEY_STOP.lastIndex - 1;
            if (i >= le)
                break;
            const d = t.charCodeAt(i);
            if (d === COLON) {
                if (i + 1 === le || t.charCodeAt(i + 1) === SPACE) {
                    colon = i;
                    break;
                }
            }
            else if (d === HASH) {
                if (t.charCodeAt(i - 1) === SPACE)
                    break;
            }
            else
                break; // [ ] { } ,
        }
    }
    // The `yaml` package (GitHub's parser's reader) refuses an implicit key whose `:` stands more than
    // 1,024 characters after its start ("The : indicator must be at most 1024 chars after the start
    // of an implicit block mapping key"); js-yaml reads it. The reference's, with a margin.
    if (colon - p > LONG_KEY)
        throw BAIL;
    rKeyAt = p;
    rKeyColon = colon;
    return colon;
}
let rKeyAt = -1;
let rKeyColon = -1;
/** Index of the closing quote of a quoted scalar opening at `p` on this line, or -1. */
function quoteEnd(p) {
    const t = rText;
    const q = t.charCodeAt(p);
    for (let i = p + 1; i < rLe; i++) {
        const c = t.charCodeAt(i);
        if (q === 34 && c === 92) {
            i++; // the escaped character (decoded, or refused, by `quoted`)
            continue;
        }
        if (c === q) {
            if (q === 39 && t.charCodeAt(i + 1) === 39) {
                i++;
                continue;
            }
            return i;
        }
    }
    return -1;
}
function quoted(p, close) {
    const s = rText.slice(p + 1, close);
    if (rText.charCodeAt(p) === 39)
        return s.indexOf("'") === -1 ? s : s.replace(/''/g, "'");
    return s.indexOf('\\') === -1 ? s : unescapeDouble(s);
}
/** A block mapping whose first key starts at `p` (column `col`) on the current line. */
function map(col, p) {
    if (col > DEEPEST)
        throw BAIL;
    // The entries, gathered on `pending` from `base` (see there): tree mode, one entry a slot; value
    // mode, four slots an entry (key, its line, value, its line) for `mapping`, instead of four arrays
    // grown by `push` per mapping (session 31: the manifest's 5,900 mappings, 3.7 MB of growth).
    const base = rTop;
    const tree = rTree;
    const pending = rPending;
    let seen;
    const line = rLn;
    const t = rText;
    for (;;) {
        const colon = keyEnd(p);
        if (colon === -1)
            throw BAIL;
        // The key's text (written here, not in a function of its own: a call per key, session 32).
        const c = t.charCodeAt(p);
        let key;
        if (c === 39 || c === 34)
            key = quoted(p, quoteEnd(p));
        else {
            let end = colon;
            while (end > p && t.charCodeAt(end - 1) === SPACE)
                end--;
            key = t.slice(p, end);
            // A key whose first character starts no implicit type (nearly every key) is its text: no call
            // to resolvePlain, which would look at that character again (session 31). `c` is its first.
            const may = MAY_RESOLVE[c];
            if (may === 1 || may === 2) {
                const v = resolvePlain(key);
                key = typeof v === 'string' ? v : String(v);
            }
        }
        // The first key of a mapping has no other to repeat: only the merge key is refused (as `unique`
        // would, without the call).
        if (rTop !== base)
            seen = unique(key, pending, base, rTop, tree ? 1 : 4, seen);
        else if (key === '<<')
            throw BAIL;
        const keyLine = rLn;
        const le = rLe;
        let q = colon + 1;
        while (q < le && t.charCodeAt(q) === SPACE)
            q++;
        let value;
        if (q === le || t.charCodeAt(q) === HASH) {
            nextLine();
            rLowComment = 0x7fffffff;
            skipBlank();
            if (rEof)
                value = scalar(null, emptyLine());
            else if (rInd > col) {
                // A plain scalar after a comment line at or left of its key's column: the `yaml` package
                // (GitHub's parser's reader) refuses it when a key follows, js-yaml reads it; the reference's.
                if (rLowComment <= col && plainAt(rLs + rInd))
                    throw BAIL;
                value = block(col);
            }
            else if (rInd === col && isDash(rLs + col))
                value = seq(col);
            else
                value = scalar(null, emptyLine());
        }
        else
            value = inline(q, col);
        // (Whatever `value` put on `pending` it has taken off: `rTop` is this mapping's top again.)
        const top = rTop;
        if (tree) {
            pending[top] = { key, keyLine, value: value };
            rTop = top + 1;
        }
        else {
            pending[top] = key;
            pending[top + 1] = keyLine;
            pending[top + 2] = value;
            pending[top + 3] = rLastLine;
            rTop = top + 4;
        }
        if (rEof)
            break;
        const ind = rInd;
        if (ind < col)
            break;
        if (ind > col)
            throw BAIL;
        p = rLs + col;
    }
    if (tree) {
        rLastLine = line;
        return { kind: 'map', line, entries: take(base) };
    }
    const n = (rTop - base) / 4;
    const keys = new Array(n);
    const keyLines = new Array(n);
    const values = new Array(n);
    const valueLines = new Array(n);
    for (let i = 0, j = base; i < n; i++, j += 4) {
        keys[i] = pending[j];
        keyLines[i] = pending[j + 1];
        values[i] = pending[j + 2];
        valueLines[i] = pending[j + 3];
    }
    rTop = base;
    return mapping(line, keys, keyLines, values, valueLines);
}
function mapping(line, keys, keyLines, values, valueLines) {
    rLastLine = line;
    if (rTree) {
        const entries = [];
        for (let i = 0; i < keys.length; i++)
            entries.push({ key: keys[i], keyLine: keyLines[i], value: values[i] });
        return { kind: 'map', line, entries };
    }
    const out = {};
    for (let i = 0; i < keys.length; i++)
        (0,own_key/* setOwn */.P)(out, keys[i], values[i]);
    rLines.set(out, { line, keys, keyLines, valueLines });
    return out;
}
function sequence(line, items, itemLines) {
    rLastLine = line;
    if (rTree)
        return { kind: 'seq', line, items: items };
    rLines.set(items, { line, itemLines });
    return items;
}
/** A block sequence whose dashes stand at column `col`, the first on the current line. */
function seq(col) {
    if (col > DEEPEST)
        throw BAIL;
    // Tree mode: the items, gathered on `pending` from `base`. Value mode: the items and their lines
    // (a tree node holds its own line). The shared empty array is never pushed to.
    const base = rTop;
    const tree = rTree;
    const pending = rPending;
    const items = tree ? NONE : [];
    const itemLines = tree ? NONE : [];
    const line = rLn;
    const t = rText;
    for (;;) {
        const ls = rLs;
        const le = rLe;
        let q = ls + col + 1;
        while (q < le && t.charCodeAt(q) === SPACE)
            q++;
        let item;
        if (q === le || t.charCodeAt(q) === HASH) {
            nextLine();
            skipBlank();
            if (rEof || rInd <= col)
                throw BAIL; // an empty item
            item = block(col);
        }
        else if (isDash(q))
            throw BAIL;
        else if (keyEnd(q) !== -1)
            item = map(q - ls, q);
        else
            item = inline(q, col);
        if (tree)
            pending[rTop++] = item;
        else {
            items.push(item);
            itemLines.push(rLastLine);
        }
        // A line at the dashes' column without a dash ends an indentless sequence (a mapping value):
        // the caller judges it.
        if (rEof)
            break;
        const ind = rInd;
        if (ind < col || !isDash(rLs + col))
            break;
        if (ind > col)
            throw BAIL;
    }
    return sequence(line, tree ? take(base) : items, itemLines);
}
/** A plain scalar starts at `p` (not a sequence, a mapping, a flow collection, a quoted or block scalar). */
function plainAt(p) {
    const c = rText.charCodeAt(p);
    return !(isDash(p) ||
        keyEnd(p) !== -1 ||
        c === 91 ||
        c === 123 ||
        c === 39 ||
        c === 34 ||
        c === 124 ||
        c === 62);
}
/** A node on a line of its own, more indented than its parent's column `parent`. */
function block(parent) {
    const col = rInd;
    const p = rLs + col;
    const t = rText;
    const c = t.charCodeAt(p);
    if (c === DASH && isDash(p))
        return seq(col);
    if (keyEnd(p) !== -1)
        return map(col, p);
    if (c === 124 || c === 62)
        throw BAIL;
    return inline(p, parent);
}
/**
 * A node starting at `p` on the current line after a key (or a dash), whose parent stands at
 * column `parent`. Leaves the reader on the next line with content, which must not be indented
 * past `parent` (that would continue a multi-line scalar: the reference's).
 */
function inline(p, parent) {
    const t = rText;
    const c = t.charCodeAt(p);
    const line = rLn;
    let node;
    if (c === 124 || c === 62)
        return blockScalar(p, parent);
    if (c === 33 && rTree && restIsBlank(p + 1))
        return emptyTagged(line, parent);
    if (c === 91 || c === 123)
        node = flow(p, parent);
    else if (c === 39 || c === 34) {
        const value = quotedValue(p, parent);
        if (!restIsBlank(rAt))
            throw BAIL;
        node = scalar(value, line);
    }
    else {
        if (INDICATOR[c] === 1 &&
            !((c === 45 || c === 63 || c === 58) && p + 1 < rLe && t.charCodeAt(p + 1) !== SPACE))
            throw BAIL;
        let value = plainLine(p);
        // js-yaml's readPlainScalar: lines indented past the parent continue the scalar, folded (one
        // line break a space, n breaks n - 1 newlines); a comment, or a comment line, ends it.
        let open = rAt === rLe;
        let breaks = 0;
        // The loop stopped on a line with content left of the scalar, not a comment: the line
        // `skipBlank` would stop on, its indentation found (the line is not scanned twice).
        let next = false;
        nextLine();
        while (open && !rEof) {
            const ls = rLs;
            // The scan's hint asked here first (`spacesFrom` asks it too): the line after a scalar that
            // ran to its line's end is nearly always found by it, and the call is saved (session 32).
            const i = ls === rSpaceAt ? rSpaceEnd : spacesFrom(ls);
            if (i === rLe) {
                breaks++;
                nextLine();
                continue;
            }
            if (t.charCodeAt(i) === HASH)
                break;
            if (i - ls <= parent) {
                rInd = i - ls;
                next = true;
                break;
            }
            value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
            breaks = 0;
            value += plainLine(i);
            open = rAt === rLe;
            nextLine();
        }
        // As a key's (in `map`): `c` is the scalar's first character.
        const may = MAY_RESOLVE[c];
        const v = may === 1 || may === 2 ? resolvePlain(value) : value;
        // `scalar(v, line)` written out: the most common node, a call each under `--no-opt` (session 32).
        rLastLine = line;
        node = rTree ? { kind: 'scalar', line, value: v } : v;
        if (next)
            return node;
        skipBlank();
        if (!rEof && rInd > parent)
            throw BAIL;
        return node;
    }
    nextLine();
    skipBlank();
    if (!rEof && rInd > parent)
        throw BAIL;
    return node;
}
/**
 * `!` alone on its line, the value empty (`KEY: !`, kept by two tauri workflows of the corpus): the
 * non-specific tag makes it a string to the `yaml` package, GitHub's parser's reader, where js-yaml
 * reads null; the reference path adopts the `yaml` package's scalar, the empty string, at the tag's
 * line, and so does this (tree mode only: the lazy reference, the manifest's, keeps js-yaml's null).
 * A tagged value on the lines below, or an indentless sequence at the parent's column, is the
 * reference's.
 */
function emptyTagged(line, parent) {
    nextLine();
    skipBlank();
    if (!rEof && (rInd > parent || (rInd === parent && isDash(rLs + rInd))))
        throw BAIL;
    return scalar('', line);
}
/**
 * Accounts for the tabs of a plain scalar's text `[p, end)` on the current line: each must stand
 * after a character and before one, neither of them white space, the first no indicator (`:` then
 * a tab ends a key, `-` then a tab opens a sequence item) and the second not `#` (a tab then `#`
 * starts a comment). Both readers then take it as content; anywhere else a tab is white space to
 * them, and the document is the reference's.
 */
function plainTabs(p, end) {
    const t = rText;
    for (let i = t.indexOf('\t', p); i !== -1 && i < end; i = t.indexOf('\t', i + 1)) {
        const b = t.charCodeAt(i - 1);
        const a = t.charCodeAt(i + 1);
        if (i === p ||
            i + 1 >= rLe ||
            b === SPACE ||
            b === TAB ||
            INDICATOR[b] === 1 ||
            a === SPACE ||
            a === TAB ||
            a === HASH)
            throw BAIL;
        rTabs--;
    }
}
/**
 * The first quoted scalar that goes on at or left of its parent's column (tree mode): the line the
 * `yaml` package reports it at (the last line it still reads into the scalar) and its quote.
 */
let rRefusal = undefined;
/** Where the last `plainLine` or `quotedValue` stopped. */
let rAt = 0;
/**
 * The plain scalar text from `p` to a comment or the end of the line, trailing spaces dropped;
 * `at` is where it stopped (the comment's `#`, or the line end). A `: ` in it is the reference's.
 */
function plainLine(p) {
    const t = rText;
    const le = rLe;
    let end = le;
    PLAIN_STOP.lastIndex = p;
    while (PLAIN_STOP.test(t)) {
        const i = PLAIN_STOP.lastIndex - 1;
        if (i >= le) {
            // The line break (the first `\n` from `p` is this line's) and the next line's spaces.
            rSpaceAt = rNl + 1;
            rSpaceEnd = PLAIN_STOP.lastIndex;
            break;
        }
        if (t.charCodeAt(i) === COLON) {
            if (i + 1 === le || t.charCodeAt(i + 1) === SPACE)
                throw BAIL;
        }
        else if (i > p && t.charCodeAt(i - 1) === SPACE) {
            end = i;
            break;
        }
    }
    rAt = end;
    while (end > p && t.charCodeAt(end - 1) === SPACE)
        end--;
    if (rTabs !== 0)
        plainTabs(p, end);
    return t.slice(p, end);
}
/**
 * A quoted scalar opening at `p`, as js-yaml reads it, over several lines if it goes on: at a line
 * break the text so far is kept as written (trailing spaces too), the next line's indentation is
 * skipped, and the breaks fold (one a space, n of them n - 1 newlines). `at` is after the closing quote.
 * Given back where js-yaml and the `yaml` package (GitHub's parser's reader) part: spaces before a
 * line break (js-yaml keeps them, YAML 1.2 drops them), and a line that goes on at or left of the
 * parent's column `parent` (js-yaml reads on, the `yaml` package refuses the document).
 */
function quotedValue(p, parent) {
    const t = rText;
    const q = t.charCodeAt(p);
    let out = '';
    let i = p + 1;
    let start = i;
    for (;;) {
        if (i >= rLe) {
            if (i > start && t.charCodeAt(i - 1) === SPACE)
                throw BAIL;
            out += t.slice(start, i);
            let breaks = 0;
            for (;;) {
                nextLine();
                if (rEof)
                    throw BAIL;
                breaks++;
                i = rLs;
                while (i < rLe && t.charCodeAt(i) === SPACE)
                    i++;
                if (i < rLe)
                    break;
            }
            if (i - rLs <= parent) {
                // js-yaml reads on; the `yaml` package (GitHub's parser's reader) ends the scalar at the
                // line break before this line, unclosed, and refuses the document there: its first error,
                // since everything before was read without one. Recorded (tree mode, which is what the
                // eager reader's second reading would refuse) and read on as js-yaml does, so that the
                // rest of the document must still be in the subset; a document marker here is js-yaml's
                // own error, and a top-level value (`parent` 0) is left to the reference.
                if (!rTree || parent === 0 || atMarker())
                    throw BAIL;
                // Its words need the cut scalar to end in something other than its quote (`'''`, `"\"`
                // before the line break would read as closed there, and it would report another error).
                const cut = t.charCodeAt(rLs - 2) === 13 ? rLs - 3 : rLs - 2;
                if (rRefusal === undefined && t.charCodeAt(cut) === q)
                    throw BAIL;
                rRefusal ??= { line: rLn - 1, quote: q };
            }
            out += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
            start = i;
            continue;
        }
        const c = t.charCodeAt(i);
        if (c === q) {
            if (q === 39 && t.charCodeAt(i + 1) === 39) {
                out += t.slice(start, i + 1);
                i += 2;
                start = i;
                continue;
            }
            out += t.slice(start, i);
            rAt = i + 1;
            return out;
        }
        if (q === 34 && c === 92) {
            if (i + 1 >= rLe) {
                // An escaped line break: js-yaml joins the lines with nothing between them (it skips
                // the indentation that follows).
                out += t.slice(start, i);
                // An empty line after it: js-yaml drops it, the `yaml` package keeps spaces: the reference's.
                nextLine();
                if (rEof)
                    throw BAIL;
                i = rLs;
                while (i < rLe && t.charCodeAt(i) === SPACE)
                    i++;
                if (i === rLe)
                    throw BAIL;
                // Going on left of the parent (see below): the `yaml` package's first error would be the
                // cut escape; only after a refusal already recorded does this read on, as js-yaml does.
                if (i - rLs <= parent && (rRefusal === undefined || atMarker()))
                    throw BAIL;
                start = i;
                continue;
            }
            const e = escapeAt(t, i);
            out += t.slice(start, i) + e.text;
            i += e.length;
            start = i;
            continue;
        }
        // On to the next character the loop stops at (the quote, a backslash in double quotes), or to
        // the line's end: what lies between is content, as it was one character at a time.
        const stop = q === 39 ? SINGLE_STOP : DOUBLE_STOP;
        stop.lastIndex = i + 1;
        i = stop.test(t) && stop.lastIndex - 1 < rLe ? stop.lastIndex - 1 : rLe;
    }
}
/**
 * A flow sequence or mapping: scalars each on one line (plain or quoted), and flow collections
 * nested in it (`include: [{os: a, node: 1}]`); it may span lines between entries (`init` wraps
 * long lists so), with comments after a space. No key other than a one-line scalar, no `?`, no
 * anchor, alias or tag, no entry without a value, no `:` right after a quoted key: those go to the
 * reference path, as does every line indented at or left of the parent's column `parent`.
 */
function flow(p, parent) {
    const node = flowCollection(p, parent, 1);
    if (!restIsBlank(rAt))
        throw BAIL;
    return node;
}
/** The flow collection opening at `p`, `depth` deep; `at` is after its closing bracket. */
function flowCollection(p, parent, depth) {
    if (depth > 64)
        throw BAIL;
    const t = rText;
    const line = rLn;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const items = [];
    const itemLines = [];
    const keys = [];
    const keyLines = [];
    let seen;
    let i = p + 1;
    // Spaces, comments, and line ends between entries (never inside one).
    const skip = () => {
        for (;;) {
            while (i < rLe && t.charCodeAt(i) === SPACE)
                i++;
            if (i < rLe) {
                if (t.charCodeAt(i) !== HASH)
                    return;
                // A comment needs a space before it (after `[` or `,` the readers part on `#`).
                if (t.charCodeAt(i - 1) !== SPACE)
                    throw BAIL;
            }
            nextLine();
            if (rEof)
                throw BAIL;
            i = rLs;
            while (i < rLe && t.charCodeAt(i) === SPACE)
                i++;
            // js-yaml only warns about a line indented too little inside a flow collection, the `yaml`
            // package (GitHub's parser's reader) refuses it: a line must stand right of the parent's
            // column `parent`; only the outermost closing bracket may stand at it (the `yaml` package
            // allows that one alone), and a line at column 0 could be a document marker. Such a document
            // (comment lines too) is the reference's to judge.
            if (i < rLe && (depth === 1 && t.charCodeAt(i) === close ? i - rLs < parent : i - rLs <= parent))
                throw BAIL;
        }
    };
    // One scalar of a flow collection; `key` ends it at `: ` rather than at `:` before an indicator.
    const scalarEntry = (key) => {
        const le = rLe;
        const c = t.charCodeAt(i);
        if (c === 39 || c === 34) {
            const end = quoteEnd(i);
            if (end === -1)
                throw BAIL;
            const s = quoted(i, end);
            i = end + 1;
            return s;
        }
        if (i >= le || INDICATOR[c] === 1)
            throw BAIL;
        const start = i;
        // The characters the loop over each character judged, found natively (see FLOW_STOP).
        i = le;
        FLOW_STOP.lastIndex = start;
        while (FLOW_STOP.test(t)) {
            const j = FLOW_STOP.lastIndex - 1;
            if (j >= le)
                break;
            const d = t.charCodeAt(j);
            if (d === 44 || d === close) {
                i = j;
                break;
            }
            if (d === 91 || d === 93 || d === 123 || d === 125)
                throw BAIL;
            if (d === HASH) {
                if (t.charCodeAt(j - 1) === SPACE) {
                    i = j; // a comment ends it (`skip` reads it)
                    break;
                }
            }
            else {
                const n = t.charCodeAt(j + 1);
                if (key && n === SPACE) {
                    i = j;
                    break;
                }
                if (n === SPACE || n === 44 || n === 91 || n === 93 || n === 123 || n === 125 || j + 1 === le)
                    throw BAIL;
            }
        }
        let end = i;
        while (end > start && t.charCodeAt(end - 1) === SPACE)
            end--;
        return resolvePlain(t.slice(start, end));
    };
    // A value: a nested collection, or a scalar.
    const valueEntry = () => {
        const c = t.charCodeAt(i);
        if (c === 91 || c === 123) {
            const node = flowCollection(i, parent, depth + 1);
            i = rAt;
            return node;
        }
        const at = rLn;
        return scalar(scalarEntry(false), at);
    };
    skip();
    if (t.charCodeAt(i) !== close)
        for (;;) {
            if (isMap) {
                const keyLine = rLn;
                const keyStart = i;
                const key = String(scalarEntry(true));
                while (i < rLe && t.charCodeAt(i) === SPACE)
                    i++;
                if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE || i - keyStart > LONG_KEY)
                    throw BAIL;
                i += 2;
                while (i < rLe && t.charCodeAt(i) === SPACE)
                    i++;
                seen = unique(key, keys, 0, keys.length, 1, seen);
                keys.push(key);
                keyLines.push(keyLine);
            }
            items.push(valueEntry());
            itemLines.push(rLastLine);
            skip();
            const d = t.charCodeAt(i);
            if (d === close)
                break;
            if (d !== 44)
                throw BAIL;
            i++;
            skip();
            if (t.charCodeAt(i) === close)
                break; // a trailing comma
        }
    rAt = i + 1;
    return isMap ? mapping(line, keys, keyLines, items, itemLines) : sequence(line, items, itemLines);
}
/**
 * `|` or `>` at `p`: js-yaml's readBlockScalar (lines, indentation, folding and chomping), for a
 * scalar whose parent stands at column `parent`.
 */
function blockScalar(p, parent) {
    const t = rText;
    const line = rLn;
    const folding = t.charCodeAt(p) === 62;
    let chomping = 0; // 0 clip, 1 strip, 2 keep
    const nodeIndent = parent + 1;
    let textIndent = nodeIndent;
    let detectedIndent = false;
    let i = p + 1;
    for (; i < rLe; i++) {
        const c = t.charCodeAt(i);
        if (c === 43 || c === DASH) {
            if (chomping !== 0)
                throw BAIL;
            chomping = c === 43 ? 2 : 1;
        }
        else if (c >= 49 && c <= 57) {
            if (detectedIndent)
                throw BAIL;
            textIndent = nodeIndent + (c - 48) - 1;
            detectedIndent = true;
        }
        else
            break;
    }
    if (i < rLe && !restIsBlank(i))
        throw BAIL;
    const indicated = detectedIndent;
    let result = '';
    let didReadContent = false;
    let emptyLines = 0;
    let atMoreIndented = false;
    // A literal scalar is its lines with the indentation cut: found here, then cut from one slice of
    // the text (below) rather than joined line by line.
    let first = -1;
    let last = -1;
    let crlf = false;
    for (;;) {
        nextLine();
        if (rEof)
            break;
        if (first === -1)
            first = rLs;
        // The line's spaces, at most textIndent of them once that is known.
        let j = spacesFrom(rLs);
        if (detectedIndent && j - rLs > textIndent)
            j = rLs + textIndent;
        const lineIndent = j - rLs;
        if (!detectedIndent && lineIndent > textIndent)
            textIndent = lineIndent;
        if (j === rLe) {
            if (rLe !== rNl)
                crlf = true;
            emptyLines++;
            continue;
        }
        if (lineIndent < textIndent) {
            // Ended by a line less indented than an empty line before any content: js-yaml takes the
            // empty line's spaces as the indentation, the `yaml` package refuses the document.
            if (!detectedIndent && textIndent > nodeIndent)
                throw BAIL;
            break;
        }
        // A line of spaces only, past an indentation an indicator gave (or before any content): content
        // (spaces) to js-yaml, where it ends the scalar an empty line to the `yaml` package (GitHub's
        // parser's reader); the two part, so it is the reference's (which takes the `yaml` package's).
        if ((indicated || !didReadContent) && spacesFrom(j) === rLe)
            throw BAIL;
        // A tab after the line's first content is content to both readers (`! grep '[^\t -~]'`);
        // one before it stands in the indentation or the white space a folded line starts with.
        if (rTabs !== 0) {
            let k = j;
            while (k < rLe && (t.charCodeAt(k) === SPACE || t.charCodeAt(k) === TAB))
                k++;
            for (let i = t.indexOf('\t', j); i !== -1 && i < rLe; i = t.indexOf('\t', i + 1)) {
                if (i < k)
                    throw BAIL;
                rTabs--;
            }
        }
        if (!folding) {
            if (rLe !== rNl)
                crlf = true;
            last = rLe;
            didReadContent = true;
            detectedIndent = true;
            emptyLines = 0;
            continue;
        }
        const nls = (n) => '\n'.repeat(n);
        {
            const ch = t.charCodeAt(j);
            if (ch === SPACE || ch === 9) {
                atMoreIndented = true;
                result += nls(didReadContent ? 1 + emptyLines : emptyLines);
            }
            else if (atMoreIndented) {
                atMoreIndented = false;
                result += nls(emptyLines + 1);
            }
            else if (emptyLines === 0) {
                if (didReadContent)
                    result += ' ';
            }
            else
                result += nls(emptyLines);
        }
        didReadContent = true;
        detectedIndent = true;
        emptyLines = 0;
        result += t.slice(j, rLe);
    }
    if (!folding && didReadContent) {
        // Leading empty lines give line breaks, lines between give theirs; up to textIndent spaces
        // are cut from each (an empty line holds no more before the first content line, or it
        // would have raised textIndent past that line and ended the scalar).
        const lines = t.slice(first, last);
        result = cutIndent(crlf ? lines.replace(/\r\n/g, '\n') : lines, textIndent);
    }
    // The chomping js-yaml performs where the scalar ends (the end of the text included: it reads a
    // text as if it ended in a line break).
    if (rEof && rText.charCodeAt(rText.length - 1) === 10)
        emptyLines--;
    // A kept scalar ending the text on a line of spaces without a line break: counted here as one
    // more empty line, where js-yaml's reference and the `yaml` package keep one fewer (`|+` then
    // `\n  \n   `: "\n"). Rare; the reference's (tests/yaml/s18-tabs-tags.test.ts). Clipped and
    // stripped scalars drop trailing empty lines anyway.
    else if (rEof && emptyLines > 0 && chomping === 2)
        throw BAIL;
    if (chomping === 2)
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
    else if (chomping === 0 && didReadContent)
        result += '\n';
    skipBlank();
    if (!rEof && rInd > parent)
        throw BAIL;
    return scalar(result, line);
}
/**
 * The located tree of `text` (a byte-order mark already removed), or undefined when the document is
 * outside the fast path's subset: read it with the reference path then.
 */
function fastLocated(text, implicit) {
    const r = read(text, implicit, true);
    return r && !r.refusal ? r.root : undefined;
}
/**
 * `fastLocated`, or, for a document whose only departure from the subset is a quoted scalar going on
 * at or left of its parent's column (js-yaml reads it, GitHub's reader refuses it), that refusal as
 * the second reading would report it (second-reader.ts): the line and the `yaml` package's words.
 */
function fastLocatedOrRefusal(text, implicit) {
    const r = read(text, implicit, true);
    if (!r)
        return undefined;
    if (!r.refusal)
        return { root: r.root };
    return { refusal: { message: missingClosingQuote(r.refusal.quote), line: r.refusal.line } };
}
/**
 * The plain value of `text` as js-yaml composes it, with a located tree over it that is built only
 * along the paths a look-up walks (for a manifest: its value is what is used, its tree only names
 * lines); undefined outside the fast path's subset.
 */
function fastLocatedValue(text, implicit) {
    const r = read(text, implicit, false);
    return r && { value: r.root, root: view(r.root, 1, r.lines) };
}
function read(text, implicit, tree) {
    const cr = text.indexOf('\r') !== -1;
    if ((cr && /\r(?!\n)/.test(text)) || (MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text)))
        return undefined;
    // One reading at a time: the reader's state is module-wide. A reading started inside another (an
    // implicit type's resolve() that reads YAML: none does today) would overwrite the outer one's
    // position, so it is left to the reference path, which shares nothing.
    if (rReading)
        return undefined;
    let tabs = 0;
    for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', i + 1))
        tabs++;
    rReading = true;
    try {
        start(text, implicit, tree, tabs, cr);
        const root = fast_document();
        return { root, lines: rLines, refusal: rRefusal };
    }
    catch {
        // BAIL, or anything else (a stack overflow on absurdly deep nesting): the reference path decides,
        // and reports what it cannot read as a syntax error.
        return undefined;
    }
    finally {
        rReading = false;
        release();
    }
}
let rReading = false;
/**
 * Drops what the reader holds of the text it has read, once `read` has its answer: the text, the
 * pending stack (whose slots above `top` still hold the last nodes), the value mode's lines (the
 * caller has its own reference), the refusal, and the regular expressions' last subject (V8 keeps
 * the last string a regular expression matched in, for `RegExp.input`, until another match). Kept,
 * they held a document of any size, and its tree, until the next read (session 30).
 */
function release() {
    rText = '';
    rImplicit = NO_TYPES;
    rPending = NONE;
    rLines = NO_LINES;
    rRefusal = undefined;
    SPACES.lastIndex = 0;
    SPACES.test('');
}
const NO_TYPES = [];
/** Never written: `start` sets a fresh map before any read uses it. */
const NO_LINES = new Map();
/** The located node of `value` (a scalar's line given), its children built on first read. */
function view(value, line, lines) {
    const at = value !== null && typeof value === 'object' ? lines.get(value) : undefined;
    if (at && 'keys' in at)
        return new MapView(value, at, lines);
    if (at)
        return new SeqView(value, at, lines);
    return { kind: 'scalar', line, value: value };
}
// Classes rather than object literals with getters: V8 kept such literals alive until a full
// collection (see FastParse in located.ts).
class MapView {
    value;
    at;
    lines;
    kind = 'map';
    line;
    built;
    constructor(value, at, lines) {
        this.value = value;
        this.at = at;
        this.lines = lines;
        this.line = at.line;
    }
    get entries() {
        return (this.built ??= this.at.keys.map((key, i) => ({
            key,
            keyLine: this.at.keyLines[i],
            value: view(this.value[key], this.at.valueLines[i], this.lines),
        })));
    }
}
class SeqView {
    value;
    at;
    lines;
    kind = 'seq';
    line;
    built;
    constructor(value, at, lines) {
        this.value = value;
        this.at = at;
        this.lines = lines;
        this.line = at.line;
    }
    get items() {
        return (this.built ??= this.value.map((v, i) => view(v, this.at.itemLines[i], this.lines)));
    }
}
/** The plain value of a tree the fast path built (no aliases, no merge keys), as js-yaml composes it. */
function fastValue(n) {
    if (n.kind === 'scalar')
        return n.value;
    if (n.kind === 'seq')
        return n.items.map(fastValue);
    const out = {};
    const entries = n.entries;
    for (let i = 0; i < entries.length; i++)
        (0,own_key/* setOwn */.P)(out, entries[i].key, fastValue(entries[i].value));
    return out;
}

;// CONCATENATED MODULE: ./shared/yaml/located.ts
/**
 * YAML reading with positions: every workflow, manifest and config goes through here, so every
 * finding and error can name its line. js-yaml is about ten times faster than the `yaml` library
 * on real workflow files (75 ms vs 700 ms for the 1,503-file corpus) but keeps no positions; its
 * `listener` reports where each node starts and what it composed to, and this module rebuilds a
 * small located tree from those events. (The `yaml` library is used only to write YAML: `init`.)
 */




// `types` is exported at runtime but missing from @types/js-yaml.
const TYPES = js_yaml/* default.types */.Ay.types;
/*
 * Integers and floats as the YAML 1.2 core schema writes them, and as the `yaml` package (which
 * GitHub's own parser, `@actions/workflow-parser`, reads with) resolves them. js-yaml's core schema
 * is wider and narrower at once: it reads `1_000`, `0b11`, `-0x1F` and `+0o7` as numbers and `-.5`,
 * `.5e3` as strings, so a key `1_000:` was the job `1000` to stepwarden and `1_000` to GitHub.
 */
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** The first characters an integer or a float may start with here: `-+.` and digits. */
const mayBeNumber = (s) => {
    const c = s.charCodeAt(0);
    return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
};
const CORE_INT = new js_yaml/* default.Type */.Ay.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (s) => mayBeNumber(s) && (INT_DEC.test(s) || INT_OCT.test(s) || INT_HEX.test(s)),
    construct: (s) => INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10),
    predicate: (v) => typeof v === 'number' && Number.isInteger(v),
    represent: (v) => String(v),
});
const CORE_FLOAT = new js_yaml/* default.Type */.Ay.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (s) => mayBeNumber(s) && (FLOAT.test(s) || FLOAT_SPECIAL.test(s)),
    construct: (s) => {
        if (!FLOAT_SPECIAL.test(s))
            return parseFloat(s);
        if (/nan/i.test(s))
            return NaN;
        return s.startsWith('-') ? -Infinity : Infinity;
    },
    predicate: (v) => typeof v === 'number' && !Number.isInteger(v),
    represent: (v) => String(v),
});
/**
 * The YAML 1.2 core schema as the `yaml` package reads it (null, bool, int, float; no timestamps, so
 * `on: 2020-01-01` stays a string) plus the merge type as an explicit tag: `!!merge <<: *a` merges,
 * while a plain `<<` stays a key named `<<` (the workflow reader refuses it, as GitHub does).
 */
const SCHEMA = js_yaml/* default.FAILSAFE_SCHEMA */.Ay.FAILSAFE_SCHEMA.extend({
    implicit: [TYPES.null, TYPES.bool, CORE_INT, CORE_FLOAT],
    explicit: [TYPES.merge],
});
const MERGE_TAG = 'tag:yaml.org,2002:merge';
/** The schema's implicit types in the order js-yaml tries them on a plain scalar (for the fast path). */
const IMPLICIT = SCHEMA
    .compiledImplicit;
function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        starts.push(i + 1);
    return starts;
}
function lineAt(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}
/** js-yaml opens a node before skipping the space and comments in front of it. */
function contentStart(text, pos) {
    let i = pos;
    for (;;) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13)
            i++;
        else if (c === 35) {
            const nl = text.indexOf('\n', i);
            if (nl === -1)
                return text.length;
            i = nl + 1;
        }
        else
            return i;
    }
}
/**
 * What separates two sibling nodes. Every piece of content belongs to some node, so between them
 * there is only space, comments, properties (`&anchor`, `!tag`) and indicators: a `:` makes the
 * next node a value, a `?` an explicit key, each `-` opens a block sequence item (an item with no
 * content opens no node at all, so two dashes mean an empty item in between). Returned as bits
 * (`COLON`, `QUESTION`) plus the number of dashes times `DASH`, so the scan allocates nothing.
 */
const located_COLON = 1;
const QUESTION = 2;
const located_DASH = 4;
const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
const isFlowIndicator = (c) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
function scanGap(text, from, to) {
    let gap = 0;
    let i = from;
    while (i < to) {
        const c = text.charCodeAt(i);
        if (c === 35 /* # */) {
            const nl = text.indexOf('\n', i);
            i = nl === -1 || nl > to ? to : nl + 1;
            continue;
        }
        if (c === 33 /* ! */ && text.charCodeAt(i + 1) === 60 /* < */) {
            const close = text.indexOf('>', i);
            i = close === -1 || close > to ? to : close + 1;
            continue;
        }
        if (c === 38 /* & */ || c === 33 /* ! */) {
            while (i < to && !isSpace(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i)))
                i++;
            continue;
        }
        if (c === 58 /* : */)
            gap |= located_COLON;
        else if (c === 63 /* ? */)
            gap |= QUESTION;
        else if (c === 45 /* - */)
            gap += located_DASH;
        i++;
    }
    return gap;
}
/** The key js-yaml stores for a composed key node (a plain object holds string keys only). */
function keyText(key) {
    if (Array.isArray(key))
        return String(key.map((k) => k !== null && typeof k === 'object' && !Array.isArray(k) ? '[object Object]' : k));
    if (key !== null && typeof key === 'object')
        return '[object Object]';
    return String(key);
}
function scalarOf(value, line) {
    const v = value === undefined ? null : value;
    return {
        kind: 'scalar',
        line,
        value: typeof v === 'object' && v !== null ? String(v) : v,
    };
}
const same = (a, b) => Object.is(a, b);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
function gapBefore(b, frame, i) {
    return scanGap(b.text, i === 0 ? frame.open : frame.children[i - 1].end, frame.children[i].open);
}
function buildMap(b, frame, line, result) {
    const entries = [];
    const c = frame.children;
    let merges = false;
    // Children alternate keys and values, but a key may come without a value (`{a, b: 1}`,
    // `? a`) and a value without a key (`: b`): a `:` before a node makes it a value.
    for (let i = 0; i < c.length; i++) {
        const gap = gapBefore(b, frame, i);
        let key;
        let value;
        if (gap & located_COLON)
            value = c[i];
        else {
            key = c[i];
            if (i + 1 < c.length && gapBefore(b, frame, i + 1) & located_COLON)
                value = c[++i];
            // A block mapping ends by trying one more key that reads nothing.
            else if (i === c.length - 1 && key.open === key.end && key.result === null && !(gap & QUESTION))
                break;
        }
        const k = keyText(key ? key.result : null);
        const v = value ? value.node : scalarOf(null, key.node.line);
        if (k === '<<')
            b.mergeKey(key ? key.node.line : v.line);
        if (key?.merge) {
            merges = true;
            entries.push({ key: k, keyLine: key.node.line, value: v, merge: true });
            continue;
        }
        if (!hasOwn(result, k) || !same(result[k], value ? value.result : null))
            b.fail(v.line);
        entries.push({ key: k, keyLine: key ? key.node.line : v.line, value: v });
    }
    if (!merges) {
        let count = 0;
        for (const k in result)
            if (hasOwn(result, k))
                count++;
        if (count !== entries.length)
            b.fail(line);
    }
    return { kind: 'map', line, entries };
}
function buildSeq(b, frame, line, result) {
    const { starts } = b;
    const items = [];
    // What each item must compose to: a child's own result, or (pairKey set) a single pair.
    const want = [];
    const pairKey = [];
    const c = frame.children;
    // A flow sequence entry `a: 1` or `? a` is a single-pair mapping with no node of its own: it
    // starts at its key, and a `:` after it gives it its value.
    for (let i = 0; i < c.length; i++) {
        const child = c[i];
        const gap = gapBefore(b, frame, i);
        for (let d = located_DASH * 2; d <= gap; d += located_DASH) {
            items.push(scalarOf(null, lineAt(starts, child.open)));
            want.push(null);
            pairKey.push(undefined);
        }
        const next = i + 1 < c.length && gapBefore(b, frame, i + 1) & located_COLON ? c[++i] : undefined;
        if (next || gap & QUESTION) {
            const k = keyText(child.result);
            const v = next ? next.node : scalarOf(null, child.node.line);
            items.push({
                kind: 'map',
                line: child.node.line,
                entries: [{ key: k, keyLine: child.node.line, value: v }],
            });
            want.push(next ? next.result : null);
            pairKey.push(k);
        }
        else {
            items.push(child.node);
            want.push(child.result);
            pairKey.push(undefined);
        }
    }
    const tail = c.length ? c[c.length - 1].end : frame.open;
    while (items.length < result.length) {
        items.push(scalarOf(null, lineAt(starts, tail)));
        want.push(null);
        pairKey.push(undefined);
    }
    if (items.length !== result.length)
        b.fail(line);
    for (let i = 0; i < items.length; i++) {
        const r = result[i];
        const k = pairKey[i];
        if (k === undefined) {
            if (!same(r, want[i]))
                b.fail(items[i].line);
        }
        else if (r === null || typeof r !== 'object' || Object.keys(r).length !== 1 || !hasOwn(r, k))
            b.fail(items[i].line);
        else if (!same(r[k], want[i]))
            b.fail(items[i].line);
    }
    return { kind: 'seq', line, items };
}
/**
 * At most this many nodes (collections and scalars, keys not counted) in a document's value with
 * every alias written out: what zod, the workflow model, the check and the diff walk. Far above any
 * real manifest (the 64,000-line one is about 250,000) or workflow, far below what a 10 KB alias bomb
 * expands to; the runner's own template reader stops at 1,000,000 parse events (TemplateMemory
 * `maxEvents` of actions/runner's ActionManifestManager).
 */
const MAX_EXPANDED_NODES = 1_000_000;
/**
 * Parses one YAML document with positions. The located tree is rebuilt from js-yaml's listener and
 * checked, node by node, against what js-yaml composed: a document whose tree would differ from its
 * plain value (which is what GitHub reads) is an error, never a tree with keys missing.
 *
 * `lazy`: for documents whose plain `value` is what the caller reads, and whose tree only names lines
 * (the manifest, the organization policy, the broker config). The parse records where each node
 * opened and closed in flat arrays and builds a mapping's entries or a sequence's items (the same
 * builders) only when a line look-up walks through it, so a 64,000-line manifest costs a parse, not
 * a parse plus a tree of 250,000 objects. Such a tree is not checked against the value (`unlocatable`
 * is never reported): a construct the tree cannot follow gets the nearest line, and the value stays
 * what is validated and used.
 */
function parseLocatedYaml(source, options = {}) {
    // Plain block YAML (nearly every workflow, every manifest `init` writes) is read by the fast path,
    // which builds the same tree without listener events; anything else by the reference path below.
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    if (options.lazy) {
        const fast = fastLocatedValue(text, IMPLICIT);
        if (fast)
            return fast;
    }
    else {
        const fast = fastLocatedOrRefusal(text, IMPLICIT);
        if (fast)
            return 'root' in fast ? new FastParse(fast.root) : { error: githubRefuses(fast.refusal) };
    }
    return parseLocatedYamlReference(source, options);
}
/**
 * A fast-path parse whose plain value is computed only if asked for (the workflow reader never asks).
 * A class, not an object literal with a getter: V8 kept every such literal (and the tree it closed
 * over) alive until a full collection, which made each young-generation collection copy them.
 */
class FastParse {
    root;
    unshared = true;
    computed;
    constructor(root) {
        this.root = root;
    }
    get value() {
        return (this.computed ??= fastValue(this.root));
    }
}
/**
 * The reference path: js-yaml with its listener, for every document (tests compare the fast path's
 * trees with this one's).
 */
function parseLocatedYamlReference(source, options = {}) {
    if (options.lazy)
        return parseLazily(source);
    // js-yaml drops a leading byte-order mark before it counts positions; so does this reader.
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const starts = lineStarts(text);
    // Open nodes: where each opened and its children so far (an array only once it has one, so a
    // scalar costs no frame).
    const opens = [0];
    const kids = [[]];
    // Collections js-yaml composed -> their located node. An alias composes to the anchored object
    // itself, and a flow collection on its own line is reported twice, nested (a block-mapping
    // attempt that keeps what its first node composed): both reuse the node built first.
    const built = new Map();
    let mismatch;
    let mergeKeyLine;
    // A collection composed twice (see parseLazily's `shared`).
    let shared = false;
    const anchors = new Map();
    let redefinedAnchor;
    const b = {
        text,
        starts,
        fail: (line) => {
            if (mismatch === undefined)
                mismatch = line;
        },
        mergeKey: (line) => {
            if (mergeKeyLine === undefined || line < mergeKeyLine)
                mergeKeyLine = line;
        },
    };
    const fail = b.fail;
    const listener = (event, state) => {
        if (event === 'open') {
            opens.push(state.position);
            kids.push(undefined);
            return;
        }
        const open = opens.pop();
        const children = kids.pop();
        const line = lineAt(starts, contentStart(text, open));
        const { kind, result } = state;
        if (state.anchor) {
            const first = anchors.get(state.anchor);
            if (first === undefined)
                anchors.set(state.anchor, line);
            else
                redefinedAnchor ??= { name: state.anchor, line, first };
        }
        let node;
        const known = result !== null && typeof result === 'object' ? built.get(result) : undefined;
        if (known) {
            node = known;
            shared = true;
        }
        else if (kind === 'mapping' && result && typeof result === 'object' && !Array.isArray(result)) {
            node = buildMap(b, { open, children: children ?? [] }, line, result);
            built.set(result, node);
        }
        else if (kind === 'sequence' && Array.isArray(result)) {
            node = buildSeq(b, { open, children: children ?? [] }, line, result);
            built.set(result, node);
        }
        else {
            // A collection that is neither built nor being built here (a recursive alias) has no tree.
            if (result !== null && typeof result === 'object')
                fail(line);
            node = scalarOf(result, line);
        }
        const child = { node, result, open, end: state.position, merge: state.tag === MERGE_TAG };
        const siblings = kids[kids.length - 1];
        if (siblings)
            siblings.push(child);
        else
            kids[kids.length - 1] = [child];
    };
    let value;
    try {
        value = js_yaml/* default.load */.Ay.load(text, { schema: SCHEMA, listener: listener });
    }
    catch (err) {
        return refusedOnlyByJsYaml(err, text) ?? syntaxError(err, text);
    }
    if (mismatch !== undefined)
        return {
            error: {
                message: 'this YAML cannot be read with positions the way it parses (a recursive alias, or a construct stepwarden does not locate); write it out in block style',
                line: mismatch,
                kind: 'unlocatable',
            },
        };
    const top = kids[0];
    const root = top[top.length - 1]?.node;
    const over = shared ? oversized(value, root, text) : undefined;
    if (over)
        return over;
    // A merge key is refused by every eager reader (GitHub refuses it), with its own message.
    if (mergeKeyLine === undefined && root) {
        const second = againstSecondReading(text, value, root);
        if ('message' in second)
            return { error: second };
        if (second.root !== root) {
            const merge = redefinedAnchor ? { redefinedAnchor } : {};
            return { root: second.root, value: second.value, ...merge };
        }
    }
    const merge = {
        ...(mergeKeyLine !== undefined ? { mergeKeyLine } : {}),
        ...(redefinedAnchor ? { redefinedAnchor } : {}),
    };
    return root ? { root, value, ...merge } : { value, ...merge };
}
/**
 * The `yaml` package's reading of a document js-yaml read to `value` and `root` (second-reader.ts).
 * Where the two differ only in scalars (a quoted scalar's spaces before a folded line break, a block
 * scalar's whitespace-only lines, a `!` tag on an empty value), the tree takes the `yaml` package's
 * scalars: that is what GitHub's parser reads. Where they differ in structure (keys, items), or the
 * `yaml` package refuses the document, the error to report, at the first line where they part.
 */
function againstSecondReading(text, value, root) {
    const second = secondReading(text);
    if ('error' in second)
        return githubRefuses(second.error);
    let path;
    try {
        path = firstDifference(value, second.value);
        if (!path)
            return { root, value };
        const adopted = adoptScalars(root, second.value);
        if (adopted) {
            const v = toValue(adopted);
            path = firstDifference(v, second.value);
            if (!path)
                return { root: adopted, value: v };
        }
    }
    catch {
        path ??= [];
    }
    return {
        message: `YAML readers disagree on this document${path.length ? ` at ${path.join('.')}` : ''} (js-yaml and the \`yaml\` package GitHub's parser uses read different keys or items here: an anchor redefined inside its own node, a %YAML 1.1 directive, a key only one of them reads); write it plainly`,
        line: lineAtPath(root, path),
        kind: 'ambiguous',
    };
}
/** The error for a document the `yaml` package (GitHub's parser's reader) refuses, at its first error. */
const githubRefuses = (e) => ({
    message: `GitHub's YAML reader refuses this document: ${e.message}`,
    line: e.line,
    kind: 'syntax',
});
/**
 * `root` with each scalar replaced by the scalar `second` holds at its place, or undefined when a
 * collection of the one is not a collection of the same kind, keys and length in the other.
 */
function adoptScalars(root, second) {
    const memo = new Map();
    const visit = (n, v) => {
        if (n.kind === 'scalar') {
            if (v !== null && typeof v === 'object')
                return undefined;
            return Object.is(n.value, v) ? n : { kind: 'scalar', line: n.line, value: v };
        }
        const known = memo.get(n);
        if (known)
            return known;
        if (n.kind === 'seq') {
            if (!Array.isArray(v) || v.length !== n.items.length)
                return undefined;
            const items = [];
            const node = { kind: 'seq', line: n.line, items };
            memo.set(n, node);
            for (let i = 0; i < v.length; i++) {
                const item = visit(n.items[i], v[i]);
                if (!item)
                    return undefined;
                items.push(item);
            }
            return node;
        }
        if (v === null || typeof v !== 'object' || Array.isArray(v))
            return undefined;
        const o = v;
        const entries = [];
        const node = { kind: 'map', line: n.line, entries };
        memo.set(n, node);
        for (const e of n.entries) {
            if (e.merge || !hasOwn(o, e.key))
                return undefined;
            const value = visit(e.value, o[e.key]);
            if (!value)
                return undefined;
            entries.push({ key: e.key, keyLine: e.keyLine, value });
        }
        return node;
    };
    return visit(root, second);
}
/**
 * js-yaml's refusal of a document the `yaml` package (GitHub's reader) reads: a tag or an anchor
 * before a block mapping's first key (`permissions:\n  !!str contents: read`), a local tag
 * (`name: !x prod`), a `!` before a flow indicator. GitHub runs such a workflow, so the refusal is
 * stepwarden's own and says so, with js-yaml's reason and line (session 36: it read as a plain
 * "YAML syntax error", a valid workflow called invalid). Eager parses only; read on the error path.
 */
function refusedOnlyByJsYaml(err, text) {
    if (err instanceof RangeError || 'error' in secondReading(text))
        return undefined;
    const { error } = syntaxError(err, text);
    return {
        error: {
            message: `js-yaml, stepwarden's YAML reader, refuses this document (${error.message}) though GitHub's YAML reader accepts it; write this line plainly (block style, no tag, no anchor before a mapping's first key)`,
            line: error.line,
            kind: 'ambiguous',
        },
    };
}
const syntaxError = (err, text) => {
    // Nesting deep enough to exhaust the stack: refused (fail closed) with words a person can act on,
    // not the engine's "Maximum call stack size exceeded".
    if (err instanceof RangeError)
        return {
            error: {
                message: "the YAML is nested too deeply to read (collections inside collections beyond the reader's stack); write it flatter",
                line: deepestLine(text),
                kind: 'syntax',
            },
        };
    const e = err;
    return {
        error: {
            message: e.reason ?? e.message.split('\n')[0] ?? 'invalid YAML',
            line: (e.mark?.line ?? 0) + 1,
            kind: 'syntax',
        },
    };
};
/**
 * The line of a document's deepest nesting (open flow brackets plus the block indentation, `- ` items
 * counted as indentation), for the refusal of nesting past the reader's stack: it named line 1
 * whatever the line (session 34). Read only on that refusal; brackets inside quotes or comments
 * count too, so it points at the nesting as the text draws it.
 */
function deepestLine(text) {
    let best = 1;
    let bestDepth = -1;
    let flow = 0;
    let line = 1;
    let indent = 0;
    let start = true;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
            line++;
            indent = 0;
            start = true;
            continue;
        }
        if (start && (c === 32 || c === 45)) {
            indent++;
            continue;
        }
        start = false;
        if (c === 91 || c === 123)
            flow++;
        else if ((c === 93 || c === 125) && flow > 0)
            flow--;
        if (flow + indent > bestDepth) {
            bestDepth = flow + indent;
            best = line;
        }
    }
    return best;
}
/** `NodeLog.kind`: 0 a scalar (or a collection with no tree), else one of these. */
const MAP = 1;
const SEQ = 2;
/**
 * The nodes of one parse as flat arrays, in the order js-yaml opened them: where each opened and
 * closed, its parent, the next node opened after it closed (its next sibling when that node has the
 * same parent), what it composed, and the node that stands for it (itself, or the first node that
 * composed the same collection: an alias, or the nested report of a flow collection on its own line).
 */
class NodeLog {
    text;
    starts;
    count = 0;
    open = new Int32Array(256);
    end = new Int32Array(256);
    parent = new Int32Array(256);
    after = new Int32Array(256);
    target = new Int32Array(256);
    kind = new Uint8Array(256);
    merge = new Uint8Array(256);
    results = [];
    nodes = new Map();
    builder;
    constructor(text, starts) {
        this.text = text;
        this.starts = starts;
        this.builder = { text, starts, fail: () => { }, mergeKey: () => { } };
    }
    add(open, parent) {
        if (this.count === this.open.length) {
            const grow = (a) => {
                const b = new a.constructor(a.length * 2);
                b.set(a);
                return b;
            };
            this.open = grow(this.open);
            this.end = grow(this.end);
            this.parent = grow(this.parent);
            this.after = grow(this.after);
            this.target = grow(this.target);
            this.kind = grow(this.kind);
            this.merge = grow(this.merge);
        }
        const i = this.count++;
        this.open[i] = open;
        this.parent[i] = parent;
        this.results.push(undefined);
        return i;
    }
    /** The located node of node `i`, built once (its entries or items only when first read). */
    node(i) {
        const t = this.target[i];
        const known = this.nodes.get(t);
        if (known)
            return known;
        const line = lineAt(this.starts, contentStart(this.text, this.open[t]));
        let node;
        if (this.kind[t] === MAP) {
            // eslint-disable-next-line @typescript-eslint/no-this-alias
            const log = this;
            let entries;
            node = {
                kind: 'map',
                line,
                get entries() {
                    return (entries ??= buildMap(log.builder, log.frame(t), line, log.results[t]).entries);
                },
            };
        }
        else if (this.kind[t] === SEQ) {
            // eslint-disable-next-line @typescript-eslint/no-this-alias
            const log = this;
            let items;
            node = {
                kind: 'seq',
                line,
                get items() {
                    return (items ??= buildSeq(log.builder, log.frame(t), line, log.results[t]).items);
                },
            };
        }
        else
            node = scalarOf(this.results[t], line);
        this.nodes.set(t, node);
        return node;
    }
    /** Node `t`'s children as the builders read them. */
    frame(t) {
        const children = [];
        for (let c = t + 1; c < this.count && this.parent[c] === t; c = this.after[c])
            children.push({
                node: this.node(c),
                result: this.results[c],
                open: this.open[c],
                end: this.end[c],
                merge: this.merge[c] === 1,
            });
        return { open: this.open[t], children };
    }
}
function parseLazily(source) {
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const log = new NodeLog(text, lineStarts(text));
    const stack = [-1];
    // Collections js-yaml composed -> the first node that composed them (see parseLocatedYaml's `built`).
    const first = new Map();
    let root = -1;
    // A collection composed twice (an alias, or a flow collection reported twice): only then can the
    // value be larger than the text, so only then is it counted.
    let shared = false;
    const listener = (event, state) => {
        if (event === 'open') {
            stack.push(log.add(state.position, stack[stack.length - 1]));
            return;
        }
        const i = stack.pop();
        const { kind, result } = state;
        log.end[i] = state.position;
        log.after[i] = log.count;
        log.results[i] = result;
        log.merge[i] = state.tag === MERGE_TAG ? 1 : 0;
        log.target[i] = i;
        if (result !== null && typeof result === 'object') {
            const seen = first.get(result);
            if (seen !== undefined) {
                log.target[i] = seen;
                shared = true;
            }
            else if (kind === 'mapping' && !Array.isArray(result)) {
                log.kind[i] = MAP;
                first.set(result, i);
            }
            else if (kind === 'sequence' && Array.isArray(result)) {
                log.kind[i] = SEQ;
                first.set(result, i);
            }
        }
        if (stack.length === 1)
            root = i;
    };
    let value;
    try {
        value = js_yaml/* default.load */.Ay.load(text, { schema: SCHEMA, listener: listener });
    }
    catch (err) {
        return syntaxError(err, text);
    }
    const tree = root === -1 ? undefined : log.node(root);
    const over = shared ? oversized(value, tree, text) : undefined;
    if (over)
        return over;
    return tree ? { root: tree, value } : { value };
}
/** The `oversized` error of a document whose value passes MAX_EXPANDED_NODES, or undefined. */
function oversized(value, root, text) {
    let over;
    try {
        over = overExpanded(value, MAX_EXPANDED_NODES);
    }
    catch (err) {
        // Nesting js-yaml composed within its stack can still be deeper than this walk's.
        if (err instanceof RangeError)
            return syntaxError(err, text);
        throw err;
    }
    if (!over)
        return undefined;
    return {
        error: {
            message: over.recursive
                ? 'an alias refers to a node that contains it (a recursive alias): its value has no end; write the node out'
                : `its aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (the limit of what stepwarden reads, aliases written out); write the document without aliases this large`,
            line: lineAtPath(root, over.path),
            kind: 'oversized',
        },
    };
}
/**
 * Where `value`, its shared nodes counted once per path that reaches them (what a walk over it as a
 * tree visits), passes `limit` nodes (the path to the child whose count passed it: an alias, for an
 * alias bomb), or reaches a node inside itself. Each distinct collection is walked once, its count
 * kept, so the cost is the text's, not the expansion's.
 */
function overExpanded(value, limit) {
    const IN_PROGRESS = -1;
    const counted = new Map();
    const path = [];
    class Over {
        recursive;
        constructor(recursive) {
            this.recursive = recursive;
        }
    }
    const count = (v) => {
        if (v === null || typeof v !== 'object')
            return 1;
        const known = counted.get(v);
        if (known === IN_PROGRESS)
            throw new Over(true);
        if (known !== undefined)
            return known;
        counted.set(v, IN_PROGRESS);
        let n = 1;
        const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
        for (const k of keys) {
            path.push(k);
            n += count(v[k]);
            if (n > limit)
                throw new Over(false);
            path.pop();
        }
        counted.set(v, n);
        return n;
    };
    try {
        count(value);
        return undefined;
    }
    catch (err) {
        if (err instanceof Over)
            return { path, recursive: err.recursive };
        throw err;
    }
}
/**
 * The plain value of a located tree, as `yaml.load` composes it with the same schema: merge keys
 * expanded the way js-yaml does, a node shared through an alias shared in the value too.
 */
function toValue(root) {
    if (!root)
        return undefined;
    const memo = new Map();
    const visit = (n) => {
        if (n.kind === 'scalar')
            return n.value;
        const known = memo.get(n);
        if (known !== undefined)
            return known;
        if (n.kind === 'seq') {
            const out = [];
            memo.set(n, out);
            for (const i of n.items)
                out.push(visit(i));
            return out;
        }
        const out = {};
        memo.set(n, out);
        const put = (k, v) => (0,own_key/* setOwn */.P)(out, k, v);
        for (const e of n.entries) {
            if (e.merge) {
                const sources = e.value.kind === 'seq' ? e.value.items : [e.value];
                for (const s of sources) {
                    const src = visit(s);
                    for (const k of Object.keys(src))
                        if (!hasOwn(out, k)) {
                            put(k, src[k]);
                        }
                }
            }
            else {
                put(e.key, visit(e.value));
            }
        }
        return out;
    };
    return visit(root);
}
/**
 * Line of the deepest node that exists along `path` (map keys and sequence indexes). For a map entry
 * the line of its key is returned, so an error about `permissions.content` points at `content:`.
 */
function lineAtPath(root, path) {
    let node = root;
    let line = root?.line ?? 1;
    for (const key of path) {
        if (node?.kind === 'map') {
            // An index loop, not find(): the broker looks up a grant's lines on every exchange, and a
            // closure per key of the path was about 1.6 KB of garbage per exchange.
            const name = typeof key === 'string' ? key : String(key);
            const entries = node.entries;
            let e;
            for (let i = 0; i < entries.length; i++)
                if (entries[i].key === name) {
                    e = entries[i];
                    break;
                }
            if (!e)
                break;
            line = e.keyLine;
            node = e.value;
        }
        else if (node?.kind === 'seq' && typeof key === 'number' && node.items[key]) {
            node = node.items[key];
            line = node.line;
        }
        else
            break;
    }
    return line;
}


/***/ }),

/***/ 90842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ setOwn),
/* harmony export */   l: () => (/* binding */ protoKeyPath)
/* harmony export */ });
/**
 * Sets `key` as an own, enumerable property, even when it is `__proto__`: a plain `out[key] = v`
 * would set the object's prototype instead and lose the key (`__proto__` is a valid job id and
 * input name). As js-yaml stores it.
 */
function setOwn(out, key, value) {
    if (key === '__proto__')
        Object.defineProperty(out, key, { configurable: true, enumerable: true, writable: true, value });
    else
        out[key] = value;
}
/** The key path of the first own `__proto__` key in a parsed value (each object visited once), if any. */
function protoKeyPath(value) {
    const seen = new Set();
    const walk = (v, path) => {
        if (v === null || typeof v !== 'object' || seen.has(v))
            return undefined;
        seen.add(v);
        if (Array.isArray(v)) {
            for (let i = 0; i < v.length; i++) {
                const found = walk(v[i], [...path, i]);
                if (found)
                    return found;
            }
            return undefined;
        }
        for (const k of Object.keys(v)) {
            if (k === '__proto__')
                return [...path, k];
            const found = walk(v[k], [...path, k]);
            if (found)
                return found;
        }
        return undefined;
    };
    return walk(value, []);
}


/***/ })

};
