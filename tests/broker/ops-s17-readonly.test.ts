/**
 * On call (session 17): a failover done by hand (or by a tool other than Sentinel) mid-burst: the
 * replica promoted with `REPLICAOF NO ONE`, the old primary made its replica, still reachable and
 * answering reads, refusing every write with READONLY. A broker configured with the old primary's
 * `redis://` address keeps talking to it. Every exchange must fail closed (503, nothing minted at
 * GitHub), and both the refusal and `/readyz` must say what happened and the fix (point `state:` at
 * the primary, or use `redis-sentinel://`), not only Redis's words.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startRig, type Rig } from '../support/redis-rig.js';

describe('redis state: the primary demoted to a read-only replica under a running broker', () => {
  let primary: RedisServer;
  let replica: RedisServer;
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    primary = await startRedis();
    replica = await startRedis({ replicaOf: primary.port });
    rig = await startRig({ readonly: 390001 }, { redis: primary });
    a = await rig.spawn('readonly-a');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
    await replica?.stop();
    await primary?.stop();
  }, 60_000);

  it('every exchange is 503 ERR_STATE_READONLY naming the fix, a token minted and not delivered is revoked; /readyz says so', async () => {
    expect((await rig.exchange(a, await rig.oidc('readonly', 's17-ro-before'), 'release')).status).toBe(200);
    const minted = rig.gh.state.tokens.length;
    const p: Redis = primary.client();
    const r: Redis = replica.client();
    const tokens = await Promise.all(
      Array.from({ length: 16 }, (_, i) => rig.oidc('readonly', `s17-ro-${i}`)),
    );
    const burst = Promise.all(tokens.map((t) => rig.exchange(a, t, 'release')));
    await r.call('REPLICAOF', 'NO', 'ONE');
    await p.call('REPLICAOF', '127.0.0.1', String(replica.port));
    const during = await burst;
    expect(during.every((x) => x.status === 200 || x.status === 503)).toBe(true);

    for (let i = 0; i < 3; i++) {
      const res = await rig.exchange(a, await rig.oidc('readonly', `s17-ro-after-${i}`), 'release');
      expect(res.status).toBe(503);
      expect(String(res.body.error_description)).toMatch(
        /^ERR_STATE_READONLY: .*read-only replica.*redis-sentinel:\/\//,
      );
      expect(res.body.access_token).toBeUndefined();
    }
    // Every GitHub token minted and not delivered (its gate passed before the demotion, its store
    // write refused after) is revoked at GitHub: live tokens are exactly the burst's 200s.
    expect(rig.gh.state.tokens.slice(minted).filter((t) => !t.revoked)).toHaveLength(
      during.filter((x) => x.status === 200).length,
    );
    const ready = await fetch(`${a.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toMatch(/ERR_STATE_READONLY/);
  }, 90_000);
});
