/**
 * Attacking session 21's fleet cards in a real redis-server (session 22). Every instance reads the
 * whole `stepwarden:instances` hash (HGETALL) every 10 s: anything that can write the store (another
 * tool, a compromised client) could park 100 MB there, or a hundred thousand fields, and every broker
 * pulled all of it every 10 s, deleting at most 1000 fields a tick. Now a hash larger than MAX_CARDS
 * cards can be is dropped unread (every instance writes its card again within 10 s).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_CARD_CHARS, MAX_CARDS, type InstanceCard } from '../../shared/broker/ops/fleet.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedis, type RedisServer } from '../support/redis.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const KEY = 'stepwarden:instances';

describe('a hostile stepwarden:instances hash', () => {
  let redis: RedisServer;
  let store: RedisStore;
  beforeAll(async () => {
    redis = await startRedis();
    store = await RedisStore.connect(redis.url, { callerClock: true, box });
  });
  afterAll(async () => {
    await store.close();
    await redis.stop();
  });
  const card = (): InstanceCard => ({
    instance: 'web-1:7',
    at: Math.floor(Date.now() / 1000),
    settings: { x: 'a' },
  });

  it('of a hundred thousand fields is dropped, not read every 10 s', async () => {
    const raw = redis.client();
    for (let b = 0; b < 100; b++) {
      const fields: string[] = [];
      for (let i = 0; i < 1000; i++) fields.push(`f${b}-${i}`, 'x');
      await raw.hset(KEY, ...fields);
    }
    const cards = await store.announce(card());
    expect(cards.map((c) => c.instance)).toEqual(['web-1:7']);
    expect(await raw.hlen(KEY)).toBe(1);
    raw.disconnect();
  });

  it('holding a 20 MB value is dropped, not read every 10 s', async () => {
    const raw = redis.client();
    await raw.hset(KEY, 'big', 'p'.repeat(20 * 1024 * 1024));
    const cards = await store.announce(card());
    expect(cards.map((c) => c.instance)).toEqual(['web-1:7']);
    expect(await raw.hexists(KEY, 'big')).toBe(0);
    // The bound leaves room for every card a fleet can hold.
    expect(MAX_CARDS * MAX_CARD_CHARS).toBeLessThanOrEqual(4 * 1024 * 1024);
    raw.disconnect();
  });
});
