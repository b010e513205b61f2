import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { runAction, type ActionRun } from '../support/action-runner.js';
import { openApiValidator } from '../support/openapi-shapes.js';
import { y } from '../support/repo.js';

const TOKEN = 'ghs_enforceJobTokenNeverPrinted000001';
const NO_CONTENTS = 'ghs_enforceTokenWithoutContents000002';
const SHA = 'a'.repeat(40);
const SHA_WIDE = 'b'.repeat(40);
const SHA_CALL = 'c'.repeat(40);
const SHA_COLLIDE = 'd'.repeat(40);
const SHA_REMOTE = 'e'.repeat(40);

const release = (contents: string) => y`
  name: release
  on:
    push:
    pull_request:
  jobs:
    publish:
      permissions:
        contents: ${contents}
        id-token: write
      steps:
        - uses: ./actions/enforce
        - run: make release
      runs-on: ubuntu-latest
`;

const GATE_ACTION =
  'name: enforce\nruns:\n  using: composite\n  steps:\n    - run: node dist/index.js action enforce\n      shell: bash\n';

const MANIFEST = y`
  version: 1
  workflows:
    release.yml:
      triggers: [push, pull_request]
      jobs:
        publish:
          permissions: { contents: read, id-token: write }
    caller.yml:
      jobs:
        go:
          permissions: { contents: read }
    build.yml:
      jobs:
        build:
          permissions: { contents: read }
    collide.yml:
      jobs:
        build:
          permissions: { contents: read }
        go:
          permissions: { contents: read }
    remote.yml:
      jobs:
        build:
          permissions: { contents: read }
`;
/** What a pull request from `feature` would like: its own manifest, widened to match its workflow. */
const WIDENED = MANIFEST.replace(
  'permissions: { contents: read, id-token',
  'permissions: { contents: write, id-token',
);

let gh: StartedStandin;
let issuer: OidcIssuer;
let state: RepoContentsState;
const dir = mkdtempSync(join(tmpdir(), 'sw-enforce-'));

beforeAll(async () => {
  state = {
    repos: [
      {
        owner: 'octo-org',
        name: 'octo-repo',
        id: 100001,
        ownerId: 200001,
        defaultBranch: 'main',
        refs: {
          main: { '.github/access-manifest.yml': MANIFEST },
          feature: { '.github/access-manifest.yml': WIDENED },
          broken: { '.github/access-manifest.yml': 'version: 1\nworkflows:\n  release.yml:\n    jobz: {}\n' },
          copied: {
            '.github/access-manifest.yml': `version: 1\nrepository: { name: other-org/app, id: 999 }\n${MANIFEST.slice('version: 1\n'.length)}`,
          },
          [SHA_COLLIDE]: {
            // Two jobs named build: the caller's own (clean) and the local callee's (undeclared environment).
            '.github/workflows/collide.yml': y`
              on: push
              jobs:
                build:
                  permissions: { contents: read }
                  steps:
                    - uses: ./actions/enforce
                  runs-on: ubuntu-latest
                go:
                  permissions: { contents: read }
                  uses: ./.github/workflows/lib.yml
            `,
            '.github/workflows/lib.yml': y`
              on: workflow_call
              jobs:
                build:
                  environment: production
                  steps:
                    - uses: ./actions/enforce
                  runs-on: ubuntu-latest
            `,
          },
          [SHA_REMOTE]: {
            '.github/workflows/remote.yml': y`
              on: push
              jobs:
                build:
                  permissions: { contents: read }
                  steps:
                    - uses: ./actions/enforce
                  runs-on: ubuntu-latest
                shared:
                  permissions: { contents: read }
                  uses: other-org/shared/.github/workflows/deploy.yml@${'f'.repeat(40)}
            `,
          },
          // The local gate the workflow runs is in its commit (else the check warns that it cannot
          // read it: unread-local-action, session 10).
          [SHA]: {
            '.github/workflows/release.yml': release('read'),
            'actions/enforce/action.yml': GATE_ACTION,
          },
          [SHA_WIDE]: {
            '.github/workflows/release.yml': release('write'),
            'actions/enforce/action.yml': GATE_ACTION,
          },
          [SHA_CALL]: {
            '.github/workflows/caller.yml': y`
              on: push
              jobs:
                go:
                  permissions: { contents: read }
                  uses: ./.github/workflows/build.yml
            `,
            '.github/workflows/build.yml': y`
              on: workflow_call
              jobs:
                build:
                  environment: production
                  steps:
                    - uses: ./actions/enforce
                  runs-on: ubuntu-latest
            `,
          },
        },
      },
      {
        owner: 'octo-org',
        name: 'bare-repo',
        id: 100002,
        ownerId: 200001,
        defaultBranch: 'trunk',
        refs: { trunk: {}, [SHA]: { '.github/workflows/release.yml': release('read') } },
      },
      {
        owner: 'octo-org',
        name: '.github',
        id: 100003,
        ownerId: 200001,
        defaultBranch: 'main',
        refs: { main: { 'stepwarden/org-policy.yml': 'version: 1\nforbidden-triggers: [pull_request]\n' } },
      },
    ],
    tokens: {
      [TOKEN]: {
        repositories: ['octo-org/octo-repo', 'octo-org/bare-repo', 'octo-org/.github'],
        contents: 'read',
      },
      [NO_CONTENTS]: { repositories: ['octo-org/octo-repo'], contents: 'none' },
    },
  };
  let url = '';
  gh = await startGithubStandin({ validate: openApiValidator(), routes: githubRepoRoutes(state, () => url) });
  url = gh.url;
  issuer = await startOidcIssuer();
});
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
  await issuer.close();
});

function eventFile(name: string, payload: unknown): string {
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(payload));
  return p;
}

/** The job environment of a run of `workflow` on the `feature` branch, as the runner sets it. */
function jobEnv(
  over: {
    repo?: string;
    workflow?: string;
    sha?: string;
    job?: string;
    event?: string;
    payload?: unknown;
  } = {},
) {
  const repo = over.repo ?? 'octo-org/octo-repo';
  return {
    GITHUB_REPOSITORY: repo,
    GITHUB_REPOSITORY_ID: String(state.repos.find((r) => `${r.owner}/${r.name}` === repo)?.id ?? 0),
    GITHUB_REPOSITORY_OWNER_ID: '200001',
    GITHUB_WORKFLOW_REF: `${repo}/.github/workflows/${over.workflow ?? 'release.yml'}@refs/heads/feature`,
    GITHUB_WORKFLOW_SHA: over.sha ?? SHA,
    GITHUB_SHA: over.sha ?? SHA,
    GITHUB_REF: 'refs/heads/feature',
    GITHUB_JOB: over.job ?? 'publish',
    GITHUB_EVENT_NAME: over.event ?? 'push',
    GITHUB_EVENT_PATH: eventFile(
      `ev-${Math.random().toString(36).slice(2)}`,
      over.payload ?? { ref: 'refs/heads/feature', repository: { full_name: repo, default_branch: 'main' } },
    ),
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
  };
}

const trail = (r: ActionRun) =>
  readFileSync(join(r.runnerTemp, 'stepwarden/audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Everything the run printed or wrote, but the `::add-mask::` commands, for "the token never appears" checks. */
const everything = (r: ActionRun) =>
  [r.log, ...r.steps.map((s) => s.stdout + s.stderr), JSON.stringify(r.outputs), r.summary]
    .join('\n')
    .replace(/^::add-mask::.*$/gm, '') + readFileSync(join(r.runnerTemp, 'stepwarden/audit.jsonl'), 'utf8');

function enforce(env: Record<string, string>, inputs: Record<string, string> = {}) {
  return runAction('actions/enforce', { inputs, env, github: { token: TOKEN } });
}

describe('actions/enforce: the job-start gate', () => {
  it('lets a job within the manifest run and records one job.enforced line', async () => {
    const r = await enforce(jobEnv());
    expect(r.failed).toBe(false);
    expect(r.outputs).toEqual({ verdict: 'allowed', problems: '0' });
    expect(r.steps[0]!.stdout).toMatch(
      /job 'publish' of release\.yml on 'push' is within the access manifest/,
    );
    const lines = trail(r);
    expect(lines).toHaveLength(1);
    expect(auditEventSchema.safeParse(lines[0]).success).toBe(true);
    expect(lines[0]).toMatchObject({
      type: 'job.enforced',
      outcome: 'success',
      reason: 'JOB_WITHIN_MANIFEST',
      source: 'action',
      workflow: 'release.yml',
      job: 'publish',
      event_name: 'push',
      details: { mode: 'enforce', problems: [] },
    });
    // The default token (github.token) is masked at once and appears nowhere.
    expect(r.masks).toContain(TOKEN);
    expect(r.leaks).toEqual([]);
    expect(everything(r)).not.toContain(TOKEN);
  }, 60_000);

  it('stops a job outside the manifest with an annotation at the workflow line, even though its branch widened the manifest', async () => {
    const r = await enforce(jobEnv({ sha: SHA_WIDE }));
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.exitCode).toBe(1);
    const out = r.steps[0]!.stdout;
    // `permissions:` of job publish is line 7 of the workflow file at GITHUB_WORKFLOW_SHA.
    expect(out).toMatch(
      /^::error title=stepwarden enforce%3A excess-permission,file=\.github\/workflows\/release\.yml,line=7::job 'publish' holds contents: write/m,
    );
    // The feature branch's own manifest grants contents: write; the gate read main's instead.
    expect(out).toMatch(
      /^::error::stepwarden: job 'publish' of release\.yml on 'push' is outside the access manifest: /m,
    );
    expect(out).toMatch(
      /declare the access in \.github\/access-manifest\.yml on 'main' \(the default branch\)/,
    );
    expect(r.outputs).toEqual({ verdict: 'denied', problems: '1' });
    const [line] = trail(r);
    expect(auditEventSchema.safeParse(line).success).toBe(true);
    expect(line).toMatchObject({
      type: 'job.enforced',
      outcome: 'denied',
      reason: 'ERR_JOB_OUTSIDE_MANIFEST',
      details: {
        mode: 'enforce',
        problems: [
          { rule: 'excess-permission', severity: 'error', file: '.github/workflows/release.yml', line: 7 },
        ],
      },
    });
    expect(String(line!.detail)).not.toContain('\n');
    expect(r.leaks).toEqual([]);
    expect(everything(r)).not.toContain(TOKEN);
  }, 60_000);

  it("refuses, with a warning, a manifest-ref naming the pull request's own branch (short or full) or merge ref", async () => {
    const env = {
      ...jobEnv({ sha: SHA_WIDE, event: 'pull_request' }),
      GITHUB_HEAD_REF: 'feature',
      GITHUB_REF: 'refs/pull/7/merge',
    };
    for (const ref of ['feature', 'refs/heads/feature', 'refs/pull/7/merge', 'pull/7/head']) {
      const r = await enforce(env, { 'manifest-ref': ref });
      // The feature branch's manifest would allow what its workflow holds; main's does not.
      expect(r.outputs.verdict).toBe('denied');
      expect(r.steps[0]!.stdout).toMatch(
        new RegExp(
          `^::warning::manifest-ref '${ref.replace(/\//g, '\\/')}' is the run's own branch, pull request ref or commit: .* refused and the manifest is read from the default branch 'main'`,
          'm',
        ),
      );
      expect(r.steps[0]!.stdout).toMatch(/on 'main' \(the default branch\)/);
    }
  }, 120_000);

  it('only warns in audit mode, and still records the denial', async () => {
    const r = await enforce(jobEnv({ sha: SHA_WIDE }), { mode: 'audit' });
    expect(r.failed).toBe(false);
    const out = r.steps[0]!.stdout;
    expect(out).not.toMatch(/^::error/m);
    expect(out).toMatch(
      /^::warning title=stepwarden enforce%3A excess-permission,file=\.github\/workflows\/release\.yml,line=7::/m,
    );
    expect(out).toMatch(/audit mode: the job continues/);
    expect(r.outputs.verdict).toBe('denied');
    expect(trail(r)[0]).toMatchObject({ outcome: 'denied', details: { mode: 'audit' } });
  }, 60_000);

  it('judges the running event, and the org policy read through the API', async () => {
    const pr = await enforce(jobEnv({ event: 'pull_request' }), {
      'org-policy': 'octo-org/.github:stepwarden/org-policy.yml',
    });
    expect(pr.failed).toBe(true);
    expect(pr.steps[0]!.stdout).toMatch(
      /file=\.github\/workflows\/release\.yml,line=4::workflow 'release\.yml' is running on 'pull_request', which the organization policy forbids/,
    );
    const push = await enforce(jobEnv({ event: 'push' }), {
      'org-policy': 'octo-org/.github:stepwarden/org-policy.yml',
    });
    expect(push.outputs.verdict).toBe('allowed');
  }, 60_000);

  it('judges a job of a local reusable workflow, read at the same commit', async () => {
    const r = await enforce(jobEnv({ workflow: 'caller.yml', sha: SHA_CALL, job: 'build' }));
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.stdout).toMatch(
      /file=\.github\/workflows\/build\.yml,line=4::job 'build' \(called from caller\.yml job 'go'\) uses environment 'production'/,
    );
    const unknown = await enforce(jobEnv({ job: 'deploy' }));
    expect(unknown.failed).toBe(true);
    expect(unknown.steps[0]!.stdout).toMatch(/job 'deploy' is not in 'release\.yml' \(jobs: publish\)/);
  }, 60_000);

  it('reads the default branch from the API when the event payload does not carry it', async () => {
    const before = gh.requests.length;
    const r = await enforce(jobEnv({ payload: { schedule: '0 3 * * *' } }));
    expect(r.outputs.verdict).toBe('allowed');
    expect(gh.requests.slice(before).map((q) => `${q.method} ${q.path} ${q.status}`)).toContain(
      'GET /repos/octo-org/octo-repo 200',
    );
  }, 60_000);

  it('fails closed when there is no manifest on the default branch; audit mode only warns', async () => {
    const env = jobEnv({ repo: 'octo-org/bare-repo', payload: {} });
    const r = await enforce(env);
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.exitCode).toBe(2);
    expect(r.steps[0]!.stdout).toMatch(
      /::error::stepwarden enforce cannot judge this job: no access manifest at \.github\/access-manifest\.yml on 'trunk' of octo-org\/bare-repo\. Fix: merge one to 'trunk' \(`stepwarden init`/,
    );
    expect(r.outputs.verdict).toBe('error');
    const [line] = trail(r);
    expect(auditEventSchema.safeParse(line).success).toBe(true);
    expect(line).toMatchObject({ type: 'job.enforced', outcome: 'error', reason: 'ERR_ENFORCE_UNAVAILABLE' });
    const audit = await enforce(env, { mode: 'audit' });
    expect(audit.failed).toBe(false);
    expect(audit.steps[0]!.stdout).toMatch(
      /^::warning::stepwarden enforce cannot judge this job: no access manifest/m,
    );
    expect(trail(audit)[0]).toMatchObject({ outcome: 'error', details: { mode: 'audit' } });
  }, 60_000);

  it('fails closed and says to add contents: read when the token cannot read the files (403)', async () => {
    const r = await enforce(jobEnv(), { token: NO_CONTENTS });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.stdout).toMatch(
      /lacks contents: read \(HTTP 403\)\. Fix: give the job `permissions: \{ contents: read \}`/,
    );
    expect(r.outputs.verdict).toBe('error');
    expect(trail(r)[0]).toMatchObject({ outcome: 'error', reason: 'ERR_ENFORCE_UNAVAILABLE' });
    expect(r.masks).toContain(NO_CONTENTS);
    expect(r.leaks).toEqual([]);
    expect(everything(r)).not.toContain(NO_CONTENTS);
  }, 60_000);

  it('fails closed on an invalid manifest, annotating its file and line', async () => {
    const r = await enforce(jobEnv(), { 'manifest-ref': 'broken' });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.stdout).toMatch(
      /^::error title=stepwarden enforce%3A cannot judge,file=\.github\/access-manifest\.yml,line=4::unknown key 'jobz'/m,
    );
    expect(r.steps[0]!.stdout).toMatch(/the access manifest is invalid \(ERR_MANIFEST_INVALID\)/);
    expect(trail(r)[0]).toMatchObject({
      outcome: 'error',
      details: { problems: [{ rule: 'ERR_MANIFEST_INVALID', file: '.github/access-manifest.yml', line: 4 }] },
    });
  }, 60_000);

  it('refuses an unknown mode with exit 2 and the valid values, before reading anything', async () => {
    const before = gh.requests.length;
    const r = await enforce(jobEnv(), { mode: 'warn' });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.exitCode).toBe(2);
    expect(r.steps[0]!.stdout).toMatch(/::error::mode must be one of enforce, audit, not 'warn'/);
    expect(gh.requests.length).toBe(before);
    expect(r.leaks).toEqual([]);
  }, 60_000);
});

/** The job's OIDC token endpoint, with the claims GitHub would put in this job's token. */
function withOidc(env: Record<string, string>, claims: Record<string, string> = {}) {
  issuer.setRunnerClaims({
    repository: env.GITHUB_REPOSITORY!,
    repository_id: env.GITHUB_REPOSITORY_ID!,
    repository_owner_id: '200001',
    workflow_ref: env.GITHUB_WORKFLOW_REF!,
    job_workflow_ref: env.GITHUB_WORKFLOW_REF!,
    // As GitHub issues it: the commit the run read its workflow at (a local callee's too).
    workflow_sha: env.GITHUB_WORKFLOW_SHA!,
    job_workflow_sha: env.GITHUB_WORKFLOW_SHA!,
    ...claims,
  });
  return {
    ...env,
    ACTIONS_ID_TOKEN_REQUEST_URL: `${issuer.runnerTokenUrl}?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
  };
}

describe('actions/enforce: facts from the API, not from files a step could have rewritten', () => {
  it('refuses to judge when the event payload disagrees with the API about the default branch or the repository', async () => {
    const branch = await enforce(
      jobEnv({
        sha: SHA_WIDE,
        payload: { repository: { full_name: 'octo-org/octo-repo', default_branch: 'feature' } },
      }),
    );
    expect(branch.failed).toBe(true);
    expect(branch.steps[0]!.exitCode).toBe(2);
    expect(branch.steps[0]!.stdout).toMatch(
      /::error::stepwarden enforce cannot judge this job: refusing to judge: the repository facts disagree: the event payload \(GITHUB_EVENT_PATH\) says default branch 'feature', the API says 'main'/,
    );
    expect(branch.outputs.verdict).toBe('error');
    expect(trail(branch)[0]).toMatchObject({ outcome: 'error', reason: 'ERR_ENFORCE_UNAVAILABLE' });
    const id = await enforce(
      jobEnv({ payload: { repository: { id: 5, owner: { id: 200001 }, full_name: 'octo-org/octo-repo' } } }),
    );
    expect(id.steps[0]!.stdout).toMatch(
      /the event payload \(GITHUB_EVENT_PATH\) says repository id 5, the API says 100001/,
    );
    const env = { ...jobEnv(), GITHUB_REPOSITORY_ID: '100002' };
    expect((await enforce(env)).steps[0]!.stdout).toMatch(
      /the runner environment .* says repository id 100002/,
    );
  }, 120_000);

  it('refuses to judge a manifest bound to another repository, and an OIDC token of another repository', async () => {
    const copied = await enforce(jobEnv(), { 'manifest-ref': 'copied' });
    expect(copied.outputs.verdict).toBe('error');
    expect(copied.steps[0]!.stdout).toMatch(
      /access-manifest\.yml on 'copied' says repository id 999, the API says 100001/,
    );
    const token = await enforce(withOidc(jobEnv(), { repository_id: '4242' }));
    expect(token.outputs.verdict).toBe('error');
    expect(token.steps[0]!.stdout).toMatch(
      /the job's OIDC token says repository id 4242, the API says 100001/,
    );
    expect(token.leaks).toEqual([]);
  }, 120_000);
});

describe("actions/enforce: which file's job is running", () => {
  const collide = (claims: Record<string, string> = {}) =>
    withOidc(jobEnv({ workflow: 'collide.yml', sha: SHA_COLLIDE, job: 'build' }), claims);
  const ref = (file: string) => `octo-org/octo-repo/.github/workflows/${file}@refs/heads/feature`;

  it("judges the caller's own job when job_workflow_ref names the caller, and the callee's when it names the callee", async () => {
    const own = await enforce(collide({ job_workflow_ref: ref('collide.yml') }));
    expect(own.outputs.verdict).toBe('allowed');
    const callee = await enforce(collide({ job_workflow_ref: ref('lib.yml') }));
    expect(callee.outputs.verdict).toBe('denied');
    expect(callee.steps[0]!.stdout).toMatch(
      /file=\.github\/workflows\/lib\.yml,line=4::job 'build' \(called from collide\.yml job 'go'\) uses environment 'production'/,
    );
    // Without the token, both same-named jobs are judged and any error denies (fail closed).
    const both = await enforce(jobEnv({ workflow: 'collide.yml', sha: SHA_COLLIDE, job: 'build' }));
    expect(both.outputs.verdict).toBe('denied');
  }, 120_000);

  it('refuses the running file called by full reference at another commit (job_workflow_sha), session 23', async () => {
    const other = await enforce(
      collide({ job_workflow_ref: ref('collide.yml'), job_workflow_sha: 'c'.repeat(40) }),
    );
    expect(other.outputs.verdict).toBe('denied');
    expect(other.steps[0]!.stdout).toMatch(
      new RegExp(
        `job 'build' is defined in collide\\.yml at c{40} \\(job_workflow_sha\\), not ${SHA_COLLIDE}`,
      ),
    );
    const same = await enforce(
      collide({ job_workflow_ref: ref('collide.yml'), job_workflow_sha: SHA_COLLIDE }),
    );
    expect(same.outputs.verdict).toBe('allowed');
  }, 120_000);

  it('refuses as unknown a job of a reusable workflow of another repository whose id collides with a job of the caller', async () => {
    const base = jobEnv({ workflow: 'remote.yml', sha: SHA_REMOTE, job: 'build' });
    const remote = await enforce(
      withOidc(base, { job_workflow_ref: `other-org/shared/.github/workflows/deploy.yml@${'f'.repeat(40)}` }),
    );
    expect(remote.outputs.verdict).toBe('denied');
    expect(remote.steps[0]!.stdout).toMatch(
      /job 'build' is a job of the reusable workflow other-org\/shared\/\.github\/workflows\/deploy\.yml@f{40} of another repository \(job_workflow_ref\); jobs of reusable workflows from other repositories cannot be judged \(unknown-job\)/,
    );
    // The caller's own build, identified by the token, is judged normally.
    const own = await enforce(withOidc(base, { job_workflow_ref: ref('remote.yml') }));
    expect(own.outputs.verdict).toBe('allowed');
    // Without the token the two cannot be told apart: refused as unknown, with the fix.
    const blind = await enforce(base);
    expect(blind.outputs.verdict).toBe('denied');
    expect(blind.steps[0]!.stdout).toMatch(
      /'remote\.yml' calls the reusable workflow other-org\/shared\/\.github\/workflows\/deploy\.yml@f{40}, whose jobs may also be named 'build'.*id-token: write/,
    );
  }, 120_000);
});
