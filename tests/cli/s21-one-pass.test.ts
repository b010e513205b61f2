/**
 * `stepwarden check` as a process runs without V8's optimizing compiler (Turbofan): a one-pass command
 * spent about a third of its CPU compiling code that then ran only briefly (docs/performance.md,
 * session 21). Every other command keeps it (the broker runs for days). Asked of V8 itself, from a
 * preload, at exit.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const MAIN = join(ROOT, 'shared/cli/main.ts');
const PRELOAD = join(ROOT, 'tests/fixtures/s21/turbofan-status.mjs');

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--import', PRELOAD, MAIN, ...args],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('Turbofan is off for one-pass commands only', () => {
  it('check runs without it', async () => {
    const r = await cli(['check', 'examples/clean-repo', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('turbofanned: false');
  }, 30_000);

  it('another command (explain --help) keeps it', async () => {
    const r = await cli(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('turbofanned: true');
  }, 30_000);
});
