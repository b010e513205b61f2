import type { Finding } from '../finding.js';
import { finding, manifestJob, type Rule } from '../rule.js';
import { own } from '../../manifest/own.js';
import { alwaysCut, NAME_CUT, shownAsJobs } from '../../workflow/job-names.js';

export const jobNameCollision: Rule = {
  meta: {
    id: 'job-name-collision',
    severity: 'error',
    title: 'Job can be shown as another job that has credential grants, or under a cut name',
    summary:
      "A job whose name as GitHub shows it (its `name:` with expressions evaluated, else its id) can be another job's id or fit that job's `name:`, in a workflow where that other job has credential grants: the broker verifies a job by that name, so the first job's steps can claim the other's grants. A job with grants whose name GitHub always cuts (over 100 characters) is refused by the broker.",
    help: `The broker learns which job asks for a credential from the Jobs API: the job of the token's
\`check_run_id\` and its name as GitHub shows it. A job of the workflow the run started is job J when that name is J's id,
or fits J's \`name:\` (each \`\${{ }}\` as any text without \`/\`), with an optional matrix suffix \` (…)\`. So a job
\`build\` with \`name: publish\`, or with a \`name:\` made only of expressions (\`\${{ inputs.label }}\`, which can
evaluate to \`publish\`), or a job \`prod-deploy\` beside a job \`name: \${{ matrix.env }}-deploy\`, is verified as the
other job, and its steps can claim that job's credential grants (with their own, weaker, conditions: no environment
approval, untrusted steps). The check reports each such pair where the other job has grants in the manifest;
the access diff shows a name change that makes a job shown as another as widened.

GitHub shows at most 100 characters of a job's name: a longer one is shown as its first 97 and \`...\`. What was
cut is unknown, so the broker refuses a shown name that looks cut (\`ERR_JOB_IDENTITY_AMBIGUOUS\`): it could be
another job's long name. The check reports a job with credential grants whose name (its \`name:\` with every
expression empty, else its id) is over 100 characters or ends in \`...\` at 97 or more: every exchange of its
steps would be refused. A name whose expressions or matrix values make it longer than 100 is refused at run
time with the same fix.

**Fix:** give the job a \`name:\` with a literal part the other job's id and name cannot have (\`Build \${{ matrix.os }}\`),
or no \`name:\`; do not name a job after another job's id. Keep a job's name, with its matrix values, to 100 characters.

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
      // A workflow the manifest does not list has no job with grants: nothing to build for it.
      if (wf.error || own(ctx.manifest.manifest.workflows, wf.file) === undefined) continue;
      // Only jobs with grants are worth stealing; most workflows have none, and then nothing is computed.
      const granted = new Set(
        wf.jobs
          .filter((j) => (manifestJob(ctx, wf.file, j.id)?.credentials.length ?? 0) > 0)
          .map((j) => j.id),
      );
      if (granted.size === 0) continue;
      for (const job of wf.jobs) {
        // A job without grants has no exchange for the broker to refuse, and a cut name is refused
        // before any matching, so it cannot be verified as a job that has some.
        if (granted.has(job.id) && alwaysCut(job)) {
          const shown = job.name !== undefined && job.name !== '' ? job.name : job.id;
          out.push(
            finding(this.meta, {
              workflow: wf.file,
              job: job.id,
              subject: job.id,
              file: wf.path,
              line: job.line,
              message: `job '${job.id}' is named with ${shown.length} characters ('${shown.slice(0, 40)}...'), ${shown.length > NAME_CUT ? `which GitHub shows cut to ${NAME_CUT - 3} and '...'` : "ending in '...' like a name GitHub cut"}: the broker cannot tell a cut name from another job's and refuses every credential exchange of its steps (ERR_JOB_IDENTITY_AMBIGUOUS); give '${job.id}' a name of at most ${NAME_CUT} characters with its matrix values`,
            }),
          );
        }
        for (const other of shownAsJobs(wf, job)) {
          if (!granted.has(other)) continue;
          const grants = manifestJob(ctx, wf.file, other)!.credentials.map((g) => g.step);
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
