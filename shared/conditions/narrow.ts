/**
 * `repository-manifests: narrow-only`: the organization policy's `grants:` are the only source of
 * credentials; a repository manifest grant is honoured only inside a matching organization grant, and
 * what is issued is the narrower of the two. Pure.
 */
import type { CredentialGrant, OrgGrant, OrgPolicy } from '../manifest/schema.js';
import { isGithubGrant } from '../manifest/schema.js';
import { globMatch } from './glob.js';

export interface OrgGrantMatch {
  readonly grant: CredentialGrant;
  /** Index of the org grant in `grants`, and of the credential in it (for line look-ups). */
  readonly path: readonly (string | number)[];
}

/** The organization grant for this repository, workflow file, job, step and audience, if any. */
export function findOrgGrant(
  org: OrgPolicy,
  repository: string,
  workflow: string,
  job: string,
  step: string,
  audience: string,
): OrgGrantMatch | undefined {
  for (const [i, g] of org.grants.entries() as IterableIterator<[number, OrgGrant]>) {
    if (!globMatch(g.repository, repository, { nocase: true }) || g.workflow !== workflow || g.job !== job)
      continue;
    const j = g.credentials.findIndex((c) => c.step === step && c.audience === audience);
    if (j >= 0) return { grant: g.credentials[j]!, path: ['grants', i, 'credentials', j] };
  }
  return undefined;
}

const rank = (l: string | undefined) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);

/**
 * The narrower of a repository grant and the organization grant: permissions (lowest level, only
 * those both name), repositories and scopes (both list), ttl and uses (smaller). Conditions of both
 * apply; the caller evaluates each grant's `when`.
 */
export function narrowGrant(repo: CredentialGrant, org: CredentialGrant): CredentialGrant {
  const ttl = Math.min(repo.ttl, org.ttl);
  const uses = Math.min(repo.uses, org.uses);
  if (isGithubGrant(repo) && isGithubGrant(org)) {
    const a = repo.permissions as Record<string, string>;
    const b = org.permissions as Record<string, string>;
    const permissions: Record<string, string> = {};
    for (const [p, l] of Object.entries(a)) {
      if (!b[p]) continue;
      permissions[p] = rank(l) <= rank(b[p]) ? l : b[p]!;
    }
    const repositories = repo.repositories.filter((r) => org.repositories.includes(r));
    return { ...repo, permissions, repositories, ttl, uses } as CredentialGrant;
  }
  if (!isGithubGrant(repo) && !isGithubGrant(org)) {
    return { ...repo, scope: repo.scope.filter((s) => org.scope.includes(s)), ttl, uses };
  }
  return { ...repo, ttl, uses };
}
