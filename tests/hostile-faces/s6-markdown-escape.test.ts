/**
 * Session 6 hostile review of the markdown escaping every face shares (summaries, the PR comment):
 * GitHub references and math that the earlier escaping let through.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { code, escapeMarkdown } from '../../shared/render/escape.js';

describe('escapeMarkdown', () => {
  it('breaks GH-123 issue references (they link and leave a "mentioned" event on that issue)', () => {
    for (const s of ['see GH-12', 'gh-7 and Gh-3']) {
      const out = escapeMarkdown(s);
      expect(out).not.toMatch(/\bgh-\d/i);
      expect(out.replace(/\u200d/g, '')).toBe(s);
    }
    // Not a reference: left as it is.
    expect(escapeMarkdown('high-5 sigh-1x')).toBe('high-5 sigh-1x');
  });
  it('escapes $, which opens GitHub math ($…$ and $$…$$ render as formulas)', () => {
    expect(escapeMarkdown('$$\\Huge APPROVED$$')).toBe('\\$\\$\\\\Huge APPROVED\\$\\$');
    expect(code('${{ inputs.env }}')).toBe('<code>\\${{ inputs.env }}</code>');
  });
  it('never leaves an unescaped $ or a GH-digit reference (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '\\', 'G', 'H', 'g', '-', '1', ' ', 'x') }), (s) => {
        // An escaped backslash (`\\`) becomes a stand-in that is neither a backslash nor a word
        // character: removing it outright would join `gH-\\1` (rendered `gH-\1`) into `gH-1`.
        const out = escapeMarkdown(s).replace(/\\\\/g, '\u0000');
        expect(out).not.toMatch(/(^|[^\\])\$/);
        expect(out).not.toMatch(/\bgh-\d/i);
      }),
    );
    // The counterexample fast-check found (seed -1933493170): a backslash between `-` and the digit.
    expect(escapeMarkdown('gH-\\1')).toBe('gH-\\\\1');
  });
});
