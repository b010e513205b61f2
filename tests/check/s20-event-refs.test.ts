/**
 * Session 20, attacking unreachable-condition's per-trigger reading (session 19) where the property
 * test cannot see (its events are push, workflow_dispatch, pull_request_target and issue_comment): the
 * ref a run carries per event (refKinds) took every event it did not name for a branch.
 * - pull_request_review and pull_request_review_comment run at `refs/pull/N/merge`, as pull_request
 *   does (GitHub's "Events that trigger workflows": GITHUB_REF), so a grant claimable only from the
 *   default branch is refused on every run: it passed (a miss).
 * - deployment and deployment_status run at the branch *or tag* deployed, registry_package at the
 *   package's branch or tag: a grant on `refs/tags/v*` is granted on a tag's deployment, yet was
 *   reported unreachable (a false error).
 * The broker's side is shown with its own decision (decide) on the run's claims. Seen failing first.
 */
import { describe, expect, it } from '@jest/globals';
import { releaseRunAnswer } from '../support/decide-run.js';
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
const manifestText = (when: string) => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    release.yml:
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - { step: publish, audience: github, permissions: { contents: read }${when} }
`;
const found = (on: string, when: string) =>
  findingsOf('unreachable-condition', { 'release.yml': workflow(on) }, manifestText(when)).map(
    (f) => f.message,
  );

/** The broker's answer for a run of `event` at `ref`. */
const broker = (when: string, event: string, ref: string) => releaseRunAnswer(manifestText(when), event, ref);

describe('the ref each event runs at (session 20)', () => {
  it.each(['pull_request_review', 'pull_request_review_comment'])(
    '%s runs at refs/pull/N/merge: a default-branch grant is reported unreachable',
    (event) => {
      const when = `, when: { event: [${event}] }`;
      expect(broker(when, event, 'refs/pull/7/merge')).not.toBe('granted');
      const f = found(`[${event}]`, when);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatch(/refs\/pull\/N\/merge/);
    },
  );

  it.each(['pull_request_review', 'pull_request_review_comment'])(
    'holds: %s with when.ref on refs/pull/*/merge is quiet',
    (event) => {
      const when = `, when: { event: [${event}], ref: ["refs/pull/*/merge"] }`;
      expect(broker(when, event, 'refs/pull/7/merge')).toBe('granted');
      expect(found(`[${event}]`, when)).toEqual([]);
    },
  );

  it.each(['deployment', 'deployment_status', 'registry_package'])(
    '%s of a tag: a grant on refs/tags/v* is granted, not reported',
    (event) => {
      const when = `, when: { event: [${event}], ref: ["refs/tags/v*"] }`;
      expect(broker(when, event, 'refs/tags/v1.2.0')).toBe('granted');
      expect(found(`[${event}]`, when)).toEqual([]);
    },
  );

  it('holds: schedule runs on the default branch only, a tag grant is still reported', () => {
    expect(found('{ schedule: [{ cron: "0 0 * * *" }] }', ', when: { ref: ["refs/tags/v*"] }')).toHaveLength(
      1,
    );
  });
});
