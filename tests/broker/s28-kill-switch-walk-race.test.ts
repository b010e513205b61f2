/**
 * Session 28, attacking session 27's "a switch fired while a descendant mints misses nothing": the
 * walk ran exactly twice, and each walk can miss one level of writes still in flight. A late child
 * (its credential names no parent) whose writing token was stored after the first walk read its
 * writes, and delivered before that walk kept its reach, is missed by the first walk; the second
 * reaches its target repository, but a grandchild there whose record is stored after the second walk
 * listed that repository, and delivered before the second reach is kept, is checked at delivery
 * against the first reach only (which lacks the repository): it left with a live credential the
 * switch never revoked. The order is the test's: GitHub's mint of the child and the walks' `noteReach`
 * are held at the points named, nothing waits on time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { type Stack, closeCheckingAudit } from '../support/broker.js';
import { holdNext } from '../support/github.js';
import { lateChildHelpers, ADMIN, startTrainStack } from '../support/late-child.js';
import { runIdOf } from '../support/run-ids.js';

const MINT = '/app/installations/{installation_id}/access_tokens';

let s: Stack;
let exchange: Awaited<ReturnType<typeof startTrainStack>>['exchange'];
beforeAll(async () => {
  ({ s, exchange } = await startTrainStack());
});
afterAll(() => closeCheckingAudit(s));
const { active, lateAfter } = lateChildHelpers(() => s);

/**
 * Holds the walks' `noteReach` calls in turn: `arrived` when walk i is about to keep its reach. On the
 * prototype: the broker's store view binds the methods when the broker starts.
 */
let noteReachHook: (() => Promise<void>) | undefined;
const originalNoteReach = MemoryStore.prototype.noteReach;
MemoryStore.prototype.noteReach = async function (
  this: MemoryStore,
  ...a: Parameters<MemoryStore['noteReach']>
) {
  await noteReachHook?.();
  return originalNoteReach.apply(this, a);
};
afterAll(() => {
  MemoryStore.prototype.noteReach = originalNoteReach;
});

function holdReaches(n: number) {
  const gates = Array.from({ length: n }, () => {
    let release!: () => void;
    let arrive!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const arrived = new Promise<void>((r) => (arrive = r));
    return { released, arrived, release: () => release(), arrive: () => arrive() };
  });
  let calls = 0;
  noteReachHook = async () => {
    const gate = gates[calls++];
    if (!gate) return;
    gate.arrive();
    await gate.released;
  };
  return {
    gates,
    restore: () => {
      for (const g of gates) g.release();
      noteReachHook = undefined;
    },
  };
}

describe('a kill switch whose walks race two levels of in-flight writes (s28)', () => {
  it('a grandchild stored between the second walk’s listing and its reach is revoked by the switch', async () => {
    const parent = 's28w-parent';
    expect((await exchange(parent, 'push-jewels')).status).toBe(200);
    await lateAfter(parent);
    s.gh.state.clockOffsetSeconds = s.clock.offset;
    // vault's and crown-jewels' manifests read before any hold (their own short-lived tokens).
    expect((await exchange('s28w-warm-v', 'read', { name: 'vault', id: '100003' }, 'octocat')).status).toBe(
      200,
    );
    expect(
      (await exchange('s28w-warm-c', 'push-vault', { name: 'crown-jewels', id: '100002' }, 'octocat')).status,
    ).toBe(200);
    const reaches = holdReaches(2);
    const mint = holdNext(s.gh.standin, 'POST', MINT);
    let switched: Promise<unknown> | undefined;
    try {
      // The late child's writing exchange: past its gate (no block yet), its mint held at GitHub.
      const child = exchange('s28w-child', 'push-vault', { name: 'crown-jewels', id: '100002' });
      await mint.arrived;
      switched = s.post('/admin/revoke', { run_id: runIdOf(parent) }, ADMIN);
      // The first walk has read crown-jewels' runs and the child's writes (none stored yet).
      await reaches.gates[0]!.arrived;
      mint.release();
      const c = await child;
      expect(c.status).toBe(200);
      reaches.gates[0]!.release();
      // The second walk reached vault (the child's write) and listed its live credentials.
      await reaches.gates[1]!.arrived;
      const grandchild = await exchange('s28w-grandchild', 'read', { name: 'vault', id: '100003' });
      reaches.gates[1]!.release();
      expect(await switched).toMatchObject({ status: 200 });
      // Whatever the grandchild's exchange answered, nothing of it is live once the switch has answered.
      if (grandchild.status === 200) expect(await active(grandchild.body.access_token)).toBe(false);
      expect(await active(c.body.access_token)).toBe(false);
    } finally {
      mint.release();
      reaches.restore();
      await switched;
      s.gh.state.clockOffsetSeconds = 0;
      await s.post('/admin/unblock', { run_id: runIdOf(parent) }, ADMIN);
    }
  });
});
