/**
 * Escaping for text that reaches GitHub markdown (job summaries, PR comments) from users: branch names,
 * job names, inputs, logins. Everything user-controlled goes through here, never straight into markdown.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes and flattens to one line. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!).replace(/[\r\n]+/g, ' ');
}

/**
 * Every character a reader cannot see, or that changes how the text around it reads. One class for
 * every echo of a user's or a token's text (refusals, audit lines, logs, summaries, comments), so none
 * of them hides what another shows:
 * - controls (Cc): the runner splits its log on CR and LF (a line that then starts with `::` is a
 *   workflow command), terminals also on NEL, VT and FF; other C0/C1 controls and DEL move the cursor
 *   or recolour text;
 * - LS and PS (Zl, Zp): line breaks to terminals and editors;
 * - format characters (Cf): the bidirectional controls reorder the text after them ("Trojan
 *   Source"); zero-width space and joiners, word joiner, BOM, soft hyphen, the Mongolian vowel
 *   separator and the tag characters U+E0000..U+E007F are drawn as nothing, so a branch `main\u200b`
 *   would read as `main`;
 * - the other default-ignorable code points (variation selectors, Hangul fillers, combining grapheme
 *   joiner): drawn as nothing too;
 * - spaces other than U+0020 (Zs): `main\u00a0` reads as `main`;
 * - lone surrogates (Cs): written out as U+FFFD, so two different values would read alike.
 *
 * Built from a string, not written as a literal: V8 checks a literal's syntax again at every parse of
 * the code around it (the chunk's pre-parse, the module body's compile), and each check of a `\p{...}`
 * class builds its Unicode sets anew; `new RegExp` parses it once (docs/performance.md, session 37).
 */
export const INVISIBLE = new RegExp(
  String.raw`[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}`,
  'gu',
);

/** `\u200b`, or `\u{e0001}` beyond the BMP: a visible stand-in for one invisible character. */
export function codePoint(c: string): string {
  const n = c.codePointAt(0)!;
  return n > 0xffff ? `\\u{${n.toString(16)}}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/**
 * One log line, whatever the value holds: every control or line-break character becomes a visible
 * escape (`\n`, `\u2028`), so a job name, file name or `uses:` value from a workflow cannot start a
 * line of its own (`::error::`, `::add-mask::`, `::stop-commands::`) in a runner log. A backslash is
 * left as it is: the escapes are for a reader, not to be decoded.
 */
export function oneLine(text: string): string {
  return text.replace(INVISIBLE, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : codePoint(c),
  );
}

/**
 * Text shown in GitHub's UI as plain text (annotations, code scanning alerts), whose own encoding keeps
 * line breaks and tabs: every other invisible character (INVISIBLE) is written out as oneLine writes
 * it, so a bidirectional control cannot draw `prod\u202enoitc` as `production` (session 34).
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : codePoint(c)));
}

/**
 * Markdown-inert text for table cells, `<code>` and mid-line text: one line, markdown punctuation
 * (and `$`, GitHub's math) backslashed, then `&`, `<`, `>` as entities (in this order, so no entity
 * gets a backslash and shows literally), and `@mention` / `#123` / `GH-123` / `scheme://` / `www.`
 * auto-links and `:emoji:` shortcodes broken with a zero-width joiner
 * so no one is pinged or linked and no ✅ is drawn (GitHub links a bare `www.host` without any scheme). Invisible
 * characters (INVISIBLE) of the text are written out as `\u202e`, `\u200b`.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  // The text's own invisibles are written out piece by piece, before the joiners below are added (those
  // are ours and must stay invisible), and outside the backslashing (so `\u` is not doubled).
  let out = '';
  let last = 0;
  for (const m of flat.matchAll(INVISIBLE)) {
    out += markdownPiece(flat.slice(last, m.index)) + codePoint(m[0]);
    last = m.index! + m[0].length;
  }
  return out + markdownPiece(flat.slice(last));
}

function markdownPiece(text: string): string {
  return (
    text
      // An emoji shortcode (`:white_check_mark:`, `:x:`): GitHub draws it in summaries and comments
      // after the markdown is read (a backslash before its `_` does not stop it), so a step named
      // `Gate :white_check_mark:` would put a ✅ where stepwarden shows none. A joiner after the
      // colon breaks the name; first, while the name is as written. All digits is a time (`10:00:05`)
      // far more often than `:100:`, which draws no verdict.
      .replace(/:(?!\d+:)(?=[\w+-]+:)/g, ':\u200d')
      // Only what can start markup mid-line: with `[` and `]` escaped no link or image can form, and
      // callers never place this text at the start of a line, so `-`, `+`, `.`, `!` need nothing.
      // `$` opens GitHub's math (`$…$`, `$$…$$`), which renders what follows as a formula.
      .replace(/([\\`*_[\]#|~$])/g, '\\$1')
      .replace(/[&<>]/g, (c) => HTML[c]!)
      .replace(/@/g, '@\u200d')
      .replace(/#(?=\d)/g, '#\u200d')
      // `GH-26` is an issue reference too: it links and leaves a "mentioned" event on that issue.
      .replace(/\b(gh)-(?=\d)/gi, '$1-\u200d')
      .replace(/:\/\//g, ':\u200d//')
      .replace(/(www)\./gi, '$1\u200d.')
  );
}

/**
 * At most `max` characters (never splitting a surrogate pair), with `…` when cut. For one value in a
 * table cell: a job id, `uses:` value or step name of a megabyte (a workflow or trail line can hold
 * one) would otherwise fill the summary or comment by itself, and the cut to GitHub's limit would drop
 * every row after it.
 */
export function clip(text: string, max = 256): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/**
 * Inline code that cannot be broken out of: `<code>` (a backtick span cannot hold every backtick
 * string) around escaped text; GitHub still parses markdown inside it, so escaping is the same.
 */
export function code(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

/**
 * Cuts text to at most `maxBytes` UTF-8 bytes (GitHub's limits count bytes, and the summary is full
 * of multi-byte emoji and escapes), on a line boundary, ending with a note that says what was cut.
 */
export function cutToSize(
  text: string,
  maxBytes: number,
  note: (omittedLines: number, kept: string) => string,
): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const lines = text.split('\n');
  return keepLines(lines, lines.length, maxBytes, note, note(lines.length, text));
}

/** A line given as its text, or as the function that makes it (a table row). */
export type LazyLine = string | (() => string);

/**
 * `cutToSize(lines.join('\n') + '\n', maxBytes, note)` for text given line by line (no line holds
 * `\n`), making a row only while the text may still fit: on a large repository most of a summary's
 * rows fall past GitHub's limit, and escaping them was most of the summary's cost (session 30).
 * `reserve` is the note the cut text is given room for, `note(total lines, the whole text)` in
 * cutToSize: the caller makes it without the whole text (its rows are not made yet), so its note
 * must read nothing from the rows.
 */
export function cutLinesToSize(
  lines: readonly LazyLine[],
  maxBytes: number,
  note: (omittedLines: number, kept: string) => string,
  reserve: (totalLines: number) => string,
): string {
  const made: string[] = [];
  let bytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = typeof line === 'string' ? line : line();
    made.push(text);
    // The whole text's bytes are its lines' and a line break after each (the last one included):
    // a break between lines cannot pair with a surrogate at either side.
    bytes += Buffer.byteLength(text, 'utf8') + 1;
    if (bytes > maxBytes) {
      // The text split at its line breaks has one line more, the empty one after the last break.
      const total = lines.length + 1;
      // The cut falls inside `made`: it keeps under `maxBytes` less the note, and `made` is above `maxBytes`.
      return keepLines(made, total, maxBytes, note, reserve(total));
    }
  }
  return `${made.join('\n')}\n`;
}

/** The lines that fit under `maxBytes` with room for `reserve` (plus slack for what it may close), and the note. */
function keepLines(
  lines: readonly string[],
  total: number,
  maxBytes: number,
  note: (omittedLines: number, kept: string) => string,
  reserve: string,
): string {
  const budget = maxBytes - Buffer.byteLength(`\n\n${reserve}\n`, 'utf8') - 64;
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (used + size > budget) break;
    used += size;
    kept++;
  }
  const keptText = lines.slice(0, kept).join('\n');
  return `${keptText}\n\n${note(total - kept, keptText)}\n`;
}

/** GitHub's per-step job summary limit (1 MiB, in bytes); we stay a margin below it. */
export const SUMMARY_LIMIT = 1024 * 1024 - 1024;
/** GitHub's comment body limit (65,536 characters). */
export const COMMENT_LIMIT = 65536;
