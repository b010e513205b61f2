/**
 * Hostile review (session 15), against the real broker (local issuer, GitHub stand-in): what the
 * audit trail says when a broker-issued credential is misused. A chained exchange whose subject is a
 * credential this broker issued (verified by its signature and found in the store) is no longer an
 * anonymous request: a widening attempt, a too-deep chain, a kill-switch hit or a revoked credential
 * presented again names the repository, run, job and step the credential belongs to and its grant
 * id, and is written whatever a flood of garbage did to the budget of unauthenticated lines. And an
 * unauthenticated `/admin/unblock` is one `admin.unblock` line, not two.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startStack, type Stack, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ADMIN = { authorization: 'Bearer secret' };

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 120 }
`;

let s: Stack;
let runs = 0;
const secrets = new Set<string>();

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, app: { timeoutMs: 60_000 } });
});
afterAll(async () => {
  try {
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) expect(audit.includes(t)).toBe(false);
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
});

async function parent(form: Record<string, string> = {}) {
  const run = `s15ca-${++runs}`;
  const oidc = await s.issuer.mint({ run_id: runIdOf(run) });
  secrets.add(oidc);
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify', ...form }));
  expect([r.status, errorCode(r)]).toEqual([200, '']);
  const token = String(r.body.access_token);
  secrets.add(token);
  return { token, grantId: String(r.body.grant_id), run };
}

/** The refusal lines a chained exchange with `subject` writes (and its code). */
async function chainRefusal(subject: string, form: Record<string, string> = {}) {
  const before = s.audit.events.length;
  const r = await s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT, ...form });
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  const code = errorCode(r);
  // This request's lines (garbage sent meanwhile is refused with other codes).
  const lines = s.audit.events
    .slice(before)
    .filter((e) => e.type === 'credential.refused' && e.reason === code);
  return { code, lines };
}

/** Where the parent stands, as its own grant line said. */
const placeOf = (p: { grantId: string; run: string }) => ({
  repository: 'octo-org/octo-repo',
  repository_id: '100001',
  workflow: 'release.yml',
  job: 'publish',
  step: 'notify',
  run_id: runIdOf(p.run),
  run_attempt: 1,
  details: expect.objectContaining({ parent_grant_id: p.grantId }),
});

describe('a chained refusal names the credential presented', () => {
  it('a wider scope (ERR_CHAIN_SCOPE): repository, run, job, step and the parent grant', async () => {
    const p = await parent({ scope: 'notify:send' });
    const { code, lines } = await chainRefusal(p.token, { scope: 'notify:read' });
    expect(code).toBe('ERR_CHAIN_SCOPE');
    expect(lines).toEqual([expect.objectContaining({ reason: 'ERR_CHAIN_SCOPE', ...placeOf(p) })]);
  });

  it('another audience (ERR_CHAIN_AUDIENCE) and a chain one link too deep (ERR_CHAIN_TOO_DEEP)', async () => {
    const p = await parent();
    const aud = await chainRefusal(p.token, { audience: 'https://other.example.internal' });
    expect(aud.code).toBe('ERR_CHAIN_AUDIENCE');
    expect(aud.lines).toEqual([expect.objectContaining({ reason: 'ERR_CHAIN_AUDIENCE', ...placeOf(p) })]);
    let t = p.token;
    let last = p.grantId;
    for (let i = 0; i < 3; i++) {
      const c = await s.token({ grant_type: GRANT, subject_token: t, subject_token_type: JWT });
      expect(c.status).toBe(200);
      t = String(c.body.access_token);
      secrets.add(t);
      last = String(c.body.grant_id);
    }
    const deep = await chainRefusal(t);
    expect(deep.code).toBe('ERR_CHAIN_TOO_DEEP');
    expect(deep.lines).toEqual([
      expect.objectContaining({ reason: 'ERR_CHAIN_TOO_DEEP', ...placeOf({ grantId: last, run: p.run }) }),
    ]);
  });

  it('a revoked credential presented again (ERR_CHAIN_SUBJECT) says whose it was', async () => {
    const p = await parent();
    expect((await s.post('/revoke', { token: p.token })).status).toBe(200);
    const { code, lines } = await chainRefusal(p.token);
    expect(code).toBe('ERR_CHAIN_SUBJECT');
    expect(lines).toEqual([expect.objectContaining({ reason: 'ERR_CHAIN_SUBJECT', ...placeOf(p) })]);
  });

  it('an expired credential presented again (ERR_CHAIN_SUBJECT) says whose it was', async () => {
    const p = await parent();
    s.clock.offset += 200;
    try {
      const { code, lines } = await chainRefusal(p.token);
      expect(code).toBe('ERR_CHAIN_SUBJECT');
      expect(lines).toEqual([expect.objectContaining({ reason: 'ERR_CHAIN_SUBJECT', ...placeOf(p) })]);
    } finally {
      s.clock.offset -= 200;
    }
  });

  it('the kill switch (ERR_BLOCKED) names the repository it stopped', async () => {
    const p = await parent();
    expect((await s.post('/admin/revoke', { run_id: runIdOf(p.run) }, ADMIN)).status).toBe(200);
    // The block revoked the parent too: a live parent of another run meets a repository block.
    const q = await parent();
    await s.store.block({
      repository: 'octo-org/octo-repo',
      actor: 'test',
      at: Math.floor(Date.now() / 1000),
    });
    try {
      const { code, lines } = await chainRefusal(q.token);
      expect(code).toBe('ERR_BLOCKED');
      expect(lines).toEqual([expect.objectContaining({ reason: 'ERR_BLOCKED', ...placeOf(q) })]);
    } finally {
      await s.store.unblock({ repository: 'octo-org/octo-repo' });
    }
  });

  it('a subject whose signature fails stays unattributed (nothing about it can be believed)', async () => {
    const p = await parent();
    const [h, b] = p.token.split('.');
    const { code, lines } = await chainRefusal(`${h}.${b}.${Buffer.from('forged').toString('base64url')}`);
    expect(code).toBe('ERR_CHAIN_SUBJECT');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('repository');
    expect(lines[0]).not.toHaveProperty('repository_id');
  });
});

describe('an introspection client that is a revoked broker credential', () => {
  it('is refused (401) with a line that names the credential presented', async () => {
    const p = await parent();
    const q = await parent();
    expect((await s.post('/revoke', { token: p.token })).status).toBe(200);
    const before = s.audit.events.length;
    const r = await s.post('/introspect', { token: q.token }, { authorization: `Bearer ${p.token}` });
    expect([r.status, errorCode(r)]).toEqual([401, 'ERR_INTROSPECT_UNAUTHORIZED']);
    const lines = s.audit.events.slice(before).filter((e) => e.reason === 'ERR_INTROSPECT_UNAUTHORIZED');
    expect(lines).toEqual([
      expect.objectContaining({
        ...placeOf(p),
        details: expect.objectContaining({ endpoint: '/introspect', client_grant_id: p.grantId }),
      }),
    ]);
  });

  it('a bearer that is no broker credential stays unattributed', async () => {
    const q = await parent();
    const before = s.audit.events.length;
    const r = await s.post('/introspect', { token: q.token }, { authorization: 'Bearer not-a-credential' });
    expect(r.status).toBe(401);
    const lines = s.audit.events.slice(before).filter((e) => e.reason === 'ERR_INTROSPECT_UNAUTHORIZED');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('repository');
  });
});

describe('/admin/unblock refusals', () => {
  it('without an admin token: one admin.unblock line, not a second credential.refused', async () => {
    const before = s.audit.events.length;
    const r = await s.post('/admin/unblock', { repository: 'octo-org/octo-repo' });
    expect([r.status, errorCode(r)]).toEqual([401, 'ERR_ADMIN_UNAUTHORIZED']);
    const lines = s.audit.events.slice(before).filter((e) => e.reason === 'ERR_ADMIN_UNAUTHORIZED');
    expect(lines.map((e) => e.type)).toEqual(['admin.unblock']);
  });

  it('an admin selector refused at /admin/unblock is an admin.unblock line', async () => {
    const before = s.audit.events.length;
    const r = await s.post('/admin/unblock', { repository: 'octo-org' }, ADMIN);
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
    const lines = s.audit.events.slice(before).filter((e) => e.reason === 'ERR_PARAM_INVALID');
    expect(lines.map((e) => e.type)).toEqual(['admin.unblock']);
  });
});

// Last: it spends the budget of unauthenticated lines the refusals above are written under.
describe('a flood of garbage does not hide misuse of a real credential', () => {
  it('past the budget of unauthenticated lines, a widening attempt and a revoked credential are still written', async () => {
    const widen = await parent({ scope: 'notify:send' });
    const dead = await parent();
    expect((await s.post('/revoke', { token: dead.token })).status).toBe(200);
    // Forged tokens: the budget (burst 100, 10/s) is spent, then more of them while the two misuses
    // arrive, so the broker writes those two while unauthenticated lines are only being counted.
    const garbage = (n: number) =>
      Promise.all(
        Array.from({ length: n }, () => s.token(s.exchangeForm('e30.e30.e30', { audience: HOOKS }))),
      );
    await garbage(150);
    const more = garbage(150);
    const a = await chainRefusal(widen.token, { scope: 'notify:read' });
    const b = await chainRefusal(dead.token);
    await more;
    expect(s.audit.events.some((e) => e.reason === 'AUDIT_SUPPRESSED')).toBe(true);
    expect([a.code, b.code]).toEqual(['ERR_CHAIN_SCOPE', 'ERR_CHAIN_SUBJECT']);
    expect(a.lines).toEqual([expect.objectContaining({ reason: 'ERR_CHAIN_SCOPE', ...placeOf(widen) })]);
    expect(b.lines).toEqual([expect.objectContaining({ reason: 'ERR_CHAIN_SUBJECT', ...placeOf(dead) })]);
  });
});
