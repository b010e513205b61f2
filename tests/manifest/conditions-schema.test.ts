import { describe, expect, it } from '@jest/globals';
import { loadManifest, loadOrgPolicy } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';

const grant = (when: string, extra = '') => `version: 1
${extra}workflows:
  ci.yml:
    jobs:
      a:
        credentials:
          - step: s
            audience: github
            permissions: { contents: read }
            when: ${when}
`;
const problems = (text: string) => {
  try {
    loadManifest(text, 'm.yml');
    return [];
  } catch (err) {
    return (err as ManifestError).problems.map((p) => `${p.line}: ${p.message}`);
  }
};

describe('manifest schema: when, callers, trusted-workflows', () => {
  it('normalizes single values to lists', () => {
    const m = loadManifest(
      grant('{ ref: refs/heads/main, runner-environment: github-hosted, actor-id: 12345 }'),
      'm.yml',
    );
    expect(m.manifest.workflows['ci.yml']!.jobs.a!.credentials[0]!.when).toEqual({
      ref: ['refs/heads/main'],
      'runner-environment': ['github-hosted'],
      'actor-id': ['12345'],
    });
  });
  it.each([
    ['{ refs: [main] }', /unknown key 'refs'/],
    ['{ actor-id: [octocat] }', /actor-id/],
    ['{ runner-environment: laptop }', /runner-environment/],
    ['{ ref: [] }', /ref/],
    ['{ ref-protected: "yes" }', /ref-protected/],
    ['{ claims: { Bad-Name: x } }', /claims/],
    ['{ ref: ["refs/heads/a\\nb"] }', /ref/],
  ])('refuses when %s, at its line', (when, message) => {
    const ps = problems(grant(when));
    expect(ps.length).toBeGreaterThan(0);
    expect(ps.join('\n')).toMatch(message);
    expect(ps[0]).toMatch(/^10: /);
  });
  it.each([
    'octo-org/platform/.github/workflows/deploy.yml@refs/heads/main',
    `octo-org/platform/.github/workflows/deploy.yml@${'a'.repeat(40)}`,
    'octo-org/platform/.github/workflows/deploy.yaml@refs/tags/v1.2.3',
  ])('accepts trusted workflow %s', (t) => {
    expect(problems(grant('{}', `trusted-workflows: ['${t}']\n`))).toEqual([]);
  });
  it.each([
    'octo-org/platform/.github/workflows/deploy.yml',
    'octo-org/platform/.github/workflows/deploy.yml@main',
    'octo-org/platform/.github/workflows/deploy.yml@refs/heads/*',
    'octo-org/*/.github/workflows/deploy.yml@refs/heads/main',
    `octo-org/platform/.github/workflows/deploy.yml@${'a'.repeat(39)}`,
  ])('refuses an unpinned or glob trusted workflow %s', (t) => {
    expect(problems(grant('{}', `trusted-workflows: ['${t}']\n`)).join()).toMatch(/trusted-workflows/);
  });
  it('callers are FILE.yml or FILE.yml/JOB', () => {
    const wf = (c: string) => `version: 1\nworkflows:\n  b.yml:\n    callers: [${c}]\n`;
    expect(problems(wf('a.yml, c.yaml/build'))).toEqual([]);
    expect(problems(wf('a')).join()).toMatch(/callers/);
    expect(problems(wf('dir/a.yml/x')).join()).toMatch(/callers/);
  });
});

describe('org policy schema: consent rules', () => {
  it('takes the bare list (enforce) and the { mode, allow } form', () => {
    const p = loadOrgPolicy(
      'version: 1\nallow-cross-repository: [{ from: acme/app, to: [x] }]\nallow-organization-permissions: { mode: audit }\n',
      'org.yml',
    ).value;
    expect(p['allow-cross-repository']).toEqual({
      mode: 'enforce',
      allow: [{ from: 'acme/app', to: ['x'] }],
    });
    expect(p['allow-organization-permissions']).toEqual({ mode: 'audit', allow: [] });
    expect(p['repository-manifests']).toBe('grant');
  });
  it('refuses bad modes, cross-owner targets and unknown permissions', () => {
    for (const text of [
      'allow-cross-repository: { mode: off }',
      'allow-cross-repository: [{ from: acme/app, to: [other/x] }]',
      'allow-organization-permissions: [{ from: acme/app, permissions: { memberz: read } }]',
      'repository-manifests: widen',
    ])
      expect(() => loadOrgPolicy(`version: 1\n${text}\n`, 'org.yml')).toThrow();
  });
});
