/**
 * Reach beyond the repository: credential grants covering other repositories, or App permissions of
 * organization (or user/enterprise) scope, need the organization policy's consent for the repository
 * that holds the manifest. Pure.
 */
import { APP_PERMISSIONS } from '../permissions/app-permissions.js';
import type { OrgPolicy } from '../manifest/schema.js';
import { asciiLower, globMatch } from './glob.js';

/**
 * The App permissions that act on one repository. Everything else GitHub's OpenAPI description lists
 * (members, organization_*, enterprise_*, the user permissions) reaches beyond it. An allow-list, so a
 * permission GitHub adds later counts as beyond the repository until it is classified here.
 */
export const REPOSITORY_PERMISSIONS: ReadonlySet<string> = new Set([
  'actions',
  'administration',
  'artifact-metadata',
  'attestations',
  'checks',
  'code-quality',
  'codespaces',
  'contents',
  'dependabot-secrets',
  'deployments',
  'discussions',
  'environments',
  'issues',
  'merge-queues',
  'metadata',
  'packages',
  'pages',
  'pull-requests',
  'repository-custom-properties',
  'repository-hooks',
  'repository-projects',
  'secret-scanning-alerts',
  'secrets',
  'security-events',
  'single-file',
  'statuses',
  'vulnerability-alerts',
  'workflows',
]);

export function isOrganizationPermission(name: string): boolean {
  return Object.hasOwn(APP_PERMISSIONS, name) && !REPOSITORY_PERMISSIONS.has(name);
}

/**
 * The repository of the owner that holds the organization policy (`stepwarden/org-policy.yml`, read by
 * the broker with `org-policy: { source: github }`; also the owner's community files). A grant that can
 * write it can rewrite the policy and give its repository what the organization never consented to, so
 * a consent reaches it only by naming it: a glob (`*`, "every repository") does not.
 */
export const ORG_POLICY_REPO = '.github';

/** Whether a consent's `to` entry reaches repository `r` (a name of the same owner). */
function reaches(to: string, r: string): boolean {
  if (asciiLower(r) === ORG_POLICY_REPO) return asciiLower(to) === ORG_POLICY_REPO;
  return globMatch(to, r, { nocase: true });
}

const rank = (l: string | undefined) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);

export type Mode = 'enforce' | 'audit';

export interface ReachProblem {
  readonly kind: 'cross-repository' | 'organization-permission';
  /** The other repository name, or `permission:level`. */
  readonly subject: string;
  readonly code: 'ERR_CROSS_REPOSITORY_NOT_ALLOWED' | 'ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED';
  readonly mode: Mode;
  readonly message: string;
}

/**
 * What a grant of `repository` (owner/repo) covering `repositories` (names; `self` already resolved
 * or not) with `permissions` reaches without the organization's consent. Without an org policy
 * nothing beyond the repository is allowed.
 */
export function reachProblems(input: {
  repository: string;
  /** The repository's numeric id (the token's `repository_id`), for rules pinned by `repository-id`. */
  repositoryId?: string | undefined;
  repositories: readonly string[];
  permissions: Readonly<Record<string, string>>;
  org: OrgPolicy | undefined;
  orgFile?: string;
}): ReachProblem[] {
  const [owner = '', name = ''] = input.repository.split('/');
  // A rule names its repository by name (a glob) and, when it says `repository-id`, by id too: a
  // repository re-created or renamed into the name has another id and does not inherit the rule.
  const from = (rule: { from: string; 'repository-id'?: string | undefined }) =>
    globMatch(rule.from, input.repository, { nocase: true }) &&
    (rule['repository-id'] === undefined || rule['repository-id'] === input.repositoryId);
  // A rule that names the repository but another id: said in the refusal, it is the telling case.
  const idMismatch = (
    rules: readonly { from: string; 'repository-id'?: string | undefined }[] | undefined,
  ) => {
    const r = rules?.find(
      (x) =>
        globMatch(x.from, input.repository, { nocase: true }) &&
        x['repository-id'] !== undefined &&
        x['repository-id'] !== input.repositoryId,
    );
    return r
      ? ` (a rule for ${r.from} names repository-id ${r['repository-id']}, but this repository's id is ${input.repositoryId ?? 'unknown'})`
      : '';
  };
  const out: ReachProblem[] = [];
  const cross = input.org?.['allow-cross-repository'];
  const where = input.org
    ? `the organization policy${input.orgFile ? ` (${input.orgFile})` : ''}`
    : 'no organization policy';
  for (const r of input.repositories) {
    // ASCII case only: `String#toLowerCase` folds U+212A (Kelvin sign) into `k`, so `\u212Aube` was
    // taken for the repository `kube` itself and needed no consent.
    if (r === 'self' || asciiLower(r) === asciiLower(name)) continue;
    const ok = cross?.allow.some((rule) => from(rule) && rule.to.some((t) => reaches(t, r)));
    const policyRepo = asciiLower(r) === ORG_POLICY_REPO;
    // The policy repository matched by a glob only, or opened by `mode: audit` (session 24: a rollout
    // setting for consents must not let any repository rewrite the policy, and through it the
    // sections that are enforced): refused whatever the mode, saying why that is not consent.
    const byGlob =
      !ok &&
      policyRepo &&
      cross?.allow.some((rule) => from(rule) && rule.to.some((t) => globMatch(t, r, { nocase: true })));
    const mode = cross?.mode ?? 'enforce';
    if (!ok)
      out.push({
        kind: 'cross-repository',
        subject: r,
        code: 'ERR_CROSS_REPOSITORY_NOT_ALLOWED',
        mode: policyRepo ? 'enforce' : mode,
        message:
          byGlob || (policyRepo && mode === 'audit')
            ? `${input.repository} may not hold credentials covering ${owner}/${r}: ${owner}/${ORG_POLICY_REPO} holds the organization policy: only a rule whose to: names '${ORG_POLICY_REPO}' itself (not a glob such as '*'${mode === 'audit' ? ", and not allow-cross-repository's mode: audit" : ''}) reaches it (${input.orgFile ?? 'the organization policy'})`
            : `${input.repository} may not hold credentials covering ${owner}/${r}: ${where} has no allow-cross-repository rule { from: ${input.repository}, to: [${r}] }${idMismatch(cross?.allow)}`,
      });
  }
  const orgPerms = input.org?.['allow-organization-permissions'];
  for (const [p, level] of Object.entries(input.permissions)) {
    if (!isOrganizationPermission(p)) continue;
    const ok = orgPerms?.allow.some(
      (rule) => from(rule) && rank(level) <= rank((rule.permissions as Record<string, string>)[p]),
    );
    if (!ok)
      out.push({
        kind: 'organization-permission',
        subject: `${p}:${level}`,
        code: 'ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED',
        mode: orgPerms?.mode ?? 'enforce',
        message: `${p}: ${level} reaches beyond ${input.repository} (an organization-level permission): ${where} has no allow-organization-permissions rule for it${idMismatch(orgPerms?.allow)}`,
      });
  }
  return out;
}
