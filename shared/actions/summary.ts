/**
 * The step summary file, written as a file any earlier step (or a process it left running) can have
 * replaced. `core.summary` follows a symbolic link there (the text lands in whatever file it names) and
 * blocks on a FIFO until something reads it (the step hangs until the job's timeout, the summary never
 * shows). Only a regular file is written here, opened without following a link and without blocking;
 * anything else is refused with an error annotation, and the summary goes to the log instead.
 */
import * as core from '@actions/core';
import { annotations } from './annotations.js';
import { closeSync, constants, fstatSync, lstatSync, openSync, writeSync } from 'node:fs';

export type SummaryOutcome = 'written' | 'refused' | 'none';

/** What was found at the path instead of a regular file. */
class Replaced extends Error {}

function kind(path: string): string | undefined {
  const st = lstatSync(path);
  if (st.isFile()) return undefined;
  return st.isSymbolicLink() ? 'a symbolic link' : st.isFIFO() ? 'a FIFO' : 'not a regular file';
}

/** Appends `markdown` to `$GITHUB_STEP_SUMMARY`; 'none' when the variable is unset (not in a runner). */
export function writeStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): SummaryOutcome {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return 'none';
  let fd: number | undefined;
  try {
    const what = kind(path);
    if (what) throw new Replaced(`is ${what}`);
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    );
    // Swapped between lstat and open: judge what was opened.
    if (!fstatSync(fd).isFile()) throw new Replaced('changed while it was opened');
    const buf = Buffer.from(markdown, 'utf8');
    for (let n = 0; n < buf.length;) n += writeSync(fd, buf, n, buf.length - n);
    return 'written';
  } catch (err) {
    const why = err instanceof Replaced ? err.message : `cannot be written (${(err as Error).message})`;
    annotations.error(
      `stepwarden: the step summary file ${path} ${why}: a step of this job replaced it, so the summary is in this log instead`,
    );
    core.info(markdown);
    return 'refused';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
