/**
 * Broker state behind one interface: a memory implementation for one instance, Redis for several
 * (same behaviour, one shared test suite: tests/broker/store-suite.ts). Nothing here is a secret
 * except `CredentialRecord.secret`, which is kept only so the broker can revoke upstream (the Redis
 * store keeps it encrypted, and both stores wipe it once the upstream revocation is settled).
 */

export interface CredentialRecord {
  readonly grantId: string;
  /** sha256 of the credential, for /revoke and /introspect look-ups without keeping it searchable. */
  readonly tokenHash: string;
  readonly kind: 'github' | 'jwt';
  /** GitHub tokens only: needed for DELETE /installation/token. Never logged or returned. */
  readonly secret?: string;
  readonly audience: string;
  readonly scope: string;
  readonly sub: string;
  /** The OIDC issuer of the job: which App (github.com, GHES, ghe.com tenant) revokes upstream. */
  readonly issuer?: string;
  readonly repository: string;
  readonly repositoryId: string;
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly runId: string;
  readonly runAttempt: string;
  /** The OIDC token's `check_run_id` (the job, or the matrix leg), when GitHub sent one. */
  readonly checkRunId?: string;
  readonly issuedAt: number;
  /** The broker's lifetime (the manifest ttl): the revocation deadline. */
  readonly expiresAt: number;
  /** When the upstream credential dies by itself (GitHub: an hour); retries of a failed revocation stop there. */
  readonly upstreamExpiresAt?: number;
  /** The claim counted for this credential, given back if the broker dies before issuing it. */
  readonly claimKey?: string;
  /** Chained sessions: the credential this one was exchanged from, and every ancestor, root first. */
  readonly parentGrantId?: string;
  readonly chain?: readonly string[];
  revokedAt?: number;
  /** Upstream revocation: pending (retried from the queue), done, or failed (given up at upstreamExpiresAt). */
  revocation?: 'pending' | 'done' | 'failed';
  revokeAttempts?: number;
}

/**
 * What the broker writes before minting (write-ahead): enough to give the claim back and to find
 * the credential's deadline if the instance dies before the full record is stored.
 */
export interface Intent {
  readonly grantId: string;
  readonly claimKey: string;
  readonly deadline: number;
  readonly repository: string;
  readonly repositoryId: string;
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly audience: string;
}

export interface LiveFilter {
  readonly repositoryId?: string;
  readonly repository?: string;
  readonly workflow?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  readonly job?: string;
}

/** A kill-switch block: every exchange matching all given fields is refused until it is lifted. */
export interface Block {
  readonly repository?: string;
  readonly workflow?: string;
  readonly runId?: string;
  readonly actor: string;
  readonly at: number;
}

export type BlockSelector = Pick<Block, 'repository' | 'workflow' | 'runId'>;

/** The workload an exchange is for, as blocks match it. */
export interface BlockSubject {
  readonly repository: string;
  readonly workflow: string;
  readonly runId: string;
}

export interface Store {
  /** True the first time `key` is seen within `ttlSeconds` (OIDC `jti` single use). */
  useOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * True when `useOnce(key)` was already called and has not expired, without using it: lets the
   * broker refuse a replay before it charges the repository's rate limit, and lets a dry run say so.
   * Optional: without it (the Redis store today) a replay is found at `admit`, after the rate limit.
   */
  seen?(key: string): Promise<boolean>;
  /**
   * The exchange gate in one round trip: marks `jtiKey` used (true the first time within
   * `ttlSeconds`) and returns the blocks in force, so a kill switch is seen on every exchange.
   */
  admit(jtiKey: string, ttlSeconds: number): Promise<{ fresh: boolean; blocks: Block[] }>;
  /** Counts one claim of a grant; resolves to the count including this one. */
  claim(key: string, ttlSeconds: number): Promise<number>;
  /** Gives back a claim that was counted but not issued (upstream failure). */
  unclaim(key: string): Promise<void>;
  /**
   * How many claims of `key` are counted now, without counting one: lets a dry run say that a grant
   * was already claimed. Optional: without it a dry run says it cannot tell (`claims_checked: false`).
   */
  claimed?(key: string): Promise<number>;
  /** Write-ahead: the intent is queued for revocation at its deadline before anything is minted. */
  intend(intent: Intent): Promise<void>;
  /** Drops an intent whose mint failed (nothing was issued). */
  abandon(grantId: string): Promise<void>;
  /** Stores the credential and (re)queues its revocation at `expiresAt`. */
  put(record: CredentialRecord): Promise<void>;
  get(grantId: string): Promise<CredentialRecord | undefined>;
  /** The intent of a grant whose record was never stored (the instance died mid-exchange). */
  intent(grantId: string): Promise<Intent | undefined>;
  byTokenHash(hash: string): Promise<CredentialRecord | undefined>;
  /**
   * Every credential matching every given field, live or not (revoked and expired ones too, while the
   * store keeps them), for the job-end listing of /revoke. Optional: without it /revoke lists the live ones
   * only and says so (`complete: false`).
   */
  list?(filter: LiveFilter): Promise<CredentialRecord[]>;
  /** Live (not revoked, not expired at `now`) credentials matching every given field. */
  live(filter: LiveFilter, now: number): Promise<CredentialRecord[]>;
  /**
   * Grant ids whose revocation is due at `now`, leased to this caller for `leaseSeconds` so that
   * instances sweeping together each take a different one; atomic in the store.
   */
  due(now: number, limit: number, leaseSeconds: number): Promise<string[]>;
  /**
   * How many revocations are overdue at `now`: queued credentials (or write-ahead intents) whose
   * deadline is at or before `now` and whose revocation is not settled (never swept, or GitHub has not
   * confirmed it yet). For the overdue gauge, read at scrape time; counts at most `cap` queue entries.
   * Optional: without it the gauge stays 0.
   */
  overdue?(now: number, cap?: number): Promise<number>;
  /** Marks revoked; false when it already was (so a revocation is done and audited once). */
  markRevoked(grantId: string, at: number): Promise<boolean>;
  /** The upstream revocation failed: retry at `at` (the queue is the durable retry list). */
  retryRevocation(grantId: string, at: number, attempts: number): Promise<void>;
  /** The upstream revocation is over (done or given up): the secret is wiped, the queue entry dropped. */
  settleRevocation(grantId: string, outcome: 'done' | 'failed'): Promise<void>;
  /** `limit` requests per `windowSeconds` (token bucket, on the store's clock): allowed, or seconds to wait. */
  rateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfter: number }>;
  block(block: Block): Promise<void>;
  /** Lifts a block; false when none matched the selector exactly. */
  unblock(selector: BlockSelector): Promise<boolean>;
  blocks(): Promise<Block[]>;
  close(): Promise<void>;
}

/** One key per selector, so the same block written twice is one block. */
export function blockKey(s: BlockSelector): string {
  return JSON.stringify([s.repository?.toLowerCase() ?? '', s.workflow ?? '', s.runId ?? '']);
}

export function blockMatches(b: BlockSelector, s: BlockSubject): boolean {
  return (
    (b.repository === undefined || b.repository.toLowerCase() === s.repository.toLowerCase()) &&
    (b.workflow === undefined || b.workflow === s.workflow) &&
    (b.runId === undefined || b.runId === s.runId)
  );
}

/** Every field the filter names matches (live or not). */
export function selectorMatches(r: CredentialRecord, filter: LiveFilter): boolean {
  return (
    (filter.repositoryId === undefined || r.repositoryId === filter.repositoryId) &&
    (filter.repository === undefined || r.repository.toLowerCase() === filter.repository.toLowerCase()) &&
    (filter.workflow === undefined || r.workflow === filter.workflow) &&
    (filter.runId === undefined || r.runId === filter.runId) &&
    (filter.runAttempt === undefined || r.runAttempt === filter.runAttempt) &&
    (filter.job === undefined || r.job === filter.job)
  );
}

/** Live (not revoked, not expired at `now`) and matching the filter. */
export function recordMatches(r: CredentialRecord, filter: LiveFilter, now: number): boolean {
  return r.revokedAt === undefined && r.expiresAt > now && selectorMatches(r, filter);
}

/**
 * How long a record is kept: until the upstream credential is dead (or the broker's deadline,
 * whichever is later) plus a margin for introspection and late sweeps; then both stores drop it.
 */
export function retainUntil(r: Pick<CredentialRecord, 'expiresAt' | 'upstreamExpiresAt'>): number {
  return Math.max(r.expiresAt, r.upstreamExpiresAt ?? 0) + 600;
}
