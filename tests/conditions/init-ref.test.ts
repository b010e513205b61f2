import { describe, expect, it } from '@jest/globals';
import { initRefPatterns } from '../../shared/conditions/init-ref.js';
import { wf } from '../support/repo.js';

const on = (text: string) => wf('x.yml', `${text}\njobs:\n  a:\n    runs-on: x\n    steps: []\n`);

describe('init: when.ref from the workflow triggers', () => {
  it.each([
    ['on: push', ['refs/heads/main']],
    ['on:\n  push:\n    branches: [main, release/*]', ['refs/heads/main']],
    ["on:\n  push:\n    tags: ['v*']", ['refs/tags/v*']],
    ["on:\n  push:\n    tags: ['v*', '!v*-rc']\n  workflow_dispatch:", ['refs/tags/v*', 'refs/heads/main']],
    ["on:\n  push:\n    tags: ['releases/**']", ['refs/tags/releases/*']],
    ['on:\n  release:\n    types: [published]', ['refs/tags/*']],
    ['on: [pull_request, schedule]', ['refs/heads/main']],
    ['on: pull_request', ['refs/heads/main']],
  ])('%s -> %j', (text, want) => {
    expect(initRefPatterns(on(text))).toEqual(want);
  });
  it('uses the default branch it is given', () => {
    expect(initRefPatterns(on('on: workflow_dispatch'), 'trunk')).toEqual(['refs/heads/trunk']);
  });
});

describe('init: every emitted credential grant gets when.ref', () => {
  it('adds when.ref to grants without when, keeps an existing when', async () => {
    const { Document } = await import('yaml');
    const { addWhenRef } = await import('../../shared/conditions/init-ref.js');
    const doc = new Document({
      'release.yml': {
        jobs: {
          publish: {
            credentials: [
              { step: 'publish', audience: 'github', permissions: { contents: 'write' } },
              { step: 'notify', audience: 'https://x.example', when: { ref: ['refs/heads/dev'] } },
            ],
          },
        },
      },
    });
    const models = [
      wf('release.yml', "on:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: x\n    steps: []\n"),
    ];
    addWhenRef(doc.contents as import('yaml').YAMLMap, models);
    const out = doc.toJS() as Record<string, { jobs: { publish: { credentials: { when: unknown }[] } } }>;
    const grants = out['release.yml']!.jobs.publish.credentials;
    expect(grants[0]!.when).toEqual({ ref: ['refs/tags/v*'] });
    expect(grants[1]!.when).toEqual({ ref: ['refs/heads/dev'] });
    expect(doc.toString()).toContain('when: { ref: [ refs/tags/v* ] }');
  });
});

describe('init end to end: the manifest it writes for a tag-triggered release workflow', () => {
  it('writes when.ref from the tags on each credential grant, and the broker then refuses a branch run', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseWorkflow } = await import('../../shared/workflow/parse.js');
    const { resolveAccess } = await import('../../shared/workflow/access.js');
    const { renderInitManifest } = await import('../../shared/manifest/init.js');
    const { loadManifest } = await import('../../shared/manifest/load.js');
    const { decide } = await import('../../shared/broker/decide.js');
    const { githubClaims } = await import('../../shared/standins/oidc-issuer.js');
    const path = '.github/workflows/release.yml';
    const model = parseWorkflow('release.yml', path, readFileSync(`examples/clean-repo/${path}`, 'utf8'));
    const text = renderInitManifest(resolveAccess([model], 'permissive'), [model], {
      repositoryDefault: 'permissive',
      repository: { name: 'octo-org/octo-repo', id: 100001, ownerId: 200001 },
    });
    expect(text).toMatch(/step: publish\n(?:\s+.*\n)*?\s+when: \{ref: \[refs\/tags\/v\*\]\}/);
    const manifest = loadManifest(text, 'access-manifest.yml');
    const at = (ref: string) => () =>
      decide({
        claims: githubClaims('https://issuer', 'aud', {
          ref,
          environment: 'production',
          workflow_ref: `octo-org/octo-repo/${path}@${ref}`,
          job_workflow_ref: `octo-org/octo-repo/${path}@${ref}`,
        }) as never,
        request: { audience: 'github', scope: '', job: 'publish', step: 'publish' },
        manifest,
      });
    expect(at('refs/tags/v1.0.0')().kind).toBe('github');
    expect(at('refs/heads/main')).toThrow(
      /^ERR_CONDITION_REF: ref refs\/heads\/main is not one of refs\/tags\/v\*/,
    );
  });
});
