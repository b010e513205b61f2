import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'undeclared-environment';
const W = {
  'cd.yml':
    'on: push\njobs:\n  deploy:\n    permissions: {}\n    environment:\n      name: production\n    steps: []\n    runs-on: ubuntu-latest\n',
};

describe(rule, () => {
  it('flags an environment the job does not declare, at its line', () => {
    const fs = findingsOf(rule, W, 'version: 1\n');
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['production', 6]]);
  });
  it('is silent when declared (names ignore case)', () => {
    expect(
      findingsOf(
        rule,
        W,
        'version: 1\nworkflows:\n  cd.yml:\n    jobs:\n      deploy:\n        environments: [Production]\n',
      ),
    ).toEqual([]);
  });
});
