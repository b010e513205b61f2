/**
 * Session 30 (lead; docs/decisions.md "The lead's calls at the merge (session 30, lead)"): session
 * 29 put the text of every needed job, transitively, into the sources of each job whose token
 * destination, gate input, environment, secret name, `with:` or `runs-on:` reads `needs`. A chain
 * of jobs, each reading the one before, grew those sources with the square of its length (800 jobs
 * in a 1.9 MB file: 741 M characters, 24 s to parse, nearly 1 GB), and the broker parses the workflow
 * files it reads for a job's identity: one pushed file could hold a shared broker's event loop and
 * memory. Each needed job is now one digest (its text and its own needed jobs' digests), and the
 * diff's set of workflows called along the chain is made once per job.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { wf } from '../support/repo.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

/** Jobs j0..j(n-1), each needing the one before and sending its token where that one's output says. */
function chain(n: number, script = (i: number) => `echo ${i}`, first = ''): string {
  let text = 'on: push\njobs:\n';
  for (let i = 0; i < n; i++)
    text +=
      `  j${i}:\n${i ? `    needs: j${i - 1}\n` : first}    runs-on: ubuntu-latest\n    outputs:\n` +
      `      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: ${script(i)}\n` +
      `      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make\n` +
      `          broker-url: \${{ needs.j${Math.max(0, i - 1)}.outputs.v }}\n`;
  return text;
}

const sources = (text: string) =>
  parseWorkflow('ci.yml', '.github/workflows/ci.yml', text).jobs.map((j) => j.withSources ?? '');

describe('needs chains: sources linear in the file', () => {
  it('a chain of 600 jobs: no job carries more than a few hundred characters per job it names', () => {
    const all = sources(chain(600));
    expect(all).toHaveLength(600);
    // Before: the last job carried the text of 599 jobs (about 180,000 characters), 54 M in all.
    expect(Math.max(...all.map((s) => s.length))).toBeLessThan(2_000);
    expect(all.reduce((a, s) => a + s.length, 0)).toBeLessThan(600 * 2_000);
  });

  it('a chain of 20,000 jobs is read without overflowing the stack', () => {
    const all = sources(chain(20_000, () => 'x'));
    expect(all).toHaveLength(20_000);
    expect(all[19_999]).not.toEqual(all[19_998]);
  });

  it('a change anywhere up the chain moves the last job’s sources; a job it does not need does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), fc.string({ minLength: 1, maxLength: 8 }), (k, s) => {
        const base = sources(chain(40));
        const changed = sources(
          chain(40, (i) => (i === k ? `echo ${JSON.stringify(s + 'z')}` : `echo ${i}`)),
        );
        // Job i reads needs.j(i-1): its sources hold every job below it, so j39 moves whenever
        // k < 39, and j(k) itself never does through its own script (it reads j(k-1)'s).
        expect(changed[39] !== base[39]).toBe(k < 39);
        for (let i = 1; i <= k; i++) expect(changed[i]).toEqual(base[i]);
      }),
      { numRuns: 25 },
    );
  });

  it('a cycle (which GitHub refuses to run) ends, and reads the same twice', () => {
    const text = chain(3, undefined, '    needs: j2\n');
    expect(sources(text)).toEqual(sources(text));
  });

  it('a needed job calling a workflow, 300 jobs down the chain: changing that workflow widens the last row', () => {
    const lib = (v: string) =>
      `on:\n  workflow_call:\n    outputs:\n      v:\n        value: \${{ jobs.inner.outputs.v }}\njobs:\n  inner:\n    runs-on: ubuntu-latest\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo "v=${v}" >> "$GITHUB_OUTPUT"\n`;
    const main = chain(300).replace('  j0:\n', '  j0:\n    uses: ./.github/workflows/lib.yml\n  unused:\n');
    const changes = diffSnapshots(
      snapshot([wf('ci.yml', main), wf('lib.yml', lib('https://broker.corp.example'))]),
      snapshot([wf('ci.yml', main), wf('lib.yml', lib('https://evil.example'))]),
    );
    expect(changes.filter((c) => c.subject.startsWith('OIDC token')).map((c) => c.effect)).toContain(
      'widened',
    );
    expect(failsOnWidened(changes)).toBe(true);
  });
});
