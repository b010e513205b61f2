/**
 * Session 17: `credential-step` must not go quiet because of a grant condition it cannot judge. The
 * broker judges the grant's conditions before the requested scope, so a step asking above its grant
 * is refused on every run that meets the conditions (and on every other run for the condition): the
 * check reports it whatever the conditions say.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const workflow = (on: string, env = '', scope = 'contents:write') => y`
  on: ${on}
  jobs:
    release:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      ${env}steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github, scope: "${scope}" }
`;

const manifest = (job: string, grant: string, triggers = '') => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    release.yml:
      ${triggers}jobs:
        release:
          permissions: { contents: read, id-token: write }
          ${job}credentials:
            - { step: publish, audience: github, permissions: { contents: read }, repositories: [self]${grant} }
`;

const found = (wf: string, m: string) =>
  findingsOf('credential-step', { 'release.yml': wf }, m).map((f) => f.message);

describe('credential-step is not silenced by conditions (session 17)', () => {
  it('a job-level when (a release job bound to tags) still reports a scope above the grant', () => {
    const f = found(
      workflow('{ push: { tags: ["v*"] } }'),
      manifest('when: { ref: ["refs/tags/v*"] }\n          ', ''),
    );
    expect(f).toEqual([expect.stringContaining('ERR_SCOPE_NOT_GRANTED')]);
  });

  it('a grant for pull_request_target (when.event names it) still reports a scope above the grant', () => {
    const f = found(
      workflow('pull_request_target'),
      manifest('', ', when: { event: [pull_request_target] }', 'triggers: [pull_request_target]\n      '),
    );
    expect(f).toEqual([expect.stringContaining('ERR_SCOPE_NOT_GRANTED')]);
  });

  it('a job whose environment is an expression (declared environments) still reports a scope above the grant', () => {
    const f = found(
      workflow(
        'push',
        'strategy: { matrix: { env: [staging, production] } }\n      environment: ${{ matrix.env }}\n      ',
      ),
      manifest('environments: [staging, production]\n          ', ''),
    );
    expect(f).toEqual([expect.stringContaining('ERR_SCOPE_NOT_GRANTED')]);
  });

  it('a job-level claims condition still reports a step the manifest grants nothing', () => {
    const f = found(
      workflow('push'),
      manifest('when: { claims: { repository_visibility: private } }\n          ', '').replace(
        'step: publish',
        'step: other',
      ),
    );
    expect(f).toEqual([expect.stringContaining('ERR_NO_GRANT')]);
  });

  it('within the grant, the same setups pass', () => {
    expect(
      found(
        workflow('{ push: { tags: ["v*"] } }', '', 'contents:read'),
        manifest('when: { ref: ["refs/tags/v*"] }\n          ', ''),
      ),
    ).toEqual([]);
    expect(
      found(
        workflow('pull_request_target', '', 'contents:read'),
        manifest('', ', when: { event: [pull_request_target] }', 'triggers: [pull_request_target]\n      '),
      ),
    ).toEqual([]);
  });
});

describe('credential-step under a narrow-only organization policy (session 17)', () => {
  const org = (when: string) => y`
    version: 1
    repository-manifests: narrow-only
    grants:
      - repository: o/r
        workflow: release.yml
        job: release
        credentials:
          - { step: publish, audience: github, permissions: { contents: read }${when} }
  `;
  const m = manifest('', '').replace(
    'permissions: { contents: read }, repositories',
    'permissions: { contents: write }, repositories',
  );
  const reported = (orgText: string, scope: string) =>
    findingsOf(
      'credential-step',
      { 'release.yml': workflow('{ push: { tags: ["v*"] } }', '', scope) },
      m,
      orgText,
    ).map((f) => f.message);

  it("the organization grant's conditions are taken as met too: its narrower scope is reported", () => {
    expect(reported(org(''), 'contents:write')).toEqual([expect.stringContaining('ERR_SCOPE_NOT_GRANTED')]);
    expect(reported(org(', when: { ref: ["refs/tags/v*"] }'), 'contents:write')).toEqual([
      expect.stringContaining('ERR_SCOPE_NOT_GRANTED'),
    ]);
    expect(reported(org(', when: { ref: ["refs/tags/v*"] }'), 'contents:read')).toEqual([]);
  });
});
