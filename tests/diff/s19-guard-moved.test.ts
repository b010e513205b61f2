/**
 * Session 19: the fork guard (snapshot.ts `guard`, session 14) is followed where a pull request can
 * move it: into a job the guarded job `needs:` (the dependant runs only when that job did, unless
 * its own `if:` uses a status function) and onto the credential step itself. Dropping the `needs:`,
 * the needed job's `if:`, or the step's `if:` reads as widened with the job's line. The actions/enforce
 * gate moved after the credential step, or into a job not needed, was already widened (held here).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const GUARD = 'github.event.pull_request.head.repo.full_name == github.repository';
const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const GATE = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';

interface Shape {
  /** The `if:` of job `check`, which `deploy` may need. */
  checkIf?: string;
  needs?: boolean;
  deployIf?: string;
  /** The `if:` of the credential step. */
  stepIf?: string;
  /** Where the actions/enforce gate runs: first in deploy, after the credential step, or in `check`. */
  gate?: 'first' | 'after' | 'check';
}

function workflow(s: Shape): string {
  const gate = `      - uses: ${GATE}\n`;
  const publish =
    `      - id: publish\n${s.stepIf ? `        if: ${s.stepIf}\n` : ''}` +
    `        uses: ${RUN}\n        with: { broker-url: "https://b", audience: github }\n`;
  return (
    `on: pull_request_target\njobs:\n` +
    `  check:\n${s.checkIf ? `    if: ${s.checkIf}\n` : ''}    runs-on: ubuntu-latest\n    steps:\n` +
    `${s.gate === 'check' ? gate : ''}      - run: echo checked\n` +
    `  deploy:\n${s.needs ? '    needs: check\n' : ''}${s.deployIf ? `    if: ${s.deployIf}\n` : ''}` +
    `    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n` +
    `${s.gate === 'first' ? gate : ''}${publish}${s.gate === 'after' ? gate : ''}`
  );
}

const diff = (a: Shape, b: Shape): Change[] =>
  diffSnapshots(snapshot([wf('pr.yml', workflow(a))]), snapshot([wf('pr.yml', workflow(b))]));
const deployRows = (changes: Change[]) => changes.filter((c) => c.job === 'deploy' && c.effect === 'widened');

describe('the fork guard followed into needs: jobs and onto the credential step (session 19)', () => {
  it.each<[string, Shape, Shape]>([
    ['needs: dropped', { checkIf: GUARD, needs: true }, { checkIf: GUARD }],
    ["the needed job's if: dropped", { checkIf: GUARD, needs: true }, { needs: true }],
    ['the credential step guard dropped', { stepIf: GUARD }, {}],
    ['a job guard moved to a job not needed', { deployIf: GUARD }, { checkIf: GUARD }],
  ])('%s: widened, on the job line', (_, a, b) => {
    const changes = diff(a, b);
    expect(failsOnWidened(changes)).toBe(true);
    const rows = deployRows(changes).filter((c) => c.subject === 'if:');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.line).toBeGreaterThan(0);
    expect(rows[0]!.file).toBe('.github/workflows/pr.yml');
  });

  it.each<[string, Shape, Shape]>([
    ['needs: added on a guarded job', { checkIf: GUARD }, { checkIf: GUARD, needs: true }],
    ['a step guard added', {}, { stepIf: GUARD }],
  ])('%s: not widened', (_, a, b) => {
    expect(failsOnWidened(diff(a, b))).toBe(false);
  });

  it('a status function on the dependant drops the needed guard: always() after needs reads widened', () => {
    const changes = diff(
      { checkIf: GUARD, needs: true },
      { checkIf: GUARD, needs: true, deployIf: 'always()' },
    );
    expect(deployRows(changes).map((c) => c.subject)).toContain('if:');
  });

  it.each<[string, Shape, Shape]>([
    ['after the credential step', { gate: 'first' }, { gate: 'after' }],
    ['into a job deploy does not need', { gate: 'first' }, { gate: 'check' }],
  ])('the enforce gate moved %s: widened with its line (held)', (_, a, b) => {
    const rows = deployRows(diff(a, b)).filter((c) => c.subject === 'actions/enforce gate');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.line).toBeGreaterThan(0);
  });
});
