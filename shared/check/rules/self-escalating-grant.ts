import { isGithubGrant } from '../../manifest/schema.js';
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
    const out = [];
    const m = ctx.manifest;
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
          if (!isGithubGrant(g) || !g.repositories.includes('self')) return;
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
