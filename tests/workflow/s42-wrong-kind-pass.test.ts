/**
 * Session 42 (issue 11 §9): the wrong-kind walk of a job's and a step's keys is folded into parse.ts's
 * key pass, one look-up per key (`placesOf`). Held here: a place key that is no key GitHub takes there
 * is refused when the table is built (the pass would never reach its value), and for every mix of a
 * step's or a job's keys and values of every kind, the workflow's refusal is the walk's own answer
 * (`wrongKind` over the whole mapping, as session 41 called it) whenever the walk refuses and no other
 * judge does; a value the walk takes leaves the file to the other judges.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { parseLocatedYaml, type LNode } from '../../shared/yaml/located.js';
import { JOB_PLACE, placesOf, STEP_PLACE, wrongKind } from '../../shared/workflow/refused-shapes.js';
import { JOB_KEYS, STEP_KEYS } from '../../shared/workflow/keys.js';

const parse = (text: string) => parseWorkflow('w.yml', '.github/workflows/w.yml', text);

/** Values of every kind the walk tells apart, as flow YAML on one line. */
const VALUES = [
  'x',
  "'5'",
  '5',
  'true',
  // (A literal written as an expression is folded to its value before the walk: not tried here.)
  '${{ matrix.a }}',
  '[a, b]',
  '[[a]]',
  '{a: b}',
  '{a: [b]}',
  '{include: [x]}',
  '{matrix: {v: x}}',
  '{run: {shell: bash}}',
  '{group: g, labels: [[l]]}',
  '""',
];

describe('the wrong-kind walk in the key pass (session 42)', () => {
  it('refuses to build a table whose place key GitHub does not take there', () => {
    expect(() => placesOf(new Set(['name']), STEP_PLACE)).toThrow(/place key 'uses'/);
    // Every key of the tables the pass uses is one GitHub takes.
    expect([...placesOf(STEP_KEYS, STEP_PLACE).keys()].sort()).toEqual([...STEP_KEYS].sort());
    expect([...placesOf(JOB_KEYS, JOB_PLACE).keys()].sort()).toEqual([...JOB_KEYS].sort());
    // Own keys only: `constructor` is no key and no place.
    expect(placesOf(STEP_KEYS, STEP_PLACE).get('constructor')).toBeUndefined();
  });

  // Keys of one kind of step (uses) and job (runs steps), so that the shape judge takes each mix.
  const STEP_KEYS_TRIED = ['name', 'uses', 'with', 'env', 'if', 'continue-on-error', 'timeout-minutes'];
  const JOB_KEYS_TRIED = [
    'name',
    'if',
    'env',
    'outputs',
    'strategy',
    'container',
    'services',
    'defaults',
    'environment',
    'concurrency',
    'timeout-minutes',
    'continue-on-error',
  ];

  /** The mapping of `lines` as the walk sees it, and the walk's answer for it. */
  const walked = (lines: string[], place: typeof STEP_PLACE, where: string) => {
    const root = parseLocatedYaml(lines.join('\n')).root as LNode;
    return wrongKind(root, place, () => where);
  };

  it("a step: the refusal is the walk's wherever the walk refuses", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(STEP_KEYS_TRIED, { minLength: 1 }),
        fc.array(fc.constantFrom(...VALUES), { minLength: 7, maxLength: 7 }),
        (keys, values) => {
          const entries = keys.map(
            (k, i) => `${k}: ${k === 'uses' ? 'a/b@8e5e7e5ab8b370d6c329ec480221332ada57f0ab' : values[i]}`,
          );
          if (!keys.includes('uses')) entries.push('uses: a/b@8e5e7e5ab8b370d6c329ec480221332ada57f0ab');
          const body = entries.map((e, i) => `${i === 0 ? '      - ' : '        '}${e}`);
          const text = [
            'on: push',
            'jobs:',
            '  j:',
            '    runs-on: ubuntu-latest',
            '    steps:',
            ...body,
          ].join('\n');
          // The walk over the step alone, its lines shifted to the step's (line 6 onward).
          const alone = walked(['', '', '', '', '', ...entries], STEP_PLACE, "step 1 of job 'j'");
          const error = parse(text).error;
          if (alone) expect(error).toEqual(alone);
          else if (error) expect(error.message).not.toMatch(/is (a list|a mapping|'.*'|an expression) \(/);
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });

  it("a job: the refusal is the walk's wherever the walk refuses", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(JOB_KEYS_TRIED, { minLength: 1 }),
        fc.array(fc.constantFrom(...VALUES), { minLength: 12, maxLength: 12 }),
        (keys, values) => {
          const entries = [
            ...keys.map((k, i) => `${k}: ${values[i]}`),
            'runs-on: ubuntu-latest',
            'steps: [{run: x}]',
          ];
          const text = ['on: push', 'jobs:', '  j:', ...entries.map((e) => `    ${e}`)].join('\n');
          const alone = walked(['', '', '', ...entries], JOB_PLACE, "the job 'j'");
          const error = parse(text).error;
          if (alone) {
            // Other judges of the job's keys (an environment without `name:`, a strategy's or a
            // container's unknown key) may name an earlier line; at the walk's line or before it, the
            // first refusal is never later than the walk's.
            expect(error).toBeDefined();
            expect(error!.line).toBeLessThanOrEqual(alone.line);
            if (error!.line === alone.line && /of the job 'j' is /.test(error!.message))
              expect(error).toEqual(alone);
          }
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });
});
