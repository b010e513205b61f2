/**
 * Session 40: the kill switch by name at one instance and `/admin/unblock` of the same name at
 * another, racing. `/admin/revoke repository=…` writes the name block, looks the repository's id up at
 * GitHub (up to the upstream deadline) and then writes the id block it learned beside it (a rename
 * must not evade the block). An unblock landing in that window lifted the name block, found no learned
 * id block yet and answered `unblocked: true`; the revoke then wrote the id block: the repository
 * stayed blocked (every exchange ERR_BLOCKED) after the on-call was told it was lifted. On the start
 * commit: after both answered, an exchange of the repository was refused ERR_BLOCKED and the store
 * held the learned id block.
 *
 * Now a learned id block is written only while the name block it was learned from is held, in one
 * store step (a script in Redis; the same check in memory): the unblock that lifted the name first
 * wins, the revocations done stand, and the revoke's answer says the block was lifted meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { holdNext } from '../support/github.js';
import { ADMIN, startRig, type Rig } from '../support/redis-rig.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';

describe('/admin/revoke by name racing /admin/unblock at another instance (s40)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ racekill: 540501 });
    a = await rig.spawn('s40-race-a');
    b = await rig.spawn('s40-race-b');
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('the unblock lands while the revoke looks the id up: nothing stays blocked', async () => {
    expect((await rig.exchange(a, await rig.oidc('racekill', 's40-race-1'), 'notify')).status).toBe(200);
    const held = holdNext(rig.gh.standin, 'GET', '/repos/{owner}/{repo}');
    const revoke = a.post('/admin/revoke', { repository: 'octo-org/racekill' }, ADMIN);
    await held.arrived;
    const unblock = await b.post('/admin/unblock', { repository: 'octo-org/racekill' }, ADMIN);
    expect(unblock).toMatchObject({ status: 200, body: { unblocked: true } });
    held.release();
    const r = await revoke;
    expect(r.status).toBe(200);
    expect(r.body.revoked).toBe(1);
    expect(r.body.blocked).toBe(false);
    // Before: the learned id block written after the unblock, every exchange refused.
    const blocks = Object.values(await rig.redis.client().hgetall('stepwarden:blocks'));
    expect(blocks).toEqual([]);
    const after = await rig.exchange(b, await rig.oidc('racekill', 's40-race-2'), 'notify');
    expect([after.status, after.body.error]).toEqual([200, undefined]);
    expect(String(r.body.warning)).toMatch(/lifted .*while/);
  }, 120_000);

  it('no unblock meanwhile: the name and the id blocked, as before', async () => {
    const r = await a.post('/admin/revoke', { repository: 'octo-org/racekill' }, ADMIN);
    expect(r.status).toBe(200);
    expect(r.body.repository_ids).toEqual(['540501']);
    const blocks = Object.values(await rig.redis.client().hgetall('stepwarden:blocks')).map(
      (v) => (JSON.parse(v) as { repository: string }).repository,
    );
    expect(blocks.sort()).toEqual(['#540501', 'octo-org/racekill']);
    const refused = await rig.exchange(b, await rig.oidc('racekill', 's40-race-3'), 'notify');
    expect(refused.status).toBe(403);
    expect((await b.post('/admin/unblock', { repository: 'octo-org/racekill' }, ADMIN)).body).toEqual({
      unblocked: true,
    });
    expect(await rig.redis.client().hlen('stepwarden:blocks')).toBe(0);
  }, 120_000);
});

describe('Store.block beside a held block, in memory too (s40)', () => {
  it('written only while the block it was learned from is held', async () => {
    const store = new MemoryStore();
    const name = { repository: 'octo-org/racekill', actor: 'oncall', at: 1 };
    const id = { repository: '#540501', actor: 'oncall', at: 1, learnedFrom: 'octo-org/racekill' };
    expect(await store.block(id, name)).toBe(false);
    expect(await store.blocks()).toEqual([]);
    expect(await store.block(name)).toBe(true);
    expect(await store.block(id, name)).toBe(true);
    expect((await store.blocks()).map((b) => b.repository).sort()).toEqual(['#540501', 'octo-org/racekill']);
  });
});
