/**
 * What a condition said about one token: every condition is reported with its verdict (for `explain`
 * and `dry_run`), and a failed one carries the stable code the broker refuses with.
 */

/** Stable refusal codes, one per condition (docs/errors.md). */
export const CONDITION_CODES = {
  ref: 'ERR_CONDITION_REF',
  'ref-protected': 'ERR_CONDITION_REF_PROTECTED',
  environment: 'ERR_CONDITION_ENVIRONMENT',
  event: 'ERR_CONDITION_EVENT',
  'runner-environment': 'ERR_CONDITION_RUNNER_ENVIRONMENT',
  'actor-id': 'ERR_CONDITION_ACTOR_ID',
  claims: 'ERR_CONDITION_CLAIM',
  environments: 'ERR_ENVIRONMENT_NOT_DECLARED',
  missing: 'ERR_CLAIM_MISSING',
} as const;

export type ConditionName = Exclude<keyof typeof CONDITION_CODES, 'missing'>;

/** Where a condition comes from: the grant's `when`, its job's `when` or `environments`, or the default. */
export type ConditionOrigin = 'grant' | 'job' | 'default';

export interface ConditionVerdict {
  /** `ref`, `environment`, `claims.repo_property_tier`, `environments` (the job's list) … */
  readonly condition: string;
  readonly origin: ConditionOrigin;
  /** The claim it reads. */
  readonly claim: string;
  /** The token's value (bounded for printing); undefined when the token lacks the claim. */
  readonly actual: string | undefined;
  /** The patterns (or value) the claim must match. */
  readonly expected: readonly string[];
  readonly ok: boolean;
  /** Set when not ok. */
  readonly code?: string;
  /** `ref refs/heads/x is not one of refs/heads/main (file:line)`, or why it holds. */
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

/** Line separators and bidirectional controls (embeddings, overrides, isolates, marks). */
const LINE_OR_BIDI = /[\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A claim value as it may appear in a message: bounded, control characters escaped. Never a token. */
export function shown(value: string | undefined): string {
  if (value === undefined) return '(absent)';
  // Control characters are escaped so a crafted claim cannot forge lines in a log or a terminal; C1
  // controls, LS/PS (line breaks to terminals and editors) and bidirectional controls (which reorder
  // the text after them) too: a git branch name may hold any of those.
  let clean = '';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    clean +=
      c < 0x20 || c === 0x7f
        ? `\\x${c.toString(16).padStart(2, '0')}`
        : (c >= 0x80 && c <= 0x9f) || LINE_OR_BIDI.test(ch)
          ? `\\u${c.toString(16).padStart(4, '0')}`
          : ch;
  }
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/** One line per verdict, for `explain` and logs: `✓ ref (grant) refs/heads/main matches … (file:line)`. */
export function renderVerdict(v: ConditionVerdict): string {
  return `${v.ok ? 'ok  ' : 'FAIL'} ${v.condition} [${v.origin}] ${v.message}`;
}
