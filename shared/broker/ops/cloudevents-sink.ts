/**
 * An optional second audit sink: every audit event POSTed to a webhook as a CloudEvent (1.0, JSON
 * batch mode, `type: dev.stepwarden.credential.granted` ...), for a SIEM or event bus. Best effort
 * beside the audit file, which stays the record the broker waits for: retries with backoff, a bounded
 * spool whose overflow drops the oldest events and counts them, never blocking an exchange.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
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
  /** Counts lines by result: delivered, failed (given up), dropped (spool overflow, or left at shutdown). */
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

/**
 * A FIFO whose front is dropped and taken in O(1) (amortized). An array's splice(0, n) moves every
 * element behind: with the spool full (up to 1,000,000 events while the webhook is down) each audit
 * event cost milliseconds of event loop, stalling every exchange.
 */
class Spool<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(x: T): void {
    this.items.push(x);
  }
  /** The `n` oldest, removed. */
  take(n: number): T[] {
    const out = this.items.slice(this.head, this.head + n);
    this.head += out.length;
    this.compact();
    return out;
  }
  /** Drops the `n` oldest; returns how many were dropped. */
  drop(n: number): number {
    const k = Math.min(n, this.length);
    // Released at once, not at the next compaction: a full spool must not hold twice its events.
    (this.items as (T | undefined)[]).fill(undefined, this.head, this.head + k);
    this.head += k;
    this.compact();
    return k;
  }
  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export function cloudEventsSink(o: CloudEventsSinkOptions): AuditSink & { readonly pending: number } {
  const max = o.spool ?? 10_000;
  const batchSize = o.batch ?? 100;
  const attempts = o.attempts ?? 6;
  const doFetch = o.fetch ?? globalThis.fetch;
  const queue = new Spool<CloudEvent>();
  let running: Promise<void> | undefined;
  // Shutdown: once the spool had its flush deadline, the request in flight and any backoff wait are
  // cut, and what is left is counted as dropped. Without this a webhook that hangs or answers 500 kept
  // the process alive after "broker stopped" for every remaining batch's retries (minutes to hours).
  const stop = new AbortController();

  async function post(batch: CloudEvent[]): Promise<boolean> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (stop.signal.aborted) return false;
      if (attempt > 0) {
        const wait = Math.min(30_000, (o.backoffMs ?? 500) * 2 ** (attempt - 1));
        await sleep(wait, undefined, { signal: stop.signal }).catch(() => undefined);
        if (stop.signal.aborted) return false;
      }
      try {
        const res = await doFetch(o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/cloudevents-batch+json',
            ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          },
          body: JSON.stringify(batch),
          // A redirect is not followed: a 307/308 would replay the audit events (and, to the same
          // origin, the bearer token) at whatever the Location names. The 3xx is a failed delivery.
          redirect: 'manual',
          signal: AbortSignal.any([stop.signal, AbortSignal.timeout(o.timeoutMs ?? 5000)]),
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

  async function deliver(): Promise<void> {
    while (queue.length && !stop.signal.aborted) {
      const batch = queue.take(batchSize);
      const ok = await post(batch);
      o.count?.(ok ? 'delivered' : 'failed', batch.length);
    }
  }

  const kick = () => {
    if (stop.signal.aborted) return;
    running ??= deliver().finally(() => {
      running = undefined;
      if (queue.length) kick();
    });
  };

  /** Waits for the spool to empty, at most `flushTimeoutMs` (default 5 s). */
  async function flush(): Promise<void> {
    const until = Date.now() + (o.flushTimeoutMs ?? 5000);
    while (running && Date.now() < until) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((r) => (timer = setTimeout(r, Math.max(0, until - Date.now())))),
      ]);
      clearTimeout(timer);
    }
  }

  return {
    get pending() {
      return queue.length;
    },
    write(event) {
      if (stop.signal.aborted) return void o.count?.('dropped', 1);
      queue.push(
        toCloudEvent({ v: 1, time: new Date().toISOString(), source: 'broker', ...event }, o.source),
      );
      if (queue.length > max) o.count?.('dropped', queue.drop(queue.length - max));
      kick();
    },
    flush,
    /**
     * Shutdown: the spool gets `flushTimeoutMs` to empty, then delivery stops for good (the request in
     * flight is aborted, no retry waits) and what is left is counted as dropped, so nothing of this
     * sink outlives the broker.
     */
    async drain() {
      await flush();
      stop.abort();
      await running;
      if (queue.length) o.count?.('dropped', queue.drop(queue.length));
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
    // A grant waits for the record (the file), never for a webhook that may be slow or down.
    flush: () => primary.flush(),
    async drain() {
      await Promise.all([
        primary.drain?.() ?? primary.flush(),
        ...others.map((s) => s.drain?.() ?? s.flush()),
      ]);
    },
  };
}
