/**
 * The sweep of a due broker JWT on Redis (session 10): one script after the record is read
 * (`expireAlone`) instead of markRevoked, the run's live() and settleRevocation, when nothing is owed
 * upstream and nothing else is indexed under its run. The state and the audit line are the
 * step-by-step path's; anything else (a GitHub token, a chained child, a record already revoked)
 * still takes that path.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import type { CredentialRecord, Store } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { record } from './store-suite.js';

const Q = 'stepwarden:queue';
const nowS = () => Math.floor(Date.now() / 1000);
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});
beforeEach(async () => {
  await redis.client().flushdb();
});

/**
 * A delivered broker JWT of its own run whose deadline passed. The run is numbered, not drawn: two
 * records drawn into one run (1 in 10^6 a pair) are not alone in it and failed two cases.
 */
let runs = 0;
const dueJwt = (over: Partial<CredentialRecord> = {}): CredentialRecord => {
  const {
    secret: _secret,
    upstreamExpiresAt: _up,
    ...r
  } = record({
    kind: 'jwt',
    audience: 'https://hooks.example.internal',
    scope: 'notify:send',
    step: 'notify',
    runId: String(100_000 + ++runs),
    issuedAt: nowS() - 160,
    expiresAt: nowS() - 100,
    ...over,
  });
  return r;
};

/** The store's calls by method, counted; `without` hides methods (the step-by-step path). */
function counted(store: Store, ...without: (keyof Store)[]) {
  const calls: Record<string, number> = {};
  const view = new Proxy(store, {
    get(target, k, recv) {
      if (without.includes(k as keyof Store)) return undefined;
      const v = Reflect.get(target, k, recv) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls[String(k)] = (calls[String(k)] ?? 0) + 1;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { view, calls };
}

async function sweep(store: Store, now = nowS()) {
  const audit = memoryAuditSink();
  const n = await new Revoker({ store, audit, githubFor: () => undefined, now: () => now }).sweep();
  return { n, events: audit.events };
}

/** What a sweep leaves of a record: the fields it changes, and whether it is still queued. */
async function after(store: RedisStore, id: string) {
  const r = await store.get(id);
  return {
    revokedAt: r?.revokedAt,
    revocation: r?.revocation,
    queued: (await redis.client().zscore(Q, id)) !== null,
  };
}

describe('the sweep of a due broker JWT on Redis', () => {
  it('alone in its run: the batch taken in one step (takeDue), nothing else; the same state and line as the step-by-step path', async () => {
    const store = await RedisStore.connect(redis.url, { callerClock: true, box });
    try {
      const fast = dueJwt();
      const slow = dueJwt();
      await store.put(fast);
      await store.put(slow);
      const now = nowS();

      const one = counted(store);
      // The fast one first: both are due, the slow one is kept for the second sweep.
      await redis.client().zadd(Q, now - 1000, fast.grantId);
      await redis.client().zadd(Q, now + 3600, slow.grantId);
      const a = await sweep(one.view, now);
      expect(a.n).toBe(1);
      // Session 42: one take (session 34: due, the batch's hold step and its expiry step; before it
      // hold, get, expireAlone per entry).
      expect(one.calls).toEqual({ takeDue: 1 });

      await redis.client().zadd(Q, now - 1000, slow.grantId);
      const stepwise = counted(store, 'takeDue', 'expireAlone', 'expireAloneMany');
      const b = await sweep(stepwise.view, now);
      expect(b.n).toBe(1);
      expect(stepwise.calls.markRevoked).toBe(1);
      expect(stepwise.calls.settleRevocation).toBe(1);

      expect(await after(store, fast.grantId)).toEqual(await after(store, slow.grantId));
      expect(await after(store, fast.grantId)).toEqual({ revokedAt: now, revocation: 'done', queued: false });
      const strip = (e: Record<string, unknown>) => ({ ...e, grant_id: 'X', run_id: 'R', time: 'T' });
      expect(a.events.map(strip)).toEqual(b.events.map(strip));
      expect(a.events.map((e) => [e.type, e.outcome, e.reason, e.grant_id])).toEqual([
        ['credential.expired', 'success', 'TTL_PASSED', fast.grantId],
      ]);
      // Once: the next sweep finds nothing.
      expect((await sweep(store, now + 3600)).n).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('with a chained child in its run: the step-by-step path, the child revoked with its parent', async () => {
    const store = await RedisStore.connect(redis.url, { callerClock: true, box });
    try {
      const parent = dueJwt();
      const child = dueJwt({
        runId: parent.runId,
        chain: [parent.grantId],
        expiresAt: nowS() + 600,
        grantId: randomUUID(),
      });
      await store.put(parent);
      await store.put(child);
      const c = counted(store);
      const { events } = await sweep(c.view);
      // Judged once (the take), not again on the entry's own path.
      expect(c.calls.takeDue).toBe(1);
      expect(c.calls.expireAloneMany).toBeUndefined();
      expect(c.calls.expireAlone).toBeUndefined();
      expect(c.calls.markRevoked).toBe(2);
      expect(events.map((e) => [e.type, e.reason, e.grant_id])).toEqual([
        ['credential.expired', 'TTL_PASSED', parent.grantId],
        ['credential.revoked', 'REVOKED_WITH_PARENT', child.grantId],
      ]);
      expect((await store.get(child.grantId))?.revokedAt).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('refuses what it must not settle: already revoked, undelivered, holding a secret, another record in the run', async () => {
    const store = await RedisStore.connect(redis.url, { callerClock: true, box });
    const raw = redis.client();
    try {
      const now = nowS();
      const revoked = dueJwt({ revokedAt: now - 50 });
      const undelivered = dueJwt();
      const github = record({ expiresAt: now - 100 });
      const shared = dueJwt();
      const sibling = dueJwt({ runId: shared.runId, grantId: randomUUID() });
      for (const r of [revoked, undelivered, github, shared, sibling]) await store.put(r);
      // Stored by an exchange that never answered (its put needs the intent: written as it would be).
      await raw.hset(`stepwarden:rec:${undelivered.grantId}`, 'deliverBy', JSON.stringify(now - 10));
      for (const r of [revoked, undelivered, github, shared])
        expect(await store.expireAlone(r.grantId, r.runId, now)).toBe(false);
      // Untouched: no revokedAt written, still queued.
      for (const r of [undelivered, github, shared]) {
        expect(await raw.hexists(`stepwarden:rec:${r.grantId}`, 'revokedAt')).toBe(0);
        expect(await raw.zscore(Q, r.grantId)).not.toBeNull();
      }
      // A record gone: nothing to do, nothing written.
      expect(await store.expireAlone(randomUUID(), '1', now)).toBe(false);
      // The sibling gone from the run's index: the shared one may now take the one step.
      await raw.zrem(`stepwarden:ix:run:${shared.runId}`, sibling.grantId);
      expect(await store.expireAlone(shared.grantId, shared.runId, now)).toBe(true);
      expect(await raw.zscore(Q, shared.grantId)).toBeNull();
    } finally {
      await store.close();
    }
  });
});
