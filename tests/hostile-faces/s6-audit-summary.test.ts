/**
 * Session 6 hostile review of the audit job summary: what a step of the job (which can write the
 * trail) can make the summary a reviewer trusts say. Each case failed before its fix.
 */
import { describe, expect, it } from '@jest/globals';
import type { AuditEvent } from '../../shared/audit/event.js';
import { buildReport, type AuditReport } from '../../shared/audit/report.js';
import { renderAuditMarkdown } from '../../shared/audit/render-markdown.js';
import { verifyJob, type BrokerCredential, type BrokerListing } from '../../shared/audit/verify.js';

const T0 = '2026-12-01T10:00:00.000Z';
const T1 = '2026-12-01T10:00:05.000Z';
const T2 = '2026-12-01T10:05:00.000Z';
const ctx: Partial<AuditEvent> = {
  repository: 'o/r',
  workflow: 'release.yml',
  job: 'publish',
  run_id: '1',
  run_attempt: 1,
  event_name: 'push',
  ref: 'refs/heads/main',
  actor: { login: 'mona', type: 'User' },
};

const cred = (over: Partial<BrokerCredential> = {}): BrokerCredential => ({
  grant_id: 'g1',
  job: 'publish',
  step: 'release',
  audience: 'github',
  scope: 'contents:write',
  issued_at: T0,
  expires_at: T2,
  state: 'revoked-earlier',
  revoked_at: T1,
  ...over,
});
const listing = (credentials: BrokerCredential[]): BrokerListing => ({
  revoked: 0,
  credentials,
  complete: true,
  subject: { repository: 'o/r', run_id: '1', run_attempt: '1' },
});
/** A line as actions/exchange, run and enforce write it in this job. */
const line = (over: Partial<AuditEvent>): AuditEvent => ({
  v: 1,
  time: T1,
  source: 'action',
  type: 'credential.refused',
  outcome: 'denied',
  ...ctx,
  ...over,
});

/** The audit action's path: verify the trail against the broker, build, render (as shared/actions/audit.ts). */
function summary(
  trail: AuditEvent[],
  opts: {
    broker?: BrokerListing;
    stepRan?: (s: string) => boolean | undefined;
    limit?: number;
  } = {},
): { md: string; report: AuditReport; unverified: number } {
  const checked = verifyJob({
    trail: trail.map((event, i) => ({ line: i + 1, event })),
    ...(opts.broker ? { broker: opts.broker } : {}),
    ...(opts.stepRan ? { stepRan: opts.stepRan } : {}),
    ctx,
    now: T2,
  });
  const run: AuditEvent = {
    v: 1,
    time: T0,
    source: 'action',
    type: 'run.started',
    outcome: 'success',
    ...ctx,
  } as AuditEvent;
  const built = buildReport([run, ...checked.events]);
  const report: AuditReport = {
    ...built,
    anomalies: [...built.anomalies, ...checked.anomalies],
    totals: { ...built.totals, anomalies: built.totals.anomalies + checked.anomalies.length },
    verification: {
      verified: ["the broker's record"],
      notVerified: ["the gate's verdict"],
      brokerConfirmed: !!opts.broker,
      unverified: checked.unverified,
    },
  };
  return {
    md: renderAuditMarkdown(report, opts.limit ? { limit: opts.limit } : {}),
    report,
    unverified: checked.unverified.length,
  };
}

const denial = line({
  type: 'job.enforced',
  outcome: 'denied',
  time: T0,
  details: {
    mode: 'audit',
    problems: [{ message: 'job publish holds contents: write beyond its manifest' }],
  },
});

describe('the gate line: a step cannot turn a reported denial into an allowance', () => {
  it('a later job.enforced success line does not replace the denial the gate wrote', () => {
    const forged = line({ type: 'job.enforced', outcome: 'success', time: '2030-01-01T00:00:00.000Z' });
    const { md, report } = summary([denial, forged], { broker: listing([]) });
    expect(report.gate?.outcome).toBe('denied');
    expect(report.gate?.reports).toBe(2);
    expect(md).toMatch(/\*\*Gate\*\* ❌ reported outside its access manifest/);
    expect(md).toMatch(/2 verdicts in the trail/);
    expect(md).not.toMatch(/reported allowed/);
  });
  it('the order does not matter: a success first and the denial after still shows the denial', () => {
    const early = line({ type: 'job.enforced', outcome: 'success', time: '2000-01-01T00:00:00.000Z' });
    const { report } = summary([early, denial], { broker: listing([]) });
    expect(report.gate?.outcome).toBe('denied');
  });
});

describe("trail lines of another run, attempt, job or repository are not this job's", () => {
  const others: [string, Partial<AuditEvent>][] = [
    ['run', { run_id: '999' }],
    ['attempt', { run_attempt: 2 }],
    ['job', { job: 'other-job' }],
    ['repository', { repository: 'evil/r' }],
  ];
  it.each(others)(
    'a line naming another %s is unverified, and the run, gate and verification lines stay',
    (_, over) => {
      const replayed = line({ type: 'job.enforced', outcome: 'success', ...over });
      const { md, report, unverified } = summary([denial, replayed], { broker: listing([]) });
      expect(unverified).toBe(1);
      expect(report.run?.run_id).toBe('1');
      expect(md).toMatch(/\*\*Run\*\* /);
      expect(md).toMatch(/\*\*Verified\*\* against/);
      expect(md).toMatch(/\*\*Gate\*\* ❌/);
      expect(md).toMatch(/### Unverified trail lines/);
      expect(md).toMatch(/a line of another run, attempt or job/);
    },
  );
  it('a replayed refusal is not counted as a refusal of this job', () => {
    const { report } = summary([line({ run_id: '2', step: 'release' })], { broker: listing([]) });
    expect(report.totals.refusals).toBe(0);
  });
  it('the same repository in another letter case is this job (GitHub names are case-insensitive)', () => {
    const { unverified, report } = summary([line({ repository: 'O/R', step: 'release' })], {
      broker: listing([]),
    });
    expect(unverified).toBe(0);
    expect(report.totals.refusals).toBe(1);
  });
});

describe("a line's own actor and event do not decide who set the workload in motion", () => {
  it("a refusal line claiming a bot's schedule is classified by the run's verified facts", () => {
    const forged = line({
      step: 'release',
      event_name: 'schedule',
      actor: { login: 'renovate[bot]', type: 'Bot' },
      triggering_actor: { login: 'renovate[bot]', type: 'Bot' },
    });
    const { report } = summary([forged], { broker: listing([]) });
    // push by a person: "a person's earlier change", never "a machine".
    expect(report.totals.workload_by_initiator).toEqual({ 'human-change': 2 });
    expect(report.refusals[0]?.job).toBe('publish');
  });
});

describe("administrator activity never comes from the job's trail", () => {
  const killSwitch = line({
    type: 'credential.revoked',
    outcome: 'success',
    reason: 'REVOKED_BY_ADMIN',
    step: 'release',
    grant_id: 'g1',
    actor: { login: 'security-lead', type: 'User' },
  });
  it('without a broker answer, a kill-switch revocation in the trail is unverified, not a person’s act', () => {
    const { md, report, unverified } = summary([killSwitch]);
    expect(unverified).toBe(1);
    expect(report.administrator).toEqual([]);
    expect(md).not.toMatch(/kill switch\)/);
  });
  it('with an incomplete broker listing, too', () => {
    const broker = { ...listing([]), complete: false };
    const { report, unverified } = summary([killSwitch], { broker });
    expect(unverified).toBe(1);
    expect(report.totals.administrator).toBe(0);
  });
  it('an admin.unblock line is unverified', () => {
    const { report, unverified } = summary([line({ type: 'admin.unblock', outcome: 'success' })]);
    expect(unverified).toBe(1);
    expect(report.totals.administrator).toBe(0);
  });
});

describe('a flood of reported lines cannot push what the audit checked out of view', () => {
  it("the broker's grant claimed under a step that never ran stays in the first anomaly rows", () => {
    const flood = Array.from({ length: 3000 }, (_, i) =>
      line({
        type: 'credential.claimed_twice',
        outcome: 'denied',
        time: new Date(Date.parse('2001-01-01T00:00:00Z') + i * 1000).toISOString(),
        step: `s${i}`,
        audience: 'github',
        detail: 'x'.repeat(200),
      }),
    );
    const stolen = cred({ grant_id: 'g-stolen', step: 'never-ran' });
    const { md } = summary(flood, {
      broker: listing([stolen]),
      stepRan: (s) => s !== 'never-ran',
      limit: 200_000,
    });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(200_000);
    const anomalies = md.slice(md.indexOf('### Anomalies'));
    const firstRows = anomalies.split('\n').slice(4, 9).join('\n');
    expect(firstRows).toMatch(/claimed-by-unknown-step/);
    expect(firstRows).toMatch(/g-stolen/);
  });
  it('every broker-confirmed grant stays listed when refusal rows fill the summary', () => {
    const grants = Array.from({ length: 30 }, (_, i) =>
      cred({ grant_id: `g${i}`, step: `step-${i}`, issued_at: T0 }),
    );
    const flood = Array.from({ length: 4000 }, (_, i) =>
      line({ step: `junk-${i}`, reason: `ERR_${i}`, detail: 'y'.repeat(290) }),
    );
    const { md } = summary(flood, { broker: listing(grants), limit: 16_000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(16_000);
    const workload = md.slice(md.indexOf('### Workload activity'));
    for (let i = 0; i < 30; i++) expect(workload).toContain(`step-${i}<`);
    expect(workload).not.toMatch(/further rows? not shown/);
    expect(md).toMatch(/### Administrator activity/);
  });
  it('a megabyte step name in one refusal line does not cut the workload and administrator sections', () => {
    const huge = line({ step: 'A'.repeat(1_200_000), reason: 'ERR_CONDITION_REF' });
    const { md } = summary([huge], { broker: listing([cred()]) });
    expect(Buffer.byteLength(md)).toBeLessThan(64 * 1024);
    expect(md).toMatch(/### Workload activity/);
    expect(md).toMatch(/<code>release<\/code>/);
    expect(md).toMatch(/### Administrator activity/);
    expect(md).not.toMatch(/cut to stay under/);
  });
});
