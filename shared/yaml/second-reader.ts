/**
 * A second reading of the documents the reference path reads: the `yaml` package, with the options
 * GitHub's own workflow parser (`@actions/workflow-parser`, `YamlObjectReader`) passes it. js-yaml and
 * the `yaml` package disagree on corners of YAML (a quoted scalar's spaces before a folded line break,
 * whitespace-only lines and explicit indentation in block scalars, an anchor redefined inside its own
 * node, a `%YAML 1.1` document's `on:`), and GitHub reads what the `yaml` package reads. The fast path
 * reads only constructs on which the two agree (tests/yaml/*-s7-* hold it to both); everything else
 * comes through here, and a document the two read differently is refused at the first line where they
 * part, never read the way only one of them reads it. Pure.
 */
import type { Document } from 'yaml';
import { yamlPackage } from './package.js';

export type SecondReading =
  { readonly value: unknown } | { readonly error: { readonly message: string; readonly line: number } };

const lineOfOffset = (text: string, offset: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/**
 * The `yaml` package's words for a quoted scalar it ends before a line that goes on at or left of its
 * parent's column (its lexer stops the scalar there, unclosed): the fast path hands this refusal over
 * without running the `yaml` package (tests/yaml/refusal-s9-quote.test.ts holds the two to each other).
 */
export const missingClosingQuote = (quote: number): string =>
  quote === 34 ? 'Missing closing "quote' : "Missing closing 'quote";

/**
 * The plain value the `yaml` package reads from `text` (a byte-order mark already removed), keys as
 * js-yaml stores them (`String(key)`); an error when it refuses the document, or when a key is a
 * collection (GitHub's reader has no name for such a key and refuses the file).
 */
export function secondReading(text: string): SecondReading {
  const { isAlias, isMap, isScalar, isSeq, parseDocument } = yamlPackage();
  let doc: Document;
  try {
    // Duplicate keys are found below, by name: the package's own check (`uniqueKeys: true`) compares
    // each key with every key before it, quadratic in a mapping's size (100,000 keys: minutes), and by
    // value, so `1:` beside `'1':` passed it though GitHub's template reader refuses the pair.
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch (err) {
    return { error: { message: `the YAML cannot be read: ${(err as Error).message}`, line: 1 } };
  }
  const first = doc.errors[0];
  if (first)
    return {
      error: {
        message: first.message.split('\n')[0]!,
        line: lineOfOffset(text, first.pos[0]),
      },
    };
  // One value per node, so an alias shares its anchor's value (and an alias bomb costs its nodes).
  const memo = new Map<unknown, unknown>();
  let badKey: number | undefined;
  let unresolved: number | undefined;
  let duplicate: number | undefined;
  const value = (n: unknown): unknown => {
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      // An alias to no anchor: the `yaml` package reports no error, but GitHub's reader yields no
      // value for it and the template reader refuses the file; so does this reading.
      const target = n.resolve(doc);
      if (target === undefined) unresolved ??= n.range ? lineOfOffset(text, n.range[0]) : 1;
      return value(target);
    }
    if (isScalar(n)) return n.value === undefined ? null : n.value;
    if (memo.has(n)) return memo.get(n);
    if (isSeq(n)) {
      const out: unknown[] = [];
      memo.set(n, out);
      for (const item of n.items) out.push(value(item));
      return out;
    }
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      memo.set(n, out);
      const names = new Set<string>();
      for (const pair of n.items) {
        // An alias as a key has no name to GitHub's reader either (`pair.key.value` is undefined
        // there: "Unexpected value 'undefined'"), though YAML resolves it.
        const k: unknown = pair.key;
        if (isAlias(k) || (k !== null && k !== undefined && !isScalar(k))) {
          const range = (k as { range?: [number, number, number] }).range;
          badKey ??= range ? lineOfOffset(text, range[0]) : 1;
          continue;
        }
        const raw = k === null || k === undefined ? null : (k as { value: unknown }).value;
        const name = String(raw === undefined ? null : raw);
        if (names.has(name)) {
          const range = (k as { range?: [number, number, number] } | null)?.range;
          duplicate ??= range ? lineOfOffset(text, range[0]) : 1;
        }
        names.add(name);
        Object.defineProperty(out, name, {
          value: value(pair.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return null;
  };
  // An empty document: js-yaml composes nothing (undefined), as the located reader reports it.
  if (doc.contents === null) return { value: undefined };
  let v: unknown;
  try {
    v = value(doc.contents);
  } catch (err) {
    return { error: { message: `the YAML cannot be read: ${(err as Error).message}`, line: 1 } };
  }
  if (duplicate !== undefined) return { error: { message: 'Map keys must be unique', line: duplicate } };
  if (unresolved !== undefined) return { error: { message: 'an alias names no anchor', line: unresolved } };
  if (badKey !== undefined)
    return {
      error: {
        message:
          'a mapping key is a mapping, a sequence or an alias; GitHub reads only keys written out as scalars',
        line: badKey,
      },
    };
  return { value: v };
}

/**
 * The first path at which two plain values differ, or undefined when they are equal. Compares each
 * pair of collections once (values share nodes through aliases), so an alias bomb costs its nodes.
 */
export function firstDifference(a: unknown, b: unknown): (string | number)[] | undefined {
  const seen = new Map<object, object>();
  const walk = (x: unknown, y: unknown, at: (string | number)[]): (string | number)[] | undefined => {
    if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object')
      return Object.is(x, y) ? undefined : at;
    if (seen.get(x) === y) return undefined;
    seen.set(x, y);
    if (Array.isArray(x) !== Array.isArray(y)) return at;
    if (Array.isArray(x)) {
      const ys = y as unknown[];
      for (let i = 0; i < Math.min(x.length, ys.length); i++) {
        const d = walk(x[i], ys[i], [...at, i]);
        if (d) return d;
      }
      return x.length === ys.length ? undefined : [...at, Math.min(x.length, ys.length)];
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const xk = Object.keys(xo);
    const yk = Object.keys(yo);
    for (const k of xk) {
      if (!Object.prototype.hasOwnProperty.call(yo, k)) return [...at, k];
      const d = walk(xo[k], yo[k], [...at, k]);
      if (d) return d;
    }
    for (const k of yk) if (!Object.prototype.hasOwnProperty.call(xo, k)) return at;
    return undefined;
  };
  return walk(a, b, []);
}
