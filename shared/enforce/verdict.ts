/**
 * The job-start decision, pure: is the running job (this workflow, this job, this event) inside the
 * manifest? It reuses the check's rules (`runCheck`) over the running workflow and the local reusable
 * workflows it calls, keeps what concerns this one job, and replaces the static trigger rule by the
 * decision for the event actually running. Reading files and the environment is the caller's
 * (shared/enforce/github-source.ts, shared/actions/enforce.ts).
 */
import type { Finding, Severity } from '../check/finding.js';
import { disallowedTrigger } from '../check/rules/disallowed-trigger.js';
import { unusedGrant } from '../check/rules/unused-grant.js';
import { runCheck } from '../check/run.js';
import { effectivePolicy, triggerAllowed, type EffectivePolicy } from '../manifest/effective-policy.js';
import type { Loaded, LoadedManifest } from '../manifest/load.js';
import { MANIFEST_PATH, type OrgPolicy } from '../manifest/schema.js';
import { localWorkflowFile, resolveAccess, type JobAccess } from '../workflow/access.js';
import type { WorkflowModel } from '../workflow/model.js';
import { oneLine } from '../render/escape.js';
import { own } from '../manifest/own.js';

/** The problem of a job that is not in the running workflow file or its local callees. */
export const UNKNOWN_JOB = 'unknown-job';

export interface EnforceInput {
  /** The running workflow file and the local reusable workflows it calls (others are ignored). */
  readonly workflows: readonly WorkflowModel[];
  /** The manifest of the default branch. */
  readonly manifest: LoadedManifest;
  readonly org?: Loaded<OrgPolicy>;
  /** The running workflow's file name under `.github/workflows` (from GITHUB_WORKFLOW_REF). */
  readonly workflow: string;
  /** GITHUB_JOB: the job id (the key under `jobs:`), in a reusable workflow the callee's. */
  readonly job: string;
  /** GITHUB_EVENT_NAME. */
  readonly event: string;
  /**
   * The file the job itself is defined in, from the `job_workflow_ref` claim of the job's OIDC token
   * (`owner/repo/.github/workflows/x.yml@ref`), when the job can get one (`id-token: write`). Without
   * it, a job of a reusable workflow is told apart from the caller's own jobs by its id alone.
   */
  readonly jobWorkflow?: {
    readonly repository: string;
    readonly file: string;
    readonly ref: string;
    /** The token's `job_workflow_sha`: the commit the job's file was read at by the runner. */
    readonly sha?: string;
  };
  /** `owner/repo` of the running workflow (GITHUB_REPOSITORY); needed with `jobWorkflow`. */
  readonly repository?: string;
  /**
   * Where `workflows` were read: the ref of GITHUB_WORKFLOW_REF and the commit (GITHUB_WORKFLOW_SHA).
   * Needed with `jobWorkflow`: a job's file is judged only when the token says it ran at that commit.
   */
  readonly readAt?: { readonly ref: string; readonly sha?: string };
}

export interface VerdictProblem {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** Repository-relative file the line points into (a workflow, or the manifest). */
  readonly file: string;
  readonly line: number;
}

export interface Verdict {
  /** False when any problem is an error; warnings only report. */
  readonly allowed: boolean;
  readonly problems: VerdictProblem[];
  readonly workflow: string;
  readonly job: string;
  readonly event: string;
}

/** Rules whose static findings do not describe one running job (replaced or meaningless here). */
const DROPPED = new Set([unusedGrant.meta.id, disallowedTrigger.meta.id]);

/** github.com runs reusable workflows up to ten levels deep, as resolveAccess follows them. */
const MAX_LEVELS = 10;

/** Files reachable from the running workflow through local `uses: ./.github/workflows/x.yml` calls. */
function reachableFiles(byFile: ReadonlyMap<string, WorkflowModel>, start: string): Set<string> {
  const seen = new Set<string>([start]);
  let frontier = [start];
  for (let level = 1; level < MAX_LEVELS && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const file of frontier)
      for (const job of byFile.get(file)?.jobs ?? []) {
        const callee = job.uses && localWorkflowFile(job.uses.uses);
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
 * Without it the job is every candidate GITHUB_JOB can name — the running file's own job with that id
 * and every job with that id in a local reusable workflow reached from it — each judged, any error
 * denying (fail closed); and when the running workflow calls a remote reusable workflow, whose jobs
 * may share the id, the job is refused as unknown (see identifyJob).
 */
export function enforceJob(input: EnforceInput): Verdict {
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
  if (identity.problem) return verdictOf(base, [identity.problem]);
  // In this run a callee only runs as a callee, for the caller's event: its own `on:` does not apply.
  // Made call-only, it is judged solely through callers from the running file, never on its own.
  const asRun = input.workflows
    .filter((w) => reachable.has(w.file))
    .map((w) =>
      w.file === workflow || w.error
        ? w
        : { ...w, triggers: [{ value: 'workflow_call', line: w.triggers[0]?.line ?? 1 }] },
    );
  const policy = effectivePolicy(input.manifest.manifest, input.org?.value);
  const candidates = resolveAccess(asRun, policy.repositoryDefault).filter(
    (a) =>
      a.job === job &&
      (a.via !== undefined || a.workflow === workflow) &&
      (identity.file === undefined ||
        (a.workflow === identity.file && (a.via !== undefined) === (identity.file !== workflow))),
  );
  const result = runCheck({
    workflows: asRun,
    jobs: candidates,
    manifest: input.manifest,
    ...(input.org ? { org: input.org } : {}),
  });
  // Known to be one file's job: findings about a same-named job of another file are not about it.
  const files = identity.file ? new Set([identity.file]) : reachable;
  const problems = result.findings.filter((f) => concernsJob(f, input, files, candidates)).map(problem);
  if (candidates.length === 0 && !running.error) problems.push(unknownJob(input, running, reachable));
  const trigger = triggerProblem(input, running, policy);
  if (trigger) problems.push(trigger);
  return verdictOf(base, problems);
}

/**
 * A job's `uses:` whose jobs the gate does not read: anything but a local workflow file it reached. A
 * job-level `uses:` is always a workflow call, so no path shape is asked for: GitHub's reader
 * (`parseFileReference`) takes `o/r/.github//workflows/x.yml@v`, `o//r/…`, `…/workflows/./x.yml@v` and
 * `.//.github/workflows/x.yml` (a local path with a leading slash) alike, which a
 * `/.github/workflows/NAME@` pattern or the local-file reading did not see as a call (session 23).
 */
const unreadCall = (uses: string, reachable: ReadonlySet<string>) => {
  const file = localWorkflowFile(uses);
  return file === undefined || !reachable.has(file);
};

/**
 * Why the job's file is at another commit than the workflows the gate read, or undefined. A local
 * callee (`./`, `$/`) runs at the caller's commit; the same file called by full reference
 * (`owner/repo/.github/workflows/ci.yml@other`, the running file itself included) runs at another
 * one, under the same name. Judged by the token's `job_workflow_sha` when both commits are known,
 * else by the refs; with neither the gate cannot tell (fail closed).
 */
function otherCommit(
  jw: NonNullable<EnforceInput['jobWorkflow']>,
  readAt: EnforceInput['readAt'],
): string | undefined {
  if (!readAt) return 'at a commit the gate was not told it read';
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
 * workflow of another repository, or one called by full reference) — refused as unknown. Without
 * it, GITHUB_JOB alone names the job, which is ambiguous as soon as the running workflow calls a
 * remote reusable workflow (its jobs may share the id): refused as unknown too.
 */
function identifyJob(
  input: EnforceInput,
  running: WorkflowModel,
  reachable: ReadonlySet<string>,
  byFile: ReadonlyMap<string, WorkflowModel>,
): { file?: string; problem?: VerdictProblem } {
  const at = { rule: UNKNOWN_JOB, severity: 'error' as const, file: running.path };
  const jw = input.jobWorkflow;
  if (jw) {
    const same = !input.repository || jw.repository.toLowerCase() === input.repository.toLowerCase();
    const elsewhen = same ? otherCommit(jw, input.readAt) : undefined;
    if (same && !elsewhen && (jw.file === input.workflow || reachable.has(jw.file))) return { file: jw.file };
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
  const calls = [...reachable].flatMap((f) =>
    (byFile.get(f)?.jobs ?? []).flatMap((j) =>
      j.uses && unreadCall(j.uses.uses, reachable) ? [{ f, j }] : [],
    ),
  );
  if (calls.length === 0) return {};
  const first = calls[0]!;
  return {
    problem: {
      ...at,
      file: byFile.get(first.f)!.path,
      line: first.j.uses!.line,
      message: `'${input.workflow}' calls the reusable workflow ${first.j.uses!.uses}${calls.length > 1 ? ` (and ${calls.length - 1} more)` : ''}, whose jobs may also be named '${input.job}', and without the job's OIDC token the gate cannot tell which job runs; give job '${input.job}' \`id-token: write\` in ${input.workflow} and in its manifest entry (the gate then reads its file from the token's job_workflow_ref), or move the call to its own workflow`,
    },
  };
}

/**
 * Which check findings are about the running job: its own (by workflow and job id, in the running
 * file or a reached callee), workflow-level ones of a file that holds it, and `defaults` findings
 * when the job is judged against `defaults`. Trigger findings go: the runtime decision replaces them.
 */
function concernsJob(
  f: Finding,
  input: EnforceInput,
  reachable: ReadonlySet<string>,
  candidates: readonly JobAccess[],
): boolean {
  if (DROPPED.has(f.rule)) return false;
  if (f.workflow !== null && !reachable.has(f.workflow)) return false;
  if (f.job === input.job) return true;
  if (f.job !== null) return false;
  // A repository-wide finding (given once for several jobs: self-escalating-grant, an unbound
  // manifest) concerns every job.
  if (f.workflow === null && f.subject === 'repository') return true;
  if (f.workflow === null)
    return candidates.some((a) => !own(own(input.manifest.manifest.workflows, a.workflow)?.jobs, a.job));
  // Workflow-level findings of a manifest entry (an org-forbidden trigger it lists) are trigger
  // findings too; only those in the workflow files that hold the job stay.
  const files = new Set([`.github/workflows/${input.workflow}`, ...candidates.map((a) => a.path)]);
  return files.has(f.file);
}

function problem(f: Finding): VerdictProblem {
  return { rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line };
}

function unknownJob(
  input: EnforceInput,
  running: WorkflowModel,
  reachable: ReadonlySet<string>,
): VerdictProblem {
  const ids = running.jobs.map((j) => j.id);
  const callees = [...reachable].filter((f) => f !== input.workflow);
  return {
    rule: UNKNOWN_JOB,
    severity: 'error',
    message:
      `job '${input.job}' is not in '${input.workflow}' (jobs: ${ids.join(', ') || 'none'})` +
      (callees.length ? ` nor in the local reusable workflows it calls (${callees.join(', ')})` : '') +
      '; GITHUB_JOB is the key under `jobs:`, and jobs of reusable workflows from other repositories cannot be judged',
    file: running.path,
    line: running.jobs[0]?.line ?? 1,
  };
}

/** The decision for the event actually running (the static rule judges every `on:` event instead). */
function triggerProblem(
  input: EnforceInput,
  running: WorkflowModel,
  policy: EffectivePolicy,
): VerdictProblem | undefined {
  const entry = own(input.manifest.manifest.workflows, input.workflow);
  const at = running.triggers.find((t) => t.value === input.event) ?? running.triggers[0];
  const where = { rule: disallowedTrigger.meta.id, severity: disallowedTrigger.meta.severity };
  const located = { file: running.path, line: at?.line ?? 1 };
  if (policy.forbiddenTriggers.includes(input.event))
    return {
      ...where,
      message: `workflow '${input.workflow}' is running on '${input.event}', which the organization policy forbids (${input.org?.file ?? 'organization policy'})`,
      ...located,
    };
  if (triggerAllowed(entry, input.event)) return undefined;
  const why = entry?.triggers
    ? `its manifest entry allows only: ${entry.triggers.join(', ') || '(none)'}`
    : `'${input.event}' must be listed under triggers of '${input.workflow}' in the manifest`;
  return {
    ...where,
    message: `workflow '${input.workflow}' is running on '${input.event}'; ${why}`,
    ...located,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function verdictOf(base: Pick<Verdict, 'workflow' | 'job' | 'event'>, problems: VerdictProblem[]): Verdict {
  const seen = new Set<string>();
  const unique = problems
    .filter((p) => {
      const k = `${p.rule}\0${p.file}\0${p.line}\0${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    // Errors first (they decide), then file, line, rule, message: code-unit order, locale-free.
    .sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
        cmp(a.file, b.file) ||
        a.line - b.line ||
        cmp(a.rule, b.rule) ||
        cmp(a.message, b.message),
    );
  return { allowed: !unique.some((p) => p.severity === 'error'), problems: unique, ...base };
}

/** `file:line: message (rule)` per problem, then the fix; warnings are marked. For logs. */
export function renderVerdict(v: Verdict, opts: { manifest?: string; ref?: string } = {}): string {
  const errors = v.problems.filter((p) => p.severity === 'error').length;
  const warnings = v.problems.length - errors;
  // Printed to the runner log (`core.info`): values from the workflow are kept to one line each.
  const head = `stepwarden enforce: job '${oneLine(v.job)}' of ${oneLine(v.workflow)} on '${oneLine(v.event)}'`;
  const lines = [
    v.allowed
      ? `${head} is within the access manifest${warnings ? ` (${warnings} warning(s))` : ''}`
      : `${head} is outside the access manifest: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''}`,
    ...v.problems.map(
      (p) =>
        `${oneLine(p.file)}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${oneLine(p.message)} (${p.rule})`,
    ),
  ];
  if (v.problems.length > 0) lines.push(fixLine(opts));
  return `${lines.join('\n')}\n`;
}

/** The one-line fix: narrow the workflow, or declare the access where the gate reads it. */
export function fixLine(opts: { manifest?: string; ref?: string } = {}): string {
  const where = opts.ref ? `on '${opts.ref}' (the default branch)` : 'on the default branch';
  return `Fix: edit the workflow so the job holds no more than declared, or declare the access in ${opts.manifest ?? MANIFEST_PATH} ${where}; a pull request cannot widen its own gate.`;
}
