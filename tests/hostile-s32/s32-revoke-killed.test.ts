/**
 * Session 32: the durable revocation across two broker processes on one redis-server when the one
 * revoking is SIGKILLed while its `DELETE /installation/token` is out (marked revoked in the store, no
 * outcome recorded, no line written). The other instance must finish it: the token revoked at GitHub
 * by the credential's deadline sweep, one terminal line (`REVOCATION_INTERRUPTED`) across both
 * audit files, none before GitHub revoked it, and the killed call's late answer changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const DELETE = '/installation/token';
const TTL = 30;

describe('the instance revoking a token SIGKILLed mid-call (s32)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;
  let release = () => {};

  beforeAll(async () => {
    rig = await startRig({ killed: 532501 }, { releaseTtl: TTL });
    [a, b] = await Promise.all([
      rig.spawn('s32-ka', { extra: 'timeouts: { upstream: 4 }\n' }),
      rig.spawn('s32-kb', { extra: 'timeouts: { upstream: 4 }\n' }),
    ]);
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and two broker processes).
  }, 180_000);
  afterAll(async () => {
    release();
    rig?.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await rig?.close();
  }, 120_000);

  it('the other instance revokes it at its deadline, one line, after GitHub did', async () => {
    const run = 's32-killed';
    const r = await rig.exchange(a, await rig.oidc('killed', run), 'release');
    expect(r.status).toBe(200);
    const token = rig.gh.state.tokens.find((t) => t.token === r.body.access_token)!;
    const grant = String(
      rig.audit('s32-ka').find((e) => e.type === 'credential.granted' && e.run_id === runIdOf(run))!.grant_id,
    );
    // a's call is held at GitHub (it will be answered 500 once let go); a is killed while it is out.
    let arrived!: () => void;
    const out = new Promise<void>((res) => (arrived = res));
    const held = new Promise<void>((res) => (release = res));
    rig.gh.standin.fail('DELETE', DELETE, { count: 1, status: 500, until: held, onArrive: () => arrived() });
    const ending = a
      .post('/revoke', { subject_token: await rig.oidc('killed', run), job: 'publish' })
      .catch(() => undefined);
    await out;
    await a.stop('SIGKILL');
    await ending;
    release();
    const lines = () =>
      rig.audit('s32-ka', 's32-kb').filter((e) => e.grant_id === grant && e.type !== 'credential.granted');
    expect(lines()).toEqual([]);
    expect(token.revoked).toBe(false);
    // Asked again at b before the deadline (the job's end retried, an introspection): marked revoked,
    // but GitHub never answered a's call and still honours the token, so neither says it is done.
    const early = await b.post('/introspect', { token: String(r.body.access_token) }, ADMIN);
    expect(early.body).toEqual({ active: false, revocation_pending: true });
    const again = await b.post('/revoke', { subject_token: await rig.oidc('killed', run), job: 'publish' });
    expect([again.status, again.body.revoked, again.body.revocation_pending]).toEqual([200, 0, 1]);
    expect(token.revoked).toBe(false);
    // b's sweep takes the record at its deadline (TTL after the grant) and revokes it upstream.
    let revokedWhenSaid: boolean | undefined;
    await until(
      () => {
        if (lines().length && revokedWhenSaid === undefined) revokedWhenSaid = token.revoked;
        return lines().length > 0;
      },
      (TTL + 90) * 1000,
      "b's line for the killed revocation",
    );
    expect(revokedWhenSaid).toBe(true);
    expect(token.revoked).toBe(true);
    expect(lines().map((e) => [e.type, e.reason])).toEqual([
      ['credential.revoked', 'REVOCATION_INTERRUPTED'],
    ]);
    // Still one line a while later (b's next sweeps, the late 500 to a's dead call).
    const introspected = await b.post(
      '/introspect',
      { token: String(r.body.access_token) },
      { authorization: 'Bearer secret' },
    );
    expect(introspected.body.active).toBe(false);
    expect(lines()).toHaveLength(1);
  }, 240_000);
});
