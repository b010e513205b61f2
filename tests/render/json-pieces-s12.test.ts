/**
 * The JSON report written piece by piece (session 12 speed work) is the whole-document
 * `JSON.stringify({ jobs, findings }, null, 2)` the contract was written as, byte for byte: empty lists,
 * a list of exactly one piece, lists across piece boundaries, and values JSON must escape.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CheckResult, JobReport } from '../../shared/check/run.js';
import type { Finding } from '../../shared/check/finding.js';
import { JSON_PIECE_ELEMENTS as N, renderJson, renderJsonPieces } from '../../shared/render/json.js';

/** The report as it was rendered before it was cut into pieces. */
function whole(result: CheckResult): string {
  const findings = result.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    workflow: f.workflow,
    job: f.job,
    subject: f.subject,
    message: f.message,
    file: f.file,
    line: f.line,
  }));
  return `${JSON.stringify({ jobs: result.jobs, findings }, null, 2)}\n`;
}

// Strings with line breaks, quotes, backslashes, control characters, lone surrogates and non-ASCII.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '\n', '\n  ]\n]', '"', '\\', '\u2028', '\ud800', 'é—…'),
);

const job: fc.Arbitrary<JobReport> = fc.record({
  workflow: text,
  job: text,
  permissions: fc.dictionary(text, fc.constantFrom('read', 'write', 'none')),
  secrets: fc.array(text, { maxLength: 3 }),
  environments: fc.array(text, { maxLength: 2 }),
  triggers: fc.array(text, { maxLength: 2 }),
  actions: fc.array(text, { maxLength: 2 }),
}) as unknown as fc.Arbitrary<JobReport>;

const finding: fc.Arbitrary<Finding> = fc.record({
  rule: text,
  severity: fc.constantFrom('error' as const, 'warning' as const),
  workflow: fc.option(text, { nil: null }),
  job: fc.option(text, { nil: null }),
  subject: text,
  message: text,
  file: text,
  line: fc.nat(),
});

// Lengths around the piece size (N elements) as well as small ones.
const list = <T>(a: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.array(a, { maxLength: 4 }),
    fc.integer({ min: N - 1, max: 2 * N + 1 }).chain((n) => fc.array(a, { minLength: n, maxLength: n })),
  );

describe('renderJsonPieces', () => {
  it('joins to the whole-document JSON for any jobs and findings', () => {
    fc.assert(
      fc.property(list(job), list(finding), (jobs, findings) => {
        const result = { jobs, findings };
        const expected = whole(result);
        expect([...renderJsonPieces(result)].join('')).toBe(expected);
        expect(renderJson(result)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('empty lists and exact piece boundaries', () => {
    const f: Finding = {
      rule: 'r',
      severity: 'error',
      workflow: null,
      job: 'j',
      subject: 's',
      message: 'm',
      file: 'f',
      line: 1,
    };
    const j = {
      workflow: 'w',
      job: 'j',
      permissions: {},
      secrets: [],
      environments: [],
      triggers: [],
      actions: [],
    };
    for (const nj of [0, 1, N, N + 1, 2 * N])
      for (const nf of [0, 1, N - 1, N, N + 1]) {
        const result = {
          jobs: Array.from({ length: nj }, () => j) as unknown as JobReport[],
          findings: Array.from({ length: nf }, () => f),
        };
        expect([...renderJsonPieces(result)].join('')).toBe(whole(result));
      }
  });

  it('never holds the whole report in one piece', () => {
    const f: Finding = {
      rule: 'r',
      severity: 'warning',
      workflow: 'w',
      job: 'j',
      subject: 's',
      message: 'm'.repeat(100),
      file: 'f',
      line: 2,
    };
    const result = { jobs: [], findings: Array.from({ length: 2000 }, () => f) };
    const pieces = [...renderJsonPieces(result)];
    const total = pieces.reduce((n, p) => n + p.length, 0);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(total / 4);
  });
});
