/**
 * Hostile review (session 10): a reusable workflow of another repository (`trusted-workflows`) runs
 * with the grants of the **caller's** job (docs/manifest.md), so the request's `job` is a job of the
 * caller file. The job identity check judged the shown name `<caller job> / <callee job>` by its
 * callee part, as for a reusable workflow of the repository itself: a caller job `lint` whose trusted
 * callee has a job `ship` was verified as the caller job `ship` and took its grants, and the caller
 * job `ship` itself (shown `ship / deploy`) was refused. Now the caller part must be the requested job,
 * read from the caller file at `workflow_sha`, and that job must call the trusted workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack, closeCheckingAudit, errorCode } from '../support/broker.js';
import { demoRepo } from '../support/github.js';

const HOOKS = 'https://hooks.example.internal';
const TRUSTED = 'octo-org/platform/.github/workflows/deploy.yml@refs/heads/main';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
trusted-workflows:
  - ${TRUSTED}
workflows:
  release.yml:
    triggers: [push]
    jobs:
      lint:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:read], uses: 100, ttl: 60 }
      ship:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
`;
const RELEASE_YML = `on: push
jobs:
  lint:
    uses: octo-org/platform/.github/workflows/deploy.yml@main
  ship:
    uses: octo-org/platform/.github/workflows/deploy.yml@main
  test:
    runs-on: ubuntu-latest
    steps: [{ run: make test }]
`;
// The platform team's workflow: its job ids are theirs to choose.
const DEPLOY_YML = `on: workflow_call
jobs:
  ship:
    runs-on: ubuntu-latest
    steps: [{ run: ./ship }]
  deploy:
    runs-on: ubuntu-latest
    steps: [{ run: ./deploy }]
`;
const SHA = 'a'.repeat(40);

let s: Stack;
const jobs: JobsState = { jobs: [] };
let id = 10_700;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, verifyJobs: true, app: { timeoutMs: 60_000 } });
  s.gh.state.installationPermissions.actions = 'read';
  s.gh.state.repos[0]!.files[SHA] = { '.github/workflows/release.yml': RELEASE_YML };
  s.gh.state.repos.push(
    demoRepo({
      name: 'platform',
      id: 100002,
      files: {
        main: { '.github/workflows/deploy.yml': DEPLOY_YML },
        [SHA]: { '.github/workflows/deploy.yml': DEPLOY_YML },
      },
    }),
  );
  githubJobRoutes(
    jobs,
    () => s.gh.standin.url,
    () => true,
  )(s.gh.standin);
});
afterAll(() => closeCheckingAudit(s));

/** A job of the trusted deploy.yml called from release.yml, shown as `shown`, asking for caller job `job`'s grant. */
async function trusted(shown: string, job: string, workflowSha = SHA) {
  const check = ++id;
  registerJob(jobs, {
    owner: 'octo-org',
    repo: 'octo-repo',
    id: check,
    runId: 9951,
    runAttempt: id,
    name: shown,
  });
  const t = await s.issuer.mint({
    run_id: '9951',
    run_attempt: String(id),
    check_run_id: String(check),
    workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
    workflow_sha: workflowSha,
    job_workflow_ref: TRUSTED,
    job_workflow_sha: SHA,
  });
  return s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify', job }));
}

describe('a trusted reusable workflow of another repository is judged by its caller job', () => {
  it("caller job lint, whose trusted callee has a job 'ship', does not get caller job ship's grant", async () => {
    const r = await trusted('lint / ship', 'ship');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY']);
    expect(String(r.body.error_description)).toMatch(/caller job 'lint'|'lint \/ ship'/);
    expect(s.audit.events.at(-1)).toMatchObject({ type: 'credential.refused', reason: 'ERR_JOB_IDENTITY' });
  });

  it('the caller job ship (shown ship / deploy) gets its own grant; lint gets its own', async () => {
    expect((await trusted('ship / deploy', 'ship')).status).toBe(200);
    expect((await trusted('ship / ship', 'ship')).status).toBe(200);
    expect((await trusted('lint / deploy', 'lint')).status).toBe(200);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.granted',
      details: { job_identity: 'verified', job_name: 'lint / deploy' },
    });
  });

  it('a caller job that does not call the trusted workflow, or a name without a caller part, is refused', async () => {
    expect(errorCode(await trusted('test / deploy', 'lint'))).toBe('ERR_JOB_IDENTITY');
    expect(errorCode(await trusted('ship', 'ship'))).toBe('ERR_JOB_IDENTITY');
    // The caller file unreadable at workflow_sha: refused, not guessed.
    const r = await trusted('ship / deploy', 'ship', 'd'.repeat(40));
    expect([r.status, errorCode(r)]).toEqual([503, 'ERR_JOB_IDENTITY_UNAVAILABLE']);
    expect(String(r.body.error_description)).toMatch(
      /release\.yml@refs\/heads\/main, whose file could not be read at workflow_sha d{40}/,
    );
  });
});
