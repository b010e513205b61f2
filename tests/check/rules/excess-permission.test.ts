import { describe, expect, it } from '@jest/globals';
import { findingsOf, manifest, wf } from '../../support/repo.js';
import { runCheck } from '../../../shared/check/run.js';
import { annotationsOf } from '../../../shared/render/github.js';

const rule = 'excess-permission';
const M = (perms: string) =>
  `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: ${perms}\n`;

describe(rule, () => {
  it('flags every scope above the grant in one finding per job, at the block line', () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml':
          'on: push\njobs:\n  a:\n    permissions:\n      contents: write\n      issues: read\n    steps: []\n    runs-on: ubuntu-latest\n',
      },
      M('{ contents: read }'),
    );
    expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([['contents, issues', 4, 'a']]);
    expect(fs[0]!.message).toMatch(
      /holds contents: write, issues: read, but the manifest grants job 'a' contents: read and none of the rest$/,
    );
  });
  it('is silent when the job holds what it is granted or less', () => {
    expect(
      findingsOf(
        rule,
        {
          'ci.yml':
            'on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    steps: []\n    runs-on: ubuntu-latest\n',
        },
        M('{ contents: write }'),
      ),
    ).toEqual([]);
  });
  it('explains the repository default when no block is written', () => {
    const fs = findingsOf(
      rule,
      { 'ci.yml': 'on: push\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n' },
      M('{ contents: write }'),
    );
    // One finding, not one per scope (18 on one line before).
    expect(fs).toHaveLength(1);
    const scopes = fs[0]!.subject.split(', ');
    expect(scopes.length).toBeGreaterThan(10);
    expect(scopes).not.toContain('contents');
    expect(scopes).toContain('issues');
    expect(fs[0]!.message).toMatch(/repository default \(permissive\)/);
  });
  it('honours a restricted repository default', () => {
    const m = `version: 1\npolicy:\n  repository-default-permissions: restricted\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: read, packages: read }\n`;
    expect(
      findingsOf(rule, { 'ci.yml': 'on: push\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n' }, m),
    ).toEqual([]);
  });
  it('uses `defaults` for unlisted jobs', () => {
    const m = 'version: 1\ndefaults:\n  permissions: { contents: read }\n';
    expect(
      findingsOf(
        rule,
        {
          'ci.yml':
            'on: push\npermissions: { contents: read }\njobs:\n  z:\n    steps: []\n    runs-on: ubuntu-latest\n',
        },
        m,
      ),
    ).toEqual([]);
    expect(
      findingsOf(
        rule,
        {
          'ci.yml':
            'on: push\npermissions: { contents: write }\njobs:\n  z:\n    steps: []\n    runs-on: ubuntu-latest\n',
        },
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
        'b.yml': 'on: workflow_call\njobs:\n  inner:\n    steps: []\n    runs-on: ubuntu-latest\n',
      },
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      call:\n        permissions: { contents: write }\n  b.yml:\n    jobs:\n      inner:\n        permissions: { contents: read }\n',
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(/called from ci.yml job 'call'/);
  });
  it('--format github annotations cover ten jobs, not ten scopes of one', () => {
    const jobs = Array.from(
      { length: 12 },
      (_, i) => `  j${i}:\n    steps: [{ run: x }]\n    runs-on: ubuntu-latest\n`,
    ).join('');
    const result = runCheck({
      workflows: [wf('ci.yml', `on: push\njobs:\n${jobs}`)],
      manifest: manifest('version: 1\n'),
    });
    const errors = annotationsOf(result).filter((a) => a.level === 'error');
    expect(errors).toHaveLength(10);
    expect(new Set(errors.map((a) => a.properties.startLine)).size).toBe(10);
  });
});
