/**
 * Session 8: nested flow collections on the fast path (shared/yaml/fast.ts), e.g.
 * `include: [{os: a, node: 1}, {os: b}]`, `with: {a: [1, 2]}`, `on: { pull_request: {} }`, and
 * comments between the entries of a flow collection spanning lines. Whatever the fast path accepts it
 * must read exactly as the reference path (js-yaml and its listener: the tree, every line) and as the
 * `yaml` package, GitHub's parser's reader (the value); whatever it is not certain of (anchors,
 * aliases, tags, `?` keys, collection keys, multi-line scalars, `#` without a space before it,
 * entries without a value, lines indented too little) it must give back to the reference path.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fastLocated, fastLocatedValue, fastValue } from '../../shared/yaml/fast.js';
import {
  IMPLICIT,
  SCHEMA,
  lineAtPath,
  parseLocatedYaml,
  parseLocatedYamlReference,
  type LNode,
} from '../../shared/yaml/located.js';
import { secondReading } from '../../shared/yaml/second-reader.js';
import { CORPUS_DIR } from '../support/corpus.js';

const noBom = (t: string) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);

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

/**
 * What is wrong with the fast path's reading of `text`, if anything. Undefined when it gave the
 * document back, or read it to the reference tree (keys, values, every node's and key's line), to
 * js-yaml's value and to the `yaml` package's value, in tree mode and in value mode (the manifest's).
 */
function fastDisagreement(text: string): string | undefined {
  const tree = fastLocated(noBom(text), IMPLICIT);
  const v = fastLocatedValue(noBom(text), IMPLICIT);
  if (!tree) return v ? 'value mode read what tree mode gave back' : undefined;
  // An empty value tagged `!` (session 17): the empty string to the `yaml` package, null to js-yaml;
  // tree mode reads it as the reference path does (the `yaml` package's scalar), value mode gives it back.
  const tagged = EMPTY_TAG.test(text);
  if (!v && !tagged) return 'value mode gave back what tree mode read';
  const ref = parseLocatedYamlReference(text);
  if (ref.error) return `read what the reference refuses: ${ref.error.message}`;
  if (!isDeepStrictEqual(tree, ref.root))
    return `trees differ: fast ${JSON.stringify(tree)}\nreference ${JSON.stringify(ref.root)}`;
  const value = fastValue(tree);
  let js: unknown;
  try {
    js = yaml.load(noBom(text), { schema: SCHEMA });
  } catch {
    return 'read what js-yaml refuses';
  }
  if (!tagged && !isDeepStrictEqual(value, js))
    return `fast ${JSON.stringify(value)}, js-yaml ${JSON.stringify(js)}`;
  const second = secondReading(noBom(text));
  if ('error' in second) return `read what GitHub's reader refuses: ${second.error.message}`;
  if (!isDeepStrictEqual(value, second.value))
    return `fast ${JSON.stringify(value)}, GitHub's reader ${JSON.stringify(second.value)}`;
  if (!v) return undefined;
  if (!isDeepStrictEqual(v.value, value)) return 'value mode reads another value';
  for (const p of [...paths(tree), ['no such key', 0]]) {
    const a = lineAtPath(v.root, p);
    const b = lineAtPath(ref.root, p);
    if (a !== b) return `value mode: line of ${p.join('.')} is ${a}, the reference says ${b}`;
  }
  return undefined;
}

const EMPTY_TAG = /(?:^|[ :-])!(?: |\r?$)/m;

/** The files of the corpus that contain a flow collection nested in another, or a comment inside one. */
const NOW_FAST = [
  'jhipster_generator-jhipster_.github_workflows_label-cleanup.yml', // issues: { types: [closed] }
  'jhipster_generator-jhipster_.github_workflows_triage.yml',
  'nsqio_nsq_.github_workflows_test.yml', // push: {branches: [master]}
  'openssl_openssl_.github_workflows_cross-compiles.yml', // platform: [ {...}, {...} ] over lines
  'pandas-dev_pandas_.github_workflows_posix.yml', // settings: [ [a, "b", ""], ... ]
  'vapor_vapor_.github_workflows_test.yml', // on: { pull_request: {} }
  'iptv-org_iptv_.github_workflows_clean.yml', // a comment line inside a flow sequence
];

describe('nested flow collections: the corpus', () => {
  const files = readdirSync(CORPUS_DIR).filter((f) => /\.ya?ml$/.test(f));

  it('every corpus file the fast path accepts is read as the reference path and GitHub’s reader read it', () => {
    expect(files.length).toBe(1503);
    const differ: string[] = [];
    const refused: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
      if (!fastLocated(noBom(text), IMPLICIT)) refused.push(f);
      for (const variant of [text, `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`]) {
        const d = fastDisagreement(variant);
        if (d) differ.push(`${f}: ${d.slice(0, 1500)}`);
      }
    }
    expect(differ).toEqual([]);
    // The files with nested flow collections are now the fast path's...
    for (const f of NOW_FAST) expect(refused).not.toContain(f);
    // ...and what still goes to the reference path does so for a reason of its own: a quoted scalar
    // GitHub's reader refuses (handed over by the fast path without the tree). The tabs inside a
    // scalar and the empty `!` values of four more files are the fast path's since session 17.
    expect(refused.sort()).toEqual(['apache_airflow_.github_workflows_ci.yml']);
  });

  it('the files now read on the fast path give the check the same model input as before (value and lines)', () => {
    for (const f of NOW_FAST) {
      const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
      const ours = parseLocatedYaml(text);
      const ref = parseLocatedYamlReference(text);
      expect(ours.error).toBeUndefined();
      expect(ours.root).toStrictEqual(ref.root);
      expect(ours.value).toStrictEqual(ref.value);
    }
  });
});

describe('nested flow collections: read on the fast path, as both readers read them', () => {
  it.each([
    ['a matrix include', 'include: [{os: a, node: 1}, {os: b, node: 2.5}]\n'],
    ['a sequence in a mapping', 'with: {a: [1, 2], b: []}\n'],
    ['an empty mapping in a mapping', 'on: { pull_request: {} }\n'],
    ['sequences of sequences', 'm: [[a, "b c", ""], [d, \'e, f\', "g: h"]]\n'],
    [
      'spanning lines, with a trailing comma',
      'jobs:\n  x:\n    m: [\n      {a: 1, b: x},\n      {a: 2},\n    ]\n',
    ],
    ['a closing bracket at the parent’s column', 'm: [\n  {a: 1}\n]\n'],
    ['comments between entries', 'm: [a, # one\n  b, # two\n  # a line\n  {c: d} # three\n  ]\n'],
    ['quotes holding indicators', 'm: [{"a,b": "c]d", \'e}f\': "#g", h: \'[i]\'}]\n'],
    ['double-quoted escapes', 'm: [{a: "x\\ty\\u00e9\\"\\\\"}]\n'],
    ['keys resolved as the core schema', 'm: [{1: a, true: b, null: c, 0x10: e, 1.5: f}]\n'],
    [
      'values resolved as the core schema',
      'm: [{a: 1, b: +2, c: .5, d: true, e: null, f: ~, g: 1_0, h: .inf}]\n',
    ],
    ['a plain scalar with a colon not before a space', 'm: [{a: b:c, d: http://x/y}]\n'],
    ['in a block sequence', 'steps:\n  - {uses: x, with: {a: [1]}}\n  - [[1], [2]]\n'],
    ['deep nesting', 'a: [[[[[[[[[[x]]]]]]]]]]\n'],
    ['a comment after the collection', 'a: [{b: 1}] # c\nd: 2\n'],
  ])('%s', (_what, text) => {
    expect(fastLocated(text, IMPLICIT)).toBeDefined();
    expect(fastDisagreement(text)).toBeUndefined();
    expect(fastDisagreement(`\uFEFF${text.replace(/\n/g, '\r\n')}`)).toBeUndefined();
  });

  it('names the lines of entries spread over lines', () => {
    const text = 'on: push\nm: [\n  {a: 1,\n   b: [x,\n     y]},\n  z,\n]\n';
    const tree = fastLocated(text, IMPLICIT)!;
    expect(tree).toBeDefined();
    expect(lineAtPath(tree, ['m', 0, 'b', 1])).toBe(5);
    expect(lineAtPath(tree, ['m', 0, 'b'])).toBe(4);
    expect(lineAtPath(tree, ['m', 1])).toBe(6);
    expect(fastDisagreement(text)).toBeUndefined();
  });
});

describe('nested flow collections: what the fast path gives back', () => {
  it.each([
    ['an explicit key', 'a: [{? b: 1}]\n'],
    ['an explicit key in a sequence', 'a: [? b]\n'],
    ['an anchor', 'a: [{b: &x 1}]\n'],
    ['an anchor on a nested collection', 'a: [&x {b: 1}]\n'],
    ['an alias', 'a: [{b: *x}]\n'],
    ['a tag', 'a: [{b: !!str 1}]\n'],
    ['a tag on a nested collection', 'a: [!!map {b: 1}]\n'],
    ['a collection as a key', 'a: {{b: 1}: c}\n'],
    ['a sequence as a key', 'a: {[b]: c}\n'],
    ['a single pair in a sequence', 'a: [b: c]\n'],
    ['a quoted single pair in a sequence', 'a: ["b": c]\n'],
    ['a JSON-like key with no space after its colon', 'a: [{"b":c}]\n'],
    ['a key without a value', 'a: [{b}]\n'],
    ['a key with an empty value', 'a: [{b: , c: 1}]\n'],
    ['an empty entry', 'a: [[b,, c]]\n'],
    ['a leading comma', 'a: [{b: [, c]}]\n'],
    ['a comment right after a comma', 'a: [[b,# c\n  d]]\n'],
    ['a comment right after a bracket', 'a: [[# c\n  d]]\n'],
    ['a multi-line plain scalar', 'a: [{b: c\n  d}]\n'],
    ['a multi-line quoted scalar', 'a: [{b: "c\n  d"}]\n'],
    ['a line at the parent’s column', 'x:\n  a: [{b: 1,\n  c: 2}]\n'],
    ['an inner closing bracket at the parent’s column', 'a: [{b: 1\n}]\n'],
    ['a comment line at the parent’s column', 'a: [{b: 1},\n# c\n  {d: 2}]\n'],
    ['a duplicated key in a nested mapping', 'a: [{b: 1, b: 2}]\n'],
    ['mismatched brackets', 'a: [{b: 1]}\n'],
    ['an unclosed nested collection', 'a: [{b: 1}\n'],
    ['text after the collection', 'a: [{b: 1}] c\n'],
    ['a key of the merge', 'a: [{<<: {b: 1}}]\n'],
    ['an unknown escape', 'a: [{b: "\\q"}]\n'],
    ['a document marker inside', 'a: [{b: 1},\n---\n]\n'],
    ['a tab between entries', 'a: [{b: 1},\t{c: 2}]\n'],
  ])('%s', (_what, text) => {
    expect(fastLocated(text, IMPLICIT)).toBeUndefined();
    expect(fastLocatedValue(text, IMPLICIT)).toBeUndefined();
    // ...and the located reader reads (or refuses) it exactly as the reference path does.
    const ref = parseLocatedYamlReference(text);
    const ours = parseLocatedYaml(text);
    expect(ours.error).toEqual(ref.error);
    expect(ours.root).toEqual(ref.root);
  });
});

// ---- generated flow collections --------------------------------------------------------------------

/** Plain scalars, quoted ones with escapes and indicators inside, and hostile pieces. */
const scalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'a',
    'b c',
    'x-y',
    'a:b',
    'http://x',
    '1',
    '-1',
    '.5',
    '0x1F',
    '1_0',
    'true',
    'null',
    '~',
    '',
  ),
  fc.constantFrom("'a, b'", "'it''s'", "'[x]'", "'{y}'", "'#z'", "'a: b'", "''"),
  fc.constantFrom(
    '"a, b"',
    '"\\"q\\""',
    '"\\\\"',
    '"\\n\\t"',
    '"\\x41\\u00e9"',
    '"]}"',
    '"#"',
    '"a: b"',
    '""',
    '"\\q"',
  ),
  fc.constantFrom(
    '&a x',
    '*a',
    '!t x',
    '!!str 1',
    '? k',
    '-x',
    '@x',
    '`x',
    '%x',
    'a #b',
    'a#b',
    '|',
    '>',
    'a: b',
  ),
  fc.stringMatching(/^[a-z0-9 ,:#"'\][{}-]{0,6}$/),
);

type Flow = { seq: Flow[] } | { map: [string | Flow, Flow][] } | { s: string };

const flowTree: fc.Arbitrary<Flow> = fc.letrec<{ node: Flow }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText.map((s) => ({ s })),
    fc.array(tie('node'), { maxLength: 4 }).map((seq) => ({ seq })),
    fc
      .array(
        fc.tuple(
          fc.oneof({ weight: 9, arbitrary: scalarText }, { weight: 1, arbitrary: tie('node') }),
          tie('node'),
        ),
        {
          maxLength: 4,
        },
      )
      .map((map) => ({ map })),
  ),
})).node;

/** Layout choices: separators with spaces, line breaks with an indentation, comments, trailing commas. */
const layout = fc.array(fc.nat({ max: 11 }), { minLength: 64, maxLength: 64 });

function render(n: Flow, pick: () => number): string {
  const sep = (): string => {
    switch (pick()) {
      case 0:
        return '';
      case 1:
        return '  ';
      case 2:
        return `\n${' '.repeat(pick() % 7)}`;
      case 3:
        return ' # note\n    ';
      case 4:
        return '\n    # a line\n    ';
      default:
        return ' ';
    }
  };
  if ('s' in n) return n.s;
  const [open, close] = 'seq' in n ? ['[', ']'] : ['{', '}'];
  const parts =
    'seq' in n
      ? n.seq.map((x) => render(x, pick))
      : n.map.map(
          ([k, v]) =>
            `${typeof k === 'string' ? k : render(k, pick)}${pick() === 7 ? ':' : ': '}${render(v, pick)}`,
        );
  const trailing = parts.length && pick() === 5 ? ',' : '';
  return `${open}${sep()}${parts.join(`${pick() === 6 ? ' ' : ''},${sep()}`)}${trailing}${sep()}${close}`;
}

function documents(n: Flow, choices: number[]): string[] {
  let k = 0;
  const pick = () => choices[k++ % choices.length]!;
  const body = render(n, pick);
  return [
    `on: push\nm: ${body}\n`,
    `jobs:\n  x:\n    strategy:\n      matrix: ${body}\n    runs-on: a\n`,
    `steps:\n  - uses: x\n    with: ${body} # c\n  - ${body}\n`,
  ];
}

describe('nested flow collections: property', () => {
  it('generated flow collections: what the fast path accepts, both readers read to its tree and value', () => {
    let accepted = 0;
    fc.assert(
      fc.property(flowTree, layout, (n, choices) => {
        for (const doc of documents({ seq: [n] }, choices)) {
          const d = fastDisagreement(doc);
          if (d) throw new Error(`${JSON.stringify(doc)}: ${d}`);
          if (fastLocated(doc, IMPLICIT)) accepted++;
        }
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: the generator reaches the fast path often.
    expect(accepted).toBeGreaterThan(100);
  });

  it('an anchor, an alias, a tag or an explicit key anywhere in a flow collection: given back', () => {
    const hostile = fc.constantFrom(
      '&a x',
      '*a',
      '!t x',
      '!!str 1',
      '? k',
      '&a [x]',
      '!!seq [x]',
      '&a {x: 1}',
    );
    fc.assert(
      fc.property(flowTree, hostile, fc.nat(), layout, (n, piece, at, choices) => {
        // Put the piece at one place among the scalars of the tree (as a value).
        const places: Flow[] = [];
        const walk = (x: Flow) => {
          // (A `#` after a space in a plain scalar starts a comment, which could hide the piece.)
          if ('s' in x && x.s.includes('#')) x.s = 'x';
          if ('seq' in x) {
            places.push(x);
            x.seq.forEach(walk);
          } else if ('map' in x) {
            places.push(x);
            x.map.forEach((pair) => {
              const [k, v] = pair;
              if (typeof k !== 'string') walk(k);
              else if (k.includes('#')) pair[0] = 'k';
              walk(v);
            });
          }
        };
        const root: Flow = { seq: [n] };
        walk(root);
        const host = places[at % places.length]!;
        if ('seq' in host) host.seq.push({ s: piece });
        else if ('map' in host) host.map.push(['key', { s: piece }]);
        for (const doc of documents(root, choices)) {
          expect(fastLocated(doc, IMPLICIT)).toBeUndefined();
          expect(fastLocatedValue(doc, IMPLICIT)).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });
});
