import { describe, expect, it } from '@jest/globals';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { BrokerMetrics, storeMeter } from '../../shared/broker/ops/metrics.js';
import { failClosed } from '../../shared/broker/state/fail-closed.js';
import { MemoryStore, StateFull } from '../../shared/broker/state/memory.js';
import { metricValue, parsePrometheus } from '../support/prometheus.js';
import { record, storeSuite } from './store-suite.js';

storeSuite('memory', async () => {
  const store = new MemoryStore();
  return {
    a: store,
    b: store,
    bounded: async (runs) => new MemoryStore(undefined, { runsPerRepository: runs }),
    close: () => store.close(),
  };
});

describe('memory store: bounded', () => {
  it('drops expired jtis, claims, full buckets and records past retention; keeps what is still queued', async () => {
    let t = 1_000_000;
    const store = new MemoryStore(() => t);
    for (let i = 0; i < 500; i++) {
      await store.useOnce(`jti:${i}`, 60);
      await store.claim(`claim:${i}`, 120);
      await store.rateLimit(`rate:${i}`, 10, 60, t);
      await store.put(record({ issuedAt: t, expiresAt: t + 60, upstreamExpiresAt: t + 3600 }));
    }
    expect(store.sizes()).toMatchObject({ once: 500, claims: 500, records: 500, buckets: 500 });
    t += 3600 + 601;
    store.prune();
    // Records are never dropped while their revocation is still owed (nobody swept them).
    expect(store.sizes()).toMatchObject({ once: 0, claims: 0, buckets: 0, records: 500 });
    const due = await store.due(t, 1000, 30);
    expect(due).toHaveLength(500);
    for (const id of due) await store.settleRevocation(id, 'done');
    store.prune();
    expect(store.sizes()).toEqual({ once: 0, claims: 0, records: 0, intents: 0, queue: 0, buckets: 0 });
  });

  it("wipes a revoked token's secret as soon as its upstream revocation is settled", async () => {
    const store = new MemoryStore();
    const r = record();
    await store.put(r);
    await store.markRevoked(r.grantId, 1);
    expect((await store.get(r.grantId))!.secret).toBe(r.secret);
    await store.settleRevocation(r.grantId, 'done');
    expect((await store.get(r.grantId))!.secret).toBeUndefined();
    expect(JSON.stringify(await store.byTokenHash(r.tokenHash))).not.toContain(r.secret!);
  });
});

describe('memory store: capacity', () => {
  it('refuses new exchanges past its capacity (one alarm), before using a jti, and takes them again once windows pass', async () => {
    let t = 2_000_000;
    const alarms: string[] = [];
    const store = new MemoryStore(() => t, { capacity: 3, onFull: (e) => alarms.push(e.message) });
    for (let i = 0; i < 3; i++) {
      expect((await store.admit(`iss:jti-${i}`, 60)).fresh).toBe(true);
      expect(await store.claim(`claim:${i}`, 120, `g${i}`)).toBe(1);
    }
    await expect(store.admit('iss:jti-3', 60)).rejects.toBeInstanceOf(StateFull);
    await expect(store.admit('iss:jti-4', 60)).rejects.toThrow(/ERR_STATE_FULL/);
    // Refused before the jti was used: the same token is fresh once there is room.
    expect(await store.seen('iss:jti-3')).toBe(false);
    expect(alarms).toHaveLength(1);
    // A replay is still a replay, whatever the room.
    expect((await store.admit('iss:jti-0', 60).catch((e: Error) => e)) as Error).toBeInstanceOf(StateFull);
    t += 121;
    expect((await store.admit('iss:jti-3', 60)).fresh).toBe(true);
    expect(store.usage()).toEqual({ used: 1, capacity: 3 });
  });

  it('a full store fails closed through the service wrapper: 503 ERR_STATE_FULL, nothing granted', async () => {
    const store = failClosed(new MemoryStore(undefined, { capacity: 1 }));
    expect((await store.admit('iss:a', 60)).fresh).toBe(true);
    const err = (await store.admit('iss:b', 60).catch((e: unknown) => e)) as BrokerRefusal;
    expect(err).toBeInstanceOf(BrokerRefusal);
    expect(err.code).toBe('ERR_STATE_FULL');
    expect(err.status).toBe(503);
  });

  it('the store metrics taken in the fail-closed layer: each call timed once, a failure counted and still refused', async () => {
    const metrics = new BrokerMetrics({ processMetrics: false });
    const store = failClosed(new MemoryStore(undefined, { capacity: 1 }), storeMeter(metrics));
    expect((await store.admit('iss:a', 60)).fresh).toBe(true);
    const err = (await store.admit('iss:b', 60).catch((e: unknown) => e)) as BrokerRefusal;
    expect(err).toBeInstanceOf(BrokerRefusal);
    expect(err.code).toBe('ERR_STATE_FULL');
    expect(err.status).toBe(503);
    expect(await store.seen?.('iss:a')).toBe(true);
    const s = parsePrometheus(await metrics.text());
    expect(metricValue(s, 'stepwarden_store_operation_seconds_count', { op: 'admit' })).toBe(2);
    expect(metricValue(s, 'stepwarden_store_operation_seconds_count', { op: 'seen' })).toBe(1);
    expect(metricValue(s, 'stepwarden_store_errors_total', { op: 'admit' })).toBe(1);
    expect(metricValue(s, 'stepwarden_store_errors_total', { op: 'seen' }) ?? 0).toBe(0);
  });
});

describe('memory store: expiry without scans', () => {
  it('drops each kind at its own window, a bounded amount per call, and never early', async () => {
    let t = 3_000_000;
    const store = new MemoryStore(() => t);
    for (let i = 0; i < 2000; i++) {
      await store.useOnce(`jti:${i}`, 10);
      await store.claim(`claim:${i}`, 20, `g${i}`);
    }
    t += 9;
    expect(await store.seen('jti:1999')).toBe(true);
    expect(await store.claimed('claim:0')).toBe(1);
    t += 2;
    // Past the jti window: every call drops a bounded share; a few calls drop them all.
    for (let i = 0; i < 10; i++) await store.seen('x');
    expect(store.sizes()).toMatchObject({ once: 0, claims: 2000 });
    expect(await store.useOnce('jti:5', 10)).toBe(true);
    t += 8;
    expect(await store.claimed('claim:1999')).toBe(1);
    t += 2;
    // Held a few calls past its window at most (stricter), then gone.
    for (let i = 0; i < 10; i++) await store.claimed('x');
    expect(store.sizes()).toMatchObject({ once: 0, claims: 0 });
    expect(await store.claimed('claim:1999')).toBe(0);
    expect(await store.claim('claim:7', 20, 'again')).toBe(1);
  });

  it('due() hands out the earliest deadlines first and skips entries re-queued since', async () => {
    const t = 4_000_000;
    const store = new MemoryStore(() => t);
    const late = record({ expiresAt: t - 1 });
    const early = record({ expiresAt: t - 100 });
    const moved = record({ expiresAt: t - 50 });
    for (const r of [late, early, moved]) await store.put(r);
    await store.retryRevocation(moved.grantId, t + 30, 1);
    expect(await store.due(t, 1, 30)).toEqual([early.grantId]);
    expect(await store.due(t, 10, 30)).toEqual([late.grantId]);
    expect((await store.due(t + 30, 10, 30)).sort()).toEqual(
      [early.grantId, late.grantId, moved.grantId].sort(),
    );
    expect(await store.due(t + 59, 10, 30)).toEqual([]);
  });
});
