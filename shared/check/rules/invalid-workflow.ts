import { localWorkflowFile } from '../../workflow/access.js';
import { localUses } from '../../workflow/uses.js';
import type { WorkflowModel } from '../../workflow/model.js';
import type { Finding } from '../finding.js';
import { finding, type Rule, type RuleMeta } from '../rule.js';

export const invalidWorkflow: Rule = {
  meta: {
    id: 'invalid-workflow',
    severity: 'error',
    title: 'Workflow file cannot be read or parsed',
    summary:
      'A workflow file that cannot be read or parsed as a workflow (YAML syntax, no `on:` or `jobs:`).',
    help: `A file stepwarden cannot read cannot be judged, so it fails the check rather than passing unseen. The other workflow
files are still checked. A file GitHub refuses is reported too, at the line GitHub's reader names: among others a job
id GitHub does not take (ASCII letters, digits, \`_\` and \`-\`, a letter or \`_\` first, fewer than 100 characters, not
\`__\` first: \`1_000\`, \`a.b\`, \`x y\` are refused; @actions/workflow-parser \`IdBuilder.tryAddKnownId\`), since such a
workflow never runs and a manifest cannot grant its jobs; and a step \`id:\` GitHub does not take (the same rule, not
empty, and once per job ignoring case: \`build\` then \`Build\` is refused, as GitHub's C# \`IdBuilder\` compares them).
A job is either one that runs steps or a call to a reusable workflow (\`uses\`), and a step either runs a command
(\`run\`) or an action (\`uses\`): a job or step mixing the two kinds (a call job with \`environment:\`, \`runs-on\` or
\`continue-on-error\`; a step with \`run:\` and \`uses:\`, or \`with:\` beside \`run:\`) is refused by GitHub's reader
("Unexpected value"), at the key it names. So is one without the key of its kind, at the job or step: a job with
\`steps:\` and no \`runs-on:\` ("Required property is missing: runs-on"), a job with \`with:\` or \`secrets:\` and no
\`uses:\`, a step with \`shell:\` and no \`run:\`, and a job or step whose keys fit both kinds (only \`name\`, \`needs\`,
\`if\`, \`permissions\`…, or none: "There's not enough info to determine what you meant"). So is a job, a step or
\`steps:\` of the wrong kind (\`j: x\`, a bare \`-\` step: "Unexpected value ''", "A sequence was not expected"), an empty
\`uses:\`, \`runs-on:\` or \`needs:\` ("Unexpected value ''"), and a \`needs:\` graph GitHub cannot order: \`jobs: {}\` or
every job waiting for another ("The workflow must contain at least one job with no dependencies."), a name of no job
("depends on unknown job"), a cycle ("creates a cycle in the dependency graph"). A name equal to a job's only up to case
is taken as that job. So is a value of the wrong kind under a key stepwarden reads, at the value (session 41): a list or
a string where GitHub wants a mapping (\`env: [A]\`, \`with: x\`, \`strategy: x\`, a matrix \`include:\` item), a list
or a mapping where it wants a string (\`run: {a: b}\`, \`name: [x]\`, an item of \`runs-on:\` or \`needs:\`), a string
where it wants a number or a boolean (\`timeout-minutes: '5'\`, \`continue-on-error: yes\`): "A sequence was not
expected", "A mapping was not expected", "Unexpected value 'x'"; and a key GitHub does not take under \`defaults:\` or
\`concurrency:\`. A lone expression (\`env: \${{ fromJSON(x) }}\`) and an empty value are taken there, as GitHub's
service takes them, except where GitHub's schema names no context (session 42): a call's \`with:\`, a job's
\`outputs:\` or \`defaults:\`, the workflow's \`defaults:\` and \`name:\` ("Unrecognized named-value"). So is
\`on.workflow_call\` of the wrong kind (\`inputs: [a]\`, an input's \`type:\` other than \`string\`, \`number\`,
\`boolean\`, or none, an unknown key), and a container or a service without \`image:\` ("Container image cannot be
empty") or \`concurrency:\` without \`group:\`. The bodies of the other events are taken whatever their kind
(\`workflow_dispatch: []\`): GitHub's service reads them loosely.

A job calling a local reusable workflow GitHub cannot call is reported at the caller's \`uses:\` line (session 35): a file
that is not in \`.github/workflows\` (GitHub: "failed to fetch workflow: workflow was not found"), a path that is no
workflow file directly in that directory (GitHub reads no subdirectory), or a file without an \`on: workflow_call\`
trigger (GitHub: "workflow is not reusable as it is missing a \`on.workflow_call\` trigger"). GitHub refuses the caller's
whole file ("error parsing called workflow"), so none of its jobs run: the check does not pass a workflow that never runs.
A callee this reader refuses is reported as that file's own finding.

**Fix:** correct the YAML at the line shown (\`actionlint\` gives detailed syntax help).`,
  },
  check(ctx) {
    const out: Finding[] = [];
    // Indexed loops: a rule runs once a check, in V8's baseline tiers until it is hot (the one-pass
    // commands' budget, shared/cli/main.ts), where a for-of is an iterator call per element.
    const workflows = ctx.workflows;
    // The context's map is built at the first read: only at a local call here, which most repositories lack.
    const named = (file: string) => ctx.byFile.get(file);
    for (let w = 0, nw = workflows.length; w < nw; w++) {
      const wf = workflows[w]!;
      if (wf.error)
        out.push(
          finding(this.meta, {
            workflow: wf.file,
            job: null,
            subject: wf.file,
            file: wf.path,
            line: wf.error.line,
            message: `'${wf.file}' cannot be checked: ${wf.error.message}`,
          }),
        );
      else uncallable(this.meta, wf, named, out);
    }
    return out;
  },
};

/**
 * Local calls GitHub refuses (session 35): it names only `./.github/workflows/FILE.yml` (case as held),
 * and only a file with an `on: workflow_call` trigger. A full reference to this repository names a
 * ref, whose files are not these: left to GitHub. The gate reads only the files a run reaches (a
 * missing callee is an error model there) and gives every callee `workflow_call`, so this says nothing
 * more there.
 */
function uncallable(
  meta: RuleMeta,
  w: WorkflowModel,
  named: (file: string) => WorkflowModel | undefined,
  out: Finding[],
): void {
  const jobs = w.jobs;
  for (let j = 0, nj = jobs.length; j < nj; j++) {
    const job = jobs[j]!;
    const call = job.uses;
    if (!call || localUses(call.uses) === undefined) continue;
    const file = localWorkflowFile(call.uses);
    const callee = file === undefined ? undefined : named(file);
    if (callee?.error) continue;
    const why =
      file === undefined
        ? 'which is no workflow file directly in .github/workflows (GitHub calls no other path: failed to fetch workflow)'
        : !callee
          ? `which is not in .github/workflows (GitHub: failed to fetch workflow: workflow was not found)`
          : callee.triggers.some((t) => t.value === 'workflow_call')
            ? undefined
            : 'which has no `on: workflow_call` trigger (GitHub: workflow is not reusable as it is missing a `on.workflow_call` trigger)';
    if (why)
      out.push(
        finding(meta, {
          workflow: w.file,
          job: job.id,
          subject: call.uses,
          file: w.path,
          line: call.line,
          message: `'${w.file}' never runs: job '${job.id}' calls '${call.uses}', ${why}, and GitHub refuses the whole file ("error parsing called workflow"). Fix: call a file of .github/workflows that has \`on: workflow_call\`, in the case the repository holds it`,
        }),
      );
  }
}
