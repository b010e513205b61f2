/**
 * Hostile review (session 10): a called job (a reusable workflow of the repository) was judged on its
 * whole shown name against every job of the callee file (session 8), but a job whose `name:` is made
 * only of expressions counts by its id alone, so job `compile` named `${{ inputs.label }}`, called with
 * `label: publish`, was shown as `deploy / publish`, read as job `publish` only, and verified. And when
 * the callee file could not be read, the last segment decided. Now the check's `job-name-collision`
 * pairs refuse such a name as ambiguous, and an unreadable callee file is refused (503).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack, closeCheckingAudit, errorCode } from '../support/broker.js';

const HOOKS = 'https://hooks.example.internal';
const grant = `        credentials:\n          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }\n`;
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      deploy: {}
  build.yml:
    callers: [release.yml]
    jobs:
      compile:
${grant}      publish:
${grant}`;
const buildYml = (compileName: string) =>
  `on: workflow_call\njobs:\n  compile:\n    name: ${JSON.stringify(compileName)}\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n  publish:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm publish }]\n`;

const ref = (file: string) => `octo-org/octo-repo/.github/workflows/${file}@refs/heads/main`;
let s: Stack;
const jobs: JobsState = { jobs: [] };
let id = 10_900;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, verifyJobs: true, app: { timeoutMs: 60_000 } });
  s.gh.state.installationPermissions.actions = 'read';
  s.gh.state.repos[0]!.files['v-expression'] = {
    '.github/workflows/build.yml': buildYml('${{ inputs.label }}'),
  };
  s.gh.state.repos[0]!.files['v-clean'] = {
    '.github/workflows/build.yml': buildYml('Compile ${{ inputs.label }}'),
  };
  githubJobRoutes(
    jobs,
    () => s.gh.standin.url,
    () => true,
  )(s.gh.standin);
});
afterAll(() => closeCheckingAudit(s));

async function called(shown: string, job: string, sha: string) {
  const check = ++id;
  registerJob(jobs, {
    owner: 'octo-org',
    repo: 'octo-repo',
    id: check,
    runId: 9991,
    runAttempt: id,
    name: shown,
  });
  const t = await s.issuer.mint({
    run_id: '9991',
    run_attempt: String(id),
    check_run_id: String(check),
    workflow_ref: ref('release.yml'),
    job_workflow_ref: ref('build.yml'),
    job_workflow_sha: sha,
  });
  return s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify', job }));
}

describe("a called job shown under another called job's name", () => {
  it("job compile named '${{ inputs.label }}', called with label=publish, does not get publish's grant", async () => {
    const r = await called('deploy / publish', 'publish', standinSha('v-expression'));
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    expect(String(r.body.error_description)).toMatch(
      /job 'compile' \(\.github\/workflows\/build\.yml:3\).*job-name-collision/,
    );
  });

  it('a callee file whose names are told apart verifies each job as itself', async () => {
    expect((await called('deploy / publish', 'publish', standinSha('v-clean'))).status).toBe(200);
    expect((await called('deploy / Compile x', 'compile', standinSha('v-clean'))).status).toBe(200);
    expect(errorCode(await called('deploy / Compile publish', 'publish', standinSha('v-clean')))).toBe(
      'ERR_JOB_IDENTITY',
    );
  });

  it('a callee file that cannot be read at job_workflow_sha is refused (503), not judged by the last segment', async () => {
    const r = await called('deploy / publish', 'publish', 'e'.repeat(40));
    expect([r.status, errorCode(r)]).toEqual([503, 'ERR_JOB_IDENTITY_UNAVAILABLE']);
  });
});
