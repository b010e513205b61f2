/**
 * Session 23: a job of a local reusable workflow that passes every secret it is given onward, with
 * `secrets: inherit`, to a workflow the check cannot read (another repository's, or this one's by full
 * reference at some ref) was never judged: `inherited-secrets` looked at outermost callers only, whose
 * declared `inherit` covers the local workflow they call (judged by name, session 16), not a workflow
 * beyond it. Every secret then reached a remote workflow with the check at 0 errors.
 */
import { describe, expect, it } from '@jest/globals';
import { runCheck } from '../../shared/check/run.js';
import { manifest, wf, y } from '../support/repo.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const ci = y`
  on: push
  permissions: { contents: read }
  jobs:
    go:
      uses: ./.github/workflows/lib.yml
      secrets: inherit
    again:
      uses: ./.github/workflows/lib.yml
      secrets: inherit
`;
const lib = (onward: string) => y`
  on: workflow_call
  jobs:
    x:
      uses: ${onward}
      secrets: inherit
`;
const leaf = y`
  on: workflow_call
  jobs:
    y:
      runs-on: ubuntu-latest
      steps:
        - run: make
`;
const M = (x: string) =>
  manifest(y`
    version: 1
    workflows:
      ci.yml:
        jobs:
          go: { permissions: { contents: read }, secrets: [inherit] }
          again: { permissions: { contents: read }, secrets: [inherit] }
      lib.yml:
        jobs:
          x: { permissions: { contents: read }, secrets: [${x}] }
      leaf.yml:
        jobs:
          y: { permissions: { contents: read } }
  `);
const inherited = (onward: string, x = 'NPM_TOKEN') =>
  runCheck({
    workflows: [wf('ci.yml', ci), wf('lib.yml', lib(onward)), wf('leaf.yml', leaf)],
    manifest: M(x),
  }).findings.filter((f) => f.rule === 'inherited-secrets');

describe('inherited-secrets: a called job passing every secret on', () => {
  it('flags it onward to another repository, once for all its callers, at its own line', () => {
    const fs = inherited(`evil/repo/.github/workflows/y.yml@${SHA}`);
    expect(fs.map((f) => [f.file, f.line, f.job, f.subject])).toEqual([
      ['.github/workflows/lib.yml', 5, 'x', 'inherit'],
    ]);
    expect(fs[0]!.message).toContain('of a called workflow passes every secret it is given');
  });

  it('flags it onward to this repository by full reference (another ref runs)', () => {
    expect(inherited(`o/r/.github/workflows/leaf.yml@${SHA}`)).toHaveLength(1);
  });

  it('holds: declared inherit on the called job, and onward to a local workflow (judged by name)', () => {
    expect(inherited(`evil/repo/.github/workflows/y.yml@${SHA}`, 'inherit')).toEqual([]);
    expect(inherited('./.github/workflows/leaf.yml')).toEqual([]);
  });
});
