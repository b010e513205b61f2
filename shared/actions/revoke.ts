/** The last step of actions/run (`if: always()`): revoke the credential so it lives as long as the command. */
import * as core from '@actions/core';
import { annotations } from './annotations.js';
import { appendTrail } from '../audit/trail.js';
import { revokeToken } from './broker-client.js';
import type { ActionEntry } from './index.js';

export const revokeAction: ActionEntry = {
  async run(_argv, io) {
    const brokerUrl = core.getInput('broker-url', { required: true });
    const token = core.getInput('token');
    const grantId = core.getInput('grant-id');
    const step = core.getInput('step');
    if (!token) {
      core.info('stepwarden: nothing to revoke (no credential was issued)');
      return 0;
    }
    core.setSecret(token);
    const audience = core.getInput('audience');
    const scope = core.getInput('scope');
    const where = {
      ...(step ? { step } : {}),
      ...(grantId ? { grant_id: grantId } : {}),
      ...(audience ? { audience } : {}),
      ...(scope ? { scope } : {}),
    };
    // actions/run passes its command's outcome: the credential's one use, recorded before it ends.
    const outcome = core.getInput('command-outcome');
    if (outcome === 'success' || outcome === 'failure' || outcome === 'cancelled')
      appendTrail(io.env, {
        type: 'credential.used',
        outcome: outcome === 'success' ? 'success' : 'error',
        ...(outcome !== 'success' ? { reason: `COMMAND_${outcome.toUpperCase()}` } : {}),
        ...where,
      });
    try {
      const n = await revokeToken(brokerUrl, token);
      appendTrail(io.env, {
        type: 'credential.revoked',
        outcome: 'success',
        reason: 'REVOKED_AFTER_COMMAND',
        ...where,
      });
      core.info(`stepwarden: credential ${grantId || ''} revoked (${n})`);
      return 0;
    } catch (err) {
      appendTrail(io.env, {
        type: 'credential.revoked',
        outcome: 'error',
        reason: 'ERR_REVOKE_FAILED',
        detail: (err as Error).message,
        ...where,
      });
      annotations.warning(
        `stepwarden: revocation failed, the broker will expire the credential at its ttl: ${(err as Error).message}`,
      );
      return 0;
    }
  },
};
