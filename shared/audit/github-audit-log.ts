/**
 * PROVISIONAL (replaced by the importer under construction): GitHub organization audit-log entries as
 * stepwarden events, just enough for the reader to compile and run.
 */
import { AUDIT_EVENT_VERSION, auditEventSchema, type AuditEvent } from './event.js';

export interface GithubAuditLogError {
  readonly error: string;
}

export function isGithubAuditLogEntry(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.action === 'string' && ('@timestamp' in o || 'created_at' in o) && !('v' in o) && !('type' in o)
  );
}

export function fromGithubAuditLog(entry: Record<string, unknown>): AuditEvent | GithubAuditLogError {
  const ts = entry['@timestamp'] ?? entry.created_at;
  const ms = typeof ts === 'number' ? ts : typeof ts === 'string' ? Date.parse(ts) : NaN;
  if (!Number.isFinite(ms)) return { error: 'no valid @timestamp or created_at' };
  const action = String(entry.action);
  const login = typeof entry.actor === 'string' ? entry.actor : undefined;
  const r = auditEventSchema.safeParse({
    v: AUDIT_EVENT_VERSION,
    time: new Date(ms).toISOString(),
    type: 'github.activity',
    outcome: 'success',
    source: 'github-audit-log',
    action,
    ...(typeof entry.programmatic_access_type === 'string'
      ? { access_type: entry.programmatic_access_type }
      : {}),
    ...(login
      ? { actor: { login, type: entry.actor_is_bot === true || /\[bot\]$/i.test(login) ? 'Bot' : 'User' } }
      : {}),
    ...(typeof entry.repo === 'string' ? { repository: entry.repo } : {}),
  });
  return r.success ? r.data : { error: r.error.issues[0]?.message ?? 'invalid' };
}
