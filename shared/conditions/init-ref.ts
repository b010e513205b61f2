/**
 * The `when.ref` `init` writes for a credential grant: the refs today's workflow runs its grants
 * from. The default branch, or the tags a release workflow is triggered by (`on.push.tags`,
 * `on: release`); never a pull request ref. Narrower than the triggers when unsure (a `**` tag
 * filter becomes one segment), so the first run may need a wider ref, never the other way round. Pure.
 */
import type { YAMLMap as YamlMap } from 'yaml';
import { yamlPackage } from '../yaml/package.js';
import type { WorkflowModel } from '../workflow/model.js';

export function initRefPatterns(wf: WorkflowModel, defaultBranch = 'main'): string[] {
  const events = new Set(wf.triggers.map((t) => t.value));
  const refs: string[] = [];
  const main = `refs/heads/${defaultBranch}`;
  const push = wf.pushFilters;
  if (events.has('push')) {
    const tags = (push?.tags ?? []).filter((t) => !t.startsWith('!'));
    for (const t of tags) refs.push(`refs/tags/${t.replace(/\*\*+/g, '*')}`);
    // Branch pushes (filtered or not) are claimable from the default branch only.
    if (!push?.tags || push.branches) refs.push(main);
  }
  if (events.has('release')) refs.push('refs/tags/*');
  const others = [...events].filter((e) => !['push', 'release', 'pull_request'].includes(e));
  if (others.length) refs.push(main);
  if (refs.length === 0) refs.push(main);
  return [...new Set(refs)];
}

/**
 * Gives every credential grant in `init`'s `workflows:` map that has no `when` a `when.ref` from its
 * workflow's triggers, so the fresh manifest states the default the broker applies anyway.
 */
export function addWhenRef(
  workflowsMap: YamlMap,
  workflows: readonly WorkflowModel[],
  defaultBranch = 'main',
): void {
  const { YAMLMap, YAMLSeq } = yamlPackage();
  for (const wf of workflows) {
    const entry = workflowsMap.get(wf.file);
    const jobs = entry instanceof YAMLMap ? entry.get('jobs') : undefined;
    if (!(jobs instanceof YAMLMap)) continue;
    for (const pair of jobs.items) {
      const credentials = pair.value instanceof YAMLMap ? pair.value.get('credentials') : undefined;
      if (!(credentials instanceof YAMLSeq)) continue;
      for (const grant of credentials.items) {
        if (!(grant instanceof YAMLMap) || grant.has('when')) continue;
        const ref = new YAMLSeq();
        ref.flow = true;
        for (const r of initRefPatterns(wf, defaultBranch)) ref.add(r);
        const when = new YAMLMap();
        when.flow = true;
        when.set('ref', ref);
        grant.set('when', when);
      }
    }
  }
}
