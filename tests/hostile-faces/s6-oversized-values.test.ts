/**
 * Session 6 hostile review: one oversized value (a job id, a `uses:` value, a secret name) must not
 * fill the check's job summary or the access-diff comment by itself, so the cut to GitHub's limit
 * cannot drop the rows after it.
 */
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../shared/check/finding.js';
import { RULES } from '../../shared/check/registry.js';
import type { Change } from '../../shared/diff/diff.js';
import { renderDiffMarkdown } from '../../shared/diff/render.js';
import { clip } from '../../shared/render/escape.js';
import { renderMarkdown } from '../../shared/render/markdown.js';

const HUGE = `evil/x@${'a'.repeat(1_500_000)}`;

describe("the check's job summary", () => {
  it('a finding with a 1.5 MB subject in the first rule group leaves every later error row in the summary', () => {
    const first = RULES[0]!.meta;
    const later = RULES.find((r) => r.meta.id !== first.id && r.meta.severity === 'error')!.meta;
    const finding = (rule: string, subject: string, i: number): Finding => ({
      rule,
      severity: rule === later.id ? 'error' : first.severity,
      workflow: 'ci.yml',
      job: `job${i}`,
      subject,
      message: `finding ${i} about ${subject}`,
      file: '.github/workflows/ci.yml',
      line: i + 1,
    });
    const findings = [
      finding(first.id, HUGE, 0),
      ...Array.from({ length: 30 }, (_, i) => finding(later.id, `SECRET_${i}`, i + 1)),
    ];
    const md = renderMarkdown({ jobs: [], findings });
    expect(Buffer.byteLength(md)).toBeLessThan(200_000);
    expect(md).not.toMatch(/Cut to stay/);
    for (let i = 0; i < 30; i++) expect(md).toContain(`<code>SECRET\\_${i}</code>`);
  });
});

describe('the access-diff comment', () => {
  it('a widened row with a 1.5 MB value leaves the other widened rows listed, uncut', () => {
    const changes: Change[] = [
      {
        workflow: 'a.yml',
        job: 'j',
        kind: 'action',
        subject: HUGE,
        before: null,
        after: HUGE,
        effect: 'widened',
      },
      ...Array.from({ length: 20 }, (_, i): Change => ({
        workflow: `w${i}.yml`,
        job: 'j',
        kind: 'secret',
        subject: `SECRET_${i}`,
        before: null,
        after: `SECRET_${i}`,
        effect: 'widened',
      })),
    ];
    const md = renderDiffMarkdown(changes);
    expect(md.length).toBeLessThan(65_536);
    expect(md).not.toMatch(/Cut to stay/);
    for (let i = 0; i < 20; i++) expect(md).toContain(`<code>SECRET\\_${i}</code>`);
    expect(md).toContain('evil/x@\u200daaa');
  });
});

describe('clip', () => {
  it('keeps short text, cuts long text with an ellipsis, never splits a surrogate pair', () => {
    expect(clip('abc', 5)).toBe('abc');
    expect(clip('abcdef', 3)).toBe('abc…');
    const s = `ab${'\u{1F600}'}cd`;
    expect(clip(s, 3)).toBe('ab…');
    expect(clip(s, 4)).toBe(`ab${'\u{1F600}'}…`);
  });
});
