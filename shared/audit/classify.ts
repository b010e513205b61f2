/**
 * Workload or administrator? A pure, total function over one audit event. Machine-initiated access
 * (a pipeline after a merge, a schedule, a step's credential) is workload — tagged with who set it in
 * motion, but never recorded as that person's activity. What people do directly (dispatch a run,
 * re-run it, approve an environment, change access rules, pull the kill switch) is administrator
 * activity. docs/audit.md lists every rule and the ambiguous cases.
 */
import type { AuditEvent } from './event.js';

export type ActivityClass = 'workload' | 'administrator';

/** Who set the activity in motion. */
export type Initiator =
  | 'machine' // a schedule, another workflow, a bot or app, the broker itself
  | 'human-change' // a person's earlier change (push, pull request, release) that the pipeline reacts to
  | 'human-direct' // a person acting now (dispatch, re-run, approval, kill switch, access-rule change)
  | 'user-token'; // an API call made with a person's token (repository_dispatch by a user): a script in a person's name

/** Every rule `classify` can name; docs/audit.md has a row for each (a test holds it to this list). */
export const CLASSIFICATION_RULES = [
  'credential-activity',
  'manual-revocation',
  'admin.revoke',
  'admin.change',
  'run.approval',
  'approval-by-app',
  'machine-event',
  'change-by-person',
  'change-by-bot',
  'dispatch-by-person',
  'dispatch-by-bot',
  'dispatch-by-user-token',
  're-run-by-person',
  're-run-by-bot',
  'repository-dispatch-by-app',
  'repository-dispatch-by-user-token',
  'other-event',
  'activity-by-person',
  'activity-by-app',
  'activity-by-user-token',
] as const;
export type ClassificationRule = (typeof CLASSIFICATION_RULES)[number];

export interface Classification {
  readonly class: ActivityClass;
  readonly initiator: Initiator;
  /** The rule that decided, as named in docs/audit.md. */
  readonly rule: ClassificationRule;
}

const MACHINE_EVENTS = new Set([
  'schedule',
  'workflow_run',
  'merge_group',
  'deployment',
  'deployment_status',
  'check_run',
  'check_suite',
  'status',
  'registry_package',
  'page_build',
  'dynamic',
]);
const CHANGE_EVENTS = new Set([
  'push',
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'release',
  'create',
  'delete',
  'issues',
  'issue_comment',
  'discussion',
  'discussion_comment',
  'fork',
  'watch',
  'label',
  'milestone',
  'gollum',
  'public',
  'project',
  'project_card',
  'project_column',
  'branch_protection_rule',
]);

const isBot = (a: AuditEvent['actor']) => a?.type === 'Bot';

/**
 * How GitHub says a request was authenticated (`programmatic_access_type` of its audit log): an app's
 * installation token is a machine; a personal, OAuth or user-to-server token is a script acting in a
 * person's name; none (the web UI, git over SSH by a person) is the person.
 */
export function accessInitiator(accessType: string | undefined): Initiator | undefined {
  if (!accessType) return undefined;
  if (/server-to-server|deploy key/i.test(accessType)) return 'machine';
  if (/user-to-server|personal access token|oauth/i.test(accessType)) return 'user-token';
  return undefined;
}

/** Who triggered this attempt: GitHub's triggering actor when set (re-runs), else the actor. */
function trigger(e: AuditEvent) {
  return e.triggering_actor ?? e.actor;
}

/**
 * Who did a direct act (approval, access-rule change, imported activity): a bot actor, then the token,
 * then the actor. With no actor at all, `unknown` decides: a person for acts only people do by default
 * (approvals, access-rule changes), a machine for other imported activity (GitHub's own system events).
 */
function directInitiator(e: AuditEvent, unknown: Initiator = 'human-direct'): Initiator {
  if (isBot(e.actor)) return 'machine';
  return accessInitiator(e.access_type) ?? (e.actor ? 'human-direct' : unknown);
}

export function classify(e: AuditEvent): Classification {
  switch (e.type) {
    case 'admin.revoke':
    case 'admin.unblock':
    case 'admin.unblock_requested':
      return { class: 'administrator', initiator: 'human-direct', rule: 'admin.revoke' };
    case 'admin.change':
      // The access rules changed: administrator activity whoever pushed it; a bot (Renovate bumping pins) is tagged, not hidden.
      return { class: 'administrator', initiator: directInitiator(e), rule: 'admin.change' };
    case 'run.approval': {
      // Custom deployment protection rules are apps: their approvals are automation, not a person's review.
      const initiator = directInitiator(e);
      return initiator === 'machine'
        ? { class: 'workload', initiator, rule: 'approval-by-app' }
        : { class: 'administrator', initiator, rule: 'run.approval' };
    }
    case 'credential.granted':
    case 'credential.refused':
    case 'credential.used':
    case 'credential.revoked':
    case 'credential.expired':
    case 'credential.rate_limited':
    case 'credential.claimed_twice':
    case 'credential.dry_run':
    case 'credential.revocation_pending':
    case 'credential.revoke_failed':
    case 'job.enforced':
    case 'job.summary':
    case 'job.ended':
    case 'audit.refusals_suppressed':
      // A revocation by an administrator is a person's act; every other credential event is the workload's.
      if (e.type === 'credential.revoked' && e.reason === 'REVOKED_BY_ADMIN')
        return { class: 'administrator', initiator: 'human-direct', rule: 'manual-revocation' };
      return { class: 'workload', initiator: classifyRun(e).initiator, rule: 'credential-activity' };
    case 'run.started':
      return classifyRun(e);
    case 'github.activity': {
      const initiator = directInitiator(e, 'machine');
      return initiator === 'human-direct'
        ? { class: 'administrator', initiator, rule: 'activity-by-person' }
        : {
            class: 'workload',
            initiator,
            rule: initiator === 'machine' ? 'activity-by-app' : 'activity-by-user-token',
          };
    }
  }
}

function classifyRun(e: AuditEvent): Classification {
  const who = trigger(e);
  const attempt = e.run_attempt ?? 1;
  if (attempt > 1) {
    return isBot(who)
      ? { class: 'workload', initiator: 'machine', rule: 're-run-by-bot' }
      : { class: 'administrator', initiator: 'human-direct', rule: 're-run-by-person' };
  }
  const event = e.event_name ?? '';
  if (event === 'workflow_dispatch') {
    // Known only from GitHub's audit log: a dispatch through the API with a person's token is a script.
    const token = accessInitiator(e.access_type);
    if (token === 'user-token')
      return { class: 'workload', initiator: token, rule: 'dispatch-by-user-token' };
    return isBot(who) || token === 'machine'
      ? { class: 'workload', initiator: 'machine', rule: 'dispatch-by-bot' }
      : { class: 'administrator', initiator: 'human-direct', rule: 'dispatch-by-person' };
  }
  if (event === 'repository_dispatch') {
    return isBot(who)
      ? { class: 'workload', initiator: 'machine', rule: 'repository-dispatch-by-app' }
      : { class: 'workload', initiator: 'user-token', rule: 'repository-dispatch-by-user-token' };
  }
  if (MACHINE_EVENTS.has(event)) return { class: 'workload', initiator: 'machine', rule: 'machine-event' };
  if (CHANGE_EVENTS.has(event)) {
    return isBot(who)
      ? { class: 'workload', initiator: 'machine', rule: 'change-by-bot' }
      : { class: 'workload', initiator: 'human-change', rule: 'change-by-person' };
  }
  // Unknown or missing event: the pipeline ran, so it is workload; who started it is unknown.
  return {
    class: 'workload',
    initiator: isBot(who) || !who ? 'machine' : 'human-change',
    rule: 'other-event',
  };
}
