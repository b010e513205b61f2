/**
 * Session 18, attacking session 17's job lookup by shown name (shared/actions/audit.ts, jobShownName):
 * without a check_run_id in the job's OIDC token the audit step finds its job in the Jobs API under
 * the name GitHub shows for it. Two shapes show under a name other than the job's `name:` or id, and
 * a third reads no workflow at all; in each the only job *named* like the lookup was another job of
 * the run (one a pull request added, `name: publish`, with a step named like the gate that
 * succeeded), whose rows read as this job's: "Gate ✅ passed" for a job whose gate failed.
 * - a matrix job: each leg shows as `publish (1)` (GitHub appends the leg's values);
 * - a job of a called (reusable) workflow: it shows as `<caller> / <callee>`;
 * - a workflow the audit cannot read (a called workflow in a repository the token cannot read):
 *   the lookup fell back to GITHUB_JOB, the id.
 * Each now says its row cannot be told. Seen failing (✅) before the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../support/broker.js';
import {
  AUDIT,
  GATE,
  auditBesideLookAlike,
  closeJobsApiStack,
  runState,
  startJobsApiStack,
} from '../support/jobs-api-stack.js';

let s: Stack;
const runs = runState();
beforeAll(async () => {
  s = await startJobsApiStack(runs);
});
afterAll(async () => closeJobsApiStack(s));

const publish = (extra: string) => `  publish:
${extra}    runs-on: ubuntu-latest
    steps:
      - id: gate
        uses: ${GATE}
      - run: make
      - uses: ${AUDIT}
        if: always()
`;
const decoy = `  decoy:
    name: publish
    runs-on: ubuntu-latest
    steps:
      - name: Run ${GATE}
        run: 'true'
`;
const head = `name: release
on: [push]
permissions: { contents: read, id-token: write, actions: read }
jobs:
`;
let n = 0;
const audit = (
  files: Record<string, string>,
  shownAs: string,
  claims: Record<string, string> = {},
  decoyAs = 'publish',
) => auditBesideLookAlike(s, runs, { n: 1800 + ++n, files, shownAs, claims, decoyAs });

describe('the audit does not take a look-alike job for a job GitHub shows under another name', () => {
  it('a matrix leg shows as `publish (1)`: the job named `publish` is not it', async () => {
    const wf = head + publish('    strategy:\n      matrix:\n        n: [1]\n') + decoy;
    const r = await audit({ '.github/workflows/release.yml': wf }, 'publish (1)');
    expect(r.gate).not.toContain('✅');
    expect(r.summary).toMatch(/matrix/);
  }, 60_000);

  it('a matrix job with a literal `name:` shows as `Publish (1)`: the job named `Publish` is not it', async () => {
    const wf =
      head +
      publish('    name: Publish\n    strategy:\n      matrix:\n        n: [1]\n') +
      decoy.replace('name: publish', 'name: Publish');
    const r = await audit({ '.github/workflows/release.yml': wf }, 'Publish (1)', {}, 'Publish');
    expect(r.gate).not.toContain('✅');
  }, 60_000);

  it('a called workflow job shows as `<caller> / publish`: the caller job named `publish` is not it', async () => {
    const caller = head + '  release:\n    uses: ./.github/workflows/lib.yml\n' + decoy;
    const lib = 'on: workflow_call\njobs:\n' + publish('');
    const r = await audit(
      { '.github/workflows/release.yml': caller, '.github/workflows/lib.yml': lib },
      'release / publish',
      { job_workflow_ref: 'octo-org/octo-repo/.github/workflows/lib.yml@refs/heads/main' },
    );
    expect(r.gate).not.toContain('✅');
  }, 60_000);

  it('holds: a workflow the audit cannot read gives no ✅ (the gate step cannot be tied to a row)', async () => {
    const caller = head + '  release:\n    uses: other-org/lib/.github/workflows/lib.yml@main\n' + decoy;
    const r = await audit({ '.github/workflows/release.yml': caller }, 'release / publish', {
      job_workflow_ref: 'other-org/lib/.github/workflows/lib.yml@refs/heads/main',
    });
    expect(r.gate).not.toContain('✅');
  }, 60_000);

  it('holds: a `name:` over 100 characters shows cut in the Jobs API (97 + "..."): no job is taken for it', async () => {
    const long = 'Publish ' + 'x'.repeat(112);
    const cut = long.slice(0, 97) + '...';
    // The look-alike's `name:` is the same long name: the API shows both cut, alike.
    const wf = head + publish(`    name: ${long}\n`) + decoy.replace('name: publish', `name: ${long}`);
    const r = await audit({ '.github/workflows/release.yml': wf }, cut, {}, cut);
    expect(r.gate).not.toContain('✅');
  }, 60_000);

  it('holds: a job without a matrix, read at the verified sha, is still found by its id', async () => {
    const wf = head + publish('') + decoy.replace('name: publish', 'name: other');
    const r = await audit({ '.github/workflows/release.yml': wf }, 'publish', {}, 'other');
    expect(r.gate).toMatch(/^\*\*Gate\*\* ❌ failed/);
  }, 60_000);
});
