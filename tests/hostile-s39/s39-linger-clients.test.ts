/**
 * Session 39, the lingering close (shared/standins/http.ts `lingerOnUnreadBody`, the per-connection
 * `destroySoon`) against the clients session 38 left: keep-alive clients that pipeline behind an early
 * answer, lingering connections against the connection cap, and a client that never reads its answers
 * while the server lingers. The HTTP layer itself (`listen`), a handler that answers some paths before
 * reading the body, raw sockets on 127.0.0.1. All held on the start commit; kept so a change of node's
 * internals the linger leans on shows here.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LINGER, listen, readBody, sendBodyError, sendJson, BodyError } from '../../shared/standins/http.js';

type Conn = { socket: Socket; text: () => string; closed: Promise<void>; isClosed: () => boolean };

const CAP = 6;

describe('the lingering close against pipelining, the cap and clients that do not read', () => {
  let srv: Awaited<ReturnType<typeof listen>>;
  let port: number;
  let served: string[] = [];
  beforeAll(async () => {
    srv = await listen(
      async (req, res) => {
        served.push(`${req.method} ${req.url}`);
        // Answered before the body is read: what the broker does for an unknown path or media type.
        if (req.url?.startsWith('/early')) return sendJson(res, 404, { error: 'not_found' });
        if (req.url?.startsWith('/big')) return sendJson(res, 200, { pad: 'x'.repeat(4 * 1024 * 1024) });
        try {
          const body = await readBody(req, 1024);
          sendJson(res, 200, { got: body.length });
        } catch (err) {
          if (err instanceof BodyError) sendBodyError(res, err, { error: err.code });
          else throw err;
        }
      },
      '127.0.0.1',
      0,
      { maxConnections: CAP },
    );
    port = Number(new URL(srv.url).port);
  });
  afterAll(async () => {
    await srv.close();
  });

  function open(opts: { read?: boolean } = {}): Promise<Conn> {
    return new Promise((resolve, reject) => {
      let text = '';
      let closedNow = false;
      const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () =>
        resolve({ socket, text: () => text, closed, isClosed: () => closedNow }),
      );
      // Cut by the server: its FIN (this client is half-open, so it ends its own side then) or a reset.
      const closed = new Promise<void>((done) => {
        const cut = () => {
          closedNow = true;
          socket.destroy();
          done();
        };
        socket.once('end', cut);
        socket.once('close', cut);
      });
      socket.setEncoding('utf8');
      if (opts.read === false) socket.pause();
      else socket.on('data', (d: string) => (text += d));
      socket.on('error', () => undefined);
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
  const statuses = (t: string) => [...t.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));

  it('a keep-alive client pipelining behind an early answer: each request answered once, in order, none read from a body', async () => {
    served = [];
    const c = await open();
    // The first body holds what looks like a request: it is dropped as body bytes, never served.
    const hidden = 'GET /hidden HTTP/1.1\r\nHost: x\r\n\r\n';
    c.socket.write(
      `POST /early HTTP/1.1\r\nHost: x\r\nContent-Length: ${hidden.length}\r\n\r\n${hidden}` +
        'POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc' +
        'POST /early HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n' +
        'GET /read HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
    );
    await until(() => statuses(c.text()).length === 4);
    expect(statuses(c.text())).toEqual([404, 200, 404, 200]);
    expect(served).toEqual(['POST /early', 'POST /read', 'POST /early', 'GET /read']);
    expect(c.isClosed()).toBe(false);
    c.socket.destroy();
  });

  it('a request pipelined behind an early answer whose body never ends is never served; the connection is cut at LINGER', async () => {
    served = [];
    const c = await open();
    c.socket.write('POST /early HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\nabc');
    await until(() => statuses(c.text()).length === 1);
    c.socket.write('GET /read HTTP/1.1\r\nHost: x\r\n\r\n');
    await c.closed;
    expect(statuses(c.text())).toEqual([404]);
    expect(served).toEqual(['POST /early']);
  });

  it('lingering connections hold the cap for at most LINGER: the next client is told 503, then served', async () => {
    const lingerers = await Promise.all(Array.from({ length: CAP }, () => open()));
    for (const l of lingerers)
      l.socket.write('POST /early HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000\r\n\r\nxx');
    await until(() => lingerers.every((l) => statuses(l.text()).length === 1));
    const over = await open();
    over.socket.write('GET /read HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    await over.closed;
    expect(statuses(over.text())).toEqual([503]);
    expect(over.text()).toContain('ERR_TOO_MANY_CONNECTIONS');
    // Nobody sends the rest: each lingering connection is cut at LINGER.ms, and the slots come back.
    await Promise.all(lingerers.map((l) => l.closed));
    const after = await open();
    after.socket.write('GET /read HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    await until(() => statuses(after.text()).length === 1);
    expect(statuses(after.text())).toEqual([200]);
    after.socket.destroy();
  }, 30_000);

  it('a client that never reads (its window full) while the server lingers: cut at LINGER, the answer dropped with it', async () => {
    const c = await open({ read: false });
    // A 4 MiB answer the client never reads, given before a body of 100 GB that the client keeps writing.
    c.socket.write('POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const start = Date.now();
    let sent = 0;
    while (!c.isClosed() && Date.now() - start < 6 * LINGER.ms) {
      if (c.socket.writableLength < 1024 * 1024) {
        c.socket.write(chunk);
        sent += chunk.length;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(c.isClosed()).toBe(true);
    // Bounded by the linger's bytes (plus what the kernel's buffers took), never the declared length.
    expect(sent).toBeLessThan(LINGER.bytes + 16 * 1024 * 1024);
  }, 30_000);
});
