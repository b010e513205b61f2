/**
 * Session 25 (issue 11 §2): a local composite action whose credential step takes its `scope`,
 * `audience` or `step` from the action's inputs (`${{ inputs.scope }}`) passed the check in
 * silence, though the workflow step wrote `scope: contents:write` against a `contents: read` grant
 * and the broker was certain to refuse. The inputs are files in the repository: a value that is one
 * `${{ inputs.NAME }}` is read from the `with:` of the step that runs the action (each level of
 * nested composites); what cannot be read so (an expression there, an input not passed) is a
 * warning naming the input, never a silent pass.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const MANIFEST = `version: 1
repository: { name: acme/app, id: 1, owner-id: 2 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: deploy
            audience: github
            permissions: { contents: read }
`;
const workflow = (withText: string) =>
  `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: deploy\n        uses: ./.github/actions/deploy\n        with: ${withText}\n`;
const action = (inner: string) =>
  `name: deploy\ninputs:\n  scope: { required: true }\nruns:\n  using: composite\n  steps:\n    - id: publish\n      uses: ${inner}\n      with: { audience: github, scope: "\${{ inputs.scope }}", run: make }\n`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
async function credentialFindings(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s25-composite-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries({ '.github/access-manifest.yml': MANIFEST, ...files })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return (await checkDirectory({ dir })).findings.filter((f) => f.rule === 'credential-step');
}

describe('a credential step fed by its composite action’s inputs', () => {
  it('`scope: ${{ inputs.scope }}` with the workflow passing contents:write: refused as the broker refuses it', async () => {
    const f = await credentialFindings({
      '.github/workflows/release.yml': workflow('{ scope: "contents:write" }'),
      '.github/actions/deploy/action.yml': action(RUN),
    });
    expect(f.map((x) => [x.severity, x.line])).toEqual([['error', 8]]);
    expect(f[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
  });

  it('the same with contents:read: no finding (input names are case-insensitive)', async () => {
    expect(
      await credentialFindings({
        '.github/workflows/release.yml': workflow('{ SCOPE: "contents:read" }'),
        '.github/actions/deploy/action.yml': action(RUN),
      }),
    ).toEqual([]);
  });

  it('through a nested composite: each level’s `with:` feeds the next', async () => {
    const f = await credentialFindings({
      '.github/workflows/release.yml': workflow('{ scope: "contents:write" }'),
      '.github/actions/deploy/action.yml':
        'name: deploy\nruns:\n  using: composite\n  steps:\n    - id: mid\n      uses: ./.github/actions/inner\n      with: { scope: "${{ inputs.scope }}" }\n',
      // The runner names a nested step `deploy.mid`: the step input names the grant.
      '.github/actions/inner/action.yml': action(RUN).replace(
        'audience: github,',
        'audience: github, step: deploy,',
      ),
    });
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0]!.message).toMatch(/ERR_SCOPE_NOT_GRANTED/);
  });

  it('an input the workflow computes, or does not pass: a warning that the step cannot be judged, naming the input', async () => {
    for (const withText of ['{ scope: "${{ matrix.scope }}" }', '{ other: x }']) {
      const f = await credentialFindings({
        '.github/workflows/release.yml': workflow(withText),
        '.github/actions/deploy/action.yml': action(RUN),
      });
      expect(f.map((x) => [x.severity, x.line])).toEqual([['warning', 8]]);
      expect(f[0]!.message).toContain('cannot be judged');
      expect(f[0]!.message).toContain('inputs.scope');
    }
  });
});
