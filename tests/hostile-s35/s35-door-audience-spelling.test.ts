/**
 * Session 35, the door: the `audience` a grant names, spelled the ways a form body or a proxy can
 * bend it (`+` or `%20` for a trailing space, a leading `+`, `%00`, a trailing `/`, `%2F`, `.`, `#`
 * or `?`, upper case). The broker matches the audience exactly: each is refused (no grant for it, or
 * an invalid value), none issues the grant of the audience it resembles, and the token stays unspent
 * (the exact spelling is granted afterwards with the same token).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack({});
});
afterAll(async () => {
  await s.close();
});

let runs = 0;
const SPELLINGS: [string, string][] = [
  [`${HOOKS}+`, 'ERR_NO_GRANT'],
  [`${HOOKS}%20`, 'ERR_NO_GRANT'],
  [`+${HOOKS}`, 'ERR_NO_GRANT'],
  [`${HOOKS}%00`, 'ERR_PARAM_INVALID'],
  [`${HOOKS}/`, 'ERR_NO_GRANT'],
  [`${HOOKS}%2F`, 'ERR_NO_GRANT'],
  [`${HOOKS}.`, 'ERR_NO_GRANT'],
  [`${HOOKS}#`, 'ERR_NO_GRANT'],
  [`${HOOKS}?`, 'ERR_NO_GRANT'],
  [HOOKS.toUpperCase(), 'ERR_NO_GRANT'],
];

async function exchange(token: string, audience: string) {
  // The audience written as it comes, not re-encoded.
  const body = new URLSearchParams(s.exchangeForm(token, { step: 'notify', audience: 'AUDIENCE' }))
    .toString()
    .replace('AUDIENCE', audience);
  const res = await fetch(`${s.broker.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('an audience spelled otherwise (s35)', () => {
  it.each(SPELLINGS)(
    '%s -> %s, then the exact one is granted with the same token',
    async (audience, code) => {
      const t = await s.issuer.mint({ run_id: runIdOf(`s35-aud-${++runs}`) });
      const r = await exchange(t, audience);
      expect([r.status, errorCode(r)]).toEqual([400, code]);
      expect(r.body.access_token).toBeUndefined();
      const ok = await exchange(t, encodeURIComponent(HOOKS));
      expect(ok.status).toBe(200);
      expect(typeof ok.body.access_token).toBe('string');
    },
  );
});
