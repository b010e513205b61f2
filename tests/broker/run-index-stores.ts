/**
 * The two stores the run-index suites run on (s24-run-index-attacks, s26-run-index-ancestry): the
 * memory store under the test's clock, and a real redis-server (one per suite, flushed for each store
 * made) reading the caller's clock. Registers the server's start and stop with the suite.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { Store } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';

/** A store under `clock` whose run indexes keep `runsPerRepository` runs (default: the product's). */
export type MakeStore = (clock: () => number, runsPerRepository?: number) => Promise<Store>;

export function runIndexStores(): [string, MakeStore][] {
  let server: RedisServer;
  const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
  const opened: RedisStore[] = [];
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
    await server.stop();
  });
  return [
    ['memory', async (clock, runs) => new MemoryStore(clock, runs ? { runsPerRepository: runs } : {})],
    [
      'redis',
      async (_clock, runs) => {
        await server.client().flushdb();
        const s = await RedisStore.connect(server.url, {
          callerClock: true,
          box,
          ...(runs ? { runsPerRepository: runs } : {}),
        });
        opened.push(s);
        return s;
      },
    ],
  ];
}
