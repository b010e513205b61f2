import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { classify } from '../../shared/audit/classify.js';
import { auditEventSchema, type AuditEvent } from '../../shared/audit/event.js';
import {
  GITHUB_ACTION_RULES,
  fromGithubAuditLog,
  isGithubAuditLogEntry,
  ruleFor,
} from '../../shared/audit/github-audit-log.js';
import { parseAuditLine } from '../../shared/audit/parse-line.js';
import { exampleTrail } from '../../scripts/audit-example.js';

/** Entries in the shapes of GitHub's audit-log API and streaming export. */
const base = {
  '@timestamp': 1762092180000,
  _document_id: 'Vp0wFQZu0HcPnC0TZIo1qw',
  created_at: 1762092180000,
  org: 'octo-org',
  org_id: 200001,
  repo: 'octo-org/octo-repo',
  repo_id: 100001,
  actor_ip: '203.0.113.9',
  user_agent: 'Mozilla/5.0',
  request_id: 'C0DE:1234:ABCD',
  hashed_token: 'qYn2Zb6g8Sj5bCz1mJx0aQ+u8mTQp0mQ5cH5y5lU0cE=',
  token_id: 81234,
  token_scopes: 'repo,workflow',
};
const S2S = 'GitHub App server-to-server token';

function conv(entry: Record<string, unknown>): AuditEvent {
  const r = fromGithubAuditLog({ ...base, ...entry });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('GitHub audit-log entries -> events -> classification', () => {
  it.each([
    [
      'a dispatch by a person on the web',
      {
        action: 'workflows.created_workflow_run',
        actor: 'mona',
        event: 'workflow_dispatch',
        workflow_run_id: 555,
        run_attempt: 1,
      },
      'run.started',
      ['administrator', 'human-direct', 'dispatch-by-person'],
    ],
    [
      'a dispatch by github-actions[bot] with an installation token',
      {
        action: 'workflows.created_workflow_run',
        actor: 'github-actions[bot]',
        actor_is_bot: true,
        programmatic_access_type: S2S,
        event: 'workflow_dispatch',
      },
      'run.started',
      ['workload', 'machine', 'dispatch-by-bot'],
    ],
    [
      'a dispatch through the API with a personal token',
      {
        action: 'workflows.created_workflow_run',
        actor: 'mona',
        programmatic_access_type: 'Personal access token (classic)',
        event: 'workflow_dispatch',
      },
      'run.started',
      ['workload', 'user-token', 'dispatch-by-user-token'],
    ],
    [
      'a scheduled run',
      { action: 'workflows.created_workflow_run', actor: 'mona', event: 'schedule' },
      'run.started',
      ['workload', 'machine', 'machine-event'],
    ],
    [
      'a push run by a person',
      { action: 'workflows.created_workflow_run', actor: 'mona', event: 'push' },
      'run.started',
      ['workload', 'human-change', 'change-by-person'],
    ],
    [
      'a re-run by a person',
      { action: 'workflows.rerun_workflow_run', actor: 'mona', workflow_run_id: 555 },
      'run.started',
      ['administrator', 'human-direct', 're-run-by-person'],
    ],
    [
      'an approval by a person',
      {
        action: 'workflows.approve_workflow_job',
        actor: 'lead',
        workflow_run_id: 555,
        env_name: 'production',
        comment: 'ok',
      },
      'run.approval',
      ['administrator', 'human-direct', 'run.approval'],
    ],
    [
      'an approval by an app (custom deployment protection rule)',
      {
        action: 'workflows.approve_workflow_job',
        actor: 'gate-app[bot]',
        actor_is_bot: true,
        programmatic_access_type: S2S,
      },
      'run.approval',
      ['workload', 'machine', 'approval-by-app'],
    ],
    [
      'an environment changed on the web',
      { action: 'environment.update_protection_rule', actor: 'admin-alice' },
      'admin.change',
      ['administrator', 'human-direct', 'admin.change'],
    ],
    [
      'an access-rule change through a personal token (Terraform)',
      {
        action: 'protected_branch.update',
        actor: 'mona',
        programmatic_access_type: 'Fine-grained personal access token',
      },
      'admin.change',
      ['administrator', 'user-token', 'admin.change'],
    ],
    [
      'a clone with an installation token',
      { action: 'git.clone', actor: 'github-actions[bot]', programmatic_access_type: S2S },
      'github.activity',
      ['workload', 'machine', 'activity-by-app'],
    ],
    [
      'a clone by a person whose actor_is_bot says bot',
      { action: 'git.clone', actor: 'deploy-shuttle', actor_is_bot: true },
      'github.activity',
      ['workload', 'machine', 'activity-by-app'],
    ],
    [
      'a download by a person on the web',
      { action: 'repo.download_zip', actor: 'mona' },
      'github.activity',
      ['administrator', 'human-direct', 'activity-by-person'],
    ],
    [
      'a repository created with an OAuth token',
      { action: 'repo.create', actor: 'mona', programmatic_access_type: 'OAuth access token' },
      'github.activity',
      ['workload', 'user-token', 'activity-by-user-token'],
    ],
  ] as const)('%s', (_n, entry, type, [cls, initiator, rule]) => {
    const e = conv(entry);
    expect(auditEventSchema.safeParse(e).success).toBe(true);
    expect(e.type).toBe(type);
    expect(e.source).toBe('github-audit-log');
    expect(classify(e)).toEqual({ class: cls, initiator, rule });
  });

  it('keeps the run, the approval state and the access type; drops what identifies a credential or a person', () => {
    const e = conv({
      action: 'workflows.reject_workflow_job',
      actor: 'lead',
      actor_id: 42,
      workflow_run_id: 555,
      head_branch: 'main',
      head_sha: 'a'.repeat(40),
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
      env_name: 'production',
      comment: 'not today',
      programmatic_access_type: 'Personal access token (classic)',
    });
    expect(e).toMatchObject({
      type: 'run.approval',
      outcome: 'denied',
      time: '2025-11-02T14:03:00.000Z',
      run_id: '555',
      workflow: 'release.yml',
      ref: 'refs/heads/main',
      repository: 'octo-org/octo-repo',
      repository_id: '100001',
      actor: { login: 'lead', type: 'User', id: '42' },
      access_type: 'Personal access token (classic)',
      details: { state: 'rejected', environments: ['production'], comment: 'not today' },
    });
    const text = JSON.stringify(e);
    for (const secret of [
      base.hashed_token,
      base.actor_ip,
      base.user_agent,
      base.request_id,
      base._document_id,
      'repo,workflow',
      '81234',
    ])
      expect(text).not.toContain(secret);
  });

  it('a re-run is an attempt above 1 with the actor as triggering actor', () => {
    expect(conv({ action: 'workflows.rerun_workflow_run', actor: 'mona' })).toMatchObject({
      run_attempt: 2,
      triggering_actor: { login: 'mona' },
    });
    expect(conv({ action: 'workflows.rerun_workflow_run', actor: 'mona', run_attempt: 4 }).run_attempt).toBe(
      4,
    );
  });

  it('accepts ISO and millisecond-string times; refuses entries without a usable time or action', () => {
    expect(
      conv({ '@timestamp': undefined, created_at: '2026-01-02T03:04:05Z', action: 'repo.create' }).time,
    ).toBe('2026-01-02T03:04:05.000Z');
    expect(conv({ '@timestamp': '1762092180000', action: 'repo.create' }).time).toBe(
      '2025-11-02T14:03:00.000Z',
    );
    expect(fromGithubAuditLog({ '@timestamp': 'yesterday', action: 'repo.create' })).toMatchObject({
      error: expect.stringMatching(/not a time/),
    });
    expect(fromGithubAuditLog({ '@timestamp': 1, action: '' })).toEqual({ error: 'no "action"' });
  });

  it('cuts long strings so a hostile export cannot blow up a summary', () => {
    const e = conv({ action: 'repo.create', actor: 'x'.repeat(50_000), repo: 'y'.repeat(50_000) });
    expect(e.actor!.login.length).toBeLessThanOrEqual(1001);
    expect(e.repository!.length).toBeLessThanOrEqual(1001);
    expect(JSON.stringify(e).length).toBeLessThan(6_000);
  });

  it('tells GitHub entries from our own events and from anything else', () => {
    expect(isGithubAuditLogEntry({ ...base, action: 'repo.create' })).toBe(true);
    for (const e of exampleTrail().slice(0, 3)) expect(isGithubAuditLogEntry(e)).toBe(false);
    expect(isGithubAuditLogEntry({ action: 'repo.create' })).toBe(false);
    expect(isGithubAuditLogEntry([{ action: 'x', created_at: 1 }])).toBe(false);
    expect(isGithubAuditLogEntry(null)).toBe(false);
    expect(isGithubAuditLogEntry('repo.create')).toBe(false);
    // Through the line reader: one page of the API (an array) is several events.
    const page = parseAuditLine(
      JSON.stringify([
        { ...base, action: 'git.clone' },
        { ...base, action: 'repo.create' },
      ]),
    );
    expect('events' in page && page.events.map((e) => e.action)).toEqual(['git.clone', 'repo.create']);
  });

  it('the mapping: prefixes and exact names, first match wins, anything else is github.activity', () => {
    expect(ruleFor('environment.create')?.type).toBe('admin.change');
    expect(ruleFor('environments.create')).toBeUndefined();
    expect(ruleFor('workflows.created_workflow_run_extra')).toBeUndefined();
    expect(ruleFor('org.add_member')?.type).toBe('admin.change');
    expect(new Set(GITHUB_ACTION_RULES.map((r) => r.match)).size).toBe(GITHUB_ACTION_RULES.length);
  });

  it('docs/audit-github-log.md names every row of the mapping', () => {
    const doc = readFileSync(new URL('../../docs/audit-github-log.md', import.meta.url), 'utf8');
    for (const r of GITHUB_ACTION_RULES) expect(doc).toContain(`\`${r.match}`);
  });

  it('never throws; every result is an error or a valid, classifiable event (property)', () => {
    const entry = fc.record(
      {
        action: fc.oneof(
          fc.constantFrom(
            ...GITHUB_ACTION_RULES.map((r) => r.match + 'x'),
            'workflows.rerun_workflow_run',
            'git.clone',
          ),
          fc.string(),
        ),
        '@timestamp': fc.oneof(fc.integer({ min: -1e15, max: 1e15 }), fc.string(), fc.constant(null)),
        actor: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        actor_is_bot: fc.oneof(fc.boolean(), fc.string()),
        programmatic_access_type: fc.oneof(fc.string(), fc.constant(S2S)),
        run_attempt: fc.oneof(fc.integer(), fc.string(), fc.double()),
        workflow_run_id: fc.oneof(fc.integer(), fc.string()),
        repo: fc.oneof(fc.string(), fc.object()),
        event: fc.string(),
        env_name: fc.jsonValue(),
      },
      { requiredKeys: ['action', '@timestamp'] },
    );
    fc.assert(
      fc.property(entry, (e) => {
        const r = fromGithubAuditLog(e as Record<string, unknown>);
        if ('error' in r) return;
        expect(auditEventSchema.safeParse(r).success).toBe(true);
        expect(['workload', 'administrator']).toContain(classify(r).class);
      }),
    );
  });
});
