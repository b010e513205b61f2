/**
 * An expression ends at the first `}}` outside a single-quoted string (GitHub's template reader).
 * Session 30 finds it with one scan by regular expression (`expressionClose`, shared/workflow/
 * template.ts), shared by `splitTemplate` and `literalOf`, instead of two loops over every character.
 * What this must not change: both answer as the character loops they replaced (kept here as the
 * reference) on generated texts full of quotes, braces and openings.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { literalOf } from '../../shared/workflow/literal.js';
import { expressionClose, splitTemplate, trimAsNet } from '../../shared/workflow/template.js';

/** Not fixed: CI runs other seeds than the last local run (FC_SEED replays one). */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

/** The loop both functions ran before: index of the closing `}}`'s second brace, or -1. */
function closeByLoop(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    else if (!quoted && text[i] === '}' && text[i - 1] === '}') return i;
  }
  return -1;
}

function splitByLoop(text: string): { parts: string[]; expressions: string[] } {
  const parts: string[] = [];
  const expressions: string[] = [];
  let from = 0;
  for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', from)) {
    parts.push(text.slice(from, open));
    const close = closeByLoop(text, open + 3);
    expressions.push(text.slice(open + 3, close === -1 ? text.length : close - 1));
    from = close === -1 ? text.length : close + 1;
  }
  parts.push(text.slice(from));
  return { parts, expressions };
}

function literalByLoop(raw: string): string | undefined {
  if (!raw.startsWith('${{')) return undefined;
  const end = closeByLoop(raw, 3);
  if (end !== raw.length - 1) return undefined;
  const expr = trimAsNet(raw.slice(3, end - 1));
  if (!expr.startsWith("'")) return undefined;
  let out = '';
  let inString = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === "'") {
      inString = !inString;
      if (inString && i !== 0) out += c;
    } else if (!inString) return undefined;
    else out += c;
  }
  return inString ? undefined : out;
}

const text = fc
  .array(
    fc.constantFrom('${{', '}}', '}', '{', "'", "''", ' ', 'a', '$', '\n', '\u0085', 'é', '\u{1F600}', ' }}'),
    {
      maxLength: 16,
    },
  )
  .map((parts) => parts.join(''));

describe('the end of an expression', () => {
  it('is found where the character loop found it', () => {
    for (const t of ["${{ '}}' }}", '${{ a }}}', '${{}}', "${{ 'it''s' }}x", '${{ a', "}}${{ '' }}"])
      expect(expressionClose(t, 3)).toBe(closeByLoop(t, 3));
    fc.assert(
      fc.property(text, fc.nat(20), (t, from) => {
        expect(expressionClose(t, from)).toBe(closeByLoop(t, from));
      }),
      { numRuns: 3000, seed },
    );
  });

  it('splits templates and reads literals as the loops did', () => {
    expect(splitTemplate("a ${{ format('}}{0}', b) }} c ${{ d")).toEqual({
      parts: ['a ', ' c ', ''],
      expressions: [" format('}}{0}', b) ", ' d'],
    });
    expect(literalOf("${{ 'write-all' }}")).toBe('write-all');
    expect(literalOf("${{ 'a' }} ")).toBeUndefined();
    fc.assert(
      fc.property(text, (t) => {
        expect(splitTemplate(t)).toEqual(splitByLoop(t));
        expect(literalOf(t)).toBe(literalByLoop(t));
        expect(literalOf(`\${{ ${t}`)).toBe(literalByLoop(`\${{ ${t}`));
      }),
      { numRuns: 3000, seed },
    );
  });
});
