import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { resolveAccess } from '../../shared/workflow/access.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { wf, y } from '../support/repo.js';

describe('parseWorkflow: wrong shapes are read safely', () => {
  it('a job that is a list, steps that are a map, lists where scalars belong', () => {
    // A job that is a list and steps that are a map: GitHub refuses the file ("A sequence was not
    // expected", "A mapping was not expected"), and so does the reader, at the first (session 39).
    const refused = wf('x.yml', 'on: push\njobs:\n  a: [1, 2]\n  b:\n    steps: {x: 1}\n    runs-on: x\n');
    expect(refused.jobs).toEqual([]);
    expect(refused.error).toMatchObject({
      line: 3,
      message: expect.stringContaining('A sequence was not expected'),
    });
    expect(wf('x.yml', 'on: push\njobs:\n  b:\n    steps: {x: 1}\n    runs-on: x\n').error).toMatchObject({
      line: 4,
      message: expect.stringContaining('A mapping was not expected'),
    });
    // Lists and mappings where GitHub wants a string or a mapping: GitHub refuses the file ("A sequence
    // was not expected"), and so does the reader, at the value (session 41).
    for (const [value, line] of [
      ['environment: [prod]', 7],
      ['needs: {a: 1}', 7],
    ] as const)
      expect(
        wf(
          'x.yml',
          `on: push\njobs:\n  a: {runs-on: x, steps: []}\n  b:\n    steps: []\n    runs-on: x\n    ${value}\n`,
        ).error,
      ).toMatchObject({ line, message: expect.stringContaining('was not expected') });
    expect(wf('x.yml', 'on: push\njobs:\n  c:\n    uses: [x]\n').error).toMatchObject({
      line: 4,
      message: expect.stringContaining('A sequence was not expected'),
    });
    // `permissions:` as a list is read as an invalid block, which unknown-scope reports (an error).
    const m = wf(
      'x.yml',
      y`
      on: push
      jobs:
        a: {runs-on: x, steps: []}
        b:
          steps: []
          permissions: [contents]
          runs-on: ubuntu-latest
      `,
    );
    expect(m.error).toBeUndefined();
    expect(m.jobs.map((j) => j.id)).toEqual(['a', 'b']);
    const b = m.jobs[1]!;
    expect(b.steps).toEqual([]);
    expect(b.permissions?.invalid).toMatch(/mapping of scopes/);
  });

  it('non-string keys become their text; complex keys do not crash', () => {
    const m = wf('x.yml', 'on: push\njobs:\n  true: {runs-on: x, steps: []}\n  null: {runs-on: x}\n');
    expect(m.jobs.map((j) => j.id)).toEqual(['true', 'null']);
    // `1` is read as its text too, and that text is no job id GitHub takes (a digit first, session 25).
    const digit = wf('x.yml', 'on: push\njobs:\n  1: {steps: []}\n  null: {}\n');
    expect(digit.jobs).toEqual([]);
    expect(digit.error?.message).toContain("the job id '1' is invalid");
    // A collection as a key: GitHub's reader has no name for it and refuses the file (session 7).
    const complex = wf('x.yml', 'on: push\njobs:\n  1: {steps: []}\n  ? [x]\n  : {steps: []}\n');
    expect(complex.jobs).toEqual([]);
    expect(complex.error?.line).toBe(4);
  });

  it('permission entries with non-scalar or empty levels are kept as written, and grant nothing', () => {
    const m = wf(
      'x.yml',
      'on: push\npermissions: {contents: [read], 5: write, issues: }\njobs:\n  a: {runs-on: x}\n',
    );
    expect(m.permissions!.entries.map((e) => [e.scope, e.level])).toEqual([
      ['contents', 'seq'],
      ['5', 'write'],
      ['issues', 'null'],
    ]);
    const [a] = resolveAccess([m], 'permissive');
    expect(Object.values(a!.permissions).every((l) => l === 'none')).toBe(true);
  });

  it('`permissions:` with no value is invalid, not the default', () => {
    expect(wf('x.yml', 'on: push\npermissions:\njobs: {a: {runs-on: x, steps: []}}\n').permissions).toEqual({
      line: 2,
      entries: [],
      invalid: expect.stringMatching(/not 'null'/),
    });
  });

  it('a `true:` key is not `on:` (YAML 1.2, as GitHub reads it)', () => {
    expect(wf('x.yml', 'true: push\njobs: {}\n').error?.message).toMatch(/missing `on:`/);
  });

  it('duplicate keys are a YAML error with a line', () => {
    const m = wf('x.yml', 'on: push\njobs:\n  a: {}\n  a: {}\n');
    expect(m.error?.message).toMatch(/YAML syntax error/);
    expect(m.error?.line).toBeGreaterThan(1);
  });

  it('steps with odd items (null, strings, numeric uses) do not crash', () => {
    // A step that is no mapping: GitHub refuses the file ("Unexpected value ''"; session 39).
    const m = wf('x.yml', 'on: push\njobs: {a: {runs-on: x, steps: [{uses: 5}, null, "x"]}}\n');
    expect(m.jobs).toEqual([]);
    expect(m.error?.message).toMatch(/step 2 of job 'a' is not a mapping \("Unexpected value ''"\)/);
    expect(
      wf('x.yml', 'on: push\njobs: {a: {runs-on: x, steps: [{uses: 5}]}}\n').jobs[0]!.steps,
    ).toHaveLength(1);
  });
});

describe('parseWorkflow: positions', () => {
  const m = wf(
    'x.yml',
    y`
    # comment
    name: positions
    on:
      push:
      pull_request_target:
    permissions:
      contents: read
    jobs:
      first:
        environment:
          name: prod
        steps:
          - name: Checkout
            uses: actions/checkout@v4
          - run: echo
        runs-on: ubuntu-latest
      second:
        uses: ./.github/workflows/lib.yml
    `,
  );
  it('gives 1-based lines for triggers, blocks, jobs, steps, environments and uses', () => {
    expect(m.triggers).toEqual([
      { value: 'push', line: 4 },
      { value: 'pull_request_target', line: 5 },
    ]);
    expect(m.permissions).toEqual({ line: 6, entries: [{ scope: 'contents', level: 'read', line: 7 }] });
    expect(m.jobs.map((j) => j.line)).toEqual([9, 17]);
    expect(m.jobs[0]!.environments).toEqual([{ value: 'prod', line: 11 }]);
    expect(m.jobs[0]!.steps.map((s) => s.line)).toEqual([13, 15]);
    expect(m.jobs[0]!.actions).toEqual([
      { uses: 'actions/checkout@v4', line: 14, kind: 'remote', on: 'step', step: 'Checkout' },
    ]);
    expect(m.jobs[1]!.uses).toEqual({
      uses: './.github/workflows/lib.yml',
      line: 18,
      kind: 'local',
      on: 'job',
    });
  });
});

describe('parseWorkflow: size', () => {
  // A guard against quadratic behaviour (minutes), not a speed target: those live in bench/.
  it('parses a 5,000-job file in bounded time', () => {
    const jobs = Array.from(
      { length: 5000 },
      (_, i) =>
        `  j${i}:\n    permissions: {contents: read}\n    steps:\n      - run: echo \${{ secrets.S${i} }}\n    runs-on: ubuntu-latest\n`,
    ).join('');
    const started = Date.now();
    const m = wf('big.yml', `on: push\njobs:\n${jobs}`);
    expect(m.jobs).toHaveLength(5000);
    expect(m.jobs[4999]!.secrets).toEqual([{ value: 'S4999', line: 3 + 4999 * 5 + 3 }]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a one-megabyte run script is one string, read once', () => {
    const script = 'echo x\n'.repeat(150_000);
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${script.replace(/^/gm, '          ')}`;
    const m = wf('big.yml', text);
    expect(m.jobs[0]!.steps[0]!.run!.length).toBeGreaterThan(1_000_000);
  });
});

describe('parseWorkflow: properties', () => {
  it('never throws on workflow-shaped YAML built from arbitrary values, and errors carry a line', () => {
    const value = fc.anything({ maxDepth: 3, withNullPrototype: false, withBigInt: false });
    fc.assert(
      fc.property(
        fc.record({ on: value, permissions: value, jobs: fc.dictionary(fc.string({ maxLength: 5 }), value) }),
        (doc) => {
          let text: string;
          try {
            text = stringify(doc);
          } catch {
            return; // not representable in YAML
          }
          const m = parseWorkflow('x.yml', 'x', text);
          if (m.error) {
            expect(m.error.line).toBeGreaterThanOrEqual(1);
            expect(m.jobs).toEqual([]);
          }
          expect(() => resolveAccess([m], 'restricted')).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every job of a generated workflow, in order', () => {
    // Job ids GitHub takes (`__` first is reserved: such a file is refused, session 25).
    const id = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,10}$/).filter((j) => !j.startsWith('__'));
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 8 }), (ids) => {
        const text = `on: push\njobs:\n${ids.map((j) => `  ${j}:\n    runs-on: x\n    steps: []\n`).join('')}`;
        const m = wf('x.yml', ids.length ? text : 'on: push\njobs: {}\n');
        // No job: GitHub refuses the file ("at least one job with no dependencies", session 39).
        if (!ids.length) return void expect(m.error?.line).toBe(2);
        expect(m.jobs.map((j) => j.id)).toEqual(ids);
        expect(m.jobs.map((j) => j.line)).toEqual(ids.map((_, i) => 3 + 3 * i));
      }),
      { numRuns: 200 },
    );
  });
});

const corpus = new URL('../../../shared/corpus/realworld-2021/', import.meta.url);
describe('the real-world corpus (1,503 files)', () => {
  it('is present beside the clone (CI checks it out as ../shared): missing is a failure, not a skip', () => {
    if (!existsSync(corpus))
      throw new Error(`corpus missing: ${corpus.pathname} (clone the shared corpus beside this repository)`);
  });
  // Speed is bench/check.ts's to measure (side by side with its parse floor), never a timed unit test.
  it('parses and resolves every file', () => {
    const files = readdirSync(corpus).map((f) => ({ f, text: readFileSync(new URL(f, corpus), 'utf8') }));
    const models = files.map(({ f, text }) => parseWorkflow(f, `.github/workflows/${f}`, text));
    const jobs = resolveAccess(models, 'permissive');
    expect(models).toHaveLength(files.length);
    expect(models.filter((m) => !m.error).length).toBeGreaterThan(1400);
    for (const m of models) if (m.error) expect(m.error.line).toBeGreaterThan(0);
    expect(jobs.length).toBeGreaterThan(files.length);
  });
});
