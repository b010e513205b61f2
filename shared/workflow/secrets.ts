/**
 * Secret references in workflow expressions: `secrets.NAME`, `secrets['NAME']`, `secrets["NAME"]`.
 * Any other use of the `secrets` context (`toJSON(secrets)`, `secrets[matrix.x]`, `secrets.*`, bare
 * `secrets`) exposes every secret and is reported as `*`.
 *
 * Only expression text is read: the bodies of `${{ }}`, and whole `if:` values (GitHub evaluates
 * `if:` as an expression even without `${{ }}`). So `run: echo secrets.X` is not a reference, and
 * neither is a string literal inside an expression (`${{ 'secrets.X' }}`). A hand-written scanner,
 * linear in the text, instead of regular expressions that could backtrack on hostile input.
 */
import type { LNode } from '../yaml/located.js';
import type { Located } from './model.js';
import { splitTemplate } from './template.js';

/** The token every job gets anyway; it is not a secret a manifest declares. */
const IMPLICIT = 'GITHUB_TOKEN';
/** What a read of the whole context, or of a name computed at run time, is recorded as. */
export const WHOLE_SECRETS = '*';

/**
 * The characters of a name: 1 at those that may start one (A-Z a-z _), 2 at those that may only go on
 * one (0-9 -). A table rather than functions of comparisons: `check` runs this code in V8's baseline tiers
 * until it is hot (ONE_PASS_V8_FLAGS in shared/cli/main.ts), where each call and each comparison is a
 * builtin call, and the scan asks for every character of every
 * expression that mentions `secrets` (session 32). A code past 127, or the NaN past the text's end,
 * reads undefined: neither.
 */
const IDENT = new Uint8Array(128);
for (let c = 65; c <= 90; c++) IDENT[c] = IDENT[c + 32] = 1;
IDENT[95] = 1;
for (let c = 48; c <= 57; c++) IDENT[c] = 2;
IDENT[45] = 2;
const isIdentStart = (c: number) => IDENT[c] === 1;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** End index (exclusive) of a quoted literal starting at `i`; `''` inside single quotes is an escaped quote. */
function skipQuoted(s: string, i: number): { end: number; text: string } {
  const quote = s[i]!;
  let text = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j]!;
    if (c === quote) {
      if (quote === "'" && s[j + 1] === "'") {
        text += "'";
        j += 2;
        continue;
      }
      return { end: j + 1, text };
    }
    text += c;
    j++;
  }
  return { end: j, text };
}

/** Secret names used in one expression body (no `${{ }}` around it). */
export function secretNamesInExpression(expr: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr.charCodeAt(i);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      i = skipQuoted(expr, i).end;
      continue;
    }
    if (IDENT[c] !== 1) {
      i++;
      continue;
    }
    const start = i;
    for (let k = IDENT[expr.charCodeAt(++i)]; k === 1 || k === 2; k = IDENT[expr.charCodeAt(++i)]);
    // `github.secrets` or `steps.secrets` are properties of other contexts, not the secrets context.
    // (A name of another length is not sliced and lower-cased to learn that.)
    const prev = start > 0 ? expr.charCodeAt(start - 1) : 0;
    if (prev === 46 /* . */ || i - start !== 7 || expr.slice(start, i).toLowerCase() !== 'secrets') continue;
    const j = skipSpace(expr, i);
    const next = expr[j];
    if (next === '.') {
      const k = skipSpace(expr, j + 1);
      let end = k;
      for (let c = IDENT[expr.charCodeAt(end)]; c === 1 || c === 2; c = IDENT[expr.charCodeAt(++end)]);
      if (end > k && isIdentStart(expr.charCodeAt(k))) {
        names.push(expr.slice(k, end));
        i = end;
      } else {
        names.push(WHOLE_SECRETS); // `secrets.*`
        i = k;
      }
      continue;
    }
    if (next === '[') {
      const k = skipSpace(expr, j + 1);
      const q = expr[k];
      if (q === "'" || q === '"') {
        const lit = skipQuoted(expr, k);
        const close = skipSpace(expr, lit.end);
        if (expr[close] === ']') {
          names.push(lit.text);
          i = close + 1;
          continue;
        }
      }
      names.push(WHOLE_SECRETS); // `secrets[matrix.name]`
      i = k;
      continue;
    }
    names.push(WHOLE_SECRETS); // `toJSON(secrets)`, bare `secrets`
  }
  return names.filter((n) => n.toUpperCase() !== IMPLICIT);
}

/** A string that does not match this names no secret. */
const SECRETS = /secrets/i;

/**
 * Names referenced in one string value, `*` for whole-context use. `bareExpression` is true for `if:`
 * values, which GitHub reads as an expression when they do not use `${{ }}`.
 */
export function secretNamesIn(text: string, bareExpression = false): string[] {
  // Cheap filter first: nearly every string in a workflow mentions no secret.
  if (!SECRETS.test(text)) return [];
  if (!text.includes('${{')) return bareExpression ? secretNamesInExpression(text) : [];
  // Expressions end where GitHub's reader ends them: a `}}` inside a quoted string ends nothing
  // (`${{ format('}}{0}', secrets.X) }}` reads X; a first-`}}` scan stopped before it).
  const names: string[] = [];
  for (const body of splitTemplate(text).expressions) names.push(...secretNamesInExpression(body));
  return names;
}

/**
 * Every secret reference below `node`, with the line of the string that holds it. Aliases share
 * nodes: a mapping or sequence reached a second time adds nothing new (its references, lines
 * included, are already in `out`), so it is not walked again. An alias bomb then costs its distinct
 * nodes, not its expansion, and no reference after it is lost: a budget that stopped the walk had let
 * `env: <bomb>` hide a `${{ secrets.X }}` in the steps below it. A tree without aliases (`unshared`,
 * a fast-path parse) holds each node once and is walked without the set.
 */
export function secretsBelow(
  node: LNode | undefined,
  options: {
    unshared?: boolean;
    /** Filled with each string (value or key) that names the whole context (`*`): what computes it. */
    computed?: string[];
  } = {},
): Located<string>[] {
  const out: Located<string>[] = [];
  walkSecrets(node, out, options.unshared ? undefined : new Set(), '', options.computed);
  return out;
}

/** Appends the names `text` holds to `out`; `text` itself to `computed` when one is `*`. */
function pushNames(names: string[], line: number, text: string, out: Located<string>[], computed?: string[]) {
  for (const name of names) {
    out.push({ value: name, line });
    if (computed && name === WHOLE_SECRETS) computed.push(text);
  }
}

function walkSecrets(
  node: LNode | undefined,
  out: Located<string>[],
  seen: Set<LNode> | undefined,
  key: string,
  computed: string[] | undefined,
): void {
  if (!node) return;
  // A scalar's reading depends on its key (`if:` is an expression without `${{ }}`). Outside `if:` a
  // string without `${{` names nothing: tested before the call (cheaper than the regular expression),
  // so nearly every scalar costs no call and no empty array.
  if (node.kind === 'scalar') {
    const s = node.value;
    const bare = key === 'if';
    if (typeof s === 'string' && (bare || s.includes('${{')))
      stringSecrets(s, bare, node.line, out, computed);
    return;
  }
  if (seen) {
    if (seen.has(node)) return;
    seen.add(node);
  }
  // A scalar child is judged in the loop, not through a call of this function: most nodes of a job
  // are scalars, and a call (never inlined) costs more than the filter (the scalar case above,
  // written out; session 33). The order of `out` is the walk's either way.
  if (node.kind === 'map') {
    const es = node.entries;
    for (let i = 0, iEnd = es.length; i < iEnd; i++) {
      const e = es[i]!;
      // A key that is an expression is evaluated where its mapping takes expressions (`env:`,
      // `with:`): `env: { ${{ secrets.X }}: v }` puts the secret in a variable's name.
      const k = e.key;
      if (k.includes('${{') && SECRETS.test(k)) pushNames(secretNamesIn(k), e.keyLine, k, out, computed);
      const v = e.value;
      if (v.kind !== 'scalar') walkSecrets(v, out, seen, k, computed);
      else {
        const s = v.value;
        const bare = k === 'if';
        if (typeof s === 'string' && (bare || s.includes('${{')))
          stringSecrets(s, bare, v.line, out, computed);
      }
    }
  } else {
    const items = node.items;
    for (let i = 0, iEnd = items.length; i < iEnd; i++) {
      const v = items[i]!;
      if (v.kind !== 'scalar') walkSecrets(v, out, seen, '', computed);
      else {
        const s = v.value;
        if (typeof s === 'string' && s.includes('${{')) stringSecrets(s, false, v.line, out, computed);
      }
    }
  }
}

/** The names a string value that may name a secret holds (a key's reading: `bare` for `if:`), to `out`. */
function stringSecrets(
  s: string,
  bare: boolean,
  line: number,
  out: Located<string>[],
  computed: string[] | undefined,
): void {
  if (SECRETS.test(s)) pushNames(secretNamesIn(s, bare), line, s, out, computed);
}
