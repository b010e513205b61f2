/**
 * The claim-shape suites' rig: a stand-in issuer and a verifier for its tokens, the verifier's refusal
 * of a token, and the pure shape check's refusal of a claim set (as the verifier runs it after the
 * signature). Call inside a describe or at a suite's top level (it registers beforeAll/afterAll).
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import {
  assertClaimShapes,
  createOidcVerifier,
  OidcError,
  type OidcVerifier,
} from '../../shared/oidc/verify.js';
import { githubClaims, startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';

export const AUD = 'https://broker.example.com';

export interface ShapeRig {
  readonly issuer: OidcIssuer;
  /** The verifier's refusal of `token` (fails the test when it is accepted). */
  refusal(token: string): Promise<OidcError>;
  readonly verifier: OidcVerifier;
}

export function shapeRig(): ShapeRig {
  let issuer: OidcIssuer | undefined;
  let verifier: OidcVerifier | undefined;
  beforeAll(async () => {
    issuer = await startOidcIssuer({ audience: AUD });
    verifier = createOidcVerifier({ issuers: [issuer.url], audience: AUD });
  });
  afterAll(() => issuer?.close());
  return {
    get issuer() {
      return issuer!;
    },
    get verifier() {
      return verifier!;
    },
    async refusal(token) {
      try {
        await verifier!.verify(token);
      } catch (err) {
        expect(err).toBeInstanceOf(OidcError);
        return err as OidcError;
      }
      throw new Error('expected a refusal');
    },
  };
}

/** The shape check alone: its refusal, or undefined. */
export function shapeRefusal(claims: Record<string, unknown>): OidcError | undefined {
  try {
    assertClaimShapes(claims);
    return undefined;
  } catch (err) {
    if (err instanceof OidcError) return err;
    throw err;
  }
}

/** GitHub-shaped claims for the pure check. */
export const baseClaims = () => githubClaims('https://issuer.example', AUD);
