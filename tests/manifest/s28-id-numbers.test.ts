/**
 * Session 28, probed and held: a numeric id written as a YAML number (the manifest's repository.id,
 * owner-id and actor-id, the broker config's owner-ids) is read as a JavaScript number, and one beyond
 * 2^53 - 1 is rounded (`9007199254740993` reads as ...992); the decision compares String(id) with the
 * token's exact digits, so a rounded id would bind the neighbour repository or user. zod's `.int()`
 * (zod 4) bounds a number to the safe integers, so each is refused where it is written: pinned here,
 * since nothing else says the bound is wanted. Digits in a string (actor-id) stay exact.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide } from '../../shared/broker/decide.js';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';

const manifestText = (id: string, ownerId = '200001', when = '') => `version: 1
repository: { name: octo-org/octo-repo, id: ${id}, owner-id: ${ownerId} }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60${when}
`;

const claims = (over: Record<string, unknown>) =>
  githubClaims('https://issuer', 'aud', over) as unknown as GithubOidcClaims;

function problemsOf(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return JSON.stringify((err as ManifestError).problems);
  }
  throw new Error('expected a ManifestError');
}

describe('numeric ids written as YAML numbers (s28)', () => {
  it('refuses repository.id 9007199254740993 (read as ...992) rather than bind the neighbour repository', () => {
    expect(problemsOf(() => loadManifest(manifestText('9007199254740993'), 'm.yml'))).toContain(
      'repository.id: Too big',
    );
  });

  it('never grants a token of repository 9007199254740992 by a manifest that says 9007199254740993', () => {
    const granted = () =>
      decide({
        claims: claims({ repository_id: '9007199254740992', repository_owner_id: '200001' }),
        request: {
          audience: 'https://hooks.example.internal',
          scope: 'notify:send',
          job: 'publish',
          step: 'notify',
        },
        manifest: loadManifest(manifestText('9007199254740993'), 'm.yml'),
      });
    expect(granted).toThrow();
  });

  it.each([
    ['repository.owner-id', manifestText('100001', '9007199254740993')],
    ['actor-id', manifestText('100001', '200001', '\n            when: { actor-id: 9007199254740993 }')],
  ])('refuses %s beyond 2^53 - 1 written as a number', (field, text) => {
    expect(problemsOf(() => loadManifest(text, 'm.yml'))).toContain(`${field}: `);
  });

  it('keeps actor-id exact when written as a quoted string of digits', () => {
    const m = loadManifest(
      manifestText('100001', '200001', "\n            when: { actor-id: '9007199254740993' }"),
      'm.yml',
    );
    const grant = m.manifest.workflows['release.yml']!.jobs!.publish!.credentials![0]!;
    expect(grant.when?.['actor-id']).toEqual(['9007199254740993']);
  });

  it("refuses the broker config's owner-ids beyond 2^53 - 1", () => {
    expect(problemsOf(() => loadBrokerConfig('owner-ids: [9007199254740993]\n', 'b.yml', '/tmp'))).toContain(
      'owner-ids.0: Too big',
    );
  });

  it('loads every id up to 2^53 - 1 and reads it exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const m = loadManifest(manifestText(String(n), String(n)), 'm.yml');
        return String(m.manifest.repository!.id) === String(n);
      }),
      { seed: 28, numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 10n ** 20n - 1n }), (n) => {
        problemsOf(() => loadManifest(manifestText(String(n)), 'm.yml'));
      }),
      { seed: 28, numRuns: 100 },
    );
  });
});
