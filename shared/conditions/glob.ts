/**
 * Glob matching for grant conditions, with no surprises: anchored, segment by segment, so `*`, `?` and
 * character classes never match `/` (even `[/]`), `**` is just `*`, and braces, extglobs and a
 * leading `!` are literal. `refs/heads/main` matches exactly that ref, never `refs/heads/main-evil`
 * or `refs/heads/main/x`. A segment starting with `.` is matched like any other text (`*` matches
 * `.github`), but a glob never matches a whole segment `.` or `..`.
 *
 * The bracket forms are the ones docs/manifest.md lists ("Glob patterns"): `[abc]`, `[a-z]`, `[^…]`.
 * `\c` is the character c. `globProblem` refuses every other bracket spelling at manifest load
 * (`[!…]`, which glob libraries disagree on and picomatch read as the class of `!` and the rest;
 * POSIX classes; a `[` or `]` without its pair; an empty class; a reversed range; a backslash inside a
 * class or escaping nothing), and the matcher below is written
 * from the same list, so a loaded pattern means what the docs say (tests/conditions/s21-glob-brackets
 * holds the matcher to a reference written from the docs).
 */

/**
 * Lower case for ASCII letters only (GitHub's names are compared without Unicode case folding here).
 * A string without A-Z is itself; one of ASCII alone (a repository, an owner, a header's `typ`:
 * almost every call, several per exchange) is lowered by the engine's one-byte path, whose mapping
 * there is exactly A-Z to a-z; only a string with a character past U+007F takes the letter-run
 * replace. 0.76 K against 2.3 K instructions a call with capitals, 0.48 K against 1.3 K without
 * (docs/performance.md, session 33).
 */
const BEYOND_ASCII = /[\u0080-\uffff]/;
export const asciiLower = (s: string): string =>
  /[A-Z]/.test(s)
    ? BEYOND_ASCII.test(s)
      ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase())
      : s.toLowerCase()
    : s;

const cache = new Map<string, (s: string) => boolean>();
const MAX_CACHED = 2048;

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;
const escapeChar = (c: string): string => c.replace(REGEX_SPECIAL, '\\$&');
const isAsciiLetter = (c: string): boolean => /^[A-Za-z]$/.test(c);
const otherCase = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/**
 * The regex of one class body (`abc`, `a-z`, `^…`), already checked by `globProblem`. Under `nocase`
 * each ASCII letter the class holds (alone or inside a range) is added in its other case: a character
 * matches when it or its other ASCII case is in the class, nothing beyond ASCII is folded.
 */
function classRegex(body: string, nocase: boolean): string {
  const negated = body.startsWith('^');
  const items = negated ? body.slice(1) : body;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const lo = items[i]!;
    if (items[i + 1] === '-' && i + 2 < items.length) {
      const hi = items[i + 2]!;
      out += `${escapeChar(lo)}-${escapeChar(hi)}`;
      if (nocase)
        for (let c = lo.charCodeAt(0); c <= hi.charCodeAt(0) && c < 128; c++) {
          const ch = String.fromCharCode(c);
          if (isAsciiLetter(ch)) out += otherCase(ch);
        }
      i += 2;
    } else out += escapeChar(lo) + (nocase && isAsciiLetter(lo) ? otherCase(lo) : '');
  }
  return negated ? `[^/${out}]` : `[${out}]`;
}

/** One glob character of a segment: `*` (any run), or a test of exactly one character. */
type Token = '*' | ((c: string) => boolean);

const charTest = (c: string, nocase: boolean): ((ch: string) => boolean) => {
  if (!(nocase && isAsciiLetter(c))) return (ch) => ch === c;
  const o = otherCase(c);
  return (ch) => ch === c || ch === o;
};

/**
 * One segment's tokens, written from the documented forms only (`*`, `?`, `[…]`; every other character
 * is itself). No glob library: picomatch, called here before session 21, read more than the docs say
 * (`[!m]` as the class of `!` and `m`, `+`, `{2}` and `(…)` after a class as regex syntax, `"…"` as
 * quotes, a class as its own bracket text too, `*` never matching `.` or `..`). Not one regex per
 * segment either: a backtracking regex of `*a*a*a*a*a*a*a*b` took 9 s against a 60-character ref, a
 * branch name being the attacker's text (session 22); `tokensMatch` is O(pattern × value).
 */
function segmentTokens(segment: string, nocase: boolean): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\') out.push(charTest(segment[++i]!, nocase));
    else if (c === '*') {
      if (out[out.length - 1] !== '*') out.push('*');
    }
    // A value segment holds no `/` (the value is split on it first), so `?` is any one character.
    else if (c === '?') out.push(() => true);
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      const re = new RegExp(`^${classRegex(segment.slice(i + 1, close), nocase)}$`);
      out.push((ch) => re.test(ch));
      i = close;
    } else out.push(charTest(c, nocase));
  }
  return out;
}

/**
 * Whether `s` matches the tokens: every token but `*` takes exactly one character, so on a mismatch
 * only the last `*` seen needs to take one character more (the classic wildcard walk), never an
 * earlier one.
 */
function tokensMatch(tokens: readonly Token[], s: string): boolean {
  // A segment `.` or `..` is matched only by that text: a glob never stands for a dot segment.
  if (s === '.' || s === '..') return false;
  let ti = 0;
  let si = 0;
  let starT = -1;
  let starS = 0;
  while (si < s.length) {
    const tok = tokens[ti];
    if (tok === '*') {
      starT = ti++;
      starS = si;
    } else if (tok !== undefined && tok(s[si]!)) {
      ti++;
      si++;
    } else if (starT >= 0) {
      ti = starT + 1;
      si = ++starS;
    } else return false;
  }
  while (tokens[ti] === '*') ti++;
  return ti === tokens.length;
}

function segmentMatcher(segment: string, nocase: boolean): (s: string) => boolean {
  const key = `${nocase ? 'i' : 's'}\u0000${segment}`;
  let m = cache.get(key);
  if (!m) {
    if (cache.size >= MAX_CACHED) cache.clear();
    // Case is ignored for ASCII letters only: String#toLowerCase would fold U+212A (Kelvin sign)
    // into `k`, so `\u212Aube` would pass for the environment `kube`.
    const lower = asciiLower(segment);
    // A pattern `globProblem` refuses never reaches here from a loaded manifest; one that does (a
    // caller passing raw text) is compared as text, which matches only itself.
    const tokens =
      isGlob(segment) && globProblem(segment) === undefined ? segmentTokens(segment, nocase) : undefined;
    m = tokens
      ? (s: string) => tokensMatch(tokens, s)
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

/**
 * Why a pattern is refused at manifest load, with its fix, or undefined when every bracket form in it
 * is one the docs list. Checked per `/`-segment, as the pattern is matched.
 */
export function globProblem(pattern: string): { message: string; fix: string } | undefined {
  for (const segment of pattern.split('/')) {
    for (let i = 0; i < segment.length; i++) {
      const c = segment[i];
      if (c === '\\') {
        // `\c` is the character c itself (outside a class); a backslash ending a segment escapes nothing.
        if (i + 1 === segment.length)
          return {
            message: `a backslash escaping nothing in the pattern '${pattern}'`,
            fix: 'write \\* for a literal *, or leave the backslash out',
          };
        i++;
        continue;
      }
      if (c === ']')
        return {
          message: `a ']' without its '[' in the pattern '${pattern}'`,
          fix: 'write a class as [abc], [a-z] or [^abc] within one /-segment, or \\] for the character',
        };
      if (c !== '[') continue;
      const close = segment.indexOf(']', i + 1);
      if (close === -1)
        return {
          message: `a '[' without its ']' in the same /-segment of the pattern '${pattern}'`,
          fix: 'write a class as [abc], [a-z] or [^abc] within one /-segment, or \\[ for the character',
        };
      const problem = classProblem(segment.slice(i + 1, close), pattern);
      if (problem) return problem;
      i = close;
    }
  }
  return undefined;
}

function classProblem(body: string, pattern: string): { message: string; fix: string } | undefined {
  if (body.startsWith('!'))
    return {
      message: `'[${body}]' in the pattern '${pattern}' is not read as a negation here (some glob readers take it for '!' or ${JSON.stringify(body.slice(1))})`,
      fix: `write [^${body.slice(1)}] for "any character but these"`,
    };
  const items = body.startsWith('^') ? body.slice(1) : body;
  if (items === '')
    return {
      message: `an empty class '[${body}]' in the pattern '${pattern}'`,
      fix: 'name at least one character in a class, e.g. [abc] or [^abc]',
    };
  if (items.includes('\\'))
    return {
      message: `a backslash inside the class '[${body}]' of the pattern '${pattern}'`,
      fix: 'list the character itself: inside [...] only ^ (first) and - (between two characters) are special',
    };
  if (items.includes('['))
    return {
      message: `a '[' inside the class '[${body}]' of the pattern '${pattern}' (POSIX classes such as [[:alpha:]] are not read)`,
      fix: 'list the characters or ranges, e.g. [a-zA-Z]',
    };
  for (let j = 1; j + 1 < items.length; j++) {
    if (items[j] === '-' && items[j - 1]! > items[j + 1]!)
      return {
        message: `the range '${items.slice(j - 1, j + 2)}' in the pattern '${pattern}' runs backwards`,
        fix: `write it low to high, '${items[j + 1]}-${items[j - 1]}'`,
      };
  }
  return undefined;
}
