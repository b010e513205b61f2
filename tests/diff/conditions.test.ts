import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_BRANCH_ENTRY, whenChanges } from '../../shared/diff/conditions.js';
import { globMatch, matchesAny } from '../../shared/conditions/glob.js';
import type { When } from '../../shared/manifest/schema.js';

const pattern = fc.constantFrom('refs/heads/main', 'refs/heads/*', 'refs/tags/v*', 'production', 'push', 'x');
const list = fc.uniqueArray(pattern, { minLength: 1, maxLength: 4 });
const when = fc.record(
  {
    ref: list,
    environment: list,
    event: list,
    'ref-protected': fc.boolean(),
    claims: fc.dictionary(fc.constantFrom('tier', 'team'), fc.oneof(fc.boolean(), pattern, list)),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<When>;

/** An entry of a new list is inside the old list: listed there, or an exact value an old glob matches. */
const inside = (v: string, old: readonly string[]) =>
  old.includes(v) ||
  (v !== DEFAULT_BRANCH_ENTRY &&
    !/[*?[\]\\]/.test(v) &&
    old.some((p) => /[*?[\]\\]/.test(p) && globMatch(p, v)));

/** Whether every condition of `b` is at least as strict as `a`'s (b's lists inside a's, nothing dropped). */
function provablyNarrowerOrSame(a: When, b: When): boolean {
  const within = (x: unknown, y: unknown) => {
    if (y === undefined) return x === undefined;
    if (x === undefined) return true;
    const lx = typeof x === 'string' ? [x] : x;
    const ly = typeof y === 'string' ? [y] : y;
    if (Array.isArray(lx) && Array.isArray(ly)) return ly.every((v) => inside(v as string, lx as string[]));
    return JSON.stringify(x) === JSON.stringify(y);
  };
  const refA = a.ref ?? [DEFAULT_BRANCH_ENTRY];
  const refB = b.ref ?? [DEFAULT_BRANCH_ENTRY];
  if (!refB.every((r) => inside(r, refA))) return false;
  for (const k of ['environment', 'event', 'ref-protected'] as const) if (!within(a[k], b[k])) return false;
  const ca = a.claims ?? {};
  const cb = b.claims ?? {};
  for (const k of new Set([...Object.keys(ca), ...Object.keys(cb)])) if (!within(ca[k], cb[k])) return false;
  return true;
}

describe('the direction of a condition change', () => {
  it('is widened exactly when the new conditions are not provably inside the old ones', () => {
    fc.assert(
      fc.property(when, when, (a, b) => {
        const widened = whenChanges(a, b).some((c) => c.effect === 'widened');
        expect(widened).toBe(!provablyNarrowerOrSame(a, b));
      }),
    );
  });

  it("a list change reported as not widened admits no value the old list refused (the evaluator's globs)", () => {
    const values = fc.constantFrom(
      'refs/heads/main',
      'refs/heads/main-evil',
      'refs/heads/a/b',
      'refs/tags/v1',
      'refs/tags/x',
      'production',
      'push',
      'x',
    );
    fc.assert(
      fc.property(list, list, fc.array(values, { maxLength: 8 }), (a, b, vs) => {
        const changes = whenChanges({ ref: a }, { ref: b });
        if (changes.some((c) => c.effect === 'widened')) return;
        for (const v of vs) if (matchesAny(v, b)) expect(matchesAny(v, a)).toBe(true);
      }),
    );
  });

  it('an exact value an old glob matches narrows, shown with the glob; a new glob or the default branch widens', () => {
    expect(whenChanges({ ref: ['refs/heads/*'] }, { ref: ['refs/heads/main'] })).toEqual([
      {
        path: ['ref'],
        before: null,
        after: 'refs/heads/main',
        effect: 'narrowed',
        entry: 'refs/heads/main (within refs/heads/*)',
      },
      { path: ['ref'], before: 'refs/heads/*', after: null, effect: 'narrowed', entry: 'refs/heads/*' },
    ]);
    // `*` never crosses `/`: refs/heads/a/b is not inside refs/heads/*.
    expect(whenChanges({ ref: ['refs/heads/*'] }, { ref: ['refs/heads/a/b'] })[0]!.effect).toBe('widened');
    expect(whenChanges({ ref: ['refs/heads/*'] }, { ref: ['refs/heads/m*'] })[0]!.effect).toBe('widened');
    expect(whenChanges({ ref: ['refs/heads/*'] }, {})[0]!.effect).toBe('widened');
    expect(whenChanges({ environment: ['prod*'] }, { environment: ['production'] })[0]!.effect).toBe(
      'narrowed',
    );
    // actor-id is compared exactly, never as a glob.
    expect(whenChanges({ 'actor-id': ['1*'] }, { 'actor-id': ['123'] })[0]!.effect).toBe('widened');
  });

  it('nothing changed reports nothing; a change and its reverse swap widened and narrowed for lists', () => {
    fc.assert(
      fc.property(when, (a) => {
        expect(whenChanges(a, structuredClone(a))).toEqual([]);
      }),
    );
    const a: When = { ref: ['refs/heads/main'] };
    const b: When = { ref: ['refs/heads/main', 'refs/heads/*'] };
    expect(whenChanges(a, b).map((c) => c.effect)).toEqual(['widened']);
    expect(whenChanges(b, a).map((c) => c.effect)).toEqual(['narrowed']);
  });

  it('an absent ref is the default branch, unless a job above names one (then it is no constraint)', () => {
    expect(whenChanges(undefined, { ref: ['refs/heads/*'] })).toEqual([
      { path: ['ref'], before: null, after: 'refs/heads/*', effect: 'widened', entry: 'refs/heads/*' },
      {
        path: ['ref'],
        before: DEFAULT_BRANCH_ENTRY,
        after: null,
        effect: 'narrowed',
        entry: DEFAULT_BRANCH_ENTRY,
      },
    ]);
    expect(whenChanges(undefined, { ref: ['refs/heads/*'] }, false).map((c) => c.effect)).toEqual([
      'narrowed',
    ]);
    expect(whenChanges({ ref: ['refs/heads/*'] }, undefined, false).map((c) => c.effect)).toEqual([
      'widened',
    ]);
  });

  it('claim names like __proto__ are plain keys, not prototype look-ups', () => {
    const a = JSON.parse('{"claims": {"__proto__": "x"}}') as When;
    expect(whenChanges(a, {}).map((c) => `${c.effect} ${c.path.join('.')}`)).toEqual([
      'widened claims.__proto__',
    ]);
  });
});
