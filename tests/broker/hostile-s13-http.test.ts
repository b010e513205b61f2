/**
 * Hostile review (session 13), parameter names at the real broker's endpoints. Session 7 made names
 * case-sensitive and refused a known name in another case (a case-folding proxy or WAF reads `Scope`
 * as `scope`), but "known" left out the names the broker refuses (`resource`, `actor_token`,
 * `actor_token_type`) and the kill switch's `repository_id`: `Resource=…` was ignored and a
 * credential issued without the resource the client (or the proxy) took it to be bound to, and
 * `REPOSITORY_ID=…` beside `repository=` blocked the name only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack({});
});
afterAll(async () => {
  await s.close();
});

const ADMIN = { authorization: 'Bearer secret' };
let runs = 0;

describe('names the broker refuses, or that an admin gives, in another case', () => {
  it.each([
    ['Resource', 'https://evil.example'],
    ['RESOURCE', 'https://evil.example'],
    ['Actor_Token', 'x'],
    ['actor_Token_type', 'urn:ietf:params:oauth:token-type:jwt'],
  ])('%s at /token is refused (ERR_PARAM_INVALID), nothing issued', async (name, value) => {
    const before = s.audit.events.length;
    const r = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s13h-${++runs}`) }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
        [name]: value,
      }),
    );
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
    expect(String(r.body.error_description)).toContain(`'${name}' is not '${name.toLowerCase()}'`);
    expect(r.body.access_token).toBeUndefined();
    expect(s.audit.events.slice(before).some((e) => e.type === 'credential.granted')).toBe(false);
  });

  it('REPOSITORY_ID at /admin/revoke is refused and nothing is blocked (the responder would read "blocked")', async () => {
    const r = await s.post(
      '/admin/revoke',
      { repository: 'octo-org/octo-repo', REPOSITORY_ID: '100001' },
      ADMIN,
    );
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
    expect(await s.store.blocks()).toEqual([]);
  });

  it('the names as spelled are read as before', async () => {
    const r = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s13h-${++runs}`) }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
        resource: 'https://evil.example',
      }),
    );
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_UNSUPPORTED']);
    const b = await s.post('/admin/revoke', { repository_id: '100001' }, ADMIN);
    expect(b.status).toBe(200);
    expect((await s.store.blocks()).length).toBe(1);
    expect((await s.post('/admin/unblock', { repository_id: '100001' }, ADMIN)).status).toBe(200);
  });
});

describe('ttl on an exchange of an OIDC token', () => {
  // Chained exchanges read `ttl` (a ceiling under the parent's); an exchange of an OIDC token ignored
  // it, so a client asking for 30 s held the grant's 60 s (or a GitHub token's 300 s) believing otherwise.
  const exchange = async (form: Record<string, string>) =>
    s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s13h-${++runs}`) }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
        ...form,
      }),
    );

  it("is a ceiling under the grant: 30 of 60 s is issued for 30 s, 1000 for the grant's 60", async () => {
    const short = await exchange({ ttl: '30' });
    expect([short.status, short.body.expires_in]).toEqual([200, 30]);
    const jwt = decodeJwt(String(short.body.access_token));
    expect(jwt.exp! - jwt.iat!).toBe(30);
    const long = await exchange({ ttl: '1000' });
    expect([long.status, long.body.expires_in]).toEqual([200, 60]);
  });

  it('for a GitHub token too (the broker revokes it upstream at the shorter end)', async () => {
    const r = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s13h-${++runs}`) }), { ttl: '45' }),
    );
    expect([r.status, r.body.expires_in]).toEqual([200, 45]);
    const record = await s.store.byTokenHash(
      (await import('node:crypto')).createHash('sha256').update(String(r.body.access_token)).digest('hex'),
    );
    expect(record && record.expiresAt - record.issuedAt).toBe(45);
  });

  it.each(['0', '0x10', '1e3', ' 5', '-1', ''])('ttl %j is refused ERR_PARAM_INVALID', async (ttl) => {
    const r = await exchange({ ttl });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
  });

  it('a dry run answers the lifetime it would issue', async () => {
    const r = await exchange({ ttl: '20', dry_run: 'true' });
    expect([r.status, r.body.expires_in]).toEqual([200, 20]);
  });
});
