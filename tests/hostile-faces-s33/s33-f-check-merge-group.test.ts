/**
 * Session 33 (w-rfaces): a `merge_group` run is at its queue ref,
 * `refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>` (GitHub's "Events that trigger workflows":
 * GITHUB_REF "Ref of the merge group"), never at the default branch. A workflow that runs only on
 * `merge_group`, with a grant whose `when.ref` is the default (the default branch) or names only
 * other branches, is refused on every run by a real broker, while the check passed it: the rule read
 * `merge_group` as "some branch", which the default branch may be (failed at 8d88a68). The same
 * setup goes to `runCheck` and to a broker over HTTP with the claims GitHub gives a merge group run;
 * a `when.ref` over the queue's refs is granted and not reported.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const WORKFLOW = `on: merge_group\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github }\n`;
const manifest = (when: string) =>
  `version: 1\nrepository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001, default-branch: main }\nworkflows:\n  release.yml:\n    jobs:\n      release:\n        permissions: { contents: read, id-token: write }\n        credentials:\n          - step: publish\n            audience: github\n            permissions: { contents: read }\n${when}`;
const QUEUE_REF = `refs/heads/gh-readonly-queue/main/pr-7-${'c'.repeat(40)}`;

describe('check and broker on a merge_group run (s33)', () => {
  let stack: Stack;
  let run = 9000;
  beforeAll(async () => {
    stack = await startStack({ rate: 100_000, manifest: manifest('') });
  });
  afterAll(async () => {
    await stack.close();
  });

  const broker = async (m: string) => {
    stack.setManifest(m);
    const oidc = await stack.issuer.mint({
      run_id: String(run++),
      ref: QUEUE_REF,
      ref_type: 'branch',
      sub: `repo:octo-org/octo-repo:ref:${QUEUE_REF}`,
      workflow_ref: `octo-org/octo-repo/.github/workflows/release.yml@${QUEUE_REF}`,
      job_workflow_ref: `octo-org/octo-repo/.github/workflows/release.yml@${QUEUE_REF}`,
      event_name: 'merge_group',
    });
    const r = await stack.token(
      stack.exchangeForm(oidc, { audience: 'github', scope: '', job: 'release', step: 'publish' }),
    );
    return r.status === 200 ? 'granted' : errorCode(r);
  };
  const reported = (m: string) =>
    ['credential-step', 'unreachable-condition'].flatMap((r) =>
      findingsOf(r, { 'release.yml': WORKFLOW }, m),
    );

  for (const [name, when] of [
    ['no when.ref (the default branch)', ''],
    ['when.ref naming the default branch', '            when: { ref: [refs/heads/main] }\n'],
  ] as const)
    it(`${name}: refused on every run, and reported`, async () => {
      const m = manifest(when);
      expect(await broker(m)).toMatch(/^ERR_/);
      const found = reported(m);
      expect(found).toHaveLength(1);
      expect(found[0]).toEqual(
        expect.objectContaining({
          rule: 'unreachable-condition',
          severity: 'error',
          message: expect.stringContaining('merge_group'),
        }),
      );
      expect(found[0]!.message).toContain('refs/heads/gh-readonly-queue/');
    }, 60_000);

  for (const [name, when] of [
    ['when.ref over the queue', '            when: { ref: ["refs/heads/gh-readonly-queue/*/*"] }\n'],
    [
      'when.ref over the queue of main',
      '            when: { ref: ["refs/heads/gh-readonly-queue/main/pr-*"] }\n',
    ],
  ] as const)
    it(`negative: ${name}: granted, not reported`, async () => {
      const m = manifest(when);
      expect(await broker(m)).toBe('granted');
      expect(reported(m)).toEqual([]);
    }, 60_000);
});
