/**
 * The broker's audit log: one AuditEvent JSON line per decision, appended in order. Lines are
 * built from plain fields only, so a credential or token cannot reach the log by construction.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AUDIT_EVENT_VERSION, actorFromLogin, type AuditEvent } from '../audit/event.js';
import type { GithubOidcClaims } from '../oidc/claims.js';

/** Longest string kept in an audit field (the human `detail` gets more room), and longest line. */
export const MAX_AUDIT_FIELD = 256;
export const MAX_AUDIT_DETAIL = 1024;
export const MAX_AUDIT_LINE = 4096;
const MAX_DEPTH = 4;
const MAX_ITEMS = 32;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 14)}…[${s.length}ch]`;
}

/** Bounds a nested value: strings, array lengths, object widths and depth. */
function boundValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return clip(v, MAX_AUDIT_FIELD);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((x) => boundValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length && i < MAX_ITEMS; i++)
    out[clip(keys[i]!, 64)] = boundValue((v as Record<string, unknown>)[keys[i]!], depth + 1);
  return out;
}

/**
 * Attacker-controlled strings (job, step, audience, claims, refusal texts that quote them) reach the
 * log, so every field is bounded and a line never exceeds MAX_AUDIT_LINE bytes: an unauthenticated
 * client cannot grow the log faster than its request rate times a small constant.
 */
export function boundAuditLine(event: Record<string, unknown>): string {
  const bounded: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event))
    bounded[k] = k === 'detail' && typeof v === 'string' ? clip(v, MAX_AUDIT_DETAIL) : boundValue(v, 0);
  let line = JSON.stringify(bounded);
  // Almost every line fits: one native length check (UTF-8 takes at most 3 bytes per UTF-16 unit).
  if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE) return line;
  if (bounded.details !== undefined) {
    bounded.details = { truncated: true };
    line = JSON.stringify(bounded);
  }
  if (Buffer.byteLength(line) > MAX_AUDIT_LINE && typeof bounded.detail === 'string') {
    bounded.detail = clip(bounded.detail, MAX_AUDIT_FIELD);
    line = JSON.stringify(bounded);
  }
  // Multi-byte characters can still overflow: drop optional strings until the line fits.
  for (const k of Object.keys(bounded).reverse()) {
    if (Buffer.byteLength(line) <= MAX_AUDIT_LINE) break;
    if (['v', 'time', 'source', 'type', 'outcome', 'reason'].includes(k)) continue;
    delete bounded[k];
    line = JSON.stringify(bounded);
  }
  return line;
}

export interface AuditSink {
  write(event: Omit<AuditEvent, 'v' | 'time' | 'source'>): void;
  /** Resolves when every line so far is on disk (the write-ahead point each grant waits for). */
  flush(): Promise<void>;
  /** At shutdown: also let best-effort copies (the webhook) deliver what they hold; default flush. */
  drain?(): Promise<void>;
}

/** The sink could not put a line on disk: the broker refuses to grant until it can. */
export class AuditSinkError extends Error {
  readonly code = 'ERR_AUDIT_UNAVAILABLE';
}

/**
 * Appends in batches (one write for every line queued while the previous write ran), so a burst
 * costs few syscalls and `flush()` still means "on disk": a flush resolves as soon as the batch
 * holding its lines is written (group commit), not when the queue runs dry, which under a sustained
 * burst it never does. A failed write keeps its lines for the next try, rejects every waiting
 * `flush()`, and raises one ALARM line on stderr per failure episode.
 */
export function fileAuditSink(
  path: string,
  now: () => Date = () => new Date(),
  alarm: (line: string) => void = (line) => void process.stderr.write(line),
  /**
   * Lines by result, when known: `written` once on disk, `failed` when their first write failed (each
   * line once, however often it is retried), `dropped` when the queue overflowed while failing.
   */
  count?: (result: 'written' | 'failed' | 'dropped', n: number) => void,
): AuditSink {
  const MAX_QUEUED = 100_000;
  const ready = mkdir(dirname(path), { recursive: true }).catch(() => undefined);
  const queue: { seq: number; line: string }[] = [];
  /** Flushes waiting for a sequence number to be durable, in increasing order. */
  const waiters: { seq: number; ok: () => void; fail: (err: Error) => void }[] = [];
  let seq = 0;
  let durable = 0;
  let dropped = 0;
  let failure: Error | undefined;
  let failedUpTo = 0;
  let running: Promise<void> | undefined;

  const pump = async () => {
    await ready;
    while (queue.length) {
      const batch = queue.slice();
      try {
        await appendFile(path, batch.map((l) => l.line).join(''), { mode: 0o600 });
      } catch (err) {
        if (!failure)
          alarm(
            `stepwarden broker ALARM: the audit log ${path} cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); refusing to grant credentials until it can\n`,
          );
        failure = err as Error;
        const fresh = batch.filter((l) => l.seq > failedUpTo).length;
        failedUpTo = batch.at(-1)!.seq;
        if (fresh) count?.('failed', fresh);
        const refusal = new AuditSinkError(`the audit log ${path} cannot be written: ${failure.message}`);
        for (const w of waiters.splice(0)) w.fail(refusal);
        return;
      }
      queue.splice(0, batch.length);
      durable = batch.at(-1)!.seq;
      count?.('written', batch.length);
      if (failure) alarm(`stepwarden broker: the audit log ${path} is writable again\n`);
      failure = undefined;
      while (waiters.length && waiters[0]!.seq <= durable) waiters.shift()!.ok();
    }
  };
  const kick = () => (running ??= pump().finally(() => (running = undefined)));

  return {
    write(event) {
      const line = `${boundAuditLine({ v: AUDIT_EVENT_VERSION, time: now().toISOString(), source: 'broker', ...event })}\n`;
      queue.push({ seq: ++seq, line });
      // While the sink is down, refusals keep coming: keep the newest lines, count the rest.
      if (queue.length > MAX_QUEUED) {
        queue.shift();
        dropped++;
        count?.('dropped', 1);
        if (dropped === 1 || dropped % 1000 === 0)
          alarm(`stepwarden broker ALARM: ${dropped} audit line(s) dropped while ${path} is unwritable\n`);
      }
      void kick();
    },
    flush() {
      const target = seq;
      if (durable >= target) return Promise.resolve();
      const done = new Promise<void>((ok, fail) => waiters.push({ seq: target, ok, fail }));
      void kick();
      return done;
    },
  };
}

export function memoryAuditSink(): AuditSink & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return {
    events,
    write(event) {
      // The same bounding as the file sink, so tests see what the log would hold.
      events.push(
        JSON.parse(
          boundAuditLine({
            v: AUDIT_EVENT_VERSION,
            time: new Date().toISOString(),
            source: 'broker',
            ...event,
          }),
        ) as AuditEvent,
      );
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
