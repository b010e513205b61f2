/**
 * One workflow file from disk to its model, the same on the main thread and on the reading thread
 * (read-worker.ts): the bytes read without following a link, then `parseWorkflow`. A file that
 * cannot be read becomes an error model (reported by `invalid-workflow`), never content.
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { sep } from 'node:path';
import { WORKFLOWS_DIR } from '../workflow/file-name.js';
import { parseWorkflow } from '../workflow/parse.js';
import type { WorkflowModel } from '../workflow/model.js';

/** Larger than any real workflow or manifest; a bigger file is refused rather than parsed. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export const LINK = 'is a symbolic link, which stepwarden does not follow';

/** One buffer for every workflow read (grown up to MAX_FILE_BYTES + 1, to tell a too-large file). */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads a file the directory listing named a regular file, without following a link: one open
 * (O_NOFOLLOW; O_NONBLOCK so a FIFO swapped in cannot hang the check), the reads, one close. No stat:
 * the reads stop past MAX_FILE_BYTES, so whatever the entry became, at most that much is read.
 */
export function readRegularFile(file: string, path: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`${path} ${LINK}`, { cause: err });
    throw err;
  }
  try {
    let len = 0;
    for (;;) {
      if (len === scratch.length) {
        const grown = Buffer.allocUnsafe(Math.min(scratch.length * 2, MAX_FILE_BYTES + 1));
        scratch.copy(grown, 0, 0, len);
        scratch = grown;
      }
      const n = readSync(fd, scratch, len, scratch.length - len, null);
      if (n === 0) break;
      len += n;
      if (len > MAX_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
    }
    return scratch.toString('utf8', 0, len);
  } finally {
    closeSync(fd);
  }
}

/** The model of a workflow that was not read: what went wrong, at line 1. */
export function unreadWorkflow(name: string, err: unknown): WorkflowModel {
  return {
    file: name,
    path: `${WORKFLOWS_DIR}/${name}`,
    triggers: [],
    jobs: [],
    error: { message: `cannot read file: ${(err as Error).message}`, line: 1 },
  };
}

/**
 * `dir/name`, an entry the directory listing called a regular file, read and parsed (`forDiff`:
 * parseWorkflow's). Each file is parsed as soon as it is read, so its text is garbage before the next
 * one is read (peak memory holds models, not every file's text).
 */
export function readWorkflowFile(dir: string, name: string, forDiff: boolean): WorkflowModel {
  const path = `${WORKFLOWS_DIR}/${name}`;
  let text: string;
  try {
    // `dir` is a joined path and `name` a directory entry (no separator, not `.` or `..`): joined
    // by hand, as `join` would, without normalizing the whole path again for every file.
    text = readRegularFile(dir + sep + name, path);
  } catch (err) {
    return unreadWorkflow(name, err);
  }
  return parseWorkflow(name, path, text, forDiff);
}
