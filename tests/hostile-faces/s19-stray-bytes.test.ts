/**
 * Session 19: bytes in a workflow that no face may pass in silence, each refused with its file, line
 * and fix. A NUL byte was refused at line 1 whatever its line ("null byte is not allowed in input"),
 * a file saved as UTF-16 the same way (naming neither cause nor fix), and a U+FEFF inside the file
 * (`\ufeffjobs:`) as "missing or invalid `jobs:` mapping" at line 1. Seen failing first (lines and
 * messages). Held before and after (the `holds` cases): a BOM at the start is read as GitHub reads
 * it; NEL, LS, PS (session 8), an alias bomb (session 15), 5,000-deep nesting (session 17) are
 * refused with their line; a 600 KB workflow of comments is read in full.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import { wf } from '../support/repo.js';

const W =
  'on: push\npermissions: { contents: read }\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const checkError = async (bytes: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s19-bytes-'));
  dirs.push(dir);
  const files: Record<string, string | Buffer> = {
    '.github/access-manifest.yml': 'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      build: {}\n',
    '.github/workflows/ci.yml': bytes,
  };
  for (const [p, b] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), b);
  }
  const f = (await checkDirectory({ dir })).findings.filter((x) => x.severity === 'error');
  return f.find((x) => x.file === '.github/workflows/ci.yml');
};

describe('stray bytes in a workflow are refused with their line and fix', () => {
  it.each([
    ['a NUL byte in a value', Buffer.from(W.replace('make', 'ma\0ke')), 7, /NUL byte .*delete it/],
    ['a NUL byte in a key', Buffer.from(W.replace('build:', 'bu\0ild:')), 4, /NUL byte/],
    ['UTF-16 LE with its BOM', Buffer.from(`\ufeff${W}`, 'utf16le'), 1, /UTF-16.*save it as UTF-8/],
    ['UTF-16 LE without a BOM', Buffer.from(W, 'utf16le'), 1, /UTF-16.*save it as UTF-8/],
    ['a BOM before a key', Buffer.from(W.replace('jobs:', '\ufeffjobs:')), 3, /U\+FEFF .*delete it/],
    ['a BOM inside a value', Buffer.from(W.replace('make', 'ma\ufeffke')), 7, /U\+FEFF/],
  ])('%s', async (_what, bytes, line, message) => {
    const e = await checkError(bytes);
    expect(e?.rule).toBe('invalid-workflow');
    expect(e?.line).toBe(line);
    expect(e?.message).toMatch(message);
  });

  it('holds: a BOM at the start is read as GitHub reads it', () => {
    const m = wf('ci.yml', `\ufeff${W}`);
    expect(m.error).toBeUndefined();
    expect(m.jobs.map((j) => j.id)).toEqual(['build']);
  });

  it('holds: NEL, LS, PS, an alias bomb and deep nesting are refused with their line', () => {
    expect(wf('ci.yml', W.replace('make', 'ma\u2028ke')).error?.line).toBe(7);
    expect(wf('ci.yml', W.replace('make', 'ma\u0085ke')).error?.line).toBe(7);
    const bomb =
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n' +
      Array.from(
        { length: 12 },
        (_, i) =>
          `      k${i}: &a${i} [${Array(10)
            .fill(i ? `*a${i - 1}` : 'x')
            .join(',')}]`,
      ).join('\n') +
      '\n    steps: [ {run: make} ]\n';
    expect(wf('ci.yml', bomb).error?.message).toMatch(/aliases expand to more than 1,000,000 nodes/);
    const deep = `on: push\njobs:\n  build:\n    runs-on: x\n    env: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(wf('ci.yml', deep).error?.message).toMatch(/nested too deeply/);
  });

  it('holds: a 600 KB workflow of comments is read in full', () => {
    const m = wf('ci.yml', `${W}# ${'x'.repeat(600_000)}\n`);
    expect(m.error).toBeUndefined();
    expect(m.jobs[0]!.steps.map((s) => s.run)).toEqual(['make']);
  });
});
