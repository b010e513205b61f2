/**
 * Session 21: a step `if: <outsider> / run: exit 1` before the credential steps stops the job for
 * outsiders as the credential steps' own `if:` would (a failed step skips every later step whose
 * `if:` has no status function). The diff read it as no guard, so a pull request that removed it, or
 * kept it and made it pass (`continue-on-error: true`, `defaults.run.shell: 'true {0}'`), or gave the
 * credential step `if: always()`, was "No access changes". A step in the strict form (`run:` exactly
 * `exit N`, 1 <= N <= 255; no `shell:` on the step, job or workflow; no `continue-on-error` other
 * than `false`) now guards the credential steps after it (snapshot.ts `stopConditions`).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const OUTSIDER = 'github.event.pull_request.head.repo.full_name != github.repository';
const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const job = (steps: string, head = '') =>
  `on: pull_request_target\n${head}jobs:\n  deploy:\n` +
  `    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const stop = (extra = '', run = 'exit 1') => `      - if: ${OUTSIDER}\n${extra}        run: ${run}\n`;
const cred = (cond?: string) =>
  `      - id: publish\n${cond ? `        if: ${cond}\n` : ''}        uses: ${RUN}\n` +
  `        with: { broker-url: "https://b", audience: github }\n`;
const diff = (a: string, b: string): Change[] =>
  diffSnapshots(snapshot([wf('pr.yml', a)]), snapshot([wf('pr.yml', b)]));
const guardRows = (changes: Change[], effect: Change['effect']) =>
  changes.filter((c) => c.job === 'deploy' && c.subject === 'if:' && c.effect === effect);

const GUARDED = job(stop() + cred());

describe('an exit step before the credential step is a guard the diff follows', () => {
  it.each<[string, string]>([
    ['removed', job(cred())],
    ['moved after the credential step', job(cred() + stop())],
    ['made to pass with continue-on-error', job(stop('        continue-on-error: true\n') + cred())],
    ["made to pass with the step's shell", job(stop("        shell: 'true {0}'\n") + cred())],
    [
      "made to pass with the workflow's default shell",
      job(stop() + cred(), "defaults:\n  run:\n    shell: 'true {0}'\n"),
    ],
    ['exit 0', job(stop('', 'exit 0') + cred())],
    ['exit 256 (0 to the shell)', job(stop('', 'exit 256') + cred())],
    ['the credential step runs always()', job(stop() + cred('always()'))],
    ['its condition rewritten', job(stop().replace('!=', '==') + cred())],
  ])('%s: widened', (_, head) => {
    const changes = diff(GUARDED, head);
    expect(guardRows(changes, 'widened')).toHaveLength(1);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('added where the credential step had no guard: narrowed', () => {
    const changes = diff(job(cred()), GUARDED);
    expect(guardRows(changes, 'narrowed')).toHaveLength(1);
    expect(failsOnWidened(changes)).toBe(false);
  });

  it.each<[string, string]>([
    ['after the credential step', job(cred() + stop())],
    ['with exit 0', job(stop('', 'exit 0') + cred())],
    ['with continue-on-error', job(stop('        continue-on-error: true\n') + cred())],
    ['under a custom shell', job(stop("        shell: 'true {0}'\n") + cred())],
  ])('held: a step that does not stop the job (%s) is no guard: adding it is no row', (_, head) => {
    expect(diff(job(cred()), head)).toEqual([]);
  });

  it('held: continue-on-error: false keeps the guard; the same guard written in other YAML is no row', () => {
    expect(diff(GUARDED, job(stop('        continue-on-error: false\n') + cred()))).toEqual([]);
    expect(diff(GUARDED, job(`      - if: \${{ ${OUTSIDER} }}\n        run: "exit 1"\n` + cred()))).toEqual(
      [],
    );
  });
});
