/**
 * Attacking session 17's re-fetch on an ambiguous kid (session 18): tokens naming a kid the issuer's
 * set publishes twice ask for the set again, at most once per cooldown per issuer (no storm, however
 * many tokens), without touching another issuer's keys; an EC and an RSA key sharing a kid are not
 * ambiguous for an RS256 token; a set that flips between answers is believed as fetched.
 */
import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, errors as joseErrors, type JWK } from 'jose';
import { issuerKeys } from '../../shared/oidc/keys.js';

const rsa = async (kid: string): Promise<JWK> => ({
  ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).publicKey)),
  kid,
  alg: 'RS256',
  use: 'sig',
});
const ec = async (kid: string): Promise<JWK> => ({
  ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)),
  kid,
  use: 'sig',
});

/** A stand-in issuer over a real fetch signature: its set is whatever `sets[issuer]` holds now. */
function issuers(sets: Record<string, { keys: JWK[] }>) {
  const fetched: string[] = [];
  const f = (async (input: string | URL | Request) => {
    const url = String(input);
    fetched.push(url);
    const issuer = url.replace(/\/(\.well-known\/openid-configuration|jwks)$/, '');
    const body = url.endsWith('/jwks') ? sets[issuer] : { jwks_uri: `${issuer}/jwks` };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { f, fetched };
}

const token = { payload: '', signature: '', protected: '' } as never;

describe('issuer keys: an ambiguous kid asks again, once per cooldown per issuer', () => {
  it('100 tokens with an ambiguous kid inside one cooldown: one re-fetch; the other issuer untouched', async () => {
    const A = 'https://a.example';
    const B = 'https://b.example';
    const sets = { [A]: { keys: [await rsa('k1'), await rsa('k1')] }, [B]: { keys: [await rsa('b1')] } };
    const { f, fetched } = issuers(sets);
    let t = 1_000_000;
    const keys = issuerKeys({ fetch: f, now: () => t, cooldownMs: 30_000, assertUrl: () => undefined });
    const a = keys(A);
    const b = keys(B);
    await expect(a({ alg: 'RS256', kid: 'k1' }, token)).rejects.toBeInstanceOf(
      joseErrors.JWKSMultipleMatchingKeys,
    );
    const afterFirst = fetched.filter((u) => u.endsWith('/jwks')).length;
    for (let i = 0; i < 100; i++)
      await expect(a({ alg: 'RS256', kid: 'k1' }, token)).rejects.toBeInstanceOf(
        joseErrors.JWKSMultipleMatchingKeys,
      );
    expect(fetched.filter((u) => u === `${A}/jwks`).length).toBe(afterFirst);
    expect(await b({ alg: 'RS256', kid: 'b1' }, token)).toBeTruthy();
    expect(fetched.filter((u) => u === `${B}/jwks`)).toHaveLength(1);

    // The issuer repairs its set; after the cooldown the next token asks again and verifies.
    sets[A] = { keys: [sets[A]!.keys[0]!] };
    t += 30_000;
    expect(await a({ alg: 'RS256', kid: 'k1' }, token)).toBeTruthy();
    // It flips back: the cached (repaired) copy answers until it ages out (10 min) or a kid misses.
    sets[A] = { keys: [await rsa('k1'), await rsa('k1')] };
    t += 60_000;
    expect(await a({ alg: 'RS256', kid: 'k1' }, token)).toBeTruthy();
  });

  it('an EC and an RSA key under one kid: an RS256 token is not ambiguous', async () => {
    const A = 'https://mixed.example';
    const { f } = issuers({ [A]: { keys: [await ec('k1'), await rsa('k1')] } });
    const keys = issuerKeys({ fetch: f, assertUrl: () => undefined });
    expect(await keys(A)({ alg: 'RS256', kid: 'k1' }, token)).toBeTruthy();
  });
});
