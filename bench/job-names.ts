/**
 * Benchmark: the broker's job-name verdict (shared/broker/job-identity.ts `directOwnJob`, run on every
 * exchange of a job with `check_run_id`) against workflow files of 256 jobs (GitHub's most), and the
 * judged-name matcher against a shown name built to make a backtracking matcher slow (five
 * expressions separated by one letter, the shown name that letter repeated). Prints milliseconds per
 * verdict; the target is well under a millisecond for real names and no growth faster than the
 * name's length for the hostile one.
 *
 * Run: npx tsx bench/job-names.ts [ROUNDS]   (default 20)
 */
import { performance } from 'node:perf_hooks';
import { BrokerRefusal } from '../shared/broker/errors.js';
import { directOwnJob, jobNameMatches, type WorkflowJobs } from '../shared/broker/job-identity.js';

const ROUNDS = Number(process.argv[2] ?? 20);
const refuse = (code: string, what: string) => new BrokerRefusal('invalid_grant', code, what);

function file(name: (i: number) => string): WorkflowJobs {
  return {
    where: '.github/workflows/w.yml@0',
    jobs: new Map(Array.from({ length: 256 }, (_, i) => [`job${i}`, { name: name(i), line: 3 + 4 * i }])),
  };
}

const cases: [string, WorkflowJobs, string][] = [
  ['256 jobs, short names', file((i) => `Build target ${i}`), 'Build target 7'],
  [
    '256 jobs, two expressions each',
    file((i) => `Build \${{ matrix.os }} part ${i} \${{ inputs.v }}`),
    'Build linux part 7 v1',
  ],
  [
    '256 jobs, 200-character names',
    file((i) => `${'Deploy the service to the region '.repeat(6)}\${{ matrix.region }} ${i}`),
    `${'Deploy the service to the region '.repeat(6)}eu-west-1 7 (a, b)`,
  ],
];
for (const [label, f, shown] of cases) {
  const t = performance.now();
  let verdict = '';
  for (let r = 0; r < ROUNDS; r++)
    try {
      directOwnJob(shown, 'job7', f, refuse);
      verdict = 'verified';
    } catch (e) {
      verdict = (e as BrokerRefusal).code;
    }
  console.log(`${label}: ${verdict}, ${((performance.now() - t) / ROUNDS).toFixed(2)} ms per verdict`);
}
const hostile = '${{ a }}a${{ b }}a${{ c }}a${{ d }}a${{ e }}b';
for (const n of [200, 2_000, 20_000]) {
  const t = performance.now();
  for (let r = 0; r < ROUNDS; r++) jobNameMatches('a'.repeat(n), 'job', hostile, true);
  console.log(
    `hostile name, shown ${n} characters: ${((performance.now() - t) / ROUNDS).toFixed(3)} ms per match`,
  );
}
