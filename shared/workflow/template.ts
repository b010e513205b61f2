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
    from = text.length;
    let end = text.length;
    let quoted = false;
    for (let i = open + 3; i < text.length; i++) {
      if (text[i] === "'") quoted = !quoted;
      else if (!quoted && text[i] === '}' && text[i - 1] === '}') {
        end = i - 1;
        from = i + 1;
        break;
      }
    }
    expressions.push(text.slice(open + 3, end));
  }
  parts.push(text.slice(from));
  return { parts, expressions };
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
