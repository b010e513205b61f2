/**
 * Hostile review (session 7), the job a token belongs to, against the real broker with the GitHub
 * stand-in's Jobs API: a step of one job naming another job's grant, through a job name that carries
 * ` / ` (the separator GitHub puts between a caller and a called job), a matrix suffix, or another
 * run's job. Every refusal: ERR_JOB_IDENTITY, audited as possible theft.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jobNameMatches } from '../../shared/broker/job-identity.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack, closeCheckingAudit, errorCode } from '../support/broker.js';

const HOOKS = 'https://hooks.example.internal';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
      build:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
  build.yml:
    callers: [release.yml]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
`;

let s: Stack;
const jobs: JobsState = { jobs: [] };
const base = { owner: 'octo-org', repo: 'octo-repo', runAttempt: 1, runId: 9701 };

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, verifyJobs: true, app: { timeoutMs: 60_000 } });
  s.gh.state.installationPermissions.actions = 'read';
  // release.yml at the stand-in tokens' job_workflow_sha: direct jobs are judged against its jobs.
  s.gh.state.repos[0]!.files['a'.repeat(40)] = {
    '.github/workflows/release.yml':
      'on: push\njobs:\n  build:\n    name: Build ${{ inputs.target }}\n    runs-on: x\n    steps: [{ run: make }]\n  publish:\n    runs-on: x\n    steps: [{ run: npm publish }]\n',
    '.github/workflows/build.yml':
      'on: workflow_call\njobs:\n  publish:\n    runs-on: x\n    steps: [{ run: npm publish }]\n',
  };
  githubJobRoutes(
    jobs,
    () => s.gh.standin.url,
    () => true,
  )(s.gh.standin);
  registerJob(jobs, { ...base, id: 8101, name: 'Build x / publish' });
  registerJob(jobs, { ...base, id: 8102, name: 'build (x / publish (y)' });
  registerJob(jobs, { ...base, id: 8103, name: 'publish' });
  registerJob(jobs, { ...base, id: 8104, name: 'build' });
  registerJob(jobs, { ...base, id: 8105, name: 'release / publish' });
  registerJob(jobs, { ...base, id: 8106, name: 'publish (ubuntu-latest, 20)' });
});
afterAll(() => closeCheckingAudit(s));

async function exchange(claims: Record<string, unknown>, job = 'publish') {
  const t = await s.issuer.mint({ run_id: '9701', ...claims });
  return s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify', job }));
}

describe("a step of one job claiming another job's grant", () => {
  it.each([
    ["a job named 'Build ${{ inputs.target }}' shown as 'Build x / publish'", '8101'],
    ["a job whose matrix value holds ' / publish ('", '8102'],
    ['the job build itself', '8104'],
  ])('%s is not job publish (ERR_JOB_IDENTITY)', async (_n, check_run_id) => {
    const r = await exchange({ check_run_id });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY']);
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'credential.refused', reason: 'ERR_JOB_IDENTITY' });
    expect(String(s.audit.events.at(-1)!.detail)).toMatch(/possible theft/);
  });

  it('the job publish (and a matrix leg of it) is granted', async () => {
    expect((await exchange({ check_run_id: '8103' })).status).toBe(200);
    expect((await exchange({ check_run_id: '8106' })).status).toBe(200);
    expect((await exchange({ check_run_id: '8104' }, 'build')).status).toBe(200);
  });

  it("a caller prefix counts only for a job of a called workflow: 'release / publish' is build.yml's publish, not release.yml's", async () => {
    const r = await exchange({ check_run_id: '8105' });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY']);
    const called = await exchange({
      check_run_id: '8105',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/build.yml@refs/heads/main',
    });
    expect(called.status).toBe(200);
  });

  it('the name rule, pure: a direct job is judged on its whole name', () => {
    expect(jobNameMatches('Build x / publish', 'publish', undefined, true)).toBe(false);
    expect(jobNameMatches('Build x / publish', 'publish')).toBe(true);
    expect(jobNameMatches('Deploy / prod', 'deploy', 'Deploy / prod', true)).toBe(true);
    expect(jobNameMatches('Deploy / prod (a, b)', 'deploy', 'Deploy / prod', true)).toBe(true);
    expect(jobNameMatches('publish', 'publish', undefined, true)).toBe(true);
  });
});
