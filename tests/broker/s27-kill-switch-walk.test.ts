/**
 * Session 27: the kill switch reaches every descendant of a blocked run (docs/decisions.md "The kill
 * switch and a run's ancestry (session 27)"). A credential's `parentRuns` holds at most MAX_ANCESTRY
 * ancestors beyond its direct parents, and a late child's credential names none of its parents, so
 * the kill switch walks down from the blocked run (chain.ts `lateDescendants`) and an exchange checks
 * the blocked runs' reach (chain.ts `dispatchParents`). On the memory store and a real redis-server.
 */
import { describe, expect, it } from '@jest/globals';
import { dispatchParents, lateDescendants, MAX_ANCESTRY } from '../../shared/broker/chain.js';
import type { CredentialRecord, Store } from '../../shared/broker/state/store.js';
import { wrapMethods } from '../../shared/broker/state/wrap.js';
import { runIndexStores } from './run-index-stores.js';
import { record } from './store-suite.js';

const ISS = 'https://token.actions.githubusercontent.com';
const T = 2_000_000_000;
/** Past a writing token's records (upstream hour + 10 minutes) and its window entry. */
const LATE = 3600 + 600 + 120;

/** GitHub's ids of the repositories (numeric, as the OIDC token's `repository_id`). */
const ID: Record<string, string> = { a: '700001', b: '700002', c: '700003', d: '700004', e: '700005' };
/**
 * A writing token of run `runId` of repository `from` for the repositories `to`, with their ids as
 * GitHub's answer gives them (`ids: false`: a record of an older version, names only).
 */
const writer = (
  runId: string,
  from: string,
  to: readonly string[],
  issuedAt: number,
  parentRuns?: readonly string[],
  ids = true,
): CredentialRecord =>
  record({
    runId,
    issuer: ISS,
    repository: `octo-org/${from}`,
    repositoryId: ID[from]!,
    scope: 'contents:write',
    issuedAt,
    expiresAt: issuedAt + 300,
    upstreamExpiresAt: issuedAt + 3600,
    dispatchTo: to.map((n) => `octo-org/${n}`),
    ...(ids ? { dispatchToIds: Object.fromEntries(to.map((n) => [`octo-org/${n}`, ID[n]!])) } : {}),
    ...(parentRuns?.length ? { parentRuns } : {}),
  });
/** A credential (not writing) of run `runId` of `repo`, live from `at` for five minutes. */
const plain = (runId: string, repo: string, at: number, parentRuns?: readonly string[]): CredentialRecord =>
  record({
    runId,
    issuer: ISS,
    repository: `octo-org/${repo}`,
    repositoryId: ID[repo]!,
    issuedAt: at,
    expiresAt: at + 300,
    upstreamExpiresAt: at + 3600,
    ...(parentRuns?.length ? { parentRuns } : {}),
  });
/** The claims of a run the App started in `repo`. */
const appRun = (runId: string, repo: string, iat: number) => ({
  repository: `octo-org/${repo}`,
  repository_id: ID[repo]!,
  run_id: runId,
  iss: ISS,
  iat,
  actor: 'stepwarden[bot]',
});
const parentsOf = (store: Store, runId: string, repo: string, at: number) =>
  dispatchParents(store, appRun(runId, repo, at), 'stepwarden', at);
/** What the kill switch of `runId` revokes (service.ts adminRevoke: by name, then the walk). */
const reached = async (store: Store, runId: string, now: number) =>
  [
    ...(await store.live({ runId }, now)),
    ...(await store.live({ parentRun: runId }, now)),
    ...(await lateDescendants(store, runId, now)),
  ].map((r) => r.grantId);

/** The store with a count of the calls of each method. */
function counted(store: Store): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const view = wrapMethods(store, (name, method) => (...args: unknown[]) => {
    calls.set(name, (calls.get(name) ?? 0) + 1);
    return method(...args);
  });
  return { store: view, calls };
}

const stores = runIndexStores();

/**
 * `zz-root` (repository a) writes to b; then `n` App-started runs half an hour apart, in b, c, d, b,
 * … each writing to the next repository (a release train through three repositories, not the root's). Runs of b are
 * named `zb…` and the root `zz-root`, so each ancestry's 64-place bound (ids in order) cuts them
 * first: the last run's credential names none of the runs the root's own writes started. Returns the
 * last run's id, repository and time.
 */
async function train(store: Store, n: number): Promise<{ last: string; repo: string; at: number }> {
  await store.put(writer('zz-root', 'a', ['b'], T));
  const ring = ['b', 'c', 'd'] as const;
  let last = '';
  let repo = '';
  let at = T;
  for (let i = 1; i <= n; i++) {
    repo = ring[(i - 1) % 3]!;
    last = `${repo === 'b' ? 'zb' : repo}${String(i).padStart(3, '0')}`;
    at = T + 1800 * i;
    const parents = await parentsOf(store, last, repo, at);
    await store.put(writer(last, repo, [ring[i % 3]!], at + 1, parents));
  }
  return { last, repo, at };
}

describe.each(stores)('the kill switch reaches every descendant, %s store', (_name, makeStore) => {
  it('a release train of 150 runs through three repositories: the root’s kill switch reaches the last run’s credential, cut from its ancestry', async () => {
    let now = T;
    const store = await makeStore(() => now);
    const { last, repo, at } = await train(store, 150);
    const parents = (await parentsOf(store, last, repo, at))!;
    // The bound cut the root and every run of b: what the credential names does not reach it.
    expect(parents.filter((p) => p.startsWith('z'))).toEqual([]);
    expect(parents.length).toBeLessThanOrEqual(3 + MAX_ANCESTRY);
    const credential = plain(last, repo, at + 2, parents);
    await store.put(credential);
    now = at + 10;
    await store.block({ runId: 'zz-root', actor: 'admin', at: now });
    expect(await reached(store, 'zz-root', now)).toContain(credential.grantId);
  }, 120_000);

  it('a release train: a run the root’s descendants start after its kill switch is refused, in a repository the root never wrote to', async () => {
    let now = T;
    const store = await makeStore(() => now);
    const { last, repo, at } = await train(store, 150);
    expect(repo).toBe('d');
    now = at + 10;
    await store.block({ runId: 'zz-root', actor: 'admin', at: now });
    await reached(store, 'zz-root', now);
    // The last run writes to b: its child there, and that child's child in c (the window).
    await store.put(writer(last, 'd', ['b'], now + 1, await parentsOf(store, last, 'd', now + 1)));
    expect(await parentsOf(store, 'next-c', 'c', now + 20)).toContain('zz-root');
    expect(await parentsOf(store, 'next-d', 'd', now + 20)).toContain('zz-root');
    // A repository no descendant wrote to: not refused.
    expect(await parentsOf(store, 'next-e', 'e', now + 20)).toEqual([]);
  }, 120_000);

  it('the walk’s work is bounded by the repositories and levels it reaches, and an exchange’s does not grow with the train', async () => {
    let now = T;
    const base = await makeStore(() => now);
    const { store, calls } = counted(base);
    const { last, repo, at } = await train(base, 150);
    now = at + 10;
    await store.block({ runId: 'zz-root', actor: 'admin', at: now });
    calls.clear();
    await lateDescendants(store, 'zz-root', now);
    // Two walks (the second after the reach is kept: chain.ts), each over 4 repositories (a, b, c,
    // d): each repository's links read once, its live credentials listed once; a `writers` look-up
    // per level (the root, then b, c and d's runs: a level each), not per run.
    expect(calls.get('linkedRuns')).toBeLessThanOrEqual(2 * 4);
    expect(calls.get('live') ?? 0).toBeLessThanOrEqual(2 * (4 + 3));
    expect(calls.get('writers')).toBeLessThanOrEqual(2 * 5);
    expect(calls.get('noteReach')).toBe(2);
    calls.clear();
    await parentsOf(store, `${last}-again`, repo, now + 20);
    const exchange = [...calls.values()].reduce((a, b) => a + b, 0);
    // writerRuns by name and by id, runLink, blocks, writers, reaches, linkRun, and the walk up of
    // the links of parents whose window ended (ANCESTRY_DEPTH levels at most): not the train's length.
    expect(exchange).toBeLessThanOrEqual(7 + 2 * 8);
  }, 120_000);

  it.each([
    ['the child’s writing token live at the switch', 10],
    ['the child’s credentials gone: reached by the ids GitHub gave', 1000],
  ])(
    'a late child’s child in a third repository, %s: the kill switch reaches its credential',
    async (_what, after) => {
      let now = T;
      const store = await makeStore(() => now);
      await store.put(writer('x', 'a', ['b'], T));
      // The child in b, first seen after x's records are gone: its credential names no parent.
      const late = T + LATE;
      expect(await parentsOf(store, 'child', 'b', late)).toEqual([]);
      await store.put(writer('child', 'b', ['c'], late + 1));
      // Its child in c (the child's writing token is in the window: a direct parent).
      expect(await parentsOf(store, 'grandchild', 'c', late + after)).toEqual(['child']);
      const credential = plain('grandchild', 'c', late + after + 1, ['child']);
      await store.put(credential);
      now = late + after + 10;
      // Past five minutes, the child's writing token ended: no live credential names b.
      expect((await store.live({ repository: 'octo-org/b' }, now)).length).toBe(after < 300 ? 1 : 0);
      await store.block({ runId: 'x', actor: 'admin', at: now });
      expect(await reached(store, 'x', now)).toContain(credential.grantId);
      // And a run the child starts in c after the kill switch is refused (x is among its parents).
      expect(await parentsOf(store, 'grandchild-2', 'c', now + 10)).toContain('x');
    },
    60_000,
  );

  it('a rename of the other repository between the token and the child’s exchange hides no parent (by id)', async () => {
    let now = T;
    const store = await makeStore(() => now);
    await store.put(writer('x', 'a', ['b'], T));
    // b is renamed b-renamed (same id) before the child's exchange: its OIDC token says the new name.
    const child = { ...appRun('child', 'b', T + 10), repository: 'octo-org/b-renamed' };
    expect(await dispatchParents(store, child, 'stepwarden', T + 10)).toEqual(['x']);
    // Late, after x's records: x blocked first refuses the child; blocked after, reaches its credential.
    const lateChild = { ...appRun('late-child', 'b', T + LATE), repository: 'octo-org/b-renamed' };
    await store.block({ runId: 'x', actor: 'admin', at: T + LATE - 5 });
    expect(await dispatchParents(store, lateChild, 'stepwarden', T + LATE)).toContain('x');
    await store.unblock({ runId: 'x' });
    const other = { ...appRun('late-other', 'b', T + LATE + 1), repository: 'octo-org/b-renamed' };
    expect(await dispatchParents(store, other, 'stepwarden', T + LATE + 1)).toEqual([]);
    const credential = record({
      ...plain('late-other', 'b', T + LATE + 2),
      repository: 'octo-org/b-renamed',
    });
    await store.put(credential);
    now = T + LATE + 10;
    await store.block({ runId: 'x', actor: 'admin', at: now });
    expect(await reached(store, 'x', now)).toContain(credential.grantId);
  }, 60_000);

  it('a run that never descends from the blocked run is not reached (a repository it did not write to)', async () => {
    let now = T;
    const store = await makeStore(() => now);
    await store.put(writer('x', 'a', ['b'], T));
    // c's own App-started run, started by a writer of c that is no descendant of x.
    await store.put(writer('other', 'd', ['c'], T + LATE));
    expect(await parentsOf(store, 'stranger', 'c', T + LATE + 10)).toEqual(['other']);
    const credential = plain('stranger', 'c', T + LATE + 11, ['other']);
    await store.put(credential);
    now = T + LATE + 20;
    await store.block({ runId: 'x', actor: 'admin', at: now });
    expect(await reached(store, 'x', now)).not.toContain(credential.grantId);
  }, 60_000);
});
