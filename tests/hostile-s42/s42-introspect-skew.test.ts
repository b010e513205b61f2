/**
 * Session 42, left by session 41: a credential's deadline is computed on the issuing instance's
 * clock, and the sweep revokes by the store's TIME. Two instances on one Redis, one 28 s ahead of the
 * store (inside the 30 s the gate admits), the other on time. A GitHub token (ttl 30) issued at the
 * one ahead: its record's `expiresAt` sits 28 s later than the step's 30 s by real time, and the sweep
 * ends it then. Introspection judged `expiresAt` on each instance's own clock, so for those 28 s the
 * instance ahead said `active: false` and the one on time `active: true` for the same token at the
 * same moment (on bdb62c33: the on-time instance answered active after the other said inactive).
 * Now introspection judges on the store's clock (TIME), the one the sweep revokes by: both instances
 * answer alike, and neither says inactive before the sweep would end it.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';

const SKEW = fileURLToPath(new URL('../support/clock-skew.mjs', import.meta.url));

describe('introspection at two instances whose clocks differ by 28 s (s42)', () => {
  let rig: Rig;
  let onTime: BrokerProcess;
  let ahead: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ skewseen: 420001 }, { releaseTtl: 30 });
    onTime = await rig.spawn('s42-ontime');
    ahead = await rig.spawn('s42-ahead', {
      env: { NODE_OPTIONS: `--import=${SKEW}`, STEPWARDEN_TEST_CLOCK_SKEW_MS: String(28_000) },
    });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('the same answer at both instances at the same moment, through the expiry', async () => {
    const granted = await rig.exchange(ahead, await rig.oidc('skewseen', 's42-skew-1'), 'release');
    expect(granted.status).toBe(200);
    const token = String(granted.body.access_token);
    const active = async (at: BrokerProcess) => {
      const r = await at.post('/introspect', { token }, ADMIN);
      expect(r.status).toBe(200);
      return r.body.active === true;
    };
    expect(await active(ahead)).toBe(true);
    expect(await active(onTime)).toBe(true);
    // The first instance to say inactive (before: the one ahead, 28 s early by real time), then the
    // other at once: the moment has passed for both (the store's clock never goes back).
    let first: BrokerProcess | undefined;
    await until(
      async () => {
        for (const at of [ahead, onTime]) if (!(await active(at))) return Boolean((first = at));
        return false;
      },
      120_000,
      'an instance to call the token inactive',
    );
    const other = first === ahead ? onTime : ahead;
    expect(await active(other)).toBe(false);
  }, 180_000);
});
