/**
 * Attacking session 17's ERR_STATE_READONLY (session 18) with `state: redis-sentinel://`: the primary
 * demoted while the broker's connection to it stays open (a failover done by hand, or a tool other
 * than Sentinel, then Sentinel told the new primary). ioredis asks the Sentinels only when it
 * (re)connects, so the broker kept writing to the demoted server: 503 ERR_STATE_READONLY, "use
 * redis-sentinel://" (which it did), for ever. A READONLY reply on a Sentinel connection now
 * reconnects, so the primary the Sentinels name is picked up.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { startRedis, startSentinel, type RedisServer, type Sentinel } from '../support/redis.js';
import { until, startRig, type Rig } from '../support/redis-rig.js';

let primary: RedisServer;
let replica: RedisServer;
let sentinel: Sentinel;
let rig: Rig;

beforeAll(async () => {
  primary = await startRedis();
  replica = await startRedis({ replicaOf: primary.port });
  const p = primary.client();
  await until(async () => (await p.info('replication')).includes('state=online'), 20_000, 'replica online');
  sentinel = await startSentinel(primary.port, 'sw18', 1000, 1);
  rig = await startRig({ sro18: 380002 }, { redis: primary });
}, 90_000);

afterAll(async () => {
  await rig?.close();
  await sentinel?.stop();
  await replica?.stop();
  await primary?.stop();
}, 60_000);

describe('redis-sentinel:// and a primary demoted under an open connection', () => {
  it('refuses while writes are refused, then follows the primary the Sentinels name', async () => {
    const b = await rig.spawn('sro18', { state: `redis-sentinel://127.0.0.1:${sentinel.port}/sw18` });
    expect((await rig.exchange(b, await rig.oidc('sro18', 's18-sro-before'))).status).toBe(200);

    // By hand: the replica promoted, the old primary made its replica (no client is disconnected),
    // then the Sentinel told which server is the primary now.
    const r = replica.client();
    await r.call('REPLICAOF', 'NO', 'ONE');
    await primary.client().call('REPLICAOF', '127.0.0.1', String(replica.port));
    const s = new Redis({ port: sentinel.port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    await s.call('SENTINEL', 'REMOVE', 'sw18');
    await s.call('SENTINEL', 'MONITOR', 'sw18', '127.0.0.1', String(replica.port), '1');
    expect(await sentinel.primary()).toBe(`127.0.0.1:${replica.port}`);
    s.disconnect();

    const first = await rig.exchange(b, await rig.oidc('sro18', 's18-sro-during'));
    expect(first.body.access_token).toBeUndefined();
    let last: { status: number; body: Record<string, unknown> } = first;
    let n = 0;
    await until(
      async () => {
        last = await rig.exchange(b, await rig.oidc('sro18', `s18-sro-after-${n++}`));
        return last.status === 200;
      },
      15_000,
      `the promoted server picked up (last: ${JSON.stringify(last.body).slice(0, 200)})`,
    ).catch((e: Error) => {
      throw new Error(
        `${e.message}; last answer ${last.status} ${String(last.body.error_description).slice(0, 160)}`,
      );
    });
    expect(await r.get('stepwarden:epoch')).toBeTruthy();
  }, 60_000);
});
