import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { FileTooLargeRefusal } from '../../shared/broker/errors.js';
import { JobIdentityChecker } from '../../shared/broker/job-identity.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack } from '../support/broker.js';

// GitHub's contents API answers a file over 1 MB with `content: ""` and encoding `none`. Read as an
// empty file, the job-identity check refused the job as having no job in its file, which sent the
// responder looking for a missing job instead of an oversized file.
const big = (jobs: string) => `${jobs}${`# ${'x'.repeat(1022)}\n`.repeat(1025)}`;
const releaseJobs =
  'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n  publish:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm publish }]\n';
const SHA = 'b'.repeat(40);

describe('job identity: a workflow file over 1 MB is refused as too large (broker, GitHub stand-in)', () => {
  let s: Stack;
  const jobs: JobsState = { jobs: [] };

  beforeAll(async () => {
    s = await startStack({ verifyJobs: true });
    s.gh.state.installationPermissions.actions = 'read';
    s.gh.state.repos[0]!.files[SHA] = { '.github/workflows/release.yml': big(releaseJobs) };
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
    registerJob(jobs, {
      owner: 'octo-org',
      repo: 'octo-repo',
      runAttempt: 1,
      id: 7101,
      runId: 9001,
      name: 'publish',
    });
  });
  afterAll(async () => {
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
    expect(s.gh.standin.shapeErrors).toEqual([]);
    await s.close();
  });

  it('says the file is too large, with its size, path, commit and the fix (400, not a retryable 503)', async () => {
    const r = await s.token(
      s.exchangeForm(
        await s.issuer.mint({
          run_id: '9001',
          check_run_id: '7101',
          job_workflow_sha: SHA,
          workflow_sha: SHA,
        }),
        { audience: 'https://hooks.example.internal', step: 'notify' },
      ),
    );
    expect(r.status).toBe(400);
    const why = String(r.body.error_description);
    expect(why).toMatch(/^ERR_JOB_IDENTITY: /);
    expect(why).toContain(
      `.github/workflows/release.yml of octo-org/octo-repo at ${SHA} is too large to read`,
    );
    expect(why).toMatch(/\(\d{7} bytes; GitHub's contents API serves a file's content only up to 1 MB\)/);
    expect(why).toMatch(/keep the file under 1 MB/);
    expect(why).not.toMatch(/has no job|is not job/);
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'credential.refused', reason: 'ERR_JOB_IDENTITY' });
  });
});

describe('job identity: a too-large caller file of a trusted workflow (checker, pure reader)', () => {
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    repository: 'octo-org/octo-repo',
    repository_id: '100001',
    run_id: '9001',
    run_attempt: '1',
    check_run_id: '7001',
    workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
    workflow_sha: SHA,
    job_workflow_ref: 'octo-org/shared/.github/workflows/deploy.yml@refs/heads/main',
    job_workflow_sha: 'c'.repeat(40),
  } as unknown as GithubOidcClaims;
  const reader = {
    getJob: async () => ({
      id: 7001,
      run_id: 9001,
      run_attempt: 1,
      status: 'in_progress',
      name: 'release / deploy',
    }),
    readFile: async (owner: string, repo: string, path: string, ref: string) => {
      throw new FileTooLargeRefusal(`${path} of ${owner}/${repo} at ${ref}`, 2_000_000);
    },
  };

  it('refuses with the size instead of "could not be read" (the App lacks nothing)', async () => {
    const c = new JobIdentityChecker(reader);
    const err = await c.check(claims, 'release').then(
      () => undefined,
      (e: unknown) => e as { code: string; status: number; description: string },
    );
    expect(err?.code).toBe('ERR_JOB_IDENTITY');
    expect(err?.status).toBe(400);
    expect(err?.description).toContain(
      `.github/workflows/release.yml of octo-org/octo-repo at ${SHA} is too large to read (2000000 bytes;`,
    );
    expect(err?.description).not.toMatch(/contents: read/);
  });

  it('a caller job is unverified with the same reason, never thrown', async () => {
    const c = new JobIdentityChecker(reader);
    await expect(
      c.callerJob(claims, { status: 'verified', check_run_id: '7001', job_name: 'release / deploy' }),
    ).resolves.toEqual({ unverified: expect.stringMatching(/is too large to read \(2000000 bytes;/) });
  });
});
