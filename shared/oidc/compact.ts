/**
 * The text of a compact JWS, held to one shape before any reader sees it: GitHub's ID tokens (verify.ts)
 * and the broker's own JWTs (chained subjects, introspected tokens, introspection clients' bearers),
 * which jose reads. jose decodes a part with `atob`, which skips whitespace (a space inside the
 * signature part verified, checked on jose 6.2), and its TextDecoder drops a leading byte order mark,
 * so one signed token had several spellings, each a different key to the store's token hash and a
 * different answer from a stricter reader. One pre-check, one refusal text.
 */
const PART = /^[A-Za-z0-9_-]*$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export type CompactJws =
  | { readonly parts: readonly [string, string, string]; readonly problem?: undefined }
  | { readonly problem: string };

/** The three parts of `token`, or the problem with its text (never the text itself). */
export function compactJws(token: string): CompactJws {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => PART.test(p)))
    return { problem: 'not a compact JWS (three base64url parts)' };
  // A part whose JSON starts with a byte order mark: TextDecoder (in rs256.ts and in jose) drops it, a
  // stricter JWT reader refuses the token, so the same signed bytes would mean a token to one relying
  // party and none to another. Neither GitHub's JSON nor the broker's carries one.
  for (const [i, label] of [
    [0, 'header'],
    [1, 'payload'],
  ] as const)
    if (Buffer.from(parts[i]!.slice(0, 4), 'base64url').subarray(0, 3).equals(BOM))
      return { problem: `the token's ${label} starts with a byte order mark (U+FEFF)` };
  return { parts: parts as [string, string, string] };
}
