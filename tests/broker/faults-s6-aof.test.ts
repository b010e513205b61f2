/**
 * The production persistence setting (AOF, `appendfsync everysec`; the other tests fsync every
 * write) and a crash of redis-server between grants and their revocation deadlines (session 6
 * review): what was acknowledged more than a second before the crash survives it; each deadline is
 * still swept exactly once, whichever of two broker processes gets there; a used jti is still refused
 * and a single-use grant stays single. Real redis-server and broker processes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedis, type RedisServer } from '../support/redis.js';
import { sleep, startRig, until, type Rig } from '../support/redis-rig.js';

let redis: RedisServer;
let rig: Rig;

beforeAll(async () => {
  redis = await startRedis({ args: ['--appendfsync', 'everysec'] });
  rig = await startRig({ aof: 360001 }, { redis, releaseTtl: 30 });
}, 60_000);
afterAll(async () => {
  await rig?.close();
  await redis?.stop();
}, 60_000);

describe('redis with appendfsync everysec, crashed between grants and their deadlines', () => {
  it('keeps used jtis, claims and deadlines acknowledged before the last fsync; sweeps each deadline once', async () => {
    expect(await redis.client().config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    const [a, b] = await Promise.all([rig.spawn('a'), rig.spawn('b')]);
    const grants: { runId: string; oidc: string; grant: string; token: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const runId = `aof-${i}`;
      const oidc = await rig.oidc('aof', runId);
      const r = await rig.exchange(i % 2 ? b : a, oidc, 'release');
      expect(r.status).toBe(200);
      grants.push({ runId, oidc, grant: r.body.grant_id as string, token: r.body.access_token as string });
    }
    // everysec: what was acknowledged is on disk within about a second; then the store crashes.
    await sleep(2500);
    await redis.down('SIGKILL');
    await redis.up();
    // Both reconnect by themselves (until then: 503, nothing granted).
    let probe = 0;
    for (const at of [a, b])
      await until(
        async () => (await rig.exchange(at, await rig.oidc('aof', `probe-${probe++}`))).status === 200,
        20_000,
        'reconnected',
      );
    for (const g of grants) {
      const replay = await rig.exchange(b, g.oidc, 'notify');
      expect(replay.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
      const second = await rig.exchange(a, await rig.oidc('aof', g.runId), 'release');
      expect(second.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    }
    // The 30 s deadlines pass: each is revoked at GitHub, and audited once across both instances.
    await until(
      () => grants.every((g) => rig.gh.state.tokens.find((t) => t.token === g.token)!.revoked),
      60_000,
      'deadlines swept',
    );
    const expired = () => rig.audit('a', 'b').filter((e) => e.type === 'credential.expired');
    await until(() => expired().length >= grants.length, 10_000, 'expired lines');
    for (const g of grants)
      expect(expired().filter((e) => e.grant_id === g.grant && e.reason === 'TTL_PASSED')).toHaveLength(1);
    for (const g of grants) expect(await redis.client().zscore('stepwarden:queue', g.grant)).toBeNull();
  }, 120_000);
});
