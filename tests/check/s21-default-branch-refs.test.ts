/**
 * Session 21 (left by session 19): a grant whose `when.ref` names another branch than the default, on a
 * workflow that runs only on events GitHub always runs at the default branch (schedule,
 * repository_dispatch, workflow_run, issue_comment …), is refused by the broker on every run; the
 * check said nothing, since it did not know the default branch's name. With `repository.default-branch`
 * in the manifest it reports unreachable-condition at the `when.ref` line. The broker's own decision on
 * each run's claims is asked beside the check. Seen failing first.
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
const manifestText = (refs: string, event: string, defaultBranch = 'default-branch: main, ') => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22, ${defaultBranch}}
  workflows:
    release.yml:
      triggers: [${event}]
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - step: publish
              audience: github
              permissions: { contents: read }
              when: { ref: [${refs}], event: [${event}] }
`;
const found = (on: string, text: string) =>
  findingsOf('unreachable-condition', { 'release.yml': workflow(on) }, text).map((f) => [f.line, f.message]);

/** The broker's answer's code for a run of `event` at `ref` (default branch main). */
const broker = (text: string, event: string, ref: string) => releaseRunAnswer(text, event, ref).split(' ')[0];

describe('when.ref against the default branch on default-branch-only events (session 21)', () => {
  it.each(['schedule', 'repository_dispatch', 'workflow_run', 'issue_comment'])(
    'on: %s with when.ref [refs/heads/release]: reported at the when.ref line; the broker refuses the run',
    (event) => {
      const text = manifestText('refs/heads/release', event);
      const f = found(`[${event}]`, text);
      expect(f).toHaveLength(1);
      expect(f[0]![0]).toBe(13);
      expect(f[0]![1]).toMatch(
        /run at the default branch \(refs\/heads\/main, repository\.default-branch\).*Fix: add refs\/heads\/main/,
      );
      expect(broker(text, event, 'refs/heads/main')).toBe('ERR_CONDITION_REF');
    },
  );

  it('holds: a when.ref matching the default branch is granted and not reported', () => {
    const text = manifestText('refs/heads/release, refs/heads/m*', 'schedule');
    expect(found('[schedule]', text)).toEqual([]);
    expect(broker(text, 'schedule', 'refs/heads/main')).toBe('granted');
  });

  it('holds: without repository.default-branch the check does not guess the name', () => {
    expect(found('[schedule]', manifestText('refs/heads/release', 'schedule', ''))).toEqual([]);
  });

  it('holds: workflow_dispatch (any ref) and a second trigger that reaches the ref are not reported', () => {
    const text = manifestText('refs/heads/release', 'workflow_dispatch');
    expect(found('[workflow_dispatch]', text)).toEqual([]);
    expect(broker(text, 'workflow_dispatch', 'refs/heads/release')).toBe('granted');
    expect(found('[schedule, push]', manifestText('refs/heads/release', 'schedule, push'))).toEqual([]);
  });
});
