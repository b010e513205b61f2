/**
 * Hostile review (session 13): what a broker JWT says about its repository, against the real broker
 * (local issuer, GitHub stand-in, broker on 127.0.0.1). The broker binds a repository by its id (the
 * manifest's `repository.id` against the token's `repository_id`), but its JWTs named the repository
 * only by name: a relying party authorizing on `repository` (or the AWS `Repository` tag) could not
 * tell it from a repository re-created under that name after a rename or an organization's rename,
 * whose own manifest grants itself the same audience. The JWT, its chained children and the AWS
 * session tags now carry `repository_id`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { AWS_TAGS_CLAIM } from '../../shared/broker/providers/jwt-profiles.js';
import { startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';

let s: Stack;
beforeAll(async () => {
  s = await startStack({
    jwt: { profile: 'default', audiences: new Map([[HOOKS, { awsSessionTags: true }]]) },
  });
});
afterAll(async () => {
  await s.close();
});

describe('a broker JWT names its repository by id too', () => {
  it('the JWT, its AWS session tags and its chained child carry repository_id', async () => {
    const oidc = await s.issuer.mint({ run_id: runIdOf('s13-ids-1') });
    const p = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify' }));
    expect(p.status).toBe(200);
    const parent = decodeJwt(String(p.body.access_token));
    expect(parent.repository).toBe('octo-org/octo-repo');
    expect(parent.repository_id).toBe('100001');
    const tags = parent[AWS_TAGS_CLAIM] as {
      principal_tags: Record<string, string[]>;
      transitive_tag_keys: string[];
    };
    expect(tags.principal_tags.RepositoryId).toEqual(['100001']);
    expect(tags.transitive_tag_keys).toContain('RepositoryId');
    const c = await s.token({
      grant_type: GRANT,
      subject_token: String(p.body.access_token),
      subject_token_type: JWT,
    });
    expect(c.status).toBe(200);
    const child = decodeJwt(String(c.body.access_token));
    expect(child.repository_id).toBe('100001');
    expect(child[AWS_TAGS_CLAIM]).toEqual(parent[AWS_TAGS_CLAIM]);
  });
});
