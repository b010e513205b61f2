/**
 * In-memory state: one broker instance, the embedded default. What it must keep (a used `jti` until
 * exp + tolerance, a claim for the single-use window of a run attempt, a credential record until its
 * retention) is kept compact, and dropped when its window passes:
 * - every entry is filed under the second it expires (`ExpiryWheel`), and each call drops what has
 *   come due since the last one, a bounded amount at a time: no scan of every map, so the cost of
 *   expiry follows the rate of exchanges, not the size of the state;
 * - the revocation queue is a min-heap: `due()` looks at what is due, not at every queued grant;
 * - keys are kept as 16-byte digests, strings repeated across exchanges once, records as one
 *   fixed-shape object each; a settled revocation wipes the secret at once;
 * - a capacity bounds it: past `capacity` live exchanges (used `jti`s, claims or records) new
 *   exchanges are refused (StateFull: 503, an alarm and a metric) instead of growing without end.
 * A restart forgets everything (the broker says so at start). docs/decisions.md, "Memory state".
 */
import { sha256Bytes } from '../../digest/sha256.js';
import {
  blockKey,
  composedGate,
  composedScreen,
  composedScreenGate,
  type Delivery,
  type GateRequest,
  type GateResult,
  retainUntil,
  mergeWriters,
  RUN_KEEP_SECONDS,
  runLinksKey,
  type RunReach,
  writerOf,
  dispatchKeyOf,
  writerRunsKey,
  type RunKey,
  type RunLink,
  type Writer,
  type WriterRunsFound,
  type WriterRunsQuery,
  type ScreenRequest,
  type ScreenResult,
  type ScreenGateResult,
  type Block,
  type BlockSelector,
  type CredentialRecord,
  IntentGone,
  type Intent,
  type LiveFilter,
  type MarkRevokedOptions,
  type AloneEntry,
  type HeldEntry,
  type TakenBatch,
  recordMatches,
  selectorMatches,
  type Store,
} from './store.js';
import { steadyNowMs } from '../../clock/steady.js';
import { RunIndex } from './run-index.js';

/** Default capacity: live exchanges held at once (about 0.5 GB of heap at the measured size). */
export const DEFAULT_MEMORY_CAPACITY = 1_000_000;
/** Writing runs the memory store keeps by id (store.ts `writers`): 36 days of them, at most this many. */
export const MEMORY_WRITERS = 1_000_000;

/** New exchanges are refused: the memory store holds `capacity` live exchanges. */
export class StateFull extends Error {
  constructor(
    readonly what: 'jti' | 'claims' | 'records',
    readonly capacity: number,
  ) {
    super(
      `ERR_STATE_FULL: the memory state holds its capacity of ${capacity} live ${what}; new exchanges are refused until windows pass (raise state-capacity, or use state: redis://…)`,
    );
  }
}

export interface MemoryStoreOptions {
  /** Live exchanges held at once before new ones are refused (default DEFAULT_MEMORY_CAPACITY). */
  readonly capacity?: number;
  /** Called (at most once a minute) while exchanges are refused for capacity: the alarm. */
  readonly onFull?: (err: StateFull) => void;
  /** Runs kept per repository in each run index (default RUNS_PER_REPOSITORY; tests set a few). */
  readonly runsPerRepository?: number;
}

/**
 * A 16-byte digest of a key, as a one-byte string of 16 characters (32 bytes on the heap, where a
 * claim key is about 200): SHA-256, so no key can be chosen to collide with another; a collision
 * could only refuse (a fresh token taken for a replay, a claim for a second one), never grant.
 */
function digest(key: string): string {
  return sha256Bytes(key).toString('latin1', 0, 16);
}

/**
 * A string built by concatenation is a tree of pieces until flattened; `normalize()` returns one flat
 * copy (what is kept for minutes should not be a tree of 16 parts).
 */
const flat = (s: string): string => s.normalize();

/** Strings repeated across exchanges (repository, workflow, job, step, audience, scope, sub, issuer). */
class Interner {
  private readonly pool = new Map<string, string>();
  constructor(private readonly cap = 50_000) {}
  get(s: string): string;
  get(s: string | undefined): string | undefined;
  get(s: string | undefined): string | undefined {
    if (s === undefined) return undefined;
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    // Bounded: once full, new values are kept as they come (correct, only not shared).
    if (this.pool.size >= this.cap) return s;
    const v = flat(s);
    this.pool.set(v, v);
    return v;
  }
}

/**
 * Keys filed under the (whole) second they expire. `drain` hands back the keys of seconds that have
 * passed, at most `budget` at a time (the rest on the next call), so no call pays for a whole burst.
 * Each owner checks an entry is still due before dropping it, so a key filed twice is harmless.
 */
class ExpiryWheel {
  private readonly buckets = new Map<number, string[]>();
  /** Seconds before this are drained; `pos` keys of second `at` are done. */
  private at = -1;
  private pos = 0;

  add(until: number, key: string): void {
    const sec = Math.ceil(until);
    // Filed in the past (the clock moved back, or a zero ttl): it goes in the next drain.
    const s = this.at >= 0 && sec < this.at ? this.at : sec;
    let b = this.buckets.get(s);
    if (!b) this.buckets.set(s, (b = []));
    b.push(key);
  }

  /** False when `drain(now)` would do nothing: every second up to `now` is drained already. */
  due(now: number): boolean {
    return this.at < 0 || this.at <= now;
  }

  drain(now: number, budget: number, fn: (key: string) => void): void {
    if (this.at < 0) {
      // First drain: start at the earliest second filed.
      let min = Infinity;
      for (const s of this.buckets.keys()) min = Math.min(min, s);
      if (min === Infinity) {
        this.at = Math.floor(now);
        return;
      }
      this.at = min;
    }
    while (this.at <= now && budget > 0) {
      const b = this.buckets.get(this.at);
      if (b) {
        while (this.pos < b.length && budget > 0) {
          fn(b[this.pos]!);
          b[this.pos++] = '';
          budget--;
        }
        if (this.pos < b.length) return;
        this.buckets.delete(this.at);
      }
      this.pos = 0;
      this.at++;
      // Nothing filed any more: every second up to now is drained. Walking them one by one blocked the
      // event loop for as long as the clock had jumped (a host booted at 1970 and then set right:
      // two billion turns of this loop, minutes, before the next request was read).
      if (this.buckets.size === 0) {
        this.at = Math.max(this.at, Math.floor(now) + 1);
        return;
      }
      // A long idle gap: jump to the next filed second instead of walking every empty one.
      if (!this.buckets.has(this.at) && this.buckets.size > 0 && this.buckets.size < 4096) {
        let next = Infinity;
        for (const s of this.buckets.keys()) if (s >= this.at) next = Math.min(next, s);
        if (next !== Infinity && next > this.at + 64) this.at = Math.min(next, Math.floor(now) + 1);
      }
    }
  }
}

/** Min-heap of (due time, grant id); stale entries (re-queued or dropped since) are skipped on pop. */
class DueHeap {
  private readonly at: number[] = [];
  private readonly id: string[] = [];

  get size(): number {
    return this.at.length;
  }

  push(at: number, id: string): void {
    let i = this.at.length;
    this.at.push(at);
    this.id.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.at[p]! <= at) break;
      this.at[i] = this.at[p]!;
      this.id[i] = this.id[p]!;
      i = p;
    }
    this.at[i] = at;
    this.id[i] = id;
  }

  peek(): number {
    return this.at.length ? this.at[0]! : Infinity;
  }

  pop(): [number, string] {
    const top: [number, string] = [this.at[0]!, this.id[0]!];
    const lastAt = this.at.pop()!;
    const lastId = this.id.pop()!;
    const n = this.at.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && this.at[l + 1]! < this.at[l]! ? l + 1 : l;
        if (this.at[c]! >= lastAt) break;
        this.at[i] = this.at[c]!;
        this.id[i] = this.id[c]!;
        i = c;
      }
      this.at[i] = lastAt;
      this.id[i] = lastId;
    }
    return top;
  }
}

/** The fields of CredentialRecord, in the order a record is rebuilt in. */
const FIELDS = [
  'grantId',
  'tokenHash',
  'kind',
  'secret',
  'audience',
  'scope',
  'sub',
  'repository',
  'repositoryId',
  'workflow',
  'callerWorkflow',
  'job',
  'step',
  'runId',
  'runAttempt',
  'issuer',
  'checkRunId',
  'issuedAt',
  'expiresAt',
  'upstreamExpiresAt',
  'claimKey',
  'deliverBy',
  'dispatchTo',
  'dispatchToIds',
  'parentRuns',
  'parentGrantId',
  'chain',
  'revokedAt',
  'revokedReason',
  'revocation',
  'revokeAttempts',
] as const;
const KNOWN = new Set<string>(FIELDS);

/**
 * One credential record, every field in the object itself (a record built by spreading and then
 * `delete`d from becomes a dictionary of about 700 bytes); absent fields are undefined, and fields
 * this version does not know are kept aside in `extra`.
 */
class Rec {
  grantId: string;
  tokenHash: string;
  kind: 'github' | 'jwt';
  secret: string | undefined;
  audience: string;
  scope: string;
  sub: string;
  repository: string;
  repositoryId: string;
  workflow: string;
  callerWorkflow: string | undefined;
  job: string;
  step: string;
  runId: string;
  runAttempt: string;
  issuer: string | undefined;
  checkRunId: string | undefined;
  issuedAt: number;
  expiresAt: number;
  upstreamExpiresAt: number | undefined;
  claimKey: string | undefined;
  deliverBy: number | undefined;
  dispatchTo: readonly string[] | undefined;
  dispatchToIds: Readonly<Record<string, string>> | undefined;
  parentRuns: readonly string[] | undefined;
  parentGrantId: string | undefined;
  chain: readonly string[] | undefined;
  revokedAt: number | undefined;
  revokedReason: string | undefined;
  revocation: 'pending' | 'done' | 'failed' | undefined;
  revokeAttempts: number | undefined;
  extra: Record<string, unknown> | undefined;

  constructor(r: CredentialRecord, s: Interner) {
    this.grantId = flat(r.grantId);
    this.tokenHash = flat(r.tokenHash);
    this.kind = r.kind;
    this.secret = r.secret;
    this.audience = s.get(r.audience);
    this.scope = s.get(r.scope);
    this.sub = s.get(r.sub);
    this.repository = s.get(r.repository);
    this.repositoryId = s.get(r.repositoryId);
    this.workflow = s.get(r.workflow);
    this.callerWorkflow = s.get(r.callerWorkflow);
    this.job = s.get(r.job);
    this.step = s.get(r.step);
    this.runId = flat(r.runId);
    this.runAttempt = s.get(r.runAttempt);
    this.issuer = s.get(r.issuer);
    this.checkRunId = r.checkRunId;
    this.issuedAt = r.issuedAt;
    this.expiresAt = r.expiresAt;
    this.upstreamExpiresAt = r.upstreamExpiresAt;
    this.claimKey = r.claimKey === undefined ? undefined : flat(r.claimKey);
    this.deliverBy = r.deliverBy;
    this.dispatchTo = r.dispatchTo;
    this.dispatchToIds = r.dispatchToIds;
    this.parentRuns = r.parentRuns;
    this.parentGrantId = r.parentGrantId;
    this.chain = r.chain;
    this.revokedAt = r.revokedAt;
    this.revokedReason = r.revokedReason;
    this.revocation = r.revocation;
    this.revokeAttempts = r.revokeAttempts;
    let extra: Record<string, unknown> | undefined;
    for (const k in r)
      if (!KNOWN.has(k) && Object.prototype.hasOwnProperty.call(r, k))
        (extra ??= {})[k] = (r as unknown as Record<string, unknown>)[k];
    this.extra = extra;
  }

  /** The record as the interface has it: only the fields that are set. */
  out(): CredentialRecord {
    const o: Record<string, unknown> = {};
    for (const k of FIELDS) if (this[k] !== undefined) o[k] = this[k];
    if (this.extra) Object.assign(o, this.extra);
    return o as unknown as CredentialRecord;
  }
}

/** A claim's holders: one grant id (the common case, uses: 1), several, or none given back yet. */
type Holders = string | string[];

export class MemoryStore implements Store {
  /** digest(jti key) -> until (whole seconds). */
  private readonly once = new Map<string, number>();
  private readonly onceWheel = new ExpiryWheel();
  /**
   * digest(claim key) -> holders; live until its wheel entry comes due (no time of its own: the
   * wheel is drained before every read, and an entry dropped late is only held longer).
   */
  private readonly claims = new Map<string, Holders>();
  private readonly claimWheel = new ExpiryWheel();
  private anonymous = 0;
  private readonly records = new Map<string, Rec>();
  private readonly recordWheel = new ExpiryWheel();
  private readonly intents = new Map<string, Intent>();
  private readonly byHash = new Map<string, string>();
  /** run id -> grant id(s): the sweeper revokes each credential with its run's descendants, found here, not by a scan. */
  private readonly byRun = new Map<string, string | Set<string>>();
  /** repository (lower case) -> grant ids of tokens that can start runs there: a dispatched run's parents, found here, not by a scan. */
  private readonly byDispatch = new Map<string, Set<string>>();
  /** blocked run id -> its kill switch's reach (Store.noteReach), until RUN_KEEP_SECONDS. */
  private readonly reach = new Map<string, { until: number; reach: RunReach[] }>();
  /** (issuer, repository) -> runs whose writing token there may be live: a child's candidate parents, kept their records' window. */
  private readonly window: RunIndex;
  /** run id -> issuer -> the run's writing entry, kept RUN_KEEP_SECONDS past its end (insertion order ~ its end). */
  private readonly writerRuns_ = new Map<string, Map<string, Writer>>();
  /** (issuer, repository id) -> App-started run -> its first exchange and direct parents. */
  private readonly links: RunIndex;
  /** grant id -> when its revocation (or next retry) is due; a lease moves it forward. */
  private readonly queue = new Map<string, number>();
  private readonly dueHeap = new DueHeap();
  private readonly buckets = new Map<string, { tokens: number; at: number; full: number; filed: number }>();
  private readonly bucketWheel = new ExpiryWheel();
  private readonly blockList = new Map<string, Block>();
  private readonly strings = new Interner();
  private readonly capacity: number;
  private alarmedAt = -Infinity;
  /** The last key digested: an exchange asks seen() then admit() for the same jti. */
  private lastKey = '';
  private lastDigest = '';

  constructor(
    private readonly clock: () => number = () => steadyNowMs() / 1000,
    private readonly options: MemoryStoreOptions = {},
  ) {
    this.capacity = options.capacity ?? DEFAULT_MEMORY_CAPACITY;
    this.window = new RunIndex(0, options.runsPerRepository);
    this.links = new RunIndex(RUN_KEEP_SECONDS, options.runsPerRepository);
  }

  /** Sizes, for the boundedness tests and the state gauge. */
  sizes() {
    return {
      once: this.once.size,
      claims: this.claims.size,
      records: this.records.size,
      intents: this.intents.size,
      queue: this.queue.size,
      buckets: this.buckets.size,
    };
  }

  /** Live exchanges held (the largest of used jtis, claims and records) against the capacity. */
  usage(): { used: number; capacity: number } {
    return {
      used: Math.max(this.once.size, this.claims.size, this.records.size),
      capacity: this.capacity,
    };
  }

  /**
   * Readiness: not ready while a new exchange would be refused for capacity (503 ERR_STATE_FULL), so
   * the load balancer sends elsewhere instead of to an instance that can only refuse.
   */
  async health(): Promise<void> {
    this.tick();
    const full = (
      [
        ['jti', this.once.size],
        ['claims', this.claims.size],
        ['records', this.records.size],
      ] as const
    ).find(([, size]) => size >= this.capacity);
    if (full) throw new StateFull(full[0], this.capacity);
  }

  /** Drops everything whose window has passed at `now` (tests; calls drop a bounded amount each). */
  prune(now = this.clock()): void {
    this.expire(now, Infinity);
    this.window.prune(now);
    this.links.prune(now);
    this.pruneWriters(now);
  }

  /**
   * Drops what has come due, at most `budget` entries per kind: a burst's expiries are spread over
   * the calls that follow instead of landing on one request. An entry dropped a little late is
   * only held a little longer (stricter), never given up early.
   */
  private expire(now: number, budget: number): void {
    // Every store call ticks (four to five per exchange) and almost none finds a second passed: the
    // drain callbacks below are built only when a wheel has something due.
    if (
      !this.onceWheel.due(now) &&
      !this.claimWheel.due(now) &&
      !this.bucketWheel.due(now) &&
      !this.recordWheel.due(now)
    )
      return;
    this.onceWheel.drain(now, budget, (k) => {
      const until = this.once.get(k);
      if (until !== undefined && until <= now) this.once.delete(k);
    });
    // A claim key is filed once (again only after it was dropped), so its entry is its window's end.
    this.claimWheel.drain(now, budget, (k) => this.claims.delete(k));
    this.bucketWheel.drain(now, budget, (k) => {
      const b = this.buckets.get(k);
      if (!b) return;
      if (b.full <= now) this.buckets.delete(k);
      else this.bucketWheel.add((b.filed = Math.ceil(b.full)), k);
    });
    this.recordWheel.drain(now, budget, (id) => {
      const r = this.records.get(id);
      if (!r) return;
      const until = retainUntil(r);
      // Never dropped while its revocation is still owed: looked at again a minute later.
      if (until > now || this.queue.has(id)) this.recordWheel.add(Math.max(until, now + 60), id);
      else this.dropRecord(r);
    });
  }

  private dropRecord(r: Rec): void {
    this.records.delete(r.grantId);
    if (this.byHash.get(r.tokenHash) === r.grantId) this.byHash.delete(r.tokenHash);
    const run = this.byRun.get(r.runId);
    if (run === r.grantId) this.byRun.delete(r.runId);
    else if (typeof run === 'object') {
      run.delete(r.grantId);
      if (run.size === 1) this.byRun.set(r.runId, run.values().next().value as string);
    }
    for (const repo of r.dispatchTo ?? []) {
      const ids = this.byDispatch.get(repo);
      ids?.delete(r.grantId);
      if (ids?.size === 0) this.byDispatch.delete(repo);
    }
  }

  private tick(): number {
    const now = this.clock();
    // 256 of each kind per call: far above the rate anything is added at, so nothing piles up.
    this.expire(now, 256);
    return now;
  }

  /** Refuses a new exchange when the state holds its capacity (an alarm at most once a minute). */
  private roomFor(what: 'jti' | 'claims' | 'records', size: number, now: number): void {
    if (size < this.capacity) return;
    const err = new StateFull(what, this.capacity);
    if (now - this.alarmedAt >= 60) {
      this.alarmedAt = now;
      this.options.onFull?.(err);
    }
    throw err;
  }

  private digestOf(key: string): string {
    if (key !== this.lastKey) {
      this.lastDigest = digest(key);
      this.lastKey = key;
    }
    return this.lastDigest;
  }

  private use(key: string, ttlSeconds: number, now: number): boolean {
    const k = this.digestOf(key);
    const until = this.once.get(k);
    if (until !== undefined && until > now) return false;
    this.roomFor('jti', this.once.size, now);
    const u = Math.ceil(now + ttlSeconds);
    this.once.set(k, u);
    this.onceWheel.add(u, k);
    return true;
  }

  async useOnce(key: string, ttlSeconds: number): Promise<boolean> {
    return this.use(key, ttlSeconds, this.tick());
  }

  /**
   * Job-end marks share the used-jti map and its expiry wheel (bounded with it): the prefix cannot
   * meet a jti key, which starts with its issuer's URL.
   */
  async endJob(jobEndKey: string, ttlSeconds: number): Promise<void> {
    const now = this.tick();
    const k = this.digestOf(`jobend:${jobEndKey}`);
    const u = Math.ceil(now + ttlSeconds);
    const until = this.once.get(k);
    if (until !== undefined && until >= u) return;
    if (until === undefined) this.roomFor('jti', this.once.size, now);
    this.once.set(k, u);
    this.onceWheel.add(u, k);
  }

  async jobEnded(jobEndKey: string): Promise<boolean> {
    const until = this.once.get(this.digestOf(`jobend:${jobEndKey}`));
    return until !== undefined && until > this.clock();
  }

  async seen(key: string): Promise<boolean> {
    const now = this.tick();
    const until = this.once.get(this.digestOf(key));
    return until !== undefined && until > now;
  }

  /**
   * The exchange's screen and gate as one store call each, as on Redis: the same steps gatesOf()
   * composes (this store's own seen/rateLimit and admit/claim/intend), without the service's
   * per-call layer (timing, fail-closed promise) around each of the five.
   */
  screen(req: ScreenRequest): Promise<ScreenResult> {
    return composedScreen(this, req);
  }

  gate(req: GateRequest): Promise<GateResult> {
    return composedGate(this, req);
  }

  screenGate(screen: ScreenRequest, req: GateRequest): Promise<ScreenGateResult> {
    return composedScreenGate(
      { screen: (r) => composedScreen(this, r), gate: (r) => composedGate(this, r) },
      screen,
      req,
    );
  }

  async admit(jtiKey: string, ttlSeconds: number): Promise<{ fresh: boolean; blocks: Block[] }> {
    const now = this.tick();
    // The exchange's first write: refused here, before anything is used or counted, when full.
    this.roomFor('claims', this.claims.size, now);
    this.roomFor('records', this.records.size, now);
    return { fresh: this.use(jtiKey, ttlSeconds, now), blocks: [...this.blockList.values()] };
  }

  async claim(key: string, ttlSeconds: number, holder?: string): Promise<number> {
    const now = this.tick();
    const k = this.digestOf(key);
    const h = holder === undefined ? `anonymous:${++this.anonymous}` : flat(holder);
    const held = this.claims.get(k);
    if (held === undefined) {
      this.roomFor('claims', this.claims.size, now);
      this.claims.set(k, h);
      this.claimWheel.add(now + ttlSeconds, k);
      return 1;
    }
    const list = typeof held === 'string' ? (held ? [held] : []) : held;
    if (!list.includes(h)) list.push(h);
    this.claims.set(k, list.length === 1 ? list[0]! : list);
    return list.length;
  }

  async claimed(key: string): Promise<number> {
    this.tick();
    const held = this.claims.get(this.digestOf(key));
    return held === undefined ? 0 : typeof held === 'string' ? (held ? 1 : 0) : held.length;
  }

  async unclaim(key: string, holder?: string): Promise<void> {
    this.giveBack(key, holder);
  }

  /** unclaim's step, synchronous: abandon() takes an intent and frees its claim with nothing between. */
  private giveBack(key: string, holder: string | undefined): void {
    const k = this.digestOf(key);
    const held = this.claims.get(k);
    if (held === undefined) return;
    if (typeof held === 'string') {
      if (held && (holder === undefined || held === holder)) this.claims.set(k, '');
      return;
    }
    const i = holder === undefined ? (held.length ? 0 : -1) : held.indexOf(holder);
    if (i >= 0) held.splice(i, 1);
    if (held.length <= 1) this.claims.set(k, held[0] ?? '');
  }

  async inFlight(claimKey: string, except: string): Promise<number | undefined> {
    const held = this.claims.get(this.digestOf(claimKey));
    const holders = held === undefined ? [] : typeof held === 'string' ? (held ? [held] : []) : held;
    let first: number | undefined;
    for (const id of holders) {
      if (id === except) continue;
      const r = this.records.get(id);
      if (!this.intents.has(id) && (r?.deliverBy === undefined || r.revokedAt !== undefined)) continue;
      const at = this.queue.get(id) ?? this.clock();
      if (first === undefined || at < first) first = at;
    }
    return first;
  }

  private enqueue(grantId: string, at: number): void {
    this.queue.set(grantId, at);
    this.dueHeap.push(at, grantId);
  }

  async intend(intent: Intent): Promise<void> {
    const now = this.tick();
    this.roomFor('records', this.records.size + this.intents.size, now);
    this.intents.set(intent.grantId, { ...intent });
    this.enqueue(intent.grantId, intent.sweepAt ?? intent.deadline);
  }

  async abandon(grantId: string): Promise<Intent | undefined> {
    const intent = this.intents.get(grantId);
    if (!intent) return undefined;
    this.intents.delete(grantId);
    this.queue.delete(grantId);
    this.giveBack(intent.claimKey, grantId);
    return intent;
  }

  async put(record: CredentialRecord): Promise<void> {
    this.tick();
    if (record.deliverBy !== undefined && !this.intents.has(record.grantId))
      throw new IntentGone(record.grantId);
    this.store(record);
  }

  async putDelivered(record: CredentialRecord, jobEndKey?: string): Promise<Omit<Delivery, 'delivered'>> {
    this.tick();
    if (!this.intents.has(record.grantId)) throw new IntentGone(record.grantId);
    // Delivered as it is stored: queued at its deadline, never at an in-flight window.
    this.store(record.deliverBy === undefined ? record : { ...record, deliverBy: undefined });
    return { blocks: [...this.blockList.values()], ...(await this.endedOf(jobEndKey)) };
  }

  private async endedOf(jobEndKey: string | undefined): Promise<{ jobEnded?: true }> {
    return jobEndKey !== undefined && (await this.jobEnded(jobEndKey)) ? { jobEnded: true } : {};
  }

  private store(record: CredentialRecord): void {
    this.intents.delete(record.grantId);
    const old = this.records.get(record.grantId);
    if (old) this.dropRecord(old);
    const r = new Rec(record, this.strings);
    this.records.set(r.grantId, r);
    this.recordWheel.add(retainUntil(r), r.grantId);
    this.byHash.set(r.tokenHash, r.grantId);
    const run = this.byRun.get(r.runId);
    if (run === undefined) this.byRun.set(r.runId, r.grantId);
    else if (typeof run === 'string') {
      if (run !== r.grantId) this.byRun.set(r.runId, new Set([run, r.grantId]));
    } else run.add(r.grantId);
    for (const repo of r.dispatchTo ?? []) {
      let ids = this.byDispatch.get(repo);
      if (!ids) this.byDispatch.set(repo, (ids = new Set()));
      ids.add(r.grantId);
      this.window.note(
        writerRunsKey(r.issuer ?? '', dispatchKeyOf(r, repo)),
        r.runId,
        r.issuedAt,
        retainUntil(r),
        r.parentRuns ?? [],
        this.clock(),
      );
    }
    if (r.dispatchTo?.length) this.noteWriter(writerOf(r));
    if (r.revocation !== 'done' && r.revocation !== 'failed')
      this.enqueue(r.grantId, r.deliverBy ?? r.expiresAt);
  }

  async deliver(grantId: string, jobEndKey?: string): Promise<Delivery> {
    const r = this.records.get(grantId);
    const blocks = [...this.blockList.values()];
    if (!r || r.revokedAt !== undefined || r.deliverBy === undefined) return { delivered: false, blocks };
    r.deliverBy = undefined;
    this.enqueue(grantId, r.expiresAt);
    return { delivered: true, blocks, ...(await this.endedOf(jobEndKey)) };
  }

  async get(grantId: string): Promise<CredentialRecord | undefined> {
    return this.records.get(grantId)?.out();
  }

  async intent(grantId: string): Promise<Intent | undefined> {
    return this.intents.get(grantId);
  }

  async byTokenHash(hash: string): Promise<CredentialRecord | undefined> {
    const id = this.byHash.get(hash);
    return id ? this.get(id) : undefined;
  }

  async writerRuns(q: WriterRunsQuery, now: number): Promise<WriterRunsFound> {
    const { entries, overflowed } = this.window.read(writerRunsKey(q.issuer, q.repository), q.liveAt, now);
    return {
      // The entry's parents array is replaced, never changed in place, by a later note: shared as read-only.
      runs: entries.map((e) => ({ runId: e.runId, first: e.first, until: e.score, parents: e.parents })),
      overflowed,
    };
  }

  async noteReach(runId: string, reach: readonly RunReach[], now: number): Promise<void> {
    // One entry per blocked run (an administrator's kill switch: few), dropped at its end when read.
    if (reach.length) this.reach.set(runId, { until: now + RUN_KEEP_SECONDS, reach: [...reach] });
    else this.reach.delete(runId);
  }

  async reaches(runIds: readonly string[], now: number): Promise<Map<string, RunReach[]>> {
    const out = new Map<string, RunReach[]>();
    for (const id of new Set(runIds)) {
      const e = this.reach.get(id);
      if (e && e.until < now) this.reach.delete(id);
      else if (e) out.set(id, [...e.reach]);
    }
    return out;
  }

  async writers(runIds: readonly string[], now: number): Promise<Writer[]> {
    const out: Writer[] = [];
    for (const id of new Set(runIds))
      for (const w of this.writerRuns_.get(id)?.values() ?? [])
        if (w.until + RUN_KEEP_SECONDS >= now) out.push({ ...w, to: { ...w.to } });
    return out;
  }

  async linkRun(run: RunKey, parents: readonly string[], now: number): Promise<RunLink> {
    const e = this.links.note(runLinksKey(run), run.runId, now, now, parents, now);
    // Replaced, never changed in place, by a later note: shared as read-only.
    return { first: e.first, parents: e.parents };
  }

  async runLink(run: RunKey, now: number): Promise<RunLink | undefined> {
    const e = this.links.get(runLinksKey(run), run.runId, now);
    return e && { first: e.first, parents: [...e.parents] };
  }

  async linkedRuns(
    k: Pick<RunKey, 'issuer' | 'repositoryId'>,
    firstFrom: number,
    now: number,
  ): Promise<(RunLink & { readonly runId: string })[]> {
    // By score (the last exchange, never before the first), then by the first exchange itself.
    return this.links
      .read(runLinksKey(k), firstFrom, now)
      .entries.filter((e) => e.first >= firstFrom)
      .map((e) => ({ runId: e.runId, first: e.first, parents: [...e.parents] }));
  }

  /** A writing run's entry, merged with its earlier ones and moved to the end (its end is the latest). */
  private noteWriter(w: Writer): void {
    let byIssuer = this.writerRuns_.get(w.runId);
    const old = byIssuer?.get(w.issuer);
    if (byIssuer) this.writerRuns_.delete(w.runId);
    else byIssuer = new Map();
    byIssuer.set(w.issuer, old ? mergeWriters(old, w) : w);
    this.writerRuns_.set(w.runId, byIssuer);
    if (this.writerRuns_.size % 256 === 0) this.pruneWriters(this.clock());
    // Bounded as every memory index is (one instance's store): past it the oldest run is forgotten,
    // so a block of it no longer refuses a late child (Redis keeps a key per run, unbounded; deploy.md).
    if (this.writerRuns_.size > MEMORY_WRITERS)
      this.writerRuns_.delete(this.writerRuns_.keys().next().value!);
  }

  /**
   * Drops the front's entries past their keeping: insertion order is end order but for a clock that
   * stepped back, which only keeps an entry longer (a read checks its end itself).
   */
  private pruneWriters(now: number): void {
    for (const [id, byIssuer] of this.writerRuns_) {
      for (const [iss, w] of byIssuer) if (w.until + RUN_KEEP_SECONDS < now) byIssuer.delete(iss);
      if (byIssuer.size) break;
      this.writerRuns_.delete(id);
    }
  }

  /** The records a filter can match: the run's or the dispatch targets' when it names them, else all. */
  private candidates(filter: LiveFilter): Iterable<Rec> {
    const ids =
      filter.runId !== undefined
        ? this.byRun.get(filter.runId)
        : filter.dispatchTo !== undefined
          ? this.byDispatch.get(filter.dispatchTo.toLowerCase())
          : this.records;
    if (ids === this.records) return this.records.values();
    if (ids === undefined) return [];
    const out: Rec[] = [];
    for (const id of typeof ids === 'string' ? [ids] : (ids as Set<string>)) {
      const r = this.records.get(id);
      if (r) out.push(r);
    }
    return out;
  }

  async live(filter: LiveFilter, now: number): Promise<CredentialRecord[]> {
    const out: CredentialRecord[] = [];
    for (const r of this.candidates(filter))
      if (recordMatches(r as unknown as CredentialRecord, filter, now)) out.push(r.out());
    return out;
  }

  /** Every credential matching the filter, live or ended, as long as the store keeps it. */
  async list(filter: LiveFilter): Promise<CredentialRecord[]> {
    const out: CredentialRecord[] = [];
    for (const r of this.candidates(filter))
      if (selectorMatches(r as unknown as CredentialRecord, filter)) out.push(r.out());
    return out;
  }

  async release(grantIds: readonly string[]): Promise<void> {
    for (const id of grantIds) if (this.queue.has(id)) this.enqueue(id, this.clock());
  }

  async due(now: number, limit: number, leaseSeconds: number): Promise<string[]> {
    const out: string[] = [];
    const leased: string[] = [];
    while (out.length < limit && this.dueHeap.peek() <= now) {
      const [at, id] = this.dueHeap.pop();
      // Stale: re-queued at another time, or settled, since this entry was pushed.
      if (this.queue.get(id) !== at || out.includes(id)) continue;
      out.push(id);
      leased.push(id);
    }
    for (const id of leased) this.enqueue(id, now + leaseSeconds);
    return out;
  }

  /**
   * One sweeper (no leases, no hold()): every entry of the batch is this caller's, read as it is now
   * (revocation.ts sweepBatch: with expireAloneMany, the batch's broker JWTs alone in their run are
   * expired in one call instead of markRevoked, the run's live() and settleRevocation each).
   */
  async holdMany(grantIds: readonly string[]): Promise<HeldEntry[]> {
    return grantIds.map((id) => ({ record: this.records.get(id)?.out() }));
  }

  /** The Redis store's swExpireAlone, entry by entry: the same refusals, the same state after. */
  async expireAloneMany(entries: readonly AloneEntry[], at: number): Promise<boolean[]> {
    return entries.map(({ grantId, runId }) => this.expireOne(grantId, runId, at));
  }

  /** One entry of expireAloneMany (and of takeDue, whatever a view of this store hides). */
  private expireOne(grantId: string, runId: string, at: number): boolean {
    const r = this.records.get(grantId);
    if (!r || r.revokedAt !== undefined || r.deliverBy !== undefined || r.secret || r.revocation)
      return false;
    // Nothing else indexed under its run (a chained child there is revoked with it: not alone).
    const run = this.byRun.get(runId);
    if (
      run !== undefined &&
      run !== grantId &&
      !(typeof run !== 'string' && run.size === 1 && run.has(grantId))
    )
      return false;
    r.revokedAt = at;
    r.revokedReason = 'TTL_PASSED';
    this.queue.delete(grantId);
    this.intents.delete(grantId);
    r.revocation = 'done';
    // As settleRevocation: kept past its retention only while owed.
    if (retainUntil(r) <= this.clock()) this.dropRecord(r);
    return true;
  }

  /** The Redis store's swTakeDue: due(), then each due broker JWT that expireAloneMany() takes. */
  async takeDue(now: number, limit: number, leaseSeconds: number, take: { at: number }): Promise<TakenBatch> {
    const ids = await this.due(now, limit, leaseSeconds);
    const held = ids.map((id) => ({ record: this.records.get(id)?.out() }));
    const expired = held.map(
      ({ record: r }, i) => r?.kind === 'jwt' && this.expireOne(ids[i]!, r.runId, take.at),
    );
    return { ids, held, expired };
  }

  /** Nothing to learn: this store's answers are never lost. */
  async takenBy(): Promise<string[]> {
    return [];
  }

  async markRevoked(grantId: string, at: number, opts: MarkRevokedOptions = {}): Promise<boolean> {
    const r = this.records.get(grantId);
    if (!r || r.revokedAt !== undefined) return false;
    if (opts.undeliveredOnly && r.deliverBy === undefined) return false;
    r.revokedAt = at;
    if (opts.reason !== undefined) r.revokedReason = opts.reason;
    if (opts.retryAt !== undefined && !((this.queue.get(grantId) ?? Infinity) <= opts.retryAt))
      this.enqueue(grantId, opts.retryAt);
    // Never delivered: nobody holds it, so the step may claim its grant again.
    if (r.deliverBy !== undefined && r.claimKey) await this.unclaim(r.claimKey, grantId);
    return true;
  }

  async retryRevocation(grantId: string, at: number, attempts: number): Promise<boolean | 'again'> {
    const r = this.records.get(grantId);
    if (!r) {
      this.queue.delete(grantId);
      return true;
    }
    const was = r.revocation;
    if (was === 'done' || was === 'failed') return false;
    r.revocation = 'pending';
    r.revokeAttempts = attempts;
    this.enqueue(grantId, at);
    return was === 'pending' ? 'again' : true;
  }

  async pendingRevocations(cap = 10_000): Promise<number> {
    let n = 0;
    let seen = 0;
    for (const id of this.queue.keys()) {
      if (seen++ >= cap) break;
      if (this.records.get(id)?.revocation === 'pending') n++;
    }
    return n;
  }

  async overdue(now: number, cap = 10_000): Promise<number> {
    let n = 0;
    let seen = 0;
    for (const [id, at] of this.queue) {
      if (seen++ >= cap) break;
      // An undelivered credential or an intent is due at its in-flight window, else at its deadline.
      const r = this.records.get(id);
      const i = this.intents.get(id);
      const deadline = r ? (r.deliverBy ?? r.expiresAt) : i ? (i.sweepAt ?? i.deadline) : at;
      if (deadline <= now) n++;
    }
    return n;
  }

  async settleRevocation(grantId: string, outcome: 'done' | 'failed'): Promise<boolean> {
    this.queue.delete(grantId);
    this.intents.delete(grantId);
    const r = this.records.get(grantId);
    if (!r) return true;
    const first = r.revocation !== 'done' && r.revocation !== 'failed';
    if (first) r.revocation = outcome;
    // The secret was kept only to revoke upstream; from here on it is only a liability.
    r.secret = undefined;
    // No longer owed, and kept past its retention only because it was: dropped now.
    if (retainUntil(r) <= this.clock()) this.dropRecord(r);
    return first;
  }

  /** Token bucket: `limit` per window, refilled continuously; O(1) per call whatever the burst. */
  async rateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfter: number }> {
    this.tick();
    const rate = limit / windowSeconds;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: limit, at: now, full: now, filed: -1 }));
    b.tokens = Math.min(limit, b.tokens + Math.max(0, now - b.at) * rate);
    b.at = now;
    let result = { allowed: true, retryAfter: 0 };
    if (b.tokens < 1) result = { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / rate)) };
    else b.tokens -= 1;
    b.full = now + (limit - b.tokens) / rate;
    // One wheel entry per bucket at a time: when it comes due, a bucket not yet full is filed again.
    if (b.filed < 0) this.bucketWheel.add((b.filed = Math.ceil(b.full)), key);
    return result;
  }

  async block(block: Block, whileHeld?: BlockSelector): Promise<boolean> {
    if (whileHeld && !this.blockList.has(blockKey(whileHeld))) return false;
    this.blockList.set(blockKey(block), { ...block });
    return true;
  }

  async unblock(selector: BlockSelector): Promise<boolean> {
    const lifted = this.blockList.delete(blockKey(selector));
    // The kill switch's reach of a run (noteReach) belongs to its blocks: the last one lifted drops
    // it in this same step, so a later block of the run starts from its own walk, never a stale reach.
    const run = selector.runId;
    if (lifted && run && ![...this.blockList.values()].some((b) => b.runId === run)) this.reach.delete(run);
    return lifted;
  }

  async blocks(): Promise<Block[]> {
    return [...this.blockList.values()];
  }

  async close(): Promise<void> {
    /* nothing to release */
  }
}
