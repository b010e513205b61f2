/**
 * `stepwarden init`: a starting manifest that declares exactly what the workflows hold today, so a
 * repository adopts stepwarden in one command (check passes) and then tightens it. Pure.
 */
import type { YAMLMap, YAMLSeq } from 'yaml';
import {
  SCOPE_NAMES,
  compact,
  maxLevel,
  repositoryDefault,
  sameLevels,
  uniform,
  type PermissionSet,
} from '../permissions/scopes.js';
import type { JobAccess } from '../workflow/access.js';
import type { StepModel, WorkflowModel } from '../workflow/model.js';
import { isPinned } from '../check/rules/unpinned-action.js';
import { credentialAction } from '../check/rules/credential-step.js';
import { APP_PERMISSIONS } from '../permissions/app-permissions.js';
import { EXPLICIT_ONLY_TRIGGERS } from './effective-policy.js';
import { addWhenRef } from '../conditions/init-ref.js';
import { oneLine } from '../render/escape.js';
import { yamlPackage } from '../yaml/package.js';

export interface InitOptions {
  readonly repositoryDefault: 'permissive' | 'restricted';
  /** owner/repo and numeric ids, when known (GITHUB_REPOSITORY, GITHUB_REPOSITORY_ID …). */
  readonly repository?: { name?: string; id?: number; ownerId?: number };
  /** The branch grants are claimable from (`when.ref` of each credential grant); default main. */
  readonly defaultBranch?: string;
}

const uniqueSorted = (xs: Iterable<string>) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));

function flow(items: string[]): YAMLSeq {
  const { YAMLSeq } = yamlPackage();
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const i of items) seq.add(i);
  return seq;
}

export function renderInitManifest(
  jobs: readonly JobAccess[],
  workflows: readonly WorkflowModel[],
  opts: InitOptions,
): string {
  const { Document, YAMLMap, YAMLSeq } = yamlPackage();
  const allPinned = workflows.every((w) => w.jobs.every((j) => j.actions.every((a) => isPinned(a.uses))));
  const doc = new Document({});
  const root = doc.contents as YAMLMap;
  root.set('version', 1);
  if (opts.repository && (opts.repository.name || opts.repository.id)) {
    const repo: Record<string, unknown> = {};
    if (opts.repository.name) repo.name = opts.repository.name;
    if (opts.repository.id) repo.id = opts.repository.id;
    if (opts.repository.ownerId) repo['owner-id'] = opts.repository.ownerId;
    root.set('repository', repo);
  }
  root.set('defaults', { permissions: {} });
  const policy = doc.createNode({
    'repository-default-permissions': opts.repositoryDefault,
    'require-pinned-actions': allPinned,
  }) as YAMLMap;
  if (!allPinned) {
    const pinned = policy.items.find(
      (p) => String((p.key as { value?: unknown }).value) === 'require-pinned-actions',
    );
    if (pinned)
      (pinned.value as { comment?: string }).comment =
        ' some actions are not pinned to a commit SHA yet: pin them, then set true';
  }
  root.set('policy', policy);

  const accessesOf = new Map<string, JobAccess[]>();
  for (const a of jobs)
    accessesOf.set(`${a.workflow}\0${a.job}`, [...(accessesOf.get(`${a.workflow}\0${a.job}`) ?? []), a]);
  const wfMap = new YAMLMap();
  for (const wf of workflows) {
    if (wf.error) continue;
    const entry = new YAMLMap();
    const triggers = uniqueSorted(wf.triggers.map((t) => t.value));
    // List triggers only when the default would refuse one, so the entry stays short otherwise.
    if (triggers.some((t) => EXPLICIT_ONLY_TRIGGERS.includes(t))) entry.set('triggers', flow(triggers));
    const jobMap = new YAMLMap();
    for (const job of wf.jobs) {
      const accesses = accessesOf.get(`${wf.file}\0${job.id}`) ?? [];
      // A manifest refuses this id (docs/decisions.md, "A `__proto__` key"); initGaps says to rename it.
      if (accesses.length === 0 || job.id === '__proto__') continue;
      // A callee judged through several callers needs the most any caller gives it.
      const held: PermissionSet = accesses.reduce((acc, a) => {
        const next = { ...acc };
        for (const s of SCOPE_NAMES) next[s] = maxLevel(acc[s], a.permissions[s]);
        return next;
      }, uniform('none'));
      const j = new YAMLMap();
      const granted = Object.entries(compact(held));
      const fromDefault = accesses.some((a) => a.permissionsSource === 'repository-default');
      // Exactly the repository default: one word (`permissive-default`) instead of a line per scope.
      const perms =
        fromDefault && sameLevels(held, repositoryDefault(opts.repositoryDefault))
          ? doc.createNode(`${opts.repositoryDefault}-default`)
          : new YAMLMap();
      if (perms instanceof YAMLMap) {
        perms.flow = granted.length <= 4;
        for (const [s, l] of granted) perms.set(s, l);
      }
      if (fromDefault) {
        const why = ' no permissions block in the workflow: write one and lower this';
        // After a one-word value on its line; above a map's scopes.
        if (perms instanceof YAMLMap) perms.commentBefore = why;
        else perms.comment = why;
      }
      j.set('permissions', perms);
      const secrets = uniqueSorted(accesses.flatMap((a) => a.secrets.map((s) => s.value)));
      if (accesses.some((a) => a.secretsInherit)) secrets.push('inherit');
      if (secrets.length) j.set('secrets', flow(secrets));
      const envs = uniqueSorted(accesses.flatMap((a) => a.environments.map((e) => e.value)));
      if (envs.length) j.set('environments', flow(envs));
      const grants = credentialGrants(job.steps).grants;
      if (grants.length) {
        const seq = doc.createNode(grants) as YAMLSeq<YAMLMap>;
        // Nested lists and maps on one line each: a grant reads as one short block.
        for (const g of seq.items)
          for (const p of g.items)
            if (p.value instanceof YAMLMap || p.value instanceof YAMLSeq) p.value.flow = true;
        j.set('credentials', seq);
      }
      jobMap.set(job.id, j);
    }
    entry.set('jobs', jobMap);
    wfMap.set(wf.file, entry);
  }
  addWhenRef(wfMap, workflows, opts.defaultBranch);
  root.set('workflows', wfMap);
  const header = [
    '# yaml-language-server: $schema=https://github.com/stepwarden/stepwarden/raw/main/schema/access-manifest.schema.json',
    '# Access manifest written by `stepwarden init`: it declares what the workflows hold today.',
    '# Tighten it: lower permissions, remove secrets, replace long-lived secrets with step-scoped',
    '# `credentials` from the stepwarden broker. Docs: docs/manifest.md',
  ].join('\n');
  return `${header}\n${doc.toString({ lineWidth: 120, flowCollectionPadding: false })}`;
}

const appRank = (l: string | undefined) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);

type InitGrant =
  | { step: string; audience: 'github'; permissions: Record<string, string>; repositories: string[] }
  | { step: string; audience: string; scope: string[] };

/**
 * The credential grants the steps of a job ask for today (what `actions/run` / `actions/exchange`
 * request), so the check passes after `init`; and the steps whose request is not written out
 * (no id, an expression, the whole grant), which the user must declare by hand.
 */
export function credentialGrants(steps: readonly StepModel[]): { grants: InitGrant[]; unknown: string[] } {
  const grants: InitGrant[] = [];
  const unknown: string[] = [];
  for (const s of steps) {
    if (!s.uses || !credentialAction(s.uses)) continue;
    const name = s.with?.step?.value.trim() || s.id;
    const audience = s.with?.audience?.value.trim() ?? '';
    const scope = (s.with?.scope?.value ?? '').split(/\s+/).filter(Boolean);
    const label = `step '${name ?? `#${s.index}`}' (line ${s.line})`;
    if (!name || !audience || [name, audience, ...scope].some((v) => v.includes('${{'))) {
      unknown.push(`${label}: its step name or audience is not written out; declare its grant by hand`);
      continue;
    }
    if (audience === 'github') {
      const permissions: Record<string, string> = {};
      let ok = scope.length > 0;
      for (const part of scope) {
        const m = /^([a-z0-9_-]+):(read|write|admin)$/.exec(part);
        const p = m?.[1]?.replace(/_/g, '-');
        if (!m || !p || !(p in APP_PERMISSIONS)) ok = false;
        else if (appRank(m[2]) > appRank(permissions[p])) permissions[p] = m[2]!;
      }
      if (!ok) {
        unknown.push(
          `${label}: its scope '${scope.join(' ')}' does not list PERMISSION:LEVEL pairs; declare its grant by hand`,
        );
        continue;
      }
      const same = grants.find((g) => g.step === name && g.audience === 'github');
      if (same && 'permissions' in same) {
        for (const [p, l] of Object.entries(permissions))
          if (appRank(l) > appRank(same.permissions[p])) same.permissions[p] = l;
      } else grants.push({ step: name, audience, permissions, repositories: ['self'] });
    } else if (/^https?:\/\//.test(audience)) {
      const same = grants.find((g) => g.step === name && g.audience === audience);
      if (same && 'scope' in same) same.scope = [...new Set([...same.scope, ...scope])];
      else grants.push({ step: name, audience, scope });
    } else unknown.push(`${label}: audience '${audience}' is neither github nor a URL`);
  }
  return { grants, unknown };
}

/** What the broker still needs before it grants anything, for `init` to print. */
export function initGaps(workflows: readonly WorkflowModel[], opts: InitOptions): string[] {
  const gaps: string[] = [];
  const r = opts.repository;
  if (!r?.id || !r.ownerId)
    gaps.push(
      'repository.id and repository.owner-id: without them the broker refuses every credential (ERR_MANIFEST_UNBOUND); pass --repository-id N --owner-id N, or a token (GITHUB_TOKEN) to read them from the API',
    );
  for (const wf of workflows)
    for (const job of wf.jobs) {
      if (job.id === '__proto__')
        gaps.push(
          `${wf.file} job '__proto__': a manifest cannot declare this job id, so it is judged by \`defaults\` until the job is renamed`,
        );
      for (const u of credentialGrants(job.steps).unknown)
        gaps.push(oneLine(`${wf.file} job '${job.id}' ${u}`)); // printed to a runner log
    }
  return gaps;
}
