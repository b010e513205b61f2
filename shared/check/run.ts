/**
 * The check, pure: workflows + manifest (+ org policy) -> jobs and findings. Loading is the caller's.
 */
import { compact, type PermissionMap } from '../permissions/scopes.js';
import { effectivePolicy } from '../manifest/effective-policy.js';
import type { Loaded, LoadedManifest } from '../manifest/load.js';
import type { OrgPolicy } from '../manifest/schema.js';
import { resolveAccessDetailed, type JobAccess } from '../workflow/access.js';
import type { WorkflowModel } from '../workflow/model.js';
import { compareFindings, type Finding } from './finding.js';
import { RULES } from './registry.js';
import type { CheckContext } from './rule.js';

/** One job of the JSON contract: effective access, compact. */
export interface JobReport {
  readonly workflow: string;
  readonly job: string;
  readonly via?: string;
  readonly permissions: PermissionMap;
  readonly secrets: string[];
  readonly environments: string[];
  readonly triggers: string[];
  readonly actions: string[];
}

export interface CheckResult {
  readonly jobs: JobReport[];
  readonly findings: Finding[];
}

/**
 * The distinct values of `xs`, in order of first appearance. The values are mapped into an array of
 * exactly their number and the distinct ones moved to its front, which is then cut to them: four such
 * lists a job live until the report is written, and one grown by `push` from empty reserves 17 slots at
 * its first element (session 37: 1.5 MB of the corpus check's allocation, most of it kept through
 * scavenges). A set only for long lists; a short one is searched (`===`, as a Set compares strings).
 */
export function uniqueValues<T>(xs: readonly T[], value: (x: T) => string): string[] {
  const out = xs.map(value);
  const n = out.length;
  const seen = n > 16 ? new Set<string>() : undefined;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = out[i]!;
    if (seen) {
      if (seen.has(v)) continue;
      seen.add(v);
    } else {
      let j = 0;
      while (j < k && out[j] !== v) j++;
      if (j < k) continue;
    }
    out[k++] = v;
  }
  if (k < n) out.length = k;
  return out;
}
const locatedValue = (x: { value: string }) => x.value;
const INHERIT = 'inherit';
const usesOf = (x: { uses: string }) => x.uses;

/** The JSON contract's view of one job: scopes above none, names deduplicated in order of appearance. */
export function jobReport(a: JobAccess): JobReport {
  const permissions = compact(a.permissions);
  const secrets = uniqueValues(a.secrets, locatedValue);
  // `secrets: inherit` hands the callee every secret: the manifest's word for it, as `init` writes it
  // and the diff lists it. Without it the report showed no secret for such a job (session 40).
  if (a.secretsInherit && !secrets.includes(INHERIT)) secrets.push(INHERIT);
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

/** What the check judges: parsed workflows, the loaded manifest, optionally the org ceiling. */
export interface CheckInput {
  readonly workflows: readonly WorkflowModel[];
  /** Effective access per job; resolved from `workflows` under the manifest's repository default when absent. */
  readonly jobs?: readonly JobAccess[];
  readonly manifest: LoadedManifest;
  readonly org?: Loaded<OrgPolicy>;
}

/**
 * The whole check, pure: every rule of the registry over one context, findings sorted by file, line,
 * rule and subject so that output is byte-stable whatever order files were read in.
 */
export function runCheck(input: CheckInput): CheckResult {
  const policy = effectivePolicy(input.manifest.manifest, input.org?.value);
  const resolved = input.jobs
    ? undefined
    : resolveAccessDetailed(input.workflows, policy.repositoryDefault, {
        self: input.manifest.manifest.repository?.name,
      });
  const jobs = input.jobs ?? resolved!.jobs;
  let byFile: Map<string, WorkflowModel> | undefined;
  const ctx: CheckContext = {
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
  const findings = RULES.flatMap((r) => r.check(ctx)).sort(compareFindings);
  return { jobs: jobs.map(jobReport), findings };
}
