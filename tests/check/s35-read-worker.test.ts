/**
 * The check's reading thread (shared/check/read-worker.ts, session 35): on a repository of
 * READ_WORKER_MIN_FILES workflows or more, on a machine of two cores or more, `stepwarden check` as a
 * process reads part of them on a second thread while the main thread reads the rest and then parses
 * the manifest. The reports must be the same bytes as the one-thread path (in-process `main`, which
 * never starts one), parse errors and refused or odd files in the thread's share included; a small
 * repository or one core starts no thread; a thread that dies, answers nothing or throws fails the
 * check closed (ERR_CHECK_READER, exit 2), never a report without its share; a check that fails on the
 * main thread first ends the thread.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { BroadcastChannel } from 'node:worker_threads';
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
import { isWorkflowFileName, WORKFLOWS_DIR } from '../../shared/workflow/file-name.js';
import { MAX_FILE_BYTES, readWorkflowFile } from '../../shared/check/read-workflow.js';
import { cli, cliProcess } from '../support/cli.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DEMO = join(ROOT, 'examples/demo-repo/.github');
const ENTRY = new URL('../../shared/cli/main.ts', import.meta.url);
const fixture = (name: string) => new URL(`../fixtures/s35/${name}`, import.meta.url);
const COUNTER = join(ROOT, 'tests/fixtures/s35/read-workers.mjs');

const BROKEN = [
  'on: [push\njobs: {}\n',
  'on: push\njobs:\n  a:\n\truns-on: x\n',
  'on: push\non: pull_request\n',
];

/** A repository of `count` workflows: the demo repository's four over and over, every 7th broken. */
function makeRepo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s35-'));
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

/**
 * Files whose reading has rules of its own, each several times under different names (the listing's
 * order decides which thread reads which). Every one is a regular file but the links.
 */
const ODD: Record<string, string | Buffer> = {
  crlf: 'on: push\r\njobs:\r\n  a:\r\n    runs-on: x\r\n    steps:\r\n      - uses: actions/checkout@v4\r\n',
  cr: 'on: push\rjobs:\r  a:\r    runs-on: x\r',
  nel: 'on: push\njobs:\u0085  a:\u2028    runs-on: x\n',
  bom: '\ufeffon: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n',
  latin1: Buffer.from('on: push\njobs:\n  a:\n    runs-on: "caf\xe9"\n', 'latin1'),
  utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('on: push\njobs: {}\n', 'utf16le')]),
  nul: 'on: push\njobs:\n  a:\u0000\n',
  empty: '',
  tabs: 'on: push\njobs:\n\ta:\n\t\truns-on: x\n',
  large: 'on: push\n#' + 'x'.repeat(MAX_FILE_BYTES) + '\n',
};

/** A large repository of the demo's workflows and, in both threads' shares, every ODD file and links. */
function makeOddRepo(): string {
  const dir = makeRepo(READ_WORKER_MIN_FILES);
  const workflows = join(dir, WORKFLOWS_DIR);
  for (let i = 0; i < 6; i++) {
    for (const [kind, text] of Object.entries(ODD))
      if (kind !== 'large' || i < 2) writeFileSync(join(workflows, `odd-${kind}-${i}.yml`), text);
    symlinkSync(join(dir, '.github/access-manifest.yml'), join(workflows, `link-${i}.yml`));
    symlinkSync(join(dir, 'missing'), join(workflows, `dangling-${i}.yaml`));
  }
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
let odd: string;
beforeAll(() => {
  large = makeRepo(READ_WORKER_MIN_FILES + 20);
  // Below the threshold with its directory entry `dir.yml` counted too.
  small = makeRepo(READ_WORKER_MIN_FILES - 2);
  odd = makeOddRepo();
});
afterAll(() => {
  for (const dir of [large, small, odd]) rmSync(dir, { recursive: true, force: true });
});

describe('the reading thread gives the same models and reports as one thread', () => {
  it('models: the same, parse errors in the thread share included', async () => {
    const share = threadShare(large);
    const one = await readWorkflowsSafely(large, false);
    const two = await readWorkflowsSafely(large, false, startReadWorker(ENTRY, large));
    expect(two).toStrictEqual(one);
    const broken = one.filter((m) => m.error && share.includes(m.file));
    expect(broken.length).toBeGreaterThan(5);
    expect(broken.map((m) => m.error!.message).join('\n')).toContain('YAML syntax error');
  }, 30_000);

  it('every odd file: the thread reads it as this thread does (same model, same refusal)', async () => {
    const dir = join(odd, WORKFLOWS_DIR);
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.startsWith('odd-'))
      .map((e) => e.name);
    expect(names.length).toBe(6 * (Object.keys(ODD).length - 1) + 2);
    const theirs = await startReadWorker(ENTRY, odd).read(names);
    expect(theirs).toStrictEqual(names.map((name) => readWorkflowFile(dir, name, false)));
    // The rules held there too: the large file refused, the others parsed or a parse error.
    const large = theirs.filter((m) => m.file.startsWith('odd-large-'));
    expect(large.map((m) => m.error?.message)).toStrictEqual([
      `cannot read file: ${WORKFLOWS_DIR}/${large[0]!.file} is larger than ${MAX_FILE_BYTES} bytes`,
      `cannot read file: ${WORKFLOWS_DIR}/${large[1]!.file} is larger than ${MAX_FILE_BYTES} bytes`,
    ]);
    expect(
      theirs.filter((m) => m.file.startsWith('odd-crlf-')).every((m) => !m.error && m.jobs.length === 1),
    ).toBe(true);
  }, 60_000);

  it('`check` as a process: one thread for a large repository, its share read there; the same bytes', async () => {
    for (const [repo, formats] of [
      [large, ['json']],
      [odd, ['json', 'sarif', 'text', 'github', 'markdown']],
    ] as const) {
      const share = threadShare(repo).length;
      for (const format of formats) {
        const process = await cliProcess(['check', repo, '--format', format], { preload: COUNTER });
        const inProcess = await cli(['check', repo, '--format', format]);
        expect(process.stderr).toContain(`worker threads started: 1\nmodels from workers: ${share}\n`);
        expect(share).toBeGreaterThan(50);
        expect(inProcess.code).toBe(1);
        expect(process.code).toBe(inProcess.code);
        expect(process.stdout).toBe(inProcess.stdout);
      }
    }
  }, 600_000);

  it('a manifest that does not load: the same error with the thread (parsed while it reads)', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'sw-s35-'));
    try {
      cpSync(large, copy, { recursive: true });
      writeFileSync(join(copy, '.github/access-manifest.yml'), 'version: 1\nworkflows: [\n');
      const process = await cliProcess(['check', copy, '--format', 'json'], { preload: COUNTER });
      const inProcess = await cli(['check', copy, '--format', 'json']);
      expect(process.stderr).toContain('worker threads started: 1\n');
      expect(inProcess.code).toBe(2);
      expect(process.code).toBe(2);
      expect(process.stdout).toBe('');
      expect(process.stderr.startsWith(inProcess.stderr)).toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
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
    const channel = new BroadcastChannel('sw-s35-dies-early');
    const dying = new Promise((r) => (channel.onmessage = r));
    const worker = startReadWorker(fixture('dies-early.mjs'), large);
    await dying;
    channel.close();
    await expect(readWorkflowsSafely(large, false, worker)).rejects.toMatchObject({
      code: 'ERR_CHECK_READER',
      message: expect.stringContaining('(it exited with code 9)'),
    });
  }, 30_000);

  it('this thread fails first (the manifest): the reading thread is ended, not left to run', async () => {
    const real = startReadWorker(fixture('slow.mjs'), large);
    let answer: Promise<unknown> | undefined;
    const spy = {
      dir: large,
      read: (names: readonly string[]) => (answer = real.read(names)),
      stop: () => real.stop(),
    };
    await expect(
      readWorkflowsSafely(large, false, spy, () => {
        throw new Error('manifest');
      }),
    ).rejects.toThrow('manifest');
    // Ended: its answer is a failure now, not a wait for a thread that never answers.
    await expect(answer).rejects.toMatchObject({ code: 'ERR_CHECK_READER' });
  }, 60_000);

  it('the thread is only for the lean models of the check', async () => {
    const worker = startReadWorker(fixture('slow.mjs'), large);
    await expect(readWorkflowsSafely(large, true, worker)).rejects.toThrow(
      'the reading thread parses models for the check only',
    );
    worker.stop();
  });

  it('a small repository, or one core: no thread is prestarted', () => {
    prestartReadWorker(fixture('dies.mjs'), small, 2);
    expect(takeReadWorker(small)).toBeUndefined();
    prestartReadWorker(fixture('dies.mjs'), large, 1);
    expect(takeReadWorker(large)).toBeUndefined();
    // The same repository with two cores: one (the control for the two above).
    prestartReadWorker(fixture('slow.mjs'), large, 2);
    const worker = takeReadWorker(large);
    expect(worker).toBeDefined();
    worker!.stop();
  });
});
