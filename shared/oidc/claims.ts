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
 * The shape of a numeric id claim as GitHub sends it (`repository_id`, `repository_owner_id`,
 * `check_run_id`: a digit string). One definition: the verifier refuses other shapes, and the kill
 * switch's block keys are built only from ids of this shape.
 */
export const NUMERIC_ID = /^[0-9]{1,20}$/;

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
