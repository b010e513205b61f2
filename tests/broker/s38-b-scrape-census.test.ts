/**
 * Session 38: a /metrics scrape on Redis state collects the overdue and the pending gauges at once,
 * and each read the whole revocation queue on its own: two ZRANGEs and 3 commands a queued
 * credential (HMGET and GET for overdue, HGET for pending), up to 30,000 commands a scrape at the
 * 10,000 cap, on every scrape of every instance. Now one pass serves both (RedisStore.queueCensus):
 * one ZRANGE and 2 commands an entry. What must hold besides: the counts are the memory store's for
 * the same queue (intents alone, delivered and undelivered credentials, revocations pending), at any
 * `now`, and a later scrape reads the queue as it is then.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { Store } from '../../shared/broker/state/store.js';
import { redisForSuite } from '../support/redis.js';
import { gateRequest, record } from './store-suite.js';

const server = redisForSuite();
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

type Op =
  | { kind: 'intent'; deadline: number; sweep: number }
  | { kind: 'delivered'; expires: number }
  | { kind: 'undelivered'; deliverBy: number; expires: number }
  | { kind: 'pending'; expires: number };

/** The same queue written into a store; times relative to `t0`. */
type GrantId = ReturnType<typeof randomUUID>;

async function apply(store: Store, ops: readonly Op[], ids: readonly GrantId[], t0: number): Promise<void> {
  for (const [i, o] of ops.entries()) {
    const grantId = ids[i]!;
    const intent = { ...gateRequest({}, grantId).intent };
    if (o.kind === 'intent') {
      await store.intend({ ...intent, deadline: t0 + o.deadline, sweepAt: t0 + o.sweep });
    } else if (o.kind === 'delivered') {
      await store.intend(intent);
      await store.putDelivered!(
        record({
          grantId,
          tokenHash: `h-${grantId}`,
          kind: 'jwt',
          secret: undefined,
          expiresAt: t0 + o.expires,
        }),
      );
    } else if (o.kind === 'undelivered') {
      // A credential stored before it leaves (a GitHub token's put, then deliver): its intent first.
      await store.intend(intent);
      await store.put(
        record({
          grantId,
          tokenHash: `h-${grantId}`,
          deliverBy: t0 + o.deliverBy,
          expiresAt: t0 + o.expires,
        }),
      );
    } else {
      await store.put(record({ grantId, tokenHash: `h-${grantId}`, expiresAt: t0 + o.expires }));
      await store.markRevoked(grantId, t0);
      await store.retryRevocation(grantId, t0 + 100, 1);
    }
  }
}

describe('the scrape-time queue census (session 38)', () => {
  it("one scrape's two gauges read the queue once: one ZRANGE and 2 commands a queued credential", async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    const raw = server().client();
    try {
      await raw.flushall();
      const t0 = Math.floor(Date.now() / 1000);
      const ops: Op[] = Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? { kind: 'intent', deadline: 300, sweep: 30 }
          : i % 3 === 1
            ? { kind: 'delivered', expires: 60 }
            : { kind: 'pending', expires: -10 },
      );
      await apply(
        store,
        ops,
        ops.map(() => randomUUID()),
        t0,
      );
      const queued = await raw.zcard('stepwarden:queue');
      expect(queued).toBe(30);
      const calls = async () =>
        Object.fromEntries(
          [...(await raw.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [
            m[1]!,
            Number(m[2]),
          ]),
        ) as Record<string, number>;
      const before = await calls();
      // As prom-client collects them: both gauges at once.
      const [overdue, pending] = await Promise.all([store.overdue!(t0), store.pendingRevocations!()]);
      const after = await calls();
      const read = (c: string) => (after[c] ?? 0) - (before[c] ?? 0);
      expect({ overdue, pending }).toEqual({ overdue: 10, pending: 10 });
      expect({ zrange: read('zrange'), hmget: read('hmget'), get: read('get'), hget: read('hget') }).toEqual({
        zrange: 1,
        hmget: queued,
        get: queued,
        hget: 0,
      });
      // Nothing kept: a later read sees the queue as it is then.
      await apply(store, [{ kind: 'pending', expires: -10 }], [randomUUID()], t0);
      expect(await store.pendingRevocations!()).toBe(11);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('counts what the memory store counts for the same queue, at any time', async () => {
    const redis = await RedisStore.connect(server().url, { callerClock: true, box });
    const raw = server().client();
    const at = fc.integer({ min: -600, max: 600 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('intent' as const), deadline: at, sweep: at }),
      fc.record({ kind: fc.constant('delivered' as const), expires: at }),
      fc.record({ kind: fc.constant('undelivered' as const), deliverBy: at, expires: at }),
      fc.record({ kind: fc.constant('pending' as const), expires: at }),
    );
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 0, maxLength: 8 }), at, async (ops, when) => {
          await raw.flushall();
          const t0 = Math.floor(Date.now() / 1000);
          const memory = new MemoryStore(() => t0);
          const ids = ops.map(() => randomUUID());
          await apply(memory, ops, ids, t0);
          await apply(redis, ops, ids, t0);
          const [o, p] = await Promise.all([redis.overdue!(t0 + when), redis.pendingRevocations!()]);
          expect({ overdue: o, pending: p }).toEqual({
            overdue: await memory.overdue(t0 + when),
            pending: await memory.pendingRevocations(),
          });
        }),
        { numRuns: 40 },
      );
    } finally {
      await redis.close();
    }
  }, 120_000);
});
