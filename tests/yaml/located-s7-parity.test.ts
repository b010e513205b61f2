/**
 * Session 7: the located reader against both YAML readers. GitHub's own workflow parser
 * (`@actions/workflow-parser`) reads YAML with the `yaml` package; stepwarden's reference path reads
 * with js-yaml and its fast path line by line. For every generated document (block and flow, every
 * scalar style, block-scalar indicators, comments in odd places, keys such as `on`/`y`/`null`/`~`/`<<`,
 * anchors and aliases, explicit keys, document markers, directives, tags, BOM, CR LF, tabs, trailing
 * spaces, long lines) the located reader either refuses it with a located error, or reads the value
 * the `yaml` package reads (never a third value, never js-yaml's where the two part); and whatever the
 * fast path accepts, both readers read to exactly its value.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { fastLocated, fastValue } from '../../shared/yaml/fast.js';
import { IMPLICIT, SCHEMA, parseLocatedYaml, toValue } from '../../shared/yaml/located.js';
import { secondReading } from '../../shared/yaml/second-reader.js';
import { CORPUS_DIR } from '../support/corpus.js';

const noBom = (t: string) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);

function jsYaml(text: string): { value?: unknown; error?: true } {
  try {
    return { value: yaml.load(noBom(text), { schema: SCHEMA }) };
  } catch {
    return { error: true };
  }
}

/**
 * What is wrong with the located reading of `text`, if anything: a value neither refused nor equal to
 * the `yaml` package's (GitHub's reader's) value. Documents with a `<<` key or an anchor defined twice
 * are refused by the workflow reader (GitHub refuses the one, reads the other differently), so they
 * need only be read as js-yaml reads them here; tests/workflow/*-s7-* hold the workflow reader to it.
 */
function divergence(text: string): string | undefined {
  const ours = parseLocatedYaml(text);
  if (ours.error) {
    if (!(ours.error.line >= 1)) return `an error without a line: ${JSON.stringify(ours.error)}`;
    return undefined;
  }
  if (!isDeepStrictEqual(toValue(ours.root), ours.value)) return 'the tree is not the value';
  const second = secondReading(noBom(text));
  if (ours.mergeKeyLine !== undefined || ours.redefinedAnchor) {
    const js = jsYaml(text);
    if (!js.error && isDeepStrictEqual(js.value, ours.value)) return undefined;
    if ('value' in second && isDeepStrictEqual(second.value, ours.value)) return undefined;
    return 'neither js-yaml’s value nor GitHub’s reader’s';
  }
  if ('error' in second) return `read, but GitHub's reader refuses it: ${second.error.message}`;
  if (!isDeepStrictEqual(ours.value, second.value))
    return `read as ${JSON.stringify(ours.value)}, GitHub's reader reads ${JSON.stringify(second.value)}`;
  return undefined;
}

const EMPTY_TAG = /(?:^|[ :-])!(?: |\r?$)/m;

/**
 * Whatever the fast path accepts, js-yaml and the `yaml` package both read to exactly its value (but
 * an empty value tagged `!`, where it follows the `yaml` package).
 */
function fastDivergence(text: string): string | undefined {
  const tree = fastLocated(noBom(text), IMPLICIT);
  if (!tree) return undefined;
  const v = fastValue(tree);
  const js = jsYaml(text);
  if (js.error) return 'the fast path read what js-yaml refuses';
  // An empty value tagged `!` (session 17): the empty string to the `yaml` package, GitHub's reader,
  // null to js-yaml; the fast path reads it as GitHub's reader does, which is held just below.
  if (!isDeepStrictEqual(v, js.value) && !EMPTY_TAG.test(text))
    return `fast ${JSON.stringify(v)} js-yaml ${JSON.stringify(js.value)}`;
  const second = secondReading(noBom(text));
  if ('error' in second) return `the fast path read what GitHub's reader refuses: ${second.error.message}`;
  if (!isDeepStrictEqual(v, second.value))
    return `fast ${JSON.stringify(v)}, GitHub's reader ${JSON.stringify(second.value)}`;
  return undefined;
}

// ---- a hostile generator: a tree, each node with its own style, then document-level noise ---------

type N =
  | { t: 's'; v: string; style: number }
  | { t: 'seq'; items: N[]; flow: boolean; anchor?: string }
  | { t: 'map'; entries: [K, N][]; flow: boolean; anchor?: string }
  | { t: 'alias'; name: string }
  | { t: 'block'; lines: string[]; header: string };
interface K {
  v: string;
  style: number;
  explicit: boolean;
  comment: string;
}

const WORDS = [
  'on', 'y', 'yes', 'no', 'off', 'null', 'Null', '~', 'true', 'True', 'FALSE', '<<', 'permissions',
  'write-all', 'uses', 'a b', 'a: b', 'a #b', 'a#b', '#x', "it's", '"q"', '-x', '?x', ':x', 'x:', '1',
  '012', '0x1F', '0o17', '0b11', '1_000', '-0x1F', '1e3', '.5', '-.5', '+.5', '1.', '.inf', '-.Inf',
  '.NaN', '2020-01-01', '', '  ', ' lead', 'trail ', 'é', '\u00a0', '${{ secrets.K }}', 'o/r@v1',
  'a,b', '[a]', '{a}', '*a', '&a', '!x', '%x', '@x', '`x', '|', '>', 'x\\y', 'a\\nb', 'x'.repeat(300),
]; // prettier-ignore
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom('a', 'b', 'c', 'd') },
);
const HEADERS = ['|', '>', '|-', '>-', '|+', '>+', '|2', '>1', '|2-', '>+1', '|-2', '| # c', '>- #c'];
const scalarArb = fc.record({ t: fc.constant('s' as const), v: word, style: fc.nat(11) });
const blockArb = fc.record({
  t: fc.constant('block' as const),
  lines: fc.array(fc.oneof(word, fc.constantFrom('', ' ', '   ', ' indented', '  # not a comment')), {
    maxLength: 4,
  }),
  header: fc.constantFrom(...HEADERS),
});
const keyArb = fc.record({
  v: word,
  style: fc.nat(7),
  explicit: fc.nat(9).map((n) => n === 0),
  comment: fc.constantFrom('', '', '', ' # c', ' #: x', ' #- y'),
});
const anchorArb = fc.option(fc.constantFrom('a', 'b'), { nil: undefined, freq: 3 });
const tree: fc.Arbitrary<N> = fc.letrec<{ n: N }>((tie) => ({
  n: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'd' },
    scalarArb,
    blockArb,
    fc.record({
      t: fc.constant('seq' as const),
      items: fc.array(tie('n'), { maxLength: 3 }),
      flow: fc.boolean(),
      anchor: anchorArb,
    }),
    fc.record({
      t: fc.constant('map' as const),
      entries: fc.array(fc.tuple(keyArb, tie('n')), { maxLength: 3 }),
      flow: fc.boolean(),
      anchor: anchorArb,
    }),
    fc.record({ t: fc.constant('alias' as const), name: fc.constantFrom('a', 'b') }),
  ),
})).n;

const dq = (s: string) => JSON.stringify(s);
const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;
const PLAIN = /^[A-Za-z0-9_$.~<][A-Za-z0-9_ ./@$<~+-]*$/;

function scalarText(v: string, style: number, flow: boolean): string {
  switch (style) {
    case 0:
    case 1:
    case 2:
      return PLAIN.test(v) && !v.endsWith(' ') ? v : dq(v);
    case 3:
      return v; // plain, whatever it holds (often not valid YAML: refused, never misread)
    case 4:
      return sq(v);
    case 5:
      return dq(v);
    case 6:
      return `!!str ${sq(v)}`;
    case 7:
      return `!!str ${PLAIN.test(v) ? v : dq(v)}`;
    case 8:
      return dq(v).replace(/ /g, '\\x20');
    case 9: // a double-quoted scalar with an escaped line break
      return flow ? dq(v) : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}\\\n   x"`;
    case 10: // a single-quoted scalar going on over lines, with trailing spaces sometimes
      return `'${v.replace(/'/g, "''")}\n   ${v.replace(/'/g, "''")}'`;
    default: // a multi-line plain scalar
      return PLAIN.test(v) ? `${v}\n   ${v}` : dq(v);
  }
}
const keyText = (k: K, flow: boolean) =>
  k.style >= 4 && k.style <= 6
    ? scalarText(k.v, k.style, flow)
    : k.style === 3
      ? k.v
      : scalarText(k.v, 0, flow);

function flowText(n: N): string {
  switch (n.t) {
    case 's':
      return scalarText(n.v, n.style > 8 ? 5 : n.style, true);
    case 'block':
      return dq(n.lines.join('\n'));
    case 'alias':
      return `*${n.name}`;
    case 'seq':
      return `${n.anchor ? `&${n.anchor} ` : ''}[${n.items.map(flowText).join(', ')}]`;
    case 'map':
      return `${n.anchor ? `&${n.anchor} ` : ''}{${n.entries
        .map(([k, v]) => `${k.explicit ? '? ' : ''}${keyText(k, true)}: ${flowText(v)}`)
        .join(', ')}}`;
  }
}
const isInline = (n: N) =>
  n.t === 's' ||
  n.t === 'alias' ||
  (n.t === 'seq' && (n.flow || n.items.length === 0)) ||
  (n.t === 'map' && (n.flow || n.entries.length === 0));

function blockText(n: N, ind: number): string[] {
  const pad = ' '.repeat(ind);
  if (n.t === 'block') return n.lines.map((l) => (l === '' ? '' : pad + l));
  if (n.t === 's') {
    const [first, ...rest] = scalarText(n.v, n.style, false).split('\n');
    return [pad + first, ...rest.map((l) => pad + l)];
  }
  if (n.t === 'seq')
    return n.items.flatMap((it) => {
      if (isInline(it)) return [`${pad}- ${inlineText(it, ind + 2)}`];
      if (it.t === 'block') return [`${pad}- ${it.header}`, ...blockText(it, ind + 2)];
      const anchor = 'anchor' in it ? it.anchor : undefined;
      if (anchor) return [`${pad}- &${anchor}`, ...blockText(it, ind + 2)];
      const inner = blockText(it, ind + 2);
      return [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  if (n.t !== 'map') return [pad + flowText(n)];
  return n.entries.flatMap(([k, v]) => {
    const kt = keyText(k, false);
    if (k.explicit) {
      if (isInline(v)) return [`${pad}? ${kt}${k.comment}`, `${pad}: ${flowText(v)}`];
      return [`${pad}? ${kt}${k.comment}`, `${pad}:`, ...blockText(v, ind + 2)];
    }
    if (isInline(v)) return [`${pad}${kt}: ${inlineText(v, ind + 2)}${k.comment}`];
    if (v.t === 'block') return [`${pad}${kt}: ${v.header}${k.comment}`, ...blockText(v, ind + 2)];
    const anchor = 'anchor' in v ? v.anchor : undefined;
    // An indentless sequence under a key, now and then.
    const inner = v.t === 'seq' && k.style === 1 ? ind : ind + 2;
    return [`${pad}${kt}:${anchor ? ` &${anchor}` : ''}${k.comment}`, ...blockText(v, inner)];
  });
}
/** A node on the line of its key or dash: scalars in block style (multi-line ones go on indented). */
function inlineText(n: N, ind: number): string {
  if (n.t !== 's') return flowText(n);
  const [first, ...rest] = scalarText(n.v, n.style, false).split('\n');
  return [first, ...rest.map((l) => ' '.repeat(ind) + l.trimStart())].join('\n');
}

interface Doc {
  n: N;
  prefix: string;
  suffix: string;
  crlf: boolean;
  bom: boolean;
  trailing: boolean;
  tabs: boolean;
}
const rootMap = fc.record({
  t: fc.constant('map' as const),
  entries: fc.array(fc.tuple(keyArb, tree), { minLength: 1, maxLength: 4 }),
  flow: fc.nat(5).map((n) => n === 0),
  anchor: fc.constant(undefined),
});
const PREFIXES = ['', '', '', '---\n', '--- # c\n', '%YAML 1.2\n---\n', '%YAML 1.1\n---\n', '# c\n'];
const MORE_PREFIXES = ['--- !!map\n', '%TAG !e! tag:e,2000:\n---\n', '---\n# c\n'];
const SUFFIXES = ['', '', '', '', '\n...\n', '\n---\n', '\n... # c\n', '\n# end', '\n---\nx: 1\n'];
const docArb: fc.Arbitrary<Doc> = fc.record({
  n: fc.oneof({ weight: 5, arbitrary: rootMap }, { weight: 1, arbitrary: tree }),
  prefix: fc.constantFrom(...PREFIXES, ...MORE_PREFIXES),
  suffix: fc.constantFrom(...SUFFIXES),
  crlf: fc.boolean(),
  bom: fc.nat(4).map((n) => n === 0),
  trailing: fc.nat(3).map((n) => n === 0),
  tabs: fc.nat(5).map((n) => n === 0),
});

function render(d: Doc): string {
  let lines =
    d.n.t === 'block'
      ? [d.n.header, ...blockText(d.n, 1)]
      : isInline(d.n)
        ? [flowText(d.n)]
        : blockText(d.n, 0);
  // An alias names an anchor written before it; otherwise it becomes a plain scalar.
  const defined = new Set<string>();
  lines = lines.map((l) =>
    l.replace(/[&*]([ab])\b/g, (m, name: string) => {
      if (m.startsWith('&')) {
        defined.add(name);
        return m;
      }
      return defined.has(name) ? m : `x${name}`;
    }),
  );
  if (d.trailing) lines = lines.map((l, i) => (i % 3 === 1 ? `${l}  ` : l));
  if (d.tabs) lines = lines.map((l, i) => (i % 4 === 2 ? l.replace(': ', ':\t') : l));
  let text = `${d.prefix}${lines.join('\n')}${d.suffix}\n`;
  if (d.crlf) text = text.replace(/\n/g, '\r\n');
  return (d.bom ? '\uFEFF' : '') + text;
}

/** Block documents the fast path mostly accepts: scalars of every style, comments, block scalars. */
const fastDocArb: fc.Arbitrary<Doc> = fc.record({
  n: fc.record({
    t: fc.constant('map' as const),
    entries: fc.array(
      fc.tuple(
        keyArb.map((k) => ({ ...k, explicit: false })),
        fc.oneof(
          scalarArb,
          blockArb,
          fc.record({
            t: fc.constant('seq' as const),
            items: fc.array(fc.oneof(scalarArb, blockArb), { maxLength: 3 }),
            flow: fc.nat(3).map((n) => n === 0),
          }),
          fc.record({
            t: fc.constant('map' as const),
            entries: fc.array(
              fc.tuple(
                keyArb.map((k) => ({ ...k, explicit: false })),
                fc.oneof(scalarArb, blockArb),
              ),
              { maxLength: 3 },
            ),
            flow: fc.nat(3).map((n) => n === 0),
          }),
        ),
      ),
      { minLength: 1, maxLength: 5 },
    ),
    flow: fc.constant(false),
  }),
  prefix: fc.constantFrom('', '', '---\n', '# c\n'),
  suffix: fc.constantFrom('', '', '\n# end'),
  crlf: fc.boolean(),
  bom: fc.nat(4).map((n) => n === 0),
  trailing: fc.nat(3).map((n) => n === 0),
  tabs: fc.constant(false),
});

describe('located reader vs GitHub’s YAML reader (session 7)', () => {
  it.each([
    // Each found by the properties below; the reading before the fix in the comment.
    ['an underscore number (js-yaml: 1000)', 'k: 1_000\n1_000: a\n'],
    ['a binary number (js-yaml: 3)', 'k: 0b11\n'],
    ['a signed hex number (js-yaml: -31)', 'k: -0x1F\n'],
    ['a float without a leading digit (js-yaml: the string "-.5")', 'k: -.5\n-.5: x\n'],
    ['spaces before a folded line break (js-yaml: "a   b")', "k: 'a  \n  b'\n"],
    ['an escaped line break then an empty line (js-yaml: "x yz")', 'k: "x \\\n\n   y\\\n  z"\n'],
    ['a whitespace-only last line of a kept block scalar', 'q: >+1\n  \n'],
    ['a line of spaces past an indicated indentation, no content (js-yaml: "  ")', 'a: |-1\n   \nb: 1\n'],
    ['a `!` tag on an empty value (js-yaml: null, GitHub: "")', 'a: !\nb: 1\n'],
  ])('%s: read as GitHub’s reader reads it', (_what, text) => {
    const second = secondReading(text);
    expect('value' in second).toBe(true);
    const ours = parseLocatedYaml(text);
    expect(ours.error).toBeUndefined();
    expect(ours.value).toStrictEqual((second as { value: unknown }).value);
    expect(toValue(ours.root)).toStrictEqual((second as { value: unknown }).value);
    // ...and js-yaml alone (its own core schema) reads something else: the case is a real divergence.
    expect(yaml.load(text, { schema: yaml.CORE_SCHEMA })).not.toStrictEqual(
      (second as { value: unknown }).value,
    );
  });

  it.each([
    ['an empty item of a nested block sequence (js-yaml: [["a", null, "b"]])', '- - a\n  -\n- b\n', 3],
    ['a quoted scalar going on left of its key (js-yaml reads on)', 'a:\n  b: "x\n y"\n', 2],
    ['a quoted scalar going on at column 0', 'a: "x\ny"\n', 1],
    ['a mapping as a key (js-yaml: "[object Object]")', '? {a: 1}\n: 2\n', 1],
    ['a %YAML 1.1 document (GitHub: `on` is true)', '%YAML 1.1\n---\non: push\n', 3],
    ['an anchor redefined inside its own node', 'c: &a {x: 1, ? y: &a {}}\nd: *a\n', 1],
    ['an empty line more indented than a block scalar’s first line', 'a: |\n   \n  # c\n', 3],
    ['a plain value after a comment line left of its key, then a key', 'a:\n#x\n  x\nb: 1\n', 3],
  ])('%s: refused at its line', (_what, text, line) => {
    const ours = parseLocatedYaml(text);
    const js = jsYaml(text);
    expect(js.error).toBeUndefined(); // js-yaml alone would have read it
    if (ours.error) expect(ours.error.line).toBe(line);
    else expect(ours.redefinedAnchor?.line).toBe(line); // the workflow reader refuses it
  });

  it('generated hostile documents: refused with a line, or read as GitHub’s reader reads them', () => {
    let read = 0;
    fc.assert(
      fc.property(docArb, (d) => {
        const text = render(d);
        const why = divergence(text);
        if (why) throw new Error(`${JSON.stringify(text)}: ${why}`);
        if (!parseLocatedYaml(text).error) read++;
      }),
      { numRuns: Number(process.env.STEPWARDEN_S7_RUNS ?? 1500) },
    );
    // The generator must write documents both read, or the property proves little.
    expect(read).toBeGreaterThan(300);
  });

  it('generated block documents: what the fast path accepts, both readers read to its value', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fastDocArb, (d) => {
        const text = render(d);
        const why = fastDivergence(text) ?? divergence(text);
        if (why) throw new Error(`${JSON.stringify(text)}: ${why}`);
        if (fastLocated(noBom(text), IMPLICIT)) accepted++;
      }),
      { numRuns: Number(process.env.STEPWARDEN_S7_RUNS ?? 1500) },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it('every block scalar of up to three lines (each header, indentation, blank and comment-like lines)', () => {
    const headers = ['|', '|-', '|+', '>', '>-', '>+', '|1', '>1', '|+1', '>+1', '>-1', '|2', '>2'];
    const pieces = ['x', '  x', ' x', '   x', '', ' ', '  ', '   ', '    ', '  # c'];
    const bad: string[] = [];
    for (const h of headers)
      for (const a of pieces)
        for (const b of pieces)
          for (const c of pieces)
            for (const pad of ['', '  ']) {
              const body = [a, b, c].map((l) => (l === '' ? '' : `${pad}  ${l}`)).join('\n');
              const text = `${pad ? 'p:\n' : ''}${pad}a: ${h}\n${body}\n${pad}b: 1\n`;
              const why = fastDivergence(text) ?? divergence(text);
              if (why) bad.push(`${JSON.stringify(text)}: ${why}`);
            }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('every quoted and plain scalar of up to two lines (spaces, escapes, comments, indentation)', () => {
    const pieces = [
      'x',
      'x  ',
      '  x',
      '',
      '   ',
      'x\\',
      ' x\\ ',
      "x''y",
      'x\\"',
      'x # c',
      'x: y',
      '- x',
      '#x',
      '\\ty',
    ];
    const bad: string[] = [];
    for (const q of ['"', "'", ''])
      for (const a of pieces)
        for (const b of pieces)
          for (const ind of [0, 1, 2, 3])
            for (const pad of ['', '  ']) {
              const body = `${a}\n${b === '' ? '' : ' '.repeat(ind) + b}`;
              const text = `${pad ? 'p:\n' : ''}${pad}a: ${q}${body}${q}\n${pad}b: 1\n`;
              const why = fastDivergence(text) ?? divergence(text);
              if (why) bad.push(`${JSON.stringify(text)}: ${why}`);
            }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('enumerated keys, values, sequence items and one-level flow collections: the fast path reads as GitHub’s reader', () => {
    const keys = [
      'a',
      'a b',
      '"a b" ',
      'a#b',
      'a:b',
      '"a:"',
      'on',
      'y',
      '~',
      '1',
      '0x1',
      '.5',
      '$a',
      "'it''s'",
      '"\\u00e9"',
      '<<',
      '!a',
      '-a',
      '?a',
      ':a',
    ];
    const values = [
      'x',
      '',
      '"x"',
      "'x'",
      'x #c',
      '#c',
      'x#c',
      '[x]',
      '{x: 1}',
      '[x, ]',
      '{}',
      '- x',
      'x: y',
      'x:y',
      "'x' y",
      '[x] y',
      'x]',
      '|',
      'a, b',
      '@x',
      '*x',
      '&x x',
      '!!str x',
      '1_0',
      '-.5',
    ];
    const items = [
      '- x',
      '- x: 1',
      '  y: 2',
      ' y: 2',
      '- - x',
      '-',
      '- # c',
      '# c',
      '',
      '  - z',
      '- [a, b]',
      '- |',
      '    lit',
      '  cont',
      ' cont',
      '-x',
      '- ? a',
      'k: v',
    ];
    const flows = [
      'a',
      'a b',
      '"a"',
      'a:b',
      'a: b',
      'a #b',
      '',
      '-a',
      '- a',
      '1',
      '~',
      '"a,b"',
      'a\\',
      ':a',
      'a:',
      'http://x',
      '*a',
    ];
    const texts: string[] = [];
    for (const k of keys)
      for (const v of values)
        for (const sep of [': ', ' : '])
          texts.push(`${k}${sep}${v}\nz: 1\n`, `p:\n  ${k}${sep}${v}\n  z: 1\n`);
    for (const a of items)
      for (const b of items)
        for (const pad of ['  ', ''])
          texts.push(`a:\n${[a, b].map((l) => (l ? pad + l : '')).join('\n')}\nz: 1\n`);
    for (const x of flows)
      for (const y of flows)
        texts.push(
          `a: [${x}, ${y}]\nz: 1\n`,
          `a: {k: ${x}, ${y}: j}\nz: 1\n`,
          `p:\n  a: [${x},\n    ${y}]\n  z: 1\n`,
          `a: [\n  ${x},\n${y}\n]\n`,
        );
    const bad = texts.flatMap((t) => {
      const why = fastDivergence(t);
      return why ? [`${JSON.stringify(t)}: ${why}`] : [];
    });
    expect(texts.length).toBeGreaterThan(2000);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('corpus workflows re-written by the yaml package (flow style, other quoting, folded lines): the same value', () => {
    const files = readdirSync(CORPUS_DIR).sort();
    expect(files.length).toBe(1503);
    const differ: string[] = [];
    // Every 6th file, four writings each: bounded, and a different slice of the corpus per style.
    for (let i = 0; i < files.length; i += 6) {
      const text = readFileSync(join(CORPUS_DIR, files[i]!), 'utf8');
      const second = secondReading(noBom(text));
      if ('error' in second) continue;
      const writings = [
        stringify(second.value, { collectionStyle: 'flow', lineWidth: 0 }),
        stringify(second.value, {
          defaultStringType: 'QUOTE_SINGLE',
          defaultKeyType: 'PLAIN',
          lineWidth: 24,
        }),
        stringify(second.value, {
          defaultStringType: 'QUOTE_DOUBLE',
          defaultKeyType: 'QUOTE_DOUBLE',
          lineWidth: 30,
        }),
        stringify(second.value, { defaultStringType: 'BLOCK_FOLDED', indentSeq: false, indent: 3 }),
      ];
      writings.forEach((w, k) => {
        const ours = parseLocatedYaml(k % 2 ? `\uFEFF${w.replace(/\n/g, '\r\n')}` : w);
        if (ours.error) differ.push(`${files[i]} #${k}: ${ours.error.message}`);
        else if (!isDeepStrictEqual(ours.value, second.value)) differ.push(`${files[i]} #${k}: value`);
        const why = fastDivergence(w);
        if (why) differ.push(`${files[i]} #${k}: ${why}`);
      });
    }
    expect(differ).toEqual([]);
  });
});
