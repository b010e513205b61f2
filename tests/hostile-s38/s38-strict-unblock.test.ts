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
import { startRedis, type RedisServer } from '../support/redis.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';

const codeOf = (body: Record<string, unknown>) => String(body.error_description ?? '').split(':')[0];

describe('state-strict waits for a replica after /admin/unblock (s38)', () => {
  let primary: RedisServer;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;

  const replicas = async () => {
    const info = String(await primary.client().info('replication'));
    return Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
  };
  const detach = async () => {
    await replica.client().replicaof('NO', 'ONE');
    await until(async () => (await replicas()) === 0, 20_000, 'replica detached');
  };
  const attach = async () => {
    await replica.client().replicaof('127.0.0.1', String(primary.port) as never);
    await until(
      async () => (await replicas()) === 1 && (await primary.client().wait(1, 1000)) === 1,
      30_000,
      'replica attached',
    );
  };

  beforeAll(async () => {
    primary = await startRedis();
    replica = await startRedis({ replicaOf: primary.port });
    rig = await startRig({ unblocked: 538101 }, { redis: primary });
    a = await rig.spawn('s38-strict-a', { extra: 'state-strict: true\nstate-strict-timeout-ms: 1500\n' });
    await until(async () => (await replicas()) === 1, 30_000, 'replica up');
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
    await replica?.stop();
    await primary?.stop();
  }, 120_000);

  it('an unblock no replica acknowledged: 503 naming it; lifted at the primary; the retry once a replica is back: 200, and the replica has no block', async () => {
    const block = await a.post('/admin/revoke', { repository: 'octo-org/unblocked' }, ADMIN);
    expect([block.status, block.body.blocked]).toEqual([200, true]);
    expect(await replica.client().hlen('stepwarden:blocks')).toBeGreaterThanOrEqual(1);
    await detach();
    const r = await a.post('/admin/unblock', { repository: 'octo-org/unblocked' }, ADMIN);
    // Before session 38: 200 { unblocked: true }, the block lifted on the primary alone.
    expect([r.status, codeOf(r.body)]).toEqual([503, 'ERR_STATE_NOT_REPLICATED']);
    expect(String(r.body.error_description)).toContain('the block is lifted');
    expect(String(r.body.error_description)).toContain('the block back');
    // Lifted at the primary all the same (nothing undone); the detached replica still has it.
    expect(await primary.client().hlen('stepwarden:blocks')).toBe(0);
    expect(await replica.client().hlen('stepwarden:blocks')).toBeGreaterThanOrEqual(1);
    await attach();
    const ok = await a.post('/admin/unblock', { repository: 'octo-org/unblocked' }, ADMIN);
    expect([ok.status, ok.body.unblocked]).toEqual([200, false]);
    expect(await replica.client().hlen('stepwarden:blocks')).toBe(0);
  }, 180_000);
});
