/**
 * Differential property, workflow side: when the access diff reports nothing `widened` (and nothing
 * it cannot judge), no job's effective `GITHUB_TOKEN` permissions (as shared/workflow/access.ts
 * resolves them, reusable workflows through their local callers), secrets or environments grew.
 * Every head job instance (a callee once per path that reaches it) needs a base instance of the same
 * file (or the file the diff matched it to across a rename), job and caller that held at least as much.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SCOPE_NAMES, levelRank } from '../../shared/permissions/scopes.js';
import { resolveAccess, type JobAccess } from '../../shared/workflow/access.js';
import type { RepositoryDefault } from '../../shared/permissions/scopes.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, type RepoState } from '../../shared/diff/source.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { matchRenames } from '../../shared/diff/renames.js';
import { wf } from '../support/repo.js';
import { atThreeRates, dict, mutateOnce, leaf, opt, rec, toYaml, type PA } from './agree-s7-gen.js';

const FILES = ['a.yml', 'b.yml', 'c.yml', 'd.yml'];
const blockArb = fc.oneof(
  fc.constantFrom('read-all', 'write-all', {}),
  fc.record(
    {
      contents: fc.constantFrom('read', 'write', 'none'),
      issues: fc.constantFrom('read', 'write'),
      'id-token': fc.constantFrom('write', 'none'),
    },
    { requiredKeys: [] },
  ),
);

const stepsArb = fc.subarray(
  [
    { uses: 'actions/checkout@v4' },
    { run: 'echo ${{ secrets.NPM_TOKEN }}' },
    { run: 'echo ${{ secrets.DEPLOY_KEY }}' },
    { uses: 'evil/action@main' },
  ],
  { minLength: 1 },
);

/** Calls run down the files: a.yml and d.yml call b.yml or c.yml, b.yml calls c.yml, c.yml runs steps. */
const CALLS: Record<string, readonly string[]> = {
  'a.yml': ['b.yml', 'b.yml', 'c.yml', 'a.yml'],
  'd.yml': ['b.yml', 'b.yml', 'c.yml'],
  'b.yml': ['c.yml', 'c.yml', 'b.yml', 'a.yml'],
  'c.yml': ['d.yml', 'c.yml'],
};

const jobPair = (file: string): PA<Record<string, unknown>> =>
  fc.oneof(
    // A job with steps.
    {
      weight: file === 'c.yml' ? 4 : 1,
      arbitrary: rec({
        permissions: opt(leaf(blockArb, 3)),
        environment: opt(leaf(fc.constantFrom('prod', 'staging'), 3), 1),
        'runs-on': leaf(fc.constant('ubuntu-latest')),
        steps: leaf(stepsArb, 3),
      }),
    },
    // A job that calls a reusable workflow of this repository.
    {
      weight: file === 'c.yml' ? 1 : 2,
      arbitrary: rec({
        permissions: opt(leaf(blockArb, 3)),
        uses: leaf(fc.constantFrom(...CALLS[file]!.map((f) => `./.github/workflows/${f}`)), 3),
        secrets: opt(leaf(fc.constant('inherit')), 1),
      }),
    },
  );

/** a.yml and d.yml mostly run on events, b.yml and c.yml mostly only when called: chains of calls. */
const workflowPair = (file: string): PA<Record<string, unknown>> =>
  rec({
    on: leaf(
      file === 'a.yml' || file === 'd.yml'
        ? fc.constantFrom<unknown>('push', 'push', ['push', 'workflow_call'], 'pull_request_target')
        : fc.constantFrom<unknown>('workflow_call', 'workflow_call', ['push', 'workflow_call']),
      3,
    ),
    permissions: opt(leaf(blockArb, 3), 1),
    jobs: dict(['A', 'B', 'X'], jobPair(file), 3).map(([a, b]) => [
      Object.keys(a).length ? a : { A: { 'runs-on': 'x', steps: [{ run: 'true' }] } },
      Object.keys(b).length ? b : { A: { 'runs-on': 'x', steps: [{ run: 'true' }] } },
    ]),
  });

const filesPair = (): PA<Record<string, unknown>> =>
  fc.tuple(...FILES.map((f) => opt(workflowPair(f), 6, 1).map((p) => [f, p] as const))).map((entries) => {
    const side = (i: 0 | 1) =>
      Object.fromEntries(entries.filter(([, p]) => p[i] !== undefined).map(([f, p]) => [f, p[i]]));
    return [side(0), side(1)] as const;
  });

const fieldPairs = atThreeRates(() =>
  rec({
    files: fc.oneof(filesPair(), dict(FILES, workflowPair('b.yml'), 3)),
    default: leaf(fc.constantFrom<RepositoryDefault>('permissive', 'restricted'), 4),
  }),
);

/** Field by field, or one node changed (a job's block, a `uses:`, a trigger…), all else equal. */
const repoPair = fc.oneof(
  fieldPairs,
  fc
    .tuple(fieldPairs, fieldPairs, fc.nat(), fc.nat())
    .map(([[b], [d], k, op]) => [b, mutateOnce(b, d, k, op) as Record<string, unknown>] as const),
);

const manifestText = (d: RepositoryDefault) =>
  `version: 1\npolicy:\n  repository-default-permissions: ${d}\n  require-pinned-actions: false\n`;

function state(files: Record<string, unknown>, d: RepositoryDefault): RepoState {
  return {
    label: 'x',
    workflows: Object.entries(files).map(([f, v]) => wf(f, toYaml(v))),
    ...manifestOf(manifestText(d), 'x'),
  };
}

// The whole caller chain, outermost last: one caller job reached two ways is two instances (session 39).
// `name` maps a head file to the base file the diff matched it to (session 40: a renamed caller).
const keyOf = (a: JobAccess, name: (file: string) => string = (f) => f) =>
  [a.job, ...(a.callers ?? []).map((c) => `${name(c.workflow)}/${c.job}`).reverse()].join(' < ');

/** Head job instances no base instance (same file, via a rename, job, caller) holds as much as. */
export function grownJobs(
  base: RepoState,
  head: RepoState,
  dBase: RepositoryDefault,
  dHead: RepositoryDefault,
) {
  const ba = resolveAccess(base.workflows, dBase);
  const ha = resolveAccess(head.workflows, dHead);
  const renames = matchRenames(snapshot(base.workflows).workflows, snapshot(head.workflows).workflows);
  const out: string[] = [];
  const baseName = (file: string) =>
    base.workflows.some((w) => w.file === file) ? file : (renames.get(file) ?? file);
  for (const h of ha) {
    const from = baseName(h.workflow);
    const candidates = ba.filter((b) => b.workflow === from && keyOf(b) === keyOf(h, baseName));
    const covers = (b: JobAccess) =>
      SCOPE_NAMES.every((s) => levelRank(h.permissions[s]) <= levelRank(b.permissions[s])) &&
      h.secrets.every(
        (s) => b.secretsInherit || b.secrets.some((x) => x.value.toUpperCase() === s.value.toUpperCase()),
      ) &&
      (!h.secretsInherit || b.secretsInherit !== undefined) &&
      h.environments.every((e) => b.environments.some((x) => x.value === e.value)) &&
      h.actions.every((x) => b.actions.some((y) => y.uses === x.uses));
    if (!candidates.some(covers))
      out.push(
        `${h.workflow} ${keyOf(h)}: ${SCOPE_NAMES.filter((s) => h.permissions[s] !== 'none')
          .map((s) => `${s}:${h.permissions[s]}`)
          .join(' ')} (base: ${
          candidates.length
            ? candidates
                .map((b) =>
                  SCOPE_NAMES.filter((s) => b.permissions[s] !== 'none')
                    .map((s) => `${s}:${b.permissions[s]}`)
                    .join(' '),
                )
                .join(' | ')
            : 'no such job'
        })`,
      );
  }
  return out;
}

const NUM_RUNS = Number(process.env.AGREE_S7_RUNS ?? 1000);

describe('the access diff agrees with access.ts on the workflow side (differential, session 7)', () => {
  it("no widened change => no job's effective permissions, secrets, environments or actions grew", () => {
    let quiet = 0;
    fc.assert(
      fc.property(repoPair, ([b, h]) => {
        const dBase = b.default as RepositoryDefault;
        const dHead = (h.default ?? 'permissive') as RepositoryDefault;
        const base = state((b.files ?? {}) as Record<string, unknown>, dBase);
        const head = state((h.files ?? {}) as Record<string, unknown>, dHead);
        const { changes } = diffStates(base, head);
        if (failsOnWidened(changes)) return true;
        quiet++;
        const grown = grownJobs(base, head, dBase, dHead);
        if (grown.length)
          throw new Error(
            `the diff reported no widening (${changes.map((c) => `${c.effect} ${c.workflow} ${c.job ?? ''} ${c.subject}`).join('; ') || 'no changes'}) but:\n${grown.join('\n')}\n${Object.entries(
              b.files as Record<string, unknown>,
            )
              .map(([f, v]) => `--- base ${f}\n${toYaml(v)}`)
              .join('')}${Object.entries((h.files ?? {}) as Record<string, unknown>)
              .map(([f, v]) => `--- head ${f}\n${toYaml(v)}`)
              .join('')}`,
          );
        return true;
      }),
      { numRuns: NUM_RUNS },
    );
    if (process.env.AGREE_S7_STATS) console.log({ quiet });
    expect(quiet).toBeGreaterThan(NUM_RUNS / 20);
  });
});

/**
 * The long run's counterexample of session 40 (AGREE_S7_RUNS=20000, seed 1188980449): a caller file
 * renamed whole (a.yml -> b.yml, same text) that calls a local callee. The diff matches the rename and
 * re-keys the callee's instances at every depth (session 39), so it reports nothing; this oracle keyed
 * the head instance `A < b.yml/A` by the caller's head name and found no base `A < b.yml/A`. The
 * callers of a chain are compared under the name the diff matched them to, as the job's own file is.
 */
describe('the oracle over a renamed caller (session 40 long run)', () => {
  const callee = {
    on: 'workflow_call',
    jobs: {
      A: { permissions: 'read-all', uses: './.github/workflows/c.yml' },
      B: {
        permissions: 'read-all',
        'runs-on': 'ubuntu-latest',
        steps: [{ run: 'echo ${{ secrets.DEPLOY_KEY }}' }],
      },
    },
  };
  const caller = {
    on: 'workflow_call',
    jobs: {
      A: { uses: './.github/workflows/c.yml' },
      B: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo ${{ secrets.DEPLOY_KEY }}' }] },
      X: { uses: './.github/workflows/c.yml' },
    },
  };
  for (const [name, c] of [
    ['the shrunk counterexample (a callee that calls itself)', callee],
    ['a plain callee', { on: 'workflow_call', jobs: { B: callee.jobs.B } }],
  ] as const)
    it(`${name}: no change, nothing grown`, () => {
      const base = state({ 'a.yml': caller, 'c.yml': c }, 'permissive');
      const head = state({ 'c.yml': c, 'b.yml': caller }, 'permissive');
      expect(diffStates(base, head).changes).toEqual([]);
      expect(grownJobs(base, head, 'permissive', 'permissive')).toEqual([]);
    });
});
