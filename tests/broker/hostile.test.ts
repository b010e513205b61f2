/**
 * Hostile input against the real broker over HTTP: every bad input gets a 4xx with a stable code and
 * an audit line, never a 500; audit lines stay bounded; replays, introspection and the kill switch
 * hold. The afterAll checks run over every response and audit line the suite produced.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEventSchema, type AuditEvent } from '../../shared/audit/event.js';
import { boundAuditLine, memoryAuditSink, MAX_AUDIT_LINE } from '../../shared/broker/audit-log.js';
import { parseAdminTokens } from '../../shared/broker/client-auth.js';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker } from '../../shared/broker/server.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { startOidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const statuses: number[] = [];
const HOOKS = 'https://hooks.example.internal';

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  expect(statuses.filter((x) => x >= 500)).toEqual([]);
  for (const e of s.audit.events) {
    expect(auditEventSchema.safeParse(e).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThanOrEqual(MAX_AUDIT_LINE);
  }
  await s.close();
});

async function raw(path: string, body: string, type: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.broker.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body,
  });
  statuses.push(res.status);
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    headers: res.headers,
  };
}

async function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const r = await s.post(path, form, headers);
  statuses.push(r.status);
  return r;
}

/** The refusal: a 4xx, the code first in error_description, and a new audit line with that reason. */
async function refused(
  call: () => Promise<{ status: number; body: Record<string, unknown> }>,
  code: string,
  status = 400,
): Promise<AuditEvent> {
  const before = s.audit.events.length;
  const r = await call();
  expect(r.status).toBe(status);
  expect(String(r.body.error_description)).toMatch(new RegExp(`^${code}: `));
  const line = s.audit.events.slice(before).find((e) => e.reason === code);
  expect(line).toBeDefined();
  return line!;
}

const form = async (over: Record<string, string> = {}, claims: Record<string, unknown> = {}) =>
  s.exchangeForm(await s.issuer.mint(claims), { audience: HOOKS, step: 'notify', ...over });

describe('hostile bodies', () => {
  it.each([
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"grant_type"'],
    ['invalid JSON', '{"grant_type":'],
    ['a nested object value', '{"job":{"name":"publish"}}'],
    ['an array value', '{"job":["publish"]}'],
    ['a null value', '{"job":null}'],
    ['deep nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    ['deep nesting inside a value', `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`],
    ['a __proto__ object', '{"__proto__":{"polluted":"yes"}}'],
  ])('refuses %s with ERR_BODY', async (_n, body) => {
    await refused(() => raw('/token', body, 'application/json'), 'ERR_BODY');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats a flat __proto__ key as a mere unknown parameter', async () => {
    const f = await form();
    const body = JSON.stringify({ ...f, step: 'constructor' }).replace('{', '{"__proto__":"x",');
    await refused(() => raw('/token', body, 'application/json'), 'ERR_NO_GRANT');
  });

  it('refuses other content types (415), duplicate parameters, unknown routes (404)', async () => {
    await refused(() => raw('/token', 'x', 'text/plain'), 'ERR_CONTENT_TYPE', 415);
    const f = new URLSearchParams(await form());
    f.append('job', 'other');
    await refused(
      () => raw('/token', f.toString(), 'application/x-www-form-urlencoded'),
      'ERR_PARAM_DUPLICATE',
    );
    await refused(() => raw('/nope', '', 'application/x-www-form-urlencoded'), 'ERR_NO_ROUTE', 404);
  });

  it('refuses an oversized body (413) with a code and an audit line', async () => {
    const before = s.audit.events.length;
    const r = await raw('/token', `a=${'x'.repeat(70_000)}`, 'application/x-www-form-urlencoded').catch(
      () => undefined,
    );
    if (r)
      expect([r.status, String(r.body.error_description).split(':')[0]]).toEqual([413, 'ERR_BODY_TOO_LARGE']);
    for (const end = Date.now() + 10_000; Date.now() < end && !s.audit.events.slice(before).length;)
      await new Promise((res) => setTimeout(res, 10));
    expect(s.audit.events.slice(before).map((e) => e.reason)).toContain('ERR_BODY_TOO_LARGE');
  });
});

describe('hostile names: prototype keys are only names no manifest lists', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('job %s -> ERR_NO_GRANT', async (job) => {
    const line = await refused(async () => post('/token', await form({ job })), 'ERR_NO_GRANT');
    expect(line).toMatchObject({ type: 'credential.refused', job });
  });

  // GitHub reserves ids starting with `__` (session 22): no job of a run is named so.
  it('job __proto__ -> ERR_PARAM_INVALID before any look-up', async () => {
    await refused(async () => post('/token', await form({ job: '__proto__' })), 'ERR_PARAM_INVALID');
  });

  it.each(['__proto__', 'constructor', 'toString'])('step %s -> ERR_NO_GRANT', async (step) => {
    await refused(async () => post('/token', await form({ step })), 'ERR_NO_GRANT');
    await refused(async () => post('/token', await form({ step, audience: 'github' })), 'ERR_NO_GRANT');
  });

  it.each(['constructor', '__proto__', 'toString'])('audience %s -> ERR_NO_GRANT', async (audience) => {
    await refused(async () => post('/token', await form({ audience })), 'ERR_NO_GRANT');
  });

  it.each([
    ['constructor:write', 'ERR_SCOPE_UNKNOWN'],
    ['__proto__:read', 'ERR_SCOPE_UNKNOWN'],
    ['valueof:read', 'ERR_SCOPE_UNKNOWN'],
    ['toString:admin', 'ERR_SCOPE_SYNTAX'],
  ])('github scope %s -> %s', async (scope, code) => {
    await refused(
      async () => post('/token', await form({ audience: 'github', step: 'release', scope })),
      code,
    );
  });

  it.each(['constructor.yml', '__proto__.yml', 'toString.yml', 'hasOwnProperty.yml'])(
    'workflow %s -> ERR_NO_GRANT',
    async (workflow_file) => {
      await refused(async () => post('/token', await form({}, { workflow_file })), 'ERR_NO_GRANT');
    },
  );

  it.each([
    ['a path', '../publish'],
    ['a control character', 'pub\nlish'],
    ['an empty name', ' '],
    ['a long name', 'j'.repeat(101)],
  ])('a job with %s -> ERR_PARAM_INVALID', async (_n, job) => {
    await refused(async () => post('/token', await form({ job })), 'ERR_PARAM_INVALID');
  });

  it('a step or audience with control characters or beyond its bound -> ERR_PARAM_INVALID', async () => {
    await refused(async () => post('/token', await form({ step: 'a\u0000b' })), 'ERR_PARAM_INVALID');
    await refused(
      async () => post('/token', await form({ audience: `https://${'a'.repeat(300)}` })),
      'ERR_PARAM_INVALID',
    );
  });
});

describe('hostile claims (signed by the trusted issuer)', () => {
  it.each([
    ['a .. repository', { repository: 'octo-org/..' }],
    ['a . repository', { repository: 'octo-org/.' }],
    ['an encoded slash', { repository: 'octo-org/octo-repo%2F..%2Fother' }],
    ['an extra segment', { repository: 'octo-org/octo-repo/../other' }],
    ['an owner with ..', { repository: '../octo-repo', repository_owner: '..' }],
  ])('refuses %s -> ERR_OIDC_CLAIM_INVALID', async (_n, claims) => {
    await refused(async () => post('/token', await form({}, claims)), 'ERR_OIDC_CLAIM_INVALID');
  });

  it('refuses a workflow ref with a path segment', async () => {
    await refused(
      async () =>
        post(
          '/token',
          await form(
            {},
            { job_workflow_ref: 'octo-org/octo-repo/.github/workflows/../x.yml@refs/heads/main' },
          ),
        ),
      'ERR_CLAIM_WORKFLOW_REF',
    );
  });

  it('refuses exp 1e400 and a lifetime above the maximum', async () => {
    const t = Math.floor(Date.now() / 1000);
    const { exp: _e, iat: _i, nbf: _n, ...claims } = s.issuer.claims();
    const text = `${JSON.stringify(claims).slice(0, -1)},"iat":${t},"exp":1e400}`;
    const f = { ...(await form()), subject_token: await s.issuer.mintRaw(text) };
    await refused(() => post('/token', f), 'ERR_OIDC_TIME_INVALID');
    const long = { ...(await form()), subject_token: await s.issuer.mint({}, { expiresIn: 7200 }) };
    await refused(() => post('/token', long), 'ERR_OIDC_LIFETIME');
  });
});

describe('audit lines are bounded', () => {
  it('a huge job name is refused and its audit line stays small', async () => {
    const line = await refused(
      async () => post('/token', await form({ job: 'j'.repeat(60_000) })),
      'ERR_PARAM_INVALID',
    );
    expect(String(line.job).length).toBeLessThanOrEqual(256);
    expect(Buffer.byteLength(JSON.stringify(line))).toBeLessThanOrEqual(MAX_AUDIT_LINE);
  });

  it('bounds every field, nested details and multi-byte text to 256 chars a field and 4 KiB a line', () => {
    const big = '€'.repeat(5000);
    const event: Record<string, unknown> = {
      v: 1,
      type: 'credential.refused',
      outcome: 'denied',
      reason: 'X',
    };
    for (const k of ['repository', 'workflow', 'job', 'step', 'audience', 'scope', 'ref', 'sha', 'detail'])
      event[k] = big;
    event.details = { a: big, deep: { b: { c: { d: { e: big } } } }, list: Array(100).fill(big) };
    const line = boundAuditLine(event);
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_AUDIT_LINE);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({ type: 'credential.refused', reason: 'X' });
    for (const v of Object.values(parsed))
      if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(1024);
  });
});

describe('replays and dry runs', () => {
  it('a refused replay never drains the repository rate limit; replays have their own limit', async () => {
    const st = await startStack({ rate: 2, replayRate: 3 });
    const f = async (run: string) =>
      st.exchangeForm(await st.issuer.mint({ run_id: runIdOf(run) }), { audience: HOOKS, step: 'notify' });
    const first = await f('r1');
    expect((await st.token(first)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const r = await st.token(first);
      expect([r.status, String(r.body.error_description).split(':')[0]]).toEqual([400, 'ERR_OIDC_REPLAYED']);
    }
    const flood = await st.token(first);
    expect([flood.status, String(flood.body.error_description).split(':')[0]]).toEqual([
      429,
      'ERR_REPLAY_RATE_LIMITED',
    ]);
    expect(st.audit.events.at(-1)).toMatchObject({
      type: 'credential.rate_limited',
      reason: 'ERR_REPLAY_RATE_LIMITED',
    });
    // Another run's fresh exchange still has the repository's second slot.
    expect((await st.token(await f('r2'))).status).toBe(200);
    await st.close();
  });

  it('a dry run takes the real path: audited, and says when the jti was already used', async () => {
    const f = await form({}, { run_id: runIdOf('dry-hostile') });
    const dry = await post('/token', { ...f, dry_run: 'true' });
    expect(dry.body).toMatchObject({ granted: true, dry_run: true });
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'credential.dry_run', outcome: 'success' });
    expect((await post('/token', f)).status).toBe(200);
    const line = await refused(() => post('/token', { ...f, dry_run: 'true' }), 'ERR_OIDC_REPLAYED');
    expect(line).toMatchObject({ type: 'credential.dry_run', outcome: 'denied' });
    expect(line.detail).toMatch(/already exchanged.*a real exchange with it would be refused/);
  });

  it('keeps a jti until exp plus the clock tolerance, whatever the tolerance', async () => {
    const st = await startStack({ clockTolerance: 300 });
    const f = st.exchangeForm(await st.issuer.mint({ run_id: runIdOf('tol') }, { expiresIn: 60 }), {
      audience: HOOKS,
      step: 'twice',
    });
    expect((await st.token(f)).status).toBe(200);
    st.clock.offset = 60 + 250; // past exp, inside the tolerance: the token still verifies
    const r = await st.token(f);
    expect(String(r.body.error_description)).toMatch(/^ERR_OIDC_REPLAYED/);
    await st.close();
  });
});

describe('introspection needs client authentication (RFC 7662 §2.1)', () => {
  let hooksJwt = '';
  let githubToken = '';
  beforeAll(async () => {
    hooksJwt = (await post('/token', await form({}, { run_id: runIdOf('intro-1') }))).body
      .access_token as string;
    githubToken = (
      await post(
        '/token',
        await form({ audience: 'github', step: 'release' }, { run_id: runIdOf('intro-2') }),
      )
    ).body.access_token as string;
  });

  it.each([
    ['no authorization', {}],
    ['a wrong admin token', { authorization: 'Bearer wrong' }],
    ['a basic header', { authorization: 'Basic c2VjcmV0' }],
    ['an OIDC token', { authorization: 'Bearer OIDC' }],
  ])('401 for %s, with WWW-Authenticate and an audit line', async (_n, headers) => {
    const h = { ...headers } as Record<string, string>;
    if (h.authorization === 'Bearer OIDC') h.authorization = `Bearer ${await s.issuer.mint()}`;
    const before = s.audit.events.length;
    const r = await post('/introspect', { token: hooksJwt }, h);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(String(r.body.error_description)).toMatch(/^ERR_INTROSPECT_UNAUTHORIZED: /);
    expect(s.audit.events.slice(before).map((e) => e.reason)).toEqual(['ERR_INTROSPECT_UNAUTHORIZED']);
  });

  it('a live broker JWT of the owning audience may introspect; of another audience it sees nothing', async () => {
    const own = await post('/introspect', { token: hooksJwt }, { authorization: `Bearer ${hooksJwt}` });
    expect(own.body).toMatchObject({ active: true, aud: HOOKS });
    const other = await post('/introspect', { token: githubToken }, { authorization: `Bearer ${hooksJwt}` });
    expect(other.body).toEqual({ active: false });
    const admin = await post('/introspect', { token: githubToken }, { authorization: 'Bearer secret' });
    expect(admin.body).toMatchObject({ active: true, aud: 'github' });
  });

  it('a revoked broker JWT no longer authenticates', async () => {
    const jwt = (await post('/token', await form({}, { run_id: runIdOf('intro-3') }))).body
      .access_token as string;
    expect((await post('/revoke', { token: jwt })).body).toEqual({ revoked: 1 });
    const r = await post('/introspect', { token: hooksJwt }, { authorization: `Bearer ${jwt}` });
    expect(r.status).toBe(401);
  });
});

describe('named admin tokens (from the config file)', () => {
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');

  it('parses `name:sha256` and `name token` lines, refuses unnamed and duplicate ones with file:line', () => {
    expect(
      parseAdminTokens(
        `# admins\nalice:${sha('a-token')}\n\nbob b-token-6f1d2c3b4a5968778695a4b3c2d1e0f1\n`,
        'admins',
      ),
    ).toEqual([
      { name: 'alice', sha256: sha('a-token') },
      { name: 'bob', sha256: sha('b-token-6f1d2c3b4a5968778695a4b3c2d1e0f1') },
    ]);
    const problems = (text: string) => {
      try {
        parseAdminTokens(text, 'admins');
      } catch (err) {
        expect(err).toBeInstanceOf(ManifestError);
        return (err as ManifestError).problems.map((p) => `${p.file}:${p.line}`);
      }
      return [];
    };
    expect(problems('bare-token-without-name\n')).toEqual(['admins:1']);
    expect(problems(`alice:${sha('x')}\nalice y\n`)).toEqual(['admins:2']);
    expect(problems('a b c\n')).toEqual(['admins:1']);
  });

  it('audits the kill switch with the token name as the actor, never a form field', async () => {
    const issuer = await startOidcIssuer({ audience: AUD });
    const dir = mkdtempSync(join(tmpdir(), 'sw-admin-'));
    mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
    writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
    writeFileSync(
      join(dir, 'admins'),
      `alice:${sha('alice-token')}\nbob bob-token-9e8d7c6b5a49382716051f2e3d4c5b6a\n`,
    );
    const config = loadBrokerConfig(
      `listen: 127.0.0.1:0\nurl: ${AUD}\naudience: ${AUD}\nissuers: ['${issuer.url}']\nrequire-job-identity: false\nmanifests: { source: directory, path: manifests }\nadmin-tokens-file: admins\n`,
      'broker.yml',
      dir,
    );
    const audit = memoryAuditSink();
    const b = await startBroker(config, { audit, logger: { log: () => undefined } });
    const kill = async (token: string) => {
      const res = await fetch(`${b.url}/admin/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
        body: new URLSearchParams({ repository: 'octo-org/octo-repo', actor: 'mallory' }),
      });
      statuses.push(res.status);
      return res.status;
    };
    expect(await kill('alice-token')).toBe(200);
    expect(audit.events.at(-1)).toMatchObject({
      type: 'admin.revoke',
      outcome: 'success',
      actor: { login: 'alice' },
      details: { actor: 'alice' },
    });
    expect(await kill('bob-token-9e8d7c6b5a49382716051f2e3d4c5b6a')).toBe(200);
    expect(audit.events.at(-1)).toMatchObject({ actor: { login: 'bob' } });
    expect(JSON.stringify(audit.events)).not.toContain('mallory');
    expect(await kill('mallory-token')).toBe(401);
    await b.close();
    await issuer.close();
  });
});
