import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'unknown-scope';

describe(rule, () => {
  it('flags unknown scopes with a suggestion, bad levels, and malformed blocks', () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml':
          'on: push\npermissions: admin\njobs:\n  a:\n    permissions:\n      content: read\n      models: write\n      models-x: read\n    steps: []\n    runs-on: ubuntu-latest\n',
      },
      'version: 1\n',
    );
    expect(fs.map((f) => [f.subject, f.line])).toEqual([
      ['permissions', 2],
      ['content', 6],
      ['models', 7],
      ['models-x', 8],
    ]);
    expect(fs[1]!.message).toMatch(/did you mean 'contents'/);
    expect(fs[2]!.message).toMatch(/accepts none, read/);
  });
  it('accepts scopes GitHub added recently (models, code-quality, artifact-metadata)', () => {
    expect(
      findingsOf(
        rule,
        {
          'ci.yml':
            'on: push\npermissions:\n  models: read\n  code-quality: write\n  artifact-metadata: read\njobs:\n  a:\n    steps: []\n    runs-on: ubuntu-latest\n',
        },
        'version: 1\n',
      ),
    ).toEqual([]);
  });
});
