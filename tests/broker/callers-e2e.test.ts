/**
 * Who may claim a reusable workflow's grants, end to end: the real broker, the OIDC issuer stand-in
 * and the GitHub stand-in with the Jobs API and the caller workflow file at `workflow_sha`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack } from '../support/broker.js';

const HOOKS = 'https://hooks.example.internal';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish: {}
      other: {}
      ship:
        calls:
          deploy.yml: [deliver/upload]
  build.yml:
    callers: [release.yml/publish]
    jobs:
      compile:
        credentials:
          - { step: upload, audience: '${HOOKS}', scope: [a] }
  deploy.yml:
    jobs:
      deliver:
        credentials:
          - { step: upload, audience: '${HOOKS}', scope: [a] }
          - { step: other, audience: '${HOOKS}', scope: [a] }
`;
const RELEASE_YML = `on: push
jobs:
  publish:
    uses: ./.github/workflows/build.yml
  other:
    uses: ./.github/workflows/build.yml
  ship:
    uses: ./.github/workflows/deploy.yml
  rogue:
    uses: ./.github/workflows/deploy.yml
`;
const ref = (file: string) => `octo-org/octo-repo/.github/workflows/${file}@refs/heads/main`;

const stacks: Stack[] = [];
let s: Stack;
const jobs: JobsState = { jobs: [] };
let attempt = 0;

async function stack(verifyJobs: boolean): Promise<Stack> {
  const st = await startStack({ manifest: MANIFEST, verifyJobs });
  stacks.push(st);
  st.gh.state.installationPermissions.actions = 'read';
  st.gh.state.repos[0]!.files.main!['.github/workflows/release.yml'] = RELEASE_YML;
  // The callees at the tokens' job_workflow_sha: a called job is judged against its file's jobs.
  st.gh.state.repos[0]!.files['a'.repeat(40)] = {
    '.github/workflows/build.yml':
      'on: workflow_call\njobs:\n  compile:\n    runs-on: x\n    steps: [{ run: make }]\n',
    '.github/workflows/deploy.yml':
      'on: workflow_call\njobs:\n  deliver:\n    runs-on: x\n    steps: [{ run: make }]\n',
  };
  githubJobRoutes(
    jobs,
    () => st.gh.standin.url,
    (token) => st.gh.state.tokens.some((t) => t.token === token && !t.revoked && t.permissions.actions),
  )(st.gh.standin);
  return st;
}

/** A reusable call from release.yml to `callee`, in a fresh run attempt, its job shown as `shown`. */
async function call(
  st: Stack,
  callee: string,
  shown: string | undefined,
  form: { job: string; step: string; dry_run?: string },
  claims: Record<string, unknown> = {},
) {
  attempt++;
  const id = 8000 + attempt;
  if (shown)
    registerJob(jobs, {
      owner: 'octo-org',
      repo: 'octo-repo',
      id,
      runId: 9101,
      runAttempt: attempt,
      name: shown,
    });
  const oidc = await st.issuer.mint({
    run_id: '9101',
    run_attempt: String(attempt),
    workflow_ref: ref('release.yml'),
    job_workflow_ref: ref(callee),
    workflow_sha: standinSha('main'),
    ...(shown ? { check_run_id: String(id) } : {}),
    ...claims,
  });
  return st.token(st.exchangeForm(oidc, { audience: HOOKS, ...form }));
}

const last = (st: Stack, type: string) => st.audit.events.filter((e) => e.type === type).at(-1);

beforeAll(async () => {
  s = await stack(true);
});
afterAll(async () => {
  for (const st of stacks) {
    for (const e of st.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
    expect(st.gh.standin.shapeErrors).toEqual([]);
    await st.close();
  }
});

describe('callers: [release.yml/publish] through the real broker', () => {
  it('grants a reusable call from release.yml job publish, and audits both refs and the caller job', async () => {
    const r = await call(s, 'build.yml', 'publish / compile', { job: 'compile', step: 'upload' });
    expect(r.status).toBe(200);
    expect(last(s, 'credential.granted')).toMatchObject({
      workflow: 'build.yml',
      job: 'compile',
      details: {
        job_identity: 'verified',
        workflow_ref: ref('release.yml'),
        job_workflow_ref: ref('build.yml'),
        caller_job: 'publish',
        caller_allowed_by: 'octo-org/octo-repo:.github/access-manifest.yml:13',
      },
    });
  });

  it('grants a matrix leg of publish', async () => {
    const r = await call(s, 'build.yml', 'publish (linux, 20) / compile', { job: 'compile', step: 'upload' });
    expect(r.status).toBe(200);
  });

  it('refuses the same call from job other, and audits both refs', async () => {
    const r = await call(s, 'build.yml', 'other / compile', { job: 'compile', step: 'upload' });
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(
      /^ERR_CALLER_NOT_ALLOWED: reusable workflow build\.yml is called by release\.yml job 'other', which its callers list does not name \(callers: release\.yml\/publish\)/,
    );
    expect(last(s, 'credential.refused')).toMatchObject({
      reason: 'ERR_CALLER_NOT_ALLOWED',
      details: { workflow_ref: ref('release.yml'), job_workflow_ref: ref('build.yml') },
    });
  });

  it('refuses without check_run_id, saying why and how to fix', async () => {
    const r = await call(s, 'build.yml', undefined, { job: 'compile', step: 'upload' });
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(/^ERR_CALLER_NOT_ALLOWED: /);
    expect(r.body.error_description).toMatch(
      /could not verify which job of release\.yml calls \(the token has no check_run_id\)/,
    );
    expect(r.body.error_description).toMatch(/Fix: /);
  });

  it('refuses a token whose check_run_id is a job of another name (theft), before any caller is judged', async () => {
    const r = await call(s, 'build.yml', 'publish / package', { job: 'compile', step: 'upload' });
    expect(r.body.error_description).toMatch(/^ERR_JOB_IDENTITY: /);
  });

  it('a dry run answers the same', async () => {
    const ok = await call(s, 'build.yml', 'publish / compile', {
      job: 'compile',
      step: 'upload',
      dry_run: 'true',
    });
    expect(ok.body).toMatchObject({ granted: true, dry_run: true, job_identity: 'verified' });
    expect(last(s, 'credential.dry_run')?.details).toMatchObject({
      workflow_ref: ref('release.yml'),
      job_workflow_ref: ref('build.yml'),
      caller_job: 'publish',
    });
    const no = await call(s, 'build.yml', 'other / compile', {
      job: 'compile',
      step: 'upload',
      dry_run: 'true',
    });
    expect(no.body.error_description).toMatch(/^ERR_CALLER_NOT_ALLOWED/);
    expect(last(s, 'credential.dry_run')).toMatchObject({ reason: 'ERR_CALLER_NOT_ALLOWED' });
  });

  it('without a GitHub App to verify jobs, a FILE/JOB caller refuses and says so', async () => {
    const st = await stack(false);
    const r = await call(st, 'build.yml', 'publish / compile', { job: 'compile', step: 'upload' });
    expect(r.status).toBe(400);
    expect(r.body.error_description).toMatch(/\(no GitHub App is configured\)/);
  });
});

describe("or the caller's own manifest entry declares the call (calls:)", () => {
  it('grants what ship lets through, refuses the rest and an undeclared caller job', async () => {
    expect((await call(s, 'deploy.yml', 'ship / deliver', { job: 'deliver', step: 'upload' })).status).toBe(
      200,
    );
    expect(last(s, 'credential.granted')?.details).toMatchObject({
      caller_job: 'ship',
      caller_allowed_by: 'octo-org/octo-repo:.github/access-manifest.yml:11',
    });
    const notLetThrough = await call(s, 'deploy.yml', 'ship / deliver', { job: 'deliver', step: 'other' });
    expect(notLetThrough.body.error_description).toMatch(
      /^ERR_CALLER_NOT_ALLOWED: .*job 'ship'.*calls: does not let deliver\/other through/,
    );
    const rogue = await call(s, 'deploy.yml', 'rogue / deliver', { job: 'deliver', step: 'upload' });
    expect(rogue.body.error_description).toMatch(/^ERR_CALLER_NOT_ALLOWED: .*job 'rogue'/);
    const unverified = await call(s, 'deploy.yml', undefined, { job: 'deliver', step: 'upload' });
    expect(unverified.body.error_description).toMatch(
      /only a verified caller job.*the token has no check_run_id/,
    );
  });
});
