/**
 * Session 11: a pull request that keeps `uses: ./.github/actions/dep` but makes the action one the
 * check cannot read (a symbolic link to a directory an earlier step fills, a file too large or not
 * YAML) runs steps nobody judged, and the access diff showed only the inner actions that vanished, as
 * *narrowed*. The check warns (`unread-local-action`); the diff now has a widened row for it.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
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
const ACTION =
  'name: dep\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function state(files: Record<string, string>, link?: [string, string]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s11-unread-'));
  dirs.push(dir);
  const all = { '.github/workflows/ci.yml': WORKFLOW, '.github/access-manifest.yml': MANIFEST, ...files };
  for (const [p, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  if (link) {
    mkdirSync(dirname(join(dir, link[0])), { recursive: true });
    symlinkSync(link[1], join(dir, link[0]));
  }
  return dir;
}
const rows = async (a: string, b: string) =>
  diffStates(await readState(a, '/'), await readState(b, '/')).changes.filter(
    (c) => c.subject === './.github/actions/dep',
  );

describe('a local action that becomes unreadable is a widened row', () => {
  it.each([
    [
      'a link to a directory the job fills',
      {},
      ['.github/actions/dep', '/tmp/elsewhere'] as [string, string],
    ],
    [
      'a link as its action.yml',
      {},
      ['.github/actions/dep/action.yml', '../../../x.yml'] as [string, string],
    ],
    ['not YAML', { '.github/actions/dep/action.yml': 'runs: [\n' }, undefined],
    ['no action file', { '.github/actions/other/action.yml': ACTION }, undefined],
  ])('%s', async (_n, files, link) => {
    const base = state({ '.github/actions/dep/action.yml': ACTION });
    const head = state(files, link);
    const r = await rows(base, head);
    expect(r.map((c) => [c.effect, c.before])).toEqual([['widened', 'read']]);
    expect(r[0]!.after).toMatch(/^not read: /);
    expect(failsOnWidened(r)).toBe(true);
  });

  it('an action made readable adds no row of its own; one linked on both sides keeps its widened row', async () => {
    const unread = () => state({}, ['.github/actions/dep', '/tmp/elsewhere']);
    // Session 19: a link the repository holds runs what it points to, which neither side's reading
    // shows (the head may point it elsewhere), so it is never "no access changes".
    expect(
      (await rows(unread(), unread())).map((c) => [c.effect, c.before?.startsWith('not read: ')]),
    ).toEqual([['widened', true]]);
    expect(await rows(unread(), state({ '.github/actions/dep/action.yml': ACTION }))).toEqual([]);
  });

  it('a new step using an unreadable local action: the widened row says it is not read', async () => {
    const base = state({
      '.github/workflows/ci.yml': WORKFLOW.replace(/ {6}- uses.*\n/, '      - run: echo\n'),
    });
    const r = await rows(base, state({}, ['.github/actions/dep', '/tmp/elsewhere']));
    expect(r.map((c) => [c.effect, c.before])).toEqual([['widened', null]]);
    expect(r[0]!.after).toMatch(/^not read: /);
  });
});
