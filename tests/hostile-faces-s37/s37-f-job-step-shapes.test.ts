/**
 * Session 37 (w-rfaces): a job or a step mixing two shapes of GitHub's schema. A job is one of two
 * mappings (`job-factory`, which runs steps, or `workflow-job`, which calls a reusable workflow), a
 * step one of run-step (`run`) or regular-step (`uses`), and GitHub's template reader takes the first
 * key that only one of them has as the choice: a later key of the other is "Unexpected value" and the
 * whole file is refused ("Invalid workflow file"), so none of its jobs run. At the start commit
 * (5dda53e) `stepwarden check` read each of these as a workflow that runs and exited 0: a call job
 * with `environment:` (judged as the job's environment), `runs-on`, `continue-on-error`,
 * `timeout-minutes` or `steps`, a job running steps with `secrets: inherit`, a step with both `run:`
 * and `uses:` (its action judged as one that runs), `with:` beside `run:`, `shell:` beside `uses:`.
 * The check must not pass a file that never runs (session 35's rule for a call GitHub cannot make):
 * it is now `invalid-workflow` at the key GitHub names. Properties hold the check to GitHub's parser
 * over key sets of a job and of a step in every order. Left (docs/decisions.md): a mapping missing its
 * kind's required key (`runs-on`, `uses`, `run`) or holding shared keys only, which GitHub refuses
 * too ("Required property is missing", "not enough info").
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { githubConvertErrors } from '../support/github-convert.js';
import { findingsOf } from '../support/repo.js';
import { cli } from '../support/cli.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MANIFEST =
  'version: 1\nrepository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }\ndefaults: { permissions: { contents: read } }\nworkflows: {}\n';
const LIB =
  'on: workflow_call\njobs:\n  lib:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lib\n';

const invalid = (text: string) =>
  findingsOf('invalid-workflow', { 'ci.yml': text, 'lib.yml': LIB }, MANIFEST).filter(
    (f) => f.workflow === 'ci.yml',
  );

/** A value GitHub takes for each job key, so that only the job's shape decides. */
const JOB_VALUES: Record<string, string> = {
  needs: '[]',
  if: 'true',
  strategy: '{ matrix: { v: [1, 2] } }',
  name: 'n',
  'runs-on': 'ubuntu-latest',
  'timeout-minutes': '5',
  'cancel-timeout-minutes': '5',
  'continue-on-error': 'true',
  container: 'node:20',
  services: '{ db: { image: postgres } }',
  env: '{ A: b }',
  environment: 'production',
  permissions: '{ contents: read }',
  concurrency: 'group',
  outputs: '{ o: x }',
  defaults: '{ run: { shell: bash } }',
  steps: '[ { run: echo } ]',
  uses: './.github/workflows/lib.yml',
  with: '{ a: b }',
  secrets: 'inherit',
};
/** The same for a step's keys (GitHub's background-step keys are behind a feature flag: left out). */
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
  uses: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
  with: '{ a: b }',
};

const job = (keys: readonly string[]) =>
  `on: push\njobs:\n  j:\n${keys.map((k) => `    ${k}: ${JOB_VALUES[k]}\n`).join('')}`;
const step = (keys: readonly string[]) =>
  `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - ${keys.map((k) => `${k}: ${STEP_VALUES[k]}`).join('\n        ')}\n`;

/**
 * GitHub's refusals of a mapping's shape: a key of the other kind, and (refused since session 38) a
 * mapping missing its kind's required key or fitting both kinds.
 */
const SHAPE_REFUSAL = /Unexpected value|Required property is missing|not enough info/;

/** Line numbers GitHub names: `ci.yml (Line: 5, Col: 5): …`. */
const githubLines = (errors: readonly string[]) => errors.map((e) => Number(/Line: (\d+)/.exec(e)?.[1]));

describe('a job or a step mixing two kinds is invalid-workflow (session 37)', () => {
  const REFUSED: [string, string, number, RegExp][] = [
    ['a call job with an environment', job(['environment', 'uses']), 5, /'uses'.*runs steps/],
    ['a call job with runs-on', job(['uses', 'runs-on']), 5, /'runs-on'.*reusable workflow/],
    ['a call job with continue-on-error', job(['uses', 'continue-on-error']), 5, /continue-on-error/],
    ['a call job with timeout-minutes', job(['timeout-minutes', 'uses']), 5, /'uses'/],
    ['a call job with steps', job(['uses', 'steps']), 5, /'steps'/],
    ['a job that runs steps with secrets: inherit', job(['runs-on', 'secrets', 'steps']), 5, /'secrets'/],
    ['a step with run: and uses:', step(['run', 'uses']), 7, /'uses'/],
    ['a step with uses: and run:', step(['uses', 'run']), 7, /'run'/],
    ['a step with run: and with:', step(['run', 'with']), 7, /'with'/],
    ['a step with uses: and shell:', step(['uses', 'shell']), 7, /'shell'/],
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

  it('the CLI fails on a call job with an environment (exit 1), not only runCheck', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s37-shapes-'));
    try {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      writeFileSync(join(dir, '.github/workflows/ci.yml'), job(['environment', 'uses']));
      writeFileSync(join(dir, '.github/workflows/lib.yml'), LIB);
      writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
      const r = await cli(['check', dir, '--format', 'json']);
      expect(r.code).toBe(1);
      const f = (JSON.parse(r.stdout) as { findings: { rule: string; line: number }[] }).findings;
      expect(f.filter((x) => x.rule === 'invalid-workflow').map((x) => x.line)).toEqual([5]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shapes GitHub runs stay workflows: shared keys on a call, every factory key with runs-on, run and uses steps', async () => {
    for (const text of [
      job(['name', 'needs', 'if', 'permissions', 'concurrency', 'strategy', 'uses', 'with', 'secrets']),
      job(['needs', 'runs-on', 'environment', 'continue-on-error', 'timeout-minutes', 'steps']),
      step(['name', 'id', 'if', 'run', 'shell', 'working-directory', 'env', 'continue-on-error']),
      step(['name', 'id', 'uses', 'with', 'env', 'timeout-minutes']),
    ]) {
      expect(await githubConvertErrors(text)).toEqual([]);
      expect(invalid(text)).toEqual([]);
    }
  });

  it('property: the check refuses a job exactly when GitHub finds a key of the other kind, at a line GitHub names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...Object.keys(JOB_VALUES)), { minLength: 1, maxLength: 6 }),
        async (keys) => {
          const text = job(keys);
          const github = (await githubConvertErrors(text)).filter((e) => SHAPE_REFUSAL.test(e));
          const f = invalid(text);
          expect(f.length > 0).toBe(github.length > 0);
          if (f.length) expect(githubLines(github)).toContain(f[0]!.line);
        },
      ),
      { seed: 37, numRuns: 300 },
    );
  });

  it('property: the check refuses a step exactly when GitHub finds a key of the other kind, at a line GitHub names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...Object.keys(STEP_VALUES)), { minLength: 1, maxLength: 5 }),
        async (keys) => {
          const text = step(keys);
          const github = (await githubConvertErrors(text)).filter((e) => SHAPE_REFUSAL.test(e));
          const f = invalid(text);
          expect(f.length > 0).toBe(github.length > 0);
          if (f.length) expect(githubLines(github)).toContain(f[0]!.line);
        },
      ),
      { seed: 37, numRuns: 300 },
    );
  });
});
