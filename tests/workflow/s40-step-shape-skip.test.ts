/**
 * Session 40 (issue 11 §9): refusedStepId tests an id against the whole rule before it searches for
 * look-alikes; every step id is still refused or taken as `invalidId` and `jobIdProblem` say, with the
 * look-alike words first. Also held, as a guard for any later shortcut around `shapeProblem` in the
 * step loop (one was tried this session and dropped, docs/decisions.md): for every mix of step keys,
 * the workflow's refusal is exactly `shapeProblem`'s answer for that step (message and line).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { STEP_SHAPE_MASKS, invalidId, shapeProblem } from '../../shared/workflow/keys.js';
import { jobIdProblem } from '../../shared/workflow/job-id.js';

const parse = (text: string) => parseWorkflow('w.yml', '.github/workflows/w.yml', text);

/** Step keys with a value each takes (background kinds and keys of no shape included). */
const STEP_LINES: Readonly<Record<string, string>> = {
  name: 'name: n',
  id: 'id: s',
  if: 'if: always()',
  'continue-on-error': 'continue-on-error: true',
  'timeout-minutes': 'timeout-minutes: 5',
  run: 'run: echo hi',
  shell: 'shell: bash',
  'working-directory': 'working-directory: src',
  uses: 'uses: actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ab',
  with: 'with: { fetch-depth: 1 }',
  env: 'env: { A: b }',
  background: 'background: true',
  wait: 'wait: other',
  parallel: 'parallel: []',
};
const KEYS = Object.keys(STEP_LINES);

describe('the step shape, as shapeProblem judges it (session 40)', () => {
  it('every mix of step keys is refused exactly as shapeProblem refuses it', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(KEYS, { minLength: 1 }), (keys) => {
        // The step's keys on lines 7 onward (line 6 is the `- ` of the first key).
        const body = keys.map((k, i) => `${i === 0 ? '      - ' : '        '}${STEP_LINES[k]}`);
        const text = ['on: push', 'jobs:', '  j:', '    runs-on: ubuntu-latest', '    steps:', ...body].join(
          '\n',
        );
        const expected = shapeProblem(
          keys.map((key, i) => ({ key, keyLine: 6 + i })),
          STEP_SHAPE_MASKS,
          () => "step 1 of job 'j'",
          6,
        );
        const error = parse(text).error;
        if (expected) expect(error).toEqual(expected);
        else
          expect(error?.message ?? '').not.toMatch(/one kind or the other|not enough info|Required property/);
      }),
      { numRuns: 400 },
    );
  });

  it('the common shapes pass, the mixed and the undecided ones are still refused at their lines', () => {
    const step = (...lines: string[]) =>
      parse(['on: push', 'jobs:', '  j:', '    runs-on: ubuntu-latest', '    steps:', ...lines].join('\n'))
        .error;
    expect(step('      - uses: ./a', '        with: { x: 1 }', '        env: { A: b }')).toBeUndefined();
    expect(step('      - run: echo', '        shell: bash', '        working-directory: x')).toBeUndefined();
    expect(step('      - uses: ./a', '        run: echo')?.line).toBe(7);
    expect(step('      - run: echo', '        with: { x: 1 }')?.line).toBe(7);
    expect(step('      - shell: bash', '        uses: ./a')?.message).toMatch(/one kind or the other/);
    expect(step('      - name: n', '        env: { A: b }')?.message).toMatch(/not enough info/);
    expect(step('      - with: { x: 1 }')?.message).toMatch(/Required property is missing: uses/);
    expect(step('      - shell: bash')?.message).toMatch(/Required property is missing: run/);
  });
});

describe('step ids: the whole rule first, look-alikes named (session 40)', () => {
  const ids = fc.oneof(
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/),
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.constantFrom('publi\u0455h', '__x', '1a', 'a.b', 'x'.repeat(100), 'a\u200bb', 'caf\u00e9'),
  );
  it('a step id is refused exactly when invalidId or jobIdProblem refuse it, with their words', () => {
    fc.assert(
      fc.property(ids, (id) => {
        const text = [
          'on: push',
          'jobs:',
          '  j:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          `      - id: ${JSON.stringify(id)}`,
          '        run: echo',
        ].join('\n');
        const error = parse(text).error;
        if (error?.message.startsWith('YAML') || /character|line break/i.test(error?.message ?? '')) return;
        const why = invalidId(id) ?? jobIdProblem(id);
        if (why) expect(error?.message).toContain(`is invalid: ${why}`);
        else expect(error).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('two ids equal up to case are refused at the second', () => {
    const error = parse(
      [
        'on: push',
        'jobs:',
        '  j:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - id: Build',
        '        run: a',
        '      - id: build',
        '        run: b',
      ].join('\n'),
    ).error;
    expect(error?.line).toBe(8);
    expect(error?.message).toMatch(/used by an earlier step/);
  });
});
