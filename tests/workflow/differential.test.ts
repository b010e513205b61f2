/**
 * Differential test against GitHub's own parser (`@actions/workflow-parser`): per job, the
 * permissions, `uses:`, secrets, environments and `needs` stepwarden's model extracts, and the
 * workflow's triggers and permissions, equal what GitHub's parser reads, for every file of the corpus
 * and the workflow fixtures. Files GitHub's parser refuses are not compared (nothing of them runs).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { disagreements, githubFacts, stepwardenFacts } from './differential.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpusDir = join(root, '..', 'shared', 'corpus', 'realworld-2021');

/**
 * Disagreements kept on purpose, each with its reason (docs/decisions.md, "Reading workflows as
 * GitHub does"). Empty: stepwarden and GitHub's parser agree on every compared fact of every file.
 */
const ALLOWED: Record<string, string> = {};

function compare(name: string, text: string): string[] {
  return disagreements(name, stepwardenFacts(parseWorkflow(name, name, text)), githubFacts(name, text));
}

function workflowFixtures(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return workflowFixtures(p);
    return /\.ya?ml$/.test(f) && p.includes('/.github/workflows/') ? [p] : [];
  });
}

describe("stepwarden reads workflows as GitHub's parser does", () => {
  it.each([
    [
      'a flow job body on its own line (issue 13 §1)',
      'on: push\njobs:\n  build:\n    { runs-on: x, permissions: write-all, steps: [ { uses: evil/action@main, with: { t: "${{ secrets.K }}" } } ] }\n',
    ],
    [
      'flow `on:` and `needs` on their own lines',
      'on:\n  { push: { branches: [main] } }\njobs:\n  a:\n    runs-on: x\n    steps: [{run: x}]\n  b:\n    needs:\n      [a]\n    runs-on: x\n    steps:\n      -\n        { uses: o/r@v1 }\n',
    ],
    [
      'secrets in `if:` without `${{ }}`, bracket access, the whole context, workflow env',
      "on: push\nenv:\n  W: ${{ secrets.WF }}\njobs:\n  a:\n    runs-on: x\n    if: secrets.A != ''\n    steps:\n      - run: echo ${{ secrets['B'] }} ${{ toJSON(secrets) }}\n      - run: echo ${{ github.secrets }} secrets.NOT\n",
    ],
    [
      'environments as a string, a map and an expression; permissions shorthand and map',
      'on: [push, workflow_dispatch]\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n    environment: prod\n    permissions: {contents: write, id-token: write}\n    steps: [{run: x}]\n  b:\n    runs-on: x\n    environment:\n      name: ${{ inputs.env }}\n      url: https://x\n    steps: [{run: x}]\n  c:\n    uses: ./.github/workflows/lib.yml\n    secrets: inherit\n',
    ],
    [
      'anchors and aliases',
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps: &s\n      - uses: o/r@v1\n  b:\n    runs-on: x\n    steps: *s\n',
    ],
  ])('%s', (_, text) => {
    expect(githubFacts('x.yml', text).valid).toBe(true);
    expect(compare('x.yml', text)).toEqual([]);
  });

  it('the comparison can fail: a model that misses a key is caught', () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: x\n    permissions: write-all\n    steps: [{uses: o/r@v1}]\n';
    const mine = stepwardenFacts(parseWorkflow('x.yml', 'x.yml', 'on: push\njobs:\n  a: { runs-on: x }\n'));
    expect(disagreements('x.yml', mine, githubFacts('x.yml', text))).toEqual([
      'x.yml#a permissions: - | write-all',
      'x.yml#a uses:  | o/r@v1',
      'x.yml#a inputs:  | -',
    ]);
  });

  it("steps' with: as the runner reads it: names in any case, one expression, expression keys, empty values", () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: o/r@v1\n        with: { MODE: audit, Token: }\n      - uses: o/r@v1\n        with: ${{ fromJSON(vars.W) }}\n      - uses: o/r@v1\n        with:\n          ${{ vars.K }}: x\n';
    const theirs = githubFacts('x.yml', text);
    expect(theirs.jobs['a']!.inputs).toBe('mode=audit;token= | ${{ }} | ${{ }}=x');
    expect(disagreements('x.yml', stepwardenFacts(parseWorkflow('x.yml', 'x.yml', text)), theirs)).toEqual(
      [],
    );
  });

  it('every corpus file and workflow fixture: no disagreement outside the allow-list', () => {
    if (!existsSync(corpusDir))
      throw new Error(`corpus missing: ${corpusDir} (clone the shared corpus beside this repository)`);
    const files = [
      ...readdirSync(corpusDir).map((f) => join(corpusDir, f)),
      ...workflowFixtures(join(root, 'tests', 'fixtures')),
    ];
    expect(files.length).toBeGreaterThan(1503);
    const found = files.flatMap((f) => compare(f.slice(f.lastIndexOf('/') + 1), readFileSync(f, 'utf8')));
    expect(found.filter((d) => !(d in ALLOWED))).toEqual([]);
    // An allow-list entry that no longer happens is stale: remove it with its reason.
    expect(Object.keys(ALLOWED).filter((d) => !found.includes(d))).toEqual([]);
  }, 180_000);
});
