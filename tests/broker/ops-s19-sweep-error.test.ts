/**
 * On call (session 19), a suspect for faults-kill's "sweep line not met in 20 s" under load: a sweep
 * batch that fails after `due()` leased its entries (a store command past its 2 s deadline on a loaded
 * machine) left every entry of the batch leased for the full 60 s: not due again for this instance nor
 * any other, so a due revocation waited a minute for one transient error. Now the sweep gives back the
 * leases it still holds when it stops on an error, and the next tick works them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { record } from './store-suite.js';

const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

describe('a sweep batch that stops on a store error', () => {
  it('gives its leases back: the next sweep works the entries, not a minute later', async () => {
    const store = await RedisStore.connect(redis.url, { callerClock: true, box });
    // The real store; its next `get` fails as a command past its deadline does.
    let failNext = false;
    const get = store.get.bind(store);
    store.get = async (id) => {
      if (!failNext) return get(id);
      failNext = false;
      throw new Error('Command timed out');
    };
    try {
      const audit = memoryAuditSink();
      const r = new Revoker({ store, audit, githubFor: () => undefined, now: nowS });
      const due = [record({ expiresAt: nowS() - 5 }), record({ expiresAt: nowS() - 5 })];
      for (const d of due) await store.put(d);
      failNext = true;
      await expect(r.sweep()).rejects.toThrow(/timed out/);
      // The next tick (the server sweeps every second).
      expect(await r.sweep()).toBe(2);
      expect(
        audit.events
          .filter((e) => e.type === 'credential.expired')
          .map((e) => e.grant_id)
          .sort(),
      ).toEqual(due.map((d) => d.grantId).sort());
    } finally {
      await store.close();
    }
  }, 30_000);
});
