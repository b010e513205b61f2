import { localWorkflowFile } from '../../workflow/access.js';
import { finding, manifestJob, type Rule } from '../rule.js';

export const inheritedSecrets: Rule = {
  meta: {
    id: 'inherited-secrets',
    severity: 'error',
    title: 'Reusable workflow call passes every secret with `secrets: inherit`',
    summary: '`secrets: inherit` on a job whose manifest entry does not declare `inherit`.',
    help: `\`secrets: inherit\` hands every secret of the caller to the called workflow, including secrets added later.
A job of a local reusable workflow that passes them on with \`secrets: inherit\` to a workflow stepwarden cannot
read (another repository's, or this one's by full reference) needs \`inherit\` in its own entry too: the outer
caller's \`inherit\` covers the local workflow it calls, whose reads are judged by name, not a workflow beyond it.

**Fix:** pass only the secrets the callee needs (\`secrets: { NPM_TOKEN: \${{ secrets.NPM_TOKEN }} }\`), or declare
\`inherit\` under the job's \`secrets:\` in the manifest when that is a deliberate decision.`,
  },
  check(ctx) {
    const seen = new Set<string>();
    return (
      ctx.jobs
        .filter((a) => a.secretsInherit)
        // A called job passing on to a local workflow passes only what its caller passed, and the
        // callee's reads are judged by name at its own entry (session 16). Onward to a workflow that
        // is not read here, nothing would judge them: the job's own entry must say `inherit`.
        .filter((a) => !a.via || !localWorkflowFile(calleeOf(a) ?? ''))
        .filter((a) => !(manifestJob(ctx, a.workflow, a.job)?.secrets ?? []).includes('inherit'))
        // A called job reached from several callers is one finding.
        .filter((a) => {
          const key = `${a.workflow}\0${a.job}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map((a) =>
          finding(this.meta, {
            workflow: a.workflow,
            job: a.job,
            subject: 'inherit',
            file: a.path,
            line: a.secretsInherit!.line,
            message: `job '${a.job}' ${a.via ? 'of a called workflow passes every secret it is given' : 'passes every secret'} to '${calleeOf(a) ?? 'the called workflow'}' with secrets: inherit, which its manifest entry does not declare`,
          }),
        )
    );
  },
};

const calleeOf = (a: { actions: readonly { on: string; uses: string }[] }) =>
  a.actions.find((x) => x.on === 'job')?.uses;
