/**
 * Session 12 hostile review of the audit summary's ✅: a step after the gate can write the job's trail
 * (and claim `source: broker` in it). The summary showed a ✅ gate verdict and ✅ granted rows from
 * such lines alone: in `stepwarden audit` reading a trail (no verification at all), in actions/audit
 * without a broker-url, and for a trail-only grant the broker's incomplete listing cannot contradict.
 * A ✅ may only stand for what was checked against the broker's answer. Each case failed before its fix.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../../shared/audit/event.js';
import { buildReport } from '../../shared/audit/report.js';
import { renderAuditMarkdown } from '../../shared/audit/render-markdown.js';
import { verifyJob, type BrokerListing } from '../../shared/audit/verify.js';
import { runAction } from '../support/action-runner.js';
import { cli } from '../support/cli.js';

const T0 = '2026-12-01T10:00:00.000Z';
const T1 = '2026-12-01T10:00:05.000Z';
const T2 = '2026-12-01T10:05:00.000Z';
const place = {
  v: 1 as const,
  repository: 'o/r',
  workflow: 'release.yml',
  job: 'publish',
  run_id: '1',
  run_attempt: 1,
  event_name: 'push',
  actor: { login: 'mona', type: 'User' as const },
};
/** What a step after the gate writes: a clean gate verdict and a credential "from the broker". */
const forged: AuditEvent[] = [
  {
    ...place,
    time: T0,
    source: 'action',
    type: 'job.enforced',
    outcome: 'success',
    reason: 'JOB_WITHIN_MANIFEST',
    details: { mode: 'enforce', problems: [] },
  },
  {
    ...place,
    time: T0,
    source: 'broker',
    type: 'credential.granted',
    outcome: 'success',
    step: 'release',
    audience: 'github',
    scope: 'contents:write',
    grant_id: 'forged',
  },
  {
    ...place,
    time: T1,
    source: 'broker',
    type: 'credential.revoked',
    outcome: 'success',
    reason: 'REVOKED_AFTER_COMMAND',
    step: 'release',
    audience: 'github',
    scope: 'contents:write',
    grant_id: 'forged',
  },
];
const jsonl = (events: readonly AuditEvent[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

describe('stepwarden audit on a job trail (nothing verified)', () => {
  it('shows no ✅ for the gate or the credentials, and says the report is the input’s word', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s12-'));
    writeFileSync(join(dir, 'audit.jsonl'), jsonl(forged));
    const r = await cli(['audit', join(dir, 'audit.jsonl')]);
    expect(r.stdout).not.toContain('✅');
    expect(r.stdout).toMatch(/\*\*Gate\*\* reported allowed by the enforce step \([^)]*not verified\)/);
    expect(r.stdout).toMatch(/\*\*Not verified:\*\* `stepwarden audit` checks nothing/);
    expect(r.stdout).toMatch(/\| granted \| 10:00:00 \|/);
  });

  it('a reported denial keeps its ❌ (a forged one only raises an alarm)', () => {
    const denied = { ...forged[0]!, outcome: 'denied' as const, reason: 'ERR_JOB_OUTSIDE_MANIFEST' };
    const md = renderAuditMarkdown(buildReport([denied]));
    expect(md).toMatch(/\*\*Gate\*\* ❌ reported outside its access manifest by the enforce step/);
  });
});

describe('actions/audit', () => {
  it('without a broker-url: no ✅ granted from the trail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s12-'));
    const runnerTemp = join(dir, 'runner-temp');
    mkdirSync(join(runnerTemp, 'stepwarden'), { recursive: true });
    const recent = forged.map((e, i) => ({
      ...e,
      time: new Date(Date.now() - 60_000 + i * 1000).toISOString(),
    }));
    writeFileSync(join(runnerTemp, 'stepwarden', 'audit.jsonl'), jsonl(recent));
    const r = await runAction('actions/audit', {
      runnerTemp,
      summaryFile: join(dir, 'summary.md'),
      env: {
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_RUN_ID: '1',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'publish',
        GITHUB_WORKFLOW: 'release.yml',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_ACTOR: 'mona',
      },
      inputs: { token: '' },
      github: { workspace: dir },
    });
    expect(r.summary).toMatch(/granted \(reported by the job, not verified\)/);
    // Nor a clean count: "0 live at job end" is the trail's word.
    expect(r.summary).toMatch(
      /The job's trail reports \(not verified\): \d+ workload events?: [^\n]*live at job end/,
    );
    expect(r.summary).not.toContain('✅');
  }, 60_000);

  it('an incomplete broker listing: a trail-only grant is shown as reported, the broker’s own with ✅', () => {
    const broker: BrokerListing = {
      revoked: 0,
      complete: false,
      subject: { repository: 'o/r', run_id: '1', run_attempt: '1' },
      credentials: [
        {
          grant_id: 'real',
          job: 'publish',
          step: 'release',
          audience: 'github',
          scope: 'contents:write',
          issued_at: T0,
          expires_at: T2,
          revoked_at: T1,
          state: 'revoked-now',
        },
      ],
    };
    const checked = verifyJob({
      trail: forged.slice(1).map((event, i) => ({ line: i + 2, event: { ...event, step: 'deploy' } })),
      broker,
      ctx: place,
      now: T2,
    });
    // The broker did not write the trail's line, whatever its `source` says.
    expect(checked.events.filter((e) => e.grant_id === 'forged').map((e) => e.source)).toEqual([
      'action',
      'action',
    ]);
    const md = renderAuditMarkdown({
      ...buildReport(checked.events),
      verification: {
        verified: ["the broker's record"],
        notVerified: [],
        brokerConfirmed: true,
        unverified: [],
      },
    });
    expect(md).toMatch(/\| `?<code>release<\/code>`? \|[^\n]*\| ✅ granted \|/);
    expect(md).toMatch(/\| <code>deploy<\/code> \|[^\n]*\| granted \(reported by the job, not verified\) \|/);
  });
});

describe('actions/audit fail-on: anomaly', () => {
  it('without a broker-url does not pass on a clean-looking trail: it fails and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s12-'));
    const runnerTemp = join(dir, 'runner-temp');
    mkdirSync(join(runnerTemp, 'stepwarden'), { recursive: true });
    // What a step that erased the lines it did not like leaves: nothing.
    writeFileSync(join(runnerTemp, 'stepwarden', 'audit.jsonl'), '');
    const r = await runAction('actions/audit', {
      runnerTemp,
      summaryFile: join(dir, 'summary.md'),
      env: { GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'publish' },
      inputs: { 'fail-on': 'anomaly', token: '' },
      github: { workspace: dir },
    });
    expect(r.outputs.anomalies).toBe('0');
    expect(r.failed).toBe(true);
    expect(r.log).toMatch(/fail-on: anomaly needs broker-url/);
    // The summary is still written: it says what it is.
    expect(r.summary).toMatch(/the workload section is the trail's word/);
  }, 60_000);
});

describe('who started the attempt', () => {
  it('the triggering actor comes from the runner’s environment: named as not verified beside the signed actor', () => {
    const started: AuditEvent = {
      ...place,
      run_attempt: 2,
      time: T0,
      source: 'action',
      type: 'run.started',
      outcome: 'success',
      triggering_actor: { login: 'dependabot[bot]', type: 'Bot' },
    };
    const md = renderAuditMarkdown({
      ...buildReport([started]),
      verification: { verified: ['the token'], notVerified: [], brokerConfirmed: true, unverified: [] },
    });
    expect(md).toMatch(
      /dependabot[^<]*<\/code> \(bot\) \(who: the runner's GITHUB_TRIGGERING_ACTOR, not verified\) — workload/,
    );
    // "No person acted" rests on that word too.
    expect(md).toMatch(
      /No person acted directly in this run \(who started this attempt is the runner's word, not verified\)/,
    );
    // A re-run's token names the first attempt's actor: the same login proves nothing either.
    const same = renderAuditMarkdown({
      ...buildReport([{ ...started, actor: { login: 'dependabot[bot]', type: 'Bot' } }]),
      verification: { verified: ['the token'], notVerified: [], brokerConfirmed: true, unverified: [] },
    });
    expect(same).toMatch(/GITHUB_TRIGGERING_ACTOR, not verified/);
    // A first attempt whose triggering actor is the signed actor says nothing new.
    const first = renderAuditMarkdown({
      ...buildReport([{ ...started, run_attempt: 1, triggering_actor: place.actor }]),
      verification: { verified: ['the token'], notVerified: [], brokerConfirmed: true, unverified: [] },
    });
    expect(first).not.toMatch(/GITHUB_TRIGGERING_ACTOR|runner's word/);
  });
});
