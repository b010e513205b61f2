/** Registry of the GitHub Actions entry points; each entry lives in its own file. */
import type { CliIO } from '../cli/command.js';
import { checkAction } from './check.js';
import { exchangeAction } from './exchange.js';
import { revokeAction } from './revoke.js';
import { accessDiffAction } from './access-diff.js';
import { auditAction } from './audit.js';
import { enforceAction } from './enforce.js';

export interface ActionEntry {
  readonly summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const ACTIONS: Record<string, ActionEntry> = {
  check: checkAction,
  exchange: exchangeAction,
  revoke: revokeAction,
  'access-diff': accessDiffAction,
  audit: auditAction,
  enforce: enforceAction,
};
