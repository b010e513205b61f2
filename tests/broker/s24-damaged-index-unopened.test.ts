/**
 * A listing whose index key holds another type goes through the revocation queue instead (session
 * 15). That path dropped the records this instance cannot open (a key it lacks, a newer store format)
 * without counting them `unopened`, so a job end over a damaged index answered complete while such a
 * credential lived (session 24). Real redis-server, two stores with different state keys.
 */
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { redisForSuite } from '../support/redis.js';
import { record } from './store-suite.js';

const keyA = SecretBox.fromText(randomBytes(32).toString('hex'), 'key-a');
const keyB = SecretBox.fromText(randomBytes(32).toString('hex'), 'key-b');

describe('a listing through the queue (damaged index) counts what it cannot open', () => {
  const server = redisForSuite();

  it('a record sealed under a key this instance lacks is unopened, with its code', async () => {
    await server().client().flushdb();
    // callerClock: the two stores differ in their keys only, not in when they may start.
    const a = await RedisStore.connect(server().url, { box: keyA, callerClock: true });
    const mine = record({ runId: 's24-damaged-run' });
    await a.put(mine);
    await a.close();
    // A's seal forgotten, as for an instance started before A sealed (else ERR_STATE_KEY_MISMATCH).
    await server().client().del('stepwarden:sealers');
    const store = await RedisStore.connect(server().url, { box: keyB, callerClock: true });
    try {
      const now = Math.floor(Date.now() / 1000);
      const intact = await store.live({ runId: 's24-damaged-run' }, now);
      expect(intact.unopened?.map((r) => r.grantId)).toEqual([mine.grantId]);

      await server().client().set('stepwarden:ix:run:s24-damaged-run', 'a stray string');
      const viaQueue = await store.live({ runId: 's24-damaged-run' }, now);
      expect(viaQueue.damagedIndexes?.length).toBe(1);
      expect(viaQueue.unopened?.map((r) => r.grantId)).toEqual([mine.grantId]);
      expect(viaQueue.unopenedCodes).toEqual({ [mine.grantId]: 'ERR_STATE_KEY_UNKNOWN' });
    } finally {
      await store.close();
    }
  }, 30_000);
});
