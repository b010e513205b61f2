/**
 * Session 43 (w-rfaces), left by session 42 (lead 2): empty values. GitHub's template reader makes a
 * null (`env:` with nothing, `~`) the string `''` and refuses it wherever the schema's definition takes
 * no string ("Unexpected value ''"; an empty `env:` block is refused on GitHub itself:
 * InsightSoftwareConsortium/ITK#6203, ministryofjustice/modernisation-platform#11141), and refuses `''`
 * where it wants a `non-empty-string` (a step's `shell:`, `concurrency:`, a service). The whole file then
 * never runs. At 0848e99d the check took each (session 42 kept them taken: "nothing is read from them"),
 * passed the file and reported its jobs' access as if they ran; the diff called such a head "no change".
 * Held as GitHub holds them: `on.workflow_call:` and a `workflow_call` secret with nothing below (the
 * definitions are one of null and a mapping), an empty `run:`, `name:`, `if:`, `with:` value.
 */
import { describe, expect, it } from '@jest/globals';
import { githubConvertErrors } from '../support/github-convert.js';
import { findingsOf, wf } from '../support/repo.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { diffSnapshots } from '../../shared/diff/diff.js';

const MANIFEST =
  'version: 1\nrepository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }\ndefaults: { permissions: { contents: read } }\nworkflows: {}\n';
const invalid = (text: string) => findingsOf('invalid-workflow', { 'ci.yml': text }, MANIFEST);
const githubLines = (errors: readonly string[]) => errors.map((e) => Number(/Line: (\d+)/.exec(e)?.[1]));

const RUN = '    runs-on: u\n    steps:\n      - run: x\n';
const JOBS = `jobs:\n  j:\n${RUN}`;
const job = (lines: string) => `on: push\njobs:\n  j:\n${lines}`;
const step = (lines: string) => `on: push\njobs:\n  j:\n    runs-on: u\n    steps:\n      - ${lines}\n`;
const CALL = '    uses: o/r/.github/workflows/w.yml@0123456789012345678901234567890123456789\n';
const onCall = (body: string) => `on:\n  workflow_call:\n${body}${JOBS}`;

/** Each place the model reads, `@@` where the empty value goes (on its key's line). */
const PLACES: readonly [string, string][] = [
  ['env:', `on: push\nenv: @@\n${JOBS}`],
  ['defaults:', `on: push\ndefaults: @@\n${JOBS}`],
  ['defaults.run:', `on: push\ndefaults:\n  run: @@\n${JOBS}`],
  ['defaults.run.shell:', `on: push\ndefaults:\n  run:\n    shell: @@\n${JOBS}`],
  ['defaults.run.working-directory:', `on: push\ndefaults:\n  run:\n    working-directory: @@\n${JOBS}`],
  ['job env:', job(`    env: @@\n${RUN}`)],
  ['job outputs:', job(`    outputs: @@\n${RUN}`)],
  ['job strategy:', job(`    strategy: @@\n${RUN}`)],
  ['job strategy.matrix:', job(`    strategy:\n      matrix: @@\n${RUN}`)],
  ['job strategy.matrix.v:', job(`    strategy:\n      matrix:\n        v: @@\n${RUN}`)],
  ['job strategy.matrix.include:', job(`    strategy:\n      matrix:\n        include: @@\n${RUN}`)],
  ['job strategy.matrix.include[1]:', job(`    strategy:\n      matrix:\n        include: [@@]\n${RUN}`)],
  ['job strategy.matrix.exclude:', job(`    strategy:\n      matrix:\n        exclude: @@\n${RUN}`)],
  ['job strategy.fail-fast:', job(`    strategy:\n      fail-fast: @@\n${RUN}`)],
  ['job strategy.max-parallel:', job(`    strategy:\n      max-parallel: @@\n${RUN}`)],
  ['job container.env:', job(`    container:\n      image: i\n      env: @@\n${RUN}`)],
  ['job container.credentials:', job(`    container:\n      image: i\n      credentials: @@\n${RUN}`)],
  ['job services:', job(`    services: @@\n${RUN}`)],
  ['job services.s:', job(`    services:\n      s: @@\n${RUN}`)],
  ['job services.s.env:', job(`    services:\n      s:\n        image: i\n        env: @@\n${RUN}`)],
  ['job defaults.run:', job(`    defaults:\n      run: @@\n${RUN}`)],
  ['job concurrency:', job(`    concurrency: @@\n${RUN}`)],
  [
    'job concurrency.cancel-in-progress:',
    job(`    concurrency:\n      group: g\n      cancel-in-progress: @@\n${RUN}`),
  ],
  ['job timeout-minutes:', job(`    timeout-minutes: @@\n${RUN}`)],
  ['job continue-on-error:', job(`    continue-on-error: @@\n${RUN}`)],
  ['call with:', job(`${CALL}    with: @@\n`)],
  ['call strategy:', job(`${CALL}    strategy: @@\n`)],
  ['step with:', step('uses: a/b@v1\n        with: @@')],
  ['step env:', step('run: x\n        env: @@')],
  ['step shell:', step('run: x\n        shell: @@')],
  ['step continue-on-error:', step('run: x\n        continue-on-error: @@')],
  ['step timeout-minutes:', step('run: x\n        timeout-minutes: @@')],
  ['workflow_call.inputs:', onCall('    inputs: @@\n')],
  ['workflow_call.inputs.a:', onCall('    inputs:\n      a: @@\n')],
  [
    'workflow_call.inputs.a.required:',
    onCall('    inputs:\n      a:\n        type: string\n        required: @@\n'),
  ],
  ['workflow_call.secrets:', onCall('    secrets: @@\n')],
  ['workflow_call.outputs:', onCall('    outputs: @@\n')],
  ['workflow_call.outputs.o:', onCall('    outputs:\n      o: @@\n')],
  // One of null and a mapping: a null is taken, `''` refused.
  ['on.workflow_call:', `on:\n  workflow_call: @@\n${JOBS}`],
  ['workflow_call.secrets.a:', onCall('    secrets:\n      a: @@\n')],
  // The workflow's `concurrency:` is a `string`, a job's a `non-empty-string`.
  ['concurrency:', `on: push\nconcurrency: @@\n${JOBS}`],
];
/** Taken by GitHub and by the check, whatever the empty spelling. */
const TAKEN: readonly [string, string][] = [
  [
    'workflow_call.inputs.a.default:',
    onCall('    inputs:\n      a:\n        type: string\n        default: @@\n'),
  ],
  ['name:', `name: @@\non: push\n${JOBS}`],
  ['job name:', job(`    name: @@\n${RUN}`)],
  ['job if:', job(`    if: @@\n${RUN}`)],
  ['job container:', job(`    container: @@\n${RUN}`)],
  ['job env.A:', job(`    env:\n      A: @@\n${RUN}`)],
  ['step run:', step('run: @@')],
  ['step name:', step('run: x\n        name: @@')],
  ['step working-directory:', step('run: x\n        working-directory: @@')],
  ['step with.a:', step('uses: a/b@v1\n        with:\n          a: @@')],
];
const EMPTIES = ['', '~', 'null', "''"];

describe('an empty value where GitHub wants a mapping, a list, a number, a boolean or a non-empty string is refused (session 43)', () => {
  for (const [place, template] of PLACES)
    it(`${place} empty`, async () => {
      const wrong: string[] = [];
      for (const value of EMPTIES) {
        const text = template.replace('@@', value);
        const github = await githubConvertErrors(text);
        const f = invalid(text);
        const refused = github.length > 0;
        if (refused !== f.length > 0 || (refused && !githubLines(github).includes(f[0]!.line)))
          wrong.push(
            `[${value}]: GitHub ${refused ? `refuses (${github[0]})` : 'takes it'}, the check ${
              f.length ? `refuses at line ${f[0]!.line}: ${f[0]!.message}` : 'takes it'
            }`,
          );
      }
      expect(wrong).toEqual([]);
    });

  it('is worded as GitHub words it, at the key GitHub names', () => {
    const [f] = invalid(step('run: x\n        env:'));
    expect(f?.message).toContain(
      "GitHub refuses this workflow: `env:` of step 1 of job 'j' is empty (\"Unexpected value ''\"); GitHub wants a mapping there",
    );
    expect(f?.line).toBe(7);
    const [s] = invalid(step("run: x\n        shell: ''"));
    expect(s?.message).toContain(
      'is empty ("Unexpected value \'\'"); GitHub wants a string that is not empty there',
    );
  });

  for (const [place, template] of TAKEN)
    it(`${place} empty is taken, as GitHub takes it`, async () => {
      for (const value of EMPTIES) {
        const text = template.replace('@@', value);
        expect([value, await githubConvertErrors(text)]).toEqual([value, []]);
        expect([value, invalid(text)]).toEqual([value, []]);
      }
    });

  it('the diff does not call a head GitHub refuses "no change": an empty `env:` added to a step is a file it cannot judge', () => {
    const base = step('uses: a/b@0123456789012345678901234567890123456789');
    const head = step('uses: a/b@0123456789012345678901234567890123456789\n        env:');
    const changes = diffSnapshots(snapshot([wf('ci.yml', base)]), snapshot([wf('ci.yml', head)]));
    expect(changes.map((c) => [c.kind, c.effect])).toEqual([['unreadable', 'cannot-judge']]);
  });
});
