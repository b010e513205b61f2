/**
 * A plain check never evaluates the `yaml` package (its module body was about 36 ms of a cold check,
 * docs/performance.md, session 21): it is loaded on the first document the second reading reads
 * (shared/yaml/second-reader.ts), and then read as before. The CLI as a process, from source, with a
 * preload that reports whether the package's module ran.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliProcess } from '../support/cli.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const PRELOAD = join(ROOT, 'tests/fixtures/s21/yaml-loaded.mjs');

const check = (repo: string) => cliProcess(['check', repo, '--format', 'json'], { preload: PRELOAD });

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sw-s21-yaml-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the yaml package is evaluated only when a document needs the second reading', () => {
  it('a check whose files all take the fast path does not run it', async () => {
    const r = await check(join(ROOT, 'examples/clean-repo'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('yaml-package-loaded: false');
  }, 30_000);

  it('an anchor (the reference path) loads it and reads the file as before', async () => {
    const repo = join(work, 'anchor');
    cpSync(join(ROOT, 'examples/clean-repo'), repo, { recursive: true });
    const ci = join(repo, '.github/workflows/ci.yml');
    const before = await check(repo);
    // The same workflow with its first job's runs-on under an anchor: the fast reader hands it over.
    const text = readFileSync(ci, 'utf8');
    const anchored = text.replace(/runs-on: (\S+)/, 'runs-on: &runner $1');
    expect(anchored).not.toBe(text);
    writeFileSync(ci, anchored);
    const after = await check(repo);
    expect(after.stderr).toContain('yaml-package-loaded: true');
    expect(after.code).toBe(before.code);
    expect(after.stdout).toBe(before.stdout);
  }, 30_000);
});
