/**
 * The enforce gate's reader (the contents API at the running commit, against the GitHub REST
 * stand-in): the actions of a local composite action the running job uses are the job's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { octokit } from '../../shared/github/octokit.js';
import { readRunningWorkflows } from '../../shared/enforce/github-source.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { openApiValidator } from '../support/openapi-shapes.js';
import { manifest } from '../support/repo.js';

const SHA = 'c'.repeat(40);
const TOKEN = 'ghs_enforce_source_token';
let gh: StartedStandin;

beforeAll(async () => {
  const state: RepoContentsState = {
    repos: [
      {
        owner: 'octo-org',
        name: 'octo-repo',
        id: 100001,
        ownerId: 200001,
        defaultBranch: 'main',
        refs: {
          main: {},
          [SHA]: {
            '.github/workflows/ci.yml':
              'on: push\njobs:\n  build:\n    runs-on: x\n    permissions: { contents: read }\n    steps:\n      - uses: ./.github/actions/setup\n',
            '.github/actions/setup/action.yml':
              'runs:\n  using: composite\n  steps:\n    - uses: evil/exfiltrate@main\n',
          },
        },
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

describe('enforce reads local composite actions at the running commit', () => {
  it('the nested action is the job’s: an allowed-actions manifest refuses the job', async () => {
    const workflows = await readRunningWorkflows(
      octokit({ auth: TOKEN, baseUrl: gh.url, retries: 0 }),
      {
        owner: 'octo-org',
        repo: 'octo-repo',
        path: '.github/workflows/ci.yml',
        file: 'ci.yml',
        ref: 'refs/heads/main',
      },
      SHA,
    );
    const job = workflows.find((w) => w.file === 'ci.yml')!.jobs[0]!;
    expect(job.actions.map((a) => [a.uses, a.via?.file])).toEqual([
      ['./.github/actions/setup', undefined],
      ['evil/exfiltrate@main', '.github/actions/setup/action.yml'],
    ]);
    const verdict = enforceJob({
      workflows,
      manifest: manifest(
        'version: 1\npolicy: { allowed-actions: ["actions/*"], require-pinned-actions: false }\nworkflows:\n  ci.yml:\n    jobs:\n      build: { permissions: { contents: read } }\n',
      ),
      workflow: 'ci.yml',
      job: 'build',
      event: 'push',
    });
    expect(verdict.allowed).toBe(false);
    expect(verdict.problems.map((p) => p.rule)).toEqual(['disallowed-action']);
  });
});
