/**
 * A reusable workflow of this repository called by its full reference (`OWNER/REPO/.github/workflows/
 * x.yml@ref`) runs on its caller's token like a `./` call: with the repository known (the manifest's
 * `repository.name`), it is judged through its caller, not alone under the repository default.
 */
import { describe, expect, it } from '@jest/globals';
import { localWorkflowFile, resolveAccess } from '../../shared/workflow/access.js';
import { runCheck } from '../../shared/check/run.js';
import { manifest, wf, y } from '../support/repo.js';

const caller = wf(
  'deploy.yml',
  y`
    on: push
    jobs:
      ship:
        permissions: { contents: write, id-token: write }
        uses: Octo-Org/App/.github/workflows/lib.yml@main
      other:
        permissions: { contents: write }
        uses: octo-org/elsewhere/.github/workflows/lib.yml@main
  `,
);
const callee = wf(
  'lib.yml',
  y`
    on: workflow_call
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - run: make
  `,
);

describe('a full-reference call into this repository', () => {
  it("is this repository's file only when it names this repository (case-insensitive)", () => {
    expect(localWorkflowFile('octo-org/app/.github/workflows/lib.yml@main', 'Octo-Org/App')).toBe('lib.yml');
    expect(localWorkflowFile('octo-org/app/.github/workflows/lib.yml@main')).toBeUndefined();
    expect(
      localWorkflowFile('octo-org/app-evil/.github/workflows/lib.yml@main', 'octo-org/app'),
    ).toBeUndefined();
    expect(localWorkflowFile('octo-org/app/.github/workflows/lib.yml', 'octo-org/app')).toBeUndefined();
    expect(localWorkflowFile('./.github/workflows/lib.yml', 'octo-org/app')).toBe('lib.yml');
  });

  it("is judged through its caller (the caller's token), not alone under a restricted default", () => {
    const alone = resolveAccess([caller, callee], 'restricted').filter((a) => a.workflow === 'lib.yml');
    expect(alone.map((a) => [a.via?.job, a.permissions.contents])).toEqual([[undefined, 'read']]);
    const through = resolveAccess([caller, callee], 'restricted', { self: 'octo-org/app' }).filter(
      (a) => a.workflow === 'lib.yml',
    );
    expect(through.map((a) => [a.via?.job, a.permissions.contents, a.permissions['id-token']])).toEqual([
      ['ship', 'write', 'write'],
    ]);
  });

  it("the check reports the callee with the caller's access when the manifest names the repository", () => {
    const m = (repo: string) =>
      manifest(
        `version: 1\n${repo}policy: { repository-default-permissions: restricted, require-pinned-actions: false }\n`,
      );
    const jobsOf = (text: string) =>
      runCheck({ workflows: [caller, callee], manifest: m(text) })
        .jobs.filter((j) => j.workflow === 'lib.yml')
        .map((j) => [j.via, j.permissions.contents]);
    expect(jobsOf('')).toEqual([[undefined, 'read']]);
    expect(jobsOf('repository: { name: octo-org/app, id: 1, owner-id: 2 }\n')).toEqual([
      ['deploy.yml/ship', 'write'],
    ]);
  });
});
