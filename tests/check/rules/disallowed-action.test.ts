import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'disallowed-action';
const W = {
  'ci.yml':
    'on: push\njobs:\n  a:\n    permissions: {}\n    steps:\n      - uses: actions/checkout@v4\n      - uses: evil/thing@v1\n',
};

describe(rule, () => {
  it('flags actions outside allowed-actions', () => {
    const fs = findingsOf(rule, W, 'version: 1\npolicy:\n  allowed-actions: ["actions/*"]\n');
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['evil/thing@v1', 7]]);
  });
  it('is off without an allow-list', () => {
    expect(findingsOf(rule, W, 'version: 1\n')).toEqual([]);
  });
  it('applies the org list too', () => {
    const fs = findingsOf(
      rule,
      W,
      'version: 1\npolicy:\n  allowed-actions: ["*/*"]\n',
      'version: 1\nallowed-actions: ["actions/*"]\n',
    );
    expect(fs.map((f) => f.subject)).toEqual(['evil/thing@v1']);
  });
  it('matches whole names: `actions/checkout` does not admit `actions/checkout-evil`', () => {
    const w = {
      'ci.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout-evil@v1\n      - uses: actions/checkout@v4\n      - uses: ./local\n      - uses: docker://alpine:3\n',
    };
    const m = 'version: 1\npolicy: { require-pinned-actions: false, allowed-actions: [actions/checkout] }\n';
    expect(findingsOf(rule, w, m).map((f) => [f.subject, f.line])).toEqual([['actions/checkout-evil@v1', 5]]);
  });
});
