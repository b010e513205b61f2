import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartedStandin } from '../../shared/standins/github-api.js';
import type { PullRequestState } from '../../shared/standins/github-pr-routes.js';
import type { StandinPullRequest } from '../../shared/standins/github-pulls-routes.js';
import { MARKER } from '../../shared/diff/render.js';
import { runAction } from '../support/action-runner.js';
import { startPullRequestStandin } from '../support/pr-standin.js';

const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const HEAD2 = 'd'.repeat(40);
const ci = (perm: string, extra = '') =>
  `on: [push${extra}]\njobs:\n  build:\n    permissions: { contents: ${perm} }\n    steps:\n      - run: echo hi\n    runs-on: ubuntu-latest\n`;

let gh: StartedStandin;
let state: PullRequestState & { symlinks: Record<string, Record<string, string>> };
const pulls: StandinPullRequest[] = [];
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
    symlinks: {},
  };
  gh = await startPullRequestStandin(state, pulls);
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

const FORK_HEAD = 'e'.repeat(40);
const forkRun = (name: string, over: Record<string, unknown> = {}) =>
  event(name, {
    workflow_run: {
      head_sha: FORK_HEAD,
      head_branch: 'feature',
      head_repository: { full_name: 'mallory/octo-repo', owner: { login: 'mallory' } },
      // GitHub leaves this empty for pull requests from forks.
      pull_requests: [],
      ...over,
    },
  });
const repoRef = (owner: string, name: string, id: number) => ({ owner, name, id, ownerId: id + 1 });
const lastBody = () => botComments().at(-1)!.body;

describe('actions/access-diff: the two-stage pattern for forks', () => {
  beforeAll(() => {
    state.trees[FORK_HEAD] = { '.github/workflows/ci.yml': ci('write') };
    pulls.push({
      number: 5,
      base: { ...repoRef('octo-org', 'octo-repo', 1), ref: 'main', sha: BASE },
      head: { ...repoRef('mallory', 'octo-repo', 3), ref: 'feature', sha: FORK_HEAD },
    });
  });

  it("compute writes an artifact; post finds the fork's pull request by head repository and branch, recomputes, and comments", async () => {
    const computed = await runAction('actions/access-diff', {
      inputs: { token: 'fork-token', mode: 'compute', 'artifact-path': 'diff.json' },
      env: env(prEvent(FORK_HEAD)),
    });
    expect(computed.failed).toBe(false);
    const artifact = join(dir, 'diff.json');
    expect(JSON.parse(readFileSync(artifact, 'utf8')).headSha).toBe(FORK_HEAD);
    const before = gh.requests.length;
    const posted = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'diff.json' },
      env: env(forkRun('run')),
    });
    expect(posted.failed).toBe(false);
    expect(['created', 'updated']).toContain(posted.outputs.comment);
    expect(posted.outputs.widened).toBe('1');
    const seen = gh.requests.slice(before).map((q) => `${q.method} ${q.path}`);
    expect(seen).toContain('GET /repos/octo-org/octo-repo/pulls');
    expect(lastBody()).toMatch(/1 widened[\s\S]*contents/);
  }, 60_000);

  it('post refuses a tampered or foreign artifact', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ version: 1, headSha: FORK_HEAD, changes: [{ kind: 'x' }] }),
    );
    const bad = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'bad.json' },
      env: env(forkRun('run2')),
    });
    expect(bad.failed).toBe(true);
    expect(bad.steps[0]!.stdout).toMatch(/expected shape/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ version: 1, headSha: HEAD2, changes: [] }));
    const foreign = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'other.json' },
      env: env(forkRun('run3')),
    });
    expect(foreign.steps[0]!.stdout).toMatch(/another commit/);
  }, 60_000);

  it('post refuses an artifact of "no changes" for a head that widens, and posts the recomputed diff', async () => {
    writeFileSync(join(dir, 'liar.json'), JSON.stringify({ version: 1, headSha: FORK_HEAD, changes: [] }));
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'liar.json' },
      env: env(forkRun('run4')),
    });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.stdout).toMatch(
      /::error::the diff artifact does not match the diff recomputed from the pull request's commits \(artifact: 0 widened/,
    );
    expect(r.outputs.widened).toBe('1');
    expect(lastBody()).toMatch(/1 widened/);
  }, 60_000);

  it('post refuses a pull request that is not in this repository, or whose head is another commit', async () => {
    state.trees['f'.repeat(40)] = { '.github/workflows/ci.yml': ci('read') };
    pulls.push({
      number: 77,
      base: { ...repoRef('other-org', 'octo-repo', 9), ref: 'main', sha: BASE },
      head: { ...repoRef('mallory', 'octo-repo', 3), ref: 'elsewhere', sha: 'f'.repeat(40) },
    });
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ version: 1, headSha: 'f'.repeat(40), changes: [] }));
    const other = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'f.json' },
      env: env(forkRun('run5', { head_sha: 'f'.repeat(40), head_branch: 'elsewhere' })),
    });
    expect(other.failed).toBe(true);
    expect(other.steps[0]!.stdout).toMatch(
      /no open pull request of octo-org\/octo-repo has its head at f{40}/,
    );
    // The event's own pull_requests list is not trusted either: the lookup decides.
    const stale = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', mode: 'post', 'artifact-path': 'f.json' },
      env: env(forkRun('run6', { head_sha: 'f'.repeat(40), pull_requests: [{ number: 5 }] })),
    });
    expect(stale.failed).toBe(true);
    expect(stale.outputs.comment ?? '').toBe('');
  }, 60_000);
});

describe('actions/access-diff: what it cannot read is never dropped', () => {
  const json = JSON.stringify({
    on: 'push',
    jobs: { evil: { 'runs-on': 'x', permissions: 'write-all', steps: [{ uses: 'evil/action@main' }] } },
  });
  const big = `${ci('read')}# ${'x'.repeat(1024 * 1024)}\n`;
  const J = '1'.repeat(40);

  it('a JSON workflow, one over 1 MiB and a symbolic link are "cannot judge" rows that fail fail-on widened, even with the label', async () => {
    state.trees[J] = {
      '.github/workflows/ci.yml': ci('read'),
      '.github/workflows/json.yml': json,
      '.github/workflows/big.yml': big,
    };
    state.symlinks[J] = { '.github/workflows/linked.yml': '../../tools/evil.yml' };
    state.labels[5] = ['access-approved'];
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', 'fail-on': 'widened' },
      env: env(prEvent(J)),
    });
    state.labels[5] = [];
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.stdout).toMatch(/file\(s\) cannot be judged/);
    const body = lastBody();
    expect(body).toMatch(/### ⚠️ Cannot judge/);
    expect(body).toMatch(/big\.yml[\s\S]*larger than 1 MiB/);
    expect(body).toMatch(/linked\.yml[\s\S]*symbolic link/);
    // A JSON-written workflow is either judged for what it holds or, when the reader and a plain
    // parse disagree, a "cannot judge" row: never absent.
    expect(body).toMatch(/json\.yml/);
    expect(body).not.toMatch(/No access changes/);
    expect(Number(r.outputs['cannot-judge'])).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('the 501st and 502nd workflow files are "cannot judge", not dropped', async () => {
    const many: Record<string, string> = {};
    for (let i = 1; i <= 502; i++) many[`.github/workflows/w${String(i).padStart(3, '0')}.yml`] = ci('read');
    const M = '2'.repeat(40);
    state.trees[M] = many;
    const before = gh.requests.length;
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', 'fail-on': 'widened' },
      env: env(prEvent(M)),
    });
    expect(r.failed).toBe(true);
    expect(r.outputs['cannot-judge']).toBe('2');
    expect(lastBody()).toMatch(/w501\.yml[\s\S]*beyond the first 500 workflow files/);
    expect(lastBody()).toMatch(/w502\.yml/);
    // 502 identical files are one blob: two trees and two blobs (base ci.yml, the shared content).
    const reads = gh.requests.slice(before).filter((q) => q.path.includes('/git/'));
    expect(reads.length).toBeLessThanOrEqual(4);
  }, 60_000);

  it('a pull request of 1,000 files costs a handful of requests: one tree per side and a blob per distinct workflow', async () => {
    const files = (perm: string): Record<string, string> => {
      const out: Record<string, string> = {
        '.github/workflows/ci.yml': ci(perm),
        '.github/workflows/lint.yml': ci('read', ', pull_request'),
      };
      for (let i = 0; i < 998; i++) out[`src/file${i}.ts`] = `export const n${i} = ${i};\n`;
      return out;
    };
    const B = '3'.repeat(40);
    const H = '4'.repeat(40);
    state.trees[B] = files('read');
    state.trees[H] = files('write');
    const payload = {
      pull_request: {
        number: 5,
        base: { sha: B, repo: { full_name: 'octo-org/octo-repo' } },
        head: { sha: H },
      },
    };
    const before = gh.requests.length;
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: env(event('thousand', payload)),
    });
    expect(r.failed).toBe(false);
    expect(r.outputs.widened).toBe('1');
    const data = gh.requests
      .slice(before)
      .filter((q) => q.path.includes('/git/') || q.path.includes('/contents'));
    expect(data.filter((q) => q.path.includes('/contents'))).toEqual([]);
    expect(data.filter((q) => q.path.includes('/git/trees/'))).toHaveLength(2);
    // ci.yml differs (2 blobs), lint.yml is the same blob on both sides (1).
    expect(data.filter((q) => q.path.includes('/git/blobs/'))).toHaveLength(3);
  }, 60_000);

  it('an invalid head manifest is "cannot judge" with its reason and exit 2, never "everything narrowed"', async () => {
    const manifest =
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      build:\n        permissions: { contents: read }\n';
    const V = '5'.repeat(40);
    const W = '6'.repeat(40);
    state.trees[V] = { '.github/workflows/ci.yml': ci('read'), '.github/access-manifest.yml': manifest };
    state.trees[W] = {
      '.github/workflows/ci.yml': ci('read'),
      '.github/access-manifest.yml': manifest.replace('jobs:', 'jobz:'),
    };
    const payload = {
      pull_request: {
        number: 5,
        base: { sha: V, repo: { full_name: 'octo-org/octo-repo' } },
        head: { sha: W },
      },
    };
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: env(event('badm', payload)),
    });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.exitCode).toBe(2);
    expect(r.steps[0]!.stdout).toMatch(/::error::cannot judge this pull request/);
    const body = lastBody();
    expect(body).toMatch(/Cannot judge[\s\S]*access-manifest\.yml[\s\S]*jobz/);
    expect(body).not.toMatch(/Narrowed/);
    expect(r.outputs.narrowed).toBe('0');
  }, 60_000);

  it('turning require-pinned-actions off, and dropping a forbidden trigger from the organization policy, are widened with their lines', async () => {
    const m = (policy: string) =>
      `version: 1\npolicy:\n${policy}workflows:\n  ci.yml:\n    jobs:\n      build:\n        permissions: { contents: read }\n`;
    const org = (triggers: string) => `version: 1\nforbidden-triggers: [${triggers}]\n`;
    const P = '7'.repeat(40);
    const Q = '8'.repeat(40);
    state.trees[P] = {
      '.github/workflows/ci.yml': ci('read'),
      '.github/access-manifest.yml': m('  require-pinned-actions: true\n'),
      'stepwarden/org-policy.yml': org('pull_request_target, workflow_run'),
    };
    state.trees[Q] = {
      '.github/workflows/ci.yml': ci('read'),
      '.github/access-manifest.yml': m('  require-pinned-actions: false\n'),
      'stepwarden/org-policy.yml': org('workflow_run'),
    };
    const payload = {
      pull_request: {
        number: 5,
        base: { sha: P, repo: { full_name: 'octo-org/octo-repo' } },
        head: { sha: Q },
      },
    };
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', 'fail-on': 'widened', 'org-policy': 'stepwarden/org-policy.yml' },
      env: env(event('policy', payload)),
    });
    expect(r.failed).toBe(true);
    expect(r.outputs.widened).toBe('2');
    const body = lastBody();
    expect(body).toMatch(/policy\.require\\?-pinned\\?-actions[\s\S]*access\\?-manifest\.yml:3/);
    expect(body).toMatch(/forbidden\\?-triggers: pull\\?_request\\?_target[\s\S]*org\\?-policy\.yml:2/);
  }, 60_000);

  it('refuses an org-policy input that is not a path in this repository, before reading anything', async () => {
    const before = gh.requests.length;
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token', 'org-policy': 'octo-org/.github:stepwarden/org-policy.yml' },
      env: env(prEvent(HEAD)),
    });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.stdout).toMatch(/::error::org-policy takes a path in this repository/);
    expect(gh.requests.length).toBe(before);
  }, 60_000);
});
