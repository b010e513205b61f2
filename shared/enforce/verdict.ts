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
 * Whether the running job is within the manifest. The job is every candidate GITHUB_JOB can name:
 * the running file's own job with that id, and every job with that id in a local reusable workflow
 * reached from it — GitHub sets GITHUB_WORKFLOW_REF to the caller file and GITHUB_JOB to the callee
 * job (actions/runner#2577), and nothing in the environment says which callee file runs. When several
 * candidates share the id, each is judged and any error denies (fail closed; rename one to be exact).
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
    (a) => a.job === job && (a.via !== undefined || a.workflow === workflow),
  );
  const result = runCheck({
    workflows: asRun,
    jobs: candidates,
    manifest: input.manifest,
    ...(input.org ? { org: input.org } : {}),
  });
  const problems = result.findings.filter((f) => concernsJob(f, input, reachable, candidates)).map(problem);
  if (candidates.length === 0 && !running.error) problems.push(unknownJob(input, running, reachable));
  const trigger = triggerProblem(input, running, policy);
  if (trigger) problems.push(trigger);
  return verdictOf(base, problems);
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
    return candidates.some((a) => !input.manifest.manifest.workflows[a.workflow]?.jobs[a.job]);
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
  const entry = input.manifest.manifest.workflows[input.workflow];
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
  const head = `stepwarden enforce: job '${v.job}' of ${v.workflow} on '${v.event}'`;
  const lines = [
    v.allowed
      ? `${head} is within the access manifest${warnings ? ` (${warnings} warning(s))` : ''}`
      : `${head} is outside the access manifest: ${errors} error(s)${warnings ? `, ${warnings} warning(s)` : ''}`,
    ...v.problems.map(
      (p) => `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message} (${p.rule})`,
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
