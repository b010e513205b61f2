/** The CloudEvents audit webhook: delivery with retries, bounded spool, no hang on shutdown, no secrets. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudEventsSink, teeAuditSink, type CloudEvent } from '../../shared/broker/ops/cloudevents-sink.js';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';

interface Received {
  headers: IncomingMessage['headers'];
  events: CloudEvent[];
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A webhook on 127.0.0.1 answering the statuses given in turn (then 200); `hang` never answers. */
async function receiver(
  statuses: (number | 'hang')[],
): Promise<{ url: string; got: Received[]; posts: () => number }> {
  const got: Received[] = [];
  let posts = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answer = statuses[posts++] ?? 200;
      if (answer === 'hang') return;
      if (answer === 200) got.push({ headers: req.headers, events: JSON.parse(body) as CloudEvent[] });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, posts: () => posts };
}

const granted = (i: number) => ({
  type: 'credential.granted' as const,
  outcome: 'success' as const,
  grant_id: `g${i}`,
  repository: 'o/r',
});

describe('CloudEvents audit webhook', () => {
  it('delivers every event as a CloudEvent, retrying 503s with backoff', async () => {
    const r = await receiver([503, 503]);
    const counts: Record<string, number> = {};
    const sink = cloudEventsSink({
      url: r.url,
      token: 'hook-token',
      source: 'https://broker.example.com',
      backoffMs: 5,
      count: (k, n) => void (counts[k] = (counts[k] ?? 0) + n),
    });
    for (let i = 0; i < 3; i++) sink.write(granted(i));
    await sink.flush();
    expect(r.posts()).toBe(4); // the first event alone (two 503s, then 200), then the two that queued behind it
    const events = r.got.flatMap((g) => g.events);
    expect(events.map((e) => e.data.grant_id)).toEqual(['g0', 'g1', 'g2']);
    expect(events[0]).toMatchObject({
      specversion: '1.0',
      type: 'dev.stepwarden.credential.granted',
      source: 'https://broker.example.com',
      subject: 'o/r',
      datacontenttype: 'application/json',
    });
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(r.got[0]!.headers['content-type']).toBe('application/cloudevents-batch+json');
    expect(r.got[0]!.headers.authorization).toBe('Bearer hook-token');
    expect(counts).toEqual({ delivered: 3 });
  });

  it('gives up on a 400 without retrying, and counts it', async () => {
    const r = await receiver([400]);
    const counts: Record<string, number> = {};
    const sink = cloudEventsSink({
      url: r.url,
      source: 's',
      backoffMs: 5,
      count: (k, n) => void (counts[k] = (counts[k] ?? 0) + n),
    });
    sink.write(granted(1));
    await sink.flush();
    expect(r.posts()).toBe(1);
    expect(counts).toEqual({ failed: 1 });
  });

  it('keeps a bounded spool while the webhook hangs, drops the oldest and counts them, and flush is bounded', async () => {
    const r = await receiver(Array(100).fill('hang'));
    const counts: Record<string, number> = {};
    const sink = cloudEventsSink({
      url: r.url,
      source: 's',
      spool: 5,
      batch: 1,
      attempts: 1,
      timeoutMs: 200,
      flushTimeoutMs: 300,
      count: (k, n) => void (counts[k] = (counts[k] ?? 0) + n),
    });
    for (let i = 0; i < 20; i++) sink.write(granted(i));
    expect(sink.pending).toBeLessThanOrEqual(5);
    expect(counts.dropped).toBe(14); // one batch in flight, five spooled
    const t0 = Date.now();
    await sink.flush();
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a grant waits for the audit file only, never for a hanging webhook; shutdown drains both (bounded)', async () => {
    const r = await receiver(Array(10).fill('hang'));
    /** The audit file, and the hanging webhook behind it with these bounds; one line written. */
    const teeWith = (timeoutMs: number, flushTimeoutMs: number) => {
      const file = memoryAuditSink();
      const sink = teeAuditSink(
        file,
        cloudEventsSink({ url: r.url, source: 's', attempts: 1, timeoutMs, flushTimeoutMs }),
      );
      sink.write(granted(1));
      return { file, sink };
    };
    // A webhook flush that would outlast the test's own timeout: the tee's flush returning at all shows
    // it did not wait for the webhook (a wall-clock bound of 100 ms here failed on any 100 ms stall).
    const patient = teeWith(120_000, 120_000);
    await patient.sink.flush();
    expect(patient.file.events).toHaveLength(1);
    // Shutdown drains the webhook too, for its flush bound (a timer: never early).
    const { file, sink: tee } = teeWith(2000, 300);
    await tee.flush();
    expect(file.events).toHaveLength(1);
    const t1 = Date.now();
    await tee.drain!();
    expect(Date.now() - t1).toBeGreaterThanOrEqual(250);
  });
});
