/**
 * Session 31 (lead, from w-rfaces' finding): a trail line kept its own `access_type`, which classify.ts
 * reads to tell a person's dispatch from a script's. A step of a run a person dispatched could write
 * `access_type: GitHub App server-to-server token` on its lines and have them shown as a machine's.
 * How the run was set in motion is the run's verified fact, like its place: the line's own is dropped.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classify } from '../../shared/audit/classify.js';
import type { AuditEvent } from '../../shared/audit/event.js';
import { verifyJob } from '../../shared/audit/verify.js';

const T1 = '2026-12-01T10:00:05.000Z';
const person = { login: 'alice', type: 'User' as const };
const ctx = {
  repository: 'o/r',
  workflow: 'release.yml',
  job: 'publish',
  run_id: '1',
  run_attempt: 1,
  event_name: 'workflow_dispatch',
  actor: person,
  triggering_actor: person,
};
const line = (over: Partial<AuditEvent>): AuditEvent =>
  ({
    v: 1,
    time: T1,
    source: 'action',
    type: 'credential.refused',
    outcome: 'failure',
    step: 'release',
    reason: 'ERR_NO_GRANT',
    ...ctx,
    ...over,
  }) as AuditEvent;

const verified = (event: AuditEvent) => verifyJob({ trail: [{ line: 1, event }], ctx, now: T1 }).events;

describe("a trail line's access type is not its own to say (s31)", () => {
  it("a forged server-to-server access type does not turn a person's dispatch into a machine's", () => {
    const forged = verified(line({ access_type: 'GitHub App server-to-server token' }));
    expect(forged).toHaveLength(1);
    expect(forged[0]!.access_type).toBeUndefined();
    expect(classify(forged[0]!).initiator).toBe('human-direct');
    expect(classify(forged[0]!)).toEqual(classify(verified(line({}))[0]!));
  });

  it("the run's own access type, when the audit step knows it, is the one shown", () => {
    const events = verifyJob({
      trail: [{ line: 1, event: line({ access_type: 'GitHub App server-to-server token' }) }],
      ctx: { ...ctx, access_type: 'Personal access token (classic)' },
      now: T1,
    }).events;
    expect(events[0]!.access_type).toBe('Personal access token (classic)');
    expect(classify(events[0]!).initiator).toBe('user-token');
  });

  it('property: whatever access type and type a line claims, it is classified as the same line without one', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(
            'GitHub App server-to-server token',
            'Personal access token (classic)',
            'OAuth access token',
            'deploy key',
          ),
          fc.string(),
        ),
        fc.constantFrom(
          'credential.refused',
          'credential.rate_limited',
          'credential.claimed_twice',
          'job.enforced',
        ),
        (accessType, type) => {
          const a = verified(line({ type: type as AuditEvent['type'], access_type: accessType }));
          const b = verified(line({ type: type as AuditEvent['type'] }));
          expect(a).toEqual(b);
          for (const e of a) expect(classify(e)).toEqual(classify(b[0]!));
        },
      ),
      { numRuns: 300 },
    );
  });
});
