import { describe, expect, it } from '@jest/globals';
import { eventAt } from '../support/audit.js';
import fc from 'fast-check';
import { AUDIT_EVENT_TYPES, type AuditEvent } from '../../shared/audit/event.js';
import { AuditReportBuilder, buildReport } from '../../shared/audit/report.js';
import { exampleTrail } from '../../scripts/audit-example.js';

const ev = eventAt;
describe('the audit report', () => {
  it('pairs grants with their use and revocation: lifetime, reason, live at end', () => {
    const r = buildReport([
      ev(0, { type: 'run.started' }),
      ev(1, { step: 'a', audience: 'github', scope: 'contents:write', grant_id: 'g1' }),
      ev(20, { type: 'credential.used', step: 'a', grant_id: 'g1' }),
      ev(21, { type: 'credential.revoked', reason: 'REVOKED_AFTER_COMMAND', step: 'a', grant_id: 'g1' }),
      ev(30, { step: 'b', audience: 'https://svc', grant_id: 'g2' }),
    ]);
    const a = r.groups.find((g) => g.step === 'a')!;
    expect(a).toMatchObject({
      result: 'granted',
      count: 1,
      used: 1,
      revoked: { REVOKED_AFTER_COMMAND: 1 },
      lifetimeMax: 20,
    });
    const b = r.groups.find((g) => g.step === 'b')!;
    expect(b.revoked).toEqual({ NOT_REVOKED: 1 });
    expect(r.totals).toMatchObject({ granted: 2, revoked: 1, live_at_end: 1, workload: 5, administrator: 0 });
    expect(r.anomalies.map((x) => x.kind)).toEqual(['live-at-job-end']);
  });

  it('a job-end revocation and a ttl expiry are live-at-job-end anomalies; a failed revocation leaves it live', () => {
    const r = buildReport([
      ev(0, { step: 'a', grant_id: 'g1' }),
      ev(50, { type: 'credential.revoked', reason: 'REVOKED_AT_JOB_END', step: 'a', grant_id: 'g1' }),
      ev(1, { step: 'b', grant_id: 'g2' }),
      ev(301, { type: 'credential.expired', reason: 'TTL_PASSED', step: 'b', grant_id: 'g2' }),
      ev(2, { step: 'c', grant_id: 'g3' }),
      ev(3, {
        type: 'credential.revoked',
        outcome: 'error',
        reason: 'ERR_REVOKE_FAILED',
        step: 'c',
        grant_id: 'g3',
      }),
    ]);
    expect(
      r.anomalies
        .filter((a) => a.kind === 'live-at-job-end')
        .map((a) => a.step)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(r.groups.find((g) => g.step === 'c')!.revoked).toEqual({ ERR_REVOKE_FAILED: 1, NOT_REVOKED: 1 });
  });

  it('groups repeated requests with counts, and refusals by reason', () => {
    const events = [
      ...Array.from({ length: 30 }, (_, i) =>
        ev(i * 10, { step: 'm', audience: 'https://svc', grant_id: `g${i}` }),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        ev(400 + i, { type: 'credential.refused', outcome: 'denied', reason: 'ERR_NO_GRANT', step: 'x' }),
      ),
      ev(410, { type: 'credential.refused', outcome: 'denied', reason: 'ERR_SCOPE_NOT_GRANTED', step: 'x' }),
    ];
    const r = buildReport(events);
    expect(r.groups.find((g) => g.step === 'm')!.count).toBe(30);
    expect(r.refusals.map((g) => [g.reason, g.count])).toEqual([
      ['ERR_NO_GRANT', 3],
      ['ERR_SCOPE_NOT_GRANTED', 1],
    ]);
    expect(r.totals.refusals).toBe(4);
  });

  it('separates administrator activity: a dispatch with its inputs, a kill switch, a manual revocation', () => {
    const r = buildReport([
      ev(0, {
        type: 'run.started',
        event_name: 'workflow_dispatch',
        details: { inputs: { target: 'prod' } },
      }),
      ev(5, {
        type: 'admin.revoke',
        source: 'broker',
        details: { target: { repository: 'o/r' }, revoked: 1, actor: 'sec-oncall' },
      }),
      ev(5, { type: 'credential.revoked', reason: 'REVOKED_BY_ADMIN', grant_id: 'zz', step: 'a' }),
    ]);
    expect(r.administrator.map((a) => [a.rule, a.what])).toEqual([
      ['dispatch-by-person', 'dispatched the workflow by hand'],
      ['admin.revoke', 'used the kill switch'],
      ['manual-revocation', 'revoked a credential (kill switch)'],
    ]);
    expect(r.run?.started_by?.class).toBe('administrator');
    expect(r.run?.details).toEqual({ inputs: { target: 'prod' } });
    expect(r.totals.administrator).toBe(3);
  });

  it('describes one run, and only counts when the log has many', () => {
    expect(buildReport([ev(0, {})]).run).toMatchObject({
      run_id: '7',
      started_by: { rule: 'change-by-person' },
    });
    const many = buildReport([ev(0, {}), ev(1, { run_id: '8' })]);
    expect(many.run).toBeUndefined();
    expect(many.totals.runs).toBe(2);
  });

  it('caps groups and administrator events; the rest are counted, not lost', () => {
    const b = new AuditReportBuilder({ maxGroups: 10, maxAdministrator: 3 });
    for (let i = 0; i < 50; i++) b.add(ev(i, { step: `s${i}` }));
    for (let i = 0; i < 5; i++)
      b.add(ev(i, { type: 'admin.change', details: { files: ['.github/workflows/x.yml'] } }));
    const r = b.finish();
    expect(r.groups.length).toBeLessThanOrEqual(11);
    expect(r.otherEvents).toBe(40);
    expect(r.groups.reduce((n, g) => n + g.count, 0)).toBe(50);
    expect(r.administrator).toHaveLength(3);
    expect(r.administratorOmitted).toBe(2);
    expect(r.totals.administrator).toBe(5);
  });

  it('hands every event with its classification to onEvent, in order', () => {
    const seen: string[] = [];
    buildReport(exampleTrail(), { onEvent: (e, c) => seen.push(`${e.type}:${c.class}`) });
    expect(seen).toHaveLength(exampleTrail().length);
    expect(seen[0]).toBe('run.started:administrator');
  });

  it('totals add up for any events (property)', () => {
    const arb = fc.array(
      fc.record({
        type: fc.constantFrom(...AUDIT_EVENT_TYPES),
        s: fc.integer({ min: 0, max: 3600 }),
        grant: fc.constantFrom('g1', 'g2', 'g3', undefined),
        reason: fc.constantFrom('REVOKED_AT_JOB_END', 'REVOKED_BY_ADMIN', 'ERR_X', undefined),
        outcome: fc.constantFrom('success', 'denied', 'error') as fc.Arbitrary<AuditEvent['outcome']>,
      }),
      { maxLength: 100 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const events = xs.map((x) =>
          ev(x.s, {
            type: x.type,
            outcome: x.outcome,
            ...(x.grant ? { grant_id: x.grant } : {}),
            ...(x.reason ? { reason: x.reason } : {}),
          }),
        );
        const r = buildReport(events);
        expect(r.totals.events).toBe(events.length);
        expect(r.totals.workload + r.totals.administrator).toBe(events.length);
        expect(Object.values(r.totals.by_type).reduce((a, b) => a + (b ?? 0), 0)).toBe(events.length);
        expect(r.totals.anomalies).toBe(r.anomalies.length + r.anomaliesOmitted);
      }),
    );
  });
});
