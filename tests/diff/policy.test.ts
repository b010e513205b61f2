import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { orgPolicyChanges } from '../../shared/diff/policy.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, orgPolicyOf, type RepoState } from '../../shared/diff/source.js';
import { wf, y } from '../support/repo.js';

const CI = y`
  on: push
  jobs:
    build:
      permissions: { contents: read }
      steps:
        - uses: actions/checkout@v4
      runs-on: ubuntu-latest
`;

const MANIFEST = y`
  version: 1
  repository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }
  defaults:
    permissions: { contents: read }
  policy:
    repository-default-permissions: restricted
    require-pinned-actions: true
    allowed-actions: [actions/*]
  workflows:
    ci.yml:
      triggers: [push]
      jobs:
        build:
          permissions: { contents: read }
          environments: [staging]
          credentials:
            - { step: publish, audience: github, permissions: { contents: write }, ttl: 300 }
`;

function state(manifestText: string, workflows = { 'ci.yml': CI }, label = 'x'): RepoState {
  return {
    label,
    workflows: Object.entries(workflows).map(([f, t]) => wf(f, t)),
    ...manifestOf(manifestText, label),
  };
}
const diff = (a: string, b: string) => diffStates(state(a), state(b)).changes;
const brief = (cs: Change[]) => cs.map((c) => `${c.effect} ${c.subject} @${c.line}`);

describe('the access diff reports loosened policy as widened, with its line', () => {
  it('turning require-pinned-actions off', () => {
    const cs = diff(
      MANIFEST,
      MANIFEST.replace('require-pinned-actions: true', 'require-pinned-actions: false'),
    );
    expect(brief(cs)).toEqual(['widened policy.require-pinned-actions @7']);
    expect(failsOnWidened(cs)).toBe(true);
    // And back: narrowed, which does not fail.
    const back = diff(
      MANIFEST.replace('require-pinned-actions: true', 'require-pinned-actions: false'),
      MANIFEST,
    );
    expect(brief(back)).toEqual(['narrowed policy.require-pinned-actions @7']);
    expect(failsOnWidened(back)).toBe(false);
  });

  it("emptying a job's environments is widened: runs without an environment are then granted", () => {
    const cs = diff(MANIFEST, MANIFEST.replace('        environments: [staging]\n', ''));
    expect(brief(cs).sort()).toEqual(
      [
        'narrowed environments.staging @13',
        'widened environments (emptied: runs without an environment are granted) @13',
      ].sort(),
    );
    expect(failsOnWidened(cs)).toBe(true);
    // Replacing one environment by another is not emptying.
    const swapped = diff(MANIFEST, MANIFEST.replace('[staging]', '[production]'));
    expect(brief(swapped).some((b) => b.includes('emptied'))).toBe(false);
  });

  it('dropping allowed-actions, or adding a pattern to it', () => {
    const dropped = diff(MANIFEST, MANIFEST.replace('  allowed-actions: [actions/*]\n', ''));
    expect(brief(dropped)).toEqual(['widened policy.allowed-actions removed (any action allowed) @5']);
    const added = diff(MANIFEST, MANIFEST.replace('[actions/*]', '[actions/*, evil/*]'));
    expect(brief(added)).toEqual(['widened policy.allowed-actions: evil/* @8']);
  });

  it('widening defaults.permissions and the repository default', () => {
    const cs = diff(
      MANIFEST,
      MANIFEST.replace(
        'permissions: { contents: read }\npolicy',
        'permissions: { contents: write, issues: write }\npolicy',
      ).replace('restricted', 'permissive'),
    );
    expect(brief(cs).sort()).toEqual(
      [
        'widened defaults.permissions.contents @4',
        'widened defaults.permissions.issues @4',
        'widened policy.repository-default-permissions @6',
      ].sort(),
    );
  });

  it('dropping the repository binding, or a job environment added', () => {
    const cs = diff(
      MANIFEST,
      MANIFEST.replace(
        'repository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }',
        'repository: { name: octo-org/octo-repo }',
      ).replace('[staging]', '[staging, production]'),
    );
    expect(brief(cs).sort()).toEqual(
      [
        'widened environments.production @15',
        'widened repository.id @2',
        'widened repository.owner-id @2',
      ].sort(),
    );
  });

  it('dropping the triggers list of a workflow allows every other event', () => {
    const cs = diff(MANIFEST, MANIFEST.replace('    triggers: [push]\n', ''));
    expect(cs.some((c) => c.effect === 'widened' && c.subject === 'triggers')).toBe(true);
  });

  // Grant conditions, callers and trusted workflows have a direction (shared/diff/conditions.ts).
  const GRANT =
    '          - { step: publish, audience: github, permissions: { contents: write }, ttl: 300 }\n';
  const withWhen = (when: string, jobExtra = '', wfExtra = '', top = '') =>
    MANIFEST.replace(
      GRANT,
      `          - step: publish\n            audience: github\n            permissions: { contents: write }\n            ttl: 300\n${when ? `            when: ${when}\n` : ''}`,
    )
      .replace('        environments: [staging]\n', `        environments: [staging]\n${jobExtra}`)
      .replace('    triggers: [push]\n', `    triggers: [push]\n${wfExtra}`)
      .replace('workflows:\n', `${top}workflows:\n`);
  const effects = (a: string, b: string) =>
    diff(a, b)
      .map((c) => `${c.effect} ${c.subject}`)
      .sort();

  it('a ref pattern added to a grant widens, one removed narrows, with the line of the condition', () => {
    const main = withWhen('{ ref: [refs/heads/main] }');
    const wider = withWhen('{ ref: [refs/heads/main, refs/tags/v*] }');
    const up = diff(main, wider);
    expect(brief(up)).toEqual(['widened credentials.publish@github.when.ref: refs/tags/v* @21']);
    expect(failsOnWidened(up)).toBe(true);
    const down = diff(wider, main);
    expect(brief(down)).toEqual(['narrowed credentials.publish@github.when.ref: refs/tags/v* @21']);
    expect(failsOnWidened(down)).toBe(false);
    expect(diff(main, main)).toEqual([]);
  });

  it('no ref means the default branch only: naming refs widens to them, dropping them narrows back', () => {
    const none = withWhen('');
    const tags = withWhen('{ ref: [refs/tags/v*] }');
    expect(effects(none, tags)).toEqual(
      [
        'narrowed credentials.publish@github.when.ref: (default branch)',
        'widened credentials.publish@github.when.ref: refs/tags/v*',
      ].sort(),
    );
    expect(failsOnWidened(diff(none, tags))).toBe(true);
    // A job that names its own ref: the grant's absent ref is no constraint, adding one narrows.
    const jobRef = (w: string) => withWhen(w, '        when: { ref: [refs/heads/*] }\n');
    expect(effects(jobRef(''), jobRef('{ ref: [refs/heads/main] }'))).toEqual([
      'narrowed credentials.publish@github.when.ref',
    ]);
  });

  it('a condition added narrows, one removed widens; a flipped boolean or replaced value widens', () => {
    const base = withWhen('{ ref: [refs/heads/main] }');
    const env = withWhen('{ ref: [refs/heads/main], environment: [production], ref-protected: true }');
    expect(effects(base, env)).toEqual(
      [
        'narrowed credentials.publish@github.when.environment',
        'narrowed credentials.publish@github.when.ref-protected',
      ].sort(),
    );
    expect(effects(env, base)).toEqual(
      [
        'widened credentials.publish@github.when.environment',
        'widened credentials.publish@github.when.ref-protected',
      ].sort(),
    );
    const unprotected = withWhen(
      '{ ref: [refs/heads/main], environment: [production], ref-protected: false }',
    );
    expect(effects(env, unprotected)).toEqual(['widened credentials.publish@github.when.ref-protected']);
    const claims = (v: string) =>
      withWhen(`{ ref: [refs/heads/main], claims: { repo_property_tier: ${v} } }`);
    expect(effects(claims('prod'), claims('dev'))).toEqual([
      'narrowed credentials.publish@github.when.claims.repo_property_tier: prod',
      'widened credentials.publish@github.when.claims.repo_property_tier: dev',
    ]);
    expect(effects(claims('true'), claims('false'))).toEqual([
      'widened credentials.publish@github.when.claims.repo_property_tier',
    ]);
    expect(effects(claims('prod'), base)).toEqual([
      'widened credentials.publish@github.when.claims.repo_property_tier',
    ]);
  });

  it("a job's when, calls, a workflow's callers and trusted workflows: entries added widen, removed narrow", () => {
    const a = withWhen(
      '',
      '        when: { event: [push] }\n        calls: { build.yml: [compile] }\n',
      '    callers: [release.yml]\n',
      'trusted-workflows: [octo-org/platform/.github/workflows/deploy.yml@refs/heads/main]\n',
    );
    const b = withWhen(
      '',
      '        when: { event: [push, workflow_dispatch] }\n        calls: { build.yml: [compile, package/upload] }\n',
      '    callers: [release.yml, nightly.yml/run]\n',
      'trusted-workflows: [octo-org/platform/.github/workflows/deploy.yml@refs/heads/main, octo-org/platform/.github/workflows/x.yml@refs/heads/main]\n',
    );
    const up = effects(a, b);
    expect(up).toEqual(
      [
        'widened when.event: workflow_dispatch',
        'widened calls.build.yml: package/upload',
        'widened callers: nightly.yml/run',
        'widened trusted-workflows: octo-org/platform/.github/workflows/x.yml@refs/heads/main',
      ].sort(),
    );
    expect(effects(b, a).every((e) => e.startsWith('narrowed '))).toBe(true);
    expect(effects(b, a)).toHaveLength(4);
  });

  it('an invalid head manifest is cannot-judge with its reason and line, never everything narrowed', () => {
    const r = diffStates(state(MANIFEST), state(MANIFEST.replace('jobs:', 'jobz:')));
    expect(r.invalidHead).toBe(true);
    expect(r.changes.map((c) => c.effect)).toEqual(['cannot-judge']);
    expect(r.changes[0]!.after).toMatch(/jobz/);
    expect(r.changes[0]!.line).toBe(12);
  });
});

describe('organization policy changes', () => {
  const org = (text: string) => orgPolicyOf(text, 'stepwarden/org-policy.yml');
  const base = y`
    version: 1
    max-permissions: { contents: read }
    forbidden-triggers: [pull_request_target]
    require-pinned-actions: true
    allowed-actions: [actions/*]
    max-credential-ttl: 600
  `;
  const changesOf = (a: string, b: string) => {
    const x = org(a);
    const z = org(b);
    return orgPolicyChanges(x.value, z.value, z.file, z.lineOf!);
  };
  it('each loosening is widened with its line; each tightening narrowed', () => {
    const loose = y`
      version: 1
      max-permissions: { contents: write }
      forbidden-triggers: []
      require-pinned-actions: false
      max-credential-ttl: 3600
    `;
    expect(brief(changesOf(base, loose)).sort()).toEqual(
      [
        'widened max-permissions.contents @2',
        'widened forbidden-triggers: pull_request_target @3',
        'widened require-pinned-actions @4',
        'widened allowed-actions removed (any action allowed) @1',
        'widened max-credential-ttl @5',
      ].sort(),
    );
    expect(changesOf(loose, base).every((c) => c.effect === 'narrowed')).toBe(true);
  });
  it('dropping the ceiling altogether is widened', () => {
    expect(brief(changesOf(base, 'version: 1\n'))).toContain(
      'widened max-permissions removed (no ceiling) @1',
    );
  });
});

describe('a new job names everything it holds', () => {
  it('secrets, environments, actions and secrets: inherit, not only "no permissions"', () => {
    const head = y`
      on: push
      jobs:
        deploy:
          permissions: {}
          environment: production
          steps:
            - uses: evil/action@main
            - run: echo \${{ secrets.NPM_TOKEN }}
          runs-on: ubuntu-latest
        call:
          uses: octo-org/shared/.github/workflows/release.yml@v1
          secrets: inherit
    `;
    const cs = diffSnapshots(snapshot([]), snapshot([wf('new.yml', head)]));
    const deploy = cs.find((c) => c.kind === 'job' && c.subject === 'deploy')!;
    expect(deploy.after).toBe(
      'no permissions; secrets: NPM_TOKEN; environments: production; actions: evil/action@main (unpinned)',
    );
    const call = cs.find((c) => c.kind === 'job' && c.subject === 'call')!;
    expect(call.after).toMatch(/secrets: inherit/);
    expect(call.after).toMatch(/octo-org\/shared\/\.github\/workflows\/release\.yml@v1 \(unpinned\)/);
  });
});

describe('workflow files that do not parse', () => {
  it('a head file that does not parse is cannot-judge, never "removed"', () => {
    const cs = diffStates(
      { label: 'a', workflows: [wf('ci.yml', CI)] },
      { label: 'b', workflows: [wf('ci.yml', 'on: push\njobs: [\n')] },
    ).changes;
    expect(cs.map((c) => `${c.effect} ${c.kind}`)).toEqual(['cannot-judge unreadable']);
    expect(failsOnWidened(cs)).toBe(true);
  });
  it('a base file that did not parse makes the head judged as new', () => {
    const cs = diffStates(
      { label: 'a', workflows: [wf('ci.yml', 'on: push\njobs: [\n')] },
      { label: 'b', workflows: [wf('ci.yml', CI)] },
    ).changes;
    expect(cs.every((c) => c.effect === 'widened')).toBe(true);
    expect(cs.some((c) => c.kind === 'job')).toBe(true);
  });
});
