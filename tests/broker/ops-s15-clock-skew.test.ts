/**
 * On call (session 15): a broker whose clock is minutes off the state store's (NTP stopped, a VM
 * resumed). Each instance judges a token's `exp` by its own clock and keeps the used `jti` for what is
 * left of it by that clock (plus the verifier's tolerance and a minute). An instance 4 minutes ahead
 * thus kept the `jti` 4 minutes too short for an instance on time, which accepted the same OIDC token
 * again in that window: a replay across instances. Now the gate script compares the instance's clock
 * with the store's (TIME) and refuses beyond 30 s (half the margin two instances can share): 503
 * ERR_STATE_CLOCK_SKEW with both clocks and the fix, /readyz not ready; the instance on time serves.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const SKEW = fileURLToPath(new URL('../support/clock-skew.mjs', import.meta.url));

describe('redis state: an instance whose clock is minutes off the store', () => {
  let rig: Rig;
  let onTime: BrokerProcess;
  let ahead: BrokerProcess;
  let behind: BrokerProcess;
  let raw: Redis;

  beforeAll(async () => {
    rig = await startRig({ skew: 370001 });
    raw = rig.redis.client();
    onTime = await rig.spawn('skew-ontime');
    const skewed = (ms: number) => ({
      env: { NODE_OPTIONS: `--import=${SKEW}`, STEPWARDEN_TEST_CLOCK_SKEW_MS: String(ms) },
    });
    ahead = await rig.spawn('skew-ahead', skewed(4 * 60_000));
    behind = await rig.spawn('skew-behind', skewed(-4 * 60_000));
  }, 90_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const token = (run: string) =>
    rig.issuer.mint(
      { repository: 'octo-org/skew', repository_id: '370001', run_id: runIdOf(run), jti: `s15-skew-${run}` },
      // Minted five minutes ago, valid five more: both skewed instances take it as current.
      { issuedAtOffset: -300, expiresIn: 600 },
    );

  for (const [name, at] of [
    ['ahead', () => ahead],
    ['behind', () => behind],
  ] as const)
    it(`an instance 4 minutes ${name}: refused with the skew and the fix, never a jti kept too short`, async () => {
      const t = await token(`run-${name}`);
      const r = await rig.exchange(at(), t);
      // Before: 200, and (ahead) the jti then lived 4 min less than the token verifies on time, or
      // (behind) the instance took the token 4 min after the on-time ones had forgotten its jti.
      const ttl = await raw.ttl(`stepwarden:jti:${rig.issuer.url}:s15-skew-run-${name}`);
      expect({ status: r.status, ttl: r.status === 200 ? ttl : 'none' }).toEqual({
        status: 503,
        ttl: 'none',
      });
      expect(r.body.error_description).toMatch(
        new RegExp(
          `^ERR_STATE_CLOCK_SKEW: this instance's clock is 2\\d\\d s ${name === 'ahead' ? 'ahead of' : 'behind'} the state store's \\(TIME\\).*NTP`,
        ),
      );
      const ready = await fetch(`${at().url}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toMatch(/ERR_STATE_CLOCK_SKEW/);
      // The same token at the instance on time: granted once, and its jti kept as long as it verifies.
      const ok = await rig.exchange(onTime, t);
      expect(ok.status).toBe(200);
      expect(await raw.ttl(`stepwarden:jti:${rig.issuer.url}:s15-skew-run-${name}`)).toBeGreaterThan(400);
      expect((await fetch(`${onTime.url}/readyz`)).status).toBe(200);
    }, 60_000);
});
