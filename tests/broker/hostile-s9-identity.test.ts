/**
 * Session 9: the identity-collision refusal (ERR_GRANT_IDENTITY_COLLISION) is computed once per
 * compiled manifest (the sources keep one object per commit), not by walking every grant of the
 * manifest on each exchange. Same refusals as before (hostile-s8-identity), now from one pass.
 */
import { describe, expect, it } from '@jest/globals';
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { loadManifest } from '../../shared/manifest/load.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';

const A = 'https://a.example';
const claims = () => githubClaims('https://issuer', 'aud') as unknown as GithubOidcClaims;

describe('identity collisions are found once per compiled manifest', () => {
  it('many exchanges of a lossy step walk the grants once', () => {
    const steps = ['Deployprod', 'Deploy prod', ...Array.from({ length: 50 }, (_, i) => `s ${i}`)];
    const m = loadManifest(
      `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        credentials:
${steps.map((s) => `          - { step: ${JSON.stringify(s)}, audience: ${A}, scope: [x] }`).join('\n')}
`,
      'm.yml',
    );
    // Count the walks over the workflow's jobs (what a scan of the manifest's grants starts with).
    let walks = 0;
    const wf = m.manifest.workflows['release.yml']!;
    (wf as { jobs: unknown }).jobs = new Proxy(wf.jobs, {
      ownKeys: (t) => {
        walks++;
        return Reflect.ownKeys(t);
      },
    });
    const ask = (step: string) => {
      try {
        decide({ claims: claims(), request: { audience: A, scope: '', job: 'publish', step }, manifest: m });
        return 'ok';
      } catch (e) {
        return (e as BrokerRefusal).code;
      }
    };
    expect(ask('Deploy prod')).toBe('ERR_GRANT_IDENTITY_COLLISION');
    expect(ask('s 1')).toBe('ok');
    const first = walks;
    for (let i = 0; i < 20; i++) {
      expect(ask('Deploy prod')).toBe('ERR_GRANT_IDENTITY_COLLISION');
      expect(ask(`s ${i}`)).toBe('ok');
    }
    expect(walks).toBe(first);
  });
});
