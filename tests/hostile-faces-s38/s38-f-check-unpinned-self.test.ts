/**
 * Session 38 (w-rfaces): unpinned-action's advice for a reference to this repository itself. A job
 * calling `octo-org/octo-repo/.github/workflows/release.yml@main` in octo-org/octo-repo was told to
 * pin it to a commit; following that advice makes the broker refuse every credential step of the
 * callee (ERR_WORKFLOW_REF_MISMATCH: grants go only to workflow code at the run's own ref; session 37's
 * credential-step finding then fails the check). A `./` call runs the callee from the caller's own
 * commit: nothing to pin, and the broker grants it. At the start commit (f3a4e9b) the finding said
 * only "not pinned to a full commit SHA". Now it names the `./` call for a workflow of this
 * repository, and `$/` (this repository at the running commit, not the workspace) for an action of
 * it. Another repository's reference keeps the plain advice.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, PINNED } from '../support/repo.js';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }
defaults: { permissions: { contents: read } }
workflows: {}
`;
const LIB =
  'on: workflow_call\njobs:\n  lib:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lib\n';
const callJob = (uses: string) => `on: push\njobs:\n  call:\n    uses: ${uses}\n`;
const stepJob = (uses: string) =>
  `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${PINNED}\n      - uses: ${uses}\n`;
const messages = (text: string) =>
  findingsOf('unpinned-action', { 'ci.yml': text, 'lib.yml': LIB }, MANIFEST).map((f) => f.message);

describe("unpinned-action's advice for this repository's own workflow or action (s38)", () => {
  it('a call of this repository’s workflow at a branch: call it as ./.github/workflows/lib.yml', () => {
    for (const uses of [
      'octo-org/octo-repo/.github/workflows/lib.yml@main',
      'Octo-Org/Octo-Repo/.github/workflows/lib.yml@v1',
    ]) {
      const m = messages(callJob(uses));
      expect(m).toHaveLength(1);
      expect(m[0]).toContain("'./.github/workflows/lib.yml'");
      expect(m[0]).toContain('ERR_WORKFLOW_REF_MISMATCH');
    }
  });

  it('an action of this repository at a branch: $/path, not ./path', () => {
    const m = messages(stepJob('octo-org/octo-repo/actions/deploy@main'));
    expect(m).toHaveLength(1);
    expect(m[0]).toContain("'$/actions/deploy'");
  });

  it('negative: another repository keeps the plain advice', () => {
    for (const text of [
      callJob('octo-org/other/.github/workflows/lib.yml@main'),
      stepJob('octo-org/octo-repo-x/actions/deploy@main'),
    ]) {
      const m = messages(text);
      expect(m).toHaveLength(1);
      expect(m[0]).not.toMatch(/\$\/|\.\/\.github/);
    }
  });
});
