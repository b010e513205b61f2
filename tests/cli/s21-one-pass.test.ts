/**
 * `stepwarden check` as a process runs with V8's tiers set for one pass (shared/cli/main.ts,
 * ONE_PASS_V8_FLAGS): session 21 turned Turbofan off; session 36 turned it back on without inlining
 * and with four times V8's interrupt budget, so only what stays hot over many files is compiled.
 * Every other command keeps V8's defaults (the broker runs for days). Asked of V8 itself, from a
 * preload, at exit (tests/fixtures/s36-c/tiers-status.mjs says what each answer means).
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TIERS, ONE_PASS_TIERS, TIERS_PRELOAD } from '../fixtures/s36-c/tiers.js';
import { cliProcess } from '../support/cli.js';

const cli = (args: string[]) =>
  cliProcess(args, { nodeArgs: ['--allow-natives-syntax'], preload: TIERS_PRELOAD });

describe('one-pass tiers for check only', () => {
  it('check runs Turbofan without inlining and with the larger interrupt budget', async () => {
    const r = await cli(['check', 'examples/clean-repo', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(ONE_PASS_TIERS);
  }, 60_000);

  it("another command (explain --help) keeps V8's defaults", async () => {
    const r = await cli(['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(DEFAULT_TIERS);
  }, 60_000);
});
