/**
 * On call (session 15): the state store restarted without persistence (or flushed, or its disk lost)
 * while brokers run. Every used jti, kill-switch block, claim and revocation deadline is gone at once.
 * Before: the broker reconnected and went on as if nothing happened: a consumed OIDC token was
 * exchanged again (200) and the run the kill switch had blocked was served again (200), with not a
 * line said. Now each instance knows the store's epoch (`stepwarden:epoch`, written at start when
 * absent) and every exchange checks it in the same script as the jti and the blocks: gone or changed,
 * the exchange is refused (503 ERR_STATE_LOST), /readyz is not ready and stderr carries one ERROR line
 * with the fix, until an operator re-applies the blocks and puts the epoch back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

describe('redis state: the store restarted empty under running brokers', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;
  let raw: Redis;

  beforeAll(async () => {
    rig = await startRig({ lost: 360001 });
    raw = rig.redis.client();
    a = await rig.spawn('lost-a');
    b = await rig.spawn('lost-b');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('refuses every exchange (503 ERR_STATE_LOST) until an operator acts, never a replay or a blocked run', async () => {
    const used = await rig.oidc('lost', 's15-lost-used');
    expect((await rig.exchange(a, used)).status).toBe(200);
    expect((await a.post('/admin/revoke', { run_id: runIdOf('s15-lost-blocked') }, ADMIN)).status).toBe(200);
    expect((await rig.exchange(b, await rig.oidc('lost', 's15-lost-blocked'))).status).toBe(403);

    // A burst on both instances while the store is lost and comes back empty.
    const tokens = await Promise.all(
      Array.from({ length: 24 }, (_, i) => rig.oidc('lost', `s15-lost-burst-${i}`)),
    );
    const burst = Promise.all(tokens.map((t, i) => rig.exchange(i % 2 ? a : b, t)));
    await rig.redis.lose();
    const answers = await burst;
    expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);

    // Both instances back on the (empty) store: the consumed token, the blocked run, a fresh run.
    for (const at of [a, b]) {
      // Until it has reconnected (meanwhile: 503 ERR_STATE_UNAVAILABLE, the store is down).
      await until(
        async () =>
          !/^ERR_STATE_(UNAVAILABLE|DB)\b/.test(
            String((await rig.exchange(at, used)).body.error_description),
          ),
        10_000,
        'an answer from the store',
      );
      for (const token of [
        used,
        await rig.oidc('lost', 's15-lost-blocked'),
        await rig.oidc('lost', `s15-lost-fresh-${at === a ? 'a' : 'b'}`),
      ]) {
        const r = await rig.exchange(at, token);
        expect([r.status, String(r.body.error_description).slice(0, 15)]).toEqual([503, 'ERR_STATE_LOST:']);
        expect(r.body.access_token).toBeUndefined();
      }
      const ready = await fetch(`${at.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toMatch(/ERR_STATE_LOST/);
    }
    // Every credential a client got has its grant line (the burst included).
    const granted = rig.audit().filter((e) => e.type === 'credential.granted').length;
    expect(granted).toBe(1 + answers.filter((r) => r.status === 200).length);

    // One alarm per instance (not per refused exchange), naming the key and the fix.
    const alarms = a
      .stderr()
      .split('\n')
      .filter((l) => /ERROR ERR_STATE_LOST/.test(l));
    // (At most one a minute: two if this test ran past a minute since the first.)
    expect(alarms.length).toBeGreaterThanOrEqual(1);
    expect(alarms.length).toBeLessThanOrEqual(2);
    expect(alarms[0]).toMatch(/stepwarden:epoch/);
    expect(alarms[0]).toMatch(/re-apply/);
    const set = /redis-cli SET stepwarden:epoch (\S+)/.exec(alarms[0]!);
    expect(set).not.toBeNull();

    // The operator re-applies the kill switch (it is accepted while lost), then puts the epoch back.
    expect((await a.post('/admin/revoke', { run_id: runIdOf('s15-lost-blocked') }, ADMIN)).status).toBe(200);
    await raw.set('stepwarden:epoch', set![1]!);
    for (const at of [a, b]) {
      expect((await rig.exchange(at, await rig.oidc('lost', 's15-lost-blocked'))).status).toBe(403);
      expect((await rig.exchange(at, await rig.oidc('lost', `s15-lost-after-${at.url}`))).status).toBe(200);
      expect((await fetch(`${at.url}/readyz`)).status).toBe(200);
    }
  }, 90_000);
});
