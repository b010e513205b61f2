/**
 * An application/x-www-form-urlencoded body read into URLSearchParams, the same list of pairs
 * `new URLSearchParams(body)` gives (WHATWG URL, "application/x-www-form-urlencoded parser"), read
 * faster for the body every exchange sends: Node's parser walks the string a character at a time in
 * JavaScript (6-14 µs for a 1.7 kB body with a GitHub token, against 1.5-2 here: docs/performance.md,
 * session 30). tests/broker/s30-a-form-body.test.ts holds the two to the same pairs.
 */

/**
 * One name or value: `+` is a space, then percent-decoding and UTF-8 decoding. decodeURIComponent
 * throws (URIError) where the WHATWG parser keeps the text instead: a `%` not followed by two hex
 * digits, or bytes that are not UTF-8; the caller then hands the whole body to URLSearchParams.
 */
function decoded(s: string): string {
  if (s.indexOf('%') === -1 && s.indexOf('+') === -1) return s;
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

export function formParams(body: string): URLSearchParams {
  // Text outside escapes is kept as it is: the parser's UTF-8 round trip changes only a lone
  // surrogate (to U+FFFD), and append() does the same; an escape next to one throws (incomplete).
  const out = new URLSearchParams();
  try {
    // The next `=` at or after i, kept across pieces: searched again only once passed. Searched from
    // every piece, a body of pieces without `=` (`a&a&…`, 64 kB) was read to its end once a piece:
    // 32,768 pieces × 64 kB, 100 ms of one core per request against URLSearchParams' 11 (session 31).
    let eq = -2;
    for (let i = 0, n = body.length; i <= n;) {
      let amp = body.indexOf('&', i);
      if (amp === -1) amp = n;
      // An empty piece (`&&`, a leading or trailing `&`) is skipped; a piece without `=` is a name
      // with an empty value; the value runs to the `&` (further `=` belong to it).
      if (amp > i) {
        if (eq !== -1 && eq < i) eq = body.indexOf('=', i);
        if (eq === -1 || eq > amp) out.append(decoded(body.slice(i, amp)), '');
        else out.append(decoded(body.slice(i, eq)), decoded(body.slice(eq + 1, amp)));
      }
      i = amp + 1;
    }
  } catch {
    return new URLSearchParams(body);
  }
  return out;
}
