/**
 * Hostile workflow files through the real entry point (`stepwarden check`, the CLI's `main()`): YAML
 * that GitHub reads one way and a naive reader another. The property every case holds: the check never
 * exits 0 when GitHub would run a job with more access than the manifest declares, and never crashes
 * (a stack trace, or an exit code other than 0, 1 and 2).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'sw-hostile-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A manifest that grants job `a` of ci.yml `contents: read` and nothing else. */
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
function repo(files: Record<string, string | Buffer>, manifest = READ_ONLY): string {
  const dir = join(work, `r${n++}`);
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/access-manifest.yml'), manifest);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, '.github/workflows', name), text);
  return dir;
}

async function check(files: Record<string, string | Buffer>, manifest?: string) {
  const r = await cli(['check', repo(files, manifest), '--format', 'json']);
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
  expect([0, 1, 2]).toContain(r.code);
  const json = r.code === 2 ? undefined : (JSON.parse(r.stdout) as { findings: { rule: string }[] });
  return { ...r, rules: json ? [...new Set(json.findings.map((f) => f.rule))].sort() : [] };
}

const job = (body: string) =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n${body}    steps:\n      - run: echo\n`;

describe('check: permissions GitHub reads that a naive reader misses', () => {
  it.each([
    ['flow mapping', '    permissions: {contents: write}\n'],
    ['double-quoted key', '    "permissions": write-all\n'],
    ['single-quoted key', "    'permissions': write-all\n"],
    ['space before the colon', '    permissions : write-all\n'],
    ['explicit key', '    ? permissions\n    : write-all\n'],
    ['!!str tag on the value', '    permissions: !!str write-all\n'],
    ['!!map tag on a flow mapping', '    permissions: !!map {contents: write}\n'],
    ['a tab after the colon', '    permissions:\t{ contents: write }\n'],
    ['an alias of an anchored scalar', '    env: { X: &w write-all }\n    permissions: *w\n'],
    ['quoted write-all', '    permissions: "write-all"\n'],
  ])('%s: excess-permission, exit 1', async (_, body) => {
    const r = await check({ 'ci.yml': job(body) });
    expect(r.code).toBe(1);
    expect(r.rules).toContain('excess-permission');
  });

  it("`'on':` quoted and a CR LF file with a byte-order mark are read as GitHub reads them", async () => {
    const text = `\ufeff'on': push\r\njobs:\r\n  a:\r\n    runs-on: x\r\n    permissions: write-all\r\n    steps: [{run: x}]\r\n`;
    const r = await check({ 'ci.yml': text });
    expect(r.code).toBe(1);
    expect(r.rules).toContain('excess-permission');
  });

  it.each([
    [
      'duplicate keys (GitHub refuses them)',
      '    permissions: {contents: read}\n    permissions: write-all\n',
    ],
    ['a merge key supplying permissions', '    <<: {permissions: write-all}\n'],
    ['a custom tag', '    permissions: !custom write-all\n'],
  ])('%s: invalid-workflow, never a pass', async (_, body) => {
    const r = await check({ 'ci.yml': job(body) });
    expect(r.code).toBe(1);
    expect(r.rules).toEqual(['invalid-workflow']);
  });

  it('a second document, a NUL byte, UTF-16 and deep nesting are invalid-workflow, never a crash', async () => {
    const cases = {
      'two-docs.yml': `${job('    permissions: {contents: read}\n')}---\non: push\njobs:\n  a:\n    permissions: write-all\n`,
      'nul.yml': `${job('    permissions: {contents: read}\n')}\0`,
      'utf16.yml': Buffer.from(`\ufeff${job('    permissions: write-all\n')}`, 'utf16le'),
      'deep.yml': job(
        `    permissions: {contents: read}\n    env: { x: ${'['.repeat(50_000)}${']'.repeat(50_000)} }\n`,
      ),
    };
    const r = await cli(['check', repo(cases), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] })
      .findings;
    expect(findings.filter((f) => f.rule === 'invalid-workflow').map((f) => f.file)).toEqual(
      Object.keys(cases)
        .sort()
        .map((f) => `.github/workflows/${f}`),
    );
    for (const f of findings) expect(f.line).toBeGreaterThanOrEqual(1);
  });

  it('a file over 4 MiB is invalid-workflow (not read), one just under it is read', async () => {
    const big = `${job('    permissions: write-all\n')}# ${'x'.repeat(4 * 1024 * 1024)}\n`;
    expect((await check({ 'ci.yml': big })).rules).toEqual(['invalid-workflow']);
    const under = `${job('    permissions: write-all\n')}# ${'x'.repeat(4 * 1024 * 1024 - 200)}\n`;
    expect((await check({ 'ci.yml': under })).rules).toContain('excess-permission');
  });

  it('bytes that are not UTF-8 in a job id do not hide the job', async () => {
    // Since session 25 such a job id (U+FFFD once decoded) is one GitHub refuses: the whole file is
    // invalid-workflow, an error, so the write-all job still fails the check instead of vanishing.
    const text = Buffer.concat([
      Buffer.from(
        'on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    steps: [{run: x}]\n  b',
      ),
      Buffer.from([0xff]),
      Buffer.from(':\n    runs-on: x\n    permissions: write-all\n    steps: [{run: x}]\n'),
    ]);
    const r = await check({ 'ci.yml': text });
    expect(r.code).toBe(1);
    expect(r.rules).toContain('invalid-workflow');
  });
});

describe('check: line breaks GitHub sees and YAML 1.2 does not (weakness fixed in session 5)', () => {
  // GitHub's workflow reader is YamlDotNet, whose IsBreak includes NEL, LS and PS; js-yaml and
  // @actions/workflow-parser (YAML 1.2) read them as ordinary characters, here inside a comment.
  it.each([
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['U+0085', '\u0085'],
  ])(
    '%s ending a comment before `permissions: write-all` is invalid-workflow at its line',
    async (name, c) => {
      const text = `on: push\njobs:\n  a:\n    runs-on: x\n    # note${c}    permissions: write-all\n    steps: [{run: x}]\n`;
      const r = await cli(['check', repo({ 'ci.yml': text })]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        new RegExp(
          `ci\\.yml:5 +error +invalid-workflow .*line 5 holds ${name.replace('+', '\\+')}.*YamlDotNet`,
        ),
      );
      expect(r.stdout).toMatch(/double-quoted string/); // the fix
    },
  );
});

describe('check: steps GitHub runs that a reader of `steps:` alone misses (weakness fixed in session 5)', () => {
  // GitHub's workflow schema (@actions/workflow-parser, `parallel-step`) accepts a step whose
  // `parallel:` lists further steps; each runs.
  const parallel = (inner: string) =>
    `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    steps:\n      - parallel:\n${inner}`;

  it('an unpinned, disallowed action inside `parallel:` is reported at its line', async () => {
    const r = await cli([
      'check',
      repo({ 'ci.yml': parallel('          - uses: evil/exfiltrate@main\n          - run: echo\n') }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ci\.yml:8 +error +disallowed-action +'evil\/exfiltrate@main'/);
    expect(r.stdout).toMatch(/ci\.yml:8 +error +unpinned-action +'evil\/exfiltrate@main'/);
  });

  it('a gate inside a parallel group is not the first step (it runs beside the others)', async () => {
    const manifest = READ_ONLY.replace('policy:\n', 'policy:\n  require-enforce: true\n').replace(
      'contents: read',
      'contents: write',
    );
    const enforce = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';
    const text = parallel(`          - uses: ${enforce}\n          - run: echo\n`).replace('read', 'write');
    const r = await check(
      { 'ci.yml': text },
      manifest.replace('["actions/*"]', '["actions/*", "stepwarden/*"]'),
    );
    expect(r.rules).toContain('missing-enforce');
  });
});

describe("check: other spellings of this repository's actions and workflows (weakness fixed in session 5)", () => {
  const SHA = '0123456789abcdef0123456789abcdef01234567';
  const runStep = (uses: string) =>
    `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read, id-token: write}\n    steps:\n      - id: p\n        uses: ${uses}\n        with: {broker-url: https://b, audience: github, scope: 'contents:write', run: x}\n`;
  const manifest = READ_ONLY.replace('{ contents: read }', '{ contents: read, id-token: write }').replace(
    '["actions/*"]',
    '["actions/*", "stepwarden/*"]',
  );

  it.each([
    './actions/run',
    '$/actions/run',
    './actions/../actions/run',
    './actions//run',
    '.\\actions\\run',
    `stepwarden/stepwarden/actions/./run@${SHA}`,
    `stepwarden/stepwarden/actions//run@${SHA}`,
    `StepWarden/StepWarden/Actions/Run@${SHA}`,
  ])('%s is a credential step the broker will refuse (no grant)', async (uses) => {
    const r = await check({ 'ci.yml': runStep(uses) }, manifest);
    expect(r.rules).toContain('credential-step');
  });

  it('`$/` (self-repository reference) is local: pinned by the running commit, outside allowed-actions', async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    steps:\n      - uses: $/.github/actions/build\n`;
    const r = await check({ 'ci.yml': text });
    expect(r.code).toBe(0);
  });

  // Under `repository-default: restricted`, a callee judged alone gets contents: read, packages: read,
  // while it really runs on its caller's token (here contents: write).
  it.each(['$/.github/workflows/lib.yml', './.github/workflows/../workflows/lib.yml'])(
    'a reusable workflow called as %s runs on its caller’s token, and is judged so',
    async (uses) => {
      const callee = 'on: workflow_call\njobs:\n  x:\n    runs-on: x\n    steps:\n      - run: git push\n';
      const caller = `on: push\njobs:\n  a:\n    permissions: {contents: write}\n    uses: ${uses}\n`;
      const m = `version: 1
policy: { repository-default-permissions: restricted }
workflows:
  ci.yml:
    jobs:
      a:
        permissions: { contents: write }
  lib.yml:
    jobs:
      x:
        permissions: { contents: read, packages: read }
`;
      const r = await cli(['check', repo({ 'ci.yml': caller, 'lib.yml': callee }, m), '--format', 'json']);
      expect(r.stderr).toBe('');
      const findings = (
        JSON.parse(r.stdout) as { findings: { rule: string; workflow: string; message: string }[] }
      ).findings;
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            rule: 'excess-permission',
            workflow: 'lib.yml',
            message: expect.stringMatching(
              /contents: write.*called from ci\.yml job 'a'|called from ci\.yml job 'a'.*contents: write/,
            ),
          }),
        ]),
      );
      expect(r.code).toBe(1);
    },
  );
});

describe('check: alias bombs (weakness fixed in session 5)', () => {
  it('a wide alias expansion before a secret does not hide the secret', async () => {
    // 60 x 60 x 60 = 216,000 nodes once expanded; the secret comes after it in the job.
    const rows = [
      `x0: &x0 [${Array(60).fill('a').join(',')}]`,
      `x1: &x1 [${Array(60).fill('*x0').join(',')}]`,
      `x2: &x2 [${Array(60).fill('*x1').join(',')}]`,
    ];
    // Under a matrix, where GitHub takes lists of lists (under `env:` it refuses them: session 41).
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    strategy:\n      matrix:\n${rows.map((r) => `        ${r}\n`).join('')}    steps:\n      - run: echo \${{ secrets.PROD_DEPLOY_KEY }}\n`;
    const r = await cli(['check', repo({ 'ci.yml': text })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ci\.yml:12 +error +undeclared-secret .*'PROD_DEPLOY_KEY'/);
  });

  // Session 15: past MAX_EXPANDED_NODES written out (9^10 here) the workflow is not read at all: an
  // error naming the limit (GitHub's runner stops at 1,000,000 template events too), still exit 1.
  it('a billion-laughs document is refused in bounded work, failing the check', async () => {
    const L = (i: number) => String.fromCharCode(97 + i);
    const rows = [
      `a: &a ["\${{ secrets.LOL }}", lol, lol, lol, lol, lol, lol, lol, lol]`,
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${L(i + 1)}: &${L(i + 1)} [${Array(9)
            .fill(`*${L(i)}`)
            .join(',')}]`,
      ),
    ];
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    env:\n${rows.map((r) => `      ${r}\n`).join('')}    steps: [{run: x}]\n`;
    const r = await cli(['check', repo({ 'ci.yml': text })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ci\.yml:\d+ +error +invalid-workflow .*more than 1,000,000 nodes/);
  });
});

describe("check: job ids that are names of Object.prototype's members (weakness fixed in session 5)", () => {
  // `constructor`, `toString`, … are valid job ids; `jobs[id]` on a manifest map found the prototype's
  // member, an "entry" without permissions: the check crashed (exit 2 with a TypeError message).
  // `__proto__` and `__defineGetter__` are ids GitHub reserves (`__` first): see the test below.
  const ids = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
  const jobsOf = (list: string[]) =>
    `on: push\njobs:\n${list.map((id) => `  ${id}:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: x}]\n`).join('')}`;
  const text = jobsOf(ids);

  it('each is judged against the manifest defaults: excess-permission, exit 1, no crash', async () => {
    const r = await cli(['check', repo({ 'ci.yml': text }), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; job: string }[] }).findings;
    expect(
      findings
        .filter((f) => f.rule === 'excess-permission')
        .map((f) => f.job)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('`__proto__` and `__defineGetter__` (reserved by GitHub) make the file invalid-workflow, no crash', async () => {
    for (const id of ['__proto__', '__defineGetter__']) {
      const r = await cli(['check', repo({ 'ci.yml': jobsOf(['a', id]) }), '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const findings = (
        JSON.parse(r.stdout) as { findings: { rule: string; line: number; message: string }[] }
      ).findings;
      expect(findings.map((f) => [f.rule, f.line])).toEqual([['invalid-workflow', 7]]);
      expect(findings[0]!.message).toContain("ids starting with '__' are reserved");
    }
  });

  it('a grant to such a job is that job’s grant, not the prototype’s', async () => {
    const granted = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      constructor:\n        permissions: { contents: write }\n`;
    const one =
      'on: push\njobs:\n  constructor:\n    runs-on: x\n    permissions: {contents: write}\n    steps: [{run: x}]\n';
    const r = await cli(['check', repo({ 'ci.yml': one }, granted)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('check: an anchor defined twice (weakness fixed in session 5)', () => {
  // YAML (js-yaml, @actions/workflow-parser) resolves `*p` to the `&p` before it: contents: read.
  // actions/runner's YamlAnchorParser collects every event first and resolves each alias to the last
  // `&p` of the file: write-all. Job b would run with write-all while a YAML 1.2 reader says read.
  it('is invalid-workflow at the second definition, naming both lines and the fix', async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: &p {contents: read}\n    steps: [{run: x}]\n  b:\n    runs-on: x\n    permissions: *p\n    steps: [{run: x}]\n  c:\n    runs-on: x\n    env: { W: &p write-all }\n    permissions: {contents: read}\n    steps: [{run: x}]\n`;
    const manifest = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n${['a', 'b', 'c'].map((j) => `      ${j}: { permissions: { contents: read } }\n`).join('')}`;
    const r = await cli(['check', repo({ 'ci.yml': text }, manifest)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /ci\.yml:13 +error +invalid-workflow .*the anchor &p is defined twice \(lines 5 and 13\).*give each anchor its own name/,
    );
  });

  it('distinct anchors and their aliases are read as before', async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: &p {contents: read}\n    steps: &s [{run: x}]\n  b:\n    runs-on: x\n    permissions: *p\n    steps: *s\n`;
    const manifest = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a: { permissions: { contents: read } }\n      b: { permissions: { contents: read } }\n`;
    const r = await check({ 'ci.yml': text }, manifest);
    expect(r.code).toBe(0);
  });
});

describe('check: actions a local composite action runs (weakness fixed in session 5)', () => {
  // `uses: ./.github/actions/setup` runs the steps of that composite action in the job, with its token
  // and secrets; an action used there is as much the job's as one written in the workflow.
  function withAction(files: Record<string, string>, actionFiles: Record<string, string>, manifest?: string) {
    const dir = repo(files, manifest);
    for (const [path, text] of Object.entries(actionFiles)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }
  const wfText = `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    steps:\n      - id: setup\n        uses: ./.github/actions/setup\n`;
  const composite = (uses: string) =>
    `name: setup\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n    - uses: ${uses}\n`;

  it('an unpinned, disallowed action inside it is reported at the workflow step, naming the action file', async () => {
    const dir = withAction(
      { 'ci.yml': wfText },
      { '.github/actions/setup/action.yml': composite('evil/x@main') },
    );
    const r = await cli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /ci\.yml:8 +error +unpinned-action +'evil\/x@main' is not pinned .*\(a step of the local composite action \.github\/actions\/setup\/action\.yml:7\)/,
    );
    expect(r.stdout).toMatch(/ci\.yml:8 +error +disallowed-action +'evil\/x@main' \(a step of/);
  });

  it('nested local composites are followed; a cycle ends', async () => {
    const dir = withAction(
      { 'ci.yml': wfText },
      {
        '.github/actions/setup/action.yaml': composite('./.github/actions/inner'),
        '.github/actions/inner/action.yml': `runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/setup\n    - uses: evil/deep@v1\n`,
      },
    );
    const r = await cli(['check', dir]);
    expect(r.stdout).toMatch(/'evil\/deep@v1' is not pinned .*inner\/action\.yml:5\)/);
  });

  it('a pinned, allowed action inside it passes; a linked action is not read, which fails the check', async () => {
    const pinned = 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020';
    const ok = withAction({ 'ci.yml': wfText }, { '.github/actions/setup/action.yml': composite(pinned) });
    expect((await cli(['check', ok])).code).toBe(0);
    const linked = withAction({ 'ci.yml': wfText }, { 'elsewhere/action.yml': composite('evil/x@main') });
    mkdirSync(join(linked, '.github/actions'), { recursive: true });
    symlinkSync('../../elsewhere', join(linked, '.github/actions/setup'));
    // GitHub runs what the link points to (here `evil/x@main`); not read, it cannot pass (session 17:
    // unreadable-local-action, an error, where it was a warning before).
    const r = await cli(['check', linked]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ci\.yml:8 +error +unreadable-local-action .*is a symbolic link/);
  });
});

describe('init reads local composite actions as the check does', () => {
  it('an unpinned action inside one: init does not require pinning, and the check passes at once', async () => {
    const dir = repo(
      {
        'ci.yml': `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - uses: ./.github/actions/setup\n`,
      },
      'version: 1\n',
    );
    mkdirSync(join(dir, '.github/actions/setup'), { recursive: true });
    writeFileSync(
      join(dir, '.github/actions/setup/action.yml'),
      'runs:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n',
    );
    rmSync(join(dir, '.github/access-manifest.yml'));
    expect((await cli(['init', dir])).code).toBe(0);
    const r = await cli(['check', dir]);
    expect(r.stdout).toMatch(/0 errors/);
    expect(r.code).toBe(0);
  });
});
