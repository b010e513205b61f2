/**
 * stepwarden:formats and stepwarden:sealers hold when an instance last wrote a format or sealed under
 * a key, and an instance refuses to start while a newer format or a foreign key was written within
 * two hours. Both the write and the judgement go by the store's clock (session 24): an instance whose
 * clock ran ahead wrote a time in the future, which kept every older instance from starting until that
 * time plus two hours, and an instance whose own clock ran ahead judged a live newer format old.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { FORMATS, RedisStore, SEALERS } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { STORE_FORMAT } from '../../shared/broker/state/store.js';
import { redisForSuite } from '../support/redis.js';
import { record } from './store-suite.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const HOUR_MS = 3_600_000;

describe('format and sealer times by the store clock (real redis-server)', () => {
  const server = redisForSuite();

  const storeSeconds = async () => Number((await server().client().time())[0]);
  /** Runs `f` with this process's clock `offsetMs` off (the store's clock unchanged). */
  const skewed = async <T>(offsetMs: number, f: () => Promise<T>): Promise<T> => {
    const real = Date.now.bind(Date);
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => real() + offsetMs);
    try {
      return await f();
    } finally {
      spy.mockRestore();
    }
  };

  it('an instance whose clock runs a day ahead writes the store clock, not its own', async () => {
    await server().client().flushdb();
    const store = await RedisStore.connect(server().url, { box });
    try {
      await skewed(24 * HOUR_MS, () => store.put(record()));
      const raw = server().client();
      const deadline = Date.now() + 10_000;
      while (
        (!(await raw.hexists(FORMATS, String(STORE_FORMAT))) ||
          !(await raw.hexists(SEALERS, box.sealingKeyId))) &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 20));
      const now = await storeSeconds();
      expect(Math.abs(Number(await raw.hget(FORMATS, String(STORE_FORMAT))) - now)).toBeLessThan(60);
      expect(Math.abs(Number(await raw.hget(SEALERS, box.sealingKeyId)) - now)).toBeLessThan(60);
    } finally {
      await store.close();
    }
  }, 30_000);

  it('an older instance judges a newer format by the store clock, whichever way its own clock is off', async () => {
    const raw = server().client();
    const newer = String(STORE_FORMAT + 1);
    await raw.flushdb();
    // Written 10 minutes ago by the store's clock: live; an instance 3 hours ahead must not start.
    await raw.hset(FORMATS, newer, (await storeSeconds()) - 600);
    await expect(skewed(3 * HOUR_MS, () => RedisStore.connect(server().url, { box }))).rejects.toThrow(
      /ERR_STATE_FORMAT_NEWER/,
    );
    // Written 2 hours 10 minutes ago by the store's clock: expired; an instance 1 hour behind starts.
    await raw.hset(FORMATS, newer, (await storeSeconds()) - 2 * 3600 - 600);
    const store = await skewed(-HOUR_MS, () => RedisStore.connect(server().url, { box }));
    await store.close();
  }, 30_000);
});
