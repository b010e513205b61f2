/**
 * `credentialGrantPaths` is computed once per manifest object (session 27): four rules of one check
 * ask for it, and each walk went over every job of the manifest. The list is the same for every
 * caller, frozen so that none can change another's, and another manifest gets its own.
 */
import { describe, expect, it } from '@jest/globals';
import { credentialGrantPaths } from '../../shared/conditions/grants.js';
import { loadManifest } from '../../shared/manifest/load.js';

const text = (step: string) => `version: 1
workflows:
  ci.yml:
    jobs:
      a:
        credentials:
          - step: ${step}
            audience: github
            permissions: { contents: read }
      b:
        permissions: { contents: read }
  release.yml:
    jobs:
      r:
        when: { ref: refs/heads/main }
        credentials:
          - step: one
            audience: github
            permissions: { contents: read }
          - step: two
            audience: github
            permissions: { contents: read }
`;

describe('credentialGrantPaths', () => {
  it('walks a manifest once and gives every caller the same frozen list', () => {
    const m = loadManifest(text('s'), 'm.yml').manifest;
    const first = credentialGrantPaths(m);
    expect(credentialGrantPaths(m)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as unknown[]).push(first[0])).toThrow(TypeError);
    expect(
      first.map((g) => [g.workflow, g.job, g.index, g.grant.step, g.path, g.jobWhen?.ref]),
    ).toStrictEqual([
      ['ci.yml', 'a', 0, 's', ['workflows', 'ci.yml', 'jobs', 'a', 'credentials', 0], undefined],
      [
        'release.yml',
        'r',
        0,
        'one',
        ['workflows', 'release.yml', 'jobs', 'r', 'credentials', 0],
        ['refs/heads/main'],
      ],
      [
        'release.yml',
        'r',
        1,
        'two',
        ['workflows', 'release.yml', 'jobs', 'r', 'credentials', 1],
        ['refs/heads/main'],
      ],
    ]);
  });

  it('gives another manifest object its own list', () => {
    const a = credentialGrantPaths(loadManifest(text('s'), 'm.yml').manifest);
    const b = credentialGrantPaths(loadManifest(text('t'), 'm.yml').manifest);
    expect(b).not.toBe(a);
    expect(b[0]!.grant.step).toBe('t');
    expect(a[0]!.grant.step).toBe('s');
  });
});
