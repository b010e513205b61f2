import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_FILE_BYTES, readWorkflowsSafely } from '../../shared/check/load.js';

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
});
