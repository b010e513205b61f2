/**
 * Session 9 (issue 11 §9): a quoted scalar that goes on at or left of its parent's column is read by
 * js-yaml and refused by the `yaml` package GitHub's parser reads with. The fast path now hands that
 * refusal over itself (shared/yaml/fast.ts, `fastLocatedOrRefusal`) instead of giving the document to
 * the reference path, which ran both readers cold to say the same (apache/airflow ci.yml, 56 KB).
 * These tests hold the two paths to each other: the same error, message and line, or the same tree.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastLocatedOrRefusal, fastLocatedValue } from '../../shared/yaml/fast.js';
import { IMPLICIT, parseLocatedYaml, parseLocatedYamlReference } from '../../shared/yaml/located.js';
import { CORPUS_DIR } from '../support/corpus.js';

const strip = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The combined reader (fast path first) and the reference path agree on `text`, in both modes. */
function expectSameAsReference(text: string): void {
  const ref = parseLocatedYamlReference(text);
  const got = parseLocatedYaml(text);
  expect(got.error).toStrictEqual(ref.error);
  if (!ref.error) expect(got.root).toStrictEqual(ref.root);
  // The manifest's reader (lazy, js-yaml only: no second reading) never takes the refusal over.
  const lazy = parseLocatedYaml(text, { lazy: true });
  expect(lazy.error).toStrictEqual(parseLocatedYamlReference(text, { lazy: true }).error);
}

const refusedFast = (text: string) => {
  const r = fastLocatedOrRefusal(strip(text), IMPLICIT);
  return r !== undefined && 'refusal' in r;
};

describe('a quoted scalar going on left of its parent: the refusal without the second reader', () => {
  it('apache/airflow ci.yml is refused by the fast path, with the second reading’s message and line', () => {
    const text = readFileSync(join(CORPUS_DIR, 'apache_airflow_.github_workflows_ci.yml'), 'utf8');
    for (const variant of [text, `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`]) {
      expect(fastLocatedOrRefusal(strip(variant), IMPLICIT)).toStrictEqual({
        refusal: { message: 'Missing closing "quote', line: 332 },
      });
      expectSameAsReference(variant);
      expect(parseLocatedYaml(variant).error).toStrictEqual({
        message: 'GitHub\'s YAML reader refuses this document: Missing closing "quote',
        line: 332,
        kind: 'syntax',
      });
    }
  });

  it.each([
    ['double quote, continued at column 0', 'a:\n  b: "x\ny"\n', 2],
    ['single quote, continued at column 0', "a:\n  b: 'x\ny'\n", 2],
    ['continued at the key’s own column', 'a:\n  b: "x\n  y"\n', 2],
    ['after a good continuation line and blank lines', 'a:\n  b: "x\n   y\n\n  \nz"\n', 5],
    ['a sequence item', 'a:\n  - "x\n  y"\n', 2],
    ['a compact mapping in a sequence', 'a:\n  - b: "x\n    y"\n  - c\n', 2],
    ['CRLF line ends', 'a:\r\n  b: "x\r\ny"\r\n', 2],
    ['then an escaped line break continued at column 0', 'a:\n  b: "x\ny \\\nz"\n  c: 1\n', 2],
  ])('%s', (_what, text, line) => {
    expect(refusedFast(text)).toBe(true);
    expect(parseLocatedYaml(text).error?.line).toBe(line);
    expectSameAsReference(text);
  });

  it.each([
    ['a top-level value (left to the reference)', 'a: "x\ny"\n'],
    ['a document marker inside the scalar (js-yaml’s own error)', 'a:\n  b: "x\n---\n  y"\n'],
    ['a duplicated key after it (js-yaml’s error comes first)', 'a:\n  b: "x\ny"\n  b: 1\n'],
    ['a merge key after it', 'a:\n  b: "x\ny"\n  <<: {c: 1}\n'],
    ['an anchor after it', 'a:\n  b: "x\ny"\n  c: &k 1\n'],
    ['a tab after it', 'a:\n  b: "x\ny"\n  c:\t1\n'],
    ['an escaped line break continued at column 0', 'a:\n  b: "x\\\ny"\n'],
    ['a quote escaped before the line break', 'a:\n  b: "x\\"\ny"\n'],
    ['a quote doubled before the line break', "a:\n  b: 'x''\ny'\n"],
    ['a key longer than 1,024 characters before it', `a:\n  ${'k'.repeat(1030)}: 1\n  b: "x\ny"\n`],
  ])('given back: %s', (_what, text) => {
    expect(refusedFast(text)).toBe(false);
    expectSameAsReference(text);
  });

  it('a key longer than 1,024 characters is the reference’s (GitHub’s reader refuses it)', () => {
    for (const text of [`a:\n  ${'k'.repeat(1030)}: 1\n`, `a: {${'k'.repeat(1030)}: 1}\n`]) {
      expect(fastLocatedOrRefusal(text, IMPLICIT)).toBeUndefined();
      expect(fastLocatedValue(text, IMPLICIT)).toBeUndefined();
      expectSameAsReference(text);
    }
  });

  it('generated documents: the fast path’s refusal (or tree) is the reference path’s, message and line', () => {
    const word = fc.constantFrom(
      'x',
      'y z',
      '#c',
      'a: b',
      '- d',
      '"',
      "'",
      "''",
      '\\"',
      '\\\\',
      '---',
      '...',
      '%p',
      'e\\',
    );
    const continuation = fc.record({
      col: fc.nat({ max: 16 }),
      blanks: fc.array(fc.nat({ max: 6 }), { maxLength: 2 }),
      words: fc.array(word, { minLength: 1, maxLength: 2 }),
    });
    const level = fc.record({
      kind: fc.constantFrom('map', 'seq', 'compact'),
      step: fc.integer({ min: 1, max: 4 }),
    });
    const tail = fc.constantFrom(
      '',
      'k2: v',
      'k2:\n{IN}  - i',
      'k: dup',
      '<<: {m: 1}',
      'k3: &an 1',
      'k4:\t1',
      'k5: "p\nq"',
      'k6: [a, b]',
      `${'L'.repeat(1030)}: 1`,
      '---',
    );
    // The generator must exercise the new refusal, not only what is given back: that reach is asserted
    // on a fixed seed (133 refused and 37 read there), and a drawn seed explores beside it. Over 30
    // drawn seeds (session 41) `read` ran 18-48 (mean 32, sd 7) and `refused` 114-156 (mean 133, sd 9):
    // the bound of 20 read, asserted on the drawn seed alone, failed two of those 30 seeds.
    let refused = 0;
    let read = 0;
    for (const seed of [900_373_248, undefined]) {
      refused = 0;
      read = 0;
      fc.assert(
        fc.property(
          fc.array(level, { minLength: 1, maxLength: 4 }),
          fc.constantFrom('"', "'"),
          fc.array(word, { minLength: 1, maxLength: 2 }),
          fc.array(continuation, { minLength: 1, maxLength: 3 }),
          fc.constantFrom('', ' # c', ' x'),
          fc.array(tail, { maxLength: 2 }),
          fc.boolean(),
          fc.constantFrom('', `  ${'P'.repeat(1030)}: 1\n`, '  k: before\n'),
          fc.boolean(),
          (levels, q, first, conts, after, tails, crlf, before, asItem) => {
            let text = `on: push\njobs:\n${before}`;
            let ind = 2;
            for (const l of levels) {
              const pad = ' '.repeat(ind);
              if (l.kind === 'map') {
                text += `${pad}k:\n`;
                ind += l.step;
              } else if (l.kind === 'seq') {
                text += `${pad}k:\n${pad}- i\n${pad}- k:\n`;
                ind += 2 + l.step;
              } else {
                text += `${pad}k:\n${pad}- k0: 1\n${pad}  k:\n`;
                ind += 2 + l.step;
              }
            }
            const pad = ' '.repeat(ind);
            text += `${pad}${asItem ? '-' : 'k:'} ${q}${first.join(' ')}`;
            for (const c of conts) {
              for (const b of c.blanks) text += `\n${' '.repeat(b)}`;
              text += `\n${' '.repeat(c.col)}${c.words.join(' ')}`;
            }
            text += `${q}${after}\n`;
            for (const t of tails) text += `${pad}${t.replace('{IN}', pad)}\n`;
            if (crlf) text = text.replace(/\n/g, '\r\n');
            if (refusedFast(text)) refused++;
            else if (fastLocatedOrRefusal(strip(text), IMPLICIT)) read++;
            expectSameAsReference(text);
          },
        ),
        { numRuns: 2500, seed },
      );
      if (seed !== undefined) {
        expect(refused).toBeGreaterThan(100);
        expect(read).toBeGreaterThan(20);
      }
    }
  });
});

describe('deep nesting is the reference path’s, whatever the engine has compiled', () => {
  it('a block collection right of column 256 is given back, at any warmth of the reader', () => {
    // 300 levels fit on the stack either way: the fast path must give them back by its own rule.
    let deep = '';
    for (let i = 0; i < 300; i++) deep += `${' '.repeat(i)}a:\n`;
    let shallow = '';
    for (let i = 0; i < 200; i++) shallow += `${' '.repeat(i)}a:\n`;
    expect(fastLocatedOrRefusal(deep, IMPLICIT)).toBeUndefined();
    expect(fastLocatedValue(deep, IMPLICIT)).toBeUndefined();
    expect(fastLocatedOrRefusal(shallow, IMPLICIT)).toBeDefined();
    expectSameAsReference(deep);
    expectSameAsReference(shallow);
    let seqs = '';
    for (let i = 0; i < 150; i++) seqs += `${' '.repeat(2 * i)}- a:\n`;
    expect(fastLocatedOrRefusal(seqs, IMPLICIT)).toBeUndefined();
    expectSameAsReference(seqs);
  });
});
