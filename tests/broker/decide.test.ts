import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide, workflowOf } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { loadManifest, loadOrgPolicy } from '../../shared/manifest/load.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { MANIFEST } from '../support/broker.js';

const manifest = loadManifest(MANIFEST, 'm.yml');
const claims = (over: Record<string, unknown> = {}) =>
  githubClaims('https://issuer', 'aud', over) as unknown as GithubOidcClaims;
const rank = { none: 0, read: 1, write: 2 } as const;

describe('decide (pure grant decision)', () => {
  it('grants a GitHub scope iff every requested permission is within the grant (property)', () => {
    const granted = { contents: 'write', issues: 'read' } as const;
    const perm = fc.constantFrom('contents', 'issues', 'pull-requests', 'workflows');
    const level = fc.constantFrom('read', 'write');
    fc.assert(
      fc.property(fc.dictionary(perm, level, { minKeys: 1 }), (req) => {
        const scope = Object.entries(req)
          .map(([p, l]) => `${p}:${l}`)
          .join(' ');
        const within = Object.entries(req).every(
          ([p, l]) =>
            rank[l as 'read' | 'write'] <= rank[(granted as Record<string, 'read' | 'write'>)[p] ?? 'none'],
        );
        try {
          const d = decide({
            claims: claims(),
            request: { audience: 'github', scope, job: 'publish', step: 'release' },
            manifest,
          });
          expect(within).toBe(true);
          expect(d.kind === 'github' && d.permissions).toEqual(req);
        } catch (err) {
          expect(err).toBeInstanceOf(BrokerRefusal);
          expect(within).toBe(false);
          expect((err as BrokerRefusal).error).toBe('invalid_scope');
        }
      }),
    );
  });

  it('takes the workflow from job_workflow_ref, and refuses a workflow of another repository', () => {
    expect(
      workflowOf(
        claims({ job_workflow_ref: 'octo-org/octo-repo/.github/workflows/inner.yml@refs/heads/main' }),
      ).file,
    ).toBe('inner.yml');
    expect(() =>
      decide({
        claims: claims({ job_workflow_ref: 'evil/repo/.github/workflows/release.yml@main' }),
        request: { audience: 'github', scope: '', job: 'publish', step: 'release' },
        manifest,
      }),
    ).toThrow(/ERR_FOREIGN_WORKFLOW/);
  });

  it('caps ttl at the organization ceiling', () => {
    const org = loadOrgPolicy('version: 1\nmax-credential-ttl: 45\n', 'org.yml');
    const d = decide({
      claims: claims(),
      request: { audience: 'https://hooks.example.internal', scope: '', job: 'publish', step: 'notify' },
      manifest,
      org,
    });
    expect(d.ttl).toBe(45);
  });
});
