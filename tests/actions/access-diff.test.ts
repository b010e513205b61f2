import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubPullRequestRoutes, type PullRequestState } from '../../shared/standins/github-pr-routes.js';
import { MARKER } from '../../shared/diff/render.js';
import { runAction } from '../support/action-runner.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const HEAD2 = 'd'.repeat(40);
const ci = (perm: string, extra = '') =>
  `on: [push${extra}]\njobs:\n  build:\n    permissions: { contents: ${perm} }\n    steps:\n      - run: echo hi\n`;

let gh: StartedStandin;
let state: PullRequestState;
const dir = mkdtempSync(join(tmpdir(), 'sw-ad-'));

beforeAll(async () => {
  state = {
    owner: 'octo-org',
    repo: 'octo-repo',
    trees: {
      [BASE]: { '.github/workflows/ci.yml': ci('read') },
      [HEAD]: { '.github/workflows/ci.yml': ci('write', ', pull_request_target') },
      [HEAD2]: { '.github/workflows/ci.yml': ci('read') },
    },
    comments: {
      5: [
        {
          id: 1,
          node_id: 'IC_user',
          body: `${MARKER}\nI am a user pretending to be the bot`,
          author: 'mallory',
          minimized: false,
        },
      ],
    },
    labels: { 5: [] },
    tokens: {
      'bot-token': { login: 'github-actions[bot]', bot: true },
      'fork-token': { login: 'github-actions[bot]', bot: true, readOnly: true },
    },
  };
  let url = '';
  gh = await startGithubStandin({
    validate: openApiValidator(),
    routes: githubPullRequestRoutes(state, () => url),
  });
  url = gh.url;
});
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
});

function event(name: string, payload: unknown): string {
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(payload));
  return p;
}
const prEvent = (head: string) =>
  event(`pr-${head.slice(0, 4)}`, {
    pull_request: {
      number: 5,
      base: { sha: BASE, repo: { full_name: 'octo-org/octo-repo' } },
      head: { sha: head },
    },
  });
const env = (eventPath: string) => ({
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_API_URL: gh.url,
  GITHUB_EVENT_PATH: eventPath,
  GITHUB_WORKSPACE: dir,
});
const botComments = () => state.comments[5]!.filter((c) => c.author === 'github-actions[bot]');

describe('actions/access-diff: the comment life cycle', () => {
  it('creates one comment with widened access first, and writes the job summary', async () => {
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: env(prEvent(HEAD)),
    });
    expect(r.failed).toBe(false);
    expect(r.outputs.comment).toBe('created');
    expect(r.outputs.widened).toBe('2');
    expect(botComments()).toHaveLength(1);
    expect(botComments()[0]!.body).toMatch(/2 widened[\s\S]*pull\\?_request\\?_target[\s\S]*contents/);
    expect(botComments()[0]!.body).toContain(
      `https://github.com/octo-org/octo-repo/blob/${HEAD}/.github/workflows/ci.yml`,
    );
    expect(r.summary).toContain('stepwarden access diff');
    expect(r.leaks).toEqual([]);
    // The user's comment with the marker was not touched.
    expect(state.comments[5]![0]!.body).toMatch(/pretending/);
  }, 60_000);

  it('updates the same comment in place on the next push', async () => {
    state.trees[HEAD] = { '.github/workflows/ci.yml': ci('write') };
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: env(prEvent(HEAD)),
    });
    expect(r.outputs.comment).toBe('updated');
    expect(botComments()).toHaveLength(1);
    expect(botComments()[0]!.body).not.toMatch(/pull\\?_request\\?_target/);
  }, 60_000);

  it('marks the comment resolved and minimizes it when the diff becomes empty; minimizes stale duplicates', async () => {
    state.comments[5]!.splice(1, 0, {
      id: 2,
      node_id: 'IC_old',
      body: `${MARKER}\nold`,
      author: 'github-actions[bot]',
      minimized: false,
    });
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: env(prEvent(HEAD2)),
    });
    expect(r.outputs.comment).toBe('resolved');
    expect(state.comments[5]!.find((c) => c.id === 2)!.minimized).toBe(true);
    const current = botComments().at(-1)!;
    expect(current.body).toMatch(/Resolved/);
    expect(current.minimized).toBe(true);
    expect(state.comments[5]![0]!.minimized).toBe(false);
  }, 60_000);

  it('says in the job summary why a read-only (fork) token could not comment', async () => {
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'fork-token' },
      env: env(prEvent(HEAD)),
    });
    expect(r.outputs.comment).toBe('not-posted');
    expect(r.summary).toMatch(/could not be posted: .*read\\?-only/);
  }, 60_000);

  it('fail-on widened fails without the approve label and passes with it', async () => {
    const denied = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', 'fail-on': 'widened' },
      env: env(prEvent(HEAD)),
    });
    expect(denied.failed).toBe(true);
    expect(denied.steps[0]!.stdout).toMatch(/without the 'access-approved' label/);
    state.labels[5] = ['access-approved'];
    const approved = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', 'fail-on': 'widened' },
      env: env(prEvent(HEAD)),
    });
    expect(approved.failed).toBe(false);
    state.labels[5] = [];
  }, 60_000);
});

describe('actions/access-diff: the two-stage pattern for forks', () => {
  it('compute writes an artifact; post (workflow_run) validates it and comments', async () => {
    const computed = await runAction('actions/access-diff', {
      inputs: { token: 'fork-token', mode: 'compute', 'artifact-path': 'diff.json' },
      env: env(prEvent(HEAD)),
    });
    expect(computed.failed).toBe(false);
    const artifact = join(dir, 'diff.json');
    expect(JSON.parse(readFileSync(artifact, 'utf8')).headSha).toBe(HEAD);
    const run = event('run', { workflow_run: { head_sha: HEAD, pull_requests: [{ number: 5 }] } });
    const posted = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'diff.json' },
      env: env(run),
    });
    expect(['created', 'updated']).toContain(posted.outputs.comment);
  }, 60_000);

  it('post refuses a tampered or foreign artifact', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ version: 1, headSha: HEAD, changes: [{ kind: 'x' }] }),
    );
    const run = event('run2', { workflow_run: { head_sha: HEAD, pull_requests: [{ number: 5 }] } });
    const bad = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'bad.json' },
      env: env(run),
    });
    expect(bad.failed).toBe(true);
    expect(bad.steps[0]!.stdout).toMatch(/expected shape/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ version: 1, headSha: HEAD2, changes: [] }));
    const foreign = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'other.json' },
      env: env(run),
    });
    expect(foreign.steps[0]!.stdout).toMatch(/another commit/);
  }, 60_000);
});
