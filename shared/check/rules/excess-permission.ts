import { SCOPE_NAMES, fromMap, levelRank, type Scope } from '../../permissions/scopes.js';
import type { Finding } from '../finding.js';
import { finding, manifestJob, viaText, type Rule } from '../rule.js';

export const excessPermission: Rule = {
  meta: {
    id: 'excess-permission',
    severity: 'error',
    title: 'Job holds a GITHUB_TOKEN scope above its manifest grant',
    summary:
      "Scopes of the job's effective GITHUB_TOKEN above what the manifest (or `defaults`) grants the job: one finding per job, listing them.",
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
    const out: Finding[] = [];
    const jobs = ctx.jobs;
    for (let j = 0, nj = jobs.length; j < nj; j++) {
      const access = jobs[j]!;
      const entry = manifestJob(ctx, access.workflow, access.job);
      const grantedMap = entry ? entry.permissions : ctx.manifest.manifest.defaults.permissions;
      // The scopes above the grant, before any text is built (most jobs have none: no list for them).
      let over: Scope[] | undefined;
      for (let i = 0; i < SCOPE_NAMES.length; i++) {
        const s = SCOPE_NAMES[i]!;
        const held = access.permissions[s];
        const grant = grantedMap[s] ?? 'none';
        // Equal levels first: most scopes of most jobs hold what they are granted (two calls saved).
        if (held !== grant && levelRank(held) > levelRank(grant)) (over ??= []).push(s);
      }
      if (over === undefined) continue;
      const granted = fromMap(grantedMap);
      const grantText = entry
        ? `the manifest grants job '${access.job}'`
        : 'the manifest `defaults` grant (the job is not listed)';
      const why =
        access.permissionsSource === 'repository-default'
          ? ` because no permissions block is written and the repository default (${ctx.policy.repositoryDefault}) applies`
          : access.permissionsSource === 'caller'
            ? ' inherited from its caller'
            : '';
      // One finding per job, every scope in it: a job without a block would otherwise give one per scope.
      const held = over.map((s) => `${s}: ${access.permissions[s]}`).join(', ');
      const some = over.filter((s) => granted[s] !== 'none');
      const grants = some.length
        ? `${some.map((s) => `${s}: ${granted[s]}`).join(', ')}${some.length < over.length ? ' and none of the rest' : ''}`
        : over.length === 1
          ? `${over[0]}: none`
          : 'none of them';
      out.push(
        finding(this.meta, {
          workflow: access.workflow,
          job: access.job,
          subject: over.join(', '),
          file: access.path,
          line: access.permissionsLine,
          message: `job '${access.job}'${viaText(access)} holds ${held}${why}, but ${grantText} ${grants}`,
        }),
      );
    }
    return out;
  },
};
