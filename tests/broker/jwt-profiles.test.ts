/** JWT-SVIDs and AWS session tags from the real broker, checked by a verifier written to the SPIFFE specs. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SignJWT, decodeJwt, decodeProtectedHeader, createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { generateSigningKey } from '../../shared/broker/signing-key.js';
import {
  AWS_TAGS_CLAIM,
  awsTagValue,
  spiffeIdOf,
  spiffeSegment,
} from '../../shared/broker/providers/jwt-profiles.js';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startStack, type Stack } from '../support/broker.js';
import { parseSpiffeId, verifyJwtSvid, type SpiffeBundle } from '../support/spiffe-verifier.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const TD = 'ci.example.org';

describe('SPIFFE IDs', () => {
  it('every segment built from any string parses as a SPIFFE path segment', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (repo, wf, job, step) => {
        const id = spiffeIdOf(TD, {
          repository: `o/${repo}`,
          workflow: wf,
          job,
          step,
          run_id: '1',
          run_attempt: '1',
        });
        const parsed = parseSpiffeId(id);
        expect(parsed.trustDomain).toBe(TD);
        expect(parsed.path).toHaveLength(6);
        expect(parsed.path[0]).toBe('gh');
      }),
    );
  });

  it('drops characters outside [A-Za-z0-9._-] and never yields an empty, . or .. segment', () => {
    expect(spiffeSegment('release.yml')).toBe('release.yml');
    expect(spiffeSegment('build (ubuntu, 20)')).toBe('buildubuntu20');
    expect(spiffeSegment('..')).toBe('_');
    expect(spiffeSegment('/%2F/')).toBe('2F');
    expect(spiffeSegment('')).toBe('_');
    expect(() =>
      spiffeIdOf('Bad.Domain', {
        repository: 'a/b',
        workflow: 'w',
        job: 'j',
        step: 's',
        run_id: '1',
        run_attempt: '1',
      }),
    ).toThrow(/trust domain/);
  });

  it('the spec verifier refuses malformed IDs', () => {
    for (const bad of [
      'spiffe://td/a/',
      'spiffe://td//a',
      'spiffe://td/a/../b',
      'spiffe://TD/a',
      'spiffe://td/a%2Fb',
      'https://td/a',
    ])
      expect(() => parseSpiffeId(bad)).toThrow();
  });
});

describe('AWS session tags', () => {
  it('keeps tag values within what STS accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        const v = awsTagValue(s);
        expect(v.length).toBeLessThanOrEqual(256);
        expect(v).toMatch(/^[\p{L}\p{N} _.:/=+\-@]*$/u);
      }),
    );
  });
});

describe('broker JWT profiles', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({
      jwt: {
        profile: 'default',
        trustDomain: TD,
        audiences: new Map([[HOOKS, { profile: 'spiffe', awsSessionTags: true }]]),
        svidKeys: await generateSigningKey('jwt-svid'),
      },
    });
  });
  afterAll(() => s.close());

  const bundle = async () =>
    (await (await fetch(`${s.broker.url}/.well-known/spiffe-bundle`)).json()) as SpiffeBundle & {
      spiffe_sequence: number;
    };
  const svid = async (run: string) => {
    const oidc = await s.issuer.mint({ run_id: runIdOf(run) });
    const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify' }));
    expect(r.status).toBe(200);
    return String(r.body.access_token);
  };

  it('issues a JWT-SVID that a SPIFFE verifier accepts: sub, one aud, exp, header alg/kid/typ only', async () => {
    const token = await svid('5001');
    const b = await bundle();
    expect(b.keys.every((k) => k.use === 'jwt-svid')).toBe(true);
    expect(typeof b.spiffe_sequence).toBe('number');
    const { spiffeId, claims } = await verifyJwtSvid(token, new Map([[TD, b]]), HOOKS);
    expect(spiffeId).toBe(`spiffe://${TD}/gh/octo-org/octo-repo/release.yml/publish/notify`);
    expect(claims.aud).toBe(HOOKS);
    expect(Object.keys(decodeProtectedHeader(token)).sort()).toEqual(['alg', 'kid', 'typ']);
    // AWS session tags ride along on this audience.
    const tags = decodeJwt(token)[AWS_TAGS_CLAIM] as {
      principal_tags: Record<string, string[]>;
      transitive_tag_keys: string[];
    };
    expect(tags.principal_tags.Repository).toEqual(['octo-org/octo-repo']);
    expect(tags.principal_tags.Step).toEqual(['notify']);
    expect(tags.transitive_tag_keys).toContain('RunId');
  });

  it('the JWKS publishes the SVID key with use jwt-svid beside the broker key with use sig', async () => {
    const jwks = (await (await fetch(`${s.broker.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    expect(jwks.keys.map((k) => k.use).sort()).toEqual(['jwt-svid', 'sig']);
    // A verifier that only trusts `sig` keys (jose's JWKS) does not accept a JWT-SVID as a broker JWT.
    await expect(jwtVerify(await svid('5002'), createLocalJWKSet(jwks))).rejects.toThrow();
  });

  it('the verifier refuses the wrong trust domain, audience, an expired token, a missing kid and extra headers', async () => {
    const token = await svid('5003');
    const b = await bundle();
    await expect(verifyJwtSvid(token, new Map([['other.org', b]]), HOOKS)).rejects.toThrow(/no bundle/);
    await expect(verifyJwtSvid(token, new Map([[TD, b]]), 'https://other')).rejects.toThrow(/aud/);
    await expect(verifyJwtSvid(token, new Map([[TD, b]]), HOOKS, decodeJwt(token).exp! + 1)).rejects.toThrow(
      /expired/,
    );
    const key = await generateSigningKey('jwt-svid');
    const forged = await new SignJWT({ sub: `spiffe://${TD}/gh/x`, aud: HOOKS, exp: 2e9 })
      .setProtectedHeader({ alg: 'ES256', kid: key.active(0).kid, typ: 'JWT', cty: 'x' } as never)
      .sign(key.active(0).privateKey);
    await expect(verifyJwtSvid(forged, new Map([[TD, { keys: key.published(0) }]]), HOOKS)).rejects.toThrow(
      /header 'cty'/,
    );
    const noKid = await new SignJWT({ sub: `spiffe://${TD}/gh/x`, aud: HOOKS, exp: 2e9 })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(key.active(0).privateKey);
    await expect(verifyJwtSvid(noKid, new Map([[TD, { keys: key.published(0) }]]), HOOKS)).rejects.toThrow(
      /kid/,
    );
    // A token signed by a key outside the bundle is refused.
    const other = await new SignJWT({ sub: `spiffe://${TD}/gh/x`, aud: HOOKS, exp: 2e9 })
      .setProtectedHeader({ alg: 'ES256', kid: key.active(0).kid, typ: 'JWT' })
      .sign(key.active(0).privateKey);
    await expect(verifyJwtSvid(other, new Map([[TD, b]]), HOOKS)).rejects.toThrow(/no jwt-svid key/);
  });

  it('introspection knows a JWT-SVID it issued', async () => {
    const token = await svid('5004');
    const r = await s.post('/introspect', { token }, { authorization: 'Bearer secret' });
    expect(r.body.active).toBe(true);
    expect(r.body.sub).toBeDefined();
  });

  it('a default-profile audience still gets a plain broker JWT', async () => {
    const s2 = await startStack();
    try {
      const r = await s2.token(s2.exchangeForm(await s2.issuer.mint(), { audience: HOOKS, step: 'notify' }));
      expect(String(decodeJwt(String(r.body.access_token)).sub)).not.toMatch(/^spiffe:/);
      expect((await fetch(`${s2.broker.url}/.well-known/spiffe-bundle`)).status).toBe(404);
    } finally {
      await s2.close();
    }
  });
});

describe('config', () => {
  it('refuses the spiffe profile without a trust domain, naming the line', () => {
    expect(() =>
      loadBrokerConfig('audiences:\n  https://x: { jwt-profile: spiffe }\n', 'b.yml', '/'),
    ).toThrow(/b\.yml:2.*spiffe JWT profile needs a trust domain/s);
    expect(() => loadBrokerConfig('spiffe: { trust-domain: Bad_Upper }\n', 'b.yml', '/')).toThrow(
      /trust domain/,
    );
    const ok = loadBrokerConfig(
      'jwt-profile: spiffe\nspiffe: { trust-domain: ci.example.org }\n',
      'b.yml',
      '/',
    );
    expect(ok.spiffe?.['key-file']).toBe('./broker-svid-keys.json');
  });
});
