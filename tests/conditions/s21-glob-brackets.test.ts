/**
 * Session 21: picomatch, as glob.ts calls it, read `[!m]` as the class of `!` and `m` (only `[^m]`
 * negates), and matched a class's bracket text itself (`[ab]` matched the string `[ab]`). The docs
 * (docs/manifest.md, "Glob patterns") list the forms a pattern may use; `globProblem` refuses the rest
 * at manifest load. The property holds picomatch to a reference written from the docs: for every
 * pattern `globProblem` accepts, both give the same answer on every value.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { globMatch, globProblem } from '../../shared/conditions/glob.js';

/** The documented meaning, written out with no glob library: one segment against one segment. */
function referenceSegment(p: string, v: string, nocase: boolean): boolean {
  const fold = (c: string) => (nocase && /[A-Za-z]/.test(c) ? c.toLowerCase() : c);
  const inClass = (body: string, c: string): boolean => {
    const negated = body.startsWith('^');
    const items = negated ? body.slice(1) : body;
    let hit = false;
    for (let i = 0; i < items.length; i++) {
      const lo = items[i]!;
      if (items[i + 1] === '-' && i + 2 < items.length) {
        const hi = items[i + 2]!;
        const inRange = (x: string) => x >= lo && x <= hi;
        // Case is ignored for ASCII letters: either case of the character may fall in the range.
        if (
          inRange(c) ||
          (nocase && /[A-Za-z]/.test(c) && (inRange(c.toLowerCase()) || inRange(c.toUpperCase())))
        )
          hit = true;
        i += 2;
      } else if (fold(lo) === fold(c)) hit = true;
    }
    return negated ? !hit : hit;
  };
  const go = (pi: number, vi: number): boolean => {
    if (pi === p.length) return vi === v.length;
    const c = p[pi]!;
    if (c === '\\') return vi < v.length && fold(p[pi + 1]!) === fold(v[vi]!) && go(pi + 2, vi + 1);
    if (c === '*') {
      for (let k = vi; k <= v.length; k++) if (go(pi + 1, k)) return true;
      return false;
    }
    if (vi === v.length) return false;
    if (c === '?') return go(pi + 1, vi + 1);
    if (c === '[') {
      const close = p.indexOf(']', pi + 1);
      return inClass(p.slice(pi + 1, close), v[vi]!) && go(close + 1, vi + 1);
    }
    return fold(c) === fold(v[vi]!) && go(pi + 1, vi + 1);
  };
  return go(0, 0);
}

function reference(pattern: string, value: string, nocase: boolean): boolean {
  const p = pattern.split('/');
  const v = value.split('/');
  // A glob segment never stands for a dot segment (`.`, `..`); a literal one is compared as text.
  const isGlob = (s: string) => /[*?[\]\\]/.test(s);
  const seg = (s: string, w: string) =>
    isGlob(s) ? w !== '.' && w !== '..' && referenceSegment(s, w, nocase) : referenceSegment(s, w, nocase);
  return p.length === v.length && p.every((s, i) => (s === '' ? v[i] === '' : v[i] !== '' && seg(s, v[i]!)));
}

const patternChar = fc.constantFrom(
  'a',
  'b',
  'm',
  'z',
  'A',
  'M',
  'Z',
  '0',
  '9',
  '-',
  '.',
  '_',
  '*',
  '?',
  '[',
  ']',
  '!',
  '^',
  '/',
  '{',
  '}',
  ',',
  '@',
  '(',
  ')',
  '+',
  '|',
  '$',
  '"',
  "'",
  ':',
  '~',
  '#',
  '&',
  '=',
  ' ',
  'é',
);
const valueChar = fc.constantFrom(
  'a',
  'b',
  'm',
  'z',
  'A',
  'M',
  'Z',
  '0',
  '9',
  '-',
  '.',
  '_',
  '!',
  '^',
  '[',
  ']',
  '/',
  '*',
  '?',
  '"',
  '(',
  ')',
  '+',
  '$',
  'é',
  'É',
);
/** Patterns built mostly of classes, so the bracket forms are exercised, not refused at the first `]`. */
const classBody = fc.array(patternChar, { minLength: 0, maxLength: 5 }).map((cs) => cs.join(''));
const piece = fc.oneof(
  patternChar,
  classBody.map((b) => `[${b}]`),
  classBody.map((b) => `[^${b}]`),
  classBody.map((b) => `[!${b}]`),
);
const pattern = fc.array(piece, { minLength: 1, maxLength: 6 }).map((ps) => ps.join(''));
const value = fc.array(valueChar, { minLength: 0, maxLength: 8 }).map((cs) => cs.join(''));

describe('bracket forms in condition patterns (session 21)', () => {
  it('every pattern accepted at load means under picomatch what the docs say (property)', () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 6 }), fc.boolean(), (p, vs, nocase) => {
        fc.pre(globProblem(p) === undefined);
        for (const v of vs)
          expect([p, v, nocase, globMatch(p, v, { nocase })]).toEqual([
            p,
            v,
            nocase,
            reference(p, v, nocase),
          ]);
        // Values drawn from the pattern's own text reach the class-as-text reading too.
        expect(globMatch(p, p, { nocase })).toBe(reference(p, p, nocase));
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ['[!m]*', 'not read as a negation here', 'write [^m]'],
    ['refs/heads/[!a-z]', 'not read as a negation here', 'write [^a-z]'],
    ['[[:alpha:]]*', 'POSIX classes', 'list the characters'],
    ['refs/tags/v[0-9', "a '[' without its ']'", 'within one /-segment'],
    ['refs/tags/v[0/9]', "a '[' without its ']'", 'within one /-segment'],
    ['v1]', "a ']' without its '['", 'write a class'],
    ['[]', 'an empty class', 'at least one character'],
    ['[^]x', 'an empty class', 'at least one character'],
    ['[z-a]', "the range 'z-a'", "'a-z'"],
    ['refs/heads/a\\', 'a backslash escaping nothing', 'leave the backslash out'],
    ['[a\\]]', 'a backslash inside the class', 'list the character itself'],
  ])('refuses %s with the fix', (p, message, fix) => {
    const problem = globProblem(p);
    expect(problem?.message).toContain(message);
    expect(problem?.fix).toContain(fix);
  });

  it.each([
    'refs/heads/main',
    'refs/tags/v[0-9]*',
    '[^m]*',
    '[a-]x',
    '[-a]',
    '[m!]',
    '*',
    '?',
    'release-[a-z][0-9]',
    'a!b',
    '!x',
  ])('accepts %s', (p) => {
    expect(globProblem(p)).toBeUndefined();
  });

  it('a class matches one character, never its own bracket text', () => {
    expect(globMatch('[ab]', '[ab]')).toBe(false);
    expect(globMatch('[ab]', 'a')).toBe(true);
    expect(globMatch('[^m]*', 'alice')).toBe(true);
    expect(globMatch('[^m]*', 'mallory')).toBe(false);
  });
});
