/**
 * On call (session 15): the kill switch by run when the run's index key has the wrong type (a string
 * where the broker keeps a sorted set: a stray `SET`, another tool writing under `stepwarden:`).
 * Before: `/admin/revoke run_id=` wrote the block, then failed listing the run with WRONGTYPE and
 * answered `503 ERR_STATE_UNAVAILABLE` with the raw Redis error: no key named, no fix, nothing said of
 * the block, and nothing revoked. Following the obvious fix (`DEL` the key) and firing again answered
 * `{"revoked":0}` while the run's credentials stayed live: the string had replaced the index, so the
 * credentials it listed were no longer reachable by run at all. Now the listing falls back to the
 * revocation queue (every live credential has its deadline there), revokes all of them, and says which
 * key is damaged and how to fix it (answer, audit, one stderr ERROR line).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

describe('redis state: /admin/revoke by run with the run index of the wrong type', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let raw: Redis;

  beforeAll(async () => {
    rig = await startRig({ wrongtype: 350001 });
    raw = rig.redis.client();
    broker = await rig.spawn('wt');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('revokes every live credential of the run through the queue, keeps the block, and names the key and the fix', async () => {
    const run = 's15-wrongtype-run';
    const other = 's15-wrongtype-other';
    for (let i = 0; i < 3; i++)
      expect((await rig.exchange(broker, await rig.oidc('wrongtype', run))).status).toBe(200);
    expect((await rig.exchange(broker, await rig.oidc('wrongtype', other))).status).toBe(200);
    // Each grant's line is on disk before its answer: the first three are the run's.
    const granted = () =>
      rig
        .audit('wt')
        .filter((e) => e.type === 'credential.granted')
        .map((e) => e.grant_id as string);
    await until(() => granted().length === 4, 5000, 'four grants audited');
    const key = `stepwarden:ix:run:${runIdOf(run)}`;
    expect(await raw.type(key)).toBe('zset');
    await raw.set(key, 'not an index');

    const fired = await broker.post('/admin/revoke', { run_id: runIdOf(run) }, ADMIN);
    expect(fired.status).toBe(200);
    expect(fired.body.blocked).toBe(true);
    expect(fired.body.revoked).toBe(3);
    expect(String(fired.body.warning)).toContain(key);
    expect(String(fired.body.warning)).toMatch(/WRONGTYPE/);
    expect(String(fired.body.warning)).toMatch(/DEL /);

    const revoked = new Set(
      rig
        .audit('wt')
        .filter((e) => e.type === 'credential.revoked' && e.reason === 'REVOKED_BY_ADMIN')
        .map((e) => e.grant_id as string),
    );
    expect([...revoked].sort()).toEqual(granted().slice(0, 3).sort());
    const admin = rig.audit('wt').find((e) => e.type === 'admin.revoke' && e.outcome === 'success');
    expect(JSON.stringify(admin)).toContain(key);
    const lines = () =>
      broker
        .stderr()
        .split('\n')
        .filter((l) => l.includes('ERR_STATE_WRONGTYPE'));
    // stderr is a pipe: its line can reach this process after the HTTP answer.
    await until(() => lines().length > 0, 5000, 'the ERROR line on stderr');
    expect(lines()[0]).toContain(key);

    // The other run's credential is untouched (above); the run stays blocked.
    const next = await rig.exchange(broker, await rig.oidc('wrongtype', run));
    expect(next.status).toBe(403);

    // After the fix the answer is said (DEL), firing again finds nothing live and says nothing wrong.
    await raw.del(key);
    const again = await broker.post('/admin/revoke', { run_id: runIdOf(run) }, ADMIN);
    expect(again.status).toBe(200);
    expect(again.body.revoked).toBe(0);
    expect(again.body.warning).toBeUndefined();
  }, 60_000);
});
