/**
 * Session 8: an environment written as an expression (`environment: ${{ matrix.env }}`, or a
 * callee's `${{ inputs.target }}`) reads the same while the matrix, the workflow's inputs or the
 * caller's `with:` now name `production`: the job enters another environment, with its secrets and
 * protection rules, and the access diff said "No access changes". Such a change is now a widened
 * environment row.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const matrixJob = (envs: string, extra = '') => `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        env: [${envs}]${extra}
    environment: \${{ matrix.env }}
    permissions: { contents: read }
    steps:
      - run: make deploy
`;

const diff = (base: Record<string, string>, head: Record<string, string>) =>
  diffSnapshots(
    snapshot(Object.entries(base).map(([f, t]) => wf(f, t))),
    snapshot(Object.entries(head).map(([f, t]) => wf(f, t))),
  );
const envRows = (changes: ReturnType<typeof diff>) => changes.filter((c) => c.kind === 'environment');

describe('an environment expression whose sources change is widened', () => {
  it('a matrix that adds production', () => {
    const changes = diff({ 'd.yml': matrixJob('staging') }, { 'd.yml': matrixJob('staging, production') });
    expect(envRows(changes)).toEqual([
      expect.objectContaining({ effect: 'widened', subject: '${{ matrix.env }}', job: 'deploy' }),
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a matrix include', () => {
    expect(
      envRows(
        diff(
          { 'd.yml': matrixJob('staging') },
          { 'd.yml': matrixJob('staging', '\n        include: [{ env: production }]') },
        ),
      ),
    ).toHaveLength(1);
  });

  it("a callee's environment from inputs, when the caller's with: changes", () => {
    const callee = `on:
  workflow_call:
    inputs:
      target: { type: string, required: true }
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: \${{ inputs.target }}
    steps:
      - run: make deploy
`;
    const caller = (target: string) =>
      `on: push\njobs:\n  call:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      target: ${target}\n`;
    const changes = diff(
      { 'ci.yml': caller('staging'), 'deploy.yml': callee },
      { 'ci.yml': caller('production'), 'deploy.yml': callee },
    );
    expect(envRows(changes)).toEqual([
      expect.objectContaining({ effect: 'widened', subject: '${{ inputs.target }}', workflow: 'deploy.yml' }),
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('nothing changes: no row; a literal environment is unaffected by the matrix', () => {
    expect(envRows(diff({ 'd.yml': matrixJob('staging') }, { 'd.yml': matrixJob('staging') }))).toEqual([]);
    const literal = (os: string) =>
      matrixJob(os).replace('env: [', 'os: [').replace('${{ matrix.env }}', 'staging');
    expect(envRows(diff({ 'd.yml': literal('a') }, { 'd.yml': literal('a, b') }))).toEqual([]);
  });
});
