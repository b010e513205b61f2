import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { renderDiffMarkdown } from '../../shared/diff/render.js';
import { code, escapeMarkdown } from '../../shared/render/escape.js';

// GitHub's extended autolinks turn a bare `www.host` into a link (no scheme needed), like `@login`
// pings: text from a pull request must not become a link in the comment or the job summary.
const linkable = /(^|[^a-z0-9])www\.(?!\u200d)/i;

describe('www. text is not linkable', () => {
  it('breaks www. like mentions, in any case', () => {
    expect(escapeMarkdown('see www.evil.example/login')).toBe('see www\u200d.evil.example/login');
    expect(escapeMarkdown('WWW.Evil.example')).toBe('WWW\u200d.Evil.example');
    expect(code('(www.evil.example)')).not.toMatch(linkable);
  });

  it('never leaves www. linkable (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(escapeMarkdown(`${a}www.${b}`)).not.toMatch(/www\./i);
      }),
    );
  });

  it('a job or action named after a www. host is inert in the access-diff comment', () => {
    const md = renderDiffMarkdown([
      {
        workflow: 'www.evil.example.yml',
        job: 'www.evil.example',
        kind: 'action',
        subject: 'www.evil.example/action@main',
        before: null,
        after: 'unpinned',
        effect: 'widened',
      },
    ]);
    expect(md).toContain('www\u200d.evil.example');
    expect(md).not.toMatch(linkable);
  });
});
