/**
 * What GitHub's own parser (`@actions/workflow-parser`, with `@actions/expressions` for the
 * expressions) reads from a workflow, per job, in the shape stepwarden's model gives: permissions as
 * written, `uses:` (the job's and its steps'), secrets referenced, environments, `needs`, and the
 * workflow's triggers and permissions. The differential test compares the two over the corpus.
 */
import { Lexer, Parser } from '@actions/expressions';
import {
  ContextAccess,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Unary,
  Binary,
  type Expr,
} from '@actions/expressions/ast';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { PermissionsBlock, WorkflowModel } from '../../shared/workflow/model.js';

/** A token as `@actions/workflow-parser` serializes it (JSON of its template token). */
export type Tok =
  | string
  | number
  | boolean
  | null
  | { type: 1; seq: Tok[] }
  | { type: 2; map: { Key: Tok; Value: Tok }[] }
  | { type: 3; expr: string };

export interface JobFacts {
  readonly permissions: string;
  readonly uses: string;
  readonly secrets: string;
  readonly environments: string;
  readonly needs: string;
  /**
   * Each step's `with:` (steps of `parallel:` groups after their group), as the runner reads inputs:
   * names ASCII case-folded (ConvertToStepInputs is case-insensitive), `${{ }}` for an expression.
   */
  readonly inputs: string;
}
export interface WorkflowFacts {
  readonly valid: boolean;
  readonly triggers: string;
  readonly permissions: string;
  readonly jobs: Record<string, JobFacts>;
}

export const isMap = (t: Tok | undefined): t is { type: 2; map: { Key: Tok; Value: Tok }[] } =>
  typeof t === 'object' && t !== null && (t as { type: number }).type === 2;
export const isSeq = (t: Tok | undefined): t is { type: 1; seq: Tok[] } =>
  typeof t === 'object' && t !== null && (t as { type: number }).type === 1;
const isExpr = (t: Tok): t is { type: 3; expr: string } =>
  typeof t === 'object' && t !== null && (t as { type: number }).type === 3;
export const get = (t: Tok | undefined, key: string): Tok | undefined =>
  t !== undefined && isMap(t) ? t.map.find((e) => e.Key === key)?.Value : undefined;
const text = (t: Tok | undefined): string | undefined =>
  t === undefined || t === null
    ? undefined
    : isExpr(t)
      ? '${{ }}'
      : typeof t === 'object'
        ? undefined
        : String(t);

/** A value that is an expression compares as "some expression": the two parsers normalize it differently. */
const norm = (s: string) => (s.includes('${{') ? '${{ }}' : s);

/** Secret names an expression reads (GitHub's expression parser), `*` for the whole context. */
function secretsOfExpression(expr: string, out: Set<string>): void {
  let tree: Expr;
  try {
    const lexed = new Lexer(expr).lex();
    tree = new Parser(
      lexed.tokens,
      [
        'secrets',
        'github',
        'env',
        'vars',
        'inputs',
        'matrix',
        'needs',
        'steps',
        'job',
        'runner',
        'strategy',
        'jobs',
      ],
      [],
    ).parse();
  } catch {
    return;
  }
  const visit = (e: Expr): void => {
    if (e instanceof IndexAccess) {
      if (e.expr instanceof ContextAccess && e.expr.name.lexeme.toLowerCase() === 'secrets') {
        if (e.index instanceof Literal && typeof e.index.literal.coerceString === 'function')
          out.add(e.index.literal.coerceString().toUpperCase());
        else out.add('*');
        return;
      }
      visit(e.expr);
      visit(e.index);
    } else if (e instanceof ContextAccess) {
      if (e.name.lexeme.toLowerCase() === 'secrets') out.add('*');
    } else if (e instanceof FunctionCall) e.args.forEach(visit);
    else if (e instanceof Logical) e.args.forEach(visit);
    else if (e instanceof Binary) {
      visit(e.left);
      visit(e.right);
    } else if (e instanceof Unary) visit(e.expr);
    else if (e instanceof Grouping) visit(e.group);
  };
  visit(tree);
}

function secretsBelow(t: Tok | undefined, out: Set<string>, key = ''): void {
  if (t === undefined || t === null) return;
  if (isExpr(t)) secretsOfExpression(t.expr, out);
  else if (typeof t === 'string') {
    // `if:` is an expression with or without `${{ }}`; the parser keeps it as text.
    if (key === 'if') {
      const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(t);
      secretsOfExpression(m ? m[1]! : t, out);
    }
  } else if (isMap(t))
    for (const e of t.map) {
      // A key that is an expression is evaluated too (`env: { ${{ secrets.X }}: v }`): the reader
      // adds it as an expression key where the mapping allows expressions.
      if (isExpr(e.Key)) secretsOfExpression(e.Key.expr, out);
      secretsBelow(e.Value, out, typeof e.Key === 'string' ? e.Key : '');
    }
  else if (isSeq(t)) for (const i of t.seq) secretsBelow(i, out);
}

function permissionsText(t: Tok | undefined): string {
  if (t === undefined) return '-';
  if (isMap(t))
    return t.map
      .map((e) => `${String(e.Key)}=${text(e.Value) ?? '?'}`)
      .sort()
      .join(',');
  return text(t) ?? '?';
}

/** The events `on:` names, comma-joined, in the file's order. */
export function triggersOf(on: Tok | undefined): string {
  if (on === undefined) return '';
  if (isSeq(on)) return on.seq.map((x) => text(x) ?? '?').join(',');
  if (isMap(on)) return on.map.map((e) => String(e.Key)).join(',');
  return text(on) ?? '';
}

const foldName = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** Steps in the model's order: each step, then the steps of its `parallel:` group. */
function stepToks(steps: Tok | undefined): Tok[] {
  return steps !== undefined && isSeq(steps)
    ? steps.seq.flatMap((s) => [s, ...stepToks(get(s, 'parallel'))])
    : [];
}

function inputsText(w: Tok | undefined): string {
  if (w === undefined) return '-';
  if (isExpr(w)) return '${{ }}';
  if (!isMap(w)) return '?';
  return w.map
    .flatMap((e) => {
      const v = text(e.Value);
      return v === undefined ? [] : [`${norm(foldName(text(e.Key) ?? '?'))}=${norm(v)}`];
    })
    .sort()
    .join(';');
}

/** GitHub's reading of one workflow file. */
export function githubFacts(name: string, content: string): WorkflowFacts {
  const r = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const valid = r.context.errors.getErrors().length === 0 && r.value !== undefined;
  const root = (r.value ? JSON.parse(JSON.stringify(r.value)) : undefined) as Tok | undefined;
  const wfEnv = new Set<string>();
  secretsBelow(get(root, 'env'), wfEnv);
  const jobs: Record<string, JobFacts> = {};
  const jobsTok = get(root, 'jobs');
  if (jobsTok !== undefined && isMap(jobsTok))
    for (const { Key, Value: job } of jobsTok.map) {
      const uses = [
        text(get(job, 'uses')),
        ...((): (string | undefined)[] => {
          const steps = get(job, 'steps');
          return steps !== undefined && isSeq(steps) ? steps.seq.map((s) => text(get(s, 'uses'))) : [];
        })(),
      ].filter((u): u is string => u !== undefined);
      const secrets = new Set(wfEnv);
      secretsBelow(job, secrets);
      secrets.delete('GITHUB_TOKEN');
      const env = get(job, 'environment');
      const envName = env !== undefined && isMap(env) ? text(get(env, 'name')) : text(env);
      jobs[String(Key)] = {
        permissions: permissionsText(get(job, 'permissions')),
        uses: uses.map(norm).join(' '),
        secrets: [...secrets].sort().join(','),
        environments: envName !== undefined ? norm(envName) : '',
        needs: ((n) =>
          n === undefined ? '' : isSeq(n) ? n.seq.map((x) => text(x) ?? '?').join(',') : (text(n) ?? '?'))(
          get(job, 'needs'),
        ),
        inputs: stepToks(get(job, 'steps'))
          .map((st) => inputsText(get(st, 'with')))
          .join(' | '),
      };
    }
  return {
    valid,
    triggers: triggersOf(get(root, 'on')),
    permissions: permissionsText(get(root, 'permissions')),
    jobs,
  };
}

/** A model's permissions block as GitHub's side is written: `-`, a shorthand, `scope=level,…`, `?`. */
export function blockText(b: PermissionsBlock | undefined): string {
  if (!b) return '-';
  if (b.shorthand) return b.shorthand;
  if (b.invalid) return '?';
  return b.entries
    .map((e) => `${e.scope}=${e.level}`)
    .sort()
    .join(',');
}

/** stepwarden's reading of the same file, in the same shape. */
export function stepwardenFacts(m: WorkflowModel): WorkflowFacts {
  const jobs: Record<string, JobFacts> = {};
  for (const j of m.jobs)
    jobs[j.id] = {
      permissions: blockText(j.permissions),
      uses: j.actions.map((a) => norm(a.uses)).join(' '),
      secrets: [...new Set(j.secrets.map((s) => s.value.toUpperCase()))].sort().join(','),
      environments: j.environments.map((e) => norm(e.value)).join(' '),
      needs: j.needs.join(','),
      inputs: j.steps
        .map((st) =>
          st.withExpression
            ? '${{ }}'
            : st.with
              ? Object.entries(st.with)
                  .map(([k, v]) => `${norm(k)}=${norm(v.value)}`)
                  .sort()
                  .join(';')
              : '-',
        )
        .join(' | '),
    };
  return {
    valid: !m.error,
    triggers: m.triggers.map((t) => t.value).join(','),
    permissions: blockText(m.permissions),
    jobs,
  };
}

/** Every field on which the two readings differ, as `file#job field: stepwarden | github`. */
export function disagreements(file: string, mine: WorkflowFacts, theirs: WorkflowFacts): string[] {
  const out: string[] = [];
  if (!theirs.valid) return out; // GitHub refuses the file: nothing runs, nothing to compare
  if (!mine.valid) return [`${file} valid: stepwarden refuses a file GitHub accepts`];
  if (mine.triggers !== theirs.triggers) out.push(`${file} triggers: ${mine.triggers} | ${theirs.triggers}`);
  if (mine.permissions !== theirs.permissions)
    out.push(`${file} permissions: ${mine.permissions} | ${theirs.permissions}`);
  const ids = new Set([...Object.keys(mine.jobs), ...Object.keys(theirs.jobs)]);
  for (const id of ids) {
    const a = mine.jobs[id];
    const b = theirs.jobs[id];
    if (!a || !b) {
      out.push(`${file}#${id} job: ${a ? 'present' : 'absent'} | ${b ? 'present' : 'absent'}`);
      continue;
    }
    for (const k of ['permissions', 'uses', 'secrets', 'environments', 'needs', 'inputs'] as const)
      if (a[k] !== b[k]) out.push(`${file}#${id} ${k}: ${a[k]} | ${b[k]}`);
  }
  return out;
}
