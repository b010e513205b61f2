/**
 * Session 27: a sweeper killed between taking an overdue intent and giving back its claim. The sweep
 * of an intent whose instance died mid-exchange (revocation.ts) took the intent (`abandon`) and gave
 * the claim back (`unclaim`) in two store calls; a sweeper that died between them left the claim
 * counted with no intent to sweep, so the step's retry was refused ERR_GRANT_ALREADY_CLAIMED for the
 * rest of its run attempt. `abandon` now gives the claim back in the same store step (Redis: one Lua
 * script; memory: one synchronous step). The sweeper here dies at the store's interface: once its
 * `abandon` has answered, every later store call of that sweeper fails, as a killed process makes
 * none (the order is certain: no timing is involved).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { gatesOf, type GateRequest, type Store } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { gateRequest } from './store-suite.js';

const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

/** `store` as a sweeper sees it that is killed the moment its first `abandon` has answered. */
function killedAfterAbandon(store: Store): { store: Store; killed: () => boolean } {
  let dead = false;
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (dead) return Promise.reject(new Error('the sweeper was killed'));
        const out: unknown = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (key !== 'abandon') return out;
        return Promise.resolve(out).then((taken) => {
          dead = true;
          return taken;
        });
      };
    },
  });
  return { store: proxy, killed: () => dead };
}

/** A gate request of `claimKey` whose in-flight window is over at `t`: the sweep may take its intent. */
function overdue(t: number, claimKey: string): GateRequest {
  const r = gateRequest();
  return { ...r, intent: { ...r.intent, claimKey, sweepAt: t - 1 } };
}

describe.each(['memory', 'redis'] as const)(
  '%s: a sweeper killed right after it took an overdue intent',
  (kind) => {
    it("leaves the claim given back: the step's retry at another instance is granted, once", async () => {
      const t = Math.floor(Date.now() / 1000);
      // The exchange's instance (it died after its gate: its intent and claim are left) and the
      // instance the step's retry reaches; for memory both are the one store.
      const live: Store =
        kind === 'memory'
          ? new MemoryStore(() => t)
          : await RedisStore.connect(redis.url, { callerClock: true, box });
      const sweeperStore: Store =
        kind === 'memory' ? live : await RedisStore.connect(redis.url, { callerClock: true, box });
      try {
        const claimKey = `claim:${randomUUID()}`;
        const dead = overdue(t, claimKey);
        expect(await gatesOf(live).gate(dead)).toMatchObject({ fresh: true, count: 1, intended: true });
        const sweeper = killedAfterAbandon(sweeperStore);
        const audit = memoryAuditSink();
        const revoker = new Revoker({
          store: sweeper.store,
          audit,
          githubFor: () => undefined,
          now: () => t,
        });
        await revoker.sweep().catch(() => undefined);
        // The sweeper did take the intent, then died.
        expect(sweeper.killed()).toBe(true);
        expect(await live.intent(dead.intent.grantId)).toBeUndefined();
        expect(await live.claimed!(claimKey)).toBe(0);
        // The step's retry (a fresh token) gets its single-use claim; a second is counted (theft).
        expect(await gatesOf(live).gate(overdue(t, claimKey))).toMatchObject({
          count: 1,
          intended: true,
        });
        expect(await gatesOf(live).gate(overdue(t, claimKey))).toMatchObject({
          count: 2,
          intended: false,
        });
      } finally {
        await live.close?.();
        if (sweeperStore !== live) await sweeperStore.close?.();
      }
    });
  },
);
