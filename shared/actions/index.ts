/**
 * Registry of the GitHub Actions entry points; each entry lives in its own file and is loaded on first
 * use: `action check` (the required check, root action.yml) then compiles the check's modules, not the
 * exchange's, the access diff's Octokit or the audit's (docs/performance.md, session 37). The summaries
 * are here so that `stepwarden action --help` lists the actions without loading any of them.
 */
import type { CliIO } from '../cli/command.js';

export interface ActionEntry {
  run(argv: string[], io: CliIO): Promise<number>;
}

export const ACTIONS = {
  check: {
    summary: 'The required check: all workflows vs the manifest (root action.yml)',
    load: async (): Promise<ActionEntry> => (await import('./check.js')).checkAction,
  },
  exchange: {
    summary: 'OIDC token -> broker -> step-scoped credential (masked output)',
    load: async (): Promise<ActionEntry> => (await import('./exchange.js')).exchangeAction,
  },
  revoke: {
    summary: 'Revoke one credential at the broker (used by actions/run, always)',
    load: async (): Promise<ActionEntry> => (await import('./revoke.js')).revokeAction,
  },
  'access-diff': {
    summary: "Pull requests: access diff as one sticky comment (never runs the head's code)",
    load: async (): Promise<ActionEntry> => (await import('./access-diff.js')).accessDiffAction,
  },
  audit: {
    summary: 'Job end: revoke leftovers, write the job summary (workload vs administrator)',
    load: async (): Promise<ActionEntry> => (await import('./audit.js')).auditAction,
  },
  enforce: {
    summary: 'First step of a job: hold the running job against the manifest (enforce | audit)',
    load: async (): Promise<ActionEntry> => (await import('./enforce.js')).enforceAction,
  },
} as const satisfies Record<string, { readonly summary: string; load(): Promise<ActionEntry> }>;

export type ActionName = keyof typeof ACTIONS;

/** The entry named `name`, if there is one (an own key: `toString` or `__proto__` is no action). */
export function actionNamed(name: string | undefined): (typeof ACTIONS)[ActionName] | undefined {
  return name !== undefined && Object.hasOwn(ACTIONS, name) ? ACTIONS[name as ActionName] : undefined;
}
