/** Chained sessions: a broker-signed JWT exchanged for a narrower one, recorded with its parent chain. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const JWT = 'urn:ietf:params:oauth:token-type:jwt';

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  await s.close();
});

async function parent(runId: string) {
  const r = await s.token(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(runId) }), {
      audience: 'https://hooks.example.internal',
      step: 'notify',
      scope: 'notify:send notify:read',
    }),
  );
  expect(r.status).toBe(200);
  return r.body as { access_token: string; grant_id: string; expires_in: number };
}

function chain(subject: string, over: Record<string, string> = {}) {
  return s.token({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: subject,
    subject_token_type: JWT,
    scope: 'notify:send',
    ...over,
  });
}

describe('chained sessions', () => {
  it('a narrower child: same audience, fewer scopes, no longer than the parent, act naming the chain', async () => {
    const p = await parent('chain-1');
    const c = await chain(p.access_token, { ttl: '30' });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ scope: 'notify:send', issued_token_type: JWT });
    expect(c.body.expires_in).toBeLessThanOrEqual(30);
    const claims = decodeJwt(c.body.access_token as string);
    expect(claims).toMatchObject({
      aud: 'https://hooks.example.internal',
      scope: 'notify:send',
      run_id: runIdOf('chain-1'),
    });
    expect(claims.act).toEqual({ sub: `grant:${p.grant_id}` });
    const g = await chain(c.body.access_token as string);
    expect(decodeJwt(g.body.access_token as string).act).toEqual({
      sub: `grant:${p.grant_id}`,
      act: { sub: `grant:${c.body.grant_id as string}` },
    });
    // A child never outlives its parent, whatever it asks for.
    const long = await chain(p.access_token, { ttl: '3600' });
    expect(long.body.expires_in).toBeLessThanOrEqual(p.expires_in);
    expect(
      s.audit.events.find((e) => e.grant_id === c.body.grant_id && e.type === 'credential.granted'),
    ).toMatchObject({
      details: { parent_grant_id: p.grant_id, chain_depth: 1 },
    });
  });

  it.each([
    ['a wider scope', { scope: 'notify:send notify:admin' }, 'ERR_CHAIN_SCOPE', 'invalid_scope'],
    ['another audience', { audience: 'https://other.example' }, 'ERR_CHAIN_AUDIENCE', 'invalid_target'],
    ['a zero ttl', { ttl: '0' }, 'ERR_PARAM_INVALID', 'invalid_request'],
  ])('refuses %s', async (_n, over, code, error) => {
    const p = await parent(`chain-refuse-${code}`);
    const r = await chain(p.access_token, over);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(error);
    expect(r.body.error_description).toMatch(new RegExp(`^${code}`));
  });

  it('refuses a subject that is not a live broker JWT: a GitHub token, a forged JWT, an OIDC token', async () => {
    const gh = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('chain-gh') })));
    for (const subject of [
      gh.body.access_token as string,
      await s.issuer.mint({ run_id: runIdOf('x') }),
      'a.b.c',
    ]) {
      const r = await chain(subject);
      expect(r.status).toBe(400);
      expect(r.body.error_description).toMatch(/^ERR_CHAIN_SUBJECT/);
    }
  });

  it('stops at the depth limit', async () => {
    let t = (await parent('chain-deep')).access_token;
    for (let depth = 1; depth <= 3; depth++) {
      const r = await chain(t);
      expect(r.status).toBe(200);
      t = r.body.access_token as string;
    }
    const r = await chain(t);
    expect(r.body.error_description).toMatch(/^ERR_CHAIN_TOO_DEEP/);
  });

  it('revoking a parent revokes every descendant; introspection of a descendant says inactive', async () => {
    const p = await parent('chain-revoke');
    const c = await chain(p.access_token);
    const g = await chain(c.body.access_token as string);
    expect(
      (
        await s.post(
          '/introspect',
          { token: g.body.access_token as string },
          { authorization: 'Bearer secret' },
        )
      ).body.active,
    ).toBe(true);
    expect((await s.post('/revoke', { token: p.access_token })).body).toEqual({ revoked: 3 });
    for (const t of [c, g])
      expect(
        (
          await s.post(
            '/introspect',
            { token: t.body.access_token as string },
            { authorization: 'Bearer secret' },
          )
        ).body,
      ).toEqual({
        active: false,
      });
    const withParent = s.audit.events.filter((e) => e.reason === 'REVOKED_WITH_PARENT');
    expect(withParent.map((e) => e.grant_id).sort()).toEqual([c.body.grant_id, g.body.grant_id].sort());
    // What the job-end listing will say of each: its holder ended the parent, the parent its descendants.
    const kept = async (id: unknown) => (await s.store.get(String(id)))?.revokedReason;
    expect(await kept(p.grant_id)).toBe('REVOKED_BY_HOLDER');
    expect(await kept(c.body.grant_id)).toBe('REVOKED_WITH_PARENT');
    expect(await kept(g.body.grant_id)).toBe('REVOKED_WITH_PARENT');
    expect((await chain(c.body.access_token as string)).body.error_description).toMatch(/^ERR_CHAIN_SUBJECT/);
  });

  it('the kill switch on a run reaches its chained credentials and refuses new links', async () => {
    const p = await parent('chain-kill');
    const c = await chain(p.access_token);
    const k = await s.post(
      '/admin/revoke',
      { run_id: runIdOf('chain-kill') },
      { authorization: 'Bearer secret' },
    );
    expect(k.body.revoked).toBe(2);
    // Both are the administrator's act, whichever the kill switch reached first.
    for (const id of [p.grant_id, c.body.grant_id])
      expect((await s.store.get(String(id)))?.revokedReason).toBe('REVOKED_BY_ADMIN');
    expect(
      (
        await s.post(
          '/introspect',
          { token: c.body.access_token as string },
          { authorization: 'Bearer secret' },
        )
      ).body.active,
    ).toBe(false);
    const p2 = await parent('chain-kill-2');
    await s.post('/admin/revoke', { run_id: runIdOf('chain-kill-2') }, { authorization: 'Bearer secret' });
    expect((await chain(p2.access_token)).body.error_description).toMatch(/^ERR_CHAIN_SUBJECT/);
  });
});
