/**
 * Session 34 (w-rfaces): actions/enforce's annotations and its failure message are shown in GitHub's
 * UI (the check run, the job's annotations), and carried a workflow value's bidirectional controls
 * raw: a job entering `environment: "prod\u202enoitc"` was denied with an annotation reading "uses
 * environment 'production'". The log line (renderVerdict, `oneLine`) wrote it out already; the
 * annotations now do too (escape.ts `visibleText`). Failed at 410fed0. Runs the gate's composite action
 * against the GitHub stand-in, as tests/actions/enforce does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { runAction } from '../support/action-runner.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const TOKEN = 'ghs_s34EnforceInvisibleNeverPrinted01';
const SHA = '3'.repeat(40);
const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const MANIFEST =
  'version: 1\nworkflows:\n  release.yml:\n    triggers: [push]\n    jobs:\n      publish:\n        permissions: { contents: read }\n';
const WORKFLOW =
  'on: push\njobs:\n  publish:\n    permissions: { contents: read }\n    environment: "prod\\u202enoitc"\n    steps:\n      - uses: ./actions/enforce\n    runs-on: ubuntu-latest\n';
const GATE_ACTION =
  'name: enforce\nruns:\n  using: composite\n  steps:\n    - run: node dist/index.js action enforce\n      shell: bash\n';

let gh: StartedStandin;
const dir = mkdtempSync(join(tmpdir(), 'sw-s34-enforce-'));

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
          main: { '.github/access-manifest.yml': MANIFEST },
          [SHA]: { '.github/workflows/release.yml': WORKFLOW, 'actions/enforce/action.yml': GATE_ACTION },
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
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('actions/enforce shows a workflow value as written', () => {
  for (const mode of ['enforce', 'audit'])
    it(`mode ${mode}: its annotations and failure hold no bidirectional control`, async () => {
      const event = join(dir, `ev-${mode}.json`);
      writeFileSync(
        event,
        JSON.stringify({
          ref: 'refs/heads/main',
          repository: { full_name: 'octo-org/octo-repo', default_branch: 'main' },
        }),
      );
      const r = await runAction('actions/enforce', {
        inputs: { mode },
        github: { token: TOKEN },
        env: {
          GITHUB_REPOSITORY: 'octo-org/octo-repo',
          GITHUB_REPOSITORY_ID: '100001',
          GITHUB_REPOSITORY_OWNER_ID: '200001',
          GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
          GITHUB_WORKFLOW_SHA: SHA,
          GITHUB_SHA: SHA,
          GITHUB_REF: 'refs/heads/main',
          GITHUB_JOB: 'publish',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_EVENT_PATH: event,
          GITHUB_API_URL: gh.url,
          GITHUB_RUN_ID: '4343',
          GITHUB_RUN_ATTEMPT: '1',
          GITHUB_ACTOR: 'octocat',
        },
      });
      expect(r.outputs.verdict).toBe('denied');
      expect(r.failed).toBe(mode === 'enforce');
      const commands = r.steps
        .flatMap((s) => s.stdout.split('\n'))
        .filter((l) => /^::(error|warning|notice)/.test(l));
      // The undeclared-environment annotation and the job's failure (or audit-mode warning).
      expect(commands.length).toBeGreaterThanOrEqual(2);
      for (const l of commands) expect(l).not.toMatch(HIDDEN);
      expect(commands.join('\n')).toContain("'prod\\u202enoitc'");
      expect(r.leaks).toEqual([]);
    }, 240_000);
});
