import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { factConflicts, isOwnRef } from '../../shared/enforce/facts.js';

const API = { id: 100001, ownerId: 200001, fullName: 'octo-org/octo-repo', defaultBranch: 'main' };

describe('repository facts', () => {
  it('agreeing sources (ids as strings, names in any case) raise nothing; absent facts are not claims', () => {
    expect(
      factConflicts(API, [
        { source: 'env', id: '100001', ownerId: '200001', fullName: 'Octo-Org/Octo-Repo' },
        { source: 'payload', defaultBranch: 'main' },
        { source: 'empty', id: undefined, fullName: '' },
      ]),
    ).toEqual([]);
  });
  it('every disagreement is named with its source', () => {
    expect(
      factConflicts(API, [
        { source: 'payload', id: 1, ownerId: 2, fullName: 'evil/repo', defaultBranch: 'feature' },
      ]),
    ).toEqual([
      'payload says repository id 1, the API says 100001',
      'payload says owner id 2, the API says 200001',
      'payload says repository evil/repo, the API says octo-org/octo-repo',
      "payload says default branch 'feature', the API says 'main'",
    ]);
  });
});

describe("manifest-ref naming the run's own code", () => {
  const run = {
    defaultBranch: 'main',
    refs: ['feature/x', 'refs/pull/7/merge', undefined],
    shas: ['a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'],
  };
  it('short, heads/ and full branch refs, the pull request refs, and commit prefixes', () => {
    for (const ref of [
      'feature/x',
      'heads/feature/x',
      'refs/heads/feature/x',
      'refs/pull/7/merge',
      'pull/7/head',
      'refs/pull/7/head',
      'a1b2c3d',
      'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
    ])
      expect(isOwnRef(ref, run)).toBe(true);
  });
  it('the default branch and other refs are not the run own', () => {
    for (const ref of ['main', 'refs/heads/main', 'release', 'a1b2c3', 'v1.2.3'])
      expect(isOwnRef(ref, run)).toBe(false);
  });
  it("another pull request's refs are refused too: their author wrote them (session 8)", () => {
    for (const ref of ['refs/pull/8/merge', 'pull/999/head', 'refs/pull/12/HEAD'])
      expect(isOwnRef(ref, run)).toBe(true);
  });
  it('any spelling of the head branch is caught (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        fc.constantFrom('', 'heads/', 'refs/heads/'),
        (b, p) => {
          fc.pre(b !== 'main');
          expect(isOwnRef(`${p}${b}`, { defaultBranch: 'main', refs: [b], shas: [] })).toBe(true);
        },
      ),
    );
  });
});
