import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'self-escalating-grant';
const W = {
  'r.yml':
    'on: push\njobs:\n  a:\n    permissions: { contents: write }\n    steps:\n      - id: p\n        run: x\n    runs-on: ubuntu-latest\n',
};

describe(rule, () => {
  it('warns on contents: write for the job and contents/workflows: write credentials on self', () => {
    const m =
      'version: 1\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: write }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { workflows: write, issues: write }\n';
    const fs = findingsOf(rule, W, m);
    // Once per repository, naming every grant, at the first one's line.
    expect(fs.map((f) => [f.subject, f.line, f.severity, f.job])).toEqual([
      ['repository', 6, 'warning', 'a'],
    ]);
    expect(fs[0]!.message).toMatch(
      /^2 grants .*r\.yml job 'a' \(contents: write\) at line 6; r\.yml job 'a' credential for step 'p' \(workflows: write\) at line 10; .*CODEOWNERS/,
    );
  });
  it('warns on an administration: write credential on self, which can remove the branch protection it relies on', () => {
    const m =
      'version: 1\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { administration: write }\n';
    const fs = findingsOf(rule, { 'r.yml': W['r.yml'].replace('write', 'read') }, m);
    expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([['repository', 10, 'a']]);
    expect(fs[0]!.message).toMatch(
      /^1 grant .*credential for step 'p' \(administration: write\) at line 10;/,
    );
    // Read access to the settings cannot change them.
    expect(
      findingsOf(
        rule,
        { 'r.yml': W['r.yml'].replace('write', 'read') },
        m.replace('administration: write', 'administration: read'),
      ),
    ).toEqual([]);
  });
  it.each([
    ['organization-administration', 'write', '[other-repo]'],
    ['members', 'write', '[other-repo]'],
    ['organization-custom-roles', 'write', '[self]'],
    ['organization-custom-org-roles', 'write', '[self]'],
    ['organization-custom-properties', 'admin', '[other-repo]'],
    ['organization-personal-access-token-requests', 'write', '[self]'],
    ['repository-custom-properties', 'write', '[self]'],
  ])(
    'warns on %s: %s (repositories %s), which changes who may do what, including the protection it relies on',
    (scope, level, repos) => {
      // Organization scopes act on the installation's owner whatever `repositories:` lists (session 25).
      const m = `version: 1\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { ${scope}: ${level} }\n            repositories: ${repos}\n`;
      const r = { 'r.yml': W['r.yml'].replace('write', 'read') };
      const fs = findingsOf(rule, r, m);
      expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([['repository', 10, 'a']]);
      expect(fs[0]!.message).toContain(`credential for step 'p' (${scope}: ${level}) at line 10;`);
      expect(findingsOf(rule, r, m.replace(`${scope}: ${level}`, `${scope}: read`))).toEqual([]);
    },
  );
  it('a repository scope on another repository only (repository-custom-properties) is silent', () => {
    const m =
      'version: 1\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { repository-custom-properties: write }\n            repositories: [other-repo]\n';
    expect(findingsOf(rule, { 'r.yml': W['r.yml'].replace('write', 'read') }, m)).toEqual([]);
  });
  it('is silent for grants on other repositories and read access', () => {
    const m =
      'version: 1\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { contents: write }\n            repositories: [other-repo]\n';
    expect(findingsOf(rule, { 'r.yml': W['r.yml'].replace('write', 'read') }, m)).toEqual([]);
  });
  it('warns on `defaults` granting contents: write to every unlisted job', () => {
    const fs = findingsOf(rule, W, 'version: 1\ndefaults:\n  permissions: { contents: write }\n');
    expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([['repository', 3, null]]);
    expect(fs[0]!.message).toMatch(/`defaults` \(contents: write, every job not listed\)/);
  });
  it('knows its own repository by name, not only as `self` (case-insensitive)', () => {
    const grant = (repos: string) =>
      `version: 1\nrepository: { name: Octo-Org/App }\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { contents: write }\n            repositories: ${repos}\n`;
    const r = { 'r.yml': W['r.yml'].replace('write', 'read') };
    expect(findingsOf(rule, r, grant('[app]')).map((f) => f.line)).toEqual([11]);
    expect(findingsOf(rule, r, grant('[octo-org/app]')).map((f) => f.line)).toEqual([11]);
    expect(findingsOf(rule, r, grant('[app-infra]'))).toEqual([]);
  });
  it('gives one warning for a repository of many writing jobs (no flood), naming ten and counting the rest', () => {
    const jobs = Array.from(
      { length: 38 },
      (_, i) =>
        `  j${i}:\n    permissions: { contents: write }\n    steps: [{ run: x }]\n    runs-on: ubuntu-latest\n`,
    );
    const mjobs = Array.from(
      { length: 38 },
      (_, i) => `      j${i}:\n        permissions: { contents: write }\n`,
    );
    const fs = findingsOf(
      rule,
      { 'r.yml': `on: push\njobs:\n${jobs.join('')}` },
      `version: 1\nworkflows:\n  r.yml:\n    jobs:\n${mjobs.join('')}`,
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(/^38 grants .* and 28 more;/);
    expect(fs[0]!.message.match(/ at line /g)).toHaveLength(10);
  });
});
