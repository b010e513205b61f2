/**
 * Hostile review (session 7), odd HTTP at `POST /token` of the real broker: media types with
 * suffixes and charsets, parameter names in another case, parameters given twice, RFC 8693
 * parameters the broker does not act on, grant_type and subject_token_type spellings, scopes spelled
 * otherwise, JSON bodies, many headers. Refused with a stable code and an audit line, never a 5xx;
 * nothing refused uses the OIDC token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { auditEventSchema } from '../../shared/audit/event.js';
import { bodyTypeOf } from '../../shared/broker/request.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID = 'urn:ietf:params:oauth:token-type:id_token';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 60 }
          - { step: release, audience: github, permissions: { contents: write, issues: read }, uses: 100, ttl: 60 }
`;

let s: Stack;
const secrets = new Set<string>();
const statuses: number[] = [];
let runs = 0;

beforeAll(async () => {
  // A generous GitHub deadline: the stand-in's first answer compiles its OpenAPI validator, slow on a busy machine.
  s = await startStack({ manifest: MANIFEST, app: { timeoutMs: 60_000 } });
});
afterAll(async () => {
  try {
    expect(statuses.filter((x) => x >= 500)).toEqual([]);
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) expect(audit.includes(t)).toBe(false);
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
});

async function oidc(): Promise<string> {
  const t = await s.issuer.mint({ run_id: runIdOf(`s7h-${++runs}`) });
  secrets.add(t);
  return t;
}

async function send(
  body: string,
  type: string | undefined = 'application/x-www-form-urlencoded',
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${s.broker.url}/token`, {
    method: 'POST',
    headers: { ...(type !== undefined ? { 'content-type': type } : {}), ...headers },
    body,
  });
  statuses.push(res.status);
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (typeof parsed.access_token === 'string') secrets.add(parsed.access_token);
  return { status: res.status, body: parsed };
}
const form = (token: string, over: Record<string, string> = {}) =>
  new URLSearchParams({
    grant_type: GRANT,
    subject_token: token,
    subject_token_type: ID,
    audience: HOOKS,
    job: 'publish',
    step: 'notify',
    ...over,
  }).toString();

/** Refused with `expected` and one audit line saying so; the token is then still good for one exchange. */
async function refusedThenUsable(body: (t: string) => string, expected: string, status = 400, type?: string) {
  const t = await oidc();
  const before = s.audit.events.length;
  const r = await send(body(t), type);
  expect([r.status, errorCode(r)]).toEqual([status, expected]);
  expect(s.audit.events.slice(before).map((e) => e.reason)).toContain(expected);
  const ok = await send(form(t));
  expect([ok.status, errorCode(ok)]).toEqual([200, '']);
}

describe('media types', () => {
  it.each([
    ['application/json-patch+json', 'a JSON suffix type'],
    ['application/jsonx', 'a longer type'],
    ['application/x-www-form-urlencoded-evil', 'a longer form type'],
    ['application/x-www-form-urlencoded; charset=utf-16', 'UTF-16'],
    ['application/x-www-form-urlencoded; charset=iso-8859-1', 'Latin-1'],
    ['application/x-www-form-urlencoded; boundary=x', 'another parameter'],
    ['multipart/form-data; boundary=x', 'multipart'],
    ['text/plain', 'text'],
  ])('%s (%s) -> 415 ERR_CONTENT_TYPE', async (type) => {
    await refusedThenUsable((t) => form(t), 'ERR_CONTENT_TYPE', 415, type);
  });

  it('the form type in any case, with charset UTF-8 (quoted or not), and JSON are read', async () => {
    for (const type of [
      'APPLICATION/X-WWW-FORM-URLENCODED',
      'application/x-www-form-urlencoded; charset=UTF-8',
      'application/x-www-form-urlencoded;charset="utf-8"',
      ' application/x-www-form-urlencoded ; charset=us-ascii',
    ]) {
      const r = await send(form(await oidc()), type);
      expect([r.status, errorCode(r)]).toEqual([200, '']);
    }
    const t = await oidc();
    const json = JSON.stringify(Object.fromEntries(new URLSearchParams(form(t))));
    expect((await send(json, 'application/json; charset=utf-8')).status).toBe(200);
  });

  it('the media type rule, pure', () => {
    expect(bodyTypeOf('application/json')).toBe('json');
    expect(bodyTypeOf('application/json;')).toBe('json');
    expect(bodyTypeOf(undefined)).toBeUndefined();
    expect(bodyTypeOf('application/json; charset')).toBeUndefined();
    expect(bodyTypeOf('application/json, text/plain')).toBeUndefined();
  });
});

describe('parameter names and repeats', () => {
  it.each([
    ['scope twice', (t: string) => `${form(t)}&scope=notify:send&scope=notify:read`, 'ERR_PARAM_DUPLICATE'],
    [
      'scope and SCOPE',
      (t: string) => `${form(t, { scope: 'notify:send' })}&SCOPE=notify:read`,
      'ERR_PARAM_DUPLICATE',
    ],
    [
      'Scope alone (case-sensitive names)',
      (t: string) => `${form(t)}&Scope=notify:read`,
      'ERR_PARAM_INVALID',
    ],
    ['Audience beside audience', (t: string) => `${form(t)}&Audience=github`, 'ERR_PARAM_DUPLICATE'],
    [
      'subject_token twice, percent-encoded name',
      (t: string) => `${form(t)}&subject%5Ftoken=x`,
      'ERR_PARAM_DUPLICATE',
    ],
    ['dry_run twice', (t: string) => `${form(t)}&dry_run=true&dry_run=false`, 'ERR_PARAM_DUPLICATE'],
    [
      'actor_token (delegation is not supported)',
      (t: string) => `${form(t)}&actor_token=x&actor_token_type=${encodeURIComponent(ID)}`,
      'ERR_PARAM_UNSUPPORTED',
    ],
    [
      'resource (resource indicators are not supported)',
      (t: string) => `${form(t)}&resource=https%3A%2F%2Fevil.example`,
      'ERR_PARAM_UNSUPPORTED',
    ],
    [
      'requested_token_type refresh_token',
      (t: string) =>
        `${form(t)}&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Arefresh_token`,
      'ERR_PARAM_INVALID',
    ],
    [
      'requested_token_type access_token for a JWT audience',
      (t: string) =>
        `${form(t)}&requested_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token`,
      'ERR_PARAM_INVALID',
    ],
  ])('%s -> %s', async (_n, body, expected) => {
    await refusedThenUsable(body, expected);
  });

  it('requested_token_type naming what the exchange issues is granted', async () => {
    const r = await send(
      `${form(await oidc())}&requested_token_type=${encodeURIComponent('urn:ietf:params:oauth:token-type:jwt')}`,
    );
    expect([r.status, r.body.issued_token_type]).toEqual([200, 'urn:ietf:params:oauth:token-type:jwt']);
  });

  it('JSON: a duplicate name (escaped or not), a nested value, an array value, null are refused', async () => {
    const t = await oidc();
    const flat = Object.fromEntries(new URLSearchParams(form(t)));
    const text = JSON.stringify(flat);
    for (const [body, expected] of [
      [
        text.replace('{', '{"scope":"notify:read",').replace('}', ',"scope":"notify:send"}'),
        'ERR_PARAM_DUPLICATE',
      ],
      [text.replace('}', ',"sc\\u006fpe":"notify:read","scope":"x"}'), 'ERR_PARAM_DUPLICATE'],
      [text.replace('}', ',"Scope":"notify:read"}'), 'ERR_PARAM_INVALID'],
      [text.replace('}', ',"scope":["notify:send"]}'), 'ERR_BODY'],
      [text.replace('}', ',"scope":{"a":1}}'), 'ERR_BODY'],
      [text.replace('}', ',"scope":null}'), 'ERR_BODY'],
    ] as const) {
      const r = await send(body, 'application/json');
      expect([r.status, errorCode(r)]).toEqual([400, expected]);
    }
    expect((await send(form(t))).status).toBe(200);
  });
});

describe('grant_type and subject_token_type', () => {
  it.each([
    ['grant_type in upper case', { grant_type: GRANT.toUpperCase() }, 'ERR_GRANT_TYPE'],
    ['grant_type client_credentials', { grant_type: 'client_credentials' }, 'ERR_GRANT_TYPE'],
    [
      'grant_type jwt-bearer',
      { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' },
      'ERR_GRANT_TYPE',
    ],
    ['grant_type with a trailing space', { grant_type: `${GRANT} ` }, 'ERR_GRANT_TYPE'],
    ['grant_type empty', { grant_type: '' }, 'ERR_PARAM_MISSING'],
    [
      'subject_token_type saml2',
      { subject_token_type: 'urn:ietf:params:oauth:token-type:saml2' },
      'ERR_SUBJECT_TOKEN_TYPE',
    ],
    ['subject_token_type empty', { subject_token_type: '' }, 'ERR_PARAM_MISSING'],
  ])('%s -> %s', async (_n, over, expected) => {
    await refusedThenUsable((t) => form(t, over), expected);
  });
});

describe('scopes spelled otherwise', () => {
  it.each([
    ['Contents:Write', 'ERR_SCOPE_SYNTAX'],
    ['contents:WRITE', 'ERR_SCOPE_SYNTAX'],
    ['contents', 'ERR_SCOPE_SYNTAX'],
    ['contents:write,issues:read', 'ERR_SCOPE_SYNTAX'],
    ['contents=write', 'ERR_SCOPE_SYNTAX'],
    ['contents:owner', 'ERR_SCOPE_SYNTAX'],
    ['kontents:write', 'ERR_SCOPE_UNKNOWN'],
    ['__proto__:read', 'ERR_SCOPE_UNKNOWN'],
    ['members:read', 'ERR_SCOPE_NOT_GRANTED'],
    ['contents:admin', 'ERR_SCOPE_NOT_GRANTED'],
    ['issues:write', 'ERR_SCOPE_NOT_GRANTED'],
  ])('github scope %s -> %s', async (scope, expected) => {
    await refusedThenUsable((t) => form(t, { audience: 'github', step: 'release', scope }), expected);
  });

  it.each([
    ['Notify:Send', 'ERR_SCOPE_NOT_GRANTED'],
    ['notify:*', 'ERR_SCOPE_NOT_GRANTED'],
    ['notify', 'ERR_SCOPE_NOT_GRANTED'],
    ['notify:send,notify:read', 'ERR_SCOPE_NOT_GRANTED'],
  ])('service scope %s -> %s', async (scope, expected) => {
    await refusedThenUsable((t) => form(t, { scope }), expected);
  });

  it('a service scope named twice is issued once', async () => {
    const r = await send(form(await oidc(), { scope: 'notify:send  notify:send notify:send' }));
    expect([r.status, r.body.scope]).toEqual([200, 'notify:send']);
  });

  it('an audience is matched exactly: a trailing slash, another case, a glob name no grant', async () => {
    for (const audience of [`${HOOKS}/`, HOOKS.toUpperCase(), 'https://*.example.internal', 'GitHub'])
      await refusedThenUsable((t) => form(t, { audience }), 'ERR_NO_GRANT');
  });
});

describe('headers', () => {
  it('a request with 1,500 headers is answered (no 5xx) and the broker keeps answering', async () => {
    const t = await oidc();
    const body = form(t);
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${s.broker.url}/token`);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(Buffer.byteLength(body)),
            ...Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`x-h${i}`, 'a'])),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    statuses.push(status);
    expect([200, 400, 431]).toContain(status);
    expect((await send(form(await oidc()))).status).toBe(200);
  });
});
