/**
 * Secret references in expression text: `secrets.NAME`, `secrets['NAME']`, `secrets["NAME"]`; any other
 * use of the `secrets` context (`toJSON(secrets)`, `secrets[matrix.x]`) exposes all of them and is `*`.
 * Scans only text that can be an expression (`${{ }}` bodies, or whole `if:` values that omit them).
 */
import type { Located } from './model.js';

const DOTTED = /^\.([A-Za-z_][A-Za-z0-9_-]*)/;
const INDEXED = /^\[\s*(['"])([^'"]*)\1\s*\]/;

/** Names referenced in one string, `*` for whole-context use. GITHUB_TOKEN is not a secret to declare. */
export function secretNamesIn(text: string): string[] {
  if (!text.includes('secrets')) return [];
  const names: string[] = [];
  const re = /(^|[^A-Za-z0-9_.-])secrets\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const rest = text.slice(m.index + m[0].length);
    const dotted = DOTTED.exec(rest);
    const indexed = dotted ? null : INDEXED.exec(rest);
    const name = dotted?.[1] ?? indexed?.[2];
    if (name !== undefined) {
      if (name.toUpperCase() !== 'GITHUB_TOKEN') names.push(name);
    } else if (isInExpression(text, m.index)) {
      names.push('*');
    }
  }
  return names;
}

/** Whether the match sits inside `${{ }}`, or the text is a bare expression (an `if:` value). */
function isInExpression(text: string, at: number): boolean {
  const open = text.lastIndexOf('${{', at);
  if (open >= 0) {
    const close = text.indexOf('}}', open);
    return close === -1 || close > at;
  }
  return !text.includes('${{') && !/\s{2,}|\n/.test(text.trim()) && /[()=!&|]|^secrets/.test(text.trim());
}

export function secretsIn(scalars: readonly Located<string>[]): Located<string>[] {
  const out: Located<string>[] = [];
  for (const s of scalars) for (const name of secretNamesIn(s.value)) out.push({ value: name, line: s.line });
  return out;
}
