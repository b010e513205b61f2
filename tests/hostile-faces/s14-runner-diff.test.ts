/**
 * Session 14: the runner a job runs on is part of its access. A pull request that moves a job from a
 * GitHub-hosted runner (a fresh virtual machine per job) to a self-hosted one (a machine that keeps
 * state between jobs and has the network reach, and often the cloud credentials, of where it stands)
 * changed no permission, secret or action, so the diff said "No access changes". Each runner a job can
 * reach that is not GitHub-hosted is now a fact of the job's snapshot; a new one is a widened row,
 * one dropped narrowed. A `runs-on` the files cannot resolve (an expression other than a matrix
 * value the strategy lists literally) cannot be told apart from a self-hosted runner: widened.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const workflow = (runsOn: string, strategy = '') => `on: push
permissions: { contents: read }
jobs:
  build:
${strategy}    runs-on: ${runsOn}
    steps:
      - run: make
`;
const BASE = workflow('ubuntu-latest');
const RUNS_ON_LINE = (text: string) => text.split('\n').findIndex((l) => l.startsWith('    runs-on:')) + 1;

const rows = (base: string, head: string) => {
  const changes = diffSnapshots(snapshot([wf('ci.yml', base)]), snapshot([wf('ci.yml', head)]));
  return { changes, runner: changes.filter((c) => c.subject === 'runner') };
};

describe('a job moved off GitHub-hosted runners is a widened row', () => {
  it.each([
    ['self-hosted', workflow('self-hosted')],
    ['a label list with self-hosted', workflow('[self-hosted, linux, x64]')],
    ['a custom label', workflow('build-box')],
    ['a GitHub label beside a custom one', workflow('[ubuntu-latest, gpu]')],
    ['a runner group', workflow('{ group: ci-runners }')],
    ['a group with labels', workflow('\n      group: ci-runners\n      labels: [linux]')],
    ['an expression', workflow('${{ vars.RUNNER }}')],
    ['an expression label in a list', workflow("[ubuntu-latest, '${{ vars.EXTRA }}']")],
    [
      'a matrix value that is self-hosted',
      workflow('${{ matrix.os }}', '    strategy: { matrix: { os: [ubuntu-latest, self-hosted] } }\n'),
    ],
    [
      'a matrix include that is a label list',
      workflow(
        '${{ matrix.os }}',
        '    strategy:\n      matrix:\n        os: [ubuntu-latest]\n        include:\n          - os: [self-hosted, gpu]\n',
      ),
    ],
    [
      'a matrix the files cannot read',
      workflow('${{ matrix.os }}', '    strategy:\n      matrix: ${{ fromJSON(vars.MATRIX) }}\n'),
    ],
    [
      'a matrix key no value gives',
      workflow('${{ matrix.runner }}', '    strategy: { matrix: { os: [ubuntu-latest] } }\n'),
    ],
  ])('%s', (_name, head) => {
    const { changes, runner } = rows(BASE, head);
    expect(runner.length).toBeGreaterThan(0);
    expect(runner.every((c) => c.effect === 'widened' && c.kind === 'job')).toBe(true);
    expect(runner[0]!.line).toBe(RUNS_ON_LINE(head));
    expect(runner[0]!.before).toBe('GitHub-hosted');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('names what runs where, and the fix', () => {
    const { runner } = rows(BASE, workflow('[self-hosted, linux]'));
    expect(runner[0]!.after).toContain('linux, self-hosted');
    expect(runner[0]!.after).toMatch(/review/i);
    const expr = rows(BASE, workflow('${{ vars.RUNNER }}')).runner;
    expect(expr[0]!.after).toMatch(/cannot tell/);
  });

  it('another self-hosted pool is widened too', () => {
    const { runner } = rows(workflow('[self-hosted, linux]'), workflow('[self-hosted, prod-deploy]'));
    expect(runner.some((c) => c.effect === 'widened' && c.after?.includes('prod-deploy'))).toBe(true);
  });

  it('what an unresolved runs-on reads changing is widened', () => {
    const head = workflow('${{ matrix.os }}', '    strategy:\n      matrix: ${{ fromJSON(vars.B) }}\n');
    const base = workflow('${{ matrix.os }}', '    strategy:\n      matrix: ${{ fromJSON(vars.A) }}\n');
    expect(snapshot([wf('ci.yml', head)]).workflows.get('ci.yml')!.error).toBeUndefined();
    const { changes, runner } = rows(base, head);
    expect(runner.some((c) => c.effect === 'widened')).toBe(true);
    expect(failsOnWidened(changes)).toBe(true);
  });
});

describe('no widened row where no runner outside GitHub is reached', () => {
  it.each([
    ['another GitHub-hosted image', workflow('windows-latest')],
    ['a pinned image in a list', workflow('[ubuntu-24.04]')],
    ['another case', workflow('Ubuntu-Latest')],
    ['labels only, GitHub-hosted', workflow('{ labels: ubuntu-22.04 }')],
    [
      'a matrix of GitHub-hosted images',
      workflow(
        '${{ matrix.os }}',
        '    strategy: { matrix: { os: [ubuntu-latest, macos-14, windows-2022] } }\n',
      ),
    ],
  ])('%s', (_name, head) => {
    expect(rows(BASE, head).runner).toEqual([]);
  });

  it('reordered labels, or another case, are no change', () => {
    expect(rows(workflow('[self-hosted, linux]'), workflow('[Linux, SELF-HOSTED]')).runner).toEqual([]);
  });

  it('back to GitHub-hosted is narrowed', () => {
    const { changes, runner } = rows(workflow('[self-hosted, linux]'), BASE);
    expect(runner.length).toBe(1);
    expect(runner[0]!.effect).toBe('narrowed');
    expect(failsOnWidened(changes)).toBe(false);
  });
});

describe('a reusable workflow whose runs-on reads its inputs', () => {
  const callee = `on:
  workflow_call:
    inputs:
      runner: { type: string }
permissions: { contents: read }
jobs:
  build:
    runs-on: \${{ inputs.runner }}
    steps:
      - run: make
`;
  const caller = (runner: string) => `on: push
permissions: { contents: read }
jobs:
  call:
    uses: ./.github/workflows/reusable.yml
    with: { runner: ${runner} }
`;
  const snap = (runner: string) => snapshot([wf('ci.yml', caller(runner)), wf('reusable.yml', callee)]);

  it("a caller's with: that changes what it can name is widened", () => {
    const changes = diffSnapshots(snap('ubuntu-latest'), snap('self-hosted'));
    const runner = changes.filter((c) => c.subject === 'runner');
    expect(runner.some((c) => c.effect === 'widened' && c.workflow === 'reusable.yml')).toBe(true);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('the same caller is no change', () => {
    expect(diffSnapshots(snap('ubuntu-latest'), snap('ubuntu-latest'))).toEqual([]);
  });
});

describe('a new job names the runners it can reach', () => {
  it('in its one row', () => {
    const head = BASE.replace(
      'jobs:\n',
      'jobs:\n  extra:\n    runs-on: [self-hosted]\n    steps: [{ run: x }]\n',
    );
    const row = rows(BASE, head).changes.find((c) => c.job === 'extra');
    expect(row?.effect).toBe('widened');
    expect(row?.after).toContain('runners not GitHub-hosted: labels: self-hosted');
  });
});

describe('property: labels are judged as a set, in any case', () => {
  const label = fc.constantFrom('self-hosted', 'linux', 'x64', 'gpu', 'ubuntu-latest', 'build-box');
  it('reordering or recasing a label list is no change; any list but one hosted label widens', () => {
    fc.assert(
      fc.property(fc.uniqueArray(label, { minLength: 1, maxLength: 5 }), fc.nat(), (labels, seed) => {
        const shuffled = [...labels].sort(
          (x, y) => ((x.length * 31 + seed) % 7) - ((y.length * 31 + seed) % 7),
        );
        const recased = shuffled.map((l, i) => ((i + seed) % 2 ? l.toUpperCase() : l));
        const a = workflow(`[${labels.join(', ')}]`);
        const b = workflow(`[${recased.join(', ')}]`);
        expect(rows(a, b).runner).toEqual([]);
        const hosted = labels.length === 1 && labels[0] === 'ubuntu-latest';
        expect(rows(BASE, a).runner.some((c) => c.effect === 'widened')).toBe(!hosted);
      }),
      { numRuns: 200 },
    );
  });
});
