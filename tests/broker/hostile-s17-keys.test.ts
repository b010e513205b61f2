/**
 * Hostile review (session 17): the issuer's key set publishes two RSA keys under the kid of a token
 * (a stray key left by a botched rotation, or one planted where the set is served from). The broker
 * neither tries them in turn (either key would then verify a token) nor blames the token: it answers
 * 503 with ERR_OIDC_JWKS_AMBIGUOUS, audits an error naming the kid, and does not consume the token,
 * which verifies once the set holds one key per kid again. Real broker, local issuer, GitHub stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const secrets = new Set<string>();

beforeAll(async () => {
  // Keys fetched again for every token, so the repaired set is read at the next request.
  s = await startStack({ verifier: { keysMaxAgeMs: 0 } });
});
afterAll(async () => {
  const audit = JSON.stringify(s.audit.events);
  for (const t of secrets) expect(audit.includes(t)).toBe(false);
  await closeCheckingAudit(s);
});

const exchange = (token: string) =>
  s.token(s.exchangeForm(token, { audience: HOOKS, step: 'notify', scope: 'notify:send' }));

describe('two RSA keys under one kid in the issuer set', () => {
  it('is the issuer set at fault (503, ERR_OIDC_JWKS_AMBIGUOUS, an error line naming the kid); the token stays usable', async () => {
    const mine = s.issuer.jwks().keys[0] as JWK;
    const other = await generateKeyPair('RS256', { extractable: true });
    const twin: JWK = { ...(await exportJWK(other.publicKey)), kid: mine.kid!, alg: 'RS256', use: 'sig' };
    s.issuer.publishAlso([twin]);
    const token = await s.issuer.mint({ run_id: runIdOf('s17-keys-1') });
    secrets.add(token);
    const before = s.audit.events.length;
    const r = await exchange(token);
    expect([r.status, r.body.error, errorCode(r)]).toEqual([
      503,
      'temporarily_unavailable',
      'ERR_OIDC_JWKS_AMBIGUOUS',
    ]);
    expect(String(r.body.error_description)).toContain(`kid "${mine.kid}"`);
    expect(String(r.body.error_description)).toContain("the issuer's key set");
    const lines = s.audit.events.slice(before);
    expect(lines.map((e) => [e.type, e.outcome, e.reason])).toEqual([
      ['credential.refused', 'error', 'ERR_OIDC_JWKS_AMBIGUOUS'],
    ]);

    // The set repaired: the same token (not consumed by the refusal) is exchanged.
    s.issuer.publishAlso([]);
    const again = await exchange(token);
    expect([again.status, errorCode(again)]).toEqual([200, '']);
    secrets.add(String(again.body.access_token));
  });

  it('another RSA key under another kid, or an EC key under the kid, is no ambiguity (control)', async () => {
    const mine = s.issuer.jwks().keys[0] as JWK;
    const other = await generateKeyPair('RS256', { extractable: true });
    s.issuer.publishAlso([
      { ...(await exportJWK(other.publicKey)), kid: 'another', alg: 'RS256', use: 'sig' },
    ]);
    const t1 = await s.issuer.mint({ run_id: runIdOf('s17-keys-2') });
    secrets.add(t1);
    const r1 = await exchange(t1);
    expect([r1.status, errorCode(r1)]).toEqual([200, '']);
    secrets.add(String(r1.body.access_token));
    // An EC key under the kid is never a candidate for RS256 (session 15), so it is not ambiguous.
    const ec = await generateKeyPair('ES256', { extractable: true });
    s.issuer.publishAlso([{ ...(await exportJWK(ec.publicKey)), kid: mine.kid! }]);
    const t2 = await s.issuer.mint({ run_id: runIdOf('s17-keys-3') });
    secrets.add(t2);
    const r2 = await exchange(t2);
    expect([r2.status, errorCode(r2)]).toEqual([200, '']);
    secrets.add(String(r2.body.access_token));
    s.issuer.publishAlso([]);
  });
});

describe('an ambiguous set is read again, as an unknown kid is', () => {
  // Keys cached for their usual age (10 min); refreshes caused by tokens not limited in time.
  let c: Stack;
  beforeAll(async () => {
    c = await startStack({ verifier: { refreshCooldownMs: 0 } });
  });
  afterAll(async () => {
    const audit = JSON.stringify(c.audit.events);
    for (const t of secrets) expect(audit.includes(t)).toBe(false);
    await closeCheckingAudit(c);
  });

  it('the set repaired is used at the next token, not after the cached copy ages out', async () => {
    const mine = c.issuer.jwks().keys[0] as JWK;
    // The set is fetched (and cached) with one key per kid first.
    const first = await c.issuer.mint({ run_id: runIdOf('s17-keys-c1') });
    const ok = await c.token(
      c.exchangeForm(first, { audience: HOOKS, step: 'notify', scope: 'notify:send' }),
    );
    expect([ok.status, errorCode(ok)]).toEqual([200, '']);
    // The ambiguous set reaches the broker only through a refresh: a token of an unknown kid asks one.
    const other = await generateKeyPair('RS256', { extractable: true });
    c.issuer.publishAlso([
      { ...(await exportJWK(other.publicKey)), kid: mine.kid!, alg: 'RS256', use: 'sig' },
    ]);
    const unknown = await c.issuer.mint({ run_id: runIdOf('s17-keys-c2') }, { kid: 'no-such-kid' });
    const u = await c.token(
      c.exchangeForm(unknown, { audience: HOOKS, step: 'notify', scope: 'notify:send' }),
    );
    expect(errorCode(u)).toBe('ERR_OIDC_KID_UNKNOWN');
    const token = await c.issuer.mint({ run_id: runIdOf('s17-keys-c3') });
    const bad = await c.token(
      c.exchangeForm(token, { audience: HOOKS, step: 'notify', scope: 'notify:send' }),
    );
    expect([bad.status, errorCode(bad)]).toEqual([503, 'ERR_OIDC_JWKS_AMBIGUOUS']);
    // Repaired at the issuer: the next token's ambiguity asks for the set again and finds one key.
    c.issuer.publishAlso([]);
    const fetches = c.issuer.jwksFetches;
    const again = await c.token(
      c.exchangeForm(token, { audience: HOOKS, step: 'notify', scope: 'notify:send' }),
    );
    expect([again.status, errorCode(again)]).toEqual([200, '']);
    expect(c.issuer.jwksFetches).toBe(fetches + 1);
    for (const t of [first, unknown, token, ok.body.access_token, again.body.access_token])
      secrets.add(String(t));
  });
});
