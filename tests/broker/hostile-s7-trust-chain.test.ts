/**
 * Hostile review (session 7), chained exchanges against the real broker: a broker JWT as the
 * subject may only narrow. Wider scopes, a longer life, a deeper chain, another audience, a revoked
 * or expired parent (or ancestor), a forged `act`, odd scope spellings and ttl values, and the kill
 * switch of the workflow that called a reusable one. Every refusal: its code, an audit line, no 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { auditEventSchema } from '../../shared/audit/event.js';
import { AWS_TAGS_CLAIM } from '../../shared/broker/providers/jwt-profiles.js';
import { generateSigningKey } from '../../shared/broker/signing-key.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const OTHER = 'https://other.example.internal';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 120 }
          - { step: notify, audience: ${OTHER}, scope: [notify:send, notify:read, admin], uses: 100, ttl: 120 }
          - { step: release, audience: github, permissions: { contents: write }, uses: 100, ttl: 120 }
  build.yml:
    callers: [release.yml]
    jobs:
      compile:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 120 }
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

/** A live broker JWT of run `run` (a fresh OIDC token each time). */
async function parent(
  form: Record<string, string> = {},
  claims: Record<string, unknown> = {},
): Promise<{ token: string; grantId: string; expiresIn: number }> {
  const oidc = await s.issuer.mint({ run_id: runIdOf(`s7ch-${++runs}`), ...claims });
  secrets.add(oidc);
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify', ...form }));
  expect([r.status, errorCode(r)]).toEqual([200, '']);
  const token = String(r.body.access_token);
  secrets.add(token);
  return { token, grantId: String(r.body.grant_id), expiresIn: Number(r.body.expires_in) };
}

async function chain(subject: string, form: Record<string, string> = {}) {
  const r = await s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT, ...form });
  statuses.push(r.status);
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  return r;
}

async function refused(subject: string, expected: string, form: Record<string, string> = {}) {
  const before = s.audit.events.length;
  const r = await chain(subject, form);
  expect([r.status >= 400 && r.status < 500, errorCode(r)]).toEqual([true, expected]);
  // One refusal line (the expiry sweep may add credential.expired lines meanwhile: not this request's).
  expect(
    s.audit.events
      .slice(before)
      .filter((e) => e.type === 'credential.refused')
      .map((e) => e.reason),
  ).toEqual([expected]);
  return r;
}

describe('a chained credential only narrows', () => {
  it('scopes: the parent narrowed to notify:send cannot get notify:read back, though the grant has it', async () => {
    const p = await parent({ scope: 'notify:send' });
    await refused(p.token, 'ERR_CHAIN_SCOPE', { scope: 'notify:read' });
    await refused(p.token, 'ERR_CHAIN_SCOPE', { scope: 'notify:send notify:read' });
    const ok = await chain(p.token, { scope: 'notify:send notify:send' });
    expect([ok.status, ok.body.scope]).toEqual([200, 'notify:send']);
  });

  it.each([
    ['another case', 'Notify:Send'],
    // A tab (a C0 control) is refused before, as the exchange's own rule: hostile-s17-chain.
    ['a line separator between two held scopes', 'notify:send\u2028notify:read'],
    ['a no-break space inside', 'notify:send\u00a0'],
    ['a prefix of a held scope', 'notify'],
    ['a glob', 'notify:*'],
  ])('a scope spelled with %s is not a held scope (ERR_CHAIN_SCOPE)', async (_n, scope) => {
    const p = await parent();
    await refused(p.token, 'ERR_CHAIN_SCOPE', { scope });
  });

  it('lifetime: a child never outlives its parent, whatever ttl asks', async () => {
    const p = await parent();
    const parentExp = decodeJwt(p.token).exp!;
    for (const ttl of ['3600', '999999999']) {
      const r = await chain(p.token, { ttl });
      expect(r.status).toBe(200);
      expect(decodeJwt(String(r.body.access_token)).exp!).toBeLessThanOrEqual(parentExp);
      expect(Number(r.body.expires_in)).toBeLessThanOrEqual(p.expiresIn);
    }
    for (const ttl of [
      '0',
      '-5',
      '1.5',
      'abc',
      'Infinity',
      ' ',
      '',
      '0x10',
      '1e9',
      '+5',
      '05',
      '12345678901',
    ])
      await refused(p.token, 'ERR_PARAM_INVALID', { ttl });
  });

  it('audience: another audience (even one the grant also names) is refused; the parent audience is kept', async () => {
    const p = await parent();
    await refused(p.token, 'ERR_CHAIN_AUDIENCE', { audience: OTHER });
    await refused(p.token, 'ERR_CHAIN_AUDIENCE', { audience: `${HOOKS}/` });
    await refused(p.token, 'ERR_CHAIN_AUDIENCE', { audience: 'github' });
    const r = await chain(p.token);
    expect(decodeJwt(String(r.body.access_token)).aud).toBe(HOOKS);
  });

  it('depth: at most three links', async () => {
    let t = (await parent()).token;
    for (let i = 0; i < 3; i++) {
      const r = await chain(t);
      expect(r.status).toBe(200);
      t = String(r.body.access_token);
    }
    await refused(t, 'ERR_CHAIN_TOO_DEEP');
  });

  it("act names the chain from the broker's record, not from anything the parent JWT says", async () => {
    const p = await parent();
    const c1 = await chain(p.token);
    const c2 = await chain(String(c1.body.access_token));
    const act = decodeJwt(String(c2.body.access_token)).act as Record<string, unknown>;
    expect(act).toEqual({ sub: `grant:${p.grantId}`, act: { sub: `grant:${String(c1.body.grant_id)}` } });
  });
});

describe('dead parents', () => {
  it('a revoked parent, and every descendant of it, cannot be chained', async () => {
    const p = await parent();
    const child = String((await chain(p.token)).body.access_token);
    const rv = await s.post('/revoke', { token: p.token });
    expect(rv.status).toBe(200);
    await refused(p.token, 'ERR_CHAIN_SUBJECT');
    await refused(child, 'ERR_CHAIN_SUBJECT');
  });

  it('an expired parent cannot be chained', async () => {
    const p = await parent();
    s.clock.offset += 200;
    try {
      await refused(p.token, 'ERR_CHAIN_SUBJECT');
    } finally {
      s.clock.offset -= 200;
    }
  });

  it('a GitHub installation token, or a dry run of a chain, is refused', async () => {
    const oidc = await s.issuer.mint({ run_id: runIdOf(`s7ch-${++runs}`) });
    secrets.add(oidc);
    const gh = await s.token(s.exchangeForm(oidc, { audience: 'github', step: 'release' }));
    expect(gh.status).toBe(200);
    secrets.add(String(gh.body.access_token));
    await refused(String(gh.body.access_token), 'ERR_CHAIN_SUBJECT');
    await refused((await parent()).token, 'ERR_PARAM_INVALID', { dry_run: 'true' });
  });

  it('a broker JWT with its signature cut, or re-signed as alg none, is not a parent', async () => {
    const p = await parent();
    const [h, b] = p.token.split('.');
    await refused(`${h}.${b}.`, 'ERR_CHAIN_SUBJECT');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await refused(`${none}.${b}.`, 'ERR_CHAIN_SUBJECT');
    // A forged act in the payload with the real signature: the signature no longer verifies.
    const payload = { ...decodeJwt(p.token), act: { sub: 'grant:admin' }, scope: 'notify:send admin' };
    await refused(
      `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${p.token.split('.')[2]}`,
      'ERR_CHAIN_SUBJECT',
    );
  });
});

describe('the kill switch', () => {
  it('a block of the repository stops chained exchanges of a live parent', async () => {
    const p = await parent();
    await s.store.block({
      repository: 'OCTO-ORG/octo-repo',
      actor: 'test',
      at: Math.floor(Date.now() / 1000),
    });
    try {
      const r = await refused(p.token, 'ERR_BLOCKED');
      expect(r.status).toBe(403);
    } finally {
      await s.store.unblock({ repository: 'OCTO-ORG/octo-repo' });
    }
  });

  it('a block of the workflow that called a reusable one stops chained exchanges of its credentials', async () => {
    const p = await parent(
      { job: 'compile' },
      { job_workflow_ref: 'octo-org/octo-repo/.github/workflows/build.yml@refs/heads/main' },
    );
    await s.store.block({ workflow: 'release.yml', actor: 'test', at: Math.floor(Date.now() / 1000) });
    try {
      await refused(p.token, 'ERR_BLOCKED');
    } finally {
      await s.store.unblock({ workflow: 'release.yml' });
    }
    // Lifted: the same parent chains again.
    expect((await chain(p.token)).status).toBe(200);
  });
});

describe("the audience's JWT options", () => {
  it("a chained child carries the parent's AWS session tags (an IAM Deny conditioned on a tag must not miss it)", async () => {
    const st = await startStack({
      manifest: MANIFEST,
      jwt: { profile: 'default', audiences: new Map([[HOOKS, { awsSessionTags: true }]]) },
    });
    try {
      const oidc = await st.issuer.mint({ run_id: runIdOf(`s7ch-${++runs}`) });
      secrets.add(oidc);
      const p = await st.token(st.exchangeForm(oidc, { audience: HOOKS, step: 'notify' }));
      expect(p.status).toBe(200);
      const parentToken = String(p.body.access_token);
      secrets.add(parentToken);
      const c = await st.token({ grant_type: GRANT, subject_token: parentToken, subject_token_type: JWT });
      expect(c.status).toBe(200);
      secrets.add(String(c.body.access_token));
      const tags = (t: string) => decodeJwt(t)[AWS_TAGS_CLAIM];
      expect(tags(parentToken)).toBeDefined();
      expect(tags(String(c.body.access_token))).toEqual(tags(parentToken));
    } finally {
      await st.close();
    }
  });

  it('a JWT-SVID (signed with the SVID key) is not a chain subject', async () => {
    const st = await startStack({
      manifest: MANIFEST,
      jwt: {
        profile: 'default',
        trustDomain: 'ci.example.org',
        audiences: new Map([[HOOKS, { profile: 'spiffe' }]]),
        svidKeys: await generateSigningKey('jwt-svid'),
      },
    });
    try {
      const oidc = await st.issuer.mint({ run_id: runIdOf(`s7ch-${++runs}`) });
      secrets.add(oidc);
      const p = await st.token(st.exchangeForm(oidc, { audience: HOOKS, step: 'notify' }));
      expect(p.status).toBe(200);
      secrets.add(String(p.body.access_token));
      const c = await st.token({
        grant_type: GRANT,
        subject_token: String(p.body.access_token),
        subject_token_type: JWT,
      });
      expect([c.status, errorCode(c)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
    } finally {
      await st.close();
    }
  });
});
