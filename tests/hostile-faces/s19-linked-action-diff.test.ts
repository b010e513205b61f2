/**
 * Session 19: the check fails a local action the repository holds through a symbolic link
 * (unreadable-local-action, session 17: GitHub's runner follows the link in the checkout), while the
 * access diff's git and API readers took a linked action file, or a path through a linked directory
 * (which `git ls-tree` and a recursive tree do not list), for a missing action. So a head that pointed
 * an existing link at another directory, or linked an action the base had as missing (made by an
 * earlier step), changed nothing the diff read: "No access changes" for steps nobody judged. The
 * readers now answer such an action as held and refused (entries.ts heldActionProblem), and a head
 * holding one is a widened row even when the base held it too. Seen failing first.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readState } from '../../shared/diff/source.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';

const WORKFLOW = `on: push
permissions: { contents: read }
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/dep
`;
const MANIFEST = `version: 1
workflows:
  ci.yml:
    jobs:
      build:
        permissions: { contents: read }
`;
const action = (uses: string) => `name: dep\nruns:\n  using: composite\n  steps:\n    - uses: ${uses}\n`;
const GOOD = action('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683');
const EVIL = action('evil/exfiltrate@main');

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** A repository with one commit per state; returns it and each commit's sha. */
function history(states: { files: Record<string, string>; links?: Record<string, string> }[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s19-link-'));
  dirs.push(dir);
  git(dir, 'init', '-q');
  const shas: string[] = [];
  for (const s of states) {
    git(dir, 'rm', '-rq', '--ignore-unmatch', '.');
    const all = { '.github/workflows/ci.yml': WORKFLOW, '.github/access-manifest.yml': MANIFEST, ...s.files };
    for (const [p, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    for (const [p, target] of Object.entries(s.links ?? {})) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      symlinkSync(target, join(dir, p));
    }
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'state');
    shas.push(git(dir, 'rev-parse', 'HEAD'));
  }
  return { dir, shas };
}
const rows = async (dir: string, base: string, head: string) => {
  const d = diffStates(await readState(base, dir), await readState(head, dir));
  return d.changes.filter((c) => c.subject === './.github/actions/dep');
};

describe('a local action held through a link is never "no access changes"', () => {
  it('a head that points the linked directory elsewhere: widened, naming the link', async () => {
    const { dir, shas } = history([
      { files: { 'tools/good/action.yml': GOOD }, links: { '.github/actions/dep': '../../tools/good' } },
      {
        files: { 'tools/good/action.yml': GOOD, 'tools/evil/action.yml': EVIL },
        links: { '.github/actions/dep': '../../tools/evil' },
      },
    ]);
    const r = await rows(dir, shas[0]!, shas[1]!);
    expect(r.map((c) => c.effect)).toEqual(['widened']);
    expect(r[0]!.after).toMatch(/not read: \.github\/actions\/dep is a symbolic link/);
    expect(failsOnWidened(r)).toBe(true);
  });

  it('a head that links an action the base did not hold (made by an earlier step): widened', async () => {
    const { dir, shas } = history([
      { files: {} },
      { files: { 'tools/evil/action.yml': EVIL }, links: { '.github/actions/dep': '../../tools/evil' } },
    ]);
    const r = await rows(dir, shas[0]!, shas[1]!);
    expect(r.map((c) => [c.effect, c.before?.startsWith('not read: ')])).toEqual([['widened', true]]);
    expect(r[0]!.after).toMatch(/symbolic link/);
  });

  it('a head whose action.yml is a link to another file: widened, naming the file', async () => {
    const { dir, shas } = history([
      { files: {} },
      {
        files: { 'tools/evil/action.yml': EVIL },
        links: { '.github/actions/dep/action.yml': '../../../tools/evil/action.yml' },
      },
    ]);
    const r = await rows(dir, shas[0]!, shas[1]!);
    expect(r.map((c) => c.effect)).toEqual(['widened']);
    expect(r[0]!.after).toMatch(/\.github\/actions\/dep\/action\.yml is a symbolic link/);
  });

  it('holds: an action missing on both sides adds no row (an earlier step makes it)', async () => {
    const { dir, shas } = history([{ files: {} }, { files: { 'README.md': 'x' } }]);
    expect(await rows(dir, shas[0]!, shas[1]!)).toEqual([]);
  });
});
