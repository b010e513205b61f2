/**
 * The sweep's expiry of a broker JWT alone in its run (EXPIRE_ALONE_LUA: swExpireAlone,
 * swExpireAloneMany) asks its run's two indexes with ZCARD and SCARD under `pcall`, and looks a member
 * up only when an index holds exactly one (session 35): it ran TYPE twice, ZCARD, ZSCORE, SCARD and
 * SISMEMBER, 14 commands a swept lone broker JWT with the hold, now 11. What must not change: which
 * entries it expires. Held here against the rule the TYPE checks wrote, over every shape of the two
 * indexes (absent, the entry alone, with another, another alone, each key of another type), one by
 * one and in one batch.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { monitored } from '../support/redis-monitor.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { expiredJwt } from '../support/records.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const nowS = () => Math.floor(Date.now() / 1000);

let server: RedisServer;
let store: RedisStore;
let raw: Redis;

beforeAll(async () => {
  server = await startRedis();
  store = await RedisStore.connect(server.url, { callerClock: true, box });
  raw = server.client();
}, 60_000);
afterAll(async () => {
  await raw?.quit();
  await store?.close();
  await server?.stop();
});
beforeEach(async () => {
  await raw.flushdb();
});

const runKey = (runId: string) => `stepwarden:ix:run:${runId}`;
const legacyKey = (runId: string) => `stepwarden:idx:run:${runId}`;

/** A shape of an index key: what it holds, written by `make` (none: the key absent). */
interface Shape {
  readonly name: string;
  /** Under the TYPE rule: may the entry be expired with this key (right type, nothing but the entry)? */
  readonly alone: boolean;
  readonly make: (key: string, id: string) => Promise<unknown>;
}

const other = () => randomUUID();
const RUN_SHAPES: Shape[] = [
  { name: 'absent', alone: true, make: async () => undefined },
  { name: 'the entry alone', alone: true, make: (k, id) => raw.zadd(k, 1, id) },
  { name: 'the entry and another', alone: false, make: (k, id) => raw.zadd(k, 1, id, 2, other()) },
  { name: 'another alone', alone: false, make: (k) => raw.zadd(k, 1, other()) },
  { name: 'two others', alone: false, make: (k) => raw.zadd(k, 1, other(), 2, other()) },
  { name: 'a string', alone: false, make: (k, id) => raw.set(k, id) },
  { name: 'a hash', alone: false, make: (k, id) => raw.hset(k, id, '1') },
  { name: 'a set holding the entry', alone: false, make: (k, id) => raw.sadd(k, id) },
  { name: 'a list', alone: false, make: (k, id) => raw.rpush(k, id) },
];
const LEGACY_SHAPES: Shape[] = [
  { name: 'absent', alone: true, make: async () => undefined },
  { name: 'the entry alone', alone: true, make: (k, id) => raw.sadd(k, id) },
  { name: 'the entry and another', alone: false, make: (k, id) => raw.sadd(k, id, other()) },
  { name: 'another alone', alone: false, make: (k) => raw.sadd(k, other()) },
  { name: 'a string', alone: false, make: (k, id) => raw.set(k, id) },
  { name: 'a sorted set holding the entry', alone: false, make: (k, id) => raw.zadd(k, 1, id) },
];

/** A due lone broker JWT put, its run's indexes then made to the shapes given. */
async function entry(run: Shape, legacy: Shape) {
  const r = expiredJwt();
  await store.put(r);
  await raw.del(runKey(r.runId), legacyKey(r.runId));
  await run.make(runKey(r.runId), r.grantId);
  await legacy.make(legacyKey(r.runId), r.grantId);
  return { r, expected: run.alone && legacy.alone, what: `run index ${run.name}, legacy ${legacy.name}` };
}

const expired = async (grantId: string) =>
  (await raw.hget(`stepwarden:rec:${grantId}`, 'revocation')) === '"done"' &&
  (await raw.zscore('stepwarden:queue', grantId)) === null;

describe('the expiry of a broker JWT alone in its run', () => {
  it('runs HMGET, ZCARD, ZSCORE, SCARD, HSET, ZREM, DEL: no TYPE, no SISMEMBER of an absent index', async () => {
    const r = expiredJwt();
    await store.put(r);
    await store.expireAlone(r.grantId, r.runId, nowS());
    const r2 = expiredJwt();
    await store.put(r2);
    await store.expireAlone(r2.grantId, r2.runId, nowS());
    const seen = await monitored(raw, async () => {
      const r3 = expiredJwt();
      await store.put(r3);
      expect(await store.expireAlone(r3.grantId, r3.runId, nowS())).toBe(true);
    });
    // The expiry step's own commands: those after its EVALSHA (the put's are before it).
    const i = seen.map((c) => c.args[0]?.toLowerCase()).lastIndexOf('evalsha');
    const inside = seen
      .slice(i + 1)
      .filter((c) => c.source === 'lua')
      .map((c) => c.args[0]!.toLowerCase());
    // c3326db: hmget, type, type, zcard, zscore, scard, sismember, hset, zrem, del.
    expect(inside).toEqual(['hmget', 'zcard', 'zscore', 'scard', 'hset', 'zrem', 'del']);
  });

  it('expires exactly what the TYPE rule expired, for every shape of the two indexes, one by one', async () => {
    for (const run of RUN_SHAPES)
      for (const legacy of LEGACY_SHAPES) {
        const { r, expected, what } = await entry(run, legacy);
        const answer = await store.expireAlone(r.grantId, r.runId, nowS());
        expect({ what, answer, expired: await expired(r.grantId) }).toEqual({
          what,
          answer: expected,
          expired: expected,
        });
      }
  });

  it('and in one batch, every shape beside the others', async () => {
    const entries = [];
    for (const run of RUN_SHAPES) for (const legacy of LEGACY_SHAPES) entries.push(await entry(run, legacy));
    const answers = await store.expireAloneMany(
      entries.map(({ r }) => r),
      nowS(),
    );
    const got = [];
    for (const [i, e] of entries.entries())
      got.push({ what: e.what, answer: answers[i], expired: await expired(e.r.grantId) });
    expect(got).toEqual(entries.map((e) => ({ what: e.what, answer: e.expected, expired: e.expected })));
    // Both answers occur: the batch is not all one way.
    expect(new Set(answers).size).toBe(2);
  });
});
