/**
 * Hostile clients against the broker's server, over raw sockets on 127.0.0.1: slow-loris headers and
 * bodies are cut at their deadlines, connections over the cap are told 503 and closed, oversized
 * and malformed bodies get a 4xx with a code, never a 500, and the broker keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker } from '../../shared/broker/server.js';
import { startStack, type Stack } from '../support/broker.js';

// Deadlines are real time; a loaded CI machine needs room around them.
jest.setTimeout(30_000);

const HEADERS_MS = 600;
const BODY_MS = 600;
const SLACK_MS = 2500;

let s: Stack;
let port: number;

beforeAll(async () => {
  s = await startStack({
    limits: { headersTimeoutMs: HEADERS_MS, bodyTimeoutMs: BODY_MS, maxConnections: 4 },
  });
  port = Number(new URL(s.broker.url).port);
});
afterAll(async () => {
  await s.close();
});

interface Raw {
  socket: Socket;
  /** Everything received until the server closed the connection, and when that was. */
  closed: Promise<{ text: string; ms: number }>;
}

async function open(): Promise<Raw> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // a reset counts as closed; the test checks what arrived
  const t0 = Date.now();
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const closed = new Promise<{ text: string; ms: number }>((resolve) =>
    socket.once('close', () =>
      resolve({ text: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - t0 }),
    ),
  );
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed };
}

const trickle = (socket: Socket, piece: string, everyMs: number) => {
  const t = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(piece);
  }, everyMs);
  return () => clearInterval(t);
};

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
const bodyOf = (text: string) =>
  JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Record<string, string>;

async function healthy() {
  const r = await fetch(`${s.broker.url}/healthz`);
  expect(r.status).toBe(200);
}

describe('hostile clients', () => {
  it('slow-loris headers (one header line at a time, never finished) are cut at the header deadline', async () => {
    const c = await open();
    c.socket.write('POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const stop = trickle(c.socket, 'X-Slow: 1\r\n', 150);
    const { text, ms } = await c.closed;
    stop();
    expect(ms).toBeLessThan(HEADERS_MS + SLACK_MS);
    expect(statusOf(text)).toBe(408);
    await healthy();
  });

  it('a connection that never sends a byte is closed at the header deadline', async () => {
    const c = await open();
    const { text, ms } = await c.closed;
    expect(ms).toBeLessThan(HEADERS_MS + SLACK_MS);
    expect(statusOf(text)).toBe(408);
  });

  it('a body trickled byte by byte is cut at the body deadline with 408 ERR_BODY_TIMEOUT', async () => {
    const c = await open();
    c.socket.write(
      'POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n',
    );
    const stop = trickle(c.socket, 'a', 100);
    const { text, ms } = await c.closed;
    stop();
    expect(ms).toBeLessThan(BODY_MS + SLACK_MS);
    expect(statusOf(text)).toBe(408);
    expect(bodyOf(text).error_description).toMatch(/^ERR_BODY_TIMEOUT/);
    expect(s.audit.events.filter((e) => e.type === 'credential.granted')).toHaveLength(0);
    await healthy();
  });

  it('a declared body over the size limit is answered 413 ERR_BODY_TOO_LARGE before it is read', async () => {
    const c = await open();
    c.socket.write(
      'POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n',
    );
    c.socket.write('a'.repeat(200_000));
    const { text } = await c.closed;
    expect(statusOf(text)).toBe(413);
    expect(bodyOf(text)).toMatchObject({ error: 'invalid_request' });
    expect(bodyOf(text).error_description).toMatch(/^ERR_BODY_TOO_LARGE/);
    await healthy();
  });

  it('a chunked body that grows over the limit is answered 413 too', async () => {
    const c = await open();
    c.socket.write(
      'POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = 'b'.repeat(16 * 1024);
    for (let i = 0; i < 6; i++) c.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const { text } = await c.closed;
    expect(statusOf(text)).toBe(413);
    expect(bodyOf(text).error_description).toMatch(/^ERR_BODY_TOO_LARGE/);
    await healthy();
  });

  it.each([
    ['null', 'ERR_BODY'],
    ['[1,2]', 'ERR_BODY'],
    ['{"grant_type":', 'ERR_BODY'],
  ])('a JSON body %s is a 400 %s, not a 500', async (body, code) => {
    const r = await fetch(`${s.broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as Record<string, string>).error_description).toMatch(new RegExp(`^${code}:`));
  });

  it('connections over the cap are answered 503 ERR_TOO_MANY_CONNECTIONS and closed; capacity comes back', async () => {
    // The cap counts open connections; keep four busy with bodies that are still arriving.
    const held: Raw[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await open();
      c.socket.write(
        'POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      );
      held.push(c);
    }
    await new Promise((r) => setTimeout(r, 100));
    const extra = await open();
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const { text } = await extra.closed;
    expect(statusOf(text)).toBe(503);
    expect(text).toMatch(/retry-after: 1/i);
    expect(bodyOf(text).error_description).toMatch(/^ERR_TOO_MANY_CONNECTIONS/);
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 50));
    await healthy();
  });
});

describe('client limits in the broker config', () => {
  it('timeouts and max-connections have strict defaults, and bad values are refused with the line', () => {
    const d = loadBrokerConfig('{}', 'broker.yml', '/tmp');
    expect(d.timeouts).toEqual({ upstream: 10, headers: 10, body: 10, 'keep-alive': 5 });
    expect(d['max-connections']).toBe(1024);
    expect(loadBrokerConfig('timeouts: { upstream: 3 }\n', 'broker.yml', '/tmp').timeouts.upstream).toBe(3);
    for (const bad of [
      'timeouts: { upstream: 0 }\n',
      'timeouts: { body: 9999 }\n',
      'max-connections: 0\n',
      'timeouts: { idle: 3 }\n',
    ])
      expect(() => loadBrokerConfig(bad, 'broker.yml', '/tmp')).toThrow(/broker\.yml:1/);
  });

  it('a broker started from its config applies them (max-connections: 1, headers: 0.5 s)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-limits-'));
    const config = loadBrokerConfig(
      'listen: 127.0.0.1:0\nmax-connections: 1\ntimeouts: { headers: 0.5 }\n',
      'broker.yml',
      dir,
    );
    const b = await startBroker(config, { logger: { log: () => undefined } });
    try {
      const p = Number(new URL(b.url).port);
      const t0 = Date.now();
      const first = connect(p, '127.0.0.1');
      first.on('error', () => undefined);
      first.resume(); // flowing, so the server's close is seen
      const firstClosed = new Promise((r) => first.once('close', r));
      await new Promise((r) => first.once('connect', r));
      await new Promise((r) => setTimeout(r, 50));
      const second = connect(p, '127.0.0.1');
      let text = '';
      second.on('data', (c: Buffer) => (text += c.toString()));
      second.on('error', () => undefined);
      await new Promise((r) => second.once('close', r));
      expect(statusOf(text)).toBe(503);
      await firstClosed; // the idle first one is cut at 0.5 s
      expect(Date.now() - t0).toBeLessThan(500 + SLACK_MS);
    } finally {
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
