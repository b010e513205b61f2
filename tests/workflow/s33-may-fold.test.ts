/**
 * Session 33: `mayFold` decides whether a workflow's tree is walked for `${{ '…' }}` values at all.
 * It passed every text holding a backslash (287 of the 1,503 corpus workflows, 28 M instructions of
 * walking for one that folds); it now passes a text only when `${{`, white space and `'` can be read
 * from it. Held here to the fold itself on generated values in every style, as values and as keys.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { foldLiterals, mayFold } from '../../shared/workflow/literal.js';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { readComposite } from '../../shared/workflow/composite.js';

const NEL = '\u0085';
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = (numRuns: number) => (seed === undefined ? { numRuns } : { numRuns, seed });

const workflow = (line: string) =>
  `on: push\njobs:\n  a:\n    runs-on: u\n${line}\n    steps:\n      - run: x\n`;

/** The pieces of a value: the signs, white space of every kind, escapes that make them or join them. */
const piece = fc.constantFrom(
  '${{',
  '$',
  '{',
  '{{',
  '}}',
  "'",
  "''",
  ' ',
  '\t',
  NEL,
  '\u00a0',
  '\u2028',
  '\u3000',
  '\n      ',
  '\n\n      ',
  '\\',
  '\\\n      ',
  '\\ ',
  '\\t',
  '\\n',
  '\\N',
  '\\_',
  '\\L',
  '\\P',
  '\\x24',
  '\\x7b',
  '\\x27',
  '\\x20',
  '\\u0024',
  '\\u007B',
  '\\u0027',
  '\\u0085',
  '\\U00000027',
  '"',
  '#',
  'write-all',
  'a',
);

/** `v` as a value (or a key) in one of YAML's styles, or undefined when the style cannot hold it. */
function asYaml(v: string, style: string): string | undefined {
  switch (style) {
    case 'double':
      return `"${v.replace(/\\(?![\n ntN_LPxuU])/g, '\\\\').replace(/"/g, '\\"')}"`;
    case 'single':
      return `'${v.replace(/'/g, "''")}'`;
    case 'literal':
      return `|\n      ${v.replace(/\n */g, '\n      ')}`;
    case 'folded':
      return `>\n      ${v.replace(/\n */g, '\n      ')}`;
    default:
      return v;
  }
}

/** A sign as written (most often, so that the joins and escapes between are reached alone) or escaped. */
const written = (sign: string, ...escapes: string[]) =>
  fc.oneof({ arbitrary: fc.constant(sign), weight: 4 }, fc.constantFrom(...escapes));

/** A value built as `${{`, white space, `'`, each part written or escaped, often folding; noise mixed in. */
const opening = fc
  .tuple(
    written('$', '\\x24', '\\u0024', '\\U00000024'),
    fc.constantFrom('', '\\\n      ', '\\\n\n      '),
    written('{', '\\x7b', '\\u007B'),
    fc.constantFrom('', '\\\n      '),
    written('{', '\\x7B', '\\U0000007b'),
    fc.array(
      fc.constantFrom(
        ' ',
        '\t',
        NEL,
        '\u00a0',
        '\n      ',
        '\\t',
        '\\N',
        '\\_',
        '\\L',
        '\\P',
        '\\x20',
        '\\u3000',
        '\\\n      ',
        '\\ ',
        '\\a',
      ),
      { maxLength: 3 },
    ),
    written("'", '\\x27', '\\u0027'),
    fc.constantFrom("write-all' }}", "a''b' }}", "x' }}y"),
  )
  .map((parts) => parts.join(''));
const value = fc.oneof(
  opening,
  fc.tuple(opening, fc.nat(40), piece).map(([v, at, p]) => v.slice(0, at) + p + v.slice(at)),
  fc.array(piece, { maxLength: 9 }).map((ps) => ps.join('')),
);

describe('mayFold (session 33)', () => {
  it('never skips a text in which a value or a key folds (property, several seeds)', () => {
    let folds = 0;
    fc.assert(
      fc.property(
        value,
        fc.constantFrom('plain', 'double', 'double', 'double', 'single', 'literal', 'folded'),
        fc.boolean(),
        (v, style, asKey) => {
          const y = asYaml(v, style);
          if (y === undefined) return;
          if (asKey && (style === 'literal' || style === 'folded')) return;
          const text = workflow(asKey ? `    env:\n      ${y}: x` : `    permissions: ${y}`);
          const parsed = parseLocatedYaml(text);
          if (!parsed.root) return;
          if (foldLiterals(parsed.root) !== parsed.root) {
            folds++;
            expect(mayFold(text)).toBe(true);
          }
        },
      ),
      params(3000),
    );
    // The generator reaches folding values (the property is not vacuous).
    expect(folds).toBeGreaterThan(20);
  });

  it('passes each way a folding value can be written', () => {
    const texts = [
      "${{ 'write-all' }}",
      `\${{${NEL}'write-all' }}`,
      `"\${{\\N'write-all' }}"`,
      `"\${{\\t'write-all' }}"`,
      `"\${{\\_'write-all' }}"`,
      `"$\\\n      {{ 'write-all' }}"`,
      `"\${\\\n      { 'write-all' }}"`,
      `"\${{\\\n      'write-all' }}"`,
      `"\\x24{{ 'write-all' }}"`,
      `"$\\u007b{ 'write-all' }}"`,
      `"\${{ \\x27write-all' }}"`,
      `"\${{ \\U00000027write-all' }}"`,
      "${{\n      'write-all' }}",
    ];
    for (const v of texts) {
      const text = workflow(`    permissions: ${v}`);
      const parsed = parseLocatedYaml(text);
      expect(parsed.root && foldLiterals(parsed.root) !== parsed.root).toBe(true);
      expect(mayFold(text)).toBe(true);
    }
  });

  it('skips texts whose backslashes cannot form the signs (the walk it saves)', () => {
    const texts = [
      'echo a \\\n  && make ${{ github.sha }}',
      'printf "%s\\n" ${{ matrix.os }}',
      "grep -E '^v[0-9]+\\.' ${{ env.X }}",
      '"C:\\\\Program Files\\\\${{ inputs.dir }}"',
    ];
    for (const v of texts) expect(mayFold(workflow(`    env:\n      A: ${JSON.stringify(v)}`))).toBe(false);
  });
});

describe("an action's `uses: ${{<NEXT LINE>'…' }}` (session 33)", () => {
  // The old filter's `\s` missed the character that `trimAsNet` trims: the step's action was read as
  // an expression, not as the action GitHub's runner runs. Written as the escape `\N` in a
  // double-quoted string it is still read so; a raw U+0085 is a line break to the runner's reader,
  // and since session 34 an action file holding one is refused with its line, as a workflow is.
  it('is the action the runner runs', () => {
    const action = `runs:\n  using: composite\n  steps:\n    - uses: "\${{\\N'evil/action@main' }}"\n`;
    expect(readComposite(action).uses.map((u) => u.uses)).toEqual(['evil/action@main']);
  });

  it('raw, refuses the file with its line (session 34)', () => {
    const action = `runs:\n  using: composite\n  steps:\n    - uses: \${{${NEL}'evil/action@main' }}\n`;
    const read = readComposite(action);
    expect(read.unread).toBe(true);
    expect(read.problem).toContain('line 4 holds U+0085 (NEXT LINE)');
  });
});
