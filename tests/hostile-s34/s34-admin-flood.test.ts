/**
 * Session 34, operating the broker: the admin door (`/admin/revoke`, `/admin/unblock`) flooded by
 * requests without the admin token, each naming a real repository and a 4 KB workflow selector. The
 * refusals are unauthenticated: their lines are bounded by the audit budget (then counted in one
 * `AUDIT_SUPPRESSED` line, written by the stop at the latest), never budgeted against the named
 * repository's own refusals, and no line carries the selector whole. The flood blocks nothing; the
 * administrator's own block and lift during it are answered and audited each with its line; the
 * repository's workloads keep their refusal budget.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const ADMIN = { authorization: 'Bearer secret' };
const FLOOD = 1500;

describe('the admin door flooded without the token (s34)', () => {
  let s: Stack;

  beforeAll(async () => {
    s = await startStack();
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  it('bounded lines, then a count; nothing blocked; the administrator served and audited', async () => {
    const big = `x${'w'.repeat(4096)}.yml`;
    const started = Date.now();
    const wrong: Record<string, string>[] = [
      {},
      { authorization: 'Bearer secrets' },
      { authorization: 'Basic c2VjcmV0' },
      { authorization: `Bearer ${'s'.repeat(2000)}` },
    ];
    const door = ['/admin/revoke', '/admin/unblock'];
    const flood: Promise<number>[] = [];
    let adminBlock: Promise<{ status: number; body: Record<string, unknown> }> | undefined;
    for (let i = 0; i < FLOOD; i++) {
      flood.push(
        s
          .post(
            door[i % 2]!,
            { repository: 'octo-org/octo-repo', repository_id: '100001', workflow: big, run_id: String(i) },
            wrong[i % wrong.length],
          )
          .then((r) => r.status),
      );
      // The administrator, in the middle of the flood.
      if (i === FLOOD / 2)
        adminBlock = s.post('/admin/revoke', { run_id: runIdOf('s34-admin-flood') }, ADMIN);
      if (i % 50 === 49) await Promise.all(flood.slice(-50));
    }
    const statuses = await Promise.all(flood);
    const seconds = (Date.now() - started) / 1000;
    expect(new Set(statuses)).toEqual(new Set([401]));
    const block = await adminBlock!;
    expect(block.status).toBe(200);
    expect(block.body.blocked).toBe(true);
    const lift = await s.post('/admin/unblock', { run_id: runIdOf('s34-admin-flood') }, ADMIN);
    expect(lift.status).toBe(200);
    const events = s.audit.events as unknown as Record<string, unknown>[];
    // The administrator's block and lift: one success line each, whatever the flood did to the budget
    // (the lift's request line before it since session 43).
    const mine = events.filter((e) => e.outcome === 'success' && String(e.type).startsWith('admin.'));
    expect(mine.map((e) => e.type)).toEqual(['admin.revoke', 'admin.unblock_requested', 'admin.unblock']);
    // The flood's lines: within the budget (burst 100, 10 a second), none with the selector whole.
    const denied = events.filter(
      (e) => String(e.type).startsWith('admin.') && e.reason === 'ERR_ADMIN_UNAUTHORIZED',
    );
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.length).toBeLessThanOrEqual(100 + Math.ceil(10 * seconds) + 10);
    expect(JSON.stringify(events)).not.toContain(big);
    // No denied admin line is attributed to the repository it named (it would spend that budget).
    for (const e of denied) {
      expect(e.repository).toBeUndefined();
      expect(e.repository_id).toBeUndefined();
    }
    // Nothing the flood named is blocked: the repository's workload is granted.
    const token = await s.issuer.mint({ run_id: runIdOf('s34-admin-after') });
    const granted = await s.token(s.exchangeForm(token));
    expect(granted.status).toBe(200);
    // The count of what was not written comes at the stop at the latest.
    await s.broker.close();
    const suppressed = (s.audit.events as unknown as Record<string, unknown>[]).filter(
      (e) => e.reason === 'AUDIT_SUPPRESSED',
    );
    expect(suppressed.length).toBeGreaterThan(0);
    const counted = suppressed.reduce(
      (n, e) => n + Number((e.details as { suppressed?: number } | undefined)?.suppressed ?? 0),
      0,
    );
    expect(counted + denied.length).toBeGreaterThanOrEqual(FLOOD);
  }, 180_000);
});
