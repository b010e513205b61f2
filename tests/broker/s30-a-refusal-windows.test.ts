/**
 * The refusal budget's windows (shared/broker/audit-budget.ts) are closed at every flush, and every
 * grant flushes. Since session 30 the walk stops at the first window still open (windows are kept in
 * order of start while the clock never goes back), so a flush no longer visits every repository
 * refused in the last minute. What is written must not change: a model of the session-29 walk (every
 * window checked at every flush) gives the same summary lines, in the same order, for any sequence of
 * refusals and flushes, the injected clock going back included. Random seeds.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { budgetedAuditSink } from '../../shared/broker/audit-budget.js';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';

const PER_MINUTE = 2;

const refused = (repo: number) =>
  ({
    type: 'credential.refused',
    outcome: 'denied',
    reason: 'ERR_NO_GRANT',
    repository: `o/r${repo}`,
    repository_id: String(repo),
  }) as const;

type Step = { kind: 'refuse'; repo: number; dt: number } | { kind: 'flush'; dt: number };

/** The session-29 rules: a window per repository, closed when a minute old or the clock went back. */
function model(steps: Step[]): string[] {
  const windows = new Map<string, { start: number; written: number; suppressed: number }>();
  const out: string[] = [];
  const close = (key: string, w: { suppressed: number }) => {
    windows.delete(key);
    if (w.suppressed) out.push(`${key} ${w.suppressed}`);
  };
  const ended = (t: number, w: { start: number }) => t - w.start >= 60 || t < w.start;
  let t = 0;
  for (const s of steps) {
    t += s.dt;
    if (s.kind === 'flush') {
      for (const [key, w] of windows) if (ended(t, w)) close(key, w);
      continue;
    }
    const key = String(s.repo);
    let w = windows.get(key);
    if (w && ended(t, w)) {
      close(key, w);
      w = undefined;
    }
    if (!w) windows.set(key, (w = { start: t, written: 0, suppressed: 0 }));
    if (w.written < PER_MINUTE) w.written++;
    else w.suppressed++;
  }
  return out;
}

async function actual(steps: Step[]): Promise<string[]> {
  const sink = memoryAuditSink();
  const clock = { t: 0 };
  const b = budgetedAuditSink(sink, { refusalsPerMinute: PER_MINUTE, now: () => clock.t });
  for (const s of steps) {
    clock.t += s.dt;
    if (s.kind === 'flush') await b.flush();
    else b.write(refused(s.repo));
  }
  return sink.events
    .filter((e) => e.type === 'audit.refusals_suppressed')
    .map((e) => `${e.repository_id} ${(e.details as { suppressed: number }).suppressed}`);
}

/** Mostly forward in small steps (windows overlap and end), sometimes a jump back. */
const dt = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 25 }) },
  { weight: 1, arbitrary: fc.integer({ min: -90, max: -1 }) },
  { weight: 1, arbitrary: fc.constant(60) },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('refuse' as const), repo: fc.integer({ min: 1, max: 6 }), dt }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flush' as const), dt }) },
);

describe('refusal windows closed at a flush', () => {
  it('write the summaries the walk over every window wrote, in the same order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 80 }), async (steps) => {
        expect(await actual(steps)).toEqual(model(steps));
      }),
      {
        numRuns: 400,
        // A window opened after the clock went back starts before an older one: the walk must not
        // stop at the older one while the newer is over (the order holds again once all are closed).
        examples: [
          [
            [
              { kind: 'refuse', repo: 1, dt: 50 },
              { kind: 'refuse', repo: 1, dt: 0 },
              { kind: 'refuse', repo: 1, dt: 0 },
              { kind: 'refuse', repo: 2, dt: -40 },
              { kind: 'refuse', repo: 2, dt: 0 },
              { kind: 'refuse', repo: 2, dt: 0 },
              { kind: 'flush', dt: 65 },
            ],
          ],
        ],
      },
    );
  });

  it('a flush visits the windows it closes, not every open one', async () => {
    const sink = memoryAuditSink();
    const clock = { t: 0 };
    const b = budgetedAuditSink(sink, { refusalsPerMinute: PER_MINUTE, now: () => clock.t });
    for (let i = 0; i < 5000; i++) {
      clock.t = i / 1000;
      b.write(refused(i));
    }
    // Every Map walk steps through %MapIteratorPrototype%.next: count the steps of one flush.
    const proto = Object.getPrototypeOf(new Map().entries()) as { next: () => unknown };
    const next = proto.next;
    let steps = 0;
    proto.next = function (this: unknown) {
      steps++;
      return next.call(this);
    };
    try {
      clock.t = 30;
      await b.flush();
    } finally {
      proto.next = next;
    }
    // One step to find the first window open; the walk over all 5,000 took 5,001.
    expect(steps).toBeLessThan(10);
    // Still closed when their minute is over, every one of them, at the next flush.
    for (let i = 0; i < 5000; i++) {
      clock.t = 5 + i / 1000;
      b.write(refused(i));
      b.write(refused(i));
    }
    clock.t = 66;
    await b.flush();
    expect(sink.events.filter((e) => e.type === 'audit.refusals_suppressed').length).toBe(5000);
  });
});
