/**
 * Who may claim a reusable workflow's grants (pure): the callee's `callers:` (FILE or FILE/JOB) or the
 * verified caller job's own `calls:`; and which caller job a called job's shown name belongs to.
 */
import { describe, expect, it } from '@jest/globals';
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { callerJobOf } from '../../shared/broker/job-identity.js';
import { callerJobNeeded } from '../../shared/conditions/callers.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish: {}
      ship:
        calls:
          deploy.yml: [deliver/upload]
      everything:
        calls:
          deploy.yml: [deliver]
  ci.yml:
    jobs: {}
  build.yml:
    callers: [release.yml/publish, ci.yml]
    jobs:
      compile:
        credentials:
          - { step: upload, audience: 'https://hooks.example.internal', scope: [a] }
  deploy.yml:
    jobs:
      deliver:
        credentials:
          - { step: upload, audience: 'https://hooks.example.internal', scope: [a] }
          - { step: other, audience: 'https://hooks.example.internal', scope: [a] }
`;
const manifest = loadManifest(MANIFEST, 'm.yml');
const ref = (file: string) => `octo-org/octo-repo/.github/workflows/${file}@refs/heads/main`;
const claims = (caller: string, callee: string) =>
  githubClaims('https://issuer', 'aud', {
    workflow_ref: ref(caller),
    job_workflow_ref: ref(callee),
  }) as unknown as GithubOidcClaims;

function outcome(
  caller: string,
  callee: string,
  job: string,
  step: string,
  callerJob?: string | { unverified: string },
): string {
  try {
    const d = decide({
      claims: claims(caller, callee),
      request: { audience: 'https://hooks.example.internal', scope: '', job, step },
      manifest,
      ...(callerJob ? { callerJob } : {}),
    });
    return `granted ${d.workflowRefs?.callerJob ?? '-'} ${d.workflowRefs?.allowedBy ?? '-'}`;
  } catch (err) {
    expect(err).toBeInstanceOf(BrokerRefusal);
    return (err as BrokerRefusal).message;
  }
}

describe('callers: FILE/JOB entries need the verified caller job', () => {
  it('grants the listed caller job, refuses another job and an unverified one, saying why and how to fix', () => {
    expect(outcome('release.yml', 'build.yml', 'compile', 'upload', 'publish')).toBe(
      'granted publish m.yml:17',
    );
    expect(outcome('release.yml', 'build.yml', 'compile', 'upload', 'other')).toMatch(
      /^ERR_CALLER_NOT_ALLOWED: reusable workflow build\.yml is called by release\.yml job 'other', which its callers list does not name/,
    );
    const unverified = outcome('release.yml', 'build.yml', 'compile', 'upload', {
      unverified: 'the token has no check_run_id',
    });
    expect(unverified).toMatch(/^ERR_CALLER_NOT_ALLOWED: /);
    expect(unverified).toMatch(
      /could not verify which job of release\.yml calls \(the token has no check_run_id\)/,
    );
    expect(unverified).toMatch(/Fix: let the broker verify jobs/);
    expect(outcome('release.yml', 'build.yml', 'compile', 'upload')).toMatch(/\(no job identity\)/);
    // A bare FILE entry admits every job of that file, verified or not.
    expect(outcome('ci.yml', 'build.yml', 'compile', 'upload')).toBe('granted - m.yml:17');
  });

  it('or the caller job declares the call in calls:, for the grants it lets through only', () => {
    expect(outcome('release.yml', 'deploy.yml', 'deliver', 'upload', 'ship')).toBe('granted ship m.yml:10');
    // Another grant of the callee: not let through by ship's JOB/STEP entry.
    expect(outcome('release.yml', 'deploy.yml', 'deliver', 'other', 'ship')).toMatch(
      /^ERR_CALLER_NOT_ALLOWED: .*job 'ship'.*calls: does not let deliver\/other through/,
    );
    // A JOB entry lets every grant of that callee job through.
    expect(outcome('release.yml', 'deploy.yml', 'deliver', 'other', 'everything')).toMatch(
      /^granted everything/,
    );
    // Another caller job of the same file that declares nothing.
    expect(outcome('release.yml', 'deploy.yml', 'deliver', 'upload', 'publish')).toMatch(
      /^ERR_CALLER_NOT_ALLOWED/,
    );
    // A declaration needs a verified caller job: anyone could otherwise claim ship's.
    expect(
      outcome('release.yml', 'deploy.yml', 'deliver', 'upload', {
        unverified: 'no GitHub App is configured',
      }),
    ).toMatch(/release\.yml job 'ship' calls:.*only a verified caller job.*\(no GitHub App is configured\)/);
    // Neither side: refused.
    expect(outcome('ci.yml', 'deploy.yml', 'deliver', 'upload', 'x')).toMatch(/\(no callers: listed\)/);
  });

  it('knows when the decision needs the caller job (and when a bare FILE already admits it)', () => {
    expect(callerJobNeeded(claims('release.yml', 'build.yml'), manifest.manifest)).toBe(true);
    expect(callerJobNeeded(claims('release.yml', 'deploy.yml'), manifest.manifest)).toBe(true);
    expect(callerJobNeeded(claims('ci.yml', 'build.yml'), manifest.manifest)).toBe(false);
    expect(callerJobNeeded(claims('release.yml', 'release.yml'), manifest.manifest)).toBe(false);
    expect(callerJobNeeded(claims('other.yml', 'build.yml'), manifest.manifest)).toBe(false);
  });

  it('the schema refuses malformed calls: entries', () => {
    for (const bad of [
      'calls: { deploy.yml: [] }',
      'calls: { "a/deploy.yml": [x] }',
      'calls: { deploy.yml: [a/b/c] }',
    ])
      expect(() =>
        loadManifest(`version: 1\nworkflows:\n  r.yml:\n    jobs:\n      j:\n        ${bad}\n`, 'm.yml'),
      ).toThrow(ManifestError);
  });
});

describe('the caller job of a called job, from its shown name and the caller file', () => {
  const jobs = [
    { id: 'publish', uses: './.github/workflows/build.yml' },
    { id: 'other', uses: './.github/workflows/build.yml' },
    {
      id: 'named',
      name: 'Ship ${{ matrix.os }}',
      uses: 'octo-org/octo-repo/.github/workflows/build.yml@main',
    },
    // Another repository's build.yml is not the callee.
    { id: 'foreign', uses: 'other-org/tools/.github/workflows/build.yml@v1' },
    { id: 'plain', name: 'plain' },
    { id: 'deploy', uses: './.github/workflows/deploy.yml' },
    { id: 'outer', uses: './.github/workflows/mid.yml' },
  ];
  it.each([
    ['publish / compile', { job: 'publish' }],
    ['publish (linux, 20) / compile', { job: 'publish' }],
    ['other / compile', { job: 'other' }],
    ['Ship ubuntu / compile', { job: 'named' }],
    ['Ship ubuntu (x) / compile', { job: 'named' }],
    // Deeper calls: the first segments are the caller job.
    ['outer / inner / compile', { job: 'outer' }],
  ])('%s -> %j', (shown, want) => {
    expect(callerJobOf(shown, 'build.yml', jobs, 'octo-org/octo-repo')).toEqual(want);
  });
  it.each([
    ['compile', /is not '<caller job> \/ <called job>'/],
    ['publish-evil / compile', /no job of the caller workflow/],
    // plain calls no reusable workflow; deploy calls another one
    ['plain / compile', /no job of the caller workflow/],
    ['deploy / compile', /no job of the caller workflow/],
    ['Ship a/b / compile', /no job of the caller workflow/],
    ['foreign / compile', /no job of the caller workflow/],
  ])('%s is not verified', (shown, why) => {
    const r = callerJobOf(shown, 'build.yml', jobs, 'octo-org/octo-repo');
    expect('unverified' in r && r.unverified).toMatch(why);
  });
  it("refuses a name that fits two caller jobs (one job's name: spelling another's id)", () => {
    const spoof = [...jobs, { id: 'spoof', name: 'publish', uses: './.github/workflows/build.yml' }];
    const r = callerJobOf('publish / compile', 'build.yml', spoof, 'octo-org/octo-repo');
    expect('unverified' in r && r.unverified).toMatch(/fits several caller jobs \(publish, spoof\)/);
  });
});
