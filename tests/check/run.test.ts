import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { runCheck } from '../../shared/check/run.js';
import { compareFindings, type Finding } from '../../shared/check/finding.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import { manifest, wf, y } from '../support/repo.js';

const caller = y`
  on: push
  permissions: { contents: read, issues: write }
  jobs:
    call:
      uses: ./.github/workflows/reusable.yml
      secrets: inherit
`;
const reusable = y`
  on: workflow_call
  jobs:
    inner:
      runs-on: ubuntu-latest
      environment: prod
      steps:
        - run: echo "\${{ secrets.DEPLOY_KEY }}"
`;
const M = y`
  version: 1
  policy: { require-pinned-actions: false }
  workflows:
    caller.yml:
      jobs:
        call: { permissions: { contents: read, issues: write }, secrets: [inherit] }
    reusable.yml:
      jobs:
        inner: { permissions: { contents: read } }
`;

describe('runCheck', () => {
  const workflows = [wf('caller.yml', caller), wf('reusable.yml', reusable)];

  it('judges a reusable workflow through its caller and says so', () => {
    const r = runCheck({ workflows, manifest: manifest(M) });
    const inner = r.findings.filter((f) => f.job === 'inner');
    expect(inner.map((f) => [f.rule, f.subject])).toEqual([
      ['excess-permission', 'issues'],
      ['undeclared-environment', 'prod'],
      ['undeclared-secret', 'DEPLOY_KEY'],
    ]);
    for (const f of inner) expect(f.message).toContain("called from caller.yml job 'call'");
    expect(r.jobs.find((j) => j.job === 'inner')).toMatchObject({
      workflow: 'reusable.yml',
      via: 'caller.yml/call',
      permissions: { contents: 'read', issues: 'write' },
      secrets: ['DEPLOY_KEY'],
      environments: ['prod'],
      triggers: ['push'],
    });
  });

  it('uses the jobs it is given instead of resolving them again', () => {
    const m = manifest(M);
    const jobs = resolveAccess(workflows, 'permissive').filter((j) => j.job !== 'inner');
    const r = runCheck({ workflows, jobs, manifest: m });
    expect(r.jobs.map((j) => j.job)).toEqual(['call']);
    expect(r.findings.filter((f) => f.job === 'inner' && f.rule !== 'unused-grant')).toEqual([]);
  });

  it('is clean when the manifest matches, and lists permissions above none only', () => {
    const clean = y`
      version: 1
      policy: { require-pinned-actions: false }
      workflows:
        caller.yml:
          jobs:
            call: { permissions: { contents: read, issues: write }, secrets: [inherit] }
        reusable.yml:
          jobs:
            inner:
              permissions: { contents: read, issues: write }
              secrets: [deploy_key]
              environments: [PROD]
    `;
    const r = runCheck({ workflows, manifest: manifest(clean) });
    expect(r.findings).toEqual([]);
    expect(r.jobs[0]!.permissions).toEqual({ contents: 'read', issues: 'write' });
  });

  it('applies the organization ceiling', () => {
    const org = loadOrgPolicy('version: 1\nmax-permissions: { contents: read }\n', 'org.yml');
    const r = runCheck({ workflows, manifest: manifest(M), org });
    expect(r.findings.filter((f) => f.rule === 'org-ceiling').map((f) => f.subject)).toEqual(['issues']);
  });

  it('sorts findings by file, line, rule, whatever the input order (property)', () => {
    const files = {
      'a.yml':
        'on: [push, pull_request_target]\njobs:\n  x:\n    steps:\n      - uses: foo/bar@v1\n    runs-on: ubuntu-latest\n',
      'b.yml':
        'on: push\njobs:\n  y:\n    permissions: { content: read }\n    steps:\n      - run: echo ${{ secrets.X }}\n    runs-on: ubuntu-latest\n',
      'c.yml': 'on: [push\n',
    };
    const m = manifest('version: 1\n');
    const expected = runCheck({
      workflows: Object.entries(files).map(([f, t]) => wf(f, t)),
      manifest: m,
    }).findings;
    expect(new Set(expected.map((f) => f.rule)).size).toBeGreaterThanOrEqual(5);
    const sorted = [...expected].sort(compareFindings);
    expect(expected).toEqual(sorted);
    fc.assert(
      fc.property(fc.shuffledSubarray(Object.keys(files), { minLength: 3, maxLength: 3 }), (order) => {
        const r = runCheck({
          workflows: order.map((f) => wf(f, files[f as keyof typeof files])),
          manifest: m,
        });
        expect(r.findings).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  });

  it('compareFindings is a total order independent of locale', () => {
    const mk = (file: string, line: number, rule: string): Finding => ({
      rule,
      severity: 'error',
      workflow: null,
      job: null,
      subject: 's',
      message: 'm',
      file,
      line,
    });
    const xs = [mk('b', 1, 'a'), mk('a', 2, 'a'), mk('a', 2, 'Z'), mk('B', 9, 'a'), mk('a', 1, 'z')];
    expect([...xs].sort(compareFindings).map((f) => `${f.file}:${f.line}:${f.rule}`)).toEqual([
      'B:9:a',
      'a:1:z',
      'a:2:Z',
      'a:2:a',
      'b:1:a',
    ]);
  });
});
