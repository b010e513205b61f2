/**
 * The direction of a change to grant conditions (`when:`), callers and trusted workflows. Pure.
 *
 * A condition is a constraint ANDed with the others, and each list is an OR of anchored globs. So:
 * a condition added narrows, one removed widens; a pattern added to a list widens, one removed
 * narrows; a value replaced (a boolean flipped, a claim's exact value changed) widens, because the new
 * set is not inside the old one. One containment is proved: a new exact value (no glob character) that
 * an old pattern already matches adds nothing (`refs/heads/*` -> `refs/heads/main` narrows). Nothing
 * else tries to prove that one glob contains another: a new pattern is reported as widened even when
 * an old one already covered it (over-reporting is approved by a person; under-reporting is not).
 *
 * `when.ref` absent is not "any ref": it means the default branch only, shown as the pseudo entry
 * `(default branch)` so that adding `ref: [refs/tags/v*]` reads as the tags widened and the default
 * branch dropped.
 */
import { globMatch, isGlob } from '../conditions/glob.js';
import type { When } from '../manifest/schema.js';

export interface DirectedChange {
  /** Path below the `when:` (or list) that changed, e.g. `['ref']`, `['claims', 'tier']`. */
  readonly path: readonly string[];
  /** The entry of a list that was added or removed, or the whole value for a replaced one. */
  readonly before: unknown;
  readonly after: unknown;
  readonly effect: 'widened' | 'narrowed';
  /** Text to show after the path (`: refs/tags/v*`), when the change is one list entry. */
  readonly entry?: string;
}

export const DEFAULT_BRANCH_ENTRY = '(default branch)';

/**
 * The old pattern that already matches every value the new entry can match, when that is provable:
 * the entry is an exact value and an old glob matches it (matched case-sensitively, which implies the
 * case-insensitive match some conditions use). `(default branch)` names no value, so nothing covers it.
 */
export function coveringGlob(entry: string, old: readonly string[]): string | undefined {
  if (entry === DEFAULT_BRANCH_ENTRY || isGlob(entry)) return undefined;
  return old.find((p) => p !== DEFAULT_BRANCH_ENTRY && isGlob(p) && globMatch(p, entry));
}

/**
 * Entries added to an OR-list widen, entries removed narrow. `globs`: the list's entries are matched as
 * condition globs (shared/conditions/glob.ts), so an added exact value an old glob matches narrows.
 */
export function listChanges(
  path: readonly string[],
  a: readonly string[],
  b: readonly string[],
  globs = false,
): DirectedChange[] {
  const out: DirectedChange[] = [];
  for (const e of b) {
    if (a.includes(e)) continue;
    const within = globs ? coveringGlob(e, a) : undefined;
    out.push(
      within
        ? { path, before: null, after: e, effect: 'narrowed', entry: `${e} (within ${within})` }
        : { path, before: null, after: e, effect: 'widened', entry: e },
    );
  }
  for (const e of a)
    if (!b.includes(e)) out.push({ path, before: e, after: null, effect: 'narrowed', entry: e });
  return out;
}

const asList = (v: unknown): string[] | undefined =>
  typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;

/**
 * One condition (a key of `when:` or of `when.claims`), absent meaning "no constraint". `globs`: its
 * values are matched as globs (every condition but `actor-id`, which is compared exactly).
 */
function constraintChanges(
  path: readonly string[],
  a: unknown,
  b: unknown,
  globs: boolean,
): DirectedChange[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a === undefined) return [{ path, before: null, after: b, effect: 'narrowed' }];
  if (b === undefined) return [{ path, before: a, after: null, effect: 'widened' }];
  const la = asList(a);
  const lb = asList(b);
  if (la && lb) return listChanges(path, la, lb, globs);
  return [{ path, before: a, after: b, effect: 'widened' }];
}

/**
 * The changes between two `when:` blocks. `refDefault`: whether an absent `ref` means the default
 * branch only at this level (a grant or job whose manifest names no ref anywhere above it).
 */
export function whenChanges(a: When | undefined, b: When | undefined, refDefault = true): DirectedChange[] {
  const out: DirectedChange[] = [];
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const key of [...keys].sort()) {
    const x = (a as Record<string, unknown> | undefined)?.[key];
    const y = (b as Record<string, unknown> | undefined)?.[key];
    if (key === 'ref' && refDefault) {
      const la = (x as string[] | undefined) ?? [DEFAULT_BRANCH_ENTRY];
      const lb = (y as string[] | undefined) ?? [DEFAULT_BRANCH_ENTRY];
      out.push(...listChanges(['ref'], la, lb, true));
    } else if (key === 'claims') {
      const ca = (x ?? {}) as Record<string, unknown>;
      const cb = (y ?? {}) as Record<string, unknown>;
      for (const name of [...new Set([...Object.keys(ca), ...Object.keys(cb)])].sort())
        out.push(
          ...constraintChanges(
            ['claims', name],
            Object.hasOwn(ca, name) ? ca[name] : undefined,
            Object.hasOwn(cb, name) ? cb[name] : undefined,
            true,
          ),
        );
    } else {
      out.push(...constraintChanges([key], x, y, key !== 'actor-id'));
    }
  }
  return out;
}
