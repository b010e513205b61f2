/** The pure parts of the audit's trust in the broker: trail reading, step matching, verification, rendering. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../../shared/audit/event.js';
import { findJob, stepRan, type ApiJob } from '../../shared/audit/job-steps.js';
import { buildReport } from '../../shared/audit/report.js';
import { renderAuditMarkdown } from '../../shared/audit/render-markdown.js';
import { readTrail, TrailError } from '../../shared/audit/trail.js';
import { verifyJob, type BrokerCredential, type BrokerListing } from '../../shared/audit/verify.js';
import type { StepModel } from '../../shared/workflow/model.js';

const T0 = '2026-12-01T10:00:00.000Z';
const T1 = '2026-12-01T10:00:05.000Z';
const T2 = '2026-12-01T10:05:00.000Z';
const ctx = { repository: 'o/r', workflow: 'release.yml', job: 'publish', run_id: '1', run_attempt: 1 };

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
  revoked: credentials.filter((c) => c.state === 'revoked-now').length,
  credentials,
  complete: true,
  subject: { repository: 'o/r', run_id: '1', run_attempt: '1' },
});
const line = (over: Partial<AuditEvent>): AuditEvent => ({
  v: 1,
  time: T1,
  source: 'action',
  type: 'credential.granted',
  outcome: 'success',
  ...ctx,
  ...over,
});

function trailErr(fn: () => unknown): TrailError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TrailError) return err;
    throw err;
  }
  throw new Error('no TrailError');
}

describe('readTrail: a trail every step can write', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'sw-trail-'));
  it('reads lines with their numbers; malformed ones are counted', () => {
    const p = join(dir(), 'audit.jsonl');
    writeFileSync(
      p,
      `${JSON.stringify(line({ grant_id: 'g1' }))}\nnot json\n\n${JSON.stringify(line({}))}\n`,
    );
    const t = readTrail(p);
    expect(t.lines.map((l) => l.line)).toEqual([1, 4]);
    expect(t.malformed).toEqual([2]);
  });
  it('missing, a directory, a link, oversized: a TrailError with its code, never an empty trail', () => {
    const d = dir();
    expect(trailErr(() => readTrail(join(d, 'gone.jsonl'))).code).toBe('ERR_TRAIL_MISSING');
    mkdirSync(join(d, 'dir.jsonl'));
    expect(trailErr(() => readTrail(join(d, 'dir.jsonl'))).message).toMatch(/is a directory/);
    writeFileSync(join(d, 'real.jsonl'), `${JSON.stringify(line({}))}\n`);
    symlinkSync(join(d, 'real.jsonl'), join(d, 'link.jsonl'));
    expect(trailErr(() => readTrail(join(d, 'link.jsonl'))).message).toMatch(/is a symbolic link/);
    mkdirSync(join(d, 'real'));
    writeFileSync(join(d, 'real', 'audit.jsonl'), `${JSON.stringify(line({}))}\n`);
    symlinkSync(join(d, 'real'), join(d, 'linked'));
    expect(trailErr(() => readTrail(join(d, 'linked', 'audit.jsonl'))).message).toMatch(
      /directory .* is a symbolic link/,
    );
    expect(readTrail(join(d, 'real', 'audit.jsonl')).events).toHaveLength(1);
    writeFileSync(join(d, 'big.jsonl'), '');
    truncateSync(join(d, 'big.jsonl'), 600 * 1024 * 1024);
    expect(trailErr(() => readTrail(join(d, 'big.jsonl'))).code).toBe('ERR_TRAIL_TOO_LARGE');
    // The bound is the caller's: just over it is refused, at it is read.
    writeFileSync(join(d, 'edge.jsonl'), 'x'.repeat(101));
    expect(trailErr(() => readTrail(join(d, 'edge.jsonl'), 100)).code).toBe('ERR_TRAIL_TOO_LARGE');
    expect(readTrail(join(d, 'edge.jsonl'), 101).malformed).toEqual([1]);
  });
});

describe('job-steps: did the step a grant is keyed by run?', () => {
  const job = (steps: [string, string, string | null][]): ApiJob => ({
    id: 42,
    name: 'publish',
    check_run_url: 'https://api/check-runs/42',
    steps: steps.map(([name, status, conclusion]) => ({ name, status, conclusion })),
  });
  const model: StepModel[] = [
    { index: 0, line: 1, id: 'release', name: 'Release', uses: 'x/y@v1' },
    { index: 1, line: 2, id: 'notify', uses: 'x/notify@v1' },
    { index: 2, line: 3, id: 'build', run: '\n  make all\n  make test' },
    { index: 3, line: 4, id: 'dyn', name: 'Deploy ${{ matrix.env }}', run: 'deploy' },
    { index: 4, line: 5, id: 'later', name: 'Later', run: 'later' },
  ];
  const j = job([
    ['Set up job', 'completed', 'success'],
    ['Release', 'completed', 'success'],
    ['Run x/notify@v1', 'completed', 'failure'],
    ['Run make all', 'completed', 'skipped'],
    ['Deploy prod', 'completed', 'success'],
    ['Later', 'queued', null],
  ]);
  it('maps ids to display names through the workflow', () => {
    expect(stepRan(j, 'release', model)).toBe(true);
    expect(stepRan(j, 'notify', model)).toBe(true); // ran, even though it failed
    expect(stepRan(j, 'build', model)).toBe(false); // skipped
    expect(stepRan(j, 'later', model)).toBe(false); // not started
    expect(stepRan(j, 'publish', model)).toBe(false); // no such step in the job
    expect(stepRan(j, 'dyn', model)).toBeUndefined(); // a name with an expression cannot be tied
  });
  it('without the workflow only an exact name counts, anything else is unknown', () => {
    expect(stepRan(j, 'Release', undefined)).toBe(true);
    expect(stepRan(j, 'release', undefined)).toBeUndefined();
    expect(stepRan(j, 'Later', undefined)).toBe(false);
  });
  it('finds the job by check run id, else by a unique name', () => {
    const jobs: ApiJob[] = [
      { id: 1, name: 'publish (a)' },
      { id: 2, name: 'publish (b)', check_run_url: 'https://api/check-runs/2' },
      { id: 3, name: 'build' },
      { id: 4, name: 'build' },
    ];
    expect(findJob(jobs, { checkRunId: '2', name: 'publish' })).toEqual({ job: jobs[1] });
    expect(findJob(jobs, { checkRunId: '9' })).toHaveProperty('why');
    expect(findJob(jobs, { name: 'build' })).toHaveProperty('why');
    expect(findJob(jobs, { name: 'publish' })).toHaveProperty('why');
    expect(findJob([{ id: 5, name: 'lint' }], { name: 'lint' })).toEqual({ job: { id: 5, name: 'lint' } });
  });
});

describe('verifyJob: the broker decides, the trail is checked', () => {
  it('confirms lines the broker bears out and marks the rest unverified', () => {
    const r = verifyJob({
      trail: [
        { line: 1, event: line({ grant_id: 'g1', step: 'release', audience: 'github', attempts: 3 }) },
        { line: 2, event: line({ type: 'credential.revoked', grant_id: 'g1', step: 'release' }) },
        { line: 3, event: line({ type: 'credential.revoked', grant_id: 'g2', step: 'notify' }) },
        { line: 4, event: line({ grant_id: 'g9', step: 'release' }) },
        { line: 5, event: line({ grant_id: 'g2', step: 'release' }) },
        { line: 6, event: line({ type: 'credential.refused', step: 'x', reason: 'ERR_NO_GRANT' }) },
        { line: 7, event: line({ type: 'run.approval', actor: { login: 'forger', type: 'User' } }) },
        { line: 8, event: line({ type: 'credential.granted', step: 'release' }) },
      ],
      broker: listing([cred(), cred({ grant_id: 'g2', step: 'notify', state: 'revoked-now' })]),
      ctx,
      now: T2,
    });
    expect(r.unverified.map((u) => u.line)).toEqual([3, 4, 5, 7, 8]);
    expect(r.unverified.find((u) => u.line === 3)!.why).toMatch(/still held it live at job end/);
    expect(r.unverified.find((u) => u.line === 5)!.why).toMatch(/to step 'notify', not 'release'/);
    expect(r.anomalies.map((a) => a.kind)).toEqual(['unverified-trail-line']);
    // The report sees the broker's record and the steps' own refusal, never the forged lines.
    const report = buildReport(r.events);
    expect(report.totals.granted).toBe(2);
    expect(report.totals.refusals).toBe(1);
    expect(report.administrator).toEqual([]);
    expect(report.groups.find((g) => g.step === 'notify')!.revoked).toEqual({ REVOKED_AT_JOB_END: 1 });
    // The retries a confirmed exchange reported carry over to the broker's grant (a `retries` signal).
    expect(r.events.find((e) => e.type === 'credential.granted' && e.grant_id === 'g1')!.attempts).toBe(3);
    expect(
      r.events.find((e) => e.type === 'credential.granted' && e.grant_id === 'g2')!.attempts,
    ).toBeUndefined();
  });

  it('a grant whose step did not run is an anomaly; one that cannot be told is not', () => {
    const r = verifyJob({
      trail: [],
      broker: listing([
        cred({ grant_id: 'g1', step: 'release' }),
        cred({ grant_id: 'g2', step: 'ghost', state: 'revoked-now' }),
        cred({ grant_id: 'g3', step: 'dyn' }),
      ]),
      stepRan: (s) => (s === 'release' ? true : s === 'ghost' ? false : undefined),
      ctx,
      now: T2,
    });
    expect(r.unknownSteps.map((c) => c.grant_id)).toEqual(['g2']);
    expect(r.anomalies).toEqual([
      expect.objectContaining({ kind: 'claimed-by-unknown-step', step: 'ghost', severity: 'error' }),
    ]);
  });

  it('a broker that cannot list ended credentials does not contradict the grants it does not list', () => {
    const earlier = line({ grant_id: 'old', step: 'release' });
    const forged = line({ type: 'credential.revoked', grant_id: 'g1', step: 'release' });
    const r = verifyJob({
      trail: [
        { line: 1, event: earlier },
        { line: 2, event: forged },
      ],
      broker: { ...listing([cred({ state: 'revoked-now' })]), complete: false },
      ctx,
      now: T2,
    });
    expect(r.events).toContainEqual(earlier);
    // What it does list it still decides.
    expect(r.unverified.map((u) => u.line)).toEqual([2]);
  });

  it('without a broker answer the trail is shown as it is (and the summary says so)', () => {
    const events = [line({ grant_id: 'g1', step: 'release' })];
    const r = verifyJob({ trail: events.map((event, i) => ({ line: i + 1, event })), ctx, now: T2 });
    expect(r.events).toEqual(events);
    expect(r.unverified).toEqual([]);
  });

  it('property: no trail line can add a grant, hide one, or turn a live one revoked', () => {
    const types = [
      'credential.granted',
      'credential.revoked',
      'credential.expired',
      'credential.used',
    ] as const;
    const lineArb = fc.record({
      type: fc.constantFrom(...types),
      grant_id: fc.constantFrom('g1', 'g2', 'g3', 'forged'),
      step: fc.constantFrom('release', 'notify'),
      outcome: fc.constantFrom('success' as const, 'error' as const),
    });
    const broker = listing([
      cred({ grant_id: 'g1', state: 'revoked-now' }),
      cred({ grant_id: 'g2', step: 'notify', state: 'revoked-earlier' }),
    ]);
    const truth = buildReport(verifyJob({ trail: [], broker, ctx, now: T2 }).events).totals;
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), (lines) => {
        const r = verifyJob({
          trail: lines.map((l, i) => ({ line: i + 1, event: line(l) })),
          broker,
          ctx,
          now: T2,
        });
        const t = buildReport(r.events).totals;
        expect(t.granted).toBe(truth.granted);
        expect(t.revoked).toBe(truth.revoked);
        expect(t.live_at_end).toBe(truth.live_at_end);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rendering with a verification', () => {
  const gate = (outcome: AuditEvent['outcome']) =>
    line({ type: 'job.enforced', outcome, ...(outcome !== 'success' ? { detail: 'outside' } : {}) });
  const verification = {
    verified: ["the broker's record"],
    notVerified: ['the gate'],
    brokerConfirmed: true,
    unverified: [],
  };
  it('never shows a gate verdict from the trail as ✅', () => {
    const md = renderAuditMarkdown({ ...buildReport([gate('success')]), verification });
    expect(md).not.toContain('✅ the job is within');
    expect(md).toMatch(/\*\*Gate\*\* reported allowed by the enforce step/);
    expect(md).toMatch(/\*\*Verified\*\* against the broker's record\. \*\*Not verified:\*\* the gate\./);
    const denied = renderAuditMarkdown({ ...buildReport([gate('denied')]), verification });
    expect(denied).toMatch(/\*\*Gate\*\* ❌ reported outside its access manifest/);
    // Without verification (the CLI) neither: only the enforce step writes a verdict, into the trail
    // (session 12; it was ✅ here on the assumption that a broker log could carry one).
    expect(renderAuditMarkdown(buildReport([gate('success')]))).not.toContain('✅');
  });
  it('says the broker issued nothing rather than "no credential was issued" from a trail', () => {
    expect(renderAuditMarkdown({ ...buildReport([]), verification })).toMatch(
      /The broker issued no credential for this job/,
    );
    expect(
      renderAuditMarkdown({ ...buildReport([]), verification: { ...verification, brokerConfirmed: false } }),
    ).toMatch(/no broker answer to check that against/);
  });
});
