/**
 * Session 35 (w-rfaces), left by session 34: a job calling a local reusable workflow GitHub cannot
 * call. GitHub refuses the caller's whole file before any job runs ("Invalid workflow file … error
 * parsing called workflow"), with "failed to fetch workflow: workflow was not found" for a missing
 * file and "workflow is not reusable as it is missing a `on.workflow_call` trigger" for a file without
 * that trigger (the wordings of runs quoted in e.g. pmem/run_qemu#179 and alandtse/CrashLoggerSSE#23).
 * At c3326db `stepwarden check` exited 0 with no finding on each: the check passed a workflow that
 * never runs. Now invalid-workflow names the caller's `uses:` line, the path and GitHub's reason. A
 * callee this reader refuses is that file's own finding, not the caller's; a callable one is nothing.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s35-callee-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CALLABLE =
  'on: workflow_call\npermissions: { contents: read }\njobs:\n  lib:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lib\n';
const PUSH_ONLY = 'on: push\njobs:\n  lib:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lib\n';
const caller = (uses: string) =>
  `on: push\npermissions: { contents: read }\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  call:\n    uses: ${uses}\n`;
const USES_LINE = 9;

let n = 0;
async function check(files: Record<string, string>) {
  const dir = join(work, `r${n++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(
    join(dir, '.github/access-manifest.yml'),
    'version: 1\nrepository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }\ndefaults: { permissions: { contents: read } }\nworkflows: {}\n',
  );
  const r = await cli(['check', dir, '--format', 'json']);
  const findings = (JSON.parse(r.stdout) as { findings: Record<string, unknown>[] }).findings.filter(
    (f) => f.rule === 'invalid-workflow',
  );
  return { code: r.code, findings };
}

const W = '.github/workflows';
const REFUSED: [string, Record<string, string>, RegExp][] = [
  [
    'a file that does not exist',
    { [`${W}/ci.yml`]: caller('./.github/workflows/gone.yml') },
    /workflow was not found/,
  ],
  [
    'a file in a subdirectory of .github/workflows',
    { [`${W}/ci.yml`]: caller('./.github/workflows/sub/lib.yml'), [`${W}/sub/lib.yml`]: CALLABLE },
    /no workflow file directly in \.github\/workflows/,
  ],
  [
    'a file named in another case than the repository holds',
    { [`${W}/ci.yml`]: caller('./.github/workflows/Lib.yml'), [`${W}/lib.yml`]: CALLABLE },
    /workflow was not found/,
  ],
  [
    'a file without on: workflow_call',
    { [`${W}/ci.yml`]: caller('./.github/workflows/lib.yml'), [`${W}/lib.yml`]: PUSH_ONLY },
    /missing a `on\.workflow_call` trigger/,
  ],
];

describe('a call GitHub refuses fails the check at the caller', () => {
  for (const [name, files, why] of REFUSED)
    it(name, async () => {
      const r = await check(files);
      expect(r.code).toBe(1);
      expect(r.findings).toHaveLength(1);
      const f = r.findings[0]!;
      expect(f).toMatchObject({ severity: 'error', file: `${W}/ci.yml`, line: USES_LINE, job: 'call' });
      expect(String(f.message)).toMatch(why);
      expect(String(f.message)).toContain(String(files[`${W}/ci.yml`]!.match(/uses: (\S+)/)![1]));
    });

  it('a callable file, with workflow_call among other triggers, is no finding', async () => {
    const r = await check({
      [`${W}/ci.yml`]: caller('./.github/workflows/lib.yml'),
      [`${W}/lib.yml`]: CALLABLE.replace('on: workflow_call', 'on: [push, workflow_call]'),
    });
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('a callee this reader refuses is its own finding, not a second one at the caller', async () => {
    const r = await check({
      [`${W}/ci.yml`]: caller('./.github/workflows/lib.yml'),
      [`${W}/lib.yml`]: 'on: [\n',
    });
    expect(r.code).toBe(1);
    expect(r.findings.map((f) => f.file)).toEqual([`${W}/lib.yml`]);
  });

  it('a remote call, or a full reference to another ref, is left to GitHub', async () => {
    const r = await check({
      [`${W}/ci.yml`]: caller(
        'octo-org/octo-repo/.github/workflows/gone.yml@0123456789abcdef0123456789abcdef01234567',
      ),
    });
    expect(r.findings).toEqual([]);
  });
});
