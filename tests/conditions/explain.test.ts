import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sw-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MANIFEST = `version: 1
repository: { id: 100001, owner-id: 200001, default-branch: trunk }
workflows:
  release.yml:
    jobs:
      publish:
        environments: [production]
        credentials:
          - step: release
            audience: github
            permissions: { contents: write }
            when:
              environment: [production]
              ref-protected: true
`;

async function explain(claims: Record<string, unknown>) {
  const m = join(dir, 'm.yml');
  const c = join(dir, 'c.json');
  writeFileSync(m, MANIFEST);
  writeFileSync(c, JSON.stringify(githubClaims('https://issuer', 'aud', claims)));
  return cli([
    'explain',
    '--manifest',
    m,
    '--claims',
    c,
    '--audience',
    'github',
    '--job',
    'publish',
    '--step',
    'release',
  ]);
}

describe('stepwarden explain: every condition with its verdict', () => {
  it('lists each condition when granted, the default branch from the manifest', async () => {
    const r = await explain({ ref: 'refs/heads/trunk', environment: 'production' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /conditions:\n {2}ok {3}ref \[default\] ref refs\/heads\/trunk is the default branch/,
    );
    expect(r.stdout).toMatch(/ok {3}environments \[job\]/);
    expect(r.stdout).toMatch(
      /ok {3}environment \[grant\] environment production matches production \(.*m\.yml:13\)/,
    );
    expect(r.stdout).toMatch(/ok {3}ref-protected \[grant\] ref_protected is true/);
    expect(r.stdout).toMatch(/would be granted/);
  });
  it('lists the failing ones too, and the refusal with its code', async () => {
    const r = await explain({
      ref: 'refs/heads/attacker',
      environment: 'production',
      ref_protected: 'false',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAIL ref \[default\] ref refs\/heads\/attacker is not one of refs\/heads\/trunk/,
    );
    expect(r.stdout).toMatch(/FAIL ref-protected \[grant\] ref_protected is false, not true/);
    expect(r.stdout).toMatch(/would be refused: invalid_grant ERR_CONDITION_REF: ref refs\/heads\/attacker/);
  });
});

describe('stepwarden explain: job-bound callers of a reusable workflow', () => {
  const M = `version: 1
repository: { id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs: {}
  build.yml:
    callers: [release.yml/publish]
    jobs:
      compile:
        credentials:
          - { step: upload, audience: github, permissions: { contents: read } }
`;
  const run = async (extra: string[]) => {
    const m = join(dir, 'callers.yml');
    const c = join(dir, 'callers.json');
    writeFileSync(m, M);
    const ref = (f: string) => `octo-org/octo-repo/.github/workflows/${f}@refs/heads/main`;
    writeFileSync(
      c,
      JSON.stringify(
        githubClaims('https://issuer', 'aud', {
          workflow_ref: ref('release.yml'),
          job_workflow_ref: ref('build.yml'),
        }),
      ),
    );
    return cli([
      'explain',
      '--manifest',
      m,
      '--claims',
      c,
      '--audience',
      'github',
      '--job',
      'compile',
      '--step',
      'upload',
      ...extra,
    ]);
  };
  it('refuses without --caller-job, saying why; answers for the caller job it is given', async () => {
    const none = await run([]);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/ERR_CALLER_NOT_ALLOWED: .*explain cannot verify it; pass --caller-job JOB/);
    expect((await run(['--caller-job', 'publish'])).code).toBe(0);
    const other = await run(['--caller-job', 'other']);
    expect(other.stdout).toMatch(/ERR_CALLER_NOT_ALLOWED: .*release\.yml job 'other'/);
  });
});
