/**
 * The audit event: one JSON line, shared by the broker's log and the actions' local trail
 * (`$RUNNER_TEMP/stepwarden/audit.jsonl`). The zod schema is the source of truth; the JSON Schema in
 * `schema/audit-event.schema.json` is generated from it. Never carries a credential or token.
 */
import { z } from 'zod';

export const AUDIT_EVENT_VERSION = 1;

export const AUDIT_EVENT_TYPES = [
  'credential.granted', // broker issued a credential (or the exchange action received one)
  'credential.refused', // broker refused an exchange (reason carries the code)
  'credential.revoked', // revoked by /revoke, job-end cleanup, TTL expiry or kill switch
  'credential.expired', // TTL passed before revocation
  'credential.rate_limited',
  'credential.claimed_twice', // a second claim of a single-use grant: possible theft
  'job.enforced', // the enforce action's verdict for the running job
  'job.summary', // the audit action ran (job end)
  'admin.revoke', // kill switch on the broker
  'admin.change', // a change to workflows or the access manifest, seen in pushed commits
  'run.started', // the run and who or what started it (event, actor, attempt)
  'run.approval', // an environment approval (Actions API: run approvals)
] as const;

export const actorSchema = z.strictObject({
  login: z.string(),
  /** `Bot` for GitHub Apps and `*[bot]` logins, `User` otherwise. */
  type: z.enum(['User', 'Bot']),
  id: z.string().optional(),
});

export const auditEventSchema = z.strictObject({
  v: z.literal(AUDIT_EVENT_VERSION),
  time: z.iso.datetime({ offset: true }),
  type: z.enum(AUDIT_EVENT_TYPES),
  outcome: z.enum(['success', 'denied', 'error']),
  /** A stable code (e.g. `ERR_JTI_REPLAYED`, `ERR_SCOPE_NOT_GRANTED`); see docs/errors.md. */
  reason: z.string().optional(),
  /** Human text for `reason`: which claim, which rule, which manifest line. */
  detail: z.string().optional(),
  source: z.enum(['broker', 'action', 'cli']),
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
  /** Granted lifetime in seconds. */
  ttl: z.number().int().nonnegative().optional(),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  /** `workflow_dispatch` inputs, manual revocation targets, changed files, approval comments… */
  details: z.record(z.string(), z.unknown()).optional(),
});

export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type Actor = z.output<typeof actorSchema>;

/** GitHub marks app actors with a `[bot]` suffix on the login. */
export function actorFromLogin(login: string, id?: string): Actor {
  return { login, type: /\[bot\]$/i.test(login) ? 'Bot' : 'User', ...(id ? { id } : {}) };
}
