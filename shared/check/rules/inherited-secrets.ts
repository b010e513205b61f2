import { finding, manifestJob, type Rule } from '../rule.js';

export const inheritedSecrets: Rule = {
  meta: {
    id: 'inherited-secrets',
    severity: 'error',
    title: 'Reusable workflow call passes every secret with `secrets: inherit`',
    summary: '`secrets: inherit` on a job whose manifest entry does not declare `inherit`.',
    help: `\`secrets: inherit\` hands every secret of the caller to the called workflow, including secrets added later.

**Fix:** pass only the secrets the callee needs (\`secrets: { NPM_TOKEN: \${{ secrets.NPM_TOKEN }} }\`), or declare
\`inherit\` under the job's \`secrets:\` in the manifest when that is a deliberate decision.`,
  },
  check(ctx) {
    return ctx.jobs
      .filter((a) => a.secretsInherit && !a.via)
      .filter((a) => !(manifestJob(ctx, a.workflow, a.job).entry?.secrets ?? []).includes('inherit'))
      .map((a) =>
        finding(this.meta, {
          workflow: a.workflow,
          job: a.job,
          subject: 'inherit',
          file: a.path,
          line: a.secretsInherit!.line,
          message: `job '${a.job}' passes every secret to '${a.actions.find((x) => x.on === 'job')?.uses ?? 'the called workflow'}' with secrets: inherit, which its manifest entry does not declare`,
        }),
      );
  },
};
