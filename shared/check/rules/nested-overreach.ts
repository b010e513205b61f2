import { resolveAccessDetailed, type NestedOverreach } from '../../workflow/access.js';
import { SCOPE_NAMES, type Scope } from '../../permissions/scopes.js';
import type { WorkflowModel } from '../../workflow/model.js';
import { finding, type Rule } from '../rule.js';

/** The name GitHub puts in its error: the job's `name:` when it is plain text, else its id. */
function displayName(name: string | undefined, id: string): string {
  return name !== undefined && !name.includes('${{') ? name : id;
}

/** The order GitHub lists scopes in its error (scopes it does not list come after, in ours). */
const GITHUB_ORDER = [
  'actions',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'issues',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'statuses',
  'security-events',
  'id-token',
];
const githubRank = (scope: Scope) => {
  const i = GITHUB_ORDER.indexOf(scope);
  return i === -1 ? GITHUB_ORDER.length + SCOPE_NAMES.indexOf(scope) : i;
};

/** The caller job's `uses:` as written: GitHub names the called workflow by it. */
function callerUses(workflows: readonly WorkflowModel[], path: string, job: string): string | undefined {
  return workflows.find((w) => w.path === path)?.jobs.find((j) => j.id === job)?.uses?.uses;
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
    const overreach =
      ctx.overreach ??
      resolveAccessDetailed(ctx.workflows, ctx.policy.repositoryDefault, {
        self: ctx.manifest.manifest.repository?.name,
      }).overreach;
    const byBlock = new Map<string, NestedOverreach[]>();
    for (const o of overreach) {
      const k = JSON.stringify([o.caller.path, o.caller.job, o.callee.path, o.block, o.callee.job ?? '']);
      byBlock.set(k, [...(byBlock.get(k) ?? []), o]);
    }
    return [...byBlock.values()].map((list) => {
      const { caller, callee, block } = list[0]!;
      const ref = callerUses(ctx.workflows, caller.path, caller.job) ?? callee.workflow;
      const sorted = [...list].sort((a, b) => githubRank(a.scope) - githubRank(b.scope));
      const requested = sorted.map((o) => `${o.scope}: ${o.requested}`).join(', ');
      const allowed = sorted.map((o) => `${o.scope}: ${o.allowed}`).join(', ');
      const who =
        block === 'workflow'
          ? `The workflow '${ref}'`
          : `The nested job '${displayName(
              ctx.workflows.find((w) => w.path === callee.path)?.jobs.find((j) => j.id === callee.job)?.name,
              callee.job!,
            )}'`;
      const where =
        block === 'workflow'
          ? `the permissions block of ${callee.workflow} at ${callee.path}:${callee.line}`
          : `the permissions block of job '${callee.job}' at ${callee.path}:${callee.line}`;
      return finding(this.meta, {
        workflow: caller.workflow,
        job: caller.job,
        subject: block === 'workflow' ? callee.workflow : `${callee.workflow}/${callee.job}`,
        file: caller.path,
        line: caller.line,
        message:
          `Error calling workflow '${ref}'. ${who} is requesting '${requested}', but is only allowed '${allowed}'. ` +
          `GitHub refuses to start the run: job '${caller.job}' (${caller.path}:${caller.line}) calls it, and the request is ${where}. ` +
          `Fix: grant ${requested} to job '${caller.job}' (and in the manifest), or lower the callee's block to what the caller holds.`,
      });
    });
  },
};
