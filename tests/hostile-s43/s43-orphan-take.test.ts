/**
 * Session 43, left by session 42: the sweep's take (swTakeDue) expires a batch of broker JWTs in the
 * store and leaves their `credential.expired` lines to its caller. An instance killed between the take
 * and its lines lost them for good: the list of what it expired (`stepwarden:taken:<tag>`) was read
 * back only by the same process, which is gone. Now every take list is leased in `stepwarden:takes`
 * (TIME + the sweep's lease) until its lines are on disk, and past that lease the next take of any
 * instance adopts it: moved into its own list, its lines written there. Once: a list is in one place at
 * a time, and its owner writes it only within half its lease (an answer later than that is left to the
 * adopter). Real redis-server, three stores (instances) on it; the kill is the take's step run alone,
 * which is what a SIGKILL after the script leaves. On the start commit 0848e99d the other instances
 * never wrote those lines (the until below timed out).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { Store } from '../../shared/broker/state/store.js';
import { until } from '../support/poll.js';
import { expiredJwt } from '../support/records.js';
import { startRedis, type RedisServer } from '../support/redis.js';

const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
/** The sweep's lease in these tests: short, so that an orphan is adoptable within the test. */
const LEASE = 1;

let server: RedisServer;
let raw: Redis;
const stores: RedisStore[] = [];
const storeOf = async () => {
  const s = await RedisStore.connect(server.url, { callerClock: true, box });
  stores.push(s);
  return s;
};

beforeAll(async () => {
  server = await startRedis();
  raw = server.client();
}, 60_000);
afterAll(async () => {
  await raw?.quit();
  for (const s of stores) await s.close();
  await server?.stop();
});
beforeEach(async () => {
  await raw.flushdb();
});

const instance = (store: Store) => {
  const audit = memoryAuditSink();
  return {
    audit,
    revoker: new Revoker({ store, audit, githubFor: () => undefined, now: nowS, leaseSeconds: LEASE }),
  };
};
const expiredIds = (...sinks: { events: readonly { type: string; grant_id?: string }[] }[]) =>
  sinks.flatMap((s) =>
    s.events.filter((e) => e.type === 'credential.expired').map((e) => String(e.grant_id)),
  );
/** The store's clock (TIME), in seconds. */
const storeNow = async () => Number((await raw.time())[0]);
/** The sweepers sweep, as the fleet does, until a lease has passed by the store's clock, then once more. */
const sweepPastLease = async (...sweepers: Revoker[]) => {
  const sweep = () => Promise.all(sweepers.map((r) => r.sweep(100)));
  const past = (await storeNow()) + LEASE + 1;
  await until(async () => (await sweep(), (await storeNow()) >= past), 20_000, 'a lease to pass');
  await sweep();
};

describe('an orphaned take (its instance killed before its lines) is adopted once (s43)', () => {
  it('another instance writes each line once, past the lease; a third writes none', async () => {
    const records = Array.from({ length: 7 }, () => expiredJwt());
    const [dead, b, c] = [await storeOf(), await storeOf(), await storeOf()];
    for (const r of records) await dead.put(r);
    // The killed instance's take: the step ran, its lines were never written.
    const at = nowS();
    const taken = await dead.takeDue!(at, 100, LEASE, { at, tag: 'killed', written: [] });
    expect(taken.expired.filter(Boolean)).toHaveLength(records.length);
    expect(await raw.lrange('stepwarden:taken:killed', 0, -1)).toHaveLength(records.length);
    const B = instance(b);
    const C = instance(c);
    // Both sweep as the fleet does, until the lines are written somewhere.
    await until(
      async () => {
        await Promise.all([B.revoker.sweep(100), C.revoker.sweep(100)]);
        return expiredIds(B.audit, C.audit).length >= records.length;
      },
      20_000,
      "the orphaned take's lines at another instance",
    );
    const lined = expiredIds(B.audit, C.audit);
    expect(lined.sort()).toEqual(records.map((r) => r.grantId).sort());
    // The lines carry what the record says (its place and ttl), not the id alone.
    for (const e of [...B.audit.events, ...C.audit.events].filter((e) => e.type === 'credential.expired'))
      expect(e).toMatchObject({ repository: 'octo-org/octo-repo', reason: 'TTL_PASSED', ttl: 60 });
    expect(await raw.exists('stepwarden:taken:killed')).toBe(0);
    // Past another lease, every instance sweeping again: nothing written twice, nothing left listed.
    await sweepPastLease(B.revoker, C.revoker);
    expect(expiredIds(B.audit, C.audit)).toHaveLength(records.length);
    expect(await raw.zcard('stepwarden:takes')).toBe(0);
  }, 60_000);

  it('a live instance that wrote its lines is never adopted: its next take (or its stop) drops the list', async () => {
    const [a, b] = [await storeOf(), await storeOf()];
    const A = instance(a);
    const B = instance(b);
    const first = Array.from({ length: 3 }, () => expiredJwt());
    for (const r of first) await a.put(r);
    expect(await A.revoker.sweep(100)).toBe(first.length);
    expect(await raw.zcard('stepwarden:takes')).toBe(1);
    // Its next take drops the list (its lines are durable).
    await A.revoker.sweep(100);
    expect(await raw.zcard('stepwarden:takes')).toBe(0);
    // A second batch, then the stop: dropped at the stop.
    const second = Array.from({ length: 2 }, () => expiredJwt());
    for (const r of second) await a.put(r);
    expect(await A.revoker.sweep(100)).toBe(second.length);
    await A.revoker.dropWritten();
    expect(await raw.zcard('stepwarden:takes')).toBe(0);
    expect(await raw.keys('stepwarden:taken:*')).toEqual([]);
    // Past the lease the other instance finds nothing to adopt.
    await sweepPastLease(B.revoker);
    expect(expiredIds(B.audit)).toEqual([]);
    expect(expiredIds(A.audit).sort()).toEqual([...first, ...second].map((r) => r.grantId).sort());
  }, 60_000);

  it('a lost answer read back in time is leased again: written by its instance, not adopted', async () => {
    const [a, b] = [await storeOf(), await storeOf()];
    let lose = true;
    const lossy = Object.assign(Object.create(a) as Store, {
      takeDue: async (...args: Parameters<NonNullable<Store['takeDue']>>) => {
        const t = await a.takeDue!(...args);
        if (lose) throw ((lose = false), new Error('Connection is closed.'));
        return t;
      },
    });
    const A = instance(lossy);
    const B = instance(b);
    const records = Array.from({ length: 4 }, () => expiredJwt());
    for (const r of records) await a.put(r);
    await expect(A.revoker.sweep(100)).rejects.toThrow('Connection is closed.');
    await A.revoker.sweep(100); // reads back, writes, leases the list again
    expect(expiredIds(A.audit).sort()).toEqual(records.map((r) => r.grantId).sort());
    await A.revoker.sweep(100); // drops it
    await sweepPastLease(B.revoker);
    expect(expiredIds(B.audit)).toEqual([]);
  }, 60_000);

  it('a list whose lines are not durable (the log failing) stays leased to be adopted: twice, never never', async () => {
    const [a, b] = [await storeOf(), await storeOf()];
    const mem = memoryAuditSink();
    const failing = { write: mem.write, flush: () => Promise.reject(new Error('EIO')) };
    const A = new Revoker({
      store: a,
      audit: failing,
      githubFor: () => undefined,
      now: nowS,
      leaseSeconds: LEASE,
    });
    const B = instance(b);
    const records = Array.from({ length: 2 }, () => expiredJwt());
    for (const r of records) await a.put(r);
    expect(await A.sweep(100)).toBe(records.length);
    await A.sweep(100);
    // Not dropped: the lines are only in this process.
    expect(await raw.zcard('stepwarden:takes')).toBe(1);
    await until(
      async () => (await B.revoker.sweep(100), expiredIds(B.audit).length === records.length),
      20_000,
      'the adoption of a take whose lines never became durable',
    );
  }, 60_000);
});

describe('the adoption set written over by a key of another type (s43)', () => {
  it('the sweep goes on (expiry and lines), only adoption is passed over', async () => {
    await raw.set('stepwarden:takes', 'stray');
    const A = instance(await storeOf());
    const records = Array.from({ length: 3 }, () => expiredJwt());
    for (const r of records) await stores.at(-1)!.put(r);
    expect(await A.revoker.sweep(100)).toBe(records.length);
    await A.revoker.sweep(100);
    expect(expiredIds(A.audit).sort()).toEqual(records.map((r) => r.grantId).sort());
    expect(await raw.get('stepwarden:takes')).toBe('stray');
  });
});
