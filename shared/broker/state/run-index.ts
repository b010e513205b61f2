/**
 * The memory store's run indexes (store.ts `writerRuns`, `linkRun`): per key, a bounded set of runs
 * ordered by score, each kept `keep` seconds past its score (the window of writing runs: 0, it ends
 * at its score; the run links: RUN_KEEP_SECONDS). The Redis store keeps the same in a sorted set
 * (score) and a hash (entry) per key, in one script (redis.ts `swRunNote`).
 *
 * The order is kept by the index itself (a sorted array of scores beside the entries), not by
 * insertion: a caller's clock may step back (the memory store under a test clock, a Redis store with
 * `callerClock`), and a read or a drop that trusted insertion order stopped at the first later entry
 * and missed the rest (left by session 24). A read is a binary search and then the matching runs.
 */
import { RUNS_PER_REPOSITORY } from './store.js';

export interface IndexEntry {
  readonly runId: string;
  first: number;
  score: number;
  parents: string[];
}

interface Runs {
  readonly entries: Map<string, IndexEntry>;
  /** Every entry, by score (ties in any order). */
  readonly order: IndexEntry[];
  /** The latest score of an entry the bound dropped (-Infinity: none). */
  overflow: number;
}

/** The first position in `order` whose score is at least `score`. */
function lowerBound(order: readonly IndexEntry[], score: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid]!.score < score) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RunIndex {
  private readonly byKey = new Map<string, Runs>();
  private notes = 0;

  constructor(
    private readonly keep: number,
    private readonly cap = RUNS_PER_REPOSITORY,
  ) {}

  /** Adds or merges a run (first the earliest, score the latest, parents the union); returns its entry. */
  note(
    key: string,
    runId: string,
    first: number,
    score: number,
    parents: readonly string[],
    now: number,
  ): IndexEntry {
    // Now and then every key's expired front, so a repository nobody writes again does not stay.
    if (++this.notes % 256 === 0) this.prune(now);
    let k = this.byKey.get(key);
    if (!k) this.byKey.set(key, (k = { entries: new Map(), order: [], overflow: -Infinity }));
    this.dropExpired(k, now);
    const old = k.entries.get(runId);
    if (old) {
      this.unorder(k, old);
      old.first = Math.min(old.first, first);
      old.score = Math.max(old.score, score);
      old.parents = [...new Set([...old.parents, ...parents])];
    }
    const e = old ?? { runId, first, score, parents: [...new Set(parents)] };
    k.entries.set(runId, e);
    k.order.splice(lowerBound(k.order, e.score), 0, e);
    if (k.order.length > this.cap) {
      const dropped = k.order.splice(0, k.order.length - this.cap);
      for (const d of dropped) {
        k.entries.delete(d.runId);
        k.overflow = Math.max(k.overflow, d.score);
      }
    }
    return e;
  }

  /** The entries kept under `key` with a score at least `since`, and whether the bound dropped one still kept. */
  read(key: string, since: number, now: number): { entries: IndexEntry[]; overflowed: boolean } {
    const k = this.byKey.get(key);
    if (!k) return { entries: [], overflowed: false };
    this.dropExpired(k, now);
    return {
      entries: k.order.slice(lowerBound(k.order, since)),
      overflowed: k.overflow + this.keep >= now,
    };
  }

  /** One run's entry, if kept. */
  get(key: string, runId: string, now: number): IndexEntry | undefined {
    const e = this.byKey.get(key)?.entries.get(runId);
    return e && e.score + this.keep >= now ? e : undefined;
  }

  prune(now: number): void {
    for (const [key, k] of this.byKey) {
      this.dropExpired(k, now);
      if (k.order.length === 0 && k.overflow + this.keep < now) this.byKey.delete(key);
    }
  }

  size(): number {
    let n = 0;
    for (const k of this.byKey.values()) n += k.order.length;
    return n;
  }

  private unorder(k: Runs, e: IndexEntry): void {
    for (let i = lowerBound(k.order, e.score); i < k.order.length; i++)
      if (k.order[i] === e) {
        k.order.splice(i, 1);
        return;
      }
  }

  private dropExpired(k: Runs, now: number): void {
    const n = lowerBound(k.order, now - this.keep);
    if (n === 0) return;
    for (const d of k.order.splice(0, n)) k.entries.delete(d.runId);
  }
}
