import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'unused-grant';
const W = {
  'ci.yml':
    'on: push\njobs:\n  a:\n    permissions: { contents: read }\n    steps:\n      - id: s\n        run: echo ${{ secrets.USED }}\n    runs-on: ubuntu-latest\n',
};

describe(rule, () => {
  it('reports stale scopes, secrets, environments, steps, jobs and workflows', () => {
    const m =
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: write }\n        secrets: [USED, STALE]\n        environments: [prod]\n        credentials:\n          - { step: gone, audience: https://svc.example, scope: [x] }\n      ghost: {}\n  old.yml:\n    jobs: {}\n';
    const fs = findingsOf(rule, W, m);
    expect(fs.map((f) => f.subject).sort()).toEqual(
      ['STALE', 'contents', 'ghost', 'gone', 'old.yml', 'prod'].sort(),
    );
    expect(fs.every((f) => f.file === '.github/access-manifest.yml' && f.severity === 'warning')).toBe(true);
  });
  it('one finding per job for stale scopes, every scope in it, at the first one', () => {
    const m =
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions:\n          actions: read\n          contents: write\n          issues: write\n        secrets: [USED]\n';
    const fs = findingsOf(rule, W, m);
    expect(fs.map((f) => [f.subject, f.line, f.message])).toEqual([
      [
        'actions, contents, issues',
        7,
        "job 'a' is granted actions: read, contents: write, issues: write but holds actions: none, contents: read, issues: none",
      ],
    ]);
    // A word granting everything is one finding too, at the permissions line.
    const all = findingsOf(rule, W, m.replace(/permissions:\n(?: {10}.*\n)+/, 'permissions: write-all\n'));
    expect(all).toHaveLength(1);
    expect(all[0]!.line).toBe(6);
    expect(all[0]!.subject.split(', ')).toContain('id-token');
    expect(all[0]!.subject.split(', ')).toContain('contents');
  });
  it('is silent when the manifest matches the workflow exactly', () => {
    const m =
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        secrets: [USED]\n        credentials:\n          - { step: s, audience: https://svc.example, scope: [x] }\n';
    expect(findingsOf(rule, W, m)).toEqual([]);
  });
});
