/** In-memory state: one broker instance. Expired keys are dropped lazily and by a periodic sweep. */
import type { CredentialRecord, LiveFilter, Store } from './store.js';

export class MemoryStore implements Store {
  private readonly once = new Map<string, number>();
  private readonly claims = new Map<string, { count: number; until: number }>();
  private readonly records = new Map<string, CredentialRecord>();
  private readonly byHash = new Map<string, string>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly clock: () => number = () => Date.now() / 1000) {}

  async useOnce(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.clock();
    const until = this.once.get(key);
    if (until !== undefined && until > now) return false;
    this.once.set(key, now + ttlSeconds);
    if (this.once.size > 100_000) for (const [k, u] of this.once) if (u <= now) this.once.delete(k);
    return true;
  }

  async seen(key: string): Promise<boolean> {
    const until = this.once.get(key);
    return until !== undefined && until > this.clock();
  }

  async claim(key: string, ttlSeconds: number): Promise<number> {
    const now = this.clock();
    const c = this.claims.get(key);
    const next =
      c && c.until > now ? { count: c.count + 1, until: c.until } : { count: 1, until: now + ttlSeconds };
    this.claims.set(key, next);
    return next.count;
  }

  async unclaim(key: string): Promise<void> {
    const c = this.claims.get(key);
    if (c && c.count > 0) c.count--;
  }

  async put(record: CredentialRecord): Promise<void> {
    this.records.set(record.grantId, { ...record });
    this.byHash.set(record.tokenHash, record.grantId);
  }

  async get(grantId: string): Promise<CredentialRecord | undefined> {
    return this.records.get(grantId);
  }

  async byTokenHash(hash: string): Promise<CredentialRecord | undefined> {
    const id = this.byHash.get(hash);
    return id ? this.records.get(id) : undefined;
  }

  async live(filter: LiveFilter, now: number): Promise<CredentialRecord[]> {
    return [...this.records.values()].filter(
      (r) =>
        r.revokedAt === undefined &&
        r.expiresAt > now &&
        (filter.repositoryId === undefined || r.repositoryId === filter.repositoryId) &&
        (filter.repository === undefined || r.repository.toLowerCase() === filter.repository.toLowerCase()) &&
        (filter.workflow === undefined || r.workflow === filter.workflow) &&
        (filter.runId === undefined || r.runId === filter.runId) &&
        (filter.runAttempt === undefined || r.runAttempt === filter.runAttempt) &&
        (filter.job === undefined || r.job === filter.job),
    );
  }

  async list(filter: LiveFilter): Promise<CredentialRecord[]> {
    return [...this.records.values()].filter(
      (r) =>
        (filter.repositoryId === undefined || r.repositoryId === filter.repositoryId) &&
        (filter.repository === undefined || r.repository.toLowerCase() === filter.repository.toLowerCase()) &&
        (filter.workflow === undefined || r.workflow === filter.workflow) &&
        (filter.runId === undefined || r.runId === filter.runId) &&
        (filter.runAttempt === undefined || r.runAttempt === filter.runAttempt) &&
        (filter.job === undefined || r.job === filter.job),
    );
  }

  async expired(now: number): Promise<CredentialRecord[]> {
    return [...this.records.values()].filter((r) => r.revokedAt === undefined && r.expiresAt <= now);
  }

  async markRevoked(grantId: string, at: number): Promise<boolean> {
    const r = this.records.get(grantId);
    if (!r || r.revokedAt !== undefined) return false;
    r.revokedAt = at;
    return true;
  }

  /** Token bucket: `limit` per window, refilled continuously; O(1) per call whatever the burst. */
  async rateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfter: number }> {
    const rate = limit / windowSeconds;
    const b = this.buckets.get(key) ?? { tokens: limit, at: now };
    b.tokens = Math.min(limit, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / rate)) };
    b.tokens -= 1;
    return { allowed: true, retryAfter: 0 };
  }

  async close(): Promise<void> {
    /* nothing to release */
  }
}
