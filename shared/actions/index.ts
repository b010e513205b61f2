/** Registry of the GitHub Actions entry points; each file is owned by its action. */
import type { CliIO } from '../cli/command.js';

export interface ActionEntry {
  readonly summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const ACTIONS: Record<string, ActionEntry> = {};
