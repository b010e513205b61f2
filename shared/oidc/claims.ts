/**
 * The claims of a GitHub Actions OIDC token, as GitHub documents them. Values are strings in GitHub's
 * tokens (even ids and attempts), so they are typed as strings here and parsed where numbers are needed.
 */
import { shown } from '../conditions/verdict.js';

export interface GithubOidcClaims {
  readonly iss: string;
  readonly aud: string | string[];
  readonly sub: string;
  readonly exp: number;
  readonly iat: number;
  readonly nbf?: number;
  readonly jti: string;
  readonly repository: string;
  readonly repository_id: string;
  readonly repository_owner: string;
  readonly repository_owner_id: string;
  readonly repository_visibility?: string;
  readonly ref?: string;
  readonly ref_type?: string;
  readonly ref_protected?: string;
  readonly sha?: string;
  readonly workflow?: string;
  readonly workflow_ref?: string;
  readonly workflow_sha?: string;
  readonly job_workflow_ref?: string;
  readonly job_workflow_sha?: string;
  readonly run_id: string;
  readonly run_number?: string;
  readonly run_attempt: string;
  readonly actor?: string;
  readonly actor_id?: string;
  readonly event_name?: string;
  readonly environment?: string;
  readonly base_ref?: string;
  readonly head_ref?: string;
  readonly runner_environment?: string;
  readonly [claim: string]: unknown;
}

/**
 * The shape of a numeric id as GitHub writes it in a token (`repository_id`, `run_id`, `run_attempt`,
 * …: the decimal digits of a positive 64-bit integer, as a string). One definition: the verifier
 * refuses other shapes, the kill switch's selectors and block keys and the manifest's ids use it.
 * No sign, space or leading zero: GitHub renders integers canonically, and `0042` would be the same
 * run to GitHub's API and `Number()` but another key to the run blocks, run indexes and replay store
 * (a token spelled so would pass a block on `42`). At most 20 digits (a 64-bit integer has 19 or 20).
 */
export const NUMERIC_ID = /^[1-9][0-9]{0,19}$/;

/**
 * The claims GitHub sends as numeric id strings (docs.github.com, "OpenID Connect reference", custom
 * claims: "The ID of …" / "The number of …"; github/actions-oidc-debugger's sample token), and whether
 * every token carries it. `check_run_id` is recent (GitHub changelog 2025-11-13) and `enterprise_id`
 * only in an enterprise's runs, so those and the others marked false may be absent.
 */
export const NUMERIC_ID_CLAIMS = {
  repository_id: true,
  repository_owner_id: true,
  run_id: true,
  run_attempt: true,
  run_number: false,
  actor_id: false,
  enterprise_id: false,
  check_run_id: false,
} as const satisfies Record<string, boolean>;

/**
 * The numeric claims the audit writes as JSON numbers (audit-log.ts, store.ts `run_attempt`): past
 * 2^53 - 1 a number is written rounded, so attempt 9007199254740993 was audited as …992, another
 * attempt than the one the claim key and the job-end mark hold. GitHub's attempts are small counts.
 */
const AUDITED_AS_NUMBER: ReadonlySet<string> = new Set(['run_attempt']);

/** The refusal's text of a numeric id claim of another shape (absent, a sign, a space, a leading zero). */
export function numericIdProblem(claim: string, v: unknown): string | undefined {
  if (typeof v === 'string' && NUMERIC_ID.test(v)) {
    if (AUDITED_AS_NUMBER.has(claim) && !Number.isSafeInteger(Number(v)))
      return `claim '${claim}' "${v}" is past 2^53 - 1, which the audit cannot write exactly (GitHub's run attempts are small counts)`;
    return undefined;
  }
  if (v === undefined) return `required claim '${claim}' is missing (GitHub's tokens carry it)`;
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return `claim '${claim}' "${shown(text.slice(0, 32))}"${text.length > 32 ? ` (${text.length} characters)` : ''} is not a GitHub numeric id: 1 to 20 decimal digits, no sign, space or leading zero`;
}

/**
 * The shape of `event_name` as GitHub sends it: lower-case letters and underscores (`push`,
 * `pull_request_target`, `merge_group`, `dynamic`), digits allowed after the first letter. The
 * trigger gate, the outside-events default and dispatch tracking compare the name exactly, so
 * `PULL_REQUEST_TARGET` or `workflow_run ` would be an event none of them knows: refused instead.
 */
export const EVENT_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** The refusal's text when `event` is not of EVENT_NAME's shape (the verifier's and decide's), else undefined. */
export function eventNameProblem(event: string): string | undefined {
  if (EVENT_NAME.test(event)) return undefined;
  return `claim 'event_name' '${shown(event.slice(0, 64))}' is not a GitHub event name (lower-case letters, digits and _): the trigger check and the outside-events default compare it exactly`;
}
