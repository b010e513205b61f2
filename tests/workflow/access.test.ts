import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compact, levelRank, SCOPE_NAMES, type Level, type Scope } from '../../shared/permissions/scopes.js';
import { blockPermissions, localWorkflowFile, resolveAccess } from '../../shared/workflow/access.js';
import { wf, y } from '../support/repo.js';

const one = (text: string, def: 'permissive' | 'restricted' = 'permissive') =>
  resolveAccess([wf('ci.yml', text)], def);

describe('GitHub permission rules', () => {
  it('no block anywhere: the permissive default is write on every scope but id-token', () => {
    const [a] = one('on: push\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n');
    expect(a!.permissionsSource).toBe('repository-default');
    expect(a!.permissions.contents).toBe('write');
    expect(a!.permissions['id-token']).toBe('none');
    expect(a!.permissions.models).toBe('read');
  });

  it('no block anywhere: the restricted default is contents and packages read', () => {
    const [a] = one('on: push\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n', 'restricted');
    expect(compact(a!.permissions)).toEqual({ contents: 'read', packages: 'read' });
  });

  it('naming one scope sets every unnamed scope to none', () => {
    const [a] = one(
      'on: push\npermissions:\n  issues: write\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    expect(compact(a!.permissions)).toEqual({ issues: 'write' });
    expect(a!.permissionsSource).toBe('workflow');
    expect(a!.permissionsLine).toBe(2);
  });

  it('a job-level block replaces the workflow-level block entirely (no merge)', () => {
    const [a] = one(
      'on: push\npermissions:\n  contents: write\n  issues: write\njobs:\n  a:\n    permissions:\n      pull-requests: read\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    expect(compact(a!.permissions)).toEqual({ 'pull-requests': 'read' });
    expect(a!.permissionsSource).toBe('job');
  });

  it('{} means none on every scope', () => {
    const [a] = one('on: push\npermissions: {}\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n');
    expect(compact(a!.permissions)).toEqual({});
  });

  it('read-all and write-all are clamped to what each scope accepts', () => {
    const [r] = one(
      'on: push\npermissions: read-all\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    expect(r!.permissions.contents).toBe('read');
    expect(r!.permissions['id-token']).toBe('none');
    const [w] = one(
      'on: push\npermissions: write-all\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    expect(w!.permissions.contents).toBe('write');
    expect(w!.permissions['id-token']).toBe('write');
    expect(w!.permissions.models).toBe('read');
  });

  it('unknown scopes and invalid levels grant nothing', () => {
    const [a] = one(
      'on: push\njobs:\n  a:\n    permissions:\n      content: write\n      models: write\n      issues: read\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    expect(compact(a!.permissions)).toEqual({ issues: 'read' });
  });

  it('the effective set never exceeds the written block (property)', () => {
    const level = fc.constantFrom<Level>('none', 'read', 'write');
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...SCOPE_NAMES), level), (map) => {
        const entries = Object.entries(map).map(([scope, l], i) => ({ scope, level: l, line: i + 1 }));
        const set = blockPermissions({ line: 1, entries });
        for (const s of SCOPE_NAMES)
          expect(levelRank(set[s])).toBeLessThanOrEqual(levelRank((map[s as Scope] ?? 'none') as Level));
      }),
    );
  });
});

describe('reusable workflows in the same repository', () => {
  const callee = (block: string) =>
    wf(
      'build.yml',
      `on:\n  workflow_call:\n${block}jobs:\n  compile:\n    runs-on: x\n    steps: []\n  sign:\n    runs-on: x\n    permissions:\n      contents: write\n      id-token: write\n    steps: []\n`,
    );
  const caller = wf(
    'ci.yml',
    y`
    on: push
    jobs:
      build:
        permissions:
          contents: read
          id-token: write
        uses: ./.github/workflows/build.yml
      other:
        permissions:
          issues: write
        uses: ./.github/workflows/build.yml@main
    `,
  );

  it('judges a workflow_call-only workflow once per local caller, capped by the caller', () => {
    const jobs = resolveAccess([caller, callee('')], 'permissive');
    const compile = jobs.filter((j) => j.workflow === 'build.yml' && j.job === 'compile');
    expect(compile.map((j) => j.via?.job).sort()).toEqual(['build', 'other']);
    // Without a block, the callee job holds the caller's token as is.
    expect(compact(compile.find((j) => j.via!.job === 'build')!.permissions)).toEqual({
      contents: 'read',
      'id-token': 'write',
    });
    expect(compile.find((j) => j.via!.job === 'build')!.permissionsSource).toBe('caller');
    // With a block, at most the caller's.
    const sign = jobs.find((j) => j.job === 'sign' && j.via?.job === 'build')!;
    expect(compact(sign.permissions)).toEqual({ contents: 'read', 'id-token': 'write' });
    const signOther = jobs.find((j) => j.job === 'sign' && j.via?.job === 'other')!;
    expect(compact(signOther.permissions)).toEqual({});
    // Never judged on its own with the repository default.
    expect(jobs.some((j) => j.workflow === 'build.yml' && !j.via)).toBe(false);
  });

  it('a callee-workflow-level block caps too', () => {
    const jobs = resolveAccess([caller, callee('permissions:\n  contents: read\n')], 'permissive');
    const compile = jobs.find((j) => j.job === 'compile' && j.via?.job === 'build')!;
    expect(compact(compile.permissions)).toEqual({ contents: 'read' });
  });

  it('says so when a workflow_call-only workflow has no local caller', () => {
    const jobs = resolveAccess([callee('')], 'restricted');
    expect(jobs.every((j) => j.noLocalCaller)).toBe(true);
    expect(compact(jobs[0]!.permissions)).toEqual({ contents: 'read', packages: 'read' });
  });

  it('judges a workflow with workflow_call and other triggers on its own and per caller', () => {
    const both = wf(
      'build.yml',
      'on: [push, workflow_call]\njobs:\n  compile:\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    const jobs = resolveAccess([caller, both], 'permissive');
    expect(
      jobs
        .filter((j) => j.workflow === 'build.yml')
        .map((j) => j.via?.job ?? 'self')
        .sort(),
    ).toEqual(['build', 'other', 'self']);
  });

  it('a job that calls a reusable workflow is a job too', () => {
    const jobs = resolveAccess([caller, callee('')], 'permissive');
    expect(compact(jobs.find((j) => j.workflow === 'ci.yml' && j.job === 'other')!.permissions)).toEqual({
      issues: 'write',
    });
  });

  it('stops at cycles', () => {
    const a = wf('a.yml', 'on: [push, workflow_call]\njobs:\n  x:\n    uses: ./.github/workflows/b.yml\n');
    const b = wf('b.yml', 'on: workflow_call\njobs:\n  y:\n    uses: ./.github/workflows/a.yml\n');
    const jobs = resolveAccess([a, b], 'permissive');
    expect(jobs.length).toBeLessThan(10);
  });

  it('recognises only workflow paths as local reusable workflows', () => {
    expect(localWorkflowFile('./.github/workflows/x.yml')).toBe('x.yml');
    expect(localWorkflowFile('./.github/workflows/x.yaml@main')).toBe('x.yaml');
    expect(localWorkflowFile('./my-action')).toBeUndefined();
    expect(localWorkflowFile('o/r/.github/workflows/x.yml@v1')).toBeUndefined();
  });
});
