/**
 * A test harness that runs a composite `action.yml` step by step as the Actions runner does:
 * INPUT_* and `${{ }}` expressions (GitHub's own evaluator, @actions/expressions), `if:` with the
 * status functions, `shell: bash` steps as child processes, GITHUB_OUTPUT / GITHUB_ENV /
 * GITHUB_STEP_SUMMARY files (both `name=value` and heredoc forms), `::add-mask::`, and the action's
 * `outputs`. It reports every place a masked value appeared in logs or the summary.
 *
 * The real runner executes `node "$GITHUB_ACTION_PATH/.../dist/index.js"`; by default the harness
 * swaps that for the TypeScript source run through tsx, so tests exercise the current code without
 * a rebuild. `useDist: true` runs the committed bundle instead.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { afterAll } from '@jest/globals';
import { parse } from 'yaml';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/**
 * The runner temp directories the harness made: tests read them after `runAction` returns (the audit
 * trail), so they go when the test file ends. Left behind, they filled /tmp by thousands a day.
 */
const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

export interface RunActionOptions {
  readonly inputs?: Record<string, string>;
  /** Extra environment of the job (e.g. ACTIONS_ID_TOKEN_REQUEST_URL, GITHUB_JOB). */
  readonly env?: Record<string, string>;
  /** The `github` context (only the fields the action reads). */
  readonly github?: Record<string, unknown>;
  readonly useDist?: boolean;
  /** An existing RUNNER_TEMP (to share a job's trail between several actions). */
  readonly runnerTemp?: string;
  /** A summary file to append to (to share one job summary between actions). */
  readonly summaryFile?: string;
}

export interface StepRun {
  readonly id?: string;
  readonly name?: string;
  readonly outcome: 'success' | 'failure' | 'skipped';
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
}

export interface ActionRun {
  readonly steps: StepRun[];
  readonly outputs: Record<string, string>;
  readonly failed: boolean;
  readonly summary: string;
  readonly masks: string[];
  /** Masked values that showed up in a step's stdout/stderr (outside `::add-mask::`) or in the summary. */
  readonly leaks: { where: string; value: string }[];
  readonly runnerTemp: string;
  readonly log: string;
}

function toData(value: unknown): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null();
  if (typeof value === 'string') return new data.StringData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  const dict = new data.Dictionary();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) dict.add(k, toData(v));
  return dict;
}

const CONTEXTS = [
  'inputs',
  'steps',
  'env',
  'github',
  'runner',
  'job',
  'secrets',
  'matrix',
  'strategy',
  'needs',
  'vars',
];

function evaluate(
  expression: string,
  context: Record<string, unknown>,
  status: { failed: boolean },
): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const fns = [
    { name: 'always', minArgs: 0, maxArgs: 0 },
    { name: 'success', minArgs: 0, maxArgs: 0 },
    { name: 'failure', minArgs: 0, maxArgs: 0 },
    { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  ];
  const expr = new Parser(lexed.tokens, CONTEXTS, fns).parse();
  const defs = new Map(
    [
      ['always', () => new data.BooleanData(true)],
      ['success', () => new data.BooleanData(!status.failed)],
      ['failure', () => new data.BooleanData(status.failed)],
      ['cancelled', () => new data.BooleanData(false)],
    ].map(([name, call]) => [
      name as string,
      { name: name as string, minArgs: 0, maxArgs: 0, call: call as () => data.ExpressionData },
    ]),
  );
  return new Evaluator(expr, toData(context) as data.Dictionary, defs).evaluate();
}

/** GitHub's truthiness: false, 0, NaN, '' and null are false; everything else is true. */
function truthy(d: data.ExpressionData): boolean {
  if (d instanceof data.Null) return false;
  if (d instanceof data.BooleanData) return d.value;
  if (d instanceof data.NumberData) return d.value !== 0 && !Number.isNaN(d.value);
  if (d instanceof data.StringData) return d.value !== '';
  return true;
}

/** Replaces every `${{ expr }}` in a string, as the runner does for `run`, `env` and `with`. */
export function interpolate(
  text: string,
  context: Record<string, unknown>,
  status = { failed: false },
): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) =>
    evaluate(expr.trim(), context, status).coerceString(),
  );
}

/** `if:` may omit `${{ }}`; a step without `if:` runs on `success()`. */
function condition(cond: unknown, context: Record<string, unknown>, status: { failed: boolean }): boolean {
  if (cond === undefined || cond === null) return !status.failed;
  const text = String(cond)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const usesStatus = /\b(always|success|failure|cancelled)\s*\(/.test(text);
  const value = truthy(evaluate(text, context, status));
  return usesStatus ? value : value && !status.failed;
}

/** Parses a GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and `name<<DELIM` heredocs. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      out[heredoc[1]!] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function runBash(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const NODE_CALL = /node "\$GITHUB_ACTION_PATH\/(?:\.\.\/\.\.\/)?dist\/index\.js"/g;

export async function runAction(actionDir: string, opts: RunActionOptions = {}): Promise<ActionRun> {
  // The step command files and the default summary: read before the run returns, nobody's after.
  const work = mkdtempSync(join(tmpdir(), 'sw-step-'));
  try {
    return await runIn(actionDir, opts, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function runIn(actionDir: string, opts: RunActionOptions, work: string): Promise<ActionRun> {
  const actionPath = resolve(ROOT, actionDir);
  const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string; required?: boolean }>;
    outputs?: Record<string, { value: string }>;
    runs: {
      using: string;
      steps: {
        id?: string;
        name?: string;
        if?: string;
        run?: string;
        shell?: string;
        env?: Record<string, string>;
      }[];
    };
  };
  if (action.runs.using !== 'composite') throw new Error(`${actionDir}: not a composite action`);
  const runnerTemp = opts.runnerTemp ?? mkdtempSync(join(tmpdir(), 'sw-runner-'));
  if (!opts.runnerTemp) made.push(runnerTemp);
  mkdirSync(runnerTemp, { recursive: true });
  const summaryFile = opts.summaryFile ?? join(work, 'summary.md');
  if (!existsSync(summaryFile)) writeFileSync(summaryFile, '');
  const summaryBefore = readFileSync(summaryFile, 'utf8');
  const github: Record<string, unknown> = { action_path: actionPath, ...opts.github };
  const baseContext = {
    github,
    runner: { temp: runnerTemp, os: 'Linux' },
    job: { status: 'success' },
    secrets: {},
    vars: {},
  };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const given = opts.inputs?.[name];
    const value = given ?? (spec.default !== undefined ? interpolate(String(spec.default), baseContext) : '');
    if (spec.required && !value) throw new Error(`input required and not supplied: ${name}`);
    inputs[name] = value;
  }
  const jobEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_WORKSPACE: (github.workspace as string | undefined) ?? ROOT,
    RUNNER_TEMP: runnerTemp,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...opts.env,
  };
  const steps: StepRun[] = [];
  const stepsContext: Record<
    string,
    { outputs: Record<string, string>; outcome: string; conclusion: string }
  > = {};
  const status = { failed: false };
  const masks: string[] = [];
  const leaks: { where: string; value: string }[] = [];
  let addedEnv: Record<string, string> = {};
  let log = '';
  for (const [index, step] of action.runs.steps.entries()) {
    const context = { ...baseContext, inputs, steps: stepsContext, env: { ...jobEnv, ...addedEnv } };
    const label = step.id ?? step.name ?? `#${index}`;
    if (!condition(step.if, context, status)) {
      steps.push({
        ...(step.id ? { id: step.id } : {}),
        outcome: 'skipped',
        exitCode: null,
        stdout: '',
        stderr: '',
        outputs: {},
      });
      if (step.id) stepsContext[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const outputFile = join(work, `output-${index}`);
    const envFile = join(work, `env-${index}`);
    writeFileSync(outputFile, '');
    writeFileSync(envFile, '');
    const stepEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = interpolate(String(v), context, status);
    let script = interpolate(step.run ?? '', context, status);
    if (!opts.useDist)
      script = script.replace(NODE_CALL, `node --import tsx "${join(ROOT, 'shared/cli/main.ts')}"`);
    else script = script.replace(NODE_CALL, `node "${join(ROOT, 'dist/index.js')}"`);
    const result = await runBash(
      script,
      { ...jobEnv, ...addedEnv, ...stepEnv, GITHUB_OUTPUT: outputFile, GITHUB_ENV: envFile },
      ROOT,
    );
    for (const m of result.stdout.matchAll(/^::add-mask::(.*)$/gm))
      if (m[1] && !masks.includes(m[1])) masks.push(m[1]);
    const outputs = parseCommandFile(readFileSync(outputFile, 'utf8'));
    addedEnv = { ...addedEnv, ...parseCommandFile(readFileSync(envFile, 'utf8')) };
    const ok = result.code === 0;
    if (!ok) status.failed = true;
    steps.push({
      ...(step.id ? { id: step.id } : {}),
      ...(step.name ? { name: step.name } : {}),
      outcome: ok ? 'success' : 'failure',
      exitCode: result.code,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs,
    });
    if (step.id)
      stepsContext[step.id] = {
        outputs,
        outcome: ok ? 'success' : 'failure',
        conclusion: ok ? 'success' : 'failure',
      };
    log += `--- step ${label}\n${result.stdout}${result.stderr}`;
  }
  const summary = readFileSync(summaryFile, 'utf8').slice(summaryBefore.length);
  for (const value of masks) {
    for (const s of steps) {
      const visible = s.stdout.replace(/^::add-mask::.*$/gm, '');
      if (visible.includes(value)) leaks.push({ where: `stdout of step ${s.id ?? '?'}`, value });
      if (s.stderr.includes(value)) leaks.push({ where: `stderr of step ${s.id ?? '?'}`, value });
    }
    if (summary.includes(value)) leaks.push({ where: 'job summary', value });
  }
  const finalContext = { ...baseContext, inputs, steps: stepsContext, env: jobEnv };
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.outputs ?? {}))
    outputs[name] = interpolate(spec.value, finalContext, status);
  mkdirSync(dirname(summaryFile), { recursive: true });
  return { steps, outputs, failed: status.failed, summary, masks, leaks, runnerTemp, log };
}
