export const id = 951;
export const ids = [951];
export const modules = {

/***/ 2951:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  auditAction: () => (/* binding */ auditAction),
  liveGrants: () => (/* binding */ liveGrants)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./shared/actions/annotations.ts
var annotations = __webpack_require__(7728);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./shared/audit/anomalies.ts
var anomalies = __webpack_require__(2791);
// EXTERNAL MODULE: ./shared/audit/event.ts
var audit_event = __webpack_require__(4098);
// EXTERNAL MODULE: ./shared/check/rules/missing-enforce.ts
var missing_enforce = __webpack_require__(2958);
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
var audit_report = __webpack_require__(4678);
// EXTERNAL MODULE: ./shared/audit/render-markdown.ts
var render_markdown = __webpack_require__(1660);
// EXTERNAL MODULE: ./shared/audit/run-events.ts
var run_events = __webpack_require__(433);
// EXTERNAL MODULE: ./shared/audit/trail.ts
var audit_trail = __webpack_require__(9134);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(4377);
// EXTERNAL MODULE: ./shared/audit/classify.ts
var classify = __webpack_require__(4850);
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

// EXTERNAL MODULE: ./shared/cli/version.ts
var version = __webpack_require__(2571);
// EXTERNAL MODULE: ./shared/cli/output-file.ts
var output_file = __webpack_require__(8377);
// EXTERNAL MODULE: ./shared/enforce/github-source.ts
var github_source = __webpack_require__(3652);
// EXTERNAL MODULE: ./shared/github/octokit.ts
var octokit = __webpack_require__(4881);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/workflow/parse.ts + 3 modules
var parse = __webpack_require__(4709);
// EXTERNAL MODULE: ./shared/actions/broker-client.ts
var broker_client = __webpack_require__(5461);
// EXTERNAL MODULE: ./shared/actions/event-payload.ts
var event_payload = __webpack_require__(5653);
// EXTERNAL MODULE: ./shared/actions/oidc-token.ts
var oidc_token = __webpack_require__(6325);
// EXTERNAL MODULE: ./shared/actions/summary.ts
var summary = __webpack_require__(1698);
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
        const body = await (0,broker_client/* endJob */.Lt)(brokerUrl, (0,oidc_token/* maskedIdTokens */.R)(oidcAudience), env.GITHUB_JOB ?? '');
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
            annotations/* annotations */.h.error(`stepwarden: the OIDC token the runner handed out is for ${other[0]} '${other[1]}', not this job's '${other[2]}': a step redirected the token request; the broker's answer is not used`);
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
        const gh = (0,octokit.runnerOctokit)(token, env);
        const res = await gh.rest.actions.getReviewsForRun({ owner, repo, run_id: Number(ctx.run_id) });
        return { events: (0,run_events/* approvalEvents */.zq)(ctx, res.data, now) };
    }
    catch (err) {
        const status = httpStatus(err);
        annotations/* annotations */.h.warning(`stepwarden: environment approvals not read${status ? ` (HTTP ${status})` : ''}: ${err.message}. ` +
            "The token needs 'actions: read'; the summary lists no approvals.");
        return { why: `approvals not read${status ? ` (HTTP ${status})` : ''}` };
    }
}
/** The running workflow's steps of this job (for the Jobs API's display names) and its path, when readable. */
async function workflowSteps(env, token, subject) {
    const ref = subject?.job_workflow_ref ?? subject?.workflow_ref ?? env.GITHUB_WORKFLOW_REF ?? '';
    const wref = (0,github_source/* parseWorkflowRef */.QO)(ref);
    const sha = subject?.job_workflow_sha ?? subject?.workflow_sha ?? env.GITHUB_WORKFLOW_SHA ?? wref?.ref;
    if (!wref || !sha || !env.GITHUB_JOB)
        return undefined;
    try {
        const text = await (0,github_source/* readRepoFile */.v6)((0,octokit.runnerOctokit)(token, env), {
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
        const gh = (0,octokit.runnerOctokit)(token, env);
        jobs = (await gh.paginate(gh.rest.actions.listJobsForWorkflowRunAttempt, {
            owner,
            repo,
            run_id: Number(ctx.run_id),
            attempt_number: ctx.run_attempt ?? 1,
            per_page: 100,
        }));
    }
    catch (err) {
        annotations/* annotations */.h.warning(`stepwarden: the job's steps were not read from the Jobs API (${failure(err)}); grants claimed under a step that never ran cannot be told. The token needs 'actions: read'.`);
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
            annotations/* annotations */.h.warning(`stepwarden: the job's trail cannot be written: ${err.message}`);
        }
    };
}
const auditAction = {
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
            annotations/* annotations */.h.setFailed(`fail-on must be never or anomaly, not '${failOn}'`);
            return 2;
        }
        // Session 23: a job end that failed leaves the job's credentials live until their ttl; by default
        // that fails the step (after the summary), whatever fail-on says. `warn`: the warning only.
        const jobEndFailure = core/* getInput */.V4('job-end-failure') || 'fail';
        if (!['fail', 'warn'].includes(jobEndFailure)) {
            annotations/* annotations */.h.setFailed(`job-end-failure must be fail or warn, not '${jobEndFailure}'`);
            return 2;
        }
        let limits;
        let path;
        try {
            limits = thresholds();
            path = (0,audit_trail/* trailPath */.yg)(env);
        }
        catch (err) {
            annotations/* annotations */.h.setFailed(err.message);
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
            annotations/* annotations */.h.error(`stepwarden: ${err.message}`);
        }
        const append = appender(env, trailError);
        // The broker's record (this call also revokes every credential of the job still live).
        const answer = await askBroker(env, brokerUrl, oidcAudience);
        const listing = 'listing' in answer ? answer.listing : undefined;
        if (!listing) {
            const live = liveGrants(trail.events).length;
            if (!brokerUrl)
                annotations/* annotations */.h.warning(`stepwarden: ${live} credential(s) still live at job end and no broker-url to revoke them; they expire at their ttl. Nothing in the summary is checked against the broker.`);
            else {
                const text = `stepwarden: job-end revocation and the broker's record failed (${answer.why}); the job's credentials stay live until the broker expires them at their ttl, and the summary shows the trail's word only`;
                if (jobEndFailure === 'fail')
                    annotations/* annotations */.h.error(text);
                else
                    annotations/* annotations */.h.warning(text);
            }
        }
        else if (listing.revoked)
            core/* info */.pq(`stepwarden: the broker revoked ${listing.revoked} credential(s) still live at job end`);
        const ctx = verifiedContext(env, listing?.subject);
        // Run-level and administrator facts: never from the trail.
        let payload = await (0,event_payload/* readEventPayload */.N)(env);
        const mismatch = listing ? (0,run_events/* payloadMismatch */.NY)(ctx.event_name, payload, listing.subject) : undefined;
        if (mismatch) {
            annotations/* annotations */.h.error(`stepwarden: the event payload at GITHUB_EVENT_PATH does not match the run GitHub signed (${mismatch}): a step rewrote it; its inputs and pushed files are not shown`);
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
            annotations/* annotations */.h.error(`stepwarden: the broker issued grant ${u.grant_id} under step '${u.step}', ${u.why} (${u.state})`);
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
            annotations/* annotations */.h.warning(`stepwarden: ${trail.malformed.length} unreadable trail line(s): ${trail.malformed.slice(0, 10).join(', ')}`);
        if (checked.unverified.length)
            annotations/* annotations */.h.warning(`stepwarden: ${checked.unverified.length} trail line(s) the broker's record does not confirm; the summary shows them as unverified`);
        const markdown = (0,render_markdown/* renderAuditMarkdown */.ti)(report, { version: version/* VERSION */.x });
        if ((0,summary/* writeStepSummary */.o)(markdown, env) === 'none')
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
            annotations/* annotations */.h.setFailed("stepwarden: the job end failed, so this job's credentials were not revoked (they end at their ttl); see the error above. job-end-failure: warn makes this a warning");
            return 3;
        }
        if (failOn === 'anomaly' && t.anomalies > 0) {
            annotations/* annotations */.h.setFailed(`stepwarden: ${t.anomalies} anomaly(ies) in this job; see the job summary`);
            return 1;
        }
        // Without a broker every fact fail-on could fail on is the trail's word: a step that erased its
        // lines would pass. (A broker-url that went unanswered is a broker-unanswered anomaly above.)
        if (failOn === 'anomaly' && !brokerUrl) {
            annotations/* annotations */.h.setFailed("stepwarden: fail-on: anomaly needs broker-url: without the broker's record, no anomaly means only that the job's trail, which every step of the job can write, shows none. Set broker-url (and 'permissions: id-token: write'), or fail-on: never for a summary that is the trail's word");
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


/***/ })

};
