/**
 * Session 21: a chained credential's lifetime at the edges of its parent's (held: with one second left
 * the child gets exactly that second, its `exp` the parent's whatever `ttl=` asks; at the parent's
 * `exp` nothing is chained and the child is dead with it). Found: a parent the sweep had ended at its
 * ttl (marked revoked, TTL_PASSED) was refused "subject_token was revoked", so the line a responder
 * reads for an expired stolen credential presented again said someone had revoked it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
let s: Stack;

beforeAll(async () => {
  s = await startStack();
});
afterAll(() => closeCheckingAudit(s));

const chain = (subject: string, form: Record<string, string> = {}) =>
  s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT, ...form });
const active = async (token: string) =>
  (await s.post('/introspect', { token }, { authorization: 'Bearer secret' })).body.active;

describe("a chained credential's lifetime at its parent's edges", () => {
  it('one second left: the child lives that second and ends with its parent; at exp nothing is chained', async () => {
    const oidc = await s.issuer.mint({ run_id: runIdOf('s21-edge-1') }, { issuedAtOffset: s.clock.offset });
    const p = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify' }));
    expect(p.status).toBe(200);
    const parent = String(p.body.access_token);
    const parentExp = decodeJwt(parent).exp!;
    // The clock stopped one second before the parent's exp (session 26: moved by an offset, the
    // wall clock's next second between the grant and the chain left none, and the chain was refused).
    s.clock.at = parentExp - 1;

    const c = await chain(parent, { ttl: '3600' });
    expect([c.status, c.body.expires_in]).toEqual([200, 1]);
    const child = String(c.body.access_token);
    expect(decodeJwt(child).exp).toBe(parentExp);
    expect(await active(child)).toBe(true);

    s.clock.at = parentExp;
    // The sweep ends it at its ttl by marking it revoked (TTL_PASSED): wait for that, then present it.
    for (const end = Date.now() + 15_000; Date.now() < end;) {
      if (s.audit.events.some((e) => e.type === 'credential.expired' && e.grant_id === p.body.grant_id))
        break;
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(
      s.audit.events.some((e) => e.type === 'credential.expired' && e.grant_id === p.body.grant_id),
    ).toBe(true);
    const late = await chain(parent);
    expect([late.status, errorCode(late)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
    expect(String(late.body.error_description)).toMatch(/subject_token has expired/);
    const grandchild = await chain(child);
    expect([grandchild.status, errorCode(grandchild)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
    expect(await active(child)).toBe(false);
    expect(await active(parent)).toBe(false);
  });
});
