/**
 * Hostile review (session 9), /introspect's client: a chained credential whose ancestor is revoked is
 * inactive (its own introspection said so) but still authenticated as an introspection client when
 * the instance that revoked the parent stopped before reaching the descendants. And a client of one
 * audience learned that another audience's credential (a GitHub token, say) exists and waits for its
 * upstream revocation (`revocation_pending: true`): RFC 7662 §4 says not this client's to know.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sha256 } from '../../shared/broker/service.js';
import { startStack, type Stack } from '../support/broker.js';
import { record } from './store-suite.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const HOOKS = 'https://hooks.example.internal';

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.close();
});

async function serviceJwt(run: string) {
  const r = await s.token(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(run) }), {
      audience: HOOKS,
      step: 'notify',
      scope: 'notify:send',
    }),
  );
  expect(r.status).toBe(200);
  return r.body as { access_token: string; grant_id: string };
}
const introspect = (token: string, bearer: string) =>
  s.post('/introspect', { token }, { authorization: `Bearer ${bearer}` });

describe('introspection clients', () => {
  it('a child of a revoked parent is not a client', async () => {
    const p = await serviceJwt('in-1');
    const c = await s.token({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: p.access_token,
      subject_token_type: JWT,
      scope: 'notify:send',
    });
    expect(c.status).toBe(200);
    const child = c.body.access_token as string;
    expect((await introspect(child, child)).body).toMatchObject({ active: true });
    // The parent alone is marked revoked (the instance stopped before its descendants).
    expect(await s.store.markRevoked(p.grant_id, Math.floor(Date.now() / 1000))).toBe(true);
    expect((await introspect(child, 'secret')).body).toEqual({ active: false });
    const asClient = await introspect(p.access_token, child);
    expect([asClient.status, String(asClient.body.error_description).split(':')[0]]).toEqual([
      401,
      'ERR_INTROSPECT_UNAUTHORIZED',
    ]);
  });

  it("another audience's credential waiting for its upstream revocation is just inactive", async () => {
    const client = await serviceJwt('in-2');
    const ghToken = 'ghs_pending_revocation_token_of_another_audience';
    const now = Math.floor(Date.now() / 1000);
    await s.store.put(
      record({ tokenHash: sha256(ghToken), revokedAt: now, revocation: 'pending', expiresAt: now + 300 }),
    );
    expect((await introspect(ghToken, client.access_token)).body).toEqual({ active: false });
    // The admin still sees the pending revocation.
    expect((await introspect(ghToken, 'secret')).body).toEqual({ active: false, revocation_pending: true });
  });
});
