/**
 * Session 37: the rate limit's bucket (redis.ts BUCKET_LUA) has its expiry raised about once a minute
 * instead of set at every call. A bucket key that expires before the bucket has filled up again
 * hands out a full bucket early (a rate limit bypass), so for any sequence of calls, by this version
 * and by an older instance on the same store (session 36's script, which sets the exact expiry at
 * every call, lowering it perhaps), with limits and windows changed between calls (a reloaded
 * config): the key never expires before the bucket it holds is full, and both versions allow alike.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedis, type RedisServer } from '../support/redis.js';

let server: RedisServer;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server.stop();
});

/** Session 36's bucket, as an older instance runs it (swRate). */
const OLDER_RATE = `local function bucket(key, limitText, windowText, t)
  t = t or redis.call('TIME')
  local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
  local limit = tonumber(limitText)
  local rate = limit / tonumber(windowText)
  local b = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(b[1]) or limit
  local at = tonumber(b[2]) or now
  tokens = math.min(limit, tokens + math.max(0, now - at) * rate)
  local allowed, retry = 0, 0
  if tokens < 1 then retry = math.max(1, math.ceil((1 - tokens) / rate)) else tokens = tokens - 1; allowed = 1 end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('EXPIRE', key, math.ceil((limit - tokens) / rate) + 1)
  return allowed, retry
end
local allowed, retry = bucket(KEYS[1], ARGV[1], ARGV[2])
return {allowed, retry}`;

describe('the rate limit bucket expiry (session 37)', () => {
  it('never expires before the bucket is full again, whichever version wrote it last, whatever the limits', async () => {
    const store = await RedisStore.connect(server.url, { callerClock: true, box });
    const raw = server.client();
    const call = fc.record({
      older: fc.boolean(),
      limit: fc.constantFrom(1, 2, 5, 600, 100000),
      window: fc.constantFrom(1, 60, 3600, 86400),
      times: fc.integer({ min: 1, max: 3 }),
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 10 }), async (calls) => {
          const name = `s37-${randomBytes(6).toString('hex')}`;
          const key = `stepwarden:rate:${name}`;
          for (const c of calls)
            for (let i = 0; i < c.times; i++) {
              if (c.older) await raw.eval(OLDER_RATE, 1, key, c.limit, c.window);
              else await store.rateLimit(name, c.limit, c.window);
              // When the bucket is full again: its tokens at `at`, refilled at limit / window a second.
              const [tokens, at] = (await raw.hmget(key, 'tokens', 'at')).map(Number) as [number, number];
              const full = at + ((c.limit - tokens) * c.window) / c.limit;
              const expiresMs = Number(await raw.call('PEXPIRETIME', key));
              expect(expiresMs).toBeGreaterThan(0);
              expect(expiresMs / 1000).toBeGreaterThanOrEqual(full);
            }
        }),
        { numRuns: 60 },
      );
    } finally {
      await store.close();
    }
  }, 120_000);

  it('allows and refuses as the older script does, and writes the expiry once while it covers the refill', async () => {
    const store = await RedisStore.connect(server.url, { callerClock: true, box });
    const raw = server.client();
    try {
      const mine = `s37-${randomBytes(6).toString('hex')}`;
      const older = `stepwarden:rate:s37-${randomBytes(6).toString('hex')}`;
      const got: boolean[] = [];
      const want: boolean[] = [];
      for (let i = 0; i < 5; i++) {
        got.push((await store.rateLimit(mine, 3, 3600)).allowed);
        want.push(((await raw.eval(OLDER_RATE, 1, older, 3, 3600)) as number[])[0] === 1);
      }
      expect(got).toEqual([true, true, true, false, false]);
      expect(got).toEqual(want);
      const at = Number(await raw.call('EXPIRETIME', `stepwarden:rate:${mine}`));
      await store.rateLimit(mine, 3, 3600);
      expect(Number(await raw.call('EXPIRETIME', `stepwarden:rate:${mine}`))).toBe(at);
      // The window plus a minute: longer than the refill, which is all it must cover.
      expect(at).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 3600);
      expect(at).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600 + 62);
    } finally {
      await store.close();
    }
  });
});
