import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startStack, MANIFEST, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
/** Introspection needs client authentication (RFC 7662 §2.1); tests/broker/hostile.test.ts covers it. */
const ADMIN = { authorization: 'Bearer secret' };
const issued: string[] = [];
const oidcTokens: string[] = [];

async function mint(claims: Record<string, unknown> = {}, opts = {}) {
  const t = await s.issuer.mint(claims, opts);
  oidcTokens.push(t);
  return t;
}

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  // Every audit line is a valid AuditEvent, and none carries a credential or an OIDC token.
  const text = s.audit.events.map((e) => JSON.stringify(e)).join('\n');
  for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  for (const t of [...issued, ...oidcTokens].filter(Boolean)) expect(text).not.toContain(t);
  expect(s.gh.standin.shapeErrors).toEqual([]);
  await s.close();
});

describe('broker: exchange', () => {
  it('mints a GitHub installation token with exactly the granted permissions, for the manifest ttl', async () => {
    const r = await s.token(s.exchangeForm(await mint()));
    expect(r.status).toBe(200);
    const token = r.body.access_token as string;
    issued.push(token);
    expect(r.body).toMatchObject({
      token_type: 'Bearer',
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      scope: 'contents:write issues:read',
    });
    expect(r.body.expires_in).toBeLessThanOrEqual(300);
    const upstream = s.gh.state.tokens.find((t) => t.token === token)!;
    expect(upstream.permissions).toEqual({ contents: 'write', issues: 'read' });
    expect(upstream.repositories).toEqual(['octo-repo']);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('the narrower of requested and granted wins', async () => {
    const r = await s.token(
      s.exchangeForm(await mint({ run_id: runIdOf('narrow') }), { scope: 'contents:read' }),
    );
    expect(r.status).toBe(200);
    issued.push(r.body.access_token as string);
    expect(s.gh.state.tokens.at(-1)!.permissions).toEqual({ contents: 'read' });
  });

  it('signs an ES256 JWT for a service audience, verifiable with the broker JWKS', async () => {
    const r = await s.token(
      s.exchangeForm(await mint(), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
        scope: 'notify:send',
      }),
    );
    expect(r.status).toBe(200);
    issued.push(r.body.access_token as string);
    const jwks = (await (await fetch(`${s.broker.url}/.well-known/jwks.json`)).json()) as { keys: never[] };
    const { payload, protectedHeader } = await jwtVerify(
      r.body.access_token as string,
      createLocalJWKSet({ keys: jwks.keys }),
      { audience: 'https://hooks.example.internal', issuer: 'https://broker.example.com' },
    );
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({
      scope: 'notify:send',
      repository: 'octo-org/octo-repo',
      workflow: 'release.yml',
      job: 'publish',
      step: 'notify',
      run_id: '9001',
      run_attempt: '1',
    });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(60);
  });

  it.each([
    ['a step without a grant', { step: 'other' }, 'invalid_target', 'ERR_NO_GRANT'],
    ['a job without a grant', { job: 'build' }, 'invalid_target', 'ERR_NO_GRANT'],
    [
      'a scope above the grant',
      { scope: 'contents:write administration:write' },
      'invalid_scope',
      'ERR_SCOPE_NOT_GRANTED',
    ],
    ['a level above the grant', { scope: 'issues:write' }, 'invalid_scope', 'ERR_SCOPE_NOT_GRANTED'],
    ['a malformed scope', { scope: 'contents' }, 'invalid_scope', 'ERR_SCOPE_SYNTAX'],
    [
      'a service scope not granted',
      { audience: 'https://hooks.example.internal', step: 'notify', scope: 'notify:admin' },
      'invalid_scope',
      'ERR_SCOPE_NOT_GRANTED',
    ],
    ['the wrong grant type', { grant_type: 'client_credentials' }, 'invalid_request', 'ERR_GRANT_TYPE'],
  ])('refuses %s with a precise reason', async (_n, over, error, code) => {
    const r = await s.token(s.exchangeForm(await mint(), over));
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(error);
    expect(String(r.body.error_description)).toMatch(new RegExp(`^${code}: `));
  });

  it('names the manifest line in a scope refusal', async () => {
    const r = await s.token(s.exchangeForm(await mint(), { scope: 'issues:write' }));
    expect(r.body.error_description).toMatch(/octo-org\/octo-repo:\.github\/access-manifest\.yml:10/);
  });

  it.each([
    ['the wrong audience', { aud: 'https://elsewhere.example' }, {}, 'ERR_OIDC_AUDIENCE'],
    ['an expired token', {}, { expiresIn: -600 }, 'ERR_OIDC_EXPIRED'],
    [
      'another repository id (renamed or re-created repository)',
      { repository_id: '999' },
      {},
      'ERR_REPOSITORY_ID_MISMATCH',
    ],
    ['another owner id', { repository_owner_id: '999' }, {}, 'ERR_OWNER_ID_MISMATCH'],
    [
      'an event the manifest does not allow',
      { event_name: 'pull_request_target' },
      {},
      'ERR_TRIGGER_NOT_ALLOWED',
    ],
    ['a workflow the manifest does not list', { workflow_file: 'other.yml' }, {}, 'ERR_NO_GRANT'],
  ])('refuses %s', async (_n, claims, opts, code) => {
    const r = await s.token(s.exchangeForm(await mint(claims, opts)));
    expect(r.status).toBe(400);
    expect(String(r.body.error_description)).toMatch(new RegExp(`^${code}`));
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'credential.refused', reason: code });
  });

  it('refuses a replayed OIDC token (jti single use)', async () => {
    const t = await mint({ run_id: runIdOf('replay') });
    const first = await s.token(
      s.exchangeForm(t, { audience: 'https://hooks.example.internal', step: 'notify' }),
    );
    issued.push(first.body.access_token as string);
    const second = await s.token(
      s.exchangeForm(t, { audience: 'https://hooks.example.internal', step: 'notify' }),
    );
    expect(String(second.body.error_description)).toMatch(/^ERR_OIDC_REPLAYED/);
  });

  it('issues a grant once per run attempt and audits the second claim as possible theft; uses: N allows N', async () => {
    const form = async (step: string) =>
      s.exchangeForm(await mint({ run_id: runIdOf(`once-${step}`) }), {
        audience: 'https://hooks.example.internal',
        step,
      });
    expect((await s.token(await form('notify'))).status).toBe(200);
    const again = await s.token(await form('notify'));
    expect(String(again.body.error_description)).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.claimed_twice',
      outcome: 'denied',
      step: 'notify',
    });
    expect((await s.token(await form('twice'))).status).toBe(200);
    expect((await s.token(await form('twice'))).status).toBe(200);
    expect((await s.token(await form('twice'))).status).toBe(400);
  });

  it('a new run attempt may claim again', async () => {
    const f = async (attempt: string) =>
      s.exchangeForm(await mint({ run_id: runIdOf('attempts'), run_attempt: attempt }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
      });
    expect((await s.token(await f('1'))).status).toBe(200);
    expect((await s.token(await f('2'))).status).toBe(200);
  });

  it('dry_run answers without issuing or burning the token', async () => {
    const t = await mint({ run_id: runIdOf('dry') });
    const dry = await s.token({ ...s.exchangeForm(t), dry_run: 'true' });
    expect(dry.body).toMatchObject({ granted: true, dry_run: true, scope: 'contents:write issues:read' });
    expect(dry.body.access_token).toBeUndefined();
    const real = await s.token(s.exchangeForm(t));
    expect(real.status).toBe(200);
    issued.push(real.body.access_token as string);
  });

  it('retries GitHub 5xx with backoff', async () => {
    s.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', {
      count: 1,
      status: 502,
    });
    const r = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('retry') })));
    expect(r.status).toBe(200);
    issued.push(r.body.access_token as string);
  });

  it('waits out a secondary rate limit (403 with retry-after) and retries', async () => {
    s.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', {
      count: 1,
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit.',
        documentation_url: 'https://docs.github.com/rest',
      },
      headers: { 'retry-after': '1' },
    });
    const r = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('secondary') })));
    expect(r.status).toBe(200);
    issued.push(r.body.access_token as string);
  });

  it('gives the claim back when GitHub fails for good, and says why', async () => {
    s.gh.standin.fail('POST', '/app/installations/{installation_id}/access_tokens', {
      count: 5,
      status: 503,
    });
    const r = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('down') })));
    expect(r.status).toBe(503);
    expect(r.body.error_description).toMatch(/^ERR_GITHUB_UNAVAILABLE/);
    const again = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('down') })));
    expect(again.status).toBe(200);
    issued.push(again.body.access_token as string);
  });
});

describe('broker: revocation, introspection, expiry, kill switch', () => {
  it('revokes one credential with token= (RFC 7009) and upstream', async () => {
    const r = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('rev1') })));
    const token = r.body.access_token as string;
    issued.push(token);
    expect((await s.post('/introspect', { token }, ADMIN)).body).toMatchObject({
      active: true,
      scope: 'contents:write issues:read',
      grant_id: r.body.grant_id,
    });
    expect((await s.post('/revoke', { token })).body).toEqual({ revoked: 1 });
    expect(s.gh.state.tokens.find((t) => t.token === token)!.revoked).toBe(true);
    expect((await s.post('/introspect', { token }, ADMIN)).body).toEqual({ active: false });
    expect((await s.post('/revoke', { token })).body).toEqual({ revoked: 0 });
  });

  it('revokes every live credential of the run attempt and job with a fresh OIDC token', async () => {
    const a = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('jobend') })));
    const b = await s.token(
      s.exchangeForm(await mint({ run_id: runIdOf('jobend') }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
      }),
    );
    issued.push(a.body.access_token as string, b.body.access_token as string);
    const r = await s.post('/revoke', {
      subject_token: await mint({ run_id: runIdOf('jobend') }),
      job: 'publish',
    });
    expect(r.body).toMatchObject({ revoked: 2 });
    expect((await s.post('/introspect', { token: b.body.access_token as string }, ADMIN)).body.active).toBe(
      false,
    );
  });

  it("revokes upstream when the manifest ttl passes (GitHub's own lifetime is an hour)", async () => {
    const r = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('ttl') })));
    const token = r.body.access_token as string;
    issued.push(token);
    s.clock.offset += 301;
    const expired = () =>
      s.audit.events.some((e) => e.type === 'credential.expired' && e.grant_id === r.body.grant_id);
    for (let i = 0; i < 100 && !expired(); i++) await new Promise((res) => setTimeout(res, 50));
    s.clock.offset -= 301;
    expect(s.gh.state.tokens.find((t) => t.token === token)!.revoked).toBe(true);
    expect(
      s.audit.events.some((e) => e.type === 'credential.expired' && e.grant_id === r.body.grant_id),
    ).toBe(true);
  });

  it('the kill switch needs the admin token, revokes a whole repository, and is audited as admin activity', async () => {
    const r = await s.token(s.exchangeForm(await mint({ run_id: runIdOf('kill') })));
    issued.push(r.body.access_token as string);
    const denied = await s.post(
      '/admin/revoke',
      { repository: 'octo-org/octo-repo' },
      { authorization: 'Bearer wrong' },
    );
    expect(denied.status).toBe(401);
    expect((await s.post('/admin/revoke', { repository: 'octo-org/octo-repo' })).status).toBe(401);
    const ok = await s.post(
      '/admin/revoke',
      { repository: 'octo-org/octo-repo', actor: 'alice' },
      { authorization: 'Bearer secret' },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.revoked).toBeGreaterThanOrEqual(1);
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'admin.revoke', outcome: 'success' });
    expect(s.audit.events.some((e) => e.type === 'admin.revoke' && e.outcome === 'denied')).toBe(true);
  });

  it('serves discovery, JWKS and health', async () => {
    const d = (await (await fetch(`${s.broker.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(d.issuer).toBe('https://broker.example.com');
    expect((await fetch(`${s.broker.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${s.broker.url}/nope`)).status).toBe(404);
  });

  it('refuses bodies that are not form-encoded, or too large', async () => {
    const r = await fetch(`${s.broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(r.status).toBe(415);
    const big = await fetch(`${s.broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `a=${'x'.repeat(70_000)}`,
    }).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
  });
});

describe('broker: rate limits, default-branch manifests, org ceiling', () => {
  it('answers 429 with Retry-After past the per-repository limit, and audits it', async () => {
    const st = await startStack({ rate: 2 });
    const f = async (i: number) =>
      st.exchangeForm(await st.issuer.mint({ run_id: runIdOf(`r${i}`) }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
      });
    expect((await st.token(await f(1))).status).toBe(200);
    expect((await st.token(await f(2))).status).toBe(200);
    const limited = await st.token(await f(3));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(st.audit.events.at(-1)).toMatchObject({ type: 'credential.rate_limited' });
    await st.close();
  });

  it("reads the manifest from the default branch: a pull request's widened manifest is not honoured", async () => {
    const widened = MANIFEST.replace(
      'permissions: { contents: write, issues: read }',
      'permissions: { contents: write, issues: write, workflows: write }',
    );
    const st = await startStack({ source: 'github', featureManifest: widened });
    const t = await st.issuer.mint({ ref: 'refs/heads/feature/widen', event_name: 'push' });
    const r = await st.token(st.exchangeForm(t, { scope: 'workflows:write' }));
    expect(r.status).toBe(400);
    // The grant is claimable from the default branch only (no when.ref) …
    expect(r.body.error_description).toMatch(/^ERR_CONDITION_REF: ref refs\/heads\/feature\/widen /);
    // … and from there, the default branch's manifest decides.
    const fromMain = await st.token(st.exchangeForm(await st.issuer.mint(), { scope: 'workflows:write' }));
    expect(fromMain.body.error_description).toMatch(/^ERR_SCOPE_NOT_GRANTED/);
    const ok = await st.token(st.exchangeForm(await st.issuer.mint(), { scope: 'contents:write' }));
    expect(ok.status).toBe(200);
    // The manifest was read at the default branch's commit, through a short-lived token that was revoked.
    expect(st.gh.standin.requests.some((q) => q.path.endsWith('/commits/main'))).toBe(true);
    expect(st.gh.standin.requests.some((q) => q.path.includes('feature'))).toBe(false);
    expect(st.gh.standin.shapeErrors).toEqual([]);
    await st.close();
  });

  it('refuses a manifest without repository ids', async () => {
    const st = await startStack({ manifest: MANIFEST.replace(/^repository:.*\n/m, '') });
    const r = await st.token(st.exchangeForm(await st.issuer.mint()));
    expect(r.body.error_description).toMatch(/^ERR_MANIFEST_UNBOUND: .*repository\.id/);
    await st.close();
  });

  it('applies the organization ceiling whatever the manifest says', async () => {
    const st = await startStack({
      org: 'version: 1\nmax-credential-permissions: { contents: read, issues: read }\nmax-credential-ttl: 120\n',
    });
    const r = await st.token(st.exchangeForm(await st.issuer.mint()));
    expect(r.body.error_description).toMatch(/^ERR_ORG_CEILING/);
    const narrowed = await st.token(
      st.exchangeForm(await st.issuer.mint({ run_id: runIdOf('n') }), { scope: 'contents:read' }),
    );
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.expires_in).toBeLessThanOrEqual(120);
    await st.close();
  });

  it("works with GitHub's long stateless token format (no assumption on token shape)", async () => {
    const st = await startStack();
    st.gh.state.tokenFormat = 'long';
    const r = await st.token(st.exchangeForm(await st.issuer.mint()));
    const token = r.body.access_token as string;
    expect(token.length).toBeGreaterThan(200);
    expect((await st.post('/revoke', { token })).body).toEqual({ revoked: 1 });
    expect(st.gh.state.tokens.find((t) => t.token === token)!.revoked).toBe(true);
    await st.close();
  });
});
