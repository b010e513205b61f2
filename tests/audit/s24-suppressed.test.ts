/**
 * Session 24: the broker's `audit.refusals_suppressed` line (refusals counted instead of written) is
 * read by the audit summary as that many refusals, by code, in the repository's refused groups; a
 * job's own trail cannot add refusals with such a line.
 */
import { describe, expect, it } from '@jest/globals';
import { auditEventSchema, type AuditEvent } from '../../shared/audit/event.js';
import { buildReport } from '../../shared/audit/report.js';

const line = (source: AuditEvent['source'], byReason: Record<string, unknown>): AuditEvent =>
  auditEventSchema.parse({
    v: 1,
    time: '2026-01-01T00:01:00.000Z',
    source,
    type: 'audit.refusals_suppressed',
    outcome: 'denied',
    reason: 'AUDIT_REFUSALS_SUPPRESSED',
    repository: 'octo-org/octo-repo',
    repository_id: '100001',
    details: { suppressed: 7, by_reason: byReason, tokens: 1, first: '2026-01-01T00:00:10.000Z' },
  });

describe('suppressed refusals in the audit summary', () => {
  it('counts them as refusals, by code, with the first time', () => {
    const r = buildReport([line('broker', { ERR_OIDC_EXPIRED: 5, ERR_RATE_LIMITED: 2 })]);
    expect(r.totals.refusals).toBe(7);
    const refused = r.groups.filter((g) => g.result === 'refused');
    expect(refused.map((g) => [g.repository, g.reason, g.count]).sort()).toEqual([
      ['octo-org/octo-repo', 'ERR_OIDC_EXPIRED', 5],
      ['octo-org/octo-repo', 'ERR_RATE_LIMITED', 2],
    ]);
    expect(refused[0]!.first).toBe('2026-01-01T00:00:10.000Z');
  });

  it("ignores a job trail's line and counts that are not whole positive numbers or codes that are not codes", () => {
    expect(buildReport([line('action', { ERR_OIDC_EXPIRED: 5 })]).totals.refusals).toBe(0);
    const r = buildReport([
      line('broker', { ERR_X: -1, ERR_Y: 1.5, ERR_Z: '9', 'not a code': 3, ERR_OK: 1 }),
    ]);
    expect(r.totals.refusals).toBe(1);
  });
});
