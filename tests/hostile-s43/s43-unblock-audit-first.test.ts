/**
 * Session 43, left by session 42: `/admin/unblock` under a failing audit log, two instances on one
 * Redis. Session 42 lifted the block, then flushed the line, then put the block back when the flush
 * failed; between the lift and the put-back another instance whose log works could grant to the
 * repository (milliseconds on a failing disk, up to the flush deadline on a hung one). Now the
 * request's own line is made durable first (the probe: a flush with nothing queued says nothing of
 * the disk), and a log that cannot take it refuses the unblock before the store is touched.
 * Seen on the start commit 0848e99d: the failing instance's lift (HDEL of the block) and its put-back
 * (HSET) both reached redis-server, and its answer was the same 503.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { monitored } from '../support/redis-monitor.js';
import { ADMIN, startRig, type Rig } from '../support/redis-rig.js';

const REPO = 'octo-org/unblockfirst';

describe('an unblock at an instance whose audit log fails, another instance healthy (s43)', () => {
  let rig: Rig;
  let failing: BrokerProcess;
  let healthy: BrokerProcess;
  let path: string;

  beforeAll(async () => {
    rig = await startRig({ unblockfirst: 430001 });
    failing = await rig.spawn('s43-failing');
    healthy = await rig.spawn('s43-healthy');
    path = join(rig.dir, 'audit-s43-failing.jsonl');
  }, 120_000);
  afterAll(async () => {
    rmSync(path, { recursive: true, force: true });
    writeFileSync(path, '');
    await rig?.close();
  }, 60_000);

  it('refused before the lift: no store write, the block holds at the other instance throughout', async () => {
    expect((await healthy.post('/admin/revoke', { repository: REPO }, ADMIN)).status).toBe(200);
    // The path replaced by a folder: EISDIR at the batch's open, as a disk does it to a running broker.
    rmSync(path, { force: true });
    mkdirSync(path);
    const raw = rig.redis.client();
    let refused!: { status: number; body: Record<string, unknown> };
    const seen = await monitored(raw, async () => {
      refused = await failing.post('/admin/unblock', { repository: REPO }, ADMIN);
    });
    raw.disconnect();
    expect(refused.status).toBe(503);
    // No command of the failing instance wrote the blocks (a lift and a put-back is the window).
    const writes = seen.filter(
      (c) => /^(hdel|hset|del|evalsha|eval)$/i.test(c.args[0] ?? '') && c.args.includes('stepwarden:blocks'),
    );
    expect(writes.map((c) => c.args.slice(0, 2).join(' '))).toEqual([]);
    expect(refused.body.error).toBe('temporarily_unavailable');
    expect(String(refused.body.error_description)).toMatch(
      /^ERR_AUDIT_UNAVAILABLE: the block was NOT lifted: an unblock is lifted only once its request is on disk \(nothing was touched\)/,
    );
    // The other instance refuses the repository (the block never left).
    const blocked = await rig.exchange(healthy, await rig.oidc('unblockfirst', 's43-unblock-1'));
    expect(blocked.status).toBe(403);
    expect(String(blocked.body.error_description)).toMatch(/^ERR_BLOCKED/);

    // Healed: the same unblock lifts, and the other instance grants.
    rmSync(path, { recursive: true, force: true });
    writeFileSync(path, '');
    const lifted = await failing.post('/admin/unblock', { repository: REPO }, ADMIN);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toEqual({ unblocked: true });
    expect((await rig.exchange(healthy, await rig.oidc('unblockfirst', 's43-unblock-2'))).status).toBe(200);
    // On the failing instance's disk once healed: the refused request and its refusal, then the request
    // that lifted and its result. Every lift follows a durable request line.
    const unblocks = rig.audit('s43-failing').filter((l) => String(l.type).startsWith('admin.unblock'));
    expect(unblocks.map((l) => [l.type, l.outcome, l.reason ?? null])).toEqual([
      ['admin.unblock_requested', 'success', null],
      ['admin.unblock', 'error', 'ERR_AUDIT_UNAVAILABLE'],
      ['admin.unblock_requested', 'success', null],
      ['admin.unblock', 'success', null],
    ]);
    expect(unblocks.every((l) => (l.details as { actor: string }).actor === 'oncall')).toBe(true);
  }, 120_000);
});

describe('the log failing between the request line and the result line (s43, in process)', () => {
  it('the lift is undone as in session 42: the blocks put back as they were, 503', async () => {
    const { memoryAuditSink } = await import('../../shared/broker/audit-log.js');
    const { startStack } = await import('../support/broker.js');
    const mem = memoryAuditSink();
    // The request's line (admin.unblock_requested) is durable; the result's flush fails once (a disk failing just then).
    let failed = false;
    const sink = {
      write: mem.write,
      flush: () => {
        const last = mem.events.at(-1);
        if (failed || last?.type !== 'admin.unblock') return Promise.resolve();
        failed = true;
        return Promise.reject(new Error('disk failed just now'));
      },
    };
    const s = await startStack({ auditSink: sink });
    try {
      expect((await s.post('/admin/revoke', { repository: 'octo-org/octo-repo' }, ADMIN)).status).toBe(200);
      const held = await s.store.blocks();
      expect(held.length).toBeGreaterThan(0);
      const r = await s.post('/admin/unblock', { repository: 'octo-org/octo-repo' }, ADMIN);
      expect(r.status).toBe(503);
      expect(String(r.body.error_description)).toMatch(
        /^ERR_AUDIT_UNAVAILABLE: the block was NOT lifted: an unblock is done only with its line on disk \(\d+ of \d+ lifted block\(s\) put back\)/,
      );
      expect(await s.store.blocks()).toEqual(held);
      expect(
        mem.events
          .filter((e) => e.type.startsWith('admin.unblock'))
          .map((e) => [e.type, e.outcome, e.reason ?? null]),
      ).toEqual([
        ['admin.unblock_requested', 'success', null],
        ['admin.unblock', 'success', null],
        ['admin.unblock', 'error', 'ERR_AUDIT_UNAVAILABLE'],
      ]);
    } finally {
      await s.close();
    }
  });
});
