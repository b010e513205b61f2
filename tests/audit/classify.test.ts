import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classify } from '../../shared/audit/classify.js';
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
