/**
 * On call (session 21): a revocation sweep that stops on an error said nothing. The server sweeps every
 * second and swallowed the error, so a queue the store could not read (here: `stepwarden:queue`
 * overwritten with a string, as a stray `SET` or another tool would) left every due credential
 * unrevoked with no line on stderr and no metric. Now each stop counts in
 * `stepwarden_sweep_errors_total{source}` and writes one `error` line (then at most one a minute),
 * and a line when the sweep works again. The line's text is escaped and holds no credential
 * (describeSweepError's property test below).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { describeSweepError, sweepReporter } from '../../shared/broker/ops/sweep-report.js';
import { BrokerMetrics } from '../../shared/broker/ops/metrics.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const lines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a sweep that stops on a store error, at a broker process', () => {
  let rig: Rig;
  let broker: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ sweeperr: 352101 });
    broker = await rig.spawn('sweeperr');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const sweepLines = () => lines(broker.stderr()).filter((l) => /revocation sweep/.test(String(l.msg)));
  const counted = async () => {
    const text = await (await fetch(`${broker.url}/metrics`)).text();
    return Number(/^stepwarden_sweep_errors_total\{source="store"\} (\d+)/m.exec(text)?.[1] ?? 0);
  };

  it('counts every stop, writes one error line naming the source and code, and says when it works again', async () => {
    const raw = rig.redis.client();
    try {
      await raw.set('stepwarden:queue', 'not a queue');
      await until(async () => (await counted()) >= 3, 20_000, 'three sweep errors counted');
      const errors = sweepLines().filter((l) => l.level === 'error');
      // Three stops (one a second), one line: the next comes a minute later at the earliest.
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ source: 'store', code: 'ERR_STATE_UNAVAILABLE', errors: 1 });
      expect(String(errors[0]!.detail)).toMatch(/WRONGTYPE/);
      expect(String(errors[0]!.fix)).toMatch(/state store/);

      await raw.del('stepwarden:queue');
      await until(
        () => sweepLines().some((l) => l.level === 'info' && /works again/.test(String(l.msg))),
        20_000,
        'the recovery line',
      );
    } finally {
      raw.disconnect();
    }
  }, 60_000);
});

describe('describeSweepError', () => {
  it('sorts GitHub, store and other errors by source', () => {
    expect(
      describeSweepError(Object.assign(new Error('Bad Gateway'), { name: 'HttpError', status: 502 })),
    ).toMatchObject({
      source: 'github',
      code: 'ERR_UPSTREAM',
    });
    expect(describeSweepError(Object.assign(new Error('x'), { code: 'ERR_UPSTREAM_TIMEOUT' }))).toMatchObject(
      {
        source: 'github',
        code: 'ERR_UPSTREAM_TIMEOUT',
      },
    );
    expect(describeSweepError(new Error('Command timed out'))).toMatchObject({
      source: 'store',
      code: 'ERR_STATE_UNAVAILABLE',
    });
    expect(describeSweepError(new Error('ERR_STATE_LOST: the epoch is gone'))).toMatchObject({
      source: 'store',
      code: 'ERR_STATE_LOST',
    });
    // The service's store is wrapped fail-closed: a 503 refusal, whose status is not GitHub's.
    expect(
      describeSweepError(new BrokerRefusal('temporarily_unavailable', 'ERR_STATE_UNAVAILABLE', 'down', 503)),
    ).toMatchObject({ source: 'store', code: 'ERR_STATE_UNAVAILABLE' });
    expect(describeSweepError(new TypeError('x is undefined'))).toMatchObject({
      source: 'other',
      code: 'ERR_INTERNAL',
    });
  });

  it('never shows a credential, and writes out every invisible character (property)', () => {
    const secret = fc.oneof(
      fc.stringMatching(/^ghs_[A-Za-z0-9]{36}$/),
      fc.stringMatching(/^github_pat_[A-Za-z0-9_]{40}$/),
      fc.stringMatching(/^eyJ[A-Za-z0-9_-]{10}\.[A-Za-z0-9_-]{10}\.[A-Za-z0-9_-]{10}$/),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), secret, fc.string({ maxLength: 40 }), (a, s, b) => {
        const { detail } = describeSweepError(new Error(`${a} ${s} ${b}\u2028\u202e`));
        expect(detail).not.toContain(s);
        // eslint-disable-next-line no-control-regex
        expect(detail).not.toMatch(/[\u0000-\u001f\u2028\u2029\u202e]/);
      }),
    );
  });

  it('counts each stop and logs the first, then one a minute with the count since', () => {
    const out: Record<string, unknown>[] = [];
    let t = 0;
    const metrics = new BrokerMetrics({ processMetrics: false });
    const r = sweepReporter({ log: (level, msg, f) => out.push({ level, msg, ...f }) }, metrics, () => t);
    for (let i = 0; i < 5; i++, t += 1000) r.failed(new Error('Command timed out'));
    expect(out).toHaveLength(1);
    t = 61_000;
    r.failed(new Error('Command timed out'));
    expect(out.map((l) => l.errors)).toEqual([1, 5]);
    r.succeeded();
    expect(out[2]).toMatchObject({ level: 'info', errors: 6 });
    r.succeeded();
    expect(out).toHaveLength(3);
  });
});
