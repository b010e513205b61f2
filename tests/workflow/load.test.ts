import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compact } from '../../shared/permissions/scopes.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { loadWorkflowsFromDir, parseWorkflows } from '../../shared/workflow/load.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/workflows/${name}`, import.meta.url));

describe('loadWorkflowsFromDir', () => {
  const temp: string[] = [];
  afterAll(async () => {
    for (const dir of temp) await rm(dir, { recursive: true, force: true });
  });

  it('reads .yml and .yaml files, sorted, and nothing else', async () => {
    const models = await loadWorkflowsFromDir(fixture('reusable'));
    expect(models.map((m) => m.path)).toEqual([
      '.github/workflows/build.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/nightly.yaml',
    ]);
    expect(models.map((m) => m.file)).toEqual(['build.yml', 'ci.yml', 'nightly.yaml']);
    expect(models.every((m) => !m.error)).toBe(true);
  });

  it('resolves the fixture repository end to end', async () => {
    const jobs = resolveAccess(await loadWorkflowsFromDir(fixture('reusable')), 'restricted');
    const label = (j: (typeof jobs)[number]) => `${j.workflow}:${j.job}${j.via ? ` via ${j.via.job}` : ''}`;
    expect(jobs.map(label).sort()).toEqual([
      'build.yml:compile via build',
      'build.yml:publish via build',
      'ci.yml:build',
      'ci.yml:test',
      'nightly.yaml:sweep',
    ]);
    const publish = jobs.find((j) => j.job === 'publish')!;
    // Its block asks for contents: write; the caller's token only has read.
    expect(compact(publish.permissions)).toEqual({ contents: 'read', packages: 'write' });
    expect(publish.secrets.map((s) => s.value)).toEqual(['REGISTRY_TOKEN']);
    expect(publish.environments).toEqual([{ value: 'registry', line: 16 }]);
    expect(publish.triggers.map((t) => t.value)).toEqual(['push', 'pull_request']);
    expect(compact(jobs.find((j) => j.job === 'compile')!.permissions)).toEqual({
      contents: 'read',
      'id-token': 'write',
      packages: 'write',
    });
    expect(compact(jobs.find((j) => j.job === 'sweep')!.permissions)).toEqual({
      contents: 'read',
      packages: 'read',
    });
  });

  it('keeps a broken file as an error model beside the good ones', async () => {
    const models = await loadWorkflowsFromDir(fixture('broken'));
    expect(models.map((m) => [m.file, m.error?.line])).toEqual([
      ['bad.yml', 5],
      ['good.yml', undefined],
    ]);
    expect(models[0]!.error!.message).toMatch(/YAML syntax error/);
  });

  it('turns an unreadable entry into an error model and a missing folder into no workflows', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'stepwarden-load-'));
    temp.push(repo);
    expect(await loadWorkflowsFromDir(repo)).toEqual([]);
    await mkdir(join(repo, '.github/workflows/dir.yml'), { recursive: true });
    await writeFile(
      join(repo, '.github/workflows/ok.yml'),
      'on: push\njobs: { a: { runs-on: x, steps: [] } }\n',
    );
    const models = await loadWorkflowsFromDir(repo);
    expect(models.map((m) => m.file)).toEqual(['dir.yml', 'ok.yml']);
    expect(models[0]!.error).toEqual({ message: expect.stringMatching(/^cannot read file/), line: 1 });
    expect(models[0]!.jobs).toEqual([]);
    expect(models[1]!.error).toBeUndefined();
  });
});

describe('parseWorkflows', () => {
  it('parses in-memory files in path order, named by their base name', () => {
    const models = parseWorkflows([
      { path: '.github/workflows/z.yml', text: 'on: push\njobs: { a: { runs-on: x, steps: [] } }\n' },
      { path: '.github/workflows/a.yaml', text: 'on: [\n' },
    ]);
    expect(models.map((m) => [m.file, m.path, !!m.error])).toEqual([
      ['a.yaml', '.github/workflows/a.yaml', true],
      ['z.yml', '.github/workflows/z.yml', false],
    ]);
  });
});
