/**
 * Session 35, left by session 34 (B): the sweep expires a batch's lone broker JWTs in one store
 * step (swExpireAloneMany; since session 42 the take, swTakeDue, which also takes the batch). When the connection drops after the script ran, its answer is lost:
 * the entries are settled and off the queue, and no sweep ever wrote their `credential.expired`
 * lines. Through a TCP proxy in front of a real redis-server: the script's command held, let
 * through with the answer stalled, the connection cut once the server ran it (or, the control,
 * cut before the server saw it). Each credential then has exactly one `credential.expired` line
 * after the next sweeps, of this instance and of another one on the same store, and none is
 * written for an entry the script did not settle.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { startRedisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { expiredJwt } from '../support/records.js';
import { until } from '../support/redis-rig.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 's35b');
let server: RedisServer;
let raw: Redis;
let proxy: RedisProxy;
const open: RedisStore[] = [];

beforeAll(async () => {
  server = await startRedis();
  raw = server.client();
}, 60_000);
afterAll(async () => {
  for (const s of open) await s.close().catch(() => undefined);
  await raw?.quit();
  await server?.stop();
}, 60_000);
beforeEach(async () => {
  await raw.flushdb();
});

async function storeAt(url: string) {
  const s = await RedisStore.connect(url, { callerClock: true, box });
  open.push(s);
  return s;
}

describe("the batch expiry's answer lost (s35)", () => {
  it.each([
    'after the script ran',
    'before the server saw it',
    'after the script ran, one record then changed',
  ] as const)(
    'cut %s: one credential.expired line per credential, no more',
    async (when) => {
      proxy = await startRedisProxy(Number(new URL(server.url).port));
      try {
        const store = await storeAt(proxy.url);
        const other = await storeAt(server.url);
        let clock = Math.floor(Date.now() / 1000);
        const audit = memoryAuditSink();
        const revokerOn = (s: RedisStore) =>
          new Revoker({ store: s, audit, githubFor: () => undefined, now: () => clock, leaseSeconds: 60 });
        const mine = revokerOn(store);
        const records = Array.from({ length: 6 }, () => expiredJwt());
        for (const r of records) await other.put(r);
        const ids = records.map((r) => r.grantId);
        let letThrough!: () => void;
        const gate = new Promise<void>((r) => (letThrough = r));
        // The batch's expiry step: since session 42 the take (swTakeDue), the only command naming a
        // take's list (before it, swExpireAloneMany, the only one naming the first entry's intent key).
        const hit = proxy.holdWhen((c) => c.includes('stepwarden:taken:'), gate);
        const first = mine.sweep(100).then(
          () => 'answered',
          (err: Error) => err.message,
        );
        await hit;
        if (when !== 'before the server saw it') {
          proxy.stall();
          letThrough();
          await until(
            async () => (await raw.hget(`stepwarden:rec:${ids.at(-1)!}`, 'revokedAt')) !== null,
            30_000,
            'the script ran on the server',
          );
        }
        proxy.cut();
        proxy.heal();
        // Changed in the store before the next sweep reads it back: that one cannot be read (no line
        // can be told for it), and it must not stop the sweeps after it.
        const changed = when === 'after the script ran, one record then changed' ? ids[2]! : undefined;
        if (changed) await raw.hset(`stepwarden:rec:${changed}`, 'expiresAt', '"soon"');
        // The answer never came: the sweep failed, no line yet.
        expect(await first).not.toBe('answered');
        // The next sweeps (this instance once reconnected, then another instance past the lease).
        await until(
          () =>
            mine.sweep(100).then(
              () => true,
              () => false,
            ),
          30_000,
          'a sweep after the reconnect',
        );
        clock += 120;
        await until(
          () =>
            mine.sweep(100).then(
              () => true,
              () => false,
            ),
          30_000,
          'a sweep past the lease',
        );
        await revokerOn(other).sweep(100);
        const expired = (audit.events as Record<string, unknown>[]).filter(
          (e) => e.type === 'credential.expired',
        );
        const lined = ids.filter((id) => id !== changed);
        expect(expired.map((e) => e.grant_id).sort()).toEqual([...lined].sort());
        expect(expired.every((e) => e.reason === 'TTL_PASSED')).toBe(true);
        for (const id of lined) {
          const r = await other.get(id);
          expect([r?.revokedReason, r?.revocation]).toEqual(['TTL_PASSED', 'done']);
        }
        expect(await raw.zcard('stepwarden:queue')).toBe(0);
      } finally {
        await proxy.close();
      }
    },
    120_000,
  );
});
