/**
 * `stepwarden check`'s options: read by the command, and by the CLI's entry to find the repository
 * before the command loads (it starts the reading thread for a large one, shared/check/read-worker.ts).
 * Cheap to import: the entry loads this for every command.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { wantsHelp } from './command.js';

export const CHECK_OPTIONS = {
  manifest: { type: 'string' },
  'org-policy': { type: 'string' },
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
} as const;

/**
 * The directory `check ARGS` (the arguments after `check`) will judge, or undefined for arguments the
 * command refuses or help: the command itself says why.
 */
export function checkDirectoryOf(args: readonly string[], cwd: string): string | undefined {
  if (wantsHelp(args)) return undefined;
  try {
    const { positionals } = parseArgs({
      args: [...args],
      options: CHECK_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    return positionals.length > 1 ? undefined : resolve(cwd, positionals[0] ?? '.');
  } catch {
    return undefined;
  }
}
