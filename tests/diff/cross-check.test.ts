import { describe, expect, it } from '@jest/globals';
import { crossChecked } from '../../shared/diff/cross-check.js';
import type { WorkflowModel } from '../../shared/workflow/model.js';
import { wf } from '../support/repo.js';

const TEXT =
  'on: push\njobs:\n  build:\n    { runs-on: ubuntu-latest, permissions: write-all, steps: [ { uses: evil/action@main } ] }\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';

describe('the diff cross-checks each workflow against a plain YAML parse', () => {
  it('keeps a model that agrees (jobs, step counts, permissions blocks)', () => {
    const m = wf(
      'ci.yml',
      'on: push\njobs:\n  a:\n    permissions: {}\n    steps:\n      - run: x\n    runs-on: ubuntu-latest\n  b:\n    uses: ./.github/workflows/x.yml\n',
    );
    expect(
      crossChecked(
        m,
        'on: push\njobs:\n  a:\n    permissions: {}\n    steps:\n      - run: x\n    runs-on: ubuntu-latest\n  b:\n    uses: ./.github/workflows/x.yml\n',
      ),
    ).toBe(m);
  });

  // Models as a faulty reader would produce them (the flow-style bug of issue 13 §1): the check must
  // not depend on that bug still being there.
  const model = (jobs: WorkflowModel['jobs']): WorkflowModel => ({
    file: 'ci.yml',
    path: '.github/workflows/ci.yml',
    triggers: [{ value: 'push', line: 1 }],
    jobs,
  });
  const job = (id: string, steps: number, permissions: boolean) => ({
    id,
    line: 3,
    secrets: [],
    environments: [],
    steps: Array.from({ length: steps }, (_, index) => ({ index, line: 4 })),
    actions: [],
    needs: [],
    ...(permissions ? { permissions: { line: 4, shorthand: 'write-all' as const, entries: [] } } : {}),
  });

  it('turns a model that missed steps, a permissions block or a job into an error model', () => {
    const cases: [WorkflowModel['jobs'], RegExp][] = [
      [[job('build', 0, true), job('test', 1, false)], /job 'build' has 0 vs 1 steps/],
      [[job('build', 1, false), job('test', 1, false)], /job 'build' permissions block absent vs present/],
      [[job('test', 1, false)], /jobs: test vs build, test/],
    ];
    for (const [jobs, why] of cases) {
      const out = crossChecked(model(jobs as unknown as WorkflowModel['jobs']), TEXT);
      expect(out.error?.message).toMatch(why);
      expect(out.error?.message).toMatch(/cannot judge what the file grants/);
      expect(out.jobs).toEqual([]);
    }
    const right = model([job('build', 1, true), job('test', 1, false)] as unknown as WorkflowModel['jobs']);
    expect(crossChecked(right, TEXT)).toBe(right);
  });

  it('leaves models that already carry an error alone', () => {
    const broken = wf('ci.yml', 'on: push\njobs: [\n');
    expect(crossChecked(broken, 'on: push\njobs: [\n')).toBe(broken);
  });
});
