/**
 * bench/check.ts's A/B (session 36): with STEPWARDEN_BASE it runs a second bundle's check in the same
 * rounds and prints this check against it; without it, nothing of the kind; a base that is not there
 * is refused before anything runs. Speed is not asserted (a loaded CI machine): only the figures.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/corpus.js';

const DIST = join(REPO_ROOT, 'dist/index.js');
/** The bench's processes on a loaded 2-core machine: tsx, a corpus slice, three node processes a round. */
const DEADLINE = 240_000;

function bench(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench/check.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', RUNS: '1', BENCH_CORPUS_FILES: '5', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => done({ code, out }));
  });
}

const NUM = String.raw`\d+\.\d\d`;

describe('bench/check.ts against a base bundle', () => {
  it(
    'prints the base and the ratios when STEPWARDEN_BASE is set',
    async () => {
      const r = await bench({ STEPWARDEN_BASE: DIST });
      expect(r.code).toBe(0);
      expect(r.out).toMatch(
        /^base {3}\(node .*index\.js check --format json\): \d+ ms median \(CPU \d+ ms, main thread -?\d+ ms\)/m,
      );
      expect(r.out).toMatch(
        new RegExp(`^check/base: ${NUM}x wall, ${NUM}x CPU, (${NUM}|\\?)x main-thread CPU$`, 'm'),
      );
    },
    DEADLINE,
  );

  it(
    'prints neither without it',
    async () => {
      const r = await bench({ STEPWARDEN_BASE: '' });
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^ratio check\/floor: /m);
      expect(r.out).not.toMatch(/^base |^check\/base:/m);
    },
    DEADLINE,
  );

  it(
    'refuses a base that is not there',
    async () => {
      const r = await bench({ STEPWARDEN_BASE: join(REPO_ROOT, 'no-such-dir/index.js') });
      expect(r.code).toBe(2);
      expect(r.out).toContain('no bundle at');
      expect(r.out).not.toMatch(/^corpus: /m);
    },
    DEADLINE,
  );
});
