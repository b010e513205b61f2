/**
 * `isPinned` looks at the `@` a pin must have at a fixed distance from the end before it runs the
 * expression (session 34): the same answer as the expressions alone for any reference, near misses
 * (one character short or long, upper-case hex, a line break after) included.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isPinned } from '../../shared/check/rules/unpinned-action.js';
import { localUses } from '../../shared/workflow/uses.js';

/** The check as it was: the expressions alone. */
function reference(uses: string): boolean {
  if (localUses(uses) !== undefined) return true;
  if (uses.startsWith('docker://')) return /@sha256:[0-9a-f]{64}$/.test(uses);
  return /@[0-9a-f]{40}$/.test(uses);
}

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefA@'), minLength: n, maxLength: n });
const around = (n: number) => fc.integer({ min: n - 2, max: n + 2 }).chain(hex);
const head = fc.constantFrom(
  '',
  'o/r',
  'o/r/p',
  'docker://alpine',
  'docker://',
  './a',
  '.\\a',
  '$/a',
  'o/r@v1',
  '@',
  'o@r',
);
const tail = fc.constantFrom('', '\n', ' ', '@', 'x');
const uses = fc.oneof(
  fc
    .tuple(
      head,
      fc.constantFrom('@', '@sha256:', '@sha256', 'sha256:', ''),
      fc.oneof(around(40), around(64)),
      tail,
    )
    .map(([h, at, x, t]) => h + at + x + t),
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'@:/.sha256dockr0f') }),
);

describe('isPinned', () => {
  it('answers as the expressions alone', () => {
    for (const seed of [1, 2, 3, Date.now()])
      fc.assert(
        fc.property(uses, (u) => isPinned(u) === reference(u)),
        { numRuns: 2000, seed },
      );
  });

  it('known references', () => {
    const sha = 'a'.repeat(40);
    const digest = 'b'.repeat(64);
    expect(isPinned(`o/r@${sha}`)).toBe(true);
    expect(isPinned(`@${sha}`)).toBe(true);
    expect(isPinned(`o/r@x@${sha}`)).toBe(true);
    expect(isPinned(`o/r@x${sha}`)).toBe(false);
    expect(isPinned(`o/r@${sha.slice(1)}`)).toBe(false);
    expect(isPinned(`o/r@${sha}0`)).toBe(false);
    expect(isPinned(`o/r@${sha}\n`)).toBe(false);
    expect(isPinned(`o/r@${sha.toUpperCase()}`)).toBe(false);
    expect(isPinned(`docker://a@sha256:${digest}`)).toBe(true);
    expect(isPinned(`docker://@sha256:${digest}`)).toBe(true);
    expect(isPinned(`docker://a@sha256:${digest.slice(1)}`)).toBe(false);
    expect(isPinned(`docker://a@sha256:${digest}0`)).toBe(false);
    expect(isPinned(`docker://a@${sha}`)).toBe(false);
    expect(isPinned('actions/checkout@v4')).toBe(false);
    expect(isPinned('./local')).toBe(true);
  });
});
