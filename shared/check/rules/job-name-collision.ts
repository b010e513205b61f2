import type { Finding } from '../finding.js';
import { finding, manifestJob, type Rule } from '../rule.js';
import { shownAsJobs } from '../../workflow/job-names.js';

export const jobNameCollision: Rule = {
  meta: {
    id: 'job-name-collision',
    severity: 'error',
    title: 'Job can be shown as another job that has credential grants',
    summary:
      "A job whose name as GitHub shows it (its `name:` with expressions evaluated, else its id) can be another job's id or fit that job's `name:`, in a workflow where that other job has credential grants: the broker verifies a job by that name, so the first job's steps can claim the other's grants.",
    help: `The broker learns which job asks for a credential from the Jobs API: the job of the token's
\`check_run_id\` and its name as GitHub shows it. A job of the workflow the run started is job J when that name is J's id,
or fits J's \`name:\` (each \`\${{ }}\` as any text without \`/\`), with an optional matrix suffix \` (…)\`. So a job
\`build\` with \`name: publish\`, or with a \`name:\` made only of expressions (\`\${{ inputs.label }}\`, which can
evaluate to \`publish\`), or a job \`prod-deploy\` beside a job \`name: \${{ matrix.env }}-deploy\`, is verified as the
other job, and its steps can claim that job's credential grants (with their own, weaker, conditions: no environment
approval, untrusted steps). The check reports each such pair where the other job has grants in the manifest;
the access diff shows a name change that makes a job shown as another as widened.

**Fix:** give the job a \`name:\` with a literal part the other job's id and name cannot have (\`Build \${{ matrix.os }}\`),
or no \`name:\`; do not name a job after another job's id.

\`\`\`yaml
jobs:
  build:
    name: Build \${{ matrix.os }}   # not: name: \${{ matrix.os }}, not: name: publish
  publish:
    steps:
      - id: release
        uses: stepwarden/stepwarden/actions/run@<40-hex>
\`\`\``,
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const wf of ctx.workflows) {
      if (wf.error) continue;
      // Only jobs with grants are worth stealing; most workflows have none, and then nothing is computed.
      const granted = new Set(
        wf.jobs
          .filter((j) => (manifestJob(ctx, wf.file, j.id).entry?.credentials.length ?? 0) > 0)
          .map((j) => j.id),
      );
      if (granted.size === 0) continue;
      for (const job of wf.jobs) {
        for (const other of shownAsJobs(wf, job)) {
          if (!granted.has(other)) continue;
          const grants = manifestJob(ctx, wf.file, other).entry!.credentials.map((g) => g.step);
          out.push(
            finding(this.meta, {
              workflow: wf.file,
              job: job.id,
              subject: other,
              file: wf.path,
              line: job.line,
              message: `job '${job.id}'${job.name !== undefined ? ` (name: ${job.name})` : ''} can be shown as job '${other}', which the broker verifies by that name: its steps can claim the credential grants of '${other}' (steps ${grants.join(', ')}); give '${job.id}' a name with a literal part that '${other}' cannot have`,
            }),
          );
        }
      }
    }
    return out;
  },
};
