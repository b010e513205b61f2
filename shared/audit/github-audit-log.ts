/**
 * GitHub organization (or enterprise) audit-log entries as stepwarden audit events, pure: one entry of
 * the REST audit-log API (`GET /orgs/{org}/audit-log`) or of the streaming export (JSON lines) becomes
 * one AuditEvent, so `classify()` sorts an organization's own activity into workload and administrator
 * the same way as the broker's and the jobs'. stepwarden never calls the audit-log API; it reads exports.
 *
 * Never carried over: `hashed_token`, `token_id`, `token_scopes`, `actor_ip`, `actor_location`,
 * `user_agent`, `request_id`, `_document_id` — the event model never holds anything that identifies a
 * credential, nor more of a person than the login.
 */
import { AUDIT_EVENT_VERSION, auditEventSchema, type AuditEvent, type AuditEventType } from './event.js';

export interface GithubAuditLogError {
  readonly error: string;
}

/** One row of the mapping: which GitHub actions become which event type, and why. */
export interface GithubActionRule {
  /** An exact action (`workflows.rerun_workflow_run`) or a prefix ending in `.` or `_` (`environment.`). */
  readonly match: string;
  readonly type: AuditEventType;
  readonly why: string;
}

/**
 * The mapping, first match wins; everything else is `github.activity`. The one source for the code,
 * the tests and docs/audit-github-log.md (a test holds the page to this list).
 */
export const GITHUB_ACTION_RULES: readonly GithubActionRule[] = [
  {
    match: 'workflows.created_workflow_run',
    type: 'run.started',
    why: 'a run began: who or what started it is classified like a job’s own run.started',
  },
  {
    match: 'workflows.rerun_workflow_run',
    type: 'run.started',
    why: 'a re-run: an attempt above 1 with the actor as triggering actor',
  },
  {
    match: 'workflows.approve_workflow_job',
    type: 'run.approval',
    why: 'an environment review approved a job',
  },
  {
    match: 'workflows.reject_workflow_job',
    type: 'run.approval',
    why: 'an environment review rejected a job',
  },
  {
    match: 'workflows.comment_workflow_job',
    type: 'run.approval',
    why: 'an environment review left a comment',
  },
  {
    match: 'workflows.bypass_protection_rules',
    type: 'run.approval',
    why: 'an administrator skipped deployment protection rules',
  },
  { match: 'environment.', type: 'admin.change', why: 'environments carry secrets and protection rules' },
  {
    match: 'protected_branch.',
    type: 'admin.change',
    why: 'branch protection decides what reaches workflows',
  },
  { match: 'repository_ruleset.', type: 'admin.change', why: 'rulesets decide what reaches workflows' },
  {
    match: 'org.update_actions_settings',
    type: 'admin.change',
    why: 'Actions policy of the organization (allowed actions, default token permissions)',
  },
  {
    match: 'repo.update_actions_settings',
    type: 'admin.change',
    why: 'Actions policy of a repository',
  },
  {
    match: 'org.update_default_repository_permission',
    type: 'admin.change',
    why: 'base permission of every member',
  },
  { match: 'org.create_actions_secret', type: 'admin.change', why: 'an organization secret' },
  { match: 'org.update_actions_secret', type: 'admin.change', why: 'an organization secret' },
  { match: 'org.remove_actions_secret', type: 'admin.change', why: 'an organization secret' },
  { match: 'repo.create_actions_secret', type: 'admin.change', why: 'a repository secret' },
  { match: 'repo.update_actions_secret', type: 'admin.change', why: 'a repository secret' },
  { match: 'repo.remove_actions_secret', type: 'admin.change', why: 'a repository secret' },
  { match: 'org.register_self_hosted_runner', type: 'admin.change', why: 'a runner that jobs will run on' },
  { match: 'repo.register_self_hosted_runner', type: 'admin.change', why: 'a runner that jobs will run on' },
  { match: 'integration_installation.', type: 'admin.change', why: 'a GitHub App gained or lost access' },
  {
    match: 'personal_access_token.',
    type: 'admin.change',
    why: 'a personal token was granted or revoked access',
  },
  { match: 'oauth_application.', type: 'admin.change', why: 'an OAuth app’s access changed' },
  { match: 'org.add_member', type: 'admin.change', why: 'membership' },
  { match: 'org.update_member', type: 'admin.change', why: 'membership role' },
  { match: 'org.remove_member', type: 'admin.change', why: 'membership' },
  { match: 'repo.add_member', type: 'admin.change', why: 'a collaborator' },
  { match: 'repo.update_member', type: 'admin.change', why: 'a collaborator’s role' },
  { match: 'repo.remove_member', type: 'admin.change', why: 'a collaborator' },
  { match: 'team.add_member', type: 'admin.change', why: 'team membership' },
  { match: 'team.add_repository', type: 'admin.change', why: 'a team’s repositories' },
  { match: 'team.update_repository_permission', type: 'admin.change', why: 'a team’s repository role' },
  { match: 'role.', type: 'admin.change', why: 'custom repository roles' },
  { match: 'hook.', type: 'admin.change', why: 'a webhook (where events and their payloads go)' },
  { match: 'public_key.', type: 'admin.change', why: 'a deploy key (write access without a person)' },
];

const MAX_TEXT = 1000;

type Obj = Record<string, unknown>;

function text(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || !v) return undefined;
  return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v;
}

/** GitHub writes times as milliseconds since the epoch; ISO strings are accepted too. */
function timeOf(v: unknown): string | undefined {
  const ms =
    typeof v === 'number' ? v : typeof v === 'string' ? (/^\d+$/.test(v) ? Number(v) : Date.parse(v)) : NaN;
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A GitHub audit-log entry, and not one of our own events. */
export function isGithubAuditLogEntry(value: unknown): value is Obj {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Obj;
  return (
    typeof o.action === 'string' && ('@timestamp' in o || 'created_at' in o) && !('v' in o) && !('type' in o)
  );
}

export function ruleFor(action: string): GithubActionRule | undefined {
  return GITHUB_ACTION_RULES.find((r) =>
    r.match.endsWith('.') || r.match.endsWith('_') ? action.startsWith(r.match) : action === r.match,
  );
}

const APPROVAL_STATES: Record<string, string> = {
  'workflows.approve_workflow_job': 'approved',
  'workflows.reject_workflow_job': 'rejected',
  'workflows.comment_workflow_job': 'commented',
  'workflows.bypass_protection_rules': 'bypassed',
};

/** The workflow file from `job_workflow_ref` / `workflow_ref` (`o/r/.github/workflows/x.yml@ref`). */
function workflowFile(e: Obj): string | undefined {
  for (const k of ['job_workflow_ref', 'workflow_ref']) {
    const m = typeof e[k] === 'string' ? /\.github\/workflows\/([^@/]+)@/.exec(e[k] as string) : null;
    if (m) return m[1];
  }
  return undefined;
}

export function fromGithubAuditLog(entry: Obj): AuditEvent | GithubAuditLogError {
  const action = text(entry.action);
  if (!action) return { error: 'no "action"' };
  const time = timeOf(entry['@timestamp'] ?? entry.created_at);
  if (!time)
    return {
      error: `"@timestamp" / "created_at" is not a time: ${String(entry['@timestamp'] ?? entry.created_at).slice(0, 40)}`,
    };
  const type = ruleFor(action)?.type ?? 'github.activity';
  const login = text(entry.actor);
  const accessType = text(entry.programmatic_access_type);
  const actor = login
    ? {
        login,
        type: entry.actor_is_bot === true || /\[bot\]$/i.test(login) ? ('Bot' as const) : ('User' as const),
        ...(text(entry.actor_id) ? { id: text(entry.actor_id)! } : {}),
      }
    : undefined;
  const repository = text(entry.repo) ?? text(entry.repository);
  const repositoryId = text(entry.repo_id) ?? text(entry.repository_id);
  const details: Obj = { action };
  if (text(entry.org)) details.org = text(entry.org);
  if (text(entry.operation_type)) details.operation_type = text(entry.operation_type);

  const event: Obj = {
    v: AUDIT_EVENT_VERSION,
    time,
    type,
    outcome: 'success',
    source: 'github-audit-log',
    action,
    ...(accessType ? { access_type: accessType } : {}),
    ...(actor ? { actor } : {}),
    ...(repository ? { repository } : {}),
    ...(repositoryId ? { repository_id: repositoryId } : {}),
    detail: `${action}${login ? ` by ${login}` : ''}${accessType ? ` (${accessType})` : ''}`.slice(
      0,
      MAX_TEXT,
    ),
  };
  if (type === 'run.started' || type === 'run.approval') {
    const runId = text(entry.workflow_run_id);
    const file = workflowFile(entry);
    Object.assign(event, {
      ...(runId ? { run_id: runId } : {}),
      ...(file ? { workflow: file } : {}),
      ...(text(entry.head_branch) ? { ref: `refs/heads/${text(entry.head_branch)}` } : {}),
      ...(text(entry.head_sha) ? { sha: text(entry.head_sha) } : {}),
    });
  }
  if (type === 'run.started') {
    const rerun = action === 'workflows.rerun_workflow_run';
    const attempt = Number(entry.run_attempt);
    Object.assign(event, {
      ...(text(entry.event) ? { event_name: text(entry.event) } : {}),
      run_attempt:
        Number.isInteger(attempt) && attempt > 0 ? Math.max(attempt, rerun ? 2 : 1) : rerun ? 2 : 1,
      // A re-run's actor is the person (or app) who re-ran it: GitHub's triggering actor.
      ...(rerun && actor ? { triggering_actor: actor } : {}),
    });
  }
  if (type === 'run.approval') {
    const state = APPROVAL_STATES[action] ?? 'reviewed';
    if (state === 'rejected') event.outcome = 'denied';
    details.state = state;
    const env = text(entry.env_name) ?? text(entry.environment_name);
    details.environments = env ? [env] : [];
    if (text(entry.comment)) details.comment = text(entry.comment);
  }
  event.details = details;
  const r = auditEventSchema.safeParse(event);
  if (!r.success) return { error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return r.data;
}
