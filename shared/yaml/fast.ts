/**
 * The fast path of the located reader: a line-oriented reader for the plain block YAML nearly every
 * workflow and every `init`-written manifest is made of, which builds the located tree directly
 * (no per-node listener events, no second pass to rebuild and check the tree).
 *
 * It reads a strict subset and answers `undefined` ("not mine") for anything outside it, and the
 * caller then reads the document with the reference path (js-yaml and its listener, located.ts).
 * Outside the subset: anchors, aliases, tags, directives, merge keys (`<<`), explicit keys (`?`),
 * multi-line scalars inside flow collections, flow keys that are not one-line scalars, comments
 * not after a space, unknown double-quoted escapes, tabs (but for a tab inside a block-context plain
 * scalar's line between two characters that make it neither separation nor indicator, and a tab
 * after the first content of a block scalar's line), lone CR line ends, non-printable
 * characters, duplicate keys, empty sequence items, a second document, and anything malformed. So every error, and every construct whose reading is
 * subtle (the earlier bug: flow content dropped), goes through js-yaml. Inside the subset the tree
 * equals the reference's, lines included (one tag is read: `!` on an empty value in tree mode, which
 * the reference reads as the `yaml` package does, the empty string); tests/yaml/fast.test.ts checks that on the corpus and on
 * generated documents. Scalars resolve through the schema's own implicit types, in js-yaml's order,
 * and block scalars follow js-yaml's readBlockScalar line for line.
 */
import type { LMap, LNode, LScalar, LSeq } from './located.js';
import { missingClosingQuote } from './second-reader.js';
import { setOwn } from './own-key.js';

interface ImplicitType {
  resolve(data: string): boolean;
  construct(data: string): unknown;
}

/** Why the fast path gives a document back: thrown, caught once per document. */
const BAIL = Symbol('bail');

type Entry = { key: string; keyLine: number; value: LNode };
const NONE: unknown[] = [];

/**
 * A block collection further right than this is the reference's. The column bounds the nesting (each
 * level stands right of its parent, a sequence under a key at most at its column), so the reader's
 * recursion stops well before the call stack would, whatever the engine has compiled by then: whether
 * a 3,000-level document overflowed had depended on how warm the reader was.
 */
const DEEPEST = 256;

/** Longer keys are the reference's (see findKeyEnd). */
const LONG_KEY = 1000;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/*
 * The scans below find their next character of interest with a regular expression started at an
 * index (`lastIndex`) instead of a loop of `charCodeAt`: `check` runs without Turbofan (session 21),
 * where such a loop costs a builtin call and several compare calls per character, while the regular
 * expression runs as native code (irregexp is not Turbofan). The loop's answer is kept exactly: each
 * match is judged by the same tests in the same order, and one past the line's end stops the scan.
 * Module-level and stateful (`lastIndex`), which is safe because a reader never yields between
 * setting it and reading it.
 */
/** A run of spaces from `lastIndex` (never past a line's end: that is a line break or the text's end). */
const SPACES = / */y;
/**
 * What can end a plain scalar's line (`: `, ` #`), and the line break, so that no scan runs past its
 * line: without it a long text without either character would be scanned to its end once a line,
 * quadratic in the text's length.
 */
const PLAIN_STOP = /[:#\n]/g;
/** What can end or refuse a plain key (`: `, ` #`, a flow indicator), and the line break (as above). */
const KEY_STOP = /[:#[\]{},\n]/g;
/** What a single-quoted scalar's content stops at (its quote), and the line break (as above). */
const SINGLE_STOP = /['\n]/g;
/** What a double-quoted scalar's content stops at (its quote, an escape), and the line break. */
const DOUBLE_STOP = /["\\\n]/g;

// The same test js-yaml makes on the whole input before it reads anything.
const NON_PRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** A cheaper first test: every character NON_PRINTABLE could match (emoji pairs too). */
// eslint-disable-next-line no-control-regex
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** First characters a plain scalar or key may not start with here (js-yaml's indicators, and more). */
function isIndicator(c: number): boolean {
  return (
    c === 45 || // -
    c === 63 || // ?
    c === 58 || // :
    c === 44 || // ,
    c === 91 || // [
    c === 93 || // ]
    c === 123 || // {
    c === 125 || // }
    c === 35 || // #
    c === 38 || // &
    c === 42 || // *
    c === 33 || // !
    c === 124 || // |
    c === 62 || // >
    c === 39 || // '
    c === 34 || // "
    c === 37 || // %
    c === 64 || // @
    c === 96 // `
  );
}

/** Characters that can start a plain scalar resolving to something other than a string (core schema). */
function mayResolve(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    c === 43 || // +
    c === 45 || // -
    c === 46 || // .
    c === 126 || // ~
    c === 110 || // n
    c === 78 || // N
    c === 116 || // t
    c === 84 || // T
    c === 102 || // f
    c === 70 // F
  );
}

/** js-yaml's one-character escapes of a double-quoted scalar. */
const ESCAPES: Record<string, string> = {
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  '\t': '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The escape at `i` (a backslash) of a double-quoted scalar, decoded as js-yaml does; an unknown one is the reference's. */
function escapeAt(s: string, i: number): { text: string; length: number } {
  const c = s[i + 1];
  if (c === undefined) throw BAIL;
  const simple = ESCAPES[c];
  if (simple !== undefined) return { text: simple, length: 2 };
  const len = HEX_LENGTH[c];
  if (len === undefined) throw BAIL;
  const hex = s.slice(i + 2, i + 2 + len);
  if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw BAIL;
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) throw BAIL;
  return { text: String.fromCodePoint(code), length: 2 + len };
}

/** The content of a one-line double-quoted scalar, escapes decoded. */
function unescapeDouble(s: string): string {
  let out = '';
  let from = 0;
  for (let i = s.indexOf('\\'); i !== -1; i = s.indexOf('\\', from)) {
    const e = escapeAt(s, i);
    out += s.slice(from, i) + e.text;
    from = i + e.length;
  }
  return out + s.slice(from);
}

const INDENT_CUTS: RegExp[] = [];
/**
 * `text` with up to `n` spaces cut from the start of each line, a line starting at the text's start
 * or after `\n` only. Not `^` with the `m` flag: that also starts a line after U+2028 or U+2029,
 * which are content to YAML (session 19). The expression starts with `\n`, which V8 scans for fast.
 */
function cutIndent(text: string, n: number): string {
  if (n === 0) return text;
  let from = 0;
  while (from < n && text.charCodeAt(from) === SPACE) from++;
  const rest = from === 0 ? text : text.slice(from);
  return rest.replace((INDENT_CUTS[n] ??= new RegExp(`\\n {1,${n}}`, 'g')), '\n');
}

class FastReader {
  /**
   * Start and end of the current line (the end before its `\r\n` or `\n`, or the text's end), where
   * its line break is (or the text's length), its number, its indent.
   */
  private ls = 0;
  private le = 0;
  private nl = -1;
  private ln = 0;
  private ind = 0;
  private eof = false;

  /**
   * Tree mode: the entries of the block mappings and the items of the block sequences being read,
   * innermost last; each takes its own off the top when it ends (`take`). An array of exactly its
   * length for each node, instead of a growing `[]` per node (whose first push alone reserves 17
   * slots): the corpus's trees hold about 33,000 mappings and 6,400 sequences, and the garbage
   * collector is the check's largest single cost. `top` is its length in use: the array itself is
   * never shortened (V8 shrinks the store of an array cut to half its length, and the next node
   * would grow it again). A document the reader gives up on (`BAIL`) drops the reader with it. A node
   * is put on it in place (`pending[this.top++] = node`), not by a method: a call per node.
   */
  private readonly pending: unknown[] = [];
  private top = 0;

  /** What `pending` holds from `base` to `top`, as an array of its own; `top` goes back to `base`. */
  private take(base: number): unknown[] {
    const out = this.pending.slice(base, this.top);
    this.top = base;
    return out;
  }

  /** The line of the node last built (what a parent records for it in value mode). */
  private lastLine = 0;
  /** Value mode: where each mapping and sequence of the value stands. */
  readonly lines = new Map<object, Lines>();

  /**
   * `tree`: build located nodes (the workflow reader walks them). Otherwise build the plain value
   * (what js-yaml composes) and record lines in `lines`, for documents whose tree only names lines.
   */
  constructor(
    private readonly text: string,
    private readonly implicit: readonly ImplicitType[],
    private readonly tree: boolean,
    /**
     * The text's tabs not yet found inside a scalar's content (`plainTabs`, `blockScalar`); one left
     * when the document is read stands where the readers treat it as white space (indentation,
     * separation, before a comment): the reference's.
     */
    private tabs: number,
  ) {
    this.ln = 0;
    this.nextLine();
  }

  /*
   * The per-line and per-node paths below read each field of the reader once into a local (`t`,
   * `ls`, `le`, …) and write it back once: `check` runs without Turbofan (session 21), where every
   * `this.x` is an inline-cache lookup through a builtin call (`LoadIC`, about 57 instructions)
   * that Turbofan would have folded into one load (session 28).
   */
  private nextLine(): void {
    const t = this.text;
    const prev = this.nl;
    if (prev >= t.length) {
      this.eof = true;
      return;
    }
    const ls = prev + 1;
    this.ls = ls;
    this.ln++;
    let nl = t.indexOf('\n', ls);
    if (nl === -1) nl = t.length;
    this.nl = nl;
    // A CR LF line end (a lone CR is refused up front).
    this.le = nl > ls && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  }

  /** The first index from `i` (at most the line's end) that is not a space. */
  private spacesFrom(i: number): number {
    const t = this.text;
    if (t.charCodeAt(i) !== SPACE) return i;
    SPACES.lastIndex = i;
    SPACES.test(t);
    return SPACES.lastIndex;
  }

  /** Moves to the next line with content (not blank, not only a comment); sets `ind`. */
  private skipBlank(): void {
    const t = this.text;
    while (!this.eof) {
      const ls = this.ls;
      const le = this.le;
      const i = this.spacesFrom(ls);
      if (i < le && t.charCodeAt(i) !== HASH) {
        this.ind = i - ls;
        return;
      }
      if (i < le && i - ls < this.lowComment) this.lowComment = i - ls;
      this.nextLine();
    }
  }

  /** The least column of a comment line `skipBlank` passed since it was last reset (to a large value). */
  private lowComment = 0x7fffffff;

  /** The line a node that reads nothing gets in the reference: where the next content starts. */
  private emptyLine(): number {
    return this.ln;
  }

  private scalar(value: LScalar['value'], line: number): unknown {
    this.lastLine = line;
    return this.tree ? { kind: 'scalar', line, value } : value;
  }

  /**
   * Refuses a key already in the mapping (js-yaml does: a duplicated key is its error to report): the
   * mapping's keys are `keys` from `from` to `n` (tree mode: the top of `pending`).
   */
  private unique(
    key: string,
    keys: readonly string[] | readonly Entry[],
    from: number,
    n: number,
    seen: Set<string> | undefined,
  ): Set<string> | undefined {
    if (key === '<<') throw BAIL; // a merge key (or a key so named): the reference's
    if (seen) {
      if (seen.has(key)) throw BAIL;
      seen.add(key);
      return seen;
    }
    for (let i = from; i < n; i++) {
      const k = keys[i]!;
      if ((typeof k === 'string' ? k : k.key) === key) throw BAIL;
    }
    if (n - from < 16) return undefined;
    const all = new Set<string>([key]);
    for (let i = from; i < n; i++) {
      const k = keys[i]!;
      all.add(typeof k === 'string' ? k : k.key);
    }
    return all;
  }

  private resolvePlain(s: string): LScalar['value'] {
    if (s.length === 0 || mayResolve(s.charCodeAt(0))) {
      const implicit = this.implicit;
      for (let i = 0; i < implicit.length; i++) {
        const type = implicit[i]!;
        if (type.resolve(s)) return type.construct(s) as LScalar['value'];
      }
    }
    return s;
  }

  document(): unknown {
    const t = this.text;
    this.skipBlank();
    if (this.eof) throw BAIL;
    // One leading `---` line (alone, or with a comment) is allowed; anything else at column 0
    // starting with `---`/`...`, or a directive, is the reference's.
    if (this.ind === 0 && t.startsWith('---', this.ls)) {
      const rest = this.restIsBlank(this.ls + 3);
      if (!rest) throw BAIL;
      this.nextLine();
      this.skipBlank();
      if (this.eof) throw BAIL;
    }
    if (this.ind !== 0) throw BAIL;
    const p = this.ls;
    let root: unknown;
    if (this.isDash(p)) root = this.seq(0);
    else if (this.keyEnd(p) !== -1) root = this.map(0, p);
    else throw BAIL;
    if (!this.eof || this.tabs !== 0) throw BAIL;
    return root;
  }

  /** The current line starts with a document marker (`---` or `...`): js-yaml ends a quoted scalar there in an error. */
  private atMarker(): boolean {
    const t = this.text;
    const c = t.charCodeAt(this.ls);
    return (
      (c === DASH || c === 46) &&
      t.charCodeAt(this.ls + 1) === c &&
      t.charCodeAt(this.ls + 2) === c &&
      (this.ls + 3 === this.le || t.charCodeAt(this.ls + 3) === SPACE)
    );
  }

  /** From `i` to the end of the line: only spaces, then optionally a comment. */
  private restIsBlank(i: number): boolean {
    const t = this.text;
    if (i < this.le && t.charCodeAt(i) !== SPACE) return false;
    while (i < this.le && t.charCodeAt(i) === SPACE) i++;
    return i === this.le || t.charCodeAt(i) === HASH;
  }

  /** `-` followed by a space or the end of the line. */
  private isDash(p: number): boolean {
    const t = this.text;
    if (t.charCodeAt(p) !== DASH) return false;
    const le = this.le;
    return p + 1 === le || t.charCodeAt(p + 1) === SPACE;
  }

  /**
   * Where the `:` of a key starting at `p` is, or -1 when the line holds no key there: a plain key
   * (no indicator first, no `[]{},`), or a quoted one on its own, followed by `:` and a space or the
   * end of the line. The last answer is kept: a mapping's first key is asked for twice (to see that
   * a mapping starts there, then to read it), and `p` alone fixes the line it is asked on.
   */
  private keyEnd(p: number): number {
    if (p !== this.keyAt) {
      this.keyAt = p;
      this.keyColon = this.findKeyEnd(p);
    }
    return this.keyColon;
  }

  private keyAt = -1;
  private keyColon = -1;

  private findKeyEnd(p: number): number {
    // A marker at column 0 that goes on (`... a: b`) ends the document: js-yaml and the `yaml` package
    // refuse what follows; read as a key `... a` it was accepted here. The reference's.
    if (p === this.ls && this.atMarker()) throw BAIL;
    const colon = this.findKeyColon(p);
    // The `yaml` package (GitHub's parser's reader) refuses an implicit key whose `:` stands more than
    // 1,024 characters after its start ("The : indicator must be at most 1024 chars after the start
    // of an implicit block mapping key"); js-yaml reads it. The reference's, with a margin.
    if (colon - p > LONG_KEY) throw BAIL;
    return colon;
  }

  private findKeyColon(p: number): number {
    const t = this.text;
    const le = this.le;
    const c = t.charCodeAt(p);
    if (c === 39 || c === 34) {
      const close = this.quoteEnd(p);
      if (close === -1) return -1;
      let i = close + 1;
      while (i < le && t.charCodeAt(i) === SPACE) i++;
      return i < le && t.charCodeAt(i) === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SPACE) ? i : -1;
    }
    if (isIndicator(c)) return -1;
    KEY_STOP.lastIndex = p + 1;
    while (KEY_STOP.test(t)) {
      const i = KEY_STOP.lastIndex - 1;
      if (i >= le) break;
      const d = t.charCodeAt(i);
      if (d === COLON) {
        if (i + 1 === le || t.charCodeAt(i + 1) === SPACE) return i;
      } else if (d === HASH) {
        if (t.charCodeAt(i - 1) === SPACE) return -1;
      } else return -1; // [ ] { } ,
    }
    return -1;
  }

  /** Index of the closing quote of a quoted scalar opening at `p` on this line, or -1. */
  private quoteEnd(p: number): number {
    const t = this.text;
    const q = t.charCodeAt(p);
    for (let i = p + 1; i < this.le; i++) {
      const c = t.charCodeAt(i);
      if (q === 34 && c === 92) {
        i++; // the escaped character (decoded, or refused, by `quoted`)
        continue;
      }
      if (c === q) {
        if (q === 39 && t.charCodeAt(i + 1) === 39) {
          i++;
          continue;
        }
        return i;
      }
    }
    return -1;
  }

  private quoted(p: number, close: number): string {
    const s = this.text.slice(p + 1, close);
    if (this.text.charCodeAt(p) === 39) return s.indexOf("'") === -1 ? s : s.replace(/''/g, "'");
    return s.indexOf('\\') === -1 ? s : unescapeDouble(s);
  }

  private keyText(p: number, colon: number): string {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 39 || c === 34) return this.quoted(p, this.quoteEnd(p));
    let end = colon;
    while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
    const v = this.resolvePlain(t.slice(p, end));
    return String(v);
  }

  /** A block mapping whose first key starts at `p` (column `col`) on the current line. */
  private map(col: number, p: number): unknown {
    if (col > DEEPEST) throw BAIL;
    // Tree mode: the entries, gathered on `pending` from `base` (see there). Value mode: the keys,
    // values and their lines, for `mapping`.
    const base = this.top;
    const entries: Entry[] | undefined = this.tree ? (this.pending as Entry[]) : undefined;
    // (Shared empty arrays in tree mode, never pushed to.)
    const keys: string[] = entries ? (NONE as string[]) : [];
    const values: unknown[] = entries ? NONE : [];
    const keyLines: number[] = entries ? (NONE as number[]) : [];
    const valueLines: number[] = entries ? (NONE as number[]) : [];
    let seen: Set<string> | undefined;
    const line = this.ln;
    const t = this.text;
    for (;;) {
      const colon = this.keyEnd(p);
      if (colon === -1) throw BAIL;
      const key = this.keyText(p, colon);
      seen = entries
        ? this.unique(key, entries, base, this.top, seen)
        : this.unique(key, keys, 0, keys.length, seen);
      const keyLine = this.ln;
      const le = this.le;
      let q = colon + 1;
      while (q < le && t.charCodeAt(q) === SPACE) q++;
      let value: unknown;
      if (q === le || t.charCodeAt(q) === HASH) {
        this.nextLine();
        this.lowComment = 0x7fffffff;
        this.skipBlank();
        if (this.eof) value = this.scalar(null, this.emptyLine());
        else if (this.ind > col) {
          // A plain scalar after a comment line at or left of its key's column: the `yaml` package
          // (GitHub's parser's reader) refuses it when a key follows, js-yaml reads it; the reference's.
          if (this.lowComment <= col && this.plainAt(this.ls + this.ind)) throw BAIL;
          value = this.block(col);
        } else if (this.ind === col && this.isDash(this.ls + col)) value = this.seq(col);
        else value = this.scalar(null, this.emptyLine());
      } else value = this.inline(q, col);
      if (entries) entries[this.top++] = { key, keyLine, value: value as LNode };
      else {
        keys.push(key);
        keyLines.push(keyLine);
        values.push(value);
        valueLines.push(this.lastLine);
      }
      if (this.eof) break;
      const ind = this.ind;
      if (ind < col) break;
      if (ind > col) throw BAIL;
      p = this.ls + col;
    }
    if (entries) {
      this.lastLine = line;
      return { kind: 'map', line, entries: this.take(base) as Entry[] } satisfies LMap;
    }
    return this.mapping(line, keys, keyLines, values, valueLines);
  }

  private mapping(
    line: number,
    keys: string[],
    keyLines: number[],
    values: unknown[],
    valueLines: number[],
  ): unknown {
    this.lastLine = line;
    if (this.tree) {
      const entries: Entry[] = [];
      for (let i = 0; i < keys.length; i++)
        entries.push({ key: keys[i]!, keyLine: keyLines[i]!, value: values[i] as LNode });
      return { kind: 'map', line, entries } satisfies LMap;
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) setOwn(out, keys[i]!, values[i]);
    this.lines.set(out, { line, keys, keyLines, valueLines });
    return out;
  }

  private sequence(line: number, items: unknown[], itemLines: number[]): unknown {
    this.lastLine = line;
    if (this.tree) return { kind: 'seq', line, items: items as LNode[] } satisfies LSeq;
    this.lines.set(items, { line, itemLines });
    return items;
  }

  /** A block sequence whose dashes stand at column `col`, the first on the current line. */
  private seq(col: number): unknown {
    if (col > DEEPEST) throw BAIL;
    // Tree mode: the items, gathered on `pending` from `base`. Value mode: the items and their lines
    // (a tree node holds its own line). The shared empty array is never pushed to.
    const base = this.top;
    const tree = this.tree;
    const pending = this.pending;
    const items: unknown[] = tree ? NONE : [];
    const itemLines: number[] = tree ? (NONE as number[]) : [];
    const line = this.ln;
    const t = this.text;
    for (;;) {
      const ls = this.ls;
      const le = this.le;
      let q = ls + col + 1;
      while (q < le && t.charCodeAt(q) === SPACE) q++;
      let item: unknown;
      if (q === le || t.charCodeAt(q) === HASH) {
        this.nextLine();
        this.skipBlank();
        if (this.eof || this.ind <= col) throw BAIL; // an empty item
        item = this.block(col);
      } else if (this.isDash(q)) throw BAIL;
      else if (this.keyEnd(q) !== -1) item = this.map(q - ls, q);
      else item = this.inline(q, col);
      if (tree) pending[this.top++] = item;
      else {
        items.push(item);
        itemLines.push(this.lastLine);
      }
      // A line at the dashes' column without a dash ends an indentless sequence (a mapping value):
      // the caller judges it.
      if (this.eof) break;
      const ind = this.ind;
      if (ind < col || !this.isDash(this.ls + col)) break;
      if (ind > col) throw BAIL;
    }
    return this.sequence(line, tree ? this.take(base) : items, itemLines);
  }

  /** A plain scalar starts at `p` (not a sequence, a mapping, a flow collection, a quoted or block scalar). */
  private plainAt(p: number): boolean {
    const c = this.text.charCodeAt(p);
    return !(
      this.isDash(p) ||
      this.keyEnd(p) !== -1 ||
      c === 91 ||
      c === 123 ||
      c === 39 ||
      c === 34 ||
      c === 124 ||
      c === 62
    );
  }

  /** A node on a line of its own, more indented than its parent's column `parent`. */
  private block(parent: number): unknown {
    const col = this.ind;
    const p = this.ls + col;
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === DASH && this.isDash(p)) return this.seq(col);
    if (this.keyEnd(p) !== -1) return this.map(col, p);
    if (c === 124 || c === 62) throw BAIL;
    return this.inline(p, parent);
  }

  /**
   * A node starting at `p` on the current line after a key (or a dash), whose parent stands at
   * column `parent`. Leaves the reader on the next line with content, which must not be indented
   * past `parent` (that would continue a multi-line scalar: the reference's).
   */
  private inline(p: number, parent: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(p);
    const line = this.ln;
    let node: unknown;
    if (c === 124 || c === 62) return this.blockScalar(p, parent);
    if (c === 33 && this.tree && this.restIsBlank(p + 1)) return this.emptyTagged(line, parent);
    if (c === 91 || c === 123) node = this.flow(p, parent);
    else if (c === 39 || c === 34) {
      const value = this.quotedValue(p, parent);
      if (!this.restIsBlank(this.at)) throw BAIL;
      node = this.scalar(value, line);
    } else {
      if (
        isIndicator(c) &&
        !((c === 45 || c === 63 || c === 58) && p + 1 < this.le && t.charCodeAt(p + 1) !== SPACE)
      )
        throw BAIL;
      let value = this.plainLine(p);
      // js-yaml's readPlainScalar: lines indented past the parent continue the scalar, folded (one
      // line break a space, n breaks n - 1 newlines); a comment, or a comment line, ends it.
      let open = this.at === this.le;
      let breaks = 0;
      // The loop stopped on a line with content left of the scalar, not a comment: the line
      // `skipBlank` would stop on, its indentation found (the line is not scanned twice).
      let next = false;
      this.nextLine();
      while (open && !this.eof) {
        const ls = this.ls;
        const i = this.spacesFrom(ls);
        if (i === this.le) {
          breaks++;
          this.nextLine();
          continue;
        }
        if (t.charCodeAt(i) === HASH) break;
        if (i - ls <= parent) {
          this.ind = i - ls;
          next = true;
          break;
        }
        value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
        breaks = 0;
        value += this.plainLine(i);
        open = this.at === this.le;
        this.nextLine();
      }
      node = this.scalar(this.resolvePlain(value), line);
      if (next) return node;
      this.skipBlank();
      if (!this.eof && this.ind > parent) throw BAIL;
      return node;
    }
    this.nextLine();
    this.skipBlank();
    if (!this.eof && this.ind > parent) throw BAIL;
    return node;
  }

  /**
   * `!` alone on its line, the value empty (`KEY: !`, kept by two tauri workflows of the corpus): the
   * non-specific tag makes it a string to the `yaml` package, GitHub's parser's reader, where js-yaml
   * reads null; the reference path adopts the `yaml` package's scalar, the empty string, at the tag's
   * line, and so does this (tree mode only: the lazy reference, the manifest's, keeps js-yaml's null).
   * A tagged value on the lines below, or an indentless sequence at the parent's column, is the
   * reference's.
   */
  private emptyTagged(line: number, parent: number): unknown {
    this.nextLine();
    this.skipBlank();
    if (!this.eof && (this.ind > parent || (this.ind === parent && this.isDash(this.ls + this.ind))))
      throw BAIL;
    return this.scalar('', line);
  }

  /**
   * Accounts for the tabs of a plain scalar's text `[p, end)` on the current line: each must stand
   * after a character and before one, neither of them white space, the first no indicator (`:` then
   * a tab ends a key, `-` then a tab opens a sequence item) and the second not `#` (a tab then `#`
   * starts a comment). Both readers then take it as content; anywhere else a tab is white space to
   * them, and the document is the reference's.
   */
  private plainTabs(p: number, end: number): void {
    const t = this.text;
    for (let i = t.indexOf('\t', p); i !== -1 && i < end; i = t.indexOf('\t', i + 1)) {
      const b = t.charCodeAt(i - 1);
      const a = t.charCodeAt(i + 1);
      if (
        i === p ||
        i + 1 >= this.le ||
        b === SPACE ||
        b === TAB ||
        isIndicator(b) ||
        a === SPACE ||
        a === TAB ||
        a === HASH
      )
        throw BAIL;
      this.tabs--;
    }
  }

  /**
   * The first quoted scalar that goes on at or left of its parent's column (tree mode): the line the
   * `yaml` package reports it at (the last line it still reads into the scalar) and its quote.
   */
  refusal: { line: number; quote: number } | undefined;

  /** Where the last `plainLine` or `quotedValue` stopped. */
  private at = 0;

  /**
   * The plain scalar text from `p` to a comment or the end of the line, trailing spaces dropped;
   * `at` is where it stopped (the comment's `#`, or the line end). A `: ` in it is the reference's.
   */
  private plainLine(p: number): string {
    const t = this.text;
    const le = this.le;
    let end = le;
    PLAIN_STOP.lastIndex = p;
    while (PLAIN_STOP.test(t)) {
      const i = PLAIN_STOP.lastIndex - 1;
      if (i >= le) break;
      if (t.charCodeAt(i) === COLON) {
        if (i + 1 === le || t.charCodeAt(i + 1) === SPACE) throw BAIL;
      } else if (i > p && t.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
    }
    this.at = end;
    while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
    if (this.tabs !== 0) this.plainTabs(p, end);
    return t.slice(p, end);
  }

  /**
   * A quoted scalar opening at `p`, as js-yaml reads it, over several lines if it goes on: at a line
   * break the text so far is kept as written (trailing spaces too), the next line's indentation is
   * skipped, and the breaks fold (one a space, n of them n - 1 newlines). `at` is after the closing quote.
   * Given back where js-yaml and the `yaml` package (GitHub's parser's reader) part: spaces before a
   * line break (js-yaml keeps them, YAML 1.2 drops them), and a line that goes on at or left of the
   * parent's column `parent` (js-yaml reads on, the `yaml` package refuses the document).
   */
  private quotedValue(p: number, parent: number): string {
    const t = this.text;
    const q = t.charCodeAt(p);
    let out = '';
    let i = p + 1;
    let start = i;
    for (;;) {
      if (i >= this.le) {
        if (i > start && t.charCodeAt(i - 1) === SPACE) throw BAIL;
        out += t.slice(start, i);
        let breaks = 0;
        for (;;) {
          this.nextLine();
          if (this.eof) throw BAIL;
          breaks++;
          i = this.ls;
          while (i < this.le && t.charCodeAt(i) === SPACE) i++;
          if (i < this.le) break;
        }
        if (i - this.ls <= parent) {
          // js-yaml reads on; the `yaml` package (GitHub's parser's reader) ends the scalar at the
          // line break before this line, unclosed, and refuses the document there: its first error,
          // since everything before was read without one. Recorded (tree mode, which is what the
          // eager reader's second reading would refuse) and read on as js-yaml does, so that the
          // rest of the document must still be in the subset; a document marker here is js-yaml's
          // own error, and a top-level value (`parent` 0) is left to the reference.
          if (!this.tree || parent === 0 || this.atMarker()) throw BAIL;
          // Its words need the cut scalar to end in something other than its quote (`'''`, `"\"`
          // before the line break would read as closed there, and it would report another error).
          const cut = t.charCodeAt(this.ls - 2) === 13 ? this.ls - 3 : this.ls - 2;
          if (this.refusal === undefined && t.charCodeAt(cut) === q) throw BAIL;
          this.refusal ??= { line: this.ln - 1, quote: q };
        }
        out += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
        start = i;
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === q) {
        if (q === 39 && t.charCodeAt(i + 1) === 39) {
          out += t.slice(start, i + 1);
          i += 2;
          start = i;
          continue;
        }
        out += t.slice(start, i);
        this.at = i + 1;
        return out;
      }
      if (q === 34 && c === 92) {
        if (i + 1 >= this.le) {
          // An escaped line break: js-yaml joins the lines with nothing between them (it skips
          // the indentation that follows).
          out += t.slice(start, i);
          // An empty line after it: js-yaml drops it, the `yaml` package keeps spaces: the reference's.
          this.nextLine();
          if (this.eof) throw BAIL;
          i = this.ls;
          while (i < this.le && t.charCodeAt(i) === SPACE) i++;
          if (i === this.le) throw BAIL;
          // Going on left of the parent (see below): the `yaml` package's first error would be the
          // cut escape; only after a refusal already recorded does this read on, as js-yaml does.
          if (i - this.ls <= parent && (this.refusal === undefined || this.atMarker())) throw BAIL;
          start = i;
          continue;
        }
        const e = escapeAt(t, i);
        out += t.slice(start, i) + e.text;
        i += e.length;
        start = i;
        continue;
      }
      // On to the next character the loop stops at (the quote, a backslash in double quotes), or to
      // the line's end: what lies between is content, as it was one character at a time.
      const stop = q === 39 ? SINGLE_STOP : DOUBLE_STOP;
      stop.lastIndex = i + 1;
      i = stop.test(t) && stop.lastIndex - 1 < this.le ? stop.lastIndex - 1 : this.le;
    }
  }

  /**
   * A flow sequence or mapping: scalars each on one line (plain or quoted), and flow collections
   * nested in it (`include: [{os: a, node: 1}]`); it may span lines between entries (`init` wraps
   * long lists so), with comments after a space. No key other than a one-line scalar, no `?`, no
   * anchor, alias or tag, no entry without a value, no `:` right after a quoted key: those go to the
   * reference path, as does every line indented at or left of the parent's column `parent`.
   */
  private flow(p: number, parent: number): unknown {
    const node = this.flowCollection(p, parent, 1);
    if (!this.restIsBlank(this.at)) throw BAIL;
    return node;
  }

  /** The flow collection opening at `p`, `depth` deep; `at` is after its closing bracket. */
  private flowCollection(p: number, parent: number, depth: number): unknown {
    if (depth > 64) throw BAIL;
    const t = this.text;
    const line = this.ln;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const items: unknown[] = [];
    const itemLines: number[] = [];
    const keys: string[] = [];
    const keyLines: number[] = [];
    let seen: Set<string> | undefined;
    let i = p + 1;
    // Spaces, comments, and line ends between entries (never inside one).
    const skip = () => {
      for (;;) {
        while (i < this.le && t.charCodeAt(i) === SPACE) i++;
        if (i < this.le) {
          if (t.charCodeAt(i) !== HASH) return;
          // A comment needs a space before it (after `[` or `,` the readers part on `#`).
          if (t.charCodeAt(i - 1) !== SPACE) throw BAIL;
        }
        this.nextLine();
        if (this.eof) throw BAIL;
        i = this.ls;
        while (i < this.le && t.charCodeAt(i) === SPACE) i++;
        // js-yaml only warns about a line indented too little inside a flow collection, the `yaml`
        // package (GitHub's parser's reader) refuses it: a line must stand right of the parent's
        // column `parent`; only the outermost closing bracket may stand at it (the `yaml` package
        // allows that one alone), and a line at column 0 could be a document marker. Such a document
        // (comment lines too) is the reference's to judge.
        if (
          i < this.le &&
          (depth === 1 && t.charCodeAt(i) === close ? i - this.ls < parent : i - this.ls <= parent)
        )
          throw BAIL;
      }
    };
    // One scalar of a flow collection; `key` ends it at `: ` rather than at `:` before an indicator.
    const scalarEntry = (key: boolean): LScalar['value'] => {
      const le = this.le;
      const c = t.charCodeAt(i);
      if (c === 39 || c === 34) {
        const end = this.quoteEnd(i);
        if (end === -1) throw BAIL;
        const s = this.quoted(i, end);
        i = end + 1;
        return s;
      }
      if (i >= le || isIndicator(c)) throw BAIL;
      const start = i;
      for (; i < le; i++) {
        const d = t.charCodeAt(i);
        if (d === 44 || d === close) break;
        if (d === 91 || d === 93 || d === 123 || d === 125) throw BAIL;
        if (d === HASH && t.charCodeAt(i - 1) === SPACE) break; // a comment ends it (`skip` reads it)
        if (d === COLON) {
          const n = t.charCodeAt(i + 1);
          if (key && n === SPACE) break;
          if (n === SPACE || n === 44 || n === 91 || n === 93 || n === 123 || n === 125 || i + 1 === le)
            throw BAIL;
        }
      }
      let end = i;
      while (end > start && t.charCodeAt(end - 1) === SPACE) end--;
      return this.resolvePlain(t.slice(start, end));
    };
    // A value: a nested collection, or a scalar.
    const valueEntry = (): unknown => {
      const c = t.charCodeAt(i);
      if (c === 91 || c === 123) {
        const node = this.flowCollection(i, parent, depth + 1);
        i = this.at;
        return node;
      }
      const at = this.ln;
      return this.scalar(scalarEntry(false), at);
    };
    skip();
    if (t.charCodeAt(i) !== close)
      for (;;) {
        if (isMap) {
          const keyLine = this.ln;
          const keyStart = i;
          const key = String(scalarEntry(true));
          while (i < this.le && t.charCodeAt(i) === SPACE) i++;
          if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE || i - keyStart > LONG_KEY)
            throw BAIL;
          i += 2;
          while (i < this.le && t.charCodeAt(i) === SPACE) i++;
          seen = this.unique(key, keys, 0, keys.length, seen);
          keys.push(key);
          keyLines.push(keyLine);
        }
        items.push(valueEntry());
        itemLines.push(this.lastLine);
        skip();
        const d = t.charCodeAt(i);
        if (d === close) break;
        if (d !== 44) throw BAIL;
        i++;
        skip();
        if (t.charCodeAt(i) === close) break; // a trailing comma
      }
    this.at = i + 1;
    return isMap
      ? this.mapping(line, keys, keyLines, items, itemLines)
      : this.sequence(line, items, itemLines);
  }

  /**
   * `|` or `>` at `p`: js-yaml's readBlockScalar (lines, indentation, folding and chomping), for a
   * scalar whose parent stands at column `parent`.
   */
  private blockScalar(p: number, parent: number): unknown {
    const t = this.text;
    const line = this.ln;
    const folding = t.charCodeAt(p) === 62;
    let chomping = 0; // 0 clip, 1 strip, 2 keep
    const nodeIndent = parent + 1;
    let textIndent = nodeIndent;
    let detectedIndent = false;
    let i = p + 1;
    for (; i < this.le; i++) {
      const c = t.charCodeAt(i);
      if (c === 43 || c === DASH) {
        if (chomping !== 0) throw BAIL;
        chomping = c === 43 ? 2 : 1;
      } else if (c >= 49 && c <= 57) {
        if (detectedIndent) throw BAIL;
        textIndent = nodeIndent + (c - 48) - 1;
        detectedIndent = true;
      } else break;
    }
    if (i < this.le && !this.restIsBlank(i)) throw BAIL;
    const indicated = detectedIndent;
    let result = '';
    let didReadContent = false;
    let emptyLines = 0;
    let atMoreIndented = false;
    // A literal scalar is its lines with the indentation cut: found here, then cut from one slice of
    // the text (below) rather than joined line by line.
    let first = -1;
    let last = -1;
    let crlf = false;
    for (;;) {
      this.nextLine();
      if (this.eof) break;
      if (first === -1) first = this.ls;
      // The line's spaces, at most textIndent of them once that is known.
      let j = this.spacesFrom(this.ls);
      if (detectedIndent && j - this.ls > textIndent) j = this.ls + textIndent;
      const lineIndent = j - this.ls;
      if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
      if (j === this.le) {
        if (this.le !== this.nl) crlf = true;
        emptyLines++;
        continue;
      }
      if (lineIndent < textIndent) {
        // Ended by a line less indented than an empty line before any content: js-yaml takes the
        // empty line's spaces as the indentation, the `yaml` package refuses the document.
        if (!detectedIndent && textIndent > nodeIndent) throw BAIL;
        break;
      }
      // A line of spaces only, past an indentation an indicator gave (or before any content): content
      // (spaces) to js-yaml, where it ends the scalar an empty line to the `yaml` package (GitHub's
      // parser's reader); the two part, so it is the reference's (which takes the `yaml` package's).
      if ((indicated || !didReadContent) && this.spacesFrom(j) === this.le) throw BAIL;
      // A tab after the line's first content is content to both readers (`! grep '[^\t -~]'`);
      // one before it stands in the indentation or the white space a folded line starts with.
      if (this.tabs !== 0) {
        let k = j;
        while (k < this.le && (t.charCodeAt(k) === SPACE || t.charCodeAt(k) === TAB)) k++;
        for (let i = t.indexOf('\t', j); i !== -1 && i < this.le; i = t.indexOf('\t', i + 1)) {
          if (i < k) throw BAIL;
          this.tabs--;
        }
      }
      if (!folding) {
        if (this.le !== this.nl) crlf = true;
        last = this.le;
        didReadContent = true;
        detectedIndent = true;
        emptyLines = 0;
        continue;
      }
      const nls = (n: number) => '\n'.repeat(n);
      {
        const ch = t.charCodeAt(j);
        if (ch === SPACE || ch === 9) {
          atMoreIndented = true;
          result += nls(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += nls(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) result += ' ';
        } else result += nls(emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      result += t.slice(j, this.le);
    }
    if (!folding && didReadContent) {
      // Leading empty lines give line breaks, lines between give theirs; up to textIndent spaces
      // are cut from each (an empty line holds no more before the first content line, or it
      // would have raised textIndent past that line and ended the scalar).
      const lines = t.slice(first, last);
      result = cutIndent(crlf ? lines.replace(/\r\n/g, '\n') : lines, textIndent);
    }
    // The chomping js-yaml performs where the scalar ends (the end of the text included: it reads a
    // text as if it ended in a line break).
    if (this.eof && this.text.charCodeAt(this.text.length - 1) === 10) emptyLines--;
    // A kept scalar ending the text on a line of spaces without a line break: counted here as one
    // more empty line, where js-yaml's reference and the `yaml` package keep one fewer (`|+` then
    // `\n  \n   `: "\n"). Rare; the reference's (tests/yaml/s18-tabs-tags.test.ts). Clipped and
    // stripped scalars drop trailing empty lines anyway.
    else if (this.eof && emptyLines > 0 && chomping === 2) throw BAIL;
    if (chomping === 2) result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
    else if (chomping === 0 && didReadContent) result += '\n';
    this.skipBlank();
    if (!this.eof && this.ind > parent) throw BAIL;
    return this.scalar(result, line);
  }
}

/**
 * The located tree of `text` (a byte-order mark already removed), or undefined when the document is
 * outside the fast path's subset: read it with the reference path then.
 */
export function fastLocated(text: string, implicit: readonly ImplicitType[]): LNode | undefined {
  const r = read(text, implicit, true);
  return r && !r.refusal ? (r.root as LNode) : undefined;
}

/**
 * `fastLocated`, or, for a document whose only departure from the subset is a quoted scalar going on
 * at or left of its parent's column (js-yaml reads it, GitHub's reader refuses it), that refusal as
 * the second reading would report it (second-reader.ts): the line and the `yaml` package's words.
 */
export function fastLocatedOrRefusal(
  text: string,
  implicit: readonly ImplicitType[],
): { root: LNode } | { refusal: { message: string; line: number } } | undefined {
  const r = read(text, implicit, true);
  if (!r) return undefined;
  if (!r.refusal) return { root: r.root as LNode };
  return { refusal: { message: missingClosingQuote(r.refusal.quote), line: r.refusal.line } };
}

/**
 * The plain value of `text` as js-yaml composes it, with a located tree over it that is built only
 * along the paths a look-up walks (for a manifest: its value is what is used, its tree only names
 * lines); undefined outside the fast path's subset.
 */
export function fastLocatedValue(
  text: string,
  implicit: readonly ImplicitType[],
): { value: unknown; root: LNode } | undefined {
  const r = read(text, implicit, false);
  return r && { value: r.root, root: view(r.root, 1, r.lines) };
}

function read(
  text: string,
  implicit: readonly ImplicitType[],
  tree: boolean,
): { root: unknown; lines: Map<object, Lines>; refusal?: { line: number; quote: number } } | undefined {
  if (
    (text.indexOf('\r') !== -1 && /\r(?!\n)/.test(text)) ||
    (MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text))
  )
    return undefined;
  let tabs = 0;
  for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', i + 1)) tabs++;
  try {
    const reader = new FastReader(text, implicit, tree, tabs);
    const root = reader.document();
    return { root, lines: reader.lines, refusal: reader.refusal };
  } catch {
    // BAIL, or anything else (a stack overflow on absurdly deep nesting): the reference path decides,
    // and reports what it cannot read as a syntax error.
    return undefined;
  }
}

/** Where a mapping or a sequence of a value-mode read stands: its line, its keys' and values' lines. */
type Lines =
  | { line: number; keys: string[]; keyLines: number[]; valueLines: number[] }
  | { line: number; itemLines: number[] };

/** The located node of `value` (a scalar's line given), its children built on first read. */
function view(value: unknown, line: number, lines: Map<object, Lines>): LNode {
  const at = value !== null && typeof value === 'object' ? lines.get(value) : undefined;
  if (at && 'keys' in at) return new MapView(value as Record<string, unknown>, at, lines);
  if (at) return new SeqView(value as unknown[], at, lines);
  return { kind: 'scalar', line, value: value as LScalar['value'] };
}

// Classes rather than object literals with getters: V8 kept such literals alive until a full
// collection (see FastParse in located.ts).
class MapView implements LMap {
  readonly kind = 'map' as const;
  readonly line: number;
  private built: LMap['entries'] | undefined;
  constructor(
    private readonly value: Record<string, unknown>,
    private readonly at: { line: number; keys: string[]; keyLines: number[]; valueLines: number[] },
    private readonly lines: Map<object, Lines>,
  ) {
    this.line = at.line;
  }
  get entries(): LMap['entries'] {
    return (this.built ??= this.at.keys.map((key, i) => ({
      key,
      keyLine: this.at.keyLines[i]!,
      value: view(this.value[key], this.at.valueLines[i]!, this.lines),
    })));
  }
}

class SeqView implements LSeq {
  readonly kind = 'seq' as const;
  readonly line: number;
  private built: LNode[] | undefined;
  constructor(
    private readonly value: unknown[],
    private readonly at: { line: number; itemLines: number[] },
    private readonly lines: Map<object, Lines>,
  ) {
    this.line = at.line;
  }
  get items(): readonly LNode[] {
    return (this.built ??= this.value.map((v, i) => view(v, this.at.itemLines[i]!, this.lines)));
  }
}

/** The plain value of a tree the fast path built (no aliases, no merge keys), as js-yaml composes it. */
export function fastValue(n: LNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(fastValue);
  const out: Record<string, unknown> = {};
  const entries = n.entries;
  for (let i = 0; i < entries.length; i++) setOwn(out, entries[i]!.key, fastValue(entries[i]!.value));
  return out;
}
