import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { ManifestError, nearest } from '../../shared/manifest/errors.js';
import { loadManifest, loadOrgPolicy } from '../../shared/manifest/load.js';
import { SCOPE_NAMES } from '../../shared/permissions/scopes.js';

const FILE = '.github/access-manifest.yml';

function problems(text: string) {
  try {
    loadManifest(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as ManifestError).code).toBe('ERR_MANIFEST_INVALID');
    return (err as ManifestError).problems;
  }
  throw new Error('expected a ManifestError');
}

describe('loadManifest', () => {
  it('loads the example of the docs with defaults filled in', () => {
    const m = loadManifest(
      'version: 1\nworkflows:\n  deploy.yml:\n    jobs:\n      build:\n        permissions: { contents: read }\n        credentials:\n          - { step: publish, audience: github, permissions: { contents: write } }\n',
      FILE,
    );
    const job = m.manifest.workflows['deploy.yml']!.jobs['build']!;
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(job.credentials[0]).toMatchObject({ repositories: ['self'], ttl: 300, uses: 1 });
    expect(m.manifest.policy['require-pinned-actions']).toBe(true);
    expect(m.manifest.policy['repository-default-permissions']).toBe('permissive');
    expect(m.lineOf(['workflows', 'deploy.yml', 'jobs', 'build', 'permissions'])).toBe(6);
  });

  it('names the line, the unknown scope, the nearest valid scope and the choices', () => {
    const [p] = problems(
      'version: 1\nworkflows:\n  a.yml:\n    jobs:\n      b:\n        permissions:\n          content: read\n',
    );
    expect(p!.line).toBe(7);
    expect(p!.message).toMatch(/unknown scope 'content'.*did you mean 'contents'/);
    expect(p!.fix).toContain('pull-requests');
  });

  it('lists the levels a scope accepts for a bad level', () => {
    const [p] = problems('version: 1\ndefaults:\n  permissions:\n    models: write\n');
    expect(p!.line).toBe(4);
    expect(p!.fix).toMatch(/none, read/);
    expect(p!.fix).not.toMatch(/write/);
  });

  it('says the expected type', () => {
    const [p] = problems('version: 1\nworkflows:\n  a.yml:\n    triggers: push\n');
    expect(p!.message).toMatch(/must be a list/);
    expect(p!.line).toBe(4);
  });

  it('reports every problem at once, in line order', () => {
    const ps = problems('version: 2\nbogus: 1\npolicy:\n  require-pinned-actions: maybe\n');
    expect(ps.map((p) => p.line)).toEqual([1, 2, 4]);
  });

  it('validates a credential grant against the shape its audience selects', () => {
    const ps = problems(
      'version: 1\nworkflows:\n  a.yml:\n    jobs:\n      b:\n        credentials:\n          - step: s\n            audience: github\n            permissions: { workflow: write }\n            scope: [x]\n',
    );
    expect(ps.some((p) => /GitHub App permission 'workflow'.*'workflows'/.test(p.message))).toBe(true);
    expect(ps.some((p) => /unknown key 'scope'/.test(p.message))).toBe(true);
  });

  it('refuses GITHUB_TOKEN as a secret and duplicate grants', () => {
    const ps = problems(
      'version: 1\nworkflows:\n  a.yml:\n    jobs:\n      b:\n        secrets: [GITHUB_TOKEN]\n        credentials:\n          - { step: s, audience: github, permissions: {} }\n          - { step: s, audience: github, permissions: {} }\n',
    );
    expect(ps.map((p) => p.line)).toEqual([6, 9]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [p] = problems('version: 1\nworkflows: [\n');
    expect(p!.message).toMatch(/YAML syntax/);
  });

  it('round-trips random valid manifests (property)', () => {
    const level = fc.constantFrom('none', 'read', 'write');
    const perms = fc.dictionary(
      fc.constantFrom(
        ...SCOPE_NAMES.filter(
          (s) =>
            s !== 'models' && s !== 'id-token' && s !== 'copilot-requests' && s !== 'vulnerability-alerts',
        ),
      ),
      level,
    );
    const job = fc.record({
      permissions: perms,
      secrets: fc.array(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/), { maxLength: 3 }),
    });
    const doc = fc.record({
      version: fc.constant(1),
      workflows: fc.dictionary(
        fc.stringMatching(/^[a-z]{1,8}\.yml$/),
        fc.record({ jobs: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), job) }),
      ),
    });
    fc.assert(
      fc.property(doc, (d) => {
        const m = loadManifest(stringify(d), FILE);
        for (const [w, e] of Object.entries(d.workflows))
          for (const [j, v] of Object.entries(e.jobs))
            expect(m.manifest.workflows[w]!.jobs[j]!.permissions).toEqual(v.permissions);
      }),
      { numRuns: 100 },
    );
  });

  it('throws nothing but ManifestError on junk (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => stringify(v)),
        ),
        (text) => {
          try {
            loadManifest(text, FILE);
          } catch (err) {
            expect(err).toBeInstanceOf(ManifestError);
            for (const p of (err as ManifestError).problems) expect(p.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('loadOrgPolicy', () => {
  it('loads a ceiling and rejects an unknown scope with its line', () => {
    const org = loadOrgPolicy(
      'version: 1\nmax-permissions:\n  contents: read\nforbidden-triggers: [pull_request_target]\n',
      'org.yml',
    );
    expect(org.value['forbidden-triggers']).toEqual(['pull_request_target']);
    expect(() => loadOrgPolicy('version: 1\nmax-permissions:\n  contnets: read\n', 'org.yml')).toThrow(
      /org.yml:3: unknown scope 'contnets'.*'contents'/,
    );
  });
});

describe('nearest', () => {
  it('suggests only close names', () => {
    expect(nearest('pull-request', SCOPE_NAMES)).toBe('pull-requests');
    expect(nearest('zzzzzz', SCOPE_NAMES)).toBeUndefined();
  });
});
