/**
 * Session 40 (w-rfaces): the job summary's rule headings said the rule's default severity, not the
 * findings'. Two rules report some findings at a lower severity than their metadata: org-reach under an
 * organization rule in `mode: audit` ("reported, not refused") and credential-step when it cannot judge
 * a computed value. At 7813552 such findings were listed under `### ❌ org-reach (2)` while the line
 * above said "No errors, 2 warnings": a reviewer reading the summary was told the check refused what
 * it passed; and in a group holding both, nothing told which rows failed the check (seen failing:
 * `Received: "### ❌ org-reach (2)"`). Now a heading's mark is its findings' worst severity, and in a
 * group of both the counts are given and each warning row says so.
 */
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../shared/check/finding.js';
import { renderMarkdown } from '../../shared/render/markdown.js';

const reach = (job: string, severity: Finding['severity']): Finding => ({
  rule: 'org-reach',
  severity,
  workflow: 'ci.yml',
  job,
  subject: 'members',
  message: `ERR_ORG_REACH${severity === 'warning' ? ' (organization rule in mode: audit: reported, not refused)' : ''}: job '${job}' reaches members`,
  file: '.github/access-manifest.yml',
  line: 3,
});
const heading = (md: string) => md.split('\n').find((l) => l.startsWith('### '));
const rowOf = (md: string, job: string) => md.split('\n').find((l) => l.includes(`<code>${job}</code>`));

describe("the summary's rule headings say the findings' severity (session 40)", () => {
  it('a group of warnings only is marked as warnings, under "No errors"', () => {
    const md = renderMarkdown({ jobs: [], findings: [reach('a', 'warning'), reach('b', 'warning')] });
    expect(md).toContain('No errors, 2 warnings');
    expect(heading(md)).toBe('### ⚠️ org-reach (2)');
  });

  it('a group of both says how many of each, and its warning rows say they are warnings', () => {
    const md = renderMarkdown({ jobs: [], findings: [reach('a', 'error'), reach('b', 'warning')] });
    expect(heading(md)).toBe('### ❌ org-reach (2: 1 error, 1 warning)');
    expect(rowOf(md, 'b')).toContain('| warning: ERR\\_ORG\\_REACH');
    expect(rowOf(md, 'a')).not.toContain('warning:');
  });

  it('a group of its default severity is written as before', () => {
    const md = renderMarkdown({ jobs: [], findings: [reach('a', 'error')] });
    expect(heading(md)).toBe('### ❌ org-reach (1)');
    expect(rowOf(md, 'a')).not.toMatch(/\| (error|warning): /);
  });
});

/**
 * The summary is cut under GitHub's 1 MiB, and its groups followed the registry's order, where two
 * warning rules (self-escalating-grant, unused-grant) come before most error rules (invalid-workflow,
 * unknown-scope, missing-enforce, ...). A manifest with enough unused grants pushed every error row
 * past the cut: the summary said "**1 error**" and listed only warnings (seen at 7813552 with a 20 kB
 * limit: no `missing-enforce` heading in the kept text). Now groups holding an error come first, each
 * severity in the registry's order.
 */
describe('errors before warnings in a summary cut at its limit (session 40)', () => {
  const unused = (i: number): Finding => ({
    rule: 'unused-grant',
    severity: 'warning',
    workflow: 'ci.yml',
    job: `job${i}`,
    subject: 'contents',
    message: `job 'job${i}' is granted contents: write but holds contents: read ${'x'.repeat(300)}`,
    file: '.github/access-manifest.yml',
    line: i + 10,
  });
  const gate: Finding = {
    rule: 'missing-enforce',
    severity: 'error',
    workflow: 'release.yml',
    job: 'publish',
    subject: 'publish',
    message: "job 'publish' runs credential steps without the actions/enforce gate",
    file: '.github/workflows/release.yml',
    line: 4,
  };
  it('the error group is kept and comes before the warnings', () => {
    const md = renderMarkdown(
      { jobs: [], findings: [...Array.from({ length: 200 }, (_, i) => unused(i)), gate] },
      20_000,
    );
    expect(md).toContain('_Cut to stay under');
    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    expect(headings[0]).toBe('### ❌ missing-enforce (1)');
    expect(rowOf(md, 'publish')).toBeDefined();
  });
  it('with errors only or warnings only, the registry order holds', () => {
    const md = renderMarkdown({ jobs: [], findings: [unused(1), reach('a', 'warning')] });
    expect(md.split('\n').filter((l) => l.startsWith('### '))).toEqual([
      '### ⚠️ unused-grant (1)',
      '### ⚠️ org-reach (1)',
    ]);
  });
});
