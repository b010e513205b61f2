#!/usr/bin/env node
/**
 * The one program: CLI, action entry points and broker are subcommands of it. `dist/index.js` is this
 * file bundled by ncc. Kept tiny: parse the command name, dispatch, map errors to exit codes.
 */
// First, before any module that needs Node 20: a readable error on an older Node.
import './node-version.js';
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { EXIT, UsageError, type CliIO, type Command } from './command.js';
import { VERSION } from './version.js';
import { guardOutput } from './closed-stdout.js';
import { SUMMARIES } from './summaries.js';

export { VERSION };

/**
 * The commands, each loaded on first use: `stepwarden check` then compiles and runs only the check's
 * modules, not the broker's, Octokit's or the audit's (half of a check's wall time on a large
 * repository was loading code it never ran). The order is the order of the help text.
 */
export const COMMANDS: readonly { readonly name: keyof typeof SUMMARIES; load(): Promise<Command> }[] = [
  { name: 'check', load: async () => (await import('./commands/check.js')).checkCommand },
  { name: 'init', load: async () => (await import('./commands/init.js')).initCommand },
  { name: 'diff', load: async () => (await import('./commands/diff.js')).diffCommand },
  { name: 'audit', load: async () => (await import('./commands/audit.js')).auditCommand },
  { name: 'broker', load: async () => (await import('./commands/broker.js')).brokerCommand },
  { name: 'verify', load: async () => (await import('./commands/verify.js')).verifyCommand },
  { name: 'explain', load: async () => (await import('./commands/explain.js')).explainCommand },
  { name: 'demo', load: async () => (await import('./commands/demo.js')).demoCommand },
  { name: 'action', load: async () => (await import('./commands/action.js')).actionCommand },
];

export async function usage(): Promise<string> {
  // The summaries table, not the command modules: listing the commands loads none of them.
  const commands = COMMANDS.map((c) => ({
    name: c.name,
    summary: SUMMARIES[c.name],
  }));
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return `stepwarden ${VERSION}: declared, step-scoped, short-lived CI access

Usage: stepwarden COMMAND [options]
       stepwarden COMMAND --help

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Exit codes: 0 ok, 1 findings or refusal, 2 cannot judge (bad input or arguments).
Docs: README.md and docs/ in the stepwarden repository.
`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`stepwarden: unknown command '${name}'. Run 'stepwarden --help' for the list.\n`);
    return EXIT.usage;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`stepwarden ${name}: ${err.message}\n`);
      return EXIT.usage;
    }
    const e = err as { message?: string; code?: string };
    io.stderr(`stepwarden ${name}: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}\n`);
    return EXIT.usage;
  }
}

export function processIO(): CliIO {
  const stdout = guardOutput(process.stdout);
  const stderr = guardOutput(process.stderr);
  return {
    stdout: stdout.write,
    stderr: stderr.write,
    cwd: process.cwd(),
    env: process.env,
    stdinStream: process.stdin,
    stdoutStream: process.stdout,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

/**
 * Commands that run once over their input and exit, with V8's tiers set for that (ONE_PASS_V8_FLAGS):
 * `check`, `diff`, `init` and `action check` (how the required check runs, action.yml). `audit` keeps
 * V8's defaults (it streams logs of a million events), as do the broker and every other command.
 * Each entry is the command's leading arguments.
 */
const ONE_PASS_COMMANDS: readonly (readonly string[])[] = [
  ['check'],
  ['diff'],
  ['init'],
  ['action', 'check'],
];

/**
 * V8's tiers for a one-pass command. Sessions 21-35 ran them without Turbofan (`--no-opt`): on the
 * 1,503-workflow corpus it compiled, on its background thread, code that then ran only briefly (a
 * third more CPU for 2-3 % of wall time). Turbofan is back with two limits (session 36,
 * docs/performance.md): no inlining, so each compiled function is small, cheap to compile, and a
 * callee's unseen types deoptimize only that callee, not every caller built around it; and an
 * interrupt budget (the bytecode a function runs between the profiler's looks at it) four times V8's
 * default of 67,584, so only what stays hot over a few hundred files (the reader, the model) is
 * compiled. Corpus: the main thread's instructions -15 %, all threads' +5 %; a repository of 50 files
 * compiles next to nothing. tests/cli/s21-one-pass and s22-one-pass ask V8 itself what is on.
 */
const ONE_PASS_V8_FLAGS = '--no-turbo-inlining --interrupt-budget=270336';

/** Whether the CLI's arguments (after `node script`) name a one-pass command. */
export function isOnePass(argv: readonly string[]): boolean {
  return ONE_PASS_COMMANDS.some((command) => command.every((word, i) => argv[i] === word));
}

if (invokedDirectly()) {
  // Constant flags, never built from argv or the environment; an in-process caller of main() (tests,
  // bench wrappers) never reaches this line.
  if (isOnePass(process.argv.slice(2))) {
    setFlagsFromString(ONE_PASS_V8_FLAGS);
    // The young generation keeps its first size (1 MiB a semi-space) instead of doubling up to
    // 16 MiB: more, shorter scavenges over pages already touched, instead of fresh pages whose first
    // touch is a page fault (about 7 ms a MiB on the bench machine). Corpus check: a quarter fewer
    // page faults, 30 MiB less peak RSS (docs/performance.md, session 23). Read by V8 at each
    // growth step, so it takes effect when set here; the command-line sizes would not.
    setFlagsFromString('--semi-space-growth-factor=1');
  }
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`stepwarden: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
