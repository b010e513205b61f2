/**
 * Session 13: a `workflow_ref`/`job_workflow_ref` that reads two ways (a file named `release.yml@x.yml`
 * at `refs/heads/f`, or `release.yml` at `x.yml@refs/heads/f`) names no workflow: the broker must not
 * give `release.yml`'s grants to another file's job. The enforce gate refuses the same references
 * (tests/hostile-faces/s13-workflow-ref-at.test.ts); this is the broker's side.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWorkflowRef, resolveWorkflow } from '../../shared/conditions/callers.js';
import { loadManifest } from '../../shared/manifest/load.js';

const m = loadManifest(
  `version: 1
workflows:
  release.yml:
    jobs:
      ship:
        credentials:
          - { step: plain, audience: github, permissions: { contents: read } }
`,
  'access-manifest.yml',
).manifest;

const claims = (ref: string) => ({
  repository: 'o/r',
  workflow_ref: `o/r/.github/workflows/${ref}`,
  job_workflow_ref: `o/r/.github/workflows/${ref}`,
});

describe('a workflow reference with a second .yml@ (session 13)', () => {
  it.each([
    'release.yml@x.yml@refs/heads/f',
    'release.yml@X.YAML@refs/heads/main',
    'release.yml@.yml@refs/heads/main',
  ])('%s names no workflow file, and nothing is resolved for it', (ref) => {
    expect(parseWorkflowRef(`o/r/.github/workflows/${ref}`)).toBeUndefined();
    const r = resolveWorkflow(claims(ref), m);
    expect(r).toMatchObject({ ok: false, code: 'ERR_CLAIM_WORKFLOW_REF' });
  });

  it('an ordinary reference still resolves to its file and ref', () => {
    expect(parseWorkflowRef('o/r/.github/workflows/release.yml@refs/heads/main')).toMatchObject({
      file: 'release.yml',
      ref: 'refs/heads/main',
    });
    expect(resolveWorkflow(claims('release.yml@refs/heads/main'), m)).toMatchObject({
      ok: true,
      file: 'release.yml',
      kind: 'direct',
    });
  });

  it('property: a parsed reference never leaves a workflow file name at the head of its ref', () => {
    const seg = fc.stringMatching(/^[a-z0-9._@-]{1,12}$/);
    fc.assert(
      fc.property(seg, seg, fc.constantFrom('.yml', '.yaml', '.YML'), (a, b, ext) => {
        const p = parseWorkflowRef(`o/r/.github/workflows/release.yml@${a}${ext}@refs/heads/${b}`);
        expect(p).toBeUndefined();
      }),
    );
  });
});
