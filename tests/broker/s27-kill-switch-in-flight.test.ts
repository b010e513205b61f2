/**
 * Session 27 (docs/decisions.md "The kill switch and a run's ancestry (session 27)"): a kill switch
 * fired while a deep descendant's exchange is minting. The grandchild (the App started it in a third
 * repository, from a child the App started late, after the blocked run's records were gone) names
 * only the child, so neither the block's own match nor the switch's walk (its credential is not stored
 * yet) stops it; the reach the walk keeps is checked again at its delivery (service.ts
 * auditedOrRevoked), so it is refused and revoked there. GitHub's mint is held until the switch has
 * answered: the order is the test's, not the machine's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Stack, closeCheckingAudit, errorCode } from '../support/broker.js';
import { holdNext } from '../support/github.js';
import { lateChildHelpers, startTrainStack } from '../support/late-child.js';
import { runIdOf } from '../support/run-ids.js';

const MINT = '/app/installations/{installation_id}/access_tokens';

let s: Stack;
let exchange: Awaited<ReturnType<typeof startTrainStack>>['exchange'];
beforeAll(async () => {
  ({ s, exchange } = await startTrainStack());
});
afterAll(() => closeCheckingAudit(s));
const { kill, lateAfter } = lateChildHelpers(() => s);

describe('a kill switch fired while a deep descendant is minting', () => {
  it('the grandchild in a third repository of a late child is refused at its delivery and its token revoked', async () => {
    const parent = 's27f-parent';
    expect((await exchange(parent, 'push-jewels')).status).toBe(200);
    await lateAfter(parent);
    // GitHub's clock with the broker's, so the tokens minted from here on live their hour.
    s.gh.state.clockOffsetSeconds = s.clock.offset;
    // The late child in crown-jewels (names no parent) writes to vault.
    const child = await exchange('s27f-child', 'push-vault', { name: 'crown-jewels', id: '100002' });
    expect(child.status).toBe(200);
    // vault's manifest read (its own short-lived token) before the hold, so the held call is the
    // grandchild's own mint, after its parents were found and its gate passed.
    expect((await exchange('s27f-warm', 'read', { name: 'vault', id: '100003' }, 'octocat')).status).toBe(
      200,
    );
    const held = holdNext(s.gh.standin, 'POST', MINT);
    try {
      const grandchild = exchange('s27f-grandchild', 'read', { name: 'vault', id: '100003' });
      await held.arrived;
      await kill(parent);
      held.release();
      const r = await grandchild;
      expect([r.status, errorCode(r)]).toEqual([403, 'ERR_BLOCKED']);
    } finally {
      held.release();
      s.gh.state.clockOffsetSeconds = 0;
    }
    // Minted at GitHub, then revoked there: nothing of the grandchild's is live.
    expect(
      await s.store.live(
        { runId: runIdOf('s27f-grandchild') },
        Math.floor(Date.now() / 1000) + s.clock.offset,
      ),
    ).toEqual([]);
  });
});
