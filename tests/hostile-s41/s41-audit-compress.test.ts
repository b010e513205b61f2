/**
 * Session 41, on call: logrotate's `compress` without `delaycompress`, the race session 40 left. The
 * broker opens the path for a batch; logrotate renames the file, compress reads the renamed copy
 * (here: copied to `.1.gz`), the broker's batch lands in the renamed copy after that read, and
 * compress deletes the copy once the broker's link count check has passed (the link was still there).
 * On the start commit the flush resolved, no alarm, and the batch was in no file: the path held
 * nothing and the "compressed" copy only the line before it.
 *
 * Now the sink also compares the open file with the file the path names after the batch is durable
 * (inode and device): another file, or none, means the batch may sit in a copy already read, and it
 * is written again at the path. Both ways of writing a batch are driven: the step-by-step io (the
 * rename placed between open and write) and the writer thread's own function (its source run here
 * with an fs whose write first renames the file: a step the thread's real run cannot be paused at).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as realFs from 'node:fs';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fileAuditSink,
  nodeAuditFileIo,
  PERSIST_FUNCTION,
  type AuditFileIo,
  type PersistResult,
} from '../../shared/broker/audit-log.js';
import { auditEvent as event, grantIds as ids, stepIo, stepSink } from '../support/audit-steps.js';

describe('the audit file renamed and compressed under a batch (s41)', () => {
  let dir: string;
  let path: string;
  let alarms: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-s41-compress-'));
    path = join(dir, 'audit.jsonl');
    alarms = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** logrotate's first half: rename, then compress reads the renamed copy (kept as `.1.gz`). */
  const renameAndRead = () => {
    renameSync(path, `${path}.1`);
    copyFileSync(`${path}.1`, `${path}.1.gz`);
  };
  /** Its second half: the renamed copy removed once compressed. */
  const removeCopy = () => existsSync(`${path}.1`) && unlinkSync(`${path}.1`);

  it('step by step: the batch that landed after compress read the copy is written again at the path', async () => {
    const sink = stepSink(
      path,
      alarms,
      stepIo(
        (n) => n === 2 && renameAndRead(),
        (n) => n === 2 && removeCopy(),
      ),
    );
    sink.write(event(1));
    await sink.flush();
    sink.write(event(2));
    await sink.flush();
    // Before: .1.gz ['g-1'], the path [] (g-2 went into the copy after it was read, then deleted).
    expect(ids(`${path}.1.gz`)).toEqual(['g-1']);
    expect(ids(path)).toEqual(['g-2']);
    expect(alarms.join('')).toMatch(
      /audit log .* was renamed while a batch was written to it.*written again/,
    );
  });

  it('rename rotation (delaycompress): the batch in flight is in both files, told once, nothing lost', async () => {
    const sink = stepSink(
      path,
      alarms,
      stepIo(
        (n) => n === 2 && renameSync(path, `${path}.1`),
        () => undefined,
      ),
    );
    sink.write(event(1));
    await sink.flush();
    sink.write(event(2));
    await sink.flush();
    sink.write(event(3));
    await sink.flush();
    expect(ids(`${path}.1`)).toEqual(['g-1', 'g-2']);
    expect(ids(path)).toEqual(['g-2', 'g-3']);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).not.toMatch(/ALARM/);
  });

  it('renamed under every try: the flush is refused, never resolved with the batch in a moved copy', async () => {
    let k = 0;
    const sink = stepSink(
      path,
      alarms,
      stepIo(
        () => renameSync(path, `${path}.${++k}`),
        () => undefined,
      ),
    );
    sink.write(event(1));
    await expect(sink.flush()).rejects.toThrow(/moved or deleted while/);
  });

  it('no rotation: one write a batch, no note (the path check says nothing)', async () => {
    const sink = fileAuditSink(path, undefined, (l) => alarms.push(l));
    for (let i = 1; i <= 3; i++) {
      sink.write(event(i));
      await sink.flush();
    }
    expect(ids(path)).toEqual(['g-1', 'g-2', 'g-3']);
    expect(alarms).toEqual([]);
  });

  it("the writer thread's steps: a rename before its write is reported, and the sink writes the batch again", async () => {
    type Persist = (
      fs: typeof realFs,
      path: string,
      dir: string,
      data: string,
      entryPending: boolean,
      how: unknown,
    ) => PersistResult;
    const threadPersist = new Function(`return (${PERSIST_FUNCTION})`)() as Persist;
    const how = {
      open: realFs.constants.O_WRONLY | realFs.constants.O_APPEND | realFs.constants.O_NOFOLLOW,
      create:
        realFs.constants.O_WRONLY |
        realFs.constants.O_APPEND |
        realFs.constants.O_NOFOLLOW |
        realFs.constants.O_CREAT,
      mode: 0o600,
      dir: realFs.constants.O_RDONLY | realFs.constants.O_DIRECTORY,
    };
    let armed = false;
    const fsMoving = {
      ...realFs,
      writeSync: (...a: Parameters<typeof realFs.writeSync>) => {
        if (armed) {
          armed = false;
          renameAndRead();
        }
        return (realFs.writeSync as (...b: unknown[]) => number)(...a);
      },
      closeSync: (fd: number) => {
        realFs.closeSync(fd);
        if (existsSync(`${path}.1.gz`)) removeCopy();
      },
    } as typeof realFs;
    const io: AuditFileIo = {
      ...nodeAuditFileIo,
      persist: async (p, d, data, entryPending) => threadPersist(fsMoving, p, d, data, entryPending, how),
    };
    const sink = stepSink(path, alarms, io);
    sink.write(event(1));
    await sink.flush();
    armed = true;
    sink.write(event(2));
    await sink.flush();
    expect(ids(`${path}.1.gz`)).toEqual(['g-1']);
    expect(ids(path)).toEqual(['g-2']);
    expect(alarms.join('')).toMatch(/renamed while a batch was written/);
  });
});
