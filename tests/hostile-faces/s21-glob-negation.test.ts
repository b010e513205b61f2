/**
 * Session 21 (left by session 20): `[!m]` in a condition pattern is not a negation for the glob reader
 * stepwarden used (picomatch took it for the class of `!` and `m`), so `actor: '[!m]*'`, written for
 * "anyone but m…", admitted only m… . It is refused where every face loads a manifest (schema.ts), with
 * the field, the line and the fix: the check and the diff cannot judge (exit 2), the broker refuses
 * the exchange with ERR_MANIFEST_INVALID at the line, and nothing is issued.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionAllowed } from '../../shared/manifest/effective-policy.js';
import { loadManifest, loadOrgPolicy } from '../../shared/manifest/load.js';
import { startStack, type Stack } from '../support/broker.js';
import { cli } from '../support/cli.js';

const CI =
  'on: push\njobs:\n  publish:\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: pub\n        run: make\n    runs-on: ubuntu-latest\n';
const manifest = (actor: string) => `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: pub
            audience: https://hooks.example.internal
            when:
              claims: { actor: '${actor}' }
`;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s21-glob-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/release.yml'), CI);
  writeFileSync(join(dir, '.github/access-manifest.yml'), text);
  return dir;
}

describe('[!…] in a pattern is refused on every face (session 21)', () => {
  it('the loader names the field, the line and the fix, for every kind of pattern', () => {
    expect(() => loadManifest(manifest('[!m]*'), 'm.yml')).toThrow(
      /m\.yml:13: workflows\.release\.yml\.jobs\.publish\.credentials\.0\.when\.claims\.actor: '\[!m\]' .*not read as a negation.*Fix: write \[\^m\]/,
    );
    const org = `version: 1
allowed-actions: ['act[!x]ons/*']
allow-cross-repository:
  - { from: 'octo-org/[!a]pp', to: [infra] }
`;
    let message = '';
    try {
      loadOrgPolicy(org, 'org.yml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/org\.yml:2: allowed-actions\.0: .*Fix: write \[\^x\]/);
    expect(message).toMatch(/org\.yml:4: allow-cross-repository\.0\.from: .*Fix: write \[\^a\]/);
    expect(() => loadManifest(manifest('[^m]*'), 'm.yml')).not.toThrow();
  });

  it('check: cannot judge (exit 2) with the line; the same manifest with [^m] is judged', async () => {
    const bad = await cli(['check', repo(manifest('[!m]*'))]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/access-manifest\.yml:13: .*write \[\^m\]/);
    expect((await cli(['check', repo(manifest('[^m]*'))])).code).not.toBe(2);
  });

  it('diff: a head manifest with [!m] cannot be judged (exit 2)', async () => {
    const dir = repo(manifest('alice'));
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
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, '.github/access-manifest.yml'), manifest('[!m]*'));
    git('commit', '-qam', 'head');
    const r = await cli(['diff', 'HEAD~1', 'HEAD', '--repo', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot judge HEAD: its manifest is invalid/);
    expect(r.stderr).toMatch(/access-manifest\.yml:13: .*write \[\^m\]/);
  });
});

describe('allowed-actions read with the same globs as every other pattern', () => {
  it('a leading ! and braces are text, not a negation or a list (picomatch expanded both)', () => {
    expect(actionAllowed('good/tool@v1', [['!evil/*']])).toBe(false);
    expect(actionAllowed('github/codeql-action/init@v3', [['{actions,github}/*']])).toBe(false);
    expect(actionAllowed('github/codeql-action/init@v3', [['github/*']])).toBe(true);
    expect(actionAllowed('Actions/Checkout@v4', [['actions/checkout']])).toBe(true);
    expect(actionAllowed('actions/checkout-evil@v4', [['actions/checkout']])).toBe(false);
    expect(actionAllowed('docker://ghcr.io/my-org/app:1', [['docker://ghcr.io/my-org/*']])).toBe(true);
    expect(actionAllowed('docker://ghcr.io/other/app:1', [['docker://ghcr.io/my-org/*']])).toBe(false);
  });
});

describe('broker: a manifest with [!m] issues nothing', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ manifest: manifest('[!m]*') });
  });
  afterAll(async () => {
    await s.close();
  });
  it('refuses the exchange ERR_MANIFEST_INVALID at the line, whoever the actor', async () => {
    for (const actor of ['alice', 'mallory']) {
      const t = await s.issuer.mint({ actor });
      const r = await s.token(
        s.exchangeForm(t, { audience: 'https://hooks.example.internal', job: 'publish', step: 'pub' }),
      );
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body.access_token).toBeUndefined();
      expect(String(r.body.error_description)).toMatch(/^ERR_MANIFEST_INVALID: .*access-manifest\.yml:13/);
    }
  });
});
