/**
 * On call (session 15): the kill-switch hash itself of the wrong type (`stepwarden:blocks` a string:
 * a stray SET, another tool under the prefix). Every exchange already failed closed (the gate cannot
 * read the blocks), but `/admin/revoke` failed at its first step, writing the block, and answered 503
 * `ERR_STATE_UNAVAILABLE` with Redis's words: no key, no fix, and none of the live credentials it
 * was fired for revoked. Now it revokes them anyway and answers 503 `ERR_STATE_WRONGTYPE` saying the
 * block was not written, how many were revoked, the key and the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

describe('redis state: /admin/revoke with the blocks hash of the wrong type', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let raw: Redis;

  beforeAll(async () => {
    rig = await startRig({ wtblocks: 350002 });
    raw = rig.redis.client();
    broker = await rig.spawn('wtb');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('revokes the live credentials, says the block is not written, names the key and the fix', async () => {
    const run = 's15-wtb-run';
    for (let i = 0; i < 2; i++)
      expect((await rig.exchange(broker, await rig.oidc('wtblocks', run))).status).toBe(200);
    await raw.del('stepwarden:blocks');
    await raw.set('stepwarden:blocks', 'not a hash');

    const fired = await broker.post('/admin/revoke', { run_id: runIdOf(run) }, ADMIN);
    expect(fired.status).toBe(503);
    const text = String(fired.body.error_description);
    expect(text).toMatch(/^ERR_STATE_WRONGTYPE: /);
    expect(text).toContain('stepwarden:blocks');
    expect(text).toMatch(/block .*was NOT written/);
    expect(text).toMatch(/2 live credential\(s\) .*revoked/);
    expect(text).toMatch(/redis-cli DEL stepwarden:blocks/);
    // A revocation's audit line is not write-ahead: it may land after the answer (seen at load).
    const revoked = () =>
      rig.audit('wtb').filter((e) => e.type === 'credential.revoked' && e.reason === 'REVOKED_BY_ADMIN');
    await until(() => revoked().length >= 2, 20_000, "the revocations' audit lines");
    expect(revoked()).toHaveLength(2);
    // Meanwhile no exchange is granted anywhere (the gate cannot read the blocks).
    expect((await rig.exchange(broker, await rig.oidc('wtblocks', run))).status).toBe(503);

    await raw.del('stepwarden:blocks');
    const again = await broker.post('/admin/revoke', { run_id: runIdOf(run) }, ADMIN);
    expect([again.status, again.body.blocked]).toEqual([200, true]);
    expect((await rig.exchange(broker, await rig.oidc('wtblocks', run))).status).toBe(403);
  }, 60_000);
});
