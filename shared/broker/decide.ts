/**
 * The grant decision, pure: verified claims + the request + the default-branch manifest (+ org
 * policy) -> what may be issued, or a refusal that says which claim, condition, rule and manifest
 * line. In order: the repository binding, which workflow file's grants apply (callers, trusted
 * reusable workflows), the trigger, the job and grant, the grant conditions (shared/conditions), the
 * requested scope, and the reach beyond the repository. State (jti once, claim counts, rate limits) is
 * the service's, not this function's.
 */
import { APP_PERMISSIONS } from '../permissions/app-permissions.js';
import { eventNameProblem, type GithubOidcClaims } from '../oidc/claims.js';
import type { LoadedManifest, Loaded } from '../manifest/load.js';
import {
  isBound,
  isGithubGrant,
  SCOPE_TOKEN,
  type CredentialGrant,
  type OrgPolicy,
} from '../manifest/schema.js';
import { triggerAllowed } from '../manifest/effective-policy.js';
import { claimString } from '../conditions/claims.js';
import { evaluateConditions } from '../conditions/evaluate.js';
import { asciiLower } from '../conditions/glob.js';
import { findOrgGrant, narrowGrant } from '../conditions/narrow.js';
import { reachProblems, type ReachProblem } from '../conditions/reach.js';
import { resolveWorkflow, type CallerJob, type Resolution } from '../conditions/callers.js';
import { shown, type ConditionVerdict } from '../conditions/verdict.js';
import { BrokerRefusal } from './errors.js';
import { scopeItems } from './request.js';
import { awsTagValue, spiffeSegment } from './providers/jwt-profiles.js';

export interface ExchangeRequest {
  readonly audience: string;
  /** Space-separated; for github `contents:write` pairs. Empty: the whole grant. */
  readonly scope: string;
  readonly job: string;
  readonly step: string;
}

/** What every granted decision also says, for the audit line and `explain`/`dry_run`. */
interface DecisionCommon {
  readonly ttl: number;
  readonly uses: number;
  readonly scope: string;
  readonly workflow: string;
  readonly manifestLine: number;
  /** `workflow_ref` and `job_workflow_ref` when a reusable workflow runs (both audited). */
  readonly workflowRefs?: {
    readonly caller: string;
    readonly callee: string;
    readonly kind: 'reusable' | 'trusted';
    /** The verified calling job, when the broker knows it. */
    readonly callerJob?: string;
    /** What let the caller in: `file:line` of the `callers:` entry or of the caller job's `calls:`. */
    readonly allowedBy?: string;
  };
  /** Reach the organization policy has in `mode: audit`: granted, and reported. */
  readonly policyAudit?: readonly ReachProblem[];
}

export type Decision =
  | (DecisionCommon & {
      readonly kind: 'github';
      readonly permissions: Record<string, string>;
      /** Repository names (same owner) the token covers; `self` resolved. */
      readonly repositories: string[];
    })
  | (DecisionCommon & {
      readonly kind: 'jwt';
      readonly audience: string;
    });

/** Inputs from the manifest source and the job-identity check that the claims cannot give. */
export interface DecideContext {
  /** The branch the manifest was read from (GitHub: the repository's default branch). */
  readonly defaultBranch?: string;
  /**
   * The caller job of a reusable workflow: its id when verified (check_run_id, Jobs API, caller file at
   * workflow_sha), or why it is not (then `callers: [FILE/JOB]` and `calls:` refuse, saying so).
   */
  readonly callerJob?: CallerJob | string;
}

const appRank = (l: string | undefined) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);

/**
 * The workflow file whose grants a token claims (the manifest key its credentials are recorded,
 * revoked and audited under): `job_workflow_ref`'s file for the repository's own workflows (for a
 * reusable one, the callee), `workflow_ref`'s (the caller) when the running job belongs to another
 * repository, whose grants come from the caller's entry (`trusted-workflows`).
 */
export function workflowOf(claims: GithubOidcClaims): { repository: string; file: string } {
  const parse = (ref: string) => /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+\.ya?ml)@/.exec(ref);
  const ref =
    (claims.job_workflow_ref as string | undefined) || (claims.workflow_ref as string | undefined) || '';
  const m = parse(ref);
  if (!m)
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_CLAIM_WORKFLOW_REF',
      `job_workflow_ref/workflow_ref '${ref}' does not name a workflow file`,
    );
  const caller = parse(String(claims.workflow_ref ?? ''));
  if (caller && asciiLower(m[1]!) !== asciiLower(String(claims.repository)))
    return { repository: caller[1]!, file: caller[2]! };
  return { repository: m[1]!, file: m[2]! };
}

function parseGithubScope(scope: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of scopeItems(scope)) {
    const m = /^([a-z0-9_-]+):(read|write|admin)$/.exec(part);
    if (!m)
      throw new BrokerRefusal(
        'invalid_scope',
        'ERR_SCOPE_SYNTAX',
        `scope '${shown(part)}' is not PERMISSION:LEVEL (e.g. contents:write)`,
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

export function decide(
  input: {
    claims: GithubOidcClaims;
    request: ExchangeRequest;
    manifest: LoadedManifest;
    org?: Loaded<OrgPolicy>;
    /**
     * Further organization policies in force (the broker's local file and the owner's
     * OWNER/.github policy): each applies on its own, so the stricter wins on every point and a
     * consent (reach beyond the repository) must be given by each.
     */
    orgs?: readonly Loaded<OrgPolicy>[];
  } & DecideContext,
  /** Receives every condition verdict, also when the decision is a refusal (`explain`, `dry_run`). */
  trace?: ConditionVerdict[],
): Decision {
  const { claims, request, manifest } = input;
  const m = manifest.manifest;
  const file = manifest.file;
  const at = (path: readonly (string | number)[]) => `${file}:${manifest.lineOf(path)}`;
  if (!isBound(m)) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_MANIFEST_UNBOUND',
      `${file} has no repository.id and repository.owner-id; add them (GITHUB_REPOSITORY_ID, GITHUB_REPOSITORY_OWNER_ID) so grants bind to the repository, not its name`,
    );
  }
  const bound = m.repository;
  if (String(bound.id) !== claims.repository_id) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_REPOSITORY_ID_MISMATCH',
      `claim repository_id ${shown(String(claims.repository_id))} is not ${file}'s repository.id ${bound.id} (a renamed or re-created repository does not inherit grants)`,
    );
  }
  if (String(bound['owner-id']) !== claims.repository_owner_id) {
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_OWNER_ID_MISMATCH',
      `claim repository_owner_id ${shown(String(claims.repository_owner_id))} is not ${file}'s repository.owner-id ${bound['owner-id']}`,
    );
  }
  const resolved: Resolution = resolveWorkflow(claims, m, input.callerJob, {
    job: request.job,
    step: request.step,
  });
  if (!resolved.ok)
    throw new BrokerRefusal(
      'invalid_grant',
      resolved.code,
      `${resolved.message}${resolved.path ? ` (${at(resolved.path)})` : ''}`,
    );
  const wfFile = resolved.file;
  const has = <T>(o: Record<string, T>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);
  const entry = has(m.workflows, wfFile);
  if (!entry)
    throw new BrokerRefusal('invalid_target', 'ERR_NO_GRANT', `${file} lists no workflow '${wfFile}'`);
  const event = claimString(claims, 'event_name');
  if (!event)
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_CLAIM_MISSING',
      "the token has no 'event_name' claim, which the trigger check needs",
    );
  // The verifier refuses it first; decide is pure and also judges claims that did not pass it (explain).
  const eventProblem = eventNameProblem(event);
  if (eventProblem) throw new BrokerRefusal('invalid_grant', 'ERR_OIDC_CLAIM_INVALID', eventProblem);
  // The run's event is the caller's: a reusable workflow is judged by its caller's triggers.
  const triggerEntry = resolved.kind === 'reusable' ? has(m.workflows, resolved.caller.file) : entry;
  const triggerFile = resolved.kind === 'reusable' ? resolved.caller.file : wfFile;
  // A refused trigger is thrown once the grant's conditions are in the trace (explain and dry_run
  // list every condition), and before any other refusal: the outcome is the same as throwing now.
  let eventRefusal: BrokerRefusal | undefined;
  if (!triggerAllowed(triggerEntry, event))
    eventRefusal = new BrokerRefusal(
      'invalid_grant',
      'ERR_TRIGGER_NOT_ALLOWED',
      `event '${event}' is not allowed for ${triggerFile} (${at(['workflows', triggerFile, 'triggers'])})`,
    );
  const policies = [...(input.org ? [input.org] : []), ...(input.orgs ?? [])];
  for (const o of policies)
    if (!eventRefusal && o.value['forbidden-triggers'].includes(event))
      eventRefusal = new BrokerRefusal(
        'invalid_grant',
        'ERR_ORG_CEILING',
        `event '${event}' is forbidden by the organization policy (${o.file}:${o.lineOf(['forbidden-triggers'])})`,
      );
  const job = has(entry.jobs, request.job);
  if (eventRefusal && !job) throw eventRefusal;
  if (!job)
    throw new BrokerRefusal(
      'invalid_target',
      'ERR_NO_GRANT',
      `${file} lists no job '${request.job}' in ${wfFile}`,
    );
  const wantsGithub = request.audience === 'github';
  const index = job.credentials.findIndex(
    (g: CredentialGrant) =>
      g.step === request.step && (wantsGithub ? isGithubGrant(g) : g.audience === request.audience),
  );
  if (eventRefusal && index < 0) throw eventRefusal;
  if (index < 0) {
    throw new BrokerRefusal(
      'invalid_target',
      'ERR_NO_GRANT',
      `${file} grants step '${shown(request.step)}' of job '${request.job}' in ${wfFile} no credential for audience '${shown(request.audience)}'`,
    );
  }
  const jobPath = ['workflows', wfFile, 'jobs', request.job];
  const path = [...jobPath, 'credentials', index];
  const line = manifest.lineOf(path);
  const defaultBranch = input.defaultBranch ?? m.repository?.['default-branch'] ?? 'main';
  const conditions = evaluateConditions(
    {
      claims,
      file,
      lineOf: manifest.lineOf,
      defaultBranch,
      job: { environments: job.environments, path: jobPath, ...(job.when ? { when: job.when } : {}) },
      grant: { path, ...(job.credentials[index]!.when ? { when: job.credentials[index]!.when } : {}) },
    },
    !trace,
  );
  trace?.push(...conditions.verdicts);
  if (eventRefusal) throw eventRefusal;
  if (conditions.refusal)
    throw new BrokerRefusal('invalid_grant', conditions.refusal.code!, conditions.refusal.message);

  let grant = job.credentials[index]!;
  for (const o of policies) {
    const org = o.value;
    if (org['repository-manifests'] !== 'narrow-only') continue;
    const orgGrant = findOrgGrant(org, claims.repository, wfFile, request.job, request.step, grant.audience);
    if (!orgGrant)
      throw new BrokerRefusal(
        'invalid_target',
        'ERR_NO_ORG_GRANT',
        `the organization policy (${o.file}) is narrow-only and grants no credential for ${shown(claims.repository)} ${wfFile} job '${request.job}' step '${shown(request.step)}' (audience ${shown(request.audience)}); the repository manifest (${file}:${line}) can only narrow an organization grant`,
      );
    const orgConditions = evaluateConditions(
      {
        claims,
        file: o.file,
        lineOf: o.lineOf,
        defaultBranch,
        grant: { path: orgGrant.path, ...(orgGrant.grant.when ? { when: orgGrant.grant.when } : {}) },
      },
      !trace,
    );
    trace?.push(...orgConditions.verdicts);
    if (orgConditions.refusal)
      throw new BrokerRefusal('invalid_grant', orgConditions.refusal.code!, orgConditions.refusal.message);
    grant = narrowGrant(grant, orgGrant.grant);
  }
  const verifiedCaller =
    typeof input.callerJob === 'string'
      ? input.callerJob
      : input.callerJob && 'job' in input.callerJob
        ? input.callerJob.job
        : undefined;
  const ttl = Math.min(grant.ttl, ...policies.map((o) => o.value['max-credential-ttl'] ?? Infinity));
  const common = {
    ttl,
    uses: grant.uses,
    workflow: wfFile,
    manifestLine: line,
    ...(resolved.kind !== 'direct'
      ? {
          workflowRefs: {
            caller: resolved.caller.raw,
            callee: resolved.callee.raw,
            kind: resolved.kind,
            ...(verifiedCaller ? { callerJob: verifiedCaller } : {}),
            ...(resolved.declaredBy
              ? { allowedBy: at(resolved.declaredBy) }
              : resolved.callerIndex !== undefined
                ? { allowedBy: at(['workflows', resolved.file, 'callers', resolved.callerIndex]) }
                : {}),
          },
        }
      : {}),
  };

  if (isGithubGrant(grant)) {
    const granted = grant.permissions as Record<string, string>;
    const requested = scopeItems(request.scope).length ? parseGithubScope(request.scope) : granted;
    for (const [p, level] of Object.entries(requested)) {
      if (appRank(level) > appRank(granted[p])) {
        throw new BrokerRefusal(
          'invalid_scope',
          'ERR_SCOPE_NOT_GRANTED',
          `${p}:${level} is above the grant for step '${request.step}' (${p}: ${granted[p] ?? 'none'}, ${file}:${line})`,
        );
      }
    }
    if (Object.keys(requested).length === 0 || grant.repositories.length === 0)
      throw new BrokerRefusal(
        'invalid_scope',
        'ERR_SCOPE_NOT_GRANTED',
        `the grant for step '${request.step}' covers nothing after narrowing (${file}:${line})`,
      );
    for (const o of policies) {
      const cap = o.value['max-credential-permissions'] as Record<string, string> | undefined;
      if (!cap) continue;
      for (const [p, level] of Object.entries(requested)) {
        if (appRank(level) > appRank(cap[p]))
          throw new BrokerRefusal(
            'invalid_scope',
            'ERR_ORG_CEILING',
            `${p}:${level} is above the organization ceiling (${p}: ${cap[p] ?? 'none'}, ${o.file}:${o.lineOf(['max-credential-permissions'])})`,
          );
      }
    }
    const repoName = claims.repository.split('/')[1]!;
    // The repository's own name in another ASCII case is `self` (one name, as the token spells it).
    const repositories = [
      ...new Set(
        grant.repositories.map((r) =>
          r === 'self' || asciiLower(r) === asciiLower(repoName) ? repoName : r,
        ),
      ),
    ];
    // Every policy must consent; without any policy, nothing beyond the repository is allowed.
    const problems = (policies.length ? policies : [undefined]).flatMap((o) =>
      reachProblems({
        repository: claims.repository,
        repositoryId: claims.repository_id,
        repositories,
        permissions: requested,
        org: o?.value,
        ...(o ? { orgFile: o.file } : {}),
      }),
    );
    const refused = problems.find((p) => p.mode === 'enforce');
    if (refused)
      throw new BrokerRefusal('invalid_target', refused.code, `${refused.message} (${file}:${line})`);
    return {
      kind: 'github',
      permissions: requested,
      repositories,
      scope: Object.entries(requested)
        .map(([p, l]) => `${p}:${l}`)
        .join(' '),
      ...common,
      ...(problems.length ? { policyAudit: problems } : {}),
    };
  }
  const allowed = grant.scope;
  // The manifest schema refuses these, but a manifest or organization grant may reach here without
  // it (a cache, a hand-built config): a value with a space would be issued as several scopes.
  const bad = allowed.find((v) => typeof v !== 'string' || !SCOPE_TOKEN.test(v));
  if (bad !== undefined)
    throw new BrokerRefusal(
      'invalid_scope',
      'ERR_SCOPE_TOKEN',
      `the grant for step '${request.step}' (${file}:${line}) has the scope value ${JSON.stringify(String(bad)).slice(0, 80)}, which is not one RFC 6749 scope-token (printable ASCII without space, '"' or '\\'): it would be read as other scopes by the resource server; nothing was issued. Fix: split it into one list item per scope`,
    );
  // Each scope once: `a a` is `a` (as a chained exchange reads it).
  const asked = scopeItems(request.scope);
  const requested = asked.length ? asked : allowed;
  const extra = requested.filter((s) => !allowed.includes(s));
  if (extra.length)
    throw new BrokerRefusal(
      'invalid_scope',
      'ERR_SCOPE_NOT_GRANTED',
      `scope ${extra.map(shown).join(' ')} is not granted to step '${request.step}' (${file}:${line} grants: ${allowed.join(' ') || '(none)'})`,
    );
  const twin = identityTwin(m, grant.audience, wfFile, request.job, request.step);
  if (twin)
    throw new BrokerRefusal(
      'invalid_target',
      'ERR_GRANT_IDENTITY_COLLISION',
      `step '${request.step}' of job '${request.job}' in ${wfFile} (${file}:${line}) would carry the same ${twin.as} as step '${twin.step}' of job '${twin.job}' in ${twin.workflow} (${at(twin.path)}) for audience ${grant.audience}: a relying party that authorizes on it could not tell the two steps apart; nothing was issued. Fix: rename the step (or job, or workflow file) to letters, digits, '.', '_' and '-'`,
    );
  return {
    kind: 'jwt',
    audience: grant.audience,
    scope: requested.join(' '),
    ...common,
  };
}

export interface Twin {
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly as: string;
  readonly path: (string | number)[];
}

/**
 * Per compiled manifest (the manifest sources keep one object per commit), the grants that collide:
 * computed at the first exchange of a commit in one pass, not a scan of every grant per exchange.
 */
const twinsByManifest = new WeakMap<LoadedManifest['manifest'], Map<string, Twin>>();
const twinKey = (audience: string, workflow: string, job: string, step: string) =>
  JSON.stringify([audience, workflow, job, step]);

/**
 * Another service grant of the manifest, for the same audience, whose step would carry the same
 * identity in the broker's JWT: the SPIFFE ID's path (`spiffeSegment` drops what a SPIFFE path
 * segment cannot hold, so `Deploy prod` and `Deployprod` are one ID) or the AWS session tags
 * (`awsTagValue` turns what a tag cannot hold into `_`). Only a grant whose names change under one of
 * those mappings can collide (the plainly spelled one keeps its identity); its twin is the first
 * other grant, in manifest order, that meets it under a mapping its names change under.
 */
export function identityTwin(
  m: LoadedManifest['manifest'],
  audience: string,
  workflow: string,
  job: string,
  step: string,
): Twin | undefined {
  let twins = twinsByManifest.get(m);
  if (!twins) {
    twins = identityTwins(m);
    twinsByManifest.set(m, twins);
  }
  // Almost every manifest has no colliding grant: its exchanges build no key (a JSON text of four
  // names, per exchange) to look up in an empty map.
  return twins.size ? twins.get(twinKey(audience, workflow, job, step)) : undefined;
}

function identityTwins(m: LoadedManifest['manifest']): Map<string, Twin> {
  type Entry = { names: string[]; audience: string; order: number; path: (string | number)[] };
  const entries: Entry[] = [];
  for (const [w, entry] of Object.entries(m.workflows))
    for (const [j, jobEntry] of Object.entries(entry.jobs))
      for (const [i, g] of jobEntry.credentials.entries())
        if (!isGithubGrant(g))
          entries.push({
            names: [w, j, g.step],
            audience: g.audience,
            order: entries.length,
            path: ['workflows', w, 'jobs', j, 'credentials', i],
          });
  const spiffeKey = (e: Entry) => JSON.stringify([e.audience, e.names.map(spiffeSegment).join('/')]);
  const awsKey = (e: Entry) => JSON.stringify([e.audience, e.names.map(awsTagValue)]);
  const group = (key: (e: Entry) => string) => {
    const g = new Map<string, Entry[]>();
    for (const e of entries) g.set(key(e), [...(g.get(key(e)) ?? []), e]);
    return g;
  };
  const bySpiffe = group(spiffeKey);
  const byAws = group(awsKey);
  const out = new Map<string, Twin>();
  for (const e of entries) {
    const lossySpiffe = e.names.some((n) => spiffeSegment(n) !== n);
    const lossyAws = e.names.some((n) => awsTagValue(n) !== n);
    if (!lossySpiffe && !lossyAws) continue;
    const spiffeMates = lossySpiffe ? bySpiffe.get(spiffeKey(e))! : [];
    const awsMates = lossyAws ? byAws.get(awsKey(e))! : [];
    const other = [...spiffeMates, ...awsMates].filter((o) => o !== e).sort((a, b) => a.order - b.order)[0];
    if (!other) continue;
    const [w, j, st] = other.names as [string, string, string];
    out.set(twinKey(e.audience, ...(e.names as [string, string, string])), {
      workflow: w,
      job: j,
      step: st,
      as: spiffeMates.includes(other) ? 'SPIFFE ID' : 'AWS session tags',
      path: other.path,
    });
  }
  return out;
}
