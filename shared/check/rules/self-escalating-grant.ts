import { isGithubGrant } from '../../manifest/schema.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

const PROTECTION =
  'protect the default branch (required reviews, no direct pushes) and require code-owner review of .github/ (CODEOWNERS), so a credential cannot merge its own access change';

export const selfEscalatingGrant: Rule = {
  meta: {
    id: 'self-escalating-grant',
    severity: 'warning',
    title: "Grant can rewrite its own repository's manifest or workflows",
    summary:
      'A job or credential grant with `contents: write` or `workflows: write` on its own repository, which can rewrite the manifest or the workflows that decide its access.',
    help: `A token that can write \`.github/access-manifest.yml\` or \`.github/workflows/\` on the default branch can widen its own
access: the privilege-escalation pattern reported against octo-sts (octo-sts/app#887), where a trust policy in the
repository was writable by the identity it trusted.

**What protects against it:** branch protection or a ruleset on the default branch (required pull request reviews, no
direct pushes, no bypass for apps) and CODEOWNERS on \`.github/\` with required code-owner review. With those in place this
warning is informational; without them, narrow the grant (e.g. \`contents: read\`, or a separate repository for releases).`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.manifest;
    const own = ownRepositoryNames(m.manifest.repository?.name);
    if (m.manifest.defaults.permissions.contents === 'write') {
      out.push(
        finding(this.meta, {
          workflow: null,
          job: null,
          subject: 'contents',
          file: m.file,
          line: m.lineOf(['defaults', 'permissions', 'contents']),
          message: `\`defaults\` grant contents: write to every job the manifest does not list, which can rewrite the access manifest on its own repository; ${PROTECTION}`,
        }),
      );
    }
    for (const [wf, entry] of Object.entries(m.manifest.workflows)) {
      for (const [job, j] of Object.entries(entry.jobs)) {
        if (j.permissions.contents === 'write') {
          out.push(
            finding(this.meta, {
              workflow: wf,
              job,
              subject: 'contents',
              file: m.file,
              line: m.lineOf(['workflows', wf, 'jobs', job, 'permissions', 'contents']),
              message: `job '${job}' is granted contents: write, which can rewrite the access manifest on its own repository; ${PROTECTION}`,
            }),
          );
        }
        j.credentials.forEach((g, i) => {
          if (!isGithubGrant(g) || !g.repositories.some((r) => own.has(r.toLowerCase()))) return;
          for (const perm of ['contents', 'workflows'] as const) {
            if (g.permissions[perm] !== 'write') continue;
            out.push(
              finding(this.meta, {
                workflow: wf,
                job,
                subject: perm,
                file: m.file,
                line: m.lineOf(['workflows', wf, 'jobs', job, 'credentials', i, 'permissions', perm]),
                message: `credential for step '${g.step}' gets ${perm}: write on its own repository, which can rewrite ${perm === 'workflows' ? 'the workflows' : 'the access manifest'} that grant it; ${PROTECTION}`,
              }),
            );
          }
        });
      }
    }
    return out;
  },
};

/** `self`, and the manifest's own repository by `owner/name` or bare `name` (case-insensitive, as GitHub). */
function ownRepositoryNames(fullName: string | undefined): Set<string> {
  const names = new Set(['self']);
  if (fullName) {
    names.add(fullName.toLowerCase());
    names.add(fullName.split('/')[1]!.toLowerCase());
  }
  return names;
}
