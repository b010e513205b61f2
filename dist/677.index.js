export const id = 677;
export const ids = [677];
export const modules = {

/***/ 7789:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ crossChecked)
/* harmony export */ });
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3243);
/* harmony import */ var _yaml_located_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4325);
/**
 * A second, plain reading of each workflow file the diff judges. The located tree the model is built
 * from has read valid workflows as empty before (flow-style collections); a diff that trusts one
 * reader says "no changes" whenever that reader misses something. When the model's jobs, steps or
 * `permissions:` blocks disagree with a plain js-yaml parse of the same text, the file becomes an
 * error model: the diff reports it as "cannot judge" instead of as what the model claims. Pure.
 */

// The located reader's schema: YAML 1.2 core (numbers as the `yaml` package reads them) plus `<<` merge keys.

const isMap = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
/** Steps, counting those of `parallel:` groups as the model lists them (each group once). */
function stepCount(steps, seen) {
    if (!Array.isArray(steps))
        return 0;
    let n = 0;
    for (const s of steps) {
        n++;
        const group = isMap(s) ? s.parallel : undefined;
        if (Array.isArray(group) && !seen.has(group)) {
            seen.add(group);
            n += stepCount(group, seen);
        }
    }
    return n;
}
/** What a plain parse says of each job: its steps and whether it has a `permissions:` block. */
function plainJobs(text) {
    let plain;
    try {
        plain = js_yaml__WEBPACK_IMPORTED_MODULE_0__/* ["default"].load */ .Ay.load(text, { schema: _yaml_located_js__WEBPACK_IMPORTED_MODULE_1__/* .SCHEMA */ .yx });
    }
    catch {
        return undefined;
    }
    if (!isMap(plain) || !isMap(plain.jobs))
        return new Map();
    return new Map(Object.entries(plain.jobs).map(([id, j]) => [
        id,
        {
            steps: isMap(j) ? stepCount(j.steps, new Set()) : 0,
            permissions: isMap(j) && 'permissions' in j,
        },
    ]));
}
function crossChecked(model, text) {
    if (model.error)
        return model;
    const plain = plainJobs(text);
    // A file js-yaml cannot read while the model could is left to the model's own checks.
    if (!plain)
        return model;
    const disagree = (why) => ({
        file: model.file,
        path: model.path,
        triggers: [],
        jobs: [],
        error: {
            message: `stepwarden's reading of this file disagrees with a plain YAML parse (${why}; stepwarden vs plain), so it cannot judge what the file grants`,
            line: 1,
        },
    });
    const ids = model.jobs.map((j) => j.id).sort();
    const plainIds = [...plain.keys()].sort();
    if (ids.join('\n') !== plainIds.join('\n'))
        return disagree(`jobs: ${ids.join(', ') || 'none'} vs ${plainIds.join(', ') || 'none'}`);
    for (const j of model.jobs) {
        const p = plain.get(j.id);
        if (p.steps !== j.steps.length)
            return disagree(`job '${j.id}' has ${j.steps.length} vs ${p.steps} steps`);
        if (p.permissions !== (j.permissions !== undefined))
            return disagree(`job '${j.id}' permissions block ${j.permissions ? 'present' : 'absent'} vs ${p.permissions ? 'present' : 'absent'}`);
    }
    return model;
}


/***/ }),

/***/ 6044:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Yo: () => (/* binding */ DESCRIPTION_CUT),
  V1: () => (/* binding */ diffSnapshots)
});

// UNUSED EXPORTS: describeJob

// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(8276);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(3966);
// EXTERNAL MODULE: ./shared/diff/policy.ts + 1 modules
var policy = __webpack_require__(7044);
;// CONCATENATED MODULE: ./shared/diff/renames.ts
function similarity(a, b) {
    const x = new Set(a.jobs.keys());
    const y = new Set(b.jobs.keys());
    const inter = [...x].filter((k) => y.has(k)).length;
    const union = new Set([...x, ...y]).size;
    return union === 0 ? 0 : inter / union;
}
/** head name -> base name, for files only on one side each. */
function matchRenames(base, head) {
    const removed = [...base.keys()].filter((n) => !head.has(n));
    const added = [...head.keys()].filter((n) => !base.has(n));
    const pairs = [];
    for (const from of removed)
        for (const to of added)
            pairs.push({ from, to, score: similarity(base.get(from), head.get(to)) });
    pairs.sort((p, q) => q.score - p.score || p.to.localeCompare(q.to));
    const out = new Map();
    const used = new Set();
    for (const p of pairs) {
        if (p.score < 0.5 || out.has(p.to) || used.has(p.from))
            continue;
        out.set(p.to, p.from);
        used.add(p.from);
    }
    return out;
}

// EXTERNAL MODULE: ./shared/diff/snapshot.ts
var snapshot = __webpack_require__(2794);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/manifest/own.ts
var own = __webpack_require__(7894);
// EXTERNAL MODULE: ./shared/workflow/secrets.ts
var secrets = __webpack_require__(3803);
;// CONCATENATED MODULE: ./shared/diff/diff.ts
/**
 * The diff of two access snapshots: each change with its direction, widened first. Pure.
 * Property: diff(a, a) is empty, and swapping the sides flips every effect.
 */








const setDiff = (a, b) => [...b].filter((x) => !a.has(x));
/**
 * A job that becomes able to be shown as another job of its file (a `name:` that is another job's id,
 * or made only of expressions): the broker verifies jobs by their shown name, so it can claim that
 * job's credential grants (shared/workflow/job-names.ts). Widened; the reverse narrowed.
 */
function shownAsChanges(base, a, b) {
    const before = a?.shownAs ?? new Set();
    const after = b.shownAs ?? new Set();
    return [
        ...setDiff(before, after).map((other) => ({
            ...base,
            kind: 'job',
            subject: `shown as job '${other}'`,
            before: null,
            after: `its name can be job '${other}''s, whose credential grants it can then claim`,
            effect: 'widened',
        })),
        ...(a
            ? setDiff(after, before).map((other) => ({
                ...base,
                kind: 'job',
                subject: `shown as job '${other}'`,
                before: `its name could be job '${other}''s`,
                after: null,
                effect: 'narrowed',
            }))
            : []),
    ];
}
/**
 * The job's `if:` on a workflow a fork's pull request reaches with the base's token and secrets
 * (snapshot.ts `guard`), when the job holds something there: a write permission, a secret or an
 * environment. Removed or rewritten is widened (whether a rewrite still keeps forks out is not
 * decided here); added narrowed, unless it uses a status function.
 */
function guardChanges(base, a, b) {
    if (a.guard === undefined || b.guard === undefined || a.guard === b.guard)
        return [];
    const holds = scopes/* SCOPE_NAMES */._W.some((s) => (0,scopes/* levelRank */.Le)(b.permissions[s]) > (0,scopes/* levelRank */.Le)('read')) ||
        b.secrets.size > 0 ||
        b.environments.size > 0;
    if (!holds)
        return [];
    const added = a.guard === snapshot/* NO_GUARD */.Uj && !(0,snapshot/* hasStatusFunction */.vH)(b.guard);
    return [
        {
            ...base,
            kind: 'job',
            subject: 'if:',
            before: a.guard,
            after: added
                ? b.guard
                : `${b.guard}; the job may now run for outsiders (a fork's pull request, a comment) with the base ` +
                    "repository's token and secrets where its if: (or its event's filters) kept them out; review it, or keep a guard such as " +
                    'github.event.pull_request.head.repo.full_name == github.repository',
            effect: added ? 'narrowed' : 'widened',
        },
    ];
}
/** Why a runner outside GitHub's hosted pool is a row, and what to do about it. */
const RUNNER_FIX = "not GitHub-hosted: the job's code runs on a machine that may keep state between jobs and reach its " +
    "network; review the runner change (a credential grant's when.runner-environment: github-hosted " +
    'keeps its credential off such runners)';
/**
 * What a computed value's sources are, as a row names them: every text the diff compares for it
 * (shared/workflow/parse.ts sourcesReading, stepWithSources; shared/diff/snapshot.ts), so a reviewer
 * knows where to look; session 31 added env, steps, needed jobs and local actions to them, session 32
 * the repository's files (shared/diff/repo-files.ts).
 */
const COMPUTED_SOURCES = "(its sources: the job's strategy, env or steps, the workflow's env or inputs, the caller's with:, a needed job, a local action or a file of the repository their steps run)";
/**
 * The runners a job can reach that are not GitHub-hosted (snapshot.ts runnersOf): one new is widened,
 * one dropped narrowed; a `runs-on:` expression whose sources (strategy, inputs, caller's `with:`)
 * changed may name another runner under the same text, widened.
 */
function runnerChanges(base, a, b) {
    const x = a.runners ?? new Set();
    const y = b.runners ?? new Set();
    const all = (s) => (s.size ? [...s].join('; ') : 'GitHub-hosted');
    const out = [
        ...setDiff(x, y).map((r) => ({
            ...base,
            kind: 'job',
            subject: 'runner',
            before: all(x),
            after: `${r}; ${r.startsWith('cannot tell') ? 'treated as ' : ''}${RUNNER_FIX}`,
            effect: 'widened',
        })),
        ...setDiff(y, x).map((r) => ({
            ...base,
            kind: 'job',
            subject: 'runner',
            before: r,
            after: all(y),
            effect: 'narrowed',
        })),
    ];
    if (a.runnerSources !== undefined &&
        b.runnerSources !== undefined &&
        a.runnerSources !== b.runnerSources &&
        out.every((c) => c.effect !== 'widened'))
        out.push({
            ...base,
            kind: 'job',
            subject: 'runner',
            before: 'as in the base',
            after: `what runs-on can name changed ${COMPUTED_SOURCES}: ${[...y]
                .filter((r) => r.startsWith('cannot tell'))
                .join('; ')}, treated as ${RUNNER_FIX}`,
            effect: 'widened',
        });
    return out;
}
function jobChanges(workflow, path, job, a, b) {
    const out = [];
    const at = b ? { file: path, line: b.line } : {};
    const base = { workflow, job, ...at };
    if (!a || !b) {
        const text = describeJob((a ?? b));
        return [
            {
                ...base,
                kind: 'job',
                subject: job,
                before: a ? text : null,
                after: b ? text : null,
                effect: b ? 'widened' : 'narrowed',
            },
            ...(b ? shownAsChanges(base, undefined, b) : []),
        ];
    }
    out.push(...shownAsChanges(base, a, b));
    for (const s of scopes/* SCOPE_NAMES */._W) {
        const x = a.permissions[s];
        const y = b.permissions[s];
        if (x !== y)
            out.push({
                ...base,
                kind: 'permission',
                subject: s,
                before: x,
                after: y,
                effect: (0,scopes/* levelRank */.Le)(y) > (0,scopes/* levelRank */.Le)(x) ? 'widened' : 'narrowed',
            });
    }
    for (const s of setDiff(a.secrets, b.secrets))
        out.push({ ...base, kind: 'secret', subject: s, before: null, after: s, effect: 'widened' });
    for (const s of setDiff(b.secrets, a.secrets))
        out.push({ ...base, kind: 'secret', subject: s, before: s, after: null, effect: 'narrowed' });
    for (const e of setDiff(a.environments, b.environments))
        out.push({ ...base, kind: 'environment', subject: e, before: null, after: e, effect: 'widened' });
    for (const e of setDiff(b.environments, a.environments))
        out.push({ ...base, kind: 'environment', subject: e, before: e, after: null, effect: 'narrowed' });
    // An environment written as an expression names what its sources say: a matrix, `on` inputs or a
    // caller's `with:` that changed may name another environment (and its secrets) under the same text.
    if (a.environmentSources !== undefined &&
        b.environmentSources !== undefined &&
        a.environmentSources !== b.environmentSources)
        out.push({
            ...base,
            kind: 'environment',
            subject: [...b.environments].filter((e) => e.includes('${{')).join(', '),
            before: 'as in the base',
            after: `what the expression can name changed ${COMPUTED_SOURCES}`,
            effect: 'widened',
        });
    // A secret read by a computed name (`*` on both sides) is the secret its sources name: a matrix
    // `include:`, an input's default or a caller's `with:` that changed may hand the job another secret
    // while every expression reads the same (session 28).
    if (a.secretSources !== undefined && b.secretSources !== undefined && a.secretSources !== b.secretSources)
        out.push({
            ...base,
            kind: 'secret',
            subject: secrets/* WHOLE_SECRETS */.M,
            before: 'as in the base',
            after: `what the name can be changed ${COMPUTED_SOURCES}`,
            effect: 'widened',
        });
    // The gate: disarmed (or removed) is widened, whatever the permissions say.
    if ((0,snapshot/* isArmed */.UP)(a.gate) !== (0,snapshot/* isArmed */.UP)(b.gate))
        out.push({
            ...base,
            kind: 'job',
            subject: 'actions/enforce gate',
            before: a.gate ?? 'none',
            after: b.gate ?? 'removed',
            effect: (0,snapshot/* isArmed */.UP)(a.gate) ? 'widened' : 'narrowed',
        });
    else if ((0,snapshot/* isArmed */.UP)(a.gate) && a.gate !== b.gate)
        out.push({
            ...base,
            kind: 'job',
            subject: 'actions/enforce gate',
            before: a.gate,
            after: b.gate,
            effect: (0,snapshot/* gateSourceEffect */.Mm)(a.gate, b.gate),
        });
    // Where stepwarden's steps send the job's OIDC token (snapshot.ts tokenSinks).
    const sinksA = a.tokenSinks ?? new Set();
    const sinksB = b.tokenSinks ?? new Set();
    for (const d of setDiff(sinksA, sinksB))
        out.push({
            ...base,
            kind: 'job',
            subject: "OIDC token sent by stepwarden's steps",
            before: null,
            after: d,
            effect: 'widened',
        });
    for (const d of setDiff(sinksB, sinksA))
        out.push({
            ...base,
            kind: 'job',
            subject: "OIDC token sent by stepwarden's steps",
            before: d,
            after: null,
            effect: 'narrowed',
        });
    out.push(...guardChanges(base, a, b));
    out.push(...runnerChanges({ ...base, ...(b.runnerLine ? { line: b.runnerLine } : {}) }, a, b));
    for (const [uses, pinned] of b.actions) {
        // A local action the check cannot read runs steps nobody judged (session 11).
        const unread = b.unread?.get(uses);
        if (!a.actions.has(uses))
            out.push({
                ...base,
                kind: 'action',
                subject: uses,
                before: null,
                after: unread !== undefined ? `not read: ${unread}` : pinned ? 'pinned' : 'unpinned',
                effect: 'widened',
            });
        else if (unread !== undefined && (!a.unread?.has(uses) || b.held?.has(uses)))
            out.push({
                ...base,
                kind: 'action',
                subject: uses,
                before: a.unread?.has(uses) ? `not read: ${a.unread.get(uses)}` : 'read',
                after: `not read: ${unread}`,
                effect: 'widened',
            });
    }
    for (const [uses, pinned] of a.actions) {
        if (!b.actions.has(uses))
            out.push({
                ...base,
                kind: 'action',
                subject: uses,
                before: pinned ? 'pinned' : 'unpinned',
                after: null,
                effect: 'narrowed',
            });
    }
    return out;
}
/** Room for a job's description in one row (the artifact caps `before`/`after` at 1,000). */
const DESCRIBE_MAX = 900;
/** How a job's description past DESCRIBE_MAX ends: what follows was not kept, so no one was shown it. */
const DESCRIPTION_CUT = '\u2026 (cut)';
/**
 * Everything a job that appears or disappears holds, for its one row: a new job with no
 * permissions can still take every secret (`secrets: inherit`), an environment's secrets, or run an
 * unpinned action.
 */
function describeJob(j) {
    const held = scopes/* SCOPE_NAMES */._W.filter((s) => j.permissions[s] !== 'none').map((s) => `${s}:${j.permissions[s]}`);
    // `NAME \u2192 owner/repo` entries repeat what the job's secrets and its `uses:` (an action) already say.
    const secrets = [...j.secrets].filter((s) => s !== 'inherit' && !s.includes(snapshot/* HANDED_TO */.dN)).sort();
    const parts = [held.length ? `permissions: ${held.join(' ')}` : 'no permissions'];
    if (j.secrets.has('inherit'))
        parts.push('secrets: inherit');
    if (secrets.length)
        parts.push(`secrets: ${secrets.join(', ')}`);
    if (j.environments.size)
        parts.push(`environments: ${[...j.environments].sort().join(', ')}`);
    if (j.actions.size)
        parts.push(`actions: ${[...j.actions]
            .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
            .map(([u, pinned]) => (j.unread?.has(u) ? `${u} (not read)` : pinned ? u : `${u} (unpinned)`))
            .join(', ')}`);
    if (j.runners?.size)
        parts.push(`runners not GitHub-hosted: ${[...j.runners].join('; ')}`);
    const text = parts.join('; ');
    return text.length <= DESCRIBE_MAX ? text : `${text.slice(0, DESCRIBE_MAX)}${DESCRIPTION_CUT}`;
}
function unreadable(name, w) {
    return {
        workflow: name,
        job: null,
        kind: 'unreadable',
        subject: w.path,
        before: null,
        after: `cannot judge: ${w.error.message}`,
        effect: 'cannot-judge',
        file: w.path,
        line: w.error.line,
    };
}
function workflowChanges(name, before, b, renamedFrom) {
    // A head file that does not parse hides what it holds: never "removed", never "unchanged".
    if (b?.error)
        return [unreadable(name, b)];
    // A base file that did not parse held unknown access: judge the head as if it were new.
    const a = before?.error ? undefined : before;
    // A base file that did not parse, removed by the head: whatever it held is gone, nothing widens.
    if (!a && !b)
        return [];
    if (!a || !b) {
        const present = (a ?? b);
        return [
            {
                workflow: name,
                job: null,
                kind: 'workflow',
                subject: name,
                before: a ? [...a.triggers].join(' ') : null,
                after: b ? [...b.triggers].join(' ') : null,
                effect: b ? 'widened' : 'narrowed',
                ...(b ? { file: b.path, line: 1 } : {}),
            },
            ...[...present.jobs.entries()].flatMap(([job, j]) => jobChanges(name, present.path, job, a ? j : undefined, b ? j : undefined)),
        ];
    }
    const out = [];
    const base = { workflow: name, job: null, file: b.path, line: 1, ...(renamedFrom ? { renamedFrom } : {}) };
    for (const t of setDiff(a.triggers, b.triggers))
        out.push({ ...base, kind: 'trigger', subject: t, before: null, after: t, effect: 'widened' });
    for (const t of setDiff(b.triggers, a.triggers))
        out.push({ ...base, kind: 'trigger', subject: t, before: t, after: null, effect: 'narrowed' });
    const jobs = new Set([...a.jobs.keys(), ...b.jobs.keys()]);
    for (const job of jobs)
        out.push(...jobChanges(name, b.path, job, a.jobs.get(job), b.jobs.get(job)));
    return out.map((c) => (renamedFrom ? { ...c, renamedFrom } : c));
}
function manifestChanges(a, b, manifestFile) {
    const out = [];
    if (b)
        out.push(...(0,policy/* manifestPolicyChanges */.V)(a?.value, b.value, manifestFile, b.lineOf ?? (() => 1)));
    const empty = {
        credentials: new Map(),
        permissions: new Map(),
        secrets: new Map(),
        triggers: new Map(),
    };
    // A base manifest the broker refused whole (ERR_MANIFEST_UNBOUND) issued none of its grants: bound
    // by the head, each of them is a new one, though its text reads the same (session 39).
    const x = a && (0,schema/* bindsUnbound */.Y9)(a.value, b?.value) ? { ...a, credentials: empty.credentials } : (a ?? empty);
    const y = b ?? empty;
    const split = snapshot/* splitJobKey */.B8;
    // Lines point into the head manifest; a removed entry points at its nearest surviving parent.
    const at = (path) => b?.lineOf ? { file: manifestFile, line: b.lineOf(path) } : { file: manifestFile };
    const grantIndex = (workflow, job, id) => {
        const i = ((0,own/* own */.Z)((0,own/* own */.Z)(b?.value.workflows, workflow)?.jobs, job)?.credentials ?? []).findIndex((g) => `${g.step}@${g.audience}` === id);
        return i < 0 ? [] : [i];
    };
    for (const key of new Set([...x.credentials.keys(), ...y.credentials.keys()])) {
        const { workflow, job } = split(key);
        const cx = x.credentials.get(key) ?? new Map();
        const cy = y.credentials.get(key) ?? new Map();
        for (const id of new Set([...cx.keys(), ...cy.keys()])) {
            const p = cx.get(id);
            const q = cy.get(id);
            const text = (c) => c ? `${c.access} ttl ${c.ttl}s${c.uses > 1 ? ` uses ${c.uses}` : ''}` : null;
            if (text(p) === text(q))
                continue;
            let effect = 'widened';
            if (!q)
                effect = 'narrowed';
            else if (p)
                effect = credentialWider(p, q) ? 'widened' : 'narrowed';
            out.push({
                workflow,
                job,
                kind: 'credential',
                subject: id,
                before: text(p),
                after: text(q),
                effect,
                ...at(['workflows', workflow, 'jobs', job, 'credentials', ...grantIndex(workflow, job, id)]),
            });
        }
    }
    for (const key of new Set([...x.permissions.keys(), ...y.permissions.keys()])) {
        const { workflow, job } = split(key);
        const p = x.permissions.get(key);
        const q = y.permissions.get(key);
        for (const s of scopes/* SCOPE_NAMES */._W) {
            const before = p?.[s] ?? 'none';
            const after = q?.[s] ?? 'none';
            if (before !== after)
                out.push({
                    workflow,
                    job,
                    kind: 'manifest',
                    subject: `permissions.${s}`,
                    before,
                    after,
                    effect: (0,scopes/* levelRank */.Le)(after) > (0,scopes/* levelRank */.Le)(before) ? 'widened' : 'narrowed',
                    ...at(['workflows', workflow, 'jobs', job, 'permissions', s]),
                });
        }
        const sx = x.secrets.get(key) ?? new Set();
        const sy = y.secrets.get(key) ?? new Set();
        for (const s of setDiff(sx, sy))
            out.push({
                workflow,
                job,
                kind: 'manifest',
                subject: `secrets.${s}`,
                before: null,
                after: s,
                effect: 'widened',
                ...at(['workflows', workflow, 'jobs', job, 'secrets']),
            });
        for (const s of setDiff(sy, sx))
            out.push({
                workflow,
                job,
                kind: 'manifest',
                subject: `secrets.${s}`,
                before: s,
                after: null,
                effect: 'narrowed',
                ...at(['workflows', workflow, 'jobs', job, 'secrets']),
            });
    }
    // A reusable workflow's grants are judged by its caller's triggers, and the broker reads a caller the
    // manifest does not list as allowing every event but the explicit-only ones: on a side where some
    // `callers:` names a file, that file is judged as listed without `triggers` (session 7: dropping a
    // caller's entry made its callee claimable on every event, and the diff said "narrowed").
    const callersA = callerFiles(a?.value);
    const callersB = callerFiles(b?.value);
    const listedX = (wf) => x.triggers.has(wf) || callersA.has(wf);
    const listedY = (wf) => y.triggers.has(wf) || callersB.has(wf);
    for (const wf of new Set([...x.triggers.keys(), ...y.triggers.keys(), ...callersA, ...callersB])) {
        const allowed = (set, t) => set ? set.has(t) : !effective_policy/* EXPLICIT_ONLY_TRIGGERS */.yY.includes(t);
        const tx = x.triggers.get(wf);
        const ty = y.triggers.get(wf);
        const names = new Set([...(tx ?? []), ...(ty ?? []), ...effective_policy/* EXPLICIT_ONLY_TRIGGERS */.yY]);
        // Dropping the list allows every event but the explicit-only ones, not only those named above.
        if (tx && !ty && listedY(wf))
            out.push({
                workflow: wf,
                job: null,
                kind: 'manifest',
                subject: 'triggers',
                before: [...tx].join(' '),
                after: `any event but ${effective_policy/* EXPLICIT_ONLY_TRIGGERS */.yY.join(', ')}`,
                effect: 'widened',
                ...at(['workflows', wf]),
            });
        for (const t of names) {
            const before = listedX(wf) ? allowed(tx, t) : false;
            const after = listedY(wf) ? allowed(ty, t) : false;
            if (before !== after && (tx || ty))
                out.push({
                    workflow: wf,
                    job: null,
                    kind: 'manifest',
                    subject: `triggers.${t}`,
                    before: before ? 'allowed' : null,
                    after: after ? 'allowed' : null,
                    effect: after ? 'widened' : 'narrowed',
                    ...at(['workflows', wf, 'triggers']),
                });
        }
    }
    return out;
}
const APP_RANK = { read: 1, write: 2, admin: 3 };
const appRank = (l) => (l === undefined ? 0 : (APP_RANK[l] ?? 4));
/**
 * Whether a grant's head form issues anything its base form does not: a permission at a higher level,
 * another repository, another JWT scope value, a longer lifetime, more claims. A level lowered or a
 * list reordered is not (session 7: `write` -> `read` and `[a, b]` -> `[b, a]` were widened). Dropping
 * a repository other than `self` while others remain is (see below).
 */
function credentialWider(p, q) {
    if (q.ttl > p.ttl || q.uses > p.uses)
        return true;
    if (q.permissions || p.permissions) {
        const before = p.permissions ?? {};
        if (Object.entries(q.permissions ?? {}).some(([k, l]) => appRank(l) > appRank(before[k])))
            return true;
        const pr = p.repositories ?? new Set();
        const qr = q.repositories ?? new Set();
        if (setDiff(pr, qr).length > 0)
            return true;
        // The broker refuses a grant whole when one of its repositories lacks the organization's consent
        // (reach is not requested per repository), so dropping another repository while some remain can
        // bring a refused grant to life: widened, since the manifest alone cannot say it was consented.
        return qr.size > 0 && [...pr].some((r) => r !== 'self' && !qr.has(r));
    }
    return setDiff(p.scope ?? new Set(), q.scope ?? new Set()).length > 0;
}
/** The workflow files `callers:` entries name (`FILE` or `FILE/JOB`). */
function callerFiles(m) {
    return new Set(Object.values(m?.workflows ?? {}).flatMap((e) => (e.callers ?? []).map((c) => c.split('/')[0])));
}
const ORDER = [
    'workflow',
    'trigger',
    'job',
    'permission',
    'secret',
    'environment',
    'action',
    'credential',
    'manifest',
    'policy',
    'unreadable',
];
const EFFECT_ORDER = ['cannot-judge', 'widened', 'narrowed'];
/**
 * The base manifest as the renamed files read it: the manifest and the broker key grants by file
 * name, so a file renamed to a name with an entry of its own (a stale `nightly.yml` granting a wider
 * credential) takes that entry's grants while its jobs read the same. Each renamed file's entry in the
 * base is the one its old name had (none when the old name was not listed), so the head's entry is
 * compared with what those jobs held before, not with a file that did not exist.
 */
function asRenamed(m, renames) {
    if (!m || renames.size === 0)
        return m;
    const workflows = new Map(Object.entries(m.value.workflows));
    for (const [to, from] of renames) {
        const entry = Object.hasOwn(m.value.workflows, from) ? m.value.workflows[from] : undefined;
        if (entry)
            workflows.set(to, entry);
        else
            workflows.delete(to);
    }
    return (0,snapshot/* manifestSnap */.kX)({ ...m.value, workflows: Object.fromEntries(workflows) }, m.lineOf);
}
/**
 * The base manifest without the entries no job of the base could use and a job of the head does: an
 * entry for a job id (or a whole file) the base does not have, written ahead or left behind, grants
 * nothing until such a job runs. A pull request that renames a job into it, or adds the job or the
 * file, takes its grants with the manifest unchanged; compared with the base entry, the head showed
 * no credential row (session 21). An entry stale on both sides stays (no row); a base file that does
 * not parse keeps its entries (its jobs are not known).
 */
function asBaseJobsUseIt(m, base, head, renames) {
    if (!m)
        return m;
    let pruned = false;
    const workflows = [];
    for (const [name, entry] of Object.entries(m.value.workflows)) {
        const b = base.get(renames.get(name) ?? name);
        const h = head.get(name);
        if (!b && h?.jobIds) {
            // A file the base lacks, added by the head: the whole entry (its triggers too) is taken.
            pruned = true;
            continue;
        }
        const ids = b?.jobIds;
        const taken = h?.jobIds;
        const jobs = Object.entries(entry.jobs).filter(([job]) => !ids || !taken || ids.has(job) || !taken.has(job));
        if (jobs.length === Object.keys(entry.jobs).length)
            workflows.push([name, entry]);
        else {
            pruned = true;
            workflows.push([name, { ...entry, jobs: Object.fromEntries(jobs) }]);
        }
    }
    return pruned ? (0,snapshot/* manifestSnap */.kX)({ ...m.value, workflows: Object.fromEntries(workflows) }, m.lineOf) : m;
}
/**
 * A base file's callee instances keyed by the head's names of their renamed callers: a caller file
 * moved with its jobs the same leaves its callees' access the same, not one instance removed and
 * another added (widened) under the new name.
 */
function callersAsRenamed(w, toHead) {
    if (toHead.size === 0 || ![...w.jobs.values()].some((j) => j.instance))
        return w;
    const jobs = new Map();
    for (const [key, j] of w.jobs) {
        const callers = j.instance?.callers.map((c) => ({
            ...c,
            workflow: toHead.get(c.workflow) ?? c.workflow,
        }));
        jobs.set(j.instance ? (0,snapshot/* instanceKey */.pA)(j.instance.job, callers) : key, j);
    }
    return { ...w, jobs };
}
function diffSnapshots(base, head, manifestFile = '.github/access-manifest.yml') {
    const renames = matchRenames(base.workflows, head.workflows);
    const toHead = new Map([...renames].map(([to, from]) => [from, to]));
    const out = [];
    const seenBase = new Set();
    for (const [name, b] of head.workflows) {
        const from = base.workflows.has(name) ? name : renames.get(name);
        if (from)
            seenBase.add(from);
        const before = from ? base.workflows.get(from) : undefined;
        out.push(...workflowChanges(name, before && callersAsRenamed(before, toHead), b, from && from !== name ? from : undefined));
    }
    for (const [name, a] of base.workflows)
        if (!seenBase.has(name))
            out.push(...workflowChanges(name, a, undefined));
    out.push(...manifestChanges(asBaseJobsUseIt(asRenamed(base.manifest, renames), base.workflows, head.workflows, renames), head.manifest, manifestFile));
    return out.sort((p, q) => EFFECT_ORDER.indexOf(p.effect) - EFFECT_ORDER.indexOf(q.effect) ||
        p.workflow.localeCompare(q.workflow) ||
        (p.job ?? '').localeCompare(q.job ?? '') ||
        ORDER.indexOf(p.kind) - ORDER.indexOf(q.kind) ||
        p.subject.localeCompare(q.subject));
}


/***/ }),

/***/ 8920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ selectWorkflowEntries),
/* harmony export */   _s: () => (/* binding */ unreadableFile),
/* harmony export */   gZ: () => (/* binding */ MAX_FILE_BYTES),
/* harmony export */   h7: () => (/* binding */ heldActionProblem),
/* harmony export */   qn: () => (/* binding */ treeLister)
/* harmony export */ });
/* unused harmony export MAX_FILES */
/* harmony import */ var _workflow_load_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2884);
/* harmony import */ var _workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3246);
/**
 * Which entries of a commit's tree the diff reads, and why it cannot read the others: a symbolic
 * link, a submodule, a file over 1 MiB, or a workflow file beyond the limit. Pure; shared by the API
 * reader (github-source.ts) and the git-ref reader (source.ts).
 */


/** Workflow files read per side; every one beyond is "cannot judge", never left out. */
const MAX_FILES = 500;
/** Larger files are not read (the contents API itself stops returning content at 1 MB). */
const MAX_FILE_BYTES = 1024 * 1024;
const SYMLINK = '120000';
/** Why an entry cannot be read as a file, or undefined when it can. */
function unreadableReason(e) {
    if (e.type === 'blob' && e.mode === SYMLINK)
        return 'a symbolic link: stepwarden does not follow links, so what it points to is not judged';
    if (e.type === 'commit')
        return 'a submodule, not a file';
    if (e.type !== 'blob')
        return `a ${e.type}, not a file`;
    if ((e.size ?? 0) > MAX_FILE_BYTES)
        return `larger than 1 MiB (${e.size} bytes): not read; keep workflow files and the manifest small`;
    return undefined;
}
const errorModel = (path, message) => ({
    file: path.slice(path.lastIndexOf('/') + 1),
    path,
    triggers: [],
    jobs: [],
    error: { message, line: 1 },
});
/**
 * Which tree entries under `.github/workflows` are read, and an error model for every other one
 * (links, submodules, large files, files beyond the limit). Pure; shared by the git-ref reader.
 */
function selectWorkflowEntries(entries) {
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const errors = [];
    // A linked `.github` or `.github/workflows` hides every workflow behind it.
    for (const dir of ['.github', _workflow_load_js__WEBPACK_IMPORTED_MODULE_0__/* .WORKFLOWS_DIR */ .xs]) {
        const e = byPath.get(dir);
        if (e && e.type !== 'tree')
            errors.push(errorModel(dir, `${dir} is ${unreadableReason(e) ?? 'not a directory'}`));
    }
    const candidates = entries
        .filter((e) => {
        const parts = e.path.split('/');
        return parts.length === 3 && e.path.startsWith(`${_workflow_load_js__WEBPACK_IMPORTED_MODULE_0__/* .WORKFLOWS_DIR */ .xs}/`) && (0,_workflow_load_js__WEBPACK_IMPORTED_MODULE_0__/* .isWorkflowFileName */ .hq)(e.path);
    })
        .filter((e) => e.type !== 'tree')
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const toRead = [];
    for (const e of candidates) {
        const why = unreadableReason(e);
        if (why)
            errors.push(errorModel(e.path, why));
        else if (toRead.length >= MAX_FILES)
            errors.push(errorModel(e.path, `beyond the first ${MAX_FILES} workflow files, which is all stepwarden reads`));
        else
            toRead.push(e);
    }
    return { toRead, errors };
}
/** Why an entry cannot be read as the manifest or policy file, or undefined when it can. */
function unreadableFile(e, path) {
    const why = e && unreadableReason(e);
    return why ? `${path} is ${why}` : undefined;
}
/**
 * Why the repository's local action in `dir` is there but not read: its `action.yml`/`action.yaml`
 * entry is a link, a submodule or too large, or the directory or one above it is a link (a
 * recursive tree and `git ls-tree` list no path through a linked directory, so the action file is
 * simply absent). GitHub's runner follows the link in the checkout and runs what it points to, as
 * the check reports (unreadable-local-action); without this the diff read such an action as missing
 * (one an earlier step makes), and a head that pointed an existing link elsewhere changed nothing.
 * `entry` looks one path up in the commit's tree.
 */
async function heldActionProblem(dir, entry, 
// When given (the action file is not there): a name held only in another case is refused too.
list) {
    for (const name of ['action.yml', 'action.yaml']) {
        const path = dir ? `${dir}/${name}` : name;
        const why = unreadableFile(await entry(path), path);
        if (why)
            return { path, refused: why };
    }
    const parts = dir ? dir.split('/') : [];
    for (let i = 1; i <= parts.length; i++) {
        const path = parts.slice(0, i).join('/');
        const e = await entry(path);
        if (e && e.type !== 'tree')
            return { path, refused: `${path} is ${unreadableReason(e) ?? 'not a directory'}` };
    }
    return list ? (0,_workflow_case_fold_js__WEBPACK_IMPORTED_MODULE_1__/* .caseFoldedAction */ .zD)(dir, list) : undefined;
}
/** The names in each directory of a tree listing (`''` the root); a path that is no tree lists nothing. */
function treeLister(entries) {
    let children;
    const trees = new Set(['']);
    return async (dir) => {
        if (!children) {
            children = new Map();
            for (const e of entries) {
                if (e.type === 'tree')
                    trees.add(e.path);
                const slash = e.path.lastIndexOf('/');
                const parent = slash < 0 ? '' : e.path.slice(0, slash);
                const list = children.get(parent) ?? [];
                list.push(e.path.slice(slash + 1));
                children.set(parent, list);
            }
        }
        return trees.has(dir) ? { names: children.get(dir) ?? [] } : undefined;
    };
}


/***/ }),

/***/ 2979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ changedGateFiles),
/* harmony export */   a6: () => (/* binding */ localGates),
/* harmony export */   k9: () => (/* binding */ gateFileDirs),
/* harmony export */   zA: () => (/* binding */ blobId)
/* harmony export */ });
/* unused harmony export localGateRoot */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8817);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7521);
/**
 * A gate the repository carries (`uses: ./actions/enforce`, or a vendored `./x/stepwarden/actions/enforce`)
 * runs the files of the state being judged: its `action.yml`, the scripts beside it and the bundle it
 * starts (`$GITHUB_ACTION_PATH/../../dist/index.js`). A pull request that edits them keeps the gate
 * first and in enforce mode while it judges nothing, and no workflow or manifest line changes: the
 * diff said "No access changes". Each source lists the files under `ROOT/actions` and `ROOT/dist` of
 * every such gate with their git blob ids, and the diff names the files that differ (widened).
 * Without `enforce-repositories` pins only; with pins a local gate is no gate (the check reports it).
 */



/**
 * The repository-relative `actions` directory of a local gate, spelled as the `uses:` path spells it
 * (`actions` for `./actions/enforce`, `Actions` for `./Actions/Enforce`, which ownAction also takes
 * for the gate: the runner on Linux runs the files of that directory, so listing `actions/` missed
 * them, session 11), else undefined. A local `actions/audit` counts too: it may run after the gate
 * failed the job (its exemption from "runs after a failed gate"), with the job's token, on the same
 * files.
 */
function localGateRoot(uses) {
    const name = uses ? (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_1__/* .ownAction */ .Td)(uses) : undefined;
    if (!uses || (name !== 'enforce' && name !== 'audit'))
        return undefined;
    const dir = (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_2__/* .localActionDir */ .TT)(uses);
    if (dir === undefined)
        return undefined;
    const m = /^((?:.*\/)?actions)\/[^/]+$/i.exec(dir);
    return m ? m[1] : undefined;
}
/**
 * Where a local gate's files live, for its `actions` directory (localGateRoot): that directory and
 * `dist` beside it (the action runs `$GITHUB_ACTION_PATH/../../dist/index.js`).
 */
function gateFileDirs(root) {
    const slash = root.lastIndexOf('/');
    return [root, slash < 0 ? 'dist' : `${root.slice(0, slash)}/dist`];
}
/** Every local gate of the workflows (first step or not: moving it is another row), with a place to show. */
function localGates(workflows) {
    const out = new Map();
    for (const wf of workflows)
        for (const job of wf.jobs)
            for (const st of job.steps) {
                const root = localGateRoot(st.uses);
                if (root !== undefined && !out.has(root))
                    out.set(root, { file: wf.path, line: st.line, uses: st.uses });
            }
    return out;
}
/** Git's blob id of a text (`git hash-object`), so a directory and a ref of one state agree. */
function blobId(content) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
/** The files that differ between two listings (added, removed or changed), in path order. */
function changedGateFiles(a, b, root) {
    const dirs = gateFileDirs(root).map((d) => `${d}/`);
    const under = (p) => dirs.some((d) => p.startsWith(d));
    const paths = new Set([...a.keys(), ...b.keys()].filter(under));
    return [...paths].filter((p) => a.get(p) !== b.get(p)).sort();
}


/***/ }),

/***/ 7044:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  V: () => (/* binding */ manifestPolicyChanges),
  G: () => (/* binding */ orgPolicyChanges)
});

// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(8276);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/conditions/glob.ts
var glob = __webpack_require__(6863);
;// CONCATENATED MODULE: ./shared/diff/conditions.ts
/**
 * The direction of a change to grant conditions (`when:`), callers and trusted workflows. Pure.
 *
 * A condition is a constraint ANDed with the others, and each list is an OR of anchored globs. So:
 * a condition added narrows, one removed widens; a pattern added to a list widens, one removed
 * narrows; a value replaced (a boolean flipped, a claim's exact value changed) widens, because the new
 * set is not inside the old one. One containment is proved: a new exact value (no glob character) that
 * an old pattern already matches adds nothing (`refs/heads/*` -> `refs/heads/main` narrows). Nothing
 * else tries to prove that one glob contains another: a new pattern is reported as widened even when
 * an old one already covered it (over-reporting is approved by a person; under-reporting is not).
 *
 * `when.ref` absent is not "any ref": it means the default branch only, shown as the pseudo entry
 * `(default branch)` so that adding `ref: [refs/tags/v*]` reads as the tags widened and the default
 * branch dropped.
 */

const DEFAULT_BRANCH_ENTRY = '(default branch)';
/**
 * The old pattern that already matches every value the new entry can match, when that is provable:
 * the entry is an exact value and an old glob matches it (matched case-sensitively, which implies the
 * case-insensitive match some conditions use). `(default branch)` names no value, so nothing covers it.
 */
function coveringGlob(entry, old) {
    if (entry === DEFAULT_BRANCH_ENTRY || (0,glob/* isGlob */.fg)(entry))
        return undefined;
    return old.find((p) => p !== DEFAULT_BRANCH_ENTRY && (0,glob/* isGlob */.fg)(p) && (0,glob/* globMatch */.eu)(p, entry));
}
/**
 * Entries added to an OR-list widen, entries removed narrow. `globs`: the list's entries are matched as
 * condition globs (shared/conditions/glob.ts), so an added exact value an old glob matches narrows.
 */
function listChanges(path, a, b, globs = false) {
    const out = [];
    for (const e of b) {
        if (a.includes(e))
            continue;
        const within = globs ? coveringGlob(e, a) : undefined;
        out.push(within
            ? { path, before: null, after: e, effect: 'narrowed', entry: `${e} (within ${within})` }
            : { path, before: null, after: e, effect: 'widened', entry: e });
    }
    for (const e of a)
        if (!b.includes(e))
            out.push({ path, before: e, after: null, effect: 'narrowed', entry: e });
    return out;
}
const asList = (v) => typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
/**
 * One condition (a key of `when:` or of `when.claims`), absent meaning "no constraint". `globs`: its
 * values are matched as globs (every condition but `actor-id`, which is compared exactly).
 */
function constraintChanges(path, a, b, globs) {
    if (JSON.stringify(a) === JSON.stringify(b))
        return [];
    if (a === undefined)
        return [{ path, before: null, after: b, effect: 'narrowed' }];
    if (b === undefined)
        return [{ path, before: a, after: null, effect: 'widened' }];
    const la = asList(a);
    const lb = asList(b);
    if (la && lb)
        return listChanges(path, la, lb, globs);
    return [{ path, before: a, after: b, effect: 'widened' }];
}
/**
 * The changes between two `when:` blocks. `refDefault`: whether an absent `ref` means the default
 * branch only at this level (a grant or job whose manifest names no ref anywhere above it).
 */
function whenChanges(a, b, refDefault = true) {
    const out = [];
    const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
    for (const key of [...keys].sort()) {
        const x = a?.[key];
        const y = b?.[key];
        if (key === 'ref' && refDefault) {
            const la = x ?? [DEFAULT_BRANCH_ENTRY];
            const lb = y ?? [DEFAULT_BRANCH_ENTRY];
            out.push(...listChanges(['ref'], la, lb, true));
        }
        else if (key === 'claims') {
            const ca = (x ?? {});
            const cb = (y ?? {});
            for (const name of [...new Set([...Object.keys(ca), ...Object.keys(cb)])].sort())
                out.push(...constraintChanges(['claims', name], Object.hasOwn(ca, name) ? ca[name] : undefined, Object.hasOwn(cb, name) ? cb[name] : undefined, true));
        }
        else {
            out.push(...constraintChanges([key], x, y, key !== 'actor-id'));
        }
    }
    return out;
}

// EXTERNAL MODULE: ./shared/manifest/own.ts
var own = __webpack_require__(7894);
;// CONCATENATED MODULE: ./shared/diff/policy.ts
/**
 * Changes of the rules themselves, not of one job's access: the manifest's `policy`, `defaults`,
 * `repository` binding, job environments and every grant field beyond its access, and the
 * organization policy. Pure.
 *
 * Fields with a known direction are judged by it (`require-pinned-actions` off is widened, on is
 * narrowed; grant conditions, `calls`, `callers` and `trusted-workflows` by conditions.ts). Every other
 * difference, including fields this version does not know, is **widened**: a change nobody can prove
 * to narrow access must be approved like one that widens it.
 */




const show = (v) => v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
function push(ctx, path, before, after, effect, where = {}) {
    ctx.out.push({
        workflow: where.workflow ?? ctx.file,
        job: where.job ?? null,
        kind: 'policy',
        subject: where.subject ?? path.join('.'),
        before: show(before),
        after: show(after),
        effect,
        file: ctx.file,
        line: ctx.lineOf(path),
    });
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** Leaves of a plain value: objects recurse, arrays and scalars are leaves. */
function leaves(value, path, out) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
        const entries = Object.entries(value);
        // `when: {}` differs from no `when`; the root itself is not a field.
        if (entries.length === 0 && path.length > 0)
            out.set(JSON.stringify(path), { path, value });
        for (const [k, v] of entries)
            leaves(v, [...path, k], out);
        return;
    }
    if (value !== undefined)
        out.set(JSON.stringify(path), { path, value });
}
/** Every leaf that differs, as widened: the fail-closed default for fields without a known direction. */
function unknownChanges(ctx, a, b, path, where = {}) {
    const x = new Map();
    const y = new Map();
    leaves(a, [], x);
    leaves(b, [], y);
    for (const key of new Set([...x.keys(), ...y.keys()])) {
        const p = x.get(key);
        const q = y.get(key);
        if (same(p?.value, q?.value))
            continue;
        const rel = (q ?? p).path;
        push(ctx, [...(where.linePath ?? path), ...rel], p?.value, q?.value, 'widened', {
            ...(where.workflow !== undefined ? { workflow: where.workflow } : {}),
            ...(where.job !== undefined ? { job: where.job } : {}),
            subject: [where.prefix ?? path.join('.'), ...rel].filter((s) => s !== '').join('.'),
        });
    }
}
function levelChanges(ctx, path, a, b, rank, names, where = {}) {
    for (const s of new Set([...names, ...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
        const before = a?.[s] ?? 'none';
        const after = b?.[s] ?? 'none';
        if (before === after)
            continue;
        push(ctx, [...path, s], before, after, rank(after) > rank(before) ? 'widened' : 'narrowed', where);
    }
}
/** An allow-list where absent means "anything": dropping it widens, adding it narrows. */
function allowListChanges(ctx, path, a, b) {
    if (same(a, b))
        return;
    if (!a || !b) {
        push(ctx, path, a, b, b ? 'narrowed' : 'widened', {
            subject: `${path.join('.')} ${b ? 'added' : 'removed (any action allowed)'}`,
        });
        return;
    }
    for (const p of b.filter((v) => !a.includes(v)))
        push(ctx, path, null, p, 'widened', { subject: `${path.join('.')}: ${p}` });
    for (const p of a.filter((v) => !b.includes(v)))
        push(ctx, path, p, null, 'narrowed', { subject: `${path.join('.')}: ${p}` });
}
/** A deny-list: an entry removed widens, one added narrows. */
function denyListChanges(ctx, path, a, b) {
    for (const p of a.filter((v) => !b.includes(v)))
        push(ctx, path, p, null, 'widened', { subject: `${path.join('.')}: ${p}` });
    for (const p of b.filter((v) => !a.includes(v)))
        push(ctx, path, null, p, 'narrowed', { subject: `${path.join('.')}: ${p}` });
}
function boolChange(ctx, path, a, b, widenedWhen) {
    if (a !== b)
        push(ctx, path, String(a), String(b), b === widenedWhen ? 'widened' : 'narrowed');
}
/** Directed changes below `path` (a `when:` block or a list), each with its line and subject. */
function directed(ctx, path, changes, where) {
    for (const c of changes)
        push(ctx, [...path, ...c.path], c.before, c.after, c.effect, {
            ...(where.workflow !== undefined ? { workflow: where.workflow } : {}),
            ...(where.job !== undefined ? { job: where.job } : {}),
            subject: `${[where.prefix, ...c.path].filter((x) => x !== '').join('.')}${c.entry !== undefined ? `: ${c.entry}` : ''}`,
        });
}
const levelRankAny = (l) => (0,scopes/* levelRank */.Le)(l);
const APP_RANK = { none: 0, read: 1, write: 2, admin: 3 };
const appRank = (l) => APP_RANK[l] ?? 4;
/** Grant fields the access comparison in diff.ts already judges (access text, ttl, uses). */
const GRANT_ACCESS_KEYS = new Set([
    'step',
    'audience',
    'permissions',
    'repositories',
    'scope',
    'ttl',
    'uses',
]);
/**
 * Manifest changes that are not job permissions, secrets, triggers or grant access (diff.ts judges
 * those). `b` undefined: the head has no manifest, which diff.ts reports as every grant removed.
 */
function manifestPolicyChanges(a, b, file, lineOf) {
    if (!b)
        return [];
    const ctx = { file, lineOf, out: [] };
    const pa = a?.policy;
    const pb = b.policy;
    boolChange(ctx, ['policy', 'require-pinned-actions'], pa?.['require-pinned-actions'] ?? false, pb['require-pinned-actions'], false);
    allowListChanges(ctx, ['policy', 'allowed-actions'], pa?.['allowed-actions'], pb['allowed-actions']);
    const da = pa?.['repository-default-permissions'] ?? 'restricted';
    const db = pb['repository-default-permissions'];
    if (da !== db)
        push(ctx, ['policy', 'repository-default-permissions'], da, db, db === 'permissive' ? 'widened' : 'narrowed');
    levelChanges(ctx, ['defaults', 'permissions'], a?.defaults.permissions, b.defaults.permissions, levelRankAny, scopes/* SCOPE_NAMES */._W);
    // The branch a grant without `when.ref` is claimable from, for a broker reading manifests from a
    // directory (default main): another branch is another set of refs, so any change widens (session 7).
    const ba = a?.repository?.['default-branch'] ?? 'main';
    const bb = b.repository?.['default-branch'] ?? 'main';
    if (ba !== bb)
        push(ctx, ['repository', 'default-branch'], ba, bb, 'widened', {
            subject: 'repository.default-branch (grants without when.ref follow it)',
        });
    // The binding of grants to this repository: dropping or changing it widens, adding it narrows,
    // unless it binds a manifest the broker refused whole (no id or owner-id): that issues its grants
    // (their rows are widened in diff.ts), so the ids it adds are widened too (session 39).
    const binds = (0,schema/* bindsUnbound */.Y9)(a, b);
    for (const key of ['name', 'id', 'owner-id']) {
        const before = a?.repository?.[key];
        const after = b.repository?.[key];
        if (before === after)
            continue;
        const added = after !== undefined && before === undefined;
        if (added && binds && key !== 'name')
            push(ctx, ['repository', key], before, after, 'widened', {
                subject: `repository.${key} (binds the manifest: the broker now issues its grants)`,
            });
        else
            push(ctx, ['repository', key], before, after, added ? 'narrowed' : 'widened');
    }
    for (const [wf, entry] of Object.entries(b.workflows)) {
        const old = (0,own/* own */.Z)(a?.workflows, wf);
        for (const [job, j] of Object.entries(entry.jobs)) {
            const oj = (0,own/* own */.Z)(old?.jobs, job);
            const base = ['workflows', wf, 'jobs', job];
            for (const e of j.environments.filter((v) => !(oj?.environments ?? []).includes(v)))
                push(ctx, [...base, 'environments'], null, e, 'widened', {
                    workflow: wf,
                    job,
                    subject: `environments.${e}`,
                });
            for (const e of (oj?.environments ?? []).filter((v) => !j.environments.includes(v)))
                push(ctx, [...base, 'environments'], e, null, 'narrowed', {
                    workflow: wf,
                    job,
                    subject: `environments.${e}`,
                });
            // A list bounds a job's grants to its environments and refuses runs naming none; an emptied
            // list lets those runs through (a branch run with `environment:` edited out): wider.
            if (oj?.environments.length && j.environments.length === 0 && j.credentials.length)
                push(ctx, [...base, 'environments'], oj.environments.join(', '), null, 'widened', {
                    workflow: wf,
                    job,
                    subject: 'environments (emptied: runs without an environment are granted)',
                });
            // Conditions by their direction (conditions.ts); any other field of an existing grant widens
            // when changed, since nothing here proves it narrower.
            const jobNamesRef = Boolean(oj?.when?.ref ?? j.when?.ref);
            j.credentials.forEach((g, i) => {
                const og = oj?.credentials.find((x) => x.step === g.step && x.audience === g.audience);
                if (!og)
                    return; // a new grant is reported whole by diff.ts
                const prefix = `credentials.${g.step}@${g.audience}`;
                directed(ctx, [...base, 'credentials', i, 'when'], whenChanges(og.when, g.when, !jobNamesRef), {
                    workflow: wf,
                    job,
                    prefix: `${prefix}.when`,
                });
                const rest = (x) => Object.fromEntries(Object.entries(x).filter(([k]) => !GRANT_ACCESS_KEYS.has(k) && k !== 'when'));
                unknownChanges(ctx, rest(og), rest(g), [...base, 'credentials', i], { workflow: wf, job, prefix });
            });
            directed(ctx, [...base, 'when'], whenChanges(oj?.when, j.when), { workflow: wf, job, prefix: 'when' });
            // `calls:` is an allow-list (absent: no callee grant may be claimed through this job).
            for (const callee of new Set([...Object.keys(oj?.calls ?? {}), ...Object.keys(j.calls ?? {})]))
                directed(ctx, [...base, 'calls', callee], listChanges([], oj?.calls?.[callee] ?? [], j.calls?.[callee] ?? []), { workflow: wf, job, prefix: `calls.${callee}` });
            const known = new Set(['permissions', 'secrets', 'environments', 'credentials', 'when', 'calls']);
            const rest = (x) => x ? Object.fromEntries(Object.entries(x).filter(([k]) => !known.has(k))) : undefined;
            unknownChanges(ctx, rest(oj), rest(j), base, { workflow: wf, job, prefix: '' });
        }
        // `callers:` is an allow-list too (absent: no caller may).
        directed(ctx, ['workflows', wf, 'callers'], listChanges([], old?.callers ?? [], entry.callers ?? []), {
            workflow: wf,
            prefix: 'callers',
        });
        const rest = (x) => x
            ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'jobs' && k !== 'triggers' && k !== 'callers'))
            : undefined;
        unknownChanges(ctx, rest(old), rest(entry), ['workflows', wf], { workflow: wf, prefix: '' });
    }
    directed(ctx, ['trusted-workflows'], listChanges([], a?.['trusted-workflows'] ?? [], b['trusted-workflows'] ?? []), { prefix: 'trusted-workflows' });
    // Everything else at the top level, and in `policy`/`defaults` beyond the fields above.
    const top = (m) => {
        if (!m)
            return undefined;
        const { policy, defaults, repository: _r, workflows: _w, 'trusted-workflows': _t, ...others } = m;
        const { 'require-pinned-actions': _p, 'allowed-actions': _a, 'repository-default-permissions': _d, ...policyRest } = policy;
        const { permissions: _perm, ...defaultsRest } = defaults;
        return { ...others, policy: policyRest, defaults: defaultsRest };
    };
    unknownChanges(ctx, top(a), top(b), []);
    return ctx.out;
}
/**
 * The organization ceiling, as changed in the repository that holds it. An absent file (or field)
 * is no ceiling: removing one widens every repository of the organization.
 */
function orgPolicyChanges(a, b, file, lineOf) {
    const ctx = { file, lineOf, out: [] };
    const ceiling = (path, x, y, rank, names) => {
        if (same(x, y))
            return;
        if (!x || !y) {
            push(ctx, [path], x, y, y ? 'narrowed' : 'widened', {
                subject: `${path} ${y ? 'added' : 'removed (no ceiling)'}`,
            });
            return;
        }
        levelChanges(ctx, [path], x, y, rank, names);
    };
    ceiling('max-permissions', a?.['max-permissions'], b?.['max-permissions'], levelRankAny, scopes/* SCOPE_NAMES */._W);
    ceiling('max-credential-permissions', a?.['max-credential-permissions'], b?.['max-credential-permissions'], appRank, []);
    denyListChanges(ctx, ['forbidden-triggers'], a?.['forbidden-triggers'] ?? [], b?.['forbidden-triggers'] ?? []);
    boolChange(ctx, ['require-pinned-actions'], a?.['require-pinned-actions'] ?? false, b?.['require-pinned-actions'] ?? false, false);
    allowListChanges(ctx, ['allowed-actions'], a?.['allowed-actions'], b?.['allowed-actions']);
    const ta = a?.['max-credential-ttl'];
    const tb = b?.['max-credential-ttl'];
    if (ta !== tb)
        push(ctx, ['max-credential-ttl'], ta === undefined ? null : String(ta), tb === undefined ? null : String(tb), tb === undefined || (ta !== undefined && tb > ta) ? 'widened' : 'narrowed');
    const KNOWN = new Set([
        'max-permissions',
        'max-credential-permissions',
        'forbidden-triggers',
        'require-pinned-actions',
        'allowed-actions',
        'max-credential-ttl',
    ]);
    const rest = (x) => x ? Object.fromEntries(Object.entries(x).filter(([k]) => !KNOWN.has(k))) : undefined;
    unknownChanges(ctx, rest(a), rest(b), []);
    return ctx.out;
}


/***/ }),

/***/ 9966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ widenedDigest),
/* harmony export */   Pu: () => (/* binding */ widenedNotShown),
/* harmony export */   mS: () => (/* binding */ renderDiffJson),
/* harmony export */   ol: () => (/* binding */ digestOf),
/* harmony export */   rw: () => (/* binding */ renderDiffMarkdown),
/* harmony export */   tl: () => (/* binding */ MARKER)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4732);
/* harmony import */ var _diff_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6044);
/** The diff as JSON (a stable contract) and as the PR comment / job summary markdown. */



const MARKER = '<!-- stepwarden:access-diff -->';
/**
 * What an approval label approves: a digest of the widened and unjudged changes, kept in the comment
 * (`<!-- stepwarden:widened HEX -->`). A label found while the comment a person last read showed
 * another widening is not an approval of this one.
 */
function widenedDigest(changes) {
    const keys = changes
        .filter((c) => c.effect !== 'narrowed')
        .map((c) => JSON.stringify([c.effect, c.kind, c.workflow, c.job, c.subject, c.before, c.after]))
        .sort();
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(keys.join('\n')).digest('hex');
}
const DIGEST = /^<!-- stepwarden:widened ([0-9a-f]{64}) -->$/m;
/** The widened digest a comment body carries, if any. */
const digestOf = (body) => body ? DIGEST.exec(body)?.[1] : undefined;
function renderDiffJson(changes) {
    return `${JSON.stringify({
        changes: changes.map((c) => ({
            workflow: c.workflow,
            job: c.job,
            kind: c.kind,
            subject: c.subject,
            before: c.before,
            after: c.after,
            effect: c.effect,
            ...(c.file ? { file: c.file } : {}),
            ...(c.line ? { line: c.line } : {}),
            ...(c.renamedFrom ? { renamedFrom: c.renamedFrom } : {}),
        })),
    }, null, 2)}\n`;
}
const WIDENED = '### \u2b06\ufe0f Widened';
const NARROWED = '### \u2b07\ufe0f Narrowed';
/** Rows of the tables under `heading` in `text` (up to the next `### `), headers not counted. */
function rowsUnder(text, heading) {
    const at = text.indexOf(`\n${heading}\n`);
    if (at < 0)
        return 0;
    const rest = text.slice(at + heading.length + 2);
    const end = rest.indexOf('\n### ');
    return (end < 0 ? rest : rest.slice(0, end))
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| workflow |') && !l.startsWith('| --- |')).length;
}
/**
 * The note that ends a cut comment: outside any `<details>` the cut left open (inside one it would be
 * folded away), and saying how many widened and narrowed changes are not listed.
 */
function cutNote(kept, widened, narrowed, total) {
    const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
    const close = open > 0 ? `${'</details>\n\n'.repeat(open)}` : '';
    const w = widened - rowsUnder(kept, WIDENED);
    const n = narrowed - rowsUnder(kept, NARROWED);
    return `${close}> [!WARNING]\n> Cut to stay under GitHub's 65,536-character comment limit: **${w} of ${widened} widened** and ${n} of ${narrowed} narrowed changes are not listed here (every one counts for \`fail-on: widened\`, and no approval label approves a widening this comment cannot show: split the pull request). Run \`stepwarden diff BASE HEAD --format json\` for all ${total} changes.`;
}
/**
 * How many widened changes `body` (renderDiffMarkdown's) does not show whole: those a cut at the
 * comment limit left out (session 21), and those listed with a value clipped in its cell or cut by the
 * diff itself (a new job's description past 900 characters, session 23). A label approves what the
 * comment showed, so it cannot approve these.
 */
const widenedNotShown = (changes, body) => {
    const widened = changes.filter((c) => c.effect === 'widened');
    const missing = Math.max(0, widened.length - rowsUnder(body, WIDENED));
    return Math.min(widened.length, missing + widened.filter(shownInPart).length);
};
/**
 * A change whose row cannot show all of it: a name or value past its cell's clip (a renamed file's old
 * name is a name too, session 24), or a value cut by the diff.
 */
const shownInPart = (c) => c.workflow.length > CELL ||
    (c.renamedFrom?.length ?? 0) > CELL ||
    (c.job?.length ?? 0) > CELL ||
    c.subject.length > CELL ||
    [c.before, c.after].some((v) => v !== null && (v.length > VALUE || v.endsWith(_diff_js__WEBPACK_IMPORTED_MODULE_2__/* .DESCRIPTION_CUT */ .Yo)));
const FOLD_AFTER = 25;
function where(c, blobBase) {
    if (!c.file)
        return '';
    const label = cell(`${c.file}${c.line ? `:${c.line}` : ''}`);
    if (!blobBase)
        return label;
    const href = `${blobBase}/${c.file.split('/').map(encodeURIComponent).join('/')}${c.line ? `#L${c.line}` : ''}`;
    return `<a href="${href.replace(/"/g, '%22')}">${label}</a>`;
}
/**
 * One value of a row, clipped (a megabyte `uses:` value would push every row after it past the limit).
 * Names (workflow, job, subject) at CELL; a before/after value at VALUE, the artifact's cap, so every
 * value the diff describes is shown whole: at 300 a new job's description (its permissions first)
 * hid the secrets, environments and actions after them (session 23).
 */
const CELL = 300;
const VALUE = 1000;
const cell = (v, max = CELL) => (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(v, max));
const show = (v) => (v === null ? '\u2014' : cell(v, VALUE));
function table(changes, blobBase) {
    const rows = changes.map((c) => `| ${cell(c.workflow)}${c.renamedFrom ? ` (was ${cell(c.renamedFrom)})` : ''} | ${c.job ? cell(c.job) : ''} | ${c.kind} | ${cell(c.subject)} | ${show(c.before)} \u2192 ${show(c.after)} | ${where(c, blobBase)} |`);
    const head = ['| workflow | job | kind | what | change | where |', '| --- | --- | --- | --- | --- | --- |'];
    if (rows.length <= FOLD_AFTER)
        return [...head, ...rows];
    return [
        ...head,
        ...rows.slice(0, FOLD_AFTER),
        '',
        `<details><summary>${rows.length - FOLD_AFTER} more</summary>`,
        '',
        ...head,
        ...rows.slice(FOLD_AFTER),
        '',
        '</details>',
    ];
}
function renderDiffMarkdown(changes, opts = {}) {
    const unjudged = changes.filter((c) => c.effect === 'cannot-judge');
    const widened = changes.filter((c) => c.effect === 'widened');
    const narrowed = changes.filter((c) => c.effect === 'narrowed');
    const lines = [
        MARKER,
        ...(opts.digest ? [`<!-- stepwarden:widened ${widenedDigest(changes)} -->`] : []),
        '## stepwarden access diff',
        '',
    ];
    if (changes.length === 0) {
        lines.push('No access changes: every job holds what it held on the base branch. \u2705');
        return `${lines.join('\n')}\n`;
    }
    lines.push(`**${widened.length} widened**, ${narrowed.length} narrowed${unjudged.length ? `, **${unjudged.length} cannot be judged**` : ''}${opts.headSha ? ` at ${(0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(opts.headSha.slice(0, 12))}` : ''}.`, '');
    if (unjudged.length)
        lines.push('### \u26a0\ufe0f Cannot judge', '', 'stepwarden could not read what these files grant, so it cannot say they do not widen access; they fail `fail-on: widened` until fixed.', '', ...table(unjudged, opts.blobBase), '');
    if (widened.some((c) => c.kind === 'credential' || c.kind === 'manifest')) {
        lines.push('> [!NOTE]', '> This pull request widens grants in the access manifest. The broker reads manifests from the default branch only, so these grants take effect after merge, and not for this pull request.', '');
    }
    if (widened.length)
        lines.push(WIDENED, '', ...table(widened, opts.blobBase), '');
    if (narrowed.length)
        lines.push(NARROWED, '', ...table(narrowed, opts.blobBase), '');
    return (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .cutToSize */ .Vn)(`${lines.join('\n')}\n`, opts.limit ?? _render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMENT_LIMIT */ .W$ - 1000, (_n, kept) => cutNote(kept, widened.length, narrowed.length, changes.length));
}



/***/ }),

/***/ 8124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R$: () => (/* binding */ directoryFilesDigest),
/* harmony export */   UN: () => (/* binding */ readsRunTimeOutputs),
/* harmony export */   cu: () => (/* binding */ unlistedFiles),
/* harmony export */   ew: () => (/* binding */ repositoryFilesDigest)
/* harmony export */ });
/* unused harmony exports MAX_REPO_FILES, MAX_REPO_BYTES */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _digest_sha256_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7348);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8817);
/* harmony import */ var _local_gate_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2979);
/**
 * The repository's files as one digest: a source of every value a job computes from a step's output
 * (a secret name, an environment, where stepwarden's steps send the OIDC token, read from `steps` or
 * `needs`). That output is written at run time by code the repository holds and the workflow text
 * does not show: a script a `run:` calls, a local JavaScript or Docker action's files, a script beside
 * a composite action, or anything those read. Which files that is cannot be known from the text, so
 * every file counts (session 32): a pull request that changes any of them may move the value. The
 * workflow files and the manifest count too (session 33): a script may read them as data, and the
 * diff compares only the parts it knows of them.
 * Each source lists the files with git's blob ids (a directory computes them), so a directory and a
 * ref of one state agree.
 */





/** Files a directory walk lists before it gives up (the digest is then one no other state has). */
const MAX_REPO_FILES = 200_000;
/**
 * Bytes a directory walk reads before it gives up, counted from each file's lstat before any is read
 * (session 33): a multi-GiB file in a checkout is neither read nor held in memory.
 */
const MAX_REPO_BYTES = 1024 * 1024 * 1024;
/**
 * Whether a job of these workflows computes a value from a step's or a needed job's output, or a
 * stepwarden step of a local composite action it runs computes where it sends the token (snapshot.ts
 * tokenSinks).
 */
function readsRunTimeOutputs(workflows) {
    return workflows.some((w) => w.jobs.some((j) => j.readsSteps || j.readsNeeds || j.actions.some(computedInnerSink)));
}
const computedInnerSink = (a) => {
    if (!a.via)
        return false;
    const name = (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_3__/* .ownAction */ .Td)(a.uses);
    if (!name || !_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_3__/* .TOKEN_SENDERS */ .Zv.has(name))
        return false;
    const w = a.via.with;
    return (a.via.withExpression !== undefined ||
        !!w?.['broker-url']?.value.includes('${{') ||
        !!w?.['oidc-audience']?.value.includes('${{'));
};
/** One digest of the files (path, mode, blob id), in path order. */
function repositoryFilesDigest(files) {
    const lines = [];
    // NUL ends a path (no path holds one), so no two listings give one text.
    for (const f of files)
        lines.push(`${f.path}\0${f.mode} ${f.sha}`);
    return (0,_digest_sha256_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Hex */ .f)(lines.sort().join('\0'));
}
/**
 * What a state whose files cannot all be listed has: a digest no other state has (its label), so a
 * value computed from run-time outputs shows as changed rather than unchanged.
 */
const unlistedFiles = (label) => `unlisted ${label}`;
/**
 * The files of a directory state, as git would list them: links by their target (never followed),
 * `.git` at the root left out, and what is neither a file, a link nor a directory (a FIFO, a socket)
 * by its kind, never opened. Over MAX_REPO_FILES files or MAX_REPO_BYTES bytes, unlisted.
 */
async function directoryFilesDigest(dir, label) {
    const files = [];
    let bytes = 0;
    const walk = async (rel) => {
        for (const name of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, rel))).sort()) {
            if (rel === '' && name === '.git')
                continue;
            const path = rel ? `${rel}/${name}` : name;
            const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, path);
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(abs);
            if (st.isDirectory())
                await walk(path);
            else {
                if (files.length >= MAX_REPO_FILES)
                    throw new Error('too many files');
                if (st.isSymbolicLink())
                    files.push({ path, mode: '120000', sha: (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_4__/* .blobId */ .zA)(Buffer.from(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readlink)(abs))) });
                else if (st.isFile()) {
                    if ((bytes += st.size) > MAX_REPO_BYTES)
                        throw new Error('too many bytes');
                    files.push({ path, mode: st.mode & 0o111 ? '100755' : '100644', sha: (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_4__/* .blobId */ .zA)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(abs)) });
                }
                else
                    files.push({ path, mode: 'other', sha: String(st.mode) });
            }
        }
    };
    try {
        await walk('');
    }
    catch {
        return unlistedFiles(label);
    }
    return repositoryFilesDigest(files);
}


/***/ }),

/***/ 2794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B8: () => (/* binding */ splitJobKey),
/* harmony export */   Mm: () => (/* binding */ gateSourceEffect),
/* harmony export */   P9: () => (/* binding */ snapshot),
/* harmony export */   UP: () => (/* binding */ isArmed),
/* harmony export */   Uj: () => (/* binding */ NO_GUARD),
/* harmony export */   dN: () => (/* binding */ HANDED_TO),
/* harmony export */   kX: () => (/* binding */ manifestSnap),
/* harmony export */   pA: () => (/* binding */ instanceKey),
/* harmony export */   vH: () => (/* binding */ hasStatusFunction)
/* harmony export */ });
/* unused harmony exports guardText, GuardMemo, runnersOf, tokenSinks, GATE_ARMED, gateOf, jobKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8276);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7071);
/* harmony import */ var _manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3966);
/* harmony import */ var _workflow_access_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6518);
/* harmony import */ var _workflow_uses_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8632);
/* harmony import */ var _workflow_model_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(5215);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8817);
/* harmony import */ var _workflow_template_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7438);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7521);
/* harmony import */ var _workflow_status_functions_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7006);
/* harmony import */ var _check_rules_missing_enforce_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(2958);
/* harmony import */ var _check_rules_unpinned_action_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(7351);
/* harmony import */ var _workflow_job_names_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(1348);
/**
 * An access snapshot of one repository state: every job's effective access plus the manifest's
 * grants. Pure: built from parsed workflows and an optional loaded manifest.
 */














/** Between a secret and the repository a reusable-workflow call hands it to (`inherit \u2192 owner/repo`). */
const HANDED_TO = ' \u2192 ';
/**
 * The key of a job instance: the job id and, for a reusable callee, every caller job on its chain,
 * the nearest first (`A via b.yml/X from a.yml/J`; `callers` as access.ts gives them, outermost
 * first). One caller job reached along two paths (a.yml on push, and a.yml called by b.yml) runs its
 * callee on two tokens: keyed by the nearest caller alone the two were merged scope by scope, and a
 * scope gained on one path hid behind the other path's (session 39). Job ids hold no spaces and file
 * names no `/`, so the text reads back one way.
 */
function instanceKey(job, callers) {
    const nearestFirst = [...callers].reverse();
    return nearestFirst.length
        ? `${job} via ${nearestFirst.map((c) => `${c.workflow}/${c.job}`).join(' from ')}`
        : job;
}

const NO_GUARD = '(none)';
/**
 * An `if:` as GitHub evaluates it: `${{ x }}` around the whole condition is the same as `x`.
 * Anything else is compared as written (trimmed): a rewrite in other words reads as a change.
 */
function guardText(cond) {
    if (cond === undefined)
        return undefined;
    const t = cond.trim();
    const m = /^\$\{\{([\s\S]*)\}\}$/.exec(t);
    return m && !m[1].includes('${{') && !m[1].includes('}}') ? m[1].trim() : t;
}
/**
 * Whether a guard text (the joined conditions of `guard`) names always(), failure() or cancelled():
 * an added guard that does is not read as narrowing. The text joins several conditions with labels,
 * so it is no expression to lex; each `if:` itself is read with the lexer (status-functions.ts).
 * NEXT LINE is the whitespace it is to GitHub's lexer (`always\N()`, template.ts `asLexed`).
 */
function hasStatusFunction(guard) {
    return /\b(always|failure|cancelled)\s*\(/i.test((0,_workflow_template_js__WEBPACK_IMPORTED_MODULE_7__/* .asLexed */ .PM)(guard));
}
/**
 * The conditions a job runs under on a fork-reachable event, each as text: its own `if:`; the guards
 * of the jobs it `needs:` (it is skipped when one of them is, unless its `if:` uses a status
 * function), as `needs.ID: COND`; and the `if:` of its credential steps, as `credential steps: COND`
 * when every one has an `if:` (a guard moved onto the steps that ask the broker still keeps outsiders
 * from the credential; one step without it does not, session 20). A pull request that drops the
 * `needs:`, the needed job's `if:` or a step's `if:`, or adds a credential step without one, then
 * changes the text (session 19).
 */
function jobGuards(wf, job, memo) {
    if (!job)
        return [];
    const out = [...memo.neededGuards(wf, job)];
    // The credential is kept from outsiders by the steps' `if:` only when every step that asks the
    // broker has one: a second credential step without one (same job, same grants) asks on every run,
    // so the guarded step's `if:` then guards nothing (session 20). The set of conditions, not the
    // step ids: a second step under the same guard, or a renamed step, changes nothing.
    const conds = credentialStepGuards(job);
    if (conds.length && conds.every((c) => c !== undefined))
        out.push(`credential steps: ${[...new Set(conds)].sort().join(' | ')}`);
    return [...new Set(out)];
}
/**
 * A job's own `if:` and its needed jobs' guards (as `needs.ID: COND`), made once per job of a
 * snapshot. A walk per job, again for each path to a needed job, was exponential in a diamond of
 * `needs` (each job needing the two before it: 26 jobs took 6 s, 40 would take hours) and cubic in
 * a chain (session 30, lead). Iterative: a chain of thousands of jobs would overflow the stack. A job
 * that needs one still being walked (a cycle, which GitHub refuses to run) leaves that one out, as the
 * walk along the path did.
 */
class GuardMemo {
    guards = new Map();
    ids = new Map();
    byId(wf) {
        let m = this.ids.get(wf);
        if (!m) {
            m = new Map();
            for (const j of wf.jobs)
                if (!m.has(j.id))
                    m.set(j.id, j);
            this.ids.set(wf, m);
        }
        return m;
    }
    neededGuards(wf, start) {
        const byId = this.byId(wf);
        // A status function (`!success()` too: session 26) lets the job run when a needed job was skipped.
        const followed = (job) => job.if !== undefined && (0,_workflow_status_functions_js__WEBPACK_IMPORTED_MODULE_9__/* .ifRunsAfterFailure */ .Y)(job.if.value) ? [] : [...job.needs].sort();
        const busy = new Set();
        const stack = [start];
        while (stack.length) {
            const job = stack[stack.length - 1];
            if (this.guards.has(job)) {
                stack.pop();
                continue;
            }
            const ids = followed(job);
            if (!busy.has(job)) {
                busy.add(job);
                for (const id of ids) {
                    const n = byId.get(id);
                    if (n && !this.guards.has(n) && !busy.has(n))
                        stack.push(n);
                }
                continue;
            }
            const own = guardText(job.if?.value);
            const out = own !== undefined ? [own] : [];
            for (const id of ids) {
                const n = byId.get(id);
                const needed = n && n !== job ? this.guards.get(n) : undefined;
                if (needed)
                    for (const c of needed)
                        out.push(c.startsWith('needs.') ? c : `needs.${id}: ${c}`);
            }
            this.guards.set(job, [...new Set(out)]);
            busy.delete(job);
            stack.pop();
        }
        return this.guards.get(start);
    }
}
/**
 * `exit N` that fails under every shell GitHub runs a `run:` with by default (bash, sh, pwsh, cmd:
 * the exit status is N mod 256, so 1..255 only).
 */
const FAILING_RUN = /^exit[ \t]+0*([1-9]\d?|1\d\d|2[0-4]\d|25[0-5])$/;
/**
 * A step that fails whenever it runs, so that every later step without a status function in its
 * `if:` is skipped: `run:` exactly `exit N` (1..255), no `shell:` on the step nor `defaults.run.shell`
 * on the job or workflow (`shell: 'true {0}'` makes it pass), no `continue-on-error` other than a
 * literal false, and no `env:` name in effect that rewrites the shell (env-keys.ts: `BASH_ENV` is
 * sourced first, `SHELLOPTS=noexec` runs nothing, `BASH_FUNC_exit%%` replaces `exit`, `PATH` picks
 * the shell; session 22). Its `if:` (guardText) is then a guard of the steps after it; anything else
 * that might fail (`test \u2026 || exit 1`, a script) is code, read as no guard.
 */
function stopCondition(step, job) {
    if (!step.if || step.uses !== undefined || step.shell !== undefined || job.runShell !== undefined)
        return undefined;
    if (step.redirectingEnv?.length)
        return undefined;
    if (step.continueOnError && step.continueOnError.value !== 'false')
        return undefined;
    if (!FAILING_RUN.test(step.run?.trim() ?? ''))
        return undefined;
    return guardText(step.if.value);
}
/**
 * What keeps each credential step of the job from running, as text, undefined for a step nothing
 * keeps: its own `if:` and, unless that `if:` uses a status function (which runs it after a failed
 * step), the condition of each stop step before it as `unless: COND` (session 21: `if: <outsider>`
 * with `run: exit 1` guards the steps after it as their own `if:` would).
 */
function credentialStepGuards(job) {
    const stops = [];
    const out = [];
    for (const st of job.steps) {
        const stopped = stopCondition(st, job);
        if (stopped !== undefined)
            stops.push(`unless: ${stopped}`);
        if (!st.uses || !(0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__/* .credentialAction */ .IE)(st.uses))
            continue;
        const own = guardText(st.if?.value);
        const parts = [
            ...(own !== undefined ? [own] : []),
            ...(st.if !== undefined && (0,_workflow_status_functions_js__WEBPACK_IMPORTED_MODULE_9__/* .ifRunsAfterFailure */ .Y)(st.if.value) ? [] : stops),
        ];
        out.push(parts.length ? parts.join(' && ') : undefined);
    }
    return out;
}
/**
 * The filters of the workflow's fork-reachable events, as `on.EVENT: FILTERS`: `workflow_run:
 * workflows: [Release]` (runs only maintainers start) rewritten to `[CI]` (which every fork's pull
 * request starts), or `pull_request_target: branches:` dropped, lets outsiders start the job as a
 * dropped `if:` does (session 21). Other events' filters keep no outsider out (a push is by someone
 * who can push).
 */
function triggerGuards(wf) {
    const filters = wf?.triggerFilters;
    if (!filters)
        return [];
    return _workflow_model_js__WEBPACK_IMPORTED_MODULE_13__/* .FORK_REACHABLE_TRIGGERS */ .VZ.filter((t) => Object.hasOwn(filters, t)).map((t) => `on.${t}: ${filters[t]}`);
}
/**
 * GitHub's hosted images (`ubuntu-latest`, `ubuntu-24.04-arm`, `windows-2022`, `macos-15-xlarge`),
 * in any case, as GitHub matches labels. A self-hosted runner can carry any label, but GitHub sends a
 * job whose only label is one of these to its hosted pool. Anything else (`self-hosted`, a custom or
 * larger-runner label, two labels, a group) may be a machine that keeps state between jobs and
 * reaches its own network: not hosted. A hosted image this does not know reads as not hosted, a
 * widened row to review, never a silent one.
 */
const GITHUB_HOSTED = /^(ubuntu|windows|macos)-(latest|\d+(\.\d+)?)(-(arm|arm64|large|xlarge|intel))?$/i;
/**
 * The runners a job can reach that are not GitHub-hosted, one text each (labels in lower case,
 * sorted: GitHub matches them in any case and order): `labels: linux, self-hosted`, `group: ci
 * (labels: linux)`, or `cannot tell: ${{ vars.RUNNER }}` for a choice written as an expression,
 * which is treated as not hosted.
 */
function runnersOf(job) {
    const out = new Set();
    for (const c of job.runsOn?.choices ?? []) {
        if ('expression' in c) {
            out.add(`cannot tell: ${c.expression}`);
            continue;
        }
        const labels = [...new Set(c.labels.map((l) => l.trim().toLowerCase()))].sort();
        if (c.group === undefined && labels.length === 1 && GITHUB_HOSTED.test(labels[0]))
            continue;
        const text = `labels: ${labels.join(', ') || '(none)'}`;
        out.add(c.group === undefined ? text : `group: ${c.group.trim().toLowerCase()} (${text})`);
    }
    return [...out].sort();
}
/**
 * What a destination written as an expression reads, in a row's words: a digest of the sources' text
 * (the strategy, `on:` and `env:` blocks can run to kilobytes; two digests that differ say they changed).
 */
function readingSources(job, withs) {
    if (job.withSources === undefined && withs === '')
        return 'reading nothing in the files';
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(`${job.withSources ?? ''}\0${withs}`)
        .digest('hex');
    return `reading the job's strategy, on:, env: and callers' with: (as of ${digest.slice(0, 12)})`;
}
/**
 * Where the job's OIDC token goes, one text per distinct destination: the action, `broker-url`,
 * `oidc-audience`, `with:` written as one expression, and `env:` names that redirect the step (a
 * proxy and a CA of the workflow's choosing read the exchange). A pull request that points
 * `broker-url` at another host while `oidc-audience` stays the real broker's has every default-branch
 * run hand that host a token the broker accepts; it can pass the exchange through, so no second claim
 * ever shows. Steps of local composite actions count (their `with:` and redirecting `env:` are in
 * `via`). Order-free, so reordered inputs are no change; other inputs (the command, the scope) are
 * judged elsewhere. A destination written as an expression is what it reads (session 28): the job's
 * `withSources` and `withs`, the `with:` of every caller on a callee's chain, are part of its text, so
 * a matrix `include:`, an input's default, an `env:` value or a caller's `with:` that moves it is a
 * change; in a composite step, `inner` (the job's local actions and the repository's files, session 32).
 */
function tokenSinks(job, withs = '', inner = '') {
    const out = new Set();
    const add = (name, w, expr, env, reads = withs) => {
        const url = w?.['broker-url']?.value.trim();
        const aud = w?.['oidc-audience']?.value.trim();
        const parts = [`actions/${name} to ${url || '(no broker-url)'}`];
        if (aud)
            parts.push(`audience ${aud}`);
        if (expr)
            parts.push(`with: ${expr.value}`);
        if (expr || url?.includes('${{') || aud?.includes('${{'))
            parts.push(readingSources(job, reads));
        if (env?.length)
            parts.push(`env: ${[...new Set(env.map((e) => e.value))].sort().join(', ')}`);
        out.add(parts.join(', '));
    };
    for (const st of job.steps) {
        const name = (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__/* .ownAction */ .Td)(st.uses);
        if (name && _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__/* .TOKEN_SENDERS */ .Zv.has(name))
            add(name, st.with, st.withExpression, st.redirectingEnv);
    }
    for (const a of job.actions) {
        const name = a.via ? (0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__/* .ownAction */ .Td)(a.uses) : undefined;
        // `${{ inputs.NAME }}` is what the step running the action passes, or the input's default, as the
        // check reads it; what stays computed reads the action's files and the code its steps run (session 32).
        if (name && _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__/* .TOKEN_SENDERS */ .Zv.has(name))
            add(name, a.via.with && (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_8__/* .withInputsRead */ .EV)(a.via.with, a.via.inputs), a.via.withExpression, a.via.redirectingEnv, 
            // A value still computed may read an input inside a longer text (`https://${{ inputs.host }}`).
            `${withs}${inner} inputs ${JSON.stringify(a.via.inputs ?? null)}`);
    }
    return [...out].sort();
}
/**
 * A gate that stops the job: the first step, enforce mode, no `if:`, no `continue-on-error`, and no
 * later step that runs anyway when it fails (other than actions/audit).
 */
const GATE_ARMED = 'first step, mode enforce';
/**
 * How the job's gate stands, under the pins the check applies (`enforce-repositories` of the
 * manifest and the organization policy): with them set a local `./actions/enforce`, which a pull
 * request writes itself, is no gate here either (it was, in the diff alone, before session 8).
 * Disarming it (audit mode, an `if:`, `continue-on-error`, moving it after
 * another step, removing it) changes no permission, so without this the diff said "no access changes"
 * or, for a removal, "narrowed".
 */
function gateOf(steps, pins = [], container, reading) {
    const i = steps.findIndex((st) => (0,_check_rules_missing_enforce_js__WEBPACK_IMPORTED_MODULE_10__/* .isEnforceStep */ .zS)(st.uses, pins));
    if (i < 0)
        return undefined;
    const st = steps[i];
    const weak = [];
    if (i > 0)
        weak.push(`step ${i + 1}, not the first`);
    if (st.if)
        weak.push(`if: ${st.if.value}`);
    if (st.continueOnError && st.continueOnError.value !== 'false')
        weak.push('continue-on-error');
    // As the check reads it (missing-enforce) and the action receives it (inputs are trimmed).
    const mode = (0,_check_rules_missing_enforce_js__WEBPACK_IMPORTED_MODULE_10__/* .gateModeNotEnforce */ .uq)(st);
    if (mode)
        weak.push(`mode: ${mode.value}`);
    // As missing-enforce: `with:` as one expression, or an input the gate does not declare.
    const input = (0,_check_rules_missing_enforce_js__WEBPACK_IMPORTED_MODULE_10__/* .gateInputProblem */ .HH)(st);
    if (input)
        weak.push(`with: ${input.value}`);
    // As missing-enforce: `env:` that redirects the gate (shared/workflow/env-keys.ts).
    if (st.redirectingEnv?.length)
        weak.push(`env: ${st.redirectingEnv.map((e) => e.value).join(', ')}`);
    // A step whose `if:` uses always(), failure() or cancelled() still runs when the gate fails the job,
    // with the job's token and secrets (the audit step is meant to).
    const after = steps
        .map((x, k) => ({ x, k }))
        .filter(({ x, k }) => k > i && (0,_check_rules_missing_enforce_js__WEBPACK_IMPORTED_MODULE_10__/* .runsAfterFailure */ .FF)(x, pins))
        .map(({ k }) => k + 1);
    if (after.length)
        weak.push(`step${after.length > 1 ? 's' : ''} ${after.join(', ')} run${after.length > 1 ? '' : 's'} after a failed gate`);
    if (weak.length)
        return weak.join(', ');
    // Where an armed gate reads the manifest and the ceiling: `manifest-ref: other-branch` or
    // `manifest: examples/open.yml` makes it judge the job against a manifest the pull request's author
    // may have written, with mode and position untouched.
    const source = {};
    for (const k of GATE_SOURCE_INPUTS) {
        const v = st.with?.[k]?.value.trim();
        if (v)
            source[k] = v;
    }
    // An input written as an expression reads what its sources say (session 28): `manifest-ref:
    // ${{ matrix.ref }}` moved by the matrix reads the same.
    if (reading && GATE_SOURCE_INPUTS.some((k) => source[k]?.includes('${{')))
        source['reading'] = reading();
    // The job's container provides the bash and node the gate runs on (session 9).
    if (container !== undefined)
        source['container'] = container;
    // JSON, so a value cannot spell another input (`org-policy: "p; manifest-ref: main"`).
    return Object.keys(source).length ? `${GATE_ARMED}; reads ${JSON.stringify(source)}` : GATE_ARMED;
}
/** The gate's inputs that choose what it judges against (actions/enforce/action.yml). */
const GATE_SOURCE_INPUTS = ['manifest-ref', 'manifest', 'org-policy'];
/** Whether a gate description (gateOf) is an armed gate, whatever it reads. */
const isArmed = (g) => g === GATE_ARMED || !!g?.startsWith(`${GATE_ARMED}; `);
/**
 * An armed gate whose sources changed: narrowed only when the one change adds an `org-policy` (a
 * ceiling); any other change of where it reads the manifest or the ceiling is widened (which manifest
 * is looser cannot be known from here).
 */
function gateSourceEffect(a, b) {
    const inputs = (g) => {
        const at = g.indexOf('; reads ');
        return new Map(at < 0 ? [] : Object.entries(JSON.parse(g.slice(at + '; reads '.length))));
    };
    const x = inputs(a);
    const y = inputs(b);
    const same = (k) => x.get(k) === y.get(k);
    const others = new Set([...x.keys(), ...y.keys()]);
    others.delete('org-policy');
    return [...others].every(same) && !x.has('org-policy') && y.has('org-policy') ? 'narrowed' : 'widened';
}
/**
 * The key of a manifest job: both names, unambiguously. `workflow/job` was not: a job `x/publish` of
 * `release.yml` and the job `publish` of an entry `release.yml/x` shared one key, so a grant added to
 * the one looked like the other's, unchanged (session 7).
 */
const jobKey = (workflow, job) => JSON.stringify([workflow, job]);
function splitJobKey(key) {
    const [workflow, job] = JSON.parse(key);
    return { workflow, job };
}
/**
 * `lineOf` (from the loaded manifest) places manifest changes on their lines. A workflow that does
 * not parse is kept, with its error, so the diff can say it cannot judge it instead of dropping it.
 */
function snapshot(workflows, manifest, lineOf, org, 
// The repository's files (repo-files.ts): what writes a step's output at run time.
files) {
    const code = files === undefined ? '' : ` files ${files}`;
    const policy = manifest ? (0,_manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .effectivePolicy */ .Ci)(manifest, org) : undefined;
    // The gate's pins: the manifest's and the organization's lists, each that is set (as the check).
    const pins = manifest
        ? policy.enforceRepositories
        : org?.['enforce-repositories']
            ? [org['enforce-repositories']]
            : [];
    const access = (0,_workflow_access_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveAccess */ .pQ)(workflows, policy?.repositoryDefault ?? 'permissive', {
        self: manifest?.repository?.name,
    });
    const out = new Map();
    // Per workflow, the files each job's needed jobs call (made when a job reads `needs`).
    const calledBelow = new Map();
    const guardMemo = new GuardMemo();
    for (const wf of workflows) {
        const error = wf.error ?? unreadBlock(wf);
        if (error) {
            out.set(wf.file, { path: wf.path, error, triggers: new Set(), jobs: new Map() });
            continue;
        }
        const jobs = new Map();
        for (const a of access.filter((x) => x.workflow === wf.file)) {
            const key = a.via ? instanceKey(a.job, a.callers ?? [a.via]) : a.job;
            const model = wf.jobs.find((j) => j.id === a.job);
            // A callee's `${{ inputs.x }}` reads the `with:` of every caller on its chain: a nested callee's
            // input is what the outermost caller passed down (session 16; only the nearest was read).
            const chain = (a.callers ?? []).map((c) => workflows.find((w) => w.file === c.workflow)?.jobs.find((j) => j.id === c.job));
            // A `needs` output of a needed job that calls a workflow is that workflow's (session 30).
            // Those jobs' and the job's own steps' code is in the repository's files too (session 32).
            const withs = chain.map((c) => ` with ${c?.callWith ?? 'null'}`).join('') +
                (chain.some((c) => c?.readsNeeds) ? code : '') +
                (model?.readsNeeds
                    ? neededCalls(wf, model, workflows, manifest?.repository?.name, calledBelow) + code
                    : '');
            const environmentSources = model?.environmentSources !== undefined ? `${model.environmentSources}${withs}` : undefined;
            // A secret name or a destination read from the job's steps: their local actions write it too (session 31).
            const own = model?.readsSteps
                ? `${model.localActions ? ` actions ${model.localActions}` : ''}${code}`
                : '';
            const secretSources = model?.secretSources !== undefined ? `${model.secretSources}${withs}${own}` : undefined;
            // A callee's image written with `${{ inputs.x }}` is what its callers pass (it runs the gate).
            const container = model?.container !== undefined && model.container.includes('${{')
                ? `${model.container}${withs}`
                : model?.container;
            const gate = gateOf(model?.steps ?? [], pins, container, model && (() => readingSources(model, withs)));
            const shownAs = !a.via && model ? (0,_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_12__/* .shownAsJobs */ .sg)(wf, model) : [];
            const unread = model?.unreadActions?.length
                ? new Map(model.unreadActions.map((u) => [u.uses, u.problem]))
                : undefined;
            const held = model?.unreadActions?.filter((u) => u.held).map((u) => u.uses);
            const sinks = model
                ? tokenSinks(model, withs + own, ` actions ${model.localActions ?? 'null'}${code}`)
                : [];
            const runners = model ? runnersOf(model) : [];
            // A callee's `runs-on: ${{ inputs.runner }}` reads its callers' `with:` too.
            const runnerSources = model?.runsOn?.sources !== undefined ? `${model.runsOn.sources}${withs}` : undefined;
            // A callee runs for the events of the outermost caller (access.ts carries its triggers down the
            // chain) and only where every caller's `if:` on the chain let it: the immediate caller of a
            // nested callee is a `workflow_call` workflow, whose triggers and `if:` alone hid the guard.
            const guarded = a.triggers.some((t) => _workflow_model_js__WEBPACK_IMPORTED_MODULE_13__/* .FORK_REACHABLE_TRIGGERS */ .VZ.includes(t.value));
            const outermost = a.callers?.length ? workflows.find((w) => w.file === a.callers[0].workflow) : wf;
            const conds = [
                ...triggerGuards(outermost),
                ...chain.flatMap((c, k) => {
                    const from = workflows.find((w) => w.file === a.callers[k].workflow);
                    return from ? jobGuards(from, c, guardMemo) : [];
                }),
                ...jobGuards(wf, model, guardMemo),
            ];
            // An `if:` on the chain that reads `inputs` is decided by the callers' `with:` and the inputs'
            // defaults: a caller passing `trusted: true` opens `if: inputs.trusted || \u2026` (session 25).
            const ifSources = [...chain, model].map((j) => j?.ifSources);
            if (a.callers?.length && ifSources.some((x) => x !== undefined))
                conds.push(`inputs: ${ifSources.map((x) => x ?? 'null').join(' ')}${withs}`);
            const snap = {
                ...(guarded ? { guard: conds.length ? conds.join(' && ') : NO_GUARD } : {}),
                ...(runners.length ? { runners: new Set(runners) } : {}),
                ...(model?.runsOn ? { runnerLine: model.runsOn.line } : {}),
                ...(runnerSources !== undefined ? { runnerSources } : {}),
                ...(gate ? { gate } : {}),
                ...(sinks.length ? { tokenSinks: new Set(sinks) } : {}),
                ...(unread ? { unread } : {}),
                ...(held?.length ? { held: new Set(held) } : {}),
                ...(shownAs.length ? { shownAs: new Set(shownAs) } : {}),
                ...(environmentSources !== undefined ? { environmentSources } : {}),
                ...(secretSources !== undefined ? { secretSources } : {}),
                ...(a.via ? { instance: { job: a.job, callers: a.callers ?? [a.via] } } : {}),
                line: a.line,
                permissions: a.permissions,
                secrets: handedOn(a.secrets.map((s) => s.value.toUpperCase()).concat(a.secretsInherit ? ['inherit'] : []), model, manifest?.repository?.name),
                environments: new Set(a.environments.map((e) => e.value)),
                actions: new Map(a.actions.map((x) => [x.uses, (0,_check_rules_unpinned_action_js__WEBPACK_IMPORTED_MODULE_11__/* .isPinned */ .T)(x.uses)])),
            };
            const seen = jobs.get(key);
            jobs.set(key, seen ? widest(seen, snap) : snap);
        }
        out.set(wf.file, {
            path: wf.path,
            triggers: new Set(wf.triggers.map((t) => t.value)),
            jobs,
            jobIds: new Set(wf.jobs.map((j) => j.id)),
        });
    }
    return { workflows: out, ...(manifest ? { manifest: manifestSnap(manifest, lineOf) } : {}) };
}
/**
 * A job's secrets, and for a call of another repository's reusable workflow each of them again as
 * `NAME \u2192 owner/repo` (`inherit \u2192 owner/repo`): a call hands what it passes to the callee's
 * repository, whose code then holds it. Without the second entry a call moved from a local callee to
 * another repository read `inherit` on both sides and only its action row showed (session 25).
 * `self` (this repository's `owner/repo`): its full-reference calls are local (access.ts).
 */
function handedOn(secrets, job, self) {
    const out = new Set(secrets);
    const uses = job?.uses?.uses;
    if (!secrets.length || !uses || (0,_workflow_uses_js__WEBPACK_IMPORTED_MODULE_5__/* .usesKind */ .VN)(uses) !== 'remote' || (0,_workflow_access_js__WEBPACK_IMPORTED_MODULE_4__/* .localWorkflowFile */ .nk)(uses, self) !== undefined)
        return out;
    const [owner, repo] = (0,_workflow_uses_js__WEBPACK_IMPORTED_MODULE_5__/* .canonicalUses */ .ds)(uses).split('/');
    const to = `${owner}/${repo}`.toLowerCase();
    for (const s of secrets)
        out.add(`${s}${HANDED_TO}${to}`);
    return out;
}
/**
 * A `permissions:` block stepwarden does not read as a set of levels (a scalar other than `read-all`
 * or `write-all`, an unknown scope, a level the scope does not take). The model counts such a block
 * as no permission at all (GitHub refuses the file, so nothing runs); but when stepwarden's reading
 * is the wrong one (`${{ 'write-all' }}` before session 8), "none" turned write-all into "narrowed".
 * The diff says it cannot judge such a file instead: the check reports the block itself.
 */
function unreadBlock(wf) {
    const blocks = [
        { block: wf.permissions, where: 'the workflow' },
        ...wf.jobs.map((j) => ({ block: j.permissions, where: `job '${j.id}'` })),
    ];
    for (const { block, where } of blocks) {
        if (!block)
            continue;
        if (block.invalid)
            return { message: `permissions of ${where}: ${block.invalid}`, line: block.line };
        const bad = block.entries.find((e) => !(0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .isScope */ .T2)(e.scope) || !(0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .isLevel */ .NW)(e.level) || !(0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .validLevels */ .y7)(e.scope).includes(e.level));
        if (bad)
            return {
                message: `permissions of ${where}: '${bad.scope}: ${bad.level}' is not a scope and level GitHub takes`,
                line: bad.line,
            };
    }
    return undefined;
}
/**
 * The digest of each workflow a job's needed jobs (transitively, names found as the parse finds them:
 * exact, else in any case) call, and of the local actions they run: their `needs.<job>.outputs` are
 * written there, not in this file.
 * Sorted, each file once; each job's set made once per workflow (a chain of thousands of jobs, each
 * reading the one before, would walk the chain again for every job).
 */
function neededCalls(wf, job, workflows, self, calledBelow) {
    let memo = calledBelow.get(wf);
    if (!memo)
        calledBelow.set(wf, (memo = calledSets(wf, self)));
    const files = new Set();
    for (const n of job.needs)
        for (const f of memo(n))
            files.add(f);
    let out = '';
    for (const f of [...files].sort())
        out += f.startsWith(ACTIONS_OF)
            ? ` actions ${f.slice(ACTIONS_OF.length)}`
            : ` calls ${f} ${workflows.find((w) => w.file === f)?.callDigest ?? 'null'}`;
    return out;
}
/** Marks a set entry of `calledSets` that is a job's local actions' digest, not a file (no file name holds NUL). */
const ACTIONS_OF = '\0';
/**
 * For a job name: the local workflow files it and the jobs it needs, transitively, call, and the
 * digests of the local actions they run (`ACTIONS_OF` + digest).
 */
function calledSets(wf, self) {
    const exact = new Map();
    const folded = new Map();
    for (const j of wf.jobs) {
        if (!exact.has(j.id))
            exact.set(j.id, j);
        if (!folded.has(j.id.toLowerCase()))
            folded.set(j.id.toLowerCase(), j);
    }
    const find = (name) => exact.get(name) ?? folded.get(name.toLowerCase());
    const sets = new Map();
    const NONE = new Set();
    // Iterative post-order (a chain of thousands of jobs would overflow the stack); a job met again
    // while its own set is being made (a cycle, which GitHub refuses to run) adds nothing more.
    const setOf = (start) => {
        const busy = new Set();
        const stack = [start];
        while (stack.length) {
            const j = stack[stack.length - 1];
            if (sets.has(j)) {
                stack.pop();
                continue;
            }
            if (!busy.has(j)) {
                busy.add(j);
                for (const n of j.needs) {
                    const m = find(n);
                    if (m && !sets.has(m) && !busy.has(m))
                        stack.push(m);
                }
                continue;
            }
            const own = new Set();
            const file = j.uses && (0,_workflow_access_js__WEBPACK_IMPORTED_MODULE_4__/* .localWorkflowFile */ .nk)(j.uses.uses, self);
            if (file !== undefined)
                own.add(file);
            // The local actions its steps run write its outputs too (session 31).
            if (j.localActions)
                own.add(`${ACTIONS_OF}${j.localActions}`);
            for (const n of j.needs) {
                const m = find(n);
                for (const f of (m && sets.get(m)) ?? NONE)
                    own.add(f);
            }
            sets.set(j, own);
            busy.delete(j);
            stack.pop();
        }
        return sets.get(start);
    };
    return (name) => {
        const j = find(name);
        return j ? setOf(j) : NONE;
    };
}
/** Both jobs' sources of a computed name, as one text (for `widest`). */
function eitherSources(a, b, key) {
    if (a[key] === undefined && b[key] === undefined)
        return {};
    return { [key]: [...new Set([a[key] ?? '', b[key] ?? ''])].sort().join(' | ') };
}
/**
 * One key for two instances of a job: the most either holds. Before session 7 the path judged last
 * replaced the other, so a callee that grew on one path only could show no change; since session 39
 * a key holds the whole caller chain (instanceKey), so no two instances are known to share one, and
 * this stays so that any that did would widen, not replace.
 */
function widest(a, b) {
    const permissions = Object.fromEntries(_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .SCOPE_NAMES */ ._W.map((s) => [
        s,
        (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .levelRank */ .Le)(b.permissions[s]) > (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .levelRank */ .Le)(a.permissions[s]) ? b.permissions[s] : a.permissions[s],
    ]));
    return {
        ...a,
        permissions,
        secrets: new Set([...a.secrets, ...b.secrets]),
        environments: new Set([...a.environments, ...b.environments]),
        ...eitherSources(a, b, 'environmentSources'),
        ...eitherSources(a, b, 'secretSources'),
        actions: new Map([...a.actions, ...b.actions]),
        ...(a.unread || b.unread ? { unread: new Map([...(a.unread ?? []), ...(b.unread ?? [])]) } : {}),
        ...(a.held || b.held ? { held: new Set([...(a.held ?? []), ...(b.held ?? [])]) } : {}),
        ...(a.tokenSinks || b.tokenSinks
            ? { tokenSinks: new Set([...(a.tokenSinks ?? []), ...(b.tokenSinks ?? [])]) }
            : {}),
        ...(a.shownAs || b.shownAs ? { shownAs: new Set([...(a.shownAs ?? []), ...(b.shownAs ?? [])]) } : {}),
        ...(a.guard !== undefined || b.guard !== undefined
            ? { guard: [...new Set([a.guard ?? NO_GUARD, b.guard ?? NO_GUARD])].sort().join(' | ') }
            : {}),
        ...(a.runners || b.runners ? { runners: new Set([...(a.runners ?? []), ...(b.runners ?? [])]) } : {}),
        ...(a.runnerSources !== undefined || b.runnerSources !== undefined
            ? {
                runnerSources: [...new Set([a.runnerSources ?? '', b.runnerSources ?? ''])].sort().join(' | '),
            }
            : {}),
    };
}
function manifestSnap(m, lineOf) {
    const credentials = new Map();
    const permissions = new Map();
    const secrets = new Map();
    const triggers = new Map();
    for (const [wf, entry] of Object.entries(m.workflows)) {
        triggers.set(wf, entry.triggers ? new Set(entry.triggers) : undefined);
        for (const [job, j] of Object.entries(entry.jobs)) {
            const key = jobKey(wf, job);
            permissions.set(key, (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .fromMap */ .xY)(j.permissions));
            secrets.set(key, new Set(j.secrets.map((s) => (s === 'inherit' ? s : s.toUpperCase()))));
            const creds = new Map();
            for (const g of j.credentials) {
                // Order-free parts in a fixed order, so a reordered list is no change (session 7).
                if ((0,_manifest_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .isGithubGrant */ .Ed)(g)) {
                    const perms = g.permissions;
                    const repos = [...new Set(g.repositories)].sort();
                    const accessText = Object.entries(perms)
                        .map(([p, l]) => `${p}:${l}`)
                        .sort()
                        .join(' ') + (repos.join(',') !== 'self' ? ` on ${repos.join(',')}` : '');
                    creds.set(`${g.step}@${g.audience}`, {
                        access: accessText,
                        ttl: g.ttl,
                        uses: g.uses,
                        permissions: perms,
                        repositories: new Set(repos),
                    });
                }
                else {
                    const scope = [...new Set(g.scope.flatMap((v) => v.split(/\s+/)).filter(Boolean))].sort();
                    creds.set(`${g.step}@${g.audience}`, {
                        access: scope.join(' '),
                        ttl: g.ttl,
                        uses: g.uses,
                        scope: new Set(scope),
                    });
                }
            }
            credentials.set(key, creds);
        }
    }
    return { credentials, permissions, secrets, triggers, value: m, ...(lineOf ? { lineOf } : {}) };
}


/***/ }),

/***/ 319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $V: () => (/* binding */ manifestOf),
/* harmony export */   K1: () => (/* binding */ orgPolicyOf),
/* harmony export */   un: () => (/* binding */ readState)
/* harmony export */ });
/* unused harmony export readGitRef */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _manifest_load_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6454);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6831);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7071);
/* harmony import */ var _check_load_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1321);
/* harmony import */ var _workflow_composite_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7521);
/* harmony import */ var _workflow_load_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(2884);
/* harmony import */ var _cross_check_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7789);
/* harmony import */ var _local_gate_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2979);
/* harmony import */ var _repo_files_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(8124);
/* harmony import */ var _entries_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(8920);
/**
 * I/O edge of the diff: a repository state from a directory, or from a git ref of the current
 * repository read with `git ls-tree` / `git show` (no checkout, nothing of the ref is executed).
 */














const run = (0,node_util__WEBPACK_IMPORTED_MODULE_3__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
function manifestOf(text, label) {
    if (text === undefined)
        return {};
    try {
        const loaded = (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_4__/* .loadManifest */ .eY)(text, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4);
        return { manifest: loaded.manifest, manifestLineOf: loaded.lineOf };
    }
    catch (err) {
        if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ManifestError */ .Sh)
            return {
                manifestError: `${label}: ${err.message}`,
                manifestErrorLine: err.problems[0]?.line ?? 1,
            };
        throw err;
    }
}
function orgPolicyOf(text, file) {
    if (text === undefined)
        return { file };
    try {
        const loaded = (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_4__/* .loadOrgPolicy */ .Vf)(text, file);
        return { file, value: loaded.value, lineOf: loaded.lineOf };
    }
    catch (err) {
        if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ManifestError */ .Sh)
            return { file, error: { message: err.message, line: err.problems[0]?.line ?? 1 } };
        throw err;
    }
}
/** The manifest of a directory state, or why it is not read (the same reasons as in a git tree). */
async function manifestFileOf(dir) {
    for (const part of ['.github', _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4]) {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, part)).catch((0,_check_load_js__WEBPACK_IMPORTED_MODULE_7__/* .absentOnly */ .MS)(part));
        if (!st)
            return {};
        if (st.isSymbolicLink())
            return {
                problem: `${part} is a symbolic link: stepwarden does not follow links, so what it points to is not judged`,
            };
        if (part === _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4 && !st.isFile())
            return { problem: `${part} is not a file` };
        if (part === _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4 && st.size > _entries_js__WEBPACK_IMPORTED_MODULE_13__/* .MAX_FILE_BYTES */ .gZ)
            return {
                problem: `${part} is larger than 1 MiB (${st.size} bytes): not read; keep the manifest small`,
            };
    }
    return { text: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4), 'utf8') };
}
async function isDirectory(p) {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(p).then((s) => s.isDirectory(), () => false);
}
/** A directory (containing .github/) or, failing that, a git ref of the repository at `repo`. */
async function readState(spec, repo) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(repo, spec);
    if (await isDirectory(dir)) {
        // A pull request's checkout is untrusted: read as the check reads it, no link followed (a link
        // named .github/workflows/x.yml or .github/access-manifest.yml would otherwise read a file of the
        // runner into the comment, or make the head's manifest the base's).
        const manifest = await manifestFileOf(dir);
        const workflows = await (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_8__/* .withCompositeActions */ .B1)(await (0,_check_load_js__WEBPACK_IMPORTED_MODULE_7__/* .readWorkflowsSafely */ .Xm)(dir), (0,_check_load_js__WEBPACK_IMPORTED_MODULE_7__/* .directoryActionReader */ .ft)(dir));
        return {
            label: spec,
            workflows,
            ...(await directoryGateFiles(dir, workflows)),
            ...((0,_repo_files_js__WEBPACK_IMPORTED_MODULE_12__/* .readsRunTimeOutputs */ .UN)(workflows) ? { filesDigest: await (0,_repo_files_js__WEBPACK_IMPORTED_MODULE_12__/* .directoryFilesDigest */ .R$)(dir, spec) } : {}),
            ...('problem' in manifest
                ? { manifestError: `${spec}: ${manifest.problem}`, manifestErrorLine: 1 }
                : manifestOf(manifest.text, spec)),
        };
    }
    return readGitRef(spec, repo);
}
async function readGitRef(ref, repo) {
    if (ref.startsWith('-'))
        throw new Error(`'${ref}' is not a ref`);
    try {
        await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo });
    }
    catch {
        throw new Error(`'${ref}' is neither a directory nor a commit of the git repository at ${repo}`);
    }
    // `-l` gives mode and size: links, submodules and large files are reported, not read. `-z`: without
    // it git C-quotes a path with a byte outside printable ASCII, `"` or `\` (`".github/workflows/d\303\251ploy.yml"`),
    // which is then under no directory the diff reads, and such a workflow was never judged (session 13).
    const listing = async (args) => (await run('git', ['ls-tree', '-l', '-z', ...args], { cwd: repo, maxBuffer: 16 * 1024 * 1024 })).stdout
        .split('\0')
        .filter(Boolean)
        .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
        return {
            mode,
            type,
            sha,
            path: line.slice(tab + 1),
            ...(size !== '-' ? { size: Number(size) } : {}),
        };
    });
    const entries = [
        ...(await listing([ref, '--', '.github', _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4])),
        ...(await listing(['-r', ref, '--', `${_workflow_load_js__WEBPACK_IMPORTED_MODULE_9__/* .WORKFLOWS_DIR */ .xs}/`])),
        ...(await listing([ref, '--', _workflow_load_js__WEBPACK_IMPORTED_MODULE_9__/* .WORKFLOWS_DIR */ .xs])),
    ];
    const { toRead, errors } = (0,_entries_js__WEBPACK_IMPORTED_MODULE_13__/* .selectWorkflowEntries */ .G)(entries);
    const files = await Promise.all(toRead.map(async (e) => ({
        path: e.path,
        text: (await run('git', ['cat-file', 'blob', e.sha], { cwd: repo, maxBuffer: 16 * 1024 * 1024 }))
            .stdout,
    })));
    const manifestEntry = entries.find((e) => e.path === _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4);
    const manifestProblem = (0,_entries_js__WEBPACK_IMPORTED_MODULE_13__/* .unreadableFile */ ._s)(manifestEntry, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_PATH */ .U4);
    const manifestText = manifestEntry && !manifestProblem
        ? (await run('git', ['cat-file', 'blob', manifestEntry.sha], { cwd: repo, maxBuffer: 4 * 1024 * 1024 }))
            .stdout
        : undefined;
    const textOf = new Map(files.map((f) => [f.path, f.text]));
    // Local composite actions: `git ls-tree` lists no path through a linked directory, and a linked
    // action file is a blob of mode 120000, which is not read.
    // A directory's names at `ref` (`git ls-tree REF -- DIR/` lists nothing for a file or a link).
    const listed = new Map();
    const list = (d) => {
        let hit = listed.get(d);
        if (!hit) {
            hit = listing(d ? [ref, '--', `${d}/`] : [ref]).then((es) => {
                const names = es.map((e) => e.path.slice(e.path.lastIndexOf('/') + 1));
                return d === '' || names.length > 0 ? { names } : undefined;
            });
            listed.set(d, hit);
        }
        return hit;
    };
    const actionFile = async (dir) => {
        for (const name of ['action.yml', 'action.yaml']) {
            const path = dir ? `${dir}/${name}` : name;
            const [e] = await listing([ref, '--', path]);
            if (!e || e.path !== path)
                continue;
            // The entry answers for its own path only (`action.yaml` held is named so, session 20).
            if ((0,_entries_js__WEBPACK_IMPORTED_MODULE_13__/* .unreadableFile */ ._s)(e, path))
                return (0,_entries_js__WEBPACK_IMPORTED_MODULE_13__/* .heldActionProblem */ .h7)(dir, (p) => (p === path ? e : undefined));
            const text = (await run('git', ['cat-file', 'blob', e.sha], { cwd: repo, maxBuffer: 4 * 1024 * 1024 }))
                .stdout;
            return { path, text };
        }
        // Not there: maybe behind a linked directory, which `git ls-tree` does not list through, or named
        // in another case than the tree holds it (session 21).
        return (0,_entries_js__WEBPACK_IMPORTED_MODULE_13__/* .heldActionProblem */ .h7)(dir, async (p) => (await listing([ref, '--', p])).find((x) => x.path === p), list);
    };
    const models = await (0,_workflow_composite_js__WEBPACK_IMPORTED_MODULE_8__/* .withCompositeActions */ .B1)((0,_workflow_load_js__WEBPACK_IMPORTED_MODULE_9__/* .parseWorkflows */ .w_)(files).map((m) => (0,_cross_check_js__WEBPACK_IMPORTED_MODULE_10__/* .crossChecked */ .q)(m, textOf.get(m.path) ?? '')), actionFile);
    const gateDirs = [...(0,_local_gate_js__WEBPACK_IMPORTED_MODULE_11__/* .localGates */ .a6)(models).keys()].flatMap(_local_gate_js__WEBPACK_IMPORTED_MODULE_11__/* .gateFileDirs */ .k9);
    const gateFiles = new Map(gateDirs.length
        ? (await listing(['-r', ref, '--', ...gateDirs.map((d) => `${d}/`)])).map((e) => [e.path, e.sha])
        : []);
    return {
        label: ref,
        workflows: [...models, ...errors],
        gateFiles,
        ...((0,_repo_files_js__WEBPACK_IMPORTED_MODULE_12__/* .readsRunTimeOutputs */ .UN)(models) ? { filesDigest: await gitFilesDigest(ref, repo) } : {}),
        ...(manifestProblem
            ? { manifestError: `${ref}: ${manifestProblem}`, manifestErrorLine: 1 }
            : manifestOf(manifestText, ref)),
    };
}
/** The files of a git ref (repo-files.ts): every blob, link and submodule of its tree. */
async function gitFilesDigest(ref, repo) {
    let out;
    try {
        out = (await run('git', ['ls-tree', '-r', '-z', ref], { cwd: repo, maxBuffer: 256 * 1024 * 1024 }))
            .stdout;
    }
    catch {
        return (0,_repo_files_js__WEBPACK_IMPORTED_MODULE_12__/* .unlistedFiles */ .cu)(ref);
    }
    const files = [];
    for (const line of out.split('\0')) {
        const tab = line.indexOf('\t');
        if (tab < 0)
            continue;
        const [mode, , sha] = line.slice(0, tab).split(' ');
        files.push({ path: line.slice(tab + 1), mode, sha });
    }
    return (0,_repo_files_js__WEBPACK_IMPORTED_MODULE_12__/* .repositoryFilesDigest */ .ew)(files);
}
/** Files a listing of a gate's directories may hold before the diff gives up on it (fail closed). */
const MAX_GATE_FILES = 5000;
/**
 * The files of each local gate of a directory state, with git's blob ids (a link by its target, as
 * git stores it; never followed), so a directory and a ref of one state agree.
 */
async function directoryGateFiles(dir, workflows) {
    const files = new Map();
    const walk = async (rel) => {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, rel)).catch(() => undefined);
        if (!st)
            return;
        if (files.size >= MAX_GATE_FILES)
            throw new Error(`more than ${MAX_GATE_FILES} files under the gate's directories`);
        if (st.isSymbolicLink())
            files.set(rel, (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_11__/* .blobId */ .zA)(Buffer.from(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readlink)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, rel)))));
        else if (st.isFile())
            files.set(rel, (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_11__/* .blobId */ .zA)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, rel))));
        else if (st.isDirectory())
            for (const name of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, rel))).sort())
                await walk(`${rel}/${name}`);
    };
    try {
        for (const root of (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_11__/* .localGates */ .a6)(workflows).keys())
            for (const d of (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_11__/* .gateFileDirs */ .k9)(root))
                await walk(d);
    }
    catch (err) {
        return {
            gateFilesError: `the files of the gate this repository carries cannot be listed: ${err.message}`,
        };
    }
    return { gateFiles: files };
}


/***/ }),

/***/ 172:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ diffStates),
/* harmony export */   t: () => (/* binding */ failsOnWidened)
/* harmony export */ });
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7071);
/* harmony import */ var _diff_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6044);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7044);
/* harmony import */ var _snapshot_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2794);
/* harmony import */ var _manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3966);
/* harmony import */ var _local_gate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2979);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8817);
/**
 * The diff of two repository states, with what could not be judged said out loud: a head workflow
 * that does not parse, is too large, is a symbolic link or lies beyond the file limit, and an invalid
 * head manifest, are `cannot-judge` entries \u2014 never dropped, never read as "removed" or "narrowed".
 * Pure over states read by source.ts (directories, git) or github-source.ts (the API).
 */







const cannotJudge = (file, line, reason, kind) => ({
    workflow: file,
    job: null,
    kind,
    subject: file,
    before: null,
    after: `cannot judge: ${reason}`,
    effect: 'cannot-judge',
    file,
    line,
});
function diffStates(base, head, manifestFile = _manifest_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .MANIFEST_PATH */ .U4) {
    const out = [];
    let invalidHead = false;
    // An invalid head manifest says nothing about what the head grants: its grants are neither
    // "removed" nor "narrowed". The workflows are still compared (under the permissive repository
    // default, the wider reading).
    const headManifest = head.manifestError ? undefined : head.manifest;
    if (head.manifestError) {
        invalidHead = true;
        out.push(cannotJudge(manifestFile, head.manifestErrorLine ?? 1, head.manifestError, 'manifest'));
    }
    const changes = (0,_diff_js__WEBPACK_IMPORTED_MODULE_1__/* .diffSnapshots */ .V1)((0,_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshot */ .P9)(base.workflows, base.manifest, base.manifestLineOf, base.orgPolicy?.value, base.filesDigest), (0,_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .snapshot */ .P9)(head.workflows, headManifest, head.manifestLineOf, head.orgPolicy?.value, head.filesDigest), manifestFile);
    out.push(...localGateChanges(base, head, headManifest));
    const manifestKinds = ['manifest', 'credential', 'policy'];
    out.push(...changes.filter((c) => !(head.manifestError && manifestKinds.includes(c.kind))));
    if (head.orgPolicy || base.orgPolicy) {
        const file = head.orgPolicy?.file ?? base.orgPolicy.file;
        if (head.orgPolicy?.error) {
            invalidHead = true;
            out.push(cannotJudge(file, head.orgPolicy.error.line, head.orgPolicy.error.message, 'policy'));
        }
        else {
            out.push(...(0,_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .orgPolicyChanges */ .G)(base.orgPolicy?.error ? undefined : base.orgPolicy?.value, head.orgPolicy?.value, file, head.orgPolicy?.lineOf ?? (() => 1)));
        }
    }
    const order = { 'cannot-judge': 0, widened: 1, narrowed: 2 };
    return { changes: out.sort((p, q) => order[p.effect] - order[q.effect]), invalidHead };
}
/** `--fail-on widened`: a widening, or anything that could not be judged. */
function failsOnWidened(changes) {
    return changes.some((c) => c.effect === 'widened' || c.effect === 'cannot-judge');
}
/**
 * A gate the repository carries whose files the pull request changed (local-gate.ts): widened, naming
 * them; "cannot judge" when a side could not list them. Not under `enforce-repositories` pins (there a
 * local gate is no gate, and the check says so).
 */
function localGateChanges(base, head, headManifest) {
    if (headManifest && (0,_manifest_effective_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .effectivePolicy */ .Ci)(headManifest, head.orgPolicy?.value).enforceRepositories.length)
        return [];
    const out = [];
    for (const [root, at] of (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_5__/* .localGates */ .a6)(head.workflows)) {
        const workflow = head.workflows.find((w) => w.path === at.file)?.file ?? at.file;
        const error = head.gateFilesError ?? base.gateFilesError;
        if (error) {
            out.push({ ...cannotJudge(at.file, at.line, error, 'job'), workflow });
            continue;
        }
        if (!head.gateFiles || !base.gateFiles)
            continue;
        const changed = (0,_local_gate_js__WEBPACK_IMPORTED_MODULE_5__/* .changedGateFiles */ .$s)(base.gateFiles, head.gateFiles, root);
        if (!changed.length)
            continue;
        const shown = changed.slice(0, 10).join(', ') + (changed.length > 10 ? ` and ${changed.length - 10} more` : '');
        out.push({
            workflow,
            job: null,
            kind: 'job',
            subject: 'actions/enforce gate',
            before: 'as in the base',
            after: `the ${(0,_workflow_own_action_js__WEBPACK_IMPORTED_MODULE_6__/* .ownAction */ .Td)(at.uses) === 'audit' ? 'audit step' : 'gate'} this repository carries (${at.uses}) runs changed files: ${shown}`,
            effect: 'widened',
            file: at.file,
            line: at.line,
        });
    }
    return out;
}


/***/ })

};
