/**
 * Session 33 (w-rfaces): the repository's files digest of a directory state (shared/diff/repo-files.ts
 * directoryFilesDigest) read every file whole, however large: a tree holding a file of several GiB (a
 * checkout's build output, a sparse file that costs no disk) made `stepwarden diff DIR DIR` read and
 * hold it in memory. The walk now counts the bytes from each file's lstat before it reads any, and a
 * tree over MAX_REPO_BYTES gets the digest no other state has (`unlisted LABEL`), as a tree over
 * MAX_REPO_FILES does: the value computed from run-time outputs shows as moved, never as unchanged.
 * The case below failed at 8d88a68 (it read the sparse file and returned a digest).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryFilesDigest, MAX_REPO_BYTES, unlistedFiles } from '../../shared/diff/repo-files.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s33-f-bytes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the directory state's files digest is bounded in bytes (s33)", () => {
  it('a tree over MAX_REPO_BYTES is unlisted without being read; a small one is listed', async () => {
    const dir = join(work, 'big');
    mkdirSync(join(dir, 'scripts'), { recursive: true });
    writeFileSync(join(dir, 'scripts/pick.sh'), 'echo v=K\n');
    // Sparse: no disk, and MAX_REPO_BYTES + 1 bytes with the script's.
    writeFileSync(join(dir, 'blob.bin'), '');
    truncateSync(join(dir, 'blob.bin'), MAX_REPO_BYTES - 'echo v=K\n'.length + 1);
    expect(await directoryFilesDigest(dir, 'head')).toBe(unlistedFiles('head'));
    // The same script without the large file: a digest, the same for both labels (the bound, not
    // the script, unlisted the tree above).
    const small = join(work, 'small');
    mkdirSync(join(small, 'scripts'), { recursive: true });
    writeFileSync(join(small, 'scripts/pick.sh'), 'echo v=K\n');
    const d = await directoryFilesDigest(small, 'head');
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(await directoryFilesDigest(small, 'base')).toBe(d);
  }, 120_000);
});
