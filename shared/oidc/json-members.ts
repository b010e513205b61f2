/**
 * Duplicate member names in a JSON object's text. JSON.parse keeps the last of two equal names
 * silently, so two readers of the same text (a proxy, a log parser, another verifier) can disagree on
 * what a token or a request says. RFC 7519 §4 lets a JWT parser reject duplicate claim names, and
 * RFC 6749 §3.2 says a request parameter must not appear twice: both are refused, whatever the order.
 */

/**
 * The first member name that occurs twice at the top level of `text` (decoded, so `"\u006aob"` and
 * `"job"` are the same name), or undefined. `text` must already be valid JSON (JSON.parse succeeded):
 * the scan trusts its strings to be closed.
 */
export function duplicateMember(text: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) {
          escaped = true;
          j += 2;
        } else if (d === 34 || Number.isNaN(d)) break;
        else j++;
      }
      if (depth === 1 && expectKey) {
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
