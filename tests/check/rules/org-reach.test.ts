import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'org-reach';
const W = { 'ci.yml': 'on: push\njobs:\n  build:\n    runs-on: x\n    steps: []\n' };
const M = `version: 1
repository: { name: acme/app, id: 1, owner-id: 2 }
workflows:
  ci.yml:
    jobs:
      build:
        credentials:
          - step: up
            audience: github
            permissions: { contents: read, members: read }
            repositories: [self, crown-jewels]
`;

describe(rule, () => {
  it('flags other repositories and organization permissions without consent, at their lines', () => {
    const fs = findingsOf(rule, W, M, 'version: 1\n');
    expect(fs.map((f) => [f.subject, f.line, f.severity])).toEqual([
      ['members:read', 10, 'error'],
      ['crown-jewels', 11, 'error'],
    ]);
  });
  it('is silent when the organization policy allows both for this repository', () => {
    const org = `version: 1
allow-cross-repository: [{ from: acme/app, to: [crown-jewels] }]
allow-organization-permissions: [{ from: 'acme/*', permissions: { members: read } }]
`;
    expect(findingsOf(rule, W, M, org)).toEqual([]);
  });
  it('consent for another repository does not count', () => {
    const org = 'version: 1\nallow-cross-repository: [{ from: acme/other, to: [crown-jewels] }]\n';
    expect(findingsOf(rule, W, M, org).map((f) => f.subject)).toContain('crown-jewels');
  });
  it('a rule in mode: audit reports a warning instead of an error', () => {
    const org = 'version: 1\nallow-cross-repository: { mode: audit, allow: [] }\n';
    const fs = findingsOf(rule, W, M, org);
    expect(fs.find((f) => f.subject === 'crown-jewels')?.severity).toBe('warning');
    expect(fs.find((f) => f.subject === 'members:read')?.severity).toBe('error');
  });
  it('under narrow-only, flags a grant the organization policy does not make', () => {
    const org = `version: 1
repository-manifests: narrow-only
allow-cross-repository: [{ from: acme/app, to: [crown-jewels] }]
allow-organization-permissions: [{ from: acme/app, permissions: { members: read } }]
`;
    expect(findingsOf(rule, W, M, org).map((f) => [f.subject, f.line])).toEqual([['up', 8]]);
  });
});
