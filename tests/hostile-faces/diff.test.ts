/**
 * `stepwarden diff` over git refs, with a pull request head crafted to make a widening look like
 * "No access changes" or "narrowed". Cases the existing suites already hold (a plain rename, a
 * symbolic link, a file over 1 MiB, an invalid head manifest) are not repeated here.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Change } from '../../shared/diff/diff.js';
import { cli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'sw-hostile-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SHA = '0123456789abcdef0123456789abcdef01234567';
const CI = `on: push\njobs:\n  build:\n    runs-on: x\n    permissions: { contents: read }\n    steps:\n      - uses: actions/checkout@${SHA}\n      - run: make\n`;
const MANIFEST =
  'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      build:\n        permissions: { contents: read }\n';

let n = 0;
/** A repository whose first commit is `base` and second is `base` changed by `head`; the diff of the two. */
async function diff(head: (write: (path: string, text: string) => void, dir: string) => void, base = {}) {
  const dir = join(work, `r${n++}`);
  mkdirSync(dir);
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
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  git('init', '-q');
  for (const [p, t] of Object.entries({
    '.github/workflows/ci.yml': CI,
    '.github/access-manifest.yml': MANIFEST,
    ...base,
  }))
    write(p, t as string);
  git('add', '-A');
  git('commit', '-qm', 'base');
  head(write, dir);
  git('add', '-A');
  git('commit', '-qm', 'head', '--allow-empty');
  const json = await cli(['diff', 'HEAD~1', 'HEAD', '--repo', dir, '--format', 'json']);
  const md = await cli(['diff', 'HEAD~1', 'HEAD', '--repo', dir, '--fail-on', 'widened']);
  expect(json.stderr).not.toMatch(/\n\s+at |TypeError/);
  const changes = (JSON.parse(json.stdout) as { changes: Change[] }).changes;
  return {
    changes,
    md,
    rows: changes.map((c) => `${c.effect} ${c.kind} ${c.workflow}#${c.job ?? ''} ${c.subject}`),
  };
}

describe('diff: a widening hidden in a form a reader of `steps:` alone misses (fixed in session 5)', () => {
  it('an unpinned action added inside a `parallel:` group is a widened action', async () => {
    const r = await diff((w) =>
      w(
        '.github/workflows/ci.yml',
        CI.replace(
          '      - run: make\n',
          '      - parallel:\n          - uses: evil/exfiltrate@main\n          - run: make\n',
        ),
      ),
    );
    expect(r.rows).toContain('widened action ci.yml#build evil/exfiltrate@main');
    expect(r.md.code).toBe(1);
    expect(r.md.stdout).not.toMatch(/No access changes/);
  });

  it('a comment ended by U+2028 that hides `permissions: write-all` from YAML 1.2 is cannot-judge', async () => {
    const r = await diff((w) =>
      w(
        '.github/workflows/ci.yml',
        CI.replace('    runs-on: x\n', '    runs-on: x # ok\u2028    permissions: write-all\n'),
      ),
    );
    expect(r.changes.map((c) => c.effect)).toContain('cannot-judge');
    expect(r.md.code).toBe(1);
  });
});

describe('diff: a base file that never parsed (fixed in session 5)', () => {
  it('removed by the head: no crash, and nothing reported widened', async () => {
    const r = await diff((_, dir) => unlinkSync(join(dir, '.github/workflows/broken.yml')), {
      '.github/workflows/broken.yml': 'on: push\njobs:\n  a: [\n',
    });
    expect(r.md.stderr).toBe('');
    expect(r.md.code).toBe(0);
    expect(r.changes.filter((c) => c.effect !== 'narrowed')).toEqual([]);
  });
});

describe('diff: an action added inside a local composite action (fixed in session 5)', () => {
  const step = '      - uses: ./.github/actions/setup\n';
  const composite = (uses: string) => `runs:\n  using: composite\n  steps:\n    - uses: ${uses}\n`;

  it('over git refs: the job gains the action, widened, though no workflow changed', async () => {
    const r = await diff((w) => w('.github/actions/setup/action.yml', composite('evil/exfiltrate@main')), {
      '.github/workflows/ci.yml': CI.replace('      - run: make\n', step),
      '.github/actions/setup/action.yml': composite(`actions/setup-node@${SHA}`),
    });
    expect(r.rows).toContain('widened action ci.yml#build evil/exfiltrate@main');
    expect(r.md.code).toBe(1);
  });

  it('over directories too, and a linked action directory is not read', async () => {
    const root = join(work, `cdirs${n++}`);
    for (const side of ['base', 'head']) {
      mkdirSync(join(root, side, '.github/workflows'), { recursive: true });
      writeFileSync(join(root, side, '.github/workflows/ci.yml'), CI.replace('      - run: make\n', step));
      writeFileSync(join(root, side, '.github/access-manifest.yml'), MANIFEST);
    }
    mkdirSync(join(root, 'head/.github/actions/setup'), { recursive: true });
    writeFileSync(join(root, 'head/.github/actions/setup/action.yml'), composite('evil/exfiltrate@main'));
    const r = await cli(['diff', join(root, 'base'), join(root, 'head'), '--format', 'json']);
    const rows = (JSON.parse(r.stdout) as { changes: Change[] }).changes.map(
      (c) => `${c.effect} ${c.kind} ${c.subject}`,
    );
    expect(rows).toContain('widened action evil/exfiltrate@main');
    mkdirSync(join(root, 'elsewhere'), { recursive: true });
    writeFileSync(join(root, 'elsewhere/action.yml'), composite('evil/linked@main'));
    mkdirSync(join(root, 'base/.github/actions'), { recursive: true });
    symlinkSync(join(root, 'elsewhere'), join(root, 'base/.github/actions/setup'));
    const back = await cli(['diff', join(root, 'head'), join(root, 'base'), '--format', 'json']);
    expect(back.stdout).not.toContain('evil/linked');
  });
});

describe('diff: moves, renames and name tricks are not "no changes"', () => {
  it('a job moved to another (new) file with more access is widened there', async () => {
    const r = await diff((w) => {
      w(
        '.github/workflows/ci.yml',
        'on: push\njobs:\n  lint:\n    runs-on: x\n    permissions: {}\n    steps: [{run: x}]\n',
      );
      w('.github/workflows/build.yml', CI.replace('{ contents: read }', 'write-all'));
    });
    expect(r.rows).toEqual(
      expect.arrayContaining([expect.stringMatching(/^widened job build\.yml#build build$/)]),
    );
    expect(r.md.code).toBe(1);
  });

  it('a rename that only changes case, and a rename to .yaml, still show the widening', async () => {
    for (const to of ['CI.yml', 'ci.yaml']) {
      const r = await diff((w, dir) => {
        unlinkSync(join(dir, '.github/workflows/ci.yml'));
        w(`.github/workflows/${to}`, CI.replace('{ contents: read }', '{ contents: write }'));
      });
      expect(r.rows).toContain(`widened permission ${to}#build contents`);
      expect(r.md.code).toBe(1);
    }
  });

  it('a grant split between a job and its reusable workflow called as `$/` is judged through the call', async () => {
    const lib = 'on: workflow_call\njobs:\n  x:\n    runs-on: x\n    steps:\n      - run: git push\n';
    const r = await diff(
      (w) =>
        w(
          '.github/workflows/ci.yml',
          `on: push\njobs:\n  build:\n    permissions: { contents: write }\n    uses: $/.github/workflows/lib.yml\n    secrets: inherit\n`,
        ),
      { '.github/workflows/lib.yml': lib },
    );
    // The callee's job is judged through its caller (`via`), not alone as a workflow nobody calls.
    expect(r.rows).toEqual(
      expect.arrayContaining([expect.stringMatching(/^widened job lib\.yml#x via ci\.yml\/build /)]),
    );
    expect(r.md.code).toBe(1);
  });

  it('a manifest made a symbolic link in the head is cannot-judge, exit 2', async () => {
    const r = await diff((w, dir) => {
      w('elsewhere.yml', MANIFEST.replace('contents: read', 'contents: write'));
      unlinkSync(join(dir, '.github/access-manifest.yml'));
      symlinkSync('../elsewhere.yml', join(dir, '.github/access-manifest.yml'));
    });
    expect(r.md.code).toBe(2);
    expect(r.changes.map((c) => `${c.effect} ${c.kind}`)).toEqual(['cannot-judge manifest']);
  });
});

describe('diff: the comment renders hostile names inert', () => {
  it('job ids, step names and file names with HTML, comments, mentions, links and table breaks', async () => {
    const evil = 'x</details><!-- @octocat `y` [l](https://evil.example) | z';
    const r = await diff((w) =>
      w(
        '.github/workflows/w<!--x-->.yml',
        `on: push\njobs:\n  ${JSON.stringify(`${evil}\n## heading`)}:\n    runs-on: x\n    permissions: write-all\n    steps:\n      - uses: ${JSON.stringify(`o/r@v1 ${evil}`)}\n`,
      ),
    );
    const body = r.md.stdout;
    expect(body).not.toMatch(/<\/details>|<!-- @|<!--x|@octocat|(?<!\\)\]\(https|\n## heading/);
    // Every table row keeps its six cells: no `|` from a name opened a seventh.
    for (const row of body.split('\n').filter((l) => l.startsWith('| <code>')))
      expect(row.replace(/\\\|/g, '').split('|').length).toBe(8);
  });
});

describe('diff of two directories (a pull request checkout): links are not followed (fixed in session 5)', () => {
  it('a linked workflow and a linked manifest are cannot-judge, and what they point to is never read', async () => {
    const base = join(work, `dirs${n++}`, 'base');
    const head = join(base, '..', 'head');
    for (const d of [base, head]) {
      mkdirSync(join(d, '.github/workflows'), { recursive: true });
      writeFileSync(join(d, '.github/workflows/ci.yml'), CI);
    }
    writeFileSync(join(base, '.github/access-manifest.yml'), MANIFEST);
    // A runner file that parses as a workflow: its job names would be printed in the comment.
    const secret = join(base, '..', 'runner-file.yml');
    writeFileSync(
      secret,
      'on: push\njobs:\n  ghs_SECRET_TOKEN_VALUE:\n    runs-on: x\n    steps: [{run: x}]\n',
    );
    symlinkSync(secret, join(head, '.github/workflows/linked.yml'));
    symlinkSync(join(base, '.github/access-manifest.yml'), join(head, '.github/access-manifest.yml'));
    const r = await cli(['diff', base, head, '--format', 'json']);
    expect(r.stdout + r.stderr).not.toContain('ghs_SECRET_TOKEN_VALUE');
    expect(r.code).toBe(2); // the head's manifest cannot be judged
    const rows = (JSON.parse(r.stdout) as { changes: Change[] }).changes.map(
      (c) => `${c.effect} ${c.subject}`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cannot-judge \.github\/workflows\/linked\.yml$|^cannot-judge linked\.yml$/),
        'cannot-judge .github/access-manifest.yml',
      ]),
    );
  });
});
