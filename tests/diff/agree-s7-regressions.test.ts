/**
 * Counterexamples to "the diff reports every widening the broker would honour" (session 7), each the
 * shrunk pair of manifests (or policies) with the claims that show it, as named regression tests.
 */
import { describe, expect, it } from '@jest/globals';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import type { RepoState } from '../../shared/diff/source.js';
import { hiddenWidenings, type Ctx, type Side } from './agree-s7-oracle.js';
import { wf, y } from '../support/repo.js';
import { loadManifest } from '../../shared/manifest/load.js';

const REPO = 'octo-org/octo-repo';
function claims(
  over: Record<string, unknown> = {},
  wf = 'release.yml',
  callee = wf,
): Record<string, unknown> {
  const ref = (over.ref as string | undefined) ?? 'refs/heads/main';
  return {
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'stepwarden',
    repository: REPO,
    repository_id: '100001',
    repository_owner: 'octo-org',
    repository_owner_id: '200001',
    workflow_ref: `${REPO}/.github/workflows/${wf}@${ref}`,
    job_workflow_ref: `${REPO}/.github/workflows/${callee}@${ref}`,
    ref,
    event_name: 'push',
    ...over,
  };
}
const side = (manifestText: string, orgText?: string): Side => ({ manifestText, orgText });

/** The diff's verdict and what the broker grants beyond the base, for one pair. */
function judge(base: Side, head: Side, runs: { claims: Record<string, unknown>; ctx?: Ctx }[]) {
  const r = hiddenWidenings(
    base,
    head,
    base.orgText !== undefined || head.orgText !== undefined,
    runs.map((x) => ({ claims: x.claims, ctx: x.ctx ?? {} })),
  );
  if (!r) throw new Error('the base is invalid');
  return { widened: failsOnWidened(r.changes), found: r.found, changes: r.changes };
}

const BOUND = `repository: { name: ${REPO}, id: 100001, owner-id: 200001 }`;

describe('session 7 counterexamples: each widening is reported', () => {
  it('repository.default-branch changed: a grant without when.ref follows it (directory brokers)', () => {
    const m = (branch: string) => y`
      version: 1
      repository: { name: ${REPO}, id: 100001, owner-id: 200001, default-branch: ${branch} }
      workflows:
        release.yml:
          jobs:
            publish:
              credentials:
                - { step: release, audience: github, permissions: { contents: read } }
    `;
    const r = judge(side(m('main')), side(m('dev')), [{ claims: claims({ ref: 'refs/heads/dev' }) }]);
    expect(r.found).not.toEqual([]);
    expect(r.widened).toBe(true);
  });

  it('a caller workflow dropped from the manifest: its reusable callee is granted on every event', () => {
    // The trigger check of a reusable workflow's grant uses the caller's entry, and a workflow the
    // manifest does not list allows every event but pull_request_target and workflow_run.
    const callee = [
      '  build.yml:',
      '    callers: [release.yml]',
      '    jobs:',
      '      build:',
      '        credentials:',
      '          - { step: upload, audience: github, permissions: { contents: read } }',
      '',
    ].join('\n');
    const base = `version: 1\n${BOUND}\nworkflows:\n  release.yml:\n    triggers: [push]\n${callee}`;
    const head = `version: 1\n${BOUND}\nworkflows:\n${callee}`;
    const r = judge(side(base), side(head), [
      { claims: claims({ event_name: 'workflow_dispatch' }, 'release.yml', 'build.yml') },
    ]);
    expect(r.found).not.toEqual([]);
    expect(r.widened).toBe(true);
  });

  it("a job named 'x/publish' is not the job 'publish' of a workflow named 'release.yml/x'", () => {
    // Keys joined with '/' made both `release.yml/x/publish`: the new job's grant looked unchanged.
    const grant = '{ step: release, audience: github, permissions: { contents: write } }';
    const head = y`
      version: 1
      ${BOUND}
      workflows:
        release.yml/x:
          jobs:
            publish: { credentials: [${grant}] }
        release.yml:
          jobs:
            x/publish: { credentials: [${grant}] }
    `;
    // Since session 23 `x/publish` is no job id GitHub allows, so the head manifest does not load at
    // all (ERR_MANIFEST_INVALID, a failed check) instead of loading a grant that looked unchanged.
    expect(() => loadManifest(head, '.github/access-manifest.yml')).toThrow(
      /'x\/publish' is not a job id GitHub allows/,
    );
  });

  it('a repository without consent removed from a grant: the grant, refused whole before, is issued', () => {
    // The broker refuses a grant whole when one of its repositories lacks the organization's consent;
    // dropping that repository narrows the list and brings the grant to life.
    const m = (repos: string) => y`
      version: 1
      ${BOUND}
      workflows:
        build.yml:
          jobs:
            publish:
              credentials:
                - { step: upload, audience: github, permissions: { issues: write }, repositories: ${repos} }
    `;
    const r = judge(side(m('[other, octo-repo]')), side(m('[octo-repo]')), [
      { claims: claims({}, 'build.yml') },
    ]);
    expect(r.found).not.toEqual([]);
    expect(r.widened).toBe(true);
  });

  it('a level lowered or a list reordered in a grant is not widened', () => {
    const m = (perms: string, repos: string) => y`
      version: 1
      ${BOUND}
      workflows:
        build.yml:
          jobs:
            publish:
              credentials:
                - { step: upload, audience: github, permissions: ${perms}, repositories: ${repos} }
    `;
    const r = judge(
      side(m('{ contents: write, issues: read }', '[self, docs]')),
      side(m('{ issues: read, contents: read }', '[docs, self]')),
      [{ claims: claims({}, 'build.yml') }],
    );
    expect(r.changes.map((c) => `${c.effect} ${c.subject}`)).toEqual(['narrowed upload@github']);
  });
});

describe('session 39 counterexamples: binding a manifest', () => {
  // Random seed -1946798291 of agree-s7-broker (6,213 cases): the head added `repository:` with both
  // ids to a manifest the broker refused whole (ERR_MANIFEST_UNBOUND); the diff called the ids
  // "narrowed" and every grant unchanged, while the broker now issued them all.
  const m = (repository: string) => y`
    version: 1
    ${repository}
    workflows:
      release.yml:
        jobs:
          publish:
            credentials:
              - { step: release, audience: github, permissions: { contents: write } }
  `;
  it('an unbound manifest bound by the head: its grants and the ids are widened', () => {
    const r = judge(side(m('')), side(m(BOUND)), [{ claims: claims() }]);
    expect(r.found.length).toBeGreaterThan(0);
    expect(r.widened).toBe(true);
    expect(r.changes.filter((c) => c.effect === 'widened').map((c) => `${c.kind} ${c.subject}`)).toEqual([
      'policy repository.id (binds the manifest: the broker now issues its grants)',
      'policy repository.owner-id (binds the manifest: the broker now issues its grants)',
      'credential release@github',
    ]);
  });
  it('the last missing id added: widened; an id added to a bound manifest (none missing): not', () => {
    const half = `repository: { name: ${REPO}, id: 100001 }`;
    const r = judge(side(m(half)), side(m(BOUND)), [{ claims: claims() }]);
    expect(r.widened).toBe(true);
    expect(r.changes.map((c) => `${c.effect} ${c.kind} ${c.subject}`)).toEqual([
      'widened policy repository.owner-id (binds the manifest: the broker now issues its grants)',
      'widened credential release@github',
    ]);
    // Binding nothing new: the name alone added to a bound manifest narrows, as before.
    const bare = 'repository: { id: 100001, owner-id: 200001 }';
    const n = judge(side(m(bare)), side(m(BOUND)), [{ claims: claims() }]);
    expect(n.changes.map((c) => `${c.effect} ${c.subject}`)).toEqual(['narrowed repository.name']);
  });
});

describe('session 7 counterexamples: the workflow side', () => {
  it('a callee reached through two callers of one reusable workflow: each path is judged, not the last', () => {
    const caller = (perm: string) =>
      `on: push\njobs:\n  J:\n    permissions: { contents: ${perm} }\n    uses: ./.github/workflows/b.yml\n`;
    const b = 'on: workflow_call\njobs:\n  X:\n    uses: ./.github/workflows/c.yml\n';
    const c = (perm: string) =>
      `on: workflow_call\njobs:\n  Y:\n    permissions: { contents: ${perm} }\n    runs-on: x\n    steps: [{ run: make }]\n`;
    const files = (perm: string) => ({
      'a.yml': caller('write'),
      'b.yml': b,
      'c.yml': c(perm),
      'z.yml': caller('read'),
    });
    const st = (f: Record<string, string>): RepoState => ({
      label: 'x',
      workflows: Object.entries(f).map(([n, t]) => wf(n, t)),
    });
    const cs = diffStates(st(files('read')), st(files('write'))).changes;
    // Through a.yml (contents: write) Y now holds contents: write; through z.yml it stays read.
    expect(
      cs.filter((x) => x.effect === 'widened').map((x) => `${x.workflow} ${x.job} ${x.subject}`),
    ).toEqual(['c.yml Y via b.yml/X from a.yml/J contents']);
  });

  // Session 39 (random seed -752605306): one caller job (a.yml/X) reached two ways, a.yml on push and
  // a.yml called by b.yml/X holding only `id-token: write`. Keyed by the immediate caller alone, the
  // two instances of c.yml/A were merged scope by scope: the base's union already held every scope, so
  // the push path gaining `id-token: write` read as "no changes".
  it('a callee whose one caller job is reached along two paths: each path is its own instance', () => {
    const a =
      'on: [push, workflow_call]\njobs:\n  X:\n    uses: ./.github/workflows/c.yml\n    secrets: inherit\n';
    const b =
      'on: workflow_call\njobs:\n  X:\n    permissions: { id-token: write }\n    uses: ./.github/workflows/a.yml\n';
    const c = (block: string) =>
      `on: workflow_call\njobs:\n  A:\n${block}    runs-on: x\n    steps: [{ run: make }]\n`;
    const st = (cText: string): RepoState => ({
      label: 'x',
      workflows: Object.entries({ 'a.yml': a, 'b.yml': b, 'c.yml': cText }).map(([n, t]) => wf(n, t)),
    });
    const cs = diffStates(st(c('')), st(c('    permissions: write-all\n'))).changes;
    expect(failsOnWidened(cs)).toBe(true);
    expect(
      cs.filter((x) => x.effect === 'widened').map((x) => `${x.workflow} ${x.job} ${x.subject}`),
    ).toEqual(['c.yml A via a.yml/X id-token']);
    // Through b.yml the job still holds only what b.yml/X gives it: no change there.
    expect(cs.some((x) => x.job === 'A via a.yml/X from b.yml/X')).toBe(false);
  });

  it('a caller file renamed with its jobs the same: its callees, two levels down, hold what they held', () => {
    const caller = (perm: string) =>
      `on: push\njobs:\n  J:\n    permissions: { contents: ${perm} }\n    uses: ./.github/workflows/b.yml\n`;
    const b = 'on: workflow_call\njobs:\n  X:\n    uses: ./.github/workflows/c.yml\n';
    const c = 'on: workflow_call\njobs:\n  Y:\n    runs-on: x\n    steps: [{ run: make }]\n';
    const st = (f: Record<string, string>): RepoState => ({
      label: 'x',
      workflows: Object.entries(f).map(([n, t]) => wf(n, t)),
    });
    const base = st({ 'a.yml': caller('read'), 'b.yml': b, 'c.yml': c });
    expect(diffStates(base, st({ 'moved.yml': caller('read'), 'b.yml': b, 'c.yml': c })).changes).toEqual([]);
    // Renamed and widened: the callees' rows name the new caller and say widened.
    const cs = diffStates(base, st({ 'moved.yml': caller('write'), 'b.yml': b, 'c.yml': c })).changes;
    expect(
      cs.filter((x) => x.effect === 'widened').map((x) => `${x.workflow} ${x.job} ${x.subject}`),
    ).toEqual([
      'b.yml X via moved.yml/J contents',
      'c.yml Y via b.yml/X from moved.yml/J contents',
      'moved.yml J contents',
    ]);
    expect(cs.filter((x) => x.effect === 'narrowed')).toEqual([]);
  });
});
