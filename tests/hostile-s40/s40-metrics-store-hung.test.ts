/**
 * Session 40, on call: `/metrics` while the state store does not answer. Two gauges read the store at
 * scrape time (`stepwarden_revocations_overdue`, `…_pending`), "a store that does not answer leaves
 * the last value", but the scrape waited for the store call: up to the Redis client's command timeout,
 * which strict mode raises to `state-strict-timeout-ms` + 1 s. A broker with a 10 s strict timeout
 * answered `/metrics` after 11,070 ms with its store stalled (a redis proxy holding every byte; `/readyz`
 * 2,024 ms), past Prometheus' default `scrape_timeout` of 10 s: the scrape failed, and with it every
 * metric (store errors, GitHub, exchanges) exactly while the store was down. A store call that never
 * settles hung the scrape for ever (below, in process: on the start commit `text()` never resolved).
 *
 * Now each store read of a scrape has its own deadline (STORE_GAUGE_MS); past it the gauge keeps its
 * last value, as the help says, and the scrape answers.
 */
import { describe, expect, it } from '@jest/globals';
import { BrokerMetrics } from '../../shared/broker/ops/metrics.js';

const value = (text: string, name: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${name} `))
      ?.split(' ')[1],
  );

describe('/metrics with a store that does not answer (s40)', () => {
  it('answers, each store gauge at its last value', async () => {
    const m = new BrokerMetrics({ processMetrics: false });
    let hung = false;
    const never = new Promise<number>(() => undefined);
    m.overdueFrom(() => (hung ? never : Promise.resolve(3)));
    m.pendingFrom(() => (hung ? never : Promise.resolve(2)));
    const before = await m.text();
    expect([
      value(before, 'stepwarden_revocations_overdue'),
      value(before, 'stepwarden_revocations_pending'),
    ]).toEqual([3, 2]);
    hung = true;
    // Before: never resolved (the jest timeout below).
    const during = await m.text();
    expect([
      value(during, 'stepwarden_revocations_overdue'),
      value(during, 'stepwarden_revocations_pending'),
    ]).toEqual([3, 2]);
    // The rest of the exposition is there too.
    expect(during).toContain('# TYPE stepwarden_exchanges_total counter');
  }, 20_000);

  it('a store read that fails keeps the last value too', async () => {
    const m = new BrokerMetrics({ processMetrics: false });
    let fail = false;
    m.overdueFrom(() => (fail ? Promise.reject(new Error('store down')) : Promise.resolve(5)));
    await m.text();
    fail = true;
    expect(value(await m.text(), 'stepwarden_revocations_overdue')).toBe(5);
  });
});
