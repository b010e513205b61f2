/**
 * Values and job graphs GitHub's workflow reader refuses though every key is one it takes (session 39):
 * a job or step that is no mapping, an empty `uses:`/`runs-on:`/`needs:` (the schema's
 * `non-empty-string`), `steps:` that is no list, and a `needs:` graph with no start, an unknown job or a
 * cycle (@actions/workflow-parser `convertJobs`/`validateNeeds`). GitHub refuses the whole file, so none
 * of its jobs run: a face that judged such a file would judge code that never runs. Each answer is
 * GitHub's wording and the line GitHub names (for an implicit null, its key's: `lineFor`).
 */
import type { LNode } from '../yaml/located.js';
import { asciiFold, unknownKeyProblem } from './keys.js';

export interface ShapeProblem {
  readonly message: string;
  readonly line: number;
}
type Entry = { readonly key: string; readonly keyLine: number; readonly value: LNode };

export const REFUSED = 'GitHub refuses this workflow: ';

/** GitHub's words for a value of the wrong kind where it wants a mapping (or a sequence). */
function unexpected(node: LNode): string {
  if (node.kind === 'seq') return 'A sequence was not expected';
  if (node.kind === 'map') return 'A mapping was not expected';
  return `Unexpected value '${node.value === null ? '' : String(node.value)}'`;
}

/**
 * The line of a refused value: an implicit null's (`uses:` with nothing, a bare `-`) is not where it
 * is written in the located tree (the reader places it at a neighbour), so the line of its key, or of
 * the list holding it, stands for it.
 */
const lineFor = (node: LNode, fallback: number): number =>
  node.kind === 'scalar' && node.value === null ? fallback : node.line || fallback;

/**
 * A job or a step that is no mapping (`j:`, `j: x`, a bare `-` step): "Unexpected value ''". `line` is
 * the job's key or the `steps:` key, for an implicit null.
 */
export function notMapping(node: LNode, where: () => string, line: number): ShapeProblem | undefined {
  if (node.kind === 'map') return undefined;
  return {
    message: `${REFUSED}${where()} is not a mapping ("${unexpected(node)}")`,
    line: lineFor(node, line),
  };
}

const isEmpty = (n: LNode): boolean => n.kind === 'scalar' && (n.value === null || n.value === '');

/**
 * The first empty string where the schema says `non-empty-string`: the value itself, an item of its
 * sequence, and for `runs-on:` the `group:` and `labels:` of its mapping (GitHub: "Unexpected value ''",
 * at that value).
 */
function firstEmpty(node: LNode, runsOn: boolean): LNode | undefined {
  if (isEmpty(node)) return node;
  if (node.kind === 'seq') return node.items.find(isEmpty);
  if (runsOn && node.kind === 'map')
    for (const e of node.entries)
      if (e.key === 'group' || e.key === 'labels') {
        const empty = firstEmpty(e.value, false);
        if (empty) return empty;
      }
  return undefined;
}

/** `key:` of `where` when it is, or holds, an empty string GitHub refuses. */
export function emptyValue(entry: Entry | undefined, where: () => string): ShapeProblem | undefined {
  if (!entry) return undefined;
  const empty = firstEmpty(entry.value, entry.key === 'runs-on');
  if (!empty) return undefined;
  return {
    message: `${REFUSED}\`${entry.key}:\` of ${where()} is empty ("Unexpected value ''"); name what it ${entry.key === 'needs' ? 'waits for' : 'runs'}`,
    line: lineFor(empty, entry.keyLine),
  };
}

/**
 * `steps:` that is no sequence (nothing, a mapping, a scalar): "Unexpected value ''" or "A mapping was
 * not expected", at its value. (An empty list, or no `steps:` at all, GitHub's server refuses too: "No
 * steps defined in `steps` and no workflow called in `uses` for the following jobs"; not judged here,
 * see docs/decisions.md, session 39.)
 */
export function stepsNotList(job: string, steps: Entry | undefined): ShapeProblem | undefined {
  const v = steps?.value;
  if (!v || v.kind === 'seq') return undefined;
  return {
    message: `${REFUSED}\`steps:\` of job '${job}' is not a list ("${unexpected(v)}")`,
    line: lineFor(v, steps.keyLine),
  };
}

/**
 * GitHub's `validateNeeds`: the jobs with no `needs:` start; a job starts once every job it names has;
 * a workflow where no job starts, or a job naming a job that never starts (a cycle) or no job at all,
 * is refused. GitHub's port compares names exactly; a name equal to a job's only up to ASCII case is
 * taken as that job here (GitHub's server compares job ids ignoring case elsewhere, and passing a file
 * GitHub refuses runs nothing, while refusing one GitHub runs is a false alarm). `needs` holds each
 * job's `needs:` entry, in the jobs' order; `jobsLine` is the jobs mapping's line, where GitHub
 * reports a workflow with no start.
 */
export function needsProblem(
  jobs: readonly Entry[],
  needs: readonly (Entry | undefined)[],
  jobsLine: number,
): ShapeProblem | undefined {
  // Most workflows name no `needs:`: nothing to build for them.
  if (jobs.length > 0 && needs.every((e) => e === undefined)) return undefined;
  const index = new Map<string, number>();
  for (let i = 0; i < jobs.length; i++) {
    const k = asciiFold(jobs[i]!.key);
    if (!index.has(k)) index.set(k, i);
  }
  // Each job's needed names (their nodes, for the lines), how many are not yet started, and the
  // jobs waiting on each job: linear in jobs and names (a chain of thousands of jobs, session 30).
  const name = (n: LNode) => (n.kind === 'scalar' ? String(n.value ?? '') : '');
  const named: LNode[][] = needs.map((e) => {
    const v = e?.value;
    if (!v) return [];
    return v.kind === 'seq' ? v.items.filter((n) => n.kind === 'scalar') : v.kind === 'scalar' ? [v] : [];
  });
  const waiting: number[][] = jobs.map(() => []);
  // A name of no job is counted and never started: its job keeps waiting.
  const left = named.map((ns, i) => {
    for (const n of ns) waiting[index.get(asciiFold(name(n))) ?? -1]?.push(i);
    return ns.length;
  });
  const ready: number[] = [];
  for (let i = 0; i < jobs.length; i++) if (left[i] === 0) ready.push(i);
  if (ready.length === 0)
    return {
      message: `${REFUSED}no job starts: ${jobs.length === 0 ? 'there is none' : 'each one waits for another'} ("The workflow must contain at least one job with no dependencies."); give it a job without \`needs:\``,
      line: jobsLine,
    };
  const started = new Uint8Array(jobs.length);
  for (let r = 0; r < ready.length; r++) {
    const j = ready[r]!;
    started[j] = 1;
    for (const i of waiting[j]!) if (--left[i]! === 0) ready.push(i);
  }
  let found: ShapeProblem | undefined;
  for (let i = 0; i < jobs.length; i++) {
    if (started[i]) continue;
    for (const n of named[i]!) {
      const target = index.get(asciiFold(name(n)));
      if (target !== undefined && started[target]) continue;
      const known = target !== undefined;
      const message = known
        ? `Job '${jobs[i]!.key}' depends on job '${name(n)}' which creates a cycle in the dependency graph.`
        : `Job '${jobs[i]!.key}' depends on unknown job '${name(n)}'.`;
      const line = lineFor(n, needs[i]!.keyLine);
      if (!found || line < found.line)
        found = {
          message: `${REFUSED}job '${jobs[i]!.key}' never starts ("${message}"); ${known ? 'break the cycle of `needs:`' : 'name a job of this workflow'}`,
          line,
        };
    }
  }
  return found;
}

/**
 * The kinds of value GitHub's schema takes at a place, as flags: a string (any scalar), a number, a
 * boolean, a mapping, a list. A lone expression (`${{ }}`) and an empty value are taken everywhere
 * here: GitHub's server takes `env: ${{ fromJSON(x) }}` where its port does not (session 39's corpus
 * survey), and an empty value is `emptyValue`'s where it matters.
 */
const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const MAPPING = 8;
const LIST = 16;

/**
 * A place in GitHub's workflow schema, below a key the model reads (session 41). Every place has every
 * field (`place()` makes them, in one order), so the walk's reads of a place see one object shape
 * (session 42: V8's loads of a field over places of six shapes were megamorphic).
 */
export interface Place {
  readonly kinds: number;
  /** A mapping's known keys, each its own place (a `Map`: only its own keys, `constructor` is none). */
  readonly keys: ReadonlyMap<string, Place> | undefined;
  /**
   * The mapping takes no other key ("Unexpected value 'a'"). Set where no key set of keys.ts judges
   * the mapping already (`defaults:`, `concurrency:`; a job's, a step's, `strategy:`, `container:`
   * and `environment:` are `unknownKey`'s).
   */
  readonly closed: ReadonlySet<string> | undefined;
  /**
   * A string GitHub reads before any context exists (`uses:`, `shell:`): an expression there is refused
   * ("A template expression is not allowed in this context"; with a context named, "Unrecognized
   * named-value"), so a `uses: \${{ matrix.action }}` runs nothing whatever the matrix holds. A literal
   * (`\${{ 'a/b@v1' }}`) is its value by then (literal.ts).
   */
  readonly literal: boolean;
  /** Every other entry of a mapping: `env:`'s variables, a matrix's vectors. */
  readonly values: Place | undefined;
  /** Every item of a list. */
  readonly items: Place | undefined;
  /**
   * A key the mapping must hold, with GitHub's words when it does not (or holds it empty): a container's
   * `image:` ("Container image cannot be empty"), `concurrency:`'s `group:` (session 42).
   */
  readonly required: Required | undefined;
  /** The only strings GitHub takes there (a `workflow_call` input's `type:`; session 42). */
  readonly allowed: ReadonlySet<string> | undefined;
  /**
   * An empty value is taken at a place of no string kind (session 43). GitHub's template reader makes
   * a null a string (`''`) and refuses it where no string definition matches ("Unexpected value ''": an
   * empty `env:` block, ITK#6203 and others on GitHub), unless the definition is one of null and a
   * mapping: `on.workflow_call:` and a `workflow_call` secret with nothing below.
   */
  readonly nullTaken: boolean;
  /** The string is a `non-empty-string` (a step's `shell:`, `concurrency:`): `''` and null are refused. */
  readonly nonEmpty: boolean;
}

interface Required {
  readonly key: string;
  readonly words: string;
  /** An empty string is taken there (`value: ''`: a `string`, not a `non-empty-string`). */
  readonly emptyTaken?: true;
}

function place(
  kinds: number,
  more: {
    keys?: Readonly<Record<string, Place>>;
    closed?: true;
    literal?: true;
    values?: Place;
    items?: Place;
    required?: Required;
    allowed?: ReadonlySet<string>;
    nullTaken?: true;
    nonEmpty?: true;
  } = {},
): Place {
  const keys = more.keys ? new Map(Object.entries(more.keys)) : undefined;
  return {
    kinds,
    keys,
    closed: more.closed && keys ? new Set(keys.keys()) : undefined,
    literal: more.literal === true,
    values: more.values,
    items: more.items,
    required: more.required,
    allowed: more.allowed,
    nullTaken: more.nullTaken === true,
    nonEmpty: more.nonEmpty === true,
  };
}

const ANY = place(STRING | NUMBER | BOOLEAN | MAPPING | LIST);
const STR = place(STRING | NUMBER | BOOLEAN);
const LITERAL = place(STRING | NUMBER | BOOLEAN, { literal: true });
const NUM = place(NUMBER);
const BOOL = place(BOOLEAN);
/** `env:`, `outputs:`, a call's `with:` and `secrets:` entries, a container's `credentials:`. */
const STRINGS = place(MAPPING, { values: STR });
/** A mapping of `keys` and no other key. */
const closed = (
  kinds: number,
  keys: Readonly<Record<string, Place>>,
  required?: Required,
  more: { nullTaken?: true; nonEmpty?: true } = {},
): Place => place(kinds, { keys, closed: true, required, ...more });
/** A `non-empty-string` (session 43); the copy keeps every field in `place()`'s order (one object shape). */
const nonEmpty = (p: Place): Place => ({ ...p, nonEmpty: true });
const CONCURRENCY = closed(
  STRING | MAPPING,
  // `queue:` (`single` or `max`) is in GitHub's schema (`concurrency-queue`) since session 41's table.
  { group: STR, 'cancel-in-progress': BOOL, queue: STR },
  { key: 'group', words: 'Required property is missing: group' },
);
const CONTAINER = place(STRING | MAPPING, {
  keys: { image: STR, env: STRINGS, credentials: STRINGS, options: STR },
  required: { key: 'image', words: 'Container image cannot be empty' },
});
/**
 * A mapping whose schema definition names no context (`workflow-job-with`, `job-outputs`,
 * `workflow-defaults`): GitHub's template reader refuses a lone expression there while reading the file
 * ("Unrecognized named-value"), unlike `env:` or `services:`, whose definitions name contexts (session 42).
 * The copy keeps every field in `place()`'s order (one object shape).
 */
const noContext = (p: Place): Place => ({ ...p, literal: true });
/**
 * `defaults:`: no context in the workflow's (`workflow-defaults-run` names none, so `shell:` is read
 * before any exists); a job's `defaults.run` names the job's contexts (`job-defaults-run`; GitHub's
 * context table lists `jobs.<job_id>.defaults.run`), so there `shell: ${{ matrix.shell }}` and a lone
 * expression are taken (session 42: session 41 refused them).
 */
const WORKFLOW_DEFAULTS = noContext(
  closed(MAPPING, {
    run: noContext(closed(MAPPING, { shell: nonEmpty(LITERAL), 'working-directory': nonEmpty(STR) })),
  }),
);
const JOB_DEFAULTS = noContext(
  closed(MAPPING, { run: closed(MAPPING, { shell: STR, 'working-directory': STR }) }),
);

/**
 * `on.workflow_call`: the one event GitHub's schema types in the `on:` its server reads (`on-mapping`:
 * `workflow_call` is `workflow-call`, every other event `any`). Every other event's body stays taken: its
 * port's strict schema refuses `workflow_dispatch: []` or `create: { branches: x }`, which corpus
 * workflows GitHub runs hold (session 42).
 */
const WORKFLOW_CALL = closed(
  MAPPING,
  {
    inputs: noContext(
      place(MAPPING, {
        values: closed(
          MAPPING,
          {
            description: STR,
            type: place(STRING | NUMBER | BOOLEAN, {
              literal: true,
              allowed: new Set(['string', 'number', 'boolean']),
            }),
            required: BOOL,
            default: STR,
          },
          { key: 'type', words: 'Required property is missing: type' },
        ),
      }),
    ),
    secrets: noContext(
      place(MAPPING, {
        values: closed(MAPPING, { description: STR, required: BOOL }, undefined, { nullTaken: true }),
      }),
    ),
    outputs: noContext(
      place(MAPPING, {
        values: closed(
          MAPPING,
          { description: STR, value: STR },
          { key: 'value', words: 'Required property is missing: value', emptyTaken: true },
        ),
      }),
    ),
  },
  undefined,
  { nullTaken: true },
);

/** The workflow's own keys the model reads. */
export const WORKFLOW_PLACE = place(MAPPING, {
  keys: {
    // `workflow-name` names no context: `name: ${{ github.ref }}` is refused (`run-name:` is for that).
    name: LITERAL,
    'run-name': STR,
    on: place(STRING | LIST | MAPPING, { keys: { workflow_call: WORKFLOW_CALL } }),
    env: STRINGS,
    defaults: WORKFLOW_DEFAULTS,
    concurrency: CONCURRENCY,
  },
});

/** A job's keys the model reads (`steps:` is `stepsNotList`'s, each step `STEP_PLACE`). */
export const JOB_PLACE = place(MAPPING, {
  keys: {
    name: STR,
    'runs-on': place(STRING | MAPPING | LIST, {
      items: STR,
      keys: { group: STR, labels: place(STRING | LIST, { items: STR }) },
    }),
    needs: place(STRING | LIST, { items: STR }),
    if: STR,
    env: STRINGS,
    outputs: noContext(STRINGS),
    strategy: place(MAPPING, {
      keys: {
        matrix: place(MAPPING, {
          keys: {
            include: place(LIST, { items: place(MAPPING) }),
            exclude: place(LIST, { items: place(MAPPING) }),
          },
          values: place(LIST, { items: ANY }),
        }),
        'fail-fast': BOOL,
        'max-parallel': NUM,
      },
    }),
    container: CONTAINER,
    // A service's string is a `non-empty-string`; the job's `container: ''` GitHub takes.
    services: place(MAPPING, { values: nonEmpty(CONTAINER) }),
    defaults: JOB_DEFAULTS,
    environment: place(STRING | MAPPING, { keys: { name: STR, url: STR } }),
    // A job's string is a `non-empty-string`; the workflow's `concurrency: ''` GitHub takes.
    concurrency: nonEmpty(CONCURRENCY),
    'timeout-minutes': NUM,
    'continue-on-error': BOOL,
    uses: LITERAL,
    // A call's `with:` (`workflow-job-with`); a step's takes one expression (`step-with` has contexts).
    with: noContext(STRINGS),
    // `inherit` or a mapping; another scalar is refused in parse.ts with the word GitHub wants.
    secrets: place(STRING | MAPPING, { values: STR }),
  },
});

/** A step's keys the model reads. */
export const STEP_PLACE = place(MAPPING, {
  keys: {
    name: STR,
    uses: LITERAL,
    run: STR,
    with: STRINGS,
    env: STRINGS,
    shell: nonEmpty(LITERAL),
    'working-directory': STR,
    if: STR,
    'continue-on-error': BOOL,
    'timeout-minutes': NUM,
  },
});

/**
 * A local composite action (action.yml, read by the runner with its action schema: `composite-step` is
 * a `run-step` or a `uses-step`): the keys composite.ts reads and the ones beside them. `shell:` names
 * the steps' contexts there (unlike a workflow step's); `uses:` none (session 42). Closed (session 43):
 * the runner's action_yaml.json (actions/runner 258d6c85) and its port's action schema list the same keys
 * and no loose key, so a key of neither step kind ("Unexpected value 'k'", keys case-sensitive) fails
 * the action's load ("Failed to load"); which kind a step is, and its required keys, are composite.ts'.
 * An `id:` is `refusedStepId`'s.
 */
const COMPOSITE_STEP_PLACE = closed(MAPPING, {
  id: ANY,
  name: STR,
  uses: nonEmpty(LITERAL),
  run: STR,
  with: STRINGS,
  env: STRINGS,
  shell: STR,
  'working-directory': STR,
  if: STR,
  'continue-on-error': BOOL,
});
/** An action file's keys composite.ts reads: each input's `default:`, `runs.steps`. */
export const ACTION_PLACE = place(MAPPING, {
  keys: {
    inputs: place(MAPPING, { values: place(MAPPING, { keys: { default: STR } }) }),
    // `output-definition` takes no loose key (the action's root and an input do: not judged).
    outputs: place(MAPPING, { values: closed(MAPPING, { description: STR, value: STR }) }),
    // A composite's `runs:` (walked for one only): `composite-runs` takes `using:` and `steps:` alone.
    runs: closed(MAPPING, { using: STR, steps: place(LIST, { items: COMPOSITE_STEP_PLACE }) }),
  },
});

/**
 * Each key of `allowed` (keys.ts: a job's, a step's) with its place below `top`, `null` for a key the
 * model does not read: the one look-up per key of parse.ts's key pass, which answers both "a key GitHub
 * does not take" (absent) and "where to judge its value" (session 42: the wrong-kind walk folded into
 * that pass instead of a second walk over the same entries). Every key of `top` is one of `allowed`
 * (checked here, once), so the pass judges every value the walk of `top` would.
 */
export function placesOf(allowed: ReadonlySet<string>, top: Place): ReadonlyMap<string, Place | null> {
  for (const k of top.keys?.keys() ?? [])
    if (!allowed.has(k)) throw new Error(`refused-shapes: the place key '${k}' is no key GitHub takes there`);
  return new Map([...allowed].map((k) => [k, top.keys?.get(k) ?? null]));
}

const KIND_WORDS: readonly [number, string][] = [
  [MAPPING, 'a mapping'],
  [LIST, 'a list'],
  [STRING, 'a string'],
  [NUMBER, 'a number'],
  [BOOLEAN, 'true or false'],
];
/** "a mapping or a string"; a string place takes numbers and booleans too, which go unsaid. */
const wanted = (kinds: number): string =>
  KIND_WORDS.filter(([k]) => (kinds & k) !== 0 && !(k !== STRING && k & (NUMBER | BOOLEAN) && kinds & STRING))
    .map(([, w]) => w)
    .join(' or ');

/**
 * A value refused below a place, before it is worded: what is wrong and where, as a path (`strategy`,
 * `matrix`, `include`, 2) the walk fills in as it returns through each place, so a value taken (every
 * value but one in a file GitHub refuses) costs no path.
 */
export interface Refusal {
  readonly why: 'kind' | 'literal' | 'closed' | 'allowed' | 'required';
  readonly node: LNode;
  readonly place: Place;
  readonly line: number;
  /** For `closed`: the key the mapping does not take; for `required`: the required key held empty. */
  readonly entry?: Entry;
  readonly path: (string | number)[];
}

/**
 * The first value below `node` (a mapping the caller has judged) whose kind GitHub's schema refuses
 * at its place: "A sequence was not expected", "A mapping was not expected", "Unexpected value 'x'"
 * (GitHub refuses the whole file; a reader that took such a value as absent would pass a file that
 * never runs). `where` names the owner (`the job 'build'`), worded only for a value refused.
 */
export function wrongKind(node: LNode, place: Place, where: () => string): ShapeProblem | undefined {
  if (node.kind !== 'map') return undefined;
  for (const e of node.entries) {
    const sub = place.keys?.get(e.key) ?? place.values;
    const found = sub && wrongKindOf(e, sub);
    if (found) return wrongKindProblem(found, where);
  }
  return undefined;
}

/** The value of `e` judged at `place` (`e.key`'s place below its owner): a refusal, its path from `e`. */
export function wrongKindOf(e: Entry, place: Place): Refusal | undefined {
  const found = wrongKindAt(e.value, place, e.keyLine);
  found?.path.unshift(e.key);
  return found;
}

/** The path of a place as a reader finds it: `strategy.matrix.include[2]`. */
const pathText = (path: readonly (string | number)[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join('');

/** A refusal in GitHub's words, with the owner `where` names. */
export function wrongKindProblem(r: Refusal | undefined, where: () => string): ShapeProblem | undefined {
  if (!r) return undefined;
  const { node, path } = r;
  if (r.why === 'closed')
    return unknownKeyProblem(r.entry!, r.place.closed!, `\`${pathText(path)}:\` of ${where()}`);
  if (r.why === 'literal')
    return {
      message: `${REFUSED}\`${pathText(path)}:\` of ${where()} is an expression ("A template expression is not allowed in this context"); GitHub reads it before any context exists: write the ${r.place.kinds & MAPPING ? 'mapping' : 'value'} itself`,
      line: lineFor(node, r.line),
    };
  if (r.why === 'allowed')
    return {
      message: `${REFUSED}\`${pathText(path)}:\` of ${where()} is '${String(node.kind === 'scalar' ? node.value : '')}' ("${unexpected(node)}"); GitHub takes ${[...r.place.allowed!].map((v) => `'${v}'`).join(', ')} there`,
      line: lineFor(node, r.line),
    };
  if (r.why === 'required') {
    const { key, words } = r.place.required!;
    const entry = r.entry;
    return {
      message: `${REFUSED}\`${pathText(path)}:\` of ${where()} has ${entry ? `an empty \`${key}:\`` : `no \`${key}:\``} ("${words}"); GitHub wants one there`,
      line: entry ? lineFor(entry.value, entry.keyLine) : node.line || r.line,
    };
  }
  const last = path[path.length - 1];
  const empty = isEmpty(node);
  const written =
    node.kind === 'seq'
      ? 'a list'
      : node.kind === 'map'
        ? 'a mapping'
        : empty
          ? 'empty'
          : `'${String(node.value)}'`;
  return {
    message: `${REFUSED}\`${pathText(path)}${typeof last === 'number' ? '' : ':'}\` of ${where()} is ${written} ("${unexpected(node)}"); GitHub wants ${wanted(r.place.kinds)}${empty && r.place.nonEmpty ? ' that is not empty' : ''} there`,
    line: lineFor(node, r.line),
  };
}

const refused = (why: Refusal['why'], node: LNode, place: Place, line: number, entry?: Entry): Refusal => ({
  why,
  node,
  place,
  line,
  entry,
  path: [],
});

/**
 * `node` at `place` (`line` its key's or its list's, for an implicit null). A lone expression and an
 * empty value are taken everywhere but a literal's place (see the flags above); a string at a string
 * place is taken without a search for `${{` (most values the walk meets: `run:`, `name:`, `with:`).
 */
function wrongKindAt(node: LNode, place: Place, line: number): Refusal | undefined {
  const kinds = place.kinds;
  if (node.kind === 'scalar') {
    const v = node.value;
    // An empty value: a string `''` where one is taken (session 43: see `nullTaken`, `nonEmpty`).
    if (v === null)
      return (kinds & STRING) === 0
        ? place.nullTaken
          ? undefined
          : refused('kind', node, place, line)
        : place.nonEmpty
          ? refused('kind', node, place, line)
          : undefined;
    if (v === '' && place.nonEmpty) return refused('kind', node, place, line);
    const allowed = place.allowed;
    if (typeof v === 'string') {
      if ((kinds & STRING) !== 0 && !place.literal && allowed === undefined) return undefined;
      if (v.includes('${{')) return place.literal ? refused('literal', node, place, line) : undefined;
      if ((kinds & STRING) === 0) return refused('kind', node, place, line);
    } else {
      const kind = typeof v === 'number' ? NUMBER | STRING : BOOLEAN | STRING;
      if ((kind & kinds) === 0) return refused('kind', node, place, line);
    }
    return allowed && !allowed.has(String(v)) ? refused('allowed', node, place, line) : undefined;
  }
  if (node.kind === 'map') {
    if ((kinds & MAPPING) === 0) return refused('kind', node, place, line);
    const required = place.required;
    if (required) {
      const entry = node.entries.find((e) => e.key === required.key);
      if (!entry || (isEmpty(entry.value) && !required.emptyTaken))
        return refused('required', node, place, line, entry);
    }
    return place.keys || place.values ? wrongKindBelow(node, place) : undefined;
  }
  if ((kinds & LIST) === 0) return refused('kind', node, place, line);
  const items = place.items;
  if (items)
    for (let i = 0, iEnd = node.items.length; i < iEnd; i++) {
      const found = wrongKindAt(node.items[i]!, items, node.line);
      if (found) {
        found.path.unshift(i);
        return found;
      }
    }
  return undefined;
}

/** The entries of a mapping below a key (a closed place refuses a key it does not know). */
function wrongKindBelow(node: LNode & { kind: 'map' }, place: Place): Refusal | undefined {
  const keys = place.keys;
  const values = place.values;
  for (let i = 0, iEnd = node.entries.length; i < iEnd; i++) {
    const e = node.entries[i]!;
    const sub = keys?.get(e.key) ?? values;
    if (!sub) {
      if (place.closed) return refused('closed', node, place, e.keyLine, e);
      continue;
    }
    const found = wrongKindOf(e, sub);
    if (found) return found;
  }
  return undefined;
}
