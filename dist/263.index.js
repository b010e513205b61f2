import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
export const id = 263;
export const ids = [263];
export const modules = {

/***/ 5347:
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
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/* harmony import */ var _manifest_own_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7894);


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

/***/ 2958:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FF: () => (/* binding */ runsAfterFailure),
/* harmony export */   HH: () => (/* binding */ gateInputProblem),
/* harmony export */   jK: () => (/* binding */ missingEnforce),
/* harmony export */   uq: () => (/* binding */ gateModeNotEnforce),
/* harmony export */   zS: () => (/* binding */ isEnforceStep)
/* harmony export */ });
/* unused harmony exports GATE_INPUTS, isAuditStep */
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/* harmony import */ var _workflow_own_action_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8817);
/* harmony import */ var _workflow_status_functions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7006);
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5347);




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
        const models = ctx.byFile;
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

/***/ 7348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ sha256Bytes),
/* harmony export */   f: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
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

/***/ 7894:
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

/***/ 6518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $A: () => (/* binding */ chainInputs),
/* harmony export */   dK: () => (/* binding */ resolveAccessDetailed),
/* harmony export */   nk: () => (/* binding */ localWorkflowFile),
/* harmony export */   pQ: () => (/* binding */ resolveAccess)
/* harmony export */ });
/* unused harmony exports blockPermissions, callerInputs */
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/* harmony import */ var _uses_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8632);
/* harmony import */ var _composite_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7521);
/* harmony import */ var _yaml_own_key_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(842);
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

/***/ 3246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   zD: () => (/* binding */ caseFoldedAction)
/* harmony export */ });
/* unused harmony exports foldName, caseVariant */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
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

/***/ 7521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ withCompositeActions),
/* harmony export */   EV: () => (/* binding */ withInputsRead),
/* harmony export */   TT: () => (/* binding */ localActionDir),
/* harmony export */   TW: () => (/* binding */ inputRead)
/* harmony export */ });
/* unused harmony exports inputsWithDefaults, compositeUses, readComposite, MAX_COMPOSITE_DEPTH */
/* harmony import */ var _yaml_located_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4325);
/* harmony import */ var _yaml_own_key_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(842);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9512);
/* harmony import */ var _literal_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(121);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7438);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4709);
/* harmony import */ var _uses_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8632);
/* harmony import */ var _refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3377);
/* harmony import */ var _digest_sha256_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7348);
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
        (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_8__/* .setOwn */ .P)(out, k, v);
    for (const [k, v] of Object.entries(given ?? {}))
        (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_8__/* .setOwn */ .P)(out, k, v);
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
        (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_8__/* .setOwn */ .P)(out, k, given ? { value: given.value, line: v.line } : v);
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
            (0,_yaml_own_key_js__WEBPACK_IMPORTED_MODULE_8__/* .setOwn */ .P)(out, k, { value: d.value, line: d.line, default: true });
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
    const badId = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .refusedStepId */ .ig)((0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .stepNodes */ .wH)(steps), { name: 'the action', kind: 'action' }) ?? wrongShape(root, steps);
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
 * The first step that is no mapping or value of the wrong kind (refused-shapes.ts ACTION_PLACE): the
 * runner refuses the whole action file ("A mapping was not expected"), so none of its steps runs, where
 * a reader taking the value as absent would judge the rest as steps that run (session 42).
 */
function wrongShape(root, steps) {
    let found;
    for (const [i, s] of steps.items.entries())
        found ??= (0,_refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__/* .notMapping */ .iI)(s, () => `step ${i + 1} of the action`, steps.line);
    found ??= (0,_refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__/* .wrongKind */ .oF)(root, _refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__/* .ACTION_PLACE */ .XS, () => 'the action');
    for (const [i, s] of steps.items.entries())
        if (s.kind === 'map')
            found ??= stepKindProblem(s, i + 1);
    // The table's words name a workflow; here the file is an action.
    return (found && {
        message: found.message.slice(_refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__/* .REFUSED */ .ln.length).replace('its workflow schema', 'its action schema'),
        line: found.line,
    });
}
/** The keys of one kind of composite step only (the runner's action_yaml.json `run-step`, `uses-step`). */
const RUN_ONLY = new Set(['run', 'shell', 'working-directory']);
const USES_ONLY = new Set(['uses', 'with']);
/**
 * A composite step GitHub cannot take as either kind (session 43). The runner reads `composite-step` as
 * one of `run-step` and `uses-step` (TemplateReader: each key narrows the kinds to those holding it, a
 * key of none is "Unexpected value"), so a step with keys of both kinds, of neither (only `name:`,
 * `id:`, `if:`, `env:`, `continue-on-error:`), or without its kind's required keys (`run:` and `shell:`,
 * or `uses:`) fails the action's load: none of its steps runs. Each in GitHub's words, at a line it
 * names (the later kind's key, or the step's line). Keys are known here (COMPOSITE_STEP_PLACE is closed).
 */
function stepKindProblem(s, n) {
    let kind;
    for (const e of s.entries) {
        const own = RUN_ONLY.has(e.key) ? RUN_ONLY : USES_ONLY.has(e.key) ? USES_ONLY : undefined;
        if (own && kind && own !== kind)
            return {
                message: `${_refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__/* .REFUSED */ .ln}step ${n} of the action has \`${e.key}:\` beside a key of the other step kind ("Unexpected value '${e.key}'"); a composite step either runs a command (\`run:\`, \`shell:\`) or uses an action (\`uses:\`, \`with:\`)`,
                line: e.keyLine,
            };
        kind ??= own;
    }
    const missing = kind === undefined
        ? undefined
        : kind === RUN_ONLY
            ? ['run', 'shell'].find((k) => !s.entries.some((e) => e.key === k))
            : s.entries.some((e) => e.key === 'uses')
                ? undefined
                : 'uses';
    if (kind === undefined)
        return {
            message: `${_refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__/* .REFUSED */ .ln}step ${n} of the action has neither \`run:\` nor \`uses:\` ("There's not enough info to determine what you meant. Add one of these properties: run, shell, uses, with, working-directory")`,
            line: s.line,
        };
    return missing === undefined
        ? undefined
        : {
            message: `${_refused_shapes_js__WEBPACK_IMPORTED_MODULE_6__/* .REFUSED */ .ln}step ${n} of the action has no \`${missing}:\` ("Required property is missing: ${missing}"); GitHub wants one there`,
            line: s.line,
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
                return { path: f.path, ...r, digest: (0,_digest_sha256_js__WEBPACK_IMPORTED_MODULE_7__/* .sha256Hex */ .f)(f.text) };
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
                    ...(files.length ? { localActions: (0,_digest_sha256_js__WEBPACK_IMPORTED_MODULE_7__/* .sha256Hex */ .f)(files.join('\n')) } : {}),
                }
                : job);
        }
        out.push(changed ? { ...wf, jobs } : wf);
    }
    return out;
}


/***/ }),

/***/ 121:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T4: () => (/* binding */ foldLiteralsChecked),
/* harmony export */   Uc: () => (/* binding */ foldLiterals),
/* harmony export */   t6: () => (/* binding */ mayFold)
/* harmony export */ });
/* unused harmony export literalOf */
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7438);

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

/***/ 2884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hq: () => (/* binding */ isWorkflowFileName),
/* harmony export */   w_: () => (/* binding */ parseWorkflows),
/* harmony export */   xs: () => (/* binding */ WORKFLOWS_DIR)
/* harmony export */ });
/* unused harmony export loadWorkflowsFromDir */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4709);
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

/***/ 5215:
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

/***/ 8817:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IE: () => (/* binding */ credentialAction),
/* harmony export */   Td: () => (/* binding */ ownAction),
/* harmony export */   Y2: () => (/* binding */ UNNAMED_STEP),
/* harmony export */   Zv: () => (/* binding */ TOKEN_SENDERS),
/* harmony export */   rr: () => (/* binding */ unnamedStep)
/* harmony export */ });
/* harmony import */ var _uses_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8632);
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

/***/ 4709:
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
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./shared/digest/sha256.ts
var sha256 = __webpack_require__(7348);
// EXTERNAL MODULE: ./shared/workflow/job-id.ts
var job_id = __webpack_require__(3387);
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
var located = __webpack_require__(4325);
// EXTERNAL MODULE: ./shared/yaml/own-key.ts
var own_key = __webpack_require__(842);
// EXTERNAL MODULE: ./shared/workflow/model.ts
var model = __webpack_require__(5215);
// EXTERNAL MODULE: ./shared/workflow/keys.ts
var keys = __webpack_require__(9512);
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
var literal = __webpack_require__(121);
// EXTERNAL MODULE: ./shared/workflow/secrets.ts
var workflow_secrets = __webpack_require__(3803);
// EXTERNAL MODULE: ./shared/workflow/uses.ts
var workflow_uses = __webpack_require__(8632);
// EXTERNAL MODULE: ./shared/workflow/own-action.ts
var own_action = __webpack_require__(8817);
// EXTERNAL MODULE: ./shared/workflow/template.ts
var template = __webpack_require__(7438);
// EXTERNAL MODULE: ./shared/workflow/refused-shapes.ts
var refused_shapes = __webpack_require__(3377);
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
// through isMap/isScalar, since each call is a real one (session 29; Turbofan, where the one-pass
// commands use it, inlines nothing: ONE_PASS_V8_FLAGS in shared/cli/main.ts).
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
    // isScalar/entries (a call each, never inlined; session 32).
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
    // Made at the first step with an id: most jobs' steps have none.
    let ids;
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
        // An id the whole rule takes is ASCII, so it holds no look-alike either: the Unicode-property
        // search (`invalidId`) runs only for an id GitHub refuses, which it then names first (session 40).
        const why = isScalar(v)
            ? job_id/* JOB_ID */.mu.test(id)
                ? undefined
                : ((0,keys/* invalidId */.pu)(id) ?? (0,job_id/* jobIdProblem */.M3)(id))
            : 'an id is a string';
        const folded = id.toLowerCase();
        const twice = ids?.has(folded) === true;
        (ids ??= new Set()).add(folded);
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
/** Each key GitHub takes in a job and a step, with the place the wrong-kind walk judges its value at. */
const JOB_KEY_PLACES = (0,refused_shapes/* placesOf */.ek)(keys/* JOB_KEYS */.Tn, refused_shapes/* JOB_PLACE */.G8);
const STEP_KEY_PLACES = (0,refused_shapes/* placesOf */.ek)(keys/* STEP_KEYS */.KC, refused_shapes/* STEP_PLACE */.j);
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
    found = first(found, (0,refused_shapes/* wrongKind */.oF)(root, refused_shapes/* WORKFLOW_PLACE */.qM, () => 'the workflow'));
    // Each place's name (`step 3 of job 'build'`) is worded only for a key that is refused.
    const jobEntries = entries(jobs);
    // Each job's `needs:` entry, for GitHub's graph check after the loop.
    const needs = [];
    for (let ji = 0, jiEnd = jobEntries.length; ji < jiEnd; ji++) {
        const j = jobEntries[ji];
        const job = () => `the job '${j.key}'`;
        found = first(found, (0,refused_shapes/* notMapping */.iI)(j.value, job, j.keyLine));
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
        let uses;
        let runsOn;
        let need;
        let stepsEntry;
        // The first value of the wrong kind under a key the model reads (`env: [A]`), judged in this pass.
        let wrong;
        const jes = entries(j.value);
        for (let i = 0, iEnd = jes.length; i < iEnd; i++) {
            const e = jes[i];
            const k = e.key;
            const place = JOB_KEY_PLACES.get(k);
            if (place === undefined)
                bad ??= e;
            else if (place !== null && wrong === undefined)
                wrong = (0,refused_shapes/* wrongKindOf */.pc)(e, place);
            if (k === 'uses')
                uses ??= e;
            else if (k === 'runs-on')
                runsOn ??= e;
            else if (k === 'needs')
                need ??= e;
            else if (k === 'steps')
                stepsEntry ??= e;
            else if (k === 'secrets')
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
        // A job runs steps or calls a workflow, never both, and says which (keys.ts JOB_SHAPES).
        needs.push(need);
        if (j.value?.kind === 'map') {
            found = first(found, (0,keys/* shapeProblem */.jn)(jes, keys/* JOB_SHAPE_MASKS */.MJ, job, j.value.line));
            found = first(found, (0,refused_shapes/* emptyValue */.Nj)(uses, job));
            found = first(found, (0,refused_shapes/* emptyValue */.Nj)(runsOn, job));
            found = first(found, (0,refused_shapes/* emptyValue */.Nj)(need, job));
            found = first(found, (0,refused_shapes/* stepsNotList */.jN)(j.key, stepsEntry));
            // A value of the wrong kind under a key the model reads: GitHub refuses the file.
            found = first(found, (0,refused_shapes/* wrongKindProblem */.vK)(wrong, job));
        }
        // `secrets:` of a reusable-workflow call is `inherit` or a mapping; GitHub refuses `Inherit`, which
        // a reader comparing with `inherit` would take for "passes no secret" (a list is `wrongKind`'s).
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
            let stepUses;
            let wrong;
            for (let k = 0, kEnd = ses.length; k < kEnd; k++) {
                const e = ses[k];
                const place = STEP_KEY_PLACES.get(e.key);
                if (place === undefined)
                    bad ??= e;
                else if (place !== null && wrong === undefined)
                    wrong = (0,refused_shapes/* wrongKindOf */.pc)(e, place);
                if (w === undefined && e.key === 'with')
                    w = e.value;
                else if (stepUses === undefined && e.key === 'uses')
                    stepUses = e;
            }
            const where = () => `step ${i + 1} of job '${j.key}'`;
            found = first(found, (0,refused_shapes/* notMapping */.iI)(st, where, stepsEntry?.keyLine ?? j.keyLine));
            found = first(found, (0,refused_shapes/* emptyValue */.Nj)(stepUses, where));
            if (bad)
                found = first(found, (0,keys/* unknownKeyProblem */.xT)(bad, keys/* STEP_KEYS */.KC, where()));
            if (st.kind === 'map') {
                found = first(found, (0,keys/* shapeProblem */.jn)(ses, keys/* STEP_SHAPE_MASKS */.vy, where, st.line));
                found = first(found, (0,refused_shapes/* wrongKindProblem */.vK)(wrong, where));
            }
            // The place is worded only for a key that is refused.
            const cased = w?.kind === 'map' ? (0,keys/* runnerCasedEntry */.FH)(w) : undefined;
            if (cased)
                found = first(found, (0,keys/* runnerCasedProblem */.u_)(cased, where()));
        }
    }
    found = first(found, (0,refused_shapes/* needsProblem */.TD)(jobEntries, needs, jobs.line));
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

/***/ 3377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G8: () => (/* binding */ JOB_PLACE),
/* harmony export */   Nj: () => (/* binding */ emptyValue),
/* harmony export */   TD: () => (/* binding */ needsProblem),
/* harmony export */   XS: () => (/* binding */ ACTION_PLACE),
/* harmony export */   ek: () => (/* binding */ placesOf),
/* harmony export */   iI: () => (/* binding */ notMapping),
/* harmony export */   j: () => (/* binding */ STEP_PLACE),
/* harmony export */   jN: () => (/* binding */ stepsNotList),
/* harmony export */   ln: () => (/* binding */ REFUSED),
/* harmony export */   oF: () => (/* binding */ wrongKind),
/* harmony export */   pc: () => (/* binding */ wrongKindOf),
/* harmony export */   qM: () => (/* binding */ WORKFLOW_PLACE),
/* harmony export */   vK: () => (/* binding */ wrongKindProblem)
/* harmony export */ });
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9512);

const REFUSED = 'GitHub refuses this workflow: ';
/** GitHub's words for a value of the wrong kind where it wants a mapping (or a sequence). */
function unexpected(node) {
    if (node.kind === 'seq')
        return 'A sequence was not expected';
    if (node.kind === 'map')
        return 'A mapping was not expected';
    return `Unexpected value '${node.value === null ? '' : String(node.value)}'`;
}
/**
 * The line of a refused value: an implicit null's (`uses:` with nothing, a bare `-`) is not where it
 * is written in the located tree (the reader places it at a neighbour), so the line of its key, or of
 * the list holding it, stands for it.
 */
const lineFor = (node, fallback) => node.kind === 'scalar' && node.value === null ? fallback : node.line || fallback;
/**
 * A job or a step that is no mapping (`j:`, `j: x`, a bare `-` step): "Unexpected value ''". `line` is
 * the job's key or the `steps:` key, for an implicit null.
 */
function notMapping(node, where, line) {
    if (node.kind === 'map')
        return undefined;
    return {
        message: `${REFUSED}${where()} is not a mapping ("${unexpected(node)}")`,
        line: lineFor(node, line),
    };
}
const isEmpty = (n) => n.kind === 'scalar' && (n.value === null || n.value === '');
/**
 * The first empty string where the schema says `non-empty-string`: the value itself, an item of its
 * sequence, and for `runs-on:` the `group:` and `labels:` of its mapping (GitHub: "Unexpected value ''",
 * at that value).
 */
function firstEmpty(node, runsOn) {
    if (isEmpty(node))
        return node;
    if (node.kind === 'seq')
        return node.items.find(isEmpty);
    if (runsOn && node.kind === 'map')
        for (const e of node.entries)
            if (e.key === 'group' || e.key === 'labels') {
                const empty = firstEmpty(e.value, false);
                if (empty)
                    return empty;
            }
    return undefined;
}
/** `key:` of `where` when it is, or holds, an empty string GitHub refuses. */
function emptyValue(entry, where) {
    if (!entry)
        return undefined;
    const empty = firstEmpty(entry.value, entry.key === 'runs-on');
    if (!empty)
        return undefined;
    return {
        message: `${REFUSED}\`${entry.key}:\` of ${where()} is empty ("Unexpected value ''"); name what it ${entry.key === 'needs' ? 'waits for' : 'runs'}`,
        line: lineFor(empty, entry.keyLine),
    };
}
/**
 * `steps:` that is no sequence (nothing, a mapping, a scalar): "Unexpected value ''" or "A mapping was
 * not expected", at its value. (An empty list, or no `steps:` at all, GitHub's server refuses too: "No
 * steps defined in `steps` and no workflow called in `uses` for the following jobs"; not judged here,
 * see docs/decisions.md, session 39.)
 */
function stepsNotList(job, steps) {
    const v = steps?.value;
    if (!v || v.kind === 'seq')
        return undefined;
    return {
        message: `${REFUSED}\`steps:\` of job '${job}' is not a list ("${unexpected(v)}")`,
        line: lineFor(v, steps.keyLine),
    };
}
/**
 * GitHub's `validateNeeds`: the jobs with no `needs:` start; a job starts once every job it names has;
 * a workflow where no job starts, or a job naming a job that never starts (a cycle) or no job at all,
 * is refused. GitHub's port compares names exactly; a name equal to a job's only up to ASCII case is
 * taken as that job here (GitHub's server compares job ids ignoring case elsewhere, and passing a file
 * GitHub refuses runs nothing, while refusing one GitHub runs is a false alarm). `needs` holds each
 * job's `needs:` entry, in the jobs' order; `jobsLine` is the jobs mapping's line, where GitHub
 * reports a workflow with no start.
 */
function needsProblem(jobs, needs, jobsLine) {
    // Most workflows name no `needs:`: nothing to build for them.
    if (jobs.length > 0 && needs.every((e) => e === undefined))
        return undefined;
    const index = new Map();
    for (let i = 0; i < jobs.length; i++) {
        const k = (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiFold */ .hb)(jobs[i].key);
        if (!index.has(k))
            index.set(k, i);
    }
    // Each job's needed names (their nodes, for the lines), how many are not yet started, and the
    // jobs waiting on each job: linear in jobs and names (a chain of thousands of jobs, session 30).
    const name = (n) => (n.kind === 'scalar' ? String(n.value ?? '') : '');
    const named = needs.map((e) => {
        const v = e?.value;
        if (!v)
            return [];
        return v.kind === 'seq' ? v.items.filter((n) => n.kind === 'scalar') : v.kind === 'scalar' ? [v] : [];
    });
    const waiting = jobs.map(() => []);
    // A name of no job is counted and never started: its job keeps waiting.
    const left = named.map((ns, i) => {
        for (const n of ns)
            waiting[index.get((0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiFold */ .hb)(name(n))) ?? -1]?.push(i);
        return ns.length;
    });
    const ready = [];
    for (let i = 0; i < jobs.length; i++)
        if (left[i] === 0)
            ready.push(i);
    if (ready.length === 0)
        return {
            message: `${REFUSED}no job starts: ${jobs.length === 0 ? 'there is none' : 'each one waits for another'} ("The workflow must contain at least one job with no dependencies."); give it a job without \`needs:\``,
            line: jobsLine,
        };
    const started = new Uint8Array(jobs.length);
    for (let r = 0; r < ready.length; r++) {
        const j = ready[r];
        started[j] = 1;
        for (const i of waiting[j])
            if (--left[i] === 0)
                ready.push(i);
    }
    let found;
    for (let i = 0; i < jobs.length; i++) {
        if (started[i])
            continue;
        for (const n of named[i]) {
            const target = index.get((0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .asciiFold */ .hb)(name(n)));
            if (target !== undefined && started[target])
                continue;
            const known = target !== undefined;
            const message = known
                ? `Job '${jobs[i].key}' depends on job '${name(n)}' which creates a cycle in the dependency graph.`
                : `Job '${jobs[i].key}' depends on unknown job '${name(n)}'.`;
            const line = lineFor(n, needs[i].keyLine);
            if (!found || line < found.line)
                found = {
                    message: `${REFUSED}job '${jobs[i].key}' never starts ("${message}"); ${known ? 'break the cycle of `needs:`' : 'name a job of this workflow'}`,
                    line,
                };
        }
    }
    return found;
}
/**
 * The kinds of value GitHub's schema takes at a place, as flags: a string (any scalar), a number, a
 * boolean, a mapping, a list. A lone expression (`${{ }}`) and an empty value are taken everywhere
 * here: GitHub's server takes `env: ${{ fromJSON(x) }}` where its port does not (session 39's corpus
 * survey), and an empty value is `emptyValue`'s where it matters.
 */
const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const MAPPING = 8;
const LIST = 16;
function place(kinds, more = {}) {
    const keys = more.keys ? new Map(Object.entries(more.keys)) : undefined;
    return {
        kinds,
        keys,
        closed: more.closed && keys ? new Set(keys.keys()) : undefined,
        literal: more.literal === true,
        values: more.values,
        items: more.items,
        required: more.required,
        allowed: more.allowed,
        nullTaken: more.nullTaken === true,
        nonEmpty: more.nonEmpty === true,
    };
}
const ANY = place(STRING | NUMBER | BOOLEAN | MAPPING | LIST);
const STR = place(STRING | NUMBER | BOOLEAN);
const LITERAL = place(STRING | NUMBER | BOOLEAN, { literal: true });
const NUM = place(NUMBER);
const BOOL = place(BOOLEAN);
/** `env:`, `outputs:`, a call's `with:` and `secrets:` entries, a container's `credentials:`. */
const STRINGS = place(MAPPING, { values: STR });
/** A mapping of `keys` and no other key. */
const closed = (kinds, keys, required, more = {}) => place(kinds, { keys, closed: true, required, ...more });
/** A `non-empty-string` (session 43); the copy keeps every field in `place()`'s order (one object shape). */
const nonEmpty = (p) => ({ ...p, nonEmpty: true });
const CONCURRENCY = closed(STRING | MAPPING, 
// `queue:` (`single` or `max`) is in GitHub's schema (`concurrency-queue`) since session 41's table.
{ group: STR, 'cancel-in-progress': BOOL, queue: STR }, { key: 'group', words: 'Required property is missing: group' });
const CONTAINER = place(STRING | MAPPING, {
    keys: { image: STR, env: STRINGS, credentials: STRINGS, options: STR },
    required: { key: 'image', words: 'Container image cannot be empty' },
});
/**
 * A mapping whose schema definition names no context (`workflow-job-with`, `job-outputs`,
 * `workflow-defaults`): GitHub's template reader refuses a lone expression there while reading the file
 * ("Unrecognized named-value"), unlike `env:` or `services:`, whose definitions name contexts (session 42).
 * The copy keeps every field in `place()`'s order (one object shape).
 */
const noContext = (p) => ({ ...p, literal: true });
/**
 * `defaults:`: no context in the workflow's (`workflow-defaults-run` names none, so `shell:` is read
 * before any exists); a job's `defaults.run` names the job's contexts (`job-defaults-run`; GitHub's
 * context table lists `jobs.<job_id>.defaults.run`), so there `shell: ${{ matrix.shell }}` and a lone
 * expression are taken (session 42: session 41 refused them).
 */
const WORKFLOW_DEFAULTS = noContext(closed(MAPPING, {
    run: noContext(closed(MAPPING, { shell: nonEmpty(LITERAL), 'working-directory': nonEmpty(STR) })),
}));
const JOB_DEFAULTS = noContext(closed(MAPPING, { run: closed(MAPPING, { shell: STR, 'working-directory': STR }) }));
/**
 * `on.workflow_call`: the one event GitHub's schema types in the `on:` its server reads (`on-mapping`:
 * `workflow_call` is `workflow-call`, every other event `any`). Every other event's body stays taken: its
 * port's strict schema refuses `workflow_dispatch: []` or `create: { branches: x }`, which corpus
 * workflows GitHub runs hold (session 42).
 */
const WORKFLOW_CALL = closed(MAPPING, {
    inputs: noContext(place(MAPPING, {
        values: closed(MAPPING, {
            description: STR,
            type: place(STRING | NUMBER | BOOLEAN, {
                literal: true,
                allowed: new Set(['string', 'number', 'boolean']),
            }),
            required: BOOL,
            default: STR,
        }, { key: 'type', words: 'Required property is missing: type' }),
    })),
    secrets: noContext(place(MAPPING, {
        values: closed(MAPPING, { description: STR, required: BOOL }, undefined, { nullTaken: true }),
    })),
    outputs: noContext(place(MAPPING, {
        values: closed(MAPPING, { description: STR, value: STR }, { key: 'value', words: 'Required property is missing: value', emptyTaken: true }),
    })),
}, undefined, { nullTaken: true });
/** The workflow's own keys the model reads. */
const WORKFLOW_PLACE = place(MAPPING, {
    keys: {
        // `workflow-name` names no context: `name: ${{ github.ref }}` is refused (`run-name:` is for that).
        name: LITERAL,
        'run-name': STR,
        on: place(STRING | LIST | MAPPING, { keys: { workflow_call: WORKFLOW_CALL } }),
        env: STRINGS,
        defaults: WORKFLOW_DEFAULTS,
        concurrency: CONCURRENCY,
    },
});
/** A job's keys the model reads (`steps:` is `stepsNotList`'s, each step `STEP_PLACE`). */
const JOB_PLACE = place(MAPPING, {
    keys: {
        name: STR,
        'runs-on': place(STRING | MAPPING | LIST, {
            items: STR,
            keys: { group: STR, labels: place(STRING | LIST, { items: STR }) },
        }),
        needs: place(STRING | LIST, { items: STR }),
        if: STR,
        env: STRINGS,
        outputs: noContext(STRINGS),
        strategy: place(MAPPING, {
            keys: {
                matrix: place(MAPPING, {
                    keys: {
                        include: place(LIST, { items: place(MAPPING) }),
                        exclude: place(LIST, { items: place(MAPPING) }),
                    },
                    values: place(LIST, { items: ANY }),
                }),
                'fail-fast': BOOL,
                'max-parallel': NUM,
            },
        }),
        container: CONTAINER,
        // A service's string is a `non-empty-string`; the job's `container: ''` GitHub takes.
        services: place(MAPPING, { values: nonEmpty(CONTAINER) }),
        defaults: JOB_DEFAULTS,
        environment: place(STRING | MAPPING, { keys: { name: STR, url: STR } }),
        // A job's string is a `non-empty-string`; the workflow's `concurrency: ''` GitHub takes.
        concurrency: nonEmpty(CONCURRENCY),
        'timeout-minutes': NUM,
        'continue-on-error': BOOL,
        uses: LITERAL,
        // A call's `with:` (`workflow-job-with`); a step's takes one expression (`step-with` has contexts).
        with: noContext(STRINGS),
        // `inherit` or a mapping; another scalar is refused in parse.ts with the word GitHub wants.
        secrets: place(STRING | MAPPING, { values: STR }),
    },
});
/** A step's keys the model reads. */
const STEP_PLACE = place(MAPPING, {
    keys: {
        name: STR,
        uses: LITERAL,
        run: STR,
        with: STRINGS,
        env: STRINGS,
        shell: nonEmpty(LITERAL),
        'working-directory': STR,
        if: STR,
        'continue-on-error': BOOL,
        'timeout-minutes': NUM,
    },
});
/**
 * A local composite action (action.yml, read by the runner with its action schema: `composite-step` is
 * a `run-step` or a `uses-step`): the keys composite.ts reads and the ones beside them. `shell:` names
 * the steps' contexts there (unlike a workflow step's); `uses:` none (session 42). Closed (session 43):
 * the runner's action_yaml.json (actions/runner 258d6c85) and its port's action schema list the same keys
 * and no loose key, so a key of neither step kind ("Unexpected value 'k'", keys case-sensitive) fails
 * the action's load ("Failed to load"); which kind a step is, and its required keys, are composite.ts'.
 * An `id:` is `refusedStepId`'s.
 */
const COMPOSITE_STEP_PLACE = closed(MAPPING, {
    id: ANY,
    name: STR,
    uses: nonEmpty(LITERAL),
    run: STR,
    with: STRINGS,
    env: STRINGS,
    shell: STR,
    'working-directory': STR,
    if: STR,
    'continue-on-error': BOOL,
});
/** An action file's keys composite.ts reads: each input's `default:`, `runs.steps`. */
const ACTION_PLACE = place(MAPPING, {
    keys: {
        inputs: place(MAPPING, { values: place(MAPPING, { keys: { default: STR } }) }),
        // `output-definition` takes no loose key (the action's root and an input do: not judged).
        outputs: place(MAPPING, { values: closed(MAPPING, { description: STR, value: STR }) }),
        // A composite's `runs:` (walked for one only): `composite-runs` takes `using:` and `steps:` alone.
        runs: closed(MAPPING, { using: STR, steps: place(LIST, { items: COMPOSITE_STEP_PLACE }) }),
    },
});
/**
 * Each key of `allowed` (keys.ts: a job's, a step's) with its place below `top`, `null` for a key the
 * model does not read: the one look-up per key of parse.ts's key pass, which answers both "a key GitHub
 * does not take" (absent) and "where to judge its value" (session 42: the wrong-kind walk folded into
 * that pass instead of a second walk over the same entries). Every key of `top` is one of `allowed`
 * (checked here, once), so the pass judges every value the walk of `top` would.
 */
function placesOf(allowed, top) {
    for (const k of top.keys?.keys() ?? [])
        if (!allowed.has(k))
            throw new Error(`refused-shapes: the place key '${k}' is no key GitHub takes there`);
    return new Map([...allowed].map((k) => [k, top.keys?.get(k) ?? null]));
}
const KIND_WORDS = [
    [MAPPING, 'a mapping'],
    [LIST, 'a list'],
    [STRING, 'a string'],
    [NUMBER, 'a number'],
    [BOOLEAN, 'true or false'],
];
/** "a mapping or a string"; a string place takes numbers and booleans too, which go unsaid. */
const wanted = (kinds) => KIND_WORDS.filter(([k]) => (kinds & k) !== 0 && !(k !== STRING && k & (NUMBER | BOOLEAN) && kinds & STRING))
    .map(([, w]) => w)
    .join(' or ');
/**
 * The first value below `node` (a mapping the caller has judged) whose kind GitHub's schema refuses
 * at its place: "A sequence was not expected", "A mapping was not expected", "Unexpected value 'x'"
 * (GitHub refuses the whole file; a reader that took such a value as absent would pass a file that
 * never runs). `where` names the owner (`the job 'build'`), worded only for a value refused.
 */
function wrongKind(node, place, where) {
    if (node.kind !== 'map')
        return undefined;
    for (const e of node.entries) {
        const sub = place.keys?.get(e.key) ?? place.values;
        const found = sub && wrongKindOf(e, sub);
        if (found)
            return wrongKindProblem(found, where);
    }
    return undefined;
}
/** The value of `e` judged at `place` (`e.key`'s place below its owner): a refusal, its path from `e`. */
function wrongKindOf(e, place) {
    const found = wrongKindAt(e.value, place, e.keyLine);
    found?.path.unshift(e.key);
    return found;
}
/** The path of a place as a reader finds it: `strategy.matrix.include[2]`. */
const pathText = (path) => path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join('');
/** A refusal in GitHub's words, with the owner `where` names. */
function wrongKindProblem(r, where) {
    if (!r)
        return undefined;
    const { node, path } = r;
    if (r.why === 'closed')
        return (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .unknownKeyProblem */ .xT)(r.entry, r.place.closed, `\`${pathText(path)}:\` of ${where()}`);
    if (r.why === 'literal')
        return {
            message: `${REFUSED}\`${pathText(path)}:\` of ${where()} is an expression ("A template expression is not allowed in this context"); GitHub reads it before any context exists: write the ${r.place.kinds & MAPPING ? 'mapping' : 'value'} itself`,
            line: lineFor(node, r.line),
        };
    if (r.why === 'allowed')
        return {
            message: `${REFUSED}\`${pathText(path)}:\` of ${where()} is '${String(node.kind === 'scalar' ? node.value : '')}' ("${unexpected(node)}"); GitHub takes ${[...r.place.allowed].map((v) => `'${v}'`).join(', ')} there`,
            line: lineFor(node, r.line),
        };
    if (r.why === 'required') {
        const { key, words } = r.place.required;
        const entry = r.entry;
        return {
            message: `${REFUSED}\`${pathText(path)}:\` of ${where()} has ${entry ? `an empty \`${key}:\`` : `no \`${key}:\``} ("${words}"); GitHub wants one there`,
            line: entry ? lineFor(entry.value, entry.keyLine) : node.line || r.line,
        };
    }
    const last = path[path.length - 1];
    const empty = isEmpty(node);
    const written = node.kind === 'seq'
        ? 'a list'
        : node.kind === 'map'
            ? 'a mapping'
            : empty
                ? 'empty'
                : `'${String(node.value)}'`;
    return {
        message: `${REFUSED}\`${pathText(path)}${typeof last === 'number' ? '' : ':'}\` of ${where()} is ${written} ("${unexpected(node)}"); GitHub wants ${wanted(r.place.kinds)}${empty && r.place.nonEmpty ? ' that is not empty' : ''} there`,
        line: lineFor(node, r.line),
    };
}
const refused = (why, node, place, line, entry) => ({
    why,
    node,
    place,
    line,
    entry,
    path: [],
});
/**
 * `node` at `place` (`line` its key's or its list's, for an implicit null). A lone expression and an
 * empty value are taken everywhere but a literal's place (see the flags above); a string at a string
 * place is taken without a search for `${{` (most values the walk meets: `run:`, `name:`, `with:`).
 */
function wrongKindAt(node, place, line) {
    const kinds = place.kinds;
    if (node.kind === 'scalar') {
        const v = node.value;
        // An empty value: a string `''` where one is taken (session 43: see `nullTaken`, `nonEmpty`).
        if (v === null)
            return (kinds & STRING) === 0
                ? place.nullTaken
                    ? undefined
                    : refused('kind', node, place, line)
                : place.nonEmpty
                    ? refused('kind', node, place, line)
                    : undefined;
        if (v === '' && place.nonEmpty)
            return refused('kind', node, place, line);
        const allowed = place.allowed;
        if (typeof v === 'string') {
            if ((kinds & STRING) !== 0 && !place.literal && allowed === undefined)
                return undefined;
            if (v.includes('${{'))
                return place.literal ? refused('literal', node, place, line) : undefined;
            if ((kinds & STRING) === 0)
                return refused('kind', node, place, line);
        }
        else {
            const kind = typeof v === 'number' ? NUMBER | STRING : BOOLEAN | STRING;
            if ((kind & kinds) === 0)
                return refused('kind', node, place, line);
        }
        return allowed && !allowed.has(String(v)) ? refused('allowed', node, place, line) : undefined;
    }
    if (node.kind === 'map') {
        if ((kinds & MAPPING) === 0)
            return refused('kind', node, place, line);
        const required = place.required;
        if (required) {
            const entry = node.entries.find((e) => e.key === required.key);
            if (!entry || (isEmpty(entry.value) && !required.emptyTaken))
                return refused('required', node, place, line, entry);
        }
        return place.keys || place.values ? wrongKindBelow(node, place) : undefined;
    }
    if ((kinds & LIST) === 0)
        return refused('kind', node, place, line);
    const items = place.items;
    if (items)
        for (let i = 0, iEnd = node.items.length; i < iEnd; i++) {
            const found = wrongKindAt(node.items[i], items, node.line);
            if (found) {
                found.path.unshift(i);
                return found;
            }
        }
    return undefined;
}
/** The entries of a mapping below a key (a closed place refuses a key it does not know). */
function wrongKindBelow(node, place) {
    const keys = place.keys;
    const values = place.values;
    for (let i = 0, iEnd = node.entries.length; i < iEnd; i++) {
        const e = node.entries[i];
        const sub = keys?.get(e.key) ?? values;
        if (!sub) {
            if (place.closed)
                return refused('closed', node, place, e.keyLine, e);
            continue;
        }
        const found = wrongKindOf(e, sub);
        if (found)
            return found;
    }
    return undefined;
}


/***/ }),

/***/ 3803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FJ: () => (/* binding */ secretsBelow),
/* harmony export */   M: () => (/* binding */ WHOLE_SECRETS)
/* harmony export */ });
/* unused harmony exports secretNamesInExpression, secretNamesIn */
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7438);

/** The token every job gets anyway; it is not a secret a manifest declares. */
const IMPLICIT = 'GITHUB_TOKEN';
/** What a read of the whole context, or of a name computed at run time, is recorded as. */
const WHOLE_SECRETS = '*';
/**
 * The characters of a name: 1 at those that may start one (A-Z a-z _), 2 at those that may only go on
 * one (0-9 -). A table rather than functions of comparisons: `check` runs this code in V8's baseline tiers
 * until it is hot (ONE_PASS_V8_FLAGS in shared/cli/main.ts), where each call and each comparison is a
 * builtin call, and the scan asks for every character of every
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
    // are scalars, and a call (never inlined) costs more than the filter (the scalar case above,
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

/***/ 7006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ ifRunsAfterFailure)
/* harmony export */ });
/* unused harmony export lexExpression */
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7438);
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

/***/ 7438:
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
 * expression, each quote and brace judged in order, not by a loop over every character: in V8's
 * baseline tiers, where `check` runs this until it is hot (ONE_PASS_V8_FLAGS in shared/cli/main.ts),
 * each character costs a property read and comparisons, builtin calls all (session 30). Module-level and stateful (`lastIndex`): nothing yields between setting
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

/***/ 8632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VN: () => (/* binding */ usesKind),
/* harmony export */   ds: () => (/* binding */ canonicalUses),
/* harmony export */   ms: () => (/* binding */ localUses)
/* harmony export */ });
/* unused harmony export normalizePath */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
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
 * walks the path a character at a time, about 18,000 instructions a call on the corpus check with
 * Turbofan off (session 30; `check` still runs it in V8's baseline tiers until it is hot), and `localUses` is asked several times a step (session 30).
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

/***/ 4325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yx: () => (/* binding */ SCHEMA),
  f1: () => (/* binding */ lineAtPath),
  vJ: () => (/* binding */ parseLocatedYaml)
});

// UNUSED EXPORTS: IMPLICIT, MAX_EXPANDED_NODES, parseLocatedYamlReference, toValue

// EXTERNAL MODULE: ./shared/yaml/own-key.ts
var own_key = __webpack_require__(842);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
// EXTERNAL MODULE: ./shared/yaml/package.ts
var yaml_package = __webpack_require__(9964);
;// CONCATENATED MODULE: ./shared/yaml/second-reader.ts

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
    const { isAlias, isMap, isScalar, isSeq, parseDocument } = (0,yaml_package/* yamlPackage */.A)();
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
 * index (`lastIndex`) instead of a loop of `charCodeAt`: in the baseline tiers (see the head of this
 * file) such a loop costs a builtin call and several compare calls per character, while the regular
 * expression runs as native code from the first file on (irregexp is not Turbofan). The loop's answer is kept exactly: each
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
 * undefined). A table rather than a function of nineteen comparisons, each a builtin call in the
 * baseline tiers, made for every key and plain scalar (session 29).
 */
const INDICATOR = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`')
    INDICATOR[c.charCodeAt(0)] = 1;
/**
 * Characters that can start a plain scalar resolving to something other than a string (core schema):
 * 1 at their code (2 for the letters, below). A table, not a function of comparisons: in the baseline tiers each `===` or
 * `<=` is a builtin call, and a key or scalar starting with a letter outside the list made all eleven (about
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
 * schema's types, a call and several property reads apiece (session 30).
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
 * text. In the baseline tiers every `this.x` (a field, or a method looked up to be called) is an
 * inline-cache lookup through a builtin call (`LoadIC`, about 57 instructions; session 29, when the
 * whole check ran there) that Turbofan folds into one load only once the function is hot; a module variable is a slot of the
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
 * scan is written out here: every line the reader reads passes here, and a call (never inlined)
 * costs more than the test (session 32). Its hint (`rSpaceAt`) is not asked: the line after a plain
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
    if (!rTree)
        return value;
    if (typeof value === 'string' && value.length >= SLICE_MIN)
        own(value);
    return { kind: 'scalar', line, value };
}
/**
 * V8 makes a substring of 13 characters or more (`slice`, a regular expression's match) a view of
 * its source rather than a copy, and the view keeps the whole source alive. The tree's strings are
 * such views of the document's text, and the workflow model keeps some of them (`uses:`, names, ids,
 * one-line `run:` scripts) for the whole check: each kept view held its file's text, 4.5 MB for the
 * corpus, which the scavenger copied twice on its way to the old generation (session 37).
 */
const SLICE_MIN = 13;
const INTERNED = Object.create(null);
/**
 * Cuts a tree string (of `SLICE_MIN` characters or more; a shorter one is a copy already) loose from
 * the text: a property look-up
 * with it as the key makes V8 put it in its string table, a copy made in the old generation and
 * shared by every equal string (the corpus's `actions/checkout@v2` is one string), and turns the view
 * into a forward to that copy, which the next scavenge puts in its place. The look-up's answer is
 * not used; nothing else about the string changes. Corpus check: a fifth less copied and promoted
 * by the scavenges, the models' heap 4.6 MB smaller (docs/performance.md, session 37). Strings
 * shorter than `SLICE_MIN` are not looked up: they are copies, and a look-up for every key and
 * scalar cost more than their copying saved.
 */
function own(s) {
    void (s in INTERNED);
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
    // in the baseline tiers; session 32).
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
        if (tree && key.length >= SLICE_MIN)
            own(key);
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
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            if (key.length >= SLICE_MIN)
                own(key);
            entries.push({ key, keyLine: keyLines[i], value: values[i] });
        }
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
        // `scalar(v, line)` written out: the most common node (session 32).
        rLastLine = line;
        if (rTree && typeof v === 'string' && v.length >= SLICE_MIN)
            own(v);
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
    const text = String(key);
    // Not a view of the document's text: the tree outlives it (fast.ts, `own`).
    if (text.length >= SLICE_MIN)
        own(text);
    return text;
}
function scalarOf(value, line) {
    const v = value === undefined ? null : value;
    if (typeof v === 'string' && v.length >= SLICE_MIN)
        own(v);
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
 * A value its explicit core-schema tag does not allow (`!!bool test`, `!!int 1.5`): the `yaml` package
 * keeps it, but GitHub's server refuses the file ("The value 'test' ... is invalid for the type
 * 'tag:yaml.org,2002:bool'": workflow-parser/testdata/reader/errors-parse-*.yml, which the TypeScript
 * port skips), so it is a plain syntax error, not a refusal of stepwarden's own (session 39).
 */
const CORE_TAG_VALUE = /cannot resolve a node with !<tag:yaml\.org,2002:(?:bool|int|float|null)> explicit tag/;
/**
 * js-yaml's refusal of a document the `yaml` package (GitHub's reader) reads: a tag or an anchor
 * before a block mapping's first key (`permissions:\n  !!str contents: read`), a local tag
 * (`name: !x prod`), a `!` before a flow indicator. GitHub runs such a workflow, so the refusal is
 * stepwarden's own and says so, with js-yaml's reason and line (session 36: it read as a plain
 * "YAML syntax error", a valid workflow called invalid). Eager parses only; read on the error path.
 */
function refusedOnlyByJsYaml(err, text) {
    if (err instanceof RangeError || CORE_TAG_VALUE.test(String(err?.message)))
        return undefined;
    if ('error' in secondReading(text))
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

/***/ 842:
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


/***/ }),

/***/ 9964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ yamlPackage)
/* harmony export */ });
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_module__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The `yaml` package (GitHub's YAML reader: the second reading of what the fast path does not read,
 * and init's manifest writer), loaded on its first use, synchronously, so the readings stay
 * synchronous. No command loads it at start: none of the corpus's 1,503 files needs the second
 * reading, and a check that only compiles the package (290 KB of a chunk it loads) pays about
 * 20-30 M instructions for nothing (docs/performance.md, session 38).
 *
 * In the bundle the package is its own CommonJS file beside the chunks (`yaml.cjs`, written by
 * scripts/postbuild.mjs), required with Node's own `require` (`__non_webpack_require__`, which the
 * bundler writes as `createRequire(import.meta.url)` of the chunk): a chunk is compiled whole when it
 * loads, whether or not its modules run, and the bundler loads chunks only asynchronously. Run from
 * source (tsx, jest) there is no such name, so Node's `require` of the package.
 */

let loaded;
function yamlPackage() {
    loaded ??= (typeof __WEBPACK_EXTERNAL_createRequire(import.meta.url) === 'function'
        ? __WEBPACK_EXTERNAL_createRequire(import.meta.url)('./yaml.cjs')
        : (0,node_module__WEBPACK_IMPORTED_MODULE_0__.createRequire)(import.meta.url)('yaml'));
    return loaded;
}


/***/ })

};
