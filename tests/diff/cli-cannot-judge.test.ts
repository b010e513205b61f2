import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../shared/diff/diff.js';
import { cli } from '../support/cli.js';

const CI =
  'on: push\njobs:\n  build:\n    permissions: { contents: read }\n    steps:\n      - run: make\n    runs-on: ubuntu-latest\n';
const MANIFEST =
  'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      build:\n        permissions: { contents: read }\n';

function repo() {
  const dir = mkdtempSync(join(tmpdir(), 'sw-diff-cj-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  git('init', '-q');
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/ci.yml'), CI);
  writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
  git('add', '.');
  git('commit', '-qm', 'base');
  return { dir, git };
}

const json = (stdout: string) => (JSON.parse(stdout) as { changes: Change[] }).changes;

describe('stepwarden diff over git refs: what it cannot read', () => {
  it('a symbolic link and a file over 1 MiB are cannot-judge rows, and fail --fail-on widened', async () => {
    const { dir, git } = repo();
    symlinkSync('../../tools/evil.yml', join(dir, '.github/workflows/linked.yml'));
    writeFileSync(join(dir, '.github/workflows/big.yml'), `${CI}# ${'x'.repeat(1024 * 1024)}\n`);
    git('add', '.');
    git('commit', '-qm', 'head');
    const r = await cli(['diff', 'HEAD~1', 'HEAD', '--repo', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout).map((c) => `${c.effect} ${c.subject} ${c.after}`);
    expect(rows).toEqual([
      expect.stringMatching(/^cannot-judge \.github\/workflows\/big\.yml cannot judge: larger than 1 MiB/),
      expect.stringMatching(/^cannot-judge \.github\/workflows\/linked\.yml cannot judge: a symbolic link/),
    ]);
    expect((await cli(['diff', 'HEAD~1', 'HEAD', '--repo', dir, '--fail-on', 'widened'])).code).toBe(1);
  });

  it('an invalid head manifest exits 2 with the reason, and lists no manifest row as narrowed', async () => {
    const { dir, git } = repo();
    writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST.replace('jobs:', 'jobz:'));
    git('commit', '-qam', 'head');
    const r = await cli(['diff', 'HEAD~1', 'HEAD', '--repo', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot judge HEAD: its manifest is invalid/);
    const changes = json(r.stdout);
    expect(changes.map((c) => `${c.effect} ${c.kind}`)).toEqual(['cannot-judge manifest']);
    expect(changes[0]!.after).toMatch(/jobz/);
  });
});
