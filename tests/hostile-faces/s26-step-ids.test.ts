/**
 * Session 26: a step id GitHub refuses makes the workflow one GitHub never runs. GitHub's converter
 * applies to every step `id:` the IdBuilder rule it applies to job ids (session 25): ASCII letters,
 * digits, `_` and `-`, a letter or `_` first, fewer than 100 characters, `__` first reserved, once per
 * job (actions/runner src/Sdk/WorkflowParser/Conversion/WorkflowTemplateConverter.cs `ConvertToStep`
 * -> IdBuilder.cs `TryAddKnownId`; `@actions/workflow-parser` model/converter/steps.ts `convertStep`
 * -> id-builder.ts `tryAddKnownId`). The C# builder keeps its names in an `OrdinalIgnoreCase` set
 * (`steps.Build` and `steps.build` are one context entry), so `Build` after `build` is refused there;
 * the TypeScript port compares case-sensitively, so that case is pinned against the C# source, and
 * the property below leaves ids equal up to case out. Before, step ids got only the look-alike-letter
 * and `__` checks: `a.b`, `1st`, `x y` or a 100-character id were judged as steps of a job that runs.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { runCheck } from '../../shared/check/run.js';
import { JOB_ID } from '../../shared/workflow/job-id.js';
import { githubConvertErrors, idCandidates } from '../support/github-convert.js';
import { manifest, wf } from '../support/repo.js';

const workflowWith = (...ids: string[]) =>
  `on: push\njobs:\n  build:\n    runs-on: x\n    permissions: {}\n    steps:\n${ids
    .map((id) => `      - id: ${JSON.stringify(id)}\n        run: x\n`)
    .join('')}`;

const githubErrors = githubConvertErrors;
const EMPTY = manifest('version: 1\n');
const invalid = (text: string) =>
  runCheck({ workflows: [wf('ci.yml', text)], manifest: EMPTY }).findings.filter(
    (f) => f.rule === 'invalid-workflow',
  );

describe('a step id GitHub refuses: the check says the workflow never runs, at the id’s line', () => {
  it.each(['a.b', '1st', '-x', 'x y', 'a/b', 'c'.repeat(100), '__run', 'café', ''])('%s', async (id) => {
    const text = workflowWith('ok', id);
    // An empty id is refused by the schema ("Unexpected value ''"), the others by the IdBuilder.
    expect((await githubErrors(text)).join('\n')).toMatch(id ? /is invalid/ : /Unexpected value ''/);
    const f = invalid(text);
    expect(f.map((x) => [x.severity, x.line])).toEqual([['error', 9]]);
    expect(f[0]!.message).toContain(`the id '${id}' of step 2 of job 'build' is invalid`);
  });

  it('an id used twice, or twice up to case (the C# IdBuilder compares ignoring case): refused at the second', async () => {
    expect((await githubErrors(workflowWith('deploy', 'deploy'))).join('\n')).toContain('more than once');
    for (const [a, b] of [
      ['deploy', 'deploy'],
      ['deploy', 'Deploy'],
    ] as const) {
      const f = invalid(workflowWith(a, b));
      expect(f.map((x) => x.line)).toEqual([9]);
      expect(f[0]!.message).toContain('is used by an earlier step of the job');
    }
  });

  it('ids GitHub takes (99 characters, `_x`, `a-9`, `true`) are steps like any other', async () => {
    for (const id of ['d'.repeat(99), '_x', 'a-9', 'true']) {
      const text = workflowWith(id);
      expect(await githubErrors(text)).toEqual([]);
      expect(invalid(text)).toEqual([]);
    }
  });

  it('property: the check refuses a step id exactly when GitHub’s converter does', async () => {
    const id = idCandidates;
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(id, id).filter(([a, b]) => a === b || a.toLowerCase() !== b.toLowerCase()),
        async ([a, b]) => {
          const text = workflowWith(a, b);
          const github = (await githubErrors(text)).length > 0;
          expect(invalid(text).length > 0).toBe(github);
          expect(github).toBe(!JOB_ID.test(a) || !JOB_ID.test(b) || a === b);
        },
      ),
      { seed: 26, numRuns: 200 },
    );
  });
});
