/**
 * bench/check.ts prints the check's main-thread CPU beside the process's (session 35: with a second
 * thread busy, the main thread's time is the critical path, and the process's CPU says nothing of
 * it). Run over a slice of the corpus: the line is there, its figure is the main thread's share of
 * the process's (never more, up to one 10 ms tick of rounding), and not zero.
 */
import { expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../support/corpus.js';

function bench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/check.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', RUNS: '1', BENCH_CORPUS_FILES: '30' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

it('bench/check.ts: the main thread CPU, within the process CPU', async () => {
  const r = await bench();
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const process = /^check {2}\(.*\): \d+ ms median \(CPU (\d+) ms\)/m.exec(r.stdout);
  const main =
    /^\(for information\) check main thread CPU: (\d+) ms median \(of (\d+) ms; 10 ms ticks\)$/m.exec(
      r.stdout,
    );
  expect(process).not.toBeNull();
  expect(main).not.toBeNull();
  expect(Number(main![2])).toBe(Number(process![1]));
  expect(Number(main![1])).toBeGreaterThan(0);
  expect(Number(main![1])).toBeLessThanOrEqual(Number(process![1]) + 10);
}, 300_000);
