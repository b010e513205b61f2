/**
 * Session 26: the token's claims held to their shapes. Each refusal names its rule and claim, and each
 * is shown on a token the issuer's key signed (so only the shape can refuse it); the spaces are
 * fast-check properties over the pure shape check.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_JTI_LENGTH } from '../../shared/oidc/verify.js';
import { baseClaims as base, shapeRefusal, shapeRig } from '../support/claim-shapes.js';

const rig = shapeRig();
const refusal = (token: string) => rig.refusal(token);

const now = () => Math.floor(Date.now() / 1000);

/** A signed token whose header or payload JSON text is given verbatim (times added to the payload). */
async function rawToken(opts: { payloadPrefix?: string; headerPrefix?: string }): Promise<string> {
  const t = now();
  const payload = `${opts.payloadPrefix ?? ''}${JSON.stringify({ ...rig.issuer.claims(), iat: t, nbf: t, exp: t + 300 })}`;
  const jwks = rig.issuer.jwks();
  const header = `${opts.headerPrefix ?? ''}${JSON.stringify({ alg: 'RS256', kid: jwks.keys[0]!.kid, typ: 'JWT' })}`;
  return rig.issuer.mintRaw(payload, header);
}

describe('a JWS part is JSON with no byte order mark (s26)', () => {
  it('accepts the same token without the mark (the raw minting is sound)', async () => {
    await expect(rig.verifier.verify(await rawToken({}))).resolves.toMatchObject({
      repository: 'octo-org/octo-repo',
    });
  });

  it.each([
    ['payload', { payloadPrefix: '\uFEFF' }],
    ['header', { headerPrefix: '\uFEFF' }],
  ])(
    'refuses a %s whose bytes start with a BOM (TextDecoder drops it; another reader refuses it)',
    async (part, o) => {
      const e = await refusal(await rawToken(o));
      expect(e.code).toBe('ERR_OIDC_MALFORMED');
      expect(e.message).toContain(`${part} starts with a byte order mark`);
    },
  );
});

describe('jti is bounded (s26)', () => {
  it(`refuses a jti longer than ${MAX_JTI_LENGTH} characters, naming the claim, on a signed token`, async () => {
    const e = await refusal(await rig.issuer.mint({ jti: 'j'.repeat(MAX_JTI_LENGTH + 1) }));
    expect([e.code, e.claim]).toEqual(['ERR_OIDC_CLAIM_INVALID', 'jti']);
    expect(e.message).toContain(`longer than ${MAX_JTI_LENGTH}`);
    // The token's own text is not echoed: the refusal names the rule, not 129 characters of it.
    expect(e.message).not.toContain('j'.repeat(MAX_JTI_LENGTH));
    await expect(
      rig.verifier.verify(await rig.issuer.mint({ jti: 'j'.repeat(MAX_JTI_LENGTH) })),
    ).resolves.toBeTruthy();
  });

  it('accepts any UUID jti (GitHub sends a UUID) and refuses any jti past the bound', () => {
    fc.assert(
      fc.property(fc.uuid(), (jti) => shapeRefusal({ ...base(), jti }) === undefined),
      { seed: 26, numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: MAX_JTI_LENGTH + 1, maxLength: 600, unit: 'grapheme-ascii' }),
        (jti) => shapeRefusal({ ...base(), jti })?.claim === 'jti',
      ),
      { seed: 26, numRuns: 300 },
    );
  });
});

/** Claims the broker uses as keys, labels or audit text. */
const TEXT_CLAIMS = [
  'sub',
  'jti',
  'actor',
  'ref',
  'environment',
  'workflow',
  'workflow_ref',
  'job_workflow_ref',
  'head_ref',
  'base_ref',
  'runner_environment',
  'repository_visibility',
  'triggering_actor',
] as const;

describe('no string claim holds a control character (s26)', () => {
  it.each([
    ['sub', 'repo:octo-org/octo-repo:ref:refs/heads/main\n'],
    ['sub', 'custom\u0000sub'],
    ['environment', 'production\u0000'],
    ['actor', 'octo\u007fcat'],
    ['workflow', 'release\u0085'],
    ['jti', 'a\tb'],
  ])('refuses %s %j on a signed token, naming the claim and the character', async (claim, value) => {
    const e = await refusal(await rig.issuer.mint({ [claim]: value }));
    expect([e.code, e.claim]).toEqual(['ERR_OIDC_CLAIM_INVALID', claim]);
    expect(e.message).toMatch(/control character U\+00[0-9A-F]{2}/);
    expect(e.message).not.toMatch(/\p{Cc}/u);
  });

  it('refuses any claim value holding a control character, naming that claim', () => {
    const control = fc
      .integer({ min: 0, max: 0x9f })
      .filter((c) => c < 0x20 || c >= 0x7f)
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXT_CLAIMS),
        fc.string({ maxLength: 20 }),
        control,
        fc.string({ maxLength: 20 }),
        (claim, before, c, after) => {
          const e = shapeRefusal({ ...base(), [claim]: `${before}${c}${after}` });
          return e?.code === 'ERR_OIDC_CLAIM_INVALID' && e.claim === claim;
        },
      ),
      { seed: 26, numRuns: 500 },
    );
  });

  it('accepts printable values (any language, spaces included) in the same claims', () => {
    const printable = fc.string({ maxLength: 40, unit: 'grapheme' }).filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(
        fc.constantFrom('actor', 'environment', 'workflow', 'head_ref', 'triggering_actor'),
        printable,
        (claim, v) => shapeRefusal({ ...base(), [claim]: v }) === undefined,
      ),
      { seed: 26, numRuns: 300 },
    );
  });
});

/**
 * Session 27: a string claim is well-formed UTF-16. JSON lets a token carry an unpaired surrogate
 * (`"\ud800"`, valid JSON, valid UTF-8 on the wire, so the strict decoder passes it), and every place a
 * claim goes as bytes — Redis keys (`jti:…`, `claim:…`, run indexes), the audit file — writes it as
 * U+FFFD: two different values became one there and stayed two in the memory store (a jti `x\ud800`
 * after `x\ud801` was a replay with Redis and fresh in memory). GitHub's claims never hold one.
 */
describe('no string claim holds an unpaired surrogate (s27)', () => {
  it.each([
    ['jti', 'x\ud800'],
    ['workflow', 'release \udfff'],
    ['environment', '\udbffproduction'],
    ['sub', 'repo:octo-org/octo-repo:environment:prod\ud83d'],
  ])('refuses %s %j on a signed token, naming the claim and the index', async (claim, value) => {
    const e = await refusal(await rig.issuer.mint({ [claim]: value }));
    expect([e.code, e.claim]).toEqual(['ERR_OIDC_CLAIM_INVALID', claim]);
    expect(e.message).toMatch(/unpaired surrogate U\+D[89A-F][0-9A-F]{2} at index \d+/);
    // Nothing of the value is echoed: the message holds no surrogate at all.
    expect(e.message).not.toMatch(/[\ud800-\udfff]/);
  });

  it('refuses a claim *name* holding an unpaired surrogate, as it refuses a control character there (merge, s27)', async () => {
    const e = await refusal(await rig.issuer.mint({ ['x\udc00y']: 'v' }));
    expect(e.code).toBe('ERR_OIDC_CLAIM_INVALID');
    expect(e.message).toMatch(/claim name '.*' holds an unpaired surrogate U\+DC00 at index 1/);
    expect(shapeRefusal({ ...base(), ['ok_\ud83d\ude80']: 'v' })).toBeUndefined();
  });

  it('accepts the same claims with their pairs whole (an emoji is two units, one character)', async () => {
    await expect(
      rig.verifier.verify(
        await rig.issuer.mint({ workflow: 'release \ud83d\ude80', environment: 'prod 🚀' }),
      ),
    ).resolves.toMatchObject({ workflow: 'release 🚀' });
  });

  it('refuses any claim value holding a lone surrogate, naming that claim; accepts every well-formed one', () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    // Text around it that cannot pair with it: letters only.
    const text = fc.string({ maxLength: 12, unit: fc.constantFrom(...'abc-_/ 1') });
    fc.assert(
      fc.property(fc.constantFrom(...TEXT_CLAIMS), text, lone, text, (claim, before, c, after) => {
        const e = shapeRefusal({ ...base(), [claim]: `${before}${c}${after}` });
        return e?.code === 'ERR_OIDC_CLAIM_INVALID' && e.claim === claim;
      }),
      { seed: 27, numRuns: 500 },
    );
    const wellFormed = fc.string({ maxLength: 30, unit: 'grapheme' }).filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(
        fc.constantFrom('actor', 'environment', 'workflow', 'head_ref'),
        wellFormed,
        (claim, v) => shapeRefusal({ ...base(), [claim]: v }) === undefined,
      ),
      { seed: 27, numRuns: 300 },
    );
  });
});

describe('run facts are GitHub digit strings (left by session 26, held in session 27)', () => {
  // run_id keys the kill switch's run blocks, the run indexes and the broker JWT's claim; GitHub signs
  // it, run_attempt and run_number as digit strings (NUMERIC_ID_CLAIMS, shared/oidc/claims.ts).
  it.each([
    ['run_id', 's26-run'],
    ['run_attempt', '1a'],
    ['run_number', '42 '],
  ])('refuses a %s of %j', (claim, value) => {
    expect(shapeRefusal({ ...base(), [claim]: value })?.claim).toBe(claim);
  });
});
