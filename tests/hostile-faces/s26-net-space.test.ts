/**
 * Session 26: readers of workflow and action text that look inside `${{ }}` read white space as
 * GitHub's C# lexer does (.NET `Char.IsWhiteSpace`: NEXT LINE too, which a double-quoted `\N` puts in
 * a value) and context names in any case (ExpressionParser's named values are OrdinalIgnoreCase).
 * `${{\Ninputs.scope}}` in a composite action and `${{\Nmatrix.env}}` in a job are `inputs.scope` and
 * `matrix.env` to GitHub; stepwarden read them as unknown expressions (a warning, or an environment
 * it could not name), failing closed but not agreeing with what GitHub runs. The property draws the
 * space from .NET's white space, JavaScript's, and the characters only one of them holds.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

/** A YAML double-quoted escape for each character (so that NEL and its kind reach the value). */
const escaped = (s: string) =>
  [...s].map((c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('');
/** .NET white space; U+FEFF is JavaScript's only (.NET does not skip it: GitHub refuses the expression). */
const NET = [' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u0085', '\u00a0', '\u2028', '\u3000', '\u205f'];

describe('a composite action’s `${{ inputs.NAME }}` spaced or cased as GitHub still reads it', () => {
  const MANIFEST = `version: 1
repository: { name: acme/app, id: 1, owner-id: 2 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: deploy
            audience: github
            permissions: { contents: read }
`;
  const workflow = `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: deploy\n        uses: ./.github/actions/deploy\n        with: { scope: "contents:write" }\n`;
  const action = (scopeValue: string) =>
    `name: deploy\ninputs:\n  scope: { required: true }\nruns:\n  using: composite\n  steps:\n    - id: publish\n      uses: ${RUN}\n      with: { audience: github, scope: ${scopeValue}, run: make }\n`;
  let dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  });
  async function severities(scopeValue: string): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s26-space-'));
    dirs.push(dir);
    for (const [p, text] of Object.entries({
      '.github/access-manifest.yml': MANIFEST,
      '.github/workflows/release.yml': workflow,
      '.github/actions/deploy/action.yml': action(scopeValue),
    })) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    return (await checkDirectory({ dir })).findings
      .filter((f) => f.rule === 'credential-step')
      .map((f) => `${f.severity}${/ERR_SCOPE_NOT_GRANTED/.test(f.message) ? ' ERR_SCOPE_NOT_GRANTED' : ''}`);
  }

  it.each(['"${{\\Ninputs.scope\\N}}"', '"${{ INPUTS.scope }}"', '"${{ Inputs.Scope }}"'])(
    '%s reads the contents:write the workflow passes: refused as the broker refuses it',
    async (v) => expect(await severities(v)).toEqual(['error ERR_SCOPE_NOT_GRANTED']),
  );

  it('property: any run of .NET white space inside the braces reads the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...NET), { maxLength: 3 }),
        fc.array(fc.constantFrom(...NET), { maxLength: 3 }),
        async (a, b) => {
          const v = `"\${{${escaped(a.join(''))}inputs.scope${escaped(b.join(''))}}}"`;
          expect(await severities(v)).toEqual(['error ERR_SCOPE_NOT_GRANTED']);
        },
      ),
      { seed: 26, numRuns: 40 },
    );
  });

  it('U+FEFF inside the braces is no white space to GitHub: not read as the input (the warning stays)', async () => {
    expect(await severities('"${{\\ufeffinputs.scope}}"')).toEqual(['warning']);
  });
});

describe('`environment: ${{ matrix.K }}` spaced or cased as GitHub still reads it', () => {
  const workflow = (matrix: string, environment: string) => y`
    on: push
    jobs:
      deploy:
        permissions: { contents: read }
        runs-on: ubuntu-latest
        strategy: { matrix: ${matrix} }
        environment: ${environment}
        steps: [ { run: make } ]
  `;
  const manifest = y`
    version: 1
    repository: { name: o/r, id: 11, owner-id: 22 }
    workflows:
      cd.yml:
        jobs:
          deploy:
            permissions: { contents: read }
            environments: [staging]
  `;
  const found = (matrix: string, environment: string) =>
    findingsOf('undeclared-environment', { 'cd.yml': workflow(matrix, environment) }, manifest).map(
      (f) => f.message,
    );

  it.each(['"${{\\Nmatrix.env\\N}}"', '"${{ MATRIX.env }}"'])('%s: names the legs', (e) => {
    expect(found('{ env: [staging] }', e)).toEqual([]);
    expect(found('{ env: [staging, production] }', e)).toEqual([expect.stringMatching(/'production'/)]);
  });
});
