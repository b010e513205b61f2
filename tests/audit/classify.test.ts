import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { accessInitiator, classify } from '../../shared/audit/classify.js';
import { AUDIT_EVENT_TYPES, actorFromLogin, type AuditEvent } from '../../shared/audit/event.js';

const ev = (over: Partial<AuditEvent>): AuditEvent => ({
  v: 1,
  time: '2026-01-01T00:00:00Z',
  type: 'run.started',
  outcome: 'success',
  source: 'action',
  ...over,
});
const user = actorFromLogin('octocat');
const bot = actorFromLogin('dependabot[bot]');

describe('classify: workload vs administrator', () => {
  it.each([
    ['schedule', { event_name: 'schedule', actor: user }, 'workload', 'machine'],
    ['workflow_run', { event_name: 'workflow_run', actor: user }, 'workload', 'machine'],
    ['merge_group', { event_name: 'merge_group', actor: user }, 'workload', 'machine'],
    [
      'push by a person (their earlier change)',
      { event_name: 'push', actor: user },
      'workload',
      'human-change',
    ],
    ['pull_request by a person', { event_name: 'pull_request', actor: user }, 'workload', 'human-change'],
    ['release by a person', { event_name: 'release', actor: user }, 'workload', 'human-change'],
    ['push by a bot', { event_name: 'push', actor: bot }, 'workload', 'machine'],
    [
      'repository_dispatch from an app',
      { event_name: 'repository_dispatch', actor: bot },
      'workload',
      'machine',
    ],
    [
      'repository_dispatch with a user token (ambiguous)',
      { event_name: 'repository_dispatch', actor: user },
      'workload',
      'user-token',
    ],
    [
      'workflow_dispatch by a person',
      { event_name: 'workflow_dispatch', actor: user },
      'administrator',
      'human-direct',
    ],
    [
      'workflow_dispatch by a bot (ambiguous)',
      { event_name: 'workflow_dispatch', actor: bot },
      'workload',
      'machine',
    ],
    [
      're-run by a person',
      { event_name: 'push', actor: bot, triggering_actor: user, run_attempt: 2 },
      'administrator',
      'human-direct',
    ],
    [
      're-run by a bot (automatic retry)',
      { event_name: 'push', actor: user, triggering_actor: bot, run_attempt: 3 },
      'workload',
      'machine',
    ],
    ['unknown event', { event_name: 'something_new', actor: user }, 'workload', 'human-change'],
  ] as const)('run started by %s', (_n, over, cls, initiator) => {
    const c = classify(ev(over as Partial<AuditEvent>));
    expect([c.class, c.initiator]).toEqual([cls, initiator]);
  });

  it('credential activity is workload, even in a run a person dispatched', () => {
    const c = classify(ev({ type: 'credential.granted', event_name: 'workflow_dispatch', actor: user }));
    expect([c.class, c.initiator, c.rule]).toEqual(['workload', 'human-direct', 'credential-activity']);
    expect(classify(ev({ type: 'credential.claimed_twice', event_name: 'schedule' })).class).toBe('workload');
  });

  it('administrator: kill switch, access-rule changes, approvals, manual revocations', () => {
    for (const type of ['admin.revoke', 'admin.change', 'run.approval'] as const)
      expect(classify(ev({ type })).class).toBe('administrator');
    expect(classify(ev({ type: 'credential.revoked', reason: 'REVOKED_BY_ADMIN' })).rule).toBe(
      'manual-revocation',
    );
    expect(classify(ev({ type: 'credential.revoked', reason: 'REVOKED_AT_JOB_END' })).class).toBe('workload');
  });

  it('credential uses are workload; a failed use too', () => {
    expect(classify(ev({ type: 'credential.used', event_name: 'push', actor: user }))).toMatchObject({
      class: 'workload',
      rule: 'credential-activity',
    });
    expect(classify(ev({ type: 'credential.used', outcome: 'error', event_name: 'schedule' })).class).toBe(
      'workload',
    );
  });

  it.each([
    [
      'an approval by a person',
      { type: 'run.approval', actor: user },
      'administrator',
      'human-direct',
      'run.approval',
    ],
    [
      'an approval with no actor recorded (people approve by default)',
      { type: 'run.approval' },
      'administrator',
      'human-direct',
      'run.approval',
    ],
    [
      'an approval by an app (custom deployment protection rule)',
      { type: 'run.approval', actor: bot },
      'workload',
      'machine',
      'approval-by-app',
    ],
    [
      'an access-rule change by a person',
      { type: 'admin.change', actor: user },
      'administrator',
      'human-direct',
      'admin.change',
    ],
    [
      'an access-rule change by a bot (pin bumps): still administrator',
      { type: 'admin.change', actor: bot },
      'administrator',
      'machine',
      'admin.change',
    ],
    [
      'an access-rule change with a PAT',
      { type: 'admin.change', actor: user, access_type: 'Personal access token (classic)' },
      'administrator',
      'user-token',
      'admin.change',
    ],
    [
      'a dispatch through the API with a PAT',
      {
        type: 'run.started',
        event_name: 'workflow_dispatch',
        actor: user,
        access_type: 'Fine-grained personal access token',
      },
      'workload',
      'user-token',
      'dispatch-by-user-token',
    ],
    [
      'a dispatch with an installation token',
      {
        type: 'run.started',
        event_name: 'workflow_dispatch',
        actor: user,
        access_type: 'GitHub App server-to-server token',
      },
      'workload',
      'machine',
      'dispatch-by-bot',
    ],
    [
      'GitHub activity by a person on the web',
      { type: 'github.activity', actor: user, action: 'repo.download_zip' },
      'administrator',
      'human-direct',
      'activity-by-person',
    ],
    [
      'GitHub activity with an installation token',
      { type: 'github.activity', actor: user, access_type: 'GitHub App server-to-server token' },
      'workload',
      'machine',
      'activity-by-app',
    ],
    [
      'GitHub activity by a bot',
      { type: 'github.activity', actor: bot },
      'workload',
      'machine',
      'activity-by-app',
    ],
    [
      'GitHub activity with a user-to-server token',
      { type: 'github.activity', actor: user, access_type: 'GitHub App user-to-server token' },
      'workload',
      'user-token',
      'activity-by-user-token',
    ],
    [
      'GitHub activity with an OAuth token',
      { type: 'github.activity', actor: user, access_type: 'OAuth access token' },
      'workload',
      'user-token',
      'activity-by-user-token',
    ],
    [
      'GitHub system activity (no actor)',
      { type: 'github.activity' },
      'workload',
      'machine',
      'activity-by-app',
    ],
    [
      'a refused kill switch is still administrator activity',
      { type: 'admin.revoke', outcome: 'denied' },
      'administrator',
      'human-direct',
      'admin.revoke',
    ],
  ] as const)('%s', (_n, over, cls, initiator, rule) => {
    expect(classify(ev(over as Partial<AuditEvent>))).toEqual({ class: cls, initiator, rule });
  });

  it('accessInitiator reads GitHub programmatic_access_type values', () => {
    expect(accessInitiator('GitHub App server-to-server token')).toBe('machine');
    expect(accessInitiator('Personal access token (classic)')).toBe('user-token');
    expect(accessInitiator('Fine-grained personal access token')).toBe('user-token');
    expect(accessInitiator('GitHub App user-to-server token')).toBe('user-token');
    expect(accessInitiator('OAuth access token')).toBe('user-token');
    expect(accessInitiator(undefined)).toBeUndefined();
    expect(accessInitiator('something new')).toBeUndefined();
  });

  it('is total and deterministic over any event (property)', () => {
    const actor = fc.option(
      fc.record({ login: fc.string(), type: fc.constantFrom('User' as const, 'Bot' as const) }),
      { nil: undefined },
    );
    const event = fc.record({
      type: fc.constantFrom(...AUDIT_EVENT_TYPES),
      event_name: fc.option(fc.string(), { nil: undefined }),
      run_attempt: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      actor,
      triggering_actor: actor,
      reason: fc.option(fc.string(), { nil: undefined }),
      access_type: fc.option(
        fc.constantFrom('GitHub App server-to-server token', 'Personal access token (classic)', 'x'),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(event, (o) => {
        const e = ev(
          Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<AuditEvent>,
        );
        const c = classify(e);
        expect(['workload', 'administrator']).toContain(c.class);
        expect(c.rule).toBeTruthy();
        expect(classify(e)).toEqual(c);
        // A bot never makes an event administrator activity unless the event is a person's by nature.
        if (
          e.type === 'run.started' &&
          e.actor?.type === 'Bot' &&
          (e.triggering_actor ?? e.actor)?.type === 'Bot'
        )
          expect(c.class).toBe('workload');
      }),
    );
  });
});
