/**
 * Session 25: a workflow whose job id GitHub refuses (`1_000`, `a.b`, `__x`, `x y`, 100 characters,
 * a leading digit or `-`) never runs: `@actions/workflow-parser` reports it when converting the
 * workflow (model/converter/job.ts `convertJob` -> id-builder.ts `tryAddKnownId`). Before, the check
 * judged such a job like any other (excess-permission against a grant that could never be claimed),
 * init wrote its id as a manifest key, and the manifest (since session 25) refuses that key: init
 * wrote a manifest it then refused. Now every face reads GitHub's rule from shared/workflow/job-id.ts:
 * the check reports the file `invalid-workflow` at the id's line, init skips it, the diff shows it as
 * a row it cannot judge, the gate refuses, and the manifest and the broker's `job=` refuse the id.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { runCheck } from '../../shared/check/run.js';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { renderInitManifest } from '../../shared/manifest/init.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { JOB_ID } from '../../shared/workflow/job-id.js';
import { githubConvertErrors, idCandidates } from '../support/github-convert.js';
import { manifest, wf } from '../support/repo.js';

const workflowWith = (id: string) =>
  `on: push\njobs:\n  ok:\n    runs-on: x\n    permissions: {}\n    steps: [{run: x}]\n  ${JSON.stringify(id)}:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: x}]\n`;

const githubErrors = githubConvertErrors;

const EMPTY = manifest('version: 1\n');
const BAD = ['1_000', 'a.b', '__x', '__proto__', 'x y', 'a'.repeat(100), '-x', '9', 'a/b'];

describe('a job id GitHub refuses: every face says the workflow never runs', () => {
  it.each(BAD.map((id) => [id.length > 20 ? `${id.length} characters` : id, id]))(
    '%s: GitHub refuses it; check invalid-workflow at its line, init skips it, the diff cannot judge, the gate refuses',
    async (_n, id) => {
      const text = workflowWith(id);
      expect((await githubErrors(text)).join('\n')).toContain('is invalid');
      const model = wf('ci.yml', text);
      const findings = runCheck({ workflows: [model], manifest: EMPTY }).findings;
      expect(findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['invalid-workflow', 'error', 7]]);
      expect(findings[0]!.message).toContain(`the job id '${id}' is invalid`);
      // init: the file is skipped (as every file GitHub refuses), so its manifest loads.
      const good = [model].filter((m) => !m.error);
      const written = renderInitManifest(resolveAccess(good, 'permissive'), good, {
        repositoryDefault: 'permissive',
      });
      expect(written).not.toContain(JSON.stringify(id));
      expect(() => loadManifest(written, '.github/access-manifest.yml')).not.toThrow();
      // diff: the head file is a row nobody can approve as unchanged.
      const changes = diffSnapshots(snapshot([], EMPTY.manifest), snapshot([model], EMPTY.manifest));
      expect(changes.map((c) => [c.effect, c.line])).toEqual([['cannot-judge', 7]]);
      expect(failsOnWidened(changes)).toBe(true);
      // the gate: the job `ok` beside it is refused too (its file is one GitHub refuses).
      const verdict = enforceJob({
        workflows: [model],
        manifest: EMPTY,
        workflow: 'ci.yml',
        job: 'ok',
        event: 'push',
      });
      expect(verdict.allowed).toBe(false);
    },
  );

  it('the longest id GitHub takes (99 characters), `_x` and `a-9` are jobs like any other', async () => {
    for (const id of ['b'.repeat(99), '_x', 'a-9']) {
      const text = workflowWith(id);
      expect(await githubErrors(text)).toEqual([]);
      const findings = runCheck({ workflows: [wf('ci.yml', text)], manifest: EMPTY }).findings;
      expect(findings.filter((f) => f.rule === 'invalid-workflow')).toEqual([]);
      expect(findings.filter((f) => f.rule === 'excess-permission').map((f) => f.job)).toEqual([id]);
    }
  });

  it('property: the check refuses a job id exactly when GitHub refuses it, and init never writes a key the manifest refuses', async () => {
    const id = idCandidates;
    await fc.assert(
      fc.asyncProperty(
        id.filter((i) => i !== 'ok'),
        async (i) => {
          const text = workflowWith(i);
          const github = (await githubErrors(text)).length > 0;
          const model = wf('ci.yml', text);
          expect(Boolean(model.error)).toBe(github);
          expect(github).toBe(!JOB_ID.test(i));
          const good = [model].filter((m) => !m.error);
          const written = renderInitManifest(resolveAccess(good, 'permissive'), good, {
            repositoryDefault: 'permissive',
          });
          expect(() => loadManifest(written, '.github/access-manifest.yml')).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });
});
