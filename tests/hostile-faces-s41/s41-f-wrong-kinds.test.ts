/**
 * Session 41 (w-rfaces): a value of the wrong kind under a key the model reads (session 40's
 * leftover: a list where GitHub wants a mapping or a string, a mapping where it wants a string, a
 * string where it wants a mapping). GitHub's reader refuses the whole file ("A sequence was not
 * expected", "A mapping was not expected", "Unexpected value 'x'"), so nothing in it runs; at 1d499283
 * the check read each such value as absent and passed the file. Each place below is a key the model
 * reads, each value one kind; the check must refuse exactly what GitHub's reader refuses, at the line
 * GitHub names (values are written on their key's line, so the two readers place them alike).
 *
 * Not judged here, on purpose: an empty value (`env:` with nothing) and a lone expression
 * (`env: ${{ fromJSON(x) }}`), which GitHub's server takes where its port does not (session 39's
 * corpus survey); keys under a mapping GitHub closes (`concurrency: { a: b }`), a different class.
 */
import { describe, expect, it } from '@jest/globals';
import { githubConvertErrors } from '../support/github-convert.js';
import { findingsOf } from '../support/repo.js';

const MANIFEST =
  'version: 1\nrepository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }\ndefaults: { permissions: { contents: read } }\nworkflows: {}\n';
const invalid = (text: string) => findingsOf('invalid-workflow', { 'ci.yml': text }, MANIFEST);
/** The lines GitHub's errors name (its YAML reader says "at line N"). */
const githubLines = (errors: readonly string[]) =>
  errors.map((e) => {
    const m = /Line: (\d+)|at line (\d+)/.exec(e);
    return Number(m?.[1] ?? m?.[2]);
  });

const RUN = '    runs-on: u\n    steps:\n      - run: x\n';
const job = (lines: string) => `on: push\njobs:\n  j:\n${lines}`;
const step = (lines: string) => `on: push\njobs:\n  j:\n    runs-on: u\n    steps:\n      - ${lines}\n`;
const CALL = '    uses: o/r/.github/workflows/w.yml@0123456789012345678901234567890123456789\n';

/** Each place: its name and the workflow with `@@` where the value goes (on one line). */
const PLACES: readonly [string, string][] = [
  ['name:', `name: @@\n${job(RUN)}`],
  ['run-name:', `run-name: @@\n${job(RUN)}`],
  ['env:', `env: @@\n${job(RUN)}`],
  ['env: A:', `env:\n  A: @@\n${job(RUN)}`],
  ['defaults:', `defaults: @@\n${job(RUN)}`],
  ['defaults: run:', `defaults:\n  run: @@\n${job(RUN)}`],
  ['defaults: run: shell:', `defaults:\n  run:\n    shell: @@\n${job(RUN)}`],
  ['job name:', job(`    name: @@\n${RUN}`)],
  ['job runs-on: [item]', job(`    runs-on: [@@]\n    steps:\n      - run: x\n`)],
  ['job runs-on: group:', job(`    runs-on:\n      group: @@\n    steps:\n      - run: x\n`)],
  ['job runs-on: labels:', job(`    runs-on:\n      labels: @@\n    steps:\n      - run: x\n`)],
  ['job needs: [item]', `on: push\njobs:\n  a:\n${RUN}  j:\n    needs: [@@]\n${RUN}`],
  ['job if:', job(`    if: @@\n${RUN}`)],
  ['job env:', job(`    env: @@\n${RUN}`)],
  ['job env: A:', job(`    env:\n      A: @@\n${RUN}`)],
  ['job outputs:', job(`    outputs: @@\n${RUN}`)],
  ['job outputs: o:', job(`    outputs:\n      o: @@\n${RUN}`)],
  ['job strategy:', job(`    strategy: @@\n${RUN}`)],
  ['job strategy: matrix:', job(`    strategy:\n      matrix: @@\n${RUN}`)],
  ['job strategy: matrix: v:', job(`    strategy:\n      matrix:\n        v: @@\n${RUN}`)],
  ['job strategy: matrix: include:', job(`    strategy:\n      matrix:\n        include: @@\n${RUN}`)],
  [
    'job strategy: matrix: include: [item]',
    job(`    strategy:\n      matrix:\n        include: [@@]\n${RUN}`),
  ],
  ['job strategy: fail-fast:', job(`    strategy:\n      fail-fast: @@\n${RUN}`)],
  ['job container:', job(`    container: @@\n${RUN}`)],
  ['job container: image:', job(`    container:\n      image: @@\n${RUN}`)],
  ['job container: env:', job(`    container:\n      image: i\n      env: @@\n${RUN}`)],
  ['job container: options:', job(`    container:\n      image: i\n      options: @@\n${RUN}`)],
  ['job services:', job(`    services: @@\n${RUN}`)],
  ['job services: s: env:', job(`    services:\n      s:\n        image: i\n        env: @@\n${RUN}`)],
  ['job defaults: run:', job(`    defaults:\n      run: @@\n${RUN}`)],
  ['job environment:', job(`    environment: @@\n${RUN}`)],
  ['job environment: name:', job(`    environment:\n      name: @@\n${RUN}`)],
  ['job environment: url:', job(`    environment:\n      name: n\n      url: @@\n${RUN}`)],
  ['job concurrency:', job(`    concurrency: @@\n${RUN}`)],
  ['job timeout-minutes:', job(`    timeout-minutes: @@\n${RUN}`)],
  ['job continue-on-error:', job(`    continue-on-error: @@\n${RUN}`)],
  ['call uses:', job('    uses: @@\n')],
  ['call with:', job(`${CALL}    with: @@\n`)],
  ['call with: a:', job(`${CALL}    with:\n      a: @@\n`)],
  ['call secrets: a:', job(`${CALL}    secrets:\n      a: @@\n`)],
  ['call strategy:', job(`${CALL}    strategy: @@\n`)],
  ['step name:', step('run: x\n        name: @@')],
  ['step run:', step('run: @@')],
  ['step uses:', step('uses: @@')],
  ['step with:', step('uses: a/b@v1\n        with: @@')],
  ['step with: a:', step('uses: a/b@v1\n        with:\n          a: @@')],
  ['step env:', step('run: x\n        env: @@')],
  ['step env: A:', step('run: x\n        env:\n          A: @@')],
  ['step shell:', step('run: x\n        shell: @@')],
  ['step working-directory:', step('run: x\n        working-directory: @@')],
  ['step if:', step('run: x\n        if: @@')],
  ['step continue-on-error:', step('run: x\n        continue-on-error: @@')],
  ['step timeout-minutes:', step('run: x\n        timeout-minutes: @@')],
];

/** One value of each kind (an unknown key in a mapping GitHub closes is another class: `{}` only). */
const VALUES: readonly [string, string][] = [
  ['a list', '[a]'],
  ['an empty list', '[]'],
  ['an empty mapping', '{}'],
  ['a string', 'x'],
  ['a number', '1'],
  ['a boolean', 'true'],
];
/** Places whose mapping GitHub closes: `{ a: b }` there is an unknown key, not a wrong kind. */
const OPEN_MAPPINGS = new Set([
  'env:',
  'job env:',
  'job outputs:',
  'job container: env:',
  'job services: s: env:',
  'step env:',
  'step with:',
  'call with:',
  'job services:',
]);

/**
 * Values of the right kind GitHub refuses for another reason, another class (session 39 left them):
 * `if: x` is an expression GitHub reads and refuses ("Unrecognized named-value"); a container or
 * concurrency mapping without its required key ("Container image cannot be empty", "Required property
 * is missing: group").
 */
const OTHER_CLASS: Readonly<Record<string, string>> = {
  'job if:': 'a string',
  'step if:': 'a string',
  'job container:': 'an empty mapping',
  'job concurrency:': 'an empty mapping',
};

/** GitHub's words for the classes this file does not judge (see the head comment and OTHER_CLASS). */
const OTHER_CLASSES =
  /Unrecognized named-value|Container image cannot be empty|Required property is missing|BasicExpressionToken|template expression is not allowed/;

describe('a value of the wrong kind under a key the model reads is refused as GitHub refuses it (session 41)', () => {
  for (const [place, template] of PLACES) {
    const values = (OPEN_MAPPINGS.has(place) ? [...VALUES, ['a mapping', '{a: b}'] as const] : VALUES).filter(
      ([kind]) => OTHER_CLASS[place] !== kind,
    );
    it(`${place} as each kind`, async () => {
      const wrong: string[] = [];
      for (const [kind, value] of values) {
        const text = template.replace('@@', value);
        const github = await githubConvertErrors(text);
        const f = invalid(text);
        const refused = github.length > 0;
        if (refused !== f.length > 0 || (refused && !githubLines(github).includes(f[0]!.line)))
          wrong.push(
            `${kind}: GitHub ${refused ? `refuses (${github[0]})` : 'takes it'}, the check ${
              f.length ? `refuses at line ${f[0]!.line}: ${f[0]!.message}` : 'takes it'
            }`,
          );
      }
      expect(wrong).toEqual([]);
    });
  }

  it('every place and a wider set of values (tags, quoted numbers, YAML 1.1 words, nesting, literals): never refused where GitHub takes it, at a line GitHub names, and taken only where GitHub refuses for another class', async () => {
    const wider = [
      ...VALUES.map(([, v]) => v),
      '{a: b}',
      '{name: n}',
      '"x"',
      "'1'",
      '[[a]]',
      '[{a: b}]',
      '{a: [b]}',
      'yes',
      'True',
      '0x1F',
      '.inf',
      '!!str 5',
      '!!str true',
      "${{ '5' }}",
      '[x, y]',
      '${{ matrix.a }}',
      '${{ 1 }}',
      "a/b@${{ 'v1' }}",
    ];
    const wrong: string[] = [];
    for (const [place, template] of PLACES)
      for (const value of wider) {
        const text = template.replace('@@', value);
        const github = await githubConvertErrors(text);
        const f = invalid(text);
        if (f.length > 0 && (github.length === 0 || !githubLines(github).includes(f[0]!.line)))
          wrong.push(
            `${place} ${value}: the check refuses at ${f[0]!.line}, GitHub ${github[0] ?? 'takes it'}`,
          );
        if (f.length === 0 && github.length > 0 && !OTHER_CLASSES.test(github[0]!))
          wrong.push(`${place} ${value}: the check takes it, GitHub: ${github[0]}`);
      }
    expect(wrong).toEqual([]);
  });

  it('a key named as an Object member (`constructor`, `toString`, `__proto__`) is no place of its own (session 41, lead)', async () => {
    // Before: `strategy.matrix.constructor:` read Object's `constructor` as its place and was refused
    // ("GitHub wants  there") in a workflow GitHub runs. Matrix variables, `env:` names and service
    // names are free strings in GitHub's schema; the JS port of GitHub's parser itself crashes on a
    // matrix variable named so (its own prototype lookup: "Cannot read properties of undefined"), so
    // only a clean answer from it is compared.
    const wrong: string[] = [];
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])
      for (const body of [
        `    strategy:\n      matrix:\n        ${name}: [a, b]\n`,
        `    env:\n      ${name}: x\n`,
        `    services:\n      ${name}:\n        image: redis\n`,
      ]) {
        const text = job(`${body}${RUN}`);
        const github = (await githubConvertErrors(text)).filter((e) => !/Cannot read properties/.test(e));
        const f = invalid(text);
        if (github.length === 0 && f.length > 0) wrong.push(`${name} (${body.trim()}): ${f[0]!.message}`);
      }
    expect(wrong).toEqual([]);
  });

  it('the refusal names the place and what GitHub wants there', () => {
    const f = invalid(job(`    env: [A]\n${RUN}`));
    expect(f.map((x) => [x.file, x.line])).toEqual([['.github/workflows/ci.yml', 4]]);
    expect(f[0]!.message).toContain('A sequence was not expected');
    expect(f[0]!.message).toContain("`env:` of the job 'j'");
    expect(f[0]!.message).toContain('a mapping');
  });
});

describe('keys GitHub does not take under `defaults:` and `concurrency:` (session 41)', () => {
  for (const [text, line] of [
    [`defaults:\n  shell: bash\n${job(RUN)}`, 2],
    [`defaults:\n  run:\n    name: n\n${job(RUN)}`, 3],
    [job(`    concurrency:\n      group: g\n      cancel: true\n${RUN}`), 6],
    [job(`    defaults:\n      run:\n        Shell: bash\n${RUN}`), 6],
  ] as const)
    it(JSON.stringify(text.split('\n').find((l) => /shell|name|cancel/i.test(l))), async () => {
      expect(githubLines(await githubConvertErrors(text))).toContain(line);
      const f = invalid(text);
      expect(f.map((x) => x.line)).toEqual([line]);
      expect(f[0]!.message).toContain('which its workflow schema does not allow');
    });
});

describe('an expression where GitHub reads a value before any context exists (session 41)', () => {
  // A matrix `include:` naming the action or the called workflow: the face showed `${{ matrix.a }}`
  // as an action that is "not pinned", the diff no change when the matrix changed; GitHub runs none
  // of it.
  const MATRIX = '    strategy:\n      matrix:\n        include:\n          - a: evil/x@main\n';
  for (const [name, text, line] of [
    [
      'a step `uses:` from the matrix',
      job(`    runs-on: u\n${MATRIX}    steps:\n      - uses: \${{ matrix.a }}\n`),
      10,
    ],
    ['a call `uses:` from the matrix', job(`${MATRIX}    uses: \${{ matrix.a }}\n`), 8],
    ['a step `uses:` with an expression inside', step('uses: a/b@${{ github.sha }}'), 6],
    ['a step `shell:` from an expression', step('run: x\n        shell: ${{ matrix.s }}'), 7],
    [
      '`defaults.run.shell` from an expression',
      `defaults:\n  run:\n    shell: \${{ vars.S }}\n${job(RUN)}`,
      3,
    ],
  ] as const)
    it(`${name}: invalid-workflow at its line`, async () => {
      expect(githubLines(await githubConvertErrors(text))).toContain(line);
      const f = invalid(text);
      expect(f.map((x) => x.line)).toEqual([line]);
      expect(f[0]!.message).toContain('A template expression is not allowed in this context');
    });

  it('a literal written as an expression is its value, as GitHub reads it', async () => {
    const text = step("uses: ${{ 'actions/checkout@v4' }}");
    expect(await githubConvertErrors(text)).toEqual([]);
    expect(invalid(text)).toEqual([]);
  });
});
