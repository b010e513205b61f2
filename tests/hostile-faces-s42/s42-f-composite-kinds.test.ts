/**
 * Session 42 (w-rfaces), left by session 41: values of the wrong kind inside a local composite action
 * (action.yml's `runs.steps`, its `inputs:`), which the runner reads with its action schema
 * (@actions/workflow-parser's `parseAction` holds the same one) and refuses whole: the action never
 * loads, so none of its steps runs. At bdb62c33 the check read such a value as absent (`uses: {..}` no
 * action, `with: [..]` no input) and judged the rest as steps that run. Now the action is held as one
 * GitHub refuses (`GitHub refuses this action: …`, unreadable-local-action), as an invalid step id is
 * (session 27). What the runner takes stays taken (a lone expression in `with:`, `env:` or `shell:`,
 * whose definitions name contexts).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { readComposite, withCompositeActions } from '../../shared/workflow/composite.js';
import { cli } from '../support/cli.js';
import { manifest, wf } from '../support/repo.js';
import { ACTION_REPO_MANIFEST, ACTION_REPO_WORKFLOW, actionRepos } from '../support/action-repo.js';

const githubActionErrors = (text: string): string[] =>
  parseAction({ name: 'action.yml', content: text }, new NoOperationTraceWriter())
    .context.errors.getErrors()
    .map((e) => e.message);
const lineOf = (e: string) => Number(/Line: (\d+)/.exec(e)?.[1]);

const HEAD = 'name: t\ndescription: d\nruns:\n  using: composite\n  steps:\n';
/** An action with one step whose keys are `lines` (the first after `- `). */
const step = (lines: string) => `${HEAD}    - ${lines}\n`;
const RUN = 'run: x\n      shell: bash';
const USES = 'uses: a/b@v1';

/** Each place, `@@` where the value goes. */
const PLACES: readonly [string, string][] = [
  ['the step', `${HEAD}    - @@\n`],
  ['uses:', step('uses: @@')],
  ['with:', step(`${USES}\n      with: @@`)],
  ['with: a:', step(`${USES}\n      with:\n        a: @@`)],
  ['env:', step(`${RUN}\n      env: @@`)],
  ['env: A:', step(`${RUN}\n      env:\n        A: @@`)],
  ['run:', step('run: @@\n      shell: bash')],
  ['shell:', step('run: x\n      shell: @@')],
  ['name:', step(`${RUN}\n      name: @@`)],
  ['if:', step(`${RUN}\n      if: @@`)],
  ['working-directory:', step(`${RUN}\n      working-directory: @@`)],
  ['continue-on-error:', step(`${RUN}\n      continue-on-error: @@`)],
  ['inputs:', `name: t\ndescription: d\ninputs: @@\nruns:\n  using: composite\n  steps:\n    - ${USES}\n`],
  [
    'inputs: a:',
    `name: t\ndescription: d\ninputs:\n  a: @@\nruns:\n  using: composite\n  steps:\n    - ${USES}\n`,
  ],
  [
    'inputs: a: default:',
    `name: t\ndescription: d\ninputs:\n  a:\n    default: @@\nruns:\n  using: composite\n  steps:\n    - ${USES}\n`,
  ],
];
const VALUES = [
  '[a]',
  '[]',
  '{}',
  '{a: b}',
  'x',
  '1',
  'true',
  'yes',
  '!!str 5',
  "${{ 'x' }}",
  '${{ inputs.a }}',
  '${{ fromJSON(inputs.a) }}',
];
/**
 * GitHub's words for what is not judged here: an expression's context, a required key, an empty value,
 * a step without `run:` or `uses:`, and a key a composite step does not take (`{a: b}` as the step):
 * left, as the runner's action schema may take keys its port does not know.
 */
const OTHER =
  /Unrecognized named-value|Required property is missing|Unexpected value ''|not allowed|not enough info/;
const UNKNOWN_KEY = (place: string, value: string) => place === 'the step' && value === '{a: b}';

describe('a value of the wrong kind in a local composite action is refused as the runner refuses it (session 42)', () => {
  it.each([
    ['uses: a mapping', step('uses: {a: b}'), 6],
    ['with: a list', step(`${USES}\n      with: [a]`), 7],
    ['a with: value that is a mapping', step(`${USES}\n      with:\n        a: {b: c}`), 8],
    ['env: a list', step(`${RUN}\n      env: [A]`), 8],
    ['run: a mapping', step('run: {a: b}\n      shell: bash'), 6],
    ['a step that is a string', `${HEAD}    - x\n`, 6],
    [
      'inputs: a list',
      `name: t\ndescription: d\ninputs: [a]\nruns:\n  using: composite\n  steps:\n    - ${USES}\n`,
      3,
    ],
  ] as const)('%s: held, GitHub refuses this action, at its line', (_, text, line) => {
    expect(githubActionErrors(text).map(lineOf)).toContain(line);
    const r = readComposite(text);
    expect(r.unread).toBe(true);
    expect(r.problem).toMatch(/^GitHub refuses this action: /);
    expect(r.problem).toContain(`(line ${line})`);
    expect(r.uses).toEqual([]);
  });

  it('every place and value: never held where the runner takes it, at a line it names; taken only where it refuses for another class', () => {
    const wrong: string[] = [];
    for (const [place, template] of PLACES)
      for (const value of VALUES) {
        const text = template.replace('@@', value);
        const github = githubActionErrors(text);
        const r = readComposite(text);
        const line = Number(/\(line (\d+)\)$/.exec(r.problem ?? '')?.[1]);
        if (r.unread && (github.length === 0 || !github.map(lineOf).includes(line)))
          wrong.push(`${place} ${value}: held (${r.problem}), GitHub ${github[0] ?? 'takes it'}`);
        if (!r.unread && github.length > 0 && !OTHER.test(github[0]!) && !UNKNOWN_KEY(place, value))
          wrong.push(`${place} ${value}: taken, GitHub: ${github[0]}`);
      }
    expect(wrong).toEqual([]);
  });

  it('what the runner takes is read as before', () => {
    for (const text of [
      step(`${USES}\n      with: \${{ fromJSON(inputs.w) }}`),
      step(`${RUN}\n      env: \${{ fromJSON(inputs.e) }}`),
      step('run: x\n      shell: ${{ inputs.shell }}'),
    ]) {
      expect(githubActionErrors(text)).toEqual([]);
      expect(readComposite(text).unread).toBeUndefined();
    }
    expect(readComposite(step(USES)).uses.map((u) => u.uses)).toEqual(['a/b@v1']);
  });
});

describe('the faces on a job running such an action (session 42)', () => {
  const MANIFEST = ACTION_REPO_MANIFEST;
  const WORKFLOW = ACTION_REPO_WORKFLOW;
  const PLAIN = `${HEAD}    - run: echo hi\n      shell: bash\n`;
  const WRONG = `${PLAIN}    - uses: actions/setup-node@v4\n      with: [node-version]\n`;
  const { repo, cleanup } = actionRepos('sw-s42-kinds-');
  afterAll(cleanup);
  const gate = async (actionText: string) =>
    enforceJob({
      workflows: await withCompositeActions([wf('ci.yml', WORKFLOW)], async (d) =>
        d === '.github/actions/tool' ? { path: `${d}/action.yml`, text: actionText } : undefined,
      ),
      manifest: manifest(MANIFEST),
      workflow: 'ci.yml',
      job: 'build',
      event: 'push',
    });

  it('control: the plain action passes the check and the gate', async () => {
    expect((await cli(['check', repo(PLAIN), '--format', 'json'])).code).toBe(0);
    expect((await gate(PLAIN)).allowed).toBe(true);
  });

  it('`with:` as a list: the check fails it with the line, the diff does not say "no change", the gate denies', async () => {
    expect(githubActionErrors(WRONG).map(lineOf)).toContain(9);
    const head = repo(WRONG);
    const r = await cli(['check', head, '--format', 'json']);
    expect(r.code).toBe(1);
    const found = (
      JSON.parse(r.stdout) as { findings: { rule: string; message: string; severity: string }[] }
    ).findings;
    const e = found.find((f) => f.rule === 'unreadable-local-action');
    expect(e?.severity).toBe('error');
    expect(e?.message).toContain('GitHub refuses this action');
    expect(e?.message).toContain('(line 9)');
    const d = await cli(['diff', repo(PLAIN), head, '--format', 'json', '--fail-on', 'widened']);
    expect(d.code).toBe(1);
    const v = await gate(WRONG);
    expect(v.allowed).toBe(false);
    expect(v.problems.some((p) => p.rule === 'unreadable-local-action')).toBe(true);
  });
});
