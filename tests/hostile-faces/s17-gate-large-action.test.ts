/**
 * Session 17: the gate reads a job's local composite actions through the contents API, which leaves
 * `content` empty (encoding `none`) for a file over 1 MB. The gate took such an action.yml for "no
 * action file here" (as if an earlier step made it), added an `unread-local-action` warning and
 * allowed the job, while the runner reads action files up to 10 MiB and ran `uses: evil/x@main`
 * inside it. An action file the repository holds but the gate cannot read is now
 * `unreadable-local-action`, an error: the gate denies. Seen failing before the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readRunningWorkflows } from '../../shared/enforce/github-source.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { octokit } from '../../shared/github/octokit.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const SHA = 'a'.repeat(40);
const SMALL = 'b'.repeat(40);
const TOKEN = 'ghs_s17_large_action_token';
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
const files = (action: string): Record<string, string> => ({
  '.github/workflows/ci.yml':
    'on: push\njobs:\n  build:\n    runs-on: x\n    permissions: { contents: read }\n    steps:\n      - uses: ./.github/actions/deploy\n',
  '.github/actions/deploy/action.yml': action,
});
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
          // 1.2 MB: over the contents API's 1 MB, well under the runner's 10 MiB.
          [SHA]: files(`${EVIL}${'# padding\n'.repeat(120_000)}`),
          [SMALL]: files(EVIL),
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

describe('the gate and a local action file over the contents API limit', () => {
  it('is not allowed: the file is there, the gate cannot read it, the runner runs it', async () => {
    const v = await verdict(SHA);
    expect(v.allowed).toBe(false);
    const p = v.problems.find((x) => x.rule === 'unreadable-local-action');
    expect(p).toBeDefined();
    expect(p!.message).toMatch(/\.github\/actions\/deploy\/action\.yml.*too large/);
    expect(p!.severity).toBe('error');
  });

  it('the same action read in full is judged as before (control)', async () => {
    const v = await verdict(SMALL);
    expect(v.allowed).toBe(false);
    expect(v.problems.map((x) => x.rule)).toEqual(
      expect.arrayContaining(['disallowed-action', 'unpinned-action']),
    );
    expect(v.problems.map((x) => x.rule)).not.toContain('unreadable-local-action');
  });
});
