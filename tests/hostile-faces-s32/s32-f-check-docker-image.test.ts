/**
 * Session 32 (w-rfaces): a local Docker action (`uses: ./actions/x` whose `action.yml` says
 * `runs: { using: docker, image: docker://IMAGE }`) makes the runner pull IMAGE from a registry and
 * run it in the job, as a step's `uses: docker://IMAGE` does. The workflow step fails
 * `unpinned-action` (and `disallowed-action` under an allow list) when the image has no digest; the
 * same image behind a local action passed the check (exit 0) and moved no row of the diff (both
 * failed at f6cb0ee). The image is now one of the action's `uses` (composite.ts readComposite), held
 * to the same rules at the workflow step, naming the action file's line.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../support/cli.js';
import { diff } from '../hostile-faces-s31/diff-trees.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s32-f-docker-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DIGEST = `sha256:${'a'.repeat(64)}`;
const WORKFLOW = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - uses: ./actions/x\n`;
const action = (image: string, using = 'docker') =>
  `name: x\ndescription: x\nruns:\n  using: ${using}\n  image: ${image}\n`;
const manifest = (allow = '') =>
  `version: 1\nrepository: { name: o/r, id: 1, owner-id: 2 }\npolicy:\n  require-pinned-actions: true\n${allow}workflows:\n  ci.yml:\n    jobs:\n      a:\n        permissions: { contents: read }\n`;

let n = 0;
async function check(actionYml: string, allow = '') {
  const dir = join(work, `c${n++}`);
  const files = {
    '.github/workflows/ci.yml': WORKFLOW,
    '.github/access-manifest.yml': manifest(allow),
    'actions/x/action.yml': actionYml,
    'actions/x/Dockerfile': 'FROM alpine:3.20\n',
  };
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  const r = await cli(['check', dir, '--format', 'json']);
  expect(r.stderr).toBe('');
  return {
    code: r.code,
    findings: (JSON.parse(r.stdout) as { findings: { rule: string; message: string }[] }).findings,
  };
}

describe('check: a local Docker action pulling an image (s32)', () => {
  it('an image without a digest is unpinned-action, as in the workflow', async () => {
    for (const using of ['docker', 'Docker']) {
      const r = await check(action('docker://alpine:latest', using));
      expect(r.code).toBe(1);
      expect(r.findings.filter((f) => f.rule === 'unpinned-action')).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(
            "'docker://alpine:latest' is not pinned to an image digest (@sha256:...) (the image of the local Docker action actions/x/action.yml:5)",
          ),
        }),
      ]);
    }
  });

  it('an image outside the allow list is disallowed-action', async () => {
    const r = await check(
      action(`docker://evil.example/x@${DIGEST}`),
      "  allowed-actions: ['actions/*', 'docker://ghcr.io/my-org/*']\n",
    );
    expect(r.findings.map((f) => f.rule)).toContain('disallowed-action');
  });

  it('negatives: a digest-pinned image; an image built from the Dockerfile; a node action', async () => {
    for (const yml of [
      action(`docker://alpine@${DIGEST}`),
      action('Dockerfile'),
      'name: x\ndescription: x\nruns:\n  using: node20\n  main: index.js\n',
    ])
      expect(await check(yml)).toEqual({ code: 0, findings: [] });
  });

  it('diff: the head moving the image from a digest to a tag is a widened row', async () => {
    const changes = await diff(WORKFLOW, WORKFLOW, {
      base: { 'actions/x/action.yml': action(`docker://alpine@${DIGEST}`) },
      head: { 'actions/x/action.yml': action('docker://alpine:latest') },
    });
    expect(changes).toContainEqual(
      expect.objectContaining({
        job: 'a',
        kind: 'action',
        subject: 'docker://alpine:latest',
        effect: 'widened',
      }),
    );
  });
});
