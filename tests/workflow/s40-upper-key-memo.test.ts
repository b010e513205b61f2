/**
 * Session 40 (issue 11 §9): caseDuplicate remembers, per key text, whether a key holds an upper-case
 * ASCII letter (keys of at most 100 characters, at most 8,192 of them, emptied when full). The memo
 * must never change an answer: over many calls (memo warm, full, emptied, long keys beside short ones)
 * the refusal is the one a fresh fold of every key gives.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { caseDuplicate } from '../../shared/workflow/keys.js';
import type { LNode } from '../../shared/yaml/located.js';

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A mapping of `keys` (lines 1..n), each value a scalar. */
const mapping = (keys: readonly string[]): LNode => ({
  kind: 'map',
  line: 1,
  entries: keys.map((key, i) => ({
    key,
    keyLine: i + 1,
    value: { kind: 'scalar', line: i + 1, value: 'v' },
  })),
});

/** The line of the first key equal up to ASCII case to an earlier one, without any memo. */
function oracle(keys: readonly string[]): number | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const f = fold(keys[i]!);
    if (seen.has(f)) return i + 1;
    seen.add(f);
  }
  return undefined;
}

const long = (c: string) => c.repeat(101);
const key = fc.oneof(
  fc.stringMatching(/^[abAB_\u212a]{1,3}$/),
  fc.constantFrom(long('a'), long('A'), `${long('a')}B`, `${long('a')}b`),
  fc.integer({ min: 0, max: 20_000 }).map((n) => `k${n}`),
  fc.integer({ min: 0, max: 20_000 }).map((n) => `K${n}`),
);

describe('the upper-case memo of caseDuplicate (session 40)', () => {
  it('answers as a fresh fold of every key, call after call', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 12 }), (keys) => {
        // The same keys in one mapping may repeat exactly: the reader refuses that, the oracle and
        // caseDuplicate both take it as a duplicate; only mappings without exact repeats are asked.
        fc.pre(new Set(keys).size === keys.length);
        expect(caseDuplicate(mapping(keys), { unshared: true })?.line).toBe(oracle(keys));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps answering after the memo filled and was emptied (20,000 distinct keys)', () => {
    for (let n = 0; n < 20_000; n++) caseDuplicate(mapping([`x${n}`, `y${n}`]), { unshared: true });
    expect(caseDuplicate(mapping(['x5', 'X5']), { unshared: true })?.line).toBe(2);
    expect(caseDuplicate(mapping(['x5', 'y5']), { unshared: true })).toBeUndefined();
    expect(caseDuplicate(mapping([long('q'), long('Q')]), { unshared: true })?.line).toBe(2);
    // U+212A KELVIN SIGN is no `k` to GitHub's reader.
    expect(caseDuplicate(mapping(['k', '\u212a']), { unshared: true })).toBeUndefined();
  });
});
