/**
 * On call (session 17): the state store answering slowly (a fork for a snapshot on a big dataset, a
 * slow disk under `appendfsync always`; here `DEBUG SLEEP`) past the broker's command deadline, mid
 * exchange. The exchange must end with a clear 503 (nothing granted, nothing minted left live), and
 * when the store wakes and applies the gate late, the broker must undo it so the step's retry is
 * granted once, not refused as a second claim.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRedis } from '../support/redis.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

describe('redis state: the store asleep past the command deadline mid-exchange', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig(
      { slow: 395001 },
      { redis: await startRedis({ args: ['--enable-debug-command', 'yes'] }) },
    );
    a = await rig.spawn('slow-a');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
    await rig?.redis.stop();
  }, 60_000);

  it('answers 503 ERR_STATE_UNAVAILABLE, undoes the late gate, and the retry is granted once', async () => {
    expect((await rig.exchange(a, await rig.oidc('slow', 's17-slow-warm'), 'release')).status).toBe(200);
    const minted = rig.gh.state.tokens.length;
    const sleeper = rig.redis.client();
    const token = await rig.oidc('slow', 's17-slow-1');
    // The server sleeps 4 s (over the 2 s command deadline); the exchange's gate waits behind it.
    const asleep = sleeper.call('DEBUG', 'SLEEP', '4');
    const slow = await rig.exchange(a, token, 'release');
    await asleep;
    expect(slow.status).toBe(503);
    expect(String(slow.body.error_description)).toMatch(/^ERR_STATE_UNAVAILABLE: .*nothing was granted/);
    expect(slow.body.access_token).toBeUndefined();

    // The gate landed after the sleep; its undo gives the claim back: the step's retry (a fresh OIDC
    // token, as the action asks) is granted once. Until the undo has run, the retry may be refused as
    // a second claim, or held while the late gate's intent is there (ERR_GRANT_IN_FLIGHT): wait for
    // the event (a grant), not a time.
    let retry: { status: number; body: Record<string, unknown> } | undefined;
    await until(
      async () => {
        retry = await rig.exchange(a, await rig.oidc('slow', 's17-slow-1'), 'release');
        return !/^ERR_GRANT_(ALREADY_CLAIMED|IN_FLIGHT)/.test(String(retry.body.error_description));
      },
      15_000,
      'the claim given back',
    );
    expect(retry!.status).toBe(200);
    const again = await rig.exchange(a, await rig.oidc('slow', 's17-slow-1'), 'release');
    expect(String(again.body.error_description)).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    expect(rig.gh.state.tokens.slice(minted).filter((t) => !t.revoked)).toHaveLength(1);
  }, 90_000);
});
