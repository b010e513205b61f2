/**
 * Session 24: attacks on session 23's run indexes (store.ts `writerRuns` / `linkRun`, chain.ts
 * `dispatchParents`), found and pinned then (docs/decisions.md, "Attacking session 23's broker
 * changes (session 24)"), fixed in session 25 ("The run index (session 25)"). Each on the memory store
 * and on a real redis-server (the index is one Lua script there, redis.ts `swRunNote`).
 */
import { describe, expect, it } from '@jest/globals';
import { dispatchParents, MAX_ANCESTRY } from '../../shared/broker/chain.js';
import { RUN_KEEP_SECONDS, RUNS_PER_REPOSITORY } from '../../shared/broker/state/store.js';
import { runIndexStores } from './run-index-stores.js';
import { record } from './store-suite.js';

const ISS = 'https://token.actions.githubusercontent.com';
const REPO = 'octo-org/octo-repo';
const T = 2_000_000_000;
const writer = (runId: string, issuedAt: number, parentRuns: readonly string[] = []) =>
  record({
    runId,
    issuer: ISS,
    scope: 'checks:write',
    issuedAt,
    expiresAt: issuedAt + 300,
    upstreamExpiresAt: issuedAt + 3600,
    dispatchTo: [REPO],
    ...(parentRuns.length ? { parentRuns } : {}),
  });
const child = (runId: string, iat: number) => ({
  repository: REPO,
  repository_id: '100001',
  run_id: runId,
  iss: ISS,
  iat,
  actor: 'stepwarden[bot]',
});

const stores = runIndexStores();

describe.each(stores)('run indexes under attack (session 24), %s store', (_name, make) => {
  // RUNS_PER_REPOSITORY counts runs kept RUN_KEEP_SECONDS (36 days), not the records' 70-minute
  // window: 50,000 writing runs in 36 days is under 1,400 a day (one CI run a minute posting a check
  // with checks: write). Past it the index has overflowed for 36 days, and then every run-only kill
  // switch on the broker (any owner's incident, any GitHub) refuses each App-started run of the
  // repository: a run that never held a token for it becomes its parent. Shown at a bound of 100
  // (filling 50,000 takes minutes here) with the same rate to the bound: the sizing is checked on
  // the real constants.
  it('a busy repository (2,000 writing runs a day) does not adopt an unrelated blocked run', async () => {
    const perDay = 2_000;
    const cap = 100;
    const t = { now: T };
    const store = await make(() => t.now, cap);
    // The same ratio: 2,000 a day against 50,000 kept 36 days overflows after 25 days.
    const step = Math.floor((86_400 * RUNS_PER_REPOSITORY) / perDay / cap);
    for (let i = 0; i <= cap; i++) {
      t.now = T + i * step;
      await store.put(writer(`w${i}`, t.now));
    }
    expect(cap * step).toBeLessThan(RUN_KEEP_SECONDS);
    t.now += 3_600;
    // Another owner's incident: the responder blocks its run by run_id only.
    await store.block({ runId: 'elsewhere-1', actor: 'admin', at: t.now });
    const parents = await dispatchParents(store, child('late-child', t.now - 60), 'stepwarden', t.now);
    expect(parents).not.toContain('elsewhere-1');
    // Control: a blocked run that did write here, 20 days before, still counts (a late child).
    await store.block({ runId: 'w10', actor: 'admin', at: t.now });
    expect(await dispatchParents(store, child('late-child-2', t.now - 60), 'stepwarden', t.now)).toContain(
      'w10',
    );
  }, 60_000);

  // A run that dispatches the next (each App-started and writing) carried every ancestor's run id
  // (transitively: chain.ts added each writer's own parents), in its records, its run link and its
  // index entry kept 36 days: n runs held n(n-1)/2 ids. One repository's writer looping a workflow
  // every minute held ~1 million ids after a day (1,440 runs), ~50 million after a week, in the
  // store every repository shares. Since session 25 what is kept 36 days (the run links, the writing
  // runs by id) holds direct parents only, less those another parent descends from: one per run here.
  it('a self-dispatching chain of n runs keeps O(n) parent ids, not O(n²)', async () => {
    // 150 runs: the Redis store's exchanges slow as the ancestry grows (300 took ~5 s at load 8).
    const n = 150;
    const t = { now: T };
    const store = await make(() => t.now);
    const all: string[][] = [];
    for (let i = 0; i < n; i++) {
      // A minute apart: each run is started by the one before, inside its records' window.
      t.now = T + i * 60;
      const parents = (await dispatchParents(store, child(`c${i}`, t.now - 30), 'stepwarden', t.now)) ?? [];
      all.push(parents);
      await store.put(writer(`c${i}`, t.now, parents));
    }
    let held = 0;
    for (let i = 0; i < n; i++) {
      const l = await store.runLink({ issuer: ISS, repositoryId: '100001', runId: `c${i}` }, t.now);
      held += l!.parents.length;
    }
    expect(held).toBeLessThanOrEqual(4 * n);
    // What a credential carries is bounded too, and still names its nearest ancestors.
    expect(Math.max(...all.map((p) => p.length))).toBeLessThanOrEqual(70 + MAX_ANCESTRY);
    expect(all[n - 1]).toEqual(expect.arrayContaining(['c148', 'c147', 'c100']));
    // A block of an ancestor refuses the last run's next exchange.
    await store.block({ runId: 'c100', actor: 'admin', at: t.now });
    expect(await dispatchParents(store, child(`c${n - 1}`, t.now), 'stepwarden', t.now)).toContain('c100');
  }, 60_000);
});
