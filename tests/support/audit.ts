/** Audit events for tests: one job's context, times in seconds from a fixed start. */
import { actorFromLogin, type AuditEvent } from '../../shared/audit/event.js';

export const T0 = Date.parse('2026-03-01T10:00:00Z');

export const JOB_CONTEXT = {
  v: 1 as const,
  source: 'action' as const,
  repository: 'o/r',
  workflow: 'ci.yml',
  job: 'build',
  run_id: '7',
  run_attempt: 1,
  event_name: 'push',
  actor: actorFromLogin('octocat'),
};

/** A `credential.granted` of the job, `seconds` after T0, unless `over` says otherwise. */
export function eventAt(seconds: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    ...JOB_CONTEXT,
    time: new Date(T0 + seconds * 1000).toISOString(),
    type: 'credential.granted',
    outcome: 'success',
    ...over,
  };
}
