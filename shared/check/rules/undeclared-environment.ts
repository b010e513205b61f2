import type { Finding } from '../finding.js';
import { finding, includesCaseless, manifestJob, viaText, type Rule } from '../rule.js';

const NONE: readonly Finding[] = [];

export const undeclaredEnvironment: Rule = {
  meta: {
    id: 'undeclared-environment',
    severity: 'error',
    title: 'Job deploys to an environment its manifest entry does not declare',
    summary: 'An `environment:` (string or `{ name: }` form) the job does not declare.',
    help: `Environments carry their own secrets and protection rules; a job that names one gains its secrets.

**Fix:** declare the environment under the job's \`environments:\` in \`.github/access-manifest.yml\`, or remove it. An
expression such as \`\${{ inputs.target }}\` must be declared exactly as written, which makes the choice visible. An
environment \`\${{ matrix.K }}\` whose strategy lists K's names literally is declared by those names (each of them), and so is a
reusable workflow's \`\${{ inputs.NAME }}\` by the string a local caller job's \`with:\` passes (or, when it passes nothing
for NAME, the input's string \`default:\`), for that caller's runs;
the expression as written declares it only for a job with no credential grants: the broker compares the OIDC token's
\`environment\` claim, which is the name, with the job's \`environments\`, and refuses the credentials of a run whose
name is not there.`,
  },
  check(ctx) {
    return ctx.jobs.flatMap((a) => {
      // Most jobs name no environment (the corpus: all but 15 of 2,838): no manifest look-up for them.
      if (a.environments.length === 0) return NONE;
      const entry = manifestJob(ctx, a.workflow, a.job);
      const declared = entry?.environments ?? [];
      return a.environments.flatMap((e) => {
        const report = (message: string) =>
          finding(this.meta, {
            workflow: a.workflow,
            job: a.job,
            subject: e.value,
            file: a.path,
            line: e.line,
            message,
          });
        // `${{ matrix.K }}` with literal names: the broker compares the token's `environment` (a
        // name, never the expression) with the declared ones, so the names are what declares it
        // (session 17). The expression as written still does for a job that asks for no credential.
        const names = e.value.includes('${{') ? a.environmentValues : undefined;
        if (!names) {
          if (includesCaseless(declared, e.value)) return [];
          return [
            report(
              `job '${a.job}'${viaText(a)} uses environment '${e.value}', which its manifest entry does not declare`,
            ),
          ];
        }
        const missing = [...new Set(names.map((n) => n.value))].filter((n) => !includesCaseless(declared, n));
        if (missing.length === 0) return [];
        const credentials = (entry?.credentials.length ?? 0) > 0;
        if (!credentials && includesCaseless(declared, e.value)) return [];
        const all = [...new Set(names.map((n) => n.value))].join(', ');
        return [
          report(
            `job '${a.job}'${viaText(a)} uses environment '${e.value}', which ${a.environmentBy === 'default' ? 'is, as that caller passes nothing for it, its input default' : a.environmentBy === 'caller' ? 'that caller passes as' : a.environmentBy === 'caller-matrix' ? "that caller's matrix passes as" : 'its matrix makes'} ${all}; its manifest entry does not declare ${missing.map((n) => `'${n}'`).join(', ')}${
              credentials
                ? ": the broker compares the token's environment claim (the name, never the expression) with the declared environments and refuses the credentials of those runs"
                : ''
            }. Fix: list ${missing.join(', ')} under the job's environments`,
          ),
        ];
      });
    });
  },
};
