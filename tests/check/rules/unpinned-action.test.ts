import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isPinned } from '../../../shared/check/rules/unpinned-action.js';
import { findingsOf, PINNED } from '../../support/repo.js';

const rule = 'unpinned-action';
const W = {
  'ci.yml': `on: push\njobs:\n  a:\n    permissions: {}\n    steps:\n      - uses: ${PINNED}\n      - uses: actions/setup-node@v4\n      - uses: ./local\n      - uses: docker://alpine:3\n      - uses: docker://alpine@sha256:${'a'.repeat(64)}\n    runs-on: ubuntu-latest\n  b:\n    uses: o/r/.github/workflows/x.yml@main\n`,
};

describe(rule, () => {
  it('flags tags, branches and digest-less docker images; local paths are fine', () => {
    const fs = findingsOf(rule, W, 'version: 1\n');
    expect(fs.map((f) => [f.subject, f.line])).toEqual([
      ['actions/setup-node@v4', 7],
      ['docker://alpine:3', 9],
      ['o/r/.github/workflows/x.yml@main', 13],
    ]);
  });
  it('is off when pinning is not required', () => {
    expect(findingsOf(rule, W, 'version: 1\npolicy:\n  require-pinned-actions: false\n')).toEqual([]);
  });
  it('the org can require it even when the manifest does not', () => {
    expect(
      findingsOf(
        rule,
        W,
        'version: 1\npolicy:\n  require-pinned-actions: false\n',
        'version: 1\nrequire-pinned-actions: true\n',
      ),
    ).toHaveLength(3);
  });
  it('only a full 40-hex SHA pins (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{1,39}$/), (short) => {
        expect(isPinned(`o/r@${short}`)).toBe(false);
        expect(isPinned(`o/r@${short.padEnd(40, '0')}`)).toBe(true);
      }),
    );
    expect(isPinned(`o/r@${'A'.repeat(40)}`)).toBe(false);
  });
});
