/**
 * Session 28: compactJws (the one text pre-check of every JWT reader) against jose, by difference.
 * jose decodes a part with `atob` and rs256.ts with Buffer: both drop the bits of a part's last
 * character past its last byte, so a 64-byte ES256 or 256-byte RS256 signature (length % 4 = 2, four
 * unused bits) had 16 spellings that verified, each another store token hash for one credential. The
 * properties: every token an encoder writes passes the pre-check (jose accepts it, so must the
 * pre-check); every other spelling of a signed token that jose would verify is refused by it (the
 * pair accepts the signed text and nothing else), for the broker's JWTs (jose) and GitHub's (rs256.ts).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { generateKeyPairSync, sign } from 'node:crypto';
import { compactVerify, createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { compactJws } from '../../shared/oidc/compact.js';
import { serviceAudienceOf } from '../../shared/broker/client-auth.js';
import { shapeRig } from '../support/claim-shapes.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keys: JWK[] = [
  { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'k1', alg: 'ES256', use: 'sig' },
];
const ISS = 'https://broker.example.com';
const aud = 'hooks';
const now = () => Math.floor(Date.now() / 1000);
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'ES256', kid: 'k1' }));

/** An ES256 JWS over the given payload bytes. */
function signed(payload: Buffer | string): string {
  const input = `${HEADER}.${b64(payload)}`;
  const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64(sig)}`;
}

async function joseVerifies(token: string): Promise<boolean> {
  try {
    await compactVerify(token, createLocalJWKSet({ keys }));
    return true;
  } catch {
    return false;
  }
}

/** Another spelling of `token`: one part's character replaced, removed or added. */
const respelled = (token: string) =>
  fc
    .record({
      part: fc.integer({ min: 0, max: 2 }),
      edit: fc.constantFrom('replace-last', 'replace', 'drop-last', 'append'),
      at: fc.nat(),
      ch: fc.constantFrom(...ALPHABET),
    })
    .map(({ part, edit, at, ch }) => {
      const parts = token.split('.');
      const p = parts[part]!;
      const i = at % Math.max(1, p.length);
      parts[part] =
        edit === 'replace-last'
          ? `${p.slice(0, -1)}${ch}`
          : edit === 'replace'
            ? `${p.slice(0, i)}${ch}${p.slice(i + 1)}`
            : edit === 'drop-last'
              ? p.slice(0, -1)
              : `${p}${ch}`;
      return parts.join('.');
    });

describe('compactJws and jose agree (s28)', () => {
  it('passes every token an encoder writes, whatever its payload bytes (jose verifies each)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 70 }), async (bytes) => {
        const t = signed(Buffer.from(bytes));
        // A payload starting with a byte order mark is the one refusal jose does not make (s27).
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        expect(compactJws(t).problem === undefined).toBe(!bom);
        expect(await joseVerifies(t)).toBe(true);
      }),
      { seed: 28, numRuns: 200 },
    );
  });

  it('the 16 spellings of one ES256 signature all verify in jose, and the pre-check passes only the written one', async () => {
    const t = signed(JSON.stringify({ iss: ISS, aud, iat: now(), exp: now() + 300 }));
    const [h, p, sig] = t.split('.') as [string, string, string];
    const verified = [];
    for (const ch of ALPHABET) {
      const v = `${h}.${p}.${sig.slice(0, -1)}${ch}`;
      if (await joseVerifies(v)) verified.push(v);
    }
    expect(verified.length).toBe(16);
    expect(verified.filter((v) => compactJws(v).problem === undefined)).toEqual([t]);
    for (const v of verified.filter((x) => x !== t)) {
      expect(compactJws(v).problem).toBe(
        "the token's signature part is not canonical base64url (a character past its last byte, or bits set past it)",
      );
      expect(await serviceAudienceOf(v, keys, ISS, now())).toBeUndefined();
    }
    expect(await serviceAudienceOf(t, keys, ISS, now())).toBe(aud);
  });

  it('whatever spelling the pre-check and jose both pass is the signed text itself', async () => {
    const t = signed(JSON.stringify({ iss: ISS, aud, iat: now(), exp: now() + 300 }));
    await fc.assert(
      fc.asyncProperty(respelled(t), async (v) => {
        if (compactJws(v).problem !== undefined) return true;
        let ok = true;
        try {
          await jwtVerify(v, createLocalJWKSet({ keys }), { issuer: ISS });
        } catch {
          ok = false;
        }
        return !ok || v === t;
      }),
      { seed: 28, numRuns: 400 },
    );
  });

  it('a length of 1 past a group of four is refused by the pre-check, as jose refuses it', async () => {
    const t = signed('{"a":1}');
    const [h, p, sig] = t.split('.') as [string, string, string];
    // The payload `{"a":1}` is 7 bytes: 10 characters; 9 or 13 characters are no bytes' spelling.
    for (const v of [`${h}.${p.slice(0, -1)}.${sig}`, `${h}.${p}AAA.${sig}`]) {
      expect(compactJws(v).problem).toMatch(/^the token's payload part is not canonical base64url/);
      expect(await joseVerifies(v)).toBe(false);
    }
  });
});

describe("GitHub's tokens through rs256.ts (s28)", () => {
  const rig = shapeRig();

  it('the spellings of an RS256 signature that Buffer would decode to the same bytes are refused ERR_OIDC_MALFORMED', async () => {
    const t = await rig.issuer.mint({});
    await rig.verifier.verify(t);
    const [h, p, sig] = t.split('.') as [string, string, string];
    expect(sig.length % 4).toBe(2);
    let others = 0;
    for (const ch of ALPHABET) {
      const v = `${h}.${p}.${sig.slice(0, -1)}${ch}`;
      if (v === t || !Buffer.from(v.split('.')[2]!, 'base64url').equals(Buffer.from(sig, 'base64url')))
        continue;
      others++;
      const e = await rig.refusal(v);
      expect(e.code).toBe('ERR_OIDC_MALFORMED');
      expect(e.message).toContain('signature part is not canonical base64url');
    }
    expect(others).toBe(15);
  });
});
