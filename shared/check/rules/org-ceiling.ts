import { SCOPE_NAMES, fromMap, levelRank, type Level, type PermissionMap } from '../../permissions/scopes.js';
import { isGithubGrant } from '../../manifest/schema.js';
import type { Finding } from '../finding.js';
import { finding, type CheckContext, type Rule } from '../rule.js';

const appRank = (l: string | undefined) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);

export const orgCeiling: Rule = {
  meta: {
    id: 'org-ceiling',
    severity: 'error',
    title: 'Manifest grants above the organization ceiling',
    summary:
      'A manifest grant above the organization policy: a GITHUB_TOKEN scope above `max-permissions`, a credential permission above `max-credential-permissions`, a `ttl` above `max-credential-ttl`, or a forbidden trigger.',
    help: `The organization policy caps every repository's manifest; a repository can only narrow it. The broker enforces the
same ceiling at exchange time, so a grant above it would never be issued anyway.

**Fix:** lower the grant in \`.github/access-manifest.yml\`, or ask the organization's platform team to raise the ceiling in
the organization policy.`,
  },
  check(ctx) {
    if (!ctx.org) return [];
    const out: Finding[] = [];
    const m = ctx.manifest;
    const org = ctx.org.value;
    const max = ctx.policy.maxPermissions;
    const permissionFindings = (
      perms: PermissionMap,
      path: (string | number)[],
      who: string,
      wf: string | null,
      job: string | null,
    ) => {
      if (!max) return;
      const set = fromMap(perms);
      for (const s of SCOPE_NAMES) {
        if (levelRank(set[s]) > levelRank(max[s])) {
          out.push(
            finding(this.meta, {
              workflow: wf,
              job,
              subject: s,
              file: m.file,
              line: m.lineOf([...path, s]),
              message: `${who} is granted ${s}: ${set[s]}, above the organization ceiling ${s}: ${max[s] as Level} (${ctx.org!.file})`,
            }),
          );
        }
      }
    };
    permissionFindings(
      m.manifest.defaults.permissions,
      ['defaults', 'permissions'],
      '`defaults`',
      null,
      null,
    );
    for (const [wf, entry] of Object.entries(m.manifest.workflows)) {
      for (const t of entry.triggers ?? []) {
        if (ctx.policy.forbiddenTriggers.includes(t)) {
          out.push(
            finding(this.meta, {
              workflow: wf,
              job: null,
              subject: t,
              file: m.file,
              line: m.lineOf(['workflows', wf, 'triggers', entry.triggers!.indexOf(t)]),
              message: `workflow '${wf}' allows trigger '${t}', which the organization policy forbids`,
            }),
          );
        }
      }
      for (const [job, j] of Object.entries(entry.jobs)) {
        const base = ['workflows', wf, 'jobs', job];
        permissionFindings(j.permissions, [...base, 'permissions'], `job '${job}'`, wf, job);
        j.credentials.forEach((g, i) =>
          credentialFindings(ctx, this, out, g, [...base, 'credentials', i], wf, job, org),
        );
      }
    }
    return out;
  },
};

function credentialFindings(
  ctx: CheckContext,
  rule: Rule,
  out: Finding[],
  g: Parameters<typeof isGithubGrant>[0],
  path: (string | number)[],
  wf: string,
  job: string,
  org: NonNullable<CheckContext['org']>['value'],
) {
  const m = ctx.manifest;
  const maxTtl = ctx.policy.maxCredentialTtl;
  if (maxTtl !== undefined && g.ttl > maxTtl) {
    out.push(
      finding(rule.meta, {
        workflow: wf,
        job,
        subject: 'ttl',
        file: m.file,
        line: m.lineOf([...path, 'ttl']),
        message: `credential for step '${g.step}' has ttl ${g.ttl}s, above the organization's max-credential-ttl ${maxTtl}s`,
      }),
    );
  }
  const cap = org['max-credential-permissions'] as Record<string, string> | undefined;
  if (cap && isGithubGrant(g)) {
    for (const [perm, level] of Object.entries(g.permissions as Record<string, string>)) {
      if (appRank(level) > appRank(cap[perm])) {
        out.push(
          finding(rule.meta, {
            workflow: wf,
            job,
            subject: perm,
            file: m.file,
            line: m.lineOf([...path, 'permissions', perm]),
            message: `credential for step '${g.step}' asks ${perm}: ${level}, above the organization ceiling ${perm}: ${cap[perm] ?? 'none'}`,
          }),
        );
      }
    }
  }
}
