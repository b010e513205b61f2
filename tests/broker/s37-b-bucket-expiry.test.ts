/**
 * The rate limit's bucket (redis.ts BUCKET_LUA): a bucket key that expires before the bucket has
 * filled up again hands out a full bucket early (a rate limit bypass). For any sequence of calls, by
 * this version and by an older instance on the same store (session 36's script), with limits and
 * windows changed between calls (a reloaded config): the key never expires before the bucket it
 * holds is full. Written in session 37 for a bucket that raised its expiry once a minute (dropped: it
 * cost redis-server more instructions than the EXPIRE it saved, docs/performance.md); it failed on
 * that version with its expiry believed whichever version wrote last, and guards any later one.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { redisForSuite } from '../support/redis.js';

const server = redisForSuite();
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

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

describe('the rate limit bucket expiry', () => {
  it('never expires before the bucket is full again, whichever version wrote it last, whatever the limits', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    const raw = server().client();
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
});
