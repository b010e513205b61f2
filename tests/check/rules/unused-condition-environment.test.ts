import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'unused-condition-environment';
const M = `version: 1
repository: { id: 1, owner-id: 2 }
workflows:
  cd.yml:
    jobs:
      deploy:
        environments: [production]
        credentials:
          - step: ship
            audience: github
            permissions: { contents: read }
            when: { environment: [production] }
`;
const wf = (env: string) => ({
  'cd.yml': `on: push\njobs:\n  deploy:\n    runs-on: x\n${env}    steps: []\n`,
});

describe(rule, () => {
  it('flags a grant bound to an environment the job never uses, at the condition', () => {
    const fs = findingsOf(rule, wf(''), M);
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['production', 12]]);
    expect(fs[0]!.message).toMatch(/uses no environment.*Fix: add `environment: production`/);
    expect(findingsOf(rule, wf('    environment: staging\n'), M)[0]!.message).toMatch(/uses only staging/);
  });
  it('is silent when the job uses it (names ignore case), or names an expression', () => {
    expect(findingsOf(rule, wf('    environment: Production\n'), M)).toEqual([]);
    expect(findingsOf(rule, wf('    environment: ${{ inputs.env }}\n'), M)).toEqual([]);
  });
});
