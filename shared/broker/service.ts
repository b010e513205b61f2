/**
 * The broker's operations over its parts: verify -> decide -> state -> provider -> audit. HTTP is
 * server.ts's; this file takes plain parameters so tests and `explain` call it directly.
 */
import { randomUUID } from 'node:crypto';
import { jwtVerify, createLocalJWKSet } from 'jose';
import type { GithubOidcClaims } from '../oidc/claims.js';
import {
  assertClaimShapes,
  GITHUB_ISSUER,
  ISSUER_FAULT_CODES,
  OidcError,
  type OidcVerifier,
} from '../oidc/verify.js';
import type { Loaded } from '../manifest/load.js';
import type { OrgPolicy } from '../manifest/schema.js';
import { contextOf, type AuditSink } from './audit-log.js';
import { sha256Hex } from '../digest/sha256.js';
import { decide, workflowOf, type Decision, type ExchangeRequest } from './decide.js';
import { callerJobNeeded, parseWorkflowRef } from '../conditions/callers.js';
import { shown, type ConditionVerdict } from '../conditions/verdict.js';
import { decisionAuditFields, workflowRefDetails } from './decision-audit.js';
import { DryRunRefusal } from './dry-run.js';
import { BrokerRefusal } from './errors.js';
import { adminName, adminTokensOf, bearerOf, serviceAudienceOf, type AdminToken } from './client-auth.js';
import { JobIdentityChecker, type JobIdentity } from './job-identity.js';
import { staticOrgPolicy, type OrgPolicySource } from './org-policy-source.js';
import { exchangeRequestOf, jobOf, ttlOf } from './request.js';
import type { ManifestSource } from './manifest-source.js';
import type { GithubApp } from './providers/github-app.js';
import { optionsFor, type JwtProfiles } from './providers/jwt-profiles.js';
import { mintServiceJwt, workloadContextOf, type WorkloadOrigin } from './providers/service-jwt.js';
import { githubNameOf } from './github-site.js';
import type { SigningKeys } from './signing-key.js';
import {
  ancestorRevoked,
  chainedExchange,
  dispatchParents,
  dispatchTargetIds,
  creationBound,
  reachingBlocks,
  dispatchTargets,
  lateDescendants,
  dispatchedByApp,
} from './chain.js';
import { auditRepositoryOf, killSwitchTarget } from './block-selector.js';
import { Revoker, freshUntilOf, type Why } from './revocation.js';
import { UnqueuedRevocations } from './unqueued.js';
import { failClosed, type StoreMeter } from './state/fail-closed.js';
import { NUMERIC_ID } from '../oidc/claims.js';
import { compactJws } from '../oidc/compact.js';
import { REASON_CODE, type AuditEvent } from '../audit/event.js';
import {
  blockFold,
  blockKey,
  blockMatches,
  damagedIndexText,
  idBlockBeside,
  repositoryIdOfBlock,
  type Block,
  gatesOf,
  type BlockSelector,
  type CredentialPlace,
  type CredentialRecord,
  type GateRequest,
  type GateResult,
  type Gates,
  type Invalidation,
  type ListedRecords,
  type LiveFilter,
  type ScreenRequest,
  type ScreenResult,
  type Store,
  jobEndKey,
  placeFields,
} from './state/store.js';
import { steadySeconds } from '../clock/steady.js';

export const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

export interface Tenant {
  readonly github?: GithubApp | undefined;
  readonly manifests: ManifestSource;
  /** `owner-ids`: the owners (repository_owner_id) whose tokens are served; undefined: any. */
  readonly ownerIds?: ReadonlySet<string>;
}

export interface BrokerDeps {
  readonly url: string;
  readonly verifier: OidcVerifier;
  readonly store: Store;
  readonly key: SigningKeys;
  /** JWT profiles (SPIFFE JWT-SVIDs, AWS session tags) and the keys that sign JWT-SVIDs. */
  readonly jwt?: JwtProfiles & { readonly svidKeys?: SigningKeys };
  readonly manifests: ManifestSource;
  readonly audit: AuditSink;
  readonly github?: GithubApp;
  /** Per trusted issuer (GHES, ghe.com tenants): its own App and manifest source; absent: the ones above. */
  readonly tenants?: ReadonlyMap<string, Tenant>;
  readonly org?: Loaded<OrgPolicy>;
  readonly rateLimit: { limit: number; windowSeconds: number };
  /** Refusal lines per repository per minute before they are counted instead (audit-budget.ts; default 120). */
  readonly auditRefusalsPerMinute?: number;
  /** Refused replays of a used jti: their own bucket, so they never drain `rateLimit` (default 60/min). */
  readonly replayRateLimit?: { limit: number; windowSeconds: number };
  /** `name:sha256hex` (or bare sha256 hex, named `admin`) of each admin token; empty: admin endpoints off. */
  readonly adminTokenHashes: readonly string[];
  /** Per-owner organization policies (OWNER/.github); absent: `org` for every owner. */
  readonly orgPolicies?: OrgPolicySource;
  /** Job identity (Jobs API); default: verified when the token has check_run_id and `github` is set. */
  readonly jobIdentity?: JobIdentityChecker;
  readonly now?: () => number;
  /** First retry delay of a failed upstream revocation, seconds (default 2; doubled per attempt). */
  readonly revokeBackoffSeconds?: number;
  /**
   * How long an exchange may take from its write-ahead intent to delivering the credential (default
   * 30 s); an instance killed in between has what it left swept (revoked, claim given back) after it.
   */
  readonly inFlightSeconds?: number;
  /** The verifier's leeway: a used `jti` is remembered until `exp` plus this (default 60). */
  readonly clockToleranceSeconds?: number;
  /** The store's metrics, taken in the fail-closed layer (server.ts passes the unmetered store). */
  readonly storeMeter?: StoreMeter;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly issued_token_type: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
  readonly grant_id: string;
}

/** What a refusal's audit line names of the exchange (contextOf, the request, the workflow refs). */
interface RefusalContext {
  readonly context: ReturnType<typeof contextOf>;
  readonly requested: { readonly audience: string; readonly scope?: string };
  readonly details?: Record<string, unknown>;
}

/** A grant past the gate (claim counted, intent queued), with only what minting it needs of the exchange. */
class Admitted {
  constructor(
    readonly subject: {
      readonly iss: string;
      readonly sub: string;
      readonly repository: string;
      readonly repository_id: string;
      readonly checkRunId?: string;
      /** The OIDC token's issue time: an App-started run's creation bound at delivery (chain.ts). */
      readonly iat?: number;
    },
    readonly audience: string,
    readonly decision: Decision,
    /** The granted line's context: the exchange's (contextOf) with its details. */
    readonly context: ReturnType<typeof contextOf> & { details?: Record<string, unknown> },
    readonly claimKey: string,
    readonly grantId: string,
    readonly parentRuns: readonly string[] | undefined,
    /** The gate's: its intent is queued (write-ahead) at this place, swept at deliverBy. */
    readonly gated: { now: number; deliverBy: number; place: CredentialPlace },
    readonly named: RefusalContext,
  ) {}
}

type GrantedContext = Admitted['context'];
type Line = Parameters<AuditSink['write']>[0];

/**
 * The exchange's names for its audit context (contextOf's `extra`): `{ ...(workflow ? { workflow } :
 * {}), job, step }` without the spread. On Node 20 (V8 11.3) an object literal that opens with the
 * spread of a non-empty object and then adds keys of its own takes a slow path (about 3-5 µs a call
 * in a node loop, against under 0.1 µs for a plain literal; callgrind figures in docs/performance.md,
 * session 32); a spread of an empty object, or one that only overwrites keys it copied, does not.
 * Every exchange built one (the workflow is known past the owner check).
 */
export function exchangeNames(
  workflow: string | undefined,
  job: string,
  step: string,
): { workflow?: string; job: string; step: string } {
  return workflow ? { workflow, job, step } : { job, step };
}

/**
 * The exchange's `details` (job identity, the runs an App-started run may come from, the
 * organization policy), by assignment in the order of the literal it replaces: `{ ...(parentRuns ?
 * { parent_runs } : {}), job_identity, ...(verified ? { check_run_id, job_name } : {
 * job_identity_why }), ...(org.from ? { org_policy, ...(org.stale ? { org_policy_stale: true } :
 * {}) } : {}) }`, which opened with a non-empty spread for every App-started run (exchangeNames).
 */
export function exchangeDetails(
  parentRuns: readonly string[] | undefined,
  identity: JobIdentity,
  org: { readonly from?: string; readonly stale?: boolean },
): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (parentRuns) details.parent_runs = parentRuns;
  details.job_identity = identity.status;
  if (identity.status === 'verified') {
    details.check_run_id = identity.check_run_id;
    details.job_name = identity.job_name;
  } else details.job_identity_why = identity.why;
  if (org.from) {
    details.org_policy = org.from;
    if (org.stale) details.org_policy_stale = true;
  }
  return details;
}

/**
 * `{ ...context, details }` by assignment (the same keys in the same order, the SOURCE_JTI symbol
 * too): an object literal spreading the context, and the granted line's spreads below, cost about
 * 36 K instructions per grant against 10 K assigned (callgrind, session 31). Object.assign copies
 * own enumerable keys, symbols included, as a spread does; on a fresh object it differs from a
 * spread only for a key `__proto__`, which no context or details field is.
 */
export function withDetails(
  context: ReturnType<typeof contextOf>,
  details: Record<string, unknown>,
): GrantedContext {
  const out: { -readonly [K in keyof GrantedContext]: GrantedContext[K] } = Object.assign({}, context);
  out.details = details;
  return out;
}

/**
 * The `credential.granted` line, by assignment (see withDetails), in the order of the literal it
 * replaces: `{ type, outcome, ...context, audience, scope, grant_id, ttl, expires_at,
 * ...(context.details ?? covered ? { details: { ...context.details, ...covered } } : {}) }` (a
 * `details` the context holds keeps its place and takes the merged value).
 */
export function grantedEvent(
  context: GrantedContext,
  audience: string,
  scope: string,
  grantId: string,
  ttl: number,
  expiresAt: number,
  covered: Record<string, unknown> | undefined,
): Line {
  const line: { -readonly [K in keyof Line]: Line[K] } = Object.assign(
    { type: 'credential.granted' as const, outcome: 'success' as const },
    context,
  );
  line.audience = audience;
  line.scope = scope;
  line.grant_id = grantId;
  line.ttl = ttl;
  line.expires_at = new Date(expiresAt * 1000).toISOString();
  // Job identity and organization policy (the exchange's) beside what the token covers (the decision's).
  if (context.details ?? covered) line.details = Object.assign({}, context.details, covered);
  return line;
}

export interface DryRunResponse {
  readonly granted: true;
  readonly dry_run: true;
  /** Whether the job was verified against GitHub's Jobs API or only asserted by the request. */
  readonly job_identity: 'verified' | 'asserted';
  readonly scope: string;
  readonly expires_in: number;
  readonly audience: string;
  readonly manifest: string;
  /** Every condition that applied and its verdict. */
  readonly conditions: readonly ConditionVerdict[];
  /** False when the store cannot read claim counts: a grant already claimed would still say granted. */
  readonly claims_checked?: false;
}

/** One credential the broker issued for a job, as /revoke lists it: never the token or its secret. */
export interface ListedCredential {
  readonly grant_id: string;
  readonly job: string;
  readonly step: string;
  readonly audience: string;
  readonly scope: string;
  readonly kind: 'github' | 'jwt';
  readonly check_run_id?: string;
  readonly issued_at: string;
  readonly expires_at: string;
  readonly revoked_at?: string;
  /**
   * Why a credential revoked earlier was revoked (`REVOKED_BY_ADMIN`: the kill switch;
   * `REVOKED_BY_HOLDER`; `TTL_PASSED`; ...), as the store kept it: the audit summary shows a kill-switch
   * revocation as administrator activity, not the job's own.
   */
  readonly revoked_reason?: string;
  /** revoked-now: by this call; revocation-failed: this call's upstream revocation failed. */
  readonly state: 'revoked-now' | 'revoked-earlier' | 'expired' | 'revocation-failed' | 'live';
}

export interface RevokeResponse {
  readonly revoked: number;
  /** How many of the credentials revoked here GitHub has not confirmed yet (retried from the store). */
  readonly revocation_pending?: number;
  /** `subject_token=` only: every credential of the run attempt and job (and leg). */
  readonly credentials?: ListedCredential[];
  /** False when the store cannot list ended credentials: only those revoked by this call are listed. */
  readonly complete?: boolean;
  /** `subject_token=` only: the verified claims the listing is for (GitHub-signed run facts). */
  readonly subject?: Record<string, string>;
}

/** The run facts of a verified token that /revoke echoes (never `jti` or the token itself). */
const SUBJECT_CLAIMS = [
  'event_name',
  'ref',
  'sha',
  'actor',
  'actor_id',
  'workflow_ref',
  'workflow_sha',
  'job_workflow_ref',
  'job_workflow_sha',
] as const;

const pickClaims = (c: GithubOidcClaims, keys: readonly string[]): Record<string, string> =>
  Object.fromEntries(keys.flatMap((k) => (typeof c[k] === 'string' && c[k] ? [[k, c[k] as string]] : [])));

export const sha256 = sha256Hex;

function param(p: URLSearchParams, name: string, required = true): string {
  const v = p.get(name);
  if (required && !v)
    throw new BrokerRefusal('invalid_request', 'ERR_PARAM_MISSING', `parameter '${name}' is required`);
  return v ?? '';
}

/**
 * A claim over `uses` while another exchange of it is in flight (GateResult.inFlightUntil): not
 * counted, so the step's retry after its broker died mid-exchange gets the claim once the sweep takes
 * that exchange at its window's end (+1 s: the sweep's tick). 429, as a rate limit: the client is told
 * to wait; a 5xx would page for a step racing itself.
 */
function inFlightRefusal(step: string, count: number, uses: number, left: number, dryRun: boolean) {
  const wait = Math.max(1, Math.ceil(left) + 1);
  return new BrokerRefusal(
    'temporarily_unavailable',
    'ERR_GRANT_IN_FLIGHT',
    `another exchange of the grant for step '${step}' in this run attempt is still in flight (claim ${count} of a grant usable ${uses} time(s); its broker may have died mid-exchange): ${dryRun ? 'a real exchange would be held' : 'this one was not counted'}; retry after ${wait}s, when the claim is given back if that exchange never delivered`,
    429,
    wait,
  );
}

/**
 * A GitHub token marked revoked that GitHub has not confirmed revoked: its retries are queued
 * (`pending`), or no outcome was recorded at all (the instance that marked it stopped while its call
 * was out: the credential's deadline sweep finishes it, REVOCATION_INTERRUPTED). Until then GitHub
 * may still honour it, so no answer says it is done.
 */
function unconfirmed(r: CredentialRecord | undefined): boolean {
  return (
    r?.revokedAt !== undefined &&
    (r.revocation === 'pending' || (r.revocation === undefined && r.kind === 'github' && !!r.secret))
  );
}

export class BrokerService {
  private readonly now: () => number;
  private admins: AdminToken[];
  private readonly jobs: JobIdentityChecker;
  private readonly orgs: OrgPolicySource;
  private deps: BrokerDeps;
  /** The store's screen and gate steps (one round trip each where the store can), built once. */
  private readonly gates: Required<Gates>;
  private readonly revoker: Revoker;
  /** GitHub tokens of failed exchanges that neither the store nor GitHub took: held until one does. */
  private readonly unqueued: UnqueuedRevocations;
  /** Set by stopMinting(). */
  private mintingStopped = false;

  constructor(deps: BrokerDeps) {
    // Every store call fails closed: an error is a 503 that grants nothing (state/fail-closed.ts).
    this.deps = { ...deps, store: failClosed(deps.store, deps.storeMeter) };
    this.gates = gatesOf(this.deps.store);
    // Never back (shared/clock/steady.ts): expiry, introspection and deadlines do not move with a stepped wall clock.
    this.now = deps.now ?? steadySeconds;
    this.admins = adminTokensOf(deps.adminTokenHashes);
    this.jobs = deps.jobIdentity ?? new JobIdentityChecker(deps.github);
    this.orgs = deps.orgPolicies ?? staticOrgPolicy(deps.org);
    this.revoker = new Revoker({
      store: this.deps.store,
      audit: deps.audit,
      githubFor: (r) => this.tenant(r.issuer).github,
      now: this.now,
      ...(deps.revokeBackoffSeconds !== undefined ? { backoffSeconds: deps.revokeBackoffSeconds } : {}),
    });
    this.unqueued = new UnqueuedRevocations({ store: this.deps.store, audit: deps.audit, now: this.now });
  }

  /**
   * The GitHub App and manifest source of the issuer that signed the token: github.com, a GHES
   * server or a ghe.com tenant each have their own. Unknown issuers never get here (the verifier
   * refuses them); a record without an issuer is github.com's.
   */
  private tenant(issuer: string | undefined): Tenant {
    return (
      (issuer && this.deps.tenants?.get(issuer)) || {
        github: this.deps.github,
        manifests: this.deps.manifests,
      }
    );
  }

  private async verify(
    token: string,
    context: Record<string, string>,
    type: 'credential.refused' | 'credential.dry_run' = 'credential.refused',
  ): Promise<GithubOidcClaims> {
    try {
      return await this.deps.verifier.verify(token);
    } catch (err) {
      const e = err instanceof OidcError ? err : new OidcError('ERR_OIDC_MALFORMED', String(err));
      const signed = e.signedClaims;
      const owners = typeof signed?.iss === 'string' ? this.tenant(signed.iss).ownerIds : undefined;
      this.deps.audit.write({
        type,
        outcome: ISSUER_FAULT_CODES.has(e.code) ? 'error' : 'denied',
        reason: e.code,
        detail: e.message,
        // A token the issuer signed, refused for what it says (expired, another audience): whose it
        // is, so a stolen token's line is attributed (and never budgeted away as anonymous).
        ...signedContext(signed),
        ...context,
        // Unless it is of an owner this broker does not serve: still attributed, but budgeted like an
        // anonymous line (audit-budget.ts), since GitHub signs such a token for any repository.
        ...(owners && signed && !owners.has(String(signed.repository_owner_id))
          ? { details: { owner_served: false } }
          : {}),
      });
      // The issuer unreachable, or its key set ambiguous, is not the token's fault: 503, so the caller
      // retries (the token is not consumed).
      const refusal = ISSUER_FAULT_CODES.has(e.code)
        ? new BrokerRefusal('temporarily_unavailable', e.code, e.message, 503)
        : new BrokerRefusal('invalid_grant', e.code, e.message);
      refusal.audited = true;
      throw refusal;
    }
  }

  /**
   * GitHub's issuer signs for every repository that asks: only the configured owners are served, at
   * every door an OIDC token opens (the exchange, the job end), before their token is marked used,
   * their manifest read or anything written for them.
   */
  private assertOwnerServed(claims: GithubOidcClaims): void {
    const owners = this.tenant(claims.iss).ownerIds;
    if (owners && !owners.has(claims.repository_owner_id))
      throw new BrokerRefusal(
        'invalid_grant',
        'ERR_OWNER_NOT_ALLOWED',
        `the token's repository owner ${shown(claims.repository_owner)} (id ${shown(claims.repository_owner_id)}) is not one of this broker's owner-ids for issuer ${shown(claims.iss)}; nothing was read or granted`,
      );
  }

  /** The screen's refusals: a used jti (a replay), then the repository's empty bucket (audited here). */
  private async screenRefusal(
    limited: ScreenResult,
    claims: GithubOidcClaims,
    dryRun: boolean,
    ctx: () => ReturnType<typeof contextOf>,
    requested: { audience: string; scope?: string },
  ): Promise<void> {
    if (limited.seen) await this.refuseReplay(claims, dryRun);
    if (limited.allowed) return;
    const refusal = new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_RATE_LIMITED',
      `rate limit of ${this.deps.rateLimit.limit} per ${this.deps.rateLimit.windowSeconds}s reached for ${shown(claims.repository)}; retry after ${limited.retryAfter}s`,
      429,
      limited.retryAfter,
    );
    refusal.audited = true;
    this.deps.audit.write({
      type: 'credential.rate_limited',
      outcome: 'denied',
      reason: 'ERR_RATE_LIMITED',
      detail: `more than ${this.deps.rateLimit.limit} exchanges per ${this.deps.rateLimit.windowSeconds}s for this repository`,
      ...ctx(),
      ...requested,
    });
    throw refusal;
  }

  /** A replay of a used jti: refused, counted in its own bucket (never the repository's). */
  private async refuseReplay(claims: GithubOidcClaims, dryRun: boolean): Promise<never> {
    await this.chargeReplay(claims);
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_OIDC_REPLAYED',
      `OIDC token jti ${shown(claims.jti)} was already exchanged (replay${dryRun ? '; a real exchange with it would be refused' : ''})`,
    );
  }

  /** A replayed OIDC token, at either door: one token of the repository's replay bucket, else 429. */
  private async chargeReplay(claims: GithubOidcClaims): Promise<void> {
    const rl = this.deps.replayRateLimit ?? { limit: 60, windowSeconds: 60 };
    const limited = await this.deps.store.rateLimit(
      // Repository ids are per GitHub (github.com, each GHES server): a tenant's replays must not
      // spend another GitHub's repository of the same id.
      `replay:${claims.iss}:${claims.repository_id}`,
      rl.limit,
      rl.windowSeconds,
      this.now(),
    );
    if (!limited.allowed)
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_REPLAY_RATE_LIMITED',
        `more than ${rl.limit} replayed OIDC tokens per ${rl.windowSeconds}s for ${shown(claims.repository)}; retry after ${limited.retryAfter}s`,
        429,
        limited.retryAfter,
      );
  }

  /** RFC 8693 token exchange (and `dry_run=true`: would this be granted?). */
  exchange(p: URLSearchParams): Promise<TokenResponse | DryRunResponse> {
    // A broker JWT as the subject: a chained exchange (its own path and audit).
    if (p.get('grant_type') === GRANT_TYPE && p.get('subject_token_type') === JWT_TOKEN_TYPE)
      return this.chained(p);
    // Two steps, so that nothing of the deciding (the request and its token, the claims, the
    // manifest's views, the decision's inputs) is reachable while a grant waits for its signature
    // and then its audit line on disk (write-ahead): under a burst each wait is longer than two
    // scavenges, and what it holds is promoted to the old generation to die there. Only what minting,
    // the record and a late refusal's audit line need waits (docs/performance.md, "Session 19").
    return this.admit(p).then<TokenResponse | DryRunResponse>((admitted) =>
      admitted instanceof Admitted ? this.granted(admitted) : admitted,
    );
  }

  /** Everything up to the gate (the claim counted, the intent queued), or a dry run's answer. */
  private async admit(p: URLSearchParams): Promise<DryRunResponse | Admitted> {
    const dryRun = p.get('dry_run') === 'true';
    const refusedType = dryRun ? 'credential.dry_run' : 'credential.refused';
    let request: ExchangeRequest;
    let askedTtl: number | undefined;
    try {
      if (param(p, 'grant_type') !== GRANT_TYPE)
        throw new BrokerRefusal('invalid_request', 'ERR_GRANT_TYPE', `grant_type must be ${GRANT_TYPE}`);
      if (param(p, 'subject_token_type') !== ID_TOKEN_TYPE)
        throw new BrokerRefusal(
          'invalid_request',
          'ERR_SUBJECT_TOKEN_TYPE',
          `subject_token_type must be ${ID_TOKEN_TYPE}`,
        );
      // `dry_run=1`, `TRUE`, `yes` read as "not a dry run" would issue a real credential (and use the
      // grant's claim) to a caller that asked only whether it would be granted.
      const dry = p.get('dry_run');
      if (dry !== null && dry !== 'true' && dry !== 'false')
        throw new BrokerRefusal(
          'invalid_request',
          'ERR_PARAM_INVALID',
          `parameter 'dry_run' is "${shown(dry.slice(0, 16))}": give true or false`,
        );
      request = exchangeRequestOf(p);
      // A lifetime asked for is a ceiling under the grant's: ignored, the client would believe it
      // holds a shorter credential than it does.
      askedTtl = ttlOf(p);
      param(p, 'subject_token');
    } catch (err) {
      if (err instanceof BrokerRefusal) {
        // Unauthenticated: what the request named, bounded by the audit sink.
        this.deps.audit.write({
          type: refusedType,
          outcome: 'denied',
          reason: err.code,
          detail: err.description,
          ...(p.get('job') ? { job: p.get('job')! } : {}),
          ...(p.get('step') ? { step: p.get('step')! } : {}),
          ...(p.get('audience') ? { audience: p.get('audience')! } : {}),
        });
        err.audited = true;
      }
      throw err;
    }
    const requested = { audience: request.audience, ...(request.scope ? { scope: request.scope } : {}) };
    const claims = await this.verify(
      param(p, 'subject_token'),
      { job: request.job, step: request.step, ...requested },
      refusedType,
    );
    // The key the store's admit() marks used (so seen() finds it).
    const jtiKey = `${claims.iss}:${claims.jti}`;
    let workflow: string | undefined;
    const conditions: ConditionVerdict[] = [];
    const ctx = () => contextOf(claims, exchangeNames(workflow, request.job, request.step));
    // Past the owner check the exchange is screened exactly once: before GitHub, a refusal, or with the gate.
    let screening = false;
    let screened = false;
    const screenRequest = (): ScreenRequest => ({
      jtiKey,
      // Ids are per GitHub: a GHES repository and a github.com one can share a number.
      rateKey: `rate:${claims.iss}:${claims.repository_id}`,
      limit: this.deps.rateLimit.limit,
      windowSeconds: this.deps.rateLimit.windowSeconds,
      now: this.now(),
    });
    const screen = async (): Promise<void> => {
      if (screened) return;
      screened = true;
      await this.screenRefusal(await this.gates.screen(screenRequest()), claims, dryRun, ctx, requested);
    };
    try {
      workflow = workflowOf(claims).file;
      this.assertOwnerServed(claims);
      // From here on the screen (a used jti refused before the repository's bucket is charged, so
      // replays cannot starve it; then the bucket) comes before anything reaches GitHub, and before
      // any refusal: screen() is called before each read that may reach GitHub and on the way out of
      // a refusal. An exchange that reached nothing sends it with its gate, in one store step.
      screening = true;
      // A dry run is screened first, as always (it has no gate to fold the screen into).
      if (dryRun) await screen();
      const manifests = this.tenant(claims.iss).manifests;
      const { manifest, defaultBranch } = await (manifests.cached?.(claims.repository) ??
        screen().then(() => manifests.get(claims.repository)));
      const org = await (this.orgs.cached?.(claims.repository_owner, claims.iss) ??
        screen().then(() => this.orgs.get(claims.repository_owner, claims.iss)));
      // Several issuers: the job is read with the App of the token's issuer.
      const jobReader = this.deps.tenants ? { reader: this.tenant(claims.iss).github } : undefined;
      // A reusable workflow whose callers are bound to a job: verify the job (and so its caller) first.
      // (The caller file and the job are read from GitHub: screened first.)
      let identity = callerJobNeeded(claims, manifest.manifest)
        ? await screen().then(() => this.jobs.check(claims, request.job, jobReader))
        : undefined;
      const callerJob = identity ? await this.jobs.callerJob(claims, identity, jobReader) : undefined;
      const decided = decide(
        {
          claims,
          request,
          manifest,
          ...(org.policies.length ? { orgs: org.policies } : {}),
          ...(defaultBranch ? { defaultBranch } : {}),
          ...(callerJob ? { callerJob } : {}),
        },
        // The verdicts are kept only where they are shown (a dry run's answer or refusal).
        dryRun ? conditions : undefined,
      );
      const decision =
        askedTtl !== undefined && askedTtl < decided.ttl ? { ...decided, ttl: askedTtl } : decided;
      // Otherwise after the decision (a refused request costs GitHub nothing), before anything is issued.
      // A job identity that needs the Jobs API is read after the screen; one all cached (or none to read) is not.
      if (!identity) {
        const cached = await this.jobs.checkCached(claims, request.job, jobReader);
        if (cached) identity = cached;
        else {
          await screen();
          identity = await this.jobs.check(claims, request.job, jobReader);
        }
      }
      // A run the App started (workflow_dispatch / repository_dispatch): the runs that could have
      // (read from the store, screened first as before).
      if (dispatchedByApp(claims, this.tenant(claims.iss).github?.slug)) await screen();
      const parentRuns = await dispatchParents(
        this.deps.store,
        claims,
        this.tenant(claims.iss).github?.slug,
        this.now(),
      );
      const details = exchangeDetails(parentRuns, identity, org);
      // A reusable workflow of the repository: its caller's kill-switch block covers it too.
      const callerWorkflow =
        decision.workflowRefs?.kind === 'reusable'
          ? parseWorkflowRef(decision.workflowRefs.caller)?.file
          : undefined;
      const claimKey = `claim:${claims.iss}:${claims.repository_id}:${claims.run_id}:${claims.run_attempt}:${decision.workflow}:${request.job}:${request.step}:${request.audience}`;
      if (dryRun) {
        // The same checks as a real exchange's gate (kill switch, single use), read without using
        // the jti or counting a claim.
        this.refuseIfBlocked(
          await this.deps.store.blocks(),
          claims,
          decision.workflow,
          undefined,
          callerWorkflow,
        );
        const endedKey = jobEndKeyOf(claims);
        if (endedKey !== undefined && (await this.deps.store.jobEnded(endedKey)))
          throw jobEndedRefusal({
            job: request.job,
            runId: claims.run_id,
            runAttempt: claims.run_attempt,
            checkRunId: claims.check_run_id,
          });
        const already = await this.deps.store.claimed?.(claimKey);
        // Held, as the real exchange would be, while one of those claims is still in flight.
        const flying =
          already !== undefined && already >= decision.uses
            ? await this.deps.store.inFlight?.(claimKey, '')
            : undefined;
        if (flying !== undefined)
          throw inFlightRefusal(request.step, already! + 1, decision.uses, flying - this.now(), true);
        if (already !== undefined && already >= decision.uses)
          throw new BrokerRefusal(
            'invalid_grant',
            'ERR_GRANT_ALREADY_CLAIMED',
            `the grant for step '${request.step}' was already claimed ${already} time(s) in this run attempt (uses: ${decision.uses}); a real exchange would be refused`,
          );
        const answer: DryRunResponse = {
          granted: true,
          dry_run: true,
          job_identity: identity.status,
          scope: decision.scope,
          expires_in: decision.ttl,
          audience: request.audience,
          manifest: `${manifest.file}:${decision.manifestLine}`,
          conditions,
          ...(already === undefined ? { claims_checked: false } : {}),
        };
        this.deps.audit.write({
          type: 'credential.dry_run',
          outcome: 'success',
          ...ctx(),
          audience: request.audience,
          scope: decision.scope,
          // What the token would cover and, for a reusable workflow, both refs and the caller job.
          details: { ...details, ...decisionAuditFields(decision).details },
        });
        return answer;
      }
      // jti single use: checked after the decision so a dry run or a refused request does not burn it;
      // kept until exp plus the clock tolerance, whatever it is. The kill switch's blocks come back in
      // the same round trip, so every exchange sees them.
      const tolerance = this.deps.verifier.clockToleranceSeconds ?? this.deps.clockToleranceSeconds ?? 60;
      // The claim is held by the grant id, so giving it back is idempotent whoever does it. The gate
      // (one round trip where the store can): jti used, blocks read, claim counted, then the
      // write-ahead intent (grant, claim, deadline) queued before anything is minted.
      const grantId = randomUUID();
      const now = this.now();
      // Past this, an instance that died mid-exchange has its intent (or undelivered record) swept.
      const deliverBy = now + (this.deps.inFlightSeconds ?? 30);
      const place = placeFor(claims, request, decision.workflow, callerWorkflow);
      const ended = jobEndKeyOf(claims);
      const gateRequest: GateRequest = {
        jtiKey,
        ...(ended !== undefined ? { jobEndKey: ended } : {}),
        jtiTtlSeconds: Math.max(60, claims.exp - now + tolerance + 60),
        subject: {
          repository: claims.repository,
          repositoryId: claims.repository_id,
          workflow: decision.workflow,
          runId: claims.run_id,
          ...(parentRuns ? { parentRuns } : {}),
          ...(callerWorkflow ? { callerWorkflow } : {}),
        },
        claimTtlSeconds: CLAIM_TTL_SECONDS,
        uses: decision.uses,
        intent: { grantId, claimKey, deadline: now + decision.ttl, sweepAt: deliverBy, ...place },
      };
      let gate: GateResult;
      if (screened) gate = await this.gates.gate(gateRequest);
      else {
        // Nothing reached GitHub since the token was verified: the screen and the gate in one step.
        screened = true;
        const both = await this.gates.screenGate(screenRequest(), gateRequest);
        await this.screenRefusal(both.screen, claims, dryRun, ctx, requested);
        gate = both.gate!;
      }
      try {
        this.refuseIfBlocked(gate.blocks, claims, decision.workflow, parentRuns, callerWorkflow);
      } catch (err) {
        // Only if the store's block match and blockMatches ever disagreed: nothing may stay held.
        if (gate.intended) await this.giveBack(grantId);
        throw err;
      }
      if (!gate.fresh) await this.refuseReplay(claims, false);
      if (gate.jobEnded) throw jobEndedRefusal({ ...place, checkRunId: claims.check_run_id });
      const count = gate.count ?? Number.POSITIVE_INFINITY;
      if (gate.inFlightUntil !== undefined)
        throw inFlightRefusal(request.step, count, decision.uses, gate.inFlightUntil - now, false);
      if (count > decision.uses) {
        const refusal = new BrokerRefusal(
          'invalid_grant',
          'ERR_GRANT_ALREADY_CLAIMED',
          `the grant for step '${request.step}' was already claimed ${count - 1} time(s) in this run attempt (uses: ${decision.uses})`,
        );
        refusal.audited = true;
        this.deps.audit.write({
          type: 'credential.claimed_twice',
          outcome: 'denied',
          reason: 'ERR_GRANT_ALREADY_CLAIMED',
          detail: `claim ${count} of a grant usable ${decision.uses} time(s) per run attempt: possible theft by another step`,
          ...ctx(),
          ...requested,
        });
        throw refusal;
      }
      const context = ctx();
      return new Admitted(
        {
          iss: claims.iss,
          sub: claims.sub,
          repository: claims.repository,
          repository_id: claims.repository_id,
          ...(typeof claims.check_run_id === 'string' && claims.check_run_id
            ? { checkRunId: claims.check_run_id }
            : {}),
          ...(typeof claims.iat === 'number' ? { iat: claims.iat } : {}),
        },
        request.audience,
        decision,
        withDetails(context, details),
        claimKey,
        grantId,
        parentRuns,
        { now, deliverBy, place },
        { context, requested, ...workflowRefDetails(claims) },
      );
    } catch (caught) {
      let err = caught;
      // A refusal (or error) before the screen ran: the screen first, as when it came before the
      // decision, so a replay is refused as a replay, an empty bucket as such, and every exchange is
      // charged. A screen that lets it on leaves the first refusal standing.
      if (screening && !screened)
        err = await screen().then(
          () => caught,
          (e: unknown) => e,
        );
      if (err instanceof BrokerRefusal && !err.audited)
        this.auditRefusal(err, refusedType, { context: ctx(), requested, ...workflowRefDetails(claims) });
      if (dryRun && err instanceof BrokerRefusal && conditions.length)
        throw new DryRunRefusal(err, conditions);
      throw err;
    }
  }

  /** A refusal not yet recorded: its audit line, with what the exchange named. */
  private auditRefusal(
    err: BrokerRefusal,
    refusedType: 'credential.refused' | 'credential.dry_run',
    named: RefusalContext,
  ): void {
    this.deps.audit.write({
      type: err.code === 'ERR_REPLAY_RATE_LIMITED' ? 'credential.rate_limited' : refusedType,
      outcome: err.status >= 500 ? 'error' : 'denied',
      reason: err.code,
      detail: err.description,
      ...named.context,
      ...named.requested,
      ...(named.details ? { details: named.details } : {}),
    });
    err.audited = true;
  }

  /**
   * A grant admit() let through: minted, audited (write-ahead) and delivered; a failure gives the
   * claim back and is audited as admit() would have.
   */
  private async granted(g: Admitted): Promise<TokenResponse> {
    try {
      const { answer, record, oneStep } = await this.issue(g);
      await this.auditedOrRevoked(
        record,
        oneStep,
        g.parentRuns !== undefined ? { iat: g.subject.iat ?? g.gated.now } : undefined,
      );
      await this.recordReplicatedOrRevoked(record);
      return answer;
    } catch (err) {
      await this.deps.store.unclaim(g.claimKey, g.grantId).catch(() => undefined);
      if (err instanceof BrokerRefusal && !err.audited) this.auditRefusal(err, 'credential.refused', g.named);
      throw err;
    }
  }

  /** Mints the credential, stores its record where it must precede the audit line, queues the line. */
  private async issue(
    g: Admitted,
  ): Promise<{ answer: TokenResponse; record: CredentialRecord; oneStep: boolean }> {
    const { subject: claims, audience, decision: d, context, claimKey, grantId, parentRuns } = g;
    const { now, deliverBy, place } = g.gated;
    let token: string;
    let expiresAt: number;
    let upstreamExpiresAt: number | undefined;
    let issuedType: string;
    let repositoryIds: Record<string, string> | undefined;
    try {
      if (this.mintingStopped)
        throw new BrokerRefusal(
          'temporarily_unavailable',
          'ERR_BROKER_STOPPING',
          'this broker instance is stopping and its client connections are closed; nothing was minted or granted and the claim is given back: retry with a fresh OIDC token (another instance answers)',
          503,
          1,
        );
      if (d.kind === 'github') {
        const github = this.tenant(claims.iss).github;
        if (!github)
          throw new BrokerRefusal(
            'invalid_target',
            'ERR_GITHUB_NOT_CONFIGURED',
            'this broker has no GitHub App configured (github: in the config)',
          );
        const [owner, repo] = claims.repository.split('/') as [string, string];
        // The token's own repository by its id (the manifest binds the id): GitHub mints by name.
        const created = await github.createToken(
          owner,
          repo,
          d.permissions,
          d.repositories,
          undefined,
          claims.repository_id,
        );
        token = created.token;
        repositoryIds = created.repositoryIds;
        upstreamExpiresAt = Math.floor(Date.parse(created.expiresAt) / 1000);
        expiresAt = Math.min(now + d.ttl, upstreamExpiresAt);
        issuedType = ACCESS_TOKEN_TYPE;
      } else {
        const minted = await mintServiceJwt({
          key: this.deps.key.active(now),
          profile: this.jwtProfile(d.audience, now),
          issuer: this.deps.url,
          audience: d.audience,
          subject: claims.sub,
          scope: d.scope,
          ttl: d.ttl,
          now,
          context: workloadContextOf(place, this.origin(claims.iss)),
        });
        token = minted.token;
        expiresAt = minted.expiresAt;
        issuedType = JWT_TOKEN_TYPE;
      }
    } catch (err) {
      await this.deps.store.abandon(grantId).catch(() => undefined);
      throw err;
    }
    const dispatchTo =
      d.kind === 'github' ? dispatchTargets(d.permissions, d.repositories, claims.repository) : [];
    const record: CredentialRecord = {
      grantId,
      tokenHash: sha256(token),
      kind: d.kind,
      ...(d.kind === 'github' ? { secret: token } : {}),
      ...place,
      scope: d.scope,
      sub: claims.sub,
      issuer: claims.iss,
      ...(claims.checkRunId ? { checkRunId: claims.checkRunId } : {}),
      issuedAt: now,
      expiresAt,
      ...(upstreamExpiresAt !== undefined ? { upstreamExpiresAt } : {}),
      claimKey,
      deliverBy,
      ...(parentRuns?.length ? { parentRuns } : {}),
      ...(dispatchTo.length ? { dispatchTo } : {}),
      ...(dispatchTo.length && repositoryIds
        ? { dispatchToIds: dispatchTargetIds(dispatchTo, repositoryIds) }
        : {}),
    };
    // A broker JWT (nothing upstream to revoke) is stored with its delivery, after its audit line, in
    // one store step where the store can: an instance killed before that step left only its intent,
    // which the sweep takes (INTENT_ABANDONED) as for a mint that never finished. A GitHub token's
    // record (with its sealed token) is stored first, so that the sweep can revoke it upstream.
    const oneStep = record.kind === 'jwt' && record.secret === undefined && !!this.deps.store.putDelivered;
    if (!oneStep) await this.holdOrRevoke(record, token);
    this.deps.audit.write(
      grantedEvent(
        context,
        audience,
        d.scope,
        grantId,
        expiresAt - now,
        expiresAt,
        decisionAuditFields(d).details,
      ),
    );
    return {
      answer: {
        access_token: token,
        issued_token_type: issuedType,
        token_type: 'Bearer',
        expires_in: expiresAt - now,
        scope: d.scope,
        grant_id: grantId,
      },
      record,
      oneStep,
    };
  }

  /** A broker-signed JWT exchanged for a narrower one (chain.ts); refusals audited like any exchange. */
  private async chained(p: URLSearchParams): Promise<TokenResponse> {
    try {
      // A chained exchange has no dry run: one asked for must not quietly issue a real credential.
      if (p.has('dry_run'))
        throw new BrokerRefusal(
          'invalid_request',
          'ERR_PARAM_INVALID',
          'dry_run is not supported for a chained exchange (subject_token_type jwt); nothing was issued',
        );
      // The child keeps its parent's job and step: a client naming another was answered 200 with a
      // credential it did not ask for. Refused before the subject is read, as dry_run is.
      for (const name of ['job', 'step'] as const)
        if (p.has(name))
          throw new BrokerRefusal(
            'invalid_request',
            'ERR_PARAM_INVALID',
            `${name}= is not read on a chained exchange (subject_token_type jwt): the child keeps its parent's job and step; send the form without it. Nothing was issued`,
          );
      return await chainedExchange(p, {
        url: this.deps.url,
        key: this.deps.key,
        store: this.deps.store,
        audit: this.deps.audit,
        now: this.now,
        hash: sha256,
        ...(this.deps.inFlightSeconds !== undefined ? { inFlightSeconds: this.deps.inFlightSeconds } : {}),
        rateLimit: this.deps.rateLimit,
        // The audience's JWT options (session tags) hold for its chained children too.
        profile: (audience, now) => this.jwtProfile(audience, now),
        origin: (issuer) => this.origin(issuer),
        // One guarantee for both exchanges: strict mode's record on a replica before it leaves.
        leaving: (record) => this.recordReplicatedOrRevoked(record),
      });
    } catch (err) {
      if (err instanceof BrokerRefusal && !err.audited) {
        this.deps.audit.write({
          type: 'credential.refused',
          outcome: err.status >= 500 ? 'error' : 'denied',
          reason: err.code,
          detail: err.description,
          ...(p.get('audience') ? { audience: p.get('audience')! } : {}),
        });
        // One line per refusal: the HTTP edge writes its own only for refusals not yet recorded.
        err.audited = true;
      }
      throw err;
    }
  }

  /**
   * Revokes one credential (upstream for GitHub tokens, retried from the store until true) and records
   * why: false when it already was revoked, else whether GitHub confirmed it now ('error' while a
   * retry is pending or after the last one failed).
   */
  private async revokeRecord(r: CredentialRecord, why: Why): Promise<false | 'success' | 'error'> {
    const done = await this.revoker.revoke(r, why);
    if (!done.revoked) return false;
    return done.status === 'done' || done.status === undefined ? 'success' : 'error';
  }

  /**
   * How many of these credentials GitHub has not confirmed revoked yet (retries still queued, or no
   * outcome recorded), beside `more` already counted by the caller.
   */
  private async pendingOf(grantIds: readonly string[], more = 0): Promise<{ revocation_pending?: number }> {
    let n = more;
    for (const id of grantIds) if (unconfirmed(await this.deps.store.get(id))) n++;
    return n ? { revocation_pending: n } : {};
  }

  /**
   * Stores the record; if the store fails now, the credential just minted is revoked on the spot, and
   * if GitHub fails that too, the record is put once more: stored undelivered, the sweep revokes it
   * at its in-flight window through the durable queue (a store blip must not leave it its hour); a
   * store that refuses that too leaves the token to this instance alone (unqueued.ts), alarm first.
   */
  private async holdOrRevoke(record: CredentialRecord, token: string): Promise<void> {
    try {
      await this.deps.store.put(record);
    } catch (err) {
      const github = this.tenant(record.issuer).github;
      // Nobody received it and no record holds it for the sweep: a 401 while fresh is asked again.
      if (record.kind === 'github' && github)
        await github
          .revokeToken(token, undefined, freshUntilOf(record, this.now()))
          .catch(() => this.deps.store.put(record).catch(() => this.unqueued.hold(record, token, github)));
      throw err;
    }
  }

  /**
   * The last checks before a credential leaves: a kill switch that fired while it was minting, and
   * the grant's audit line on disk. Either failing revokes it and refuses.
   */
  private async auditedOrRevoked(
    record: CredentialRecord,
    oneStep = false,
    /** An App-started run's: a run block's reach is checked again at delivery (chain.ts lateDescendants). */
    appStarted?: { readonly iat: number },
  ): Promise<void> {
    try {
      await this.deps.audit.flush();
    } catch (err) {
      // Not stored yet (oneStep): stored undelivered now, so that it is revoked and audited as before
      // (a store that fails too leaves the intent, which the sweep takes).
      await (oneStep ? this.deps.store.put(record) : Promise.resolve())
        .then(() =>
          this.revokeRecord(record, { type: 'credential.revoked', reason: 'ERR_AUDIT_UNAVAILABLE' }),
        )
        .catch(() => undefined);
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_AUDIT_UNAVAILABLE',
        `the audit log cannot be written (${(err as Error).message}); nothing is granted until it can`,
        503,
        5,
      );
    }
    // Delivered (its deadline queued) unless the sweep or the kill switch revoked it meanwhile; the
    // blocks come back in the same round trip.
    // The job-end mark is read in the same step: a listing that ran while this one was minting did
    // not see it (not stored yet, or stored undelivered after the listing read), so it is revoked here.
    let gate: { delivered: boolean; blocks: BlockSelector[]; jobEnded?: boolean };
    const ended = jobEndKey(record);
    try {
      // putDelivered: a sweep that took the intent first makes it fail (IntentGone -> 503), stored nothing.
      gate = oneStep
        ? { delivered: true, ...(await this.deps.store.putDelivered!(record, ended)) }
        : await this.deps.store.deliver(record.grantId, ended);
    } catch (err) {
      // Not delivered; the record stays queued at deliverBy, where the sweep revokes it too.
      const github = this.tenant(record.issuer).github;
      if (record.kind === 'github' && github && record.secret)
        await github
          .revokeToken(record.secret, undefined, freshUntilOf(record, this.now()))
          .catch(() => undefined);
      throw err;
    }
    const where = { repository: record.repository, repository_id: record.repositoryId, run_id: record.runId };
    if (!gate.delivered) {
      this.refuseIfBlocked(gate.blocks, where, record.workflow, record.parentRuns, record.callerWorkflow);
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_EXCHANGE_INTERRUPTED',
        'the exchange outlived its in-flight window and its credential was revoked; nothing was granted, retry',
        503,
        1,
      );
    }
    // A run block placed while this was minting whose walk reached this run's repository (a
    // descendant at any depth, which its credential does not name): the blocked run counts as a
    // parent here as at the next exchange (dispatchParents), so the switch misses no in-flight one.
    let reaching: Map<string, number>;
    try {
      reaching = appStarted ? await this.reachingBlocksOf(record, gate.blocks, appStarted.iat) : new Map();
    } catch (err) {
      // Not known whether a block reaches it: it does not leave (fails closed), and does not stay live.
      await this.revokeRecord(record, {
        type: 'credential.revoked',
        reason: err instanceof BrokerRefusal ? err.code : 'ERR_STATE_UNAVAILABLE',
        admin: { in_flight: true },
      }).catch(() => undefined);
      throw err;
    }
    try {
      this.refuseIfBlocked(
        gate.blocks,
        where,
        record.workflow,
        reaching.size ? [...(record.parentRuns ?? []), ...reaching.keys()] : record.parentRuns,
        record.callerWorkflow,
      );
    } catch (err) {
      await this.revokeRecord(record, {
        type: 'credential.revoked',
        reason: 'REVOKED_BY_ADMIN',
        admin: { in_flight: true },
      });
      throw err;
    }
    if (gate.jobEnded) {
      await this.revokeRecord(record, {
        type: 'credential.revoked',
        reason: 'REVOKED_AT_JOB_END',
        admin: { in_flight: true },
      });
      throw jobEndedRefusal(record);
    }
  }

  /** The run blocks among `blocks` whose kill switch's reach covers this App-started run's record. */
  private async reachingBlocksOf(
    record: CredentialRecord,
    blocks: readonly BlockSelector[],
    iat: number,
  ): Promise<Map<string, number>> {
    const runs = blocks.flatMap((b) => (b.runId !== undefined ? [b.runId] : []));
    if (!runs.length) return new Map();
    const run = { issuer: record.issuer ?? '', repositoryId: record.repositoryId, runId: record.runId };
    const now = this.now();
    return reachingBlocks(
      this.deps.store,
      runs,
      run,
      await creationBound(this.deps.store, run, iat, now),
      now,
    );
  }

  /**
   * A claim and intent the gate wrote for an exchange that will not go on: given back in one store
   * step (abandon; best effort: else the sweep takes the intent and its claim with it).
   */
  private async giveBack(grantId: string): Promise<void> {
    await this.deps.store.abandon(grantId).catch(() => undefined);
  }

  /** A kill-switch block covering this exchange refuses it, on every instance (the block is in the store). */
  private refuseIfBlocked(
    blocks: readonly BlockSelector[],
    claims: { repository: string; repository_id?: string; run_id: string },
    workflow: string,
    parentRuns?: readonly string[],
    callerWorkflow?: string,
  ): void {
    const hit = blocks.find((b) =>
      blockMatches(b, {
        repository: claims.repository,
        ...(claims.repository_id !== undefined ? { repositoryId: claims.repository_id } : {}),
        workflow,
        runId: claims.run_id,
        ...(parentRuns ? { parentRuns } : {}),
        ...(callerWorkflow ? { callerWorkflow } : {}),
      }),
    );
    if (!hit) return;
    this.learnBlockedId(hit, blocks, claims.repository_id);
    const what = [
      hit.repository && `repository ${hit.repository}`,
      hit.workflow && `workflow ${hit.workflow}`,
      hit.runId && `run ${hit.runId}`,
    ]
      .filter(Boolean)
      .join(', ');
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_BLOCKED',
      `the kill switch blocks ${what}; an admin lifts it with POST /admin/unblock`,
      403,
    );
  }

  /**
   * A name block that stopped a verified token learns the token's repository id (when /admin/revoke
   * could not: GitHub down, the App not installed): a later rename is then stopped by the id. Best
   * effort, after the refusal; an id block already among the matching ones is left as it is.
   */
  private learnBlockedId(
    hit: BlockSelector,
    matching: readonly BlockSelector[],
    id: string | undefined,
  ): void {
    if (!hit.repository || repositoryIdOfBlock(hit.repository) !== undefined) return;
    if (id === undefined || !NUMERIC_ID.test(id)) return;
    const learned = idBlockBeside(id, hit);
    if (matching.some((b) => blockKey(b) === blockKey(learned))) return;
    const actor = (hit as Partial<Block>).actor ?? 'kill-switch';
    // Only while the name block is held: an unblock since this exchange read it stays done.
    void this.deps.store
      .block({ ...learned, actor, at: this.now(), learnedFrom: blockFold(hit.repository) }, hit)
      .catch(() => undefined);
  }

  /**
   * A credential the broker minted, recorded and audited, whose client was gone before it could be
   * sent (the connection was cut: a client timeout, or a drain past its deadline). Nobody holds it, so
   * it is revoked (upstream too) and its claim given back, so the step's retry is not refused as a
   * second claim. Without this it stayed live until its ttl, audited as granted. `SEND_INTERRUPTED`:
   * the connection closed while the answer was being written, so the client may hold it: revoked, its
   * claim kept (session 27).
   */
  async revokeUndelivered(
    token: string,
    reason: 'UNDELIVERED' | 'SEND_INTERRUPTED' = 'UNDELIVERED',
  ): Promise<void> {
    const r = await this.deps.store.byTokenHash(sha256(token));
    if (!r) return;
    await this.revoker.revoke(r, { type: 'credential.revoked', reason });
    // SEND_INTERRUPTED: part of the answer, the token first, may be in the client's hands; a claim
    // given back would let the step take a second credential of the grant (server.ts revokeUnlessSent).
    if (r.claimKey && reason === 'UNDELIVERED')
      await this.deps.store.unclaim(r.claimKey, r.grantId).catch(() => undefined);
  }

  /**
   * RFC 7009: `token=` revokes one credential. `subject_token=` (a fresh OIDC token of the job, used
   * once) revokes every live credential of that run attempt and job — of its matrix leg when the token
   * carries `check_run_id` — and lists every credential the broker issued for it (never a token), so
   * the audit action reports the broker's record instead of the job's writable trail.
   */
  async revoke(p: URLSearchParams): Promise<RevokeResponse> {
    const token = p.get('token');
    // One or the other: with both, the job end (`subject_token`) was ignored and the answer, 200 with
    // what `token` revoked, read as a job end that found nothing live, with no job-end mark written.
    if (token !== null && p.has('subject_token'))
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_INVALID',
        'give token= (one credential) or subject_token= (a job end), not both; nothing was revoked',
      );
    if (token) {
      const r = await this.deps.store.byTokenHash(sha256(token));
      // RFC 7009 §2.2: an unknown or already revoked token is not an error. Whoever holds the
      // credential can send it (the step, a relying party, a thief): the audit says what the broker
      // knows, its holder's act, never the step's (REVOKED_BY_STEP, written by older brokers).
      const revoked = r
        ? (await this.revoker.revoke(r, { type: 'credential.revoked', reason: 'REVOKED_BY_HOLDER' })).count
        : 0;
      if (r) await this.revocationReplicated(`the credential is revoked`, 'send the same request again');
      return { revoked, ...(r ? await this.pendingOf([r.grantId]) : {}) };
    }
    const subject = p.get('subject_token');
    if (!subject)
      throw new BrokerRefusal('invalid_request', 'ERR_PARAM_MISSING', 'give token= or subject_token=');
    // A job id or nothing, checked before the token is read (as the exchange's).
    const job = jobOf(p, false) || undefined;
    const claims = await this.verify(subject, job ? { job } : {});
    // A refusal after the token is verified is written here, attributed to the token's workload (the
    // HTTP edge would write an anonymous line).
    const refusedAtJobEnd = (err: unknown): never => {
      if (err instanceof BrokerRefusal) {
        this.deps.audit.write({
          type: 'credential.refused',
          outcome: 'denied',
          reason: err.code,
          detail: `job-end revocation: ${err.description}`,
          ...contextOf(claims, job ? { job } : {}),
        });
        err.audited = true;
      }
      throw err;
    };
    // Before its jti is marked and its job-end mark written: another owner's job is none of the broker's.
    try {
      this.assertOwnerServed(claims);
    } catch (err) {
      refusedAtJobEnd(err);
    }
    // The token's check run names the job (the matrix leg) GitHub signed for: its credentials are this
    // job's whatever `job=` the caller sends, and a sibling leg's are not. `job=` is the caller's word
    // (a step can rewrite GITHUB_JOB), so it only reaches records that carry no check run.
    const leg = typeof claims.check_run_id === 'string' && claims.check_run_id ? claims.check_run_id : '';
    // A credential with a check run is only that check run's; one without (an asserted job) only the
    // `job=` named. Neither: nothing is this token's, and "every job of the run" would let any job
    // (the first to end, or one compromised step) cut its siblings' credentials mid-use.
    if (!leg && !job) {
      this.deps.audit.write({
        type: 'credential.refused',
        outcome: 'denied',
        reason: 'ERR_PARAM_MISSING',
        detail: 'job-end revocation without job= by a token without check_run_id',
        ...contextOf(claims, {}),
      });
      const refusal = new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_MISSING',
        `give job= (the ending job's id): the token has no check_run_id, and a job end revokes only its own job's credentials, never the whole run's (an incident responder uses /admin/revoke run_id=)`,
      );
      refusal.audited = true;
      throw refusal;
    }
    // The same key as the exchange's admit(): a token used for an exchange cannot list, and the reverse.
    const jtiKey = `${claims.iss}:${claims.jti}`;
    // Metered as the exchange is (the other door an OIDC token opens): every fresh token marks a jti,
    // writes a mark kept a day and lists the store, and a job can ask GitHub for tokens without end.
    // A bucket of its own, so job ends and exchanges never starve each other; a replay is counted in
    // the replay bucket. Before the jti is used: a job end refused 429 is retried with the same token.
    const screened = await this.gates.screen({
      jtiKey,
      rateKey: `jobend:${claims.iss}:${claims.repository_id}`,
      limit: this.deps.rateLimit.limit,
      windowSeconds: this.deps.rateLimit.windowSeconds,
      now: this.now(),
    });
    if (!screened.seen && !screened.allowed) {
      const { limit, windowSeconds } = this.deps.rateLimit;
      this.deps.audit.write({
        type: 'credential.rate_limited',
        outcome: 'denied',
        reason: 'ERR_RATE_LIMITED',
        detail: `more than ${limit} job ends per ${windowSeconds}s for this repository`,
        ...contextOf(claims, job ? { job } : {}),
      });
      const refusal = new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_RATE_LIMITED',
        `rate limit of ${limit} per ${windowSeconds}s reached for job ends of ${shown(claims.repository)}; retry after ${screened.retryAfter}s`,
        429,
        screened.retryAfter,
      );
      refusal.audited = true;
      throw refusal;
    }
    // The listing answers with what the broker holds for a job: a replayed token must not read it again.
    if (
      screened.seen ||
      !(await this.deps.store.useOnce(
        jtiKey,
        // Kept until exp plus the verifier's tolerance (the token verifies that long), like admit's.
        Math.max(
          60,
          claims.exp -
            this.now() +
            (this.deps.verifier.clockToleranceSeconds ?? this.deps.clockToleranceSeconds ?? 60) +
            60,
        ),
      ))
    ) {
      try {
        await this.chargeReplay(claims);
      } catch (err) {
        refusedAtJobEnd(err);
      }
      this.deps.audit.write({
        type: 'credential.refused',
        outcome: 'denied',
        reason: 'ERR_OIDC_REPLAYED',
        detail: `job-end revocation with an OIDC token (jti ${shown(claims.jti)}) that was already used`,
        ...contextOf(claims, job ? { job } : {}),
      });
      const refusal = new BrokerRefusal(
        'invalid_grant',
        'ERR_OIDC_REPLAYED',
        `OIDC token jti ${shown(claims.jti)} was already used (replay); request a fresh token`,
      );
      // One line (the one above, attributed): the HTTP edge writes none of its own.
      refusal.audited = true;
      throw refusal;
    }
    // The job-end mark first, then the listing (as the kill switch writes its block, then revokes):
    // an exchange of this job that delivers after the mark sees it and is revoked, and one that
    // delivered before it is in the listing below. Only a check run names the job precisely.
    const ended = jobEndKeyOf(claims);
    if (ended !== undefined) {
      await this.deps.store.endJob(
        ended,
        // As long as any grant of the job can be claimed (its claim's lifetime), and at least as long
        // as the job's OIDC tokens verify.
        Math.max(
          CLAIM_TTL_SECONDS,
          claims.exp -
            this.now() +
            (this.deps.verifier.clockToleranceSeconds ?? this.deps.clockToleranceSeconds ?? 60) +
            60,
        ),
      );
    }
    const filter: LiveFilter = {
      repositoryId: claims.repository_id,
      runId: claims.run_id,
      runAttempt: claims.run_attempt,
      workflow: workflowOf(claims).file,
    };
    // Repository and run ids are per GitHub (github.com, a GHES server): the issuer must match too.
    const ours = (r: CredentialRecord) =>
      (r.issuer === undefined || r.issuer === claims.iss) &&
      (r.checkRunId !== undefined ? r.checkRunId === leg : job !== undefined && r.job === job);
    const now = this.now();
    const revokedNow = new Map<string, 'success' | 'error'>();
    const liveNow = await this.deps.store.live(filter, now);
    // Sealed under a key this instance lacks (another instance's), or written in a newer store format:
    // not revoked here, and said so.
    const unopened = (liveNow.unopened ?? []).filter(ours);
    for (const r of liveNow.filter(ours)) {
      const outcome = await this.revokeRecord(r, {
        type: 'credential.revoked',
        reason: 'REVOKED_AT_JOB_END',
      });
      if (outcome) revokedNow.set(r.grantId, outcome);
    }
    const listed: ListedRecords | undefined = this.deps.store.list
      ? await this.deps.store.list(filter)
      : undefined;
    // A listing that went around a damaged index (through the revocation queue) holds what is still
    // queued, not what this job revoked or what ended: those are added, and it says it is partial.
    const complete = listed !== undefined && !listed.damagedIndexes && unopened.length === 0;
    const unopenedIds = new Set(unopened.map((r) => r.grantId));
    const found = complete
      ? listed
      : await Promise.all([...revokedNow.keys()].map(async (id) => this.deps.store.get(id))).then((rs) => [
          ...(listed ?? []).filter((l) => !revokedNow.has(l.grantId)),
          ...rs.filter((r): r is CredentialRecord => !!r),
        ]);
    const records = [...found.filter((r) => !unopenedIds.has(r.grantId)), ...unopened];
    const revoked = [...revokedNow.values()].filter((o) => o === 'success').length;
    // A line of its own for "this job is closed": the revocations say what was live (often nothing)
    // and the refusals only come later, if at all; on call, a closed job must be read, not inferred.
    this.deps.audit.write({
      type: 'job.ended',
      outcome: 'success',
      reason: ended !== undefined ? 'JOB_CLOSED' : 'JOB_LISTED',
      detail:
        ended !== undefined
          ? `job-end listing: check run ${shown(leg)} of run ${shown(claims.run_id)} attempt ${shown(claims.run_attempt)} closed; later exchanges of this job are refused (ERR_JOB_ENDED)`
          : `job-end listing by a token with no check_run_id: the job's credentials were listed and revoked, the job was not closed (a later exchange of it is not refused)`,
      ...contextOf(claims, job ? { job } : {}),
      details: {
        ...(leg ? { check_run_id: leg } : {}),
        closed: ended !== undefined,
        revoked,
        ...(unopened.length
          ? {
              unopened: unopened.length,
              // A key this instance lacks, or a record of a newer store format (session 23): each named.
              unopened_code: unopenedCodeOf(liveNow, unopened),
            }
          : {}),
      },
    });
    await this.revocationReplicated(
      `the job end (${revoked} credential(s) revoked${ended !== undefined ? ', the job closed' : ''}) is written`,
      'send the job end again with a fresh OIDC token',
    );
    const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t * 1000).toISOString());
    const credentials = records
      .filter(ours)
      .sort((a, b) => a.issuedAt - b.issuedAt || (a.grantId < b.grantId ? -1 : 1))
      .map((r): ListedCredential => {
        const mine = unopenedIds.has(r.grantId) ? 'error' : revokedNow.get(r.grantId);
        const state: ListedCredential['state'] =
          mine === 'error'
            ? 'revocation-failed'
            : mine === 'success'
              ? 'revoked-now'
              : r.revokedAt !== undefined
                ? 'revoked-earlier'
                : r.expiresAt <= now
                  ? 'expired'
                  : 'live';
        return {
          grant_id: r.grantId,
          job: r.job,
          step: r.step,
          audience: r.audience,
          scope: r.scope,
          kind: r.kind,
          ...(r.checkRunId ? { check_run_id: r.checkRunId } : {}),
          issued_at: iso(r.issuedAt)!,
          expires_at: iso(r.expiresAt)!,
          ...(r.revokedAt !== undefined ? { revoked_at: iso(r.revokedAt)! } : {}),
          ...(r.revokedAt !== undefined && r.revokedReason && REASON_CODE.test(r.revokedReason)
            ? { revoked_reason: r.revokedReason }
            : {}),
          state,
        };
      });
    return {
      revoked,
      // Revoked earlier but not confirmed by GitHub (its revoking instance stopped mid-call, or its
      // retries are queued): pending, not done.
      ...(await this.pendingOf(
        [...revokedNow.keys()],
        records.filter((r) => ours(r) && !revokedNow.has(r.grantId) && unconfirmed(r)).length,
      )),
      credentials,
      complete,
      subject: {
        repository: claims.repository,
        repository_id: claims.repository_id,
        workflow: workflowOf(claims).file,
        ...(job ? { job } : {}),
        run_id: claims.run_id,
        run_attempt: claims.run_attempt,
        ...(leg ? { check_run_id: leg } : {}),
        ...pickClaims(claims, SUBJECT_CLAIMS),
      },
    };
  }

  /**
   * Who is introspecting (RFC 7662 §2.1): an admin token (any credential), or a live broker JWT of a
   * service audience (only credentials of that audience). Undefined: not authenticated.
   */
  private async introspectionClient(
    authorization: string | undefined,
  ): Promise<{ admin: string } | { audience: string } | { dead: CredentialRecord } | undefined> {
    const admin = this.adminNameOf(authorization);
    if (admin) return { admin };
    const bearer = bearerOf(authorization);
    if (!bearer) return undefined;
    const now = this.now();
    const keys = [
      ...this.deps.key.published(now),
      ...(this.deps.jwt?.svidKeys?.published(now).map((k) => ({ ...k, use: 'sig' })) ?? []),
    ];
    const audience = await serviceAudienceOf(bearer, keys, this.deps.url, now);
    if (!audience) return undefined;
    const r = await this.deps.store.byTokenHash(sha256(bearer));
    // A chained client dies with its ancestors, as its own introspection says (an instance may have
    // revoked the parent and stopped before reaching the descendants).
    if (!r) return undefined;
    // A credential this broker issued, dead: whose it is goes in the refusal's line.
    if (r.revokedAt !== undefined || r.expiresAt <= this.now() || (await ancestorRevoked(this.deps.store, r)))
      return { dead: r };
    return { audience };
  }

  /** RFC 7662 introspection of a credential this broker issued; the caller must authenticate. */
  async introspect(p: URLSearchParams, authorization?: string): Promise<Record<string, unknown>> {
    const found = await this.introspectionClient(authorization);
    const client = found && !('dead' in found) ? found : undefined;
    if (!client) {
      const dead = found && 'dead' in found ? found.dead : undefined;
      const refusal = new BrokerRefusal(
        'invalid_client',
        'ERR_INTROSPECT_UNAUTHORIZED',
        'introspection needs Authorization: Bearer with an admin token or a live broker JWT of the audience that owns the credential (RFC 7662 §2.1)',
        401,
      );
      this.deps.audit.write({
        type: 'credential.refused',
        outcome: 'denied',
        reason: refusal.code,
        detail: dead
          ? 'introspection by a broker credential that is revoked or expired'
          : 'introspection without client authentication',
        // A stolen credential presented after its revocation is attributed (and so never budgeted away).
        ...(dead ? placeFields(dead) : {}),
        details: { endpoint: '/introspect', ...(dead ? { client_grant_id: dead.grantId } : {}) },
      });
      refusal.audited = true;
      throw refusal;
    }
    const token = param(p, 'token');
    // Judged on the store's clock, the one the sweep revokes by: every instance gives the same answer
    // at the same moment, and none says active what the sweep has already ended (an instance up to
    // the 30 s the gate admits ahead or behind disagreed for that long around each expiry, session 42).
    const [r, storeNow] = await Promise.all([
      this.deps.store.byTokenHash(sha256(token)),
      this.deps.store.serverNow?.(),
    ]);
    const now = storeNow ?? this.now();
    // Another audience's credential: not this client's to know about (RFC 7662 §4), not even that it
    // exists or waits for its upstream revocation.
    if (r && 'audience' in client && r.audience !== client.audience) return { active: false };
    // RFC 7662 allows extra members: say when the broker revoked it but GitHub has not confirmed yet.
    if (unconfirmed(r)) return { active: false, revocation_pending: true };
    if (!r || r.revokedAt !== undefined || r.expiresAt <= now || (await ancestorRevoked(this.deps.store, r)))
      return { active: false };
    if (r.kind === 'jwt') {
      // The shape of GitHub's tokens first (compact.ts): jose alone reads a space or a BOM past.
      if (compactJws(token).problem !== undefined) return { active: false };
      try {
        await jwtVerify(
          token,
          createLocalJWKSet({
            // JWT-SVID keys are published with use jwt-svid, which jose's key selection skips: verify as sig here.
            keys: [
              ...this.deps.key.published(now),
              ...(this.deps.jwt?.svidKeys?.published(now).map((k) => ({ ...k, use: 'sig' })) ?? []),
            ],
          }),
          {
            issuer: this.deps.url,
            currentDate: new Date(now * 1000),
          },
        );
      } catch {
        return { active: false };
      }
    }
    return {
      active: true,
      scope: r.scope,
      aud: r.audience,
      exp: r.expiresAt,
      iat: r.issuedAt,
      sub: r.sub,
      grant_id: r.grantId,
      token_type: 'Bearer',
    };
  }

  /** The name of the admin token presented (constant-time comparison), or undefined. */
  adminNameOf(authorization: string | undefined): string | undefined {
    return adminName(authorization, this.admins);
  }

  isAdmin(authorization: string | undefined): boolean {
    return this.adminNameOf(authorization) !== undefined;
  }

  /**
   * The kill switch's two doors (block and lift) share their preamble: the actor is the name of the
   * admin token, never something the request says about itself, and a selector must name something.
   */
  private killSwitchAdmin(
    authorization: string | undefined,
    type: 'admin.revoke' | 'admin.unblock',
    target: { repository?: string; repository_id?: string; workflow?: string; run_id?: string },
  ): string {
    const actor = this.adminNameOf(authorization);
    if (!actor) {
      this.deps.audit.write({
        type,
        outcome: 'denied',
        reason: 'ERR_ADMIN_UNAUTHORIZED',
        detail: 'missing or unknown admin token',
        details: { target },
      });
      const refusal = new BrokerRefusal(
        'invalid_client',
        'ERR_ADMIN_UNAUTHORIZED',
        'a valid admin bearer token is required',
        401,
      );
      // One line: the HTTP edge would write a second one, as a credential refusal.
      refusal.audited = true;
      throw refusal;
    }
    if (!target.repository && !target.repository_id && !target.workflow && !target.run_id)
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_MISSING',
        'give repository, repository_id, workflow or run_id',
      );
    return actor;
  }

  /**
   * `state-strict`: a revocation (or block) is answered done only once a replica has it (session 37).
   * Before, strict mode waited on the exchange's gate only, and a failover's lost second could bring
   * a revoked broker JWT back (docs/deploy.md, "What a failover can lose"). Nothing is undone when no
   * replica acknowledges: the write stands at the primary, the answer says it may not survive a
   * failover, and the request is idempotent, so its retry asks the replicas again.
   */
  private async revocationReplicated(
    done: string,
    retry: string,
    undone = 'a revoked broker JWT active again, a block gone',
  ): Promise<void> {
    if (!this.deps.store.replicatedNow) return;
    try {
      await this.deps.store.replicatedNow();
    } catch {
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_STATE_NOT_REPLICATED',
        `${done} at the state store's primary, but no replica acknowledged it within state-strict-timeout-ms: a failover now could undo it (${undone}); ${retry} until it answers 200`,
        503,
      );
    }
  }

  /**
   * `state-strict`: a credential leaves only once a replica has its record (session 39). The gate's
   * wait covers the jti, the claim and the intent, not the record written after the mint, which holds
   * the sealed GitHub token, the one thing that revokes it early: a failover between the two left a
   * delivered token the new primary knew nothing of (the kill switch revoked 0 of it, the sweep took
   * its intent as abandoned), live its hour at GitHub. None acknowledged: revoked here (at GitHub, and
   * at the primary) and refused, so nothing was granted. A chained exchange ends here too (session
   * 40): a lost child's record left a JWT its parent's revocation cannot reach.
   */
  private async recordReplicatedOrRevoked(record: CredentialRecord): Promise<void> {
    if (!this.deps.store.replicatedNow) return;
    try {
      await this.deps.store.replicatedNow();
    } catch {
      await this.revokeRecord(record, {
        type: 'credential.revoked',
        reason: 'ERR_STATE_NOT_REPLICATED',
      }).catch(() => undefined);
      throw new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_STATE_NOT_REPLICATED',
        "the credential's record is at the state store's primary, but no replica acknowledged it within state-strict-timeout-ms: a failover now would lose what revokes it, so it was revoked and nothing was granted; retry with a fresh OIDC token",
        503,
        1,
      );
    }
  }

  /**
   * An admin act's line on disk before its answer says it is done (session 42): a sink that cannot
   * write it raises its own ALARM, and the act is answered 503 ERR_AUDIT_UNAVAILABLE naming what was
   * done, never a 200 that reads as audited.
   */
  private async auditedAdminAct(
    retry: string,
    act:
      | { readonly done: string }
      | {
          /** Undoes the act, saying what was undone; its line (`line` with the refusal) follows the act's. */
          readonly undo: () => Promise<string>;
          readonly line: Pick<AuditEvent, 'type' | 'repository' | 'repository_id' | 'details'>;
        },
  ): Promise<void> {
    try {
      await this.deps.audit.flush();
    } catch (err) {
      const done = 'undo' in act ? await act.undo() : act.done;
      const refusal = new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_AUDIT_UNAVAILABLE',
        `${done}; the audit log cannot be written (${(err as Error).message}), so this act's line is not on disk; fix the log (its ALARM on stderr), then ${retry}`,
        503,
        5,
      );
      // A kept act's line is queued (the sink writes it when it can): a second one would say the same.
      if ('undo' in act)
        this.deps.audit.write({
          ...act.line,
          outcome: 'error',
          reason: refusal.code,
          detail: refusal.description,
        });
      refusal.audited = true;
      throw refusal;
    }
  }

  /** The incident kill switch: every live credential of a repository, workflow or run. */
  async adminRevoke(
    authorization: string | undefined,
    target: { repository?: string; repository_id?: string; workflow?: string; run_id?: string },
  ): Promise<{
    revoked: number;
    blocked: boolean;
    revocation_pending?: number;
    repository_ids?: string[];
    /** Matching live credentials this instance cannot read, so did not revoke (named in `warning`). */
    unopened?: number;
    warning?: string;
  }> {
    const actor = this.killSwitchAdmin(authorization, 'admin.revoke', target);
    // Read as the kill switch matches (a selector that matches nothing would still say blocked: true).
    const byId = target.repository_id;
    target = killSwitchTarget(target);
    const filter: LiveFilter = {
      // The block's spelling (blockFold), so live credentials are found by the name the block matches.
      ...(byId !== undefined
        ? { repositoryId: byId }
        : target.repository
          ? { repository: blockFold(target.repository) }
          : {}),
      ...(target.workflow ? { workflow: target.workflow } : {}),
      ...(target.run_id ? { runId: target.run_id } : {}),
    };
    // Block first, then revoke: an exchange that lists after this sees the block; one that was
    // minting finds it on completion (auditedOrRevoked) and revokes its own credential.
    // The blocks hash of the wrong type (a stray write) cannot take the block; every exchange fails
    // closed meanwhile (the gate cannot read it), so the live credentials are still revoked and the
    // answer says the block is missing, instead of failing before revoking anything.
    let unblocked: BrokerRefusal | undefined;
    try {
      await this.deps.store.block({
        ...(target.repository ? { repository: target.repository } : {}),
        ...(target.workflow ? { workflow: target.workflow } : {}),
        ...(target.run_id ? { runId: target.run_id } : {}),
        actor,
        at: this.now(),
      });
    } catch (err) {
      if (!(err instanceof BrokerRefusal && /\bWRONGTYPE\b/.test(err.description))) throw err;
      unblocked = err;
    }
    if (!unblocked)
      await this.invalidate({
        why: 'block',
        ...(target.repository ? { repository: target.repository } : {}),
      });
    // A name block is evaded by a rename (grants follow the repository id): the id is looked up at
    // GitHub (by the name as the block spells it: GitHub's names are ASCII, case-insensitive) while
    // the live credentials are revoked, and blocked beside the name.
    const byName = byId === undefined && !unblocked ? target.repository : undefined;
    const asked = byName ? this.repositoryIdsAtGithub(blockFold(byName)) : Promise.resolve([]);
    const live: ListedRecords = await this.deps.store.live(filter, this.now());
    // A run's kill switch reaches the runs its broker-issued tokens dispatched (chain.ts).
    if (target.run_id) {
      const children: ListedRecords = await this.deps.store.live({ parentRun: target.run_id }, this.now());
      // And the App-started runs its block refuses from now on, whose credentials do not name it (a
      // first exchange after its records had gone; chain.ts lateDescendants).
      children.push(...(await lateDescendants(this.deps.store, target.run_id, this.now())));
      for (const r of children) if (!live.some((l) => l.grantId === r.grantId)) live.push(r);
      if (children.damagedIndexes)
        live.damagedIndexes = [...(live.damagedIndexes ?? []), ...children.damagedIndexes];
      for (const r of children.unopened ?? [])
        if (!live.unopened?.some((u) => u.grantId === r.grantId)) (live.unopened ??= []).push(r);
      Object.assign((live.unopenedCodes ??= {}), children.unopenedCodes);
    }
    let n = 0; // including chained descendants revoked with their parent
    const revoke = async (rs: readonly CredentialRecord[]) => {
      for (const r of rs)
        n += (
          await this.revoker.revoke(r, {
            type: 'credential.revoked',
            reason: 'REVOKED_BY_ADMIN',
            admin: { target, actor },
          })
        ).count;
    };
    await revoke(live);
    let ids: string[] = [];
    let warning: string | undefined;
    /** The name block lifted (/admin/unblock elsewhere) while the id was looked up: no id block then. */
    let liftedMeanwhile = false;
    // An index of the wrong type was gone around (complete, through the revocation queue): the
    // on-call hears which key and the fix in the answer and the audit, not only on stderr.
    const damaged = [...new Set((live as ListedRecords).damagedIndexes ?? [])];
    if (byName) {
      // Ids the broker has seen in verified tokens of this name (its live credentials), and GitHub's.
      ids = [...new Set([...live.map((r) => r.repositoryId), ...(await asked)])].filter((id) =>
        NUMERIC_ID.test(id),
      );
      // An id block an admin set with the same selector stays theirs (unblocking the name keeps it).
      const held = new Set((await this.deps.store.blocks()).map((b) => blockKey(b)));
      const nameBlock = { repository: byName, workflow: target.workflow, runId: target.run_id };
      for (const id of ids) {
        const learned = idBlockBeside(id, { workflow: target.workflow, runId: target.run_id });
        // Only while the name block is held, in one store step: an /admin/unblock of the name that
        // landed while GitHub was asked (another instance) is the later act and stays done; written
        // after it, the id block kept the repository refused after the on-call was told "unblocked".
        if (
          !held.has(blockKey(learned)) &&
          !(await this.deps.store.block(
            { ...learned, actor, at: this.now(), learnedFrom: blockFold(byName) },
            nameBlock,
          ))
        )
          liftedMeanwhile = true;
        // Credentials minted under another name of the same repository (renamed before the block).
        const more = await this.deps.store.live(
          {
            repositoryId: id,
            ...(target.workflow ? { workflow: target.workflow } : {}),
            ...(target.run_id ? { runId: target.run_id } : {}),
          },
          this.now(),
        );
        await revoke(more.filter((m) => !live.some((l) => l.grantId === m.grantId)));
      }
      if (liftedMeanwhile)
        warning = `the block of ${byName} was lifted (/admin/unblock) while this kill switch looked its id up at GitHub: neither the name nor the id is blocked now; the ${n} revocation(s) stand. Send /admin/revoke again if the block is still wanted`;
      else if (ids.length === 0)
        warning = `the id of ${byName} is not known (GitHub did not answer and no live credential names it): a rename of the repository evades this block; block by repository_id (GITHUB_REPOSITORY_ID) as well`;
    }
    if (damaged.length > 0)
      warning = [...damaged.map(damagedIndexText), ...(warning ? [warning] : [])].join('; ');
    // Matching records this instance cannot read (a key it lacks, a newer store format): not revoked
    // here. Said in the answer and the audit line, never folded into "revoked: N" (session 23).
    const unopened = live.unopened ?? [];
    if (unopened.length > 0)
      warning = [
        `${unopened.length} matching live credential(s) were NOT revoked: this instance cannot read them (${unopenedCodeOf(live, unopened)}); the block stands, so they get no successor. Fire the same /admin/revoke at an instance that can (one with the state key they were sealed under, or of the newer version), or they live until their deadline`,
        ...(warning ? [warning] : []),
      ].join('; ');
    if (unblocked) {
      const refusal = new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_STATE_WRONGTYPE',
        `the kill-switch block for ${JSON.stringify(target)} was NOT written: the state store's stepwarden:blocks holds another type than a hash (a stray write under stepwarden: replaced it, and every block it held with it); ${n} live credential(s) matching it were revoked, and every exchange is refused (503) until it is fixed. Fix: stop what writes under stepwarden:, run redis-cli DEL stepwarden:blocks, then fire /admin/revoke again for this and every block still wanted (the audit log's admin.revoke lines)`,
        503,
      );
      this.deps.audit.write({
        type: 'admin.revoke',
        outcome: 'error',
        reason: refusal.code,
        detail: refusal.description,
        actor: { login: actor, type: 'User' },
        ...auditRepositoryOf(target.repository),
        details: { target, revoked: n, actor, blocked: false },
      });
      refusal.audited = true;
      throw refusal;
    }
    this.deps.audit.write({
      type: 'admin.revoke',
      outcome: 'success',
      actor: { login: actor, type: 'User' },
      ...auditRepositoryOf(target.repository),
      ...(warning ? { detail: warning } : {}),
      details: {
        target,
        revoked: n,
        actor,
        blocked: !liftedMeanwhile,
        ...(byName ? { repository_ids: ids } : {}),
        ...(unopened.length
          ? { unopened: unopened.length, unopened_code: unopenedCodeOf(live, unopened) }
          : {}),
      },
    });
    // The administrator's line is on disk before the answer says it is done. A kill switch narrows
    // access, so what it did stands when the line cannot be written (a full audit disk must not keep a
    // compromised repository's credentials live); the answer says so instead of a 200 that reads as
    // audited (session 42). The line stays queued: the sink writes it once the log is writable.
    await this.auditedAdminAct('send the same /admin/revoke again, so that its line is on disk', {
      done: `the block is written and ${n} credential(s) revoked (they stand: a kill switch is never undone for want of its line)`,
    });
    await this.revocationReplicated(
      `the block is written and ${n} credential(s) revoked`,
      'send the same /admin/revoke again',
    );
    return {
      revoked: n,
      blocked: !liftedMeanwhile,
      ...(unopened.length ? { unopened: unopened.length } : {}),
      ...(await this.pendingOf(live.map((r) => r.grantId))),
      ...(byName ? { repository_ids: ids } : {}),
      ...(warning ? { warning } : {}),
    };
  }

  /**
   * The ids GitHub gives `owner/name` through each configured App (github.com, GHES tenants), within
   * the upstream deadline; an App that cannot answer (not installed, GitHub down) adds nothing.
   */
  private async repositoryIdsAtGithub(repository: string): Promise<string[]> {
    const [owner, name] = repository.split('/') as [string, string];
    const apps = new Set<GithubApp>();
    if (this.deps.github) apps.add(this.deps.github);
    for (const t of this.deps.tenants?.values() ?? []) if (t.github) apps.add(t.github);
    const got = await Promise.allSettled([...apps].map((a) => a.repositoryId(owner, name)));
    return got.flatMap((g) => (g.status === 'fulfilled' ? [g.value] : []));
  }

  /** Lifts a kill-switch block (the exact selector it was set with); audited as administrator activity. */
  async adminUnblock(
    authorization: string | undefined,
    target: { repository?: string; repository_id?: string; workflow?: string; run_id?: string },
  ): Promise<{ unblocked: boolean }> {
    const actor = this.killSwitchAdmin(authorization, 'admin.unblock', target);
    const byId = target.repository_id;
    target = killSwitchTarget(target);
    const selector: BlockSelector = {
      ...(target.repository ? { repository: target.repository } : {}),
      ...(target.workflow ? { workflow: target.workflow } : {}),
      ...(target.run_id ? { runId: target.run_id } : {}),
    };
    const audited = {
      type: 'admin.unblock',
      ...auditRepositoryOf(target.repository),
      details: { target, actor },
    } as const;
    // Write-ahead (session 43): the request's own line on disk before anything is lifted. A log that
    // cannot take it (failing, full, hung) refuses the unblock with every block untouched; before, the
    // block was lifted first and put back when its line failed, and another instance whose log works
    // could grant to the repository in between. A flush with nothing queued says nothing of the disk:
    // this line is the probe. The result line (admin.unblock) follows the lift, as before.
    this.deps.audit.write({ ...audited, type: 'admin.unblock_requested', outcome: 'success' });
    await this.auditedAdminAct('send the same /admin/unblock again', {
      line: audited,
      undo: () =>
        Promise.resolve(
          'the block was NOT lifted: an unblock is lifted only once its request is on disk (nothing was touched)',
        ),
    });
    // The blocks as they were, for an undo when this lift cannot be audited (below).
    const before = await this.deps.store.blocks();
    /** What this request lifted, each as its record was (actor, time, learnedFrom). */
    const lifted: Block[] = [];
    if (await this.deps.store.unblock(selector))
      lifted.push(
        before.find((b) => blockKey(b) === blockKey(selector)) ?? { ...selector, actor, at: this.now() },
      );
    // Lifting a name block lifts the id blocks the kill switch learned for it (same workflow and run),
    // also when the name block is gone already: an unblock cut between the two steps (the name lifted,
    // the store lost before these) is finished by its retry, which used to say "not blocked" and leave
    // the repository blocked by id (session 36).
    if (target.repository && byId === undefined) {
      const from = blockFold(target.repository);
      for (const b of await this.deps.store.blocks())
        if (b.learnedFrom === from && b.workflow === target.workflow && b.runId === target.run_id)
          if (await this.deps.store.unblock(b)) lifted.push(b);
    }
    const unblocked = lifted.length > 0;
    // The incident's fix is often a manifest change: no instance keeps serving a copy cached before it.
    if (unblocked)
      await this.invalidate({
        why: 'unblock',
        ...(target.repository ? { repository: target.repository } : {}),
      });
    this.deps.audit.write({
      ...audited,
      outcome: unblocked ? 'success' : 'error',
      ...(unblocked ? {} : { reason: 'ERR_NOT_BLOCKED', detail: 'no block with exactly this selector' }),
    });
    // An unblock widens access: like a grant, it stands only once its line is on disk. Not durable (the
    // log failed between the request's line and this one): the blocks it lifted are put back as they
    // were (a grant whose line fails is revoked), its undoing gets a line of its own (queued behind the
    // first), and the answer is 503 (session 42). An exchange of this instance meanwhile was refused
    // anyway (its grant line waits on the same failing log).
    await this.auditedAdminAct('send the same /admin/unblock again', {
      line: audited,
      undo: async () => {
        let putBack = 0;
        for (const b of lifted) if (await this.deps.store.block(b).catch(() => false)) putBack++;
        if (unblocked)
          await this.invalidate({
            why: 'block',
            ...(target.repository ? { repository: target.repository } : {}),
          });
        if (!unblocked) return 'nothing was lifted (no block with exactly this selector)';
        return `the block was NOT lifted: an unblock is done only with its line on disk (${putBack} of ${lifted.length} lifted block(s) put back${putBack < lifted.length ? '; the state store refused the rest: send /admin/revoke for them' : ''})`;
      },
    });
    // Strict mode answers no state change a failover could undo (session 38): a lost unblock brings the
    // block back after the incident is closed, every job of the repository refused with nobody told.
    // Its retry finds nothing to lift (`unblocked: false`) and waits again.
    await this.revocationReplicated(
      unblocked ? 'the block is lifted' : 'nothing to lift (no block with exactly this selector)',
      'send the same /admin/unblock again (it may then say unblocked: false, lifted before)',
      'the block back, its jobs refused again',
    );
    return { unblocked };
  }

  /**
   * A config reload (ops/reload.ts): admin tokens and rate limits are replaced at once; an exchange
   * already running keeps what it read.
   */
  reconfigure(live: Pick<BrokerDeps, 'adminTokenHashes' | 'rateLimit' | 'replayRateLimit'>): void {
    this.admins = adminTokensOf(live.adminTokenHashes);
    this.deps = { ...this.deps, ...live };
  }

  /**
   * The stop, once its drain has cut every client: nothing is minted from here on (issue()). A mint
   * started later could outlive the stop's in-flight wait, which covers only mints that started before
   * it (each ends within the upstream deadline, inside the wait): its token would meet a closed store,
   * or a process gone, live at GitHub with no record (session 36).
   */
  stopMinting(): void {
    this.mintingStopped = true;
  }

  /** The stop: the GitHub tokens this instance alone holds get one more try within `ms` (unqueued.ts). */
  drainUnqueued(ms: number): Promise<void> {
    return this.unqueued.drain(ms);
  }

  /**
   * Drops this instance's cached manifests and organization policies for a repository (its owner's
   * policy too), an owner, or all of them. Called for every instance's messages (store pub/sub).
   */
  dropCaches(msg: Invalidation): void {
    const owner = msg.owner ?? msg.repository?.split('/')[0];
    const sources = new Set([
      this.deps.manifests,
      ...[...(this.deps.tenants?.values() ?? [])].map((t) => t.manifests),
    ]);
    for (const s of sources) s.forget?.(msg.repository);
    this.orgs.forget?.(owner);
  }

  /** Here at once, and at every other instance through the store (best effort: caches only). */
  private async invalidate(msg: Invalidation): Promise<void> {
    this.dropCaches(msg);
    await this.deps.store.publish?.(msg).catch(() => undefined);
  }

  /**
   * Works the store's revocation queue: deadlines passed, upstream retries due, intents of exchanges
   * an instance died in. Every instance runs it; the store leases each entry to one of them. At most
   * `limit` entries (the revoker's 100 when not given; the server's loop paces them, sweep-pace.ts).
   */
  async sweep(limit?: number): Promise<number> {
    return this.revoker.sweep(limit);
  }
  /**
   * At the stop, after the audit log's last flush: the take lists whose lines are on disk, dropped, so
   * no instance adopts them past their lease and writes their lines again (session 43).
   */
  async dropWrittenTakes(): Promise<void> {
    await this.revoker.dropWritten();
  }

  /**
   * The issuer of a workload's token (a record without one is github.com's) and, when the broker serves
   * several GitHubs, that GitHub's name: names and ids are each GitHub's own, so a broker JWT must say
   * which (service-jwt.ts `WorkloadOrigin`).
   */
  private origin(issuer: string | undefined): WorkloadOrigin {
    const iss = issuer ?? GITHUB_ISSUER;
    this.githubs ??= new Set([...(this.deps.tenants?.keys() ?? [])].map(githubNameOf)).size;
    return { oidc_issuer: iss, ...(this.githubs > 1 ? { github: githubNameOf(iss) } : {}) };
  }

  /** How many GitHubs the configured issuers belong to (github.com and its enterprise form are one). */
  private githubs: number | undefined;

  private jwtProfile(audience: string, now: number) {
    const o = optionsFor(this.deps.jwt, audience);
    const svid = this.deps.jwt?.svidKeys;
    return {
      ...o,
      ...(this.deps.jwt?.trustDomain ? { trustDomain: this.deps.jwt.trustDomain } : {}),
      ...(o.profile === 'spiffe' && svid ? { svidKey: svid.active(now) } : {}),
    };
  }

  /** The broker's own keys (`use: sig`) and, with the SPIFFE profile, the JWT-SVID keys (`use: jwt-svid`). */
  jwks() {
    const now = this.now();
    return { keys: [...this.deps.key.published(now), ...(this.deps.jwt?.svidKeys?.published(now) ?? [])] };
  }

  /**
   * The SPIFFE bundle of this trust domain (SPIFFE Trust Domain and Bundle §4): the JWT-SVID keys,
   * a sequence that changes whenever the key set does, and a refresh hint. Undefined without SPIFFE.
   */
  spiffeBundle(): Record<string, unknown> | undefined {
    const svid = this.deps.jwt?.svidKeys;
    if (!svid || !this.deps.jwt?.trustDomain) return undefined;
    const now = this.now();
    return { keys: svid.published(now), spiffe_sequence: svid.changedAt(now), spiffe_refresh_hint: 300 };
  }
}

/**
 * The audit context of a refused token's signed claims, when they have the shapes the verifier
 * requires of GitHub's (a claim of another shape is not copied into the line); else nothing.
 */
function signedContext(claims: Record<string, unknown> | undefined): ReturnType<typeof contextOf> | object {
  if (!claims) return {};
  try {
    assertClaimShapes(claims);
  } catch {
    return {};
  }
  return contextOf(claims as unknown as GithubOidcClaims);
}

/** How long a claim of a grant is counted (a run attempt's "uses"), and so its job's job-end mark is kept. */
const CLAIM_TTL_SECONDS = 24 * 3600;

/** The job-end mark of the job a token was issued to (undefined: the token names no check run). */
const jobEndKeyOf = (claims: GithubOidcClaims): string | undefined =>
  jobEndKey({
    issuer: claims.iss,
    repositoryId: claims.repository_id,
    runId: claims.run_id,
    runAttempt: claims.run_attempt,
    checkRunId: claims.check_run_id,
  });

/** An exchange of a job that the job-end listing (/revoke subject_token=) closed. */
function jobEndedRefusal(job: {
  readonly job: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly checkRunId?: unknown;
}): BrokerRefusal {
  return new BrokerRefusal(
    'invalid_grant',
    'ERR_JOB_ENDED',
    `job '${shown(job.job)}' (check run ${shown(String(job.checkRunId))}) of run ${shown(job.runId)} attempt ${shown(job.runAttempt)} was closed by its job-end listing (actions/audit's /revoke subject_token=): nothing more is issued to it, and a credential minted while it ended is revoked; a re-run attempt gets a new job`,
  );
}

/** Where an exchange's credential belongs: its intent and its record carry the same identity. */
export function placeFor(
  claims: GithubOidcClaims,
  request: ExchangeRequest,
  workflow: string,
  callerWorkflow?: string,
): CredentialPlace {
  // By assignment, in the order of `{ ...(caller ? { callerWorkflow } : {}), repository, … }`: that
  // literal opened with the spread of a non-empty object for every reusable workflow (exchangeNames).
  const place: { -readonly [K in keyof CredentialPlace]: CredentialPlace[K] } = {} as CredentialPlace;
  if (callerWorkflow && callerWorkflow !== workflow) place.callerWorkflow = callerWorkflow;
  place.repository = claims.repository;
  place.repositoryId = claims.repository_id;
  place.workflow = workflow;
  place.job = request.job;
  place.step = request.step;
  place.runId = claims.run_id;
  place.runAttempt = claims.run_attempt;
  place.audience = request.audience;
  return place;
}

/**
 * The codes of a listing's `unopened` records among `records`, distinct and sorted: a key this
 * instance lacks (ERR_STATE_KEY_UNKNOWN, the only cause before session 23) or a newer store format.
 */
function unopenedCodeOf(list: ListedRecords, records: readonly CredentialRecord[]): string {
  return [...new Set(records.map((r) => list.unopenedCodes?.[r.grantId] ?? 'ERR_STATE_KEY_UNKNOWN'))]
    .sort()
    .join(', ');
}
