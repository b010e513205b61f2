/**
 * Session 32: a step's `with:` (shared/workflow/parse.ts `withInputs`) and an `env:`'s redirecting
 * names (`redirectingKeys`) test their node's kind in place instead of calling isScalar, isMap,
 * entries and lineOf, and so do `parseStep` and the step pass of `refusedKeys` (a step that is no
 * mapping is a step of its line with no keys). The readings they replaced are kept here as the
 * reference; on any node (absent, a scalar of every type, an expression, a sequence, a mapping of scalars and collections, keys that
 * fold together or redirect an action) they must give the same inputs, expression, names and lines.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWorkflow, withInputs } from '../../shared/workflow/parse.js';
import { asciiFold } from '../../shared/workflow/keys.js';
import { redirectsAction } from '../../shared/workflow/env-keys.js';
import { runnerText } from '../../shared/workflow/runner-text.js';
import type { LNode } from '../../shared/yaml/located.js';

/** Not fixed: CI runs other seeds than the last local run (FC_SEED replays one). */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

type Located = { value: string; line: number };

/** withInputs before session 32. */
function referenceInputs(node: LNode | undefined): {
  with?: Record<string, Located>;
  withExpression?: Located;
} {
  const into: { with?: Record<string, Located>; withExpression?: Located } = {};
  if (node?.kind === 'scalar' && typeof node.value === 'string' && node.value.includes('${{')) {
    into.withExpression = { value: node.value, line: node.line ?? 1 };
    return into;
  }
  if (node?.kind !== 'map') return into;
  const out: Record<string, Located> = {};
  for (const e of node.entries) {
    const v = e.value.kind === 'scalar' ? runnerText(e.value.value) : undefined;
    const k = asciiFold(e.key);
    if (v !== undefined && !Object.hasOwn(out, k))
      Object.defineProperty(out, k, {
        value: { value: v, line: e.value.line ?? 1 },
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  into.with = out;
  return into;
}

/** redirectingKeys before session 32. */
function referenceRedirecting(node: LNode | undefined): Located[] {
  if (node?.kind === 'scalar' && typeof node.value === 'string' && node.value.includes('${{'))
    return [{ value: node.value, line: node.line ?? 1 }];
  const out: Located[] = [];
  for (const e of node?.kind === 'map' ? node.entries : [])
    if (redirectsAction(e.key) || e.key.includes('${{')) out.push({ value: e.key, line: e.keyLine });
  return out;
}

const line = fc.integer({ min: 1, max: 500 });
const scalar: fc.Arbitrary<LNode> = fc.record({
  kind: fc.constant('scalar' as const),
  line,
  value: fc.oneof(
    fc.constantFrom(null, true, false, 0, 1e21, -1.5, '', 'x', '${{ inputs.a }}', 'a ${{ b }}', '${{'),
    fc.string({ maxLength: 6 }),
  ),
});
const key = fc.constantFrom(
  'token',
  'TOKEN',
  'Token',
  'mode',
  'MODE',
  '__proto__',
  'NODE_OPTIONS',
  'LD_PRELOAD',
  'PATH',
  'node_options',
  '${{ format(x) }}',
  'a b',
  'ſcope',
);
const node: fc.Arbitrary<LNode> = fc.letrec<{ node: LNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({
      kind: fc.constant('seq' as const),
      line,
      items: fc.array(tie('node'), { maxLength: 2 }),
    }),
    fc.record({
      kind: fc.constant('map' as const),
      line,
      entries: fc.array(fc.record({ key, keyLine: line, value: tie('node') }), { maxLength: 6 }),
    }),
  ),
})).node;

describe("a step's with: and env: read in place (session 32)", () => {
  it('refuses a step that is no mapping at its line, as GitHub does (session 39; it was read as a step of no keys)', () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: x',
      '    steps:',
      '      - plain',
      '      - [a, b]',
      '      - run: one',
      '        wiht: {}',
    ].join('\n');
    const parse = (t: string) => parseWorkflow('w.yml', '.github/workflows/w.yml', t);
    // GitHub: "Unexpected value 'plain'", "A sequence was not expected"; the first by line.
    expect(parse(text).error).toEqual({
      message: expect.stringContaining("step 1 of job 'a' is not a mapping (\"Unexpected value 'plain'\")"),
      line: 6,
    });
    expect(parse(text.replace('      - plain\n', '')).error).toEqual({
      message: expect.stringContaining(
        'step 1 of job \'a\' is not a mapping ("A sequence was not expected")',
      ),
      line: 6,
    });
    const mapped = text.replace('      - plain\n      - [a, b]\n', '');
    expect(parse(mapped).error).toEqual({
      message: expect.stringContaining("step 1 of job 'a' has the key 'wiht'"),
      line: 7,
    });
    const ok = parse(mapped.replace('\n        wiht: {}', ''));
    expect(ok.error).toBeUndefined();
    expect(ok.jobs[0]!.steps).toStrictEqual([{ index: 0, line: 6, run: 'one' }]);
  });

  it('withInputs gives the inputs, expression and lines the reading it replaced gave', () => {
    fc.assert(
      fc.property(fc.option(node, { nil: undefined }), (n) => {
        const into: { with?: Record<string, Located>; withExpression?: Located } = {};
        withInputs(n, into);
        expect(into).toStrictEqual(referenceInputs(n));
      }),
      { numRuns: 3000, seed },
    );
  });

  it("a step's redirecting env names are the ones the reading it replaced found", () => {
    // An empty `env:` too: GitHub reads it as '' and refuses it where it wants a mapping (session 43).
    const WRONG_KIND_ENV = new Set([
      '        env: plain',
      '        env: 3',
      '        env: [a]',
      '        env:',
    ]);
    const envLines = fc.constantFrom(
      [] as string[],
      ['        env: ${{ fromJSON(vars.E) }}'],
      ['        env: plain'],
      ['        env: 3'],
      ['        env:'],
      ['        env: [a]'],
      ['        env:', '          NODE_OPTIONS: x', '          B: y'],
      ['        env:', '          ${{ format(x) }}: v', '          LD_PRELOAD: z'],
      ['        env:', '          A: ${{ secrets.S }}'],
    );
    fc.assert(
      fc.property(envLines, (env) => {
        const text = [
          'on: push',
          'jobs:',
          '  a:',
          '    runs-on: x',
          '    steps:',
          '      - run: one',
          ...env,
        ].join('\n');
        const m = parseWorkflow('w.yml', '.github/workflows/w.yml', text);
        // A string, a number, a list or nothing where GitHub wants a mapping: GitHub refuses the file, and so
        // does the reader, at the value (session 41); nothing is read from it.
        if (env.length === 1 && WRONG_KIND_ENV.has(env[0]!)) {
          expect(m.error?.line).toBe(7);
          return;
        }
        expect(m.error).toBeUndefined();
        // The step's env node as the reader gives it, held to the reference reading.
        const envNode: LNode | undefined =
          env.length === 0
            ? undefined
            : env[0] === '        env: ${{ fromJSON(vars.E) }}'
              ? { kind: 'scalar', line: 7, value: '${{ fromJSON(vars.E) }}' }
              : env.length === 1
                ? { kind: 'scalar', line: 7, value: env[0]!.endsWith('3') ? 3 : 'x' }
                : {
                    kind: 'map',
                    line: 8,
                    entries: env.slice(1).map((l, i) => ({
                      key: l.trim().replace(/: [^:]*$/, ''),
                      keyLine: 8 + i,
                      value: { kind: 'scalar', line: 8 + i, value: 'v' },
                    })),
                  };
        const expected = referenceRedirecting(envNode);
        expect(m.jobs[0]!.steps[0]!.redirectingEnv ?? []).toStrictEqual(expected);
      }),
      { numRuns: 60, seed },
    );
  });
});
