/**
 * The subject token's characters are checked once (session 31): compactJws holds its three parts to
 * base64url, so the verifier's readers (segmentText, verifyRs256 given the parts) no longer scan the
 * ~1 kB payload and the signature again. Held here: the same readings and verdicts as the checking
 * readers (a model of session 30's `decode`, and verifyRs256 without the parts) for any parts
 * compactJws lets through, and the number of scans of a GitHub-sized token.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import { compactJws } from '../../shared/oidc/compact.js';
import { segmentText, verifyRs256 } from '../../shared/oidc/rs256.js';
import { createOidcVerifier, GITHUB_ISSUER } from '../../shared/oidc/verify.js';

const AUD = 'https://broker.example.com';
const B64 = /^[A-Za-z0-9_-]*$/;
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

let key: KeyObject;
let jwks: { keys: JWK[] };
let keys: JWTVerifyGetKey;

beforeAll(() => {
  key = createPrivateKey(
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
  );
  const { kty, n, e } = key.export({ format: 'jwk' }) as JWK;
  jwks = { keys: [{ kty, n, e, kid: 'k1', use: 'sig', alg: 'RS256' }] };
  keys = createLocalJWKSet(jwks);
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Session 30's reading of a segment: the base64url check, then strict UTF-8. */
function checkedText(part: string): string | undefined {
  if (!B64.test(part) || part.length % 4 === 1) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(part, 'base64url'));
  } catch {
    return undefined;
  }
}

function signed(header: string, payload: string): string {
  return `${header}.${payload}.${sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url')}`;
}

/** Parts near base64url: mostly its alphabet, sometimes another character, any length. */
const part = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') }),
  fc.string(),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64url')),
  fc.jsonValue().map((v) => b64(JSON.stringify(v) ?? 'null')),
);

async function outcome(f: () => Promise<unknown>): Promise<string> {
  try {
    return `ok ${JSON.stringify(await f())}`;
  } catch (err) {
    return `${(err as Error).constructor.name} ${(err as Error).message}`;
  }
}

describe('the token checked once', () => {
  it('segmentText reads every part compactJws lets through as the checking reader did', () => {
    fc.assert(
      fc.property(part, part, part, (h, p, s) => {
        const c = compactJws(`${h}.${p}.${s}`);
        if (c.problem !== undefined) return;
        expect(segmentText(c.parts, 0)).toBe(checkedText(h));
        expect(segmentText(c.parts, 1)).toBe(checkedText(p));
      }),
      { numRuns: 3000 },
    );
  });

  it('verifyRs256 given the parts gives the verdict it gives without them', async () => {
    const now = 1_800_000_000;
    const options = { issuer: GITHUB_ISSUER, audience: AUD, clockTolerance: 60, now };
    const claims = fc.record(
      {
        iss: fc.constantFrom(GITHUB_ISSUER, 'https://elsewhere.example'),
        aud: fc.constantFrom(AUD, 'other'),
        iat: fc.constantFrom(now - 10, 'x'),
        exp: fc.constantFrom(now + 290, now - 600),
        sub: fc.string(),
      },
      { requiredKeys: [] },
    );
    const header = fc.constantFrom(
      { alg: 'RS256', kid: 'k1' },
      { alg: 'RS256', kid: 'k1', crit: ['b64'], b64: true },
    );
    // A valid signature, or one changed: a character flipped, cut short, another part's.
    const mutate = fc.constantFrom<(t: string) => string>(
      (t) => t,
      (t) => t.slice(0, -2) + (t.endsWith('AA') ? 'BA' : 'AA'),
      (t) => t.slice(0, t.lastIndexOf('.') + 1),
      (t) => t.replace(/\.[^.]*$/, '.' + b64('x')),
    );
    await fc.assert(
      fc.asyncProperty(header, claims, mutate, async (h, c, m) => {
        const token = m(signed(b64(h), b64(c)));
        const compact = compactJws(token);
        if (compact.problem !== undefined) return;
        const o = { ...options, header: h, payload: c };
        const without = await outcome(() => verifyRs256(token, keys, o));
        expect(await outcome(() => verifyRs256(token, keys, { ...o, parts: compact.parts }))).toBe(without);
      }),
      { numRuns: 200 },
    );
  });

  it('scans a GitHub-sized token three times (its parts, once), not seven', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: GITHUB_ISSUER,
      aud: AUD,
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
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
      // GitHub's token carries some 30 claims: about 1 kB of payload.
      padding: 'x'.repeat(700),
    };
    const token = signed(b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' }), b64(claims));
    const verifier = createOidcVerifier({ issuers: [GITHUB_ISSUER], audience: AUD, jwks: jwks as never });
    const test = RegExp.prototype.test;
    const scans: number[] = [];
    jest.spyOn(RegExp.prototype, 'test').mockImplementation(function (this: RegExp, s: string) {
      // A whole part of the token checked for base64url (or ASCII) characters.
      if ((this.source === B64.source || this.source === '^\\p{ASCII}*$') && token.split('.').includes(s))
        scans.push(s.length);
      return test.call(this, s);
    });
    await verifier.verify(token);
    expect(scans.length).toBe(3);
    expect(scans.sort()).toEqual(
      token
        .split('.')
        .map((p) => p.length)
        .sort(),
    );
  });
});
