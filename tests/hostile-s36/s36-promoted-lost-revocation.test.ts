/**
 * Session 36: a replica promoted that lost the last writes, and what docs/deploy.md says a failover
 * can lose. A broker JWT is issued and replicated; the replica is then promoted on its own (what
 * Sentinel does when the primary is cut off: writes the old primary took afterwards never reach it),
 * and the JWT is revoked at the old primary. On the promoted store that revocation never happened:
 * the JWT introspects active again and chains a child, until its own expiry. Its use count, claim and
 * jti were replicated before, so nothing else is granted twice. deploy.md listed jtis, claims, records
 * and blocks as what the window can lose, not revocations; it now does (with the remedy), and this
 * test holds that sentence true: were revocations made durable across a failover, it would fail and
 * the sentence should go.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import type { RedisServer } from '../support/redis.js';
import { type Rig, startReplicatedRig, type ReplicatedRig } from '../support/redis-rig.js';

describe('a promoted replica that lost the last second (s36)', () => {
  let pair: ReplicatedRig;
  let primary: RedisServer;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    pair = await startReplicatedRig({ prom: 536401 });
    ({ primary, replica, rig } = pair);
    a = await rig.spawn('s36-prom-a');
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  it('a revocation the promoted replica never got: the broker JWT is active again there, until it expires', async () => {
    const oidc = await rig.oidc('prom', 's36-prom-1');
    const r = await rig.exchange(a, oidc, 'notify');
    expect(r.status).toBe(200);
    const jwt = String(r.body.access_token);
    // Everything so far is on the replica.
    expect(await primary.client().wait(1, 10_000)).toBeGreaterThanOrEqual(1);
    // Promoted: the old primary's next writes are the lost window.
    await replica.client().replicaof('NO', 'ONE');
    const revoked = await a.post('/revoke', { token: jwt });
    expect(revoked.body.revoked).toBe(1);
    const admin = { authorization: 'Bearer secret' };
    expect((await a.post('/introspect', { token: jwt }, admin)).body.active).toBe(false);
    // The fleet after the failover, on the promoted store.
    const b = await rig.spawn('s36-prom-b', { state: replica.url });
    try {
      const seen = await b.post('/introspect', { token: jwt }, admin);
      expect(seen.body.active).toBe(true);
      const child = await b.post('/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: jwt,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      });
      expect(child.status).toBe(200);
      if (typeof child.body.access_token === 'string') rig.secrets.push(child.body.access_token);
      // Bounded by the parent: the child ends no later than the JWT the revocation meant to end.
      const parentExp = Number(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).exp);
      const childExp = Number(
        JSON.parse(Buffer.from(String(child.body.access_token).split('.')[1]!, 'base64url').toString()).exp,
      );
      expect(childExp).toBeLessThanOrEqual(parentExp);
      // The jti the exchange spent was replicated before: the OIDC token is not spent twice.
      const replay = await rig.exchange(b, oidc, 'notify');
      expect([replay.status, String(replay.body.error_description).split(':')[0]]).toEqual([
        400,
        'ERR_OIDC_REPLAYED',
      ]);
    } finally {
      await b.stop();
    }
  }, 180_000);
});
