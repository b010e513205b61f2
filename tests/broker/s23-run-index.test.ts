/**
 * chain.ts `dispatchParents` over the store's run indexes (session 23, session 25): a blocked run
 * counts as a parent of an App-started run only when it held a writing token for the repository
 * before the child's run was created (its first exchange); the window's bound never loses it (it is
 * found by id); an unblocked run past its records' window is not listed.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dispatchParents } from '../../shared/broker/chain.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { record } from './store-suite.js';

const ISS = 'https://token.actions.githubusercontent.com';
const T = 2_000_000_000;
const writer = (runId: string, issuedAt = T) =>
  record({
    runId,
    issuer: ISS,
    scope: 'contents:write',
    issuedAt,
    expiresAt: issuedAt + 300,
    upstreamExpiresAt: issuedAt + 3600,
    dispatchTo: ['octo-org/octo-repo'],
  });
const child = (runId: string, iat: number) => ({
  repository: 'octo-org/octo-repo',
  repository_id: '100001',
  run_id: runId,
  iss: ISS,
  iat,
  actor: 'stepwarden[bot]',
});
const block = (runId: string) => ({ runId, actor: 'admin', at: T });

describe('dispatchParents over the run indexes', () => {
  it('a day on, only blocked writing runs issued before the child are its parents', async () => {
    const t = { now: T };
    const store = new MemoryStore(() => t.now);
    await store.put(writer('11', T));
    await store.put(writer('12', T + 50_000)); // after the child's token: cannot be its parent
    await store.put(writer('13', T));
    t.now = T + 86_400;
    expect(await dispatchParents(store, child('20', t.now - 86_000), 'stepwarden', t.now)).toEqual([]);
    for (const id of ['11', '12', '99']) await store.block(block(id));
    expect(await dispatchParents(store, child('21', T + 400), 'stepwarden', t.now)).toEqual(['11']);
  });

  it('when the window’s bound dropped runs, a blocked run that wrote here is still found by id; one that never wrote is not a parent', async () => {
    const t = { now: T };
    const store = new MemoryStore(() => t.now, { runsPerRepository: 1 });
    await store.put(writer('31', T));
    await store.put(writer('32', T + 1));
    await store.block(block('31'));
    t.now = T + 86_400;
    expect(await dispatchParents(store, child('40', T + 400), 'stepwarden', t.now)).toEqual(['31']);
    const roomy = new MemoryStore(() => t.now);
    await roomy.block(block('31'));
    expect(await dispatchParents(roomy, child('41', T + 400), 'stepwarden', t.now)).toEqual([]);
  });
});

describe('dispatchParents never adopts a stranger (session 25)', () => {
  it('the window’s bound reached: the App-started run is refused by name, not given guessed parents', async () => {
    const t = { now: T };
    const store = new MemoryStore(() => t.now, { runsPerRepository: 1 });
    await store.put(writer('51', T));
    await store.put(writer('52', T + 1));
    await store.block(block('elsewhere'));
    await expect(dispatchParents(store, child('60', T + 10), 'stepwarden', T + 10)).rejects.toMatchObject({
      code: 'ERR_DISPATCH_PARENTS_UNKNOWN',
      status: 503,
    });
    // Once the dropped run's window has passed, the window is whole again.
    t.now = T + 1 + 4200;
    expect(await dispatchParents(store, child('61', t.now), 'stepwarden', t.now)).toEqual(['52']);
  });

  it('property: a parent is a run that wrote to this repository before the child’s first exchange', async () => {
    const run = fc.integer({ min: 0, max: 11 }).map((i) => `r${i}`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            runId: run,
            at: fc.integer({ min: 0, max: 20_000 }),
            here: fc.boolean(),
            iss: fc.constantFrom(ISS, 'https://ghes.example'),
          }),
          { maxLength: 12 },
        ),
        fc.uniqueArray(run, { maxLength: 6 }),
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 3 }),
        async (writes, blocked, at, cap) => {
          const t = { now: T };
          const store = new MemoryStore(() => t.now, cap ? { runsPerRepository: cap } : {});
          for (const w of [...writes].sort((a, b) => a.at - b.at)) {
            t.now = T + w.at;
            await store.put({
              ...writer(w.runId, t.now),
              issuer: w.iss,
              ...(w.here ? {} : { dispatchTo: ['octo-org/other'] }),
            });
          }
          for (const id of blocked) await store.block(block(id));
          t.now = T + Math.max(at, ...writes.map((w) => w.at));
          const iat = T + at;
          const wrote = (id: string, by: number) =>
            writes.some((w) => w.runId === id && w.here && w.iss === ISS && T + w.at <= by);
          let parents: string[] | undefined;
          try {
            parents = await dispatchParents(store, child('c', iat), 'stepwarden', t.now);
          } catch (err) {
            // Refused by name when the window overflowed: never a guess.
            expect((err as { code?: string }).code).toBe('ERR_DISPATCH_PARENTS_UNKNOWN');
            return;
          }
          for (const p of parents ?? []) expect(wrote(p, iat + 60)).toBe(true);
          // A blocked run that wrote here before the child is always among them.
          for (const id of blocked) if (wrote(id, iat + 60)) expect(parents).toContain(id);
        },
      ),
      { numRuns: 150 },
    );
  });
});
