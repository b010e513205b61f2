/**
 * Session 19: look-alike job and step ids. GitHub refuses an id that is not ASCII letters, digits,
 * `_` and `-` (starting with a letter or `_`, under 100 characters), a step id starting with `__`, and
 * a step id used twice in a job (`@actions/workflow-parser` IdBuilder). stepwarden read them all: a
 * job `publiѕh` (U+0455) beside `publish` was a job of its own in the check and the diff comment, drawn
 * like the other, and two steps `id: deploy` shared one grant and one row. Such a file is refused now
 * (invalid-workflow, naming the id, its line and the code points that are not ASCII) by every face
 * (the check, the diff and the gate parse with one function). Seen failing first. The corpus's 1,503
 * workflows give the same 11,318 findings before and after (docs/decisions.md, session 19).
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
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
    ['a Cyrillic letter in a job id', workflow('publiѕh'), 4, /job id 'publiѕh' is invalid.*U\+0455/],
    ['a zero-width space in a job id', workflow('publish\u200b'), 4, /U\+200B/],
    ['a Greek letter in a step id', workflow('publish', ['dερloy']), 7, /step 1 .*U\+03B5, U\+03C1/],
    ['a step id starting with __', workflow('publish', ['__gate']), 7, /reserved/],
    ['a step id used twice', workflow('publish', ['deploy', 'deploy']), 9, /used by an earlier step/],
    ['a job id of 100 characters', workflow(`j${'x'.repeat(99)}`), 4, /under 100 characters/],
    ['a job id starting with a digit', workflow('1publish'), 4, /start with a letter/],
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

  it('holds: ids GitHub takes (hyphens, underscores, digits, 99 characters) are read', () => {
    for (const t of [
      workflow('_build-2'),
      workflow('publish', ['a-b_c1', 'B']),
      workflow(`j${'x'.repeat(98)}`),
    ])
      expect(wf('ci.yml', t).error).toBeUndefined();
  });
});
