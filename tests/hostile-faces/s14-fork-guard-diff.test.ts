/**
 * Session 14: a job's `if:` on a workflow that runs for other people's pull requests with the base
 * repository's token and secrets (`pull_request_target`, `workflow_run`) is often the only thing that
 * keeps a fork's pull request from reaching them: `if: github.event.pull_request.head.repo.full_name
 * == github.repository`. Dropping it changed no permission, secret or trigger, so the diff said "No
 * access changes". On such a workflow, a job that holds a write permission, a secret or an
 * environment now has its `if:` in its snapshot: removed or rewritten is widened, one added narrowed
 * (unless it runs on a status function, which can make the job run where it did not).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const GUARD = 'github.event.pull_request.head.repo.full_name == github.repository';
const workflow = (
  cond: string | undefined,
  on = 'pull_request_target',
  perms = '{ pull-requests: write }',
  extra = '',
) =>
  `on: ${on}
permissions: ${perms}
jobs:
  label:
${cond === undefined ? '' : `    if: ${cond}\n`}    runs-on: ubuntu-latest
    steps:
      - run: make ${extra}
`;

const rows = (base: string, head: string) => {
  const changes = diffSnapshots(snapshot([wf('pr.yml', base)]), snapshot([wf('pr.yml', head)]));
  return { changes, guard: changes.filter((c) => c.subject === 'if:') };
};

describe("a job's if: dropped or rewritten on pull_request_target / workflow_run is widened", () => {
  it.each([
    ['removed', workflow(GUARD), workflow(undefined)],
    ['rewritten', workflow(GUARD), workflow('true')],
    ['weakened with ||', workflow(GUARD), workflow(`${GUARD} || github.actor == 'x'`)],
    [
      'on workflow_run, a job with a secret',
      workflow(GUARD, 'workflow_run', '{}', '${{ secrets.NPM_TOKEN }}'),
      workflow(undefined, 'workflow_run', '{}', '${{ secrets.NPM_TOKEN }}'),
    ],
    [
      'id-token: write',
      workflow(GUARD, 'pull_request_target', '{ id-token: write }'),
      workflow(undefined, 'pull_request_target', '{ id-token: write }'),
    ],
    ['an added always()', workflow(undefined), workflow('always()')],
    [
      'on issue_comment, an author_association guard',
      workflow("github.event.comment.author_association == 'OWNER'", 'issue_comment'),
      workflow("contains(github.event.comment.body, '/deploy')", 'issue_comment'),
    ],
    // Anyone who may open an issue or a discussion starts these with the base's token and secrets.
    ...(['issues', 'discussion', 'discussion_comment'] as const).map(
      (on) =>
        [
          `on ${on}, an actor guard removed`,
          workflow("github.event.sender.type == 'User' && github.actor == 'octo-maintainer'", on),
          workflow(undefined, on),
        ] as const,
    ),
  ])('%s', (_name, base, head) => {
    const { changes, guard } = rows(base, head);
    expect(guard.length).toBe(1);
    expect(guard[0]!.effect).toBe('widened');
    expect(guard[0]!.kind).toBe('job');
    expect(guard[0]!.line).toBe(4);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('names the if: before and after, and the fix', () => {
    const [row] = rows(workflow(GUARD), workflow(undefined)).guard;
    expect(row!.before).toBe(GUARD);
    expect(row!.after).toMatch(/none/);
    expect(row!.after).toMatch(/fork/);
  });
});

describe('no widened if: row', () => {
  it.each([
    ['on push', workflow(GUARD, 'push'), workflow(undefined, 'push')],
    [
      'a read-only job without secrets',
      workflow(GUARD, 'pull_request_target', '{ contents: read }'),
      workflow(undefined, 'pull_request_target', '{ contents: read }'),
    ],
    ['the same condition in ${{ }}', workflow(GUARD), workflow(`\${{ ${GUARD} }}`)],
  ])('%s', (_name, base, head) => {
    expect(rows(base, head).guard).toEqual([]);
  });

  it('a guard added is narrowed', () => {
    const { changes, guard } = rows(workflow(undefined), workflow(GUARD));
    expect(guard.map((c) => c.effect)).toEqual(['narrowed']);
    expect(failsOnWidened(changes)).toBe(false);
  });
});

describe('a reusable workflow called from pull_request_target', () => {
  const callee = `on: workflow_call
permissions: { contents: write }
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: make publish
`;
  const caller = (cond: string | undefined) => `on: pull_request_target
permissions: { contents: write }
jobs:
  call:
${cond === undefined ? '' : `    if: ${cond}\n`}    uses: ./.github/workflows/publish.yml
    secrets: inherit
`;
  const snap = (cond: string | undefined) =>
    snapshot([wf('pr.yml', caller(cond)), wf('publish.yml', callee)]);

  it("the caller job's guard dropped is widened for the callee's job", () => {
    const changes = diffSnapshots(snap(GUARD), snap(undefined));
    const guard = changes.filter((c) => c.subject === 'if:');
    expect(guard.some((c) => c.effect === 'widened' && c.workflow === 'publish.yml')).toBe(true);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('success() && a guard, added, is narrowed', () => {
    const changes = diffSnapshots(snap(undefined), snap(`success() && ${GUARD}`));
    const guard = changes.filter((c) => c.subject === 'if:');
    expect(guard.length).toBeGreaterThan(0);
    expect(guard.every((c) => c.effect === 'narrowed')).toBe(true);
  });
});
