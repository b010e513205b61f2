import { describe, expect, it } from '@jest/globals';
import { isEnforceStep } from '../../../shared/check/rules/missing-enforce.js';
import { findingsOf, PINNED, y } from '../../support/repo.js';

const rule = 'missing-enforce';
const GATE = `stepwarden/stepwarden/actions/enforce@${'a'.repeat(40)}`;
const ON = 'version: 1\npolicy:\n  require-enforce: true\n';

const W = {
  'ci.yml': y`
    on: push
    jobs:
      gated:
        permissions: { contents: write }
        steps:
          - uses: ${GATE}
          - uses: ${PINNED}
        runs-on: ubuntu-latest
      late:
        permissions: { contents: write }
        steps:
          - uses: ${PINNED}
          - uses: ${GATE}
        runs-on: ubuntu-latest
      skippable:
        permissions: { issues: write }
        steps:
          - uses: ${GATE}
            if: github.actor != 'mallory'
        runs-on: ubuntu-latest
      soft:
        permissions: { issues: write }
        steps:
          - uses: ${GATE}
            continue-on-error: true
        runs-on: ubuntu-latest
      readonly:
        permissions: { contents: read }
        steps:
          - run: make test
        runs-on: ubuntu-latest
      granted:
        permissions: { contents: read, id-token: write }
        steps:
          - run: make
        runs-on: ubuntu-latest
      call:
        permissions: { contents: write }
        uses: ./.github/workflows/lib.yml
  `,
  'lib.yml': y`
    on: workflow_call
    jobs:
      inner:
        permissions: { contents: write }
        steps:
          - run: git push
        runs-on: ubuntu-latest
  `,
};
const MANIFEST_GRANT = `${ON}workflows:\n  ci.yml:\n    jobs:\n      granted:\n        permissions: { contents: read, id-token: write }\n        credentials:\n          - { step: publish, audience: github, permissions: { contents: write } }\n`;

describe(rule, () => {
  it('flags privileged jobs without the gate first, a skippable gate, and a soft gate', () => {
    const fs = findingsOf(rule, W, MANIFEST_GRANT);
    expect(fs.map((f) => `${f.workflow}/${f.job} ${f.subject} ${f.line}`)).toEqual([
      'ci.yml/late first-step 12',
      'ci.yml/skippable if 19',
      'ci.yml/soft continue-on-error 25',
      'ci.yml/granted first-step 35',
      'lib.yml/inner first-step 6',
    ]);
    expect(fs[0]!.message).toMatch(/holds contents: write, but actions\/enforce is step 2, not the first/);
    expect(fs[3]!.message).toMatch(/has credential grants \(steps publish\)/);
    expect(fs[4]!.message).toMatch(/called from ci\.yml job 'call'/);
    expect(fs.every((f) => f.severity === 'error')).toBe(true);
  });
  it('is off unless the manifest or the organization policy turns it on', () => {
    expect(findingsOf(rule, W, 'version: 1\n')).toEqual([]);
    expect(findingsOf(rule, W, 'version: 1\n', 'version: 1\nrequire-enforce: true\n')).toHaveLength(5);
    // A manifest cannot switch off what the organization requires.
    expect(
      findingsOf(
        rule,
        W,
        'version: 1\npolicy:\n  require-enforce: false\n',
        'version: 1\nrequire-enforce: true\n',
      ),
    ).toHaveLength(5);
  });
  it('a job with no steps, and continue-on-error: false, are judged as written', () => {
    const fs = findingsOf(
      rule,
      {
        'x.yml': y`
          on: push
          jobs:
            empty:
              permissions: write-all
              steps: []
              runs-on: ubuntu-latest
            strict:
              permissions: write-all
              steps:
                - uses: ./actions/enforce
                  continue-on-error: false
              runs-on: ubuntu-latest
        `,
      },
      ON,
    );
    expect(fs.map((f) => `${f.job} ${f.subject}`)).toEqual(['empty first-step']);
  });
  it('a gate in audit mode (or an expression for the mode), and a later step that runs after a failed gate', () => {
    const AUDIT = `stepwarden/stepwarden/actions/audit@${'c'.repeat(40)}`;
    const fs = findingsOf(
      rule,
      {
        'x.yml': y`
          on: push
          jobs:
            audit-mode:
              permissions: { contents: write }
              steps:
                - uses: ${GATE}
                  with: { mode: audit }
              runs-on: ubuntu-latest
            expr-mode:
              permissions: { contents: write }
              steps:
                - uses: ${GATE}
                  with: { mode: "\${{ vars.MODE }}" }
              runs-on: ubuntu-latest
            explicit:
              permissions: { contents: write }
              steps:
                - uses: ${GATE}
                  with: { mode: enforce }
                - uses: ${AUDIT}
                  if: always()
              runs-on: ubuntu-latest
            cleanup:
              permissions: { contents: write }
              steps:
                - uses: ${GATE}
                - run: make
                - run: ./upload-logs.sh
                  if: \${{ always() }}
              runs-on: ubuntu-latest
            not-success:
              permissions: { contents: write }
              steps:
                - uses: ${GATE}
                - run: ./after.sh
                  if: "!success()"
              runs-on: ubuntu-latest
            on-success:
              permissions: { contents: write }
              steps:
                - uses: ${GATE}
                - run: ./deploy.sh
                  if: success() && github.ref == 'refs/heads/main'
              runs-on: ubuntu-latest
        `,
      },
      ON,
    );
    expect(fs.map((f) => `${f.job} ${f.subject} ${f.line}`)).toEqual([
      'audit-mode mode 7',
      'expr-mode mode 13',
      'cleanup runs-after-denial 29',
      'not-success runs-after-denial 36',
    ]);
    expect(fs[0]!.message).toMatch(
      /`mode: audit`, which reports a job outside its manifest and does not stop it/,
    );
    expect(fs[2]!.message).toMatch(
      /step 3 has `if: \$\{\{ always\(\) \}\}`, so it runs after actions\/enforce has stopped the job, with the job's token and secrets/,
    );
  });

  it('recognises only stepwarden enforce steps', () => {
    expect(isEnforceStep(GATE)).toBe(true);
    expect(isEnforceStep('my-fork/stepwarden/actions/enforce@v1')).toBe(true);
    expect(isEnforceStep('./actions/enforce')).toBe(true);
    expect(isEnforceStep('evil/not-stepwarden/actions/enforce@main')).toBe(false);
    expect(isEnforceStep('stepwarden/stepwarden/actions/enforce-lookalike@main')).toBe(false);
    expect(isEnforceStep('stepwarden/stepwarden/actions/run@main')).toBe(false);
    expect(isEnforceStep(undefined)).toBe(false);
  });
  it('enforce-repositories pins the gate: a fork or a local copy a pull request brings no longer counts', () => {
    const fork = `attacker/stepwarden/actions/enforce@${'b'.repeat(40)}`;
    const w = {
      'ci.yml': y`
        on: push
        jobs:
          real:
            permissions: { contents: write }
            steps:
              - uses: ${GATE}
            runs-on: ubuntu-latest
          forked:
            permissions: { contents: write }
            steps:
              - uses: ${fork}
            runs-on: ubuntu-latest
          local:
            permissions: { contents: write }
            steps:
              - uses: ./actions/enforce
            runs-on: ubuntu-latest
      `,
    };
    // Unset: every copy counts (forks and mirrors keep the name).
    expect(findingsOf(rule, w, ON)).toEqual([]);
    const pinned = `${ON}  enforce-repositories: [StepWarden/StepWarden]\n`;
    const fs = findingsOf(rule, w, pinned);
    expect(fs.map((f) => `${f.job} ${f.subject} ${f.line}`)).toEqual([
      'forked first-step 11',
      'local first-step 16',
    ]);
    expect(fs[0]!.message).toContain(
      `its first step '${fork}' is not the actions/enforce of enforce-repositories (StepWarden/StepWarden)`,
    );
    // The organization's list must admit the gate too.
    const org = 'version: 1\nenforce-repositories: [my-org/stepwarden]\n';
    expect(findingsOf(rule, w, pinned, org).map((f) => f.job)).toEqual(['real', 'forked', 'local']);
    expect(isEnforceStep(GATE, [['stepwarden/stepwarden']])).toBe(true);
    expect(isEnforceStep('stepwarden/stepwarden/actions/enforce', [['stepwarden/stepwarden']])).toBe(false);
    expect(isEnforceStep('./actions/enforce', [['stepwarden/stepwarden']])).toBe(false);
  });
  it('a vendored copy of actions/run counts as a credential claim; with pins, a local audit step is not exempt', () => {
    const w = {
      'ci.yml': y`
        on: push
        jobs:
          vendored:
            permissions: { contents: read, id-token: write }
            steps:
              - uses: ./vendor/stepwarden/actions/run
            runs-on: ubuntu-latest
          after:
            permissions: { contents: write }
            steps:
              - uses: ${GATE}
              - uses: ./actions/audit
                if: always()
            runs-on: ubuntu-latest
      `,
    };
    // Unpinned: the vendored run step makes the job privileged (it had no finding before); the local
    // audit step is stepwarden's and exempt.
    expect(findingsOf(rule, w, ON).map((f) => `${f.job} ${f.subject}`)).toEqual(['vendored first-step']);
    // Pinned: the gate is the pinned repository's; a local audit step running after a denial is any code.
    const pinned = `${ON}  enforce-repositories: [stepwarden/stepwarden]\n`;
    expect(findingsOf(rule, w, pinned).map((f) => `${f.job} ${f.subject} ${f.line}`)).toEqual([
      'vendored first-step 6',
      'after runs-after-denial 13',
    ]);
  });
  it('enforce-repositories takes exact owner/repo names, not globs', () => {
    expect(() => findingsOf(rule, {}, `${ON}  enforce-repositories: ["*/stepwarden"]\n`)).toThrow(
      /owner\/repo, no globs/,
    );
  });
});
