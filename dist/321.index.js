export const id = 321;
export const ids = [321];
export const modules = {

/***/ 6442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LD: () => (/* binding */ decide),
  zV: () => (/* binding */ identityTwin),
  B4: () => (/* binding */ workflowOf)
});

// EXTERNAL MODULE: ./shared/permissions/app-permissions.ts
var app_permissions = __webpack_require__(1923);
// EXTERNAL MODULE: ./shared/oidc/claims.ts
var oidc_claims = __webpack_require__(953);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(3966);
// EXTERNAL MODULE: ./shared/conditions/claims.ts
var conditions_claims = __webpack_require__(4120);
// EXTERNAL MODULE: ./shared/conditions/callers.ts
var callers = __webpack_require__(2721);
// EXTERNAL MODULE: ./shared/conditions/glob.ts
var glob = __webpack_require__(6863);
// EXTERNAL MODULE: ./shared/conditions/ref.ts
var ref = __webpack_require__(9568);
// EXTERNAL MODULE: ./shared/conditions/verdict.ts
var verdict = __webpack_require__(9084);
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
var narrow = __webpack_require__(4746);
// EXTERNAL MODULE: ./shared/conditions/reach.ts
var reach = __webpack_require__(278);
// EXTERNAL MODULE: ./shared/broker/errors.ts
var errors = __webpack_require__(5031);
// EXTERNAL MODULE: ./shared/broker/request.ts
var broker_request = __webpack_require__(643);
// EXTERNAL MODULE: ./shared/broker/providers/jwt-profiles.ts
var jwt_profiles = __webpack_require__(3849);
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
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_CLAIM_WORKFLOW_REF', `job_workflow_ref/workflow_ref '${ref}' does not name a workflow file`);
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
            throw new errors/* BrokerRefusal */.El('invalid_scope', 'ERR_SCOPE_SYNTAX', `scope '${(0,verdict/* shown */.SP)(part)}' is not PERMISSION:LEVEL (e.g. contents:write)`);
        const name = m[1].replace(/_/g, '-');
        if (!Object.hasOwn(app_permissions/* APP_PERMISSIONS */.d, name))
            throw new errors/* BrokerRefusal */.El('invalid_scope', 'ERR_SCOPE_UNKNOWN', `'${m[1]}' is not a GitHub App permission`);
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
    if (!(0,schema/* isBound */.Vt)(m)) {
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_MANIFEST_UNBOUND', `${file} has no repository.id and repository.owner-id; add them (GITHUB_REPOSITORY_ID, GITHUB_REPOSITORY_OWNER_ID) so grants bind to the repository, not its name`);
    }
    const bound = m.repository;
    if (String(bound.id) !== claims.repository_id) {
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_REPOSITORY_ID_MISMATCH', `claim repository_id ${(0,verdict/* shown */.SP)(String(claims.repository_id))} is not ${file}'s repository.id ${bound.id} (a renamed or re-created repository does not inherit grants)`);
    }
    if (String(bound['owner-id']) !== claims.repository_owner_id) {
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_OWNER_ID_MISMATCH', `claim repository_owner_id ${(0,verdict/* shown */.SP)(String(claims.repository_owner_id))} is not ${file}'s repository.owner-id ${bound['owner-id']}`);
    }
    const resolved = (0,callers/* resolveWorkflow */.KV)(claims, m, input.callerJob, {
        job: request.job,
        step: request.step,
    });
    if (!resolved.ok)
        throw new errors/* BrokerRefusal */.El('invalid_grant', resolved.code, `${resolved.message}${resolved.path ? ` (${at(resolved.path)})` : ''}`);
    const wfFile = resolved.file;
    const has = (o, k) => (Object.hasOwn(o, k) ? o[k] : undefined);
    const entry = has(m.workflows, wfFile);
    if (!entry)
        throw new errors/* BrokerRefusal */.El('invalid_target', 'ERR_NO_GRANT', `${file} lists no workflow '${wfFile}'`);
    const event = (0,conditions_claims/* claimString */.e)(claims, 'event_name');
    if (!event)
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_CLAIM_MISSING', "the token has no 'event_name' claim, which the trigger check needs");
    // The verifier refuses it first; decide is pure and also judges claims that did not pass it (explain).
    const eventProblem = (0,oidc_claims/* eventNameProblem */.pZ)(event);
    if (eventProblem)
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_OIDC_CLAIM_INVALID', eventProblem);
    // The run's event is the caller's: a reusable workflow is judged by its caller's triggers.
    const triggerEntry = resolved.kind === 'reusable' ? has(m.workflows, resolved.caller.file) : entry;
    const triggerFile = resolved.kind === 'reusable' ? resolved.caller.file : wfFile;
    // A refused trigger is thrown once the grant's conditions are in the trace (explain and dry_run
    // list every condition), and before any other refusal: the outcome is the same as throwing now.
    let eventRefusal;
    if (!(0,effective_policy/* triggerAllowed */.Fq)(triggerEntry, event))
        eventRefusal = new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_TRIGGER_NOT_ALLOWED', `event '${event}' is not allowed for ${triggerFile} (${at(['workflows', triggerFile, 'triggers'])})`);
    const policies = [...(input.org ? [input.org] : []), ...(input.orgs ?? [])];
    for (const o of policies)
        if (!eventRefusal && o.value['forbidden-triggers'].includes(event))
            eventRefusal = new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_ORG_CEILING', `event '${event}' is forbidden by the organization policy (${o.file}:${o.lineOf(['forbidden-triggers'])})`);
    const job = has(entry.jobs, request.job);
    if (eventRefusal && !job)
        throw eventRefusal;
    if (!job)
        throw new errors/* BrokerRefusal */.El('invalid_target', 'ERR_NO_GRANT', `${file} lists no job '${request.job}' in ${wfFile}`);
    const wantsGithub = request.audience === 'github';
    const index = job.credentials.findIndex((g) => g.step === request.step && (wantsGithub ? (0,schema/* isGithubGrant */.Ed)(g) : g.audience === request.audience));
    if (eventRefusal && index < 0)
        throw eventRefusal;
    if (index < 0) {
        throw new errors/* BrokerRefusal */.El('invalid_target', 'ERR_NO_GRANT', `${file} grants step '${(0,verdict/* shown */.SP)(request.step)}' of job '${request.job}' in ${wfFile} no credential for audience '${(0,verdict/* shown */.SP)(request.audience)}'`);
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
        throw new errors/* BrokerRefusal */.El('invalid_grant', conditions.refusal.code, conditions.refusal.message);
    let grant = job.credentials[index];
    for (const o of policies) {
        const org = o.value;
        if (org['repository-manifests'] !== 'narrow-only')
            continue;
        const orgGrant = (0,narrow/* findOrgGrant */.C)(org, claims.repository, wfFile, request.job, request.step, grant.audience);
        if (!orgGrant)
            throw new errors/* BrokerRefusal */.El('invalid_target', 'ERR_NO_ORG_GRANT', `the organization policy (${o.file}) is narrow-only and grants no credential for ${(0,verdict/* shown */.SP)(claims.repository)} ${wfFile} job '${request.job}' step '${(0,verdict/* shown */.SP)(request.step)}' (audience ${(0,verdict/* shown */.SP)(request.audience)}); the repository manifest (${file}:${line}) can only narrow an organization grant`);
        const orgConditions = evaluateConditions({
            claims,
            file: o.file,
            lineOf: o.lineOf,
            defaultBranch,
            grant: { path: orgGrant.path, ...(orgGrant.grant.when ? { when: orgGrant.grant.when } : {}) },
        }, !trace);
        trace?.push(...orgConditions.verdicts);
        if (orgConditions.refusal)
            throw new errors/* BrokerRefusal */.El('invalid_grant', orgConditions.refusal.code, orgConditions.refusal.message);
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
                throw new errors/* BrokerRefusal */.El('invalid_scope', 'ERR_SCOPE_NOT_GRANTED', `${p}:${level} is above the grant for step '${request.step}' (${p}: ${granted[p] ?? 'none'}, ${file}:${line})`);
            }
        }
        if (Object.keys(requested).length === 0 || grant.repositories.length === 0)
            throw new errors/* BrokerRefusal */.El('invalid_scope', 'ERR_SCOPE_NOT_GRANTED', `the grant for step '${request.step}' covers nothing after narrowing (${file}:${line})`);
        for (const o of policies) {
            const cap = o.value['max-credential-permissions'];
            if (!cap)
                continue;
            for (const [p, level] of Object.entries(requested)) {
                if (appRank(level) > appRank(cap[p]))
                    throw new errors/* BrokerRefusal */.El('invalid_scope', 'ERR_ORG_CEILING', `${p}:${level} is above the organization ceiling (${p}: ${cap[p] ?? 'none'}, ${o.file}:${o.lineOf(['max-credential-permissions'])})`);
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
            throw new errors/* BrokerRefusal */.El('invalid_target', refused.code, `${refused.message} (${file}:${line})`);
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
        throw new errors/* BrokerRefusal */.El('invalid_scope', 'ERR_SCOPE_TOKEN', `the grant for step '${request.step}' (${file}:${line}) has the scope value ${JSON.stringify(String(bad)).slice(0, 80)}, which is not one RFC 6749 scope-token (printable ASCII without space, '"' or '\\'): it would be read as other scopes by the resource server; nothing was issued. Fix: split it into one list item per scope`);
    // Each scope once: `a a` is `a` (as a chained exchange reads it).
    const asked = (0,broker_request/* scopeItems */.V0)(request.scope);
    const requested = asked.length ? asked : allowed;
    const extra = requested.filter((s) => !allowed.includes(s));
    if (extra.length)
        throw new errors/* BrokerRefusal */.El('invalid_scope', 'ERR_SCOPE_NOT_GRANTED', `scope ${extra.map(verdict/* shown */.SP).join(' ')} is not granted to step '${request.step}' (${file}:${line} grants: ${allowed.join(' ') || '(none)'})`);
    const twin = identityTwin(m, grant.audience, wfFile, request.job, request.step);
    if (twin)
        throw new errors/* BrokerRefusal */.El('invalid_target', 'ERR_GRANT_IDENTITY_COLLISION', `step '${request.step}' of job '${request.job}' in ${wfFile} (${file}:${line}) would carry the same ${twin.as} as step '${twin.step}' of job '${twin.job}' in ${twin.workflow} (${at(twin.path)}) for audience ${grant.audience}: a relying party that authorizes on it could not tell the two steps apart; nothing was issued. Fix: rename the step (or job, or workflow file) to letters, digits, '.', '_' and '-'`);
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
/* harmony export */   B: () => (/* binding */ ownRefusal),
/* harmony export */   E4: () => (/* binding */ FileTooLargeRefusal),
/* harmony export */   El: () => (/* binding */ BrokerRefusal)
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
 * `err` as an object of its own when it is a refusal: a cache (a broken manifest or organization
 * policy, remembered as its refusal) or a read shared by concurrent exchanges hands one refusal to
 * many exchanges, and `audited` belongs to one exchange. Shared, the first exchange's line marked it
 * and every later exchange refused by it wrote none (session 43). The copy keeps the class, message,
 * stack and fields, with `audited` false; anything else is returned as it is.
 */
function ownRefusal(err) {
    if (!(err instanceof BrokerRefusal))
        return err;
    const own = Object.create(Object.getPrototypeOf(err), Object.getOwnPropertyDescriptors(err));
    own.audited = false;
    return own;
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

/***/ 3849:
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
/**
 * AWS tag values: at most 256 characters of letters, digits, spaces and `_ . : / = + - @`. From a
 * string, as render/escape.ts's INVISIBLE says why: every check loads this module (decide.ts).
 */
const AWS_TAG_VALUE = new RegExp(String.raw `[^\p{L}\p{N} _.:/=+\-@]`, 'gu');
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
/* harmony import */ var _conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9084);
/* harmony import */ var _conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6863);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5031);
/* harmony import */ var _workflow_job_id_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3387);
/* harmony import */ var _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6377);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_MISSING', `parameter '${name}' is required`);
    if (v.length > max || _request_bounds_js__WEBPACK_IMPORTED_MODULE_4__/* .CONTROL */ .W3.test(v))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_INVALID', `parameter '${name}' is longer than ${max} characters or holds control characters`);
    return v;
}
/**
 * `job`: a workflow job id (GitHub's grammar), at the exchange and at the job end alike: it goes into
 * audit lines beside the attribution and into the job end's answer, so nothing else may ride on it.
 */
function jobOf(p, required) {
    const job = field(p, 'job', 100, required);
    if (job && !_workflow_job_id_js__WEBPACK_IMPORTED_MODULE_3__/* .JOB_ID */ .mu.test(job))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_INVALID', `parameter 'job' "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(job)}" is not a workflow job id (ASCII letters, digits, _ and -, starting with a letter or a single _, under 100 characters)`);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_INVALID', `ttl "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(raw.slice(0, 16))}" is not a positive whole number of seconds (decimal digits)`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_DUPLICATE', `parameters '${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(k.slice(0, 64))}' and '${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(before.slice(0, 64))}' differ only in case (one parameter given twice)`);
        seen.set(folded, k);
        const known = KNOWN.has(folded) ? folded : undefined;
        if (known !== undefined && known !== k)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_INVALID', `parameter names are case-sensitive: '${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(k.slice(0, 64))}' is not '${known}'`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_UNSUPPORTED', `parameter '${name}' is not supported by this broker (no delegation, no resource indicators); name the service with audience`);
    const requested = p.get('requested_token_type');
    if (requested === null)
        return;
    const issues = p.get('audience') === 'github' ? ACCESS_TOKEN : JWT;
    if (requested !== issues)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_INVALID', `requested_token_type "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(requested.slice(0, 80))}" is not what this exchange issues (${issues})`);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_PARAM_INVALID', "parameters go in the request body (application/x-www-form-urlencoded, RFC 8693 \u00a72.1), not in the URL's query: the broker reads none of the query, which a proxy or log would");
    for (const name of SINGLE_HEADERS) {
        const values = headers[name];
        if (values !== undefined && values.length > 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_HEADER_DUPLICATE', `header '${name}' is given ${values.length} times (RFC 9110 \u00a75.3: once); a proxy keeping another of them than the broker would read the request differently`);
    }
    const coding = headers['content-encoding']?.[0];
    if (coding !== undefined && (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(coding.trim()) !== 'identity')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_CONTENT_TYPE', `content-encoding "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(coding.slice(0, 40))}" is not supported: send the body uncompressed`, 415);
    // Node de-chunks and leaves any other transfer coding in the bytes (`gzip, chunked` read as a form).
    const transfer = headers['transfer-encoding'];
    // RFC 9112 \u00a76.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing (1.0 has no chunked
    // coding; a 1.0 proxy or cache in front reads the body to the connection's end, chunk sizes and
    // all). Node de-chunks it anyway: the broker and the hop before it read two different bodies.
    if (transfer !== undefined && httpVersion !== '1.1')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_BODY', `an HTTP/${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(httpVersion.slice(0, 8))} request cannot carry Transfer-Encoding (RFC 9112 \u00a76.1); send HTTP/1.1, or a Content-Length`);
    if (transfer !== undefined && (transfer.length !== 1 || (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_1__/* .asciiLower */ .F)(transfer[0].trim()) !== 'chunked'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BrokerRefusal */ .El('invalid_request', 'ERR_CONTENT_TYPE', `transfer-encoding "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(transfer.join(', ').slice(0, 40))}" is not supported: only chunked is read; send the body uncompressed`, 415);
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

/***/ 1321:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ readOrgPolicyFile),
/* harmony export */   MS: () => (/* binding */ absentOnly),
/* harmony export */   W3: () => (/* binding */ checkDirectory),
/* harmony export */   Xm: () => (/* binding */ readWorkflowsSafely),
/* harmony export */   ft: () => (/* binding */ directoryActionReader)
/* harmony export */ });
/* unused harmony export MAX_FILE_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _workflow_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2884);
/* harmony import */ var _workflow_parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4709);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7521);
/* harmony import */ var _workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3246);
/* harmony import */ var _manifest_load_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6454);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6831);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7071);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5470);
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
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(repoDir, part)).catch(absentOnly(part));
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
    catch (err) {
        // `.github/workflows` that is a file holds no workflow, as on GitHub.
        return absentOnly(_workflow_load_js__WEBPACK_IMPORTED_MODULE_3__/* .WORKFLOWS_DIR */ .xs)(err) ?? [];
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
/**
 * A path that is not there (ENOENT; ENOTDIR: a file where a directory would be) reads as absent;
 * any other error (EACCES, EIO, ELOOP) is thrown, naming the path. Session 43: an unreadable
 * `.github` or `.github/workflows` read as "no workflows" made the diff report every job of the head
 * removed ("narrowed", exit 0 under --fail-on widened) and the check pass a repository it never read.
 */
const absentOnly = (path) => (err) => {
    const code = err.code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
        return undefined;
    throw new Error(`cannot read ${path}: ${err.message}`, { cause: err });
};
/** Whether `path` is there; a path that cannot be looked at is thrown (`absentOnly`), not "absent". */
async function exists(path) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path).then(() => true, (err) => absentOnly(path)(err) ?? false);
}


/***/ }),

/***/ 4126:
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
        // A loop, not a flatMap of callbacks: asked of every job, and most hold no secret (the corpus:
        // 2,204 of 2,838), so those cost no manifest look-up or list (session 39).
        const out = [];
        const jobs = ctx.jobs;
        for (let j = 0, nj = jobs.length; j < nj; j++) {
            const access = jobs[j];
            if (access.secrets.length === 0)
                continue;
            const declared = (0,check_rule/* manifestJob */.Vj)(ctx, access.workflow, access.job)?.secrets ?? [];
            // Declaring `*` grants the whole secrets context, so every name is covered by it.
            if (declared.includes('*'))
                continue;
            for (const s of (0,check_rule/* uniqueCaseless */.v2)(access.secrets)) {
                if ((0,check_rule/* includesCaseless */.zR)(declared, s.value))
                    continue;
                out.push((0,check_rule/* finding */.gk)(this.meta, {
                    workflow: access.workflow,
                    job: access.job,
                    subject: s.value,
                    file: access.path,
                    line: s.line,
                    message: s.value === '*'
                        ? `job '${access.job}'${(0,check_rule/* viaText */.yo)(access)} reads the whole secrets context (toJSON(secrets) or a computed index), exposing every secret; declare '*' only if that is intended`
                        : `job '${access.job}'${(0,check_rule/* viaText */.yo)(access)} references secret '${s.value}', which its manifest entry does not declare`,
                }));
            }
        }
        return out;
    },
};

// EXTERNAL MODULE: ./shared/workflow/access.ts
var access = __webpack_require__(6518);
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

const NONE = [];
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
            // Most jobs name no environment (the corpus: all but 15 of 2,838): no manifest look-up for them.
            if (a.environments.length === 0)
                return NONE;
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
var unused_grant = __webpack_require__(3248);
// EXTERNAL MODULE: ./shared/workflow/uses.ts
var uses = __webpack_require__(8632);
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
A job is either one that runs steps or a call to a reusable workflow (\`uses\`), and a step either runs a command
(\`run\`) or an action (\`uses\`): a job or step mixing the two kinds (a call job with \`environment:\`, \`runs-on\` or
\`continue-on-error\`; a step with \`run:\` and \`uses:\`, or \`with:\` beside \`run:\`) is refused by GitHub's reader
("Unexpected value"), at the key it names. So is one without the key of its kind, at the job or step: a job with
\`steps:\` and no \`runs-on:\` ("Required property is missing: runs-on"), a job with \`with:\` or \`secrets:\` and no
\`uses:\`, a step with \`shell:\` and no \`run:\`, and a job or step whose keys fit both kinds (only \`name\`, \`needs\`,
\`if\`, \`permissions\`\u2026, or none: "There's not enough info to determine what you meant"). So is a job, a step or
\`steps:\` of the wrong kind (\`j: x\`, a bare \`-\` step: "Unexpected value ''", "A sequence was not expected"), an empty
\`uses:\`, \`runs-on:\` or \`needs:\` ("Unexpected value ''"), and a \`needs:\` graph GitHub cannot order: \`jobs: {}\` or
every job waiting for another ("The workflow must contain at least one job with no dependencies."), a name of no job
("depends on unknown job"), a cycle ("creates a cycle in the dependency graph"). A name equal to a job's only up to case
is taken as that job. So is a value of the wrong kind under a key stepwarden reads, at the value (session 41): a list or
a string where GitHub wants a mapping (\`env: [A]\`, \`with: x\`, \`strategy: x\`, a matrix \`include:\` item), a list
or a mapping where it wants a string (\`run: {a: b}\`, \`name: [x]\`, an item of \`runs-on:\` or \`needs:\`), a string
where it wants a number or a boolean (\`timeout-minutes: '5'\`, \`continue-on-error: yes\`): "A sequence was not
expected", "A mapping was not expected", "Unexpected value 'x'"; and a key GitHub does not take under \`defaults:\` or
\`concurrency:\`. A lone expression (\`env: \${{ fromJSON(x) }}\`) and an empty value are taken there, as GitHub's
service takes them, except where GitHub's schema names no context (session 42): a call's \`with:\`, a job's
\`outputs:\` or \`defaults:\`, the workflow's \`defaults:\` and \`name:\` ("Unrecognized named-value"). So is
\`on.workflow_call\` of the wrong kind (\`inputs: [a]\`, an input's \`type:\` other than \`string\`, \`number\`,
\`boolean\`, or none, an unknown key), and a container or a service without \`image:\` ("Container image cannot be
empty") or \`concurrency:\` without \`group:\`. The bodies of the other events are taken whatever their kind
(\`workflow_dispatch: []\`): GitHub's service reads them loosely.

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
        // Indexed loops: a rule runs once a check, in V8's baseline tiers until it is hot (the one-pass
        // commands' budget, shared/cli/main.ts), where a for-of is an iterator call per element.
        const workflows = ctx.workflows;
        // The context's map is built at the first read: only at a local call here, which most repositories lack.
        const named = (file) => ctx.byFile.get(file);
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

// EXTERNAL MODULE: ./shared/check/rules/missing-enforce.ts
var missing_enforce = __webpack_require__(2958);
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
var glob = __webpack_require__(6863);
// EXTERNAL MODULE: ./shared/conditions/ref.ts
var ref = __webpack_require__(9568);
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
        const models = ctx.byFile;
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
        if ((0,schema/* isBound */.Vt)(m.manifest))
            return [];
        const repo = m.manifest.repository;
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
// EXTERNAL MODULE: ./shared/broker/decide.ts + 1 modules
var decide = __webpack_require__(6442);
// EXTERNAL MODULE: ./shared/broker/errors.ts
var broker_errors = __webpack_require__(5031);
// EXTERNAL MODULE: ./shared/workflow/own-action.ts
var own_action = __webpack_require__(8817);
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
                                if (!(err instanceof broker_errors/* BrokerRefusal */.El))
                                    throw err;
                                return err;
                            }
                        };
                        for (const event of events.length ? events : ['']) {
                            const verified = attempt({ job: top.job }, event);
                            if (verified instanceof broker_errors/* BrokerRefusal */.El)
                                continue;
                            const unverified = attempt(UNVERIFIED, event);
                            if (!(unverified instanceof broker_errors/* BrokerRefusal */.El) || unverified.code !== 'ERR_CALLER_NOT_ALLOWED')
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
var own = __webpack_require__(7894);
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
        const models = ctx.byFile;
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
var job_names = __webpack_require__(1348);
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
action ignoring case: the rule held on workflow step ids), a \`with:\` key the runner may read as another input, or a
value of the wrong kind (session 42: a step's \`uses: {..}\`, \`with: [..]\`, \`env: [..]\`, a step that is no
mapping, \`inputs: [..]\`; the runner refuses the whole file, so none of its steps runs). Its
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

/***/ 4939:
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
/* harmony import */ var _broker_decide_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6442);
/* harmony import */ var _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5031);
/* harmony import */ var _broker_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(643);
/* harmony import */ var _workflow_access_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6518);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8817);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7521);
/* harmony import */ var _workflow_uses_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8632);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5347);
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
    // A callee of this repository pinned to a commit by its caller's `uses:` (session 37).
    'ERR_WORKFLOW_REF_MISMATCH',
]);
/**
 * The commit a workflow of this repository runs at on a chain of calls (`callers`, the outermost job
 * first, the direct caller last), when a caller pins it there: a full reference
 * `OWNER/REPO/.github/workflows/x.yml@SHA` (which access.ts resolves to the local file) runs `x.yml` at
 * that commit, and a `./` or `$/` call runs its callee "from the same commit as the caller workflow",
 * so the commit holds down every local call below it (session 38; session 37 read the direct caller
 * only). The token's `job_workflow_ref` then names the callee at that commit, which no run's `ref` is,
 * so the broker refuses its every exchange (ERR_WORKFLOW_REF_MISMATCH). A branch or tag name is not
 * read: a run at that very ref is granted.
 */
function calledAtCommit(byFile, callers) {
    for (let i = callers.length - 1; i >= 0; i--) {
        const c = callers[i];
        const uses = byFile
            .get(c.workflow)
            ?.jobs.find((j) => j.id === c.job)
            ?.uses?.uses.trim();
        if (!uses)
            return undefined;
        if ((0,_workflow_uses_js__WEBPACK_IMPORTED_MODULE_6__/* .localUses */ .ms)(uses) !== undefined)
            continue;
        return /@([0-9a-f]{40}|[0-9a-f]{64})$/i.exec(uses)?.[1];
    }
    return undefined;
}
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
function claimsFor(bound, workflow, caller, event, calledAt) {
    const ref = (file, at = `refs/heads/${DEFAULT_BRANCH}`) => `${bound.repository}/.github/workflows/${file}@${at}`;
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
        // The callee at the commit its caller pins it to, as the token names it (session 37).
        job_workflow_ref: ref(workflow, calledAt),
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
function brokerVerdict(bound, byFile, wf, accesses, request) {
    // A reusable workflow's run is the outermost caller's (`workflow_ref`, whose job the broker
    // verifies through check_run_id): the chain's first job, not the one that calls this file.
    const runs = accesses.length > 0
        ? accesses.map((a) => {
            const top = a.callers?.[0] ?? a.via;
            return {
                caller: top?.workflow,
                callerJob: top?.job,
                events: a.triggers.map((t) => t.value),
                calledAt: a.callers && calledAtCommit(byFile, a.callers),
            };
        })
        : [
            {
                caller: undefined,
                callerJob: undefined,
                events: wf.triggers.map((t) => t.value),
                calledAt: undefined,
            },
        ];
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
                    claims: claimsFor(bound, wf.file, run.caller, event, run.calledAt),
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
                if (!(err instanceof _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BrokerRefusal */ .El))
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
        if (err instanceof _broker_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BrokerRefusal */ .El)
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
            const leg = requestProblems(bound, ctx.byFile, wf, job, accesses, a, sc, st);
            if (leg)
                problems.push(`on the matrix leg where \`${expr}\` is '${v.value}' (line ${v.line}): ${leg}`);
        }
        return { problems };
    }
    const leg = requestProblems(bound, ctx.byFile, wf, job, accesses, audience, scope, stepName);
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
    const byFile = ctx.byFile;
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
            const why = requestProblems(bound, ctx.byFile, wf, job, [a], audience, scope, stepName);
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
function requestProblems(bound, byFile, wf, job, accesses, audience, scope, stepName) {
    if ((0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__/* .unnamedStep */ .rr)(stepName))
        return `the action refuses the step name '${stepName}' before asking the broker: ${_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_4__/* .UNNAMED_STEP */ .Y2}`;
    if (!audience)
        return "the action requires the `audience` input (`github`, or the service's audience as the grant names it) and stops without it; add it to the step's `with:`";
    return brokerVerdict(bound, byFile, wf, accesses, { audience, scope, job: job.id, step: stepName });
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
A caller naming a workflow of this repository by its full reference pinned to a commit
(\`OWNER/REPO/.github/workflows/x.yml@SHA\`) runs it at that commit, which no run's ref is: the broker refuses such a
callee's every exchange (\`ERR_WORKFLOW_REF_MISMATCH\`: grants go only to workflow code at the run's own ref), and so
does this rule; call it with \`./.github/workflows/x.yml\` (the caller's own ref). The commit holds below it too: a
\`./\` or \`$/\` call inside such a callee runs its workflow "from the same commit as the caller workflow", so that
workflow's steps are judged at the commit as well. A branch or tag name there is left to the broker (a run at that
ref is granted).

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
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_7__/* .finding */ .gk)(this.meta, {
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
                    const found = (0,_rule_js__WEBPACK_IMPORTED_MODULE_7__/* .finding */ .gk)(this.meta, {
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

/***/ 5104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ disallowedTrigger)
/* harmony export */ });
/* harmony import */ var _manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3966);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5347);
/* harmony import */ var _manifest_own_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7894);



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

/***/ 7351:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ isPinned),
/* harmony export */   k: () => (/* binding */ unpinnedAction)
/* harmony export */ });
/* harmony import */ var _workflow_access_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6518);
/* harmony import */ var _workflow_uses_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8632);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5347);



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
    if ((0,_workflow_uses_js__WEBPACK_IMPORTED_MODULE_1__/* .localUses */ .ms)(uses) !== undefined)
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
organization does not require pinning. A reference to this repository itself (the manifest's \`repository.name\`) needs
no pin: call its workflow as \`./.github/workflows/x.yml\` (from the caller's own commit; a workflow of this repository
pinned to a commit has its credential steps refused by the broker, \`ERR_WORKFLOW_REF_MISMATCH\`), and its action as
\`$/path\` (this repository at the running commit; \`./path\` runs whatever the workspace holds).`,
    },
    check(ctx) {
        if (!ctx.policy.requirePinnedActions)
            return [];
        const self = ctx.manifest.manifest.repository?.name;
        // The message before `viaAction` depends only on the reference, its kind and whether a job or a
        // step holds it, and references repeat (the corpus: 7,062 unpinned, 542 texts): each text is
        // worded once a check, not `selfAdvice`'s parse of the reference once a finding (session 39).
        const worded = [new Map(), new Map(), new Map()];
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
                    const uses = a.uses;
                    if (isPinned(uses))
                        continue;
                    const docker = a.kind === 'docker';
                    const texts = worded[docker ? 0 : a.on === 'job' ? 1 : 2];
                    let text = texts.get(uses);
                    if (text === undefined) {
                        text = docker
                            ? `'${uses}' is not pinned to an image digest (@sha256:...)`
                            : `'${uses}' is not pinned to a full commit SHA${selfAdvice(a, self)}`;
                        texts.set(uses, text);
                    }
                    out.push((0,_rule_js__WEBPACK_IMPORTED_MODULE_2__/* .finding */ .gk)(this.meta, {
                        workflow: wf.file,
                        job: job.id,
                        subject: uses,
                        file: wf.path,
                        line: a.line,
                        message: text + (0,_rule_js__WEBPACK_IMPORTED_MODULE_2__/* .viaAction */ .Zi)(a),
                    }));
                }
            }
        }
        return out;
    },
};
/**
 * The advice for a reference to this repository itself (session 38). A workflow of it is called as
 * `./.github/workflows/x.yml`, which runs from the caller's own commit: nothing to pin, and pinned to a
 * commit the callee's token names that commit, which no run's ref is, so the broker refuses its
 * credential steps (ERR_WORKFLOW_REF_MISMATCH). An action of it is `$/path`, this repository at the
 * running commit; not `./path`, which runs whatever the workspace holds (a checked-out pull request).
 */
function selfAdvice(a, self) {
    if (!self)
        return '';
    if (a.on === 'job') {
        const file = (0,_workflow_access_js__WEBPACK_IMPORTED_MODULE_0__/* .localWorkflowFile */ .nk)(a.uses, self);
        return file === undefined
            ? ''
            : `; it is a workflow of this repository: call it as './.github/workflows/${file}', which runs from the caller's own commit and needs no pin (pinned to a commit, the broker refuses its credential steps: ERR_WORKFLOW_REF_MISMATCH)`;
    }
    const canonical = (0,_workflow_uses_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalUses */ .ds)(a.uses);
    const at = canonical.indexOf('@');
    const [owner, repo, ...path] = canonical.slice(0, at < 0 ? undefined : at).split('/');
    if (!path.length || `${owner}/${repo}`.toLowerCase() !== self.toLowerCase())
        return '';
    return `; it is an action of this repository: '$/${path.join('/')}' runs it at the running commit and needs no pin (not './${path.join('/')}', which runs whatever the workspace holds)`;
}


/***/ }),

/***/ 3248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ unusedGrant)
/* harmony export */ });
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5347);
/* harmony import */ var _credential_step_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4939);



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
        const workflows = ctx.byFile;
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

/***/ 5470:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k_: () => (/* binding */ runCheck)
});

// UNUSED EXPORTS: jobReport, uniqueValues

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

// EXTERNAL MODULE: ./shared/check/registry.ts + 21 modules
var registry = __webpack_require__(4126);
;// CONCATENATED MODULE: ./shared/check/run.ts
/**
 * The check, pure: workflows + manifest (+ org policy) -> jobs and findings. Loading is the caller's.
 */





/**
 * The distinct values of `xs`, in order of first appearance. The values are mapped into an array of
 * exactly their number and the distinct ones moved to its front, which is then cut to them: four such
 * lists a job live until the report is written, and one grown by `push` from empty reserves 17 slots at
 * its first element (session 37: 1.5 MB of the corpus check's allocation, most of it kept through
 * scavenges). A set only for long lists; a short one is searched (`===`, as a Set compares strings).
 */
function uniqueValues(xs, value) {
    const out = xs.map(value);
    const n = out.length;
    const seen = n > 16 ? new Set() : undefined;
    let k = 0;
    for (let i = 0; i < n; i++) {
        const v = out[i];
        if (seen) {
            if (seen.has(v))
                continue;
            seen.add(v);
        }
        else {
            let j = 0;
            while (j < k && out[j] !== v)
                j++;
            if (j < k)
                continue;
        }
        out[k++] = v;
    }
    if (k < n)
        out.length = k;
    return out;
}
const locatedValue = (x) => x.value;
const INHERIT = 'inherit';
const usesOf = (x) => x.uses;
/** The JSON contract's view of one job: scopes above none, names deduplicated in order of appearance. */
function jobReport(a) {
    const permissions = (0,scopes/* compact */.oE)(a.permissions);
    const secrets = uniqueValues(a.secrets, locatedValue);
    // `secrets: inherit` hands the callee every secret: the manifest's word for it, as `init` writes it
    // and the diff lists it. Without it the report showed no secret for such a job (session 40).
    if (a.secretsInherit && !secrets.includes(INHERIT))
        secrets.push(INHERIT);
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
    let byFile;
    const ctx = {
        workflows: input.workflows,
        jobs,
        ...(resolved ? { overreach: resolved.overreach } : {}),
        manifest: input.manifest,
        policy,
        ...(input.org ? { org: input.org } : {}),
        get byFile() {
            return (byFile ??= new Map(input.workflows.map((w) => [w.file, w])));
        },
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
/* harmony import */ var _claims_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4120);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6863);


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
/* harmony export */   Df: () => (/* binding */ ORG_POLICY_REPO),
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

/***/ 9568:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tb: () => (/* binding */ refProblem),
/* harmony export */   _g: () => (/* binding */ OUTSIDE_EVENTS),
/* harmony export */   pG: () => (/* binding */ DEFAULT_BRANCH_EVENTS)
/* harmony export */ });
/* unused harmony export malformedRef */
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6863);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9084);


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

/***/ 3966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ci: () => (/* binding */ effectivePolicy),
/* harmony export */   Fq: () => (/* binding */ triggerAllowed),
/* harmony export */   bV: () => (/* binding */ actionAllowed),
/* harmony export */   yY: () => (/* binding */ EXPLICIT_ONLY_TRIGGERS)
/* harmony export */ });
/* unused harmony exports actionName, dockerImageName */
/* harmony import */ var _conditions_glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6863);
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8276);
/* harmony import */ var _workflow_uses_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8632);
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

/***/ 6831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   pA: () => (/* binding */ nearest)
/* harmony export */ });
/* unused harmony export formatProblems */
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4732);
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

/***/ 6454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  eY: () => (/* binding */ loadManifest),
  Vf: () => (/* binding */ loadOrgPolicy),
  yv: () => (/* binding */ loadYaml),
  WI: () => (/* binding */ readManifest)
});

// EXTERNAL MODULE: ./shared/yaml/own-key.ts
var own_key = __webpack_require__(842);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(8276);
// EXTERNAL MODULE: ./shared/permissions/app-permissions.ts
var app_permissions = __webpack_require__(1923);
// EXTERNAL MODULE: ./shared/yaml/located.ts + 2 modules
var located = __webpack_require__(4325);
// EXTERNAL MODULE: ./shared/manifest/errors.ts
var errors = __webpack_require__(6831);
// EXTERNAL MODULE: ./shared/workflow/job-id.ts
var job_id = __webpack_require__(3387);
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
/** `manifestSchema.safeParse(data, PARSE_OPTIONS)`: the same success, data and issues. */
function parseManifestData(data) {
    if (!isPlain(data) || !Object.hasOwn(data, 'workflows') || !isPlain(data.workflows))
        return manifest_schema/* manifestSchema */.rc.safeParse(data, manifest_schema/* PARSE_OPTIONS */.jp);
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
        return manifest_schema/* manifestSchema */.rc.safeParse(data, manifest_schema/* PARSE_OPTIONS */.jp);
    const result = manifest_schema/* manifestSchema */.rc.safeParse({ ...data, workflows: reduced }, manifest_schema/* PARSE_OPTIONS */.jp);
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
    const r = schema.safeParse(node, manifest_schema/* PARSE_OPTIONS */.jp);
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
        const r = manifest_schema/* permissionMapSchema */.h1.safeParse(value, manifest_schema/* PARSE_OPTIONS */.jp);
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
    const result = schema.safeParse(data ?? {}, manifest_schema/* PARSE_OPTIONS */.jp);
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

/***/ 1348:
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
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7438);

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


/***/ })

};
