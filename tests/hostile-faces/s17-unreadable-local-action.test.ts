/**
 * Session 17: a local composite action that the pull request itself holds, and that the check cannot
 * read, passed the required check. `unread-local-action` is a warning, on the reasoning that such an
 * action is made by an earlier step (not in the repository) or is no action GitHub runs. That holds
 * for a missing file, not for one the repository holds: GitHub's runner follows a symbolic link of the
 * checkout (`action.yml -> ../real/action.yml`), reads action files up to 10 MiB (the check stops at
 * 4 MiB) and reads a tag it does not know (`!foo x`) as text, where the check refuses. Such an action
 * with `uses: evil/x@main` inside was "0 errors, 1 warning", exit 0, and the gate's verdict "allowed".
 * Now it is `unreadable-local-action`, an error; a missing action stays the warning. Seen failing first.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { withCompositeActions } from '../../shared/workflow/composite.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { cli } from '../support/cli.js';

const MANIFEST = `version: 1
policy:
  require-pinned-actions: true
  allowed-actions: ["actions/*"]
workflows:
  ci.yml:
    triggers: [push]
    jobs:
      build: {}
`;
const WORKFLOW = `on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/dep
`;
const EVIL = `name: dep\nruns:\n  using: composite\n  steps:\n    - uses: evil/x@main\n`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function repo(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s17-unreadable-'));
  dirs.push(dir);
  const all = { '.github/access-manifest.yml': MANIFEST, '.github/workflows/ci.yml': WORKFLOW, ...files };
  for (const [p, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  for (const [p, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    symlinkSync(target, join(dir, p));
  }
  return dir;
}
const findings = async (dir: string) => (await checkDirectory({ dir })).findings;

describe('a local action the repository holds and the check cannot read fails the check', () => {
  const cases: [string, () => string][] = [
    [
      'action.yml is a symbolic link to another file of the repository',
      () =>
        repo(
          { 'tools/real/action.yml': EVIL },
          { '.github/actions/dep/action.yml': '../../../tools/real/action.yml' },
        ),
    ],
    [
      'the action directory is a symbolic link inside the repository',
      () => repo({ 'tools/real/action.yml': EVIL }, { '.github/actions/dep': '../../tools/real' }),
    ],
    [
      'action.yml holds a tag GitHub reads as text',
      () => repo({ '.github/actions/dep/action.yml': EVIL.replace('name: dep', 'name: !foo dep') }),
    ],
    [
      'action.yml is over the check bound but under the runner one',
      () => repo({ '.github/actions/dep/action.yml': `${EVIL}${'# padding\n'.repeat(450_000)}` }),
    ],
  ];
  it.each(cases)('%s', async (_what, make) => {
    const dir = make();
    const f = await findings(dir);
    const errors = f.filter((x) => x.severity === 'error');
    expect(errors.map((x) => x.rule)).toContain('unreadable-local-action');
    const e = errors.find((x) => x.rule === 'unreadable-local-action')!;
    expect(e.file).toBe('.github/workflows/ci.yml');
    expect(e.line).toBe(7);
    expect(e.message).toMatch(/\.\/\.github\/actions\/dep/);
    expect(e.message).toMatch(/Fix:/);
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
  });

  it('an action that is not in the repository (made by an earlier step) stays a warning', async () => {
    const f = await findings(repo({}));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['unread-local-action', 'warning']]);
  });

  it('a file that is no action GitHub runs (no runs.using) stays a warning: GitHub fails the step', async () => {
    const f = await findings(repo({ '.github/actions/dep/action.yml': 'name: dep\nruns: {}\n' }));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['unread-local-action', 'warning']]);
  });

  it('the gate does not allow a job whose local action it read but cannot parse', async () => {
    const manifest = loadManifest(MANIFEST, '.github/access-manifest.yml');
    const wf = parseWorkflow('ci.yml', '.github/workflows/ci.yml', WORKFLOW);
    const text = EVIL.replace('name: dep', 'name: !foo dep');
    const workflows = await withCompositeActions([wf], async (d) =>
      d === '.github/actions/dep' ? { path: `${d}/action.yml`, text } : undefined,
    );
    const v = enforceJob({ workflows, manifest, workflow: 'ci.yml', job: 'build', event: 'push' });
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => p.rule)).toContain('unreadable-local-action');
  });
});
