export const id = 678;
export const ids = [678];
export const modules = {

/***/ 2791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DZ: () => (/* binding */ anomalyThresholdsSchema),
/* harmony export */   Hj: () => (/* binding */ THRESHOLD_KEYS),
/* harmony export */   JJ: () => (/* binding */ DEFAULT_THRESHOLDS),
/* harmony export */   Kp: () => (/* binding */ ANOMALY_KINDS),
/* harmony export */   OM: () => (/* binding */ AnomalyDetector),
/* harmony export */   S: () => (/* binding */ parseThresholds)
/* harmony export */ });
/* unused harmony exports jobKeyOf, MAX_ANOMALIES */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4098);
/**
 * Machine-paced signals: software asks for credentials at software speed, so the anomalies worth a
 * look are rates, bursts, retries, refusals, second claims and credentials that outlive their step.
 * Pure and streaming: `add` one event at a time in O(1), memory bounded by the jobs active within the
 * last two minutes of event time (finished windows are closed and dropped as the stream moves on).
 */


const JOB_PLACE = ['repository', 'workflow', 'job', 'run_id', 'run_attempt'];
/** Thresholds; the one source for the CLI flags, the audit action's inputs and docs/audit.md. */
const anomalyThresholdsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    'per-minute-step': zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int()
        .min(1)
        .default(10)
        .describe('Credential requests of one step in any 60-second window above this are an anomaly.'),
    'per-minute-job': zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int()
        .min(1)
        .default(30)
        .describe('Credential requests of one job in any 60-second window above this are an anomaly.'),
    burst: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int()
        .min(1)
        .default(5)
        .describe('Credential requests of one job within one second above this are a burst.'),
    retries: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int()
        .min(0)
        .default(3)
        .describe("Retries of one step above this are an anomaly (requests after one of the step's requests was refused or rate-limited, plus HTTP retries the client made)."),
    refusals: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int()
        .min(0)
        .default(0)
        .describe('Refusals of one job above this are an anomaly (0: any refusal).'),
});
const DEFAULT_THRESHOLDS = anomalyThresholdsSchema.parse({});
const THRESHOLD_KEYS = Object.keys(anomalyThresholdsSchema.shape);
/**
 * Thresholds from text options (CLI flags, action inputs): whole numbers only, then the schema's
 * bounds; an option `get` answers undefined for takes its default. Errors name the option as `name(key)` says
 * (`--burst`, `input 'burst'`).
 */
function parseThresholds(get, name) {
    const given = {};
    for (const k of THRESHOLD_KEYS) {
        const v = get(k);
        if (v === undefined)
            continue;
        if (!/^\d+$/.test(v))
            throw new Error(`${name(k)} must be a whole number, not '${v}'`);
        given[k] = Number(v);
    }
    const r = anomalyThresholdsSchema.safeParse(given);
    if (!r.success)
        throw new Error(r.error.issues.map((i) => `${name(i.path.join('.'))}: ${i.message}`).join('; '));
    return r.data;
}
const ANOMALY_KINDS = {
    'rate-step': 'credential requests per minute of one step above the threshold',
    'rate-job': 'credential requests per minute of one job above the threshold',
    burst: 'credential requests of one job within one second above the threshold',
    retries: 'a step retried more often than the threshold',
    refusals: 'a job was refused more often than the threshold',
    'rate-limited': 'the broker throttled the repository (retry storm, runaway matrix)',
    'claimed-twice': 'a single-use grant was claimed again: possibly another step holding a stolen token',
    'live-at-job-end': 'a credential outlived its step: revoked only at job end, by its ttl, or not at all',
    'claimed-by-unknown-step': "the broker issued a credential under a step name that never ran in this job (the Jobs API lists the job's steps), or whose display name other steps share with rows that disagree: another step claimed it, or may have",
    'unverified-trail-line': "a line of the job's trail that the broker's record or the runner's own context does not confirm: a step of the job wrote or changed it",
    'broker-unanswered': 'a broker-url is set but the audit step got no answer from it (no OIDC token, a token of another run, the broker failed): nothing about credentials is verified and nothing was revoked at job end',
    'trail-unreadable': "the job's trail is missing, replaced (a directory, a link) or oversized: a step of the job tampered with it",
    'gate-not-passed': "the job's actions/enforce step did not pass in the Jobs API: it failed, was skipped, never ran, cannot be told by name, or a `continue-on-error`, `mode: audit` or workflow-set input or `env:` makes its success meaningless",
    'unconfirmed-gate-verdict': 'the trail\'s gate verdict is not what the Jobs API shows: "allowed" for a gate step that failed, was skipped, never ran or is not in the job, or a denial for one that passed: a step of the job wrote it',
};
/** Requests to the broker: what a rate limit, a burst or a retry counts. */
const REQUEST_TYPES = new Set([
    'credential.granted',
    'credential.refused',
    'credential.rate_limited',
    'credential.claimed_twice',
]);
/** Counts per second over the last minute: peak per second and peak over any 60-second window. */
class Window {
    buckets = new Uint32Array(60);
    last = -Infinity;
    sum = 0;
    peakMinute = 0;
    peakSecond = 0;
    first = '';
    lastTime = '';
    lastSeen = 0;
    add(second, time) {
        if (!this.first)
            this.first = time;
        this.lastTime = time;
        if (second > this.last) {
            // Clear the seconds that slid out of the window (at most 60 of them).
            const gap = Math.min(60, second - this.last);
            for (let i = 1; i <= gap; i++) {
                const b = (((second - gap + i) % 60) + 60) % 60;
                this.sum -= this.buckets[b];
                this.buckets[b] = 0;
            }
            this.last = second;
        }
        else if (second <= this.last - 60) {
            return; // older than the window: counted in totals, not in rates
        }
        const b = ((second % 60) + 60) % 60;
        this.buckets[b]++;
        this.sum++;
        this.peakSecond = Math.max(this.peakSecond, this.buckets[b]);
        this.peakMinute = Math.max(this.peakMinute, this.sum);
        this.lastSeen = Math.max(this.lastSeen, second);
    }
}
function whereOf(e, withStep) {
    return (0,_event_js__WEBPACK_IMPORTED_MODULE_0__/* .pickFields */ .$3)(e, withStep ? [...JOB_PLACE, 'step'] : JOB_PLACE);
}
const jobKeyOf = (e) => `${e.repository ?? ''}\u0000${e.run_id ?? ''}\u0000${e.run_attempt ?? 1}\u0000${e.workflow ?? ''}\u0000${e.job ?? ''}`;
/** Idle windows are closed after this many seconds of event time. */
const IDLE_SECONDS = 120;
/** Anomalies kept in full; the rest are counted (a hostile log must not exhaust memory). */
const MAX_ANOMALIES = 10_000;
class AnomalyDetector {
    t;
    steps = new Map();
    jobs = new Map();
    watermark = -Infinity;
    seen = 0;
    anomalies = [];
    /** Anomalies beyond MAX_ANOMALIES, counted only. */
    dropped = 0;
    constructor(t = DEFAULT_THRESHOLDS) {
        this.t = t;
    }
    push(a) {
        if (this.anomalies.length < MAX_ANOMALIES)
            this.anomalies.push(a);
        else
            this.dropped++;
    }
    add(e) {
        const ms = Date.parse(e.time);
        const second = Math.floor(ms / 1000);
        if (e.type === 'credential.claimed_twice')
            this.push({
                kind: 'claimed-twice',
                severity: 'error',
                ...whereOf(e, true),
                value: 1,
                threshold: 0,
                first: e.time,
                last: e.time,
                detail: `${e.audience ?? 'a'} grant of step '${e.step ?? '?'}' claimed again${e.detail ? `: ${e.detail}` : ''}`,
            });
        if (e.type === 'credential.rate_limited')
            this.push({
                kind: 'rate-limited',
                severity: 'warning',
                ...whereOf(e, true),
                value: 1,
                threshold: 0,
                first: e.time,
                last: e.time,
                detail: e.detail ?? 'the broker answered 429',
            });
        if (!REQUEST_TYPES.has(e.type) || !Number.isFinite(second))
            return;
        const jobKey = jobKeyOf(e);
        const stepKey = `${jobKey}\u0000${e.step ?? ''}`;
        let job = this.jobs.get(jobKey);
        if (!job) {
            job = {
                window: new Window(),
                refusals: 0,
                firstRefusal: '',
                lastRefusal: '',
                firstEvent: e,
            };
            this.jobs.set(jobKey, job);
        }
        let step = this.steps.get(stepKey);
        if (!step) {
            step = { window: new Window(), retries: 0, refusedOnce: false, firstEvent: e };
            this.steps.set(stepKey, step);
        }
        job.window.add(second, e.time);
        step.window.add(second, e.time);
        if (step.refusedOnce)
            step.retries++;
        if (e.attempts && e.attempts > 1)
            step.retries += e.attempts - 1;
        if (e.type !== 'credential.granted') {
            step.refusedOnce = true;
            if (e.type === 'credential.refused') {
                job.refusals++;
                if (!job.firstRefusal)
                    job.firstRefusal = e.time;
                job.lastRefusal = e.time;
            }
        }
        if (second > this.watermark)
            this.watermark = second;
        if (++this.seen % 4096 === 0)
            this.closeIdle(this.watermark - IDLE_SECONDS);
    }
    /** Closes windows idle since before `before` (event-time seconds): their anomalies are final. */
    closeIdle(before) {
        for (const [k, s] of this.steps)
            if (s.window.lastSeen < before) {
                this.closeStep(s);
                this.steps.delete(k);
            }
        for (const [k, j] of this.jobs)
            if (j.window.lastSeen < before) {
                this.closeJob(j);
                this.jobs.delete(k);
            }
    }
    closeStep(s) {
        const w = s.window;
        const span = [w.first, w.lastTime];
        this.flagOver(s.firstEvent, true, [
            {
                kind: 'rate-step',
                value: w.peakMinute,
                threshold: this.t['per-minute-step'],
                span,
                text: (n, at) => `${n} credential requests in one minute from step '${at.step ?? '?'}'`,
            },
            {
                kind: 'retries',
                value: s.retries,
                threshold: this.t.retries,
                span,
                text: (n, at) => `step '${at.step ?? '?'}' retried ${n} times`,
            },
        ]);
    }
    closeJob(j) {
        const w = j.window;
        const span = [w.first, w.lastTime];
        this.flagOver(j.firstEvent, false, [
            {
                kind: 'rate-job',
                value: w.peakMinute,
                threshold: this.t['per-minute-job'],
                span,
                text: (n, at) => `${n} credential requests in one minute from job '${at.job ?? '?'}'`,
            },
            {
                kind: 'burst',
                value: w.peakSecond,
                threshold: this.t.burst,
                span,
                text: (n, at) => `${n} credential requests within one second from job '${at.job ?? '?'}'`,
            },
            {
                kind: 'refusals',
                value: j.refusals,
                threshold: this.t.refusals,
                span: [j.firstRefusal, j.lastRefusal],
                text: (n, at) => `${n} refused credential request${n === 1 ? '' : 's'} in job '${at.job ?? '?'}'`,
            },
        ]);
    }
    /** Reports each measured value above its threshold; the place is computed only then. */
    flagOver(first, withStep, checks) {
        const over = checks.filter((c) => c.value > c.threshold);
        if (!over.length)
            return;
        const at = whereOf(first, withStep);
        for (const c of over)
            this.push({
                kind: c.kind,
                severity: 'warning',
                ...at,
                value: c.value,
                threshold: c.threshold,
                first: c.span[0],
                last: c.span[1],
                detail: `${c.text(c.value, at)} (threshold ${c.threshold})`,
            });
    }
    /** A credential outlived its step (called by the report, which tracks grants). */
    liveAtEnd(e, how, firstTime) {
        this.push({
            kind: 'live-at-job-end',
            severity: 'warning',
            ...whereOf(e, true),
            value: 1,
            threshold: 0,
            first: firstTime,
            last: e.time,
            detail: how,
        });
    }
    /** Closes every open window; anomalies are then complete. */
    finish() {
        this.closeIdle(Infinity);
        return this.anomalies;
    }
}


/***/ }),

/***/ 4850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L8: () => (/* binding */ classify)
/* harmony export */ });
/* unused harmony exports CLASSIFICATION_RULES, accessInitiator */
/** Every rule `classify` can name; docs/audit.md has a row for each (a test holds it to this list). */
const CLASSIFICATION_RULES = (/* unused pure expression or super */ null && ([
    'credential-activity',
    'manual-revocation',
    'admin.revoke',
    'admin.change',
    'run.approval',
    'approval-by-app',
    'machine-event',
    'change-by-person',
    'change-by-bot',
    'dispatch-by-person',
    'dispatch-by-bot',
    'dispatch-by-user-token',
    're-run-by-person',
    're-run-by-bot',
    'repository-dispatch-by-app',
    'repository-dispatch-by-user-token',
    'other-event',
    'activity-by-person',
    'activity-by-app',
    'activity-by-user-token',
]));
const MACHINE_EVENTS = new Set([
    'schedule',
    'workflow_run',
    'merge_group',
    'deployment',
    'deployment_status',
    'check_run',
    'check_suite',
    'status',
    'registry_package',
    'page_build',
    'dynamic',
]);
const CHANGE_EVENTS = new Set([
    'push',
    'pull_request',
    'pull_request_target',
    'pull_request_review',
    'pull_request_review_comment',
    'release',
    'create',
    'delete',
    'issues',
    'issue_comment',
    'discussion',
    'discussion_comment',
    'fork',
    'watch',
    'label',
    'milestone',
    'gollum',
    'public',
    'project',
    'project_card',
    'project_column',
    'branch_protection_rule',
]);
const isBot = (a) => a?.type === 'Bot';
/**
 * How GitHub says a request was authenticated (`programmatic_access_type` of its audit log): an app's
 * installation token is a machine; a personal, OAuth or user-to-server token is a script acting in a
 * person's name; none (the web UI, git over SSH by a person) is the person.
 */
function accessInitiator(accessType) {
    if (!accessType)
        return undefined;
    if (/server-to-server|deploy key/i.test(accessType))
        return 'machine';
    if (/user-to-server|personal access token|oauth/i.test(accessType))
        return 'user-token';
    return undefined;
}
/** Who triggered this attempt: GitHub's triggering actor when set (re-runs), else the actor. */
function trigger(e) {
    return e.triggering_actor ?? e.actor;
}
/**
 * Who did a direct act (approval, access-rule change, imported activity): a bot actor, then the token,
 * then the actor. With no actor at all, `unknown` decides: a person for acts only people do by default
 * (approvals, access-rule changes), a machine for other imported activity (GitHub's own system events).
 */
function directInitiator(e, unknown = 'human-direct') {
    if (isBot(e.actor))
        return 'machine';
    return accessInitiator(e.access_type) ?? (e.actor ? 'human-direct' : unknown);
}
function classify(e) {
    switch (e.type) {
        case 'admin.revoke':
        case 'admin.unblock':
        case 'admin.unblock_requested':
            return { class: 'administrator', initiator: 'human-direct', rule: 'admin.revoke' };
        case 'admin.change':
            // The access rules changed: administrator activity whoever pushed it; a bot (Renovate bumping pins) is tagged, not hidden.
            return { class: 'administrator', initiator: directInitiator(e), rule: 'admin.change' };
        case 'run.approval': {
            // Custom deployment protection rules are apps: their approvals are automation, not a person's review.
            const initiator = directInitiator(e);
            return initiator === 'machine'
                ? { class: 'workload', initiator, rule: 'approval-by-app' }
                : { class: 'administrator', initiator, rule: 'run.approval' };
        }
        case 'credential.granted':
        case 'credential.refused':
        case 'credential.used':
        case 'credential.revoked':
        case 'credential.expired':
        case 'credential.rate_limited':
        case 'credential.claimed_twice':
        case 'credential.dry_run':
        case 'credential.revocation_pending':
        case 'credential.revoke_failed':
        case 'job.enforced':
        case 'job.summary':
        case 'job.ended':
        case 'audit.refusals_suppressed':
            // A revocation by an administrator is a person's act; every other credential event is the workload's.
            if (e.type === 'credential.revoked' && e.reason === 'REVOKED_BY_ADMIN')
                return { class: 'administrator', initiator: 'human-direct', rule: 'manual-revocation' };
            return { class: 'workload', initiator: classifyRun(e).initiator, rule: 'credential-activity' };
        case 'run.started':
            return classifyRun(e);
        case 'github.activity': {
            const initiator = directInitiator(e, 'machine');
            return initiator === 'human-direct'
                ? { class: 'administrator', initiator, rule: 'activity-by-person' }
                : {
                    class: 'workload',
                    initiator,
                    rule: initiator === 'machine' ? 'activity-by-app' : 'activity-by-user-token',
                };
        }
    }
}
function classifyRun(e) {
    const who = trigger(e);
    const attempt = e.run_attempt ?? 1;
    if (attempt > 1) {
        return isBot(who)
            ? { class: 'workload', initiator: 'machine', rule: 're-run-by-bot' }
            : { class: 'administrator', initiator: 'human-direct', rule: 're-run-by-person' };
    }
    const event = e.event_name ?? '';
    if (event === 'workflow_dispatch') {
        // Known only from GitHub's audit log: a dispatch through the API with a person's token is a script.
        const token = accessInitiator(e.access_type);
        if (token === 'user-token')
            return { class: 'workload', initiator: token, rule: 'dispatch-by-user-token' };
        return isBot(who) || token === 'machine'
            ? { class: 'workload', initiator: 'machine', rule: 'dispatch-by-bot' }
            : { class: 'administrator', initiator: 'human-direct', rule: 'dispatch-by-person' };
    }
    if (event === 'repository_dispatch') {
        return isBot(who)
            ? { class: 'workload', initiator: 'machine', rule: 'repository-dispatch-by-app' }
            : { class: 'workload', initiator: 'user-token', rule: 'repository-dispatch-by-user-token' };
    }
    if (MACHINE_EVENTS.has(event))
        return { class: 'workload', initiator: 'machine', rule: 'machine-event' };
    if (CHANGE_EVENTS.has(event)) {
        return isBot(who)
            ? { class: 'workload', initiator: 'machine', rule: 'change-by-bot' }
            : { class: 'workload', initiator: 'human-change', rule: 'change-by-person' };
    }
    // Unknown or missing event: the pipeline ran, so it is workload; who started it is unknown.
    return {
        class: 'workload',
        initiator: isBot(who) || !who ? 'machine' : 'human-change',
        rule: 'other-event',
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

/***/ 4678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ buildReport),
/* harmony export */   b: () => (/* binding */ AuditReportBuilder)
/* harmony export */ });
/* harmony import */ var _anomalies_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2791);
/* harmony import */ var _classify_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4850);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4098);
/**
 * The audit report, built one event at a time: the run and who or what started it, workload activity
 * grouped per step / audience / scope / result, administrator activity, anomalies and totals. Pure and
 * streaming: memory is bounded by the number of groups (capped), live credentials and the first
 * administrator events kept for rendering \u2014 never by the number of events, so a million-event broker
 * log renders in the same memory as a job's trail. Every event passes through `onEvent` with its
 * classification, for writers that keep them all (the JSON output spools them to disk).
 */



/** What names a workload group: where the request came from and what it was for. */
const PLACE = ['repository', 'workflow', 'job', 'step', 'audience', 'scope'];
const RUN_FIELDS = _event_js__WEBPACK_IMPORTED_MODULE_2__/* .RUN_CONTEXT_FIELDS */ .U0;
const MAX_DISTINCT = 100_000;
/** Which group a credential event belongs to: its place and what the request was for. */
function groupKey(e, result) {
    return [
        e.repository,
        e.workflow,
        e.job,
        e.step,
        e.audience,
        e.scope,
        result,
        result === 'granted' ? '' : e.reason,
    ].join('\u0000');
}
function resultOf(type) {
    switch (type) {
        case 'credential.granted':
            return 'granted';
        case 'credential.refused':
            return 'refused';
        case 'credential.rate_limited':
            return 'rate-limited';
        case 'credential.claimed_twice':
            return 'claimed twice';
        default:
            return undefined;
    }
}
/**
 * The counts of a broker's `audit.refusals_suppressed` line, by reason code: refusals counted instead of
 * written (audit-budget.ts). Only the broker's own line counts (a job's trail cannot add refusals), and
 * only codes and whole positive counts.
 */
function suppressedByReason(e) {
    const by = e.source === 'broker' ? e.details?.by_reason : undefined;
    if (!by || typeof by !== 'object')
        return [];
    return Object.entries(by).filter((r) => _event_js__WEBPACK_IMPORTED_MODULE_2__/* .REASON_CODE */ .xj.test(r[0]) && typeof r[1] === 'number' && Number.isSafeInteger(r[1]) && r[1] > 0);
}
/** A short name of what an administrator event did. */
function whatOf(e, c) {
    switch (c.rule) {
        case 'dispatch-by-person':
            return 'dispatched the workflow by hand';
        case 're-run-by-person':
            return `re-ran the workflow (attempt ${e.run_attempt ?? '?'})`;
        case 'manual-revocation':
            return 'revoked a credential (kill switch)';
        case 'admin.revoke':
            return e.outcome === 'success' ? 'used the kill switch' : 'tried the kill switch (refused)';
        case 'admin.change':
            return e.action ? `changed access settings (${e.action})` : 'changed workflows or the access manifest';
        case 'run.approval': {
            const state = typeof e.details?.state === 'string' ? e.details.state : '';
            return state === 'approved' || state === 'rejected' ? `${state} a deployment` : 'reviewed a deployment';
        }
        default:
            return e.action ?? e.type;
    }
}
class AuditReportBuilder {
    opts;
    detector;
    groups = new Map();
    otherEvents = 0;
    live = new Map();
    admin = [];
    adminOmitted = 0;
    runs = new Set();
    repos = new Set();
    run;
    gate;
    runStarted = false;
    multipleRuns = false;
    totals = {
        events: 0,
        workload: 0,
        administrator: 0,
        malformed: 0,
        refusals: 0,
        anomalies: 0,
        runs: 0,
        repositories: 0,
        granted: 0,
        revoked: 0,
        live_at_end: 0,
        gate_denied: 0,
        by_type: {},
        workload_by_initiator: {},
        by_source: {},
    };
    maxGroups;
    maxAdmin;
    constructor(opts = {}) {
        this.opts = opts;
        this.detector = new _anomalies_js__WEBPACK_IMPORTED_MODULE_0__/* .AnomalyDetector */ .OM(opts.thresholds ?? _anomalies_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_THRESHOLDS */ .JJ);
        this.maxGroups = opts.maxGroups ?? 5_000;
        this.maxAdmin = opts.maxAdministrator ?? 1_000;
    }
    /** A line that could not be read: counted, so nothing is silently lost. */
    malformed() {
        this.totals.malformed++;
    }
    add(e) {
        const c = (0,_classify_js__WEBPACK_IMPORTED_MODULE_1__/* .classify */ .L8)(e);
        const t = this.totals;
        t.events++;
        t[c.class]++;
        t.by_type[e.type] = (t.by_type[e.type] ?? 0) + 1;
        if (c.class === 'workload')
            t.workload_by_initiator[c.initiator] = (t.workload_by_initiator[c.initiator] ?? 0) + 1;
        t.by_source[e.source] = (t.by_source[e.source] ?? 0) + 1;
        if (!t.first || e.time < t.first)
            t.first = e.time;
        if (!t.last || e.time > t.last)
            t.last = e.time;
        this.trackRun(e, c);
        if (e.type === 'job.enforced')
            this.trackGate(e);
        this.detector.add(e);
        if (c.class === 'administrator')
            this.addAdministrator(e, c);
        this.addWorkload(e);
        this.opts.onEvent?.(e, c);
        return c;
    }
    trackRun(e, c) {
        if (e.run_id) {
            const key = `${e.repository ?? ''}#${e.run_id}`;
            if (this.runs.size < MAX_DISTINCT)
                this.runs.add(key);
        }
        if (e.repository && this.repos.size < MAX_DISTINCT)
            this.repos.add(e.repository);
        if (!e.run_id)
            return;
        if (this.run && (this.run.run_id !== e.run_id || this.run.repository !== e.repository)) {
            this.multipleRuns = true;
            return;
        }
        // The run.started event describes the run best; until one comes, the first event's context does.
        if (e.type === 'run.started' && !this.runStarted) {
            this.runStarted = true;
            this.run = { ...runOf(e), started_by: c, ...(e.details ? { details: e.details } : {}) };
        }
        else if (!this.run) {
            this.run = { ...runOf(e), started_by: (0,_classify_js__WEBPACK_IMPORTED_MODULE_1__/* .classify */ .L8)({ ...e, type: 'run.started' }) };
        }
    }
    trackGate(e) {
        if (e.outcome !== 'success')
            this.totals.gate_denied++;
        // The worst verdict stands: a later line (any step can write one) never turns a denial into an
        // allowance, and a second denial does not replace the first.
        const rank = (o) => (o === 'success' ? 0 : 1);
        if (this.gate && rank(e.outcome) <= rank(this.gate.outcome)) {
            this.gate.reports++;
            return;
        }
        const list = Array.isArray(e.details?.problems) ? e.details.problems : [];
        this.gate = {
            outcome: e.outcome,
            reports: (this.gate?.reports ?? 0) + 1,
            ...(typeof e.details?.mode === 'string' ? { mode: e.details.mode } : {}),
            ...(e.detail ? { detail: e.detail } : {}),
            problems: list
                .filter((p) => !!p && typeof p === 'object')
                .slice(0, 50)
                .map((p) => ({
                ...(typeof p.file === 'string' ? { file: p.file } : {}),
                ...(typeof p.line === 'number' ? { line: p.line } : {}),
                ...(typeof p.message === 'string' ? { message: p.message } : {}),
                ...(typeof p.rule === 'string' ? { rule: p.rule } : {}),
            })),
        };
    }
    addAdministrator(e, c) {
        if (this.admin.length >= this.maxAdmin) {
            this.adminOmitted++;
            return;
        }
        const who = e.type === 'run.started' ? (e.triggering_actor ?? e.actor) : e.actor;
        const actor = who ?? (e.details?.actor ? { login: String(e.details.actor), type: 'User' } : undefined);
        this.admin.push({
            time: e.time,
            type: e.type,
            rule: c.rule,
            initiator: c.initiator,
            ...(actor ? { who: actor } : {}),
            what: whatOf(e, c),
            outcome: e.outcome,
            ...(0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .pickFields */ .$3)(e, ['repository', 'run_id', 'details', 'detail']),
        });
    }
    group(e, result, overflow = false) {
        const key = groupKey(e, result);
        let g = this.groups.get(key);
        if (!g) {
            if (!overflow && this.groups.size >= this.maxGroups) {
                this.otherEvents++;
                // Past the cap, further new groups share one bucket per result so memory stays bounded.
                const other = {
                    ...e,
                    repository: '(other)',
                    workflow: '',
                    job: '',
                    step: '',
                    audience: '',
                    scope: '',
                    reason: '',
                };
                return this.group(other, result, true);
            }
            g = {
                ...(0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .pickFields */ .$3)(e, PLACE),
                result,
                ...(result !== 'granted' && e.reason ? { reason: e.reason } : {}),
                ...(result !== 'granted' && e.detail ? { detail: e.detail } : {}),
                count: 0,
                first: e.time,
                last: e.time,
                revoked: {},
                lifetimeSum: 0,
                lifetimeCount: 0,
                used: 0,
                usedFailed: 0,
                reported: 0,
            };
            this.groups.set(key, g);
        }
        return g;
    }
    /** Refusals the broker counted instead of writing: refused groups of the repository, by code. */
    addSuppressed(e) {
        for (const [reason, n] of suppressedByReason(e)) {
            const g = this.group({
                ...e,
                type: 'credential.refused',
                reason,
                detail: `counted by the broker, not written (over its per-minute audit budget for refusals)`,
            }, 'refused');
            g.count += n;
            const first = typeof e.details?.first === 'string' ? e.details.first : e.time;
            if (first < g.first)
                g.first = first;
            if (e.time > g.last)
                g.last = e.time;
            this.totals.refusals += n;
        }
    }
    addWorkload(e) {
        if (e.type === 'audit.refusals_suppressed')
            return this.addSuppressed(e);
        const result = resultOf(e.type);
        if (result) {
            const g = this.group(e, result);
            g.count++;
            if (e.time < g.first)
                g.first = e.time;
            if (e.time > g.last)
                g.last = e.time;
            if (result === 'granted') {
                this.totals.granted++;
                if (e.source !== 'broker')
                    g.reported++;
                if (e.grant_id)
                    this.live.set(e.grant_id, { group: g, issued: e.time, ctx: e });
            }
            else if (result === 'refused')
                this.totals.refusals++;
            return;
        }
        if (e.type === 'credential.used') {
            const known = e.grant_id ? this.live.get(e.grant_id) : undefined;
            const g = known?.group ?? this.group(e, 'granted');
            g.used++;
            if (e.outcome !== 'success')
                g.usedFailed++;
            return;
        }
        if (e.type !== 'credential.revoked' && e.type !== 'credential.expired')
            return;
        const known = e.grant_id ? this.live.get(e.grant_id) : undefined;
        // A failed revocation leaves the credential live (the broker's ttl still ends it).
        if (e.outcome !== 'success' && e.type === 'credential.revoked') {
            if (known)
                known.group.revoked[e.reason ?? 'ERR_REVOKE_FAILED'] =
                    (known.group.revoked[e.reason ?? 'ERR_REVOKE_FAILED'] ?? 0) + 1;
            return;
        }
        this.totals.revoked++;
        const reason = e.reason ?? (e.type === 'credential.expired' ? 'TTL_PASSED' : 'REVOKED');
        const g = known?.group ?? this.group(e, e.type === 'credential.expired' ? 'expired' : 'revoked');
        if (!known) {
            g.count++;
            if (e.time > g.last)
                g.last = e.time;
        }
        g.revoked[reason] = (g.revoked[reason] ?? 0) + 1;
        if (!g.lastRevoked || e.time > g.lastRevoked)
            g.lastRevoked = e.time;
        const lifetime = known
            ? Math.max(0, Math.round((Date.parse(e.time) - Date.parse(known.issued)) / 1000))
            : e.ttl;
        if (lifetime !== undefined && Number.isFinite(lifetime)) {
            g.lifetimeSum += lifetime;
            g.lifetimeCount++;
            g.lifetimeMax = Math.max(g.lifetimeMax ?? 0, lifetime);
        }
        if (e.grant_id)
            this.live.delete(e.grant_id);
        if (reason === 'REVOKED_AT_JOB_END' || e.type === 'credential.expired') {
            this.totals.live_at_end++;
            this.detector.liveAtEnd({ ...(known?.ctx ?? e), time: e.time }, reason === 'REVOKED_AT_JOB_END'
                ? `credential of step '${e.step ?? known?.ctx.step ?? '?'}' was still live at job end (revoked by the audit step, not by its own step)`
                : `credential of step '${e.step ?? known?.ctx.step ?? '?'}' was never revoked: it lived until its ttl`, known?.issued ?? e.time);
        }
    }
    finish() {
        // Grants never revoked in this log: live at its end (or revoked where this log cannot see).
        for (const l of this.live.values()) {
            this.totals.live_at_end++;
            l.group.revoked['NOT_REVOKED'] = (l.group.revoked['NOT_REVOKED'] ?? 0) + 1;
            this.detector.liveAtEnd({ ...l.ctx, time: this.totals.last ?? l.issued }, `credential of step '${l.ctx.step ?? '?'}' has no revocation in this log: still live at its end`, l.issued);
        }
        this.live.clear();
        const anomalies = this.detector.finish();
        this.totals.anomalies = anomalies.length + this.detector.dropped;
        this.totals.runs = this.runs.size;
        this.totals.repositories = this.repos.size;
        const groups = [...this.groups.values()];
        return {
            ...(this.run && !this.multipleRuns ? { run: this.run } : {}),
            ...(this.gate && !this.multipleRuns ? { gate: this.gate } : {}),
            groups,
            otherEvents: this.otherEvents,
            administrator: this.admin,
            administratorOmitted: this.adminOmitted,
            anomalies,
            anomaliesOmitted: this.detector.dropped,
            refusals: groups.filter((g) => g.result !== 'granted' && g.result !== 'revoked' && g.result !== 'expired'),
            totals: this.totals,
        };
    }
}
function runOf(e) {
    return (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .pickFields */ .$3)(e, RUN_FIELDS);
}
/** The whole report of an in-memory list (tests, the audit action's trail). */
function buildReport(events, opts = {}) {
    const b = new AuditReportBuilder(opts);
    for (const e of events)
        b.add(e);
    return b.finish();
}


/***/ })

};
