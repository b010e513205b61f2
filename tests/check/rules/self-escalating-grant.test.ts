import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'self-escalating-grant';
const W = {
  'r.yml':
    'on: push\njobs:\n  a:\n    permissions: { contents: write }\n    steps:\n      - id: p\n        run: x\n',
};

describe(rule, () => {
  it('warns on contents: write for the job and contents/workflows: write credentials on self', () => {
    const m =
      'version: 1\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: write }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { workflows: write, issues: write }\n';
    const fs = findingsOf(rule, W, m);
    expect(fs.map((f) => [f.subject, f.line, f.severity])).toEqual([
      ['contents', 6, 'warning'],
      ['workflows', 10, 'warning'],
    ]);
    expect(fs[0]!.message).toMatch(/CODEOWNERS/);
  });
  it('is silent for grants on other repositories and read access', () => {
    const m =
      'version: 1\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { contents: write }\n            repositories: [other-repo]\n';
    expect(findingsOf(rule, { 'r.yml': W['r.yml'].replace('write', 'read') }, m)).toEqual([]);
  });
  it('warns on `defaults` granting contents: write to every unlisted job', () => {
    const fs = findingsOf(rule, W, 'version: 1\ndefaults:\n  permissions: { contents: write }\n');
    expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([['contents', 3, null]]);
    expect(fs[0]!.message).toMatch(/`defaults` grant contents: write/);
  });
  it('knows its own repository by name, not only as `self` (case-insensitive)', () => {
    const grant = (repos: string) =>
      `version: 1\nrepository: { name: Octo-Org/App }\nworkflows:\n  r.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { contents: write }\n            repositories: ${repos}\n`;
    const r = { 'r.yml': W['r.yml'].replace('write', 'read') };
    expect(findingsOf(rule, r, grant('[app]')).map((f) => f.subject)).toEqual(['contents']);
    expect(findingsOf(rule, r, grant('[octo-org/app]')).map((f) => f.subject)).toEqual(['contents']);
    expect(findingsOf(rule, r, grant('[app-infra]'))).toEqual([]);
  });
});
