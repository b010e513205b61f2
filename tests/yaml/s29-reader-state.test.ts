/**
 * The fast reader keeps its state in module variables, set afresh by `start` for each text (session 29,
 * w-cspeed2: a field of an object, or a method looked up on it, cost an inline-cache call each under
 * `--no-opt`). What this must not change: a read's answer depends on its own text and mode only, never
 * on what was read before it: a text read to its end, one given up on half-way (`BAIL` thrown with the
 * reader deep in a mapping), one with a quoted scalar's refusal, one with tabs, in tree mode or value
 * mode. Each read after any other equals the same read after a fixed neutral one.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fastLocated, fastLocatedOrRefusal, fastLocatedValue } from '../../shared/yaml/fast.js';
import { IMPLICIT } from '../../shared/yaml/located.js';
import { takenAsReference } from '../support/fast-reader.js';

/** Texts that leave the reader in different states: positions, cached keys, a refusal, tabs, a half-built stack. */
const TEXTS: readonly string[] = [
  'a: 1\n',
  'abc: 1\n',
  'abcdef: x\nb: [1, 2]\n',
  'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
  // Given up on half-way: a duplicated key deep in a mapping, a tab before a value, a merge key.
  'jobs:\n  a:\n    x: 1\n    x: 2\n',
  'jobs:\n  a:\n    b:\n      - c: 1\n        d: {e: 1\n',
  'a:\tb\n',
  'a: 1\n<<: {b: 2}\n',
  // A quoted scalar going on at or left of its parent's column: the refusal the reader records.
  'a:\n  b: "one\n  two"\nc: 1\n',
  "k: 'x\ny'\n",
  // A tab inside a scalar's content (the reader counts them down).
  'a: "x\ty"\nb: |\n  c\td\n',
  'run: |\n  make\n  make test\nname: x\n',
  '- a\n- b: c\n  d: e\n',
  'x: 1\n',
];

type Mode = 'tree' | 'value' | 'refusal';

function readIn(mode: Mode, text: string): unknown {
  if (mode === 'tree') return fastLocated(text, IMPLICIT);
  if (mode === 'refusal') return fastLocatedOrRefusal(text, IMPLICIT);
  const r = fastLocatedValue(text, IMPLICIT);
  // The tree over a value is built on first read: compare what a look-up sees.
  return r && { value: r.value, root: JSON.parse(JSON.stringify(r.root, viewKeys)) as unknown };
}

/** A value-mode view's getters (`entries`, `items`) spelled out, its private fields left out. */
function viewKeys(this: unknown, key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const n = v as { kind?: string; line?: number; entries?: unknown; items?: unknown; value?: unknown };
  if (n.kind === 'map') return { kind: n.kind, line: n.line, entries: n.entries };
  if (n.kind === 'seq') return { kind: n.kind, line: n.line, items: n.items };
  return v;
}

const NEUTRAL = 'z: 0\n';
const MODES: readonly Mode[] = ['tree', 'value', 'refusal'];

function alone(mode: Mode, text: string): unknown {
  readIn('tree', NEUTRAL);
  return readIn(mode, text);
}

describe('the fast reader between texts', () => {
  it('reads a key at the position of the last text’s key afresh (no colon kept from it)', () => {
    expect(fastLocated('a: 1\n', IMPLICIT)).toBeDefined();
    expect(fastLocated('abc: 1\n', IMPLICIT)).toEqual({
      kind: 'map',
      line: 1,
      entries: [{ key: 'abc', keyLine: 1, value: { kind: 'scalar', line: 1, value: 1 } }],
    });
  });

  it('keeps no refusal from the text before', () => {
    expect(fastLocatedOrRefusal('a:\n  b: "one\n  two"\nc: 1\n', IMPLICIT)).toHaveProperty('refusal');
    expect(fastLocatedOrRefusal('c: 1\n', IMPLICIT)).toHaveProperty('root');
  });

  it('counts the tabs of each text afresh (none left over from a text given up on)', () => {
    expect(fastLocated('a:\tb\n', IMPLICIT)).toBeUndefined();
    takenAsReference('a: x\ty\nb: |\n  c\td\n');
    takenAsReference('c: 1\n');
  });

  it('answers every text in every mode as it does after a neutral text, whatever came before', () => {
    const expected = new Map<string, unknown>();
    for (const mode of MODES) for (const text of TEXTS) expected.set(`${mode}\0${text}`, alone(mode, text));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...MODES), fc.constantFrom(...TEXTS)), {
          minLength: 2,
          maxLength: 12,
        }),
        (reads) => {
          for (const [mode, text] of reads)
            expect(readIn(mode, text)).toStrictEqual(expected.get(`${mode}\0${text}`));
        },
      ),
      { numRuns: 300, seed: 29 },
    );
  });
});
