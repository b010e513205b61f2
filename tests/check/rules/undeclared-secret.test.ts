import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../../support/repo.js';

const rule = 'undeclared-secret';
const W =
  'on: push\nenv:\n  TOP: ${{ secrets.TOP }}\njobs:\n  a:\n    permissions: {}\n    steps:\n      - run: echo ${{ secrets.npm_token }} ${{ secrets.GITHUB_TOKEN }}\n    runs-on: ubuntu-latest\n';

describe(rule, () => {
  it('flags referenced secrets the job does not declare, case-insensitively', () => {
    const fs = findingsOf(
      rule,
      { 'ci.yml': W },
      'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        secrets: [NPM_TOKEN]\n',
    );
    expect(fs.map((f) => [f.subject, f.line])).toEqual([['TOP', 3]]);
  });
  it('is silent when all are declared; GITHUB_TOKEN is never one', () => {
    expect(
      findingsOf(
        rule,
        { 'ci.yml': W },
        'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        secrets: [NPM_TOKEN, TOP]\n',
      ),
    ).toEqual([]);
  });
  it('flags whole-context use as *', () => {
    const fs = findingsOf(
      rule,
      {
        'ci.yml':
          'on: push\njobs:\n  a:\n    permissions: {}\n    steps:\n      - run: echo "${{ toJSON(secrets) }}"\n    runs-on: ubuntu-latest\n',
      },
      'version: 1\n',
    );
    expect(fs[0]!.subject).toBe('*');
    expect(fs[0]!.message).toMatch(/whole secrets context/);
  });
  it('a declared `*` covers every name and the whole context; a named declaration does not cover `*`', () => {
    const whole =
      'on: push\njobs:\n  a:\n    permissions: {}\n    steps:\n      - run: echo "${{ toJSON(secrets) }} ${{ secrets.X }}"\n    runs-on: ubuntu-latest\n';
    const m = (s: string) =>
      `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      a:\n        secrets: ${s}\n`;
    expect(findingsOf(rule, { 'ci.yml': whole }, m("['*']"))).toEqual([]);
    expect(findingsOf(rule, { 'ci.yml': whole }, m('[X]')).map((f) => f.subject)).toEqual(['*']);
  });
});
