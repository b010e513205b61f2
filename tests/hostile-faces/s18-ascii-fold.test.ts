/**
 * Session 18, attacking session 17's `asciiFold` (shared/workflow/keys.ts): an all-ASCII string is
 * now folded with `toLowerCase`. That is exactly A-Z only while the string is ASCII; a string with a
 * character past U+007F must keep the per-letter fold, or `toLowerCase` folds the Kelvin sign
 * (U+212A) to `k` and U+0130 to `i̇`, which GitHub's key comparisons do not. Holds (no finding).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { asciiFold } from '../../shared/workflow/keys.js';

const perLetter = (s: string) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

describe('asciiFold after session 17', () => {
  it('folds A-Z only, the look-alikes left as written', () => {
    for (const [s, folded] of [
      ['\u212Aube-Stage', '\u212Aube-stage'], // Kelvin sign
      ['\u0130D-TOKEN', '\u0130d-token'], // dotted capital I
      ['\u017Fcope', '\u017Fcope'], // long s
      ['\uFF33COPE', '\uFF33cope'], // fullwidth S
      ['\uFF41udience', '\uFF41udience'],
      ['SCOPE', 'scope'],
      ['AuDiEnCe\u00DF', 'audience\u00DF'],
    ])
      expect(asciiFold(s!)).toBe(folded);
  });

  it('property: equals the per-letter fold on strings mixing ASCII and its look-alikes', () => {
    const ch = fc.constantFrom(
      'A',
      'Z',
      'a',
      'k',
      'K',
      'I',
      'S',
      '-',
      '_',
      '\u212A',
      '\u0130',
      '\u017F',
      '\u0131',
      '\uFF33',
      '\uFF41',
      '\u00DF',
      '\u{1D400}',
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 12 }), fc.string(), (cs, any) => {
        for (const s of [cs.join(''), any, any.toUpperCase()]) expect(asciiFold(s)).toBe(perLetter(s));
      }),
      { numRuns: 2000 },
    );
  });
});
