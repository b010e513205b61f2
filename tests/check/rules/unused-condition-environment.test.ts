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
    const noList = M.replace('        environments: [production]\n', '');
    const fs = findingsOf(rule, wf(''), noList);
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['production', 11]]);
    expect(fs[0]!.message).toMatch(/uses no environment.*Fix: add `environment: production`/);
    expect(findingsOf(rule, wf('    environment: staging\n'), M)[0]!.message).toMatch(/uses only staging/);
  });
  it('flags a job whose manifest environments bind its grants while the job uses none, once per job', () => {
    const two = M.replace(
      '            when: { environment: [production] }\n',
      '          - { step: other, audience: github, permissions: { issues: read } }\n',
    );
    const fs = findingsOf(rule, wf(''), two);
    expect(fs.map((f) => [f.severity, f.subject, f.line])).toEqual([['error', 'production', 7]]);
    expect(fs[0]!.message).toBe(
      "job 'deploy' lists environments production in the manifest, but the job of cd.yml uses no environment, so the broker refuses its credential grants on every run (ERR_CLAIM_MISSING, condition environments). Fix: add `environment: production` to the job, or remove the job's environments",
    );
    // With the environment named in the workflow, nothing to report.
    expect(findingsOf(rule, wf('    environment: production\n'), two)).toEqual([]);
    // A job without credential grants holds nothing the list could refuse.
    expect(findingsOf(rule, wf(''), M.replace(/ {8}credentials:[\s\S]*$/, ''))).toEqual([]);
  });
  it('is silent when the job uses it (names ignore case), or names an expression', () => {
    expect(findingsOf(rule, wf('    environment: Production\n'), M)).toEqual([]);
    expect(findingsOf(rule, wf('    environment: ${{ inputs.env }}\n'), M)).toEqual([]);
  });
});
