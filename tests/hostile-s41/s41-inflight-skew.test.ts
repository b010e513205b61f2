/**
 * Session 41, on call: an instance whose clock is behind the state store's by less than the 30 s the
 * gate admits (MAX_CLOCK_SKEW_SECONDS), here 28 s. Its exchange queues the write-ahead intent at its
 * own `now + inFlightSeconds` (2 x upstream + 5 = 25 s by default), and the sweep takes due entries by
 * the store's clock (TIME): the intent was due 3 s before it was written. Every instance sweeps each
 * second, so an exchange that had not stored its record by the next sweep lost its intent: the sweep
 * gave the claim back, wrote `INTENT_ABANDONED` ("an instance stopped…", untrue), and the exchange was
 * refused after GitHub had minted its token. On the start commit: the intent's queue score sat below
 * the store's TIME while the mint was held, the sweep abandoned it, and the exchange answered 503.
 *
 * Now the queued in-flight deadline also carries the skew the store admits (store.clockSkewSeconds):
 * an intent is due no earlier, by the store's clock, than its in-flight window after it was written.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { BrokerProcess } from '../support/cluster.js';
import { MINT_ROUTE, startRig, until, type Rig } from '../support/redis-rig.js';

const SKEW = fileURLToPath(new URL('../support/clock-skew.mjs', import.meta.url));

describe('redis state: an instance 28 s behind the store, its exchange held at the mint', () => {
  let rig: Rig;
  let behind: BrokerProcess;
  let raw: Redis;
  let afterRelease: (() => void) | undefined;

  beforeAll(async () => {
    rig = await startRig({ skewflight: 410001 });
    raw = rig.redis.client();
    // An instance on time beside it: its sweep, like every instance's, judges due entries by TIME.
    await rig.spawn('s41-ontime');
    behind = await rig.spawn('s41-behind', {
      env: { NODE_OPTIONS: `--import=${SKEW}`, STEPWARDEN_TEST_CLOCK_SKEW_MS: String(-28_000) },
    });
  }, 90_000);
  afterAll(async () => {
    afterRelease?.();
    await rig?.close();
  }, 60_000);

  it('the intent is not due while the exchange runs; the credential is granted, nothing abandoned', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let arrived = false;
    rig.gh.standin.fail('POST', MINT_ROUTE, { count: 1, until: released, onArrive: () => (arrived = true) });
    const t = await rig.oidc('skewflight', 's41-skew-1', { jti: 's41-inflight-skew-1' });
    const pending = rig.exchange(behind, t, 'release');
    // Whatever the assertions below find, the held call is let go before the rig stops.
    afterRelease = release;
    await until(() => arrived, 30_000, 'the mint to arrive at the stand-in');
    // The held exchange's intent (the only entry of the queue: no credential was issued before), or
    // its abandonment by a sweep, whichever shows first.
    const abandoned = () =>
      rig.audit('s41-ontime', 's41-behind').filter((l) => l.reason === 'INTENT_ABANDONED');
    let ahead: number | undefined;
    await until(
      async () => {
        if (abandoned().length > 0) return true;
        const entries = await raw.zrange('stepwarden:queue', '0', '-1', 'WITHSCORES');
        const [sec] = (await raw.time()) as [number | string, number | string];
        if (entries.length === 2) ahead = Number(entries[1]) - Number(sec);
        return ahead !== undefined;
      },
      30_000,
      'the intent queued or abandoned',
    );
    // Before: abandoned by a sweep within a second (its score 25 - 28 = 3 s before the store's TIME).
    expect(abandoned()).toEqual([]);
    // Now at least the 25 s window after the store's TIME, less the time since the gate (the mint
    // arrives after it: seconds at most at load 15).
    expect(ahead).toBeGreaterThan(10);
    release();
    const r = await pending;
    expect(r.status).toBe(200);
    expect(abandoned()).toEqual([]);
  }, 60_000);
});
