/**
 * On call (session 17), the job-end listing as an operator reads it:
 * - Its own audit line (`job.ended`) says a job was closed (the mark written: later exchanges of the
 *   job are refused) or, for a token without a check run, that it was listed but not closed. Before,
 *   the operator had to infer a closed job from the revocations (none when nothing was live) or from
 *   later refusals.
 * - A replayed listing token on a store that lost its data: the listing's single use is kept in the
 *   store too, and it did not check the store's epoch, so after a loss the same OIDC token listed the
 *   job again (200, what the broker holds for the job answered to a replay). Now 503 ERR_STATE_LOST,
 *   as every exchange is.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

describe('the job-end listing, read by an operator', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ jobend: 380001 });
    a = await rig.spawn('jobend-a');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const jobEnd = (token: string) => a.post('/revoke', { subject_token: token, job: 'publish' });

  it('writes a job.ended line of its own: closed with a check run, listed only without one', async () => {
    // A credential of the job (asserted by job=, no check run: the rig verifies no Jobs API).
    const granted = await rig.exchange(a, await rig.oidc('jobend', 's17-je-1'));
    expect(granted.status).toBe(200);
    expect((await jobEnd(await rig.oidc('jobend', 's17-je-1', { check_run_id: '9170001' }))).status).toBe(
      200,
    );
    expect((await jobEnd(await rig.oidc('jobend', 's17-je-2'))).status).toBe(200);

    // The job.ended line is queued with the answer, not awaited before it (only a grant's line is
    // write-ahead): read once the writer has flushed it (a fresh run read the file a moment early).
    const ended = () => rig.audit('jobend-a').filter((e) => e.type === 'job.ended');
    await until(() => ended().length >= 2, 10_000, 'two job.ended lines').catch(() => undefined);
    const lines = ended();
    expect(lines).toHaveLength(2);
    const [closed, listed] = lines as Record<string, unknown>[];
    expect(closed).toMatchObject({
      type: 'job.ended',
      outcome: 'success',
      reason: 'JOB_CLOSED',
      run_id: runIdOf('s17-je-1'),
      job: 'publish',
      repository: 'octo-org/jobend',
    });
    expect(closed!.details).toMatchObject({ check_run_id: '9170001', closed: true, revoked: 1 });
    expect(String(closed!.detail)).toMatch(/later exchanges of this job are refused \(ERR_JOB_ENDED\)/);
    expect(listed).toMatchObject({
      type: 'job.ended',
      outcome: 'success',
      reason: 'JOB_LISTED',
      run_id: runIdOf('s17-je-2'),
    });
    expect(listed!.details).toMatchObject({ closed: false, revoked: 0 });
    expect(String(listed!.detail)).toMatch(/no check_run_id/);
  }, 60_000);

  it('a replayed listing token on a store that lost its data is refused (503 ERR_STATE_LOST), not listed again', async () => {
    const token = await rig.oidc('jobend', 's17-je-replay', { check_run_id: '9170002' });
    expect((await jobEnd(token)).status).toBe(200);
    expect((await jobEnd(token)).status).toBe(400);
    await rig.redis.lose();
    let r: { status: number; body: Record<string, unknown> } | undefined;
    await until(
      async () => {
        r = await jobEnd(token);
        return !/^ERR_STATE_(UNAVAILABLE|DB)\b/.test(String(r.body.error_description));
      },
      10_000,
      'an answer from the store',
    );
    expect([r!.status, String(r!.body.error_description).slice(0, 15)]).toEqual([503, 'ERR_STATE_LOST:']);
    expect(r!.body.credentials).toBeUndefined();
  }, 60_000);
});
