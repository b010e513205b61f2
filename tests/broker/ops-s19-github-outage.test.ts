/**
 * On call (session 19): GitHub's revocation endpoint down (500 to every DELETE /installation/token)
 * for longer than a token's lifetime, under a broker process on Redis. What an operator must be able
 * to read and alert on, each shown here:
 * - the job end's /revoke answers `revocation_pending`, /introspect answers `revocation_pending: true`,
 *   the audit has one `credential.revocation_pending` line per credential;
 * - a token whose own upstream expiry comes before the next try is given up: one
 *   `credential.revoke_failed` ERR_REVOKE_FAILED line naming when it dies at GitHub;
 * - the metrics say both (stepwarden_revocations_total by result, the pending gauge), so an alert
 *   needs no log search;
 * - once GitHub answers again the durable queue is drained: the other token is revoked at GitHub,
 *   `credential.revoked` REVOKED_AFTER_RETRY, nothing left queued, the pending gauge back at 0.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { metricValue, parsePrometheus } from '../support/prometheus.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const DELETE = '/installation/token';

describe('revocations under a GitHub outage longer than a token lives', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let raw: Redis;

  beforeAll(async () => {
    rig = await startRig({ outage: 392001 });
    raw = rig.redis.client();
    a = await rig.spawn('outage-a', { extra: 'timeouts: { upstream: 4 }\n' });
  }, 60_000);
  afterAll(async () => {
    rig.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await rig?.close();
  }, 60_000);

  const scrape = async () => parsePrometheus(await (await fetch(`${a.url}/metrics`)).text());
  const lines = (grant: string) =>
    rig.audit('outage-a').filter((e) => e.grant_id === grant && e.type !== 'credential.granted');

  it('says pending everywhere, gives up the one that dies first, drains the rest after recovery', async () => {
    // "short": GitHub says it expires in 25 s; "long": GitHub's usual hour.
    rig.gh.state.tokenAnswer = (answer) => ({
      ...answer,
      expires_at: new Date(Date.now() + 25_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    const short = await rig.exchange(a, await rig.oidc('outage', 's19-out-short'), 'release');
    rig.gh.state.tokenAnswer = undefined;
    const long = await rig.exchange(a, await rig.oidc('outage', 's19-out-long'), 'release');
    expect([short.status, long.status]).toEqual([200, 200]);
    const [shortToken, longToken] = rig.gh.state.tokens.slice(-2);
    const grantOf = (run: string) =>
      String(
        rig.audit('outage-a').find((e) => e.type === 'credential.granted' && e.run_id === runIdOf(run))!
          .grant_id,
      );
    const [shortGrant, longGrant] = [grantOf('s19-out-short'), grantOf('s19-out-long')];

    rig.gh.standin.fail('DELETE', DELETE, { count: 100_000, status: 500 });
    for (const run of ['s19-out-short', 's19-out-long']) {
      const end = await a.post('/revoke', { subject_token: await rig.oidc('outage', run), job: 'publish' });
      expect([end.status, end.body.revocation_pending]).toEqual([200, 1]);
    }
    for (const t of [short, long]) {
      const i = await a.post('/introspect', { token: String(t.body.access_token) }, ADMIN);
      expect(i.body).toEqual({ active: false, revocation_pending: true });
    }
    for (const g of [shortGrant, longGrant])
      expect(lines(g)).toEqual([
        expect.objectContaining({ type: 'credential.revocation_pending', reason: 'REVOCATION_PENDING' }),
      ]);
    let m = await scrape();
    expect(metricValue(m, 'stepwarden_revocations_total', { result: 'pending' })).toBe(2);
    expect(metricValue(m, 'stepwarden_revocations_pending')).toBe(2);

    // The short one's next try would come after GitHub's own expiry: given up, said once.
    await until(
      () => lines(shortGrant).some((e) => e.type === 'credential.revoke_failed'),
      60_000,
      'the short token given up',
    );
    const failed = lines(shortGrant).filter((e) => e.type === 'credential.revoke_failed');
    expect(failed).toEqual([expect.objectContaining({ reason: 'ERR_REVOKE_FAILED' })]);
    expect(String(failed[0]!.detail)).toMatch(/expires upstream at 20\d\d-/);
    expect(shortToken!.revoked).toBe(false);
    m = await scrape();
    expect(metricValue(m, 'stepwarden_revocations_total', { result: 'failed' })).toBe(1);
    expect(metricValue(m, 'stepwarden_revocations_pending')).toBe(1);

    // GitHub back: the queue is drained by the sweep, no call from anyone needed.
    rig.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await until(() => longToken!.revoked, 90_000, 'the long token revoked after recovery');
    await until(
      () => lines(longGrant).some((e) => e.type === 'credential.revoked'),
      10_000,
      'its revoked line',
    );
    expect(lines(longGrant)).toEqual([
      expect.objectContaining({ type: 'credential.revocation_pending' }),
      expect.objectContaining({ type: 'credential.revoked', reason: 'REVOKED_AFTER_RETRY' }),
    ]);
    expect(await raw.zrange('stepwarden:queue', '0', '-1')).toEqual([]);
    const i = await a.post('/introspect', { token: String(long.body.access_token) }, ADMIN);
    expect(i.body).toEqual({ active: false });
    m = await scrape();
    expect(metricValue(m, 'stepwarden_revocations_pending')).toBe(0);
  }, 180_000);
});
