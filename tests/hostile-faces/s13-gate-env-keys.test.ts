/**
 * Session 13: an `env:` key written as an expression is evaluated by GitHub where `env:` takes
 * expressions (`@actions/workflow-parser` adds it as an expression key; `${{ insert }}` as a key
 * merges a whole mapping the expression gives), so `${{ format('NODE_{0}', 'OPTIONS') }}: --require
 * /tmp/x.js` or `${{ insert }}: ${{ fromJSON(vars.E) }}` on the workflow, the job, the job's container
 * or the gate step sets a variable the gate runs under while the name stepwarden read was the
 * expression's text. `missing-enforce` passed and the diff's gate stayed armed ("No access changes").
 * Such a key now disarms the gate as a redirecting name does (its name is known only at run time).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { githubFacts } from '../workflow/differential.js';
import { findingsOf, wf, PINNED_GATE, GATED_RELEASE_MANIFEST } from '../support/repo.js';

const base = (jobExtra = '', stepExtra = '', top = '') =>
  `on: push\n${top}jobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n${jobExtra}    steps:\n      - uses: ${PINNED_GATE}\n${stepExtra}      - run: make release\n`;
const gate = (text: string) =>
  snapshot([wf('release.yml', text)])
    .workflows.get('release.yml')!
    .jobs.get('release')!.gate;

const FORMAT = "${{ format('NODE_{0}', 'OPTIONS') }}: --require /tmp/x.js";
const INSERT = '${{ insert }}: ${{ fromJSON(vars.E) }}';

describe('an env: key written as an expression disarms the gate in both faces', () => {
  it.each([
    ['workflow env, format()', base('', '', `env:\n  ${FORMAT}\n`), 3],
    ['job env, format()', base(`    env:\n      ${FORMAT}\n`), 7],
    ['gate step env, format()', base('', `        env:\n          ${FORMAT}\n`), 9],
    ['job env, insert', base(`    env:\n      ${INSERT}\n`), 7],
    [
      'container env, insert',
      base(`    container:\n      image: node:20\n      env:\n        ${INSERT}\n`),
      9,
    ],
  ])('%s', (_name, text, line) => {
    expect(githubFacts('release.yml', text).valid).toBe(true);
    const found = findingsOf('missing-enforce', { 'release.yml': text }, GATED_RELEASE_MANIFEST);
    expect(found.map((f) => f.subject)).toEqual(['env']);
    expect(found[0]!.message).toContain('known only at run time');
    expect(found[0]!.line).toBe(line);
    expect(gate(text)).toMatch(/^env: /);
    expect(gate(text)).toContain('${{');
    const changes = diffSnapshots(snapshot([wf('release.yml', base())]), snapshot([wf('release.yml', text)]));
    expect(changes.filter((c) => c.subject === 'actions/enforce gate').map((c) => c.effect)).toEqual([
      'widened',
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a literal key is read as its string: an ordinary name leaves the gate armed', () => {
    const text = base(`    env:\n      \${{ 'NODE_VERSION' }}: 20\n`);
    expect(findingsOf('missing-enforce', { 'release.yml': text }, GATED_RELEASE_MANIFEST)).toEqual([]);
    expect(gate(text)).toBe('first step, mode enforce');
  });
});
