/**
 * Session 7, through the real entry point (`stepwarden check`): workflows whose reading differed
 * between stepwarden and GitHub's own parser (`@actions/workflow-parser`, YAML by the `yaml` package).
 * Each case is checked against GitHub's parser here too, so the test states what GitHub does: where
 * GitHub refuses the file, the check reports it `invalid-workflow` at the line (exit 1, never a silent
 * pass on a reading GitHub does not share); where GitHub reads it, the check judges what GitHub reads.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow as githubParse } from '@actions/workflow-parser';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { githubConvertErrors } from '../support/github-convert.js';

const work = mkdtempSync(join(tmpdir(), 'sw-hostile-s7-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Job `a` of ci.yml may read contents; actions must be pinned and under `actions/*`. */
const READ_ONLY = `version: 1
policy:
  require-pinned-actions: true
  allowed-actions: ["actions/*"]
workflows:
  ci.yml:
    jobs:
      a:
        permissions: { contents: read }
`;

let n = 0;
function repo(text: string, manifest: string): string {
  const dir = join(work, `r${n++}`);
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/access-manifest.yml'), manifest);
  writeFileSync(join(dir, '.github/workflows/ci.yml'), text);
  return dir;
}

interface Finding {
  rule: string;
  line: number;
  message: string;
}

async function check(text: string, manifest = READ_ONLY) {
  const r = await cli(['check', repo(text, manifest), '--format', 'json']);
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
  expect([0, 1]).toContain(r.code);
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}

const githubErrors = (text: string) =>
  githubParse({ name: 'ci.yml', content: text }, new NoOperationTraceWriter())
    .context.errors.getErrors()
    .map((e) => e.message);

const READ_JOB = '    runs-on: ubuntu-latest\n    permissions: { contents: read }\n';

describe('check: files GitHub refuses are reported, not read another way (session 7)', () => {
  it.each([
    [
      '`Permissions:` (keys are case-sensitive: GitHub refuses it, a reader of `permissions` skips it)',
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    Permissions: write-all\n    steps:\n      - run: echo\n`,
      5,
    ],
    [
      'a step `USES:` an unpinned action',
      `on: push\njobs:\n  a:\n${READ_JOB}    steps:\n      - USES: evil/exfiltrate@main\n`,
      7,
    ],
    [
      'two jobs equal up to case (`a` and `A`: YAML reads two jobs, GitHub "already defined")',
      `on: push\njobs:\n  a:\n${READ_JOB}    steps:\n      - run: echo\n  A:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - uses: evil/exfiltrate@main\n`,
      8,
    ],
    [
      'an `env` with `TOKEN` and `token`',
      `on: push\njobs:\n  a:\n${READ_JOB}    env:\n      TOKEN: x\n      token: y\n    steps:\n      - run: echo\n`,
      8,
    ],
    [
      'an event in another case (`Pull_Request_Target`)',
      `on:\n  Pull_Request_Target:\njobs:\n  a:\n${READ_JOB}    steps:\n      - run: echo\n`,
      2,
    ],
    [
      'an environment mapping without `name:`',
      `on: push\njobs:\n  a:\n${READ_JOB}    environment:\n      url: https://example.com\n    steps:\n      - run: echo\n`,
      6,
    ],
    [
      'a `%YAML 1.1` document (GitHub’s reader reads `on:` as the boolean true)',
      `%YAML 1.1\n---\non: push\njobs:\n  a:\n${READ_JOB}    steps:\n      - run: echo\n`,
      3,
    ],
    [
      'a mapping as a key',
      `on: push\njobs:\n  ? {a: 1}\n  : runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`,
      3,
    ],
    [
      '`secrets: Inherit` on a reusable-workflow call (a reader of `inherit` takes it for no secrets)',
      `on: push\njobs:\n  a:\n    uses: ./.github/workflows/lib.yml\n    secrets: Inherit\n`,
      5,
    ],
    [
      'an alias as a key (`*p : write-all`: YAML resolves it, GitHub’s reader has no name for it)',
      `env: {X: &p permissions}\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    *p : write-all\n    steps:\n      - run: echo\n`,
      6,
    ],
    [
      'a quoted scalar going on left of its key (js-yaml reads on, GitHub refuses)',
      `on: push\njobs:\n  a:\n${READ_JOB}    steps:\n      - run: "echo\n  hi"\n`,
      7,
    ],
  ])('%s: invalid-workflow at its line', async (_what, text, line) => {
    expect(githubErrors(text).length).toBeGreaterThan(0);
    const { code, findings } = await check(text);
    expect(code).toBe(1);
    expect(findings.filter((f) => f.rule === 'invalid-workflow').map((f) => f.line)).toEqual([line]);
  });
});

describe('check: what GitHub reads is what the check judges (session 7)', () => {
  it('a job id `1_000` is read as written, and GitHub refuses it: invalid-workflow, and no manifest grants it', async () => {
    // js-yaml once read the job `1000`, which a manifest could grant. GitHub's reader keeps `1_000`
    // and its converter refuses it as a job id (a digit first; IdBuilder.tryAddKnownId, session 25),
    // so the file never runs: the check says so at the key's line, and a manifest granting `1000` or
    // `1_000` does not load at all (neither is a job id).
    const text = `on: push\njobs:\n  1_000:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - run: echo\n`;
    expect(githubErrors(text)).toEqual([]);
    expect((await githubConvertErrors(text)).join('\n')).toContain("The identifier '1_000' is invalid");
    const { code, findings } = await check(text);
    expect(code).toBe(1);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['invalid-workflow', 3]]);
    expect(findings[0]!.message).toContain("the job id '1_000' is invalid");
    for (const key of ['"1000"', '"1_000"']) {
      const grants = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      ${key}:\n        permissions: { contents: write }\n`;
      const r = await cli(['check', repo(text, grants), '--format', 'json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not a job id GitHub allows');
    }
  });

  it('a quoted value with spaces before a folded line break reads as GitHub reads it', async () => {
    // js-yaml keeps the spaces ("production   x"), GitHub's reader folds them away ("production x").
    const text = `on: push\njobs:\n  a:\n${READ_JOB}    environment: 'production  \n      x'\n    steps:\n      - run: echo\n`;
    expect(githubErrors(text)).toEqual([]);
    const manifest = `${READ_ONLY}        environments: ["production x"]\n`;
    const { findings } = await check(text, manifest);
    expect(findings.filter((f) => f.rule === 'undeclared-environment')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'invalid-workflow')).toEqual([]);
  });
});
