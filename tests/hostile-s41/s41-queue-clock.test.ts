/**
 * Session 41: the in-flight deadlines a Redis store queues are on the store's clock (TIME), which the
 * sweep judges them by (swDue), whatever the writing instance's clock says within the 30 s the gate
 * admits. In process, this instance's clock is moved 28 s ahead (Date.now, which the steady clock
 * follows forward) and the queue score of an intent written by the gate and by intend() (a chained
 * exchange's) is read against TIME. On the start commit both sat 30 + 28 s after TIME (an instance
 * behind: 30 - 28, due before its exchange could end, tests/hostile-s41/s41-inflight-skew); now 30.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Redis } from 'ioredis';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { record } from '../broker/store-suite.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { gateRequest } from '../broker/store-suite.js';

const AHEAD_MS = 28_000;
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

describe("a Redis store's in-flight deadlines on the store's clock (s41)", () => {
  let server: RedisServer;
  let store: RedisStore;
  let raw: Redis;
  beforeAll(async () => {
    server = await startRedis();
    store = await RedisStore.connect(server.url, { box });
    raw = server.client();
  }, 60_000);
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  }, 60_000);

  /** The entry's queue score minus the store's TIME, seconds. */
  const ahead = async (grantId: string) => {
    const [score, [sec]] = await Promise.all([
      raw.zscore('stepwarden:queue', grantId),
      raw.time() as Promise<[number | string, number | string]>,
    ]);
    return Number(score) - Number(sec);
  };
  const skewed = () => {
    const real = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => real() + AHEAD_MS);
  };

  it("the gate's intent, written 28 s ahead, is due its 30 s after the store's TIME", async () => {
    skewed();
    const req = gateRequest();
    const g = await store.gate(req);
    expect(g.intended).toBe(true);
    // Before: 58 (30 + the 28 s this clock is ahead). Now 30, less the seconds the test itself takes at load.
    const d = await ahead(req.intent.grantId);
    expect(d).toBeGreaterThanOrEqual(20);
    expect(d).toBeLessThanOrEqual(31);
  });

  it("intend()'s (a chained exchange's) likewise; a record put undelivered keeps that deadline", async () => {
    skewed();
    const { intent } = gateRequest();
    await store.intend(intent);
    const d = await ahead(intent.grantId);
    expect(d).toBeGreaterThanOrEqual(20);
    expect(d).toBeLessThanOrEqual(31);
    const t = Math.floor(Date.now() / 1000);
    await store.put({
      ...record(),
      grantId: intent.grantId,
      claimKey: intent.claimKey,
      issuedAt: t,
      expiresAt: t + 300,
      deliverBy: intent.sweepAt!,
    });
    // Before: the put queued its caller's deliverBy again (58 here; an instance behind: already due).
    const after = await ahead(intent.grantId);
    expect(after).toBeGreaterThanOrEqual(20);
    expect(after).toBeLessThanOrEqual(31);
  });
});
