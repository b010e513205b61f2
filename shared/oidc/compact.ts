/**
 * The text of a compact JWS, held to one shape before any reader sees it: GitHub's ID tokens (verify.ts)
 * and the broker's own JWTs (chained subjects, introspected tokens, introspection clients' bearers),
 * which jose reads. jose decodes a part with `atob`, which skips whitespace (a space inside the
 * signature part verified, checked on jose 6.2), and its TextDecoder drops a leading byte order mark,
 * so one signed token had several spellings, each a different key to the store's token hash and a
 * different answer from a stricter reader; so did the unused bits of a part's last character. One
 * pre-check, one refusal text.
 */
const PART = /^[A-Za-z0-9_-]*$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LABELS = ['header', 'payload', 'signature'] as const;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Whether `part` (already base64url characters) is the one spelling of its bytes. Its last character
 * carries 2 (length % 4 = 2) or 4 (length % 4 = 3) bits past the last byte: every decoder here (atob
 * in jose, Buffer in rs256.ts) drops them, so an RS256 or ES256 signature (256 or 64 bytes, length %
 * 4 = 2) had 16 spellings that all verified, 16 store token hashes for one credential (session 28).
 * A length % 4 = 1 holds 6 bits, no byte: no encoder writes it (jose refuses it, Buffer drops it).
 */
function canonical(part: string): boolean {
  const rest = part.length % 4;
  if (rest === 0) return true;
  if (rest === 1) return false;
  const last = ALPHABET.indexOf(part[part.length - 1]!);
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}

declare const held: unique symbol;
/**
 * A token's three parts as compactJws returned them: base64url characters only, each the canonical
 * spelling of its bytes (so none of length % 4 = 1). A reader given these need not check them again.
 */
export type CompactParts = readonly [string, string, string] & { readonly [held]: true };

export type CompactJws =
  { readonly parts: CompactParts; readonly problem?: undefined } | { readonly problem: string };

/** The three parts of `token`, or the problem with its text (never the text itself). */
export function compactJws(token: string): CompactJws {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => PART.test(p)))
    return { problem: 'not a compact JWS (three base64url parts)' };
  for (let i = 0; i < 3; i++)
    if (!canonical(parts[i]!))
      return {
        problem: `the token's ${LABELS[i]!} part is not canonical base64url (a character past its last byte, or bits set past it)`,
      };
  // A part whose JSON starts with a byte order mark: TextDecoder (in rs256.ts and in jose) drops it, a
  // stricter JWT reader refuses the token, so the same signed bytes would mean a token to one relying
  // party and none to another. Neither GitHub's JSON nor the broker's carries one.
  for (let i = 0; i < 2; i++)
    if (Buffer.from(parts[i]!.slice(0, 4), 'base64url').subarray(0, 3).equals(BOM))
      return { problem: `the token's ${LABELS[i]!} starts with a byte order mark (U+FEFF)` };
  return { parts: parts as unknown as CompactParts };
}
