import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'disallowed-action';
const W = {
  'ci.yml':
    'on: push\njobs:\n  a:\n    permissions: {}\n    steps:\n      - uses: actions/checkout@v4\n      - uses: evil/thing@v1\n    runs-on: ubuntu-latest\n',
};

describe(rule, () => {
  it('flags actions outside allowed-actions', () => {
    const fs = findingsOf(rule, W, 'version: 1\npolicy:\n  allowed-actions: ["actions/*"]\n');
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['evil/thing@v1', 7]]);
  });
  it('is off without an allow-list', () => {
    expect(findingsOf(rule, W, 'version: 1\n')).toEqual([]);
  });
  it('applies the org list too', () => {
    const fs = findingsOf(
      rule,
      W,
      'version: 1\npolicy:\n  allowed-actions: ["*/*"]\n',
      'version: 1\nallowed-actions: ["actions/*"]\n',
    );
    expect(fs.map((f) => f.subject)).toEqual(['evil/thing@v1']);
  });
  it('matches whole names: `actions/checkout` does not admit `actions/checkout-evil`', () => {
    const w = {
      'ci.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout-evil@v1\n      - uses: actions/checkout@v4\n      - uses: ./local\n      - uses: docker://alpine:3\n    runs-on: ubuntu-latest\n',
    };
    const m = 'version: 1\npolicy: { require-pinned-actions: false, allowed-actions: [actions/checkout] }\n';
    expect(findingsOf(rule, w, m).map((f) => [f.subject, f.line])).toEqual([
      ['actions/checkout-evil@v1', 5],
      ['docker://alpine:3', 8],
    ]);
  });
  it('holds docker:// images to the list: only a docker:// pattern admits one, tag and digest aside', () => {
    const w = {
      'ci.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n' +
        '      - uses: docker://ghcr.io/my-org/tool:1.2\n' +
        '      - uses: docker://ghcr.io/my-org/tool@sha256:0123\n' +
        '      - uses: docker://ghcr.io/evil/tool:1\n' +
        '      - uses: docker://ghcr.io/my-org/a/b:1\n' +
        '      - uses: docker://localhost:5000/my-org/tool\n',
    };
    const m = (list: string) =>
      `version: 1\npolicy: { require-pinned-actions: false, allowed-actions: ${list} }\n`;
    expect(findingsOf(rule, w, m('["docker://ghcr.io/my-org/*", "*/*"]')).map((f) => f.line)).toEqual([
      8, 9, 10,
    ]);
    // An owner/repo glob, even `*/*` or `*`, never admits an image.
    expect(findingsOf(rule, w, m('["*/*", "*"]')).map((f) => f.line)).toEqual([6, 7, 8, 9, 10]);
    // Both lists must admit it: the organization's too.
    const org = 'version: 1\nallowed-actions: ["docker://ghcr.io/my-org/tool"]\n';
    expect(findingsOf(rule, w, m('["docker://ghcr.io/*/*"]'), org).map((f) => f.line)).toEqual([8, 9, 10]);
  });
});
