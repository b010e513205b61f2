/**
 * The sweep's take (session 42): due(), holdMany() and expireAloneMany() of a batch in one store step
 * (takeDue; Redis swTakeDue). A broker JWT alone in its run is expired inside the step and still gets
 * its one `credential.expired` line from the caller. What must hold: a take whose answer is lost
 * (the script ran, the reply never came) still gets each line it owes, once, even when the read-back
 * itself fails half-way; two instances sweeping the same queue at once write one terminal line per
 * credential; and what the step cannot judge (a record moved under another id, a newer store format, a GitHub token
 * without its secret) is left to the entry's own path. The properties of s34-r-sweep-batch compare
 * the take with the other two paths over mixed batches.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { CredentialRecord, Store } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { expiredJwt } from '../support/records.js';

const Q = 'stepwarden:queue';
const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

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

function revokerOn(s: Store, audit = memoryAuditSink(), now = nowS) {
  return {
    audit,
    revoker: new Revoker({ store: s, audit, githubFor: () => undefined, now }),
  };
}

/** The store with takeDue's answer lost after the step ran (`times` calls), as a dropped connection. */
function answerLost(s: Store, times = 1): Store {
  let left = times;
  return Object.assign(Object.create(s) as Store, {
    takeDue: async (...args: Parameters<NonNullable<Store['takeDue']>>) => {
      const taken = await s.takeDue!(...args);
      if (left-- > 0) throw new Error('Connection is closed.');
      return taken;
    },
  });
}

const expiredOf = (events: readonly Record<string, unknown>[]) =>
  events.filter((e) => e.type === 'credential.expired').map((e) => String(e.grant_id));

describe("the sweep's take: one store step, one line per expired broker JWT", () => {
  it('a take whose answer is lost: the next sweep writes each line it owes once, and the list is dropped after', async () => {
    const records = Array.from({ length: 12 }, () => expiredJwt());
    for (const r of records) await store.put(r);
    const { audit, revoker } = revokerOn(answerLost(store));
    await expect(revoker.sweep(100)).rejects.toThrow('Connection is closed.');
    // The step ran: every one expired and off the queue, and no line yet.
    for (const r of records) expect(await raw.zscore(Q, r.grantId)).toBeNull();
    expect(audit.events).toEqual([]);
    expect(await raw.keys('stepwarden:taken:*')).toHaveLength(1);
    expect(await revoker.sweep(100)).toBe(0);
    const ids = expiredOf(audit.events as Record<string, unknown>[]);
    expect(ids.sort()).toEqual(records.map((r) => r.grantId).sort());
    // The lines are the step-by-step path's: the record's place and ttl, not the id alone.
    for (const e of audit.events as Record<string, unknown>[])
      expect(e).toMatchObject({
        reason: 'TTL_PASSED',
        outcome: 'success',
        run_id: expect.any(String),
        ttl: 60,
      });
    // Nothing written twice by later sweeps; the take after the read-back drops its list.
    expect(await revoker.sweep(100)).toBe(0);
    expect(expiredOf(audit.events as Record<string, unknown>[])).toHaveLength(12);
    expect(await raw.keys('stepwarden:taken:*')).toEqual([]);
  });

  it('a take whose answer is lost and whose read-back fails half-way: no line twice, none missing', async () => {
    const records = Array.from({ length: 6 }, () => expiredJwt());
    for (const r of records) await store.put(r);
    let failGet = 0;
    const flaky = Object.assign(Object.create(answerLost(store)) as Store, {
      get: async (id: string) => {
        // The third record's read fails the first time (a store past its deadline).
        if (++failGet === 3) throw new Error('Command timed out');
        return store.get(id);
      },
    });
    const { audit, revoker } = revokerOn(flaky);
    await expect(revoker.sweep(100)).rejects.toThrow('Connection is closed.');
    await expect(revoker.sweep(100)).rejects.toThrow('Command timed out');
    expect(audit.events).toEqual([]);
    await revoker.sweep(100);
    const ids = expiredOf(audit.events as Record<string, unknown>[]);
    expect(ids.sort()).toEqual(records.map((r) => r.grantId).sort());
  });

  it("a lost take's list replaced by a key of another type: the sweep goes on (no sweep stopped for ever)", async () => {
    const [lost, later] = [expiredJwt(), expiredJwt()];
    await store.put(lost);
    const { audit, revoker } = revokerOn(answerLost(store));
    await expect(revoker.sweep(100)).rejects.toThrow('Connection is closed.');
    const [list] = await raw.keys('stepwarden:taken:*');
    await raw.del(list!);
    await raw.set(list!, 'not a list');
    await store.put(later);
    expect(await revoker.sweep(100)).toBe(1);
    expect(expiredOf(audit.events as Record<string, unknown>[])).toEqual([later.grantId]);
  });

  it('two instances sweeping one queue at once: one terminal line per credential, none left', async () => {
    const other = await RedisStore.connect(server.url, { callerClock: true, box });
    try {
      // Alone in their run, and chained pairs (the parent not alone: the per-entry path).
      const records: CredentialRecord[] = [];
      for (let i = 0; i < 150; i++) records.push(expiredJwt());
      for (let i = 0; i < 20; i++) {
        const parent = expiredJwt();
        records.push(parent, { ...expiredJwt(), runId: parent.runId, chain: [parent.grantId] });
      }
      for (const r of records) await store.put(r);
      const audit = memoryAuditSink();
      const a = revokerOn(store, audit).revoker;
      const b = revokerOn(other, audit).revoker;
      // Small batches, so the two instances' takes interleave over the queue.
      const drain = async (r: Revoker) => {
        for (let k = 0; k < 200; k++) if ((await r.sweep(7)) === 0 && (await raw.zcard(Q)) === 0) return;
      };
      await Promise.all([drain(a), drain(b)]);
      const ended = (audit.events as Record<string, unknown>[]).map((e) => String(e.grant_id));
      expect(ended.sort()).toEqual(records.map((r) => r.grantId).sort());
      expect(await raw.zcard(Q)).toBe(0);
    } finally {
      await other.close();
    }
  }, 60_000);

  it("what the step cannot judge is leased to the entry's own path, never expired in the step", async () => {
    const now = nowS();
    const moved = expiredJwt();
    const newer = expiredJwt();
    const gone = expiredJwt();
    const tricky = { ...expiredJwt(), runId: 'a/b"c' };
    for (const r of [moved, newer, gone, tricky]) await store.put(r);
    // A hash moved under another grant's key; a record of a newer store format; a GitHub kind with
    // no secret (changed in the store); a record that is gone.
    const other = expiredJwt();
    await store.put(other);
    await raw.hset(`stepwarden:rec:${moved.grantId}`, 'grantId', JSON.stringify(other.grantId));
    const r = JSON.parse((await raw.hget(`stepwarden:rec:${newer.grantId}`, 'r'))!) as Record<
      string,
      unknown
    >;
    await raw.hset(`stepwarden:rec:${newer.grantId}`, 'r', JSON.stringify({ ...r, v: 99 }));
    const gh = expiredJwt();
    await store.put(gh);
    const g = JSON.parse((await raw.hget(`stepwarden:rec:${gh.grantId}`, 'r'))!) as Record<string, unknown>;
    await raw.hset(`stepwarden:rec:${gh.grantId}`, 'r', JSON.stringify({ ...g, kind: 'github' }));
    await raw.del(`stepwarden:rec:${gone.grantId}`);
    const taken = await store.takeDue(now, 100, 60, { at: now, tag: 's42-judge', written: [] });
    const expired = new Set(taken.ids.filter((_, i) => taken.expired[i]));
    expect(expired).toEqual(new Set([other.grantId, tricky.grantId]));
    for (const id of [moved.grantId, newer.grantId, gh.grantId, gone.grantId]) {
      expect(taken.ids).toContain(id);
      // Leased to this caller, untouched.
      expect(Number(await raw.zscore(Q, id))).toBeGreaterThan(now + 30);
      expect(await raw.hget(`stepwarden:rec:${id}`, 'revokedAt')).toBeNull();
    }
    expect((await store.takenBy('s42-judge')).sort()).toEqual([...expired].sort());
  });
});
