import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { orgPolicyChanges } from '../../shared/diff/policy.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, orgPolicyOf, type RepoState } from '../../shared/diff/source.js';
import type { Manifest } from '../../shared/manifest/schema.js';
import { wf, y } from '../support/repo.js';

const CI = y`
  on: push
  jobs:
    build:
      permissions: { contents: read }
      steps:
        - uses: actions/checkout@v4
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

  // Grant conditions (`when:`) and caller fields come from another change of the schema; the diff
  // judges any field it has no direction for as widened, so these are values the loader will give.
  const withGrant = (
    extra: Record<string, unknown>,
    wfExtra: Record<string, unknown> = {},
    top: Record<string, unknown> = {},
  ) => {
    const s = state(MANIFEST);
    const m = structuredClone(s.manifest!) as Manifest & Record<string, unknown>;
    Object.assign(m.workflows['ci.yml']!.jobs.build!.credentials[0]!, extra);
    Object.assign(m.workflows['ci.yml']!, wfExtra);
    Object.assign(m, top);
    return { ...s, manifest: m };
  };
  const conditions = (a: RepoState, b: RepoState) => diffStates(a, b).changes;

  it('any change of a grant condition that is not a provable narrowing is widened; removing one is widened', () => {
    const narrow = withGrant({ when: { refs: ['refs/heads/main'] } });
    const wide = withGrant({ when: { refs: ['refs/heads/main', 'refs/heads/*'] } });
    const none = withGrant({});
    const added = conditions(narrow, wide);
    expect(brief(added)).toEqual(['widened credentials.publish@github.when.refs @17']);
    const removed = conditions(narrow, none);
    expect(removed.map((c) => `${c.effect} ${c.subject}`)).toEqual([
      'widened credentials.publish@github.when.refs',
    ]);
    expect(removed[0]!.before).toBe('["refs/heads/main"]');
    expect(removed[0]!.after).toBeNull();
    expect(conditions(narrow, narrow)).toEqual([]);
  });

  it('caller, trusted-workflow and cross-repository fields this version does not know are widened when changed', () => {
    const a = withGrant(
      {},
      { callers: ['octo-org/app/.github/workflows/ci.yml@refs/heads/main'] },
      { 'trusted-workflows': ['a'] },
    );
    const b = withGrant({}, { callers: ['*/*/.github/workflows/*@*'] }, { 'trusted-workflows': ['a', 'b'] });
    expect(
      conditions(a, b)
        .map((c) => `${c.effect} ${c.subject}`)
        .sort(),
    ).toEqual(['widened callers', 'widened trusted-workflows'].sort());
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
