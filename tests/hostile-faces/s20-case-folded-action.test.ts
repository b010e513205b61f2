/**
 * Session 20, found while attacking the gate's directory look-ups (left open, see docs/decisions.md
 * "Attacking session 19's faces changes"): a local action named in another case than the repository
 * holds it (`uses: ./TOOLS/EVIL` beside `tools/evil/action.yml`). The contents API, the git tree and a
 * Linux checkout are case-sensitive, so every face reads a missing action (one an earlier step makes:
 * unread-local-action, a warning) and the gate allows the job; a macOS or Windows runner's file system
 * is case-insensitive by default, so the runner there finds and runs `tools/evil`. Fixed in session 21
 * (shared/workflow/case-fold.ts; the check's and the diff's halves: s21-case-folded-action).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readRunningWorkflows } from '../../shared/enforce/github-source.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { octokit } from '../../shared/github/octokit.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const SHA = 'd'.repeat(40);
const TOKEN = 'ghs_s20_case_folded_token';
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
  'on: push\njobs:\n  build:\n    runs-on: macos-latest\n    permissions: { contents: read }\n    steps:\n      - uses: ./TOOLS/EVIL\n';
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
        refs: { main: {}, [SHA]: { '.github/workflows/ci.yml': WORKFLOW, 'tools/evil/action.yml': EVIL } },
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

describe('a local action named in another case (session 20, fixed in session 21)', () => {
  it('the gate should not allow what a macOS runner resolves to tools/evil', async () => {
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
    const v = enforceJob({
      workflows,
      manifest: loadManifest(MANIFEST, '.github/access-manifest.yml'),
      workflow: 'ci.yml',
      job: 'build',
      event: 'push',
    });
    expect(v.allowed).toBe(false);
    expect(JSON.stringify(v)).toMatch(/unreadable-local-action/);
    expect(JSON.stringify(v)).toMatch(/holds tools, not TOOLS: the names differ only in case/);
  });
});
