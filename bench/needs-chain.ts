/**
 * How the needs-sources of the model grow with a chain of jobs each reading the previous one's output
 * in a token destination (session 29's `neededJobs`: every job carries the text of all the jobs it
 * needs, transitively, so the sum is quadratic in the chain's length). A figure for
 * docs/performance.md ("needs chains"), not a target.
 *
 * Run:  npx tsx bench/needs-chain.ts [JOBS=400] [SCRIPT_BYTES=2000]
 * Never part of `npm test`.
 */
import { parseWorkflow } from '../shared/workflow/parse.js';

const n = Number(process.argv[2] ?? 400);
const bytes = Number(process.argv[3] ?? 2000);
const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
let text = 'on: push\njobs:\n';
for (let i = 0; i < n; i++)
  text +=
    `  j${i}:\n${i ? `    needs: j${i - 1}\n` : ''}    runs-on: ubuntu-latest\n    outputs:\n` +
    `      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo "${'x'.repeat(bytes)}"\n` +
    `      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make\n` +
    `          broker-url: \${{ needs.j${Math.max(0, i - 1)}.outputs.v }}\n`;
const t0 = process.hrtime.bigint();
const m = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const total = m.jobs.reduce((a, j) => a + (j.withSources?.length ?? 0), 0);
console.log(
  `${n} jobs, ${(text.length / 1e6).toFixed(2)} MB: parse ${ms.toFixed(0)} ms, withSources ${(total / 1e6).toFixed(1)} M chars`,
);
