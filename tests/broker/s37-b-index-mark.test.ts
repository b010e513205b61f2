/**
 * Session 37: a new credential's put reads no EXPIRETIME of the trimmed indexes (repository id,
 * repository, workflow): one ZADD (GT CH) writes its entry and raises the index's slot mark
 * (SLOT_MARK in redis.ts), and only a moved mark has the expiry read and raised. What must hold, for
 * any order of new puts, re-puts, and what an older instance on the same store does (its reader
 * removes the mark as a gone record; its put raises the expiry its own way): the index never expires
 * before a credential it lists is kept (a kill switch or revocation by repository would miss it),
 * every put credential is listed, and the mark is never listed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { retainUntil, type CredentialRecord } from '../../shared/broker/state/store.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { gateRequest, record } from './store-suite.js';

let server: RedisServer;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');
const MARK = '!expiry';

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server.stop();
});

type Op =
  | { kind: 'fresh'; ahead: number }
  | { kind: 'reput'; ahead: number }
  | { kind: 'olderReader' }
  | { kind: 'olderWriter'; ahead: number };

describe('the trimmed indexes slot mark (session 37)', () => {
  it('an index outlives every credential it lists and lists each, whatever mix of puts and older instances', async () => {
    const store = await RedisStore.connect(server.url, { callerClock: true, box });
    const raw = server.client();
    const ahead = fc.integer({ min: 0, max: 7200 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      ahead.map((a) => ({ kind: 'fresh' as const, ahead: a })),
      ahead.map((a) => ({ kind: 'reput' as const, ahead: a })),
      fc.constant({ kind: 'olderReader' as const }),
      ahead.map((a) => ({ kind: 'olderWriter' as const, ahead: a })),
    );
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
          const repositoryId = `mark-${randomBytes(4).toString('hex')}`;
          const keys = [`stepwarden:ix:repoid:${repositoryId}`];
          const t = Math.floor(Date.now() / 1000);
          const kept: string[] = [];
          let latest = 0;
          const one = (a: number, over: Partial<CredentialRecord> = {}) =>
            record({ repositoryId, kind: 'jwt', secret: undefined, upstreamExpiresAt: t + a, ...over });
          const intended = async (r: CredentialRecord, id: ReturnType<typeof randomUUID>) =>
            store.intend({ ...gateRequest({}, id).intent, repositoryId: r.repositoryId });
          for (const o of ops) {
            if (o.kind === 'fresh') {
              // An exchange's credential: its intent first, then the put that takes it.
              const id = randomUUID();
              const r = one(o.ahead, { grantId: id, tokenHash: `h-${id}` });
              await intended(r, id);
              await store.putDelivered(r);
              kept.push(r.grantId);
              latest = Math.max(latest, Math.ceil(retainUntil(r)));
            } else if (o.kind === 'reput') {
              const r = one(o.ahead, { revocation: 'done' });
              await store.put(r);
              kept.push(r.grantId);
              latest = Math.max(latest, Math.ceil(retainUntil(r)));
            } else if (o.kind === 'olderReader') {
              // An older instance's live(): the mark has no record, so it is removed as a gone one.
              for (const k of keys) await raw.zrem(k, MARK);
            } else {
              // An older instance's put (session 29 to 36): ZADD, then the expiry raised to the slot's
              // end when below its record's retention.
              const id = randomUUID();
              const keep = t + o.ahead + 600;
              for (const k of keys) {
                await raw.zadd(k, keep, id);
                if (Number(await raw.call('EXPIRETIME', k)) < keep)
                  await raw.expireat(k, Math.ceil(keep / 60) * 60);
              }
              latest = Math.max(latest, keep);
            }
            for (const k of latest > 0 ? keys : []) {
              const expiry = Number(await raw.call('EXPIRETIME', k));
              expect(expiry).toBeGreaterThanOrEqual(latest);
              const mark = await raw.zscore(k, MARK);
              if (mark !== null) expect(expiry).toBeGreaterThanOrEqual(Number(mark));
            }
          }
          const listed = (await store.list({ repositoryId })).map((r) => r.grantId);
          expect(listed.sort()).toEqual([...kept].sort());
          expect(listed).not.toContain(MARK);
        }),
        { numRuns: 40 },
      );
    } finally {
      await store.close();
    }
  }, 120_000);

  it("a new credential's put on a busy index: one ZADD, no EXPIRETIME, until the slot mark moves", async () => {
    const store = await RedisStore.connect(server.url, { callerClock: true, box });
    const raw = server.client();
    try {
      const repositoryId = `busy-${randomBytes(4).toString('hex')}`;
      const key = `stepwarden:ix:repoid:${repositoryId}`;
      const t = Math.floor(Date.now() / 1000);
      const put = async (ahead: number) => {
        const id = randomUUID();
        const r = record({
          grantId: id,
          repositoryId,
          kind: 'jwt',
          secret: undefined,
          upstreamExpiresAt: t + ahead,
        });
        await store.intend({ ...gateRequest({}, id).intent, repositoryId });
        await store.putDelivered(r);
        return r;
      };
      // The index's expiry set once, at the end of the latest retention's minute, the mark beside it.
      const first = await put(3000);
      const at = Number(await raw.call('EXPIRETIME', key));
      expect(at % 60).toBe(0);
      expect(at).toBeGreaterThanOrEqual(Math.ceil(retainUntil(first)));
      expect(Number(await raw.zscore(key, MARK))).toBe(at);
      // Within it, the expiry is left as it is; an entry whose retention ended stays (no trim).
      await raw.zadd(key, t - 60, 'ended-grant');
      await put(1000);
      expect(Number(await raw.call('EXPIRETIME', key))).toBe(at);
      expect(await raw.zscore(key, 'ended-grant')).not.toBeNull();
      // Past it: the mark moves, the index is trimmed, its expiry raised to the new minute's end.
      const later = await put(3000 + 120);
      const moved = Number(await raw.call('EXPIRETIME', key));
      expect(moved).toBeGreaterThanOrEqual(Math.ceil(retainUntil(later)));
      expect(Number(await raw.zscore(key, MARK))).toBe(moved);
      expect(await raw.zscore(key, 'ended-grant')).toBeNull();
      // The expiry raised past the mark by hand (or an older instance): never lowered by a moved mark.
      await raw.expireat(key, moved + 7200);
      await raw.zrem(key, MARK);
      await put(3000 + 240);
      expect(Number(await raw.call('EXPIRETIME', key))).toBe(moved + 7200);
    } finally {
      await store.close();
    }
  });
});
