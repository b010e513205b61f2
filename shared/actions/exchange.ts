/**
 * actions/exchange (and the first step of actions/run): the job's OIDC token -> the broker -> a
 * step-scoped credential, masked the moment it exists, set as an output, recorded in the trail.
 */
import * as core from '@actions/core';
import { annotations } from './annotations.js';
import { appendTrail } from '../audit/trail.js';
import { BrokerClientError, exchange } from './broker-client.js';
import type { ActionEntry } from './index.js';
import { maskedIdTokens } from './oidc-token.js';
import { UNNAMED_STEP, unnamedStep } from '../workflow/own-action.js';

/**
 * The step name the grant is keyed by: the `step` input, which defaults to `github.action` — the id
 * of the step that uses the action. A step without an id has a generated `__owner_repo` name that
 * no manifest can name, so it is refused with the fix.
 */
export function stepName(input: string): string {
  const step = input.trim();
  if (unnamedStep(step)) throw new Error(UNNAMED_STEP);
  return step;
}

export const exchangeAction: ActionEntry = {
  async run(_argv, io) {
    const brokerUrl = core.getInput('broker-url', { required: true });
    const audience = core.getInput('audience', { required: true });
    const scope = core.getInput('scope');
    const oidcAudience = core.getInput('oidc-audience') || brokerUrl;
    let step: string;
    try {
      step = stepName(core.getInput('step'));
    } catch (err) {
      annotations.setFailed((err as Error).message);
      return 2;
    }
    const job = io.env.GITHUB_JOB ?? '';
    if (!io.env.ACTIONS_ID_TOKEN_REQUEST_URL) {
      annotations.setFailed(
        "no OIDC token available: the job needs 'permissions: id-token: write' (ACTIONS_ID_TOKEN_REQUEST_URL is not set)",
      );
      return 1;
    }
    const fresh = maskedIdTokens(oidcAudience);
    // A fresh token per attempt (broker-client.ts exchange): a retry with a used jti is a replay.
    let first: string | undefined = await fresh();
    const oidc = async () => {
      const token = first ?? (await fresh());
      first = undefined;
      return token;
    };
    try {
      const result = await exchange(brokerUrl, { subjectToken: oidc, audience, scope, job, step });
      // Masked before anything else touches it: outputs, logs and the trail never see it in clear.
      core.setSecret(result.access_token);
      core.setOutput('token', result.access_token);
      const expiresAt = new Date(Date.now() + result.expires_in * 1000).toISOString();
      core.setOutput('expires-at', expiresAt);
      core.setOutput('grant-id', result.grant_id);
      core.setOutput('scope', result.scope);
      appendTrail(io.env, {
        type: 'credential.granted',
        outcome: 'success',
        step,
        audience,
        scope: result.scope,
        grant_id: result.grant_id,
        ttl: result.expires_in,
        expires_at: expiresAt,
        attempts: result.attempts,
      });
      core.info(
        `stepwarden: ${audience} credential for step '${step}' (scope '${result.scope}', ${result.expires_in}s, grant ${result.grant_id})`,
      );
      return 0;
    } catch (err) {
      const e =
        err instanceof BrokerClientError ? err : new BrokerClientError(0, 'error', (err as Error).message);
      appendTrail(io.env, {
        type: 'credential.refused',
        outcome: 'denied',
        reason: e.code,
        detail: e.description,
        step,
        audience,
        ...(scope ? { scope } : {}),
      });
      // The step name is a workflow value, shown in GitHub's UI: invisible characters written out.
      annotations.setFailed(`the broker refused the credential for step '${step}': ${e.description}`);
      return 1;
    }
  },
};
