/**
 * Session 36, the store's connection cut between the two steps of one unblock. `/admin/unblock` of
 * a repository name lifts the name block, then reads the blocks and lifts the id block the kill switch
 * learned for that name (hostile-s9-killswitch). Cut between the two (a TCP proxy in front of
 * redis-server drops the connection as the second step's read goes out): the answer is a 503, the name
 * block is gone and the learned id block is not. Before: the on-call's retry found no name block,
 * answered `unblocked: false` (ERR_NOT_BLOCKED: "nothing was lifted"), and left the id block, so the
 * repository stayed blocked (ERR_BLOCKED) while both answers said otherwise. Now the retry finishes
 * the lift: the learned id blocks of the name are lifted whether or not the name block still was
 * there, and the answer says something was lifted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRedisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';

const REPO = 'octo-org/ublk';
const code = (r: { body: Record<string, unknown> }) => String(r.body.error_description).split(':')[0];

describe('an unblock cut between its two steps (s36)', () => {
  let rig: Rig;
  let proxy: RedisProxy;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ ublk: 536501 });
    proxy = await startRedisProxy(rig.redis.port);
    a = await rig.spawn('s36-ublk-a', { state: proxy.url });
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
    await proxy?.close();
  }, 120_000);

  it("the retry lifts what the cut left, and says so; the repository's exchanges are granted again", async () => {
    const raw = rig.redis.client();
    const blocked = await a.post('/admin/revoke', { repository: REPO }, ADMIN);
    expect(blocked.body).toMatchObject({ blocked: true, repository_ids: ['536501'] });
    // Two blocks: the name, and the id it learned from GitHub.
    expect(Object.keys(await raw.hgetall('stepwarden:blocks'))).toHaveLength(2);
    expect(code(await rig.exchange(a, await rig.oidc('ublk', 's36-ublk-1')))).toBe('ERR_BLOCKED');
    // The second step's read of the blocks goes out: the connection is cut there. It is the unblock's
    // second read of them (session 42: the first, before the lift, keeps what an undo puts back).
    let reads = 0;
    const atRead = proxy.holdWhen(
      (c) => /HGETALL/i.test(c) && c.includes('stepwarden:blocks') && ++reads === 2,
    );
    const first = a.post('/admin/unblock', { repository: REPO }, ADMIN);
    await atRead;
    proxy.cut();
    const cut = await first;
    expect(cut.status).toBe(503);
    // The premise: the name block is gone, the learned id block is not.
    const left = Object.values(await raw.hgetall('stepwarden:blocks'));
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('536501');
    // The on-call retries the same unblock (once the store answers again).
    let again = { status: 0, body: {} as Record<string, unknown> };
    await until(
      async () => {
        again = await a.post('/admin/unblock', { repository: REPO }, ADMIN);
        return again.status === 200;
      },
      60_000,
      'the retried unblock answered',
    );
    expect(again.body).toEqual({ unblocked: true });
    expect(await raw.hgetall('stepwarden:blocks')).toEqual({});
    const next = await rig.exchange(a, await rig.oidc('ublk', 's36-ublk-2'));
    expect(next.status).toBe(200);
    // Each unblock has its line; the retry's says it lifted something.
    const lines = rig.audit('s36-ublk-a').filter((l) => l.type === 'admin.unblock');
    expect(lines.at(-1)).toMatchObject({ outcome: 'success' });
  }, 180_000);
});
