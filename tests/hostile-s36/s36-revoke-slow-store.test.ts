/**
 * Session 36, the store answering slowly (past the broker's 2 s command deadline) rather than failing,
 * in the middle of one revocation: the holder's RFC 7009 `/revoke` of a GitHub token. A TCP proxy in
 * front of redis-server holds the revocation's last step (the settle, sent once GitHub has answered
 * the DELETE) for 3 s and then lets it through: it lands after the broker gave up on it. Before: the
 * holder got a 503, the settle took the queue entry when it landed, and no instance ever wrote the
 * grant's end: a token revoked at GitHub with no line (failed on 4810aaa). Now the next sweep reads
 * the record back and writes the line once. A second case holds the first step (the mark) the same
 * way: GitHub is not asked then, and the token is revoked a lease later by the sweep, one line
 * (`REVOCATION_INTERRUPTED`; held on 4810aaa).
 * Neither answer says "revoked" of a token GitHub still honours without saying it is pending.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRedisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const REVOKE = '/installation/token';

describe('a revocation whose store step lands past the command deadline (s36)', () => {
  let rig: Rig;
  let proxy: RedisProxy;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ rslow: 536601 });
    proxy = await startRedisProxy(rig.redis.port);
    a = await rig.spawn('s36-rslow-a', { state: proxy.url });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
    await proxy?.close();
  }, 120_000);

  const late = () => new Promise<void>((r) => setTimeout(r, 3_000));

  async function scenario(run: string, holdAfterDelete: boolean, reason: string) {
    const got = await rig.exchange(a, await rig.oidc('rslow', run), 'release');
    expect(got.status).toBe(200);
    const token = String(got.body.access_token);
    const grant = String(got.body.grant_id);
    const atGithub = () => rig.gh.state.tokens.find((t) => t.token === token)!;
    // The n-th store call naming the grant from now on.
    const hold = (nth: number) => {
      let n = 0;
      return proxy.holdWhen((c) => c.includes(grant) && ++n === nth, late());
    };
    if (holdAfterDelete)
      // The settle: the first store call naming the grant once GitHub has the DELETE.
      rig.gh.standin.fail('DELETE', REVOKE, { count: 1, onArrive: () => void hold(1) });
    // The mark: the second (the first reads the record the token names).
    else void hold(2);
    const first = await a.post('/revoke', { token });
    // A 200 that says revoked is true at GitHub, or says it is pending; else it is a 5xx.
    if (first.status === 200 && Number(first.body.revoked) > 0 && !first.body.revocation_pending)
      expect(atGithub().revoked).toBe(true);
    else if (first.status !== 200) expect(first.status).toBeGreaterThanOrEqual(500);
    await until(() => atGithub().revoked, 120_000, 'the token revoked at GitHub');
    const ends = () =>
      rig
        .audit('s36-rslow-a')
        .filter(
          (l) => l.grant_id === grant && /^credential\.(revoked|revoke_failed|expired)$/.test(String(l.type)),
        );
    await until(() => ends().length > 0, 90_000, 'the end line');
    // The holder retries (RFC 7009): nothing more to revoke, no second line.
    const again = await a.post('/revoke', { token });
    expect(again.status).toBe(200);
    expect(again.body.revocation_pending).toBeUndefined();
    expect(ends().map((l) => [l.type, l.outcome, l.reason])).toEqual([
      ['credential.revoked', 'success', reason],
    ]);
    expect(JSON.stringify(rig.audit('s36-rslow-a'))).not.toContain(token);
    return first;
  }

  it('the settle lands late: GitHub revoked it, the next sweep writes its one line', async () => {
    const first = await scenario('s36-rslow-1', true, 'REVOKED_BY_HOLDER');
    expect(first.status).toBe(503);
  }, 240_000);

  it('the mark lands late: the sweep revokes it a lease later, one line', async () => {
    // The sweep's own reason: the revocation's call was cut (its instance's step never finished).
    const first = await scenario('s36-rslow-2', false, 'REVOCATION_INTERRUPTED');
    expect(first.status).toBe(503);
  }, 240_000);
});
