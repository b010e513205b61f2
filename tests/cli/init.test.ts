import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import { githubRepoRoutes, type RepoContentsState } from '../../shared/standins/github-repo-routes.js';
import { openApiValidator } from '../support/openapi-shapes.js';

const examples = new URL('../../examples/', import.meta.url).pathname;
const TOKEN = 'ghs_inittoken';

function copyOf(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-init-'));
  cpSync(join(examples, example), dir, { recursive: true });
  return dir;
}

/** A repository with workflows and no manifest yet. */
function fresh(): string {
  const dir = copyOf('clean-repo');
  const m = join(dir, '.github/access-manifest.yml');
  writeFileSync(m, '');
  return dir;
}

let gh: StartedStandin;
beforeAll(async () => {
  const state: RepoContentsState = {
    repos: [
      { owner: 'octo-org', name: 'octo-repo', id: 987654, ownerId: 456789, defaultBranch: 'main', refs: {} },
    ],
    tokens: { [TOKEN]: { repositories: ['octo-org/octo-repo'], contents: 'read' } },
  };
  let url = '';
  gh = await startGithubStandin({ validate: openApiValidator(), routes: githubRepoRoutes(state, () => url) });
  url = gh.url;
});
afterAll(async () => {
  expect(gh.shapeErrors).toEqual([]);
  await gh.close();
});

const manifestOf = (dir: string) => readFileSync(join(dir, '.github/access-manifest.yml'), 'utf8');

describe('stepwarden init', () => {
  it('does not follow a linked workflow file: skips and names it, and check then passes', async () => {
    const dir = fresh();
    const outside = mkdtempSync(join(tmpdir(), 'sw-outside-'));
    writeFileSync(
      join(outside, 'evil.yml'),
      'on: push\njobs:\n  leak:\n    runs-on: x\n    permissions: write-all\n    steps: [{ run: echo }]\n',
    );
    symlinkSync(join(outside, 'evil.yml'), join(dir, '.github/workflows/linked.yml'));
    const r = await cli([
      'init',
      dir,
      '--force',
      '--repository',
      'o/r',
      '--repository-id',
      '1',
      '--owner-id',
      '2',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped \.github\/workflows\/linked\.yml: .*symbolic link/);
    const text = manifestOf(dir);
    expect(text).not.toMatch(/linked\.yml|leak/);
    const check = await cli(['check', dir, '--format', 'json']);
    const json = JSON.parse(check.stdout) as { findings: { rule: string; subject: string }[] };
    // The link itself stays an invalid-workflow error of check; nothing else is.
    expect(json.findings.map((f) => f.rule)).toEqual(['invalid-workflow']);
  });

  it('refuses to write through a linked .github directory', async () => {
    const real = fresh();
    const dir = mkdtempSync(join(tmpdir(), 'sw-init-link-'));
    symlinkSync(join(real, '.github'), join(dir, '.github'));
    const r = await cli(['init', dir, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.github is a symbolic link/);
    expect(manifestOf(real)).toBe('');
  });

  it('takes --repository, --repository-id and --owner-id; check then passes, credential grants included', async () => {
    const dir = fresh();
    const r = await cli([
      'init',
      dir,
      '--force',
      '--repository',
      'octo-org/clean-repo',
      '--repository-id',
      '100002',
      '--owner-id',
      '200001',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/still missing/);
    const text = manifestOf(dir);
    expect(text).toMatch(/name: octo-org\/clean-repo/);
    expect(text).toMatch(/id: 100002/);
    expect(text).toMatch(/owner-id: 200001/);
    expect(text).toMatch(
      /step: publish\n\s+audience: github\n\s+permissions: \{contents: read, pull-requests: write\}/,
    );
    const check = await cli(['check', dir]);
    expect(check.stdout).toMatch(/0 errors/);
    expect(check.code).toBe(0);
  });

  it('without ids says what the broker still needs, and check reports the unbound manifest', async () => {
    const dir = fresh();
    const r = await cli(['init', dir, '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/still missing:\n\s+- repository\.id and repository\.owner-id/);
    expect(manifestOf(dir)).not.toMatch(/^repository:/m);
    const check = await cli(['check', dir, '--format', 'json']);
    const json = JSON.parse(check.stdout) as { findings: { rule: string; subject: string }[] };
    expect(json.findings.map((f) => [f.rule, f.subject])).toEqual([['unbound-manifest', 'repository']]);
  });

  it('reads the ids through the API with a token (GitHub stand-in)', async () => {
    const dir = fresh();
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url };
    const r = await cli(['init', dir, '--force', '--repository', 'octo-org/octo-repo'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read repository\.id and owner-id of octo-org\/octo-repo/);
    expect(manifestOf(dir)).toMatch(/id: 987654\n\s+owner-id: 456789/);
  });

  it('an API refusal leaves the ids missing and says so', async () => {
    const dir = fresh();
    const env = { GITHUB_TOKEN: 'ghs_wrong', GITHUB_API_URL: gh.url };
    const r = await cli(['init', dir, '--force', '--repository', 'octo-org/octo-repo'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/could not read the ids of octo-org\/octo-repo from the API \(HTTP 401\)/);
    expect(r.stdout).toMatch(/still missing/);
    expect(manifestOf(dir)).not.toMatch(/id: 987654/);
  });

  it('rejects malformed ids and names', async () => {
    for (const args of [
      ['--repository-id', '12x'],
      ['--owner-id', '-3'],
      ['--repository', 'not a repo'],
    ]) {
      const r = await cli(['init', fresh(), '--stdout', ...args]);
      expect(r.code).toBe(2);
    }
  });

  it('names credential steps whose grant it cannot write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-init-x-'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github/workflows/r.yml'),
      'on: push\njobs:\n  j:\n    permissions: { id-token: write }\n    steps:\n      - uses: stepwarden/stepwarden/actions/exchange@v0\n        with: { audience: github, scope: "${{ inputs.scope }}" }\n    runs-on: ubuntu-latest\n',
    );
    const r = await cli(['init', dir, '--repository-id', '1', '--owner-id', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /r\.yml job 'j' step '#0' \(line 6\): its step name or audience is not written out/,
    );
    expect(existsSync(join(dir, '.github/access-manifest.yml'))).toBe(true);
  });
});
