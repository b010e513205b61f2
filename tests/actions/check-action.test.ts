import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { runAction } from '../support/action-runner.js';

const root = new URL('../..', import.meta.url).pathname;

describe('the root action (required check)', () => {
  it('annotates, writes the summary and SARIF, sets outputs and fails on errors', async () => {
    const r = await runAction('.', {
      inputs: {
        path: 'examples/demo-repo',
        'sarif-file': 'coverage/tmp-check.sarif',
        token: 'ghs_not-a-real-token',
      },
      github: { workspace: root, token: 'ghs_not-a-real-token' },
      env: { GITHUB_WORKSPACE: root },
    });
    expect(r.failed).toBe(true);
    const stdout = r.steps[0]!.stdout;
    expect(stdout).toMatch(/^::error [^\n]*file=\.github\/workflows\/ci\.yml/m);
    expect(stdout).toMatch(/::notice title=stepwarden::\d+ more errors/);
    expect(r.summary).toContain('## stepwarden check');
    expect(Number(r.outputs.errors)).toBeGreaterThan(10);
    expect(r.outputs['sarif-file']).toMatch(/tmp-check\.sarif$/);
    expect(existsSync(r.outputs['sarif-file']!)).toBe(true);
    expect(JSON.parse(readFileSync(r.outputs['sarif-file']!, 'utf8')).version).toBe('2.1.0');
    // The token input is masked and never printed.
    expect(r.masks).toContain('ghs_not-a-real-token');
    expect(r.leaks).toEqual([]);
  }, 60000);

  it('passes on a clean repository, and fail-on: never never fails', async () => {
    const clean = await runAction('.', {
      inputs: { path: 'examples/clean-repo' },
      github: { workspace: root },
      env: { GITHUB_WORKSPACE: root },
    });
    expect(clean.failed).toBe(false);
    expect(clean.outputs.errors).toBe('0');
    const never = await runAction('.', {
      inputs: { path: 'examples/demo-repo', 'fail-on': 'never' },
      github: { workspace: root },
      env: { GITHUB_WORKSPACE: root },
    });
    expect(never.failed).toBe(false);
  }, 60000);
});
