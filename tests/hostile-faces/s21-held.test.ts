/**
 * Session 21, attacks that held (no change): each pinned here because nothing else pinned it.
 * - YAML tags on the values and keys that carry access: for every tag GitHub's parser
 *   (`@actions/workflow-parser`) accepts, stepwarden either reads what it reads or refuses the file
 *   (fail closed); it never reads a workflow GitHub reads otherwise.
 * - A file whose lines end in a lone CR: GitHub's reader refuses it ("Nested mappings are not allowed
 *   in compact mappings"), so does stepwarden, with a line.
 * - A linked `.github/workflows` in a commit's tree hides every workflow behind it: the diff makes it a
 *   file it cannot judge, never an empty directory (every job "narrowed").
 */
import { describe, expect, it } from '@jest/globals';
import { selectWorkflowEntries } from '../../shared/diff/entries.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { disagreements, githubFacts, stepwardenFacts } from '../workflow/differential.js';

const TAGS = [
  '!!str',
  '!!null',
  '!!bool',
  '!!int',
  '!!float',
  '!!binary',
  '!!timestamp',
  '!<tag:yaml.org,2002:str>',
  '!',
  '!foo',
  '!!set',
  '!!omap',
  '!!seq',
  '!!map',
  '!!pairs',
  '!!merge',
];
const job = (perm: string, steps = '[{run: x}]') =>
  `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: ${perm}\n    steps: ${steps}\n`;
const PLACES: Record<string, (t: string) => string> = {
  'permissions shorthand': (t) => job(`${t} write-all`),
  'a permission level': (t) => job(`\n      contents: ${t} write`),
  'permissions mapping': (t) => job(`${t} {contents: write}`),
  'a permission key': (t) => job(`\n      ${t} contents: write`),
  'a step uses': (t) => job('{}', `\n      - uses: ${t} evil/x@main`),
  'the steps': (t) => job('{}', `${t} [{uses: evil/x@main}]`),
  'a job id': (t) =>
    `on: push\njobs:\n  ${t} a:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: x}]\n`,
  'a secret in run': (t) => job('{}', `\n      - run: ${t} "\${{ secrets.X }}"`),
  'an environment': (t) =>
    job('{}').replace('    permissions', `    environment: ${t} production\n    permissions`),
  'the on key': (t) =>
    `${t} on: pull_request_target\njobs:\n  a:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: x}]\n`,
};

describe('held: YAML tags never make stepwarden read a workflow GitHub reads otherwise', () => {
  it.each(Object.keys(PLACES))('on %s', (place) => {
    for (const tag of TAGS) {
      const text = PLACES[place]!(tag);
      const theirs = githubFacts('w.yml', text);
      const model = parseWorkflow('w.yml', '.github/workflows/w.yml', text);
      if (model.error || !theirs.valid) continue;
      expect([tag, disagreements('w.yml', stepwardenFacts(model), theirs)]).toEqual([tag, []]);
    }
  });
});

it('the tag cases are not vacuous: both readers read a good share of them', () => {
  let both = 0;
  for (const f of Object.values(PLACES))
    for (const tag of TAGS) {
      const text = f(tag);
      if (githubFacts('w.yml', text).valid && !parseWorkflow('w.yml', '.github/workflows/w.yml', text).error)
        both++;
    }
  expect(both).toBeGreaterThanOrEqual(15);
});

describe('held: lone CR line ends', () => {
  it('refused as GitHub refuses them, with a line', () => {
    const text = job('{contents: write}').replace(/\n/g, '\r');
    expect(githubFacts('w.yml', text).valid).toBe(false);
    expect(parseWorkflow('w.yml', '.github/workflows/w.yml', text).error).toEqual(
      expect.objectContaining({ line: expect.any(Number) }),
    );
  });
});

describe('held: a linked .github/workflows in a commit', () => {
  it('is a file the diff cannot judge', () => {
    const { toRead, errors } = selectWorkflowEntries([
      { path: '.github', mode: '040000', type: 'tree', sha: 'a'.repeat(40) },
      { path: '.github/workflows', mode: '120000', type: 'blob', sha: 'b'.repeat(40) },
    ]);
    expect(toRead).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        path: '.github/workflows',
        error: expect.objectContaining({ message: expect.stringMatching(/symbolic link/) }),
      }),
    ]);
  });
});
