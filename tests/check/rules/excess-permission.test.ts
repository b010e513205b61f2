import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'excess-permission';
const M = (perms: string) =>
  `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: ${perms}\n`;

describe(rule, () => {
  it('flags each scope above the grant, at the block line', () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml':
          'on: push\njobs:\n  a:\n    permissions:\n      contents: write\n      issues: read\n    steps: []\n',
      },
      M('{ contents: read }'),
    );
    expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([
      ['contents', 4, 'a'],
      ['issues', 4, 'a'],
    ]);
    expect(fs[0]!.message).toMatch(/holds contents: write.*grants job 'a' contents: read/);
  });
  it('is silent when the job holds what it is granted or less', () => {
    expect(
      findingsOf(
        rule,
        { 'ci.yml': 'on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    steps: []\n' },
        M('{ contents: write }'),
      ),
    ).toEqual([]);
  });
  it('explains the repository default when no block is written', () => {
    const fs = findingsOf(
      rule,
      { 'ci.yml': 'on: push\njobs:\n  a:\n    steps: []\n' },
      M('{ contents: write }'),
    );
    expect(fs.length).toBeGreaterThan(10);
    expect(fs.some((f) => f.subject === 'contents')).toBe(false);
    expect(fs[0]!.message).toMatch(/repository default \(permissive\)/);
  });
  it('honours a restricted repository default', () => {
    const m = `version: 1\npolicy:\n  repository-default-permissions: restricted\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: read, packages: read }\n`;
    expect(findingsOf(rule, { 'ci.yml': 'on: push\njobs:\n  a:\n    steps: []\n' }, m)).toEqual([]);
  });
  it('uses `defaults` for unlisted jobs', () => {
    const m = 'version: 1\ndefaults:\n  permissions: { contents: read }\n';
    expect(
      findingsOf(
        rule,
        { 'ci.yml': 'on: push\npermissions: { contents: read }\njobs:\n  z:\n    steps: []\n' },
        m,
      ),
    ).toEqual([]);
    expect(
      findingsOf(
        rule,
        { 'ci.yml': 'on: push\npermissions: { contents: write }\njobs:\n  z:\n    steps: []\n' },
        m,
      )[0]!.message,
    ).toMatch(/defaults/);
  });
  it('judges callee jobs through their caller and says so', () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml':
          'on: push\njobs:\n  call:\n    permissions: { contents: write }\n    uses: ./.github/workflows/b.yml\n',
        'b.yml': 'on: workflow_call\njobs:\n  inner:\n    steps: []\n',
      },
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      call:\n        permissions: { contents: write }\n  b.yml:\n    jobs:\n      inner:\n        permissions: { contents: read }\n',
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(/called from ci.yml job 'call'/);
  });
});
