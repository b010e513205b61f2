/**
 * Session 25: GitHub runs workflow files from `.github/workflows` only, spelled so: the schema's
 * reusable-workflow reference is `./.github/workflows/{filename}` (actions/languageservices
 * workflow-parser/src/workflow-v1.0.json, `workflow-job` `uses`), GitHub's docs name that directory,
 * and repositories whose files sat in `.github/Workflows` ran nothing until it was renamed
 * (JohannesStoehr/gad23-tests#3, icorbrey/jjj#72). Every face reads that exact path: the check
 * (a folder `.github/Workflows` beside it is not read), the diff from git (a file added under it is
 * no row), the gate (a workflow ref through it is no workflow file) and a job's `uses:` through it
 * (no local reusable workflow: judged as a call it cannot follow, `inherited-secrets` included).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflowRef as callerRef } from '../../shared/conditions/callers.js';
import { readGitRef } from '../../shared/diff/source.js';
import { parseWorkflowRef as gateRef } from '../../shared/enforce/github-source.js';
import { localWorkflowFile } from '../../shared/workflow/access.js';
import { cli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s25-case-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const WRITE_ALL =
  'on: push\njobs:\n  a:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: x}]\n';
const READ = 'on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n    steps: [{run: x}]\n';

function repo(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('`.github/Workflows` (another case) is no folder GitHub runs, and no face reads it', () => {
  it('check reads `.github/workflows` only', async () => {
    const dir = repo('check', {
      '.github/workflows/ok.yml': READ,
      '.github/Workflows/up.yml': WRITE_ALL,
      '.github/access-manifest.yml': 'version: 1\n',
    });
    const r = await cli(['check', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: { file: string }[] };
    expect(out.findings.map((f) => f.file)).not.toContain('.github/Workflows/up.yml');
    expect(r.stdout).not.toContain('up.yml');
  });

  it('the diff from git: a file added under `.github/Workflows` is no workflow of the head', async () => {
    const dir = repo('diff', {
      '.github/workflows/ok.yml': READ,
      '.github/access-manifest.yml': 'version: 1\n',
    });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    mkdirSync(join(dir, '.github/Workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/Workflows/up.yml'), WRITE_ALL);
    git('add', '-A');
    git('commit', '-qm', 'head');
    const head = await readGitRef('HEAD', dir);
    expect(head.workflows.map((w) => w.path)).toEqual(['.github/workflows/ok.yml']);
  });

  it('the gate and the broker read no workflow ref through `.github/Workflows`', () => {
    for (const ref of [
      'o/r/.github/Workflows/x.yml@refs/heads/main',
      'o/r/.GitHub/workflows/x.yml@refs/heads/main',
    ]) {
      expect(gateRef(ref)).toBeUndefined();
      expect(callerRef(ref)).toBeUndefined();
    }
    expect(gateRef('o/r/.github/workflows/x.yml@refs/heads/main')).toBeDefined();
  });

  it('a job calling `./.github/Workflows/lib.yml` calls no local reusable workflow (a call the check cannot follow)', async () => {
    expect(localWorkflowFile('./.github/Workflows/lib.yml')).toBeUndefined();
    expect(localWorkflowFile('./.github/workflows/lib.yml')).toBe('lib.yml');
    const dir = repo('call', {
      '.github/workflows/lib.yml':
        'on: workflow_call\njobs:\n  b:\n    runs-on: x\n    permissions: {}\n    steps: [{run: x}]\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  call:\n    permissions: {}\n    uses: ./.github/Workflows/lib.yml\n    secrets: inherit\n',
      '.github/access-manifest.yml': 'version: 1\n',
    });
    const r = await cli(['check', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] };
    expect(out.findings.filter((f) => f.rule === 'inherited-secrets').map((f) => [f.file, f.line])).toEqual([
      ['.github/workflows/ci.yml', 6],
    ]);
  });
});
