import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { SCHEMA, lineAtPath, parseLocatedYaml, toValue, type LNode } from '../../shared/yaml/located.js';
import { secondReading } from '../../shared/yaml/second-reader.js';
import { CORPUS_DIR, FIXTURES_DIR, yamlFiles } from '../support/corpus.js';

/** Every node and key line of a located tree (each shared node once). */
function lines(root: LNode | undefined): number[] {
  const out: number[] = [];
  const seen = new Set<LNode>();
  const visit = (n: LNode) => {
    if (seen.has(n)) return;
    seen.add(n);
    out.push(n.line);
    if (n.kind === 'map')
      for (const e of n.entries) {
        out.push(e.keyLine);
        visit(e.value);
      }
    else if (n.kind === 'seq') n.items.forEach(visit);
  };
  if (root) visit(root);
  return out;
}

/** The located tree equals the plain value, and every line is inside the text. */
function expectFaithful(text: string): void {
  const plain = yaml.load(text, { schema: SCHEMA });
  const located = parseLocatedYaml(text);
  expect(located.error).toBeUndefined();
  expect(toValue(located.root)).toStrictEqual(plain);
  expect(located.value).toStrictEqual(plain);
  const count = text.split('\n').length;
  for (const l of lines(located.root)) {
    expect(l).toBeGreaterThanOrEqual(1);
    expect(l).toBeLessThanOrEqual(count);
  }
}

describe('parseLocatedYaml: flow collections on their own line (issue 13 §1)', () => {
  const attack =
    'on: push\njobs:\n  build:\n    { permissions: write-all, steps: [ { uses: evil/action@main } ] }\n';

  it('reads a job body written as a flow map on its own line with every key', () => {
    const r = parseLocatedYaml(attack);
    expect(toValue(r.root)).toEqual({
      on: 'push',
      jobs: { build: { permissions: 'write-all', steps: [{ uses: 'evil/action@main' }] } },
    });
    expect(lineAtPath(r.root, ['jobs', 'build', 'permissions'])).toBe(4);
    expect(lineAtPath(r.root, ['jobs', 'build', 'steps', 0])).toBe(4);
  });

  it.each([
    ['a flow sequence on its own line', 'a:\n  [x, y]\n'],
    ['a flow map as a block sequence item', 'steps:\n  - { uses: a }\n  - {uses: b, with: {x: 1}}\n'],
    ['a flow sequence on its own line under a dash', 'a:\n  -\n    [1, 2]\n'],
    ['an alias on its own line', 'a: &x {k: v}\nb:\n  *x\n'],
    ['`on:` as a flow map on its own line', 'on:\n  {push: {branches: [main]}, pull_request_target: }\n'],
    ['flow map keys without values and an empty key', 'd: {a, b: 1, : z}\n'],
    ['single-pair maps in a flow sequence', 'b: [p: 1, ? q, ? r : s, t]\n'],
    ['empty block sequence items', 'c:\n- \n- a\n-\n'],
    ['explicit keys', '? a\n? b\n: c\n'],
    ['tags', 'x: !!map {a: 1}\ny: !!str 5\nz: !<tag:yaml.org,2002:str> 6\n'],
    ['comments with colons and dashes between nodes', 'a: 1 # b: 2 - c\n# - d: e\nf: # ? g\n  h\n'],
    ['multi-line scalars', 'a: |\n  t\n  u\nb: >-\n  f\n  g\nc: "q\n  x"\nd: p\n  m\ne: \'s\n  t\'\n'],
    ['a `__proto__` key', '__proto__: {a: 1}\nb: 2\n'],
    ['an explicit merge key', 'b: &b {x: 1, y: 1}\nm:\n  y: 2\n  !!merge <<: *b\n'],
    ['a quoted `<<`', '"<<": 3\n'],
    ['a byte-order mark', '\uFEFFa:\n  [x]\nb: {c: 1}\n'],
    ['CRLF line ends', 'a:\r\n  { b: [1, 2] }\r\nc:\r\n  - d\r\n'],
    ['a tab after a dash', 'a:\n  -\tx\n  -\t{y: 1}\n'],
    ['an empty document', ''],
    ['a document of one scalar', 'hello\n'],
  ])('%s', (_, text) => expectFaithful(text));

  it('a tree that cannot equal the value is an error, never a tree with keys missing', () => {
    const r = parseLocatedYaml('a: &a [*a]\n');
    expect(r.root).toBeUndefined();
    expect(r.error).toMatchObject({ line: 1, kind: 'unlocatable' });
    expect(parseLocatedYaml('a: [').error?.kind).toBe('syntax');
    const m = parseWorkflow('x.yml', 'x.yml', 'on: push\njobs: &j\n  a: *j\n');
    expect(m.error?.message).toMatch(/^YAML stepwarden cannot read as GitHub does: /);
    expect(m.jobs).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random documents mixing block and flow styles, own-line flow collections, anchors,
// aliases and every multi-line scalar style parse to a located tree equal to yaml.load's value.

type GNode =
  | { t: 'scalar'; style: number; words: string[] }
  | { t: 'map'; flow: number; anchor: boolean; entries: { key: string; value: GNode; note: number }[] }
  | { t: 'seq'; flow: number; anchor: boolean; items: GNode[] }
  | { t: 'alias'; pick: number };

const word = fc.constantFrom(
  'a',
  'b',
  'on',
  'uses',
  'x-y',
  'write-all',
  '1',
  '2.5',
  'true',
  'null',
  '~',
  'evil/act@main',
);
const key = fc.constantFrom('k1', 'k2', 'k3', 'permissions', 'steps', 'uses', 'on', 'needs', '5', 'true');

const { node } = fc.letrec<{ node: GNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      t: fc.constant('scalar' as const),
      style: fc.nat(9),
      words: fc.array(word, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      t: fc.constant('map' as const),
      flow: fc.nat(3),
      anchor: fc.boolean(),
      entries: fc.uniqueArray(fc.record({ key, value: tie('node'), note: fc.nat(3) }), {
        maxLength: 4,
        selector: (e) => e.key,
      }),
    }),
    fc.record({
      t: fc.constant('seq' as const),
      flow: fc.nat(3),
      anchor: fc.boolean(),
      items: fc.array(tie('node'), { maxLength: 4 }),
    }),
    fc.record({ t: fc.constant('alias' as const), pick: fc.nat(20) }),
  ),
}));

/** Renders a generated node as YAML text (block or flow, as the node asks and the context allows). */
function render(root: GNode): string {
  const anchors: string[] = [];
  let next = 0;
  const pad = (n: number) => ' '.repeat(n);
  /** Anchors its node; an alias can name it only once the node is complete (no recursive aliases). */
  const anchored = (n: { anchor: boolean }, body: (a: string) => string) => {
    if (!n.anchor) return body('');
    const name = `a${next++}`;
    const text = body(`&${name} `);
    anchors.push(name);
    return text;
  };
  const alias = (n: { pick: number }) => (anchors.length ? `*${anchors[n.pick % anchors.length]}` : 'none');
  const quoted = (s: string) => JSON.stringify(s);

  /** Flow style, on one line. */
  const flow = (n: GNode): string => {
    if (n.t === 'alias') return alias(n);
    if (n.t === 'scalar') return n.style % 2 ? quoted(n.words.join(' ')) : n.words[0]!;
    if (n.t === 'seq')
      return anchored(
        n,
        (a) =>
          `${a}[${n.items
            .map((i) =>
              // A single-pair map inside a flow sequence, written without braces (`[k: v]`, `[? k]`).
              i.t === 'map' && i.flow === 3 && i.entries.length === 1 && !i.anchor
                ? i.entries[0]!.note === 3
                  ? `? ${i.entries[0]!.key}`
                  : `${i.entries[0]!.key}: ${flow(i.entries[0]!.value)}`
                : flow(i),
            )
            .join(', ')}]`,
      );
    return anchored(
      n,
      (a) =>
        `${a}{${n.entries.map((e) => (e.value.t === 'scalar' && e.value.style === 9 ? e.key : `${e.key}: ${flow(e.value)}`)).join(', ')}}`,
    );
  };

  /** A value after `key:` or `- ` at indentation `n` (the line's own indentation). */
  const value = (v: GNode, n: number): string => {
    if (v.t === 'alias') return v.pick % 2 ? ` ${alias(v)}\n` : `\n${pad(n + 2)}${alias(v)}\n`;
    if (v.t === 'scalar') {
      const text = v.words.join(' ');
      const more = v.words.map((w) => `${pad(n + 2)}${w}`).join('\n');
      switch (v.style) {
        case 0:
          return ` |\n${more}\n`;
        case 1:
          return ` >\n${more}\n`;
        case 2:
          return ` |-\n${more}\n`;
        case 3:
          return ` "${v.words.join(`\n${pad(n + 2)}`)}"\n`;
        case 4:
          return ` '${v.words.join(`\n${pad(n + 2)}`)}'\n`;
        case 5:
          return ` ${v.words.join(`\n${pad(n + 2)}`)}\n`; // multi-line plain
        case 6:
          return ` ${quoted(text)}\n`;
        case 7:
          return `\n${pad(n + 2)}${quoted(text)}\n`; // quoted scalar on its own line
        default:
          return ` ${v.words[0]}\n`;
      }
    }
    const empty = v.t === 'map' ? v.entries.length === 0 : v.items.length === 0;
    if (v.flow === 1 || empty) return ` ${flow(v)}\n`;
    if (v.flow === 2) return `\n${pad(n + 2)}${flow(v)}\n`; // flow collection on its own line
    return anchored(v, (a) => ` ${a}\n${block(v, n + 2)}`);
  };

  const block = (v: GNode, n: number): string => {
    if (v.t === 'map')
      return v.entries
        .map((e) => {
          // Comments full of indicators between entries; explicit `? key` / `: value` entries.
          const note = e.note === 1 ? `${pad(n)}# c: - ? [x] {y}\n` : '';
          const simple = e.value.t === 'scalar' && e.value.style >= 6;
          if (e.note === 2 && simple) return `${note}${pad(n)}? ${e.key}\n${pad(n)}:${value(e.value, n)}`;
          if (e.note === 3 && e.value.t === 'scalar') return `${note}${pad(n)}? ${e.key}\n`;
          return `${note}${pad(n)}${e.key}:${value(e.value, n)}`;
        })
        .join('');
    if (v.t === 'seq') return v.items.map((i) => `${pad(n)}-${value(i, n)}`).join('');
    return `${pad(n)}${flow(v)}\n`;
  };

  if (root.t === 'map' || root.t === 'seq') {
    const empty = root.t === 'map' ? root.entries.length === 0 : root.items.length === 0;
    if (root.flow === 1 || empty) return `${flow(root)}\n`;
    if (root.flow === 2) return `\n  ${flow(root)}\n`;
    return block(root, 0);
  }
  return `${flow(root)}\n`;
}

/** Every key of the tree is written on the line the tree gives it. */
function expectKeysOnTheirLines(text: string): void {
  const textLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const seen = new Set<LNode>();
  const visit = (n: LNode) => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'map')
      for (const e of n.entries) {
        expect(textLines[e.keyLine - 1]).toContain(e.key);
        visit(e.value);
      }
    else if (n.kind === 'seq') n.items.forEach(visit);
  };
  const r = parseLocatedYaml(text);
  if (r.root) visit(r.root);
}

describe('parseLocatedYaml: property', () => {
  it('toValue(located) equals yaml.load for random block/flow/anchor/multi-line documents', () => {
    fc.assert(
      fc.property(node, fc.boolean(), (g, windows) => {
        // Half of the documents as a Windows editor saves them: byte-order mark and CRLF.
        const text = render(g);
        const doc = windows ? `\uFEFF${text.replace(/\n/g, '\r\n')}` : text;
        expectFaithful(doc);
        expectKeysOnTheirLines(doc);
      }),
      { numRuns: 1500 },
    );
  });

  it('the same, with each document wrapped as a workflow job body', () => {
    fc.assert(
      fc.property(node, (g) => {
        const body = render(g)
          .split('\n')
          .map((l) => (l ? `    ${l}` : l))
          .join('\n');
        expectFaithful(`on: push\njobs:\n  build:\n${body}`);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Every real workflow of the corpus and every fixture: the located tree equals the plain value.

const corpusDir = CORPUS_DIR;

describe('parseLocatedYaml: the corpus and the fixtures', () => {
  it('the corpus is present beside the clone (CI checks it out as ../shared)', () => {
    // Not a skip: a missing corpus would make the next test pass on nothing.
    if (!existsSync(corpusDir))
      throw new Error(`corpus missing: ${corpusDir} (clone the shared corpus beside this repository)`);
    expect(readdirSync(corpusDir).length).toBe(1503);
  });

  it('every corpus file and fixture: toValue(root) equals the plain value', () => {
    const files = [
      ...(existsSync(corpusDir) ? readdirSync(corpusDir).map((f) => join(corpusDir, f)) : []),
      ...yamlFiles(FIXTURES_DIR),
    ];
    expect(files.length).toBeGreaterThan(1503);
    const differ: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      let plain: unknown;
      try {
        plain = yaml.load(text, { schema: SCHEMA });
      } catch {
        expect(parseLocatedYaml(text).error).toBeDefined();
        continue;
      }
      const r = parseLocatedYaml(text);
      if (!readAsAReaderReads(text, r, plain)) differ.push(f);
      // The same file as a Windows editor saves it: byte-order mark and CRLF line ends.
      const windowsText = `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`;
      const windows = parseLocatedYaml(windowsText);
      if (!readAsAReaderReads(windowsText, windows, yaml.load(windowsText, { schema: SCHEMA })))
        differ.push(`${f} (BOM, CRLF)`);
    }
    expect(differ).toEqual([]);
  });
});

/**
 * The located reading equals js-yaml's value, or (where js-yaml and the `yaml` package GitHub's parser
 * reads with part) the `yaml` package's value, or is refused because the `yaml` package refuses it.
 */
function readAsAReaderReads(text: string, r: ReturnType<typeof parseLocatedYaml>, plain: unknown): boolean {
  const second = secondReading(text.replace(/^\uFEFF/, ''));
  if (r.error) return 'error' in second;
  if (isEqual(toValue(r.root), plain)) return true;
  return 'value' in second && isEqual(toValue(r.root), second.value) && isEqual(r.value, second.value);
}

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toStrictEqual(b);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The lazy tree (manifests, policies, configs): the same lines as the eager tree along every path.

/** Every key path of a located tree (a shared node is walked once). */
function paths(root: LNode | undefined): (string | number)[][] {
  const out: (string | number)[][] = [];
  const seen = new Set<LNode>();
  const visit = (n: LNode, at: (string | number)[]) => {
    out.push(at);
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'map') for (const e of n.entries) visit(e.value, [...at, e.key]);
    else if (n.kind === 'seq') n.items.forEach((item, i) => visit(item, [...at, i]));
  };
  if (root) visit(root, []);
  return out;
}

/**
 * What differs between the lazy and the eager tree of `text`: the value, or the line of some path
 * (every path of the eager tree, and one that leaves it). Empty when the lazy tree is faithful.
 */
function lazyDifferences(text: string): string[] {
  const eager = parseLocatedYaml(text);
  const lazy = parseLocatedYaml(text, { lazy: true });
  let plain: unknown;
  try {
    plain = yaml.load(text, { schema: SCHEMA });
  } catch {
    return lazy.error?.kind === 'syntax' ? [] : ['syntax error not reported'];
  }
  // The eager reader also holds the document to GitHub's YAML reader (the `yaml` package) and takes
  // its scalars or refuses the document where the two part; the lazy one (manifests) reads js-yaml's.
  if (eager.error?.kind === 'syntax' || eager.error?.kind === 'ambiguous') return [];
  if (!eager.error && !isEqual(eager.value, plain)) return [];
  if (lazy.error) return [`error ${lazy.error.message}`];
  if (!isEqual(lazy.value, plain)) return ['value'];
  if (eager.error) return []; // unlocatable: the lazy tree is not checked against the value
  if (!isEqual(toValue(lazy.root), toValue(eager.root))) return ['tree value'];
  const out: string[] = [];
  for (const p of [...paths(eager.root), ['no such key', 0]])
    if (lineAtPath(lazy.root, p) !== lineAtPath(eager.root, p))
      out.push(`${p.join('.')}: ${lineAtPath(lazy.root, p)} != ${lineAtPath(eager.root, p)}`);
  return out;
}

describe('parseLocatedYaml({ lazy: true })', () => {
  it('random block/flow/anchor/multi-line documents: every line as the eager tree gives it', () => {
    fc.assert(
      fc.property(node, fc.boolean(), (g, windows) => {
        const text = render(g);
        expect(lazyDifferences(windows ? `\uFEFF${text.replace(/\n/g, '\r\n')}` : text)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('the corpus and the fixtures: every line as the eager tree gives it', () => {
    const files = [
      ...(existsSync(corpusDir) ? readdirSync(corpusDir).map((f) => join(corpusDir, f)) : []),
      ...yamlFiles(FIXTURES_DIR),
    ];
    expect(files.length).toBeGreaterThan(1503);
    const differ = files.flatMap((f) => lazyDifferences(readFileSync(f, 'utf8')).map((d) => `${f}: ${d}`));
    expect(differ).toEqual([]);
  });

  it('builds nothing until a look-up walks through it', () => {
    const r = parseLocatedYaml('a:\n  b: [1, 2]\n  c: {d: x}\n', { lazy: true });
    expect(r.root?.kind).toBe('map');
    expect(lineAtPath(r.root, ['a', 'c', 'd'])).toBe(3);
    expect(lineAtPath(r.root, ['a', 'b', 1])).toBe(2);
  });

  it('a syntax error is an error, with its line', () => {
    expect(parseLocatedYaml('a: 1\nb: [\n', { lazy: true }).error).toMatchObject({ kind: 'syntax', line: 3 });
  });
});

describe('parseLocatedYaml: nesting deeper than the stack', () => {
  it.each([false, true])('is refused with words, not the engine message (lazy: %s)', (lazy) => {
    const deep = `a: ${'['.repeat(60_000)}${']'.repeat(60_000)}\n`;
    const r = parseLocatedYaml(deep, { lazy });
    expect(r.error).toEqual({
      message:
        "the YAML is nested too deeply to read (collections inside collections beyond the reader's stack); write it flatter",
      line: 1,
      kind: 'syntax',
    });
    expect(JSON.stringify(r)).not.toContain('Maximum call stack');
  });
});
