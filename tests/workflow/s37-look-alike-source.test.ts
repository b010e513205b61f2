/**
 * Session 37: LOOK_ALIKE (shared/workflow/keys.ts) is built with `new RegExp` from a string instead of
 * a literal, as INVISIBLE is (s37-invisible-source). The same expression: the same source and flags as
 * the literal it replaced, and the same matches over any text.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LOOK_ALIKE, invalidId } from '../../shared/workflow/keys.js';

const LITERAL = /(?!\p{ASCII})[\p{L}\p{M}\p{N}\p{Cf}\p{Zs}\p{Default_Ignorable_Code_Point}]/gu;

describe('LOOK_ALIKE built from a string (s37)', () => {
  it("has the literal's source and flags", () => {
    expect(LOOK_ALIKE.source).toBe(LITERAL.source);
    expect(LOOK_ALIKE.flags).toBe(LITERAL.flags);
  });

  it('matches what the literal matches, over any text', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u0455', '\u200b', '\u202e', '\u00a0', '\u0301', '\u0660', 'a', '-', '_'),
        fc.string({ unit: 'grapheme', maxLength: 1 }),
      ),
      maxLength: 20,
    });
    fc.assert(
      fc.property(text, (t) => {
        expect([...t.matchAll(LOOK_ALIKE)].map((m) => [m.index, m[0]])).toEqual(
          [...t.matchAll(LITERAL)].map((m) => [m.index, m[0]]),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('still names the look-alike letter of an id', () => {
    expect(invalidId('publ\u0456sh')).toContain('U+0456');
    expect(invalidId('publish')).toBeUndefined();
  });
});
