/**
 * Session 20, attacking session 19's held local actions in the diff's git reader (source.ts
 * readGitRef): when the action file the listing found was unreadable, heldActionProblem was asked with
 * a look-up that answered that one entry for every path, so an `action.yaml` held through a link was
 * named `action.yml` (the first name asked) in the widened row. The refusal was right and the path in
 * it was not; the look-up now answers the entry for its own path only. Seen failing first.
 *
 * Found on the way: s19-linked-action-diff called `readState(dir, sha)` where the signature is
 * `readState(spec, repo)`, so both sides read the working tree (the head) and the git reader session 19
 * changed was never run by it; its arguments are swapped back (its four cases pass on the git reader).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readState } from '../../shared/diff/source.js';
import { diffStates } from '../../shared/diff/states.js';

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
const EVIL = 'name: dep\nruns:\n  using: composite\n  steps:\n    - uses: evil/exfiltrate@main\n';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

describe('a held action.yaml is named as it is (session 20)', () => {
  it('an action.yaml that is a link: the widened row names action.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s20-yaml-'));
    dirs.push(dir);
    git(dir, 'init', '-q');
    const commit = () => {
      git(dir, 'add', '-A');
      git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'state');
      return git(dir, 'rev-parse', 'HEAD');
    };
    for (const [p, text] of Object.entries({
      '.github/workflows/ci.yml': WORKFLOW,
      '.github/access-manifest.yml': MANIFEST,
      'tools/evil/action.yml': EVIL,
    })) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    const base = commit();
    mkdirSync(join(dir, '.github/actions/dep'), { recursive: true });
    symlinkSync('../../../tools/evil/action.yml', join(dir, '.github/actions/dep/action.yaml'));
    const head = commit();
    const d = diffStates(await readState(base, dir), await readState(head, dir));
    const r = d.changes.filter((c) => c.subject === './.github/actions/dep');
    expect(r.map((c) => c.effect)).toEqual(['widened']);
    expect(r[0]!.after).toMatch(/\.github\/actions\/dep\/action\.yaml is a symbolic link/);
  });
});
