/**
 * Session 34, left by session 33: an upstream DELETE that runs past the 60 s lease (the instance
 * alive, GitHub slow) may be sent a second time by another instance's sweep, which takes the leased
 * entry as interrupted. Shown here: nothing worse than a second DELETE follows. Two Revokers (two
 * instances) on one store, each with its own App whose DELETE this test answers, in every order and
 * with every outcome (204, a failure retried later, a failure past the token's life: given up):
 * one terminal line at most per credential across both instances, never a `revocation_pending` after
 * it, the stored outcome the line's, and nothing due again once settled (no third DELETE).
 */
import { describe, expect, it } from '@jest/globals';
import type { AuditSink } from '../../shared/broker/audit-log.js';
import type { GithubApp } from '../../shared/broker/providers/github-app.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { bothStores } from '../support/both-stores.js';
import { record } from '../broker/store-suite.js';

const stores = bothStores('s34');

/** How a DELETE ends: GitHub's 204, a failure with time left (retried later), one at the token's end. */
type Outcome = 'ok' | 'fail' | 'last';
const OUTCOMES: Outcome[] = ['ok', 'fail', 'last'];

type Line = { who: string; type: string; reason: string; grant_id?: string };

/** One App per instance whose DELETE is answered when the test says, with the outcome it says. */
function slowApp() {
  const calls: { answer: (ok: boolean) => void }[] = [];
  let arrived!: () => void;
  let called = new Promise<void>((r) => (arrived = r));
  const app = {
    revokeToken: () =>
      new Promise<void>((resolve, reject) => {
        calls.push({ answer: (ok) => (ok ? resolve() : reject(new Error('HTTP 500 from GitHub'))) });
        arrived();
      }),
  } as unknown as GithubApp;
  return {
    app,
    calls,
    /** Resolves when the next call is out (the first, then each after `rearm`). */
    called: () => called,
    rearm: () => void (called = new Promise<void>((r) => (arrived = r))),
  };
}

function sink(who: string, lines: Line[]): AuditSink {
  return {
    write: (e) =>
      void lines.push({
        who,
        type: String(e.type),
        reason: String(e.reason),
        grant_id: e.grant_id as string,
      }),
    flush: async () => undefined,
  };
}

const TERMINAL = new Set(['credential.revoked', 'credential.revoke_failed', 'credential.expired']);

describe.each(stores)('a DELETE past its lease, answered in every order (%s, s34)', (_name, make) => {
  const cases: [Outcome, Outcome, 'a-first' | 'b-first'][] = [];
  for (const a of OUTCOMES)
    for (const b of OUTCOMES) for (const order of ['a-first', 'b-first'] as const) cases.push([a, b, order]);

  it.each(cases)('A %s, B %s, %s', async (aOut, bOut, order) => {
    const store = await make();
    const t = Math.floor(Date.now() / 1000);
    let clock = t;
    const now = () => clock;
    const lines: Line[] = [];
    const ga = slowApp();
    const gb = slowApp();
    const revokerOf = (who: string, g: ReturnType<typeof slowApp>) =>
      new Revoker({ store, audit: sink(who, lines), githubFor: () => g.app, now, leaseSeconds: 60 });
    const A = revokerOf('A', ga);
    const B = revokerOf('B', gb);
    // A GitHub token delivered, its end an hour on; its job ends and A revokes it.
    const r = record({ issuedAt: t - 30, expiresAt: t + 270, upstreamExpiresAt: t + 3570 });
    await store.put(r);
    const aDone = A.revoke(r, { type: 'credential.revoked', reason: 'REVOKED_AT_JOB_END' });
    await ga.called();
    // A's DELETE is still out a lease later: B's sweep takes the entry and sends its own.
    clock = t + 61;
    const bDone = B.sweep();
    await gb.called();
    expect(ga.calls).toHaveLength(1);
    expect(gb.calls).toHaveLength(1);
    const answer = async (g: ReturnType<typeof slowApp>, out: Outcome, done: Promise<unknown>) => {
      // 'last': the failure lands where the next try would be past the token's life (given up).
      clock = out === 'last' ? r.upstreamExpiresAt! - 1 : t + 62;
      g.calls[0]!.answer(out === 'ok');
      await done;
    };
    if (order === 'a-first') {
      await answer(ga, aOut, aDone);
      await answer(gb, bOut, bDone);
    } else {
      await answer(gb, bOut, bDone);
      await answer(ga, aOut, aDone);
    }
    const mine = lines.filter((l) => l.grant_id === r.grantId);
    const ends = mine.filter((l) => TERMINAL.has(l.type));
    // One terminal line at most, whoever wrote it, and nothing after it.
    expect(ends.length).toBeLessThanOrEqual(1);
    if (ends.length) expect(mine.indexOf(ends[0]!)).toBe(mine.length - 1);
    const stored = await store.get(r.grantId);
    const anyOk = aOut === 'ok' || bOut === 'ok';
    const anyLast = aOut === 'last' || bOut === 'last';
    if (anyOk || anyLast) {
      // Settled: one line, the store's outcome the line's, nothing due again for a third DELETE.
      expect(ends).toHaveLength(1);
      expect(stored?.revocation).toBe(ends[0]!.type === 'credential.revoked' ? 'done' : 'failed');
      expect(stored?.secret).toBeUndefined();
      expect(await store.due(t + 4000, 1000, 60)).not.toContain(r.grantId);
      // The first answer settles it: a success first is never followed by a failed line.
      const first = order === 'a-first' ? aOut : bOut;
      if (first === 'ok') expect(ends[0]!.type).toBe('credential.revoked');
    } else {
      // Both failed with time left: still owed, pending, queued for a later try; no end yet.
      expect(ends).toHaveLength(0);
      expect(stored?.revocation).toBe('pending');
      expect(await store.due(t + 4000, 1000, 60)).toContain(r.grantId);
    }
    // No more DELETEs than the two.
    expect(ga.calls.length + gb.calls.length).toBe(2);
  });
});
