/**
 * Session 33: `asciiLower` (shared/conditions/glob.ts; the OIDC verifier's owner and repository
 * checks, the header's `typ`, decide's reusable-workflow callers, the token request's parameter
 * names) lowers a string of ASCII alone with the engine's own `toLowerCase` instead of a replace with
 * a callback per run of capitals. It must still fold A-Z and nothing else: a character past U+007F
 * (the Kelvin sign, dotted capital I, Latin-1 capitals, a lone surrogate) is left as it is, so a
 * name that differs from another only in a Unicode case pair is still told apart.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { asciiLower } from '../../shared/conditions/glob.js';
import { assertParameterNames } from '../../shared/broker/request.js';

/** Seeds: a fixed one and one new per run (CI does not fix them). */
const SEEDS = [33, Date.now() % 1_000_000];

/** The definition, one UTF-16 unit at a time: A-Z to a-z, every other unit unchanged. */
function reference(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  }
  return out;
}

const units = fc.oneof(
  fc.constantFrom('A', 'Z', 'a', 'z', '@', '[', '`', '{', '-', '/', '.', '_', '0'),
  fc.constantFrom('\u212a', '\u0130', '\u00c0', '\u00d6', '\u00b5', '\u0131', '\u017f', '\ud800', '\udfff'),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.string({ maxLength: 3 }),
);
const strings = fc.array(units, { maxLength: 12 }).map((xs) => xs.join(''));

describe('asciiLower', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('folds A-Z and only A-Z, for any string (several seeds)', () => {
    for (const seed of SEEDS)
      fc.assert(
        fc.property(strings, (s) => asciiLower(s) === reference(s)),
        { seed, numRuns: 2000 },
      );
  });

  it('leaves the Unicode case pairs a wider folding would merge', () => {
    expect(asciiLower('\u212a')).toBe('\u212a'); // Kelvin sign, K in Unicode lower case
    expect(asciiLower('Octo-\u0130rg')).toBe('octo-\u0130rg');
    expect(asciiLower('\u00c0B')).toBe('\u00c0b');
    expect(asciiLower('Octo-Org/Octo-Repo')).toBe('octo-org/octo-repo');
  });

  it('lowers a string of ASCII alone without a replace (the exchange path: every name is ASCII)', () => {
    const replace = jest.spyOn(String.prototype, 'replace');
    expect(asciiLower('Octo-Org/Octo-Repo')).toBe('octo-org/octo-repo');
    expect(asciiLower('octo-org')).toBe('octo-org');
    expect(asciiLower('JWT')).toBe('jwt');
    expect(replace).not.toHaveBeenCalled();
    expect(asciiLower('Caf\u00c9')).toBe('caf\u00c9');
    expect(replace).toHaveBeenCalled();
  });

  it('the token request still refuses names that differ only in ASCII case, and only those', () => {
    expect(() => assertParameterNames(new URLSearchParams('scope=a&SCOPE=b'))).toThrow(/differ only in case/);
    expect(() => assertParameterNames(new URLSearchParams('Scope=a'))).toThrow();
    // U+212A lowers to k in Unicode, not in ASCII: `\u212aind` is not a case variant of `kind`.
    expect(() => assertParameterNames(new URLSearchParams('x\u212a=a&xk=b'))).not.toThrow(
      /differ only in case/,
    );
  });
});
