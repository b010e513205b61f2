/**
 * Session 23: the one-pass commands keep V8's young generation at its first size
 * (`--semi-space-growth-factor=1`, set in-process beside `--no-opt`): on the bench machine a fresh
 * page costs a fault on first touch, and the growing young generation was a quarter of the check's
 * page faults. Asked of V8 from a preload that retains objects through scavenges at exit (which
 * makes a default young generation grow) and compares the young generation's size with twice its
 * size at start. The broker and `audit` keep the default growth.
 */
import { describe, expect, it } from '@jest/globals';
import { join, resolve } from 'node:path';
import { cliProcess } from '../support/cli.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const PRELOAD = join(ROOT, 'tests/fixtures/s23/young-growth.mjs');
const CLEAN = join(ROOT, 'examples/clean-repo');

const cli = (args: string[]) => cliProcess(args, { preload: PRELOAD });

describe('the young generation of a one-pass command keeps its first size', () => {
  it('check: it does not grow', async () => {
    const r = await cli(['check', CLEAN, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('young grew: false');
  }, 30_000);

  it('audit (not one-pass): it grows as by default', async () => {
    const r = await cli(['audit', join(ROOT, 'examples/audit/trail.jsonl'), '--format', 'json']);
    expect(r.stderr).toContain('young grew: true');
  }, 30_000);
});
