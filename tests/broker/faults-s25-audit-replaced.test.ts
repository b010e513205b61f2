/**
 * The audit file replaced under a running sink (session 25): deleted and created again, a FIFO put at
 * its path (with and without a reader), a folder. The FIFO, the folder and a link are refused at once
 * (O_NONBLOCK answers ENXIO instead of hanging; an open FIFO is not a regular file, so a reader at it
 * gets no line) with one ALARM and every flush refused. A file deleted and created again could get the
 * freed inode back; the copytruncate check took that for the same file truncated and raised an ALARM
 * telling the operator to stop a copytruncate that never ran. Now the file's birth time tells them apart.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { fileAuditSink, type AuditFileIo, type PersistResult } from '../../shared/broker/audit-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const line = { type: 'credential.granted', outcome: 'success' } as never;

/**
 * A sink over an io whose batches report `answers` in turn (inode, size before, birth time): two
 * lines written and flushed one by one per answer; returns its alarms about truncation.
 */
async function truncationAlarms(answers: Omit<PersistResult, 'entryPending'>[]): Promise<string[]> {
  const io: AuditFileIo = {
    open: () => Promise.reject(new Error('not used: persist is given')),
    syncDir: () => Promise.resolve(),
    persist: () => Promise.resolve({ entryPending: false, ...answers.shift()! }),
  };
  const alarms: string[] = [];
  const sink = fileAuditSink(
    '/nonexistent/audit.jsonl',
    undefined,
    (l) => void alarms.push(l),
    undefined,
    io,
  );
  while (answers.length) {
    sink.write(line);
    await sink.flush();
  }
  return alarms.filter((a) => a.includes('truncated'));
}

describe('a file deleted and created again that got its inode back', () => {
  it('is not taken for a truncation; a truncation of the same file still is', async () => {
    // The same inode throughout: a new file (another birth time) at the second batch...
    expect(
      await truncationAlarms([
        { ino: 42, start: 0, born: 1_000 },
        { ino: 42, start: 0, born: 2_000 },
      ]),
    ).toEqual([]);
    // ...and that new file cut back to 0 at the third.
    expect(
      await truncationAlarms([
        { ino: 42, start: 0, born: 1_000 },
        { ino: 42, start: 0, born: 2_000 },
        { ino: 42, start: 0, born: 2_000 },
      ]),
    ).toHaveLength(1);
  });

  it('a file system without birth times (0) falls back to the inode alone', async () => {
    expect(
      await truncationAlarms([
        { ino: 7, start: 0, born: 0 },
        { ino: 7, start: 0, born: 0 },
      ]),
    ).toHaveLength(1);
  });
});

describe('the path replaced on a real file system while the sink runs', () => {
  it('a FIFO (no reader, then a reader), a folder: refused at once with one ALARM, nothing read from it; back to a file, it writes again', async () => {
    const d = mkdtempSync(join(tmpdir(), 'sw-s25-replaced-'));
    dirs.push(d);
    const path = join(d, 'audit.jsonl');
    const alarms: string[] = [];
    // A 20 s flush deadline: far above what any refusal here takes, so a hang would show as one.
    const sink = fileAuditSink(path, undefined, (l) => void alarms.push(l), undefined, undefined, 20_000);
    const flush = async () => {
      const t0 = Date.now();
      const err = await sink.flush().then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      );
      return { err, ms: Date.now() - t0 };
    };
    sink.write(line);
    expect((await flush()).err).toBeUndefined();

    rmSync(path);
    execFileSync('mkfifo', ['-m', '600', path]);
    sink.write(line);
    const noReader = await flush();
    expect(noReader.err?.code).toBe('ERR_AUDIT_UNAVAILABLE');
    expect(noReader.err?.message).toMatch(/ENXIO/);
    expect(noReader.ms).toBeLessThan(10_000);

    const reader = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.on('data', (c: Buffer) => (read += c.toString()));
    try {
      // The reader is there once its open returns; a write-only open then succeeds.
      await new Promise((r) => setTimeout(r, 500));
      sink.write(line);
      const withReader = await flush();
      expect(withReader.err?.code).toBe('ERR_AUDIT_UNAVAILABLE');
      expect(withReader.ms).toBeLessThan(10_000);
    } finally {
      reader.kill();
    }
    expect(read).toBe('');

    rmSync(path);
    mkdirSync(path);
    sink.write(line);
    expect((await flush()).err?.message).toMatch(/EISDIR/);

    rmSync(path, { recursive: true });
    sink.write(line);
    expect((await flush()).err).toBeUndefined();
    // One ALARM for the whole failing episode, then "writable again".
    expect(alarms.filter((a) => a.includes('cannot be written'))).toHaveLength(1);
    expect(alarms.filter((a) => a.includes('writable again'))).toHaveLength(1);
    expect(alarms.filter((a) => a.includes('truncated'))).toEqual([]);
    // Every line kept for the retry is in the new file, whole.
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBe(4);
    for (const l of lines) expect(JSON.parse(l)).toMatchObject({ type: 'credential.granted' });
  }, 60_000);
});
