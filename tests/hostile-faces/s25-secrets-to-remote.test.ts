/**
 * Session 25: a reusable-workflow call with `secrets: inherit` (or named secrets) moved from a local
 * callee to another repository's showed only the action row in the access diff: the job's secrets
 * read `inherit` on both sides. A call hands its secrets to the callee's repository, whose code then
 * holds every secret of this one; the diff now shows that as a widened secret row `inherit →
 * OWNER/REPO` (and `NAME → OWNER/REPO` for named ones), which `fail-on: widened` fails until approved.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { manifest, wf } from '../support/repo.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const LIB = `on: workflow_call\njobs:\n  b:\n    runs-on: x\n    permissions: {}\n    steps:\n      - run: echo \${{ secrets.TOKEN }}\n`;
const INHERIT = 'secrets: inherit';
const NAMED = 'secrets: { TOKEN: "${{ secrets.TOKEN }}" }';
const caller = (uses: string, secrets: string) =>
  `on: push\njobs:\n  call:\n    permissions: {}\n    uses: ${uses}\n    ${secrets}\n`;
const M = manifest('version: 1\nrepository: { name: octo/app, id: 1, owner-id: 2 }\n').manifest;

function secretRows(before: string, after: string) {
  const side = (text: string) => snapshot([wf('ci.yml', text), wf('lib.yml', LIB)], M);
  const changes = diffSnapshots(side(before), side(after)).filter(
    (c) => c.workflow === 'ci.yml' && c.kind === 'secret',
  );
  return { rows: changes.map((c) => [c.effect, c.subject]), fails: failsOnWidened(changes) };
}

describe('secrets a call hands to another repository are a row of their own', () => {
  it('`secrets: inherit` moved from a local callee to evil/repo: a widened row naming the repository', () => {
    const r = secretRows(
      caller('./.github/workflows/lib.yml', INHERIT),
      caller(`evil/repo/.github/workflows/lib.yml@${SHA}`, INHERIT),
    );
    expect(r.rows).toEqual([['widened', 'inherit → evil/repo']]);
    expect(r.fails).toBe(true);
  });

  it('a named secret moved the same way: widened, with the repository', () => {
    const r = secretRows(
      caller('./.github/workflows/lib.yml', NAMED),
      caller(`evil/repo/.github/workflows/lib.yml@${SHA}`, NAMED),
    );
    expect(r.rows).toEqual([['widened', 'TOKEN → evil/repo']]);
  });

  it('from one remote repository to another: widened for the new one, narrowed for the old', () => {
    const r = secretRows(
      caller(`good/repo/.github/workflows/lib.yml@${SHA}`, INHERIT),
      caller(`EVIL/repo/.github/workflows/lib.yml@${SHA}`, INHERIT),
    );
    expect(r.rows).toEqual([
      ['widened', 'inherit → evil/repo'],
      ['narrowed', 'inherit → good/repo'],
    ]);
  });

  it('back to a local callee, or a call of this repository by full reference: no widened secret row', () => {
    const back = secretRows(
      caller(`evil/repo/.github/workflows/lib.yml@${SHA}`, INHERIT),
      caller('./.github/workflows/lib.yml', INHERIT),
    );
    expect(back.rows).toEqual([['narrowed', 'inherit → evil/repo']]);
    const self = secretRows(
      caller('./.github/workflows/lib.yml', INHERIT),
      caller(`octo/app/.github/workflows/lib.yml@${SHA}`, INHERIT),
    );
    expect(self.rows).toEqual([]);
  });

  it('an unchanged remote call, or only its ref changed: no secret row (the action row says the ref)', () => {
    const same = caller(`good/repo/.github/workflows/lib.yml@${SHA}`, INHERIT);
    expect(secretRows(same, same).rows).toEqual([]);
    expect(secretRows(same, same.replace(SHA, 'f'.repeat(40))).rows).toEqual([]);
  });
});
