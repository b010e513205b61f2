/**
 * Session 20, attacking session 19's directory look-ups of the gate (github-source.ts actionFile):
 * on 404 for both action files the gate asks for the action's directory and each one above it, each
 * against the 50-file budget, and asked again for every missing action. A workflow running a dozen
 * actions an earlier step makes under `.github/actions/` (a generator, a checkout of a tools
 * repository) spent 5 look-ups each where it spent 2 before session 19: past the budget, the gate
 * refused a job it judged before (cannot judge). A directory's kind is asked once per run now; a link
 * is still refused and the budget still holds against a workflow that asks for more.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_ACTION_FILES, readRunningWorkflows } from '../../shared/enforce/github-source.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { octokit } from '../../shared/github/octokit.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const GENERATED = 'a'.repeat(40);
const LINKED = 'b'.repeat(40);
const TOO_MANY = 'c'.repeat(40);
const TOKEN = 'ghs_s20_gate_budget_token';
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
const OK_ACTION = 'runs:\n  using: composite\n  steps:\n    - run: echo ok\n      shell: bash\n';
const EVIL = 'runs:\n  using: composite\n  steps:\n    - uses: evil/exfiltrate@main\n';
const workflow = (dirs: string[]) =>
  'on: push\njobs:\n  build:\n    runs-on: x\n    permissions: { contents: read }\n    steps:\n' +
  '      - uses: ./.github/actions/real\n' +
  dirs.map((d) => `      - uses: ./${d}\n`).join('');
/** Twelve actions an earlier step makes, each under a directory that is there. */
const made = Array.from({ length: 12 }, (_, i) => `.github/actions/generated/gen-${i}`);
let gh: StartedStandin;

beforeAll(async () => {
  const base = { '.github/actions/real/action.yml': OK_ACTION, '.github/actions/generated/README.md': 'x' };
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
          [GENERATED]: { ...base, '.github/workflows/ci.yml': workflow(made) },
          [LINKED]: {
            ...base,
            '.github/workflows/ci.yml': workflow([...made, '.github/actions/linked/deploy']),
            'tools/evil/action.yml': EVIL,
          },
          [TOO_MANY]: {
            ...base,
            '.github/workflows/ci.yml': workflow(
              Array.from({ length: MAX_ACTION_FILES }, (_, i) => `.github/actions/generated/gen-${i}`),
            ),
          },
        },
        links: { [LINKED]: { '.github/actions/linked': '../../tools' } },
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
const verdict = async (sha: string) =>
  enforceJob({
    workflows: await read(sha),
    manifest: loadManifest(MANIFEST, '.github/access-manifest.yml'),
    workflow: 'ci.yml',
    job: 'build',
    event: 'push',
  });

describe("the gate's directory look-ups and its budget", () => {
  it('a dozen actions an earlier step makes, under a directory that is there: judged, allowed with warnings', async () => {
    const v = await verdict(GENERATED);
    expect(new Set(v.problems.map((p) => [p.rule, p.severity].join(' ')))).toEqual(
      new Set(['unread-local-action warning']),
    );
    expect(v.allowed).toBe(true);
  });

  it('holds: a link beside them is still refused, naming it', async () => {
    const v = await verdict(LINKED);
    expect(v.allowed).toBe(false);
    const p = v.problems.find((x) => x.rule === 'unreadable-local-action');
    expect(p?.message).toMatch(/\.github\/actions\/linked of octo-org\/octo-repo .* is a symlink/);
  });

  it('holds: more missing actions than the budget is still "cannot judge"', async () => {
    await expect(read(TOO_MANY)).rejects.toThrow(/more local action files than the gate reads/);
  });
});
