/**
 * Session 6, operating the broker: the CloudEvents audit webhook as a fault and as an attacker would
 * meet it. A webhook that hangs or answers 500 forever must not keep the broker's process alive after
 * it stopped, and a webhook that redirects must not get the audit events replayed to another host.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudEventsSink } from '../../shared/broker/ops/cloudevents-sink.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const servers: Server[] = [];
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An HTTP server on 127.0.0.1 that answers every request with `answer` (or never, for 'hang'). */
async function hook(
  answer: 'hang' | number,
  headers: Record<string, string> = {},
): Promise<{ url: string; posts: () => number; first: Promise<void> }> {
  let posts = 0;
  let seen!: () => void;
  const first = new Promise<void>((r) => (seen = r));
  const srv = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts++;
      seen();
      if (answer !== 'hang') res.writeHead(answer, headers).end();
    });
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`, posts: () => posts, first };
}

const event = (i: number) => ({
  type: 'credential.refused' as const,
  outcome: 'denied' as const,
  reason: 'ERR_PARAM_MISSING',
  detail: `event ${i}`,
});

describe('audit webhook at shutdown', () => {
  it('drain() stops delivery for good: every event is accounted for (delivered, failed or dropped) when it resolves', async () => {
    const h = await hook(500);
    const counts: Record<string, number> = {};
    const sink = cloudEventsSink({
      url: h.url,
      source: 'https://broker.example.com',
      batch: 1,
      backoffMs: 60_000, // a retry would wait a minute: only an abort ends it
      flushTimeoutMs: 50,
      count: (k, n) => void (counts[k] = (counts[k] ?? 0) + n),
    });
    for (let i = 0; i < 5; i++) sink.write(event(i));
    await h.first;
    await sink.drain!();
    const total = (counts.delivered ?? 0) + (counts.failed ?? 0) + (counts.dropped ?? 0);
    expect(total).toBe(5);
    expect(sink.pending).toBe(0);
    // Written after the drain: counted, never sent.
    sink.write(event(6));
    expect(sink.pending).toBe(0);
    expect(counts.dropped).toBeGreaterThanOrEqual(1);
    expect(h.posts()).toBe(1);
  });

  it('a broker process whose webhook hangs exits after SIGTERM without retrying it', async () => {
    const h = await hook('hang');
    const dir = mkdtempSync(join(tmpdir(), 'sw-s6-hook-'));
    dirs.push(dir);
    const config = join(dir, 'broker.yml');
    writeFileSync(
      config,
      [
        'listen: 127.0.0.1:0',
        'url: https://broker.example.com',
        'audience: https://broker.example.com',
        'issuers: [http://127.0.0.1:9/]',
        'require-job-identity: false',
        'manifests: { source: directory, path: ./manifests }',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
        `audit-webhook: { url: "${h.url}" }`,
        'drain-timeout: 1',
      ].join('\n'),
    );
    const { NODE_OPTIONS: _drop, ...env } = process.env;
    // The real entry point (no process.exit after main): the process ends only when nothing is left.
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'shared/cli/main.ts', 'broker', '--config', config],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(proc);
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error(`broker exited before listening: ${err}`)));
    });
    // An unauthenticated refusal: one audit line, one CloudEvent the webhook will never answer.
    const r = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(r.status).toBe(400);
    await h.first;
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(h.posts()).toBe(1);
    const lines = err
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'broker stopped')).toBe(true);
    // The event the webhook never took is counted in the log, not silently lost.
    expect(lines.some((l) => /audit webhook (failed|dropped) events/.test(String(l.msg)))).toBe(true);
  }, 30_000);
});

describe('audit webhook redirects', () => {
  it('a 307 to another host is a failed delivery: the events are not replayed there', async () => {
    const elsewhere = await hook(200);
    const h = await hook(307, { location: elsewhere.url });
    const counts: Record<string, number> = {};
    const sink = cloudEventsSink({
      url: h.url,
      token: 'webhook-secret',
      source: 'https://broker.example.com',
      backoffMs: 1,
      count: (k, n) => void (counts[k] = (counts[k] ?? 0) + n),
    });
    sink.write(event(1));
    await sink.drain!();
    expect(elsewhere.posts()).toBe(0);
    expect(counts).toEqual({ failed: 1 });
  });
});

describe('audit webhook spool', () => {
  it('a full spool drops the oldest, keeps order and counts every event (delivered + dropped = written)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const posted: string[][] = [];
    // A webhook that holds the first POST until released, then takes everything.
    const fetchFn = (async (_url: string, init: { body: string }) => {
      posted.push((JSON.parse(init.body) as { data: { detail: string } }[]).map((e) => e.data.detail));
      if (posted.length === 1) await gate;
      return new Response(null, { status: 200 });
    }) as unknown as typeof fetch;
    const counts: Record<string, number> = {};
    const sink = cloudEventsSink({
      url: 'http://127.0.0.1:9/hook',
      source: 's',
      spool: 10_000,
      batch: 100,
      fetch: fetchFn,
      count: (k, n) => void (counts[k] = (counts[k] ?? 0) + n),
    });
    const written = 50_000;
    for (let i = 0; i < written; i++) sink.write(event(i));
    expect(sink.pending).toBe(10_000);
    expect(counts.dropped).toBe(written - 1 - 10_000); // one in flight, the spool full
    release();
    await sink.drain!();
    expect((counts.delivered ?? 0) + (counts.dropped ?? 0)).toBe(written);
    const details = posted.flat();
    // The one in flight, then the newest 10,000 in order.
    expect(details[0]).toBe('event 0');
    expect(details.slice(1)).toEqual(
      Array.from({ length: 10_000 }, (_, k) => `event ${written - 10_000 + k}`),
    );
  });
});
