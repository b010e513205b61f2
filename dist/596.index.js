export const id = 596;
export const ids = [596];
export const modules = {

/***/ 2596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  auditCommand: () => (/* binding */ auditCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./shared/cli/command.ts
var command = __webpack_require__(310);
// EXTERNAL MODULE: ./shared/audit/anomalies.ts
var anomalies = __webpack_require__(2791);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./shared/audit/json-output.ts
/**
 * The JSON form of an audit: `{ run, workload: [events], administrator: [events], anomalies, totals }`,
 * every event with its classification. Events are spooled to two temporary files while the input
 * streams, then copied out behind the report, so a million events cost disk, not memory.
 */



/** One event as the JSON output lists it. */
function classified(e, c) {
    return { ...e, classification: c };
}
/** The report's parts that are not event lists (small by construction). */
function reportHead(r) {
    return { run: r.run ?? null };
}
function reportTail(r) {
    return {
        anomalies: r.anomalies,
        workload_groups: r.groups,
        totals: r.totals,
    };
}
/**
 * One pending 'drain' wait per stream, shared by every write made while its buffer is full: the
 * reader awaits once per input chunk, which holds many events, so a listener per write would pile up
 * (hundreds of MaxListenersExceededWarning per run).
 */
const drains = new WeakMap();
function drained(stream) {
    if (stream.destroyed)
        return Promise.resolve(); // closed early (e.g. `| head`): nothing will drain
    let p = drains.get(stream);
    if (!p) {
        p = new Promise((r) => {
            const done = () => {
                stream.off('drain', done);
                stream.off('close', done);
                drains.delete(stream);
                r();
            };
            stream.on('drain', done);
            stream.on('close', done); // a destroyed stream never drains
        });
        drains.set(stream, p);
    }
    return p;
}
function write(stream, text) {
    // Respect back-pressure: the caller awaits only when the buffer is full.
    return stream.write(text) ? undefined : drained(stream);
}
class JsonSpool {
    dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'stepwarden-audit-'));
    spools;
    constructor() {
        const open = (name) => {
            const path = (0,external_node_path_.join)(this.dir, name);
            return { path, out: (0,external_node_fs_.createWriteStream)(path, { mode: 0o600 }), count: 0 };
        };
        this.spools = { workload: open('workload.jsonl'), administrator: open('administrator.jsonl') };
    }
    /** Adds one event; returns a promise only when the spool asks the reader to wait. */
    add(e, c) {
        const s = this.spools[c.class];
        const text = `${s.count++ ? ',\n' : '\n'}${JSON.stringify(classified(e, c))}`;
        return write(s.out, text);
    }
    /** Writes the whole JSON document to `out` and removes the spool files. */
    async finish(report, out) {
        try {
            await Promise.all(Object.values(this.spools).map((s) => new Promise((r, j) => s.out.end((err) => (err ? j(err) : r())))));
            const head = JSON.stringify(reportHead(report));
            const put = async (t) => write(out, t);
            await put(`${head.slice(0, -1)},\n"workload": [`);
            await copy(this.spools.workload, out);
            await put(`${this.spools.workload.count ? '\n' : ''}],\n"administrator": [`);
            await copy(this.spools.administrator, out);
            const tail = JSON.stringify(reportTail(report), null, 2);
            await put(`${this.spools.administrator.count ? '\n' : ''}],\n${tail.slice(2)}\n`);
        }
        finally {
            (0,external_node_fs_.rmSync)(this.dir, { recursive: true, force: true });
        }
    }
    /** Removes the spool files without writing (on errors). */
    discard() {
        for (const s of Object.values(this.spools))
            s.out.destroy();
        (0,external_node_fs_.rmSync)(this.dir, { recursive: true, force: true });
    }
}
async function copy(s, out) {
    for await (const chunk of (0,external_node_fs_.createReadStream)(s.path)) {
        await write(out, chunk);
    }
}

// EXTERNAL MODULE: ./shared/audit/event.ts
var audit_event = __webpack_require__(4098);
;// CONCATENATED MODULE: ./shared/audit/github-audit-log.ts
/**
 * GitHub organization (or enterprise) audit-log entries as stepwarden audit events, pure: one entry of
 * the REST audit-log API (`GET /orgs/{org}/audit-log`) or of the streaming export (JSON lines) becomes
 * one AuditEvent, so `classify()` sorts an organization's own activity into workload and administrator
 * the same way as the broker's and the jobs'. stepwarden never calls the audit-log API; it reads exports.
 *
 * Never carried over: `hashed_token`, `token_id`, `token_scopes`, `actor_ip`, `actor_location`,
 * `user_agent`, `request_id`, `_document_id` \u2014 the event model never holds anything that identifies a
 * credential, nor more of a person than the login.
 */

/**
 * The mapping, first match wins; everything else is `github.activity`. The one source for the code,
 * the tests and docs/audit-github-log.md (a test holds the page to this list).
 */
const GITHUB_ACTION_RULES = [
    {
        match: 'workflows.created_workflow_run',
        type: 'run.started',
        why: 'a run began: who or what started it is classified like a job\u2019s own run.started',
    },
    {
        match: 'workflows.rerun_workflow_run',
        type: 'run.started',
        why: 'a re-run: an attempt above 1 with the actor as triggering actor',
    },
    {
        match: 'workflows.approve_workflow_job',
        type: 'run.approval',
        why: 'an environment review approved a job',
    },
    {
        match: 'workflows.reject_workflow_job',
        type: 'run.approval',
        why: 'an environment review rejected a job',
    },
    {
        match: 'workflows.comment_workflow_job',
        type: 'run.approval',
        why: 'an environment review left a comment',
    },
    {
        match: 'workflows.bypass_protection_rules',
        type: 'run.approval',
        why: 'an administrator skipped deployment protection rules',
    },
    { match: 'environment.', type: 'admin.change', why: 'environments carry secrets and protection rules' },
    {
        match: 'protected_branch.',
        type: 'admin.change',
        why: 'branch protection decides what reaches workflows',
    },
    { match: 'repository_ruleset.', type: 'admin.change', why: 'rulesets decide what reaches workflows' },
    {
        match: 'org.update_actions_settings',
        type: 'admin.change',
        why: 'Actions policy of the organization (allowed actions, default token permissions)',
    },
    {
        match: 'repo.update_actions_settings',
        type: 'admin.change',
        why: 'Actions policy of a repository',
    },
    {
        match: 'org.update_default_repository_permission',
        type: 'admin.change',
        why: 'base permission of every member',
    },
    { match: 'org.create_actions_secret', type: 'admin.change', why: 'an organization secret' },
    { match: 'org.update_actions_secret', type: 'admin.change', why: 'an organization secret' },
    { match: 'org.remove_actions_secret', type: 'admin.change', why: 'an organization secret' },
    { match: 'repo.create_actions_secret', type: 'admin.change', why: 'a repository secret' },
    { match: 'repo.update_actions_secret', type: 'admin.change', why: 'a repository secret' },
    { match: 'repo.remove_actions_secret', type: 'admin.change', why: 'a repository secret' },
    { match: 'org.register_self_hosted_runner', type: 'admin.change', why: 'a runner that jobs will run on' },
    { match: 'repo.register_self_hosted_runner', type: 'admin.change', why: 'a runner that jobs will run on' },
    { match: 'integration_installation.', type: 'admin.change', why: 'a GitHub App gained or lost access' },
    {
        match: 'personal_access_token.',
        type: 'admin.change',
        why: 'a personal token was granted or revoked access',
    },
    { match: 'oauth_application.', type: 'admin.change', why: 'an OAuth app\u2019s access changed' },
    { match: 'org.add_member', type: 'admin.change', why: 'membership' },
    { match: 'org.update_member', type: 'admin.change', why: 'membership role' },
    { match: 'org.remove_member', type: 'admin.change', why: 'membership' },
    { match: 'repo.add_member', type: 'admin.change', why: 'a collaborator' },
    { match: 'repo.update_member', type: 'admin.change', why: 'a collaborator\u2019s role' },
    { match: 'repo.remove_member', type: 'admin.change', why: 'a collaborator' },
    { match: 'team.add_member', type: 'admin.change', why: 'team membership' },
    { match: 'team.add_repository', type: 'admin.change', why: 'a team\u2019s repositories' },
    { match: 'team.update_repository_permission', type: 'admin.change', why: 'a team\u2019s repository role' },
    { match: 'role.', type: 'admin.change', why: 'custom repository roles' },
    { match: 'hook.', type: 'admin.change', why: 'a webhook (where events and their payloads go)' },
    { match: 'public_key.', type: 'admin.change', why: 'a deploy key (write access without a person)' },
];
const MAX_TEXT = 1000;
function github_audit_log_text(v) {
    if (typeof v === 'number' && Number.isFinite(v))
        return String(v);
    if (typeof v !== 'string' || !v)
        return undefined;
    return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}\u2026` : v;
}
/** GitHub writes times as milliseconds since the epoch; ISO strings are accepted too. */
function timeOf(v) {
    const ms = typeof v === 'number' ? v : typeof v === 'string' ? (/^\d+$/.test(v) ? Number(v) : Date.parse(v)) : NaN;
    if (!Number.isFinite(ms))
        return undefined;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
/** A GitHub audit-log entry, and not one of our own events. */
function isGithubAuditLogEntry(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return false;
    const o = value;
    return (typeof o.action === 'string' && ('@timestamp' in o || 'created_at' in o) && !('v' in o) && !('type' in o));
}
function ruleFor(action) {
    return GITHUB_ACTION_RULES.find((r) => r.match.endsWith('.') || r.match.endsWith('_') ? action.startsWith(r.match) : action === r.match);
}
const APPROVAL_STATES = {
    'workflows.approve_workflow_job': 'approved',
    'workflows.reject_workflow_job': 'rejected',
    'workflows.comment_workflow_job': 'commented',
    'workflows.bypass_protection_rules': 'bypassed',
};
/** The workflow file from `job_workflow_ref` / `workflow_ref` (`o/r/.github/workflows/x.yml@ref`). */
function workflowFile(e) {
    for (const k of ['job_workflow_ref', 'workflow_ref']) {
        const m = typeof e[k] === 'string' ? /\.github\/workflows\/([^@/]+)@/.exec(e[k]) : null;
        if (m)
            return m[1];
    }
    return undefined;
}
function fromGithubAuditLog(entry) {
    const action = github_audit_log_text(entry.action);
    if (!action)
        return { error: 'no "action"' };
    const time = timeOf(entry['@timestamp'] ?? entry.created_at);
    if (!time)
        return {
            error: `"@timestamp" / "created_at" is not a time: ${String(entry['@timestamp'] ?? entry.created_at).slice(0, 40)}`,
        };
    const type = ruleFor(action)?.type ?? 'github.activity';
    const login = github_audit_log_text(entry.actor);
    const accessType = github_audit_log_text(entry.programmatic_access_type);
    const actor = login
        ? {
            login,
            type: entry.actor_is_bot === true || /\[bot\]$/i.test(login) ? 'Bot' : 'User',
            ...(github_audit_log_text(entry.actor_id) ? { id: github_audit_log_text(entry.actor_id) } : {}),
        }
        : undefined;
    const repository = github_audit_log_text(entry.repo) ?? github_audit_log_text(entry.repository);
    const repositoryId = github_audit_log_text(entry.repo_id) ?? github_audit_log_text(entry.repository_id);
    const details = { action };
    if (github_audit_log_text(entry.org))
        details.org = github_audit_log_text(entry.org);
    if (github_audit_log_text(entry.operation_type))
        details.operation_type = github_audit_log_text(entry.operation_type);
    const event = {
        v: audit_event/* AUDIT_EVENT_VERSION */.cZ,
        time,
        type,
        outcome: 'success',
        source: 'github-audit-log',
        action,
        ...(accessType ? { access_type: accessType } : {}),
        ...(actor ? { actor } : {}),
        ...(repository ? { repository } : {}),
        ...(repositoryId ? { repository_id: repositoryId } : {}),
        detail: `${action}${login ? ` by ${login}` : ''}${accessType ? ` (${accessType})` : ''}`.slice(0, MAX_TEXT),
    };
    if (type === 'run.started' || type === 'run.approval') {
        const runId = github_audit_log_text(entry.workflow_run_id);
        const file = workflowFile(entry);
        Object.assign(event, {
            ...(runId ? { run_id: runId } : {}),
            ...(file ? { workflow: file } : {}),
            ...(github_audit_log_text(entry.head_branch) ? { ref: `refs/heads/${github_audit_log_text(entry.head_branch)}` } : {}),
            ...(github_audit_log_text(entry.head_sha) ? { sha: github_audit_log_text(entry.head_sha) } : {}),
        });
    }
    if (type === 'run.started') {
        const rerun = action === 'workflows.rerun_workflow_run';
        const attempt = Number(entry.run_attempt);
        Object.assign(event, {
            ...(github_audit_log_text(entry.event) ? { event_name: github_audit_log_text(entry.event) } : {}),
            run_attempt: Number.isInteger(attempt) && attempt > 0 ? Math.max(attempt, rerun ? 2 : 1) : rerun ? 2 : 1,
            // A re-run's actor is the person (or app) who re-ran it: GitHub's triggering actor.
            ...(rerun && actor ? { triggering_actor: actor } : {}),
        });
    }
    if (type === 'run.approval') {
        const state = APPROVAL_STATES[action] ?? 'reviewed';
        if (state === 'rejected')
            event.outcome = 'denied';
        details.state = state;
        const env = github_audit_log_text(entry.env_name) ?? github_audit_log_text(entry.environment_name);
        details.environments = env ? [env] : [];
        if (github_audit_log_text(entry.comment))
            details.comment = github_audit_log_text(entry.comment);
    }
    event.details = details;
    const r = audit_event/* auditEventSchema */.RX.safeParse(event);
    if (!r.success)
        return { error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    return r.data;
}

;// CONCATENATED MODULE: ./shared/audit/parse-line.ts
/**
 * One line of an audit input, pure: a stepwarden event (trail or broker log), a GitHub organization
 * audit-log entry, or a JSON array of either (one page of the audit-log API). Never throws: a line that
 * is neither gives a reason, which the reader reports with the file and line number.
 */


function one(value) {
    if (isGithubAuditLogEntry(value)) {
        const r = fromGithubAuditLog(value);
        return 'error' in r ? `GitHub audit-log entry: ${r.error}` : r;
    }
    const r = audit_event/* auditEventSchema */.RX.safeParse(value);
    if (r.success)
        return r.data;
    const issue = r.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '';
    if (value && typeof value === 'object' && !('v' in value) && !('action' in value))
        return 'neither a stepwarden audit event (no "v") nor a GitHub audit-log entry (no "action")';
    return `not a stepwarden audit event: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`;
}
function parseAuditLine(line) {
    let value;
    try {
        value = JSON.parse(line);
    }
    catch {
        return { error: 'not JSON' };
    }
    if (Array.isArray(value)) {
        const events = [];
        for (const [i, v] of value.entries()) {
            const e = one(v);
            if (typeof e === 'string')
                return { error: `element ${i}: ${e}` };
            events.push(e);
        }
        return { events };
    }
    const e = one(value);
    return typeof e === 'string' ? { error: e } : { events: [e] };
}

// EXTERNAL MODULE: ./shared/render/escape.ts
var render_escape = __webpack_require__(4732);
;// CONCATENATED MODULE: ./shared/audit/read.ts


const MAX_LINE_BYTES = 1024 * 1024;
/**
 * Calls `onEvent` for every event of every source, in order, and `onProblem` for every line that is
 * not one. Resolves with the number of lines read.
 */
async function streamAuditEvents(sources, 
/** May return a promise to ask the reader to wait (back-pressure of a writer). */
onEvent, onProblem) {
    let lines = 0;
    for (const source of sources) {
        let lineNo = 0;
        let pending = [];
        let pendingBytes = 0;
        let skipping = false;
        let wait;
        const handle = (buf, unended = false) => {
            lineNo++;
            lines++;
            const text = buf.toString('utf8').trim();
            if (!text)
                return;
            const r = parseAuditLine(text);
            // The reason can quote keys of the line (JSON keys may hold line breaks): one line, for logs.
            // A last line without its line end that is not an event is most often one a broker or a step
            // is still writing (a live log read mid-batch): say so, rather than only "not JSON".
            if ('error' in r)
                onProblem({
                    file: source.name,
                    line: lineNo,
                    message: unended
                        ? `${(0,render_escape/* oneLine */.TN)(r.error)} (the last line has no line end: a writer may still be writing it; read the file again once it is done)`
                        : (0,render_escape/* oneLine */.TN)(r.error),
                });
            else
                for (const e of r.events) {
                    const w = onEvent(e);
                    if (w)
                        wait = w;
                }
        };
        const skipped = () => {
            lineNo++;
            lines++;
            onProblem({
                file: source.name,
                line: lineNo,
                message: `line longer than ${MAX_LINE_BYTES} bytes, skipped`,
            });
        };
        for await (const chunk of source.stream) {
            const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
            let start = 0;
            for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
                const piece = data.subarray(start, nl);
                start = nl + 1;
                if (skipping || pendingBytes + piece.length > MAX_LINE_BYTES)
                    skipped();
                else if (pendingBytes)
                    handle(Buffer.concat([...pending, piece]));
                else
                    handle(piece);
                skipping = false;
                pending = [];
                pendingBytes = 0;
            }
            if (wait) {
                await wait;
                wait = undefined;
            }
            if (start < data.length && !skipping) {
                const rest = data.subarray(start);
                pendingBytes += rest.length;
                // Past the limit the line is dropped as it streams in, never held whole.
                if (pendingBytes > MAX_LINE_BYTES) {
                    pending = [];
                    skipping = true;
                }
                else
                    pending.push(Buffer.from(rest)); // a copy: the stream may reuse its chunk buffers
            }
        }
        if (skipping)
            skipped();
        else if (pendingBytes)
            handle(Buffer.concat(pending), true);
    }
    return lines;
}

// EXTERNAL MODULE: ./shared/audit/report.ts
var report = __webpack_require__(4678);
// EXTERNAL MODULE: ./shared/audit/render-markdown.ts
var render_markdown = __webpack_require__(1660);
// EXTERNAL MODULE: ./shared/audit/run-events.ts
var run_events = __webpack_require__(433);
// EXTERNAL MODULE: ./shared/audit/trail.ts
var trail = __webpack_require__(9134);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/cli/version.ts
var version = __webpack_require__(2571);
// EXTERNAL MODULE: ./shared/cli/output-file.ts
var output_file = __webpack_require__(8377);
// EXTERNAL MODULE: ./shared/cli/summaries.ts
var summaries = __webpack_require__(8467);
;// CONCATENATED MODULE: ./shared/cli/commands/audit.ts















const FORMATS = ['markdown', 'json'];
/** Problems printed in full; the rest are counted. */
const SHOWN_PROBLEMS = 10;
const thresholdHelp = anomalies/* THRESHOLD_KEYS */.Hj.map((k) => {
    const s = anomalies/* anomalyThresholdsSchema */.DZ.shape[k];
    return `  --${k.padEnd(16)} N  ${s.description ?? ''} (default ${anomalies/* DEFAULT_THRESHOLDS */.JJ[k]})`;
}).join('\n');
/** GitHub's event name from a payload's shape, for `--event-path` outside a runner. */
function inferEventName(p) {
    if ('inputs' in p && 'workflow' in p)
        return 'workflow_dispatch';
    if ('schedule' in p)
        return 'schedule';
    if ('commits' in p && 'pusher' in p)
        return 'push';
    if ('pull_request' in p)
        return 'pull_request';
    if ('workflow_run' in p)
        return 'workflow_run';
    if ('client_payload' in p)
        return 'repository_dispatch';
    if ('release' in p)
        return 'release';
    return undefined;
}
/** Run-level events from a GitHub event payload file, in the runner's context when there is one. */
function payloadEvents(path, eventName, io, manifestPath) {
    let payload;
    try {
        payload = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (err) {
        throw new command/* UsageError */.eb(`--event-path ${path}: ${err.message}; give the JSON file of GITHUB_EVENT_PATH`);
    }
    const name = eventName ?? io.env.GITHUB_EVENT_NAME ?? inferEventName(payload);
    const repo = payload.repository?.full_name;
    const ctx = {
        ...(0,trail/* runContext */.pO)(io.env),
        ...(name ? { event_name: name } : {}),
        ...(!io.env.GITHUB_REPOSITORY && repo ? { repository: repo } : {}),
        ...(!io.env.GITHUB_REF && typeof payload.ref === 'string' ? { ref: payload.ref } : {}),
    };
    const time = new Date().toISOString();
    return [
        (0,run_events/* runStartedEvent */.Pp)({ ...ctx, source: 'cli' }, payload, time),
        ...(0,run_events/* accessChangeEvents */.Gn)({ ...ctx, source: 'cli' }, name, payload, manifestPath, time),
    ];
}
const auditCommand = {
    name: 'audit',
    summary: summaries/* SUMMARIES */.Z.audit,
    help: `Usage: stepwarden audit [FILE ...] [options]

Reads audit events as JSON lines \u2014 job trails ($RUNNER_TEMP/stepwarden/audit.jsonl), the broker's
audit log, GitHub organization audit-log exports (see docs/audit-github-log.md), in any mix \u2014 and
reports what the workload did (machine-initiated access) apart from what people did directly
(dispatches, re-runs, approvals, access-rule changes, the kill switch), with refusals and
machine-paced anomalies first. Streams: a log of a million events runs in bounded memory.

Arguments:
  FILE                input files; none or '-' reads standard input

Options:
  --format FORMAT     markdown (default) | json
                        markdown  the job summary the audit action writes (kept under 1 MiB)
                        json      { run, workload: [events], administrator: [events],
                                    anomalies, workload_groups, totals }; every event carries its
                                    classification { class, initiator, rule }
  --event-path PATH   a GitHub event payload (GITHUB_EVENT_PATH): adds who or what started the run
                      (dispatch inputs, re-run) and the access-rule changes of a push
  --event-name NAME   the event of --event-path (default GITHUB_EVENT_NAME, else guessed from the payload)
  --manifest PATH     the manifest path whose changes count as access-rule changes
                      (default ${schema/* MANIFEST_PATH */.U4})
  --output FILE       write the report to FILE (atomically) instead of standard output
${thresholdHelp}
  -h, --help          this help

Exit codes:
  0  the input shows no anomaly (nothing is verified: a job's trail is writable by its steps)
  1  anomalies (a refusal is one when --refusals is 0, the default)
  2  cannot read: a missing file, bad arguments, or input in which no line is an audit event
Lines that are not events are reported on stderr with file:line and counted in totals.malformed.

Classification rules and ambiguous cases: docs/audit.md.

Examples:
  stepwarden audit "$RUNNER_TEMP/stepwarden/audit.jsonl"
  stepwarden audit broker-audit.jsonl --format json --output audit.json
  gh api --paginate "/orgs/ORG/audit-log?include=all" --jq '.[]' | stepwarden audit - --refusals 5
`,
    async run(argv, io) {
        if ((0,command/* wantsHelp */.lx)(argv)) {
            io.stdout(this.help);
            return command/* EXIT */.dc.ok;
        }
        const { values, positionals } = (0,command/* parseCommandArgs */.Qx)('audit', argv, {
            format: { type: 'string', default: 'markdown' },
            'event-path': { type: 'string' },
            'event-name': { type: 'string' },
            manifest: { type: 'string', default: schema/* MANIFEST_PATH */.U4 },
            output: { type: 'string' },
            ...Object.fromEntries(anomalies/* THRESHOLD_KEYS */.Hj.map((k) => [k, { type: 'string' }])),
        }, true);
        const format = values.format;
        if (!FORMATS.includes(format))
            throw new command/* UsageError */.eb(`unknown --format '${format}'; one of: ${FORMATS.join(', ')}`);
        let thresholds;
        try {
            thresholds = (0,anomalies/* parseThresholds */.S)((k) => values[k], (k) => `--${k}`);
        }
        catch (err) {
            throw new command/* UsageError */.eb(err.message);
        }
        const files = positionals.length ? positionals : ['-'];
        const sources = [];
        for (const f of files) {
            if (f === '-') {
                const stdin = io.stdinStream ?? external_node_stream_.Readable.from([await io.readStdin()]);
                sources.push({ name: '-', stream: stdin });
                continue;
            }
            const path = (0,external_node_path_.resolve)(io.cwd, f);
            const st = (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false });
            if (!st?.isFile())
                throw new command/* UsageError */.eb(`${f}: no such file; give audit trails or logs (JSON lines)`);
            sources.push({ name: f, stream: (0,external_node_fs_.createReadStream)(path) });
        }
        const spool = format === 'json' ? new JsonSpool() : undefined;
        let pending;
        const builder = new report/* AuditReportBuilder */.b({
            thresholds,
            ...(spool
                ? {
                    onEvent: (e, c) => {
                        pending = spool.add(e, c) ?? pending;
                    },
                }
                : {}),
        });
        const problems = [];
        let problemCount = 0;
        const onProblem = (p) => {
            problemCount++;
            builder.malformed();
            if (problems.length < SHOWN_PROBLEMS)
                problems.push(p);
        };
        try {
            if (values['event-path'])
                for (const e of payloadEvents((0,external_node_path_.resolve)(io.cwd, values['event-path']), values['event-name'], io, values.manifest))
                    builder.add(e);
            const lines = await streamAuditEvents(sources, (e) => {
                builder.add(e);
                // Wait for the spool when it asks, so a slow disk cannot make events pile up in memory.
                const p = pending;
                pending = undefined;
                return p;
            }, onProblem);
            for (const p of problems)
                io.stderr(`${p.file}:${p.line}: ${p.message}\n`);
            if (problemCount > problems.length)
                io.stderr(`\u2026 and ${problemCount - problems.length} more unreadable lines\n`);
            const report = builder.finish();
            if (report.totals.events === 0 && problemCount > 0) {
                spool?.discard();
                io.stderr(`stepwarden audit: cannot read: none of ${lines} lines is an audit event or a GitHub audit-log entry\n`);
                return command/* EXIT */.dc.usage;
            }
            await emit(io, values.output ? (0,external_node_path_.resolve)(io.cwd, values.output) : undefined, async (out) => {
                if (spool)
                    await spool.finish(report, out);
                else
                    out.write((0,render_markdown/* renderAuditMarkdown */.ti)(report, { version: version/* VERSION */.x }));
            });
            return report.totals.anomalies > 0 ? command/* EXIT */.dc.findings : command/* EXIT */.dc.ok;
        }
        catch (err) {
            spool?.discard();
            throw err;
        }
    },
};
/** Writes to FILE whole or not at all (shared/cli/output-file.ts), or to stdout. */
async function emit(io, file, write) {
    if (!file) {
        const out = io.stdoutStream ??
            new external_node_stream_.Writable({
                write(chunk, _enc, cb) {
                    io.stdout(chunk.toString());
                    cb();
                },
            });
        await write(out);
        return;
    }
    const out = await (0,output_file/* openOutputStream */.I)(file);
    try {
        await write(out.stream);
        await out.commit();
    }
    catch (err) {
        await out.abort();
        throw err;
    }
}


/***/ })

};
