/**
 * The workflow model does not keep its file's text alive (session 12 speed work): the strings it holds
 * (`uses:`, step names, `run:`, `with:` values, secret names, job ids, triggers) are detached from the
 * text they were cut from, so a check of 1,500 workflows holds models, not every file.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { detached } from '../../shared/workflow/detach.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A workflow of about 1 MB (a long comment), with model strings long enough to be cut as views. */
function bigWorkflow(i: number): string {
  const filler = `# ${'x'.repeat(98)}\n`.repeat(10_000);
  return `name: workflow number ${i} of the memory test
on:
  workflow_dispatch:
  pull_request_target:
jobs:
  build-and-test-everything-${i}:
    runs-on: ubuntu-latest
    steps:
      - id: checkout-the-repository-${i}
        name: Check out the repository ${i}
        uses: actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3
        with:
          token: \${{ secrets.A_LONG_SECRET_NAME_${i} }}
          fetch-depth: the-whole-history-${i}
      - run: echo "a run line that is long enough ${i}"
${filler}`;
}

describe('detached model strings', () => {
  it('models do not keep their file texts reachable', () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const models = [];
    for (let i = 0; i < 20; i++)
      models.push(parseWorkflow(`w${i}.yml`, `.github/workflows/w${i}.yml`, bigWorkflow(i)));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(models.every((m) => !m.error && m.jobs.length === 1)).toBe(true);
    expect(models[3]!.jobs[0]!.steps[0]!.uses).toBe(
      'actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3',
    );
    // 20 texts of 1 MB each: kept, they are 20 MB; the models alone are a few KB.
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });

  it('a detached string is the same string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat({ max: 40 }), (s, cut) => {
        const view = `${'y'.repeat(cut)}${s}${'z'.repeat(50)}`.slice(cut, cut + s.length + 20);
        expect(detached(view)).toBe(view);
        expect(detached(view).length).toBe(s.length + 20);
      }),
    );
  });

  it('values stay the same across the bound of the name table', () => {
    let differ = 0;
    for (let i = 0; i < 70_000; i++) {
      const s = `a string of a table test ${i}`;
      if (detached(s) !== s) differ++;
    }
    expect(differ).toBe(0);
  });
});
