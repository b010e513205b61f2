import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'disallowed-trigger';
const W = {
  'pr.yml':
    'on:\n  pull_request_target:\n  push:\njobs:\n  a:\n    permissions: {}\n    steps: []\n    runs-on: ubuntu-latest\n',
};

describe(rule, () => {
  it('requires pull_request_target and workflow_run to be listed', () => {
    const fs = findingsOf(rule, W, 'version: 1\n');
    expect(fs.map((f) => [f.subject, f.line, f.job])).toEqual([['pull_request_target', 2, null]]);
  });
  it('allows exactly the listed events when triggers is set', () => {
    expect(
      findingsOf(rule, W, 'version: 1\nworkflows:\n  pr.yml:\n    triggers: [pull_request_target, push]\n'),
    ).toEqual([]);
    const fs = findingsOf(
      rule,
      W,
      'version: 1\nworkflows:\n  pr.yml:\n    triggers: [pull_request_target]\n',
    );
    expect(fs.map((f) => f.subject)).toEqual(['push']);
  });
  it('refuses events the organization forbids, even when listed', () => {
    const fs = findingsOf(
      rule,
      W,
      'version: 1\nworkflows:\n  pr.yml:\n    triggers: [pull_request_target, push]\n',
      'version: 1\nforbidden-triggers: [pull_request_target]\n',
    );
    expect(fs[0]!.message).toMatch(/organization policy forbids/);
  });
});
