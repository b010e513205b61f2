/**
 * Benchmark: the kill switch's walk down from a blocked run (shared/broker/chain.ts `lateDescendants`,
 * session 27) at the run-link bound: the blocked run wrote to repository b, where N App-started runs
 * (default 50,000 = RUNS_PER_REPOSITORY) were linked after it, each holding a writing token for
 * repository c (its record live), where one more App-started run was linked. The walk reads b's and
 * c's links, looks up N writers, and lists the live credentials (twice: around keeping its reach).
 * Memory store. Prints the median, min and max of five walks, in milliseconds, and what it reached.
 * Usage: `flock /work/tasks/bench.lock npx tsx bench/kill-switch-walk.ts [N]`
 */
import { MemoryStore } from '../shared/broker/state/memory.js';
import { lateDescendants } from '../shared/broker/chain.js';
import type { CredentialRecord } from '../shared/broker/state/store.js';

const ISS = 'https://iss';

function writer(runId: string, from: [string, string], to: [string, string], at: number): CredentialRecord {
  return {
    grantId: `g-${runId}`,
    tokenHash: `h-${runId}`,
    kind: 'github',
    repository: `octo-org/${from[0]}`,
    repositoryId: from[1],
    workflow: 'w.yml',
    runId,
    runAttempt: '1',
    job: 'j',
    step: 's',
    audience: 'github',
    scope: 'contents:write',
    sub: 'x',
    issuer: ISS,
    issuedAt: at,
    expiresAt: at + 3000,
    upstreamExpiresAt: at + 3600,
    claimKey: `c-${runId}`,
    dispatchTo: [`octo-org/${to[0]}`],
    dispatchToIds: { [`octo-org/${to[0]}`]: to[1] },
  };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 50_000);
  const t0 = Math.floor(Date.now() / 1000);
  const now = t0 + 100;
  const store = new MemoryStore(() => now, { capacity: 2_000_000 });
  const a: [string, string] = ['a', '1'];
  const b: [string, string] = ['b', '2'];
  const c: [string, string] = ['c', '3'];
  await store.put(writer('root', a, b, t0));
  for (let i = 0; i < n; i++) {
    const id = `r${i}`;
    await store.linkRun({ issuer: ISS, repositoryId: b[1], runId: id }, [], t0 + 10);
    await store.put(writer(id, b, c, t0 + 11));
  }
  await store.linkRun({ issuer: ISS, repositoryId: c[1], runId: 'leaf' }, [], t0 + 20);
  const times: number[] = [];
  let reached = 0;
  for (let k = 0; k < 5; k++) {
    const t = process.hrtime.bigint();
    reached = (await lateDescendants(store, 'root', now)).length;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((x, y) => x - y);
  console.log(
    `N=${n} reached ${reached} credentials: median ${times[2]!.toFixed(1)} ms min ${times[0]!.toFixed(1)} max ${times[4]!.toFixed(1)}`,
  );
}

await main();
