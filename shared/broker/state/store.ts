/**
 * Broker state behind one interface: a memory implementation for one instance, Redis for several
 * (same behaviour, one shared test suite: tests/broker/store-suite.ts). Nothing here is a secret
 * except `CredentialRecord.secret`, which is kept only so the broker can revoke upstream (the Redis
 * store keeps it encrypted, and both stores wipe it once the upstream revocation is settled).
 */
import { NUMERIC_ID } from '../../oidc/claims.js';
import type { InstanceCard } from '../ops/fleet.js';

/** Where a credential belongs: the write-ahead intent and the record carry the same. */
export interface CredentialPlace {
  readonly repository: string;
  readonly repositoryId: string;
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly audience: string;
  /** When `workflow` is a reusable workflow: the file of the workflow that called it in this run (a
   * kill switch on the caller reaches the callee's credentials). */
  readonly callerWorkflow?: string;
}

/** The place of a credential (a chained credential takes its parent's). */
export function placeOf(r: CredentialPlace): CredentialPlace {
  const { repository, repositoryId, workflow, job, step, runId, runAttempt, audience, callerWorkflow } = r;
  return {
    repository,
    repositoryId,
    workflow,
    job,
    step,
    runId,
    runAttempt,
    audience,
    ...(callerWorkflow ? { callerWorkflow } : {}),
  };
}

/** The audit-line fields of a credential's place (snake_case, run attempt a number). */
export function placeFields(r: CredentialPlace) {
  return {
    repository: r.repository,
    repository_id: r.repositoryId,
    workflow: r.workflow,
    job: r.job,
    step: r.step,
    run_id: r.runId,
    run_attempt: Number(r.runAttempt) || 1,
  };
}

export interface CredentialRecord extends CredentialPlace {
  readonly grantId: string;
  /** sha256 of the credential, for /revoke and /introspect look-ups without keeping it searchable. */
  readonly tokenHash: string;
  readonly kind: 'github' | 'jwt';
  /** GitHub tokens only: needed for DELETE /installation/token. Never logged or returned. */
  readonly secret?: string;
  readonly scope: string;
  readonly sub: string;
  /** The OIDC issuer of the job: which App (github.com, GHES, ghe.com tenant) revokes upstream. */
  readonly issuer?: string;
  /** The OIDC token's `check_run_id` (the job, or the matrix leg), when GitHub sent one. */
  readonly checkRunId?: string;
  readonly issuedAt: number;
  /** The broker's lifetime (the manifest ttl): the revocation deadline. */
  readonly expiresAt: number;
  /** When the upstream credential dies by itself (GitHub: an hour); retries of a failed revocation stop there. */
  readonly upstreamExpiresAt?: number;
  /** The claim counted for this credential, given back if the broker dies before issuing it. */
  readonly claimKey?: string;
  /**
   * Set while the credential has not left the broker (written before the response, cleared by
   * `deliver`): an instance killed in between leaves it queued at this time, and the sweep revokes it
   * upstream (EXCHANGE_INTERRUPTED) and gives its claim back, since nobody received it.
   */
  deliverBy?: number;
  /**
   * GitHub tokens that can start runs (since session 21 any permission at `write` or `admin`: an App
   * token's events start runs of every kind, chain.ts `dispatchTargets`): the repositories (owner/name,
   * lower case) they can start runs in.
   */
  readonly dispatchTo?: readonly string[];
  /**
   * The numeric ids of the `dispatchTo` repositories (name -> id), from GitHub's installation-token
   * answer (exactly the names asked): the run indexes follow a run's writes by id, so a repository
   * renamed after the token still finds its children's parent (absent on records of older versions).
   */
  readonly dispatchToIds?: Readonly<Record<string, string>>;
  /**
   * Dispatched runs: the runs whose broker-issued token could have started this credential's run
   * (and their own parents), so revoking or blocking any of them reaches it (docs/decisions.md).
   */
  readonly parentRuns?: readonly string[];
  /** Chained sessions: the credential this one was exchanged from, and every ancestor, root first. */
  readonly parentGrantId?: string;
  readonly chain?: readonly string[];
  revokedAt?: number;
  /**
   * Why it was revoked: a reason code of its `credential.revoked` line (`REVOKED_BY_ADMIN`,
   * `REVOKED_BY_HOLDER`, ...), so the job-end listing can tell the kill switch from the step's own
   * revocation (administrator activity vs the workload's). Absent on records of older versions.
   */
  revokedReason?: string;
  /** Upstream revocation: pending (retried from the queue), done, or failed (given up at upstreamExpiresAt). */
  revocation?: 'pending' | 'done' | 'failed';
  revokeAttempts?: number;
}

/** How a credential is marked revoked. */
export interface MarkRevokedOptions {
  /** Only if it is still undelivered (the sweep of an interrupted exchange must not beat a late `deliver`). */
  readonly undeliveredOnly?: boolean;
  /** The reason code kept as `revokedReason`. */
  readonly reason?: string;
  /**
   * The upstream attempt that follows is leased: the queue entry moves to this time if that is
   * earlier, in the same step, so an instance killed mid-call leaves the retry to another one then
   * (not at the credential's deadline). Its own outcome (settle or retry) moves the entry again.
   */
  readonly retryAt?: number;
}

/**
 * What the broker writes before minting (write-ahead): enough to give the claim back and to find
 * the credential's deadline if the instance dies before the full record is stored.
 */
export interface Intent extends CredentialPlace {
  readonly grantId: string;
  readonly claimKey: string;
  readonly deadline: number;
  /**
   * When the sweep may take the intent as abandoned (the exchange's in-flight window); default the
   * deadline. Taking it early is safe: `put` of a record whose intent is gone fails (IntentGone).
   */
  readonly sweepAt?: number;
}

/** `put` of an exchange's record after a sweep took its intent: the exchange must not deliver it. */
/**
 * The redis state's connection is not (yet) verified to be in the URL's database since it last
 * (re)connected: nothing was read or written. `ERR_STATE_DB` with the fix when the server refused the
 * SELECT; the exchange answers 503 temporarily_unavailable.
 */
export class StateDbUnverified extends Error {}

/**
 * The state store no longer holds the epoch this instance started on (a restart without
 * persistence, FLUSHALL, a lost disk, a failover to a server that never had the data): every used
 * jti, kill-switch block, claim and revocation deadline may be gone. Fails closed until an operator
 * puts the epoch back (the message says how), never silently serving on an empty store.
 */
export class StateLost extends Error {}

/**
 * The state store was reconfigured at run time so that it can no longer hold the broker's state (an
 * evicting maxmemory-policy): its message is stateServerProblems' words, with the fix.
 */
export class StateUnfit extends Error {}

/**
 * The state store answers as a read-only replica (INFO `role:slave`, or a write refused `READONLY`):
 * a failover promoted another server while this instance still talks to the old primary, or
 * `state:` names a replica. It does not heal by itself, so the refusal names the fix, not "retry".
 */
export const STATE_READONLY_TEXT =
  'ERR_STATE_READONLY: the state store is a read-only replica (a failover promoted another server, or state: names a replica): every write is refused, so every exchange is refused. Fix: point state: at the primary, or use redis-sentinel://<sentinels>/<primary name> so the broker follows failovers (docs/deploy.md)';

/** STATE_READONLY_TEXT when `state:` is redis-sentinel:// (the broker reconnects and asks them again). */
export const STATE_READONLY_SENTINEL_TEXT =
  'ERR_STATE_READONLY: the server the Sentinels named answers as a read-only replica (a failover under way, or done by hand and not told to the Sentinels): every exchange is refused while the broker reconnects and asks the Sentinels for the primary again. Fix, if it lasts: make the Sentinels name the primary (redis-cli -p <sentinel port> SENTINEL get-master-addr-by-name <name>; docs/operations.md, ERR_STATE_READONLY)';

/** This instance's clock is too far off the state store's (TIME): see MAX_CLOCK_SKEW_SECONDS. */
export class ClockSkewed extends Error {}

export class IntentGone extends Error {
  constructor(readonly grantId: string) {
    super(
      `ERR_EXCHANGE_INTERRUPTED: the write-ahead intent of grant ${grantId} was swept (the exchange outlived its in-flight window)`,
    );
  }
}

/**
 * The format of what this version writes in a shared store (records, and the keys beside them), named
 * in every record (`v` in its `r` text) and in `stepwarden:formats`. A record without `v` is format 1
 * (written before session 23). A version that changes what an older one would misread raises it; it
 * still reads every lower format, and an older instance refuses what it cannot read by name
 * (ERR_STATE_RECORD_NEWER per record, ERR_STATE_FORMAT_NEWER at start) instead of guessing
 * (docs/decisions.md, "Operating the broker (session 23)").
 */
export const STORE_FORMAT = 1;

/**
 * A stored record (or its sealed secret) that cannot be read: changed in the store by someone with
 * write access, written by something else, sealed under a key this instance lacks, or written by a
 * newer version in a format this one does not know. `elsewhere`: another instance (with that key, of
 * that version) can handle it, so this one leaves it queued. `partial`: the record
 * without its secret, when only the secret is unreadable.
 */
export class RecordUnreadable extends Error {
  constructor(
    readonly code:
      | 'ERR_STATE_RECORD_CORRUPT'
      | 'ERR_STATE_SECRET_TAMPERED'
      | 'ERR_STATE_KEY_UNKNOWN'
      | 'ERR_STATE_RECORD_NEWER',
    readonly grantId: string,
    detail: string,
    readonly partial?: CredentialRecord,
  ) {
    super(`${code}: the stored record of grant ${grantId} cannot be read (${detail.slice(0, 200)})`);
  }

  get elsewhere(): boolean {
    return this.code === 'ERR_STATE_KEY_UNKNOWN' || this.code === 'ERR_STATE_RECORD_NEWER';
  }
}

/**
 * The RecordUnreadable behind an error, when it is one or a fail-closed refusal made of one (the
 * service's store answers 503 for it, keeping it as the cause).
 */
export function unreadableIn(err: unknown): RecordUnreadable | undefined {
  if (err instanceof RecordUnreadable) return err;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof RecordUnreadable ? cause : undefined;
}

/**
 * A due entry held by holdMany(): its record as the hold step read it (undefined: none stored), or
 * why it could not be read (`error`, a RecordUnreadable: that entry fails alone), or `unread` (a
 * record key of another type: the sweep's own get() fails that entry alone).
 */
export type HeldEntry =
  { readonly record: CredentialRecord | undefined } | { readonly error: unknown } | { readonly unread: true };

/**
 * What takeDue() took: the due entries (as due() answers), each one's record as the step read it
 * (as holdMany() answers), and which of them it expired (a broker JWT alone in its run: TTL_PASSED
 * and settled, its `credential.expired` line owed by the caller; the others are leased to it).
 */
export interface TakenBatch {
  readonly ids: string[];
  readonly held: HeldEntry[];
  readonly expired: boolean[];
  /**
   * What earlier takes expired whose lines nobody wrote past their lease (the instance died between
   * its take and its lines, or its answer never came and it is gone): moved to this take, each with
   * its record as the step read it, its `credential.expired` line now owed by this caller (session 43).
   */
  readonly adopted?: readonly { readonly id: string; readonly held: HeldEntry }[];
}

/** An entry of expireAloneMany(): a broker JWT and its run. */
export interface AloneEntry {
  readonly grantId: string;
  readonly runId: string;
}

export interface LiveFilter {
  readonly repositoryId?: string;
  readonly repository?: string;
  readonly workflow?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  readonly job?: string;
  /** Tokens that can start runs in this repository (owner/name). */
  readonly dispatchTo?: string;
  /** Credentials of runs started (transitively) by this run's broker-issued tokens. */
  readonly parentRun?: string;
}

/**
 * How long a run's parent links and a writing run's entry are kept (chain.ts): GitHub cancels a
 * workflow run after 35 days, waiting and approvals included ("Usage limits for self-hosted runners",
 * docs.github.com; a job runs at most 5 days self-hosted, 6 hours hosted, inside those 35), plus a day
 * for clock skew and the job-end listing. A run started by a writing token can exchange until this
 * long after that token died; a child linked at one exchange stays linked at its later ones this long.
 */
export const RUN_KEEP_SECONDS = 36 * 86_400;

/**
 * Runs kept per repository in each run index: the window of writing runs (kept only while their
 * tokens' records are, `until`) and the run links (kept RUN_KEEP_SECONDS). The window holds at most
 * the `per-repository` default's 600/min x 70 minutes of tokens (42,000), so only a raised rate limit
 * fills it; then chain.ts refuses an App-started run's exchange (ERR_DISPATCH_PARENTS_UNKNOWN) rather
 * than guess its parents (session 25: the 36-day index of session 23 overflowed at 1,400 writing runs
 * a day, and its overflow adopted every blocked run of any owner).
 */
export const RUNS_PER_REPOSITORY = 50_000;

/**
 * A run whose writing GitHub token (`dispatchTo`) may still be live, in the window of one repository
 * it can start runs in: indexed by the store as it stores the token's record, per (issuer,
 * repository), until its `until` (the records' window), no longer.
 */
export interface WriterRun {
  readonly runId: string;
  /** When its first such token was issued (a child created before it cannot be its child). */
  readonly first: number;
  /** `retainUntil` of its latest such token: the window's end for this run. */
  readonly until: number;
  /** Its own ancestry (the record's `parentRuns`, bounded by chain.ts MAX_ANCESTRY). */
  readonly parents: readonly string[];
}

export interface WriterRunsQuery {
  readonly issuer: string;
  /** owner/name, lower case (a token's `dispatchTo`), or `#ID` (dispatchKeyOf: its id, when known). */
  readonly repository: string;
  /** Every run with `until >= liveAt`. */
  readonly liveAt: number;
}

export interface WriterRunsFound {
  readonly runs: WriterRun[];
  /** The bound dropped a run still in its window (RUNS_PER_REPOSITORY): the window is not whole. */
  readonly overflowed: boolean;
}

/**
 * A run that held a writing GitHub token, by run id (every issuer): one entry per run, kept
 * RUN_KEEP_SECONDS past `until`, with no per-repository bound (chain.ts looks up the kill switch's
 * blocked runs here: a run is a parent only if it really wrote to the child's repository).
 */
export interface Writer {
  readonly issuer: string;
  readonly runId: string;
  /** The writing run's own repository (its run link's key). */
  readonly repositoryId: string;
  readonly first: number;
  readonly until: number;
  /**
   * The repositories (owner/name, lower case) its tokens could start runs in, each with the first
   * issue of such a token (a run created before it was not started by this run's tokens there); the
   * same again by id (`#ID`, dispatchKeyOf) where GitHub's answer gave it.
   */
  readonly to: Readonly<Record<string, number>>;
}

/** A run's own key for its parent links: GitHub's run ids are per issuer, the repository by id. */
export interface RunKey {
  readonly issuer: string;
  readonly repositoryId: string;
  readonly runId: string;
}

/** A repository a blocked run's descendants wrote to (Store.noteReach), from its first such token. */
export interface RunReach {
  readonly issuer: string;
  readonly repositoryId: string;
  readonly since: number;
}

/** An App-started run's link: its first exchange (its run was created before) and its direct parents. */
export interface RunLink {
  readonly first: number;
  readonly parents: readonly string[];
}

/** The index key of a repository's writing runs, and of a repository's parent links: one spelling. */
export const writerRunsKey = (issuer: string, repository: string): string =>
  JSON.stringify([issuer, repository.toLowerCase()]);
export const runLinksKey = (k: Pick<RunKey, 'issuer' | 'repositoryId'>): string =>
  JSON.stringify([k.issuer, k.repositoryId]);

/**
 * The repository key of a writing record's target in the run indexes: `#ID` (blockOfRepositoryId's
 * spelling; a GitHub name never holds `#`) when GitHub's answer gave its id, else its lower-case name
 * (a record of an older version). Keyed by id, a rename between the token and its child's exchange
 * does not hide the parent (the child's OIDC token names the repository's new name, and its id).
 */
export function dispatchKeyOf(r: Pick<CredentialRecord, 'dispatchToIds'>, name: string): string {
  const n = name.toLowerCase();
  const id = r.dispatchToIds?.[n];
  return id !== undefined && NUMERIC_ID.test(id) ? blockOfRepositoryId(id) : n;
}

/**
 * A writing record's entry (store.ts Writer), merged by the stores with the run's earlier ones. Its
 * targets by name and, where known, by id (`#ID`): an older instance reads the names.
 */
export function writerOf(r: CredentialRecord): Writer {
  const to: Record<string, number> = {};
  for (const n of r.dispatchTo ?? []) {
    to[n.toLowerCase()] = r.issuedAt;
    to[dispatchKeyOf(r, n)] = r.issuedAt;
  }
  return {
    issuer: r.issuer ?? '',
    runId: r.runId,
    repositoryId: r.repositoryId,
    first: r.issuedAt,
    until: retainUntil(r),
    to,
  };
}

/** Two entries of one run (and issuer): the earliest first issue, the latest end, every target. */
export function mergeWriters(a: Writer, b: Writer): Writer {
  return {
    ...b,
    first: Math.min(a.first, b.first),
    until: Math.max(a.until, b.until),
    to: Object.fromEntries(
      [...new Set([...Object.keys(a.to), ...Object.keys(b.to)])].map((n) => [
        n,
        Math.min(a.to[n] ?? Infinity, b.to[n] ?? Infinity),
      ]),
    ),
  };
}

/** A kill-switch block: every exchange matching all given fields is refused until it is lifted. */
export interface Block {
  readonly repository?: string;
  readonly workflow?: string;
  readonly runId?: string;
  readonly actor: string;
  readonly at: number;
  /**
   * An id block (`#ID`) the broker wrote beside a name block, learned from GitHub or live credentials
   * at `/admin/revoke`: the name block's repository (blockFold), so lifting that block lifts this one.
   */
  readonly learnedFrom?: string;
}

export type BlockSelector = Pick<Block, 'repository' | 'workflow' | 'runId'>;

/** The workload an exchange is for, as blocks match it. */
export interface BlockSubject {
  readonly repository: string;
  /** The token's repository_id: a block by id (`#ID`, blockOfRepositoryId) survives a rename. */
  readonly repositoryId?: string;
  readonly workflow: string;
  /**
   * The workflow that runs `workflow` as a reusable one (the token's workflow_ref): a block of the
   * caller covers the callee's grants in its runs, as the responder expects of "block release.yml".
   */
  readonly callerWorkflow?: string;
  readonly runId: string;
  /** A dispatched run's parents: a block of any of them blocks it too. */
  readonly parentRuns?: readonly string[];
}

/**
 * A message to every instance to drop cached copies (manifests, organization policies) for a
 * repository, an owner, or everything. Only caches: nothing depends on receiving it.
 */
export interface Invalidation {
  readonly repository?: string;
  readonly owner?: string;
  readonly why: 'block' | 'unblock' | 'refresh';
}

export interface Store extends Gates {
  /** True the first time `key` is seen within `ttlSeconds` (OIDC `jti` single use). */
  useOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * True when `useOnce(key)` was already called and has not expired, without using it: lets the
   * broker refuse a replay before it charges the repository's rate limit, and lets a dry run say so.
   * Optional: without it a replay is found at `admit`, after the rate limit.
   */
  seen?(key: string): Promise<boolean>;
  /**
   * The exchange gate in one round trip: marks `jtiKey` used (true the first time within
   * `ttlSeconds`) and returns the blocks in force, so a kill switch is seen on every exchange.
   */
  admit(jtiKey: string, ttlSeconds: number): Promise<{ fresh: boolean; blocks: Block[] }>;
  /**
   * Counts one claim of a grant; resolves to the count including this one. `holder` (the grant id)
   * names the claim so that giving it back is idempotent: any number of give-backs of one holder
   * free one claim, whoever (the exchange, the sweep, a revocation) gets there.
   */
  claim(key: string, ttlSeconds: number, holder?: string): Promise<number>;
  /** Gives back a claim that was counted but not issued: `holder`'s, or any one without it. */
  unclaim(key: string, holder?: string): Promise<void>;
  /**
   * How many claims of `key` are counted now, without counting one: lets a dry run say that a grant
   * was already claimed. Optional: without it a dry run says it cannot tell (`claims_checked: false`).
   */
  claimed?(key: string): Promise<number>;
  /** Write-ahead: the intent is queued (at `sweepAt`, else its deadline) before anything is minted. */
  intend(intent: Intent): Promise<void>;
  /**
   * A look at a claim over `uses` (composedGate's, and a dry run's): the earliest queue time of its
   * holders other than `except` that are in flight (intent there, or record stored and not delivered
   * nor revoked), undefined when none is. Optional: without it composedGate keeps an attempt over
   * `uses` counted, and a dry run says `ERR_GRANT_ALREADY_CLAIMED`.
   */
  inFlight?(claimKey: string, except: string): Promise<number | undefined>;
  /**
   * Takes an intent whose record was never stored (mint failed, or the sweep found it abandoned) and
   * gives back its claim (`claimKey`, held by its grant id), in one atomic step: resolves to it when
   * this call removed it, undefined when it was gone (stored or taken; nothing is given back then).
   * One step, not abandon then unclaim: a caller killed between the two left the claim counted with
   * no intent for any sweep to find (session 27).
   */
  abandon(grantId: string): Promise<Intent | undefined>;
  /**
   * Stores the credential and (re)queues its revocation at `deliverBy` (not yet delivered), else
   * `expiresAt`. A record with `deliverBy` needs its intent still there, atomically: else IntentGone.
   */
  put(record: CredentialRecord): Promise<void>;
  /**
   * The credential is leaving the broker: clears `deliverBy` and queues the deadline, atomically,
   * unless it was revoked meanwhile (by the sweep or the kill switch): then `delivered` is false and
   * it must not be returned. The blocks in force come back in the same round trip.
   */
  deliver(grantId: string, jobEndKey?: string): Promise<Delivery>;
  /**
   * `put` and `deliver` in one step, for a credential with nothing upstream to revoke (a broker JWT,
   * no `secret`), once its audit line is on disk: stored delivered (no `deliverBy`) with its deadline
   * queued, only while its write-ahead intent is there (atomically: else IntentGone and nothing is
   * written); the blocks in force come back. A GitHub token still takes put, then deliver: its
   * record (with the sealed token) must be stored before its audit line, so that an instance killed
   * in between leaves something the sweep can revoke upstream. Optional: put() then deliver() otherwise.
   */
  putDelivered?(record: CredentialRecord, jobEndKey?: string): Promise<Omit<Delivery, 'delivered'>>;
  /**
   * The job-end listing's mark (jobEndKey): every later gate of that job says `jobEnded`, and so does
   * the delivery of an exchange that was minting when it was written. Kept `ttlSeconds`.
   */
  endJob(jobEndKey: string, ttlSeconds: number): Promise<void>;
  /** Whether the job-end mark is there (composedGate's, and a dry run's). */
  jobEnded(jobEndKey: string): Promise<boolean>;
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
  /**
   * The window of a repository's writing runs (chain.ts `dispatchParents`): the store indexes each
   * record with `dispatchTo` as it stores it (run, first issue, `retainUntil`, its ancestry), per
   * (issuer, repository), until its `until`, at most RUNS_PER_REPOSITORY runs. Reads the runs with
   * `until >= liveAt` only (O(matching)), never the records.
   */
  writerRuns(q: WriterRunsQuery, now: number): Promise<WriterRunsFound>;
  /** The writing runs of these ids (every issuer), kept RUN_KEEP_SECONDS past their `until`. */
  writers(runIds: readonly string[], now: number): Promise<Writer[]>;
  /**
   * Notes an exchange of an App-started run: adds `parents` (its direct parents) to its link, kept
   * RUN_KEEP_SECONDS from this exchange (at most RUNS_PER_REPOSITORY runs per repository), and
   * resolves to the link (first exchange, every direct parent it was ever linked to).
   */
  linkRun(run: RunKey, parents: readonly string[], now: number): Promise<RunLink>;
  /** A run's link, if kept, without writing. */
  runLink(run: RunKey, now: number): Promise<RunLink | undefined>;
  /** The App-started runs of a repository whose first exchange was at or after `firstFrom`. */
  linkedRuns(
    k: Pick<RunKey, 'issuer' | 'repositoryId'>,
    firstFrom: number,
    now: number,
  ): Promise<(RunLink & { readonly runId: string })[]>;
  /**
   * The kill switch's reach of a blocked run (chain.ts lateDescendants): each repository (by issuer
   * and id) one of its descendants, or the run itself, wrote to, from the first such token. Replaces
   * what was kept for the run; kept RUN_KEEP_SECONDS. An exchange of an App-started run of such a
   * repository created after it counts the blocked run a parent (dispatchParents): refused.
   */
  noteReach(runId: string, reach: readonly RunReach[], now: number): Promise<void>;
  /** The kept reaches of these runs (a run without one: absent). */
  reaches(runIds: readonly string[], now: number): Promise<Map<string, RunReach[]>>;
  /** Live (not revoked, not expired at `now`) credentials matching every given field. */
  live(filter: LiveFilter, now: number): Promise<ListedRecords>;
  /**
   * Grant ids whose revocation is due at `now`, leased to this caller for `leaseSeconds` so that
   * instances sweeping together each take a different one; atomic in the store.
   */
  due(now: number, limit: number, leaseSeconds: number): Promise<string[]>;
  /**
   * Just before the sweep works a due entry: renews this caller's lease on it, false when the lease
   * ran out and another instance took it meanwhile (a slow batch must not work an entry twice).
   * Optional: a store with one sweeper (memory) needs none.
   */
  hold?(grantId: string, leaseSeconds: number): Promise<boolean>;
  /**
   * hold() of a whole due() batch in one store step, each entry's record read beside its renewed
   * lease: undefined for an entry not held (hold()'s false), else what the step read. For the
   * entries the sweep works at once (revocation.ts: the broker JWTs it expires in one step with
   * expireAloneMany); an entry worked later is held again then (hold()), its lease renewed and its
   * record read afresh. A store with one sweeper (memory) answers every entry. Optional; the sweep
   * takes it with expireAloneMany only.
   */
  holdMany?(grantIds: readonly string[], leaseSeconds: number): Promise<(HeldEntry | undefined)[]>;
  /**
   * A sweep that stops on an error gives back the leases it still holds on these entries (due again
   * at once), where they are still its own: one transient store error (a command past its deadline
   * on a loaded machine) would otherwise keep every entry of the batch from every sweeper for the
   * whole lease. Best effort; optional.
   */
  release?(grantIds: readonly string[]): Promise<void>;
  /**
   * How many revocations are overdue at `now`: queued credentials (or write-ahead intents) whose
   * deadline (in-flight window while undelivered) is at or before `now` and whose revocation is not
   * settled (never swept, or GitHub has not confirmed it yet). For the overdue gauge, read at scrape
   * time; counts at most `cap` queue entries.
   * Optional: without it the gauge stays 0.
   */
  overdue?(now: number, cap?: number): Promise<number>;
  /**
   * Queued credentials revoked at the broker whose upstream revocation failed and is being retried
   * (`revocation: pending`), at most `cap` looked at: the number an operator alerts on while GitHub
   * is down (`overdue` does not count a credential revoked before its own expiry). Optional.
   */
  pendingRevocations?(cap?: number): Promise<number>;
  /**
   * Marks revoked; false when it already was (so a revocation is done and audited once). A credential
   * never delivered (`deliverBy` set) gives its claim back in the same step. `undeliveredOnly`: only
   * if it is still undelivered (the sweep of an interrupted exchange must not beat a late `deliver`).
   */
  markRevoked(grantId: string, at: number, opts?: MarkRevokedOptions): Promise<boolean>;
  /**
   * The sweep of a delivered credential whose deadline passed, in one step when nothing else is
   * owed: marks it revoked at `at` (reason `TTL_PASSED`) and settles its revocation `done` (queue entry dropped), only if
   * it is not revoked yet, was delivered, holds no secret (nothing to revoke upstream: a broker JWT)
   * and no other credential is indexed under its run (so none can descend from it). False, and
   * nothing written, otherwise: the caller takes the step-by-step path (markRevoked, the chained
   * descendants, settleRevocation), which the outcome of this one equals. Optional.
   */
  expireAlone?(grantId: string, runId: string, at: number): Promise<boolean>;
  /**
   * expireAlone() of several entries in one store step (each decided on its own, as expireAlone()
   * decides it, an entry that fails leaving the others alone): true for each expired. Optional.
   */
  expireAloneMany?(entries: readonly AloneEntry[], at: number): Promise<boolean[]>;
  /**
   * due(), holdMany() and expireAloneMany() of one batch in one store step (session 42): the due
   * entries, each either expired (a broker JWT of kind `jwt` that expireAlone() would expire, at
   * `take.at`) or leased to this caller with its record read beside the lease. `take.tag` names this
   * take: what it expired stays listed under it (takenBy()) until a later take of this caller names
   * it in `take.written` (its lines written), so a caller whose answer was lost writes the lines it
   * owes. Optional: due(), holdMany() and expireAloneMany() otherwise.
   */
  takeDue?(
    now: number,
    limit: number,
    leaseSeconds: number,
    take: { at: number; tag: string; written: readonly string[] },
  ): Promise<TakenBatch>;
  /**
   * The ids a takeDue() of this tag expired (none once a later take dropped the list, or another
   * caller adopted it); read, the list is leased to this caller again for `leaseSeconds`, so no other
   * adopts it while its lines are written.
   */
  takenBy?(tag: string, leaseSeconds?: number): Promise<string[]>;
  /** The lists of takes whose lines are durable, dropped (a stopping instance's last step). */
  dropTaken?(tags: readonly string[]): Promise<void>;
  /**
   * The upstream revocation failed: retry at `at` (the queue is the durable retry list). False, and
   * nothing written, when its revocation is already settled: a sweeper paused
   * past its lease (SIGSTOP) whose call then failed must not re-queue what another instance finished.
   * 'again' when it was already pending (re-queued all the same): another failure was recorded
   * first, and with it its one `revocation_pending` line (two instances' DELETEs, one past its lease).
   */
  retryRevocation(grantId: string, at: number, attempts: number): Promise<boolean | 'again'>;
  /**
   * The upstream revocation is over (done or given up): the secret is wiped, the queue entry dropped.
   * First settle wins: false when it was already settled (nothing changed), so one terminal audit
   * line is written however many instances worked the entry (one paused past its lease, then
   * resumed). A record already gone is true: nobody else said how it ended.
   */
  settleRevocation(grantId: string, outcome: 'done' | 'failed'): Promise<boolean>;
  /** `limit` requests per `windowSeconds` (token bucket, on the store's clock): allowed, or seconds to wait. */
  rateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfter: number }>;
  /**
   * Writes a block; with `whileHeld`, only while the block of that selector is held, in one step (an id
   * block learned from a name block: an unblock of the name that came first must not be undone by it).
   * False when `whileHeld`'s block is gone (nothing written).
   */
  block(block: Block, whileHeld?: BlockSelector): Promise<boolean>;
  /** Lifts a block; false when none matched the selector exactly. */
  unblock(selector: BlockSelector): Promise<boolean>;
  blocks(): Promise<Block[]>;
  /** Shared stores: tells every instance (itself included) to drop caches. */
  publish?(msg: Invalidation): Promise<void>;
  /**
   * Shared stores: `fn` receives every instance's messages, and `{ why: 'refresh' }` (drop
   * everything) when the subscription comes back after a disconnect, since messages may have been missed.
   */
  subscribe?(fn: (msg: Invalidation) => void): Promise<void>;
  /**
   * `state-strict`: resolves once a replica has every write the primary took so far (a revocation, a
   * block), rejects when none acknowledged within the strict deadline. Absent or a no-op where no
   * failover can lose a write the broker answered for (memory state, a store without strict mode).
   */
  replicatedNow?(): Promise<void>;
  /**
   * The store's own clock, whole seconds (Redis TIME), where it judges deadlines by one of its own:
   * the clock the sweep revokes by. Absent: the caller's clock is the store's (memory, or a Redis
   * store with `callerClock`).
   */
  serverNow?(): Promise<number>;
  /** Readiness beyond answering: rejects with the reason when the store can no longer hold the state. */
  health?(): Promise<void>;
  /**
   * Shared stores: publishes this instance's card (the store adds the state key ids it seals with and
   * opens) and returns the live cards of every instance, this one's included (ops/fleet.ts).
   */
  announce?(card: InstanceCard): Promise<InstanceCard[]>;
  /** Removes this instance's card (a clean stop), so the others stop counting it at their next look. */
  retire?(instance: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The kill switch's one spelling of a repository name (blockKey, blockKeysFor, blockMatches, so the
 * memory store's match and the Redis store's keys agree): upper case first, so two names that differ
 * only in ASCII case (what a grant's ASCII-case match treats as one) become the same string and stay
 * one whatever follows; then NFKC, so fullwidth letters and the Kelvin sign a responder pasted become
 * the ASCII they look like; then lower case (dotless `ı` went to `I` and comes back `i`). A block is
 * therefore never narrower than a grant, and may be wider: that errs toward stopping.
 */
export function blockFold(name: string): string {
  return name.toUpperCase().normalize('NFKC').toLowerCase();
}

/** One key per selector, so the same block written twice is one block. */
export function blockKey(s: BlockSelector): string {
  return JSON.stringify([
    s.repository === undefined ? '' : blockFold(s.repository),
    s.workflow ?? '',
    s.runId ?? '',
  ]);
}

/**
 * A block of a repository by its id, written in the repository slot as `#ID` (a GitHub name never
 * holds `#`), so blocks keep one key shape in both stores. A name block is evaded by renaming the
 * repository (the manifest binds ids, so its grants go on under the new name); an id block is not.
 */
export const blockOfRepositoryId = (id: string): string => `#${id}`;

/** The id block a name block learns (the repository's id, with the name block's workflow and run). */
export function idBlockBeside(id: string, name: Pick<BlockSelector, 'workflow' | 'runId'>): BlockSelector {
  return {
    repository: blockOfRepositoryId(id),
    ...(name.workflow ? { workflow: name.workflow } : {}),
    ...(name.runId ? { runId: name.runId } : {}),
  };
}

/** The repository id of an id block (`#ID`), undefined for a block by name: the one reading of both. */
export const repositoryIdOfBlock = (block: string): string | undefined =>
  block.startsWith('#') && NUMERIC_ID.test(block.slice(1)) ? block.slice(1) : undefined;

function repositoryMatches(block: string, s: BlockSubject): boolean {
  if (repositoryIdOfBlock(block) !== undefined)
    return s.repositoryId !== undefined && block === blockOfRepositoryId(s.repositoryId);
  return blockFold(block) === blockFold(s.repository);
}

export function blockMatches(b: BlockSelector, s: BlockSubject): boolean {
  return (
    (b.repository === undefined || repositoryMatches(b.repository, s)) &&
    (b.workflow === undefined || b.workflow === s.workflow || b.workflow === s.callerWorkflow) &&
    (b.runId === undefined || b.runId === s.runId || (s.parentRuns?.includes(b.runId) ?? false))
  );
}

/** Every field the filter names matches (live or not). */
export function selectorMatches(r: CredentialRecord, filter: LiveFilter): boolean {
  return (
    (filter.repositoryId === undefined || r.repositoryId === filter.repositoryId) &&
    (filter.repository === undefined || r.repository.toLowerCase() === filter.repository.toLowerCase()) &&
    (filter.workflow === undefined ||
      r.workflow === filter.workflow ||
      r.callerWorkflow === filter.workflow) &&
    (filter.runId === undefined || r.runId === filter.runId) &&
    (filter.runAttempt === undefined || r.runAttempt === filter.runAttempt) &&
    (filter.job === undefined || r.job === filter.job) &&
    (filter.dispatchTo === undefined || (r.dispatchTo?.includes(filter.dispatchTo.toLowerCase()) ?? false)) &&
    (filter.parentRun === undefined || (r.parentRuns?.includes(filter.parentRun) ?? false))
  );
}

/** Live (not revoked, not expired at `now`) and matching the filter. */
/**
 * A listing (live(), list()). `damagedIndexes`: index keys found of the wrong type, with the type
 * they hold; the listing went around them (Redis: through the revocation queue) and is complete, but
 * the operator must repair them (the answer and the audit name them).
 */
export type ListedRecords = CredentialRecord[] & {
  damagedIndexes?: string[];
  /**
   * Matching records whose sealed secret this instance cannot open (ERR_STATE_KEY_UNKNOWN: another
   * instance seals with a key this one lacks), without their secret: not in the listing proper (this
   * instance cannot revoke them), but a job end must not answer "complete" over them.
   */
  unopened?: CredentialRecord[];
  /** Why each of `unopened` was not opened, by grant id (ERR_STATE_KEY_UNKNOWN, ERR_STATE_RECORD_NEWER). */
  unopenedCodes?: Record<string, string>;
};

/** The on-call's words for an index key of the wrong type: what it broke, what still holds, the fix. */
export function damagedIndexText(key: string): string {
  const name = key.replace(/ \(\w+\)$/, '');
  return `ERR_STATE_WRONGTYPE: the state store's index key ${key} holds another type than the broker's (a stray write under stepwarden: replaced it); its credentials were listed through the revocation queue instead, completely. Stop what writes under stepwarden:, then redis-cli DEL ${name} (runbook: docs/operations.md, ERR_STATE_WRONGTYPE)`;
}

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

/**
 * The checks before the decision, in one step where the store can: whether the OIDC token's `jti`
 * was already used (then the rate limit is not charged, so replays cannot starve a repository's
 * bucket), else one token of the repository's bucket.
 */
export interface ScreenRequest {
  readonly jtiKey: string;
  readonly rateKey: string;
  readonly limit: number;
  readonly windowSeconds: number;
  readonly now: number;
}

export interface ScreenResult {
  readonly seen: boolean;
  readonly allowed: boolean;
  readonly retryAfter: number;
}

/**
 * The exchange's gate, in one atomic step where the store can: the `jti` marked used, the kill
 * switch read, then (fresh and not blocked) one claim counted for `intent.grantId`, then (within
 * `uses`) the write-ahead intent queued. What was not written is said, so nothing is left to undo
 * but a claim over `uses` (kept counted, as a second claim always was, unless another holder of it is
 * still in flight: then given back in the same step, `inFlightUntil`).
 */
export interface GateRequest {
  readonly jtiKey: string;
  readonly jtiTtlSeconds: number;
  /** Whom the kill switch's blocks are matched against. */
  readonly subject: BlockSubject;
  /** The exchange's job (jobEndKey), when its token names one: its job-end mark refuses the exchange. */
  readonly jobEndKey?: string;
  readonly claimTtlSeconds: number;
  readonly uses: number;
  /** Its `claimKey` is the claim counted, its `grantId` the claim's holder. */
  readonly intent: Intent;
}

export interface GateResult {
  readonly fresh: boolean;
  /** The blocks in force that match the subject, at least (the service says which one refused). */
  readonly blocks: Block[];
  /** Claims of the grant counting this one; undefined when none was counted (a replay, or blocked). */
  readonly count?: number;
  /** The intent is queued (fresh, not blocked, count within uses). */
  readonly intended: boolean;
  /** The job-end listing closed the exchange's job: nothing was counted or queued. */
  readonly jobEnded?: boolean;
  /**
   * Over `uses` while another holder of the claim is still in flight (its write-ahead intent is
   * there, or its record was stored and never delivered): this attempt was given back in the same
   * step, not counted, and this is the earliest time (seconds) a sweep may take one of them (its
   * in-flight window's end, or a sweeper's lease on it). A step's retry after its broker died
   * mid-exchange then gets the claim once the sweep gives the dead exchange's back; while that
   * exchange could still deliver, nothing is handed back.
   */
  readonly inFlightUntil?: number;
}

/**
 * What a delivery finds in the same step: whether the credential left (not revoked meanwhile), the
 * kill switch's blocks, and whether the job-end listing closed its job while it was minting.
 */
export interface Delivery {
  readonly delivered: boolean;
  readonly blocks: Block[];
  readonly jobEnded?: boolean;
}

/**
 * The job-end mark's key: one job of one run attempt, as the job-end listing reaches it by its
 * check run (a matrix leg is its own check run; a re-run attempt, another workflow's job of the
 * same name, get their own). Undefined without a check run: no precise identity, so no mark (a
 * `job=` name is shared by every matrix leg, and marking it would close the legs still running).
 */
export function jobEndKey(job: {
  readonly issuer?: string | undefined;
  readonly repositoryId: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly checkRunId?: unknown;
}): string | undefined {
  if (typeof job.checkRunId !== 'string' || !job.checkRunId) return undefined;
  return JSON.stringify([job.issuer ?? '', job.repositoryId, job.runId, job.runAttempt, job.checkRunId]);
}

export interface Gates {
  /** Optional: one round trip for seen() + rateLimit(); gateOf() composes them otherwise. */
  screen?(req: ScreenRequest): Promise<ScreenResult>;
  /** Optional: one round trip for admit() + claim() + intend(); gateOf() composes them otherwise. */
  gate?(req: GateRequest): Promise<GateResult>;
  /**
   * Optional: the screen then, when it lets the exchange on (not seen, within the rate limit), the
   * gate, in one atomic step; gatesOf() composes them otherwise. For an exchange whose decision was
   * taken without reaching GitHub: nothing the screen protects ran before it (docs/decisions.md,
   * "Broker speed (session 28)").
   */
  screenGate?(screen: ScreenRequest, gate: GateRequest): Promise<ScreenGateResult>;
}

/** The screen's answer, and the gate's when the screen let the exchange on (else nothing was written). */
export interface ScreenGateResult {
  readonly screen: ScreenResult;
  readonly gate?: GateResult;
}

/**
 * The block-hash fields (blockKey) of every selector that matches `s`: a store can look for blocks
 * of one subject by key instead of reading them all (blockMatches, as keys).
 */
export function blockKeysFor(s: BlockSubject): string[] {
  // blockKey's JSON array, put together from its elements' JSON (each encoded once, not per key).
  const any = '""';
  const repos = [
    any,
    JSON.stringify(blockFold(s.repository)),
    ...(s.repositoryId !== undefined && NUMERIC_ID.test(s.repositoryId)
      ? [JSON.stringify(blockOfRepositoryId(s.repositoryId))]
      : []),
  ];
  const workflows = [
    any,
    JSON.stringify(s.workflow),
    ...(s.callerWorkflow && s.callerWorkflow !== s.workflow ? [JSON.stringify(s.callerWorkflow)] : []),
  ];
  const runs = [any, ...[s.runId, ...(s.parentRuns ?? [])].map((r) => JSON.stringify(r))];
  const out: string[] = [];
  for (const r of repos)
    for (const w of workflows)
      for (const x of runs) if (r !== any || w !== any || x !== any) out.push(`[${r},${w},${x}]`);
  return out;
}

/** seen() then rateLimit(): the screen of a store without one step for it (and the memory store's). */
export async function composedScreen(store: Store, req: ScreenRequest): Promise<ScreenResult> {
  if (await store.seen?.(req.jtiKey)) return { seen: true, allowed: true, retryAfter: 0 };
  const r = await store.rateLimit(req.rateKey, req.limit, req.windowSeconds, req.now);
  return { seen: false, ...r };
}

/** admit(), the blocks, claim(), intend(): the gate of a store without one step for it (and the memory store's). */
export async function composedGate(store: Store, req: GateRequest): Promise<GateResult> {
  const { fresh, blocks } = await store.admit(req.jtiKey, req.jtiTtlSeconds);
  if (!fresh || blocks.some((b) => blockMatches(b, req.subject))) return { fresh, blocks, intended: false };
  if (req.jobEndKey !== undefined && (await store.jobEnded(req.jobEndKey)))
    return { fresh, blocks, intended: false, jobEnded: true };
  const { claimKey, grantId } = req.intent;
  let count: number;
  try {
    count = await store.claim(claimKey, req.claimTtlSeconds, grantId);
    if (count > req.uses) {
      // Another exchange of the claim may still deliver or be swept: this one waits, uncounted.
      const inFlightUntil = await store.inFlight?.(claimKey, grantId);
      if (inFlightUntil === undefined) return { fresh, blocks, count, intended: false };
      await store.unclaim(claimKey, grantId);
      return { fresh, blocks, count, intended: false, inFlightUntil };
    }
    await store.intend(req.intent);
  } catch (err) {
    // Applied but unanswered (the store went away mid-call): given back, harmless if never applied.
    await store.unclaim(claimKey, grantId).catch(() => undefined);
    throw err;
  }
  return { fresh, blocks, count, intended: true };
}

/** The screen, then the gate when the screen lets the exchange on: a store without one step for both. */
export async function composedScreenGate(
  gates: Pick<Required<Gates>, 'screen' | 'gate'>,
  screen: ScreenRequest,
  gate: GateRequest,
): Promise<ScreenGateResult> {
  const screened = await gates.screen(screen);
  if (screened.seen || !screened.allowed) return { screen: screened };
  return { screen: screened, gate: await gates.gate(gate) };
}

/** The store's one-step screen and gate, or the same composed from its single steps. */
export function gatesOf(store: Store): Required<Gates> {
  const steps: Pick<Required<Gates>, 'screen' | 'gate'> = {
    screen: store.screen ? (req) => store.screen!(req) : (req) => composedScreen(store, req),
    gate: store.gate ? (req) => store.gate!(req) : (req) => composedGate(store, req),
  };
  return {
    ...steps,
    screenGate: store.screenGate
      ? (s, g) => store.screenGate!(s, g)
      : (s, g) => composedScreenGate(steps, s, g),
  };
}
