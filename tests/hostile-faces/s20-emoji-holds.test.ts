/**
 * Session 20, attacking session 19's shortcode breaking in escapeMarkdown. What holds (no change):
 * - misses: `:+1:`, `:-1:`, names with digits, `_`, `-`, any case, runs of colons and shortcodes
 *   sharing a colon are all broken; a shortcode split by an invisible character is written out
 *   (`\u200b`) and so is no shortcode; only all-digit names (`:100:`, `:1234:`, no verdict) stay.
 * - false changes: times, URLs, ports, `::set-output`, `::1` and text without a `:name:` are left
 *   byte for byte; where a joiner is added (an IPv6 address with letters, `a:b:c`) the text with the
 *   joiners taken out is the input, so only what GitHub draws changes.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { code, escapeMarkdown } from '../../shared/render/escape.js';

/**
 * What GitHub reads a shortcode from: our backslash escapes taken out (CommonMark takes a backslash
 * out before ASCII punctuation only, so the `\u200b` an invisible is written as keeps its own), our
 * joiners kept.
 */
const asDrawn = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
/** gemoji's names: lower-case letters, digits, `_`, `+`, `-`; all digits excluded (no verdict). */
const SHORTCODE = /:(?!\d+:)[a-z0-9_+-]+:/i;
const plainText = (md: string) =>
  md
    .replace(/\u200d/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

describe('escapeMarkdown and emoji shortcodes: what holds (session 20)', () => {
  it.each([
    ':+1:',
    ':-1:',
    ':e-mail:',
    ':1st_place_medal:',
    ':WHITE_CHECK_MARK:',
    ':x::x::x:',
    '::x::',
    ':heavy_check_mark:x:',
    'ok:white_check_mark:ok',
    ':8ball:',
  ])('%s is broken', (s) => {
    expect(asDrawn(escapeMarkdown(s))).not.toMatch(SHORTCODE);
    expect(asDrawn(code(s))).not.toMatch(SHORTCODE);
    expect(plainText(escapeMarkdown(s))).toBe(s);
  });

  it('a shortcode around an invisible character is written out, not drawn', () => {
    expect(asDrawn(escapeMarkdown(':white_check_mark\u200b:'))).not.toMatch(SHORTCODE);
    expect(asDrawn(escapeMarkdown(':\u2060x:'))).not.toMatch(SHORTCODE);
  });

  it.each([
    '12:30:45',
    '2026-12-05T02:50:00Z',
    'https://example.com:8443/a:b',
    '::set-output name=x::value',
    '::1',
    'localhost:3000',
    'a: b: c',
    'image: ghcr.io/o/r:1.2.3',
  ])('holds byte for byte: %s', (s) => {
    expect(escapeMarkdown(s)).not.toContain('\u200d:');
    expect(escapeMarkdown(s).replace(/:\u200d\/\//g, '://')).not.toMatch(/:\u200d/);
  });

  it('a joiner where one is added changes only what is drawn (IPv6 with letters)', () => {
    for (const s of ['fe80::1ff:fe23:4567:890a', 'a:b:c']) expect(plainText(escapeMarkdown(s))).toBe(s);
  });

  it('never a shortcode, and the text kept (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(':', 'x', 'X', '_', '+', '-', '1', ' ', '\u200b', '/', '.') }),
        (s) => {
          expect(asDrawn(escapeMarkdown(s))).not.toMatch(SHORTCODE);
        },
      ),
    );
  });
});
