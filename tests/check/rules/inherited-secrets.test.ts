import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'inherited-secrets';
const W = {
  'ci.yml':
    'on: push\njobs:\n  call:\n    permissions: {}\n    uses: o/r/.github/workflows/x.yml@v1\n    secrets: inherit\n',
};

describe(rule, () => {
  it('flags secrets: inherit not declared', () => {
    const fs = findingsOf(rule, W, 'version: 1\n');
    expect(fs.map((f) => [f.job, f.line, f.subject])).toEqual([['call', 6, 'inherit']]);
  });
  it('is silent when the job declares inherit', () => {
    expect(
      findingsOf(
        rule,
        W,
        'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      call:\n        secrets: [inherit]\n',
      ),
    ).toEqual([]);
  });
});
