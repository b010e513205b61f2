/**
 * Session 33 (w-rfaces): session 32 held a local Docker action's `image: docker://IMAGE` to
 * `unpinned-action` and `disallowed-action`, but the rules' help (the SARIF a code-scanning alert
 * shows, docs/rules/*.md) still spoke only of a step's own `uses:`, so an alert at a workflow step
 * `uses: ./actions/x` pointed at a line with no image on it and a help that did not say why. The help
 * of both rules, as the SARIF run of a real check carries it, now names the local Docker action's
 * image (and unpinned-action says what it does not check: a Dockerfile's `FROM`). Failed at 8d88a68.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s33-f-help-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const files = {
  '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - uses: ./actions/x\n`,
  '.github/access-manifest.yml': `version: 1\nrepository: { name: o/r, id: 1, owner-id: 2 }\npolicy:\n  require-pinned-actions: true\n  allowed-actions: ['docker://ghcr.io/o/*']\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n`,
  'actions/x/action.yml': `name: x\ndescription: x\nruns:\n  using: docker\n  image: docker://alpine:latest\n`,
};

interface Sarif {
  runs: {
    tool: { driver: { rules: { id: string; help: { markdown: string } }[] } };
    results: { ruleId: string; message: { text: string } }[];
  }[];
}

describe("the rules' help names a local Docker action's image (s33)", () => {
  it('unpinned-action and disallowed-action, in the SARIF of a check that raises both', async () => {
    for (const [p, t] of Object.entries(files)) {
      mkdirSync(dirname(join(work, p)), { recursive: true });
      writeFileSync(join(work, p), t);
    }
    const r = await cli(['check', work, '--format', 'sarif']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const run = (JSON.parse(r.stdout) as Sarif).runs[0]!;
    for (const id of ['unpinned-action', 'disallowed-action']) {
      // The finding is there, at the local action...
      expect(run.results).toContainEqual(
        expect.objectContaining({
          ruleId: id,
          message: expect.objectContaining({
            text: expect.stringContaining('the image of the local Docker action actions/x/action.yml:5'),
          }),
        }),
      );
      // ...and its help says why.
      const help = run.tool.driver.rules.find((x) => x.id === id)!.help.markdown;
      expect(help).toContain('local Docker action');
      expect(help).toContain('image: docker://IMAGE');
    }
    const pinned = run.tool.driver.rules.find((x) => x.id === 'unpinned-action')!.help.markdown;
    expect(pinned).toMatch(/`FROM` is not checked/);
  }, 120_000);
});
