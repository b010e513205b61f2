/**
 * Hostile review (session 8): two steps, one identity. The broker's JWT names the step in its SPIFFE
 * ID (`spiffe://TD/gh/OWNER/REPO/WORKFLOW/JOB/STEP`, each segment cut to `[A-Za-z0-9._-]`) and in
 * its AWS session tags (characters a tag cannot hold become `_`). Steps `Deploy prod` and
 * `Deployprod` got the same SPIFFE ID, `a!b` and `a_b` the same tags: a relying party that authorizes
 * on them could not tell the narrow step from the broad one. Now the grant whose names change under
 * a mapping and meet another grant's is refused (ERR_GRANT_IDENTITY_COLLISION, both lines named); the
 * grant spelled plainly keeps its identity.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { awsSessionTags, spiffeIdOf } from '../../shared/broker/providers/jwt-profiles.js';
import { loadManifest } from '../../shared/manifest/load.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';

const A = 'https://a.example';
const B = 'https://b.example';
const manifest = (grants: { step: string; audience: string }[]) =>
  loadManifest(
    `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        credentials:
${grants.map((g) => `          - { step: ${JSON.stringify(g.step)}, audience: ${g.audience}, scope: [x] }`).join('\n')}
`,
    'm.yml',
  );
const claims = () => githubClaims('https://issuer', 'aud') as unknown as GithubOidcClaims;
const ask = (m: ReturnType<typeof manifest>, step: string, audience = A) => {
  try {
    decide({ claims: claims(), request: { audience, scope: '', job: 'publish', step }, manifest: m });
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(BrokerRefusal);
    return e as BrokerRefusal;
  }
};
const context = (step: string) => ({
  repository: 'octo-org/octo-repo',
  workflow: 'release.yml',
  job: 'publish',
  step,
  run_id: '1',
  run_attempt: '1',
});

describe('two grants of one audience never share an identity', () => {
  it("'Deploy prod' (one SPIFFE ID with 'Deployprod') is refused; 'Deployprod' keeps its ID", () => {
    const m = manifest([
      { step: 'Deployprod', audience: A },
      { step: 'Deploy prod', audience: A },
    ]);
    expect(spiffeIdOf('td', context('Deploy prod'))).toBe(spiffeIdOf('td', context('Deployprod')));
    expect(ask(m, 'Deployprod')).toBe('ok');
    const r = ask(m, 'Deploy prod') as BrokerRefusal;
    expect(r.code).toBe('ERR_GRANT_IDENTITY_COLLISION');
    expect(r.message).toMatch(/m\.yml:10\).*SPIFFE ID as step 'Deployprod'.*m\.yml:9\)/);
  });

  it("'a!b' (the same AWS session tags as 'a_b') is refused", () => {
    const m = manifest([
      { step: 'a_b', audience: A },
      { step: 'a!b', audience: A },
    ]);
    expect(awsSessionTags(context('a!b'))).toEqual(awsSessionTags(context('a_b')));
    expect(ask(m, 'a_b')).toBe('ok');
    expect((ask(m, 'a!b') as BrokerRefusal).message).toMatch(/AWS session tags/);
  });

  it('two lossy names that meet are both refused; another audience is another identity space', () => {
    const m = manifest([
      { step: 'x y', audience: A },
      { step: 'x\u00a0y', audience: A },
      { step: 'Deploy prod', audience: B },
    ]);
    expect((ask(m, 'x y') as BrokerRefusal).code).toBe('ERR_GRANT_IDENTITY_COLLISION');
    expect((ask(m, 'x\u00a0y') as BrokerRefusal).code).toBe('ERR_GRANT_IDENTITY_COLLISION');
    expect(ask(m, 'Deploy prod', B)).toBe('ok');
  });

  it('whatever the step names, the granted steps of an audience have distinct SPIFFE IDs and AWS tags (property)', () => {
    const name = fc
      .array(fc.constantFrom('a', 'b', ' ', '_', '.', '!', '-', 'é', '\u00a0'), {
        minLength: 1,
        maxLength: 4,
      })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 2, maxLength: 4 }), (steps) => {
        const m = manifest(steps.map((step) => ({ step, audience: A })));
        const granted = steps.filter((s) => ask(m, s) === 'ok');
        const ids = granted.map((s) => spiffeIdOf('td', context(s)));
        const tags = granted.map((s) => JSON.stringify(awsSessionTags(context(s))));
        expect(new Set(ids).size).toBe(granted.length);
        expect(new Set(tags).size).toBe(granted.length);
      }),
      { numRuns: 300 },
    );
  });
});
