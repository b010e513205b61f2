/**
 * Hostile review (session 11): GitHub failing under the job-identity reads (the Jobs API job, the
 * workflow file at job_workflow_sha). Every case ends with a 503 within the upstream deadline and
 * nothing granted (faults-github covers the token call; these, the reads judging the job).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack } from '../support/broker.js';

const HOOKS = 'https://hooks.example.internal';
const DEADLINE_MS = 2500;
const SLACK_MS = 2500;
const grant = `        credentials:\n          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }\n`;
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
${grant}`;
const releaseYml = `on: [push]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm publish }]\n`;
const ref = 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main';
const JOBS = '/repos/{owner}/{repo}/actions/jobs/{job_id}';
const CONTENTS = '/repos/{owner}/{repo}/contents/{path}';

let s: Stack;
const jobs: JobsState = { jobs: [] };
let id = 11_300;

beforeAll(async () => {
  s = await startStack({
    manifest: MANIFEST,
    verifyJobs: true,
    app: { timeoutMs: DEADLINE_MS, retries: 1, retryAfterBaseValue: 0 },
  });
  s.gh.state.installationPermissions.actions = 'read';
  githubJobRoutes(
    jobs,
    () => s.gh.standin.url,
    () => true,
  )(s.gh.standin);
  // The stand-in compiles each route's OpenAPI shape check at its first answer, in this process: on a
  // loaded machine that ate the 2.5 s deadline of the first exchange (503 in 'works when GitHub
  // answers'). Exchanges until one is granted compile them here, where no deadline is measured.
  for (let i = 0; i < 5 && (await exchange()).status !== 200; i++);
}, 60_000);
afterAll(async () => {
  await s.close();
});

/** A fresh commit per call, so the file is read (not cached). */
async function exchange() {
  const check = ++id;
  const branch = `c-${check}`;
  s.gh.state.repos[0]!.files[branch] = { '.github/workflows/release.yml': releaseYml };
  registerJob(jobs, {
    owner: 'octo-org',
    repo: 'octo-repo',
    id: check,
    runId: 9931,
    runAttempt: 1,
    name: 'publish',
  });
  const sha = standinSha(branch);
  const t = await s.issuer.mint({
    run_id: '9931',
    run_attempt: '1',
    check_run_id: String(check),
    workflow_ref: ref,
    job_workflow_ref: ref,
    workflow_sha: sha,
    job_workflow_sha: sha,
  });
  const start = Date.now();
  const r = await s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify', job: 'publish' }));
  return { ...r, ms: Date.now() - start };
}
const code = (r: { body: Record<string, unknown> }) => String(r.body.error_description ?? '').split(':')[0];

describe('GitHub failing under the job-identity reads', () => {
  it('works when GitHub answers', async () => {
    expect((await exchange()).status).toBe(200);
  });

  it('the workflow file read hanging: 503 at the deadline', async () => {
    s.gh.standin.fail('GET', CONTENTS, { count: 5, delayMs: 60_000 });
    const r = await exchange();
    expect([r.status, code(r)]).toEqual([503, 'ERR_GITHUB_TIMEOUT']);
    expect(r.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    s.gh.standin.fail('GET', CONTENTS, { count: 0 });
  }, 30_000);

  it('the workflow file read failing (500): 503, nothing granted', async () => {
    s.gh.standin.fail('GET', CONTENTS, { count: 5, status: 500 });
    const r = await exchange();
    expect(r.status).toBe(503);
    s.gh.standin.fail('GET', CONTENTS, { count: 0 });
  }, 30_000);

  it('the Jobs API hanging: 503 at the deadline', async () => {
    s.gh.standin.fail('GET', JOBS, { count: 5, delayMs: 60_000 });
    const r = await exchange();
    expect([r.status, code(r)]).toEqual([503, 'ERR_GITHUB_TIMEOUT']);
    expect(r.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    s.gh.standin.fail('GET', JOBS, { count: 0 });
  }, 30_000);
});
