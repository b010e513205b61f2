import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { globMatch } from '../../shared/conditions/glob.js';

/** Pattern segments from an alphabet rich in glob syntax, including classes that name `/`. */
const segChar = fc.constantFrom(
  'a',
  'b',
  'm',
  '-',
  '.',
  '*',
  '?',
  '[',
  ']',
  '!',
  '^',
  '{',
  '}',
  ',',
  '\\',
  '@',
  '(',
  ')',
  '+',
  '/',
);
const pattern = fc.array(segChar, { minLength: 1, maxLength: 16 }).map((cs) => cs.join(''));
const valueChar = fc.constantFrom('a', 'b', 'm', '-', '.', '/', '*', '[', '{', ',');
const value = fc.array(valueChar, { minLength: 0, maxLength: 16 }).map((cs) => cs.join(''));
const slashes = (s: string) => s.split('/').length - 1;

describe('glob matching for conditions', () => {
  it("never matches across `/`: a match has exactly the pattern's number of `/` (property)", () => {
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        if (globMatch(p, v)) expect(slashes(v)).toBe(slashes(p));
      }),
      { numRuns: 3000 },
    );
  });

  it('a literal ref matches only itself: refs/heads/main never matches refs/heads/main<anything> (property)', () => {
    const suffix = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(suffix, (s) => {
        expect(globMatch('refs/heads/main', `refs/heads/main${s}`)).toBe(false);
        expect(globMatch('refs/heads/main', `${s}refs/heads/main`)).toBe(false);
      }),
      { numRuns: 2000 },
    );
    expect(globMatch('refs/heads/main', 'refs/heads/main')).toBe(true);
  });

  it('a literal pattern matches exactly the equal string (property)', () => {
    const lit = fc.stringMatching(/^[a-z0-9._/-]{1,20}$/);
    fc.assert(
      fc.property(lit, lit, (p, v) => {
        expect(globMatch(p, v)).toBe(p === v);
      }),
    );
  });

  it.each([
    ['refs/heads/main', 'refs/heads/main-evil', false],
    ['refs/heads/main', 'refs/heads/main/', false],
    ['refs/heads/main', 'refs/heads/Main', false],
    ['refs/heads/*', 'refs/heads/a/b', false],
    ['refs/heads/*', 'refs/heads/', false],
    ['refs/heads/**', 'refs/heads/a/b', false],
    ['refs/**', 'refs/pull/1/merge', false],
    ['refs/heads/[/]x', 'refs/heads//x', false],
    ['refs/heads/[!a]x', 'refs/heads//x', false],
    ['refs/heads/?x', 'refs/heads//x', false],
    ['./refs/heads/main', 'refs/heads/main', false],
    ['refs/heads/{main,dev}', 'refs/heads/main', false],
    ['!refs/heads/main', 'refs/heads/evil', false],
    ['refs/heads/@(main|dev)', 'refs/heads/main', false],
    ['refs/tags/v*', 'refs/tags/v1.2.3', true],
    ['refs/tags/v*', 'refs/tags/v1/evil', false],
    ['refs/heads/release/*', 'refs/heads/release/1.x', true],
    ['refs/heads/*', 'refs/heads/.hidden', true],
    ['refs/heads/{main,dev}', 'refs/heads/{main,dev}', true],
    ['v\\*', 'v*', true],
    ['v\\*', 'v1', false],
  ])('%s vs %s -> %s', (p, v, want) => {
    expect(globMatch(p, v)).toBe(want);
  });

  it('case-insensitive only when asked (environments)', () => {
    expect(globMatch('production', 'Production')).toBe(false);
    expect(globMatch('production', 'Production', { nocase: true })).toBe(true);
    expect(globMatch('prod-*', 'PROD-eu', { nocase: true })).toBe(true);
  });
});
