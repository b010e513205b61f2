/**
 * Session 13: a renamed workflow file takes the manifest entry of its new name. The manifest (and the
 * broker, which reads it from the default branch) keys grants by file name, so renaming `ci.yml` to
 * `nightly.yml`, whose entry grants more (a wider credential, other triggers, more secrets), hands the
 * same jobs that entry's grants. The diff paired the two files as a rename, found the jobs unchanged,
 * and compared manifest entries by name, which are unchanged too: "No access changes". A renamed
 * file's jobs are now held against the entry they had before the rename.
 */
import { describe, expect, it } from '@jest/globals';
import { runCheck } from '../../shared/check/run.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf } from '../../shared/diff/source.js';
import { parseWorkflows } from '../../shared/workflow/load.js';
import { manifest } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const CI = `on: [push, pull_request]
permissions: { contents: read, id-token: write }
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: deploy
        uses: ${RUN}
        with: { audience: https://deploy.example, scope: read, run: make deploy }
`;
const OTHER =
  'on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo }]\n';
const entry = (scope: string, extra = '') => `    jobs:
      build:
        permissions: { contents: read, id-token: write }
${extra}        credentials:
          - step: deploy
            audience: https://deploy.example
            scope: [${scope}]
`;
const MANIFEST = `version: 1
repository: { name: o/r, id: 1, owner-id: 2 }
workflows:
  other.yml:
    jobs:
      x: {}
  ci.yml:
    triggers: [push, pull_request]
${entry('read')}  nightly.yml:
    triggers: [push, pull_request]
${entry('read, admin', '        secrets: [PROD_TOKEN]\n')}`;

const state = (files: Record<string, string>, label: string, m = MANIFEST) => ({
  label,
  workflows: parseWorkflows(
    Object.entries(files).map(([p, text]) => ({ path: `.github/workflows/${p}`, text })),
  ),
  ...manifestOf(m, label),
});

describe('a renamed workflow is held against the manifest entry it had', () => {
  it.each([
    ['base', 'ci.yml'],
    ['head', 'nightly.yml'],
  ])('the %s passes the check (the setup is a real one)', (_side, file) => {
    const errors = runCheck({
      workflows: state({ [file]: CI, 'other.yml': OTHER }, 'x').workflows,
      manifest: manifest(MANIFEST),
    }).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('ci.yml renamed to nightly.yml takes nightly.yml’s wider grant: widened rows', () => {
    const { changes } = diffStates(
      state({ 'ci.yml': CI, 'other.yml': OTHER }, 'base'),
      state({ 'nightly.yml': CI, 'other.yml': OTHER }, 'head'),
    );
    const rows = changes.map((c) => [c.workflow, c.job, c.kind, c.subject, c.effect]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['nightly.yml', 'build', 'credential', 'deploy@https://deploy.example', 'widened'],
        ['nightly.yml', 'build', 'manifest', 'secrets.PROD_TOKEN', 'widened'],
      ]),
    );
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a rename onto a name the manifest grants the same, or onto an unlisted name, adds no widened row', () => {
    const same = MANIFEST.replace('[read, admin]', '[read]').replace('        secrets: [PROD_TOKEN]\n', '');
    const a = diffStates(
      state({ 'ci.yml': CI, 'other.yml': OTHER }, 'base', same),
      state({ 'nightly.yml': CI, 'other.yml': OTHER }, 'head', same),
    );
    expect(a.changes.filter((c) => c.effect !== 'narrowed')).toEqual([]);
    const b = diffStates(
      state({ 'ci.yml': CI, 'other.yml': OTHER }, 'base'),
      state({ 'renamed.yml': CI, 'other.yml': OTHER }, 'head'),
    );
    expect(b.changes.filter((c) => c.effect === 'widened')).toEqual([]);
  });
});
