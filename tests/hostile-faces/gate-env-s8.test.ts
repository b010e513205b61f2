/**
 * Session 8: the gate reads its facts through the runner's variables (`GITHUB_API_URL`,
 * `ACTIONS_ID_TOKEN_REQUEST_URL`, `GITHUB_EVENT_PATH`, …) and runs on Node. A workflow that sets them
 * (workflow, job or the gate step's own `env:`) points the gate at an API, token endpoint or payload
 * of its choosing, and both faces called the gate armed. Now the check reports it and the diff shows
 * the gate disarmed; `GITHUB_TOKEN` and ordinary names stay allowed.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { findingsOf, wf, PINNED_GATE, GATED_RELEASE_MANIFEST } from '../support/repo.js';

const GATE = PINNED_GATE;
const job = (wfEnv: string, jobEnv: string, stepEnv: string) =>
  `on: push\n${wfEnv ? `env: { ${wfEnv} }\n` : ''}jobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n${jobEnv ? `    env: { ${jobEnv} }\n` : ''}    steps:\n      - uses: ${GATE}\n${stepEnv ? `        env: { ${stepEnv} }\n` : ''}      - run: make release\n`;
const MANIFEST = GATED_RELEASE_MANIFEST;
const gate = (text: string) =>
  snapshot([wf('release.yml', text)])
    .workflows.get('release.yml')!
    .jobs.get('release')!.gate;

describe('env that redirects the gate disarms it in both faces', () => {
  it.each([
    ['step GITHUB_API_URL', '', '', 'GITHUB_API_URL: "https://evil.example"'],
    ['job ACTIONS_ID_TOKEN_REQUEST_URL', '', 'ACTIONS_ID_TOKEN_REQUEST_URL: "https://evil.example"', ''],
    ['workflow NODE_OPTIONS', 'NODE_OPTIONS: "--require /tmp/x.js"', '', ''],
    ['step HTTPS_PROXY', '', '', 'https_proxy: "http://evil:8080"'],
    ['job env from an expression', '', '', ''],
  ])('%s', (name, w, j, s) => {
    const text =
      name === 'job env from an expression'
        ? job('', 'X: y', '').replace('    env: { X: y }', '    env: ${{ fromJSON(vars.ENV) }}')
        : job(w, j, s);
    expect(findingsOf('missing-enforce', { 'release.yml': text }, MANIFEST).map((f) => f.subject)).toEqual([
      'env',
    ]);
    expect(gate(text)).toMatch(/^env: /);
    const changes = diffSnapshots(
      snapshot([wf('release.yml', job('', '', ''))]),
      snapshot([wf('release.yml', text)]),
    );
    expect(changes.filter((c) => c.subject === 'actions/enforce gate').map((c) => c.effect)).toEqual([
      'widened',
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('GITHUB_TOKEN and ordinary names leave it armed', () => {
    const text = job('NODE_VERSION: 20', 'GITHUB_TOKEN: "${{ secrets.PAT }}"', 'FOO: bar');
    expect(findingsOf('missing-enforce', { 'release.yml': text }, MANIFEST)).toEqual([]);
    expect(gate(text)).toBe('first step, mode enforce');
  });
});
