/**
 * Session 33: an instance SIGKILLed while its `DELETE /installation/token` is out leaves the record
 * marked revoked with no outcome. Session 32 made the other instance finish it, but only at the
 * credential's deadline sweep (its ttl, 300 s by default): GitHub honoured the token that long after
 * the job's end. The attempt is now leased: the mark moves the record's queue entry to the mark
 * plus the sweep's lease (60 s), so another instance takes the retry over then. Two broker processes
 * on one redis-server, the GitHub stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const DELETE = '/installation/token';
/** The credential's ttl: the deadline sweep that finished a killed revocation before. */
const TTL = 300;
/** The revoker's lease (revocation.ts LEASE_SECONDS). */
const LEASE = 60;

describe('a revocation whose instance was killed mid-call is taken over within the lease (s33)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;
  let release = () => {};

  beforeAll(async () => {
    rig = await startRig({ leased: 533201 }, { releaseTtl: TTL });
    [a, b] = await Promise.all([
      rig.spawn('s33-la', { extra: 'timeouts: { upstream: 4 }\n' }),
      rig.spawn('s33-lb', { extra: 'timeouts: { upstream: 4 }\n' }),
    ]);
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and two broker processes).
  }, 180_000);
  afterAll(async () => {
    release();
    rig?.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await rig?.close();
  }, 120_000);

  it('the other instance revokes it a lease after the mark, long before its deadline, one line', async () => {
    const run = 's33-leased';
    const granted = Date.now();
    const r = await rig.exchange(a, await rig.oidc('leased', run), 'release');
    expect(r.status).toBe(200);
    expect(r.body.expires_in).toBe(TTL);
    const token = rig.gh.state.tokens.find((t) => t.token === r.body.access_token)!;
    const grant = String(
      rig.audit('s33-la').find((e) => e.type === 'credential.granted' && e.run_id === runIdOf(run))!.grant_id,
    );
    // a's call is held at GitHub (answered 500 once let go, after a is dead); a is killed meanwhile.
    let arrived!: () => void;
    const out = new Promise<void>((res) => (arrived = res));
    const held = new Promise<void>((res) => (release = res));
    rig.gh.standin.fail('DELETE', DELETE, { count: 1, status: 500, until: held, onArrive: () => arrived() });
    const ending = a
      .post('/revoke', { subject_token: await rig.oidc('leased', run), job: 'publish' })
      .catch(() => undefined);
    await out;
    const marked = Date.now();
    await a.stop('SIGKILL');
    await ending;
    release();
    const lines = () =>
      rig.audit('s33-la', 's33-lb').filter((e) => e.grant_id === grant && e.type !== 'credential.granted');
    expect(lines()).toEqual([]);
    expect(token.revoked).toBe(false);
    let revokedWhenSaid: boolean | undefined;
    // Waited on the line, up to well before the deadline sweep (granted + TTL), which took it before.
    await until(
      () => {
        if (lines().length && revokedWhenSaid === undefined) revokedWhenSaid = token.revoked;
        return lines().length > 0;
      },
      Math.max(0, granted + (TTL - 60) * 1000 - Date.now()),
      "b's line for the killed revocation before the deadline sweep",
    );
    const said = Date.now();
    // Not before the lease: a live instance's attempt is not taken from it (a paused one's is).
    expect(said - marked).toBeGreaterThanOrEqual((LEASE - 2) * 1000);
    expect(revokedWhenSaid).toBe(true);
    expect(token.revoked).toBe(true);
    expect(lines().map((e) => [e.type, e.reason])).toEqual([
      ['credential.revoked', 'REVOCATION_INTERRUPTED'],
    ]);
    // b says it is over: inactive and nothing pending.
    const seen = await b.post('/introspect', { token: String(r.body.access_token) }, ADMIN);
    expect(seen.body).toEqual({ active: false });
  }, 420_000);
});
