/**
 * YAML reading with positions: every workflow, manifest and config goes through here, so every
 * finding and error can name its line. js-yaml is about ten times faster than the `yaml` library
 * on real workflow files (75 ms vs 700 ms for the 1,503-file corpus) but keeps no positions; its
 * `listener` reports where each node starts and what it composed to, and this module rebuilds a
 * small located tree from those events. (The `yaml` library is used only to write YAML: `init`.)
 */
import yaml from 'js-yaml';

export interface LScalar {
  readonly kind: 'scalar';
  readonly line: number;
  readonly value: string | number | boolean | null;
}
export interface LMap {
  readonly kind: 'map';
  readonly line: number;
  /** Entries in order, as written; `<<` merge keys are kept for the reader to expand. */
  readonly entries: readonly { readonly key: string; readonly keyLine: number; readonly value: LNode }[];
}
export interface LSeq {
  readonly kind: 'seq';
  readonly line: number;
  readonly items: readonly LNode[];
}
export type LNode = LScalar | LMap | LSeq;

/** YAML 1.2 core schema (no timestamps, so `on: 2020-01-01` stays a string) plus `<<` merge keys. */
// `types` is exported at runtime but missing from @types/js-yaml.
const SCHEMA = yaml.CORE_SCHEMA.extend([(yaml as unknown as { types: { merge: yaml.Type } }).types.merge]);

interface Frame {
  readonly start: number;
  readonly children: LNode[];
}

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
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

function scalarOf(value: unknown, line: number): LScalar {
  const v = value === undefined ? null : value;
  return {
    kind: 'scalar',
    line,
    value: typeof v === 'object' && v !== null ? String(v) : (v as string | number | boolean | null),
  };
}

export interface LocatedYaml {
  /** The document as plain JavaScript values (aliases and merge keys resolved). */
  readonly value?: unknown;
  readonly root?: LNode;
  readonly error?: { readonly message: string; readonly line: number };
}

export function parseLocatedYaml(text: string): LocatedYaml {
  const starts = lineStarts(text);
  const stack: Frame[] = [{ start: 0, children: [] }];
  // Aliases compose to the anchored object itself; this finds the located node that built it.
  const built = new WeakMap<object, LNode>();
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      stack.push({ start: state.position, children: [] });
      return;
    }
    const frame = stack.pop()!;
    const line = lineAt(starts, contentStart(text, frame.start));
    const { kind, result } = state;
    let node: LNode;
    if (kind === 'mapping' && result && typeof result === 'object') {
      const entries: { key: string; keyLine: number; value: LNode }[] = [];
      const c = frame.children;
      for (let i = 0; i + 1 < c.length; i += 2) {
        const k = c[i]!;
        entries.push({ key: k.kind === 'scalar' ? String(k.value) : '', keyLine: k.line, value: c[i + 1]! });
      }
      node = { kind: 'map', line, entries };
      built.set(result, node);
    } else if (kind === 'sequence' && Array.isArray(result)) {
      node = { kind: 'seq', line, items: frame.children };
      built.set(result, node);
    } else if (result !== null && typeof result === 'object' && built.has(result)) {
      node = built.get(result)!; // an alias to a collection
    } else {
      node = scalarOf(result, line);
    }
    stack[stack.length - 1]!.children.push(node);
  };
  let value: unknown;
  try {
    value = yaml.load(text, { schema: SCHEMA, listener: listener as never });
  } catch (err) {
    const e = err as { reason?: string; message: string; mark?: { line: number } };
    return {
      error: {
        message: e.reason ?? e.message.split('\n')[0] ?? 'invalid YAML',
        line: (e.mark?.line ?? 0) + 1,
      },
    };
  }
  const root = stack[0]!.children[stack[0]!.children.length - 1];
  return root ? { root, value } : { value };
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
      const e = node.entries.find((x) => x.key === String(key));
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
