/**
 * A string value as GitHub's template reader splits it (`@actions/workflow-parser` `parseScalar`,
 * actions/runner's TemplateReader): an expression opens at `${{` and ends at the first `}}` outside a
 * single-quoted string (`''` inside one toggles twice), so `${{ format('}}{0}', secrets.X) }}` is one
 * expression. An expression left open (GitHub refuses the file) runs to the end. Linear. The one
 * scanner for every reader of templates (job names, secret references); pure.
 */
export interface Template {
  /** The literal parts around the expressions: n expressions, n + 1 parts. */
  readonly parts: string[];
  /** The expressions' bodies, without `${{` and `}}`. */
  readonly expressions: string[];
}

export function splitTemplate(text: string): Template {
  const parts: string[] = [];
  const expressions: string[] = [];
  let from = 0;
  for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', from)) {
    parts.push(text.slice(from, open));
    const close = expressionClose(text, open + 3);
    if (close === -1) {
      expressions.push(text.slice(open + 3));
      from = text.length;
    } else {
      expressions.push(text.slice(open + 3, close - 1));
      from = close + 1;
    }
  }
  parts.push(text.slice(from));
  return { parts, expressions };
}

/** What the scan for an expression's end judges: a quote, a closing brace. */
const EXPRESSION_STOP = /['}]/g;

/**
 * Where the expression whose body starts at `from` (just after `${{`) ends, as GitHub's template
 * reader finds it: the index of the second `}` of the first `}}` outside a single-quoted string, or
 * -1 when it is left open. The one scan for splitTemplate and literal.ts's `literalOf`. By regular
 * expression, each quote and brace judged in order, not by a loop over every character: in V8's
 * baseline tiers, where `check` runs this until it is hot (ONE_PASS_V8_FLAGS in shared/cli/main.ts),
 * each character costs a property read and comparisons, builtin calls all (session 30). Module-level and stateful (`lastIndex`): nothing yields between setting
 * and reading it.
 */
export function expressionClose(text: string, from: number): number {
  let quoted = false;
  EXPRESSION_STOP.lastIndex = from;
  while (EXPRESSION_STOP.test(text)) {
    const i = EXPRESSION_STOP.lastIndex - 1;
    if (text.charCodeAt(i) === 39) quoted = !quoted;
    else if (!quoted && text.charCodeAt(i - 1) === 125) return i;
  }
  return -1;
}

/**
 * An expression's text with its whitespace as GitHub's expression lexer reads it. That lexer
 * (actions/runner, GitHub.DistributedTask.Expressions2 LexicalAnalyzer: the skip between tokens, the
 * token boundary and the look-ahead that makes `always (` a function call) uses .NET's
 * `Char.IsWhiteSpace`, which holds U+0085 NEXT LINE; JavaScript's `\s` and `trim()` do not. A raw NEL
 * is refused when the file is read (parse.ts `strayCharacter`), but a double-quoted `\N`, `\x85` or
 * `\u0085` puts one in a value, and `if: "always\N()"` is `always()` to GitHub (session 25). Every
 * regular expression that looks for a function or an operator in an `if:` reads this text. Only for
 * such look-ups: a string literal keeps its NEL, so a value compared as written is not passed here.
 */
export function asLexed(expression: string): string {
  return expression.replace(/\u0085/g, ' ');
}

/**
 * .NET's `Char.IsWhiteSpace`: JavaScript's `\s` without U+FEFF (a format character to .NET) and with
 * U+0085 NEXT LINE. GitHub's template reader trims an expression with .NET's `String.Trim()` before
 * it tests for a string literal (actions/runner TemplateReader `ParseExpression`).
 */
export const NET_SPACE = '[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const NET_TRIM = new RegExp(`^${NET_SPACE}+|${NET_SPACE}+$`, 'g');
const NET_SPACE_CHAR = new RegExp(`^${NET_SPACE}$`);

/** Whether one character is white space to .NET (`Char.IsWhiteSpace`), as GitHub's readers skip it. */
export function isNetSpace(c: string): boolean {
  return NET_SPACE_CHAR.test(c);
}

/** `text.trim()` as .NET trims: `${{\N'write'\N}}` is the literal `'write'` to GitHub (session 25). */
export function trimAsNet(text: string): string {
  return text.replace(NET_TRIM, '');
}
