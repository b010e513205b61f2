/**
 * Session 27: a string claim is well-formed UTF-16. JSON lets a token carry an unpaired surrogate
 * (`"\ud800"`, valid JSON, valid UTF-8 on the wire, so the strict decoder passes it), and every place a
 * claim goes as bytes — Redis keys (`jti:…`, `claim:…`, run indexes), the audit file, CloudEvents —
 * writes it as U+FFFD: two different values become one there and stay two in the memory store (a jti
 * `x\ud800` after `x\ud801` was a replay with Redis and fresh in memory). GitHub's claims never hold one.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  assertClaimShapes,
  createOidcVerifier,
  OidcError,
  type OidcVerifier,
} from '../../shared/oidc/verify.js';
import { githubClaims, startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';

const AUD = 'https://broker.example.com';
let issuer: OidcIssuer;
let verifier: OidcVerifier;

beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  verifier = createOidcVerifier({ issuers: [issuer.url], audience: AUD });
});
afterAll(() => issuer.close());

function shapeRefusal(claims: Record<string, unknown>): OidcError | undefined {
  try {
    assertClaimShapes(claims);
    return undefined;
  } catch (err) {
    if (err instanceof OidcError) return err;
    throw err;
  }
}

const base = () => githubClaims('https://issuer.example', AUD);
const CLAIMS = ['sub', 'jti', 'actor', 'ref', 'environment', 'workflow', 'job_workflow_ref', 'head_ref'];

describe('no string claim holds an unpaired surrogate (s27)', () => {
  it.each([
    ['jti', 'x\ud800'],
    ['workflow', 'release \udfff'],
    ['environment', '\udbffproduction'],
    ['sub', 'repo:octo-org/octo-repo:environment:prod\ud83d'],
  ])('refuses %s %j on a signed token, naming the claim and the index', async (claim, value) => {
    let caught: unknown;
    try {
      await verifier.verify(await issuer.mint({ [claim]: value }));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(OidcError);
    const e = caught as OidcError;
    expect([e.code, e.claim]).toEqual(['ERR_OIDC_CLAIM_INVALID', claim]);
    expect(e.message).toMatch(/unpaired surrogate U\+D[89A-F][0-9A-F]{2} at index \d+/);
    // Nothing of the value is echoed: the message holds no surrogate at all.
    expect(e.message).not.toMatch(/[\ud800-\udfff]/);
  });

  it('accepts the same claims with their pairs whole (an emoji is two units, one character)', async () => {
    await expect(
      verifier.verify(await issuer.mint({ workflow: 'release \ud83d\ude80', environment: 'prod 🚀' })),
    ).resolves.toMatchObject({ workflow: 'release 🚀' });
  });

  it('refuses any claim value holding a lone surrogate, naming that claim; accepts every well-formed one', () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    // Text around it that cannot pair with it: letters only.
    const text = fc.string({ maxLength: 12, unit: fc.constantFrom(...'abc-_/ 1') });
    fc.assert(
      fc.property(fc.constantFrom(...CLAIMS), text, lone, text, (claim, before, c, after) => {
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
