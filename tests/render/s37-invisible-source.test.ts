/**
 * Session 37: INVISIBLE (shared/render/escape.ts) is built with `new RegExp` from a string instead of a
 * literal (a literal's `\p{...}` classes are checked again at every parse). The same expression: the
 * same source and flags as the literal it replaced, and the same matches over any text.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { INVISIBLE } from '../../shared/render/escape.js';

const LITERAL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/gu;

describe('INVISIBLE built from a string (s37)', () => {
  it("has the literal's source and flags", () => {
    expect(INVISIBLE.source).toBe(LITERAL.source);
    expect(INVISIBLE.flags).toBe(LITERAL.flags);
  });

  it('matches what the literal matches, over any text', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u200b', '\u202e', '\u00a0', ' ', '\n', '\ud800', 'a'),
        fc.string({ unit: 'grapheme', maxLength: 1 }),
      ),
      maxLength: 20,
    });
    fc.assert(
      fc.property(text, (t) => {
        expect([...t.matchAll(INVISIBLE)].map((m) => [m.index, m[0]])).toEqual(
          [...t.matchAll(LITERAL)].map((m) => [m.index, m[0]]),
        );
      }),
      { numRuns: 500 },
    );
  });
});
