/**
 * Hostile review (session 11): the sweep's one-step expiry of a broker JWT (`expireAlone`, session
 * 10) reads the run's index keys. One of them of a wrong type (a string where the index is a sorted
 * set: a stray write, a key left by another tool) made the script fail with WRONGTYPE before
 * anything was written, and the error stopped the batch: that credential was never expired, and the
 * entries after it waited for the next sweep each time its lease came back.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { CredentialRecord, Store } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { record } from './store-suite.js';

const Q = 'stepwarden:queue';
const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});
beforeEach(async () => {
  await redis.client().flushdb();
});

const dueJwt = (): CredentialRecord => {
  const {
    secret: _secret,
    upstreamExpiresAt: _up,
    ...r
  } = record({
    kind: 'jwt',
    audience: 'https://hooks.example.internal',
    scope: 'notify:send',
    step: 'notify',
    runId: String(100_000 + Math.floor(Math.random() * 1e6)),
    issuedAt: nowS() - 160,
    expiresAt: nowS() - 100,
  });
  return r;
};

async function sweep(store: Store, now: number) {
  const audit = memoryAuditSink();
  // Collected, not printed: the test run's output stays the runner's summary.
  const logs: Array<Record<string, unknown>> = [];
  const log = {
    log: (_level: string, _msg: string, fields?: Record<string, unknown>) => void logs.push(fields ?? {}),
  };
  const n = await new Revoker({ store, audit, log, githubFor: () => undefined, now: () => now }).sweep();
  return { n, events: audit.events, logs };
}

describe("a run index key of a wrong type under the sweep's one-step expiry", () => {
  for (const key of ['ix', 'idx'] as const)
    it(`stepwarden:${key}:run:<run> a string: the credential is expired once, and the batch goes on`, async () => {
      const store = await RedisStore.connect(redis.url, { callerClock: true, box });
      const raw = redis.client();
      try {
        const now = nowS();
        const poisoned = dueJwt();
        const next = dueJwt();
        await store.put(poisoned);
        await store.put(next);
        await raw.del(`stepwarden:${key}:run:${poisoned.runId}`);
        await raw.set(`stepwarden:${key}:run:${poisoned.runId}`, 'not an index');
        await raw.zadd(Q, now - 2000, poisoned.grantId);
        await raw.zadd(Q, now - 1000, next.grantId);
        const first = await sweep(store, now);
        // In either order (session 34: the batch's one-step expiries are written first, then the
        // entries that take their own path, as the poisoned one here).
        const lines = first.events.map((e) => [e.type, e.reason, e.grant_id]);
        expect(lines).toHaveLength(2);
        expect(lines).toEqual(
          expect.arrayContaining([
            ['credential.expired', 'TTL_PASSED', poisoned.grantId],
            ['credential.expired', 'TTL_PASSED', next.grantId],
          ]),
        );
        // What was logged names the wrong-typed entry only, never the next one.
        for (const l of first.logs)
          expect([l.code, l.grant_id]).toEqual(['ERR_STATE_WRONGTYPE', poisoned.grantId]);
        for (const r of [poisoned, next]) {
          expect((await store.get(r.grantId))?.revokedAt).toBeDefined();
          expect(await raw.zscore(Q, r.grantId)).toBeNull();
        }
        // Once: nothing is left for a later sweep.
        expect((await sweep(store, now + 3600)).events).toEqual([]);
      } finally {
        await store.close();
      }
    });
});
