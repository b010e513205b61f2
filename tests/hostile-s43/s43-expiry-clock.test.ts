/**
 * Session 43, left by sessions 41-42: a credential's expiry was queued at its `expiresAt`, written on
 * the issuing instance's clock, and the sweep takes due entries by the store's TIME. An instance 28 s
 * ahead of the store (inside the 30 s the gate admits) thus had its GitHub tokens revoked 28 s after
 * the `expires_in` the step was told, by real time: the token outlived its life at the store by the
 * skew; an instance 28 s behind had them revoked 28 s early. Now `deliver` (a GitHub token, after the
 * mint) and `putDelivered` (a broker JWT) queue the deadline on TIME (`onServerClock`, as the intents
 * since session 41), so the sweep ends a credential its ttl after issue by the store's clock, whichever
 * instance issued it. In process, this instance's clock moved (Date.now, which the steady clock follows).
 * On the start commit 0848e99d: 30 + 28 = 58 s after TIME (ahead), 2 s (behind).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Redis } from 'ioredis';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { gateRequest, record } from '../broker/store-suite.js';
import { startRedis, type RedisServer } from '../support/redis.js';

const SKEW_MS = 28_000;
const TTL = 30;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

describe("a credential's expiry queued on the store's clock, issued by an instance whose clock is off (s43)", () => {
  let server: RedisServer;
  let store: RedisStore;
  let callerClock: RedisStore;
  let raw: Redis;
  beforeAll(async () => {
    server = await startRedis();
    store = await RedisStore.connect(server.url, { box });
    callerClock = await RedisStore.connect(server.url, { box, callerClock: true });
    raw = server.client();
  }, 60_000);
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await raw?.quit();
    await store?.close();
    await callerClock?.close();
    await server?.stop();
  }, 60_000);

  /** The entry's queue score minus the store's TIME, seconds. */
  const due = async (grantId: string) => {
    const [score, [sec, usec]] = await Promise.all([
      raw.zscore('stepwarden:queue', grantId),
      raw.time() as Promise<[number | string, number | string]>,
    ]);
    return Number(score) - (Number(sec) + Number(usec) / 1e6);
  };
  const skewed = (ms: number) => {
    const real = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => real() + ms);
  };
  /** A credential issued now on this (moved) clock, ttl TTL: a GitHub token (put, deliver) or a broker JWT. */
  const issue = async (s: RedisStore, kind: 'github' | 'jwt') => {
    const req = gateRequest();
    expect((await s.gate(req)).intended).toBe(true);
    const t = Date.now() / 1000;
    const r = record({
      grantId: req.intent.grantId,
      claimKey: req.intent.claimKey,
      issuedAt: Math.floor(t),
      expiresAt: Math.floor(t) + TTL,
      ...(kind === 'jwt' ? { kind: 'jwt', secret: undefined, upstreamExpiresAt: undefined } : {}),
    });
    if (kind === 'github') {
      await s.put({ ...r, deliverBy: req.intent.sweepAt! });
      expect((await s.deliver(r.grantId)).delivered).toBe(true);
    } else await s.putDelivered(r);
    return r.grantId;
  };

  for (const kind of ['github', 'jwt'] as const)
    for (const [name, ms] of [
      ['ahead', SKEW_MS],
      ['behind', -SKEW_MS],
    ] as const)
      it(`${kind === 'github' ? 'a GitHub token (deliver)' : 'a broker JWT (putDelivered)'} issued ${SKEW_MS / 1000} s ${name}: due its ${TTL} s after TIME`, async () => {
        skewed(ms);
        const d = await due(await issue(store, kind));
        // Before: TTL + 28 (ahead) or TTL - 28 (behind). Now TTL, less what the test takes at load and
        // the second the issue time is floored to.
        expect(d).toBeGreaterThanOrEqual(TTL - 10);
        expect(d).toBeLessThanOrEqual(TTL + 1);
      });

  it('an instance on time queues as before (to the half second); a caller-clock store keeps its own clock', async () => {
    const id = await issue(store, 'github');
    expect(
      Math.abs(
        Number(await raw.zscore('stepwarden:queue', id)) -
          Number((await raw.hget(`stepwarden:rec:${id}`, 'expiresAt')) ?? NaN),
      ),
    ).toBeLessThanOrEqual(1);
    // A caller-clock store (tests, a store whose TIME is not the fleet's): the deadline as written.
    skewed(SKEW_MS);
    for (const kind of ['github', 'jwt'] as const) {
      const other = await issue(callerClock, kind);
      expect(Number(await raw.zscore('stepwarden:queue', other))).toBe(
        Number(await raw.hget(`stepwarden:rec:${other}`, 'expiresAt')),
      );
    }
  });
});
