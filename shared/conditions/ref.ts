/**
 * What a `ref` claim must be before any pattern is matched against it, pure: a ref the code of the
 * run can be at. Git's own rules for ref names (git check-ref-format), the kind `ref_type` says, and
 * the ref `workflow_ref` runs the workflow file at. GitHub's issuer never signs anything else, so a
 * token that does is judged on nothing it says about its ref.
 */
import type { WorkflowRef } from './callers.js';
import { asciiLower } from './glob.js';
import { shown } from './verdict.js';

/**
 * Events people outside the repository trigger, each running default-branch code (with its secrets
 * and `id-token`) on their input: a fork's `pull_request_target`, the `workflow_run` after a fork's
 * pull request, comments, issues, discussions, forks and stars, wiki edits, and the statuses and checks
 * CI services post for a fork's pull request. A grant is claimable on them only
 * where a `when.event` (the grant's or its job's) names the event.
 */
export const OUTSIDE_EVENTS: readonly string[] = [
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'fork',
  'watch',
  // Session 8: a public repository's wiki may be editable by any signed-in user (a setting the broker
  // cannot see); statuses and checks for a fork's pull request are posted by CI services and Apps
  // on the fork author's behalf. Each runs default-branch code with `id-token`.
  'gollum',
  'status',
  'check_run',
  'check_suite',
];

/**
 * Events whose runs are always at the default branch (`ref` = `refs/heads/<default branch>`: GitHub's
 * "Events that trigger workflows", GITHUB_REF "Default branch"). Only events the docs say so of are
 * listed: `workflow_dispatch` runs at the ref it is dispatched on, `pull_request_target` at the pull
 * request's base, `merge_group` at its queue ref; `delete` and `page_build` are left out (not relied on).
 * The check's unreachable-condition reads it when the manifest names the default branch.
 */
export const DEFAULT_BRANCH_EVENTS: readonly string[] = [
  'schedule',
  'repository_dispatch',
  'workflow_run',
  'issues',
  'issue_comment',
  'label',
  'milestone',
  'discussion',
  'discussion_comment',
  'fork',
  'watch',
  'gollum',
  'public',
  'project',
  'project_card',
  'project_column',
  'branch_protection_rule',
  'check_run',
  'check_suite',
  'status',
];

/**
 * Why `ref` is not a ref a run is at (git check-ref-format with a `refs/` prefix), or undefined.
 * Unicode letters are allowed (git allows them; a look-alike simply matches no pattern).
 */
export function malformedRef(ref: string): string | undefined {
  if (!ref.startsWith('refs/')) return 'does not start with refs/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref))
    return 'holds a space, a control character or one of ~ ^ : ? * [ \\ (git refuses them in ref names)';
  if (ref.includes('..')) return 'holds .. (git refuses it in ref names)';
  if (ref.includes('@{')) return 'holds @{ (git refuses it in ref names)';
  if (ref.endsWith('/') || ref.includes('//')) return 'has an empty path segment';
  if (ref.endsWith('.')) return 'ends with a dot';
  for (const segment of ref.split('/'))
    if (segment.startsWith('.') || segment.endsWith('.lock'))
      return `has a segment ${JSON.stringify(shown(segment))} starting with . or ending with .lock`;
  return undefined;
}

/**
 * Why a token's `ref` cannot be judged (malformed; `ref_type` names the other kind; `workflow_ref`
 * runs the workflow at another ref), or undefined. A missing `ref_type` or `workflow_ref` says
 * nothing against it (the workflow refs are required by the decision before any condition).
 */
export function refProblem(
  ref: string,
  refType: string | undefined,
  workflowRef: WorkflowRef | undefined,
): string | undefined {
  const malformed = malformedRef(ref);
  if (malformed) return `is not a well-formed ref: it ${malformed}`;
  const tag = ref.startsWith('refs/tags/');
  // Read as the kind it names in any ASCII case or padding: `BRANCH` beside a tag ref still says
  // the other kind (GitHub sends neither; it must not pass where `branch` is refused).
  const kind = refType === undefined ? undefined : asciiLower(refType.trim());
  if ((kind === 'tag' && !tag) || (kind === 'branch' && tag))
    return `is not a ${kind} (the token's ref_type ${JSON.stringify(shown(refType!.slice(0, 16)))}), so the token does not say which ref runs`;
  if (workflowRef && workflowRef.ref !== ref)
    return `is not the ref the workflow runs at: workflow_ref runs ${shown(workflowRef.file)} at ${shown(workflowRef.ref)}`;
  return undefined;
}
