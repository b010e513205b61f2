import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { enforceJob, renderVerdict, UNKNOWN_JOB, type Verdict } from '../../shared/enforce/verdict.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import { SCOPES, SCOPE_NAMES, levelRank, type Level, type Scope } from '../../shared/permissions/scopes.js';
import type { WorkflowModel } from '../../shared/workflow/model.js';
import { manifest, PINNED, wf, y } from '../support/repo.js';

const CI = y`
  on:
    push:
    pull_request_target:
  jobs:
    build:
      permissions:
        contents: read
      environment: staging
      steps:
        - uses: ${PINNED}
        - run: echo "\${{ secrets.NPM_TOKEN }}"
      runs-on: ubuntu-latest
    other:
      permissions: write-all
      steps:
        - run: echo other
      runs-on: ubuntu-latest
`;

const MANIFEST = y`
  version: 1
  workflows:
    ci.yml:
      triggers: [push, pull_request_target]
      jobs:
        build:
          permissions: { contents: read }
          secrets: [NPM_TOKEN]
          environments: [staging]
`;

function judge(
  over: {
    workflows?: WorkflowModel[];
    manifest?: string;
    org?: string;
    workflow?: string;
    job?: string;
    event?: string;
  } = {},
): Verdict {
  return enforceJob({
    workflows: over.workflows ?? [wf('ci.yml', CI)],
    manifest: manifest(over.manifest ?? MANIFEST),
    ...(over.org ? { org: loadOrgPolicy(over.org, 'octo-org/.github:org-policy.yml') } : {}),
    workflow: over.workflow ?? 'ci.yml',
    job: over.job ?? 'build',
    event: over.event ?? 'push',
  });
}

const rules = (v: Verdict) => v.problems.map((p) => p.rule);

describe('enforceJob: the running job against the manifest', () => {
  it('allows a job within the manifest, whatever other jobs of the file hold', () => {
    const v = judge();
    expect(v).toEqual({ allowed: true, problems: [], workflow: 'ci.yml', job: 'build', event: 'push' });
    // `other` holds write-all undeclared; it is not the running job.
    expect(judge({ job: 'other' }).allowed).toBe(false);
  });

  it('denies a scope above the grant, at the line of the permissions block', () => {
    const v = judge({ manifest: MANIFEST.replace('permissions: { contents: read }', 'permissions: {}') });
    expect(v.allowed).toBe(false);
    expect(v.problems).toEqual([
      {
        rule: 'excess-permission',
        severity: 'error',
        message: expect.stringContaining("job 'build' holds contents: read"),
        file: '.github/workflows/ci.yml',
        line: 6,
      },
    ]);
  });

  it('denies an undeclared environment and an undeclared secret, each at its line', () => {
    const v = judge({
      manifest: MANIFEST.replace('secrets: [NPM_TOKEN]', 'secrets: []').replace(
        'environments: [staging]',
        'environments: []',
      ),
    });
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => [p.rule, p.file, p.line])).toEqual([
      ['undeclared-environment', '.github/workflows/ci.yml', 8],
      ['undeclared-secret', '.github/workflows/ci.yml', 11],
    ]);
  });

  it('denies the running event when the manifest does not allow it, at its `on:` line', () => {
    const m = MANIFEST.replace('triggers: [push, pull_request_target]', 'triggers: [push]');
    const v = judge({ manifest: m, event: 'pull_request_target' });
    expect(v.allowed).toBe(false);
    expect(v.problems).toEqual([
      {
        rule: 'disallowed-trigger',
        severity: 'error',
        message:
          "workflow 'ci.yml' is running on 'pull_request_target'; its manifest entry allows only: push",
        file: '.github/workflows/ci.yml',
        line: 3,
      },
    ]);
  });

  it('allows a run of an allowed event even when another `on:` event is disallowed', () => {
    const m = MANIFEST.replace('triggers: [push, pull_request_target]', 'triggers: [push]');
    expect(judge({ manifest: m, event: 'push' })).toMatchObject({ allowed: true, problems: [] });
  });

  it('denies an event the organization forbids, even when the manifest lists it', () => {
    const v = judge({
      event: 'pull_request_target',
      org: 'version: 1\nforbidden-triggers: [pull_request_target]\n',
    });
    expect(v.allowed).toBe(false);
    expect(v.problems).toEqual([
      expect.objectContaining({
        rule: 'disallowed-trigger',
        message: expect.stringMatching(/organization policy forbids \(octo-org\/\.github:org-policy\.yml\)/),
        line: 3,
      }),
    ]);
    // On push the org's ban of another event (and the manifest listing it) does not stop this run.
    const push = judge({ event: 'push', org: 'version: 1\nforbidden-triggers: [pull_request_target]\n' });
    expect(push.allowed).toBe(true);
  });

  it("keeps the org ceiling findings of this job's grant (or of `defaults` when it is not listed), not of others", () => {
    const org = 'version: 1\nmax-permissions: { contents: read }\n';
    const m = y`
      version: 1
      defaults:
        permissions: { issues: write }
      workflows:
        ci.yml:
          jobs:
            build:
              permissions: { contents: read }
              secrets: [NPM_TOKEN]
              environments: [staging]
            gone:
              permissions: { contents: write }
    `;
    expect(judge({ manifest: m, org }).problems).toEqual([]);
    const other = judge({ manifest: m, org, job: 'other' });
    expect(other.problems.filter((p) => p.rule === 'org-ceiling')).toEqual([
      expect.objectContaining({
        file: '.github/access-manifest.yml',
        line: 3,
        message: expect.stringMatching(/^`defaults` is granted issues: write/),
      }),
    ]);
  });

  it('denies a job id that is not in the workflow, naming the jobs there', () => {
    const v = judge({ job: 'deploy' });
    expect(v.allowed).toBe(false);
    expect(v.problems).toEqual([
      expect.objectContaining({
        rule: UNKNOWN_JOB,
        severity: 'error',
        message: expect.stringMatching(/^job 'deploy' is not in 'ci\.yml' \(jobs: build, other\)/),
        file: '.github/workflows/ci.yml',
        line: 5,
      }),
    ]);
    // A running workflow that was not read at all is denied, never waved through.
    expect(judge({ workflow: 'gone.yml' }).allowed).toBe(false);
  });

  it('reports a workflow file that does not parse instead of judging nothing', () => {
    const v = judge({ workflows: [wf('ci.yml', 'on: push\njobs: [\n')] });
    expect(v.allowed).toBe(false);
    expect(rules(v)).toEqual(['invalid-workflow']);
  });

  it('judges a job of a local reusable workflow: the callee file and job, on the caller token and event', () => {
    const caller = wf(
      'release.yml',
      y`
        on: push
        jobs:
          call:
            permissions: { contents: write, id-token: write }
            uses: ./.github/workflows/publish.yml
            secrets:
              NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
    );
    const callee = wf(
      'publish.yml',
      y`
        on:
          workflow_call:
          pull_request_target:
        jobs:
          publish:
            steps:
              - run: echo "\${{ secrets.NPM_TOKEN }}"
            runs-on: ubuntu-latest
      `,
    );
    const m = y`
      version: 1
      workflows:
        release.yml:
          jobs:
            call:
              permissions: { contents: write, id-token: write }
              secrets: [NPM_TOKEN]
        publish.yml:
          jobs:
            publish:
              permissions: { contents: write, id-token: write }
              secrets: [NPM_TOKEN]
    `;
    const ok = judge({ workflows: [caller, callee], manifest: m, workflow: 'release.yml', job: 'publish' });
    // The callee's own pull_request_target is not this run's event: only the caller's push counts.
    // (contents: write on its own repository is a warning, which reports and does not deny.)
    expect(ok.allowed).toBe(true);
    expect(ok.problems.map((p) => [p.rule, p.severity, p.file])).toEqual([
      ['self-escalating-grant', 'warning', '.github/access-manifest.yml'],
    ]);
    const narrow = judge({
      workflows: [caller, callee],
      manifest: m.replace(
        /publish:\n(\s+)permissions: \{ contents: write/,
        'publish:\n$1permissions: { contents: read',
      ),
      workflow: 'release.yml',
      job: 'publish',
    });
    expect(narrow.allowed).toBe(false);
    expect(narrow.problems).toEqual([
      expect.objectContaining({
        rule: 'excess-permission',
        file: '.github/workflows/publish.yml',
        line: 5,
        message: expect.stringContaining("(called from release.yml job 'call') holds contents: write"),
      }),
    ]);
    // Files the running workflow does not call are ignored, even when passed.
    const stray = wf(
      'stray.yml',
      'on: workflow_call\njobs:\n  publish:\n    permissions: write-all\n    runs-on: ubuntu-latest\n',
    );
    expect(
      judge({ workflows: [caller, callee, stray], manifest: m, workflow: 'release.yml', job: 'publish' }),
    ).toEqual(ok);
  });

  it('judges every job GITHUB_JOB can name when the caller and a callee share the id (any error denies)', () => {
    const caller = wf(
      'ci.yml',
      'on: push\njobs:\n  build:\n    permissions: { contents: read }\n    steps: [{ run: make }]\n    runs-on: ubuntu-latest\n  call:\n    permissions: { contents: read }\n    uses: ./.github/workflows/lib.yml\n',
    );
    const callee = wf(
      'lib.yml',
      'on: workflow_call\njobs:\n  build:\n    environment: prod\n    steps: [{ run: make }]\n    runs-on: ubuntu-latest\n',
    );
    const m = y`
      version: 1
      workflows:
        ci.yml:
          jobs:
            build: { permissions: { contents: read } }
            call: { permissions: { contents: read } }
        lib.yml:
          jobs:
            build: { permissions: { contents: read } }
    `;
    const v = judge({ workflows: [caller, callee], manifest: m, workflow: 'ci.yml', job: 'build' });
    expect(v.allowed).toBe(false);
    expect(v.problems.map((p) => [p.rule, p.file, p.line])).toEqual([
      ['undeclared-environment', '.github/workflows/lib.yml', 4],
    ]);
  });

  it('judges a job the manifest does not list against `defaults`, and its workflow against all-but-explicit triggers', () => {
    const loose = y`
      version: 1
      defaults:
        permissions: { contents: read }
    `;
    const lint = wf(
      'lint.yml',
      'on: [push, workflow_run]\njobs:\n  lint:\n    permissions: { contents: read }\n    steps: [{ run: make lint }]\n    runs-on: ubuntu-latest\n',
    );
    expect(judge({ workflows: [lint], manifest: loose, workflow: 'lint.yml', job: 'lint' }).allowed).toBe(
      true,
    );
    const wide = judge({
      workflows: [lint],
      manifest: 'version: 1\n',
      workflow: 'lint.yml',
      job: 'lint',
      event: 'workflow_run',
    });
    expect(wide.problems.map((p) => [p.rule, p.line])).toEqual([
      ['disallowed-trigger', 1],
      ['excess-permission', 4],
    ]);
    expect(wide.problems[1]!.message).toMatch(/the manifest `defaults` grant \(the job is not listed\)/);
  });

  it('keeps warnings without denying, and renders problems with file:line, rule and the fix', () => {
    const v = judge({
      manifest: MANIFEST.replace('permissions: { contents: read }', 'permissions: { contents: write }'),
      workflows: [wf('ci.yml', CI.replace('contents: read', 'contents: write'))],
    });
    expect(v.allowed).toBe(true);
    expect(v.problems.map((p) => [p.rule, p.severity])).toEqual([['self-escalating-grant', 'warning']]);
    const denied = judge({ job: 'other' });
    const text = renderVerdict(denied, { ref: 'main' });
    expect(text).toMatch(
      /^stepwarden enforce: job 'other' of ci\.yml on 'push' is outside the access manifest/,
    );
    expect(text).toMatch(
      /\n\.github\/workflows\/ci\.yml:14: job 'other' holds actions: write.* \(excess-permission\)\n/,
    );
    expect(text.trim().split('\n').at(-1)).toMatch(
      /^Fix: edit the workflow .* declare the access in \.github\/access-manifest\.yml on 'main' \(the default branch\)/,
    );
    expect(renderVerdict(judge())).toBe(
      "stepwarden enforce: job 'build' of ci.yml on 'push' is within the access manifest\n",
    );
  });

  it('every problem carries a file and a line', () => {
    const v = judge({ job: 'other', manifest: 'version: 1\n', event: 'pull_request_target' });
    expect(v.problems.length).toBeGreaterThanOrEqual(2); // excess-permission is one finding per job
    for (const p of v.problems) {
      expect(p.file).toMatch(/\.ya?ml$/);
      expect(p.line).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('enforceJob: properties', () => {
  const scopeLevel = fc
    .constantFrom(...SCOPE_NAMES)
    .chain((s) => fc.tuple(fc.constant(s), fc.constantFrom(...(SCOPES[s].levels as Level[]))));
  const block = fc.uniqueArray(scopeLevel, { selector: ([s]) => s, maxLength: 5 });
  const yamlMap = (entries: readonly (readonly [Scope, Level])[]) =>
    `{ ${entries.map(([s, l]) => `${s}: ${l}`).join(', ')} }`;
  const workflow = (held: readonly (readonly [Scope, Level])[]) =>
    wf(
      'ci.yml',
      `on: push\njobs:\n  build:\n    permissions: ${yamlMap(held)}\n    steps: [{ run: make }]\n    runs-on: ubuntu-latest\n`,
    );
  const manifestText = (granted: readonly (readonly [Scope, Level])[]) =>
    `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      build:\n        permissions: ${yamlMap(granted)}\n`;
  const verdict = (
    held: readonly (readonly [Scope, Level])[],
    granted: readonly (readonly [Scope, Level])[],
  ) =>
    enforceJob({
      workflows: [workflow(held)],
      manifest: manifest(manifestText(granted)),
      workflow: 'ci.yml',
      job: 'build',
      event: 'push',
    });

  it('adding a scope to the manifest grant never turns an allowed verdict into a denied one', () => {
    fc.assert(
      fc.property(block, block, scopeLevel, (held, granted, [scope, level]) => {
        const before = verdict(held, granted);
        const current = granted.find(([s]) => s === scope)?.[1] ?? 'none';
        const widened = [
          ...granted.filter(([s]) => s !== scope),
          [scope, levelRank(level) > levelRank(current) ? level : current] as const,
        ];
        const after = verdict(held, widened);
        if (before.allowed) expect(after.allowed).toBe(true);
        expect(after.problems.length).toBeLessThanOrEqual(before.problems.length + 1);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input, in any file order, gives the same verdict', () => {
    const caller = wf('a.yml', 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/b.yml\n');
    const callee = wf(
      'b.yml',
      'on: workflow_call\njobs:\n  build:\n    environment: prod\n    steps: [{ run: "echo ${{ secrets.X }}" }]\n    runs-on: ubuntu-latest\n',
    );
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom('push', 'workflow_run', 'pull_request'), (swap, event) => {
        const input = {
          manifest: manifest('version: 1\n'),
          workflow: 'a.yml',
          job: 'build',
          event,
        };
        const one = enforceJob({ ...input, workflows: swap ? [callee, caller] : [caller, callee] });
        const two = enforceJob({ ...input, workflows: [caller, callee] });
        expect(one).toEqual(two);
        expect(JSON.stringify(one)).toBe(JSON.stringify(two));
      }),
    );
  });
});

describe('enforce: the file a job is defined in (job_workflow_ref)', () => {
  const caller = wf(
    'caller.yml',
    y`
      on: push
      jobs:
        build:
          permissions: { contents: read }
          steps:
            - run: make
          runs-on: ubuntu-latest
        go:
          uses: ./.github/workflows/lib.yml
        remote:
          uses: octo-org/octo-repo/.github/workflows/lib.yml@${'a'.repeat(40)}
    `,
  );
  const lib = wf(
    'lib.yml',
    y`
      on: workflow_call
      jobs:
        build:
          permissions: write-all
          steps:
            - run: make
          runs-on: ubuntu-latest
    `,
  );
  const M = y`
    version: 1
    workflows:
      caller.yml:
        jobs:
          build:
            permissions: { contents: read }
  `;
  const at = (file: string, repository = 'octo-org/octo-repo') =>
    enforceJob({
      workflows: [caller, lib],
      manifest: manifest(M),
      workflow: 'caller.yml',
      job: 'build',
      event: 'push',
      repository: 'octo-org/octo-repo',
      jobWorkflow: { repository, file, ref: 'refs/heads/main' },
      readAt: { ref: 'refs/heads/main' },
    });

  it("judges only the named file's job", () => {
    expect(at('caller.yml').allowed).toBe(true);
    const callee = at('lib.yml');
    expect(callee.allowed).toBe(false);
    expect(callee.problems.every((p) => p.file === '.github/workflows/lib.yml')).toBe(true);
  });
  it('refuses as unknown a file of another repository, or one this workflow does not call locally', () => {
    expect(rules(at('lib.yml', 'other-org/shared'))).toEqual([UNKNOWN_JOB]);
    expect(rules(at('deploy.yml'))).toEqual([UNKNOWN_JOB]);
    expect(at('deploy.yml').problems[0]!.message).toMatch(/does not call as a local reusable workflow/);
  });
  it('without the claim, a remote call in the running workflow makes the job id ambiguous: unknown', () => {
    const blind = enforceJob({
      workflows: [caller, lib],
      manifest: manifest(M),
      workflow: 'caller.yml',
      job: 'build',
      event: 'push',
    });
    expect(rules(blind)).toEqual([UNKNOWN_JOB]);
    expect(blind.problems[0]!.line).toBe(11);
  });
});
