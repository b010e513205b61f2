/**
 * Session 27: a credential answer the connection lost *while it was being written* (a partial write:
 * the kernel took the first bytes, node kept the rest, and the client closed before the rest could go)
 * was revoked `UNDELIVERED` and its claim given back, exactly as an answer that never left (session 26's
 * pipelined queue). But the first bytes of the answer are `{"access_token":"…"`: the client can hold the
 * whole credential. A broker JWT stays valid where it is read without introspection, so the step got a
 * second credential of a single-use grant, and the audit said the first was never delivered.
 *
 * The partial write is made certain, not raced: for the one answer that carries an access token, the
 * broker's socket hands the kernel its bytes up to the token's closing quote and holds the rest (what a
 * full send buffer does to a slow reader); the client reads the token and leaves. A client that reads
 * slowly on purpose gets this on a real network; here it is the test's order, not the machine's speed.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { connect, Socket } from 'node:net';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startStack, type Stack } from '../support/broker.js';

const AUDIENCE = 'https://hooks.example.internal';
const raw = (form: string) =>
  `POST /token HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${form.length}\r\n\r\n${form}`;
const until = async (cond: () => boolean, what: string) => {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

type Write = (this: Socket, chunk: unknown, encoding: BufferEncoding, cb: (err?: Error) => void) => void;
type Writev = (
  this: Socket,
  chunks: { chunk: unknown; encoding: BufferEncoding }[],
  cb: (err?: Error) => void,
) => void;
const proto = Socket.prototype as unknown as { _write: Write; _writev: Writev };
const original = { write: proto._write, writev: proto._writev };
afterEach(() => {
  proto._write = original.write;
  proto._writev = original.writev;
});

/**
 * The next answer a server socket writes that carries `"access_token":"…"`: its bytes up to the token's
 * closing quote go to the kernel, the rest is held and never written (its callback never runs, so the
 * response never emits 'finish'). Every other write is untouched.
 */
function cutTheNextTokenAnswer(): { cut: Promise<void> } {
  let armed = true;
  let done!: () => void;
  const cut = new Promise<void>((r) => (done = r));
  const bytes = (chunk: unknown, encoding: BufferEncoding) =>
    Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding);
  const tryCut = (socket: Socket, data: Buffer): boolean => {
    if (!armed || !(socket as unknown as { server?: unknown }).server) return false;
    const text = data.toString('latin1');
    const at = text.indexOf('"access_token":"');
    if (at < 0) return false;
    armed = false;
    const end = text.indexOf('"', at + '"access_token":"'.length) + 1;
    // 'buffer': node's own encoding for a Buffer chunk (a string encoding makes it write a string).
    original.write.call(socket, data.subarray(0, end), 'buffer' as BufferEncoding, () => done());
    return true;
  };
  proto._write = function (chunk, encoding, cb) {
    if (!tryCut(this, bytes(chunk, encoding))) original.write.call(this, chunk, encoding, cb);
  };
  proto._writev = function (chunks, cb) {
    const data = Buffer.concat(chunks.map((c) => bytes(c.chunk, c.encoding)));
    if (!tryCut(this, data)) original.writev.call(this, chunks, cb);
  };
  return { cut };
}

describe('a credential answer cut while it was being written (s27)', () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('is revoked, but its claim is not given back: the client may hold it (no second credential)', async () => {
    s = await startStack();
    const stack = s;
    const form = (oidc: string) =>
      new URLSearchParams(
        stack.exchangeForm(oidc, { audience: AUDIENCE, step: 'notify', scope: '' }),
      ).toString();
    const { cut } = cutTheNextTokenAnswer();
    const sock = connect(Number(new URL(stack.broker.url).port), '127.0.0.1');
    sock.on('error', () => undefined);
    const gone = new Promise((r) => sock.on('close', r));
    let received = '';
    const token = new Promise<string>((resolve) =>
      sock.on('data', (d: Buffer) => {
        received += d.toString('latin1');
        const m = /"access_token":"([^"]+)"/.exec(received);
        if (m) resolve(m[1]!);
      }),
    );
    sock.write(raw(form(await stack.issuer.mint({ run_id: '2700000000001' }))));
    const held = await token;
    await cut;
    // The client leaves with a reset, as one does that closes with unread data: the broker's pending
    // write fails and its socket closes (a held write would keep a FIN-closed socket open forever).
    sock.resetAndDestroy();
    await gone;

    // What the client holds is the whole credential: a broker JWT that verifies with the broker's keys.
    const jwks = createLocalJWKSet(
      (await (await fetch(`${stack.broker.url}/.well-known/jwks.json`)).json()) as never,
    );
    await expect(jwtVerify(held, jwks, { audience: AUDIENCE })).resolves.toBeTruthy();
    expect(received).not.toContain('"grant_id"'); // the rest of the answer never left

    await until(() => stack.audit.events.some((e) => e.type === 'credential.revoked'), 'revoked');
    const revoked = stack.audit.events.filter((e) => e.type === 'credential.revoked');
    // Not "never delivered": its first bytes left with the token in them.
    expect(revoked.map((e) => e.reason)).toEqual(['SEND_INTERRUPTED']);

    // The step's next exchange of this single-use grant gets no second credential.
    const again = await stack.token(
      stack.exchangeForm(await stack.issuer.mint({ run_id: '2700000000001' }), {
        audience: AUDIENCE,
        step: 'notify',
        scope: '',
      }),
    );
    expect(again.status).toBe(400);
    expect(String(again.body.error_description)).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
  }, 30_000);
});
