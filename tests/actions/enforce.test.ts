import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEventSchema } from '../../shared/audit/event.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { runAction, type ActionRun } from '../support/action-runner.js';
import { openApiValidator } from '../support/openapi-shapes.js';
import { y } from '../support/repo.js';

const TOKEN = 'ghs_enforceJobTokenNeverPrinted000001';
const NO_CONTENTS = 'ghs_enforceTokenWithoutContents000002';
const SHA = 'a'.repeat(40);
const SHA_WIDE = 'b'.repeat(40);
const SHA_CALL = 'c'.repeat(40);

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
`;

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
`;
/** What a pull request from `feature` would like: its own manifest, widened to match its workflow. */
const WIDENED = MANIFEST.replace(
  'permissions: { contents: read, id-token',
  'permissions: { contents: write, id-token',
);

let gh: StartedStandin;
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
          [SHA]: { '.github/workflows/release.yml': release('read') },
          [SHA_WIDE]: { '.github/workflows/release.yml': release('write') },
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
});
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
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
    GITHUB_REPOSITORY_ID: '100001',
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

  it("warns when manifest-ref is set to the pull request's own branch, which lets it widen its gate", async () => {
    const env = { ...jobEnv({ sha: SHA_WIDE, event: 'pull_request' }), GITHUB_HEAD_REF: 'feature' };
    const r = await enforce(env, { 'manifest-ref': 'feature' });
    // The feature branch's manifest allows what its workflow holds: exactly why the default is main.
    expect(r.outputs.verdict).toBe('allowed');
    expect(r.steps[0]!.stdout).toMatch(/^::warning::manifest-ref 'feature' is the pull request's own ref/m);
  }, 60_000);

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
