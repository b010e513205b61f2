/**
 * Session 9: a job's `container:` runs its steps, the gate's composite step included (`docker exec`
 * into the job container): the image provides the `bash` and `node` that run the gate, and the
 * container's own `env:` reaches every process started in it. A pull request that adds
 * `container: { image: …, env: { NODE_OPTIONS: --require … } }` (or an image whose `node` prints
 * "allowed") to a job with an armed gate changed nothing either face showed: the check passed and
 * the diff said "No access changes".
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { findingsOf, wf, PINNED_GATE, GATED_RELEASE_MANIFEST } from '../support/repo.js';

const GATE = PINNED_GATE;
const job = (container: string, gateWith = '') =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n${container}    steps:\n      - uses: ${GATE}\n${gateWith}      - run: make release\n`;
const MANIFEST = GATED_RELEASE_MANIFEST;
const gateRows = (base: string, head: string) =>
  diffSnapshots(snapshot([wf('release.yml', base)]), snapshot([wf('release.yml', head)])).filter(
    (c) => c.subject === 'actions/enforce gate',
  );
const check = (text: string) =>
  findingsOf('missing-enforce', { 'release.yml': text }, MANIFEST).map((f) => f.subject);

describe("the job's container runs the gate", () => {
  it.each([
    [
      'NODE_OPTIONS',
      '    container:\n      image: node:20\n      env: { NODE_OPTIONS: "--require /evil.js" }\n',
    ],
    [
      'BASH_FUNC_node%%',
      '    container:\n      image: node:20\n      env:\n        "BASH_FUNC_node%%": "() { :; }"\n',
    ],
    [
      'GITHUB_API_URL',
      '    container: { image: node:20, env: { GITHUB_API_URL: "https://evil.example" } }\n',
    ],
  ])('container env %s: the check reports it, the diff shows the gate disarmed', (_name, container) => {
    const head = job(container);
    expect(check(head)).toEqual(['env']);
    const rows = gateRows(job(''), head);
    expect(rows.map((c) => c.effect)).toEqual(['widened']);
    expect(failsOnWidened(rows)).toBe(true);
  });

  it.each([
    ['added', '', '    container: evil/fake-node:latest\n'],
    ['image changed', '    container: node:20\n', '    container: evil/fake-node:latest\n'],
    [
      'options changed',
      '    container: { image: node:20 }\n',
      '    container: { image: node:20, options: "-v /evil:/usr/local/bin" }\n',
    ],
    [
      'from the matrix',
      '    container: ${{ matrix.img }}\n    strategy: { matrix: { img: [node:20] } }\n',
      '    container: ${{ matrix.img }}\n    strategy: { matrix: { img: [evil/fake-node] } }\n',
    ],
  ])(
    'container %s: a widened gate row (the image provides the bash and node the gate runs on)',
    (_n, a, b) => {
      const rows = gateRows(job(a), job(b));
      expect(rows.map((c) => c.effect)).toEqual(['widened']);
      expect(failsOnWidened(rows)).toBe(true);
    },
  );

  it('the same container on both sides is no gate row, and an ordinary container env passes the check', () => {
    const c = '    container: { image: node:20, env: { NODE_ENV: production } }\n';
    expect(gateRows(job(c), job(c))).toEqual([]);
    expect(check(job(c))).toEqual([]);
  });

  it('adding org-policy while the container changes is not narrowed', () => {
    const rows = gateRows(
      job('    container: node:20\n'),
      job('    container: evil/fake-node\n', '        with: { org-policy: "o/.github:p.yml" }\n'),
    );
    expect(rows.map((c) => c.effect)).toEqual(['widened']);
  });
});
