import { resolveAccessDetailed, type NestedOverreach } from '../../workflow/access.js';
import { finding, type Rule } from '../rule.js';

/** The name GitHub puts in its error: the job's `name:` when it is plain text, else its id. */
function displayName(name: string | undefined, id: string): string {
  return name !== undefined && !name.includes('${{') ? name : id;
}

export const nestedOverreach: Rule = {
  meta: {
    id: 'nested-overreach',
    severity: 'error',
    title: 'Called workflow asks for more than its caller holds: GitHub refuses the run',
    summary:
      "A job of a called (reusable) workflow requests a GITHUB_TOKEN scope above what the calling job's token holds, so GitHub refuses to start the run.",
    help: `A reusable workflow runs on its caller job's token: its own \`permissions:\` block can narrow that token but never widen
it. When a called job asks for more, GitHub does not lower it silently: the whole run fails before any job starts, with
"The nested job 'deploy' is requesting 'actions: write', but is only allowed 'actions: read'." The finding points at the
caller's \`uses:\` line and names the callee's block.

One exception, which stepwarden applies: a reusable workflow of the same user, organization or enterprise may request
\`id-token: write\` when the caller writes no \`permissions:\` block and the repository default is permissive (GitHub
changelog, 2023-06-15).

**Fix:** grant the scope to the calling job (its \`permissions:\` block, or the workflow's) when the callee truly needs it,
and declare it in the manifest; or lower the callee's block to what the caller holds.

\`\`\`yaml
jobs:
  release:
    permissions:
      actions: write   # what the called workflow's job 'deploy' requests
    uses: ./.github/workflows/deploy.yml
\`\`\``,
  },
  check(ctx) {
    const { overreach } = resolveAccessDetailed(ctx.workflows, ctx.policy.repositoryDefault);
    const byCall = new Map<string, NestedOverreach[]>();
    for (const o of overreach) {
      const k = JSON.stringify([o.caller.path, o.caller.job, o.caller.line, o.callee.path, o.callee.job]);
      byCall.set(k, [...(byCall.get(k) ?? []), o]);
    }
    return [...byCall.values()].map((list) => {
      const { caller, callee } = list[0]!;
      const model = ctx.workflows.find((w) => w.path === callee.path)?.jobs.find((j) => j.id === callee.job);
      const name = displayName(model?.name, callee.job);
      const refusals = list
        .map(
          (o) =>
            `The nested job '${name}' is requesting '${o.scope}: ${o.requested}', but is only allowed '${o.scope}: ${o.allowed}'.`,
        )
        .join(' ');
      const scopes = list.map((o) => `${o.scope}: ${o.requested}`).join(', ');
      return finding(this.meta, {
        workflow: caller.workflow,
        job: caller.job,
        subject: `${callee.workflow}/${callee.job}`,
        file: caller.path,
        line: caller.line,
        message:
          `Error calling workflow '${callee.workflow}' from job '${caller.job}' (${caller.path}:${caller.line}). ${refusals} ` +
          `GitHub refuses to start the run. The request is job '${callee.job}''s permissions block at ${callee.path}:${callee.line}. ` +
          `Fix: grant ${scopes} to job '${caller.job}' (and in the manifest), or lower the callee's block to what the caller holds.`,
      });
    });
  },
};
