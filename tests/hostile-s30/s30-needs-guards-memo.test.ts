/**
 * Session 30 (lead; docs/decisions.md "The lead's calls at the merge (session 30, lead)"): the access
 * diff's guard of a job on a fork-reachable event carries its needed jobs' `if:` (session 19), made
 * by a walk of the `needs` graph per job that started again on every path: a diamond (each job
 * needing the two before it) was exponential (26 jobs: 6 s; 40: hours) and a chain cubic, so one pull
 * request's workflow held the access-diff action. Each job's guards are now made once per snapshot;
 * the property holds them to the old walk's answer on every acyclic graph.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { GuardMemo, guardText, snapshot } from '../../shared/diff/snapshot.js';
import type { JobModel, WorkflowModel } from '../../shared/workflow/model.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { ifRunsAfterFailure } from '../../shared/workflow/status-functions.js';
import { wf } from '../support/repo.js';

/** The walk of 4fbe0df (its non-root part: the credential steps are the root's only), the reference. */
function walk(w: WorkflowModel, job: JobModel | undefined, seen: ReadonlySet<string>): string[] {
  if (!job) return [];
  const own = guardText(job.if?.value);
  const out = own !== undefined ? [own] : [];
  if (!(job.if !== undefined && ifRunsAfterFailure(job.if.value))) {
    const inner = new Set([...seen, job.id]);
    for (const id of [...job.needs].sort()) {
      if (inner.has(id)) continue;
      const needed = walk(
        w,
        w.jobs.find((j) => j.id === id),
        inner,
      );
      out.push(...needed.map((c) => (c.startsWith('needs.') ? c : `needs.${id}: ${c}`)));
    }
  }
  return [...new Set(out)];
}

const IFS = [
  '',
  "github.actor != 'bot'",
  '${{ github.event.pull_request.head.repo.fork == false }}',
  'always()',
  '!success()',
  'true',
];

/** n jobs; job i needs some of the jobs before it (acyclic), itself, or a name no job has. */
const workflows = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.constantFrom(...IFS), { minLength: n, maxLength: n }),
      fc.array(fc.array(fc.integer({ min: -2, max: n }), { maxLength: 4 }), { minLength: n, maxLength: n }),
    ),
  );

/** -2: a name no job has; -1: the job itself; k >= i: dropped (kept acyclic). */
const namesOf = (needs: number[][], i: number) =>
  needs[i]!.filter((k) => k < i).map((k) => (k === -2 ? 'nobody' : k === -1 ? `j${i}` : `j${k}`));

function text(n: number, ifs: string[], needs: number[][]): string {
  let t = 'on: pull_request_target\njobs:\n';
  for (let i = 0; i < n; i++) {
    // GitHub refuses a file whose `needs:` names no job or the job itself, and so does the reader
    // (session 39): only the names of earlier jobs are written; `withNeeds` gives the memo the rest.
    const names = namesOf(needs, i).filter((k) => k !== 'nobody' && k !== `j${i}`);
    t += `  j${i}:\n${names.length ? `    needs: [${names.join(', ')}]\n` : ''}${ifs[i] ? `    if: ${JSON.stringify(ifs[i])}\n` : ''}    runs-on: x\n    steps:\n      - run: make\n`;
  }
  return t;
}

/** The model with each job's `needs` as given, self-needs and unknown names too (a model GitHub never runs). */
const withNeeds = (w: WorkflowModel, needs: (i: number) => string[]): WorkflowModel => ({
  ...w,
  jobs: w.jobs.map((j, i) => ({ ...j, needs: needs(i) })),
});

function diamond(n: number, first: string): string {
  let t = 'on: pull_request_target\njobs:\n';
  for (let i = 0; i < n; i++)
    t += `  j${i}:\n${i > 1 ? `    needs: [j${i - 1}, j${i - 2}]\n` : ''}    if: github.actor != 'x${i === 0 ? first : i}'\n    runs-on: x\n    steps:\n      - run: make\n`;
  return t;
}

describe('the guards of needed jobs, made once per job', () => {
  it('the same answer as the walk along each path, for every job of any acyclic needs graph', () => {
    fc.assert(
      fc.property(workflows, ([n, ifs, needs]) => {
        const parsed = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text(n, ifs, needs));
        expect(parsed.error).toBeUndefined();
        const w = withNeeds(parsed, (i) => namesOf(needs, i));
        const memo = new GuardMemo();
        // Jobs asked in a random order share one memo, as the snapshot's do.
        for (const job of [...w.jobs].reverse())
          expect(memo.neededGuards(w, job)).toEqual(walk(w, job, new Set()));
      }),
      { numRuns: 300 },
    );
  });

  it('a diamond of 60 jobs: one guard per job above, made at once', () => {
    const w = parseWorkflow('ci.yml', '.github/workflows/ci.yml', diamond(60, '0'));
    const last = new GuardMemo().neededGuards(w, w.jobs[59]!);
    expect(last).toHaveLength(60);
    expect(last[0]).toBe("github.actor != 'x59'");
    expect(last).toContain("needs.j0: github.actor != 'x0'");
  });

  it('a cycle (which GitHub refuses to run) ends', () => {
    // The reader refuses the file (GitHub: "at least one job with no dependencies", session 39); the
    // memo is held on the model with the cycle put back.
    const text =
      "on: pull_request_target\njobs:\n  a:\n    needs: b\n    if: github.actor != 'a'\n    runs-on: x\n    steps: [{ run: make }]\n  b:\n    needs: a\n    if: github.actor != 'b'\n    runs-on: x\n    steps: [{ run: make }]\n";
    expect(parseWorkflow('ci.yml', '.github/workflows/ci.yml', text).error?.line).toBe(3);
    const acyclic = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text.replace('    needs: b\n', ''));
    const w = withNeeds(acyclic, (i) => [i === 0 ? 'b' : 'a']);
    expect(new GuardMemo().neededGuards(w, w.jobs[0]!)).toEqual([
      "github.actor != 'a'",
      "needs.b: github.actor != 'b'",
    ]);
  });

  it('the diff of a 40-job diamond still sees the first job’s guard change in the last job', () => {
    const changes = diffSnapshots(
      snapshot([wf('ci.yml', diamond(40, '0'))]),
      snapshot([wf('ci.yml', diamond(40, 'changed'))]),
    );
    expect(changes.filter((c) => c.job === 'j39' && c.subject === 'if:').map((c) => c.effect)).toEqual([
      'widened',
    ]);
  });
});
