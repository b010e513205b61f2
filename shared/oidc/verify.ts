/**
 * OIDC token verification, the same code for the broker and `stepwarden verify`.
 * CONTRACT (implemented by the oidc work): the signatures below are fixed; the body is to be written.
 */
import type { JSONWebKeySet } from 'jose';
import type { GithubOidcClaims } from './claims.js';

export interface OidcVerifierOptions {
  /** Trusted issuers, exact match; keys come from each issuer's discovery document and JWKS. */
  readonly issuers: readonly string[];
  /** The `aud` the token must carry (exact match against a string or one of an array). */
  readonly audience: string;
  /** A fixed key set instead of discovery (`verify --jwks FILE`). */
  readonly jwks?: JSONWebKeySet;
  /** Leeway for exp/nbf/iat, seconds (default 60). */
  readonly clockToleranceSeconds?: number;
  /** The clock, in Unix seconds (default: now). `verify --at` fixes it. */
  readonly now?: () => number;
  /** Injected fetch for discovery/JWKS (tests); default global fetch. */
  readonly fetch?: typeof fetch;
}

/** A refusal with a stable code (ERR_OIDC_*) and, where it applies, the claim concerned. */
export class OidcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly claim?: string,
  ) {
    super(message);
    this.name = 'OidcError';
  }
}

export interface OidcVerifier {
  /** Resolves to the verified claims or rejects with an OidcError. Never logs the token. */
  verify(token: string): Promise<GithubOidcClaims>;
}

export declare function createOidcVerifier(options: OidcVerifierOptions): OidcVerifier;
