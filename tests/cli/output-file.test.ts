/**
 * Output files (`check --output`, `audit --output`, the actions' SARIF, artifact and trail copies):
 * whole or not at all, without replacing what is not a regular file, keeping links, and without a
 * predictable temporary name (shared/cli/output-file.ts).
 */
import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createReadStream } from 'node:fs';
import { cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openOutputStream, writeOutputFile } from '../../shared/cli/output-file.js';
import { cli } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-out-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fifo = (name: string) => {
  const p = join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
};
const drain = (p: string) =>
  new Promise<string>((resolve, reject) => {
    let got = '';
    createReadStream(p)
      .on('data', (d) => (got += d.toString()))
      .on('end', () => resolve(got))
      .on('error', reject);
  });

describe('writeOutputFile', () => {
  it('writes a new file and replaces an old one, leaving no temporary file', async () => {
    const out = join(dir, 'report.json');
    await writeOutputFile(out, 'one');
    await writeOutputFile(out, 'two');
    expect(readFileSync(out, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('creates missing folders only when asked', async () => {
    await expect(writeOutputFile(join(dir, 'a/b/out.sarif'), 'x')).rejects.toThrow(/ENOENT/);
    await writeOutputFile(join(dir, 'a/b/out.sarif'), 'x', { mkdirs: true });
    expect(readFileSync(join(dir, 'a/b/out.sarif'), 'utf8')).toBe('x');
  });

  it('writes a FIFO (like /dev/stdout) in place instead of replacing it with a file', async () => {
    const p = fifo('pipe');
    const read = drain(p);
    await writeOutputFile(p, 'through the pipe');
    expect(await read).toBe('through the pipe');
    expect(lstatSync(p).isFIFO()).toBe(true);
  });

  it('keeps a link to a regular file and replaces the file it names', async () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/out.json'), 'old');
    symlinkSync(join(dir, 'real/out.json'), join(dir, 'link.json'));
    await writeOutputFile(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real/out.json'), 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'real'))).toEqual(['out.json']);
  });

  it('never writes through a link planted at the old fixed temporary name', async () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'out.json.tmp'));
    await writeOutputFile(join(dir, 'out.json'), 'report');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('report');
  });

  it('refuses a directory, naming it', async () => {
    await expect(writeOutputFile(dir, 'x')).rejects.toThrow(`${dir} is a directory; give a file path`);
    expect(statSync(dir).isDirectory()).toBe(true);
  });
});

describe('openOutputStream', () => {
  it('commits whole, aborts without a trace, and streams into a FIFO in place', async () => {
    const out = join(dir, 'audit.md');
    writeFileSync(out, 'previous');
    const a = await openOutputStream(out);
    a.stream.write('half a rep');
    await a.abort();
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['audit.md']);

    const b = await openOutputStream(out);
    b.stream.write('whole report');
    expect(readFileSync(out, 'utf8')).toBe('previous');
    await b.commit();
    expect(readFileSync(out, 'utf8')).toBe('whole report');
    expect(readdirSync(dir)).toEqual(['audit.md']);

    const p = fifo('pipe');
    const read = drain(p);
    const c = await openOutputStream(p);
    c.stream.write('streamed');
    await c.commit();
    expect(await read).toBe('streamed');
    expect(lstatSync(p).isFIFO()).toBe(true);
  });
});

describe('a write that fails', () => {
  it("names the user's path and the reason, not the temporary file, and leaves nothing behind", async () => {
    await expect(writeOutputFile(join(dir, 'missing/out.json'), 'x')).rejects.toThrow(
      `cannot write ${join(dir, 'missing/out.json')} (ENOENT: its folder does not exist)`,
    );
    const err = (await writeOutputFile(join(dir, 'missing/out.json'), 'x').catch((e: unknown) => e)) as Error;
    expect(err.message).not.toMatch(/\.tmp/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the commands', () => {
  it('check --output and audit --output write into a FIFO, and name a folder that does not exist', async () => {
    const p = fifo('sarif');
    const read = drain(p);
    const r = await cli(['check', 'examples/clean-repo', '--format', 'sarif', '--output', p]);
    expect(r.code).toBe(0);
    expect(JSON.parse(await read).version).toBe('2.1.0');
    expect(lstatSync(p).isFIFO()).toBe(true);

    const q = fifo('audit');
    const readAudit = drain(q);
    const a = await cli(['audit', 'examples/audit/trail.jsonl', '--format', 'json', '--output', q]);
    expect(a.stderr).toBe('');
    expect(JSON.parse(await readAudit).totals.events).toBeGreaterThan(0);

    const gone = join(dir, 'gone/out.md');
    for (const args of [
      ['check', 'examples/clean-repo', '--output', gone],
      ['audit', 'examples/audit/trail.jsonl', '--output', gone],
    ]) {
      const f = await cli(args);
      expect(f.code).toBe(2);
      expect(f.stderr).toContain(`cannot write ${gone} (ENOENT: its folder does not exist)`);
    }
  });
});

describe('init', () => {
  it('never writes the manifest through a link planted at the temporary name it used to predict', async () => {
    const repo = join(dir, 'repo');
    cpSync('examples/clean-repo', repo, { recursive: true });
    const target = join(repo, '.github/access-manifest.yml');
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, `${target}.${process.pid}.tmp`);
    const r = await cli(['init', repo, '--force']);
    expect(r.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(target, 'utf8')).toMatch(/^# yaml-language-server/);
    expect(readdirSync(join(repo, '.github')).filter((f) => f.endsWith('.tmp'))).toEqual([
      `access-manifest.yml.${process.pid}.tmp`,
    ]);
  });
});
