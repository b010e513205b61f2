/**
 * The actions' OIDC tokens for the broker: a fresh one per broker attempt, masked the moment it
 * exists. The broker uses a token's jti once, even when its answer never arrived (an instance killed
 * mid-call), so a retry with the same token is a replay; broker-client.ts `post()` calls the supplier
 * once per attempt (the exchange and the job end alike: one retry loop).
 */
import * as runner from './runner.js';

/**
 * The job's OIDC token for `audience` from the runner's endpoint (`@actions/core` getIDToken, which
 * masks it). The toolkit loads here, on the first call: its HTTP client (undici) is the only part of it
 * the actions need, and the required check never asks for a token (runner.ts).
 */
export async function jobIdToken(audience: string): Promise<string> {
  const { getIDToken } = await import('@actions/core');
  return getIDToken(audience);
}

/** A supplier of fresh OIDC tokens for `audience`, each masked (`runner.setSecret`) before it is returned. */
export function maskedIdTokens(
  audience: string,
  idToken: (audience: string) => Promise<string> = jobIdToken,
): () => Promise<string> {
  return async () => {
    const token = await idToken(audience);
    runner.setSecret(token);
    return token;
  };
}
