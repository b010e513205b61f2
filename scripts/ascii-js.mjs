/**
 * A bundle chunk written in ASCII, meaning for meaning: every character above U+007F in a comment, a
 * string literal, an untagged template or an identifier becomes a `\u` escape (a comment's just text).
 * Node hands V8 a script holding any such character as a two-byte string, which V8's scanner reads
 * more slowly than a one-byte one; every chunk a check loads held a few (messages' dashes and
 * ellipses, zod's and the `yaml` package's comments): about 22 M instructions of a check's loading
 * (docs/performance.md, session 32). Pure and deterministic: the same text gives the same bytes, so
 * `npm run check:dist` still compares a fresh build with dist/.
 *
 * Where an escape would not mean the character, the build fails rather than guess: a character in a
 * regular expression or a tagged template (whose raw text its tag reads), a line separator in a
 * comment (it ends a `//` comment and counts as a line break for semicolon insertion in a block one),
 * a line continuation, or a character in no place named above. The result is parsed again and its
 * string, template and identifier values compared with the input's.
 */
import ts from 'typescript';

const NON_ASCII = /[\u0080-\uffff]/;

/** `\uXXXX` for each UTF-16 unit of `ch` (one escape per unit: what a string or template cooks). */
const unitEscapes = (ch) =>
  [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/** The escape an identifier takes: `\uXXXX`, or `\u{...}` above the basic plane (no surrogates there). */
const identifierEscape = (ch) => {
  const cp = ch.codePointAt(0);
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : unitEscapes(ch);
};

const LITERAL_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);
const IDENTIFIER_KINDS = new Set([ts.SyntaxKind.Identifier, ts.SyntaxKind.PrivateIdentifier]);

function parse(name, text) {
  const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  if (sf.parseDiagnostics.length)
    throw new Error(`${name}: not read as JavaScript: ${sf.parseDiagnostics[0].messageText}`);
  return sf;
}

/** The source's leaf tokens that can hold such a character, and its comments, in text order. */
function places(sf) {
  const tokens = [];
  const comments = new Map();
  const text = sf.text;
  const note = (ranges) => {
    for (const r of ranges ?? []) comments.set(r.pos, r);
  };
  const visit = (node, tagged) => {
    note(ts.getLeadingCommentRanges(text, node.pos));
    note(ts.getTrailingCommentRanges(text, node.end));
    const kind = node.kind;
    if (
      LITERAL_KINDS.has(kind) ||
      IDENTIFIER_KINDS.has(kind) ||
      kind === ts.SyntaxKind.RegularExpressionLiteral
    ) {
      tokens.push({ start: node.getStart(sf), end: node.end, kind, tagged });
      return;
    }
    const inTag = tagged || kind === ts.SyntaxKind.TaggedTemplateExpression;
    for (const child of node.getChildren(sf)) visit(child, inTag);
  };
  visit(sf, false);
  return { tokens, comments: [...comments.values()].sort((a, b) => a.pos - b.pos) };
}

/** The last item of `xs` (sorted by `start`) starting at or before `at`, if `at` is inside it. */
function around(xs, at, startOf, endOf) {
  let lo = 0;
  let hi = xs.length - 1;
  let found;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(xs[mid]) <= at) {
      found = xs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && at < endOf(found) ? found : undefined;
}

/** The values a reader of the program sees: each literal's cooked text, each identifier's name. */
function values(sf) {
  const out = [];
  const visit = (node) => {
    if (LITERAL_KINDS.has(node.kind)) out.push(`${node.kind}:${node.text}`);
    else if (IDENTIFIER_KINDS.has(node.kind)) out.push(`${node.kind}:${ts.idText(node)}`);
    else if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) out.push(`${node.kind}:${node.text}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export function asciiJs(text, name = 'chunk.js') {
  if (!NON_ASCII.test(text)) return text;
  const sf = parse(name, text);
  const { tokens, comments } = places(sf);
  const where = (i) => `${name}:${sf.getLineAndCharacterOfPosition(i).line + 1}`;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const ch = String.fromCodePoint(text.codePointAt(i));
    const separator = ch === '\u2028' || ch === '\u2029';
    let escaped;
    let at = i;
    const token = around(
      tokens,
      i,
      (t) => t.start,
      (t) => t.end,
    );
    if (token && LITERAL_KINDS.has(token.kind)) {
      if (token.tagged) throw new Error(`${where(i)}: a character above U+007F in a tagged template`);
      // A backslash before it makes it an escape of itself (the same character once cooked) unless
      // it is a line separator, which a backslash turns into a line continuation (no character).
      let slashes = 0;
      while (text[i - 1 - slashes] === '\\') slashes++;
      if (slashes % 2 === 1) {
        if (separator) throw new Error(`${where(i)}: a line continuation by a line separator`);
        at = i - 1;
      }
      escaped = unitEscapes(ch);
    } else if (token && IDENTIFIER_KINDS.has(token.kind)) escaped = identifierEscape(ch);
    else if (token) throw new Error(`${where(i)}: a character above U+007F in a regular expression`);
    else if (
      around(
        comments,
        i,
        (c) => c.pos,
        (c) => c.end,
      )
    ) {
      if (separator) throw new Error(`${where(i)}: a line separator in a comment`);
      escaped = unitEscapes(ch);
    } else throw new Error(`${where(i)}: a character above U+007F outside a literal, identifier or comment`);
    out += text.slice(from, at) + escaped;
    from = i + ch.length;
    i += ch.length - 1;
  }
  out += text.slice(from);
  const before = values(sf);
  const after = values(parse(name, out));
  if (before.length !== after.length || before.some((v, k) => v !== after[k]))
    throw new Error(`${name}: its ASCII form reads differently`);
  return out;
}
