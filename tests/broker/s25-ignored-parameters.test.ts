/**
 * Hostile review of the broker (session 25): parameters a request carries that the endpoint did not
 * act on, answered 200 as if it had. A chained exchange with `job=`/`step=` issued a child of the
 * parent's step (the client believed it bound to the step it named); `/revoke` with `token=` and a
 * job end's `subject_token=` revoked the one credential and skipped the job end (no mark written, the
 * answer read as "nothing live"). Both are refused now, nothing issued or revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
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
    s.exchangeForm(await s.issuer.mint({ run_id: `s25i-${++runs}` }), { audience: HOOKS, step: 'notify' }),
  );
  expect(r.status).toBe(200);
  return r.body.access_token as string;
}
const chain = (subject: string, over: Record<string, string> = {}) =>
  s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT, audience: HOOKS, ...over });
const active = async (token: string) =>
  (await s.post('/introspect', { token }, ADMIN)).body.active as boolean;

describe('a chained exchange naming a job or step', () => {
  it.each([
    ['step', { step: 'release' }],
    ['job', { job: 'other' }],
    ['job', { job: 'publish', step: 'notify' }],
  ])('%s= is refused ERR_PARAM_INVALID, nothing issued', async (name, over) => {
    const jwt = await parent();
    const before = s.audit.events.length;
    const r = await chain(jwt, over);
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
    expect(String(r.body.error_description)).toContain(`${name} is not read by a chained exchange`);
    expect(r.body.access_token).toBeUndefined();
    expect(s.audit.events.slice(before).some((e) => e.type === 'credential.granted')).toBe(false);
    // The parent is untouched: the same chain without the parameter is granted.
    expect((await chain(jwt, { scope: 'notify:send' })).status).toBe(200);
  });
});

describe('/revoke with token= and subject_token=', () => {
  it('is refused ERR_PARAM_INVALID: the credential stays live and the OIDC token unused', async () => {
    const jwt = await parent();
    const oidc = await s.issuer.mint({ run_id: `s25i-${++runs}` });
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
    const oidc = await s.issuer.mint({ run_id: `s25i-${++runs}` });
    const r = await s.post('/revoke', { token: '', subject_token: oidc, job: 'publish' });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
  });
});
