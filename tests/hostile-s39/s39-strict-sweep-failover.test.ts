/**
 * Session 39, left by session 38: in `state-strict` the sweep's revocations at a deadline wait for no
 * replica. Can a failover that loses them bring a revoked credential back as active on the other
 * instance? Two brokers, a primary and a replica, strict mode. A broker JWT (ttl 60 s) is issued and
 * replicated; the replica is promoted just before its deadline (the old primary's later writes, the
 * sweep's among them, never reach it), instance A sweeps the JWT at the primary, instance B then runs
 * on the promoted store, where the record is neither revoked nor swept.
 *
 * Held on the start commit: the sweep revokes at `expiresAt` and never before it (a deliverBy sweep
 * ends a credential that was never handed out), and introspection and a chained exchange refuse a
 * record past `expiresAt` on their own steady clock whatever `revokedAt` says, so what the failover
 * lost changes nothing a client can see. B's own sweep ends it again from the queue it inherited (a
 * second terminal line, from another instance: what a lost write costs the audit trail).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import type { RedisServer } from '../support/redis.js';
import { ADMIN, until, type Rig, startReplicatedRig, type ReplicatedRig } from '../support/redis-rig.js';

describe('strict mode, the sweep at a deadline and a failover that loses it (s39)', () => {
  let pair: ReplicatedRig;
  let primary: RedisServer;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;
  const STRICT = 'state-strict: true\nstate-strict-timeout-ms: 2000\n';

  beforeAll(async () => {
    pair = await startReplicatedRig({ sweepfo: 539201 });
    ({ primary, replica, rig } = pair);
    a = await rig.spawn('s39-sweepfo-a', { extra: STRICT });
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  it('the JWT swept at the old primary is not active on the promoted store, nor a parent there', async () => {
    await until(async () => (await primary.client().wait(1, 1000)) === 1, 30_000, 'replica up');
    const r = await rig.exchange(a, await rig.oidc('sweepfo', 's39-sweepfo-1'), 'notify');
    expect(r.status).toBe(200);
    const jwt = String(r.body.access_token);
    rig.secrets.push(jwt);
    const exp = Number(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).exp);
    expect(await primary.client().wait(1, 10_000)).toBe(1);
    // Promoted a few seconds before the deadline: whatever A's sweep writes is the lost window.
    await until(() => Date.now() / 1000 > exp - 5, 90_000, 'near the deadline');
    await replica.client().replicaof('NO', 'ONE');
    const grant = (l: Record<string, unknown>) =>
      l.type === 'credential.expired' || l.type === 'credential.revoked';
    await until(() => rig.audit('s39-sweepfo-a').some(grant), 60_000, "A's sweep");
    const b = await rig.spawn('s39-sweepfo-b', { state: replica.url, extra: STRICT });
    try {
      const seen = await b.post('/introspect', { token: jwt }, ADMIN);
      expect(seen.body).toEqual({ active: false });
      const child = await b.post('/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: jwt,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      });
      expect([child.status, child.body.error_description]).toEqual([
        400,
        'ERR_CHAIN_SUBJECT: subject_token has expired',
      ]);
      if (typeof child.body.access_token === 'string') rig.secrets.push(child.body.access_token);
      // The promoted store still queues it: B ends it too (a second terminal line, B's).
      await until(() => rig.audit('s39-sweepfo-b').some(grant), 60_000, "B's sweep");
    } finally {
      await b.stop();
    }
  }, 240_000);
});
