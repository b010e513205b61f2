/**
 * Does a change to the check keep what it finds? Runs two bundles' `check --format json` on the bench
 * repository (bench/corpus-repo.ts) and compares the reports, order-insensitive: the same jobs and the
 * same findings, every field. Exit 0 when equal, 1 with the first differences when not.
 *
 *   npx ncc build shared/cli/main.ts -o /tmp/new -q          # the changed sources
 *   npx tsx bench/check-output.ts dist/index.js /tmp/new/index.js
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCorpusRepo } from './corpus-repo.js';

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: npx tsx bench/check-output.ts BEFORE_BUNDLE AFTER_BUNDLE');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'sw-check-output-'));
const repo = join(work, 'repo');
await makeCorpusRepo(repo);

interface Report {
  jobs: unknown[];
  findings: unknown[];
}
function report(bundle: string): { report: Report; status: number | null } {
  const r = spawnSync(process.execPath, [bundle, 'check', repo, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${bundle} exited ${r.status}: ${r.stderr}`);
  return { report: JSON.parse(r.stdout) as Report, status: r.status };
}

const a = report(before);
const b = report(after);
rmSync(work, { recursive: true, force: true });
const lines = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
const differences: string[] = [];
if (a.status !== b.status) differences.push(`exit code ${a.status} -> ${b.status}`);
for (const part of ['jobs', 'findings'] as const) {
  const x = lines(a.report[part]);
  const y = lines(b.report[part]);
  const ys = new Set(y);
  const xs = new Set(x);
  for (const l of x) if (!ys.has(l)) differences.push(`- ${part}: ${l}`);
  for (const l of y) if (!xs.has(l)) differences.push(`+ ${part}: ${l}`);
  if (x.length !== y.length) differences.push(`${part}: ${x.length} -> ${y.length}`);
  console.log(`${part}: ${x.length} before, ${y.length} after`);
}
if (differences.length) {
  console.log(`DIFFERENT (${differences.length} lines):`);
  for (const d of differences.slice(0, 40)) console.log(d.slice(0, 400));
  process.exit(1);
}
console.log('the same jobs and findings (order-insensitive), the same exit code');
