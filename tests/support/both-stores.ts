/** The two stores a store-level test runs against, as one table for `describe.each`. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { Store } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from './redis.js';

/**
 * `memory`, and `redis` on a redis-server of this test file's own (started in beforeAll, stopped in
 * afterAll with every store it made), with the caller's clock and a fresh sealing key. Each call of a
 * maker is a new store; the Redis ones share the server's data.
 */
export function bothStores(label: string): [string, () => Promise<Store>][] {
  let server: RedisServer;
  const box = SecretBox.fromText(randomBytes(32).toString('hex'), label);
  const open: RedisStore[] = [];
  beforeAll(async () => {
    server = await startRedis();
  }, 60_000);
  afterAll(async () => {
    for (const s of open) await s.close();
    await server?.stop();
  }, 60_000);
  return [
    ['memory', async () => new MemoryStore()],
    [
      'redis',
      async () => {
        const s = await RedisStore.connect(server.url, { callerClock: true, box });
        open.push(s);
        return s;
      },
    ],
  ];
}
