import { describe, expect, it } from '@jest/globals';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { readWorkflowsSafely } from '../../shared/check/load.js';

const examples = new URL('../../examples/', import.meta.url).pathname;

function copyOf(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-check-'));
  cpSync(join(examples, example), dir, { recursive: true });
  return dir;
}

type Json = {
  jobs: { workflow: string; job: string; via?: string; permissions: Record<string, string> }[];
  findings: { rule: string; severity: string; file: string; line: number; subject: string }[];
};

describe('stepwarden check end to end over examples/', () => {
  it('demo-repo: exit 1 with findings of many rules, each at a real file and line', async () => {
    const r = await cli(['check', 'examples/demo-repo', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Json;
    const rules = new Set(json.findings.map((f) => f.rule));
    for (const rule of [
      'excess-permission',
      'undeclared-secret',
      'inherited-secrets',
      'disallowed-trigger',
      'unpinned-action',
      'disallowed-action',
      'self-escalating-grant',
      'unused-grant',
      'credential-step',
    ])
      expect(rules).toContain(rule);
    for (const f of json.findings) {
      const lines = readFileSync(join(examples, 'demo-repo', f.file), 'utf8').split('\n');
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(lines.length);
    }
    const at = (rule: string, subject: string) =>
      json.findings.find((f) => f.rule === rule && f.subject === subject);
    expect(at('undeclared-secret', 'NPM_TOKEN')).toMatchObject({
      file: '.github/workflows/ci.yml',
      line: 21,
    });
    expect(at('disallowed-trigger', 'pull_request_target')).toMatchObject({
      file: '.github/workflows/label.yml',
      line: 2,
    });
    expect(json.jobs.find((j) => j.job === 'compile')?.via).toBe('ci.yml/build');
  });

  it('clean-repo: exit 0, no findings, in every format', async () => {
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown']) {
      const r = await cli(['check', 'examples/clean-repo', '--format', format]);
      expect([format, r.code]).toEqual([format, 0]);
    }
    const json = JSON.parse((await cli(['check', 'examples/clean-repo', '--format', 'json'])).stdout) as Json;
    expect(json.findings).toEqual([]);
    expect(json.jobs.map((j) => `${j.workflow}/${j.job}`)).toEqual(['ci.yml/test', 'release.yml/publish']);
  });

  it('text output groups by file with file:line, severity, rule, message and a summary line', async () => {
    const r = await cli(['check', 'examples/demo-repo']);
    expect(r.stdout).toMatch(
      /^\.github\/workflows\/ci\.yml:18 +error +unpinned-action +'actions\/setup-node@v4'/m,
    );
    expect(r.stdout).toMatch(/\n\n\.github\/workflows\/label\.yml:2 /);
    expect(r.stdout.trim().split('\n').pop()).toMatch(/^\d+ jobs checked: \d+ errors, 2 warnings$/);
  });

  it('github format caps annotations at 10 per severity and points at the full list', async () => {
    const r = await cli(['check', 'examples/demo-repo', '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(1);
    expect(lines.every((l) => /^::(error|warning|notice) title=/.test(l))).toBe(true);
  });

  it('a manifest-only change is judged: a warning alone still exits 0', async () => {
    const dir = copyOf('clean-repo');
    const p = join(dir, '.github/access-manifest.yml');
    writeFileSync(
      p,
      readFileSync(p, 'utf8').replace(
        'permissions: { contents: read }\n  release',
        'permissions: { contents: read }\n        secrets: [OLD_TOKEN]\n  release',
      ),
    );
    const r = await cli(['check', dir, '--format', 'json']);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.findings.map((f) => [f.rule, f.subject])).toEqual([['unused-grant', 'OLD_TOKEN']]);
    expect(r.code).toBe(0);
  });
});

describe('stepwarden check exit codes', () => {
  it('2 for a bad manifest, with the loader problems on stderr and no report written', async () => {
    const dir = copyOf('clean-repo');
    writeFileSync(join(dir, '.github/access-manifest.yml'), 'version: 2\nworkflows: []\n');
    const out = join(dir, 'r.json');
    const r = await cli(['check', dir, '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot judge/);
    expect(r.stderr).toMatch(/access-manifest\.yml:1: /);
    expect(r.stderr).toMatch(/access-manifest\.yml:2: workflows must be /);
    expect(r.stdout).toBe('');
    expect(() => readFileSync(out)).toThrow();
  });

  it('2 with a pointer to `stepwarden init` when there is no manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-empty-'));
    const r = await cli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no access manifest.*stepwarden init/s);
  });

  it('2 for a bad org policy, and for an org policy that does not exist', async () => {
    const dir = copyOf('clean-repo');
    writeFileSync(join(dir, 'org.yml'), 'version: 1\nmax-permissions: { contents: admin }\n');
    const bad = await cli(['check', dir, '--org-policy', join(dir, 'org.yml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/org\.yml:2/);
    const missing = await cli(['check', dir, '--org-policy', join(dir, 'nope.yml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yml.*organization policy/);
  });

  it('2 for bad arguments, with a hint', async () => {
    for (const args of [['--format', 'xml'], ['--nope'], ['a', 'b'], ['--manifest'], ['no/such/dir']]) {
      const r = await cli(['check', ...args]);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).not.toBe('');
    }
  });

  it('--help documents every option and the exit codes', async () => {
    const r = await cli(['check', '--help']);
    expect(r.code).toBe(0);
    for (const s of [
      '--manifest',
      '--org-policy',
      '--format',
      '--output',
      'text | json | sarif | github | markdown',
      'Exit codes',
      'stepwarden init',
    ])
      expect(r.stdout).toContain(s);
  });

  it('--manifest reads a manifest elsewhere; findings still name repository-relative workflow paths', async () => {
    const dir = copyOf('demo-repo');
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'sw-m-')), 'm.yml');
    cpSync(join(dir, '.github/access-manifest.yml'), elsewhere);
    unlinkSync(join(dir, '.github/access-manifest.yml'));
    const r = await cli(['check', dir, '--manifest', elsewhere, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.findings.some((f) => f.file === '.github/workflows/ci.yml')).toBe(true);
  });
});

describe('untrusted checkouts (pull_request_target): files are data, links are not followed', () => {
  it('a workflow that is a symbolic link is reported, and its target is never read into output', async () => {
    const dir = copyOf('clean-repo');
    const secret = join(mkdtempSync(join(tmpdir(), 'sw-secret-')), 'credentials');
    writeFileSync(secret, 'token: [ghs_SECRET_VALUE_never_print\n');
    symlinkSync(secret, join(dir, '.github/workflows/evil.yml'));
    const models = await readWorkflowsSafely(dir);
    expect(models.find((m) => m.file === 'evil.yml')?.error?.message).toMatch(/symbolic link/);
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown']) {
      const r = await cli(['check', dir, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toContain('ghs_SECRET_VALUE');
    }
    const json = JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout) as Json;
    expect(json.findings.map((f) => [f.rule, f.file])).toEqual([
      ['invalid-workflow', '.github/workflows/evil.yml'],
    ]);
  });

  it('a linked .github/workflows directory or manifest is refused', async () => {
    const dir = copyOf('clean-repo');
    const other = copyOf('demo-repo');
    const linked = mkdtempSync(join(tmpdir(), 'sw-link-'));
    mkdirSync(join(linked, '.github'));
    symlinkSync(join(other, '.github/workflows'), join(linked, '.github/workflows'));
    cpSync(join(dir, '.github/access-manifest.yml'), join(linked, '.github/access-manifest.yml'));
    const r = JSON.parse((await cli(['check', linked, '--format', 'json'])).stdout) as Json;
    // Nothing of the linked (demo) workflows is judged; the manifest's entries are then unused.
    expect(r.findings.filter((f) => f.rule !== 'unused-grant').map((f) => [f.rule, f.file])).toEqual([
      ['invalid-workflow', '.github/workflows'],
    ]);

    unlinkSync(join(dir, '.github/access-manifest.yml'));
    symlinkSync(join(other, '.github/access-manifest.yml'), join(dir, '.github/access-manifest.yml'));
    const m = await cli(['check', dir]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/symbolic link/);
  });
});
