import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'unused-call';
const manifest = (calls: string) => `version: 1
repository: { id: 1, owner-id: 2 }
workflows:
  release.yml:
    jobs:
      publish:
        calls:
${calls}
  build.yml:
    jobs:
      build:
        credentials:
          - step: push
            audience: github
            permissions: { contents: read }
`;
const callee = `on: workflow_call\njobs:\n  build:\n    runs-on: x\n    steps: []\n  lint:\n    runs-on: x\n    steps: []\n`;
const caller = (uses: string) => `on: push\njobs:\n  publish:\n${uses}`;
const direct = caller('    uses: ./.github/workflows/build.yml\n');

describe(rule, () => {
  it('is silent for an entry the broker can match (direct call, JOB and JOB/STEP)', () => {
    const m = manifest('          build.yml: [build, build/push, lint]');
    expect(findingsOf(rule, { 'release.yml': direct, 'build.yml': callee }, m)).toEqual([]);
  });

  it('is silent when the job reaches the callee through a local reusable workflow, or through one it cannot follow', () => {
    const m = manifest('          build.yml: [build/push]');
    const mid = `on: workflow_call\njobs:\n  inner:\n    uses: ./.github/workflows/build.yml\n`;
    const viaMid = caller('    uses: ./.github/workflows/mid.yml\n');
    expect(findingsOf(rule, { 'release.yml': viaMid, 'mid.yml': mid, 'build.yml': callee }, m)).toEqual([]);
    const remote = `on: workflow_call\njobs:\n  inner:\n    uses: octo-org/shared/.github/workflows/x.yml@v1\n`;
    expect(findingsOf(rule, { 'release.yml': viaMid, 'mid.yml': remote, 'build.yml': callee }, m)).toEqual(
      [],
    );
  });

  it('flags a callee that is not a workflow of the repository, at its line', () => {
    const m = manifest('          gone.yml: [build]');
    const fs = findingsOf(rule, { 'release.yml': direct, 'build.yml': callee }, m);
    expect(fs.map((f) => [f.subject, f.line, f.severity])).toEqual([['gone.yml', 8, 'warning']]);
    expect(fs[0]!.message).toMatch(/not a workflow of this repository.*Fix:/);
  });

  it('flags a job that calls no reusable workflow, or one that never reaches the callee', () => {
    const m = manifest('          build.yml: [build]');
    const steps = caller('    runs-on: x\n    steps: []\n');
    const none = findingsOf(rule, { 'release.yml': steps, 'build.yml': callee }, m);
    expect(none.map((f) => f.subject)).toEqual(['build.yml']);
    expect(none[0]!.message).toMatch(/calls no reusable workflow/);
    const other = `on: workflow_call\njobs:\n  x:\n    runs-on: x\n    steps: []\n`;
    const elsewhere = caller('    uses: ./.github/workflows/other.yml\n');
    const fs = findingsOf(rule, { 'release.yml': elsewhere, 'other.yml': other, 'build.yml': callee }, m);
    expect(fs[0]!.message).toMatch(
      /it calls \.\/\.github\/workflows\/other\.yml, which never reaches build\.yml/,
    );
  });

  it('flags a job the callee does not have and a step without a credential grant, each at its list item', () => {
    const m = manifest('          build.yml: [build/push, deploy, build/sign, lint/push]');
    const fs = findingsOf(rule, { 'release.yml': direct, 'build.yml': callee }, m);
    const by = new Map(fs.map((f) => [f.subject, f]));
    expect([...by.keys()].sort()).toEqual([
      'build.yml:build/sign',
      'build.yml:deploy',
      'build.yml:lint/push',
    ]);
    expect(fs.every((f) => f.line === 8)).toBe(true);
    expect(by.get('build.yml:deploy')!.message).toMatch(/does not have \(its jobs: build, lint\)/);
    expect(by.get('build.yml:build/sign')!.message).toMatch(/credentials only for push/);
    expect(by.get('build.yml:lint/push')!.message).toMatch(/no credentials/);
  });
});
