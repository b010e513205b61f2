/**
 * Session 23: the gate judges the file named by the job's token (`job_workflow_ref`) only when the
 * token says that file ran at the commit the gate read. A workflow may call a file of its own
 * repository by full reference at another branch (`octo-org/octo-repo/.github/workflows/ci.yml@evil`,
 * itself included): its jobs run under the same file name, so the name alone made the gate judge the
 * clean job at the run's commit while the other branch's job ran.
 */
import { describe, expect, it } from '@jest/globals';
import { enforceJob, UNKNOWN_JOB } from '../../shared/enforce/verdict.js';
import { manifest, wf, y } from '../support/repo.js';

const RUN_SHA = 'a'.repeat(40);
const EVIL_SHA = 'b'.repeat(40);

// The run's commit: a clean `build` the manifest allows, and a call of this very file on another
// branch, whose `build` (not readable here) holds what the caller job grants it.
const ci = wf(
  'ci.yml',
  y`
    on: [push, workflow_call]
    jobs:
      build:
        permissions: { contents: read }
        steps:
          - run: make
        runs-on: ubuntu-latest
      again:
        permissions: write-all
        uses: octo-org/octo-repo/.github/workflows/ci.yml@evil
        secrets: inherit
      local:
        uses: ./.github/workflows/lib.yml
  `,
);
const lib = wf(
  'lib.yml',
  y`
    on: workflow_call
    jobs:
      publish:
        permissions: { contents: read }
        steps:
          - run: make
        runs-on: ubuntu-latest
  `,
);
const M = manifest(y`
  version: 1
  workflows:
    ci.yml:
      triggers: [push]
      jobs:
        build:
          permissions: { contents: read }
    lib.yml:
      jobs:
        publish:
          permissions: { contents: read }
`);

const judge = (
  job: string,
  file: string,
  ref: string,
  sha?: string,
  readAt?: { ref: string; sha?: string },
) =>
  enforceJob({
    workflows: [ci, lib],
    manifest: M,
    workflow: 'ci.yml',
    job,
    event: 'push',
    repository: 'octo-org/octo-repo',
    jobWorkflow: { repository: 'octo-org/octo-repo', file, ref, ...(sha ? { sha } : {}) },
    ...(readAt ? { readAt } : {}),
  });
const AT = { ref: 'refs/heads/feature', sha: RUN_SHA };

describe('enforce: the job runs at the commit the gate read', () => {
  it('refuses the running file called by full reference at another commit', () => {
    const v = judge('build', 'ci.yml', 'refs/heads/evil', EVIL_SHA, AT);
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => p.rule)).toEqual([UNKNOWN_JOB]);
    expect(v.problems[0]!.message).toContain(`at ${EVIL_SHA} (job_workflow_sha), not ${RUN_SHA}`);
    expect(v.problems[0]!.message).toContain('call it as ./.github/workflows/ci.yml');
  });

  it('refuses by ref when the token has no job_workflow_sha', () => {
    const v = judge('build', 'ci.yml', 'refs/heads/evil', undefined, AT);
    expect(v.allowed).toBe(false);
    expect(v.problems[0]!.message).toContain('at refs/heads/evil (job_workflow_ref), not refs/heads/feature');
  });

  it('refuses a local callee name reached at another commit', () => {
    const v = judge('publish', 'lib.yml', 'refs/heads/evil', EVIL_SHA, AT);
    expect(v.problems.map((p) => p.rule)).toEqual([UNKNOWN_JOB]);
  });

  it('refuses when the gate was not told where it read (fail closed)', () => {
    expect(judge('build', 'ci.yml', 'refs/heads/feature', RUN_SHA).allowed).toBe(false);
  });

  it('holds: the running job and a local callee at the run commit are judged (sha first, then ref)', () => {
    expect(judge('build', 'ci.yml', 'refs/heads/feature', RUN_SHA, AT).allowed).toBe(true);
    expect(judge('publish', 'lib.yml', 'refs/heads/feature', RUN_SHA, AT).allowed).toBe(true);
    // Same commit under another ref spelling (a full reference by the run's own sha): the same file.
    expect(judge('build', 'ci.yml', RUN_SHA, RUN_SHA, AT).allowed).toBe(true);
    expect(judge('build', 'ci.yml', 'refs/heads/feature', undefined, AT).allowed).toBe(true);
    expect(
      judge('build', 'ci.yml', 'refs/heads/feature', undefined, { ref: 'refs/heads/feature' }).allowed,
    ).toBe(true);
  });
});

describe('enforce without the job token: any call of a workflow not read makes GITHUB_JOB ambiguous', () => {
  const spellings = [
    'octo-org/shared/.github//workflows/deploy.yml@v1',
    'octo-org//shared/.github/workflows/deploy.yml@v1',
    'octo-org/shared/.github/workflows/./deploy.yml@v1',
    'octo-org/shared/.github/workflows//deploy.yml@v1',
    // Local to GitHub's reader (path `/.github/workflows/lib.yml`), not a file the gate read.
    './/.github/workflows/lib.yml',
  ];
  it.each(spellings)('refuses the job as unknown beside `uses: %s`', (uses) => {
    const caller = wf(
      'ci.yml',
      y`
        on: push
        jobs:
          build:
            permissions: { contents: read }
            steps:
              - run: make
            runs-on: ubuntu-latest
          deploy:
            uses: ${uses}
      `,
    );
    const v = enforceJob({
      workflows: [caller],
      manifest: M,
      workflow: 'ci.yml',
      job: 'build',
      event: 'push',
    });
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => p.rule)).toEqual([UNKNOWN_JOB]);
    expect(v.problems[0]!.line).toBe(9);
  });
});
