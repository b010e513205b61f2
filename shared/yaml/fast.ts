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
 *
 * V8's tiers, which the choices below are measured in: `check` (and every one-pass command) runs this
 * code in the baseline tiers (Ignition, Sparkplug) until it is hot, and its hottest functions (`map`,
 * `inline`, `plainLine`, `keyEnd`, `seq`, `skipBlank`, `blockScalar`) in Turbofan after a few hundred
 * files, never inlined into their callers (ONE_PASS_V8_FLAGS in shared/cli/main.ts, session 36; the
 * figures of sessions 21-35 were taken with Turbofan off, `--no-opt`). In the baseline tiers a compare,
 * a property read and a call are each a call into a builtin; in Turbofan code the first two are
 * machine instructions, and a call to another function stays a call. A repository of a few dozen
 * workflows never leaves the baseline tiers.
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

/** Longer keys are the reference's (see keyEnd). */
const LONG_KEY = 1000;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/*
 * The scans below find their next character of interest with a regular expression started at an
 * index (`lastIndex`) instead of a loop of `charCodeAt`: in the baseline tiers (see the head of this
 * file) such a loop costs a builtin call and several compare calls per character, while the regular
 * expression runs as native code from the first file on (irregexp is not Turbofan). The loop's answer is kept exactly: each
 * match is judged by the same tests in the same order, and one past the line's end stops the scan.
 * Module-level and stateful (`lastIndex`), which is safe because a reader never yields between
 * setting it and reading it.
 */
/** A run of spaces from `lastIndex` (never past a line's end: that is a line break or the text's end). */
const SPACES = / */y;
/**
 * What can end a plain scalar's line (`: `, ` #`), and the line break, so that no scan runs past its
 * line: without it a long text without either character would be scanned to its end once a line,
 * quadratic in the text's length. The line break takes the next line's indentation with it: a scan
 * that reaches it has found where the next line's content starts (`rSpaceEnd`), which the reader
 * asks next, and no `SPACES` scan is made for that line (session 31).
 */
const PLAIN_STOP = /[:#]|\n */g;
/** What can end or refuse a plain key (`: `, ` #`, a flow indicator), and the line break (as above). */
const KEY_STOP = /[:#[\]{},\n]/g;
/**
 * What ends or refuses a plain scalar inside a flow collection (`,`, a bracket, ` #`, `:`), and the
 * line break (as above).
 */
const FLOW_STOP = /[,[\]{}#:\n]/g;
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

/**
 * First characters a plain scalar or key may not start with here (js-yaml's indicators, and more): 1
 * at their code, read as `INDICATOR[c] === 1` (a code past 127, or the NaN past the text's end, reads
 * undefined). A table rather than a function of nineteen comparisons, each a builtin call in the
 * baseline tiers, made for every key and plain scalar (session 29).
 */
const INDICATOR = new Uint8Array(128);
for (const c of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;

/**
 * Characters that can start a plain scalar resolving to something other than a string (core schema):
 * 1 at their code (2 for the letters, below). A table, not a function of comparisons: in the baseline tiers each `===` or
 * `<=` is a builtin call, and a key or scalar starting with a letter outside the list made all eleven (about
 * 250,000 calls on the corpus check; session 29).
 */
const MAY_RESOLVE = new Uint8Array(128);
for (const c of '0123456789+-.~') MAY_RESOLVE[c.charCodeAt(0)] = 1;
/**
 * A plain scalar starting with a letter resolves (core schema) only when it is one of these words:
 * null and the booleans, three spellings each; numbers start with a digit, a sign or a dot, and `~`
 * is one character. Their first letters are 2 in `MAY_RESOLVE`: such a scalar (`name`, `needs`,
 * `node-version`, `types`, `false`) is looked up here first instead of being offered to each of the
 * schema's types, a call and several property reads apiece (session 30).
 */
const CORE_WORDS: ReadonlySet<string> = new Set([
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
]);
for (const w of CORE_WORDS) MAY_RESOLVE[w.charCodeAt(0)] = 2;

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

/*
 * The reader's state: module variables, not the fields of an object, set afresh by `start` for each
 * text. In the baseline tiers every `this.x` (a field, or a method looked up to be called) is an
 * inline-cache lookup through a builtin call (`LoadIC`, about 57 instructions; session 29, when the
 * whole check ran there) that Turbofan folds into one load only once the function is hot; a module variable is a slot of the
 * module's context, read and written in place, and a module function is called without a lookup
 * (session 29: a reader class had 7 million such lookups on the corpus check). Safe because a read
 * never yields and never starts another read before it ends: `read` is synchronous, and nothing it
 * calls (the implicit types of js-yaml's schema) reads YAML. A read that throws leaves the state
 * behind; the next `start` sets every variable.
 */

/** The text being read, the implicit types of its schema, and whether a located tree is built. */
let rText = '';
let rImplicit: readonly ImplicitType[] = [];
let rTree = false;
/**
 * The text's tabs not yet found inside a scalar's content (`plainTabs`, `blockScalar`); one left
 * when the document is read stands where the readers treat it as white space (indentation,
 * separation, before a comment): the reference's.
 */
let rTabs = 0;

/**
 * Start and end of the current line (the end before its `\r\n` or `\n`, or the text's end), where
 * its line break is (or the text's length), its number, its indent.
 */
let rLs = 0;
let rLe = 0;
let rNl = -1;
let rLn = 0;
let rInd = 0;
let rEof = false;
/** The text's length, and whether it holds a CR at all (else no line end is looked at for one). */
let rLength = 0;
let rCr = false;
/**
 * `spacesFrom(rSpaceAt)`, when a scan has already found it (`PLAIN_STOP`'s line break): a fact
 * about the text, so it holds whenever it is asked, and `start` forgets it with the text.
 */
let rSpaceAt = -1;
let rSpaceEnd = -1;

/**
 * Tree mode: the entries of the block mappings and the items of the block sequences being read,
 * innermost last; each takes its own off the top when it ends (`take`). An array of exactly its
 * length for each node, instead of a growing `[]` per node (whose first push alone reserves 17
 * slots): the corpus's trees hold about 33,000 mappings and 6,400 sequences, and the garbage
 * collector is the check's largest single cost. `top` is its length in use: the array itself is
 * never shortened (V8 shrinks the store of an array cut to half its length, and the next node
 * would grow it again). A document the reader gives up on (`BAIL`) drops the reader with it. A node
 * is put on it in place (`pending[rTop++] = node`), not by a method: a call per node.
 */
let rPending: unknown[] = NONE;
let rTop = 0;

/** What `pending` holds from `base` to `top`, as an array of its own; `top` goes back to `base`. */
function take(base: number): unknown[] {
  const out = rPending.slice(base, rTop);
  rTop = base;
  return out;
}

/** The line of the node last built (what a parent records for it in value mode). */
let rLastLine = 0;
/** Value mode: where each mapping and sequence of the value stands. */
let rLines = new Map<object, Lines>();

/**
 * Sets every variable of the reader for a new text. `tree`: build located nodes (the workflow reader
 * walks them). Otherwise build the plain value (what js-yaml composes) and record lines in `rLines`,
 * for documents whose tree only names lines. A fresh `rPending` per text: a stack kept from the last
 * text would hold its nodes alive.
 */
function start(
  text: string,
  implicit: readonly ImplicitType[],
  tree: boolean,
  tabs: number,
  cr: boolean,
): void {
  rText = text;
  rLength = text.length;
  rCr = cr;
  rSpaceAt = -1;
  rSpaceEnd = -1;
  rImplicit = implicit;
  rTree = tree;
  rTabs = tabs;
  rLs = 0;
  rLe = 0;
  rNl = -1;
  rLn = 0;
  rInd = 0;
  rEof = false;
  rPending = [];
  rTop = 0;
  rLastLine = 0;
  rLines = new Map<object, Lines>();
  rLowComment = 0x7fffffff;
  rKeyAt = -1;
  rKeyColon = -1;
  rRefusal = undefined;
  rAt = 0;
  nextLine();
}

/*
 * The per-line and per-node paths below read each variable of the reader once into a local (`t`,
 * `ls`, `le`, …) and write it back once (session 28, when they were fields: a local is a register).
 */
function nextLine(): void {
  const prev = rNl;
  const length = rLength;
  if (prev >= length) {
    rEof = true;
    return;
  }
  const ls = prev + 1;
  rLs = ls;
  rLn++;
  let nl = rText.indexOf('\n', ls);
  if (nl === -1) nl = length;
  rNl = nl;
  // A CR LF line end (a lone CR is refused up front); a text without a CR is not asked.
  rLe = rCr && nl > ls && rText.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** The first index from `i` (at most the line's end) that is not a space. */
function spacesFrom(i: number): number {
  if (i === rSpaceAt) return rSpaceEnd;
  const t = rText;
  if (t.charCodeAt(i) !== SPACE) return i;
  SPACES.lastIndex = i;
  SPACES.test(t);
  return SPACES.lastIndex;
}

/**
 * Moves to the next line with content (not blank, not only a comment); sets `ind`. `spacesFrom`'s
 * scan is written out here: every line the reader reads passes here, and a call (never inlined)
 * costs more than the test (session 32). Its hint (`rSpaceAt`) is not asked: the line after a plain
 * scalar is read by `inline`'s own loop, which asks it, and a cached answer is the scan's anyway.
 */
function skipBlank(): void {
  const t = rText;
  while (!rEof) {
    const ls = rLs;
    const le = rLe;
    let i = ls;
    if (t.charCodeAt(ls) === SPACE) {
      SPACES.lastIndex = ls;
      SPACES.test(t);
      i = SPACES.lastIndex;
    }
    if (i < le && t.charCodeAt(i) !== HASH) {
      rInd = i - ls;
      return;
    }
    if (i < le && i - ls < rLowComment) rLowComment = i - ls;
    nextLine();
  }
}

/** The least column of a comment line `skipBlank` passed since it was last reset (to a large value). */
let rLowComment = 0x7fffffff;

/** The line a node that reads nothing gets in the reference: where the next content starts. */
function emptyLine(): number {
  return rLn;
}

function scalar(value: LScalar['value'], line: number): unknown {
  rLastLine = line;
  if (!rTree) return value;
  if (typeof value === 'string' && value.length >= SLICE_MIN) own(value);
  return { kind: 'scalar', line, value };
}

/**
 * V8 makes a substring of 13 characters or more (`slice`, a regular expression's match) a view of
 * its source rather than a copy, and the view keeps the whole source alive. The tree's strings are
 * such views of the document's text, and the workflow model keeps some of them (`uses:`, names, ids,
 * one-line `run:` scripts) for the whole check: each kept view held its file's text, 4.5 MB for the
 * corpus, which the scavenger copied twice on its way to the old generation (session 37).
 */
export const SLICE_MIN = 13;
const INTERNED: Readonly<Record<string, never>> = Object.create(null) as Record<string, never>;
/**
 * Cuts a tree string (of `SLICE_MIN` characters or more; a shorter one is a copy already) loose from
 * the text: a property look-up
 * with it as the key makes V8 put it in its string table, a copy made in the old generation and
 * shared by every equal string (the corpus's `actions/checkout@v2` is one string), and turns the view
 * into a forward to that copy, which the next scavenge puts in its place. The look-up's answer is
 * not used; nothing else about the string changes. Corpus check: a fifth less copied and promoted
 * by the scavenges, the models' heap 4.6 MB smaller (docs/performance.md, session 37). Strings
 * shorter than `SLICE_MIN` are not looked up: they are copies, and a look-up for every key and
 * scalar cost more than their copying saved.
 */
export function own(s: string): void {
  void (s in INTERNED);
}

/**
 * Refuses a key already in the mapping (js-yaml does: a duplicated key is its error to report): the
 * mapping's keys are `keys` from `from` to `n`, one every `step` slots (tree mode: the entries on top
 * of `pending`; value mode: the first of each four slots there, see `map`).
 */
function unique(
  key: string,
  keys: readonly unknown[],
  from: number,
  n: number,
  step: number,
  seen: Set<string> | undefined,
): Set<string> | undefined {
  if (key === '<<') throw BAIL; // a merge key (or a key so named): the reference's
  if (seen) {
    if (seen.has(key)) throw BAIL;
    seen.add(key);
    return seen;
  }
  // The slots of one mapping are all keys (value mode, a flow mapping) or all entries (tree mode's
  // block mapping): asked once, not of each slot (a `typeof` and a compare, a builtin call apiece
  // in the baseline tiers; session 32).
  if (n > from && typeof keys[from] === 'string') {
    for (let i = from; i < n; i += step) if (keys[i] === key) throw BAIL;
  } else for (let i = from; i < n; i += step) if ((keys[i] as Entry).key === key) throw BAIL;
  if (n - from < 16 * step) return undefined;
  const all = new Set<string>([key]);
  for (let i = from; i < n; i += step) {
    const k = keys[i] as string | Entry;
    all.add(typeof k === 'string' ? k : k.key);
  }
  return all;
}

function resolvePlain(s: string): LScalar['value'] {
  // `charCodeAt` past 127 indexes past the table (undefined), as does the NaN of an empty string.
  const may = s.length === 0 ? 1 : MAY_RESOLVE[s.charCodeAt(0)];
  if (may === 1 || (may === 2 && CORE_WORDS.has(s))) {
    const implicit = rImplicit;
    for (let i = 0; i < implicit.length; i++) {
      const type = implicit[i]!;
      if (type.resolve(s)) return type.construct(s) as LScalar['value'];
    }
  }
  return s;
}

function document(): unknown {
  const t = rText;
  skipBlank();
  if (rEof) throw BAIL;
  // One leading `---` line (alone, or with a comment) is allowed; anything else at column 0
  // starting with `---`/`...`, or a directive, is the reference's.
  if (rInd === 0 && t.startsWith('---', rLs)) {
    const rest = restIsBlank(rLs + 3);
    if (!rest) throw BAIL;
    nextLine();
    skipBlank();
    if (rEof) throw BAIL;
  }
  if (rInd !== 0) throw BAIL;
  const p = rLs;
  let root: unknown;
  if (isDash(p)) root = seq(0);
  else if (keyEnd(p) !== -1) root = map(0, p);
  else throw BAIL;
  if (!rEof || rTabs !== 0) throw BAIL;
  return root;
}

/** The current line starts with a document marker (`---` or `...`): js-yaml ends a quoted scalar there in an error. */
function atMarker(): boolean {
  const t = rText;
  const c = t.charCodeAt(rLs);
  return (
    (c === DASH || c === 46) &&
    t.charCodeAt(rLs + 1) === c &&
    t.charCodeAt(rLs + 2) === c &&
    (rLs + 3 === rLe || t.charCodeAt(rLs + 3) === SPACE)
  );
}

/** From `i` to the end of the line: only spaces, then optionally a comment. */
function restIsBlank(i: number): boolean {
  const t = rText;
  if (i < rLe && t.charCodeAt(i) !== SPACE) return false;
  while (i < rLe && t.charCodeAt(i) === SPACE) i++;
  return i === rLe || t.charCodeAt(i) === HASH;
}

/** `-` followed by a space or the end of the line. */
function isDash(p: number): boolean {
  const t = rText;
  if (t.charCodeAt(p) !== DASH) return false;
  const le = rLe;
  return p + 1 === le || t.charCodeAt(p + 1) === SPACE;
}

/**
 * Where the `:` of a key starting at `p` is, or -1 when the line holds no key there: a plain key
 * (no indicator first, no `[]{},`), or a quoted one on its own, followed by `:` and a space or the
 * end of the line. The last answer is kept: a mapping's first key is asked for twice (to see that
 * a mapping starts there, then to read it), and `p` alone fixes the line it is asked on.
 */
function keyEnd(p: number): number {
  if (p === rKeyAt) return rKeyColon;
  // A marker at column 0 that goes on (`... a: b`) ends the document: js-yaml and the `yaml` package
  // refuse what follows; read as a key `... a` it was accepted here. The reference's.
  if (p === rLs && atMarker()) throw BAIL;
  // Where the `:` is (the search once a function of its own, `findKeyColon`, called only from here:
  // a call per key and per line that may start one, session 32).
  const t = rText;
  const le = rLe;
  const c = t.charCodeAt(p);
  let colon = -1;
  if (c === 39 || c === 34) {
    const close = quoteEnd(p);
    if (close !== -1) {
      let i = close + 1;
      while (i < le && t.charCodeAt(i) === SPACE) i++;
      if (i < le && t.charCodeAt(i) === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SPACE)) colon = i;
    }
  } else if (INDICATOR[c] !== 1) {
    KEY_STOP.lastIndex = p + 1;
    while (KEY_STOP.test(t)) {
      const i = KEY_STOP.lastIndex - 1;
      if (i >= le) break;
      const d = t.charCodeAt(i);
      if (d === COLON) {
        if (i + 1 === le || t.charCodeAt(i + 1) === SPACE) {
          colon = i;
          break;
        }
      } else if (d === HASH) {
        if (t.charCodeAt(i - 1) === SPACE) break;
      } else break; // [ ] { } ,
    }
  }
  // The `yaml` package (GitHub's parser's reader) refuses an implicit key whose `:` stands more than
  // 1,024 characters after its start ("The : indicator must be at most 1024 chars after the start
  // of an implicit block mapping key"); js-yaml reads it. The reference's, with a margin.
  if (colon - p > LONG_KEY) throw BAIL;
  rKeyAt = p;
  rKeyColon = colon;
  return colon;
}

let rKeyAt = -1;
let rKeyColon = -1;

/** Index of the closing quote of a quoted scalar opening at `p` on this line, or -1. */
function quoteEnd(p: number): number {
  const t = rText;
  const q = t.charCodeAt(p);
  for (let i = p + 1; i < rLe; i++) {
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

function quoted(p: number, close: number): string {
  const s = rText.slice(p + 1, close);
  if (rText.charCodeAt(p) === 39) return s.indexOf("'") === -1 ? s : s.replace(/''/g, "'");
  return s.indexOf('\\') === -1 ? s : unescapeDouble(s);
}

/** A block mapping whose first key starts at `p` (column `col`) on the current line. */
function map(col: number, p: number): unknown {
  if (col > DEEPEST) throw BAIL;
  // The entries, gathered on `pending` from `base` (see there): tree mode, one entry a slot; value
  // mode, four slots an entry (key, its line, value, its line) for `mapping`, instead of four arrays
  // grown by `push` per mapping (session 31: the manifest's 5,900 mappings, 3.7 MB of growth).
  const base = rTop;
  const tree = rTree;
  const pending = rPending;
  let seen: Set<string> | undefined;
  const line = rLn;
  const t = rText;
  for (;;) {
    const colon = keyEnd(p);
    if (colon === -1) throw BAIL;
    // The key's text (written here, not in a function of its own: a call per key, session 32).
    const c = t.charCodeAt(p);
    let key: string;
    if (c === 39 || c === 34) key = quoted(p, quoteEnd(p));
    else {
      let end = colon;
      while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
      key = t.slice(p, end);
      // A key whose first character starts no implicit type (nearly every key) is its text: no call
      // to resolvePlain, which would look at that character again (session 31). `c` is its first.
      const may = MAY_RESOLVE[c];
      if (may === 1 || may === 2) {
        const v = resolvePlain(key);
        key = typeof v === 'string' ? v : String(v);
      }
    }
    if (tree && key.length >= SLICE_MIN) own(key);
    // The first key of a mapping has no other to repeat: only the merge key is refused (as `unique`
    // would, without the call).
    if (rTop !== base) seen = unique(key, pending, base, rTop, tree ? 1 : 4, seen);
    else if (key === '<<') throw BAIL;
    const keyLine = rLn;
    const le = rLe;
    let q = colon + 1;
    while (q < le && t.charCodeAt(q) === SPACE) q++;
    let value: unknown;
    if (q === le || t.charCodeAt(q) === HASH) {
      nextLine();
      rLowComment = 0x7fffffff;
      skipBlank();
      if (rEof) value = scalar(null, emptyLine());
      else if (rInd > col) {
        // A plain scalar after a comment line at or left of its key's column: the `yaml` package
        // (GitHub's parser's reader) refuses it when a key follows, js-yaml reads it; the reference's.
        if (rLowComment <= col && plainAt(rLs + rInd)) throw BAIL;
        value = block(col);
      } else if (rInd === col && isDash(rLs + col)) value = seq(col);
      else value = scalar(null, emptyLine());
    } else value = inline(q, col);
    // (Whatever `value` put on `pending` it has taken off: `rTop` is this mapping's top again.)
    const top = rTop;
    if (tree) {
      pending[top] = { key, keyLine, value: value as LNode } satisfies Entry;
      rTop = top + 1;
    } else {
      pending[top] = key;
      pending[top + 1] = keyLine;
      pending[top + 2] = value;
      pending[top + 3] = rLastLine;
      rTop = top + 4;
    }
    if (rEof) break;
    const ind = rInd;
    if (ind < col) break;
    if (ind > col) throw BAIL;
    p = rLs + col;
  }
  if (tree) {
    rLastLine = line;
    return { kind: 'map', line, entries: take(base) as Entry[] } satisfies LMap;
  }
  const n = (rTop - base) / 4;
  const keys = new Array<string>(n);
  const keyLines = new Array<number>(n);
  const values = new Array<unknown>(n);
  const valueLines = new Array<number>(n);
  for (let i = 0, j = base; i < n; i++, j += 4) {
    keys[i] = pending[j] as string;
    keyLines[i] = pending[j + 1] as number;
    values[i] = pending[j + 2];
    valueLines[i] = pending[j + 3] as number;
  }
  rTop = base;
  return mapping(line, keys, keyLines, values, valueLines);
}

function mapping(
  line: number,
  keys: string[],
  keyLines: number[],
  values: unknown[],
  valueLines: number[],
): unknown {
  rLastLine = line;
  if (rTree) {
    const entries: Entry[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key.length >= SLICE_MIN) own(key);
      entries.push({ key, keyLine: keyLines[i]!, value: values[i] as LNode });
    }
    return { kind: 'map', line, entries } satisfies LMap;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) setOwn(out, keys[i]!, values[i]);
  rLines.set(out, { line, keys, keyLines, valueLines });
  return out;
}

function sequence(line: number, items: unknown[], itemLines: number[]): unknown {
  rLastLine = line;
  if (rTree) return { kind: 'seq', line, items: items as LNode[] } satisfies LSeq;
  rLines.set(items, { line, itemLines });
  return items;
}

/** A block sequence whose dashes stand at column `col`, the first on the current line. */
function seq(col: number): unknown {
  if (col > DEEPEST) throw BAIL;
  // Tree mode: the items, gathered on `pending` from `base`. Value mode: the items and their lines
  // (a tree node holds its own line). The shared empty array is never pushed to.
  const base = rTop;
  const tree = rTree;
  const pending = rPending;
  const items: unknown[] = tree ? NONE : [];
  const itemLines: number[] = tree ? (NONE as number[]) : [];
  const line = rLn;
  const t = rText;
  for (;;) {
    const ls = rLs;
    const le = rLe;
    let q = ls + col + 1;
    while (q < le && t.charCodeAt(q) === SPACE) q++;
    let item: unknown;
    if (q === le || t.charCodeAt(q) === HASH) {
      nextLine();
      skipBlank();
      if (rEof || rInd <= col) throw BAIL; // an empty item
      item = block(col);
    } else if (isDash(q)) throw BAIL;
    else if (keyEnd(q) !== -1) item = map(q - ls, q);
    else item = inline(q, col);
    if (tree) pending[rTop++] = item;
    else {
      items.push(item);
      itemLines.push(rLastLine);
    }
    // A line at the dashes' column without a dash ends an indentless sequence (a mapping value):
    // the caller judges it.
    if (rEof) break;
    const ind = rInd;
    if (ind < col || !isDash(rLs + col)) break;
    if (ind > col) throw BAIL;
  }
  return sequence(line, tree ? take(base) : items, itemLines);
}

/** A plain scalar starts at `p` (not a sequence, a mapping, a flow collection, a quoted or block scalar). */
function plainAt(p: number): boolean {
  const c = rText.charCodeAt(p);
  return !(
    isDash(p) ||
    keyEnd(p) !== -1 ||
    c === 91 ||
    c === 123 ||
    c === 39 ||
    c === 34 ||
    c === 124 ||
    c === 62
  );
}

/** A node on a line of its own, more indented than its parent's column `parent`. */
function block(parent: number): unknown {
  const col = rInd;
  const p = rLs + col;
  const t = rText;
  const c = t.charCodeAt(p);
  if (c === DASH && isDash(p)) return seq(col);
  if (keyEnd(p) !== -1) return map(col, p);
  if (c === 124 || c === 62) throw BAIL;
  return inline(p, parent);
}

/**
 * A node starting at `p` on the current line after a key (or a dash), whose parent stands at
 * column `parent`. Leaves the reader on the next line with content, which must not be indented
 * past `parent` (that would continue a multi-line scalar: the reference's).
 */
function inline(p: number, parent: number): unknown {
  const t = rText;
  const c = t.charCodeAt(p);
  const line = rLn;
  let node: unknown;
  if (c === 124 || c === 62) return blockScalar(p, parent);
  if (c === 33 && rTree && restIsBlank(p + 1)) return emptyTagged(line, parent);
  if (c === 91 || c === 123) node = flow(p, parent);
  else if (c === 39 || c === 34) {
    const value = quotedValue(p, parent);
    if (!restIsBlank(rAt)) throw BAIL;
    node = scalar(value, line);
  } else {
    if (
      INDICATOR[c] === 1 &&
      !((c === 45 || c === 63 || c === 58) && p + 1 < rLe && t.charCodeAt(p + 1) !== SPACE)
    )
      throw BAIL;
    let value = plainLine(p);
    // js-yaml's readPlainScalar: lines indented past the parent continue the scalar, folded (one
    // line break a space, n breaks n - 1 newlines); a comment, or a comment line, ends it.
    let open = rAt === rLe;
    let breaks = 0;
    // The loop stopped on a line with content left of the scalar, not a comment: the line
    // `skipBlank` would stop on, its indentation found (the line is not scanned twice).
    let next = false;
    nextLine();
    while (open && !rEof) {
      const ls = rLs;
      // The scan's hint asked here first (`spacesFrom` asks it too): the line after a scalar that
      // ran to its line's end is nearly always found by it, and the call is saved (session 32).
      const i = ls === rSpaceAt ? rSpaceEnd : spacesFrom(ls);
      if (i === rLe) {
        breaks++;
        nextLine();
        continue;
      }
      if (t.charCodeAt(i) === HASH) break;
      if (i - ls <= parent) {
        rInd = i - ls;
        next = true;
        break;
      }
      value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      breaks = 0;
      value += plainLine(i);
      open = rAt === rLe;
      nextLine();
    }
    // As a key's (in `map`): `c` is the scalar's first character.
    const may = MAY_RESOLVE[c];
    const v = may === 1 || may === 2 ? resolvePlain(value) : value;
    // `scalar(v, line)` written out: the most common node (session 32).
    rLastLine = line;
    if (rTree && typeof v === 'string' && v.length >= SLICE_MIN) own(v);
    node = rTree ? { kind: 'scalar', line, value: v } : v;
    if (next) return node;
    skipBlank();
    if (!rEof && rInd > parent) throw BAIL;
    return node;
  }
  nextLine();
  skipBlank();
  if (!rEof && rInd > parent) throw BAIL;
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
function emptyTagged(line: number, parent: number): unknown {
  nextLine();
  skipBlank();
  if (!rEof && (rInd > parent || (rInd === parent && isDash(rLs + rInd)))) throw BAIL;
  return scalar('', line);
}

/**
 * Accounts for the tabs of a plain scalar's text `[p, end)` on the current line: each must stand
 * after a character and before one, neither of them white space, the first no indicator (`:` then
 * a tab ends a key, `-` then a tab opens a sequence item) and the second not `#` (a tab then `#`
 * starts a comment). Both readers then take it as content; anywhere else a tab is white space to
 * them, and the document is the reference's.
 */
function plainTabs(p: number, end: number): void {
  const t = rText;
  for (let i = t.indexOf('\t', p); i !== -1 && i < end; i = t.indexOf('\t', i + 1)) {
    const b = t.charCodeAt(i - 1);
    const a = t.charCodeAt(i + 1);
    if (
      i === p ||
      i + 1 >= rLe ||
      b === SPACE ||
      b === TAB ||
      INDICATOR[b] === 1 ||
      a === SPACE ||
      a === TAB ||
      a === HASH
    )
      throw BAIL;
    rTabs--;
  }
}

/**
 * The first quoted scalar that goes on at or left of its parent's column (tree mode): the line the
 * `yaml` package reports it at (the last line it still reads into the scalar) and its quote.
 */
let rRefusal: { line: number; quote: number } | undefined = undefined;

/** Where the last `plainLine` or `quotedValue` stopped. */
let rAt = 0;

/**
 * The plain scalar text from `p` to a comment or the end of the line, trailing spaces dropped;
 * `at` is where it stopped (the comment's `#`, or the line end). A `: ` in it is the reference's.
 */
function plainLine(p: number): string {
  const t = rText;
  const le = rLe;
  let end = le;
  PLAIN_STOP.lastIndex = p;
  while (PLAIN_STOP.test(t)) {
    const i = PLAIN_STOP.lastIndex - 1;
    if (i >= le) {
      // The line break (the first `\n` from `p` is this line's) and the next line's spaces.
      rSpaceAt = rNl + 1;
      rSpaceEnd = PLAIN_STOP.lastIndex;
      break;
    }
    if (t.charCodeAt(i) === COLON) {
      if (i + 1 === le || t.charCodeAt(i + 1) === SPACE) throw BAIL;
    } else if (i > p && t.charCodeAt(i - 1) === SPACE) {
      end = i;
      break;
    }
  }
  rAt = end;
  while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
  if (rTabs !== 0) plainTabs(p, end);
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
function quotedValue(p: number, parent: number): string {
  const t = rText;
  const q = t.charCodeAt(p);
  let out = '';
  let i = p + 1;
  let start = i;
  for (;;) {
    if (i >= rLe) {
      if (i > start && t.charCodeAt(i - 1) === SPACE) throw BAIL;
      out += t.slice(start, i);
      let breaks = 0;
      for (;;) {
        nextLine();
        if (rEof) throw BAIL;
        breaks++;
        i = rLs;
        while (i < rLe && t.charCodeAt(i) === SPACE) i++;
        if (i < rLe) break;
      }
      if (i - rLs <= parent) {
        // js-yaml reads on; the `yaml` package (GitHub's parser's reader) ends the scalar at the
        // line break before this line, unclosed, and refuses the document there: its first error,
        // since everything before was read without one. Recorded (tree mode, which is what the
        // eager reader's second reading would refuse) and read on as js-yaml does, so that the
        // rest of the document must still be in the subset; a document marker here is js-yaml's
        // own error, and a top-level value (`parent` 0) is left to the reference.
        if (!rTree || parent === 0 || atMarker()) throw BAIL;
        // Its words need the cut scalar to end in something other than its quote (`'''`, `"\"`
        // before the line break would read as closed there, and it would report another error).
        const cut = t.charCodeAt(rLs - 2) === 13 ? rLs - 3 : rLs - 2;
        if (rRefusal === undefined && t.charCodeAt(cut) === q) throw BAIL;
        rRefusal ??= { line: rLn - 1, quote: q };
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
      rAt = i + 1;
      return out;
    }
    if (q === 34 && c === 92) {
      if (i + 1 >= rLe) {
        // An escaped line break: js-yaml joins the lines with nothing between them (it skips
        // the indentation that follows).
        out += t.slice(start, i);
        // An empty line after it: js-yaml drops it, the `yaml` package keeps spaces: the reference's.
        nextLine();
        if (rEof) throw BAIL;
        i = rLs;
        while (i < rLe && t.charCodeAt(i) === SPACE) i++;
        if (i === rLe) throw BAIL;
        // Going on left of the parent (see below): the `yaml` package's first error would be the
        // cut escape; only after a refusal already recorded does this read on, as js-yaml does.
        if (i - rLs <= parent && (rRefusal === undefined || atMarker())) throw BAIL;
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
    i = stop.test(t) && stop.lastIndex - 1 < rLe ? stop.lastIndex - 1 : rLe;
  }
}

/**
 * A flow sequence or mapping: scalars each on one line (plain or quoted), and flow collections
 * nested in it (`include: [{os: a, node: 1}]`); it may span lines between entries (`init` wraps
 * long lists so), with comments after a space. No key other than a one-line scalar, no `?`, no
 * anchor, alias or tag, no entry without a value, no `:` right after a quoted key: those go to the
 * reference path, as does every line indented at or left of the parent's column `parent`.
 */
function flow(p: number, parent: number): unknown {
  const node = flowCollection(p, parent, 1);
  if (!restIsBlank(rAt)) throw BAIL;
  return node;
}

/** The flow collection opening at `p`, `depth` deep; `at` is after its closing bracket. */
function flowCollection(p: number, parent: number, depth: number): unknown {
  if (depth > 64) throw BAIL;
  const t = rText;
  const line = rLn;
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
      while (i < rLe && t.charCodeAt(i) === SPACE) i++;
      if (i < rLe) {
        if (t.charCodeAt(i) !== HASH) return;
        // A comment needs a space before it (after `[` or `,` the readers part on `#`).
        if (t.charCodeAt(i - 1) !== SPACE) throw BAIL;
      }
      nextLine();
      if (rEof) throw BAIL;
      i = rLs;
      while (i < rLe && t.charCodeAt(i) === SPACE) i++;
      // js-yaml only warns about a line indented too little inside a flow collection, the `yaml`
      // package (GitHub's parser's reader) refuses it: a line must stand right of the parent's
      // column `parent`; only the outermost closing bracket may stand at it (the `yaml` package
      // allows that one alone), and a line at column 0 could be a document marker. Such a document
      // (comment lines too) is the reference's to judge.
      if (i < rLe && (depth === 1 && t.charCodeAt(i) === close ? i - rLs < parent : i - rLs <= parent))
        throw BAIL;
    }
  };
  // One scalar of a flow collection; `key` ends it at `: ` rather than at `:` before an indicator.
  const scalarEntry = (key: boolean): LScalar['value'] => {
    const le = rLe;
    const c = t.charCodeAt(i);
    if (c === 39 || c === 34) {
      const end = quoteEnd(i);
      if (end === -1) throw BAIL;
      const s = quoted(i, end);
      i = end + 1;
      return s;
    }
    if (i >= le || INDICATOR[c] === 1) throw BAIL;
    const start = i;
    // The characters the loop over each character judged, found natively (see FLOW_STOP).
    i = le;
    FLOW_STOP.lastIndex = start;
    while (FLOW_STOP.test(t)) {
      const j = FLOW_STOP.lastIndex - 1;
      if (j >= le) break;
      const d = t.charCodeAt(j);
      if (d === 44 || d === close) {
        i = j;
        break;
      }
      if (d === 91 || d === 93 || d === 123 || d === 125) throw BAIL;
      if (d === HASH) {
        if (t.charCodeAt(j - 1) === SPACE) {
          i = j; // a comment ends it (`skip` reads it)
          break;
        }
      } else {
        const n = t.charCodeAt(j + 1);
        if (key && n === SPACE) {
          i = j;
          break;
        }
        if (n === SPACE || n === 44 || n === 91 || n === 93 || n === 123 || n === 125 || j + 1 === le)
          throw BAIL;
      }
    }
    let end = i;
    while (end > start && t.charCodeAt(end - 1) === SPACE) end--;
    return resolvePlain(t.slice(start, end));
  };
  // A value: a nested collection, or a scalar.
  const valueEntry = (): unknown => {
    const c = t.charCodeAt(i);
    if (c === 91 || c === 123) {
      const node = flowCollection(i, parent, depth + 1);
      i = rAt;
      return node;
    }
    const at = rLn;
    return scalar(scalarEntry(false), at);
  };
  skip();
  if (t.charCodeAt(i) !== close)
    for (;;) {
      if (isMap) {
        const keyLine = rLn;
        const keyStart = i;
        const key = String(scalarEntry(true));
        while (i < rLe && t.charCodeAt(i) === SPACE) i++;
        if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE || i - keyStart > LONG_KEY) throw BAIL;
        i += 2;
        while (i < rLe && t.charCodeAt(i) === SPACE) i++;
        seen = unique(key, keys, 0, keys.length, 1, seen);
        keys.push(key);
        keyLines.push(keyLine);
      }
      items.push(valueEntry());
      itemLines.push(rLastLine);
      skip();
      const d = t.charCodeAt(i);
      if (d === close) break;
      if (d !== 44) throw BAIL;
      i++;
      skip();
      if (t.charCodeAt(i) === close) break; // a trailing comma
    }
  rAt = i + 1;
  return isMap ? mapping(line, keys, keyLines, items, itemLines) : sequence(line, items, itemLines);
}

/**
 * `|` or `>` at `p`: js-yaml's readBlockScalar (lines, indentation, folding and chomping), for a
 * scalar whose parent stands at column `parent`.
 */
function blockScalar(p: number, parent: number): unknown {
  const t = rText;
  const line = rLn;
  const folding = t.charCodeAt(p) === 62;
  let chomping = 0; // 0 clip, 1 strip, 2 keep
  const nodeIndent = parent + 1;
  let textIndent = nodeIndent;
  let detectedIndent = false;
  let i = p + 1;
  for (; i < rLe; i++) {
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
  if (i < rLe && !restIsBlank(i)) throw BAIL;
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
    nextLine();
    if (rEof) break;
    if (first === -1) first = rLs;
    // The line's spaces, at most textIndent of them once that is known.
    let j = spacesFrom(rLs);
    if (detectedIndent && j - rLs > textIndent) j = rLs + textIndent;
    const lineIndent = j - rLs;
    if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
    if (j === rLe) {
      if (rLe !== rNl) crlf = true;
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
    if ((indicated || !didReadContent) && spacesFrom(j) === rLe) throw BAIL;
    // A tab after the line's first content is content to both readers (`! grep '[^\t -~]'`);
    // one before it stands in the indentation or the white space a folded line starts with.
    if (rTabs !== 0) {
      let k = j;
      while (k < rLe && (t.charCodeAt(k) === SPACE || t.charCodeAt(k) === TAB)) k++;
      for (let i = t.indexOf('\t', j); i !== -1 && i < rLe; i = t.indexOf('\t', i + 1)) {
        if (i < k) throw BAIL;
        rTabs--;
      }
    }
    if (!folding) {
      if (rLe !== rNl) crlf = true;
      last = rLe;
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
    result += t.slice(j, rLe);
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
  if (rEof && rText.charCodeAt(rText.length - 1) === 10) emptyLines--;
  // A kept scalar ending the text on a line of spaces without a line break: counted here as one
  // more empty line, where js-yaml's reference and the `yaml` package keep one fewer (`|+` then
  // `\n  \n   `: "\n"). Rare; the reference's (tests/yaml/s18-tabs-tags.test.ts). Clipped and
  // stripped scalars drop trailing empty lines anyway.
  else if (rEof && emptyLines > 0 && chomping === 2) throw BAIL;
  if (chomping === 2) result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
  else if (chomping === 0 && didReadContent) result += '\n';
  skipBlank();
  if (!rEof && rInd > parent) throw BAIL;
  return scalar(result, line);
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
  const cr = text.indexOf('\r') !== -1;
  if ((cr && /\r(?!\n)/.test(text)) || (MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text)))
    return undefined;
  // One reading at a time: the reader's state is module-wide. A reading started inside another (an
  // implicit type's resolve() that reads YAML: none does today) would overwrite the outer one's
  // position, so it is left to the reference path, which shares nothing.
  if (rReading) return undefined;
  let tabs = 0;
  for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', i + 1)) tabs++;
  rReading = true;
  try {
    start(text, implicit, tree, tabs, cr);
    const root = document();
    return { root, lines: rLines, refusal: rRefusal };
  } catch {
    // BAIL, or anything else (a stack overflow on absurdly deep nesting): the reference path decides,
    // and reports what it cannot read as a syntax error.
    return undefined;
  } finally {
    rReading = false;
    release();
  }
}
let rReading = false;

/**
 * Drops what the reader holds of the text it has read, once `read` has its answer: the text, the
 * pending stack (whose slots above `top` still hold the last nodes), the value mode's lines (the
 * caller has its own reference), the refusal, and the regular expressions' last subject (V8 keeps
 * the last string a regular expression matched in, for `RegExp.input`, until another match). Kept,
 * they held a document of any size, and its tree, until the next read (session 30).
 */
function release(): void {
  rText = '';
  rImplicit = NO_TYPES;
  rPending = NONE;
  rLines = NO_LINES;
  rRefusal = undefined;
  SPACES.lastIndex = 0;
  SPACES.test('');
}
const NO_TYPES: readonly ImplicitType[] = [];
/** Never written: `start` sets a fresh map before any read uses it. */
const NO_LINES = new Map<object, Lines>();

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
