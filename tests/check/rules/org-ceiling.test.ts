import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'org-ceiling';
const W = {
  'r.yml':
    'on: push\njobs:\n  a:\n    permissions: { contents: write }\n    steps:\n      - id: p\n        run: x\n    runs-on: ubuntu-latest\n',
};
const M =
  'version: 1\nworkflows:\n  r.yml:\n    triggers: [push, pull_request_target]\n    jobs:\n      a:\n        permissions: { contents: write }\n        credentials:\n          - step: p\n            audience: github\n            permissions: { administration: write }\n            ttl: 900\n';

describe(rule, () => {
  it('flags every grant above the ceiling at its manifest line', () => {
    const org =
      'version: 1\nmax-permissions: { contents: read }\nmax-credential-permissions: { contents: write }\nmax-credential-ttl: 600\nforbidden-triggers: [pull_request_target]\n';
    const fs = findingsOf(rule, W, M, org);
    expect(fs.map((f) => [f.subject, f.line]).sort()).toEqual(
      [
        ['administration', 11],
        ['contents', 7],
        ['pull_request_target', 4],
        ['ttl', 12],
      ].sort(),
    );
  });
  it('is silent under a ceiling that covers the manifest, and without an org policy', () => {
    const org =
      'version: 1\nmax-permissions: { contents: write }\nmax-credential-permissions: { administration: write }\nmax-credential-ttl: 900\n';
    expect(findingsOf(rule, W, M, org)).toEqual([]);
    expect(findingsOf(rule, W, M)).toEqual([]);
  });
});
