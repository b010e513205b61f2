/**
 * The job summary makes a row only while the text may still fit under the limit (session 30): on a
 * large repository most rows fall past GitHub's 1 MiB, and escaping them was most of its cost. The
 * cut text must be the one cutting the whole text gives.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CheckResult, JobReport } from '../../shared/check/run.js';
import type { Finding } from '../../shared/check/finding.js';
import { RULES } from '../../shared/check/registry.js';
import { renderMarkdown, summaryCutNote } from '../../shared/render/markdown.js';
import { cutToSize } from '../../shared/render/escape.js';

/** What the summary was before rows were made on demand: the whole text, then cut. */
const wholeThenCut = (result: CheckResult, limit: number) =>
  cutToSize(renderMarkdown(result, Infinity), limit, summaryCutNote);

// Text that reaches the summary: markup, line breaks, `<details>`, surrogates, emoji, invisibles.
const piece = fc.constantFrom(
  'a',
  'build',
  '.yml',
  ' ',
  '\n',
  '\r\n',
  '<details>',
  '</details>',
  '`',
  '|',
  '@x',
  '#1',
  ':x:',
  'é',
  '❌',
  '\ud83d\ude00',
  '\ud800',
  '\u200b',
  'www.',
  'GH-1',
);
const text = fc.array(piece, { maxLength: 6 }).map((ps) => ps.join(''));
const ruleIds = [...RULES.map((r) => r.meta.id), 'not-a-rule', 'odd\nrule <details>'];

const finding: fc.Arbitrary<Finding> = fc.record({
  rule: fc.constantFrom(...ruleIds),
  severity: fc.constantFrom('error' as const, 'warning' as const),
  workflow: fc.option(text, { nil: null }),
  job: fc.option(text, { nil: null }),
  subject: text,
  message: text,
  file: fc.constantFrom(
    '.github/workflows/a.yml',
    '.github/workflows/B.yml',
    'b.yml',
    '.github/access-manifest.yml',
  ),
  line: fc.nat({ max: 50 }),
});
const job: fc.Arbitrary<JobReport> = fc.record(
  {
    workflow: text,
    job: text,
    via: text,
    permissions: fc.dictionary(
      fc.constantFrom('contents', 'issues', 'packages'),
      fc.constantFrom('read', 'write'),
    ),
    secrets: fc.array(text, { maxLength: 3 }),
    environments: fc.array(text, { maxLength: 3 }),
    triggers: fc.constant([]),
    actions: fc.constant([]),
  },
  { requiredKeys: ['workflow', 'job', 'permissions', 'secrets', 'environments', 'triggers', 'actions'] },
);

describe('the job summary cut (s30)', () => {
  it('is the whole text cut, for any findings, jobs and limit', () => {
    fc.assert(
      fc.property(
        fc.array(finding, { maxLength: 60 }),
        fc.array(job, { maxLength: 20 }),
        fc.integer({ min: 200, max: 20_000 }),
        (findings, jobs, limit) => {
          const result = { jobs, findings };
          expect(renderMarkdown(result, limit)).toBe(wholeThenCut(result, limit));
        },
      ),
      { numRuns: 300 },
    );
    // Generous for a loaded 2-core CI machine (a few seconds here at load 9).
  }, 120_000);

  it('is the whole text when it fits, whatever the limit above it', () => {
    const result = { jobs: [], findings: [] };
    const whole = renderMarkdown(result, Infinity);
    expect(renderMarkdown(result, Buffer.byteLength(whole))).toBe(whole);
    expect(renderMarkdown(result, Buffer.byteLength(whole) - 1)).not.toBe(whole);
  });

  it('makes no row past the cut', () => {
    let findingRows = 0;
    let jobRows = 0;
    const findings: Finding[] = Array.from({ length: 2_000 }, (_, i) => {
      const f = {
        rule: 'unpinned-action',
        severity: 'error' as const,
        workflow: 'ci.yml',
        job: `job${i}`,
        subject: 'actions/checkout@v4',
        file: '.github/workflows/ci.yml',
        line: i + 1,
      };
      return Object.defineProperty(f, 'message', {
        enumerable: true,
        get: () => {
          findingRows++;
          return `'actions/checkout@v4' is not pinned to a full commit SHA (${'x'.repeat(100)})`;
        },
      }) as Finding;
    });
    const jobs: JobReport[] = Array.from(
      { length: 500 },
      (_, i) =>
        Object.defineProperty(
          {
            workflow: 'ci.yml',
            job: `job${i}`,
            permissions: {},
            environments: [],
            triggers: [],
            actions: [],
          },
          'secrets',
          {
            enumerable: true,
            get: () => {
              jobRows++;
              return [];
            },
          },
        ) as unknown as JobReport,
    );
    const md = renderMarkdown({ jobs, findings }, 50_000);
    expect(md).toMatch(/_Cut to stay under GitHub's job summary size limit: \d+ more lines/);
    const shown = md.split('\n').filter((l) => l.startsWith('| <code>.github/workflows/ci.yml:')).length;
    // Every row shown was made, and at most the one that crossed the limit besides: not the 2,000.
    expect(shown).toBeGreaterThan(20);
    expect(findingRows).toBeLessThanOrEqual(shown + 5);
    expect(findingRows).toBeLessThan(1_000);
    expect(jobRows).toBe(0);
  });
});
