/**
 * Session 35 (w-rfaces): `stepwarden init` on a repository whose workflow file names are YAML-special
 * or name Object.prototype's keys (`__proto__.yml`, `null.yml`, `yes.yml`, `- x.yml`, `[a].yml`, `? q.yml`,
 * quotes, backticks) and whose job ids are `constructor`, `toString` and `"yes"`. The manifest it writes,
 * read back by `check`, must hold every file and job as written (none dropped into a prototype, none
 * read as a boolean or a list) and pass, the write job included. Held at c3326db; kept as a test.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sw-s35-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = [
  '__proto__.yml',
  'constructor.yml',
  'null.yml',
  'yes.yml',
  '- x.yml',
  '[a].yml',
  '{b}.yml',
  '? q.yml',
  '%t.yml',
  '@at.yml',
  '`tick.yml',
  "'q'.yml",
  '"dq".yml',
  'toString.yml',
  'hasOwnProperty.yml',
];
const WORKFLOW =
  'on: push\npermissions: { contents: read }\njobs:\n  constructor:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  toString:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  "yes":\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - run: make\n';

describe('init on hostile names, read back by check (s35)', () => {
  it('holds every file and job as written and passes', async () => {
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    for (const f of FILES) writeFileSync(join(dir, '.github/workflows', f), WORKFLOW);
    const init = await cli(['init', dir, '--repository-id', '1', '--owner-id', '2']);
    expect(init.code).toBe(0);
    const manifest = parse(readFileSync(join(dir, '.github/access-manifest.yml'), 'utf8')) as {
      workflows: Record<string, { jobs: Record<string, { permissions: Record<string, string> }> }>;
    };
    expect(Object.keys(manifest.workflows).sort()).toEqual([...FILES].sort());
    for (const f of FILES) {
      expect(Object.hasOwn(manifest.workflows, f)).toBe(true);
      const jobs = manifest.workflows[f]!.jobs;
      expect(Object.keys(jobs).sort()).toEqual(['constructor', 'toString', 'yes']);
      expect(jobs.yes!.permissions).toEqual({ contents: 'write' });
    }
    const check = await cli(['check', dir, '--format', 'json']);
    const out = JSON.parse(check.stdout) as {
      jobs: { workflow: string; job: string }[];
      findings: { severity: string; rule: string }[];
    };
    expect(out.jobs).toHaveLength(FILES.length * 3);
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The one warning is the write jobs' self-escalation, as on any repository.
    expect([...new Set(out.findings.map((f) => f.rule))]).toEqual(['self-escalating-grant']);
    expect(check.code).toBe(0);
  });
});
