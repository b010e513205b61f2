export const id = 328;
export const ids = [328];
export const modules = {

/***/ 7328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ENFORCE_OIDC_AUDIENCE: () => (/* binding */ ENFORCE_OIDC_AUDIENCE),
  enforceAction: () => (/* binding */ enforceAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./shared/actions/annotations.ts
var annotations = __webpack_require__(7728);
// EXTERNAL MODULE: ./shared/audit/trail.ts
var trail = __webpack_require__(9134);
;// CONCATENATED MODULE: ./shared/enforce/facts.ts
/** Each disagreement with the API, as one phrase; empty when every stated fact agrees. */
function factConflicts(api, claims) {
    const out = [];
    const given = (v) => v !== undefined && v !== null && v !== '';
    for (const c of claims) {
        if (given(c.id) && String(c.id) !== String(api.id))
            out.push(`${c.source} says repository id ${String(c.id)}, the API says ${api.id}`);
        if (given(c.ownerId) && String(c.ownerId) !== String(api.ownerId))
            out.push(`${c.source} says owner id ${String(c.ownerId)}, the API says ${api.ownerId}`);
        if (given(c.fullName) && String(c.fullName).toLowerCase() !== api.fullName.toLowerCase())
            out.push(`${c.source} says repository ${String(c.fullName)}, the API says ${api.fullName}`);
        if (given(c.defaultBranch) && String(c.defaultBranch) !== api.defaultBranch)
            out.push(`${c.source} says default branch '${String(c.defaultBranch)}', the API says '${api.defaultBranch}'`);
    }
    return out;
}
/**
 * Whether `ref` names code the change under test controls rather than the default branch: the run's
 * branch (short, `heads/\u2026` or full), any pull request ref (`refs/pull/N/merge|head`, short or full:
 * every pull request's author writes them), or one of the run's commits. Reading the manifest there
 * lets the change widen its own gate.
 */
function isOwnRef(ref, run) {
    const norm = (r) => r.replace(/^refs\//, '').replace(/^heads\//, '');
    const target = norm(ref.trim());
    if (target === run.defaultBranch)
        return false;
    // Any pull request's refs, not only this run's: whoever opens a pull request (from a fork too)
    // writes its `refs/pull/N/head`, so `manifest-ref: refs/pull/999/head` read a manifest the author
    // of pull request 999 wrote (session 8).
    if (/^pull\/[^/]+\/(?:merge|head)$/i.test(target))
        return true;
    const own = new Set();
    for (const r of run.refs) {
        if (!r)
            continue;
        own.add(norm(r));
        // refs/pull/7/merge and refs/pull/7/head are the same pull request's code.
        const pr = /^pull\/(\d+)\/(?:merge|head)$/.exec(norm(r));
        if (pr)
            for (const k of ['merge', 'head'])
                own.add(`pull/${pr[1]}/${k}`);
    }
    if (own.has(target))
        return true;
    const lower = target.toLowerCase();
    return run.shas.some((s) => !!s && s.length >= 7 && lower.length >= 7 && s.toLowerCase().startsWith(lower));
}

// EXTERNAL MODULE: ./shared/enforce/github-source.ts
var github_source = __webpack_require__(3652);
// EXTERNAL MODULE: ./shared/check/rules/disallowed-trigger.ts
var disallowed_trigger = __webpack_require__(5104);
// EXTERNAL MODULE: ./shared/check/rules/unused-grant.ts
var unused_grant = __webpack_require__(3248);
// EXTERNAL MODULE: ./shared/check/run.ts + 1 modules
var run = __webpack_require__(5470);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(3966);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/workflow/access.ts
var access = __webpack_require__(6518);
// EXTERNAL MODULE: ./shared/render/escape.ts
var render_escape = __webpack_require__(4732);
// EXTERNAL MODULE: ./shared/manifest/own.ts
var own = __webpack_require__(7894);
;// CONCATENATED MODULE: ./shared/enforce/verdict.ts








/** The problem of a job that is not in the running workflow file or its local callees. */
const UNKNOWN_JOB = 'unknown-job';
/** Rules whose static findings do not describe one running job (replaced or meaningless here). */
const DROPPED = new Set([unused_grant/* unusedGrant */.V.meta.id, disallowed_trigger/* disallowedTrigger */.P.meta.id]);
/** github.com runs reusable workflows up to ten levels deep, as resolveAccess follows them. */
const MAX_LEVELS = 10;
/** Files reachable from the running workflow through local `uses: ./.github/workflows/x.yml` calls. */
function reachableFiles(byFile, start) {
    const seen = new Set([start]);
    let frontier = [start];
    for (let level = 1; level < MAX_LEVELS && frontier.length > 0; level++) {
        const next = [];
        for (const file of frontier)
            for (const job of byFile.get(file)?.jobs ?? []) {
                const callee = job.uses && (0,access/* localWorkflowFile */.nk)(job.uses.uses);
                if (callee && byFile.has(callee) && !seen.has(callee)) {
                    seen.add(callee);
                    next.push(callee);
                }
            }
        frontier = next;
    }
    return seen;
}
/**
 * Whether the running job is within the manifest. GitHub sets GITHUB_WORKFLOW_REF to the caller file
 * and GITHUB_JOB to the callee job (actions/runner#2577), so the file the job is defined in comes from
 * the OIDC token's `job_workflow_ref` when the caller has one (`jobWorkflow`): that file's job only.
 * Without it the job is every candidate GITHUB_JOB can name \u2014 the running file's own job with that id
 * and every job with that id in a local reusable workflow reached from it \u2014 each judged, any error
 * denying (fail closed); and when the running workflow calls a remote reusable workflow, whose jobs
 * may share the id, the job is refused as unknown (see identifyJob).
 */
function enforceJob(input) {
    const { workflow, job, event } = input;
    const base = { workflow, job, event };
    const byFile = new Map(input.workflows.map((w) => [w.file, w]));
    const running = byFile.get(workflow);
    if (!running) {
        return verdictOf(base, [
            {
                rule: UNKNOWN_JOB,
                severity: 'error',
                message: `the running workflow '${workflow}' was not read, so job '${job}' cannot be judged`,
                file: `.github/workflows/${workflow}`,
                line: 1,
            },
        ]);
    }
    const reachable = reachableFiles(byFile, workflow);
    const identity = identifyJob(input, running, reachable, byFile);
    if (identity.problem)
        return verdictOf(base, [identity.problem]);
    // In this run a callee only runs as a callee, for the caller's event: its own `on:` does not apply.
    // Made call-only, it is judged solely through callers from the running file, never on its own.
    const asRun = input.workflows
        .filter((w) => reachable.has(w.file))
        .map((w) => w.file === workflow || w.error
        ? w
        : { ...w, triggers: [{ value: 'workflow_call', line: w.triggers[0]?.line ?? 1 }] });
    const policy = (0,effective_policy/* effectivePolicy */.Ci)(input.manifest.manifest, input.org?.value);
    const candidates = (0,access/* resolveAccess */.pQ)(asRun, policy.repositoryDefault).filter((a) => a.job === job &&
        (a.via !== undefined || a.workflow === workflow) &&
        (identity.file === undefined ||
            (a.workflow === identity.file && (a.via !== undefined) === (identity.file !== workflow))));
    const result = (0,run/* runCheck */.k_)({
        workflows: asRun,
        jobs: candidates,
        manifest: input.manifest,
        ...(input.org ? { org: input.org } : {}),
    });
    // Known to be one file's job: findings about a same-named job of another file are not about it.
    const files = identity.file ? new Set([identity.file]) : reachable;
    const problems = result.findings.filter((f) => concernsJob(f, input, files, candidates)).map(problem);
    if (candidates.length === 0 && !running.error)
        problems.push(unknownJob(input, running, reachable));
    const trigger = triggerProblem(input, running, policy);
    if (trigger)
        problems.push(trigger);
    return verdictOf(base, problems);
}
/**
 * A job's `uses:` whose jobs the gate does not read: anything but a local workflow file it reached. A
 * job-level `uses:` is always a workflow call, so no path shape is asked for: GitHub's reader
 * (`parseFileReference`) takes `o/r/.github//workflows/x.yml@v`, `o//r/\u2026`, `\u2026/workflows/./x.yml@v` and
 * `.//.github/workflows/x.yml` (a local path with a leading slash) alike, which a
 * `/.github/workflows/NAME@` pattern or the local-file reading did not see as a call (session 23).
 */
const unreadCall = (uses, reachable) => {
    const file = (0,access/* localWorkflowFile */.nk)(uses);
    return file === undefined || !reachable.has(file);
};
/**
 * Why the job's file is at another commit than the workflows the gate read, or undefined. A local
 * callee (`./`, `$/`) runs at the caller's commit; the same file called by full reference
 * (`owner/repo/.github/workflows/ci.yml@other`, the running file itself included) runs at another
 * one, under the same name. Judged by the token's `job_workflow_sha` when both commits are known,
 * else by the refs; with neither the gate cannot tell (fail closed).
 */
function otherCommit(jw, readAt) {
    if (!readAt)
        return 'at a commit the gate was not told it read';
    if (jw.sha && readAt.sha)
        return jw.sha === readAt.sha
            ? undefined
            : `at ${jw.sha} (job_workflow_sha), not ${readAt.sha} (GITHUB_WORKFLOW_SHA)`;
    return jw.ref === readAt.ref
        ? undefined
        : `at ${jw.ref} (job_workflow_ref), not ${readAt.ref} (GITHUB_WORKFLOW_REF)`;
}
/**
 * Which file defines the running job. With the OIDC token's `job_workflow_ref`, exactly that file:
 * the running file, a local callee reached from it, or else a job the gate cannot read (a reusable
 * workflow of another repository, or one called by full reference) \u2014 refused as unknown. Without
 * it, GITHUB_JOB alone names the job, which is ambiguous as soon as the running workflow calls a
 * remote reusable workflow (its jobs may share the id): refused as unknown too.
 */
function identifyJob(input, running, reachable, byFile) {
    const at = { rule: UNKNOWN_JOB, severity: 'error', file: running.path };
    const jw = input.jobWorkflow;
    if (jw) {
        const same = !input.repository || jw.repository.toLowerCase() === input.repository.toLowerCase();
        const elsewhen = same ? otherCommit(jw, input.readAt) : undefined;
        if (same && !elsewhen && (jw.file === input.workflow || reachable.has(jw.file)))
            return { file: jw.file };
        return {
            problem: {
                ...at,
                line: running.jobs[0]?.line ?? 1,
                message: !same
                    ? `job '${input.job}' is a job of the reusable workflow ${jw.repository}/.github/workflows/${jw.file}@${jw.ref} of another repository (job_workflow_ref); jobs of reusable workflows from other repositories cannot be judged`
                    : elsewhen
                        ? `job '${input.job}' is defined in ${jw.file} ${elsewhen}, so it is not the file read here; a workflow of this repository called by full reference (owner/repo/.github/workflows/${jw.file}@REF) cannot be judged: call it as ./.github/workflows/${jw.file}`
                        : `job '${input.job}' is defined in ${jw.file}@${jw.ref} (job_workflow_ref), which '${input.workflow}' does not call as a local reusable workflow (./.github/workflows/${jw.file}); it cannot be judged`,
            },
        };
    }
    const calls = [...reachable].flatMap((f) => (byFile.get(f)?.jobs ?? []).flatMap((j) => j.uses && unreadCall(j.uses.uses, reachable) ? [{ f, j }] : []));
    if (calls.length === 0)
        return {};
    const first = calls[0];
    return {
        problem: {
            ...at,
            file: byFile.get(first.f).path,
            line: first.j.uses.line,
            message: `'${input.workflow}' calls the reusable workflow ${first.j.uses.uses}${calls.length > 1 ? ` (and ${calls.length - 1} more)` : ''}, whose jobs may also be named '${input.job}', and without the job's OIDC token the gate cannot tell which job runs; give job '${input.job}' \`id-token: write\` in ${input.workflow} and in its manifest entry (the gate then reads its file from the token's job_workflow_ref), or move the call to its own workflow`,
        },
    };
}
/**
 * Which check findings are about the running job: its own (by workflow and job id, in the running
 * file or a reached callee), workflow-level ones of a file that holds it, and `defaults` findings
 * when the job is judged against `defaults`. Trigger findings go: the runtime decision replaces them.
 */
function concernsJob(f, input, reachable, candidates) {
    if (DROPPED.has(f.rule))
        return false;
    if (f.workflow !== null && !reachable.has(f.workflow))
        return false;
    if (f.job === input.job)
        return true;
    if (f.job !== null)
        return false;
    // A repository-wide finding (given once for several jobs: self-escalating-grant, an unbound
    // manifest) concerns every job.
    if (f.workflow === null && f.subject === 'repository')
        return true;
    if (f.workflow === null)
        return candidates.some((a) => !(0,own/* own */.Z)((0,own/* own */.Z)(input.manifest.manifest.workflows, a.workflow)?.jobs, a.job));
    // Workflow-level findings of a manifest entry (an org-forbidden trigger it lists) are trigger
    // findings too; only those in the workflow files that hold the job stay.
    const files = new Set([`.github/workflows/${input.workflow}`, ...candidates.map((a) => a.path)]);
    return files.has(f.file);
}
function problem(f) {
    return { rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line };
}
function unknownJob(input, running, reachable) {
    const ids = running.jobs.map((j) => j.id);
    const callees = [...reachable].filter((f) => f !== input.workflow);
    return {
        rule: UNKNOWN_JOB,
        severity: 'error',
        message: `job '${input.job}' is not in '${input.workflow}' (jobs: ${ids.join(', ') || 'none'})` +
            (callees.length ? ` nor in the local reusable workflows it calls (${callees.join(', ')})` : '') +
            '; GITHUB_JOB is the key under `jobs:`, and jobs of reusable workflows from other repositories cannot be judged',
        file: running.path,
        line: running.jobs[0]?.line ?? 1,
    };
}
/** The decision for the event actually running (the static rule judges every `on:` event instead). */
function triggerProblem(input, running, policy) {
    const entry = (0,own/* own */.Z)(input.manifest.manifest.workflows, input.workflow);
    const at = running.triggers.find((t) => t.value === input.event) ?? running.triggers[0];
    const where = { rule: disallowed_trigger/* disallowedTrigger */.P.meta.id, severity: disallowed_trigger/* disallowedTrigger */.P.meta.severity };
    const located = { file: running.path, line: at?.line ?? 1 };
    if (policy.forbiddenTriggers.includes(input.event))
        return {
            ...where,
            message: `workflow '${input.workflow}' is running on '${input.event}', which the organization policy forbids (${input.org?.file ?? 'organization policy'})`,
            ...located,
        };
    if ((0,effective_policy/* triggerAllowed */.Fq)(entry, input.event))
        return undefined;
    const why = entry?.triggers
        ? `its manifest entry allows only: ${entry.triggers.join(', ') || '(none)'}`
        : `'${input.event}' must be listed under triggers of '${input.workflow}' in the manifest`;
    return {
        ...where,
        message: `workflow '${input.workflow}' is running on '${input.event}'; ${why}`,
        ...located,
    };
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function verdictOf(base, problems) {
    const seen = new Set();
    const unique = problems
        .filter((p) => {
        const k = `${p.rule}\0${p.file}\0${p.line}\0${p.message}`;
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    })
        // Errors first (they decide), then file, line, rule, message: code-unit order, locale-free.
        .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
        cmp(a.file, b.file) ||
        a.line - b.line ||
        cmp(a.rule, b.rule) ||
        cmp(a.message, b.message));
    return { allowed: !unique.some((p) => p.severity === 'error'), problems: unique, ...base };
}
/** `file:line: message (rule)` per problem, then the fix; warnings are marked. For logs. */
function renderVerdict(v, opts = {}) {
    const errors = v.problems.filter((p) => p.severity === 'error').length;
    const warnings = v.problems.length - errors;
    // Printed to the runner log (`core.info`): values from the workflow are kept to one line each.
    const head = `stepwarden enforce: job '${(0,render_escape/* oneLine */.TN)(v.job)}' of ${(0,render_escape/* oneLine */.TN)(v.workflow)} on '${(0,render_escape/* oneLine */.TN)(v.event)}'`;
    const lines = [
        v.allowed
            ? `${head} is within the access manifest${warnings ? ` (${warnings} warning(s))` : ''}`
            : `${head} is outside the access manifest: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''}`,
        ...v.problems.map((p) => `${(0,render_escape/* oneLine */.TN)(p.file)}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${(0,render_escape/* oneLine */.TN)(p.message)} (${p.rule})`),
    ];
    if (v.problems.length > 0)
        lines.push(fixLine(opts));
    return `${lines.join('\n')}\n`;
}
/** The one-line fix: narrow the workflow, or declare the access where the gate reads it. */
function fixLine(opts = {}) {
    const where = opts.ref ? `on '${opts.ref}' (the default branch)` : 'on the default branch';
    return `Fix: edit the workflow so the job holds no more than declared, or declare the access in ${opts.manifest ?? schema/* MANIFEST_PATH */.U4} ${where}; a pull request cannot widen its own gate.`;
}

// EXTERNAL MODULE: ./shared/github/octokit.ts
var octokit = __webpack_require__(4881);
// EXTERNAL MODULE: ./shared/manifest/load.ts + 1 modules
var load = __webpack_require__(6454);
// EXTERNAL MODULE: ./shared/manifest/errors.ts
var manifest_errors = __webpack_require__(6831);
// EXTERNAL MODULE: ./shared/actions/check.ts
var check = __webpack_require__(9974);
// EXTERNAL MODULE: ./shared/actions/event-payload.ts
var event_payload = __webpack_require__(5653);
;// CONCATENATED MODULE: ./shared/actions/enforce.ts
/**
 * actions/enforce, the first step of a job: holds the running job (GITHUB_WORKFLOW_REF, GITHUB_JOB,
 * GITHUB_EVENT_NAME) against the manifest of the default branch, with its permissions read from the
 * workflow file at GITHUB_WORKFLOW_SHA. Outside the manifest the step fails, so the job stops; `mode:
 * audit` only warns. When it cannot judge, enforce mode fails closed. Every outcome is one trail line.
 */












const MODES = ['enforce', 'audit'];
/** Problems kept in one trail line; the count is always whole. */
const TRAIL_PROBLEMS = 50;
function need(env, name) {
    const v = env[name];
    if (!v)
        throw new github_source/* EnforceSourceError */.u$(`${name} is not set`, 'run this action as a step of a GitHub Actions job (the runner sets it)');
    return v;
}
async function judge(io, token) {
    const env = io.env;
    const workflowRef = need(env, 'GITHUB_WORKFLOW_REF');
    const wref = (0,github_source/* parseWorkflowRef */.QO)(workflowRef);
    if (!wref)
        throw new github_source/* EnforceSourceError */.u$(`GITHUB_WORKFLOW_REF '${workflowRef}' does not name a workflow file`, 'expected owner/repo/.github/workflows/FILE.yml@REF, as the runner sets it');
    const job = need(env, 'GITHUB_JOB');
    const event = need(env, 'GITHUB_EVENT_NAME');
    const [owner, repo] = need(env, 'GITHUB_REPOSITORY').split('/');
    // The workflow as this run reads it; GHES before 3.9 lacks GITHUB_WORKFLOW_SHA, so the ref is next best.
    const sha = env.GITHUB_WORKFLOW_SHA || wref.ref;
    const gh = (0,octokit.runnerOctokit)(token, env);
    const manifestPath = (core/* getInput */.V4('manifest') || schema/* MANIFEST_PATH */.U4).replace(/^\.\//, '');
    // The repository's facts from the API; every other source that states them must agree.
    const [facts, payload, claims] = await Promise.all([
        (0,github_source/* repositoryFacts */.Ow)(gh, owner, repo),
        (0,event_payload/* readEventPayload */.N)(env),
        jobClaims(env),
    ]);
    const ev = (payload ?? {});
    const stated = [
        {
            source: 'the runner environment (GITHUB_REPOSITORY*)',
            fullName: env.GITHUB_REPOSITORY,
            id: env.GITHUB_REPOSITORY_ID,
            ownerId: env.GITHUB_REPOSITORY_OWNER_ID,
        },
        {
            source: 'the event payload (GITHUB_EVENT_PATH)',
            fullName: ev.repository?.full_name,
            id: ev.repository?.id,
            ownerId: ev.repository?.owner?.id,
            defaultBranch: ev.repository?.default_branch,
        },
    ];
    if (claims)
        stated.push({
            source: "the job's OIDC token",
            fullName: claims.repository,
            id: claims.repository_id,
            ownerId: claims.repository_owner_id,
        });
    const conflicts = factConflicts(facts, stated);
    if (claims?.workflow_ref !== undefined && claims.workflow_ref !== workflowRef)
        conflicts.push(`the job's OIDC token says workflow_ref ${String(claims.workflow_ref)}, GITHUB_WORKFLOW_REF says ${workflowRef}`);
    if (conflicts.length)
        throw refuse(conflicts);
    // The default branch, never the run's ref: a pull request that widens the manifest and its workflow
    // together must not pass its own gate (the broker reads manifests from the default branch too).
    const refInput = core/* getInput */.V4('manifest-ref').trim();
    const own = refInput &&
        isOwnRef(refInput, {
            defaultBranch: facts.defaultBranch,
            refs: [env.GITHUB_HEAD_REF, env.GITHUB_REF, env.GITHUB_REF_NAME, stringOr(ev.pull_request?.head?.ref)],
            // The event's `before` is the branch's previous head (a push; a pull request's `synchronize`):
            // its author's commit too, not only the head (session 30).
            shas: [env.GITHUB_SHA, sha, stringOr(ev.pull_request?.head?.sha), stringOr(ev.before)],
        });
    if (own)
        annotations/* annotations */.h.warning(`manifest-ref '${refInput}' is the run's own branch, pull request ref or commit: a change could widen its own gate there, so it is refused and the manifest is read from the default branch '${facts.defaultBranch}'`);
    const manifestRef = refInput && !own ? refInput : facts.defaultBranch;
    const orgInput = core/* getInput */.V4('org-policy');
    const orgRef = orgInput ? (0,check.parseRepoFileRef)(orgInput) : undefined;
    if (orgInput && !orgRef)
        throw new github_source/* EnforceSourceError */.u$(`org-policy '${orgInput}' is not OWNER/REPO:PATH`, 'name the organization policy as OWNER/REPO:PATH (e.g. my-org/.github:stepwarden/org-policy.yml); the gate runs before checkout, so a workspace path cannot be read');
    const [workflows, manifestText, orgText] = await Promise.all([
        (0,github_source/* readRunningWorkflows */.Y0)(gh, wref, sha),
        (0,github_source/* readRepoFile */.v6)(gh, { owner, repo, path: manifestPath, ref: manifestRef }),
        orgRef ? (0,github_source/* readRepoFile */.v6)(gh, orgRef) : Promise.resolve(undefined),
    ]);
    if (manifestText === undefined)
        throw new github_source/* EnforceSourceError */.u$(`no access manifest at ${manifestPath} on '${manifestRef}' of ${owner}/${repo}`, `merge one to '${manifestRef}' (\`stepwarden init\` writes one declaring what the workflows hold today); the gate never reads it from the run's own ref`, 404);
    if (orgRef && orgText === undefined)
        throw new github_source/* EnforceSourceError */.u$(`no organization policy at ${orgInput}`, 'check the org-policy input; a private repository needs a token that can read it (a GitHub App token)', 404);
    const jobWorkflowRef = claims?.job_workflow_ref;
    const parsedJob = typeof jobWorkflowRef === 'string' ? (0,github_source/* parseWorkflowRef */.QO)(jobWorkflowRef) : undefined;
    if (jobWorkflowRef !== undefined && !parsedJob)
        throw new github_source/* EnforceSourceError */.u$(`the job's OIDC token has a job_workflow_ref that does not name a workflow file`, 'expected owner/repo/.github/workflows/FILE.yml@REF, as GitHub issues it');
    const jobSha = claims?.job_workflow_sha;
    const jobWorkflow = parsedJob && {
        repository: `${parsedJob.owner}/${parsedJob.repo}`,
        file: parsedJob.file,
        ref: parsedJob.ref,
        ...(typeof jobSha === 'string' && jobSha ? { sha: jobSha } : {}),
    };
    const manifest = (0,load/* loadManifest */.eY)(manifestText, manifestPath);
    const bound = manifest.manifest.repository;
    const manifestConflicts = factConflicts(facts, [
        {
            source: `${manifestPath} on '${manifestRef}'`,
            fullName: bound?.name,
            id: bound?.id,
            ownerId: bound?.['owner-id'],
        },
    ]);
    if (manifestConflicts.length)
        throw refuse(manifestConflicts);
    const org = orgText !== undefined ? (0,load/* loadOrgPolicy */.Vf)(orgText, orgInput) : undefined;
    const verdict = enforceJob({
        workflows,
        manifest,
        ...(org ? { org } : {}),
        workflow: wref.file,
        job,
        event,
        repository: facts.fullName,
        ...(jobWorkflow ? { jobWorkflow } : {}),
        readAt: { ref: wref.ref, ...(env.GITHUB_WORKFLOW_SHA ? { sha: env.GITHUB_WORKFLOW_SHA } : {}) },
    });
    return { verdict, manifestRef, manifestPath };
}
const stringOr = (v) => (typeof v === 'string' ? v : undefined);
function refuse(conflicts) {
    return new github_source/* EnforceSourceError */.u$(`refusing to judge: the repository facts disagree: ${conflicts.join('; ')}`, 'the API is the source of truth; a rewritten event payload, a manifest copied from another repository (its `repository:` block) or a misconfigured runner causes this \u2014 fix the source that disagrees');
}
/** Audience of the token the gate asks for: not a broker's audience, so it cannot be replayed there. */
const ENFORCE_OIDC_AUDIENCE = 'stepwarden-enforce';
/**
 * The claims of the job's OIDC token, when the job can get one (`id-token: write`): the runner's
 * token endpoint answers for this job only, so `job_workflow_ref` names the file the job is defined
 * in, which no environment variable does. Decoded, not verified: it comes straight from the runner's
 * endpoint and is used to identify the job, never to grant anything. Masked by getIDToken.
 */
async function jobClaims(env) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
        return undefined;
    let token;
    try {
        token = await core/* getIDToken */.V9(ENFORCE_OIDC_AUDIENCE);
    }
    catch (err) {
        throw new github_source/* EnforceSourceError */.u$(`the job's OIDC token could not be read: ${err.message}`, 're-run the job; without `id-token: write` the gate identifies the job by GITHUB_JOB alone');
    }
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        if (claims && typeof claims === 'object')
            return claims;
    }
    catch {
        // fall through
    }
    throw new github_source/* EnforceSourceError */.u$("the job's OIDC token is not a JWT", 're-run the job');
}
/**
 * Appends the verdict to the job's trail. The runner masks the token in logs but not in files, so a
 * line that somehow quotes it (an upstream error message) has it cut out before it is written.
 */
function record(io, token, event) {
    const text = JSON.stringify(event);
    const safe = token && text.includes(token) ? JSON.parse(text.split(token).join('***')) : event;
    try {
        (0,trail/* appendTrail */.vy)(io.env, safe);
    }
    catch (err) {
        // The verdict stands without its trail line; say so rather than change the outcome.
        annotations/* annotations */.h.warning(`stepwarden: the verdict was not written to the audit trail: ${err.message}`);
    }
}
const problemText = (p) => `${p.file}:${p.line}: ${p.message}`;
const enforceAction = {
    async run(_argv, io) {
        // Masked before anything else can print it.
        const token = core/* getInput */.V4('token');
        if (token)
            core/* setSecret */.Pq(token);
        const modeInput = core/* getInput */.V4('mode') || 'enforce';
        if (!MODES.includes(modeInput)) {
            annotations/* annotations */.h.setFailed(`mode must be one of ${MODES.join(', ')}, not '${modeInput}'`);
            return 2;
        }
        const mode = modeInput;
        const annotate = (severity, message, file, line, title) => 
        // Shown in GitHub's UI: annotations.ts writes a value's invisible characters out.
        annotations/* annotations */.h[mode === 'audit' ? 'warning' : severity](message, { file, startLine: line, title });
        let run;
        try {
            if (!token)
                throw new github_source/* EnforceSourceError */.u$('no token', 'keep the default `token: ${{ github.token }}` input');
            run = await judge(io, token);
        }
        catch (thrown) {
            // Anything else that goes wrong (a bug included) is "cannot judge" too: the gate fails closed.
            const err = thrown instanceof github_source/* EnforceSourceError */.u$ || thrown instanceof manifest_errors/* ManifestError */.Sh
                ? thrown
                : new github_source/* EnforceSourceError */.u$(`unexpected error: ${thrown.message}`, 'report it to stepwarden; set `mode: audit` to let jobs run meanwhile');
            const problems = err instanceof manifest_errors/* ManifestError */.Sh
                ? err.problems.map((p) => ({
                    rule: err.code,
                    severity: 'error',
                    message: `${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`,
                    file: p.file,
                    line: p.line,
                }))
                : [];
            const what = err instanceof manifest_errors/* ManifestError */.Sh
                ? `the ${err.code === 'ERR_ORG_POLICY_INVALID' ? 'organization policy' : 'access manifest'} is invalid (${err.code}); fix it on the default branch (see the annotations)`
                : `${err.message}. Fix: ${err.fix}`;
            const message = `stepwarden enforce cannot judge this job: ${what}`.replace(/\s+/g, ' ');
            for (const p of problems)
                annotate('error', p.message, p.file, p.line, 'stepwarden enforce: cannot judge');
            core/* setOutput */.uH('verdict', 'error');
            core/* setOutput */.uH('problems', String(Math.max(problems.length, 1)));
            record(io, token, {
                type: 'job.enforced',
                outcome: 'error',
                reason: 'ERR_ENFORCE_UNAVAILABLE',
                detail: message,
                details: {
                    mode,
                    problems: problems.length
                        ? problems.slice(0, TRAIL_PROBLEMS)
                        : [{ rule: 'ERR_ENFORCE_UNAVAILABLE', severity: 'error', message: err.message }],
                },
            });
            if (mode === 'audit') {
                annotations/* annotations */.h.warning(`${message} (audit mode: the job continues)`);
                return 0;
            }
            // Fail closed: a gate that cannot read its inputs must not wave the job through.
            annotations/* annotations */.h.setFailed(message);
            return 2;
        }
        const { verdict, manifestRef, manifestPath } = run;
        core/* info */.pq(renderVerdict(verdict, { manifest: manifestPath, ref: manifestRef }));
        for (const p of verdict.problems)
            annotate(p.severity, `${p.message} (${p.rule})`, p.file, p.line, `stepwarden enforce: ${p.rule}`);
        const errors = verdict.problems.filter((p) => p.severity === 'error');
        core/* setOutput */.uH('verdict', verdict.allowed ? 'allowed' : 'denied');
        core/* setOutput */.uH('problems', String(verdict.problems.length));
        const where = `job '${verdict.job}' of ${verdict.workflow} on '${verdict.event}'`;
        record(io, token, {
            type: 'job.enforced',
            outcome: verdict.allowed ? 'success' : 'denied',
            reason: verdict.allowed ? 'JOB_WITHIN_MANIFEST' : 'ERR_JOB_OUTSIDE_MANIFEST',
            detail: verdict.allowed
                ? `${where} is within the manifest on '${manifestRef}'`
                : `${where} is outside the manifest on '${manifestRef}': ${errors.length} error(s), first ${problemText(errors[0])}${mode === 'audit' ? ' (audit mode: not stopped)' : ''}`,
            details: { mode, problems: verdict.problems.slice(0, TRAIL_PROBLEMS) },
        });
        if (verdict.allowed)
            return 0;
        const first = errors.slice(0, 3).map(problemText).join('; ');
        const more = errors.length > 3 ? ` and ${errors.length - 3} more` : '';
        const message = `stepwarden: ${where} is outside the access manifest: ${first}${more}. ${fixLine({ manifest: manifestPath, ref: manifestRef })}`;
        if (mode === 'audit') {
            annotations/* annotations */.h.warning(`${message} (audit mode: the job continues)`);
            return 0;
        }
        annotations/* annotations */.h.setFailed(message);
        return 1;
    },
};


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

/***/ 9134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ TrailError),
/* harmony export */   hd: () => (/* binding */ readTrail),
/* harmony export */   jr: () => (/* binding */ appendTrailEvent),
/* harmony export */   pO: () => (/* binding */ runContext),
/* harmony export */   vy: () => (/* binding */ appendTrail),
/* harmony export */   yg: () => (/* binding */ trailPath)
/* harmony export */ });
/* unused harmony export MAX_TRAIL_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4098);
/**
 * The job's local audit trail: `$RUNNER_TEMP/stepwarden/audit.jsonl`, one AuditEvent per line, shared
 * by the actions of one job (exchange, run, enforce, audit). Never holds a credential.
 */



function trailPath(env) {
    const temp = env.RUNNER_TEMP;
    if (!temp)
        throw new Error('RUNNER_TEMP is not set: the audit trail lives in the runner temp directory');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(temp, 'stepwarden', 'audit.jsonl');
}
/** The run context every trail line carries, from the runner's environment. */
function runContext(env) {
    const wfRef = env.GITHUB_WORKFLOW_REF ?? '';
    const file = /\/\.github\/workflows\/([^@/]+)@/.exec(wfRef)?.[1];
    return {
        ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
        ...(env.GITHUB_REPOSITORY_ID ? { repository_id: env.GITHUB_REPOSITORY_ID } : {}),
        ...(file ? { workflow: file } : {}),
        ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
        ...(env.GITHUB_RUN_ID ? { run_id: env.GITHUB_RUN_ID } : {}),
        ...(env.GITHUB_RUN_ATTEMPT ? { run_attempt: Number(env.GITHUB_RUN_ATTEMPT) || 1 } : {}),
        ...(env.GITHUB_EVENT_NAME ? { event_name: env.GITHUB_EVENT_NAME } : {}),
        ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
        ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
        ...(env.GITHUB_ACTOR ? { actor: (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .actorFromLogin */ .ri)(env.GITHUB_ACTOR, env.GITHUB_ACTOR_ID) } : {}),
        ...(env.GITHUB_TRIGGERING_ACTOR ? { triggering_actor: (0,_event_js__WEBPACK_IMPORTED_MODULE_2__/* .actorFromLogin */ .ri)(env.GITHUB_TRIGGERING_ACTOR) } : {}),
    };
}
/** Appends one validated event (a line is written whole by one append, so lines never interleave). */
function appendTrail(env, event) {
    return appendTrailEvent(env, {
        v: _event_js__WEBPACK_IMPORTED_MODULE_2__/* .AUDIT_EVENT_VERSION */ .cZ,
        time: new Date().toISOString(),
        source: 'action',
        ...runContext(env),
        ...event,
    });
}
/**
 * Appends an event that is already whole (run-level events built by run-events.ts). Never through a
 * symbolic link: any step can replace the trail, and a link would make this write somewhere else.
 */
function appendTrailEvent(env, event) {
    const full = _event_js__WEBPACK_IMPORTED_MODULE_2__/* .auditEventSchema */ .RX.parse(event);
    const path = trailPath(env);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(path, '..'), { recursive: true });
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_APPEND | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW, 0o600);
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, `${JSON.stringify(full)}\n`);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    return full;
}
/** A job's trail is a few hundred lines; anything near this is not one the actions wrote. */
const MAX_TRAIL_BYTES = 16 * 1024 * 1024;
/** Why a trail could not be read: a stable code and a message that says what to look at. */
class TrailError extends Error {
    code;
    name = 'TrailError';
    constructor(code, message) {
        super(`${code}: ${message}`);
        this.code = code;
    }
}
/**
 * Reads the job's trail, which every step of the job can write: its type and size are checked with
 * `lstat` before anything is read, and the read is bounded, so a deleted trail, a directory, a symbolic
 * link or a 600 MB sparse file is a TrailError naming what was found, never an empty trail. Malformed
 * lines are skipped and counted.
 */
function readTrail(path, maxBytes = MAX_TRAIL_BYTES) {
    let st;
    try {
        // A linked directory would make the trail (and the audit's appends) live somewhere else.
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)).isSymbolicLink())
            throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail's directory ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)} is a symbolic link: a step of this job replaced it`);
        st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path);
    }
    catch (err) {
        if (err instanceof TrailError)
            throw err;
        if (err.code === 'ENOENT')
            throw new TrailError('ERR_TRAIL_MISSING', `no trail at ${path}: no stepwarden step wrote one in this job, or a step deleted it`);
        throw new TrailError('ERR_TRAIL_UNREADABLE', `cannot read the trail at ${path}: ${err.message}`);
    }
    if (!st.isFile())
        throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail at ${path} is ${st.isDirectory() ? 'a directory' : st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}: a step of this job replaced it`);
    if (st.size > maxBytes)
        throw new TrailError('ERR_TRAIL_TOO_LARGE', `the trail at ${path} is ${st.size.toLocaleString('en-US')} bytes, over the ${maxBytes.toLocaleString('en-US')} a job's trail can reach: a step of this job wrote it`);
    let text;
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (err) {
        throw new TrailError('ERR_TRAIL_UNREADABLE', `cannot open the trail at ${path}: ${err.message}`);
    }
    try {
        // Swapped between lstat and open: judge what was opened.
        const opened = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!opened.isFile() || opened.size > maxBytes)
            throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail at ${path} changed while it was read`);
        const buf = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
        let n = 0;
        for (let r; n < buf.length && (r = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, n, buf.length - n, null)) > 0;)
            n += r;
        if (n > maxBytes)
            throw new TrailError('ERR_TRAIL_TOO_LARGE', `the trail at ${path} grew past ${maxBytes} bytes while it was read`);
        text = buf.subarray(0, n).toString('utf8');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    const lines = [];
    const malformed = [];
    text.split('\n').forEach((line, i) => {
        if (!line.trim())
            return;
        try {
            const r = _event_js__WEBPACK_IMPORTED_MODULE_2__/* .auditEventSchema */ .RX.safeParse(JSON.parse(line));
            if (r.success)
                lines.push({ line: i + 1, event: r.data });
            else
                malformed.push(i + 1);
        }
        catch {
            malformed.push(i + 1);
        }
    });
    return { events: lines.map((l) => l.event), lines, malformed };
}


/***/ }),

/***/ 4377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
