/**
 * Session 18, attacking session 17's `environment: ${{ matrix.K }}` (shared/workflow/parse.ts,
 * matrixValues): the check holds the job to the names the strategy lists for K. GitHub reads a
 * property of the `matrix` context case-insensitively (`@actions/expressions`' Dictionary folds its
 * keys), so an `include` entry that spells the key `ENV` gives `matrix.env` its value on that leg. The
 * check took only entries spelling it `env`: the `production` leg, refused by the broker
 * (ERR_ENVIRONMENT_NOT_DECLARED), passed the check (and a manifest declaring only `staging` was
 * believed complete). Seen failing before the fix.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const workflow = (matrix: string, expr = 'matrix.env', form = (e: string) => e) => y`
  on: push
  jobs:
    deploy:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      strategy: { matrix: ${matrix} }
      environment: ${form(`\${{ ${expr} }}`)}
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github, scope: "contents:read" }
`;

const manifest = y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    cd.yml:
      jobs:
        deploy:
          permissions: { contents: read, id-token: write }
          environments: [staging]
          credentials: [{ step: publish, audience: github, permissions: { contents: read }, repositories: [self] }]
`;

const found = (matrix: string, expr?: string, form?: (e: string) => string) =>
  findingsOf('undeclared-environment', { 'cd.yml': workflow(matrix, expr, form) }, manifest).map(
    (f) => f.message,
  );

describe('environment: ${{ matrix.K }}: the matrix keys as GitHub reads them, case-insensitively', () => {
  it('an `include` entry spelling the key ENV gives matrix.env its value: that leg is named', () => {
    expect(found('{ env: [staging], include: [{ ENV: production }] }')).toEqual([
      expect.stringMatching(/'production'/),
    ]);
  });

  it('a list under `Env` is matrix.env too', () => {
    expect(found('{ Env: [staging, production] }')).toEqual([expect.stringMatching(/production/)]);
  });

  it('the `environment: { name: }` form reads the same values', () => {
    const named = (e: string) => `{ name: "${e}" }`;
    expect(found('{ env: [staging], include: [{ ENV: production }] }', 'matrix.env', named)).toEqual([
      expect.stringMatching(/'production'/),
    ]);
  });

  it('holds: `env` and `ENV` in one mapping is a workflow GitHub refuses (invalid-workflow), never read', () => {
    const w = workflow('{ env: [staging], include: [{ env: staging, ENV: production }] }');
    expect(findingsOf('invalid-workflow', { 'cd.yml': w }, manifest)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/differ only in case/) }),
    ]);
  });

  it('holds: the listed names, all declared, spelled as the expression spells them', () => {
    expect(found('{ env: [staging], include: [{ env: staging }] }')).toEqual([]);
  });
});

/**
 * Session 26: `${{ matrix.K }}` read as GitHub's C# lexer reads it: .NET white space inside the
 * braces (a double-quoted `\N` is NEXT LINE) and the context name in any case (named values are
 * OrdinalIgnoreCase). Before, `${{\Nmatrix.env}}` and `${{ MATRIX.env }}` were environments the
 * check could not name.
 */
describe('`${{ matrix.K }}` spaced or cased as GitHub still reads it', () => {
  it.each(['"${{\\Nmatrix.env\\N}}"', '"${{ MATRIX.env }}"'])('%s: names the legs', (e) => {
    expect(found('{ env: [staging] }', 'matrix.env', () => e)).toEqual([]);
    expect(found('{ env: [staging, production] }', 'matrix.env', () => e)).toEqual([
      expect.stringMatching(/'production'/),
    ]);
  });
});
