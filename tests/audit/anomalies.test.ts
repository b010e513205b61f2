import { describe, expect, it } from '@jest/globals';
import { eventAt } from '../support/audit.js';
import fc from 'fast-check';
import {
  AnomalyDetector,
  DEFAULT_THRESHOLDS,
  anomalyThresholdsSchema,
} from '../../shared/audit/anomalies.js';
import type { AuditEvent } from '../../shared/audit/event.js';

const ev = (seconds: number, over: Partial<AuditEvent> = {}) =>
  eventAt(seconds, { source: 'broker', step: 's1', run_id: '1', ...over });

function detect(events: AuditEvent[], t = DEFAULT_THRESHOLDS) {
  const d = new AnomalyDetector(t);
  for (const e of events) d.add(e);
  return d.finish();
}

describe('anomalies: machine-paced signals', () => {
  it('flags a step above the per-minute threshold once, with its peak, and not at the threshold', () => {
    const at = (n: number) => Array.from({ length: n }, (_, i) => ev(i * 5));
    expect(detect(at(10)).filter((a) => a.kind === 'rate-step')).toEqual([]);
    const over = detect(at(11)).filter((a) => a.kind === 'rate-step');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ value: 11, threshold: 10, step: 's1', job: 'build' });
  });

  it('counts over a sliding window, not calendar minutes', () => {
    // 6 requests at 10:00:55-59 and 6 at 10:01:00-04: 12 within 10 seconds across a minute boundary.
    const events = [
      ...Array.from({ length: 6 }, (_, i) => ev(55 + i * 0.8)),
      ...Array.from({ length: 6 }, (_, i) => ev(60 + i * 0.8)),
    ];
    const a = detect(events).find((x) => x.kind === 'rate-step');
    expect(a?.value).toBe(12);
  });

  it('requests spread beyond a minute do not add up', () => {
    const events = Array.from({ length: 40 }, (_, i) => ev(i * 7)); // ~8.6 per minute
    expect(detect(events).filter((a) => a.kind.startsWith('rate'))).toEqual([]);
  });

  it('flags a job across its steps (per-minute-job) and a burst within one second', () => {
    const events = Array.from({ length: 31 }, (_, i) => ev(i, { step: `s${i % 8}` }));
    const kinds = detect(events).map((a) => a.kind);
    expect(kinds).toContain('rate-job');
    expect(kinds).not.toContain('rate-step');
    const burst = detect(Array.from({ length: 6 }, () => ev(3.2)));
    expect(burst.find((a) => a.kind === 'burst')).toMatchObject({ value: 6, threshold: 5 });
    expect(detect(Array.from({ length: 5 }, () => ev(3.2))).find((a) => a.kind === 'burst')).toBeUndefined();
  });

  it('counts retries after a refusal and HTTP retries the client made', () => {
    const events = [
      ev(0, { type: 'credential.rate_limited', outcome: 'denied' }),
      ev(2, { type: 'credential.rate_limited', outcome: 'denied' }),
      ev(4, { type: 'credential.refused', outcome: 'denied' }),
      ev(6, { type: 'credential.granted', attempts: 2 }),
    ];
    const r = detect(events).find((a) => a.kind === 'retries');
    expect(r).toMatchObject({ value: 4, threshold: 3, step: 's1' }); // 3 requests after the first refusal + 1 HTTP retry
    expect(
      detect(events, { ...DEFAULT_THRESHOLDS, retries: 4 }).find((a) => a.kind === 'retries'),
    ).toBeUndefined();
  });

  it('flags refusals above the threshold per job; a first grant never counts as a retry', () => {
    expect(detect([ev(0)]).length).toBe(0);
    const refused = [ev(0, { type: 'credential.refused', outcome: 'denied' })];
    expect(detect(refused).map((a) => a.kind)).toEqual(['refusals']);
    expect(detect(refused, { ...DEFAULT_THRESHOLDS, refusals: 1 })).toEqual([]);
  });

  it('always flags a second claim (as an error) and a broker rate limit', () => {
    const a = detect([
      ev(0, { type: 'credential.claimed_twice', outcome: 'denied', audience: 'github' }),
      ev(1, { type: 'credential.rate_limited', outcome: 'denied' }),
    ]);
    expect(a.find((x) => x.kind === 'claimed-twice')?.severity).toBe('error');
    expect(a.find((x) => x.kind === 'rate-limited')?.severity).toBe('warning');
  });

  it('keeps jobs apart: the same step name in two runs is two keys', () => {
    const events = [
      ...Array.from({ length: 8 }, (_, i) => ev(i, { run_id: '1' })),
      ...Array.from({ length: 8 }, (_, i) => ev(i, { run_id: '2' })),
    ];
    expect(detect(events).filter((a) => a.kind === 'rate-step')).toEqual([]);
  });

  it('closes idle windows as the stream moves on, so memory follows active jobs, not the log', () => {
    const d = new AnomalyDetector();
    for (let i = 0; i < 50_000; i++) d.add(ev(i * 3, { run_id: String(i), job: `j${i}` }));
    const open = (d as unknown as { steps: Map<string, unknown>; jobs: Map<string, unknown> }).steps.size;
    expect(open).toBeLessThan(5_000);
    expect(d.finish()).toEqual([]);
  });

  it('thresholds: defaults from one schema; negatives and fractions are refused', () => {
    expect(anomalyThresholdsSchema.parse({})).toEqual(DEFAULT_THRESHOLDS);
    expect(anomalyThresholdsSchema.safeParse({ burst: 0 }).success).toBe(false);
    expect(anomalyThresholdsSchema.safeParse({ retries: 1.5 }).success).toBe(false);
    expect(anomalyThresholdsSchema.safeParse({ unknown: 1 }).success).toBe(false);
  });

  it('is total and order-tolerant: any times, any order, never throws; more requests never fewer rate anomalies (property)', () => {
    const arb = fc.array(
      fc.record({
        s: fc.integer({ min: -10_000, max: 10_000 }),
        type: fc.constantFrom(
          'credential.granted',
          'credential.refused',
          'credential.rate_limited',
          'credential.claimed_twice',
          'credential.revoked',
        ) as fc.Arbitrary<AuditEvent['type']>,
        step: fc.constantFrom('a', 'b'),
      }),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const events = xs.map((x) => ev(x.s, { type: x.type, step: x.step }));
        const a = detect(events);
        for (const x of a) expect(x.value).toBeGreaterThan(x.threshold);
        const doubled = detect([...events, ...events]).filter((x) => x.kind === 'rate-step').length;
        expect(doubled).toBeGreaterThanOrEqual(a.filter((x) => x.kind === 'rate-step').length);
      }),
    );
  });
});
