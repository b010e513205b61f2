import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../support/action-runner.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';

const root = new URL('../..', import.meta.url).pathname;
const TOKEN = 'ghs_checkActionTokenNeverPrinted0001';

/** A workspace as the sample required workflow lays it out: the checked-out repository under `target/`. */
function workspace(example: string): string {
  const ws = mkdtempSync(join(tmpdir(), 'sw-ws-'));
  cpSync(join(root, 'examples', example), join(ws, 'target'), { recursive: true });
  return ws;
}

let gh: AppStandin;
beforeAll(async () => {
  gh = await startAppStandin([
    demoRepo({
      owner: 'octo-org',
      name: '.github',
      files: { main: { 'stepwarden/org-policy.yml': 'version: 1\nmax-credential-ttl: 60\n' } },
    }),
  ]);
});
afterAll(async () => {
  await gh.standin.close();
});

describe('root action.yml under the events a ruleset-required workflow runs on', () => {
  it('pull_request_target: annotations through the toolkit, summary, SARIF, outputs, exit 1, token masked', async () => {
    const ws = workspace('demo-repo');
    const r = await runAction('.', {
      inputs: { path: 'target', 'sarif-file': 'out/stepwarden.sarif', token: TOKEN },
      github: { workspace: ws, token: TOKEN, event_name: 'pull_request_target' },
      env: { GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: 'pull_request_target' },
    });
    expect(r.failed).toBe(true);
    const out = r.steps[0]!.stdout;
    const errors = out.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(10);
    expect(errors[0]).toMatch(
      /^::error title=stepwarden unpinned-action,file=\.github\/workflows\/ci\.yml,line=18::/,
    );
    expect(out).toMatch(
      /^::notice title=stepwarden::\d+ more errors are not annotated .*out\/stepwarden\.sarif/m,
    );
    expect(out).toMatch(
      /^::warning title=stepwarden self-escalating-grant,file=\.github\/access-manifest\.yml,line=40::/m,
    );
    expect(r.summary).toContain('## stepwarden check');
    expect(r.summary).toContain('### ❌ excess-permission');
    expect(Number(r.outputs.errors)).toBeGreaterThan(10);
    expect(r.outputs.warnings).toBe('2');
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file']!, 'utf8'));
    expect(r.outputs['sarif-file']).toBe(join(ws, 'out/stepwarden.sarif'));
    expect(sarif.runs[0].results).toHaveLength(Number(r.outputs.errors) + 2);
    expect(r.masks).toContain(TOKEN);
    expect(r.leaks).toEqual([]);
    expect(r.log.replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
  }, 60000);

  it('merge_group: a clean repository passes; fail-on: warning fails on a warning alone', async () => {
    const ws = workspace('clean-repo');
    const clean = await runAction('.', {
      inputs: { path: 'target' },
      github: { workspace: ws, event_name: 'merge_group' },
      env: { GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: 'merge_group' },
    });
    expect(clean.failed).toBe(false);
    expect(clean.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(clean.summary).toMatch(/No errors, 0 warnings/);

    const m = join(ws, 'target/.github/access-manifest.yml');
    writeFileSync(
      m,
      readFileSync(m, 'utf8').replace(
        'contents: read }\n  release',
        'contents: read }\n        secrets: [STALE]\n  release',
      ),
    );
    const warn = await runAction('.', {
      inputs: { path: 'target', 'fail-on': 'warning' },
      github: { workspace: ws, event_name: 'pull_request' },
      env: { GITHUB_WORKSPACE: ws },
    });
    expect(warn.outputs).toMatchObject({ errors: '0', warnings: '1' });
    expect(warn.failed).toBe(true);
  }, 60000);

  it('reads the organization policy from another repository through the API with the token', async () => {
    const ws = workspace('clean-repo');
    const r = await runAction('.', {
      inputs: { path: 'target', 'org-policy': 'octo-org/.github:stepwarden/org-policy.yml', token: TOKEN },
      github: { workspace: ws, token: TOKEN },
      env: { GITHUB_WORKSPACE: ws, GITHUB_API_URL: gh.standin.url },
    });
    // The stand-in only knows tokens it issued; an unknown token is refused with 401: exit 2, said plainly.
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.exitCode).toBe(2);
    expect(r.steps[0]!.stdout).toMatch(
      /cannot read org-policy 'octo-org\/\.github:stepwarden\/org-policy\.yml' \(HTTP 401\)/,
    );
    expect(r.leaks).toEqual([]);

    // With a token the API accepts, the ceiling applies: the clean repository's 120 s grant is above 60 s.
    const APP_TOKEN = 'ghs_appTokenForTheOrgPolicyRead00001';
    gh.state.tokens.push({
      token: APP_TOKEN,
      installationId: 7,
      permissions: { contents: 'read' },
      repositories: ['.github'],
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
      revoked: false,
    });
    const ok = await runAction('.', {
      inputs: {
        path: 'target',
        'org-policy': 'octo-org/.github:stepwarden/org-policy.yml',
        token: APP_TOKEN,
      },
      github: { workspace: ws },
      env: { GITHUB_WORKSPACE: ws, GITHUB_API_URL: gh.standin.url },
    });
    expect(ok.outputs).toMatchObject({ errors: '1', warnings: '0' });
    expect(ok.steps[0]!.stdout).toMatch(/^::error title=stepwarden org-ceiling,.*max-credential-ttl 60s/m);
    expect(gh.standin.requests.map((q) => `${q.method} ${decodeURIComponent(q.path)} ${q.status}`)).toContain(
      'GET /repos/octo-org/.github/contents/stepwarden/org-policy.yml 200',
    );
    expect(ok.leaks).toEqual([]);
  }, 60000);

  it('an invalid manifest becomes annotations at its lines and exit 2', async () => {
    const ws = workspace('clean-repo');
    writeFileSync(
      join(ws, 'target/.github/access-manifest.yml'),
      'version: 1\ndefaults:\n  permissions: { content: read }\n',
    );
    const r = await runAction('.', {
      inputs: { path: 'target' },
      github: { workspace: ws },
      env: { GITHUB_WORKSPACE: ws },
    });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.exitCode).toBe(2);
    expect(r.steps[0]!.stdout).toMatch(
      /^::error title=stepwarden invalid manifest,file=\.github\/access-manifest\.yml,line=3::unknown scope 'content'/m,
    );
  }, 60000);
});
