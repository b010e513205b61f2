/**
 * `min-replicas-to-write` on the primary (session 6 review; docs/deploy.md recommends it against a
 * split brain): a primary that has lost its replicas refuses writes, and the broker must fail closed
 * with 503, mint nothing, and grant again once a replica is back. Real redis-server processes and a
 * broker process.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

let primary: RedisServer;
let replica: RedisServer | undefined;
let rig: Rig;

beforeAll(async () => {
  primary = await startRedis({ args: ['--min-replicas-to-write', '1', '--min-replicas-max-lag', '10'] });
  rig = await startRig({ norepl: 350001 }, { redis: primary });
}, 60_000);
afterAll(async () => {
  await rig?.close();
  await replica?.stop();
  await primary?.stop();
}, 60_000);

describe('a primary without enough replicas (min-replicas-to-write)', () => {
  it('every exchange is 503 ERR_STATE_UNAVAILABLE with nothing minted; with a replica back, the same step is granted once', async () => {
    const a = await rig.spawn('a');
    const minted = rig.gh.state.tokens.length;
    const refused = await rig.exchange(a, await rig.oidc('norepl', 'nr-1'), 'release');
    expect(refused.status).toBe(503);
    expect(refused.body.error_description).toMatch(/^ERR_STATE_UNAVAILABLE: .*NOREPLICAS/);
    expect(rig.gh.state.tokens.length).toBe(minted);
    replica = await startRedis({ replicaOf: primary.port });
    let granted: { status: number; body: Record<string, unknown> } | undefined;
    await until(
      async () => {
        granted = await rig.exchange(a, await rig.oidc('norepl', 'nr-1'), 'release');
        return granted.status === 200;
      },
      20_000,
      'granted with a replica',
    );
    expect(granted!.status).toBe(200);
    const again = await rig.exchange(a, await rig.oidc('norepl', 'nr-1'), 'release');
    expect(again.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
  }, 60_000);
});
