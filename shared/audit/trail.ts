/**
 * The job's local audit trail: `$RUNNER_TEMP/stepwarden/audit.jsonl`, one AuditEvent per line, shared
 * by the actions of one job (exchange, run, enforce, audit). Never holds a credential.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_EVENT_VERSION, actorFromLogin, auditEventSchema, type AuditEvent } from './event.js';

export function trailPath(env: NodeJS.ProcessEnv): string {
  const temp = env.RUNNER_TEMP;
  if (!temp) throw new Error('RUNNER_TEMP is not set: the audit trail lives in the runner temp directory');
  return join(temp, 'stepwarden', 'audit.jsonl');
}

/** The run context every trail line carries, from the runner's environment. */
export function runContext(env: NodeJS.ProcessEnv): Partial<AuditEvent> {
  const wfRef = env.GITHUB_WORKFLOW_REF ?? '';
  const file = /\/\.github\/workflows\/([^@/]+)@/.exec(wfRef)?.[1];
  return {
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    ...(env.GITHUB_REPOSITORY_ID ? { repository_id: env.GITHUB_REPOSITORY_ID } : {}),
    ...(file ? { workflow: file } : {}),
    ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
    ...(env.GITHUB_RUN_ID ? { run_id: env.GITHUB_RUN_ID } : {}),
    ...(env.GITHUB_RUN_ATTEMPT ? { run_attempt: Number(env.GITHUB_RUN_ATTEMPT) || 1 } : {}),
    ...(env.GITHUB_EVENT_NAME ? { event_name: env.GITHUB_EVENT_NAME } : {}),
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_ACTOR ? { actor: actorFromLogin(env.GITHUB_ACTOR, env.GITHUB_ACTOR_ID) } : {}),
    ...(env.GITHUB_TRIGGERING_ACTOR ? { triggering_actor: actorFromLogin(env.GITHUB_TRIGGERING_ACTOR) } : {}),
  };
}

/** Appends one validated event (a line is written whole by one append, so lines never interleave). */
export function appendTrail(
  env: NodeJS.ProcessEnv,
  event: Omit<AuditEvent, 'v' | 'time' | 'source'>,
): AuditEvent {
  return appendTrailEvent(env, {
    v: AUDIT_EVENT_VERSION,
    time: new Date().toISOString(),
    source: 'action',
    ...runContext(env),
    ...event,
  } as AuditEvent);
}

/** Appends an event that is already whole (run-level events built by run-events.ts). */
export function appendTrailEvent(env: NodeJS.ProcessEnv, event: AuditEvent): AuditEvent {
  const full = auditEventSchema.parse(event);
  const path = trailPath(env);
  mkdirSync(join(path, '..'), { recursive: true });
  appendFileSync(path, `${JSON.stringify(full)}\n`, { mode: 0o600 });
  return full;
}

/** Reads a trail; malformed lines are skipped and counted, never fatal. */
export function readTrail(path: string): { events: AuditEvent[]; malformed: number[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { events: [], malformed: [] };
  }
  const events: AuditEvent[] = [];
  const malformed: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const r = auditEventSchema.safeParse(JSON.parse(line));
      if (r.success) events.push(r.data);
      else malformed.push(i + 1);
    } catch {
      malformed.push(i + 1);
    }
  });
  return { events, malformed };
}
