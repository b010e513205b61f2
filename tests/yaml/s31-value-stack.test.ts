/**
 * The fast reader's value mode (the manifest's) gathers a mapping's entries on the reader's stack,
 * four slots an entry (key, its line, value, its line), as tree mode gathers its entries one a slot
 * (session 31, shared/yaml/fast.ts `map`): no four arrays grown per mapping. What this must not
 * change, stated here: value mode takes what tree mode takes, and reads it to the reference's value
 * with every key's and value's line tree mode gives, through mappings nested in mappings and in
 * sequences (each leaves the stack as it found it); a duplicated key is refused wherever it stands,
 * in a short mapping and past the sixteenth key (where the reader switches to a set).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fastLocated, fastLocatedValue } from '../../shared/yaml/fast.js';
import { IMPLICIT, parseLocatedYamlReference, type LNode } from '../../shared/yaml/located.js';

/** Not fixed: CI runs other seeds than the last local run (FC_SEED replays one). */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

/** A located tree, or a value mode's view of one, as plain data (the view's getters read). */
function plain(n: LNode): unknown {
  if (n.kind === 'scalar') return { line: n.line, value: n.value };
  if (n.kind === 'seq') return { line: n.line, items: n.items.map(plain) };
  return {
    line: n.line,
    entries: n.entries.map((e) => ({ key: e.key, keyLine: e.keyLine, value: plain(e.value) })),
  };
}

/** Value mode against tree mode and the reference, on a text tree mode takes. */
function sameInValueMode(text: string): void {
  const tree = fastLocated(text, IMPLICIT);
  const read = fastLocatedValue(text, IMPLICIT);
  if (!tree) {
    expect(read).toBeUndefined();
    return;
  }
  expect(read).toBeDefined();
  const ref = parseLocatedYamlReference(text);
  expect(ref.error).toBeUndefined();
  expect(read!.value).toStrictEqual(ref.value);
  expect(plain(read!.root)).toStrictEqual(plain(tree));
}

type Doc = { key: string; value: Doc[] | string | Doc[][] };

const KEYS = ['a', 'b', 'c', 'k1', 'k2', '12', 'true'];

const doc: fc.Arbitrary<Doc[]> = fc.letrec<{ map: Doc[] }>((tie) => ({
  map: fc.array(
    fc.record({
      key: fc.constantFrom(...KEYS),
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('x', '1', '', '[p, q]', '"s"', 'a # c'),
        tie('map'),
        fc.array(tie('map'), { minLength: 1, maxLength: 3 }),
      ),
    }),
    { minLength: 1, maxLength: 5 },
  ),
})).map;

function render(entries: Doc[], col: number, out: string[]): void {
  const pad = ' '.repeat(col);
  for (const e of entries) {
    if (typeof e.value === 'string') out.push(`${pad}${e.key}: ${e.value}`.trimEnd());
    else if (e.value.length > 0 && Array.isArray(e.value[0])) {
      out.push(`${pad}${e.key}:`);
      for (const item of e.value as Doc[][]) {
        const lines: string[] = [];
        render(item, col + 4, lines);
        out.push(`${pad}  - ${lines[0]!.trimStart()}`, ...lines.slice(1));
      }
    } else {
      out.push(`${pad}${e.key}:`);
      render(e.value as Doc[], col + 2, out);
    }
  }
}

describe("value mode's entries on the reader's stack (session 31)", () => {
  it('reads nested mappings, sequences of mappings and duplicates as tree mode and the reference', () => {
    fc.assert(
      fc.property(doc, fc.boolean(), (entries, blank) => {
        const lines: string[] = [];
        render(entries, 0, lines);
        sameInValueMode(lines.join(blank ? '\n\n' : '\n') + '\n');
      }),
      { numRuns: 3000, seed },
    );
  });

  it('refuses a duplicated key at every place of a long mapping, and takes the mapping without it', () => {
    const keys = Array.from({ length: 24 }, (_, i) => `key${i}`);
    const long = (ks: string[]) =>
      `top:\n  x: 1\n  m:\n${ks.map((k, i) => `    ${k}: ${i}\n`).join('')}  y: 2\n`;
    sameInValueMode(long(keys));
    expect(fastLocatedValue(long(keys), IMPLICIT)).toBeDefined();
    for (const at of [1, 5, 15, 16, 17, 23]) {
      for (const from of [0, at - 1]) {
        const dup = [...keys];
        dup[at] = keys[from]!;
        if (at === from) continue;
        expect(fastLocatedValue(long(dup), IMPLICIT)).toBeUndefined();
        expect(fastLocated(long(dup), IMPLICIT)).toBeUndefined();
      }
    }
    // A value equal to a later key is no duplicate (only keys are compared), nor is a line number.
    sameInValueMode('a: b\nb: a\n"1": 1\n"2": 1\n');
    expect(fastLocatedValue('a: b\nb: a\n"1": 1\n"2": 1\n', IMPLICIT)).toBeDefined();
  });
});
