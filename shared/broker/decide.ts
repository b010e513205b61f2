/**
 * The grant decision, pure: verified claims + the request + the default-branch manifest (+ org
 * ceiling) -> what may be issued, or a refusal that says which claim, rule and manifest line.
 * State (jti once, claim counts, rate limits) is the service's, not this function's.
 */
import { APP_PERMISSIONS } from '../permissions/app-permissions.js';
import type { GithubOidcClaims } from '../oidc/claims.js';
import type { LoadedManifest, Loaded } from '../manifest/load.js';
import { isGithubGrant, type CredentialGrant, type OrgPolicy } from '../manifest/schema.js';
import { triggerAllowed } from '../manifest/effective-policy.js';
import { BrokerRefusal } from './errors.js';

export interface ExchangeRequest {
  readonly audience: string;
  /** Space-separated; for github `contents:write` pairs. Empty: the whole grant. */
  readonly scope: string;
  readonly job: string;
  readonly step: string;
}

export type Decision =
  | {
      readonly kind: 'github';
      readonly permissions: Record<string, string>;
      readonly repositories: string[];
      readonly ttl: number;
      readonly uses: number;
      readonly scope: string;
      readonly workflow: string;
      readonly manifestLine: number;
    }
  | {
      readonly kind: 'jwt';
      readonly audience: string;
      readonly scope: string;
      readonly ttl: number;
      readonly uses: number;
      readonly workflow: string;
      readonly manifestLine: number;
    };

const appRank = (l: string | undefined) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);

/**
 * `owner/repo/.github/workflows/deploy.yml@refs/heads/main` -> `deploy.yml` of `owner/repo`.
 * `job_workflow_ref` wins: for a reusable workflow it names the file whose job is running.
 */
export function workflowOf(claims: GithubOidcClaims): { repository: string; file: string } {
  const ref =
    (claims.job_workflow_ref as string | undefined) || (claims.workflow_ref as string | undefined) || '';
  const m = /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+\.ya?ml)@/.exec(ref);
  if (!m)
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_CLAIM_WORKFLOW_REF',
      `job_workflow_ref/workflow_ref '${ref}' does not name a workflow file`,
    );
  return { repository: m[1]!, file: m[2]! };
}

function parseGithubScope(scope: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of scope.split(/\s+/).filter(Boolean)) {
    const m = /^([a-z0-9_-]+):(read|write|admin)$/.exec(part);
    if (!m)
      throw new BrokerRefusal(
        'invalid_scope',
        'ERR_SCOPE_SYNTAX',
        `scope '${part}' is not PERMISSION:LEVEL (e.g. contents:write)`,
      );
    const name = m[1]!.replace(/_/g, '-');
    if (!Object.hasOwn(APP_PERMISSIONS, name))
      throw new BrokerRefusal(
        'invalid_scope',
        'ERR_SCOPE_UNKNOWN',
        `'${m[1]}' is not a GitHub App permission`,
      );
    out[name] = m[2]!;
  }
  return out;
}

export function decide(input: {
  claims: GithubOidcClaims;
  request: ExchangeRequest;
  manifest: LoadedManifest;
  org?: Loaded<OrgPolicy>;
}): Decision {
  const { claims, request, manifest } = input;
  const m = manifest.manifest;
  const file = manifest.file;
  const bound = m.repository;
  if (!bound?.id || !bound['owner-id']) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_MANIFEST_UNBOUND',
      `${file} has no repository.id and repository.owner-id; add them (GITHUB_REPOSITORY_ID, GITHUB_REPOSITORY_OWNER_ID) so grants bind to the repository, not its name`,
    );
  }
  if (String(bound.id) !== claims.repository_id) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_REPOSITORY_ID_MISMATCH',
      `claim repository_id ${claims.repository_id} is not ${file}'s repository.id ${bound.id} (a renamed or re-created repository does not inherit grants)`,
    );
  }
  if (String(bound['owner-id']) !== claims.repository_owner_id) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_OWNER_ID_MISMATCH',
      `claim repository_owner_id ${claims.repository_owner_id} is not ${file}'s repository.owner-id ${bound['owner-id']}`,
    );
  }
  const wf = workflowOf(claims);
  if (wf.repository.toLowerCase() !== claims.repository.toLowerCase()) {
    // A reusable workflow from another repository runs as the caller: its grants must be declared
    // in the caller's manifest under the caller's workflow file, which only workflow_ref names.
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_FOREIGN_WORKFLOW',
      `the running job belongs to ${wf.repository}'s workflow ${wf.file}; credentials are issued only to workflows of ${claims.repository}`,
    );
  }
  // Own keys only: an attacker-chosen name like `constructor` must not reach Object.prototype.
  const entry = Object.hasOwn(m.workflows, wf.file) ? m.workflows[wf.file] : undefined;
  if (!entry)
    throw new BrokerRefusal('invalid_target', 'ERR_NO_GRANT', `${file} lists no workflow '${wf.file}'`);
  const event = claims.event_name ?? '';
  if (event && !triggerAllowed(entry, event)) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_TRIGGER_NOT_ALLOWED',
      `event '${event}' is not allowed for ${wf.file} (${file}:${manifest.lineOf(['workflows', wf.file, 'triggers'])})`,
    );
  }
  if (input.org?.value['forbidden-triggers'].includes(event)) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_ORG_CEILING',
      `event '${event}' is forbidden by the organization policy`,
    );
  }
  const job = Object.hasOwn(entry.jobs, request.job) ? entry.jobs[request.job] : undefined;
  if (!job)
    throw new BrokerRefusal(
      'invalid_target',
      'ERR_NO_GRANT',
      `${file} lists no job '${request.job}' in ${wf.file}`,
    );
  const wantsGithub = request.audience === 'github';
  const index = job.credentials.findIndex(
    (g: CredentialGrant) =>
      g.step === request.step && (wantsGithub ? isGithubGrant(g) : g.audience === request.audience),
  );
  if (index < 0) {
    throw new BrokerRefusal(
      'invalid_target',
      'ERR_NO_GRANT',
      `${file} grants step '${request.step}' of job '${request.job}' in ${wf.file} no credential for audience '${request.audience}'`,
    );
  }
  const grant = job.credentials[index]!;
  const path = ['workflows', wf.file, 'jobs', request.job, 'credentials', index];
  const line = manifest.lineOf(path);
  const orgTtl = input.org?.value['max-credential-ttl'];
  const ttl = Math.min(grant.ttl, orgTtl ?? Infinity);

  if (isGithubGrant(grant)) {
    const granted = grant.permissions as Record<string, string>;
    const requested = request.scope.trim() ? parseGithubScope(request.scope) : granted;
    for (const [p, level] of Object.entries(requested)) {
      if (appRank(level) > appRank(granted[p])) {
        throw new BrokerRefusal(
          'invalid_scope',
          'ERR_SCOPE_NOT_GRANTED',
          `${p}:${level} is above the grant for step '${request.step}' (${p}: ${granted[p] ?? 'none'}, ${file}:${line})`,
        );
      }
    }
    const cap = input.org?.value['max-credential-permissions'] as Record<string, string> | undefined;
    if (cap) {
      for (const [p, level] of Object.entries(requested)) {
        if (appRank(level) > appRank(cap[p]))
          throw new BrokerRefusal(
            'invalid_scope',
            'ERR_ORG_CEILING',
            `${p}:${level} is above the organization ceiling (${p}: ${cap[p] ?? 'none'})`,
          );
      }
    }
    const repoName = claims.repository.split('/')[1]!;
    const repositories = grant.repositories.map((r) => (r === 'self' ? repoName : r));
    return {
      kind: 'github',
      permissions: requested,
      repositories,
      ttl,
      uses: grant.uses,
      scope: Object.entries(requested)
        .map(([p, l]) => `${p}:${l}`)
        .join(' '),
      workflow: wf.file,
      manifestLine: line,
    };
  }
  const allowed = grant.scope;
  const requested = request.scope.trim() ? request.scope.split(/\s+/).filter(Boolean) : allowed;
  const extra = requested.filter((s) => !allowed.includes(s));
  if (extra.length)
    throw new BrokerRefusal(
      'invalid_scope',
      'ERR_SCOPE_NOT_GRANTED',
      `scope ${extra.join(' ')} is not granted to step '${request.step}' (${file}:${line} grants: ${allowed.join(' ') || '(none)'})`,
    );
  return {
    kind: 'jwt',
    audience: grant.audience,
    scope: requested.join(' '),
    ttl,
    uses: grant.uses,
    workflow: wf.file,
    manifestLine: line,
  };
}
