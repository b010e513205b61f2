/**
 * Session 21 (left by session 20): a local action named in another case than the repository holds it
 * (`uses: ./TOOLS/EVIL` beside `tools/evil/action.yml`, or `./tools/evil` holding `Action.yml`). Every
 * face read a missing action (unread-local-action, a warning; the gate allowed), while a macOS or
 * Windows runner (case-insensitive file systems) runs tools/evil. Now every face refuses it as held
 * (shared/workflow/case-fold.ts): the check's unreadable-local-action error with the line and fix, the
 * diff's widened row, the gate's denial (s20-case-folded-action; root listing budget below). Seen
 * failing first.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import { heldActionProblem, treeLister, type TreeEntry } from '../../shared/diff/entries.js';
import { readState } from '../../shared/diff/source.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { readRunningWorkflows } from '../../shared/enforce/github-source.js';
import { octokit } from '../../shared/github/octokit.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { caseFoldedAction, caseVariant } from '../../shared/workflow/case-fold.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const MANIFEST = `version: 1
policy:
  allowed-actions: ["actions/*"]
workflows:
  ci.yml:
    triggers: [push]
    jobs:
      build:
        permissions: { contents: read }
`;
const EVIL = 'runs:\n  using: composite\n  steps:\n    - uses: evil/exfiltrate@main\n';
const workflow = (...uses: string[]) =>
  'on: push\njobs:\n  build:\n    runs-on: macos-latest\n    permissions: { contents: read }\n    steps:\n' +
  uses.map((u) => `      - uses: ${u}\n`).join('');

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s21-case-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}
const errorsOf = async (dir: string) =>
  (await checkDirectory({ dir })).findings.filter((f) => f.severity === 'error');

describe('check: a local action held only in another case is an error with the line and fix', () => {
  it.each([
    [
      'a directory in another case',
      './TOOLS/EVIL',
      { 'tools/evil/action.yml': EVIL },
      /holds tools, not TOOLS/,
    ],
    [
      'a lower directory in another case',
      './tools/Evil',
      { 'tools/evil/action.yml': EVIL },
      /holds tools\/evil, not tools\/Evil/,
    ],
    [
      'the action file in another case',
      './tools/evil',
      { 'tools/evil/Action.yml': EVIL },
      /holds tools\/evil\/Action\.yml, not tools\/evil\/action\.yml/,
    ],
    [
      'action.yaml in another case',
      './tools/evil',
      { 'tools/evil/ACTION.YAML': EVIL },
      /holds tools\/evil\/ACTION\.YAML/,
    ],
  ])('%s', async (_, uses, files, why) => {
    const dir = tree({
      '.github/access-manifest.yml': MANIFEST,
      '.github/workflows/ci.yml': workflow(uses),
      ...files,
    });
    const e = (await errorsOf(dir)).find((f) => f.rule === 'unreadable-local-action');
    expect(e?.line).toBe(7);
    expect(e?.message).toMatch(why);
    expect(e?.message).toMatch(
      /case-insensitive file system \(macOS, Windows\).*Fix: write the path as the repository holds it/,
    );
  });

  it('holds: a missing action (no entry in any case) stays the warning; the right case is judged', async () => {
    const dir = tree({
      '.github/access-manifest.yml': MANIFEST,
      '.github/workflows/ci.yml': workflow('./tools/made', './tools/evil'),
      'tools/evil/action.yml': EVIL,
    });
    const all = (await checkDirectory({ dir })).findings;
    expect(all.filter((f) => f.rule === 'unreadable-local-action')).toEqual([]);
    expect(all.find((f) => f.rule === 'unread-local-action')?.severity).toBe('warning');
    expect(all.map((f) => f.rule)).toContain('disallowed-action');
  });
});

describe('diff: the git and API readers', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  it('git: a head naming tools/evil in another case is widened, naming the held path', async () => {
    const dir = tree({
      '.github/access-manifest.yml': MANIFEST,
      '.github/workflows/ci.yml': workflow('./tools/made'),
      'tools/evil/action.yml': EVIL,
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
    writeFileSync(join(dir, '.github/workflows/ci.yml'), workflow('./TOOLS/EVIL'));
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'head');
    const d = diffStates(await readState('HEAD~1', dir), await readState('HEAD', dir));
    const r = d.changes.filter((c) => c.subject === './TOOLS/EVIL');
    expect(r.map((c) => c.effect)).toEqual(['widened']);
    expect(r[0]!.after).toMatch(/holds tools, not TOOLS/);
    expect(failsOnWidened(r)).toBe(true);
  });

  it('API (a recursive tree): the same refusal from the tree listing', async () => {
    const entries: TreeEntry[] = [
      { path: 'tools', mode: '040000', type: 'tree', sha: 'a' },
      { path: 'tools/evil', mode: '040000', type: 'tree', sha: 'b' },
      { path: 'tools/evil/action.yml', mode: '100644', type: 'blob', sha: 'c', size: 10 },
    ];
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const list = treeLister(entries);
    expect((await heldActionProblem('TOOLS/EVIL', (p) => byPath.get(p), list))?.refused).toMatch(
      /holds tools, not TOOLS/,
    );
    expect(await heldActionProblem('tools/made', (p) => byPath.get(p), list)).toBeUndefined();
  });
});

describe('the fold', () => {
  it('takes names a case-insensitive file system takes for one another, and never the name itself', async () => {
    expect(caseVariant('TOOLS', ['tools'])).toBe('tools');
    expect(caseVariant('tools', ['tools', 'TOOLS'])).toBeUndefined();
    expect(caseVariant('STRASSE', ['straße'])).toBe('straße');
    expect(caseVariant('e\u0301', ['\u00e9'])).toBe('\u00e9'); // normal forms (APFS ignores them)
    expect(caseVariant('tools', ['tool'])).toBeUndefined();
    // A listing that may be cut short cannot clear a name: refused, not passed.
    const r = await caseFoldedAction('gen/x', async () => ({ names: ['a'], full: true }));
    expect(r?.refused).toMatch(/cannot be told/);
  });
});

describe('gate: the root and each parent directory are listed once per run', () => {
  const SHA = 'e'.repeat(40);
  const TOKEN = 'ghs_s21_case_token';
  let gh: StartedStandin;
  beforeAll(async () => {
    const made = Array.from({ length: 8 }, (_, i) => `./gen/made-${i}`);
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
            [SHA]: { '.github/workflows/ci.yml': workflow(...made), 'gen/README.md': 'x' },
          },
        },
      ],
      tokens: { [TOKEN]: { repositories: ['octo-org/octo-repo'], contents: 'read' } },
    };
    let url = '';
    gh = await startGithubStandin({
      validate: openApiValidator(),
      routes: githubRepoRoutes(state, () => url),
    });
    url = gh.url;
  });
  afterAll(async () => {
    expect(gh.shapeErrors).toEqual([]);
    await gh.close();
  });
  it('eight missing actions under one directory: the root and gen listed once each, missing stays a warning', async () => {
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
    const unread = workflows[0]!.jobs[0]!.unreadActions ?? [];
    expect(unread).toHaveLength(8);
    expect(unread.some((u) => u.held)).toBe(false);
    const listed = gh.requests.filter((r) => /\/contents(\/gen)?$/.test(r.path)).map((r) => r.path);
    expect(listed.sort()).toEqual([
      '/repos/octo-org/octo-repo/contents',
      '/repos/octo-org/octo-repo/contents/gen',
    ]);
  });
});
