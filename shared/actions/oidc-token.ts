/**
 * The actions' OIDC tokens for the broker: a fresh one per broker attempt, masked the moment it
 * exists. The broker uses a token's jti once, even when its answer never arrived (an instance killed
 * mid-call), so a retry with the same token is a replay; broker-client.ts `post()` calls the supplier
 * once per attempt (the exchange and the job end alike: one retry loop).
 */
import * as core from '@actions/core';

/** A supplier of fresh OIDC tokens for `audience`, each masked (`core.setSecret`) before it is returned. */
export function maskedIdTokens(
  audience: string,
  idToken: (audience: string) => Promise<string> = (a) => core.getIDToken(a),
): () => Promise<string> {
  return async () => {
    const token = await idToken(audience);
    core.setSecret(token);
    return token;
  };
}
