/**
 * Session 13: `stepwarden diff BASE HEAD` over git refs listed files with `git ls-tree` without `-z`.
 * git then C-quotes every path with a byte outside printable ASCII, a `"` or a `\` (core.quotePath):
 * `.github/workflows/déploy.yml` is listed as `".github/workflows/d\303\251ploy.yml"`, which is not
 * under `.github/workflows/`, so the file was never read. GitHub runs it; a pull request that adds
 * `déploy.yml` with `permissions: write-all` and a secret got "No access changes" (exit 0 under
 * `--fail-on widened`). The listing now reads NUL-separated entries, whatever the names hold.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readState } from '../../shared/diff/source.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';

const CI = 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: make }]\n';
const EVIL =
  'on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: "echo ${{ secrets.PROD }}" }]\n';
const ACTION = (uses: string) => `runs:\n  using: composite\n  steps:\n    - uses: ${uses}\n`;
const PIN = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function repo(): { dir: string; commit: (files: Record<string, string>, msg: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s13-quoted-'));
  dirs.push(dir);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  git('init', '-q');
  return {
    dir,
    commit: (files, msg) => {
      for (const [p, text] of Object.entries(files)) {
        mkdirSync(join(dir, p, '..'), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      git('add', '-A');
      git('commit', '-qm', msg);
    },
  };
}

describe('git refs: workflow files whose names git quotes are read', () => {
  it.each([['déploy.yml'], ['de"ploy.yml'], ['de\\ploy.yml'], ['de\tploy.yml']])('%j', async (name) => {
    const { dir, commit } = repo();
    commit({ '.github/workflows/ci.yml': CI }, 'base');
    commit({ [`.github/workflows/${name}`]: EVIL }, 'head');
    const head = await readState('HEAD', dir);
    expect(head.workflows.map((w) => w.file).sort()).toEqual(['ci.yml', name].sort());
    const { changes } = diffStates(await readState('HEAD~1', dir), head);
    expect(changes.filter((c) => c.workflow === name && c.effect === 'widened').length).toBeGreaterThan(0);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a local composite action in a directory git quotes is read', async () => {
    const { dir, commit } = repo();
    const wf =
      'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ./.github/actions/café\n';
    commit({ '.github/workflows/ci.yml': wf, '.github/actions/café/action.yml': ACTION(PIN) }, 'base');
    commit({ '.github/actions/café/action.yml': ACTION('evil/x@main') }, 'head');
    const head = await readState('HEAD', dir);
    expect(head.workflows[0]!.jobs[0]!.actions.map((a) => a.uses)).toEqual([
      './.github/actions/café',
      'evil/x@main',
    ]);
    const { changes } = diffStates(await readState('HEAD~1', dir), head);
    expect(changes.filter((c) => c.subject === 'evil/x@main').map((c) => c.effect)).toEqual(['widened']);
  });
});
