/**
 * An optional second audit sink: every audit event POSTed to a webhook as a CloudEvent (1.0, JSON
 * batch mode, `type: dev.stepwarden.credential.granted` ...), for a SIEM or event bus. Best effort
 * beside the audit file, which stays the record the broker waits for: retries with backoff, a bounded
 * spool whose overflow drops the oldest events and counts them, never blocking an exchange.
 */
import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../audit-log.js';

export interface CloudEventsSinkOptions {
  readonly url: string;
  /** Bearer token for the webhook, if it needs one. */
  readonly token?: string;
  /** The CloudEvents `source`: the broker's URL. */
  readonly source: string;
  /** Events held while the webhook is slow or down (default 10,000). */
  readonly spool?: number;
  /** Events per POST (default 100). */
  readonly batch?: number;
  /** Attempts per batch before it is dropped (default 6, backoff 0.5 s doubling, at most 30 s). */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  readonly backoffMs?: number;
  readonly flushTimeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Counts lines by result: delivered, failed (given up), dropped (spool overflow). */
  readonly count?: (result: 'delivered' | 'failed' | 'dropped', n: number) => void;
}

export interface CloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly subject?: string;
  readonly data: Record<string, unknown>;
}

export const CLOUDEVENT_TYPE_PREFIX = 'dev.stepwarden.';

export function toCloudEvent(event: Record<string, unknown>, source: string): CloudEvent {
  const repo = typeof event.repository === 'string' ? event.repository : undefined;
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type: `${CLOUDEVENT_TYPE_PREFIX}${String(event.type)}`,
    time: typeof event.time === 'string' ? event.time : new Date().toISOString(),
    datacontenttype: 'application/json',
    ...(repo ? { subject: repo } : {}),
    data: event,
  };
}

export function cloudEventsSink(o: CloudEventsSinkOptions): AuditSink & { readonly pending: number } {
  const max = o.spool ?? 10_000;
  const batchSize = o.batch ?? 100;
  const attempts = o.attempts ?? 6;
  const doFetch = o.fetch ?? globalThis.fetch;
  const queue: CloudEvent[] = [];
  let running: Promise<void> | undefined;

  async function post(batch: CloudEvent[]): Promise<boolean> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const wait = Math.min(30_000, (o.backoffMs ?? 500) * 2 ** (attempt - 1));
        await new Promise((r) => setTimeout(r, wait));
      }
      try {
        const res = await doFetch(o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/cloudevents-batch+json',
            ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          },
          body: JSON.stringify(batch),
          signal: AbortSignal.timeout(o.timeoutMs ?? 5000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return true;
        // A 4xx other than 408/429 will not get better by retrying the same batch.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) return false;
      } catch {
        /* network error or timeout: retry */
      }
    }
    return false;
  }

  async function drain(): Promise<void> {
    while (queue.length) {
      const batch = queue.splice(0, batchSize);
      const ok = await post(batch);
      o.count?.(ok ? 'delivered' : 'failed', batch.length);
    }
  }

  const kick = () => {
    running ??= drain().finally(() => {
      running = undefined;
      if (queue.length) kick();
    });
  };

  return {
    get pending() {
      return queue.length;
    },
    write(event) {
      queue.push(
        toCloudEvent({ v: 1, time: new Date().toISOString(), source: 'broker', ...event }, o.source),
      );
      if (queue.length > max) o.count?.('dropped', queue.splice(0, queue.length - max).length);
      kick();
    },
    /** Waits for the spool to empty, at most `flushTimeoutMs` (default 5 s): shutdown never hangs on a webhook. */
    async flush() {
      const until = Date.now() + (o.flushTimeoutMs ?? 5000);
      while (running && Date.now() < until)
        await Promise.race([running, new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())))]);
    },
  };
}

/** The audit file first (the record), then any number of best-effort sinks. */
export function teeAuditSink(primary: AuditSink, ...others: AuditSink[]): AuditSink {
  return {
    write(event) {
      const r = primary.write(event) as unknown;
      for (const s of others) s.write(event);
      return r as never;
    },
    async flush() {
      await Promise.all([primary.flush(), ...others.map((s) => s.flush())]);
    },
  };
}
