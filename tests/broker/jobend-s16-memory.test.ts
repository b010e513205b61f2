/**
 * Job-end mark (session 16, memory state): after the job-end listing (/revoke subject_token=), a
 * grant of that job not yet claimed was still claimable by anything left running in the job (a
 * daemon a compromised step left behind) until GitHub ended the job, and an exchange minting while
 * the listing ran was delivered afterwards. Now the listing writes a mark keyed on the job's check
 * run (and run attempt): every later exchange of that job is refused (ERR_JOB_ENDED) and one that
 * was minting is revoked on completion; another matrix leg, another job, a re-run attempt go on.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode } from '../support/broker.js';
import { until } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const TOKENS = '/app/installations/{installation_id}/access_tokens';
const HOOKS = 'https://hooks.example.internal';
// Two jobs of one workflow, each grant claimable often in a run attempt (matrix legs share a grant).
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - { step: release, audience: github, permissions: { contents: write }, ttl: 300, uses: 100 }
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 120 }
      build:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 120 }
`;
let s: Stack;
let run = 16_000;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(() => closeCheckingAudit(s));

const mint = (runId: string, claims: Record<string, unknown>) =>
  s.issuer.mint({ run_id: runIdOf(runId), ...claims });
const exchange = async (runId: string, claims: Record<string, unknown>, step = 'notify', job = 'publish') =>
  s.token(
    s.exchangeForm(await mint(runId, claims), {
      step,
      job,
      ...(step === 'notify' ? { audience: HOOKS } : {}),
    }),
  );
const jobEnd = async (runId: string, claims: Record<string, unknown>) =>
  s.post('/revoke', { subject_token: await mint(runId, claims), job: 'publish' });

describe('the job-end listing closes its job', () => {
  it('a claim after the job end is refused, naming the job, run and attempt; the audit says so', async () => {
    const runId = String(++run);
    expect((await exchange(runId, { check_run_id: '71' })).status).toBe(200);
    const end = await jobEnd(runId, { check_run_id: '71' });
    expect([end.status, end.body.revoked]).toEqual([200, 1]);
    // A grant of the job not claimed before its end (release), and a second claim of notify.
    for (const step of ['release', 'notify']) {
      const r = await exchange(runId, { check_run_id: '71' }, step);
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_ENDED']);
      expect(String(r.body.error_description)).toBe(
        `ERR_JOB_ENDED: job 'publish' (check run 71) of run ${runId} attempt 1 was closed by its job-end listing (actions/audit's /revoke subject_token=): nothing more is issued to it, and a credential minted while it ended is revoked; a re-run attempt gets a new job`,
      );
    }
    expect(
      s.audit.events.filter(
        (e) => e.type === 'credential.refused' && e.reason === 'ERR_JOB_ENDED' && e.run_id === runIdOf(runId),
      ),
    ).toHaveLength(2);
    // A dry run says the same.
    const dry = await s.token({
      ...s.exchangeForm(await mint(runId, { check_run_id: '71' }), { step: 'release' }),
      dry_run: 'true',
    });
    expect(errorCode(dry)).toBe('ERR_JOB_ENDED');
  });

  it('another matrix leg, another job and a re-run attempt are not closed by it', async () => {
    const runId = String(++run);
    expect((await jobEnd(runId, { check_run_id: '91' })).status).toBe(200);
    // The sibling leg (same job name, its own check run), the re-run attempt (even with the same
    // check run id), another job of the run: all still claim.
    expect((await exchange(runId, { check_run_id: '92' }, 'release')).status).toBe(200);
    expect((await exchange(runId, { check_run_id: '91', run_attempt: '2' }, 'release')).status).toBe(200);
    expect((await exchange(runId, { check_run_id: '93' }, 'notify', 'build')).status).toBe(200);
    // A job end by a token without a check run names no job precisely: no mark, the job goes on.
    const other = String(++run);
    expect((await jobEnd(other, {})).status).toBe(200);
    expect((await exchange(other, {}, 'release')).status).toBe(200);
  });

  it('an exchange minting while the job ended is revoked on completion, not delivered', async () => {
    const runId = String(++run);
    const claimKey = `claim:${s.issuer.url}:100001:${runId}:1:release.yml:publish:release:github`;
    s.gh.standin.fail('POST', TOKENS, { count: 1, delayMs: 1500 });
    const pending = exchange(runId, { check_run_id: '81' }, 'release');
    // The gate counted the claim: the exchange is minting (GitHub holds its token for 1.5 s).
    await until(async () => (await s.store.claimed(claimKey)) === 1, 10_000, 'the exchange at the mint');
    const end = await jobEnd(runId, { check_run_id: '81' });
    expect([end.status, end.body.credentials]).toEqual([200, []]);
    const r = await pending;
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_ENDED']);
    expect(r.body.access_token).toBeUndefined();
    // Revoked upstream too, and audited as revoked at the job end while in flight.
    expect(s.gh.state.tokens.at(-1)!.revoked).toBe(true);
    expect(
      s.audit.events.find((e) => e.type === 'credential.revoked' && e.run_id === runIdOf(runId)),
    ).toMatchObject({
      reason: 'REVOKED_AT_JOB_END',
      details: { in_flight: true },
    });
  });
});
