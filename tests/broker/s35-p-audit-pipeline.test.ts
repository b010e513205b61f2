/**
 * Session 35: the file audit sink keeps a second batch with the writer thread while the first is out
 * (AuditFileIo.queues), so the writer starts it as soon as the first is durable instead of after the
 * main thread's turn to read the answer. What must not change: a flush resolves only when every line
 * before it is on disk; a failed batch's cut-back never takes a later batch's lines, because the writer
 * skips the batches of that sink handed over before the sink saw the failure (ERR_AUDIT_SKIPPED), and
 * the sink counts them as not durable, tries them again from the first, in order, each line once.
 * Invariants relied on: the writer works its messages one after another in the order posted (one
 * thread per process, audit-log.ts persistOffThread); a sink's `epoch` grows at each failure it sees.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fileAuditSink,
  nodeAuditFileIo,
  type AuditFileIo,
  type PersistOrder,
  type PersistResult,
} from '../../shared/broker/audit-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'sw-s35-audit-'));
  dirs.push(d);
  return d;
};
const reasons = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { reason: string }).reason);
const turn = () => new Promise<void>((r) => setImmediate(r));
/** Waits for `cond` on the event loop (no wall-clock deadline of its own: jest's is generous). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await turn();
}
const line = (reason: string) => ({
  type: 'credential.refused' as const,
  outcome: 'denied' as const,
  reason,
});

interface Call {
  data: string;
  order: PersistOrder | undefined;
  ok: (r: PersistResult) => void;
  fail: (e: Error) => void;
}
/** An io whose batches are answered by the test, in any order it likes. */
function heldIo(queues: boolean): { io: AuditFileIo; calls: Call[] } {
  const calls: Call[] = [];
  const io: AuditFileIo = {
    open: () => Promise.reject(new Error('not used: persist is given')),
    syncDir: () => Promise.reject(new Error('not used: persist is given')),
    queues,
    persist: (_p, _d, data, _e, order) =>
      new Promise<PersistResult>((ok, fail) => calls.push({ data, order, ok, fail })),
  };
  return { io, calls };
}
const settled = <T>(p: Promise<T>) => {
  const s = { done: false, failed: undefined as unknown };
  p.then(
    () => (s.done = true),
    (e: unknown) => ((s.done = true), (s.failed = e)),
  );
  return s;
};

describe('audit sink: the next batches with the writer while the first is out', () => {
  it('hands over the next turn lines before the first batch answers; each flush waits for its own batch', async () => {
    const { io, calls } = heldIo(true);
    const sink = fileAuditSink(join(tmp(), 'audit.jsonl'), undefined, () => undefined, undefined, io);
    sink.write(line('a'));
    const f1 = settled(sink.flush());
    await until(() => calls.length === 1);
    sink.write(line('b'));
    sink.write(line('c'));
    const f2 = settled(sink.flush());
    // The first batch is still out: the second is handed over anyway, with the lines of this turn.
    await until(() => calls.length === 2);
    expect(reasons(calls[0]!.data)).toEqual(['a']);
    expect(reasons(calls[1]!.data)).toEqual(['b', 'c']);
    expect(calls[1]!.order).toEqual(calls[0]!.order);
    expect(f1.done || f2.done).toBe(false);
    calls[0]!.ok({ entryPending: false });
    await until(() => f1.done);
    expect(f1.failed).toBeUndefined();
    for (let i = 0; i < 5; i++) await turn();
    expect(f2.done).toBe(false);
    calls[1]!.ok({ entryPending: false });
    await until(() => f2.done);
    expect(f2.failed).toBeUndefined();
    // Each turn's lines go at once, however many batches are out; each flush waits for all before it.
    sink.write(line('d'));
    const f3 = settled(sink.flush());
    await until(() => calls.length === 3);
    sink.write(line('e'));
    const f4 = settled(sink.flush());
    await until(() => calls.length === 4);
    sink.write(line('f'));
    const f5 = settled(sink.flush());
    await until(() => calls.length === 5);
    expect(calls.slice(2).map((c) => reasons(c.data))).toEqual([['d'], ['e'], ['f']]);
    calls[3]!.ok({ entryPending: false });
    calls[4]!.ok({ entryPending: false });
    for (let i = 0; i < 5; i++) await turn();
    expect([f3.done, f4.done, f5.done]).toEqual([false, false, false]);
    calls[2]!.ok({ entryPending: false });
    await until(() => f3.done && f4.done && f5.done);
    expect([f3.failed, f4.failed, f5.failed]).toEqual([undefined, undefined, undefined]);
  });

  it('a writer that answers nothing (a hung disk): what is handed over stays bounded, the rest waits in the queue', async () => {
    const { io, calls } = heldIo(true);
    const sink = fileAuditSink(
      join(tmp(), 'audit.jsonl'),
      undefined,
      () => undefined,
      undefined,
      io,
      3_600_000,
    );
    const handed = () => calls.reduce((n, c) => n + c.data.length, 0);
    let written = 0;
    for (let i = 0; i < 3000; i++) {
      sink.write({ ...line(`r${i}`), detail: 'x'.repeat(1000) });
      written += 1;
      void sink.flush().catch(() => undefined);
      await turn();
    }
    const bound = 4 * 256 * 1024 + 256 * 1024;
    expect(written * 1000).toBeGreaterThan(2 * bound);
    expect(handed()).toBeLessThanOrEqual(bound);
    expect(handed()).toBeGreaterThan(256 * 1024);
    const before = calls.length;
    for (let i = 0; i < 10; i++) await turn();
    expect(calls).toHaveLength(before);
    // The first answer frees room: the lines waiting in the queue go next, in order.
    calls[0]!.ok({ entryPending: false });
    await until(() => calls.length > before);
    const next = reasons(calls[before]!.data)[0]!;
    const last = reasons(calls[before - 1]!.data).at(-1)!;
    expect(Number(next.slice(1))).toBe(Number(last.slice(1)) + 1);
  }, 120_000);

  it('an io that does not queue gets one batch at a time, as before', async () => {
    const { io, calls } = heldIo(false);
    const sink = fileAuditSink(join(tmp(), 'audit.jsonl'), undefined, () => undefined, undefined, io);
    sink.write(line('a'));
    const f1 = settled(sink.flush());
    await until(() => calls.length === 1);
    sink.write(line('b'));
    const f2 = settled(sink.flush());
    for (let i = 0; i < 10; i++) await turn();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.order).toBeUndefined();
    calls[0]!.ok({ entryPending: false });
    await until(() => f1.done && calls.length === 2);
    expect(reasons(calls[1]!.data)).toEqual(['b']);
    calls[1]!.ok({ entryPending: false });
    await until(() => f2.done);
  });

  it('the first batch fails with a second out: both refused, the second never durable whatever it answers, both retried in order under a new epoch', async () => {
    const { io, calls } = heldIo(true);
    const alarms: string[] = [];
    const counted: Record<string, number> = {};
    const sink = fileAuditSink(
      join(tmp(), 'audit.jsonl'),
      undefined,
      (l) => alarms.push(l),
      (result, n) => (counted[result] = (counted[result] ?? 0) + n),
      io,
    );
    sink.write(line('a'));
    const f1 = settled(sink.flush());
    await until(() => calls.length === 1);
    sink.write(line('b'));
    const f2 = settled(sink.flush());
    await until(() => calls.length === 2);
    calls[0]!.fail(
      Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', entryPending: false }),
    );
    await until(() => f1.done && f2.done);
    expect(f1.failed).toMatchObject({ code: 'ERR_AUDIT_UNAVAILABLE' });
    expect(f2.failed).toMatchObject({ code: 'ERR_AUDIT_UNAVAILABLE' });
    expect(alarms).toHaveLength(1);
    expect(counted).toEqual({ failed: 2 });
    // A late success of the second batch (an io breaking its promise to skip it) changes nothing.
    calls[1]!.ok({ entryPending: false });
    sink.write(line('c'));
    const f3 = settled(sink.flush());
    for (let i = 0; i < 5; i++) await turn();
    expect(f3.done).toBe(false);
    await until(() => calls.length === 3);
    expect(reasons(calls[2]!.data)).toEqual(['a', 'b', 'c']);
    expect(calls[2]!.order!.sink).toBe(calls[0]!.order!.sink);
    expect(calls[2]!.order!.epoch).toBeGreaterThan(calls[0]!.order!.epoch);
    calls[2]!.ok({ entryPending: false });
    await until(() => f3.done);
    expect(f3.failed).toBeUndefined();
    expect(counted).toEqual({ failed: 2, written: 3 });
    expect(alarms.at(-1)).toMatch(/writable again/);
  });

  it('the first batch fails after creating the file: a skipped batch behind it does not clear the folder entry still to be synced', async () => {
    const { io, calls } = heldIo(true);
    const pending: boolean[] = [];
    const inner = io.persist!;
    io.persist = (p, d, data, entryPending, order) => (
      pending.push(entryPending),
      inner(p, d, data, entryPending, order)
    );
    const sink = fileAuditSink(join(tmp(), 'audit.jsonl'), undefined, () => undefined, undefined, io);
    sink.write(line('a'));
    void sink.flush().catch(() => undefined);
    await until(() => calls.length === 1);
    sink.write(line('b'));
    void sink.flush().catch(() => undefined);
    await until(() => calls.length === 2);
    // The writer created the file, then the folder's fsync failed: the entry is still pending.
    calls[0]!.fail(Object.assign(new Error('EIO'), { code: 'EIO', entryPending: true }));
    await turn();
    // The skipped second batch answers with the value it was handed (false).
    calls[1]!.fail(Object.assign(new Error('skipped'), { code: 'ERR_AUDIT_SKIPPED', entryPending: false }));
    await turn();
    sink.write(line('c'));
    void sink.flush().catch(() => undefined);
    await until(() => calls.length === 3);
    expect(pending).toEqual([false, false, true]);
    calls[2]!.ok({ entryPending: false });
  });
});

describe('the writer thread skips a failed sink batch followers (nodeAuditFileIo)', () => {
  it('a batch handed over behind a failed one of the same sink and epoch is not written; a later epoch and another sink are', async () => {
    expect(nodeAuditFileIo.queues).toBe(true);
    const base = tmp();
    const blocked = join(base, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const good = join(base, 'logs');
    mkdirSync(good);
    const file = join(good, 'audit.jsonl');
    const sink = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const persist = nodeAuditFileIo.persist!;
    // Both posted before either answers: the writer works them one after the other.
    const first = persist(join(blocked, 'audit.jsonl'), blocked, 'x\n', false, {
      sink,
      epoch: 0,
      max: 1 << 18,
    });
    const second = persist(file, good, 'y\n', false, { sink, epoch: 0, max: 1 << 18 });
    const other = persist(file, good, 'o\n', false, { sink: sink + 1, epoch: 0, max: 1 << 18 });
    await expect(first).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(second).rejects.toMatchObject({ code: 'ERR_AUDIT_SKIPPED' });
    await expect(other).resolves.toMatchObject({ entryPending: false });
    expect(readFileSync(file, 'utf8')).toBe('o\n');
    await expect(persist(file, good, 'z\n', false, { sink, epoch: 1, max: 1 << 18 })).resolves.toMatchObject({
      entryPending: false,
    });
    expect(readFileSync(file, 'utf8')).toBe('o\nz\n');
  });

  it('a burst of lines over many turns: every flush resolved with its line on disk, all in order, no alarm (batches written together keep their offsets)', async () => {
    const file = join(tmp(), 'audit.jsonl');
    const alarms: string[] = [];
    const sink = fileAuditSink(file, undefined, (l) => alarms.push(l));
    const early: string[] = [];
    const N = 600;
    const done: Promise<void>[] = [];
    for (let i = 0; i < N; i++) {
      sink.write(line(`r${i}`));
      const at = i;
      done.push(
        sink.flush().then(() => {
          if (!reasons(readFileSync(file, 'utf8')).includes(`r${at}`)) early.push(`r${at}`);
        }),
      );
      if (i % 3 === 0) await turn();
    }
    await Promise.all(done);
    expect(reasons(readFileSync(file, 'utf8'))).toEqual(Array.from({ length: N }, (_, i) => `r${i}`));
    expect(early).toEqual([]);
    expect(alarms).toEqual([]);
  }, 120_000);

  it('a burst with the log folder made unwritable mid-way and back: every line on disk once, in order, each resolved flush already on disk', async () => {
    const base = tmp();
    const logs = join(base, 'logs');
    const file = join(logs, 'audit.jsonl');
    const alarms: string[] = [];
    const sink = fileAuditSink(file, undefined, (l) => alarms.push(l));
    const N = 400;
    const resolvedAt: number[] = [];
    const early: string[] = [];
    let refused = 0;
    for (let i = 0; i < N; i++) {
      sink.write(line(`r${i}`));
      const at = i;
      sink.flush().then(
        () => {
          // What this flush promised: line i and every one before it are in the file now.
          // (The folder may be moved aside by now: the file is then read where it went.)
          const where = [file, join(`${logs}.away`, 'audit.jsonl')].find((f) => existsSync(f));
          const have = where ? reasons(readFileSync(where, 'utf8')) : [];
          if (!have.includes(`r${at}`)) early.push(`r${at}`);
          resolvedAt.push(at);
        },
        () => void refused++,
      );
      if (i === 120) {
        // The folder gives way to a file: every batch opened from here fails (ENOTDIR).
        await until(() => resolvedAt.length > 0);
        renameSync(logs, `${logs}.away`);
        writeFileSync(logs, 'in the way');
      }
      if (i === 250) {
        await until(() => refused > 0);
        rmSync(logs);
        renameSync(`${logs}.away`, logs);
      }
      if (i % 7 === 0) await turn();
    }
    await sink.flush();
    const got = reasons(readFileSync(file, 'utf8'));
    expect(got).toEqual(Array.from({ length: N }, (_, i) => `r${i}`));
    expect(early).toEqual([]);
    expect(refused).toBeGreaterThan(0);
    expect(alarms[0]).toMatch(/cannot be written \(ENOTDIR\)/);
    expect(alarms.at(-1)).toMatch(/writable again/);
    expect(alarms.filter((a) => /truncated/.test(a))).toEqual([]);
    expect(resolvedAt.length + refused).toBe(N);
  }, 120_000);
});
