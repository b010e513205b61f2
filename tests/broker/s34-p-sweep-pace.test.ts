/**
 * The sweep loop's pacing (session 34, shared/broker/sweep-pace.ts): an uninterrupted batch sized to a
 * slice of time, a batch that waited on I/O grown back to the revoker's batch (the Redis store's lease
 * unit), a run that still works a full batch's worth of entries that revoke nothing before it stops,
 * and a run that ends at its deadline. The clock is the test's own: each entry costs what it says.
 */
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import {
  FIRST_BATCH,
  SLICE_MAX_MS,
  SLICE_MIN_MS,
  SWEEP_BATCH,
  SweepPace,
  sweepRun,
} from '../../shared/broker/sweep-pace.js';

/** Seeds: a fixed one and one new per run (CI does not fix them). */
const SEEDS = [34, Date.now() % 1_000_000];

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('SweepPace', () => {
  it.each(SEEDS)(
    'a batch is 1..100 entries; after a chain it fits its slice (or is one entry); seed %i',
    (seed) => {
      const step = fc.record({
        gap: fc.double({ min: 0, max: 1000, noNaN: true }),
        perEntry: fc.double({ min: 0.001, max: 50, noNaN: true }),
        revoked: fc.nat({ max: 120 }),
        turned: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
          const pace = new SweepPace();
          let chainCost: number | undefined;
          for (const { gap, perEntry, revoked, turned } of steps) {
            const limit = pace.next(gap);
            expect(Number.isInteger(limit)).toBe(true);
            expect(limit).toBeGreaterThanOrEqual(1);
            expect(limit).toBeLessThanOrEqual(SWEEP_BATCH);
            // What the last chain's entries cost bounds this batch: its slice, or one entry.
            if (chainCost !== undefined && limit > 1) {
              const budget = Math.min(SLICE_MAX_MS, Math.max(SLICE_MIN_MS, gap / 2));
              expect(limit * chainCost).toBeLessThanOrEqual(budget + 1e-9);
            }
            const n = Math.min(revoked, limit);
            pace.settle(limit, n * perEntry, n, turned);
            if (turned) chainCost = undefined;
            else if (n > 0) chainCost = perEntry;
          }
        }),
        { seed, numRuns: 300 },
      );
    },
  );

  it('a batch that waited on I/O doubles up to the revoker batch; a slow chain shrinks at once', () => {
    const pace = new SweepPace();
    const sizes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const limit = pace.next(0);
      sizes.push(limit);
      pace.settle(limit, 500, limit, true);
    }
    expect(sizes).toEqual([FIRST_BATCH, 16, 32, 64, SWEEP_BATCH, SWEEP_BATCH]);
    // 100 entries in one 50 ms chain: 0.5 ms an entry, so the next slice (2 ms on a quiet loop) is 4.
    pace.settle(SWEEP_BATCH, 50, SWEEP_BATCH, false);
    expect(pace.next(0)).toBe(4);
    // A busy loop (40 ms elsewhere since the last batch) gives the sweep up to half of that, capped.
    expect(pace.next(40)).toBe(Math.floor(SLICE_MAX_MS / 0.5));
  });

  it('cheap entries grow the batch at most twofold a step, never past the revoker batch', () => {
    const pace = new SweepPace();
    pace.settle(1, 10, 1, false);
    const sizes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const limit = pace.next(0);
      sizes.push(limit);
      pace.settle(limit, limit * 0.001, limit, false);
    }
    expect(sizes).toEqual([1, 2, 4, 8, 16, 32, 64, 100, 100]);
  });
});

/** A queue of `entries` due entries on the test's clock: each costs `cost(i)` ms and revokes `yields(i)`. */
function queue(entries: number, cost: (i: number) => number, yields: (i: number) => number, io = false) {
  const clock = { ms: 0 };
  let next = 0;
  const limits: number[] = [];
  const sweep = async (limit: number) => {
    limits.push(limit);
    if (io) await turn();
    let n = 0;
    for (let k = 0; k < limit && next < entries; k++, next++) {
      clock.ms += cost(next);
      n += yields(next);
    }
    return n;
  };
  return { clock, limits, sweep, left: () => entries - next };
}

describe('sweepRun', () => {
  it('lets the event loop turn between batches', async () => {
    const q = queue(
      400,
      () => 0.1,
      () => 1,
    );
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    const sweep = async (limit: number) => {
      seen.push(turns);
      return q.sweep(limit);
    };
    await sweepRun(sweep, new SweepPace(), Infinity, () => q.clock.ms);
    ticking = false;
    expect(q.left()).toBe(0);
    // Every batch after the first saw the loop turn since the one before it.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
  });

  it('sizes chains to the slice: 0.5 ms entries on a quiet loop go four at a time', async () => {
    const q = queue(
      200,
      () => 0.5,
      () => 1,
    );
    await sweepRun(q.sweep, new SweepPace(), Infinity, () => q.clock.ms);
    expect(q.left()).toBe(0);
    expect(q.limits[0]).toBe(FIRST_BATCH);
    expect(new Set(q.limits.slice(1, -1))).toEqual(new Set([SLICE_MIN_MS / 0.5]));
  });

  it('a store that waits on I/O gets the revoker batch, its lease unit', async () => {
    // 1 ms an entry on the clock, mostly waiting: a chain that slow would be cut to two entries.
    const q = queue(
      1000,
      () => 1,
      () => 1,
      true,
    );
    await sweepRun(q.sweep, new SweepPace(), Infinity, () => q.clock.ms);
    expect(q.left()).toBe(0);
    expect(q.limits.slice(0, 6)).toEqual([FIRST_BATCH, 16, 32, 64, SWEEP_BATCH, SWEEP_BATCH]);
  });

  it('works a revoker batch of entries that revoke nothing before it stops, in small batches too', async () => {
    // 150 retries not yet settled (they revoke nothing), then 50 that expire: the old loop's rule was
    // one 100-entry batch that revoked nothing; small batches stopping at their first would leave the
    // queue four entries a run.
    const q = queue(
      250,
      () => 0.5,
      (i) => (i >= 150 && i < 200 ? 1 : 0),
    );
    await sweepRun(q.sweep, new SweepPace(), Infinity, () => q.clock.ms);
    const worked = q.limits.reduce((a, b) => a + b, 0);
    expect(worked).toBeGreaterThanOrEqual(SWEEP_BATCH);
    const pace = new SweepPace();
    pace.settle(4, 2, 4, false);
    const q2 = queue(
      1000,
      () => 0.5,
      () => 0,
    );
    await sweepRun(q2.sweep, pace, Infinity, () => q2.clock.ms);
    expect(q2.limits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(SWEEP_BATCH);
    expect(q2.limits.reduce((a, b) => a + b, 0)).toBeLessThan(SWEEP_BATCH + 8);
  });

  it('ends at its deadline and passes a batch failure on', async () => {
    const q = queue(
      10_000,
      () => 1,
      () => 1,
    );
    await sweepRun(q.sweep, new SweepPace(), 100, () => q.clock.ms);
    expect(q.clock.ms).toBeGreaterThanOrEqual(100);
    expect(q.clock.ms).toBeLessThan(100 + SLICE_MAX_MS + 1);
    const boom = new Error('store down');
    await expect(sweepRun(() => Promise.reject(boom), new SweepPace(), Infinity)).rejects.toBe(boom);
  });
});
