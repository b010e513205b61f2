/**
 * Session 19: the gate reads local composite actions through the contents API, which answers a path
 * through a linked directory (`.github/actions/deploy -> ../../tools/evil`) with 404, as it does for
 * an action an earlier step makes. The gate took it for missing (`unread-local-action`, a warning) and
 * allowed the job, while the check fails it (unreadable-local-action: the runner follows the link in
 * the checkout and runs `uses: evil/exfiltrate@main`). On 404 the gate now asks for the action's
 * directory and those above it: a link there is refused (the verdict a denial, naming the link); a
 * directory that is not there is still an action the job makes. Seen failing first (allowed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readRunningWorkflows } from '../../shared/enforce/github-source.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { octokit } from '../../shared/github/octokit.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const LINKED = 'a'.repeat(40);
const MISSING = 'b'.repeat(40);
const DIRECT = 'c'.repeat(40);
const TOKEN = 'ghs_s19_linked_action_token';
const MANIFEST = `version: 1
policy:
  require-pinned-actions: true
  allowed-actions: ["actions/*"]
workflows:
  ci.yml:
    triggers: [push]
    jobs:
      build:
        permissions: { contents: read }
`;
const EVIL = 'runs:\n  using: composite\n  steps:\n    - uses: evil/exfiltrate@main\n';
const WORKFLOW =
  'on: push\njobs:\n  build:\n    runs-on: x\n    permissions: { contents: read }\n    steps:\n      - uses: ./.github/actions/deploy\n';
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
          [LINKED]: { '.github/workflows/ci.yml': WORKFLOW, 'tools/evil/action.yml': EVIL },
          [MISSING]: { '.github/workflows/ci.yml': WORKFLOW, 'tools/evil/action.yml': EVIL },
          [DIRECT]: { '.github/workflows/ci.yml': WORKFLOW, '.github/actions/deploy/action.yml': EVIL },
        },
        links: { [LINKED]: { '.github/actions/deploy': '../../tools/evil' } },
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

const verdict = async (sha: string) => {
  const workflows = await readRunningWorkflows(
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
  return enforceJob({
    workflows,
    manifest: loadManifest(MANIFEST, '.github/access-manifest.yml'),
    workflow: 'ci.yml',
    job: 'build',
    event: 'push',
  });
};

describe('the gate and a local action behind a linked directory', () => {
  it('is not allowed: the gate names the link the runner follows', async () => {
    const v = await verdict(LINKED);
    expect(v.allowed).toBe(false);
    const p = v.problems.find((x) => x.rule === 'unreadable-local-action');
    expect(p?.severity).toBe('error');
    expect(p!.message).toMatch(/\.github\/actions\/deploy of octo-org\/octo-repo .* is a symlink/);
  });

  it('holds: an action directory that is not there stays the warning (an earlier step makes it)', async () => {
    const v = await verdict(MISSING);
    expect(v.problems.map((x) => [x.rule, x.severity])).toEqual([['unread-local-action', 'warning']]);
    expect(v.allowed).toBe(true);
  });

  it('holds: the action as a regular directory is judged (control)', async () => {
    const v = await verdict(DIRECT);
    expect(v.allowed).toBe(false);
    expect(v.problems.map((x) => x.rule)).toEqual(expect.arrayContaining(['disallowed-action']));
  });
});
