/**
 * Session 8: the file audit sink's default way of writing a batch, one job on a writer thread
 * (nodeAuditFileIo.persist), keeps what the step-by-step sequence promised: lines in order, a new file
 * created 0600, a failure refused with its errno code and the ALARM, the batch written once when the
 * path is writable again, and a rotated log followed at the next batch. (The injected faults of
 * hostile-s7-ops-audit.test.ts go through the step-by-step sequence, which an io without `persist` gets.)
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileAuditSink, nodeAuditFileIo } from '../../shared/broker/audit-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'sw-s8-audit-'));
  dirs.push(d);
  return d;
};
const reasons = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { reason: string }).reason);

describe('audit sink: batches written by the writer thread', () => {
  it('is the default io, and writes every line once, in order, into a new 0600 file', async () => {
    expect(typeof nodeAuditFileIo.persist).toBe('function');
    const file = join(tmp(), 'logs', 'audit.jsonl');
    const sink = fileAuditSink(file, undefined, () => undefined);
    for (let i = 0; i < 300; i++)
      sink.write({ type: 'credential.refused', outcome: 'denied', reason: `r${i}` });
    await sink.flush();
    sink.write({ type: 'credential.refused', outcome: 'denied', reason: 'last' });
    await sink.flush();
    expect(reasons(file)).toEqual([...Array.from({ length: 300 }, (_, i) => `r${i}`), 'last']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a path it cannot write: refused with the errno code in one ALARM, then written once when fixed', async () => {
    const base = tmp();
    const parent = join(base, 'logs');
    writeFileSync(parent, 'a file where the folder should be');
    const alarms: string[] = [];
    const sink = fileAuditSink(join(parent, 'audit.jsonl'), undefined, (l) => alarms.push(l));
    sink.write({ type: 'credential.refused', outcome: 'denied', reason: 'held' });
    await expect(sink.flush()).rejects.toMatchObject({ code: 'ERR_AUDIT_UNAVAILABLE' });
    await expect(sink.flush()).rejects.toMatchObject({ code: 'ERR_AUDIT_UNAVAILABLE' });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatch(/cannot be written \(ENOTDIR\)/);
    rmSync(parent);
    mkdirSync(parent);
    sink.write({ type: 'credential.refused', outcome: 'denied', reason: 'after' });
    await sink.flush();
    expect(reasons(join(parent, 'audit.jsonl'))).toEqual(['held', 'after']);
    expect(alarms.at(-1)).toMatch(/writable again/);
  });

  it('a log rotated by rename: the next batch creates the file at the path again', async () => {
    const file = join(tmp(), 'audit.jsonl');
    const sink = fileAuditSink(file, undefined, () => undefined);
    sink.write({ type: 'credential.refused', outcome: 'denied', reason: 'old' });
    await sink.flush();
    renameSync(file, `${file}.1`);
    sink.write({ type: 'credential.refused', outcome: 'denied', reason: 'new' });
    await sink.flush();
    expect(reasons(`${file}.1`)).toEqual(['old']);
    expect(reasons(file)).toEqual(['new']);
  });
});
