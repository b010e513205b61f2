import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'invalid-workflow';

describe(rule, () => {
  it('reports a broken file and still checks the others', () => {
    const fs = findingsOf(
      rule,
      {
        'bad.yml': 'on: [push\n',
        'good.yml': 'on: push\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n',
      },
      'version: 1\n',
    );
    expect(fs.map((f) => f.workflow)).toEqual(['bad.yml']);
    const others = findingsOf(
      'excess-permission',
      {
        'bad.yml': 'on: [push\n',
        'good.yml': 'on: push\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n',
      },
      'version: 1\n',
    );
    expect(others.length).toBeGreaterThan(0);
  });
  it('is silent for valid files', () => {
    expect(
      findingsOf(
        rule,
        { 'good.yml': 'on: push\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n' },
        'version: 1\n',
      ),
    ).toEqual([]);
  });
});
