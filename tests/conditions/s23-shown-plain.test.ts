/**
 * Session 23 (broker speed): `shown()` returns a plain value (nothing to write out, within the bound)
 * as it is instead of rebuilding it a character at a time. The short cut must show exactly what the
 * character loop shows: a value shown through the loop (a backslash appended forces it) reads as the
 * plain value's shown form followed by the doubled backslash.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { shown } from '../../shared/conditions/verdict.js';

describe('shown: plain values as they are (session 23)', () => {
  it('a plain value within the bound is the value itself', () => {
    for (const v of ['refs/heads/main', 'octo-org/octo-repo', 'x'.repeat(200), 'é😀中', ''])
      expect(shown(v)).toBe(v);
  });

  it('over the bound it is still cut, with the ellipsis', () => {
    expect(shown('x'.repeat(201))).toBe(`${'x'.repeat(200)}…`);
  });

  it('the short cut and the character loop agree on every value (fast-check)', () => {
    // Printable text, invisible characters, backslashes, astral and lone surrogates, long and short.
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom('\\', '\u200b', '\u0000', '\n', '\u{e0061}', '\ud800', '\u00a0', '😀'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }).map((p) => p.join('')),
        (v) => {
          const plain = shown(v);
          // Through the loop (the appended backslash matches its escape pattern): the same text, then
          // the backslash doubled, unless the bound cut it.
          const looped = shown(`${v}\\`);
          if (!plain.endsWith('…') && plain.length + 2 <= 200) expect(looped).toBe(`${plain}\\\\`);
          if (v.length <= 200 && plain === v) expect(looped.startsWith(v)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
