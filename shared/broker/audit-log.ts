/**
 * The broker's audit log: one AuditEvent JSON line per decision, appended in order. Lines are
 * built from plain fields only, so a credential or token cannot reach the log by construction.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AUDIT_EVENT_VERSION, actorFromLogin, type AuditEvent } from '../audit/event.js';
import type { GithubOidcClaims } from '../oidc/claims.js';

export interface AuditSink {
  write(event: Omit<AuditEvent, 'v' | 'time' | 'source'>): void;
  /** Resolves when every line so far is on disk. */
  flush(): Promise<void>;
}

export function fileAuditSink(path: string, now: () => Date = () => new Date()): AuditSink {
  let chain: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  return {
    write(event) {
      const line = `${JSON.stringify({ v: AUDIT_EVENT_VERSION, time: now().toISOString(), source: 'broker', ...event })}\n`;
      chain = chain.then(() => appendFile(path, line, { mode: 0o600 })).catch(() => undefined);
    },
    flush: () => chain,
  };
}

export function memoryAuditSink(): AuditSink & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return {
    events,
    write(event) {
      events.push({
        v: AUDIT_EVENT_VERSION,
        time: new Date().toISOString(),
        source: 'broker',
        ...event,
      } as AuditEvent);
    },
    flush: async () => undefined,
  };
}

/** The workload context of a verified token, as audit fields. */
export function contextOf(
  claims: GithubOidcClaims | undefined,
  extra: { workflow?: string; job?: string; step?: string } = {},
) {
  if (!claims) return { ...extra };
  const triggering = claims.triggering_actor as string | undefined;
  return {
    repository: claims.repository,
    repository_id: claims.repository_id,
    ...(extra.workflow ? { workflow: extra.workflow } : {}),
    ...(extra.job ? { job: extra.job } : {}),
    ...(extra.step ? { step: extra.step } : {}),
    run_id: claims.run_id,
    run_attempt: Number(claims.run_attempt) || 1,
    ...(claims.event_name ? { event_name: claims.event_name } : {}),
    ...(claims.ref ? { ref: claims.ref } : {}),
    ...(claims.sha ? { sha: claims.sha } : {}),
    ...(claims.actor ? { actor: actorFromLogin(claims.actor, claims.actor_id) } : {}),
    ...(triggering ? { triggering_actor: actorFromLogin(triggering) } : {}),
  };
}
