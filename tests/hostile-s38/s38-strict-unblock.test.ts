/**
 * Session 38, left by session 37: in `state-strict` mode `/admin/unblock` answered 200 while no
 * replica had the lifted block, so a failover right after it brought the block back: the incident
 * closed, the on-call engineer gone, and every job of the repository refused again (ERR_BLOCKED) with
 * nobody told. Fail-closed, but an answer strict mode promises durable was not. Now it waits for a
 * replica like `/admin/revoke` (session 37); none: 503 `ERR_STATE_NOT_REPLICATED`, the block lifted
 * at the primary all the same, and the same request's retry answers 200 once a replica has it.
 *
 * Decided, not changed: the sweep's revocations at a deadline wait for nobody (no caller; a failover
 * losing one leaves the deadline in the promoted store's queue, which revokes it again, and the broker
 * JWT is past its `exp` by then).
 *
 * Real redis-server processes: a primary and its replica, detached by `REPLICAOF NO ONE`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import type { RedisServer } from '../support/redis.js';
import { ADMIN, until, type Rig, startReplicatedRig, type ReplicatedRig } from '../support/redis-rig.js';

const codeOf = (body: Record<string, unknown>) => String(body.error_description ?? '').split(':')[0];

describe('state-strict waits for a replica after /admin/unblock (s38)', () => {
  let pair: ReplicatedRig;
  let primary: RedisServer;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    pair = await startReplicatedRig({ unblocked: 538101 });
    ({ primary, replica, rig } = pair);
    a = await rig.spawn('s38-strict-a', { extra: 'state-strict: true\nstate-strict-timeout-ms: 1500\n' });
    await until(async () => (await pair.replicas()) === 1, 30_000, 'replica up');
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  it('an unblock no replica acknowledged: 503 naming it; lifted at the primary; the retry once a replica is back: 200, and the replica has no block', async () => {
    const block = await a.post('/admin/revoke', { repository: 'octo-org/unblocked' }, ADMIN);
    expect([block.status, block.body.blocked]).toEqual([200, true]);
    expect(await replica.client().hlen('stepwarden:blocks')).toBeGreaterThanOrEqual(1);
    await pair.detach();
    const r = await a.post('/admin/unblock', { repository: 'octo-org/unblocked' }, ADMIN);
    // Before session 38: 200 { unblocked: true }, the block lifted on the primary alone.
    expect([r.status, codeOf(r.body)]).toEqual([503, 'ERR_STATE_NOT_REPLICATED']);
    expect(String(r.body.error_description)).toContain('the block is lifted');
    expect(String(r.body.error_description)).toContain('the block back');
    // Lifted at the primary all the same (nothing undone); the detached replica still has it.
    expect(await primary.client().hlen('stepwarden:blocks')).toBe(0);
    expect(await replica.client().hlen('stepwarden:blocks')).toBeGreaterThanOrEqual(1);
    await pair.attach();
    const ok = await a.post('/admin/unblock', { repository: 'octo-org/unblocked' }, ADMIN);
    expect([ok.status, ok.body.unblocked]).toEqual([200, false]);
    expect(await replica.client().hlen('stepwarden:blocks')).toBe(0);
  }, 180_000);
});
