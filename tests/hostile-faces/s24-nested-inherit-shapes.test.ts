/**
 * Session 24, attacking session 23's `inherited-secrets` on called jobs (shared/check/rules/
 * inherited-secrets.ts) with the shapes it was not tried on: `inherit` through three local levels to
 * a remote workflow, a cycle of local callees, and one callee reached by a caller passing named
 * secrets and by one passing `inherit`. Each must give exactly one finding, at the forwarding job's
 * own line, unless that job's own entry declares `inherit`.
 */
import { describe, expect, it } from '@jest/globals';
import { runCheck } from '../../shared/check/run.js';
import { manifest, wf } from '../support/repo.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const REMOTE = `evil/repo/.github/workflows/y.yml@${SHA}`;
const call = (job: string, uses: string, secrets = 'inherit') =>
  `  ${job}:\n    uses: ${uses}\n    secrets: ${secrets}\n`;
const file = (trigger: string, ...jobs: string[]) => `on: ${trigger}\njobs:\n${jobs.join('')}`;
const entry = (file: string, jobs: Record<string, string>) =>
  `  ${file}:\n    jobs:\n${Object.entries(jobs)
    .map(([j, s]) => `      ${j}: { permissions: {}, secrets: [${s}] }\n`)
    .join('')}`;

const inherited = (files: Record<string, string>, entries: string[]) =>
  runCheck({
    workflows: Object.entries(files).map(([f, t]) => wf(f, t)),
    manifest: manifest(`version: 1\nworkflows:\n${entries.join('')}`),
  })
    .findings.filter((f) => f.rule === 'inherited-secrets')
    .map((f) => [f.workflow, f.job, f.line]);

describe('inherited-secrets through nested local calls', () => {
  it('three local levels, then a remote workflow: the third level forwards, and is the one finding', () => {
    const files = {
      'ci.yml': file('push', call('go', './.github/workflows/a.yml')),
      'a.yml': file('workflow_call', call('x', './.github/workflows/b.yml')),
      'b.yml': file('workflow_call', call('z', REMOTE)),
    };
    const entries = (z: string) => [
      entry('ci.yml', { go: 'inherit' }),
      entry('a.yml', { x: 'X' }),
      entry('b.yml', { z }),
    ];
    expect(inherited(files, entries('X'))).toEqual([['b.yml', 'z', 5]]);
    expect(inherited(files, entries('inherit'))).toEqual([]);
  });

  it('a cycle of local callees ends, and its remote forward is one finding', () => {
    const files = {
      'ci.yml': file('push', call('go', './.github/workflows/a.yml')),
      'a.yml': file('workflow_call', call('x', './.github/workflows/b.yml')),
      'b.yml': file('workflow_call', call('back', './.github/workflows/a.yml'), call('out', REMOTE)),
    };
    const entries = [
      entry('ci.yml', { go: 'inherit' }),
      entry('a.yml', { x: 'X' }),
      entry('b.yml', { back: 'X', out: 'X' }),
    ];
    expect(inherited(files, entries)).toEqual([['b.yml', 'out', 8]]);
  });

  it('one callee called with named secrets and with inherit: one finding, whichever caller', () => {
    const named = '{ NPM_TOKEN: "${{ secrets.NPM_TOKEN }}" }';
    const files = {
      'ci.yml': file(
        'push',
        call('named', './.github/workflows/lib.yml', named),
        call('all', './.github/workflows/lib.yml'),
      ),
      'lib.yml': file('workflow_call', call('x', REMOTE)),
    };
    const entries = [
      entry('ci.yml', { named: 'NPM_TOKEN', all: 'inherit' }),
      entry('lib.yml', { x: 'NPM_TOKEN' }),
    ];
    expect(inherited(files, entries)).toEqual([['lib.yml', 'x', 5]]);
    // Only the named caller: the forward still passes on whatever it is given, unjudged beyond.
    const namedOnly = {
      ...files,
      'ci.yml': file('push', call('named', './.github/workflows/lib.yml', named)),
    };
    expect(
      inherited(namedOnly, [entry('ci.yml', { named: 'NPM_TOKEN' }), entry('lib.yml', { x: 'NPM_TOKEN' })]),
    ).toEqual([['lib.yml', 'x', 5]]);
  });
});
