/**
 * Session 13: secret references GitHub evaluates and stepwarden did not see.
 *
 * 1. GitHub's template reader ends an expression at the first `}}` outside a single-quoted string
 *    (`@actions/workflow-parser` `parseScalar`; actions/runner's TemplateReader the same), so
 *    `${{ format('}}{0}', secrets.DEPLOY_KEY) }}` is one expression that reads the secret. The
 *    secret scanner ended it at the quoted `}}`: the reference after it was never read.
 * 2. A mapping key that is an expression is evaluated where its mapping allows expressions (`env:`,
 *    `with:`: the reader's `handleMappingWithWellKnownProperties` adds it as an expression key), so
 *    `env: { ${{ secrets.DEPLOY_KEY }}: x }` puts the secret into the step's environment as a
 *    variable's name. The scanner read values only.
 *
 * Both passed `stepwarden check` (no `undeclared-secret`) and the access diff showed no secret row.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { runCheck } from '../../shared/check/run.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf } from '../../shared/diff/source.js';
import { parseWorkflows } from '../../shared/workflow/load.js';
import { secretNamesIn } from '../../shared/workflow/secrets.js';
import { githubFacts, stepwardenFacts } from '../workflow/differential.js';
import { manifest, wf } from '../support/repo.js';

const MANIFEST = `version: 1
workflows:
  ci.yml:
    jobs:
      build:
        permissions: { contents: read }
`;

const job = (body: string, workflowEnv = '') => `on: push
permissions: { contents: read }
${workflowEnv}jobs:
  build:
    runs-on: ubuntu-latest
${body}`;

const CASES: [string, string, number][] = [
  [
    'a quoted }} inside the expression',
    job(`    steps:\n      - run: echo "\${{ format('}}{0}', secrets.DEPLOY_KEY) }}"\n`),
    7,
  ],
  [
    'a quoted }} in an if: without ${{ }} (ends nothing there)',
    job(`    steps:\n      - if: format('}}') != secrets.DEPLOY_KEY\n        run: echo\n`),
    7,
  ],
  [
    'a step env key',
    job(`    steps:\n      - run: env\n        env:\n          \${{ secrets.DEPLOY_KEY }}: x\n`),
    9,
  ],
  [
    'a job env key',
    job(`    env:\n      "\${{ secrets.DEPLOY_KEY }}": x\n    steps:\n      - run: env\n`),
    7,
  ],
  [
    'a with: key',
    job(
      `    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          \${{ secrets.DEPLOY_KEY }}: x\n`,
    ),
    9,
  ],
  [
    'a workflow env key',
    job(`    steps:\n      - run: env\n`, `env:\n  \${{ format('{0}', secrets.DEPLOY_KEY) }}: x\n`),
    4,
  ],
];

describe('secret references GitHub reads are judged', () => {
  it.each(CASES)('%s: GitHub reads DEPLOY_KEY, and so does the check', (_name, text, line) => {
    expect(githubFacts('ci.yml', text)).toMatchObject({
      valid: true,
      jobs: { build: { secrets: 'DEPLOY_KEY' } },
    });
    const found = runCheck({ workflows: [wf('ci.yml', text)], manifest: manifest(MANIFEST) }).findings.filter(
      (f) => f.rule === 'undeclared-secret',
    );
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [line, expect.stringContaining("references secret 'DEPLOY_KEY'")],
    ]);
  });

  it.each(CASES)('%s: the access diff shows the secret as widened', (_name, text) => {
    const state = (t: string, label: string) => ({
      label,
      workflows: parseWorkflows([{ path: '.github/workflows/ci.yml', text: t }]),
      ...manifestOf(MANIFEST, label),
    });
    const base = job('    steps:\n      - run: env\n');
    const { changes } = diffStates(state(base, 'base'), state(text, 'head'));
    const rows = changes.filter((c) => c.kind === 'secret');
    expect(rows.map((c) => [c.subject, c.effect])).toEqual([['DEPLOY_KEY', 'widened']]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a quoted }} ends nothing: names after it in the same expression are read', () => {
    expect(secretNamesIn("${{ format('}}', secrets.A) }} ${{ secrets.B }}")).toEqual(['A', 'B']);
    expect(secretNamesIn("${{ 'it''s }}' || secrets.A }}")).toEqual(['A']);
    // An expression GitHub ends: text after it is literal, a later `${{` starts the next one.
    expect(secretNamesIn('${{ x }} secrets.A ${{ secrets.B }}')).toEqual(['B']);
  });
});

// ---- property: GitHub's reading (template reader + expression parser) is the oracle ------------

const piece = fc.constantFrom(
  'secrets.A',
  "secrets['B']",
  'secrets.C_2',
  "format('}}{0}', secrets.D)",
  "format('{{ }}')",
  "'}}'",
  "'it''s }}'",
  'github.event_name',
  "format('{0}}}', secrets.E)",
  'toJSON(github)',
);
const literal = fc.constantFrom('', 'x ', ' }} ', 'secrets.Z ', "'", '{ ', '} ', 'echo ');
const template = fc
  .array(fc.tuple(literal, fc.array(piece, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 })
  .map((segs) => segs.map(([lit, ps]) => `${lit}\${{ ${ps.join(' || ')} }}`).join(''));

describe('property: the secrets stepwarden reads are the secrets GitHub reads', () => {
  it('in values and in env/with keys', () => {
    let compared = 0;
    fc.assert(
      fc.property(template, template, fc.constantFrom('value', 'env-key', 'with-key'), (v, k, where) => {
        const dq = (s: string) => JSON.stringify(s);
        const step =
          where === 'value'
            ? `      - run: ${dq(v)}\n`
            : where === 'env-key'
              ? `      - run: env\n        env:\n          ${dq(k)}: ${dq(v)}\n`
              : `      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          ${dq(k)}: x\n`;
        const text = job(`    steps:\n${step}`);
        const theirs = githubFacts('ci.yml', text);
        if (!theirs.valid) return;
        compared++;
        expect([text, stepwardenFacts(wf('ci.yml', text)).jobs['build']!.secrets]).toEqual([
          text,
          theirs.jobs['build']!.secrets,
        ]);
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
