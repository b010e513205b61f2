/**
 * Session 19: a `with:` key as GitHub's runner names its variable. The runner sets `INPUT_` + the key
 * (spaces as `_`) upper-cased with .NET's ToUpperInvariant (actions/runner Handler.cs,
 * AddInputsToEnvironment), and `@actions/core` reads `INPUT_SCOPE` for `scope`. ICU, the runner's
 * casing, upper-cases U+017F (long s) to `S`; .NET 8's invariant casing also U+0131 (dotless i) to
 * `I`. So `ſcope: "contents:write"` may reach actions/run as its scope while the check read an unknown
 * input and judged the grant's `contents:read` (check exit 0; the broker refuses the write, the check
 * said nothing), and `manifeſt:` beside the gate may point it at a file the pull request wrote. Such a
 * key is refused by every face (the workflow is invalid: the check fails, the diff cannot judge it,
 * the gate denies). Seen failing first (no finding, check passed).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { withCompositeActions } from '../../shared/workflow/composite.js';
import { manifest, PINNED_GATE, wf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const workflow = (inputs: string) => y`
  on: push
  jobs:
    deploy:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github, ${inputs} }
`;
const MANIFEST = y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    cd.yml:
      triggers: [push]
      jobs:
        deploy:
          permissions: { contents: read, id-token: write }
          credentials: [{ step: publish, audience: github, permissions: { contents: read }, repositories: [self] }]
`;

let dirs: string[] = [];
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s19-with-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries({ '.github/access-manifest.yml': MANIFEST, ...files })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}
const errorsOf = async (files: Record<string, string>) => {
  try {
    return (await checkDirectory({ dir: repo(files) })).findings.filter((f) => f.severity === 'error');
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  }
};

describe('a `with:` key the runner may upper-case onto an ASCII input is refused', () => {
  it.each([
    ['long s: ſcope reaches INPUT_SCOPE', 'ſcope: "contents:write"', 'ſcope'],
    [
      'long s beside the ASCII key (which one wins is the runner’s order)',
      'scope: "contents:read", ſcope: "contents:write"',
      'ſcope',
    ],
    ['dotless i (.NET 8 invariant casing)', 'scope: "contents:read", ınput: x', 'ınput'],
    ['the step input', 'scope: "contents:read", ſtep: other', 'ſtep'],
  ])('%s: the check fails, naming the key, its line and the fix', async (_what, inputs, key) => {
    const errors = await errorsOf({ '.github/workflows/cd.yml': workflow(inputs) });
    expect(errors.map((e) => e.rule)).toContain('invalid-workflow');
    const e = errors.find((x) => x.rule === 'invalid-workflow')!;
    expect(e.file).toBe('.github/workflows/cd.yml');
    expect(e.line).toBe(9);
    expect(e.message).toContain(`'${key}'`);
    expect(e.message).toMatch(/INPUT_/);
    expect(e.message).toMatch(/write input names in ASCII/);
  });

  it('the same key inside a local composite action fails the check (unreadable-local-action)', async () => {
    const errors = await errorsOf({
      '.github/workflows/cd.yml': y`
        on: push
        jobs:
          deploy:
            permissions: { contents: read, id-token: write }
            runs-on: ubuntu-latest
            steps:
              - id: publish
                uses: ./.github/actions/pub
      `,
      '.github/actions/pub/action.yml': y`
        name: pub
        runs:
          using: composite
          steps:
            - uses: ${RUN}
              with: { broker-url: "https://b.example", audience: github, ſcope: "contents:write" }
      `,
    });
    const e = errors.find((x) => x.rule === 'unreadable-local-action');
    expect(e?.message).toMatch(/ſcope/);
  });

  it('the diff cannot judge such a head; the gate denies it', async () => {
    const head = workflow('scope: "contents:read", ſcope: "contents:write"');
    const changes = diffSnapshots(
      snapshot([wf('cd.yml', workflow('scope: "contents:read"'))]),
      snapshot([wf('cd.yml', head)]),
    );
    expect(failsOnWidened(changes)).toBe(true);
    const gated = y`
      on: push
      jobs:
        deploy:
          permissions: { contents: read }
          runs-on: ubuntu-latest
          steps:
            - uses: ${PINNED_GATE}
              with: { manifeſt: .github/open.yml }
    `;
    const workflows = await withCompositeActions([wf('cd.yml', gated)], async () => undefined);
    const v = enforceJob({
      workflows,
      manifest: manifest(MANIFEST),
      workflow: 'cd.yml',
      job: 'deploy',
      event: 'push',
    });
    expect(v.allowed).toBe(false);
  });

  it('holds: ASCII keys in any case, keys with other non-ASCII letters (ß, ligatures, Kelvin sign) pass', async () => {
    for (const inputs of [
      'SCOPE: "contents:read"',
      'scope: "contents:read", straße: x',
      'scope: "contents:read", ﬀ: x, \u212aey: y',
    ]) {
      const errors = await errorsOf({ '.github/workflows/cd.yml': workflow(inputs) });
      expect(errors).toEqual([]);
    }
  });
});
