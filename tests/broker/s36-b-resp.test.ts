/**
 * The store's script calls are written as RESP bytes built once into one Buffer (session 36,
 * shared/broker/state/resp.ts), not by ioredis's `Command.toWritable`, whose string concatenation was
 * the largest single share of a Redis-state broker's young garbage. What must not change: the bytes
 * (every argument, ASCII or not, lone surrogates included, as the socket's UTF-8 encoding wrote
 * ioredis's string), what redis-server receives and answers, and one write for a turn's calls.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { Command, type Redis } from 'ioredis';
import fc from 'fast-check';
import { describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { respCommand } from '../../shared/broker/state/resp.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { redisForSuite } from '../support/redis.js';

const server = redisForSuite();
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

const clientOf = (store: RedisStore): Redis => (store as unknown as { redis: Redis }).redis;
const tag = () => randomBytes(6).toString('hex');

/** ioredis's own bytes for a command of string arguments: its text, UTF-8 encoded as the socket does. */
function ioredisBytes(name: string, args: string[]): Buffer {
  const c = new Command(name, []);
  c.args = args;
  const w = c.toWritable({});
  return typeof w === 'string' ? Buffer.from(w, 'utf8') : w;
}

/** Arguments around the encoder's boundaries: the short-ASCII copy (48), the length's digits. */
const argument = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    'x'.repeat(9),
    'x'.repeat(10),
    'x'.repeat(48),
    'x'.repeat(49),
    'é'.repeat(24),
    '\uD800',
    '\uDC00x',
    'a\uD83D\uDE00',
  ),
  fc.integer({ min: 90, max: 10_050 }).map((n) => 'k'.repeat(n)),
);

describe('respCommand', () => {
  it("gives ioredis's bytes for any arguments (fast-check, a fixed and a fresh seed)", () => {
    for (const seed of [36, Number(process.env.FC_SEED ?? Date.now() % 1_000_000)]) {
      fc.assert(
        fc.property(
          fc.constantFrom('eval', 'evalsha', 'set', 'é'),
          fc.array(argument, { maxLength: 40 }),
          (name, args) => respCommand(name, args).equals(ioredisBytes(name, args)),
        ),
        { seed, numRuns: 1500 },
      );
    }
  });

  it('writes the counts past one digit: 9, 10, 11 and 100 elements, arguments of 9 to 101 bytes', () => {
    for (const n of [8, 9, 10, 99])
      for (const len of [9, 10, 99, 100, 101])
        expect(
          respCommand(
            'evalsha',
            Array.from({ length: n }, () => 'é'.repeat(len / 2) + 'a'.repeat(len % 2)),
          ).equals(
            ioredisBytes(
              'evalsha',
              Array.from({ length: n }, () => 'é'.repeat(len / 2) + 'a'.repeat(len % 2)),
            ),
          ),
        ).toBe(true);
  });
});

describe("the store's script calls", () => {
  it("leave without ioredis's toWritable, as Buffers, one write for a turn's calls", async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const redis = clientOf(store);
      const t = tag();
      const keys = Array.from({ length: 20 }, (_, i) => `s36-${t}-${i}`);
      // Once so EVAL has loaded the script on this connection.
      expect(await store.useOnce(`s36-${t}-first`, 600)).toBe(true);
      const toWritable = Command.prototype.toWritable;
      let concatenated = 0;
      Command.prototype.toWritable = function (this: Command, socket: object) {
        concatenated++;
        return toWritable.call(this, socket);
      };
      const s = redis.stream as Socket & { _writev: (...a: unknown[]) => unknown };
      const writev = s._writev;
      const chunks: unknown[] = [];
      s._writev = (...a: unknown[]) => {
        chunks.push(...(a[0] as { chunk: unknown }[]).map((c) => c.chunk));
        return writev.apply(s, a);
      };
      let answers: boolean[];
      try {
        answers = await Promise.all(keys.map((k) => store.useOnce(k, 600)));
      } finally {
        Command.prototype.toWritable = toWritable;
        s._writev = writev;
      }
      expect(answers).toEqual(keys.map(() => true));
      // 20 on 4810aaa: every script call's text built by ioredis's concatenation.
      expect(concatenated).toBe(0);
      expect(chunks).toHaveLength(20);
      expect(chunks.every((c) => Buffer.isBuffer(c))).toBe(true);
      expect(await Promise.all(keys.map((k) => store.useOnce(k, 600)))).toEqual(keys.map(() => false));
    } finally {
      await store.close();
    }
  });

  it('hand redis-server every argument as it was, non-ASCII and lone surrogates as UTF-8 writes them', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const t = tag();
      // A key per shape: the short-ASCII copy, UTF-8 of two to four bytes, a lone surrogate (its
      // replacement character), past the copy's 48.
      const odd = ['ascii', 'ré-pö', '日本', 'a\uD83D\uDE00b', 'x\uD800y', 'é'.repeat(30), 'z'.repeat(60)];
      const keys = odd.map((o) => `s36-${t}-${o}`);
      expect(await Promise.all(keys.map((k) => store.useOnce(k, 600)))).toEqual(keys.map(() => true));
      // redis-server holds each key under the bytes ioredis's own commands name it by (a lone
      // surrogate as its replacement character), and nothing else of this test's.
      const raw = server().client();
      const held = (await raw.keys(`stepwarden:jti:s36-${t}-*`)).sort();
      expect(held).toEqual(
        keys.map((k) => `stepwarden:jti:${Buffer.from(k, 'utf8').toString('utf8')}`).sort(),
      );
      for (const k of keys) expect(await raw.exists(`stepwarden:jti:${k}`)).toBe(1);
      expect(await Promise.all(keys.map((k) => store.useOnce(k, 600)))).toEqual(keys.map(() => false));
    } finally {
      await store.close();
    }
  });
});
