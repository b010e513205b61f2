/**
 * Session 10 (issue 11 §9): a job's report lists its secrets, environments, triggers and actions
 * distinct, in order of first appearance, in one pass (`uniqueValues`) instead of a mapped array and
 * a set per list. Held to the former reading, `[...new Set(xs.map(f))]`, over generated lists.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { uniqueValues } from '../../shared/check/run.js';

describe('uniqueValues', () => {
  it('equals the distinct values in order of first appearance, short lists and long ones', () => {
    // Few distinct names, so that repeats are common; lengths on both sides of the set threshold.
    const name = fc.oneof(
      fc.constantFrom('A', 'a', 'B', '', 'NPM_TOKEN', '*', 'A '),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ value: name }), { maxLength: 60 }), (xs) => {
        expect(uniqueValues(xs, (x) => x.value)).toStrictEqual([...new Set(xs.map((x) => x.value))]);
      }),
      { numRuns: 2000 },
    );
  });
});
