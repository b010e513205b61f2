import { credentialGrantPaths } from '../../conditions/grants.js';
import { finding, type Rule } from '../rule.js';
import { isBound } from '../../manifest/schema.js';

export const unboundManifest: Rule = {
  meta: {
    id: 'unbound-manifest',
    severity: 'error',
    title: 'Credential grants in a manifest without repository.id and owner-id',
    summary:
      'The manifest has credential grants but no `repository.id` / `repository.owner-id`: the broker refuses every exchange (ERR_MANIFEST_UNBOUND).',
    help: `The broker binds grants to the numeric repository and owner ids of the OIDC token, so that a deleted and re-created
(or renamed and re-registered) repository of the same name does not inherit them. Without the ids it issues nothing.

**Fix:** add \`repository: { id: <GITHUB_REPOSITORY_ID>, owner-id: <GITHUB_REPOSITORY_OWNER_ID> }\` to
\`.github/access-manifest.yml\` (\`gh api repos/OWNER/REPO --jq '.id, .owner.id'\`).`,
  },
  check(ctx) {
    const m = ctx.manifest;
    if (isBound(m.manifest)) return [];
    const repo = m.manifest.repository;
    const first = credentialGrantPaths(m.manifest)[0];
    if (!first) return [];
    const missing = [!repo?.id ? 'repository.id' : '', !repo?.['owner-id'] ? 'repository.owner-id' : '']
      .filter(Boolean)
      .join(' and ');
    // Once per repository: it is one fix, however many grants there are.
    return [
      finding(this.meta, {
        workflow: null,
        job: null,
        subject: 'repository',
        file: m.file,
        line: repo ? m.lineOf(['repository']) : m.lineOf(first.path),
        message: `the manifest has credential grants but no ${missing}: the broker refuses them all (ERR_MANIFEST_UNBOUND). Fix: add repository: { id: <GITHUB_REPOSITORY_ID>, owner-id: <GITHUB_REPOSITORY_OWNER_ID> }`,
      }),
    ];
  },
};
