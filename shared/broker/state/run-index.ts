/**
 * The memory store's run indexes (store.ts `writerRuns`, `linkRun`): per key (issuer + repository), a
 * bounded map of runs, each kept RUN_KEEP_SECONDS past its score. The Redis store keeps the same in a
 * sorted set (score) and a hash (entry) per key, in one script (redis.ts `swRunNote`).
 */
import { RUN_KEEP_SECONDS, RUNS_PER_REPOSITORY, type WriterRun } from './store.js';

interface Entry {
  first: number;
  score: number;
  parents: string[];
}

interface Runs {
  /** Insertion order is score order: an entry whose score grows is moved to the end. */
  readonly runs: Map<string, Entry>;
  /** The latest score of an entry the bound dropped (-Infinity: none). */
  overflow: number;
}

export class RunIndex {
  private readonly byKey = new Map<string, Runs>();
  private notes = 0;

  constructor(private readonly cap = RUNS_PER_REPOSITORY) {}

  /** Adds or merges a run (first issue the earliest, score the latest, parents the union); returns its parents. */
  note(
    key: string,
    runId: string,
    first: number,
    score: number,
    parents: readonly string[],
    now: number,
  ): string[] {
    // Now and then every key's expired front, so a repository nobody writes again does not stay.
    if (++this.notes % 256 === 0) this.prune(now);
    let k = this.byKey.get(key);
    if (!k) this.byKey.set(key, (k = { runs: new Map(), overflow: -Infinity }));
    this.dropExpired(k, now);
    const old = k.runs.get(runId);
    const e: Entry = old
      ? {
          first: Math.min(old.first, first),
          score: Math.max(old.score, score),
          parents: [...new Set([...old.parents, ...parents])],
        }
      : { first, score, parents: [...new Set(parents)] };
    if (!old || e.score > old.score) k.runs.delete(runId);
    k.runs.set(runId, e);
    while (k.runs.size > this.cap) {
      const [id, dropped] = k.runs.entries().next().value as [string, Entry];
      k.runs.delete(id);
      k.overflow = Math.max(k.overflow, dropped.score);
    }
    return e.parents;
  }

  /** The runs kept under `key` with a score at least `since`, and the named ones whatever their score. */
  read(
    key: string,
    since: number,
    runIds: readonly string[],
    now: number,
  ): { runs: WriterRun[]; overflowed: boolean } {
    const k = this.byKey.get(key);
    if (!k) return { runs: [], overflowed: false };
    this.dropExpired(k, now);
    const out: WriterRun[] = [];
    const named = new Set(runIds);
    for (const [runId, e] of k.runs)
      if (e.score >= since || named.has(runId))
        out.push({ runId, first: e.first, until: e.score, parents: e.parents });
    return { runs: out, overflowed: k.overflow + RUN_KEEP_SECONDS >= now };
  }

  /** The parents of one run, if kept. */
  parents(key: string, runId: string, now: number): string[] {
    const k = this.byKey.get(key);
    const e = k?.runs.get(runId);
    return e && e.score + RUN_KEEP_SECONDS >= now ? e.parents : [];
  }

  prune(now: number): void {
    for (const [key, k] of this.byKey) {
      this.dropExpired(k, now);
      if (k.runs.size === 0 && k.overflow + RUN_KEEP_SECONDS < now) this.byKey.delete(key);
    }
  }

  size(): number {
    let n = 0;
    for (const k of this.byKey.values()) n += k.runs.size;
    return n;
  }

  private dropExpired(k: Runs, now: number): void {
    for (const [id, e] of k.runs) {
      if (e.score + RUN_KEEP_SECONDS >= now) break;
      k.runs.delete(id);
    }
  }
}
