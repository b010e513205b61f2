/**
 * Hostile review (session 10): the job-end `/revoke` with `subject_token` reached other jobs'
 * credentials. Without `job=`, a token without `check_run_id` (lax mode, `require-job-identity: false`)
 * revoked every live credential of the run attempt, so the first job to end (or any step of any job)
 * cut every other job's credentials mid-use. And a chained credential did not record its parent's
 * check run, so one matrix leg's job end revoked the sibling leg's chained credentials (the job names
 * are the same). Now a job end covers only what its token's check run owns, or the `job=` it names
 * for credentials without a check run; with neither it is refused (ERR_PARAM_MISSING).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      build:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 120 }
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 120 }
`;

let s: Stack;
let run = 10_500;

beforeAll(async () => {
  // The stack's broker is lax (require-job-identity: false) and has no Jobs API: jobs are asserted.
  s = await startStack({ manifest: MANIFEST, app: { timeoutMs: 60_000 } });
});
afterAll(() => closeCheckingAudit(s));

async function exchange(runId: string, job: string, claims: Record<string, unknown> = {}) {
  const r = await s.token(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(runId), ...claims }), {
      audience: HOOKS,
      step: 'notify',
      job,
    }),
  );
  expect(r.status).toBe(200);
  return String(r.body.access_token);
}
const active = async (token: string) =>
  (await s.post('/introspect', { token }, { authorization: 'Bearer secret' })).body.active;
const jobEnd = async (runId: string, form: Record<string, string>, claims: Record<string, unknown> = {}) =>
  s.post('/revoke', { subject_token: await s.issuer.mint({ run_id: runIdOf(runId), ...claims }), ...form });

describe('a job end reaches only its own job', () => {
  it("a job end without job= and without check_run_id is refused; publish's credential stays live", async () => {
    const runId = String(++run);
    const publish = await exchange(runId, 'publish');
    const r = await jobEnd(runId, {});
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_MISSING']);
    expect(String(r.body.error_description)).toMatch(/job=.*check_run_id/);
    expect(await active(publish)).toBe(true);
    // Naming its job, build's end revokes build's credentials only.
    const build = await exchange(runId, 'build');
    const ok = await jobEnd(runId, { job: 'build' });
    expect([ok.status, ok.body.revoked]).toEqual([200, 1]);
    expect(await active(build)).toBe(false);
    expect(await active(publish)).toBe(true);
  });

  it('with check_run_id and no job=, only credentials of that check run are revoked', async () => {
    const runId = String(++run);
    const legA = await exchange(runId, 'publish', { check_run_id: '51' });
    const other = await exchange(runId, 'build', { check_run_id: '52' });
    const r = await jobEnd(runId, {}, { check_run_id: '51' });
    expect([r.status, r.body.revoked]).toEqual([200, 1]);
    expect(await active(legA)).toBe(false);
    expect(await active(other)).toBe(true);
  });

  it("one matrix leg's job end does not revoke the other leg's chained credential", async () => {
    const runId = String(++run);
    const legB = await exchange(runId, 'publish', { check_run_id: '62' });
    const child = await s.token({ grant_type: GRANT, subject_token: legB, subject_token_type: JWT });
    expect(child.status).toBe(200);
    await exchange(runId, 'publish', { check_run_id: '61' });
    const r = await jobEnd(runId, { job: 'publish' }, { check_run_id: '61' });
    expect([r.status, r.body.revoked]).toEqual([200, 1]);
    expect(await active(String(child.body.access_token))).toBe(true);
    expect(await active(legB)).toBe(true);
    // Leg B's own end takes its credential and the chained child.
    const b = await jobEnd(runId, { job: 'publish' }, { check_run_id: '62' });
    expect([b.status, (b.body.credentials as unknown[]).length]).toEqual([200, 2]);
    expect(await active(String(child.body.access_token))).toBe(false);
  });
});
