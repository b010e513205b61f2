/**
 * Session 35 (w-rfaces): pull requests that widen access while moving what they widen, so a diff
 * matching jobs by name or file could show a rename, or "No access changes". Held at c3326db, kept as
 * sharp tests: each widening is a widened row naming the job as it runs, and `--fail-on widened` exits 1.
 * - a workflow made reusable (`on: workflow_call`, its own `permissions:` dropped) and called from a
 *   file whose token writes: its job runs on the caller's token;
 * - a job renamed and moved to a renamed file, in the same change as its new write permission;
 * - a callee input's `default:` changed, for a caller that passes nothing (the environment its runs name).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s35-f-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function tree(files: Readonly<Record<string, string>>): string {
  const dir = join(work, `t${n++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, '.github/workflows', path)), { recursive: true });
    writeFileSync(join(dir, '.github/workflows', path), text);
  }
  return dir;
}

interface Change {
  workflow: string;
  job: string | null;
  kind: string;
  subject: string;
  after: string | null;
  effect: string;
}

async function diff(base: Record<string, string>, head: Record<string, string>) {
  const args = [tree(base), tree(head)];
  const json = await cli(['diff', ...args, '--format', 'json']);
  const gate = await cli(['diff', ...args, '--fail-on', 'widened']);
  const md = await cli(['diff', ...args]);
  return {
    widened: (JSON.parse(json.stdout) as { changes: Change[] }).changes.filter((c) => c.effect === 'widened'),
    code: gate.code,
    markdown: md.stdout,
  };
}

const job = (perms: string, run: string) =>
  `    runs-on: ubuntu-latest\n${perms ? `    permissions: ${perms}\n` : ''}    steps:\n      - run: ${run}\n`;

describe('the diff follows a widening that moves (s35)', () => {
  it('a workflow made reusable and called from a file whose token writes', async () => {
    const r = await diff(
      {
        'ci.yml': `on: push\npermissions: { contents: read }\njobs:\n  build:\n${job('', 'make')}`,
        'release.yml': `on: push\npermissions: { contents: read }\njobs:\n  release:\n${job('', './release.sh')}`,
      },
      {
        'ci.yml': `on: push\npermissions: { contents: write, packages: write }\njobs:\n  build:\n${job('{ contents: read }', 'make')}  call:\n    uses: ./.github/workflows/release.yml\n`,
        'release.yml': `on: workflow_call\njobs:\n  release:\n${job('', './release.sh')}`,
      },
    );
    expect(r.code).toBe(1);
    const called = r.widened.find((c) => c.workflow === 'release.yml' && c.job === 'release via ci.yml/call');
    expect(called?.after).toMatch(/contents:write packages:write/);
    expect(r.markdown).toContain('release via ci.yml/call');
    expect(r.markdown).not.toContain('No access changes');
  });

  it('a job renamed and moved to a renamed file with a new write permission', async () => {
    const steps = `    runs-on: ubuntu-latest\n    steps:\n      - run: make\n      - run: make test\n      - run: make lint\n`;
    const r = await diff(
      {
        'ci.yml': `name: CI\non: push\npermissions: { contents: read }\njobs:\n  build:\n${steps}  deploy:\n${job('{ contents: read }', './deploy.sh')}`,
      },
      {
        'ci-main.yml': `name: CI\non: push\npermissions: { contents: read }\njobs:\n  build:\n${steps}  ship:\n${job('{ contents: write, id-token: write }', './deploy.sh')}`,
      },
    );
    expect(r.code).toBe(1);
    const rows = r.widened.filter((c) => c.job === 'ship');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((c) => `${c.subject} ${c.after}`).join('\n')).toMatch(/contents:write/);
  });

  it('a callee input default changed for a caller that passes nothing', async () => {
    const callee = (d: string) =>
      `on:\n  workflow_call:\n    inputs:\n      env: { type: string, default: ${d} }\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    environment: \${{ inputs.env }}\n    steps:\n      - run: ./release.sh\n`;
    const caller = `on: push\npermissions: { contents: read }\njobs:\n  call:\n    uses: ./.github/workflows/release.yml\n`;
    const r = await diff(
      { 'ci.yml': caller, 'release.yml': callee('staging') },
      { 'ci.yml': caller, 'release.yml': callee('production') },
    );
    expect(r.code).toBe(1);
    expect(r.widened.some((c) => c.kind === 'environment' && c.job === 'release via ci.yml/call')).toBe(true);
  });
});
