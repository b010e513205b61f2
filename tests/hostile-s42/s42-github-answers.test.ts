/**
 * Session 42, GitHub's answers about a token's life. The installation token's `expires_at` is GitHub's
 * word for how long the token lives; the broker bounds its credential by it. And `DELETE
 * /installation/token` is the only way a revocation is confirmed.
 * - A token answered already expired (`expires_at` before GitHub's now: a fault upstream or in a proxy
 *   in front of it): on bdb62c33 the broker granted it, 200 with a negative `expires_in`, a credential
 *   its own record called expired (introspection inactive) handed to the step anyway. Now refused
 *   (503 ERR_GITHUB_UNAVAILABLE naming `expires_at`), the token revoked, nothing granted.
 * - A token answered with a shorter life than asked: granted for that life (held).
 * - `DELETE` answered 404 (a GHES URL without /api/v3, a proxy's route): not a confirmation. GitHub
 *   answers a token it dropped (revoked or expired) with 401; a 404 says the call did not reach the
 *   endpoint, and "revoked" would be a lie for a live token (held: retried, `revocation_pending`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { closeCheckingAudit, errorCode, startStack, type Stack } from '../support/broker.js';
import { until } from '../support/poll.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack({});
});
afterEach(() => {
  delete s.gh.state.tokenAnswer;
});
afterAll(async () => {
  await closeCheckingAudit(s);
});

/** GitHub's answer format: whole seconds, `Z`. */
const at = (secondsFromNow: number) =>
  new Date(Date.now() + secondsFromNow * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
let runs = 0;
const exchange = async () =>
  s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s42gh-${++runs}`) })));
const grantsSince = (n: number) => s.audit.events.slice(n).filter((e) => e.type === 'credential.granted');

describe("GitHub's answers about a token's life (s42)", () => {
  it.each([
    ['two minutes ago', -120],
    ['this second', 0],
  ])('a token answered already expired (%s): revoked, refused, nothing granted', async (_, offset) => {
    s.gh.state.tokenAnswer = (a) => ({ ...a, expires_at: at(offset) });
    const before = s.audit.events.length;
    const issued = s.gh.state.tokens.length;
    const r = await exchange();
    expect(r.status).toBe(503);
    expect(errorCode(r)).toBe('ERR_GITHUB_UNAVAILABLE');
    expect(String(r.body.error_description)).toMatch(/expires_at .* already past/);
    expect(r.body.access_token).toBeUndefined();
    expect(grantsSince(before)).toEqual([]);
    // The token GitHub handed out is revoked there (never left live because its answer was odd).
    const minted = s.gh.state.tokens.slice(issued);
    expect(minted).toHaveLength(1);
    await until(() => minted[0]!.revoked, 30_000, 'the token revoked at GitHub');
    expect(String(r.body.error_description)).not.toContain(minted[0]!.token);
  });

  it('a token answered with a shorter life than asked: granted for that life only', async () => {
    s.gh.state.tokenAnswer = (a) => ({ ...a, expires_at: at(40) });
    const r = await exchange();
    expect(r.status).toBe(200);
    // Asked 300 s (the manifest's ttl); GitHub gave 40: never more than GitHub's life.
    expect(r.body.expires_in).toBeGreaterThan(0);
    expect(r.body.expires_in).toBeLessThanOrEqual(40);
  });

  it('DELETE answered 404: not taken as revoked; pending, retried, the token still live at GitHub', async () => {
    const r = await exchange();
    expect(r.status).toBe(200);
    const token = String(r.body.access_token);
    const held = s.gh.state.tokens.find((t) => t.token === token)!;
    s.gh.standin.fail('DELETE', '/installation/token', {
      count: 1000,
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    try {
      const before = s.audit.events.length;
      const revoked = await s.post('/revoke', { token });
      expect(revoked.status).toBe(200);
      await until(
        () => s.audit.events.slice(before).some((e) => e.type === 'credential.revocation_pending'),
        30_000,
        'the revocation pending',
      );
      const lines = s.audit.events.slice(before);
      expect(lines.filter((e) => e.type === 'credential.revoked')).toEqual([]);
      expect(held.revoked).toBe(false);
    } finally {
      s.gh.standin.fail('DELETE', '/installation/token', { count: 0 });
    }
    // GitHub reachable again: the retry revokes it and says so.
    await until(() => held.revoked, 60_000, 'the retried revocation');
  });
});
