/**
 * Session 24: a job beside a legitimate call of another repository's reusable workflow. With the
 * job's OIDC token the gate knows the job's file and judges it; without, GITHUB_JOB is ambiguous and
 * the job is refused (session 23). The refusal must name the call, its line and a fix that works on
 * the next run: `id-token: write` added to the workflow alone is refused there as an excess
 * permission unless the job's manifest entry declares it too, so the fix says both.
 */
import { describe, expect, it } from '@jest/globals';
import { enforceJob, UNKNOWN_JOB } from '../../shared/enforce/verdict.js';
import { manifest, wf, y } from '../support/repo.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const ci = (idToken: string) =>
  wf(
    'ci.yml',
    y`
      on: push
      jobs:
        build:
          permissions: { contents: read${idToken} }
          steps:
            - run: make
          runs-on: ubuntu-latest
        deploy:
          uses: octo-org/shared/.github/workflows/deploy.yml@${SHA}
    `,
  );
const M = (idToken: string) =>
  manifest(y`
    version: 1
    workflows:
      ci.yml:
        triggers: [push]
        jobs:
          build:
            permissions: { contents: read${idToken} }
          deploy:
            permissions: {}
  `);
const judge = (idToken: string, token: boolean) =>
  enforceJob({
    workflows: [ci(idToken)],
    manifest: M(idToken),
    workflow: 'ci.yml',
    job: 'build',
    event: 'push',
    repository: 'octo-org/octo-repo',
    readAt: { ref: 'refs/heads/main', sha: 'a'.repeat(40) },
    ...(token
      ? {
          jobWorkflow: {
            repository: 'octo-org/octo-repo',
            file: 'ci.yml',
            ref: 'refs/heads/main',
            sha: 'a'.repeat(40),
          },
        }
      : {}),
  });

describe('enforce: a job beside a remote reusable-workflow call', () => {
  it('without the token: unknown-job at the call, with a fix that names the workflow and the manifest entry', () => {
    const v = judge('', false);
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => [p.rule, p.line])).toEqual([[UNKNOWN_JOB, 9]]);
    const m = v.problems[0]!.message;
    expect(m).toContain(`octo-org/shared/.github/workflows/deploy.yml@${SHA}`);
    expect(m).toContain("give job 'build' `id-token: write` in ci.yml and in its manifest entry");
  });

  it('with the token (the fix applied): judged and allowed', () => {
    const v = judge(', id-token: write', true);
    expect(v.problems).toEqual([]);
    expect(v.allowed).toBe(true);
  });

  it('with the token but id-token: write in the workflow only: refused as an excess permission, as the fix says', () => {
    const v = enforceJob({
      workflows: [ci(', id-token: write')],
      manifest: M(''),
      workflow: 'ci.yml',
      job: 'build',
      event: 'push',
      repository: 'octo-org/octo-repo',
      readAt: { ref: 'refs/heads/main', sha: 'a'.repeat(40) },
      jobWorkflow: {
        repository: 'octo-org/octo-repo',
        file: 'ci.yml',
        ref: 'refs/heads/main',
        sha: 'a'.repeat(40),
      },
    });
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => p.rule)).toContain('excess-permission');
    expect(v.problems.find((p) => p.rule === 'excess-permission')!.message).toContain('id-token');
  });
});
