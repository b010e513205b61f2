/**
 * GitHub's template reader turns a value that is one expression holding one single-quoted string,
 * `${{ 'write-all' }}`, into that string before anything reads it (actions/runner `TemplateReader`,
 * `@actions/workflow-parser` `parseScalar`: "Check if can convert to a literal"). It does so for every
 * string of a workflow or action file, keys included: `permissions: ${{ 'write-all' }}` is
 * `permissions: write-all`, `${{ 'permissions' }}: write-all` too, in places where no expression is
 * allowed. Read as written, such a block was "invalid" to stepwarden (no permission at all: the
 * access diff showed write-all as narrowed) and such a `uses:` an unknown expression. Pure.
 */
import type { LMap, LNode, LSeq } from '../yaml/located.js';
import { expressionClose, trimAsNet } from './template.js';

const OPEN = '${{';

/**
 * Whether YAML text can hold a value that folds: one whose string reads `${{`, white space, `'`.
 * It may pass a text in which nothing folds, never skip one in which something does; it lets the
 * walk be skipped for nearly every file (16 of the 1,503 corpus workflows pass; 287 hold a backslash,
 * which passed them before session 33).
 * - A `$`, `{` or `'` a text does not show can only come from a double-quoted escape written with
 *   `\x`, `\u` or `\U` (YAML has no `\$`, `\{` or `\'`; `''` still shows a `'`): such a text passes.
 * - Otherwise the three signs are written, in order. Nothing can stand between `$`, `{` and `{` but
 *   an escaped line break with the next line's indentation (which a double-quoted scalar drops; a
 *   line fold leaves a space). Between `{{` and `'`: white space as .NET sees it (`\s` and U+0085
 *   NEXT LINE, which `trimAsNet` trims and `\s` does not hold: a workflow holding it raw is refused
 *   first, a foreign line break, but this filter does not lean on that), line breaks, folds, any escape
 *   (`\t`, `\N`, `\_`, `\L`, an escaped line break, ...; more than can make white space).
 */
const WRITTEN_OPEN = /\$(?:\\[\s\u0085]+)*\{(?:\\[\s\u0085]+)*\{(?:[\s\u0085]|\\[^])*'/;
/** WRITTEN_OPEN where the text holds no backslash: with `${{` to search for, the engine skips ahead. */
const PLAIN_OPEN = /\$\{\{[\s\u0085]*'/;
export function mayFold(text: string): boolean {
  // `includes` before any regular expression: the expressions' own scans of a whole file cost more
  // than the walk they save on the corpus (session 33).
  if (!text.includes('\\')) return PLAIN_OPEN.test(text);
  return text.includes('\\x') || text.includes('\\u') || text.includes('\\U') || WRITTEN_OPEN.test(text);
}

/**
 * The string GitHub reads for `raw`, when the whole of it is `${{ '…' }}` (one expression that is
 * one string literal, `''` for a quote inside); undefined otherwise. Follows the reader's scan: the
 * expression ends at the first `}}` outside quotes, and is trimmed before it is read.
 */
export function literalOf(raw: string): string | undefined {
  if (!raw.startsWith(OPEN)) return undefined;
  const end = expressionClose(raw, OPEN.length);
  // Not closed, or text after the closing `}}` (then the value is a format() of several segments).
  if (end !== raw.length - 1) return undefined;
  // Trimmed as .NET trims (NEXT LINE too, a byte order mark not): the reader is GitHub's C# one.
  const expr = trimAsNet(raw.slice(OPEN.length, end - 1));
  if (!expr.startsWith("'")) return undefined;
  let out = '';
  let inString = false;
  for (let i = 0, iEnd = expr.length; i < iEnd; i++) {
    const c = expr[i]!;
    if (c === "'") {
      inString = !inString;
      if (inString && i !== 0) out += c;
    } else if (!inString) return undefined;
    else out += c;
  }
  // An unterminated literal is an expression error: GitHub keeps the value as written and refuses it.
  return inString ? undefined : out;
}

const fold = (v: string): string => literalOf(v) ?? v;

/**
 * `root` with every string scalar and every mapping key read as GitHub's template reader reads it.
 * Nodes without such a value are returned as they are; a node reached through several aliases is
 * folded once (an alias bomb costs its distinct nodes).
 */
export function foldLiterals(root: LNode): LNode {
  return foldLiteralsChecked(root).root;
}

/**
 * foldLiterals, and the first key that, once folded, is another key of its mapping (up to ASCII case,
 * as GitHub's reader compares them: "'permissions' is already defined"). YAML saw two keys there;
 * GitHub refuses the file.
 */
export function foldLiteralsChecked(
  root: LNode,
  options: { unshared?: boolean } = {},
): {
  root: LNode;
  duplicate?: { key: string; line: number };
} {
  // Most texts `mayFold` lets through hold no literal at all (a `\` in a shell line is enough): a tree
  // without aliases is first searched without allocating, and comes back as it is when nothing folds.
  if (options.unshared && !foldsAnywhere(root)) return { root };
  let duplicate: { key: string; line: number } | undefined;
  const memo = new Map<LNode, LNode>();
  const visit = (n: LNode): LNode => {
    if (n.kind === 'scalar') {
      if (typeof n.value !== 'string' || !n.value.startsWith(OPEN)) return n;
      const v = literalOf(n.value);
      return v === undefined ? n : { kind: 'scalar', line: n.line, value: v };
    }
    const known = memo.get(n);
    if (known) return known;
    // Marks the node as in progress: a cycle (not produced by YAML, but cheap to guard) keeps it as is.
    memo.set(n, n);
    let out: LNode = n;
    if (n.kind === 'seq') {
      const items = n.items.map(visit);
      if (items.some((x, i) => x !== n.items[i])) out = { kind: 'seq', line: n.line, items } satisfies LSeq;
    } else {
      const entries = n.entries.map((e) => {
        const key = e.key.startsWith(OPEN) ? fold(e.key) : e.key;
        const value = visit(e.value);
        return key === e.key && value === e.value ? e : { ...e, key, value };
      });
      if (entries.some((x, i) => x.key !== n.entries[i]!.key)) {
        const seen = new Set<string>();
        for (const e of entries) {
          const k = asciiLower(e.key);
          if (seen.has(k) && (!duplicate || e.keyLine < duplicate.line))
            duplicate = { key: e.key, line: e.keyLine };
          seen.add(k);
        }
      }
      if (entries.some((x, i) => x !== n.entries[i]))
        out = { kind: 'map', line: n.line, entries } satisfies LMap;
    }
    memo.set(n, out);
    return out;
  };
  const folded = visit(root);
  return duplicate ? { root: folded, duplicate } : { root: folded };
}

/** Whether a string scalar or a key of a tree without aliases (each node once) reads differently folded. */
function foldsAnywhere(root: LNode): boolean {
  const stack: LNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const kind = n.kind;
    if (kind === 'scalar') {
      const v = n.value;
      if (typeof v === 'string' && v.startsWith(OPEN) && literalOf(v) !== undefined) return true;
    } else if (kind === 'seq') {
      const items = n.items;
      for (let i = 0, iEnd = items.length; i < iEnd; i++) stack.push(items[i]!);
    } else {
      const es = n.entries;
      for (let i = 0, iEnd = es.length; i < iEnd; i++) {
        const e = es[i]!;
        const k = e.key;
        if (k.startsWith(OPEN) && fold(k) !== k) return true;
        stack.push(e.value);
      }
    }
  }
  return false;
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
