/**
 * Session 19, found by the differential property with every run enumerated: unreachable-condition
 * judged a workflow's triggers as one set, so two triggers each refused for its own reason passed:
 * `push: { tags }` (the grant has no when.ref: the default branch only) beside `issue_comment` (no
 * when.event: refused for events from outside the repository). The broker refused every run. Now a
 * grant is unreachable when every trigger on its own is.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const workflow = (on: string) => y`
  on: ${on}
  jobs:
    release:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github }
`;
const manifest = (when = '') => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    release.yml:
      triggers: [push, issue_comment, pull_request, workflow_dispatch]
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - { step: publish, audience: github, permissions: { contents: read }${when} }
`;
const found = (on: string, when = '') =>
  findingsOf('unreachable-condition', { 'release.yml': workflow(on) }, manifest(when)).map((f) => f.message);

describe('unreachable-condition judges each trigger on its own (session 19)', () => {
  it('push on tags only beside issue_comment, no when: reported, each trigger with its reason', () => {
    const f = found('{ push: { tags: ["v*"] }, issue_comment: {} }');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/on push: .*tags/);
    expect(f[0]).toMatch(/on issue_comment: .*when\.event/);
  });

  it('pull_request beside issue_comment, no when: reported', () => {
    expect(found('[pull_request, issue_comment]')).toHaveLength(1);
  });

  it('when.ref on tags, push on branches beside issue_comment, when.event [push]: reported', () => {
    expect(
      found(
        '{ push: { branches: [main] }, issue_comment: {} }',
        ', when: { ref: ["refs/tags/*"], event: [push] }',
      ),
    ).toHaveLength(1);
  });

  it('one trigger reachable: quiet', () => {
    expect(found('{ push: { tags: ["v*"] }, issue_comment: {}, workflow_dispatch: {} }')).toEqual([]);
    expect(found('[push, issue_comment]')).toEqual([]);
  });
});
