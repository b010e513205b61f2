/**
 * A broker JWT is stored and delivered in one step after its audit line (session 13: putDelivered),
 * so the sweep of its intent can meet it already delivered: the sweep read no record, the exchange
 * then took the intent and stored the credential delivered, and the sweep's abandon found nothing.
 * That credential is live and queued at its own deadline; the sweep must leave it, not revoke it
 * early audited as expired.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { CredentialRecord, Store } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { record } from './store-suite.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const nowS = () => Math.floor(Date.now() / 1000);

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

/** The store, with the exchange's putDelivered run just before the sweep's abandon of `r`. */
function racing(store: Store, r: CredentialRecord): Store {
  return new Proxy(store, {
    get(target, k, recv) {
      const v = Reflect.get(target, k, recv) as unknown;
      if (typeof v !== 'function') return v;
      if (k !== 'abandon') return (v as (...a: unknown[]) => unknown).bind(target);
      return async (id: string) => {
        if (id === r.grantId) await target.putDelivered!(r);
        return target.abandon(id);
      };
    },
  });
}

describe.each([
  ['memory', async () => ({ store: new MemoryStore() as Store, close: async () => undefined })],
  [
    'redis',
    async () => {
      await redis.client().flushdb();
      const s = await RedisStore.connect(redis.url, { callerClock: true, box });
      return { store: s as Store, close: () => s.close() };
    },
  ],
])('%s store: the sweep of an intent meets a credential delivered in one step', (_name, make) => {
  it('leaves it live, queued at its deadline, with no line', async () => {
    const { store, close } = await make();
    try {
      const t = nowS();
      const claimKey = `claim:${randomUUID()}`;
      const {
        secret: _s,
        upstreamExpiresAt: _u,
        ...r
      } = record({
        kind: 'jwt',
        claimKey,
        runId: String(200_000 + Math.floor(Math.random() * 1e6)),
        issuedAt: t - 40,
        deliverBy: t - 10,
        expiresAt: t + 300,
      });
      expect(await store.claim(claimKey, 3600, r.grantId)).toBe(1);
      await store.intend({ ...r, claimKey, deadline: r.expiresAt, sweepAt: t - 10 });
      const audit = memoryAuditSink();
      const n = await new Revoker({
        store: racing(store, r),
        audit,
        githubFor: () => undefined,
        now: () => t,
      }).sweep();
      expect(n).toBe(0);
      expect(audit.events).toEqual([]);
      const stored = (await store.get(r.grantId))!;
      expect(stored.revokedAt).toBeUndefined();
      expect(stored.deliverBy).toBeUndefined();
      expect((await store.live({ runId: r.runId }, t)).map((x) => x.grantId)).toEqual([r.grantId]);
      // Its claim is still held: the step received its credential.
      expect(await store.claim(claimKey, 3600, 'peek')).toBe(2);
      expect(await store.due(t + 299, 10, 30)).toEqual([]);
      expect(await store.due(t + 300, 10, 30)).toEqual([r.grantId]);
    } finally {
      await close();
    }
  });
});
