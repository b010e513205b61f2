/**
 * Session 43 (w-rfaces), left by session 42 (lead 1): unknown keys and the step kind in a local composite
 * action's `runs.steps`. The runner reads action.yml with its action schema (actions/runner
 * src/Runner.Worker/action_yaml.json at 258d6c85, 2026-08: `composite-step` is one of `run-step` and
 * `uses-step`, each a closed mapping; its port's action schema holds the same keys) and any error fails
 * the action's load (ActionManifestManager: "Failed to load action.yml"), so none of its steps runs. At
 * 0848e99d the check read such a step as absent (`Uses:`, a step of both kinds, a run step without
 * `shell:`, `uses: ''`) and judged the action's other steps as steps that run. Now the action is held as
 * one GitHub refuses (unreadable-local-action: the check fails, the gate denies), as a wrong kind is
 * (session 42). What the runner takes stays taken: a key of the action's root or of an input (loose in
 * the runner's schema, though the port refuses a root key it does not know).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { readComposite } from '../../shared/workflow/composite.js';
import { cli } from '../support/cli.js';
import { PINNED } from '../support/repo.js';
import { actionRepos } from '../support/action-repo.js';

const githubActionErrors = (text: string): string[] =>
  parseAction({ name: 'action.yml', content: text }, new NoOperationTraceWriter())
    .context.errors.getErrors()
    .map((e) => e.message);
const lineOf = (e: string) => Number(/Line: (\d+)/.exec(e)?.[1]);
const heldLine = (problem: string | undefined) => Number(/\(line (\d+)\)$/.exec(problem ?? '')?.[1]);

const HEAD = 'name: t\ndescription: d\nruns:\n  using: composite\n  steps:\n';
const LAST = `    - uses: ${PINNED}\n`;
/** An action whose first step's keys are `lines` (the first after `- `), then a plain step. */
const step = (lines: string) => `${HEAD}    - ${lines}\n${LAST}`;

describe('a composite step GitHub cannot read as a run step or a uses step holds the whole action (session 43)', () => {
  it.each([
    ['an unknown key', step('uses: a/b@v1\n      foo: 1'), 7],
    ['`Uses:` (keys are case-sensitive)', step('Uses: a/b@v1'), 6],
    ['an expression as a key', step('uses: a/b@v1\n      ${{ inputs.k }}: 1'), 7],
    ['both kinds: uses and run', step('uses: a/b@v1\n      run: x\n      shell: bash'), 7],
    ['both kinds: run and with', step('run: x\n      shell: bash\n      with:\n        a: b'), 8],
    ['neither kind: a name only', step('name: n'), 6],
    ['neither kind: an empty mapping', step('{}'), 6],
    ['a run step without shell:', step('run: x'), 6],
    ['a run step without run:', step('shell: bash\n      working-directory: w'), 6],
    ['a uses step without uses:', step('with:\n        a: b'), 6],
    ["uses: ''", step("uses: ''"), 6],
    ['uses: with nothing', step('uses:'), 6],
    ['with: with nothing', step('uses: a/b@v1\n      with:'), 7],
    ['env: with nothing', step('run: x\n      shell: bash\n      env:'), 8],
    ['continue-on-error: with nothing', step('uses: a/b@v1\n      continue-on-error:'), 7],
    // A key of no `runs` kind; one of another kind (`main:`) GitHub names where the kinds narrow to none,
    // which may be `steps:` after it (docs/decisions.md, session 43).
    ['runs: an unknown key', `${HEAD.replace('  steps:\n', '  foo: x\n  steps:\n')}${LAST}`, 5],
    ['runs: a key of another kind', `${HEAD}${LAST}  main: x.js\n`, 7],
    [
      'an output with an unknown key',
      `name: t\noutputs:\n  o:\n    value: x\n    vaule: y\nruns:\n  using: composite\n  steps:\n${LAST}`,
      5,
    ],
  ] as const)('%s: held, at a line GitHub names', (_, text, line) => {
    expect(githubActionErrors(text).map(lineOf)).toContain(line);
    const r = readComposite(text);
    expect(r.problem).toMatch(/^GitHub refuses this action: /);
    expect(r.unread).toBe(true);
    expect(heldLine(r.problem)).toBe(line);
    // None of its steps is judged as one that runs, the plain one after it included.
    expect(r.uses).toEqual([]);
  });

  it('what the runner takes is read as before: each kind whole, a root or input key it does not know', () => {
    for (const text of [
      step(
        'uses: a/b@v1\n      id: s\n      name: n\n      if: always()\n      with:\n        a: b\n      env:\n        A: b\n      continue-on-error: true',
      ),
      step(
        'run: x\n      shell: bash\n      id: s\n      name: n\n      if: always()\n      working-directory: w\n      env:\n        A: b\n      continue-on-error: true',
      ),
      step("run: ''\n      shell: bash\n      name:\n      if:"),
    ]) {
      expect(githubActionErrors(text)).toEqual([]);
      expect(readComposite(text).unread).toBeUndefined();
      expect(readComposite(text).uses.at(-1)?.uses).toBe(PINNED);
    }
    // `action-root` and `input` take loose keys in the runner's schema (`branding:`, `author:`,
    // `deprecationMessage:`); the port refuses an unknown root key, the runner does not.
    const loose = `name: t\nauthor: a\nbranding:\n  icon: x\ninputs:\n  a:\n    deprecationMessage: d\n${HEAD.slice('name: t\ndescription: d\n'.length)}${LAST}`;
    expect(readComposite(loose)).toEqual({ uses: [{ uses: PINNED, line: 11 }] });
  });

  it('any set of step keys: held exactly when GitHub refuses, at a line it names', () => {
    const KEYS: readonly [string, string][] = [
      ['name', 'n'],
      ['id', 's1'],
      ['if', 'always()'],
      ['run', 'echo hi'],
      ['shell', 'bash'],
      ['working-directory', 'w'],
      ['uses', 'a/b@v1'],
      ['with', '{a: b}'],
      ['env', '{A: b}'],
      ['continue-on-error', 'true'],
      ['Uses', 'a/b@v1'],
      ['Run', 'x'],
      ['timeout-minutes', '5'],
      ['foo', 'x'],
    ];
    fc.assert(
      fc.property(fc.subarray([...KEYS], { minLength: 0, maxLength: 6 }), fc.boolean(), (keys, shuffled) => {
        const ordered = shuffled ? [...keys].reverse() : keys;
        const body = ordered.length ? ordered.map(([k, v]) => `${k}: ${v}`).join('\n      ') : '{}';
        const text = step(body);
        const github = githubActionErrors(text);
        const r = readComposite(text);
        expect([body, r.unread === true]).toEqual([body, github.length > 0]);
        if (r.unread) expect(github.map(lineOf)).toContain(heldLine(r.problem));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the check on a job running such an action (session 43)', () => {
  const { repo, cleanup } = actionRepos('sw-s43-steps-');
  afterAll(cleanup);

  it('a run step without shell: fails the check with the action file and line, not a pass over steps that never run', async () => {
    const plain = `${HEAD}    - run: echo hi\n      shell: bash\n${LAST}`;
    expect((await cli(['check', repo(plain), '--format', 'json'])).code).toBe(0);
    const broken = `${HEAD}    - run: echo hi\n${LAST}`;
    const r = await cli(['check', repo(broken), '--format', 'json']);
    expect(r.code).toBe(1);
    const f = (JSON.parse(r.stdout) as { findings: { rule: string; message: string }[] }).findings.find(
      (x) => x.rule === 'unreadable-local-action',
    );
    expect(f?.message).toContain('Required property is missing: shell');
    expect(f?.message).toContain('(line 6)');
  });
});
