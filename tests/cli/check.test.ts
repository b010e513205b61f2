import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { COMMANDS } from '../../shared/cli/main.js';

const examples = new URL('../../examples/', import.meta.url).pathname;

function copyOf(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-check-'));
  cpSync(join(examples, example), dir, { recursive: true });
  return dir;
}

describe('stepwarden check (CLI)', () => {
  it('exits 1 with findings on the demo repository and names file:line', async () => {
    const r = await cli(['check', 'examples/demo-repo']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\.github\/workflows\/ci\.yml:27 +error +excess-permission/);
    expect(r.stdout).toMatch(/errors?, \d+ warnings?/);
  });

  it('exits 0 on the clean repository', async () => {
    const r = await cli(['check', 'examples/clean-repo']);
    expect(r.stdout).toMatch(/0 errors, 0 warnings/);
    expect(r.code).toBe(0);
  });

  it('prints the JSON contract', async () => {
    const r = await cli(['check', 'examples/demo-repo', '--format', 'json']);
    const json = JSON.parse(r.stdout) as {
      jobs: Record<string, unknown>[];
      findings: Record<string, unknown>[];
    };
    expect(Object.keys(json.findings[0]!)).toEqual([
      'rule',
      'severity',
      'workflow',
      'job',
      'subject',
      'message',
      'file',
      'line',
    ]);
    const lint = json.jobs.find((j) => j.workflow === 'ci.yml' && j.job === 'lint')!;
    expect(lint.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const compile = json.jobs.find((j) => j.job === 'compile')!;
    expect(compile.via).toBe('ci.yml/build');
  });

  it('exits 2 with file, line and choices for a bad manifest, and writes nothing', async () => {
    const dir = copyOf('clean-repo');
    const path = join(dir, '.github/access-manifest.yml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'permissions: { contents: read }\n  release',
        'permissions: { content: read }\n  release',
      ),
    );
    const out = join(dir, 'report.json');
    const r = await cli(['check', dir, '--format', 'json', '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /access-manifest\.yml:15: unknown scope 'content'.*did you mean 'contents'.*Fix: use one of: actions/,
    );
    expect(() => readFileSync(out)).toThrow();
  });

  it('exits 2 and suggests init when the manifest is missing', async () => {
    const r = await cli(['check', 'examples']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stepwarden init/);
  });

  it('exits 2 on bad arguments', async () => {
    expect((await cli(['check', '--format', 'xml'])).code).toBe(2);
    expect((await cli(['check', '--nope'])).code).toBe(2);
    expect((await cli(['check', 'a', 'b'])).code).toBe(2);
  });

  it('applies an organization policy', async () => {
    const dir = copyOf('clean-repo');
    writeFileSync(join(dir, 'org.yml'), 'version: 1\nmax-credential-ttl: 60\n');
    const r = await cli(['check', dir, '--org-policy', join(dir, 'org.yml'), '--format', 'json']);
    const json = JSON.parse(r.stdout) as { findings: { rule: string; subject: string }[] };
    expect(json.findings.map((f) => [f.rule, f.subject])).toEqual([['org-ceiling', 'ttl']]);
    expect(r.code).toBe(1);
  });

  it('writes the report atomically with --output', async () => {
    const dir = copyOf('demo-repo');
    const out = join(dir, 'out.sarif');
    const r = await cli(['check', dir, '--format', 'sarif', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('has --help for every command, and the top-level help lists them', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const name of COMMANDS.map((c) => c.name)) {
      expect(top.stdout).toContain(`  ${name}`);
      const h = await cli([name, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/Usage: stepwarden/);
    }
    expect((await cli([])).code).toBe(2);
    expect((await cli(['nope'])).code).toBe(2);
  });
});

describe('stepwarden init', () => {
  it('writes a manifest under which check passes without errors, and refuses to overwrite', async () => {
    const dir = copyOf('demo-repo');
    const first = await cli(['init', dir]);
    expect(first.code).toBe(2); // the demo repo already has a manifest
    expect(first.stderr).toMatch(/--force/);
    expect(
      (
        await cli(['init', dir, '--force'], {
          env: { GITHUB_REPOSITORY: 'o/r', GITHUB_REPOSITORY_ID: '42', GITHUB_REPOSITORY_OWNER_ID: '43' },
        })
      ).code,
    ).toBe(0);
    const text = readFileSync(join(dir, '.github/access-manifest.yml'), 'utf8');
    expect(text).toMatch(/id: 42/);
    expect(text).toMatch(/triggers: \[pull_request_target\]/);
    const check = await cli(['check', dir, '--format', 'json']);
    const json = JSON.parse(check.stdout) as { findings: { severity: string }[] };
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(check.code).toBe(0);
  });

  it('init over the corpus-like workflows of the examples prints to stdout', async () => {
    const r = await cli(['init', 'examples/clean-repo', '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/require-pinned-actions: true/);
  });
});
