import { credentialGrantPaths } from '../../conditions/grants.js';
import { findOrgGrant } from '../../conditions/narrow.js';
import { reachProblems } from '../../conditions/reach.js';
import { isGithubGrant } from '../../manifest/schema.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

export const orgReach: Rule = {
  meta: {
    id: 'org-reach',
    severity: 'error',
    title: 'Credential grant reaches beyond the repository without organization consent',
    summary:
      "A grant's `repositories:` other than `self`, or an organization-level App permission (members, organization-*), that the organization policy does not allow for this repository; under `repository-manifests: narrow-only`, a grant the organization policy does not make.",
    help: `One repository's manifest must not mint tokens on other repositories or on the organization: the broker refuses
such a grant unless the organization policy allows it (\`allow-cross-repository\`, \`allow-organization-permissions\`). A
rule in \`mode: audit\` reports instead of refusing: the finding is then a warning.

**Fix:** remove the repository or permission from the grant, or ask the organization's platform team to allow it for this
repository in the organization policy.`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.manifest;
    const org = ctx.org?.value;
    const repository = m.manifest.repository?.name ?? '';
    for (const g of credentialGrantPaths(m.manifest)) {
      if (org?.['repository-manifests'] === 'narrow-only' && repository) {
        if (!findOrgGrant(org, repository, g.workflow, g.job, g.grant.step, g.grant.audience))
          out.push(
            finding(this.meta, {
              workflow: g.workflow,
              job: g.job,
              subject: g.grant.step,
              file: m.file,
              line: m.lineOf(g.path),
              message: `the organization policy is narrow-only and makes no grant for step '${g.grant.step}' (${g.grant.audience}) of job '${g.job}' in ${g.workflow}: the broker will refuse it. Fix: ask for an organization grant, or remove this one`,
            }),
          );
      }
      if (!isGithubGrant(g.grant)) continue;
      const problems = reachProblems({
        repository: repository || '(repository.name unset)/(unknown)',
        // The manifest's own `repository.id`: what the broker compares with the token's repository_id.
        repositoryId: m.manifest.repository?.id === undefined ? undefined : String(m.manifest.repository.id),
        repositories: g.grant.repositories,
        permissions: g.grant.permissions as Record<string, string>,
        org,
        ...(ctx.org ? { orgFile: ctx.org.file } : {}),
      });
      for (const p of problems) {
        const perm = p.subject.split(':')[0]!;
        const idx = g.grant.repositories.indexOf(p.subject);
        out.push({
          ...finding(this.meta, {
            workflow: g.workflow,
            job: g.job,
            subject: p.subject,
            file: m.file,
            line: m.lineOf(
              p.kind === 'cross-repository'
                ? [...g.path, 'repositories', idx]
                : [...g.path, 'permissions', perm],
            ),
            message: `${p.code}${p.mode === 'audit' ? ' (organization rule in mode: audit: reported, not refused)' : ''}: ${p.message}. Fix: remove it from the grant, or have the organization policy allow it`,
          }),
          ...(p.mode === 'audit' ? { severity: 'warning' as const } : {}),
        });
      }
    }
    return out;
  },
};
