/**
 * Session 8 trust review: events someone outside the repository can cause, beyond those of session 7.
 * `gollum` (a public wiki any signed-in user may edit, a setting the broker cannot read), `status`,
 * `check_run` and `check_suite` (posted by CI services and Apps for a fork's pull request) run
 * default-branch code, so the default `ref` condition passes: a workflow that lists one of them in
 * `triggers` (a wiki sync, a status notifier) had every grant claimable from outside. Now each needs a
 * `when.event` naming it, as `pull_request_target` does.
 */
import { describe, expect, it } from '@jest/globals';
import { evaluateConditions, type ConditionInput } from '../../shared/conditions/evaluate.js';
import { OUTSIDE_EVENTS } from '../../shared/conditions/ref.js';
import { loadManifest } from '../../shared/manifest/load.js';

const m = loadManifest(
  `version: 1
workflows:
  wiki.yml:
    jobs:
      sync:
        credentials:
          - { step: plain, audience: github, permissions: { contents: read } }
          - { step: named, audience: github, permissions: { contents: read }, when: { event: [gollum, status, check_run, check_suite] } }
`,
  'access-manifest.yml',
);
const job = m.manifest.workflows['wiki.yml']!.jobs.sync!;
const input = (event_name: string, grant = 0): ConditionInput => {
  const jobPath = ['workflows', 'wiki.yml', 'jobs', 'sync'];
  return {
    claims: {
      ref: 'refs/heads/main',
      ref_type: 'branch',
      event_name,
      workflow_ref: 'octo-org/octo-repo/.github/workflows/wiki.yml@refs/heads/main',
    },
    file: 'access-manifest.yml',
    lineOf: m.lineOf,
    defaultBranch: 'main',
    job: { environments: job.environments, path: jobPath },
    grant: {
      path: [...jobPath, 'credentials', grant],
      ...(job.credentials[grant]!.when ? { when: job.credentials[grant]!.when } : {}),
    },
  };
};

describe('events caused from outside the repository (session 8)', () => {
  it.each(['gollum', 'status', 'check_run', 'check_suite'])(
    '%s is refused without a when.event naming it',
    (e) => {
      expect(OUTSIDE_EVENTS).toContain(e);
      const r = evaluateConditions(input(e));
      expect(r.refusal?.code).toBe('ERR_CONDITION_EVENT');
      expect(r.refusal?.message).toMatch(/when\.event/);
      expect(r.refusal?.message).toMatch(/access-manifest\.yml:\d+/);
    },
  );

  it.each(['gollum', 'status', 'check_run', 'check_suite'])('%s named by the grant is granted', (e) => {
    expect(evaluateConditions(input(e, 1)).refusal).toBeUndefined();
  });

  it('events only people with write access cause are unchanged', () => {
    for (const e of [
      'push',
      'workflow_dispatch',
      'schedule',
      'repository_dispatch',
      'deployment_status',
      'label',
    ])
      expect(evaluateConditions(input(e)).refusal).toBeUndefined();
  });
});
