/**
 * Session 32 (w-rfaces): the spellings and places of a local action the diff must follow as the
 * runner does (held at f6cb0ee; kept). The runner reads `DIR/action.yml` when it is there and
 * `action.yaml` only otherwise (actions/runner ActionManager.cs); `./a/` and `./x/../a` and `./a//`
 * name the directory `a`; a composite's own local action is followed; an action the base lacks and
 * the head adds is what the head's job runs.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, type Change } from '../hostile-faces-s31/diff-trees.js';

const PINNED = 'actions/cache@0123456789abcdef0123456789abcdef01234567';
const dep = (u: string) =>
  `name: dep\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: ${u}\n`;
const job = (uses: string) =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - uses: ${uses}\n`;
const evil = (changes: Change[]) =>
  changes
    .filter((c) => c.job === 'a' && c.kind === 'action' && c.subject === 'evil/x@main')
    .map((c) => c.effect);

describe('diff: which local action file runs (s32)', () => {
  it('action.yml and action.yaml both held: the head changing action.yml is a row, action.yaml alone none', async () => {
    const text = job('./actions/dep');
    const both = (yml: string, yaml: string) => ({
      'actions/dep/action.yml': dep(yml),
      'actions/dep/action.yaml': dep(yaml),
    });
    expect(
      evil(await diff(text, text, { base: both(PINNED, PINNED), head: both('evil/x@main', PINNED) })),
    ).toEqual(['widened']);
    expect(await diff(text, text, { base: both(PINNED, PINNED), head: both(PINNED, 'evil/x@main') })).toEqual(
      [],
    );
    // The head drops action.yml: action.yaml is what runs now.
    expect(
      evil(
        await diff(text, text, {
          base: both(PINNED, 'evil/x@main'),
          head: { 'actions/dep/action.yaml': dep('evil/x@main') },
        }),
      ),
    ).toEqual(['widened']);
  });

  it.each(['./actions/dep/', './actions/../actions/dep', './actions//dep', './actions/./dep//'])(
    '`uses: %s` is the action in actions/dep',
    async (uses) => {
      const text = job(uses);
      expect(
        evil(
          await diff(text, text, {
            base: { 'actions/dep/action.yml': dep(PINNED) },
            head: { 'actions/dep/action.yml': dep('evil/x@main') },
          }),
        ),
      ).toEqual(['widened']);
    },
  );

  it('an action the base does not hold and the head adds; one nested in a local composite', async () => {
    const text = job('./actions/dep');
    expect(
      evil(await diff(text, text, { base: {}, head: { 'actions/dep/action.yml': dep('evil/x@main') } })),
    ).toEqual(['widened']);
    const outer = { 'actions/dep/action.yml': dep('./actions/inner') };
    expect(
      evil(
        await diff(text, text, {
          base: { ...outer, 'actions/inner/action.yml': dep(PINNED) },
          head: { ...outer, 'actions/inner/action.yml': dep('evil/x@main') },
        }),
      ),
    ).toEqual(['widened']);
  });
});
