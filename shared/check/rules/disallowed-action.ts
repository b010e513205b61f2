import { actionAllowed } from '../../manifest/effective-policy.js';
import { finding, viaAction, type Rule } from '../rule.js';

export const disallowedAction: Rule = {
  meta: {
    id: 'disallowed-action',
    severity: 'error',
    title: 'Action outside the allowed-actions list',
    summary:
      'A `uses:` reference outside `allowed-actions` (of the manifest policy and/or the organization policy), when set.',
    help: `Each third-party action runs with the job's token and secrets. An allow-list keeps that set to vetted publishers.
When both the manifest and the organization list actions, a reference must match both.

A \`docker://\` image runs code like an action: once a list is set, it needs a \`docker://\` pattern of that list
(\`docker://ghcr.io/my-org/*\`), matched without its tag or digest; an \`owner/repo\` glob never admits an image.
The image of a local Docker action (\`image: docker://IMAGE\` in the \`action.yml\` of a \`uses: ./path\`) is held to
the list as that step's own \`uses:\`, and the finding names the action file's line.

**Fix:** replace the action with an allowed one, or add an \`owner/repo\` glob (or a \`docker://\` image glob) to
\`policy.allowed-actions\` (within what the organization allows).`,
  },
  check(ctx) {
    if (ctx.policy.allowedActions.length === 0) return [];
    return ctx.workflows.flatMap((wf) =>
      wf.jobs.flatMap((job) =>
        job.actions
          .filter((a) => !actionAllowed(a.uses, ctx.policy.allowedActions))
          .map((a) =>
            finding(this.meta, {
              workflow: wf.file,
              job: job.id,
              subject: a.uses,
              file: wf.path,
              line: a.line,
              message: `'${a.uses}'${viaAction(a)} is not in allowed-actions (${ctx.policy.allowedActions.map((l) => l.join(', ')).join(' and ')})`,
            }),
          ),
      ),
    );
  },
};
