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
 * Markdown-inert text for paragraphs and table cells: HTML escaped, markdown punctuation backslashed,
 * `@mention` and `#123` auto-links broken with a zero-width joiner so no one is pinged or linked.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/@/g, '@\u200d')
    .replace(/:\/\//g, ':\u200d//');
}

/** Inline code that cannot be broken out of: `<code>` with escaped content (backticks cannot escape themselves). */
export function code(text: string): string {
  return `<code>${escapeHtml(text).replace(/@/g, '@\u200d').replace(/\|/g, '&#124;')}</code>`;
}

/** Cuts text to `max` characters on a line boundary, saying what was cut. */
export function cutToSize(text: string, max: number, note: (omittedLines: number) => string): string {
  if (text.length <= max) return text;
  const budget = max - 200;
  const cut = text.lastIndexOf('\n', budget);
  const kept = text.slice(0, cut > 0 ? cut : budget);
  const omitted = text.slice(kept.length).split('\n').length - 1;
  return `${kept}\n\n${note(omitted)}\n`;
}

/** GitHub's per-step job summary limit (1 MiB); we stay a margin below it. */
export const SUMMARY_LIMIT = 1024 * 1024 - 1024;
/** GitHub's comment body limit (65,536 characters). */
export const COMMENT_LIMIT = 65536;
