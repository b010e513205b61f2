/**
 * Session 38: the per-run indexes (run, job, parent run) are given their expiry from the put's text
 * argument (PUT_LUA: `EXPIREAT key ARGV[2] NX`, else `GT`) instead of a Lua number, which
 * redis-server formatted with snprintf for every such command. What must hold, for any order of new
 * puts and re-puts with any retention, in one run and job: each index expires exactly when the
 * longest-kept credential it lists does (never before: a revocation or kill switch by run would miss
 * it; never lowered by a later, shorter put), and lists every credential put.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { retainUntil } from '../../shared/broker/state/store.js';
import { redisForSuite } from '../support/redis.js';
import { gateRequest, record } from './store-suite.js';

const server = redisForSuite();
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

describe('the per-run indexes expiry (session 38)', () => {
  it('run, job and parent-run indexes expire with their longest-kept credential, whatever the order of puts', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    const raw = server().client();
    const put = fc.record({ fresh: fc.boolean(), ahead: fc.integer({ min: 0, max: 86_400 * 40 }) });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(put, { minLength: 1, maxLength: 8 }), async (puts) => {
          const runId = `s38-${randomBytes(4).toString('hex')}`;
          const parent = `s38-parent-${randomBytes(4).toString('hex')}`;
          const t = Math.floor(Date.now() / 1000);
          const keys = [
            `stepwarden:ix:run:${runId}`,
            `stepwarden:ix:job:100001:${runId}:1:publish`,
            `stepwarden:ix:parentrun:${parent}`,
          ];
          const kept: string[] = [];
          let latest = 0;
          for (const p of puts) {
            const id = randomUUID();
            const r = record({
              grantId: id,
              tokenHash: `h-${id}`,
              kind: 'jwt',
              secret: undefined,
              runId,
              parentRuns: [parent],
              upstreamExpiresAt: t + p.ahead,
              ...(p.fresh ? {} : { revocation: 'done' as const }),
            });
            if (p.fresh) {
              // An exchange's credential: its intent, then the put that takes it (swPutDelivered).
              await store.intend({ ...gateRequest({}, id).intent });
              await store.putDelivered(r);
            } else await store.put(r);
            kept.push(id);
            latest = Math.max(latest, Math.ceil(retainUntil(r)));
            for (const k of keys) {
              expect(Number(await raw.call('EXPIRETIME', k))).toBe(latest);
              expect(await raw.zscore(k, id)).toBe(String(Math.ceil(retainUntil(r))));
            }
          }
          const listed = (await store.list({ runId })).map((x) => x.grantId);
          expect(listed.sort()).toEqual([...kept].sort());
        }),
        { numRuns: 40 },
      );
    } finally {
      await store.close();
    }
  }, 120_000);
});
