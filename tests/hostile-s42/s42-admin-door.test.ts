/**
 * Session 42, the admin door from the wrong side (left by session 41). An `/admin/*` request on a
 * keep-alive connection that already carried a refused exchange, a refused oversized body, or in a
 * pipelined pair with one: the admin's request must get the admin's answer and its own audit line,
 * nothing of the earlier request's state (its refusal, its actor, its parameters). And the two tokens
 * sent through the other door: an OIDC token as the admin bearer, the admin token as the subject
 * token or the exchange's bearer: refused, and neither token written to the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import { errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const ADMIN = 'secret'; // the stack's admin token (its sha256 is configured)
let s: Stack;
beforeAll(async () => {
  s = await startStack({});
});
afterAll(async () => {
  await s.close();
});

interface Answer {
  status: number;
  headers: string;
  body: Record<string, unknown>;
}

/** A request's bytes, framed by Content-Length, on a connection the client keeps alive. */
const request = (path: string, body: string, headers: readonly string[] = []): string =>
  [
    `POST ${path} HTTP/1.1`,
    'host: broker',
    'content-type: application/x-www-form-urlencoded',
    ...headers,
    `content-length: ${Buffer.byteLength(body)}`,
  ].join('\r\n') + `\r\n\r\n${body}`;

/** Reads whole responses (Content-Length framed) off one socket, in order; `closed` once it ends. */
function reader(sock: Socket) {
  let buf = '';
  let ended = false;
  const waiting: (() => void)[] = [];
  sock.setEncoding('utf8');
  sock.on('data', (d: string) => ((buf += d), waiting.splice(0).forEach((w) => w())));
  sock.on('close', () => ((ended = true), waiting.splice(0).forEach((w) => w())));
  sock.on('error', () => undefined);
  const take = (): Answer | undefined => {
    const head = buf.indexOf('\r\n\r\n');
    if (head < 0) return undefined;
    const headers = buf.slice(0, head);
    const length = Number(/content-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
    if (buf.length < head + 4 + length) return undefined;
    const text = buf.slice(head + 4, head + 4 + length);
    buf = buf.slice(head + 4 + length);
    return {
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0),
      headers,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  };
  return {
    get closed() {
      return ended && buf.length === 0;
    },
    async next(): Promise<Answer | undefined> {
      for (;;) {
        const a = take();
        if (a || ended) return a;
        await new Promise<void>((r) => waiting.push(r));
      }
    },
  };
}

const open = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const u = new URL(s.broker.url);
    const sock = connect(Number(u.port), u.hostname, () => resolve(sock));
    sock.on('error', reject);
  });

let runs = 0;
/** An exchange the broker refuses after reading it whole: its OIDC token names another audience. */
const refusedExchange = async (): Promise<string> =>
  new URLSearchParams(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s42d-${++runs}`), aud: 'https://elsewhere' }), {
      audience: HOOKS,
      step: 'notify',
    }),
  ).toString();

const adminLines = () =>
  s.audit.events.filter((e) => e.type === 'admin.revoke' || e.type === 'admin.unblock');

/**
 * The admin request answered as the admin's: a kill switch by this request's own selector, its line
 * naming the admin and that selector, and no trace of the refused exchange before it.
 */
async function adminAnsweredAsItself(a: Answer | undefined, repository: string, before: number) {
  expect(a?.status).toBe(200);
  expect(a?.body).toMatchObject({ revoked: 0, blocked: true });
  const lines = adminLines().slice(before);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    type: 'admin.revoke',
    outcome: 'success',
    actor: { login: expect.any(String), type: 'User' },
    details: { target: { repository } },
  });
  expect(JSON.stringify(lines[0])).not.toMatch(/ERR_OIDC|elsewhere|notify/);
  // Lifted again: the next case starts with no block.
  expect((await s.post('/admin/unblock', { repository }, { authorization: `Bearer ${ADMIN}` })).status).toBe(
    200,
  );
}

describe('an admin request behind a refused one on the same connection (s42)', () => {
  it('keep-alive: a refused exchange, then the kill switch: the admin gets its own answer and line', async () => {
    const sock = await open();
    const r = reader(sock);
    sock.write(request('/token', await refusedExchange()));
    const refused = await r.next();
    expect(refused?.status).toBeGreaterThanOrEqual(400);
    expect(errorCode(refused!)).toMatch(/^ERR_OIDC_AUD/);
    const before = adminLines().length;
    // The connection is kept (its body was read whole): the admin asks on it.
    expect(r.closed).toBe(false);
    sock.write(
      request('/admin/revoke', 'repository=octo-org%2Fkeepalive', [`authorization: Bearer ${ADMIN}`]),
    );
    await adminAnsweredAsItself(await r.next(), 'octo-org/keepalive', before);
    sock.destroy();
  });

  it('pipelined: the refused exchange and the kill switch in one write', async () => {
    const sock = await open();
    const r = reader(sock);
    const before = adminLines().length;
    sock.write(
      request('/token', await refusedExchange()) +
        request('/admin/revoke', 'repository=octo-org%2Fpipelined', [`authorization: Bearer ${ADMIN}`]),
    );
    const first = await r.next();
    expect(errorCode(first!)).toMatch(/^ERR_OIDC_AUD/);
    // Answered as the admin's: never the exchange's refusal again, never its state.
    await adminAnsweredAsItself(await r.next(), 'octo-org/pipelined', before);
    sock.destroy();
  });

  it('a body refused for size, then an unauthenticated admin request: refused as unauthenticated', async () => {
    const sock = await open();
    const r = reader(sock);
    // The oversized body carries an admin bearer; the next request carries none: nothing of the
    // first request's headers may authorize the second.
    sock.write(
      request('/admin/revoke', `repository=octo-org%2Fbig&pad=${'x'.repeat(70 * 1024)}`, [
        `authorization: Bearer ${ADMIN}`,
      ]) + request('/admin/revoke', 'repository=octo-org%2Fsmuggled'),
    );
    const first = await r.next();
    expect(first?.status).toBe(413);
    expect(errorCode(first!)).toBe('ERR_BODY_TOO_LARGE');
    // The oversized body was drained, so the second request is parsed as its own, with its own headers.
    const second = await r.next();
    expect(second?.status).toBe(401);
    expect(errorCode(second!)).toBe('ERR_ADMIN_UNAUTHORIZED');
    sock.destroy();
    expect(await s.store.blocks()).toEqual([]);
  });
});

describe('each token at the other door (s42)', () => {
  it('an OIDC token as the admin bearer: 401, the token in no line', async () => {
    const oidc = await s.issuer.mint({ run_id: runIdOf('s42d-oidc-admin') });
    const before = s.audit.events.length;
    for (const path of ['/admin/revoke', '/admin/unblock']) {
      const r = await s.post(path, { repository: 'octo-org/octo-repo' }, { authorization: `Bearer ${oidc}` });
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('ERR_ADMIN_UNAUTHORIZED');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    const lines = s.audit.events.slice(before);
    expect(lines.map((l) => [l.type, l.outcome, l.reason])).toEqual([
      ['admin.revoke', 'denied', 'ERR_ADMIN_UNAUTHORIZED'],
      ['admin.unblock', 'denied', 'ERR_ADMIN_UNAUTHORIZED'],
    ]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(oidc.split('.')[1]);
    expect(text).not.toContain(oidc.split('.')[2]);
    expect(await s.store.blocks()).toEqual([]);
  });

  it('the admin token as the subject token, or as the exchange bearer: refused, the token in no line', async () => {
    const before = s.audit.events.length;
    const asSubject = await s.token(s.exchangeForm(ADMIN, { audience: HOOKS, step: 'notify' }));
    expect(asSubject.status).toBeGreaterThanOrEqual(400);
    expect(errorCode(asSubject)).toMatch(/^ERR_OIDC_/);
    // A valid exchange sent with the admin bearer: the bearer grants nothing more than the token does.
    const oidc = await s.issuer.mint({ run_id: runIdOf('s42d-admin-bearer') });
    const withBearer = await s.post(
      '/token',
      s.exchangeForm(oidc, { audience: HOOKS, step: 'notify', scope: 'notify:send notify:read admin' }),
      { authorization: `Bearer ${ADMIN}` },
    );
    expect(withBearer.status).toBeGreaterThanOrEqual(400);
    const lines = s.audit.events.slice(before);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((l) => l.type !== 'admin.revoke' && !l.actor?.login?.startsWith('admin'))).toBe(true);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(`"${ADMIN}"`);
    expect(text).not.toContain(`Bearer ${ADMIN}`);
    expect(text).not.toContain(oidc.split('.')[2]);
  });

  it('the admin token sent to /revoke (as the token, or as the subject token): nothing revoked, in no line', async () => {
    const before = s.audit.events.length;
    // RFC 7009: a token the server does not know is answered 200, and nothing happens.
    const asToken = await s.post('/revoke', { token: ADMIN });
    expect(asToken.status).toBe(200);
    const asSubject = await s.post('/revoke', { subject_token: ADMIN });
    expect(asSubject.status).toBeGreaterThanOrEqual(400);
    expect(errorCode(asSubject)).toMatch(/^ERR_OIDC_/);
    const text = JSON.stringify(s.audit.events.slice(before));
    expect(text).not.toContain(`"${ADMIN}"`);
    expect(s.audit.events.slice(before).some((e) => e.type === 'credential.revoked')).toBe(false);
  });

  it('introspection with an OIDC token as its bearer: refused (an OIDC token is no client of the broker)', async () => {
    const oidc = await s.issuer.mint({ run_id: runIdOf('s42d-introspect') });
    const r = await s.post('/introspect', { token: oidc }, { authorization: `Bearer ${oidc}` });
    expect(r.status).toBe(401);
    expect(JSON.stringify(s.audit.events)).not.toContain(oidc.split('.')[2]);
  });
});
