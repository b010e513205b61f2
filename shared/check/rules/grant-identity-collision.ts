/**
 * Service grants whose step would carry another grant's identity in the broker's JWT. The broker
 * refuses them (ERR_GRANT_IDENTITY_COLLISION); the decision is the broker's own `identityTwin`, so the
 * check cannot pass a grant the broker refuses or report one it grants.
 */
import { identityTwin } from '../../broker/decide.js';
import { credentialGrantPaths } from '../../conditions/grants.js';
import { isGithubGrant } from '../../manifest/schema.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

export const grantIdentityCollision: Rule = {
  meta: {
    id: 'grant-identity-collision',
    severity: 'error',
    title: 'Credential grant with the same JWT identity as another grant',
    summary:
      "A service grant whose workflow, job and step names, as the broker's JWT carries them (SPIFFE ID path, AWS session tags), are another grant's of the same audience: the broker refuses every exchange of it (ERR_GRANT_IDENTITY_COLLISION).",
    help: `The broker's JWT names the step it was issued to in its SPIFFE ID
(\`spiffe://TD/gh/OWNER/REPO/WORKFLOW/JOB/STEP\`, each segment cut to \`[A-Za-z0-9._-]\`) and in its AWS session tags
(a character a tag cannot hold becomes \`_\`). So steps \`Deploy prod\` and \`Deployprod\` would get one SPIFFE ID, and
\`a!b\` and \`a_b\` one set of tags: a relying party that authorizes on them could not tell the narrow step from the
broad one. The broker refuses the grant whose names change under such a mapping and meet another grant's (for the
same audience); the grant spelled plainly keeps its identity. The check runs the broker's own decision over the
manifest and reports each refused grant at its line, naming the other.

**Fix:** rename the step (or the job, or the workflow file) to letters, digits, \`.\`, \`_\` and \`-\`, in the workflow
and in \`.github/access-manifest.yml\`.

\`\`\`yaml
        credentials:
          - { step: deploy-prod, audience: https://deploy.example, scope: [deploy] }   # not: step: Deploy prod
          - { step: Deployprod, audience: https://deploy.example, scope: [read] }
\`\`\``,
  },
  check(ctx) {
    const m = ctx.manifest;
    const out: Finding[] = [];
    for (const g of credentialGrantPaths(m.manifest)) {
      if (isGithubGrant(g.grant)) continue;
      const twin = identityTwin(m.manifest, g.grant.audience, g.workflow, g.job, g.grant.step);
      if (!twin) continue;
      const here = `${m.file}:${m.lineOf(g.path)}`;
      const there = `${m.file}:${m.lineOf(twin.path)}`;
      out.push(
        finding(this.meta, {
          workflow: g.workflow,
          job: g.job,
          subject: g.grant.step,
          file: m.file,
          line: m.lineOf(g.path),
          message: `the grant for step '${g.grant.step}' of job '${g.job}' in ${g.workflow} (${here}) would carry the same ${twin.as} as step '${twin.step}' of job '${twin.job}' in ${twin.workflow} (${there}) for audience ${g.grant.audience}: the broker refuses every exchange of it (ERR_GRANT_IDENTITY_COLLISION). Fix: rename the step (or job, or workflow file) to letters, digits, '.', '_' and '-'`,
        }),
      );
    }
    return out;
  },
};
