/**
 * The check's reading thread (shared/check/read-worker.ts): on a repository of READ_WORKER_MIN_FILES
 * workflows or more, `stepwarden check` as a process reads part of them on a second thread. The
 * reports must be the same bytes as the one-thread path (in-process `main`, which never starts one),
 * parse errors in the thread's share included; a small repository starts no thread; a thread that
 * dies, answers nothing or throws fails the check closed (ERR_CHECK_READER, exit 2), never a report
 * without its share.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readWorkflowsSafely } from '../../shared/check/load.js';
import {
  prestartReadWorker,
  READ_WORKER_MIN_FILES,
  READ_WORKER_SHARE,
  startReadWorker,
  takeReadWorker,
} from '../../shared/check/read-worker.js';
import { isWorkflowFileName } from '../../shared/workflow/file-name.js';
import { cli, cliProcess } from '../support/cli.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DEMO = join(ROOT, 'examples/demo-repo/.github');
const ENTRY = new URL('../../shared/cli/main.ts', import.meta.url);
const fixture = (name: string) => new URL(`../fixtures/s25/${name}`, import.meta.url);
const COUNTER = join(ROOT, 'tests/fixtures/s25/read-workers.mjs');

const BROKEN = [
  'on: [push\njobs: {}\n',
  'on: push\njobs:\n  a:\n\truns-on: x\n',
  'on: push\non: pull_request\n',
];

/** A repository of `count` workflows: the demo repository's four over and over, every 7th broken. */
function makeRepo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s25-'));
  const workflows = join(dir, '.github/workflows');
  mkdirSync(workflows, { recursive: true });
  cpSync(join(DEMO, 'access-manifest.yml'), join(dir, '.github/access-manifest.yml'));
  const sources = readdirSync(join(DEMO, 'workflows')).map((f) =>
    readFileSync(join(DEMO, 'workflows', f), 'utf8'),
  );
  for (let i = 0; i < count; i++) {
    const name = `w${String((i * 37) % count).padStart(3, '0')}.${i % 5 ? 'yml' : 'yaml'}`;
    const text = i % 7 === 3 ? BROKEN[i % BROKEN.length]! : sources[i % sources.length]!;
    writeFileSync(join(workflows, name), text);
  }
  // Entries only the main thread judges: not a regular file.
  mkdirSync(join(workflows, 'dir.yml'));
  return dir;
}

/** The names the thread is handed (the first share of the listing's regular files). */
function threadShare(dir: string): string[] {
  const files = readdirSync(join(dir, '.github/workflows'), { withFileTypes: true })
    .filter((e) => isWorkflowFileName(e.name) && e.isFile())
    .map((e) => e.name);
  return files.slice(0, Math.floor(files.length * READ_WORKER_SHARE));
}

let large: string;
let small: string;
beforeAll(() => {
  large = makeRepo(READ_WORKER_MIN_FILES + 20);
  // Below the threshold with its directory entry `dir.yml` counted too.
  small = makeRepo(READ_WORKER_MIN_FILES - 2);
});
afterAll(() => {
  rmSync(large, { recursive: true, force: true });
  rmSync(small, { recursive: true, force: true });
});

describe('the reading thread gives the same models and reports as one thread', () => {
  it('models: the same, parse errors in the thread share included', async () => {
    const share = threadShare(large);
    const one = await readWorkflowsSafely(large);
    const two = await readWorkflowsSafely(large, startReadWorker(ENTRY, large));
    expect(two).toStrictEqual(one);
    const broken = one.filter((m) => m.error && share.includes(m.file));
    expect(broken.length).toBeGreaterThan(5);
    expect(broken.map((m) => m.error!.message).join('\n')).toContain('YAML syntax error');
  }, 30_000);

  it('`check` as a process starts one thread for a large repository; every format the same bytes', async () => {
    for (const format of ['json', 'text']) {
      const process = await cliProcess(['check', large, '--format', format], { preload: COUNTER });
      const inProcess = await cli(['check', large, '--format', format]);
      expect(process.stderr).toContain('worker threads started: 1\n');
      expect(inProcess.code).toBe(1);
      expect(process.code).toBe(inProcess.code);
      expect(process.stdout).toBe(inProcess.stdout);
    }
  }, 120_000);

  it('a repository below the threshold starts no thread, with the same report', async () => {
    const process = await cliProcess(['check', small, '--format', 'json'], { preload: COUNTER });
    expect(process.stderr).toContain('worker threads started: 0\n');
    expect(process.stdout).toBe((await cli(['check', small, '--format', 'json'])).stdout);
  }, 60_000);
});

describe('a thread that fails fails the check closed', () => {
  const cases: [string, RegExp][] = [
    [
      'dies.mjs',
      /ERR_CHECK_READER: the thread reading workflow files stopped before it finished \(it exited with code 7\); no report was made/,
    ],
    ['sends-nothing.mjs', /ERR_CHECK_READER: .*\(it sent no models\); no report was made/],
    ['short.mjs', /ERR_CHECK_READER: .*\(it sent 0 of 5 models\); no report was made/],
    ['throws.mjs', /^stepwarden check: EIO: EIO: i\/o error, read\n$/],
  ];
  for (const [file, error] of cases)
    it(`${file}: exit 2, the error, no report`, async () => {
      prestartReadWorker(fixture(file), large);
      const r = await cli(['check', large, '--format', 'json']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(error);
      expect(takeReadWorker(large)).toBeUndefined();
    }, 30_000);

  it('a thread that fails before it is asked: the read still fails closed', async () => {
    const worker = startReadWorker(fixture('dies.mjs'), large);
    await new Promise((r) => setTimeout(r, 200));
    await expect(readWorkflowsSafely(large, worker)).rejects.toMatchObject({ code: 'ERR_CHECK_READER' });
  }, 30_000);

  it('a small repository: no thread is prestarted for it', () => {
    prestartReadWorker(fixture('dies.mjs'), small);
    expect(takeReadWorker(small)).toBeUndefined();
  });
});
