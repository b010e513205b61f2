/**
 * YAML reading with positions: every workflow, manifest and config goes through here, so every
 * finding and error can name its line. js-yaml is about ten times faster than the `yaml` library
 * on real workflow files (75 ms vs 700 ms for the 1,503-file corpus) but keeps no positions; its
 * `listener` reports where each node starts and what it composed to, and this module rebuilds a
 * small located tree from those events. (The `yaml` library is used only to write YAML: `init`.)
 */
import { setOwn } from './own-key.js';
import yaml from 'js-yaml';
import { fastLocated, fastLocatedOrRefusal, fastLocatedValue, fastValue, own, SLICE_MIN } from './fast.js';
import { firstDifference, secondReading } from './second-reader.js';

export interface LScalar {
  readonly kind: 'scalar';
  readonly line: number;
  readonly value: string | number | boolean | null;
}
export interface LMap {
  readonly kind: 'map';
  readonly line: number;
  /** Entries in order, as written; `<<` merge keys are kept (with `merge` set) for the reader to expand. */
  readonly entries: readonly {
    readonly key: string;
    readonly keyLine: number;
    readonly value: LNode;
    readonly merge?: true;
  }[];
}
export interface LSeq {
  readonly kind: 'seq';
  readonly line: number;
  readonly items: readonly LNode[];
}
export type LNode = LScalar | LMap | LSeq;

// `types` is exported at runtime but missing from @types/js-yaml.
const TYPES = (yaml as unknown as { types: Record<'merge' | 'null' | 'bool', yaml.Type> }).types;

/*
 * Integers and floats as the YAML 1.2 core schema writes them, and as the `yaml` package (which
 * GitHub's own parser, `@actions/workflow-parser`, reads with) resolves them. js-yaml's core schema
 * is wider and narrower at once: it reads `1_000`, `0b11`, `-0x1F` and `+0o7` as numbers and `-.5`,
 * `.5e3` as strings, so a key `1_000:` was the job `1000` to stepwarden and `1_000` to GitHub.
 */
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** The first characters an integer or a float may start with here: `-+.` and digits. */
const mayBeNumber = (s: string) => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46;
};
const CORE_INT = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => mayBeNumber(s) && (INT_DEC.test(s) || INT_OCT.test(s) || INT_HEX.test(s)),
  construct: (s: string) =>
    INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10),
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: (v: unknown) => String(v),
});
const CORE_FLOAT = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => mayBeNumber(s) && (FLOAT.test(s) || FLOAT_SPECIAL.test(s)),
  construct: (s: string) => {
    if (!FLOAT_SPECIAL.test(s)) return parseFloat(s);
    if (/nan/i.test(s)) return NaN;
    return s.startsWith('-') ? -Infinity : Infinity;
  },
  predicate: (v: unknown) => typeof v === 'number' && !Number.isInteger(v),
  represent: (v: unknown) => String(v),
});

/**
 * The YAML 1.2 core schema as the `yaml` package reads it (null, bool, int, float; no timestamps, so
 * `on: 2020-01-01` stays a string) plus the merge type as an explicit tag: `!!merge <<: *a` merges,
 * while a plain `<<` stays a key named `<<` (the workflow reader refuses it, as GitHub does).
 */
export const SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [TYPES.null, TYPES.bool, CORE_INT, CORE_FLOAT],
  explicit: [TYPES.merge],
});
const MERGE_TAG = 'tag:yaml.org,2002:merge';
/** The schema's implicit types in the order js-yaml tries them on a plain scalar (for the fast path). */
export const IMPLICIT = (SCHEMA as unknown as { compiledImplicit: Parameters<typeof fastLocated>[1] })
  .compiledImplicit;

/** One node js-yaml composed, as its parent frame saw it. */
interface Child {
  readonly node: LNode;
  /** What js-yaml composed (the same object, for collections, as in the plain value). */
  readonly result: unknown;
  /** Offsets where js-yaml opened the node and where it stood when it closed it. */
  readonly open: number;
  readonly end: number;
  /** A merge key (`!!merge <<`); a plain or quoted `<<` is an ordinary key. */
  readonly merge: boolean;
}

interface Frame {
  readonly open: number;
  readonly children: Child[];
}

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  /** The anchor of the node being closed (js-yaml restores it before the 'close' event). */
  anchor?: string | null;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** js-yaml opens a node before skipping the space and comments in front of it. */
function contentStart(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return text.length;
      i = nl + 1;
    } else return i;
  }
}

/**
 * What separates two sibling nodes. Every piece of content belongs to some node, so between them
 * there is only space, comments, properties (`&anchor`, `!tag`) and indicators: a `:` makes the
 * next node a value, a `?` an explicit key, each `-` opens a block sequence item (an item with no
 * content opens no node at all, so two dashes mean an empty item in between). Returned as bits
 * (`COLON`, `QUESTION`) plus the number of dashes times `DASH`, so the scan allocates nothing.
 */
const COLON = 1;
const QUESTION = 2;
const DASH = 4;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isFlowIndicator = (c: number) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;

function scanGap(text: string, from: number, to: number): number {
  let gap = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 || nl > to ? to : nl + 1;
      continue;
    }
    if (c === 33 /* ! */ && text.charCodeAt(i + 1) === 60 /* < */) {
      const close = text.indexOf('>', i);
      i = close === -1 || close > to ? to : close + 1;
      continue;
    }
    if (c === 38 /* & */ || c === 33 /* ! */) {
      while (i < to && !isSpace(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i))) i++;
      continue;
    }
    if (c === 58 /* : */) gap |= COLON;
    else if (c === 63 /* ? */) gap |= QUESTION;
    else if (c === 45 /* - */) gap += DASH;
    i++;
  }
  return gap;
}

/** The key js-yaml stores for a composed key node (a plain object holds string keys only). */
function keyText(key: unknown): string {
  if (Array.isArray(key))
    return String(
      key.map((k: unknown) =>
        k !== null && typeof k === 'object' && !Array.isArray(k) ? '[object Object]' : k,
      ),
    );
  if (key !== null && typeof key === 'object') return '[object Object]';
  const text = String(key);
  // Not a view of the document's text: the tree outlives it (fast.ts, `own`).
  if (text.length >= SLICE_MIN) own(text);
  return text;
}

function scalarOf(value: unknown, line: number): LScalar {
  const v = value === undefined ? null : value;
  if (typeof v === 'string' && v.length >= SLICE_MIN) own(v);
  return {
    kind: 'scalar',
    line,
    value: typeof v === 'object' && v !== null ? String(v) : (v as string | number | boolean | null),
  };
}

const same = (a: unknown, b: unknown) => Object.is(a, b);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** What the tree builders need besides a frame: the text, its line starts, and where to report a mismatch. */
interface Builder {
  readonly text: string;
  readonly starts: readonly number[];
  readonly fail: (line: number) => void;
  /** Called with the line of every `<<` key (a merge key, or a plain key of that name). */
  readonly mergeKey: (line: number) => void;
}

function gapBefore(b: Builder, frame: Frame, i: number): number {
  return scanGap(b.text, i === 0 ? frame.open : frame.children[i - 1]!.end, frame.children[i]!.open);
}

function buildMap(b: Builder, frame: Frame, line: number, result: Record<string, unknown>): LMap {
  const entries: { key: string; keyLine: number; value: LNode; merge?: true }[] = [];
  const c = frame.children;
  let merges = false;
  // Children alternate keys and values, but a key may come without a value (`{a, b: 1}`,
  // `? a`) and a value without a key (`: b`): a `:` before a node makes it a value.
  for (let i = 0; i < c.length; i++) {
    const gap = gapBefore(b, frame, i);
    let key: Child | undefined;
    let value: Child | undefined;
    if (gap & COLON) value = c[i];
    else {
      key = c[i]!;
      if (i + 1 < c.length && gapBefore(b, frame, i + 1) & COLON) value = c[++i];
      // A block mapping ends by trying one more key that reads nothing.
      else if (i === c.length - 1 && key.open === key.end && key.result === null && !(gap & QUESTION)) break;
    }
    const k = keyText(key ? key.result : null);
    const v = value ? value.node : scalarOf(null, key!.node.line);
    if (k === '<<') b.mergeKey(key ? key.node.line : v.line);
    if (key?.merge) {
      merges = true;
      entries.push({ key: k, keyLine: key.node.line, value: v, merge: true });
      continue;
    }
    if (!hasOwn(result, k) || !same(result[k], value ? value.result : null)) b.fail(v.line);
    entries.push({ key: k, keyLine: key ? key.node.line : v.line, value: v });
  }
  if (!merges) {
    let count = 0;
    for (const k in result) if (hasOwn(result, k)) count++;
    if (count !== entries.length) b.fail(line);
  }
  return { kind: 'map', line, entries };
}

function buildSeq(b: Builder, frame: Frame, line: number, result: unknown[]): LSeq {
  const { starts } = b;
  const items: LNode[] = [];
  // What each item must compose to: a child's own result, or (pairKey set) a single pair.
  const want: unknown[] = [];
  const pairKey: (string | undefined)[] = [];
  const c = frame.children;
  // A flow sequence entry `a: 1` or `? a` is a single-pair mapping with no node of its own: it
  // starts at its key, and a `:` after it gives it its value.
  for (let i = 0; i < c.length; i++) {
    const child = c[i]!;
    const gap = gapBefore(b, frame, i);
    for (let d = DASH * 2; d <= gap; d += DASH) {
      items.push(scalarOf(null, lineAt(starts, child.open)));
      want.push(null);
      pairKey.push(undefined);
    }
    const next = i + 1 < c.length && gapBefore(b, frame, i + 1) & COLON ? c[++i] : undefined;
    if (next || gap & QUESTION) {
      const k = keyText(child.result);
      const v = next ? next.node : scalarOf(null, child.node.line);
      items.push({
        kind: 'map',
        line: child.node.line,
        entries: [{ key: k, keyLine: child.node.line, value: v }],
      });
      want.push(next ? next.result : null);
      pairKey.push(k);
    } else {
      items.push(child.node);
      want.push(child.result);
      pairKey.push(undefined);
    }
  }
  const tail = c.length ? c[c.length - 1]!.end : frame.open;
  while (items.length < result.length) {
    items.push(scalarOf(null, lineAt(starts, tail)));
    want.push(null);
    pairKey.push(undefined);
  }
  if (items.length !== result.length) b.fail(line);
  for (let i = 0; i < items.length; i++) {
    const r = result[i];
    const k = pairKey[i];
    if (k === undefined) {
      if (!same(r, want[i])) b.fail(items[i]!.line);
    } else if (r === null || typeof r !== 'object' || Object.keys(r).length !== 1 || !hasOwn(r, k))
      b.fail(items[i]!.line);
    else if (!same((r as Record<string, unknown>)[k], want[i])) b.fail(items[i]!.line);
  }
  return { kind: 'seq', line, items };
}

/**
 * At most this many nodes (collections and scalars, keys not counted) in a document's value with
 * every alias written out: what zod, the workflow model, the check and the diff walk. Far above any
 * real manifest (the 64,000-line one is about 250,000) or workflow, far below what a 10 KB alias bomb
 * expands to; the runner's own template reader stops at 1,000,000 parse events (TemplateMemory
 * `maxEvents` of actions/runner's ActionManifestManager).
 */
export const MAX_EXPANDED_NODES = 1_000_000;

export interface LocatedYaml {
  /** The document as plain JavaScript values (aliases and merge keys resolved). */
  readonly value?: unknown;
  readonly root?: LNode;
  /**
   * Every collection of `root` is reached by one path only (a fast-path tree: no aliases), so a walk
   * over it needs no set of the nodes it has seen.
   */
  readonly unshared?: true;
  /**
   * The first line with a `<<` key (a YAML 1.1 merge key, or a plain key so named) in a mapping of the
   * tree (eager parses only): GitHub refuses both, so the workflow reader reports it.
   */
  readonly mergeKeyLine?: number;
  /**
   * An anchor name defined a second time (eager reference parses only): YAML resolves each alias to
   * the definition before it, GitHub's reader (actions/runner `YamlAnchorParser`) to the last one in
   * the file, so the two read such a document differently whenever an alias sits between the two.
   */
  readonly redefinedAnchor?: { readonly name: string; readonly line: number; readonly first: number };
  /**
   * `syntax`: not valid YAML (to js-yaml, or, eager parses, to the `yaml` package GitHub's parser reads
   * with). `unlocatable`: valid, but its located tree would differ from its value. `ambiguous` (eager
   * parses): js-yaml and the `yaml` package read it to different values. `oversized`: its aliases expand
   * past MAX_EXPANDED_NODES, or (lazy parses) an alias sits inside the node it names.
   */
  readonly error?: {
    readonly message: string;
    readonly line: number;
    readonly kind?: 'syntax' | 'unlocatable' | 'ambiguous' | 'oversized';
  };
}

/**
 * Parses one YAML document with positions. The located tree is rebuilt from js-yaml's listener and
 * checked, node by node, against what js-yaml composed: a document whose tree would differ from its
 * plain value (which is what GitHub reads) is an error, never a tree with keys missing.
 *
 * `lazy`: for documents whose plain `value` is what the caller reads, and whose tree only names lines
 * (the manifest, the organization policy, the broker config). The parse records where each node
 * opened and closed in flat arrays and builds a mapping's entries or a sequence's items (the same
 * builders) only when a line look-up walks through it, so a 64,000-line manifest costs a parse, not
 * a parse plus a tree of 250,000 objects. Such a tree is not checked against the value (`unlocatable`
 * is never reported): a construct the tree cannot follow gets the nearest line, and the value stays
 * what is validated and used.
 */
export function parseLocatedYaml(source: string, options: { lazy?: boolean } = {}): LocatedYaml {
  // Plain block YAML (nearly every workflow, every manifest `init` writes) is read by the fast path,
  // which builds the same tree without listener events; anything else by the reference path below.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (options.lazy) {
    const fast = fastLocatedValue(text, IMPLICIT);
    if (fast) return fast;
  } else {
    const fast = fastLocatedOrRefusal(text, IMPLICIT);
    if (fast) return 'root' in fast ? new FastParse(fast.root) : { error: githubRefuses(fast.refusal) };
  }
  return parseLocatedYamlReference(source, options);
}

/**
 * A fast-path parse whose plain value is computed only if asked for (the workflow reader never asks).
 * A class, not an object literal with a getter: V8 kept every such literal (and the tree it closed
 * over) alive until a full collection, which made each young-generation collection copy them.
 */
class FastParse implements LocatedYaml {
  readonly unshared = true as const;
  private computed: unknown;
  constructor(readonly root: LNode) {}
  get value(): unknown {
    return (this.computed ??= fastValue(this.root));
  }
}

/**
 * The reference path: js-yaml with its listener, for every document (tests compare the fast path's
 * trees with this one's).
 */
export function parseLocatedYamlReference(source: string, options: { lazy?: boolean } = {}): LocatedYaml {
  if (options.lazy) return parseLazily(source);
  // js-yaml drops a leading byte-order mark before it counts positions; so does this reader.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const starts = lineStarts(text);
  // Open nodes: where each opened and its children so far (an array only once it has one, so a
  // scalar costs no frame).
  const opens: number[] = [0];
  const kids: (Child[] | undefined)[] = [[]];
  // Collections js-yaml composed -> their located node. An alias composes to the anchored object
  // itself, and a flow collection on its own line is reported twice, nested (a block-mapping
  // attempt that keeps what its first node composed): both reuse the node built first.
  const built = new Map<object, LNode>();
  let mismatch: number | undefined;
  let mergeKeyLine: number | undefined;
  // A collection composed twice (see parseLazily's `shared`).
  let shared = false;
  const anchors = new Map<string, number>();
  let redefinedAnchor: LocatedYaml['redefinedAnchor'];
  const b: Builder = {
    text,
    starts,
    fail: (line: number) => {
      if (mismatch === undefined) mismatch = line;
    },
    mergeKey: (line: number) => {
      if (mergeKeyLine === undefined || line < mergeKeyLine) mergeKeyLine = line;
    },
  };
  const fail = b.fail;
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      opens.push(state.position);
      kids.push(undefined);
      return;
    }
    const open = opens.pop()!;
    const children = kids.pop();
    const line = lineAt(starts, contentStart(text, open));
    const { kind, result } = state;
    if (state.anchor) {
      const first = anchors.get(state.anchor);
      if (first === undefined) anchors.set(state.anchor, line);
      else redefinedAnchor ??= { name: state.anchor, line, first };
    }
    let node: LNode;
    const known = result !== null && typeof result === 'object' ? built.get(result) : undefined;
    if (known) {
      node = known;
      shared = true;
    } else if (kind === 'mapping' && result && typeof result === 'object' && !Array.isArray(result)) {
      node = buildMap(b, { open, children: children ?? [] }, line, result as Record<string, unknown>);
      built.set(result, node);
    } else if (kind === 'sequence' && Array.isArray(result)) {
      node = buildSeq(b, { open, children: children ?? [] }, line, result);
      built.set(result, node);
    } else {
      // A collection that is neither built nor being built here (a recursive alias) has no tree.
      if (result !== null && typeof result === 'object') fail(line);
      node = scalarOf(result, line);
    }
    const child: Child = { node, result, open, end: state.position, merge: state.tag === MERGE_TAG };
    const siblings = kids[kids.length - 1];
    if (siblings) siblings.push(child);
    else kids[kids.length - 1] = [child];
  };
  let value: unknown;
  try {
    value = yaml.load(text, { schema: SCHEMA, listener: listener as never });
  } catch (err) {
    return refusedOnlyByJsYaml(err, text) ?? syntaxError(err, text);
  }
  if (mismatch !== undefined)
    return {
      error: {
        message:
          'this YAML cannot be read with positions the way it parses (a recursive alias, or a construct stepwarden does not locate); write it out in block style',
        line: mismatch,
        kind: 'unlocatable',
      },
    };
  const top = kids[0]!;
  const root = top[top.length - 1]?.node;
  const over = shared ? oversized(value, root, text) : undefined;
  if (over) return over;
  // A merge key is refused by every eager reader (GitHub refuses it), with its own message.
  if (mergeKeyLine === undefined && root) {
    const second = againstSecondReading(text, value, root);
    if ('message' in second) return { error: second };
    if (second.root !== root) {
      const merge = redefinedAnchor ? { redefinedAnchor } : {};
      return { root: second.root, value: second.value, ...merge };
    }
  }
  const merge = {
    ...(mergeKeyLine !== undefined ? { mergeKeyLine } : {}),
    ...(redefinedAnchor ? { redefinedAnchor } : {}),
  };
  return root ? { root, value, ...merge } : { value, ...merge };
}

/**
 * The `yaml` package's reading of a document js-yaml read to `value` and `root` (second-reader.ts).
 * Where the two differ only in scalars (a quoted scalar's spaces before a folded line break, a block
 * scalar's whitespace-only lines, a `!` tag on an empty value), the tree takes the `yaml` package's
 * scalars: that is what GitHub's parser reads. Where they differ in structure (keys, items), or the
 * `yaml` package refuses the document, the error to report, at the first line where they part.
 */
function againstSecondReading(
  text: string,
  value: unknown,
  root: LNode,
): { root: LNode; value: unknown } | NonNullable<LocatedYaml['error']> {
  const second = secondReading(text);
  if ('error' in second) return githubRefuses(second.error);
  let path: (string | number)[] | undefined;
  try {
    path = firstDifference(value, second.value);
    if (!path) return { root, value };
    const adopted = adoptScalars(root, second.value);
    if (adopted) {
      const v = toValue(adopted);
      path = firstDifference(v, second.value);
      if (!path) return { root: adopted, value: v };
    }
  } catch {
    path ??= [];
  }
  return {
    message: `YAML readers disagree on this document${path.length ? ` at ${path.join('.')}` : ''} (js-yaml and the \`yaml\` package GitHub's parser uses read different keys or items here: an anchor redefined inside its own node, a %YAML 1.1 directive, a key only one of them reads); write it plainly`,
    line: lineAtPath(root, path),
    kind: 'ambiguous',
  };
}

/** The error for a document the `yaml` package (GitHub's parser's reader) refuses, at its first error. */
const githubRefuses = (e: { readonly message: string; readonly line: number }) => ({
  message: `GitHub's YAML reader refuses this document: ${e.message}`,
  line: e.line,
  kind: 'syntax' as const,
});

/**
 * `root` with each scalar replaced by the scalar `second` holds at its place, or undefined when a
 * collection of the one is not a collection of the same kind, keys and length in the other.
 */
function adoptScalars(root: LNode, second: unknown): LNode | undefined {
  const memo = new Map<LNode, LNode>();
  const visit = (n: LNode, v: unknown): LNode | undefined => {
    if (n.kind === 'scalar') {
      if (v !== null && typeof v === 'object') return undefined;
      return Object.is(n.value, v) ? n : { kind: 'scalar', line: n.line, value: v as LScalar['value'] };
    }
    const known = memo.get(n);
    if (known) return known;
    if (n.kind === 'seq') {
      if (!Array.isArray(v) || v.length !== n.items.length) return undefined;
      const items: LNode[] = [];
      const node: LSeq = { kind: 'seq', line: n.line, items };
      memo.set(n, node);
      for (let i = 0; i < v.length; i++) {
        const item = visit(n.items[i]!, v[i]);
        if (!item) return undefined;
        items.push(item);
      }
      return node;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const o = v as Record<string, unknown>;
    const entries: LMap['entries'][number][] = [];
    const node: LMap = { kind: 'map', line: n.line, entries };
    memo.set(n, node);
    for (const e of n.entries) {
      if (e.merge || !hasOwn(o, e.key)) return undefined;
      const value = visit(e.value, o[e.key]);
      if (!value) return undefined;
      entries.push({ key: e.key, keyLine: e.keyLine, value });
    }
    return node;
  };
  return visit(root, second);
}

/**
 * A value its explicit core-schema tag does not allow (`!!bool test`, `!!int 1.5`): the `yaml` package
 * keeps it, but GitHub's server refuses the file ("The value 'test' ... is invalid for the type
 * 'tag:yaml.org,2002:bool'": workflow-parser/testdata/reader/errors-parse-*.yml, which the TypeScript
 * port skips), so it is a plain syntax error, not a refusal of stepwarden's own (session 39).
 */
const CORE_TAG_VALUE =
  /cannot resolve a node with !<tag:yaml\.org,2002:(?:bool|int|float|null)> explicit tag/;

/**
 * js-yaml's refusal of a document the `yaml` package (GitHub's reader) reads: a tag or an anchor
 * before a block mapping's first key (`permissions:\n  !!str contents: read`), a local tag
 * (`name: !x prod`), a `!` before a flow indicator. GitHub runs such a workflow, so the refusal is
 * stepwarden's own and says so, with js-yaml's reason and line (session 36: it read as a plain
 * "YAML syntax error", a valid workflow called invalid). Eager parses only; read on the error path.
 */
function refusedOnlyByJsYaml(err: unknown, text: string): LocatedYaml | undefined {
  if (err instanceof RangeError || CORE_TAG_VALUE.test(String((err as Error)?.message))) return undefined;
  if ('error' in secondReading(text)) return undefined;
  const { error } = syntaxError(err, text);
  return {
    error: {
      message: `js-yaml, stepwarden's YAML reader, refuses this document (${error!.message}) though GitHub's YAML reader accepts it; write this line plainly (block style, no tag, no anchor before a mapping's first key)`,
      line: error!.line,
      kind: 'ambiguous',
    },
  };
}

const syntaxError = (err: unknown, text: string): LocatedYaml => {
  // Nesting deep enough to exhaust the stack: refused (fail closed) with words a person can act on,
  // not the engine's "Maximum call stack size exceeded".
  if (err instanceof RangeError)
    return {
      error: {
        message:
          "the YAML is nested too deeply to read (collections inside collections beyond the reader's stack); write it flatter",
        line: deepestLine(text),
        kind: 'syntax',
      },
    };
  const e = err as { reason?: string; message: string; mark?: { line: number } };
  return {
    error: {
      message: e.reason ?? e.message.split('\n')[0] ?? 'invalid YAML',
      line: (e.mark?.line ?? 0) + 1,
      kind: 'syntax',
    },
  };
};

/**
 * The line of a document's deepest nesting (open flow brackets plus the block indentation, `- ` items
 * counted as indentation), for the refusal of nesting past the reader's stack: it named line 1
 * whatever the line (session 34). Read only on that refusal; brackets inside quotes or comments
 * count too, so it points at the nesting as the text draws it.
 */
function deepestLine(text: string): number {
  let best = 1;
  let bestDepth = -1;
  let flow = 0;
  let line = 1;
  let indent = 0;
  let start = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      indent = 0;
      start = true;
      continue;
    }
    if (start && (c === 32 || c === 45)) {
      indent++;
      continue;
    }
    start = false;
    if (c === 91 || c === 123) flow++;
    else if ((c === 93 || c === 125) && flow > 0) flow--;
    if (flow + indent > bestDepth) {
      bestDepth = flow + indent;
      best = line;
    }
  }
  return best;
}

/** `NodeLog.kind`: 0 a scalar (or a collection with no tree), else one of these. */
const MAP = 1;
const SEQ = 2;

/**
 * The nodes of one parse as flat arrays, in the order js-yaml opened them: where each opened and
 * closed, its parent, the next node opened after it closed (its next sibling when that node has the
 * same parent), what it composed, and the node that stands for it (itself, or the first node that
 * composed the same collection: an alias, or the nested report of a flow collection on its own line).
 */
class NodeLog {
  count = 0;
  open = new Int32Array(256);
  end = new Int32Array(256);
  parent = new Int32Array(256);
  after = new Int32Array(256);
  target = new Int32Array(256);
  kind = new Uint8Array(256);
  merge = new Uint8Array(256);
  readonly results: unknown[] = [];
  private readonly nodes = new Map<number, LNode>();
  private readonly builder: Builder;

  constructor(
    readonly text: string,
    readonly starts: readonly number[],
  ) {
    this.builder = { text, starts, fail: () => {}, mergeKey: () => {} };
  }

  add(open: number, parent: number): number {
    if (this.count === this.open.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.open = grow(this.open);
      this.end = grow(this.end);
      this.parent = grow(this.parent);
      this.after = grow(this.after);
      this.target = grow(this.target);
      this.kind = grow(this.kind);
      this.merge = grow(this.merge);
    }
    const i = this.count++;
    this.open[i] = open;
    this.parent[i] = parent;
    this.results.push(undefined);
    return i;
  }

  /** The located node of node `i`, built once (its entries or items only when first read). */
  node(i: number): LNode {
    const t = this.target[i]!;
    const known = this.nodes.get(t);
    if (known) return known;
    const line = lineAt(this.starts, contentStart(this.text, this.open[t]!));
    let node: LNode;
    if (this.kind[t] === MAP) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const log = this;
      let entries: LMap['entries'] | undefined;
      node = {
        kind: 'map',
        line,
        get entries() {
          return (entries ??= (
            buildMap(log.builder, log.frame(t), line, log.results[t] as Record<string, unknown>) as LMap
          ).entries);
        },
      };
    } else if (this.kind[t] === SEQ) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const log = this;
      let items: LSeq['items'] | undefined;
      node = {
        kind: 'seq',
        line,
        get items() {
          return (items ??= buildSeq(log.builder, log.frame(t), line, log.results[t] as unknown[]).items);
        },
      };
    } else node = scalarOf(this.results[t], line);
    this.nodes.set(t, node);
    return node;
  }

  /** Node `t`'s children as the builders read them. */
  private frame(t: number): Frame {
    const children: Child[] = [];
    for (let c = t + 1; c < this.count && this.parent[c] === t; c = this.after[c]!)
      children.push({
        node: this.node(c),
        result: this.results[c],
        open: this.open[c]!,
        end: this.end[c]!,
        merge: this.merge[c] === 1,
      });
    return { open: this.open[t]!, children };
  }
}

function parseLazily(source: string): LocatedYaml {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const log = new NodeLog(text, lineStarts(text));
  const stack: number[] = [-1];
  // Collections js-yaml composed -> the first node that composed them (see parseLocatedYaml's `built`).
  const first = new Map<object, number>();
  let root = -1;
  // A collection composed twice (an alias, or a flow collection reported twice): only then can the
  // value be larger than the text, so only then is it counted.
  let shared = false;
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      stack.push(log.add(state.position, stack[stack.length - 1]!));
      return;
    }
    const i = stack.pop()!;
    const { kind, result } = state;
    log.end[i] = state.position;
    log.after[i] = log.count;
    log.results[i] = result;
    log.merge[i] = state.tag === MERGE_TAG ? 1 : 0;
    log.target[i] = i;
    if (result !== null && typeof result === 'object') {
      const seen = first.get(result);
      if (seen !== undefined) {
        log.target[i] = seen;
        shared = true;
      } else if (kind === 'mapping' && !Array.isArray(result)) {
        log.kind[i] = MAP;
        first.set(result, i);
      } else if (kind === 'sequence' && Array.isArray(result)) {
        log.kind[i] = SEQ;
        first.set(result, i);
      }
    }
    if (stack.length === 1) root = i;
  };
  let value: unknown;
  try {
    value = yaml.load(text, { schema: SCHEMA, listener: listener as never });
  } catch (err) {
    return syntaxError(err, text);
  }
  const tree = root === -1 ? undefined : log.node(root);
  const over = shared ? oversized(value, tree, text) : undefined;
  if (over) return over;
  return tree ? { root: tree, value } : { value };
}

/** The `oversized` error of a document whose value passes MAX_EXPANDED_NODES, or undefined. */
function oversized(value: unknown, root: LNode | undefined, text: string): LocatedYaml | undefined {
  let over;
  try {
    over = overExpanded(value, MAX_EXPANDED_NODES);
  } catch (err) {
    // Nesting js-yaml composed within its stack can still be deeper than this walk's.
    if (err instanceof RangeError) return syntaxError(err, text);
    throw err;
  }
  if (!over) return undefined;
  return {
    error: {
      message: over.recursive
        ? 'an alias refers to a node that contains it (a recursive alias): its value has no end; write the node out'
        : `its aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (the limit of what stepwarden reads, aliases written out); write the document without aliases this large`,
      line: lineAtPath(root, over.path),
      kind: 'oversized',
    },
  };
}

/**
 * Where `value`, its shared nodes counted once per path that reaches them (what a walk over it as a
 * tree visits), passes `limit` nodes (the path to the child whose count passed it: an alias, for an
 * alias bomb), or reaches a node inside itself. Each distinct collection is walked once, its count
 * kept, so the cost is the text's, not the expansion's.
 */
function overExpanded(
  value: unknown,
  limit: number,
): { readonly path: (string | number)[]; readonly recursive: boolean } | undefined {
  const IN_PROGRESS = -1;
  const counted = new Map<object, number>();
  const path: (string | number)[] = [];
  class Over {
    constructor(readonly recursive: boolean) {}
  }
  const count = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = counted.get(v);
    if (known === IN_PROGRESS) throw new Over(true);
    if (known !== undefined) return known;
    counted.set(v, IN_PROGRESS);
    let n = 1;
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const k of keys) {
      path.push(k);
      n += count((v as Record<string | number, unknown>)[k]);
      if (n > limit) throw new Over(false);
      path.pop();
    }
    counted.set(v, n);
    return n;
  };
  try {
    count(value);
    return undefined;
  } catch (err) {
    if (err instanceof Over) return { path, recursive: err.recursive };
    throw err;
  }
}

/**
 * The plain value of a located tree, as `yaml.load` composes it with the same schema: merge keys
 * expanded the way js-yaml does, a node shared through an alias shared in the value too.
 */
export function toValue(root: LNode | undefined): unknown {
  if (!root) return undefined;
  const memo = new Map<LNode, unknown>();
  const visit = (n: LNode): unknown => {
    if (n.kind === 'scalar') return n.value;
    const known = memo.get(n);
    if (known !== undefined) return known;
    if (n.kind === 'seq') {
      const out: unknown[] = [];
      memo.set(n, out);
      for (const i of n.items) out.push(visit(i));
      return out;
    }
    const out: Record<string, unknown> = {};
    memo.set(n, out);
    const put = (k: string, v: unknown) => setOwn(out, k, v);
    for (const e of n.entries) {
      if (e.merge) {
        const sources = e.value.kind === 'seq' ? e.value.items : [e.value];
        for (const s of sources) {
          const src = visit(s) as Record<string, unknown>;
          for (const k of Object.keys(src))
            if (!hasOwn(out, k)) {
              put(k, src[k]);
            }
        }
      } else {
        put(e.key, visit(e.value));
      }
    }
    return out;
  };
  return visit(root);
}

/**
 * Line of the deepest node that exists along `path` (map keys and sequence indexes). For a map entry
 * the line of its key is returned, so an error about `permissions.content` points at `content:`.
 */
export function lineAtPath(root: LNode | undefined, path: readonly (string | number)[]): number {
  let node = root;
  let line = root?.line ?? 1;
  for (const key of path) {
    if (node?.kind === 'map') {
      // An index loop, not find(): the broker looks up a grant's lines on every exchange, and a
      // closure per key of the path was about 1.6 KB of garbage per exchange.
      const name = typeof key === 'string' ? key : String(key);
      const entries = node.entries;
      let e: (typeof entries)[number] | undefined;
      for (let i = 0; i < entries.length; i++)
        if (entries[i]!.key === name) {
          e = entries[i];
          break;
        }
      if (!e) break;
      line = e.keyLine;
      node = e.value;
    } else if (node?.kind === 'seq' && typeof key === 'number' && node.items[key]) {
      node = node.items[key];
      line = node.line;
    } else break;
  }
  return line;
}
