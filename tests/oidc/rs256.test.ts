/**
 * The broker's RS256 verification (shared/oidc/rs256.ts) against jose's jwtVerify, which it
 * replaces on the hot path: the same tokens, the same key resolver, the same options; every generated
 * token is accepted by both or refused by both, with the same error class. Then the refusals the
 * verifier must give, one by one, through createOidcVerifier.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { createLocalJWKSet, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import { verifyRs256 } from '../../shared/oidc/rs256.js';
import { createOidcVerifier, OidcError, GITHUB_ISSUER } from '../../shared/oidc/verify.js';

const AUD = 'https://broker.example.com';
const NOW = 1_800_000_000;
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

let key: KeyObject;
let other: KeyObject;
let short: KeyObject;
let keys: JWTVerifyGetKey;
let jwks: { keys: JWK[] };

function rsa(bits: number): KeyObject {
  return createPrivateKey(
    generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
  );
}

beforeAll(() => {
  key = rsa(2048);
  other = rsa(2048);
  short = rsa(1024);
  const pub = (k: KeyObject, kid: string, extra: Partial<JWK> = {}) => ({
    ...(createPrivateKeyPublic(k) as JWK),
    kid,
    ...extra,
  });
  jwks = {
    keys: [pub(key, 'k1', { use: 'sig', alg: 'RS256' }), pub(other, 'k2', { use: 'enc' }), pub(short, 'k3')],
  };
  keys = createLocalJWKSet(jwks);
});

function createPrivateKeyPublic(k: KeyObject): JWK {
  const { kty, n, e } = k.export({ format: 'jwk' }) as JWK;
  return { kty, n, e };
}

function token(header: unknown, payload: unknown, signer: KeyObject = key, mutate?: (s: string) => string) {
  const input = `${typeof header === 'string' ? header : b64(header)}.${typeof payload === 'string' ? payload : b64(payload)}`;
  const sig = sign('sha256', Buffer.from(input), signer).toString('base64url');
  return `${input}.${mutate ? mutate(sig) : sig}`;
}

const claims = (over: Record<string, unknown> = {}) => {
  const c: Record<string, unknown> = {
    iss: GITHUB_ISSUER,
    aud: AUD,
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    iat: NOW - 10,
    exp: NOW + 290,
    nbf: NOW - 310,
    ...over,
  };
  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  return c;
};

const options = { issuer: GITHUB_ISSUER, audience: AUD, clockTolerance: 60, now: NOW };

/** What each side says: the claims accepted, or the name of the error class. */
async function outcome(f: () => Promise<unknown>): Promise<string> {
  try {
    return `ok ${JSON.stringify(await f())}`;
  } catch (err) {
    return (err as Error).constructor.name;
  }
}

const jose = (t: string) =>
  outcome(
    async () =>
      (
        await jwtVerify(t, keys, {
          algorithms: ['RS256'],
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: options.clockTolerance,
          currentDate: new Date(NOW * 1000),
          requiredClaims: ['exp', 'iat'],
        })
      ).payload,
  );
const ours = (t: string) => outcome(() => verifyRs256(t, keys, options));

describe('RS256 verification: the same verdicts as jose', () => {
  it('agrees with jwtVerify on generated headers, claims and signatures', async () => {
    const header = fc.record(
      {
        alg: fc.constantFrom('RS256', 'RS384', 'PS256', 'ES256', 'HS256', 'none', '', 7),
        kid: fc.constantFrom('k1', 'k2', 'k3', 'nope'),
        typ: fc.constantFrom('JWT', 'at+jwt'),
        crit: fc.constantFrom([], ['exp'], ['b64'], [''], 'b64', ['b64', 'zip']),
        b64: fc.constantFrom(true, false, 'true'),
      },
      { requiredKeys: ['alg'] },
    );
    const time = fc.constantFrom(
      undefined,
      NOW - 61,
      NOW - 60,
      NOW - 59,
      NOW,
      NOW + 59,
      NOW + 60,
      NOW + 61,
      String(NOW + 100),
      null,
    );
    const payload = fc.record({
      iss: fc.constantFrom(GITHUB_ISSUER, `${GITHUB_ISSUER}/`, undefined, 1),
      aud: fc.constantFrom(AUD, [AUD, 'x'], ['x'], 'x', undefined, [] as string[]),
      iat: time,
      exp: time,
      nbf: time,
    });
    const signer = fc.constantFrom('good', 'other', 'short', 'flip', 'cut', 'pad', 'empty');
    await fc.assert(
      fc.asyncProperty(header, payload, signer, async (h, p, how) => {
        const by = how === 'other' ? other : how === 'short' ? short : key;
        const mutate =
          how === 'flip'
            ? (s: string) => (s[5] === 'A' ? 'B' : 'A') + s.slice(1)
            : how === 'cut'
              ? (s: string) => s.slice(0, -3)
              : how === 'pad'
                ? (s: string) => `${s}=`
                : how === 'empty'
                  ? () => ''
                  : undefined;
        const t = token(h, claims(p), by, mutate);
        expect(await ours(t)).toBe(await jose(t));
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['four segments', (t: string) => `${t}.x`],
    ['two segments', (t: string) => t.split('.').slice(0, 2).join('.')],
    [
      'a header that is not JSON',
      (t: string) => `${b64('{"alg":"RS256"')}.${t.split('.').slice(1).join('.')}`,
    ],
    ['a header that is an array', (t: string) => `${b64(['RS256'])}.${t.split('.').slice(1).join('.')}`],
    [
      'a header with invalid UTF-8',
      (t: string) =>
        `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.${t.split('.').slice(1).join('.')}`,
    ],
    [
      'a signature of impossible length',
      (t: string) =>
        `${t}A`.replace(/\.([^.]*)$/, (_m, s: string) => `.${s.slice(0, Math.floor(s.length / 4) * 4 + 1)}`),
    ],
    ['a signature with a non-base64url character', (t: string) => `${t.slice(0, -2)}+A`],
  ])('agrees on malformed segments: %s', async (_n, mangle) => {
    const t = mangle(token({ alg: 'RS256', kid: 'k1' }, claims()));
    const verdict = await ours(t);
    expect(verdict).not.toMatch(/^ok/);
    expect(verdict).toBe(await jose(t));
  });

  it('agrees on a payload that is not a JSON object, or not UTF-8, under a valid signature', async () => {
    for (const p of [b64([1, 2]), b64('"x"'), Buffer.from([0x7b, 0xc3, 0x28, 0x7d]).toString('base64url')]) {
      const t = token({ alg: 'RS256', kid: 'k1' }, p);
      expect(await ours(t)).not.toMatch(/^ok/);
      expect(await ours(t)).toBe(await jose(t));
    }
  });

  it('accepts exactly what jose accepts for a valid token, claims and all', async () => {
    const t = token({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, claims({ repository: 'o/r', n: [1] }));
    const verdict = await ours(t);
    expect(verdict).toMatch(/^ok /);
    expect(verdict).toBe(await jose(t));
  });
});

describe('OIDC verifier on node:crypto: every refusal', () => {
  const verifier = () =>
    createOidcVerifier({
      issuers: [GITHUB_ISSUER],
      audience: AUD,
      jwks: jwks as never,
      now: () => Math.floor(Date.now() / 1000),
    });
  const github = (over: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return claims({
      iat: now,
      nbf: now - 300,
      exp: now + 300,
      jti: 'j-1',
      repository: 'octo-org/octo-repo',
      repository_id: '100001',
      repository_owner: 'octo-org',
      repository_owner_id: '200001',
      run_id: '9001',
      run_attempt: '1',
      ...over,
    });
  };
  const code = async (t: string) => {
    try {
      await verifier().verify(t);
      return 'accepted';
    } catch (err) {
      expect(err).toBeInstanceOf(OidcError);
      expect((err as Error).message).not.toContain(t);
      return (err as OidcError).code;
    }
  };

  it('accepts a GitHub-shaped token signed by the issuer key', async () => {
    expect(await code(token({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, github()))).toBe('accepted');
  });

  it.each([
    ['a wrong alg (RS384)', { alg: 'RS384', kid: 'k1' }, 'ERR_OIDC_ALG'],
    ['alg none', { alg: 'none', kid: 'k1' }, 'ERR_OIDC_ALG'],
    ['no alg', { kid: 'k1' }, 'ERR_OIDC_ALG'],
    ['an unknown kid', { alg: 'RS256', kid: 'nope' }, 'ERR_OIDC_KID_UNKNOWN'],
    ['a kid of a key published for encryption', { alg: 'RS256', kid: 'k2' }, 'ERR_OIDC_KID_UNKNOWN'],
    [
      'a crit header naming an unknown extension',
      { alg: 'RS256', kid: 'k1', crit: ['exp'] },
      'ERR_OIDC_MALFORMED',
    ],
    ['an empty crit header', { alg: 'RS256', kid: 'k1', crit: [] }, 'ERR_OIDC_MALFORMED'],
    ['crit b64 without b64', { alg: 'RS256', kid: 'k1', crit: ['b64'] }, 'ERR_OIDC_MALFORMED'],
    [
      'b64=false (an unencoded payload)',
      { alg: 'RS256', kid: 'k1', crit: ['b64'], b64: false },
      'ERR_OIDC_MALFORMED',
    ],
  ])('refuses %s', async (_n, header, expected) => {
    expect(await code(token(header, github()))).toBe(expected);
  });

  it('refuses a bad signature: another key, a flipped byte, none at all', async () => {
    const h = { alg: 'RS256', kid: 'k1' };
    expect(await code(token(h, github(), other))).toBe('ERR_OIDC_SIGNATURE');
    expect(await code(token(h, github(), key, (s) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)))).toBe(
      'ERR_OIDC_SIGNATURE',
    );
    expect(await code(token(h, github(), key, () => ''))).toBe('ERR_OIDC_SIGNATURE');
    // The signature of one payload over another.
    const [hh, , ss] = token(h, github()).split('.');
    expect(
      await code(`${hh}.${b64(github({ repository: 'evil/repo', repository_owner: 'evil' }))}.${ss}`),
    ).toBe('ERR_OIDC_SIGNATURE');
  });

  it('refuses a key shorter than 2048 bits, as jose does', async () => {
    expect(await code(token({ alg: 'RS256', kid: 'k3' }, github(), short))).not.toBe('accepted');
  });

  it('refuses malformed segments before any key is used', async () => {
    const t = token({ alg: 'RS256', kid: 'k1' }, github());
    expect(await code(`${t}.x`)).toBe('ERR_OIDC_MALFORMED');
    expect(await code(t.split('.').slice(0, 2).join('.'))).toBe('ERR_OIDC_MALFORMED');
    expect(await code(`${t.slice(0, -1)}`.replace(/\.[^.]*$/, '.A'))).toBe('ERR_OIDC_MALFORMED');
    expect(await code(`${b64(['RS256'])}.${t.split('.').slice(1).join('.')}`)).toBe('ERR_OIDC_MALFORMED');
  });

  it('refuses the time and audience claims jose refuses, with the same codes', async () => {
    const h = { alg: 'RS256', kid: 'k1' };
    const now = Math.floor(Date.now() / 1000);
    expect(await code(token(h, github({ exp: now - 61, iat: now - 200 })))).toBe('ERR_OIDC_EXPIRED');
    expect(await code(token(h, github({ nbf: now + 61 })))).toBe('ERR_OIDC_NOT_YET_VALID');
    expect(await code(token(h, github({ aud: 'https://other.example.com' })))).toBe('ERR_OIDC_AUDIENCE');
    // jose (and verifyRs256) accept an array holding the audience; the verifier wants it alone (hostile review, session 5).
    expect(await code(token(h, github({ aud: [AUD] })))).toBe('accepted');
    expect(await code(token(h, github({ aud: ['x', AUD] })))).toBe('ERR_OIDC_AUDIENCE');
    expect(await code(token(h, github({ aud: undefined })))).toBe('ERR_OIDC_AUDIENCE');
  });
});
