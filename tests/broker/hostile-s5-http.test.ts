/**
 * Hostile review (session 5), the HTTP edge of the real broker: parameters given twice in a JSON body,
 * query strings beside the body, path and method tricks, content types, and chained exchanges as a way
 * around the repository's rate limit. Every refusal: a 4xx with its stable code and an audit line, and
 * no token text in any response or audit line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { connect } from 'node:net';
import { auditEventSchema } from '../../shared/audit/event.js';
import { duplicateMember } from '../../shared/oidc/json-members.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
let s: Stack;
/** Every token this suite minted or received: none may appear in a refusal body or an audit line. */
const secrets = new Set<string>();
const bodies: string[] = [];

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  try {
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) {
      expect(audit.includes(t)).toBe(false);
      for (const b of bodies) expect(b.includes(t)).toBe(false);
    }
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
});

async function send(
  path: string,
  init: { method?: string; body?: string; type?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const res = await fetch(`${s.broker.url}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      ...(init.type !== undefined ? { 'content-type': init.type } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  if (res.status >= 400) bodies.push(text);
  let body: Record<string, unknown>;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  return { status: res.status, body, text };
}

async function oidc(claims: Record<string, unknown> = {}): Promise<string> {
  const t = await s.issuer.mint(claims);
  secrets.add(t);
  return t;
}

/** A request whose path is sent byte for byte (fetch would normalize `/admin/../token`). */
function rawHttp(
  path: string,
  method: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(s.broker.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        headers: {
          ...headers,
          connection: 'close',
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          bodies.push(text);
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The refusal: its status, the code first in error_description, and an audit line with that reason. */
async function refused(
  call: () => Promise<{ status: number; body: Record<string, unknown> }>,
  expected: string,
  status = 400,
) {
  const before = s.audit.events.length;
  const r = await call();
  expect([r.status, errorCode(r)]).toEqual([status, expected]);
  expect(s.audit.events.slice(before).map((e) => e.reason)).toContain(expected);
  return r;
}

describe('a parameter given twice is refused in every body format', () => {
  it('finds duplicate member names, escaped or not, only at the top level', () => {
    expect(duplicateMember('{"a":1,"b":2}')).toBeUndefined();
    expect(duplicateMember('{"a":1,"a":2}')).toBe('a');
    expect(duplicateMember('{"job":"x","\\u006aob":"y"}')).toBe('job');
    expect(duplicateMember('{"a":{"x":1,"x":2},"b":["a","a"]}')).toBeUndefined();
    expect(duplicateMember('{"a":"\\"a\\":","b":1}')).toBeUndefined();
    expect(duplicateMember('{"a":"x\\\\","a":1}')).toBe('a');
    expect(duplicateMember(' { "s" : [ 1 , { "s" : 2 } ] , "s" : 3 } ')).toBe('s');
  });

  it.each([
    ['subject_token twice (the first a forgery, the last genuine)', 'subject_token'],
    ['job twice', 'job'],
    ['step twice, one written with a \\u escape', 'step'],
  ])('JSON body: %s -> ERR_PARAM_DUPLICATE, nothing verified or issued', async (_n, name) => {
    const genuine = await oidc({ run_id: runIdOf(`dup-${name}`) });
    const f = s.exchangeForm(genuine, { audience: HOOKS, step: 'notify' });
    const first = name === 'subject_token' ? 'forged.token.value' : name === 'job' ? 'other' : 'release';
    const key = name === 'step' ? '\\u0073tep' : name;
    const body = `{"${key}":${JSON.stringify(first)},${JSON.stringify(f).slice(1)}`;
    await refused(() => send('/token', { body, type: 'application/json' }), 'ERR_PARAM_DUPLICATE');
    // The genuine token was not consumed: the same request without the duplicate is granted.
    const ok = await send('/token', { body: JSON.stringify(f), type: 'application/json' });
    expect(ok.status).toBe(200);
    secrets.add(ok.body.access_token as string);
  });

  it('form body: subject_token twice -> ERR_PARAM_DUPLICATE (also with an encoded name)', async () => {
    const t = await oidc();
    const f = new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify' }));
    const body = `${f.toString()}&subject%5Ftoken=x.y.z`;
    await refused(
      () => send('/token', { body, type: 'application/x-www-form-urlencoded' }),
      'ERR_PARAM_DUPLICATE',
    );
  });

  it('/revoke and the admin endpoints refuse a duplicate too', async () => {
    await refused(
      () => send('/revoke', { body: '{"token":"a","token":"b"}', type: 'application/json' }),
      'ERR_PARAM_DUPLICATE',
    );
    await refused(
      () =>
        send('/admin/revoke', {
          body: '{"repository":"octo-org/other","repository":"octo-org/octo-repo"}',
          type: 'application/json',
          headers: { authorization: 'Bearer secret' },
        }),
      'ERR_PARAM_DUPLICATE',
    );
  });
});

describe('query strings, paths and methods never reach another handler', () => {
  it('query parameters are never read: a POST with a query is refused before its body (session 25)', async () => {
    const t = await oidc({ run_id: runIdOf('query-1') });
    const f = new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify' }));
    const evil = await oidc({ run_id: runIdOf('query-evil') });
    // The body lacks subject_token; the query's is not used.
    const noSubject = new URLSearchParams(f);
    noSubject.delete('subject_token');
    await refused(
      () =>
        send(`/token?subject_token=${encodeURIComponent(evil)}`, {
          body: noSubject.toString(),
          type: 'application/x-www-form-urlencoded',
        }),
      'ERR_PARAM_INVALID',
    );
    // A query dry_run was ignored (a real credential for a client asking a dry run): now refused,
    // and the body's token is left unused (the same form exchanges without the query).
    await refused(
      () =>
        send('/token?dry_run=true&job=other', {
          body: f.toString(),
          type: 'application/x-www-form-urlencoded',
        }),
      'ERR_PARAM_INVALID',
    );
    const r = await send('/token', { body: f.toString(), type: 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(200);
    expect(r.body.access_token).toEqual(expect.any(String));
    secrets.add(r.body.access_token as string);
  });

  it.each([
    ['/token/', 'POST'],
    ['//token', 'POST'],
    ['/admin/../token', 'POST'],
    ['/%74oken', 'POST'],
    ['/TOKEN', 'POST'],
    ['/token', 'GET'],
    ['/token', 'PUT'],
    ['/token', 'DELETE'],
    ['/revoke', 'GET'],
    ['/admin/revoke', 'GET'],
    ['/admin/revoke/', 'POST'],
    ['//admin/revoke', 'POST'],
    ['/admin/%72evoke', 'POST'],
    ['/introspect', 'GET'],
    ['/token?', 'PATCH'],
    ['/token%00', 'POST'],
    ['/token;x', 'POST'],
  ])('%s %s -> 404 ERR_NO_ROUTE, audited', async (path, method) => {
    const t = await oidc();
    const body =
      method === 'GET'
        ? undefined
        : new URLSearchParams(s.exchangeForm(t, { repository: 'octo-org/octo-repo' }));
    await refused(
      () =>
        rawHttp(path, method, body?.toString(), {
          authorization: 'Bearer secret',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        }),
      'ERR_NO_ROUTE',
      404,
    );
    // Nothing was blocked or issued by a path that only looks like an endpoint.
    expect(await s.store.blocks()).toEqual([]);
  });

  it('HEAD and OPTIONS on POST endpoints answer 404 without a body', async () => {
    for (const method of ['HEAD', 'OPTIONS']) {
      const res = await fetch(`${s.broker.url}/token`, { method });
      expect(res.status).toBe(404);
      if (method === 'HEAD') expect(await res.text()).toBe('');
      else await res.text();
    }
  });

  it('the admin endpoints refuse without, or with a wrong, bearer token (401), whatever the path spelling', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong',
      'Basic c2VjcmV0',
      'Bearer  ',
      'secret',
      'Bearer secret x',
    ])
      for (const path of ['/admin/revoke', '/admin/unblock'])
        await refused(
          () =>
            send(path, {
              body: 'repository=octo-org%2Focto-repo',
              type: 'application/x-www-form-urlencoded',
              headers: authorization ? { authorization } : {},
            }),
          'ERR_ADMIN_UNAUTHORIZED',
          401,
        );
    expect(await s.store.blocks()).toEqual([]);
  });
});

describe('content types', () => {
  it.each([
    ['text/plain', 415, 'ERR_CONTENT_TYPE'],
    ['multipart/form-data; boundary=x', 415, 'ERR_CONTENT_TYPE'],
    ['application/xml', 415, 'ERR_CONTENT_TYPE'],
  ])('%s -> %s %s', async (type, status, expected) => {
    const t = await oidc();
    const f = new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify' }));
    await refused(() => send('/token', { body: f.toString(), type }), expected, status);
  });

  it('no content type at all -> 415 ERR_CONTENT_TYPE', async () => {
    const res = await fetch(`${s.broker.url}/token`, { method: 'POST', body: new Uint8Array([1, 2]) });
    const text = await res.text();
    expect(res.status).toBe(415);
    expect(text).toMatch(/ERR_CONTENT_TYPE/);
  });

  it('a JSON body sent as a form is one unknown parameter: ERR_PARAM_MISSING, never parsed as JSON', async () => {
    const t = await oidc();
    const body = JSON.stringify(s.exchangeForm(t, { audience: HOOKS, step: 'notify' }));
    await refused(
      () => send('/token', { body, type: 'application/x-www-form-urlencoded' }),
      'ERR_PARAM_MISSING',
    );
  });
});

describe('chained exchanges are charged to the repository rate limit', () => {
  it('a refused chained exchange has exactly one audit line', async () => {
    const before = s.audit.events.length;
    const r = await send('/token', {
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 'not.a.jwt',
        subject_token_type: JWT,
      }).toString(),
      type: 'application/x-www-form-urlencoded',
    });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
    expect(s.audit.events.slice(before).map((e) => e.reason)).toEqual(['ERR_CHAIN_SUBJECT']);
  });

  it('a holder of one broker JWT cannot mint children past the per-repository limit', async () => {
    const st = await startStack({ rate: 4 });
    try {
      const t = await st.issuer.mint({ run_id: runIdOf('chain-flood') });
      secrets.add(t);
      const parent = await st.token(st.exchangeForm(t, { audience: HOOKS, step: 'notify' }));
      expect(parent.status).toBe(200);
      const jwt = parent.body.access_token as string;
      secrets.add(jwt);
      const statuses: number[] = [];
      let last: { status: number; body: Record<string, unknown>; headers: Headers } | undefined;
      for (let i = 0; i < 8; i++) {
        last = await st.token({
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: jwt,
          subject_token_type: JWT,
        });
        statuses.push(last.status);
        if (last.status === 200) secrets.add(last.body.access_token as string);
      }
      // Chained exchanges have a bucket of their own (session 23; the parent's exchange took the
      // exchanges' bucket): four children, then 429 with Retry-After.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
      expect(errorCode(last!)).toBe('ERR_RATE_LIMITED');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(st.audit.events.at(-1)).toMatchObject({
        type: 'credential.rate_limited',
        reason: 'ERR_RATE_LIMITED',
        repository: 'octo-org/octo-repo',
      });
      // Fewer records than requests: the flood left nothing behind past the limit.
      const live = await st.store.live(
        { repositoryId: '100001', runId: runIdOf('chain-flood') },
        Math.floor(Date.now() / 1000),
      );
      expect(live).toHaveLength(5);
    } finally {
      await st.close();
    }
  });
});

describe('chained subjects: only a live JWT this broker signed, never a dry run that issues', () => {
  const chainForm = (subject: string, over: Record<string, string> = {}) =>
    new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subject,
      subject_token_type: JWT,
      ...over,
    }).toString();

  it('alg none, HS256 keyed with the broker public key, an OIDC token or a GitHub token as the subject -> ERR_CHAIN_SUBJECT', async () => {
    const t = await oidc({ run_id: runIdOf('chain-forge') });
    const parent = await send('/token', {
      body: new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify' })).toString(),
      type: 'application/x-www-form-urlencoded',
    });
    expect(parent.status).toBe(200);
    const jwt = parent.body.access_token as string;
    secrets.add(jwt);
    const [h, p] = jwt.split('.') as [string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const none = `${b64({ ...header, alg: 'none' })}.${p}.`;
    const jwk = (await (await fetch(`${s.broker.url}/.well-known/jwks.json`)).json()) as { keys: object[] };
    const { createHmac } = await import('node:crypto');
    const hsInput = `${b64({ ...header, alg: 'HS256' })}.${p}`;
    const hs = `${hsInput}.${createHmac('sha256', JSON.stringify(jwk.keys[0])).update(hsInput).digest('base64url')}`;
    const gh = await oidc({ run_id: runIdOf('chain-gh') });
    const ghToken = await send('/token', {
      body: new URLSearchParams(s.exchangeForm(gh, { audience: 'github', step: 'release' })).toString(),
      type: 'application/x-www-form-urlencoded',
    });
    expect(ghToken.status).toBe(200);
    secrets.add(ghToken.body.access_token as string);
    for (const subject of [none, hs, await oidc(), ghToken.body.access_token as string]) {
      secrets.add(subject);
      await refused(
        () => send('/token', { body: chainForm(subject), type: 'application/x-www-form-urlencoded' }),
        'ERR_CHAIN_SUBJECT',
      );
    }
    // dry_run on a chained exchange: refused, nothing issued (it would have minted a real child).
    const before = (await s.store.live({ runId: runIdOf('chain-forge') }, Math.floor(Date.now() / 1000)))
      .length;
    await refused(
      () =>
        send('/token', {
          body: chainForm(jwt, { dry_run: 'true' }),
          type: 'application/x-www-form-urlencoded',
        }),
      'ERR_PARAM_INVALID',
    );
    expect(
      (await s.store.live({ runId: runIdOf('chain-forge') }, Math.floor(Date.now() / 1000))).length,
    ).toBe(before);
  });
});

describe('oversized headers and chunked bodies', () => {
  it('an oversized header is answered 431 by the HTTP layer, and the broker keeps answering', async () => {
    const big = await new Promise<number>((resolve, reject) => {
      const url = new URL(s.broker.url);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/token',
          method: 'POST',
          headers: { authorization: `Bearer ${'x'.repeat(40 * 1024)}`, 'content-length': '0' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(big).toBe(431);
    expect((await fetch(`${s.broker.url}/healthz`)).status).toBe(200);
  });

  it('a chunked form body is read whole; a chunked body over 64 KiB is refused (413)', async () => {
    const t = await oidc({ run_id: runIdOf('chunked') });
    const text = new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify' })).toString();
    const chunks = (parts: string[]) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const part of parts) c.enqueue(new TextEncoder().encode(part));
          c.close();
        },
      });
    const ok = await fetch(`${s.broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: chunks([text.slice(0, 10), text.slice(10, 500), text.slice(500)]),
      duplex: 'half',
    } as RequestInit);
    const okBody = (await ok.json()) as Record<string, unknown>;
    expect(ok.status).toBe(200);
    secrets.add(okBody.access_token as string);
    const big = await fetch(`${s.broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: chunks(Array.from({ length: 80 }, () => 'a'.repeat(1024))),
      duplex: 'half',
    } as RequestInit).catch(() => undefined);
    if (big) expect(big.status).toBe(413);
    expect((await fetch(`${s.broker.url}/healthz`)).status).toBe(200);
  });
});

describe('dry_run is true or false, nothing else', () => {
  it.each(['1', 'TRUE', 'True', 'yes', ' true', ''])(
    'dry_run=%j -> ERR_PARAM_INVALID, nothing issued or used',
    async (v) => {
      const t = await oidc({ run_id: runIdOf(`dry-${v}`) });
      const f = new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify', dry_run: v }));
      await refused(
        () => send('/token', { body: f.toString(), type: 'application/x-www-form-urlencoded' }),
        'ERR_PARAM_INVALID',
      );
      // The token and the grant are untouched: a real dry run, then the exchange, both succeed.
      f.set('dry_run', 'true');
      const dry = await send('/token', { body: f.toString(), type: 'application/x-www-form-urlencoded' });
      expect(dry.body).toMatchObject({ granted: true, dry_run: true });
      f.set('dry_run', 'false');
      const real = await send('/token', { body: f.toString(), type: 'application/x-www-form-urlencoded' });
      expect(real.status).toBe(200);
      secrets.add(real.body.access_token as string);
    },
  );
});

describe('job-end /revoke reaches only the run attempt its token names', () => {
  it("another repository's, another run's or another attempt's fresh token revokes and lists nothing of this run", async () => {
    const t = await oidc({ run_id: '8001' });
    const mine = await send('/token', {
      body: new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify' })).toString(),
      type: 'application/x-www-form-urlencoded',
    });
    expect(mine.status).toBe(200);
    const jwt = mine.body.access_token as string;
    secrets.add(jwt);
    for (const claims of [
      { run_id: '8001', repository: 'octo-org/other', repository_id: '999' },
      { run_id: '8002' },
      { run_id: '8001', run_attempt: '2' },
      { run_id: '8001', workflow_file: 'ci.yml' },
    ]) {
      const r = await send('/revoke', {
        body: new URLSearchParams({ subject_token: await oidc(claims), job: 'publish' }).toString(),
        type: 'application/x-www-form-urlencoded',
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ revoked: 0, credentials: [] });
    }
    const intro = await send('/introspect', {
      body: new URLSearchParams({ token: jwt }).toString(),
      type: 'application/x-www-form-urlencoded',
      headers: { authorization: 'Bearer secret' },
    });
    expect(intro.body).toMatchObject({ active: true });
  });
});

describe('request smuggling shapes', () => {
  /** Raw bytes on one connection; resolves with everything the broker answered before closing. */
  function rawSocket(bytes: string): Promise<string> {
    const url = new URL(s.broker.url);
    return new Promise((resolve, reject) => {
      const sock = connect(Number(url.port), url.hostname, () => sock.end(bytes));
      let out = '';
      sock.setEncoding('utf8');
      sock.on('data', (d: string) => (out += d));
      sock.on('close', () => resolve(out));
      sock.on('error', reject);
    });
  }

  it('Content-Length beside Transfer-Encoding, or two Content-Lengths, is a 400 from the HTTP layer; nothing behind it runs', async () => {
    const t = await oidc({ run_id: runIdOf('smuggle') });
    const body = new URLSearchParams(s.exchangeForm(t, { audience: HOOKS, step: 'notify' })).toString();
    const inner = `POST /admin/revoke HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\nrepository=octo-org%2Focto-re`;
    const both = await rawSocket(
      `POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${inner}`,
    );
    expect(both).toMatch(/^HTTP\/1\.1 400/);
    const two = await rawSocket(
      `POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nContent-Length: 0\r\n\r\n${body}`,
    );
    expect(two).toMatch(/^HTTP\/1\.1 400/);
    expect(await s.store.blocks()).toEqual([]);
    // The token was never exchanged: it still is.
    const ok = await send('/token', { body, type: 'application/x-www-form-urlencoded' });
    expect(ok.status).toBe(200);
    secrets.add(ok.body.access_token as string);
  });
});
