import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { JobIdentityChecker, jobNameMatches, judgeJob } from '../../shared/broker/job-identity.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack } from '../support/broker.js';

const claims = (over: Record<string, unknown> = {}) =>
  ({
    repository: 'octo-org/octo-repo',
    repository_id: '100001',
    run_id: '9001',
    run_attempt: '1',
    check_run_id: '7001',
    ...over,
  }) as unknown as GithubOidcClaims;
const job = (over: Record<string, unknown> = {}) => ({
  id: 7001,
  run_id: 9001,
  run_attempt: 1,
  status: 'in_progress',
  name: 'publish',
  ...over,
});

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(BrokerRefusal);
    return (err as BrokerRefusal).code;
  }
  return 'none';
}

describe('job identity: the name GitHub shows vs the requested job (pure)', () => {
  it.each([
    ['publish', 'publish', undefined, true],
    ['publish (ubuntu-latest, 20)', 'publish', undefined, true],
    ['release / publish', 'publish', undefined, true],
    ['publish-evil', 'publish', undefined, false],
    ['build', 'publish', undefined, false],
    ['xpublish', 'publish', undefined, false],
    ['Release to npm', 'publish', 'Release to npm', true],
    ['Release to npm (20)', 'publish', 'Release to npm', true],
    ['Release to npm-evil', 'publish', 'Release to npm', false],
    ['Deploy ubuntu', 'publish', 'Deploy ${{ matrix.os }}', true],
    ['Deploy a/b', 'publish', 'Deploy ${{ matrix.os }}', false],
    ['Build', 'publish', 'Deploy ${{ matrix.os }}', false],
    // A name made only of an expression would match anything: only the id counts then.
    ['anything', 'publish', '${{ matrix.name }}', false],
    ['a.b', 'publish', 'a.b', true],
    ['axb', 'publish', 'a.b', false],
  ])('%s for job %s (name: %s) -> %s', (actual, id, declared, ok) => {
    expect(jobNameMatches(actual, id, declared)).toBe(ok);
  });

  it('verifies a job of the same run and attempt, in progress, with the requested name', () => {
    expect(judgeJob(claims(), 'publish', job())).toEqual({
      status: 'verified',
      check_run_id: '7001',
      job_name: 'publish',
    });
  });

  it.each([
    ['another run', job({ run_id: 9002 })],
    ['another attempt', job({ run_attempt: 2 })],
    ['a completed job', job({ status: 'completed' })],
    ['a queued job', job({ status: 'queued' })],
    ['another job of the run', job({ name: 'build' })],
  ])('refuses %s as ERR_JOB_IDENTITY', (_n, j) => {
    expect(codeOf(() => judgeJob(claims(), 'publish', j))).toBe('ERR_JOB_IDENTITY');
  });

  it('without check_run_id: refused by default (require-job-identity), asserted only when set false', async () => {
    const reader = { getJob: async () => job(), readFile: async () => undefined };
    const lax = new JobIdentityChecker(reader, { require: false });
    await expect(lax.check(claims({ check_run_id: undefined }), 'publish')).resolves.toEqual({
      status: 'asserted',
      why: 'the token has no check_run_id',
    });
    const strict = new JobIdentityChecker(reader);
    await expect(strict.check(claims({ check_run_id: undefined }), 'publish')).rejects.toMatchObject({
      code: 'ERR_JOB_IDENTITY_REQUIRED',
    });
    await expect(
      new JobIdentityChecker(undefined, { require: true }).check(claims(), 'publish'),
    ).rejects.toMatchObject({
      code: 'ERR_JOB_IDENTITY_REQUIRED',
    });
    await expect(
      new JobIdentityChecker(undefined, { require: false }).check(claims(), 'publish'),
    ).resolves.toMatchObject({ status: 'asserted' });
  });

  it('caches in-progress jobs per id, bounded', async () => {
    let reads = 0;
    const reader = {
      // The job of the id asked (s28: the answer must carry the token's check_run_id).
      getJob: async (_o: string, _r: string, id: string) => {
        reads++;
        return job({ id: Number(id) });
      },
      readFile: async () => undefined,
    };
    const c = new JobIdentityChecker(reader, { cacheSize: 2 });
    await c.check(claims(), 'publish');
    await c.check(claims(), 'publish');
    expect(reads).toBe(1);
    await c.check(claims({ check_run_id: '2' }), 'publish');
    await c.check(claims({ check_run_id: '3' }), 'publish');
    await c.check(claims(), 'publish'); // evicted: read again
    expect(reads).toBe(4);
  });
});

describe('job identity end to end (broker, OIDC issuer, GitHub stand-in with the Jobs API)', () => {
  let s: Stack;
  const jobs: JobsState = { jobs: [] };
  const jobReads = () => s.gh.standin.requests.filter((r) => r.path.includes('/actions/jobs/')).length;

  beforeAll(async () => {
    s = await startStack({ verifyJobs: true });
    s.gh.state.installationPermissions.actions = 'read';
    // release.yml at the commit the stand-in issuer's tokens name (job_workflow_sha): every direct job
    // is judged against its file's jobs.
    s.gh.state.repos[0]!.files['a'.repeat(40)] = {
      '.github/workflows/release.yml':
        'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n  publish:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm publish }]\n',
    };
    githubJobRoutes(
      jobs,
      () => s.gh.standin.url,
      (token, owner, repo) =>
        s.gh.state.tokens.some(
          (t) =>
            t.token === token &&
            !t.revoked &&
            t.permissions.actions !== undefined &&
            t.repositories.some((r) => `${owner}/${r}`.toLowerCase() === `${owner}/${repo}`.toLowerCase()),
        ),
    )(s.gh.standin);
    const base = { owner: 'octo-org', repo: 'octo-repo', runAttempt: 1 };
    registerJob(jobs, { ...base, id: 7001, runId: 9001, name: 'publish' });
    registerJob(jobs, { ...base, id: 7002, runId: 9001, name: 'build' });
    registerJob(jobs, { ...base, id: 7003, runId: 9001, name: 'publish', status: 'completed' });
    registerJob(jobs, { ...base, id: 7004, runId: 5555, name: 'publish' });
    // Grants are single-use per run attempt: the granted cases each take an attempt of their own.
    registerJob(jobs, { ...base, runAttempt: 3, id: 7005, runId: 9001, name: 'publish (ubuntu-latest, 20)' });
    registerJob(jobs, { ...base, runAttempt: 4, id: 7006, runId: 9001, name: 'Release to npm' });
    registerJob(jobs, { ...base, runAttempt: 5, id: 7011, runId: 9001, name: 'publish' });
    registerJob(jobs, { ...base, id: 7007, runId: 9001, name: 'build', status: 'completed' });
    registerJob(jobs, {
      owner: 'octo-org',
      repo: 'elsewhere',
      runAttempt: 1,
      id: 7008,
      runId: 9001,
      name: 'publish',
    });
  });
  afterAll(async () => {
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
    expect(s.gh.standin.shapeErrors).toEqual([]);
    await s.close();
  });

  const exchange = async (claimsOver: Record<string, unknown>, form: Record<string, string> = {}) =>
    s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: '9001', ...claimsOver }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
        ...form,
      }),
    );

  it('grants when the token names the requested job, and audits it as verified', async () => {
    const r = await exchange({ check_run_id: '7001' });
    expect(r.status).toBe(200);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.granted',
      details: { job_identity: 'verified', check_run_id: '7001', job_name: 'publish' },
    });
  });

  it.each([
    ['a token of another job of the run (build asks for publish)', '7002', /is named 'build'/],
    ['a completed job', '7003', /is completed/],
    ['a job of another run', '7004', /belongs to run 5555/],
    ['a job GitHub does not know in this repository', '9999999', /is not a job of/],
    ['a job of another repository', '7008', /is not a job of/],
  ])('refuses %s as possible theft, and audits it', async (_n, id, why) => {
    const r = await exchange({ check_run_id: id });
    expect(r.status).toBe(400);
    expect(String(r.body.error_description)).toMatch(/^ERR_JOB_IDENTITY: /);
    expect(String(r.body.error_description)).toMatch(why);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.refused',
      reason: 'ERR_JOB_IDENTITY',
      job: 'publish',
    });
    expect(String(s.audit.events.at(-1)!.detail)).toMatch(/possible theft/);
  });

  it('accepts a matrix job of the requested job', async () => {
    expect((await exchange({ check_run_id: '7005', run_attempt: '3' })).status).toBe(200);
  });

  it("accepts the job's name: from the workflow at job_workflow_sha", async () => {
    s.gh.state.repos[0]!.files.main!['.github/workflows/release.yml'] =
      'on: push\njobs:\n  publish:\n    name: Release to npm\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n';
    const r = await exchange({
      check_run_id: '7006',
      run_attempt: '4',
      job_workflow_sha: standinSha('main'),
    });
    expect(r.status).toBe(200);
    // The same name is refused when the workflow at that commit names the job otherwise.
    const other = await exchange({
      check_run_id: '7006',
      run_attempt: '4',
      job_workflow_sha: 'a'.repeat(40),
    });
    expect(String(other.body.error_description)).toMatch(/^ERR_JOB_IDENTITY: .*'Release to npm'/);
    // And when the file cannot be read at that commit: refused, not guessed.
    const unread = await exchange({
      check_run_id: '7006',
      run_attempt: '4',
      job_workflow_sha: 'b'.repeat(40),
    });
    expect(String(unread.body.error_description)).toMatch(/^ERR_JOB_IDENTITY_UNAVAILABLE: /);
  });

  it('reads each in-progress job once (cache per job id)', async () => {
    expect((await exchange({ check_run_id: '7011', run_attempt: '5' }, { step: 'twice' })).status).toBe(200);
    const before = jobReads();
    expect((await exchange({ check_run_id: '7011', run_attempt: '5' }, { step: 'twice' })).status).toBe(200);
    expect(jobReads()).toBe(before);
  });

  it('without check_run_id: granted, audited as asserted', async () => {
    const r = await exchange({ run_attempt: '6' });
    expect(r.status).toBe(200);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.granted',
      details: { job_identity: 'asserted' },
    });
  });

  it('a dry run takes the same path: says verified, refuses a stolen job', async () => {
    // `notify` of this attempt was claimed above: a dry run now says so, as the real exchange would.
    const claimed = await exchange({ check_run_id: '7001' }, { dry_run: 'true' });
    expect(String(claimed.body.error_description)).toMatch(
      /^ERR_GRANT_ALREADY_CLAIMED: .*a real exchange would be refused/,
    );
    const ok = await exchange({ check_run_id: '7001' }, { step: 'twice', dry_run: 'true' });
    expect(ok.body).toMatchObject({ granted: true, dry_run: true, job_identity: 'verified' });
    const stolen = await exchange({ check_run_id: '7007' }, { dry_run: 'true' });
    expect(String(stolen.body.error_description)).toMatch(/^ERR_JOB_IDENTITY/);
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'credential.dry_run', reason: 'ERR_JOB_IDENTITY' });
  });

  it('with require-job-identity, a token without check_run_id is refused', async () => {
    const st = await startStack({ requireJobIdentity: true });
    const r = await st.token(
      st.exchangeForm(await st.issuer.mint(), { audience: 'https://hooks.example.internal', step: 'notify' }),
    );
    expect(String(r.body.error_description)).toMatch(/^ERR_JOB_IDENTITY_REQUIRED/);
    expect(st.audit.events.at(-1)).toMatchObject({ reason: 'ERR_JOB_IDENTITY_REQUIRED' });
    await st.close();
  });
});
