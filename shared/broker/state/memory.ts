/**
 * In-memory state: one broker instance, the embedded default. Bounded: at most once a second, a write
 * drops expired `jti`s, claims, full token buckets and records past their retention; a settled
 * revocation wipes the secret at once. A restart forgets everything (the broker says so at start).
 */
import {
  blockKey,
  retainUntil,
  type Block,
  type BlockSelector,
  type CredentialRecord,
  IntentGone,
  type Intent,
  type LiveFilter,
  recordMatches,
  selectorMatches,
  type Store,
} from './store.js';

export class MemoryStore implements Store {
  private readonly once = new Map<string, number>();
  /** claim key -> who holds a claim (a give-back of one holder is idempotent). */
  private readonly claims = new Map<string, { holders: Set<string>; until: number }>();
  private anonymous = 0;
  private readonly records = new Map<string, CredentialRecord>();
  private readonly intents = new Map<string, Intent>();
  private readonly byHash = new Map<string, string>();
  /** run id -> grant ids: the sweeper revokes each credential with its run's descendants, found here, not by a scan. */
  private readonly byRun = new Map<string, Set<string>>();
  /** grant id -> when its revocation (or next retry) is due; a lease moves it forward. */
  private readonly queue = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number; full: number }>();
  private readonly blockList = new Map<string, Block>();
  private prunedAt = 0;

  constructor(private readonly clock: () => number = () => Date.now() / 1000) {}

  /** Sizes, for the boundedness tests. */
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

  /** Drops what has expired; cheap enough to run once a second from any write. */
  prune(now = this.clock()): void {
    this.prunedAt = now;
    for (const [k, until] of this.once) if (until <= now) this.once.delete(k);
    for (const [k, c] of this.claims) if (c.until <= now) this.claims.delete(k);
    for (const [k, b] of this.buckets) if (b.full <= now) this.buckets.delete(k);
    for (const [id, r] of this.records) {
      if (retainUntil(r) <= now && !this.queue.has(id)) {
        this.records.delete(id);
        this.byHash.delete(r.tokenHash);
        const run = this.byRun.get(r.runId);
        run?.delete(id);
        if (run?.size === 0) this.byRun.delete(r.runId);
      }
    }
  }

  private tick(): number {
    const now = this.clock();
    if (now - this.prunedAt >= 1) this.prune(now);
    return now;
  }

  async useOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.tick();
    const until = this.once.get(key);
    if (until !== undefined && until > now) return false;
    this.once.set(key, now + ttlSeconds);
    return true;
  }

  async seen(key: string): Promise<boolean> {
    const until = this.once.get(key);
    return until !== undefined && until > this.clock();
  }

  async admit(jtiKey: string, ttlSeconds: number): Promise<{ fresh: boolean; blocks: Block[] }> {
    return { fresh: await this.useOnce(jtiKey, ttlSeconds), blocks: [...this.blockList.values()] };
  }

  async claim(key: string, ttlSeconds: number, holder?: string): Promise<number> {
    const now = this.tick();
    let c = this.claims.get(key);
    if (!c || c.until <= now) {
      c = { holders: new Set(), until: now + ttlSeconds };
      this.claims.set(key, c);
    }
    c.holders.add(holder ?? `anonymous:${++this.anonymous}`);
    return c.holders.size;
  }

  async claimed(key: string): Promise<number> {
    const c = this.claims.get(key);
    return c && c.until > this.clock() ? c.holders.size : 0;
  }

  async unclaim(key: string, holder?: string): Promise<void> {
    const c = this.claims.get(key);
    if (!c) return;
    if (holder !== undefined) c.holders.delete(holder);
    else {
      const any = c.holders.values().next();
      if (!any.done) c.holders.delete(any.value);
    }
  }

  async intend(intent: Intent): Promise<void> {
    this.tick();
    this.intents.set(intent.grantId, { ...intent });
    this.queue.set(intent.grantId, intent.sweepAt ?? intent.deadline);
  }

  async abandon(grantId: string): Promise<Intent | undefined> {
    const intent = this.intents.get(grantId);
    if (!intent) return undefined;
    this.intents.delete(grantId);
    this.queue.delete(grantId);
    return intent;
  }

  async put(record: CredentialRecord): Promise<void> {
    this.tick();
    if (record.deliverBy !== undefined && !this.intents.has(record.grantId))
      throw new IntentGone(record.grantId);
    this.intents.delete(record.grantId);
    this.records.set(record.grantId, { ...record });
    this.byHash.set(record.tokenHash, record.grantId);
    let run = this.byRun.get(record.runId);
    if (!run) this.byRun.set(record.runId, (run = new Set()));
    run.add(record.grantId);
    if (record.revocation !== 'done' && record.revocation !== 'failed')
      this.queue.set(record.grantId, record.deliverBy ?? record.expiresAt);
  }

  async deliver(grantId: string): Promise<{ delivered: boolean; blocks: Block[] }> {
    const r = this.records.get(grantId);
    const blocks = [...this.blockList.values()];
    if (!r || r.revokedAt !== undefined || r.deliverBy === undefined) return { delivered: false, blocks };
    delete r.deliverBy;
    this.queue.set(grantId, r.expiresAt);
    return { delivered: true, blocks };
  }

  async get(grantId: string): Promise<CredentialRecord | undefined> {
    const r = this.records.get(grantId);
    return r ? { ...r } : undefined;
  }

  async intent(grantId: string): Promise<Intent | undefined> {
    return this.intents.get(grantId);
  }

  async byTokenHash(hash: string): Promise<CredentialRecord | undefined> {
    const id = this.byHash.get(hash);
    return id ? this.get(id) : undefined;
  }

  /** The records a filter can match: the run's when it names one, else all. */
  private candidates(filter: LiveFilter): Iterable<CredentialRecord> {
    if (filter.runId === undefined) return this.records.values();
    const ids = this.byRun.get(filter.runId);
    return ids ? [...ids].map((id) => this.records.get(id)!) : [];
  }

  async live(filter: LiveFilter, now: number): Promise<CredentialRecord[]> {
    return [...this.candidates(filter)].filter((r) => recordMatches(r, filter, now)).map((r) => ({ ...r }));
  }

  /** Every credential matching the filter, live or ended, as long as the store keeps it. */
  async list(filter: LiveFilter): Promise<CredentialRecord[]> {
    return [...this.candidates(filter)].filter((r) => selectorMatches(r, filter)).map((r) => ({ ...r }));
  }

  async due(now: number, limit: number, leaseSeconds: number): Promise<string[]> {
    const out: string[] = [];
    for (const [id, at] of this.queue) {
      if (out.length >= limit) break;
      if (at <= now) {
        out.push(id);
        this.queue.set(id, now + leaseSeconds);
      }
    }
    return out;
  }

  async markRevoked(grantId: string, at: number, opts: { undeliveredOnly?: boolean } = {}): Promise<boolean> {
    const r = this.records.get(grantId);
    if (!r || r.revokedAt !== undefined) return false;
    if (opts.undeliveredOnly && r.deliverBy === undefined) return false;
    r.revokedAt = at;
    // Never delivered: nobody holds it, so the step may claim its grant again.
    if (r.deliverBy !== undefined && r.claimKey) await this.unclaim(r.claimKey, grantId);
    return true;
  }

  async retryRevocation(grantId: string, at: number, attempts: number): Promise<void> {
    const r = this.records.get(grantId);
    if (!r) return;
    r.revocation = 'pending';
    r.revokeAttempts = attempts;
    this.queue.set(grantId, at);
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

  async settleRevocation(grantId: string, outcome: 'done' | 'failed'): Promise<void> {
    this.queue.delete(grantId);
    this.intents.delete(grantId);
    const r = this.records.get(grantId);
    if (!r) return;
    r.revocation = outcome;
    // The secret was kept only to revoke upstream; from here on it is only a liability.
    delete (r as { secret?: string }).secret;
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
    const b = this.buckets.get(key) ?? { tokens: limit, at: now, full: now };
    b.tokens = Math.min(limit, b.tokens + Math.max(0, now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    let result = { allowed: true, retryAfter: 0 };
    if (b.tokens < 1) result = { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / rate)) };
    else b.tokens -= 1;
    b.full = now + (limit - b.tokens) / rate;
    return result;
  }

  async block(block: Block): Promise<void> {
    this.blockList.set(blockKey(block), { ...block });
  }

  async unblock(selector: BlockSelector): Promise<boolean> {
    return this.blockList.delete(blockKey(selector));
  }

  async blocks(): Promise<Block[]> {
    return [...this.blockList.values()];
  }

  async close(): Promise<void> {
    /* nothing to release */
  }
}
