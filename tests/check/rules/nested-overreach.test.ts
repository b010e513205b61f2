import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findingsOf, manifest, wf } from '../../support/repo.js';
import { runCheck } from '../../../shared/check/run.js';

const rule = 'nested-overreach';
const caller = (block: string) =>
  `on: push\n${block}jobs:\n  release:\n    uses: ./.github/workflows/deploy.yml\n`;
const callee = (block: string) =>
  `on: workflow_call\njobs:\n  deploy:\n${block}    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;

describe(rule, () => {
  it("reports GitHub's refusal with its wording, the caller and callee lines, and the fix", () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml': caller('permissions:\n  actions: read\n'),
        'deploy.yml': callee('    permissions:\n      actions: write\n'),
      },
      'version: 1\n',
    );
    expect(fs).toHaveLength(1);
    const [f] = fs;
    expect(f).toMatchObject({
      severity: 'error',
      workflow: 'ci.yml',
      job: 'release',
      subject: 'deploy.yml/deploy',
      file: '.github/workflows/ci.yml',
      line: 6,
    });
    expect(f!.message).toContain(
      "The nested job 'deploy' is requesting 'actions: write', but is only allowed 'actions: read'.",
    );
    expect(f!.message).toContain('.github/workflows/deploy.yml:4');
    expect(f!.message).toContain('.github/workflows/ci.yml:6');
    expect(f!.message).toMatch(/Fix: grant actions: write to job 'release'/);
  });

  it("one finding per called job, listing every scope, named by the job's name as GitHub does", () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml': caller('permissions: {}\n'),
        'deploy.yml': callee(
          '    name: Deploy 1\n    permissions:\n      contents: write\n      issues: read\n',
        ),
      },
      'version: 1\n',
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toContain(
      "The nested job 'Deploy 1' is requesting 'contents: write, issues: read', but is only allowed 'contents: none, issues: none'.",
    );
  });

  it("a callee's workflow-level block is reported once, as GitHub words it, whichever jobs inherit it", () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml': caller('permissions:\n  contents: read\n'),
        'deploy.yml':
          'on: workflow_call\npermissions:\n  packages: write\n  contents: write\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n  b:\n    steps: []\n    runs-on: ubuntu-latest\n',
      },
      'version: 1\n',
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.subject).toBe('deploy.yml');
    expect(fs[0]!.message).toContain(
      "The workflow './.github/workflows/deploy.yml' is requesting 'contents: write, packages: write', but is only allowed 'contents: read, packages: none'.",
    );
    expect(fs[0]!.message).toContain('.github/workflows/deploy.yml:2');
  });

  it('is silent when the callee asks for no more than the caller holds, or writes no block', () => {
    expect(
      findingsOf(
        rule,
        {
          'ci.yml': caller('permissions:\n  contents: write\n'),
          'deploy.yml': callee('    permissions:\n      contents: read\n'),
        },
        'version: 1\n',
      ),
    ).toEqual([]);
    expect(
      findingsOf(rule, { 'ci.yml': caller('permissions: {}\n'), 'deploy.yml': callee('') }, 'version: 1\n'),
    ).toEqual([]);
  });

  describe("GitHub's id-token exception (same-organization callee, caller without a block, permissive default)", () => {
    const files = {
      'ci.yml': caller(''),
      'deploy.yml': callee('    permissions:\n      id-token: write\n      contents: read\n'),
    };
    it('allows id-token: write, and the callee job holds it', () => {
      const permissive = 'version: 1\npolicy:\n  repository-default-permissions: permissive\n';
      expect(findingsOf(rule, files, permissive)).toEqual([]);
      const { jobs } = runCheck({
        workflows: Object.entries(files).map(([f, t]) => wf(f, t)),
        manifest: manifest(permissive),
      });
      const deploy = jobs.find((j) => j.job === 'deploy' && j.via)!;
      expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    });
    it('not under the restricted default', () => {
      const fs = findingsOf(
        rule,
        files,
        'version: 1\npolicy:\n  repository-default-permissions: restricted\n',
      );
      expect(fs).toHaveLength(1);
      expect(fs[0]!.message).toContain(
        "is requesting 'id-token: write', but is only allowed 'id-token: none'.",
      );
    });
    it('not when the caller writes a block (even one that leaves id-token out)', () => {
      const fs = findingsOf(
        rule,
        { ...files, 'ci.yml': caller('permissions:\n  contents: write\n') },
        'version: 1\npolicy:\n  repository-default-permissions: permissive\n',
      );
      expect(fs.map((f) => f.message.match(/'id-token: \w+'/g))).toEqual([
        ["'id-token: write'", "'id-token: none'"],
      ]);
    });
  });

  it('a callee of a callee is held against the token its own caller holds', () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml': caller('permissions:\n  contents: write\n'),
        'deploy.yml': `on: workflow_call\njobs:\n  deploy:\n    permissions:\n      contents: read\n    uses: ./.github/workflows/inner.yml\n`,
        'inner.yml': callee('    permissions:\n      contents: write\n'),
      },
      'version: 1\n',
    );
    expect(fs.map((f) => [f.file, f.line, f.subject])).toEqual([
      ['.github/workflows/deploy.yml', 6, 'inner.yml/deploy'],
    ]);
  });

  it('never reports when the callee block equals the caller block (property)', () => {
    const scopes = ['actions', 'contents', 'issues', 'id-token', 'packages'] as const;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...scopes), fc.constantFrom('none', 'read', 'write'), { minKeys: 1 }),
        fc.constantFrom('permissive', 'restricted'),
        (m, def) => {
          const block = Object.entries(m)
            .filter(([s, l]) => !(s === 'id-token' && l === 'read'))
            .map(([s, l]) => `  ${s}: ${l}\n`)
            .join('');
          if (!block) return;
          const fs = findingsOf(
            rule,
            {
              'ci.yml': caller(`permissions:\n${block}`),
              'deploy.yml': callee(`    permissions:\n${block.replace(/^/gm, '    ').trimEnd()}\n`),
            },
            `version: 1\npolicy:\n  repository-default-permissions: ${def}\n`,
          );
          expect(fs).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
