/**
 * Benchmark: the parent linking of an exchange by a run whose actor is an App's bot (shared/broker/
 * chain.ts `dispatchParents`, on every such exchange since session 21 whatever the event): it lists
 * every writing GitHub credential the memory store keeps for the repository (until its upstream
 * expiry + 10 min). N (default 42,000) is what `per-repository: 600/min` lets one repository keep:
 * 600 × 70 minutes, spread over RUNS runs (default 500; 42,000: a run per token, the index's worst
 * case). Since session 23 the linking reads the store's index of writing runs (store.ts `writerRuns`),
 * not the records; since session 25 that index is the 70-minute window, read O(matching), and the run's
 * link is written at every exchange (its first exchange bounds its creation). Prints the median, min and max of seven linkings, in milliseconds.
 * Usage: `flock /work/tasks/bench.lock npx tsx bench/dispatch-parents.ts [N] [RUNS]`
 */
import { MemoryStore } from '../shared/broker/state/memory.js';
import { dispatchParents } from '../shared/broker/chain.js';
import type { CredentialRecord } from '../shared/broker/state/store.js';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 42_000);
  const runs = Number(process.argv[3] ?? 500);
  const now = Math.floor(Date.now() / 1000);
  const store = new MemoryStore(() => now, { capacity: 2_000_000 });
  for (let i = 0; i < n; i++) {
    const record = {
      grantId: `g${i}`,
      tokenHash: `h${i}`,
      kind: 'github',
      repository: 'octo-org/octo-repo',
      repositoryId: '1',
      workflow: 'w.yml',
      runId: String(1000 + (i % runs)),
      runAttempt: '1',
      job: 'j',
      step: 's',
      audience: 'github',
      scope: 'contents:write',
      sub: 'x',
      issuer: 'https://iss',
      issuedAt: now - 10,
      expiresAt: now + 300,
      upstreamExpiresAt: now + 3600,
      claimKey: `c${i}`,
      dispatchTo: ['octo-org/octo-repo'],
    } as unknown as CredentialRecord;
    await store.put(record);
  }
  const claims = {
    repository: 'octo-org/octo-repo',
    run_id: '9999999',
    iss: 'https://iss',
    iat: now,
    actor: 'x[bot]',
  };
  const times: number[] = [];
  for (let k = 0; k < 7; k++) {
    const t = process.hrtime.bigint();
    await dispatchParents(store, claims, undefined, now);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(
    `N=${n} runs=${runs} median ${times[3]!.toFixed(1)} ms min ${times[0]!.toFixed(1)} max ${times[6]!.toFixed(1)}`,
  );
}

await main();
