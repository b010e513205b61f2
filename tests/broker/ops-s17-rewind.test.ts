/**
 * On call (session 17): the state store restored from an OLDER snapshot (an RDB backup, a volume
 * snapshot) under running brokers. `stepwarden:epoch` is in that snapshot, so session 15's check saw
 * nothing: the writes made since it (a used OIDC jti, a kill-switch block) were gone and the brokers
 * served a replay and the blocked run (200) without a line said. Now every instance remembers the
 * highest generation (`stepwarden:gen`, advanced by every exchange's gate and every block) it has
 * seen for longer than a failover can lose (10 s); a store answering lower went back in time: the
 * instance marks the epoch (so every instance refuses, also one that saw nothing newer) and every
 * exchange is 503 ERR_STATE_LOST until an operator re-applies the blocks and puts the epoch back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, sleep, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

describe('redis state: the store restored from an older snapshot under running brokers', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;
  let raw: Redis;

  beforeAll(async () => {
    rig = await startRig({ rewind: 370001 });
    raw = rig.redis.client();
    a = await rig.spawn('rewind-a');
    b = await rig.spawn('rewind-b');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('refuses every exchange (503 ERR_STATE_LOST) at every instance, never a replay or a blocked run', async () => {
    expect((await rig.exchange(a, await rig.oidc('rewind', 's17-before'))).status).toBe(200);
    const snapshot = await rig.redis.snapshot();

    // Written after the snapshot, at A only: a used jti and a kill-switch block.
    const used = await rig.oidc('rewind', 's17-used');
    expect((await rig.exchange(a, used)).status).toBe(200);
    expect((await a.post('/admin/revoke', { run_id: runIdOf('s17-blocked') }, ADMIN)).status).toBe(200);
    expect((await rig.exchange(a, await rig.oidc('rewind', 's17-blocked'))).status).toBe(403);
    // The product's own window: a generation is held to once it is older than what a failover of
    // an asynchronous replica may lose (10 s); newer ones are not (docs/decisions.md, session 17).
    await sleep(11_500);
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);

    await rig.redis.restore(snapshot);
    expect(await raw.get('stepwarden:epoch')).toBeTruthy();

    // A load balancer's probe reaches A first (A knew the newer state): it notices and marks the store.
    let ready: [number, string] = [0, ''];
    await until(
      async () => {
        const r = await fetch(`${a.url}/readyz`);
        ready = [r.status, JSON.stringify(await r.json())];
        return !/ERR_STATE_UNAVAILABLE|ECONNREFUSED|Connection is closed|connect|Stream isn't writeable/.test(
          ready[1],
        );
      },
      10_000,
      'the store back',
    );
    expect(ready[0]).toBe(503);
    expect(ready[1]).toMatch(/ERR_STATE_LOST/);

    for (const at of [a, b]) {
      // Until it has reconnected (meanwhile: 503 ERR_STATE_UNAVAILABLE, the store was down).
      const probe = await rig.oidc('rewind', `s17-probe-${at === a ? 'a' : 'b'}`);
      await until(
        async () =>
          !/^ERR_STATE_(UNAVAILABLE|DB)\b/.test(
            String((await rig.exchange(at, probe)).body.error_description),
          ),
        10_000,
        'an answer from the store',
      );
      for (const token of [
        used,
        await rig.oidc('rewind', 's17-blocked'),
        await rig.oidc('rewind', `s17-fresh-${at === a ? 'a' : 'b'}`),
      ]) {
        const r = await rig.exchange(at, token);
        expect([r.status, String(r.body.error_description).slice(0, 15)]).toEqual([503, 'ERR_STATE_LOST:']);
        expect(r.body.access_token).toBeUndefined();
      }
      const ready = await fetch(`${at.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toMatch(/ERR_STATE_LOST/);
    }

    // The alarm says what happened (an older copy, the generations) and the fix.
    const alarm = a
      .stderr()
      .split('\n')
      .find((l) => /ERROR ERR_STATE_LOST/.test(l));
    expect(alarm).toMatch(/older copy/);
    expect(alarm).toMatch(/stepwarden:gen/);
    expect(alarm).toMatch(/re-apply/);
    const set = /redis-cli SET stepwarden:epoch (\S+)/.exec(alarm!);
    expect(set).not.toBeNull();
    expect(set![1]).not.toMatch(/^rewound|…/);
    expect(alarm!.length).toBeLessThan(600);

    // The operator re-applies the kill switch (accepted while lost), then puts the epoch back: one
    // command, every instance serves again (the generation was raised to what they had seen).
    expect((await a.post('/admin/revoke', { run_id: runIdOf('s17-blocked') }, ADMIN)).status).toBe(200);
    await raw.set('stepwarden:epoch', set![1]!);
    for (const at of [a, b]) {
      expect((await rig.exchange(at, await rig.oidc('rewind', 's17-blocked'))).status).toBe(403);
      expect((await rig.exchange(at, await rig.oidc('rewind', `s17-after-${at.url}`))).status).toBe(200);
      expect((await fetch(`${at.url}/readyz`)).status).toBe(200);
    }
  }, 120_000);
});
