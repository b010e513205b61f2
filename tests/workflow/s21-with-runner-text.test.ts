/**
 * Session 21 (left by session 19): a `with:` value YAML reads as a number, a boolean or null reaches
 * the action as the runner's `literal.ToString()` of the token (runner-text.ts; sources cited in
 * docs/decisions.md, session 21), not as JavaScript's `String()`. The check, the diff and the gate all
 * read `with:` through parse.ts `withInputs` (workflow steps and local composite steps), so one test
 * per form here holds every face. The forms that differed before (exponents, 16+ digits, -0) were seen
 * failing first; the others held and are pinned.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readComposite } from '../../shared/workflow/composite.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { dotnetG15 } from '../../shared/workflow/runner-text.js';

const workflow = (v: string) =>
  `on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - id: s\n        uses: ./actions/run\n        with:\n          scope: ${v}\n`;
const action = (v: string) =>
  `runs:\n  using: composite\n  steps:\n    - uses: ./actions/run\n      with:\n        audience: ${v}\n`;

/** [as written, what the runner sets INPUT_SCOPE to] */
const FORMS: [string, string][] = [
  ['1.0', '1'],
  ['1.50', '1.5'],
  ['0x10', '16'],
  ['0o10', '8'],
  ['012', '12'],
  ['+12', '12'],
  ['-.5', '-0.5'],
  ['1e3', '1000'],
  ['yes', 'yes'], // YAML 1.2 core: a string
  ['on', 'on'],
  ['True', 'true'],
  ['FALSE', 'false'],
  ['~', ''],
  ['null', ''],
  ['1_000', '1_000'], // not a number in the core schema
  ['0b11', '0b11'],
  ['"1.0"', '1.0'], // quoted: a string, kept as written
  ['.inf', 'Infinity'],
  ['-.Inf', '-Infinity'],
  ['.NaN', 'NaN'],
  // Differed before session 21: .NET's G15 against JavaScript's String().
  ['1e21', '1E+21'],
  ['1e15', '1E+15'],
  ['123456789012345', '123456789012345'],
  ['0.0001', '0.0001'],
  ['0.00001', '1E-05'],
  ['1.5e-7', '1.5E-07'],
  ['-0', '-0'],
  ['12345678901234567890', '1.23456789012346E+19'],
  ['1.23456789012345678', '1.23456789012346'],
  ['0.1', '0.1'],
  ['1e308', '1E+308'],
];

describe('with: values as the runner passes them (session 21)', () => {
  it.each(FORMS)('workflow step: scope: %s is %j', (written, passed) => {
    const m = parseWorkflow('ci.yml', '.github/workflows/ci.yml', workflow(written));
    expect(m.error).toBeUndefined();
    expect(m.jobs[0]!.steps[0]!.with?.['scope']?.value).toBe(passed);
  });

  it.each(FORMS)('local composite step: audience: %s is %j', (written, passed) => {
    const r = readComposite(action(written));
    expect(r.uses[0]!.with?.['audience']?.value).toBe(passed);
  });

  it('G15 keeps integers below 10^15 as JavaScript writes them, and reads back within 15 digits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (n) => {
        expect(dotnetG15(n)).toBe(n === 0 ? '0' : String(n));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = dotnetG15(n);
        expect(text).toMatch(/^-?\d+(\.\d+)?(E[-+]\d{2,3})?$/);
        expect(Number(text) === Number(n.toPrecision(15))).toBe(true); // -0 and 0 alike
      }),
      { numRuns: 2000 },
    );
  });

  it('G15 at the edges of the integers written as digits (session 28: a shortcut for them)', () => {
    expect(dotnetG15(999_999_999_999_999)).toBe('999999999999999');
    expect(dotnetG15(-999_999_999_999_999)).toBe('-999999999999999');
    expect(dotnetG15(1e15)).toBe('1E+15');
    expect(dotnetG15(-1e15)).toBe('-1E+15');
    expect(dotnetG15(2 ** 53)).toBe('9.00719925474099E+15');
    expect(dotnetG15(-0)).toBe('-0');
    expect(dotnetG15(14)).toBe('14');
  });
});
