/**
 * Hostile review (session 8): a called job is judged on its whole name. GitHub shows a job of a
 * reusable workflow as `<caller chain> / <own name>`, and either side may hold ` / ` (a callee job
 * `name: ${{ inputs.label }} / publish`, a caller job `name: Ship / compile`). Reading the last segment
 * let job `compile` of build.yml, named `x / publish`, claim job `publish`'s grant. Now every split is
 * tried against every job of the callee file at job_workflow_sha: one reading or a refusal
 * (ERR_JOB_IDENTITY, ERR_JOB_IDENTITY_AMBIGUOUS), audited as possible theft.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { calledOwnName, callerJobOf, type WorkflowJobs } from '../../shared/broker/job-identity.js';
import { standinSha } from '../../shared/standins/github-app-routes.js';
import { githubJobRoutes, registerJob, type JobsState } from '../../shared/standins/github-job-routes.js';
import { startStack, type Stack, closeCheckingAudit, errorCode } from '../support/broker.js';

const HOOKS = 'https://hooks.example.internal';
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
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
      compile:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
      release:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
`;
const BUILD_YML = `on: workflow_call
jobs:
  compile:
    name: \${{ inputs.label }} / publish
    runs-on: ubuntu-latest
    steps: [{ run: make }]
  publish:
    runs-on: ubuntu-latest
    steps: [{ run: npm publish }]
  release:
    name: Release / \${{ inputs.version }}
    runs-on: ubuntu-latest
    steps: [{ run: gh release create }]
`;

const ref = (file: string) => `octo-org/octo-repo/.github/workflows/${file}@refs/heads/main`;
let s: Stack;
const jobs: JobsState = { jobs: [] };
let id = 8300;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, verifyJobs: true, app: { timeoutMs: 60_000 } });
  s.gh.state.installationPermissions.actions = 'read';
  s.gh.state.repos[0]!.files.main!['.github/workflows/build.yml'] = BUILD_YML;
  githubJobRoutes(
    jobs,
    () => s.gh.standin.url,
    () => true,
  )(s.gh.standin);
});
afterAll(() => closeCheckingAudit(s));

/** A job of build.yml called from release.yml, shown by the Jobs API as `shown`, asking for `job`'s grant. */
async function called(shown: string, job: string, sha = standinSha('main')) {
  const check = ++id;
  registerJob(jobs, {
    owner: 'octo-org',
    repo: 'octo-repo',
    id: check,
    runId: 9801,
    runAttempt: 1,
    name: shown,
  });
  const t = await s.issuer.mint({
    run_id: '9801',
    run_attempt: '1',
    check_run_id: String(check),
    workflow_ref: ref('release.yml'),
    job_workflow_ref: ref('build.yml'),
    job_workflow_sha: sha,
  });
  return s.token(s.exchangeForm(t, { audience: HOOKS, step: 'notify', job }));
}

describe('a called job whose own name holds " / "', () => {
  it("job compile, named 'x / publish', does not get job publish's grant (ERR_JOB_IDENTITY_AMBIGUOUS)", async () => {
    const r = await called('deploy / x / publish', 'publish');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    const d = String(r.body.error_description);
    expect(d).toMatch(/job 'compile' \(\.github\/workflows\/build\.yml:3\)/);
    expect(d).toMatch(/job 'publish' \(\.github\/workflows\/build\.yml:7\)/);
    expect(s.audit.events.at(-1)).toMatchObject({
      type: 'credential.refused',
      reason: 'ERR_JOB_IDENTITY_AMBIGUOUS',
    });
    expect(String(s.audit.events.at(-1)!.detail)).toMatch(/possible theft/);
  });

  it('job publish under a caller named without " / " is verified; compile under its name is compile', async () => {
    expect((await called('deploy / publish', 'publish')).status).toBe(200);
    expect((await called('deploy / x / publish', 'compile')).status).toBe(400); // ambiguous for compile too
    expect((await called('deploy / x-y / publish', 'compile')).status).toBe(400);
  });

  it("a callee job named 'Release / ${{ inputs.version }}' is verified by its whole own name (the last segment alone refused it)", async () => {
    expect((await called('deploy / Release / 1.2.3', 'release')).status).toBe(200);
    const r = await called('deploy / Release / 1.2.3', 'publish');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY']);
  });

  it("a caller job named 'Ship / compile': its callee's job is read by the whole name, both ways", async () => {
    // publish called by 'Ship / compile', or compile (label 'compile') called by 'Ship': refused.
    const r = await called('Ship / compile / publish', 'publish');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY_AMBIGUOUS']);
    // Only one reading: release, called by 'Ship / compile'; never compile.
    expect((await called('Ship / compile / Release / 1', 'release')).status).toBe(200);
    expect(errorCode(await called('Ship / compile / Release / 1', 'compile'))).toBe('ERR_JOB_IDENTITY');
  });

  it('a called job shown without a caller part is refused (the token says it was called)', async () => {
    const r = await called('publish', 'publish');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_JOB_IDENTITY']);
  });

  it('without the callee file nothing is judged: refused 503 (session 10; the last segment verified an impostor)', async () => {
    const unread = 'b'.repeat(40);
    for (const shown of ['deploy / x / publish', 'deploy / publish', 'deploy / compile']) {
      const r = await called(shown, 'publish', unread);
      expect([r.status, errorCode(r)]).toEqual([503, 'ERR_JOB_IDENTITY_UNAVAILABLE']);
      expect(String(r.body.error_description)).toMatch(/could not be read at job_workflow_sha/);
    }
  });
});

describe('calledOwnName and callerJobOf (pure)', () => {
  const file: WorkflowJobs = {
    where: '.github/workflows/build.yml@' + 'a'.repeat(40),
    jobs: new Map([
      ['compile', { name: '${{ inputs.label }} / publish', line: 3 }],
      ['publish', { line: 7 }],
      ['release', { name: 'Release / ${{ inputs.version }}', line: 10 }],
    ]),
  };
  const refuse = (code: string, what: string) => new BrokerRefusal('invalid_grant', code, what);
  const codeOf = (f: () => unknown) => {
    try {
      return f();
    } catch (e) {
      return (e as BrokerRefusal).code;
    }
  };
  it.each([
    ['deploy / publish', 'publish', 1],
    ['a / b / publish', 'publish', 'ERR_JOB_IDENTITY_AMBIGUOUS'],
    ['a / b (x) / publish', 'publish', 'ERR_JOB_IDENTITY_AMBIGUOUS'],
    ['a / b (x) / Release / 2', 'release', 2],
    ['a / Release / 1 (linux)', 'release', 1],
    ['Release / 1', 'release', 'ERR_JOB_IDENTITY'],
    ['a / publish (x / y)', 'publish', 1],
    ['a / publish-evil', 'publish', 'ERR_JOB_IDENTITY'],
    ['a / unknown', 'nosuchjob', 'ERR_JOB_IDENTITY'],
  ])('%s as job %s -> %s', (shown, job, want) => {
    expect(codeOf(() => calledOwnName(shown, job, file, refuse))).toBe(want);
  });

  it('the caller chain is searched only before the own name', () => {
    const callers = [
      { id: 'deploy', name: 'Ship / compile', uses: './.github/workflows/build.yml' },
      { id: 'ship', uses: './.github/workflows/build.yml' },
    ];
    // 'Ship / compile / publish': own name 'publish' at segment 2; the caller is 'Ship / compile'.
    expect(callerJobOf('Ship / compile / publish', 'build.yml', callers, 'octo-org/octo-repo', 2)).toEqual({
      job: 'deploy',
    });
    // A callee named 'compile / publish' called by 'ship' (own name at segment 1): the caller is ship,
    // never deploy, though 'ship / compile / publish'-like splits exist.
    expect(callerJobOf('ship / compile / publish', 'build.yml', callers, 'octo-org/octo-repo', 1)).toEqual({
      job: 'ship',
    });
  });
});
