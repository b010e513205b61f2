/**
 * Session 26: a chained exchange (a broker JWT as the subject) refuses `job=` and `step=`. The child
 * keeps its parent's job and step, so the parameters were ignored and `job=other&step=release`
 * answered 200 with a child of the parent's step: a client that believed it asked for another step's
 * credential got one it did not ask for. Refused before the subject is read, nothing issued.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BUILD_AND_PUBLISH_MANIFEST,
  chainForm,
  startStack,
  type Stack,
  closeCheckingAudit,
  HOOKS,
} from '../support/broker.js';

let s: Stack;
let parent: string;
beforeAll(async () => {
  s = await startStack({ manifest: BUILD_AND_PUBLISH_MANIFEST });
  const oidc = await s.issuer.mint({ run_id: '2601' });
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify', scope: 'notify:send' }));
  expect(r.status).toBe(200);
  parent = String(r.body.access_token);
});
afterAll(async () => {
  await closeCheckingAudit(s);
});

describe('a chained exchange refuses job= and step= (s26)', () => {
  it('issues a child without them (the control)', async () => {
    const r = await s.token(chainForm(parent));
    expect(r.status).toBe(200);
  });

  it.each([
    ['job', { job: 'other' }],
    ['step', { step: 'release' }],
    ['job', { job: 'publish', step: 'notify' }],
    ['step', { step: '' }],
  ])('refuses %s (%j): ERR_PARAM_INVALID naming it, nothing issued, one audit line', async (name, over) => {
    const before = s.audit.events.length;
    const r = await s.token(chainForm(parent, over));
    expect(r.status).toBe(400);
    expect(String(r.body.error_description)).toMatch(/^ERR_PARAM_INVALID/);
    expect(String(r.body.error_description)).toContain(`${name}=`);
    expect(String(r.body.error_description)).toContain("the child keeps its parent's job and step");
    const lines = s.audit.events.slice(before);
    expect(lines.map((e) => [e.type, e.reason])).toEqual([['credential.refused', 'ERR_PARAM_INVALID']]);
  });

  it('refuses any value of job= or step=, and never issues a child for it', async () => {
    const issuedBefore = s.audit.events.filter((e) => e.type === 'credential.granted').length;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('job', 'step'), fc.string({ maxLength: 40 }), async (name, value) => {
        const r = await s.token(chainForm(parent, { [name]: value }));
        return r.status === 400 && String(r.body.error_description).startsWith('ERR_PARAM_INVALID');
      }),
      { seed: 26, numRuns: 40 },
    );
    expect(s.audit.events.filter((e) => e.type === 'credential.granted').length).toBe(issuedBefore);
  });
});
