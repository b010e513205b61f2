/**
 * Session 16: a callee's `environment: ${{ inputs.target }}` (or `runs-on: ${{ inputs.runner }}`)
 * reached through a NESTED call (ci.yml -> middle.yml -> deploy.yml, the middle passing
 * `target: ${{ inputs.target }}` on). The value comes from the outermost caller's `with:`, but the
 * diff compared only the immediate caller's: ci.yml switching `staging` to `production` changed
 * nothing the diff read, and it said "No access changes".
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { PINNED_GATE, wf } from '../support/repo.js';

const diff = (base: Record<string, string>, head: Record<string, string>) =>
  diffSnapshots(
    snapshot(Object.entries(base).map(([f, t]) => wf(f, t))),
    snapshot(Object.entries(head).map(([f, t]) => wf(f, t))),
  );

const callee = `on:
  workflow_call:
    inputs:
      target: { type: string, required: true }
      runner: { type: string, required: true }
jobs:
  deploy:
    runs-on: \${{ inputs.runner }}
    environment: \${{ inputs.target }}
    permissions: { contents: read }
    steps:
      - run: make deploy
`;
const middle = `on:
  workflow_call:
    inputs:
      target: { type: string, required: true }
      runner: { type: string, required: true }
jobs:
  pass:
    uses: ./.github/workflows/deploy.yml
    with:
      target: \${{ inputs.target }}
      runner: \${{ inputs.runner }}
`;
const caller = (target: string, runner = 'ubuntu-latest') =>
  `on: push\njobs:\n  call:\n    uses: ./.github/workflows/middle.yml\n    with:\n      target: ${target}\n      runner: ${runner}\n`;
const files = (target: string, runner?: string) => ({
  'ci.yml': caller(target, runner),
  'middle.yml': middle,
  'deploy.yml': callee,
});

describe("a nested callee's expression reads the outermost caller's with:", () => {
  it('the environment: a widened row on the innermost job', () => {
    const changes = diff(files('staging'), files('production'));
    expect(changes.filter((c) => c.kind === 'environment')).toEqual([
      expect.objectContaining({ effect: 'widened', subject: '${{ inputs.target }}', workflow: 'deploy.yml' }),
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('the runner: a change row on the innermost job', () => {
    const changes = diff(files('staging'), files('staging', 'self-hosted'));
    expect(
      changes.some((c) => c.workflow === 'deploy.yml' && c.subject === 'runner' && c.effect === 'widened'),
    ).toBe(true);
  });

  it("a middle workflow's input default that the chain passes down", () => {
    const middleWithDefault = (target: string) =>
      middle.replace(
        'target: { type: string, required: true }',
        `target: { type: string, default: ${target} }`,
      );
    const tree = (target: string) => ({
      'ci.yml': `on: push\njobs:\n  call:\n    uses: ./.github/workflows/middle.yml\n    with:\n      runner: ubuntu-latest\n`,
      'middle.yml': middleWithDefault(target),
      'deploy.yml': callee,
    });
    const changes = diff(tree('staging'), tree('production'));
    expect(changes.filter((c) => c.kind === 'environment')).toEqual([
      expect.objectContaining({ effect: 'widened', subject: '${{ inputs.target }}', workflow: 'deploy.yml' }),
    ]);
  });

  it('nothing changed: no row', () => {
    expect(diff(files('staging'), files('staging'))).toEqual([]);
  });
});

/**
 * The fork guard of session 14 through a nested call: the outermost caller runs on
 * `pull_request_target` and its `if:` keeps forks out; the innermost callee enters `production` (whose
 * secrets it reads). The callee's row took the triggers and `if:` of its immediate caller only, a
 * `workflow_call` workflow, so dropping the guard was no row anywhere (the outermost caller holds no
 * write permission, secret or environment of its own).
 */
describe("a nested callee's fork guard is the whole chain's", () => {
  const GUARD = 'github.event.pull_request.head.repo.full_name == github.repository';
  const inner = `on: workflow_call
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    permissions: { contents: read }
    steps:
      - run: make deploy
`;
  const mid = `on: workflow_call
jobs:
  pass:
    uses: ./.github/workflows/deploy.yml
`;
  const outer = (cond: string | undefined) =>
    `on: pull_request_target\npermissions: { contents: read }\njobs:\n  call:\n${cond === undefined ? '' : `    if: ${cond}\n`}    uses: ./.github/workflows/middle.yml\n`;
  const tree = (cond: string | undefined) => ({
    'pr.yml': outer(cond),
    'middle.yml': mid,
    'deploy.yml': inner,
  });

  it('dropping the outermost guard is a widened if: row on the innermost job', () => {
    const changes = diff(tree(GUARD), tree(undefined));
    expect(changes).toEqual([
      expect.objectContaining({ workflow: 'deploy.yml', subject: 'if:', effect: 'widened' }),
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('the guard kept: no row', () => {
    expect(diff(tree(GUARD), tree(GUARD))).toEqual([]);
  });
});

/**
 * A callee's job container named in part by an input (`ghcr.io/${{ inputs.org }}/node:20`: not one
 * whole expression, so no run-time mapping and the gate stays armed): the image runs the gate's
 * `node`, and the caller's `with:` picks it. The container's text held the job's strategy only, so
 * the caller switching the image's owner was no row.
 */
describe("a callee's container image picked by its callers' with:", () => {
  const callee = `on:
  workflow_call:
    inputs:
      org: { type: string, required: true }
jobs:
  release:
    runs-on: ubuntu-latest
    permissions: { contents: write }
    container: ghcr.io/\${{ inputs.org }}/node:20
    steps:
      - uses: ${PINNED_GATE}
      - run: make release
`;
  const caller = (org: string) =>
    `on: push\npermissions: { contents: write }\njobs:\n  call:\n    uses: ./.github/workflows/release.yml\n    with:\n      org: ${org}\n`;
  const gateRows = (a: string, b: string) =>
    diff(
      { 'ci.yml': caller(a), 'release.yml': callee },
      { 'ci.yml': caller(b), 'release.yml': callee },
    ).filter((c) => c.subject === 'actions/enforce gate');

  it('another image is a widened gate row on the callee', () => {
    expect(gateRows('acme', 'mallory')).toEqual([
      expect.objectContaining({ workflow: 'release.yml', job: 'release via ci.yml/call', effect: 'widened' }),
    ]);
  });

  it('the same image: no row', () => {
    expect(gateRows('acme', 'acme')).toEqual([]);
  });
});
