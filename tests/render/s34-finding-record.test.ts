/**
 * Findings as the rules build them (RuleFinding, through rule.ts `finding`) are written by the JSON
 * report as they are, without a copy into the contract's key order (session 34): the record's own
 * properties must be exactly the contract's, in its order, and every rule must build its findings
 * that way. Anything else is still copied into that order.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCorpusRepo } from '../../bench/corpus-repo.js';
import { checkDirectory } from '../../shared/check/load.js';
import { RuleFinding, type Finding } from '../../shared/check/finding.js';
import { finding } from '../../shared/check/rule.js';
import { RULES } from '../../shared/check/registry.js';
import { renderJson, renderJsonPieces } from '../../shared/render/json.js';

/** The contract's keys, in its order (docs/required-check.md). */
const CONTRACT = ['rule', 'severity', 'workflow', 'job', 'subject', 'message', 'file', 'line'];

const contractCopy = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  workflow: f.workflow,
  job: f.job,
  subject: f.subject,
  message: f.message,
  file: f.file,
  line: f.line,
});
const whole = (findings: readonly Finding[]) =>
  `${JSON.stringify({ jobs: [], findings: findings.map(contractCopy) }, null, 2)}\n`;

const text = fc.oneof(fc.string(), fc.constantFrom('', '\n', '"', '\\', '\u2028', '\ud800', 'é—…'));
const fields = fc.record({
  rule: text,
  severity: fc.constantFrom('error' as const, 'warning' as const),
  workflow: fc.option(text, { nil: null }),
  job: fc.option(text, { nil: null }),
  subject: text,
  message: text,
  file: text,
  line: fc.nat(),
});

/** The same finding as a RuleFinding, a literal in the contract's order, or a literal in another order. */
const anyFinding: fc.Arbitrary<Finding> = fc
  .tuple(fields, fc.nat(2), fc.shuffledSubarray(CONTRACT, { minLength: 8, maxLength: 8 }))
  .map(([f, how, order]) => {
    if (how === 0)
      return new RuleFinding(f.rule, f.severity, f.workflow, f.job, f.subject, f.message, f.file, f.line);
    if (how === 1) return { ...f };
    const out: Record<string, unknown> = {};
    for (const k of order) out[k] = f[k as keyof typeof f];
    return out as unknown as Finding;
  });

describe('RuleFinding', () => {
  it('has the contract keys, in order, and nothing else', () => {
    const f = new RuleFinding('r', 'error', null, 'j', 's', 'm', 'f', 3);
    expect(Object.keys(f)).toEqual(CONTRACT);
    expect(JSON.stringify(f)).toBe(JSON.stringify(contractCopy(f)));
    const meta = { ...RULES[0]!.meta };
    const made = finding(meta, { workflow: 'w', job: null, subject: 's', message: 'm', file: 'f', line: 1 });
    expect(made).toBeInstanceOf(RuleFinding);
    expect(Object.keys(made)).toEqual(CONTRACT);
    expect(made.rule).toBe(meta.id);
    expect(made.severity).toBe(meta.severity);
  });

  it('is written itself, not copied', () => {
    // Shown by a property the copy would drop: what keeps the report right is that a RuleFinding
    // has no property but the contract's (the test above).
    const f = new RuleFinding('r', 'error', 'w', 'j', 's', 'm', 'f', 1);
    Object.defineProperty(f, 'shown', { enumerable: true, value: 1 });
    expect(renderJson({ jobs: [], findings: [f] })).toContain('"shown": 1');
    const literal = { ...contractCopy(f), shown: 1 };
    expect(renderJson({ jobs: [], findings: [literal] })).toBe(whole([literal]));
  });

  it('renders any mix of records and literals as the whole-document JSON', () => {
    fc.assert(
      fc.property(fc.array(anyFinding, { maxLength: 150 }), (findings) => {
        const expected = whole(findings);
        expect([...renderJsonPieces({ jobs: [], findings })].join('')).toBe(expected);
      }),
      { numRuns: 80 },
    );
  });
});

describe('every finding a check makes is a RuleFinding', () => {
  const work = mkdtempSync(join(tmpdir(), 's34-finding-'));
  const corpus = join(work, 'repo');
  beforeAll(async () => {
    await makeCorpusRepo(corpus, 400);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each([['examples/demo-repo'], ['examples/clean-repo'], ['corpus']])(
    '%s',
    async (dir) => {
      const result = await checkDirectory({ dir: dir === 'corpus' ? corpus : dir });
      if (dir !== 'examples/clean-repo') expect(result.findings.length).toBeGreaterThan(0);
      const rules = new Set<string>();
      for (const f of result.findings) {
        rules.add(f.rule);
        expect(f).toBeInstanceOf(RuleFinding);
        expect(Object.keys(f)).toEqual(CONTRACT);
      }
      if (dir === 'examples/demo-repo') expect(rules.size).toBeGreaterThanOrEqual(8);
    },
    120_000,
  );
});
