/**
 * Session 8: the access diff's view of the enforce gate took no pins. Under `enforce-repositories`
 * the check (missing-enforce) and enforce refuse a local `./actions/enforce` as the gate (a pull
 * request writes that folder itself), while the diff's `gateOf` counted it: a head that swapped the
 * pinned gate for a local one showed the gate "first step, mode enforce" on both sides, no gate row.
 * The diff now applies the same pins (manifest and organization lists) and agrees with the check.
 */
import { describe, expect, it } from '@jest/globals';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import type { RepoState } from '../../shared/diff/source.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import { findingsOf, manifest, wf } from '../support/repo.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const PINNED_GATE = `my-org/stepwarden/actions/enforce@${SHA}`;
const job = (gate: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${gate}\n      - run: make release\n`;
const MANIFEST = (policy: string) => `version: 1
policy: { require-enforce: true${policy} }
workflows:
  release.yml:
    jobs:
      release:
        permissions: { contents: write }
`;
const ORG_PINS = 'version: 1\nenforce-repositories: [my-org/stepwarden]\n';

function state(gate: string, policy: string, org?: string): RepoState {
  const m = manifest(MANIFEST(policy));
  return {
    label: 'x',
    workflows: [wf('release.yml', job(gate))],
    manifest: m.manifest,
    manifestLineOf: m.lineOf,
    ...(org
      ? { orgPolicy: { file: 'org-policy.yml', value: loadOrgPolicy(org, 'org-policy.yml').value } }
      : {}),
  };
}

const gateRows = (base: RepoState, head: RepoState) =>
  diffStates(base, head).changes.filter((c) => c.subject === 'actions/enforce gate');

describe('the diff applies enforce-repositories to the gate, as the check does', () => {
  const settings: [string, string, string | undefined][] = [
    ['manifest pins', ', enforce-repositories: [my-org/stepwarden]', undefined],
    ['organization pins', '', ORG_PINS],
  ];
  it.each(settings)(
    '%s: swapping the pinned gate for ./actions/enforce is a widened gate row',
    (_, policy, org) => {
      for (const local of [
        './actions/enforce',
        './vendor/stepwarden/actions/enforce',
        'evil/stepwarden/actions/enforce@' + SHA,
      ]) {
        const rows = gateRows(state(PINNED_GATE, policy, org), state(local, policy, org));
        expect(rows).toHaveLength(1);
        expect(rows[0]!.effect).toBe('widened');
        expect(rows[0]!.after).toBe('removed');
        expect(
          failsOnWidened(diffStates(state(PINNED_GATE, policy, org), state(local, policy, org)).changes),
        ).toBe(true);
      }
    },
  );

  it('without pins a local copy still counts (the accepted loosening of session 7), in both faces', () => {
    expect(gateRows(state(PINNED_GATE, '', undefined), state('./actions/enforce', '', undefined))).toEqual(
      [],
    );
  });

  it('check and diff agree on every spelling and every pin setting', () => {
    const spellings = [
      PINNED_GATE,
      `My-Org/StepWarden/actions/Enforce@${SHA}`,
      `stepwarden/stepwarden/actions/enforce@${SHA}`,
      './actions/enforce',
      '$/actions/enforce',
      './x/../actions/enforce',
      './vendor/stepwarden/actions/enforce',
      `my-org/other/actions/enforce@${SHA}`,
    ];
    const pinSettings: [string, string | undefined][] = [
      ['', undefined],
      [', enforce-repositories: [my-org/stepwarden]', undefined],
      ['', ORG_PINS],
      [', enforce-repositories: [my-org/stepwarden]', ORG_PINS],
      [', enforce-repositories: [stepwarden/stepwarden]', ORG_PINS],
    ];
    for (const gate of spellings)
      for (const [policy, org] of pinSettings) {
        const checkSaysGate =
          findingsOf('missing-enforce', { 'release.yml': job(gate) }, MANIFEST(policy), org).length === 0;
        const s = state(gate, policy, org);
        const snap = snapshot(s.workflows, s.manifest, undefined, s.orgPolicy?.value);
        const diffSaysGate =
          snap.workflows.get('release.yml')!.jobs.get('release')!.gate === 'first step, mode enforce';
        expect({ gate, policy, org, diffSaysGate }).toEqual({
          gate,
          policy,
          org,
          diffSaysGate: checkSaysGate,
        });
      }
  });

  it('a local actions/audit with if: always() after the gate disarms it under pins (as the check says)', () => {
    const policy = ', enforce-repositories: [my-org/stepwarden]';
    const withAudit = (audit: string) => job(PINNED_GATE) + `      - uses: ${audit}\n        if: always()\n`;
    const s = (text: string): RepoState => ({
      ...state(PINNED_GATE, policy),
      workflows: [wf('release.yml', text)],
    });
    const rows = diffStates(
      s(withAudit(`my-org/stepwarden/actions/audit@${SHA}`)),
      s(withAudit('./actions/audit')),
    ).changes.filter((c) => c.subject === 'actions/enforce gate');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.effect).toBe('widened');
    expect(
      findingsOf('missing-enforce', { 'release.yml': withAudit('./actions/audit') }, MANIFEST(policy)).map(
        (f) => f.subject,
      ),
    ).toEqual(['runs-after-denial']);
  });

  it('a mode with spaces is read as the action reads it (trimmed)', () => {
    const text = job(PINNED_GATE).replace(
      '\n      - run',
      `\n        with: { mode: "enforce " }\n      - run`,
    );
    const snap = snapshot([wf('release.yml', text)]);
    expect(snap.workflows.get('release.yml')!.jobs.get('release')!.gate).toBe('first step, mode enforce');
    expect(findingsOf('missing-enforce', { 'release.yml': text }, MANIFEST(''))).toEqual([]);
  });
});

describe("the gate's manifest source is part of the gate (session 8)", () => {
  const GATE = `my-org/stepwarden/actions/enforce@${SHA}`;
  const withInputs = (inputs: string) =>
    `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${GATE}\n${inputs ? `        with: { ${inputs} }\n` : ''}      - run: make release\n`;
  const rows = (a: string, b: string) =>
    diffStates(
      { label: 'b', workflows: [wf('release.yml', withInputs(a))] },
      { label: 'h', workflows: [wf('release.yml', withInputs(b))] },
    ).changes.filter((c) => c.subject === 'actions/enforce gate');

  it.each([
    ['manifest-ref set to another branch', '', 'manifest-ref: open-manifest'],
    ['manifest set to another file', '', 'manifest: examples/open/.github/access-manifest.yml'],
    ['org-policy dropped', 'org-policy: "my-org/.github:policy.yml"', ''],
    [
      'org-policy changed',
      'org-policy: "my-org/.github:policy.yml"',
      'org-policy: "evil/.github:policy.yml"',
    ],
  ])('%s: widened', (_, a, b) => {
    const r = rows(a, b);
    expect(r).toHaveLength(1);
    expect(r[0]!.effect).toBe('widened');
  });

  it('a value cannot spell another input to look narrowed', () => {
    const r = rows('manifest-ref: main', 'manifest-ref: evil, org-policy: "p; manifest-ref: main"');
    expect(r.map((c) => c.effect)).toEqual(['widened']);
  });

  it('adding an org-policy alone is narrowed; nothing changed is no row', () => {
    expect(rows('', 'org-policy: "my-org/.github:policy.yml"').map((c) => c.effect)).toEqual(['narrowed']);
    expect(rows('manifest-ref: main', 'manifest-ref: main')).toEqual([]);
  });
});
