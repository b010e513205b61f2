/**
 * Session 27: step ids inside a local composite action (`action.yml` `runs.steps[*].id`) are held to
 * the rule session 26 put on workflow step ids (parse.ts `refusedStepId`, one function for both).
 * The runner converts an action's steps with the same converter as a workflow's
 * (actions/runner src/Runner.Worker/ActionManifestManager.cs: `runs.steps` ->
 * WorkflowTemplateConverter.ConvertToSteps -> IdBuilder.TryAddKnownId per non-empty id, then
 * `templateContext.Errors.Check()`, which fails the action's load; the legacy loader,
 * ActionManifestManagerLegacy.cs, ReferenceNameBuilder.TryAddKnownName, refuses the same characters
 * and duplicates ignoring case), and action_yaml.json says `"id": "non-empty-string"`. Before, an
 * action step `id: a.b` was read as a step the job runs, its scope `outer.a.b` taken as a name.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import { readComposite } from '../../shared/workflow/composite.js';
import { idCandidates } from '../support/github-convert.js';
import { wf } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
/** An action whose steps carry these ids (a YAML scalar as written: `null` is no id text). */
const actionWith = (...ids: string[]) =>
  `name: deploy\nruns:\n  using: composite\n  steps:\n${ids
    .map((id) => `    - id: ${id}\n      uses: ${RUN}\n`)
    .join('')}`;
const quoted = (...ids: string[]) => actionWith(...ids.map((id) => JSON.stringify(id)));
/** The same ids as a workflow job's steps: the workflow reader's refusal, for the one-rule property. */
const workflowWith = (...ids: string[]) =>
  `on: push\njobs:\n  build:\n    runs-on: x\n    permissions: {}\n    steps:\n${ids
    .map((id) => `      - id: ${JSON.stringify(id)}\n        run: x\n`)
    .join('')}`;

describe('a composite action step id GitHub refuses: the action is not one GitHub runs', () => {
  it.each(['a.b', '1st', '-x', 'x y', 'a/b', 'c'.repeat(100), '__run', 'café', ''])('%s', (id) => {
    const r = readComposite(quoted('ok', id));
    expect(r.uses).toEqual([]);
    expect(r.unread).toBe(true);
    expect(r.problem).toContain(
      `GitHub refuses this action: the id '${id}' of step 2 of the action is invalid`,
    );
    expect(r.problem).toMatch(/\(line 7\)$/);
  });

  it('no value, a list or a mapping as the id: refused', () => {
    for (const id of ['null', '~', '[a]', '{ a: b }']) {
      const r = readComposite(actionWith(id));
      expect(r.unread).toBe(true);
      expect(r.problem).toMatch(
        /^GitHub refuses this action: the id '.*' of step 1 of the action is invalid/,
      );
    }
  });

  it('an id used twice, or twice up to case (both runner loaders compare ignoring case): refused at the second', () => {
    for (const [a, b] of [
      ['deploy', 'deploy'],
      ['deploy', 'Deploy'],
    ] as const) {
      const r = readComposite(quoted(a, b));
      expect(r.problem).toBe(
        `GitHub refuses this action: the id '${b}' of step 2 of the action is used by an earlier step of the action (a step id may be used once) (line 7)`,
      );
    }
  });

  it('ids GitHub takes (99 characters, `_x`, `a-9`, `true`) are read as before', () => {
    for (const id of ['d'.repeat(99), '_x', 'a-9', 'true']) {
      const r = readComposite(actionWith(id));
      expect(r.problem).toBeUndefined();
      expect(r.uses.map((u) => u.id)).toEqual([id]);
    }
  });

  it('property: the action reader refuses a step id exactly when the workflow reader does (one rule)', () => {
    fc.assert(
      fc.property(
        fc.tuple(idCandidates, idCandidates).filter(([a, b]) => a !== 'ok' && b !== 'ok'),
        ([a, b]) => {
          const inWorkflow = wf('ci.yml', workflowWith(a, b)).error !== undefined;
          expect(readComposite(quoted(a, b)).problem !== undefined).toBe(inWorkflow);
        },
      ),
      { seed: 27, numRuns: 300 },
    );
  });
});

describe('through the check: the workflow step running such an action fails it', () => {
  let dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  });

  it('unreadable-local-action (an error) at the workflow step, naming the action file, the id and its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s27-ids-'));
    dirs.push(dir);
    const files = {
      '.github/access-manifest.yml': 'version: 1\nrepository: { name: acme/app, id: 1, owner-id: 2 }\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - id: deploy\n        uses: ./.github/actions/deploy\n',
      '.github/actions/deploy/action.yml': quoted('a.b'),
    };
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    const f = (await checkDirectory({ dir })).findings.filter((x) => x.rule === 'unreadable-local-action');
    expect(f.map((x) => [x.severity, x.file, x.line])).toEqual([['error', '.github/workflows/ci.yml', 8]]);
    expect(f[0]!.message).toContain("the id 'a.b' of step 1 of the action is invalid");
    expect(f[0]!.message).toContain('./.github/actions/deploy (line 8): GitHub refuses this action');
  });
});
