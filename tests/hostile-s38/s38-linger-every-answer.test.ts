/**
 * Session 38, attacking the lingering close of f3a4e9b (shared/standins/http.ts): the rest of a body
 * over 64 KiB is read and dropped after its 413, at most LINGER (2 s, 8 MiB). Through a whole broker
 * (startStack), raw sockets on 127.0.0.1.
 *
 * Broke twice on f3a4e9b:
 * - every other answer sent before the body was read (a 404 for a path the broker does not serve, a
 *   415 for the media type, a 400 for a query, a GET with a body) had no bound at all: node dumps the
 *   rest of such a request body, so one connection declaring 100 GB kept the broker reading (20 GB in
 *   15 s of a probe, still open) and a core busy for as long as it wrote;
 * - a client that says `Connection: close` (node's http.request without an agent, Go with keep-alives
 *   off) or speaks HTTP/1.0 had its connection closed by node right after the 413, the rest of its
 *   body unread: the kernel reset it and the client saw ECONNRESET or EPIPE, the failure the lingering
 *   close was made to end.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LINGER } from '../../shared/standins/http.js';
import { startStack, type Stack } from '../support/broker.js';

type Conn = {
  socket: Socket;
  text: () => string;
  error: () => Error | undefined;
  ended: () => boolean;
  closed: Promise<void>;
};

describe('the lingering close, every early answer, every client', () => {
  let s: Stack;
  let port: number;
  beforeAll(async () => {
    s = await startStack();
    port = Number(new URL(s.broker.url).port);
  }, 60_000);
  afterAll(async () => {
    await s.close();
  });

  function open(): Promise<Conn> {
    return new Promise((resolve, reject) => {
      let text = '';
      let error: Error | undefined;
      let ended = false;
      // Half-open: a FIN from the broker does not stop this client writing (the kernel's default; node's
      // socket would end its own side at once).
      const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () =>
        resolve({ socket, text: () => text, error: () => error, ended: () => ended, closed }),
      );
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('end', () => (ended = true));
      socket.on('error', (e) => (error = e));
      socket.once('error', reject);
    });
  }
  const until = async (what: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const write = (c: Socket, data: string | Buffer) =>
    new Promise<void>((r, j) => c.write(data, (e) => (e ? j(e) : r())));

  /** Writes the body until the broker cuts the connection, or 4 x LINGER.bytes went out. */
  async function flood(head: string): Promise<{ sent: number; answer: string }> {
    const c = await open();
    c.socket.write(head);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let sent = 0;
    while (!c.socket.destroyed && !c.ended() && sent < 4 * LINGER.bytes) {
      c.socket.write(chunk);
      sent += chunk.length;
      if (c.socket.writableLength > 4 * chunk.length)
        await new Promise((r) => {
          if (c.socket.destroyed) return r(undefined);
          c.socket.once('drain', r);
          c.socket.once('close', r);
        });
    }
    await until(() => c.text().includes('\r\n\r\n') || c.socket.destroyed);
    const answer = c.text();
    c.socket.destroy();
    return { sent, answer };
  }

  const head = (line: string, type: string, length: number, extra = '') =>
    `${line}\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n${extra}\r\n`;
  const FORM = 'application/x-www-form-urlencoded';
  const HUGE = 100_000_000_000;

  it.each([
    ['a path the broker does not serve (404)', head('POST /nowhere HTTP/1.1', FORM, HUGE), 404],
    ['a media type it does not read (415)', head('POST /token HTTP/1.1', 'text/plain', HUGE), 415],
    ['parameters in the query (400)', head('POST /token?subject_token=x HTTP/1.1', FORM, HUGE), 400],
    ['a GET of /healthz with a body (200)', head('GET /healthz HTTP/1.1', FORM, HUGE), 200],
    ['a body over 64 KiB to /token (413)', head('POST /token HTTP/1.1', FORM, HUGE), 413],
    ['a body over 64 KiB to /admin/revoke (413)', head('POST /admin/revoke HTTP/1.1', FORM, HUGE), 413],
  ])(
    '%s: the rest of the body is dropped within LINGER, then the connection is cut',
    async (_what, h, status) => {
      const { sent, answer } = await flood(h);
      expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      // On f3a4e9b every case but the two 413s took all 32 MiB and went on reading.
      expect(sent).toBeLessThan(4 * LINGER.bytes);
    },
    60_000,
  );

  it.each([
    ['`Connection: close`', 'HTTP/1.1', 'Connection: close\r\n'],
    ['HTTP/1.0', 'HTTP/1.0', ''],
  ])(
    'a client sending %s reads its 413 and writes the rest of its body without a reset',
    async (_w, version, extra) => {
      const c = await open();
      const total = 1 << 20;
      await write(c.socket, head(`POST /token ${version}`, FORM, total, extra) + 'a'.repeat(100_000));
      await until(() => c.text().includes('ERR_BODY_TOO_LARGE'));
      expect(c.text()).toMatch(/^HTTP\/1\.[01] 413 /);
      // The old answer closed the connection once the 413 was out: the rest was then reset.
      await new Promise((r) => setTimeout(r, 300));
      // A request sent behind it is not served: the client asked for the close.
      await write(c.socket, 'a'.repeat(total - 100_000) + 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      c.socket.end();
      await c.closed;
      // On f3a4e9b: ECONNRESET (or EPIPE), the rest of the body reset by the kernel.
      expect(c.error()).toBeUndefined();
      // It asked for the close: the broker closes once the body is in, and serves nothing more.
      expect(c.ended()).toBe(true);
      expect(c.text().match(/HTTP\/1\.[01] \d{3}/g)).toHaveLength(1);
    },
    30_000,
  );

  it('a request hidden in the dropped rest of a declared body is never served (no smuggling)', async () => {
    const c = await open();
    const inner =
      head('POST /admin/revoke HTTP/1.1', FORM, 13, 'Authorization: Bearer secret\r\n') + 'repository=x/';
    const body = inner.padEnd(70_000, ' ');
    await write(c.socket, head('POST /token HTTP/1.1', FORM, body.length) + body);
    await write(c.socket, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => c.text().includes('{"status":"ok"}'));
    const answers = c.text().match(/HTTP\/1\.1 \d{3}/g);
    expect(answers).toEqual(['HTTP/1.1 413', 'HTTP/1.1 200']);
    expect(c.text()).not.toContain('blocked');
    c.socket.destroy();
  }, 30_000);

  it('a request hidden in the dropped rest of a chunked body is never served; an endless chunked body is cut', async () => {
    const c = await open();
    const inner = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const chunk = (data: string) => `${data.length.toString(16)}\r\n${data}\r\n`;
    await write(
      c.socket,
      `POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n\r\n` +
        chunk('a'.repeat(70_000)) +
        chunk(inner),
    );
    await until(() => c.text().includes('ERR_BODY_TOO_LARGE'));
    // The chunked body never ends: nothing after the 413 is answered and the connection is cut.
    await until(() => c.ended() || c.socket.destroyed);
    expect(c.text().match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 413']);
  }, 30_000);
});
