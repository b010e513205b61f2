/**
 * How the server's sweep loop paces its batches (session 34). On memory state a batch is one
 * uninterrupted microtask chain: every store step resolves at once, so nothing else runs until the
 * batch ends. A burst's credentials come due together a TTL later, and 100-entry batches of 2.5-51 ms
 * (at load) ran back to back while the next burst's exchanges waited for the loop: the broker's p99
 * tail (docs/performance.md, session 33). Here a batch that ran as one chain is sized to a time
 * slice from what its entries cost, and the loop lets I/O run (setImmediate) between batches, so an
 * exchange waits for at most one slice per turn of the loop. A batch that waited on I/O (Redis,
 * GitHub's revocation) let the loop run meanwhile: it grows back to the revoker's batch, the Redis
 * store's lease unit.
 */

/** The revoker's batch and the Redis store's lease unit: a batch that waits on I/O takes this many. */
export const SWEEP_BATCH = 100;
/** A run's first batch, before anything is known of what an entry costs. */
export const FIRST_BATCH = 8;
/** An uninterrupted batch may last at least this long (ms), whatever else waits… */
export const SLICE_MIN_MS = 2;
/** …and at most this long, however long the loop was busy elsewhere since the last batch. */
export const SLICE_MAX_MS = 16;
/**
 * Between the two, half of the time the loop spent elsewhere since the last batch: under a burst the
 * sweep keeps a third of the loop, so it still keeps up with expiries arriving at the grant rate (an
 * entry costs a fifth to a tenth of an exchange), and on an idle loop it runs almost all the time.
 */
const SHARE = 0.5;

export class SweepPace {
  /** The last batch's size (what the next may double). */
  private limit = FIRST_BATCH;
  /** ms an entry cost in the last uninterrupted batch that revoked something; 0 unknown. */
  private perEntry = 0;

  /** How many entries the next batch may take; `gapMs`: time the loop spent elsewhere since the last (0 at a run's start). */
  next(gapMs: number): number {
    if (this.perEntry <= 0) return this.limit;
    const budget = Math.min(SLICE_MAX_MS, Math.max(SLICE_MIN_MS, gapMs * SHARE));
    return Math.max(1, Math.min(SWEEP_BATCH, this.limit * 2, Math.floor(budget / this.perEntry)));
  }

  /**
   * After a batch of `limit`: it took `tookMs`, revoked `revoked`, and `turned` says the event loop
   * ran I/O while it was out (the batch waited on the store or GitHub: not one chain).
   */
  settle(limit: number, tookMs: number, revoked: number, turned: boolean): void {
    this.limit = limit;
    if (turned) {
      this.perEntry = 0;
      this.limit = Math.min(SWEEP_BATCH, limit * 2);
    }
    // Revoked entries only: an entry that revoked nothing (settled elsewhere, a retry not due) is
    // counted with them, so the estimate errs long and the slice short.
    else if (revoked > 0) this.perEntry = tookMs / revoked;
  }
}

/**
 * One run of the sweep: batches while they find work, one per turn of the event loop, until
 * `untilMs` (on `now`'s clock). It stops after a batch of the revoker's size's worth of entries that
 * revoked nothing (the old loop's rule, one 100-entry batch): a queue of retries not yet settled
 * still gets that many a run when the batches are small.
 */
export async function sweepRun(
  sweep: (limit: number) => Promise<number>,
  pace: SweepPace,
  untilMs: number,
  now: () => number = () => performance.now(),
): Promise<void> {
  let quiet = 0;
  let gap = 0;
  for (;;) {
    const limit = pace.next(gap);
    // Fires only if the loop reaches its check phase while the batch is out: the batch waited on I/O.
    let turned = false;
    const probe = setImmediate(() => (turned = true));
    const start = now();
    let revoked: number;
    try {
      revoked = await sweep(limit);
    } finally {
      clearImmediate(probe);
    }
    const end = now();
    pace.settle(limit, end - start, revoked, turned);
    quiet = revoked > 0 ? 0 : quiet + limit;
    if (quiet >= SWEEP_BATCH || end >= untilMs) return;
    await new Promise((r) => setImmediate(r));
    gap = now() - end;
  }
}
