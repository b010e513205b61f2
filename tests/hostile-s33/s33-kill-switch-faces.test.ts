/**
 * Session 33: the kill switch's doors attacked through a broker process on redis-server (the OIDC
 * issuer and GitHub stand-ins):
 * - a block asked while Redis refuses writes: the administrator must see an error, never
 *   `blocked: true` for a block that is not there, and exchanges go on as before once it heals;
 * - an unblock lifts no more than it names: the id blocks a name block learned go with it, an id
 *   block the administrator set themselves (after the name block learned the same id) stays;
 * - the admin door refuses every credential that is not an admin token: a workload's OIDC token, a
 *   broker-issued JWT, a GitHub token the broker minted, the admin token's hash (the file's text);
 * - an admin request replayed: the block is one block, the second answer revokes nothing more, and
 *   one unblock lifts it (the replayed unblock says it was not blocked).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const ID = 533401;
const REPO = 'octo-org/ks';
const codeOf = (r: { body: Record<string, unknown> }) => String(r.body.error_description).split(':')[0];

describe('the kill switch doors (s33)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let n = 0;
  const exchange = async (step: 'release' | 'notify' = 'notify') =>
    rig.exchange(a, await rig.oidc('ks', `s33-ks-${++n}`), step);

  beforeAll(async () => {
    rig = await startRig({ ks: ID });
    a = await rig.spawn('s33-ks', { extra: 'timeouts: { upstream: 4 }\n' });
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.redis
      .client()
      .call('CONFIG', 'SET', 'min-replicas-to-write', '0')
      .catch(() => undefined);
    await rig?.close();
  }, 120_000);

  it('a block asked while Redis refuses writes is an error to the administrator, and no block', async () => {
    const raw = rig.redis.client();
    await raw.call('CONFIG', 'SET', 'min-replicas-to-write', '1');
    let r: Awaited<ReturnType<BrokerProcess['post']>>;
    try {
      r = await a.post('/admin/revoke', { repository: REPO }, ADMIN);
    } finally {
      await raw.call('CONFIG', 'SET', 'min-replicas-to-write', '0');
    }
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(r.body.blocked).toBeUndefined();
    // Nothing was blocked, and what the answer said is what holds: the repository exchanges as before.
    expect(await raw.hlen('stepwarden:blocks')).toBe(0);
    expect((await exchange()).status).toBe(200);
  }, 120_000);

  it("an unblock of a name lifts the id blocks it learned, not the administrator's own id block", async () => {
    const byName = await a.post('/admin/revoke', { repository: REPO }, ADMIN);
    expect([byName.status, byName.body.blocked, byName.body.repository_ids]).toEqual([
      200,
      true,
      [String(ID)],
    ]);
    const byId = await a.post('/admin/revoke', { repository_id: String(ID) }, ADMIN);
    expect([byId.status, byId.body.blocked]).toEqual([200, true]);
    const lifted = await a.post('/admin/unblock', { repository: REPO }, ADMIN);
    expect([lifted.status, lifted.body.unblocked]).toEqual([200, true]);
    // The id block the administrator set stands: the repository is still refused.
    const refused = await exchange();
    expect([refused.status, codeOf(refused)]).toEqual([403, 'ERR_BLOCKED']);
    expect((await a.post('/admin/unblock', { repository_id: String(ID) }, ADMIN)).body.unblocked).toBe(true);
    expect((await exchange()).status).toBe(200);
  }, 120_000);

  it('the admin door refuses every credential that is not an admin token, and blocks nothing', async () => {
    const oidc = await rig.oidc('ks', `s33-ks-${++n}`);
    const jwt = String((await exchange('notify')).body.access_token);
    const ghs = String((await exchange('release')).body.access_token);
    const hash = '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b';
    // (Spaces around it are the same credential: RFC 6750's `1*SP`, and HTTP trims a field's value.)
    for (const bearer of [oidc, jwt, ghs, hash, 'Secret', 'secre', 'secrets']) {
      for (const door of ['/admin/revoke', '/admin/unblock']) {
        const r = await a.post(door, { repository: REPO }, { authorization: `Bearer ${bearer}` });
        expect([door, r.status, codeOf(r)]).toEqual([door, 401, 'ERR_ADMIN_UNAUTHORIZED']);
      }
    }
    expect(await rig.redis.client().hlen('stepwarden:blocks')).toBe(0);
    // The credentials presented as the admin's are still live: a refused admin call ends nothing.
    const seen = await a.post('/introspect', { token: jwt }, ADMIN);
    expect(seen.body.active).toBe(true);
  }, 120_000);

  it('an admin request replayed: one block, nothing revoked twice, one unblock lifts it', async () => {
    const live = await exchange('notify');
    expect(live.status).toBe(200);
    const run = runIdOf(`s33-ks-${n}`);
    const first = await a.post('/admin/revoke', { run_id: run }, ADMIN);
    const again = await a.post('/admin/revoke', { run_id: run }, ADMIN);
    expect([first.body.blocked, first.body.revoked, again.body.blocked, again.body.revoked]).toEqual([
      true,
      1,
      true,
      0,
    ]);
    expect(await rig.redis.client().hlen('stepwarden:blocks')).toBe(1);
    const lift = await a.post('/admin/unblock', { run_id: run }, ADMIN);
    const liftAgain = await a.post('/admin/unblock', { run_id: run }, ADMIN);
    expect([lift.body.unblocked, liftAgain.body.unblocked]).toEqual([true, false]);
    expect(await rig.redis.client().hlen('stepwarden:blocks')).toBe(0);
  }, 120_000);
});
