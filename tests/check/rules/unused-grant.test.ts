import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'unused-grant';
const W = {
  'ci.yml':
    'on: push\njobs:\n  a:\n    permissions: { contents: read }\n    steps:\n      - id: s\n        run: echo ${{ secrets.USED }}\n',
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
  it('is silent when the manifest matches the workflow exactly', () => {
    const m =
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n        secrets: [USED]\n        credentials:\n          - { step: s, audience: https://svc.example, scope: [x] }\n';
    expect(findingsOf(rule, W, m)).toEqual([]);
  });
});
