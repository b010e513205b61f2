/**
 * Session 33: the broker's own read tokens (the manifest read through the App, then released) under
 * the one freshness rule. The token is released moments after it was minted, exactly when a GitHub
 * replica may not know it yet and answer 401 while it still becomes valid (github-app.ts
 * FRESH_TOKEN_SECONDS). Taken as "already gone", a contents:read token of the repository lived its
 * hour with no call after it. Through a broker process and the GitHub stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const DELETE = '/installation/token';

describe("the broker's own read token released while fresh (s33)", () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ reads: 533301 }, { github: true });
    a = await rig.spawn('s33-reads', { extra: 'timeouts: { upstream: 4 }\n' });
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    rig?.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await rig?.close();
  }, 120_000);

  it('a 401 from a replica that does not know it yet is asked again until GitHub revokes it', async () => {
    const before = rig.gh.state.tokens.length;
    const deletes: number[] = [];
    // The first DELETE: a replica that has not seen the token (401, left live); the next one is real.
    rig.gh.standin.fail('DELETE', DELETE, {
      count: 1,
      status: 401,
      onArrive: () => deletes.push(Date.now()),
    });
    const r = await rig.exchange(a, await rig.oidc('reads', 's33-reads-1'), 'notify');
    expect(r.status).toBe(200);
    // The premise: the manifest was read with a token of the broker's own, whose release met the 401.
    const own = rig.gh.state.tokens.slice(before);
    expect(own.length).toBeGreaterThanOrEqual(1);
    await until(() => deletes.length >= 1, 30_000, 'the first DELETE');
    // Every token the broker minted for itself is revoked at GitHub (well within the fresh window's
    // 10 s and a loaded machine's delay): nothing asked for a read is left to live its hour.
    await until(
      () => rig.gh.state.tokens.slice(before).every((t) => t.revoked),
      60_000,
      "every read token of the broker's revoked at GitHub",
    );
  }, 180_000);
});
