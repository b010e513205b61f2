/**
 * Chained sessions (RFC 8693 with a broker-signed JWT as `subject_token`): a credential the broker
 * issued is exchanged for a narrower one — the same audience, the same or fewer scopes, no longer than
 * the parent has left, an `act` claim naming the chain, at most MAX_CHAIN_DEPTH links. The child is
 * recorded with its ancestors, so revoking any ancestor (or its run, or its repository) reaches it,
 * and introspection of a child whose ancestor is revoked says inactive.
 */
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { compactJws } from '../oidc/compact.js';
import type { AuditSink } from './audit-log.js';
import { shown } from '../conditions/verdict.js';
import { BrokerRefusal } from './errors.js';
import { field, MAX_AUDIENCE, MAX_SCOPE, scopeItems, ttlOf } from './request.js';
import { mintServiceJwt, workloadContextOf, type WorkloadOrigin } from './providers/service-jwt.js';
import type { SigningKeys } from './signing-key.js';
import { NUMERIC_ID } from '../oidc/claims.js';
import {
  blockMatches,
  blockOfRepositoryId,
  repositoryIdOfBlock,
  placeFields,
  placeOf,
  RUNS_PER_REPOSITORY,
  type CredentialRecord,
  type Store,
} from './state/store.js';

export const MAX_CHAIN_DEPTH = 3;

export interface ChainDeps {
  readonly url: string;
  readonly key: SigningKeys;
  readonly store: Store;
  readonly audit: AuditSink;
  readonly now: () => number;
  readonly hash: (token: string) => string;
  /** From the write-ahead intent to delivery (default 30 s): past it, the sweep takes what is left. */
  readonly inFlightSeconds?: number;
  /** The per-repository limit of exchanges: a chained one is charged to its parent's repository. */
  readonly rateLimit?: { readonly limit: number; readonly windowSeconds: number };
  /**
   * The JWT options of an audience (`audiences:` in the config), as its parent was minted with: a
   * child without the parent's AWS session tags would escape an IAM Deny conditioned on them.
   */
  readonly profile?: (audience: string, now: number) => Parameters<typeof mintServiceJwt>[0]['profile'];
  /** The issuer and GitHub a workload of this issuer ran on, as its parent's JWT names them. */
  readonly origin?: (issuer: string | undefined) => WorkloadOrigin;
  /**
   * The last step before a credential leaves, the root exchange's own (service.ts
   * `recordReplicatedOrRevoked`): in `state-strict`, a replica has its record, else it is revoked and
   * the exchange refused.
   */
  readonly leaving?: (record: CredentialRecord) => Promise<void>;
}

/** True when some ancestor of `r` was revoked (its descendants die with it). */
export async function ancestorRevoked(store: Store, r: CredentialRecord): Promise<boolean> {
  for (const id of r.chain ?? []) {
    const a = await store.get(id);
    if (!a || a.revokedAt !== undefined) return true;
  }
  return false;
}

/** Live descendants of `r` (same run by construction), for revoking them with it. */
export async function descendantsOf(
  store: Store,
  r: CredentialRecord,
  now: number,
): Promise<CredentialRecord[]> {
  const sameRun = await store.live({ repositoryId: r.repositoryId, runId: r.runId }, now);
  return sameRun.filter((d) => d.chain?.includes(r.grantId));
}

const refuse = (error: 'invalid_grant' | 'invalid_scope' | 'invalid_target', code: string, text: string) =>
  new BrokerRefusal(error, code, text);

export async function chainedExchange(
  p: URLSearchParams,
  d: ChainDeps,
): Promise<{
  access_token: string;
  issued_token_type: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  grant_id: string;
}> {
  const subject = p.get('subject_token') ?? '';
  const now = d.now();
  // The same text shape as GitHub's tokens (compact.ts): jose alone would read a space or a byte order
  // mark past, and the subject would be another spelling of a credential.
  const shape = compactJws(subject);
  if (shape.problem !== undefined)
    throw refuse(
      'invalid_grant',
      'ERR_CHAIN_SUBJECT',
      `subject_token is not a live credential signed by this broker (${shape.problem})`,
    );
  try {
    await jwtVerify(subject, createLocalJWKSet({ keys: d.key.published(now) }), {
      issuer: d.url,
      currentDate: new Date(now * 1000),
      algorithms: ['ES256'],
    });
  } catch (err) {
    // Expired: jose checks the time only after the signature, so it is still this broker's credential
    // (its record below says so, and whose it is).
    if (!(err instanceof joseErrors.JWTExpired))
      throw refuse(
        'invalid_grant',
        'ERR_CHAIN_SUBJECT',
        `subject_token is not a live credential signed by this broker (${(err as Error).message})`,
      );
  }
  const parent = await d.store.byTokenHash(d.hash(subject));
  if (!parent) throw refuse('invalid_grant', 'ERR_CHAIN_SUBJECT', 'subject_token is unknown to this broker');
  try {
    return await chainFrom(parent, p, d, now);
  } catch (err) {
    // The subject is a credential this broker issued (its signature and its record): a refusal from
    // here on is misuse of that credential (a widening, a revoked one presented again, the kill
    // switch), so its line says whose it is. Written as authenticated, it is also never one of the
    // unauthenticated lines a flood of garbage can push past the audit budget (audit-budget.ts).
    if (err instanceof BrokerRefusal && !err.audited) {
      const asked = p.get('audience');
      d.audit.write({
        type: 'credential.refused',
        outcome: err.status >= 500 ? 'error' : 'denied',
        reason: err.code,
        detail: err.description,
        ...placeFields(parent),
        audience: parent.audience,
        details: {
          parent_grant_id: parent.grantId,
          ...(asked && asked !== parent.audience ? { requested_audience: asked } : {}),
        },
      });
      err.audited = true;
    }
    throw err;
  }
}

/** The chained exchange from a credential found in the store; refusals are audited by the caller. */
async function chainFrom(
  parent: CredentialRecord,
  p: URLSearchParams,
  d: ChainDeps,
  now: number,
): ReturnType<typeof chainedExchange> {
  // The request's own words first, by the rule an exchange of an OIDC token applies (request.ts): a
  // control character or an unbounded value is refused as such, not as a scope not held or another
  // audience, before it costs the repository's rate limit or is quoted anywhere.
  const askedAudience = field(p, 'audience', MAX_AUDIENCE, false);
  const askedScope = field(p, 'scope', MAX_SCOPE, false);
  // The sweep ends a credential at its ttl by marking it revoked (TTL_PASSED): that is an expiry, and
  // the line a responder reads must not say someone revoked it.
  const dead =
    parent.kind !== 'jwt'
      ? 'is not a broker JWT'
      : parent.revokedAt !== undefined && parent.revokedReason !== 'TTL_PASSED'
        ? 'was revoked'
        : parent.expiresAt <= now || parent.revokedAt !== undefined
          ? 'has expired'
          : (await ancestorRevoked(d.store, parent))
            ? 'descends from a revoked credential'
            : undefined;
  if (dead) throw refuse('invalid_grant', 'ERR_CHAIN_SUBJECT', `subject_token ${dead}`);
  const chain = [...(parent.chain ?? []), parent.grantId];
  if (chain.length > MAX_CHAIN_DEPTH)
    throw refuse(
      'invalid_grant',
      'ERR_CHAIN_TOO_DEEP',
      `a chain is at most ${MAX_CHAIN_DEPTH} exchanges deep; this one would be ${chain.length}`,
    );
  // A bucket per repository, as for an exchange of an OIDC token: one live JWT must not mint children
  // without end (each a record in the store, so a flood would also fill it for every repository). Its
  // own bucket, not the exchanges' (`rate:`): a broker JWT is a bearer credential in a relying party's
  // hands, outside the repository, and chaining it until the shared bucket was empty refused every
  // workflow of the repository its OIDC exchanges while the JWT lived (as job ends have theirs).
  if (d.rateLimit) {
    const limited = await d.store.rateLimit(
      `chain:${parent.issuer ?? ''}:${parent.repositoryId}`,
      d.rateLimit.limit,
      d.rateLimit.windowSeconds,
      now,
    );
    if (!limited.allowed) {
      const refusal = new BrokerRefusal(
        'temporarily_unavailable',
        'ERR_RATE_LIMITED',
        `rate limit of ${d.rateLimit.limit} per ${d.rateLimit.windowSeconds}s reached for chained exchanges of ${shown(parent.repository)}; retry after ${limited.retryAfter}s`,
        429,
        limited.retryAfter,
      );
      d.audit.write({
        type: 'credential.rate_limited',
        outcome: 'denied',
        reason: 'ERR_RATE_LIMITED',
        detail: `more than ${d.rateLimit.limit} chained exchanges per ${d.rateLimit.windowSeconds}s for this repository`,
        ...placeFields(parent),
        audience: parent.audience,
        details: { parent_grant_id: parent.grantId },
      });
      refusal.audited = true;
      throw refusal;
    }
  }
  const audience = askedAudience || parent.audience;
  if (audience !== parent.audience)
    throw refuse(
      'invalid_target',
      'ERR_CHAIN_AUDIENCE',
      `a chained credential keeps its parent's audience (${parent.audience}), not ${shown(audience)}`,
    );
  const held = new Set(scopeItems(parent.scope));
  const asked = scopeItems(askedScope);
  const wider = asked.filter((s) => !held.has(s));
  if (wider.length)
    throw refuse(
      'invalid_scope',
      'ERR_CHAIN_SCOPE',
      `a chained credential has the same or fewer scopes than its parent (${parent.scope}); not held: ${wider.map(shown).join(' ')}`,
    );
  const scope = asked.length ? asked.join(' ') : parent.scope;
  const left = parent.expiresAt - now;
  const ttl = Math.min(ttlOf(p) ?? left, left);
  const blocks = await d.store.blocks();
  const lineage = {
    repository: parent.repository,
    repositoryId: parent.repositoryId,
    workflow: parent.workflow,
    runId: parent.runId,
    ...(parent.parentRuns ? { parentRuns: parent.parentRuns } : {}),
    // A reusable workflow's credential: a block of the workflow that called it covers its children too.
    ...(parent.callerWorkflow ? { callerWorkflow: parent.callerWorkflow } : {}),
  };
  if (blocks.some((b) => blockMatches(b, lineage)))
    throw new BrokerRefusal(
      'invalid_grant',
      'ERR_BLOCKED',
      'the kill switch blocks this credential chain',
      403,
    );

  const grantId = randomUUID();
  const claimKey = `chain:${grantId}`;
  const deliverBy = now + (d.inFlightSeconds ?? 30);
  // The chained credential stands where its parent does (same audience, checked above).
  const place = placeOf(parent);
  await d.store.intend({ grantId, claimKey, deadline: now + ttl, sweepAt: deliverBy, ...place });
  // RFC 8693 §4.1: `act` names the current actor, nesting the prior ones.
  const act = chain.reduceRight<Record<string, unknown> | undefined>(
    (inner, id) => ({ sub: `grant:${id}`, ...(inner ? { act: inner } : {}) }),
    undefined,
  );
  const profile = d.profile?.(audience, now);
  const minted = await mintServiceJwt({
    key: d.key.active(now),
    ...(profile ? { profile } : {}),
    issuer: d.url,
    audience,
    subject: parent.sub,
    scope,
    ttl,
    now,
    context: workloadContextOf(place, d.origin?.(parent.issuer)),
    extra: { act },
  });
  const record: CredentialRecord = {
    grantId,
    tokenHash: d.hash(minted.token),
    kind: 'jwt',
    ...place,
    scope,
    sub: parent.sub,
    ...(parent.issuer ? { issuer: parent.issuer } : {}),
    // The parent's check run (matrix leg): a job end covers the credentials that leg's token owns, and
    // without it a sibling leg's end (same job name) revoked this child.
    ...(parent.checkRunId !== undefined ? { checkRunId: parent.checkRunId } : {}),
    issuedAt: now,
    expiresAt: minted.expiresAt,
    parentGrantId: parent.grantId,
    chain,
    deliverBy,
    ...(parent.parentRuns ? { parentRuns: parent.parentRuns } : {}),
  };
  await d.store.put(record);
  d.audit.write({
    type: 'credential.granted',
    outcome: 'success',
    ...placeFields(parent),
    audience,
    scope,
    grant_id: grantId,
    ttl,
    expires_at: new Date(minted.expiresAt * 1000).toISOString(),
    details: { parent_grant_id: parent.grantId, chain_depth: chain.length },
  });
  try {
    await d.audit.flush();
  } catch (err) {
    // Not on disk, not handed out: a JWT has nothing upstream, so marking it revoked is enough.
    await d.store.markRevoked(grantId, now, { reason: 'ERR_AUDIT_UNAVAILABLE' });
    await d.store.settleRevocation(grantId, 'done');
    throw new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_AUDIT_UNAVAILABLE',
      `the audit log cannot be written (${(err as Error).message}); nothing is granted until it can`,
      503,
      5,
    );
  }
  // Revoked meanwhile (its parent, its run, the kill switch, or the sweep of an interrupted exchange):
  // it does not leave.
  const gate = await d.store.deliver(grantId);
  const blocked = gate.blocks.some((b) => blockMatches(b, lineage));
  // A parent revoked before this record was stored did not find it among its descendants (the
  // revocation reaches what the store holds): it must not leave, nor stay live. Revoked after the
  // store took it, the revocation found it, and `deliver` said so.
  const orphaned = gate.delivered && !blocked && (await ancestorRevoked(d.store, record));
  if (!gate.delivered || blocked || orphaned) {
    if (
      gate.delivered &&
      (await d.store.markRevoked(grantId, now, {
        reason: blocked ? 'REVOKED_BY_ADMIN' : 'REVOKED_WITH_PARENT',
      }))
    )
      // Its grant line is written: the line that ends it too, as an exchange of an OIDC token writes.
      d.audit.write({
        type: 'credential.revoked',
        outcome: 'success',
        reason: blocked ? 'REVOKED_BY_ADMIN' : 'REVOKED_WITH_PARENT',
        ...placeFields(parent),
        audience,
        scope,
        grant_id: grantId,
        ttl: 0,
        details: { parent_grant_id: parent.grantId, in_flight: true },
      });
    await d.store.settleRevocation(grantId, 'done');
    throw blocked
      ? new BrokerRefusal('invalid_grant', 'ERR_BLOCKED', 'the kill switch blocks this credential chain', 403)
      : orphaned
        ? refuse(
            'invalid_grant',
            'ERR_CHAIN_SUBJECT',
            'subject_token was revoked while this chained credential was minted; nothing was granted',
          )
        : new BrokerRefusal(
            'temporarily_unavailable',
            'ERR_EXCHANGE_INTERRUPTED',
            'the chained credential was revoked before it left the broker; nothing was granted',
            503,
            1,
          );
  }
  // A failover that lost the child's record left a child the promoted store does not know (inactive
  // to introspection, out of its parent's revocation's reach) that a relying service verifying it
  // locally takes until its exp (session 40).
  await d.leaving?.(record);
  return {
    access_token: minted.token,
    issued_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_type: 'Bearer',
    expires_in: ttl,
    scope,
    grant_id: grantId,
  };
}

/**
 * Runs a broker token started (docs/decisions.md `## Dispatched runs`, and session 21). A run whose
 * actor is the broker's GitHub App (`<slug>[bot]`) was started with an installation token of that App
 * (GitHub: an App token's events start runs of every kind, not only `workflow_dispatch` /
 * `repository_dispatch` as the GITHUB_TOKEN's: a push, a tag, an issue, a pull request, a deployment),
 * and the broker issued every such token that could write (`dispatchTo`). GitHub's OIDC token does not
 * say which one, so the child's parents are every run whose writing token for this repository the
 * store still keeps (until its upstream expiry + 10 min) and which was issued before the child's token
 * — and those runs' own parents. It over-approximates on purpose: revoking a run may reach a sibling's
 * child, never miss its own.
 */

/**
 * The repositories a GitHub token can start runs in (lower case), or none. Any permission at `write`
 * or above writes something whose event can start a run (contents: a push or a tag; issues, pull
 * requests, deployments, statuses, checks, discussions, packages: their own events; actions:
 * workflow_dispatch): which do is GitHub's list of events, not the broker's to keep, so every one counts.
 */
export function dispatchTargets(
  permissions: Readonly<Record<string, string>>,
  repositories: readonly string[],
  repository: string,
): string[] {
  if (!Object.values(permissions).some((level) => level === 'write' || level === 'admin')) return [];
  const owner = repository.split('/')[0]!;
  return [...new Set(repositories.map((n) => `${owner}/${n}`.toLowerCase()))];
}

/**
 * The ids of a writing token's targets (dispatchTargets' names, lower case) from GitHub's answer
 * (createToken's `repositoryIds`): the record's `dispatchToIds`, so the run indexes key its writes
 * by id (store.ts dispatchKeyOf). A name the answer did not give an id for stays keyed by name.
 */
export function dispatchTargetIds(
  targets: readonly string[],
  repositoryIds: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of targets) if (repositoryIds[n] !== undefined) out[n] = repositoryIds[n]!;
  return out;
}

/** Whether a run was started through the App (its actor is the App's bot account), by any event. */
export function dispatchedByApp(claims: { actor?: unknown }, appSlug: string | undefined): boolean {
  const actor = typeof claims.actor === 'string' ? claims.actor : '';
  // Without the slug (the App was never asked), any App but the GITHUB_TOKEN's: over-approximates.
  return appSlug ? actor === `${appSlug}[bot]` : actor.endsWith('[bot]') && actor !== 'github-actions[bot]';
}

/** GitHub's clock (the child's token) against the broker's (the records): a minute of skew counts. */
export const DISPATCH_SKEW = 60;
/** Levels of run links walked up for a run's ancestry beyond its candidates' own (chain.ts). */
export const ANCESTRY_DEPTH = 8;
/** Ancestor run ids a credential carries (its `parentRuns`) beyond its direct parents. */
export const MAX_ANCESTRY = 64;

/**
 * The parent runs of a run the App started (undefined: not started through the App), and their
 * ancestors (docs/decisions.md "The run index (session 25)"). GitHub's OIDC token does not say which
 * token started the run, nor when the run was created; its first exchange here bounds that from above
 * (`createdBy`, kept in its run link). A parent is a run that wrote to this repository with a token
 * issued before then:
 * - the runs whose writing token for this repository may still be live (the window, store.ts
 *   `writerRuns`, read O(matching)); when the window's bound dropped one, the exchange is refused
 *   (ERR_DISPATCH_PARENTS_UNKNOWN) rather than guessed;
 * - a run the kill switch blocks that wrote to this repository (store.ts `writers`, by id: a run that
 *   never wrote here is never a parent, whatever any index overflowed), since the run may have been
 *   created while its token lived, long before this exchange;
 * - the direct parents any earlier exchange of this run found (its link).
 * The link keeps direct parents only, less those another parent descends from (O(1) per run in a
 * chain: not every ancestor); the ancestry is the candidates' own (their window entries) and the
 * links walked up ANCESTRY_DEPTH levels, at most MAX_ANCESTRY ids beyond the direct parents.
 */
export async function dispatchParents(
  store: Store,
  claims: {
    repository: string;
    repository_id?: unknown;
    run_id: string;
    iss: string;
    iat?: unknown;
    actor?: unknown;
  },
  appSlug: string | undefined,
  now: number,
): Promise<string[] | undefined> {
  if (!dispatchedByApp(claims, appSlug)) return undefined;
  const self = claims.run_id;
  const repository = claims.repository.toLowerCase();
  const run = { issuer: claims.iss, repositoryId: String(claims.repository_id ?? repository), runId: self };
  const iat = typeof claims.iat === 'number' ? claims.iat : now;
  const before = await store.runLink(run, now);
  const createdBy = Math.min(iat, before?.first ?? iat) + DISPATCH_SKEW;
  // The window by the repository's id (a writer's token since session 27: a rename between the token
  // and this exchange hides nothing) and by its name (a writer whose record has no ids).
  const byId =
    typeof claims.repository_id === 'string' && NUMERIC_ID.test(claims.repository_id)
      ? blockOfRepositoryId(claims.repository_id)
      : undefined;
  const windows = await Promise.all(
    [repository, ...(byId !== undefined ? [byId] : [])].map((r) =>
      store.writerRuns({ issuer: claims.iss, repository: r, liveAt: now }, now),
    ),
  );
  const window = { runs: windows.flatMap((w) => w.runs), overflowed: windows.some((w) => w.overflowed) };
  if (window.overflowed)
    throw new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_DISPATCH_PARENTS_UNKNOWN',
      `more than ${RUNS_PER_REPOSITORY} runs held writing tokens for ${shown(claims.repository)} in the last 70 minutes: the parent runs of this run, started by the App, cannot all be known, so nothing is issued to it (lower rate-limit.per-repository; docs/deploy.md, "Run indexes")`,
      503,
      300,
    );
  // A candidate -> its first issue and its own ancestry when its window entry says it (else walked).
  const direct = new Map<string, { first: number; ancestry?: readonly string[] }>();
  for (const w of window.runs)
    if (w.first <= createdBy && w.runId !== self) {
      // A run in both keys (tokens before and after an upgrade): the earliest, every ancestor.
      const was = direct.get(w.runId);
      direct.set(w.runId, {
        first: Math.min(w.first, was?.first ?? Infinity),
        ancestry: was?.ancestry ? [...new Set([...was.ancestry, ...w.parents])] : w.parents,
      });
    }
  const blockedRuns = new Set<string>();
  for (const b of await store.blocks())
    if (b.runId !== undefined && b.runId !== self) blockedRuns.add(b.runId);
  const blocked = [...blockedRuns].filter((id) => !direct.has(id));
  for (const w of await store.writers(blocked, now))
    if (
      w.issuer === claims.iss &&
      Math.min(w.to[repository] ?? Infinity, byId === undefined ? Infinity : (w.to[byId] ?? Infinity)) <=
        createdBy
    )
      direct.set(w.runId, { first: w.first });
  // A blocked run whose kill switch's walk reached this repository (its descendants wrote here, at any
  // depth: lateDescendants) counts as a parent of a run created after that: one read for every block.
  for (const [b, first] of await reachingBlocks(store, [...blockedRuns], run, createdBy, now))
    if (!direct.has(b)) direct.set(b, { first });
  // Linked: the candidates no later kept candidate descends from (latest first, so two runs that name
  // each other keep one), which their ancestry reaches anyway.
  const covered = new Set<string>();
  let linked: string[] = [];
  let anyAncestry = false;
  for (const c of direct.values()) anyAncestry ||= !!c.ancestry?.length;
  if (anyAncestry)
    for (const [id, c] of [...direct].sort(([, a], [, b]) => b.first - a.first)) {
      if (covered.has(id)) continue;
      linked.push(id);
      for (const p of c.ancestry ?? []) covered.add(p);
    }
  else linked = [...direct.keys()];
  const link = await store.linkRun(run, linked, now);
  const out = new Set<string>(direct.keys());
  for (const p of link.parents) if (p !== self) out.add(p);
  // At most MAX_ANCESTRY ancestors beyond the direct parents, but a blocked one always: its block
  // refuses this exchange whatever the bound cut (the bound keeps the record small, not the kill
  // switch's reach).
  let room = MAX_ANCESTRY;
  const add = (id: string): boolean => {
    if (id === self || out.has(id)) return false;
    if (blockedRuns.has(id)) return !!out.add(id);
    if (room <= 0) return false;
    room--;
    return !!out.add(id);
  };
  // The candidates' ancestries in turn (latest candidate first), one id of each per round: one busy
  // candidate's long ancestry (an App-started run of a repository with a hundred writers) took every
  // place before the next candidate's own parent (tests/broker/s26-run-index-ancestry).
  let lists = [...direct.values()]
    .sort((a, b) => b.first - a.first)
    .flatMap((c) => (c.ancestry?.length ? [c.ancestry] : []));
  for (let i = 0; lists.length; i++) {
    for (const l of lists) add(l[i]!);
    lists = lists.filter((l) => l.length > i + 1);
  }
  // The links of parents whose ancestry no window entry gave (their window ended), walked up.
  let frontier: string[] = [];
  for (const id of link.parents) if (id !== self && !direct.has(id)) frontier.push(id);
  for (const [id, c] of direct) if (c.ancestry === undefined) frontier.push(id);
  const walked = new Set<string>();
  for (let depth = 0; depth < ANCESTRY_DEPTH && frontier.length && room > 0; depth++) {
    const next: string[] = [];
    for (const w of await store.writers(frontier, now)) {
      if (w.issuer !== claims.iss || walked.has(w.runId)) continue;
      walked.add(w.runId);
      const l = await store.runLink({ issuer: w.issuer, repositoryId: w.repositoryId, runId: w.runId }, now);
      for (const p of l?.parents ?? []) if (add(p)) next.push(p);
    }
    frontier = next;
  }
  return [...out].sort();
}

/**
 * The blocked runs (of `blockedRuns`) whose kill switch's reach (Store.reaches, lateDescendants) holds
 * the repository of `run` from a token before `createdBy` (the run's creation bound): each with that
 * token's time. One store read for all of them; none when no run is blocked.
 */
export async function reachingBlocks(
  store: Store,
  blockedRuns: readonly string[],
  run: { readonly issuer: string; readonly repositoryId: string },
  createdBy: number,
  now: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!blockedRuns.length) return out;
  for (const [b, reach] of await store.reaches(blockedRuns, now)) {
    let first = Infinity;
    for (const r of reach)
      if (r.issuer === run.issuer && r.repositoryId === run.repositoryId) first = Math.min(first, r.since);
    if (first <= createdBy) out.set(b, first);
  }
  return out;
}

/**
 * The creation bound of an App-started run at delivery (as dispatchParents takes it at the start of
 * the exchange): its token's `iat` or its first exchange, whichever is earlier, plus the skew.
 */
export async function creationBound(
  store: Store,
  run: { readonly issuer: string; readonly repositoryId: string; readonly runId: string },
  iat: number,
  now: number,
): Promise<number> {
  const link = await store.runLink(run, now);
  return Math.min(iat, link?.first ?? iat) + DISPATCH_SKEW;
}

/**
 * The live credentials a kill switch of run `runId` reaches beyond those that name it in their
 * `parentRuns`: every App-started run its tokens could have started, and theirs in turn, at any depth
 * (docs/decisions.md "The kill switch and a run's ancestry (session 27)"). A run W's possible children
 * are the App-started runs of each repository W wrote to whose first exchange came after W's first
 * writing token there (dispatchParents counts a blocked writer a parent of exactly these, the run's
 * creation time being unknown); the walk takes each such child's own writes in turn. A credential is
 * reached when its run, or a run its `parentRuns` names, is one of them: a descendant the 64-place
 * ancestry bound cut (tests/broker/s26-run-index-ancestry), a late child's child in a third repository
 * (tests/broker/s27-kill-switch-walk), a late child itself (tests/broker/s22-late-child).
 *
 * Bound (an attacker's runs must not make a block cost without end): each run is expanded once (one
 * `writers` look-up per level, for the whole level); each (issuer, repository) has its run links read
 * once, from the earliest first token seen for it (again only if a later-found writer wrote there
 * earlier still, at most once per distinct such time), and its live credentials listed once. The runs
 * read are those the run-link index keeps: at most RUNS_PER_REPOSITORY per repository reached, so the
 * work is linear in the links of the repositories the blocked run's descendants wrote to, never in
 * their product. An exchange does none of it.
 */
export async function lateDescendants(store: Store, runId: string, now: number): Promise<CredentialRecord[]> {
  // Until two walks in a row keep the same reach (at least twice), the reach kept after each. An
  // exchange that read the reaches before walk k's was kept either was linked and stored before walk
  // k+1 read its repository (found then), or checks the reaches again at its delivery (service.ts):
  // refused there if walk k's reach held its repository. Twice was not enough (session 28): a write
  // still in flight during walk 1 adds a repository only walk 2 reaches, and a descendant there stored
  // after walk 2 listed it and delivered before walk 2's reach was kept met walk 1's reach only. With
  // the last two reaches equal, that repository was already in the reach its delivery checked.
  const out = new Map<string, CredentialRecord>();
  let before: string | undefined;
  for (let i = 0; i < MAX_WALKS; i++) {
    const walk = await walkDown(store, runId, now);
    for (const r of walk.reached) out.set(r.grantId, r);
    if (walk.reach === before) break;
    before = walk.reach;
  }
  return [...out.values()];
}

/**
 * The walks of one kill switch at most: each further walk follows writes that were in flight during
 * the one before, so only writes racing the switch make more than two (an attacker minting writing
 * tokens into new repositories while it walks); the links each walk reads stay bounded (above).
 */
const MAX_WALKS = 8;

/**
 * One walk of lateDescendants: the credentials it reached, and its reach, kept (Store.noteReach) and
 * returned in one spelling (sorted) to compare with the next walk's.
 */
async function walkDown(
  store: Store,
  runId: string,
  now: number,
): Promise<{ reached: CredentialRecord[]; reach: string }> {
  /** issuer + run id of every run reached (the blocked run itself included, for `parentRuns`). */
  const reached = new Set<string>();
  const runKey = (issuer: string, run: string) => JSON.stringify([issuer, run]);
  /** (issuer, repository id) -> the earliest `since` its links were read from. */
  const read = new Map<string, number>();
  /** Live credentials by repository id (listed once) and by name (the ids of a writer's targets). */
  const liveById = new Map<string, CredentialRecord[]>();
  const liveByName = new Map<string, CredentialRecord[]>();
  const liveOf = async (repositoryId: string) => {
    let l = liveById.get(repositoryId);
    if (!l) liveById.set(repositoryId, (l = await store.live({ repositoryId }, now)));
    return l;
  };
  let frontier: { issuer?: string; runId: string }[] = [{ runId }];
  while (frontier.length) {
    const wanted = new Set(
      frontier.map((f) => (f.issuer === undefined ? f.runId : runKey(f.issuer, f.runId))),
    );
    const next: { issuer: string; runId: string }[] = [];
    for (const w of await store.writers([...new Set(frontier.map((f) => f.runId))], now)) {
      // The blocked run in every issuer; a descendant in the issuer its link was found under.
      if (!wanted.has(w.runId === runId ? runId : runKey(w.issuer, w.runId))) continue;
      // Its own repository by id (since its first writing token of any target), then each other
      // repository its tokens could write, by name, since its first token there.
      const targets: { repositoryId: string; since: number }[] = [
        { repositoryId: w.repositoryId, since: w.first },
      ];
      for (const [name, first] of Object.entries(w.to)) {
        // By id where GitHub's answer gave it (store.ts dispatchKeyOf), else the ids of the live
        // credentials of the name (a record of an older version; a repository without one is missed).
        const id = repositoryIdOfBlock(name);
        if (id !== undefined) {
          if (id !== w.repositoryId) targets.push({ repositoryId: id, since: first });
          continue;
        }
        let l = liveByName.get(name);
        if (!l) liveByName.set(name, (l = await store.live({ repository: name }, now)));
        for (const id of new Set(l.filter((r) => r.issuer === w.issuer).map((r) => r.repositoryId)))
          if (id !== w.repositoryId) targets.push({ repositoryId: id, since: first });
      }
      for (const { repositoryId, since } of targets) {
        const k = JSON.stringify([w.issuer, repositoryId]);
        const from = since - DISPATCH_SKEW;
        const before = read.get(k);
        if (before !== undefined && before <= from) continue;
        read.set(k, from);
        await liveOf(repositoryId);
        for (const l of await store.linkedRuns({ issuer: w.issuer, repositoryId }, from, now)) {
          const key = runKey(w.issuer, l.runId);
          if (l.runId === runId || reached.has(key)) continue;
          reached.add(key);
          next.push({ issuer: w.issuer, runId: l.runId });
        }
      }
    }
    frontier = next;
  }
  // What it reached, kept for the exchanges: a descendant created from now on is refused as the
  // blocked run's child (dispatchParents), however deep and in whichever repository the walk reached.
  const reach = [...read].map(([k, from]) => {
    const [issuer, repositoryId] = JSON.parse(k) as [string, string];
    return { issuer, repositoryId, since: from + DISPATCH_SKEW };
  });
  await store.noteReach(runId, reach, now);
  const out = new Map<string, CredentialRecord>();
  for (const live of liveById.values())
    for (const r of live) {
      const iss = r.issuer ?? '';
      if (reached.has(runKey(iss, r.runId)) || r.parentRuns?.some((p) => reached.has(runKey(iss, p))))
        out.set(r.grantId, r);
    }
  return {
    reached: [...out.values()],
    reach: JSON.stringify([...read].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
