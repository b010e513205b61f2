/**
 * Session 22: glob.ts compiled each segment to a backtracking regex (`[^/]*a[^/]*a…`), so a pattern
 * of a few stars against a value the attacker names (a branch, a tag, an environment) took time
 * exponential in the stars: `*a*a*a*a*a*a*a*b` against 60 `a`s ran 9 s, and each more star multiplies
 * it by about ten, in the broker's one thread. The matcher is now the linear wildcard walk.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { globMatch } from '../../shared/conditions/glob.js';

/**
 * The fastest of five runs: a pause (a major GC, the scheduler on a loaded machine) stretches one run
 * past any wall-clock bound now and then, backtracking stretches every run.
 */
const timed = (f: () => boolean): { result: boolean; ms: number } => {
  let result = false;
  let ms = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    result = f();
    ms = Math.min(ms, performance.now() - start);
  }
  return { result, ms };
};

describe('glob matching time (session 22)', () => {
  it('a many-star pattern against a long near-miss value answers at once', () => {
    const { result, ms } = timed(() =>
      globMatch(`refs/heads/${'*a'.repeat(7)}*b`, `refs/heads/${'a'.repeat(60)}`),
    );
    expect(result).toBe(false);
    // The regex took ~9,000 ms here; the walk takes well under 1 ms (the bound leaves room for load).
    expect(ms).toBeLessThan(1000);
  });

  it('stars still find the one split that matches, case folded or not', () => {
    expect(globMatch('*a*a*b', 'xaxxaab')).toBe(true);
    expect(globMatch('*a*a*b', 'xaxxb')).toBe(false);
    expect(globMatch('*A*[b-c]', 'xaYC', { nocase: true })).toBe(true);
    expect(globMatch('a**b', 'ab')).toBe(true);
    expect(globMatch('*', '..')).toBe(false);
  });

  it('no pattern of up to 12 stars and letters takes long on a 200-character value (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('*', 'a', 'b', '?', '[ab]'), { minLength: 1, maxLength: 24 }),
        fc.constantFrom('a', 'b'),
        (parts, last) => {
          const { ms } = timed(() => globMatch(parts.join(''), 'a'.repeat(199) + last));
          expect(ms).toBeLessThan(200);
        },
      ),
      { numRuns: 200 },
    );
  });
});
