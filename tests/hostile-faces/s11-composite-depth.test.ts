/**
 * Session 11: local composite actions the check did not read, in silence. The runner follows nested
 * composite actions 10 levels deep (actions/runner docs/adrs/1144-composite-actions.md); the check
 * stopped at 5 and said nothing, so `evil/x@main` six levels down was never judged. A `uses: ./..`
 * path that leaves the repository (a directory an earlier step makes) was no action and no warning.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';

const MANIFEST = `version: 1
workflows:
  ci.yml:
    jobs:
      build: {}
`;
const workflow = (uses: string) =>
  `on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n`;
const composite = (uses: string) => `name: a\nruns:\n  using: composite\n  steps:\n    - uses: ${uses}\n`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s11-composite-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries({ '.github/access-manifest.yml': MANIFEST, ...files })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}
/** `./a1` → `./a2` → … → `./aN`, whose step uses `inner`. */
function chain(levels: number, inner: string): Record<string, string> {
  const files: Record<string, string> = { '.github/workflows/ci.yml': workflow('./a1') };
  for (let i = 1; i <= levels; i++)
    files[`a${i}/action.yml`] = composite(i === levels ? inner : `./a${i + 1}`);
  return files;
}
const rules = async (dir: string) =>
  (await checkDirectory({ dir })).findings.map((f) => ({ rule: f.rule, message: f.message }));

describe('nested local composite actions are read as deep as the runner follows them', () => {
  it.each([6, 8, 10])('an unpinned action %i levels down is reported', async (levels) => {
    const f = await rules(repo(chain(levels, 'evil/x@main')));
    const unpinned = f.filter((x) => x.rule === 'unpinned-action');
    expect(unpinned).toHaveLength(1);
    expect(unpinned[0]!.message).toMatch(new RegExp(`a${levels}/action\\.yml:5`));
  });

  it('deeper than the limit is said, not passed', async () => {
    const f = await rules(repo(chain(12, 'evil/x@main')));
    const unread = f.filter((x) => x.rule === 'unread-local-action');
    expect(unread).toHaveLength(1);
    expect(unread[0]!.message).toMatch(/\.\/a11.*more than 10 local composite actions deep/);
  });

  it.each(['./../outside/act', './a1/../../x', '.\\..\\x'])(
    'a local action whose path leaves the repository (%s) is said, not passed',
    async (uses) => {
      const f = await rules(repo({ '.github/workflows/ci.yml': workflow(uses) }));
      const unread = f.filter((x) => x.rule === 'unread-local-action');
      expect(unread).toHaveLength(1);
      expect(unread[0]!.message).toMatch(/leaves the repository/);
    },
  );

  it('a cycle of local composite actions adds nothing and says nothing (GitHub fails such a job)', async () => {
    const f = await rules(
      repo({
        '.github/workflows/ci.yml': workflow('./a1'),
        'a1/action.yml': composite('./a2'),
        'a2/action.yml': composite('./a1'),
      }),
    );
    expect(f.filter((x) => x.rule === 'unread-local-action')).toEqual([]);
  });
});
