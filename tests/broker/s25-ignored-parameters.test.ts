/**
 * Hostile review of the broker (session 25): a parameter the endpoint did not act on, answered 200 as
 * if it had. `/revoke` with `token=` and a job end's `subject_token=` revoked the one credential and
 * skipped the job end (no mark written, the answer read as "nothing live"). Refused now, nothing
 * revoked, the OIDC token unused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const ADMIN = { authorization: 'Bearer secret' };

let s: Stack;
beforeAll(async () => {
  s = await startStack({});
});
afterAll(async () => {
  await s.close();
});

let runs = 0;
async function parent(): Promise<string> {
  const r = await s.token(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s25i-${++runs}`) }), {
      audience: HOOKS,
      step: 'notify',
    }),
  );
  expect(r.status).toBe(200);
  return r.body.access_token as string;
}
const active = async (token: string) =>
  (await s.post('/introspect', { token }, ADMIN)).body.active as boolean;

describe('/revoke with token= and subject_token=', () => {
  it('is refused ERR_PARAM_INVALID: the credential stays live and the OIDC token unused', async () => {
    const jwt = await parent();
    const oidc = await s.issuer.mint({ run_id: runIdOf(`s25i-${++runs}`) });
    const r = await s.post('/revoke', { token: jwt, subject_token: oidc, job: 'publish' });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
    expect(await active(jwt)).toBe(true);
    // Each alone still does what it says: the job end with the untouched token, then the credential.
    const end = await s.post('/revoke', { subject_token: oidc, job: 'publish' });
    expect(end.status).toBe(200);
    expect((await s.post('/revoke', { token: jwt })).body.revoked).toBe(1);
    expect(await active(jwt)).toBe(false);
  });

  it('an empty token= beside subject_token= is refused too (no reading of one as absent)', async () => {
    const oidc = await s.issuer.mint({ run_id: runIdOf(`s25i-${++runs}`) });
    const r = await s.post('/revoke', { token: '', subject_token: oidc, job: 'publish' });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
  });
});
