/**
 * Session 19: `callers: [FILE/JOB]` and a caller job's `calls:` admit a reusable workflow's credential
 * step only once the broker has verified the calling job (the token's check_run_id read through the
 * Jobs API by a GitHub App with `actions: read`). credential-step judges with the job as verified;
 * without that the broker refuses every run (ERR_CALLER_NOT_ALLOWED), and the check must say so.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const caller = y`
  on: push
  permissions: { contents: read, id-token: write }
  jobs:
    build:
      uses: ./.github/workflows/deploy.yml
`;
const callee = y`
  on: workflow_call
  jobs:
    release:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github, scope: "contents:read" }
`;
const manifest = (callers: string, callerJob = '') => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    ci.yml:
      jobs:
        build:
          permissions: { contents: read, id-token: write }
          ${callerJob}
    deploy.yml:
      ${callers}
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - { step: publish, audience: github, permissions: { contents: read }, repositories: [self] }
`;
const wfs = { 'ci.yml': caller, 'deploy.yml': callee };
const found = (m: string) => findingsOf('caller-job-verification', wfs, m);

describe('caller-job-verification (session 19)', () => {
  it('callers: [FILE/JOB] alone: a warning at the step naming check_run_id, actions: read and the entry', () => {
    const f = found(manifest('callers: [ci.yml/build]'));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', workflow: 'deploy.yml', job: 'release', line: 7 });
    expect(f[0]!.message).toMatch(/check_run_id/);
    expect(f[0]!.message).toMatch(/actions: read/);
    expect(f[0]!.message).toMatch(/ERR_CALLER_NOT_ALLOWED/);
    expect(f[0]!.message).toMatch(/\.github\/access-manifest\.yml:\d+/);
    expect(f[0]!.message).toMatch(/ci\.yml job 'build'/);
  });

  it("a caller job's calls: alone: the same warning", () => {
    const f = found(manifest('', 'calls: { deploy.yml: [release] }'));
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/calls:/);
  });

  it('a bare callers: [FILE] admits without job identity: quiet', () => {
    expect(found(manifest('callers: [ci.yml, ci.yml/build]'))).toEqual([]);
    expect(found(manifest('callers: [ci.yml]'))).toEqual([]);
  });

  it('a step refused anyway is credential-step alone, not this warning too', () => {
    expect(found(manifest('callers: [ci.yml/other]'))).toEqual([]);
    expect(findingsOf('credential-step', wfs, manifest('callers: [ci.yml/other]'))).toHaveLength(1);
  });
});
