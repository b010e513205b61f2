/**
 * Session 8: GitHub's template reader reads a value that is one expression of one string literal,
 * `${{ 'write-all' }}`, as that string (keys included), even where no expression is allowed.
 * stepwarden read it as written: `permissions: ${{ 'write-all' }}` was an invalid block, counted as no
 * permission, so the access diff showed a job going from read-all to write-all as "narrowed" and
 * `--fail-on widened` passed; `contents: ${{ 'write' }}` likewise; a reusable-workflow call
 * `uses: ${{ './.github/workflows/deploy.yml' }}` was no call, so its callee was judged alone.
 * Each case is held to GitHub's own parser here.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NoOperationTraceWriter, parseWorkflow as githubParse } from '@actions/workflow-parser';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { foldLiterals, literalOf, mayFold } from '../../shared/workflow/literal.js';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { compositeUses } from '../../shared/workflow/composite.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { disagreements, githubFacts, stepwardenFacts } from '../workflow/differential.js';
import { findingsOf, manifest, wf } from '../support/repo.js';

const job = (perm: string, extra = '') =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: ${perm}\n    steps:\n      - run: make\n${extra}`;

const MANIFEST = `version: 1
workflows:
  x.yml:
    jobs:
      a:
        permissions: read-all
`;

function diff(base: string, head: string) {
  const m = manifest(MANIFEST);
  const st = (t: string) => ({
    label: 'x',
    workflows: [wf('x.yml', t)],
    manifest: m.manifest,
    manifestLineOf: m.lineOf,
  });
  return diffStates(st(base), st(head)).changes;
}

describe('a literal expression is read as GitHub reads it', () => {
  const cases: [string, string][] = [
    ['shorthand', job("${{ 'write-all' }}")],
    ['shorthand, no spaces', job("${{'write-all'}}")],
    ['shorthand, double-quoted YAML with an escape', job(`"\\x24{{ 'write-all' }}"`)],
    ['a level', job("\n      contents: ${{ 'write' }}\n      id-token: \"${{ 'write' }}\"")],
    ['a scope key', job("\n      ${{ 'contents' }}: write")],
    [
      'the permissions key',
      job('read-all').replace('permissions: read-all', "${{ 'permissions' }}: write-all"),
    ],
    ['a step uses', job('read-all', "      - uses: ${{ 'evil/x@main' }}\n")],
    [
      'an environment',
      job('read-all').replace('    steps:', "    environment: ${{ 'production' }}\n    steps:"),
    ],
    ['a job id', job('read-all').replace('  a:', "  ${{ 'a' }}:")],
    ['the trigger', job('read-all').replace('on: push', "on: ${{ 'pull_request_target' }}")],
  ];
  it.each(cases)('%s: the model equals GitHub parser reading', (_, text) => {
    const theirs = githubFacts('x.yml', text);
    expect(theirs.valid).toBe(true);
    expect(disagreements('x.yml', stepwardenFacts(wf('x.yml', text)), theirs)).toEqual([]);
  });

  it('read-all -> ${{ "write-all" }} is widened in the diff and fails --fail-on widened', () => {
    const changes = diff(job('read-all'), job("${{ 'write-all' }}"));
    expect(changes.some((c) => c.effect === 'narrowed')).toBe(false);
    expect(changes.filter((c) => c.kind === 'permission' && c.subject === 'contents')).toEqual([
      expect.objectContaining({ effect: 'widened', before: 'read', after: 'write' }),
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('contents: ${{ "write" }} is contents: write to the check (excess, not an unknown level)', () => {
    const text = job("\n      contents: ${{ 'write' }}");
    const rules = (r: string) => findingsOf(r, { 'x.yml': text }, MANIFEST);
    expect(rules('unknown-scope')).toEqual([]);
    expect(
      rules('excess-permission')
        .map((f) => f.message)
        .join(),
    ).toMatch(/contents: write/);
  });

  it('a reusable-workflow call by a literal expression passes the caller token to the callee', () => {
    const caller = `on: push\njobs:\n  call:\n    permissions: write-all\n    uses: \${{ './.github/workflows/deploy.yml' }}\n`;
    const callee = `on: workflow_call\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`;
    const jobs = resolveAccess([wf('ci.yml', caller), wf('deploy.yml', callee)], 'restricted');
    const deploy = jobs.find((j) => j.workflow === 'deploy.yml' && j.job === 'deploy')!;
    expect(deploy.via?.workflow).toBe('ci.yml');
    expect(deploy.permissions.contents).toBe('write');
  });

  it('composite action steps are read the same way', () => {
    const action = "runs:\n  using: composite\n  steps:\n    - uses: ${{ 'evil/x@main' }}\n";
    expect(compositeUses(action).map((u) => u.uses)).toEqual(['evil/x@main']);
  });

  it('a folded key equal to another key of its mapping is refused, as GitHub refuses it', () => {
    const texts = [
      job('read-all').replace('    steps:', "    ${{ 'permissions' }}: write-all\n    steps:"),
      job('read-all') +
        "  ${{ 'A' }}:\n    runs-on: u\n    permissions: write-all\n    steps:\n      - run: x\n",
      job('read-all').replace('on: push', "on: push\n${{ 'on' }}: pull_request_target"),
    ];
    for (const text of texts) {
      expect(githubFacts('x.yml', text).valid).toBe(false);
      const m = wf('x.yml', text);
      expect(m.error?.message).toMatch(/already defined/);
    }
  });

  it('a block stepwarden cannot read as levels is "cannot judge" in the diff, never narrowed', () => {
    for (const head of [
      job("${{ 'write-' }}all"),
      job('Write-All'),
      job("\n      contents: ${{ 'wr' }}ite"),
    ]) {
      const changes = diff(job('read-all'), head);
      expect(changes.map((c) => c.effect)).toEqual(['cannot-judge']);
      expect(failsOnWidened(changes)).toBe(true);
    }
  });
});

/** What GitHub's parser makes of one workflow-level env value: a string, or an expression (undefined). */
function githubValue(value: string): string | undefined {
  const text = `on: push\nenv:\n  X: ${JSON.stringify(value)}\njobs:\n  a:\n    runs-on: u\n    steps:\n      - run: x\n`;
  const r = githubParse({ name: 'x.yml', content: text }, new NoOperationTraceWriter());
  const root = JSON.parse(JSON.stringify(r.value)) as { map: { Key: string; Value: unknown }[] };
  const env = root.map.find((e) => e.Key === 'env')!.Value as { map: { Key: string; Value: unknown }[] };
  const v = env.map[0]!.Value;
  return typeof v === 'string' ? v : undefined;
}

describe('literalOf follows the template reader', () => {
  it('on generated values (property, GitHub parser as the oracle)', () => {
    const piece = fc.constantFrom(
      '${{',
      '}}',
      '}',
      '{',
      "'",
      "''",
      ' ',
      '\t',
      'a',
      'write-all',
      'secrets.X',
      '$',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const value = parts.join('');
        if (value === '') return;
        const theirs = githubValue(value);
        // A value the reader keeps as an expression (or refuses) is no literal; otherwise the string it reads.
        const mine = literalOf(value);
        if (mine !== undefined) expect(theirs).toBe(mine);
        else if (theirs !== undefined) expect(theirs).toBe(value);
      }),
      { numRuns: 400 },
    );
  });

  it('mayFold never skips a text whose tree folds (property)', () => {
    const piece = fc.constantFrom(
      '${{',
      '}}',
      "'",
      ' ',
      '\n      ',
      'write-all',
      '\\x24',
      "${{ 'a' }}",
      "\\x24{{ 'a' }}",
      "$\\x7b{\\t'a' }}",
      "${{\\\n  'a' }}",
      '\\u007b',
      '$',
      '{',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.constantFrom('plain', 'double', 'single'),
        (parts, style) => {
          const v = parts.join('');
          const yamlValue =
            style === 'double'
              ? `"${v.replace(/"/g, '\\"')}"`
              : style === 'single'
                ? `'${v.replace(/'/g, "''")}'`
                : v;
          const text = `on: push\njobs:\n  a:\n    runs-on: u\n    permissions: ${yamlValue}\n    steps:\n      - run: x\n`;
          const parsed = parseLocatedYaml(text);
          if (!parsed.root) return;
          if (foldLiterals(parsed.root) !== parsed.root) expect(mayFold(text)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('known forms', () => {
    expect(literalOf("${{ 'it''s' }}")).toBe("it's");
    expect(literalOf("${{ '' }}")).toBe('');
    expect(literalOf("${{ 'a' }}x")).toBeUndefined();
    expect(literalOf("${{ 'a' 'b' }}")).toBeUndefined();
    expect(literalOf("${{ 'a' }}${{ 'b' }}")).toBeUndefined();
    expect(literalOf("${{ '}}' }}")).toBe('}}');
    expect(literalOf('${{ secrets.X }}')).toBeUndefined();
  });
});
