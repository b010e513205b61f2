/** What a rule is: metadata (the one source for SARIF descriptors and docs/rules) plus a pure check. */
import type { PermissionSet } from '../permissions/scopes.js';
import { fromMap } from '../permissions/scopes.js';
import type { EffectivePolicy } from '../manifest/effective-policy.js';
import type { Loaded, LoadedManifest } from '../manifest/load.js';
import type { ManifestJob, OrgPolicy } from '../manifest/schema.js';
import type { JobAccess, NestedOverreach } from '../workflow/access.js';
import type { ActionRef, WorkflowModel } from '../workflow/model.js';
import type { Finding, Severity } from './finding.js';
import { own } from '../manifest/own.js';

export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** One sentence: what the rule finds. */
  readonly summary: string;
  /** Markdown: why it matters and how to fix it. */
  readonly help: string;
}

export interface CheckContext {
  readonly workflows: readonly WorkflowModel[];
  readonly jobs: readonly JobAccess[];
  readonly manifest: LoadedManifest;
  readonly org?: Loaded<OrgPolicy>;
  readonly policy: EffectivePolicy;
  /**
   * Nested jobs that ask for more than their caller holds, when `runCheck` resolved `jobs` itself (the
   * same resolution, so nested-overreach need not resolve every workflow a second time).
   */
  readonly overreach?: readonly NestedOverreach[];
  /**
   * The workflows by file name (`ci.yml`), built at the first read: several rules and every credential
   * step called through a caller look workflows up by file, and most checks need it for none of them.
   */
  readonly byFile: ReadonlyMap<string, WorkflowModel>;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: CheckContext): Finding[];
}

/**
 * The manifest entry of a job. Asked for every job by several rules: the entry alone, no object or
 * key path around it (a finding that needs the entry's line builds its path).
 */
export function manifestJob(ctx: CheckContext, workflow: string, job: string): ManifestJob | undefined {
  return own(own(ctx.manifest.manifest.workflows, workflow)?.jobs, job);
}

/** What the manifest grants a job's GITHUB_TOKEN (its own entry, else `defaults`). */
export function grantedPermissions(ctx: CheckContext, workflow: string, job: string): PermissionSet {
  const entry = manifestJob(ctx, workflow, job);
  return fromMap(entry ? entry.permissions : ctx.manifest.manifest.defaults.permissions);
}

/**
 * ` (a step of the local composite action .github/actions/x/action.yml:7)` for a nested `uses:`, or
 * ` (the image of the local Docker action …)` for a Docker action's `runs.image`.
 */
export function viaAction(a: ActionRef): string {
  if (!a.via) return '';
  const what = a.via.image ? 'the image of the local Docker action' : 'a step of the local composite action';
  return ` (${what} ${a.via.file}:${a.via.line})`;
}

/** `(called from ci.yml job build)` for jobs judged through a local caller. */
export function viaText(access: JobAccess): string {
  return access.via ? ` (called from ${access.via.workflow} job '${access.via.job}')` : '';
}

/**
 * A finding of the rule: its fields named one by one, in the JSON contract's order (a spread of `f`
 * copies through a generic path, and the unpinned-action rule alone makes thousands).
 */
export function finding(meta: RuleMeta, f: Omit<Finding, 'rule' | 'severity'>): Finding {
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
export function uniqueCaseless<T extends { value: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = i.value.toUpperCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function includesCaseless(list: readonly string[], value: string): boolean {
  const v = value.toUpperCase();
  return list.some((x) => x.toUpperCase() === v);
}
