/**
 * chain.ts `dispatchParents` over the store's run indexes (session 23, session 25): a blocked run
 * counts as a parent of an App-started run only when it held a writing token for the repository
 * before the child's run was created (its first exchange); the window's bound never loses it (it is
 * found by id); an unblocked run past its records' window is not listed.
 */
import { describe, expect, it } from '@jest/globals';
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
