/**
 * Session 21: the approval label approves the widening the comment showed (session 6's digest), but a
 * comment cut at GitHub's 65,536-character limit shows only the widened rows that fit. A pull request
 * that adds a hundred harmless-looking widened jobs in files that sort first (`a000.yml` …) pushes the
 * one that matters (a secret in `z-release.yml`) past the cut; the maintainer reads the comment,
 * applies the label, and the run passed `fail-on: widened` with a widened row nobody could see. Now
 * no label approves a widening the comment could not show (as for "cannot judge"): the run fails and
 * says how many widened rows were cut and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../shared/diff/diff.js';
import { renderDiffMarkdown, widenedNotShown } from '../../shared/diff/render.js';
import type { StartedStandin } from '../../shared/standins/github-api.js';
import type { PullRequestState } from '../../shared/standins/github-pr-routes.js';
import type { StandinPullRequest } from '../../shared/standins/github-pulls-routes.js';
import { runAction } from '../support/action-runner.js';
import { startPullRequestStandin } from '../support/pr-standin.js';

const row = (i: number, effect: Change['effect'] = 'widened'): Change => ({
  workflow: `a${String(i).padStart(3, '0')}.yml`,
  job: 'j'.repeat(90),
  kind: 'job',
  subject: 'job',
  before: null,
  after: `permissions: ${'x'.repeat(400)}`,
  effect,
});

describe('widenedNotShown counts the widened rows a cut comment left out', () => {
  it('none when everything fits, folded rows included', () => {
    const changes = Array.from({ length: 40 }, (_, i) => row(i));
    expect(widenedNotShown(changes, renderDiffMarkdown(changes))).toBe(0);
  });
  it('every widened row past the cut, however many narrowed rows were cut too', () => {
    const changes = [
      ...Array.from({ length: 300 }, (_, i) => row(i)),
      ...Array.from({ length: 50 }, (_, i) => row(i, 'narrowed')),
    ];
    const body = renderDiffMarkdown(changes);
    const hidden = widenedNotShown(changes, body);
    expect(hidden).toBeGreaterThan(0);
    expect(body).toContain(`**${hidden} of 300 widened**`);
  });
});

const BASE = '1'.repeat(40);
const HEAD = '2'.repeat(40);
const job = (perm: string, extra = '') =>
  `on: [push]\njobs:\n  ${'j'.repeat(90)}:\n    permissions: { contents: ${perm} }\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${extra}\n`;
const flood: Record<string, string> = {};
for (let i = 0; i < 160; i++) flood[`.github/workflows/a${String(i).padStart(3, '0')}.yml`] = job('read');

let gh: StartedStandin;
let state: PullRequestState;
const pulls: StandinPullRequest[] = [];
const dir = mkdtempSync(join(tmpdir(), 'sw-s21-cut-'));

beforeAll(async () => {
  state = {
    owner: 'octo-org',
    repo: 'octo-repo',
    trees: {
      [BASE]: { '.github/workflows/z-release.yml': job('read') },
      [HEAD]: { ...flood, '.github/workflows/z-release.yml': job('read', '${{ secrets.NPM_TOKEN }}') },
    },
    comments: {},
    labels: { 5: [] },
    tokens: { 'bot-token': { login: 'github-actions[bot]', bot: true } },
  };
  gh = await startPullRequestStandin(state, pulls);
  pulls.push({
    number: 5,
    base: { owner: 'octo-org', name: 'octo-repo', id: 1, ownerId: 2, ref: 'main', sha: BASE },
    head: { owner: 'octo-org', name: 'octo-repo', id: 1, ownerId: 2, ref: 'feature', sha: HEAD },
  });
});
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('no label approves a widening the cut comment could not show', () => {
  it('the label is applied after the comment was read; the run still fails, naming the cut rows', async () => {
    const event = join(dir, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 5,
          base: { sha: BASE, repo: { full_name: 'octo-org/octo-repo' } },
          head: { sha: HEAD, ref: 'feature', repo: { owner: { login: 'octo-org' } } },
        },
      }),
    );
    const run = () =>
      runAction('actions/access-diff', {
        inputs: { token: 'bot-token', 'fail-on': 'widened' },
        env: {
          GITHUB_REPOSITORY: 'octo-org/octo-repo',
          GITHUB_API_URL: gh.url,
          GITHUB_EVENT_PATH: event,
          GITHUB_WORKSPACE: dir,
        },
      });
    expect((await run()).failed).toBe(true);
    const body = state.comments[5]!.at(-1)!.body;
    expect(body).toMatch(/Cut to stay under/);
    expect(body).not.toContain('NPM_TOKEN');
    state.labels[5] = ['access-approved'];
    const labelled = await run();
    expect(labelled.failed).toBe(true);
    expect(labelled.steps[0]!.stdout).toMatch(
      /widened change\(s\) are not shown whole in the comment \(rows cut/,
    );
  }, 90_000);
});
