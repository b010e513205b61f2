/**
 * Session 36, several instances as an on-call engineer meets them: the kill switch fired at instance
 * A while instance B is minting a GitHub token for that very run (GitHub holds B's mint until A has
 * answered, so the order is the test's). B learns the block in its delivery's own round trip: the
 * credential is refused naming the rule (ERR_BLOCKED), revoked at GitHub, never delivered, and its
 * grant ends with one line. Then an unblock at B racing a second block at A, many times: whatever
 * order the store took them in, what each answered is what the store holds after it, and the run's
 * next exchange follows the store (refused while blocked, granted once lifted).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { holdNext } from '../support/github.js';
import { ADMIN, MINT_ROUTE, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

describe('the kill switch at one instance, the mint at another (s36)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ ksw: 536301 });
    a = await rig.spawn('s36-ks-a');
    b = await rig.spawn('s36-ks-b');
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  it('a block at A while B mints for the run: refused at delivery, revoked at GitHub, one line', async () => {
    const run = 's36-ks-1';
    const mint = holdNext(rig.gh.standin, 'POST', MINT_ROUTE);
    const asked = rig.exchange(b, await rig.oidc('ksw', run), 'release');
    try {
      await mint.arrived;
      const blocked = await a.post('/admin/revoke', { run_id: runIdOf(run) }, ADMIN);
      expect(blocked.status).toBe(200);
      expect(blocked.body.blocked).toBe(true);
    } finally {
      mint.release();
    }
    const r = await asked;
    expect([r.status, String(r.body.error_description).split(':')[0]]).toEqual([403, 'ERR_BLOCKED']);
    expect(r.body.access_token).toBeUndefined();
    // GitHub minted it; it is revoked there (the run's only token).
    const minted = rig.gh.state.tokens.filter((t) => t.permissions.contents === 'write');
    expect(minted).toHaveLength(1);
    await until(() => minted[0]!.revoked, 30_000, 'the minted token revoked at GitHub');
    const lines = () =>
      rig.audit('s36-ks-a', 's36-ks-b').filter((l) => l.run_id === runIdOf(run) && l.type !== 'admin.revoke');
    // One end for the grant; no granted line left standing without it.
    await until(
      () => lines().some((l) => l.outcome !== 'success' || l.type !== 'credential.granted'),
      30_000,
    );
    const ofGrant = lines().filter((l) => l.grant_id !== undefined);
    const ends = ofGrant.filter((l) => /^credential\.(revoked|revoke_failed|expired)$/.test(String(l.type)));
    expect(ends.length).toBeLessThanOrEqual(1);
    if (ofGrant.some((l) => l.type === 'credential.granted')) expect(ends).toHaveLength(1);
    expect(lines().some((l) => l.reason === 'ERR_BLOCKED')).toBe(true);
    // Another exchange of the run is refused at either instance.
    for (const at of [a, b]) {
      const again = await rig.exchange(at, await rig.oidc('ksw', run), 'notify');
      expect([again.status, String(again.body.error_description).split(':')[0]]).toEqual([
        403,
        'ERR_BLOCKED',
      ]);
    }
  }, 120_000);

  it('an unblock at B racing a block at A: each answer true of the store after it, the run follows the store', async () => {
    const raw = rig.redis.client();
    for (let i = 0; i < 12; i++) {
      const run = runIdOf(`s36-ks-race-${i}`);
      // Blocked first, so the unblock has something to lift whichever comes first.
      expect((await a.post('/admin/revoke', { run_id: run }, ADMIN)).body.blocked).toBe(true);
      const [block, lift] = await Promise.all([
        a.post('/admin/revoke', { run_id: run }, ADMIN),
        b.post('/admin/unblock', { run_id: run }, ADMIN),
      ]);
      expect(block.status).toBe(200);
      expect(lift.status).toBe(200);
      expect(block.body.blocked).toBe(true);
      const held = Object.values(await raw.hgetall('stepwarden:blocks')).some((v) => v.includes(`"${run}"`));
      // The unblock lifted a block (the first or the second): if the store still holds one, the
      // second block was written after the lift; if it holds none, the lift came after both.
      expect(lift.body.unblocked).toBe(true);
      const next = await rig.exchange(i % 2 ? a : b, await rig.oidc('ksw', `s36-ks-race-${i}`), 'notify');
      if (held) expect(String(next.body.error_description).split(':')[0]).toBe('ERR_BLOCKED');
      else expect(next.status).toBe(200);
    }
  }, 180_000);
});
