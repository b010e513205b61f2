/**
 * The store's script calls are sent as Commands it builds itself, not through ioredis's Commander and
 * auto-pipeline (session 35): those copied a call's ~28 arguments four times, once with
 * `Array.prototype.flat` (about 6 µs a call), and wrapped each in a Pipeline's promises. What the
 * auto-pipeline gave is held here: the calls of one turn of the event loop leave in one socket write,
 * each answer reaches its own caller, the same arguments reach redis-server (numbers as ioredis
 * writes them), and a connection lost with calls still corked fails those calls instead of leaving
 * them unanswered.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { RedisStore, numberArg } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { monitored } from '../support/redis-monitor.js';
import { redisForSuite } from '../support/redis.js';

const server = redisForSuite();
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

const clientOf = (store: RedisStore): Redis => (store as unknown as { redis: Redis }).redis;
const tag = () => randomBytes(6).toString('hex');

/** Elements copied by `Array.prototype.flat` while `run` runs (ioredis's Command copies its arguments with it). */
async function flatCalls(run: () => Promise<void>): Promise<number> {
  const flat = Array.prototype.flat;
  let n = 0;
  Array.prototype.flat = function (this: unknown[], ...a: [number?]) {
    n += this.length;
    return flat.apply(this, a);
  } as typeof flat;
  try {
    await run();
  } finally {
    Array.prototype.flat = flat;
  }
  return n;
}

/** The socket writes (syscalls' worth: `_write` and `_writev`) the client makes while `run` runs. */
async function socketWrites(redis: Redis, run: () => Promise<void>): Promise<number> {
  const s = redis.stream as Socket & { _write: unknown; _writev: unknown };
  const write = s._write as (...a: unknown[]) => unknown;
  const writev = s._writev as (...a: unknown[]) => unknown;
  let n = 0;
  s._write = (...a: unknown[]) => (n++, write.apply(s, a));
  s._writev = (...a: unknown[]) => (n++, writev.apply(s, a));
  try {
    await run();
  } finally {
    s._write = write;
    s._writev = writev;
  }
  return n;
}

describe('the store sends its script calls itself', () => {
  it('copies no call through Array.prototype.flat (ioredis Command, Commander, Pipeline)', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const t = tag();
      const screens = Array.from({ length: 20 }, (_, i) => ({
        jtiKey: `iss:s35-${t}-${i}`,
        rateKey: `rate-s35-${t}`,
        limit: 1000,
        windowSeconds: 60,
        now: 0,
      }));
      // Once so EVAL has loaded the script on this connection; then the EVALSHAs are counted.
      await store.screen(screens[0]!);
      const n = await flatCalls(async () => {
        const answers = await Promise.all(screens.map((s) => store.screen(s)));
        expect(answers.every((a) => !a.seen && a.allowed)).toBe(true);
      });
      // 120 on c3326db: a Command per call copies its 6 arguments (SHA, key count, 2 keys, 2 numbers).
      expect(n).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("leaves one turn's calls in one write and answers each caller with its own reply", async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const redis = clientOf(store);
      const t = tag();
      const keys = Array.from({ length: 24 }, (_, i) => `s35-${t}-${i}`);
      // Every third key used already: its useOnce answers false, the others true, in any order.
      for (let i = 0; i < keys.length; i += 3) expect(await store.useOnce(keys[i]!, 600)).toBe(true);
      let answers: boolean[] = [];
      const writes = await socketWrites(redis, async () => {
        answers = await Promise.all(keys.map((k) => store.useOnce(k, 600)));
      });
      expect(answers).toEqual(keys.map((_, i) => i % 3 !== 0));
      // Everything the calls of one turn wrote went out in one write (the auto-pipeline's batch
      // before session 35, the corked socket's writev since).
      expect(writes).toBe(1);
      // And what redis-server holds agrees: every key used now.
      expect(await Promise.all(keys.map((k) => store.useOnce(k, 600)))).toEqual(keys.map(() => false));
    } finally {
      await store.close();
    }
  });

  it('hands redis-server the arguments ioredis would (keys, strings, numbers)', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const t = tag();
      const req = { jtiKey: `iss:s35-${t}`, rateKey: `rate-s35-${t}`, limit: 7, windowSeconds: 2.5, now: 0 };
      await store.screen(req);
      const seen = await monitored(server().client(), async () => {
        await store.screen(req);
      });
      const call = seen.filter((c) => c.source !== 'lua' && c.args[0]?.toLowerCase() === 'evalsha');
      expect(call.map((c) => c.args.slice(2))).toEqual([
        ['2', `stepwarden:jti:iss:s35-${t}`, `stepwarden:rate:rate-s35-${t}`, '7', '2.5'],
      ]);
    } finally {
      await store.close();
    }
  });

  it("puts a URL's keyPrefix before the declared keys, as ioredis's Command did", async () => {
    const store = await RedisStore.connect(`${server().url}?keyPrefix=s35pfx:`, { callerClock: true, box });
    try {
      const t = tag();
      const req = { jtiKey: `iss:s35-${t}`, rateKey: `rate-s35-${t}`, limit: 7, windowSeconds: 60, now: 0 };
      await store.screen(req);
      const seen = await monitored(server().client(), async () => {
        await store.screen(req);
      });
      const call = seen.filter((c) => c.source !== 'lua' && c.args[0]?.toLowerCase() === 'evalsha');
      expect(call.map((c) => c.args.slice(2))).toEqual([
        ['2', `s35pfx:stepwarden:jti:iss:s35-${t}`, `s35pfx:stepwarden:rate:rate-s35-${t}`, '7', '60'],
      ]);
    } finally {
      await store.close();
    }
  });

  it("writes a number as ioredis's toArg does", async () => {
    // ioredis's own conversion, the reference (a plain CommonJS module of the package).
    const { toArg } = (await import('ioredis/built/utils/index.js')) as unknown as {
      toArg: (v: unknown) => string;
    };
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.integer(),
          fc.maxSafeInteger(),
          fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(Number),
          fc.constantFrom(2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, -0, 0.1, 1e-7, Number.MAX_VALUE),
        ),
        (v) => numberArg(v) === toArg(v),
      ),
      { seed, numRuns: 2000 },
    );
  });

  it('fails the calls corked when the connection drops, and serves the next ones after it is back', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const redis = clientOf(store);
      const t = tag();
      const claimKey = (i: number) => `s35-${t}-${i}`;
      await store.claim(claimKey(99), 600, 'warm');
      // The next 'ready' is the reconnection's (listened for before the socket goes).
      const back = new Promise<void>((res) => redis.once('ready', () => res()));
      // claim sends its script in this turn (no await before it), so the five are written into the
      // corked socket, not yet onto the wire, when it is destroyed.
      const calls = Array.from({ length: 5 }, (_, i) => store.claim(claimKey(i), 600, 'h'));
      redis.stream.destroy();
      const settled = await Promise.allSettled(calls);
      expect(settled.map((s) => s.status)).toEqual(calls.map(() => 'rejected'));
      // ioredis reconnects (retryStrategy); a call then succeeds. Jest's deadline bounds the wait.
      await back;
      expect(await store.claim(claimKey(100), 600, 'h')).toBe(1);
      // None of the five reached redis-server().
      for (let i = 0; i < 5; i++) expect(await store.claimed(claimKey(i))).toBe(0);
    } finally {
      await store.close();
    }
  }, 120_000);
});
