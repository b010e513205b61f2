import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compact, levelRank, SCOPE_NAMES, type Level, type Scope } from '../../shared/permissions/scopes.js';
import { resolveAccess, resolveAccessDetailed, type JobAccess } from '../../shared/workflow/access.js';
import { wf } from '../support/repo.js';

const label = (j: JobAccess) => `${j.workflow}:${j.job}${j.via ? `<${j.via.workflow}:${j.via.job}` : ''}`;
const call = (file: string, job: string, callee: string, block = '') =>
  wf(file, `on: push\njobs:\n  ${job}:\n${block}    uses: ./.github/workflows/${callee}\n`);
const reusable = (file: string, body: string) => wf(file, `on: workflow_call\njobs:\n${body}`);

describe('reusable workflows: nesting, cycles and callers', () => {
  it('follows nested local calls, each level capped by the one above', () => {
    const jobs = resolveAccess(
      [
        call('top.yml', 'go', 'mid.yml', '    permissions:\n      contents: write\n      issues: write\n'),
        reusable(
          'mid.yml',
          '  m:\n    permissions:\n      contents: write\n    uses: ./.github/workflows/leaf.yml\n',
        ),
        reusable('leaf.yml', '  l:\n    permissions: write-all\n    steps: []\n    runs-on: ubuntu-latest\n'),
      ],
      'permissive',
    );
    expect(jobs.map(label)).toEqual(['top.yml:go', 'mid.yml:m<top.yml:go', 'leaf.yml:l<mid.yml:m']);
    expect(compact(jobs[2]!.permissions)).toEqual({ contents: 'write' });
    // The leaf runs for the top-level workflow's events.
    expect(jobs[2]!.triggers.map((t) => t.value)).toEqual(['push']);
  });

  it('stops following after ten levels, as github.com does', () => {
    const chain = [call('w0.yml', 'j', 'w1.yml')];
    for (let i = 1; i <= 12; i++)
      chain.push(reusable(`w${i}.yml`, `  j:\n    uses: ./.github/workflows/w${i + 1}.yml\n`));
    const jobs = resolveAccess(chain, 'permissive');
    // w1..w9 are levels 2..10 below w0; w10 is never reached from a top-level workflow, so it is
    // judged alone (noLocalCaller) and its own chain starts again from there.
    expect(jobs.map(label)).toEqual([
      'w0.yml:j',
      ...Array.from({ length: 9 }, (_, i) => `w${i + 1}.yml:j<w${i}.yml:j`),
      'w10.yml:j',
      'w11.yml:j<w10.yml:j',
      'w12.yml:j<w11.yml:j',
    ]);
    expect(jobs.find((j) => j.workflow === 'w10.yml')!.noLocalCaller).toBe(true);
  });

  it('judges call-only workflows that only call each other once, with the repository default', () => {
    const a = reusable('a.yml', '  x:\n    uses: ./.github/workflows/b.yml\n');
    const b = reusable('b.yml', '  y:\n    uses: ./.github/workflows/a.yml\n');
    const jobs = resolveAccess([a, b], 'restricted');
    expect(jobs.map(label)).toEqual(['a.yml:x', 'b.yml:y<a.yml:x']);
    expect(jobs[0]!.noLocalCaller).toBe(true);
  });

  it('does not count a workflow calling itself as a local caller', () => {
    const self = reusable('self.yml', '  x:\n    uses: ./.github/workflows/self.yml\n');
    const jobs = resolveAccess([self], 'permissive');
    expect(jobs.map(label)).toEqual(['self.yml:x']);
    expect(jobs[0]!.noLocalCaller).toBe(true);
  });

  it('ignores broken callers and broken callees', () => {
    const broken = wf('broken.yml', 'on: [push\n');
    const jobs = resolveAccess(
      [
        broken,
        reusable('lib.yml', '  x:\n    steps: []\n    runs-on: ubuntu-latest\n'),
        call('c.yml', 'c', 'broken.yml'),
      ],
      'permissive',
    );
    expect(jobs.map(label)).toEqual(['c.yml:c', 'lib.yml:x']);
    expect(jobs[1]!.noLocalCaller).toBe(true);
  });

  it('remote reusable workflows are judged only as the calling job', () => {
    const jobs = resolveAccess(
      [wf('c.yml', 'on: push\njobs:\n  c:\n    uses: octo/lib/.github/workflows/x.yml@v1\n')],
      'permissive',
    );
    expect(jobs.map(label)).toEqual(['c.yml:c']);
    expect(jobs[0]!.actions).toEqual([
      { uses: 'octo/lib/.github/workflows/x.yml@v1', line: 4, kind: 'remote', on: 'job' },
    ]);
  });

  it('names the callee job line for caller-decided permissions, and the caller in via', () => {
    const jobs = resolveAccess(
      [
        call('c.yml', 'c', 'lib.yml'),
        reusable('lib.yml', '  x:\n    steps: []\n    runs-on: ubuntu-latest\n'),
      ],
      'permissive',
    );
    const callee = jobs.find((j) => j.via)!;
    expect(callee.permissionsSource).toBe('caller');
    expect(callee.permissionsLine).toBe(3);
    expect(callee.via).toEqual({ workflow: 'c.yml', job: 'c', line: 4 });
  });

  it('a callee job never holds more than its caller (property)', () => {
    const level = fc.constantFrom<Level>('none', 'read', 'write');
    const block = fc.dictionary(fc.constantFrom(...SCOPE_NAMES), level, { maxKeys: 6 });
    const yamlOf = (m: Record<string, Level>) =>
      Object.keys(m).length === 0
        ? '    permissions: {}\n'
        : `    permissions:\n${Object.entries(m)
            .map(([s, l]) => `      ${s}: ${l}\n`)
            .join('')}`;
    fc.assert(
      fc.property(block, fc.option(block, { nil: undefined }), (callerBlock, calleeBlock) => {
        const jobs = resolveAccess(
          [
            call('c.yml', 'c', 'lib.yml', yamlOf(callerBlock)),
            reusable(
              'lib.yml',
              `  x:\n${calleeBlock ? yamlOf(calleeBlock) : ''}    runs-on: x\n    steps: []\n`,
            ),
          ],
          'permissive',
        );
        const caller = jobs.find((j) => !j.via)!;
        const callee = jobs.find((j) => j.via)!;
        for (const s of SCOPE_NAMES as Scope[])
          expect(levelRank(callee.permissions[s])).toBeLessThanOrEqual(levelRank(caller.permissions[s]));
        if (!calleeBlock) expect(callee.permissions).toEqual(caller.permissions);
      }),
      { numRuns: 200 },
    );
  });

  it('lists callee jobs that ask for more than their caller holds (GitHub refuses to start those runs)', () => {
    const { jobs, overreach } = resolveAccessDetailed(
      [
        call('c.yml', 'c', 'lib.yml', '    permissions:\n      contents: read\n'),
        reusable(
          'lib.yml',
          '  ok:\n    steps: []\n    runs-on: ubuntu-latest\n  greedy:\n    permissions:\n      contents: write\n      id-token: write\n    steps: []\n    runs-on: ubuntu-latest\n',
        ),
      ],
      'permissive',
    );
    expect(jobs).toEqual(
      resolveAccess(
        [
          call('c.yml', 'c', 'lib.yml', '    permissions:\n      contents: read\n'),
          reusable(
            'lib.yml',
            '  ok:\n    steps: []\n    runs-on: ubuntu-latest\n  greedy:\n    permissions:\n      contents: write\n      id-token: write\n    steps: []\n    runs-on: ubuntu-latest\n',
          ),
        ],
        'permissive',
      ),
    );
    expect(overreach).toEqual([
      {
        caller: { workflow: 'c.yml', path: '.github/workflows/c.yml', job: 'c', line: 6 },
        callee: { workflow: 'lib.yml', path: '.github/workflows/lib.yml', job: 'greedy', line: 7 },
        block: 'job',
        scope: 'contents',
        requested: 'write',
        allowed: 'read',
      },
      {
        caller: { workflow: 'c.yml', path: '.github/workflows/c.yml', job: 'c', line: 6 },
        callee: { workflow: 'lib.yml', path: '.github/workflows/lib.yml', job: 'greedy', line: 7 },
        block: 'job',
        scope: 'id-token',
        requested: 'write',
        allowed: 'none',
      },
    ]);
  });

  it('reports no overreach when the callee asks for at most the caller (property)', () => {
    const level = fc.constantFrom<Level>('none', 'read', 'write');
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...SCOPE_NAMES), level, { minKeys: 1, maxKeys: 6 }), (m) => {
        const block = Object.entries(m)
          .map(([s, l]) => `      ${s}: ${l}\n`)
          .join('');
        const { overreach } = resolveAccessDetailed(
          [
            call('c.yml', 'c', 'lib.yml', `    permissions:\n${block}`),
            reusable('lib.yml', `  x:\n    permissions:\n${block}    steps: []\n`),
          ],
          'restricted',
        );
        expect(overreach).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
