import { describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { record, storeSuite } from './store-suite.js';

storeSuite('memory', async () => {
  const store = new MemoryStore();
  return { a: store, b: store, close: () => store.close() };
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
