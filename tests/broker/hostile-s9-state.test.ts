/**
 * Hostile review (session 9): instances whose clocks disagree share one revocation queue on a real
 * redis-server. The sweep judged deadlines by the caller's clock: an instance running ahead took
 * credentials (and in-flight exchanges' intents) before their deadline, and an instance ahead by more
 * than a lease took another instance's leased entry, so the entry was swept twice. Deadlines are now
 * judged by the server's clock (TIME, inside the scripts).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { record } from './store-suite.js';

let server: RedisServer;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const wall = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server.stop();
});

describe('the revocation queue runs on the server clock', () => {
  it('an instance whose clock is an hour ahead sweeps nothing before its deadline', async () => {
    await server.client().flushdb();
    const a = await RedisStore.connect(server.url, { box });
    try {
      const r = record({ expiresAt: wall() + 300 });
      await a.put(r);
      expect(await a.due(wall() + 3600, 10, 30)).toEqual([]);
      expect((await a.get(r.grantId))!.revokedAt).toBeUndefined();
    } finally {
      await a.close();
    }
  });

  it('an entry leased by one instance is not taken again by another whose clock runs past the lease', async () => {
    await server.client().flushdb();
    const a = await RedisStore.connect(server.url, { box });
    const b = await RedisStore.connect(server.url, { box });
    try {
      const r = record({ expiresAt: wall() - 5 });
      await a.put(r);
      expect(await a.due(wall(), 10, 30)).toEqual([r.grantId]);
      // b's clock is 10 minutes ahead: the lease (30 s on the server's clock) has not lapsed.
      expect(await b.due(wall() + 600, 10, 30)).toEqual([]);
      expect(await a.hold(r.grantId, 30)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an instance whose clock lags still sweeps what is due by the server clock', async () => {
    await server.client().flushdb();
    const a = await RedisStore.connect(server.url, { box });
    try {
      const r = record({ expiresAt: wall() - 5 });
      await a.put(r);
      expect(await a.due(wall() - 3600, 10, 30)).toEqual([r.grantId]);
    } finally {
      await a.close();
    }
  });
});
