/**
 * Session 10: a gate the repository carries (`uses: ./actions/enforce`) runs the files of the pull
 * request's own state: its action.yml, the scripts beside it and the bundle it starts. A pull request
 * that edits them (the gate then allows everything) keeps it first and in enforce mode, changes no
 * workflow or manifest line, and the diff said "No access changes". Now such a change is a widened
 * `actions/enforce gate` row naming the changed files, from directories, git refs and the API's tree.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readGitRef, readState } from '../../shared/diff/source.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';

const workflow = (gate = './actions/enforce') =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${gate}\n      - run: make release\n`;
const MANIFEST = (pins = '') => `version: 1
${pins}workflows:
  release.yml:
    jobs:
      release:
        permissions: { contents: write }
`;
const GATE_FILES = {
  'actions/enforce/action.yml':
    'runs: { using: composite, steps: [{ run: node dist/index.js, shell: bash }] }\n',
  'actions/node-check.sh': 'node -v\n',
  'dist/index.js': 'judge();\n',
};

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function write(dir: string, files: Record<string, string>) {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}
function state(files: Record<string, string>, gate?: string, pins = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s10-gate-'));
  dirs.push(dir);
  write(dir, {
    '.github/workflows/release.yml': workflow(gate),
    '.github/access-manifest.yml': MANIFEST(pins),
    ...files,
  });
  return dir;
}
const gateRows = async (a: string, b: string) =>
  diffStates(await readState(a, '/'), await readState(b, '/')).changes.filter(
    (c) => c.subject === 'actions/enforce gate',
  );

describe('a gate the repository carries, edited in the same pull request', () => {
  it.each([
    ['its bundle', { 'dist/index.js': 'process.exit(0);\n' }, 'dist/index.js'],
    [
      'its action.yml',
      { 'actions/enforce/action.yml': 'runs: { using: composite, steps: [] }\n' },
      'actions/enforce/action.yml',
    ],
    ['the script beside it', { 'actions/node-check.sh': 'exit 0\n' }, 'actions/node-check.sh'],
    ['a file added to its bundle', { 'dist/1.index.js': 'x\n' }, 'dist/1.index.js'],
  ])('%s: a widened row naming the file (directories)', async (_n, edit, named) => {
    const rows = await gateRows(state(GATE_FILES), state({ ...GATE_FILES, ...edit }));
    expect(rows.map((c) => c.effect)).toEqual(['widened']);
    expect(rows[0]!.after).toContain(named);
    expect(rows[0]!.after).toContain('./actions/enforce');
    expect(failsOnWidened(rows)).toBe(true);
  });

  it('a vendored copy: its own root', async () => {
    const vendored = Object.fromEntries(
      Object.entries(GATE_FILES).map(([p, t]) => [`third_party/stepwarden/${p}`, t]),
    );
    const rows = await gateRows(
      state(vendored, './third_party/stepwarden/actions/enforce'),
      state(
        { ...vendored, 'third_party/stepwarden/dist/index.js': 'process.exit(0);\n' },
        './third_party/stepwarden/actions/enforce',
      ),
    );
    expect(rows.map((c) => c.after)).toEqual([
      expect.stringContaining('third_party/stepwarden/dist/index.js') as unknown as string,
    ]);
  });

  it('a link in the gate is listed by its target, never followed', async () => {
    const a = state(GATE_FILES);
    const b = state({ ...GATE_FILES });
    rmSync(join(b, 'dist/index.js'));
    symlinkSync('/etc/hostname', join(b, 'dist/index.js'));
    expect((await gateRows(a, b))[0]!.after).toContain('dist/index.js');
  });

  it('unchanged files, a remote gate, or pinned gates: no row from the files', async () => {
    expect(await gateRows(state(GATE_FILES), state(GATE_FILES))).toEqual([]);
    const remote = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';
    expect(
      await gateRows(state(GATE_FILES, remote), state({ ...GATE_FILES, 'dist/index.js': 'x' }, remote)),
    ).toEqual([]);
  });

  it('a local actions/audit (exempt from "runs after a failed gate") runs the same files: a row too', async () => {
    const remote = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';
    const withAudit = (gate: string) =>
      workflow(gate).replace(
        '      - run: make release\n',
        '      - run: make release\n      - if: always()\n        uses: ./actions/audit\n',
      );
    const a = state({ ...GATE_FILES, '.github/workflows/release.yml': withAudit(remote) });
    const b = state({
      ...GATE_FILES,
      '.github/workflows/release.yml': withAudit(remote),
      'dist/index.js': 'x',
    });
    expect((await gateRows(a, b)).map((c) => c.after)).toEqual([
      'the audit step this repository carries (./actions/audit) runs changed files: dist/index.js',
    ]);
  });

  it('under enforce-repositories pins a local gate is no gate: no row from its files', async () => {
    const pins = 'policy: { require-enforce: true, enforce-repositories: [stepwarden/stepwarden] }\n';
    const rows = await gateRows(
      state(GATE_FILES, undefined, pins),
      state({ ...GATE_FILES, 'dist/index.js': 'x' }, undefined, pins),
    );
    expect(rows.filter((c) => c.after?.includes('changed files'))).toEqual([]);
  });

  it('git refs: the same row from the blob ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s10-gate-git-'));
    dirs.push(dir);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir });
    git('init', '-q');
    write(dir, {
      '.github/workflows/release.yml': workflow(),
      '.github/access-manifest.yml': MANIFEST(),
      ...GATE_FILES,
    });
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('tag', 'base');
    write(dir, { 'dist/index.js': 'process.exit(0);\n' });
    git('commit', '-qam', 'head');
    const rows = diffStates(await readGitRef('base', dir), await readGitRef('HEAD', dir)).changes.filter(
      (c) => c.subject === 'actions/enforce gate',
    );
    expect(rows.map((c) => [c.effect, c.after])).toEqual([
      ['widened', 'the gate this repository carries (./actions/enforce) runs changed files: dist/index.js'],
    ]);
    // A directory and a ref of one state agree (git's blob ids on both sides).
    expect(
      diffStates(await readGitRef('HEAD', dir), await readState(dir, '/')).changes.filter(
        (c) => c.subject === 'actions/enforce gate',
      ),
    ).toEqual([]);
  });
});

describe("the API's tree (the access-diff action's source)", () => {
  it('a changed bundle is a widened row; a truncated tree is "cannot judge"', async () => {
    const { startGithubStandin } = await import('../../shared/standins/github-api.js');
    const { githubGitRoutes } = await import('../../shared/standins/github-git-routes.js');
    const { octokit } = await import('../../shared/github/octokit.js');
    const { readStateFromApi } = await import('../../shared/diff/github-source.js');
    const { openApiValidator } = await import('../support/openapi-shapes.js');
    const BASE = 'b'.repeat(40);
    const HEAD = 'c'.repeat(40);
    const files = {
      '.github/workflows/release.yml': workflow(),
      '.github/access-manifest.yml': MANIFEST(),
      ...GATE_FILES,
    };
    const state = {
      owner: 'octo-org',
      repo: 'octo-repo',
      trees: { [BASE]: files, [HEAD]: { ...files, 'dist/index.js': 'process.exit(0);\n' } },
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
      const rows = diffStates(await read(BASE), await read(HEAD)).changes.filter(
        (c) => c.subject === 'actions/enforce gate',
      );
      expect(rows.map((c) => [c.effect, c.after])).toEqual([
        ['widened', 'the gate this repository carries (./actions/enforce) runs changed files: dist/index.js'],
      ]);
      state.truncateAfter = 3;
      const cut = diffStates(await read(BASE), await read(HEAD)).changes.filter(
        (c) => c.effect === 'cannot-judge',
      );
      expect(cut.map((c) => c.after)).toEqual([
        expect.stringMatching(/gate this repository carries.*not listed/),
      ]);
      expect(gh.shapeErrors).toEqual([]);
    } finally {
      await gh.close();
    }
  });
});
