/**
 * Session 37, left open by session 36: `state-strict` waited for a replica after the exchange's gate
 * only. A revocation (`/revoke` by the holder, a job end, `/admin/revoke`'s block and revocations)
 * was answered done while no replica had it, so a failover right after it could bring a revoked
 * broker JWT back (tests/hostile-s36/s36-promoted-lost-revocation shows that, without strict mode).
 * Now, in strict mode, each of them waits for a replica's acknowledgement within
 * `state-strict-timeout-ms`; none: 503 `ERR_STATE_NOT_REPLICATED`, saying the revocation is written
 * at the primary and may not survive a failover, and the same request's retry (idempotent) asks the
 * replicas again, answering 200 once one has it.
 *
 * Real redis-server processes: a primary and its replica (`--replicaof`). The replica is cut off
 * by promoting it (`REPLICAOF NO ONE`, what Sentinel does on the other side of a partition), then
 * attached again (`REPLICAOF 127.0.0.1 <primary>`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import type { RedisServer } from '../support/redis.js';
import { ADMIN, until, type Rig, startReplicatedRig, type ReplicatedRig } from '../support/redis-rig.js';

const codeOf = (body: Record<string, unknown>) => String(body.error_description ?? '').split(':')[0];

describe('state-strict waits for a replica after a revocation (s37)', () => {
  let pair: ReplicatedRig;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;

  const jwtOf = async (run: string) => {
    const r = await rig.exchange(a, await rig.oidc('strict', run), 'notify');
    expect(r.status).toBe(200);
    return String(r.body.access_token);
  };

  beforeAll(async () => {
    pair = await startReplicatedRig({ strict: 537101 });
    ({ replica, rig } = pair);
    a = await rig.spawn('s37-strict-a', { extra: 'state-strict: true\nstate-strict-timeout-ms: 1500\n' });
    await until(async () => (await pair.replicas()) === 1, 30_000, 'replica up');
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  it("a holder's /revoke no replica acknowledged: 503 naming it; the retry, once a replica is back, 200 and on the replica", async () => {
    const jwt = await jwtOf('s37-strict-1');
    await pair.detach();
    const r = await a.post('/revoke', { token: jwt });
    // Before session 37: 200 { revoked: 1 }, the revocation on the primary alone.
    expect([r.status, codeOf(r.body)]).toEqual([503, 'ERR_STATE_NOT_REPLICATED']);
    expect(String(r.body.error_description)).toContain('the credential is revoked at the state store');
    expect(String(r.body.error_description)).toContain('a failover now could undo it');
    expect(String(r.body.error_description)).not.toContain(jwt);
    // It is revoked (at the primary) all the same: nothing is undone.
    expect((await a.post('/introspect', { token: jwt }, ADMIN)).body.active).toBe(false);
    // Still no replica: the retry says the same, it does not claim done because it wrote nothing new.
    const again = await a.post('/revoke', { token: jwt });
    expect([again.status, codeOf(again.body)]).toEqual([503, 'ERR_STATE_NOT_REPLICATED']);
    await pair.attach();
    const ok = await a.post('/revoke', { token: jwt });
    expect(ok.status).toBe(200);
    // The replica has the revocation: promoted now, it would not bring the JWT back.
    const keys = await replica.client().keys('stepwarden:rec:*');
    let revokedOnReplica = 0;
    for (const k of keys) if (await replica.client().hexists(k, 'revokedAt')) revokedOnReplica++;
    expect(revokedOnReplica).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('/admin/revoke no replica acknowledged: 503 naming the block and the revocations; the retry once a replica is back: 200, blocked', async () => {
    const jwt = await jwtOf('s37-strict-2');
    await pair.detach();
    const r = await a.post('/admin/revoke', { repository: 'octo-org/strict' }, ADMIN);
    expect([r.status, codeOf(r.body)]).toEqual([503, 'ERR_STATE_NOT_REPLICATED']);
    expect(String(r.body.error_description)).toContain('the block is written and 1 credential(s) revoked');
    expect((await a.post('/introspect', { token: jwt }, ADMIN)).body.active).toBe(false);
    await pair.attach();
    const ok = await a.post('/admin/revoke', { repository: 'octo-org/strict' }, ADMIN);
    expect([ok.status, ok.body.blocked]).toEqual([200, true]);
    expect(await replica.client().hlen('stepwarden:blocks')).toBeGreaterThanOrEqual(1);
    await a.post('/admin/unblock', { repository: 'octo-org/strict' }, ADMIN);
  }, 180_000);

  it('a job end with no replica: refused before it revokes anything (its jti write is strict); once a replica is back, 200', async () => {
    const jwt = await jwtOf('s37-strict-3');
    await pair.detach();
    const end = async () =>
      a.post('/revoke', { subject_token: await rig.oidc('strict', 's37-strict-3'), job: 'publish' });
    const r = await end();
    // Held before session 37 too: the job end's jti is a strict write, undone when no replica has it.
    // The revocations after it wait for a replica as well (ERR_STATE_NOT_REPLICATED), for a replica
    // lost between the two.
    expect([r.status, codeOf(r.body)]).toEqual([503, 'ERR_STATE_UNAVAILABLE']);
    expect((await a.post('/introspect', { token: jwt }, ADMIN)).body.active).toBe(true);
    await pair.attach();
    const ok = await end();
    expect(ok.status).toBe(200);
    expect((ok.body.credentials as { state: string }[]).map((c) => c.state)).toEqual(['revoked-now']);
  }, 180_000);
});
