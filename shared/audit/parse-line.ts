/**
 * One line of an audit input, pure: a stepwarden event (trail or broker log), a GitHub organization
 * audit-log entry, or a JSON array of either (one page of the audit-log API). Never throws: a line that
 * is neither gives a reason, which the reader reports with the file and line number.
 */
import { auditEventSchema, type AuditEvent } from './event.js';
import { fromGithubAuditLog, isGithubAuditLogEntry } from './github-audit-log.js';

export type LineResult = { readonly events: AuditEvent[] } | { readonly error: string };

function one(value: unknown): AuditEvent | string {
  if (isGithubAuditLogEntry(value)) {
    const r = fromGithubAuditLog(value);
    return 'error' in r ? `GitHub audit-log entry: ${r.error}` : r;
  }
  const r = auditEventSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '';
  if (value && typeof value === 'object' && !('v' in value) && !('action' in value))
    return 'neither a stepwarden audit event (no "v") nor a GitHub audit-log entry (no "action")';
  return `not a stepwarden audit event: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`;
}

export function parseAuditLine(line: string): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  if (Array.isArray(value)) {
    const events: AuditEvent[] = [];
    for (const [i, v] of value.entries()) {
      const e = one(v);
      if (typeof e === 'string') return { error: `element ${i}: ${e}` };
      events.push(e);
    }
    return { events };
  }
  const e = one(value);
  return typeof e === 'string' ? { error: e } : { events: [e] };
}
