/**
 * Session 11: a gate the repository carries is recognized whatever the case of its `actions`
 * segment (`./Actions/Enforce` counts as the gate), and the runner on Linux runs the files of the
 * directory as spelled (`Actions/Enforce/action.yml`, `Actions/node-check.sh`). The diff listed only
 * `actions/` and `dist/`, so an edit of that gate's own files had no row.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readState } from '../../shared/diff/source.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { gateFileDirs, localGateRoot } from '../../shared/diff/local-gate.js';

const workflow = (gate: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${gate}\n      - run: make release\n`;
const MANIFEST = `version: 1
workflows:
  release.yml:
    jobs:
      release:
        permissions: { contents: write }
`;
const files = (dir: string, vendor = '') => ({
  [`${vendor}${dir}/Enforce/action.yml`]:
    'runs: { using: composite, steps: [{ run: node dist/index.js, shell: bash }] }\n',
  [`${vendor}${dir}/node-check.sh`]: 'node -v\n',
  [`${vendor}dist/index.js`]: 'judge();\n',
});

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function state(gate: string, extra: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s11-gate-case-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries({
    '.github/workflows/release.yml': workflow(gate),
    '.github/access-manifest.yml': MANIFEST,
    ...extra,
  })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}
const gateRows = async (a: string, b: string) =>
  diffStates(await readState(a, '/'), await readState(b, '/')).changes.filter(
    (c) => c.subject === 'actions/enforce gate',
  );

describe("a local gate's files are listed as the runner finds them", () => {
  it.each([
    ['Actions', 'Actions/Enforce/action.yml'],
    ['Actions', 'Actions/node-check.sh'],
    ['ACTIONS', 'ACTIONS/node-check.sh'],
  ])('./%s/Enforce: an edit of %s is a widened row', async (seg, edited) => {
    const gate = `./${seg}/Enforce`;
    const base = files(seg);
    const rows = await gateRows(state(gate, base), state(gate, { ...base, [edited]: 'exit 0\n' }));
    expect(rows.map((c) => c.effect)).toEqual(['widened']);
    expect(rows[0]!.after).toContain(edited);
    expect(failsOnWidened(rows)).toBe(true);
  });

  it('the directories follow the spelling of the uses: path', () => {
    expect(gateFileDirs(localGateRoot('./Actions/Enforce')!)).toEqual(['Actions', 'dist']);
    expect(gateFileDirs(localGateRoot('./v/StepWarden/ACTIONS/enforce')!)).toEqual([
      'v/StepWarden/ACTIONS',
      'v/StepWarden/dist',
    ]);
    expect(gateFileDirs(localGateRoot('./actions/enforce')!)).toEqual(['actions', 'dist']);
  });
});
