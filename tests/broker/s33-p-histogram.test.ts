/**
 * Session 33: the broker's two per-request histograms (stepwarden_store_operation_seconds, one
 * observation for every store operation; stepwarden_exchange_duration_seconds, one for every POST
 * /token) are recorded in plain numbers (ops/metrics.ts `LabelHistogram`) instead of through
 * prom-client's `observe`, which converts, validates and hashes the labels on every call. What a
 * scrape reads must not change: the text exposition and the JSON are held to prom-client's own
 * Histogram fed the same observations, for any sequence of them (several seeds).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { Histogram, Registry } from 'prom-client';
import { BrokerMetrics, LabelHistogram, storeMeter } from '../../shared/broker/ops/metrics.js';

/** Seeds: a fixed one and one new per run (CI does not fix them). */
const SEEDS = [33, Date.now() % 1_000_000];
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

function pair(label: string) {
  const ours = new Registry();
  const theirs = new Registry();
  const h = new LabelHistogram({
    name: 'x_seconds',
    help: 'Help "quoted" \\ text.',
    label,
    buckets: BUCKETS,
    registry: ours,
  });
  const p = new Histogram({
    name: 'x_seconds',
    help: 'Help "quoted" \\ text.',
    labelNames: [label],
    buckets: BUCKETS,
    registers: [theirs],
  });
  return { ours, theirs, h, p };
}

const values = fc.oneof(
  fc.constantFrom(0, -0, -1, 0.0005, 0.001, 1, 1.0000001, 1e9, Number.MIN_VALUE),
  ...BUCKETS.map((b) => fc.constant(b)),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 5 }),
);
const labelValues = fc.oneof(
  fc.constantFrom('get', 'screenGate', '200', 'aborted', 'a"b', 'a\\b', 'line\nbreak', ''),
  fc.string({ maxLength: 6 }),
);

describe('LabelHistogram', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes what prom-client writes, text and JSON, for any observations (several seeds)', async () => {
    for (const seed of SEEDS)
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(labelValues, values), { maxLength: 40 }), async (obs) => {
          const { ours, theirs, h, p } = pair('op');
          for (const [l, v] of obs) {
            h.observe(l, v);
            p.observe({ op: l }, v);
          }
          expect(await ours.metrics()).toBe(await theirs.metrics());
          expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
          ours.resetMetrics();
          theirs.resetMetrics();
          expect(await ours.metrics()).toBe(await theirs.metrics());
        }),
        { seed, numRuns: 200 },
      );
  });

  it('refuses a value that is not finite, as prom-client does, and keeps nothing of it', async () => {
    const { ours, theirs, h, p } = pair('status');
    for (const v of [NaN, Infinity, -Infinity]) {
      expect(() => h.observe('200', v)).toThrow(TypeError);
      expect(() => p.observe({ status: '200' }, v)).toThrow(TypeError);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('the broker records its store operations and exchanges without prom-client observe or labels', async () => {
    const observe = jest.spyOn(Histogram.prototype, 'observeWithoutExemplar' as 'observe');
    const labels = jest.spyOn(Histogram.prototype, 'labels');
    const metrics = new BrokerMetrics();
    for (const name of ['stepwarden_store_operation_seconds', 'stepwarden_exchange_duration_seconds'])
      expect(metrics.registry.getSingleMetric(name)).toBeInstanceOf(LabelHistogram);
    const meter = storeMeter(metrics);
    const get = meter('get');
    get(0.0004, false);
    get(0.3, false);
    meter('screenGate')(0.002, true);
    metrics.exchangeSeconds.observe('200', 0.12);
    expect(observe).not.toHaveBeenCalled();
    expect(labels).not.toHaveBeenCalled();
    const text = await metrics.text();
    expect(text).toContain('stepwarden_store_operation_seconds_bucket{le="0.0005",op="get"} 1');
    expect(text).toContain('stepwarden_store_operation_seconds_count{op="get"} 2');
    expect(text).toContain('stepwarden_store_operation_seconds_count{op="screenGate"} 1');
    expect(text).toContain('stepwarden_store_errors_total{op="screenGate"} 1');
    expect(text).toContain('stepwarden_exchange_duration_seconds_bucket{le="0.25",status="200"} 1');
    expect(text).toContain('# TYPE stepwarden_exchange_duration_seconds histogram');
  });
});
