import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSnapshots, type Change } from '../../shared/diff/diff.js';
import { MARKER, renderDiffJson, renderDiffMarkdown } from '../../shared/diff/render.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { SCOPE_NAMES } from '../../shared/permissions/scopes.js';
import { cli } from '../support/cli.js';
import { wf } from '../support/repo.js';

const W = (body: string, on = 'push') => `on: ${on}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${body}`;
const base = W(
  '    permissions: { contents: read }\n    environment: staging\n    steps:\n      - uses: actions/checkout@' +
    'a'.repeat(40) +
    '\n      - run: echo ${{ secrets.OLD }}\n',
);

function changes(a: Record<string, string>, b: Record<string, string>, ma?: string, mb?: string): Change[] {
  const snap = (files: Record<string, string>, m?: string) =>
    snapshot(
      Object.entries(files).map(([f, t]) => wf(f, t)),
      m ? loadManifest(m, 'm.yml').manifest : undefined,
    );
  return diffSnapshots(snap(a, ma), snap(b, mb));
}
const summary = (cs: Change[]) => cs.map((c) => `${c.effect} ${c.kind} ${c.subject} ${c.before}->${c.after}`);

describe('access diff: one case per kind, both directions', () => {
  it('permission read -> write is widened, write -> read narrowed', () => {
    const up = changes({ 'ci.yml': base }, { 'ci.yml': base.replace('contents: read', 'contents: write') });
    expect(summary(up)).toEqual(['widened permission contents read->write']);
    const down = changes({ 'ci.yml': base.replace('contents: read', 'contents: write') }, { 'ci.yml': base });
    expect(summary(down)).toEqual(['narrowed permission contents write->read']);
  });
  it('a new secret, environment, trigger and unpinned action are widened; removals narrowed', () => {
    const head = W(
      '    permissions: { contents: read }\n    environment: production\n    steps:\n      - uses: evil/action@main\n      - run: echo ${{ secrets.NEW }}\n',
      '[push, pull_request_target]',
    );
    const cs = changes({ 'ci.yml': base }, { 'ci.yml': head });
    expect(summary(cs).sort()).toEqual(
      [
        'widened trigger pull_request_target null->pull_request_target',
        'widened secret NEW null->NEW',
        'widened environment production null->production',
        'widened action evil/action@main null->unpinned',
        'narrowed secret OLD OLD->null',
        'narrowed environment staging staging->null',
        `narrowed action actions/checkout@${'a'.repeat(40)} pinned->null`,
      ].sort(),
    );
    expect(cs.findIndex((c) => c.effect === 'narrowed')).toBeGreaterThan(
      cs.filter((c) => c.effect === 'widened').length - 1,
    );
  });
  it('a new workflow and job are widened; a removed one narrowed', () => {
    const cs = changes(
      { 'ci.yml': base },
      { 'ci.yml': base, 'new.yml': W('    permissions: { issues: write }\n    steps: []\n') },
    );
    expect(summary(cs)).toEqual([
      'widened workflow new.yml null->push',
      'widened job build null->permissions: issues:write',
    ]);
    expect(summary(changes({ 'ci.yml': base, 'new.yml': base }, { 'ci.yml': base }))[0]).toMatch(
      /^narrowed workflow new.yml/,
    );
  });
  it('a new credential grant, a longer ttl and wider manifest permissions are widened', () => {
    const m = (cred: string, perms = '{ contents: read }') =>
      `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      build:\n        permissions: ${perms}\n        credentials:\n${cred}`;
    const c1 = '          - { step: s, audience: github, permissions: { contents: read }, ttl: 60 }\n';
    const c2 =
      '          - { step: s, audience: github, permissions: { contents: read }, ttl: 600 }\n          - { step: t, audience: https://svc.example, scope: [x], ttl: 60 }\n';
    const cs = changes({ 'ci.yml': base }, { 'ci.yml': base }, m(c1), m(c2, '{ contents: write }'));
    expect(summary(cs).sort()).toEqual(
      [
        'widened credential s@github contents:read ttl 60s->contents:read ttl 600s',
        'widened credential t@https://svc.example null->x ttl 60s',
        'widened manifest permissions.contents read->write',
      ].sort(),
    );
    expect(renderDiffMarkdown(cs)).toMatch(/take effect after merge/);
  });
  it('matches a renamed workflow file instead of showing a removal and an addition', () => {
    const cs = changes(
      { 'release.yml': base },
      { 'publish.yml': base.replace('contents: read', 'contents: write') },
    );
    expect(summary(cs)).toEqual(['widened permission contents read->write']);
    expect(cs[0]!.renamedFrom).toBe('release.yml');
  });
});

describe('access diff properties', () => {
  const level = fc.constantFrom('read', 'write', 'none');
  const perms = fc.dictionary(
    fc.constantFrom(
      ...SCOPE_NAMES.filter(
        (s) => !['models', 'id-token', 'copilot-requests', 'vulnerability-alerts'].includes(s),
      ),
    ),
    level,
    { minKeys: 1 },
  );
  const secrets = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D'));
  const workflow = fc.record({ perms, secrets }).map(
    ({ perms: p, secrets: s }) =>
      `on: push\njobs:\n  j:\n    runs-on: x\n    permissions: { ${Object.entries(p)
        .map(([k, v]) => `${k}: ${v}`)
        .join(
          ', ',
        )} }\n    steps:\n${s.map((x) => `      - run: echo \${{ secrets.${x} }}\n`).join('') || '      - run: true\n'}`,
  );
  it('diff(a, a) is empty and swapping the sides flips every effect', () => {
    fc.assert(
      fc.property(workflow, workflow, (a, b) => {
        expect(changes({ 'ci.yml': a }, { 'ci.yml': a })).toEqual([]);
        const ab = changes({ 'ci.yml': a }, { 'ci.yml': b });
        const ba = changes({ 'ci.yml': b }, { 'ci.yml': a });
        const key = (c: Change) => `${c.kind} ${c.subject}`;
        expect(ab.map(key).sort()).toEqual(ba.map(key).sort());
        for (const c of ab)
          expect(ba.find((d) => key(d) === key(c))!.effect).toBe(
            c.effect === 'widened' ? 'narrowed' : 'widened',
          );
      }),
      { numRuns: 150 },
    );
  });
});

describe('rendering', () => {
  it('the JSON contract has the documented keys', () => {
    const cs = changes({ 'ci.yml': base }, { 'ci.yml': base.replace('contents: read', 'contents: write') });
    const json = JSON.parse(renderDiffJson(cs)) as { changes: Record<string, unknown>[] };
    expect(Object.keys(json.changes[0]!).slice(0, 7)).toEqual([
      'workflow',
      'job',
      'kind',
      'subject',
      'before',
      'after',
      'effect',
    ]);
  });
  it('escapes user-controlled names in the comment (no mentions, HTML or table breaks)', () => {
    const evil = W(
      '    permissions: { contents: read }\n    environment: "<img src=x> @admin | `x`"\n    steps: []\n',
    );
    const md = renderDiffMarkdown(changes({ 'ci.yml': base }, { 'ci.yml': evil }));
    expect(md.startsWith(MARKER)).toBe(true);
    expect(md).not.toMatch(/<img|@admin/);
  });
  it('stays under the comment limit with a note of what was cut', () => {
    const many: Change[] = Array.from({ length: 3000 }, (_, i) => ({
      workflow: `w${i}.yml`,
      job: 'j',
      kind: 'secret',
      subject: `S${i}`,
      before: null,
      after: `S${i}`,
      effect: 'widened',
    }));
    const md = renderDiffMarkdown(many);
    expect(md.length).toBeLessThan(65_536);
    expect(md).toMatch(/Cut to stay under GitHub's 65,536-character comment limit/);
    expect(md).toMatch(/<details>/);
  });
  it('says so when nothing changed', () => {
    expect(renderDiffMarkdown([])).toMatch(/No access changes/);
  });
});

describe('stepwarden diff (CLI) over git refs', () => {
  it('reads two refs without checking them out, and --fail-on widened exits 1', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'sw-diff-'));
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
        },
      });
    git('init', '-q');
    mkdirSync(join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(join(repo, '.github/workflows/ci.yml'), base);
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(repo, '.github/workflows/ci.yml'), base.replace('contents: read', 'contents: write'));
    git('commit', '-qam', 'head');
    const r = await cli(['diff', 'HEAD~1', 'HEAD', '--repo', repo, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { changes: Change[] }).changes.map((c) => c.subject)).toEqual([
      'contents',
    ]);
    expect((await cli(['diff', 'HEAD~1', 'HEAD', '--repo', repo, '--fail-on', 'widened'])).code).toBe(1);
    expect((await cli(['diff', 'nope', 'HEAD', '--repo', repo])).code).toBe(2);
  });
});
