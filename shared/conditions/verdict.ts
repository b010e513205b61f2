/**
 * What a condition said about one token: every condition is reported with its verdict (for `explain`
 * and `dry_run`), and a failed one carries the stable code the broker refuses with.
 */

import { codePoint, INVISIBLE } from '../render/escape.js';

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

const SHOWN_MAX = 200;
const SHOWN_ESCAPED = new RegExp(`\\\\|${INVISIBLE.source}`, 'gu');
/** The same pattern, for one test: a value with none of it and within the bound is shown as it is. */
const SHOWN_ESCAPED_ONE = new RegExp(SHOWN_ESCAPED.source, 'u');

/**
 * A claim value as it may appear in a message: bounded, and every character a reader could not see
 * (INVISIBLE: controls, line separators, bidirectional and other format characters, zero-width and
 * tag characters, other spaces) written out, so a crafted claim can neither forge a line in a log or a
 * terminal nor read as another value (`main\u200b` as `main`). A backslash is doubled, so what is
 * shown for two different values differs (`\u200b` written in a branch name is shown `\\u200b`).
 * Never a token.
 */
export function shown(value: string | undefined): string {
  if (value === undefined) return '(absent)';
  // The common case (a ref, a repository, a step id): nothing to write out and nothing cut, so the
  // loop below would rebuild the value unit for unit (a string per character, on every grant).
  if (value.length <= SHOWN_MAX && !SHOWN_ESCAPED_ONE.test(value)) return value;
  let clean = '';
  let cut = false;
  // Whole characters and whole escapes only: half an escape or half a surrogate pair would read as
  // something else.
  const add = (piece: string) => {
    if (cut || clean.length + piece.length > SHOWN_MAX) cut = true;
    else clean += piece;
  };
  // A claim may be megabytes long: every code point adds at least one character, so what lies past
  // two units per character shown is never reached.
  const head = value.slice(0, 2 * SHOWN_MAX + 2);
  let last = 0;
  for (const m of head.matchAll(SHOWN_ESCAPED)) {
    for (const ch of head.slice(last, m.index)) add(ch);
    add(escapedOne(m[0]));
    last = m.index! + m[0].length;
  }
  for (const ch of head.slice(last)) add(ch);
  if (head.length < value.length) cut = true;
  return cut ? `${clean}…` : clean;
}

function escapedOne(ch: string): string {
  if (ch === '\\') return '\\\\';
  const c = ch.codePointAt(0)!;
  return c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : codePoint(ch);
}

/** One line per verdict, for `explain` and logs: `✓ ref (grant) refs/heads/main matches … (file:line)`. */
export function renderVerdict(v: ConditionVerdict): string {
  return `${v.ok ? 'ok  ' : 'FAIL'} ${v.condition} [${v.origin}] ${v.message}`;
}
