import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
/** The shape every CLI subcommand has; entry points stay thin over pure functions. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Standard input as text, read lazily (for `verify -`). */
  readonly readStdin: () => Promise<string>;
  /** Standard input and output as streams, for commands that stream large inputs (`audit`). */
  readonly stdinStream?: Readable;
  readonly stdoutStream?: Writable;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text: usage, options, exit codes, examples. */
  readonly help: string;
  /** Resolves to the process exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A usage or input error: printed without a stack, exit code 2. */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

type Options = NonNullable<import('node:util').ParseArgsConfig['options']>;

/**
 * Parses a command's arguments with node:util parseArgs; an unknown option or a missing value is a
 * UsageError (exit 2) that points at the command's --help.
 */
export function parseCommandArgs<O extends Options>(
  name: string,
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}. Run 'stepwarden ${name} --help'.`);
  }
}
