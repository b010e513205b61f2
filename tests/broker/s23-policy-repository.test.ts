/**
 * Session 23, hostile review of the broker: `OWNER/.github` holds the organization policy
 * (`stepwarden/org-policy.yml`, read when `org-policy: { source: github }`). A cross-repository
 * consent written as a glob (`to: ['*']`: "the deployer may reach every repository") matched `.github`
 * too, so the consented repository's manifest could take `contents: write` on the policy repository,
 * rewrite the policy, and give itself what the organization never consented to (organization
 * permissions, reach everywhere, no ceilings). Now only a rule that names `.github` itself (in any
 * ASCII case, not a glob) lets a grant reach it; the refusal says why. The check (`org-reach`) reads
 * the same function.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { reachProblems } from '../../shared/conditions/reach.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import { type Stack, errorCode, closeCheckingAudit } from '../support/broker.js';
import { startPolicyRepoStack } from '../support/policy-repo.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        credentials:
          - { step: policy, audience: github, permissions: { contents: write }, repositories: [self, .github] }
          - { step: policy-case, audience: github, permissions: { contents: write }, repositories: [.GitHub] }
          - { step: other, audience: github, permissions: { contents: write }, repositories: [self, tools] }
`;
const GLOB_ORG = `version: 1
allow-cross-repository:
  - { from: octo-org/octo-repo, to: ['*'] }
`;

let s: Stack;
let exchange: (step: string) => ReturnType<Stack['token']>;
beforeAll(async () => {
  ({ s, exchange } = await startPolicyRepoStack(MANIFEST, GLOB_ORG, 's23p'));
});
afterAll(() => closeCheckingAudit(s));

describe('the organization policy repository is reached only by a rule that names it', () => {
  it("a glob consent ('*') does not let a grant write OWNER/.github, in any case", async () => {
    for (const step of ['policy', 'policy-case']) {
      const r = await exchange(step);
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CROSS_REPOSITORY_NOT_ALLOWED']);
      expect(String(r.body.error_description)).toMatch(
        /octo-org\/\.github holds the organization policy: only a rule whose to: names '\.github' itself \(not a glob such as '\*'\) reaches it \(org\.yml\).*access-manifest\.yml:\d+/,
      );
    }
  });

  it('the same consent still reaches every other repository', async () => {
    expect((await exchange('other')).status).toBe(200);
  });

  it("a rule naming '.github' itself lets it through", async () => {
    const org = (to: string) =>
      loadOrgPolicy(
        `version: 1\nallow-cross-repository:\n  - { from: octo-org/app, to: [${to}] }\n`,
        'org.yml',
      ).value;
    const reach = (to: string, repo: string) =>
      reachProblems({
        repository: 'octo-org/app',
        repositories: [repo],
        permissions: { contents: 'write' },
        org: org(to),
      });
    expect(reach("'.github'", '.github')).toEqual([]);
    expect(reach("'.GitHub'", '.github')).toEqual([]);
    // The policy repository's own grants (`self`, or its own name) need no consent at all.
    expect(
      reachProblems({
        repository: 'octo-org/.github',
        repositories: ['.github', 'self'],
        permissions: { contents: 'write' },
        org: org("'x'"),
      }),
    ).toEqual([]);
    for (const glob of ["'*'", "'.git*'", "'.githu?'", "'.[g]ithub'"])
      expect(reach(glob, '.github').map((p) => p.code)).toEqual(['ERR_CROSS_REPOSITORY_NOT_ALLOWED']);
  });

  it('property: no glob but the literal name reaches .github, and every other name is judged as before', () => {
    // `.` and `..` are no repository names (and a glob never stands for them).
    const name = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/).filter((n) => n !== '.' && n !== '..');
    fc.assert(
      fc.property(name, (repo) => {
        const org = loadOrgPolicy(
          `version: 1\nallow-cross-repository:\n  - { from: octo-org/app, to: ['*'] }\n`,
          'org.yml',
        ).value;
        const p = reachProblems({
          repository: 'octo-org/app',
          repositories: [repo],
          permissions: { contents: 'read' },
          org,
        });
        const policyRepo = repo.toLowerCase() === '.github';
        expect(p.length > 0).toBe(policyRepo);
      }),
    );
  });
});
