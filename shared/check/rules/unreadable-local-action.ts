/**
 * Local actions (`uses: ./path`) the repository holds and the check cannot read: a symbolic link in
 * their path or in place of `action.yml`, a file past the size bound, YAML this reader refuses. GitHub
 * may run every one of them (the runner follows links of the checkout, reads action files up to
 * 10 MiB, reads a tag it does not know as text), so what they run is unjudged code of the pull request:
 * an error, where a missing action (made by an earlier step) is unread-local-action's warning.
 */
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

export const unreadableLocalAction: Rule = {
  meta: {
    id: 'unreadable-local-action',
    severity: 'error',
    title: 'Local action in the repository the check cannot read',
    summary:
      'A step uses a local action (`uses: ./path`) whose `action.yml` the repository holds but the check cannot read (a symbolic link, a file over the size bound, YAML it refuses, a path held only in another case): GitHub may run it, and its steps (the actions it uses, credential steps) are not checked.',
    help: `The check judges the steps of local composite actions as the workflow's own (\`unpinned-action\`,
\`disallowed-action\`, \`credential-step\`). It reads them without following a symbolic link, up to 4 MiB, with a YAML
reader that refuses what it cannot read exactly as GitHub does. GitHub's runner is less strict: it follows a link of the
checkout (\`action.yml -> ../real/action.yml\`, or the action's directory as a link), reads action files up to 10 MiB and
reads a tag it does not know (\`!foo x\`) as text. So such an action runs, and \`uses: evil/x@main\` inside it would pass
unseen; a pull request can write one. It is an error, not a warning: unlike a missing action (made by an earlier step at
run time, \`unread-local-action\`), this one is in the pull request.

A path the repository holds only in another case (\`uses: ./TOOLS/EVIL\` beside \`tools/evil/action.yml\`, or
\`./tools/evil\` holding \`Action.yml\`) is refused here too: a case-sensitive reader (Linux, git, the contents API)
finds nothing there, while a macOS or Windows runner, whose file systems ignore case, runs \`tools/evil\`. Each name is
compared as the repository holds it, so the check answers alike on every machine; the access diff and the gate refuse it too.

An action file whose steps GitHub's converter refuses is refused here too, naming what and where: a step \`id:\` outside
GitHub's id rule (ASCII letters, digits, \`_\`, \`-\`, a letter or \`_\` first, under 100 characters, not \`__…\`, once per
action ignoring case: the rule held on workflow step ids), a \`with:\` key the runner may read as another input, or a
value of the wrong kind (session 42: a step's \`uses: {..}\`, \`with: [..]\`, \`env: [..]\`, a step that is no
mapping, \`inputs: [..]\`; the runner refuses the whole file, so none of its steps runs). Its
steps are not judged: the finding says which id to rename.

**Fix:** make the action a regular \`action.yml\` in its directory (no symbolic link on its path), under 4 MiB, in plain
YAML (no custom tags), named in the case the repository holds it; or use it from its own repository pinned to a commit (\`owner/repo/path@<40-hex>\`).`,
  },
  check(ctx) {
    const out: Finding[] = [];
    // One finding per job, at its first such action, naming each (as unread-local-action).
    const workflows = ctx.workflows;
    for (let w = 0, nw = workflows.length; w < nw; w++) {
      const wf = workflows[w]!;
      const jobs = wf.jobs;
      for (let j = 0, nj = jobs.length; j < nj; j++) {
        const job = jobs[j]!;
        // Nearly every job has none: no list filtered for it.
        if (!job.unreadActions?.length) continue;
        const held = job.unreadActions.filter((u) => u.held);
        const first = held[0];
        if (!first) continue;
        const each = held.map((u) => `${u.uses} (line ${u.line}): ${u.problem}`).join('; ');
        out.push(
          finding(this.meta, {
            workflow: wf.file,
            job: job.id,
            subject: held.map((u) => u.uses).join(', '),
            file: wf.path,
            line: first.line,
            message: `job '${job.id}' runs local action${held.length > 1 ? 's' : ''} of the repository the check cannot read, which GitHub may run unjudged: ${each}. Fix: make each a regular action.yml (no symbolic link on its path, under 4 MiB, plain YAML), or use it pinned from its own repository`,
          }),
        );
      }
    }
    return out;
  },
};
