/**
 * `stepwarden check` as a process runs without V8's optimizing compiler (Turbofan): a one-pass command
 * spent about a third of its CPU compiling code that then ran only briefly (docs/performance.md,
 * session 21). Every other command keeps it (the broker runs for days). Asked of V8 itself, from a
 * preload, at exit.
 */
import { describe, expect, it } from '@jest/globals';
import { join, resolve } from 'node:path';
import { cliProcess } from '../support/cli.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const PRELOAD = join(ROOT, 'tests/fixtures/s21/turbofan-status.mjs');

const cli = (args: string[]) => cliProcess(args, { nodeArgs: ['--allow-natives-syntax'], preload: PRELOAD });

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
