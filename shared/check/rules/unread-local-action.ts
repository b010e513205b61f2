/**
 * Local actions (`uses: ./path`) the check cannot read: their steps run in the job with its token and
 * secrets, and may ask the broker for credentials, but nothing in them was judged. Said, not passed
 * in silence.
 */
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

export const unreadLocalAction: Rule = {
  meta: {
    id: 'unread-local-action',
    severity: 'warning',
    title: 'Local action the check cannot read',
    summary:
      'A step uses a local action (`uses: ./path`) whose `action.yml` is not in the repository, is no action GitHub runs, lies outside the repository (`./../x`) or is nested more than 10 local composite actions deep: its steps (credential steps, the actions it uses) are not checked.',
    help: `The check reads each local action a job runs (\`uses: ./path\`) to judge the steps of composite actions as the
workflow's own: the actions they use (\`unpinned-action\`, \`disallowed-action\`) and their stepwarden credential steps
(\`credential-step\`). It reads them as it reads workflows: inside the repository, no symbolic link followed, a size
bound. When the file is missing (made by an earlier step, such as a checkout of another repository) or without
\`runs.using\`, nothing in it is judged, and this warning says so; GitHub fails the step when the file is not an action
it can run. A file the repository holds but the check cannot read (a link, too large, YAML it refuses) is
\`unreadable-local-action\`, an error: GitHub may run it. The same holds for a path that leaves the repository (\`uses: ./../x\`: a directory an
earlier step makes) and for composite actions nested deeper than the runner follows them (10 levels; the check reads that
deep). The access diff shows a local action that becomes unreadable as a widened row (\`read\` → \`not read: …\`).

**Fix:** keep the action in the repository as a regular \`action.yml\` (not a link), or use it from its own repository
pinned to a commit (\`owner/repo/path@<40-hex>\`), which the other rules judge.`,
  },
  check(ctx) {
    const out: Finding[] = [];
    // One finding per job (issue 11 §3: no floods), at its first unread action, naming each.
    const workflows = ctx.workflows;
    for (let w = 0, nw = workflows.length; w < nw; w++) {
      const wf = workflows[w]!;
      const jobs = wf.jobs;
      for (let j = 0, nj = jobs.length; j < nj; j++) {
        const job = jobs[j]!;
        // Nearly every job has none: no list filtered for it.
        if (!job.unreadActions?.length) continue;
        // Actions the repository holds and that could not be read are unreadable-local-action's (an error).
        const unread = job.unreadActions.filter((u) => !u.held);
        const first = unread[0];
        if (!first) continue;
        const each = unread.map((u) => `${u.uses} (line ${u.line}): ${u.problem}`).join('; ');
        out.push(
          finding(this.meta, {
            workflow: wf.file,
            job: job.id,
            subject: unread.map((u) => u.uses).join(', '),
            file: wf.path,
            line: first.line,
            message: `job '${job.id}' runs local action${unread.length > 1 ? 's' : ''} the check cannot read, whose steps (credential steps, the actions they use) are not checked: ${each}. Fix: keep each in the repository as a regular action.yml, or use it pinned from its own repository`,
          }),
        );
      }
    }
    return out;
  },
};
