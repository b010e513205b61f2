/**
 * The sweep's hold step reads the entry's record (session 33): a due broker JWT was three round trips
 * after due() (hold, the record's HGETALL, expireAlone), one after the other for every credential the
 * sweep expires; the record now comes back with the renewed lease, in the same atomic step, and the
 * sweep's get() of that entry, which follows at once, takes it from there. What it must not do: hand
 * that read to any later get() (another id asked in between, the next turn of the event loop), or
 * read a hash other than ioredis's hgetall would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { hashOf, RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { CredentialRecord } from '../../shared/broker/state/store.js';
import { monitored } from '../support/redis-monitor.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { expiredJwt } from '../support/records.js';

/** Seeds: a fixed one and one new per run (CI does not fix them). */
const SEEDS = [33, Date.now() % 1_000_000];

let server: RedisServer;
let store: RedisStore;
let raw: Redis;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

beforeAll(async () => {
  server = await startRedis();
  store = await RedisStore.connect(server.url, { box });
  raw = server.client();
});
afterAll(async () => {
  await store.close();
  await server.stop();
});

const now = () => Math.floor(Date.now() / 1000);

/** Puts records and takes every due entry of the queue, so the next hold() is about them. */
async function dueAfterPut(...records: CredentialRecord[]): Promise<string[]> {
  for (const r of records) await store.put(r);
  const ids = await store.due(now(), 1000, 60);
  for (const r of records) expect(ids).toContain(r.grantId);
  return ids;
}

const turn = () => new Promise<void>((r) => setImmediate(r));

describe("the sweep's hold step reads the record", () => {
  it('a due broker JWT: one take (session 42; due, hold with its record and expireAlone before), its record read inside it; no HGETALL of its own', async () => {
    const r = expiredJwt();
    await store.put(r);
    const audit = memoryAuditSink();
    const revoker = new Revoker({ store, audit, githubFor: () => undefined, now });
    let swept = 0;
    const seen = await monitored(raw, async () => {
      swept = await revoker.sweep(100);
    });
    expect(swept).toBe(1);
    // What the store sent (a script's own commands are `lua`): one script call, the take (sessions
    // 33-41: three, one per step).
    const sent = seen.filter((c) => c.source !== 'lua').map((c) => c.args[0]!.toLowerCase());
    expect(sent.filter((c) => c !== 'eval' && c !== 'evalsha')).toEqual([]);
    expect(sent).toHaveLength(1);
    // The take read the record (its HGETALL ran inside the script).
    const inScripts = seen.filter((c) => c.source === 'lua').map((c) => c.args[0]!.toLowerCase());
    expect(inScripts).toContain('hgetall');
    // The same outcome as before: expired once, settled, audited once.
    expect(await raw.hget(`stepwarden:rec:${r.grantId}`, 'revocation')).toBe('"done"');
    expect(await raw.zscore('stepwarden:queue', r.grantId)).toBeNull();
    expect(audit.events.filter((e) => e.grant_id === r.grantId).map((e) => e.type)).toEqual([
      'credential.expired',
    ]);
  });

  it('get() right after hold() gives the record a get() from the store gives', async () => {
    const r = expiredJwt();
    await dueAfterPut(r);
    const fromStore = await store.get(r.grantId);
    expect(await store.hold(r.grantId, 60)).toBe(true);
    expect(await store.get(r.grantId)).toEqual(fromStore);
  });

  it('what hold() read is not handed to a get() after another id was asked', async () => {
    const [x, y] = [expiredJwt(), expiredJwt()];
    await store.put(y);
    await dueAfterPut(x);
    expect(await store.hold(x.grantId, 60)).toBe(true);
    expect((await store.get(y.grantId))?.grantId).toBe(y.grantId);
    await raw.hset(`stepwarden:rec:${x.grantId}`, 'revokedAt', '12345');
    expect((await store.get(x.grantId))?.revokedAt).toBe(12345);
  });

  it('what hold() read is not handed to a get() in a later turn of the event loop', async () => {
    const x = expiredJwt();
    await dueAfterPut(x);
    expect(await store.hold(x.grantId, 60)).toBe(true);
    await turn();
    await raw.hset(`stepwarden:rec:${x.grantId}`, 'revokedAt', '12345');
    expect((await store.get(x.grantId))?.revokedAt).toBe(12345);
  });

  it('a hold refused (another lease) keeps nothing: get() reads the store', async () => {
    const x = expiredJwt();
    await dueAfterPut(x);
    // Another instance's lease on it now (its score moved): this caller's hold is refused.
    await raw.zadd('stepwarden:queue', String(now() + 3600), x.grantId);
    expect(await store.hold(x.grantId, 60)).toBe(false);
    await raw.hset(`stepwarden:rec:${x.grantId}`, 'revokedAt', '12345');
    expect((await store.get(x.grantId))?.revokedAt).toBe(12345);
  });

  it('a record key of another type fails its entry only, as its own HGETALL did: the batch goes on', async () => {
    const good = expiredJwt();
    await store.put(good);
    const bad = randomUUID();
    await raw.set(`stepwarden:rec:${bad}`, 'not a hash');
    await raw.zadd('stepwarden:queue', String(now() - 30), bad);
    const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
    const audit = memoryAuditSink();
    const revoker = new Revoker({
      store,
      audit,
      githubFor: () => undefined,
      now,
      log: {
        log: (_level: string, msg: string, fields?: Record<string, unknown>) => logged.push({ msg, fields }),
      },
    });
    expect(await revoker.sweep(100)).toBe(1);
    expect(audit.events.filter((e) => e.grant_id === good.grantId).map((e) => e.type)).toEqual([
      'credential.expired',
    ]);
    expect(logged.map((l) => [l.fields?.code, l.fields?.grant_id])).toEqual([['ERR_STATE_WRONGTYPE', bad]]);
    await raw.del(`stepwarden:rec:${bad}`);
    await raw.zrem('stepwarden:queue', bad);
  });

  it("hashOf reads HGETALL's flat reply as ioredis's hgetall does, odd field names included", async () => {
    const field = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'r', 'secret', ''),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    for (const seed of SEEDS)
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(field, fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 8 }),
          async (pairs) => {
            const key = `s33-hash-${randomUUID()}`;
            await raw.hset(key, ...pairs.flat());
            const flat = (await raw.call('HGETALL', key)) as string[];
            const mine = hashOf(flat);
            const theirs = await raw.hgetall(key);
            await raw.del(key);
            expect(Object.getPrototypeOf(mine)).toBe(Object.getPrototypeOf(theirs));
            expect(Object.entries(mine)).toEqual(Object.entries(theirs));
            expect(Object.getOwnPropertyNames(mine)).toEqual(Object.getOwnPropertyNames(theirs));
          },
        ),
        { seed, numRuns: 60 },
      );
  });
});
