/**
 * unpinned-action words each reference's message once a check and reuses it for the same text
 * (session 39). Held: every finding of a check over many references, repeated in jobs' calls, steps,
 * Docker steps and composite steps (`via`), with or without the manifest naming this repository, is
 * the finding the same reference gets when it is the only one of its check.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { unpinnedAction } from '../../shared/check/rules/unpinned-action.js';
import type { CheckContext } from '../../shared/check/rule.js';
import type { ActionRef, WorkflowModel } from '../../shared/workflow/model.js';

const USES = [
  'acme/app/.github/workflows/ci.yml@v1',
  'ACME/App/.github/workflows/ci.yml@main',
  'acme/app/tools/lint@v2',
  'acme/app@v1',
  'other/repo/.github/workflows/ci.yml@v1',
  'other/repo/sub@v3',
  'actions/checkout@v4',
  'docker://alpine:3',
  'docker://acme/app/x:1',
];

const ref = fc.record({
  uses: fc.constantFrom(...USES),
  on: fc.constantFrom('step' as const, 'job' as const),
  via: fc.boolean(),
  line: fc.integer({ min: 1, max: 99 }),
});

function action(r: { uses: string; on: 'step' | 'job'; via: boolean; line: number }): ActionRef {
  return {
    uses: r.uses,
    line: r.line,
    kind: r.uses.startsWith('docker://') ? 'docker' : 'remote',
    on: r.on,
    ...(r.via ? { via: { file: '.github/actions/c/action.yml', line: r.line + 1 } } : {}),
  } as ActionRef;
}

function ctx(actions: ActionRef[][], self: string | undefined): CheckContext {
  const workflows = actions.map(
    (jobActions, i) =>
      ({
        file: `w${i}.yml`,
        path: `.github/workflows/w${i}.yml`,
        triggers: [],
        jobs: [{ id: `j${i}`, actions: jobActions }],
      }) as unknown as WorkflowModel,
  );
  return {
    workflows,
    jobs: [],
    manifest: { manifest: { repository: self ? { name: self } : undefined } },
    policy: { requirePinnedActions: true },
  } as unknown as CheckContext;
}

describe('unpinned-action: a reference worded once a check reads as it does alone', () => {
  it('every finding equals the finding of its reference judged alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(ref, { maxLength: 6 }), { maxLength: 5 }),
        fc.constantFrom(undefined, 'acme/app', 'Acme/App', 'other/repo'),
        (jobs, self) => {
          const models = jobs.map((refs) => refs.map(action));
          const together = unpinnedAction.check(ctx(models, self));
          const alone = models.flatMap((refs, w) =>
            refs.flatMap((a) => {
              const only = models.map(() => [] as ActionRef[]);
              only[w] = [a];
              return unpinnedAction.check(ctx(only, self));
            }),
          );
          expect(together).toEqual(alone);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names this repository for its own references only', () => {
    const models = [[action({ uses: 'acme/app/tools/lint@v2', on: 'step', via: false, line: 3 })]];
    const [own] = unpinnedAction.check(ctx(models, 'acme/app'));
    const [other] = unpinnedAction.check(ctx(models, 'other/repo'));
    expect(own!.message).toContain("it is an action of this repository: '$/tools/lint'");
    expect(other!.message).toBe("'acme/app/tools/lint@v2' is not pinned to a full commit SHA");
  });
});
