/**
 * `stepwarden init`: a starting manifest that declares exactly what the workflows hold today, so a
 * repository adopts stepwarden in one command (check passes) and then tightens it. Pure.
 */
import { Document, YAMLMap, YAMLSeq } from 'yaml';
import { SCOPE_NAMES, compact, maxLevel, uniform, type PermissionSet } from '../permissions/scopes.js';
import type { JobAccess } from '../workflow/access.js';
import type { WorkflowModel } from '../workflow/model.js';
import { isPinned } from '../check/rules/unpinned-action.js';
import { EXPLICIT_ONLY_TRIGGERS } from './effective-policy.js';
import { addWhenRef } from '../conditions/init-ref.js';

export interface InitOptions {
  readonly repositoryDefault: 'permissive' | 'restricted';
  /** owner/repo and numeric ids, when known (GITHUB_REPOSITORY, GITHUB_REPOSITORY_ID …). */
  readonly repository?: { name?: string; id?: number; ownerId?: number };
  /** The branch grants are claimable from (`when.ref` of each credential grant); default main. */
  readonly defaultBranch?: string;
}

const uniqueSorted = (xs: Iterable<string>) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));

function flow(items: string[]): YAMLSeq {
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
      if (accesses.length === 0) continue;
      // A callee judged through several callers needs the most any caller gives it.
      const held: PermissionSet = accesses.reduce((acc, a) => {
        const next = { ...acc };
        for (const s of SCOPE_NAMES) next[s] = maxLevel(acc[s], a.permissions[s]);
        return next;
      }, uniform('none'));
      const j = new YAMLMap();
      const perms = new YAMLMap();
      const granted = Object.entries(compact(held));
      perms.flow = granted.length <= 4;
      for (const [s, l] of granted) perms.set(s, l);
      if (accesses.some((a) => a.permissionsSource === 'repository-default')) {
        perms.commentBefore =
          ' no permissions block in the workflow: this is the repository default; write one and lower this';
      }
      j.set('permissions', perms);
      const secrets = uniqueSorted(accesses.flatMap((a) => a.secrets.map((s) => s.value)));
      if (accesses.some((a) => a.secretsInherit)) secrets.push('inherit');
      if (secrets.length) j.set('secrets', flow(secrets));
      const envs = uniqueSorted(accesses.flatMap((a) => a.environments.map((e) => e.value)));
      if (envs.length) j.set('environments', flow(envs));
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
