/**
 * Session 21: on a workflow that runs the default branch's code for what an outsider does
 * (`workflow_run`, `pull_request_target`, `issue_comment` …), the event's filters decide who starts a
 * job with the base repository's token and secrets as much as its `if:` does. `workflow_run:
 * workflows: [Release]` (a workflow only maintainers start) rewritten to `[CI]` (one every fork's pull
 * request starts), or `pull_request_target: branches: [release]` dropped, changed no permission,
 * secret, trigger name or `if:`, and the diff said "No access changes". The filters are now part of
 * the job's guard text: changed or removed is widened, added where there was no guard narrowed.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const JOB = `jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions: { contents: write }
    steps:
      - run: echo \${{ secrets.NPM_TOKEN }}
`;
const rows = (base: string, head: string, file = 'd.yml') =>
  diffSnapshots(snapshot([wf(file, base)]), snapshot([wf(file, head)]));

describe("a fork-reachable trigger's filters are part of the job's guard", () => {
  it.each([
    [
      'workflow_run: workflows rewritten',
      'on:\n  workflow_run:\n    workflows: [Release]\n    types: [completed]\n',
      'on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\n',
    ],
    [
      'workflow_run: branches dropped',
      'on:\n  workflow_run:\n    workflows: [CI]\n    branches: [main]\n',
      'on:\n  workflow_run:\n    workflows: [CI]\n',
    ],
    [
      'pull_request_target: branches dropped',
      'on:\n  pull_request_target:\n    branches: [release]\n',
      'on: pull_request_target\n',
    ],
    [
      'pull_request_target: types widened',
      'on:\n  pull_request_target:\n    types: [closed]\n',
      'on:\n  pull_request_target:\n    types: [opened, synchronize]\n',
    ],
    [
      'issue_comment: types widened, beside a push trigger',
      'on:\n  push:\n  issue_comment:\n    types: [deleted]\n',
      'on:\n  push:\n  issue_comment:\n',
    ],
  ])('%s: a widened row that fails --fail-on widened', (_name, base, head) => {
    const changes = rows(`${base}${JOB}`, `${head}${JOB}`);
    const guard = changes.filter((c) => c.subject === 'if:');
    expect(guard).toHaveLength(1);
    expect(guard[0]).toMatchObject({ effect: 'widened', job: 'deploy', kind: 'job' });
    expect(failsOnWidened(changes)).toBe(true);
  });

  it("a callee's guard holds its outermost caller's filters", () => {
    const callee = `on: workflow_call\n${JOB}`;
    const caller = (workflows: string) =>
      `on:\n  workflow_run:\n    workflows: [${workflows}]\njobs:\n  call:\n    uses: ./.github/workflows/callee.yml\n    secrets: inherit\n`;
    const changes = diffSnapshots(
      snapshot([wf('caller.yml', caller('Release')), wf('callee.yml', callee)]),
      snapshot([wf('caller.yml', caller('CI')), wf('callee.yml', callee)]),
    );
    expect(changes.filter((c) => c.subject === 'if:' && c.effect === 'widened').length).toBeGreaterThan(0);
  });
});

describe('held: no row where the filters keep nobody out or nothing is held', () => {
  it('a push filter (only people who can push start it) is no guard row', () => {
    const changes = rows(
      `on:\n  push:\n    branches: [main]\n${JOB}`,
      `on:\n  push:\n    branches: ['**']\n${JOB}`,
    );
    expect(changes).toEqual([]);
  });

  it('a filter added where the job had no guard is narrowed', () => {
    const changes = rows(
      `on: pull_request_target\n${JOB}`,
      `on:\n  pull_request_target:\n    branches: [release]\n${JOB}`,
    );
    expect(changes.filter((c) => c.subject === 'if:')).toEqual([
      expect.objectContaining({ effect: 'narrowed', before: '(none)' }),
    ]);
  });

  it('a job that holds no write permission, secret or environment has no row', () => {
    const idle = JOB.replace('contents: write', 'contents: read').replace('${{ secrets.NPM_TOKEN }}', 'hi');
    expect(
      rows(
        `on:\n  workflow_run:\n    workflows: [Release]\n${idle}`,
        `on:\n  workflow_run:\n    workflows: [CI]\n${idle}`,
      ),
    ).toEqual([]);
  });

  it('the same filters written in another YAML form are no row', () => {
    expect(
      rows(
        `on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\n${JOB}`,
        `on:\n  workflow_run:\n    workflows:\n      - CI\n    types:\n      - "completed"\n${JOB}`,
      ),
    ).toEqual([]);
  });
});
