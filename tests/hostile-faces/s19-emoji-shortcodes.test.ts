/**
 * Session 19: GitHub draws emoji shortcodes (`:white_check_mark:`, `:x:`, `:heavy_check_mark:`) in job
 * summaries and PR comments after it has read the markdown, so the backslash escapeMarkdown puts
 * before `_` does not stop one. A step or job named `Gate :white_check_mark: passed`, a refusal
 * message echoing it, or an anomaly's detail, drew a ✅ in the audit summary and the access-diff
 * comment where stepwarden shows none. escapeMarkdown now breaks every `:name:` with a joiner after
 * the first colon. Seen failing first.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { renderDiffMarkdown } from '../../shared/diff/render.js';
import type { Change } from '../../shared/diff/diff.js';
import { code, escapeMarkdown } from '../../shared/render/escape.js';

/** The text GitHub reads a shortcode from: our backslash escapes taken out, our joiners kept. */
const asDrawn = (md: string) => md.replace(/\\(.)/g, '$1');
const SHORTCODE = /:(?!\d+:)[\w+-]+:/;

describe('emoji shortcodes in text a workload controls', () => {
  it.each([
    ':white_check_mark:',
    'Gate :white_check_mark: passed',
    ':x:',
    'a:+1:b',
    ':heavy_check_mark::x:',
    'step: :no_entry:',
  ])('%s is drawn as text', (s) => {
    for (const out of [escapeMarkdown(s), code(s)]) {
      expect(asDrawn(out)).not.toMatch(SHORTCODE);
      expect(
        out
          .replace(/\u200d/g, '')
          .replace(/\\(.)/g, '$1')
          .replace(/<\/?code>/g, ''),
      ).toBe(s);
    }
  });

  it('never leaves a shortcode (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(':', 'x', '_', '+', '-', '1', ' ', '\\', 'a') }), (s) => {
        expect(asDrawn(escapeMarkdown(s))).not.toMatch(SHORTCODE);
      }),
    );
  });

  it('the access-diff comment: a job shown under a name with a shortcode', () => {
    const change: Change = {
      workflow: 'ci.yml',
      job: 'build',
      line: 3,
      kind: 'job',
      subject: 'build',
      before: null,
      after: 'shown as Gate :white_check_mark: passed',
      effect: 'widened',
    } as unknown as Change;
    const md = renderDiffMarkdown([change]);
    expect(asDrawn(md)).not.toMatch(/:white_check_mark:/);
  });

  it('holds: a time and text without a shortcode are unchanged', () => {
    for (const s of ['10:00:05', 'https://x.example', 'a: b', 'o/r@main'])
      expect(escapeMarkdown(s)).not.toContain('\u200d:');
    expect(escapeMarkdown('10:00:05')).toBe('10:00:05');
    expect(escapeMarkdown('a: b')).toBe('a: b');
  });
});
