/**
 * YAML with positions: one parse, then line look-ups by node or by key path. Used by the workflow
 * parser and the manifest/policy loaders so every finding and error can name its line.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export interface YamlProblem {
  readonly message: string;
  readonly line: number;
}

/** Parses one YAML document; syntax errors come back as problems with lines, never as throws. */
export function parseYaml(text: string, file: string): { source: YamlSource; errors: YamlProblem[] } {
  const lines = new LineCounter();
  // GitHub reads YAML 1.2 core schema; `merge: true` keeps `<<` merge keys working as they do there.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
  const errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0] ?? e.message,
    line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
  }));
  return { source: { file, doc, lines }, errors };
}

/** 1-based line of a node (an alias resolves to its anchor's node). */
export function lineOf(source: YamlSource, node: unknown): number {
  const target = isAlias(node) ? node.resolve(source.doc) : node;
  const range = (target as Node | undefined)?.range;
  return range ? source.lines.linePos(range[0]).line : 1;
}

/**
 * Line of the deepest node that exists along `path` (map keys and sequence indexes). For a map entry
 * the line of its key is returned, so an error about `permissions.content` points at `content:`.
 */
export function lineAtPath(source: YamlSource, path: readonly (string | number)[]): number {
  let node: unknown = source.doc.contents;
  let line = lineOf(source, node);
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(source.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      line = lineOf(source, pair.key);
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined) break;
      line = lineOf(source, item);
      node = item;
    } else {
      break;
    }
  }
  return line;
}
