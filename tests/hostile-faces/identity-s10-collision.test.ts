/**
 * Session 10: the broker refuses a service grant whose SPIFFE path or AWS session tags meet another
 * grant's of the same audience (shared/broker/decide.ts `identityTwin`, ERR_GRANT_IDENTITY_COLLISION),
 * but `stepwarden check` passed such a manifest: a setup the broker is certain to refuse. The rule
 * `grant-identity-collision` reports it with the broker's own function, and a property holds the two
 * in agreement over random step and job names.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';
import { JOB_ID } from '../../shared/workflow/job-id.js';
import { findingsOf, manifest } from '../support/repo.js';

const A = 'https://a.example';
const B = 'https://b.example';
type G = { job: string; step: string; audience: string };
const manifestText = (grants: G[]) => {
  const jobs = [...new Set(grants.map((g) => g.job))];
  return `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
${jobs
  .map(
    (j) =>
      `      ${JSON.stringify(j)}:\n        credentials:\n${grants
        .filter((g) => g.job === j)
        .map((g) => `          - { step: ${JSON.stringify(g.step)}, audience: ${g.audience}, scope: [x] }`)
        .join('\n')}`,
  )
  .join('\n')}
`;
};
const check = (grants: G[]) => findingsOf('grant-identity-collision', {}, manifestText(grants));
const refused = (grants: G[], g: G) => {
  const m = manifest(manifestText(grants));
  try {
    decide({
      claims: githubClaims('https://issuer', 'aud') as unknown as GithubOidcClaims,
      request: { audience: g.audience, scope: '', job: g.job, step: g.step },
      manifest: m,
    });
    return false;
  } catch (e) {
    expect(e).toBeInstanceOf(BrokerRefusal);
    return (e as BrokerRefusal).code === 'ERR_GRANT_IDENTITY_COLLISION';
  }
};

describe('grant-identity-collision: the check reports what the broker refuses', () => {
  it("'Deploy prod' beside 'Deployprod': an error at the refused grant naming both lines and the fix", () => {
    const f = check([
      { job: 'publish', step: 'Deployprod', audience: A },
      { job: 'publish', step: 'Deploy prod', audience: A },
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: 'error',
      workflow: 'release.yml',
      job: 'publish',
      subject: 'Deploy prod',
      file: '.github/access-manifest.yml',
      line: 10,
    });
    expect(f[0]!.message).toMatch(
      /access-manifest\.yml:10\b.*SPIFFE ID.*'Deployprod'.*access-manifest\.yml:9\b/,
    );
    expect(f[0]!.message).toMatch(/ERR_GRANT_IDENTITY_COLLISION/);
    expect(f[0]!.message).toMatch(/Fix: rename/);
  });

  it('AWS session tags and audiences: each refused grant once, another audience is apart', () => {
    // Until session 25 the pair was two jobs `a_b` and `a!b`; `a!b` is no job id GitHub allows, so
    // such a manifest no longer loads, and job ids (ASCII letters, digits, _ and -) never collide.
    // Step names are free text: the same collision between two steps.
    const grants = [
      { job: 'a', step: 'a_b', audience: A },
      { job: 'a', step: 'a!b', audience: A },
      { job: 'x', step: 'Deploy prod', audience: B },
    ];
    expect(check(grants).map((f) => `${f.job}/${f.subject}`)).toEqual(['a/a!b']);
    expect(check(grants)[0]!.message).toMatch(/AWS session tags/);
  });

  it('plainly spelled grants pass', () => {
    expect(
      check([
        { job: 'publish', step: 'build', audience: A },
        { job: 'publish', step: 'deploy', audience: A },
      ]),
    ).toEqual([]);
  });

  it('the check reports exactly the grants the broker refuses as identity collisions (property)', () => {
    const name = fc
      .array(fc.constantFrom('a', 'b', ' ', '_', '.', '!', '-', 'é', '\u00a0'), {
        minLength: 1,
        maxLength: 3,
      })
      .map((a) => a.join(''))
      // Manifest keys and steps the schema takes (a name of only dots or blanks is its own question).
      .filter((s) => /[ab]/.test(s) && s.trim() === s);
    // Jobs are job ids GitHub allows (the manifest refuses any other key since session 25).
    const job = fc
      .array(fc.constantFrom('a', 'b', '_', '-'), { minLength: 1, maxLength: 3 })
      .map((a) => a.join(''))
      .filter((j) => JOB_ID.test(j));
    const grant = fc.record({ job, step: name, audience: fc.constantFrom(A, B) });
    fc.assert(
      fc.property(
        fc.uniqueArray(grant, { minLength: 2, maxLength: 5, selector: (g) => `${g.job}\0${g.step}` }),
        (grants) => {
          const reported = new Set(check(grants).map((f) => `${f.job}\0${f.subject}`));
          const expected = new Set(
            grants.filter((g) => refused(grants, g)).map((g) => `${g.job}\0${g.step}`),
          );
          expect(reported).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
