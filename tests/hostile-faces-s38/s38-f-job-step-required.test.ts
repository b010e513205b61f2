/**
 * Session 38 (w-rfaces): a job or a step missing the key of its kind. GitHub's template reader narrows
 * a job to `job-factory` (runs steps) or `workflow-job` (calls a workflow) key by key, then refuses a
 * mapping still matching both ("There's not enough info to determine what you meant": a job with only
 * `name`, `needs`, `if`, `permissions`, `concurrency` or `strategy`; an empty job; a step with only
 * `name`, `id`, `if`, `env`…) and one missing its kind's required key ("Required property is missing:
 * runs-on" for a job with `steps:` and no `runs-on:`; `uses` for a job with `with:` or `secrets:`
 * only; `run` for a step with `shell:` only; `uses` for a step with `with:` only). The whole file is
 * refused: none of its jobs run. At the start commit (f3a4e9b) `stepwarden check` read each of these
 * as a workflow that runs and exited 0 (session 37 left it: the suites' fixtures wrote jobs without
 * `runs-on`; they are corrected in the same change). Now `invalid-workflow`, at the mapping's line,
 * where GitHub names it. s37-f-job-step-shapes's properties hold the check to GitHub's parser over key
 * sets of a job and of a step in every order.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { githubConvertErrors } from '../support/github-convert.js';
import { findingsOf, PINNED } from '../support/repo.js';

const MANIFEST =
  'version: 1\nrepository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }\ndefaults: { permissions: { contents: read } }\nworkflows: {}\n';
const LIB =
  'on: workflow_call\njobs:\n  lib:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lib\n';
const invalid = (text: string) =>
  findingsOf('invalid-workflow', { 'ci.yml': text, 'lib.yml': LIB }, MANIFEST).filter(
    (f) => f.workflow === 'ci.yml',
  );
const githubLines = (errors: readonly string[]) => errors.map((e) => Number(/Line: (\d+)/.exec(e)?.[1]));

const JOB_VALUES: Record<string, string> = {
  needs: '[]',
  if: 'true',
  strategy: '{ matrix: { v: [1, 2] } }',
  name: 'n',
  'runs-on': 'ubuntu-latest',
  'timeout-minutes': '5',
  'continue-on-error': 'true',
  container: 'node:20',
  env: '{ A: b }',
  environment: 'production',
  permissions: '{ contents: read }',
  concurrency: 'group',
  outputs: '{ o: x }',
  steps: '[ { run: echo } ]',
  uses: './.github/workflows/lib.yml',
  with: '{ a: b }',
  secrets: 'inherit',
};
const STEP_VALUES: Record<string, string> = {
  name: 'n',
  id: 's1',
  if: 'true',
  'timeout-minutes': '5',
  run: 'echo',
  'continue-on-error': 'true',
  env: '{ A: b }',
  'working-directory': 'sub',
  shell: 'bash',
  uses: PINNED,
  with: '{ a: b }',
};
const job = (keys: readonly string[]) =>
  `on: push\njobs:\n  j:\n${keys.map((k) => `    ${k}: ${JOB_VALUES[k]}\n`).join('')}`;
const step = (keys: readonly string[]) =>
  `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - ${keys.map((k) => `${k}: ${STEP_VALUES[k]}`).join('\n        ')}\n`;

describe('a job or a step without the key of its kind is invalid-workflow (session 38)', () => {
  const REFUSED: [string, string, number, RegExp][] = [
    ['a job with steps and no runs-on', job(['permissions', 'steps']), 4, /without 'runs-on'/],
    ['a job with an environment and no runs-on', job(['environment', 'steps']), 4, /'environment' makes/],
    ['a job with a name only', job(['name']), 4, /not enough info/],
    ['a job with needs and if only', job(['needs', 'if']), 4, /not enough info/],
    ['a job with with: only', job(['with']), 4, /without 'uses'/],
    ['a job with secrets: inherit only', job(['secrets']), 4, /without 'uses'/],
    ['an empty job', 'on: push\njobs:\n  j: {}\n', 3, /not enough info/],
    [
      'a flow job with steps and no runs-on',
      'on: push\njobs:\n  j: { steps: [ { run: e } ] }\n',
      3,
      /'runs-on'/,
    ],
    ['a step with a name only', step(['name']), 6, /not enough info/],
    ['a step with shell: only', step(['shell']), 6, /without 'run'/],
    ['a step with with: only', step(['with']), 6, /without 'uses'/],
    [
      'an empty step',
      'on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - {}\n',
      6,
      /not enough info/,
    ],
  ];
  for (const [name, text, line, message] of REFUSED)
    it(`${name}: GitHub refuses the file, and so does the check at line ${line}`, async () => {
      const github = await githubConvertErrors(text);
      expect(github.length).toBeGreaterThan(0);
      expect(githubLines(github)).toContain(line);
      const f = invalid(text);
      expect(f.map((x) => x.line)).toEqual([line]);
      expect(f[0]!.message).toMatch(message);
      expect(f[0]!.message).toMatch(/^'ci\.yml' cannot be checked: GitHub refuses this workflow: /);
    });

  it('the CLI fails on a job with steps and no runs-on (exit 1), not only runCheck', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s38-required-'));
    try {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      writeFileSync(join(dir, '.github/workflows/ci.yml'), job(['permissions', 'steps']));
      writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
      const r = await cli(['check', dir, '--format', 'json']);
      expect(r.code).toBe(1);
      const f = (JSON.parse(r.stdout) as { findings: { rule: string; line: number }[] }).findings;
      expect(f.filter((x) => x.rule === 'invalid-workflow').map((x) => x.line)).toEqual([4]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('negatives GitHub runs: runs-on without steps, a call with uses only, run and uses steps, a parallel group', async () => {
    for (const text of [
      job(['runs-on']),
      job(['uses']),
      job(['needs', 'if', 'uses', 'with', 'secrets']),
      step(['name', 'run']),
      step(['uses', 'with']),
    ]) {
      expect(await githubConvertErrors(text)).toEqual([]);
      expect(invalid(text)).toEqual([]);
    }
    // A background kind is read as the schema writes it (behind a feature flag in GitHub's reader).
    expect(
      invalid('on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - parallel:\n          - run: a\n'),
    ).toEqual([]);
  });

  // The two properties over key sets of a job and of a step (every order, GitHub's parser as the
  // oracle) are tests/hostile-faces-s37/s37-f-job-step-shapes's, which count these refusals since
  // session 38: its key tables hold this file's and more.
});
