/**
 * The fast path of the located reader (shared/yaml/fast.ts) against the reference path (js-yaml and
 * its listener): whatever the fast path accepts, it reads to the same tree, every line included; what
 * js-yaml refuses, or what is outside its subset, it gives back.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastLocated, fastLocatedValue, fastValue } from '../../shared/yaml/fast.js';
import {
  IMPLICIT,
  lineAtPath,
  parseLocatedYaml,
  parseLocatedYamlReference,
  toValue,
  type LNode,
} from '../../shared/yaml/located.js';
import { CORPUS_DIR, FIXTURES_DIR, yamlFiles } from '../support/corpus.js';

const fast = (text: string) => fastLocated(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, IMPLICIT);

/** Empty when the fast path gave the document back, or read it as the reference does. */
function disagreement(text: string): string | undefined {
  const tree = fast(text);
  if (!tree) return undefined;
  const ref = parseLocatedYamlReference(text);
  if (ref.error) return `the fast path accepted what the reference refuses: ${ref.error.message}`;
  try {
    expect(tree).toStrictEqual(ref.root);
    expect(fastValue(tree)).toStrictEqual(ref.value);
  } catch (err) {
    return `the trees differ: ${(err as Error).message.slice(0, 2000)}`;
  }
  // Value mode (the manifest's): the same value, and the same line along every path of the tree.
  const v = fastLocatedValue(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, IMPLICIT);
  // An empty value tagged `!` is tree mode's only (the lazy reference keeps js-yaml's null for it).
  if (!v) return EMPTY_TAG.test(text) ? undefined : 'value mode gave back what tree mode read';
  try {
    expect(v.value).toStrictEqual(ref.value);
  } catch (err) {
    return `value mode's value differs: ${(err as Error).message.slice(0, 2000)}`;
  }
  for (const p of [...paths(tree), ['no such key', 0]]) {
    const a = lineAtPath(v.root, p);
    const b = lineAtPath(ref.root, p);
    if (a !== b) return `value mode: line of ${p.join('.')} is ${a}, the reference says ${b}`;
  }
  return undefined;
}

const EMPTY_TAG = /(?:^|[ :-])!(?: |\r?$)/m;

/** Every key path of a tree, and one index past each sequence. */
function paths(root: LNode): (string | number)[][] {
  const out: (string | number)[][] = [];
  const visit = (n: LNode, at: (string | number)[]) => {
    out.push(at);
    if (n.kind === 'map') for (const e of n.entries) visit(e.value, [...at, e.key]);
    else if (n.kind === 'seq') {
      n.items.forEach((item, i) => visit(item, [...at, i]));
      out.push([...at, n.items.length]);
    }
  };
  visit(root, []);
  return out;
}

const corpusDir = CORPUS_DIR;

describe('fast path: the corpus and the fixtures', () => {
  it('reads nearly every corpus workflow, each to the reference tree (as written, and with BOM + CRLF)', () => {
    if (!existsSync(corpusDir)) throw new Error(`corpus missing: ${corpusDir}`);
    const corpus = readdirSync(corpusDir).map((f) => join(corpusDir, f));
    const files = [...corpus, ...yamlFiles(FIXTURES_DIR)];
    const differ: string[] = [];
    let accepted = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (corpus.includes(f) && fast(text)) accepted++;
      for (const variant of [text, `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`]) {
        const d = disagreement(variant);
        if (d) differ.push(`${f}: ${d}`);
      }
    }
    expect(differ).toEqual([]);
    // Not a speed assertion: the fast path must actually be the one reading the corpus.
    expect(accepted).toBeGreaterThan(1400);
  });

  it('reads the corpus files with a tab inside a scalar or an empty `!` value (session 17), to the reference tree', () => {
    const files = [
      'ray-project_ray_.github_workflows_main.yml', // `${{ github.ref\t}}`, a plain value
      'ruby_ruby_.github_workflows_check_misc.yml', // `'[^\t -~]'` in a literal block scalar
      'tauri-apps_tauri_.github_workflows_covector-version-or-publish.yml', // `ENV_KEY_PREFIX: !`
      'tauri-apps_tauri_.github_workflows_update-docs.yml',
    ];
    for (const f of files) {
      const text = readFileSync(join(corpusDir, f), 'utf8');
      expect([f, fast(text) !== undefined]).toEqual([f, true]);
      expect([f, disagreement(text)]).toEqual([f, undefined]);
    }
  });
});

describe('fast path: what it gives back to the reference path', () => {
  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a merge key', 'base: {a: 1}\nuse:\n  <<: {b: 2}\n'],
    ['a quoted merge key', "a:\n  '<<': 1\n"],
    ['a duplicated key', 'a: 1\nb: 2\na: 3\n'],
    ['a duplicated key after resolution', '1: a\n"1": b\n'],
    [
      'a duplicated key in a large mapping',
      `${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk3: again\n`,
    ],
    ['a duplicated key in a flow mapping', 'a: {x: 1, x: 2}\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['a tab before a value', 'a: \tb\n'],
    ['a tab as separation after a key', 'a:\tb\n'],
    ['a tab ending a value', 'a: b\t\nc: 1\n'],
    ['a tab before a comment', 'a: b\t#c\n'],
    ['a tab after a colon inside a value', 'a: b:\tc\n'],
    ['a tab before a space inside a value', 'a: b\t c\n'],
    ['a tab in a key', 'a\tb: 1\n'],
    ['a tab in a comment', 'a: b # x\ty\n'],
    ['a tab in a flow collection', 'a: [x,\ty]\n'],
    ['a tab in a quoted scalar', 'a: "x\ty"\n'],
    ['a tab after a dash', 'a:\n  -\tx\n'],
    ['a tab after a dash opening a value', 'a: -\tx\n'],
    ['a tab after a dash opening a continuation line', 'a: x\n  -\ty\n'],
    ["a tab in a block scalar's indentation", 'a: |\n  \tx\n'],
    ['a tab opening a more indented folded line', 'a: >\n  x\n  \ty\n'],
    ['a tab after a block scalar header', 'a: |\t\n  x\n'],
    ['a tab starting a continuation line', 'a: x\n  \ty\n'],
    ['a tag on a value', 'a: ! x\n'],
    ['a tag on a value on the lines below', 'a: !\n  b: 1\n'],
    ['a tag on an indentless sequence', 'a: !\n- x\n'],
    ['a tag with a comment without a space', 'a: !#c\n'],
    ['a lone CR', 'a: 1\rb: 2\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['an explicit key', '? a\n: 1\n'],
    // Nested one-line flow collections are read since session 8 (tests/yaml/flow-s8-nested.test.ts).
    ['a flow collection as a flow key', 'a: {[b]: 1}\n'],
    ['an anchor and an alias inside a nested flow collection', 'a: [{b: &y 1}, *y]\n'],
    ['an empty sequence item', 'a:\n  - x\n  -\n  - y\n'],
    ['a comment without a space before it inside a flow collection', 'a: [x,# c\n  y]\n'],
    ['a non-printable character', 'a: "\u0007"\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['a key and value on one line after a value', 'a: b: c\n'],
    ['a continuation of a key', 'a\n  b: 1\n'],
    ['a root scalar', 'hello\n'],
    ['an indented root', '  a: 1\n'],
    ['a line indented between two levels', 'a:\n    b: 1\n  c: 2\n'],
    ['a sequence item after a mapping entry', 'a: 1\n- b\n'],
    ['an unterminated quote', "a: 'x\n"],
    ['an unterminated flow collection', 'a: [x, y\n'],
    ['a plain scalar starting with an indicator', 'a: @x\n'],
    ['a block scalar on its own line', 'a:\n  |\n    x\n'],
    ['an empty document', '# nothing\n'],
    ['a more indented line after a comment ended a scalar', 'a:\n x #y\n ---\n'],
    ['a more indented line after a comment line', 'a: x\n  # c\n  y\n'],
    ['a document marker inside a quoted scalar', 'a: "x\n---\n  y"\n'],
    ['a document end inside a quoted scalar', "a: 'x\n...\n'\n"],
    // Where js-yaml and the `yaml` package (GitHub's parser's reader) part (session 7).
    ['a quoted scalar going on at column 0', 'a: "x\\\ny\n  z"\nb: \'p\nq\'\n'],
    ['an escaped line break then an empty line', 'a: "x \\\n\n   y\\\n  z"\nb: 1\n'],
    ['spaces before a folded line break in a quoted scalar', "b: 'q\n  r  \n\n  s'\n"],
    ['a line of spaces past an indicated indentation, before any content', 'a: |1\n   \nb: 1\n'],
  ])('%s', (_what, text) => {
    expect(fast(text)).toBeUndefined();
    expect(fastLocatedValue(text, IMPLICIT)).toBeUndefined();
    // ...and the reference path still reads it (or reports it) as before.
    const ref = parseLocatedYamlReference(text);
    const combined = parseLocatedYaml(text);
    expect(combined.error).toEqual(ref.error);
    expect(combined.root).toEqual(ref.root);
    const lazy = parseLocatedYaml(text, { lazy: true });
    expect(lazy.error).toEqual(parseLocatedYamlReference(text, { lazy: true }).error);
  });

  it('the manifest reader (value mode) keeps `__proto__` an own key, as js-yaml does', () => {
    const v = fastLocatedValue('__proto__: {polluted: 1}\na: 1\n', IMPLICIT)!;
    expect(Object.prototype.hasOwnProperty.call(v.value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(lineAtPath(v.root, ['a'])).toBe(2);
  });

  it('nesting too deep for the call stack is a syntax error, never a throw', () => {
    let text = '';
    for (let i = 0; i < 3000; i++) text += `${' '.repeat(i)}a:\n`;
    expect(fast(text)).toBeUndefined();
    expect(parseLocatedYaml(text).error?.kind).toBe('syntax');
    expect(parseLocatedYaml(text, { lazy: true }).error?.kind).toBe('syntax');
  });

  it('a duplicated key is still a syntax error with its line', () => {
    expect(parseLocatedYaml('on: push\njobs: {}\non: pull_request\n').error).toMatchObject({
      kind: 'syntax',
      line: 3,
    });
  });

  it('flow content is never dropped: a flow job body is read whole (by one path or the other)', () => {
    const text =
      'on: push\njobs:\n  build:\n    { permissions: write-all, steps: [ { uses: evil/action@main } ] }\n';
    expect(toValue(parseLocatedYaml(text).root)).toEqual({
      on: 'push',
      jobs: { build: { permissions: 'write-all', steps: [{ uses: 'evil/action@main' }] } },
    });
  });
});

describe('fast path: reads what it accepts as the reference does', () => {
  it.each([
    [
      'scalars that resolve',
      'a: 1\nb: 0x1F\nc: 1_000\nd: .inf\ne: -1.5e3\nf: true\ng: ~\nh: null\ni: yes\nj: on\n',
    ],
    ['keys that resolve', '1.0: a\n0x10: b\nnull: c\ntrue: d\n'],
    ['empty values, the line of what follows', 'a:\n\n# c\nb:\nc: # x\n'],
    ['quoted scalars', `a: 'it''s'\nb: "x\\n\\"y\\" \\u00e9 \\x41"\nc: ''\nd: ""\n`],
    ['an escaped line break in a double-quoted scalar', 'a: "x \\\n   y\\\n  z"\nb: 1\n'],
    ['a comment ending a multi-line scalar', 'a: x\n  y # z\nb: 1\n'],
    ['multi-line scalars', 'a: one\n  two\n\n  three\nb: \'q\n  r\n\n  s\'\nc: "x\n  y"\n'],
    [
      'block scalars',
      'a: |\n  x\n\n  y\nb: >-\n  p\n  q\n\n   r\n  s\nc: |+\n  k\n\nd: |2\n    m\ne: >\n\n  f\n',
    ],
    ['a block scalar at the end of the text', 'a: |\n  x\n\n'],
    ['a block scalar without a final line break', 'a: |-\n  x'],
    ['sequences', 'a:\n- x\n- y: 1\n  z: 2\n-   w\nb:\n  - |\n    lit\n  - >-\n    fold\n'],
    ['indentless sequences', 'a:\n- x\n- y\nb: 1\n'],
    [
      'flow collections',
      "a: [x, 'y', \"z\", 1]\nb: {c: d, 'e': 2}\nc: []\nd: {}\ne: [a, b, ]\nf:\n  [\n    g,\n    h\n  ]\n",
    ],
    ['a leading document marker and comments', '# top\n---  # doc\na: 1 # one\nb: x#y\n'],
    ['CR LF line ends', 'a: 1\r\nb: |\r\n  x\r\n  y\r\nc: [p, q]\r\n'],
    // Session 17: the tabs both readers take as content, and `!` on an empty value.
    ['a tab inside a plain value', 'a: ${{ github.ref\t}}\nb: x\ty z\n'],
    ['a tab inside a multi-line plain value', 'a: x\n  y\tz\nb: 1\n'],
    [
      "tabs after a block scalar line's first content",
      "a: |\n  ! grep '[^\t -~]' x\n    y\t\n  z\t\t!\nb: >\n  p\tq\n   r\ts\n",
    ],
    ['a tab in a CR LF block scalar', 'a: |\r\n  x\ty\r\nb: 1\r\n'],
    ['an empty value tagged `!`', 'a: !\nb: 1\nc:\n  d: !   # c\n\n  e: !\nf: !'],
    ['a sequence item tagged `!`, the last', 'a:\n  - x\n  - !\nb: 1\n'],
    ['a value tagged `!` on a line of its own', 'a:\n  !\nb: 1\n'],
  ])('%s', (_what, text) => {
    expect(fast(text)).toBeDefined();
    expect(disagreement(text)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Generated documents: block YAML of the kinds workflows and manifests are written in.

const WORDS = [
  'on',
  'push',
  'yes',
  'null',
  'Null',
  '~',
  '1',
  '-2',
  '0o17',
  '0x1F',
  '1_000',
  '3.5',
  '.inf',
  '-.Inf',
  '.nan',
  '1e3',
  'true',
  'False',
  'a:b',
  'http://x/y',
  'x#y',
  '${{ matrix.os }}',
  'echo "hi"',
  "it's",
  'a,b',
  '[x]',
  '-v',
  '?q',
  ':c',
  '-',
  '@at',
  '%p',
  'x\ty',
  'a\t}}',
  '!',
];
const word = fc.constantFrom(...WORDS);
const key = fc.constantFrom(
  'a',
  'b',
  'on',
  'jobs',
  'run',
  '1',
  'true',
  'null',
  'x y',
  "'q k'",
  '"d k"',
  '<<',
);

type G =
  | { t: 'scalar'; style: number; words: string[] }
  | { t: 'map'; entries: { key: string; value: G; comment: number }[]; flow: number }
  | { t: 'seq'; items: G[]; flow: number };

const gen = fc.letrec<{ node: G }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      t: fc.constant('scalar' as const),
      style: fc.nat({ max: 14 }),
      words: fc.array(word, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      t: fc.constant('map' as const),
      entries: fc.array(fc.record({ key, value: tie('node'), comment: fc.nat({ max: 6 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
      flow: fc.nat({ max: 5 }),
    }),
    fc.record({
      t: fc.constant('seq' as const),
      items: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
      flow: fc.nat({ max: 5 }),
    }),
  ),
})).node;

function render(g: G): string {
  const pad = (n: number) => ' '.repeat(n);
  const flowScalar = (s: { style: number; words: string[] }) =>
    s.style % 3 === 0
      ? JSON.stringify(s.words.join(' '))
      : s.style % 3 === 1
        ? `'${s.words[0]}'`
        : s.words[0]!;
  const flow = (v: G, n: number): string => {
    if (v.t === 'scalar') return flowScalar(v);
    const wrap = v.flow === 5;
    const sep = wrap ? `,\n${pad(n + 2)}` : ', ';
    if (v.t === 'seq') return `[${v.items.map((i) => flow(i, n)).join(sep)}]`;
    return `{${v.entries.map((e) => `${e.key}: ${flow(e.value, n)}`).join(sep)}}`;
  };
  const value = (v: G, n: number): string => {
    if (v.t === 'scalar') {
      const w = v.words;
      const more = w.map((x) => `${pad(n + 2)}${x}`).join('\n');
      switch (v.style) {
        case 0:
          return ` |\n${more}\n`;
        case 1:
          return ` >-\n${more}\n\n${pad(n + 3)}${w[0]}\n`;
        case 2:
          return ` |+\n${more}\n\n`;
        case 3:
          return ` "${w.join(`\n${pad(n + 2)}`)}"\n`;
        case 4:
          return ` '${w.join(`\n\n${pad(n + 2)}`)}'\n`;
        case 5:
          return ` ${w.join(`\n${pad(n + 2)}`)}\n`;
        case 6:
          return ` ${JSON.stringify(w.join(' '))}\n`;
        case 7:
          return `\n${pad(n + 2)}${w[0]}\n`;
        case 8:
          return ` # nothing\n`;
        case 9:
          return `\n`;
        case 10:
          return ` ${w[0]} # note: - [x]\n`;
        case 11:
          return ` >\n\n${more}\n`;
        default:
          return ` ${w[0]}\n`;
      }
    }
    if (v.flow === 1 || v.flow === 5) return ` ${flow(v, n)}\n`;
    if (v.flow === 2) return `\n${pad(n + 2)}${flow(v, n + 2)}\n`;
    // A sequence as a mapping value, at the key's own indentation, now and then.
    if (v.t === 'seq' && v.flow === 3) return `\n${block(v, n)}`;
    return `\n${block(v, n + 2)}`;
  };
  const block = (v: G, n: number): string => {
    if (v.t === 'map')
      return v.entries
        .map((e) => {
          const note =
            e.comment === 1 ? `${pad(n)}# c: - ? [x] {y}\n` : e.comment === 2 ? `\n${pad(n + 4)}\n` : '';
          return `${note}${pad(n)}${e.key}:${value(e.value, n)}`;
        })
        .join('');
    if (v.t === 'seq')
      return v.items
        .map((i) => {
          // A mapping item written compactly after its dash.
          if (i.t === 'map' && i.flow === 0) return `${pad(n)}- ${block(i, n + 2).slice(n + 2)}`;
          return `${pad(n)}-${value(i, n)}`;
        })
        .join('');
    return `${pad(n)}${flow(v, n)}\n`;
  };
  if (g.t === 'scalar') return `a:${value(g, 0)}`;
  return g.flow === 1 ? `x: ${flow(g, 0)}\n` : block(g, 0);
}

describe('fast path: property', () => {
  it('real workflows, mutated (pieces inserted, characters deleted, indentation shifted): never accepted unless read as the reference reads it', () => {
    if (!existsSync(corpusDir)) throw new Error(`corpus missing: ${corpusDir}`);
    const texts = readdirSync(corpusDir)
      .map((f) => readFileSync(join(corpusDir, f), 'utf8'))
      .filter((t) => t.length < 6000);
    const pieces = [
      ':',
      ' ',
      '-',
      '#',
      "'",
      '"',
      '[',
      ']',
      '{',
      '}',
      ',',
      '|',
      '>',
      '&a',
      '*a',
      '!',
      '?',
      '\n',
      '\\',
      '\t',
      ': !',
    ];
    const mutation = fc.record({ at: fc.nat(), kind: fc.nat({ max: 2 }), piece: fc.constantFrom(...pieces) });
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (file, line, muts) => {
          const lines = texts[file % texts.length]!.split('\n');
          const from = line % lines.length;
          let t = `${lines.slice(Math.max(0, from - 8), from + 8).join('\n')}\n`;
          for (const m of muts) {
            const at = m.at % (t.length + 1);
            if (m.kind === 0) t = t.slice(0, at) + m.piece + t.slice(at);
            else if (m.kind === 1) t = t.slice(0, at) + t.slice(at + 1);
            else {
              const start = t.lastIndexOf('\n', at - 1) + 1;
              t = `${t.slice(0, start)} ${t.slice(start)}`;
            }
          }
          if (fast(t)) accepted++;
          expect(disagreement(t)).toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it('generated block YAML: what it accepts, it reads to the reference tree, lines included', () => {
    let accepted = 0;
    fc.assert(
      fc.property(gen, fc.nat({ max: 3 }), (g, variant) => {
        let text = render(g);
        if (variant === 1) text = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
        if (variant === 2) text = `---\n${text}`;
        if (variant === 3) text = text.replace(/\n$/, '');
        if (fast(text)) accepted++;
        expect(disagreement(text)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
    // The generator must exercise the fast path, not only its refusals.
    expect(accepted).toBeGreaterThan(200);
  });

  it('random lines of YAML-significant pieces: never accepted unless read as the reference reads it', () => {
    const piece = fc.constantFrom(
      'a:',
      'b: 1',
      'c: x y',
      '- d',
      '- e: 2',
      '-',
      '#c',
      "'q'",
      '"d\\n"',
      '"e',
      "f'",
      '[a, b]',
      '[a,',
      'b]',
      '{a: 1}',
      '{a',
      '|',
      '>-',
      '|2',
      '&x a',
      '*x',
      '? k',
      ': v',
      '---',
      '...',
      'k: v: w',
      'k: "x" y',
      'k: [x] y',
      'x #y',
      '',
      '  ',
      'k: x #y',
      '- |',
      '- >-',
      'b: >',
      'c: [x,',
      'z]',
      '}',
      "d: 'p",
      "q'",
      'e: "r\\',
      's"',
      '# c',
      'y',
      'f: x: y',
      '1: a',
      "'1': b",
      '<<: {}',
      '- - x',
      'g: |+',
      'h: |1',
      '~: n',
      'k: x\ty',
      'k: x\t',
      'k: \tx',
      'x\ty',
      '\tk: v',
      'k: !',
      '- !',
      '!',
      'k: ! x',
      '-\tx',
      '- x\ty',
      '?\tk',
      'k: -\tx',
      'k: x #\ty',
    );
    const line = fc.tuple(fc.nat({ max: 6 }), piece).map(([n, p]) => `${' '.repeat(n)}${p}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), (lines) => {
        expect(disagreement(`${lines.join('\n')}\n`)).toBeUndefined();
      }),
      { numRuns: 10000 },
    );
  });
});

describe('fast path: the indentation cut from a literal block scalar (session 19)', () => {
  // Lines of a literal scalar: content at or past the indentation, empty lines holding fewer, as
  // many or more spaces, a lone \r or U+2028 inside the content, under any header and line breaks.
  const line = fc.oneof(
    fc.record({
      t: fc.constant('text' as const),
      extra: fc.nat({ max: 3 }),
      body: fc.constantFrom('x', 'y z', 'a\rb', 'a\u2028  b', '# c'),
    }),
    fc.record({ t: fc.constant('blank' as const), spaces: fc.nat({ max: 7 }) }),
  );
  it('reads to the reference tree, whatever the empty lines hold', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: 4 }),
        fc.constantFrom('|', '|-', '|+', '|2', '|4-'),
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (indent, header, lines, crlf) => {
          const pad = ' '.repeat(indent + 4);
          const body = lines.map((l) =>
            l.t === 'text' ? `${pad}${' '.repeat(l.extra)}${l.body}` : ' '.repeat(l.spaces),
          );
          const text = `a:\n${' '.repeat(indent)}  b: ${header}\n${body.join('\n')}\nc: 1\n`;
          const doc = crlf ? text.replace(/\n/g, '\r\n') : text;
          if (fast(doc)) accepted++;
          expect(disagreement(doc)).toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });
});
