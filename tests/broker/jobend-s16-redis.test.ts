/**
 * Job-end mark (session 16, Redis state, two brokers on one store): the mark the job-end listing
 * writes at one broker closes the job at the other too (read inside the gate and delivery scripts,
 * no extra round trip per exchange). A later exchange of the job is refused (ERR_JOB_ENDED), one
 * minting at the other broker while the job ended is revoked on completion; another matrix leg and a
 * re-run attempt are not closed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const TOKENS = '/app/installations/{installation_id}/access_tokens';
let rig: Rig;
let a: BrokerProcess;
let b: BrokerProcess;
let run = 16_500;
const jobs: JobsState = { jobs: [] };

beforeAll(async () => {
  rig = await startRig({ 'octo-repo': 100001 });
  // The brokers verify each check run against the Jobs API (their default): the stand-in has the jobs.
  rig.gh.state.installationPermissions.actions = 'read';
  rig.gh.state.repos[0]!.files.main!['.github/workflows/release.yml'] =
    'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n';
  githubJobRoutes(
    jobs,
    () => rig.gh.standin.url,
    () => true,
  )(rig.gh.standin);
  a = await rig.spawn('a');
  b = await rig.spawn('b');
}, 60_000);
afterAll(async () => {
  await rig?.close();
}, 60_000);

const code = (r: { body: Record<string, unknown> }) => String(r.body.error_description ?? '').split(':')[0];
const jobEnd = async (at: BrokerProcess, runId: string, claims: Record<string, unknown>) =>
  at.post('/revoke', { subject_token: await rig.oidc('octo-repo', runId, claims), job: 'publish' });
const exchange = async (
  at: BrokerProcess,
  runId: string,
  claims: { check_run_id: string; run_attempt?: string },
  step: 'release' | 'notify' = 'notify',
) => {
  registerJob(jobs, {
    owner: 'octo-org',
    repo: 'octo-repo',
    id: Number(claims.check_run_id),
    runId: Number(runId),
    runAttempt: Number(claims.run_attempt ?? 1),
    name: 'publish',
  });
  return rig.exchange(
    at,
    await rig.oidc('octo-repo', runId, { ...claims, job_workflow_sha: standinSha('main') }),
    step,
  );
};

describe('the job-end mark on a shared store', () => {
  it('written at one broker, it refuses the job at the other; the leg beside it and a re-run go on', async () => {
    const runId = String(++run);
    const first = await exchange(b, runId, { check_run_id: '71' });
    expect([first.status, first.body.error_description]).toEqual([200, undefined]);
    const end = await jobEnd(a, runId, { check_run_id: '71' });
    expect([end.status, end.body.revoked]).toEqual([200, 1]);
    for (const [at, step] of [
      [b, 'release'],
      [b, 'notify'],
      [a, 'notify'],
    ] as const) {
      const r = await exchange(at, runId, { check_run_id: '71' }, step);
      expect([r.status, code(r)]).toEqual([400, 'ERR_JOB_ENDED']);
      expect(String(r.body.error_description)).toMatch(
        new RegExp(
          `job 'publish' \\(check run 71\\) of run ${runId} attempt 1 was closed by its job-end listing`,
        ),
      );
    }
    expect((await exchange(b, runId, { check_run_id: '72' })).status).toBe(200);
    expect((await exchange(b, runId, { check_run_id: '73', run_attempt: '2' })).status).toBe(200);
    await until(
      () => rig.audit('b').some((e) => e.type === 'credential.refused' && e.reason === 'ERR_JOB_ENDED'),
      10_000,
      "b's refusal on disk",
    );
    // Kept as long as a claim of the job's grants (a day), not forever.
    const ttl = await rig.redis
      .client()
      .ttl(`stepwarden:jobend:${JSON.stringify([rig.issuer.url, '100001', runId, '1', '71'])}`);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400 + 600);
  }, 60_000);

  it('an exchange minting at one broker while the job ends at the other is revoked on completion', async () => {
    const runId = String(++run);
    // Two: the Jobs API's reader token (unless cached) comes first, before the gate; then the mint.
    rig.gh.standin.fail('POST', TOKENS, { count: 2, delayMs: 2000 });
    const raw = rig.redis.client();
    const pending = exchange(b, runId, { check_run_id: '81' }, 'release');
    // Its write-ahead intent is in the store: it passed the gate and GitHub is minting its token.
    await until(
      async () => (await raw.keys('stepwarden:intent:*')).length > 0,
      10_000,
      'the exchange at the mint',
    );
    const end = await jobEnd(a, runId, { check_run_id: '81' });
    expect([end.status, end.body.credentials]).toEqual([200, []]);
    const r = await pending;
    expect([r.status, code(r)]).toEqual([400, 'ERR_JOB_ENDED']);
    expect(r.body.access_token).toBeUndefined();
    expect(rig.gh.state.tokens.at(-1)!.revoked).toBe(true);
    await until(
      () =>
        rig
          .audit('b')
          .some(
            (e) =>
              e.type === 'credential.revoked' &&
              e.run_id === runId &&
              e.reason === 'REVOKED_AT_JOB_END' &&
              (e.details as { in_flight?: boolean } | undefined)?.in_flight === true,
          ),
      10_000,
      "b's in-flight revocation on disk",
    );
  }, 60_000);
});
