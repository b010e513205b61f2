/**
 * Session 30 (docs/decisions.md "Attacking session 29's changes"): the gate refuses a `manifest-ref`
 * naming the run's own branch, any pull request ref or the run's own commit (head or merge), and
 * reads the default branch's manifest instead. A commit of the run's branch that is not its head was
 * not refused: the event's `before` (a push's previous head; `pull_request_target`'s `synchronize`:
 * the pull request's previous head, its author's commit) named by `manifest-ref: ${{
 * github.event.before }}` had the gate read a manifest the branch's author wrote at the commit
 * before, and pass a workflow that manifest widened. Now `before` is one of the run's own commits.
 * The real action (its sources through tsx) against the repository stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { runAction } from '../support/action-runner.js';
import { openApiValidator } from '../support/openapi-shapes.js';
import { y } from '../support/repo.js';

const TOKEN = 'ghs_enforceBeforeTokenNeverPrinted00003';
const HEAD = 'b'.repeat(40);
const BEFORE = 'f'.repeat(40);

const release = (contents: string) => y`
  name: release
  on:
    push:
  jobs:
    publish:
      permissions:
        contents: ${contents}
      steps:
        - uses: ./actions/enforce
        - run: make release
      runs-on: ubuntu-latest
`;
const GATE_ACTION =
  'name: enforce\nruns:\n  using: composite\n  steps:\n    - run: node dist/index.js action enforce\n      shell: bash\n';
const manifest = (contents: string) => y`
  version: 1
  workflows:
    release.yml:
      triggers: [push]
      jobs:
        publish:
          permissions: { contents: ${contents} }
`;

let gh: StartedStandin;
const dir = mkdtempSync(join(tmpdir(), 'sw-s30-before-'));

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
          main: { '.github/access-manifest.yml': manifest('read') },
          // The branch's previous head: its author widened the manifest with the workflow.
          [BEFORE]: {
            '.github/access-manifest.yml': manifest('write'),
            '.github/workflows/release.yml': release('write'),
            'actions/enforce/action.yml': GATE_ACTION,
          },
          [HEAD]: {
            '.github/workflows/release.yml': release('write'),
            'actions/enforce/action.yml': GATE_ACTION,
          },
        },
      },
    ],
    tokens: { [TOKEN]: { repositories: ['octo-org/octo-repo'], contents: 'read' } },
  };
  let url = '';
  gh = await startGithubStandin({ validate: openApiValidator(), routes: githubRepoRoutes(state, () => url) });
  url = gh.url;
}, 60_000);
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
});

function env(event: string, payload: Record<string, unknown>) {
  const file = join(dir, `ev-${event}.json`);
  writeFileSync(
    file,
    JSON.stringify({ ...payload, repository: { full_name: 'octo-org/octo-repo', default_branch: 'main' } }),
  );
  return {
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_ID: '100001',
    GITHUB_REPOSITORY_OWNER_ID: '200001',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/feature',
    GITHUB_WORKFLOW_SHA: HEAD,
    GITHUB_SHA: HEAD,
    GITHUB_REF: 'refs/heads/feature',
    GITHUB_JOB: 'publish',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: file,
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: '4243',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
  };
}

describe('actions/enforce: manifest-ref naming the run’s previous head', () => {
  it('the push’s `before` (full or short) is refused with a warning; the default branch’s manifest denies', async () => {
    for (const ref of [BEFORE, BEFORE.slice(0, 12)]) {
      const r = await runAction('actions/enforce', {
        inputs: { 'manifest-ref': ref },
        env: env('push', { ref: 'refs/heads/feature', before: BEFORE, after: HEAD }),
        github: { token: TOKEN },
      });
      const out = r.steps[0]!.stdout;
      expect(out).toMatch(
        new RegExp(
          `^::warning::manifest-ref '${ref}' is the run's own branch, pull request ref or commit: `,
          'm',
        ),
      );
      expect(out).toMatch(/on 'main' \(the default branch\)/);
      expect(r.outputs.verdict).toBe('denied');
    }
  }, 240_000);

  it('control: a commit the run does not name is read as given (the manifest there allows)', async () => {
    const r = await runAction('actions/enforce', {
      inputs: { 'manifest-ref': BEFORE },
      env: env('push', { ref: 'refs/heads/feature', before: '0'.repeat(40), after: HEAD }),
      github: { token: TOKEN },
    });
    expect(r.steps[0]!.stdout).not.toMatch(/^::warning::manifest-ref/m);
    expect(r.outputs.verdict).toBe('allowed');
  }, 120_000);
});
