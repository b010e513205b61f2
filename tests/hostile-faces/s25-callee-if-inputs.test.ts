/**
 * Session 25: a called job's `if:` that reads `inputs` is decided by what its callers pass in `with:`
 * (`workflow-v1.0.json`: `job-if` takes the `inputs` context; a call job's `with:` values take
 * `matrix`/`needs`) or by the input's `default:`. The diff compared the `if:` text only, so a caller on
 * `pull_request_target` switching `with: { trusted: false }` to `true`, or the callee's default
 * turning `true`, opened `if: inputs.trusted || github.event.pull_request.head.repo.fork == false` to
 * every fork's pull request, for a job holding `contents: write` and a secret: "No access changes".
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const caller = (withText: string, event = 'pull_request_target') =>
  `on: ${event}\npermissions: { contents: write }\njobs:\n  go:\n    uses: ./.github/workflows/lib.yml\n${withText}    secrets: inherit\n`;
const middle = (withText: string) =>
  `on:\n  workflow_call:\n    inputs: { trusted: { type: boolean, default: false } }\njobs:\n  pass:\n    uses: ./.github/workflows/lib.yml\n${withText}    secrets: inherit\n`;
const lib = (dflt = 'false', cond = 'inputs.trusted || github.event.pull_request.head.repo.fork == false') =>
  `on:\n  workflow_call:\n    inputs: { trusted: { type: boolean, default: ${dflt} } }\njobs:\n  x:\n    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ secrets.DEPLOY_KEY }}\n`;
const diff = (base: Record<string, string>, head: Record<string, string>) =>
  diffSnapshots(
    snapshot(Object.entries(base).map(([f, t]) => wf(f, t))),
    snapshot(Object.entries(head).map(([f, t]) => wf(f, t))),
  );
const guardRows = (cs: ReturnType<typeof diff>) => cs.filter((c) => c.kind === 'job' && c.subject === 'if:');

describe("a called job's if: reading inputs its callers pass", () => {
  it("a caller's with: opening the callee's guard is a widened guard row", () => {
    const cs = diff(
      { 'ci.yml': caller('    with: { trusted: false }\n'), 'lib.yml': lib() },
      { 'ci.yml': caller('    with: { trusted: true }\n'), 'lib.yml': lib() },
    );
    expect(guardRows(cs).map((c) => [c.workflow, c.effect])).toEqual([['lib.yml', 'widened']]);
    expect(failsOnWidened(cs)).toBe(true);
  });

  it("the callee's input default turned true, the caller passing nothing, is a widened guard row", () => {
    const cs = diff(
      { 'ci.yml': caller(''), 'lib.yml': lib() },
      { 'ci.yml': caller(''), 'lib.yml': lib('true') },
    );
    expect(guardRows(cs).map((c) => c.effect)).toEqual(['widened']);
  });

  it('through a middle workflow: the outermost with: decides', () => {
    const files = (v: string) => ({
      'ci.yml': caller(`    with: { trusted: ${v} }\n`).replace('lib.yml', 'middle.yml'),
      'middle.yml': middle('    with: { trusted: "${{ inputs.trusted }}" }\n'),
      'lib.yml': lib(),
    });
    expect(guardRows(diff(files('false'), files('true'))).map((c) => c.effect)).toEqual(['widened']);
  });

  it("a credential step's if: reading inputs is opened by the caller's with: too", () => {
    const gated = (v: string) => ({
      'ci.yml': `on: pull_request_target\npermissions: { contents: write, id-token: write }\njobs:\n  go:\n    uses: ./.github/workflows/lib.yml\n    with: { trusted: ${v} }\n`,
      'lib.yml': `on:\n  workflow_call:\n    inputs: { trusted: { type: boolean, default: false } }\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567\n        if: inputs.trusted || github.event.pull_request.head.repo.fork == false\n        with: { scope: "contents:write", run: make }\n`,
    });
    expect(guardRows(diff(gated('false'), gated('true'))).map((c) => c.effect)).toEqual(['widened']);
  });

  it('holds: a callee whose if: reads no inputs, and a caller not reachable from forks, add no row', () => {
    const plain = lib('false', 'github.event.pull_request.head.repo.fork == false');
    expect(
      guardRows(
        diff(
          { 'ci.yml': caller('    with: { trusted: false }\n'), 'lib.yml': plain },
          { 'ci.yml': caller('    with: { trusted: true }\n'), 'lib.yml': plain },
        ),
      ),
    ).toEqual([]);
    expect(
      guardRows(
        diff(
          { 'ci.yml': caller('    with: { trusted: false }\n', 'push'), 'lib.yml': lib() },
          { 'ci.yml': caller('    with: { trusted: true }\n', 'push'), 'lib.yml': lib() },
        ),
      ),
    ).toEqual([]);
  });
});
