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
 * Characters that end a line for some reader of a log: the runner splits its log on CR and LF (a line
 * that then starts with `::` is a workflow command), terminals and editors also on NEL, LS, PS, VT
 * and FF. Other C0/C1 controls and DEL can move the cursor or recolour text in a terminal; bidirectional
 * controls reorder what follows them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): shown as they are, they reorder the
 * text after them ("Trojan Source"), so a name could make `write` read as something else beside it.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const codePoint = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One log line, whatever the value holds: every control or line-break character becomes a visible
 * escape (`\n`, `\u2028`), so a job name, file name or `uses:` value from a workflow cannot start a
 * line of its own (`::error::`, `::add-mask::`, `::stop-commands::`) in a runner log. A backslash is
 * left as it is: the escapes are for a reader, not to be decoded.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : codePoint(c),
  );
}

/**
 * Markdown-inert text for table cells, `<code>` and mid-line text: one line, markdown punctuation
 * (and `$`, GitHub's math) backslashed, then `&`, `<`, `>` as entities (in this order, so no entity
 * gets a backslash and shows literally), and `@mention` / `#123` / `GH-123` / `scheme://` / `www.`
 * auto-links broken with a zero-width joiner
 * so no one is pinged or linked (GitHub links a bare `www.host` without any scheme). Bidirectional
 * controls are written out as `\u202e`.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\r\n]+/g, ' ')
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
      // After the backslashes above, so the one of `\u202e` is not doubled (`\u` shows as written).
      .replace(BIDI, codePoint)
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
  const total = lines.length;
  // Reserve room for the note (with the largest count) plus slack for what it may close.
  const budget = maxBytes - Buffer.byteLength(`\n\n${note(total, text)}\n`, 'utf8') - 64;
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
