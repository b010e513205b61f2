/**
 * Session 29 (docs/decisions.md "Attacking session 28's changes"): session 28 made a destination or a
 * gate input written as an expression carry what it reads in the files (the job's strategy, on:, env:,
 * callers' with:), and left `needs` outputs as "not in the files". They are: a needed job's
 * `outputs:` and the steps that write them (`echo "url=…" >> "$GITHUB_OUTPUT"`) are the workflow's
 * own text. A pull request that changes only the `setup` job's script moved `broker-url: ${{
 * needs.setup.outputs.url }}` to its author's host (every default-branch run handing it a token the
 * broker accepts), or `manifest-ref: ${{ needs.setup.outputs.ref }}` to a branch of its choosing, and
 * the access diff said "No access changes". Now such an expression reads the needed jobs' text too
 * (and theirs, transitively).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { githubFacts } from '../workflow/differential.js';
import { wf } from '../support/repo.js';

const diff = (a: string, b: string) =>
  diffSnapshots(snapshot([wf('ci.yml', a)]), snapshot([wf('ci.yml', b)]));
const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const GATE = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';
const GOOD = 'https://broker.corp.example';
const EVIL = 'https://evil.example';

/** `setup` writes `value` as its output `v` (through `pre` when `deep`); `deploy` needs it. */
const setup = (value: string, deep = false) =>
  deep
    ? `  pre:\n    runs-on: ubuntu-latest\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo "v=${value}" >> "$GITHUB_OUTPUT"\n  setup:\n    needs: pre\n    runs-on: ubuntu-latest\n    outputs:\n      v: \${{ needs.pre.outputs.v }}\n    steps:\n      - run: "true"\n`
    : `  setup:\n    runs-on: ubuntu-latest\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo "v=${value}" >> "$GITHUB_OUTPUT"\n`;

const sender = (value: string, o: { deep?: boolean; url?: string } = {}) =>
  `on: push\njobs:\n${setup(value, o.deep)}  deploy:\n    needs: setup\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: ${o.url ?? '${{ needs.setup.outputs.v }}'}\n          oidc-audience: ${GOOD}\n`;

const gated = (value: string, input = 'manifest-ref: ${{ needs.setup.outputs.v }}') =>
  `on: push\njobs:\n${setup(value)}  release:\n    needs: setup\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${GATE}\n        with:\n          ${input}\n      - run: make release\n`;

const sinkRows = (changes: ReturnType<typeof diff>) =>
  changes.filter((c) => c.subject.startsWith('OIDC token')).map((c) => c.effect);
const gateRows = (changes: ReturnType<typeof diff>) =>
  changes.filter((c) => c.subject === 'actions/enforce gate').map((c) => c.effect);

describe('an expression reading needs outputs reads the needed jobs', () => {
  it('GitHub reads every workflow here', () => {
    for (const text of [sender(GOOD), sender(GOOD, { deep: true }), gated('main')])
      expect([text, githubFacts('ci.yml', text).valid]).toEqual([text, true]);
  });

  it('broker-url from a needed job’s output: its script changing the host is a widened sink row', () => {
    const changes = diff(sender(GOOD), sender(EVIL));
    expect(sinkRows(changes)).toContain('widened');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('through a needed job’s own needs (transitively)', () => {
    const changes = diff(sender(GOOD, { deep: true }), sender(EVIL, { deep: true }));
    expect(sinkRows(changes)).toContain('widened');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('manifest-ref from a needed job’s output: its script changing the ref is a widened gate row', () => {
    const changes = diff(gated('main'), gated('open'));
    expect(gateRows(changes)).toEqual(['widened']);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a caller’s with: passing a needed job’s output to a callee’s broker-url: widened at the callee', () => {
    const callee = `on:\n  workflow_call:\n    inputs:\n      url:\n        type: string\njobs:\n  inner:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: \${{ inputs.url }}\n          oidc-audience: ${GOOD}\n`;
    const caller = (value: string) =>
      `on: push\njobs:\n${setup(value)}  call:\n    needs: setup\n    uses: ./.github/workflows/lib.yml\n    with:\n      url: \${{ needs.setup.outputs.v }}\n`;
    for (const text of [callee, caller(GOOD)]) expect(githubFacts('ci.yml', text).valid).toBe(true);
    const changes = diffSnapshots(
      snapshot([wf('ci.yml', caller(GOOD)), wf('lib.yml', callee)]),
      snapshot([wf('ci.yml', caller(EVIL)), wf('lib.yml', callee)]),
    );
    expect(sinkRows(changes)).toContain('widened');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('an environment from a needed job’s output: its script naming production is a widened environment row', () => {
    const deploy = (value: string) =>
      `on: push\njobs:\n${setup(value)}  deploy:\n    needs: setup\n    runs-on: ubuntu-latest\n    environment: \${{ needs.setup.outputs.v }}\n    steps:\n      - run: make deploy\n`;
    expect(githubFacts('ci.yml', deploy('staging')).valid).toBe(true);
    const changes = diff(deploy('staging'), deploy('production'));
    expect(changes.filter((c) => c.kind === 'environment').map((c) => c.effect)).toEqual(['widened']);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('runs-on from a needed job’s output: its script naming a self-hosted runner is a widened runner row', () => {
    const build = (value: string) =>
      `on: push\njobs:\n${setup(value)}  build:\n    needs: setup\n    runs-on: \${{ needs.setup.outputs.v }}\n    steps:\n      - run: make\n`;
    expect(githubFacts('ci.yml', build('ubuntu-latest')).valid).toBe(true);
    const changes = diff(build('ubuntu-latest'), build('self-hosted'));
    expect(changes.filter((c) => c.subject === 'runner').map((c) => c.effect)).toEqual(['widened']);
    expect(failsOnWidened(changes)).toBe(true);
  });

  describe('no over-reporting', () => {
    it('a literal broker-url: the needed job changing is no sink row', () => {
      expect(sinkRows(diff(sender(GOOD, { url: GOOD }), sender(EVIL, { url: GOOD })))).toEqual([]);
    });

    it('an expression not reading needs: the needed job changing is no sink row', () => {
      const url = '${{ vars.BROKER }}';
      expect(sinkRows(diff(sender(GOOD, { url }), sender(EVIL, { url })))).toEqual([]);
    });

    it('a literal manifest-ref: the needed job changing is no gate row', () => {
      expect(
        gateRows(diff(gated('main', 'manifest-ref: main'), gated('open', 'manifest-ref: main'))),
      ).toEqual([]);
    });
  });
});
