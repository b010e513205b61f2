/**
 * Session 32: the grant conditions against the token's claims, through a broker process with tokens
 * the trusted issuer signed, held to what docs/manifest.md says each condition means: `ref` is git's
 * ref, exact (case matters, no trailing `/`, a tag is not the branch of the same name, `ref_type` and
 * `workflow_ref` must agree with it); `environment` names ignore ASCII case and nothing else;
 * `runner-environment` is the claim's value; events from outside the repository (a fork's
 * `pull_request_target`) need a `when.event`, and a pull request's ref is never the default branch;
 * a reusable workflow's grants are the callee's (`job_workflow_ref`) and `callers:` binds the caller
 * (`workflow_ref`); a repository is its id (renamed: the new name does not find the old manifest;
 * re-created under the old name: another id, refused).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const ID = 532301;
const MANIFEST = `version: 1
repository: { name: octo-org/cond, id: ${ID}, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch, pull_request, pull_request_target]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - { step: plain, audience: https://hooks.example.internal, scope: [notify:send], ttl: 60, uses: 100 }
          - step: branch
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
            uses: 100
            when: { ref: [refs/heads/release] }
          - step: tagged
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
            uses: 100
            when: { ref: [refs/tags/v*] }
          - step: hosted
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
            uses: 100
            when: { runner-environment: github-hosted }
          - step: prt
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
            uses: 100
            when: { event: [pull_request_target] }
      deploy:
        permissions: { contents: read, id-token: write }
        environments: [Production]
        credentials:
          - step: env
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
            uses: 100
            when: { environment: [production] }
  ci.yml:
    triggers: [push]
    jobs:
      build:
        permissions: { contents: read, id-token: write }
  lib.yml:
    callers: [ci.yml]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - { step: called, audience: https://hooks.example.internal, scope: [notify:send], ttl: 60, uses: 100 }
`;

describe('grant conditions against the claims, as docs/manifest.md says (s32)', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let run = 0;

  beforeAll(async () => {
    rig = await startRig({ cond: ID });
    rig.writeManifest('cond', MANIFEST);
    broker = await rig.spawn('s32-cond');
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  async function ask(job: string, step: string, claims: Record<string, unknown>) {
    const token = await rig.issuer.mint({
      repository: 'octo-org/cond',
      repository_id: String(ID),
      run_id: runIdOf(`s32-cond-${++run}`),
      ...claims,
    });
    const r = await broker.post('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'https://hooks.example.internal',
      job,
      step,
    });
    if (typeof r.body.access_token === 'string') rig.secrets.push(r.body.access_token);
    return r.status === 200 ? 'granted' : String(r.body.error_description ?? r.status).split(':')[0]!;
  }

  it('the rig: the plain step at the default branch is granted', async () => {
    expect(await ask('publish', 'plain', {})).toBe('granted');
  }, 60_000);

  it.each([
    ['refs/heads/release', {}, 'granted'],
    ['another case', { ref: 'refs/heads/Release' }, 'ERR_CONDITION_REF'],
    ['a trailing /', { ref: 'refs/heads/release/' }, 'ERR_CONDITION_REF'],
    ['the tag of the same name', { ref: 'refs/tags/release' }, 'ERR_CONDITION_REF'],
    ['ref_type tag beside the branch', { ref_type: 'tag' }, 'ERR_CONDITION_REF'],
    ['ref_type in other case beside the branch', { ref_type: ' TAG' }, 'ERR_CONDITION_REF'],
    [
      'the workflow run at another ref',
      { workflow_ref: 'octo-org/cond/.github/workflows/release.yml@refs/heads/main' },
      'ERR_WORKFLOW_REF_MISMATCH',
    ],
    ['refs/heads/release/x', { ref: 'refs/heads/release/x' }, 'ERR_CONDITION_REF'],
  ] as const)(
    'when.ref [refs/heads/release], %s: %s',
    async (_w, over, want) => {
      expect(await ask('publish', 'branch', { ref: 'refs/heads/release', ...over })).toBe(want);
    },
    60_000,
  );

  it.each([
    ['refs/tags/v1', 'granted'],
    ['refs/heads/v1', 'ERR_CONDITION_REF'],
    ['refs/tags/V1', 'ERR_CONDITION_REF'],
    ['refs/tags/v1/', 'ERR_CONDITION_REF'],
    ['refs/tags/v1.lock', 'ERR_CONDITION_REF'],
  ] as const)(
    'when.ref [refs/tags/v*], %s: %s',
    async (ref, want) => {
      expect(await ask('publish', 'tagged', { ref })).toBe(want);
    },
    60_000,
  );

  it.each([
    ['production', 'granted'],
    ['PRODUCTION', 'granted'],
    ['Production', 'granted'],
    ['production ', 'ERR_ENVIRONMENT_NOT_DECLARED'],
    ['ṗroduction', 'ERR_ENVIRONMENT_NOT_DECLARED'],
    ['staging', 'ERR_ENVIRONMENT_NOT_DECLARED'],
    [undefined, 'ERR_CLAIM_MISSING'],
  ] as const)(
    'environments [Production] and when.environment [production], %s: %s',
    async (env, want) => {
      expect(await ask('deploy', 'env', env === undefined ? {} : { environment: env })).toBe(want);
    },
    60_000,
  );

  it('an environment on a job that declares none is refused', async () => {
    expect(await ask('publish', 'plain', { environment: 'production' })).toBe('ERR_ENVIRONMENT_NOT_DECLARED');
  }, 60_000);

  it.each([
    ['github-hosted', 'granted'],
    ['self-hosted', 'ERR_CONDITION_RUNNER_ENVIRONMENT'],
    ['GitHub-Hosted', 'ERR_CONDITION_RUNNER_ENVIRONMENT'],
    ['', 'ERR_CLAIM_MISSING'],
  ] as const)(
    'when.runner-environment github-hosted, %s: %s',
    async (runner, want) => {
      expect(await ask('publish', 'hosted', { runner_environment: runner })).toBe(want);
    },
    60_000,
  );

  it.each([
    [
      "a fork's pull_request_target, no when.event",
      'plain',
      { event_name: 'pull_request_target', head_ref: 'attacker-branch', base_ref: 'main' },
      'ERR_CONDITION_EVENT',
    ],
    [
      "a fork's pull_request_target, named in when.event",
      'prt',
      { event_name: 'pull_request_target', head_ref: 'attacker-branch', base_ref: 'main' },
      'granted',
    ],
    [
      "a pull_request's merge ref",
      'plain',
      { event_name: 'pull_request', ref: 'refs/pull/7/merge', head_ref: 'feature', base_ref: 'main' },
      'ERR_CONDITION_REF',
    ],
    [
      'a pull_request whose base is the default branch',
      'prt',
      { event_name: 'pull_request', ref: 'refs/pull/7/merge', base_ref: 'main' },
      'ERR_CONDITION_REF',
    ],
  ] as const)(
    '%s: %s',
    async (_w, step, claims, want) => {
      expect(await ask('publish', step, claims)).toBe(want);
    },
    60_000,
  );

  it.each([
    ['called from a listed caller (ci.yml)', 'ci.yml', 'granted'],
    ['called from an unlisted caller (release.yml)', 'release.yml', 'ERR_CALLER_NOT_ALLOWED'],
  ] as const)(
    'a reusable workflow %s: %s',
    async (_w, caller, want) => {
      const got = await ask('publish', 'called', {
        workflow_ref: `octo-org/cond/.github/workflows/${caller}@refs/heads/main`,
        job_workflow_ref: 'octo-org/cond/.github/workflows/lib.yml@refs/heads/main',
      });
      expect(got).toBe(want);
    },
    60_000,
  );

  it("a caller's own file does not give the callee's grants: the grants are job_workflow_ref's", async () => {
    // ci.yml run as a plain workflow (job_workflow_ref = workflow_ref) has no step `called`.
    const got = await ask('publish', 'called', {
      workflow_ref: 'octo-org/cond/.github/workflows/ci.yml@refs/heads/main',
      job_workflow_ref: 'octo-org/cond/.github/workflows/ci.yml@refs/heads/main',
    });
    expect(got).toBe('ERR_NO_GRANT');
  }, 60_000);

  it.each([
    // The manifests are read by the token's repository name: the new name has none.
    ['renamed (same id, new name)', { repository: 'octo-org/cond-renamed' }, 'ERR_NO_MANIFEST'],
    ['re-created under the old name (another id)', { repository_id: '999991' }, 'ERR_REPOSITORY_ID_MISMATCH'],
  ] as const)(
    'a repository %s: %s',
    async (_w, over, want) => {
      const got = await ask('publish', 'plain', over);
      expect(got).toBe(want);
    },
    60_000,
  );
});
