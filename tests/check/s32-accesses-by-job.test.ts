/**
 * Session 32: a job's accesses are grouped by workflow file, then job id (`accessesByJob`, used by
 * unused-grant, credential-step and caller-job-verification), instead of by one joined key. Each job
 * is judged by its own workflow's accesses, every caller's access is kept in order, and a job the
 * workflows do not have has none.
 */
import { describe, expect, it } from '@jest/globals';
import { accessesByJob } from '../../shared/check/rules/credential-step.js';
import type { JobAccess } from '../../shared/workflow/access.js';
import { findingsOf } from '../support/repo.js';

const access = (workflow: string, job: string, n: number) => ({ workflow, job, n }) as unknown as JobAccess;

describe('accesses by job (s32)', () => {
  it('groups by workflow, then job, keeping each access in input order', () => {
    const a1 = access('a.yml', 'build', 1);
    const b1 = access('b.yml', 'build', 2);
    const a2 = access('a.yml', 'build', 3);
    const a3 = access('a.yml', 'test', 4);
    const grouped = accessesByJob([a1, b1, a2, a3]);
    expect([...grouped.keys()]).toEqual(['a.yml', 'b.yml']);
    expect(grouped.get('a.yml')!.get('build')).toEqual([a1, a2]);
    expect(grouped.get('a.yml')!.get('build')![0]).toBe(a1);
    expect(grouped.get('b.yml')!.get('build')).toEqual([b1]);
    expect(grouped.get('a.yml')!.get('test')).toEqual([a3]);
    expect(grouped.get('b.yml')!.get('test')).toBeUndefined();
    expect(grouped.get('c.yml')).toBeUndefined();
    // A job id and a workflow name are never joined into one key: no pair stands for another.
    const odd = accessesByJob([access('a', 'b\0c', 5), access('a\0b', 'c', 6)]);
    expect(
      odd
        .get('a')!
        .get('b\0c')!
        .map((x) => (x as unknown as { n: number }).n),
    ).toEqual([5]);
    expect(
      odd
        .get('a\0b')!
        .get('c')!
        .map((x) => (x as unknown as { n: number }).n),
    ).toEqual([6]);
  });

  it("unused-grant judges each workflow's job by that workflow's access, not another of the same id", () => {
    const workflows = {
      'a.yml':
        'on: push\njobs:\n  build:\n    permissions: { contents: write }\n    steps: [{ run: x }]\n    runs-on: ubuntu-latest\n',
      'b.yml':
        'on: push\njobs:\n  build:\n    permissions: { contents: read }\n    steps: [{ run: x }]\n    runs-on: ubuntu-latest\n',
    };
    const manifest = `version: 1
workflows:
  a.yml:
    jobs:
      build:
        permissions: { contents: write }
  b.yml:
    jobs:
      build:
        permissions: { contents: write }
      gone:
        permissions: { contents: read }
`;
    const found = findingsOf('unused-grant', workflows, manifest);
    expect(found.map((f) => [f.workflow, f.job, f.subject])).toEqual([
      ['b.yml', 'build', 'contents'],
      ['b.yml', 'gone', 'gone'],
    ]);
    expect(found[0]!.message).toBe("job 'build' is granted contents: write but holds contents: read");
  });

  it('unused-grant holds a job called from two local callers to the most either gives it', () => {
    const workflows = {
      'one.yml':
        'on: push\njobs:\n  call:\n    permissions: { contents: write, issues: read }\n    uses: ./.github/workflows/lib.yml\n',
      'two.yml':
        'on: push\njobs:\n  call:\n    permissions: { contents: read, issues: write }\n    uses: ./.github/workflows/lib.yml\n',
      'lib.yml': 'on: workflow_call\njobs:\n  inner:\n    steps: [{ run: x }]\n    runs-on: ubuntu-latest\n',
    };
    const manifest = (issues: string) => `version: 1
workflows:
  lib.yml:
    jobs:
      inner:
        permissions: { contents: write, issues: ${issues} }
`;
    expect(findingsOf('unused-grant', workflows, manifest('write')).filter((f) => f.job === 'inner')).toEqual(
      [],
    );
  });
});
