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
              claims: { repo_property_tier: prod, repository_visibility: [private, internal] }
          - step: plain
            audience: github
            permissions: { contents: read }
`;
const m = loadManifest(MANIFEST, 'access-manifest.yml');
const job = m.manifest.workflows['deploy.yml']!.jobs.ship!;
const good = {
  ref: 'refs/heads/main',
  ref_protected: 'true',
  environment: 'production',
  event_name: 'push',
  actor_id: '12345',
  // GitHub sends it with every token; actor-id holds on a first attempt only (session 17).
  run_attempt: '1',
  runner_environment: 'github-hosted',
  repo_property_tier: 'prod',
  repository_visibility: 'private',
};

function input(claims: Record<string, unknown>, grant = 0, defaultBranch = 'main'): ConditionInput {
  const jobPath = ['workflows', 'deploy.yml', 'jobs', 'ship'];
  return {
    claims,
    file: 'access-manifest.yml',
    lineOf: m.lineOf,
    defaultBranch,
    job: { environments: job.environments, path: jobPath, ...(job.when ? { when: job.when } : {}) },
    grant: {
      path: [...jobPath, 'credentials', grant],
      ...(job.credentials[grant]!.when ? { when: job.credentials[grant]!.when } : {}),
    },
  };
}

describe('grant conditions', () => {
  it('every condition holds: one verdict each, no refusal', () => {
    const r = evaluateConditions(input(good));
    expect(r.refusal).toBeUndefined();
    expect(r.verdicts.map((v) => v.condition)).toEqual([
      'environments',
      'runner-environment',
      'ref',
      'ref-protected',
      'environment',
      'event',
      'actor-id',
      'claims.repo_property_tier',
      'claims.repository_visibility',
    ]);
    expect(r.verdicts.every((v) => v.ok)).toBe(true);
  });

  it.each([
    [
      { ref: 'refs/heads/attacker' },
      'ERR_CONDITION_REF',
      /^ref refs\/heads\/attacker is not one of refs\/heads\/main, refs\/tags\/v\* \(access-manifest\.yml:14\)$/,
    ],
    [{ ref: 'refs/heads/main-evil' }, 'ERR_CONDITION_REF', /main-evil/],
    [{ ref: 'refs/pull/7/merge', event_name: 'pull_request' }, 'ERR_CONDITION_REF', /refs\/pull\/7\/merge/],
    [
      { ref_protected: 'false' },
      'ERR_CONDITION_REF_PROTECTED',
      /ref_protected is false, not true \(access-manifest\.yml:15\)/,
    ],
    [
      { environment: 'staging' },
      'ERR_ENVIRONMENT_NOT_DECLARED',
      /environment staging is not one of the job's environments production \(access-manifest\.yml:6\)/,
    ],
    [
      { event_name: 'pull_request' },
      'ERR_CONDITION_EVENT',
      /event pull_request is not one of push, workflow_dispatch/,
    ],
    [{ actor_id: '666' }, 'ERR_CONDITION_ACTOR_ID', /actor-id 666 is not one of 12345/],
    // A re-run keeps the first attempt's actor: the listed id says nothing about who re-ran it.
    [{ run_attempt: '2' }, 'ERR_CONDITION_ACTOR_ID', /actor-id 12345 is listed, but this is run attempt 2/],
    [{ run_attempt: undefined }, 'ERR_CONDITION_ACTOR_ID', /this is run attempt \(absent\)/],
    [
      { runner_environment: 'self-hosted' },
      'ERR_CONDITION_RUNNER_ENVIRONMENT',
      /runner-environment self-hosted is not one of github-hosted \(access-manifest\.yml:8\)/,
    ],
    [{ repo_property_tier: 'dev' }, 'ERR_CONDITION_CLAIM', /claim repo_property_tier dev is not one of prod/],
    [{ repository_visibility: 'public' }, 'ERR_CONDITION_CLAIM', /repository_visibility public/],
  ])('refuses %j with %s, naming the value and the line', (over, code, message) => {
    const r = evaluateConditions(input({ ...good, ...over }));
    expect(r.refusal?.code).toBe(code);
    expect(r.refusal?.message).toMatch(message);
    // Every other condition still has its verdict (explain and dry_run show them all).
    expect(r.verdicts.length).toBe(9);
  });

  it.each([
    'ref',
    'ref_protected',
    'event_name',
    'actor_id',
    'runner_environment',
    'repo_property_tier',
    'environment',
  ])('a token without %s is refused (ERR_CLAIM_MISSING), never waved through', (claim) => {
    const claims: Record<string, unknown> = { ...good };
    delete claims[claim];
    const r = evaluateConditions(input(claims));
    expect(r.refusal?.code).toBe('ERR_CLAIM_MISSING');
    expect(r.refusal?.message).toContain(`'${claim}'`);
  });

  it('non-string claims do not satisfy a condition', () => {
    expect(evaluateConditions(input({ ...good, repo_property_tier: ['prod'] })).refusal?.code).toBe(
      'ERR_CLAIM_MISSING',
    );
    expect(evaluateConditions(input({ ...good, ref: 42 })).refusal?.code).toBe('ERR_CLAIM_MISSING');
  });

  it('environment names ignore case, like GitHub', () => {
    expect(evaluateConditions(input({ ...good, environment: 'Production' })).refusal).toBeUndefined();
  });

  describe("a job's environments bind its grants", () => {
    const plainGrant = (claims: Record<string, unknown>) => evaluateConditions(input(claims, 1));
    const base = { ref: 'refs/heads/main', runner_environment: 'github-hosted' };
    it('a token naming one of them is granted', () => {
      expect(plainGrant({ ...base, environment: 'production' }).refusal).toBeUndefined();
    });
    it.each([
      ['no environment claim', {}],
      ['an empty environment claim', { environment: '' }],
    ])(
      '%s is refused: the job was run without its environment (its protection rules skipped)',
      (_, extra) => {
        const r = plainGrant({ ...base, ...extra });
        expect(r.refusal?.code).toBe('ERR_CLAIM_MISSING');
        expect(r.refusal?.condition).toBe('environments');
        expect(r.refusal?.message).toBe(
          "the token has no 'environment' claim, which condition environments needs (access-manifest.yml:6)",
        );
      },
    );
    it('another environment is refused with the job list', () => {
      expect(plainGrant({ ...base, environment: 'staging' }).refusal?.code).toBe(
        'ERR_ENVIRONMENT_NOT_DECLARED',
      );
    });
  });

  describe('secure default: no when.ref means the default branch only', () => {
    const plain = (claims: Record<string, unknown>, branch = 'main') =>
      evaluateConditions(input(claims, 1, branch));
    it('grants on the default branch, and says the default applied', () => {
      const r = plain({
        ref: 'refs/heads/main',
        runner_environment: 'github-hosted',
        environment: 'production',
      });
      expect(r.refusal).toBeUndefined();
      expect(r.verdicts.find((v) => v.condition === 'ref')?.origin).toBe('default');
    });
    it.each([
      'refs/heads/attacker',
      'refs/heads/main-evil',
      'refs/pull/1/merge',
      'refs/tags/v1',
      'refs/heads/gh-readonly-queue/main/pr-1-abc',
    ])('refuses %s', (ref) => {
      const r = plain({ ref, runner_environment: 'github-hosted', environment: 'production' });
      expect(r.refusal?.code).toBe('ERR_CONDITION_REF');
      expect(r.refusal?.message).toContain('the default branch; no when.ref');
    });
    it('follows the branch the manifest was read from', () => {
      expect(
        plain(
          { ref: 'refs/heads/trunk', runner_environment: 'github-hosted', environment: 'production' },
          'trunk',
        ).refusal,
      ).toBeUndefined();
      expect(
        plain(
          { ref: 'refs/heads/main', runner_environment: 'github-hosted', environment: 'production' },
          'trunk',
        ).refusal?.code,
      ).toBe('ERR_CONDITION_REF');
    });
  });

  it('bounds and escapes the token value it prints', () => {
    const r = evaluateConditions(input({ ...good, ref: `refs/heads/x\n${'y'.repeat(500)}` }));
    expect(r.refusal?.message).not.toContain('\n');
    expect(r.refusal?.message.length).toBeLessThan(400);
  });
});

/**
 * Session 23 (broker speed): a real exchange asks for the refusal only (the verdicts are shown by
 * explain and dry runs), so the conditions that hold build no message. The refusal must be the very
 * one the full evaluation gives, for every token: same condition, code, message and line, or none.
 */
describe('grant conditions: the refusal alone (session 23)', () => {
  /** Each claim: a value that holds, one that does not, empty, or absent. */
  const claim = (...values: string[]) =>
    fc.option(fc.constantFrom(...values, 'refs/pull/1/merge', 'pull_request_target', '', 'x\u200b'), {
      nil: undefined,
    });

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
        repository_visibility: claim('private', 'public'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(claims, fc.nat({ max: 1 }), (c, grant) => {
        const full = evaluateConditions(input(c, grant));
        const alone = evaluateConditions(input(c, grant), true);
        expect(alone.refusal).toEqual(full.refusal);
        expect(alone.verdicts).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('a token that holds every condition has no refusal either way', () => {
    expect(evaluateConditions(input(good)).refusal).toBeUndefined();
    expect(evaluateConditions(input(good), true)).toEqual({ verdicts: [] });
  });
});
