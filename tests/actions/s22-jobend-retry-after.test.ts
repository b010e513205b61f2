/**
 * Session 22: the job end's retry after a 429 (actions/audit `withFreshToken`). Session 21 metered the
 * job end (a per-repository bucket, `Retry-After` the seconds until it refills) on the ground that the
 * action retries a 429 after `Retry-After`. It did not: it retried with a fresh token after 0.5, 1 and
 * 2 s whatever the broker asked, so a bucket spent for the window refused all four attempts within
 * 3.5 s and the job's credentials lived to their ttl. Now a 429's wait is its `Retry-After` (at most a
 * minute), as the exchange's client always did.
 */
import { describe, expect, it } from '@jest/globals';
import { withFreshToken } from '../../shared/actions/audit.js';
import { BrokerClientError, retryWaitMs } from '../../shared/actions/broker-client.js';

describe('the job end retries a 429 after its Retry-After', () => {
  it('a bucket that refills 4 s on (past the old 0.5 + 1 + 2 s): the second attempt comes after it, with a fresh token, and succeeds', async () => {
    const calls: { at: number; oidc: string }[] = [];
    let minted = 0;
    const start = Date.now();
    const answer = await withFreshToken(
      'aud',
      async (oidc) => {
        calls.push({ at: Date.now() - start, oidc });
        if (Date.now() - start < 3900)
          throw new BrokerClientError(429, 'temporarily_unavailable', 'ERR_RATE_LIMITED: job ends', 4);
        return 'ended';
      },
      async () => `oidc-${++minted}`,
    );
    expect(answer).toBe('ended');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at).toBeGreaterThanOrEqual(3900);
    expect(new Set(calls.map((c) => c.oidc)).size).toBe(2);
  });

  it('the wait rule: Retry-After (capped at a minute) when given, else 0.5 s doubling', () => {
    expect(retryWaitMs(0, 2)).toBe(2000);
    expect(retryWaitMs(2, 3600)).toBe(60_000);
    expect([0, 1, 2].map((a) => retryWaitMs(a, undefined))).toEqual([500, 1000, 2000]);
    expect(retryWaitMs(1, 0)).toBe(1000);
  });

  it('a refusal that is not 429 / 5xx / unreachable is not retried', async () => {
    let n = 0;
    await expect(
      withFreshToken(
        'aud',
        async () => {
          n++;
          throw new BrokerClientError(400, 'invalid_request', 'ERR_PARAM_INVALID: job', undefined);
        },
        async () => 'oidc',
      ),
    ).rejects.toThrow(/ERR_PARAM_INVALID/);
    expect(n).toBe(1);
  });
});
