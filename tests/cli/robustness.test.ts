/**
 * The CLI as a process: a reader that closes the pipe early (`| head`), a long JSON audit (no
 * MaxListenersExceededWarning), an old Node (a message naming the Node it needs), and the composite
 * actions' Node check (a fake old `node` first on PATH).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAction } from '../support/action-runner.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const MAIN = join(ROOT, 'shared/cli/main.ts');
const corpus = join(ROOT, '../shared/corpus/realworld-2021');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI; with `closeAfter` the reader destroys its end of stdout after that many bytes, as
 * `head -c` does.
 */
function run(args: string[], opts: { closeAfter?: number; preload?: string } = {}): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ...(opts.preload ? ['--import', opts.preload] : []), MAIN, ...args],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.closeAfter !== undefined && stdout.length >= opts.closeAfter) child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

let work: string;
let repo: string;
let trail: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sw-robust-'));
  // A repository whose report is far larger than a pipe buffer: the corpus with an empty manifest.
  repo = join(work, 'repo');
  mkdirSync(join(repo, '.github/workflows'), { recursive: true });
  for (const f of readdirSync(corpus)
    .filter((x) => /\.ya?ml$/.test(x))
    .slice(0, 300))
    writeFileSync(join(repo, '.github/workflows', f), readFileSync(join(corpus, f)));
  writeFileSync(join(repo, '.github/access-manifest.yml'), 'version: 1\n');
  // A long audit trail: the example trail, many times over.
  const one = readFileSync(join(ROOT, 'examples/audit/trail.jsonl'), 'utf8');
  trail = join(work, 'trail.jsonl');
  writeFileSync(trail, one.repeat(60));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NO_CRASH = /EPIPE|Error:|at .*\.(ts|js):\d+/;

describe('CLI robustness', () => {
  it('check … | head: no EPIPE stack trace, and the command’s own exit code', async () => {
    const full = await run(['check', repo]);
    expect(full.stdout.length).toBeGreaterThan(200_000);
    const r = await run(['check', repo], { closeAfter: 1000 });
    expect(r.stderr).not.toMatch(NO_CRASH);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1); // findings, as without the pipe
    // Two checks of 300 files through tsx: about 10 s here alone, past 30 s once at load 10.
  }, 120_000);

  it('audit … | head (markdown and JSON): no EPIPE stack trace', async () => {
    for (const format of ['markdown', 'json']) {
      const r = await run(['audit', trail, '--format', format], { closeAfter: 200 });
      expect([format, r.stderr]).toEqual([format, expect.not.stringMatching(NO_CRASH)]);
      expect(r.signal).toBeNull();
      expect([0, 1]).toContain(r.code);
    }
  });

  it('audit --format json prints no MaxListenersExceededWarning (or any warning) and valid JSON', async () => {
    const r = await run(['audit', trail, '--format', 'json']);
    expect(r.stderr).not.toMatch(/MaxListeners|Warning/);
    const json = JSON.parse(r.stdout) as { totals: { events: number } };
    expect(json.totals.events).toBeGreaterThan(10_000);
  });

  it('on Node < 20 says which Node it needs instead of failing on a missing global', async () => {
    const preload = join(work, 'old-node.mjs');
    writeFileSync(
      preload,
      "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '18.19.0' } });\ndelete globalThis.crypto;\n",
    );
    const r = await run(['check', 'examples/clean-repo'], { preload });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stepwarden needs Node\.js 20 or newer; this is Node\.js 18\.19\.0\./);
    expect(r.stdout).toBe('');
  });
});

describe('composite actions check the Node on PATH first', () => {
  const actions = [
    '.',
    'actions/access-diff',
    'actions/audit',
    'actions/enforce',
    'actions/exchange',
    'actions/run',
  ];
  let fakeBin: string;
  beforeAll(() => {
    fakeBin = join(work, 'old-node-bin');
    mkdirSync(fakeBin, { recursive: true });
    // An old node, as in a `container:` job whose image ships Node 16.
    writeFileSync(
      join(fakeBin, 'node'),
      '#!/bin/sh\nif [ "$1" = "-p" ]; then echo 16.20.2; exit 0; fi\necho "ReferenceError: crypto is not defined" >&2\nexit 1\n',
    );
    chmodSync(join(fakeBin, 'node'), 0o755);
  });

  it.each(actions)('%s fails with a message naming container: jobs and the fix', async (dir) => {
    const r = await runAction(dir, {
      inputs: {
        'broker-url': 'http://127.0.0.1:9',
        audience: 'github',
        run: 'true',
        token: 'x',
        base: 'x',
        head: 'x',
      },
      env: { PATH: `${fakeBin}:${process.env.PATH ?? ''}`, GITHUB_JOB: 'j' },
    });
    expect(r.failed).toBe(true);
    const out = r.steps.map((s) => s.stdout + s.stderr).join('\n');
    expect(out).toMatch(
      /::error title=stepwarden needs Node\.js 20 or newer::node on PATH is 16\.20\.2 .*'container:' job .*node-version: 20/,
    );
    expect(out).not.toMatch(/crypto is not defined/);
  });

  it('passes with the Node running this test', async () => {
    const r = await runAction('.', { inputs: { path: 'examples/clean-repo' } });
    expect(r.steps[0]!.stdout).not.toMatch(/needs Node\.js/);
    expect(r.failed).toBe(false);
  });
});
