/**
 * Session 17: a reusable workflow's credential step is judged as the broker judges the run: the
 * caller is the outermost workflow of the run (`workflow_ref`), and the calling job is known (the
 * broker verifies it through check_run_id; the check reads it from the caller's `uses:`), so
 * `callers: [FILE/JOB]` and a caller job's `calls:` admit it here as there.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const caller = (callee = 'deploy.yml') => y`
  on: push
  permissions: { contents: read, id-token: write }
  jobs:
    build:
      uses: ./.github/workflows/${callee}
`;
const middle = y`
  on: workflow_call
  permissions: { contents: read, id-token: write }
  jobs:
    hop:
      uses: ./.github/workflows/deploy.yml
`;
const callee = (scope: string) => y`
  on: workflow_call
  jobs:
    release:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github, scope: "${scope}" }
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

const found = (workflows: Record<string, string>, m: string) =>
  findingsOf('credential-step', workflows, m).map((f) => f.message);

describe('credential-step in reusable workflows (session 17)', () => {
  it('callers: [FILE/JOB] names the calling job: a scope above the grant is reported, within it passes', () => {
    const m = manifest('callers: [ci.yml/build]');
    expect(found({ 'ci.yml': caller(), 'deploy.yml': callee('contents:write') }, m)).toEqual([
      expect.stringContaining('ERR_SCOPE_NOT_GRANTED'),
    ]);
    expect(found({ 'ci.yml': caller(), 'deploy.yml': callee('contents:read') }, m)).toEqual([]);
  });

  it("the caller job's calls: admits the grant: judged like callers:", () => {
    const m = manifest('', 'calls: { deploy.yml: [release/publish] }');
    expect(found({ 'ci.yml': caller(), 'deploy.yml': callee('contents:write') }, m)).toEqual([
      expect.stringContaining('ERR_SCOPE_NOT_GRANTED'),
    ]);
    expect(found({ 'ci.yml': caller(), 'deploy.yml': callee('contents:read') }, m)).toEqual([]);
  });

  it('a caller no callers: entry admits is refused on every run: reported', () => {
    expect(
      found({ 'ci.yml': caller(), 'deploy.yml': callee('contents:read') }, manifest('callers: [other.yml]')),
    ).toEqual([expect.stringContaining('ERR_CALLER_NOT_ALLOWED')]);
    expect(
      found(
        { 'ci.yml': caller(), 'deploy.yml': callee('contents:read') },
        manifest('callers: [ci.yml/test]'),
      ),
    ).toEqual([expect.stringContaining('ERR_CALLER_NOT_ALLOWED')]);
  });

  it('nested calls: the caller is the outermost workflow (workflow_ref), not the one in between', () => {
    const workflows = {
      'ci.yml': caller('mid.yml'),
      'mid.yml': middle,
      'deploy.yml': callee('contents:read'),
    };
    expect(found(workflows, manifest('callers: [ci.yml]'))).toEqual([]);
    expect(found(workflows, manifest('callers: [mid.yml]'))).toEqual([
      expect.stringContaining('ERR_CALLER_NOT_ALLOWED'),
    ]);
    expect(
      found({ ...workflows, 'deploy.yml': callee('contents:write') }, manifest('callers: [ci.yml]')),
    ).toEqual([expect.stringContaining('ERR_SCOPE_NOT_GRANTED')]);
  });
});

describe('a reusable workflow with several callers (session 17)', () => {
  it('a caller its callers: does not admit is reported by name, though another caller is admitted', () => {
    const nightly = caller().replace('on: push', 'on: schedule');
    const workflows = { 'ci.yml': caller(), 'nightly.yml': nightly, 'deploy.yml': callee('contents:read') };
    expect(found(workflows, manifest('callers: [ci.yml, nightly.yml]'))).toEqual([]);
    expect(found(workflows, manifest('callers: [ci.yml]'))).toEqual([
      expect.stringMatching(
        /called from nightly\.yml job 'build', the broker refuses it: ERR_CALLER_NOT_ALLOWED/,
      ),
    ]);
  });
});
