/**
 * Session 19: look-alike job and step ids. GitHub refuses an id that is not ASCII letters, digits,
 * `_` and `-` (starting with a letter or `_`, under 100 characters), a step id starting with `__`, and
 * a step id used twice in a job (`@actions/workflow-parser` IdBuilder). stepwarden read them all: a
 * job `publiѕh` (U+0455) beside `publish` was a job of its own in the check and the diff comment, drawn
 * like the other, and two steps `id: deploy` shared one grant and one row. Such a file is refused now
 * (invalid-workflow, naming the id, its line and the code points that are not ASCII) by every face
 * (the check, the diff and the gate parse with one function). Ids GitHub refuses for other reasons
 * (ASCII punctuation, line breaks, 100 characters or more) cannot pass for another id and stay read
 * (tests/hostile-faces/output-injection.test.ts gives such ids to every renderer). Seen failing first.
 * The corpus's 1,503 workflows give the same 11,318 findings before and after.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { findJob, stepRan, type ApiJob } from '../../shared/audit/job-steps.js';
import { wf } from '../support/repo.js';

const workflow = (jobId: string, stepIds: string[] = ['deploy']) => `on: push
permissions: { contents: read }
jobs:
  ${jobId}:
    runs-on: ubuntu-latest
    steps:
${stepIds.map((id) => `      - id: ${id}\n        run: make\n`).join('')}`;

describe('ids GitHub refuses are refused, naming what is not ASCII', () => {
  it.each([
    [
      'a Cyrillic letter in a job id',
      workflow('publiѕh'),
      4,
      /job id 'publiѕh' is invalid: it holds U\+0455.*write it in ASCII/,
    ],
    ['a zero-width space in a job id', workflow('publish\u200b'), 4, /U\+200B/],
    ['a Greek letter in a step id', workflow('publish', ['dερloy']), 7, /step 1 .*U\+03B5, U\+03C1/],
    ['a step id starting with __', workflow('publish', ['__gate']), 7, /reserved/],
    ['a step id used twice', workflow('publish', ['deploy', 'deploy']), 9, /used by an earlier step/],
  ])('%s', (_what, text, line, message) => {
    const m = wf('ci.yml', text);
    expect(m.error?.line).toBe(line);
    expect(m.error?.message).toMatch(/^GitHub refuses this workflow/);
    expect(m.error?.message).toMatch(message);
  });

  it('the diff cannot judge a head with such an id', () => {
    const changes = diffSnapshots(
      snapshot([wf('ci.yml', workflow('publish'))]),
      snapshot([wf('ci.yml', workflow('publiѕh'))]),
    );
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('holds: ids GitHub takes are read; ASCII ids it refuses for length or a leading digit are refused too (session 25)', () => {
    // Session 19 kept these read (they cannot pass for another id); GitHub refuses the file all the
    // same, and a manifest cannot grant them, so since session 25 the reader refuses them with the reason.
    expect(wf('ci.yml', workflow(`j${'x'.repeat(120)}`)).error?.message).toContain('it is 121 characters');
    expect(wf('ci.yml', workflow('1publish')).error?.message).toContain('it starts with "1"');
    for (const t of [
      workflow('_build-2'),
      workflow('publish', ['a-b_c1', 'B']),
      workflow(`j${'x'.repeat(98)}`),
    ])
      expect(wf('ci.yml', t).error).toBeUndefined();
  });
});

describe('holds: look-alike names are other rows to the audit and the gate (compared exactly)', () => {
  const row = (name: string, conclusion: string) => ({ name, status: 'completed', conclusion });
  it('a job named with a Cyrillic or zero-width look-alike is not the job looked up by name', () => {
    const jobs: ApiJob[] = [
      { id: 1, name: 'publiѕh' },
      { id: 2, name: 'publish\u200b' },
    ];
    expect(findJob(jobs, { name: 'publish' })).toEqual({
      why: expect.stringMatching(/no job named 'publish'/),
    });
  });
  it('a step row named like the grant’s step with a Greek letter does not make it "ran"', () => {
    const m = wf(
      'ci.yml',
      workflow('publish', ['deploy']).replace('run: make', 'name: Deploy\n        run: make'),
    );
    const job: ApiJob = {
      id: 1,
      name: 'publish',
      steps: [row('Dεploy', 'success'), row('Deploy', 'skipped')],
    };
    expect(stepRan(job, 'deploy', m.jobs[0]!.steps)).toBe(false);
  });
});
