/**
 * Session 32, attacking session 31's body-encoding refusal (ERR_BODY_ENCODING: shared/standins/http.ts
 * readBody checks the whole body with isUtf8) through a broker process over raw TCP: a well-formed
 * character split across two TCP writes or two chunks is read, not refused (the check is of the whole
 * body, never of a piece); a byte order mark, a body exactly at the 64 KiB limit with a two-byte
 * character as its last bytes (read) and one byte over (413), a Content-Length that cuts a character
 * (refused as what the broker read: not UTF-8) or promises more than is sent (408), chunks with a
 * trailer (ERR_BODY), and compressed bodies (415) each get their rule.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const FORM = 'application/x-www-form-urlencoded';
const E_ACUTE = Buffer.from('é'); // C3 A9
const LIMIT = 64 * 1024;

describe('request bodies at the edges of the UTF-8 check (s32)', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let run = 0;

  beforeAll(async () => {
    rig = await startRig({ alpha: 532201 });
    broker = await rig.spawn('s32-body');
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  /** A form exchange of the notify step for a fresh run (ASCII: the token is base64url). */
  const form = async () =>
    [
      'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange',
      `subject_token=${await rig.oidc('alpha', `s32-body-${++run}`)}`,
      'subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aid_token',
      'audience=https%3A%2F%2Fhooks.example.internal',
      'job=publish',
      'step=notify',
    ].join('&');

  /**
   * Sends `head` then each of `writes` as its own socket write (each after the previous one left the
   * socket: Nagle off), and reads the answer to the connection's end.
   */
  async function raw(head: string, writes: Buffer[], pauseMs = 0) {
    const url = new URL(broker.url);
    const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    await new Promise<void>((r, j) => socket.once('connect', r).once('error', j));
    const received: Buffer[] = [];
    const ended = new Promise<void>((r) => {
      socket.on('data', (d: Buffer) => received.push(d));
      socket.once('close', () => r());
    });
    socket.on('error', () => undefined);
    for (const w of [Buffer.from(head), ...writes])
      await new Promise<void>((r) => socket.write(w, () => setTimeout(r, pauseMs)));
    await ended;
    const text = Buffer.concat(received).toString('utf8');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
    // The first answer only (bytes past a short Content-Length are a second request to the parser).
    const start = text.indexOf('\r\n\r\n') + 4;
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(text.slice(0, start))?.[1] ?? 0);
    const json = Buffer.from(text)
      .subarray(Buffer.byteLength(text.slice(0, start)))
      .subarray(0, length)
      .toString();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(json) as Record<string, unknown>;
    } catch {
      /* not JSON (a 400 from the HTTP parser): status alone */
    }
    if (typeof body.access_token === 'string') rig.secrets.push(body.access_token);
    return { status, code: String(body.error_description ?? '').split(':')[0], body };
  }
  const headOf = (length: number | 'chunked', extra = '') =>
    `POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nConnection: close\r\n${
      length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`
    }\r\n${extra}\r\n`;
  const chunk = (b: Buffer) =>
    Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);

  it('a character split across two TCP writes is read (granted), not refused as ill-formed', async () => {
    // An unknown parameter is ignored (RFC 6749 §3.2): the raw é stands in a value the broker reads.
    const body = Buffer.concat([Buffer.from(`${await form()}&note=caf`), E_ACUTE, Buffer.from('s')]);
    const cut = body.indexOf(E_ACUTE) + 1;
    // A pause between the writes so the server's reads see two pieces (without it loopback often
    // hands both over in one read); the answer must be the same however they arrive.
    const r = await raw(headOf(body.length), [body.subarray(0, cut), body.subarray(cut)], 200);
    expect([r.status, r.code]).toEqual([200, '']);
  }, 60_000);

  it('a character split across two chunks is read (granted); chunks with a trailer too', async () => {
    for (const trailer of ['', 'X-Note: s32\r\n']) {
      const body = Buffer.concat([Buffer.from(`${await form()}&note=caf`), E_ACUTE]);
      const cut = body.length - 1;
      const r = await raw(headOf('chunked', trailer ? 'Trailer: X-Note\r\n' : ''), [
        chunk(body.subarray(0, cut)),
        chunk(body.subarray(cut)),
        Buffer.from(`0\r\n${trailer}\r\n`),
      ]);
      // Trailer fields are refused by their own rule (a proxy may merge them into the headers).
      expect([trailer, r.status, r.code]).toEqual(trailer ? [trailer, 400, 'ERR_BODY'] : [trailer, 200, '']);
      if (trailer) expect(String(r.body.error_description)).toContain('trailer fields');
    }
  }, 60_000);

  it('a body of exactly 64 KiB ending in a two-byte character is read; one byte more is 413', async () => {
    const make = async (size: number) => {
      const start = Buffer.from(`${await form()}&note=`);
      const fill = Buffer.alloc(size - start.length - E_ACUTE.length, 'a');
      return Buffer.concat([start, fill, E_ACUTE]);
    };
    const exact = await make(LIMIT);
    expect(exact.length).toBe(LIMIT);
    const r = await raw(headOf(exact.length), [exact.subarray(0, LIMIT - 1), exact.subarray(LIMIT - 1)]);
    expect([r.status, r.code]).toEqual([200, '']);
    // Declared over the limit, and (chunked) arriving over it: too large either way, not an encoding fault.
    const over = await make(LIMIT + 1);
    expect((await raw(headOf(over.length), [over])).code).toBe('ERR_BODY_TOO_LARGE');
    const chunked = await raw(headOf('chunked'), [
      chunk(over.subarray(0, LIMIT)),
      chunk(over.subarray(LIMIT)),
      Buffer.from('0\r\n\r\n'),
    ]);
    expect([chunked.status, chunked.code]).toEqual([413, 'ERR_BODY_TOO_LARGE']);
  }, 60_000);

  it('a Content-Length that cuts a character: what the broker read is refused as not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from(`${await form()}&note=`), E_ACUTE, Buffer.from('x')]);
    const cut = body.length - 2;
    // Only the declared bytes: the body the broker reads ends inside the character.
    const r = await raw(headOf(cut), [body.subarray(0, cut)]);
    expect([r.status, r.code]).toEqual([400, 'ERR_BODY_ENCODING']);
    // The rest sent too: to Node's parser a second request, malformed: the connection ends with a bare
    // 400, and the first is still refused by its encoding (a line, no grant).
    const lines = () => rig.audit('s32-body').filter((e) => e.reason === 'ERR_BODY_ENCODING').length;
    const before = lines();
    const granted = rig.audit('s32-body').filter((e) => e.type === 'credential.granted').length;
    const both = await raw(headOf(cut), [body]);
    expect(both.status).toBe(400);
    expect(both.body.access_token).toBeUndefined();
    await until(() => lines() > before, 30_000, 'the refusal line of the cut body');
    expect(rig.audit('s32-body').filter((e) => e.type === 'credential.granted').length).toBe(granted);
  }, 60_000);

  it('a Content-Length longer than the body: 408 at the body deadline, nothing issued', async () => {
    const body = Buffer.from(await form());
    const r = await raw(headOf(body.length + 10), [body]);
    expect([r.status, r.code]).toEqual([408, 'ERR_BODY_TIMEOUT']);
  }, 60_000);

  it('a byte order mark before the form: its first name is not grant_type, refused by that rule', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(await form())]);
    const r = await raw(headOf(body.length), [body]);
    expect(r.status).toBe(400);
    expect(r.code).toMatch(/^ERR_(PARAM|GRANT_TYPE)/);
    expect(r.body.access_token).toBeUndefined();
  }, 60_000);

  it.each(['gzip', 'deflate', 'br', 'GZIP ', 'identity, gzip'])(
    'Content-Encoding %s: refused by the content rule (415), not read as a form',
    async (coding) => {
      const body = Buffer.from(await form());
      const r = await raw(headOf(body.length, `Content-Encoding: ${coding}\r\n`), [body]);
      expect([r.status, r.code]).toEqual([415, 'ERR_CONTENT_TYPE']);
    },
    60_000,
  );
});
