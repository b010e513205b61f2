import { SCOPE_NAMES, levelRank } from '../../permissions/scopes.js';
import { finding, grantedPermissions, manifestJob, viaText, type Rule } from '../rule.js';

export const excessPermission: Rule = {
  meta: {
    id: 'excess-permission',
    severity: 'error',
    title: 'Job holds a GITHUB_TOKEN scope above its manifest grant',
    summary:
      "A scope of the job's effective GITHUB_TOKEN is above what the manifest (or `defaults`) grants the job.",
    help: `A job's token should hold only what its manifest entry declares. An omitted \`permissions:\` block gives the
repository default, which under the permissive (legacy) setting is write on almost every scope, so one compromised step
can push code, publish packages or approve pull requests.

**Fix:** add a \`permissions:\` block to the job (or lower it) so it asks for no more than the manifest grants; or, when the
job truly needs the access, declare it under \`workflows.<file>.jobs.<job>.permissions\` in \`.github/access-manifest.yml\`.

\`\`\`yaml
jobs:
  build:
    permissions:
      contents: read
\`\`\``,
  },
  check(ctx) {
    return ctx.jobs.flatMap((access) => {
      const granted = grantedPermissions(ctx, access.workflow, access.job);
      const { entry } = manifestJob(ctx, access.workflow, access.job);
      const grantText = entry
        ? `the manifest grants job '${access.job}'`
        : 'the manifest `defaults` grant (the job is not listed)';
      const why =
        access.permissionsSource === 'repository-default'
          ? ` because no permissions block is written and the repository default (${ctx.policy.repositoryDefault}) applies`
          : access.permissionsSource === 'caller'
            ? ' inherited from its caller'
            : '';
      return SCOPE_NAMES.filter((s) => levelRank(access.permissions[s]) > levelRank(granted[s])).map(
        (scope) =>
          finding(this.meta, {
            workflow: access.workflow,
            job: access.job,
            subject: scope,
            file: access.path,
            line: access.permissionsLine,
            message: `job '${access.job}'${viaText(access)} holds ${scope}: ${access.permissions[scope]}${why}, but ${grantText} ${scope}: ${granted[scope]}`,
          }),
      );
    });
  },
};
