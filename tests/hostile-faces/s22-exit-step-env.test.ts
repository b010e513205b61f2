/**
 * Session 22: the exit-step guard (session 21) held `run: exit 1` to fail whenever it runs, but the
 * shell the runner starts for it (`bash -e {0}`) reads its environment first: `BASH_ENV` names a file
 * it sources before the script (its value is expanded, so `$(echo exit 0 >/tmp/z; echo /tmp/z)` needs
 * no file in the repository), `SHELLOPTS=noexec` runs nothing, `BASH_FUNC_exit%%` replaces `exit`.
 * Any of them in the workflow, job or step `env:` made the stop step pass for outsiders while the
 * guard text stayed the same: "No access changes". A stop step under such an `env:` name
 * (env-keys.ts, the names the gate already refuses) is no guard now.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { wf } from '../support/repo.js';

const OUTSIDER = 'github.event.pull_request.head.repo.full_name != github.repository';
const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const job = (stepEnv = '', jobEnv = '', wfEnv = '') =>
  `on: pull_request_target\n${wfEnv}jobs:\n  deploy:\n${jobEnv}` +
  `    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n` +
  `      - if: ${OUTSIDER}\n${stepEnv}        run: exit 1\n` +
  `      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://b", audience: github }\n`;
const diff = (a: string, b: string): Change[] =>
  diffSnapshots(snapshot([wf('pr.yml', a)]), snapshot([wf('pr.yml', b)]));

describe('an exit step whose shell the environment rewrites is no guard', () => {
  it.each<[string, string]>([
    [
      'BASH_ENV in the workflow env',
      job('', '', "env:\n  BASH_ENV: '$(echo exit 0 >/tmp/z; echo /tmp/z)'\n"),
    ],
    ['SHELLOPTS in the job env', job('', '    env: { SHELLOPTS: noexec }\n')],
    [
      'BASH_FUNC_exit%% in the step env',
      job("        env: { 'BASH_FUNC_exit%%': '() { builtin exit 0; }' }\n"),
    ],
    ['PATH in the step env', job('        env: { PATH: ./bin }\n')],
  ])('%s: widened', (_, head) => {
    const changes = diff(job(), head);
    expect(
      changes.filter((c) => c.job === 'deploy' && c.subject === 'if:' && c.effect === 'widened'),
    ).toHaveLength(1);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('held: an unrelated env name keeps the guard', () => {
    expect(diff(job(), job('        env: { GREETING: hi }\n'))).toEqual([]);
  });
});
