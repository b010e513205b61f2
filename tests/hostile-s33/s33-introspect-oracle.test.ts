/**
 * Session 33: introspection and RFC 7009 revocation as an oracle, through a broker process on
 * redis-server. A client authenticated by a live broker JWT (a workload's, repository A) asks about
 * tokens it should learn nothing of: unknown ones, another repository's revoked, expired or
 * pending-at-GitHub ones, and a GitHub token of another audience. Each answer is exactly
 * `{ active: false }` (no `revocation_pending`, nothing that tells unknown from revoked, expired or
 * another audience's); an administrator is told the revocation is pending. A revoked client is
 * refused. `/revoke token=` answers an unknown and an already revoked token alike.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';

const DELETE = '/installation/token';

describe('introspection and revocation as an oracle (s33)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let n = 0;
  const jwtOf = async (repo: 'ia' | 'ib', step: 'release' | 'notify' = 'notify') => {
    const r = await rig.exchange(a, await rig.oidc(repo, `s33-io-${++n}`), step);
    expect(r.status).toBe(200);
    return String(r.body.access_token);
  };

  beforeAll(async () => {
    rig = await startRig({ ia: 533501, ib: 533502 });
    a = await rig.spawn('s33-io', { extra: 'timeouts: { upstream: 4 }\n' });
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    rig?.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await rig?.close();
  }, 120_000);

  it("tells another repository's workload nothing but active: false, whatever became of the token", async () => {
    const client = { authorization: `Bearer ${await jwtOf('ia')}` };
    const ask = async (token: string) => (await a.post('/introspect', { token }, client)).body;
    // Control: the same client sees a live token of its audience (the door is open to it).
    const live = await jwtOf('ib');
    expect((await ask(live)).active).toBe(true);
    // Revoked by its holder.
    const revoked = await jwtOf('ib');
    expect((await a.post('/revoke', { token: revoked })).body.revoked).toBe(1);
    // Expired: a chained child of one second.
    const child = await a.post('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: await jwtOf('ib'),
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      ttl: '1',
    });
    expect(child.status).toBe(200);
    const expired = String(child.body.access_token);
    rig.secrets.push(expired);
    // A GitHub token of B's whose revocation GitHub keeps failing (pending), another audience.
    const ghs = await jwtOf('ib', 'release');
    rig.gh.standin.fail('DELETE', DELETE, { count: 1_000_000, status: 500 });
    expect((await a.post('/revoke', { token: ghs })).body.revocation_pending).toBe(1);
    // Unknown: another spelling of a live one (one character changed), and a random text.
    const unknown = [`${live.slice(0, -2)}${live.endsWith('AA') ? 'AB' : 'AA'}`, 'not-a-token'];
    await until(async () => (await ask(expired)).active === false, 30_000, 'the child expired');
    for (const token of [revoked, expired, ghs, ...unknown])
      expect(await ask(token)).toEqual({ active: false });
    // An administrator is told the GitHub token is not confirmed revoked yet.
    expect((await a.post('/introspect', { token: ghs }, ADMIN)).body).toEqual({
      active: false,
      revocation_pending: true,
    });
    rig.gh.standin.fail('DELETE', DELETE, { count: 0 });
    // RFC 7009: an unknown and an already revoked token are answered alike.
    const again = await a.post('/revoke', { token: revoked });
    const never = await a.post('/revoke', { token: unknown[0]! });
    expect([again.status, again.body]).toEqual([never.status, never.body]);
  }, 180_000);

  it('a revoked client is refused, and learns nothing of what it asks about', async () => {
    const token = await jwtOf('ia');
    const target = await jwtOf('ia');
    expect((await a.post('/revoke', { token })).body.revoked).toBe(1);
    const r = await a.post('/introspect', { token: target }, { authorization: `Bearer ${token}` });
    expect([r.status, String(r.body.error_description).split(':')[0], r.body.active]).toEqual([
      401,
      'ERR_INTROSPECT_UNAUTHORIZED',
      undefined,
    ]);
  }, 120_000);
});
