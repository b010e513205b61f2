/**
 * Session 10: `credential-step` held only the workflow's own steps. A step `uses: ./.github/actions/x`
 * whose composite action runs stepwarden's `actions/run` asked the broker from inside the action, and
 * a setup the broker is certain to refuse (no grant for the step, a scope above it) passed the check.
 * The inner steps are now held with the runner's name for them (the workflow step's `id:` scope), and
 * a local action the check cannot read (a link, too large, invalid, missing) is said, not passed.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory, MAX_FILE_BYTES } from '../../shared/check/load.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
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
const workflow = (stepId = 'deploy', perms = '{ contents: read, id-token: write }') =>
  `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions: ${perms}\n    steps:\n      - ${stepId ? `id: ${stepId}\n        ` : ''}uses: ./.github/actions/deploy\n`;
const action = (withText: string, innerId = 'publish') =>
  `name: deploy\nruns:\n  using: composite\n  steps:\n    - id: ${innerId}\n      uses: ${RUN}\n      with: ${withText}\n`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s10-composite-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries({ '.github/access-manifest.yml': MANIFEST, ...files })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}
const findings = async (dir: string, rule: string) =>
  (await checkDirectory({ dir })).findings.filter((f) => f.rule === rule);

describe('credential steps inside local composite actions', () => {
  it('a scope above the grant is refused by the broker: the check says so at the workflow step', async () => {
    const dir = repo({
      '.github/workflows/release.yml': workflow(),
      '.github/actions/deploy/action.yml': action('{ audience: github, scope: "contents:write", run: make }'),
    });
    const f = await findings(dir, 'credential-step');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ job: 'publish', file: '.github/workflows/release.yml', line: 8 });
    expect(f[0]!.message).toMatch(/\.github\/actions\/deploy\/action\.yml:6/);
    expect(f[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
  });

  it('no grant under any name the runner may give the inner step', async () => {
    const dir = repo({
      '.github/workflows/release.yml': workflow('ship'),
      '.github/actions/deploy/action.yml': action('{ audience: github, scope: "contents:read", run: make }'),
    });
    const f = await findings(dir, 'credential-step');
    expect(f.map((x) => x.subject)).toEqual(['ship']);
    expect(f[0]!.message).toMatch(/ERR_NO_GRANT/);
  });

  it('the outer step without an id: the runner names the inner step with a generated scope', async () => {
    const dir = repo({
      '.github/workflows/release.yml': workflow(''),
      '.github/actions/deploy/action.yml': action('{ audience: github, scope: "contents:read", run: make }'),
    });
    expect((await findings(dir, 'credential-step'))[0]!.message).toMatch(/has no `id:`/);
  });

  it('the job without id-token: write', async () => {
    const dir = repo({
      '.github/workflows/release.yml': workflow('deploy', '{ contents: read }'),
      '.github/actions/deploy/action.yml': action('{ audience: github, scope: "contents:read", run: make }'),
    });
    expect((await findings(dir, 'credential-step'))[0]!.message).toMatch(/id-token: write/);
  });

  it('within the grant (by the outer id, or by a step: input) passes', async () => {
    for (const [stepId, withText] of [
      ['deploy', '{ audience: github, scope: "contents:read", run: make }'],
      ['other', '{ audience: github, scope: "contents:read", step: deploy, run: make }'],
    ] as const) {
      const dir = repo({
        '.github/workflows/release.yml': workflow(stepId),
        '.github/actions/deploy/action.yml': action(withText),
      });
      expect(await findings(dir, 'credential-step')).toEqual([]);
      expect(await findings(dir, 'unread-local-action')).toEqual([]);
    }
  });

  it('inputs the workflow step does not pass: no error, but a warning that the step cannot be judged (session 25)', async () => {
    // Until session 25 this passed in silence; tests/hostile-faces/s25-composite-inputs holds the rest.
    const dir = repo({
      '.github/workflows/release.yml': workflow('other'),
      '.github/actions/deploy/action.yml': action(
        '{ audience: github, scope: "${{ inputs.scope }}", step: "${{ inputs.step }}", run: make }',
      ),
    });
    const f = await findings(dir, 'credential-step');
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0]!.message).toMatch(
      /cannot be judged: its `(scope|step)` is '\$\{\{ inputs\.(scope|step) \}\}'/,
    );
  });
});

describe('a local action the check cannot read is said, not passed', () => {
  it.each([
    [
      'a symbolic link',
      (dir: string) => {
        mkdirSync(join(dir, '.github/actions'), { recursive: true });
        symlinkSync(join(dir, 'elsewhere'), join(dir, '.github/actions/deploy'));
      },
      /symbolic link/,
    ],
    [
      'an action.yml that is a link',
      (dir: string) => {
        mkdirSync(join(dir, '.github/actions/deploy'), { recursive: true });
        symlinkSync(join(dir, 'elsewhere/action.yml'), join(dir, '.github/actions/deploy/action.yml'));
      },
      /symbolic link/,
    ],
    [
      'too large',
      (dir: string) => {
        mkdirSync(join(dir, '.github/actions/deploy'), { recursive: true });
        writeFileSync(join(dir, '.github/actions/deploy/action.yml'), `# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
      },
      /larger than/,
    ],
    [
      'invalid YAML',
      (dir: string) => {
        mkdirSync(join(dir, '.github/actions/deploy'), { recursive: true });
        writeFileSync(join(dir, '.github/actions/deploy/action.yml'), 'runs: [using: composite\n');
      },
      /not YAML/,
    ],
    ['missing', () => undefined, /no action\.yml/],
  ])('%s: a finding naming the step and the reason', async (n, make, why) => {
    const dir = repo({
      '.github/workflows/release.yml': workflow(),
      'elsewhere/action.yml': action('{ audience: github, scope: "contents:write", run: make }'),
    });
    make(dir);
    // Session 17: what the repository holds and the check cannot read, GitHub may run: an error
    // (unreadable-local-action); only a missing action (made at run time) stays this warning.
    const [rule, severity] =
      n === 'missing' ? ['unread-local-action', 'warning'] : ['unreadable-local-action', 'error'];
    const f = await findings(dir, rule);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity, subject: './.github/actions/deploy', line: 8 });
    expect(f[0]!.message).toMatch(why);
  });
});

describe('unread local actions do not flood', () => {
  it('two unread actions of one job are one finding naming both', async () => {
    const dir = repo({
      '.github/workflows/release.yml':
        'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - uses: ./a\n      - uses: ./b\n',
    });
    const f = await findings(dir, 'unread-local-action');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/\.\/a \(line 7\).*\.\/b \(line 8\)/);
  });
});

describe('composite actions inside composite actions', () => {
  const mid = (id: string) =>
    `runs:\n  using: composite\n  steps:\n    - ${id ? `id: ${id}\n      ` : ''}uses: ./.github/actions/inner\n`;
  it('a middle step with an id: the scope is known (deploy.m), and no grant has it', async () => {
    const dir = repo({
      '.github/workflows/release.yml': workflow(),
      '.github/actions/deploy/action.yml': mid('m'),
      '.github/actions/inner/action.yml': action('{ audience: github, scope: "contents:read", run: make }'),
    });
    const f = await findings(dir, 'credential-step');
    expect(f.map((x) => x.subject)).toEqual(['deploy.m']);
    expect(f[0]!.message).toMatch(/ERR_NO_GRANT/);
  });
  it('a middle step without an id: the runner makes the name up, so nothing is certain', async () => {
    const dir = repo({
      '.github/workflows/release.yml': workflow(),
      '.github/actions/deploy/action.yml': mid(''),
      '.github/actions/inner/action.yml': action('{ audience: github, scope: "contents:write", run: make }'),
    });
    expect(await findings(dir, 'credential-step')).toEqual([]);
  });
});

/**
 * Session 25 (issue 11 §2): a credential step whose `scope`, `audience` or `step` is one
 * `${{ inputs.NAME }}` passed in silence; it is read from the `with:` of the step that runs the action
 * (each level of nested composites), and what stays unknown is a warning, never a silent pass.
 */
const workflowWith = (withText: string) =>
  `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: deploy\n        uses: ./.github/actions/deploy\n        with: ${withText}\n`;
const actionOf = (inner: string) =>
  `name: deploy\ninputs:\n  scope: { required: true }\nruns:\n  using: composite\n  steps:\n    - id: publish\n      uses: ${inner}\n      with: { audience: github, scope: "\${{ inputs.scope }}", run: make }\n`;

const credentialFindings = async (files: Record<string, string>) => findings(repo(files), 'credential-step');

describe('a credential step fed by its composite action’s inputs', () => {
  it('`scope: ${{ inputs.scope }}` with the workflow passing contents:write: refused as the broker refuses it', async () => {
    const f = await credentialFindings({
      '.github/workflows/release.yml': workflowWith('{ scope: "contents:write" }'),
      '.github/actions/deploy/action.yml': actionOf(RUN),
    });
    expect(f.map((x) => [x.severity, x.line])).toEqual([['error', 8]]);
    expect(f[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
  });

  it('the same with contents:read: no finding (input names are case-insensitive)', async () => {
    expect(
      await credentialFindings({
        '.github/workflows/release.yml': workflowWith('{ SCOPE: "contents:read" }'),
        '.github/actions/deploy/action.yml': actionOf(RUN),
      }),
    ).toEqual([]);
  });

  it('through a nested composite: each level’s `with:` feeds the next', async () => {
    const f = await credentialFindings({
      '.github/workflows/release.yml': workflowWith('{ scope: "contents:write" }'),
      '.github/actions/deploy/action.yml':
        'name: deploy\nruns:\n  using: composite\n  steps:\n    - id: mid\n      uses: ./.github/actions/inner\n      with: { scope: "${{ inputs.scope }}" }\n',
      // The runner names a nested step `deploy.mid`: the step input names the grant.
      '.github/actions/inner/action.yml': actionOf(RUN).replace(
        'audience: github,',
        'audience: github, step: deploy,',
      ),
    });
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
  });

  it('an input the workflow computes, or does not pass: a warning that the step cannot be judged, naming the input', async () => {
    for (const withText of ['{ scope: "${{ matrix.scope }}" }', '{ other: x }']) {
      const f = await credentialFindings({
        '.github/workflows/release.yml': workflowWith(withText),
        '.github/actions/deploy/action.yml': actionOf(RUN),
      });
      expect(f.map((x) => [x.severity, x.line])).toEqual([['warning', 8]]);
      expect(f[0]!.message).toContain('cannot be judged');
      expect(f[0]!.message).toContain('inputs.scope');
    }
  });
});

/**
 * Session 26: the action's `inputs.NAME.default` is what `${{ inputs.NAME }}` reads when the step
 * running the action does not pass NAME (actions/runner ActionRunner: "Merge the default inputs from
 * the definition", `if (!inputs.ContainsKey(key))`, keys case-insensitive). Session 25 read only the
 * `with:`, so a default above the grant was a warning ("cannot be judged") where the broker refuses
 * for certain. A default that is an expression is evaluated at run time: still the warning.
 */
const actionWithDefault = (inputs: string, inner = RUN) =>
  `name: deploy\ninputs:\n${inputs}\nruns:\n  using: composite\n  steps:\n    - id: publish\n      uses: ${inner}\n      with: { audience: github, scope: "\${{ inputs.scope }}", run: make }\n`;

describe('a credential step fed by its composite action’s input defaults', () => {
  it('a default above the grant, not passed: refused as the broker refuses it', async () => {
    for (const inputs of [
      '  scope: { default: "contents:write" }',
      '  SCOPE:\n    default: contents:write',
    ]) {
      const f = await credentialFindings({
        '.github/workflows/release.yml': workflowWith('{ other: x }'),
        '.github/actions/deploy/action.yml': actionWithDefault(inputs),
      });
      expect(f.map((x) => [x.severity, x.line])).toEqual([['error', 8]]);
      expect(f[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
    }
  });

  it('a default within the grant: no finding; a passed value wins over the default', async () => {
    expect(
      await credentialFindings({
        '.github/workflows/release.yml': workflowWith('{ other: x }'),
        '.github/actions/deploy/action.yml': actionWithDefault('  scope: { default: "contents:read" }'),
      }),
    ).toEqual([]);
    expect(
      await credentialFindings({
        '.github/workflows/release.yml': workflowWith('{ scope: "contents:read" }'),
        '.github/actions/deploy/action.yml': actionWithDefault('  scope: { default: "contents:write" }'),
      }),
    ).toEqual([]);
  });

  it('through a nested composite: the inner action’s default feeds its step', async () => {
    const f = await credentialFindings({
      '.github/workflows/release.yml': workflowWith('{ other: x }'),
      '.github/actions/deploy/action.yml':
        'name: deploy\nruns:\n  using: composite\n  steps:\n    - id: mid\n      uses: ./.github/actions/inner\n',
      '.github/actions/inner/action.yml': actionWithDefault('  scope: { default: "contents:write" }').replace(
        'audience: github,',
        'audience: github, step: deploy,',
      ),
    });
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
  });

  it('a default that is an expression, or a `with:` that is one: a warning naming the input', async () => {
    const f = await credentialFindings({
      '.github/workflows/release.yml': workflowWith('{ other: x }'),
      '.github/actions/deploy/action.yml': actionWithDefault(
        '  scope: { default: "${{ github.event.inputs.scope }}" }',
      ),
    });
    expect(f.map((x) => [x.severity, x.line])).toEqual([['warning', 8]]);
    expect(f[0]!.message).toContain('cannot be judged');
    expect(f[0]!.message).toContain('inputs.scope');
    expect(f[0]!.message).toContain("whose default in the action is '${{ github.event.inputs.scope }}'");
    // The step's inputs are known only at run time: they may replace the default, so it is not read.
    const g = await credentialFindings({
      '.github/workflows/release.yml': workflowWith('"${{ fromJSON(vars.WITH) }}"'),
      '.github/actions/deploy/action.yml': actionWithDefault('  scope: { default: "contents:write" }'),
    });
    expect(g.map((x) => x.severity)).not.toContain('error');
  });
});

/**
 * Session 26: `${{ inputs.NAME }}` read as GitHub's C# lexer reads it: .NET white space inside the
 * braces (`Char.IsWhiteSpace`: NEXT LINE too, which a double-quoted `\N` puts in a value) and the
 * context name in any case (ExpressionParser's named values are OrdinalIgnoreCase). Before, such a
 * value stayed an unknown expression (the warning), failing closed but not agreeing with GitHub.
 */
/** A YAML double-quoted escape for each character, so that NEL and its kind reach the value. */
const escaped = (s: string) =>
  [...s].map((c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join('');
const NET = [' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u0085', '\u00a0', '\u2028', '\u3000', '\u205f'];
/** The findings' severities when the action's `scope:` is `scopeValue` and the workflow passes contents:write. */
const severities = async (scopeValue: string) =>
  (
    await credentialFindings({
      '.github/workflows/release.yml': workflowWith('{ scope: "contents:write" }'),
      '.github/actions/deploy/action.yml': actionOf(RUN).replace('"${{ inputs.scope }}"', scopeValue),
    })
  ).map((f) => `${f.severity}${/ERR_SCOPE_NOT_GRANTED/.test(f.message) ? ' ERR_SCOPE_NOT_GRANTED' : ''}`);

describe('`${{ inputs.NAME }}` spaced or cased as GitHub still reads it', () => {
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

  it('U+FEFF inside the braces is no white space to GitHub (its lexer refuses it): the warning stays', async () => {
    expect(await severities('"${{\\ufeffinputs.scope}}"')).toEqual(['warning']);
  });
});

/**
 * Session 27: the input read in the runner's other spellings. GitHub's C# lexer
 * (actions/runner src/Sdk/DTExpressions2/Expressions2/Tokens/LexicalAnalyzer.cs) skips
 * `Char.IsWhiteSpace` before every token, reads `.` after a named value as a dereference and the
 * keyword after it as a property name, and `[` 'string' `]` as an index; the TypeScript lexer of
 * actions/languageservices (expressions/src/lexer.ts) does the same. So `inputs . scope` and
 * `inputs['scope']` read the input; `inputs["scope"]` does not lex (a double quote starts no string:
 * `"scope"` is an illegal keyword), so GitHub refuses it and it stays the warning (fails closed).
 */
describe("`${{ inputs . NAME }}` and `${{ inputs['NAME'] }}` read the input, as GitHub reads them", () => {
  it.each([
    '"${{ inputs . scope }}"',
    '"${{ inputs .scope }}"',
    '"${{ inputs. scope }}"',
    '"${{ inputs[\'scope\'] }}"',
    '"${{ inputs [ \'scope\' ] }}"',
    '"${{ INPUTS[\'SCOPE\'] }}"',
    "'${{ inputs[''scope''] }}'",
    '"${{\\Ninputs\\N[\\N\'scope\'\\N]\\N}}"',
  ])('%s reads the contents:write the workflow passes: refused as the broker refuses it', async (v) =>
    expect(await severities(v)).toEqual(['error ERR_SCOPE_NOT_GRANTED']),
  );

  it.each([
    '"${{ inputs[\\"scope\\"] }}"',
    '"${{ inputs[\'scope\'].x }}"',
    '"${{ inputs[scope] }}"',
    '"${{ inputs.[\'scope\'] }}"',
    '"${{ inputs . \'scope\' }}"',
    '"${{ inputs[\'scope\' }}"',
    "\"${{ inputs['sco''pe'] }}\"",
    '"${{ inputs..scope }}"',
    '"${{\\ufeffinputs[\'scope\']}}"',
  ])('%s is no read of the input GitHub makes: the warning stays', async (v) =>
    expect(await severities(v)).toEqual(['warning']),
  );

  it('property: any run of .NET white space between the tokens reads the input, in both spellings', async () => {
    const space = fc.array(fc.constantFrom(...NET), { maxLength: 2 }).map((a) => escaped(a.join('')));
    await fc.assert(
      fc.asyncProperty(fc.array(space, { minLength: 6, maxLength: 6 }), fc.boolean(), async (w, indexed) => {
        const inner = indexed
          ? `${w[0]}inputs${w[1]}[${w[2]}'scope'${w[3]}]${w[4]}`
          : `${w[0]}inputs${w[1]}.${w[2]}scope${w[4]}`;
        expect(await severities(`"\${{${inner}}}"`)).toEqual(['error ERR_SCOPE_NOT_GRANTED']);
      }),
      { seed: 27, numRuns: 40 },
    );
  });
});
