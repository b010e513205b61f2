/**
 * Session 30's cheaper per-job paths of the check: a finding is made field by field, a manifest entry
 * is looked up without a key path around it, and a workflow file's path is joined by hand.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finding, manifestJob, type CheckContext, type RuleMeta } from '../../shared/check/rule.js';
import { readWorkflowsSafely } from '../../shared/check/load.js';
import { loadManifest } from '../../shared/manifest/load.js';

const meta: RuleMeta = { id: 'a-rule', severity: 'warning', title: 't', summary: 's', help: 'h' };
const CONTRACT = ['rule', 'severity', 'workflow', 'job', 'subject', 'message', 'file', 'line'];

describe('finding (s30)', () => {
  it("has the contract's eight keys in the contract's order, whatever order the rule wrote", () => {
    const fields = {
      workflow: fc.option(fc.string(), { nil: null }),
      job: fc.option(fc.string(), { nil: null }),
      subject: fc.string(),
      message: fc.string(),
      file: fc.string(),
      line: fc.nat(),
    };
    fc.assert(
      fc.property(
        fc.record(fields),
        fc.shuffledSubarray(Object.keys(fields), { minLength: 6 }),
        (f, order) => {
          const written = Object.fromEntries(order.map((k) => [k, f[k as keyof typeof f]])) as typeof f;
          const made = finding(meta, written);
          expect(Object.keys(made)).toEqual(CONTRACT);
          expect(made).toEqual({ rule: 'a-rule', severity: 'warning', ...f });
        },
      ),
    );
  });

  it('carries nothing a rule adds beside the contract', () => {
    const extra = {
      workflow: 'ci.yml',
      job: 'build',
      subject: 's',
      message: 'm',
      file: '.github/workflows/ci.yml',
      line: 3,
      token: 'ghs_secret',
    };
    expect(Object.keys(finding(meta, extra))).toEqual(CONTRACT);
  });
});

describe('manifestJob (s30)', () => {
  const manifest = loadManifest(
    [
      'version: 1',
      'workflows:',
      '  ci.yml:',
      '    jobs:',
      '      build: { secrets: [A] }',
      '      constructor: { secrets: [B] }',
    ].join('\n'),
    '.github/access-manifest.yml',
  );
  const ctx = { manifest } as unknown as CheckContext;
  it("is the job's own entry, or nothing", () => {
    expect(manifestJob(ctx, 'ci.yml', 'build')).toBe(manifest.manifest.workflows['ci.yml']!.jobs.build);
    expect(manifestJob(ctx, 'ci.yml', 'constructor')?.secrets).toEqual(['B']);
    expect(manifestJob(ctx, 'ci.yml', 'toString')).toBeUndefined();
    expect(manifestJob(ctx, 'ci.yml', 'hasOwnProperty')).toBeUndefined();
    expect(manifestJob(ctx, 'toString', 'build')).toBeUndefined();
    expect(manifestJob(ctx, 'other.yml', 'build')).toBeUndefined();
  });
});

describe('workflow file paths joined by hand (s30)', () => {
  it('reads each file of the directory whatever its name, from any spelling of the repository path', async () => {
    const root = mkdtempSync(join(tmpdir(), 's30-read-'));
    try {
      const repo = join(root, 'repo');
      mkdirSync(join(repo, '.github/workflows'), { recursive: true });
      const names = ['a.yml', '..yml', 'b\\c.yaml', ' sp ace.yml', 'é.yml'];
      for (const n of names)
        writeFileSync(
          join(repo, '.github/workflows', n),
          `on: push\njobs:\n  j${names.indexOf(n)}:\n    runs-on: x\n    steps: [{run: a}]\n`,
        );
      symlinkSync(join(repo, '.github/workflows/a.yml'), join(repo, '.github/workflows/link.yml'));
      for (const spelling of [repo, `${repo}/`, `${repo}/.`, `${root}/./repo/../repo`]) {
        const models = await readWorkflowsSafely(spelling);
        expect(models.map((m) => m.path)).toEqual(
          [...names, 'link.yml'].sort().map((n) => `.github/workflows/${n}`),
        );
        for (const m of models) {
          if (m.file === 'link.yml') expect(m.error?.message).toMatch(/symbolic link/);
          else expect(m.jobs.map((j) => j.id)).toEqual([`j${names.indexOf(m.file)}`]);
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
