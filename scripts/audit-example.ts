/**
 * A realistic job trail for docs and demos, built deterministically: a release job dispatched by hand
 * (with an input a user could abuse), an environment approval, a matrix step that asks for a service
 * credential 120 times in four minutes, a GitHub token for the release, a credential left live until
 * job end, a refused scope retried, and a second claim of a single-use grant.
 */
import { AUDIT_EVENT_VERSION, actorFromLogin, type AuditEvent } from '../shared/audit/event.js';

export function exampleTrail(): AuditEvent[] {
  const start = Date.parse('2026-11-02T14:03:00Z');
  const at = (s: number) => new Date(start + s * 1000).toISOString().replace('.000Z', 'Z');
  const ctx = {
    v: AUDIT_EVENT_VERSION as typeof AUDIT_EVENT_VERSION,
    source: 'action' as const,
    repository: 'octo-org/octo-repo',
    repository_id: '100001',
    workflow: 'release.yml',
    job: 'publish',
    run_id: '9876543210',
    run_attempt: 1,
    event_name: 'workflow_dispatch',
    ref: 'refs/heads/release/v2.3',
    sha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    actor: actorFromLogin('mona', '583231'),
    triggering_actor: actorFromLogin('mona'),
  };
  const events: AuditEvent[] = [];
  const add = (s: number, e: Omit<AuditEvent, 'v' | 'time' | 'source'>) =>
    events.push({ ...ctx, ...e, time: at(s) });
  let grant = 0;
  const grantId = () => `6f1c2a7e-0000-4000-8000-${String(++grant).padStart(12, '0')}`;

  add(0, {
    type: 'run.started',
    outcome: 'success',
    details: {
      inputs: {
        target: 'production',
        version: 'v2.3.0',
        note: '<img src=x onerror=alert(1)> @security-team | `rm -rf`',
      },
    },
  });
  add(1, {
    type: 'run.approval',
    outcome: 'success',
    actor: actorFromLogin('lead-reviewer'),
    detail: 'approved production',
    details: { state: 'approved', environments: ['production'], comment: 'Ship it', time_known: false },
  });
  add(2, {
    type: 'job.enforced',
    outcome: 'success',
    reason: 'JOB_WITHIN_MANIFEST',
    detail: 'job publish of release.yml is within the manifest',
    details: { mode: 'enforce', problems: [] },
  });

  // A matrix of 120 uploads, each with its own short-lived service credential.
  const artifacts = {
    step: 'upload',
    audience: 'https://artifacts.example.internal',
    scope: 'artifacts:write',
  };
  for (let i = 0; i < 120; i++) {
    const id = grantId();
    const t = 10 + i * 2;
    add(t, {
      type: 'credential.granted',
      outcome: 'success',
      ...artifacts,
      grant_id: id,
      ttl: 60,
      expires_at: at(t + 60),
      attempts: 1,
    });
    add(t + 1, { type: 'credential.used', outcome: 'success', ...artifacts, grant_id: id });
    add(t + 1, {
      type: 'credential.revoked',
      outcome: 'success',
      reason: 'REVOKED_AFTER_COMMAND',
      ...artifacts,
      grant_id: id,
    });
  }

  const release = { step: 'release', audience: 'github', scope: 'contents:write' };
  const rel = grantId();
  add(260, {
    type: 'credential.granted',
    outcome: 'success',
    ...release,
    grant_id: rel,
    ttl: 300,
    expires_at: at(560),
    attempts: 1,
  });
  add(274, { type: 'credential.used', outcome: 'success', ...release, grant_id: rel });
  add(274, {
    type: 'credential.revoked',
    outcome: 'success',
    reason: 'REVOKED_AFTER_COMMAND',
    ...release,
    grant_id: rel,
  });
  add(275, {
    type: 'credential.claimed_twice',
    outcome: 'denied',
    reason: 'ERR_GRANT_ALREADY_CLAIMED',
    ...release,
    detail: 'claim 2 of a grant usable 1 time(s) per run attempt: possible theft by another step',
  });

  for (let i = 0; i < 5; i++)
    add(280 + i * 3, {
      type: 'credential.refused',
      outcome: 'denied',
      reason: 'ERR_SCOPE_NOT_GRANTED',
      step: 'sign',
      audience: 'github',
      scope: 'administration:write',
      detail:
        "scope 'administration:write' is above the grant (release.yml job publish step sign, manifest line 14)",
    });

  const notify = { step: 'notify', audience: 'https://hooks.example.internal', scope: 'notify:send' };
  const n = grantId();
  add(300, {
    type: 'credential.granted',
    outcome: 'success',
    ...notify,
    grant_id: n,
    ttl: 600,
    expires_at: at(900),
    attempts: 2,
  });
  add(341, {
    type: 'credential.revoked',
    outcome: 'success',
    reason: 'REVOKED_AT_JOB_END',
    ...notify,
    grant_id: n,
    detail: 'still live at job end; the broker revoked 1 credential(s) of the job',
  });
  add(342, { type: 'job.summary', outcome: 'success' });
  return events;
}
