/**
 * Session 20, attacking session 19's fork guard on the credential step (snapshot.ts jobGuards): the
 * guard text named only the credential steps that have an `if:`, so a pull request that keeps the
 * guarded step and adds a second credential step without one (same job, same grants) changed nothing
 * the diff read, while the new step asks the broker for the job's credential on every fork-reachable
 * run. The steps' conditions count only when every credential step has one (`credential steps: COND`).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const GUARD = 'github.event.pull_request.head.repo.full_name == github.repository';
const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const job = (jobIf: string | undefined, steps: string) =>
  `on: pull_request_target\njobs:\n  deploy:\n${jobIf ? `    if: ${jobIf}\n` : ''}` +
  `    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const step = (id: string | undefined, cond?: string) =>
  `      - ${id ? `id: ${id}\n        ` : ''}${cond ? `if: ${cond}\n        ` : ''}uses: ${RUN}\n` +
  `        with: { broker-url: "https://b", audience: github }\n`;
const diff = (a: string, b: string): Change[] =>
  diffSnapshots(snapshot([wf('pr.yml', a)]), snapshot([wf('pr.yml', b)]));
const guardRows = (changes: Change[]) =>
  changes.filter((c) => c.job === 'deploy' && c.subject === 'if:' && c.effect === 'widened');

describe('a second credential step beside the guarded one (session 20)', () => {
  it.each<[string, string, string]>([
    [
      'an unguarded step with an id',
      job(undefined, step('publish', GUARD)),
      job(undefined, step('publish', GUARD) + step('other')),
    ],
    [
      'an unguarded step without an id',
      job(undefined, step('publish', GUARD)),
      job(undefined, step('publish', GUARD) + step(undefined)),
    ],
    [
      'before the guarded one',
      job(undefined, step('publish', GUARD)),
      job(undefined, step('early') + step('publish', GUARD)),
    ],
    [
      'beside a job guard too',
      job(GUARD, step('publish', GUARD)),
      job(GUARD, step('publish', GUARD) + step('other')),
    ],
  ])('%s: widened on the job line', (_, a, b) => {
    const changes = diff(a, b);
    expect(failsOnWidened(changes)).toBe(true);
    const rows = guardRows(changes);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.line).toBeGreaterThan(0);
    expect(rows[0]!.before).toContain(`credential steps: ${GUARD}`);
    expect(rows[0]!.after).not.toContain('credential steps');
  });

  it.each<[string, string, string]>([
    [
      'a second guarded step',
      job(undefined, step('publish', GUARD)),
      job(undefined, step('publish', GUARD) + step('other', GUARD)),
    ],
    [
      'no step guard on either side (the job guard holds both)',
      job(GUARD, step('publish')),
      job(GUARD, step('publish') + step('other')),
    ],
    [
      'nothing changed',
      job(undefined, step('publish', GUARD) + step('other')),
      job(undefined, step('publish', GUARD) + step('other')),
    ],
  ])('holds: %s reads no guard change', (_, a, b) => {
    expect(guardRows(diff(a, b))).toEqual([]);
  });
});
