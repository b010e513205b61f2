/**
 * Session 6 hostile review of the access-diff comment: what a reviewer reads must be the diff of the
 * pull request's current head, whole or with a visible note of what is missing, and the bot's own
 * comment must be found among hundreds. Through the real action and the GitHub REST stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../shared/diff/diff.js';
import { MARKER, renderDiffMarkdown } from '../../shared/diff/render.js';
import type { StartedStandin } from '../../shared/standins/github-api.js';
import type { PullRequestState, StandinComment } from '../../shared/standins/github-pr-routes.js';
import type { StandinPullRequest } from '../../shared/standins/github-pulls-routes.js';
import { runAction } from '../support/action-runner.js';
import { startPullRequestStandin } from '../support/pr-standin.js';

const widened = (n: number, over: Partial<Change> = {}): Change[] =>
  Array.from({ length: n }, (_, i) => ({
    workflow: `w${i}.yml`,
    job: 'j',
    kind: 'secret',
    subject: `SECRET_${i}`,
    before: null,
    after: `SECRET_${i}`,
    effect: 'widened',
    ...over,
  }));

describe('a comment cut under the 65,536-character limit says what it left out, where it can be seen', () => {
  it('the note is not folded inside an unclosed <details>, and counts the widened changes not listed', () => {
    const changes = [...widened(3000), ...widened(40, { effect: 'narrowed', subject: 'OLD' })];
    const md = renderDiffMarkdown(changes, { headSha: 'c'.repeat(40) });
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md.startsWith(MARKER)).toBe(true);
    const note = md.indexOf('Cut to stay under');
    expect(note).toBeGreaterThan(0);
    const before = md.slice(0, note);
    // Every <details> opened before the note is closed before it.
    expect((before.match(/<details>/g) ?? []).length).toBe((before.match(/<\/details>/g) ?? []).length);
    const m = /\*\*(\d+) of 3000 widened\*\* and (\d+) of 40 narrowed/.exec(md);
    expect(m).not.toBeNull();
    const listed = (md.match(/<code>SECRET\\_\d+<\/code> \| — →/g) ?? []).length;
    expect(Number(m![1]) + listed).toBe(3000);
    expect(Number(m![2])).toBe(40);
  });
  it('rows whose values are larger than the whole comment are clipped, not cut away', () => {
    const md = renderDiffMarkdown(widened(2, { after: 'x'.repeat(80_000) }));
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toMatch(/\*\*2 widened\*\*/);
    expect(md).toContain('<code>SECRET\\_1</code>');
    expect(md).not.toMatch(/Cut to stay/);
  });
  it('names the head commit it is the diff of', () => {
    expect(renderDiffMarkdown(widened(1), { headSha: 'abcdef0123456789'.padEnd(40, '0') })).toMatch(
      /at <code>abcdef012345<\/code>/,
    );
  });
});

const BASE = '1'.repeat(40);
const OLD = '2'.repeat(40);
const NEW = '3'.repeat(40);
const ci = (perm: string) =>
  `on: [push]\njobs:\n  build:\n    permissions: { contents: ${perm} }\n    steps:\n      - run: echo hi\n    runs-on: ubuntu-latest\n`;
const repoRef = (owner: string, name: string, id: number) => ({ owner, name, id, ownerId: id + 1 });

let gh: StartedStandin;
let state: PullRequestState;
const pulls: StandinPullRequest[] = [];
const dir = mkdtempSync(join(tmpdir(), 'sw-s6-ad-'));

beforeAll(async () => {
  state = {
    owner: 'octo-org',
    repo: 'octo-repo',
    trees: {
      [BASE]: { '.github/workflows/ci.yml': ci('read') },
      [OLD]: { '.github/workflows/ci.yml': ci('read') },
      [NEW]: { '.github/workflows/ci.yml': ci('write') },
    },
    comments: {},
    labels: { 7: [], 8: [] },
    tokens: { 'bot-token': { login: 'github-actions[bot]', bot: true } },
  };
  gh = await startPullRequestStandin(state, pulls);
});
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
});

let events = 0;
function prEvent(number: number, head: string): Record<string, string> {
  const p = join(dir, `event-${events++}.json`);
  writeFileSync(
    p,
    JSON.stringify({
      pull_request: {
        number,
        base: { sha: BASE, repo: { full_name: 'octo-org/octo-repo' } },
        head: { sha: head, ref: 'feature', repo: { owner: { login: 'octo-org' } } },
      },
    }),
  );
  return {
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_API_URL: gh.url,
    GITHUB_EVENT_PATH: p,
    GITHUB_WORKSPACE: dir,
  };
}
const comment = (id: number, author: string, body: string): StandinComment => ({
  id,
  node_id: `IC_${id}`,
  body,
  author,
  minimized: false,
});

describe('two runs of one pull request race: the older commit never overwrites the newer diff', () => {
  it("a run for a commit the pull request has moved past does not write 'Resolved' over the widening", async () => {
    pulls.push({
      number: 7,
      base: { ...repoRef('octo-org', 'octo-repo', 1), ref: 'main', sha: BASE },
      head: { ...repoRef('octo-org', 'octo-repo', 1), ref: 'feature', sha: NEW },
    });
    const newer = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: prEvent(7, NEW),
    });
    expect(newer.outputs.comment).toBe('created');
    const posted = state.comments[7]![0]!;
    expect(posted.body).toMatch(/1 widened/);
    const bodyBefore = posted.body;
    // The run of the earlier push (no access change) finishes last.
    const older = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: prEvent(7, OLD),
    });
    expect(older.outputs.comment).toBe('not-posted');
    expect(older.summary).toMatch(/moved on to 333333333333/);
    expect(state.comments[7]).toHaveLength(1);
    expect(posted.body).toBe(bodyBefore);
    expect(posted.minimized).toBe(false);
  }, 60_000);
});

describe('pagination: the bot finds its own comment among hundreds', () => {
  it('updates its comment on page 1 and minimizes an older duplicate, behind 250 other comments', async () => {
    pulls.push({
      number: 8,
      base: { ...repoRef('octo-org', 'octo-repo', 1), ref: 'main', sha: BASE },
      head: { ...repoRef('octo-org', 'octo-repo', 1), ref: 'feature', sha: NEW },
    });
    const list: StandinComment[] = [];
    for (let i = 0; i < 260; i++) list.push(comment(50_000 + i, `user${i % 7}`, `comment ${i}`));
    // An old duplicate on page 1, the current one on page 3, a user's copy of the marker after both.
    list[3] = comment(60_001, 'github-actions[bot]', `${MARKER}\nold`);
    list[230] = comment(60_002, 'github-actions[bot]', `${MARKER}\ncurrent`);
    list[255] = comment(60_003, 'mallory', `${MARKER}\nforged by a user`);
    state.comments[8] = list;
    const r = await runAction('actions/access-diff', {
      inputs: { token: 'bot-token' },
      env: prEvent(8, NEW),
    });
    expect(r.outputs.comment).toBe('updated');
    expect(state.comments[8]).toHaveLength(260);
    expect(state.comments[8]![230]!.body).toMatch(/1 widened/);
    expect(state.comments[8]![3]!.minimized).toBe(true);
    expect(state.comments[8]![255]!.body).toMatch(/forged by a user/);
    expect(state.comments[8]![255]!.minimized).toBe(false);
  }, 60_000);
});

describe('the approval label approves the widening a person read, not a later push', () => {
  it('a push that changes the widening after the label was applied fails fail-on widened and drops the label', async () => {
    const MORE = '4'.repeat(40);
    state.trees[MORE] = {
      '.github/workflows/ci.yml': ci('write').replace('on: [push]', 'on: [push, pull_request_target]'),
    };
    const pr: StandinPullRequest = {
      number: 9,
      base: { ...repoRef('octo-org', 'octo-repo', 1), ref: 'main', sha: BASE },
      head: { ...repoRef('octo-org', 'octo-repo', 1), ref: 'feature', sha: NEW },
    };
    pulls.push(pr);
    state.labels[9] = [];
    const run = (head: string) =>
      runAction('actions/access-diff', {
        inputs: { token: 'bot-token', 'fail-on': 'widened' },
        env: prEvent(9, head),
      });
    const unapproved = await run(NEW);
    expect(unapproved.failed).toBe(true);
    // A maintainer reads the comment (contents: write) and approves it.
    state.labels[9] = ['access-approved'];
    const approved = await run(NEW);
    expect(approved.failed).toBe(false);
    // The author pushes a further widening; the label is still on the pull request.
    pulls[pulls.indexOf(pr)] = { ...pr, head: { ...pr.head, sha: MORE } };
    const pushed = await run(MORE);
    expect(pushed.failed).toBe(true);
    expect(pushed.steps[0]!.stdout).toMatch(/differently from what the comment showed/);
    expect(state.labels[9]).toEqual([]);
    expect(state.comments[9]!.at(-1)!.body).toMatch(/pull\\?_request\\?_target/);
    // Read and approved again: it passes.
    state.labels[9] = ['access-approved'];
    expect((await run(MORE)).failed).toBe(false);
  }, 90_000);
});
