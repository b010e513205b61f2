/**
 * Differential property against GitHub's own parser (`@actions/workflow-parser`, the oracle for what
 * GitHub reads): generated workflows that are hostile in form but valid — flow and block collections
 * mixed, quoted and explicit keys, a space before the colon, `!!str` tags, comments everywhere,
 * anchors and aliases, CR LF and a byte-order mark, `parallel:` step groups, every local spelling of
 * `uses:` — and for each one GitHub's parser accepts, stepwarden's model must hold the same jobs, the
 * same permissions blocks (workflow and job) and the same `uses:` of every job and step, in order.
 * tests/workflow/differential.test.ts holds the same facts over the corpus; this generates the forms
 * the corpus does not have.
 */
import { describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow as githubParse } from '@actions/workflow-parser';
import fc from 'fast-check';
import { runCheck } from '../../shared/check/run.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { manifest } from '../support/repo.js';

// ---- a tiny emitter with per-node style choices -------------------------------------------------

type Node =
  | { t: 'scalar'; v: string }
  | { t: 'seq'; items: Node[]; flow: boolean; anchor?: string }
  | { t: 'map'; entries: Entry[]; flow: boolean; anchor?: string }
  | { t: 'alias'; name: string };
interface Entry {
  k: string;
  v: Node;
  keyStyle: 'plain' | 'single' | 'double' | 'spaced' | 'explicit' | 'escaped';
  comment: boolean;
}
interface Style {
  tagStr: boolean;
  quote: 'plain' | 'single' | 'double';
}

const dq = (s: string) => JSON.stringify(s);
const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;
const PLAIN_SAFE = /^[A-Za-z_$.][A-Za-z0-9_./@$-]*$/;
const PLAIN_BLOCK_SAFE = /^[A-Za-z_$.][A-Za-z0-9_./@$:-]*$/;

function scalar(v: string, style: Style, flow: boolean): string {
  const plainOk =
    (flow ? PLAIN_SAFE : PLAIN_BLOCK_SAFE).test(v) && !/^(true|false|null|~|y|n|yes|no|on|off)$/i.test(v);
  const body = style.quote === 'plain' && plainOk ? v : style.quote === 'single' ? sq(v) : dq(v);
  return style.tagStr ? `!!str ${body}` : body;
}

function key(k: string, e: Entry, flow: boolean): string {
  if (e.keyStyle === 'single') return sq(k);
  if (e.keyStyle === 'double' || !PLAIN_SAFE.test(k)) return dq(k);
  if (e.keyStyle === 'spaced' && !flow) return `${k} `;
  // `"\u0070ermissions"` is `permissions` once the escape is read.
  if (e.keyStyle === 'escaped') return `"\\u${k.charCodeAt(0).toString(16).padStart(4, '0')}${k.slice(1)}"`;
  return k;
}

function flowText(n: Node, styles: () => Style): string {
  switch (n.t) {
    case 'scalar':
      return scalar(n.v, styles(), true);
    case 'alias':
      return `*${n.name}`;
    case 'seq':
      return `${n.anchor ? `&${n.anchor} ` : ''}[${n.items.map((i) => flowText(i, styles)).join(', ')}]`;
    case 'map':
      return `${n.anchor ? `&${n.anchor} ` : ''}{${n.entries.map((e) => `${key(e.k, e, true)}: ${flowText(e.v, styles)}`).join(', ')}}`;
  }
}

const inline = (n: Node) => n.t === 'scalar' || n.t === 'alias' || n.flow;

/** Lines of a block node at `indent`. */
function block(n: Node, indent: number, styles: () => Style): string[] {
  const pad = ' '.repeat(indent);
  if (n.t === 'seq') {
    return n.items.flatMap((item) => {
      if (inline(item)) return [`${pad}- ${flowText(item, styles)}`];
      const inner = block(item, indent + 2, styles);
      return [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  }
  if (n.t !== 'map') throw new Error('block of a scalar');
  return n.entries.flatMap((e) => {
    const c = e.comment ? ' # note: x' : '';
    if (e.keyStyle === 'explicit' && inline(e.v))
      return [`${pad}? ${PLAIN_SAFE.test(e.k) ? e.k : dq(e.k)}${c}`, `${pad}: ${flowText(e.v, styles)}`];
    const k = key(e.k, e, false);
    if (inline(e.v)) return [`${pad}${k}: ${flowText(e.v, styles)}${c}`];
    const anchor = e.v.t !== 'alias' && 'anchor' in e.v && e.v.anchor ? ` &${e.v.anchor}` : '';
    return [
      `${pad}${k}:${anchor}${c}`,
      ...(e.comment ? [`${pad}  # a comment line`] : []),
      ...block(e.v, indent + 2, styles),
    ];
  });
}

// ---- generators ---------------------------------------------------------------------------------

const SCOPES = ['contents', 'id-token', 'pull-requests', 'actions', 'packages'];
const LEVELS = ['read', 'write', 'none'];
const USES = [
  'actions/checkout@v4',
  'evil/exfiltrate@main',
  'o/r/sub/path@v1',
  './actions/run',
  '$/actions/run',
  './actions/../actions/enforce',
  'docker://alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000',
  'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567',
];
const JOB_IDS = ['build', 'a', '_x', 'deploy-1', 'constructor', 'toString', 'on', 'y', 'true'];

const keyStyle = fc.constantFrom<Entry['keyStyle']>(
  'plain',
  'plain',
  'single',
  'double',
  'spaced',
  'explicit',
);
const entry = (k: string, v: fc.Arbitrary<Node>): fc.Arbitrary<Entry> =>
  fc.record({ k: fc.constant(k), v, keyStyle, comment: fc.boolean() });
const sc = (v: fc.Arbitrary<string>): fc.Arbitrary<Node> => v.map((s) => ({ t: 'scalar' as const, v: s }));
const map = (entries: fc.Arbitrary<Entry[]>): fc.Arbitrary<Node> =>
  fc.record({ t: fc.constant('map' as const), entries, flow: fc.boolean() });
const seq = (items: fc.Arbitrary<Node[]>): fc.Arbitrary<Node> =>
  fc.record({ t: fc.constant('seq' as const), items, flow: fc.boolean() });

const permissions: fc.Arbitrary<Node> = fc.oneof(
  sc(fc.constantFrom('read-all', 'write-all')),
  map(
    fc
      .uniqueArray(fc.constantFrom(...SCOPES), { maxLength: 4 })
      .chain((scopes) => fc.tuple(...scopes.map((s) => entry(s, sc(fc.constantFrom(...LEVELS)))))),
  ),
);

const simpleStep: fc.Arbitrary<Node> = fc.oneof(
  map(fc.tuple(entry('uses', sc(fc.constantFrom(...USES))))),
  map(
    fc.tuple(
      entry('name', sc(fc.constantFrom('s', 'Step one'))),
      entry('uses', sc(fc.constantFrom(...USES))),
    ),
  ),
  map(fc.tuple(entry('run', sc(fc.constant('echo hi'))))),
);
const step: fc.Arbitrary<Node> = fc.oneof(
  { weight: 4, arbitrary: simpleStep },
  {
    weight: 1,
    arbitrary: map(fc.tuple(entry('parallel', seq(fc.array(simpleStep, { minLength: 1, maxLength: 3 }))))),
  },
);

const normalJob: fc.Arbitrary<Node> = fc
  .tuple(fc.option(permissions, { nil: undefined }), seq(fc.array(step, { minLength: 1, maxLength: 4 })))
  .chain(([p, steps]) =>
    map(
      fc.tuple(
        entry('runs-on', sc(fc.constant('ubuntu-latest'))),
        ...(p ? [entry('permissions', fc.constant(p))] : []),
        entry('steps', fc.constant(steps)),
      ),
    ),
  );
const callJob: fc.Arbitrary<Node> = fc
  .tuple(
    fc.option(permissions, { nil: undefined }),
    fc.constantFrom(
      './.github/workflows/lib.yml',
      '$/.github/workflows/lib.yml',
      'o/r/.github/workflows/lib.yml@v1',
    ),
  )
  .chain(([p, uses]) =>
    map(fc.tuple(...(p ? [entry('permissions', fc.constant(p))] : []), entry('uses', sc(fc.constant(uses))))),
  );

const EVENTS = ['push', 'pull_request_target', 'workflow_run', 'workflow_dispatch', 'issue_comment'];
/** `on:` as one event, a list, or a mapping (events with or without filters). */
const on: fc.Arbitrary<Node> = fc.oneof(
  sc(fc.constantFrom(...EVENTS)),
  seq(
    fc.uniqueArray(sc(fc.constantFrom(...EVENTS)), {
      minLength: 1,
      maxLength: 3,
      selector: (n) => (n as { v: string }).v,
    }),
  ),
  map(
    fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 3 }).chain((evs) =>
      fc.tuple(
        ...evs.map((ev) =>
          entry(
            ev,
            // Only `push` takes a branch filter here (workflow_dispatch, say, refuses one).
            ev === 'push'
              ? map(fc.tuple(entry('branches', seq(fc.constant([{ t: 'scalar', v: 'main' } as Node])))))
              : fc.constant<Node>({ t: 'map', entries: [], flow: true }),
          ),
        ),
      ),
    ),
  ),
);

interface Doc {
  root: Node;
  crlf: boolean;
  bom: boolean;
  /** `---` before the document and `...` after it. */
  markers?: boolean;
  styles: Style[];
}

const doc: fc.Arbitrary<Doc> = fc
  .tuple(
    fc.option(permissions, { nil: undefined }),
    fc.uniqueArray(fc.constantFrom(...JOB_IDS), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .chain(([wp, ids, aliasSteps]) =>
    fc.record({
      root: fc
        .tuple(
          ...ids.map((id) =>
            entry(id, fc.oneof({ weight: 4, arbitrary: normalJob }, { weight: 1, arbitrary: callJob })),
          ),
        )
        .chain((jobs) => {
          // Optionally give the first job's steps an anchor and the others an alias of them.
          if (aliasSteps) {
            const first = jobs[0]!.v;
            const steps = first.t === 'map' ? first.entries.find((e) => e.k === 'steps') : undefined;
            if (steps && steps.v.t === 'seq') {
              steps.v = { ...steps.v, anchor: 's0', flow: false };
              for (const j of jobs.slice(1)) {
                const s = j.v.t === 'map' ? j.v.entries.find((e) => e.k === 'steps') : undefined;
                if (s) s.v = { t: 'alias', name: 's0' };
              }
            }
          }
          return map(
            fc.tuple(
              entry('on', on),
              ...(wp ? [entry('permissions', fc.constant(wp))] : []),
              entry(
                'jobs',
                map(fc.constant(jobs)).map((m) => ({ ...m, flow: false }) as Node),
              ),
            ),
          ).map((m) => ({ ...m, flow: false }) as Node);
        }),
      crlf: fc.boolean(),
      bom: fc.boolean(),
      markers: fc.boolean(),
      styles: fc.array(
        fc.record({
          tagStr: fc.constantFrom(false, false, true),
          quote: fc.constantFrom<Style['quote']>('plain', 'plain', 'single', 'double'),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
  );

function render(d: Doc): string {
  let i = 0;
  const styles = () => d.styles[i++ % d.styles.length]!;
  const lines = block(d.root, 0, styles);
  if (d.markers) {
    lines.unshift('--- # the only document');
    lines.push('...');
  }
  return `${d.bom ? '\ufeff' : ''}${lines.join(d.crlf ? '\r\n' : '\n')}${d.crlf ? '\r\n' : '\n'}`;
}

// ---- the two readings ---------------------------------------------------------------------------

type Tok =
  | string
  | number
  | boolean
  | null
  | { type: 1; seq: Tok[] }
  | { type: 2; map: { Key: Tok; Value: Tok }[] }
  | { type: 3; expr: string };
const isMapTok = (t: Tok | undefined): t is { type: 2; map: { Key: Tok; Value: Tok }[] } =>
  typeof t === 'object' && t !== null && (t as { type: number }).type === 2;
const isSeqTok = (t: Tok | undefined): t is { type: 1; seq: Tok[] } =>
  typeof t === 'object' && t !== null && (t as { type: number }).type === 1;
const getTok = (t: Tok | undefined, k: string) =>
  isMapTok(t) ? t.map.find((e) => e.Key === k)?.Value : undefined;

const permText = (t: Tok | undefined): string =>
  t === undefined
    ? '-'
    : isMapTok(t)
      ? t.map
          .map((e) => `${String(e.Key)}=${String(e.Value)}`)
          .sort()
          .join(',')
      : String(t);

function stepUses(steps: Tok | undefined): string[] {
  if (!isSeqTok(steps)) return [];
  return steps.seq.flatMap((s) => {
    const u = getTok(s, 'uses');
    return [...(typeof u === 'string' ? [u] : []), ...stepUses(getTok(s, 'parallel'))];
  });
}

interface Facts {
  triggers: string[];
  permissions: string;
  jobs: Record<string, { permissions: string; uses: string[] }>;
}

function oracle(text: string): Facts | undefined {
  const r = githubParse({ name: 'ci.yml', content: text }, new NoOperationTraceWriter());
  if (r.context.errors.getErrors().length > 0 || r.value === undefined) return undefined;
  const root = JSON.parse(JSON.stringify(r.value)) as Tok;
  const jobs: Facts['jobs'] = {};
  const jobsTok = getTok(root, 'jobs');
  if (isMapTok(jobsTok))
    for (const { Key, Value } of jobsTok.map) {
      const own = getTok(Value, 'uses');
      jobs[String(Key)] = {
        permissions: permText(getTok(Value, 'permissions')),
        uses: [...(typeof own === 'string' ? [own] : []), ...stepUses(getTok(Value, 'steps'))],
      };
    }
  const onTok = getTok(root, 'on');
  const triggers = isMapTok(onTok)
    ? onTok.map.map((e) => String(e.Key))
    : isSeqTok(onTok)
      ? onTok.seq.map(String)
      : onTok === undefined
        ? []
        : [String(onTok)];
  return { triggers, permissions: permText(getTok(root, 'permissions')), jobs };
}

function ours(text: string): Facts | { error: string } {
  const m = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text);
  if (m.error) return { error: m.error.message };
  const block = (b: (typeof m)['permissions']) =>
    !b
      ? '-'
      : (b.shorthand ??
        b.entries
          .map((e) => `${e.scope}=${e.level}`)
          .sort()
          .join(','));
  return {
    triggers: m.triggers.map((t) => t.value),
    permissions: block(m.permissions),
    jobs: Object.fromEntries(
      m.jobs.map((j) => [j.id, { permissions: block(j.permissions), uses: j.actions.map((a) => a.uses) }]),
    ),
  };
}

describe("generated hostile-but-valid workflows: stepwarden reads what GitHub's parser reads", () => {
  it('the emitter writes what it means (a fixed example, read by both)', () => {
    const text = render({
      root: {
        t: 'map',
        flow: false,
        entries: [
          { k: 'on', v: { t: 'scalar', v: 'push' }, keyStyle: 'single', comment: false },
          {
            k: 'jobs',
            keyStyle: 'spaced',
            comment: true,
            v: {
              t: 'map',
              flow: false,
              entries: [
                {
                  k: 'a',
                  keyStyle: 'explicit',
                  comment: false,
                  v: {
                    t: 'map',
                    flow: true,
                    entries: [
                      {
                        k: 'permissions',
                        v: { t: 'scalar', v: 'write-all' },
                        keyStyle: 'double',
                        comment: false,
                      },
                      {
                        k: 'uses',
                        v: { t: 'scalar', v: '$/.github/workflows/lib.yml' },
                        keyStyle: 'plain',
                        comment: false,
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
      crlf: true,
      bom: true,
      styles: [{ tagStr: true, quote: 'double' }],
    });
    expect(text).toBe(
      '\ufeff\'on\': !!str "push"\r\njobs : # note: x\r\n  # a comment line\r\n  ? a\r\n  : {"permissions": !!str "write-all", uses: !!str "$/.github/workflows/lib.yml"}\r\n',
    );
    expect(oracle(text)).toEqual({
      triggers: ['push'],
      permissions: '-',
      jobs: { a: { permissions: 'write-all', uses: ['$/.github/workflows/lib.yml'] } },
    });
    expect(ours(text)).toEqual(oracle(text));
  });

  it('every generated workflow GitHub accepts has the same jobs, permissions and uses in stepwarden’s model', () => {
    let compared = 0;
    fc.assert(
      fc.property(doc, (d) => {
        const text = render(d);
        const theirs = oracle(text);
        if (!theirs) return; // GitHub refuses it: nothing runs
        compared++;
        expect([text, ours(text)]).toEqual([text, theirs]);
      }),
      { numRuns: Number(process.env.STEPWARDEN_ORACLE_RUNS ?? 400) },
    );
    // The generator must mostly write workflows GitHub accepts, or the property proves little.
    expect(compared).toBeGreaterThan(200);
  });

  it('and the check never passes one whose jobs or triggers hold more than an empty manifest grants', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const text = render(d);
        const theirs = oracle(text);
        if (!theirs) return;
        const m = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text);
        const { findings } = runCheck({ workflows: [m], manifest: manifest('version: 1\n') });
        // A job without a block takes the workflow's, else the (permissive) repository default.
        const effective = (p: string) => (p !== '-' ? p : theirs.permissions);
        const grants = (p: string) =>
          p === '-' || p === 'read-all' || p === 'write-all' || /=(read|write)/.test(p);
        if (Object.values(theirs.jobs).some((j) => grants(effective(j.permissions))))
          expect(findings.some((f) => f.severity === 'error')).toBe(true);
        // pull_request_target and workflow_run need an explicit listing in the manifest.
        if (theirs.triggers.some((t) => t === 'pull_request_target' || t === 'workflow_run'))
          expect(findings.map((f) => f.rule)).toContain('disallowed-trigger');
      }),
      { numRuns: 200 },
    );
  });
});
