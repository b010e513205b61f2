/**
 * Session 13: the gate finds the running workflow file from GITHUB_WORKFLOW_REF (and the OIDC
 * token's job_workflow_ref). It split the value at the first `@` after `.yml`, so a workflow file
 * named `release.yml@x.yml` (git allows `@` in a name) running on branch `f` was read as the listed
 * `release.yml` at the ref `x.yml@refs/heads/f`: the gate read `release.yml` at the run's commit and
 * judged its job of the same id, while the other file ran. Such a reference is now refused.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWorkflowRef } from '../../shared/enforce/github-source.js';

describe('a workflow reference that names two files is refused', () => {
  it.each([
    'o/r/.github/workflows/release.yml@x.yml@refs/heads/f',
    'o/r/.github/workflows/release.yml@x.yaml@refs/heads/main',
    'o/r/.github/workflows/release.yaml@X.YML@refs/tags/v1',
  ])('%s', (ref) => {
    expect(parseWorkflowRef(ref)).toBeUndefined();
  });

  it('ordinary references, and branches with @ in their name, still parse', () => {
    expect(parseWorkflowRef('o/r/.github/workflows/release.yml@refs/heads/main')).toMatchObject({
      file: 'release.yml',
      ref: 'refs/heads/main',
    });
    expect(parseWorkflowRef('o/r/.github/workflows/ci.yaml@refs/heads/fix@home.yml')).toMatchObject({
      file: 'ci.yaml',
      ref: 'refs/heads/fix@home.yml',
    });
  });

  it('property: whatever parses names a file whose reference has no other reading', () => {
    const seg = fc.oneof(fc.stringMatching(/^[a-z@.]{1,8}$/), fc.constantFrom('x.yml', 'y.yaml', 'z.YML'));
    fc.assert(
      fc.property(
        seg,
        fc.constantFrom('.yml', '.yaml'),
        fc.array(seg, { maxLength: 3 }),
        (name, ext, rest) => {
          const value = `o/r/.github/workflows/${name}${ext}@${rest.join('@')}refs/heads/main`;
          const r = parseWorkflowRef(value);
          if (!r) return;
          // Another split: a longer file name ending in .yml/.yaml right before an `@`.
          const after = value.slice(`o/r/.github/workflows/${r.file}@`.length);
          expect(/^[^/]*\.ya?ml@/i.test(after)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
