/**
 * Session 40, left by session 39: in `state-strict` a root exchange leaves only once a replica has its
 * credential's record (`recordReplicatedOrRevoked`), but a chained exchange (chain.ts, RFC 8693 with a
 * broker JWT as `subject_token`) waited for nothing. A failover that loses the child's record (here
 * the replica promoted, `REPLICAOF NO ONE`, after the parent's record reached it and before the chain)
 * left a child the client received, 200, that the promoted store never had: there introspection said
 * inactive and the parent's revocation could not reach it, while a relying service verifying the JWT
 * locally (the broker's JWKS) took it until its `exp`. On the start commit the chain answered 200 with
 * a child, and the promoted store's instance answered `{active: false}` for it.
 *
 * Now the chained exchange ends the way a root one does: no replica acknowledged the child's record,
 * it is revoked at the primary and the exchange answers 503 `ERR_STATE_NOT_REPLICATED`, nothing
 * granted; with the replica back, the same parent chains again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import type { RedisServer } from '../support/redis.js';
import { ADMIN, until, type Rig, startReplicatedRig, type ReplicatedRig } from '../support/redis-rig.js';

describe('strict mode: a chained credential leaves only once a replica has its record (s40)', () => {
  let pair: ReplicatedRig;
  let primary: RedisServer;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;
  const STRICT = 'state-strict: true\nstate-strict-timeout-ms: 1500\n';

  beforeAll(async () => {
    pair = await startReplicatedRig({ chainfo: 540101 });
    ({ primary, replica, rig } = pair);
    a = await rig.spawn('s40-chainfo-a', { extra: STRICT });
    await until(async () => (await pair.replicas()) === 1, 30_000, 'replica up');
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  const chain = async (at: BrokerProcess, subject: string) => {
    const r = await at.post('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subject,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      scope: 'notify:send',
    });
    if (typeof r.body.access_token === 'string') rig.secrets.push(r.body.access_token);
    return r;
  };

  it('the replica promoted before the chain: 503, the child revoked, nothing live the new primary does not know', async () => {
    const parent = await rig.exchange(a, await rig.oidc('chainfo', 's40-chainfo-1'), 'notify');
    expect(parent.status).toBe(200);
    const jwt = String(parent.body.access_token);
    expect(await primary.client().wait(1, 10_000)).toBe(1);
    await pair.detach();
    const child = await chain(a, jwt);
    const b = await rig.spawn('s40-chainfo-b', { state: replica.url });
    try {
      // Whatever the client holds is known where the fleet now runs (before: `{active: false}` there
      // for a child a relying service verifying locally takes until its exp).
      if (typeof child.body.access_token === 'string')
        expect((await b.post('/introspect', { token: child.body.access_token }, ADMIN)).body).toMatchObject({
          active: true,
        });
      // The parent is on the promoted store as it was.
      expect((await b.post('/introspect', { token: jwt }, ADMIN)).body.active).toBe(true);
    } finally {
      await b.stop();
    }
    // Before: 200 with a child only the lost primary recorded.
    expect([child.status, String(child.body.error_description).split(':')[0]]).toEqual([
      503,
      'ERR_STATE_NOT_REPLICATED',
    ]);
    expect(String(child.body.error_description)).toContain('nothing was granted');
    expect(child.body.access_token).toBeUndefined();
    // Its grant line is followed by the line that ends it, with the reason.
    const lines = rig.audit('s40-chainfo-a');
    const granted = lines.filter(
      (l) =>
        l.type === 'credential.granted' &&
        (l.details as Record<string, unknown> | undefined)?.parent_grant_id === parent.body.grant_id,
    );
    expect(granted).toHaveLength(1);
    expect(
      lines
        .filter((l) => l.type === 'credential.revoked' && l.grant_id === granted[0]!.grant_id)
        .map((l) => l.reason),
    ).toEqual(['ERR_STATE_NOT_REPLICATED']);
  }, 180_000);

  it('the replica back: the same parent chains, 200, and the child is active on the replica', async () => {
    // The replica attached again under the primary (it resyncs from it: what B wrote there is gone).
    await pair.attach();
    const parent = await rig.exchange(a, await rig.oidc('chainfo', 's40-chainfo-2'), 'notify');
    expect(parent.status).toBe(200);
    const child = await chain(a, String(parent.body.access_token));
    expect(child.status).toBe(200);
    const grantId = String(child.body.grant_id);
    // Acknowledged before the answer: the replica holds the child's record already.
    const keys = await replica.client().keys(`*${grantId}*`);
    expect(keys.length).toBeGreaterThan(0);
  }, 180_000);
});
