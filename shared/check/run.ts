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

const unique = (xs: string[]) => [...new Set(xs)];

/** The JSON contract's view of one job: scopes above none, names deduplicated in order of appearance. */
export function jobReport(a: JobAccess): JobReport {
  return {
    workflow: a.workflow,
    job: a.job,
    ...(a.via ? { via: `${a.via.workflow}/${a.via.job}` } : {}),
    permissions: compact(a.permissions),
    secrets: unique(a.secrets.map((s) => s.value)),
    environments: unique(a.environments.map((e) => e.value)),
    triggers: unique(a.triggers.map((t) => t.value)),
    actions: unique(a.actions.map((x) => x.uses)),
  };
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
  const ctx: CheckContext = {
    workflows: input.workflows,
    jobs,
    ...(resolved ? { overreach: resolved.overreach } : {}),
    manifest: input.manifest,
    policy,
    ...(input.org ? { org: input.org } : {}),
  };
  const findings = RULES.flatMap((r) => r.check(ctx)).sort(compareFindings);
  return { jobs: jobs.map(jobReport), findings };
}
