import { localWorkflowFile } from '../../workflow/access.js';
import type { ActionRef } from '../../workflow/model.js';
import { canonicalUses, localUses } from '../../workflow/uses.js';
import type { Finding } from '../finding.js';
import { finding, viaAction, type Rule } from '../rule.js';

const SHA = /@[0-9a-f]{40}$/;
const DIGEST = /@sha256:[0-9a-f]{64}$/;
/** Where the `@` of each pin stands, counted from the end: `@` + 40 hex, `@sha256:` + 64 hex. */
const SHA_AT = 41;
const DIGEST_AT = 72;
const AT = 0x40;

/**
 * Whether a `uses:` reference is pinned to an immutable version. Local paths need no pin.
 * Each expression matches only at the end of the text, so its `@` stands at a fixed distance from
 * the end: a reference without one there (a tag or a branch: about half the corpus's 14,000
 * references) is unpinned without running the expression, which tried each `@` of the text.
 */
export function isPinned(uses: string): boolean {
  if (localUses(uses) !== undefined) return true; // this repository at the running commit
  if (uses.startsWith('docker://'))
    return uses.charCodeAt(uses.length - DIGEST_AT) === AT && DIGEST.test(uses);
  return uses.charCodeAt(uses.length - SHA_AT) === AT && SHA.test(uses);
}

export const unpinnedAction: Rule = {
  meta: {
    id: 'unpinned-action',
    severity: 'error',
    title: 'Action or reusable workflow not pinned to a commit SHA',
    summary:
      'A remote `uses:` not pinned to a full 40-hex commit SHA, or `docker://` without an `@sha256:` digest.',
    help: `Tags and branches move. In March 2025 the tags of \`tj-actions/changed-files\` were repointed to a commit that dumped
every secret of every job using it; jobs pinned to a commit SHA were not affected.

A local Docker action (\`uses: ./path\` whose \`action.yml\` says \`image: docker://IMAGE\`) pulls IMAGE as a
\`docker://\` step does, so it needs an \`@sha256:\` digest too; the finding names the action file's line. An
\`image: Dockerfile\` builds from the repository at the running commit: its \`FROM\` is not checked, as a job's
\`container:\` or \`services:\` image is not (pin them by digest yourself).

**Fix:** pin to the full commit SHA and keep the version in a comment (\`uses: actions/checkout@<40-hex> # v4.2.2\`);
Dependabot and Renovate update such pins. Set \`policy.require-pinned-actions: false\` in the manifest only if the
organization does not require pinning. A reference to this repository itself (the manifest's \`repository.name\`) needs
no pin: call its workflow as \`./.github/workflows/x.yml\` (from the caller's own commit; a workflow of this repository
pinned to a commit has its credential steps refused by the broker, \`ERR_WORKFLOW_REF_MISMATCH\`), and its action as
\`$/path\` (this repository at the running commit; \`./path\` runs whatever the workspace holds).`,
  },
  check(ctx) {
    if (!ctx.policy.requirePinnedActions) return [];
    const self = ctx.manifest.manifest.repository?.name;
    // The message before `viaAction` depends only on the reference, its kind and whether a job or a
    // step holds it, and references repeat (the corpus: 7,062 unpinned, 542 texts): each text is
    // worded once a check, not `selfAdvice`'s parse of the reference once a finding (session 39).
    const worded = [new Map<string, string>(), new Map<string, string>(), new Map<string, string>()] as const;
    // Every action of every job, by index into one list: no iterator or array per job (session 27).
    const out: Finding[] = [];
    const workflows = ctx.workflows;
    for (let w = 0, nw = workflows.length; w < nw; w++) {
      const wf = workflows[w]!;
      const jobs = wf.jobs;
      for (let j = 0, nj = jobs.length; j < nj; j++) {
        const job = jobs[j]!;
        const actions = job.actions;
        for (let i = 0, n = actions.length; i < n; i++) {
          const a = actions[i]!;
          const uses = a.uses;
          if (isPinned(uses)) continue;
          const docker = a.kind === 'docker';
          const texts = worded[docker ? 0 : a.on === 'job' ? 1 : 2];
          let text = texts.get(uses);
          if (text === undefined) {
            text = docker
              ? `'${uses}' is not pinned to an image digest (@sha256:...)`
              : `'${uses}' is not pinned to a full commit SHA${selfAdvice(a, self)}`;
            texts.set(uses, text);
          }
          out.push(
            finding(this.meta, {
              workflow: wf.file,
              job: job.id,
              subject: uses,
              file: wf.path,
              line: a.line,
              message: text + viaAction(a),
            }),
          );
        }
      }
    }
    return out;
  },
};

/**
 * The advice for a reference to this repository itself (session 38). A workflow of it is called as
 * `./.github/workflows/x.yml`, which runs from the caller's own commit: nothing to pin, and pinned to a
 * commit the callee's token names that commit, which no run's ref is, so the broker refuses its
 * credential steps (ERR_WORKFLOW_REF_MISMATCH). An action of it is `$/path`, this repository at the
 * running commit; not `./path`, which runs whatever the workspace holds (a checked-out pull request).
 */
function selfAdvice(a: ActionRef, self: string | undefined): string {
  if (!self) return '';
  if (a.on === 'job') {
    const file = localWorkflowFile(a.uses, self);
    return file === undefined
      ? ''
      : `; it is a workflow of this repository: call it as './.github/workflows/${file}', which runs from the caller's own commit and needs no pin (pinned to a commit, the broker refuses its credential steps: ERR_WORKFLOW_REF_MISMATCH)`;
  }
  const canonical = canonicalUses(a.uses);
  const at = canonical.indexOf('@');
  const [owner, repo, ...path] = canonical.slice(0, at < 0 ? undefined : at).split('/');
  if (!path.length || `${owner}/${repo}`.toLowerCase() !== self.toLowerCase()) return '';
  return `; it is an action of this repository: '$/${path.join('/')}' runs it at the running commit and needs no pin (not './${path.join('/')}', which runs whatever the workspace holds)`;
}
