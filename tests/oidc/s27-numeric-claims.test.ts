/**
 * Session 27: the claims GitHub sends as numeric ids are held to GitHub's digits, a claim's name to
 * printable text, and the broker's own JWTs to the same compact-JWS shape as GitHub's tokens. Each
 * refusal is shown on a token the key signed (so only the shape can refuse it); the spaces are
 * fast-check properties over the pure checks.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { JWK } from 'jose';
import { NUMERIC_ID_CLAIMS } from '../../shared/oidc/claims.js';
import { compactJws } from '../../shared/oidc/compact.js';
import { serviceAudienceOf } from '../../shared/broker/client-auth.js';
import { baseClaims as base, shapeRefusal, shapeRig } from '../support/claim-shapes.js';

const rig = shapeRig();
const refusal = (token: string) => rig.refusal(token);

const ID_CLAIMS = Object.keys(NUMERIC_ID_CLAIMS) as (keyof typeof NUMERIC_ID_CLAIMS)[];

describe('numeric id claims are GitHub digit strings (s27)', () => {
  it('holds every claim GitHub documents as a decimal id or count', () => {
    // docs.github.com "OpenID Connect reference" (custom claims: "The ID of …", "The number of …").
    expect(ID_CLAIMS.sort()).toEqual(
      [
        'actor_id',
        'check_run_id',
        'enterprise_id',
        'repository_id',
        'repository_owner_id',
        'run_attempt',
        'run_id',
        'run_number',
      ].sort(),
    );
  });

  it.each(
    ID_CLAIMS.flatMap((claim) =>
      [
        's27-run',
        '+16208467394',
        '-1',
        ' 16208467394',
        '16208467394 ',
        '0016208467394',
        '1e10',
        '16208467394.0',
        '\u0661\u0662',
        '1'.repeat(21),
        '',
      ].map((value) => [claim, value] as const),
    ),
  )('refuses %s %j on a signed token, naming the claim', async (claim, value) => {
    const e = await refusal(await rig.issuer.mint({ [claim]: value }));
    expect(e.code).toMatch(/^ERR_OIDC_CLAIM_(INVALID|MISSING)$/);
    expect(e.claim).toBe(claim);
    expect(e.message).toContain(`'${claim}'`);
  });

  it('accepts GitHub-sized ids in every such claim (the longest 20 digits)', async () => {
    const ids = Object.fromEntries(ID_CLAIMS.map((c, i) => [c, `${i + 1}6208467394`]));
    await expect(rig.verifier.verify(await rig.issuer.mint(ids))).resolves.toMatchObject(ids);
    await expect(
      rig.verifier.verify(await rig.issuer.mint({ run_id: '1'.repeat(20) })),
    ).resolves.toBeTruthy();
  });

  it('refuses a required id absent, and accepts the optional ones absent', () => {
    for (const c of ID_CLAIMS) {
      const { [c]: _gone, ...rest } = base();
      expect(shapeRefusal(rest)?.claim).toBe(NUMERIC_ID_CLAIMS[c] ? c : undefined);
    }
  });

  it('does not echo more than a bounded prefix of a long refused value', () => {
    const e = shapeRefusal({ ...base(), run_id: 'x'.repeat(5000) });
    expect(e?.claim).toBe('run_id');
    expect(e!.message.length).toBeLessThan(300);
  });

  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const nonDigit = fc
    .string({ minLength: 1, maxLength: 1, unit: 'binary' })
    .filter((ch) => !'0123456789'.includes(ch));

  it('refuses, for each numeric claim, any value with a non-digit, a leading zero or more than 20 digits', () => {
    const withNonDigit = fc
      .tuple(fc.string({ maxLength: 12 }), nonDigit, fc.string({ maxLength: 12 }))
      .map(([a, c, b]) => `${a}${c}${b}`);
    const leadingZero = fc.array(digit, { maxLength: 19 }).map((d) => `0${d.join('')}`);
    const tooLong = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.array(digit, { minLength: 20, maxLength: 60 }))
      .map(([f, d]) => `${f}${d.join('')}`);
    fc.assert(
      fc.property(fc.constantFrom(...ID_CLAIMS), fc.oneof(withNonDigit, leadingZero, tooLong), (claim, v) => {
        const e = shapeRefusal({ ...base(), [claim]: v });
        return e?.code === 'ERR_OIDC_CLAIM_INVALID' && e.claim === claim;
      }),
      { seed: 27, numRuns: 1500 },
    );
  });

  it('accepts, for each numeric claim, any 1 to 20 digits without a leading zero', () => {
    const id = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.array(digit, { maxLength: 19 }))
      .map(([f, d]) => `${f}${d.join('')}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...ID_CLAIMS),
        id,
        (claim, v) => shapeRefusal({ ...base(), [claim]: v }) === undefined,
      ),
      { seed: 27, numRuns: 1500 },
    );
  });
});

describe('a claim name holds no control character (s27)', () => {
  it.each([['run\u0000id'], ['repository\n'], ['\u007factor'], ['env\u0085']])(
    'refuses a signed token with claim name %j, naming it escaped',
    async (name) => {
      const e = await refusal(await rig.issuer.mint({ [name]: 'x' }));
      expect(e.code).toBe('ERR_OIDC_CLAIM_INVALID');
      expect(e.message).toMatch(/claim name '.*' holds control character U\+00[0-9A-F]{2} at index \d+/);
      expect(e.message).not.toMatch(/\p{Cc}/u);
      expect(e.claim).not.toMatch(/\p{Cc}/u);
    },
  );

  it('refuses any name holding a control character, and accepts printable names', () => {
    const control = fc
      .integer({ min: 0, max: 0x9f })
      .filter((c) => c < 0x20 || c >= 0x7f)
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), control, fc.string({ maxLength: 10 }), (a, c, b) => {
        const e = shapeRefusal({ ...base(), [`${a}${c}${b}`]: 'x' });
        return e?.code === 'ERR_OIDC_CLAIM_INVALID' && e.message.includes('claim name');
      }),
      { seed: 27, numRuns: 500 },
    );
    const printable = fc
      .string({ minLength: 1, maxLength: 20, unit: 'grapheme' })
      .filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(
        printable.filter((n) => !(n in base()) && !n.startsWith('__')),
        (name) => shapeRefusal({ ...base(), [name]: 'x' }) === undefined,
      ),
      { seed: 27, numRuns: 300 },
    );
  });
});

describe("the broker's own JWTs are held to the compact-JWS shape (s27)", () => {
  const ISS = 'https://broker.example.com';
  const aud = 'https://hooks.example.internal';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keys: JWK[] = [
    { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'k1', alg: 'ES256', use: 'sig' },
  ];
  const now = () => Math.floor(Date.now() / 1000);
  const claimsJson = () => JSON.stringify({ iss: ISS, aud, iat: now(), exp: now() + 300 });
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  /** An ES256 JWS over the given header and payload text, byte for byte (a BOM stays a BOM). */
  function signed(payload: string, header = JSON.stringify({ alg: 'ES256', kid: 'k1' })): string {
    const input = `${b64(header)}.${b64(payload)}`;
    const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${sig.toString('base64url')}`;
  }

  it('accepts a genuine broker JWT (the signing here is sound)', async () => {
    expect(await serviceAudienceOf(signed(claimsJson()), keys, ISS, now())).toBe(aud);
  });

  it.each([
    ['payload', (c: string) => signed(`\uFEFF${c}`)],
    ['header', (c: string) => signed(c, `\uFEFF${JSON.stringify({ alg: 'ES256', kid: 'k1' })}`)],
  ])('refuses a broker-signed %s that starts with a byte order mark', async (part, make) => {
    const t = make(claimsJson());
    expect(compactJws(t).problem).toBe(`the token's ${part} starts with a byte order mark (U+FEFF)`);
    expect(await serviceAudienceOf(t, keys, ISS, now())).toBeUndefined();
  });

  it('refuses a genuine broker JWT spelled with a space or a tab in its signature', async () => {
    const [h, p, sig] = signed(claimsJson()).split('.') as [string, string, string];
    for (const variant of [
      `${h}.${p}.${sig.slice(0, 8)} ${sig.slice(8)}`,
      `${h}.${p}.${sig.slice(0, 8)}\t${sig.slice(8)}`,
    ]) {
      expect(compactJws(variant).problem).toBe('not a compact JWS (three base64url parts)');
      expect(await serviceAudienceOf(variant, keys, ISS, now())).toBeUndefined();
    }
  });

  it('compactJws accepts exactly three base64url parts, and refuses any other byte in them', () => {
    const b64u = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      maxLength: 30,
    });
    // Any bytes' one spelling (s28: a part's unused last bits must be zero), without a BOM at the start.
    const canonical = fc
      .uint8Array({ maxLength: 22 })
      .map((b) => Buffer.from(b).toString('base64url'))
      .filter((p) => !p.startsWith('77u'));
    fc.assert(
      fc.property(
        canonical,
        canonical,
        canonical,
        (a, b, c) => compactJws(`${a}.${b}.${c}`).problem === undefined,
      ),
      { seed: 27, numRuns: 300 },
    );
    const other = fc
      .string({ minLength: 1, maxLength: 1, unit: 'binary' })
      .filter((ch) => !/[A-Za-z0-9_.-]/.test(ch));
    fc.assert(
      fc.property(b64u, other, b64u, fc.integer({ min: 0, max: 2 }), (a, ch, b, at) => {
        const parts = ['eyJ', 'eyJ', 'c2ln'];
        parts[at] = `${a}${ch}${b}`;
        return compactJws(parts.join('.')).problem === 'not a compact JWS (three base64url parts)';
      }),
      { seed: 27, numRuns: 500 },
    );
  });
});
