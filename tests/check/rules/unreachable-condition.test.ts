import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'unreachable-condition';
const grant = (when = '') => `version: 1
repository: { id: 1, owner-id: 2 }
workflows:
  ci.yml:
    jobs:
      build:
        credentials:
          - step: up
            audience: github
            permissions: { contents: read }
${when}`;
const PR = { 'ci.yml': 'on: pull_request\njobs:\n  build:\n    runs-on: x\n    steps: []\n' };
const PUSH = { 'ci.yml': 'on: [push, pull_request]\njobs:\n  build:\n    runs-on: x\n    steps: []\n' };
const RELEASE = { 'ci.yml': 'on: release\njobs:\n  build:\n    runs-on: x\n    steps: []\n' };

describe(rule, () => {
  it('flags the default-branch default in a pull_request-only workflow, at the grant', () => {
    const fs = findingsOf(rule, PR, grant());
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['ref', 8]]);
    expect(fs[0]!.message).toMatch(/refs\/pull\/N\/merge.*Fix:/);
  });
  it('flags when.event matching none of the triggers', () => {
    const fs = findingsOf(rule, PUSH, grant('            when: { event: [workflow_dispatch] }\n'));
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['event', 11]]);
  });
  it('flags branch refs in a workflow that only runs on releases (tags)', () => {
    expect(
      findingsOf(rule, RELEASE, grant('            when: { ref: [refs/heads/main] }\n')).map(
        (f) => f.subject,
      ),
    ).toEqual(['ref']);
  });
  it('knows a push filtered to tags runs on tags only (the default branch default cannot match)', () => {
    const tags = {
      'ci.yml': "on:\n  push:\n    tags: ['v*']\njobs:\n  build:\n    runs-on: x\n    steps: []\n",
    };
    expect(findingsOf(rule, tags, grant()).map((f) => f.subject)).toEqual(['ref']);
    expect(findingsOf(rule, tags, grant('            when: { ref: [refs/tags/v*] }\n'))).toEqual([]);
  });
  it('is silent when a trigger can satisfy the conditions', () => {
    expect(findingsOf(rule, PUSH, grant())).toEqual([]);
    expect(findingsOf(rule, RELEASE, grant('            when: { ref: [refs/tags/v*] }\n'))).toEqual([]);
    expect(
      findingsOf(rule, PUSH, grant('            when: { event: [push], ref: [refs/heads/main] }\n')),
    ).toEqual([]);
  });
});
