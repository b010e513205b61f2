/**
 * Duplicate member names in a JSON object's text. JSON.parse keeps the last of two equal names
 * silently, so two readers of the same text (a proxy, a log parser, another verifier) can disagree on
 * what a token or a request says. RFC 7519 §4 lets a JWT parser reject duplicate claim names, and
 * RFC 6749 §3.2 says a request parameter must not appear twice: both are refused, whatever the order.
 */

/**
 * The index of the `"` that closes the string opened at `i` (text.length when none). `slash`: the
 * first backslash at or after `i`, or -1. Strings are skipped with indexOf (native), not a character
 * at a time: a token's claims are mostly strings (session 30, about 4 µs a 1 kB payload before).
 */
function closingQuote(text: string, i: number, slash: number): number {
  let j = text.indexOf('"', i + 1);
  if (j === -1) return text.length;
  if (slash === -1 || slash > j) return j;
  // A backslash before it in the string: a quote after an odd run of backslashes is escaped.
  for (;;) {
    let k = j - 1;
    while (text.charCodeAt(k) === 92 /* \ */) k--;
    if ((j - 1 - k) % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
    if (j === -1) return text.length;
  }
}

/** The number of members at the top level of the JSON object `text` (its `:` outside strings). */
function topLevelMembers(text: string): number {
  let depth = 0;
  let count = 0;
  let slash = text.indexOf('\\');
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      if (slash !== -1 && slash < i) slash = text.indexOf('\\', i);
      i = closingQuote(text, i, slash);
    } else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
    else if (c === 58 /* : */ && depth === 1) count++;
  }
  return count;
}

/**
 * The first member name that occurs twice at the top level of `text` (decoded, so `"\u006aob"` and
 * `"job"` are the same name), or undefined. `text` must already be valid JSON (JSON.parse succeeded):
 * the scan trusts its strings to be closed. `keys`: the number of own keys JSON.parse gave for it,
 * when the caller has them: as many members as keys means no name came twice (JSON.parse keeps one
 * key per name, `__proto__` included), and only a count is made, with no set of names.
 */
export function duplicateMember(text: string, keys?: number): string | undefined {
  if (keys !== undefined && topLevelMembers(text) === keys) return undefined;
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  let slash = text.indexOf('\\');
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      if (slash !== -1 && slash < i) slash = text.indexOf('\\', i);
      const j = closingQuote(text, i, slash);
      if (depth === 1 && expectKey) {
        const escaped = slash !== -1 && slash < j;
        const name = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (seen.has(name)) return name;
        seen.add(name);
        expectKey = false;
      }
      i = j;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 1) expectKey = c === 123;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
    else if (c === 44 /* , */ && depth === 1) expectKey = true;
  }
  return undefined;
}
