/**
 * Session 13: the gate reads a job's local composite actions through the contents API, at most
 * MAX_ACTION_FILES files per job start (against a flood of API calls). Past the budget it added
 * nothing more and judged the job on what it had: an action outside `allowed-actions` behind enough
 * local actions (of any job of the workflow, read first) ran with the gate's "allowed" and only an
 * `unread-local-action` warning. Now the gate cannot judge such a job (fail closed), and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { octokit } from '../../shared/github/octokit.js';
import {
  EnforceSourceError,
  MAX_ACTION_FILES,
  readRunningWorkflows,
} from '../../shared/enforce/github-source.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const SHA = 'd'.repeat(40);
const TOKEN = 'ghs_enforce_budget_token';
const PIN = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683';
let gh: StartedStandin;

/** A decoy job with `n` local actions (read first), then the running job with one that runs evil. */
function repo(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  const decoys = Array.from({ length: n }, (_, i) => `      - uses: ./.github/actions/a${i}\n`).join('');
  for (let i = 0; i < n; i++)
    files[`.github/actions/a${i}/action.yml`] = `runs:\n  using: composite\n  steps:\n    - uses: ${PIN}\n`;
  files['.github/actions/deploy/action.yml'] =
    'runs:\n  using: composite\n  steps:\n    - uses: evil/exfiltrate@main\n';
  files['.github/workflows/ci.yml'] =
    `on: push\njobs:\n  decoy:\n    runs-on: x\n    permissions: {}\n    steps:\n${decoys}  build:\n    runs-on: x\n    permissions: { contents: read }\n    steps:\n      - uses: ./.github/actions/deploy\n`;
  return files;
}

beforeAll(async () => {
  const state: RepoContentsState = {
    repos: [
      {
        owner: 'octo-org',
        name: 'octo-repo',
        id: 100001,
        ownerId: 200001,
        defaultBranch: 'main',
        refs: { main: {}, [SHA]: repo(MAX_ACTION_FILES + 5), ['e'.repeat(40)]: repo(3) },
      },
    ],
    tokens: { [TOKEN]: { repositories: ['octo-org/octo-repo'], contents: 'read' } },
  };
  let url = '';
  gh = await startGithubStandin({ validate: openApiValidator(), routes: githubRepoRoutes(state, () => url) });
  url = gh.url;
});
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
});

const read = (sha: string) =>
  readRunningWorkflows(
    octokit({ auth: TOKEN, baseUrl: gh.url, retries: 0 }),
    {
      owner: 'octo-org',
      repo: 'octo-repo',
      path: '.github/workflows/ci.yml',
      file: 'ci.yml',
      ref: 'refs/heads/main',
    },
    sha,
  );

describe('the gate never judges a job on a cut list of local actions', () => {
  it('past the budget it cannot judge, and names the first file it did not read', async () => {
    const err = await read(SHA).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EnforceSourceError);
    expect((err as Error).message).toMatch(/more local action files than the gate reads/);
    expect((err as Error).message).toContain('.github/actions/');
    expect((err as EnforceSourceError).fix).toMatch(/fewer local composite actions/);
  });

  it('under the budget every action is read: the nested one is the job’s', async () => {
    const workflows = await read('e'.repeat(40));
    const build = workflows[0]!.jobs.find((j) => j.id === 'build')!;
    expect(build.actions.map((a) => a.uses)).toEqual(['./.github/actions/deploy', 'evil/exfiltrate@main']);
    expect(build.unreadActions ?? []).toEqual([]);
  });
});
