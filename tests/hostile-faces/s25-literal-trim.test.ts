/**
 * Session 25: GitHub folds a value that is one expression holding one string literal into that string
 * (`${{ 'write-all' }}` is `write-all`). Its template reader trims the expression with .NET's
 * `String.Trim()` before it tests for a literal (TemplateReader `ParseExpression`: `value.Trim()`, then
 * `IsExpressionString`), and .NET trims `Char.IsWhiteSpace`: U+0085 NEXT LINE too, U+FEFF not. A
 * double-quoted `\N` put NEL around the literal, and stepwarden (JavaScript's `trim()`) kept the
 * expression: `permissions: "${{\N'write-all'\N}}"` was an invalid block and `uses:` an unknown
 * expression, where GitHub runs `write-all` and the action.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { literalOf } from '../../shared/workflow/literal.js';
import { wf } from '../support/repo.js';

const E = '${{';

describe('a literal expression trimmed as GitHub trims it', () => {
  it('reads NEL-padded literals as their strings: permissions, a step uses: and a call', () => {
    const m = wf(
      'ci.yml',
      [
        'on: push',
        String.raw`permissions: "${E}\N'write-all'\N}}"`,
        'jobs:',
        '  a:',
        '    runs-on: x',
        '    permissions:',
        String.raw`      "${E}\x85'contents'}}": "${E}'write'\u0085}}"`,
        '    steps:',
        String.raw`      - uses: "${E}\N'evil/x@main'\N}}"`,
        '  b:',
        String.raw`    uses: "${E}\N'./.github/workflows/lib.yml'\N}}"`,
        String.raw`    secrets: "${E}\N'inherit'\N}}"`,
        '',
      ].join('\n'),
    );
    expect(m.error).toBeUndefined();
    expect(m.permissions?.shorthand).toBe('write-all');
    expect(m.jobs[0]!.permissions!.entries.map((e) => [e.scope, e.level])).toEqual([['contents', 'write']]);
    expect(m.jobs[0]!.actions.map((a) => a.uses)).toEqual(['evil/x@main']);
    expect(m.jobs[1]!.uses?.uses).toBe('./.github/workflows/lib.yml');
    expect(m.jobs[1]!.secretsInherit).toBeDefined();
  });

  it('holds: a byte order mark is not white space to .NET, so that value stays an expression', () => {
    expect(literalOf("${{\ufeff'write'}}")).toBeUndefined();
    expect(literalOf("${{ 'write'\ufeff}}")).toBeUndefined();
  });

  it('property: any run of .NET white space around the literal folds to it', () => {
    const space = fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\r',
      '\u000b',
      '\f',
      '\u0085',
      '\u00a0',
      '\u2028',
      '\u2029',
      '\u3000',
      '\u2007',
    );
    const ws = fc.array(space, { maxLength: 3 }).map((a) => a.join(''));
    const body = fc.stringMatching(/^[a-z0-9./@:-]{1,12}$/);
    fc.assert(
      fc.property(ws, body, ws, (l, s, r) => literalOf(`${E}${l}'${s}'${r}}}`) === s),
      { seed: 25, numRuns: 400 },
    );
  });
});
