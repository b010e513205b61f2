/**
 * Session 19: the reason code the job-end listing answers (`revoked_reason`) cannot be chosen by the
 * workload. The audit step shows REVOKED_BY_ADMIN as administrator activity; a step must not make its
 * own revocation read as one (a `reason` it sends, a chained child it ends through its parent), nor
 * turn the kill switch's act into its own through a chain. Held (no change); a regression net for the
 * first-revocation-wins store field and the chained causes of session 18.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 120 }
`;
const RUN = 's19-why';
const ADMIN = { authorization: 'Bearer secret' };

let s: Stack;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  await closeCheckingAudit(s);
});

const parent = async () => {
  const oidc = await s.issuer.mint({ run_id: runIdOf(RUN) });
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify', scope: 'notify:send' }));
  expect(r.status).toBe(200);
  return { token: String(r.body.access_token), id: String(r.body.grant_id) };
};
const child = async (of: { token: string }) => {
  const r = await s.token({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: of.token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  });
  expect(r.status).toBe(200);
  return { token: String(r.body.access_token), id: String(r.body.grant_id) };
};

describe('who revoked it, as the job-end listing says, whatever the workload sends', () => {
  it("a step's own revocations never read as the kill switch's, and the kill switch's never as the step's", async () => {
    const chosen = { reason: 'REVOKED_BY_ADMIN', revoked_reason: 'REVOKED_BY_ADMIN', actor: 'admin' };
    // The step ends a child with a reason of its choosing: ignored, the step's own.
    const p1 = await parent();
    const c1 = await child(p1);
    expect((await s.post('/revoke', { token: c1.token, ...chosen })).body).toEqual({ revoked: 1 });
    // The step ends a parent: its live child ends with it (REVOKED_WITH_PARENT), not as the admin's.
    const p2 = await parent();
    const c2 = await child(p2);
    const c2b = await child(c2);
    expect((await s.post('/revoke', { token: p2.token, ...chosen })).body).toEqual({ revoked: 3 });
    // The kill switch ends a parent: the whole chain stays the administrator's, and a step's /revoke
    // afterwards (of the parent or a child) does not take it over.
    const p3 = await parent();
    const c3 = await child(p3);
    expect((await s.post('/admin/revoke', { run_id: runIdOf(RUN) }, ADMIN)).status).toBe(200);
    expect((await s.post('/revoke', { token: c3.token })).body).toEqual({ revoked: 0 });
    expect((await s.post('/revoke', { token: p3.token })).body).toEqual({ revoked: 0 });
    expect((await s.post('/admin/unblock', { run_id: runIdOf(RUN) }, ADMIN)).status).toBe(200);

    const listing = await s.post('/revoke', {
      subject_token: await s.issuer.mint({ run_id: runIdOf(RUN) }),
      job: 'publish',
      ...chosen,
    });
    expect(listing.status).toBe(200);
    const why = Object.fromEntries(
      (listing.body.credentials as { grant_id: string; revoked_reason?: string }[]).map((c) => [
        c.grant_id,
        c.revoked_reason,
      ]),
    );
    expect(why).toEqual({
      [p1.id]: 'REVOKED_BY_ADMIN', // still live when the kill switch fired on the run
      // Whoever holds the credential can send /revoke token=: the broker records its holder's act,
      // not the step's (session 26), which it cannot tell from a relying party's or a thief's.
      [c1.id]: 'REVOKED_BY_HOLDER',
      [p2.id]: 'REVOKED_BY_HOLDER',
      [c2.id]: 'REVOKED_WITH_PARENT',
      [c2b.id]: 'REVOKED_WITH_PARENT',
      [p3.id]: 'REVOKED_BY_ADMIN',
      [c3.id]: 'REVOKED_BY_ADMIN',
    });
  });
});
