/**
 * Session 36: a grammar of the YAML constructs GitHub's reader (the `yaml` package as
 * `@actions/workflow-parser` configures it) accepts, writing workflow-shaped values in every style:
 * block and flow collections nested both ways, plain, quoted (with escapes) and block scalars,
 * multi-line scalars, comments in every place, anchors and aliases, tags, explicit keys, document
 * markers, CR LF line ends, a byte-order mark. The tests compare the product's reader with GitHub's.
 */
import fc from 'fast-check';

export type V = string | number | boolean | null | V[] | { [k: string]: V };
/** One rendering decision per node, drawn by fast-check (indices into the choice tables below). */
export type Choices = { next(n: number): number };

const WORDS = [
  'on',
  'y',
  'yes',
  'no',
  'Yes',
  'n',
  'off',
  'true',
  'True',
  'TRUE',
  'false',
  'null',
  'Null',
  '~',
  '0o17',
  '017',
  '0x1F',
  '1_000',
  '1e3',
  '.inf',
  '-.inf',
  '.NaN',
  '+1',
  '-0',
  '0.5',
  '.5',
  '12:30',
  '2020-01-01',
  'write-all',
  'read-all',
  'write',
  'read',
  'none',
  '-',
  '--',
  '---',
  '...',
  '?',
  '!',
  '&',
  '*',
  '|',
  '>',
  "'",
  '"',
  '#',
  'a #b',
  'a#b',
  'a: b',
  'a:b',
  ':',
  '@x',
  '`x',
  '%x',
  ' lead',
  'trail ',
  'a\tb',
  'a  b',
  '${{ secrets.X }}',
  "${{ 'write-all' }}",
  'actions/checkout@v4',
  'docker://x',
  './.github/a',
  '\u2028',
  '\u0085',
  'é',
  'a\nb',
  'a\n\nb',
  'x\n',
  '',
  ' ',
  'contents',
  'Contents',
  'contents ',
  'id-token',
];
const KEYS = [
  'on',
  'On',
  'ON',
  'y',
  'yes',
  'true',
  'null',
  '~',
  '0o17',
  '1_000',
  '.inf',
  'permissions',
  'Permissions',
  'permissions ',
  'contents',
  'id-token',
  'jobs',
  'steps',
  'uses',
  'with',
  'if',
  'id',
  'environment',
  'needs',
  'a',
  'b',
  'a b',
  '-a',
  '?a',
  'a:b',
  'x#y',
  '',
  ' ',
  '__proto__',
  'é',
  '1',
  '01',
  '-1',
];

const escapes: Record<string, string> = {
  '\u2028': '\\L',
  '\u2029': '\\P',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\t': '\\t',
  '\n': '\\n',
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\r': '\\r',
  '\0': '\\0',
  '\x07': '\\a',
  '\x1b': '\\e',
};

/** A double-quoted scalar, as pieces (a piece never splits an escape). */
function dqPieces(s: string, c: Choices): string[] {
  const out: string[] = ['"'];
  for (const ch of s) {
    const e = escapes[ch];
    const pick = c.next(4);
    if (e && (pick > 0 || ch === '"' || ch === '\\' || ch < ' ' || ch === '\u0085' || ch === '\u2028'))
      out.push(pick === 3 && ch.length === 1 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : e);
    else if (pick === 3 && /[a-z]/.test(ch)) out.push(`\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
    else out.push(ch);
  }
  out.push('"');
  return out;
}
const dq = (s: string, c: Choices) => dqPieces(s, c).join('');
const sq = (s: string, pad: string, nl: string) =>
  `'${s.replace(/'/g, "''").replace(/\n/g, `${nl}${nl}${pad}`)}'`;
/** Words a plain scalar cannot start with or hold (both readers refuse them): mostly quoted instead. */
const unplain = (s: string) => s === '' || /^[-?:,[\]{}#&*!|>'"%@`\s]|[\n\t]|: | #|\s$/.test(s);

/** A scalar in some style, for a place at indentation `ind` (flow: inside a flow collection). */
function scalar(v: V, ind: number, flow: boolean, c: Choices, nl: string, key = false): string {
  const s = v === null ? 'null' : String(v);
  const pad = ' '.repeat(ind + 1);
  switch (c.next(key ? 5 : 9)) {
    case 0:
    case 1:
      // plain (a word no plain scalar can be is mostly quoted: both readers would refuse it)
      return unplain(s) && c.next(8) ? dq(s, c) : s;
    case 2:
      return sq(s, pad, nl);
    case 3:
      return dq(s, c);
    case 4: {
      // a tag
      const tags = ['!!str ', '! ', '!<tag:yaml.org,2002:str> '];
      if (c.next(3)) return s;
      return tags[c.next(tags.length)]! + (c.next(2) ? s : dq(s, c));
    }
    case 5: {
      // double-quoted over lines (escaped line break or folded)
      const q = dqPieces(s, c);
      const mid = 1 + c.next(q.length - 1);
      return `${q.slice(0, mid).join('')}${c.next(2) ? '\\' : ''}${nl}${pad}${q.slice(mid).join('')}`;
    }
    case 6: {
      // plain over lines
      if (unplain(s)) return dq(s, c);
      const words = s.split(' ');
      return words.join(c.next(2) ? `${nl}${pad}` : ` ${nl}${c.next(2) ? nl : ''}${pad}`);
    }
    case 7:
    case 8: {
      if (flow) return sq(s, pad, nl);
      const inds = ['|', '|-', '|+', '>', '>-', '>+', '|2', '|+2', '>-1', '|1-'];
      const h = inds[c.next(inds.length)]!;
      const m = /\d/.exec(h);
      const bpad = ' '.repeat(m ? ind + Number(m[0]) : ind + 1 + c.next(3));
      const comment = c.next(3) === 0 ? ' # c' : '';
      const lines = s.split('\n').map((l) => (l === '' ? (c.next(2) ? '' : bpad) : bpad + l));
      return `${h}${comment}${nl}${lines.join(nl)}${c.next(3) === 0 ? nl : ''}`;
    }
  }
  return s;
}

export interface Ctx {
  c: Choices;
  nl: string;
  anchors: string[];
  n: number;
}

function props(x: Ctx): string {
  const p = x.c.next(12);
  if (p === 0) {
    const name = `a${x.n++}`;
    x.anchors.push(name);
    return `&${name} `;
  }
  return '';
}
const comment = (x: Ctx) => (x.c.next(6) === 0 ? ' # note' : '');

function key(k: string, ind: number, x: Ctx): string {
  return scalar(k, ind, true, x.c, x.nl, true);
}

/** A value in flow context. */
function flowNode(v: V, ind: number, x: Ctx): string {
  // A continuation line of a flow collection: mostly right of its parent, sometimes not (the `yaml`
  // package refuses a flow collection's line at or left of its parent's column; js-yaml reads it).
  const pad = ' '.repeat(x.c.next(10) === 0 ? x.c.next(ind + 1) : ind + 1);
  const sep = () => {
    const s = x.c.next(5);
    const t = x.c.next(8);
    return s === 0
      ? `, # c${x.nl}${pad}`
      : s === 1
        ? `,${x.nl}${pad}`
        : s === 2
          ? `${t === 0 ? ' # c' : ''}${x.nl}${pad}, `
          : t === 0
            ? '\t,\t'
            : ', ';
  };
  if (x.anchors.length && x.c.next(15) === 0) return `*${x.anchors[x.c.next(x.anchors.length)]!}`;
  const p = props(x);
  if (Array.isArray(v)) {
    const items = v.map((i) => flowNode(i, ind, x));
    return `${p}[${items.join(sep())}${items.length && x.c.next(4) === 0 ? ',' : ''}]`;
  }
  if (v !== null && typeof v === 'object') {
    const items = Object.entries(v).map(([k, i]) => {
      const kk = x.c.next(8) === 0 ? `? ${key(k, ind, x)}` : key(k, ind, x);
      return `${kk}: ${flowNode(i, ind, x)}`;
    });
    return `${p}{${items.join(sep())}}`;
  }
  return p + scalar(v, ind, true, x.c, x.nl);
}

/** A value after `key:` or `- ` in block context at indentation `ind` (its parent's column). */
function blockValue(v: V, ind: number, x: Ctx, inSeq: boolean): string {
  const { c, nl } = x;
  if (x.anchors.length && c.next(20) === 0) return ` *${x.anchors[c.next(x.anchors.length)]!}${comment(x)}`;
  const isColl = v !== null && typeof v === 'object';
  if (!isColl || c.next(4) === 0) {
    if (isColl) return ` ${flowNode(v, ind, x)}${comment(x)}`;
    return ` ${props(x)}${scalar(v, ind, false, c, nl)}`;
  }
  const p = props(x);
  const step = 1 + c.next(4);
  if (inSeq && !p && c.next(2)) {
    // Compact: `- uses: x` / `- - a`, the collection's first line on the dash's line.
    const col = ind + 1 + step;
    const inner = block(v, col, x);
    const pad = ' '.repeat(col);
    if (inner.startsWith(pad) && inner[col] !== '#') return `${' '.repeat(step)}${inner.slice(col)}`;
    return `${comment(x)}${nl}${inner}`;
  }
  const child = Array.isArray(v) && !inSeq && c.next(2) ? ind : ind + step;
  return `${p ? ` ${p.trimEnd()}` : ''}${comment(x)}${nl}${block(v, child, x)}`;
}

/** A block collection at indentation `ind`. */
export function block(v: V, ind: number, x: Ctx): string {
  const pad = ' '.repeat(ind);
  const { nl } = x;
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if (x.c.next(8) === 0) lines.push(`${pad}# between`);
      lines.push(`${pad}-${blockValue(item, ind, x, true)}`);
    }
    if (!v.length) lines.push(`${pad}[]`);
    return lines.join(nl);
  }
  const entries = Object.entries(v as Record<string, V>);
  for (const [k, val] of entries) {
    if (x.c.next(10) === 0) lines.push(`${' '.repeat(x.c.next(2) ? 0 : ind)}# between`);
    if (x.c.next(12) === 0)
      lines.push(`${pad}? ${key(k, ind, x)}${nl}${pad}:${blockValue(val, ind, x, false)}`);
    else {
      // A tab as the separation after `:` (both readers take it before a scalar).
      const value = blockValue(val, ind, x, false);
      lines.push(
        `${pad}${key(k, ind, x)}:${x.c.next(10) === 0 && /^ [^\s]/.test(value) ? `\t${value.slice(1)}` : value}`,
      );
    }
  }
  if (!entries.length) lines.push(`${pad}{}`);
  return lines.join(nl);
}

/** A whole document: the value in some style, with document-level decorations. */
export function document(v: V, c: Choices): string {
  const nl = ['\r\n', '\r', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n'][c.next(12)]!;
  const x: Ctx = { c, nl, anchors: [], n: 0 };
  let body = c.next(10) === 0 ? flowNode(v, 0, x) : block(v, 0, x);
  const head = ['', '', '', '---\n', '--- # c\n', '%YAML 1.2\n---\n', '# top\n'][c.next(7)]!;
  const tail = ['', '', '\n', '\n...\n', '\n# end\n'][c.next(5)]!;
  body = (head + body + tail).replace(/\r?\n/g, nl);
  return (c.next(12) === 0 ? '\uFEFF' : '') + body;
}

/** Workflow-shaped values: the fields stepwarden reads access from, with hostile words mixed in. */
export const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));
export const keyWord = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const perms = fc.oneof(
  fc.constantFrom<V>('write-all', 'read-all', '{}', {}, null),
  fc.dictionary(
    fc.constantFrom('contents', 'Contents', 'id-token', 'actions', 'packages', 'contents '),
    fc.constantFrom<V>('read', 'write', 'none', 'Write', null),
    { maxKeys: 3 },
  ),
);
const step = fc.record(
  {
    uses: fc.constantFrom<V>('actions/checkout@v4', 'evil/x@main', './.github/a', 'docker://x'),
    run: word,
    with: fc.dictionary(keyWord, word, { maxKeys: 3 }),
    id: word,
    if: fc.constantFrom<V>('always()', '${{ true }}', 'success() && y', true, 'yes'),
    env: fc.dictionary(keyWord, word, { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);
const job = fc.record(
  {
    'runs-on': fc.constantFrom<V>('ubuntu-latest', ['self-hosted', 'x']),
    permissions: perms,
    environment: fc.oneof(
      fc.constantFrom<V>('prod', 'on', 'yes'),
      fc.record({ name: word, url: word }, { requiredKeys: ['name'] }),
    ),
    needs: fc.oneof(word, fc.array(word, { maxLength: 2 })),
    if: word,
    steps: fc.array(step, { maxLength: 3 }),
    uses: fc.constantFrom<V>('./.github/workflows/b.yml', 'o/r/.github/workflows/c.yml@v1'),
  },
  { requiredKeys: ['runs-on'] },
);
export const workflow: fc.Arbitrary<V> = fc.record(
  {
    on: fc.oneof(
      fc.constantFrom<V>('push', ['push', 'pull_request'], { push: null }, { workflow_dispatch: {} }),
      word,
    ),
    permissions: perms,
    jobs: fc.dictionary(keyWord, job, { minKeys: 1, maxKeys: 3 }),
    extra: fc.dictionary(keyWord, fc.oneof(word, fc.array(word, { maxLength: 2 })), { maxKeys: 2 }),
  },
  { requiredKeys: ['on', 'jobs'] },
);

/** Choices from a fast-check array of numbers (cycled). */
export const choicesOf = (seed: number): Choices => {
  // mulberry32: every decision of a document from one drawn seed (reproducible from the seed).
  let a = seed >>> 0;
  return {
    next: (n) => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    },
  };
};

/**
 * Words for the model-level differential, without two readings that differ by design above the YAML:
 * a negative zero (`with: {a: -0}`) is `-0` to the runner (.NET's G15, shared/workflow/runner-text.ts,
 * session 21) and `0` to `@actions/workflow-parser`'s `String(n)`; and `${{ 'x' }}` written over lines
 * (a block scalar) is the literal `x` to stepwarden and an expression to that parser, which reads a
 * multi-line scalar's expressions from its source text (template-reader.ts parseScalar); its value at
 * run time is `x`.
 */
const ghWord = word.filter((w) => !w.includes('${{') && !/^\s*[-+]?\.?0/.test(w));

/** Workflows GitHub's parser mostly accepts (for the model-level differential): valid shapes, hostile words. */
const jobId = fc.constantFrom('build', 'on', 'y', 'yes', 'Yes', 'true', 'null', '_a', 'a-b', 'ON', 'b1');
const ghStep = fc.oneof(
  fc.record(
    {
      uses: fc.constantFrom<V>('actions/checkout@v4', 'evil/x@main', './.github/a', 'docker://x', 'o/r@v1'),
      with: fc.dictionary(keyWord, ghWord, { maxKeys: 3 }),
      id: fc.constantFrom<V>('a', 'b_1', 'on', 'yes', '_x'),
      if: fc.constantFrom<V>('always()', '${{ true }}', 'success()', true, 'yes', "${{ 'write-all' }}"),
      env: fc.dictionary(fc.constantFrom('A', 'B', 'on', 'yes'), ghWord, { maxKeys: 2 }),
    },
    { requiredKeys: ['uses'] },
  ),
  fc.record({ run: ghWord, name: ghWord }, { requiredKeys: ['run'] }),
);
const ghPerms = fc.oneof(
  fc.constantFrom<V>('write-all', 'read-all', {}, "${{ 'write-all' }}"),
  fc.dictionary(
    fc.constantFrom('contents', 'id-token', 'actions', 'packages', 'pull-requests'),
    fc.constantFrom<V>('read', 'write', 'none'),
    { maxKeys: 3 },
  ),
);
const ghJob = fc.record(
  {
    'runs-on': fc.constantFrom<V>('ubuntu-latest', ['self-hosted', 'x'], 'on', 'yes'),
    permissions: ghPerms,
    environment: fc.oneof(
      fc.constantFrom<V>('prod', 'on', 'yes', 'y'),
      fc.record({ name: ghWord }, { requiredKeys: ['name'] }),
    ),
    if: fc.constantFrom<V>('always()', 'true', 'yes', 'on', "github.ref == 'x'"),
    steps: fc.array(ghStep, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['runs-on', 'steps'] },
);
export const ghWorkflow: fc.Arbitrary<V> = fc.record(
  {
    on: fc.constantFrom<V>(
      'push',
      ['push', 'pull_request'],
      { push: null },
      { workflow_dispatch: {} },
      { push: { branches: ['main', 'on'] } },
    ),
    permissions: ghPerms,
    env: fc.dictionary(fc.constantFrom('A', 'on', 'yes', '1_000'), ghWord, { maxKeys: 2 }),
    jobs: fc.dictionary(jobId, ghJob, { minKeys: 1, maxKeys: 3 }),
  },
  { requiredKeys: ['on', 'jobs'] },
);
