import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_FILE_BYTES, readWorkflowsSafely } from '../../shared/check/load.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';

/** A repository with `.github/workflows` and the files `make` puts there. */
function repo(make: (dir: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'sw-read-'));
  const dir = join(root, '.github/workflows');
  mkdirSync(dir, { recursive: true });
  make(dir);
  return root;
}

const ok = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n';

describe('readWorkflowsSafely: only regular files, never through a link, never unbounded', () => {
  it('reads regular files, sorted by path, and refuses what is not one with the reason', async () => {
    const root = repo((dir) => {
      writeFileSync(join(dir, 'b.yml'), ok);
      writeFileSync(join(dir, 'a.yaml'), ok);
      writeFileSync(join(dir, 'notes.txt'), 'not a workflow');
      mkdirSync(join(dir, 'dir.yml'));
      execFileSync('mkfifo', [join(dir, 'pipe.yml')]); // a FIFO nobody writes: reading it would hang
      writeFileSync(join(dir, 'big.yml'), `# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
      const outside = join(mkdtempSync(join(tmpdir(), 'sw-outside-')), 'secret.yml');
      writeFileSync(outside, 'token: ghs_never_read\n');
      symlinkSync(outside, join(dir, 'link.yml'));
    });
    const models = await readWorkflowsSafely(root);
    expect(models.map((m) => [m.file, m.error?.message ?? `${m.jobs.length} job`])).toEqual([
      ['a.yaml', '1 job'],
      ['b.yml', '1 job'],
      ['big.yml', `cannot read file: .github/workflows/big.yml is larger than ${MAX_FILE_BYTES} bytes`],
      ['dir.yml', 'cannot read file: .github/workflows/dir.yml is not a regular file'],
      [
        'link.yml',
        'cannot read file: .github/workflows/link.yml is a symbolic link, which stepwarden does not follow',
      ],
      ['pipe.yml', 'cannot read file: .github/workflows/pipe.yml is not a regular file'],
    ]);
  });

  it('a file of exactly the limit is read (the bound is not off by one)', async () => {
    const body = `${ok}#`;
    const root = repo((dir) => writeFileSync(join(dir, 'full.yml'), body.padEnd(MAX_FILE_BYTES, 'x')));
    const [m] = await readWorkflowsSafely(root);
    expect(m?.error).toBeUndefined();
    expect(m?.jobs.map((j) => j.id)).toEqual(['a']);
  });

  it('reads each file as it reads alone, across batches of ASCII files, non-ASCII files and refusals', async () => {
    // ASCII files are decoded a batch of about 1 MB at a time (shared/check/load.ts): more than two
    // batches here, with UTF-8 files, a byte-order mark, refused files and a file of exactly the limit
    // among them, so no file's text may take bytes of its neighbours or lose its own.
    const job = (i: number, pad: number) =>
      `on: push\njobs:\n  j${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${i}\n        # ${'p'.repeat(pad)}\n`;
    const root = repo((dir) => {
      for (let i = 0; i < 60; i++)
        writeFileSync(join(dir, `w${String(i).padStart(2, '0')}.yml`), job(i, 40_000 + i * 997));
      writeFileSync(join(dir, 'utf8.yml'), `${job(100, 10)}# naïve 🚀\n`);
      writeFileSync(join(dir, 'bom.yml'), `\ufeff${job(101, 10)}`);
      writeFileSync(join(dir, 'big.yml'), `${job(102, 10)}# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
      // Each after a small ASCII file, twice, so that at least one is read after other files of its
      // batch in a listing in name order: the limit counts the file's bytes, not the batch's.
      for (const k of [1, 2]) {
        writeFileSync(join(dir, `x${k}-a.yml`), job(110 + k, 10));
        writeFileSync(join(dir, `x${k}-full.yml`), `${job(102 + k, 10)}#`.padEnd(MAX_FILE_BYTES, 'x'));
      }
      writeFileSync(join(dir, 'empty.yml'), '');
      mkdirSync(join(dir, 'dir.yml'));
    });
    const dir = join(root, '.github/workflows');
    const models = await readWorkflowsSafely(root);
    const names = readdirSync(dir).sort();
    expect(models.map((m) => m.file)).toEqual(names);
    for (const m of models) {
      if (m.file === 'big.yml' || m.file === 'dir.yml') {
        expect(m.error?.message).toMatch(/^cannot read file: /);
        continue;
      }
      expect(m).toEqual(parseWorkflow(m.file, m.path, readFileSync(join(dir, m.file), 'utf8')));
    }
    expect(models.find((m) => m.file === 'x1-full.yml')?.jobs.map((j) => j.id)).toEqual(['j103']);
    expect(models.find((m) => m.file === 'x2-full.yml')?.jobs.map((j) => j.id)).toEqual(['j104']);
    expect(models.find((m) => m.file === 'w59.yml')?.jobs[0]?.steps[0]?.run).toBe('echo 59');
  });
});
