/**
 * `asciiFold` (shared/workflow/keys.ts) folds ASCII A-Z and nothing else, whatever path it takes:
 * session 17 folds an all-ASCII string with `toLowerCase` and keeps the regular expression for the
 * rest. GitHub's reader folds neither U+212A KELVIN SIGN nor U+0130 (İ), which `toLowerCase` would.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { asciiFold } from '../../shared/workflow/keys.js';

const reference = (s: string) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

describe('asciiFold', () => {
  it('folds A-Z only', () => {
    expect(asciiFold('GITHUB_TOKEN')).toBe('github_token');
    expect(asciiFold('already_lower-1')).toBe('already_lower-1');
    expect(asciiFold('\u212Aey')).toBe('\u212Aey');
    expect(asciiFold('K\u212A')).toBe('k\u212A');
    expect(asciiFold('\u0130D')).toBe('\u0130d');
    expect(asciiFold('ÀB')).toBe('Àb');
    expect(asciiFold('')).toBe('');
  });

  it('property: equals folding A-Z one character at a time', () => {
    const ch = fc.constantFrom(
      'A',
      'Z',
      'a',
      'z',
      '_',
      '-',
      '0',
      '@',
      '[',
      '`',
      '{',
      'À',
      'ß',
      '\u212A',
      '\u0130',
      'Σ',
      '😀',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.array(ch).map((a) => a.join('')),
        ),
        (s) => {
          expect(asciiFold(s)).toBe(reference(s));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
