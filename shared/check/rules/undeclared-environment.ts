import { finding, includesCaseless, manifestJob, viaText, type Rule } from '../rule.js';

export const undeclaredEnvironment: Rule = {
  meta: {
    id: 'undeclared-environment',
    severity: 'error',
    title: 'Job deploys to an environment its manifest entry does not declare',
    summary: 'An `environment:` (string or `{ name: }` form) the job does not declare.',
    help: `Environments carry their own secrets and protection rules; a job that names one gains its secrets.

**Fix:** declare the environment under the job's \`environments:\` in \`.github/access-manifest.yml\`, or remove it. An
expression such as \`\${{ inputs.target }}\` must be declared exactly as written, which makes the choice visible.`,
  },
  check(ctx) {
    return ctx.jobs.flatMap((a) => {
      const declared = manifestJob(ctx, a.workflow, a.job).entry?.environments ?? [];
      return a.environments
        .filter((e) => !includesCaseless(declared, e.value))
        .map((e) =>
          finding(this.meta, {
            workflow: a.workflow,
            job: a.job,
            subject: e.value,
            file: a.path,
            line: e.line,
            message: `job '${a.job}'${viaText(a)} uses environment '${e.value}', which its manifest entry does not declare`,
          }),
        );
    });
  },
};
