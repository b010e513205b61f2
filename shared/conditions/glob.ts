/**
 * Glob matching for grant conditions, with no surprises: anchored, segment by segment, so `*`, `?` and
 * character classes never match `/` (even `[/]` or `[!a]`), `**` is just `*`, and braces, extglobs and a
 * leading `!` are literal. `refs/heads/main` matches exactly that ref, never `refs/heads/main-evil`
 * or `refs/heads/main/x`. Dot segments are matched like any other text (a ref may start with `.`).
 */
import picomatch from 'picomatch';

/** Lower case for ASCII letters only (GitHub's names are compared without Unicode case folding here). */
export const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

const OPTIONS = {
  dot: true,
  nobrace: true,
  noextglob: true,
  nonegate: true,
  noglobstar: true,
  strictSlashes: true,
  windows: false,
} as const;

const cache = new Map<string, (s: string) => boolean>();
const MAX_CACHED = 2048;

function segmentMatcher(segment: string, nocase: boolean): (s: string) => boolean {
  const key = `${nocase ? 'i' : 's'}\u0000${segment}`;
  let m = cache.get(key);
  if (!m) {
    if (cache.size >= MAX_CACHED) cache.clear();
    // A segment without glob characters is compared as text: picomatch would strip a leading `./`.
    // Case is ignored for ASCII letters only, as picomatch's `i` regexes do: String#toLowerCase
    // would fold U+212A (Kelvin sign) into `k`, so `\u212Aube` would pass for the environment `kube`.
    const lower = asciiLower(segment);
    m = /[*?[\]\\]/.test(segment)
      ? picomatch(segment, { ...OPTIONS, nocase })
      : nocase
        ? (s: string) => asciiLower(s) === lower
        : (s: string) => s === segment;
    cache.set(key, m);
  }
  return m;
}

/** Whether `value` matches `pattern`: same number of `/`-separated segments, each matching its glob. */
export function globMatch(pattern: string, value: string, opts: { nocase?: boolean } = {}): boolean {
  const p = pattern.split('/');
  const v = value.split('/');
  if (p.length !== v.length) return false;
  for (let i = 0; i < p.length; i++) {
    const ps = p[i]!;
    const vs = v[i]!;
    if (ps === '' || vs === '') {
      if (ps !== vs) return false;
      continue;
    }
    if (!segmentMatcher(ps, opts.nocase ?? false)(vs)) return false;
  }
  return true;
}

export function matchesAny(
  value: string,
  patterns: readonly string[],
  opts: { nocase?: boolean } = {},
): boolean {
  return patterns.some((p) => globMatch(p, value, opts));
}

/** Whether a pattern has any glob character (an exact pattern is compared as text). */
export function isGlob(pattern: string): boolean {
  return /[*?[\]\\]/.test(pattern);
}
