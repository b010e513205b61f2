/**
 * Session 20, attacking session 19's readiness check (`/readyz` 503 ERR_STATE_KEY_UNKNOWN while the
 * store's sealers of the last two hours hold a key this instance lacks) as the on-call engineer: does
 * the documented three-step rotation of the state encryption key (docs/deploy.md), done as rolling
 * restarts of two brokers on one Redis, ever take an instance out of readiness? It does not: every
 * instance holds NEW before anyone seals with it, and OLD leaves only after the window. The two hours
 * of step 3 are simulated by ageing OLD's entry in the store's sealers hash.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keyIdOf } from '../../shared/broker/state/secret-box.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, type Rig } from '../support/redis-rig.js';

describe('rotating the state key in three rolling restarts (two brokers, one Redis)', () => {
  let rig: Rig;
  const OLD = randomBytes(32).toString('hex');
  const NEW = randomBytes(32).toString('hex');
  beforeAll(async () => {
    rig = await startRig({ rot: 393020 });
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const ready = async (at: BrokerProcess) => {
    const r = await fetch(`${at.url}/readyz`);
    return [r.status, JSON.stringify(await r.json())] as const;
  };
  const bothReady = async (x: BrokerProcess, y: BrokerProcess) => {
    for (const at of [x, y]) expect(await ready(at)).toEqual([200, expect.any(String)]);
  };
  let n = 0;
  const spawn = (keys: string) => rig.spawn(`rot-${++n}`, { env: { STEPWARDEN_STATE_KEY: keys } });
  const grant = async (at: BrokerProcess, run: string) =>
    expect((await rig.exchange(at, await rig.oidc('rot', run), 'release')).status).toBe(200);

  it('never makes /readyz fail, and a job end after step 2 still revokes what OLD sealed', async () => {
    let a = await spawn(OLD);
    let b = await spawn(OLD);
    await grant(a, 's20-rot-0'); // sealed under OLD
    await bothReady(a, b);

    // Step 1, rolling: OLD first, NEW second.
    await a.stop();
    a = await spawn(`${OLD}\n${NEW}`);
    await grant(a, 's20-rot-1');
    await bothReady(a, b);
    await b.stop();
    b = await spawn(`${OLD}\n${NEW}`);
    await bothReady(a, b);

    // Step 2, rolling: NEW first. Mid-roll, a seals under NEW while b still seals under OLD.
    await a.stop();
    a = await spawn(`${NEW}\n${OLD}`);
    await grant(a, 's20-rot-2'); // sealed under NEW
    await grant(b, 's20-rot-3'); // sealed under OLD
    await bothReady(a, b);
    await b.stop();
    b = await spawn(`${NEW}\n${OLD}`);
    await bothReady(a, b);
    // What OLD sealed is still revoked at a job end.
    const end = await b.post('/revoke', {
      subject_token: await rig.oidc('rot', 's20-rot-0'),
      job: 'publish',
    });
    expect([end.status, end.body.complete, end.body.revoked]).toEqual([200, true, 1]);

    // Step 3, two hours later (OLD's last seal aged past the window): NEW alone.
    const raw = rig.redis.client();
    const oldId = keyIdOf(Buffer.from(OLD, 'hex'));
    expect(await raw.hget('stepwarden:sealers', oldId)).not.toBeNull();
    await raw.hset('stepwarden:sealers', oldId, String(Math.floor(Date.now() / 1000) - 2 * 3600 - 60));
    await a.stop();
    a = await spawn(NEW);
    await bothReady(a, b);
    await b.stop();
    b = await spawn(NEW);
    await bothReady(a, b);
    await grant(b, 's20-rot-4');
    await bothReady(a, b);
  }, 120_000);
});
