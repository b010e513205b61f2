/**
 * On call (session 15): the state store's maxmemory-policy changed at run time to an evicting one
 * (`CONFIG SET maxmemory-policy allkeys-lru`, a managed service's parameter group applied). The start
 * refuses such a store (ERR_STATE_EVICTION, tests/broker/state-server.test.ts), but a running broker
 * only said so at /readyz and went on granting: under memory pressure the server could then evict used
 * jtis (a replay) and kill-switch blocks (a lifted block) unseen. Now the broker looks at the server's
 * INFO at most every 5 s, started by an exchange, and refuses every exchange (503 ERR_STATE_EVICTION
 * with the fix) until the policy is noeviction again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

describe('redis state: an evicting maxmemory-policy set while the broker runs', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let raw: Redis;

  beforeAll(async () => {
    rig = await startRig({ evict: 390001 });
    raw = rig.redis.client();
    broker = await rig.spawn('evict');
  }, 60_000);
  afterAll(async () => {
    await raw?.config('SET', 'maxmemory-policy', 'noeviction').catch(() => undefined);
    await rig?.close();
  }, 60_000);

  it('refuses exchanges with ERR_STATE_EVICTION and the fix, and serves again once it is noeviction', async () => {
    expect((await rig.exchange(broker, await rig.oidc('evict', 's15-evict-0'))).status).toBe(200);
    await raw.config('SET', 'maxmemory-policy', 'allkeys-lru');
    let n = 0;
    let last: { status: number; body: Record<string, unknown> } | undefined;
    // Exchanges go on until the broker's next look at INFO (at most 5 s after the change).
    await until(
      async () =>
        (last = await rig.exchange(broker, await rig.oidc('evict', `s15-evict-${++n}`))).status === 503,
      15_000,
      'an exchange refused',
    );
    expect(last!.body.error_description).toMatch(
      /^ERR_STATE_EVICTION: the state store's maxmemory-policy is 'allkeys-lru'.*Set maxmemory-policy noeviction/,
    );
    expect(last!.body.access_token).toBeUndefined();
    await until(() => /ERROR ERR_STATE_EVICTION/.test(broker.stderr()), 5000, 'the ERROR line');

    await raw.config('SET', 'maxmemory-policy', 'noeviction');
    await until(
      async () => (await rig.exchange(broker, await rig.oidc('evict', `s15-evict-${++n}`))).status === 200,
      15_000,
      'granted again',
    );
    await until(() => /can hold the broker's state again/.test(broker.stderr()), 5000, 'the heal line');
  }, 60_000);
});
