/**
 * Session 42, the admin's acts while the audit log cannot be written (left by session 41). The
 * write-ahead rule: no credential leaves without its line on disk. An admin act is held to the same
 * rule, in the direction each one moves access:
 * - `/admin/unblock` widens access: lifted, its line, and when the line cannot be made durable the
 *   lift is undone (the blocks put back, as a grant whose line failed is revoked) and refused, 503
 *   ERR_AUDIT_UNAVAILABLE. On bdb62c33 it answered 200 `{unblocked: true}`, the block gone, no line.
 * - `/admin/revoke` (the kill switch) narrows access: the block and the revocations stand (a full
 *   audit disk must never keep a compromised repository's credentials live), but the answer is 503
 *   ERR_AUDIT_UNAVAILABLE naming what was done, never a 200 that reads as audited. On bdb62c33: 200.
 * The log made unwritable as a disk does it to a running broker: the path replaced by a folder (EISDIR
 * at the batch's open), the real sink and its writer thread; healed by putting a file back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileAuditSink } from '../../shared/broker/audit-log.js';
import { errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const BEARER = { authorization: 'Bearer secret' }; // the stack's admin token
let s: Stack;
let dir: string;
let path: string;
const alarms: string[] = [];

const lines = (): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const breakLog = () => (rmSync(path, { force: true }), mkdirSync(path));
const healLog = () => (rmSync(path, { recursive: true, force: true }), writeFileSync(path, ''));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sw-s42-admin-audit-'));
  path = join(dir, 'audit.jsonl');
  s = await startStack({ auditSink: fileAuditSink(path, undefined, (l) => alarms.push(l)) });
});
afterAll(async () => {
  healLog();
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin acts under an audit log that cannot be written (s42)', () => {
  it('/admin/unblock is undone and refused: the block stays until its line can be written', async () => {
    const REPO = 'octo-org/unblock-unaudited';
    expect((await s.post('/admin/revoke', { repository: REPO }, BEARER)).status).toBe(200);
    const held = await s.store.blocks();
    expect(held.map((b) => b.repository)).toEqual([REPO]);
    breakLog();
    const refused = await s.post('/admin/unblock', { repository: REPO }, BEARER);
    expect(refused.status).toBe(503);
    expect(errorCode(refused)).toBe('ERR_AUDIT_UNAVAILABLE');
    expect(String(refused.body.error_description)).toMatch(/NOT lifted/);
    // The block is back as it was (its actor and time: the kill switch's record, not the undo's).
    expect(await s.store.blocks()).toEqual(held);
    expect(alarms.some((a) => /ALARM: the audit log .* cannot be written \(EISDIR\)/.test(a))).toBe(true);
    // Nothing to lift: still not answered as done, and says what (not) happened.
    const none = await s.post('/admin/unblock', { repository: 'octo-org/never-blocked' }, BEARER);
    expect(none.status).toBe(503);
    // Since session 43 the request's line is written before the store is read: refused the same way.
    expect(String(none.body.error_description)).toMatch(/^ERR_AUDIT_UNAVAILABLE: the block was NOT lifted/);
    expect(await s.store.blocks()).toEqual(held);
    healLog();
    const lifted = await s.post('/admin/unblock', { repository: REPO }, BEARER);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toEqual({ unblocked: true });
    expect(await s.store.blocks()).toEqual([]);
    // On disk (written once the log healed): each refused request and its refusal (session 43: the
    // request's line first, nothing lifted without it), then the request that lifted and its result.
    const unblocks = lines().filter((l) => String(l.type).startsWith('admin.unblock'));
    expect(unblocks.map((l) => [l.type, l.outcome, l.reason ?? null])).toEqual([
      ['admin.unblock_requested', 'success', null],
      ['admin.unblock', 'error', 'ERR_AUDIT_UNAVAILABLE'],
      ['admin.unblock_requested', 'success', null],
      ['admin.unblock', 'error', 'ERR_AUDIT_UNAVAILABLE'],
      ['admin.unblock_requested', 'success', null],
      ['admin.unblock', 'success', null],
    ]);
  });

  it('/admin/revoke stands (block and revocations) but answers 503, not a 200 that reads as audited', async () => {
    healLog();
    const oidc = await s.issuer.mint({ run_id: runIdOf('s42-kill-unaudited') });
    const granted = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify' }));
    expect(granted.status).toBe(200);
    breakLog();
    const kill = await s.post('/admin/revoke', { repository: 'octo-org/octo-repo' }, BEARER);
    expect(kill.status).toBe(503);
    expect(errorCode(kill)).toBe('ERR_AUDIT_UNAVAILABLE');
    expect(String(kill.body.error_description)).toMatch(/block is written and 1 credential\(s\) revoked/);
    // What narrows access was done: blocked, and the credential inactive.
    expect((await s.store.blocks()).map((b) => b.repository)).toContain('octo-org/octo-repo');
    const seen = await s.post('/introspect', { token: String(granted.body.access_token) }, BEARER);
    expect(seen.body.active).toBe(false);
    healLog();
    // The same kill switch again, once the log is healed: answered done, its line on disk.
    const again = await s.post('/admin/revoke', { repository: 'octo-org/octo-repo' }, BEARER);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ blocked: true });
    const kills = lines().filter(
      (l) => l.type === 'admin.revoke' && (l.details as { target: object }).target,
    );
    expect(kills.at(-1)).toMatchObject({
      outcome: 'success',
      details: { target: { repository: 'octo-org/octo-repo' } },
    });
    expect(JSON.stringify(lines())).not.toContain(String(granted.body.access_token));
    expect((await s.post('/admin/unblock', { repository: 'octo-org/octo-repo' }, BEARER)).status).toBe(200);
  });
});
