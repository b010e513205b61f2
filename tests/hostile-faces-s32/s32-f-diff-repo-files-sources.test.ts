/**
 * Session 32 (w-rfaces): the repository's files are a source of a value computed from a step's output
 * (shared/diff/repo-files.ts). The diff reads a state from a directory, a git ref or the API's tree
 * (the access-diff action): one state must give one digest in all three (a directory and a ref of one
 * state agree), a script changed in any of them a widened row, and a tree the API truncates, whose
 * files are not all listed, a widened row rather than none.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readGitRef, readState } from '../../shared/diff/source.js';
import { diffStates } from '../../shared/diff/states.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s32-f-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const WORKFLOW = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - id: s\n        run: ./scripts/pick.sh >> "$GITHUB_OUTPUT"\n      - run: ./deploy.sh "\${{ secrets[steps.s.outputs.v] }}"\n`;
const MANIFEST = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        secrets: ['*']\n`;
const files = (key: string): Record<string, string> => ({
  '.github/workflows/ci.yml': WORKFLOW,
  '.github/access-manifest.yml': MANIFEST,
  'scripts/pick.sh': `#!/bin/sh\necho "v=${key}"\n`,
  'docs/a b/ü.md': 'x\n',
});
const LINK = { 'scripts/current': 'pick.sh' };

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const write = (dir: string, fs: Record<string, string>) => {
  for (const [p, text] of Object.entries(fs)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
};
const secretRows = (base: Parameters<typeof diffStates>[0], head: Parameters<typeof diffStates>[1]) =>
  diffStates(base, head).changes.filter((c) => c.kind === 'secret' && c.effect === 'widened');

describe("the repository's files from a directory, a git ref and the API's tree (s32)", () => {
  it('one state, one digest; a changed script a widened row in each; a truncated tree a widened row', async () => {
    // A directory and two commits of it.
    const dir = join(work, 'repo');
    mkdirSync(dir);
    git(dir, 'init', '-q');
    write(dir, files('STAGING_KEY'));
    symlinkSync(LINK['scripts/current'], join(dir, 'scripts/current'));
    const commit = () => {
      git(dir, 'add', '-A');
      git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'state');
      return git(dir, 'rev-parse', 'HEAD');
    };
    const baseRef = commit();
    const fromDir = await readState(dir, work);
    write(dir, { 'scripts/pick.sh': files('PROD_KEY')['scripts/pick.sh']! });
    const headRef = commit();
    const headDir = await readState(dir, work);
    const [fromGit, headGit] = [await readGitRef(baseRef, dir), await readGitRef(headRef, dir)];

    const { startGithubStandin } = await import('../../shared/standins/github-api.js');
    const { githubGitRoutes } = await import('../../shared/standins/github-git-routes.js');
    const { octokit } = await import('../../shared/github/octokit.js');
    const { readStateFromApi } = await import('../../shared/diff/github-source.js');
    const { openApiValidator } = await import('../support/openapi-shapes.js');
    const BASE = 'b'.repeat(40);
    const HEAD = 'c'.repeat(40);
    const state = {
      owner: 'octo-org',
      repo: 'octo-repo',
      trees: { [BASE]: files('STAGING_KEY'), [HEAD]: files('PROD_KEY') },
      symlinks: { [BASE]: LINK, [HEAD]: LINK },
      tokens: { t: { login: 'bot', bot: true } },
      truncateAfter: 1000,
    };
    let url = '';
    const gh = await startGithubStandin({
      validate: openApiValidator(),
      routes: githubGitRoutes(state, () => url),
    });
    url = gh.url;
    try {
      const client = octokit({ auth: 't', baseUrl: gh.url, retries: 0 });
      const read = (sha: string) => readStateFromApi(client, 'octo-org', 'octo-repo', sha);
      const [fromApi, headApi] = [await read(BASE), await read(HEAD)];
      expect(fromDir.filesDigest).toMatch(/^[0-9a-f]{64}$/);
      expect([fromGit.filesDigest, fromApi.filesDigest]).toEqual([fromDir.filesDigest, fromDir.filesDigest]);
      expect([headGit.filesDigest, headApi.filesDigest]).toEqual([headDir.filesDigest, headDir.filesDigest]);
      expect(headDir.filesDigest).not.toBe(fromDir.filesDigest);
      // Across sources of one state: no row; across the change: one, whatever reads each side.
      expect(secretRows(fromDir, fromApi)).toEqual([]);
      expect(secretRows(fromGit, headDir)).toHaveLength(1);
      expect(secretRows(fromApi, headApi)).toHaveLength(1);
      // A truncated tree lists only the root and .github: the files are not all known, so the value
      // may have moved, even where both sides' listings read the same.
      state.truncateAfter = 3;
      expect(secretRows(await read(BASE), await read(BASE))).toEqual([]);
      state.trees[HEAD] = files('STAGING_KEY');
      expect(secretRows(await read(BASE), await read(HEAD))).toHaveLength(1);
      expect(gh.shapeErrors).toEqual([]);
    } finally {
      await gh.close();
    }
  }, 120_000);

  it('a FIFO in a directory state is listed by its kind, never opened (the read does not block)', async () => {
    const dir = join(work, 'fifo');
    write(dir, files('K'));
    execFileSync('mkfifo', [join(dir, 'scripts/pipe')]);
    const withFifo = (await readState(dir, work)).filesDigest;
    expect(withFifo).toMatch(/^[0-9a-f]{64}$/);
    unlinkSync(join(dir, 'scripts/pipe'));
    writeFileSync(join(dir, 'scripts/pipe'), '');
    expect((await readState(dir, work)).filesDigest).not.toBe(withFifo);
  }, 60_000);
});
