/**
 * Session 15, the pure side: whatever the workflow's steps, the Jobs API's rows and the trail's
 * verdict, the summary shows the gate as ✅ only when every gate step of the job has exactly one row of
 * its display name, completed with success, and nothing masks a denial; and a trail "allowed" the Jobs
 * API does not bear out is always an anomaly.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { AuditEvent } from '../../shared/audit/event.js';
import { judgeGate, type ApiJob, type ApiStep } from '../../shared/audit/job-steps.js';
import { buildReport } from '../../shared/audit/report.js';
import { renderAuditMarkdown } from '../../shared/audit/render-markdown.js';
import { gateAnomalies } from '../../shared/audit/verify.js';
import type { StepModel } from '../../shared/workflow/model.js';

const GATE = `stepwarden/stepwarden/actions/enforce@${'c'.repeat(40)}`;
const NAMES = ['Gate', `Run ${GATE}`, 'Run make', 'Build', 'Gate for ${{ github.ref }}'];
const loc = (value: string) => ({ value, line: 9 });

const stepArb = fc.record({
  kind: fc.constantFrom('gate', 'gate', 'run', 'other'),
  name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  if: fc.option(fc.constantFrom("github.event_name == 'push'", 'always()'), { nil: undefined }),
  coe: fc.option(fc.constantFrom('true', 'false', '${{ inputs.soft }}'), { nil: undefined }),
  mode: fc.option(fc.constantFrom('enforce', 'audit', ' enforce '), { nil: undefined }),
});
const rowArb = fc.record({
  name: fc.constantFrom(...NAMES, 'Set up job', 'Gate for refs/heads/main'),
  status: fc.constantFrom('completed', 'completed', 'in_progress', 'queued'),
  conclusion: fc.constantFrom('success', 'success', 'failure', 'skipped', 'cancelled', null),
});

interface Spec {
  kind: string;
  name?: string | undefined;
  if?: string | undefined;
  coe?: string | undefined;
  mode?: string | undefined;
}

function model(specs: Spec[]): StepModel[] {
  return specs.map((s, index) => ({
    index,
    line: 8 + index,
    id: `s${index}`,
    ...(s.name !== undefined ? { name: s.name } : {}),
    ...(s.kind === 'gate'
      ? { uses: GATE }
      : s.kind === 'other'
        ? { uses: 'actions/checkout@v4' }
        : { run: 'make' }),
    ...(s.if ? { if: loc(s.if) } : {}),
    ...(s.coe ? { continueOnError: loc(s.coe) } : {}),
    ...(s.kind === 'gate' && s.mode !== undefined ? { with: { mode: loc(s.mode) } } : {}),
  }));
}

/** The oracle: what a passed gate must be, written out independently. */
function reallyPassed(steps: StepModel[], rows: ApiStep[]): boolean {
  const gates = steps.filter((s) => s.uses === GATE);
  if (!gates.length) return false;
  return gates.every((g) => {
    const name = g.name ?? `Run ${g.uses}`;
    if (name.includes('${{')) return false;
    const same = rows.filter((r) => r.name === name);
    const coe = g.continueOnError && g.continueOnError.value !== 'false';
    const mode = g.with?.['mode']?.value.trim();
    return (
      same.length === 1 &&
      same[0]!.status === 'completed' &&
      same[0]!.conclusion === 'success' &&
      !coe &&
      (mode === undefined || mode === '' || mode === 'enforce')
    );
  });
}

const ctx = { repository: 'o/r', workflow: 'release.yml', job: 'publish', run_id: '1', run_attempt: 1 };
const verdict = (outcome: AuditEvent['outcome']): AuditEvent => ({
  v: 1,
  time: '2026-12-01T10:00:00.000Z',
  type: 'job.enforced',
  outcome,
  source: 'action',
  ...ctx,
});

describe('judgeGate and the summary (property)', () => {
  it('✅ only for a gate the Jobs API shows passed; an unconfirmed "allowed" is always an anomaly', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 5 }),
        fc.array(rowArb, { maxLength: 6 }),
        fc.constantFrom<AuditEvent['outcome'] | undefined>('success', 'denied', 'error', undefined),
        (specs, rows, reported) => {
          const steps = model(specs);
          const job: ApiJob = { id: 1, name: 'publish', steps: rows };
          const gate = judgeGate(job, steps, '.github/workflows/release.yml');
          expect(gate.state === 'passed').toBe(reallyPassed(steps, rows));
          if (!steps.some((s) => s.uses === GATE)) expect(gate.state).toBe('no-gate');

          const anomalies = gateAnomalies(gate, reported, ctx, '2026-12-01T10:00:00.000Z');
          const kinds = anomalies.map((a) => a.kind);
          if (reported === 'success' && gate.state !== 'passed')
            expect(kinds).toContain('unconfirmed-gate-verdict');
          if (gate.state !== 'passed' && gate.state !== 'no-gate') expect(kinds).toContain('gate-not-passed');
          const clean =
            (gate.state === 'passed' && (reported === undefined || reported === 'success')) ||
            (gate.state === 'no-gate' && reported === undefined);
          expect(anomalies.length === 0).toBe(clean);
          for (const a of anomalies) expect(a.severity).toBe('error');

          // The audit action always has the run (run.started, from the signed token).
          const started: AuditEvent = { ...verdict('success'), type: 'run.started', event_name: 'push' };
          const built = buildReport(reported ? [started, verdict(reported)] : [started]);
          const md = renderAuditMarkdown({
            ...built,
            verification: { verified: [], notVerified: [], brokerConfirmed: true, unverified: [], gate },
          });
          const line = md.split('\n').find((l) => l.startsWith('**Gate**')) ?? '';
          expect(line.includes('✅')).toBe(gate.state === 'passed');
          if (gate.state !== 'no-gate' || reported) expect(line).not.toBe('');
          if (reported === 'success' && gate.state !== 'passed') expect(line).toMatch(/unconfirmed/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
