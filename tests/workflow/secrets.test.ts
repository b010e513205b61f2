import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { secretNamesIn, secretNamesInExpression } from '../../shared/workflow/secrets.js';
import { wf, y } from '../support/repo.js';

describe('secret references in expressions', () => {
  it.each([
    ['${{ secrets.NPM_TOKEN }}', ['NPM_TOKEN']],
    ["${{ secrets['NPM_TOKEN'] }}", ['NPM_TOKEN']],
    ['${{ secrets["NPM_TOKEN"] }}', ['NPM_TOKEN']],
    ["${{ secrets[ 'A-B' ] }}", ['A-B']],
    ['${{ SECRETS.Mixed_Case }}', ['Mixed_Case']],
    ['a ${{ secrets.A }} b ${{ secrets.B }} c', ['A', 'B']],
    ['${{ secrets.A || secrets.B }}', ['A', 'B']],
    ['${{ secrets . spaced }}', ['spaced']],
  ])('%s', (text, names) => {
    expect(secretNamesIn(text)).toEqual(names);
  });

  it.each([
    ['${{ toJSON(secrets) }}'],
    ['${{ secrets }}'],
    ['${{ secrets[matrix.name] }}'],
    ["${{ secrets[format('K_{0}', env.X)] }}"],
    ['${{ secrets.* }}'],
  ])('whole-context use %s is *', (text) => {
    expect(secretNamesIn(text)).toEqual(['*']);
  });

  it('excludes GITHUB_TOKEN in any case and any form', () => {
    expect(secretNamesIn('${{ secrets.GITHUB_TOKEN }}')).toEqual([]);
    expect(secretNamesIn('${{ secrets.github_token }}')).toEqual([]);
    expect(secretNamesIn("${{ secrets['GitHub_Token'] }}")).toEqual([]);
  });

  it('ignores text outside expressions, string literals and other contexts', () => {
    expect(secretNamesIn('echo secrets.NOT_A_REF')).toEqual([]);
    expect(secretNamesIn("${{ 'secrets.LITERAL' }}")).toEqual([]);
    expect(secretNamesIn("${{ 'it''s secrets.X' }}")).toEqual([]);
    expect(secretNamesIn('${{ github.event.secrets }}')).toEqual([]);
    expect(secretNamesIn('${{ steps.secrets.outputs.x }}')).toEqual([]);
    expect(secretNamesIn('${{ inputs.my-secrets }}')).toEqual([]);
    expect(secretNamesIn('${{ mysecrets.X }}')).toEqual([]);
  });

  it('reads if: values without ${{ }} as expressions', () => {
    expect(secretNamesIn("secrets.DEPLOY_KEY != ''", true)).toEqual(['DEPLOY_KEY']);
    expect(secretNamesIn("secrets.DEPLOY_KEY != ''", false)).toEqual([]);
  });

  it('reads an unterminated expression to the end without throwing', () => {
    expect(secretNamesIn('${{ secrets.A')).toEqual(['A']);
    expect(secretNamesIn("${{ secrets['A")).toEqual(['*']);
  });

  it('finds every generated name and nothing else (property)', () => {
    const name = fc
      .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/)
      .filter((n) => n.toUpperCase() !== 'GITHUB_TOKEN');
    const form = fc.constantFrom(
      (n: string) => `secrets.${n}`,
      (n: string) => `secrets['${n}']`,
      (n: string) => `secrets["${n}"]`,
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(name, form), { maxLength: 5 }), (refs) => {
        const text = refs.map(([n, f]) => `x \${{ ${f(n)} }} y`).join('\n');
        expect(secretNamesIn(text)).toEqual(refs.map(([n]) => n));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and stays linear on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(Array.isArray(secretNamesInExpression(text))).toBe(true);
        expect(Array.isArray(secretNamesIn(text, true))).toBe(true);
      }),
      { numRuns: 500 },
    );
    const hostile = `\${{ ${"secrets['".repeat(20_000)} }}`;
    const started = Date.now();
    secretNamesIn(hostile);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('secrets in the workflow model', () => {
  const model = wf(
    'deploy.yml',
    y`
    on: push
    env:
      GLOBAL: \${{ secrets.WORKFLOW_LEVEL }}
    jobs:
      deploy:
        if: secrets.GATE != ''
        runs-on: ubuntu-latest
        env:
          A: \${{ secrets.JOB_ENV }}
        steps:
          - run: echo "secrets.NOT_THIS \${{ secrets.IN_RUN }}"
          - uses: some/action@v1
            with:
              token: \${{ secrets['IN_WITH'] }}
            if: \${{ secrets.STEP_IF != '' }}
      call:
        uses: ./.github/workflows/build.yml
        secrets:
          TOKEN: \${{ secrets.MAPPED_FROM }}
      inherit:
        uses: ./.github/workflows/build.yml
        secrets: inherit
    `,
  );

  it('collects references from every part of the job plus the workflow env, with lines', () => {
    expect(model.jobs[0]!.secrets).toEqual([
      { value: 'GATE', line: 6 },
      { value: 'JOB_ENV', line: 9 },
      { value: 'IN_RUN', line: 11 },
      { value: 'IN_WITH', line: 14 },
      { value: 'STEP_IF', line: 15 },
      { value: 'WORKFLOW_LEVEL', line: 3 },
    ]);
  });

  it('reads mapped secrets and secrets: inherit of reusable calls', () => {
    expect(model.jobs[1]!.secrets.map((s) => s.value)).toEqual(['MAPPED_FROM', 'WORKFLOW_LEVEL']);
    expect(model.jobs[1]!.secretsInherit).toBeUndefined();
    expect(model.jobs[2]!.secretsInherit).toEqual({ line: 22 });
  });
});
