/**
 * Session 23 (broker speed): a real exchange asks evaluateConditions for the refusal only (the
 * verdicts are shown by explain and dry runs), so the conditions that hold build no message. The
 * refusal must be the very one the full evaluation gives, for every token: same condition, code,
 * message and line, and none when every condition holds.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateConditions, type ConditionInput } from '../../shared/conditions/evaluate.js';
import { loadManifest } from '../../shared/manifest/load.js';

const MANIFEST = `version: 1
workflows:
  deploy.yml:
    jobs:
      ship:
        environments: [production]
        when:
          runner-environment: github-hosted
        credentials:
          - step: publish
            audience: github
            permissions: { contents: write }
            when:
              ref: [refs/heads/main, refs/tags/v*]
              ref-protected: true
              environment: [production]
              event: [push, workflow_dispatch]
              actor-id: ['12345']
              claims: { repo_property_tier: prod, sub: 'repo:o/r:actor:*' }
          - step: plain
            audience: github
            permissions: { contents: read }
      open:
        credentials:
          - { step: any, audience: github, permissions: { contents: read } }
`;
const m = loadManifest(MANIFEST, 'access-manifest.yml');

function input(claims: Record<string, unknown>, jobName: 'ship' | 'open', grant: number): ConditionInput {
  const job = m.manifest.workflows['deploy.yml']!.jobs[jobName]!;
  const jobPath = ['workflows', 'deploy.yml', 'jobs', jobName];
  const g = job.credentials[Math.min(grant, job.credentials.length - 1)]!;
  return {
    claims,
    file: 'access-manifest.yml',
    lineOf: m.lineOf,
    defaultBranch: 'main',
    job: { environments: job.environments, path: jobPath, ...(job.when ? { when: job.when } : {}) },
    grant: { path: [...jobPath, 'credentials', grant], ...(g.when ? { when: g.when } : {}) },
  };
}

/** Each claim: a value that holds, one that does not, empty, or absent. */
const claim = (...good: string[]) =>
  fc.option(fc.constantFrom(...good, 'refs/pull/1/merge', 'pull_request_target', '', 'x\u200b'), {
    nil: undefined,
  });

describe('evaluateConditions: the refusal alone (session 23)', () => {
  it('gives the same refusal as the full evaluation, or none, for any token (fast-check)', () => {
    const claims = fc.record(
      {
        ref: claim('refs/heads/main', 'refs/tags/v1'),
        ref_protected: claim('true', 'false'),
        environment: claim('production', 'staging'),
        event_name: claim('push', 'workflow_dispatch', 'issue_comment'),
        actor_id: claim('12345', '999'),
        run_attempt: claim('1', '2'),
        runner_environment: claim('github-hosted', 'self-hosted'),
        repo_property_tier: claim('prod', 'dev'),
        sub: claim('repo:o/r:actor:alice', 'repo:o/r:ref:refs/heads/main'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        claims,
        fc.constantFrom('ship', 'open') as fc.Arbitrary<'ship' | 'open'>,
        fc.nat({ max: 1 }),
        (c, job, grant) => {
          const full = evaluateConditions(input(c, job, grant));
          const alone = evaluateConditions(input(c, job, grant), true);
          expect(alone.refusal).toEqual(full.refusal);
          expect(alone.verdicts).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a token that holds every condition has no refusal either way', () => {
    const good = {
      ref: 'refs/heads/main',
      ref_protected: 'true',
      environment: 'production',
      event_name: 'push',
      actor_id: '12345',
      run_attempt: '1',
      runner_environment: 'github-hosted',
      repo_property_tier: 'prod',
      sub: 'repo:o/r:actor:alice',
    };
    expect(evaluateConditions(input(good, 'ship', 0)).refusal).toBeUndefined();
    expect(evaluateConditions(input(good, 'ship', 0), true)).toEqual({ verdicts: [] });
  });
});
