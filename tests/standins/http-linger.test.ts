/**
 * A 413 for a body over the limit is answered while the body is still arriving. Closing the
 * connection at once (what Node does after a `Connection: close` answer) makes the kernel reset a
 * connection that has unread input, so a client still writing its body saw EPIPE instead of the 413:
 * the fresh CI run of session 30 failed s31-form-body-http this way at load. The rest of the body is
 * now read and dropped, within LINGER, and the connection stays usable.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BodyError, LINGER, listen, readBody, sendBodyError, sendJson } from '../../shared/standins/http.js';

type Conn = { socket: Socket; text: () => string; error: () => Error | undefined; closed: Promise<number> };

describe('a 413 answered while the body still arrives (lingering close)', () => {
  let url: URL;
  let close: () => Promise<void>;
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);

  beforeAll(async () => {
    process.on('warning', onWarning);
    const server = await listen(async (req, res) => {
      try {
        const body = await readBody(req, 64 * 1024);
        sendJson(res, 200, { length: body.length });
      } catch (err) {
        if (err instanceof BodyError)
          sendBodyError(res, err, { error: 'invalid_request', error_description: err.code });
        else throw err;
      }
    });
    url = new URL(server.url);
    close = server.close;
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await close();
  });

  function open(): Promise<Conn> {
    return new Promise((resolve, reject) => {
      let text = '';
      let error: Error | undefined;
      const socket = connect(Number(url.port), url.hostname, () =>
        resolve({ socket, text: () => text, error: () => error, closed }),
      );
      const started = Date.now();
      const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)));
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('error', (e) => (error = e));
      socket.once('error', reject);
    });
  }
  const until = async (what: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const head = (length: number) =>
    `POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;
  const write = (s: Socket, data: string) =>
    new Promise<void>((r, j) => s.write(data, (e) => (e ? j(e) : r())));

  it('the rest of a declared 1 MiB body, written after the 413 is read, is taken; the connection serves the next request', async () => {
    const c = await open();
    const total = 1 << 20;
    await write(c.socket, head(total) + 'a'.repeat(100_000));
    await until(() => c.text().includes('ERR_BODY_TOO_LARGE'));
    expect(c.text()).toMatch(/^HTTP\/1\.1 413 /);
    // The old answer closed the connection as soon as the 413 was out: this write was then reset.
    await new Promise((r) => setTimeout(r, 300));
    await write(c.socket, 'a'.repeat(total - 100_000));
    await write(c.socket, head(3) + 'a=b');
    await until(() => /HTTP\/1\.1 200 [^]*\{"length":3\}/.test(c.text()));
    expect(c.error()).toBeUndefined();
    c.socket.destroy();
  }, 20_000);

  it('a client that keeps writing past LINGER.bytes is cut off', async () => {
    const c = await open();
    c.socket.write(head(64 * LINGER.bytes));
    const chunk = 'a'.repeat(256 * 1024);
    let sent = 0;
    while (!c.socket.destroyed && sent < 4 * LINGER.bytes) {
      c.socket.write(chunk);
      sent += chunk.length;
      if (c.socket.writableLength > 4 * chunk.length) await new Promise((r) => setTimeout(r, 1));
    }
    await c.closed;
    expect(c.text()).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(4 * LINGER.bytes);
  }, 20_000);

  it('a client that stops writing its declared body is cut off after LINGER.ms', async () => {
    const c = await open();
    c.socket.write(head(10_000_000) + 'a'.repeat(100_000));
    const ms = await c.closed;
    expect(c.text()).toMatch(/^HTTP\/1\.1 413 /);
    expect(ms).toBeGreaterThanOrEqual(LINGER.ms - 100);
    expect(ms).toBeLessThan(LINGER.ms + 3000);
  }, 20_000);

  it('twenty 413s on one connection leave no listener behind (no MaxListenersExceededWarning)', async () => {
    const c = await open();
    const body = 'a'.repeat(64 * 1024 + 1);
    for (let i = 1; i <= 20; i++) {
      await write(c.socket, head(body.length) + body);
      await until(() => (c.text().match(/ 413 /g) ?? []).length === i);
    }
    expect(c.error()).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    c.socket.destroy();
  }, 20_000);
});
