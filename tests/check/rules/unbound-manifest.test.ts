import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'unbound-manifest';
const W = { 'ci.yml': 'on: push\njobs:\n  build:\n    runs-on: x\n    steps: []\n' };
const grants = `workflows:
  ci.yml:
    jobs:
      build:
        credentials:
          - { step: a, audience: github, permissions: { contents: read } }
          - { step: b, audience: github, permissions: { contents: read } }
`;

describe(rule, () => {
  it('flags credential grants without repository ids, once per repository', () => {
    const fs = findingsOf(rule, W, `version: 1\n${grants}`);
    expect(fs.map((f) => f.line)).toEqual([7]);
    expect(fs[0]!.message).toMatch(/repository\.id and repository\.owner-id.*ERR_MANIFEST_UNBOUND.*Fix:/);
    const partial = findingsOf(rule, W, `version: 1\nrepository: { id: 5 }\n${grants}`);
    expect(partial.map((f) => [f.line, /no repository\.owner-id:/.test(f.message)])).toEqual([[2, true]]);
  });
  it('is silent with both ids, or without credential grants', () => {
    expect(findingsOf(rule, W, `version: 1\nrepository: { id: 5, owner-id: 6 }\n${grants}`)).toEqual([]);
    expect(findingsOf(rule, W, 'version: 1\n')).toEqual([]);
  });
});
