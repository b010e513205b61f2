/**
 * Session 34 (w-rfaces): the faces a person reads in GitHub's UI outside the log and the markdown.
 * Annotations (`--format github`, and the root action's `core.error`/`core.warning`, shown on the check
 * run and beside the pull request's lines) and SARIF messages (code scanning alerts) carried a hostile
 * value's bidirectional controls and zero-width characters raw, while the text and markdown faces wrote
 * them out (session 5's "Trojan Source" fix, INVISIBLE in render/escape.ts): `environment:
 * "prod\u202enoitc"` was annotated as "uses environment 'production'", `uses: "evil/x@\u202eniam"` as
 * `evil/x@main`, and an invalid manifest's key in the action's annotation the same way. Now every
 * annotation message and SARIF message has them written out (escape.ts `visibleText`). JSON stays data (the
 * values as written). Every positive case failed at 410fed0.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../support/action-runner.js';
import { cli } from '../support/cli.js';

/** Bidirectional controls and characters drawn as nothing. */
const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const WORKFLOW =
  'on: push\njobs:\n  b:\n    runs-on: x\n    permissions: { contents: read }\n    environment: "prod\\u202enoitc"\n    steps:\n      - uses: "evil/x@\\u202eniam\\u200b"\n';
const MANIFEST = 'version: 1\npolicy: { allowed-actions: ["actions/*"] }\n';
const BAD_MANIFEST =
  'version: 1\nworkflows:\n  ci.yml:\n    jobs: { b: { permissions: {}, "bogus\\u202e": 1 } }\n';

const work = mkdtempSync(join(tmpdir(), 'sw-s34-invisible-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const repo = (manifest: string) => {
  const name = `r${n++}`;
  mkdirSync(join(work, name, '.github/workflows'), { recursive: true });
  writeFileSync(join(work, name, '.github/access-manifest.yml'), manifest);
  writeFileSync(join(work, name, '.github/workflows/ci.yml'), WORKFLOW);
  return name;
};

describe('annotations and SARIF messages write out invisible characters', () => {
  it('check --format github: every annotation, invisible characters written out', async () => {
    const r = await cli(['check', join(work, repo(MANIFEST)), '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l).not.toMatch(HIDDEN);
    expect(r.stdout).toContain("environment 'prod\\u202enoitc'");
    expect(r.stdout).toContain("'evil/x@\\u202eniam\\u200b'");
  });

  it('check --format sarif: every result message', async () => {
    const r = await cli(['check', join(work, repo(MANIFEST)), '--format', 'sarif']);
    const results = (JSON.parse(r.stdout) as { runs: { results: { message: { text: string } }[] }[] })
      .runs[0]!.results;
    expect(results.length).toBeGreaterThanOrEqual(3);
    for (const x of results) expect(x.message.text).not.toMatch(HIDDEN);
    expect(results.map((x) => x.message.text).join('\n')).toContain("'evil/x@\\u202eniam\\u200b'");
  });

  it('held: JSON keeps the values as written (data, not a face)', async () => {
    const r = await cli(['check', join(work, repo(MANIFEST)), '--format', 'json']);
    expect(r.stdout).toContain('"prod\u202enoitc"');
  });

  it('the root action: finding annotations and an invalid manifest annotation', async () => {
    for (const [manifest, shown] of [
      [MANIFEST, "'evil/x@\\u202eniam\\u200b'"],
      [BAD_MANIFEST, "'bogus\\u202e'"],
    ] as const) {
      const r = await runAction('.', {
        inputs: { path: repo(manifest) },
        github: { workspace: work },
        env: { GITHUB_WORKSPACE: work },
      });
      expect(r.failed).toBe(true);
      const annotations = r.steps
        .flatMap((s) => s.stdout.split('\n'))
        .filter((l) => /^::(error|warning|notice)/.test(l));
      expect(annotations.length).toBeGreaterThan(0);
      for (const l of annotations) expect(l).not.toMatch(HIDDEN);
      expect(annotations.join('\n')).toContain(shown);
    }
  }, 240_000);
});
