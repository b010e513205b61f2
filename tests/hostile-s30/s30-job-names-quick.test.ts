/**
 * Session 30 (lead; docs/decisions.md "The lead's calls at the merge (session 30, lead)"): the access
 * diff asks for every job which other jobs of its file it can be shown as (`shownAsJobs`), a search
 * per pair of jobs; a workflow of 3,000 jobs took 98 s. The literal characters before the first and
 * after the last wildcard of both patterns must agree, which tells most pairs apart at once, and each
 * job's judged patterns are made once. The property holds `patternsMeet` to the search alone.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { patternsMeet, shownAsJobs, type Star, type Tok } from '../../shared/workflow/job-names.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';

/** The search of 4fbe0df without the quick test: the reference. */
function search(a: readonly Tok[], b: readonly Tok[]): boolean {
  const n = a.length;
  const m = b.length;
  const takes = (star: Star, c: string) =>
    star === 'any' ? true : star === 'noslash' ? c !== '/' : c !== '(' && c !== ')';
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * (m + 1) + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length) {
    const k = stack.pop()!;
    const i = Math.floor(k / (m + 1));
    const j = k % (m + 1);
    if (i === n && j === m) return true;
    const x = a[i];
    const y = b[j];
    if (x !== undefined && typeof x !== 'string') {
      push(i + 1, j);
      if (typeof y === 'string' && takes(x.star, y)) push(i, j + 1);
    }
    if (y !== undefined && typeof y !== 'string') {
      push(i, j + 1);
      if (typeof x === 'string' && takes(y.star, x)) push(i + 1, j);
    }
    if (typeof x === 'string' && typeof y === 'string' && x === y) push(i + 1, j + 1);
  }
  return false;
}

const tok: fc.Arbitrary<Tok> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('a', 'b', '/', '(', ')', ' ') },
  { weight: 1, arbitrary: fc.constantFrom<Star>('any', 'noslash', 'noparen').map((star) => ({ star })) },
);
const pattern = fc.array(tok, { maxLength: 8 });

describe('which jobs a job can be shown as, told apart quickly', () => {
  it('patternsMeet answers as the search alone, for any two patterns', () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        expect(patternsMeet(a, b)).toBe(search(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('a workflow of 2,000 jobs: each job is told apart from the others, one collision found', () => {
    let text = 'on: push\njobs:\n';
    for (let i = 0; i < 2000; i++) text += `  j${i}:\n    runs-on: x\n    steps: [{ run: make }]\n`;
    text += '  other:\n    name: j7\n    runs-on: x\n    steps: [{ run: make }]\n';
    const w = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text);
    expect(shownAsJobs(w, w.jobs[2000]!)).toEqual(['j7']);
    expect(shownAsJobs(w, w.jobs[12]!)).toEqual([]);
  });
});
