/**
 * Whether an `if:` lets its step or job run after an earlier step (or a needed job) did not succeed,
 * read as GitHub reads it, with tokens, not text (session 26). Pure.
 *
 * GitHub's condition converter (actions/runner PipelineTemplateConverter.ConvertToIfCondition) parses
 * the condition and walks its tree for a *function* named `always`, `failure`, `cancelled` or
 * `success` (any case); with one the condition stands as written, without one it becomes
 * `success() && (COND)`. A function is a keyword the lexer (GitHub.DistributedTask.Expressions2
 * LexicalAnalyzer) sees followed by `(` after .NET white space, not after a `.`: so `'always()'` in a
 * string is no function and `always\N()` is one. Before session 26 regular expressions read the text
 * (`\b(always|failure|cancelled)\s*\(`): a string literal holding `always()` counted, and the diff
 * missed `!success()` in a job's `if:` (session 25, left).
 */
import { isNetSpace, splitTemplate, trimAsNet } from './template.js';

type Kind = 'function' | 'open' | 'close' | 'and' | 'or' | 'other' | 'unexpected';
interface Token {
  readonly kind: Kind;
  /** A function's name, in ASCII lower case. */
  readonly name?: string;
}

/** The lexer's token boundary (LexicalAnalyzer.TestTokenBoundary). */
const BOUNDARY = new Set(['(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|']);
const boundary = (c: string) => BOUNDARY.has(c) || isNetSpace(c);
/** ExpressionUtility.IsLegalKeyword: a letter or `_`, then letters, digits, `_` and `-` (ASCII). */
const KEYWORD = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const TWO = new Set(['!=', '>=', '<=', '==', '&&', '||']);

/**
 * The tokens of an expression as GitHub's C# lexer splits them, reduced to what the status-function
 * reading needs: functions by name, grouping and parameter parentheses, `&&`, `||`, and anything the
 * lexer cannot read (`unexpected`: GitHub refuses the expression).
 */
export function lexExpression(text: string): Token[] {
  const out: Token[] = [];
  let last: string | undefined; // the previous token's lexer kind, for `.` and `(` decisions
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isNetSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'open' : 'close' });
      last = c === '(' && last === 'function' ? 'start-parameters' : c;
      i++;
    } else if (c === '[' || c === ']' || c === ',' || c === '*') {
      // An index's brackets nest as parentheses do: an `||` inside one is not at the top.
      out.push({ kind: c === '[' ? 'open' : c === ']' ? 'close' : 'other' });
      last = c;
      i++;
    } else if (c === "'") {
      // `''` inside a string is a quote; an unclosed string is unexpected.
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        if (text[j] === "'") {
          if (text[j + 1] !== "'") {
            closed = true;
            j++;
            break;
          }
          j++;
        }
        j++;
      }
      out.push({ kind: closed ? 'other' : 'unexpected' });
      last = 'string';
      i = j;
    } else if ('!><=&|'.includes(c)) {
      const two = text.slice(i, i + 2);
      if (TWO.has(two)) {
        out.push({ kind: two === '&&' ? 'and' : two === '||' ? 'or' : 'other' });
        i += 2;
      } else if (c === '!' || c === '>' || c === '<') {
        out.push({ kind: 'other' });
        i++;
      } else {
        out.push({ kind: 'unexpected' });
        i++;
        while (i < text.length && !boundary(text[i]!)) i++;
      }
      last = 'operator';
    } else if (
      (c === '.' && (last === undefined || [',', '(', '[', 'start-parameters', 'operator'].includes(last))) ||
      c === '-' ||
      c === '+' ||
      (c >= '0' && c <= '9')
    ) {
      // A number (its validity does not matter here: a bad one is refused by GitHub as a whole).
      i++;
      while (i < text.length && (!boundary(text[i]!) || text[i] === '.')) i++;
      out.push({ kind: 'other' });
      last = 'number';
    } else if (c === '.') {
      out.push({ kind: 'other' });
      last = 'dereference';
      i++;
    } else {
      const start = i++;
      while (i < text.length && !boundary(text[i]!)) i++;
      const word = text.slice(start, i);
      if (!KEYWORD.test(word)) {
        out.push({ kind: 'unexpected' });
        last = 'unexpected';
        continue;
      }
      let k = i;
      while (k < text.length && isNetSpace(text[k]!)) k++;
      const called = last !== 'dereference' && text[k] === '(';
      out.push(called ? { kind: 'function', name: word.toLowerCase() } : { kind: 'other' });
      last = called ? 'function' : 'keyword';
    }
  }
  return out;
}

const STATUS = new Set(['always', 'failure', 'cancelled', 'success']);

/** `success()`, or that in parentheses. */
function isBareSuccess(tokens: readonly Token[]): boolean {
  let t = tokens;
  while (t.length > 3 && t[0]!.kind === 'open' && t.at(-1)!.kind === 'close') t = t.slice(1, -1);
  return (
    t.length === 3 &&
    t[0]!.kind === 'function' &&
    t[0]!.name === 'success' &&
    t[1]!.kind === 'open' &&
    t[2]!.kind === 'close'
  );
}

/**
 * Whether the expression, once GitHub has added `success() && (…)` or not, can be true after a
 * failure. Without a status function it cannot. With only `success()`, it cannot when `success()` is
 * itself one of the terms joined by `&&` at the top (no `||` there: `success() && a || b` is
 * `(success() && a) || b`). Anything GitHub's lexer cannot read counts as running (fail closed).
 */
function expressionRunsAfterFailure(expression: string): boolean {
  const tokens = lexExpression(expression);
  if (tokens.some((t) => t.kind === 'unexpected')) return true;
  const status = tokens.filter((t) => t.kind === 'function' && STATUS.has(t.name!));
  if (status.length === 0) return false;
  if (status.some((t) => t.name !== 'success')) return true;
  const terms: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close') depth--;
    if (depth === 0 && t.kind === 'or') return true;
    if (depth === 0 && t.kind === 'and') terms.push([]);
    else terms.at(-1)!.push(t);
  }
  return !terms.some(isBareSuccess);
}

/**
 * Whether an `if:` value (as written in the file) runs its step after an earlier step failed, or its
 * job after a needed job did not succeed. GitHub's template reader (TemplateReader.ParseScalar) makes
 * the value one condition first: text without `${{` is the expression; one `${{ X }}` is X, or, when
 * X is one string literal, that string's text read as the expression; anything else is
 * `format('…', X1, X2, …)`, whose status functions are those of its parts and whose value is a
 * non-empty string, true whenever it is evaluated.
 */
export function ifRunsAfterFailure(value: string): boolean {
  if (!value.includes('${{')) return expressionRunsAfterFailure(value);
  const { parts, expressions } = splitTemplate(value);
  if (expressions.length === 1 && parts.every((p) => p === '')) {
    const literal = stringLiteral(expressions[0]!);
    return expressionRunsAfterFailure(literal ?? expressions[0]!);
  }
  // GitHub refuses a part it cannot lex: counted as running (fail closed).
  return expressions.some((e) =>
    lexExpression(e).some((t) => t.kind === 'unexpected' || (t.kind === 'function' && STATUS.has(t.name!))),
  );
}

/** The text of an expression that is one string literal (after .NET trimming), else undefined. */
function stringLiteral(expression: string): string | undefined {
  const body = trimAsNet(expression);
  if (!/^'(?:[^']|'')*'$/.test(body)) return undefined;
  return body.slice(1, -1).replace(/''/g, "'");
}
