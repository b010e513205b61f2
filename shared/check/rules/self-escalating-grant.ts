import { isGithubGrant, type GithubGrant } from '../../manifest/schema.js';
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
      'Once per repository: every job or credential grant with `contents: write` or `workflows: write` on its own repository, which can rewrite the manifest or the workflows that decide its access, every credential with `administration` or `repository-custom-properties` write on it, and every credential with an organization permission that changes who may do what (`organization-administration`, `members`, `organization-custom-roles`, `organization-custom-org-roles`, `organization-custom-properties`, `organization-personal-access-token-requests`), which can remove or get around the protection that guards them.',
    help: `A token that can write \`.github/access-manifest.yml\` or \`.github/workflows/\` on the default branch can widen its own
access: the privilege-escalation pattern reported against octo-sts (octo-sts/app#887), where a trust policy in the
repository was writable by the identity it trusted. A credential with \`administration: write\` on the repository can
delete or relax the branch protection and rulesets below, and so reaches the same end in two steps; so can one with
\`repository-custom-properties: write\` (an organization ruleset picks repositories by their properties), and, whatever
its \`repositories:\`, one with an organization permission that changes who may do what: \`organization-administration\`
(organization rulesets, the members' base permission), \`members\` (who is in the team that holds a role here or owns
\`.github/\` as code owner), \`organization-custom-roles\` and \`organization-custom-org-roles\` (what a role lets its
holders do, bypass included), \`organization-custom-properties\`, \`organization-personal-access-token-requests\`
(approving a personal access token's access).

**What protects against it:** branch protection or a ruleset on the default branch (required pull request reviews, no
direct pushes, no bypass for apps) and CODEOWNERS on \`.github/\` with required code-owner review. With those in place this
warning is informational; without them, narrow the grant (e.g. \`contents: read\`, or a separate repository for releases).`,
  },
  check(ctx) {
    const m = ctx.manifest;
    const own = ownRepositoryNames(m.manifest.repository?.name);
    // Every grant that can write its own repository; reported once, since the remedy (protection of
    // the default branch and of .github/) is one setting of the repository, not one per job.
    // Paths, not lines: a line costs a walk of the manifest, and only the first ten are shown. A hit
    // holds what names it; its words and path are made for those shown only (an `init`-written
    // manifest of a large repository grants `contents: write` to thousands of jobs).
    const hits: Hit[] = [];
    if (m.manifest.defaults.permissions.contents === 'write') hits.push({ workflow: null, job: null });
    const wfKeys = Object.keys(m.manifest.workflows);
    for (let wfI = 0; wfI < wfKeys.length; wfI++) {
      const wf = wfKeys[wfI]!;
      const entry = m.manifest.workflows[wf]!;
      const jobKeys = Object.keys(entry.jobs);
      for (let jobI = 0; jobI < jobKeys.length; jobI++) {
        const job = jobKeys[jobI]!;
        const j = entry.jobs[job]!;
        if (j.permissions.contents === 'write') hits.push({ workflow: wf, job });
        const credentials = j.credentials;
        for (let i = 0; i < credentials.length; i++) {
          const g = credentials[i]!;
          if (!isGithubGrant(g)) continue;
          const onOwn = g.repositories.some((r) => own.has(r.toLowerCase()));
          const perms = [...(onOwn ? SELF_ESCALATING : []), ...OWNER_WIDE].filter((p) =>
            WRITING.has(g.permissions[p] ?? 'none'),
          );
          if (perms.length) hits.push({ workflow: wf, job, grant: { g, i, perms } });
        }
      }
    }
    if (hits.length === 0) return [];
    const shown = hits.slice(0, LISTED).map((h) => `${what(h)} at line ${m.lineOf(path(h))}`);
    const more = hits.length > LISTED ? ` and ${hits.length - LISTED} more` : '';
    // A single grant names its job (the enforce gate shows it to that job); several are repository-wide.
    const one = hits.every((h) => h.workflow === hits[0]!.workflow && h.job === hits[0]!.job);
    const finding_: Finding = finding(this.meta, {
      workflow: one ? hits[0]!.workflow : null,
      job: one ? hits[0]!.job : null,
      subject: 'repository',
      file: m.file,
      line: m.lineOf(path(hits[0]!)),
      message: `${hits.length} grant${hits.length === 1 ? '' : 's'} can rewrite the access manifest or the workflows on ${hits.length === 1 ? 'its' : 'their'} own repository: ${shown.join('; ')}${more}; ${PROTECTION}`,
    });
    return [finding_];
  },
};

/**
 * One grant that can write its own repository: `defaults` (no workflow), a job's `contents: write`
 * (no grant), or the `i`th credential grant of a job and its writing permissions.
 */
interface Hit {
  readonly workflow: string | null;
  readonly job: string | null;
  readonly grant?: { readonly g: GithubGrant; readonly i: number; readonly perms: readonly string[] };
}

/** How the finding names a hit. */
function what(h: Hit): string {
  if (h.workflow === null) return '`defaults` (contents: write, every job not listed)';
  if (!h.grant) return `${h.workflow} job '${h.job}' (contents: write)`;
  const { g, perms } = h.grant;
  const levels = perms.map((p) => `${p}: ${g.permissions[p as keyof GithubGrant['permissions']]}`);
  return `${h.workflow} job '${h.job}' credential for step '${g.step}' (${levels.join(', ')})`;
}

/** The manifest key path of a hit, for its line. */
function path(h: Hit): (string | number)[] {
  if (h.workflow === null) return ['defaults', 'permissions', 'contents'];
  if (!h.grant) return ['workflows', h.workflow, 'jobs', h.job!, 'permissions', 'contents'];
  return [
    'workflows',
    h.workflow,
    'jobs',
    h.job!,
    'credentials',
    h.grant.i,
    'permissions',
    h.grant.perms[0]!,
  ];
}

/**
 * Credential permissions that, written on the own repository, reach its access decision: `contents` and
 * `workflows` rewrite the manifest and workflows; `administration` edits branch protection and rulesets,
 * the one safeguard this rule's warning relies on (found by the broker review, session 24). A job's
 * GITHUB_TOKEN has no `administration` scope, so the job check stays `contents` alone.
 */
const SELF_ESCALATING = ['contents', 'workflows', 'administration', 'repository-custom-properties'] as const;

/**
 * Organization permissions that change who may do what in the owner's repositories, this one
 * included, whatever the grant's `repositories:` lists (an installation token's organization
 * permissions act on its owner): `organization-administration` (organization settings such as the
 * members' base repository permission, and organization rulesets), `members` (team membership, and
 * so who holds a team's role on this repository or is its code owner), `organization-custom-roles`
 * and `organization-custom-org-roles` (what a role lets its holders do, bypasses included),
 * `organization-custom-properties` (the properties organization rulesets pick repositories by, as
 * `repository-custom-properties` above for this repository) and
 * `organization-personal-access-token-requests` (approving a token's access). Session 24 left them
 * out because the organization policy lists the repositories that may hold them; that list says who
 * may hold one, not that holding one cannot undo the protection this warning relies on (session 25).
 */
const OWNER_WIDE = [
  'organization-administration',
  'members',
  'organization-custom-roles',
  'organization-custom-org-roles',
  'organization-custom-properties',
  'organization-personal-access-token-requests',
] as const;

/** Levels that change settings (`organization-custom-properties` has `admin` above `write`). */
const WRITING: ReadonlySet<string> = new Set(['write', 'admin']);

/** How many grants the one finding names before it counts the rest. */
const LISTED = 10;

/** `self`, and the manifest's own repository by `owner/name` or bare `name` (case-insensitive, as GitHub). */
function ownRepositoryNames(fullName: string | undefined): Set<string> {
  const names = new Set(['self']);
  if (fullName) {
    names.add(fullName.toLowerCase());
    names.add(fullName.split('/')[1]!.toLowerCase());
  }
  return names;
}
