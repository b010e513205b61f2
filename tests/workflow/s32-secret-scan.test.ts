/**
 * Session 32: the secret scan of an expression (shared/workflow/secrets.ts `secretNamesInExpression`)
 * reads a name's characters from a table (`IDENT`) instead of calling `isIdentStart`/`isIdentPart`
 * per character, and slices and lower-cases a name only when it is seven characters long (the
 * length of `secrets`: a name holds ASCII only, so no other length can fold to it). The scanner
 * it replaced is kept here as the reference; the new one must give the same names, in order, on
 * any expression: names next to digits, `-`, `_`, dots and brackets, quoted literals, every casing of
 * `secrets`, non-ASCII letters that fold or do not (`ſ`, `K` KELVIN SIGN), and the text's end.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { secretNamesInExpression, secretNamesIn } from '../../shared/workflow/secrets.js';

/** Not fixed: CI runs other seeds than the last local run (FC_SEED replays one). */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

// The scanner before session 32, as it was (less its GITHUB_TOKEN filter, applied alike below).
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}
function skipQuoted(s: string, i: number): { end: number; text: string } {
  const quote = s[i]!;
  let text = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j]!;
    if (c === quote) {
      if (quote === "'" && s[j + 1] === "'") {
        text += "'";
        j += 2;
        continue;
      }
      return { end: j + 1, text };
    }
    text += c;
    j++;
  }
  return { end: j, text };
}
function reference(expr: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr.charCodeAt(i);
    if (c === 39 || c === 34) {
      i = skipQuoted(expr, i).end;
      continue;
    }
    if (!isIdentStart(c)) {
      i++;
      continue;
    }
    const start = i;
    while (i < expr.length && isIdentPart(expr.charCodeAt(i))) i++;
    const prev = start > 0 ? expr.charCodeAt(start - 1) : 0;
    if (prev === 46 || expr.slice(start, i).toLowerCase() !== 'secrets') continue;
    const j = skipSpace(expr, i);
    const next = expr[j];
    if (next === '.') {
      const k = skipSpace(expr, j + 1);
      let end = k;
      while (end < expr.length && isIdentPart(expr.charCodeAt(end))) end++;
      if (end > k && isIdentStart(expr.charCodeAt(k))) {
        names.push(expr.slice(k, end));
        i = end;
      } else {
        names.push('*');
        i = k;
      }
      continue;
    }
    if (next === '[') {
      const k = skipSpace(expr, j + 1);
      const q = expr[k];
      if (q === "'" || q === '"') {
        const lit = skipQuoted(expr, k);
        const close = skipSpace(expr, lit.end);
        if (expr[close] === ']') {
          names.push(lit.text);
          i = close + 1;
          continue;
        }
      }
      names.push('*');
      i = k;
      continue;
    }
    names.push('*');
  }
  return names.filter((n) => n.toUpperCase() !== 'GITHUB_TOKEN');
}

const PIECES = [
  'secrets',
  'SECRETS',
  'Secrets',
  'secret',
  'secretss',
  'xsecrets',
  'secrets_',
  'secrets-',
  'secrets1',
  '1secrets',
  'ſecrets',
  'secretſ',
  'KEY',
  '\u212a',
  'é',
  'A',
  'z',
  '_',
  '-',
  '9',
  '.',
  ' ',
  '\t',
  '[',
  ']',
  "'",
  '"',
  "''",
  '(',
  ')',
  ',',
  '*',
  '&&',
  'github.',
  'GITHUB_TOKEN',
  'my-name',
  '_x1',
];

describe('the secret scan of an expression (session 32)', () => {
  it('finds the names the scanner it replaced found, in order, on any expression', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (pieces) => {
        const expr = pieces.join('');
        expect(secretNamesInExpression(expr)).toEqual(reference(expr));
      }),
      { numRuns: 20000, seed },
    );
  });

  it('finds them in any text, whatever its characters (full Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 12 }), (a, b) => {
        for (const expr of [a, `secrets.${b}`, `${a}secrets[${b}]`, `${b}SECRETS.${a}`])
          expect(secretNamesInExpression(expr)).toEqual(reference(expr));
      }),
      { numRuns: 5000, seed },
    );
  });

  it('reads the common forms as before', () => {
    expect(secretNamesInExpression("secrets.A && secrets['B-c'] || Secrets.d_1")).toEqual([
      'A',
      'B-c',
      'd_1',
    ]);
    expect(secretNamesInExpression('toJSON(secrets)')).toEqual(['*']);
    expect(secretNamesInExpression('github.secrets.X || xsecrets.Y || secrets2.Z')).toEqual([]);
    expect(secretNamesInExpression('secrets.')).toEqual(['*']);
    expect(secretNamesIn('${{ secrets.TOKEN }} and ${{ SECRETS.other-1 }}')).toEqual(['TOKEN', 'other-1']);
  });
});
