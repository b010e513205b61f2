/**
 * Attacking session 17's "actor conditions hold on a first attempt only" (session 18): every
 * run_attempt other than exactly the string "1" (absent, a number, "01", " 1", "1 ", huge, negative)
 * is a re-run for `actor-id` and for `claims: { actor | actor_id }`, and the refusal names the
 * condition, the claim, the attempt as shown, the fix and the manifest line.
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
        credentials:
          - step: by-id
            audience: github
            permissions: { contents: write }
            when:
              actor-id: ['12345']
          - step: by-login
            audience: github
            permissions: { contents: write }
            when:
              claims: { actor: alice }
          - step: by-claim-id
            audience: github
            permissions: { contents: write }
            when:
              claims: { actor_id: '12345' }
          - step: by-sub
            audience: github
            permissions: { contents: write }
            when:
              claims: { sub: 'repo:octo-org/app:actor:alice:*' }
          - step: by-sub-repo
            audience: github
            permissions: { contents: write }
            when:
              claims: { sub: 'repo:octo-org/app:*' }
`;
const m = loadManifest(MANIFEST, 'access-manifest.yml');
const job = m.manifest.workflows['deploy.yml']!.jobs.ship!;

function input(claims: Record<string, unknown>, grant: number): ConditionInput {
  const jobPath = ['workflows', 'deploy.yml', 'jobs', 'ship'];
  return {
    claims,
    file: 'access-manifest.yml',
    lineOf: m.lineOf,
    defaultBranch: 'main',
    job: { environments: job.environments, path: jobPath },
    grant: { path: [...jobPath, 'credentials', grant], when: job.credentials[grant]!.when! },
  };
}
const listed = { actor: 'alice', actor_id: '12345', ref: 'refs/heads/main' };
const CODES = ['ERR_CONDITION_ACTOR_ID', 'ERR_CONDITION_CLAIM', 'ERR_CONDITION_CLAIM'];
const LINES = [11, 16, 21];

describe('actor conditions and run_attempt', () => {
  it('a first attempt ("1") of the listed actor holds for all three spellings (control)', () => {
    for (const g of [0, 1, 2])
      expect(evaluateConditions(input({ ...listed, run_attempt: '1' }, g)).refusal).toBeUndefined();
  });

  it.each([
    ['absent', undefined],
    ['a number', 1],
    ['"01"', '01'],
    ['" 1"', ' 1'],
    ['"1 "', '1 '],
    ['huge', '9'.repeat(400)],
    ['"-1"', '-1'],
    ['"1.0"', '1.0'],
  ])('run_attempt %s is a re-run: refused, saying why, the fix and the line', (_what, attempt) => {
    for (const g of [0, 1, 2]) {
      const claims = attempt === undefined ? listed : { ...listed, run_attempt: attempt };
      const r = evaluateConditions(input(claims, g));
      expect(r.refusal?.code).toBe(CODES[g]);
      const text = r.refusal!.message;
      expect(text).toMatch(/, but this is run attempt .*: a re-run keeps the first attempt's actor/);
      expect(text).toContain('Fix: start a new run (push or dispatch) instead of re-running');
      expect(text).toMatch(new RegExp(`\\(access-manifest\\.yml:${LINES[g]}\\)$`));
      // Shown bounded: a huge claim is not echoed whole.
      expect(text.length).toBeLessThan(700);
    }
  });

  // GitHub lets an organization put `actor` (or `actor_id`) into `sub` (OIDC sub customization): a
  // pattern on that part is a condition on the actor, with the same re-run gap.
  it('a sub pattern naming the actor holds on a first attempt only; one not naming it is unchanged', () => {
    const sub = { ...listed, sub: 'repo:octo-org/app:actor:alice:environment:prod' };
    expect(evaluateConditions(input({ ...sub, run_attempt: '1' }, 3)).refusal).toBeUndefined();
    const r = evaluateConditions(input({ ...sub, run_attempt: '2' }, 3));
    expect(r.refusal?.code).toBe('ERR_CONDITION_CLAIM');
    expect(r.refusal!.message).toMatch(/^claim sub .* matches .*, but this is run attempt 2: a re-run keeps/);
    expect(r.refusal!.message).toMatch(/\(access-manifest\.yml:26\)$/);
    expect(evaluateConditions(input({ ...sub, run_attempt: '2' }, 4)).refusal).toBeUndefined();
  });

  it('property: whatever run_attempt is, a listed actor is granted exactly when it is "1"', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('1', '01', ' 1', '2', '１')),
        fc.nat(2),
        (attempt, g) => {
          const r = evaluateConditions(input({ ...listed, run_attempt: attempt }, g));
          expect(r.refusal === undefined).toBe(attempt === '1');
        },
      ),
    );
  });
});
