/**
 * The keys GitHub's workflow schema allows where stepwarden reads access (the workflow, a job, a
 * step, a job's environment mapping), and the key rules of GitHub's template reader. GitHub refuses a
 * workflow with any other key there, and keys are case-sensitive (`Permissions:` is not
 * `permissions:`), while two keys of one mapping that differ only in ASCII case are "already defined".
 * A reader that skipped such a key would judge a file GitHub refuses as if it said something else, so
 * the workflow reader refuses it too (tests/workflow/keys-s7-schema.test.ts holds these lists equal to
 * `@actions/workflow-parser`'s schema). Pure.
 */
import type { LNode } from '../yaml/located.js';

export const WORKFLOW_KEYS: ReadonlySet<string> = new Set([
  'on',
  'name',
  'description',
  'run-name',
  'defaults',
  'env',
  'permissions',
  'concurrency',
  'jobs',
]);

/**
 * One mapping of a `one-of` in GitHub's workflow schema and its keys. GitHub's template reader
 * (`matchPropertyAndFilter`) keeps, key by key in the order written, the shapes that have the key: a
 * key none of the shapes left has is "Unexpected value". A job mixing both kinds, or a step with
 * `run:` and `uses:`, makes the file one GitHub never runs (session 37).
 */
export interface Shape {
  /** What a mapping of this shape is, for a refusal: `a job that runs steps`. */
  readonly what: string;
  readonly keys: ReadonlySet<string>;
  /** The key the schema marks `required` ("Required property is missing: runs-on"). */
  readonly required: string;
}

/** A job that runs steps (`job-factory`) or calls a reusable workflow (`workflow-job`). */
export const JOB_SHAPES: readonly Shape[] = [
  {
    what: 'a job that runs steps',
    keys: new Set([
      'needs',
      'if',
      'strategy',
      'name',
      'runs-on',
      'timeout-minutes',
      'cancel-timeout-minutes',
      'continue-on-error',
      'container',
      'services',
      'env',
      'environment',
      'permissions',
      'concurrency',
      'outputs',
      'defaults',
      'steps',
      'snapshot',
    ]),
    required: 'runs-on',
  },
  {
    what: 'a call to a reusable workflow',
    keys: new Set([
      'name',
      'uses',
      'with',
      'secrets',
      'needs',
      'if',
      'permissions',
      'concurrency',
      'strategy',
    ]),
    required: 'uses',
  },
];

export const JOB_KEYS: ReadonlySet<string> = new Set(JOB_SHAPES.flatMap((s) => [...s.keys]));

/**
 * Every kind of step: run, uses, and the background kinds (wait, wait-all, cancel, parallel), which
 * GitHub's reader takes behind a feature flag; stepwarden reads them as the schema writes them.
 */
export const STEP_SHAPES: readonly Shape[] = [
  {
    what: 'a step that runs a command',
    keys: new Set([
      'name',
      'id',
      'if',
      'timeout-minutes',
      'run',
      'continue-on-error',
      'env',
      'working-directory',
      'shell',
      'background',
    ]),
    required: 'run',
  },
  {
    what: 'a step that runs an action',
    keys: new Set([
      'name',
      'id',
      'if',
      'continue-on-error',
      'timeout-minutes',
      'uses',
      'with',
      'env',
      'background',
    ]),
    required: 'uses',
  },
  { what: 'a wait step', keys: new Set(['name', 'id', 'continue-on-error', 'wait']), required: 'wait' },
  {
    what: 'a wait-all step',
    keys: new Set(['name', 'id', 'continue-on-error', 'wait-all']),
    required: 'wait-all',
  },
  { what: 'a cancel step', keys: new Set(['name', 'id', 'continue-on-error', 'cancel']), required: 'cancel' },
  { what: 'a parallel step', keys: new Set(['parallel']), required: 'parallel' },
];

export const STEP_KEYS: ReadonlySet<string> = new Set(STEP_SHAPES.flatMap((s) => [...s.keys]));

/** Shapes as bit masks, so that the walk over every job and step of a check allocates nothing. */
interface ShapeMasks {
  readonly shapes: readonly Shape[];
  /** key -> the shapes that have it. */
  readonly having: ReadonlyMap<string, number>;
  readonly all: number;
}

function masks(shapes: readonly Shape[]): ShapeMasks {
  const having = new Map<string, number>();
  shapes.forEach((s, i) => {
    for (const k of s.keys) having.set(k, (having.get(k) ?? 0) | (1 << i));
  });
  return { shapes, having, all: (1 << shapes.length) - 1 };
}

export const JOB_SHAPE_MASKS = masks(JOB_SHAPES);
/**
 * Run against uses only: the background kinds (wait, wait-all, cancel, parallel) are behind a feature
 * flag in GitHub's reader, which refuses their keys without it; their keys are not judged here.
 */
export const STEP_SHAPE_MASKS = masks(STEP_SHAPES.slice(0, 2));

/**
 * Why GitHub's reader refuses a job's or a step's mapping for its shape, or undefined: a key that an
 * earlier key's choice of kind does not take ("Unexpected value"), a mapping whose keys all belong to
 * both kinds ("There's not enough info to determine what you meant", at the mapping), or one missing
 * its kind's required key ("Required property is missing: runs-on", at the mapping; session 38). A
 * mapping holding a key of no shape here (a step's background kinds, an unknown key, which
 * `unknownKeyProblem` refuses) is judged for mixed kinds only. `where` is worded only for a refusal;
 * `line` is the mapping's, where GitHub reports the last two.
 */
export function shapeProblem(
  entries: readonly { readonly key: string; readonly keyLine: number }[],
  m: ShapeMasks,
  where: () => string,
  line: number,
): KeyProblem | undefined {
  let left = m.all;
  // The first key that narrowed the shapes (it named what the mapping is).
  let chosenBy = -1;
  let other = false;
  for (let i = 0, n = entries.length; i < n; i++) {
    const e = entries[i]!;
    const has = m.having.get(e.key);
    if (has === undefined) {
      other = true;
      continue;
    }
    const narrowed = left & has;
    if (narrowed === left) continue;
    if (narrowed === 0) {
      const chosen = m.shapes.filter((_, s) => left & (1 << s)).map((s) => s.what);
      return {
        message: `GitHub refuses this workflow: ${where()} has the key '${e.key}', which ${chosen.join(' or ')} does not take${
          chosenBy >= 0 ? ` (its key '${entries[chosenBy]!.key}' makes it one)` : ''
        }: GitHub's workflow schema allows one kind or the other ("Unexpected value '${e.key}'")`,
        line: e.keyLine,
      };
    }
    left = narrowed;
    chosenBy = i;
  }
  if (other) return undefined;
  if ((left & (left - 1)) !== 0) {
    const kinds = m.shapes.filter((_, s) => left & (1 << s)).map((s) => `${s.what} ('${s.required}')`);
    return {
      message: `GitHub refuses this workflow: ${where()} has no key that says whether it is ${kinds.join(' or ')} ("There's not enough info to determine what you meant"); add the key of the kind you mean`,
      line,
    };
  }
  const shape = m.shapes[31 - Math.clz32(left)]!;
  for (let i = 0, n = entries.length; i < n; i++) if (entries[i]!.key === shape.required) return undefined;
  return {
    message: `GitHub refuses this workflow: ${where()} is ${shape.what} (its key '${entries[chosenBy]!.key}' makes it one) without '${shape.required}' ("Required property is missing: ${shape.required}")`,
    line,
  };
}

export const ENVIRONMENT_KEYS: ReadonlySet<string> = new Set(['name', 'url', 'deployment']);

export const STRATEGY_KEYS: ReadonlySet<string> = new Set(['fail-fast', 'max-parallel', 'matrix']);

/** A job's `container:` mapping (its credentials can hold secrets; its image runs the steps). */
export const CONTAINER_KEYS: ReadonlySet<string> = new Set([
  'image',
  'options',
  'env',
  'ports',
  'volumes',
  'credentials',
]);

/** One service container of `services:` (the same keys as a job container, `command` and `entrypoint` too). */
export const SERVICE_KEYS: ReadonlySet<string> = new Set([...CONTAINER_KEYS, 'command', 'entrypoint']);

/** The events `on:` may name (string, list or mapping form); GitHub refuses any other, `Push` included. */
export const EVENTS: ReadonlySet<string> = new Set([
  'branch_protection_rule',
  'check_run',
  'check_suite',
  'create',
  'delete',
  'deployment',
  'deployment_status',
  'discussion',
  'discussion_comment',
  'fork',
  'gollum',
  'image_version',
  'issue_comment',
  'issues',
  'label',
  'merge_group',
  'milestone',
  'page_build',
  'project',
  'project_card',
  'project_column',
  'public',
  'pull_request',
  'pull_request_comment',
  'pull_request_review',
  'pull_request_review_comment',
  'pull_request_target',
  'push',
  'registry_package',
  'release',
  'repository_dispatch',
  'schedule',
  'status',
  'watch',
  'workflow_call',
  'workflow_dispatch',
  'workflow_run',
]);

/** The first event `on` names that GitHub's schema does not know (or an `on:` with no event). */
export function unknownEvent(on: LNode, line: number): KeyProblem | undefined {
  const names: { name: unknown; line: number }[] =
    on.kind === 'scalar'
      ? [{ name: on.value, line: on.line }]
      : on.kind === 'seq'
        ? on.items.map((i) => ({ name: i.kind === 'scalar' ? i.value : undefined, line: i.line }))
        : on.entries.map((e) => ({ name: e.key, line: e.keyLine }));
  if (names.length === 0) return { message: 'GitHub refuses this workflow: `on:` names no event', line };
  for (const { name, line: at } of names) {
    if (typeof name === 'string' && EVENTS.has(name)) continue;
    const folded = typeof name === 'string' ? asciiFold(name) : undefined;
    return {
      message: `GitHub refuses this workflow: \`on:\` names '${String(name)}', which is not an event of its workflow schema${
        folded !== undefined && EVENTS.has(folded) ? ` (event names are case-sensitive: '${folded}')` : ''
      }`,
      line: at,
    };
  }
  return undefined;
}

/** ASCII letters folded to lower case, nothing else (GitHub's reader folds U+212A KELVIN SIGN not). */
export function asciiFold(s: string): string {
  // Every `with:` key and every key of a mapping with an upper-case letter (each `env:`) comes here:
  // an ASCII string, where `toLowerCase` folds exactly A-Z, costs no replacing callback.
  if (NON_ASCII.test(s)) return hasUpper(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
  return hasUpper(s) ? s.toLowerCase() : s;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Tests, not `charCodeAt` loops: `check` runs this code in V8's baseline tiers until it is hot
 * (ONE_PASS_V8_FLAGS in shared/cli/main.ts), where a loop pays calls per character and a regular
 * expression runs natively (about 3x faster on workflow keys, measured with Turbofan off, session 21). Neither
 * is global or sticky, so neither holds state between calls.
 */
const UPPER = /[A-Z]/;

/**
 * Letters that .NET's ToUpperInvariant may turn into an ASCII one: U+017F LATIN SMALL LETTER LONG S
 * (to `S` under ICU, the runner's casing on every platform) and U+0131 LATIN SMALL LETTER DOTLESS I (kept
 * by .NET's ICU casing, which special-cases it, but `I` to Unicode's simple mapping, which .NET's
 * invariant-globalization mode uses since .NET 8). .NET cases one character into one, so `ß` and the
 * `ﬀ` ligatures (which JavaScript upper-cases to two letters) stay as they are; U+212A KELVIN SIGN is
 * upper case already.
 */
const RUNNER_UPPER_TO_ASCII = /[\u017f\u0131]/;

/**
 * A `with:` key that the runner may hand to the action under an ASCII input's variable: it names each
 * input's variable `INPUT_` + the key with spaces as `_`, upper-cased by .NET's ToUpperInvariant
 * (actions/runner src/Runner.Worker/Handlers/Handler.cs, AddInputsToEnvironment), and `@actions/core`
 * reads `INPUT_SCOPE` for `scope`. So `\u017fcope: admin` may reach the action as its `scope` while every
 * reader here sees an unknown input, and beside `scope:` the later key may win. Which one depends on
 * the runner's casing mode, so the key is refused rather than guessed: spelt in ASCII it is read alike
 * by all.
 */
export function runnerCasedWithKey(node: LNode | undefined, where: string): KeyProblem | undefined {
  const e = runnerCasedEntry(node);
  return e && runnerCasedProblem(e, where);
}

/** The first key runnerCasedWithKey refuses, without wording where it is (asked of every step). */
export function runnerCasedEntry(node: LNode | undefined): { key: string; keyLine: number } | undefined {
  if (node?.kind !== 'map') return undefined;
  const es = node.entries;
  for (let i = 0, iEnd = es.length; i < iEnd; i++) if (RUNNER_UPPER_TO_ASCII.test(es[i]!.key)) return es[i];
  return undefined;
}

/** runnerCasedWithKey's refusal of the key runnerCasedEntry found. */
export function runnerCasedProblem(e: { key: string; keyLine: number }, where: string): KeyProblem {
  const ascii = e.key.replace(/\u017f/g, 's').replace(/\u0131/g, 'i');
  return {
    message: `the \`with:\` key '${e.key}' of ${where} holds ${[...new Set(e.key.match(/[\u017f\u0131]/g))].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' and ')}, which GitHub's runner may upper-case to an ASCII letter when it names the input's variable (INPUT_${asciiFold(ascii).replace(/ /g, '_').toUpperCase()}), so the action may read it as its input '${asciiFold(ascii)}' while stepwarden reads another name; write input names in ASCII`,
    line: e.keyLine,
  };
}

/**
 * Why a job's or a step's id is refused as a look-alike, or undefined. GitHub takes ids of ASCII
 * letters, digits, `_` and `-` only (`@actions/workflow-parser` IdBuilder, "The identifier '…' is
 * invalid"), so an id holding a letter, mark or digit beyond ASCII (`publiѕh` with U+0455 CYRILLIC
 * SMALL LETTER DZE) or a character drawn as nothing (a zero-width space, a bidi control, a space
 * other than U+0020) is no id GitHub runs, and it reads like one that is. Its code points are named,
 * so a reader sees which letter is not the one it looks like. Job and step ids also get
 * GitHub's whole rule (job-id.ts; job ids session 25, step ids session 26); this message is kept for
 * the look-alike case because it names the letter.
 */
export function invalidId(value: string): string | undefined {
  const foreign = [...new Set(value.match(LOOK_ALIKE) ?? [])];
  if (!foreign.length) return undefined;
  const names = foreign.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return `it holds ${names.slice(0, 5).join(', ')}, which ${foreign.length > 1 ? 'are' : 'is'} not ASCII: it only looks like an id (GitHub takes ASCII letters, digits, '_' and '-'); write it in ASCII`;
}

/**
 * Built from a string, as render/escape.ts's INVISIBLE is: a literal's `\p{...}` classes are checked
 * again at every parse of the code around it (docs/performance.md, session 37, w-cstart).
 */
export const LOOK_ALIKE = new RegExp(
  String.raw`(?!\p{ASCII})[\p{L}\p{M}\p{N}\p{Cf}\p{Zs}\p{Default_Ignorable_Code_Point}]`,
  'gu',
);

export interface KeyProblem {
  readonly message: string;
  readonly line: number;
}

/** The first key of `node` (a mapping) that is not in `allowed`, as GitHub's schema words it. */
export function unknownKey(
  node: LNode | undefined,
  allowed: ReadonlySet<string>,
  where: string,
): KeyProblem | undefined {
  const e = unknownKeyEntry(node, allowed);
  return e && unknownKeyProblem(e, allowed, where);
}

/**
 * The first entry of `node` (a mapping) whose key is not in `allowed`. Allocates nothing: it runs for
 * every job, step, strategy and container of every workflow, and nearly always finds nothing, so the
 * caller words the problem (and builds its `where`) only when there is one.
 */
export function unknownKeyEntry(
  node: LNode | undefined,
  allowed: ReadonlySet<string>,
): { key: string; keyLine: number } | undefined {
  if (node?.kind !== 'map') return undefined;
  const es = node.entries;
  for (let i = 0, iEnd = es.length; i < iEnd; i++) if (!allowed.has(es[i]!.key)) return es[i];
  return undefined;
}

/** GitHub's schema refusal of the key `e` of the mapping `where` names. */
export function unknownKeyProblem(
  e: { key: string; keyLine: number },
  allowed: ReadonlySet<string>,
  where: string,
): KeyProblem {
  const folded = asciiFold(e.key);
  const meant = [...allowed].find((k) => k === folded);
  return {
    message: `GitHub refuses this workflow: ${where} has the key '${e.key}', which its workflow schema does not allow${
      meant ? ` (keys are case-sensitive: '${meant}')` : ''
    }; stepwarden does not judge what GitHub would not run`,
    line: e.keyLine,
  };
}

/**
 * Whether each key seen holds an upper-case ASCII letter, by the key's text. Workflows repeat a few
 * hundred key names (`name`, `uses`, `with`, `run`, `env` names): a map look-up of a key the reader
 * interned costs less than a regular-expression test in V8's baseline tiers (the corpus check's main
 * thread -12.9 M instructions, -0.35 %; session 40; the corpus has about 4,200 distinct keys). Only
 * keys of at most 100 characters are kept, and the map is emptied when full, so it holds at most about
 * 2 MB whatever the input; a repository of many distinct keys pays one test and one insertion each.
 */
const UPPER_KEYS = new Map<string, boolean>();
const UPPER_KEYS_MAX = 8_192;
const UPPER_KEY_LENGTH = 100;

function upperKey(key: string): boolean {
  if (key.length > UPPER_KEY_LENGTH) return UPPER.test(key);
  let upper = UPPER_KEYS.get(key);
  if (upper === undefined) {
    if (UPPER_KEYS.size >= UPPER_KEYS_MAX) UPPER_KEYS.clear();
    upper = UPPER.test(key);
    UPPER_KEYS.set(key, upper);
  }
  return upper;
}

/**
 * The first key, anywhere in the tree, that repeats an earlier key of its mapping up to ASCII case
 * (`build:` and `Build:`, `env: {A: 1, a: 2}`): GitHub's template reader refuses the file ("'Build' is
 * already defined"), while YAML reads two keys. A node reached again through an alias is walked once.
 */
export function caseDuplicate(
  root: LNode | undefined,
  options: { unshared?: boolean } = {},
): KeyProblem | undefined {
  // Walked once per workflow, every mapping: no allocation for the common mapping whose keys hold
  // no upper-case ASCII letter (then no two of them can be equal up to case). The set of nodes seen
  // keeps an alias bomb to its nodes; a tree without aliases (`unshared`) has no node twice.
  const seen = options.unshared ? undefined : new Set<LNode>();
  const stack: LNode[] = root && root.kind !== 'scalar' ? [root] : [];
  let found: KeyProblem | undefined;
  while (stack.length) {
    const n = stack.pop()!;
    if (seen) {
      if (seen.has(n)) continue;
      seen.add(n);
    }
    // Each field read once (in V8's baseline tiers every read is an inline-cache call; session 29).
    const kind = n.kind;
    if (kind === 'seq') {
      const items = n.items;
      for (let i = 0, iEnd = items.length; i < iEnd; i++) {
        const item = items[i]!;
        if (item.kind !== 'scalar') stack.push(item);
      }
      continue;
    }
    if (kind !== 'map') continue;
    const entries = n.entries;
    const count = entries.length;
    // A mapping of one key has no two keys alike: its key is not tested.
    let upper = count < 2;
    for (let i = 0; i < count; i++) {
      const e = entries[i]!;
      if (!upper && upperKey(e.key)) upper = true;
      const v = e.value;
      if (v.kind !== 'scalar') stack.push(v);
    }
    if (count < 2 || !upper) continue;
    const keys = new Map<string, string>();
    for (let i = 0, iEnd = entries.length; i < iEnd; i++) {
      const e = entries[i]!;
      const f = asciiFold(e.key);
      const first = keys.get(f);
      if (first === undefined) keys.set(f, e.key);
      else if (!found || e.keyLine < found.line)
        found = {
          message: `GitHub refuses this workflow: the keys '${first}' and '${e.key}' of one mapping differ only in case, and GitHub's reader takes them as the same key ("'${e.key}' is already defined"); give them different names`,
          line: e.keyLine,
        };
    }
  }
  return found;
}

function hasUpper(s: string): boolean {
  return UPPER.test(s);
}
