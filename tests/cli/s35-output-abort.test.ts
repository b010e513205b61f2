/**
 * An aborted output stream leaves nothing behind, even when it is aborted while its open is still on
 * libuv's pool (shared/cli/output-file.ts `abort`): the remove used to run before the open and the
 * open then created the temporary file it had just removed (about 3 % of aborts right after
 * opening; tests/cli/output-file's FIFO case failed on it once at load 18).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { openOutputStream } from '../../shared/cli/output-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-abort-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('aborting right after opening leaves only the previous file, every time', async () => {
  const out = join(dir, 'report.md');
  writeFileSync(out, 'previous');
  const left: string[][] = [];
  for (let i = 0; i < 400; i++) {
    const s = await openOutputStream(out);
    s.stream.write('half a report');
    await s.abort();
    const names = readdirSync(dir);
    if (names.length !== 1) left.push(names);
  }
  expect(left).toEqual([]);
  expect(readFileSync(out, 'utf8')).toBe('previous');
});

it('aborting a stream that already failed (its folder removed) settles and leaves nothing', async () => {
  const sub = join(dir, 'sub');
  const s = await openOutputStream(join(sub, 'out.json'), { mkdirs: true });
  rmSync(sub, { recursive: true, force: true });
  s.stream.write('x');
  await s.abort();
  expect(readdirSync(dir)).toEqual([]);
});
