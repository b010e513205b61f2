/**
 * Hostile review (session 13), parameter names at the real broker's endpoints. Session 7 made names
 * case-sensitive and refused a known name in another case (a case-folding proxy or WAF reads `Scope`
 * as `scope`), but "known" left out the names the broker refuses (`resource`, `actor_token`,
 * `actor_token_type`) and the kill switch's `repository_id`: `Resource=…` was ignored and a
 * credential issued without the resource the client (or the proxy) took it to be bound to, and
 * `REPOSITORY_ID=…` beside `repository=` blocked the name only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, errorCode } from '../support/broker.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack({});
});
afterAll(async () => {
  await s.close();
});

const ADMIN = { authorization: 'Bearer secret' };

describe('names the broker refuses, or that an admin gives, in another case', () => {
  it.each([
    ['Resource', 'https://evil.example'],
    ['RESOURCE', 'https://evil.example'],
    ['Actor_Token', 'x'],
    ['actor_Token_type', 'urn:ietf:params:oauth:token-type:jwt'],
  ])('%s at /token is refused (ERR_PARAM_INVALID), nothing issued', async (name, value) => {
    const before = s.audit.events.length;
    const r = await s.token(
      s.exchangeForm(await s.issuer.mint({}), {
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
      s.exchangeForm(await s.issuer.mint({}), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
        resource: 'https://evil.example',
      }),
    );
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_UNSUPPORTED']);
    const b = await s.post('/admin/revoke', { repository_id: '100001' }, ADMIN);
    expect(b.status).toBe(200);
    expect((await s.store.blocks()).length).toBe(1);
  });
});
