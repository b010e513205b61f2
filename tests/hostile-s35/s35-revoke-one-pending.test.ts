/**
 * Session 35, left by session 34 (C): an upstream DELETE past its lease is sent again by another
 * instance's sweep (s34-revoke-past-lease); when both fail with time left, each instance's first
 * failure wrote its own `credential.revocation_pending`: two alarms for one credential. One line:
 * the instance whose failure first made the revocation pending writes it, the other none, whatever
 * the order of the answers, and also when both failures are recorded at once.
 */
import { describe, expect, it } from '@jest/globals';
import type { AuditSink } from '../../shared/broker/audit-log.js';
import type { GithubApp } from '../../shared/broker/providers/github-app.js';
import { Revoker } from '../../shared/broker/revocation.js';
import { bothStores } from '../support/both-stores.js';
import { record } from '../broker/store-suite.js';

const stores = bothStores('s35c');

/** An App whose DELETEs this test fails when it says. */
function slowApp() {
  const calls: (() => void)[] = [];
  let arrived!: () => void;
  const called = new Promise<void>((r) => (arrived = r));
  const app = {
    revokeToken: () =>
      new Promise<void>((_resolve, reject) => {
        calls.push(() => reject(new Error('HTTP 500 from GitHub')));
        arrived();
      }),
  } as unknown as GithubApp;
  return { app, calls, called };
}

type Line = { who: string; type: string; reason: string; grant_id: string; detail?: string };

describe.each(stores)('two instances failing one DELETE each (%s, s35)', (_name, make) => {
  it.each(['a-first', 'b-first', 'together'] as const)(
    'one revocation_pending line, still owed (%s)',
    async (order) => {
      const store = await make();
      const t = Math.floor(Date.now() / 1000);
      let clock = t;
      const lines: Line[] = [];
      const sink = (who: string): AuditSink => ({
        write: (e) => void lines.push({ who, ...(e as Omit<Line, 'who'>) }),
        flush: async () => undefined,
      });
      const ga = slowApp();
      const gb = slowApp();
      const revoker = (who: string, g: ReturnType<typeof slowApp>) =>
        new Revoker({ store, audit: sink(who), githubFor: () => g.app, now: () => clock, leaseSeconds: 60 });
      const A = revoker('A', ga);
      const B = revoker('B', gb);
      const r = record({ issuedAt: t - 30, expiresAt: t + 270, upstreamExpiresAt: t + 3570 });
      await store.put(r);
      const aDone = A.revoke(r, { type: 'credential.revoked', reason: 'REVOKED_AT_JOB_END' });
      await ga.called;
      // A's DELETE still out a lease later: B's sweep takes it as interrupted and sends its own.
      clock = t + 61;
      const bDone = B.sweep();
      await gb.called;
      clock = t + 62;
      if (order === 'together') {
        ga.calls[0]!();
        gb.calls[0]!();
        await Promise.all([aDone, bDone]);
      } else {
        const [first, second] = order === 'a-first' ? [ga, gb] : [gb, ga];
        const [firstDone, secondDone] = order === 'a-first' ? [aDone, bDone] : [bDone, aDone];
        first.calls[0]!();
        await firstDone;
        second.calls[0]!();
        await secondDone;
      }
      const mine = lines.filter((l) => l.grant_id === r.grantId);
      expect(mine.map((l) => [l.type, l.reason])).toEqual([
        ['credential.revocation_pending', 'REVOCATION_PENDING'],
      ]);
      // Still owed: pending, queued for a later try, the secret kept for it.
      const stored = await store.get(r.grantId);
      expect(stored?.revocation).toBe('pending');
      expect(stored?.secret).toBe(r.secret);
      expect(await store.due(t + 4000, 1000, 60)).toContain(r.grantId);
      expect(JSON.stringify(lines)).not.toContain(r.secret!);
    },
    60_000,
  );

  it('a later failed try of a pending revocation writes no second alarm; the first of another credential does', async () => {
    const store = await make();
    const t = Math.floor(Date.now() / 1000);
    const lines: Line[] = [];
    const A = new Revoker({
      store,
      audit: {
        write: (e) => void lines.push({ who: 'A', ...(e as Omit<Line, 'who'>) }),
        flush: async () => undefined,
      },
      githubFor: () => ({ revokeToken: () => Promise.reject(new Error('HTTP 502')) }) as unknown as GithubApp,
      now: () => t,
      leaseSeconds: 60,
    });
    const [r1, r2] = [0, 1].map(() =>
      record({ issuedAt: t - 30, expiresAt: t + 270, upstreamExpiresAt: t + 3570 }),
    );
    for (const r of [r1!, r2!]) await store.put(r);
    await A.revoke(r1!, { type: 'credential.revoked', reason: 'REVOKED_AT_JOB_END' });
    await A.revoke(r2!, { type: 'credential.revoked', reason: 'REVOKED_AT_JOB_END' });
    expect(lines.map((l) => [l.type, l.grant_id])).toEqual([
      ['credential.revocation_pending', r1!.grantId],
      ['credential.revocation_pending', r2!.grantId],
    ]);
  });
});
