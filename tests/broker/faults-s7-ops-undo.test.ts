/**
 * Session 7, operating the broker: the gate's undo across a network partition. The gate script is
 * sent, the network between the broker and Redis stops (bytes held, as TCP holds them) before its
 * answer; the broker gives up (command deadline) and sends its undo; the partition heals and Redis
 * runs all of it, late, in order. The undo must give the claim back as well as take the intent: the
 * late abandon also takes the intent from the sweep, so a claim the undo did not free stays spent for
 * the run attempt (the step's retry refused as a second claim). Real redis-server behind a proxy.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { gatesOf } from '../../shared/broker/state/store.js';
import { startRedisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { gateRequest } from './store-suite.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
let redis: RedisServer;
let proxy: RedisProxy;
beforeAll(async () => {
  redis = await startRedis();
  proxy = await startRedisProxy(redis.port);
});
afterAll(async () => {
  await proxy.close();
  await redis.stop();
});

describe('a partition between the gate and its answer', () => {
  it('the gate fails (503 upstream of it), and once the partition heals neither its claim nor its intent is left', async () => {
    const store = await RedisStore.connect(proxy.url, { callerClock: true, box, commandTimeoutMs: 300 });
    const raw = redis.client();
    try {
      const req = gateRequest();
      proxy.stall();
      await expect(gatesOf(store).gate(req)).rejects.toThrow();
      proxy.heal();
      // Redis now runs what was held: the gate, then the undo.
      const claim = `stepwarden:claim:${req.intent.claimKey}`;
      const intent = `stepwarden:intent:${req.intent.grantId}`;
      let left: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        left = [await raw.smembers(claim), await raw.exists(intent)];
        if (JSON.stringify(left) === JSON.stringify([[], 0])) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(left).toEqual([[], 0]);
      expect(await raw.zscore('stepwarden:queue', req.intent.grantId)).toBeNull();
      // The step's retry (a fresh token) gets its single-use claim.
      const retry = { ...gateRequest(), intent: { ...gateRequest().intent, claimKey: req.intent.claimKey } };
      expect(await gatesOf(store).gate(retry)).toMatchObject({ fresh: true, count: 1, intended: true });
    } finally {
      await store.close();
    }
  }, 30_000);
});
