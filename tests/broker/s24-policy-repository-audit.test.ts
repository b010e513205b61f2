/**
 * Session 24, attacking session 23's `.github` rule (conditions/reach.ts): `allow-cross-repository`
 * in `mode: audit` grants every cross-repository reach and only reports it (a rollout setting). It
 * also granted `contents: write` on `OWNER/.github`, the organization policy's repository, to any
 * repository of the owner with no rule at all: that repository could rewrite the policy and give
 * itself what the *enforced* sections refuse (organization permissions, ceilings, narrow-only). The
 * policy repository is now refused in enforce mode whatever the section's mode, unless a rule names
 * it; every other repository is audited as before.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
          - { step: other, audience: github, permissions: { contents: write }, repositories: [self, tools] }
`;
const AUDIT_ORG = `version: 1
allow-cross-repository: { mode: audit, allow: [] }
`;

let s: Stack;
let exchange: (step: string) => ReturnType<Stack['token']>;
beforeAll(async () => {
  ({ s, exchange } = await startPolicyRepoStack(MANIFEST, AUDIT_ORG, 's24p'));
});
afterAll(() => closeCheckingAudit(s));

describe('allow-cross-repository in mode: audit does not open the policy repository', () => {
  it('a grant covering OWNER/.github is refused, naming why', async () => {
    const r = await exchange('policy');
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CROSS_REPOSITORY_NOT_ALLOWED']);
    expect(String(r.body.error_description)).toMatch(
      /octo-org\/\.github holds the organization policy.*mode: audit.*access-manifest\.yml:\d+/,
    );
  });

  it('every other repository is still granted and audited (the mode does what it says)', async () => {
    expect((await exchange('other')).status).toBe(200);
  });

  it('pure: the problem for .github is enforce in either mode; a rule naming it still lets it through', () => {
    const org = (text: string) => loadOrgPolicy(`version: 1\n${text}`, 'org.yml').value;
    const reach = (text: string, repo: string) =>
      reachProblems({
        repository: 'octo-org/app',
        repositories: [repo],
        permissions: { contents: 'write' },
        org: org(text),
      }).map((p) => [p.code, p.mode]);
    const audit = 'allow-cross-repository: { mode: audit, allow: [] }\n';
    expect(reach(audit, '.github')).toEqual([['ERR_CROSS_REPOSITORY_NOT_ALLOWED', 'enforce']]);
    expect(reach(audit, '.GITHUB')).toEqual([['ERR_CROSS_REPOSITORY_NOT_ALLOWED', 'enforce']]);
    expect(reach(audit, 'tools')).toEqual([['ERR_CROSS_REPOSITORY_NOT_ALLOWED', 'audit']]);
    expect(
      reach(
        "allow-cross-repository: { mode: audit, allow: [{ from: octo-org/app, to: ['*'] }] }\n",
        '.github',
      ),
    ).toEqual([['ERR_CROSS_REPOSITORY_NOT_ALLOWED', 'enforce']]);
    expect(
      reach(
        "allow-cross-repository: { mode: audit, allow: [{ from: octo-org/app, to: ['.github'] }] }\n",
        '.github',
      ),
    ).toEqual([]);
  });
});
