/**
 * Attacking session 17's ERR_STATE_READONLY (session 18): it must not be permanent. A broker whose
 * primary was demoted refuses (503 ERR_STATE_READONLY, nothing granted); once that server is the
 * primary again (REPLICAOF NO ONE) the same broker serves by itself, with no restart or reload. (A
 * broker started on a replica does not start: the start check names ERR_STATE_READONLY.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

let primary: RedisServer;
let replica: RedisServer;
let rig: Rig;

beforeAll(async () => {
  primary = await startRedis();
  replica = await startRedis({ replicaOf: primary.port });
  const p = primary.client();
  await until(async () => (await p.info('replication')).includes('state=online'), 20_000, 'replica online');
  rig = await startRig({ prom18: 380003 }, { redis: primary });
}, 60_000);

afterAll(async () => {
  await rig?.close();
  await replica?.stop();
  await primary?.stop();
}, 60_000);

describe('the primary demoted under a running broker, then promoted again', () => {
  it('refuses READONLY while it is a replica and serves once it is the primary again', async () => {
    const a = await rig.spawn('prom18-a');
    expect((await rig.exchange(a, await rig.oidc('prom18', 's18-prom-a'))).status).toBe(200);
    const p = primary.client();
    const r = replica.client();
    await r.call('REPLICAOF', 'NO', 'ONE');
    await p.call('REPLICAOF', '127.0.0.1', String(replica.port));
    await until(
      async () => (await p.info('replication')).includes('master_link_status:up'),
      10_000,
      'demoted',
    );

    const refused = await rig.exchange(a, await rig.oidc('prom18', 's18-prom-1'));
    expect([refused.status, String(refused.body.error_description).slice(0, 19)]).toEqual([
      503,
      'ERR_STATE_READONLY:',
    ]);
    expect(String(refused.body.error_description)).toMatch(/Fix: point state: at the primary/);

    // The operator reverts: the server the broker names is the primary again.
    await p.call('REPLICAOF', 'NO', 'ONE');
    let n = 1;
    await until(
      async () => (await rig.exchange(a, await rig.oidc('prom18', `s18-prom-${++n}`))).status === 200,
      15_000,
      'the promoted server served',
    );
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
  }, 60_000);
});
