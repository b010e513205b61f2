/**
 * Session 22: `diff`, `init` and `action check` (the required check: action.yml runs
 * `node dist/index.js action check`) join `check` as one-pass commands, with its V8 tiers (since
 * session 36 Turbofan without inlining and with four times the interrupt budget; sessions 22-35
 * without Turbofan); `audit` keeps V8's defaults (it streams long logs). Asked of V8 itself from a
 * preload at exit, as tests/cli/s21-one-pass.test.ts does. The choice is a pure function of the
 * arguments, so which words select it is a property test.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isOnePass } from '../../shared/cli/main.js';
import { DEFAULT_TIERS, ONE_PASS_TIERS, TIERS_PRELOAD } from '../fixtures/s36-c/tiers.js';
import { cliProcess } from '../support/cli.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CLEAN = join(ROOT, 'examples/clean-repo');

const cli = (args: string[], env?: NodeJS.ProcessEnv) =>
  cliProcess(args, { nodeArgs: ['--allow-natives-syntax'], preload: TIERS_PRELOAD, env });

describe('the one-pass commands of session 22 run with the one-pass tiers', () => {
  it('diff runs with them', async () => {
    const r = await cli(['diff', CLEAN, CLEAN, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(ONE_PASS_TIERS);
  }, 60_000);

  it('init runs with them', async () => {
    const ids = '--repository o/r --repository-id 1 --owner-id 2'.split(' ');
    const r = await cli(['init', CLEAN, '--stdout', ...ids]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(ONE_PASS_TIERS);
  }, 60_000);

  it('action check (the required check) runs with them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s22-onepass-'));
    // The runner creates both files before the step runs; the action appends to them.
    for (const f of ['summary.md', 'output.txt']) writeFileSync(join(dir, f), '');
    try {
      const r = await cli(['action', 'check'], {
        INPUT_PATH: CLEAN,
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
        GITHUB_OUTPUT: join(dir, 'output.txt'),
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(ONE_PASS_TIERS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("audit keeps V8's defaults", async () => {
    const r = await cli(['audit', join(ROOT, 'examples/audit/trail.jsonl'), '--format', 'json']);
    expect(r.stderr).toContain(DEFAULT_TIERS);
  }, 60_000);
});

describe('isOnePass', () => {
  const word = fc.string({ maxLength: 8 });
  const rest = fc.array(word, { maxLength: 4 });

  it('is on for check, diff, init and action check, whatever follows', () => {
    const onePass = fc.constantFrom(['check'], ['diff'], ['init'], ['action', 'check']);
    fc.assert(fc.property(onePass, rest, (command, more) => isOnePass([...command, ...more])));
  });

  it('is off for every other first word and every other action', () => {
    const other = word.filter((w) => !['check', 'diff', 'init', 'action'].includes(w));
    fc.assert(fc.property(other, rest, (first, more) => !isOnePass([first, ...more])));
    const otherAction = word.filter((w) => w !== 'check');
    fc.assert(fc.property(otherAction, rest, (name, more) => !isOnePass(['action', name, ...more])));
    expect(isOnePass(['audit'])).toBe(false);
    expect(isOnePass(['action'])).toBe(false);
    expect(isOnePass([])).toBe(false);
  });
});
