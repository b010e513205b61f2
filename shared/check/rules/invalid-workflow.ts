import { finding, type Rule } from '../rule.js';

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

**Fix:** correct the YAML at the line shown (\`actionlint\` gives detailed syntax help).`,
  },
  check(ctx) {
    return ctx.workflows
      .filter((w) => w.error)
      .map((w) =>
        finding(this.meta, {
          workflow: w.file,
          job: null,
          subject: w.file,
          file: w.path,
          line: w.error!.line,
          message: `'${w.file}' cannot be checked: ${w.error!.message}`,
        }),
      );
  },
};
