/**
 * The audit event: one JSON line, shared by the broker's log, the actions' local trail
 * (`$RUNNER_TEMP/stepwarden/audit.jsonl`) and the events `stepwarden audit` reads from GitHub's
 * organization audit-log exports. The zod schema is the source of truth; the JSON Schema in
 * `schema/audit-event.schema.json` is generated from it. Never carries a credential or token.
 *
 * Versioning: `v` changes when a field is removed or changes meaning. Added fields and event types keep
 * `v`, so readers ignore fields they do not know (the schema strips them) instead of refusing the line.
 */
import { z } from 'zod';

export const AUDIT_EVENT_VERSION = 1;

/** Every event type, with what it records (docs/audit.md is written from the same list). */
/** The fields that say which run an event belongs to (a step's line and the broker's agree on them). */
export const RUN_CONTEXT_FIELDS = [
  'repository',
  'workflow',
  'job',
  'run_id',
  'run_attempt',
  'event_name',
  'ref',
  'sha',
  'actor',
  'triggering_actor',
] as const;

export const AUDIT_EVENT_TYPES = [
  'credential.granted', // broker issued a credential (or the exchange action received one)
  'credential.refused', // broker refused an exchange (reason carries the code)
  'credential.used', // a step ran its command with the credential (actions/run); outcome: the command's
  'credential.revoked', // revoked by /revoke, job-end cleanup or the kill switch (reason says which)
  'credential.expired', // TTL passed before revocation
  'credential.rate_limited',
  'credential.claimed_twice', // a second claim of a single-use grant: possible theft
  'credential.dry_run', // broker answered a dry run (would it be granted?); outcome says which, nothing issued
  'credential.revocation_pending', // revoked at the broker; GitHub's revocation failed and is being retried
  'credential.revoke_failed', // the upstream revocation was given up (the token expires by itself upstream)
  'job.enforced', // the enforce action's verdict for the running job
  'job.summary', // the audit action ran (job end)
  'job.ended', // the broker's job-end listing ran: the job closed (later exchanges refused) or, without a check run, listed only
  'audit.refusals_suppressed', // broker: one repository's refusals past its per-minute line budget, counted (by reason, distinct tokens, first and last)
  'admin.revoke', // kill switch on the broker
  'admin.unblock', // an admin lifted a kill-switch block
  'admin.unblock_requested', // an admin asked to lift a block: written and on disk before the lift (its admin.unblock line follows)
  'admin.change', // a change to workflows or the access manifest (pushed commits), or to access settings (org audit log)
  'run.started', // the run and who or what started it (event, actor, attempt)
  'run.approval', // an environment approval or rejection (Actions API: run approvals)
  'github.activity', // any other entry of a GitHub organization audit-log export
] as const;

export const ACTOR_TYPES = ['User', 'Bot'] as const;

export const actorSchema = z.object({
  login: z.string(),
  /** `Bot` for GitHub Apps and `*[bot]` logins, `User` otherwise. */
  type: z.enum(ACTOR_TYPES),
  id: z.string().optional(),
});

export const EVENT_SOURCES = ['broker', 'action', 'cli', 'github-audit-log'] as const;

/** The shape of a reason code (`ERR_OIDC_REPLAYED`, `REVOKED_BY_ADMIN`): what may be shown or counted as one. */
export const REASON_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

export const auditEventSchema = z
  .object({
    v: z.literal(AUDIT_EVENT_VERSION),
    time: z.iso.datetime({ offset: true }),
    type: z.enum(AUDIT_EVENT_TYPES),
    outcome: z.enum(['success', 'denied', 'error']),
    /** A stable code (e.g. `ERR_OIDC_REPLAYED`, `REVOKED_AT_JOB_END`); see docs/errors.md. */
    reason: z.string().optional(),
    /** Human text for `reason`: which claim, which rule, which manifest line. */
    detail: z.string().optional(),
    source: z.enum(EVENT_SOURCES),
    repository: z.string().optional(),
    repository_id: z.string().optional(),
    workflow: z.string().optional(),
    job: z.string().optional(),
    step: z.string().optional(),
    run_id: z.string().optional(),
    run_attempt: z.number().int().positive().optional(),
    event_name: z.string().optional(),
    ref: z.string().optional(),
    sha: z.string().optional(),
    actor: actorSchema.optional(),
    triggering_actor: actorSchema.optional(),
    audience: z.string().optional(),
    scope: z.string().optional(),
    grant_id: z.string().optional(),
    /** Granted lifetime in seconds (on revocation: how long the credential lived). */
    ttl: z.number().int().nonnegative().optional(),
    expires_at: z.iso.datetime({ offset: true }).optional(),
    /** HTTP attempts the exchange took (1: no retry). */
    attempts: z.number().int().positive().optional(),
    /** The GitHub audit-log action (`repo.create`, `workflows.approve_workflow_job`…), for imported entries. */
    action: z.string().optional(),
    /** GitHub's `programmatic_access_type` (`GitHub App server-to-server token`, `Personal access token (classic)`…). */
    access_type: z.string().optional(),
    /** `workflow_dispatch` inputs, manual revocation targets, changed files, approval comments… */
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('stepwarden audit event (one JSON line)');

export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type Actor = z.output<typeof actorSchema>;

/** GitHub marks app actors with a `[bot]` suffix on the login. */
export function actorFromLogin(login: string, id?: string): Actor {
  return { login, type: /\[bot\]$/i.test(login) ? 'Bot' : 'User', ...(id ? { id } : {}) };
}

/**
 * The named fields of an event that are set (empty strings count as unset), for the places a report
 * or an anomaly names.
 */
export function pickFields<K extends keyof AuditEvent>(
  e: Partial<AuditEvent>,
  keys: readonly K[],
): Pick<AuditEvent, K> {
  const out: Partial<Pick<AuditEvent, K>> = {};
  for (const k of keys) if (e[k] !== undefined && e[k] !== '') out[k] = e[k] as AuditEvent[K];
  return out as Pick<AuditEvent, K>;
}
